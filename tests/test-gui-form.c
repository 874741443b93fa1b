/* test-gui-form.c: typing into the form on a clerk's real screen (issue 14; suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text in a number cell explained at once under its table with a one-click 0; every
 * problem of the list leading to a cell the clerk can change; typed values shown as they
 * are saved. The form in narrow and wide windows is test-gui-form-layout.c, the dialogs
 * test-gui-form-dialogs.c.
 */
#define G_LOG_DOMAIN "test-gui-form"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tb-cell-entry-private.h"
#include "tb-issues-panel-private.h"
#include "tb-window-private.h"

#include "tb-test-form.h"
#include "tb-test-util.h"
#include "tb-test-window.h"

/* ---- Helpers ------------------------------------------------------------------------- */

static const TbCellValue *
model_cell (TbWindow   *window,
            const char *id)
{
  TbReport *report = tb_window_get_report (window);

  return tb_report_get_cell (report, tb_format_find_cell (tb_report_get_format (report),
                                                          id)->index);
}

/* ---- Text in a number cell ------------------------------------------------------------ */

static void
test_reason_bar (void)
{
  TbWindow *window = tb_test_report_window (2025);
  GtkWidget *bar, *label, *zero;
  const TbFormState *state;

  tb_test_fill_complete (window);
  bar = tb_test_page_child (window, "s3", "reason_bar");
  label = tb_test_page_child (window, "s3", "reason_label");
  zero = tb_test_page_child (window, "s3", "zero_button");
  g_assert_false (gtk_widget_get_visible (bar));

  /* "/" for no cases, in a part of the computed （七）总计: the reason shows at once under
   * the table, before any rules check ran. */
  {
    GtkWidget *cell = tb_test_cell_widget (window, "t3.r3_1_open.np");
    int pos = 0;

    gtk_editable_delete_text (GTK_EDITABLE (cell), 0, -1);
    gtk_editable_insert_text (GTK_EDITABLE (cell), "/", -1, &pos);
    g_assert_true (tb_window_has_pending_validation (window));
    g_assert_true (gtk_widget_get_visible (bar));
    tb_test_wait_validated (window);
  }
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_get_visible (zero));
  g_test_message ("reason: %s", gtk_label_get_label (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "“/”"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            tb_cell_entry_get_spec (TB_CELL_ENTRY (tb_test_cell_widget (window, "t3.r3_1_open.np")))->label));
  /* Nothing typed is lost: the text is in the report (and so in the draft). */
  g_assert_cmpint (model_cell (window, "t3.r3_1_open.np")->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (model_cell (window, "t3.r3_1_open.np")->text, ==, "/");
  g_assert_cmpint (model_cell (window, "t3.r3_7_total.np")->state, ==, TB_CELL_EMPTY);

  /* One problem, not an error plus "a cell not filled" for the blank total. */
  state = tb_window_get_form_state (window);
  g_assert_cmpuint (state->total.n_errors, ==, 1);
  g_assert_cmpuint (state->total.n_incomplete, ==, 0);
  g_assert_cmpuint (state->total.n_warnings, ==, 0);
  g_assert_cmpuint (tb_issues_panel_get_n_rows (tb_window_get_issues_panel (window)), ==, 1);
  /* The other tables say nothing. */
  g_assert_false (gtk_widget_get_visible (tb_test_page_child (window, "s4", "reason_bar")));

  /* A second one: the bar follows the cell typed into last and counts the other. */
  tb_test_form_type (window, "t3.r1_new.biz", "无");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "“无”"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "1"));
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 2);

  /* One click: 0 in that cell, the bar moves on to the one left. */
  g_signal_emit_by_name (zero, "clicked");
  tb_test_wait_validated (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tb_test_cell_widget (window, "t3.r1_new.biz"))), ==, "0");
  g_assert_cmpint (model_cell (window, "t3.r1_new.biz")->state, ==, TB_CELL_VALID);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "“/”"));
  g_signal_emit_by_name (zero, "clicked");
  tb_test_wait_validated (window);
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpint (model_cell (window, "t3.r3_1_open.np")->value, ==, 0);
  g_assert_cmpint (model_cell (window, "t3.r3_7_total.np")->state, ==, TB_CELL_VALID);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 0);

  /* Undo brings the text back, and the reason with it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  tb_test_wait_validated (window);
  g_assert_cmpstr (model_cell (window, "t3.r3_1_open.np")->text, ==, "/");
  g_assert_true (gtk_widget_get_visible (bar));
  tb_test_destroy_window (window);
}

/* The widget a problem of the list leads to can be typed into. */
static void
assert_focus_editable (TbWindow *window,
                       guint     row)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *cell;

  g_assert_nonnull (focus);
  cell = gtk_widget_get_ancestor (focus, TB_TYPE_CELL_ENTRY);
  if (cell != NULL)
    {
      g_test_message ("row %u → %s", row, gtk_widget_get_name (cell));
      g_assert_false (tb_cell_entry_get_computed (TB_CELL_ENTRY (cell)));
      g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (cell)));
    }
  else if (GTK_IS_TEXT_VIEW (focus))
    g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)));
  else
    {
      g_assert_true (GTK_IS_EDITABLE (focus));
      g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (focus)));
    }
}

