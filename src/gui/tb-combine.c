/* tb-combine.c: Combine Reports, from choosing the inputs to the summary
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GTask carries the whole conversation: its data (Combine) holds the paths, the merge
 * once the worker made it, and the question's dialog. The worker gets the paths and hands
 * back a new TbMerge; nothing else crosses threads.
 */
#define G_LOG_DOMAIN "tb-combine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine.h"
#include "tb-draft.h"
#include "tb-field-limit.h"
#include "tb-file-io.h"
#include "tb-report-chooser.h"

typedef struct
{
  GtkWindow        *parent;   /* weak */
  GStrv             paths;
  TbMerge          *merge;
  AdwMessageDialog *dialog;   /* the question, while it is shown */
  GtkEditable      *agency;
  gboolean          answered;
} Combine;

/* ------------------------------------------------------------------ helpers */

static void
combine_free (gpointer data)
{
  Combine *combine = data;

  g_clear_weak_pointer (&combine->parent);
  g_strfreev (combine->paths);
  g_clear_pointer (&combine->merge, tb_merge_free);
  g_free (combine);
}

static GTask *
combine_task_new (GtkWindow           *parent,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Combine *combine = g_new0 (Combine, 1);

  g_task_set_source_tag (task, tb_combine_reports_async);
  g_set_weak_pointer (&combine->parent, parent);
  g_task_set_task_data (task, combine, combine_free);
  return task;
}

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("Nothing was combined."));
}

void
tb_combination_free (TbCombination *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->summary);
  g_clear_pointer (&self->merge, tb_merge_free);
  g_strfreev (self->paths);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self);
}

/* ------------------------------------------------------------------ the worker */

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GStrv paths = data;
  g_autoptr(TbMerge) merge = tb_merge_new ();
  GError *error = NULL;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  /* Every report, or nothing: a county's total without one agency would be wrong. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(TbReport) report = tb_draft_load (paths[i], &error);
      g_autofree char *name = g_filename_display_basename (paths[i]);

      if (report == NULL || !tb_merge_add (merge, report, name, &error))
        {
          g_task_return_new_error (task, error->domain, error->code,
                                   _("%s\n\nNothing was combined."), error->message);
          g_clear_error (&error);
          return;
        }
      if (g_task_return_error_if_cancelled (task))
        return;
    }
  g_task_return_pointer (task, g_steal_pointer (&merge), (GDestroyNotify) tb_merge_free);
}

/* ------------------------------------------------------------------ the question */

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GTask            *task)
{
  Combine *combine = g_task_get_task_data (task);
  g_autofree char *agency = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  GError *error = NULL;
  TbCombination *result;

  /* The dialog closes by itself. */
  combine->dialog = NULL;
  combine->answered = TRUE;
  if (!g_str_equal (response, "combine"))
    {
      return_cancelled (task);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  agency = g_strstrip (g_strdup (gtk_editable_get_text (combine->agency)));
  summary = tb_merge_build (combine->merge, *agency ? agency : NULL, &notes, &error);
  if (summary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (TbCombination, 1);
  /* A new report, not saved yet: closing its window asks. */
  result->summary = tb_document_new_for_report (summary, NULL);
  result->merge = g_steal_pointer (&combine->merge);
  result->paths = g_strdupv (combine->paths);
  result->notes = notes ? g_steal_pointer (&notes) : g_ptr_array_new ();
  g_task_return_pointer (task, result, (GDestroyNotify) tb_combination_free);
}

/* The question went (answered, or destroyed with its window). */
static void
on_dialog_gone_cb (gpointer  data,
                   GClosure *closure)
{
  GTask *task = data;
  Combine *combine = g_task_get_task_data (task);

  combine->dialog = NULL;
  if (!combine->answered)
    return_cancelled (task);
  g_object_unref (task);
}

static void
ask_agency (GTask *task)
{
  Combine *combine = g_task_get_task_data (task);
  TbMerge *merge = combine->merge;
  guint n = tb_merge_get_n_inputs (merge);
  guint n_ready = 0;
  g_autofree char *reports = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  for (guint i = 0; i < n; i++)
    n_ready += tb_merge_get_input (merge, i)->ready;

  /* TRANSLATORS: "3 reports on 2024 (国办公开办函〔2021〕30号)" */
  reports = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report on %d (%s)",
                                          "%u reports on %d (%s)", n),
                             n, tb_merge_get_year (merge),
                             tb_format_get_document (tb_merge_get_format (merge)));
  if (n_ready == n)
    body = g_strdup_printf (_("%s will be added up into a new summary report. Whose summary "
                              "is it? The name can be changed later on the report's details "
                              "page."),
                            reports);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s will be added up into a new summary report; %u of "
                                         "them is not ready, and where its cells are not "
                                         "filled the sums are left empty. Whose summary is it?",
                                         "%s will be added up into a new summary report; %u of "
                                         "them are not ready, and where their cells are not "
                                         "filled the sums are left empty. Whose summary is it?",
                                         n - n_ready),
                            reports, n - n_ready);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (combine->parent, _("Combine Reports"),
                                                       body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  entry = gtk_entry_new ();
  tb_field_limit_editable (GTK_EDITABLE (entry), TB_FIELD_AGENCY);
  /* TRANSLATORS: the summary's agency until the clerk names it (it is printed on the
   * report); in Chinese 汇总 */
  gtk_editable_set_text (GTK_EDITABLE (entry), C_("agency of a summary report", "Summary"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agency of the summary"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "combine", _("C_ombine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "combine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "combine");
  adw_message_dialog_set_close_response (dialog, "cancel");
  combine->dialog = dialog;
  combine->agency = GTK_EDITABLE (entry);
  /* The dialog holds the task until it goes. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), g_object_ref (task),
                         on_dialog_gone_cb, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  Combine *combine = g_task_get_task_data (task);
  GError *error = NULL;

  combine->merge = g_task_propagate_pointer (G_TASK (result), &error);
  if (combine->merge == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    ;
  else if (combine->parent == NULL)
    return_cancelled (task);
  else
    ask_agency (task);
}

static void
load (GTask *task)
{
  Combine *combine = g_task_get_task_data (task);
  g_autoptr(GTask) worker = NULL;

  if (combine->paths == NULL || combine->paths[0] == NULL)
    {
      return_cancelled (task);
      return;
    }
  worker = tb_file_io_task_new (NULL, g_task_get_cancellable (task), on_loaded_cb,
                                g_object_ref (task));
  g_task_set_task_data (worker, g_strdupv (combine->paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (worker, load_thread);
}

/* ------------------------------------------------------------------ the chooser */

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         data)
{
  g_autoptr(GTask) task = data;
  Combine *combine = g_task_get_task_data (task);

  combine->paths = tb_report_chooser_dup_paths (chooser, response);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  load (task);
}

/* ------------------------------------------------------------------ public */

void
tb_combine_choose_async (GtkWindow           *parent,
                         const char          *near,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  task = combine_task_new (parent, cancellable, callback, user_data);
  chooser = tb_report_chooser_new (parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("Combine Reports"),
                                   _("C_ombine"), near);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tb_combine_reports_async (GtkWindow           *parent,
                          const char *const   *paths,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (paths != NULL);

  task = combine_task_new (parent, cancellable, callback, user_data);
  ((Combine *) g_task_get_task_data (task))->paths = g_strdupv ((char **) paths);
  load (task);
}

TbCombination *
tb_combine_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tb_combine_reports_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
