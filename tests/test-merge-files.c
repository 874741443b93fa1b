/* test-merge-files.c: TbMergeStream on thousands of draft files
 *
 * The same bytes whatever the number of threads; damaged, missing, refused and repeated
 * inputs named with the reason while the others are summed; cancelling that leaves no file.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include "tb-draft.h"
#include "tb-merge-stream.h"
#include "tb-merge.h"

#include "tb-test-merge.h"
#include "tb-test-util.h"

/* ------------------------------------------------------------------ the inputs */


/* A draft file cut where the agency goes, to write many drafts fast. */
typedef struct
{
  TbReport *report;
  char     *head;
  char     *tail;
} Template;

#define AGENCY_MARK "@@AGENCY@@"

static void
template_init (Template *t,
               TbReport *report)
{
  g_autofree char *agency = g_strdup (tb_report_get_agency (report));
  g_autoptr(GBytes) bytes = NULL;
  const char *data, *mark;

  t->report = report;
  tb_report_set_agency (report, AGENCY_MARK);
  bytes = tb_draft_serialize (report);
  tb_report_set_agency (report, agency);
  data = g_bytes_get_data (bytes, NULL);
  mark = strstr (data, AGENCY_MARK);
  g_assert_nonnull (mark);
  t->head = g_strndup (data, mark - data);
  t->tail = g_strdup (mark + strlen (AGENCY_MARK));
}

static void
template_clear (Template *t)
{
  g_clear_object (&t->report);
  g_clear_pointer (&t->head, g_free);
  g_clear_pointer (&t->tail, g_free);
}

static void
template_write (const Template *t,
                const char     *path,
                const char     *agency)
{
  g_autofree char *escaped = g_markup_escape_text (agency, -1);
  g_autofree char *text = g_strconcat (t->head, escaped, t->tail, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644,
                                           &error));
  g_assert_no_error (error);
}

/* The inputs of the runs below: @n drafts from a few complete reports, with, among them, a
 * damaged file, a missing one, a folder, one on another year, one not ready, the same file
 * twice (by name and through a link) and the same contents twice. @counted: (optional): the
 * reports that must be counted. */
static GPtrArray *
write_inputs (const TbTestTmpDir *tmp,
              guint         n,
              GPtrArray    *counted)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  Template t[3] = { { NULL } };
  g_autoptr(TbReport) other_year = tb_test_make_report ("2021", 2023, "某县往年局", 9);
  g_autoptr(TbReport) not_ready = tb_test_make_report ("2021", 2024, "某县未完局", 8);

  for (guint k = 0; k < G_N_ELEMENTS (t); k++)
    template_init (&t[k], tb_test_make_report ("2021", 2024, "", k + 1));
  tb_report_clear_cell (not_ready, tb_test_cell (not_ready, "t3.r3_3_2.biz"));
  tb_rules_compute_totals (not_ready);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%05u.tianbao", i);
      g_autofree char *agency = g_strdup_printf ("某县第%u局", i + 1);
      char *path = tb_test_tmp_file (tmp, name);

      template_write (&t[i % G_N_ELEMENTS (t)], path, agency);
      g_ptr_array_add (paths, path);
    }
  for (guint k = 0; k < G_N_ELEMENTS (t); k++)
    template_clear (&t[k]);

  /* damaged in the middle */
  tb_test_write_file (g_ptr_array_index (paths, n / 2), "<tianbao-report version=\"1\"", -1);
  g_free (g_ptr_array_index (paths, n / 3));
  paths->pdata[n / 3] = tb_test_tmp_file (tmp, "missing.tianbao");
  g_free (g_ptr_array_index (paths, n / 4));
  paths->pdata[n / 4] = g_strdup (tmp->path);
  g_assert_true (tb_draft_save (other_year, g_ptr_array_index (paths, 5), NULL));
  g_assert_true (tb_draft_save (not_ready, g_ptr_array_index (paths, 6), NULL));
  /* What must be counted, as the files hold it. */
  for (guint i = 0; counted != NULL && i < n; i++)
    if (i < G_N_ELEMENTS (t) || i == 6)
      {
        g_autoptr(GError) error = NULL;

        g_ptr_array_add (counted, tb_draft_load (g_ptr_array_index (paths, i), &error));
        g_assert_no_error (error);
      }
    else if (i != n / 2 && i != n / 3 && i != n / 4 && i != 5)
      g_ptr_array_add (counted, g_object_ref (g_ptr_array_index (counted, i % G_N_ELEMENTS (t))));
  {
    g_autofree char *link = tb_test_tmp_file (tmp, "link.tianbao");
    g_autofree char *copy = tb_test_tmp_file (tmp, "copy.tianbao");
    g_autoptr(GBytes) bytes = tb_test_read_bytes (g_ptr_array_index (paths, 2));

    g_assert_cmpint (symlink (g_ptr_array_index (paths, 1), link), ==, 0);
    tb_test_write_file (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_ptr_array_add (paths, g_strdup (g_ptr_array_index (paths, 0)));
    g_ptr_array_add (paths, g_steal_pointer (&link));
    g_ptr_array_add (paths, g_steal_pointer (&copy));
  }
  return paths;
}

