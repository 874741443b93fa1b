/* test-gui-combine.c: Combine Reports in the app (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three reports combine into a summary window whose tables add up, with a breakdown whose
 * values are each agency's and whose CSV is the CLI's, which says why an input is not
 * ready, opens an input from its row, and which the summary's window brings back once
 * closed; reports on different years are refused, and so is a report given twice.
 */
#define G_LOG_DOMAIN "test-gui-combine"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tb-combine-input.h"
#include "tb-combine-window-private.h"
#include "tb-draft.h"
#include "tb-merge-stream.h"
#include "tb-test-carry.h"
#include "tb-test-util.h"
#include "tb-value.h"
#include "tb-window-private.h"

/* ---- Combine Reports ------------------------------------------------------------------ */

static const char *const agencies[] = { "甲县审计局", "甲县财政局", "甲县教育局" };

/* Three reports on 2024; @unfilled: a cell left empty in the third, or NULL. */
static GStrv
make_inputs (const char *unfilled,
             TbReport  **reports)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv paths;

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.tianbao", i + 1);
      g_autofree char *path = NULL;

      reports[i] = tb_test_make_report ("2021", 2024, agencies[i], 11 + i);
      if (unfilled != NULL && i == 2)
        tb_test_clear (reports[i], unfilled);
      path = tb_test_save_report (reports[i], "county", name);
      g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return paths;
}

