/* tb-layout-page.c: pages as lists of drawing operations, and the flow that fills them
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include "tb-layout-private.h"

/* ---- Drawing operations --------------------------------------------------------------- */

static void
clear_op (gpointer data)
{
  TbLayoutOp *op = data;

  g_clear_object (&op->layout);
}

GArray *
_tb_layout_new_page_ops (void)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (TbLayoutOp));

  g_array_set_clear_func (ops, clear_op);
  return ops;
}

static void
push_op (TbLayoutFlow *f,
         TbLayoutOp   *op)
{
  g_array_append_vals (f->page, op, 1);
}

void
_tb_layout_push_box (TbLayoutFlow *f,
                     double        x,
                     double        y,
                     double        w,
                     double        h)
{
  TbLayoutOp op = { .kind = TB_LAYOUT_OP_BOX, .x = x, .y = y, .w = w, .h = h, .rgb = COLOR_BLACK };

  push_op (f, &op);
}

void
_tb_layout_push_cell (TbLayoutFlow *f,
                      PangoLayout  *layout,
                      double        x,
                      double        y,
                      gboolean      value,
                      double        bx,
                      double        by,
                      double        bw,
                      double        bh)
{
  TbLayoutOp op = { .kind = TB_LAYOUT_OP_TEXT, .layout = g_object_ref (layout), .x = x, .y = y,
                    .rgb = COLOR_BLACK,
                    .cell = value ? TB_LAYOUT_CELL_VALUE : TB_LAYOUT_CELL_LABEL,
                    .bx = bx, .by = by, .bw = bw, .bh = bh };

  push_op (f, &op);
}

void
_tb_layout_push_text (TbLayoutFlow *f,
                      PangoLayout  *layout,
                      double        x,
                      double        y,
                      guint32       rgb)
{
  TbLayoutOp op = { .kind = TB_LAYOUT_OP_TEXT, .layout = g_object_ref (layout), .x = x, .y = y,
                    .rgb = rgb };

  push_op (f, &op);
}

/* ---- Flow ----------------------------------------------------------------------------- */

void
_tb_layout_flow_new_page (TbLayoutFlow *f)
{
  f->page = _tb_layout_new_page_ops ();
  g_ptr_array_add (f->self->pages, f->page);
  f->y = TEXT_TOP;
}

gboolean
_tb_layout_flow_at_top (TbLayoutFlow *f)
{
  return f->y <= TEXT_TOP + EPSILON;
}

void
_tb_layout_flow_ensure (TbLayoutFlow *f,
                        double        height)
{
  if (f->y + height > TEXT_BOTTOM + EPSILON && !_tb_layout_flow_at_top (f))
    _tb_layout_flow_new_page (f);
}

void
_tb_layout_flow_lines (TbLayoutFlow *f,
                       PangoLayout  *layout,
                       double        x,
                       double        pitch,
                       guint         keep,
                       double        keep_after)
{
  _tb_layout_flow_first_lines (f, layout, G_MAXUINT, x, pitch, keep, keep_after);
}

void
_tb_layout_flow_first_lines (TbLayoutFlow *f,
                             PangoLayout  *layout,
                             guint         n_lines,
                             double        x,
                             double        pitch,
                             guint         keep,
                             double        keep_after)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint n = MIN ((guint) pango_layout_get_line_count (layout), n_lines);
  guint i = 0;

  if (n == 0)
    {
      pango_layout_iter_free (iter);
      return;
    }
  _tb_layout_flow_ensure (f, MIN (keep, n) * pitch + keep_after);
  do
    {
      PangoRectangle logical;
      double line_height, ascent;
      TbLayoutOp op = { .kind = TB_LAYOUT_OP_LINE, .rgb = COLOR_BLACK };

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_height = pango_units_to_double (logical.height);
      ascent = pango_units_to_double (pango_layout_iter_get_baseline (iter) - logical.y);

      _tb_layout_flow_ensure (f, pitch);
      op.layout = g_object_ref (layout);
      op.line = (int) i++;
      op.x = x;
      op.dx = pango_units_to_double (logical.x);
      op.y = f->y + (pitch - line_height) / 2 + ascent;
      push_op (f, &op);
      f->y += pitch;
    }
  while (i < n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* ---- Page numbers and draft mark ------------------------------------------------------- */

void
_tb_layout_finish_pages (TbLayout *self)
{
  g_autofree char *draft = NULL;

  if (self->options.draft_issues > 0)
    draft = tb_format_make_draft_mark (self->format, self->options.draft_issues);

  for (guint i = 0; i < self->pages->len; i++)
    {
      TbLayoutFlow f = { self, g_ptr_array_index (self->pages, i), 0 };
      g_autofree char *number = g_strdup_printf ("— %u —", i + 1);
      g_autoptr(PangoLayout) layout = _tb_layout_make (self, TB_LAYOUT_FONT_PAGE_NUMBER, 0,
                                                       number, -1, PANGO_ALIGN_LEFT);
      double w = _tb_layout_width (layout);
      double em = 14.0;
      /* Odd pages: right, one character in; even pages: left, one character in. */
      double x = (i % 2 == 0) ? TEXT_LEFT + TEXT_WIDTH - em - w : TEXT_LEFT + em;

      _tb_layout_push_text (&f, layout, x, TEXT_BOTTOM + PAGE_NUMBER_GAP, COLOR_BLACK);

      if (draft != NULL)
        {
          g_autoptr(PangoLayout) dl = _tb_layout_make (self, TB_LAYOUT_FONT_DRAFT, 0, draft,
                                                       TEXT_WIDTH, PANGO_ALIGN_CENTER);

          /* Insert first so that it also comes first in the text of the page. */
          TbLayoutOp op = { .kind = TB_LAYOUT_OP_TEXT, .layout = g_object_ref (dl),
                            .x = TEXT_LEFT, .y = DRAFT_TOP, .rgb = COLOR_DRAFT };

          g_array_prepend_vals (f.page, &op, 1);
        }
    }
}