typedef struct
{
  GBytes   *by_report;
  GBytes   *by_cell;
  GBytes   *summary;
  GString  *notes;
  GString  *log;
} RunResult;

static void
run_result_clear (RunResult *r)
{
  g_clear_pointer (&r->by_report, g_bytes_unref);
  g_clear_pointer (&r->by_cell, g_bytes_unref);
  g_clear_pointer (&r->summary, g_bytes_unref);
  if (r->notes != NULL)
    g_string_free (r->notes, TRUE);
  if (r->log != NULL)
    g_string_free (r->log, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

static TbMergeStream *
run_files (GPtrArray        *paths,
           guint             n_threads,
           TbBreakdownShape  shape,
           const char       *csv_path,
           TbTestSeen             *seen)
{
  TbMergeStream *merge = tb_merge_stream_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < paths->len; i++)
    tb_merge_stream_add_file (merge, g_ptr_array_index (paths, i));
  tb_merge_stream_set_n_threads (merge, n_threads);
  tb_merge_stream_set_breakdown_file (merge, shape, csv_path);
  tb_merge_stream_set_item_func (merge, tb_test_on_item, seen);
  tb_merge_stream_set_progress_func (merge, tb_test_on_progress, seen);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->n_items, ==, paths->len);
  g_assert_cmpuint (seen->n_progress, ==, paths->len);
  return merge;
}