static void
test_combine (void)
{
  TbReport *inputs[G_N_ELEMENTS (agencies)] = { NULL, };
  g_auto(GStrv) paths = make_inputs (NULL, inputs);
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "out", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "gui.csv", NULL);
  g_autofree char *cli_csv = g_build_filename (dir, "cli.csv", NULL);
  g_autofree char *cli_out = g_build_filename (dir, "cli.tianbao", NULL);
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window = tb_test_new_window ();
  TbWindow *summary_window;
  TbCombineWindow *breakdown;
  TbReport *summary;
  const TbFormat *format;
  guint n_table_cells = 0, n_t3 = 0, n_match = 0;

  breakdown = tb_test_combine (window, (const char *const *) paths, "甲县人民政府办公室");
  summary = tb_combine_window_get_summary (breakdown);
  format = tb_report_get_format (summary);
  g_assert_cmpstr (tb_report_get_agency (summary), ==, "甲县人民政府办公室");
  g_assert_cmpint (tb_report_get_year (summary), ==, 2024);

  /* The summary in a window of its own (the untouched one), not saved yet. */
  summary_window = tb_test_find_window_showing (summary);
  g_assert_true (summary_window == window);
  g_assert_null (tb_window_get_path (summary_window));
  g_assert_true (tb_document_get_modified (tb_window_get_document (summary_window)));

  /* Every table cell is the sum of the agencies' cells; the tables add up. */
  for (guint c = 0; c < tb_format_get_n_cells (format); c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, c);
      gint64 sum = 0;

      if (tb_format_find_table (format, spec->table_id) == NULL)
        continue;
      n_table_cells++;
      for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
        sum += tb_test_get (inputs[i], spec->id);
      g_assert_cmpint (tb_test_get (summary, spec->id), ==, sum);
    }
  g_assert_cmpuint (n_table_cells, ==,
                    tb_format_find_table (format, "t2")->n_cells +
                    tb_format_find_table (format, "t3")->n_cells +
                    tb_format_find_table (format, "t4")->n_cells);
  checked = tb_rules_check (summary);
  tb_test_dump_issues (checked);
  for (guint i = 0; i < checked->len; i++)
    g_assert_cmpint (((TbIssue *) g_ptr_array_index (checked, i))->severity, !=,
                     TB_SEVERITY_ERROR);
  /* The summary's window says the same (only its texts are left to write). */
  for (guint i = 0; i < tb_test_window_issues (summary_window)->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (tb_window_get_issues (summary_window), i);

      g_assert_cmpint (issue->severity, !=, TB_SEVERITY_ERROR);
      if (issue->severity == TB_SEVERITY_INCOMPLETE)
        g_assert_true (g_str_has_prefix (issue->rule, "TXT-"));
    }

  /* The breakdown: labels, the sum, one column per agency. */
  columns = tb_combine_window_list_columns (breakdown);
  g_assert_cmpuint (columns->len, ==, 3 + 1 + G_N_ELEMENTS (agencies));
  g_assert_cmpstr (g_ptr_array_index (columns, 3), ==, "Sum");
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    g_assert_cmpstr (g_ptr_array_index (columns, 4 + i), ==, agencies[i]);
  g_assert_cmpuint (tb_combine_window_get_n_not_ready (breakdown), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_autofree char *shown = tb_combine_window_dup_value (breakdown, "t3.r3_1_open.biz", i);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   tb_test_get (inputs[i], "t3.r3_1_open.biz"));

      g_assert_cmpstr (shown, ==, expected);
    }
  {
    g_autofree char *shown = tb_combine_window_dup_value (breakdown, "t3.r3_1_open.biz", -1);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 tb_test_get (summary, "t3.r3_1_open.biz"));

    g_assert_cmpstr (shown, ==, expected);
  }
  {
    /* Amounts show as the CSV has them. */
    g_autofree char *shown = tb_combine_window_dup_value (breakdown, "s6.fee_notified", 0);
    g_autofree char *expected = tb_test_dup_text (inputs[0], "s6.fee_notified");

    g_assert_cmpstr (shown, ==, expected);
  }

  /* All cells, one part, or the cells a search finds. */
  g_assert_cmpuint (tb_combine_window_get_n_shown (breakdown), ==,
                    tb_format_get_n_cells (format));
  tb_combine_window_show_cells (breakdown, "s3", NULL);
  n_t3 = tb_format_find_table (format, "t3")->n_cells;
  g_assert_cmpuint (tb_combine_window_get_n_shown (breakdown), ==, n_t3);
  tb_combine_window_show_cells (breakdown, NULL, "上年结转");
  for (guint c = 0; c < tb_format_get_n_cells (format); c++)
    n_match += strstr (tb_format_get_cell (format, c)->row_path, "上年结转") != NULL;
  g_assert_cmpuint (n_match, ==, 7);
  g_assert_cmpuint (tb_combine_window_get_n_shown (breakdown), ==, n_match);
  tb_combine_window_show_cells (breakdown, "s2", "上年结转");
  g_assert_cmpuint (tb_combine_window_get_n_shown (breakdown), ==, 0);
  tb_combine_window_show_cells (breakdown, NULL, NULL);
  g_assert_cmpuint (tb_combine_window_get_n_shown (breakdown), ==,
                    tb_format_get_n_cells (format));

  /* Never over a report: an input, or a link to one. */
  {
    g_autofree char *link = g_strconcat (csv_path, ".link.csv", NULL);
    g_autoptr(GBytes) before = tb_test_read_bytes (paths[0]);
    g_autoptr(GBytes) after = NULL;

    g_assert_false (tb_test_export_csv (breakdown, paths[0], &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_cmpint (symlink (paths[0], link), ==, 0);
    g_assert_false (tb_test_export_csv (breakdown, link, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
    after = tb_test_read_bytes (paths[0]);
    g_assert_true (g_bytes_equal (before, after));
    g_unlink (link);
  }

  /* Export CSV writes what `tianbao-cli merge --breakdown` writes. */
  g_assert_true (tb_test_export_csv (breakdown, csv_path, &error));
  g_assert_no_error (error);
  {
    const char *cli = g_getenv ("TIANBAO_CLI");
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) argv = NULL;
    g_autoptr(GBytes) a = NULL;
    g_autoptr(GBytes) b = NULL;
    int status = -1;

    if (cli == NULL)
      g_test_message ("TIANBAO_CLI is not set: the CSV is not compared with the CLI's");
    else
      {
        g_strv_builder_add_many (builder, cli, "merge", "-o", cli_out, "--agency",
                                 "甲县人民政府办公室", "--breakdown", cli_csv,
                                 "--breakdown-by", "cell", NULL);
        g_strv_builder_addv (builder, (const char **) paths);
        argv = g_strv_builder_end (builder);
        g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                     NULL, NULL, &status, &error));
        g_assert_no_error (error);
        a = tb_test_read_bytes (csv_path);
        b = tb_test_read_bytes (cli_csv);
        g_assert_cmpuint (g_bytes_get_size (a), >, 1000);
        g_assert_true (g_bytes_equal (a, b));
      }
  }

  /* The sum follows the summary when the clerk changes it. */
  tb_test_set (summary, "t2.reg.made", "1000");
  tb_test_spin ();
  {
    g_autofree char *shown = tb_combine_window_dup_value (breakdown, "t2.reg.made", -1);

    g_assert_cmpstr (shown, ==, "1000");
  }

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    g_object_unref (inputs[i]);
  tb_test_close_all ();
}

