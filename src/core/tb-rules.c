/* tb-rules.c: evaluate the consistency rules of a report's format
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are compiled when the format loads (tb-format.c): here we only add up cell
 * values, so a full check allocates nothing for the rules that pass. An empty cell is "not
 * filled": an error rule over an empty cell reports the report as incomplete, never as a
 * failed equation. Warning rules read empty cells as 0, since they only advise.
 */
#define G_LOG_DOMAIN "tb-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-format-private.h"
#include "tb-rules.h"
#include "tb-value.h"

/* ------------------------------------------------------------------ helpers */

void
tb_issue_free (TbIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->key);
  g_free (issue->cells);
  g_free (issue->message);
  g_free (issue);
}

static TbIssue *
issue_new (const TbRule *rule,
           const char   *key,
           TbSeverity    severity,
           const guint  *cells,
           guint         n_cells,
           char         *message)
{
  TbIssue *issue = g_new0 (TbIssue, 1);

  issue->rule = rule->id;
  issue->key = g_strdup (key);
  issue->severity = severity;
  issue->cells = g_memdup2 (cells, sizeof (guint) * n_cells);
  issue->n_cells = n_cells;
  issue->section = rule->section;
  issue->message = message;
  return issue;
}

typedef enum
{
  EVAL_OK,
  EVAL_EMPTY,
  EVAL_INVALID,
} EvalState;

static EvalState
eval_expr (TbReport     *report,
           const TbExpr *e,
           gboolean      empty_is_zero,
           gint64       *out)
{
  gint64 sum = e->constant;
  EvalState state = EVAL_OK;

  for (guint i = 0; i < e->n_terms; i++)
    {
      const TbCellValue *v = tb_report_get_cell (report, e->terms[i].cell);

      if (v->state == TB_CELL_VALID)
        sum += e->terms[i].sign * v->value;
      else if (v->state == TB_CELL_INVALID)
        state = EVAL_INVALID;
      else if (!empty_is_zero && state == EVAL_OK)
        state = EVAL_EMPTY;
    }
  *out = sum;
  return state;
}

static gboolean
relation_holds (TbRelation rel,
                gint64     a,
                gint64     b)
{
  switch (rel)
    {
    case TB_REL_EQ:
      return a == b;
    case TB_REL_LE:
      return a <= b;
    case TB_REL_GE:
      return a >= b;
    case TB_REL_LT:
      return a < b;
    case TB_REL_GT:
      return a > b;
    default:
      return FALSE;
    }
}

static char *
format_side (TbReport     *report,
             const TbExpr *e,
             gint64        value)
{
  TbCellKind kind = TB_CELL_COUNT;

  if (e->n_terms > 0)
    kind = tb_format_get_cell (tb_report_get_format (report), e->terms[0].cell)->kind;
  return tb_value_format (kind, value);
}

/* Fills {var}, {lhs} and {rhs} into the translated template. */
static char *
make_message (TbReport     *report,
              const TbRule *rule,
              gint64        lhs,
              gint64        rhs)
{
  GString *s = g_string_new (tb_format_gettext (rule->message));
  g_autofree char *l = format_side (report, &rule->lhs, lhs);
  g_autofree char *r = format_side (report, &rule->rhs, rhs);

  if (rule->var != NULL)
    {
      g_autofree char *pattern = g_strconcat ("{", rule->var, "}", NULL);

      g_string_replace (s, pattern, rule->item_label ? rule->item_label : "", 0);
    }
  g_string_replace (s, "{lhs}", l, 0);
  g_string_replace (s, "{rhs}", r, 0);
  return g_string_free (s, FALSE);
}

static const char *
rule_subject (const TbRule *rule)
{
  return rule->item_label ? rule->item_label : rule->id;
}

/* ------------------------------------------------------------------ rule types */

static void
check_equation (TbReport     *report,
                const TbRule *rule,
                GPtrArray    *out)
{
  gboolean lenient = rule->severity != TB_SEVERITY_ERROR;
  gint64 lhs, rhs;
  EvalState ls, rs;

  if (rule->has_when)
    {
      gint64 a, b;

      /* A condition that cannot be evaluated yet is not met. */
      if (eval_expr (report, &rule->when_lhs, FALSE, &a) != EVAL_OK ||
          eval_expr (report, &rule->when_rhs, FALSE, &b) != EVAL_OK ||
          !relation_holds (rule->when_rel, a, b))
        return;
    }

  ls = eval_expr (report, &rule->lhs, lenient, &lhs);
  rs = eval_expr (report, &rule->rhs, lenient, &rhs);

  /* Unreadable input is reported once, by the cell kind checks. */
  if (ls == EVAL_INVALID || rs == EVAL_INVALID)
    return;

  if (ls == EVAL_EMPTY || rs == EVAL_EMPTY)
    {
      g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < rule->n_cells; i++)
        if (tb_report_get_cell (report, rule->cells[i])->state == TB_CELL_EMPTY)
          g_array_append_val (empty, rule->cells[i]);
      g_ptr_array_add (out, issue_new (rule, rule->key, TB_SEVERITY_INCOMPLETE,
                                       (guint *) empty->data, empty->len,
                                       g_strdup_printf (
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "%s: not checked yet, %u cell is not filled",
                                                      "%s: not checked yet, %u cells are not filled",
                                                      empty->len),
                                         rule_subject (rule), empty->len)));
      return;
    }

  if (!relation_holds (rule->rel, lhs, rhs))
    {
      TbIssue *issue = issue_new (rule, rule->key, rule->severity, rule->cells, rule->n_cells,
                                  make_message (report, rule, lhs, rhs));

      issue->has_values = TRUE;
      issue->lhs = lhs;
      issue->rhs = rhs;
      if (rule->severity == TB_SEVERITY_WARNING)
        issue->acknowledged = tb_report_is_acknowledged (report, rule->key);
      g_ptr_array_add (out, issue);
    }
}

