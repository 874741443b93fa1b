/* tb-format-private.h: compiled rules, shared by the format loader and the rules engine
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-format.h"

G_BEGIN_DECLS

/* Prefix of a reference to last year's report in a rule expression: prev.t3.r4_carry_out.np */
#define TB_PREV_PREFIX "prev."

typedef enum
{
  TB_RULE_EQUATION,  /* lhs REL rhs over cells, optionally only when a condition holds */
  TB_RULE_CELLS,     /* every cell of a table is filled and valid for its kind */
  TB_RULE_TEXT,      /* a text section is filled */
  TB_RULE_TEXT_UNCHANGED, /* a text section differs from the previous report's */
} TbRuleType;

typedef enum
{
  TB_REL_EQ,
  TB_REL_LE,
  TB_REL_GE,
  TB_REL_LT,
  TB_REL_GT,
} TbRelation;

typedef struct
{
  guint       cell;    /* a cell of the report (when prev_id is NULL) */
  int         sign;    /* +1 or -1 */
  const char *prev_id; /* "prev.ID" in the rule: the cell with that id in the previous
                          (last year's) report, resolved in that report's format */
} TbTerm;

typedef struct
{
  TbTerm *terms;
  guint   n_terms;
  gint64  constant;
} TbExpr;

/* One rule instance: a <rule> with a <foreach> expands into one instance per item. */
typedef struct
{
  const char  *id;           /* "T3-1" */
  char        *key;          /* issue key: "T3-1:np", or "T3-1" without foreach */
  const char  *item_label;   /* label of the foreach item ("自然人"), or NULL */
  TbSeverity   severity;
  TbRuleType   type;
  TbExpr       lhs, rhs;
  TbRelation   rel;
  gboolean     has_when;
  TbExpr       when_lhs, when_rhs;
  TbRelation   when_rel;
  const char  *message;      /* English template with {var}, {lhs}, {rhs}; translate first */
  const char  *var;          /* foreach variable name ("c"), or NULL */
  gboolean     total;        /* lhs is one cell, rhs a plain sum: lhs can be computed */
  guint        target;       /* TB_RULE_CELLS: table index; TB_RULE_TEXT: section index */
  guint       *cells;        /* every cell named (lhs, rhs, when), in order, no duplicates */
  guint        n_cells;
  int          section;      /* section index to show */
  gboolean     previous;     /* needs last year's report (prev.* terms, text-unchanged);
                                skipped when none is attached */
  const char *const *previous_formats; /* format ids last year's report must have, or NULL
                                          for any (NULL-terminated) */
  gboolean     carry;        /* lhs is one cell, rhs only prev.* terms and constants: a
                                report made from last year's is filled with the rhs */
} TbRule;

guint          tb_format_get_n_rules (const TbFormat *format);
const TbRule  *tb_format_get_rule    (const TbFormat *format,
                                      guint           index);

G_END_DECLS
