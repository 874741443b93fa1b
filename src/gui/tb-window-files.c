/* tb-window-files.c: saving, opening, closing with unsaved changes, recent files, drops
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving never loses anything: a failed save leaves the file on disk as it was (the write
 * is atomic) and the report in the window as it is, and says why in a dialog that offers
 * Save As. A file changed by another program since it was opened is not overwritten
 * without asking. The file is written in a worker thread (tb_document_save_async()): the
 * clerk may type on meanwhile, and Save is off until it is done. Closing a window with
 * unsaved changes asks Save / Discard / Cancel; closing while a save runs waits for it.
 * Meanwhile a recovery copy is written a few seconds after each change (TbDocument).
 * Opening a file is the session's (::open-file); this part only asks which.
 */
#define G_LOG_DOMAIN "tb-window-files"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-ascii.h"
#include "tb-report-chooser.h"
#include "tb-window-private.h"

#define MAX_RECENT 10

static void run_save_chooser (TbWindow *self);

/* ------------------------------------------------------------------ helpers */

static void
set_dialog (TbWindow         *self,
            AdwMessageDialog *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static AdwMessageDialog *
new_dialog (TbWindow   *self,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  set_dialog (self, dialog);
  return dialog;
}

static void
add_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  const char *groups[] = { "tianbao", NULL };
  GtkRecentData data = { 0, };

  if (uri == NULL)
    return;
  data.mime_type = (char *) TB_REPORT_MIME_TYPE;
  data.app_name = (char *) (g_get_prgname () ? g_get_prgname () : "tianbao");
  data.app_exec = (char *) "tianbao %u";
  data.groups = (char **) groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static guint
autosave_interval_override (void)
{
  const char *env = g_getenv ("TIANBAO_AUTOSAVE_INTERVAL");
  guint64 value;

  if (env == NULL || !tb_ascii_to_unsigned (env, 1, 3600, &value))
    return 0;
  return (guint) value;
}

/* ------------------------------------------------------------------ closing */

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes without asking again. From an idle: the dialog whose answer this is must be done
 * with its parent window before the window goes. */
static void
finish_close (TbWindow *self)
{
  self->force_close = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
close_cancelled (TbWindow *self)
{
  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      tb_window_emit_close_cancelled (self);
    }
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TbWindow         *self)
{
  if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      tb_window_save (self, FALSE);
    }
  else if (g_str_equal (response, "discard"))
    {
      tb_document_discard_recovery (self->document);
      finish_close (self);
    }
  else
    tb_window_emit_close_cancelled (self);
}

