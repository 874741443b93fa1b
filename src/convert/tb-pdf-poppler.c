/* tb-pdf-poppler.c: poppler-glib, opened the first time a PDF is read
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * poppler (with libstdc++) is the largest library Tianbao uses, and only importing a PDF
 * needs it. Linked, it costs every start of the app and of tianbao-cli about 3 MiB of
 * memory and some milliseconds of relocations (issue 14; measured by build-aux/bench-gui's
 * "loads every library the app links" line). So it is opened here with GModule the first
 * time, as evince opens its PDF backend, and stays open for the life of the process. The
 * readers call poppler through the table below; the types and constants still come from
 * <poppler.h>, checked by the compiler against the same version.
 */
#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "tb-pdf-private.h"
#include "tb-pdf-reader.h"

static TbPoppler poppler;
static char *load_error;

#define SYMBOL(field, name) { G_STRUCT_OFFSET (TbPoppler, field), name }

static const struct
{
  glong       offset;
  const char *name;
} symbols[] = {
  SYMBOL (error_quark, "poppler_error_quark"),
  SYMBOL (document_new_from_bytes, "poppler_document_new_from_bytes"),
  SYMBOL (document_get_n_pages, "poppler_document_get_n_pages"),
  SYMBOL (document_get_page, "poppler_document_get_page"),
  SYMBOL (document_get_title, "poppler_document_get_title"),
  SYMBOL (page_get_size, "poppler_page_get_size"),
  SYMBOL (page_get_text, "poppler_page_get_text"),
  SYMBOL (page_get_text_layout, "poppler_page_get_text_layout"),
  SYMBOL (page_render, "poppler_page_render"),
};

static gpointer
load (gpointer data)
{
  GModule *module = g_module_open (TB_POPPLER_GLIB_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gpointer *slot = G_STRUCT_MEMBER_P (&poppler, symbols[i].offset);

      if (!g_module_symbol (module, symbols[i].name, slot) || *slot == NULL)
        {
          load_error = g_strdup (g_module_error ());
          g_module_close (module);
          return NULL;
        }
    }
  /* Its GTypes are registered for good once used: it must never be unloaded. */
  g_module_make_resident (module);
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
