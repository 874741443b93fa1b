/* test-gui-window.c: the report window, driven through its widgets (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the window from the compiled resources, types into the cells as a keyboard would
 * (text inserted into the entry), and checks what a clerk sees: the error style, the
 * accessible invalid state and the tooltip appear and clear, totals add up, the badges
 * count, the issues panel jumps to the cell, keys move like a spreadsheet, pasting fills
 * the grid.
 */
#define G_LOG_DOMAIN "test-gui-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tb-application.h"
#include "tb-cell-entry-private.h"
#include "tb-draft.h"
#include "tb-field.h"
#include "tb-meta-page.h"
#include "tb-new-report-dialog.h"
#include "tb-paste.h"
#include "tb-pdf.h"
#include "tb-issues-panel-private.h"
#include "tb-print-operation-private.h"
#include "tb-readiness.h"
#include "tb-table-grid-private.h"
#include "tb-table-page-private.h"
#include "tb-text-page-private.h"
#include "tb-window-private.h"

#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

static char *test_home;

/* Shows @report, not saved anywhere, in @window. */
static void
show_report (TbWindow *window,
             TbReport *report)
{
  g_autoptr(TbDocument) document = tb_document_new_for_report (report, NULL);

  tb_window_set_document (window, document);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* What exporting @window's report to @path ends in (drawn and written in a worker). */
static gboolean
export_pdf (TbWindow    *window,
            const char  *path,
            guint        draft_issues,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_window_export_async (window, TB_EXPORT_PDF, path, draft_issues, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return tb_window_export_finish (window, result, error);
}

/* What opening @path in @window ends in (it is read in a worker). */
static gboolean
open_file (TbWindow   *window,
           const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_window_open_file_async (window, path, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return tb_window_open_file_finish (window, result, NULL);
}

static TbWindow *
new_window (int year)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (year));

  tb_report_set_year (report, year);
  tb_report_set_agency (report, "测试县审计局");
  tb_report_set_modified (report, FALSE);
  show_report (window, report);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (TbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tb_test_spin ();
}

/* Runs the main loop until the pending rules check ran. Returns the milliseconds it took. */
static double
wait_validated (TbWindow *window)
{
  gint64 start = g_get_monotonic_time ();

  while (tb_window_has_pending_validation (window))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static GtkWidget *
cell_widget (TbWindow   *window,
             const char *id)
{
  GtkWidget *widget = tb_window_get_cell_widget (window, id);

  g_assert_nonnull (widget);
  g_assert_true (TB_IS_CELL_ENTRY (widget));
  return widget;
}

/* Replaces the text the way typing does: the selection is deleted, the text inserted. */
static void
type_into (GtkWidget  *cell,
           const char *text)
{
  int pos = 0;

  gtk_editable_delete_text (GTK_EDITABLE (cell), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (cell), text, -1, &pos);
}

static double
type_and_wait (TbWindow   *window,
               const char *id,
               const char *text)
{
  type_into (cell_widget (window, id), text);
  g_assert_true (tb_window_has_pending_validation (window));
  return wait_validated (window);
}

static gboolean
is_invalid (GtkWidget *widget)
{
  return gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID) &&
         gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                          GTK_ACCESSIBLE_INVALID_TRUE) == NULL;
}

static void
assert_error (TbWindow   *window,
              const char *id,
              gboolean    error)
{
  GtkWidget *widget = cell_widget (window, id);

  if (error)
    {
      g_assert_true (gtk_widget_has_css_class (widget, "error"));
      g_assert_true (is_invalid (widget));
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
    }
  else
    {
      g_assert_false (gtk_widget_has_css_class (widget, "error"));
      g_assert_false (is_invalid (widget));
    }
}

static const char *
text_of (TbWindow   *window,
         const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (cell_widget (window, id)));
}

/* Fills every cell with 0 and every text, so that only what a test breaks is wrong. */
static void
fill_complete (TbWindow *window)
{
  TbReport *report = tb_window_get_report (window);
  const TbFormat *format = tb_report_get_format (report);

  tb_report_freeze (report);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    if (tb_format_get_cell (format, i)->total_rule < 0)
      tb_report_set_cell_value (report, i, 0, NULL);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    if (tb_format_get_section (format, i)->type == TB_SECTION_TEXT)
      tb_report_set_text (report, tb_format_get_section (format, i)->id, "无。");
  tb_report_thaw (report);
  wait_validated (window);
}

static GtkWidget *
focused (TbWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  /* The entry's text child holds the focus: report the cell. */
  return focus ? gtk_widget_get_ancestor (focus, TB_TYPE_CELL_ENTRY) : NULL;
}

