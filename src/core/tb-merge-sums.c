/* tb-merge-sums.c: the roll-up's sums, added one input at a time
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of tb_merge_build() (tb-merge.c), which goes through the inputs cell by cell,
 * kept here as the inputs come, cell by cell: exact 64-bit sums; for amounts with their own
 * unit, the sum in ten-thousandths of a 元 as well, in case the units differ; and for each
 * the first failure (overflow, a unit that cannot be converted) in input order — what
 * tb_merge_build() finds first when it goes through the same inputs in the same order.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include "tb-merge-private.h"
#include "tb-value.h"

typedef struct
{
  gint64       sum;         /* as the values are stored */
  gint64       yuan;        /* amounts with their own unit: in ten-thousandths of a 元 */
  const char  *first_unit;  /* interned */
  guint        n_unfilled;
  gboolean     overflow;    /* @sum went beyond 64 bits */
  gboolean     mixed;       /* the units differ */
  TbSumResult  yuan_fail;   /* the first failure of @yuan, or TB_SUM_OK */
} CellSum;

struct _TbMergeSums
{
  const TbFormat *format;
  guint           n_cells;
  CellSum        *cells;
};

TbMergeSums *
tb_merge_sums_new (const TbFormat *format)
{
  TbMergeSums *self = g_new0 (TbMergeSums, 1);

  self->format = format;
  self->n_cells = tb_format_get_n_cells (format);
  self->cells = g_new0 (CellSum, self->n_cells);
  return self;
}

void
tb_merge_sums_free (TbMergeSums *self)
{
  if (self == NULL)
    return;
  g_free (self->cells);
  g_free (self);
}

void
tb_merge_sums_add (TbMergeSums       *self,
                   const TbMergeCell *cells)
{
  for (guint c = 0; c < self->n_cells; c++)
    {
      const TbMergeCell *v = &cells[c];
      CellSum *s = &self->cells[c];

      if (v->state != TB_CELL_VALID)
        {
          s->n_unfilled++;
          continue;
        }
      if (!s->overflow && __builtin_add_overflow (s->sum, v->value, &s->sum))
        s->overflow = TRUE;
      if (tb_format_get_cell (self->format, c)->kind != TB_CELL_AMOUNT_UNIT)
        continue;
      if (s->first_unit == NULL)
        s->first_unit = v->unit;
      else if (g_strcmp0 (s->first_unit, v->unit) != 0)
        s->mixed = TRUE;
      if (s->yuan_fail == TB_SUM_OK)
        {
          gint64 factor = tb_value_unit_in_yuan (v->unit);
          gint64 yuan;

          if (factor == 0)
            s->yuan_fail = TB_SUM_UNIT;
          else if (__builtin_mul_overflow (v->value, factor, &yuan) ||
                   __builtin_add_overflow (s->yuan, yuan, &s->yuan))
            s->yuan_fail = TB_SUM_TOO_LARGE;
        }
    }
}

/* The sum of one cell over every input, in @unit for amounts with their own unit. */
static TbSumResult
cell_result (const CellSum    *s,
             const TbCellSpec *spec,
             gint64           *out,
             const char      **unit,
             gboolean         *converted,
             gboolean         *rounded)
{
  gint64 sum;

  *unit = NULL;
  *converted = *rounded = FALSE;
  if (s->n_unfilled > 0)
    return TB_SUM_UNFILLED;
  if (spec->kind == TB_CELL_AMOUNT_UNIT && s->mixed)
    {
      /* Exactly, in ten-thousandths of a 元, then once into 万元, rounded half up (amounts
       * are never negative) to what the cell can hold. */
      gint64 quantum = 1, step, q, r;

      if (spec->units == NULL || !g_strv_contains (spec->units, TB_MERGE_COMMON_UNIT))
        return TB_SUM_UNIT;
      if (s->yuan_fail != TB_SUM_OK)
        return s->yuan_fail;
      for (guint d = spec->decimals; d < 4; d++)
        quantum *= 10;
      step = tb_value_unit_in_yuan (TB_MERGE_COMMON_UNIT) * quantum;
      q = s->yuan / step;
      r = s->yuan % step;
      *rounded = r != 0;
      sum = (q + (r * 2 >= step ? 1 : 0)) * quantum;
      *unit = TB_MERGE_COMMON_UNIT;
      *converted = TRUE;
    }
  else
    {
      if (s->overflow)
        return TB_SUM_TOO_LARGE;
      sum = s->sum;
      *unit = spec->kind == TB_CELL_AMOUNT_UNIT ? s->first_unit : NULL;
    }
  if (!tb_value_fits (spec->kind, sum))
    return TB_SUM_TOO_LARGE;
  *out = sum;
  return TB_SUM_OK;
}

TbReport *
tb_merge_sums_build (TbMergeSums *self,
                     int          year,
                     const char  *agency,
                     GPtrArray   *notes)
{
  TbReport *summary = tb_report_new (self->format);

  tb_report_freeze (summary);
  tb_report_set_year (summary, year);
  tb_report_set_agency (summary, agency);
  for (guint c = 0; c < self->n_cells; c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (self->format, c);
      const char *unit;
      gboolean converted, rounded;
      gint64 sum = 0;
      TbSumResult result;

      result = cell_result (&self->cells[c], spec, &sum, &unit, &converted, &rounded);
      tb_merge_apply_sum (summary, spec, result, sum, unit, converted, rounded,
                          self->cells[c].n_unfilled, notes);
    }
  /* The sums of consistent reports are consistent; an input whose totals do not add up
   * must not carry its mistake into the summary. */
  tb_rules_compute_totals (summary);
  tb_report_thaw (summary);
  return summary;
}
