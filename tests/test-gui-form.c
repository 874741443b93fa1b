/* test-gui-form.c: the form on a clerk's real screen (issue 14; suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text in a number cell explained at once under its table with a one-click 0; every
 * problem of the list leading to a cell the clerk can change; typed values shown as they
 * are saved; tables that fit narrow windows with their labels pinned; dialogs whole in both
 * languages; the shortcuts window listing every installed accelerator.
 */
#define G_LOG_DOMAIN "test-gui-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tb-application.h"
#include "tb-cell-entry-private.h"
#include "tb-issues-panel-private.h"
#include "tb-new-report-dialog.h"
#include "tb-preferences-window.h"
#include "tb-pinned-grid.h"
#include "tb-table-grid-private.h"
#include "tb-table-page-private.h"
#include "tb-text-page-private.h"
#include "tb-ui-font.h"
#include "tb-fonts.h"
#include "tb-window-private.h"

#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

static TbWindow *
new_window (int year)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (year));
  g_autoptr(TbDocument) document = NULL;

  tb_report_set_year (report, year);
  tb_report_set_agency (report, "测试县审计局");
  tb_report_set_modified (report, FALSE);
  document = tb_document_new_for_report (report, NULL);
  tb_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (TbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tb_test_spin ();
}

static void
wait_validated (TbWindow *window)
{
  gint64 start = g_get_monotonic_time ();

  while (tb_window_has_pending_validation (window))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
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
type_and_wait (TbWindow   *window,
               const char *id,
               const char *text)
{
  GtkWidget *cell = cell_widget (window, id);
  int pos = 0;

  gtk_editable_delete_text (GTK_EDITABLE (cell), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (cell), text, -1, &pos);
  wait_validated (window);
}

static const TbCellValue *
model_cell (TbWindow   *window,
            const char *id)
{
  TbReport *report = tb_window_get_report (window);

  return tb_report_get_cell (report, tb_format_find_cell (tb_report_get_format (report),
                                                          id)->index);
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
page_child (TbWindow   *window,
            const char *page,
            const char *name)
{
  GtkWidget *widget = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (tb_window_get_page (window, page)),
                                                     TB_TYPE_TABLE_PAGE, name);

  g_assert_nonnull (widget);
  return widget;
}

/* ---- Text in a number cell ------------------------------------------------------------ */

static void
test_reason_bar (void)
{
  TbWindow *window = new_window (2025);
  GtkWidget *bar, *label, *zero;
  const TbFormState *state;

  fill_complete (window);
  bar = page_child (window, "s3", "reason_bar");
  label = page_child (window, "s3", "reason_label");
  zero = page_child (window, "s3", "zero_button");
  g_assert_false (gtk_widget_get_visible (bar));

  /* "/" for no cases, in a part of the computed （七）总计: the reason shows at once under
   * the table, before any rules check ran. */
  {
    GtkWidget *cell = cell_widget (window, "t3.r3_1_open.np");
    int pos = 0;

    gtk_editable_delete_text (GTK_EDITABLE (cell), 0, -1);
    gtk_editable_insert_text (GTK_EDITABLE (cell), "/", -1, &pos);
    g_assert_true (tb_window_has_pending_validation (window));
    g_assert_true (gtk_widget_get_visible (bar));
    wait_validated (window);
  }
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_get_visible (zero));
  g_test_message ("reason: %s", gtk_label_get_label (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "“/”"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            tb_cell_entry_get_spec (TB_CELL_ENTRY (cell_widget (window, "t3.r3_1_open.np")))->label));
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
  g_assert_false (gtk_widget_get_visible (page_child (window, "s4", "reason_bar")));

  /* A second one: the bar follows the cell typed into last and counts the other. */
  type_and_wait (window, "t3.r1_new.biz", "无");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "“无”"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "1"));
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 2);

  /* One click: 0 in that cell, the bar moves on to the one left. */
  g_signal_emit_by_name (zero, "clicked");
  wait_validated (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell_widget (window, "t3.r1_new.biz"))), ==, "0");
  g_assert_cmpint (model_cell (window, "t3.r1_new.biz")->state, ==, TB_CELL_VALID);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "“/”"));
  g_signal_emit_by_name (zero, "clicked");
  wait_validated (window);
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpint (model_cell (window, "t3.r3_1_open.np")->value, ==, 0);
  g_assert_cmpint (model_cell (window, "t3.r3_7_total.np")->state, ==, TB_CELL_VALID);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 0);

  /* Undo brings the text back, and the reason with it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_validated (window);
  g_assert_cmpstr (model_cell (window, "t3.r3_1_open.np")->text, ==, "/");
  g_assert_true (gtk_widget_get_visible (bar));
  destroy_window (window);
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
  TbWindow *window = new_window (2025);
  TbIssuesPanel *panel = tb_window_get_issues_panel (window);
  guint n;

  /* Tables half filled, text in a part of a computed total: every row of the list, each
   * activated in turn, focuses something the clerk can type into. */
  fill_complete (window);
  type_and_wait (window, "t3.r3_1_open.soc", "/");
  tb_test_clear (tb_window_get_report (window), "t4.direct.upheld");
  tb_test_clear (tb_window_get_report (window), "t3.r2_carry_in.biz");
  wait_validated (window);
  n = tb_issues_panel_get_n_rows (panel);
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      tb_issues_panel_activate_row (panel, i);
      assert_focus_editable (window, i);
    }

  /* A new report: nothing filled, every total blank. */
  destroy_window (window);
  window = new_window (2025);
  panel = tb_window_get_issues_panel (window);
  type_and_wait (window, "t2.reg.made", "无");
  n = tb_issues_panel_get_n_rows (panel);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      tb_issues_panel_activate_row (panel, i);
      assert_focus_editable (window, i);
    }
  destroy_window (window);
}

