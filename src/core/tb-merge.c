/* tb-merge.c: roll up many agencies' reports into one summary (a county's report)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sums are exact integer arithmetic on the stored values (counts, and amounts in
 * ten-thousandths of their unit), with overflow checks: a sum that does not fit what a
 * cell can hold is left empty, with a note, rather than wrapped or clamped.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-merge-private.h"
#include "tb-value.h"

G_DEFINE_QUARK (tb-merge-error-quark, tb_merge_error)


typedef struct
{
  TbMergeInput pub;
  char        *source;
  char        *name;
  char        *agency;       /* trimmed, "" if none */
} Input;

struct _TbMerge
{
  GPtrArray      *inputs;    /* Input* */
  const TbFormat *format;
  int             year;
  GHashTable     *names;     /* Input.name set */
};

/* ------------------------------------------------------------------ inputs */

static void
input_free (gpointer p)
{
  Input *in = p;

  g_clear_object (&in->pub.report);
  g_clear_pointer (&in->pub.issues, g_ptr_array_unref);
  g_free (in->source);
  g_free (in->name);
  g_free (in->agency);
  g_free (in);
}

TbMerge *
tb_merge_new (void)
{
  TbMerge *self = g_new0 (TbMerge, 1);

  self->inputs = g_ptr_array_new_with_free_func (input_free);
  self->names = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
tb_merge_free (TbMerge *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->names);
  g_ptr_array_unref (self->inputs);
  g_free (self);
}

gboolean
tb_merge_is_table_cell (const TbFormat   *format,
                        const TbCellSpec *spec)
{
  return tb_format_find_table (format, spec->table_id) != NULL;
}

/* Who the input is, for messages: the agency and the file. */
static char *
describe (const char *agency,
          const char *source)
{
  if (agency != NULL && *agency != '\0' && source != NULL)
    return g_strdup_printf ("%s (%s)", source, agency);
  return g_strdup (source ? source : agency ? agency : "?");
}

void
tb_merge_set_mixed_error (GError        **error,
                          const char     *agency,
                          const char     *source,
                          const TbFormat *format,
                          int             year,
                          const char     *first_agency,
                          const char     *first_source,
                          const TbFormat *first_format,
                          int             first_year)
{
  g_autofree char *a = describe (agency, source);
  g_autofree char *b = describe (first_agency, first_source);

  g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_MIXED,
               _("%s is a report on %d in the %s format, but %s is on %d in the %s "
                 "format: only reports on the same year in the same format can be "
                 "combined"),
               a, year, tb_format_get_id (format),
               b, first_year, tb_format_get_id (first_format));
}

char *
tb_merge_unique_name (GHashTable *names,
                      const char *agency,
                      const char *source,
                      guint       n_before)
{
  g_autofree char *base = source ? g_path_get_basename (source) : NULL;
  g_autofree char *name = NULL;

  if (*agency != '\0')
    name = g_strdup (agency);
  else if (base != NULL)
    name = g_strdup (base);
  else
    name = g_strdup_printf (_("Report %u"), n_before + 1);
  /* The same agency twice (its report given twice, or two offices with one name): tell
   * the columns apart by file. */
  if (g_hash_table_contains (names, name) && *agency != '\0' && base != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%s)", agency, base);
    }
  if (!g_hash_table_contains (names, name))
    return g_steal_pointer (&name);
  for (guint n = 2;; n++)
    {
      char *candidate = g_strdup_printf ("%s #%u", name, n);

      if (!g_hash_table_contains (names, candidate))
        return candidate;
      g_free (candidate);
    }
}

guint
tb_merge_count_unfilled (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  guint n_cells = tb_format_get_n_cells (format);
  gboolean manual = tb_report_get_manual_totals (report);
  guint n = 0;

  /* What the clerk has to fill: computed totals follow from their parts. */
  for (guint i = 0; i < n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);

      if (tb_report_get_cell (report, i)->state != TB_CELL_VALID &&
          tb_merge_is_table_cell (format, spec) && (manual || spec->total_rule < 0))
        n++;
    }
  return n;
}

