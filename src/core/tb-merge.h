/* tb-merge.h: roll up many agencies' reports into one summary (a county's report)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inputs must share the year and the format. The summary holds, in every cell (table cells
 * and the structured fields of the text sections), the sum over the inputs; its texts are
 * left for the summary's author and its totals are computed again from their parts.
 *
 * An input cell that is empty or unreadable is "not filled": the sum cannot be known, so
 * the summary cell is left empty and the input is counted as not ready (n_unfilled).
 *
 * Amounts with their own unit (2019 采购总金额): when every input uses the same unit the sum
 * keeps it; when they differ (元 and 万元) every value is converted and the sum is given in
 * 万元, rounded to the cell's decimals (4: 1 元) if needed — a note says so.
 *
 * TbMerge holds every input in memory: fine for a county. For a city, a province or the
 * whole country use TbMergeStream (tb-merge-stream.h), which gives the same summary.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_MERGE_ERROR (tb_merge_error_quark ())

typedef enum
{
  TB_MERGE_ERROR_MIXED,     /* an input on another year or in another format */
  TB_MERGE_ERROR_EMPTY,     /* nothing to merge */
  TB_MERGE_ERROR_DUPLICATE, /* an input given twice: the same file or the same contents */
  TB_MERGE_ERROR_TOO_MANY,  /* more inputs than a breakdown sheet can hold */
  TB_MERGE_ERROR_COUNTED_TWICE, /* a summary given with one of its own inputs, or two
                                   summaries made from the same file */
} TbMergeError;

typedef struct
{
  TbReport   *report;
  const char *source;       /* as given to tb_merge_add(): a file name, usually */
  const char *name;         /* the agency, or the file's base name; unique among inputs */
  GPtrArray  *issues;       /* TbIssue*: tb_rules_check() of the input, run when added */
  guint       n_errors;
  guint       n_incomplete;
  guint       n_unfilled;   /* empty or unreadable table cells to fill in (computed totals
                               not counted); each leaves its sum empty */
  gboolean    ready;        /* no error, nothing incomplete, nothing unfilled */
} TbMergeInput;

typedef struct _TbMerge TbMerge;

GQuark              tb_merge_error_quark   (void);

TbMerge            *tb_merge_new           (void);
void                tb_merge_free          (TbMerge     *self);

/* Adds @report (a reference is taken) and checks it. Fails with TB_MERGE_ERROR_MIXED,
 * naming both reports, if its year or format differs from the first input's. */
gboolean            tb_merge_add           (TbMerge     *self,
                                            TbReport    *report,
                                            const char  *source,
                                            GError     **error);

guint               tb_merge_get_n_inputs  (TbMerge     *self);
const TbMergeInput *tb_merge_get_input     (TbMerge     *self,
                                            guint        index);
/* The inputs' format and year (NULL, 0 before the first input). */
const TbFormat     *tb_merge_get_format    (TbMerge     *self);
int                 tb_merge_get_year      (TbMerge     *self);

/* (transfer full): the summary report, with @agency (may be NULL) and the inputs' year.
 * @notes: (out) (optional) (transfer full): char* messages for the clerk (unit
 * conversions, sums too large to hold, agencies given twice). */
TbReport           *tb_merge_build         (TbMerge     *self,
                                            const char  *agency,
                                            GPtrArray  **notes,
                                            GError     **error);

/* (transfer full): the per-agency breakdown as CSV (UTF-8 with a byte order mark, CRLF, so
 * that Excel and WPS open it as UTF-8): one row per cell with its id, section and official
 * row and column labels, one column per input, and the summary's value. */
GBytes             *tb_merge_breakdown_csv (TbMerge     *self,
                                            TbReport    *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbMerge, tb_merge_free)

G_END_DECLS
