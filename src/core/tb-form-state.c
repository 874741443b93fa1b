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

/* Calls @func for each piece of @tmpl: literal text (is_field FALSE) or the name between
 * braces (is_field TRUE). */
typedef void (*PieceFunc) (const char *piece,
                           gsize       len,
                           gboolean    is_field,
                           gpointer    data);

static void
split_template (const char *tmpl,
                PieceFunc   func,
                gpointer    data)
{
  const char *p = tmpl;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;

      if (open == NULL || close == NULL)
        {
          func (p, strlen (p), FALSE, data);
          return;
        }
      if (open > p)
        func (p, open - p, FALSE, data);
      func (open + 1, close - open - 1, TRUE, data);
      p = close + 1;
    }
}

typedef struct
{
  TbReport *report;
  GString  *out;
  gboolean  missing;
} SentenceData;

static void
fill_piece (const char *piece,
            gsize       len,
            gboolean    is_field,
            gpointer    data)
{
  SentenceData *sd = data;
  g_autofree char *name = NULL;
  const TbFormat *format;
  const TbCellSpec *spec;
  const TbCellValue *v;
  g_autofree char *text = NULL;

  if (!is_field)
    {
      g_string_append_len (sd->out, piece, len);
      return;
    }
  name = g_strndup (piece, len);
  if (g_str_equal (name, "year"))
    {
      g_string_append_printf (sd->out, "%d", tb_report_get_year (sd->report));
      return;
    }
  format = tb_report_get_format (sd->report);
  spec = tb_format_find_cell (format, name);
  v = spec ? tb_report_get_cell (sd->report, spec->index) : NULL;
  if (v == NULL || v->state != TB_CELL_VALID)
    {
      sd->missing = TRUE;
      return;
    }
  text = tb_value_format (spec->kind, v->value);
  g_string_append (sd->out, text);
}

char *
tb_form_make_sentence (TbReport            *report,
                       const TbSectionSpec *section)
{
  SentenceData sd = { report, NULL, FALSE };

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  if (section->sentence == NULL || *section->sentence == '\0')
    return NULL;
  sd.out = g_string_new (NULL);
  split_template (section->sentence, fill_piece, &sd);
  if (sd.missing)
    {
      g_string_free (sd.out, TRUE);
      return NULL;
    }
  return g_string_free (sd.out, FALSE);
}

static void
regex_piece (const char *piece,
             gsize       len,
             gboolean    is_field,
             gpointer    data)
{
  GString *pattern = data;

  if (is_field)
    {
      /* Whatever was filled in: digits, separators, decimals, spaces. */
      g_string_append (pattern, "[^，。；;\\n]*?");
    }
  else
    {
      g_autofree char *escaped = g_regex_escape_string (piece, (int) len);

      g_string_append (pattern, escaped);
    }
}

gboolean
tb_form_find_sentence (const TbSectionSpec *section,
                       const char          *text,
                       int                 *start,
                       int                 *end)
{
  g_autoptr(GString) pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  int s, e;

  g_return_val_if_fail (section != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (section->sentence == NULL || *section->sentence == '\0')
    return FALSE;
  pattern = g_string_new (NULL);
  split_template (section->sentence, regex_piece, pattern);
  regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, NULL);
  if (regex == NULL || !g_regex_match (regex, text, 0, &match))
    return FALSE;
  if (!g_match_info_fetch_pos (match, 0, &s, &e))
    return FALSE;
  if (start != NULL)
    *start = (int) g_utf8_pointer_to_offset (text, text + s);
  if (end != NULL)
    *end = (int) g_utf8_pointer_to_offset (text, text + e);
  return TRUE;
}

guint
tb_form_count_characters (const char *text)
{
  guint n = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

char *
tb_form_parse_date (const char *text)
{
  guint parts[3] = { 0, 0, 0 };
  guint n = 0;
  gboolean in_number = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* Every run of digits is a part; anything else separates. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        {
          if (!in_number)
            {
              if (n == 3)
                return NULL;
              n++;
              in_number = TRUE;
            }
          if (parts[n - 1] > 9999)
            return NULL;
          parts[n - 1] = parts[n - 1] * 10 + digit;
        }
      else
        {
          in_number = FALSE;
          if (!g_unichar_isspace (c) && !strchr ("-/.", (int) c) &&
              c != 0x5E74 /* 年 */ && c != 0x6708 /* 月 */ && c != 0x65E5 /* 日 */ &&
              c != 0xFF0D && c != 0xFF0F && c != 0xFF0E && c != 0x3000)
            return NULL;
        }
    }
  if (n != 3 || parts[0] < 1000 || !g_date_valid_dmy (parts[2], parts[1], parts[0]))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", parts[0], parts[1], parts[2]);
}

TbReport *
tb_form_convert_report (TbReport       *report,
                        const TbFormat *format,
                        guint          *n_dropped)
{
  const TbFormat *old_format;
  TbReport *copy;
  g_autoptr(GPtrArray) acks = NULL;
  guint dropped = 0;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (format != NULL, NULL);

  old_format = tb_report_get_format (report);
  copy = tb_report_new (format);
  tb_report_freeze (copy);
  tb_report_set_agency (copy, tb_report_get_agency (report));
  tb_report_set_year (copy, tb_report_get_year (report));
  tb_report_set_preparer (copy, tb_report_get_preparer (report));
  tb_report_set_contact (copy, tb_report_get_contact (report));
  tb_report_set_report_date (copy, tb_report_get_report_date (report));
  tb_report_set_created (copy, tb_report_get_created (report));
  tb_report_set_previous (copy, tb_report_get_previous (report));
  tb_report_set_previous_report (copy, tb_report_get_previous_report (report));
  tb_report_set_manual_totals (copy, tb_report_get_manual_totals (report));

  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);

      if (section->type == TB_SECTION_TEXT &&
          tb_format_find_section (old_format, section->id) != NULL)
        tb_report_set_text (copy, section->id, tb_report_get_text (report, section->id));
    }

  for (guint i = 0; i < tb_format_get_n_cells (old_format); i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (old_format, i);
      const TbCellSpec *target = tb_format_find_cell (format, spec->id);
      const TbCellValue *v = tb_report_get_cell (report, i);

      if (v->state == TB_CELL_EMPTY)
        continue;
      if (target == NULL || target->kind != spec->kind)
        {
          dropped++;
          continue;
        }
      if (v->state == TB_CELL_VALID)
        tb_report_set_cell_value (copy, target->index, v->value, v->unit);
      else
        tb_report_set_cell_text (copy, target->index, v->text, NULL);
    }

  acks = tb_report_list_acknowledged (report);
  for (guint i = 0; i < acks->len; i++)
    tb_report_set_acknowledged (copy, g_ptr_array_index (acks, i), TRUE);
  tb_report_thaw (copy);
  tb_report_set_modified (copy, TRUE);

  if (n_dropped != NULL)
    *n_dropped = dropped;
  return copy;
}
