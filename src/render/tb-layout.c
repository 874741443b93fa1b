/* tb-layout.c: paginates a report in the official layout and draws its pages on cairo
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout follows FORMAT.md Part F (GB/T 9704-2012 practice): A4 portrait, top margin
 * 37 mm, left margin 28 mm, text block 156 × 225 mm with 22 body lines; a 22 pt bold
 * serif title; body in a serif (the 仿宋 role), 28 characters to the line (3号 on the
 * character grid of Word, BODY_SIZE), with a two-character first-line indent, justified
 * the Chinese way (tb-layout-justify.c); 一、 headings in a bold sans (黑体 role);
 * （一） headings in a Kai font where one is installed; page numbers "— N —" in 14 pt,
 * 7 mm below the text block, odd pages right and even pages left. The tables reproduce the
 * official grids (TbTableSpec) with their merges; a table breaks only between rows,
 * repeats its header rows, and a label cell spanning rows on both sides of a break is
 * drawn on both pages.
 *
 * Fonts: the roles of GB/T 9704 (tb-font-roles.h), each resolved to an installed family
 * by tb_fonts_resolve_role() and followed by the free fallbacks, so that a character the
 * family lacks is set in the next font that has it.
 *
 * Everything is laid out in tb_layout_new() into per-page lists of drawing operations;
 * drawing a page replays them.
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include <math.h>

#include "tb-layout-private.h"

G_DEFINE_FINAL_TYPE (TbLayout, tb_layout, G_TYPE_OBJECT)

static void
clear_heading (gpointer data)
{
  TbLayoutHeading *h = data;

  g_free (h->text);
}

/* ---- Building ------------------------------------------------------------------------- */

static void
build (TbLayout *self,
       TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  TbLayoutFlow f = { self, NULL, 0 };

  _tb_layout_flow_new_page (&f);
  _tb_layout_flow_title (&f, report, self->title);
  _tb_layout_flow_preface (&f, report);

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      if (section->type == TB_SECTION_TABLE && section->table != NULL)
        _tb_layout_flow_table_section (&f, report, section);
      else
        _tb_layout_flow_text_section (&f, report, section);
    }

  if (self->options.sign_off)
    _tb_layout_flow_sign_off (&f, report);

  _tb_layout_finish_pages (self);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
tb_layout_finalize (GObject *object)
{
  TbLayout *self = TB_LAYOUT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->headings, g_array_unref);
  for (guint i = 0; i < TB_LAYOUT_N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (tb_layout_parent_class)->finalize (object);
}

static void
tb_layout_class_init (TbLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tb_layout_finalize;
}

static void
tb_layout_init (TbLayout *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->headings = g_array_new (FALSE, TRUE, sizeof (TbLayoutHeading));
  g_array_set_clear_func (self->headings, clear_heading);

  /* Points, unhinted: the same line breaks on every target (TOOLCHAIN.md §5). */
  self->context = pango_context_new ();
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));

  for (guint i = 0; i < TB_LAYOUT_N_FONTS; i++)
    self->fonts[i] = pango_font_description_from_string (tb_layout_get_font (i));
}

/* ---- Public --------------------------------------------------------------------------- */

TbLayout *
tb_layout_new (TbReport              *report,
               const TbLayoutOptions *options)
{
  TbLayout *self;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  self = g_object_new (TB_TYPE_LAYOUT, NULL);
  if (options != NULL)
    self->options = *options;
  pango_context_set_font_map (self->context, self->options.font_map
                              ? self->options.font_map : pango_cairo_font_map_get_default ());
  self->options.font_map = NULL;
  self->format = tb_report_get_format (report);
  self->title = tb_report_dup_title (report);
  build (self, report);
  return self;
}

guint
tb_layout_get_n_pages (TbLayout *self)
{
  g_return_val_if_fail (TB_IS_LAYOUT (self), 0);
  return self->pages->len;
}

void
tb_layout_get_page_size (TbLayout *self,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (TB_IS_LAYOUT (self));
  if (width != NULL)
    *width = PAGE_WIDTH;
  if (height != NULL)
    *height = PAGE_HEIGHT;
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* One rule of a table grid: from @a to @b along a line at @at. */
typedef struct
{
  double at, a, b;
} Rule;

static int
compare_rules (gconstpointer p,
               gconstpointer q)
{
  const Rule *x = p;
  const Rule *y = q;

  if (x->at < y->at - EPSILON || x->at > y->at + EPSILON)
    return x->at < y->at ? -1 : 1;
  return x->a < y->a ? -1 : x->a > y->a ? 1 : 0;
}

/* Sorts @rules and joins those on one line that touch or overlap. */
static void
join_rules (GArray *rules)
{
  guint n = 0;

  g_array_sort (rules, compare_rules);
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *r = &g_array_index (rules, Rule, i);
      Rule *last = n > 0 ? &g_array_index (rules, Rule, n - 1) : NULL;

      if (last != NULL && fabs (r->at - last->at) <= EPSILON && r->a <= last->b + EPSILON)
        last->b = MAX (last->b, r->b);
      else
        g_array_index (rules, Rule, n++) = *r;
    }
  g_array_set_size (rules, n);
}

/* A coordinate of a rule on a grid of 1/8 pt (1/23 mm, about one dot of a 600 dpi printer):
 * the PDF then writes short numbers that repeat (“79.375” rather than “79.371”), 150 bytes
 * less on the sample report's tables. Both edges shared by two cells land on the same line. */
static double
snap (double v)
{
  return round (v * 8) / 8;
}

