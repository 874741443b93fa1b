/* tb-equations.h: the format's arithmetic rules as plain linear equations
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only view of the rules of a format that tie this year's cells together by an
 * equation (勾稽关系: a total is the sum of its parts, new + carried over = handled + carried
 * forward), for code that must reason about cells whose values are not all known: the
 * importer uses them to tell whether a row with a value missing can be read with certainty.
 * Rules with a condition, rules on last year's report and warnings are left out.
 */
#pragma once

#include "tb-format.h"

G_BEGIN_DECLS

/* sum (signs[i] * value of cells[i]) == constant */
typedef struct
{
  const char  *rule;      /* the rule id, "T3-3" */
  const char  *key;       /* the issue key of this instance, "T3-3:r1_new" */
  guint        n_terms;
  const guint *cells;     /* cell indices (a cell may appear once) */
  const int   *signs;     /* +1 or -1 */
  gint64       constant;
} TbEquation;

/* The equations of @format's error rules, in format order. (transfer full): TbEquation*,
 * valid while @format is. */
GPtrArray  *tb_equations_new (const TbFormat *format);

G_END_DECLS
