/* tb-merge-stream.c: roll up any number of reports, in constant memory, on every core
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inputs go to a GThreadPool as jobs (tb-merge-job.c), at most a window of them ahead
 * of the one being taken: memory stays bounded whatever the number of inputs, and a slow
 * input holds the others back only by the window. The calling thread takes the jobs in
 * input order — waiting for the next one if it is not done — and does everything that
 * depends on the inputs before it: duplicates, the first input's year and format, the sums,
 * the breakdown row, the callbacks. So the results never depend on the thread schedule.
 *
 * The sums (tb-merge-sums.c) follow the rules of tb_merge_build(), input by input.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "tb-draft.h"
#include "tb-merge-private.h"
#include "tb-value.h"

#define NONE G_MAXUINT
/* Jobs in flight per worker thread: enough that a worker never waits for the taker, nor the
 * taker for one slow input (a job holds about 10 KB). */
#define JOBS_PER_THREAD 32
/* How often the taker looks at the cancellable while it waits for a job. */
#define CANCEL_POLL_US  (20 * G_TIME_SPAN_MILLISECOND)

typedef TbMergeStreamInput Input;

typedef struct
{
  TbMergeItem  pub;
  GError      *error;
  char        *agency;
  char       **issue_keys;
} Problem;

struct _TbMergeStream
{
  GArray              *inputs;      /* Input */
  GStringChunk        *strings;
  GHashTable          *given;       /* TbReport* → input + 1, until the run */

  guint                n_threads;
  gboolean             has_breakdown;
  TbBreakdownShape     shape;
  GOutputStream       *stream;
  char                *breakdown_path;
  TbMergeItemFunc      item_func;
  gpointer             item_data;
  TbMergeProgressFunc  progress_func;
  gpointer             progress_data;
  gboolean             ran;
  gboolean             succeeded;

  /* While running: jobs are marked done under @lock, and @cond wakes the taker. */
  GMutex               lock;
  GCond                cond;
  guint                waiting_for;  /* under lock: the job the taker waits for, or NONE */
  GCancellable        *cancellable;
  gint                 stop;
  TbBreakdown         *breakdown;

  /* What is kept */
  const TbFormat      *format;      /* of the first counted input */
  int                  year;
  char                *first_agency;
  const char          *first_source;
  TbMergeSums         *sums;
  guint                n_counted;
  guint                n_ready;
  guint                n_not_counted;
  GPtrArray           *problems;    /* Problem* */
  GPtrArray           *agency_notes; /* char*: agencies given twice */
  GHashTable          *agencies;    /* agency (in strings) → first counted input + 1 */
  GHashTable          *names;       /* by cell: the names of the columns */
  TbMergeIndex        *files;       /* by device and inode */
  TbMergeIndex        *contents;    /* by tb_merge_content_hash() */

  TbMergeCovered      *covered;     /* what summaries cover (tb-combined.h) */
};

/* ------------------------------------------------------------------ setting up */

static void
problem_free (gpointer p)
{
  Problem *problem = p;

  g_clear_error (&problem->error);
  g_free (problem->agency);
  g_strfreev (problem->issue_keys);
  g_free (problem);
}

TbMergeStream *
tb_merge_stream_new (void)
{
  TbMergeStream *self = g_new0 (TbMergeStream, 1);

  self->inputs = g_array_new (FALSE, FALSE, sizeof (Input));
  self->strings = g_string_chunk_new (64 * 1024);
  self->given = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->problems = g_ptr_array_new_with_free_func (problem_free);
  self->agency_notes = g_ptr_array_new_with_free_func (g_free);
  self->agencies = g_hash_table_new (g_str_hash, g_str_equal);
  self->files = tb_merge_index_new ();
  self->contents = tb_merge_index_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->waiting_for = NONE;
  return self;
}

void
tb_merge_stream_free (TbMergeStream *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->inputs->len; i++)
    g_clear_object (&g_array_index (self->inputs, Input, i).report);
  g_array_unref (self->inputs);
  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->given, g_hash_table_unref);
  g_clear_object (&self->stream);
  g_free (self->breakdown_path);
  g_free (self->first_agency);
  tb_merge_sums_free (self->sums);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->agency_notes);
  g_hash_table_unref (self->agencies);
  g_clear_pointer (&self->names, g_hash_table_unref);
  tb_merge_index_free (self->files);
  tb_merge_index_free (self->contents);
  tb_merge_covered_free (self->covered);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
