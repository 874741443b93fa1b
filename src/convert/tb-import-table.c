/* tb-import-table.c: the rows of the document's tables, and the columns their headers name
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of every table of the document, each cell with its kind (empty, a value, a
 * label); which official table a header row belongs to (its labels are that table's column
 * labels); and the value columns a run of header rows names, left to right, each matched to
 * an official column by its label and the group labels above it (结果维持 under 复议后起诉).
 * Where the reader saw the grid (HTML, Word) a column is its grid columns; where it did not
 * (text), a label is a group when the row below has labels between it and the next one.
 * tb-import-rows.c uses these to match the data rows; tb-import-resolve.c places them.
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-import-private.h"

/* ------------------------------------------------------------------ rows of the document */

static void
src_row_clear (gpointer p)
{
  SrcRow *row = p;

  g_clear_pointer (&row->entries, g_array_unref);
}

/* The cells of grid row @r of @table, left to right, each once. */
static void
collect_row (const TbSourceBlock *table,
             guint                r,
             SrcRow              *row)
{
  row->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  if (table->ragged)
    {
      for (guint i = 0; i < table->cells->len; i++)
        {
          TbSourceCell *cell = g_ptr_array_index (table->cells, i);

          if (cell->row == r)
            {
              Entry e = { cell, tb_import_token_kind (cell->text), cell->col, cell->col + 1,
                          TRUE };

              g_array_append_val (row->entries, e);
            }
        }
      return;
    }
  for (guint c = 0; c < table->n_columns;)
    {
      TbSourceCell *cell = tb_source_table_get_cell ((TbSourceBlock *) table, r, c);
      Entry e = { 0, };

      if (cell == NULL)
        {
          c++;
          continue;
        }
      e.cell = cell;
      e.kind = tb_import_token_kind (cell->text);
      e.col0 = cell->col;
      e.col1 = cell->col + cell->colspan;
      e.own = cell->row == r;
      g_array_append_val (row->entries, e);
      c = MAX (c + 1, e.col1);
    }
}

gboolean
tb_import_row_has_kind (const SrcRow *row,
          TbTokenKind   kind)
{
  for (guint i = 0; i < row->entries->len; i++)
    if (g_array_index (row->entries, Entry, i).kind == kind)
      return TRUE;
  return FALSE;
}

gboolean
tb_import_row_has_kind_after_label (const SrcRow *row,
                                    TbTokenKind   kind)
{
  gboolean after = FALSE;

  for (guint i = 0; i < row->entries->len; i++)
    {
      const Entry *e = &g_array_index (row->entries, Entry, i);

      if (e->kind == TB_TOKEN_LABEL)
        after = TRUE;
      else if (after && e->kind == kind)
        return TRUE;
    }
  return FALSE;
}

/* The official table whose column labels @row holds, or -1. */
static int
header_table (TbImportTables *tables,
              const SrcRow   *row)
{
  const TbFormat *format = tb_vocab_get_format (tables->vocab);
  guint n_labels = 0;
  int best = -1;
  guint best_n = 0;

  if (tb_import_row_has_kind (row, TB_TOKEN_VALUE))
    return -1;
  for (guint i = 0; i < row->entries->len; i++)
    if (g_array_index (row->entries, Entry, i).kind == TB_TOKEN_LABEL)
      n_labels++;
  if (n_labels == 0)
    return -1;
  for (guint t = 0; t < tb_format_get_n_tables (format); t++)
    {
      guint n = 0;

      for (guint i = 0; i < row->entries->len; i++)
        {
          const Entry *e = &g_array_index (row->entries, Entry, i);

          if (e->kind == TB_TOKEN_LABEL &&
              tb_vocab_match_column_label (tables->vocab, t, e->cell->text) == TB_MATCH_EXACT)
            n++;
        }
      if (n > best_n || (n == best_n && n > 0 && (int) t == row->table_hint))
        {
          best = (int) t;
          best_n = n;
        }
    }
  return best_n > 0 && best_n * 2 >= n_labels ? best : -1;
}

/* ------------------------------------------------------------------ column headers */

static void
leaf_clear (gpointer p)
{
  Leaf *leaf = p;

  g_free (leaf->text);
  g_clear_pointer (&leaf->ancestors, g_ptr_array_unref);
}

/* The official column (index into tables->columns[table]) @leaf names, -1 for none,
 * -2 for several. */
