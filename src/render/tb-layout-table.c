/* tb-layout-table.c: the official table grids, with their merges, across pages
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tb-layout-private.h"

/* One grid item of a table, ready to draw. */
typedef struct
{
  const TbGridItem *item;
  PangoLayout      *layout;   /* NULL when there is nothing to print */
  double            text_height;
  double            need;     /* height the text needs, padding included */
  double            pad;      /* from the left and right rules */
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

/* TRUE when the last line of @layout holds a single character and others come before it:
 * a typesetter's orphan (不予公/开). */
gboolean
_tb_layout_has_orphan (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  int n = pango_layout_get_line_count (layout);
  PangoLayoutLine *last;
  glong chars = 0;

  if (n < 2)
    return FALSE;
  last = pango_layout_get_line_readonly (layout, n - 1);
  for (const char *p = text + last->start_index; p < text + last->start_index + last->length;
       p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      chars++;
  return chars == 1;
}

/* Keeps the last two characters of a label on one line, so that a label that wraps never
 * leaves one character alone on its last line: pango then carries the pair over. */
static void
glue_last_pair (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  glong n = g_utf8_strlen (text, -1);
  PangoAttrList *attrs;
  PangoAttribute *attr;

  if (n < 3)
    return;
  attrs = pango_attr_list_new ();
  attr = pango_attr_allow_breaks_new (FALSE);
  attr->start_index = g_utf8_offset_to_pointer (text, n - 2) - text;
  attr->end_index = strlen (text);
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Width of @text in the table font at @size. */
static double
text_width (TbLayout     *self,
            TbLayoutFont  font,
            double        size,
            const char   *text)
{
  g_autoptr(PangoLayout) layout = _tb_layout_make (self, font, size, text, -1, PANGO_ALIGN_LEFT);

  return _tb_layout_width (layout);
}

/* The label of @it laid out @inner wide, glued (see glue_last_pair()). */
static PangoLayout *
make_label (TbLayout         *self,
            const TbGridItem *it,
            double            size,
            double            inner)
{
  gboolean head = g_strcmp0 (it->role, "head") == 0 || g_strcmp0 (it->role, "block") == 0;
  gboolean centre = head || g_strcmp0 (it->role, "note") == 0 || it->rowspan > 1;
  /* Headers are centred, in the regular weight: 仿宋_GB2312 has no bold face (a bold
   * would be smeared by the renderer), and the bold serif stand-in cost the PDF 15 KB. */
  PangoLayout *layout = _tb_layout_make (self, TB_LAYOUT_FONT_TABLE, size,
                                         it->text ? it->text : "", inner,
                                         centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);

  glue_last_pair (layout);
  return layout;
}

/* The width a one-column label over numbers wants: the official width, or, when a line
 * of it holds one character alone, up to two characters more if that sets it in fewer
 * lines without a line of one character (自/然人 → 自然人). */
static double
label_want (TbLayout         *self,
            const TbGridItem *it,
            double            size,
            double            width)
{
  g_autoptr(PangoLayout) now = make_label (self, it, size, width - 2 * CELL_PAD_X);
  int lines = pango_layout_get_line_count (now);
  PangoLayoutLine *line0 = pango_layout_get_line_readonly (now, 0);

  /* Only a label set badly: one character alone on a line (the glue moved the orphan of
   * 自然/人 to the front: 自/然人). */
  if (lines < 2 || (!_tb_layout_has_orphan (now) &&
                    g_utf8_strlen (pango_layout_get_text (now) + line0->start_index,
                                   line0->length) > 1))
    return width;
  for (double extra = size / 2; extra <= 2 * size + EPSILON; extra += size / 2)
    {
      g_autoptr(PangoLayout) wider = make_label (self, it, size, width + extra - 2 * CELL_PAD_X);
      PangoLayoutLine *first = pango_layout_get_line_readonly (wider, 0);

      if (pango_layout_get_line_count (wider) < lines &&
          (pango_layout_get_line_count (wider) == 1 ||
           g_utf8_strlen (pango_layout_get_text (wider) + first->start_index,
                          first->length) > 1))
        return width + extra;
    }
  return width;
}

/* Column widths from the content: every number keeps NUMBER_PAD from the rules at the
 * table's type size (a number is never shrunk), a short label over numbers may take a
 * little more, and what they need is taken from the label columns (those without
 * numbers), then from columns with room to spare; otherwise the official proportions. */
static void
table_widths (TbLayout          *self,
              Table             *t,
              TbReport          *report,
              double             size)
{
  const TbTableSpec *spec = t->spec;
  guint n = spec->n_columns;
  g_autofree double *w = g_new0 (double, n);
  g_autofree double *want = g_new0 (double, n);
  g_autofree double *floor_w = g_new0 (double, n);
  g_autofree gboolean *numbers = g_new0 (gboolean, n);
  g_autofree gboolean *grown = g_new0 (gboolean, n);
  double deficit = 0, spare = 0;

  for (guint c = 0; c < n; c++)
    {
      w[c] = spec->widths[c] * TEXT_WIDTH;
      floor_w[c] = MIN (w[c], 2 * size + 2 * CELL_PAD_X);
    }
  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *it = &spec->items[i];
      g_autofree char *text = NULL;
      double need, have = 0;

      if (it->kind != TB_GRID_VALUE)
        continue;
      for (guint c = it->col; c < it->col + it->colspan; c++)
        numbers[c] = TRUE;
      text = tb_report_dup_cell_text (report, it->cell);
      if (text == NULL)
        continue;
      need = text_width (self, TB_LAYOUT_FONT_TABLE, size, text) + 2 * NUMBER_PAD + EPSILON;
      for (guint c = it->col; c < it->col + it->colspan; c++)
        have += MAX (want[c], w[c]);
      if (need > have)
        want[it->col + it->colspan - 1] = MAX (want[it->col + it->colspan - 1],
                                                need - (have - MAX (want[it->col + it->colspan - 1],
                                                                    w[it->col + it->colspan - 1])));
      for (guint c = it->col; c < it->col + it->colspan; c++)
        floor_w[c] = MAX (floor_w[c], it->colspan == 1 ? need : 0);
    }
  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *it = &spec->items[i];

      if (it->kind != TB_GRID_VALUE && it->colspan == 1 && numbers[it->col] && it->text)
        want[it->col] = MAX (want[it->col], label_want (self, it, size, w[it->col]));
    }

  for (guint c = 0; c < n; c++)
    if (want[c] > w[c])
      {
        deficit += want[c] - w[c];
        grown[c] = TRUE;
        floor_w[c] = want[c];
        w[c] = want[c];
      }
  /* Take it from the label columns, in proportion to their width, then from any column
   * above its floor. */
  for (guint pass = 0; pass < 2 && deficit > EPSILON; pass++)
    {
      spare = 0;
      for (guint c = 0; c < n; c++)
        if ((pass == 1 || !numbers[c]) && !grown[c])
          spare += MAX (0, w[c] - MAX (floor_w[c], pass == 0 ? 4 * size : 0));
      if (spare <= EPSILON)
        continue;
      {
        double take = MIN (deficit, spare);

        for (guint c = 0; c < n; c++)
          if ((pass == 1 || !numbers[c]) && !grown[c])
            w[c] -= take * MAX (0, w[c] - MAX (floor_w[c], pass == 0 ? 4 * size : 0)) / spare;
        deficit -= take;
      }
    }
  if (deficit > EPSILON)
    g_debug ("table %s is %.1f pt wider than the text block", spec->id, deficit);

  /* Widths on cairo's grid (CAIRO_GRID), so that equal steps are equal in the PDF too (the
   * table is then a few hundredths of a point narrower than the text block). */
  t->col_x[0] = TEXT_LEFT;
  for (guint c = 0; c < n; c++)
    t->col_x[c + 1] = t->col_x[c] + floor (w[c] * CAIRO_GRID) / CAIRO_GRID;
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

  table_widths (self, t, report, size);
  for (guint r = 0; r < spec->n_rows; r++)
    {
      t->row_h[r] = min_row;
      t->keep[r] = r >= spec->n_header_rows;
    }

  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *it = &spec->items[i];
      Cell *cell = &t->cells[i];
      double width = t->col_x[it->col + it->colspan] - t->col_x[it->col];

      cell->item = it;
      max_span = MAX (max_span, it->rowspan);

      if (it->kind == TB_GRID_VALUE)
        {
          g_autofree char *text = tb_report_dup_cell_text (report, it->cell);

          t->keep[it->row] = FALSE;
          if (text == NULL)
            continue;
          /* Numbers never wrap and are never shrunk: the column was made wide enough. */
          cell->pad = NUMBER_PAD;
          cell->layout = _tb_layout_make (self, TB_LAYOUT_FONT_TABLE, size, text,
                                          width - 2 * NUMBER_PAD, PANGO_ALIGN_RIGHT);
          pango_layout_set_wrap (cell->layout, PANGO_WRAP_CHAR);
        }
      else
        {
          if (g_strcmp0 (it->role, "row") == 0 && it->row >= spec->n_header_rows)
            t->keep[it->row] = FALSE;
          cell->pad = CELL_PAD_X;
          cell->layout = make_label (self, it, size, width - 2 * CELL_PAD_X);
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
  /* Heights on the same grid as the widths. */
  for (guint r = 0; r < spec->n_rows; r++)
    t->row_h[r] = ceil (t->row_h[r] * CAIRO_GRID) / CAIRO_GRID;
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
        _tb_layout_push_cell (f, cell->layout, x + cell->pad,
                              y + round ((h - cell->text_height) / 2 * CAIRO_GRID) / CAIRO_GRID,
                              it->kind == TB_GRID_VALUE, x, y, w, h);
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
