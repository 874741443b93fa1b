/* tb-equations.c: the format's arithmetic rules as plain linear equations
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-equations"

#include "config.h"

#include "tb-equations.h"
#include "tb-format-private.h"

static void
equation_free (gpointer p)
{
  TbEquation *eq = p;

  g_free ((gpointer) eq->cells);
  g_free ((gpointer) eq->signs);
  g_free (eq);
}

/* Adds @sign × @expr to the terms (merging a cell named twice); FALSE for a prev.* term. */
static gboolean
add_expr (GArray       *cells,
          GArray       *signs,
          gint64       *constant,
          const TbExpr *expr,
          int           sign)
{
  for (guint i = 0; i < expr->n_terms; i++)
    {
      const TbTerm *t = &expr->terms[i];
      int s = sign * t->sign;
      guint j;

      if (t->prev_id != NULL)
        return FALSE;
      for (j = 0; j < cells->len; j++)
        if (g_array_index (cells, guint, j) == t->cell)
          break;
      if (j < cells->len)
        g_array_index (signs, int, j) += s;
      else
        {
          g_array_append_val (cells, t->cell);
          g_array_append_val (signs, s);
        }
    }
  /* The constant moves to the right-hand side. */
  *constant -= sign * expr->constant;
  return TRUE;
}

static GPtrArray *
build (const TbFormat *format)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (equation_free);

  for (guint i = 0; i < tb_format_get_n_rules (format); i++)
    {
      const TbRule *rule = tb_format_get_rule (format, i);
      g_autoptr(GArray) cells = NULL;
      g_autoptr(GArray) signs = NULL;
      g_autoptr(GArray) kept_cells = NULL;
      g_autoptr(GArray) kept_signs = NULL;
      gint64 constant = 0;
      TbEquation *eq;

      if (rule->type != TB_RULE_EQUATION || rule->rel != TB_REL_EQ || rule->has_when ||
          rule->previous || rule->severity != TB_SEVERITY_ERROR)
        continue;
      cells = g_array_new (FALSE, FALSE, sizeof (guint));
      signs = g_array_new (FALSE, FALSE, sizeof (int));
      if (!add_expr (cells, signs, &constant, &rule->lhs, +1) ||
          !add_expr (cells, signs, &constant, &rule->rhs, -1))
        continue;
      kept_cells = g_array_new (FALSE, FALSE, sizeof (guint));
      kept_signs = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint j = 0; j < cells->len; j++)
        if (g_array_index (signs, int, j) != 0)
          {
            int s = g_array_index (signs, int, j) > 0 ? 1 : -1;

            /* Only unit coefficients: a cell counted twice on one side is not a plain sum. */
            if (ABS (g_array_index (signs, int, j)) != 1)
              goto skip;
            g_array_append_val (kept_cells, g_array_index (cells, guint, j));
            g_array_append_val (kept_signs, s);
          }
      if (kept_cells->len == 0)
        continue;
      eq = g_new0 (TbEquation, 1);
      eq->rule = rule->id;
      eq->key = rule->key;
      eq->n_terms = kept_cells->len;
      eq->constant = constant;
      eq->cells = (const guint *) g_array_free (g_steal_pointer (&kept_cells), FALSE);
      eq->signs = (const int *) g_array_free (g_steal_pointer (&kept_signs), FALSE);
      g_ptr_array_add (list, eq);
      continue;
skip:
      ;
    }
  return list;
}

GPtrArray *
tb_equations_new (const TbFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return build (format);
}
