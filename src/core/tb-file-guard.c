/* tb-file-guard.c: what a writer must know about a file before it replaces it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-file-guard"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tb-file-guard.h"

/* How much of a file is read to recognise a draft: the XML declaration, a comment or two
 * and the root element fit easily. */
#define SNIFF_SIZE 4096
/* mkstemp()'s random part. */
#define TEMP_RANDOM_LEN 6

gboolean
tb_file_is_same (const char *a,
                 const char *b)
{
  GStatBuf sa, sb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether the start of a file holds the root element of a draft. */
static gboolean
sniff_draft (const char *path)
{
  char buffer[SNIFF_SIZE + 1];
  gssize n;
  int fd;

  /* O_NONBLOCK: a FIFO named like a draft must not hang the question. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  do
    n = read (fd, buffer, SNIFF_SIZE);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n <= 0)
    return FALSE;
  buffer[n] = '\0';
  /* The bytes may hold NULs; memmem looks past them. */
  return memmem (buffer, (gsize) n, "<tianbao-report", strlen ("<tianbao-report")) != NULL;
}

gboolean
tb_file_is_draft (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (g_str_has_suffix (path, TB_DRAFT_SUFFIX))
    return TRUE;
  /* A link named otherwise may point at a draft. */
  {
    char *resolved = realpath (path, NULL);
    gboolean named = resolved != NULL && g_str_has_suffix (resolved, TB_DRAFT_SUFFIX);

    free (resolved);
    if (named)
      return TRUE;
  }
  return sniff_draft (path);
}

gboolean
tb_file_is_read_only (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return FALSE;
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return TRUE;
  /* Root may write anything; for everybody else the bits decide. */
  return geteuid () != 0 && g_access (path, W_OK) != 0 && errno == EACCES;
}

char *
tb_file_temp_template (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  name = g_strdup_printf (".%s.XXXXXX", base);
  return g_build_filename (dir, name, NULL);
}

/* Whether @name is ".BASE." followed by exactly six characters of mkstemp()'s alphabet. */
static gboolean
is_temp_name (const char *name,
              const char *base)
{
  gsize base_len = strlen (base);
  const char *random;

  if (name[0] != '.' || strncmp (name + 1, base, base_len) != 0 || name[base_len + 1] != '.')
    return FALSE;
  random = name + base_len + 2;
  if (strlen (random) != TEMP_RANDOM_LEN)
    return FALSE;
  for (const char *p = random; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

guint
tb_file_remove_stale_temps (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) folder = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (path != NULL, 0);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  folder = g_dir_open (dir, 0, NULL);
  if (folder == NULL)
    return 0;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *candidate = NULL;
      GStatBuf st;

      if (!is_temp_name (name, base))
        continue;
      candidate = g_build_filename (dir, name, NULL);
      /* lstat: a link is never ours. */
      if (g_lstat (candidate, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != geteuid ())
        continue;
      if (now - (gint64) st.st_mtime < TB_FILE_STALE_TEMP_AGE)
        continue;
      if (g_unlink (candidate) == 0)
        removed++;
    }
  return removed;
}
