/* tb-import-private.h: the parts of the importer (tb-import*.c), shared among them
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-import-vocab.c  the official labels of a format and their variants, matched after
 *                    normalisation;
 * tb-import-text.c   headings, sections, texts, title, agency and year, fee fields;
 * tb-import-table.c  the rows of the document's tables, and the columns their headers name;
 * tb-import-rows.c   those rows matched to official rows, their values to official columns;
 * tb-import-resolve.c the values placed on the cells, certain or empty;
 * tb-import-log.c    the import log and its text for people;
 * tb-import.c        the public entry points and the dispatcher.
 */
#pragma once

#include "tb-import.h"

G_BEGIN_DECLS

/* ---- Vocabulary (tb-import-vocab.c) --------------------------------------------------- */

typedef struct _TbVocab TbVocab;

/* An official grid row holding value cells. */
typedef struct
{
  guint        table;       /* index of the table in the format */
  const char  *label;       /* most specific official row label, "" for none (table 四) */
  guint        n_cells;
  guint       *cells;       /* cell indices, in grid column order */
} TbVocabRow;

/* How well a text matched an official label. */
typedef enum
{
  TB_MATCH_NONE,
  TB_MATCH_PARTIAL,     /* one is the beginning of the other (a label cut by a page break) */
  TB_MATCH_NUMBERLESS,  /* equal without their numbering: 予以公开 for （一）予以公开 */
  TB_MATCH_EXACT,       /* equal after normalisation, or a variant of the label */
} TbMatch;

TbVocab          *tb_vocab_new                (const TbFormat *format);
/* The vocabulary of a registered format, made once and shared (thread-safe). */
TbVocab          *tb_vocab_get                (const TbFormat *format);
void              tb_vocab_free               (TbVocab        *vocab);
const TbFormat   *tb_vocab_get_format         (TbVocab        *vocab);
/* Variants in the format data whose "of" names no label of the format (a data error). */
GPtrArray        *tb_vocab_get_unknown_variants (TbVocab      *vocab);

/* Normal form of a label: NFKC, without white space and punctuation, ASCII in lower case. */
char             *tb_vocab_normalize          (const char     *text);
/* The same without a leading numbering: 一、 （一） (1) 1. 1、 */
char             *tb_vocab_normalize_numberless (const char   *text);

GPtrArray        *tb_vocab_get_rows           (TbVocab        *vocab);   /* TbVocabRow* */
/* The official row @label names (in table @table_hint when it is >= 0 and the label fits
 * several). NULL when none or several fit equally well (*ambiguous set). */
const TbVocabRow *tb_vocab_match_row          (TbVocab        *vocab,
                                               const char     *label,
                                               int             table_hint,
                                               TbMatch        *match,
                                               gboolean       *ambiguous);
/* Whether @text is a column label (value column, group, the label column's head, the note)
 * of table @table, and with which match. */
TbMatch           tb_vocab_match_column_label (TbVocab        *vocab,
                                               guint           table,
                                               const char     *text);
/* Whether @text equals @official, or one of its variants. */
TbMatch           tb_vocab_match_label        (TbVocab        *vocab,
                                               const char     *official,
                                               const char     *text);
/* The table whose block label (第二十条第（一）项) @text is, or -1. */
int               tb_vocab_match_block        (TbVocab        *vocab,
                                               const char     *text);
/* The section whose heading @text is (一、总体情况 and its variants), or -1. */
int               tb_vocab_match_heading      (TbVocab        *vocab,
                                               const char     *text);
/* Whether @text is a label only this format has, compared with @other. */
gboolean          tb_vocab_is_distinct_label  (TbVocab        *vocab,
                                               TbVocab        *other,
                                               const char     *text);
/* The cue words leading to the value of field @cell (NULL-terminated), or NULL. */
const char *const *tb_vocab_get_cues          (TbVocab        *vocab,
                                               guint           cell);

/* ---- Helpers shared by the parts ------------------------------------------------------ */

/* The text ends a sentence (。！？；： and their ASCII forms, closing quotes). */
gboolean          tb_import_ends_sentence     (const char     *text);
/* The text starts with a numbering: 一、 （一） (1) 1. 一是 第一 … */
gboolean          tb_import_starts_numbered   (const char     *text);

typedef enum
{
  TB_TOKEN_EMPTY,
  TB_TOKEN_VALUE,    /* a number as reports write it, or a placeholder ("/", "—", "无") */
  TB_TOKEN_LABEL,    /* anything else */
} TbTokenKind;

TbTokenKind       tb_import_token_kind        (const char     *text);

/* ---- Understanding (tb-import-text.c, tb-import-table.c) ------------------------------ */

