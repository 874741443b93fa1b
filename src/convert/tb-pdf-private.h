/* tb-pdf-private.h: the pieces of the PDF reader (tb-pdf-reader.c, -rulings.c, -tables.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates are PDF points on the page, x to the right and y downwards (as poppler gives
 * the character boxes). A character box is the glyph's advance box: the boxes of the
 * characters of a word touch, and a space is a gap.
 */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib's functions, opened on first use (tb-pdf-poppler.c), with the types its
 * header declares. */
typedef struct
{
  __typeof__ (poppler_error_quark)             *poppler_error_quark;
  __typeof__ (poppler_document_new_from_bytes) *poppler_document_new_from_bytes;
  __typeof__ (poppler_document_get_n_pages)    *poppler_document_get_n_pages;
  __typeof__ (poppler_document_get_page)       *poppler_document_get_page;
  __typeof__ (poppler_document_get_title)      *poppler_document_get_title;
  __typeof__ (poppler_page_get_size)           *poppler_page_get_size;
  __typeof__ (poppler_page_get_text)           *poppler_page_get_text;
  __typeof__ (poppler_page_get_text_layout)    *poppler_page_get_text_layout;
  __typeof__ (poppler_page_render)             *poppler_page_render;
} TbPoppler;

/* Opens poppler-glib the first time; NULL with @error if it cannot be opened. */
const TbPoppler *_tb_pdf_poppler_load (GError **error);
/* The functions, once _tb_pdf_poppler_load() succeeded. */
const TbPoppler *_tb_pdf_poppler      (void);

typedef struct
{
  gunichar c;
  double   x0, y0, x1, y1;
} TbPdfChar;

/* Characters on one baseline, left to right. */
typedef struct
{
  GArray  *chars;            /* TbPdfChar */
  double   x0, y0, x1, y1;   /* bounding box */
  double   em;               /* font size, from the widths of CJK characters or the height */
} TbPdfLine;

typedef struct
{
  guint     page;
  guint     row, col, rowspan, colspan;
  char     *text;
  gboolean  header;
} TbPdfCell;

typedef struct
{
  guint      page;           /* counted from 1 */
  double     x0, y0, x1, y1; /* bounding box on that page */
  guint      n_rows, n_columns;
  double    *xs;             /* n_columns + 1 column boundaries */
  double    *ys;             /* n_rows + 1 row boundaries */
  int       *owner;          /* n_rows × n_columns: index into cells of the covering cell */
  GPtrArray *cells;          /* TbPdfCell*, row-major by top-left corner */
  gboolean   ruled;          /* found from ruling lines (else from text alone) */
  gboolean   ragged;         /* from text alone: a cell's column is its order in its row */
} TbPdfTable;

void        tb_pdf_line_free        (TbPdfLine   *line);
TbPdfTable *tb_pdf_table_new        (guint        page_no);
void        tb_pdf_table_free       (TbPdfTable  *table);

/* The value below which a share @p of @values lies (sorts @values). */
double      tb_pdf_percentile       (GArray          *values,
                                     double           p);
/* Whether @c is a Chinese (or Japanese, Korean) character or full-width form. */
gboolean    tb_pdf_is_cjk           (gunichar         c);
/* Lines from @chars (any order), top to bottom. (transfer full): TbPdfLine* */
GPtrArray  *tb_pdf_build_lines      (const TbPdfChar *chars,
                                     guint            n);
/* The text of @n characters of one line: a space where the gap between two is wider than a
 * space. (transfer full) */
char       *tb_pdf_chars_text       (const TbPdfChar *chars,
                                     guint            n,
                                     double           em);
/* Appends the text of @line to @out, joined as a line of a paragraph (a space only between
 * two Latin letters or digits). */
void        tb_pdf_join_line        (GString         *out,
                                     const char      *line);
/* Whether characters @a and @b (in order on a line) are far enough apart to be in different
 * cells of a table without rulings. */
gboolean    tb_pdf_cell_gap         (const TbPdfChar *a,
                                     const TbPdfChar *b,
                                     double           em);

/* A rendering of a page, kept from page to page. */
typedef struct _TbPdfRaster TbPdfRaster;

void        tb_pdf_raster_free      (TbPdfRaster *raster);

/* Tables drawn with ruling lines on @page, found in a rendering of it (in *@raster, made
 * when NULL); their grids only (no text yet). @chars keep glyph strokes from being read as
 * ruling lines. Appends TbPdfTable* to @tables. */
void        tb_pdf_find_ruled_tables (TbPdfRaster   **raster,
                                      PopplerPage    *page,
                                      guint           page_no,
                                      const TbPdfChar *chars,
                                      guint           n_chars,
                                      GPtrArray      *tables);
/* Puts the characters inside @table's grid into its cells (their text); marks them in
 * @taken. */
void        tb_pdf_table_fill       (TbPdfTable      *table,
                                     const TbPdfChar *chars,
                                     guint            n,
                                     gboolean        *taken);
/* Tables without rulings among @lines (TbPdfLine*, top to bottom, one page): their lines
 * are taken out of @lines into TbPdfTable* appended to @tables. */
void        tb_pdf_find_text_tables (GPtrArray       *lines,
                                     guint            page_no,
                                     GPtrArray       *tables);
/* Appends @next (the same table going on on the next page) to @table: header rows repeated
 * at the top of @next are dropped, and a label cell cut by the page break joined again.
 * Returns FALSE (changing nothing) if @next does not have @table's columns. */
gboolean    tb_pdf_table_append     (TbPdfTable      *table,
                                     TbPdfTable      *next);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbPdfTable, tb_pdf_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbPdfLine, tb_pdf_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbPdfRaster, tb_pdf_raster_free)

G_END_DECLS