static void
test_combine_not_ready (void)
{
  TbReport *inputs[G_N_ELEMENTS (agencies)] = { NULL, };
  g_auto(GStrv) paths = make_inputs ("t3.r3_1_open.law", inputs);
  TbWindow *window = tb_test_new_window ();
  TbCombineWindow *breakdown;
  TbReport *summary;
  g_autofree char *empty = NULL;
  g_autofree char *other = NULL;
  g_autofree char *third = NULL;

  breakdown = tb_test_combine (window, (const char *const *) paths, NULL);
  summary = tb_combine_window_get_summary (breakdown);
  g_assert_cmpstr (tb_report_get_agency (summary), ==, "Summary");
  g_assert_cmpuint (tb_combine_window_get_n_not_ready (breakdown), ==, 1);
  g_assert_cmpint (tb_test_state (summary, "t3.r3_1_open.law"), ==, TB_CELL_EMPTY);
  empty = tb_combine_window_dup_value (breakdown, "t3.r3_1_open.law", -1);
  g_assert_cmpstr (empty, ==, "—");
  third = tb_combine_window_dup_value (breakdown, "t3.r3_1_open.law", 2);
  g_assert_cmpstr (third, ==, "—");
  other = tb_combine_window_dup_value (breakdown, "t3.r3_1_open.np", -1);
  g_assert_cmpint (g_ascii_strtoll (other, NULL, 10), ==,
                   tb_test_get (inputs[0], "t3.r3_1_open.np") +
                   tb_test_get (inputs[1], "t3.r3_1_open.np") +
                   tb_test_get (inputs[2], "t3.r3_1_open.np"));

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    g_object_unref (inputs[i]);
  tb_test_close_all ();
}

/* What the breakdown's list of inputs says about input @index: "FILE", or "FILE — STATUS"
 * when it is not ready. The list shows the window's model. */
static char *
input_subtitle (TbCombineWindow *breakdown,
                int              index)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (tb_test_inputs_view (breakdown)));
  g_autoptr(TbCombineInput) input = g_list_model_get_item (model, (guint) index);

  g_assert_nonnull (input);
  g_assert_cmpuint (tb_combine_input_get_index (input), ==, (guint) index);
  if (tb_combine_input_is_ready (input))
    return g_strdup (tb_combine_input_get_file (input));
  return g_strdup_printf ("%s — %s", tb_combine_input_get_file (input),
                          tb_combine_input_get_summary (input));
}

/* A report that is not ready says why, naming only what it has: no "0 errors". */
static void
test_combine_not_ready_reason (void)
{
  TbReport *inputs[G_N_ELEMENTS (agencies)] = { NULL, };
  g_auto(GStrv) paths = make_inputs ("t3.r3_1_open.law", inputs);
  TbWindow *window = tb_test_new_window ();
  TbCombineWindow *breakdown = tb_test_combine (window, (const char *const *) paths, NULL);
  const TbMergeInput *in = tb_merge_get_input (tb_combine_window_get_merge (breakdown), 2);
  g_autofree char *subtitle = input_subtitle (breakdown, 2);
  g_autofree char *first = input_subtitle (breakdown, 0);
  TbWindow *opened;

  g_test_message ("%s", subtitle);
  g_assert_false (in->ready);
  g_assert_cmpuint (in->n_errors, ==, 0);
  g_assert_cmpuint (in->n_unfilled, ==, 1);
  g_assert_true (g_str_has_prefix (subtitle, "3.tianbao — Not ready: "));
  g_assert_nonnull (strstr (subtitle, "1 cell not filled or unreadable"));
  g_assert_null (strstr (subtitle, "error"));
  g_assert_null (strstr (subtitle, " 0 "));
  g_assert_null (strstr (subtitle, ": 0"));
  if (in->n_incomplete == 0)
    g_assert_null (strstr (subtitle, "incomplete"));
  /* The ready ones say so. */
  g_assert_cmpstr (first, ==, "1.tianbao");

  /* Activating a row opens that report in a window of its own. */
  opened = tb_test_open_input (breakdown, 2, paths[2]);
  g_assert_nonnull (opened);
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (opened)), ==, agencies[2]);

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    g_object_unref (inputs[i]);
  tb_test_close_all ();
}