typedef struct
{
  TbVocab        *vocab;
  const TbSource *source;
  TbReport       *report;
  TbImportLog    *log;
  int            *block_section;  /* per block: the section it is in, -1 before 一 */
} TbImportContext;

/* Puts the number @value, read as @text, into @cell. The report refuses a text longer than
 * a cell may hold (only leading zeros make a number that long): then the number is put as
 * we write it. Returns the text put. */
char             *tb_import_put_number        (TbImportContext *ctx,
                                               guint            cell,
                                               const char      *text,
                                               gint64           value);
/* Finds the section headings: ctx->block_section for every block. Returns how many
 * distinct sections were found. */
guint             tb_import_find_sections     (TbImportContext *ctx);
/* The title, agency and year (those not given in @options), into the log. */
void              tb_import_read_title        (TbImportContext *ctx,
                                               const TbImportOptions *options);
/* The texts of the text sections and their fields, into the report and the log. */
void              tb_import_read_texts        (TbImportContext *ctx);
/* Every table cell, into the report and the log. Returns the number of official rows
 * found in the document. */
guint             tb_import_read_tables       (TbImportContext *ctx);

/* ---- Tables (tb-import-table.c, tb-import-resolve.c) --------------------------------- */

/* One cell of a document row. */
typedef struct
{
  TbSourceCell *cell;
  TbTokenKind   kind;
  guint         col0, col1;  /* grid columns covered; for a ragged table its order */
  gboolean      own;         /* the cell starts in this row (not spanned from above) */
} Entry;

/* A row of a table of the document. */
typedef struct
{
  const TbSourceBlock *table;
  guint                row;         /* grid row */
  int                  table_hint;  /* the official table of the section it is in, or -1 */
  GArray              *entries;     /* Entry, left to right */
} SrcRow;

/* A value column named by a header. */
typedef struct
{
  char        *text;        /* its label in the document */
  GPtrArray   *ancestors;   /* char* (borrowed): the group labels above it */
  guint        col0, col1;  /* grid columns (ragged: its order) */
  int          official;    /* index into TbImportTables.columns[table], -1 none, -2 several */
  TbSourcePos  pos;
} Leaf;

typedef struct
{
  guint    table;           /* official table */
  gboolean ragged;
  GArray  *leaves;          /* Leaf, left to right */
} ColumnMap;

typedef struct
{
  TbVocab    *vocab;
  GPtrArray **columns;      /* per official table: char*, the distinct column paths of its
                               cells (TbCellSpec.column_path), in grid order */
} TbImportTables;

/* A value of a row, as the document gives it. */
typedef struct
{
  const char  *text;
  TbSourcePos  pos;
} Token;

/* What the document says about one official row. */
typedef struct
{
  const TbVocabRow *row;
  GPtrArray        *tokens;   /* Token*, the values in the order of their columns */
  guint             s_lead;   /* empty cells before them (maybe blank cells, maybe not) */
  guint             s_trail;  /* and after them */
  guint            *order;    /* slot j of a full row -> index in row->cells */
  TbSourcePos       pos;      /* the row in the document */
  char             *problem;  /* the row cannot be read: why (translated) */
  gboolean          done;
} RowRead;

RowRead          *tb_import_row_read_new      (const TbVocabRow *row);
void              tb_import_row_read_free     (gpointer         rr);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowRead, tb_import_row_read_free)

/* Places every row of @reads (RowRead*) that can be placed with certainty, and logs every
 * cell of them. */
void              tb_import_resolve           (TbImportContext *ctx,
                                               GPtrArray       *reads);

GArray           *tb_import_collect_rows      (TbImportContext *ctx);
gboolean          tb_import_row_has_kind      (const SrcRow    *row,
                                               TbTokenKind      kind);
/* Whether a cell of @kind follows a label in @row. */
gboolean          tb_import_row_has_kind_after_label (const SrcRow *row,
                                                      TbTokenKind   kind);
int               tb_import_row_header_table  (TbImportTables  *tables,
                                               const SrcRow    *row);
ColumnMap        *tb_import_column_map_new    (TbImportTables  *tables,
                                               guint            table,
                                               GPtrArray       *rows);
void              tb_import_column_map_free   (ColumnMap       *map);

/* ---- Log (tb-import-log.c) ------------------------------------------------------------ */

TbImportLog      *tb_import_log_new           (const TbFormat *format,
                                               const char     *name,
                                               TbSourceKind    kind);
TbImportCell     *tb_import_log_get_cell      (TbImportLog    *log,
                                               guint           cell);
void              tb_import_log_set_cell      (TbImportLog    *log,
                                               guint           cell,
                                               TbImportCellStatus status,
                                               const char     *text,
                                               const char     *reason,
                                               const TbSourcePos *pos);
void              tb_import_log_add_note      (TbImportLog    *log,
                                               const char     *format,
                                               ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
