/* tb-rules.c: evaluate the consistency rules of a report's format
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are compiled when the format loads (tb-format.c): here we only add up cell
 * values, so a full check allocates nothing for the rules that pass. An empty cell is "not
 * filled": an error rule over an empty cell reports the report as incomplete, never as a
 * failed equation. A warning rule waits until its table cells are filled, and reads an
 * empty optional field (the fee fields of section 六) as none.
 */
#define G_LOG_DOMAIN "tb-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-format-private.h"
#include "tb-rules-private.h"
#include "tb-value.h"

/* ------------------------------------------------------------------ helpers */

static TbIssueKind
issue_kind (TbRuleType type)
{
  switch (type)
    {
    case TB_RULE_EQUATION:
      return TB_ISSUE_EQUATION;
    case TB_RULE_CELLS:
      return TB_ISSUE_CELLS;
    case TB_RULE_TEXT:
      return TB_ISSUE_TEXT;
    case TB_RULE_TEXT_UNCHANGED:
      return TB_ISSUE_TEXT_UNCHANGED;
    default:
      g_assert_not_reached ();
    }
}

void
tb_issue_free (TbIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->key);
  g_free (issue->cells);
  g_free (issue->message);
  g_free (issue->lhs_text);
  g_free (issue->rhs_text);
  g_free (issue);
}

TbIssue *
_tb_issue_new (const TbRule *rule,
               const char   *key,
               TbSeverity    severity,
               const guint  *cells,
               guint         n_cells,
               char         *message)
{
  TbIssue *issue = g_new0 (TbIssue, 1);

  issue->rule = rule->id;
  issue->kind = issue_kind (rule->type);
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
  EVAL_NOT_APPLICABLE,  /* a prev.* cell last year's report does not have, or left empty */
} EvalState;

/* The value of a prev.* term: last year's cell with that id, in last year's format. */
static const TbCellValue *
previous_cell (TbReport   *previous,
               const char *id)
{
  const TbCellSpec *spec;

  if (previous == NULL)
    return NULL;
  spec = tb_format_find_cell (tb_report_get_format (previous), id);
  return spec ? tb_report_get_cell (previous, spec->index) : NULL;
}

/* Structured fields of a text section (六's fee fields) are optional; table cells are not. */
static gboolean
is_optional_field (TbReport *report,
                   guint     cell)
{
  const TbFormat *format = tb_report_get_format (report);
  const TbCellSpec *spec = tb_format_get_cell (format, cell);

  return spec->section >= 0 &&
         tb_format_get_section (format, spec->section)->type == TB_SECTION_TEXT;
}

/* A total the program adds up (not typed by hand): blank while a part is blank or
 * unreadable, so it is never itself what the clerk has to fill in. */
static const TbRule *
computed_total_rule (TbReport *report,
                     guint     cell)
{
  const TbFormat *format = tb_report_get_format (report);
  int rule = tb_format_get_cell (format, cell)->total_rule;

  if (rule < 0 || tb_report_get_manual_totals (report))
    return NULL;
  return tb_format_get_rule (format, rule);
}

/* Whether the blank computed total @cell is blank because one of its parts (or of theirs)
 * cannot be read: that part is reported, once, by the cell kind checks. */
static gboolean
total_blocked_by_invalid (TbReport *report,
                          guint     cell,
                          guint     depth)
{
  const TbRule *rule = computed_total_rule (report, cell);

  if (rule == NULL || depth > 4)
    return FALSE;
  for (guint i = 0; i < rule->rhs.n_terms; i++)
    {
      guint part = rule->rhs.terms[i].cell;
      const TbCellValue *v;

      if (rule->rhs.terms[i].prev_id != NULL)
        continue;
      v = tb_report_get_cell (report, part);
      if (v->state == TB_CELL_INVALID ||
          (v->state == TB_CELL_EMPTY && total_blocked_by_invalid (report, part, depth + 1)))
        return TRUE;
    }
  return FALSE;
}

/* Whether a part of the computed total of @rule is blank or unreadable: then the total
 * is blank for that part's sake. */
static gboolean
total_has_blank_part (TbReport     *report,
                      const TbRule *rule)
{
  for (guint i = 0; i < rule->rhs.n_terms; i++)
    if (rule->rhs.terms[i].prev_id == NULL &&
        tb_report_get_cell (report, rule->rhs.terms[i].cell)->state != TB_CELL_VALID)
      return TRUE;
  return FALSE;
}

/* Adds @cell to @empty if it is blank, or, for a blank computed total, its blank parts:
 * the cells the clerk can type into. */
