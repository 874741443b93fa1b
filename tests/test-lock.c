/* test-lock.c: one writer at a time (tb-lock), and what a writer asks before it replaces a
 * file (tb-file-guard)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "tb-draft.h"
#include "tb-file-guard.h"
#include "tb-lock.h"

#include "tb-test-util.h"

static char *
work_file (const char *name,
           const char *contents)
{
  /* G_TEST_OPTION_ISOLATE_DIRS: a fresh cache folder for every test case. */
  g_autofree char *dir = tb_test_make_dir (g_get_user_cache_dir (), "lock-test", NULL);
  char *path = g_build_filename (dir, name, NULL);

  if (contents != NULL)
    tb_test_write_file (path, contents, strlen (contents));
  return path;
}

/* ---- tb-lock ---------------------------------------------------------------------------- */

static void
test_lock_excludes (void)
{
  g_autofree char *path = work_file ("r.tianbao", "<tianbao-report/>");
  g_autofree char *sidecar = tb_lock_get_path (path);
  g_autoptr(GError) error = NULL;
  TbLock *first, *second;
  gint64 start;

  first = tb_lock_acquire (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (tb_lock_is_held (first));
  g_assert_true (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_suffix (sidecar, "/.r.tianbao.lock"));

  /* A second writer waits for the bound, then is told who holds it. */
  start = g_get_monotonic_time ();
  second = tb_lock_acquire (path, 300, &error);
  g_assert_null (second);
  g_assert_error (error, TB_LOCK_ERROR, TB_LOCK_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_nonnull (strstr (error->message, "r.tianbao"));
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_clear_error (&error);

  /* Released: the sidecar goes, the next writer gets it. */
  tb_lock_release (first);
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  second = tb_lock_acquire (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (tb_lock_is_held (second));
  tb_lock_release (second);
}

/* Every name of one file shares its lock. */
static void
test_lock_through_link (void)
{
  g_autofree char *path = work_file ("real.tianbao", "<tianbao-report/>");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *link = g_build_filename (dir, "link.tianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbLock) held = NULL;
  TbLock *other;

  g_assert_cmpint (symlink ("real.tianbao", link), ==, 0);
  held = tb_lock_acquire (link, 0, &error);
  g_assert_no_error (error);
  other = tb_lock_acquire (path, 0, &error);
  g_assert_null (other);
  g_assert_error (error, TB_LOCK_ERROR, TB_LOCK_ERROR_BUSY);
}

typedef struct
{
  const char *path;
  guint       rounds;
  int        *counter;
  gboolean    overlap;
  int         inside;
} Contenders;

/* Threads of one program exclude each other too (the app saves from worker threads). */
static gpointer
contend (gpointer data)
{
  Contenders *c = data;

  for (guint i = 0; i < c->rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      TbLock *lock = tb_lock_acquire (c->path, 10000, &error);
      int seen;

      g_assert_no_error (error);
      if (g_atomic_int_add (&c->inside, 1) != 0)
        c->overlap = TRUE;
      seen = *c->counter;
      g_usleep (200);
      *c->counter = seen + 1;
      g_atomic_int_add (&c->inside, -1);
      tb_lock_release (lock);
    }
  return NULL;
}

static void
test_lock_threads (void)
{
  g_autofree char *path = work_file ("threads.tianbao", "<tianbao-report/>");
  int counter = 0;
  Contenders c = { path, 100, &counter, FALSE, 0 };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("contender", contend, &c);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_false (c.overlap);
  g_assert_cmpint (counter, ==, 400);
}

/* A folder nobody can write in: no lock, no failure (the save will say why). */
static void
test_lock_unwritable_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbLock) lock = tb_lock_acquire ("/proc/version", 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_assert_false (tb_lock_is_held (lock));
}

/* ---- tb-file-guard ---------------------------------------------------------------------- */

static void
test_same_file (void)
{
  g_autofree char *a = work_file ("a.tianbao", "<tianbao-report/>");
  g_autofree char *dir = g_path_get_dirname (a);
  g_autofree char *b = g_build_filename (dir, "b.tianbao", NULL);
  g_autofree char *sym = g_build_filename (dir, "a.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "a.tianbao", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);

  tb_test_write_file (b, "<tianbao-report/>", strlen ("<tianbao-report/>"));
  g_assert_cmpint (symlink ("a.tianbao", sym), ==, 0);
  g_assert_cmpint (link (a, hard), ==, 0);
  g_assert_true (tb_file_is_same (a, sym));
  g_assert_true (tb_file_is_same (sym, a));
  g_assert_true (tb_file_is_same (a, hard));
  g_assert_true (tb_file_is_same (a, dotted));
  g_assert_false (tb_file_is_same (a, b));
  g_assert_false (tb_file_is_same (a, missing));
  g_assert_false (tb_file_is_same (missing, missing));
}

static void
test_is_draft (void)
{
  g_autofree char *draft = work_file ("x.tianbao", "not even XML");
  g_autofree char *dir = g_path_get_dirname (draft);
  g_autofree char *inside = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  const char *xml = "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<tianbao-report version=\"1\"/>";

  tb_test_write_file (inside, xml, strlen (xml));
  tb_test_write_file (pdf, "%PDF-1.5", 8);
  g_assert_cmpint (symlink ("x.tianbao", link), ==, 0);
  g_assert_true (tb_file_is_draft (draft));     /* by name */
  g_assert_true (tb_file_is_draft (inside));    /* by contents */
  g_assert_true (tb_file_is_draft (link));      /* through a link */
  g_assert_false (tb_file_is_draft (pdf));
  g_assert_false (tb_file_is_draft (dir));
  g_assert_false (tb_file_is_draft ("/nonexistent/a.tianbao"));
}

static void
test_read_only (void)
{
  g_autofree char *path = work_file ("ro.tianbao", "<tianbao-report/>");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GStatBuf st;

  g_assert_false (tb_file_is_read_only (path));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (tb_file_is_read_only (path));
  before = tb_test_read_bytes (path);

  /* Every writer goes through tb_file_write_atomic(): the app's saves too. */
  tb_report_set_year (report, 2021);
  g_assert_false (tb_draft_save (report, path, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "ro.tianbao"));
  g_assert_true (tb_report_get_modified (report));
  g_clear_error (&error);
  g_assert_false (tb_file_write_atomic (path, "x", 1, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_READ_ONLY);
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpuint (tb_test_count_entries (dir), ==, 1);
  }
}

static void
set_age (const char *path,
         gint64      seconds)
{
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - seconds);
  g_assert_cmpint (utime (path, &times), ==, 0);
}

static void
test_stale_temps (void)
{
  g_autofree char *path = work_file ("s.tianbao", "<tianbao-report/>");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *stale = g_build_filename (dir, ".s.tianbao.a1B2c3", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".s.tianbao.d4E5f6", NULL);
  g_autofree char *longer = g_build_filename (dir, ".s.tianbao.a1B2c3d", NULL);
  g_autofree char *other = g_build_filename (dir, ".t.tianbao.a1B2c3", NULL);
  g_autofree char *stale_dir = g_build_filename (dir, ".s.tianbao.g7H8i9", NULL);
  g_autoptr(GError) error = NULL;

  for (const char *const *p = (const char *const[]) { stale, fresh, longer, other, NULL }; *p; p++)
    tb_test_write_file (*p, "half", 4);
  g_assert_cmpint (g_mkdir (stale_dir, 0755), ==, 0);
  set_age (stale, 2 * TB_FILE_STALE_TEMP_AGE);
  set_age (longer, 2 * TB_FILE_STALE_TEMP_AGE);
  set_age (other, 2 * TB_FILE_STALE_TEMP_AGE);
  set_age (stale_dir, 2 * TB_FILE_STALE_TEMP_AGE);
  set_age (fresh, TB_FILE_STALE_TEMP_AGE / 2);

  g_assert_true (tb_file_write_atomic (path, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (longer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale_dir, G_FILE_TEST_IS_DIR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lock/excludes", test_lock_excludes);
  g_test_add_func ("/lock/through-link", test_lock_through_link);
  g_test_add_func ("/lock/threads", test_lock_threads);
  g_test_add_func ("/lock/unwritable-folder", test_lock_unwritable_folder);
  g_test_add_func ("/file-guard/same-file", test_same_file);
  g_test_add_func ("/file-guard/is-draft", test_is_draft);
  g_test_add_func ("/file-guard/read-only", test_read_only);
  g_test_add_func ("/file-guard/stale-temps", test_stale_temps);
  return g_test_run ();
}