static gboolean
navigate (TbWindow   *window,
          const char *from,
          TbNavigate  direction)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (cell_widget (window, from), "navigate", direction, &handled);
  return handled;
}

/* ---- Tests ----------------------------------------------------------------------------- */

static void
test_pages (void)
{
  TbWindow *window = new_window (2025);
  const char *names[] = { "meta", "s1", "s2", "s3", "s4", "s5", "s6" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      AdwViewStackPage *page = tb_window_get_stack_page (window, names[i]);

      g_assert_nonnull (page);
      g_assert_nonnull (adw_view_stack_page_get_title (page));
      g_assert_nonnull (tb_window_get_page (window, names[i]));
    }
  g_assert_true (TB_IS_TABLE_PAGE (tb_window_get_page (window, "s3")));
  g_assert_true (TB_IS_TEXT_PAGE (tb_window_get_page (window, "s1")));

  /* Ctrl+Page Down / Up: next and previous page, wrapping around. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "meta");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-page", NULL);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s1");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-page", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-page", NULL);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s6");

  /* Every cell of the format has a widget, labelled for screen readers. */
  {
    const TbFormat *format = tb_report_get_format (tb_window_get_report (window));

    for (guint i = 0; i < tb_format_get_n_cells (format); i++)
      {
        const TbCellSpec *spec = tb_format_get_cell (format, i);
        GtkWidget *widget = cell_widget (window, spec->id);

        g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                           spec->label) == NULL);
      }
  }
  destroy_window (window);
}

static void
test_error_style (void)
{
  TbWindow *window = new_window (2025);
  const char *column[] = { "t3.r1_new.np", "t3.r2_carry_in.np", "t3.r3_7_total.np",
                           "t3.r4_carry_out.np" };
  double ms;

  fill_complete (window);
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    assert_error (window, column[i], FALSE);

  /* A wrong number in table 三: the whole 自然人 column of the 勾稽 identity turns red. */
  ms = type_and_wait (window, "t3.r1_new.np", "5");
  /* How fast is the gui benchmark's business (bench-gui): here only that they come. */
  g_test_message ("highlights updated %.1f ms after the keystroke", ms);
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    assert_error (window, column[i], TRUE);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell_widget (window, "t3.r1_new.np")),
                            "自然人"));
  assert_error (window, "t3.r1_new.biz", FALSE);
  assert_error (window, "t3.r3_1_open.np", FALSE);

  /* Fixing it clears every highlight at once. */
  type_and_wait (window, "t3.r3_1_open.np", "5");
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    assert_error (window, column[i], FALSE);
  g_assert_null (gtk_widget_get_tooltip_text (cell_widget (window, "t3.r1_new.np")));

  /* Unreadable input: the parser's message, on that cell only. */
  type_and_wait (window, "t2.reg.made", "12x");
  assert_error (window, "t2.reg.made", TRUE);
  assert_error (window, "t2.reg.repealed", FALSE);
  /* Full-width digits typed with a Chinese input method are numbers. */
  type_and_wait (window, "t2.reg.made", "１２");
  assert_error (window, "t2.reg.made", FALSE);
  g_assert_cmpint (tb_report_get_cell (tb_window_get_report (window),
                                       tb_format_find_cell (tb_report_get_format (tb_window_get_report (window)),
                                                            "t2.reg.made")->index)->value, ==, 12);
  destroy_window (window);
}

static void
test_incomplete_not_red (void)
{
  TbWindow *window = new_window (2025);

  /* A new report: nothing is filled, nothing is wrong yet. */
  type_and_wait (window, "t3.r1_new.np", "3");
  assert_error (window, "t3.r1_new.np", FALSE);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 0);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_incomplete, >, 0);
  destroy_window (window);
}

static void
test_warning_style (void)
{
  TbWindow *window = new_window (2025);
  GtkWidget *fee;

  fill_complete (window);
  /* T3-7: applications dropped for an unpaid fee, but no fee notice in section 六. */
  type_and_wait (window, "t3.r1_new.np", "2");
  type_and_wait (window, "t3.r3_6_2.np", "2");
  fee = cell_widget (window, "s6.fee_notices");
  g_assert_true (gtk_widget_has_css_class (fee, "warning"));
  g_assert_false (gtk_widget_has_css_class (fee, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (fee));
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_warnings, ==, 1);

  /* Acknowledged in the issues panel: no longer marked. */
  {
    TbIssuesPanel *panel = tb_window_get_issues_panel (window);

    g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), ==, 1);
    tb_issues_panel_acknowledge_row (panel, 0, TRUE);
    wait_validated (window);
    g_assert_false (gtk_widget_has_css_class (fee, "warning"));
    g_assert_cmpuint (tb_window_get_form_state (window)->total.n_warnings, ==, 0);
  }
  destroy_window (window);
}