/* The boxes of @ops (the cells of the tables) as one grid: every rule once, from end to
 * end, in one stroke. A typesetter rules a table this way; drawing each cell's rectangle
 * drew every inner rule twice and made the page's content stream a third larger. The
 * square caps close the corners as the rectangles' miter joins did. */
static void
draw_grid (cairo_t *cr,
           GArray  *ops)
{
  g_autoptr(GArray) across = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_autoptr(GArray) down = g_array_new (FALSE, FALSE, sizeof (Rule));

  for (guint i = 0; i < ops->len; i++)
    {
      TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);
      double x0 = snap (op->x), x1 = snap (op->x + op->w);
      double y0 = snap (op->y), y1 = snap (op->y + op->h);
      Rule top = { y0, x0, x1 };
      Rule bottom = { y1, x0, x1 };
      Rule left = { x0, y0, y1 };
      Rule right = { x1, y0, y1 };

      if (op->kind != TB_LAYOUT_OP_BOX)
        continue;
      g_array_append_val (across, top);
      g_array_append_val (across, bottom);
      g_array_append_val (down, left);
      g_array_append_val (down, right);
    }
  if (across->len == 0)
    return;
  join_rules (across);
  join_rules (down);

  set_rgb (cr, COLOR_BLACK);
  for (guint i = 0; i < across->len; i++)
    {
      Rule *r = &g_array_index (across, Rule, i);

      cairo_move_to (cr, r->a, r->at);
      cairo_line_to (cr, r->b, r->at);
    }
  for (guint i = 0; i < down->len; i++)
    {
      Rule *r = &g_array_index (down, Rule, i);

      cairo_move_to (cr, r->at, r->a);
      cairo_line_to (cr, r->at, r->b);
    }
  cairo_stroke (cr);
}

void
tb_layout_draw_page (TbLayout *self,
                     cairo_t  *cr,
                     guint     page)
{
  GArray *ops;
  guint32 rgb = G_MAXUINT32;

  g_return_if_fail (TB_IS_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  ops = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  /* The rules first, then the text (they never overlap). */
  draw_grid (cr, ops);
  for (guint i = 0; i < ops->len; i++)
    {
      TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);

      if (op->kind == TB_LAYOUT_OP_BOX)
        continue;
      if (op->rgb != rgb)
        set_rgb (cr, rgb = op->rgb);
      switch (op->kind)
        {
        case TB_LAYOUT_OP_TEXT:
          cairo_move_to (cr, op->x, op->y);
          pango_cairo_show_layout (cr, op->layout);
          break;
        case TB_LAYOUT_OP_LINE:
          cairo_move_to (cr, op->x + op->dx, op->y);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (op->layout,
                                                                            op->line));
          break;
        case TB_LAYOUT_OP_BOX:
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}

void
tb_layout_foreach_glyph (TbLayout          *self,
                         guint              page,
                         TbLayoutGlyphFunc  func,
                         gpointer           user_data)
{
  GArray *ops;

  g_return_if_fail (TB_IS_LAYOUT (self));
  g_return_if_fail (page < self->pages->len);
  g_return_if_fail (func != NULL);

  ops = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < ops->len; i++)
    {
      TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);
      PangoLayoutIter *iter;
      PangoLayoutLine *line = NULL;
      const char *text;

      if (op->kind == TB_LAYOUT_OP_BOX)
        continue;
      text = pango_layout_get_text (op->layout);
      if (op->kind == TB_LAYOUT_OP_LINE)
        line = pango_layout_get_line_readonly (op->layout, op->line);

      iter = pango_layout_get_iter (op->layout);
      do
        {
          PangoRectangle ink;
          double top;

          if (line != NULL && pango_layout_iter_get_line_readonly (iter) != line)
            continue;
          pango_layout_iter_get_cluster_extents (iter, &ink, NULL);
          if (ink.width <= 0 || ink.height <= 0)
            continue;
          /* OP_LINE ops place the line's baseline at op->y; OP_TEXT the layout's top. */
          top = line != NULL
                ? op->y + pango_units_to_double (ink.y - pango_layout_iter_get_baseline (iter))
                : op->y + pango_units_to_double (ink.y);
          func (op->x + pango_units_to_double (ink.x), top,
                pango_units_to_double (ink.width), pango_units_to_double (ink.height),
                g_utf8_get_char (text + pango_layout_iter_get_index (iter)), user_data);
        }
      while (pango_layout_iter_next_cluster (iter));
      pango_layout_iter_free (iter);
    }
}

void
tb_layout_foreach_cell (TbLayout         *self,
                        guint             page,
                        TbLayoutCellFunc  func,
                        gpointer          user_data)
{
  GArray *ops;

  g_return_if_fail (TB_IS_LAYOUT (self));
  g_return_if_fail (page < self->pages->len);
  g_return_if_fail (func != NULL);

  ops = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < ops->len; i++)
    {
      TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);

      if (op->cell != TB_LAYOUT_CELL_NONE)
        func (op->cell, op->layout, op->x, op->y, op->bx, op->by, op->bw, op->bh, user_data);
    }
}

void
tb_layout_foreach_heading (TbLayout            *self,
                           TbLayoutHeadingFunc  func,
                           gpointer             user_data)
{
  g_return_if_fail (TB_IS_LAYOUT (self));
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < self->headings->len; i++)
    {
      TbLayoutHeading *h = &g_array_index (self->headings, TbLayoutHeading, i);

      func (h->page, h->text, h->y, user_data);
    }
}

