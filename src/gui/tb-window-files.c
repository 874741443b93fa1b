/* tb-window-files.c: files, saving, autosave and undo of the main window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving never loses anything: a failed save leaves the file on disk as it was (the write
 * is atomic) and the report in the window as it is, and says why in a dialog that offers
 * Save As. A file changed by another program since it was opened is not overwritten
 * without asking. Closing a window with unsaved changes asks Save / Discard / Cancel;
 * meanwhile a recovery copy is written a few seconds after each change (TbDocument).
 */
#define G_LOG_DOMAIN "tb-window-files"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-session.h"
#include "tb-window-carry.h"
#include "tb-window-files.h"
#include "tb-window-private.h"

#define MIME_TYPE    "application/x-tianbao"
#define MAX_RECENT   10

typedef struct
{
  TbDocument            *document;
  TbHistory             *history;          /* the document's, watched for can-undo/-redo */
  AdwMessageDialog      *dialog;           /* weak: the question or error shown now */
  GtkFileChooserNative  *chooser;
  GMenu                 *recent_menu;
  gboolean               close_after_save; /* the clerk chose Save when closing */
  gboolean               force_close;      /* answered: close without asking again */
  gboolean               autosave_warned;
  gboolean               setting_document;
} Files;

static GQuark files_quark;

static void save_cancelled (TbWindow *self);
static void run_save_chooser (TbWindow *self);

/* ------------------------------------------------------------------ helpers */

static Files *
get_files (TbWindow *self)
{
  return g_object_get_qdata (G_OBJECT (self), files_quark);
}

static void
files_free (gpointer data)
{
  Files *files = data;

  g_clear_object (&files->document);
  g_clear_object (&files->history);
  g_clear_object (&files->chooser);
  g_free (files);
}

static GtkApplication *
get_app (TbWindow *self)
{
  return gtk_window_get_application (GTK_WINDOW (self));
}

static void
set_dialog (TbWindow         *self,
            AdwMessageDialog *dialog)
{
  Files *files = get_files (self);

  if (files->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (files->dialog), (gpointer *) &files->dialog);
  files->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &files->dialog);
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
  data.mime_type = (char *) MIME_TYPE;
  data.app_name = (char *) (g_get_prgname () ? g_get_prgname () : "tianbao");
  data.app_exec = (char *) "tianbao %u";
  data.groups = (char **) groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Every text field keeps its own undo history by default, which would answer Ctrl+Z
 * before the window could; the report's history is the only one. */
static void
disable_widget_undo (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    disable_widget_undo (child);
}

static void
update_undo_actions (TbWindow *self)
{
  Files *files = get_files (self);
  TbHistory *history = files ? files->history : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 history != NULL && tb_history_get_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 history != NULL && tb_history_get_can_redo (history));
}

/* ------------------------------------------------------------------ document signals */

static void
on_history_can_cb (TbWindow *self)
{
  update_undo_actions (self);
}

static void
on_history_applied_cb (TbHistory      *history,
                       TbReportChange  change,
                       const char     *id,
                       TbWindow       *self)
{
  const TbFormat *format;

  if (self->report == NULL || id == NULL)
    return;
  format = tb_report_get_format (self->report);

  /* Show the clerk what the undo or redo changed. */
  if (change == TB_REPORT_CHANGE_CELL)
    {
      const TbCellSpec *spec = tb_format_find_cell (format, id);

      if (spec != NULL)
        tb_window_show_section (self, spec->section, spec->index);
    }
  else if (change == TB_REPORT_CHANGE_TEXT)
    {
      const TbSectionSpec *spec = tb_format_find_section (format, id);

      if (spec != NULL)
        tb_window_show_section (self, spec->index, -1);
    }
  else if (change == TB_REPORT_CHANGE_META)
    tb_window_show_section (self, -1, -1);
}