static void
test_totals (void)
{
  TbWindow *window = new_window (2025);
  TbReport *report = tb_window_get_report (window);
  GtkWidget *total = cell_widget (window, "t4.review.total");
  TbTablePage *page = TB_TABLE_PAGE (tb_window_get_page (window, "s4"));
  GtkSwitch *manual = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                TB_TYPE_TABLE_PAGE,
                                                                "manual_switch"));

  fill_complete (window);
  g_assert_true (tb_cell_entry_get_computed (TB_CELL_ENTRY (total)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (total)));
  g_assert_true (gtk_widget_has_css_class (total, "tb-computed"));
  g_assert_cmpstr (text_of (window, "t4.review.total"), ==, "0");

  type_and_wait (window, "t4.review.upheld", "1");
  type_and_wait (window, "t4.review.corrected", "2");
  type_and_wait (window, "t4.review.other", "3");
  type_and_wait (window, "t4.review.pending", "4");
  g_assert_cmpstr (text_of (window, "t4.review.total"), ==, "10");
  type_and_wait (window, "t3.r3_3_2.soc", "7");
  g_assert_cmpstr (text_of (window, "t3.r3_3_2.tot"), ==, "7");
  g_assert_cmpstr (text_of (window, "t3.r3_7_total.soc"), ==, "7");
  g_assert_cmpstr (text_of (window, "t3.r3_7_total.tot"), ==, "7");

  /* 手动填写合计: the clerk types the totals, and they are checked like any cell. */
  gtk_switch_set_active (manual, TRUE);
  wait_validated (window);
  g_assert_true (tb_report_get_manual_totals (report));
  g_assert_false (tb_cell_entry_get_computed (TB_CELL_ENTRY (total)));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (total)));
  /* Every table page shows the same switch state. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gtk_widget_get_template_child (
    GTK_WIDGET (tb_window_get_page (window, "s3")), TB_TYPE_TABLE_PAGE, "manual_switch"))));
  type_and_wait (window, "t4.review.total", "11");
  assert_error (window, "t4.review.total", TRUE);
  assert_error (window, "t4.review.upheld", TRUE);
  g_assert_cmpstr (text_of (window, "t4.review.total"), ==, "11");
  type_and_wait (window, "t4.review.total", "10");
  assert_error (window, "t4.review.total", FALSE);

  /* Back to computed: a wrong typed total is replaced by the sum. */
  type_and_wait (window, "t4.review.total", "99");
  gtk_switch_set_active (manual, FALSE);
  wait_validated (window);
  g_assert_cmpstr (text_of (window, "t4.review.total"), ==, "10");
  assert_error (window, "t4.review.total", FALSE);
  destroy_window (window);
}

static void
test_badges (void)
{
  TbWindow *window = new_window (2025);

  fill_complete (window);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);

      g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, name)), ==, 0);
      g_assert_false (adw_view_stack_page_get_needs_attention (tb_window_get_stack_page (window, name)));
    }

  /* One wrong number: the 自然人 column breaks T3-1, one error on page 三; then a second
   * column. */
  type_and_wait (window, "t3.r1_new.np", "5");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 1);
  type_and_wait (window, "t3.r1_new.law", "1");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 2);
  g_assert_true (adw_view_stack_page_get_needs_attention (tb_window_get_stack_page (window, "s3")));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s2")), ==, 0);

  type_and_wait (window, "t2.norm.valid", "abc");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s2")), ==, 1);

  type_and_wait (window, "t3.r1_new.np", "0");
  type_and_wait (window, "t3.r1_new.law", "0");
  type_and_wait (window, "t2.norm.valid", "0");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 0);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s2")), ==, 0);
  destroy_window (window);
}

static void
test_issues_jump (void)
{
  TbWindow *window = new_window (2025);
  TbIssuesPanel *panel = tb_window_get_issues_panel (window);

  fill_complete (window);
  g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), ==, 0);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "meta");

  type_and_wait (window, "t4.direct.pending", "x");
  /* Errors come first in a section. */
  g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), >=, 1);
  tb_issues_panel_activate_row (panel, 0);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s4");
  g_assert_true (focused (window) == cell_widget (window, "t4.direct.pending"));

  /* An empty text section: its page is shown and the text view focused. */
  tb_report_set_text (tb_window_get_report (window), "s5", "");
  type_and_wait (window, "t4.direct.pending", "0");
  g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), ==, 1);
  tb_issues_panel_activate_row (panel, 0);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s5");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 GTK_WIDGET (tb_text_page_get_text_view (TB_TEXT_PAGE (tb_window_get_page (window, "s5")))));
  destroy_window (window);
}

