/* tb-merge-stream.h: roll up any number of reports, in constant memory, on every core
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TbMergeStream combines reports as TbMerge does (tb-merge.h: the same sums, units, notes and
 * summary for the same inputs) without holding them: each input — a draft file, or a report
 * given by the caller — is read, checked (tb_rules_check()), added into the sums and its row
 * of the breakdown written, then freed. Reading, parsing and checking run on a pool of
 * threads, a few inputs ahead; the results are taken in the order the inputs were added, so
 * the summary, the notes and the breakdown are the same bytes whatever the number of threads.
 *
 * An input that cannot be read, is on another year or in another format than the first one
 * counted, or is given twice (the same file, also through a link, or a file with the same
 * contents as an earlier one) is not counted: it is named with the reason and the others are
 * combined. So is a summary given with one of the files it was made from, or made from a
 * file another summary was made from too (tb-combined.h): it would count reports twice.
 *
 * The summary records what it covers (tb_report_get_combined()): the agencies (summaries
 * count theirs) and the files it was made from, with their SHA-256. Whether a summary with inputs left out may be saved is the caller's decision
 * (tb_merge_stream_get_n_not_counted()).
 *
 * What is kept while running: the sums; per input, its name for messages and what finds the
 * same agency, file or contents again (a few hundred bytes); the inputs with problems (their
 * counts and first issue keys); and a few inputs in flight per thread. The breakdown by cell
 * also keeps every counted input's values until the end, since it has one column per input
 * (it is for small counts: at most TB_BREAKDOWN_MAX_COLUMNS columns).
 *
 * Typical use:
 *
 *   g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
 *
 *   for (i = 0; paths[i]; i++)
 *     tb_merge_stream_add_file (merge, paths[i]);
 *   tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_REPORT, "县汇总.csv");
 *   tb_merge_stream_set_item_func (merge, print_item, NULL);
 *   if (!tb_merge_stream_run (merge, cancellable, &error))
 *     …   (nothing was written)
 *   summary = tb_merge_stream_build (merge, "某县人民政府办公室", &notes, &error);
 */
#pragma once

#include <gio/gio.h>

#include "tb-report.h"
#include "tb-rules.h"

G_BEGIN_DECLS

typedef enum
{
  TB_BREAKDOWN_BY_REPORT,  /* one row per report (agency, file, year, format, status,
                              counts, problems), one column per cell, under header rows
                              with the official section, row and column labels and the cell
                              ids; a last row with the sums */
  TB_BREAKDOWN_BY_CELL,    /* one row per cell, one column per report, then the sum: the
                              shape of tb_merge_breakdown_csv(), byte for byte */
} TbBreakdownShape;

/* What spreadsheet programs open (Excel, WPS, LibreOffice Calc): rows and columns of a sheet. */
#define TB_BREAKDOWN_MAX_ROWS     1048576u
#define TB_BREAKDOWN_MAX_COLUMNS  16384u
/* Issues kept per input with problems (see TbMergeItem). */
#define TB_MERGE_ITEM_MAX_ISSUES  3

typedef enum
{
  TB_MERGE_ITEM_READY,      /* counted: no error, nothing incomplete, nothing unfilled */
  TB_MERGE_ITEM_NOT_READY,  /* counted; where its cells are not filled the sums are empty */
  TB_MERGE_ITEM_FAILED,     /* not counted: could not be read (error) */
  TB_MERGE_ITEM_REFUSED,    /* not counted: on another year or in another format
                               (TB_MERGE_ERROR_MIXED), given twice
                               (TB_MERGE_ERROR_DUPLICATE), or counted already through a
                               summary (TB_MERGE_ERROR_COUNTED_TWICE) */
} TbMergeItemStatus;

typedef struct
{
  guint              index;         /* in the order of tb_merge_stream_add_*() */
  const char        *source;        /* the file's display name, or the source given */
  const char        *agency;        /* trimmed; "" if none or not read */
  TbMergeItemStatus  status;
  const GError      *error;         /* why it is not counted (FAILED, REFUSED), else NULL */
  guint              duplicate_of;  /* given twice: the index of the earlier input, else
                                       G_MAXUINT */
  int                year;          /* 0 if not read */
  guint              n_agencies;    /* the agencies it covers: 1, or a summary's count (0 if
                                       not read) */
  const TbFormat    *format;        /* NULL if not read */
  guint              n_errors;      /* as TbMergeInput (tb-merge.h) */
  guint              n_incomplete;
  guint              n_unfilled;
  /* The first TB_MERGE_ITEM_MAX_ISSUES errors and incomplete parts, in tb_rules_check()
   * order: their keys (NULL-terminated), and the issues themselves (TbIssue*) only while
   * the TbMergeItemFunc runs (NULL in tb_merge_stream_get_problem()). */
  const char *const *issue_keys;
  GPtrArray         *issues;
} TbMergeItem;

