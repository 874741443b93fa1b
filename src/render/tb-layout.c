/* tb-layout.c: paginates a report in the official layout and draws its pages on cairo
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout follows FORMAT.md Part F (GB/T 9704-2012 practice): A4 portrait, top margin
 * 37 mm, left margin 28 mm, text block 156 × 225 mm with 22 body lines; a 22 pt bold
 * serif title; body in a 16 pt serif (the 仿宋 role) with a two-character first-line
 * indent; 一、 headings in a bold sans (黑体 role); （一） headings in a Kai font where
 * one is installed; page numbers "— N —" in 14 pt, 7 mm below the text block, odd pages
 * right and even pages left. The tables reproduce the official grids (TbTableSpec) with
 * their merges; a table breaks only between rows, repeats its header rows, and a label
 * cell spanning rows on both sides of a break is drawn on both pages.
 *
 * Fonts: Noto Serif CJK SC for the body, tables and title, Noto Sans CJK SC Bold for
 * headings. Noto Sans CJK SC *Regular* is avoided: cairo 1.16 writes its glyph 如 without
 * ink (TOOLCHAIN.md §5).
 *
 * Everything is laid out in tb_layout_new() into per-page lists of drawing operations;
 * drawing a page replays them.
 */

#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "tb-layout.h"
#include "tb-sentence.h"
#include "tb-text.h"
#include "tb-value.h"

/* ---- Geometry (points) ---------------------------------------------------------------- */

#define MM              (72.0 / 25.4)
#define PAGE_WIDTH      (210.0 * MM)
#define PAGE_HEIGHT     (297.0 * MM)
#define TEXT_LEFT       (28.0 * MM)
#define TEXT_TOP        (37.0 * MM)
#define TEXT_WIDTH      (156.0 * MM)
#define TEXT_HEIGHT     (225.0 * MM)
#define TEXT_BOTTOM     (TEXT_TOP + TEXT_HEIGHT)
#define BODY_SIZE       16.0
#define LINE_PITCH      (TEXT_HEIGHT / 22.0)     /* 22 lines per page (GB/T 9704 5.2.3) */
#define TITLE_PITCH     (LINE_PITCH * 1.25)
#define PAGE_NUMBER_GAP (7.0 * MM)               /* 一字线 7 mm below the text block */
#define DRAFT_TOP       (16.0 * MM)
#define CELL_PAD_X      3.0
#define CELL_PAD_Y      3.0
#define RULE_WIDTH      0.6
#define TABLE_SIZE      10.5                     /* 五号 */
#define TABLE_SIZE_WIDE 9.0                      /* tables with many columns (table 四) */
#define WIDE_COLUMNS    12
#define EPSILON         0.01

#define COLOR_BLACK     0x000000
#define COLOR_DRAFT     0xc00000

/* ---- Types ---------------------------------------------------------------------------- */

typedef enum
{
  OP_TEXT,   /* a whole layout, top-left at (x, y) */
  OP_LINE,   /* one line of a layout: layout origin x, baseline y; the line starts at x+dx */
  OP_BOX,    /* a stroked rectangle */
} OpKind;

typedef struct
{
  OpKind       kind;
  PangoLayout *layout;
  int          line;
  double       x, y;
  double       dx;
  double       w, h;
  guint32      rgb;
} Op;

typedef struct
{
  char   *text;
  guint   page;
  double  y;
} Heading;

struct _TbLayout
{
  GObject          parent_instance;

  PangoContext    *context;
  PangoFontDescription *fonts[TB_LAYOUT_N_FONTS];
  GPtrArray       *pages;      /* of GArray of Op */
  GArray          *headings;   /* of Heading */
  const TbFormat  *format;
  char            *title;
  TbLayoutOptions  options;
};

G_DEFINE_FINAL_TYPE (TbLayout, tb_layout, G_TYPE_OBJECT)

/* The current position while laying out. */
typedef struct
{
  TbLayout *self;
  GArray   *page;
  double    y;
} Flow;

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

/* ---- Fonts ---------------------------------------------------------------------------- */

static const char *const kai_families[] = {
  "AR PL UKai CN", "AR PL KaitiM GB", "KaiTi", "KaiTi_GB2312", "楷体", "楷体_GB2312",
  "STKaiti", "Kaiti SC", "LXGW WenKai", "FZKai-Z03",
};

static char *
find_kai_family (void)
{
  PangoFontFamily **families = NULL;
  int n = 0;
  char *found = NULL;

  pango_font_map_list_families (pango_cairo_font_map_get_default (), &families, &n);
  for (guint k = 0; k < G_N_ELEMENTS (kai_families) && found == NULL; k++)
    for (int i = 0; i < n; i++)
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), kai_families[k]) == 0)
        {
          found = g_strdup (kai_families[k]);
          break;
        }
  g_free (families);
  return found;
}