/* Closed, the breakdown can be brought back from the summary's window (only there); it goes
 * with that window. */
static void
test_combine_show_breakdown (void)
{
  TbReport *inputs[G_N_ELEMENTS (agencies)] = { NULL, };
  g_auto(GStrv) paths = make_inputs (NULL, inputs);
  TbWindow *window = tb_test_new_window ();
  TbWindow *other;
  TbWindow *summary_window;
  TbCombineWindow *breakdown = tb_test_combine (window, (const char *const *) paths, NULL);

  summary_window = tb_test_find_window_showing (tb_combine_window_get_summary (breakdown));
  g_assert_nonnull (summary_window);
  g_assert_true (tb_window_get_breakdown (summary_window) == breakdown);
  other = tb_test_new_window ();
  g_assert_null (tb_window_get_breakdown (other));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (breakdown)));

  /* Closed: hidden, not gone. */
  gtk_window_close (GTK_WINDOW (breakdown));
  tb_test_spin ();
  g_assert_true (tb_test_find_combine_window () == breakdown);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (breakdown)));

  /* Show Breakdown in another window does nothing; in the summary's, it shows it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "win.show-breakdown", NULL));
  tb_test_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (breakdown)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary_window), "win.show-breakdown",
                                             NULL));
  tb_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (breakdown)));

  /* The summary's window closed: a hidden breakdown goes with it (it could not come back,
   * and would keep the application running); a shown one stays, and then closes for good. */
  gtk_window_close (GTK_WINDOW (breakdown));
  tb_test_spin ();
  g_object_add_weak_pointer (G_OBJECT (breakdown), (gpointer *) &breakdown);
  gtk_window_destroy (GTK_WINDOW (summary_window));
  tb_test_spin ();
  g_assert_null (breakdown);
  g_assert_null (tb_test_find_combine_window ());
  tb_test_close_all ();

  window = tb_test_new_window ();
  breakdown = tb_test_combine (window, (const char *const *) paths, NULL);
  summary_window = tb_test_find_window_showing (tb_combine_window_get_summary (breakdown));
  g_object_add_weak_pointer (G_OBJECT (breakdown), (gpointer *) &breakdown);
  gtk_window_destroy (GTK_WINDOW (summary_window));
  tb_test_spin ();
  g_assert_nonnull (breakdown);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (breakdown)));
  gtk_window_close (GTK_WINDOW (breakdown));
  tb_test_spin ();
  g_assert_null (breakdown);

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    g_object_unref (inputs[i]);
  tb_test_close_all ();
}

static void
test_combine_mixed_years (void)
{
  g_autoptr(TbReport) a = tb_test_make_report ("2021", 2024, "甲县审计局", 1);
  g_autoptr(TbReport) b = tb_test_make_report ("2021", 2023, "甲县财政局", 2);
  g_autofree char *pa = tb_test_save_report (a, "mixed", "a.tianbao");
  g_autofree char *pb = tb_test_save_report (b, "mixed", "b.tianbao");
  const char *paths[] = { pa, pb, NULL };
  const char *broken[] = { pa, "/nonexistent/c.tianbao", NULL };
  TbWindow *window = tb_test_new_window ();
  AdwMessageDialog *dialog;
  const char *body;

  tb_window_combine_paths (window, paths);
  tb_test_spin ();
  dialog = tb_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Combine the Reports");
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "2023"));
  g_assert_nonnull (strstr (body, "2024"));
  g_assert_nonnull (strstr (body, "Nothing was combined"));
  /* The files by name, not by their whole path. */
  g_assert_nonnull (strstr (body, "b.tianbao"));
  g_assert_null (strstr (body, g_get_home_dir ()));
  g_assert_null (tb_test_find_combine_window ());
  adw_message_dialog_response (dialog, "close");
  tb_test_spin ();

  /* A file that cannot be read: nothing either. */
  tb_window_combine_paths (window, broken);
  tb_test_spin ();
  g_assert_nonnull (tb_window_get_dialog (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (tb_window_get_dialog (window)), ==,
                   "Could Not Combine the Reports");
  g_assert_null (tb_test_find_combine_window ());
  g_assert_null (tb_window_get_path (window));
  tb_test_close_all ();
}

