/* tb-combine.c: Combine Reports, from choosing the inputs to the summary
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GTask carries the whole conversation: its data (Combine) holds the paths, what the
 * worker made, and the question's dialog. The worker runs the streaming merge over the paths
 * (tb-merge-stream.h: nothing of a report is kept but its sums and its line in the list, so
 * 100,000 reports fit) and hands back the stream, ready to build the summary, with one
 * TbCombineInput per input; for a few inputs (TB_COMBINE_MAX_INPUT_COLUMNS) it also loads
 * them into a TbMerge, for the breakdown window's column per agency. Nothing else crosses
 * threads.
 */
#define G_LOG_DOMAIN "tb-combine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine.h"
#include "tb-combine-input.h"
#include "tb-draft.h"
#include "tb-field-limit.h"
#include "tb-file-io.h"
#include "tb-merge-stream.h"
#include "tb-report-chooser.h"

typedef struct
{
  GtkWindow        *parent;   /* weak */
  GStrv             paths;
  TbMergeStream    *stream;   /* run, once the worker is done */
  GListStore       *inputs;   /* TbCombineInput */
  TbMerge          *merge;    /* the inputs themselves, or NULL when there are many */
  GCancellable     *caller;   /* the caller's cancellable, or NULL */
  GCancellable     *stop;     /* the loading; cancelled with the caller's too */
  gulong            stop_id;
  AdwMessageDialog *progress; /* while loading */
  GtkProgressBar   *bar;
  guint             progress_id;
  gint              done;     /* atomic: steps done of n_steps */
  guint             n_steps;  /* the number of inputs, twice if they are loaded too */
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
  g_clear_pointer (&combine->stream, tb_merge_stream_free);
  g_clear_object (&combine->inputs);
  g_clear_handle_id (&combine->progress_id, g_source_remove);
  if (combine->progress != NULL)
    gtk_window_destroy (GTK_WINDOW (combine->progress));
  g_clear_object (&combine->bar);
  g_clear_object (&combine->progress);
  if (combine->stop_id != 0)
    g_cancellable_disconnect (combine->caller, combine->stop_id);
  g_clear_object (&combine->caller);
  g_clear_object (&combine->stop);
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
  g_clear_object (&self->inputs);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self);
}

/* ------------------------------------------------------------------ the worker */

typedef struct
{
  TbMergeStream *stream;
  GPtrArray     *inputs;   /* TbCombineInput */
  TbMerge       *merge;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->stream, tb_merge_stream_free);
  g_clear_pointer (&loaded->inputs, g_ptr_array_unref);
  g_clear_pointer (&loaded->merge, tb_merge_free);
  g_free (loaded);
}

typedef struct
{
  GStrv      paths;
  gint      *done;     /* the Combine's counter: the task data keeps it alive */
  GPtrArray *inputs;   /* TbCombineInput, filled by the stream's item function */
} Work;

static void
work_free (Work *work)
{
  g_strfreev (work->paths);
  g_clear_pointer (&work->inputs, g_ptr_array_unref);
  g_free (work);
}

static void
on_checked_cb (guint    done,
               guint    total,
               gpointer data)
{
  g_atomic_int_inc (((Work *) data)->done);
}

/* In input order, on the worker: the input's line in the list. */
static void
on_item_cb (const TbMergeItem *item,
            gpointer           data)
{
  Work *work = data;

  g_ptr_array_add (work->inputs, tb_combine_input_new (item, work->paths[item->index]));
}

TbMergeStream *
tb_combine_stream_new (const char *const *paths)
{
  TbMergeStream *stream = tb_merge_stream_new ();

  g_return_val_if_fail (paths != NULL, stream);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      /* Files by name, not by their whole path. */
      g_autofree char *name = g_filename_display_basename (paths[i]);

      tb_merge_stream_add_file_as (stream, paths[i], name);
    }
  return stream;
}

/* The checks of a roll-up (tb-merge-stream.h), on every processor, with the sums: a report
 * that cannot be read, is on another year or in another format, is given twice (also
 * through a link, or as a copy) or is counted already in a summary given too stops it.
 * Returns the stream, ready to build the summary. */
