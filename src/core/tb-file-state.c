/* tb-file-state.c: noticing that a file was changed on disk since it was opened or saved
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-file-state"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-file-state.h"

struct _TbFileState
{
  goffset  size;
  gint64   mtime;      /* microseconds since the epoch */
  char    *checksum;   /* SHA-256 of the contents, NULL for a file too large to read */
};

static gint64
stat_mtime (const GStatBuf *st)
{
  return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

/* Reads a regular file of at most TB_DRAFT_MAX_SIZE bytes; anything else yields a checksum
 * of NULL. Returns FALSE with errno set if the file cannot be read at all. */
static gboolean
read_state (const char *path,
            GStatBuf   *st,
            char      **checksum)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  *checksum = NULL;
  if (g_stat (path, st) < 0)
    return FALSE;
  if (!S_ISREG (st->st_mode))
    {
      errno = EINVAL;
      return FALSE;
    }
  if (st->st_size > TB_DRAFT_MAX_SIZE)
    return TRUE;
  if (!g_file_get_contents (path, &data, &len, &error))
    {
      errno = EIO;
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        errno = ENOENT;
      else if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        errno = EACCES;
      return FALSE;
    }
  st->st_size = (off_t) len;
  *checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  return TRUE;
}

/**
 * tb_file_state_new_for_path:
 * @path: a file
 * @error: a #G_FILE_ERROR
 *
 * Returns: (transfer full) (nullable): the state of @path now
 */
TbFileState *
tb_file_state_new_for_path (const char  *path,
                            GError     **error)
{
  TbFileState *state;
  GStatBuf st;
  char *checksum;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_state (path, &st, &checksum))
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not read “%s”: %s."), display, g_strerror (errsv));
      return NULL;
    }
  state = g_new0 (TbFileState, 1);
  state->size = st.st_size;
  state->mtime = stat_mtime (&st);
  state->checksum = checksum;
  return state;
}

/**
 * tb_file_state_new_for_data:
 * @path: the file @data was read from or written to; its modification time is taken
 *   if it can be
 * @data: the file's contents
 * @len: their length
 *
 * Returns: (transfer full): the state of a file holding @data
 */
TbFileState *
tb_file_state_new_for_data (const char *path,
                            const char *data,
                            gsize       len)
{
  TbFileState *state = g_new0 (TbFileState, 1);
  GStatBuf st;

  g_return_val_if_fail (data != NULL || len == 0, state);

  state->size = (goffset) len;
  state->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                 (const guchar *) (data ? data : ""), len);
  if (path != NULL && g_stat (path, &st) == 0)
    state->mtime = stat_mtime (&st);
  return state;
}

TbFileState *
tb_file_state_copy (const TbFileState *state)
{
  TbFileState *copy;

  g_return_val_if_fail (state != NULL, NULL);

  copy = g_new0 (TbFileState, 1);
  copy->size = state->size;
  copy->mtime = state->mtime;
  copy->checksum = g_strdup (state->checksum);
  return copy;
}

void
tb_file_state_free (TbFileState *state)
{
  if (state == NULL)
    return;
  g_free (state->checksum);
  g_free (state);
}

/**
 * tb_file_state_check:
 * @state: the state when the report was loaded or saved
 * @path: the file as it is now
 *
 * Compares contents, not only times: a file that was touched or rewritten with the same
 * bytes is unchanged; one with other bytes is changed even if its time was set back.
 */
TbFileStateCheck
tb_file_state_check (const TbFileState *state,
                     const char        *path)
{
  g_autofree char *checksum = NULL;
  GStatBuf st;

  g_return_val_if_fail (state != NULL, TB_FILE_STATE_CHANGED);
  g_return_val_if_fail (path != NULL, TB_FILE_STATE_CHANGED);

  if (!read_state (path, &st, &checksum))
    return errno == ENOENT || errno == ENOTDIR ? TB_FILE_STATE_DELETED : TB_FILE_STATE_CHANGED;
  if ((goffset) st.st_size != state->size)
    return TB_FILE_STATE_CHANGED;
  if (checksum == NULL || state->checksum == NULL)
    /* Too large to compare contents: fall back to the time. */
    return stat_mtime (&st) == state->mtime ? TB_FILE_STATE_UNCHANGED : TB_FILE_STATE_CHANGED;
  return g_strcmp0 (checksum, state->checksum) == 0 ? TB_FILE_STATE_UNCHANGED
                                                     : TB_FILE_STATE_CHANGED;
}

gint64
tb_file_state_get_mtime (const TbFileState *state)
{
  g_return_val_if_fail (state != NULL, 0);
  return state->mtime;
}

goffset
tb_file_state_get_size (const TbFileState *state)
{
  g_return_val_if_fail (state != NULL, 0);
  return state->size;
}
