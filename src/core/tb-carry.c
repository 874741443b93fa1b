/* tb-carry.c: a new report from last year's, and last year's report for the cross-year checks
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-carry"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-draft.h"
#include "tb-file-guard.h"
#include "tb-format-private.h"
#include "tb-rules.h"
#include "tb-value.h"

G_DEFINE_QUARK (tb-carry-error-quark, tb_carry_error)

/* ------------------------------------------------------------------ labels */

static void
carry_labels_free (gpointer data)
{
  TbCarryLabels *labels = data;

  g_free ((gpointer) labels->sources);
  g_free (labels);
}

/* The cell @id of last year's report, looked up in @format and then in the formats last
 * year's report may have. */
static const TbCellSpec *
find_previous_cell (const TbFormat *format,
                    const TbRule   *rule,
                    const char     *id)
{
  const TbCellSpec *spec = tb_format_find_cell (format, id);

  for (guint i = 0; spec == NULL && rule->previous_formats && rule->previous_formats[i]; i++)
    {
      const TbFormat *other = tb_format_get (rule->previous_formats[i]);

      spec = other ? tb_format_find_cell (other, id) : NULL;
    }
  return spec;
}

/* The label @cells (of TbCellSpec*) share: the row label, else the column label, else the
 * first cell's full label. */
static const char *
common_label (GPtrArray *cells)
{
  const TbCellSpec *first;
  gboolean same_row = TRUE;
  gboolean same_column = TRUE;

  if (cells->len == 0)
    return NULL;
  first = g_ptr_array_index (cells, 0);
  for (guint i = 1; i < cells->len; i++)
    {
      const TbCellSpec *c = g_ptr_array_index (cells, i);

      same_row &= g_str_equal (c->row_label, first->row_label);
      same_column &= g_str_equal (c->column_label, first->column_label);
    }
  if (same_row && *first->row_label != '\0')
    return first->row_label;
  if (same_column && *first->column_label != '\0')
    return first->column_label;
  return first->label;
}

GPtrArray *
tb_carry_list_labels (const TbFormat *format)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (carry_labels_free);
  guint n_rules;

  g_return_val_if_fail (format != NULL, list);

  n_rules = tb_format_get_n_rules (format);
  for (guint i = 0; i < n_rules;)
    {
      const TbRule *rule = tb_format_get_rule (format, i);
      guint end = i + 1;
      g_autoptr(GPtrArray) targets = g_ptr_array_new ();
      g_autoptr(GPtrArray) sources = g_ptr_array_new ();
      TbCarryLabels *labels;

      /* The instances of a rule with a foreach follow each other. */
      while (end < n_rules && g_str_equal (tb_format_get_rule (format, end)->id, rule->id))
        end++;
      if (!rule->carry)
        {
          i = end;
          continue;
        }

      for (guint k = i; k < end; k++)
        {
          guint cell = tb_format_get_rule (format, k)->lhs.terms[0].cell;

          g_ptr_array_add (targets, (gpointer) tb_format_get_cell (format, cell));
        }
      for (guint t = 0; t < rule->rhs.n_terms; t++)
        {
          g_autoptr(GPtrArray) cells = g_ptr_array_new ();
          const char *label;

          for (guint k = i; k < end; k++)
            {
              const TbRule *instance = tb_format_get_rule (format, k);
              const TbCellSpec *spec = NULL;

              if (t < instance->rhs.n_terms && instance->rhs.terms[t].prev_id != NULL)
                spec = find_previous_cell (format, instance, instance->rhs.terms[t].prev_id);
              if (spec != NULL)
                g_ptr_array_add (cells, (gpointer) spec);
            }
          label = common_label (cells);
          if (label != NULL)
            g_ptr_array_add (sources, (gpointer) label);
        }
      g_ptr_array_add (sources, NULL);

      labels = g_new0 (TbCarryLabels, 1);
      labels->rule_id = rule->id;
      labels->target = common_label (targets);
      labels->sources = (const char *const *) g_ptr_array_steal (sources, NULL);
      g_ptr_array_add (list, labels);
      i = end;
    }
  return list;
}

