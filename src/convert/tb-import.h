/* tb-import.h: a published report (web page, text, Word, PDF) read into a new report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader turns the input into a TbSource (tb-source.h); the importer understands it: the
 * format (2019 trial or 2021) from the row labels, the year and agency from the title, every
 * cell of tables 二, 三 and 四 placed by its row and column labels (never by position
 * alone), the fee fields of section 六, and the texts of sections 一, 五 and 六. What it
 * cannot place with certainty it leaves empty and names in the import log: a blank cell
 * stays blank, a placeholder ("/", "—", "无") is kept as unreadable text, numbers run together
 * are not split, and a row with a value missing or one too many is placed only when the
 * table's own arithmetic leaves one reading. Totals are imported as published (the report
 * has manual totals), so the usual check (tb_rules_check) tells whether they add up.
 */
#pragma once

#include <gio/gio.h>

#include "tb-report.h"
#include "tb-source.h"

G_BEGIN_DECLS

#define TB_IMPORT_ERROR (tb_import_error_quark ())

typedef enum
{
  TB_IMPORT_ERROR_NOT_A_REPORT,  /* read, but nothing of an annual report was found */
  TB_IMPORT_ERROR_FORMAT,        /* the format asked for is unknown */
} TbImportError;

/* What the caller knows better than the document. */
typedef struct
{
  const char *format_id;   /* "2019", "2021", or NULL: from the labels */
  int         year;        /* or 0: from the title */
  const char *agency;      /* or NULL: from the title */
} TbImportOptions;

typedef enum
{
  TB_IMPORT_CELL_READ,        /* read from the document */
  TB_IMPORT_CELL_DERIVED,     /* missing from its row, and fixed by the table's arithmetic */
  TB_IMPORT_CELL_BLANK,       /* blank in the document: left empty */
  TB_IMPORT_CELL_UNREADABLE,  /* a placeholder or text that is no number: kept as typed */
  TB_IMPORT_CELL_UNCERTAIN,   /* could not be placed with certainty: left empty */
  TB_IMPORT_CELL_MISSING,     /* not found in the document: left empty */
} TbImportCellStatus;

/* One cell of tables 二–四 or a structured field (the fees of 六). */
typedef struct
{
  guint               cell;      /* index in the format (tb_format_get_cell()) */
  TbImportCellStatus  status;
  char               *text;      /* the document's text for the cell, or NULL */
  char               *reason;    /* why it is not READ (translated), or NULL */
  TbSourcePos         pos;       /* where it was in the document (0s when unknown) */
} TbImportCell;

typedef struct
{
  char         *name;         /* file name, for people */
  TbSourceKind  kind;
  const char   *format_id;
  char         *format_reason; /* how the format was chosen (translated) */
  int           year;          /* 0 when unknown */
  char         *agency;        /* NULL when unknown */
  char         *title;         /* the title found, or NULL */
  GArray       *cells;         /* TbImportCell, one per cell of the tables and fields, in
                                  format order */
  GPtrArray    *texts;         /* const char*: ids of the text sections found ("s1") */
  GPtrArray    *notes;         /* char*: what else the reader and importer noticed */
} TbImportLog;

GQuark        tb_import_error_quark     (void);

/* The kind of @data, by its content: HTML markup, a zip (Word), "%PDF-", else text. */
TbSourceKind  tb_import_sniff           (GBytes                 *data);

/* Reads @data with the reader of its kind. @name is only for messages. */
TbSource     *tb_import_read_source     (GBytes                 *data,
                                         const char             *name,
                                         GError                **error);

/* Understands @source as an annual report. @options: (nullable). @log: (out) (optional). */
TbReport     *tb_import_source          (const TbSource         *source,
                                         const char             *name,
                                         const TbImportOptions  *options,
                                         TbImportLog           **log,
                                         GError                **error);

/* Both steps. */
TbReport     *tb_import_read            (GBytes                 *data,
                                         const char             *name,
                                         const TbImportOptions  *options,
                                         TbImportLog           **log,
                                         GError                **error);

/* Reads the file at @path (at most TB_SOURCE_MAX_SIZE bytes: a larger one is refused
 * unread, and so is anything but a regular file), recognises its kind by its content and
 * imports it; the report records where it came from (tb_report_get_imported_from()).
 * Messages name the file. */
TbReport     *tb_import_load_file       (const char             *path,
                                         const TbImportOptions  *options,
                                         TbImportLog           **log,
                                         GError                **error);

/* The file at @path, read as tb_import_load_file() reads it (regular files up to
 * TB_SOURCE_MAX_SIZE). */
GBytes       *tb_import_read_file       (const char             *path,
                                         GError                **error);

/* "html", "text", "docx", "pdf": the kind as a draft's <imported-from> names it. */
const char   *tb_import_kind_id         (TbSourceKind            kind);

void          tb_import_log_free        (TbImportLog            *log);
guint         tb_import_log_count       (const TbImportLog      *log,
                                         TbImportCellStatus      status);
/* The log for people (translated; official labels stay as they are): a summary line, then
 * every cell that is not READ with its labels and place. */
char         *tb_import_log_format      (const TbImportLog      *log);
/* "line 42", "table 2, row 5, column 3", "page 3" (translated). */
char         *tb_import_format_pos      (const TbSourcePos      *pos);
const char   *tb_import_cell_status_to_string (TbImportCellStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbImportLog, tb_import_log_free)

G_END_DECLS