/* ---- What is shown is what is saved ------------------------------------------------- */

static void
test_normalised (void)
{
  TbWindow *window = new_window (2025);
  GtkWidget *made = cell_widget (window, "t2.reg.made");
  GtkWidget *repealed = cell_widget (window, "t2.reg.repealed");
  GtkWidget *fee = cell_widget (window, "t2.fee.amount");

  fill_complete (window);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), "s2");
  tb_test_spin ();

  /* Typed with a Chinese input method and a leading zero: shown as typed while the cell
   * has the focus, as saved once it loses it. */
  tb_cell_entry_focus (TB_CELL_ENTRY (made));
  tb_test_spin ();
  type_and_wait (window, "t2.reg.made", "１２");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "１２");
  tb_cell_entry_focus (TB_CELL_ENTRY (repealed));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "12");
  g_assert_cmpint (model_cell (window, "t2.reg.made")->value, ==, 12);

  type_and_wait (window, "t2.reg.repealed", "05");
  tb_cell_entry_focus (TB_CELL_ENTRY (fee));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (repealed)), ==, "5");

  /* An amount: trailing zeros and full-width digits go; text that cannot be read stays as
   * typed, to be corrected. */
  type_and_wait (window, "t2.fee.amount", "０.50");
  tb_cell_entry_focus (TB_CELL_ENTRY (made));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fee)), ==, "0.5");
  type_and_wait (window, "t2.reg.made", "1２x");
  tb_cell_entry_focus (TB_CELL_ENTRY (repealed));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "1２x");

  /* Undo shows the value again as saved, not as it was typed. */
  tb_cell_entry_focus (TB_CELL_ENTRY (made));
  tb_test_spin ();
  type_and_wait (window, "t2.reg.made", "３");
  tb_cell_entry_focus (TB_CELL_ENTRY (fee));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "3");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_validated (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "1２x");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_validated (window);
  /* (Undo shows the cell it changed, in the focus: as typed until the focus moves on.) */
  tb_cell_entry_focus (TB_CELL_ENTRY (fee));
  tb_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (made)), ==, "12");
  destroy_window (window);
}

/* ---- Narrow windows ------------------------------------------------------------------ */