gboolean
tb_merge_add (TbMerge    *self,
              TbReport   *report,
              const char *source,
              GError    **error)
{
  const TbFormat *format;
  Input *in;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = tb_report_get_format (report);
  if (self->inputs->len > 0 &&
      (format != self->format || tb_report_get_year (report) != self->year))
    {
      const Input *first = g_ptr_array_index (self->inputs, 0);

      tb_merge_set_mixed_error (error, tb_report_get_agency (report), source, format,
                                tb_report_get_year (report), first->agency, first->source,
                                self->format, self->year);
      return FALSE;
    }
  if (self->inputs->len == 0)
    {
      self->format = format;
      self->year = tb_report_get_year (report);
    }

  in = g_new0 (Input, 1);
  in->source = g_strdup (source);
  in->agency = g_strstrip (g_strdup (tb_report_get_agency (report) ? tb_report_get_agency (report)
                                                                   : ""));
  in->name = tb_merge_unique_name (self->names, in->agency, source, self->inputs->len);
  g_hash_table_add (self->names, in->name);
  in->pub.report = g_object_ref (report);
  in->pub.source = in->source;
  in->pub.name = in->name;
  in->pub.issues = tb_rules_check (report);
  in->pub.n_errors = tb_rules_count (in->pub.issues, TB_SEVERITY_ERROR);
  in->pub.n_incomplete = tb_rules_count (in->pub.issues, TB_SEVERITY_INCOMPLETE);
  in->pub.n_unfilled = tb_merge_count_unfilled (report);
  in->pub.ready = in->pub.n_errors == 0 && in->pub.n_incomplete == 0 && in->pub.n_unfilled == 0;
  g_ptr_array_add (self->inputs, in);
  return TRUE;
}

guint
tb_merge_get_n_inputs (TbMerge *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->inputs->len;
}

const TbMergeInput *
tb_merge_get_input (TbMerge *self,
                    guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->inputs->len, NULL);
  return &((Input *) g_ptr_array_index (self->inputs, index))->pub;
}

const TbFormat *
tb_merge_get_format (TbMerge *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->format;
}

int
tb_merge_get_year (TbMerge *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

/* ------------------------------------------------------------------ sums */

/* The sum of the cell @spec over every input, in @unit for amounts with their own unit. */
static TbSumResult
sum_cell (TbMerge          *self,
          const TbCellSpec *spec,
          gint64           *out,
          const char      **unit,
          gboolean         *converted,
          gboolean         *rounded,
          guint            *n_unfilled)
{
  gint64 sum = 0;
  const char *first_unit = NULL;
  gboolean mixed = FALSE;

  *unit = NULL;
  *converted = *rounded = FALSE;
  *n_unfilled = 0;
  for (guint i = 0; i < self->inputs->len; i++)
    {
      const Input *in = g_ptr_array_index (self->inputs, i);
      const TbCellValue *v = tb_report_get_cell (in->pub.report, spec->index);

      if (v->state != TB_CELL_VALID)
        (*n_unfilled)++;
      else if (spec->kind == TB_CELL_AMOUNT_UNIT)
        {
          if (first_unit == NULL)
            first_unit = v->unit;
          else if (g_strcmp0 (first_unit, v->unit) != 0)
            mixed = TRUE;
        }
    }
  if (*n_unfilled > 0)
    return TB_SUM_UNFILLED;

  if (spec->kind == TB_CELL_AMOUNT_UNIT && mixed)
    {
      /* Exactly, in ten-thousandths of a 元, then once into 万元. */
      gint64 common = tb_value_unit_in_yuan (TB_MERGE_COMMON_UNIT);
      gint64 quantum = 1;

      if (spec->units == NULL || !g_strv_contains (spec->units, TB_MERGE_COMMON_UNIT))
        return TB_SUM_UNIT;
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *in = g_ptr_array_index (self->inputs, i);
          const TbCellValue *v = tb_report_get_cell (in->pub.report, spec->index);
          gint64 factor = tb_value_unit_in_yuan (v->unit);
          gint64 yuan;

          if (factor == 0)
            return TB_SUM_UNIT;
          if (__builtin_mul_overflow (v->value, factor, &yuan) ||
              __builtin_add_overflow (sum, yuan, &sum))
            return TB_SUM_TOO_LARGE;
        }
      for (guint d = spec->decimals; d < 4; d++)
        quantum *= 10;
      /* Round half up (amounts are never negative) to what the cell can hold. */
      {
        gint64 step = common * quantum;
        gint64 q = sum / step, r = sum % step;

        *rounded = r != 0;
        sum = (q + (r * 2 >= step ? 1 : 0)) * quantum;
      }
      *unit = TB_MERGE_COMMON_UNIT;
      *converted = TRUE;
    }
  else
    {
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *in = g_ptr_array_index (self->inputs, i);

          if (__builtin_add_overflow (sum, tb_report_get_cell (in->pub.report,
                                                               spec->index)->value, &sum))
            return TB_SUM_TOO_LARGE;
        }
      *unit = spec->kind == TB_CELL_AMOUNT_UNIT ? first_unit : NULL;
    }
  if (!tb_value_fits (spec->kind, sum))
    return TB_SUM_TOO_LARGE;
  *out = sum;
  return TB_SUM_OK;
}

