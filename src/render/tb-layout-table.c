/* tb-layout-table.c: the official table grids, with their merges, across pages
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include "tb-layout-private.h"

/* One grid item of a table, ready to draw. */
typedef struct
{
  const TbGridItem *item;
  PangoLayout      *layout;   /* NULL when there is nothing to print */
  double            text_height;
  double            need;     /* height the text needs, padding included */
} Cell;

typedef struct
{
  const TbTableSpec *spec;
  Cell              *cells;
  double            *col_x;   /* n_columns + 1 */
  double            *row_h;   /* n_rows */
  gboolean          *keep;    /* n_rows: do not break right after this row */
} Table;

static double
sum_rows (Table *t,
          guint  from,
          guint  to)
{
  double h = 0;

  for (guint r = from; r < to; r++)
    h += t->row_h[r];
  return h;
}

static void
table_clear (Table *t)
{
  for (guint i = 0; i < t->spec->n_items; i++)
    g_clear_object (&t->cells[i].layout);
  g_free (t->cells);
  g_free (t->col_x);
  g_free (t->row_h);
  g_free (t->keep);
}

static void
table_init (TbLayout          *self,
            Table             *t,
            TbReport          *report,
            const TbTableSpec *spec)
{
  gboolean wide = spec->n_columns > WIDE_COLUMNS;
  double size = wide ? TABLE_SIZE_WIDE : TABLE_SIZE;
  double min_row = size * 1.9;
  guint max_span = 1;

  t->spec = spec;
  t->cells = g_new0 (Cell, spec->n_items);
  t->col_x = g_new0 (double, spec->n_columns + 1);
  t->row_h = g_new0 (double, spec->n_rows);
  t->keep = g_new0 (gboolean, spec->n_rows);

  t->col_x[0] = TEXT_LEFT;
  for (guint c = 0; c < spec->n_columns; c++)
    t->col_x[c + 1] = t->col_x[c] + spec->widths[c] * TEXT_WIDTH;
  for (guint r = 0; r < spec->n_rows; r++)
    {
      t->row_h[r] = min_row;
      t->keep[r] = r >= spec->n_header_rows;
    }

  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *it = &spec->items[i];
      Cell *cell = &t->cells[i];
      double inner = t->col_x[it->col + it->colspan] - t->col_x[it->col] - 2 * CELL_PAD_X;

      cell->item = it;
      max_span = MAX (max_span, it->rowspan);

      if (it->kind == TB_GRID_VALUE)
        {
          g_autofree char *text = tb_report_dup_cell_text (report, it->cell);
          double w;

          t->keep[it->row] = FALSE;
          if (text == NULL)
            continue;
          /* Numbers never wrap: shrink the type of a number too wide for its column. */
          cell->layout = _tb_layout_make (self, TB_LAYOUT_FONT_TABLE, size, text, -1,
                                          PANGO_ALIGN_RIGHT);
          w = _tb_layout_width (cell->layout);
          if (w > inner)
            {
              g_object_unref (cell->layout);
              cell->layout = _tb_layout_make (self, TB_LAYOUT_FONT_TABLE, size * inner / w * 0.98,
                                              text, -1, PANGO_ALIGN_RIGHT);
            }
          pango_layout_set_width (cell->layout, pango_units_from_double (inner));
        }
      else
        {
          gboolean head = g_strcmp0 (it->role, "head") == 0 || g_strcmp0 (it->role, "block") == 0;
          gboolean centre = head || g_strcmp0 (it->role, "note") == 0 || it->rowspan > 1;

          if (g_strcmp0 (it->role, "row") == 0 && it->row >= spec->n_header_rows)
            t->keep[it->row] = FALSE;
          cell->layout = _tb_layout_make (self,
                                          head ? TB_LAYOUT_FONT_TABLE_BOLD : TB_LAYOUT_FONT_TABLE,
                                          size, it->text ? it->text : "", inner,
                                          centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
        }
      cell->text_height = _tb_layout_height (cell->layout);
      cell->need = cell->text_height + 2 * CELL_PAD_Y;
      if (it->rowspan == 1)
        t->row_h[it->row] = MAX (t->row_h[it->row], cell->need);
    }

  /* Cells spanning rows: give any missing height to the rows they span, shortest spans
   * first so that the larger spans see the final heights of the smaller ones. */
  for (guint span = 2; span <= max_span; span++)
    for (guint i = 0; i < spec->n_items; i++)
      {
        const TbGridItem *it = &spec->items[i];
        double have;

        if (it->rowspan != span)
          continue;
        have = sum_rows (t, it->row, it->row + it->rowspan);
        if (t->cells[i].need > have)
          for (guint r = it->row; r < it->row + it->rowspan; r++)
            t->row_h[r] += (t->cells[i].need - have) / it->rowspan;
      }
}

