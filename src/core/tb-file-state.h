/* tb-file-state.h: noticing that a file was changed on disk since it was opened or saved
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TbFileState remembers the size, modification time and a SHA-256 of a file's contents
 * when the report was loaded from it or saved into it. Before saving over the file again,
 * tb_file_state_check() tells whether someone else (another program, a colleague on a
 * shared folder) changed it meanwhile, so that their work is not overwritten unasked.
 * A file that was only touched, or rewritten with the same contents, counts as unchanged.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TB_FILE_STATE_UNCHANGED,   /* the same contents as when the state was taken */
  TB_FILE_STATE_CHANGED,     /* different contents, or it cannot be read any more */
  TB_FILE_STATE_DELETED,     /* the file is gone */
} TbFileStateCheck;

typedef struct _TbFileState TbFileState;

/* Reads @path now. Returns NULL with a G_FILE_ERROR if it cannot be read. */
TbFileState      *tb_file_state_new_for_path (const char         *path,
                                              GError            **error);
/* The state of a file whose contents are known to be @data (just written or just read). */
TbFileState      *tb_file_state_new_for_data (const char         *path,
                                              const char         *data,
                                              gsize               len);
TbFileState      *tb_file_state_copy         (const TbFileState  *state);
void              tb_file_state_free         (TbFileState        *state);

TbFileStateCheck  tb_file_state_check        (const TbFileState  *state,
                                              const char         *path);
/* Modification time (microseconds since the epoch) recorded in the state, 0 if unknown. */
gint64            tb_file_state_get_mtime    (const TbFileState  *state);
goffset           tb_file_state_get_size     (const TbFileState  *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbFileState, tb_file_state_free)

G_END_DECLS
