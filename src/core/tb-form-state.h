/* tb-form-state.h: what the form shows for a list of issues, derived without widgets
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window never interprets issues itself: it asks for a TbFormState (which cells are
 * marked as errors or warnings, the tooltip of each cell, the badge of each section, the
 * counts for the header bar) and applies it to the widgets. Keeping the derivation here,
 * in plain C over the core types, lets it be unit-tested without a display.
 */
#pragma once

#include "tb-rules.h"

G_BEGIN_DECLS

typedef enum
{
  TB_CELL_MARK_NONE,
  TB_CELL_MARK_WARNING,
  TB_CELL_MARK_ERROR,
} TbCellMark;

typedef struct
{
  guint n_errors;       /* error issues shown on this section */
  guint n_warnings;     /* warnings not acknowledged */
  guint n_incomplete;   /* incomplete issues (cells not filled yet, empty texts) */
} TbSectionCounts;

typedef struct
{
  const TbFormat  *format;
  guint            n_cells;
  TbCellMark      *marks;      /* per cell */
  char           **tooltips;   /* per cell: the messages of the issues marking it, or NULL */
  guint            n_sections;
  TbSectionCounts *sections;   /* per section */
  TbSectionCounts  total;      /* whole report; issues without a section are counted here */
} TbFormState;

TbFormState *tb_form_state_new          (const TbFormat    *format,
                                         GPtrArray         *issues);
void         tb_form_state_free         (TbFormState       *state);

/* TRUE when @cell looks the same in both states (mark and tooltip). @a may be NULL. */
gboolean     tb_form_state_cell_equal   (const TbFormState *a,
                                         const TbFormState *b,
                                         guint              cell);

/* Whether @cell is a total the program computes (not typed) in @report right now. */
gboolean     tb_form_cell_is_computed   (TbReport          *report,
                                         guint              cell);

/* The first cell of @issue to focus: the first one shown on @issue's section, else the
 * first one. -1 when the issue names no cell (an empty text section). */
int          tb_form_issue_focus_cell   (const TbFormat    *format,
                                         const TbIssue     *issue);

/* (transfer container): the issues of @issues ordered for the issues panel: by section
 * (issues without a section last), then as tb_rules_check() ordered them (severity). */
GPtrArray   *tb_form_sort_issues        (GPtrArray         *issues);

/* The standard sentence of a text section (TbSectionSpec.sentence) with {year} and every
 * {cell-id} filled in from @report. NULL when the section has none or a field it names is
 * not filled (or not readable): the clerk fills the fields first. */
char        *tb_form_make_sentence      (TbReport          *report,
                                         const TbSectionSpec *section);

/* Finds a sentence made from @section's template in @text, whatever values it holds, so
 * that inserting the sentence again replaces it. Offsets are in characters. */
gboolean     tb_form_find_sentence      (const TbSectionSpec *section,
                                         const char        *text,
                                         int               *start,
                                         int               *end);

/* Characters of @text that are not blanks (the count shown under a text section). */
guint        tb_form_count_characters   (const char        *text);

/* Reads a date as clerks write it ("2025-01-20", "2025/1/20", "2025.1.20",
 * "2025年1月20日", full-width digits too). Returns (transfer full) the ISO 8601 form,
 * or NULL when it is not a date. */
char        *tb_form_parse_date         (const char        *text);

/* A copy of @report in @format (the report year moved to another format): metadata, texts,
 * acknowledgements and every cell whose id exists in @format. @n_dropped counts the filled
 * cells that have no place in @format. Returns (transfer full) the new report, modified. */
TbReport    *tb_form_convert_report     (TbReport          *report,
                                         const TbFormat    *format,
                                         guint             *n_dropped);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbFormState, tb_form_state_free)

G_END_DECLS