tb_merge_stream_add_file (TbMergeStream *self,
                          const char    *path)
{
  tb_merge_stream_add_file_as (self, path, NULL);
}

void
tb_merge_stream_add_file_as (TbMergeStream *self,
                             const char    *path,
                             const char    *source)
{
  g_autofree char *display = NULL;
  Input in = { NULL, NULL, NULL, NONE };

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->ran);

  in.path = g_string_chunk_insert (self->strings, path);
  display = source ? g_strdup (source) : g_filename_display_name (path);
  in.source = g_str_equal (display, path) ? in.path
                                          : g_string_chunk_insert (self->strings, display);
  g_array_append_val (self->inputs, in);
}

void
tb_merge_stream_add_report (TbMergeStream *self,
                            TbReport      *report,
                            const char    *source)
{
  Input in = { NULL, NULL, NULL, NONE };
  gpointer earlier;

  g_return_if_fail (self != NULL);
  g_return_if_fail (TB_IS_REPORT (report));
  g_return_if_fail (!self->ran);

  if (source == NULL)
    source = tb_report_get_agency (report) ? tb_report_get_agency (report) : "";
  in.source = g_string_chunk_insert (self->strings, source);
  in.report = g_object_ref (report);
  earlier = g_hash_table_lookup (self->given, report);
  if (earlier != NULL)
    in.same_as = GPOINTER_TO_UINT (earlier) - 1;
  else
    g_hash_table_insert (self->given, report, GUINT_TO_POINTER (self->inputs->len + 1));
  g_array_append_val (self->inputs, in);
}

guint
tb_merge_stream_get_n_inputs (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->inputs->len;
}

void
tb_merge_stream_set_n_threads (TbMergeStream *self,
                               guint          n_threads)
{
  g_return_if_fail (self != NULL);
  self->n_threads = n_threads;
}

void
tb_merge_stream_set_breakdown (TbMergeStream    *self,
                               TbBreakdownShape  shape,
                               GOutputStream    *stream)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream));

  g_clear_pointer (&self->breakdown_path, g_free);
  g_set_object (&self->stream, stream);
  self->shape = shape;
  self->has_breakdown = stream != NULL;
}

void
tb_merge_stream_set_breakdown_file (TbMergeStream    *self,
                                    TbBreakdownShape  shape,
                                    const char       *path)
{
  g_return_if_fail (self != NULL);

  g_clear_object (&self->stream);
  g_free (self->breakdown_path);
  self->breakdown_path = g_strdup (path);
  self->shape = shape;
  self->has_breakdown = path != NULL;
}

void
tb_merge_stream_set_item_func (TbMergeStream   *self,
                               TbMergeItemFunc  func,
                               gpointer         user_data)
{
  g_return_if_fail (self != NULL);
  self->item_func = func;
  self->item_data = user_data;
}

void
tb_merge_stream_set_progress_func (TbMergeStream       *self,
                                   TbMergeProgressFunc  func,
                                   gpointer             user_data)
{
  g_return_if_fail (self != NULL);
  self->progress_func = func;
  self->progress_data = user_data;
}

/* ------------------------------------------------------------------ taking an input */

static void
keep_problem (TbMergeStream     *self,
              const TbMergeItem *item)
{
  Problem *problem = g_new0 (Problem, 1);

  problem->pub = *item;
  problem->pub.issues = NULL;
  problem->agency = g_strdup (item->agency);
  problem->pub.agency = problem->agency;
  problem->error = item->error ? g_error_copy (item->error) : NULL;
  problem->pub.error = problem->error;
  problem->issue_keys = g_strdupv ((char **) item->issue_keys);
  problem->pub.issue_keys = (const char *const *) problem->issue_keys;
  g_ptr_array_add (self->problems, problem);
}

/* The first counted input: its format and year are the summary's. */
static gboolean
begin (TbMergeStream    *self,
       const TbMergeJob *job,
       GError          **error)
{
  const Input *in = &g_array_index (self->inputs, Input, job->index);

  self->format = job->format;
  self->year = job->year;
  self->first_agency = g_strdup (job->agency);
  self->first_source = in->source;
  self->sums = tb_merge_sums_new (self->format);
  if (self->breakdown == NULL)
    return TRUE;
  if (!tb_breakdown_begin (self->breakdown, self->format, self->cancellable, error))
    return FALSE;
  /* The rows of the inputs before it: all could not be read. */
  for (guint i = 0; i < self->problems->len; i++)
    {
      const Problem *problem = g_ptr_array_index (self->problems, i);

      if (!tb_breakdown_add (self->breakdown, &problem->pub, NULL, NULL, self->cancellable,
                             error))
        return FALSE;
    }
  return TRUE;
}

