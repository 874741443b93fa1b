/* tb-format-rules.c: compiling the rules of a report format
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-format"

#include "config.h"

#include <string.h>

#include "tb-format-private.h"

void
_tb_format_rule_clear (gpointer p)
{
  TbRule *r = p;

  g_free (r->key);
  g_free (r->lhs.terms);
  g_free (r->rhs.terms);
  g_free (r->when_lhs.terms);
  g_free (r->when_rhs.terms);
  g_free (r->cells);
}

/* ------------------------------------------------------------------ rules */

typedef struct
{
  char *key;
  char *label;
} Item;

static void
item_clear (gpointer p)
{
  Item *i = p;

  g_free (i->key);
  g_free (i->label);
}

static gboolean
parse_relation (const char *s,
                gsize      *len,
                TbRelation *rel)
{
  if (g_str_has_prefix (s, "<="))
    *rel = TB_REL_LE, *len = 2;
  else if (g_str_has_prefix (s, ">="))
    *rel = TB_REL_GE, *len = 2;
  else if (*s == '<')
    *rel = TB_REL_LT, *len = 1;
  else if (*s == '>')
    *rel = TB_REL_GT, *len = 1;
  else if (*s == '=')
    *rel = TB_REL_EQ, *len = 1;
  else
    return FALSE;
  return TRUE;
}

/* Parses "a + b - c" into @expr. References may contain $VAR, replaced by @key. */
static gboolean
parse_expr (TbFormat   *self,
            const char *text,
            const char *var,
            const char *key,
            TbExpr     *expr,
            GError    **error)
{
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (TbTerm));
  const char *p = text;
  int sign = 1;
  gboolean want_operand = TRUE;

  expr->constant = 0;
  while (*p)
    {
      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (!want_operand && (*p == '+' || *p == '-'))
        {
          sign = *p == '-' ? -1 : 1;
          want_operand = TRUE;
          p++;
          continue;
        }
      if (want_operand && g_ascii_isdigit (*p))
        {
          gint64 n = 0;

          while (g_ascii_isdigit (*p) && n < G_GINT64_CONSTANT (1000000000000))
            n = n * 10 + (*p++ - '0');
          expr->constant += sign * n;
          want_operand = FALSE;
          continue;
        }
      if (want_operand && (g_ascii_isalpha (*p) || *p == '$'))
        {
          const char *start = p;
          g_autofree char *ref = NULL;
          g_autoptr(GString) resolved = g_string_new (NULL);
          gpointer idx;
          TbTerm term;

          while (g_ascii_isalnum (*p) || *p == '_' || *p == '.' || *p == '$')
            p++;
          ref = g_strndup (start, p - start);
          /* Substitute $var */
          for (const char *q = ref; *q;)
            {
              if (*q == '$' && var != NULL && g_str_has_prefix (q + 1, var))
                {
                  g_string_append (resolved, key);
                  q += 1 + strlen (var);
                }
              else
                g_string_append_c (resolved, *q++);
            }
          term.sign = sign;
          term.cell = 0;
          term.prev_id = NULL;
          if (g_str_has_prefix (resolved->str, TB_PREV_PREFIX))
            {
              /* Last year's report: resolved by id in its own format when checking, since
               * that may be another format (a 2020 report in the 2019 format). */
              const char *pid = resolved->str + strlen (TB_PREV_PREFIX);

              if (!g_ascii_isalpha (*pid) || strchr (pid, '$') != NULL)
                return _tb_format_fail (error, "rule expression “%s”: bad reference %s", text,
                                        resolved->str);
              term.prev_id = _tb_format_intern (self, pid);
            }
          else
            {
              idx = g_hash_table_lookup (self->cell_index, resolved->str);
              if (idx == NULL)
                return _tb_format_fail (error, "rule expression “%s”: unknown cell %s", text,
                                        resolved->str);
              term.cell = GPOINTER_TO_UINT (idx) - 1;
            }
          g_array_append_val (terms, term);
          want_operand = FALSE;
          continue;
        }
      return _tb_format_fail (error, "rule expression “%s”: unexpected “%c”", text, *p);
    }
  if (want_operand)
    return _tb_format_fail (error, "rule expression “%s” is incomplete", text);
  expr->n_terms = terms->len;
  expr->terms = (TbTerm *) g_array_free (g_steal_pointer (&terms), FALSE);
  return TRUE;
}

