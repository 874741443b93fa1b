/* test-print.c: the page renderer behind GtkPrintOperation (print to file), suite gui
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints a full report through GtkPrintOperation's export action (what "Print to File"
 * does) with tb_layout_draw_page(), as the window's Print action does, and checks that the
 * result is the same document as tb_pdf_export(): same pages, same text, embedded fonts,
 * deterministic bytes once tb_pdf_set_metadata() is applied to the print target.
 */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tb-layout.h"
#include "tb-fonts.h"
#include "tb-pdf.h"

#include "tb-test-util.h"

typedef struct
{
  TbReport *report;
  TbLayout *layout;
  guint     drawn;
} PrintJob;

static void
on_begin_print (GtkPrintOperation *op,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = user_data;
  cairo_surface_t *target = cairo_get_target (gtk_print_context_get_cairo_context (context));

  job->layout = tb_layout_new (job->report, NULL);
  gtk_print_operation_set_n_pages (op, (int) tb_layout_get_n_pages (job->layout));
  /* Fixed dates: the same report prints to the same bytes (TOOLCHAIN.md pitfall 9). */
  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_PDF)
    tb_pdf_set_metadata (target, job->report);
}

static void
on_draw_page (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  PrintJob *job = user_data;

  /* Points, origin at the paper's corner: the units TbLayout draws in. */
  g_assert_cmpfloat (fabs (gtk_print_context_get_width (context) - 595.28), <, 0.5);
  tb_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context),
                       (guint) page_nr);
  job->drawn++;
}

static void
print_to_file (TbReport   *report,
               const char *path,
               guint      *n_pages)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  PrintJob job = { report, NULL, 0 };
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_export_filename (op, path);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print), &job);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page), &job);

  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_nonnull (job.layout);
  g_assert_cmpuint (job.drawn, ==, tb_layout_get_n_pages (job.layout));
  *n_pages = tb_layout_get_n_pages (job.layout);
  g_object_unref (job.layout);
}

static void
test_print_to_file (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-print-XXXXXX", &error);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *again = g_build_filename (dir, "again.pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.pdf", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize a_len, b_len;
  guint pages = 0, pages_again = 0;

  g_assert_no_error (error);
  /* The roles chosen (Preferences) are printed as they are exported. */
  tb_font_role_set_chosen (TB_FONT_ROLE_BODY, "Noto Sans CJK SC");
  print_to_file (report, printed, &pages);
  print_to_file (report, again, &pages_again);
  g_assert_true (tb_pdf_export (report, NULL, exported, &error));
  g_assert_no_error (error);

  /* The same document as the direct export. */
  {
    const char *info[] = { "pdfinfo", printed, NULL };
    g_autofree char *out = tb_test_run_tool (info);
    g_autofree char *expect = g_strdup_printf ("^Pages: +%u$", pages);
    const char *t1[] = { "pdftotext", "-raw", "-enc", "UTF-8", printed, "-", NULL };
    const char *t2[] = { "pdftotext", "-raw", "-enc", "UTF-8", exported, "-", NULL };
    g_autofree char *text_printed = tb_test_run_tool (t1);
    g_autofree char *text_exported = tb_test_run_tool (t2);
    const char *fonts[] = { "pdffonts", printed, NULL };
    const char *fonts_exported[] = { "pdffonts", exported, NULL };
    g_autofree char *font_list = tb_test_run_tool (fonts);
    g_autofree char *font_list_exported = tb_test_run_tool (fonts_exported);

    g_assert_true (g_regex_match_simple (expect, out, G_REGEX_MULTILINE, 0));
    g_assert_nonnull (strstr (out, "595.276 x 841.89 pts (A4)"));
    g_assert_cmpstr (text_printed, ==, text_exported);
    g_assert_nonnull (strstr (text_printed, "三、收到和处理政府信息公开申请情况"));
    g_assert_null (strstr (font_list, " no "));   /* every font embedded */
    /* The same subset fonts (their tags name the glyphs each holds), the chosen body among
     * them. */
    {
      g_autoptr(GRegex) tag = g_regex_new ("^[A-Z]{6}\\+", G_REGEX_MULTILINE, 0, NULL);
      g_autofree char *a_fonts = g_regex_replace (tag, font_list, -1, 0, "", 0, NULL);
      g_autofree char *b_fonts = g_regex_replace (tag, font_list_exported, -1, 0, "", 0, NULL);

      g_assert_cmpstr (a_fonts, ==, b_fonts);
    }
    if (tb_fonts_is_installed ("Noto Sans CJK SC"))
      g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+NotoSansCJK[a-zA-Z]*-Regular ",
                                           font_list, G_REGEX_MULTILINE, 0));
  }
  tb_font_role_reset_chosen ();

  /* Printing twice gives the same bytes. */
  g_assert_true (g_file_get_contents (printed, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (again, &b, &b_len, NULL));
  g_assert_cmpuint (a_len, ==, b_len);
  g_assert_true (memcmp (a, b, a_len) == 0);
  /* ... because the dates come from the report, not the clock. */
  g_assert_nonnull (memmem (a, a_len, "/CreationDate (20220120083000Z)", 31));

  g_unlink (printed);
  g_unlink (again);
  g_unlink (exported);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/print/to-file", test_print_to_file);

  return g_test_run ();
}
