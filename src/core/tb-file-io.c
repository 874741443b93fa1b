/* tb-file-io.c: file work off the GUI thread
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-file-io"

#include "config.h"

#include "tb-ascii.h"
#include "tb-draft.h"
#include "tb-file-io-private.h"
#include "tb-report.h"

/* The test delay is waited out in steps of this many milliseconds, so that a cancelled
 * task ends soon. */
#define DELAY_STEP 20

typedef struct
{
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  GApplication        *application;   /* held while the task runs */
} Pending;

typedef struct
{
  GStrv    paths;
  guint    failed;
} LoadJob;

typedef struct
{
  char    *path;
  GBytes  *bytes;
} WriteJob;

static int n_pending;
static int delay_ms = -1;   /* -1: not read from the environment yet */

/* ------------------------------------------------------------------ pending tasks */

static void
pending_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Pending *pending = data;

  if (pending->callback != NULL)
    pending->callback (source, result, pending->user_data);
  g_atomic_int_dec_and_test (&n_pending);
  if (pending->application != NULL)
    {
      g_application_release (pending->application);
      g_object_unref (pending->application);
    }
  g_free (pending);
}

GTask *
tb_file_io_task_new (gpointer             source_object,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Pending *pending = g_new0 (Pending, 1);
  GApplication *application = g_application_get_default ();

  pending->callback = callback;
  pending->user_data = user_data;
  if (application != NULL)
    {
      pending->application = g_object_ref (application);
      g_application_hold (application);
    }
  g_atomic_int_inc (&n_pending);
  return g_task_new (source_object, cancellable, pending_done_cb, pending);
}

guint
tb_file_io_get_n_pending (void)
{
  return (guint) g_atomic_int_get (&n_pending);
}

/* ------------------------------------------------------------------ the test delay */

void
tb_file_io_set_delay (guint msec)
{
  g_atomic_int_set (&delay_ms, (int) MIN (msec, (guint) G_MAXINT));
}

guint
tb_file_io_get_delay (void)
{
  int value = g_atomic_int_get (&delay_ms);

  if (value < 0)
    {
      const char *env = g_getenv ("TIANBAO_IO_DELAY_MS");
      guint64 parsed = 0;

      if (env == NULL || !tb_ascii_to_unsigned (env, 0, 600000, &parsed))
        parsed = 0;
      /* Only the first reader sets it: a test's own value wins over the environment. */
      g_atomic_int_compare_and_exchange (&delay_ms, -1, (int) parsed);
      value = g_atomic_int_get (&delay_ms);
    }
  return (guint) value;
}

gboolean
tb_file_io_worker_begin (GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) tb_file_io_get_delay () * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (DELAY_STEP * 1000, end - g_get_monotonic_time ()));
    }
  return !g_cancellable_is_cancelled (cancellable);
}

/* ------------------------------------------------------------------ loading reports */

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_strfreev (job->paths);
  g_free (job);
}

static void
load_reports_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  LoadJob *job = data;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      gboolean exists = g_file_test (job->paths[i], G_FILE_TEST_EXISTS);
      TbReport *report = tb_draft_load (job->paths[i], &error);

      if (report == NULL)
        {
          job->failed = i;
          if (!exists)
            {
              /* The loader's words, with a code that says what happened. */
              GError *missing = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     error->message);

              g_clear_error (&error);
              error = missing;
            }
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (reports, report);
      if (g_task_return_error_if_cancelled (task))
        return;
    }
  g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify) g_ptr_array_unref);
}

void
tb_file_io_load_reports_async (const char *const   *paths,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (paths != NULL);

  task = tb_file_io_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_file_io_load_reports_async);
  job = g_new0 (LoadJob, 1);
  job->paths = g_strdupv ((char **) paths);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_reports_thread);
}

GPtrArray *
tb_file_io_load_reports_finish (GAsyncResult  *result,
                                guint         *failed,
                                GError       **error)
{
  GPtrArray *reports;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tb_file_io_load_reports_async, NULL);

  reports = g_task_propagate_pointer (G_TASK (result), error);
  if (reports == NULL && failed != NULL)
    *failed = ((LoadJob *) g_task_get_task_data (G_TASK (result)))->failed;
  return reports;
}

/* ------------------------------------------------------------------ writing */

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->path);
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  WriteJob *job = data;
  GError *error = NULL;
  gsize len;
  const char *bytes;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  bytes = g_bytes_get_data (job->bytes, &len);
  if (tb_file_write_atomic (job->path, bytes ? bytes : "", len, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tb_file_io_write_async (const char          *path,
                        GBytes              *bytes,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (bytes != NULL);

  task = tb_file_io_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_file_io_write_async);
  job = g_new0 (WriteJob, 1);
  job->path = g_strdup (path);
  job->bytes = g_bytes_ref (bytes);
  g_task_set_task_data (task, job, write_job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
tb_file_io_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tb_file_io_write_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
