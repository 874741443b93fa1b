/* tb-layout-private.h: inside the page layout, and the hooks the PDF tests use
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-layout.c builds the layout from the running text (tb-layout-text.c: title, preface,
 * headings, paragraphs, 落款) and the official grids (tb-layout-table.c), placed on pages
 * by tb-layout-page.c in the fonts of tb-layout-font.c. Everything in points.
 */
#pragma once

#include <pango/pangocairo.h>

#include "tb-layout.h"

G_BEGIN_DECLS

/* ---- Test hooks: the fonts of the pages and the glyphs drawn ------------------------- */

/* Font roles, so tests can render probes with exactly the fonts the pages use. */
typedef enum
{
  TB_LAYOUT_FONT_TITLE,     /* 小标宋 role: serif bold, 22 pt */
  TB_LAYOUT_FONT_BODY,      /* 仿宋 role: serif, BODY_SIZE */
  TB_LAYOUT_FONT_HEADING,   /* 黑体 role: sans bold, BODY_SIZE (一、) */
  TB_LAYOUT_FONT_HEADING2,  /* 楷体 role (（一）) */
  TB_LAYOUT_FONT_TABLE,     /* serif, 10.5 pt */
  TB_LAYOUT_FONT_PAGE_NUMBER,
  TB_LAYOUT_FONT_DRAFT,
  TB_LAYOUT_N_FONTS
} TbLayoutFont;

/* Called for every visible glyph on a page: its ink box in points and its character. */
typedef void (*TbLayoutGlyphFunc) (double    x,
                                   double    y,
                                   double    width,
                                   double    height,
                                   gunichar  ch,
                                   gpointer  user_data);

/* What a text drawn in a table cell is. */
typedef enum
{
  TB_LAYOUT_CELL_NONE,     /* not in a table */
  TB_LAYOUT_CELL_LABEL,
  TB_LAYOUT_CELL_VALUE,
} TbLayoutCellKind;

/* Called for every table cell text on a page: its layout, the layout's top-left corner
 * and the cell's box, in points. */
typedef void (*TbLayoutCellFunc) (TbLayoutCellKind  kind,
                                  PangoLayout      *layout,
                                  double            x,
                                  double            y,
                                  double            box_x,
                                  double            box_y,
                                  double            box_w,
                                  double            box_h,
                                  gpointer          user_data);

void         tb_layout_foreach_cell   (TbLayout          *self,
                                       guint              page,
                                       TbLayoutCellFunc   func,
                                       gpointer           user_data);

/* TRUE when the last of several lines of @layout holds a single character (不予公/开). */
gboolean     _tb_layout_has_orphan    (PangoLayout       *layout);

/* Pango font description string of a role, e.g. "Noto Serif CJK SC,Noto Sans CJK SC,… 16",
 * from the font roles as chosen now (interned: valid for the process). */
const char  *tb_layout_get_font       (TbLayoutFont       role);

void         tb_layout_foreach_glyph  (TbLayout          *self,
                                       guint              page,
                                       TbLayoutGlyphFunc  func,
                                       gpointer           user_data);

/* ---- Geometry (points) ---------------------------------------------------------------- */

#define MM              (72.0 / 25.4)
#define PAGE_WIDTH      (210.0 * MM)
#define PAGE_HEIGHT     (297.0 * MM)
#define TEXT_LEFT       (28.0 * MM)
#define TEXT_TOP        (37.0 * MM)
#define TEXT_WIDTH      (156.0 * MM)
#define TEXT_HEIGHT     (225.0 * MM)
#define TEXT_BOTTOM     (TEXT_TOP + TEXT_HEIGHT)
/* 3号 (16 pt) with 28 characters to the line (GB/T 9704 5.2.2–5.2.3). 28 × 16 pt is wider
 * than the 156 mm block: Word and WPS keep 16 pt glyphs on a 15.79 pt character grid, so
 * neighbouring glyph boxes overlap by 0.2 pt. Here the type is 15.79 pt (1.3 % smaller,
 * 0.07 mm a character): a full line of Chinese then fills the block exactly with no
 * spacing to add, as on the grid, and the PDF has no adjustment between its glyphs. (In
 * pango units 28 characters take 452,816 of the 452,818 the block has: test-pdf-justify
 * checks that 28 still fit.) */
#define BODY_SIZE       (TEXT_WIDTH / 28.0)
/* cairo keeps positions on a grid of 1/256 pt: a length on that grid is the same step every
 * time it recurs in the PDF, and the PDF compresses it. */
#define CAIRO_GRID      256.0
/* 22 lines to the page, on cairo's grid (the step was 1.835766 and 1.835518 em by turns). */
#define LINE_PITCH      ((int) (TEXT_HEIGHT / 22.0 * CAIRO_GRID) / CAIRO_GRID)
#define TITLE_PITCH     (LINE_PITCH * 1.25)
#define PAGE_NUMBER_GAP (7.0 * MM)               /* 一字线 7 mm below the text block */
#define DRAFT_TOP       (16.0 * MM)
#define CELL_PAD_X      3.0
#define CELL_PAD_Y      3.0
#define NUMBER_PAD      4.5                      /* numbers keep ≥ 4 pt from the rules */
#define RULE_WIDTH      0.6
#define TABLE_SIZE      10.5                     /* 五号 */
#define TABLE_SIZE_WIDE 9.0                      /* tables with many columns (table 四) */
#define WIDE_COLUMNS    12
#define EPSILON         0.01

#define COLOR_BLACK     0x000000
#define COLOR_DRAFT     0xc00000

/* ---- Types ---------------------------------------------------------------------------- */

