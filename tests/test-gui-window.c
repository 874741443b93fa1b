/* test-gui-window.c: the report window, driven through its widgets (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the window from the compiled resources, types into the cells as a keyboard would
 * (text inserted into the entry), and checks what a clerk sees: the error style, the
 * accessible invalid state and the tooltip appear and clear, totals add up, the badges
 * count, the issues panel jumps to the cell, keys move like a spreadsheet, pasting fills
 * the grid, the entries keep to what a draft holds. Opening, settings, printing, exporting
 * and shortcuts are in test-gui-window-actions.c.
 */
#define G_LOG_DOMAIN "test-gui-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tb-cell-entry-private.h"
#include "tb-draft.h"
#include "tb-field.h"
#include "tb-meta-page.h"
#include "tb-new-report-dialog.h"
#include "tb-paste.h"
#include "tb-issues-panel-private.h"
#include "tb-readiness.h"
#include "tb-table-grid-private.h"
#include "tb-table-page-private.h"
#include "tb-text-page-private.h"
#include "tb-window-private.h"

#include "tb-test-util.h"
#include "tb-test-window.h"

/* ---- Helpers ------------------------------------------------------------------------- */

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

  g_signal_emit_by_name (tb_test_cell_widget (window, from), "navigate", direction, &handled);
  return handled;
}

/* ---- Tests ----------------------------------------------------------------------------- */

static void
test_pages (void)
{
  TbWindow *window = tb_test_report_window (2025);
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
        GtkWidget *widget = tb_test_cell_widget (window, spec->id);

        g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                           spec->label) == NULL);
      }
  }
  tb_test_destroy_window (window);
}

static void
test_error_style (void)
{
  TbWindow *window = tb_test_report_window (2025);
  const char *column[] = { "t3.r1_new.np", "t3.r2_carry_in.np", "t3.r3_7_total.np",
                           "t3.r4_carry_out.np" };
  double ms;

  tb_test_fill_complete (window);
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    tb_test_assert_error (window, column[i], FALSE);

  /* A wrong number in table 三: the whole 自然人 column of the 勾稽 identity turns red. */
  ms = tb_test_type_and_wait (window, "t3.r1_new.np", "5");
  /* How fast is the gui benchmark's business (bench-gui): here only that they come. */
  g_test_message ("highlights updated %.1f ms after the keystroke", ms);
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    tb_test_assert_error (window, column[i], TRUE);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (tb_test_cell_widget (window,
                                                                             "t3.r1_new.np")),
                            "自然人"));
  tb_test_assert_error (window, "t3.r1_new.biz", FALSE);
  tb_test_assert_error (window, "t3.r3_1_open.np", FALSE);

  /* Fixing it clears every highlight at once. */
  tb_test_type_and_wait (window, "t3.r3_1_open.np", "5");
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    tb_test_assert_error (window, column[i], FALSE);
  g_assert_null (gtk_widget_get_tooltip_text (tb_test_cell_widget (window, "t3.r1_new.np")));

  /* Unreadable input: the parser's message, on that cell only. */
  tb_test_type_and_wait (window, "t2.reg.made", "12x");
  tb_test_assert_error (window, "t2.reg.made", TRUE);
  tb_test_assert_error (window, "t2.reg.repealed", FALSE);
  /* Full-width digits typed with a Chinese input method are numbers. */
  tb_test_type_and_wait (window, "t2.reg.made", "１２");
  tb_test_assert_error (window, "t2.reg.made", FALSE);
  g_assert_cmpint (tb_report_get_cell (tb_window_get_report (window),
                                       tb_format_find_cell (tb_report_get_format (tb_window_get_report (window)),
                                                            "t2.reg.made")->index)->value, ==, 12);
  tb_test_destroy_window (window);
}

static void
test_incomplete_not_red (void)
{
  TbWindow *window = tb_test_report_window (2025);

  /* A new report: nothing is filled, nothing is wrong yet. */
  tb_test_type_and_wait (window, "t3.r1_new.np", "3");
  tb_test_assert_error (window, "t3.r1_new.np", FALSE);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 0);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_incomplete, >, 0);
  tb_test_destroy_window (window);
}