static void
watch_history (TbWindow *self)
{
  Files *files = get_files (self);
  TbHistory *history = files->document ? tb_document_get_history (files->document) : NULL;

  if (history == files->history)
    return;
  if (files->history != NULL)
    g_signal_handlers_disconnect_by_data (files->history, self);
  g_set_object (&files->history, history);
  if (history != NULL)
    {
      g_signal_connect_object (history, "notify::can-undo", G_CALLBACK (on_history_can_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::can-redo", G_CALLBACK (on_history_can_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "applied", G_CALLBACK (on_history_applied_cb),
                               self, 0);
    }
  update_undo_actions (self);
}

static void
on_document_title_cb (TbWindow *self)
{
  tb_window_update_title (self);
}

static void
on_document_history_cb (TbWindow *self)
{
  watch_history (self);
}

static void
on_autosave_failed_cb (TbDocument   *document,
                       const GError *error,
                       TbWindow     *self)
{
  Files *files = get_files (self);
  g_autofree char *message = NULL;

  /* Once per window: the clerk can still save; repeating it at every change would nag. */
  if (files->autosave_warned)
    return;
  files->autosave_warned = TRUE;
  message = g_strdup_printf (_("No recovery copy could be kept: %s Save your report to keep "
                               "your changes."),
                             error->message);
  tb_window_add_toast (self, message);
}

static guint
autosave_interval_override (void)
{
  const char *env = g_getenv ("TIANBAO_AUTOSAVE_INTERVAL");
  guint64 value;

  if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, 3600, &value, NULL))
    return 0;
  return (guint) value;
}

