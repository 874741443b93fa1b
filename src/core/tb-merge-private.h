/* tb-merge-private.h: what the roll-up's files share (tb-merge*.c, tb-breakdown.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tb-merge-stream.h"
#include "tb-merge.h"
#include "tb-rules.h"

G_BEGIN_DECLS

/* The unit a mixed-unit sum is given in. */
#define TB_MERGE_COMMON_UNIT "万元"

/* ---- Sums and notes (tb-merge.c) -------------------------------------------------------- */

typedef enum
{
  TB_SUM_OK,
  TB_SUM_UNFILLED,     /* an input cell is empty or unreadable */
  TB_SUM_TOO_LARGE,
  TB_SUM_UNIT,         /* a unit that cannot be converted */
} TbSumResult;

/* Stores the sum of the cell @spec in @summary (TB_SUM_OK), or adds to @notes the note
 * that says why the cell is left empty. */
void      tb_merge_apply_sum        (TbReport         *summary,
                                     const TbCellSpec *spec,
                                     TbSumResult       result,
                                     gint64            sum,
                                     const char       *unit,
                                     gboolean          converted,
                                     gboolean          rounded,
                                     guint             n_unfilled,
                                     GPtrArray        *notes);
/* The note for an agency given twice. */
char     *tb_merge_note_same_agency (const char       *agency,
                                     const char       *first_source,
                                     const char       *source);
/* The error of an input on another year or in another format than the first one. */
void      tb_merge_set_mixed_error  (GError          **error,
                                     const char       *agency,
                                     const char       *source,
                                     const TbFormat   *format,
                                     int               year,
                                     const char       *first_agency,
                                     const char       *first_source,
                                     const TbFormat   *first_format,
                                     int               first_year);
/* A name for the input's breakdown column, unique in @names (which it is not added to):
 * the agency, else the file's base name, else "Report N" (@n_before inputs before it). */
char     *tb_merge_unique_name      (GHashTable       *names,
                                     const char       *agency,
                                     const char       *source,
                                     guint             n_before);
/* Table cells must be filled; the fields of text sections are optional. */
gboolean  tb_merge_is_table_cell    (const TbFormat   *format,
                                     const TbCellSpec *spec);
/* What the clerk has to fill and did not: empty or unreadable table cells, computed totals
 * not counted (unless the report types its totals). */
guint     tb_merge_count_unfilled   (TbReport         *report);
const char *tb_merge_section_heading (const TbFormat   *format,
                                      const TbCellSpec *spec);

/* ---- CSV (tb-breakdown.c) --------------------------------------------------------------- */

typedef struct
{
  GString  *s;
  gboolean  row_started;
} TbCsv;

/* One CSV field (RFC 4180): quoted where needed; text that a spreadsheet would read as a
 * formula (=, +, -, @) gets a leading apostrophe. Numbers are written as they are. */
void      tb_csv_field              (TbCsv            *csv,
                                     const char       *text,
                                     gboolean          is_number);
void      tb_csv_end_row            (TbCsv            *csv);

/* UTF-8 byte order mark: without it Excel and WPS read a CSV file in the legacy code page. */
#define TB_CSV_BOM "\xEF\xBB\xBF"

/* ---- One input, read and checked on a worker thread (tb-merge-job.c) -------------------- */

typedef struct
{
  gint64      value;
  const char *unit;      /* interned (g_intern_string), or NULL */
  TbCellState state;
} TbMergeCell;

typedef struct
{
  /* What to read */
  guint            index;
  const char      *path;          /* a draft file, or NULL */
  TbReport        *report;        /* or a report given by the caller (a reference) */
  gboolean         by_cell;       /* also keep where each cell's field starts in @row */
  gboolean         want_sha256;   /* a file's SHA-256 is wanted even if it is no summary */

  /* What was read: all NULL / 0 when @error is set */
  GError          *error;
  gboolean         has_file_id;
  guint64          dev, ino;
  guint64          content_hash;  /* of the file's bytes (see tb_merge_content_hash()) */
  char            *sha256;        /* of the file's bytes, if wanted or a summary, else NULL */
  TbCombined      *combined;      /* a summary: what it covers, else NULL */
  const TbFormat  *format;
  int              year;
  char            *agency;        /* trimmed, "" if none */
  guint            n_errors, n_incomplete, n_unfilled;
  GPtrArray       *issues;        /* TbIssue*: the first few errors and incomplete parts */
  TbMergeCell     *cells;         /* tb_format_get_n_cells() */
  GString         *row;           /* the cells' CSV fields, comma-separated */
  guint32         *offsets;       /* by cell: where field c starts in @row (n_cells + 1) */

  gboolean         done;          /* set under the stream's lock */
} TbMergeJob;

void      tb_merge_job_run          (TbMergeJob       *job);
void      tb_merge_job_free         (TbMergeJob       *job);
/* The whole file, checked as tb_draft_load() does (size limit, regular file); errors are
 * TB_DRAFT_ERROR_IO or TB_DRAFT_ERROR_TOO_LARGE naming the file. */
GBytes   *tb_merge_read_file        (const char       *path,
                                     guint64          *dev,
                                     guint64          *ino,
                                     GError          **error);
/* A fast 64-bit hash of file contents, to find the same contents twice (equal hashes are
 * then compared byte for byte). Not for anything else: not cryptographic. */
