/* tb-combine-export.c: the breakdown of combined reports as a CSV file
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-combine-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine.h"
#include "tb-combine-export.h"
#include "tb-combine-input.h"
#include "tb-file-guard.h"
#include "tb-file-io.h"

typedef struct
{
  GStrv  inputs;
  char  *csv_path;
} Export;

static void
export_free (Export *export)
{
  g_strfreev (export->inputs);
  g_free (export->csv_path);
  g_free (export);
}

/* The files of @inputs (TbCombineInput), in order; NULL if there are none or one is not a
 * file. */
static GStrv
dup_paths (GListModel *inputs)
{
  guint n = g_list_model_get_n_items (inputs);
  g_auto(GStrv) paths = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TbCombineInput) input = g_list_model_get_item (inputs, i);
      const char *path = tb_combine_input_get_path (input);

      if (path == NULL)
        return NULL;
      paths[i] = g_strdup (path);
    }
  return n > 0 ? g_steal_pointer (&paths) : NULL;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Export *export = data;
  g_autoptr(TbMergeStream) stream = NULL;
  GError *error = NULL;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  /* Files by name, as when they were combined. */
  stream = tb_combine_stream_new ((const char *const *) export->inputs);
  tb_merge_stream_set_breakdown_file (stream, TB_BREAKDOWN_BY_REPORT, export->csv_path);
  if (tb_merge_stream_run (stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (tb_file_io_write_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tb_combine_export_async (TbMerge             *merge,
                         TbReport            *summary,
                         GListModel          *inputs,
                         const char          *csv_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (csv_path != NULL);
  g_return_if_fail (merge == NULL || summary != NULL);
  g_return_if_fail (merge != NULL || G_IS_LIST_MODEL (inputs));

  task = tb_file_io_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_combine_export_async);
  /* Never over a report (an input, the summary, any draft), by name or through a link. */
  if (tb_file_is_draft (csv_path))
    {
      g_autofree char *name = g_filename_display_basename (csv_path);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("“%s” is a Tianbao report: the breakdown is never saved over "
                                 "a report. Choose another name."),
                               name);
      return;
    }
  if (merge != NULL)
    {
      /* Made here, from the summary as it is now; written in a worker. */
      csv = tb_merge_breakdown_csv (merge, summary);
      tb_file_io_write_async (csv_path, csv, cancellable, on_written_cb,
                              g_steal_pointer (&task));
      return;
    }
  export = g_new0 (Export, 1);
  export->inputs = dup_paths (inputs);
  export->csv_path = g_strdup (csv_path);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  if (export->inputs == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("The combined reports are not files: their breakdown "
                                 "cannot be read again."));
      return;
    }
  /* Many inputs, not kept: read again from their files. */
  g_task_run_in_thread (task, export_thread);
}

gboolean
tb_combine_export_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