static int
match_leaf (TbImportTables *tables,
            guint           table,
            const Leaf     *leaf)
{
  GPtrArray *columns = tables->columns[table];
  TbMatch best = TB_MATCH_NONE;
  int found = -1;
  guint n_found = 0;

  for (guint i = 0; i < columns->len; i++)
    {
      g_auto(GStrv) path = g_strsplit (g_ptr_array_index (columns, i), " / ", -1);
      guint depth = g_strv_length (path);
      TbMatch m = tb_vocab_match_label (tables->vocab, path[depth - 1], leaf->text);
      gboolean fits = TRUE;

      if (m < TB_MATCH_NUMBERLESS)
        continue;
      /* Each group label above the leaf that this table knows must be on the path. */
      for (guint a = 0; a < leaf->ancestors->len && fits; a++)
        {
          const char *anc = g_ptr_array_index (leaf->ancestors, a);
          gboolean on_path = FALSE;

          if (tb_vocab_match_column_label (tables->vocab, table, anc) != TB_MATCH_EXACT)
            continue;
          for (guint k = 0; k + 1 < depth && !on_path; k++)
            on_path = tb_vocab_match_label (tables->vocab, path[k], anc) >= TB_MATCH_NUMBERLESS;
          fits = on_path;
        }
      if (!fits || m < best)
        continue;
      if (m > best)
        {
          best = m;
          found = (int) i;
          n_found = 1;
        }
      else
        n_found++;
    }
  if (n_found > 1)
    return -2;
  return found;
}