static void
add_empty_cell (TbReport *report,
                guint     cell,
                GArray   *empty,
                guint     depth)
{
  const TbRule *rule;

  if (tb_report_get_cell (report, cell)->state != TB_CELL_EMPTY)
    return;
  rule = computed_total_rule (report, cell);
  if (rule != NULL && depth <= 4 && total_has_blank_part (report, rule))
    {
      for (guint i = 0; i < rule->rhs.n_terms; i++)
        if (rule->rhs.terms[i].prev_id == NULL)
          add_empty_cell (report, rule->rhs.terms[i].cell, empty, depth + 1);
      return;
    }
  /* A typed cell, or a total not added up yet (a draft read as it was saved). */
  for (guint i = 0; i < empty->len; i++)
    if (g_array_index (empty, guint, i) == cell)
      return;
  g_array_append_val (empty, cell);
}

static EvalState
eval_expr (TbReport     *report,
           TbReport     *previous,
           const TbExpr *e,
           gboolean      empty_is_zero,
           gint64       *out)
{
  gint64 sum = e->constant;
  EvalState state = EVAL_OK;

  for (guint i = 0; i < e->n_terms; i++)
    {
      const TbCellValue *v;

      if (e->terms[i].prev_id != NULL)
        {
          /* Last year's report is finished business: what it lacks cannot be filled in
           * here, so the comparison simply does not apply. */
          v = previous_cell (previous, e->terms[i].prev_id);
          if (v == NULL || v->state != TB_CELL_VALID)
            {
              *out = 0;
              return EVAL_NOT_APPLICABLE;
            }
          sum += e->terms[i].sign * v->value;
          continue;
        }
      v = tb_report_get_cell (report, e->terms[i].cell);
      if (v->state == TB_CELL_VALID)
        sum += e->terms[i].sign * v->value;
      else if (v->state == TB_CELL_INVALID ||
               total_blocked_by_invalid (report, e->terms[i].cell, 0))
        state = EVAL_INVALID;
      else if (empty_is_zero && is_optional_field (report, e->terms[i].cell))
        ;  /* an optional field left empty reads as none, e.g. 发出收费通知件数 */
      else if (state == EVAL_OK)
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

/* @value, a side of a rule, written like its first cell (a count, an amount): a cell of
 * @report, or of @previous for a prev.* term (a count when it is NULL). */
static char *
format_side (TbReport     *report,
             TbReport     *previous,
             const TbExpr *e,
             gint64        value)
{
  TbCellKind kind = TB_CELL_COUNT;

  if (e->n_terms > 0 && e->terms[0].prev_id == NULL)
    kind = tb_format_get_cell (tb_report_get_format (report), e->terms[0].cell)->kind;
  else if (e->n_terms > 0 && previous != NULL)
    {
      const TbCellSpec *spec = tb_format_find_cell (tb_report_get_format (previous),
                                                    e->terms[0].prev_id);

      if (spec != NULL)
        kind = spec->kind;
    }
  return tb_value_format (kind, value);
}

/* Fills {var}, {lhs} and {rhs} (both sides as written in the issue) into the translated
 * template. */
static char *
make_message (const TbRule  *rule,
              const TbIssue *issue)
{
  GString *s = g_string_new (tb_format_gettext (rule->message));

  if (rule->var != NULL)
    {
      g_autofree char *pattern = g_strconcat ("{", rule->var, "}", NULL);

      g_string_replace (s, pattern, rule->item_label ? rule->item_label : "", 0);
    }
  g_string_replace (s, "{lhs}", issue->lhs_text, 0);
  g_string_replace (s, "{rhs}", issue->rhs_text, 0);
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
                TbReport     *previous,
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
      if (eval_expr (report, previous, &rule->when_lhs, FALSE, &a) != EVAL_OK ||
          eval_expr (report, previous, &rule->when_rhs, FALSE, &b) != EVAL_OK ||
          !relation_holds (rule->when_rel, a, b))
        return;
    }

  ls = eval_expr (report, previous, &rule->lhs, lenient, &lhs);
  rs = eval_expr (report, previous, &rule->rhs, lenient, &rhs);

  if (ls == EVAL_NOT_APPLICABLE || rs == EVAL_NOT_APPLICABLE)
    return;

  /* Unreadable input is reported once, by the cell kind checks. */
  if (ls == EVAL_INVALID || rs == EVAL_INVALID)
    return;

  /* A warning over table cells that are not filled yet waits for them: the cells rule
   * already says they are empty, and comparing with 0 would only raise false alarms
   * (T2-2 on a report just carried over from last year, table 二 still blank). */
  if ((ls == EVAL_EMPTY || rs == EVAL_EMPTY) && lenient)
    return;

  if (ls == EVAL_EMPTY || rs == EVAL_EMPTY)
    {
      g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (guint));

      /* A blank computed total stands for its blank parts: those can be typed into. */
      for (guint i = 0; i < rule->n_cells; i++)
        add_empty_cell (report, rule->cells[i], empty, 0);
      g_ptr_array_add (out, _tb_issue_new (rule, rule->key, TB_SEVERITY_INCOMPLETE,
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
      TbIssue *issue = _tb_issue_new (rule, rule->key, rule->severity, rule->cells,
                                      rule->n_cells, NULL);

      issue->has_values = TRUE;
      issue->lhs = lhs;
      issue->rhs = rhs;
      issue->lhs_text = format_side (report, previous, &rule->lhs, lhs);
      issue->rhs_text = format_side (report, previous, &rule->rhs, rhs);
      issue->message = make_message (rule, issue);
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
        {
          /* A blank computed total is no cell to fill in: its blank parts are counted
           * here, an unreadable part is reported on its own. */
          const TbRule *total = computed_total_rule (report, cell);

          if (total == NULL || !total_has_blank_part (report, total))
            g_array_append_val (empty, cell);
        }
      else if (v->state == TB_CELL_INVALID)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *key = g_strconcat (rule->id, ":", spec->id, NULL);
          gint64 dummy;

          tb_value_parse_cell (spec, v->text, &dummy, NULL, &error);
          g_ptr_array_add (out, _tb_issue_new (rule, key, rule->severity, &cell, 1,
                                               /* TRANSLATORS: a cell's official label, then why its
                                               * content is not a number the report can take */
                                              g_strdup_printf (C_("cell label: parse error", "%s: %s"),
                                                               spec->label,
                                                               error ? error->message : "?")));
        }
    }
  if (empty->len > 0)
    g_ptr_array_add (out, _tb_issue_new (rule, rule->key, TB_SEVERITY_INCOMPLETE,
                                         (guint *) empty->data, empty->len,
                                         g_strdup_printf (
                                          g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %u cell is not filled yet; enter 0 where there were no cases",
                                                       "%s: %u cells are not filled yet; enter 0 where there were no cases",
                                                       empty->len),
                                          where, empty->len)));
}

