/* tb-window-print.c: what the window's Print and Export as PDF do
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both draw the pages of TbLayout (src/render/tb-layout.h): printing through
 * TbPrintOperation, exporting with tb_pdf_export(). A report that still has errors or
 * unfilled cells can be exported only as a draft, after the clerk confirmed it; the draft
 * says so on every page. The export is drawn and written in a worker thread, from a copy
 * of the report as it was when the clerk chose the file (the report is serialized here and
 * read back there; Pango gives each thread its own font map).
 */
#define G_LOG_DOMAIN "tb-window-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-draft.h"
#include "tb-file-io.h"
#include "tb-pdf.h"
#include "tb-print-operation.h"
#include "tb-readiness.h"
#include "tb-window-private.h"

/* Print settings (printer, copies…) are kept for the next Print of this session. */
static GtkPrintSettings *last_print_settings;

/* An export under way: the window, and the number of problems that make it a draft. */
typedef struct
{
  TbWindow *self;
  guint     draft_issues;
} Export;

/* What the worker gets. */
typedef struct
{
  GBytes          *report;   /* tb_draft_serialize() */
  char            *path;
  TbLayoutOptions  options;
} PdfJob;

/* ------------------------------------------------------------------ export */

static Export *
export_new (TbWindow *self,
            guint     draft_issues)
{
  Export *export = g_new0 (Export, 1);

  export->self = g_object_ref (self);
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
pdf_job_free (gpointer data)
{
  PdfJob *job = data;

  g_bytes_unref (job->report);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  PdfJob *job = data;
  g_autoptr(TbReport) copy = NULL;
  GError *error = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (job->report, &len);

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  copy = tb_draft_parse (bytes, len, &error);
  if (copy != NULL && tb_pdf_export (copy, &job->options, job->path, &error))
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

  if (!tb_window_export_pdf_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tb_window_add_toast (self, error->message);
    }
  else
    {
      PdfJob *job = g_task_get_task_data (G_TASK (result));
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *message = export->draft_issues > 0
        ? g_strdup_printf (_("Exported “%s” as a draft"), name)
        : g_strdup_printf (_("Exported “%s”"), name);

      tb_window_add_toast (self, message);
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
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               Export          *export)
{
  TbWindow *self = export->self;
  guint draft_issues = export->draft_issues;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        tb_window_add_toast (self, _("The PDF can only be written to a local file"));
      else
        tb_window_export_pdf_async (self, path, draft_issues, on_exported_cb,
                                    export_new (self, draft_issues));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_free (export);
}

static void
choose_export_file (TbWindow *self,
                    guint     draft_issues)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = tb_report_dup_title (tb_window_get_report (self));
  g_autofree char *name = g_strconcat (title, draft_issues > 0 ? _("(draft)") : "", ".pdf",
                                       NULL);

  chooser = gtk_file_chooser_native_new (_("Export as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (tb_window_get_path (self) != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (tb_window_get_path (self));
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb),
                    export_new (self, draft_issues));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_draft_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             Export           *export)
{
  if (g_str_equal (response, "draft"))
    choose_export_file (export->self, export->draft_issues);
}

void
tb_window_export_pdf (TbWindow *self)
{
  GtkWidget *dialog;
  guint n;

  if (self->document == NULL)
    return;
  tb_window_validate_now (self);
  n = tb_readiness_count_blocking_issues (tb_window_get_report (self));
  if (n == 0)
    {
      choose_export_file (self, 0);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export a Draft?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The report still has %u problem (an error or a cell not filled). The PDF will say on every page that it is a draft.",
                                               "The report still has %u problems (errors or cells not filled). The PDF will say on every page that it is a draft.",
                                               n),
                                  n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "draft", _("Export _Draft"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "draft",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_draft_dialog_response_cb),
                         export_new (self, n), export_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ print */

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  TbWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_print_settings, gtk_print_operation_get_print_settings (op));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (op, &error);
      message = g_strdup_printf (_("Could not print: %s"), error ? error->message : "?");
      tb_window_add_toast (self, message);
    }
  g_object_unref (op);
  g_object_unref (self);
}

void
tb_window_print (TbWindow *self)
{
  TbPrintOperation *op;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->document == NULL)
    return;
  tb_window_validate_now (self);
  op = tb_print_operation_new (tb_window_get_report (self));
  if (last_print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (op), last_print_settings);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  /* "done" comes for every outcome once the operation started: it drops both refs. */
  g_signal_connect (op, "done", G_CALLBACK (on_print_done_cb), g_object_ref (self));
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      tb_window_add_toast (self, message);
    }
}

/* ------------------------------------------------------------------ tb-window-private.h */

void
tb_window_export_pdf_async (TbWindow            *self,
                            const char          *path,
                            guint                draft_issues,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PdfJob *job;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->document != NULL);

  job = g_new0 (PdfJob, 1);
  job->report = tb_draft_serialize (tb_window_get_report (self));
  job->path = g_strdup (path);
  job->options.draft_issues = draft_issues;
  task = tb_file_io_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_window_export_pdf_async);
  g_task_set_task_data (task, job, pdf_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tb_window_export_pdf_finish (TbWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
