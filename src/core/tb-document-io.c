/* tb-document-io.c: opening and saving a TbDocument, and its recovery copies
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save goes in three steps: prepare (this thread: stamp and serialize the report, note
 * the file's state), write (a worker, or this thread for tb_document_save(): take the
 * file's lock as tianbao-cli does, check that nobody else changed the file, write it
 * atomically, take its new state), complete (this
 * thread: the file is the document's now; the report is unmodified unless it changed
 * after it was serialized). A failed save leaves the file on disk and the report as they
 * were. The recovery copies are written and removed by workers one at a time, in the order
 * asked (tb_document_queue_recovery()).
 */
#define G_LOG_DOMAIN "tb-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-document-private.h"
#include "tb-draft.h"
#include "tb-file-io.h"
#include "tb-lock.h"

/* How long a save waits for a script or colleague that is writing the same report. Their
 * writes take milliseconds; one still holding the lock after this is stuck or editing. */
#define SAVE_LOCK_TIMEOUT_MS 3000

typedef struct
{
  TbReport     *report;         /* the report serialized */
  char         *path;           /* where it goes */
  GBytes       *bytes;
  gboolean      check;          /* refuse if someone else changed the file */
  TbFileState  *expected;       /* the file as it was opened or last saved, or NULL */
  char         *old_created;    /* the report's stamps before this save */
  char         *old_modified;
  TbFileState  *written;        /* out: the file as written */
} SaveJob;

typedef struct
{
  TbRecoveryOp  op;
  char         *id;
  GBytes       *bytes;
  char         *title;
  char         *file;
  GDateTime    *changed;
} RecoveryJob;

typedef struct
{
  TbReport     *report;
  TbFileState  *state;
} OpenResult;

/* ------------------------------------------------------------------ opening */

static void
open_result_free (gpointer data)
{
  OpenResult *result = data;

  g_clear_object (&result->report);
  g_clear_pointer (&result->state, tb_file_state_free);
  g_free (result);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  const char *path = data;
  OpenResult *result;
  GError *error = NULL;
  gboolean exists;
  TbReport *report;

  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  report = tb_draft_load (path, &error);
  if (report == NULL)
    {
      if (!exists)
        {
          GError *missing = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                 error->message);

          g_clear_error (&error);
          error = missing;
        }
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (OpenResult, 1);
  result->report = report;
  result->state = tb_file_state_new_for_path (path, NULL);
  g_task_return_pointer (task, result, open_result_free);
}

TbDocument *
tb_document_open (const char  *path,
                  GError     **error)
{
  g_autoptr(TbReport) report = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  report = tb_draft_load (path, error);
  if (report == NULL)
    return NULL;
  return tb_document_new_internal (report, path, NULL, tb_file_state_new_for_path (path, NULL));
}

void
tb_document_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = tb_file_io_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_document_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

TbDocument *
tb_document_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  OpenResult *opened;
  TbDocument *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tb_document_open_async,
                        NULL);

  opened = g_task_propagate_pointer (G_TASK (result), error);
  if (opened == NULL)
    return NULL;
  self = tb_document_new_internal (opened->report, g_task_get_task_data (G_TASK (result)),
                                   NULL, g_steal_pointer (&opened->state));
  open_result_free (opened);
  return self;
}

/* ------------------------------------------------------------------ saving */

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->report);
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->expected, tb_file_state_free);
  g_free (job->old_created);
  g_free (job->old_modified);
  g_clear_pointer (&job->written, tb_file_state_free);
  g_free (job);
}

static void
set_saving (TbDocument *self,
            gboolean    saving)
{
  self->saving = saving;
  tb_document_notify (self, TB_DOCUMENT_PROP_SAVING);
}

/* This thread: the report as it goes to disk. NULL with @error if it cannot be saved. */
static SaveJob *
save_prepare (TbDocument           *self,
              const char           *path,
              TbDocumentSaveFlags   flags,
              GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char *created;
  SaveJob *job;

  if (self->saving)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The report is being saved already."));
      return NULL;
    }
  if (path == NULL && self->path == NULL)
    {
      g_set_error_literal (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_NO_FILE,
                           _("This report has not been saved to a file yet."));
      return NULL;
    }

  job = g_new0 (SaveJob, 1);
  job->report = g_object_ref (self->report);
  job->path = g_strdup (path ? path : self->path);
  /* Save As writes where the clerk chose; Save only over the file as it was. */
  job->check = path == NULL && !(flags & TB_DOCUMENT_SAVE_OVERWRITE_CHANGED);
  job->expected = self->file_state ? tb_file_state_copy (self->file_state) : NULL;

  /* Stamped like tb_draft_save() does (silently: no step of the history). */
  job->old_created = g_strdup (tb_report_get_created (self->report));
  job->old_modified = g_strdup (tb_report_get_modified_time (self->report));
  created = tb_report_get_created (self->report);
  if (created == NULL || *created == '\0')
    tb_report_set_created (self->report, stamp);
  tb_report_set_modified_time (self->report, stamp);
  job->bytes = tb_draft_serialize (self->report);

  /* Typing on starts a new step: the one saved stays what it is. */
  tb_history_close_step (self->history);
  self->changed_while_saving = FALSE;
  set_saving (self, TRUE);
  return job;
}