/* Called on the thread that runs tb_merge_stream_run(), once per input, in input order. */
typedef void (*TbMergeItemFunc)     (const TbMergeItem *item,
                                     gpointer           user_data);
/* Called on the same thread after each input: @done of @total inputs taken. */
typedef void (*TbMergeProgressFunc) (guint              done,
                                     guint              total,
                                     gpointer           user_data);

typedef struct _TbMergeStream TbMergeStream;

TbMergeStream     *tb_merge_stream_new                (void);
void               tb_merge_stream_free               (TbMergeStream       *self);

/* Inputs, before tb_merge_stream_run(). A file is read when its turn comes; a given report
 * (a reference is taken) is read from worker threads: it must not change until the run
 * ends. @source names it in messages and the breakdown (NULL: its agency). */
void               tb_merge_stream_add_file           (TbMergeStream       *self,
                                                       const char          *path);
/* The same, named @source in messages and the breakdown (NULL: the path, for display). */
void               tb_merge_stream_add_file_as        (TbMergeStream       *self,
                                                       const char          *path,
                                                       const char          *source);
void               tb_merge_stream_add_report         (TbMergeStream       *self,
                                                       TbReport            *report,
                                                       const char          *source);
guint              tb_merge_stream_get_n_inputs       (TbMergeStream       *self);

/* Worker threads: 0 (the default) for one per processor (g_get_num_processors()). */
void               tb_merge_stream_set_n_threads      (TbMergeStream       *self,
                                                       guint                n_threads);
/* The breakdown goes to @stream (written, not closed; on failure it may hold part of it),
 * or to the file @path, which is replaced only when the run succeeds (a temporary file
 * beside it until then). Default: no breakdown. */
void               tb_merge_stream_set_breakdown      (TbMergeStream       *self,
                                                       TbBreakdownShape     shape,
                                                       GOutputStream       *stream);
void               tb_merge_stream_set_breakdown_file (TbMergeStream       *self,
                                                       TbBreakdownShape     shape,
                                                       const char          *path);
void               tb_merge_stream_set_item_func      (TbMergeStream       *self,
                                                       TbMergeItemFunc      func,
                                                       gpointer             user_data);
void               tb_merge_stream_set_progress_func  (TbMergeStream       *self,
                                                       TbMergeProgressFunc  func,
                                                       gpointer             user_data);

/* Reads, checks and sums every input and writes the breakdown; blocks until done (run it in
 * a thread to keep a window responsive). Once per stream. Fails, writing no breakdown file,
 * when @cancellable is cancelled (G_IO_ERROR_CANCELLED; it stops within an input per
 * thread), when the breakdown cannot be written or cannot fit a sheet
 * (TB_MERGE_ERROR_TOO_MANY), or when no input can be counted (TB_MERGE_ERROR_EMPTY). Inputs
 * that are not counted do not make it fail. */
gboolean           tb_merge_stream_run                (TbMergeStream       *self,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* After a successful run. The format and year of the counted inputs. */
const TbFormat    *tb_merge_stream_get_format         (TbMergeStream       *self);
int                tb_merge_stream_get_year           (TbMergeStream       *self);
guint              tb_merge_stream_get_n_counted      (TbMergeStream       *self);
guint              tb_merge_stream_get_n_ready        (TbMergeStream       *self);
guint              tb_merge_stream_get_n_not_counted  (TbMergeStream       *self);
/* The agencies the counted inputs cover (a summary counts its own). */
guint              tb_merge_stream_get_n_agencies     (TbMergeStream       *self);
/* The inputs that are not ready or not counted, in input order. */
guint              tb_merge_stream_get_n_problems     (TbMergeStream       *self);
const TbMergeItem *tb_merge_stream_get_problem        (TbMergeStream       *self,
                                                       guint                index);

/* (transfer full): the summary, as tb_merge_build() makes it from the counted inputs.
 * @notes: (out) (optional) (transfer full): char* messages (as tb_merge_build()). */
TbReport          *tb_merge_stream_build              (TbMergeStream       *self,
                                                       const char          *agency,
                                                       GPtrArray          **notes,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbMergeStream, tb_merge_stream_free)

G_END_DECLS