static void
test_warning_style (void)
{
  TbWindow *window = tb_test_report_window (2025);
  GtkWidget *fee;

  tb_test_fill_complete (window);
  /* T3-7: applications dropped for an unpaid fee, but no fee notice in section 六. */
  tb_test_type_and_wait (window, "t3.r1_new.np", "2");
  tb_test_type_and_wait (window, "t3.r3_6_2.np", "2");
  fee = tb_test_cell_widget (window, "s6.fee_notices");
  g_assert_true (gtk_widget_has_css_class (fee, "warning"));
  g_assert_false (gtk_widget_has_css_class (fee, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (fee));
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_warnings, ==, 1);

  /* Acknowledged in the issues panel: no longer marked. */
  {
    TbIssuesPanel *panel = tb_window_get_issues_panel (window);

    g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), ==, 1);
    tb_issues_panel_acknowledge_row (panel, 0, TRUE);
    tb_test_wait_validated (window);
    g_assert_false (gtk_widget_has_css_class (fee, "warning"));
    g_assert_cmpuint (tb_window_get_form_state (window)->total.n_warnings, ==, 0);
  }
  tb_test_destroy_window (window);
}

static void
test_totals (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbReport *report = tb_window_get_report (window);
  GtkWidget *total = tb_test_cell_widget (window, "t4.review.total");
  TbTablePage *page = TB_TABLE_PAGE (tb_window_get_page (window, "s4"));
  GtkSwitch *manual = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                TB_TYPE_TABLE_PAGE,
                                                                "manual_switch"));

  tb_test_fill_complete (window);
  g_assert_true (tb_cell_entry_get_computed (TB_CELL_ENTRY (total)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (total)));
  g_assert_true (gtk_widget_has_css_class (total, "tb-computed"));
  g_assert_cmpstr (tb_test_text_of (window, "t4.review.total"), ==, "0");

  tb_test_type_and_wait (window, "t4.review.upheld", "1");
  tb_test_type_and_wait (window, "t4.review.corrected", "2");
  tb_test_type_and_wait (window, "t4.review.other", "3");
  tb_test_type_and_wait (window, "t4.review.pending", "4");
  g_assert_cmpstr (tb_test_text_of (window, "t4.review.total"), ==, "10");
  tb_test_type_and_wait (window, "t3.r3_3_2.soc", "7");
  g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_2.tot"), ==, "7");
  g_assert_cmpstr (tb_test_text_of (window, "t3.r3_7_total.soc"), ==, "7");
  g_assert_cmpstr (tb_test_text_of (window, "t3.r3_7_total.tot"), ==, "7");

  /* 手动填写合计: the clerk types the totals, and they are checked like any cell. */
  gtk_switch_set_active (manual, TRUE);
  tb_test_wait_validated (window);
  g_assert_true (tb_report_get_manual_totals (report));
  g_assert_false (tb_cell_entry_get_computed (TB_CELL_ENTRY (total)));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (total)));
  /* Every table page shows the same switch state. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gtk_widget_get_template_child (
    GTK_WIDGET (tb_window_get_page (window, "s3")), TB_TYPE_TABLE_PAGE, "manual_switch"))));
  tb_test_type_and_wait (window, "t4.review.total", "11");
  tb_test_assert_error (window, "t4.review.total", TRUE);
  tb_test_assert_error (window, "t4.review.upheld", TRUE);
  g_assert_cmpstr (tb_test_text_of (window, "t4.review.total"), ==, "11");
  tb_test_type_and_wait (window, "t4.review.total", "10");
  tb_test_assert_error (window, "t4.review.total", FALSE);

  /* Back to computed: a wrong typed total is replaced by the sum. */
  tb_test_type_and_wait (window, "t4.review.total", "99");
  gtk_switch_set_active (manual, FALSE);
  tb_test_wait_validated (window);
  g_assert_cmpstr (tb_test_text_of (window, "t4.review.total"), ==, "10");
  tb_test_assert_error (window, "t4.review.total", FALSE);
  tb_test_destroy_window (window);
}