static void
test_no_dead_end (void)
{
  TbWindow *window = tb_test_report_window (2025);
  TbIssuesPanel *panel = tb_window_get_issues_panel (window);
  guint n;

  /* Tables half filled, text in a part of a computed total: every row of the list, each
   * activated in turn, focuses something the clerk can type into. */
  tb_test_fill_complete (window);
  tb_test_form_type (window, "t3.r3_1_open.soc", "/");
  tb_test_clear (tb_window_get_report (window), "t4.direct.upheld");
  tb_test_clear (tb_window_get_report (window), "t3.r2_carry_in.biz");
  tb_test_wait_validated (window);
  n = tb_issues_panel_get_n_rows (panel);
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      tb_issues_panel_activate_row (panel, i);
      assert_focus_editable (window, i);
    }

  /* A new report: nothing filled, every total blank. */
  tb_test_destroy_window (window);
  window = tb_test_report_window (2025);
  panel = tb_window_get_issues_panel (window);
  tb_test_form_type (window, "t2.reg.made", "无");
  n = tb_issues_panel_get_n_rows (panel);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      tb_issues_panel_activate_row (panel, i);
      assert_focus_editable (window, i);
    }
  tb_test_destroy_window (window);
}

/* ---- What is shown is what is saved ------------------------------------------------- */

static void
test_normalised (void)
{
  TbWindow *window = tb_test_report_window (2025);
  GtkWidget *made = tb_test_cell_widget (window, "t2.reg.made");
  GtkWidget *repealed = tb_test_cell_widget (window, "t2.reg.repealed");
  GtkWidget *fee = tb_test_cell_widget (window, "t2.fee.amount");

  tb_test_fill_complete (window);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "s2");
  tb_test_spin ();

  /* Typed with a Chinese input method and a leading zero: shown as typed while the cell
   * has the focus, as saved once it loses it. */
  tb_cell_entry_focus (TB_CELL_ENTRY (made));
  tb_test_spin ();
  tb_test_form_type (window, "t2.reg.made", "１２");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "１２");
  tb_cell_entry_focus (TB_CELL_ENTRY (repealed));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "12");
  g_assert_cmpint (model_cell (window, "t2.reg.made")->value, ==, 12);

  tb_test_form_type (window, "t2.reg.repealed", "05");
  tb_cell_entry_focus (TB_CELL_ENTRY (fee));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (repealed)), ==, "5");

  /* An amount: trailing zeros and full-width digits go; text that cannot be read stays as
   * typed, to be corrected. */
  tb_test_form_type (window, "t2.fee.amount", "０.50");
  tb_cell_entry_focus (TB_CELL_ENTRY (made));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fee)), ==, "0.5");
  tb_test_form_type (window, "t2.reg.made", "1２x");
  tb_cell_entry_focus (TB_CELL_ENTRY (repealed));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "1２x");

  /* Undo shows the value again as saved, not as it was typed. */
  tb_cell_entry_focus (TB_CELL_ENTRY (made));
  tb_test_spin ();
  tb_test_form_type (window, "t2.reg.made", "３");
  tb_cell_entry_focus (TB_CELL_ENTRY (fee));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "3");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  tb_test_wait_validated (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "1２x");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  tb_test_wait_validated (window);
  /* (Undo shows the cell it changed, in the focus: as typed until the focus moves on.) */
  tb_cell_entry_focus (TB_CELL_ENTRY (fee));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "12");
  tb_test_destroy_window (window);
}

/* ---- Main ----------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_form_init (&argc, &argv))
    return 0;

  g_test_add_func ("/gui/form/reason-bar", test_reason_bar);
  g_test_add_func ("/gui/form/no-dead-end", test_no_dead_end);
  g_test_add_func ("/gui/form/normalised", test_normalised);

  return g_test_run ();
}