gboolean
tb_window_files_close_request (TbWindow *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->force_close || self->document == NULL)
    return FALSE;

  if (tb_document_get_saving (self->document))
    {
      /* Once the file is written: closed if nothing is left unsaved, else asked. */
      self->close_when_saved = TRUE;
      return TRUE;
    }
  if (!tb_document_get_modified (self->document))
    return FALSE;

  if (self->dialog != NULL)
    {
      /* A question is open already: it comes first (and stops a quit). */
      gtk_window_present (GTK_WINDOW (self->dialog));
      tb_window_emit_close_cancelled (self);
      return TRUE;
    }

  name = tb_document_dup_display_name (self->document);
  body = g_strdup_printf (_("“%s” has changes that are not saved. If you close it without "
                            "saving, the changes are lost."),
                          name);
  dialog = new_dialog (self, _("Save Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", tb_document_get_path (self->document)
                                            ? _("_Save") : _("_Save As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------------ saving */

typedef struct
{
  TbWindow *self;
  gboolean  save_as;
} SaveCall;

static void
save_succeeded (TbWindow *self)
{
  g_autofree char *name = tb_document_dup_display_name (self->document);
  g_autofree char *message = NULL;

  add_recent (tb_document_get_path (self->document));
  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      /* Changed while it was written: the question comes again. */
      if (!tb_document_get_modified (self->document))
        finish_close (self);
      else
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  message = g_strdup_printf (_("Saved as “%s”"), name);
  tb_window_add_toast (self, message);
}

static void show_save_error (TbWindow     *self,
                             const GError *error);

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  SaveCall *call = data;
  g_autoptr(TbWindow) self = call->self;
  gboolean save_as = call->save_as;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_free (call);
  saved = tb_document_save_finish (TB_DOCUMENT (source), result, &error);
  /* The window is gone (the file is written all the same), or shows another report. */
  if (g_cancellable_is_cancelled (self->cancellable) || TB_DOCUMENT (source) != self->document)
    return;

  if (saved)
    save_succeeded (self);
  else
    {
      if (save_as)
        tb_window_carry_save_as_failed (self);
      show_save_error (self, error);
    }
  if (self->close_when_saved)
    {
      self->close_when_saved = FALSE;
      if (self->dialog == NULL)
        gtk_window_close (GTK_WINDOW (self));
    }
}

/* Writes the document to @path (NULL: its own file) in a worker. */
static void
start_save (TbWindow            *self,
            const char          *path,
            TbDocumentSaveFlags  flags)
{
  SaveCall *call = g_new0 (SaveCall, 1);

  call->self = g_object_ref (self);
  call->save_as = path != NULL;
  tb_document_save_async (self->document, path, flags, self->cancellable, on_saved_cb, call);
}

static void
on_save_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TbWindow         *self)
{
  if (g_str_equal (response, "save-as"))
    run_save_chooser (self);
  else if (g_str_equal (response, "retry"))
    start_save (self, NULL, TB_DOCUMENT_SAVE_NONE);
  else if (g_str_equal (response, "replace"))
    start_save (self, NULL, TB_DOCUMENT_SAVE_OVERWRITE_CHANGED);
  else
    close_cancelled (self);
}

static void
show_save_error (TbWindow     *self,
                 const GError *error)
{
  AdwMessageDialog *dialog;

  if (g_error_matches (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_CHANGED_ON_DISK))
    {
      dialog = new_dialog (self, _("File Changed by Another Program"), error->message);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "save-as", _("Save _As…"),
                                        "replace", _("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "save-as");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  else if (g_error_matches (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_LOCKED))
    {
      dialog = new_dialog (self, _("Report Being Changed Elsewhere"), error->message);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "save-as", _("Save _As…"),
                                        "retry", _("_Try Again"),
                                        NULL);
      adw_message_dialog_set_default_response (dialog, "retry");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  else
    {
      dialog = tb_window_show_error (self, _("Could Not Save"), error->message);
      adw_message_dialog_add_response (dialog, "save-as", _("Save _As…"));
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tb_window_save_to (TbWindow   *self,
                   const char *path)
{
  g_autofree char *target = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->document == NULL)
    return;
  /* "报告" becomes "报告.tianbao", unless that would replace a file nobody confirmed. */
  target = g_strdup (path);
  if (!g_str_has_suffix (path, ".tianbao"))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *with = g_strconcat (path, ".tianbao", NULL);

      if (strchr (base, '.') == NULL && !g_file_test (with, G_FILE_TEST_EXISTS))
        {
          g_free (target);
          target = g_steal_pointer (&with);
        }
    }

  /* Last year's report is named relative to the draft's folder. */
  tb_window_carry_before_save_as (self, target);
  start_save (self, target, TB_DOCUMENT_SAVE_NONE);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        TbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    {
      close_cancelled (self);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      tb_window_show_error (self, _("Could Not Save"),
                            _("Reports can only be saved to a folder on this computer or a "
                              "mounted network folder."));
      close_cancelled (self);
      return;
    }
  tb_window_save_to (self, path);
}

static void
run_save_chooser (TbWindow *self)
{
  const char *path = tb_document_get_path (self->document);

  if (self->chooser == NULL)
    {
      self->chooser = tb_report_chooser_new (GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("Save Report"), _("_Save"), NULL);
      if (path != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), file, NULL);
        }
      else
        {
          g_autofree char *title = tb_report_dup_title (tb_window_get_report (self));
          g_autofree char *name = g_strconcat (title, ".tianbao", NULL);
          const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

          if (documents != NULL)
            {
              g_autoptr(GFile) folder = g_file_new_for_path (documents);

              gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder,
                                                   NULL);
            }
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
        }
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb),
                               self, 0);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