/* A window of @width × @height showing page @name, laid out. */
static TbWindow *
sized_window (int         width,
              int         height,
              const char *name)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (2025));
  g_autoptr(TbDocument) document = NULL;

  tb_report_set_year (report, 2025);
  document = tb_document_new_for_report (report, NULL);
  tb_window_set_document (window, document);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  fill_complete (window);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->view_stack), name);
  /* (The window's content is a few pixels narrower than its default size: stricter.) */
  for (guint i = 0; i < 100 && gtk_widget_get_width (GTK_WIDGET (window)) < width - 12; i++)
    tb_test_run_loop_for (20);
  tb_test_run_loop_for (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, width - 12);
  return window;
}

static GtkAdjustment *
table_hadjustment (TbWindow   *window,
                   const char *name)
{
  GtkWidget *grid = tb_table_page_get_grid (TB_TABLE_PAGE (tb_window_get_page (window, name)));
  GtkWidget *outer = gtk_widget_get_first_child (grid);

  g_assert_true (GTK_IS_SCROLLED_WINDOW (outer));
  return gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (outer));
}

static void
test_tables_fit (void)
{
  const int sizes[][2] = { { 1366, 768 }, { 1024, 700 } };
  const char *pages[] = { "s2", "s3", "s4" };

  /* On an office PC's screen and in a 1024 px window beside another one, no table scrolls
   * sideways. */
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        TbWindow *window = sized_window (sizes[s][0], sizes[s][1], pages[p]);
        GtkAdjustment *hadj = table_hadjustment (window, pages[p]);

        g_test_message ("%d×%d %s: %.0f of %.0f px", sizes[s][0], sizes[s][1], pages[p],
                        gtk_adjustment_get_page_size (hadj), gtk_adjustment_get_upper (hadj));
        g_assert_cmpfloat (gtk_adjustment_get_page_size (hadj), >, 0);
        g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), <=,
                           gtk_adjustment_get_page_size (hadj));
        destroy_window (window);
      }
}

/* Whether @widget lies within the visible width of the table's sideways scroller, once
 * @pinned ones are drawn moved by the scroll offset. */
static gboolean
in_view (GtkWidget     *widget,
         GtkAdjustment *hadj,
         GtkWidget     *viewport,
         gboolean       pinned)
{
  graphene_rect_t b;
  double x;

  g_assert_true (gtk_widget_compute_bounds (widget, viewport, &b));
  x = b.origin.x + (pinned ? gtk_adjustment_get_value (hadj) : 0);
  /* (The viewport scrolls the entry's text into view: its 1 px border may stay out.) */
  return x >= -1.5 && x + b.size.width <= gtk_adjustment_get_page_size (hadj) + 1.5;
}

