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

#include "tb-merge.h"
#include "tb-rules.h"
#include "tb-value.h"

G_DEFINE_QUARK (tb-merge-error-quark, tb_merge_error)

/* The unit a mixed-unit sum is given in. */
#define COMMON_UNIT "万元"

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

static gboolean
is_table_cell (const TbFormat   *format,
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

static char *
unique_name (TbMerge    *self,
             const char *agency,
             const char *source)
{
  g_autofree char *base = source ? g_path_get_basename (source) : NULL;
  g_autofree char *name = NULL;

  if (*agency != '\0')
    name = g_strdup (agency);
  else if (base != NULL)
    name = g_strdup (base);
  else
    name = g_strdup_printf (_("Report %u"), self->inputs->len + 1);
  /* The same agency twice (its report given twice, or two offices with one name): tell
   * the columns apart by file. */
  if (g_hash_table_contains (self->names, name) && *agency != '\0' && base != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%s)", agency, base);
    }
  if (!g_hash_table_contains (self->names, name))
    return g_steal_pointer (&name);
  for (guint n = 2;; n++)
    {
      char *candidate = g_strdup_printf ("%s #%u", name, n);

      if (!g_hash_table_contains (self->names, candidate))
        return candidate;
      g_free (candidate);
    }
}

gboolean
tb_merge_add (TbMerge    *self,
              TbReport   *report,
              const char *source,
              GError    **error)
{
  const TbFormat *format;
  Input *in;
  guint n_cells;
  gboolean manual;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = tb_report_get_format (report);
  if (self->inputs->len > 0 &&
      (format != self->format || tb_report_get_year (report) != self->year))
    {
      const Input *first = g_ptr_array_index (self->inputs, 0);
      g_autofree char *a = describe (tb_report_get_agency (report), source);
      g_autofree char *b = describe (first->agency, first->source);

      g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_MIXED,
                   _("%s is a report on %d in the %s format, but %s is on %d in the %s "
                     "format: only reports on the same year in the same format can be "
                     "combined"),
                   a, tb_report_get_year (report), tb_format_get_id (format),
                   b, self->year, tb_format_get_id (self->format));
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
  in->name = unique_name (self, in->agency, source);
  g_hash_table_add (self->names, in->name);
  in->pub.report = g_object_ref (report);
  in->pub.source = in->source;
  in->pub.name = in->name;
  in->pub.issues = tb_rules_check (report);
  in->pub.n_errors = tb_rules_count (in->pub.issues, TB_SEVERITY_ERROR);
  in->pub.n_incomplete = tb_rules_count (in->pub.issues, TB_SEVERITY_INCOMPLETE);
  /* What the clerk has to fill: computed totals follow from their parts. */
  n_cells = tb_format_get_n_cells (format);
  manual = tb_report_get_manual_totals (report);
  for (guint i = 0; i < n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);

      if (tb_report_get_cell (report, i)->state != TB_CELL_VALID &&
          is_table_cell (format, spec) && (manual || spec->total_rule < 0))
        in->pub.n_unfilled++;
    }
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

typedef enum
{
  SUM_OK,
  SUM_UNFILLED,     /* an input cell is empty or unreadable */
  SUM_TOO_LARGE,
  SUM_UNIT,         /* a unit that cannot be converted */
} SumResult;

/* The sum of the cell @spec over every input, in @unit for amounts with their own unit. */
static SumResult
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
    return SUM_UNFILLED;

  if (spec->kind == TB_CELL_AMOUNT_UNIT && mixed)
    {
      /* Exactly, in ten-thousandths of a 元, then once into 万元. */
      gint64 common = tb_value_unit_in_yuan (COMMON_UNIT);
      gint64 quantum = 1;

      if (spec->units == NULL || !g_strv_contains (spec->units, COMMON_UNIT))
        return SUM_UNIT;
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *in = g_ptr_array_index (self->inputs, i);
          const TbCellValue *v = tb_report_get_cell (in->pub.report, spec->index);
          gint64 factor = tb_value_unit_in_yuan (v->unit);
          gint64 yuan;

          if (factor == 0)
            return SUM_UNIT;
          if (__builtin_mul_overflow (v->value, factor, &yuan) ||
              __builtin_add_overflow (sum, yuan, &sum))
            return SUM_TOO_LARGE;
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
      *unit = COMMON_UNIT;
      *converted = TRUE;
    }
  else
    {
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *in = g_ptr_array_index (self->inputs, i);

          if (__builtin_add_overflow (sum, tb_report_get_cell (in->pub.report,
                                                               spec->index)->value, &sum))
            return SUM_TOO_LARGE;
        }
      *unit = spec->kind == TB_CELL_AMOUNT_UNIT ? first_unit : NULL;
    }
  if (!tb_value_fits (spec->kind, sum))
    return SUM_TOO_LARGE;
  *out = sum;
  return SUM_OK;
}