static void
count (TbMergeStream *self,
       TbMergeJob    *job,
       char         **name)
{
  const Input *in = &g_array_index (self->inputs, Input, job->index);
  gpointer first;

  tb_merge_sums_add (self->sums, job->cells);
  if (job->has_file_id)
    {
      tb_merge_index_add (self->files, tb_merge_file_key (job->dev, job->ino), job->index);
      tb_merge_index_add (self->contents, job->content_hash, job->index);
    }
  if (*job->agency != '\0')
    {
      first = g_hash_table_lookup (self->agencies, job->agency);
      if (first == NULL)
        g_hash_table_insert (self->agencies, g_string_chunk_insert (self->strings, job->agency),
                             GUINT_TO_POINTER (job->index + 1));
      else
        {
          const Input *earlier = &g_array_index (self->inputs, Input,
                                                 GPOINTER_TO_UINT (first) - 1);

          g_ptr_array_add (self->agency_notes,
                           tb_merge_note_same_agency (job->agency, earlier->source,
                                                      in->source));
        }
    }
  if (self->names != NULL)
    {
      *name = tb_merge_unique_name (self->names, job->agency, in->source, self->n_counted);
      g_hash_table_add (self->names, g_strdup (*name));
    }
  self->n_counted++;
}

static gboolean
take (TbMergeStream *self,
      TbMergeJob    *job,
      GError       **error)
{
  const Input *in = &g_array_index (self->inputs, Input, job->index);
  g_autoptr(GError) refusal = NULL;
  g_autofree char *name = NULL;
  const char *keys[TB_MERGE_ITEM_MAX_ISSUES + 1] = { NULL };
  TbMergeItem item = { 0 };

  item.index = job->index;
  item.source = in->source;
  item.agency = job->agency ? job->agency : "";
  item.duplicate_of = NONE;
  item.year = job->year;
  item.n_agencies = job->format == NULL ? 0
                    : job->combined ? tb_combined_get_n_agencies (job->combined) : 1;
  item.format = job->format;
  item.n_errors = job->n_errors;
  item.n_incomplete = job->n_incomplete;
  item.n_unfilled = job->n_unfilled;
  item.issues = job->issues;
  for (guint i = 0; job->issues != NULL && i < job->issues->len; i++)
    keys[i] = ((const TbIssue *) g_ptr_array_index (job->issues, i))->key;
  item.issue_keys = keys;

  if (job->error != NULL)
    {
      item.status = TB_MERGE_ITEM_FAILED;
      item.error = job->error;
    }
  else if ((item.duplicate_of = tb_merge_find_duplicate (self->inputs, self->files, self->contents,
                                                          job, &refusal)) != NONE)
    {
      item.status = TB_MERGE_ITEM_REFUSED;
      item.error = refusal;
    }
  else if (tb_merge_covered_refuses (self->covered, job, &refusal))
    {
      item.status = TB_MERGE_ITEM_REFUSED;
      item.error = refusal;
    }
  else if (self->format != NULL && (job->format != self->format || job->year != self->year))
    {
      tb_merge_set_mixed_error (&refusal, job->agency, in->source, job->format, job->year,
                                self->first_agency, self->first_source, self->format,
                                self->year);
      item.status = TB_MERGE_ITEM_REFUSED;
      item.error = refusal;
    }
  else
    {
      if (self->format == NULL && !begin (self, job, error))
        return FALSE;
      count (self, job, &name);
      tb_merge_covered_add (self->covered, job);
      item.status = job->n_errors == 0 && job->n_incomplete == 0 && job->n_unfilled == 0
                    ? TB_MERGE_ITEM_READY : TB_MERGE_ITEM_NOT_READY;
      self->n_ready += item.status == TB_MERGE_ITEM_READY;
    }
  if (item.status == TB_MERGE_ITEM_FAILED || item.status == TB_MERGE_ITEM_REFUSED)
    self->n_not_counted++;
  if (item.status != TB_MERGE_ITEM_READY)
    keep_problem (self, &item);

  if (self->item_func != NULL)
    self->item_func (&item, self->item_data);
  /* Before the first counted input the format is not known: its rows wait (begin()). */
  if (self->breakdown != NULL && self->format != NULL &&
      !tb_breakdown_add (self->breakdown, &item, job, name, self->cancellable, error))
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ running */

/* What the worker threads share, set up once before them: libxml2's globals (its parser
 * initialisation is not thread-safe; the format registry, which parses the formats with it,
 * usually did it already), the format registry (itself behind a g_once), the report class
 * and the error quarks (G_DEFINE_QUARK caches without a lock). Translations (gettext),
 * quarks and interned strings are thread-safe; the rest of what the workers call
 * (tb_draft_parse(), tb_rules_check(), tb_value_*()) reads only the formats and its own
 * objects. */
static gpointer
prepare_threads (gpointer data)
{
  g_autoptr(GPtrArray) formats = NULL;

  xmlInitParser ();
  formats = tb_format_list ();
  g_type_class_unref (g_type_class_ref (TB_TYPE_REPORT));
  (void) tb_draft_error_quark ();
  (void) tb_parse_error_quark ();
  (void) tb_merge_error_quark ();
  (void) g_io_error_quark ();
  return NULL;
}

static void
work (gpointer data,
      gpointer user_data)
{
  TbMergeJob *job = data;
  TbMergeStream *self = user_data;

  if (!g_atomic_int_get (&self->stop) && !g_cancellable_is_cancelled (self->cancellable))
    tb_merge_job_run (job);
  g_mutex_lock (&self->lock);
  job->done = TRUE;
  /* Only the job the taker waits for wakes it: one wake-up per job otherwise, each a
   * context switch on a machine with no core to spare. */
  if (self->waiting_for == job->index)
    g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Waits for @job; FALSE if cancelled first. */
static gboolean
wait_for (TbMergeStream *self,
          TbMergeJob    *job)
{
  gboolean done;

  g_mutex_lock (&self->lock);
  self->waiting_for = job->index;
  while (!(done = job->done) && !g_cancellable_is_cancelled (self->cancellable))
    g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + CANCEL_POLL_US);
  self->waiting_for = NONE;
  g_mutex_unlock (&self->lock);
  return done && !g_cancellable_is_cancelled (self->cancellable);
}

static TbMergeJob *
make_job (TbMergeStream *self,
          guint          index)
{
  Input *in = &g_array_index (self->inputs, Input, index);
  TbMergeJob *job = g_new0 (TbMergeJob, 1);

  job->index = index;
  job->path = in->path;
  job->report = g_steal_pointer (&in->report);
  job->by_cell = self->names != NULL;
  job->want_sha256 = tb_merge_covered_want_sha256 (self->covered);
  return job;
}

static gboolean
check_fits (TbMergeStream *self,
            GError       **error)
{
  guint n = self->inputs->len;

  if (!self->has_breakdown)
    return TRUE;
  if (self->shape == TB_BREAKDOWN_BY_CELL &&
      tb_breakdown_count_columns (n) > TB_BREAKDOWN_MAX_COLUMNS)
    {
      g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_TOO_MANY,
                   _("The breakdown by cell has a column for each report, and a spreadsheet "
                     "has at most %u columns: %u reports do not fit. Make the breakdown by "
                     "report instead."),
                   TB_BREAKDOWN_MAX_COLUMNS, n);
      return FALSE;
    }
  if (self->shape == TB_BREAKDOWN_BY_REPORT &&
      tb_breakdown_count_rows (n) > TB_BREAKDOWN_MAX_ROWS)
    {
      g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_TOO_MANY,
                   _("The breakdown has a row for each report, and a spreadsheet has at most "
                     "%u rows: %u reports do not fit. Combine them in parts, then combine "
                     "the parts' summaries."),
                   TB_BREAKDOWN_MAX_ROWS, n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish (TbMergeStream *self,
        GError       **error)
{
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  if (self->n_counted == 0)
    {
      g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE, "%u report was given and it could not be combined",
                                "None of the %u reports could be combined", self->inputs->len),
                   self->inputs->len);
      return FALSE;
    }
  if (self->breakdown == NULL)
    return TRUE;
  notes = g_ptr_array_new_with_free_func (g_free);
  summary = tb_merge_sums_build (self->sums, self->year, NULL, notes);
  {
    g_autoptr(TbCombined) combined = tb_merge_covered_make (self->covered, self->n_counted);

    tb_report_set_combined (summary, combined);
  }
  return tb_breakdown_finish (self->breakdown, summary, self->cancellable, error);
}

