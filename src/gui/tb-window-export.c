/* tb-window-export.c: what the window's Export menu does: the report as PDF, as a web page,
 * as a Word document
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three exports go the same way. A report that still has errors or unfilled cells is
 * exported only as a draft, after the clerk confirmed it; the export says so. The clerk
 * chooses the file, in the folder of the last export (the setting last-export-folder), or
 * else the report's. The export is made and written in a worker thread, from a copy of the
 * report as it was when the clerk chose the file (the report, and last year's if attached,
 * are serialized here and read back there; Pango gives each thread its own font map). A
 * toast says when it is done and offers to open it.
 */
#define G_LOG_DOMAIN "tb-window-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-file-io.h"
#include "tb-html-writer.h"
#include "tb-pdf.h"
#include "tb-readiness.h"
#include "tb-toast.h"
#include "tb-window-private.h"

/* What differs between the exports. */
static const struct
{
  const char *title;        /* of the file chooser */
  const char *filter;       /* the name of its filter */
  const char *mime_type;
  const char *suffix;
  const char *draft_note;   /* how the export marks a draft */
} formats[] = {
  [TB_EXPORT_PDF] = {
    N_("Export as PDF"), N_("PDF documents"), "application/pdf", "pdf",
    N_("The PDF will say on every page that it is a draft."),
  },
  [TB_EXPORT_HTML] = {
    N_("Export as Web Page"), N_("Web pages"), "text/html", "html",
    N_("The web page will say at the top that it is a draft."),
  },
  [TB_EXPORT_DOCX] = {
    N_("Export as Word Document"), N_("Word documents"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
    N_("The Word document will say on every page that it is a draft."),
  },
};

/* An export being asked for: the window, the format, and the number of problems that make
 * it a draft. */
typedef struct
{
  TbWindow       *self;
  TbExportFormat  format;
  guint           draft_issues;
} Export;

/* What the worker gets. */
typedef struct
{
  GBytes         *report;     /* tb_draft_serialize() */
  GBytes         *previous;   /* last year's report, or NULL */
  char           *path;
  TbExportFormat  format;
  guint           draft_issues;
} ExportJob;

/* ------------------------------------------------------------------ export */

static Export *
export_new (TbWindow       *self,
            TbExportFormat  format,
            guint           draft_issues)
{
  Export *export = g_new0 (Export, 1);

  export->self = g_object_ref (self);
  export->format = format;
  export->draft_issues = draft_issues;
  return export;
}

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_free (export);
}

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_bytes_unref (job->report);
  g_clear_pointer (&job->previous, g_bytes_unref);
  g_free (job->path);
  g_free (job);
}

static TbReport *
parse (GBytes  *bytes,
       GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return tb_draft_parse (data, len, error);
}

