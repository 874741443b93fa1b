/* test-gui-window-actions.c: what the report window does with files, settings and keys (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a draft in a worker, the settings the window keeps and takes, pages built when
 * first shown, printing and exporting a PDF with the pages of the layout, the shortcuts.
 * Typing into the cells is in test-gui-window.c.
 */
#define G_LOG_DOMAIN "test-gui-window-actions"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tb-application.h"
#include "tb-draft.h"
#include "tb-pdf.h"
#include "tb-print-operation-private.h"
#include "tb-readiness.h"
#include "tb-window-private.h"

#include "tb-test-util.h"
#include "tb-test-window.h"

/* ---- Helpers ------------------------------------------------------------------------- */

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


/* ---- Tests ----------------------------------------------------------------------------- */

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
  tb_test_wait_validated (window);
  g_assert_cmpuint (tb_window_get_form_state (window)->total.n_errors, ==, 0);

  /* A file that does not exist yet: a new report that will be saved there. */
  g_assert_true (open_file (window, missing));
  g_assert_cmpstr (tb_window_get_path (window), ==, missing);
  tb_test_type_and_wait (window, "t3.r1_new.np", "6");
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
  tb_test_destroy_window (window);
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
  window = tb_test_report_window (2025);
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
  tb_test_destroy_window (window);
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
  tb_test_show_report (window, report);
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
  tb_test_assert_error (window, "t3.r1_new.np", TRUE);
  g_assert_cmpstr (tb_test_text_of (window, "t3.r1_new.tot"), ==, "5");
  tb_test_destroy_window (window);
}

static void
test_print_and_export (void)
{
  TbWindow *window = tb_test_report_window (2025);
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
      tb_test_destroy_window (window);
      return;
    }
  tb_test_fill_complete (window);
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
  tb_test_type_and_wait (window, "t3.r1_new.np", "5");
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
  tb_test_destroy_window (window);
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

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");
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

/* The shortcuts window is made when it is first asked for, not with every window, and is
 * the same window each time after. */
static void
test_help_overlay (void)
{
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (2021));
  g_autoptr(GError) error = NULL;
  GtkApplicationWindow *app_window;
  GtkShortcutsWindow *overlay;
  GLogLevelFlags fatal;
  TbWindow *window;

  /* (GtkApplication gives a window its shortcuts window as the window joins it.) */
  application = g_object_new (TB_TYPE_APPLICATION,
                              "application-id", "io.github.tianbao.Tianbao.TestHelpOverlay",
                              "resource-base-path", RESOURCE_BASE,
                              "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  window = tb_window_new (application);
  app_window = GTK_APPLICATION_WINDOW (window);
  tb_report_set_year (report, 2021);
  tb_test_show_report (window, report);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_run_loop_for (100);
  g_assert_null (gtk_application_window_get_help_overlay (app_window));

  /* GTK 4.8's GtkShortcutsWindow lays out a label of its own at a negative width and
   * warns: GTK's business, not a failure here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (app_window);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  tb_test_run_loop_for (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* Closed, it is hidden; asked for again, the same window comes back. */
  gtk_window_close (GTK_WINDOW (overlay));
  tb_test_run_loop_for (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == overlay);
  tb_test_run_loop_for (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_log_set_always_fatal (fatal);
  tb_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_window_init (&argc, &argv, "test-gui-window-actions"))
    return 0;

  g_test_add_func ("/gui/window/open-file", test_open_file);
  g_test_add_func ("/gui/window/settings", test_settings);
  g_test_add_func ("/gui/window/lazy-pages", test_lazy_pages);
  g_test_add_func ("/gui/window/print-and-export", test_print_and_export);
  g_test_add_func ("/gui/window/shortcuts", test_shortcuts);
  g_test_add_func ("/gui/window/help-overlay", test_help_overlay);

  return tb_test_window_run ();
}