gboolean
tb_merge_stream_run (TbMergeStream *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  static GOnce prepared = G_ONCE_INIT;
  g_autofree TbMergeJob **ring = NULL;
  GThreadPool *pool;
  guint n, n_threads, window, next = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->ran, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->ran = TRUE;
  g_clear_pointer (&self->given, g_hash_table_unref);
  n = self->inputs->len;
  if (n == 0)
    {
      g_set_error_literal (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY,
                           _("There are no reports to combine"));
      return FALSE;
    }
  if (!check_fits (self, error))
    return FALSE;
  self->covered = tb_merge_covered_new (self->inputs);
  if (self->has_breakdown)
    {
      self->breakdown = tb_breakdown_new (self->shape, self->stream, self->breakdown_path,
                                          error);
      if (self->breakdown == NULL)
        return FALSE;
      if (self->shape == TB_BREAKDOWN_BY_CELL)
        self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  g_once (&prepared, prepare_threads, NULL);
  n_threads = self->n_threads > 0 ? self->n_threads : g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, n);
  window = MIN (n, JOBS_PER_THREAD * n_threads);
  ring = g_new0 (TbMergeJob *, window);
  self->cancellable = cancellable;
  pool = g_thread_pool_new (work, self, (int) n_threads, TRUE, error);
  if (pool == NULL)
    {
      g_clear_pointer (&self->breakdown, tb_breakdown_free);
      self->cancellable = NULL;
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      TbMergeJob *job;

      for (; next < n && next < i + window; next++)
        {
          ring[next % window] = make_job (self, next);
          g_thread_pool_push (pool, ring[next % window], NULL);
        }
      job = ring[i % window];
      if (!wait_for (self, job))
        {
          ok = FALSE;
          g_cancellable_set_error_if_cancelled (cancellable, error);
          break;
        }
      ring[i % window] = NULL;
      ok = take (self, job, error);
      tb_merge_job_free (job);
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      if (!ok)
        break;
      if (self->progress_func != NULL)
        self->progress_func (i + 1, n, self->progress_data);
    }

  /* The jobs in flight end at once when stopped. */
  g_atomic_int_set (&self->stop, 1);
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < window; i++)
    tb_merge_job_free (ring[i]);

  if (ok)
    ok = finish (self, error);
  g_clear_pointer (&self->breakdown, tb_breakdown_free);
  self->cancellable = NULL;
  self->succeeded = ok;
  return ok;
}

