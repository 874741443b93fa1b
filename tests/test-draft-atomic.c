/* test-draft-atomic.c: tests for saving a *.tianbao draft atomically: a failed save keeps the
 * old file
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-draft-atomic"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#endif

#include "tb-draft.h"

#include "tb-test-draft.h"
#include "tb-test-util.h"

/* ---- Atomic saving ------------------------------------------------------------------- */

static TbReport *
make_small_report (const char *agency)
{
  TbReport *report = tb_report_new (tb_format_get ("2021"));

  tb_report_set_agency (report, agency);
  tb_report_set_year (report, 2020);
  g_assert_true (tb_report_set_cell_text (report, 0, "7", NULL));
  return report;
}

static void
test_keeps_mode (void)
{
  g_autofree char *path = tb_test_temp_path ("private.tianbao");
  g_autofree char *fresh = tb_test_temp_path ("fresh.tianbao");
  g_autofree char *dir = tb_test_work_dir ();
  g_autoptr(TbReport) report = make_small_report ("第一版");
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t mask;

  tb_test_write_file (path, "old", -1);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* A new file: 0644 less the umask. */
  mask = umask (022);
  umask (mask);
  g_assert_true (tb_draft_save (report, fresh, &error));
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644 & ~mask);

  /* No temporary files are left behind. */
  g_assert_cmpuint (tb_test_count_entries (dir), ==, 2);
}

static void
test_symlink (void)
{
  g_autofree char *real = tb_test_temp_path ("real.tianbao");
  g_autofree char *link = tb_test_temp_path ("link.tianbao");
  g_autoptr(TbReport) report = make_small_report ("经由链接");
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  tb_test_write_file (real, "old", -1);
  g_assert_cmpint (symlink ("real.tianbao", link), ==, 0);
  g_assert_true (tb_draft_save (report, link, &error));
  g_assert_no_error (error);

  /* The link is still a link, and the file it points to has the report. */
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  loaded = tb_draft_load (real, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_agency (loaded), ==, "经由链接");
}

static void
test_write_atomic_generic (void)
{
  g_autofree char *path = tb_test_temp_path ("recovery.bin");
  g_autofree char *in_missing_dir = tb_test_temp_path ("no-such-folder/x.tianbao");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char data[] = "binary\0data\n";

  g_assert_true (tb_file_write_atomic (path, data, sizeof data, &error));
  g_assert_no_error (error);
  bytes = tb_test_read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, sizeof data);

  g_assert_true (tb_file_write_atomic (path, "", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = tb_test_read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);

  g_assert_false (tb_file_write_atomic (in_missing_dir, "x", 1, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, in_missing_dir));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
}

/* The failure cases need a folder even root cannot write to, and a full disk. As root, a
 * private mount namespace with small tmpfs mounts gives both; the mounts vanish with the
 * test process even if it fails half-way. Without the right to mount (a container), root
 * drops the capabilities that let it ignore permission bits and gets a read-only folder
 * from chmod like any other user; the full disk is then skipped. */
#ifdef __linux__
static gboolean
set_override_capabilities (gboolean on)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  guint32 mask = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER);

  if (syscall (SYS_capget, &header, data) != 0)
    return FALSE;
  if (on)
    data[0].effective |= mask & data[0].permitted;
  else
    data[0].effective &= ~mask;
  return syscall (SYS_capset, &header, data) == 0;
}

static gboolean
enter_private_mount_namespace (void)
{
  static int state = 0;   /* 0 not tried, 1 ok, -1 not possible */

  if (state == 0)
    {
      if (unshare (CLONE_NEWNS) == 0 &&
          mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0)
        state = 1;
      else
        state = -1;
    }
  return state == 1;
}

static gboolean
mount_tmpfs (const char *dir,
             const char *options)
{
  return enter_private_mount_namespace () &&
         mount ("tianbao-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}
#endif

static void
assert_failed_save_keeps (const char *dir,
                          const char *path,
                          GBytes     *before,
                          int         errsv)
{
  g_autoptr(TbReport) report = make_small_report ("新版本，不应写入");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  const char *created;

  created = tb_report_get_created (report);
  g_assert_null (created);

  g_assert_false (tb_draft_save (report, path, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_test_message ("failed save: %s", error->message);
  g_assert_nonnull (strstr (error->message, display));
  g_assert_nonnull (strstr (error->message, g_strerror (errsv)));
  g_assert_nonnull (strstr (error->message, "previous version"));
  if (errsv == ENOSPC)
    g_assert_nonnull (strstr (error->message, "disk is full"));

  /* Byte-identical, and no temporary file is left behind. */
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (tb_test_count_entries (dir), >=, 1);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }

  /* The report is as it was: still modified, no timestamps invented. */
  g_assert_true (tb_report_get_modified (report));
  g_assert_null (tb_report_get_created (report));
  g_assert_null (tb_report_get_modified_time (report));
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = tb_test_temp_path ("read-only");
  g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);
  g_autoptr(TbReport) old = make_small_report ("旧版本");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  gboolean mounted = FALSE;
  gboolean dropped = FALSE;
  int errsv;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
#ifdef __linux__
  mounted = geteuid () == 0 && mount_tmpfs (dir, "size=1m,mode=0755");
#endif
  g_assert_true (tb_draft_save (old, path, &error));
  g_assert_no_error (error);
  before = tb_test_read_bytes (path);

  if (mounted)
    {
#ifdef __linux__
      g_assert_cmpint (mount ("tianbao-test", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
#endif
      errsv = EROFS;
    }
  else
    {
#ifdef __linux__
      dropped = geteuid () == 0 && set_override_capabilities (FALSE);
#endif
      if (geteuid () == 0 && !dropped)
        {
          g_test_skip ("running as root, cannot mount nor drop CAP_DAC_OVERRIDE: "
                       "no folder is read-only to root");
          return;
        }
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      errsv = EACCES;
    }

  assert_failed_save_keeps (dir, path, before, errsv);

#ifdef __linux__
  if (mounted)
    g_assert_cmpint (umount (dir), ==, 0);
  if (dropped)
    g_assert_true (set_override_capabilities (TRUE));
#endif
  if (!mounted)
    g_chmod (dir, 0755);
}

static void
test_disk_full (void)
{
#ifdef __linux__
  g_autofree char *dir = tb_test_temp_path ("small-disk");
  g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(TbReport) old = make_small_report ("旧版本");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  char block[4096];
  int fd;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  if (geteuid () != 0 || !mount_tmpfs (dir, "size=64k,mode=0755"))
    {
      g_test_skip ("cannot mount a small tmpfs (needs root and CAP_SYS_ADMIN)");
      return;
    }

  g_assert_true (tb_draft_save (old, path, &error));
  g_assert_no_error (error);
  before = tb_test_read_bytes (path);

  /* Fill the disk to the last block. */
  memset (block, 'f', sizeof block);
  fd = g_open (filler, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);

  assert_failed_save_keeps (dir, path, before, ENOSPC);

  /* The generic writer reports it the same way. */
  g_assert_false (tb_file_write_atomic (path, "0123456789", 10, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "disk is full"));

  g_assert_cmpint (umount (dir), ==, 0);
#else
  g_test_skip ("needs Linux tmpfs");
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draft/atomic/keeps-mode", test_keeps_mode);
  g_test_add_func ("/draft/atomic/symlink", test_symlink);
  g_test_add_func ("/draft/atomic/generic", test_write_atomic_generic);
  g_test_add_func ("/draft/atomic/read-only-folder", test_read_only_folder);
  g_test_add_func ("/draft/atomic/disk-full", test_disk_full);

  return g_test_run ();
}
