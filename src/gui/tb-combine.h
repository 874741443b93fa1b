/* tb-combine.h: Combine Reports, from choosing the inputs to the summary
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clerk chooses the agencies' reports; they are read, checked and added up in a worker
 * thread, a progress bar with Cancel over @parent meanwhile (tb-merge-stream.h, in constant
 * memory: every report or nothing, the same year and format, none given twice or counted
 * already in a summary given too; the summary records what it covers); a dialog says how
 * many are ready and asks whose summary it is; the summary is added up into a new report,
 * not saved yet. Whoever started it shows the summary and its breakdown (TbCombineWindow).
 */
#pragma once

#include <adwaita.h>

#include "tb-document.h"
#include "tb-merge.h"
#include "tb-merge-stream.h"

G_BEGIN_DECLS

/* Inputs that are loaded whole for the breakdown window's column per agency; beyond, only
 * the list of inputs and the sums are kept. */
#define TB_COMBINE_MAX_INPUT_COLUMNS 100

typedef struct
{
  TbDocument *summary;   /* the new summary report, not saved */
  TbMerge    *merge;     /* the inputs, or NULL beyond TB_COMBINE_MAX_INPUT_COLUMNS */
  GListModel *inputs;    /* TbCombineInput: each input, its status and file */
  GPtrArray  *notes;     /* char*: tb_merge_build()'s notes for the clerk */
} TbCombination;

void           tb_combination_free         (TbCombination      *self);

/* Asks over @parent for the reports to combine (starting in the folder of @near, may be
 * NULL), then goes on as tb_combine_reports_async(). */
void           tb_combine_choose_async     (GtkWindow          *parent,
                                            const char         *near,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* Reads @paths in a worker and checks them, asks over @parent for the summary's agency and
 * adds them up. */
void           tb_combine_reports_async    (GtkWindow          *parent,
                                            const char *const  *paths,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* For both. G_IO_ERROR_CANCELLED when the clerk cancelled a chooser or the question; any
 * other error says why the reports could not be combined (nothing was). */
TbCombination *tb_combine_finish           (GAsyncResult       *result,
                                            GError            **error);

/* (transfer full): a streaming merge of @paths, each given by its file's name (not its whole
 * path), as the list of inputs and the breakdown by report name them. Any thread. */
TbMergeStream *tb_combine_stream_new       (const char *const  *paths);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbCombination, tb_combination_free)

G_END_DECLS