static void
test_keyboard (void)
{
  TbWindow *window = new_window (2025);

  fill_complete (window);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "s3");
  tb_cell_entry_focus (TB_CELL_ENTRY (cell_widget (window, "t3.r1_new.np")));

  /* Tab along the row; the computed 总计 is skipped, the next row follows. */
  g_assert_true (navigate (window, "t3.r1_new.np", TB_NAVIGATE_NEXT));
  g_assert_true (focused (window) == cell_widget (window, "t3.r1_new.biz"));
  g_assert_true (navigate (window, "t3.r1_new.oth", TB_NAVIGATE_NEXT));
  g_assert_true (focused (window) == cell_widget (window, "t3.r2_carry_in.np"));
  g_assert_true (navigate (window, "t3.r2_carry_in.np", TB_NAVIGATE_PREV));
  g_assert_true (focused (window) == cell_widget (window, "t3.r1_new.oth"));
  /* Enter / Down down the column, over the computed （七）总计. */
  g_assert_true (navigate (window, "t3.r1_new.res", TB_NAVIGATE_DOWN));
  g_assert_true (focused (window) == cell_widget (window, "t3.r2_carry_in.res"));
  g_assert_true (navigate (window, "t3.r3_6_3.res", TB_NAVIGATE_DOWN));
  g_assert_true (focused (window) == cell_widget (window, "t3.r4_carry_out.res"));
  g_assert_true (navigate (window, "t3.r4_carry_out.res", TB_NAVIGATE_UP));
  g_assert_true (focused (window) == cell_widget (window, "t3.r3_6_3.res"));
  /* The focused cell is all selected: typing replaces it. */
  {
    int start = -1, end = -1;

    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (focused (window)), &start, &end));
    g_assert_cmpint (start, ==, 0);
    g_assert_cmpint (end, ==, 1);
  }
  /* Table 二: down from a three-column row into a merged cell. */
  g_assert_true (navigate (window, "t2.norm.valid", TB_NAVIGATE_DOWN));
  g_assert_true (focused (window) == cell_widget (window, "t2.licence.decisions"));
  /* Tab at the very end leaves the table the usual way. */
  g_assert_false (navigate (window, "t4.after.pending", TB_NAVIGATE_NEXT));
  destroy_window (window);
}