static void
test_badges (void)
{
  TbWindow *window = tb_test_report_window (2025);

  tb_test_fill_complete (window);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);

      g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, name)), ==, 0);
      g_assert_false (adw_view_stack_page_get_needs_attention (tb_window_get_stack_page (window, name)));
    }

  /* One wrong number: the 自然人 column breaks T3-1, one error on page 三; then a second
   * column. */
  tb_test_type_and_wait (window, "t3.r1_new.np", "5");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 1);
  tb_test_type_and_wait (window, "t3.r1_new.law", "1");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 2);
  g_assert_true (adw_view_stack_page_get_needs_attention (tb_window_get_stack_page (window, "s3")));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s2")), ==, 0);

  tb_test_type_and_wait (window, "t2.norm.valid", "abc");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s2")), ==, 1);

  tb_test_type_and_wait (window, "t3.r1_new.np", "0");
  tb_test_type_and_wait (window, "t3.r1_new.law", "0");
  tb_test_type_and_wait (window, "t2.norm.valid", "0");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 0);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s2")), ==, 0);
  tb_test_destroy_window (window);
}

static void
test_issues_jump (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbIssuesPanel *panel = tb_window_get_issues_panel (window);

  tb_test_fill_complete (window);
  g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), ==, 0);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "meta");

  tb_test_type_and_wait (window, "t4.direct.pending", "x");
  /* Errors come first in a section. */
  g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), >=, 1);
  tb_issues_panel_activate_row (panel, 0);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s4");
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t4.direct.pending"));

  /* An empty text section: its page is shown and the text view focused. */
  tb_report_set_text (tb_window_get_report (window), "s5", "");
  tb_test_type_and_wait (window, "t4.direct.pending", "0");
  g_assert_cmpuint (tb_issues_panel_get_n_rows (panel), ==, 1);
  tb_issues_panel_activate_row (panel, 0);
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s5");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 GTK_WIDGET (tb_text_page_get_text_view (TB_TEXT_PAGE (tb_window_get_page (window, "s5")))));
  tb_test_destroy_window (window);
}

static void
test_keyboard (void)
{
  TbWindow *window = tb_test_report_window (2025);

  tb_test_fill_complete (window);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "s3");
  tb_cell_entry_focus (TB_CELL_ENTRY (tb_test_cell_widget (window, "t3.r1_new.np")));

  /* Tab along the row; the computed 总计 is skipped, the next row follows. */
  g_assert_true (navigate (window, "t3.r1_new.np", TB_NAVIGATE_NEXT));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t3.r1_new.biz"));
  g_assert_true (navigate (window, "t3.r1_new.oth", TB_NAVIGATE_NEXT));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t3.r2_carry_in.np"));
  g_assert_true (navigate (window, "t3.r2_carry_in.np", TB_NAVIGATE_PREV));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t3.r1_new.oth"));
  /* Enter / Down down the column, over the computed （七）总计. */
  g_assert_true (navigate (window, "t3.r1_new.res", TB_NAVIGATE_DOWN));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t3.r2_carry_in.res"));
  g_assert_true (navigate (window, "t3.r3_6_3.res", TB_NAVIGATE_DOWN));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t3.r4_carry_out.res"));
  g_assert_true (navigate (window, "t3.r4_carry_out.res", TB_NAVIGATE_UP));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t3.r3_6_3.res"));
  /* The focused cell is all selected: typing replaces it. */
  {
    int start = -1, end = -1;

    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (focused (window)), &start, &end));
    g_assert_cmpint (start, ==, 0);
    g_assert_cmpint (end, ==, 1);
  }
  /* Table 二: down from a three-column row into a merged cell. */
  g_assert_true (navigate (window, "t2.norm.valid", TB_NAVIGATE_DOWN));
  g_assert_true (focused (window) == tb_test_cell_widget (window, "t2.licence.decisions"));
  /* Tab at the very end leaves the table the usual way. */
  g_assert_false (navigate (window, "t4.after.pending", TB_NAVIGATE_NEXT));
  tb_test_destroy_window (window);
}