static TbMergeStream *
stream_inputs (Work          *work,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(TbMergeStream) stream = tb_combine_stream_new ((const char *const *) work->paths);

  tb_merge_stream_set_progress_func (stream, on_checked_cb, work);
  tb_merge_stream_set_item_func (stream, on_item_cb, work);
  if (!tb_merge_stream_run (stream, cancellable, error))
    return NULL;
  for (guint i = 0; i < tb_merge_stream_get_n_problems (stream); i++)
    {
      const TbMergeItem *item = tb_merge_stream_get_problem (stream, i);

      if (item->error != NULL)
        {
          g_set_error_literal (error, item->error->domain, item->error->code,
                               item->error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&stream);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Work *work = data;
  GStrv paths = work->paths;
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbMergeStream) stream = NULL;
  guint n = g_strv_length (paths);
  Loaded *loaded;
  GError *error = NULL;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  /* Every report, or nothing: a county's total without one agency, or with one twice,
   * would be wrong. */
  stream = stream_inputs (work, cancellable, &error);
  if (stream == NULL)
    {
      if (g_task_return_error_if_cancelled (task))
        g_clear_error (&error);
      else
        {
          g_task_return_new_error (task, error->domain, error->code,
                                   _("%s\n\nNothing was combined."), error->message);
          g_clear_error (&error);
        }
      return;
    }
  /* A few: the reports themselves too, for a column per agency. */
  if (n <= TB_COMBINE_MAX_INPUT_COLUMNS)
    {
      merge = tb_merge_new ();
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
          g_atomic_int_inc (work->done);
        }
    }
  loaded = g_new0 (Loaded, 1);
  loaded->stream = g_steal_pointer (&stream);
  loaded->merge = g_steal_pointer (&merge);
  loaded->inputs = g_steal_pointer (&work->inputs);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
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
  /* The stream's summary records what it covers: the agencies, the files. */
  summary = tb_merge_stream_build (combine->stream, *agency ? agency : NULL, &notes, &error);
  if (summary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (TbCombination, 1);
  /* A new report, not saved yet: closing its window asks. */
  result->summary = tb_document_new_for_report (summary, NULL);
  result->merge = g_steal_pointer (&combine->merge);
  result->inputs = G_LIST_MODEL (g_steal_pointer (&combine->inputs));
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
  TbMergeStream *stream = combine->stream;
  guint n = tb_merge_stream_get_n_inputs (stream);
  guint n_ready = tb_merge_stream_get_n_ready (stream);
  g_autofree char *reports = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* TRANSLATORS: "3 reports on 2024 (国办公开办函〔2021〕30号)" */
  reports = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report on %d (%s)",
                                          "%u reports on %d (%s)", n),
                             n, tb_merge_stream_get_year (stream),
                             tb_format_get_document (tb_merge_stream_get_format (stream)));
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
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&combine->progress_id, g_source_remove);
  if (combine->progress != NULL)
    gtk_window_destroy (GTK_WINDOW (combine->progress));
  g_clear_object (&combine->bar);
  g_clear_object (&combine->progress);
  if (loaded != NULL)
    {
      combine->stream = g_steal_pointer (&loaded->stream);
      combine->merge = g_steal_pointer (&loaded->merge);
      combine->inputs = g_list_store_new (TB_TYPE_COMBINE_INPUT);
      /* All at once: one ::items-changed for the whole list. */
      g_list_store_splice (combine->inputs, 0, 0, loaded->inputs->pdata, loaded->inputs->len);
      loaded_free (loaded);
    }
  if (combine->stream == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    ;
  else if (combine->parent == NULL)
    return_cancelled (task);
  else
    ask_agency (task);
}

static gboolean
progress_cb (gpointer data)
{
  Combine *combine = data;

  gtk_progress_bar_set_fraction (combine->bar,
                                 MIN (1.0, g_atomic_int_get (&combine->done) /
                                           (double) combine->n_steps));
  return G_SOURCE_CONTINUE;
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Combine          *combine)
{
  /* The worker stops within a report per thread; nothing was written. */
  g_cancellable_cancel (combine->stop);
  g_clear_handle_id (&combine->progress_id, g_source_remove);
  g_clear_object (&combine->bar);
  if (combine->progress != NULL)
    gtk_window_destroy (GTK_WINDOW (combine->progress));
  g_clear_object (&combine->progress);
}

/* How far reading and checking has come, with a button to stop. */
static void
show_progress (Combine *combine)
{
  guint n = g_strv_length (combine->paths);
  g_autofree char *body = NULL;
  GtkWidget *bar = gtk_progress_bar_new ();

  if (combine->parent == NULL)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading and checking %u report…",
                                       "Reading and checking %u reports…", n),
                          n);
  combine->progress = g_object_ref_sink (ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (combine->parent, _("Combining Reports"), body)));
  gtk_window_set_modal (GTK_WINDOW (combine->progress), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (combine->progress), TRUE);
  combine->bar = g_object_ref (GTK_PROGRESS_BAR (bar));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reports read and checked"), -1);
  adw_message_dialog_set_extra_child (combine->progress, bar);
  adw_message_dialog_add_response (combine->progress, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (combine->progress, "cancel");
  g_signal_connect (combine->progress, "response", G_CALLBACK (on_progress_response_cb),
                    combine);
  combine->progress_id = g_timeout_add (100, progress_cb, combine);
  gtk_window_present (GTK_WINDOW (combine->progress));
}

static void
on_caller_cancelled_cb (GCancellable *cancellable,
                        GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

static void
load (GTask *task)
{
  Combine *combine = g_task_get_task_data (task);
  g_autoptr(GTask) worker = NULL;
  GCancellable *caller = g_task_get_cancellable (task);
  Work *work;

  if (combine->paths == NULL || combine->paths[0] == NULL)
    {
      return_cancelled (task);
      return;
    }
  combine->stop = g_cancellable_new ();
  g_set_object (&combine->caller, caller);
  if (caller != NULL)
    combine->stop_id = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled_cb),
                                              g_object_ref (combine->stop), g_object_unref);
  worker = tb_file_io_task_new (NULL, combine->stop, on_loaded_cb, g_object_ref (task));
  work = g_new0 (Work, 1);
  work->paths = g_strdupv (combine->paths);
  work->done = &combine->done;
  work->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  combine->n_steps = g_strv_length (combine->paths);
  if (combine->n_steps <= TB_COMBINE_MAX_INPUT_COLUMNS)
    combine->n_steps *= 2;
  g_task_set_task_data (worker, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (worker, load_thread);
  show_progress (combine);
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
