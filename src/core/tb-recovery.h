/* tb-recovery.h: recovery copies of unsaved reports, offered again after a crash
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every open report gets a random id. While it has unsaved changes, the application writes
 * a recovery copy of it (a normal draft file, written atomically) into
 * $XDG_DATA_HOME/tianbao/recovery/<id>.tianbao, with a small key file <id>.ini beside it
 * saying which file the report belongs to, its title and when it was last changed. Saving
 * or discarding the report removes both. After a crash, the next start lists what is left
 * and offers it to the clerk.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;            /* the report's recovery id */
  char      *draft_path;    /* the recovery copy */
  char      *file;          /* the report's own file, or NULL if it was never saved */
  char      *title;         /* the report's title when the copy was written */
  GDateTime *changed;       /* when the report was last changed (local time) */
  int        pid;           /* the process that wrote the copy */
  gboolean   in_use;        /* that process still runs: the report is open elsewhere */
  GError    *error;         /* for damaged entries: what is wrong */
} TbRecoveryEntry;

void              tb_recovery_entry_free (TbRecoveryEntry   *entry);

/* (transfer full): g_get_user_data_dir()/tianbao/recovery */
char             *tb_recovery_dup_dir    (void);
/* (transfer full): a new random id */
char             *tb_recovery_new_id     (void);

/* Writes (replaces) the recovery copy of @report under @id. @file is the report's own file
 * or NULL; @changed the time of its last change, or NULL for now. */
gboolean          tb_recovery_write      (const char        *id,
                                          TbReport          *report,
                                          const char        *file,
                                          GDateTime         *changed,
                                          GError           **error);
/* The same for a report serialized already (tb_draft_serialize()) whose title is @title;
 * touches no report, so a worker thread may call it. */
gboolean          tb_recovery_write_bytes (const char       *id,
                                           GBytes           *draft,
                                           const char       *title,
                                           const char       *file,
                                           GDateTime        *changed,
                                           GError          **error);

/* Removes the recovery copy of @id (no error if there is none). */
gboolean          tb_recovery_discard    (const char        *id,
                                          GError           **error);

/* (transfer full): the recovery copies that can be loaded, last changed first
 * (TbRecoveryEntry*). Copies that cannot be loaded are left alone and returned in @damaged
 * (with their error) if it is not NULL. */
GPtrArray        *tb_recovery_list       (GPtrArray        **damaged);

/* (transfer full): the report of @entry, marked modified (it was not saved). */
TbReport         *tb_recovery_load       (const TbRecoveryEntry *entry,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbRecoveryEntry, tb_recovery_entry_free)

G_END_DECLS
