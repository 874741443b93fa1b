/* test-document.c: tests for an open report's saving, conflict check and autosave
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening and saving in a worker is test-document-async.c.
 */

#define G_LOG_DOMAIN "test-document"

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>

#include "tb-document.h"
#include "tb-draft.h"
#include "tb-lock.h"
#include "tb-recovery.h"

#include "tb-test-document.h"
#include "tb-test-util.h"

/* ---- Tests --------------------------------------------------------------------------- */

static void
test_new (void)
{
  g_autoptr(TbDocument) doc = tb_document_new (2025, "某市某局");
  g_autoptr(TbDocument) old = tb_document_new (2020, NULL);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_assert_nonnull (doc);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (tb_document_get_report (doc))), ==,
                   "2021");
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (tb_document_get_report (old))), ==,
                   "2019");
  g_assert_false (tb_document_get_modified (doc));
  g_assert_null (tb_document_get_path (doc));
  g_assert_true (g_uuid_string_is_valid (tb_document_get_recovery_id (doc)));
  g_assert_cmpstr (tb_document_get_recovery_id (doc), !=, tb_document_get_recovery_id (old));
  g_assert_false (tb_history_get_can_undo (tb_document_get_history (doc)));

  title = tb_document_dup_title (doc);
  name = tb_document_dup_display_name (doc);
  g_assert_cmpstr (name, ==, "Unsaved report");
  g_assert_cmpstr (title, ==, "某市某局2025年政府信息公开工作年度报告 — Unsaved report");

  tb_test_doc_type (doc, "t2.reg.made", "3");
  g_assert_true (tb_document_get_modified (doc));
  g_clear_pointer (&title, g_free);
  title = tb_document_dup_title (doc);
  g_assert_true (g_str_has_prefix (title, "• "));
}

static void
test_save_as_and_title (void)
{
  g_autoptr(TbDocument) doc = tb_document_new (2025, "某县人民政府");
  g_autoptr(TbDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tb_test_doc_path ("某县 2025.tianbao");
  g_autofree char *title = NULL;
  g_autofree char *value = NULL;
  guint n_title = 0, n_path = 0;

  g_signal_connect (doc, "notify::title", G_CALLBACK (tb_test_count_notify), &n_title);
  g_signal_connect (doc, "notify::path", G_CALLBACK (tb_test_count_notify), &n_path);

  g_assert_false (tb_document_save (doc, 0, &error));
  g_assert_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_NO_FILE);
  g_clear_error (&error);

  tb_test_doc_type (doc, "t2.reg.made", "12");
  g_assert_cmpuint (n_title, ==, 1);   /* the modified mark appeared */
  g_assert_true (tb_document_save_as (doc, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_path, ==, 1);
  g_assert_cmpuint (n_title, >=, 2);
  g_assert_cmpstr (tb_document_get_path (doc), ==, path);
  g_assert_false (tb_document_get_modified (doc));
  title = tb_document_dup_title (doc);
  g_assert_cmpstr (title, ==, "某县人民政府2025年政府信息公开工作年度报告 — 某县 2025.tianbao");
  g_assert_cmpint (tb_document_check_file (doc), ==, TB_FILE_STATE_UNCHANGED);

  /* Saving again without changes is fine and still unchanged on disk. */
  g_assert_true (tb_document_save (doc, 0, &error));
  g_assert_no_error (error);

  /* The same file, also through another name. */
  g_assert_true (tb_document_has_file (doc, path));
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *dotted = g_build_filename (dir, ".", "某县 2025.tianbao", NULL);
    g_autofree char *link = tb_test_doc_path ("link.tianbao");

    g_assert_true (tb_document_has_file (doc, dotted));
    g_unlink (link);
    g_assert_cmpint (symlink (path, link), ==, 0);
    g_assert_true (tb_document_has_file (doc, link));
    g_unlink (link);
  }
  {
    g_autofree char *other = tb_test_doc_path ("other.tianbao");

    g_assert_false (tb_document_has_file (doc, other));
  }

  again = tb_document_open (path, &error);
  g_assert_no_error (error);
  value = tb_test_dup_text (tb_document_get_report (again), "t2.reg.made");
  g_assert_cmpstr (value, ==, "12");
  g_assert_false (tb_document_get_modified (again));
}