static void
check_tab_to_row_end (int width,
                      int height)
{
  TbWindow *window = sized_window (width, height, "s3");
  GtkAdjustment *hadj = table_hadjustment (window, "s3");
  GtkWidget *outer = gtk_widget_get_first_child (tb_table_page_get_grid (TB_TABLE_PAGE (tb_window_get_page (window, "s3"))));
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (outer));
  GtkWidget *cell = cell_widget (window, "t3.r2_carry_in.np");
  GtkWidget *body, *header, *label, *head;
  int col = 0, row = 0, n_head;
  gboolean handled;

  /* Tab along 二、上年结转 to its last column a clerk types into (其他). */
  tb_cell_entry_focus (TB_CELL_ENTRY (cell));
  for (guint i = 0; i < 5; i++)
    {
      g_signal_emit_by_name (cell, "navigate", TB_NAVIGATE_NEXT, &handled);
      g_assert_true (handled);
      cell = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), TB_TYPE_CELL_ENTRY);
    }
  tb_test_run_loop_for (300);
  g_assert_true (cell == cell_widget (window, "t3.r2_carry_in.oth"));
  g_test_message ("%d px: scrolled %.0f of %.0f", width, gtk_adjustment_get_value (hadj),
                  gtk_adjustment_get_upper (hadj) - gtk_adjustment_get_page_size (hadj));

  /* The cell, its row label and its column head are all in view. */
  body = gtk_widget_get_parent (cell);
  g_assert_true (TB_IS_PINNED_GRID (body));
  gtk_grid_query_child (GTK_GRID (body), cell, &col, &row, NULL, NULL);
  label = gtk_grid_get_child_at (GTK_GRID (body), 0, row);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "上年结转"));
  header = gtk_widget_get_first_child (gtk_widget_get_first_child (viewport));
  g_assert_true (TB_IS_PINNED_GRID (header) && header != body);
  n_head = tb_format_find_table (tb_report_get_format (tb_window_get_report (window)), "t3")->n_header_rows;
  head = gtk_grid_get_child_at (GTK_GRID (header), col, n_head - 1);
  g_assert_true (GTK_IS_LABEL (head));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (head)), ==, "其他");

  {
    graphene_rect_t b;

    g_assert_true (gtk_widget_compute_bounds (cell, viewport, &b));
    g_test_message ("cell at %.1f + %.1f in %.1f", b.origin.x, b.size.width,
                    gtk_adjustment_get_page_size (hadj));
  }
  g_assert_true (in_view (cell, hadj, viewport, FALSE));
  g_assert_true (in_view (head, hadj, viewport, FALSE));
  g_assert_true (in_view (label, hadj, viewport, TRUE));
  /* Not hidden under the pinned labels either. */
  {
    graphene_rect_t b;

    g_assert_true (gtk_widget_compute_bounds (cell, viewport, &b));
    g_assert_cmpfloat (b.origin.x, >=, tb_pinned_grid_get_pinned_width (TB_PINNED_GRID (body)) - gtk_adjustment_get_value (hadj) - 0.5);
  }
  if (width < 1000)
    g_assert_cmpfloat (gtk_adjustment_get_value (hadj), >, 0);

  /* Back to the first column: it comes out from under the pinned labels. */
  for (guint i = 0; i < 5; i++)
    {
      g_signal_emit_by_name (cell, "navigate", TB_NAVIGATE_PREV, &handled);
      cell = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), TB_TYPE_CELL_ENTRY);
    }
  tb_test_run_loop_for (300);
  g_assert_true (cell == cell_widget (window, "t3.r2_carry_in.np"));
  {
    graphene_rect_t b;

    g_assert_true (gtk_widget_compute_bounds (cell, viewport, &b));
    g_assert_cmpfloat (b.origin.x, >=, tb_pinned_grid_get_pinned_width (TB_PINNED_GRID (body)) - gtk_adjustment_get_value (hadj) - 0.5);
  }
  destroy_window (window);
}

static void
test_pinned_labels (void)
{
  /* At 1024 px the table fits; in a narrower window the number columns scroll under the
   * pinned row labels. */
  check_tab_to_row_end (1024, 700);
  check_tab_to_row_end (800, 600);
}

/* ---- Tooltips, badges, icons, no problems ---------------------------------------------- */

