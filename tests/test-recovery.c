/* test-recovery.c: tests for the recovery copies and the changed-on-disk check
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-recovery"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tb-draft.h"
#include "tb-file-state.h"
#include "tb-recovery.h"
#include "tb-report.h"
#include "tb-rules.h"

#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

/* A report with something in every kind of place: valid, invalid and oddly typed cells, an
 * amount with its own unit, texts with markup characters and line breaks, metadata,
 * acknowledged warnings and typed totals. */
static TbReport *
full_report (void)
{
  TbReport *report = tb_report_new (tb_format_get ("2021"));
  const TbFormat *format = tb_report_get_format (report);
  guint n = tb_format_get_n_cells (format);

  tb_report_set_agency (report, "某市<财政>局 & “办公室”");
  tb_report_set_year (report, 2025);
  tb_report_set_preparer (report, "张三");
  tb_report_set_contact (report, "010-1234 5678");
  tb_report_set_report_date (report, "2026-01-20");
  tb_report_set_manual_totals (report, TRUE);

  for (guint i = 0; i < n; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);
      g_autofree char *text = NULL;

      switch (i % 5)
        {
        case 0:
          text = g_strdup_printf ("%u", i * 7);
          break;
        case 1:
          text = g_strdup ("1,234");
          break;
        case 2:
          text = g_strdup ("１２x");   /* invalid, kept as typed */
          break;
        case 3:
          text = NULL;                 /* empty */
          break;
        default:
          text = g_strdup ("０");
          break;
        }
      if (spec->kind == TB_CELL_AMOUNT)
        {
          g_free (text);
          text = g_strdup (i % 2 ? "12.5" : "0.0001");
        }
      if (text != NULL)
        tb_report_set_cell_text (report, i, text, NULL);
    }

  tb_report_set_text (report, "s1", "本年度，本机关认真贯彻落实《条例》。\n\n"
                                    "一是 <主动公开> & “依申请公开”；\t二是……\r\n末行 ");
  tb_report_set_text (report, "s5", "无");
  tb_report_set_text (report, "s6", "  前后有空格  ");
  tb_report_set_acknowledged (report, "T3-7", TRUE);
  tb_report_set_acknowledged (report, "T3-1:np", TRUE);
  return report;
}

static void
assert_reports_equal (TbReport *a,
                      TbReport *b)
{
  const TbFormat *format = tb_report_get_format (a);
  g_autoptr(GBytes) bytes_a = NULL;
  g_autoptr(GBytes) bytes_b = NULL;

  tb_test_assert_same_meta (a, b);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellValue *va = tb_report_get_cell (a, i);
      const TbCellValue *vb = tb_report_get_cell (b, i);

      g_assert_cmpint (va->state, ==, vb->state);
      if (va->state == TB_CELL_EMPTY)
        continue;
      /* A valid cell is its value (the draft keeps "1,234" as 1234); an invalid one is the
       * text exactly as typed. */
      if (va->state == TB_CELL_VALID)
        {
          g_assert_cmpint (va->value, ==, vb->value);
          g_assert_cmpstr (va->unit, ==, vb->unit);
        }
      else
        g_assert_cmpstr (va->text, ==, vb->text);
    }
  tb_test_assert_same_texts (a, b);

  bytes_a = tb_draft_serialize (a);
  bytes_b = tb_draft_serialize (b);
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
}

static char *
recovery_file (const char *id,
               const char *suffix)
{
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

/* ---- Recovery ------------------------------------------------------------------------ */

static void
test_dir (void)
{
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "tianbao", "recovery",
                                                NULL);
  g_autofree char *id1 = tb_recovery_new_id ();
  g_autofree char *id2 = tb_recovery_new_id ();

  g_assert_cmpstr (dir, ==, expected);
  g_assert_true (g_uuid_string_is_valid (id1));
  g_assert_cmpstr (id1, !=, id2);

  /* Nothing there yet: an empty list, not an error. */
  {
    g_autoptr(GPtrArray) damaged = NULL;
    g_autoptr(GPtrArray) entries = tb_recovery_list (&damaged);

    g_assert_cmpuint (entries->len, ==, 0);
    g_assert_cmpuint (damaged->len, ==, 0);
  }
}