static void
test_paste (void)
{
  TbWindow *window = new_window (2025);
  TbTablePage *page = TB_TABLE_PAGE (tb_window_get_page (window, "s3"));
  TbTableGrid *grid = TB_TABLE_GRID (tb_table_page_get_grid (page));
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *message = NULL;

  fill_complete (window);
  /* Two rows copied from a spreadsheet, the 总计 column included (it is computed). */
  rows = tb_paste_split ("1\t2\t3\t4\t5\t6\t21\r\n7\t/\t0\t0\t0\t0\t7\r\n");
  message = tb_table_grid_paste (grid, cell_widget (window, "t3.r1_new.np"), rows);
  wait_validated (window);
  g_assert_cmpstr (text_of (window, "t3.r1_new.res"), ==, "3");
  g_assert_cmpstr (text_of (window, "t3.r1_new.tot"), ==, "21");
  g_assert_cmpstr (text_of (window, "t3.r2_carry_in.np"), ==, "7");
  /* "/" is not a number: kept, marked, reported. */
  assert_error (window, "t3.r2_carry_in.biz", TRUE);
  g_assert_nonnull (strstr (message, tb_format_find_cell (tb_report_get_format (tb_window_get_report (window)),
                                                         "t3.r2_carry_in.biz")->label));

  /* Through the clipboard, as Ctrl+V does: a block from the focused cell on. */
  {
    GtkWidget *start = cell_widget (window, "t3.r3_3_1.law");
    GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (start)));
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    gdk_clipboard_set_text (gtk_widget_get_clipboard (start), "4\t5\n６\t7\n");
    tb_cell_entry_focus (TB_CELL_ENTRY (start));
    g_signal_emit_by_name (text, "paste-clipboard");
    while (g_strcmp0 (text_of (window, "t3.r3_3_2.oth"), "7") != 0 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    wait_validated (window);
    g_assert_cmpstr (text_of (window, "t3.r3_3_1.law"), ==, "4");
    g_assert_cmpstr (text_of (window, "t3.r3_3_1.oth"), ==, "5");
    g_assert_cmpstr (text_of (window, "t3.r3_3_2.law"), ==, "６");
    g_assert_cmpstr (text_of (window, "t3.r3_3_2.oth"), ==, "7");
    g_assert_cmpstr (text_of (window, "t3.r3_3_2.tot"), ==, "13");

    /* A single value pastes into the cell like any text. */
    gdk_clipboard_set_text (gtk_widget_get_clipboard (start), "1,234\r\n");
    tb_cell_entry_focus (TB_CELL_ENTRY (start));
    g_signal_emit_by_name (text, "paste-clipboard");
    deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (g_strcmp0 (text_of (window, "t3.r3_3_1.law"), "1,234") != 0 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (text_of (window, "t3.r3_3_1.law"), ==, "1,234");
    g_assert_cmpstr (text_of (window, "t3.r3_3_1.oth"), ==, "5");
  }

  /* A row copied from a web page with its label; more values than cells. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&message, g_free);
  rows = tb_paste_split ("四、结转下年度继续办理 0 0 0 0 0 9 9 1 1");
  message = tb_table_grid_paste (grid, cell_widget (window, "t3.r4_carry_out.np"), rows);
  wait_validated (window);
  g_assert_cmpstr (text_of (window, "t3.r4_carry_out.oth"), ==, "9");
  g_assert_nonnull (strstr (message, "2"));
  destroy_window (window);
}

static void
test_meta_and_format (void)
{
  TbWindow *window = new_window (2025);
  TbReport *report = tb_window_get_report (window);

  type_and_wait (window, "t3.r1_new.np", "4");
  tb_report_set_year (report, 2020);
  tb_window_validate_now (window);
  /* The year moved to the 2019 format: the window now shows a converted report. */
  report = tb_window_get_report (window);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2019");
  g_assert_cmpint (tb_report_get_year (report), ==, 2020);
  g_assert_cmpstr (text_of (window, "t3.r1_new.np"), ==, "4");
  g_assert_null (tb_window_get_cell_widget (window, "s6.fee_notices"));
  g_assert_true (gtk_widget_get_ancestor (cell_widget (window, "t3.r1_new.np"),
                                          GTK_TYPE_WINDOW) == GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-convert", NULL);
  wait_validated (window);
  report = tb_window_get_report (window);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2021");
  g_assert_cmpint (tb_report_get_year (report), ==, 2021);
  g_assert_nonnull (tb_window_get_cell_widget (window, "s6.fee_notices"));
  destroy_window (window);
}

static void
test_text_page (void)
{
  TbWindow *window = new_window (2025);
  TbReport *report = tb_window_get_report (window);
  TbTextPage *page = TB_TEXT_PAGE (tb_window_get_page (window, "s6"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tb_text_page_get_text_view (page));
  GtkWidget *button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), TB_TYPE_TEXT_PAGE,
                                                     "sentence_button");

  gtk_text_buffer_set_text (buffer, "本年无其他事项。", -1);
  g_assert_cmpstr (tb_report_get_text (report, "s6"), ==, "本年无其他事项。");

  g_assert_false (gtk_widget_get_sensitive (button));
  type_and_wait (window, "s6.fee_notices", "2");
  type_and_wait (window, "s6.fee_notified", "200");
  type_and_wait (window, "s6.fee_collected", "100");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (tb_text_page_insert_sentence (page));
  g_assert_nonnull (strstr (tb_report_get_text (report, "s6"),
                            "2025年，本机关共发出收费通知2件，通知收费总金额200元，实际收取信息处理费100元。"));
  /* Again with other figures: the sentence is replaced, not repeated. */
  type_and_wait (window, "s6.fee_collected", "150");
  g_assert_true (tb_text_page_insert_sentence (page));
  g_assert_null (strstr (tb_report_get_text (report, "s6"), "100元"));
  g_assert_nonnull (strstr (tb_report_get_text (report, "s6"), "实际收取信息处理费150元"));
  g_assert_nonnull (strstr (tb_report_get_text (report, "s6"), "本年无其他事项。"));

  /* The model changed elsewhere (undo, another view): the text view follows. */
  tb_report_set_text (report, "s6", "无。");
  {
    g_autofree char *text = NULL;
    GtkTextIter a, b;

    gtk_text_buffer_get_bounds (buffer, &a, &b);
    text = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
    g_assert_cmpstr (text, ==, "无。");
  }
  destroy_window (window);
}