const char *
tb_layout_get_font (TbLayoutFont role)
{
  static char *heading2 = NULL;

  g_return_val_if_fail (role < TB_LAYOUT_N_FONTS, NULL);

  switch (role)
    {
    case TB_LAYOUT_FONT_TITLE:
      return "Noto Serif CJK SC Bold 22";
    case TB_LAYOUT_FONT_BODY:
      return "Noto Serif CJK SC 16";
    case TB_LAYOUT_FONT_HEADING:
      return "Noto Sans CJK SC Bold 16";
    case TB_LAYOUT_FONT_HEADING2:
      if (g_once_init_enter (&heading2))
        {
          g_autofree char *kai = find_kai_family ();
          char *desc = kai ? g_strdup_printf ("%s,Noto Serif CJK SC 16", kai)
                           : g_strdup ("Noto Serif CJK SC Bold 16");
          g_once_init_leave (&heading2, desc);
        }
      return heading2;
    case TB_LAYOUT_FONT_TABLE:
      return "Noto Serif CJK SC 10.5";
    case TB_LAYOUT_FONT_TABLE_BOLD:
      return "Noto Serif CJK SC Bold 10.5";
    case TB_LAYOUT_FONT_PAGE_NUMBER:
      return "Noto Serif CJK SC 14";
    case TB_LAYOUT_FONT_DRAFT:
      return "Noto Sans CJK SC Bold 12";
    case TB_LAYOUT_N_FONTS:
    default:
      g_assert_not_reached ();
    }
}

/* ---- Helpers -------------------------------------------------------------------------- */

static void
clear_op (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static void
clear_heading (gpointer data)
{
  Heading *h = data;

  g_free (h->text);
}

static GArray *
new_page_ops (void)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (ops, clear_op);
  return ops;
}

