/* tb-pdf-tables.c: the text of a PDF table's cells, tables without rulings, and tables that
 * go on over a page break
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ruled table's grid (tb-pdf-rulings.c) gets its text here: the characters whose centre
 * falls in a cell, their lines joined again.
 *
 * A table without rulings is found from its text: lines with wide gaps between groups of
 * characters. Each line holding numbers is a row; the lines of text between rows (labels
 * wrapped over several lines) join a row; groups of text one above the other are a cell.
 * Its grid is not known: it is a ragged table (tb-source.h), no spans.
 *
 * A table cut by a page break is joined again: the header rows repeated at the top of the
 * next page are dropped, and a label cell spanning rows on both sides of the break becomes
 * one cell.
 */
#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tb-pdf-private.h"

void
tb_pdf_table_free (TbPdfTable *table)
{
  if (table == NULL)
    return;
  g_free (table->xs);
  g_free (table->ys);
  g_free (table->owner);
  g_clear_pointer (&table->cells, g_ptr_array_unref);
  g_free (table);
}

static void
cell_free (TbPdfCell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

TbPdfTable *
tb_pdf_table_new (guint page_no)
{
  TbPdfTable *table = g_new0 (TbPdfTable, 1);

  table->page = page_no;
  table->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  return table;
}

/* ---- Text into cells ------------------------------------------------------------------ */

static guint
find_slot (const double *bounds,
           guint         n,
           double        v)
{
  guint lo = 0, hi = n;   /* the slot i with bounds[i] <= v < bounds[i + 1] */

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (bounds[mid] <= v)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static char *
lines_text (const TbPdfChar *chars,
            guint            n)
{
  g_autoptr(GPtrArray) lines = tb_pdf_build_lines (chars, n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      TbPdfLine *line = g_ptr_array_index (lines, i);
      g_autofree char *text = tb_pdf_chars_text ((TbPdfChar *) line->chars->data,
                                                 line->chars->len, line->em);

      tb_pdf_join_line (out, text);
    }
  return g_string_free (out, FALSE);
}

void
tb_pdf_table_fill (TbPdfTable      *table,
                   const TbPdfChar *chars,
                   guint            n,
                   gboolean        *taken)
{
  g_autoptr(GPtrArray) per_cell = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < table->cells->len; i++)
    g_ptr_array_add (per_cell, g_array_new (FALSE, FALSE, sizeof (TbPdfChar)));
  for (guint k = 0; k < n; k++)
    {
      double cx = (chars[k].x0 + chars[k].x1) / 2, cy = (chars[k].y0 + chars[k].y1) / 2;
      guint r, c;
      int owner;

      if (taken[k] || cx < table->x0 || cx >= table->x1 || cy < table->y0 || cy >= table->y1)
        continue;
      c = find_slot (table->xs, table->n_columns + 1, cx);
      r = find_slot (table->ys, table->n_rows + 1, cy);
      owner = table->owner[(gsize) r * table->n_columns + c];
      if (owner < 0)
        continue;
      g_array_append_val (g_ptr_array_index (per_cell, owner), chars[k]);
      taken[k] = TRUE;
    }
  for (guint i = 0; i < table->cells->len; i++)
    {
      TbPdfCell *cell = g_ptr_array_index (table->cells, i);
      GArray *mine = g_ptr_array_index (per_cell, i);

      g_free (cell->text);
      cell->text = lines_text ((TbPdfChar *) mine->data, mine->len);
    }
}

/* ---- Tables without rulings ----------------------------------------------------------- */

/* A group of characters of a line, apart from the next group by a cell's gap. */
typedef struct
{
  guint    first, n;      /* characters of the line */
  double   x0, x1;
  gboolean numeric;
  char    *text;
} Segment;

static void
segment_clear (Segment *seg)
{
  g_free (seg->text);
}

/* A number as tables print it: digits (also full-width), separators, a sign. */
static gboolean
is_number_text (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!strchr (".,-+% ", (int) c) || c > 0x7f)
        {
          if (c != 0xFF0C && c != 0xFF0E && c != 0xFF0D && c != 0x2212)
            return FALSE;
        }
    }
  return digit;
}

static GArray *
line_segments (TbPdfLine *line)
{
  GArray *segs = g_array_new (FALSE, TRUE, sizeof (Segment));
  const TbPdfChar *chars = (const TbPdfChar *) line->chars->data;
  guint start = 0;

  g_array_set_clear_func (segs, (GDestroyNotify) segment_clear);
  for (guint i = 1; i <= line->chars->len; i++)
    {
      Segment seg = { 0, };

      if (i < line->chars->len && !tb_pdf_cell_gap (&chars[i - 1], &chars[i], line->em))
        continue;
      seg.first = start;
      seg.n = i - start;
      seg.x0 = chars[start].x0;
      seg.x1 = chars[i - 1].x1;
      seg.text = tb_pdf_chars_text (chars + start, seg.n, line->em);
      seg.numeric = is_number_text (seg.text);
      g_array_append_val (segs, seg);
      start = i;
    }
  return segs;
}

