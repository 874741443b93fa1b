/* tb-file-guard.h: what a writer must know about a file before it replaces it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names deceive: "b.tianbao" and "link.pdf" may be one file, "./a" and "a" too. These
 * answers compare the files themselves (device and inode, links followed), read a file's
 * permission bits rather than asking access() (which says yes to root), and recognise a
 * Tianbao draft by its name and by its contents, so that no command writes a PDF or a CSV
 * over a report.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name every draft ends in. */
#define TB_DRAFT_SUFFIX ".tianbao"

/* Temporary files of an atomic save older than this (seconds) belong to a save that was cut
 * short (a kill, a crash, a power cut): the next save of the same file removes them. A live
 * save writes at most a few megabytes and renames its file within seconds. */
#define TB_FILE_STALE_TEMP_AGE 60

/* Whether @a and @b are one existing file: the same device and inode once symbolic links
 * are followed (hard links count too). FALSE if either does not exist. */
gboolean    tb_file_is_same              (const char  *a,
                                          const char  *b);

/* Whether @path (links followed) is an existing Tianbao draft: a regular file named
 * *.tianbao, or one whose first kilobytes hold a <tianbao-report> element. */
gboolean    tb_file_is_draft             (const char  *path);

/* Whether @path (links followed) exists and must not be replaced: its permission bits let
 * nobody write it (chmod 444), or the current user may not write it. A rename over it would
 * succeed all the same, so writers ask first. */
gboolean    tb_file_is_read_only         (const char  *path);

/* The temporary file name pattern of tb_file_write_atomic() for @path: ".NAME.XXXXXX" in the
 * same folder. (transfer full) */
char       *tb_file_temp_template        (const char  *path);

/* Removes the temporary files a cut-short save of @path left behind: regular files in its
 * folder named exactly like tb_file_temp_template() with six random characters, owned by
 * the current user and unchanged for TB_FILE_STALE_TEMP_AGE seconds. Never another
 * writer's live file, never anything else. Returns how many were removed. */
guint       tb_file_remove_stale_temps   (const char  *path);

G_END_DECLS