/* Opening a damaged file fails with the loader's message. */
static void
test_open_fails (void)
{
  g_autofree char *path = tb_test_doc_path ("broken.tianbao");
  g_autoptr(GError) error = NULL;
  TbDocument *doc;

  g_file_set_contents (path, "<tianbao version=\"1\"><meta>", -1, NULL);
  doc = tb_document_open (path, &error);
  g_assert_null (doc);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED);
  g_assert_true (strstr (error->message, "broken.tianbao") != NULL);
  g_clear_error (&error);

  doc = tb_document_open ("/nonexistent/report.tianbao", &error);
  g_assert_null (doc);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
}

/* Someone else saved the file meanwhile: saving is refused until the clerk agrees, and
 * both their file and our report stay as they are. */
static void
test_changed_on_disk (void)
{
  g_autoptr(TbDocument) doc = tb_test_saved_document ("shared.tianbao");
  g_autoptr(TbReport) theirs = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *path = tb_document_get_path (doc);

  tb_test_doc_type (doc, "t2.reg.made", "5");

  theirs = tb_draft_load (path, &error);
  g_assert_no_error (error);
  tb_test_type (theirs, "t2.norm.made", "77");
  g_assert_true (tb_draft_save (theirs, path, &error));
  g_assert_no_error (error);
  before = tb_test_read_bytes (path);

  g_assert_cmpint (tb_document_check_file (doc), ==, TB_FILE_STATE_CHANGED);
  g_assert_false (tb_document_save (doc, TB_DOCUMENT_SAVE_NONE, &error));
  g_assert_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_CHANGED_ON_DISK);
  g_assert_true (strstr (error->message, "shared.tianbao") != NULL);
  g_clear_error (&error);

  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (tb_document_get_modified (doc));
  value = tb_test_dup_text (tb_document_get_report (doc), "t2.reg.made");
  g_assert_cmpstr (value, ==, "5");

  /* The clerk chose to replace it. */
  g_assert_true (tb_document_save (doc, TB_DOCUMENT_SAVE_OVERWRITE_CHANGED, &error));
  g_assert_no_error (error);
  g_assert_false (tb_document_get_modified (doc));
  g_assert_cmpint (tb_document_check_file (doc), ==, TB_FILE_STATE_UNCHANGED);
  g_assert_true (tb_document_save (doc, TB_DOCUMENT_SAVE_NONE, &error));

  /* A file deleted meanwhile is simply written again. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (tb_document_check_file (doc), ==, TB_FILE_STATE_DELETED);
  tb_test_doc_type (doc, "t2.reg.made", "6");
  g_assert_true (tb_document_save (doc, TB_DOCUMENT_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* A script (tianbao-cli) holds the report's lock: the save waits for it, and when it does
 * not let go, fails naming the holder, with the file and the clerk's values untouched. */
typedef struct
{
  TbLock *lock;
  guint   after_ms;
} LetGo;

static gpointer
let_go_thread (gpointer data)
{
  LetGo *let_go = data;

  g_usleep (let_go->after_ms * 1000);
  tb_lock_release (let_go->lock);
  return NULL;
}

