/* tb-draft-file.c: drafts on disk: writing files atomically, loading within limits
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file is never half written: a temporary file in the same folder is flushed to the disk
 * and renamed over the old one. Reading refuses what is too large or no regular file before
 * reading it.
 */
#define G_LOG_DOMAIN "tb-draft"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-draft-private.h"
#include "tb-file-guard.h"

#define READ_CHUNK    (64 * 1024)

/* ------------------------------------------------------------------ atomic writing */

static gboolean
set_io_error (GError    **error,
              const char *display,
              int         errsv,
              gboolean    kept)
{
  g_autofree char *reason = NULL;

  if (errsv == ENOSPC || errsv == EDQUOT)
    /* TRANSLATORS: %s is the system's reason, e.g. "No space left on device" */
    reason = g_strdup_printf (_("the disk is full (%s)"), g_strerror (errsv));
  else
    reason = g_strdup (g_strerror (errsv));

  if (kept)
    /* TRANSLATORS: first %s is a file name, second the reason */
    g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                 _("Could not save “%s”: %s. The previous version of the file is unchanged."),
                 display, reason);
  else
    g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                 _("Could not save “%s”: %s."), display, reason);
  return FALSE;
}

/* A symbolic link is followed, so that saving replaces the file it points to and not
 * the link itself. */
static char *
resolve_target (const char *path)
{
  GStatBuf st;
  char *real;

  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      real = realpath (path, NULL);
      if (real != NULL)
        {
          char *copy = g_strdup (real);

          free (real);
          return copy;
        }
    }
  return g_strdup (path);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Best effort: some file systems cannot sync a directory, and the rename is done. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * tb_file_write_atomic:
 * @path: the file to write
 * @data: the new contents
 * @len: length of @data
 * @error: a %TB_DRAFT_ERROR_IO naming the file and the reason
 *
 * Writes a temporary file in the folder of @path, flushes it to the disk and renames it
 * over @path. An existing file keeps its permission bits (and, where allowed, its owner).
 * A read-only file (tb_file_is_read_only()) is refused with %TB_DRAFT_ERROR_READ_ONLY: the
 * rename would replace it all the same. Temporary files a cut-short save of the same file
 * left behind are removed first (tb_file_remove_stale_temps()).
 * On failure the previous file is untouched and the temporary file is removed.
 */
gboolean
tb_file_write_atomic (const char  *path,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;
  mode_t mode = 0644;
  int fd;
  int errsv;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  target = resolve_target (path);
  dir = g_path_get_dirname (target);
  tmp = tb_file_temp_template (target);

  exists = g_stat (target, &st) == 0;
  if (exists && tb_file_is_read_only (target))
    {
      /* TRANSLATORS: %s is a file name */
      g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_READ_ONLY,
                   _("Could not save “%s”: the file is read-only. It was not changed; make it "
                     "writable first, or save under another name."),
                   display);
      return FALSE;
    }
  tb_file_remove_stale_temps (target);
  if (exists)
    mode = st.st_mode & 07777;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    return set_io_error (error, display, errno, exists);

  /* The open() above applied the umask; an existing file's bits are kept exactly. */
  if (exists)
    {
      if (fchmod (fd, mode) < 0)
        {
          errsv = errno;
          goto _tb_draft_fail;
        }
      if (st.st_uid != geteuid () || st.st_gid != getegid ())
        {
          int ignored G_GNUC_UNUSED = fchown (fd, st.st_uid, st.st_gid);
        }
    }

  if (!write_all (fd, data, len) || fsync (fd) < 0)
    {
      errsv = errno;
      goto _tb_draft_fail;
    }
  if (close (fd) < 0)
    {
      fd = -1;
      errsv = errno;
      goto _tb_draft_fail;
    }
  fd = -1;

  if (g_rename (tmp, target) < 0)
    {
      errsv = errno;
      goto _tb_draft_fail;
    }
  sync_directory (dir);
  return TRUE;

