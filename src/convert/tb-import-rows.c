/* tb-import-rows.c: the rows of the document's tables matched to official rows and columns
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Goes through the rows of every table of the document in order: a header row sets the
 * columns of its official table until the next header; a block row (第二十条第（一）项) says
 * which table follows; a data row goes to the official row its label names (the row of
 * table 四, which has no label, follows that table's header). Its values are taken by grid
 * position when the reader saw the grid and the header's columns cover them one to one,
 * else in the order the header gives. tb-import-resolve.c then places them.
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-import-private.h"

/* The rows of a report's tables are some fifty; more than this many are not read. */
#define MAX_ROWS 5000

/* ------------------------------------------------------------------ rows to official rows */

typedef struct
{
  TbImportContext *ctx;
  TbImportTables   tables;
  ColumnMap      **maps;          /* per official table: the last header read */
  gboolean        *noted_order;   /* per official table: "no header" noted */
  GPtrArray       *reads;         /* RowRead* */
  GHashTable      *by_row;        /* TbVocabRow* -> RowRead* */
  GHashTable      *matches;       /* "hint\x1flabel" -> Match: a label is matched once */
} Reading;

typedef struct
{
  const TbVocabRow *row;
  TbMatch           match;
  gboolean          ambiguous;
} Match;

/* tb_vocab_match_row(), remembered: the same labels come back in repeated headers and
 * split tables, and in hostile input thousands of times. */
static const TbVocabRow *
match_row (Reading    *r,
           const char *label,
           int         hint,
           TbMatch    *match,
           gboolean   *ambiguous)
{
  g_autofree char *key = g_strdup_printf ("%d\x1f%s", hint, label);
  Match *m = g_hash_table_lookup (r->matches, key);

  if (m == NULL)
    {
      m = g_new0 (Match, 1);
      m->row = tb_vocab_match_row (r->ctx->vocab, label, hint, &m->match, &m->ambiguous);
      g_hash_table_insert (r->matches, g_steal_pointer (&key), m);
    }
  *match = m->match;
  *ambiguous = m->ambiguous;
  return m->row;
}

/* The index of @spec's column among the official columns of its table. */
static int
official_column (Reading          *r,
                 guint             table,
                 const TbCellSpec *spec)
{
  GPtrArray *columns = r->tables.columns[table];

  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_ptr_array_index (columns, i), spec->column_path))
      return (int) i;
  return -1;
}

static void
add_token (RowRead      *rr,
           const Entry  *e)
{
  Token *tok = g_new0 (Token, 1);

  tok->text = e->cell != NULL ? e->cell->text : "";
  if (e->cell != NULL)
    tok->pos = e->cell->pos;
  g_ptr_array_add (rr->tokens, tok);
}

/* By grid position: each official column's leaf covers exactly one value cell of the row,
 * and every value cell of the row is used. */
static gboolean
read_by_position (Reading       *r,
                  const SrcRow  *row,
                  const ColumnMap *map,
                  RowRead       *rr)
{
  const TbFormat *format = tb_vocab_get_format (r->ctx->vocab);
  g_autofree gboolean *used = g_new0 (gboolean, row->entries->len);

  if (map == NULL || map->ragged || row->table->ragged)
    return FALSE;
  for (guint k = 0; k < rr->row->n_cells; k++)
    {
      int oc = official_column (r, rr->row->table,
                                tb_format_get_cell (format, rr->row->cells[k]));
      const Leaf *leaf = NULL;
      int found = -1;

      for (guint i = 0; i < map->leaves->len && oc >= 0; i++)
        if (g_array_index (map->leaves, Leaf, i).official == oc)
          leaf = &g_array_index (map->leaves, Leaf, i);
      if (leaf == NULL)
        return FALSE;
      for (guint i = 0; i < row->entries->len; i++)
        {
          const Entry *e = &g_array_index (row->entries, Entry, i);

          if (e->col0 < leaf->col1 && leaf->col0 < e->col1)
            {
              if (found >= 0 || e->kind == TB_TOKEN_LABEL || used[i])
                return FALSE;
              found = (int) i;
            }
        }
      if (found < 0)
        return FALSE;
      used[found] = TRUE;
    }
  for (guint i = 0; i < row->entries->len; i++)
    if (!used[i] && g_array_index (row->entries, Entry, i).kind == TB_TOKEN_VALUE)
      return FALSE;
  /* Now take them, in the official order. */
  for (guint k = 0; k < rr->row->n_cells; k++)
    {
      int oc = official_column (r, rr->row->table,
                                tb_format_get_cell (format, rr->row->cells[k]));

      for (guint l = 0; l < map->leaves->len; l++)
        {
          const Leaf *leaf = &g_array_index (map->leaves, Leaf, l);

          if (leaf->official != oc)
            continue;
          for (guint i = 0; i < row->entries->len; i++)
            {
              const Entry *e = &g_array_index (row->entries, Entry, i);

              if (e->col0 < leaf->col1 && leaf->col0 < e->col1)
                add_token (rr, e);
            }
        }
    }
  return TRUE;
}