/* A layout in @role's font (at @size if > 0), wrapped to @width if > 0. */
static PangoLayout *
make_layout (TbLayout       *self,
             TbLayoutFont    role,
             double          size,
             const char     *text,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->context);

  if (size > 0)
    {
      PangoFontDescription *desc = pango_font_description_copy (self->fonts[role]);

      pango_font_description_set_size (desc, (int) lround (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
    }
  else
    pango_layout_set_font_description (layout, self->fonts[role]);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

static void
push_op (Flow *f,
         Op   *op)
{
  g_array_append_vals (f->page, op, 1);
}

static void
push_box (Flow   *f,
          double  x,
          double  y,
          double  w,
          double  h)
{
  Op op = { .kind = OP_BOX, .x = x, .y = y, .w = w, .h = h, .rgb = COLOR_BLACK };

  push_op (f, &op);
}

static void
push_text (Flow        *f,
           PangoLayout *layout,
           double       x,
           double       y,
           guint32      rgb)
{
  Op op = { .kind = OP_TEXT, .layout = g_object_ref (layout), .x = x, .y = y, .rgb = rgb };

  push_op (f, &op);
}

/* ---- Flow ----------------------------------------------------------------------------- */

static void
flow_new_page (Flow *f)
{
  f->page = new_page_ops ();
  g_ptr_array_add (f->self->pages, f->page);
  f->y = TEXT_TOP;
}

static gboolean
flow_at_top (Flow *f)
{
  return f->y <= TEXT_TOP + EPSILON;
}

/* Starts a new page unless @height fits below the current position. */
static void
flow_ensure (Flow   *f,
             double  height)
{
  if (f->y + height > TEXT_BOTTOM + EPSILON && !flow_at_top (f))
    flow_new_page (f);
}

/* Places the lines of @layout (origin x @x) one per @pitch, breaking pages between lines.
 * The first @keep lines (and the height @keep_after below them) stay together. */
static void
flow_lines (Flow        *f,
            PangoLayout *layout,
            double       x,
            double       pitch,
            guint        keep,
            double       keep_after)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint n = (guint) pango_layout_get_line_count (layout);
  int i = 0;

  flow_ensure (f, MIN (keep, n) * pitch + keep_after);
  do
    {
      PangoRectangle logical;
      double line_height, ascent;
      Op op = { .kind = OP_LINE, .rgb = COLOR_BLACK };

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_height = pango_units_to_double (logical.height);
      ascent = pango_units_to_double (pango_layout_iter_get_baseline (iter) - logical.y);

      flow_ensure (f, pitch);
      op.layout = g_object_ref (layout);
      op.line = i++;
      op.x = x;
      op.dx = pango_units_to_double (logical.x);
      op.y = f->y + (pitch - line_height) / 2 + ascent;
      push_op (f, &op);
      f->y += pitch;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* ---- Text ----------------------------------------------------------------------------- */

static PangoLayout *
make_paragraph (TbLayout   *self,
                const char *text)
{
  PangoLayout *layout = make_layout (self, TB_LAYOUT_FONT_BODY, 0, text, TEXT_WIDTH,
                                     PANGO_ALIGN_LEFT);

  pango_layout_set_indent (layout, pango_units_from_double (2 * BODY_SIZE));
  pango_layout_set_justify (layout, TRUE);
  return layout;
}

static void
flow_heading (Flow       *f,
              const char *text,
              double      keep_after)
{
  TbLayout *self = f->self;
  g_autoptr(PangoLayout) layout = make_layout (self, TB_LAYOUT_FONT_HEADING, 0, text,
                                               TEXT_WIDTH, PANGO_ALIGN_LEFT);
  Heading h = { 0, };

  pango_layout_set_indent (layout, pango_units_from_double (2 * BODY_SIZE));
  flow_ensure (f, pango_layout_get_line_count (layout) * LINE_PITCH + keep_after);
  h.text = g_strdup (text);
  h.page = self->pages->len - 1;
  h.y = f->y;
  g_array_append_val (self->headings, h);
  flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, G_MAXUINT, keep_after);
}

static int
n_numerals (const TbFormat *format)
{
  int n = 0;

  while (tb_format_get_numeral (format, n + 1) != NULL)
    n++;
  return n;
}

/* If @para starts with a level-2 marker （一）…（十） (also written with ASCII
 * parentheses), returns its numeral index and sets @rest to the text after the marker
 * and the spaces that follow it. */
static int
match_level2 (const TbFormat  *format,
              const char      *para,
              const char     **rest)
{
  const char *p = para;
  const char *close;

  if (g_str_has_prefix (p, "（"))
    p += strlen ("（");
  else if (*p == '(')
    p++;
  else
    return -1;

  for (int i = n_numerals (format) - 1; i >= 0; i--)
    {
      const char *numeral = tb_format_get_numeral (format, i + 1);

      if (!g_str_has_prefix (p, numeral))
        continue;
      close = p + strlen (numeral);
      if (g_str_has_prefix (close, "）"))
        close += strlen ("）");
      else if (*close == ')')
        close++;
      else
        return -1;
      while (*close == ' ' || g_str_has_prefix (close, "\u3000"))
        close += *close == ' ' ? 1 : strlen ("\u3000");
      *rest = close;
      return i;
    }
  return -1;
}

/* Heading part of a level-2 paragraph: up to the first full stop if it comes early,
 * the whole paragraph if it is short, else only the marker. Returns a byte length. */
static gsize
level2_heading_length (const char *text,
                       gsize       marker_len)
{
  const char *body = text + marker_len;
  const char *stop = strstr (body, "。");

  if (stop != NULL && g_utf8_strlen (body, stop - body) <= 30)
    return stop + strlen ("。") - text;
  if (g_utf8_strlen (body, -1) <= 30)
    return strlen (text);
  return marker_len;
}

static void
flow_paragraph (Flow       *f,
                const char *para)
{
  TbLayout *self = f->self;
  g_autoptr(PangoLayout) layout = NULL;
  const char *rest = NULL;
  int level2 = match_level2 (self->format, para, &rest);

  if (level2 >= 0)
    {
      /* Print the marker in full-width parentheses, as official documents do. */
      const char *numeral = tb_format_get_numeral (self->format, level2 + 1);
      g_autofree char *text = g_strdup_printf ("（%s）%s", numeral, rest);
      gsize marker_len = strlen ("（）") + strlen (numeral);
      gsize head_len = level2_heading_length (text, marker_len);
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *attr = pango_attr_font_desc_new (self->fonts[TB_LAYOUT_FONT_HEADING2]);

      attr->start_index = 0;
      attr->end_index = head_len;
      pango_attr_list_insert (attrs, attr);
      layout = make_paragraph (self, text);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, 2, 0);
      return;
    }

  layout = make_paragraph (self, para);
  flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, 2, 0);
}

/* Paragraphs of a text section: one per line, trimmed, empty lines dropped. */
static void
flow_text (Flow       *f,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *para = tb_text_strip (lines[i], -1, tb_text_is_blank);

      if (*para != '\0')
        flow_paragraph (f, para);
    }
}