static void
run_with_threads (const TbTestTmpDir *tmp,
                  GPtrArray    *paths,
                  guint         n_threads,
                  RunResult    *result)
{
  g_autofree char *csv = tb_test_tmp_file (tmp, "breakdown.csv");
  g_autoptr(TbMergeStream) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  TbTestSeen seen = { g_string_new (NULL), 0, 0, 0 };
  TbTestSeen seen_cell = { g_string_new (NULL), 0, 0, 0 };

  merge = run_files (paths, n_threads, TB_BREAKDOWN_BY_REPORT, csv, &seen);
  result->by_report = tb_test_read_bytes (csv);
  summary = tb_merge_stream_build (merge, "某县人民政府办公室", &notes, NULL);
  result->summary = tb_draft_serialize (summary);
  result->notes = g_string_new (NULL);
  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (result->notes, "%s\n", (char *) g_ptr_array_index (notes, i));
  result->log = seen.log;
  g_clear_pointer (&merge, tb_merge_stream_free);

  merge = run_files (paths, n_threads, TB_BREAKDOWN_BY_CELL, csv, &seen_cell);
  result->by_cell = tb_test_read_bytes (csv);
  g_assert_cmpstr (seen_cell.log->str, ==, seen.log->str);
  g_string_free (seen_cell.log, TRUE);
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

/* The same inputs with 1, 2 and 4 threads: the same items in the same order, the same
 * summary and notes, the same breakdowns, byte for byte. */
static void
test_stream_threads (void)
{
  g_auto(TbTestTmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_auto(RunResult) one = { NULL };
  guint threads[] = { 2, 4 };

  tb_test_tmp_dir_init (&tmp);
  paths = write_inputs (&tmp, 150, NULL);
  run_with_threads (&tmp, paths, 1, &one);
  for (guint k = 0; k < G_N_ELEMENTS (threads); k++)
    {
      g_auto(RunResult) other = { NULL };

      run_with_threads (&tmp, paths, threads[k], &other);
      g_assert_cmpstr (other.log->str, ==, one.log->str);
      g_assert_cmpstr (other.notes->str, ==, one.notes->str);
      assert_same_bytes (other.summary, one.summary);
      assert_same_bytes (other.by_report, one.by_report);
      assert_same_bytes (other.by_cell, one.by_cell);
    }
}

/* Of 10,000 drafts, the damaged, missing and unreadable ones are named with the reason and
 * the others are summed; the same file or contents given twice is refused (an error, not a
 * note); the breakdown has a row for each. */
static void
test_stream_failures (void)
{
  g_auto(TbTestTmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) counted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TbMergeStream) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *text = NULL;
  TbTestSeen seen = { g_string_new (NULL), 0, 0, 0 };
  const TbFormat *f = tb_format_get ("2021");
  guint n = 10000, n_rows = 0;

  tb_test_tmp_dir_init (&tmp);
  paths = write_inputs (&tmp, n, counted);
  csv_path = tb_test_tmp_file (&tmp, "breakdown.csv");
  merge = run_files (paths, 0, TB_BREAKDOWN_BY_REPORT, csv_path, &seen);

  /* Named, with the reason. */
  g_assert_cmpuint (tb_merge_stream_get_n_not_counted (merge), ==, 7);
  g_assert_cmpuint (tb_merge_stream_get_n_counted (merge), ==, counted->len);
  g_assert_cmpuint (tb_merge_stream_get_n_counted (merge), ==, n - 4);
  g_assert_cmpuint (tb_merge_stream_get_n_ready (merge), ==, n - 5);
  g_assert_cmpuint (tb_merge_stream_get_n_problems (merge), ==, 8);
  for (guint i = 0; i < tb_merge_stream_get_n_problems (merge); i++)
    {
      const TbMergeItem *item = tb_merge_stream_get_problem (merge, i);

      g_test_message ("%u %s: %s", item->index, item->source,
                      item->error ? item->error->message : "not ready");
      g_assert_true (i == 0 || item->index > tb_merge_stream_get_problem (merge, i - 1)->index);
      if (item->index == n / 4 || item->index == n / 3 || item->index == n / 2)
        {
          int code = item->index == n / 2 ? TB_DRAFT_ERROR_MALFORMED : TB_DRAFT_ERROR_IO;

          g_assert_cmpint (item->status, ==, TB_MERGE_ITEM_FAILED);
          g_assert_error ((GError *) item->error, TB_DRAFT_ERROR, code);
          g_assert_nonnull (strstr (item->error->message, item->source));
          g_assert_nonnull (strstr (seen.log->str, item->error->message));
        }
      else if (item->index == 5)
        {
          g_assert_cmpint (item->status, ==, TB_MERGE_ITEM_REFUSED);
          g_assert_error ((GError *) item->error, TB_MERGE_ERROR, TB_MERGE_ERROR_MIXED);
        }
      else if (item->index == 6)
        {
          g_assert_cmpint (item->status, ==, TB_MERGE_ITEM_NOT_READY);
          g_assert_cmpuint (item->n_unfilled, ==, 1);
        }
      else
        {
          /* the file 0 again, a link to the file 1, a copy of the file 2 */
          g_assert_cmpuint (item->index, >=, n);
          g_assert_cmpint (item->status, ==, TB_MERGE_ITEM_REFUSED);
          g_assert_error ((GError *) item->error, TB_MERGE_ERROR, TB_MERGE_ERROR_DUPLICATE);
          g_assert_cmpuint (item->duplicate_of, ==, item->index - n);
          g_assert_nonnull (strstr (item->error->message,
                                    item->index - n == 2 ? "same contents" : "same file"));
        }
    }

  /* The others are summed: the sums computed here. */
  summary = tb_merge_stream_build (merge, NULL, NULL, NULL);
  for (guint c = 0; c < tb_format_get_n_cells (f); c++)
    {
      const TbCellValue *v = tb_report_get_cell (summary, c);
      TbCellState state;
      gint64 value = 0;
      const char *unit;

      tb_test_expect_sum (counted, tb_format_get_cell (f, c), &state, &value, &unit);
      g_assert_cmpint (v->state, ==, state);
      g_assert_cmpint (v->value, ==, value);
    }
  g_assert_cmpint (tb_test_state (summary, "t3.r3_3_2.biz"), ==, TB_CELL_EMPTY);

  /* A row for each input, between the 4 header rows and the sums. */
  csv = tb_test_read_bytes (csv_path);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 4 + paths->len + 1);
  g_assert_nonnull (strstr (text, ",could not be read,"));
  g_assert_nonnull (strstr (text, ",not counted,"));
  g_string_free (seen.log, TRUE);
}