/* ------------------------------------------------------------------ results */

const TbFormat *
tb_merge_stream_get_format (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->format;
}

int
tb_merge_stream_get_year (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

guint
tb_merge_stream_get_n_counted (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_counted;
}

guint
tb_merge_stream_get_n_ready (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_ready;
}

guint
tb_merge_stream_get_n_not_counted (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_not_counted;
}

guint
tb_merge_stream_get_n_agencies (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->covered ? tb_merge_covered_get_n_agencies (self->covered) : 0;
}

guint
tb_merge_stream_get_n_problems (TbMergeStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->problems->len;
}

const TbMergeItem *
tb_merge_stream_get_problem (TbMergeStream *self,
                             guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->problems->len, NULL);
  return &((const Problem *) g_ptr_array_index (self->problems, index))->pub;
}

TbReport *
tb_merge_stream_build (TbMergeStream *self,
                       const char    *agency,
                       GPtrArray    **notes,
                       GError       **error)
{
  g_autoptr(GPtrArray) out_notes = NULL;
  TbReport *summary;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->succeeded)
    {
      g_set_error_literal (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY,
                           _("There are no reports to combine"));
      return NULL;
    }
  out_notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->agency_notes->len; i++)
    g_ptr_array_add (out_notes, g_strdup (g_ptr_array_index (self->agency_notes, i)));
  summary = tb_merge_sums_build (self->sums, self->year, agency, out_notes);
  {
    g_autoptr(TbCombined) combined = tb_merge_covered_make (self->covered, self->n_counted);

    tb_report_set_combined (summary, combined);
  }
  if (notes != NULL)
    *notes = g_steal_pointer (&out_notes);
  return summary;
}
