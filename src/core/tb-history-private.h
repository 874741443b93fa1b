/* tb-history-private.h: inside the undo history, and the knobs only tests turn
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-history.c keeps the undo and redo stacks; tb-history-changes.c finds what changed and
 * applies it back. Tests include this header for the test hooks at the end.
 */
#pragma once

#include "tb-history.h"

G_BEGIN_DECLS

/* ---- One change (tb-history-changes.c) --------------------------------------------- */

typedef enum
{
  TB_HISTORY_CELL,
  TB_HISTORY_TEXT,
  TB_HISTORY_META,
  TB_HISTORY_YEAR,
  TB_HISTORY_ACK,
  TB_HISTORY_MANUAL_TOTALS,
} TbHistoryItemKind;

typedef struct
{
  guint       cell;
  TbCellValue value;
} TbHistoryCellSnap;

/* One change: what it was before and after. */
typedef struct
{
  TbHistoryItemKind kind;
  guint        cell;                   /* TB_HISTORY_CELL */
  char        *key;                    /* section id, metadata key, issue key */
  TbCellValue  old_cell, new_cell;     /* TB_HISTORY_CELL */
  char        *old_str, *new_str;      /* TB_HISTORY_TEXT, TB_HISTORY_META */
  int          old_int, new_int;       /* TB_HISTORY_YEAR, _ACK, _MANUAL_TOTALS */
  GArray      *totals;                 /* TB_HISTORY_MANUAL_TOTALS switched off: the typed
                                          totals (TbHistoryCellSnap) that the computed ones
                                          replaced */
} TbHistoryItem;

/* The report as the history last saw it. */
typedef struct
{
  guint        n_cells;
  TbCellValue *cells;
  guint        n_sections;
  char       **texts;       /* per section index, never NULL */
  char        *agency;
  char        *preparer;
  char        *contact;
  char        *report_date;
  char        *previous;
  int          year;
  GHashTable  *acks;
  gboolean     manual_totals;
} TbHistoryShadow;

void        _tb_history_item_free         (gpointer             data);
/* Whether @item changes nothing (a value typed and typed back). */
gboolean    _tb_history_item_is_noop      (const TbHistoryItem *item);
/* Whether @a and @b change the same thing (cell, text, metadata field, warning). */
gboolean    _tb_history_item_same_target  (const TbHistoryItem *a,
                                           const TbHistoryItem *b);
/* Folds @item (a later change of the same thing) into @into. */
void        _tb_history_item_merge        (TbHistoryItem       *into,
                                           TbHistoryItem       *item);
/* Sets what @item changed in @report to its value after (@forward) or before it. */
void        _tb_history_item_apply        (const TbHistoryItem *item,
                                           TbReport            *report,
                                           gboolean             forward);

void        _tb_history_shadow_init       (TbHistoryShadow     *s,
                                           TbReport            *report);
void        _tb_history_shadow_clear      (TbHistoryShadow     *s);
/* Compares @report with @s, brings @s up to date and returns (transfer full) the changes
 * the clerk made (derived totals left out), or an empty array. */
GPtrArray  *_tb_history_shadow_sync       (TbHistoryShadow     *s,
                                           TbReport            *report);

/* ---- Test hooks ---------------------------------------------------------------------- */

guint       tb_history_get_n_undo           (TbHistory  *self);

/* Groups nest; the outermost pair makes one step of everything in between. */
void        tb_history_begin_group          (TbHistory  *self);
void        tb_history_end_group            (TbHistory  *self);

guint       tb_history_get_max_depth        (TbHistory  *self);
void        tb_history_set_max_depth        (TbHistory  *self,
                                             guint       max_depth);
/* 0 disables coalescing of typing. */
void        tb_history_set_coalesce_timeout (TbHistory  *self,
                                             guint       msec);

G_END_DECLS
