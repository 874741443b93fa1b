/* tb-test-carry.c: the application and windows of the GUI tests of last year's report and
 * Combine Reports
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-gui-carry"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-combine-window-private.h"
#include "tb-draft.h"
#include "tb-test-carry.h"
#include "tb-test-util.h"
#include "tb-window-private.h"

GtkApplication *tb_test_app;
TbSession      *tb_test_session;

void
tb_test_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Runs the main loop until @result is set. */
GAsyncResult *
tb_test_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

gboolean
tb_test_export_csv (TbCombineWindow  *breakdown,
                    const char       *path,
                    GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_combine_window_export_csv_async (breakdown, path, tb_test_store_result_cb, &result);
  return tb_combine_window_export_csv_finish (breakdown, tb_test_wait_for_result (&result), error);
}

void
tb_test_close_all (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (tb_test_app));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  tb_test_spin ();
}

char *
tb_test_save_report (TbReport   *report,
                     const char *folder,
                     const char *name)
{
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "reports", folder, NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

TbWindow *
tb_test_new_window (void)
{
  TbWindow *window = tb_window_new (tb_test_app);

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  return window;
}

AdwMessageDialog *
tb_test_find_dialog (GtkWindow *parent)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == parent)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

TbWindow *
tb_test_find_window_showing (TbReport *report)
{
  for (GList *l = gtk_application_get_windows (tb_test_app); l != NULL; l = l->next)
    if (TB_IS_WINDOW (l->data) && tb_window_get_report (l->data) == report)
      return l->data;
  return NULL;
}

TbCombineWindow *
tb_test_find_combine_window (void)
{
  for (GList *l = gtk_application_get_windows (tb_test_app); l != NULL; l = l->next)
    if (TB_IS_COMBINE_WINDOW (l->data))
      return l->data;
  return NULL;
}

GPtrArray *
tb_test_window_issues (TbWindow *window)
{
  tb_window_validate_now (window);
  g_assert_nonnull (tb_window_get_issues (window));
  return tb_window_get_issues (window);
}

TbCombineWindow *
tb_test_combine (TbWindow           *window,
                 const char *const  *paths,
                 const char         *agency)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  /* Read in a worker, then asked whose summary it is. */
  tb_window_combine_paths (window, paths);
  tb_test_spin ();
  /* While they are read and checked, a progress dialog shows. */
  while ((dialog = tb_test_find_dialog (GTK_WINDOW (window))) == NULL ||
         g_str_equal (adw_message_dialog_get_heading (dialog), "Combining Reports"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Combine Reports");
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  /* The default agency, in the clerk's language (汇总 in Chinese). */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Summary");
  if (agency != NULL)
    gtk_editable_set_text (entry, agency);
  adw_message_dialog_response (dialog, "combine");
  tb_test_spin ();
  g_assert_nonnull (tb_test_find_combine_window ());
  return tb_test_find_combine_window ();
}

GtkColumnView *
tb_test_inputs_view (TbCombineWindow *breakdown)
{
  return GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (breakdown),
                                                         TB_TYPE_COMBINE_WINDOW,
                                                         "inputs_view"));
}

/* Activates the row of input @index, as a double click does, and waits for the report's
 * window. */
TbWindow *
tb_test_open_input (TbCombineWindow *breakdown,
                    guint            index,
                    const char      *path)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_signal_emit_by_name (tb_test_inputs_view (breakdown), "activate", index);
  while (g_get_monotonic_time () < deadline)
    {
      for (GList *l = gtk_application_get_windows (tb_test_app); l != NULL; l = l->next)
        if (TB_IS_WINDOW (l->data) && g_strcmp0 (tb_window_get_path (l->data), path) == 0)
          return l->data;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return NULL;
}

static char *recent_dir;

gboolean
tb_test_carry_init (int        *argc,
                    char     ***argv,
                    const char *app_id)
{
  g_autoptr(GError) error = NULL;

  recent_dir = g_dir_make_tmp ("tianbao-test-recent-XXXXXX", NULL);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* The recent files list is opened once, at its first use (Save As adds to it); give it a
   * folder that outlives the per-test folders. */
  g_setenv ("XDG_DATA_HOME", recent_dir, TRUE);
  gtk_recent_manager_get_default ();
  /* G_TEST_OPTION_ISOLATE_DIRS hides the system's data folders, and with them the MIME
   * database gdk-pixbuf needs to load libadwaita's SVG icons (the expander's arrow). */
  {
    const char *const *data_dirs = g_get_system_data_dirs ();
    g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; data_dirs[i] != NULL; i++)
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
    g_ptr_array_add (mime_dirs, NULL);
    g_content_type_set_mime_dirs ((const char *const *) mime_dirs->pdata);
  }
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      g_rmdir (recent_dir);
      return FALSE;
    }
  adw_init ();

  tb_test_app = GTK_APPLICATION (adw_application_new (app_id, G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (tb_test_app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (tb_test_app));
  tb_test_session = tb_session_new (tb_test_app);
  return TRUE;
}

int
tb_test_carry_run (void)
{
  int status = g_test_run ();
  g_autofree char *xbel = g_build_filename (recent_dir, "recently-used.xbel", NULL);

  g_clear_object (&tb_test_session);
  g_application_release (G_APPLICATION (tb_test_app));
  g_clear_object (&tb_test_app);
  g_unlink (xbel);
  g_rmdir (recent_dir);
  g_clear_pointer (&recent_dir, g_free);
  return status;
}