/* Whether a page break between rows @b-1 and @b keeps the text of every cell spanning it
 * readable on both sides; @start is the first row on the current page. */
static gboolean
table_break_ok (Table *t,
                guint  start,
                guint  b)
{
  const TbTableSpec *spec = t->spec;

  if (t->keep[b - 1])
    return FALSE;
  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *it = &spec->items[i];
      double need = t->cells[i].layout ? t->cells[i].need : 0;

      if (it->row < b && b < it->row + it->rowspan)
        if (sum_rows (t, MAX (it->row, start), b) + EPSILON < need ||
            sum_rows (t, b, it->row + it->rowspan) + EPSILON < need)
          return FALSE;
    }
  return TRUE;
}

/* Draws the header rows and rows @from .. @to-1 at the current position. */
static void
table_draw_segment (TbLayoutFlow *f,
                    Table        *t,
                    guint         from,
                    guint         to)
{
  const TbTableSpec *spec = t->spec;
  guint nh = spec->n_header_rows;
  double header_h = sum_rows (t, 0, nh);

  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *it = &spec->items[i];
      Cell *cell = &t->cells[i];
      guint r0, r1;
      double x, y, w, h;

      if (it->row < nh)
        {
          r0 = it->row;
          r1 = MIN (it->row + it->rowspan, nh);
          y = f->y + sum_rows (t, 0, r0);
        }
      else
        {
          r0 = MAX (it->row, from);
          r1 = MIN (it->row + it->rowspan, to);
          if (r0 >= r1)
            continue;
          y = f->y + header_h + sum_rows (t, from, r0);
        }
      x = t->col_x[it->col];
      w = t->col_x[it->col + it->colspan] - x;
      h = sum_rows (t, r0, r1);
      _tb_layout_push_box (f, x, y, w, h);

      /* A piece of a cell cut by a page break repeats its text if the text fits. */
      if (cell->layout != NULL && (cell->need <= h + EPSILON ||
                                   (r0 == it->row && r1 == it->row + it->rowspan)))
        _tb_layout_push_text (f, cell->layout, x + CELL_PAD_X, y + (h - cell->text_height) / 2,
                              COLOR_BLACK);
    }
  f->y += header_h + sum_rows (t, from, to);
}

/* Height of the header and the first rows up to the first acceptable break. */
static double
table_min_first (Table *t)
{
  const TbTableSpec *spec = t->spec;
  guint nh = spec->n_header_rows;

  for (guint b = nh + 1; b < spec->n_rows; b++)
    if (table_break_ok (t, nh, b))
      return sum_rows (t, 0, b);
  return sum_rows (t, 0, spec->n_rows);
}

static void
flow_table (TbLayoutFlow *f,
            Table        *t)
{
  const TbTableSpec *spec = t->spec;
  guint n = spec->n_rows;
  guint nh = spec->n_header_rows;
  double header_h = sum_rows (t, 0, nh);
  guint r = nh;

  while (r < n)
    {
      double avail = TEXT_BOTTOM - f->y - header_h;
      double used = 0;
      guint end = r;

      while (end < n && used + t->row_h[end] <= avail + EPSILON)
        used += t->row_h[end++];

      if (end < n)
        {
          guint b = end;

          while (b > r && !table_break_ok (t, r, b))
            b--;
          if (b > r)
            end = b;
          else if (!_tb_layout_flow_at_top (f))
            {
              _tb_layout_flow_new_page (f);
              continue;
            }
          else
            end = MAX (end, r + 1);   /* nothing better: break where it falls */
        }

      table_draw_segment (f, t, r, end);
      r = end;
      if (r < n)
        _tb_layout_flow_new_page (f);
    }
}

void
_tb_layout_flow_table_section (TbLayoutFlow        *f,
                               TbReport            *report,
                               const TbSectionSpec *section)
{
  Table t = { 0, };

  table_init (f->self, &t, report, section->table);
  _tb_layout_flow_heading (f, section->heading, table_min_first (&t));
  flow_table (f, &t);
  table_clear (&t);
  /* A little air between a table and what follows. */
  if (!_tb_layout_flow_at_top (f))
    f->y = MIN (f->y + LINE_PITCH / 2, TEXT_BOTTOM);
}