static void
test_save_locked (void)
{
  g_autoptr(TbDocument) doc = tb_test_saved_document ("locked.tianbao");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *path = tb_document_get_path (doc);
  LetGo let_go = { NULL, 300 };
  GThread *thread;
  TbLock *held;

  tb_test_doc_type (doc, "t2.reg.made", "5");
  before = tb_test_read_bytes (path);
  held = tb_lock_acquire (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (tb_lock_is_held (held));

  g_assert_false (tb_document_save (doc, TB_DOCUMENT_SAVE_NONE, &error));
  g_assert_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "locked.tianbao"));
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_clear_error (&error);
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (tb_document_get_modified (doc));
  value = tb_test_dup_text (tb_document_get_report (doc), "t2.reg.made");
  g_assert_cmpstr (value, ==, "5");
  g_clear_pointer (&value, g_free);

  /* Save As onto a file another writer holds is refused the same way. */
  {
    g_autofree char *other = tb_test_doc_path ("other.tianbao");
    g_autoptr(TbLock) other_lock = NULL;

    tb_test_write_file (other, "x", 1);
    other_lock = tb_lock_acquire (other, 0, &error);
    g_assert_no_error (error);
    g_assert_false (tb_document_save_as (doc, other, &error));
    g_assert_error (error, TB_DOCUMENT_ERROR, TB_DOCUMENT_ERROR_LOCKED);
    g_clear_error (&error);
    g_assert_cmpstr (tb_document_get_path (doc), ==, path);
  }

  /* A writer that lets go within the wait: the save waits and succeeds. */
  let_go.lock = held;
  thread = g_thread_new ("let-go", let_go_thread, &let_go);
  g_assert_true (tb_document_save (doc, TB_DOCUMENT_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_false (tb_document_get_modified (doc));
  value = tb_test_file_cell (path, "t2.reg.made");
  g_assert_cmpstr (value, ==, "5");
  /* The save let go of the lock too. */
  held = tb_lock_acquire (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (tb_lock_is_held (held));
  tb_lock_release (held);
}

static void
autosave_failed_cb (TbDocument   *doc,
                    const GError *error,
                    guint        *count)
{
  g_assert_nonnull (error);
  (*count)++;
}

static void
test_autosave (void)
{
  g_autoptr(TbDocument) doc = tb_test_saved_document ("autosave.tianbao");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(TbDocument) recovered = NULL;
  g_autoptr(GError) error = NULL;
  TbRecoveryEntry *entry;
  TbHistory *history = tb_document_get_history (doc);
  guint n_failed = 0;

  g_signal_connect (doc, "autosave-failed", G_CALLBACK (autosave_failed_cb), &n_failed);
  g_assert_cmpuint (tb_document_get_autosave_interval (doc), ==, 5);
  tb_document_set_autosave_interval (doc, 1);

  /* No change: nothing written. */
  tb_test_run_loop_for (1200);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);

  tb_test_doc_type (doc, "t3.r1_new.np", "8");
  tb_report_set_text (tb_document_get_report (doc), "s1", "本年度……");
  g_assert_nonnull (tb_document_get_last_change (doc));
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);   /* not at once */
  tb_test_run_loop_for (1300);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);

  entries = tb_recovery_list (NULL);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->id, ==, tb_document_get_recovery_id (doc));
  g_assert_cmpstr (entry->file, ==, tb_document_get_path (doc));
  g_assert_true (g_date_time_to_unix (entry->changed) ==
                 g_date_time_to_unix (tb_document_get_last_change (doc)));

  /* Undoing back to the saved state removes the copy. */
  tb_history_close_step (history);
  while (tb_history_undo (history))
    ;
  g_assert_false (tb_document_get_modified (doc));
  tb_test_spin ();   /* removed in a worker */
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);

  /* Redo: modified again, a copy again. */
  tb_history_redo (history);
  tb_test_run_loop_for (1300);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);

  /* The recovered document has the values, the file and the same id. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = tb_recovery_list (NULL);
  recovered = tb_document_new_recovered (g_ptr_array_index (entries, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_document_get_recovery_id (recovered), ==,
                   tb_document_get_recovery_id (doc));
  g_assert_cmpstr (tb_document_get_path (recovered), ==, tb_document_get_path (doc));
  g_assert_true (tb_document_get_modified (recovered));
  {
    g_autofree char *v = tb_test_dup_text (tb_document_get_report (recovered), "t3.r1_new.np");
    g_assert_cmpstr (v, ==, "8");
  }
  g_clear_object (&recovered);

  /* Saving removes it. */
  g_assert_true (tb_document_save (doc, 0, &error));
  g_assert_no_error (error);
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);

  /* Discarding removes it too; a later change writes a new one. */
  tb_test_doc_type (doc, "t3.r1_new.np", "9");
  g_assert_true (tb_document_autosave_now (doc, &error));
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);
  tb_document_discard_recovery (doc);
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
  tb_test_run_loop_for (1300);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
  tb_test_doc_type (doc, "t3.r1_new.np", "10");
  tb_test_run_loop_for (1300);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);

  /* Closing the window keeps the copy (that is what a crash looks like too). */
  g_clear_object (&doc);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);
  g_assert_cmpuint (n_failed, ==, 0);
}

