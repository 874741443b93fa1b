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
 * characters; the columns are the bands those groups occupy; a line close below a row and
 * only adding text to its cells (never a second number) is that row's wrapped text. Merged
 * cells show only as a group wider than one band.
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

typedef struct
{
  double x0, x1;
} Band;

static int
compare_bands (gconstpointer pa,
               gconstpointer pb)
{
  const Band *a = pa, *b = pb;

  return a->x0 < b->x0 ? -1 : a->x0 > b->x0;
}

/* The columns: the x-ranges covered by the groups of the lines with the most groups. */
static GArray *
find_bands (GPtrArray *segs,
            guint      from,
            guint      to)
{
  GArray *bands = g_array_new (FALSE, FALSE, sizeof (Band));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (Band));
  guint most = 0;

  for (guint i = from; i < to; i++)
    most = MAX (most, ((GArray *) g_ptr_array_index (segs, i))->len);
  for (guint i = from; i < to; i++)
    {
      GArray *line = g_ptr_array_index (segs, i);

      if (line->len < 2 || line->len * 4 < most * 3)
        continue;
      for (guint k = 0; k < line->len; k++)
        {
          Band b = { g_array_index (line, Segment, k).x0, g_array_index (line, Segment, k).x1 };

          g_array_append_val (raw, b);
        }
    }
  g_array_sort (raw, compare_bands);
  for (guint i = 0; i < raw->len; i++)
    {
      Band *b = &g_array_index (raw, Band, i);
      Band *last = bands->len > 0 ? &g_array_index (bands, Band, bands->len - 1) : NULL;

      if (last != NULL && b->x0 <= last->x1)
        last->x1 = MAX (last->x1, b->x1);
      else
        g_array_append_val (bands, *b);
    }
  return bands;
}

/* The bands a group of characters falls into. */
static void
segment_bands (GArray  *bands,
               Segment *seg,
               guint   *first,
               guint   *last)
{
  double best = G_MAXDOUBLE;

  *first = G_MAXUINT;
  *last = 0;
  for (guint b = 0; b < bands->len; b++)
    {
      Band *band = &g_array_index (bands, Band, b);
      double mid = (seg->x0 + seg->x1) / 2, d;

      if (seg->x0 < band->x1 && seg->x1 > band->x0)
        {
          *first = MIN (*first, b);
          *last = MAX (*last, b);
        }
      d = fabs (mid - (band->x0 + band->x1) / 2);
      if (*first == G_MAXUINT && d < best)
        {
          best = d;
          *last = b;
        }
    }
  if (*first == G_MAXUINT)
    *first = *last;
}

typedef struct
{
  double    y0, y1;
  GString **text;         /* per band */
  guint    *span;         /* per band: columns of the group starting there, 0 if none */
  gboolean *numeric;
} Row;

static void
row_free (Row *row,
          guint n)
{
  for (guint b = 0; b < n; b++)
    if (row->text[b] != NULL)
      g_string_free (row->text[b], TRUE);
  g_free (row->text);
  g_free (row->span);
  g_free (row->numeric);
  g_free (row);
}

/* Whether the groups of a line can go on the cells of @row: a number never goes into a
 * cell that has text, and text not into a cell holding a number. */
static gboolean
fits_row (Row    *row,
          GArray *bands,
          GArray *line)
{
  for (guint k = 0; k < line->len; k++)
    {
      Segment *seg = &g_array_index (line, Segment, k);
      guint first, last;

      segment_bands (bands, seg, &first, &last);
      if (row->text[first] != NULL && (seg->numeric || row->numeric[first]))
        return FALSE;
    }
  return TRUE;
}

static void
add_to_row (Row    *row,
            GArray *bands,
            GArray *line)
{
  for (guint k = 0; k < line->len; k++)
    {
      Segment *seg = &g_array_index (line, Segment, k);
      guint first, last;

      segment_bands (bands, seg, &first, &last);
      if (row->text[first] == NULL)
        row->text[first] = g_string_new (NULL);
      tb_pdf_join_line (row->text[first], seg->text);
      row->span[first] = MAX (row->span[first], last - first + 1);
      row->numeric[first] = seg->numeric;
    }
}

static TbPdfTable *
text_table (GPtrArray *lines,
            GPtrArray *segs,
            guint      from,
            guint      to,
            guint      page_no)
{
  g_autoptr(GArray) bands = find_bands (segs, from, to);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  TbPdfTable *table;
  guint nb = bands->len;

  if (nb < 2 || nb > 200)
    return NULL;
  for (guint i = from; i < to; i++)
    {
      TbPdfLine *line = g_ptr_array_index (lines, i);
      GArray *line_segs = g_ptr_array_index (segs, i);
      Row *row = rows->len > 0 ? g_ptr_array_index (rows, rows->len - 1) : NULL;

      if (row == NULL || line->y0 - row->y1 >= 0.35 * line->em ||
          !fits_row (row, bands, line_segs))
        {
          row = g_new0 (Row, 1);
          row->text = g_new0 (GString *, nb);
          row->span = g_new0 (guint, nb);
          row->numeric = g_new0 (gboolean, nb);
          row->y0 = line->y0;
          g_ptr_array_add (rows, row);
        }
      add_to_row (row, bands, line_segs);
      row->y1 = MAX (row->y1, line->y1);
    }

  table = tb_pdf_table_new (page_no);
  table->n_rows = rows->len;
  table->n_columns = nb;
  table->xs = g_new (double, nb + 1);
  table->ys = g_new (double, rows->len + 1);
  table->xs[0] = g_array_index (bands, Band, 0).x0;
  for (guint b = 1; b < nb; b++)
    table->xs[b] = (g_array_index (bands, Band, b - 1).x1 + g_array_index (bands, Band, b).x0) / 2;
  table->xs[nb] = g_array_index (bands, Band, nb - 1).x1;
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);

      table->ys[r] = row->y0;
      table->ys[r + 1] = row->y1;
      for (guint b = 0; b < nb;)
        {
          TbPdfCell *cell = g_new0 (TbPdfCell, 1);

          cell->page = page_no;
          cell->row = r;
          cell->col = b;
          cell->rowspan = 1;
          cell->colspan = MAX (row->span[b], 1);
          cell->colspan = MIN (cell->colspan, nb - b);
          cell->text = g_strdup (row->text[b] != NULL ? row->text[b]->str : "");
          g_ptr_array_add (table->cells, cell);
          b += cell->colspan;
        }
      row_free (row, nb);
    }
  table->x0 = table->xs[0];
  table->x1 = table->xs[nb];
  table->y0 = table->ys[0];
  table->y1 = table->ys[rows->len];
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

          if (line->y0 - prev->y1 > 1.5 * MAX (prev->em, line->em))
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

  if (table->n_columns != next->n_columns)
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