/* A group of characters placed in a row of a table without rulings. */
typedef struct
{
  double      x0, x1, y;
  gboolean    numeric;
  const char *text;
} Piece;

static int
compare_pieces (gconstpointer pa,
                gconstpointer pb)
{
  const Piece *a = pa, *b = pb;

  if (a->x0 != b->x0)
    return a->x0 < b->x0 ? -1 : 1;
  return a->y < b->y ? -1 : a->y > b->y;
}

static int
compare_pieces_y (gconstpointer pa,
                  gconstpointer pb)
{
  const Piece *a = pa, *b = pb;

  return a->y < b->y ? -1 : a->y > b->y;
}

/* The cells of a row from its pieces: text pieces in the same column (their extents
 * overlap) are one cell, read top to bottom; each number is a cell of its own. */
static void
add_row_cells (TbPdfTable *table,
               guint       row,
               GArray     *pieces)
{
  guint col = 0;

  g_array_sort (pieces, compare_pieces);
  for (guint i = 0; i < pieces->len;)
    {
      Piece *first = &g_array_index (pieces, Piece, i);
      g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (Piece));
      g_autoptr(GString) text = g_string_new (NULL);
      double x1 = first->x1;
      TbPdfCell *cell;
      guint j = i + 1;

      g_array_append_val (group, *first);
      while (!first->numeric && j < pieces->len)
        {
          Piece *next = &g_array_index (pieces, Piece, j);

          if (next->numeric || next->x0 >= x1)
            break;
          x1 = MAX (x1, next->x1);
          g_array_append_val (group, *next);
          j++;
        }
      g_array_sort (group, compare_pieces_y);
      for (guint k = 0; k < group->len; k++)
        tb_pdf_join_line (text, g_array_index (group, Piece, k).text);
      cell = g_new0 (TbPdfCell, 1);
      cell->page = table->page;
      cell->row = row;
      cell->col = col++;
      cell->rowspan = cell->colspan = 1;
      cell->text = g_strdup (text->str);
      g_ptr_array_add (table->cells, cell);
      table->n_columns = MAX (table->n_columns, col);
      i = j;
    }
}

static void
add_pieces (GArray    *pieces,
            TbPdfLine *line,
            GArray    *line_segs)
{
  double y = (line->y0 + line->y1) / 2;

  for (guint k = 0; k < line_segs->len; k++)
    {
      Segment *seg = &g_array_index (line_segs, Segment, k);
      Piece piece = { seg->x0, seg->x1, y, seg->numeric, seg->text };

      g_array_append_val (pieces, piece);
    }
}

/* How many numbers end the line, as in a row of a table (a label, then its values); 0 when
 * text follows a number (a year at the start of a line of prose). */
static guint
row_numbers (GArray *line_segs)
{
  guint n = 0;

  for (guint k = line_segs->len; k-- > 0;)
    {
      if (!g_array_index (line_segs, Segment, k).numeric)
        break;
      n++;
    }
  for (guint k = 0; k + n < line_segs->len; k++)
    if (g_array_index (line_segs, Segment, k).numeric)
      return 0;
  return n;
}

static gboolean
has_number (GArray *line_segs)
{
  return row_numbers (line_segs) > 0;
}

/* Whether a line of a table without rulings is a row of its own although it holds no
 * number: a header line, with text over the columns of numbers. */
static gboolean
own_row (GArray *line_segs,
         double  numbers_x0)
{
  for (guint k = 0; k < line_segs->len; k++)
    if (g_array_index (line_segs, Segment, k).x1 > numbers_x0)
      return TRUE;
  return FALSE;
}

/* A table without rulings from lines @from .. @to: a row for each line holding numbers
 * and for each header line; every other line (a label wrapped over several lines) joins
 * the nearest row, the one above when it is as near (cells aligned at the top). The grid
 * is unknown: the table is ragged, a cell's column only its order in its row. */
