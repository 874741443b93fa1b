/* tb-session.c: the application's windows as a whole: opening, quitting, recovery
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-session.h"
#include "tb-window-files.h"

typedef struct
{
  gboolean          quitting;
  gboolean          recovery_offered;
  guint             quit_idle;
  TbRecoveryDialog *recovery_dialog;   /* weak */
} Session;

static Session *
get_session (GtkApplication *app)
{
  static GQuark quark;
  Session *session;

  if (quark == 0)
    quark = g_quark_from_static_string ("tb-session");
  session = g_object_get_qdata (G_OBJECT (app), quark);
  if (session == NULL)
    {
      session = g_new0 (Session, 1);
      g_object_set_qdata_full (G_OBJECT (app), quark, session, g_free);
    }
  return session;
}

static TbWindow *
new_window (GtkApplication *app)
{
  return tb_window_new (app);
}

/* ------------------------------------------------------------------ opening */

TbWindow *
tb_session_find_window (GtkApplication *app,
                        const char     *path)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      TbDocument *document;

      if (!TB_IS_WINDOW (l->data))
        continue;
      document = tb_window_get_document (l->data);
      if (document != NULL && tb_document_has_file (document, path))
        return l->data;
    }
  return NULL;
}

TbWindow *
tb_session_show_document (GtkApplication *app,
                          TbDocument     *document,
                          TbWindow       *hint)
{
  TbWindow *window = hint;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (TB_IS_DOCUMENT (document), NULL);

  if (window == NULL || !tb_window_is_pristine (window))
    window = new_window (app);
  tb_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

TbWindow *
tb_session_open_path (GtkApplication *app,
                      const char     *path,
                      TbWindow       *hint)
{
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  window = tb_session_find_window (app, path);
  if (window != NULL)
    {
      if (hint != NULL && hint != window && tb_window_get_report (hint) == NULL)
        gtk_window_destroy (GTK_WINDOW (hint));
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* `tianbao new.tianbao`: a new report that will be saved there. */
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = NULL;

      window = hint != NULL && tb_window_is_pristine (hint) ? hint : new_window (app);
      tb_window_new_report (window);
      document = tb_document_new_for_report (tb_window_get_report (window), path);
      tb_window_set_document (window, document);
      message = g_strdup_printf (_("New report: it will be saved as “%s”"), name);
      tb_window_add_toast (window, message);
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  document = tb_document_open (path, &error);
  if (document == NULL)
    {
      /* Nothing changes: the error is shown over the window the clerk was in, and a new
       * window made for the file goes again. */
      window = hint;
      if (window == NULL || tb_window_get_report (window) == NULL)
        for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
          if (TB_IS_WINDOW (l->data) && l->data != hint && tb_window_get_report (l->data))
            {
              window = l->data;
              break;
            }
      if (hint != NULL && window != hint)
        gtk_window_destroy (GTK_WINDOW (hint));
      if (window == NULL)
        window = new_window (app);
      if (tb_window_get_report (window) == NULL)
        tb_window_new_report (window);
      gtk_window_present (GTK_WINDOW (window));
      tb_window_files_show_error (window, _("Could Not Open the Report"), error->message);
      return window;
    }
  return tb_session_show_document (app, document, hint);
}

/* ------------------------------------------------------------------ recovery */

static gboolean
on_recover_cb (TbRecoveryDialog *dialog,
               gpointer          data,
               GtkApplication   *app)
{
  const TbRecoveryEntry *entry = data;
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  TbWindow *hint = NULL;
  TbWindow *window;

  document = tb_document_new_recovered (entry, &error);
  if (document == NULL)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
      return FALSE;
    }

  /* The report's file may be open already, unchanged (it was given on the command line):
   * the recovered changes replace it there. Else an untouched window is reused. */
  if (entry->file != NULL)
    hint = tb_session_find_window (app, entry->file);
  if (hint != NULL && tb_document_get_modified (tb_window_get_document (hint)))
    hint = NULL;
  if (hint == NULL)
    hint = TB_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (hint != NULL && entry->file != NULL && tb_window_get_document (hint) != NULL &&
      tb_document_has_file (tb_window_get_document (hint), entry->file) &&
      !tb_document_get_modified (tb_window_get_document (hint)))
    {
      tb_window_set_document (hint, document);
      window = hint;
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    window = tb_session_show_document (app, document, hint);

  when = g_date_time_format (entry->changed, "%Y-%m-%d %H:%M");
  /* TRANSLATORS: %s is a date and time */
  message = g_strdup_printf (_("Recovered the changes of %s. Save the report to keep them."),
                             when);
  tb_window_add_toast (window, message);
  return TRUE;
}

void
tb_session_offer_recovery (GtkApplication *app,
                           TbWindow       *parent)
{
  Session *session = get_session (app);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) all_damaged = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) damaged = NULL;
  TbRecoveryDialog *dialog;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  if (session->recovery_offered)
    return;
  session->recovery_offered = TRUE;

  all = tb_recovery_list (&all_damaged);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_recovery_entry_free);
  damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_recovery_entry_free);
  /* Copies of reports open in a running Tianbao are theirs, not left-overs. */
  for (guint i = 0; i < all->len; i++)
    if (!((TbRecoveryEntry *) g_ptr_array_index (all, i))->in_use)
      g_ptr_array_add (entries, g_steal_pointer (&all->pdata[i]));
  for (guint i = 0; i < all_damaged->len; i++)
    if (!((TbRecoveryEntry *) g_ptr_array_index (all_damaged, i))->in_use)
      g_ptr_array_add (damaged, g_steal_pointer (&all_damaged->pdata[i]));
  g_ptr_array_set_free_func (all, NULL);
  g_ptr_array_set_free_func (all_damaged, NULL);

  if (entries->len == 0 && damaged->len == 0)
    return;

  dialog = tb_recovery_dialog_new (GTK_WINDOW (parent), entries, damaged);
  g_signal_connect_object (dialog, "recover", G_CALLBACK (on_recover_cb), app, 0);
  session->recovery_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &session->recovery_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