/* Whether a rule that needs last year's report applies to this one. */
static gboolean
previous_applies (const TbRule *rule,
                  TbReport     *previous)
{
  const char *id;

  if (previous == NULL)
    return FALSE;
  if (rule->previous_formats == NULL)
    return TRUE;
  id = tb_format_get_id (tb_report_get_format (previous));
  return g_strv_contains ((const char *const *) rule->previous_formats, id);
}

/* ------------------------------------------------------------------ the year */

static char *
format_years (const TbFormat *format)
{
  int last = tb_format_get_last_year (format);

  if (last == G_MAXINT)
    /* TRANSLATORS: the years of a format that is still in use: "2021 and later" */
    return g_strdup_printf (_("%d and later"), tb_format_get_first_year (format));
  /* TRANSLATORS: the years of a format: "2019 to 2020" */
  return g_strdup_printf (_("%d to %d"), tb_format_get_first_year (format), last);
}

static TbIssue *
year_issue (const TbFormat *format,
            int             year)
{
  TbIssue *issue = g_new0 (TbIssue, 1);
  const TbFormat *fitting = tb_format_for_year (year);
  g_autofree char *years = format_years (format);

  /* tb_format_for_year() falls back to the nearest format: only one for the year counts. */
  if (fitting != NULL && (fitting == format || year < tb_format_get_first_year (fitting) ||
                          year > tb_format_get_last_year (fitting)))
    fitting = NULL;

  issue->rule = TB_RULES_YEAR;
  issue->kind = TB_ISSUE_YEAR;
  issue->key = g_strdup (TB_RULES_YEAR);
  issue->severity = TB_SEVERITY_ERROR;
  issue->section = -1;
  if (fitting != NULL)
    /* TRANSLATORS: year; format id; its document number; its years; the fitting format's
     * id and document number; the year again */
    issue->message = g_strdup_printf (_("The report is on %d, but its format %s (%s) is for "
                                        "reports on %s: change the year, or convert the "
                                        "report to format %s (%s), the one for %d"),
                                      year, tb_format_get_id (format),
                                      tb_format_get_document (format), years,
                                      tb_format_get_id (fitting),
                                      tb_format_get_document (fitting), year);
  else
    issue->message = g_strdup_printf (_("The report is on %d, but its format %s (%s) is for "
                                        "reports on %s: change the year"),
                                      year, tb_format_get_id (format),
                                      tb_format_get_document (format), years);
  return issue;
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
  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  return tb_rules_check_with_previous (report, tb_report_get_previous_report (report));
}

static gboolean
only_total_cells (const TbFormat *format,
                  const TbRule   *rule)
{
  for (guint i = 0; i < rule->n_cells; i++)
    if (tb_format_get_cell (format, rule->cells[i])->total_rule < 0)
      return FALSE;
  return rule->n_cells > 0;
}

