/* test-gui-form-layout.c: the form in narrow and wide windows (issue 14; suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables that fit an office PC's screen and narrow windows with their labels pinned;
 * tooltips, page badges and icons; the hint of typed totals and the table's scrollbar; the
 * wide page switcher; the interface font.
 */
#define G_LOG_DOMAIN "test-gui-form-layout"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-cell-entry-private.h"
#include "tb-fonts.h"
#include "tb-pinned-grid.h"
#include "tb-table-page-private.h"
#include "tb-ui-font.h"
#include "tb-window-private.h"

#include "tb-test-form.h"
#include "tb-test-util.h"
#include "tb-test-window.h"

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
  tb_test_fill_complete (window);
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
        tb_test_destroy_window (window);
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
  GtkWidget *cell = tb_test_cell_widget (window, "t3.r2_carry_in.np");
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
  g_assert_true (cell == tb_test_cell_widget (window, "t3.r2_carry_in.oth"));
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
  g_assert_true (cell == tb_test_cell_widget (window, "t3.r2_carry_in.np"));
  {
    graphene_rect_t b;

    g_assert_true (gtk_widget_compute_bounds (cell, viewport, &b));
    g_assert_cmpfloat (b.origin.x, >=, tb_pinned_grid_get_pinned_width (TB_PINNED_GRID (body)) - gtk_adjustment_get_value (hadj) - 0.5);
  }
  tb_test_destroy_window (window);
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
  tb_test_form_type (window, "t3.r3_1_open.soc", "5");
  cell = tb_test_cell_widget (window, "t3.r1_new.soc");
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
  tb_test_destroy_window (window);
}

/* ---- Typed totals, the scrollbar ------------------------------------------------------ */

static void
test_totals_hint_and_scrollbar (void)
{
  TbWindow *window = sized_window (1366, 768, "s3");
  GtkLabel *hint = GTK_LABEL (tb_test_page_child (window, "s3", "hint_label"));
  GtkSwitch *manual = GTK_SWITCH (tb_test_page_child (window, "s3", "manual_switch"));
  GtkWidget *total = tb_test_cell_widget (window, "t3.r1_new.tot");
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
  tb_test_wait_validated (window);
  g_assert_null (strstr (gtk_label_get_label (hint), _("Shaded totals add themselves up.")));
  g_assert_nonnull (strstr (gtk_label_get_label (hint), _("Totals are typed by hand")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (tb_test_page_child (window, "s4", "hint_label"))),
                            _("Totals are typed by hand")));
  gtk_switch_set_active (manual, FALSE);
  tb_test_wait_validated (window);
  g_assert_nonnull (strstr (gtk_label_get_label (hint), _("Shaded totals add themselves up.")));
  tb_test_destroy_window (window);
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
  tb_test_destroy_window (window);
}

/* Checks that @switcher has one button per page of @window's stack, in order, with the
 * page's title, and that the pressed one is the visible page's. */
static void
assert_switcher_matches (AdwViewSwitcher *switcher,
                         TbWindow        *window)
{
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (window->view_stack));
  AdwViewStackPage *visible = adw_view_stack_get_page (window->view_stack,
                                                       adw_view_stack_get_visible_child (window->view_stack));
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (switcher)); c != NULL;
       c = gtk_widget_get_next_sibling (c), n++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, n);
      g_autofree char *label = NULL;

      g_assert_nonnull (page);
      g_assert_true (GTK_IS_TOGGLE_BUTTON (c));
      g_object_get (c, "label", &label, NULL);
      g_assert_cmpstr (label, ==, adw_view_stack_page_get_title (page));
      g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (c)), ==, page == visible);
    }
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (pages));
  g_object_unref (pages);
}

/* The switchers follow the pages when a report of the other format replaces the one shown
 * (the pages are made again then), in the header and, in a narrow window, at the bottom. */
static void
test_switcher_pages (void)
{
  const int widths[] = { 1280, 560 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      TbWindow *window = tb_test_report_window (2020);
      g_autoptr(TbReport) later = tb_report_new (tb_format_for_year (2021));
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();
      AdwViewSwitcher *switcher;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 700);
      tb_test_run_loop_for (200);
      adw_view_stack_set_visible_child_name (window->view_stack, "s3");

      tb_report_set_year (later, 2021);
      tb_test_show_report (window, later);
      tb_test_run_loop_for (200);
      /* The other format's pages, with the same page still shown. */
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "s3");

      collect_shown_switchers (GTK_WIDGET (window), shown);
      g_assert_cmpuint (shown->len, ==, 1);
      switcher = g_ptr_array_index (shown, 0);
      /* Wide: the header's; narrow: the bar's, which has the stack once it is needed. */
      g_assert_cmpint (gtk_widget_is_ancestor (GTK_WIDGET (switcher), GTK_WIDGET (window->header_bar)),
                       ==, w == 0);
      g_assert_cmpint (adw_view_switcher_bar_get_reveal (window->switcher_bar), ==, w == 1);
      assert_switcher_matches (switcher, window);

      /* A button still leads to its page. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (switcher))),
                                    TRUE);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "meta");
      assert_switcher_matches (switcher, window);
      tb_test_destroy_window (window);
    }
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
  if (!tb_test_form_init (&argc, &argv))
    return 0;

  g_test_add_func ("/gui/form/tables-fit", test_tables_fit);
  g_test_add_func ("/gui/form/pinned-labels", test_pinned_labels);
  g_test_add_func ("/gui/form/looks", test_looks);
  g_test_add_func ("/gui/form/totals-hint-and-scrollbar", test_totals_hint_and_scrollbar);
  g_test_add_func ("/gui/form/wide-switcher", test_wide_switcher);
  g_test_add_func ("/gui/form/switcher-pages", test_switcher_pages);
  g_test_add_func ("/gui/form/ui-font", test_ui_font);

  return g_test_run ();
}
