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

static const TbLibrarySymbol symbols[] = {
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_error_quark),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_document_new_from_bytes),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_document_get_n_pages),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_document_get_page),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_document_get_title),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_page_get_size),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_page_get_text),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_page_get_text_layout),
  TB_LIBRARY_SYMBOL (TbPoppler, poppler_page_render),
};

static TbLibrary library = TB_LIBRARY_INIT (TB_POPPLER_GLIB_SONAME, symbols, &poppler);

const TbPoppler *
_tb_pdf_poppler_load (GError **error)
{
  const char *message;

  if (tb_library_ensure (&library, &message))
    return &poppler;
  g_set_error (error, TB_PDF_ERROR, TB_PDF_ERROR_UNAVAILABLE,
               /* TRANSLATORS: %s is the library's file name, then the system's message */
               _("Reading PDF files needs the library %s, which could not be opened (%s). "
                 "Install poppler-glib, or import the Word file or the web page of the "
                 "report instead."),
               TB_POPPLER_GLIB_SONAME, message);
  return NULL;
}

const TbPoppler *
_tb_pdf_poppler (void)
{
  g_assert (poppler.poppler_page_get_size != NULL);
  return &poppler;
}