static TbPdfTable *
text_table (GPtrArray *lines,
            GPtrArray *segs,
            guint      from,
            guint      to,
            guint      page_no)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) row_y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree int *row_of = g_new (int, to - from);
  double numbers_x0 = G_MAXDOUBLE;
  guint n_numbered = 0, most_numbers = 0;
  TbPdfTable *table;

  for (guint i = from; i < to; i++)
    {
      GArray *line_segs = g_ptr_array_index (segs, i);
      guint n = row_numbers (line_segs);

      if (n == 0)
        continue;
      numbers_x0 = MIN (numbers_x0, g_array_index (line_segs, Segment, line_segs->len - n).x0);
      n_numbered++;
      most_numbers = MAX (most_numbers, n);
    }
  /* Rows of numbers: two, or one of several numbers (table 四 has one row). */
  if (n_numbered < 2 && most_numbers < 3)
    return NULL;

  for (guint i = from; i < to; i++)
    {
      GArray *line_segs = g_ptr_array_index (segs, i);
      TbPdfLine *line = g_ptr_array_index (lines, i);
      double y = (line->y0 + line->y1) / 2;

      row_of[i - from] = -1;
      if (!has_number (line_segs) && !own_row (line_segs, numbers_x0))
        continue;
      row_of[i - from] = (int) rows->len;
      g_ptr_array_add (rows, g_array_new (FALSE, FALSE, sizeof (Piece)));
      g_array_append_val (row_y, y);
      add_pieces (g_ptr_array_index (rows, rows->len - 1), line, line_segs);
    }
  for (guint i = from; i < to; i++)
    {
      TbPdfLine *line = g_ptr_array_index (lines, i);
      double y = (line->y0 + line->y1) / 2, best_d = G_MAXDOUBLE;
      guint best = 0;

      if (row_of[i - from] >= 0)
        continue;
      for (guint r = 0; r < rows->len; r++)
        {
          double d = fabs (g_array_index (row_y, double, r) - y);

          /* Below only when clearly nearer. */
          if (g_array_index (row_y, double, r) > y)
            d += 0.25 * line->em;
          if (d < best_d)
            {
              best_d = d;
              best = r;
            }
        }
      add_pieces (g_ptr_array_index (rows, best), line, g_ptr_array_index (segs, i));
    }

  table = tb_pdf_table_new (page_no);
  table->ragged = TRUE;
  for (guint r = 0; r < rows->len; r++)
    add_row_cells (table, r, g_ptr_array_index (rows, r));
  table->n_rows = rows->len;
  table->x0 = table->y0 = G_MAXDOUBLE;
  table->x1 = table->y1 = -G_MAXDOUBLE;
  for (guint i = from; i < to; i++)
    {
      TbPdfLine *line = g_ptr_array_index (lines, i);

      table->x0 = MIN (table->x0, line->x0);
      table->x1 = MAX (table->x1, line->x1);
      table->y0 = MIN (table->y0, line->y0);
      table->y1 = MAX (table->y1, line->y1);
    }
  return table;
}

