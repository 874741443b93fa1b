/* tb-file-io.h: file work off the GUI thread
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and writing a file can take long: a clerk's home folder on a file server, a slow
 * USB stick. A front end runs that work in a worker thread and goes on drawing frames. The
 * tasks made here count as pending from their start until their callback returned
 * (tb_file_io_get_n_pending(): a test waits for them, nothing else polls), and each holds
 * the default GApplication meanwhile, so that quitting never cuts a save short. The
 * workers touch no object the main thread uses: they get paths and bytes, and hand back
 * new objects.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GTask for @source_object (may be NULL) whose callback runs in the thread-default main
 * context, counted as pending until @callback returned. */
GTask     *tb_file_io_task_new             (gpointer              source_object,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* The tasks made by tb_file_io_task_new() whose callback has not returned yet. */
guint      tb_file_io_get_n_pending        (void);
/* Called by every worker first: waits out the delay a test set (tb-file-io-private.h), if
 * any. Returns FALSE if @cancellable was cancelled meanwhile. */
gboolean   tb_file_io_worker_begin         (GCancellable         *cancellable);

/* Loads the drafts at @paths (NULL-terminated) in a worker, in order, stopping at the first
 * that cannot be read. */
void       tb_file_io_load_reports_async   (const char *const    *paths,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* (transfer container): the TbReport of each path, in order. NULL with @error (the loader's,
 * naming the file; G_IO_ERROR_NOT_FOUND for a file that does not exist) when one could not
 * be read; @failed (may be NULL) is then its index. */
GPtrArray *tb_file_io_load_reports_finish  (GAsyncResult         *result,
                                            guint                *failed,
                                            GError              **error);

/* Writes @bytes to @path with tb_file_write_atomic() in a worker. */
void       tb_file_io_write_async          (const char           *path,
                                            GBytes               *bytes,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   tb_file_io_write_finish         (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