/* Body of the dialog that combining @paths ends in (it is closed). */
static char *
combine_refused (TbWindow          *window,
                 const char *const *paths)
{
  AdwMessageDialog *dialog;
  char *body;

  tb_window_combine_paths (window, paths);
  while (tb_window_get_dialog (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  tb_test_spin ();
  dialog = tb_window_get_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Combine the Reports");
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Nothing was combined"));
  g_assert_null (tb_test_find_combine_window ());
  adw_message_dialog_response (dialog, "close");
  tb_test_spin ();
  return body;
}

/* The same report twice (the same file, a link to it, a copy), or a summary with one of its
 * own inputs: refused, naming both; nothing is combined. */
static void
test_combine_twice (void)
{
  g_autoptr(TbReport) a = tb_test_make_report ("2021", 2024, "甲县审计局", 1);
  g_autoptr(TbReport) b = tb_test_make_report ("2021", 2024, "甲县财政局", 2);
  g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pa = tb_test_save_report (a, "twice", "a.tianbao");
  g_autofree char *pb = tb_test_save_report (b, "twice", "b.tianbao");
  g_autofree char *dir = g_path_get_dirname (pa);
  g_autofree char *link = g_build_filename (dir, "link.tianbao", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.tianbao", NULL);
  g_autofree char *ps = NULL;
  g_autofree char *data = NULL;
  gsize len;
  const char *same[] = { pa, pb, pa, NULL };
  const char *linked[] = { pa, link, NULL };
  const char *copied[] = { pa, pb, copy, NULL };
  const char *with_input[] = { NULL, pb, NULL };
  TbWindow *window = tb_test_new_window ();
  struct { const char *const *paths; const char *first, *second; } cases[] = {
    { same, "a.tianbao", "a.tianbao" },
    { linked, "link.tianbao", "a.tianbao" },
    { copied, "copy.tianbao", "b.tianbao" },
    { with_input, "b.tianbao", "sum.tianbao" },
  };

  g_assert_cmpint (symlink ("a.tianbao", link), ==, 0);
  g_assert_true (g_file_get_contents (pb, &data, &len, NULL));
  g_assert_true (g_file_set_contents (copy, data, (gssize) len, NULL));
  tb_merge_stream_add_file (merge, pa);
  tb_merge_stream_add_file (merge, pb);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  summary = tb_merge_stream_build (merge, "甲县", NULL, &error);
  g_assert_no_error (error);
  ps = tb_test_save_report (summary, "twice", "sum.tianbao");
  with_input[0] = ps;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = combine_refused (window, cases[i].paths);

      g_assert_nonnull (strstr (body, cases[i].first));
      g_assert_nonnull (strstr (body, cases[i].second));
      g_assert_null (strstr (body, g_get_home_dir ()));
    }
  tb_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_carry_init (&argc, &argv, "io.github.tianbao.Tianbao.TestCombine"))
    return 0;

  g_test_add_func ("/gui/combine/combine", test_combine);
  g_test_add_func ("/gui/combine/not-ready", test_combine_not_ready);
  g_test_add_func ("/gui/combine/not-ready-reason", test_combine_not_ready_reason);
  g_test_add_func ("/gui/combine/show-breakdown", test_combine_show_breakdown);
  g_test_add_func ("/gui/combine/mixed-years", test_combine_mixed_years);
  g_test_add_func ("/gui/combine/twice", test_combine_twice);

  return tb_test_carry_run ();
}