static void
replace_document (TbWindow   *self,
                  TbDocument *document)
{
  Files *files = get_files (self);
  guint interval = autosave_interval_override ();

  if (files->document == document)
    return;
  if (files->document != NULL)
    g_signal_handlers_disconnect_by_data (files->document, self);
  g_set_object (&files->document, document);
  files->autosave_warned = FALSE;

  if (document == NULL)
    {
      watch_history (self);
      return;
    }

  if (interval > 0)
    tb_document_set_autosave_interval (document, interval);
  else if (self->settings != NULL)
    g_settings_bind (self->settings, "autosave-interval", document, "autosave-interval",
                     G_SETTINGS_BIND_GET);

  g_signal_connect_object (document, "notify::title", G_CALLBACK (on_document_title_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::path", G_CALLBACK (on_document_title_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::history", G_CALLBACK (on_document_history_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "autosave-failed", G_CALLBACK (on_autosave_failed_cb),
                           self, 0);
  watch_history (self);
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
  Files *files = get_files (self);

  files->force_close = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
save_succeeded (TbWindow *self)
{
  Files *files = get_files (self);
  const char *path = tb_document_get_path (files->document);
  g_autofree char *name = tb_document_dup_display_name (files->document);
  g_autofree char *message = NULL;

  g_free (self->path);
  self->path = g_strdup (path);
  tb_window_update_title (self);
  tb_window_update_actions (self);
  add_recent (path);

  if (files->close_after_save)
    {
      files->close_after_save = FALSE;
      finish_close (self);
      return;
    }
  message = g_strdup_printf (_("Saved as “%s”"), name);
  tb_window_add_toast (self, message);
}

static void
save_cancelled (TbWindow *self)
{
  Files *files = get_files (self);

  if (files->close_after_save)
    {
      files->close_after_save = FALSE;
      if (get_app (self) != NULL)
        tb_session_close_cancelled (get_app (self));
    }
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TbWindow         *self)
{
  Files *files = get_files (self);

  if (g_str_equal (response, "save"))
    {
      files->close_after_save = TRUE;
      tb_window_files_save (self, FALSE);
    }
  else if (g_str_equal (response, "discard"))
    {
      tb_document_discard_recovery (files->document);
      finish_close (self);
    }
  else
    save_cancelled (self);
}

gboolean
tb_window_files_close_request (TbWindow *self)
{
  Files *files = get_files (self);
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);

  if (files == NULL || files->force_close || files->document == NULL ||
      !tb_document_get_modified (files->document))
    return FALSE;

  if (files->dialog != NULL)
    {
      /* A question is open already: it comes first (and stops a quit). */
      gtk_window_present (GTK_WINDOW (files->dialog));
      if (get_app (self) != NULL)
        tb_session_close_cancelled (get_app (self));
      return TRUE;
    }

  name = tb_document_dup_display_name (files->document);
  body = g_strdup_printf (_("“%s” has changes that are not saved. If you close it without "
                            "saving, the changes are lost."),
                          name);
  dialog = new_dialog (self, _("Save Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", tb_document_get_path (files->document)
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

static void
on_save_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TbWindow         *self)
{
  Files *files = get_files (self);

  if (g_str_equal (response, "save-as"))
    run_save_chooser (self);
  else if (g_str_equal (response, "replace"))
    {
      g_autoptr(GError) error = NULL;

      if (tb_document_save (files->document, TB_DOCUMENT_SAVE_OVERWRITE_CHANGED, &error))
        save_succeeded (self);
      else
        {
          AdwMessageDialog *again = tb_window_files_show_error (self, _("Could Not Save"),
                                                                error->message);

          adw_message_dialog_add_response (again, "save-as", _("Save _As…"));
          g_signal_connect_object (again, "response", G_CALLBACK (on_save_error_response_cb),
                                   self, 0);
        }
    }
  else
    save_cancelled (self);
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
  else
    {
      dialog = tb_window_files_show_error (self, _("Could Not Save"), error->message);
      adw_message_dialog_add_response (dialog, "save-as", _("Save _As…"));
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tb_window_files_save_to (TbWindow   *self,
                         const char *path)
{
  Files *files = get_files (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

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
  if (tb_document_save_as (files->document, target, &error))
    save_succeeded (self);
  else
    {
      tb_window_carry_save_as_failed (self);
      show_save_error (self, error);
    }
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        TbWindow        *self)
{
  Files *files = get_files (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&files->chooser);

  if (file == NULL)
    {
      save_cancelled (self);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      tb_window_files_show_error (self, _("Could Not Save"),
                                  _("Reports can only be saved to a folder on this computer "
                                    "or a mounted network folder."));
      save_cancelled (self);
      return;
    }
  tb_window_files_save_to (self, path);
}

static GtkFileFilter *
report_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tianbao Reports"));
  gtk_file_filter_add_pattern (filter, "*.tianbao");
  gtk_file_filter_add_mime_type (filter, MIME_TYPE);
  return filter;
}

static void
run_save_chooser (TbWindow *self)
{
  Files *files = get_files (self);
  const char *path = tb_document_get_path (files->document);
  g_autoptr(GtkFileFilter) filter = report_filter ();
  GtkFileChooserNative *chooser;

  if (files->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  else
    {
      g_autofree char *title = tb_report_dup_title (self->report);
      g_autofree char *name = g_strconcat (title, ".tianbao", NULL);
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL)
        {
          g_autoptr(GFile) folder = g_file_new_for_path (documents);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  files->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tb_window_files_save (TbWindow *self,
                      gboolean  save_as)
{
  Files *files;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));
  files = get_files (self);
  if (files->document == NULL)
    return;

  if (save_as || tb_document_get_path (files->document) == NULL)
    {
      run_save_chooser (self);
      return;
    }
  if (tb_document_save (files->document, TB_DOCUMENT_SAVE_NONE, &error))
    save_succeeded (self);
  else
    show_save_error (self, error);
}

/* ------------------------------------------------------------------ opening */

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TbWindow        *self)
{
  g_autoptr(GListModel) list = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (list, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        tb_session_open_path (get_app (self), path, self);
    }
}

static void
tb_window_action_open (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = report_filter ();
  GtkFileChooserNative *chooser;
  const char *path = tb_window_get_path (self);

  chooser = gtk_file_chooser_native_new (_("Open Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tb_window_action_open_recent (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autofree char *path = g_filename_from_uri (g_variant_get_string (parameter, NULL), NULL,
                                               NULL);

  if (path != NULL)
    tb_session_open_path (get_app (self), path, self);
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
  Files *files = get_files (self);
  GList *items, *usable = NULL;
  guint n = 0;

  if (files == NULL || files->recent_menu == NULL)
    return;

  g_menu_remove_all (files->recent_menu);
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
      g_menu_append_item (files->recent_menu, item);
    }
  if (n == 0)
    /* An action that does not exist: the item shows, greyed out. */
    g_menu_append (files->recent_menu, _("No Recent Reports"), "win.no-recent-reports");
  g_list_free (usable);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ------------------------------------------------------------------ new report */

static void
on_new_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TbWindow         *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkSpinButton *year = g_object_get_data (G_OBJECT (box), "year");
  GtkEditable *agency = g_object_get_data (G_OBJECT (box), "agency");
  g_autoptr(TbDocument) document = NULL;
  g_autofree char *name = NULL;
  TbReport *report;

  if (!g_str_equal (response, "create"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (agency)));
  if (tb_window_carry_create_new (self, dialog, gtk_spin_button_get_value_as_int (year), name))
    return;
  document = tb_document_new (gtk_spin_button_get_value_as_int (year), name);
  if (document == NULL)
    return;
  report = tb_document_get_report (document);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "manual-totals"))
    {
      tb_report_set_manual_totals (report, TRUE);
      tb_report_set_modified (report, FALSE);
      tb_history_clear (tb_document_get_history (document));
    }
  tb_session_show_document (get_app (self), document, self);
}

static void
on_new_year_changed_cb (GtkSpinButton *spin,
                        GtkLabel      *label)
{
  const TbFormat *format = tb_format_for_year (gtk_spin_button_get_value_as_int (spin));
  g_autofree char *text = NULL;

  if (format != NULL)
    /* TRANSLATORS: %s is the official document number of the report format */
    text = g_strdup_printf (_("Format: %s"), tb_format_get_document (format));
  gtk_label_set_label (label, text ? text : "");
}

static void
tb_window_action_new (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *default_agency = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *grid, *year, *agency, *format_label, *label;

  if (self->settings != NULL)
    default_agency = g_settings_get_string (self->settings, "default-agency");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  label = gtk_label_new_with_mnemonic (_("_Agency"));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  agency = gtk_entry_new ();
  gtk_widget_set_hexpand (agency, TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (agency), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (agency), _("The agency's full name"));
  if (default_agency != NULL)
    gtk_editable_set_text (GTK_EDITABLE (agency), default_agency);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), agency);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), agency, 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Year"));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  year = gtk_spin_button_new_with_range (2008, 2100, 1);
  gtk_widget_set_halign (year, GTK_ALIGN_START);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), g_date_time_get_year (now) - 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), year);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), year, 1, 1, 1, 1);

  format_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (format_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (format_label), 0.0);
  gtk_widget_add_css_class (format_label, "dim-label");
  gtk_widget_add_css_class (format_label, "caption");
  gtk_grid_attach (GTK_GRID (grid), format_label, 1, 2, 1, 1);
  g_signal_connect (year, "value-changed", G_CALLBACK (on_new_year_changed_cb), format_label);
  on_new_year_changed_cb (GTK_SPIN_BUTTON (year), GTK_LABEL (format_label));

  box = grid;
  g_object_set_data (G_OBJECT (box), "year", year);
  g_object_set_data (G_OBJECT (box), "agency", agency);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Report"),
                                                       _("Which agency's report, and on "
                                                         "which year? The year decides the "
                                                         "official format.")));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"),
                                    NULL);
  tb_window_carry_extend_new_dialog (self, dialog, GTK_GRID (grid), 3, GTK_SPIN_BUTTON (year),
                                     GTK_EDITABLE (agency));
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (agency);
}

