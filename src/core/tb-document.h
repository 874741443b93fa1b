/* tb-document.h: one open report with its file, its undo history and its recovery copy
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TbDocument is what a window shows: a TbReport, the file it belongs to (or none yet),
 * a TbHistory, and the bookkeeping that makes sure nothing is lost:
 *  - the state of the file when it was opened or saved (TbFileState), so that saving over
 *    a file another program changed meanwhile is refused until the clerk agrees;
 *  - a recovery id, and a timer armed by the first unsaved change that writes a recovery
 *    copy (tb-recovery.h) after "autosave-interval" seconds. Saving, or undoing back to
 *    the saved state, removes the copy; so does tb_document_discard_recovery() when the
 *    clerk closes the report without saving;
 *  - its title, the one the window shows.
 * Opening, saving and the recovery copies run in a worker thread (tb-file-io.h): the report
 * is serialized on the calling thread, the file is read or written in the worker. While a
 * save runs the report may change; the document knows which state went to disk, so it is
 * still modified afterwards if it changed meanwhile. The recovery copies are written and
 * removed one after the other, never two at once, so that the last word is always the
 * latest.
 * It knows nothing about widgets: dialogs are the window's business.
 */
#pragma once

#include <gio/gio.h>

#include "tb-file-state.h"
#include "tb-history.h"
#include "tb-recovery.h"
#include "tb-report.h"

G_BEGIN_DECLS

#define TB_DOCUMENT_ERROR (tb_document_error_quark ())

typedef enum
{
  TB_DOCUMENT_ERROR_NO_FILE,           /* saved before it has a file: use Save As */
  TB_DOCUMENT_ERROR_CHANGED_ON_DISK,   /* the file was changed by someone else */
  TB_DOCUMENT_ERROR_LOCKED,            /* another writer (tianbao-cli, a colleague) holds its lock */
} TbDocumentError;

typedef enum
{
  TB_DOCUMENT_SAVE_NONE = 0,
  TB_DOCUMENT_SAVE_OVERWRITE_CHANGED = 1 << 0,   /* the clerk agreed to replace it */
} TbDocumentSaveFlags;

#define TB_DOCUMENT_DEFAULT_AUTOSAVE_INTERVAL 5   /* seconds */

#define TB_TYPE_DOCUMENT (tb_document_get_type ())
G_DECLARE_FINAL_TYPE (TbDocument, tb_document, TB, DOCUMENT, GObject)

GQuark            tb_document_error_quark        (void);

/* A new, empty report for @year (the format follows the year) by @agency. Unmodified
 * until the clerk changes something. NULL if no format covers @year. */
TbDocument       *tb_document_new                (int                     year,
                                                  const char             *agency);
/* Takes a reference on @report; @path may be NULL. The report's present state is its
 * saved state if it is not modified. */
TbDocument       *tb_document_new_for_report     (TbReport               *report,
                                                  const char             *path);
/* Loads @path with tb_draft_load(); the error is the loader's. */
TbDocument       *tb_document_open               (const char             *path,
                                                  GError                **error);
/* The same in a worker thread. A path where there is no file (yet) gives
 * G_IO_ERROR_NOT_FOUND with the loader's message. */
void              tb_document_open_async         (const char             *path,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
TbDocument       *tb_document_open_finish        (GAsyncResult           *result,
                                                  GError                **error);
/* Loads a recovery copy; the document keeps the entry's id (so the copy is replaced by the
 * next autosave and removed by the next save) and belongs to the entry's file. */
TbDocument       *tb_document_new_recovered      (const TbRecoveryEntry  *entry,
                                                  GError                **error);

TbReport         *tb_document_get_report         (TbDocument             *self);
/* Replaces the report (its format changed with its year): the undo history starts anew,
 * the file, its state and the recovery id stay. */
void              tb_document_set_report         (TbDocument             *self,
                                                  TbReport               *report);
TbHistory        *tb_document_get_history        (TbDocument             *self);
/* The file, or NULL for a report never saved. */
const char       *tb_document_get_path           (TbDocument             *self);
const char       *tb_document_get_recovery_id    (TbDocument             *self);
gboolean          tb_document_get_modified       (TbDocument             *self);
/* When the report was last changed, NULL if not since it was opened. */
GDateTime        *tb_document_get_last_change    (TbDocument             *self);

/* The file's name for people ("报告.tianbao"), or "Unsaved report". Property
 * "display-name". */
char             *tb_document_dup_display_name   (TbDocument             *self);
/* The report's title (agency and year) after "• " when modified. Property "heading". */
char             *tb_document_dup_heading        (TbDocument             *self);
/* The window title: the heading and the display name. Property "title". */
char             *tb_document_dup_title          (TbDocument             *self);

/* Whether @path names this document's file (the same file also through another name). */
gboolean          tb_document_has_file           (TbDocument             *self,
                                                  const char             *path);
/* Whether the file was changed on disk since it was opened or last saved here. */
TbFileStateCheck  tb_document_check_file         (TbDocument             *self);

/* Saves to the document's file. Refused with TB_DOCUMENT_ERROR_CHANGED_ON_DISK if another
 * program changed the file, unless @flags say so, and with TB_DOCUMENT_ERROR_LOCKED (naming
 * the holder) if another writer held the file's lock (tb-lock.h) for seconds. On any failure the file on disk and the
 * report are unchanged, and @error says what happened. */
gboolean          tb_document_save               (TbDocument             *self,
                                                  TbDocumentSaveFlags     flags,
                                                  GError                **error);
/* Saves to @path, which becomes the document's file. */
gboolean          tb_document_save_as            (TbDocument             *self,
                                                  const char             *path,
                                                  GError                **error);
/* tb_document_save() (@path NULL) or tb_document_save_as() (@path set) with the file
 * checked and written in a worker thread. One save at a time: while one runs ("saving"),
 * another fails with G_IO_ERROR_PENDING. Once the file is written it is the document's
 * even if @cancellable was cancelled meanwhile; cancelled before, nothing changed. */
void              tb_document_save_async         (TbDocument             *self,
                                                  const char             *path,
                                                  TbDocumentSaveFlags     flags,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean          tb_document_save_finish        (TbDocument             *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
/* Whether a save runs. Property "saving". */
gboolean          tb_document_get_saving         (TbDocument             *self);

/* Seconds; 0 turns autosaving off. */
guint             tb_document_get_autosave_interval (TbDocument          *self);
void              tb_document_set_autosave_interval (TbDocument          *self,
                                                     guint                seconds);
/* Writes the recovery copy now, in this thread, if the report has unsaved changes. FALSE
 * with @error if writing failed (also emitted as ::autosave-failed). (The timer writes it
 * in a worker.) */
gboolean          tb_document_autosave_now       (TbDocument             *self,
                                                  GError                **error);
/* The clerk dropped the unsaved changes: removes the recovery copy (in a worker) and stops
 * the timer (a later change arms it again). */
void              tb_document_discard_recovery   (TbDocument             *self);

G_END_DECLS
