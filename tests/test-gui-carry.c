/* test-gui-carry.c: last year's report in the app (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the window's dialogs as the clerk does (the file choosers are replaced by what
 * choosing a file does): a new report started from last year's has 上年结转 right and
 * T3-5 fires when it is changed; a draft naming last year's report gets it attached when
 * opened, and one naming a missing file opens with a notice. Combine Reports:
 * test-gui-combine.c and test-gui-combine-many.c.
 */
#define G_LOG_DOMAIN "test-gui-carry"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tb-carry.h"
#include "tb-draft.h"
#include "tb-issues-panel-private.h"
#include "tb-new-report-dialog.h"
#include "tb-test-carry.h"
#include "tb-test-util.h"
#include "tb-window-private.h"

/* ---- Helpers ------------------------------------------------------------------------- */

/* What choosing @path as last year's report in the New dialog ends in. */
static gboolean
set_previous (AdwMessageDialog  *dialog,
              const char        *path,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_new_report_dialog_set_previous_async (TB_NEW_REPORT_DIALOG (dialog), path, NULL,
                                           tb_test_store_result_cb, &result);
  return tb_new_report_dialog_set_previous_finish (TB_NEW_REPORT_DIALOG (dialog),
                                                   tb_test_wait_for_result (&result), error);
}

/* What choosing @path for Compare with Last Year's Report ends in. */
static gboolean
attach_previous (TbWindow   *window,
                 const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_window_attach_previous_async (window, path, tb_test_store_result_cb, &result);
  return tb_window_attach_previous_finish (window, tb_test_wait_for_result (&result), NULL);
}

static GObject *
dialog_child (AdwMessageDialog *dialog,
              const char       *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), TB_TYPE_NEW_REPORT_DIALOG, name);
}

/* Last year's report: complete, with 结转下年度 different in every column. */
static TbReport *
make_last_year (void)
{
  TbReport *report = tb_test_make_report ("2021", 2023, "测试县审计局", 7);

  for (guint k = 0; k < G_N_ELEMENTS (tb_test_applicant_columns); k++)
    {
      g_autofree char *id = g_strdup_printf ("t3.r4_carry_out.%s",
                                             tb_test_applicant_columns[k]);

      tb_test_set_value (report, id, 2 + 3 * k);
    }
  tb_test_balance_t3 (report, TRUE);
  tb_report_set_modified (report, FALSE);
  return report;
}

static const TbIssue *
find_rule (GPtrArray  *issues,
           const char *rule)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_equal (issue->rule, rule))
        return issue;
    }
  return NULL;
}

/* ---- New report from last year's ------------------------------------------------------- */

static void
test_new_from_last_year (void)
{
  g_autoptr(TbReport) last = make_last_year ();
  g_autofree char *last_path = tb_test_save_report (last, "2023", "审计局2023.tianbao");
  g_autofree char *canonical = g_canonicalize_filename (last_path, NULL);
  g_autofree char *dir_2024 = tb_test_make_dir (g_get_home_dir (), "reports", "2024", NULL);
  g_autofree char *new_path = g_build_filename (dir_2024, "审计局2024.tianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) saved = NULL;
  TbWindow *window = tb_test_new_window ();
  AdwMessageDialog *dialog;
  GtkSpinButton *year;
  GtkEditable *agency;
  TbReport *report;
  const TbIssue *issue;
  GPtrArray *issues;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  tb_test_spin ();
  dialog = tb_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (TB_IS_NEW_REPORT_DIALOG (dialog));
  year = GTK_SPIN_BUTTON (dialog_child (dialog, "year"));
  agency = GTK_EDITABLE (dialog_child (dialog, "agency"));
  gtk_editable_set_text (agency, "");
  gtk_spin_button_set_value (year, 2019);

  /* Choosing last year's report: the year after it, by its agency. */
  g_assert_false (set_previous (dialog, "/nonexistent.tianbao",
                                                           &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (set_previous (dialog, last_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year), ==, 2024);
  g_assert_cmpstr (gtk_editable_get_text (agency), ==, "测试县审计局");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  /* Any other year cannot carry last year's figures. */
  gtk_spin_button_set_value (year, 2025);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_spin_button_set_value (year, 2024);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));

  adw_message_dialog_response (dialog, "create");
  tb_test_spin ();

  /* The untouched window shows the new report. */
  report = tb_window_get_report (window);
  g_assert_cmpint (tb_report_get_year (report), ==, 2024);
  g_assert_cmpstr (tb_report_get_agency (report), ==, "测试县审计局");
  g_assert_cmpstr (tb_report_get_preparer (report), ==, tb_report_get_preparer (last));
  g_assert_cmpstr (tb_report_get_contact (report), ==, tb_report_get_contact (last));
  g_assert_null (tb_window_get_path (window));
  g_assert_true (tb_report_get_modified (report));
  for (guint k = 0; k < G_N_ELEMENTS (tb_test_applicant_columns); k++)
    {
      g_autofree char *in = g_strdup_printf ("t3.r2_carry_in.%s", tb_test_applicant_columns[k]);
      g_autofree char *out = g_strdup_printf ("t3.r4_carry_out.%s",
                                              tb_test_applicant_columns[k]);

      g_assert_cmpint (tb_test_get (report, in), ==, tb_test_get (last, out));
      g_assert_cmpint (tb_test_get (report, in), ==, 2 + 3 * k);
    }
  /* This year's own figures are not copied. */
  g_assert_cmpint (tb_test_state (report, "t3.r1_new.np"), ==, TB_CELL_EMPTY);
  g_assert_nonnull (tb_report_get_previous_report (report));
  g_assert_cmpstr (tb_report_get_previous (report), ==, canonical);
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, tb_report_get_text (last, "s1"));

  /* Live: the copied texts are flagged, 上年结转 agrees with last year. */
  issues = tb_test_window_issues (window);
  issue = find_rule (issues, "TXT-PREV-1");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_WARNING);
  g_assert_nonnull (find_rule (issues, "TXT-PREV-5"));
  g_assert_null (find_rule (issues, "T3-5"));
  g_assert_cmpuint (tb_issues_panel_get_n_rows (tb_window_get_issues_panel (window)), >, 0);

  /* A wrong 上年结转 is an error at once. */
  tb_test_set (report, "t3.r2_carry_in.biz", "99");
  issues = tb_test_window_issues (window);
  g_assert_cmpuint (tb_test_count_rule (issues, "T3-5"), ==, 1);
  issue = find_rule (issues, "T3-5");
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r2_carry_in.biz"));
  tb_test_set (report, "t3.r2_carry_in.biz", "5");
  g_assert_null (find_rule (tb_test_window_issues (window), "T3-5"));

  /* A rewritten text is no longer flagged. */
  tb_report_set_text (report, "s1", "本年度，本机关进一步规范政府信息公开工作。");
  g_assert_null (find_rule (tb_test_window_issues (window), "TXT-PREV-1"));

  /* Saved in this year's folder: last year's report by a path relative to it. */
  tb_window_save_to (window, new_path);
  tb_test_spin ();
  g_assert_cmpstr (tb_window_get_path (window), ==, new_path);
  saved = tb_draft_load (new_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_previous (saved), ==,
                   ".." G_DIR_SEPARATOR_S "2023" G_DIR_SEPARATOR_S "审计局2023.tianbao");
  g_assert_cmpint (tb_test_get (saved, "t3.r2_carry_in.soc"), ==, 11);

  tb_test_close_all ();
}