static void
test_paste (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbTablePage *page = TB_TABLE_PAGE (tb_window_get_page (window, "s3"));
  TbTableGrid *grid = TB_TABLE_GRID (tb_table_page_get_grid (page));
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *message = NULL;

  tb_test_fill_complete (window);
  /* Two rows copied from a spreadsheet, the 总计 column included (it is computed). */
  rows = tb_paste_split ("1\t2\t3\t4\t5\t6\t21\r\n7\t/\t0\t0\t0\t0\t7\r\n");
  message = tb_table_grid_paste (grid, tb_test_cell_widget (window, "t3.r1_new.np"), rows);
  tb_test_wait_validated (window);
  g_assert_cmpstr (tb_test_text_of (window, "t3.r1_new.res"), ==, "3");
  g_assert_cmpstr (tb_test_text_of (window, "t3.r1_new.tot"), ==, "21");
  g_assert_cmpstr (tb_test_text_of (window, "t3.r2_carry_in.np"), ==, "7");
  /* "/" is not a number: kept, marked, reported. */
  tb_test_assert_error (window, "t3.r2_carry_in.biz", TRUE);
  g_assert_nonnull (strstr (message, tb_format_find_cell (tb_report_get_format (tb_window_get_report (window)),
                                                         "t3.r2_carry_in.biz")->label));

  /* Through the clipboard, as Ctrl+V does: a block from the focused cell on. */
  {
    GtkWidget *start = tb_test_cell_widget (window, "t3.r3_3_1.law");
    GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (start)));
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    gdk_clipboard_set_text (gtk_widget_get_clipboard (start), "4\t5\n６\t7\n");
    tb_cell_entry_focus (TB_CELL_ENTRY (start));
    g_signal_emit_by_name (text, "paste-clipboard");
    while (g_strcmp0 (tb_test_text_of (window, "t3.r3_3_2.oth"), "7") != 0 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    tb_test_wait_validated (window);
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_1.law"), ==, "4");
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_1.oth"), ==, "5");
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_2.law"), ==, "６");
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_2.oth"), ==, "7");
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_2.tot"), ==, "13");

    /* A single value pastes into the cell like any text. */
    gdk_clipboard_set_text (gtk_widget_get_clipboard (start), "1,234\r\n");
    tb_cell_entry_focus (TB_CELL_ENTRY (start));
    g_signal_emit_by_name (text, "paste-clipboard");
    deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (g_strcmp0 (tb_test_text_of (window, "t3.r3_3_1.law"), "1,234") != 0 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_1.law"), ==, "1,234");
    g_assert_cmpstr (tb_test_text_of (window, "t3.r3_3_1.oth"), ==, "5");
  }

  /* A row copied from a web page with its label; more values than cells. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&message, g_free);
  rows = tb_paste_split ("四、结转下年度继续办理 0 0 0 0 0 9 9 1 1");
  message = tb_table_grid_paste (grid, tb_test_cell_widget (window, "t3.r4_carry_out.np"), rows);
  tb_test_wait_validated (window);
  g_assert_cmpstr (tb_test_text_of (window, "t3.r4_carry_out.oth"), ==, "9");
  g_assert_nonnull (strstr (message, "2"));
  tb_test_destroy_window (window);
}

static void
test_meta_and_format (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbReport *report = tb_window_get_report (window);

  tb_test_type_and_wait (window, "t3.r1_new.np", "4");
  tb_report_set_year (report, 2020);
  tb_window_validate_now (window);
  /* The year moved to the 2019 format: the window now shows a converted report. */
  report = tb_window_get_report (window);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2019");
  g_assert_cmpint (tb_report_get_year (report), ==, 2020);
  g_assert_cmpstr (tb_test_text_of (window, "t3.r1_new.np"), ==, "4");
  g_assert_null (tb_window_get_cell_widget (window, "s6.fee_notices"));
  g_assert_true (gtk_widget_get_ancestor (tb_test_cell_widget (window, "t3.r1_new.np"),
                                          GTK_TYPE_WINDOW) == GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-convert", NULL);
  tb_test_wait_validated (window);
  report = tb_window_get_report (window);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2021");
  g_assert_cmpint (tb_report_get_year (report), ==, 2021);
  g_assert_nonnull (tb_window_get_cell_widget (window, "s6.fee_notices"));
  tb_test_destroy_window (window);
}

static void
test_text_page (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbReport *report = tb_window_get_report (window);
  TbTextPage *page = TB_TEXT_PAGE (tb_window_get_page (window, "s6"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tb_text_page_get_text_view (page));
  GtkWidget *button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), TB_TYPE_TEXT_PAGE,
                                                     "sentence_button");

  gtk_text_buffer_set_text (buffer, "本年无其他事项。", -1);
  g_assert_cmpstr (tb_report_get_text (report, "s6"), ==, "本年无其他事项。");

  g_assert_false (gtk_widget_get_sensitive (button));
  tb_test_type_and_wait (window, "s6.fee_notices", "2");
  tb_test_type_and_wait (window, "s6.fee_notified", "200");
  tb_test_type_and_wait (window, "s6.fee_collected", "100");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (tb_text_page_insert_sentence (page));
  g_assert_nonnull (strstr (tb_report_get_text (report, "s6"),
                            "2025年，本机关共发出收费通知2件，通知收费总金额200元，实际收取信息处理费100元。"));
  /* Again with other figures: the sentence is replaced, not repeated. */
  tb_test_type_and_wait (window, "s6.fee_collected", "150");
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
  tb_test_destroy_window (window);
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

/* The first widget of type @type under @widget, or NULL. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The main menu and the calendar of the details page are made when first opened, and work
 * as if they had been there all along. */
static void
test_popovers_when_opened (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbReport *report = tb_window_get_report (window);
  TbSectionPage *meta = tb_window_get_page (window, "meta");
  GtkMenuButton *date_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (meta),
                                                                               TB_TYPE_META_PAGE,
                                                                               "calendar_button"));
  GtkEditable *date_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (meta),
                                                                       TB_TYPE_META_PAGE,
                                                                       "date_row"));
  GtkPopover *popover;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) day = NULL;

  tb_report_set_report_date (report, "2025-01-20");
  tb_test_run_loop_for (100);

  /* The main menu: nothing until opened; opened, the whole menu. */
  g_assert_null (gtk_menu_button_get_popover (window->menu_button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->menu_button)));
  gtk_menu_button_popup (window->menu_button);
  tb_test_run_loop_for (100);
  popover = gtk_menu_button_get_popover (window->menu_button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)) == window->primary_menu);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (window->menu_button);
  gtk_menu_button_popup (window->menu_button);
  g_assert_true (gtk_menu_button_get_popover (window->menu_button) == popover);
  gtk_menu_button_popdown (window->menu_button);

  /* The calendar: opened on the report's date; a day picked is the report's. */
  g_assert_null (gtk_menu_button_get_popover (date_button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (date_button)));
  gtk_menu_button_popup (date_button);
  tb_test_run_loop_for (100);
  popover = gtk_menu_button_get_popover (date_button);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  calendar = GTK_CALENDAR (find_descendant (GTK_WIDGET (popover), GTK_TYPE_CALENDAR));
  g_assert_nonnull (calendar);
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2025);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 20);

  day = g_date_time_new_local (2025, 2, 3, 12, 0, 0);
  gtk_calendar_select_day (calendar, day);
  tb_test_run_loop_for (100);
  g_assert_cmpstr (gtk_editable_get_text (date_row), ==, "2025-02-03");
  g_assert_cmpstr (tb_report_get_report_date (report), ==, "2025-02-03");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* Opened again: the same calendar, on the new date. */
  gtk_menu_button_popup (date_button);
  tb_test_run_loop_for (100);
  g_assert_true (gtk_menu_button_get_popover (date_button) == popover);
  g_clear_pointer (&shown, g_date_time_unref);
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
  gtk_menu_button_popdown (date_button);
  tb_test_destroy_window (window);
}

