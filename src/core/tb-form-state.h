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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbFormState, tb_form_state_free)

G_END_DECLS