/* Whether @text is the last part of any official column of @table (a value column). */
static gboolean
is_value_leaf (TbImportTables *tables,
               guint           table,
               const char     *text)
{
  GPtrArray *columns = tables->columns[table];

  for (guint i = 0; i < columns->len; i++)
    {
      const char *path = g_ptr_array_index (columns, i);
      const char *last = g_strrstr (path, " / ");

      if (tb_vocab_match_label (tables->vocab, last ? last + 3 : path, text) >=
          TB_MATCH_NUMBERLESS)
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_leaf (TbImportTables *tables,
          ColumnMap      *map,
          TbSourceCell   *cell,
          guint           col0,
          guint           col1,
          GPtrArray      *ancestors)
{
  Leaf leaf = { 0, };

  if (!is_value_leaf (tables, map->table, cell->text))
    {
      g_ptr_array_unref (ancestors);
      return FALSE;
    }
  leaf.text = g_strdup (cell->text);
  leaf.ancestors = ancestors;
  leaf.col0 = col0;
  leaf.col1 = col1;
  leaf.pos = cell->pos;
  leaf.official = match_leaf (tables, map->table, &leaf);
  g_array_append_val (map->leaves, leaf);
  return TRUE;
}

/* The leaves of the header rows @rows (grid rows of one source table). */
static void
read_header (TbImportTables *tables,
             ColumnMap      *map,
             GPtrArray      *rows)
{
  const SrcRow *first = g_ptr_array_index (rows, 0);
  const TbSourceBlock *block = first->table;

  if (!block->ragged)
    {
      /* Per grid column: the lowest header cell over it is the leaf, the others its
       * groups. Columns under the same leaf cell make one leaf. */
      TbSourceCell *prev = NULL;
      gboolean prev_added = FALSE;

      for (guint c = 0; c < block->n_columns; c++)
        {
          TbSourceCell *leaf = NULL;
          GPtrArray *ancestors = g_ptr_array_new ();

          for (guint i = 0; i < rows->len; i++)
            {
              const SrcRow *row = g_ptr_array_index (rows, i);
              TbSourceCell *cell = tb_source_table_get_cell ((TbSourceBlock *) block,
                                                             row->row, c);

              if (cell == NULL || *cell->text == '\0' || cell == leaf)
                continue;
              if (leaf != NULL)
                g_ptr_array_add (ancestors, leaf->text);
              leaf = cell;
            }
          if (leaf == NULL || leaf == prev)
            {
              g_ptr_array_unref (ancestors);
              if (leaf != NULL && prev_added)
                g_array_index (map->leaves, Leaf, map->leaves->len - 1).col1 = c + 1;
              continue;
            }
          prev = leaf;
          prev_added = add_leaf (tables, map, leaf, c, c + 1, ancestors);
        }
      return;
    }

  /* Ragged: positions are only orders. An entry is a group when a lower header row has
   * an entry between it and the next entry of its own row. */
  {
    typedef struct { TbSourceCell *cell; guint pos, row; GPtrArray *ancestors; } Found;
    g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (Found));

    for (guint i = 0; i < rows->len; i++)
      {
        const SrcRow *row = g_ptr_array_index (rows, i);

        for (guint k = 0; k < row->entries->len; k++)
          {
            const Entry *e = &g_array_index (row->entries, Entry, k);
            guint next = G_MAXUINT;
            gboolean group = FALSE;
            GPtrArray *ancestors;

            if (e->kind != TB_TOKEN_LABEL)
              continue;
            for (guint k2 = k + 1; k2 < row->entries->len && next == G_MAXUINT; k2++)
              if (g_array_index (row->entries, Entry, k2).kind != TB_TOKEN_EMPTY)
                next = g_array_index (row->entries, Entry, k2).col0;
            for (guint j = i + 1; j < rows->len && !group; j++)
              {
                const SrcRow *lower = g_ptr_array_index (rows, j);

                for (guint k2 = 0; k2 < lower->entries->len && !group; k2++)
                  {
                    const Entry *l = &g_array_index (lower->entries, Entry, k2);

                    group = l->kind != TB_TOKEN_EMPTY && l->col0 >= e->col0 && l->col0 < next;
                  }
              }
            if (group)
              continue;
            ancestors = g_ptr_array_new ();
            for (guint j = 0; j < i; j++)
              {
                const SrcRow *upper = g_ptr_array_index (rows, j);
                const Entry *nearest = NULL;

                for (guint k2 = 0; k2 < upper->entries->len; k2++)
                  {
                    const Entry *u = &g_array_index (upper->entries, Entry, k2);

                    if (u->kind != TB_TOKEN_EMPTY && u->col0 <= e->col0)
                      nearest = u;
                  }
                if (nearest != NULL)
                  g_ptr_array_add (ancestors, nearest->cell->text);
              }
            {
              Found f = { e->cell, e->col0, i, ancestors };

              g_array_append_val (found, f);
            }
          }
      }
    /* In the order of their positions (then rows). */
    for (guint a = 1; a < found->len; a++)
      for (guint b = a; b > 0; b--)
        {
          Found *x = &g_array_index (found, Found, b - 1);
          Found *y = &g_array_index (found, Found, b);
          Found tmp;

          if (x->pos < y->pos || (x->pos == y->pos && x->row <= y->row))
            break;
          tmp = *x;
          *x = *y;
          *y = tmp;
        }
    for (guint a = 0; a < found->len; a++)
      {
        Found *f = &g_array_index (found, Found, a);

        add_leaf (tables, map, f->cell, f->pos, f->pos + 1, f->ancestors);
      }
  }
}

/* Where the leaves name several columns each (结果维持 three times, without their groups),
 * and they are exactly the table's columns in the official order, take that order. */
static void
resolve_by_order (TbImportTables *tables,
                  ColumnMap      *map)
{
  GPtrArray *columns = tables->columns[map->table];
  gboolean any = FALSE;

  for (guint i = 0; i < map->leaves->len; i++)
    any = any || g_array_index (map->leaves, Leaf, i).official == -2;
  if (!any || map->leaves->len != columns->len)
    return;
  for (guint i = 0; i < map->leaves->len; i++)
    {
      const Leaf *leaf = &g_array_index (map->leaves, Leaf, i);
      const char *path = g_ptr_array_index (columns, i);
      const char *last = g_strrstr (path, " / ");

      if (tb_vocab_match_label (tables->vocab, last ? last + 3 : path, leaf->text) <
          TB_MATCH_NUMBERLESS)
        return;
      if (leaf->official >= 0 && leaf->official != (int) i)
        return;
    }
  for (guint i = 0; i < map->leaves->len; i++)
    g_array_index (map->leaves, Leaf, i).official = (int) i;
}

ColumnMap *
tb_import_column_map_new (TbImportTables *tables,
                          guint           table,
                          GPtrArray      *rows)
{
  ColumnMap *map = g_new0 (ColumnMap, 1);

  map->table = table;
  map->ragged = ((const SrcRow *) g_ptr_array_index (rows, 0))->table->ragged;
  map->leaves = g_array_new (FALSE, TRUE, sizeof (Leaf));
  g_array_set_clear_func (map->leaves, leaf_clear);
  read_header (tables, map, rows);
  resolve_by_order (tables, map);
  return map;
}

void
tb_import_column_map_free (ColumnMap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->leaves);
  g_free (map);
}

/* ------------------------------------------------------------------ all rows */

GArray *
tb_import_collect_rows (TbImportContext *ctx)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (SrcRow));
  const TbFormat *format = tb_vocab_get_format (ctx->vocab);

  g_array_set_clear_func (rows, src_row_clear);
  for (guint b = 0; b < ctx->source->blocks->len; b++)
    {
      const TbSourceBlock *block = g_ptr_array_index (ctx->source->blocks, b);
      int section = ctx->block_section[b];
      int hint = -1;

      if (block->kind != TB_BLOCK_TABLE)
        continue;
      if (section >= 0)
        {
          const TbSectionSpec *spec = tb_format_get_section (format, section);

          for (guint t = 0; spec->table != NULL && t < tb_format_get_n_tables (format); t++)
            if (tb_format_get_table (format, t) == spec->table)
              hint = (int) t;
        }
      for (guint r = 0; r < block->n_rows; r++)
        {
          SrcRow row = { .table = block, .row = r, .table_hint = hint };

          collect_row (block, r, &row);
          g_array_append_val (rows, row);
        }
    }
  return rows;
}

int
tb_import_row_header_table (TbImportTables *tables,
                            const SrcRow   *row)
{
  return header_table (tables, row);
}