/* The values after the row's last label, without the empty cells at either end (counted). */
static void
take_values (const SrcRow *row,
             RowRead      *rr)
{
  guint first = 0, last;

  for (guint i = 0; i < row->entries->len; i++)
    if (g_array_index (row->entries, Entry, i).kind == TB_TOKEN_LABEL)
      first = i + 1;
  last = row->entries->len;
  /* Where the reader saw the grid, a row with as many cells after its label as the row has
   * columns holds its blank cells among them. */
  if (!row->table->ragged && last - first == rr->row->n_cells)
    {
      for (guint i = first; i < last; i++)
        add_token (rr, &g_array_index (row->entries, Entry, i));
      return;
    }
  while (first < last && g_array_index (row->entries, Entry, first).kind == TB_TOKEN_EMPTY)
    {
      first++;
      rr->s_lead++;
    }
  while (last > first && g_array_index (row->entries, Entry, last - 1).kind == TB_TOKEN_EMPTY)
    {
      last--;
      rr->s_trail++;
    }
  for (guint i = first; i < last; i++)
    add_token (rr, &g_array_index (row->entries, Entry, i));
}

/* In order: the values after the row's last label, the header saying which is which. */
static void
read_by_order (Reading         *r,
               const SrcRow    *row,
               const ColumnMap *map,
               RowRead         *rr)
{
  const TbFormat *format = tb_vocab_get_format (r->ctx->vocab);
  guint n = rr->row->n_cells;

  take_values (row, rr);
  if (map == NULL || map->leaves->len == 0)
    {
      if (!r->noted_order[rr->row->table])
        {
          const TbTableSpec *t = tb_format_get_table (format, rr->row->table);

          tb_import_log_add_note (r->ctx->log, _("Table %s has no column headers that name "
                                                 "its columns; its values were taken in the "
                                                 "official order of the columns"),
                                  tb_format_get_section (format, t->section)->numeral);
          r->noted_order[rr->row->table] = TRUE;
        }
      return;
    }
  {
    /* The order the header gives: every column of the row once, in any order; or, when
     * the header lost some, the official order if what it has is in that order. */
    g_autofree int *seq = g_new (int, n);
    guint found = 0;
    int prev = -1;
    gboolean increasing = TRUE;

    for (guint l = 0; l < map->leaves->len; l++)
      {
        int oc = g_array_index (map->leaves, Leaf, l).official;

        if (oc == -2)
          increasing = FALSE;
        if (oc < 0)
          continue;
        if (oc <= prev)
          increasing = FALSE;
        prev = oc;
        for (guint k = 0; k < n; k++)
          if (official_column (r, rr->row->table,
                               tb_format_get_cell (format, rr->row->cells[k])) == oc &&
              found < n)
            seq[found++] = (int) k;
      }
    if (found == n)
      {
        gboolean distinct = TRUE;

        for (guint a = 0; a < n; a++)
          for (guint b = a + 1; b < n; b++)
            distinct = distinct && seq[a] != seq[b];
        if (distinct)
          {
            for (guint j = 0; j < n; j++)
              rr->order[j] = (guint) seq[j];
            return;
          }
      }
    if (!increasing)
      rr->problem = g_strdup (_("the column headers do not tell which value is which column"));
  }
}

static const char *
last_label (const SrcRow *row)
{
  const char *label = NULL;

  for (guint i = 0; i < row->entries->len; i++)
    if (g_array_index (row->entries, Entry, i).kind == TB_TOKEN_LABEL)
      label = g_array_index (row->entries, Entry, i).cell->text;
  return label;
}

static gboolean
same_tokens (RowRead *a,
             RowRead *b)
{
  if (a->tokens->len != b->tokens->len)
    return FALSE;
  for (guint i = 0; i < a->tokens->len; i++)
    if (g_strcmp0 (((Token *) g_ptr_array_index (a->tokens, i))->text,
                   ((Token *) g_ptr_array_index (b->tokens, i))->text) != 0)
      return FALSE;
  return TRUE;
}

static void
add_read (Reading *r,
          RowRead *rr)
{
  RowRead *before = g_hash_table_lookup (r->by_row, rr->row);

  if (before == NULL)
    {
      g_hash_table_insert (r->by_row, (gpointer) rr->row, rr);
      g_ptr_array_add (r->reads, rr);
      return;
    }
  /* A header repeated at a page break comes with its rows only once; a row given twice
   * with different values cannot be read. */
  if (!same_tokens (before, rr) && before->problem == NULL)
    {
      g_autofree char *a = tb_import_format_pos (&before->pos);
      g_autofree char *b = tb_import_format_pos (&rr->pos);

      before->problem = g_strdup_printf (_("the row is given twice with different values "
                                           "(%s and %s)"), a, b);
    }
  tb_import_row_read_free (rr);
}