static gboolean
parse_condition (TbFormat   *self,
                 const char *text,
                 const char *var,
                 const char *key,
                 TbExpr     *lhs,
                 TbRelation *rel,
                 TbExpr     *rhs,
                 GError    **error)
{
  const char *op = NULL;
  gsize len = 0;
  g_autofree char *left = NULL;

  for (const char *p = text; *p; p++)
    if (parse_relation (p, &len, rel))
      {
        op = p;
        break;
      }
  if (op == NULL)
    return _tb_format_fail (error, "rule “%s” has no =, <=, >=, < or >", text);
  left = g_strndup (text, op - text);
  return parse_expr (self, left, var, key, lhs, error) &&
         parse_expr (self, op + len, var, key, rhs, error);
}

static void
collect_cells (GArray       *out,
               const TbExpr *e)
{
  for (guint i = 0; i < e->n_terms; i++)
    {
      gboolean seen = e->terms[i].prev_id != NULL;   /* not a cell of this report */

      for (guint j = 0; j < out->len && !seen; j++)
        seen = g_array_index (out, guint, j) == e->terms[i].cell;
      if (!seen)
        g_array_append_val (out, e->terms[i].cell);
    }
}

static gboolean
expr_has_prev (const TbExpr *e)
{
  for (guint i = 0; i < e->n_terms; i++)
    if (e->terms[i].prev_id != NULL)
      return TRUE;
  return FALSE;
}

static int
section_of_table (TbFormat   *self,
                  const char *table_id)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      TbFormatSection *s = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (s->table_id, table_id) == 0 || g_str_equal (s->spec.id, table_id))
        return i;
    }
  return -1;
}