void
tb_pdf_find_text_tables (GPtrArray *lines,
                         guint      page_no,
                         GPtrArray *tables)
{
  g_autoptr(GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (segs, line_segments (g_ptr_array_index (lines, i)));

  for (guint i = 0; i < lines->len;)
    {
      guint end, last_multi = i, n_multi = 1;
      TbPdfTable *table;

      if (((GArray *) g_ptr_array_index (segs, i))->len < 2)
        {
          i++;
          continue;
        }
      /* The lines of the table: close together, several of them with gaps. */
      for (end = i + 1; end < lines->len; end++)
        {
          TbPdfLine *prev = g_ptr_array_index (lines, end - 1);
          TbPdfLine *line = g_ptr_array_index (lines, end);

          /* A gap, or a line in another size (a heading between two tables). */
          if (line->y0 - prev->y1 > 1.5 * MAX (prev->em, line->em) ||
              fabs (line->em - prev->em) > 0.2 * prev->em)
            break;
          if (((GArray *) g_ptr_array_index (segs, end))->len >= 2)
            {
              n_multi++;
              last_multi = end;
            }
        }
      end = last_multi + 1;
      /* The wrapped text of the last row. */
      while (end < lines->len)
        {
          TbPdfLine *prev = g_ptr_array_index (lines, end - 1);
          TbPdfLine *line = g_ptr_array_index (lines, end);

          if (line->y0 - prev->y1 >= 0.35 * line->em || fabs (line->em - prev->em) > 0.2 * prev->em)
            break;
          end++;
        }
      table = n_multi >= 2 ? text_table (lines, segs, i, end, page_no) : NULL;
      if (table == NULL)
        {
          i = end;
          continue;
        }
      g_ptr_array_add (tables, table);
      g_ptr_array_remove_range (lines, i, end - i);
      g_ptr_array_remove_range (segs, i, end - i);
    }
}

/* ---- Over a page break ---------------------------------------------------------------- */

static gboolean
same_row (TbPdfTable *a,
          TbPdfTable *b,
          guint       row)
{
  guint ia = 0, ib = 0;

  for (;;)
    {
      TbPdfCell *ca = NULL, *cb = NULL;

      while (ia < a->cells->len && (ca = g_ptr_array_index (a->cells, ia))->row != row)
        ia++, ca = NULL;
      while (ib < b->cells->len && (cb = g_ptr_array_index (b->cells, ib))->row != row)
        ib++, cb = NULL;
      if (ca == NULL || cb == NULL)
        return ca == NULL && cb == NULL;
      if (ca->col != cb->col || ca->colspan != cb->colspan || ca->rowspan != cb->rowspan ||
          g_strcmp0 (ca->text, cb->text) != 0)
        return FALSE;
      ia++;
      ib++;
    }
}

/* Whether no cell starting above @row reaches below it. */
static gboolean
rows_closed (TbPdfTable *t,
             guint       row)
{
  for (guint i = 0; i < t->cells->len; i++)
    {
      TbPdfCell *c = g_ptr_array_index (t->cells, i);

      if (c->row < row && c->row + c->rowspan > row)
        return FALSE;
    }
  return TRUE;
}

static TbPdfCell *
cell_at (TbPdfTable *t,
         guint       row,
         guint       col)
{
  for (guint i = t->cells->len; i-- > 0;)
    {
      TbPdfCell *c = g_ptr_array_index (t->cells, i);

      if (c->row <= row && row < c->row + c->rowspan && c->col <= col && col < c->col + c->colspan)
        return c;
    }
  return NULL;
}

/* Whether the first row of @next after its repeated header (@first) is the rest of the last
 * row of @table, cut by the page break: every cell of it goes on a cell ending the table,
 * it holds text but no number, and that last row holds numbers. */
static gboolean
is_cut_row (TbPdfTable *table,
            TbPdfTable *next,
            guint       first)
{
  gboolean text = FALSE, numbers = FALSE;

  for (guint i = 0; i < next->cells->len; i++)
    {
      TbPdfCell *c = g_ptr_array_index (next->cells, i);
      TbPdfCell *above;

      if (c->row != first)
        continue;
      above = cell_at (table, table->n_rows - 1, c->col);
      if (above == NULL || above->col != c->col || above->colspan != c->colspan ||
          above->row + above->rowspan != table->n_rows || is_number_text (c->text))
        return FALSE;
      text |= *c->text != '\0';
    }
  for (guint i = 0; i < table->cells->len; i++)
    {
      TbPdfCell *c = g_ptr_array_index (table->cells, i);

      if (c->row + c->rowspan == table->n_rows && is_number_text (c->text))
        numbers = TRUE;
    }
  return text && numbers;
}

gboolean
tb_pdf_table_append (TbPdfTable *table,
                     TbPdfTable *next)
{
  guint repeated = 0;
  guint offset;
  gboolean cut;

  /* Tables read from their text alone are left as they are: cells have no grid. */
  if (table->ragged || next->ragged || table->n_columns != next->n_columns)
    return FALSE;
  for (guint c = 0; c <= table->n_columns; c++)
    if (fabs (table->xs[c] - next->xs[c]) > 3.0)
      return FALSE;

  /* Header rows repeated on the new page. */
  while (repeated < next->n_rows - 1 && repeated < table->n_rows &&
         same_row (table, next, repeated))
    repeated++;
  while (repeated > 0 && !(rows_closed (next, repeated) && rows_closed (table, repeated)))
    repeated--;
  for (guint i = 0; i < table->cells->len; i++)
    {
      TbPdfCell *c = g_ptr_array_index (table->cells, i);

      if (c->row < repeated)
        c->header = TRUE;
    }

  /* A row cut in two by the page break is one row again. */
  cut = is_cut_row (table, next, repeated);
  offset = table->n_rows - (cut ? 1 : 0);
  for (guint i = 0; i < next->cells->len; i++)
    {
      TbPdfCell *c = g_ptr_array_index (next->cells, i);
      TbPdfCell *above = NULL;

      if (c->row < repeated)
        continue;
      if (c->row == repeated)
        above = cell_at (table, table->n_rows - 1, c->col);
      if (cut && above != NULL)
        {
          g_autoptr(GString) text = g_string_new (above->text);

          tb_pdf_join_line (text, c->text);
          g_free (above->text);
          above->text = g_strdup (text->str);
          above->rowspan += c->rowspan - 1;
          continue;
        }
      /* A label spanning rows on both sides of the break: the part on the new page is
       * empty. Only a cell spanning rows on one side at least shows it. */
      if (above != NULL && *c->text == '\0' && above->col == c->col &&
          above->colspan == c->colspan && above->row + above->rowspan == table->n_rows &&
          *above->text != '\0' && !is_number_text (above->text) &&
          (above->rowspan > 1 || c->rowspan > 1))
        {
          above->rowspan += c->rowspan;
          continue;
        }
      c = g_ptr_array_steal_index (next->cells, i--);
      c->row = c->row - repeated + offset;
      g_ptr_array_add (table->cells, c);
    }
  table->n_rows = offset + next->n_rows - repeated;
  /* The grid of the first page no longer describes the table. */
  g_clear_pointer (&table->owner, g_free);
  g_clear_pointer (&table->ys, g_free);
  return TRUE;
}