/* A 2020 report in the 2019 format starts a 2021 report in the 2021 format. */
static void
test_new_across_formats (void)
{
  g_autoptr(TbReport) last = tb_test_make_sample_2020 ();
  g_autofree char *last_path = tb_test_save_report (last, "2020", "2020.tianbao");
  g_autoptr(GError) error = NULL;
  TbWindow *window = tb_test_new_window ();
  AdwMessageDialog *dialog;
  GtkSpinButton *year;
  TbReport *report;

  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (last)), ==, "2019");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  tb_test_spin ();
  dialog = tb_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  year = GTK_SPIN_BUTTON (dialog_child (dialog, "year"));
  g_assert_true (set_previous (dialog, last_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year), ==, 2021);
  adw_message_dialog_response (dialog, "create");
  tb_test_spin ();

  report = tb_window_get_report (window);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2021");
  g_assert_cmpint (tb_report_get_year (report), ==, 2021);
  for (guint k = 0; k < G_N_ELEMENTS (tb_test_applicant_columns); k++)
    {
      g_autofree char *in = g_strdup_printf ("t3.r2_carry_in.%s", tb_test_applicant_columns[k]);
      g_autofree char *out = g_strdup_printf ("t3.r4_carry_out.%s",
                                              tb_test_applicant_columns[k]);

      g_assert_cmpint (tb_test_get (report, in), ==, tb_test_get (last, out));
    }
  g_assert_null (find_rule (tb_test_window_issues (window), "T3-5"));
  tb_test_set_int (report, "t3.r2_carry_in.np", tb_test_get (last, "t3.r4_carry_out.np") + 1);
  g_assert_nonnull (find_rule (tb_test_window_issues (window), "T3-5"));
  tb_test_close_all ();
}

/* ---- Opening a draft that names last year's report ---------------------------------- */

