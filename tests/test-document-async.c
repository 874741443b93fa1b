/* test-document-async.c: an open report read and written in a worker
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening and saving in a worker (tb_document_open_async(), tb_document_save_async()), what
 * is typed meanwhile, cancelling, and the recovery copy written and removed in order.
 */

#define G_LOG_DOMAIN "test-document-async"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tb-document.h"
#include "tb-draft.h"
#include "tb-file-io-private.h"

#include "tb-test-document.h"
#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* ---- Tests --------------------------------------------------------------------------- */

/* Opening in a worker: the document, a file not there yet, a file that cannot be read. */
static void
test_open_async (void)
{
  g_autoptr(TbDocument) saved = tb_test_saved_document ("async-open.tianbao");
  g_autofree char *broken = tb_test_doc_path ("async-broken.tianbao");
  g_autofree char *missing = tb_test_doc_path ("async-missing.tianbao");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TbDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  tb_document_open_async (tb_document_get_path (saved), NULL, store_result_cb, &result);
  g_assert_cmpuint (tb_file_io_get_n_pending (), ==, 1);
  doc = tb_document_open_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_document_get_path (doc), ==, tb_document_get_path (saved));
  g_assert_false (tb_document_get_modified (doc));
  g_assert_cmpint (tb_document_check_file (doc), ==, TB_FILE_STATE_UNCHANGED);
  value = tb_test_dup_text (tb_document_get_report (doc), "t2.reg.made");
  g_assert_cmpstr (value, ==, "1");
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
  g_assert_cmpuint (tb_file_io_get_n_pending (), ==, 0);

  g_clear_object (&result);
  g_clear_object (&doc);
  tb_document_open_async (missing, NULL, store_result_cb, &result);
  doc = tb_document_open_finish (wait_for_result (&result), &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (strstr (error->message, "async-missing.tianbao") != NULL);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (broken, "<tianbao version=\"1\"><meta>", -1, NULL));
  g_clear_object (&result);
  tb_document_open_async (broken, NULL, store_result_cb, &result);
  doc = tb_document_open_finish (wait_for_result (&result), &error);
  g_assert_null (doc);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED);
}

/* Saving in a worker: what is typed meanwhile stays unsaved; one save at a time; a save
 * cancelled before it wrote leaves everything as it was. */