/* The text of the toast on screen that contains @needle, or NULL. */
static const char *
find_label_text (GtkWidget  *root,
                 const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *found = find_label_text (c, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* Pastes @text into @editable through the clipboard, as Ctrl+V does. */
static void
paste_into (GtkEditable *editable,
            const char  *text)
{
  GtkEditable *inner = editable;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autofree char *before = g_strdup (gtk_editable_get_text (editable));

  while (gtk_editable_get_delegate (inner) != NULL)
    inner = gtk_editable_get_delegate (inner);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (inner)), text);
  gtk_widget_grab_focus (GTK_WIDGET (inner));
  g_signal_emit_by_name (inner, "paste-clipboard");
  while (g_strcmp0 (gtk_editable_get_text (editable), before) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  tb_test_spin ();
}

/* The entries take no more than a draft may hold, and say how much they left out. */
static void
test_field_limits (void)
{
  TbWindow *window = new_window (2025);
  TbReport *report = tb_window_get_report (window);
  TbSectionPage *meta = tb_window_get_page (window, "meta");
  GtkEditable *agency = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (meta),
                                                                     TB_TYPE_META_PAGE,
                                                                     "agency_row"));
  GtkEditable *preparer = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (meta),
                                                                       TB_TYPE_META_PAGE,
                                                                       "preparer_row"));
  g_autofree char *long_agency = repeat ("局", TB_FIELD_AGENCY_MAX_CHARS + 23);
  g_autofree char *long_preparer = repeat ("张", TB_FIELD_PREPARER_MAX_CHARS + 1);
  g_autofree char *long_text = repeat ("文", TB_FIELD_TEXT_MAX_CHARS + 7);
  g_autofree char *path = g_build_filename (test_home, "limits.tianbao", NULL);
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  const char *toast;

  /* A paste longer than the agency may be: the first 100 characters, and a word. */
  gtk_editable_set_text (agency, "");
  paste_into (agency, long_agency);
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (agency), -1), ==,
                   TB_FIELD_AGENCY_MAX_CHARS);
  g_assert_cmpint (g_utf8_strlen (tb_report_get_agency (report), -1), ==,
                   TB_FIELD_AGENCY_MAX_CHARS);
  toast = find_label_text (GTK_WIDGET (window), "not taken");
  g_assert_nonnull (toast);
  g_test_message ("%s", toast);
  g_assert_nonnull (strstr (toast, "23 characters"));
  g_assert_nonnull (strstr (toast, "100"));

  /* Typed one character too many. */
  {
    int pos = 0;

    gtk_editable_set_text (preparer, "");
    gtk_editable_insert_text (preparer, long_preparer, -1, &pos);
    tb_test_spin ();
    g_assert_cmpint (g_utf8_strlen (tb_report_get_preparer (report), -1), ==,
                     TB_FIELD_PREPARER_MAX_CHARS);
    /* Full: one more character is not taken either. */
    pos = 1;
    gtk_editable_insert_text (preparer, "王", -1, &pos);
    g_assert_cmpint (g_utf8_strlen (tb_report_get_preparer (report), -1), ==,
                     TB_FIELD_PREPARER_MAX_CHARS);
    g_assert_true (g_str_has_prefix (tb_report_get_preparer (report), "张"));
  }

  /* A text section. */
  buffer = gtk_text_view_get_buffer (tb_text_page_get_text_view (
    TB_TEXT_PAGE (tb_window_get_page (window, "s6"))));
  gtk_text_buffer_set_text (buffer, long_text, -1);
  tb_test_spin ();
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, TB_FIELD_TEXT_MAX_CHARS);
  g_assert_cmpint (g_utf8_strlen (tb_report_get_text (report, "s6"), -1), ==,
                   TB_FIELD_TEXT_MAX_CHARS);

  /* Outside the report window (the New Report dialog): said next to the entry. */
  {
    TbNewReportDialog *dialog = tb_new_report_dialog_new (GTK_WINDOW (window), NULL);
    GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      TB_TYPE_NEW_REPORT_DIALOG,
                                                                      "agency"));
    GtkWidget *popover;

    gtk_window_present (GTK_WINDOW (dialog));
    tb_test_spin ();
    gtk_editable_set_text (entry, "");
    paste_into (entry, long_agency);
    g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (entry), -1), ==,
                     TB_FIELD_AGENCY_MAX_CHARS);
    popover = g_object_get_data (G_OBJECT (gtk_editable_get_delegate (entry)),
                                 "tb-field-limit-popover");
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_nonnull (find_label_text (popover, "23 characters"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    tb_test_spin ();
  }

  /* What the entries took, the draft reader takes. */
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  loaded = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_agency (loaded), ==, tb_report_get_agency (report));
  destroy_window (window);
}

