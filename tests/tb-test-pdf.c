/* tb-test-pdf.c: what the tests of the PDF export share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-pdf.h.
 */

#define G_LOG_DOMAIN "tb-test-pdf"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "tb-pdf.h"

#include "tb-test-pdf.h"
#include "tb-test-util.h"

void
tb_test_pdf_free (TbTestPdf *tmp)
{
  g_autoptr(GDir) dir = g_dir_open (tmp->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (tmp->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (tmp->dir);
  g_free (tmp->dir);
  g_free (tmp->path);
  g_free (tmp);
}

TbTestPdf *
tb_test_export_pdf (TbReport              *report,
                    const TbLayoutOptions *options)
{
  TbTestPdf *tmp = g_new0 (TbTestPdf, 1);
  g_autoptr(GError) error = NULL;

  tmp->dir = g_dir_make_tmp ("test-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  tmp->path = g_build_filename (tmp->dir, "report.pdf", NULL);
  g_assert_true (tb_pdf_export (report, options, tmp->path, &error));
  g_assert_no_error (error);

  /* For looking at the output: TB_TEST_PDF_KEEP=DIR keeps a copy of every export. */
  if (g_getenv ("TB_TEST_PDF_KEEP") != NULL)
    {
      static guint serial = 0;
      g_autofree char *name = g_strdup_printf ("%s-%02u.pdf", g_test_get_path () + 1, serial++);
      g_autofree char *keep = NULL;
      g_autofree char *data = NULL;
      gsize len;

      g_strdelimit (name, "/", '_');
      keep = g_build_filename (g_getenv ("TB_TEST_PDF_KEEP"), name, NULL);
      g_assert_true (g_file_get_contents (tmp->path, &data, &len, NULL));
      g_assert_true (g_file_set_contents (keep, data, len, NULL));
    }
  return tmp;
}

char *
tb_test_pdf_raw_text (const char *path,
                      int         page)
{
  g_autofree char *page_s = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char *one[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", page_s, "-l", page_s,
                        path, "-", NULL };

  return tb_test_run_tool (page > 0 ? one : all);
}