const char *
tb_merge_section_heading (const TbFormat   *format,
                          const TbCellSpec *spec)
{
  return spec->section >= 0 ? tb_format_get_section (format, spec->section)->heading : "";
}

char *
tb_merge_note_same_agency (const char *agency,
                           const char *first_source,
                           const char *source)
{
  return g_strdup_printf (_("%s is the agency of both %s and %s: its figures are counted "
                            "twice"),
                          agency, first_source, source);
}

static void
note_duplicates (TbMerge   *self,
                 GPtrArray *notes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->inputs->len; i++)
    {
      const Input *in = g_ptr_array_index (self->inputs, i);
      const Input *other;

      if (*in->agency == '\0')
        continue;
      other = g_hash_table_lookup (seen, in->agency);
      if (other == NULL)
        g_hash_table_insert (seen, in->agency, (gpointer) in);
      else
        g_ptr_array_add (notes, tb_merge_note_same_agency (in->agency, other->source,
                                                           in->source));
    }
}

void
tb_merge_apply_sum (TbReport         *summary,
                    const TbCellSpec *spec,
                    TbSumResult       result,
                    gint64            sum,
                    const char       *unit,
                    gboolean          converted,
                    gboolean          rounded,
                    guint             n_unfilled,
                    GPtrArray        *notes)
{
  const TbFormat *format = tb_report_get_format (summary);
  const char *heading = tb_merge_section_heading (format, spec);

  switch (result)
    {
    case TB_SUM_OK:
      tb_report_set_cell_value (summary, spec->index, sum, unit);
      if (converted)
        g_ptr_array_add (notes,
                         g_strdup_printf (rounded
                                          ? _("%s %s: the reports use different units; "
                                              "the sum is given in %s, rounded to the "
                                              "nearest 元")
                                          : _("%s %s: the reports use different units; "
                                              "the sum is given in %s"),
                                          heading, spec->label, TB_MERGE_COMMON_UNIT));
      break;
    case TB_SUM_UNFILLED:
      /* Table cells: the input is listed as not ready. Fields of text sections are
       * optional: say why the summary leaves them empty. */
      if (!tb_merge_is_table_cell (format, spec))
        g_ptr_array_add (notes,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s %s: %u report leaves it empty, so the summary does too",
                                                       "%s %s: %u reports leave it empty, so the summary does too",
                                                       n_unfilled),
                                          heading, spec->label, n_unfilled));
      break;
    case TB_SUM_TOO_LARGE:
      /* A total is computed again from the summed parts (tb_rules_compute_totals()); the
       * rules report it if it is too large, and the parts that are too large get a note of
       * their own. */
      if (spec->total_rule >= 0)
        break;
      g_ptr_array_add (notes,
                       g_strdup_printf (_("%s %s: the sum is too large for the cell and "
                                          "was left empty"),
                                        heading, spec->label));
      break;
    case TB_SUM_UNIT:
    default:
      g_ptr_array_add (notes,
                       g_strdup_printf (_("%s %s: the units cannot be converted to %s; "
                                          "the sum was left empty"),
                                        heading, spec->label, TB_MERGE_COMMON_UNIT));
      break;
    }
}

