/* tb-lock.h: one writer at a time for a report file
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writer that reads a report, changes it and saves it (tianbao-cli set, the app) holds the
 * report's lock from reading to saving, so that two writers never both save what they read
 * before the other's change. The lock is advisory: an exclusive flock() on a sidecar file
 * ".NAME.lock" beside the report (links to the report followed, so every name of one file
 * shares one lock). The kernel drops it when its holder dies, so it never goes stale; the
 * holder removes the sidecar when it lets go. Where the file system cannot lock (some network
 * or portal file systems) or the folder cannot be written, the lock is a no-op
 * (tb_lock_is_held() says so) and the writer relies on TbFileState alone.
 *
 * The CLI holds it from loading to saving; the app (tb-document-io.c) around the check of
 * its file and the write, so that a script never saves between the two.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TB_LOCK_ERROR (tb_lock_error_quark ())

typedef enum
{
  TB_LOCK_ERROR_BUSY,     /* another writer held the lock for the whole wait */
} TbLockError;

/* How long a command waits for another writer (milliseconds). A save takes well under a
 * second; a writer that holds the lock longer is editing the report. */
#define TB_LOCK_DEFAULT_TIMEOUT_MS 10000

typedef struct _TbLock TbLock;

GQuark       tb_lock_error_quark (void);

/* The sidecar lock file of @path: ".NAME.lock" in the folder of the file @path names. (transfer
 * full) */
char        *tb_lock_get_path    (const char  *path);

/* Takes the lock of @path, waiting at most @timeout_ms for another writer to let go (0: do not
 * wait). Returns NULL with %TB_LOCK_ERROR_BUSY, naming the file and, where it can be read,
 * the holder (program, process, computer), when another writer still holds it. Never fails
 * otherwise: see tb_lock_is_held(). */
TbLock      *tb_lock_acquire     (const char  *path,
                                  guint        timeout_ms,
                                  GError     **error);
/* Whether the lock is really held (FALSE where the file system could not lock). */
gboolean     tb_lock_is_held     (const TbLock *lock);
/* Lets go and removes the sidecar file. */
void         tb_lock_release     (TbLock      *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbLock, tb_lock_release)

G_END_DECLS