GPtrArray *
tb_rules_check_with_previous (TbReport *report,
                              TbReport *previous)
{
  const TbFormat *format;
  GPtrArray *out;
  guint n;
  int year, previous_year;
  const char *failed_rule = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (previous == NULL || TB_IS_REPORT (previous), NULL);

  format = tb_report_get_format (report);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_issue_free);

  /* A 2019-format report on 2024 (hand-edited, or from another tool) would print the wrong
   * official document and miss the 2021 format's rows. */
  year = tb_report_get_year (report);
  if (year > 0 &&
      (year < tb_format_get_first_year (format) || year > tb_format_get_last_year (format)))
    g_ptr_array_add (out, year_issue (format, year));

  /* Comparing with a report on another year than the one before would be wrong in every
   * cross-year rule: say so once and leave them out. */
  previous_year = previous ? tb_report_get_year (previous) : 0;
  if (previous != NULL && year > 0 && previous_year > 0 && previous_year != year - 1)
    {
      TbIssue *issue = g_new0 (TbIssue, 1);

      issue->rule = TB_RULES_PREVIOUS_YEAR;
      issue->kind = TB_ISSUE_PREVIOUS_YEAR;
      issue->key = g_strdup (TB_RULES_PREVIOUS_YEAR);
      issue->severity = TB_SEVERITY_WARNING;
      issue->section = -1;
      issue->message = g_strdup_printf (_("The report attached as last year's is on %d, not "
                                          "on %d; it was not compared with this one"),
                                        previous_year, year - 1);
      issue->acknowledged = tb_report_is_acknowledged (report, issue->key);
      g_ptr_array_add (out, issue);
      previous = NULL;
    }

  n = tb_format_get_n_rules (format);
  for (guint i = 0; i < n; i++)
    {
      const TbRule *rule = tb_format_get_rule (format, i);
      guint before = out->len;

      if (rule->previous && !previous_applies (rule, previous))
        continue;
      switch (rule->type)
        {
        case TB_RULE_EQUATION:
          /* With computed totals, an instance over total cells only (T3-1 in the 总计
           * column) fails exactly because a sibling instance failed: one mistake, one
           * issue. */
          if (failed_rule != NULL && g_str_equal (failed_rule, rule->id) &&
              !tb_report_get_manual_totals (report) && only_total_cells (format, rule))
            break;
          check_equation (report, previous, rule, out);
          if (out->len > before &&
              ((TbIssue *) g_ptr_array_index (out, out->len - 1))->has_values)
            failed_rule = rule->id;
          break;
        case TB_RULE_TEXT_UNCHANGED:
          _tb_rules_check_text_unchanged (report, previous, rule, out);
          break;
        case TB_RULE_CELLS:
          check_cells (report, rule, out);
          break;
        case TB_RULE_TEXT:
          _tb_rules_check_text (report, rule, out);
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
tb_rules_lookup_key (const TbFormat *format,
                     const char     *key,
                     TbSeverity     *severity)
{
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < tb_format_get_n_rules (format); i++)
    {
      const TbRule *rule = tb_format_get_rule (format, i);

      if (g_strcmp0 (rule->key, key) == 0)
        {
          if (severity != NULL)
            *severity = rule->severity;
          return TRUE;
        }
    }
  return FALSE;
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
          TbCellKind kind;

          if (!rule->total)
            continue;
          target = rule->lhs.terms[0].cell;
          if (tb_format_get_cell (format, target)->total_rule != (int) i)
            continue;
          v = tb_report_get_cell (report, target);
          kind = tb_format_get_cell (format, target)->kind;
          if (eval_expr (report, NULL, &rule->rhs, FALSE, &sum) != EVAL_OK)
            {
              if (v->state != TB_CELL_EMPTY)
                {
                  tb_report_clear_cell (report, target);
                  pass_changed = TRUE;
                }
            }
          else if (!tb_value_fits (kind, sum))
            {
              /* More than the cell can hold: kept as text that cannot be read, exactly as
               * the saved draft would read it back, and reported by the kind check. */
              g_autofree char *text = tb_value_format (kind, sum);

              if (v->state != TB_CELL_INVALID || g_strcmp0 (v->text, text) != 0)
                {
                  tb_report_set_cell_text (report, target, text, NULL);
                  pass_changed = TRUE;
                }
            }
          else if (v->state != TB_CELL_VALID || v->value != sum)
            {
              tb_report_set_cell_value (report, target, sum, NULL);
              pass_changed = TRUE;
            }
        }
      changed |= pass_changed;
      if (!pass_changed)
        break;
    }
  return changed;
}