/* The export of @report as @job says, written to its path. */
static gboolean
write_export (TbReport   *report,
              ExportJob  *job,
              GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  TbLayoutOptions options = { 0, };

  switch (job->format)
    {
    case TB_EXPORT_PDF:
      options.draft_issues = job->draft_issues;
      return tb_pdf_export (report, &options, job->path, error);
    case TB_EXPORT_HTML:
      bytes = tb_html_write (report, job->draft_issues > 0 ? TB_HTML_DRAFT : TB_HTML_DEFAULT);
      break;
    case TB_EXPORT_DOCX:
      bytes = tb_docx_write (report, job->draft_issues > 0 ? TB_DOCX_DRAFT : TB_DOCX_DEFAULT,
                             error);
      break;
    default:
      g_assert_not_reached ();
    }
  return bytes != NULL &&
         tb_file_write_atomic (job->path, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(TbReport) copy = NULL;
  GError *error = NULL;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  copy = parse (job->report, &error);
  /* The draft mark of the web page and the Word document counts the problems again: with
   * last year's report, as the window did. */
  if (copy != NULL && job->previous != NULL)
    {
      g_autoptr(TbReport) previous = parse (job->previous, NULL);

      if (previous != NULL)
        tb_report_set_previous_report (copy, previous);
    }
  if (copy != NULL && write_export (copy, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Export *export = data;
  TbWindow *self = export->self;
  g_autoptr(GError) error = NULL;

  if (!tb_window_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tb_window_add_toast (self, error->message);
    }
  else
    {
      ExportJob *job = g_task_get_task_data (G_TASK (result));
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *folder = g_path_get_dirname (job->path);
      g_autofree char *uri = g_filename_to_uri (job->path, NULL, NULL);
      g_autofree char *message = export->draft_issues > 0
        ? g_strdup_printf (_("Exported “%s” as a draft"), name)
        : g_strdup_printf (_("Exported “%s”"), name);
      AdwToast *toast = tb_toast_new_plain (message);

      adw_toast_set_timeout (toast, 6);
      if (uri != NULL)
        {
          adw_toast_set_button_label (toast, _("_Open"));
          adw_toast_set_action_name (toast, "win.open-export");
          adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
        }
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-export-folder", folder);
    }
  export_free (export);
}

static void
export_closure_free (gpointer  data,
                     GClosure *closure)
{
  export_free (data);
}

static void
start_export (Export     *export,
              const char *path)
{
  const char *report = tb_window_get_path (export->self);

  if (report != NULL)
    {
      g_autoptr(GFile) out = g_file_new_for_path (path);
      g_autoptr(GFile) in = g_file_new_for_path (report);

      if (g_file_equal (out, in))
        {
          tb_window_add_toast (export->self, _("The export would replace the report itself: "
                                               "choose another name"));
          return;
        }
    }
  tb_window_export_async (export->self, export->format, path, export->draft_issues,
                          on_exported_cb,
                          export_new (export->self, export->format, export->draft_issues));
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               Export          *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        tb_window_add_toast (export->self, _("Exports can only be written to a local file"));
      else
        start_export (export, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_free (export);
}

/* The folder the chooser opens in: the last export's, else the report's, else GTK's. */
static char *
export_folder (TbWindow *self)
{
  g_autofree char *last = self->settings != NULL
                          ? g_settings_get_string (self->settings, "last-export-folder")
                          : NULL;

  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&last);
  if (tb_window_get_path (self) != NULL)
    return g_path_get_dirname (tb_window_get_path (self));
  return NULL;
}

static void
choose_export_file (Export *export)
{
  TbWindow *self = export->self;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  /* The tests give the file instead. */
  if (self->export_test_path != NULL)
    {
      start_export (export, self->export_test_path);
      return;
    }

  title = tb_report_dup_title (tb_window_get_report (self));
  name = g_strconcat (title, export->draft_issues > 0 ? _("(draft)") : "", ".",
                      formats[export->format].suffix, NULL);
  chooser = gtk_file_chooser_native_new (_(formats[export->format].title), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _(formats[export->format].filter));
  gtk_file_filter_add_mime_type (filter, formats[export->format].mime_type);
  gtk_file_filter_add_suffix (filter, formats[export->format].suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  folder = export_folder (self);
  if (folder != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb),
                    export_new (self, export->format, export->draft_issues));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_draft_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             Export           *export)
{
  if (g_str_equal (response, "draft"))
    choose_export_file (export);
}

/* ------------------------------------------------------------------ opening an export */

/* An export being opened. */
typedef struct
{
  TbWindow *self;
  char     *name;   /* its file's name, for messages */
} Launch;

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Launch *launch = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      /* GIO's "Failed to find default application for content type …" says it for
       * programmers. */
      g_autofree char *message =
        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)
        ? g_strdup_printf (_("No program to open “%s” is installed"), launch->name)
        : g_strdup_printf (_("Could not open “%s”: %s"), launch->name, error->message);

      tb_window_add_toast (launch->self, message);
    }
  g_object_unref (launch->self);
  g_free (launch->name);
  g_free (launch);
}

/* ------------------------------------------------------------------ tb-window-private.h */

void
tb_window_export (TbWindow       *self,
                  TbExportFormat  format)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  Export *export;
  guint n;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (format < G_N_ELEMENTS (formats));

  if (self->document == NULL)
    return;
  tb_window_validate_now (self);
  n = tb_readiness_count_blocking_issues (tb_window_get_report (self));
  if (n == 0)
    {
      export = export_new (self, format, 0);
      choose_export_file (export);
      export_free (export);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The report still has %u problem (an error or a cell "
                                       "not filled).",
                                       "The report still has %u problems (errors or cells not "
                                       "filled).",
                                       n),
                          n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export a Draft?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s %s", body,
                                  _(formats[format].draft_note));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "draft", _("Export _Draft"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "draft",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_draft_dialog_response_cb),
                         export_new (self, format, n), export_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tb_window_export_async (TbWindow            *self,
                        TbExportFormat       format,
                        const char          *path,
                        guint                draft_issues,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TbReport *previous;
  ExportJob *job;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (format < G_N_ELEMENTS (formats));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->document != NULL);

  job = g_new0 (ExportJob, 1);
  job->report = tb_draft_serialize (tb_window_get_report (self));
  previous = tb_report_get_previous_report (tb_window_get_report (self));
  if (previous != NULL)
    job->previous = tb_draft_serialize (previous);
  job->path = g_strdup (path);
  job->format = format;
  job->draft_issues = draft_issues;
  task = tb_file_io_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_window_export_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tb_window_export_finish (TbWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tb_window_open_export (TbWindow   *self,
                       const char *uri)
{
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  Launch *launch;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);
  launch = g_new0 (Launch, 1);
  launch->self = g_object_ref (self);
  launch->name = path != NULL ? g_filename_display_basename (path) : g_strdup (uri);
  context = G_APP_LAUNCH_CONTEXT (
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_launched_cb, launch);
}

void
tb_window_set_export_test_path (TbWindow   *self,
                                const char *path)
{
  g_return_if_fail (TB_IS_WINDOW (self));

  g_free (self->export_test_path);
  self->export_test_path = g_strdup (path);
}