static void
test_open_file (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("TIANBAO_SOURCE_ROOT"), "data", "samples",
                                              "yanchi-audit-2020.tianbao", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tianbao-gui-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "new.tianbao", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.tianbao", NULL);
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) reread = NULL;

  g_assert_true (open_file (window, sample));
  g_assert_cmpstr (tb_window_get_path (window), ==, sample);
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (window)), ==, "盐池县审计局");
  g_assert_false (tb_report_get_modified (tb_window_get_report (window)));
  wait_validated (window);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 0);

  /* A file that does not exist yet: a new report that will be saved there. */
  g_assert_true (open_file (window, missing));
  g_assert_cmpstr (tb_window_get_path (window), ==, missing);
  type_and_wait (window, "t3.r1_new.np", "6");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();   /* written in a worker */
  reread = tb_draft_load (missing, NULL);
  g_assert_nonnull (reread);
  g_assert_cmpint (tb_report_get_cell (reread,
                                       tb_format_find_cell (tb_report_get_format (reread),
                                                            "t3.r1_new.np")->index)->value, ==, 6);

  /* A broken file: an empty report, not bound to the file. */
  g_assert_true (g_file_set_contents (broken, "<not a report", -1, NULL));
  g_assert_false (open_file (window, broken));
  g_assert_null (tb_window_get_path (window));
  g_assert_nonnull (tb_window_get_report (window));

  g_unlink (missing);
  g_unlink (broken);
  g_rmdir (dir);
  destroy_window (window);
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TbWindow *window;
  int width, height;

  g_settings_set_string (settings, "last-page", "s4");
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  window = new_window (2025);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s4");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "s2");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  {
    g_autofree char *page = g_settings_get_string (settings, "last-page");

    g_assert_cmpstr (page, ==, "s2");
  }
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);

  /* New reports take the default agency and the totals setting. */
  g_settings_set_string (settings, "default-agency", "某某市统计局");
  g_settings_set_boolean (settings, "manual-totals", TRUE);
  window = tb_window_new (NULL);
  tb_window_new_report (window);
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (window)), ==, "某某市统计局");
  g_assert_true (tb_report_get_manual_totals (tb_window_get_report (window)));
  g_assert_false (tb_report_get_modified (tb_window_get_report (window)));
  g_settings_reset (settings, "default-agency");
  g_settings_reset (settings, "manual-totals");
  g_settings_reset (settings, "last-page");
  destroy_window (window);
}

static void
test_lazy_pages (void)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  const TbFormat *format = tb_report_get_format (report);
  gint64 deadline;

  /* A complete report with one mistake in table 三, set before its page exists. */
  tb_report_set_year (report, 2025);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    if (tb_format_get_cell (format, i)->total_rule < 0)
      tb_report_set_cell_value (report, i, 0, NULL);
  tb_report_set_cell_text (report, tb_format_find_cell (format, "t3.r1_new.np")->index, "5",
                           NULL);
  show_report (window, report);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "meta");

  /* Only the visible page is built before the first frame; the badges count already. */
  g_assert_true (tb_window_is_page_built (window, "meta"));
  g_assert_false (tb_window_is_page_built (window, "s3"));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 1);

  /* After the first frame the other pages are built in the background. */
  gtk_window_present (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!tb_window_is_page_built (window, "s6") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tb_window_is_page_built (window, "s3"));
  g_assert_true (tb_window_is_page_built (window, "s6"));
  /* A cell built after the check shows its result. */
  assert_error (window, "t3.r1_new.np", TRUE);
  g_assert_cmpstr (text_of (window, "t3.r1_new.tot"), ==, "5");
  destroy_window (window);
}