/* ------------------------------------------------------------------ other actions */

/* win.undo and win.redo. */
static void
tb_window_action_history (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  Files *files = get_files (TB_WINDOW (widget));

  if (files->history == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    tb_history_undo (files->history);
  else
    tb_history_redo (files->history);
}

/* ------------------------------------------------------------------ drag and drop */

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
      tb_session_open_path (get_app (self), path, self);
      any = TRUE;
    }
  g_slist_free (list);
  return any;
}

/* ------------------------------------------------------------------ focus */

static void
on_focus_widget_cb (TbWindow *self)
{
  Files *files = get_files (self);

  /* Typing into a new field is a new step. */
  if (files != NULL && files->history != NULL)
    tb_history_close_step (files->history);
}

/* ------------------------------------------------------------------ hooks */

void
tb_window_files_class_init (GtkWidgetClass *widget_class)
{
  files_quark = g_quark_from_static_string ("tb-window-files");

  gtk_widget_class_bind_template_child_full (widget_class, "recent_menu", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, tb_window_action_new);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, tb_window_action_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s",
                                   tb_window_action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, tb_window_action_history);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, tb_window_action_history);
}

void
tb_window_files_init (TbWindow *self)
{
  Files *files = g_new0 (Files, 1);
  GtkEventController *controller;
  GtkDropTarget *drop;
  GObject *menu;
  struct
  {
    guint           keyval;
    GdkModifierType mods;
    const char     *action;
  } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "win.redo" },
  };

  g_object_set_qdata_full (G_OBJECT (self), files_quark, files, files_free);

  /* In the capture phase, before a text field sees the keys. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval,
                                                                                    keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_cb), NULL);

  menu = gtk_widget_get_template_child (GTK_WIDGET (self), TB_TYPE_WINDOW, "recent_menu");
  if (G_IS_MENU (menu))
    {
      files->recent_menu = G_MENU (menu);
      g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                               G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
      update_recent_menu (self);
    }

  update_undo_actions (self);
}

void
tb_window_files_dispose (TbWindow *self)
{
  Files *files = get_files (self);

  if (files == NULL)
    return;
  set_dialog (self, NULL);
  if (files->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (files->chooser));
  if (files->document != NULL)
    g_signal_handlers_disconnect_by_data (files->document, self);
  if (files->history != NULL)
    g_signal_handlers_disconnect_by_data (files->history, self);
  g_object_set_qdata (G_OBJECT (self), files_quark, NULL);
}

void
tb_window_files_report_set (TbWindow   *self,
                            TbReport   *report,
                            const char *path)
{
  Files *files = get_files (self);
  g_autoptr(TbDocument) document = NULL;

  if (files == NULL)
    return;

  if (files->document != NULL && tb_document_get_report (files->document) == report)
    ;
  else if (files->document != NULL && !files->setting_document &&
           tb_report_get_modified (report) &&
           g_strcmp0 (path, tb_document_get_path (files->document)) == 0)
    /* The same report in another format (its year changed): same file, same copy. */
    tb_document_set_report (files->document, report);
  else
    {
      document = tb_document_new_for_report (report, path);
      replace_document (self, document);
    }

  disable_widget_undo (GTK_WIDGET (self));
  watch_history (self);
}

