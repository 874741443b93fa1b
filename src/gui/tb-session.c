/* tb-session.c: the application's windows as a whole: opening, quitting, recovery
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine-window.h"
#include "tb-file-guard.h"
#include "tb-file-io.h"
#include "tb-import.h"
#include "tb-session-private.h"

struct _TbSession
{
  GObject           parent_instance;

  GtkApplication   *application;      /* weak: it owns the session */
  GHashTable       *opening;          /* canonical paths being read */
  gboolean          quitting;
  guint             quit_idle;
  gboolean          recovery_offered;
  GPtrArray        *recovery_entries; /* listed before any window showed, or NULL */
  GPtrArray        *recovery_damaged;
  GWeakRef          offer_window;     /* where they will be offered */
  guint             offer_id;
  TbRecoveryDialog *recovery_dialog;  /* weak */
};

G_DEFINE_FINAL_TYPE (TbSession, tb_session, G_TYPE_OBJECT)

/* A file being read for tb_session_open_path(). */
typedef struct
{
  TbSession *self;
  char      *path;
  char      *canonical;
  GWeakRef   hint;
} Opening;

static void show_recovery (TbSession *self,
                           TbWindow  *parent);

/* ------------------------------------------------------------------ helpers */

static TbWindow *
any_window_with_report (TbSession *self,
                        TbWindow  *except)
{
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (TB_IS_WINDOW (l->data) && l->data != except && tb_window_get_document (l->data))
      return l->data;
  return NULL;
}

/* Shows @document in @hint if it is untouched, else in a new window. */
static TbWindow *
show_document (TbSession  *self,
               TbWindow   *hint,
               TbDocument *document)
{
  TbWindow *window;

  if (hint != NULL)
    return tb_window_show_document (hint, document);
  window = tb_window_new (self->application);
  tb_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->self);
  g_free (opening->path);
  g_free (opening->canonical);
  g_weak_ref_clear (&opening->hint);
  g_free (opening);
}

/* ------------------------------------------------------------------ opening */

/* Nothing changes: the error is shown over the window the clerk was in, and a new window
 * made for the file goes again. */
static void
show_open_error (TbSession    *self,
                 TbWindow     *hint,
                 const GError *error)
{
  TbWindow *window = hint;

  if (window == NULL || tb_window_get_document (window) == NULL)
    window = any_window_with_report (self, hint);
  if (hint != NULL && window != hint)
    gtk_window_destroy (GTK_WINDOW (hint));
  if (window == NULL)
    window = tb_window_new (self->application);
  if (tb_window_get_document (window) == NULL)
    tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_window_show_error (window, _("Could Not Open the Report"), error->message);
}

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Opening *opening = data;
  TbSession *self = opening->self;
  g_autoptr(TbWindow) hint = g_weak_ref_get (&opening->hint);
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window;

  g_hash_table_remove (self->opening, opening->canonical);
  document = tb_document_open_finish (result, &error);
  if (self->application == NULL)
    {
      opening_free (opening);
      return;
    }

  /* Opened meanwhile by another way. */
  window = tb_session_find_window (self, opening->path);
  if (window != NULL)
    {
      if (hint != NULL && hint != window && tb_window_get_document (hint) == NULL)
        gtk_window_destroy (GTK_WINDOW (hint));
      gtk_window_present (GTK_WINDOW (window));
    }
  else if (document != NULL)
    show_document (self, hint, document);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* `tianbao new.tianbao`: a new report that will be saved there. */
      g_autofree char *name = g_filename_display_basename (opening->path);
      g_autofree char *message = NULL;

      window = hint != NULL && tb_window_is_pristine (hint) ? hint
                                                            : tb_window_new (self->application);
      tb_window_new_report (window);
      document = tb_document_new_for_report (tb_document_get_report (tb_window_get_document (window)),
                                             opening->path);
      tb_window_set_document (window, document);
      message = g_strdup_printf (_("New report: it will be saved as “%s”"), name);
      tb_window_add_toast (window, message);
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    show_open_error (self, hint, error);
  opening_free (opening);
}

