/* tb-rules.h: the consistency rules (勾稽关系) evaluated from the format data
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

/* What an issue is about: which kind of rule raised it. */
typedef enum
{
  TB_ISSUE_EQUATION,        /* a rule over cell values (a sum, a comparison) fails, or cannot
                               be checked yet because cells are empty */
  TB_ISSUE_CELLS,           /* cells of a table are not filled, or one cannot be read */
  TB_ISSUE_TEXT,            /* a text section is not written yet */
  TB_ISSUE_TEXT_UNCHANGED,  /* a text section is the same as in last year's report */
  TB_ISSUE_PREVIOUS_YEAR,   /* the report attached as last year's is on another year
                               (rule TB_RULES_PREVIOUS_YEAR) */
  TB_ISSUE_YEAR,            /* the report's year is outside its format's years (rule
                               TB_RULES_YEAR): an error, the report is converted or its year
                               changed (tb_report_convert()) */
} TbIssueKind;

typedef struct
{
  const char *rule;          /* rule id from the format, e.g. "T3-1" */
  TbIssueKind kind;
  char       *key;           /* stable issue key, e.g. "T3-1:np"; used to acknowledge */
  TbSeverity  severity;
  guint      *cells;         /* cell indices involved (for incomplete: the unfilled ones) */
  guint       n_cells;
  int         section;       /* section index to show, -1 if none */
  char       *message;       /* translated, for a clerk */
  gboolean    has_values;
  gint64      lhs, rhs;      /* both sides of the equation when has_values */
  char       *lhs_text;      /* both sides written as in the message, like the first cell of
                                each side (a count, an amount), when has_values; else NULL */
  char       *rhs_text;
  gboolean    acknowledged;  /* warnings only */
} TbIssue;

void        tb_issue_free         (TbIssue   *issue);

/* Runs every rule of the report's format. (transfer full): array of TbIssue*, errors first,
 * then warnings, then incomplete, each in format order. */
GPtrArray  *tb_rules_check        (TbReport  *report);

/* The same, comparing with last year's report (@previous, or none when NULL) instead of the
 * one attached with tb_report_set_previous_report(). Rules that need last year's report
 * (prev.* references, text-unchanged) are skipped without one, or when it is not on the
 * year before (then one warning with rule TB_RULES_PREVIOUS_YEAR says so). A report whose
 * year its format is not for (first-year, last-year in the format data) gets one error with
 * rule TB_RULES_YEAR, first. */
GPtrArray  *tb_rules_check_with_previous (TbReport *report,
                                          TbReport *previous);

#define TB_RULES_PREVIOUS_YEAR "PREV-YEAR"
#define TB_RULES_YEAR          "YEAR"

/* TRUE when there is no error and nothing incomplete (warnings do not block). */
gboolean    tb_rules_is_ready     (GPtrArray *issues);
guint       tb_rules_count        (GPtrArray *issues,
                                   TbSeverity severity);

/* Whether a rule of @format raises its issues under @key (TbIssue.key: "T3-7", "T3-1:np"),
 * and if so, its severity in @severity (may be NULL). A key of one cell of a table
 * ("T3-4:t3.r1_new.np") and TB_RULES_PREVIOUS_YEAR are not rule keys. */
gboolean    tb_rules_lookup_key   (const TbFormat *format,
                                   const char     *key,
                                   TbSeverity     *severity);

/* Computes every total cell (see TbCellSpec.total_rule) from its parts, where all parts
 * are filled; clears it where a part is empty. A sum beyond what the cell can hold
 * (tb_value_fits()) is kept as unreadable text (TB_CELL_INVALID), as a saved draft would
 * read it back, so the kind checks report it. Returns TRUE if any cell changed. */
gboolean    tb_rules_compute_totals (TbReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbIssue, tb_issue_free)

G_END_DECLS