static void
check_cells (TbReport     *report,
             const TbRule *rule,
             GPtrArray    *out)
{
  const TbFormat *format = tb_report_get_format (report);
  const TbTableSpec *table = tb_format_get_table (format, rule->target);
  const TbSectionSpec *section = table->section >= 0
    ? tb_format_get_section (format, table->section) : NULL;
  const char *where = section ? section->heading : table->id;
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < rule->n_cells; i++)
    {
      guint cell = rule->cells[i];
      const TbCellValue *v = tb_report_get_cell (report, cell);
      const TbCellSpec *spec = tb_format_get_cell (format, cell);

      if (v->state == TB_CELL_EMPTY)
        g_array_append_val (empty, cell);
      else if (v->state == TB_CELL_INVALID)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *key = g_strconcat (rule->id, ":", spec->id, NULL);
          gint64 dummy;

          tb_value_parse_cell (spec, v->text, &dummy, NULL, &error);
          g_ptr_array_add (out, issue_new (rule, key, rule->severity, &cell, 1,
                                           g_strdup_printf ("%s: %s", spec->label,
                                                            error ? error->message : "?")));
        }
    }
  if (empty->len > 0)
    g_ptr_array_add (out, issue_new (rule, rule->key, TB_SEVERITY_INCOMPLETE,
                                     (guint *) empty->data, empty->len,
                                     g_strdup_printf (
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "%s: %u cell is not filled yet; enter 0 where there were no cases",
                                                    "%s: %u cells are not filled yet; enter 0 where there were no cases",
                                                    empty->len),
                                       where, empty->len)));
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

static void
check_text (TbReport     *report,
            const TbRule *rule,
            GPtrArray    *out)
{
  const TbSectionSpec *section = tb_format_get_section (tb_report_get_format (report),
                                                        rule->target);

  if (text_is_blank (tb_report_get_text (report, section->id)))
    g_ptr_array_add (out, issue_new (rule, rule->key, rule->severity, NULL, 0,
                                     g_strdup_printf (_("%s has no text yet"),
                                                      section->heading)));
}

/* ------------------------------------------------------------------ public */

static int
severity_rank (TbSeverity s)
{
  return s == TB_SEVERITY_ERROR ? 0 : s == TB_SEVERITY_WARNING ? 1 : 2;
}

GPtrArray *
tb_rules_check (TbReport *report)
{
  const TbFormat *format;
  GPtrArray *out;
  guint n;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_issue_free);
  n = tb_format_get_n_rules (format);
  for (guint i = 0; i < n; i++)
    {
      const TbRule *rule = tb_format_get_rule (format, i);

      switch (rule->type)
        {
        case TB_RULE_EQUATION:
          check_equation (report, rule, out);
          break;
        case TB_RULE_CELLS:
          check_cells (report, rule, out);
          break;
        case TB_RULE_TEXT:
          check_text (report, rule, out);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* g_ptr_array_sort is not stable; the issues are few, so insertion order is kept by a
   * stable merge through a second array. */
  if (out->len > 1)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      for (int rank = 0; rank < 3; rank++)
        for (guint i = 0; i < out->len; i++)
          if (severity_rank (((TbIssue *) g_ptr_array_index (out, i))->severity) == rank)
            g_ptr_array_add (sorted, g_ptr_array_index (out, i));
      memcpy (out->pdata, sorted->pdata, sizeof (gpointer) * out->len);
    }
  return out;
}

gboolean
tb_rules_is_ready (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity != TB_SEVERITY_WARNING)
        return FALSE;
    }
  return TRUE;
}

guint
tb_rules_count (GPtrArray *issues,
                TbSeverity severity)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    n += ((const TbIssue *) g_ptr_array_index (issues, i))->severity == severity;
  return n;
}

gboolean
tb_rules_compute_totals (TbReport *report)
{
  const TbFormat *format;
  gboolean changed = FALSE;
  guint n;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);

  format = tb_report_get_format (report);
  n = tb_format_get_n_rules (format);

  /* Totals may depend on totals (（七）总计 of the 总计 column): repeat until stable. */
  for (guint pass = 0; pass < 4; pass++)
    {
      gboolean pass_changed = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const TbRule *rule = tb_format_get_rule (format, i);
          guint target;
          gint64 sum;
          const TbCellValue *v;

          if (!rule->total)
            continue;
          target = rule->lhs.terms[0].cell;
          if (tb_format_get_cell (format, target)->total_rule != (int) i)
            continue;
          v = tb_report_get_cell (report, target);
          if (eval_expr (report, &rule->rhs, FALSE, &sum) == EVAL_OK)
            {
              if (v->state != TB_CELL_VALID || v->value != sum)
                {
                  tb_report_set_cell_value (report, target, sum, NULL);
                  pass_changed = TRUE;
                }
            }
          else if (v->state != TB_CELL_EMPTY)
            {
              tb_report_clear_cell (report, target);
              pass_changed = TRUE;
            }
        }
      changed |= pass_changed;
      if (!pass_changed)
        break;
    }
  return changed;
}