static void
test_print_and_export (void)
{
  TbWindow *window = new_window (2025);
  TbReport *report = tb_window_get_report (window);
  g_autofree char *dir = g_dir_make_tmp ("tianbao-print-XXXXXX", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.pdf", NULL);
  g_autofree char *draft = g_build_filename (dir, "draft.pdf", NULL);
  g_autoptr(TbPrintOperation) op = NULL;
  g_autoptr(TbLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (g_find_program_in_path ("pdfinfo") == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      destroy_window (window);
      return;
    }
  fill_complete (window);
  g_assert_cmpuint (tb_readiness_count_blocking_issues (report), ==, 0);

  /* Print to a file through GtkPrintOperation, as "Print to File" does. */
  op = tb_print_operation_new (report);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), printed);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* The same pages as the core export. */
  g_assert_true (export_pdf (window, exported, 0, &error));
  g_assert_no_error (error);
  layout = tb_layout_new (report, NULL);
  g_assert_cmpuint (tb_print_operation_get_n_pages (op), ==, tb_layout_get_n_pages (layout));
  g_assert_cmpuint (tb_test_pdf_pages (printed), ==, tb_layout_get_n_pages (layout));
  g_assert_cmpuint (tb_test_pdf_pages (exported), ==, tb_test_pdf_pages (printed));

  /* With an error, the export is a draft and says so. */
  type_and_wait (window, "t3.r1_new.np", "5");
  g_assert_cmpuint (tb_readiness_count_blocking_issues (report), >, 0);
  g_assert_true (export_pdf (window, draft, tb_readiness_count_blocking_issues (report),
                             &error));
  {
    const char *argv_draft[] = { "pdftotext", draft, "-", NULL };
    const char *argv_clean[] = { "pdftotext", exported, "-", NULL };
    g_autofree char *text = tb_test_run_tool (argv_draft);
    g_autofree char *clean = tb_test_run_tool (argv_clean);

    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "草稿"));
    g_assert_null (strstr (clean, "草稿"));
  }

  g_unlink (printed);
  g_unlink (exported);
  g_unlink (draft);
  g_rmdir (dir);
  destroy_window (window);
}

/* Each accelerator is declared once (the application's), and the shortcuts window lists
 * every action that has one, and no action without. */
static void
test_shortcuts (void)
{
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actions = NULL;
  GSList *objects;
  GHashTableIter iter;
  gpointer name;

  application = g_object_new (TB_TYPE_APPLICATION,
                              "application-id", "io.github.tianbao.Tianbao.TestShortcuts",
                              "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *action = NULL;

        g_object_get (l->data, "action-name", &action, NULL);
        if (action != NULL)
          g_hash_table_add (listed, action);
      }
  g_slist_free (objects);

  actions = gtk_application_list_action_descriptions (application);
  g_assert_cmpuint (g_strv_length (actions), >, 10);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, actions[i]);

      g_test_message ("%s: %u shortcuts", actions[i], g_strv_length (accels));
      g_assert_true (g_hash_table_contains (listed, actions[i]));
      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint key = 0;
          GdkModifierType mods = 0;
          char *canonical;

          g_assert_true (gtk_accelerator_parse (accels[j], &key, &mods));
          canonical = gtk_accelerator_name (key, mods);
          g_assert_false (g_hash_table_contains (keys, canonical));
          g_hash_table_insert (keys, canonical, g_strdup (actions[i]));
        }
    }
  /* Ctrl+Z, once, for the report's undo. */
  g_assert_cmpstr (g_hash_table_lookup (keys, "<Control>z"), ==, "win.undo");

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, name);

      g_assert_cmpuint (g_strv_length (accels), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's in-process "test" accessibility backend: no session bus needed (as with "none"),
   * but the accessible properties and states are kept, so the test can read them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* One private data/config tree for the whole run (not per test): GTK's recent files
   * and the recovery copies are written from idle callbacks that outlive a test. */
  {
    g_autofree char *home = g_dir_make_tmp ("test-gui-window-XXXXXX", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *config = g_build_filename (home, "config", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);

    g_mkdir_with_parents (data, 0700);
    g_mkdir_with_parents (config, 0700);
    g_mkdir_with_parents (cache, 0700);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    test_home = g_steal_pointer (&home);
  }
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/gui/window/pages", test_pages);
  g_test_add_func ("/gui/window/error-style", test_error_style);
  g_test_add_func ("/gui/window/incomplete-not-red", test_incomplete_not_red);
  g_test_add_func ("/gui/window/warning-style", test_warning_style);
  g_test_add_func ("/gui/window/totals", test_totals);
  g_test_add_func ("/gui/window/badges", test_badges);
  g_test_add_func ("/gui/window/issues-jump", test_issues_jump);
  g_test_add_func ("/gui/window/keyboard", test_keyboard);
  g_test_add_func ("/gui/window/paste", test_paste);
  g_test_add_func ("/gui/window/meta-and-format", test_meta_and_format);
  g_test_add_func ("/gui/window/text-page", test_text_page);
  g_test_add_func ("/gui/window/field-limits", test_field_limits);
  g_test_add_func ("/gui/window/open-file", test_open_file);
  g_test_add_func ("/gui/window/settings", test_settings);
  g_test_add_func ("/gui/window/lazy-pages", test_lazy_pages);
  g_test_add_func ("/gui/window/print-and-export", test_print_and_export);
  g_test_add_func ("/gui/window/shortcuts", test_shortcuts);

  status = g_test_run ();
  {
    const char *argv_rm[] = { "rm", "-rf", test_home, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  return status;
}