/* The entries take no more than a draft may hold, and say how much they left out. */
static void
test_field_limits (void)
{
  TbWindow *window = tb_test_report_window (2025);
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
  g_autofree char *path = g_build_filename (tb_test_window_home (), "limits.tianbao", NULL);
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

  /* Characters no draft may hold: left out, and said; line breaks of a copied line and
   * tabs of a copied row become spaces in a one-line field. */
  {
    GtkEditable *contact = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (meta),
                                                                        TB_TYPE_META_PAGE,
                                                                        "contact_row"));

    gtk_editable_set_text (agency, "");
    paste_into (agency, "某\x01县\u202e审计\xc2\x85局");
    g_assert_cmpstr (tb_report_get_agency (report), ==, "某县审计局");
    toast = find_label_text (GTK_WIDGET (window), "left out");
    g_assert_nonnull (toast);
    g_test_message ("%s", toast);
    g_assert_nonnull (strstr (toast, "3 such characters"));
    gtk_editable_set_text (preparer, "");
    paste_into (preparer, "张三\r\n");
    g_assert_cmpstr (tb_report_get_preparer (report), ==, "张三");
    gtk_editable_set_text (contact, "");
    paste_into (contact, "0951-1234567\tzhang@example.cn\n");
    g_assert_cmpstr (tb_report_get_contact (report), ==, "0951-1234567 zhang@example.cn");
  }

  /* A text section: its paragraphs stay, controls go. */
  buffer = gtk_text_view_get_buffer (tb_text_page_get_text_view (
    TB_TEXT_PAGE (tb_window_get_page (window, "s6"))));
  gtk_text_buffer_set_text (buffer, "第一段\x07。\n\t第二段\u202d。", -1);
  tb_test_spin ();
  g_assert_cmpstr (tb_report_get_text (report, "s6"), ==, "第一段。\n\t第二段。");
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
  tb_test_destroy_window (window);
}