/* ------------------------------------------------------------------ public */

TbDocument *
tb_window_get_document (TbWindow *self)
{
  Files *files;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  files = get_files (self);
  return files ? files->document : NULL;
}

void
tb_window_set_document (TbWindow   *self,
                        TbDocument *document)
{
  Files *files;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (TB_IS_DOCUMENT (document));

  files = get_files (self);
  replace_document (self, document);
  files->setting_document = TRUE;
  tb_window_set_report (self, tb_document_get_report (document),
                        tb_document_get_path (document));
  files->setting_document = FALSE;
  tb_window_update_title (self);
  if (tb_document_get_path (document) != NULL)
    add_recent (tb_document_get_path (document));
}

gboolean
tb_window_is_pristine (TbWindow *self)
{
  Files *files;

  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  files = get_files (self);
  if (files == NULL || files->document == NULL)
    return TRUE;
  return tb_document_get_path (files->document) == NULL &&
         !tb_document_get_modified (files->document) &&
         !tb_history_get_can_undo (tb_document_get_history (files->document)) &&
         files->dialog == NULL;
}

AdwMessageDialog *
tb_window_files_show_error (TbWindow   *self,
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

AdwMessageDialog *
tb_window_files_get_dialog (TbWindow *self)
{
  Files *files;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  files = get_files (self);
  return files ? files->dialog : NULL;
}