/* ------------------------------------------------------------------ streaming: cancelling */

typedef struct
{
  GCancellable *cancellable;
  guint         at;          /* cancel when this many inputs are taken */
  guint         taken;
  /* From another thread: the run waits at @at until it has cancelled. */
  gboolean      other_thread;
  GMutex        lock;
  GCond         cond;
  gboolean      waiting;
  gboolean      cancelled;
} Canceller;

static void
cancel_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Canceller *c = user_data;

  c->taken = done;
  if (done != c->at)
    return;
  if (!c->other_thread)
    {
      g_cancellable_cancel (c->cancellable);
      return;
    }
  g_mutex_lock (&c->lock);
  c->waiting = TRUE;
  g_cond_broadcast (&c->cond);
  while (!c->cancelled)
    g_cond_wait (&c->cond, &c->lock);
  g_mutex_unlock (&c->lock);
}

static gpointer
cancel_thread (gpointer data)
{
  Canceller *c = data;

  g_mutex_lock (&c->lock);
  while (!c->waiting)
    g_cond_wait (&c->cond, &c->lock);
  g_cancellable_cancel (c->cancellable);
  c->cancelled = TRUE;
  g_cond_broadcast (&c->cond);
  g_mutex_unlock (&c->lock);
  return NULL;
}

/* Cancelled, the run stops at once and leaves no file: no breakdown, no temporary file, and
 * a breakdown that was there before is unchanged. */
static void
test_stream_cancel (void)
{
  g_auto(TbTestTmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *old = NULL;
  guint n_entries;

  tb_test_tmp_dir_init (&tmp);
  paths = write_inputs (&tmp, 400, NULL);
  old = tb_test_tmp_file (&tmp, "old.csv");
  tb_test_write_file (old, "before", -1);
  csv = tb_test_tmp_file (&tmp, "breakdown.csv");
  n_entries = tb_test_count_entries (tmp.path);

  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) kept = NULL;
      g_autoptr(GThread) thread = NULL;
      Canceller c = { cancellable, k < 2 ? 30 : 200, 0, k % 2 == 1 };

      g_mutex_init (&c.lock);
      g_cond_init (&c.cond);
      for (guint i = 0; i < paths->len; i++)
        tb_merge_stream_add_file (merge, g_ptr_array_index (paths, i));
      tb_merge_stream_set_breakdown_file (merge, k < 2 ? TB_BREAKDOWN_BY_REPORT
                                                       : TB_BREAKDOWN_BY_CELL,
                                          k == 0 ? old : csv);
      tb_merge_stream_set_progress_func (merge, cancel_progress, &c);
      if (c.other_thread)
        thread = g_thread_new ("canceller", cancel_thread, &c);
      g_assert_false (tb_merge_stream_run (merge, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (thread != NULL)
        g_thread_join (g_steal_pointer (&thread));
      /* Stopped right after the input it was cancelled at. */
      g_assert_cmpuint (c.taken, ==, c.at);
      g_assert_cmpuint (tb_test_count_entries (tmp.path), ==, n_entries);
      g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
      kept = tb_test_read_bytes (old);
      g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "before", 6);
      g_mutex_clear (&c.lock);
      g_cond_clear (&c.cond);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/stream/threads", test_stream_threads);
  g_test_add_func ("/merge/stream/failures", test_stream_failures);
  g_test_add_func ("/merge/stream/cancel", test_stream_cancel);

  return g_test_run ();
}