static guint
count_in (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The widgets of CSS name @name under @root, in @out. */
static void
collect_css (GtkWidget  *root,
             const char *name,
             GPtrArray  *out)
{
  if (g_str_equal (gtk_widget_get_css_name (root), name))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_css (c, name, out);
}

static void
test_looks (void)
{
  TbWindow *window = sized_window (1366, 768, "s3");
  GtkWidget *cell;
  g_autofree char *shown = NULL;
  const char *plain;
  const char *term = "社会公益组织";
  g_autoptr(GPtrArray) bins = g_ptr_array_new ();
  guint n_badges = 0;

  /* With no problem left, the header says so in words. */
  g_assert_cmpstr (gtk_label_get_label (window->issues_label), ==, _("No problems"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->issues_label)));

  /* A broken column of 三: its tooltip, wrapped at any width, never breaks 社会公益组织. */
  type_and_wait (window, "t3.r3_1_open.soc", "5");
  cell = cell_widget (window, "t3.r1_new.soc");
  plain = gtk_widget_get_tooltip_text (cell);
  g_assert_nonnull (plain);
  g_assert_cmpuint (count_in (plain, term), >, 0);
  shown = tb_cell_entry_dup_tooltip_shown (TB_CELL_ENTRY (cell));
  for (int width = 100; width <= 420; width += 3)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (cell, shown);
      g_autoptr(GString) lines = g_string_new (NULL);
      PangoLayoutIter *iter;

      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);

          g_string_append_len (lines, shown + line->start_index, line->length);
          g_string_append_c (lines, '\n');
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      g_object_unref (layout);
      g_string_replace (lines, "\u2060", "", 0);
      if (count_in (lines->str, term) != count_in (plain, term))
        g_error ("at %d px the tooltip breaks %s:\n%s", width, term, lines->str);
    }

  /* The page badge: in the header counter's error colour (style.css), beside the page icon,
   * not over it. */
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (tb_window_get_stack_page (window, "s3")), ==, 1);
  tb_test_run_loop_for (300);
  collect_css (GTK_WIDGET (window), "indicatorbin", bins);
  for (guint i = 0; i < bins->len; i++)
    {
      GtkWidget *bin = g_ptr_array_index (bins, i);
      GtkWidget *image = NULL, *indicator = NULL;
      graphene_rect_t a, b, overlap;

      if (!gtk_widget_has_css_class (bin, "badge") || !gtk_widget_is_drawable (bin))
        continue;
      for (GtkWidget *c = gtk_widget_get_first_child (bin); c != NULL; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_IMAGE (c))
          image = c;
        else if (g_str_equal (gtk_widget_get_css_name (c), "indicator"))
          indicator = c;
      g_assert_nonnull (image);
      g_assert_nonnull (indicator);
      g_assert_true (gtk_widget_compute_bounds (image, GTK_WIDGET (window), &a));
      g_assert_true (gtk_widget_compute_bounds (indicator, GTK_WIDGET (window), &b));
      {
        /* The icon is the left, square part of its padded box. */
        graphene_rect_t icon = GRAPHENE_RECT_INIT (a.origin.x, a.origin.y, a.size.height,
                                                   a.size.height);

        g_test_message ("icon %.0f,%.0f %.0f×%.0f; badge %.0f,%.0f %.0f×%.0f",
                        icon.origin.x, icon.origin.y, icon.size.width, icon.size.height,
                        b.origin.x, b.origin.y, b.size.width, b.size.height);
        if (graphene_rect_intersection (&icon, &b, &overlap))
          g_assert_cmpfloat (overlap.size.width * overlap.size.height, <=,
                             0.1 * icon.size.width * icon.size.height);
      }
      n_badges++;
    }
  g_assert_cmpuint (n_badges, >=, 1);

  /* Each part of the report has an icon of its own in the switcher. */
  {
    g_autoptr(GHashTable) icons = g_hash_table_new (g_str_hash, g_str_equal);
    const char *names[] = { "meta", "s1", "s2", "s3", "s4", "s5", "s6" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        const char *icon = adw_view_stack_page_get_icon_name (tb_window_get_stack_page (window, names[i]));

        g_assert_nonnull (icon);
        g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icon));
        g_assert_false (g_hash_table_contains (icons, icon));
        g_hash_table_add (icons, (gpointer) icon);
      }
  }
  destroy_window (window);
}

/* ---- Typed totals, the scrollbar ------------------------------------------------------ */