/* ---- Tables --------------------------------------------------------------------------- */

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
          cell->layout = make_layout (self, TB_LAYOUT_FONT_TABLE, size, text, -1,
                                      PANGO_ALIGN_RIGHT);
          w = layout_width (cell->layout);
          if (w > inner)
            {
              g_object_unref (cell->layout);
              cell->layout = make_layout (self, TB_LAYOUT_FONT_TABLE, size * inner / w * 0.98,
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
          cell->layout = make_layout (self,
                                      head ? TB_LAYOUT_FONT_TABLE_BOLD : TB_LAYOUT_FONT_TABLE,
                                      size, it->text ? it->text : "", inner,
                                      centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
        }
      cell->text_height = layout_height (cell->layout);
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
table_draw_segment (Flow  *f,
                    Table *t,
                    guint  from,
                    guint  to)
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
      push_box (f, x, y, w, h);

      /* A piece of a cell cut by a page break repeats its text if the text fits. */
      if (cell->layout != NULL && (cell->need <= h + EPSILON ||
                                   (r0 == it->row && r1 == it->row + it->rowspan)))
        push_text (f, cell->layout, x + CELL_PAD_X, y + (h - cell->text_height) / 2,
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
flow_table (Flow  *f,
            Table *t)
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
          else if (!flow_at_top (f))
            {
              flow_new_page (f);
              continue;
            }
          else
            end = MAX (end, r + 1);   /* nothing better: break where it falls */
        }

      table_draw_segment (f, t, r, end);
      r = end;
      if (r < n)
        flow_new_page (f);
    }
}

/* ---- Title, preface, sign-off ---------------------------------------------------------- */

static void
flow_title (Flow       *f,
            TbReport   *report,
            const char *title)
{
  TbLayout *self = f->self;
  const char *agency = tb_report_get_agency (report);
  g_autoptr(PangoLayout) layout = make_layout (self, TB_LAYOUT_FONT_TITLE, 0, title,
                                               TEXT_WIDTH, PANGO_ALIGN_CENTER);

  /* A title too long for one line breaks after the agency, as published reports do. */
  if (pango_layout_get_line_count (layout) > 1 && agency != NULL && *agency != '\0' &&
      g_str_has_prefix (title, agency) && title[strlen (agency)] != '\0')
    {
      g_autofree char *split = g_strdup_printf ("%s\n%s", agency, title + strlen (agency));

      pango_layout_set_text (layout, split, -1);
    }
  flow_lines (f, layout, TEXT_LEFT, TITLE_PITCH, G_MAXUINT, 0);
  f->y += LINE_PITCH;
}

static void
flow_sign_off (Flow     *f,
               TbReport *report)
{
  TbLayout *self = f->self;
  const char *agency = tb_report_get_agency (report);
  const char *blank = tb_format_get_wording (self->format, TB_WORDING_DATE_BLANK);
  g_autofree char *date = tb_format_make_date (self->format,
                                               tb_report_get_report_date (report));
  g_autoptr(PangoLayout) agency_layout = NULL;
  g_autoptr(PangoLayout) date_layout = NULL;
  double right, date_w, agency_w, centre, agency_x;

  /* The date's right edge stays four characters in; the agency is centred on the date
   * (GB/T 9704 7.3.5.1). Without a report date, leave room to write one in. */
  date_layout = make_layout (self, TB_LAYOUT_FONT_BODY, 0,
                             date ? date : blank ? blank : "",
                             -1, PANGO_ALIGN_LEFT);
  agency_layout = make_layout (self, TB_LAYOUT_FONT_BODY, 0, agency ? agency : "", -1,
                               PANGO_ALIGN_LEFT);
  right = TEXT_LEFT + TEXT_WIDTH - 4 * BODY_SIZE;
  date_w = layout_width (date_layout);
  agency_w = layout_width (agency_layout);
  centre = right - date_w / 2;
  agency_x = MIN (centre - agency_w / 2, TEXT_LEFT + TEXT_WIDTH - agency_w);
  agency_x = MAX (agency_x, TEXT_LEFT);

  flow_ensure (f, 4 * LINE_PITCH);
  if (!flow_at_top (f))
    f->y += 2 * LINE_PITCH;
  if (agency != NULL && *agency != '\0')
    flow_lines (f, agency_layout, agency_x, LINE_PITCH, 2, 0);
  flow_lines (f, date_layout, right - date_w, LINE_PITCH, 1, 0);
}