guint64   tb_merge_content_hash     (const guint8     *data,
                                     gsize             len);

/* ---- The stream's inputs (tb-merge-stream.c) ------------------------------------------ */

typedef struct
{
  const char *path;       /* in the stream's strings, or NULL */
  const char *source;     /* in the stream's strings */
  TbReport   *report;     /* a report given by the caller, until its job takes it */
  guint       same_as;    /* that report given before: the earlier input, else G_MAXUINT */
} TbMergeStreamInput;

/* ---- What summaries cover, inputs counted twice (tb-merge-covered.c) -------------------- */

typedef struct _TbMergeCovered TbMergeCovered;

/* For the stream's @inputs (TbMergeStreamInput, a reference is kept), when it runs. */
TbMergeCovered *tb_merge_covered_new (GArray           *inputs);
void      tb_merge_covered_free     (TbMergeCovered   *self);
/* Whether jobs made now should compute their file's SHA-256 (any thread). */
gboolean  tb_merge_covered_want_sha256 (TbMergeCovered *self);
/* Whether counting @job would count a report twice (then @error says why). */
gboolean  tb_merge_covered_refuses  (TbMergeCovered   *self,
                                     TbMergeJob       *job,
                                     GError          **error);
/* @job is counted. */
void      tb_merge_covered_add      (TbMergeCovered   *self,
                                     TbMergeJob       *job);
guint     tb_merge_covered_get_n_agencies (TbMergeCovered *self);
/* (transfer full): what the summary of @n_counted inputs covers. */
TbCombined *tb_merge_covered_make   (TbMergeCovered   *self,
                                     guint             n_counted);

/* ---- The sums, one input at a time (tb-merge-sums.c) ---------------------------------- */

typedef struct _TbMergeSums TbMergeSums;

TbMergeSums *tb_merge_sums_new       (const TbFormat   *format);
void      tb_merge_sums_free        (TbMergeSums      *self);
/* Adds an input's cells (tb_format_get_n_cells() of them). */
void      tb_merge_sums_add         (TbMergeSums      *self,
                                     const TbMergeCell *cells);
/* (transfer full): the summary, as tb_merge_build() makes it; its notes are added to @notes. */
TbReport *tb_merge_sums_build       (TbMergeSums      *self,
                                     int               year,
                                     const char       *agency,
                                     GPtrArray        *notes);

/* ---- Inputs found again by a 64-bit key (tb-merge-index.c) ------------------------------ */

typedef struct _TbMergeIndex TbMergeIndex;

TbMergeIndex *tb_merge_index_new     (void);
void      tb_merge_index_free       (TbMergeIndex     *self);
void      tb_merge_index_add        (TbMergeIndex     *self,
                                     guint64           key,
                                     guint             input);
/* The last input added with @key, then the one before it with the same key (@input is an
 * input that has @key); G_MAXUINT when there is none. */
guint     tb_merge_index_first      (TbMergeIndex     *self,
                                     guint64           key);
guint     tb_merge_index_next       (TbMergeIndex     *self,
                                     guint             input);
/* The key of a file in the index of files. */
guint64   tb_merge_file_key         (guint64           dev,
                                     guint64           ino);
/* The earlier counted input of @inputs (TbMergeStreamInput) that @job repeats — the same
 * report given twice, the same file (in @files) or the same contents (in @contents) — with
 * the error that says so; else G_MAXUINT. */
guint     tb_merge_find_duplicate   (GArray           *inputs,
                                     TbMergeIndex     *files,
                                     TbMergeIndex     *contents,
                                     const TbMergeJob *job,
                                     GError          **error);

/* ---- The breakdown file (tb-breakdown.c) ------------------------------------------------ */

typedef struct _TbBreakdown TbBreakdown;

/* Writes to @stream (not closed), or atomically to @path: a temporary file beside it, which
 * replaces it only when tb_breakdown_finish() succeeds. */
TbBreakdown *tb_breakdown_new        (TbBreakdownShape  shape,
                                      GOutputStream    *stream,
                                      const char       *path,
                                      GError          **error);
/* The rows of a breakdown of @n_inputs by report (header and sum rows included); the
 * columns of one by cell. */
guint64   tb_breakdown_count_rows   (guint             n_inputs);
guint64   tb_breakdown_count_columns (guint            n_inputs);
/* Once the inputs' format is known; by report: the header rows. */
gboolean  tb_breakdown_begin        (TbBreakdown      *self,
                                     const TbFormat   *format,
                                     GCancellable     *cancellable,
                                     GError          **error);
/* By report: writes the input's row (the values of @job, if counted). By cell: keeps a
 * counted input's fields (taken from @job: its row and offsets) under @name. */
gboolean  tb_breakdown_add          (TbBreakdown      *self,
                                     const TbMergeItem *item,
                                     TbMergeJob       *job,
                                     const char       *name,
                                     GCancellable     *cancellable,
                                     GError          **error);
/* The sum row (by report) or the table (by cell), then flushes; commits a file. */
gboolean  tb_breakdown_finish       (TbBreakdown      *self,
                                     TbReport         *summary,
                                     GCancellable     *cancellable,
                                     GError          **error);
/* Removes the temporary file if not committed. */
void      tb_breakdown_free         (TbBreakdown      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbBreakdown, tb_breakdown_free)

G_END_DECLS