/* One drawing operation of a page. */
typedef enum
{
  TB_LAYOUT_OP_TEXT,   /* a whole layout, top-left at (x, y) */
  TB_LAYOUT_OP_LINE,   /* one line of a layout: layout origin x, baseline y; the line
                          starts at x+dx */
  TB_LAYOUT_OP_BOX,    /* a stroked rectangle */
} TbLayoutOpKind;

typedef struct
{
  TbLayoutOpKind  kind;
  PangoLayout    *layout;
  int             line;
  double          x, y;
  double          dx;
  double          w, h;
  guint32         rgb;
  /* OP_TEXT of a table cell: its kind and its box. */
  TbLayoutCellKind cell;
  double          bx, by, bw, bh;
} TbLayoutOp;

/* A level-1 heading (一、…) and where it is: for the PDF bookmarks. */
typedef struct
{
  char   *text;
  guint   page;
  double  y;
} TbLayoutHeading;

struct _TbLayout
{
  GObject          parent_instance;

  PangoContext    *context;
  PangoFontDescription *fonts[TB_LAYOUT_N_FONTS];
  GPtrArray       *pages;      /* of GArray of TbLayoutOp */
  GArray          *headings;   /* of TbLayoutHeading */
  const TbFormat  *format;
  char            *title;
  TbLayoutOptions  options;
};

/* The current position while laying out. */
typedef struct
{
  TbLayout *self;
  GArray   *page;     /* of TbLayoutOp: the page being filled */
  double    y;
} TbLayoutFlow;

/* ---- tb-layout-font.c ------------------------------------------------------------------ */

/* A layout in @role's font (at @size if > 0), wrapped to @width if > 0. */
PangoLayout *_tb_layout_make               (TbLayout            *self,
                                            TbLayoutFont         role,
                                            double               size,
                                            const char          *text,
                                            double               width,
                                            PangoAlignment       align);
double       _tb_layout_height             (PangoLayout         *layout);
double       _tb_layout_width              (PangoLayout         *layout);

/* ---- tb-layout-page.c ------------------------------------------------------------------ */

GArray      *_tb_layout_new_page_ops       (void);
void         _tb_layout_push_box           (TbLayoutFlow        *f,
                                            double               x,
                                            double               y,
                                            double               w,
                                            double               h);
void         _tb_layout_push_text          (TbLayoutFlow        *f,
                                            PangoLayout         *layout,
                                            double               x,
                                            double               y,
                                            guint32              rgb);
/* The text of a table cell (a value or a label) in the box @bx, @by, @bw, @bh. */
void         _tb_layout_push_cell          (TbLayoutFlow        *f,
                                            PangoLayout         *layout,
                                            double               x,
                                            double               y,
                                            gboolean             value,
                                            double               bx,
                                            double               by,
                                            double               bw,
                                            double               bh);
void         _tb_layout_flow_new_page      (TbLayoutFlow        *f);
gboolean     _tb_layout_flow_at_top        (TbLayoutFlow        *f);
/* Starts a new page unless @height fits below the current position. */
void         _tb_layout_flow_ensure        (TbLayoutFlow        *f,
                                            double               height);
/* Places the lines of @layout (origin x @x) one per @pitch, breaking pages between lines.
 * The first @keep lines (and the height @keep_after below them) stay together. */
void         _tb_layout_flow_lines         (TbLayoutFlow        *f,
                                            PangoLayout         *layout,
                                            double               x,
                                            double               pitch,
                                            guint                keep,
                                            double               keep_after);
/* The same for the first @n_lines lines of @layout only. */
void         _tb_layout_flow_first_lines   (TbLayoutFlow        *f,
                                            PangoLayout         *layout,
                                            guint                n_lines,
                                            double               x,
                                            double               pitch,
                                            guint                keep,
                                            double               keep_after);
/* Pulls in the lines of the left-aligned, unjustified @layout that kinsoku left short, and
 * fills every line but the last of a paragraph to the layout's width, the way Chinese is
 * justified (tb-layout-justify.c; @em: the type size). Call it last: setting anything on
 * the layout afterwards undoes it. */
void         _tb_layout_justify            (PangoLayout         *layout,
                                            double               em);
/* Page numbers and the draft mark, once the pages are known. */
void         _tb_layout_finish_pages       (TbLayout            *self);

/* ---- tb-layout-text.c ------------------------------------------------------------------ */

void         _tb_layout_flow_title         (TbLayoutFlow        *f,
                                            TbReport            *report,
                                            const char          *title);
void         _tb_layout_flow_preface       (TbLayoutFlow        *f,
                                            TbReport            *report);
/* A level-1 heading; @keep_after: the height that must follow it on the same page. */
void         _tb_layout_flow_heading       (TbLayoutFlow        *f,
                                            const char          *text,
                                            double               keep_after);
/* Paragraphs longer than this many bytes are laid out in pieces (tb-layout-text.c). */
#define TB_LAYOUT_PIECE_BYTES 1024
/* A text section: heading, the sentence of its fields, its paragraphs. */
void         _tb_layout_flow_text_section  (TbLayoutFlow        *f,
                                            TbReport            *report,
                                            const TbSectionSpec *section);
void         _tb_layout_flow_sign_off      (TbLayoutFlow        *f,
                                            TbReport            *report);

/* ---- tb-layout-table.c ----------------------------------------------------------------- */

/* A table section: heading and the official grid, breaking between rows. */
void         _tb_layout_flow_table_section (TbLayoutFlow        *f,
                                            TbReport            *report,
                                            const TbSectionSpec *section);

G_END_DECLS
