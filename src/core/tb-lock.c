/* tb-lock.c: one writer at a time for a report file
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * flock() rather than POSIX record locks: it belongs to the open file, not to the process,
 * so closing another descriptor of the same file (a library reading it) never drops it, and
 * threads of one program exclude each other too. Waiting polls with a growing pause instead
 * of blocking, so that the wait has a bound without signals.
 *
 * The sidecar is removed by its holder; a waiter that gets the lock of a removed sidecar (it
 * opened the file just before) notices that the name now leads elsewhere and starts again.
 */
#define G_LOG_DOMAIN "tb-lock"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-lock.h"

#define HOLDER_MAX 256         /* bytes of the holder's note read back */
#define PAUSE_FIRST_MS 2
#define PAUSE_MAX_MS 50

struct _TbLock
{
  int   fd;                    /* -1: nothing is locked (see tb_lock_is_held()) */
  char *path;                  /* the sidecar */
};

G_DEFINE_QUARK (tb-lock-error-quark, tb_lock_error)

char *
tb_lock_get_path (const char *path)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *real;

  g_return_val_if_fail (path != NULL, NULL);

  /* Every name of the file shares the lock: follow links to the file itself. */
  real = realpath (path, NULL);
  target = real != NULL ? g_strdup (real) : g_strdup (path);
  free (real);
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  name = g_strdup_printf (".%s.lock", base);
  return g_build_filename (dir, name, NULL);
}

/* Whether @fd is still the file named @path (the previous holder may have removed it). */
static gboolean
still_named (int         fd,
             const char *path)
{
  GStatBuf by_name;
  struct stat by_fd;

  return fstat (fd, &by_fd) == 0 && g_lstat (path, &by_name) == 0 &&
         by_fd.st_dev == by_name.st_dev && by_fd.st_ino == by_name.st_ino;
}

/* Leaves a note saying who holds the lock, for the message another writer shows. */
static void
write_holder (int fd)
{
  g_autofree char *note = g_strdup_printf ("%s\n%d\n%s\n",
                                           g_get_prgname () ? g_get_prgname () : "tianbao",
                                           (int) getpid (), g_get_host_name ());
  gssize ignored G_GNUC_UNUSED;

  if (ftruncate (fd, 0) == 0)
    ignored = pwrite (fd, note, strlen (note), 0);
}

/* "tianbao-cli set, process 1234 on pc-01", or NULL when the note cannot be read or is not
 * plain text (it comes from another program). */
static char *
read_holder (const char *path)
{
  char buffer[HOLDER_MAX + 1];
  g_auto(GStrv) lines = NULL;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0)
    return NULL;
  n = read (fd, buffer, HOLDER_MAX);
  close (fd);
  if (n <= 0)
    return NULL;
  buffer[n] = '\0';
  if (!g_utf8_validate (buffer, n, NULL))
    return NULL;
  for (gssize i = 0; i < n; i++)
    if ((guchar) buffer[i] < 0x20 && buffer[i] != '\n')
      return NULL;
  lines = g_strsplit (buffer, "\n", 4);
  if (g_strv_length (lines) < 3 || *lines[0] == '\0' || *lines[1] == '\0' || *lines[2] == '\0')
    return NULL;
  /* TRANSLATORS: program, process number, computer name */
  return g_strdup_printf (_("%s, process %s on %s"), lines[0], lines[1], lines[2]);
}

static TbLock *
lock_new (int         fd,
          const char *path)
{
  TbLock *lock = g_new0 (TbLock, 1);

  lock->fd = fd;
  lock->path = g_strdup (path);
  return lock;
}

/**
 * tb_lock_acquire:
 * @path: the report file
 * @timeout_ms: how long to wait for another writer, in milliseconds
 * @error: %TB_LOCK_ERROR_BUSY
 *
 * Returns: (transfer full) (nullable): the lock, to be released with tb_lock_release()
 */
TbLock *
tb_lock_acquire (const char  *path,
                 guint        timeout_ms,
                 GError     **error)
{
  g_autofree char *lock_path = NULL;
  gint64 deadline;
  guint pause_ms = PAUSE_FIRST_MS;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lock_path = tb_lock_get_path (path);
  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  for (;;)
    {
      int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);

      if (fd < 0 && (errno == EACCES || errno == EPERM))
        /* Created by a colleague whose files we may read but not write. */
        fd = g_open (lock_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        {
          /* A folder we cannot write in (the save will say so), a link planted as the
           * sidecar: no lock, and the writer relies on its file state check. */
          g_debug ("%s: not locked: %s", lock_path, g_strerror (errno));
          return lock_new (-1, lock_path);
        }

      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (still_named (fd, lock_path))
            {
              write_holder (fd);
              return lock_new (fd, lock_path);
            }
          /* The previous holder removed it after we opened it: start again at once. */
          close (fd);
          continue;
        }
      if (errno != EWOULDBLOCK && errno != EINTR)
        {
          g_debug ("%s: not locked: %s", lock_path, g_strerror (errno));
          close (fd);
          return lock_new (-1, lock_path);
        }
      close (fd);

      if (g_get_monotonic_time () >= deadline)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *holder = read_holder (lock_path);
          guint seconds = (timeout_ms + 999) / 1000;

          if (holder != NULL)
            g_set_error (error, TB_LOCK_ERROR, TB_LOCK_ERROR_BUSY,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "“%s” is being changed by another program (%s), which "
                                      "did not finish within %u second. Try again when it "
                                      "is done.",
                                      "“%s” is being changed by another program (%s), which "
                                      "did not finish within %u seconds. Try again when it "
                                      "is done.", seconds),
                         display, holder, seconds);
          else
            g_set_error (error, TB_LOCK_ERROR, TB_LOCK_ERROR_BUSY,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "“%s” is being changed by another program, which did "
                                      "not finish within %u second. Try again when it is "
                                      "done.",
                                      "“%s” is being changed by another program, which did "
                                      "not finish within %u seconds. Try again when it is "
                                      "done.", seconds),
                         display, seconds);
          return NULL;
        }
      g_usleep (pause_ms * 1000);
      pause_ms = MIN (pause_ms * 2, PAUSE_MAX_MS);
    }
}

gboolean
tb_lock_is_held (const TbLock *lock)
{
  g_return_val_if_fail (lock != NULL, FALSE);
  return lock->fd >= 0;
}

void
tb_lock_release (TbLock *lock)
{
  if (lock == NULL)
    return;
  if (lock->fd >= 0)
    {
      /* Removed while still held, so nobody locks a file that is about to go. */
      g_unlink (lock->path);
      close (lock->fd);
    }
  g_free (lock->path);
  g_free (lock);
}