static void
test_round_trip (void)
{
  g_autoptr(TbReport) report = full_report ();
  g_autoptr(TbReport) recovered = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) damaged = NULL;
  g_autoptr(GDateTime) changed = g_date_time_new_local (2026, 1, 20, 9, 30, 15.25);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tb_recovery_new_id ();
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *draft = recovery_file (id, ".tianbao");
  g_autofree char *ini = recovery_file (id, ".ini");
  g_autofree char *dir = tb_recovery_dup_dir ();
  TbRecoveryEntry *entry;
  GStatBuf st;

  g_assert_true (tb_recovery_write (id, report, "/home/clerk/报告 2025.tianbao", changed,
                                    &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (draft, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (ini, G_FILE_TEST_IS_REGULAR));
  /* Private: the folder is the clerk's alone. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  entries = tb_recovery_list (&damaged);
  g_assert_cmpuint (damaged->len, ==, 0);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->id, ==, id);
  g_assert_cmpstr (entry->draft_path, ==, draft);
  g_assert_cmpstr (entry->file, ==, "/home/clerk/报告 2025.tianbao");
  g_assert_cmpstr (entry->title, ==, title);
  g_assert_true (g_date_time_equal (entry->changed, changed));
  g_assert_cmpint (entry->pid, ==, getpid ());
  g_assert_true (entry->in_use);   /* this test process wrote it and still runs */
  g_assert_null (entry->error);

  recovered = tb_recovery_load (entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovered);
  g_assert_true (tb_report_get_modified (recovered));
  assert_reports_equal (report, recovered);

  /* Discarding removes both files, also what a write cut short left behind, and
   * discarding again is fine. */
  {
    g_autofree char *name = g_strconcat (".", id, ".ini.Y6P8Y3", NULL);
    g_autofree char *temp = g_build_filename (dir, name, NULL);

    tb_test_write_file (temp, "[Recov", -1);
    g_assert_true (tb_recovery_discard (id, &error));
    g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  }
  g_assert_no_error (error);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
  g_assert_true (tb_recovery_discard (id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = tb_recovery_list (NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* Writing again replaces the copy; a never-saved report has no file. */
static void
test_rewrite (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(TbReport) recovered = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tb_recovery_new_id ();
  TbRecoveryEntry *entry;

  tb_report_set_year (report, 2025);
  tb_test_type (report, "t2.reg.made", "1");
  g_assert_true (tb_recovery_write (id, report, NULL, NULL, &error));
  g_assert_no_error (error);

  tb_report_set_agency (report, "某县人民政府");
  tb_test_type (report, "t2.reg.made", "2");
  g_assert_true (tb_recovery_write (id, report, NULL, NULL, &error));
  g_assert_no_error (error);

  entries = tb_recovery_list (NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_null (entry->file);
  g_assert_true (strstr (entry->title, "某县人民政府") != NULL);
  recovered = tb_recovery_load (entry, &error);
  g_assert_no_error (error);
  assert_reports_equal (report, recovered);

  /* No temporary files are left behind. */
  {
    g_autofree char *dir = tb_recovery_dup_dir ();
    g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
    guint n = 0;

    g_assert_no_error (error);
    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  tb_recovery_discard (id, NULL);
}

static void
test_sorted (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GPtrArray) entries = NULL;
  char *ids[3];
  int hours[3] = { 10, 12, 11 };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) t = g_date_time_new_local (2026, 2, 1, hours[i], 0, 0);

      ids[i] = tb_recovery_new_id ();
      g_assert_true (tb_recovery_write (ids[i], report, NULL, t, NULL));
    }
  entries = tb_recovery_list (NULL);
  g_assert_cmpuint (entries->len, ==, 3);
  /* Last changed first. */
  g_assert_cmpstr (((TbRecoveryEntry *) g_ptr_array_index (entries, 0))->id, ==, ids[1]);
  g_assert_cmpstr (((TbRecoveryEntry *) g_ptr_array_index (entries, 1))->id, ==, ids[2]);
  g_assert_cmpstr (((TbRecoveryEntry *) g_ptr_array_index (entries, 2))->id, ==, ids[0]);
  for (guint i = 0; i < 3; i++)
    {
      tb_recovery_discard (ids[i], NULL);
      g_free (ids[i]);
    }
}

/* Whatever is in the folder, listing neither fails nor offers what cannot be loaded. */
static void
test_damaged (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) damaged = NULL;
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *good = tb_recovery_new_id ();
  g_autofree char *bad_draft = tb_recovery_new_id ();
  g_autofree char *bad_ini = tb_recovery_new_id ();
  g_autofree char *no_draft = tb_recovery_new_id ();
  g_autofree char *no_ini = tb_recovery_new_id ();
  g_autofree char *hostile = tb_recovery_new_id ();
  g_autofree char *path = NULL;
  g_autofree char *subdir = NULL;
  g_autoptr(GHashTable) bad_ids = g_hash_table_new (g_str_hash, g_str_equal);

  tb_report_set_agency (report, "某区教育局");
  tb_report_set_year (report, 2024);

  g_assert_true (tb_recovery_write (good, report, NULL, NULL, NULL));

  /* A copy that is not a draft. */
  g_assert_true (tb_recovery_write (bad_draft, report, NULL, NULL, NULL));
  path = recovery_file (bad_draft, ".tianbao");
  tb_test_write_file (path, "\x89PNG garbage", -1);
  g_clear_pointer (&path, g_free);

  /* A key file that is not one. */
  g_assert_true (tb_recovery_write (bad_ini, report, NULL, NULL, NULL));
  path = recovery_file (bad_ini, ".ini");
  tb_test_write_file (path, "[Recovery\nVersion=x\n\xff\xfe", -1);
  g_clear_pointer (&path, g_free);

  /* A key file without its copy. */
  g_assert_true (tb_recovery_write (no_draft, report, NULL, NULL, NULL));
  path = recovery_file (no_draft, ".tianbao");
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_clear_pointer (&path, g_free);

  /* A copy without its key file (the process died between the two writes): offered, with
   * the title from the copy. */
  g_assert_true (tb_recovery_write (no_ini, report, NULL, NULL, NULL));
  path = recovery_file (no_ini, ".ini");
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_clear_pointer (&path, g_free);

  /* A hostile copy: entity expansion. */
  path = recovery_file (hostile, ".tianbao");
  tb_test_write_file (path,
                      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
                      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<tianbao>&b;</tianbao>\n",
                      -1);
  g_clear_pointer (&path, g_free);

  /* Things that are not entries at all. */
  path = g_build_filename (dir, "notes.txt", NULL);
  tb_test_write_file (path, "hello", -1);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "not-a-uuid.tianbao", NULL);
  tb_test_write_file (path, "junk", -1);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, ".hidden.tianbao.XXXXXX", NULL);
  tb_test_write_file (path, "junk", -1);
  g_clear_pointer (&path, g_free);
  subdir = tb_recovery_new_id ();
  path = g_strconcat (dir, "/", subdir, ".tianbao", NULL);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  entries = tb_recovery_list (&damaged);

  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      TbRecoveryEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(TbReport) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_str_equal (e->id, good) || g_str_equal (e->id, no_ini));
      g_assert_true (strstr (e->title, "某区教育局") != NULL);
      g_assert_nonnull (e->changed);
      loaded = tb_recovery_load (e, &error);
      g_assert_no_error (error);
      assert_reports_equal (report, loaded);
    }

  g_assert_cmpuint (damaged->len, ==, 5);
  for (guint i = 0; i < damaged->len; i++)
    {
      TbRecoveryEntry *e = g_ptr_array_index (damaged, i);

      g_assert_nonnull (e->error);
      g_assert_true (e->error->message != NULL && *e->error->message != '\0');
      g_hash_table_add (bad_ids, e->id);
    }
  g_assert_true (g_hash_table_contains (bad_ids, bad_draft));
  g_assert_true (g_hash_table_contains (bad_ids, bad_ini));
  g_assert_true (g_hash_table_contains (bad_ids, no_draft));
  g_assert_true (g_hash_table_contains (bad_ids, hostile));
  g_assert_true (g_hash_table_contains (bad_ids, subdir));

  /* Listing leaves everything where it was: the clerk decides. */
  g_clear_pointer (&path, g_free);
  path = recovery_file (bad_draft, ".tianbao");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Discarding a damaged entry removes it. */
  g_assert_true (tb_recovery_discard (bad_draft, NULL));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A copy written by a process that no longer runs is not in use. */
