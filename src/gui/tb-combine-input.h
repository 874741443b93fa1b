/* tb-combine-input.h: one input of Combine Reports, as its list shows it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small immutable object per input (a few hundred bytes): its agency, its file, whether it
 * is ready, and why not — made from the streaming merge's item (tb-merge-stream.h) while
 * the reports are read, so the list of 100,000 inputs never needs the reports themselves.
 * Made on any thread; only read afterwards.
 */
#pragma once

#include <glib-object.h>

#include "tb-merge-stream.h"

G_BEGIN_DECLS

#define TB_TYPE_COMBINE_INPUT (tb_combine_input_get_type ())
G_DECLARE_FINAL_TYPE (TbCombineInput, tb_combine_input, TB, COMBINE_INPUT, GObject)

/* From @item (during the TbMergeItemFunc, when its issues are there); @path: (nullable)
 * the input's file. */
TbCombineInput    *tb_combine_input_new         (const TbMergeItem *item,
                                                 const char        *path);

guint              tb_combine_input_get_index   (TbCombineInput    *self);
/* The agency, or the file's name when it has none. */
const char        *tb_combine_input_get_agency  (TbCombineInput    *self);
/* The name the merge gave the input: its file's display name. */
const char        *tb_combine_input_get_file    (TbCombineInput    *self);
/* (nullable): the file, if the input came from one. */
const char        *tb_combine_input_get_path    (TbCombineInput    *self);
TbMergeItemStatus  tb_combine_input_get_status  (TbCombineInput    *self);
gboolean           tb_combine_input_is_ready    (TbCombineInput    *self);
/* "Ready", "Not ready: 2 errors, 1 cell not filled or unreadable", or why it is not
 * counted. */
const char        *tb_combine_input_get_summary (TbCombineInput    *self);
/* The first problems, one a line ("" if none). */
const char        *tb_combine_input_get_details (TbCombineInput    *self);

G_END_DECLS