/* The window replaces the report when its year changes its format. */
static void
test_set_report (void)
{
  g_autoptr(TbDocument) doc = tb_test_saved_document ("convert.tianbao");
  g_autoptr(TbReport) converted = tb_report_new (tb_format_get ("2019"));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(TbReport) loaded = NULL;
  g_autofree char *path = g_strdup (tb_document_get_path (doc));
  g_autofree char *id = g_strdup (tb_document_get_recovery_id (doc));
  TbHistory *old_history;
  guint n_report = 0;

  tb_test_doc_type (doc, "t2.reg.made", "4");
  old_history = tb_document_get_history (doc);
  g_assert_true (tb_history_get_can_undo (old_history));
  g_signal_connect (doc, "notify::report", G_CALLBACK (tb_test_count_notify), &n_report);
  tb_document_set_autosave_interval (doc, 1);

  tb_report_set_year (converted, 2020);
  tb_report_set_agency (converted, "某市某局");
  g_assert_true (tb_report_get_modified (converted));
  tb_document_set_report (doc, converted);
  g_assert_cmpuint (n_report, ==, 1);
  g_assert_true (tb_document_get_report (doc) == converted);
  g_assert_false (tb_history_get_can_undo (tb_document_get_history (doc)));
  g_assert_cmpstr (tb_document_get_path (doc), ==, path);
  g_assert_cmpstr (tb_document_get_recovery_id (doc), ==, id);

  /* The old report no longer drives the document; the new one does. */
  tb_test_run_loop_for (1300);
  entries = tb_recovery_list (NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  loaded = tb_recovery_load (g_ptr_array_index (entries, 0), NULL);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (loaded)), ==, "2019");
  tb_report_set_text (converted, "s1", "x");
  g_assert_true (tb_history_get_can_undo (tb_document_get_history (doc)));
}

/* Typing on does not push the autosave back for ever. */
static void
test_autosave_while_typing (void)
{
  g_autoptr(TbDocument) doc = tb_document_new (2025, "某局");
  char text[32];

  tb_document_set_autosave_interval (doc, 1);
  for (guint i = 0; i < 15; i++)
    {
      g_snprintf (text, sizeof text, "%u", i);
      tb_report_set_text (tb_document_get_report (doc), "s5", text);
      tb_test_run_loop_for (100);
    }
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);
  tb_document_discard_recovery (doc);

  /* 0 turns autosaving off. */
  tb_document_set_autosave_interval (doc, 0);
  tb_report_set_text (tb_document_get_report (doc), "s5", "x");
  tb_test_run_loop_for (1300);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
}