/* ------------------------------------------------------------------ importing */

/* A published report was read in a worker: a new, unsaved report with a banner of what was
 * not read. A draft whatever its name is opened as a draft; a file that does not exist is
 * where a new report will be saved, as for any name. */
static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Opening *opening = data;
  TbSession *self = opening->self;
  g_autoptr(TbWindow) hint = g_weak_ref_get (&opening->hint);
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window;

  report = tb_import_load_file_finish (result, &log, &error);
  if (self->application == NULL)
    {
      g_hash_table_remove (self->opening, opening->canonical);
      opening_free (opening);
      return;
    }
  if (g_error_matches (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_DRAFT) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      tb_document_open_async (opening->path, NULL, on_opened_cb, opening);
      return;
    }
  g_hash_table_remove (self->opening, opening->canonical);
  if (report == NULL)
    {
      show_open_error (self, hint, error);
      opening_free (opening);
      return;
    }
  /* Not bound to the published file: saving asks where the draft goes. */
  document = tb_document_new_for_report (report, NULL);
  window = show_document (self, hint, document);
  tb_window_show_import (window, log);
  opening_free (opening);
}

/* ------------------------------------------------------------------ recovery */

static gboolean
on_recover_cb (TbRecoveryDialog *dialog,
               gpointer          data,
               TbSession        *self)
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
    hint = tb_session_find_window (self, entry->file);
  if (hint != NULL && tb_document_get_modified (tb_window_get_document (hint)))
    hint = NULL;
  if (hint != NULL)
    {
      tb_window_set_document (hint, document);
      window = hint;
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

      window = show_document (self, TB_IS_WINDOW (parent) ? TB_WINDOW (parent) : NULL, document);
    }

  when = g_date_time_format (entry->changed, "%Y-%m-%d %H:%M");
  /* TRANSLATORS: %s is a date and time */
  message = g_strdup_printf (_("Recovered the changes of %s. Save the report to keep them."),
                             when);
  tb_window_add_toast (window, message);
  return TRUE;
}

static void
show_recovery (TbSession *self,
               TbWindow  *parent)
{
  g_autoptr(GPtrArray) entries = g_steal_pointer (&self->recovery_entries);
  g_autoptr(GPtrArray) damaged = g_steal_pointer (&self->recovery_damaged);
  TbRecoveryDialog *dialog;

  dialog = tb_recovery_dialog_new (GTK_WINDOW (parent), entries, damaged);
  g_signal_connect_object (dialog, "recover", G_CALLBACK (on_recover_cb), self, 0);
  g_set_weak_pointer (&self->recovery_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GPtrArray *
not_in_use (GPtrArray *all)
{
  GPtrArray *left = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_recovery_entry_free);

  /* Copies of reports open in a running Tianbao are theirs, not left-overs. */
  for (guint i = 0; i < all->len; i++)
    if (!((TbRecoveryEntry *) g_ptr_array_index (all, i))->in_use)
      g_ptr_array_add (left, g_steal_pointer (&all->pdata[i]));
  return left;
}

typedef struct
{
  GPtrArray *entries;
  GPtrArray *damaged;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->entries, g_ptr_array_unref);
  g_clear_pointer (&listing->damaged, g_ptr_array_unref);
  g_free (listing);
}

static void
list_recovery_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) all_damaged = NULL;
  Listing *listing = g_new0 (Listing, 1);

  tb_file_io_worker_begin (NULL);
  all = tb_recovery_list (&all_damaged);
  listing->entries = not_in_use (all);
  listing->damaged = not_in_use (all_damaged);
  g_ptr_array_set_free_func (all, NULL);
  g_ptr_array_set_free_func (all_damaged, NULL);
  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

