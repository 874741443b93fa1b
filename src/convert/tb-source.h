/* tb-source.h: a document read from another format, before it is understood
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reader of another format (a portal's HTML page, text copied from a browser or a PDF
 * viewer, a Word .docx, a PDF's text layer) turns its input into the same plain shape: a
 * sequence of blocks, each a paragraph of text or a table of cells on a grid with their row
 * and column spans. Nothing here knows the report formats: placing what was read into the
 * official cells (tb-import.h) works on a TbSource alone, whatever it was read from, and
 * names every place by the TbSourcePos the reader recorded.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest input a reader accepts; larger input is refused unread. */
#define TB_SOURCE_MAX_SIZE (16 * 1024 * 1024)

#define TB_SOURCE_ERROR (tb_source_error_quark ())

/* Why a reader refused its input (the message says it for people). */
typedef enum
{
  TB_SOURCE_ERROR_TOO_LARGE,    /* over TB_SOURCE_MAX_SIZE */
  TB_SOURCE_ERROR_EMPTY,        /* nothing to read */
  TB_SOURCE_ERROR_BINARY,       /* not text, and no reader recognises it */
  TB_SOURCE_ERROR_ENCODING,     /* text in no encoding a reader knows */
  TB_SOURCE_ERROR_INVALID,      /* damaged input of a known kind */
  TB_SOURCE_ERROR_UNSUPPORTED,  /* a kind no reader of this build reads */
} TbSourceError;

typedef enum
{
  TB_SOURCE_HTML,
  TB_SOURCE_TEXT,
  TB_SOURCE_DOCX,
  TB_SOURCE_PDF,
} TbSourceKind;

/* Where something was in the input, for messages ("line 42", "table 2, row 5, column 3",
 * "page 3"). Counted from 1; 0 when unknown. */
typedef struct
{
  guint line;    /* TEXT: line of the input; HTML: line of the element, where known */
  guint page;    /* PDF: page */
  guint table;   /* tables: the table's number among the source's tables */
  guint row;     /* tables: row and column in that table's grid */
  guint column;
} TbSourcePos;

typedef struct
{
  guint        row, col;          /* top-left position on the table's grid, from 0 */
  guint        rowspan, colspan;  /* >= 1 */
  char        *text;              /* the cell's text: spaces (also U+3000, NBSP) collapsed
                                     to one ASCII space, trimmed; "\n" between the cell's
                                     paragraphs; "" for an empty cell */
  gboolean     header;            /* a <th>, or a row a reader knows to be a header */
  TbSourcePos  pos;
} TbSourceCell;

typedef enum
{
  TB_BLOCK_PARAGRAPH,
  TB_BLOCK_TABLE,
} TbBlockKind;

typedef struct
{
  TbBlockKind  kind;
  TbSourcePos  pos;               /* where the block starts */
  /* TB_BLOCK_PARAGRAPH */
  char        *text;              /* one paragraph, spaces collapsed as in a cell, no "\n" */
  gboolean     continues;         /* a reader knows the paragraph goes on in the next
                                     paragraph block (cut by a page break) */
  /* TB_BLOCK_TABLE */
  guint        n_rows, n_columns; /* the grid */
  gboolean     ragged;            /* the reader could not see the grid (text split at tabs or
                                     spaces, a PDF's text): a cell's column is only its
                                     order in its row, spans are unknown, and a row may have
                                     more or fewer cells than the table has columns */
  GPtrArray   *cells;             /* TbSourceCell*, row-major by top-left corner */
  gpointer     grid;              /* private: lookup index of the cells */
} TbSourceBlock;

typedef struct
{
  TbSourceKind  kind;
  char         *title;            /* the document's own title (HTML <title>, docx
                                     dc:title, PDF Title), or NULL */
  GPtrArray    *blocks;           /* TbSourceBlock*, in reading order */
  GPtrArray    *notes;            /* char*: what the reader skipped or doubted, for the
                                     import report (translated) */
} TbSource;

GQuark         tb_source_error_quark    (void);

TbSource      *tb_source_new            (TbSourceKind     kind);
void           tb_source_free           (TbSource        *self);

/* Appends a paragraph (its text is normalised as described above; nothing is added when
 * it is empty). Returns the block, or NULL. (transfer none) */
TbSourceBlock *tb_source_add_paragraph  (TbSource        *self,
                                         const char      *text,
                                         const TbSourcePos *pos);
/* Appends an empty table; cells are added with tb_source_table_add_cell(). */
TbSourceBlock *tb_source_add_table      (TbSource        *self,
                                         const TbSourcePos *pos);
/* Adds a cell to @table at (@row, @col) with its spans (the text is normalised); the grid
 * grows to hold it. Returns the cell. (transfer none) */
TbSourceCell  *tb_source_table_add_cell (TbSourceBlock   *table,
                                         guint            row,
                                         guint            col,
                                         guint            rowspan,
                                         guint            colspan,
                                         const char      *text,
                                         gboolean         header,
                                         const TbSourcePos *pos);
/* The cell covering (@row, @col) of @table's grid (also through a span), or NULL. */
TbSourceCell  *tb_source_table_get_cell (TbSourceBlock   *table,
                                         guint            row,
                                         guint            col);

/* Collapses runs of white space (ASCII, U+3000 ideographic space, U+00A0 and the other
 * Unicode spaces) to one ASCII space and trims both ends; keeps "\n" between lines when
 * @keep_lines, else turns them into spaces too. (transfer full) */
char          *tb_source_normalize_text (const char      *text,
                                         gboolean         keep_lines);

/* Adds a note for the import report (printf-style, already translated). */
void           tb_source_add_note       (TbSource        *self,
                                         const char      *format,
                                         ...) G_GNUC_PRINTF (2, 3);

/* A plain-text dump for tests and `tianbao-cli import --dump`: one line per paragraph,
 * tables as rows of "|"-separated cells with "(r×c)" spans. (transfer full) */
char          *tb_source_dump           (const TbSource  *self);

/* "HTML", "text", "Word", "PDF" for people. */
const char    *tb_source_kind_to_string (TbSourceKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbSource, tb_source_free)

G_END_DECLS