static void
test_totals_hint_and_scrollbar (void)
{
  TbWindow *window = sized_window (1366, 768, "s3");
  GtkLabel *hint = GTK_LABEL (page_child (window, "s3", "hint_label"));
  GtkSwitch *manual = GTK_SWITCH (page_child (window, "s3", "manual_switch"));
  GtkWidget *total = cell_widget (window, "t3.r1_new.tot");
  GtkWidget *scroller = gtk_widget_get_ancestor (total, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *bar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t a, b;

  /* Computed totals: the hint says they add themselves up. */
  g_assert_nonnull (strstr (gtk_label_get_label (hint), _("Shaded totals add themselves up.")));

  /* The vertical scrollbar of the table (三 is taller than a 768 px screen) lies beside
   * the 总计 column, not over it. */
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_compute_bounds (total, GTK_WIDGET (window), &a));
  g_assert_true (gtk_widget_compute_bounds (bar, GTK_WIDGET (window), &b));
  g_test_message ("总计 %.0f–%.0f, scrollbar %.0f–%.0f", a.origin.x, a.origin.x + a.size.width,
                  b.origin.x, b.origin.x + b.size.width);
  g_assert_cmpfloat (b.size.width, >, 0);
  g_assert_cmpfloat (b.origin.x, >=, a.origin.x + a.size.width);

  /* 手动填写合计: the totals are typed, and the hint no longer says they are computed. */
  gtk_switch_set_active (manual, TRUE);
  wait_validated (window);
  g_assert_null (strstr (gtk_label_get_label (hint), _("Shaded totals add themselves up.")));
  g_assert_nonnull (strstr (gtk_label_get_label (hint), _("Totals are typed by hand")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (page_child (window, "s4", "hint_label"))),
                            _("Totals are typed by hand")));
  gtk_switch_set_active (manual, FALSE);
  wait_validated (window);
  g_assert_nonnull (strstr (gtk_label_get_label (hint), _("Shaded totals add themselves up.")));
  destroy_window (window);
}

/* ---- Dialogs whole in both languages --------------------------------------------------- */

static GtkWidget *
wait_shown (GtkWidget *widget)
{
  for (guint i = 0; i < 200 && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0); i++)
    tb_test_run_loop_for (10);
  tb_test_run_loop_for (150);
  g_assert_true (gtk_widget_get_mapped (widget));
  return widget;
}

/* No text of @root is cut: every label shown is as wide as it asks to be (an ellipsized
 * label would be cut), and the window is as large as it asks to be at its default size. */
static void
assert_whole (GtkWidget  *root,
              GtkWidget  *skip,
              const char *what)
{
  int width = gtk_widget_get_width (root), height = gtk_widget_get_height (root);
  int min, nat;
  guint n_labels = 0;
  GPtrArray *stack = g_ptr_array_new ();

  /* The window's content (the window itself counts its shadow in its natural size). */
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_is_drawable (c) || c == skip)
        continue;
      width = gtk_widget_get_width (c);
      height = gtk_widget_get_height (c);
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      g_test_message ("%s: %d×%d shown, natural width %d", what, width, height, nat);
      if (nat > width)
        g_error ("%s: natural width %d > shown %d", what, nat, width);
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      if (nat > height)
        g_error ("%s: natural height %d > shown %d", what, nat, height);
    }

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      /* (GTK 4.8 lays out the key caps of the shortcuts window narrower than they ask,
       * with warnings; they are drawn whole, see the screenshots.) */
      if (!gtk_widget_is_drawable (w) || w == skip || GTK_IS_SHORTCUT_LABEL (w))
        continue;
      if (GTK_IS_LABEL (w) && *gtk_label_get_text (GTK_LABEL (w)) != '\0')
        {
          int lw = gtk_widget_get_width (w), lh = gtk_widget_get_height (w);

          n_labels++;
          if (!gtk_label_get_wrap (GTK_LABEL (w)))
            {
              gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
              if (nat > lw + 1)
                g_error ("%s: “%s” is cut (%d of %d px)", what, gtk_label_get_text (GTK_LABEL (w)),
                         lw, nat);
            }
          else
            {
              gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, lw, &min, &nat, NULL, NULL);
              if (nat > lh + 1)
                g_error ("%s: “%s” is cut (%d of %d px high)", what,
                         gtk_label_get_text (GTK_LABEL (w)), lh, nat);
            }
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_assert_cmpuint (n_labels, >, 0);
  g_ptr_array_unref (stack);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static void