static void
test_in_use (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tb_recovery_new_id ();
  g_autofree char *ini = recovery_file (id, ".ini");
  TbRecoveryEntry *entry;

  g_assert_true (tb_recovery_write (id, report, NULL, NULL, NULL));
  g_assert_true (g_key_file_load_from_file (keys, ini, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);

  /* Same pid, but a different start time: the pid was reused by a later process. */
  g_key_file_set_uint64 (keys, "Recovery", "StartTime",
                         g_key_file_get_uint64 (keys, "Recovery", "StartTime", NULL) + 1);
  g_assert_true (g_key_file_save_to_file (keys, ini, &error));
  entries = tb_recovery_list (NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_false (entry->in_use);

  tb_recovery_discard (id, NULL);
}

/* The recovery folder cannot be made: a clear error, nothing written. */
static void
test_write_fails (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tb_recovery_new_id ();
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "tianbao", NULL);

  tb_test_write_file (blocker, "a file where the folder should be", -1);
  g_assert_false (tb_recovery_write (id, report, NULL, NULL, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_assert_true (strstr (error->message, "recovery") != NULL);
  g_test_message ("%s", error->message);
  g_unlink (blocker);
}

/* ---- File state ---------------------------------------------------------------------- */

static char *
temp_file (const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "file-state", NULL);
  char *path = g_build_filename (dir, "report.tianbao", NULL);

  tb_test_write_file (path, contents, -1);
  return path;
}

static void
test_file_state (void)
{
  g_autofree char *path = temp_file ("<tianbao>one</tianbao>");
  g_autoptr(TbFileState) state = NULL;
  g_autoptr(TbFileState) from_data = NULL;
  g_autoptr(TbFileState) copy = NULL;
  g_autoptr(GError) error = NULL;

  state = tb_file_state_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_cmpint (tb_file_state_get_size (state), ==, strlen ("<tianbao>one</tianbao>"));
  g_assert_cmpint (tb_file_state_get_mtime (state), >, 0);
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_UNCHANGED);

  from_data = tb_file_state_new_for_data (path, "<tianbao>one</tianbao>", 22);
  g_assert_cmpint (tb_file_state_check (from_data, path), ==, TB_FILE_STATE_UNCHANGED);
  copy = tb_file_state_copy (state);

  /* Rewritten with the same bytes (and a new time): unchanged. */
  g_usleep (10 * 1000);
  tb_test_write_file (path, "<tianbao>one</tianbao>", -1);
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_UNCHANGED);

  /* Same size, other bytes: changed, even with the old time put back. */
  tb_test_write_file (path, "<tianbao>two</tianbao>", -1);
  {
    struct timespec times[2];
    gint64 mtime = tb_file_state_get_mtime (state);

    times[0].tv_sec = times[1].tv_sec = mtime / G_USEC_PER_SEC;
    times[0].tv_nsec = times[1].tv_nsec = (mtime % G_USEC_PER_SEC) * 1000;
    g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  }
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_CHANGED);
  g_assert_cmpint (tb_file_state_check (copy, path), ==, TB_FILE_STATE_CHANGED);
  g_assert_cmpint (tb_file_state_check (from_data, path), ==, TB_FILE_STATE_CHANGED);

  /* Other size: changed. */
  tb_test_write_file (path, "<tianbao>three</tianbao>", -1);
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_CHANGED);

  /* Replaced by something that is not a file. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_CHANGED);
  g_assert_cmpint (g_rmdir (path), ==, 0);

  /* Gone. */
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_DELETED);
  g_assert_null (tb_file_state_new_for_path (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* The draft save path: state taken after saving, then someone else saves over it. */
static void
test_file_state_with_drafts (void)
{
  g_autoptr(TbReport) report = full_report ();
  g_autoptr(TbReport) other = NULL;
  g_autoptr(TbFileState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_file ("");

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  state = tb_file_state_new_for_path (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_UNCHANGED);

  /* A colleague opens the file, changes a value and saves it. */
  other = tb_draft_load (path, &error);
  g_assert_no_error (error);
  tb_test_type (other, "t2.reg.made", "99");
  g_assert_true (tb_draft_save (other, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tb_file_state_check (state, path), ==, TB_FILE_STATE_CHANGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recovery/dir", test_dir);
  g_test_add_func ("/recovery/round-trip", test_round_trip);
  g_test_add_func ("/recovery/rewrite", test_rewrite);
  g_test_add_func ("/recovery/sorted", test_sorted);
  g_test_add_func ("/recovery/damaged", test_damaged);
  g_test_add_func ("/recovery/in-use", test_in_use);
  g_test_add_func ("/recovery/write-fails", test_write_fails);
  g_test_add_func ("/file-state/check", test_file_state);
  g_test_add_func ("/file-state/drafts", test_file_state_with_drafts);

  return g_test_run ();
}
