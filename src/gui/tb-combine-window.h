/* tb-combine-window.h: the breakdown by agency of a combined (summary) report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown beside the summary's own window after Combine Reports: which inputs are not ready
 * and why, then one row per cell (its part, official row and column labels), the sum and
 * one column per agency, filtered by part or by text. Export CSV writes the same file as
 * `tianbao-cli merge --breakdown` (tb_merge_breakdown_csv()). Its ::open-file signal asks
 * for an input to be opened.
 */
#pragma once

#include <adwaita.h>

#include "tb-merge.h"

G_BEGIN_DECLS

#define TB_TYPE_COMBINE_WINDOW (tb_combine_window_get_type ())
G_DECLARE_FINAL_TYPE (TbCombineWindow, tb_combine_window, TB, COMBINE_WINDOW, AdwWindow)

/* Takes @merge (transfer full, nullable: no column per agency, when there are many);
 * @inputs: a model of TbCombineInput, every input with its status and file (the clerk opens
 * one by activating its row); @summary is the merge's report, shown in
 * @summary_window (may be NULL); @notes: (nullable) the build's notes (char*). While
 * @summary_window is open, closing the breakdown only hides it. */
TbCombineWindow *tb_combine_window_new           (GtkApplication  *application,
                                                  TbMerge         *merge,
                                                  GListModel      *inputs,
                                                  TbReport        *summary,
                                                  GPtrArray       *notes,
                                                  GtkWindow       *summary_window);
TbReport        *tb_combine_window_get_summary   (TbCombineWindow *self);
/* (nullable): the inputs loaded whole, for a few of them */
TbMerge         *tb_combine_window_get_merge     (TbCombineWindow *self);
/* A model of TbCombineInput: every input, in order. */
GListModel      *tb_combine_window_get_inputs    (TbCombineWindow *self);
G_END_DECLS
