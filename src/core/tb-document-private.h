/* tb-document-private.h: the fields of TbDocument, shared by tb-document.c (the object, its
 * title and its autosave timer) and tb-document-io.c (opening, saving, recovery copies)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-document.h"

G_BEGIN_DECLS

typedef enum
{
  TB_RECOVERY_NONE,
  TB_RECOVERY_WRITE,
  TB_RECOVERY_DISCARD,
} TbRecoveryOp;

typedef enum
{
  TB_DOCUMENT_PROP_0,
  TB_DOCUMENT_PROP_REPORT,
  TB_DOCUMENT_PROP_HISTORY,
  TB_DOCUMENT_PROP_PATH,
  TB_DOCUMENT_PROP_MODIFIED,
  TB_DOCUMENT_PROP_DISPLAY_NAME,
  TB_DOCUMENT_PROP_HEADING,
  TB_DOCUMENT_PROP_TITLE,
  TB_DOCUMENT_PROP_SAVING,
  TB_DOCUMENT_PROP_AUTOSAVE_INTERVAL,
  TB_DOCUMENT_N_PROPS
} TbDocumentProp;

struct _TbDocument
{
  GObject       parent_instance;

  TbReport     *report;
  TbHistory    *history;
  char         *path;
  TbFileState  *file_state;
  char         *recovery_id;
  GDateTime    *last_change;

  guint         autosave_interval;
  guint         autosave_id;
  gboolean      recovery_written;     /* a copy of this document is on disk */
  TbRecoveryOp  recovery_running;     /* the write or removal in a worker now */
  TbRecoveryOp  recovery_queued;      /* what to do once it finished */

  gboolean      saving;
  gboolean      changed_while_saving; /* the report changed after the save serialized it */
  GBytes       *saved_bytes;          /* what that save wrote: undoing back to it makes the
                                         report unmodified again */
};

/* tb-document.c */
TbDocument *tb_document_new_internal      (TbReport     *report,
                                           const char   *path,
                                           const char   *recovery_id,
                                           TbFileState  *file_state);
void        tb_document_notify            (TbDocument   *self,
                                           TbDocumentProp prop);
void        tb_document_cancel_autosave   (TbDocument   *self);
void        tb_document_emit_autosave_failed (TbDocument   *self,
                                              const GError *error);

/* tb-document-io.c */
/* After an undo or redo: unmodified if the report is what an earlier save wrote while the
 * clerk typed on. */
void        tb_document_check_saved_bytes (TbDocument   *self);
/* Writes the recovery copy or removes it in a worker, after the one running now. */
void        tb_document_queue_recovery    (TbDocument   *self,
                                           TbRecoveryOp  op);

G_END_DECLS
