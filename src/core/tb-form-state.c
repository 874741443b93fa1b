/* tb-form-state.c: what the form shows for a list of issues, derived without widgets
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-form-state"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-form-state.h"
#include "tb-value.h"

/* A cell in many broken rules would get an unreadable tooltip: show the first few. */
#define MAX_TOOLTIP_MESSAGES 3

/* ------------------------------------------------------------------ helpers */

static TbCellMark
mark_for_issue (const TbIssue *issue)
{
  switch (issue->severity)
    {
    case TB_SEVERITY_ERROR:
      return TB_CELL_MARK_ERROR;
    case TB_SEVERITY_WARNING:
      return issue->acknowledged ? TB_CELL_MARK_NONE : TB_CELL_MARK_WARNING;
    case TB_SEVERITY_INCOMPLETE:
    default:
      /* Not filled yet is not wrong: no red cells for a form being filled in. */
      return TB_CELL_MARK_NONE;
    }
}

static void
count_issue (TbSectionCounts *counts,
             const TbIssue   *issue)
{
  switch (issue->severity)
    {
    case TB_SEVERITY_ERROR:
      counts->n_errors++;
      break;
    case TB_SEVERITY_WARNING:
      if (!issue->acknowledged)
        counts->n_warnings++;
      break;
    case TB_SEVERITY_INCOMPLETE:
    default:
      counts->n_incomplete++;
      break;
    }
}

/* ------------------------------------------------------------------ public */

/**
 * tb_form_state_new:
 * @format: the report's format
 * @issues: (element-type TbIssue): from tb_rules_check()
 *
 * Returns: (transfer full): the state; free with tb_form_state_free()
 */
TbFormState *
tb_form_state_new (const TbFormat *format,
                   GPtrArray      *issues)
{
  TbFormState *state;
  g_autofree guint *n_messages = NULL;
  g_autofree GString **texts = NULL;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (issues != NULL, NULL);

  state = g_new0 (TbFormState, 1);
  state->format = format;
  state->n_cells = tb_format_get_n_cells (format);
  state->marks = g_new0 (TbCellMark, state->n_cells);
  state->tooltips = g_new0 (char *, state->n_cells);
  state->n_sections = tb_format_get_n_sections (format);
  state->sections = g_new0 (TbSectionCounts, state->n_sections);
  n_messages = g_new0 (guint, state->n_cells);
  texts = g_new0 (GString *, state->n_cells);

  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);
      TbCellMark mark = mark_for_issue (issue);

      count_issue (&state->total, issue);
      if (issue->section >= 0 && (guint) issue->section < state->n_sections)
        count_issue (&state->sections[issue->section], issue);

      if (mark == TB_CELL_MARK_NONE)
        continue;

      for (guint j = 0; j < issue->n_cells; j++)
        {
          guint cell = issue->cells[j];

          if (cell >= state->n_cells)
            continue;
          if (mark > state->marks[cell])
            state->marks[cell] = mark;

          n_messages[cell]++;
          if (n_messages[cell] > MAX_TOOLTIP_MESSAGES)
            continue;
          if (texts[cell] == NULL)
            texts[cell] = g_string_new (issue->message);
          else
            {
              g_string_append_c (texts[cell], '\n');
              g_string_append (texts[cell], issue->message);
            }
        }
    }

  for (guint cell = 0; cell < state->n_cells; cell++)
    {
      if (texts[cell] == NULL)
        continue;
      if (n_messages[cell] > MAX_TOOLTIP_MESSAGES)
        {
          guint more = n_messages[cell] - MAX_TOOLTIP_MESSAGES;

          g_string_append_c (texts[cell], '\n');
          g_string_append_printf (texts[cell],
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "… and %u more problem",
                                               "… and %u more problems", more),
                                  more);
        }
      state->tooltips[cell] = g_string_free (texts[cell], FALSE);
    }

  return state;
}

void
tb_form_state_free (TbFormState *state)
{
  if (state == NULL)
    return;
  for (guint i = 0; i < state->n_cells; i++)
    g_free (state->tooltips[i]);
  g_free (state->tooltips);
  g_free (state->marks);
  g_free (state->sections);
  g_free (state);
}

gboolean
tb_form_state_cell_equal (const TbFormState *a,
                          const TbFormState *b,
                          guint              cell)
{
  g_return_val_if_fail (b != NULL, FALSE);
  g_return_val_if_fail (cell < b->n_cells, FALSE);

  if (a == NULL || a->format != b->format)
    return FALSE;
  return a->marks[cell] == b->marks[cell] &&
         g_strcmp0 (a->tooltips[cell], b->tooltips[cell]) == 0;
}

gboolean
tb_form_cell_is_computed (TbReport *report,
                          guint     cell)
{
  const TbFormat *format;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);

  format = tb_report_get_format (report);
  g_return_val_if_fail (cell < tb_format_get_n_cells (format), FALSE);

  return tb_format_get_cell (format, cell)->total_rule >= 0 &&
         !tb_report_get_manual_totals (report);
}

int
tb_form_issue_focus_cell (const TbFormat *format,
                          const TbIssue  *issue)
{
  g_return_val_if_fail (format != NULL, -1);
  g_return_val_if_fail (issue != NULL, -1);

  if (issue->n_cells == 0)
    return -1;
  for (guint i = 0; i < issue->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, issue->cells[i]);

      if (spec != NULL && spec->section == issue->section)
        return (int) issue->cells[i];
    }
  return (int) issue->cells[0];
}

static int
section_rank (const TbIssue *issue)
{
  return issue->section >= 0 ? issue->section : G_MAXINT;
}

GPtrArray *
tb_form_sort_issues (GPtrArray *issues)
{
  GPtrArray *sorted;

  g_return_val_if_fail (issues != NULL, NULL);

  /* A stable ordering by section; g_ptr_array_sort is not stable, and the lists are
   * short, so a simple insertion sort keeps tb_rules_check()'s order within a section. */
  sorted = g_ptr_array_sized_new (issues->len);
  for (guint i = 0; i < issues->len; i++)
    {
      TbIssue *issue = g_ptr_array_index (issues, i);
      guint pos = sorted->len;

      while (pos > 0 &&
             section_rank (g_ptr_array_index (sorted, pos - 1)) > section_rank (issue))
        pos--;
      g_ptr_array_insert (sorted, pos, issue);
    }
  return sorted;
}