static const char *
section_heading (const TbFormat   *format,
                 const TbCellSpec *spec)
{
  return spec->section >= 0 ? tb_format_get_section (format, spec->section)->heading : "";
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
        g_ptr_array_add (notes,
                         g_strdup_printf (_("%s is the agency of both %s and %s: its figures "
                                            "are counted twice"),
                                          in->agency, other->source, in->source));
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

      switch (sum_cell (self, spec, &sum, &unit, &converted, &rounded, &n_unfilled))
        {
        case SUM_OK:
          tb_report_set_cell_value (summary, i, sum, unit);
          if (converted)
            g_ptr_array_add (out_notes,
                             g_strdup_printf (rounded
                                              ? _("%s %s: the reports use different units; "
                                                  "the sum is given in %s, rounded to the "
                                                  "nearest 元")
                                              : _("%s %s: the reports use different units; "
                                                  "the sum is given in %s"),
                                              section_heading (self->format, spec),
                                              spec->label, COMMON_UNIT));
          break;
        case SUM_UNFILLED:
          /* Table cells: the input is listed as not ready. Fields of text sections are
           * optional: say why the summary leaves them empty. */
          if (!is_table_cell (self->format, spec))
            g_ptr_array_add (out_notes,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%s %s: %u report leaves it empty, so the summary does too",
                                                           "%s %s: %u reports leave it empty, so the summary does too",
                                                           n_unfilled),
                                              section_heading (self->format, spec),
                                              spec->label, n_unfilled));
          break;
        case SUM_TOO_LARGE:
          /* A total is computed again below from the summed parts; the rules report it
           * if it is too large, and the parts that are too large get a note of their own. */
          if (spec->total_rule >= 0)
            break;
          g_ptr_array_add (out_notes,
                           g_strdup_printf (_("%s %s: the sum is too large for the cell and "
                                              "was left empty"),
                                            section_heading (self->format, spec),
                                            spec->label));
          break;
        case SUM_UNIT:
        default:
          g_ptr_array_add (out_notes,
                           g_strdup_printf (_("%s %s: the units cannot be converted to %s; "
                                              "the sum was left empty"),
                                            section_heading (self->format, spec),
                                            spec->label, COMMON_UNIT));
          break;
        }
    }
  /* The sums of consistent reports are consistent; an input whose totals do not add up
   * must not carry its mistake into the summary. */
  tb_rules_compute_totals (summary);
  tb_report_thaw (summary);

  if (notes != NULL)
    *notes = g_steal_pointer (&out_notes);
  return summary;
}

/* ------------------------------------------------------------------ breakdown */

typedef struct
{
  GString  *s;
  gboolean  row_started;
} Csv;

/* One CSV field (RFC 4180). Text from the reports could start a spreadsheet formula
 * (=, +, -, @): such text gets a leading apostrophe, as spreadsheet programs expect.
 * Numbers are written as they are. */
static void
append_field (Csv        *csv,
              const char *text,
              gboolean    is_number)
{
  g_autofree char *safe = NULL;

  if (text == NULL)
    text = "";
  if (csv->row_started)
    g_string_append_c (csv->s, ',');
  csv->row_started = TRUE;
  if (!is_number && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = safe = g_strconcat ("'", text, NULL);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv->s, text);
      return;
    }
  g_string_append_c (csv->s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv->s, '"');
      g_string_append_c (csv->s, *p);
    }
  g_string_append_c (csv->s, '"');
}

static void
end_row (Csv *csv)
{
  g_string_append (csv->s, "\r\n");
  csv->row_started = FALSE;
}

GBytes *
tb_merge_breakdown_csv (TbMerge  *self,
                        TbReport *summary)
{
  Csv csv = { NULL, FALSE };
  guint n_cells;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (summary == NULL || TB_IS_REPORT (summary), NULL);
  g_return_val_if_fail (self->format != NULL, NULL);
  g_return_val_if_fail (summary == NULL || tb_report_get_format (summary) == self->format,
                        NULL);

  n_cells = tb_format_get_n_cells (self->format);
  csv.s = g_string_sized_new (64 + (gsize) n_cells * (64 + 8 * self->inputs->len));
  /* UTF-8 byte order mark: without it Excel and WPS read the file in the legacy code page */
  g_string_append (csv.s, "\xEF\xBB\xBF");
  append_field (&csv, _("Cell"), FALSE);
  append_field (&csv, _("Section"), FALSE);
  append_field (&csv, _("Row"), FALSE);
  append_field (&csv, _("Column"), FALSE);
  for (guint i = 0; i < self->inputs->len; i++)
    append_field (&csv, ((const Input *) g_ptr_array_index (self->inputs, i))->name, FALSE);
  append_field (&csv, _("Sum"), FALSE);
  end_row (&csv);

  for (guint c = 0; c < n_cells; c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (self->format, c);
      g_autofree char *sum = summary ? tb_report_dup_cell_text (summary, c) : NULL;

      append_field (&csv, spec->id, FALSE);
      append_field (&csv, section_heading (self->format, spec), FALSE);
      append_field (&csv, spec->row_path, FALSE);
      append_field (&csv, spec->column_path, FALSE);
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *in = g_ptr_array_index (self->inputs, i);
          const TbCellValue *v = tb_report_get_cell (in->pub.report, c);

          if (v->state == TB_CELL_VALID)
            {
              g_autofree char *text = tb_value_format_display (spec, v->value, v->unit);

              append_field (&csv, text, TRUE);
            }
          else
            append_field (&csv, v->state == TB_CELL_INVALID ? v->text : "", FALSE);
        }
      append_field (&csv, sum, TRUE);
      end_row (&csv);
    }
  return g_string_free_to_bytes (csv.s);
}