gboolean
_tb_format_load_rule (TbFormat *self,
                      xmlNode  *node,
                      GError  **error)
{
  g_autofree char *id = _tb_format_prop (node, "id");
  g_autofree char *sev = _tb_format_prop (node, "severity");
  g_autofree char *total = _tb_format_prop (node, "total");
  g_autofree char *previous = _tb_format_prop (node, "previous");
  g_autofree char *previous_format = _tb_format_prop (node, "previous-format");
  g_autofree char *carry = _tb_format_prop (node, "carry");
  const char *const *previous_formats = NULL;
  gboolean needs_previous;
  g_autofree char *assert_text = NULL;
  g_autofree char *when_text = NULL;
  const char *message = NULL;
  const char *var = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));
  TbSeverity severity = TB_SEVERITY_ERROR;

  g_array_set_clear_func (items, item_clear);
  if (id == NULL)
    return _tb_format_fail (error, "a rule has no id");
  if (sev == NULL || g_str_equal (sev, "error"))
    severity = TB_SEVERITY_ERROR;
  else if (g_str_equal (sev, "warning"))
    severity = TB_SEVERITY_WARNING;
  else if (g_str_equal (sev, "incomplete"))
    severity = TB_SEVERITY_INCOMPLETE;
  else
    return _tb_format_fail (error, "rule %s: unknown severity %s", id, sev);

  needs_previous = _tb_format_is_elem (node, "text-unchanged") || g_strcmp0 (previous, "yes") == 0;
  if (previous_format != NULL)
    {
      if (!needs_previous)
        return _tb_format_fail (error, "rule %s: previous-format needs previous=\"yes\"", id);
      previous_formats = _tb_format_intern_strv (self, previous_format);
    }

  if (_tb_format_is_elem (node, "text-unchanged"))
    {
      TbRule r = { 0, };
      g_autofree char *target = _tb_format_prop (node, "section");

      r.section = target ? section_of_table (self, target) : -1;
      if (r.section < 0 || tb_format_get_section (self, r.section)->type != TB_SECTION_TEXT)
        return _tb_format_fail (error, "rule %s: unknown text section %s", id,
                                target ? target : "");
      r.id = _tb_format_intern (self, id);
      r.key = g_strdup (id);
      r.severity = sev == NULL ? TB_SEVERITY_WARNING : severity;
      r.type = TB_RULE_TEXT_UNCHANGED;
      r.target = r.section;
      r.previous = TRUE;
      r.previous_formats = previous_formats;
      g_array_append_val (self->rules, r);
      return TRUE;
    }

  if (_tb_format_is_elem (node, "cells") || _tb_format_is_elem (node, "text"))
    {
      TbRule r = { 0, };
      gboolean is_cells = _tb_format_is_elem (node, "cells");
      g_autofree char *target = _tb_format_prop (node, is_cells ? "table" : "section");
      g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

      r.id = _tb_format_intern (self, id);
      r.key = g_strdup (id);
      r.severity = !is_cells && sev == NULL ? TB_SEVERITY_INCOMPLETE : severity;
      r.section = section_of_table (self, target);
      if (_tb_format_is_elem (node, "cells"))
        {
          TbFormatTable *t = _tb_format_find_table (self, target);

          if (t == NULL)
            return _tb_format_fail (error, "rule %s: unknown table %s", id, target);
          r.type = TB_RULE_CELLS;
          r.target = g_ptr_array_find (self->tables, t, &r.target) ? r.target : 0;
          for (guint i = 0; i < t->spec.n_cells; i++)
            g_array_append_val (cells, (guint) { t->spec.first_cell + i });
        }
      else
        {
          if (r.section < 0)
            return _tb_format_fail (error, "rule %s: unknown section %s", id, target);
          r.type = TB_RULE_TEXT;
          r.target = r.section;
        }
      r.n_cells = cells->len;
      r.cells = (guint *) g_array_free (g_steal_pointer (&cells), FALSE);
      g_array_append_val (self->rules, r);
      return TRUE;
    }

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (_tb_format_is_elem (c, "assert"))
        assert_text = _tb_format_content (c);
      else if (_tb_format_is_elem (c, "when"))
        when_text = _tb_format_content (c);
      else if (_tb_format_is_elem (c, "message"))
        {
          g_autofree char *m = _tb_format_content_collapsed (c);

          message = _tb_format_intern (self, m);
        }
      else if (_tb_format_is_elem (c, "foreach"))
        {
          g_autofree char *v = _tb_format_prop (c, "var");
          g_autofree char *columns = _tb_format_prop (c, "columns");
          g_autofree char *rows = _tb_format_prop (c, "rows");

          var = _tb_format_intern (self, v);
          if (columns != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (columns, ".", 2);
              TbFormatTable *t = parts[0] ? _tb_format_find_table (self, parts[0]) : NULL;
              TbFormatColSet *set = t && parts[1] ? _tb_format_find_colset (t, parts[1]) : NULL;

              if (set == NULL)
                return _tb_format_fail (error, "rule %s: unknown columns %s", id, columns);
              for (guint i = 0; i < set->cols->len; i++)
                {
                  TbFormatColDef *d = g_ptr_array_index (set->cols, i);
                  Item it = { g_strdup (d->key), g_strdup (d->label) };

                  g_array_append_val (items, it);
                }
            }
          else if (rows != NULL)
            {
              TbFormatTable *t = _tb_format_find_table (self, rows);

              if (t == NULL)
                return _tb_format_fail (error, "rule %s: unknown table %s", id, rows);
              for (guint i = 0; i < t->row_keys->len; i++)
                {
                  Item it = { g_strdup (g_ptr_array_index (t->row_keys, i)),
                              g_strdup (g_ptr_array_index (t->row_labels, i)) };

                  g_array_append_val (items, it);
                }
            }
          else
            for (xmlNode *i = c->children; i; i = i->next)
              if (_tb_format_is_elem (i, "item"))
                {
                  Item it = { _tb_format_prop (i, "key"), _tb_format_prop (i, "label") };

                  if (it.key == NULL || it.label == NULL)
                    {
                      item_clear (&it);
                      return _tb_format_fail (error, "rule %s: an item needs key and label", id);
                    }
                  g_array_append_val (items, it);
                }
        }
    }
  if (assert_text == NULL || message == NULL)
    return _tb_format_fail (error, "rule %s needs an assert and a message", id);
  if (var == NULL)
    {
      Item it = { NULL, NULL };

      g_array_append_val (items, it);
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *it = &g_array_index (items, Item, i);
      TbRule r = { 0, };
      g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

      r.id = _tb_format_intern (self, id);
      r.key = it->key ? g_strconcat (id, ":", it->key, NULL) : g_strdup (id);
      r.item_label = _tb_format_intern (self, it->label);
      r.severity = severity;
      r.type = TB_RULE_EQUATION;
      r.message = message;
      r.var = var;
      if (!parse_condition (self, assert_text, var, it->key, &r.lhs, &r.rel, &r.rhs, error) ||
          (when_text != NULL &&
           !parse_condition (self, when_text, var, it->key, &r.when_lhs, &r.when_rel,
                             &r.when_rhs, error)))
        {
          _tb_format_rule_clear (&r);
          return FALSE;
        }
      r.has_when = when_text != NULL;
      collect_cells (cells, &r.lhs);
      collect_cells (cells, &r.rhs);
      if (r.has_when)
        {
          collect_cells (cells, &r.when_lhs);
          collect_cells (cells, &r.when_rhs);
        }
      r.n_cells = cells->len;
      r.cells = (guint *) g_array_free (g_steal_pointer (&cells), FALSE);
      r.section = r.n_cells > 0
        ? g_array_index (self->cells, TbCellSpec, r.cells[0]).section : -1;
      r.previous = needs_previous;
      r.previous_formats = previous_formats;

      if ((expr_has_prev (&r.lhs) || expr_has_prev (&r.rhs) ||
           (r.has_when && (expr_has_prev (&r.when_lhs) || expr_has_prev (&r.when_rhs)))) &&
          !r.previous)
        {
          _tb_format_rule_clear (&r);
          return _tb_format_fail (error, "rule %s refers to last year's report "
                                  "(" TB_PREV_PREFIX "…) but does not declare "
                                  "previous=\"yes\"", id);
        }
      if (g_strcmp0 (carry, "yes") == 0)
        {
          gboolean plain = r.previous && r.rel == TB_REL_EQ && r.lhs.n_terms == 1 &&
                           r.lhs.terms[0].sign > 0 && r.lhs.terms[0].prev_id == NULL &&
                           r.lhs.constant == 0 && r.rhs.n_terms > 0 && !r.has_when;

          for (guint k = 0; plain && k < r.rhs.n_terms; k++)
            plain = r.rhs.terms[k].prev_id != NULL;
          if (!plain)
            {
              _tb_format_rule_clear (&r);
              return _tb_format_fail (error, "rule %s: a carry rule must read "
                                      "“cell = " TB_PREV_PREFIX "a + " TB_PREV_PREFIX
                                      "b …”", id);
            }
          r.carry = TRUE;
        }

      if (g_strcmp0 (total, "yes") == 0)
        {
          gboolean plain = r.rel == TB_REL_EQ && r.lhs.n_terms == 1 && r.lhs.terms[0].sign > 0 &&
                           r.lhs.constant == 0 && r.rhs.constant == 0 && !r.has_when &&
                           !r.previous;

          for (guint k = 0; plain && k < r.rhs.n_terms; k++)
            plain = r.rhs.terms[k].sign > 0 && r.rhs.terms[k].cell != r.lhs.terms[0].cell;
          if (!plain)
            {
              _tb_format_rule_clear (&r);
              return _tb_format_fail (error,
                                      "rule %s: a total must read “cell = a + b + …”", id);
            }
          r.total = TRUE;
        }
      g_array_append_val (self->rules, r);
    }
  return TRUE;
}