static void
on_recovery_listed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  TbSession *self = TB_SESSION (source);
  g_autoptr(TbWindow) parent = g_weak_ref_get (data);
  Listing *listing = g_task_propagate_pointer (G_TASK (result), NULL);

  g_weak_ref_clear (data);
  g_free (data);
  if (listing == NULL || (listing->entries->len == 0 && listing->damaged->len == 0) ||
      self->application == NULL)
    {
      g_clear_pointer (&listing, listing_free);
      return;
    }
  self->recovery_entries = g_steal_pointer (&listing->entries);
  self->recovery_damaged = g_steal_pointer (&listing->damaged);
  listing_free (listing);
  if (parent == NULL && any_window_with_report (self, NULL) != NULL)
    parent = g_object_ref (any_window_with_report (self, NULL));
  /* No window yet (its file is being read): the offer comes with the first. */
  if (parent != NULL)
    show_recovery (self, parent);
}

/* ------------------------------------------------------------------ quitting */

static gboolean
quit_next_cb (gpointer data)
{
  TbSession *self = data;
  GList *windows;

  self->quit_idle = 0;
  if (!self->quitting || self->application == NULL)
    return G_SOURCE_REMOVE;

  /* Reports first, one at a time; each may ask. */
  windows = gtk_application_get_windows (self->application);
  for (GList *l = windows; l != NULL; l = l->next)
    if (TB_IS_WINDOW (l->data))
      {
        gtk_window_close (l->data);
        return G_SOURCE_REMOVE;   /* continued by window-removed, or stopped by Cancel */
      }

  /* Then whatever else is open (preferences, about). */
  self->quitting = FALSE;
  windows = g_list_copy (gtk_application_get_windows (self->application));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------ the windows */

static void
on_open_file_cb (GtkWindow  *window,
                 const char *path,
                 TbSession  *self)
{
  tb_session_open_path (self, path, TB_IS_WINDOW (window) ? TB_WINDOW (window) : NULL);
}

/* A window's close was cancelled (by the clerk, or a save failed): stop quitting. */
static void
on_close_cancelled_cb (TbSession *self)
{
  self->quitting = FALSE;
  g_clear_handle_id (&self->quit_idle, g_source_remove);
}

static gboolean
offer_waiting_cb (gpointer data)
{
  TbSession *self = data;
  g_autoptr(TbWindow) window = g_weak_ref_get (&self->offer_window);

  self->offer_id = 0;
  if (window != NULL && self->recovery_entries != NULL && self->recovery_dialog == NULL)
    show_recovery (self, window);
  return G_SOURCE_REMOVE;
}

/* The offer waited for a window (its file was being read): it comes over it once the window
 * is shown and raised, in the next main-loop turn. */
static void
on_window_mapped_cb (TbSession *self,
                     GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, on_window_mapped_cb, self);
  if (self->recovery_entries == NULL || self->offer_id != 0)
    return;
  g_weak_ref_set (&self->offer_window, window);
  self->offer_id = g_idle_add (offer_waiting_cb, self);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    TbSession      *self)
{
  if (TB_IS_WINDOW (window))
    {
      g_signal_connect_object (window, "open-file", G_CALLBACK (on_open_file_cb), self, 0);
      g_signal_connect_object (window, "close-cancelled", G_CALLBACK (on_close_cancelled_cb),
                               self, G_CONNECT_SWAPPED);
      if (self->recovery_entries != NULL)
        g_signal_connect_object (window, "map", G_CALLBACK (on_window_mapped_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  else if (TB_IS_COMBINE_WINDOW (window))
    g_signal_connect_object (window, "open-file", G_CALLBACK (on_open_file_cb), self, 0);
}

static void
on_window_removed_cb (GtkApplication *application,
                      GtkWindow      *window,
                      TbSession      *self)
{
  if (self->quitting && self->quit_idle == 0)
    self->quit_idle = g_idle_add (quit_next_cb, self);
}

/* ------------------------------------------------------------------ GObject */

static void
tb_session_dispose (GObject *object)
{
  TbSession *self = TB_SESSION (object);

  g_clear_handle_id (&self->quit_idle, g_source_remove);
  g_clear_handle_id (&self->offer_id, g_source_remove);
  g_weak_ref_set (&self->offer_window, NULL);
  g_clear_weak_pointer (&self->application);
  g_clear_weak_pointer (&self->recovery_dialog);
  g_clear_pointer (&self->recovery_entries, g_ptr_array_unref);
  g_clear_pointer (&self->recovery_damaged, g_ptr_array_unref);
  G_OBJECT_CLASS (tb_session_parent_class)->dispose (object);
}

static void
tb_session_finalize (GObject *object)
{
  TbSession *self = TB_SESSION (object);

  g_hash_table_unref (self->opening);
  g_weak_ref_clear (&self->offer_window);
  G_OBJECT_CLASS (tb_session_parent_class)->finalize (object);
}

static void
tb_session_class_init (TbSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_session_dispose;
  object_class->finalize = tb_session_finalize;
}

static void
tb_session_init (TbSession *self)
{
  self->opening = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_weak_ref_init (&self->offer_window, NULL);
}

/* ------------------------------------------------------------------ public */

TbSession *
tb_session_new (GtkApplication *application)
{
  TbSession *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (TB_TYPE_SESSION, NULL);
  g_set_weak_pointer (&self->application, application);
  g_signal_connect_object (application, "window-added", G_CALLBACK (on_window_added_cb),
                           self, 0);
  g_signal_connect_object (application, "window-removed", G_CALLBACK (on_window_removed_cb),
                           self, 0);
  /* Windows made before the session was. */
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    on_window_added_cb (application, l->data, self);
  return self;
}

TbWindow *
tb_session_find_window (TbSession  *self,
                        const char *path)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->application == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
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

void
tb_session_open_path (TbSession  *self,
                      const char *path,
                      TbWindow   *hint)
{
  g_autofree char *canonical = NULL;
  TbWindow *window;
  Opening *opening;

  g_return_if_fail (TB_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  window = tb_session_find_window (self, path);
  if (window != NULL)
    {
      if (hint != NULL && hint != window && tb_window_get_document (hint) == NULL)
        gtk_window_destroy (GTK_WINDOW (hint));
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* Asked again while it is read (a double click twice): one window. */
  canonical = g_canonicalize_filename (path, NULL);
  if (g_hash_table_contains (self->opening, canonical))
    return;
  g_hash_table_add (self->opening, g_strdup (canonical));

  opening = g_new0 (Opening, 1);
  opening->self = g_object_ref (self);
  opening->path = g_strdup (path);
  opening->canonical = g_steal_pointer (&canonical);
  g_weak_ref_init (&opening->hint, hint);
  /* Anything but a draft's name may be a published report to import. */
  if (g_str_has_suffix (path, TB_DRAFT_SUFFIX))
    tb_document_open_async (path, NULL, on_opened_cb, opening);
  else
    tb_import_load_file_async (path, NULL, NULL, on_imported_cb, opening);
}

void
tb_session_open_files (TbSession  *self,
                       GFile     **files,
                       int         n_files)
{
  g_return_if_fail (TB_IS_SESSION (self));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("Only local files can be opened: %s"),
                                                      uri);
          TbWindow *window = tb_session_new_window (self);

          gtk_window_present (GTK_WINDOW (window));
          tb_window_add_toast (window, message);
        }
      else
        /* A file that is open already: its window comes to the front. */
        tb_session_open_path (self, path, NULL);
    }
}

TbWindow *
tb_session_new_window (TbSession *self)
{
  TbWindow *window;

  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  window = tb_window_new (self->application);
  tb_window_new_report (window);
  return window;
}

void
tb_session_quit (TbSession *self)
{
  g_return_if_fail (TB_IS_SESSION (self));

  self->quitting = TRUE;
  g_clear_handle_id (&self->quit_idle, g_source_remove);
  quit_next_cb (self);
}

void
tb_session_offer_recovery (TbSession *self,
                           TbWindow  *parent)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;

  g_return_if_fail (TB_IS_SESSION (self));

  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, parent);
  task = tb_file_io_task_new (self, NULL, on_recovery_listed_cb, ref);
  g_task_run_in_thread (task, list_recovery_thread);
}

TbRecoveryDialog *
tb_session_get_recovery_dialog (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);
  return self->recovery_dialog;
}