static TbSourcePos
row_pos (const SrcRow *row)
{
  TbSourcePos pos = row->table->pos;

  pos.row = row->row + 1;
  pos.column = 0;
  for (guint i = 0; i < row->entries->len; i++)
    {
      const Entry *e = &g_array_index (row->entries, Entry, i);

      if (e->own && e->cell->pos.line > 0)
        {
          pos.line = e->cell->pos.line;
          break;
        }
    }
  return pos;
}

guint
tb_import_read_tables (TbImportContext *ctx)
{
  const TbFormat *format = tb_vocab_get_format (ctx->vocab);
  guint n_tables = tb_format_get_n_tables (format);
  g_autoptr(GArray) rows = tb_import_collect_rows (ctx);
  Reading r = { ctx, { ctx->vocab, NULL }, NULL, };
  int context = -1;
  g_autofree char *pending = NULL;        /* a label without values (maybe cut in two) */
  const TbSourceBlock *pending_table = NULL;
  const TbVocabRow *pending_row = NULL;   /* the row it names, if any */
  RowRead *open_row = NULL;       /* a short row that the next row may continue */
  guint n_found;

  r.tables.columns = g_new0 (GPtrArray *, n_tables);
  r.maps = g_new0 (ColumnMap *, n_tables);
  r.noted_order = g_new0 (gboolean, n_tables);
  r.reads = g_ptr_array_new_with_free_func (tb_import_row_read_free);
  r.by_row = g_hash_table_new (NULL, NULL);
  r.matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint t = 0; t < n_tables; t++)
    {
      const TbTableSpec *spec = tb_format_get_table (format, t);

      r.tables.columns[t] = g_ptr_array_new ();
      for (guint c = 0; c < spec->n_cells; c++)
        {
          const char *path = tb_format_get_cell (format, spec->first_cell + c)->column_path;

          if (!g_ptr_array_find_with_equal_func (r.tables.columns[t], path, g_str_equal, NULL))
            g_ptr_array_add (r.tables.columns[t], (gpointer) path);
        }
    }

  if (rows->len > MAX_ROWS)
    {
      tb_import_log_add_note (ctx->log, _("The document's tables have more than %u rows; "
                                          "the rest were not read"), MAX_ROWS);
      g_array_set_size (rows, MAX_ROWS);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      SrcRow *row = &g_array_index (rows, SrcRow, i);
      int header = tb_import_row_header_table (&r.tables, row);
      const char *label;
      const TbVocabRow *official = NULL;
      TbMatch match = TB_MATCH_NONE;
      gboolean ambiguous = FALSE;
      RowRead *rr;

      if (!tb_import_row_has_kind (row, TB_TOKEN_LABEL) && !tb_import_row_has_kind (row, TB_TOKEN_VALUE))
        continue;
      if (i > 0 && g_array_index (rows, SrcRow, i - 1).table != row->table)
        open_row = NULL;

      if (header >= 0)
        {
          g_autoptr(GPtrArray) group = g_ptr_array_new ();
          guint j = i;

          while (j < rows->len && g_array_index (rows, SrcRow, j).table == row->table &&
                 tb_import_row_header_table (&r.tables, &g_array_index (rows, SrcRow, j)) ==
                 header)
            g_ptr_array_add (group, &g_array_index (rows, SrcRow, j++));
          tb_import_column_map_free (r.maps[header]);
          r.maps[header] = tb_import_column_map_new (&r.tables, header, group);
          context = header;
          open_row = NULL;
          g_clear_pointer (&pending, g_free);
          pending_row = NULL;
          i = j - 1;
          continue;
        }

      label = last_label (row);
      if (label != NULL)
        {
          int block = tb_vocab_match_block (ctx->vocab, label);
          int heading = tb_vocab_match_heading (ctx->vocab, label);

          if (block >= 0 && !tb_import_row_has_kind (row, TB_TOKEN_VALUE))
            {
              context = block;
              continue;
            }
          /* A section heading that text copied from a PDF put between two rows. */
          if (heading >= 0 && !tb_import_row_has_kind (row, TB_TOKEN_VALUE))
            {
              const TbSectionSpec *spec = tb_format_get_section (format, heading);

              context = -1;
              for (guint t = 0; spec->table != NULL && t < n_tables; t++)
                if (tb_format_get_table (format, t) == spec->table)
                  context = (int) t;
              open_row = NULL;
              g_clear_pointer (&pending, g_free);
              pending_row = NULL;
              continue;
            }
          official = match_row (&r, label, context >= 0 ? context : row->table_hint,
                                &match, &ambiguous);
          /* A label cut in two by a line or page break. */
          if (match < TB_MATCH_NUMBERLESS && pending != NULL && pending_table == row->table)
            {
              g_autofree char *joined = g_strconcat (pending, label, NULL);
              TbMatch m2;
              gboolean amb2;
              const TbVocabRow *o2 = match_row (&r, joined,
                                                context >= 0 ? context : row->table_hint,
                                                &m2, &amb2);

              if (o2 != NULL && m2 > match)
                {
                  official = o2;
                  match = m2;
                }
            }
          /* A label without values: a row of blank cells where the grid shows them, else
           * a label whose values (or the rest of it) come on the next line. */
          if (!tb_import_row_has_kind (row, TB_TOKEN_VALUE) &&
              (official == NULL || match < TB_MATCH_NUMBERLESS ||
               (row->table->ragged &&
                !tb_import_row_has_kind_after_label (row, TB_TOKEN_EMPTY))))
            {
              g_free (pending);
              pending = g_strdup (label);
              pending_table = row->table;
              pending_row = official;
              continue;
            }
          if (official == NULL)
            {
              {
                TbSourcePos pos = row_pos (row);
                g_autofree char *where = tb_import_format_pos (&pos);

                tb_import_log_add_note (ctx->log, ambiguous ?
                                        _("The row “%s” (%s) fits several rows of the "
                                          "report; it was not read") :
                                        _("The row “%s” (%s) is no row of the report; it "
                                          "was not read"), label, where);
              }
              g_clear_pointer (&pending, g_free);
              continue;
            }
        }
      else if (pending_row != NULL && pending_table == row->table)
        {
          /* The values of the label on the line before. */
          official = pending_row;
        }
      else
        {
          /* Values without a label: the rest of a row cut by a page break, or the row
           * of a table that has no row labels (四). */
          g_autoptr(RowRead) tail = NULL;

          if (open_row != NULL)
            {
              guint n = open_row->row->n_cells;
              guint total;

              tail = tb_import_row_read_new (open_row->row);
              take_values (row, tail);
              total = open_row->tokens->len + tail->tokens->len;
              if (total + 1 >= n && total <= n + 1)
                {
                  g_autofree char *where = NULL;

                  for (guint t = 0; t < tail->tokens->len; t++)
                    g_ptr_array_add (open_row->tokens,
                                     g_memdup2 (g_ptr_array_index (tail->tokens, t),
                                                sizeof (Token)));
                  open_row->s_trail = tail->s_trail;
                  where = tb_import_format_pos (&open_row->pos);
                  tb_import_log_add_note (ctx->log, _("A row cut by a line or page break (%s) "
                                                      "was joined with the values after it"),
                                          where);
                  open_row = NULL;
                  continue;
                }
            }
          for (guint k = 0; context >= 0 && k < tb_vocab_get_rows (ctx->vocab)->len; k++)
            {
              const TbVocabRow *vr = g_ptr_array_index (tb_vocab_get_rows (ctx->vocab), k);

              if ((int) vr->table == context && *vr->label == '\0')
                official = vr;
            }
          if (official == NULL)
            {
              TbSourcePos pos = row_pos (row);
              g_autofree char *where = tb_import_format_pos (&pos);

              tb_import_log_add_note (ctx->log, _("A row of values without a label (%s) "
                                                  "was not read"), where);
              continue;
            }
        }

      g_clear_pointer (&pending, g_free);
      pending_row = NULL;
      context = (int) official->table;
      rr = tb_import_row_read_new (official);
      rr->pos = row_pos (row);
      if (!read_by_position (&r, row, r.maps[official->table], rr))
        {
          g_ptr_array_set_size (rr->tokens, 0);
          read_by_order (&r, row, r.maps[official->table], rr);
        }
      open_row = rr->tokens->len < official->n_cells ? rr : NULL;
      add_read (&r, rr);
      if (g_hash_table_lookup (r.by_row, official) != rr)
        open_row = NULL;
    }

  tb_import_resolve (ctx, r.reads);
  n_found = r.reads->len;

  for (guint t = 0; t < n_tables; t++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < r.reads->len && !any; i++)
        any = ((RowRead *) g_ptr_array_index (r.reads, i))->row->table == t;
      if (!any)
        tb_import_log_add_note (ctx->log, _("Table %s was not found"),
                                tb_format_get_section (format,
                                                       tb_format_get_table (format, t)->section)->numeral);
      tb_import_column_map_free (r.maps[t]);
      g_ptr_array_unref (r.tables.columns[t]);
    }
  g_free (r.tables.columns);
  g_free (r.maps);
  g_free (r.noted_order);
  g_hash_table_unref (r.by_row);
  g_hash_table_unref (r.matches);
  g_ptr_array_unref (r.reads);
  return n_found;
}
