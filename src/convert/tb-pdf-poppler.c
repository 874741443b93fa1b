/* tb-pdf-poppler.c: poppler-glib, opened the first time a PDF is read (tb-library.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-library.h"
#include "tb-pdf-private.h"
#include "tb-pdf-reader.h"

static TbPoppler poppler;
static char *load_error;

static const TbLibrarySymbol symbols[] = {
  { G_STRUCT_OFFSET (TbPoppler, error_quark), "poppler_error_quark" },
  { G_STRUCT_OFFSET (TbPoppler, document_new_from_bytes), "poppler_document_new_from_bytes" },
  { G_STRUCT_OFFSET (TbPoppler, document_get_n_pages), "poppler_document_get_n_pages" },
  { G_STRUCT_OFFSET (TbPoppler, document_get_page), "poppler_document_get_page" },
  { G_STRUCT_OFFSET (TbPoppler, document_get_title), "poppler_document_get_title" },
  { G_STRUCT_OFFSET (TbPoppler, page_get_size), "poppler_page_get_size" },
  { G_STRUCT_OFFSET (TbPoppler, page_get_text), "poppler_page_get_text" },
  { G_STRUCT_OFFSET (TbPoppler, page_get_text_layout), "poppler_page_get_text_layout" },
  { G_STRUCT_OFFSET (TbPoppler, page_render), "poppler_page_render" },
};

static gpointer
load (gpointer data)
{
  if (!tb_library_open (TB_POPPLER_GLIB_SONAME, symbols, G_N_ELEMENTS (symbols), &poppler,
                        &load_error))
    return NULL;
  return &poppler;
}

const TbPoppler *
_tb_pdf_poppler_load (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const TbPoppler *p = g_once (&once, load, NULL);

  if (p == NULL)
    g_set_error (error, TB_PDF_ERROR, TB_PDF_ERROR_UNAVAILABLE,
                 /* TRANSLATORS: %s is the library's file name, then the system's message */
                 _("Reading PDF files needs the library %s, which could not be opened (%s). "
                   "Install poppler-glib, or import the Word file or the web page of the "
                   "report instead."),
                 TB_POPPLER_GLIB_SONAME, load_error != NULL ? load_error : "?");
  return p;
}

const TbPoppler *
_tb_pdf_poppler (void)
{
  g_assert (poppler.page_get_size != NULL);
  return &poppler;
}