test_dialogs (void)
{
  TbWindow *window = new_window (2025);
  gboolean chinese = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  GtkWidget *dialog;

  /* The run in Chinese is in Chinese. */
  g_assert_cmpstr (_("New Report"), ==, chinese ? "新建报告" : "New Report");

  /* New Report, with an agency name of 25 characters shown whole. */
  {
    const char *agency = "宁夏回族自治区吴忠市盐池县人民政府办公室信息公开科";
    GtkWidget *entry;
    PangoLayout *layout;
    int text_width;

    dialog = GTK_WIDGET (tb_new_report_dialog_new (GTK_WINDOW (window), agency));
    gtk_window_present (GTK_WINDOW (dialog));
    assert_whole (wait_shown (dialog), NULL, "New Report");
    entry = gtk_widget_get_template_child (dialog, TB_TYPE_NEW_REPORT_DIALOG, "agency") ?
            GTK_WIDGET (gtk_widget_get_template_child (dialog, TB_TYPE_NEW_REPORT_DIALOG, "agency")) : NULL;
    g_assert_true (GTK_IS_ENTRY (entry));
    g_assert_cmpuint (g_utf8_strlen (agency, -1), ==, 25);
    layout = gtk_widget_create_pango_layout (entry, agency);
    pango_layout_get_pixel_size (layout, &text_width, NULL);
    g_object_unref (layout);
    g_test_message ("agency: %d px of text in %d px", text_width, gtk_widget_get_width (entry));
    g_assert_cmpint (gtk_widget_get_width (entry), >=, text_width);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Save Changes? on closing a changed report. */
  tb_report_set_agency (tb_window_get_report (window), "宁夏回族自治区吴忠市盐池县审计局");
  gtk_window_close (GTK_WINDOW (window));
  dialog = GTK_WIDGET (tb_window_get_dialog (window));
  g_assert_nonnull (dialog);
  assert_whole (wait_shown (dialog), NULL, "Save Changes?");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* An error. */
  dialog = GTK_WIDGET (tb_window_show_error (window, _("Could Not Save"),
                                             "/home/clerk/文档/宁夏回族自治区吴忠市盐池县审计局2025年政府信息公开工作年度报告.tianbao"));
  assert_whole (wait_shown (dialog), NULL, "error");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Preferences. */
  tb_preferences_window_present (GTK_WINDOW (window));
  dialog = find_toplevel (TB_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  assert_whole (wait_shown (dialog), NULL, "Preferences");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Keyboard Shortcuts, each of its sections. */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
    GtkWidget *shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

    GLogLevelFlags fatal;

    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
    /* GTK 4.8's GtkShortcutsWindow lays out a label of its own at a negative width and
     * warns: GTK's business, not a failure here. */
    fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
    gtk_window_set_transient_for (GTK_WINDOW (shortcuts), GTK_WINDOW (window));
    gtk_window_present (GTK_WINDOW (shortcuts));
    /* (Its title bar is GTK's, and shown whole.) */
    assert_whole (wait_shown (shortcuts), gtk_window_get_titlebar (GTK_WINDOW (shortcuts)),
                  "Keyboard Shortcuts");
    gtk_window_destroy (GTK_WINDOW (shortcuts));
    tb_test_spin ();
    g_log_set_always_fatal (fatal);
  }

  tb_report_set_modified (tb_window_get_report (window), FALSE);
  destroy_window (window);
}

/* ---- The page switcher ---------------------------------------------------------------- */

/* The page switchers in @widget's tree that are shown (a squeezer unmaps the others). */
static void
collect_shown_switchers (GtkWidget *widget,
                         GPtrArray *found)
{
  if (ADW_IS_VIEW_SWITCHER (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_shown_switchers (c, found);
}

static void
test_wide_switcher (void)
{
  /* In a 1280 px window the header has room for every page's icon beside its title: the
   * wide switcher is shown, not the narrow icon-over-label one nor the bottom bar. */
  TbWindow *window = sized_window (1280, 800, "meta");
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  AdwViewSwitcher *switcher;
  int min, nat;

  collect_shown_switchers (GTK_WIDGET (window->header_bar), shown);
  g_assert_cmpuint (shown->len, ==, 1);
  switcher = g_ptr_array_index (shown, 0);
  gtk_widget_measure (GTK_WIDGET (switcher), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("switcher: policy %s, %d px shown, natural %d px, header %d px",
                  adw_view_switcher_get_policy (switcher) == ADW_VIEW_SWITCHER_POLICY_WIDE ? "wide" : "narrow",
                  gtk_widget_get_width (GTK_WIDGET (switcher)), nat,
                  gtk_widget_get_width (GTK_WIDGET (window->header_bar)));
  g_assert_cmpint (adw_view_switcher_get_policy (switcher), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
  /* Whole: the header's title gets at least its natural width (its switcher's margins
   * included). */
  gtk_widget_measure (GTK_WIDGET (window->switcher_title), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min, &nat, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->switcher_title)), >=, nat);
  g_assert_false (adw_view_switcher_bar_get_reveal (window->switcher_bar));
  destroy_window (window);
}

/* The family Pango sets @text in for @widget's font. (transfer full) */
static char *
dup_used_family (GtkWidget  *widget,
                 const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
  PangoFontDescription *desc = pango_font_describe (run->item->analysis.font);
  char *family = g_strdup (pango_font_description_get_family (desc));

  pango_font_description_free (desc);
  pango_layout_iter_free (iter);
  g_object_unref (layout);
  return family;
}

static void
test_ui_font (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkSettings *settings = gtk_settings_get_for_display (display);
  g_auto(GValue) given = G_VALUE_INIT;
  g_autofree char *name = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *used = NULL;
  GtkWidget *label = gtk_label_new ("Applications");
  PangoFontDescription *desc;

  g_value_init (&given, G_TYPE_STRING);
  if (gdk_display_get_setting (display, "gtk-font-name", &given))
    {
      g_test_skip ("the desktop gives its interface font here");
      return;
    }
  /* GNOME's interface font (the schema's default under the memory backend: Cantarell 11)
   * where it is installed, not fontconfig's first "Sans". */
  chosen = tb_ui_font_follow_desktop (display);
  g_object_get (settings, "gtk-font-name", &name, NULL);
  g_test_message ("interface font: %s (chosen %s)", name, chosen ? chosen : "none");
  if (!tb_fonts_is_installed ("Cantarell"))
    {
      g_test_skip ("Cantarell is not installed");
      return;
    }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (name, ==, chosen);
  desc = pango_font_description_from_string (name);
  g_assert_true (tb_fonts_is_installed (pango_font_description_get_family (desc)));
  pango_font_description_free (desc);
  /* Latin text of the UI is set in it, not in DejaVu Sans. */
  g_object_ref_sink (label);
  used = dup_used_family (label, "Applications");
  g_test_message ("\"Applications\" set in %s", used);
  g_assert_cmpstr (used, !=, "DejaVu Sans");
  g_assert_true (g_str_has_prefix (name, used));
  g_object_unref (label);
}

/* ---- Main ----------------------------------------------------------------------------- */


int
main (int   argc,
      char *argv[])
{
  /* LANGUAGE (zh_CN for the run in Chinese) applies in a UTF-8 locale. */
  setlocale (LC_ALL, "C.UTF-8");
  if (g_getenv ("TIANBAO_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIANBAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  /* The application's style, as AdwApplication loads it. */
  {
    GtkCssProvider *css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* The interface font, as TbApplication sets it at start-up. */
  g_free (tb_ui_font_follow_desktop (gdk_display_get_default ()));

  g_test_add_func ("/gui/form/reason-bar", test_reason_bar);
  g_test_add_func ("/gui/form/no-dead-end", test_no_dead_end);
  g_test_add_func ("/gui/form/normalised", test_normalised);
  g_test_add_func ("/gui/form/tables-fit", test_tables_fit);
  g_test_add_func ("/gui/form/pinned-labels", test_pinned_labels);
  g_test_add_func ("/gui/form/looks", test_looks);
  g_test_add_func ("/gui/form/totals-hint-and-scrollbar", test_totals_hint_and_scrollbar);
  g_test_add_func ("/gui/form/dialogs", test_dialogs);
  g_test_add_func ("/gui/form/wide-switcher", test_wide_switcher);
  g_test_add_func ("/gui/form/ui-font", test_ui_font);

  return g_test_run ();
}