/* A report on a year its format is not for (a 2019-format report on 2024, edited by hand):
 * the window offers the conversion, and it is one click. */
static void
test_offer_conversion (void)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2019"));
  const char *offer;

  tb_report_set_year (report, 2024);
  tb_report_set_agency (report, "测试县审计局");
  tb_test_type (report, "t3.r1_new.np", "4");
  tb_test_show_report (window, report);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  /* Not converted behind the clerk's back. */
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (tb_window_get_report (window))), ==,
                   "2019");
  offer = find_label_text (GTK_WIDGET (window), "convert it");
  g_assert_nonnull (offer);
  g_test_message ("%s", offer);
  g_assert_nonnull (strstr (offer, "2024"));
  g_assert_nonnull (strstr (offer, "〔2019〕60号"));
  g_assert_nonnull (strstr (offer, "〔2021〕30号"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.convert-format", NULL);
  tb_test_spin ();
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (tb_window_get_report (window))), ==,
                   "2021");
  g_assert_cmpint (tb_report_get_year (tb_window_get_report (window)), ==, 2024);
  g_assert_cmpstr (tb_test_text_of (window, "t3.r1_new.np"), ==, "4");
  tb_test_run_loop_for (300);
  g_assert_null (find_label_text (GTK_WIDGET (window), "convert it"));
  tb_test_destroy_window (window);

  /* A report that fits its year: no offer. */
  window = tb_test_report_window (2024);
  tb_test_spin ();
  g_assert_null (find_label_text (GTK_WIDGET (window), "convert it"));
  tb_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_window_init (&argc, &argv, "test-gui-window"))
    return 0;

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
  g_test_add_func ("/gui/window/popovers-when-opened", test_popovers_when_opened);
  g_test_add_func ("/gui/window/offer-conversion", test_offer_conversion);

  return tb_test_window_run ();
}