tb_window_save (TbWindow *self,
                gboolean  save_as)
{
  g_return_if_fail (TB_IS_WINDOW (self));

  if (self->document == NULL || tb_document_get_saving (self->document))
    return;
  if (save_as || tb_document_get_path (self->document) == NULL)
    run_save_chooser (self);
  else
    start_save (self, NULL, TB_DOCUMENT_SAVE_NONE);
}

/* ------------------------------------------------------------------ opening */

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TbWindow        *self)
{
  g_auto(GStrv) paths = tb_report_chooser_dup_paths (chooser, response);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  for (guint i = 0; paths[i] != NULL; i++)
    tb_window_emit_open_file (self, paths[i]);
}

void
tb_window_choose_files (TbWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = tb_report_chooser_new (GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                   _("Open Report"), _("_Open"), tb_window_get_path (self));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_file_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  TbWindow *self = g_task_get_source_object (task);
  const char *path = g_task_get_task_data (task);
  g_autoptr(TbDocument) document = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;
  GError *error = NULL;

  document = tb_document_open_finish (result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      return;
    }
  if (document != NULL)
    {
      tb_window_set_document (self, document);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Never bind the empty report to a file that could not be read: saving would overwrite
   * it. A file that does not exist yet is where the new report will be saved. */
  tb_window_new_report (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      document = tb_document_new_for_report (tb_window_get_report (self), path);
      tb_window_set_document (self, document);
      message = g_strdup_printf (_("New report: it will be saved as “%s”"), name);
      tb_window_add_toast (self, message);
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
      return;
    }
  message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
  tb_window_add_toast (self, message);
  g_task_return_error (task, error);
}

void
tb_window_open_file_async (TbWindow            *self,
                           const char          *path,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_window_open_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  tb_document_open_async (path, self->cancellable, on_file_opened_cb, task);
}

gboolean
tb_window_open_file_finish (TbWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ recent files */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
update_recent_menu (TbWindow *self)
{
  GList *items, *usable = NULL;
  guint n = 0;

  if (self->recent_menu == NULL)
    return;

  g_menu_remove_all (self->recent_menu);
  items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if (g_str_has_prefix (uri, "file:") && g_str_has_suffix (uri, ".tianbao") &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        usable = g_list_prepend (usable, info);
    }
  usable = g_list_sort (usable, compare_recent);
  for (GList *l = usable; l != NULL && n < MAX_RECENT; l = l->next, n++)
    {
      GtkRecentInfo *info = l->data;
      g_auto(GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      /* Underscores in file names are no mnemonics. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  if (n == 0)
    /* An action that does not exist: the item shows, greyed out. */
    g_menu_append (self->recent_menu, _("No Recent Reports"), "win.no-recent-reports");
  g_list_free (usable);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ------------------------------------------------------------------ drops and focus */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            TbWindow      *self)
{
  GSList *list;
  gboolean any = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path == NULL)
        continue;
      tb_window_emit_open_file (self, path);
      any = TRUE;
    }
  g_slist_free (list);
  return any;
}

static void
on_focus_widget_cb (TbWindow *self)
{
  /* Typing into a new field is a new step. */
  if (self->document != NULL)
    tb_history_close_step (tb_document_get_history (self->document));
}

/* ------------------------------------------------------------------ tb-window-private.h */

void
tb_window_files_init (TbWindow *self)
{
  GtkDropTarget *drop;

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_cb), NULL);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

void
tb_window_files_dispose (TbWindow *self)
{
  set_dialog (self, NULL);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
}

void
tb_window_files_document_set (TbWindow *self)
{
  guint interval = autosave_interval_override ();
  const char *path = tb_document_get_path (self->document);

  if (interval > 0)
    tb_document_set_autosave_interval (self->document, interval);
  else if (self->settings != NULL)
    g_settings_bind (self->settings, "autosave-interval", self->document, "autosave-interval",
                     G_SETTINGS_BIND_GET);
  if (path != NULL)
    add_recent (path);
}

AdwMessageDialog *
tb_window_get_dialog (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->dialog;
}

/* ------------------------------------------------------------------ public */

AdwMessageDialog *
tb_window_show_error (TbWindow   *self,
                      const char *heading,
                      const char *message)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  dialog = new_dialog (self, heading, message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
