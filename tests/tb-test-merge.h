/* tb-test-merge.h: what the tests of combining reports share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-merge.c (TbMerge), test-merge-stream.c (TbMergeStream: sums, limits, the
 * breakdown in Calc) and test-merge-files.c (TbMergeStream on draft files: threads,
 * failures, cancelling).
 */
#pragma once

#include <glib.h>

#include "tb-merge-stream.h"
#include "tb-report.h"

G_BEGIN_DECLS

/* Whether one of @notes (may be NULL) contains @needle. */
gboolean tb_test_has_note (GPtrArray  *notes,
                           const char *needle);

/* A temporary folder, removed with all it holds when the test ends. */
typedef struct
{
  char *path;
} TbTestTmpDir;

void  tb_test_tmp_dir_init  (TbTestTmpDir       *tmp);
void  tb_test_tmp_dir_clear (TbTestTmpDir       *tmp);
char *tb_test_tmp_file      (const TbTestTmpDir *tmp,
                             const char         *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TbTestTmpDir, tb_test_tmp_dir_clear)

/* What a summary cell must hold, computed here: the sum of the inputs' values if every input
 * has one, else nothing; for an amount with its own unit in different units, the sum in 元
 * given in 万元 and rounded half up to the cell's decimals. */
void tb_test_expect_sum (GPtrArray        *inputs,
                         const TbCellSpec *spec,
                         TbCellState      *state,
                         gint64           *value,
                         const char      **unit);

/* What a run gave: its items, in order, and its outputs. */
typedef struct
{
  GString *log;
  guint    n_items;
  guint    last_index;
  guint    n_progress;
} TbTestSeen;

/* An item function and a progress function of TbMergeStream, with a TbTestSeen: each
 * item is logged and must come in order; progress follows the items. */
void tb_test_on_item     (const TbMergeItem *item,
                          gpointer           user_data);
void tb_test_on_progress (guint              done,
                          guint              total,
                          gpointer           user_data);

G_END_DECLS