static void
test_autosave_fails (void)
{
  g_autoptr(TbDocument) doc = tb_document_new (2025, "某局");
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "tianbao", NULL);
  guint n_failed = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (blocker, "not a folder", -1, NULL);
  g_signal_connect (doc, "autosave-failed", G_CALLBACK (autosave_failed_cb), &n_failed);
  tb_document_set_autosave_interval (doc, 1);
  tb_test_doc_type (doc, "t2.reg.made", "1");
  tb_test_run_loop_for (1300);
  g_assert_cmpuint (n_failed, ==, 1);
  g_assert_true (tb_document_get_modified (doc));

  g_assert_false (tb_document_autosave_now (doc, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_assert_cmpuint (n_failed, ==, 2);
  g_unlink (blocker);
}

/* Saving into a folder on a read-only or full file system: a clear message, the old file
 * byte-identical, the report still holding the clerk's values. Needs a private mount, so it
 * runs in a subprocess that may create one (root); otherwise it is skipped. */
static void
check_failed_save (const char *dir,
                   gboolean    read_only)
{
  g_autoptr(TbDocument) doc = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);
  g_autofree char *value = NULL;

  {
    g_autoptr(TbDocument) first = tb_document_new (2025, "某市某局");

    tb_test_doc_type (first, "t2.reg.made", "1");
    g_assert_true (tb_document_save_as (first, path, &error));
    g_assert_no_error (error);
  }
  doc = tb_document_open (path, &error);
  g_assert_no_error (error);
  before = tb_test_read_bytes (path);

  if (read_only)
    g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
  else
    {
      /* Fill the disk up to the last few hundred bytes. */
      g_autofree char *filler = g_build_filename (dir, "filler", NULL);
      FILE *f = fopen (filler, "w");
      char block[256] = { 0, };

      g_assert_nonnull (f);
      setvbuf (f, NULL, _IONBF, 0);
      while (fwrite (block, 1, sizeof block, f) == sizeof block)
        ;
      fclose (f);
    }

  tb_test_doc_type (doc, "t2.reg.made", "2");
  tb_report_set_text (tb_document_get_report (doc), "s1", "很长的一段文字。");
  g_assert_false (tb_document_save (doc, 0, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_true (strstr (error->message, "report.tianbao") != NULL);
  g_assert_true (strstr (error->message, "unchanged") != NULL);
  if (!read_only)
    g_assert_true (strstr (error->message, "disk is full") != NULL);
  g_clear_error (&error);

  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (tb_document_get_modified (doc));
  value = tb_test_dup_text (tb_document_get_report (doc), "t2.reg.made");
  g_assert_cmpstr (value, ==, "2");
  g_assert_cmpstr (tb_report_get_text (tb_document_get_report (doc), "s1"), ==,
                   "很长的一段文字。");

  /* No temporary file left behind. */
  g_assert_cmpuint (tb_test_count_entries (dir), ==, read_only ? 1 : 2);

  /* Save As somewhere else works. */
  {
    g_autofree char *elsewhere = tb_test_doc_path ("rescued.tianbao");

    g_assert_true (tb_document_save_as (doc, elsewhere, &error));
    g_assert_no_error (error);
    g_assert_false (tb_document_get_modified (doc));
  }
}

static void
run_failed_save (gboolean read_only)
{
  g_autofree char *probe = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *dir = tb_test_doc_path ("mnt");

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_true (tb_test_private_tmpfs (dir, read_only ? "size=1m" : "size=32k"));
      check_failed_save (dir, read_only);
      g_print ("CHECKED\n");
      return;
    }

  probe = tb_test_doc_path ("probe");
  if (!tb_test_can_mount (probe))
    {
      g_test_skip ("cannot mount a private tmpfs here (needs root)");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*CHECKED*");
}

static void
test_save_read_only (void)
{
  run_failed_save (TRUE);
}

static void
test_save_disk_full (void)
{
  run_failed_save (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/new", test_new);
  g_test_add_func ("/document/save-as-and-title", test_save_as_and_title);
  g_test_add_func ("/document/open-fails", test_open_fails);
  g_test_add_func ("/document/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/document/save-locked", test_save_locked);
  g_test_add_func ("/document/autosave", test_autosave);
  g_test_add_func ("/document/set-report", test_set_report);
  g_test_add_func ("/document/autosave-while-typing", test_autosave_while_typing);
  g_test_add_func ("/document/autosave-fails", test_autosave_fails);
  g_test_add_func ("/document/save-read-only", test_save_read_only);
  g_test_add_func ("/document/save-disk-full", test_save_disk_full);

  return g_test_run ();
}