char *
tb_carry_describe (const TbFormat *format)
{
  g_autoptr(GPtrArray) labels = tb_carry_list_labels (format);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      const TbCarryLabels *entry = g_ptr_array_index (labels, i);
      g_autofree char *sources = g_strjoinv ("、", (char **) entry->sources);

      g_string_append_printf (out, "%s%s ← %s", i > 0 ? "；" : "",
                              entry->target != NULL ? entry->target : "", sources);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tb_carry_join_sources (const TbFormat *format)
{
  g_autoptr(GPtrArray) labels = tb_carry_list_labels (format);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    {
      const TbCarryLabels *entry = g_ptr_array_index (labels, i);

      for (guint j = 0; entry->sources[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (sources, entry->sources[j], g_str_equal, NULL))
          g_ptr_array_add (sources, (gpointer) entry->sources[j]);
    }
  g_ptr_array_add (sources, NULL);
  return g_strjoinv ("、", (char **) sources->pdata);
}

/* ------------------------------------------------------------------ carrying cells */

static gboolean
previous_applies (const TbRule *rule,
                  TbReport     *previous)
{
  const char *id = tb_format_get_id (tb_report_get_format (previous));

  return rule->previous_formats == NULL ||
         g_strv_contains ((const char *const *) rule->previous_formats, id);
}

/* Last year's value of a carry rule's right side; FALSE where last year's format has no
 * such cell or last year's cell is not filled. @unit: the unit of an amount with its own
 * unit (all terms must agree). */
static gboolean
eval_previous (TbReport     *previous,
               const TbExpr *e,
               gint64       *out,
               const char  **unit)
{
  const TbFormat *format = tb_report_get_format (previous);
  gint64 sum = e->constant;

  *unit = NULL;
  for (guint i = 0; i < e->n_terms; i++)
    {
      const TbCellSpec *spec = tb_format_find_cell (format, e->terms[i].prev_id);
      const TbCellValue *v = spec ? tb_report_get_cell (previous, spec->index) : NULL;

      if (v == NULL || v->state != TB_CELL_VALID)
        return FALSE;
      if (v->unit != NULL)
        {
          if (*unit != NULL && !g_str_equal (*unit, v->unit))
            return FALSE;
          *unit = v->unit;
        }
      sum += e->terms[i].sign * v->value;
    }
  *out = sum;
  return TRUE;
}

static gboolean
value_fits (const TbCellSpec *spec,
            gint64            value,
            const char       *unit)
{
  if (!tb_value_fits (spec->kind, value))
    return FALSE;
  return spec->kind != TB_CELL_AMOUNT_UNIT ||
         (unit != NULL && spec->units != NULL && g_strv_contains (spec->units, unit));
}

guint
tb_carry_fill (TbReport *report,
               TbReport *previous)
{
  const TbFormat *format;
  guint n_rules;
  guint filled = 0;

  g_return_val_if_fail (TB_IS_REPORT (report), 0);
  g_return_val_if_fail (TB_IS_REPORT (previous), 0);

  format = tb_report_get_format (report);
  n_rules = tb_format_get_n_rules (format);
  tb_report_freeze (report);
  for (guint i = 0; i < n_rules; i++)
    {
      const TbRule *rule = tb_format_get_rule (format, i);
      const TbCellSpec *spec;
      const char *unit;
      gint64 value;

      if (!rule->carry || !previous_applies (rule, previous))
        continue;
      spec = tb_format_get_cell (format, rule->lhs.terms[0].cell);
      if (!eval_previous (previous, &rule->rhs, &value, &unit))
        continue;
      if (spec->kind != TB_CELL_AMOUNT_UNIT)
        unit = NULL;
      /* A sum that is no valid value (a negative count) is left for the clerk. */
      if (!value_fits (spec, value, unit))
        continue;
      tb_report_set_cell_value (report, spec->index, value, unit);
      filled++;
    }
  tb_report_thaw (report);
  return filled;
}

TbReport *
tb_carry_new_from_previous (TbReport     *previous,
                            int           year,
                            TbCarryFlags  flags,
                            GError      **error)
{
  const TbFormat *format;
  TbReport *report;
  int last_year;

  g_return_val_if_fail (TB_IS_REPORT (previous), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  last_year = tb_report_get_year (previous);
  if (last_year > 0 && year != last_year + 1)
    {
      g_set_error (error, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR,
                   _("Last year's report is on %d, so the new report must be on %d, not %d"),
                   last_year, last_year + 1, year);
      return NULL;
    }
  format = year > 0 ? tb_format_for_year (year) : NULL;
  if (format == NULL || year < tb_format_get_first_year (format))
    {
      g_set_error (error, TB_CARRY_ERROR, TB_CARRY_ERROR_FORMAT,
                   _("There is no report format for %d"), year);
      return NULL;
    }

  report = tb_report_new (format);
  tb_report_freeze (report);
  tb_report_set_year (report, year);
  tb_report_set_agency (report, tb_report_get_agency (previous));
  tb_report_set_preparer (report, tb_report_get_preparer (previous));
  tb_report_set_contact (report, tb_report_get_contact (previous));
  tb_carry_fill (report, previous);

  /* Texts by section id: the formats share 一、五、六. The text-unchanged rules flag each
   * copy until it is edited. */
  if (flags & TB_CARRY_TEXTS)
    for (guint i = 0; i < tb_format_get_n_sections (format); i++)
      {
        const TbSectionSpec *section = tb_format_get_section (format, i);
        const TbSectionSpec *old = tb_format_find_section (tb_report_get_format (previous),
                                                           section->id);

        if (section->type == TB_SECTION_TEXT && old != NULL && old->type == TB_SECTION_TEXT)
          tb_report_set_text (report, section->id, tb_report_get_text (previous, section->id));
      }
  tb_report_thaw (report);
  tb_report_set_previous_report (report, previous);
  tb_report_set_modified (report, FALSE);
  return report;
}

GPtrArray *
tb_carry_list_unedited_texts (TbReport *report,
                              TbReport *previous)
{
  const TbFormat *format;
  g_autoptr(GPtrArray) issues = NULL;
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (TB_IS_REPORT (report), out);
  if (previous == NULL)
    return out;

  /* The text-unchanged rules decide what "unchanged" means; ask them. */
  format = tb_report_get_format (report);
  issues = tb_rules_check_with_previous (report, previous);
  for (guint i = 0; i < tb_format_get_n_rules (format); i++)
    {
      const TbRule *rule = tb_format_get_rule (format, i);

      if (rule->type != TB_RULE_TEXT_UNCHANGED)
        continue;
      for (guint j = 0; j < issues->len; j++)
        {
          const TbIssue *issue = g_ptr_array_index (issues, j);

          if (g_strcmp0 (issue->key, rule->key) == 0)
            {
              g_ptr_array_add (out,
                               (gpointer) tb_format_get_section (format, rule->target)->id);
              break;
            }
        }
    }
  return out;
}

/* ------------------------------------------------------------------ references */

static char *
absolute_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

char *
tb_carry_make_reference (const char *draft_path,
                         const char *previous_path)
{
  g_autofree char *target = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  GString *s;
  guint common = 0;
  guint na, nb;

  g_return_val_if_fail (previous_path != NULL, NULL);

  target = absolute_path (previous_path);
  if (draft_path == NULL)
    return g_steal_pointer (&target);
  draft = absolute_path (draft_path);
  dir = g_path_get_dirname (draft);

  /* "/a/b" splits into "", "a", "b"; the root "/" into "", "". */
  a = g_strsplit (dir, G_DIR_SEPARATOR_S, -1);
  b = g_strsplit (target, G_DIR_SEPARATOR_S, -1);
  na = g_strv_length (a);
  nb = g_strv_length (b);
  if (na > 0 && *a[na - 1] == '\0')
    na--;
  while (common < na && common + 1 < nb && g_str_equal (a[common], b[common]))
    common++;
  /* Only the root in common (another disk, so to speak): an absolute path is clearer. */
  if (common <= 1)
    return g_steal_pointer (&target);

  s = g_string_new (NULL);
  for (guint i = common; i < na; i++)
    g_string_append (s, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < nb; i++)
    {
      g_string_append (s, b[i]);
      if (i + 1 < nb)
        g_string_append_c (s, G_DIR_SEPARATOR);
    }
  return g_string_free (s, FALSE);
}

char *
tb_carry_resolve_reference (const char *draft_path,
                            const char *reference)
{
  g_autofree char *draft = NULL;
  g_autofree char *dir = NULL;

  if (reference == NULL || *reference == '\0')
    return NULL;
  if (g_str_has_prefix (reference, "file:"))
    return g_filename_from_uri (reference, NULL, NULL);
  if (strstr (reference, "://") != NULL)
    return NULL;
  if (g_path_is_absolute (reference))
    return g_canonicalize_filename (reference, NULL);
  if (draft_path == NULL)
    return g_canonicalize_filename (reference, NULL);
  draft = absolute_path (draft_path);
  dir = g_path_get_dirname (draft);
  return g_canonicalize_filename (reference, dir);
}

gboolean
tb_carry_load_previous (TbReport   *report,
                        const char *draft_path,
                        GError    **error)
{
  const char *reference;
  g_autofree char *path = NULL;
  g_autoptr(TbReport) previous = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reference = tb_report_get_previous (report);
  if (reference == NULL || *reference == '\0')
    return TRUE;
  path = tb_carry_resolve_reference (draft_path, reference);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Last year's report “%s” is not a local file"), reference);
      return FALSE;
    }
  /* Only a draft: a reference to /etc/passwd must not make us read it,
   * nor say whether it exists. */
  if (!g_str_has_suffix (path, TB_DRAFT_SUFFIX))
    {
      g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED,
                   _("Last year's report “%s” is not a Tianbao report (its name does not end in "
                     "%s), so it was not opened"),
                   reference, TB_DRAFT_SUFFIX);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Last year's report “%s” was not found (looked for %s)"), reference, path);
      return FALSE;
    }
  previous = tb_draft_load (path, &local);
  if (previous == NULL)
    {
      /* Reading errors name the file and the system's reason. What the reader says about
       * the contents may quote them: never show bytes of a file the clerk did not open. */
      if (g_error_matches (local, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO) ||
          g_error_matches (local, TB_DRAFT_ERROR, TB_DRAFT_ERROR_TOO_LARGE))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, TB_DRAFT_ERROR, local->code,
                     _("Last year's report “%s” is damaged or not a Tianbao report, so it "
                       "was not used; open it to see why"),
                     reference);
      return FALSE;
    }
  tb_report_set_previous_report (report, previous);
  return TRUE;
}