/* A worker (or this thread): checks the file and writes it. */
static gboolean
save_write (SaveJob  *job,
            GError  **error)
{
  g_autoptr(TbLock) lock = NULL;
  g_autoptr(GError) busy = NULL;
  const char *data;
  gsize len;

  /* The same lock tianbao-cli takes from reading to writing: the check below and the write
   * see no other writer in between, and no script's change is lost. */
  lock = tb_lock_acquire (job->path, SAVE_LOCK_TIMEOUT_MS, &busy);
  if (lock == NULL)
    {
      g_set_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_LOCKED,
                   _("%s Nothing was saved; your changes are still here."), busy->message);
      return FALSE;
    }

  if (job->check)
    {
      TbFileStateCheck check;

      if (job->expected != NULL)
        check = tb_file_state_check (job->expected, job->path);
      else
        /* The file could not be read when it was opened (or it did not exist): whatever
         * is there now was put there by someone else. */
        check = g_file_test (job->path, G_FILE_TEST_EXISTS) ? TB_FILE_STATE_CHANGED
                                                             : TB_FILE_STATE_DELETED;
      if (check == TB_FILE_STATE_CHANGED)
        {
          g_autofree char *base = g_path_get_basename (job->path);
          g_autofree char *name = g_filename_display_name (base);

          g_set_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_CHANGED_ON_DISK,
                       _("“%s” was changed by another program after you opened it. Saving "
                         "would replace those changes."),
                       name);
          return FALSE;
        }
    }

  data = g_bytes_get_data (job->bytes, &len);
  if (!tb_file_write_atomic (job->path, data ? data : "", len, error))
    return FALSE;
  job->written = tb_file_state_new_for_data (job->path, data ? data : "", len);
  return TRUE;
}

/* The report is what is on disk now. */
static void
mark_saved (TbDocument *self)
{
  tb_history_mark_saved (self->history);
  tb_report_set_modified (self->report, FALSE);
  tb_document_cancel_autosave (self);
  if (self->recovery_written || self->recovery_running != TB_RECOVERY_NONE)
    tb_document_queue_recovery (self, TB_RECOVERY_DISCARD);
}

/* This thread again: what the save means for the document. */
static gboolean
save_complete (TbDocument    *self,
               SaveJob       *job,
               GError        *error,
               GError       **out_error)
{
  set_saving (self, FALSE);

  if (error != NULL)
    {
      /* The report is as it was, its stamps included. */
      tb_report_set_created (job->report, job->old_created);
      tb_report_set_modified_time (job->report, job->old_modified);
      g_propagate_error (out_error, error);
      return FALSE;
    }

  g_clear_pointer (&self->file_state, tb_file_state_free);
  self->file_state = g_steal_pointer (&job->written);
  if (g_strcmp0 (self->path, job->path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (job->path);
      tb_document_notify (self, TB_DOCUMENT_PROP_PATH);
      tb_document_notify (self, TB_DOCUMENT_PROP_DISPLAY_NAME);
      tb_document_notify (self, TB_DOCUMENT_PROP_TITLE);
    }

  /* Changed since it was serialized: what is on disk is an earlier state, the report is
   * still modified (and its recovery copy still of use) unless undone back to it. */
  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
  if (job->report != self->report)
    return TRUE;
  if (self->changed_while_saving)
    self->saved_bytes = g_bytes_ref (job->bytes);
  else
    mark_saved (self);
  return TRUE;
}

void
tb_document_check_saved_bytes (TbDocument *self)
{
  g_autoptr(GBytes) now = NULL;

  if (self->saved_bytes == NULL || !tb_report_get_modified (self->report))
    return;
  now = tb_draft_serialize (self->report);
  if (g_bytes_equal (now, self->saved_bytes))
    {
      g_clear_pointer (&self->saved_bytes, g_bytes_unref);
      mark_saved (self);
    }
}

static gboolean
save_now (TbDocument           *self,
          const char           *path,
          TbDocumentSaveFlags   flags,
          GError              **error)
{
  SaveJob *job;
  GError *local = NULL;
  gboolean ok;

  job = save_prepare (self, path, flags, error);
  if (job == NULL)
    return FALSE;
  save_write (job, &local);
  ok = save_complete (self, job, local, error);
  save_job_free (job);
  return ok;
}

gboolean
tb_document_save (TbDocument           *self,
                  TbDocumentSaveFlags   flags,
                  GError              **error)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return save_now (self, NULL, flags, error);
}