TbReport *
tb_merge_build (TbMerge     *self,
                const char  *agency,
                GPtrArray  **notes,
                GError     **error)
{
  g_autoptr(GPtrArray) out_notes = NULL;
  TbReport *summary;
  guint n_cells;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->inputs->len == 0)
    {
      g_set_error_literal (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY,
                           _("There are no reports to combine"));
      return NULL;
    }

  out_notes = g_ptr_array_new_with_free_func (g_free);
  note_duplicates (self, out_notes);

  summary = tb_report_new (self->format);
  tb_report_freeze (summary);
  tb_report_set_year (summary, self->year);
  tb_report_set_agency (summary, agency);

  n_cells = tb_format_get_n_cells (self->format);
  for (guint i = 0; i < n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (self->format, i);
      const char *unit = NULL;
      gboolean converted, rounded;
      guint n_unfilled;
      gint64 sum = 0;
      TbSumResult result;

      result = sum_cell (self, spec, &sum, &unit, &converted, &rounded, &n_unfilled);
      tb_merge_apply_sum (summary, spec, result, sum, unit, converted, rounded, n_unfilled,
                          out_notes);
    }
  /* The sums of consistent reports are consistent; an input whose totals do not add up
   * must not carry its mistake into the summary. */
  tb_rules_compute_totals (summary);
  tb_report_thaw (summary);

  /* What it covers (no files: the reports were given). */
  {
    g_autoptr(TbCombined) combined = NULL;
    guint n_agencies = 0;

    for (guint i = 0; i < self->inputs->len; i++)
      {
        TbReport *report = ((const TbMergeInput *) g_ptr_array_index (self->inputs, i))->report;
        const TbCombined *covered = tb_report_get_combined (report);

        n_agencies += covered ? tb_combined_get_n_agencies (covered) : 1;
      }
    combined = tb_combined_new (n_agencies, self->inputs->len);
    tb_report_set_combined (summary, combined);
  }

  if (notes != NULL)
    *notes = g_steal_pointer (&out_notes);
  return summary;
}

/* ------------------------------------------------------------------ breakdown */

GBytes *
tb_merge_breakdown_csv (TbMerge  *self,
                        TbReport *summary)
{
  TbCsv csv = { NULL, FALSE };
  guint n_cells;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (summary == NULL || TB_IS_REPORT (summary), NULL);
  g_return_val_if_fail (self->format != NULL, NULL);
  g_return_val_if_fail (summary == NULL || tb_report_get_format (summary) == self->format,
                        NULL);

  n_cells = tb_format_get_n_cells (self->format);
  csv.s = g_string_sized_new (64 + (gsize) n_cells * (64 + 8 * self->inputs->len));
  g_string_append (csv.s, TB_CSV_BOM);
  tb_csv_field (&csv, _("Cell"), FALSE);
  tb_csv_field (&csv, _("Section"), FALSE);
  tb_csv_field (&csv, _("Row"), FALSE);
  tb_csv_field (&csv, _("Column"), FALSE);
  for (guint i = 0; i < self->inputs->len; i++)
    tb_csv_field (&csv, ((const Input *) g_ptr_array_index (self->inputs, i))->name, FALSE);
  tb_csv_field (&csv, _("Sum"), FALSE);
  tb_csv_end_row (&csv);

  for (guint c = 0; c < n_cells; c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (self->format, c);
      g_autofree char *sum = summary ? tb_report_dup_cell_text (summary, c) : NULL;

      tb_csv_field (&csv, spec->id, FALSE);
      tb_csv_field (&csv, tb_merge_section_heading (self->format, spec), FALSE);
      tb_csv_field (&csv, spec->row_path, FALSE);
      tb_csv_field (&csv, spec->column_path, FALSE);
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *in = g_ptr_array_index (self->inputs, i);
          const TbCellValue *v = tb_report_get_cell (in->pub.report, c);

          if (v->state == TB_CELL_VALID)
            {
              g_autofree char *text = tb_value_format_display (spec, v->value, v->unit);

              tb_csv_field (&csv, text, TRUE);
            }
          else
            tb_csv_field (&csv, v->state == TB_CELL_INVALID ? v->text : "", FALSE);
        }
      tb_csv_field (&csv, sum, TRUE);
      tb_csv_end_row (&csv);
    }
  return g_string_free_to_bytes (csv.s);
}