_tb_draft_fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_io_error (error, display, errsv, exists);
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * tb_draft_save:
 * @report: the report
 * @path: where to save it
 * @error: a %TB_DRAFT_ERROR_IO naming the file and the reason
 *
 * Stamps the report (created, if it has no creation time yet, and modified), writes it
 * with tb_file_write_atomic() and marks it unmodified. On failure the report is left as
 * it was, timestamps included.
 */
gboolean
tb_draft_save (TbReport   *report,
               const char *path,
               GError    **error)
{
  g_autofree char *old_created = NULL;
  g_autofree char *old_modified = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *created;
  gsize len;
  const char *data;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_created = g_strdup (tb_report_get_created (report));
  old_modified = g_strdup (tb_report_get_modified_time (report));
  now = now_timestamp ();

  created = tb_report_get_created (report);
  if (created == NULL || *created == '\0')
    tb_report_set_created (report, now);
  tb_report_set_modified_time (report, now);

  bytes = tb_draft_serialize (report);
  data = g_bytes_get_data (bytes, &len);
  if (!tb_file_write_atomic (path, data, len, error))
    {
      tb_report_set_created (report, old_created);
      tb_report_set_modified_time (report, old_modified);
      return FALSE;
    }

  tb_report_set_modified (report, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ reading */

/**
 * tb_draft_load:
 * @path: a draft file
 * @error: a %TB_DRAFT_ERROR whose message names the file
 *
 * Refuses files larger than %TB_DRAFT_MAX_SIZE without reading them, and anything that is
 * not a regular file (a FIFO or a device would block or never end).
 *
 * Returns: (transfer full) (nullable): the report, marked unmodified
 */
TbReport *
tb_draft_load (const char  *path,
               GError     **error)
{
  return tb_draft_load_full (path, NULL, error);
}

/**
 * tb_draft_load_full:
 * @path: a draft file
 * @contents: (out) (optional) (transfer full): the bytes the report was read from, set when
 *   it could be read
 * @error: a %TB_DRAFT_ERROR whose message names the file
 *
 * tb_draft_load(), also giving the bytes it read: a writer takes its TbFileState from them
 * (tb_file_state_new_for_data()), not from a second read that another writer may follow.
 *
 * Returns: (transfer full) (nullable): the report, marked unmodified
 */
TbReport *
tb_draft_load_full (const char  *path,
                    GBytes     **contents,
                    GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  GError *local = NULL;
  TbReport *report;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int errsv = errno;

      _tb_draft_fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."), display,
                      g_strerror (errsv));
      return NULL;
    }
  if (fstat (fd, &st) < 0)
    {
      int errsv = errno;

      close (fd);
      _tb_draft_fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."), display,
                      g_strerror (errsv));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      _tb_draft_fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: it is not a regular file."),
                      display);
      return NULL;
    }

  buffer = g_byte_array_sized_new (MIN ((gsize) st.st_size, (gsize) TB_DRAFT_MAX_SIZE) + 1);
  while ((gsize) st.st_size <= TB_DRAFT_MAX_SIZE)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          _tb_draft_fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."), display,
                          g_strerror (errsv));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
      /* The file may have grown since fstat(): never hold more than the limit. */
      if (buffer->len > TB_DRAFT_MAX_SIZE)
        break;
    }
  close (fd);

  if ((gsize) st.st_size > TB_DRAFT_MAX_SIZE || buffer->len > TB_DRAFT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (MAX ((guint64) st.st_size, buffer->len));
      g_autofree char *limit = g_format_size (TB_DRAFT_MAX_SIZE);

      _tb_draft_fail (error, TB_DRAFT_ERROR_TOO_LARGE,
                      _("Could not open “%s”: the file is too large to be a Tianbao report (%s; the "
                        "limit is %s)."),
                      display, size, limit);
      return NULL;
    }

  report = tb_draft_parse ((const char *) buffer->data, buffer->len, &local);
  if (report == NULL)
    {
      /* TRANSLATORS: %s is a file name; the reason follows as a sentence */
      g_prefix_error (&local, _("Could not open “%s”. "), display);
      g_propagate_error (error, local);
      return NULL;
    }
  if (contents != NULL)
    *contents = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return report;
}