static void
test_open_with_previous (void)
{
  g_autoptr(TbReport) last = make_last_year ();
  g_autofree char *last_path = tb_test_save_report (last, "2023", "last.tianbao");
  g_autoptr(TbReport) draft = NULL;
  g_autoptr(TbReport) wrong_year = tb_test_make_report ("2021", 2022, "测试县审计局", 3);
  g_autofree char *wrong_path = tb_test_save_report (wrong_year, "2022", "older.tianbao");
  g_autofree char *draft_path = NULL;
  g_autofree char *missing_path = NULL;
  g_autofree char *reference = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window;
  TbReport *report;
  TbReport *previous;
  const char *notice;

  /* A draft whose 上年结转 of 自然人 is wrong. */
  draft = tb_carry_new_from_previous (last, 2024, TB_CARRY_NONE, &error);
  g_assert_no_error (error);
  tb_test_set (draft, "t3.r2_carry_in.np", "40");
  {
    g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "reports", "2024", NULL);

    draft_path = g_build_filename (dir, "this.tianbao", NULL);
    missing_path = g_build_filename (dir, "moved.tianbao", NULL);
  }
  reference = tb_carry_make_reference (draft_path, last_path);
  g_assert_cmpstr (reference, ==, "../2023/last.tianbao");
  tb_report_set_previous (draft, reference);
  tb_rules_compute_totals (draft);
  g_assert_true (tb_draft_save (draft, draft_path, &error));
  g_assert_no_error (error);

  window = tb_window_new (tb_test_app);
  tb_session_open_path (tb_test_session, draft_path, window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  report = tb_window_get_report (window);
  previous = tb_report_get_previous_report (report);
  g_assert_nonnull (previous);
  g_assert_cmpint (tb_report_get_year (previous), ==, 2023);
  g_assert_cmpint (tb_test_get (previous, "t3.r4_carry_out.np"), ==, 2);
  g_assert_null (tb_window_carry_get_notice (window));
  /* Attaching changes nothing in the draft. */
  g_assert_false (tb_report_get_modified (report));
  g_assert_cmpuint (tb_test_count_rule (tb_test_window_issues (window), "T3-5"), ==, 1);
  tb_test_close_all ();

  /* The same draft somewhere else: last year's report is not found. It opens all the
   * same, without a dialog, and says so. */
  g_assert_true (tb_draft_save (draft, missing_path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *moved_dir = tb_test_make_dir (g_get_home_dir (), "elsewhere", NULL);
    g_autofree char *moved = g_build_filename (moved_dir, "this.tianbao", NULL);

    g_assert_cmpint (g_rename (missing_path, moved), ==, 0);
    g_free (missing_path);
    missing_path = g_steal_pointer (&moved);
  }
  window = tb_window_new (tb_test_app);
  tb_session_open_path (tb_test_session, missing_path, window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  report = tb_window_get_report (window);
  g_assert_cmpstr (tb_window_get_path (window), ==, missing_path);
  g_assert_cmpint (tb_test_get (report, "t3.r2_carry_in.np"), ==, 40);
  g_assert_null (tb_report_get_previous_report (report));
  g_assert_null (tb_window_get_dialog (window));
  notice = tb_window_carry_get_notice (window);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "last.tianbao"));
  g_assert_null (find_rule (tb_test_window_issues (window), "T3-5"));

  /* A reference to anything but a draft is not even opened: here a real report under
   * another name, which would be taken if it were read. */
  {
    g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "odd", NULL);
    g_autofree char *disguised = g_build_filename (dir, "notes.txt", NULL);
    g_autofree char *odd_draft = g_build_filename (dir, "odd.tianbao", NULL);
    g_autoptr(TbReport) odd = tb_draft_load (draft_path, &error);
    TbWindow *odd_window;

    g_assert_no_error (error);
    g_assert_true (tb_draft_save (last, disguised, &error));
    g_assert_no_error (error);
    tb_report_set_previous (odd, "notes.txt");
    g_assert_true (tb_draft_save (odd, odd_draft, &error));
    g_assert_no_error (error);
    odd_window = tb_window_new (tb_test_app);
    tb_session_open_path (tb_test_session, odd_draft, odd_window);
    gtk_window_present (GTK_WINDOW (odd_window));
    tb_test_spin ();
    g_assert_null (tb_report_get_previous_report (tb_window_get_report (odd_window)));
    g_assert_nonnull (tb_window_carry_get_notice (odd_window));
    g_test_message ("%s", tb_window_carry_get_notice (odd_window));
    g_assert_nonnull (strstr (tb_window_carry_get_notice (odd_window), "notes.txt"));
    g_assert_nonnull (strstr (tb_window_carry_get_notice (odd_window), "not opened"));
    gtk_window_destroy (GTK_WINDOW (odd_window));
    tb_test_spin ();
  }

  /* The clerk finds it: not a report of another year, then the right one. */
  g_assert_false (attach_previous (window, wrong_path));
  g_assert_nonnull (tb_window_get_dialog (window));
  adw_message_dialog_response (tb_window_get_dialog (window), "close");
  tb_test_spin ();
  g_assert_null (tb_report_get_previous_report (report));

  g_assert_true (attach_previous (window, last_path));
  tb_test_spin ();
  g_assert_nonnull (tb_report_get_previous_report (report));
  g_assert_null (tb_window_carry_get_notice (window));
  g_assert_cmpstr (tb_report_get_previous (report), ==, "../reports/2023/last.tianbao");
  g_assert_true (tb_report_get_modified (report));
  g_assert_cmpuint (tb_test_count_rule (tb_test_window_issues (window), "T3-5"), ==, 1);
  tb_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_carry_init (&argc, &argv, "io.github.tianbao.Tianbao.TestCarry"))
    return 0;

  g_test_add_func ("/gui/carry/new-from-last-year", test_new_from_last_year);
  g_test_add_func ("/gui/carry/new-across-formats", test_new_across_formats);
  g_test_add_func ("/gui/carry/open-with-previous", test_open_with_previous);

  return tb_test_carry_run ();
}