TbRecoveryDialog *
tb_session_get_recovery_dialog (GtkApplication *app)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  return get_session (app)->recovery_dialog;
}

/* ------------------------------------------------------------------ quitting */

static gboolean
quit_next_cb (gpointer data)
{
  GtkApplication *app = data;
  Session *session = get_session (app);
  GList *windows;

  session->quit_idle = 0;
  if (!session->quitting)
    return G_SOURCE_REMOVE;

  /* Reports first, one at a time; each may ask. */
  windows = gtk_application_get_windows (app);
  for (GList *l = windows; l != NULL; l = l->next)
    if (TB_IS_WINDOW (l->data))
      {
        gtk_window_close (l->data);
        return G_SOURCE_REMOVE;   /* continued by window-removed, or stopped by Cancel */
      }

  /* Then whatever else is open (preferences, about). */
  session->quitting = FALSE;
  windows = g_list_copy (gtk_application_get_windows (app));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  return G_SOURCE_REMOVE;
}

static void
on_window_removed_cb (GtkApplication *app,
                      GtkWindow      *window,
                      gpointer        data)
{
  Session *session = get_session (app);

  if (session->quitting && session->quit_idle == 0)
    session->quit_idle = g_idle_add (quit_next_cb, app);
}

void
tb_session_quit (GtkApplication *app)
{
  Session *session;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  session = get_session (app);
  if (!g_signal_handler_find (app, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_window_removed_cb, NULL))
    g_signal_connect (app, "window-removed", G_CALLBACK (on_window_removed_cb), NULL);
  session->quitting = TRUE;
  g_clear_handle_id (&session->quit_idle, g_source_remove);
  quit_next_cb (app);
}

void
tb_session_close_cancelled (GtkApplication *app)
{
  Session *session;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  session = get_session (app);
  session->quitting = FALSE;
  g_clear_handle_id (&session->quit_idle, g_source_remove);
}