static void
test_save_async (void)
{
  g_autoptr(TbDocument) doc = tb_test_saved_document ("async-save.tianbao");
  const char *path = tb_document_get_path (doc);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  guint n_saving = 0;

  g_signal_connect (doc, "notify::saving", G_CALLBACK (tb_test_count_notify), &n_saving);
  tb_file_io_set_delay (300);
  tb_test_doc_type (doc, "t2.reg.made", "2");
  tb_document_save_async (doc, NULL, TB_DOCUMENT_SAVE_NONE, NULL, store_result_cb, &result);
  g_assert_true (tb_document_get_saving (doc));
  g_assert_cmpuint (n_saving, ==, 1);

  /* A second save waits for none: it is refused. */
  tb_document_save_async (doc, NULL, TB_DOCUMENT_SAVE_NONE, NULL, store_result_cb, &second);
  g_assert_false (tb_document_save_finish (doc, wait_for_result (&second), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);

  /* Typed while the file is written. */
  tb_test_doc_type (doc, "t2.reg.made", "3");
  g_assert_true (tb_document_save_finish (doc, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (tb_document_get_saving (doc));
  g_assert_cmpuint (n_saving, ==, 2);
  value = tb_test_file_cell (path, "t2.reg.made");
  g_assert_cmpstr (value, ==, "2");
  g_assert_true (tb_document_get_modified (doc));
  g_assert_cmpint (tb_document_check_file (doc), ==, TB_FILE_STATE_UNCHANGED);

  /* What was typed meanwhile is a step of its own: undone, the report is what was saved,
   * not modified; redone, modified again. */
  tb_history_undo (tb_document_get_history (doc));
  g_clear_pointer (&value, g_free);
  value = tb_test_dup_text (tb_document_get_report (doc), "t2.reg.made");
  g_assert_cmpstr (value, ==, "2");
  g_assert_false (tb_document_get_modified (doc));
  tb_history_redo (tb_document_get_history (doc));
  g_assert_true (tb_document_get_modified (doc));
  g_clear_object (&result);
  tb_document_save_async (doc, NULL, TB_DOCUMENT_SAVE_NONE, NULL, store_result_cb, &result);
  g_assert_true (tb_document_save_finish (doc, wait_for_result (&result), &error));
  g_assert_false (tb_document_get_modified (doc));
  g_clear_pointer (&value, g_free);
  value = tb_test_file_cell (path, "t2.reg.made");
  g_assert_cmpstr (value, ==, "3");

  /* Cancelled while it waits for the disk: nothing written, still modified. */
  tb_test_doc_type (doc, "t2.reg.made", "4");
  before = tb_test_read_bytes (path);
  g_clear_object (&result);
  tb_document_save_async (doc, NULL, TB_DOCUMENT_SAVE_NONE, cancellable, store_result_cb,
                          &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (tb_document_save_finish (doc, wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (tb_document_get_modified (doc));
  g_assert_false (tb_document_get_saving (doc));

  /* Changed by someone else meanwhile: refused in the worker too, the file kept. */
  g_assert_true (g_file_set_contents (path, "something else", -1, NULL));
  g_clear_object (&result);
  tb_document_save_async (doc, NULL, TB_DOCUMENT_SAVE_NONE, NULL, store_result_cb, &result);
  g_assert_false (tb_document_save_finish (doc, wait_for_result (&result), &error));
  g_assert_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);
  g_clear_pointer (&after, g_bytes_unref);
  after = tb_test_read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   "something else", strlen ("something else"));

  /* Save As in a worker: the new file is the document's. */
  {
    g_autofree char *elsewhere = tb_test_doc_path ("async-elsewhere.tianbao");

    g_clear_object (&result);
    tb_document_save_async (doc, elsewhere, TB_DOCUMENT_SAVE_NONE, NULL, store_result_cb,
                            &result);
    g_assert_true (tb_document_save_finish (doc, wait_for_result (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpstr (tb_document_get_path (doc), ==, elsewhere);
    g_assert_false (tb_document_get_modified (doc));
    g_clear_pointer (&value, g_free);
    value = tb_test_file_cell (elsewhere, "t2.reg.made");
    g_assert_cmpstr (value, ==, "4");
  }
  tb_file_io_set_delay (0);
  tb_test_spin ();
}

/* The recovery copy is written and removed one step after the other, the latest wish last:
 * a change written slowly, then undone, leaves no copy behind. */
static void
test_recovery_in_order (void)
{
  g_autoptr(TbDocument) doc = tb_test_saved_document ("async-recovery.tianbao");
  TbHistory *history = tb_document_get_history (doc);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  tb_file_io_set_delay (400);
  tb_document_set_autosave_interval (doc, 1);
  tb_test_doc_type (doc, "t3.r1_new.np", "8");
  /* The timer starts the write. */
  while (tb_file_io_get_n_pending () == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  /* Undone while it is written: the copy goes once it is there. */
  tb_history_close_step (history);
  while (tb_history_undo (history))
    ;
  g_assert_false (tb_document_get_modified (doc));
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);

  /* Changed, written; changed again while a removal is queued: the copy stays. */
  tb_test_doc_type (doc, "t3.r1_new.np", "9");
  g_assert_true (tb_document_autosave_now (doc, NULL));
  tb_document_discard_recovery (doc);
  tb_test_doc_type (doc, "t3.r1_new.np", "10");
  g_assert_true (tb_document_autosave_now (doc, NULL));
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);
  tb_document_discard_recovery (doc);
  tb_file_io_set_delay (0);
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/open-async", test_open_async);
  g_test_add_func ("/document/save-async", test_save_async);
  g_test_add_func ("/document/recovery-in-order", test_recovery_in_order);

  return g_test_run ();
}
