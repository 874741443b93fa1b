/* test-gui-form-dialogs.c: the dialogs whole in both languages (issue 14; suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * New Report, Save Changes?, an error, Preferences and Keyboard Shortcuts: no text cut, in
 * English and (the meson test gui-form-zh) in Chinese.
 */
#define G_LOG_DOMAIN "test-gui-form-dialogs"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-application.h"
#include "tb-meta-page.h"
#include "tb-new-report-dialog.h"
#include "tb-preferences-window.h"
#include "tb-tooltip.h"
#include "tb-window-private.h"

#include "tb-test-form.h"
#include "tb-test-util.h"
#include "tb-test-window.h"

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
  TbWindow *window = tb_test_report_window (2025);
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
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");
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
  tb_test_destroy_window (window);
}

/* ---- Tooltips -------------------------------------------------------------------------- */

static void
collect_tooltips (GtkWidget *widget,
                  GPtrArray *found)
{
  if (gtk_widget_get_mapped (widget) && gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_tooltips (c, found);
}

/* Every tooltip of the window keeps its terms whole: GTK 4.8 showed the main menu's 主菜单
 * one character to a line. The application gives it to each widget with a plain tooltip
 * as the widget is shown. Meaningful in Chinese (gui-form-zh); in English there is nothing
 * to keep together. */
static void
test_tooltips (void)
{
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (2025));
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *menu = NULL;
  g_autofree char *menu_glued = NULL;
  gboolean chinese = g_strcmp0 (_("Main Menu"), "Main Menu") != 0;
  TbWindow *window;
  guint n_glued = 0;

  application = g_object_new (TB_TYPE_APPLICATION,
                              "application-id", "io.github.tianbao.Tianbao.TestTooltips",
                              "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  window = tb_window_new (application);
  tb_report_set_year (report, 2025);
  tb_test_show_report (window, report);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_run_loop_for (300);

  collect_tooltips (GTK_WIDGET (window), found);
  g_assert_cmpuint (found->len, >=, 3);
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (found, i);
      const char *text = gtk_widget_get_tooltip_text (widget);
      g_autofree char *glued = tb_tooltip_glue_terms (text);
      g_autofree char *shown = tb_tooltip_dup_shown (widget);

      g_test_message ("%s: “%s”", G_OBJECT_TYPE_NAME (widget), shown);
      g_assert_cmpstr (shown, ==, glued);
      n_glued += g_strcmp0 (glued, text) != 0;
    }
  menu = tb_tooltip_dup_shown (GTK_WIDGET (window->menu_button));
  menu_glued = tb_tooltip_glue_terms (_("Main Menu"));
  g_assert_cmpstr (menu, ==, menu_glued);
  if (chinese)
    {
      g_assert_cmpstr (menu, ==, "主\u2060菜\u2060单");
      g_assert_cmpuint (n_glued, >=, 3);
    }

  /* A tooltip given after the widget is shown: the date row's, once a date is mistyped. */
  {
    GtkWidget *date_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (tb_window_get_page (window, "meta")),
                                                         TB_TYPE_META_PAGE, "date_row");
    g_autofree char *shown = NULL;
    g_autofree char *glued = NULL;

    g_assert_true (gtk_widget_get_mapped (date_row));
    gtk_editable_set_text (GTK_EDITABLE (date_row), "abc");
    tb_test_run_loop_for (50);
    g_assert_nonnull (gtk_widget_get_tooltip_text (date_row));
    /* As GTK asks when the pointer rests on it. */
    {
      GObject *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
      gboolean answered = FALSE;

      g_signal_emit_by_name (date_row, "query-tooltip", 10, 10, FALSE, tooltip, &answered);
      g_assert_true (answered);
      g_object_unref (tooltip);
    }
    shown = tb_tooltip_dup_shown (date_row);
    glued = tb_tooltip_glue_terms (gtk_widget_get_tooltip_text (date_row));
    g_test_message ("date row: “%s”", shown);
    g_assert_cmpstr (shown, ==, glued);
    if (chinese)
      g_assert_cmpstr (shown, !=, gtk_widget_get_tooltip_text (date_row));
    tb_report_set_modified (tb_window_get_report (window), FALSE);
  }
  tb_test_destroy_window (window);
}

/* ---- Main ----------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_form_init (&argc, &argv))
    return 0;

  g_test_add_func ("/gui/form/dialogs", test_dialogs);
  g_test_add_func ("/gui/form/tooltips", test_tooltips);

  return g_test_run ();
}
