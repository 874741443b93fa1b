/* tb-format-table.c: a table grid of a report format, with its merges, cells and labels
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-format"

#include "config.h"

#include <string.h>

#include "tb-format-private.h"

/* ------------------------------------------------------------------ column sets */

static void
col_def_free (gpointer p)
{
  TbFormatColDef *c = p;

  g_free (c->key);
  g_free (c->label);
  g_free (c->group);
  g_free (c);
}

static void
col_set_free (gpointer p)
{
  TbFormatColSet *s = p;

  g_free (s->id);
  g_ptr_array_unref (s->cols);
  g_free (s);
}

void
_tb_format_table_free (gpointer p)
{
  TbFormatTable *t = p;

  g_array_unref (t->items);
  g_free (t->widths);
  g_ptr_array_unref (t->colsets);
  g_ptr_array_unref (t->row_keys);
  g_ptr_array_unref (t->row_labels);
  g_free (t);
}

TbFormatColSet *
_tb_format_find_colset (TbFormatTable *t,
                        const char    *id)
{
  for (guint i = 0; i < t->colsets->len; i++)
    {
      TbFormatColSet *s = g_ptr_array_index (t->colsets, i);

      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

/* ------------------------------------------------------------------ tables */

/* Grid occupancy: which (row, col) slots are already covered by a span from above. */
typedef struct
{
  guint   n_cols;
  GArray *taken;                /* gboolean per slot, grows by rows */
} Occupancy;

static gboolean
occ_get (Occupancy *o,
         guint      row,
         guint      col)
{
  guint i = row * o->n_cols + col;

  return i < o->taken->len && g_array_index (o->taken, gboolean, i);
}

static void
occ_set (Occupancy *o,
         guint      row,
         guint      col)
{
  guint i = row * o->n_cols + col;

  if (i >= o->taken->len)
    g_array_set_size (o->taken, i + 1);
  g_array_index (o->taken, gboolean, i) = TRUE;
}

typedef struct
{
  guint  row;
  guint  col;
  char  *key;
  char  *column;
  char  *colset_key;            /* for expanded colsets: the col key */
  TbFormatColDef *coldef;
  TbCellKind kind;
  guint  decimals;
  char  *unit;
  char  *units;
  int    item;                  /* index in table items */
} PendingCell;

static void
pending_cell_free (gpointer p)
{
  PendingCell *c = p;

  g_free (c->key);
  g_free (c->column);
  g_free (c->colset_key);
  g_free (c->unit);
  g_free (c->units);
  g_free (c);
}

static gboolean
place_item (TbFormatTable *t,
            Occupancy     *occ,
            guint          row,
            guint         *col,
            TbGridItem    *item,
            GError       **error)
{
  while (*col < t->spec.n_columns && occ_get (occ, row, *col))
    (*col)++;
  if (*col + item->colspan > t->spec.n_columns)
    return _tb_format_fail (error, "table %s: row %u has more than %u columns", t->spec.id, row + 1,
                            t->spec.n_columns);
  item->row = row;
  item->col = *col;
  for (guint r = row; r < row + item->rowspan; r++)
    for (guint c = *col; c < *col + item->colspan; c++)
      {
        if (occ_get (occ, r, c))
          return _tb_format_fail (error, "table %s: cells overlap at row %u, column %u",
                                  t->spec.id, r + 1, c + 1);
        occ_set (occ, r, c);
      }
  *col += item->colspan;
  g_array_append_val (t->items, *item);
  return TRUE;
}

gboolean
_tb_format_load_table (TbFormat *self,
                       xmlNode  *node,
                       GError  **error)
{
  TbFormatTable *t = g_new0 (TbFormatTable, 1);
  g_autofree char *id = _tb_format_prop (node, "id");
  g_autofree char *widths = _tb_format_prop (node, "widths");
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_cell_free);
  Occupancy occ = { 0, };
  guint row = 0;
  guint n_header_rows = 0;

  t->items = g_array_new (FALSE, TRUE, sizeof (TbGridItem));
  t->colsets = g_ptr_array_new_with_free_func (col_set_free);
  t->row_keys = g_ptr_array_new_with_free_func (g_free);
  t->row_labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tables, t);

  if (id == NULL)
    return _tb_format_fail (error, "a table has no id");
  t->spec.id = _tb_format_intern (self, id);
  t->spec.section = -1;
  t->spec.n_columns = _tb_format_uprop (node, "columns", 0);
  if (t->spec.n_columns == 0)
    return _tb_format_fail (error, "table %s: missing columns", id);
  occ.n_cols = t->spec.n_columns;
  occ.taken = g_array_new (FALSE, TRUE, sizeof (gboolean));

  /* Relative column widths, normalised to 1. */
  t->widths = g_new0 (double, t->spec.n_columns);
  {
    g_auto(GStrv) parts = widths ? g_strsplit (widths, " ", -1) : NULL;
    double sum = 0;

    for (guint i = 0; i < t->spec.n_columns; i++)
      {
        double w = 1.0;

        if (parts != NULL && i < g_strv_length (parts))
          w = g_ascii_strtod (parts[i], NULL);
        if (w <= 0)
          w = 1.0;
        t->widths[i] = w;
        sum += w;
      }
    for (guint i = 0; i < t->spec.n_columns; i++)
      t->widths[i] /= sum;
  }

  for (xmlNode *part = node->children; part; part = part->next)
    {
      gboolean in_head;

      if (_tb_format_is_elem (part, "columns"))
        {
          TbFormatColSet *set = g_new0 (TbFormatColSet, 1);

          set->id = _tb_format_prop (part, "id");
          set->cols = g_ptr_array_new_with_free_func (col_def_free);
          for (xmlNode *c = part->children; c; c = c->next)
            if (_tb_format_is_elem (c, "col"))
              {
                TbFormatColDef *d = g_new0 (TbFormatColDef, 1);

                d->key = _tb_format_prop (c, "key");
                d->label = _tb_format_prop (c, "label");
                d->group = _tb_format_prop (c, "group");
                if (d->key == NULL || d->label == NULL)
                  {
                    col_def_free (d);
                    col_set_free (set);
                    g_array_unref (occ.taken);
                    return _tb_format_fail (error, "table %s: a col needs key and label", id);
                  }
                g_ptr_array_add (set->cols, d);
              }
          g_ptr_array_add (t->colsets, set);
          continue;
        }
      if (!_tb_format_is_elem (part, "thead") && !_tb_format_is_elem (part, "tbody"))
        continue;
      in_head = _tb_format_is_elem (part, "thead");

      for (xmlNode *tr = part->children; tr; tr = tr->next)
        {
          g_autofree char *row_key = NULL;
          guint col = 0;

          if (!_tb_format_is_elem (tr, "tr"))
            continue;
          row_key = _tb_format_prop (tr, "key");

          for (xmlNode *c = tr->children; c; c = c->next)
            {
              TbGridItem item = { 0, };

              item.rowspan = _tb_format_uprop (c, "rowspan", 1);
              item.colspan = _tb_format_uprop (c, "colspan", 1);
              item.cell = -1;

              if (_tb_format_is_elem (c, "th"))
                {
                  g_autofree char *role = _tb_format_prop (c, "role");
                  g_autofree char *text = _tb_format_content (c);

                  item.kind = TB_GRID_LABEL;
                  item.text = _tb_format_intern (self, text);
                  item.role = _tb_format_intern (self, role ? role : (in_head ? "head" : "row"));
                  if (!place_item (t, &occ, row, &col, &item, error))
                    goto failed;
                }
              else if (_tb_format_is_elem (c, "td"))
                {
                  g_autofree char *colset_id = _tb_format_prop (c, "columns");
                  g_autofree char *kind_s = _tb_format_prop (c, "kind");
                  gboolean kind_ok;
                  TbCellKind kind = _tb_format_parse_kind (kind_s, &kind_ok);
                  TbFormatColSet *set = NULL;
                  guint n = 1;

                  if (!kind_ok)
                    {
                      _tb_format_fail (error, "table %s: unknown cell kind “%s”", id, kind_s);
                      goto failed;
                    }
                  if (colset_id != NULL)
                    {
                      set = _tb_format_find_colset (t, colset_id);
                      if (set == NULL)
                        {
                          _tb_format_fail (error, "table %s: unknown columns “%s”", id, colset_id);
                          goto failed;
                        }
                      n = set->cols->len;
                    }
                  for (guint i = 0; i < n; i++)
                    {
                      PendingCell *pc = g_new0 (PendingCell, 1);

                      item.kind = TB_GRID_VALUE;
                      item.role = NULL;
                      item.text = NULL;
                      if (set != NULL)
                        {
                          pc->coldef = g_ptr_array_index (set->cols, i);
                          pc->key = g_strdup (pc->coldef->key);
                          pc->column = g_strdup (pc->coldef->label);
                          item.colspan = 1;
                          item.rowspan = 1;
                        }
                      else
                        {
                          pc->key = _tb_format_prop (c, "key");
                          pc->column = _tb_format_prop (c, "column");
                        }
                      if (pc->key == NULL)
                        {
                          pending_cell_free (pc);
                          _tb_format_fail (error, "table %s: a value cell has no key", id);
                          goto failed;
                        }
                      if (row_key != NULL)
                        {
                          char *full = g_strconcat (row_key, ".", pc->key, NULL);

                          g_free (pc->colset_key);
                          pc->colset_key = pc->key;
                          pc->key = full;
                        }
                      else
                        pc->colset_key = g_strdup (pc->key);
                      pc->kind = kind;
                      pc->decimals = _tb_format_uprop (c, "decimals", kind == TB_CELL_AMOUNT ||
                                                       kind == TB_CELL_AMOUNT_UNIT ? 4 : 0);
                      pc->unit = _tb_format_prop (c, "unit");
                      pc->units = _tb_format_prop (c, "units");
                      pc->row = row;
                      pc->item = t->items->len;
                      if (!place_item (t, &occ, row, &col, &item, error))
                        {
                          pending_cell_free (pc);
                          goto failed;
                        }
                      pc->col = g_array_index (t->items, TbGridItem, pc->item).col;
                      g_ptr_array_add (pending, pc);
                    }
                }
            }

          if (row_key != NULL)
            g_ptr_array_add (t->row_keys, g_strdup (row_key));
          row++;
          if (in_head)
            n_header_rows = row;
        }
    }

  t->spec.n_rows = row;
  t->spec.n_header_rows = _tb_format_uprop (node, "header-rows", n_header_rows);
  g_array_unref (occ.taken);
  occ.taken = NULL;

  /* Now that the grid is complete, derive each value cell's labels from the label items
   * that cover its row (to its left) and its column (in the header). */
  t->spec.first_cell = self->cells->len;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingCell *pc = g_ptr_array_index (pending, i);
      TbCellSpec cell = { 0, };
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) cols = g_ptr_array_new ();
      g_autofree char *row_path = NULL;
      g_autofree char *col_path = NULL;
      g_autofree char *cell_id = NULL;
      g_autofree char *label = NULL;
      const char *row_label = "";
      const char *column_label;
      char *dot;

      for (guint j = 0; j < t->items->len; j++)
        {
          const TbGridItem *it = &g_array_index (t->items, TbGridItem, j);

          if (it->kind != TB_GRID_LABEL)
            continue;
          if (g_str_equal (it->role, "row") && it->row <= pc->row &&
              pc->row < it->row + it->rowspan && it->col < pc->col)
            g_ptr_array_add (rows, (gpointer) it->text);
          else if (g_str_equal (it->role, "head") && it->row < t->spec.n_header_rows &&
                   it->col <= pc->col && pc->col < it->col + it->colspan)
            g_ptr_array_add (cols, (gpointer) it->text);
        }
      if (rows->len > 0)
        row_label = g_ptr_array_index (rows, rows->len - 1);
      g_ptr_array_add (rows, NULL);
      row_path = g_strjoinv (" / ", (char **) rows->pdata);

      column_label = pc->column;
      if (column_label == NULL && cols->len > 0)
        column_label = g_ptr_array_index (cols, cols->len - 1);
      if (column_label == NULL)
        column_label = "";
      if (cols->len == 0)
        g_ptr_array_add (cols, (gpointer) column_label);
      g_ptr_array_add (cols, NULL);
      col_path = g_strjoinv (" / ", (char **) cols->pdata);

      cell_id = g_strconcat (t->spec.id, ".", pc->key, NULL);
      if (g_hash_table_contains (self->cell_index, cell_id))
        {
          _tb_format_fail (error, "duplicate cell id %s", cell_id);
          goto failed;
        }
      label = *row_label ? g_strconcat (row_label, " ", column_label, NULL)
                         : g_strdup (column_label);

      cell.id = _tb_format_intern (self, cell_id);
      cell.table_id = t->spec.id;
      cell.section = -1;
      dot = strrchr (pc->key, '.');
      cell.col_key = _tb_format_intern (self, pc->colset_key);
      if (dot != NULL)
        {
          g_autofree char *rk = g_strndup (pc->key, dot - pc->key);

          cell.row_key = _tb_format_intern (self, rk);
        }
      else
        cell.row_key = _tb_format_intern (self, "");
      cell.row_label = _tb_format_intern (self, row_label);
      cell.row_path = _tb_format_intern (self, row_path);
      cell.column_label = _tb_format_intern (self, column_label);
      cell.column_path = _tb_format_intern (self, col_path);
      cell.label = _tb_format_intern (self, label);
      cell.kind = pc->kind;
      cell.decimals = pc->decimals;
      cell.unit = _tb_format_intern (self, pc->unit);
      /* A pointer vector must not live in the string chunk: it would be misaligned. */
      if (pc->units != NULL)
        cell.units = _tb_format_intern_strv (self, pc->units);
      cell.total_rule = -1;
      g_array_append_val (self->cells, cell);
      _tb_format_add_cell_index (self, self->cells->len - 1);
      g_array_index (t->items, TbGridItem, pc->item).cell = self->cells->len - 1;
    }
  t->spec.n_cells = self->cells->len - t->spec.first_cell;

  /* Most specific label of each keyed row, for rules iterating over rows. */
  for (guint i = 0; i < t->row_keys->len; i++)
    {
      const char *rk = g_ptr_array_index (t->row_keys, i);
      const char *lab = rk;

      for (guint j = t->spec.first_cell; j < self->cells->len; j++)
        {
          const TbCellSpec *c = &g_array_index (self->cells, TbCellSpec, j);

          if (g_str_equal (c->row_key, rk))
            {
              lab = c->row_label;
              break;
            }
        }
      g_ptr_array_add (t->row_labels, g_strdup (lab));
    }
  return TRUE;

failed:
  if (occ.taken)
    g_array_unref (occ.taken);
  return FALSE;
}