gboolean
tb_document_save_as (TbDocument  *self,
                     const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return save_now (self, path, TB_DOCUMENT_SAVE_NONE, error);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  /* Cancelled before anything was written: nothing changes. Once writing began, it ends. */
  if (!tb_file_io_worker_begin (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The save was cancelled."));
      return;
    }
  if (save_write (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  TbDocument *self = TB_DOCUMENT (source);
  g_autoptr(GTask) outer = data;
  GError *written = NULL;
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &written);
  if (save_complete (self, g_task_get_task_data (G_TASK (result)), written, &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

void
tb_document_save_async (TbDocument           *self,
                        const char           *path,
                        TbDocumentSaveFlags   flags,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  SaveJob *job;

  g_return_if_fail (TB_IS_DOCUMENT (self));

  outer = tb_file_io_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tb_document_save_async);
  /* The outcome is what happened to the file, cancelled or not. */
  g_task_set_check_cancellable (outer, FALSE);

  job = save_prepare (self, path, flags, &error);
  if (job == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  inner = g_task_new (self, cancellable, save_done_cb, g_steal_pointer (&outer));
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, job, save_job_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
tb_document_save_finish (TbDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tb_document_save_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ recovery copies */

static void
recovery_job_free (gpointer data)
{
  RecoveryJob *job = data;

  g_free (job->id);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->title);
  g_free (job->file);
  g_clear_pointer (&job->changed, g_date_time_unref);
  g_free (job);
}

static void
recovery_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  RecoveryJob *job = data;
  GError *error = NULL;
  gboolean ok;

  tb_file_io_worker_begin (NULL);
  if (job->op == TB_RECOVERY_WRITE)
    ok = tb_recovery_write_bytes (job->id, job->bytes, job->title, job->file, job->changed,
                                  &error);
  else
    ok = tb_recovery_discard (job->id, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_recovery (TbDocument   *self,
                            TbRecoveryOp  op);

static void
recovery_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  TbDocument *self = TB_DOCUMENT (source);
  g_autoptr(GError) error = NULL;
  TbRecoveryOp done = self->recovery_running;
  TbRecoveryOp next = self->recovery_queued;

  self->recovery_running = TB_RECOVERY_NONE;
  self->recovery_queued = TB_RECOVERY_NONE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    self->recovery_written = done == TB_RECOVERY_WRITE;
  else if (done == TB_RECOVERY_WRITE)
    {
      g_debug ("Autosave failed: %s", error->message);
      tb_document_emit_autosave_failed (self, error);
    }
  else
    g_message ("%s", error->message);

  if (next != TB_RECOVERY_NONE)
    start_recovery (self, next);
}

static void
start_recovery (TbDocument   *self,
                TbRecoveryOp  op)
{
  g_autoptr(GTask) task = NULL;
  RecoveryJob *job;

  /* Nothing unsaved any more (saved, or undone back to what is saved): no copy to write. */
  if (op == TB_RECOVERY_WRITE && (self->report == NULL || !tb_report_get_modified (self->report)))
    return;

  job = g_new0 (RecoveryJob, 1);
  job->op = op;
  job->id = g_strdup (self->recovery_id);
  if (op == TB_RECOVERY_WRITE)
    {
      job->bytes = tb_draft_serialize (self->report);
      job->title = tb_report_dup_title (self->report);
      job->file = g_strdup (self->path);
      job->changed = self->last_change ? g_date_time_ref (self->last_change) : NULL;
    }
  self->recovery_running = op;
  task = tb_file_io_task_new (self, NULL, recovery_done_cb, NULL);
  g_task_set_source_tag (task, start_recovery);
  g_task_set_task_data (task, job, recovery_job_free);
  g_task_run_in_thread (task, recovery_thread);
}

void
tb_document_queue_recovery (TbDocument   *self,
                            TbRecoveryOp  op)
{
  g_return_if_fail (TB_IS_DOCUMENT (self));

  if (self->recovery_running != TB_RECOVERY_NONE)
    /* The latest wish wins: written then discarded is discarded, and the other way. */
    self->recovery_queued = op;
  else
    start_recovery (self, op);
}

gboolean
tb_document_autosave_now (TbDocument  *self,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);

  tb_document_cancel_autosave (self);
  if (!tb_report_get_modified (self->report))
    return TRUE;

  if (!tb_recovery_write (self->recovery_id, self->report, self->path, self->last_change,
                          &local))
    {
      g_debug ("Autosave failed: %s", local->message);
      tb_document_emit_autosave_failed (self, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  self->recovery_written = TRUE;
  /* A worker writing or removing an older copy must not have the last word. */
  if (self->recovery_running != TB_RECOVERY_NONE)
    self->recovery_queued = TB_RECOVERY_WRITE;
  return TRUE;
}