/* Page numbers and the draft line, once the pages are known. */
static void
finish_pages (TbLayout *self)
{
  g_autofree char *draft = NULL;

  if (self->options.draft_issues > 0)
    draft = tb_format_make_draft_mark (self->format, self->options.draft_issues);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Flow f = { self, g_ptr_array_index (self->pages, i), 0 };
      g_autofree char *number = g_strdup_printf ("— %u —", i + 1);
      g_autoptr(PangoLayout) layout = make_layout (self, TB_LAYOUT_FONT_PAGE_NUMBER, 0,
                                                   number, -1, PANGO_ALIGN_LEFT);
      double w = layout_width (layout);
      double em = 14.0;
      /* Odd pages: right, one character in; even pages: left, one character in. */
      double x = (i % 2 == 0) ? TEXT_LEFT + TEXT_WIDTH - em - w : TEXT_LEFT + em;

      push_text (&f, layout, x, TEXT_BOTTOM + PAGE_NUMBER_GAP, COLOR_BLACK);

      if (draft != NULL)
        {
          g_autoptr(PangoLayout) dl = make_layout (self, TB_LAYOUT_FONT_DRAFT, 0, draft,
                                                   TEXT_WIDTH, PANGO_ALIGN_CENTER);

          /* Insert first so that it also comes first in the text of the page. */
          Op op = { .kind = OP_TEXT, .layout = g_object_ref (dl), .x = TEXT_LEFT,
                    .y = DRAFT_TOP, .rgb = COLOR_DRAFT };

          g_array_prepend_vals (f.page, &op, 1);
        }
    }
}

/* ---- Building ------------------------------------------------------------------------- */

static void
build (TbLayout *self,
       TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  Flow f = { self, NULL, 0 };
  g_autofree char *preface = tb_format_make_preface (format, tb_report_get_year (report));

  flow_new_page (&f);
  flow_title (&f, report, self->title);
  if (preface != NULL)
    {
      g_autoptr(PangoLayout) preface_layout = make_paragraph (self, preface);

      flow_lines (&f, preface_layout, TEXT_LEFT, LINE_PITCH, 2, 0);
    }

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      if (section->type == TB_SECTION_TABLE && section->table != NULL)
        {
          Table t = { 0, };

          table_init (self, &t, report, section->table);
          flow_heading (&f, section->heading, table_min_first (&t));
          flow_table (&f, &t);
          table_clear (&t);
          /* A little air between a table and what follows. */
          if (!flow_at_top (&f))
            f.y = MIN (f.y + LINE_PITCH / 2, TEXT_BOTTOM);
        }
      else
        {
          g_autofree char *sentence = tb_sentence_make_printed (report, section);

          flow_heading (&f, section->heading, 2 * LINE_PITCH);
          if (sentence != NULL)
            flow_paragraph (&f, sentence);
          flow_text (&f, tb_report_get_text (report, section->id));
        }
    }

  if (self->options.sign_off)
    flow_sign_off (&f, report);

  finish_pages (self);
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
  self->headings = g_array_new (FALSE, TRUE, sizeof (Heading));
  g_array_set_clear_func (self->headings, clear_heading);

  /* Points, unhinted: the same line breaks on every target (TOOLCHAIN.md §5). */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
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

const char *
tb_layout_get_title (TbLayout *self)
{
  g_return_val_if_fail (TB_IS_LAYOUT (self), NULL);
  return self->title;
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

void
tb_layout_draw_page (TbLayout *self,
                     cairo_t  *cr,
                     guint     page)
{
  GArray *ops;

  g_return_if_fail (TB_IS_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  ops = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = &g_array_index (ops, Op, i);

      set_rgb (cr, op->rgb);
      switch (op->kind)
        {
        case OP_TEXT:
          cairo_move_to (cr, op->x, op->y);
          pango_cairo_show_layout (cr, op->layout);
          break;
        case OP_LINE:
          cairo_move_to (cr, op->x + op->dx, op->y);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (op->layout,
                                                                            op->line));
          break;
        case OP_BOX:
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          break;
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
      Op *op = &g_array_index (ops, Op, i);
      PangoLayoutIter *iter;
      PangoLayoutLine *line = NULL;
      const char *text;

      if (op->kind == OP_BOX)
        continue;
      text = pango_layout_get_text (op->layout);
      if (op->kind == OP_LINE)
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
tb_layout_foreach_heading (TbLayout            *self,
                           TbLayoutHeadingFunc  func,
                           gpointer             user_data)
{
  g_return_if_fail (TB_IS_LAYOUT (self));
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < self->headings->len; i++)
    {
      Heading *h = &g_array_index (self->headings, Heading, i);

      func (h->page, h->text, h->y, user_data);
    }
}
