/* test-merge-stream.c: TbMergeStream gives what TbMerge gives, within its limits
 *
 * Any number of inputs, on every core: the sums checked against sums computed here, the same
 * summary, notes and breakdown as TbMerge, what it refuses before reading anything, and the
 * breakdown by report opened in LibreOffice Calc. Draft files on many threads, broken inputs
 * and cancelling are in test-merge-files.c.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-merge-stream.h"
#include "tb-merge.h"
#include "tb-value.h"

#include "tb-test-merge.h"
#include "tb-test-util.h"

/* ------------------------------------------------------------------ helpers */

static TbMergeStream *
stream_of_reports (TbReport *const *reports,
                   guint            n)
{
  TbMergeStream *merge = tb_merge_stream_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *source = g_strdup_printf ("input-%u.tianbao", i + 1);

      tb_merge_stream_add_report (merge, reports[i], source);
    }
  return merge;
}

static void
assert_same_notes (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
assert_same_report (TbReport *a,
                    TbReport *b)
{
  g_autoptr(GBytes) x = tb_draft_serialize (a);
  g_autoptr(GBytes) y = tb_draft_serialize (b);

  g_assert_cmpmem (g_bytes_get_data (x, NULL), g_bytes_get_size (x),
                   g_bytes_get_data (y, NULL), g_bytes_get_size (y));
}

/* ------------------------------------------------------------------ streaming: sums */

/* A report whose every part has a random value (kept within what a sum of 64 of them can
 * hold), with a few cells left empty or unreadable when @blanks; 2019's 采购总金额 in @unit
 * (NULL: 元 or 万元 at random). Totals computed. */
static TbReport *
random_report (const char *format_id,
               int         year,
               guint       i,
               GRand      *rand,
               gboolean    blanks,
               const char *unit)
{
  g_autofree char *agency = g_strdup_printf ("第%u局", i + 1);
  TbReport *report = tb_test_make_report (format_id, year, agency, i);
  const TbFormat *f = tb_report_get_format (report);

  tb_report_freeze (report);
  for (guint c = 0; c < tb_format_get_n_cells (f); c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (f, c);
      const char *unit_here = unit;
      gint64 quantum = 1;

      if (spec->total_rule >= 0)
        continue;
      for (guint d = spec->decimals; d < 4; d++)
        quantum *= 10;
      switch (spec->kind)
        {
        case TB_CELL_COUNT:
          tb_report_set_cell_value (report, c, g_rand_int_range (rand, 0, 100000), NULL);
          break;
        case TB_CELL_SIGNED:
          tb_report_set_cell_value (report, c, g_rand_int_range (rand, -50000, 50000), NULL);
          break;
        case TB_CELL_AMOUNT:
          tb_report_set_cell_value (report, c,
                                    (gint64) g_rand_int_range (rand, 0, 100000000) * quantum,
                                    NULL);
          break;
        case TB_CELL_AMOUNT_UNIT:
        default:
          /* In 元, by halves: half a 元 is where rounding to 1 元 goes up. */
          if (unit == NULL)
            unit_here = g_rand_boolean (rand) ? "元" : "万元";
          tb_report_set_cell_value (report, c,
                                    g_str_equal (unit_here, "元")
                                    ? (gint64) g_rand_int_range (rand, 0, 2000000) * 5000
                                    : (gint64) g_rand_int_range (rand, 0, 100000000) * quantum,
                                    unit_here);
          break;
        }
      if (blanks && g_rand_int_range (rand, 0, 300) == 0)
        tb_report_clear_cell (report, c);
      else if (blanks && g_rand_int_range (rand, 0, 600) == 0)
        tb_report_set_cell_text (report, c, "/", NULL);
    }
  tb_rules_compute_totals (report);
  tb_report_thaw (report);
  return report;
}

/* The summary of N random reports is the sum of their cells, as computed here, and what
 * tb_merge_build() gives: the same summary, the same notes. */
static void
check_random_sums (const char *format_id,
                   int         year)
{
  const char *units[] = { NULL, "元", "万元" };

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (round * 7919 + year);
      g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(TbMerge) merge = tb_merge_new ();
      g_autoptr(TbMergeStream) stream = NULL;
      g_autoptr(TbReport) expected = NULL;
      g_autoptr(TbReport) summary = NULL;
      g_autoptr(GPtrArray) notes = NULL;
      g_autoptr(GPtrArray) expected_notes = NULL;
      g_autoptr(GError) error = NULL;
      guint n = 2 + g_rand_int_range (rand, 0, 40);
      const TbFormat *f = tb_format_get (format_id);
      guint n_converted = 0;

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (inputs, random_report (format_id, year, i, rand, round % 2 == 1,
                                                units[round % 3]));
      stream = stream_of_reports ((TbReport *const *) inputs->pdata, n);
      tb_merge_stream_set_n_threads (stream, 1 + round % 3);
      g_assert_true (tb_merge_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (tb_merge_stream_get_n_counted (stream), ==, n);
      summary = tb_merge_stream_build (stream, "某市人民政府办公室", &notes, &error);
      g_assert_no_error (error);

      for (guint c = 0; c < tb_format_get_n_cells (f); c++)
        {
          const TbCellSpec *spec = tb_format_get_cell (f, c);
          const TbCellValue *v = tb_report_get_cell (summary, c);
          TbCellState state;
          gint64 value = 0;
          const char *unit;

          tb_test_expect_sum (inputs, spec, &state, &value, &unit);
          g_test_message ("round %u, %s", round, spec->id);
          g_assert_cmpint (v->state, ==, state);
          if (state != TB_CELL_VALID)
            continue;
          g_assert_cmpint (v->value, ==, value);
          g_assert_cmpstr (v->unit, ==, unit);
          n_converted += unit != NULL && g_str_equal (unit, "万元") &&
                         units[round % 3] == NULL;
        }
      /* The conversion is said; the other notes are the fields left empty. */
      g_assert_true (n_converted == 0 || tb_test_has_note (notes, "different units"));

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *source = g_strdup_printf ("input-%u.tianbao", i + 1);

          g_assert_true (tb_merge_add (merge, g_ptr_array_index (inputs, i), source, NULL));
        }
      expected = tb_merge_build (merge, "某市人民政府办公室", &expected_notes, NULL);
      assert_same_report (summary, expected);
      assert_same_notes (notes, expected_notes);
    }
}

static void
test_stream_random_2021 (void)
{
  check_random_sums ("2021", 2024);
}

static void
test_stream_random_2019 (void)
{
  check_random_sums ("2019", 2020);
}

/* The cases of the tests above, through the stream: the same summary, notes and breakdown
 * (by cell, byte for byte) as TbMerge. */
static void
test_stream_same_as_merge (void)
{
  TbReport *r[6];
  g_autoptr(TbMerge) merge = tb_merge_new ();
  g_autoptr(TbMergeStream) stream = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(TbReport) a = NULL;
  g_autoptr(TbReport) b = NULL;
  g_autoptr(GPtrArray) notes_a = NULL;
  g_autoptr(GPtrArray) notes_b = NULL;
  g_autoptr(GBytes) csv_a = NULL;
  g_autoptr(GBytes) csv_b = NULL;
  const char *id = "t2.procurement.amount";
  GError *error = NULL;

  r[0] = tb_test_make_report ("2019", 2020, "甲局", 1);
  r[1] = tb_test_make_report ("2019", 2020, " 甲局 ", 2);       /* the same agency */
  r[2] = tb_test_make_report ("2019", 2020, "", 3);             /* none */
  r[3] = tb_test_make_report ("2019", 2020, "乙局,丙科", 4);
  r[4] = tb_test_make_report ("2019", 2020, "=丁局", 5);
  r[5] = tb_test_make_report ("2019", 2020, "戊局", 6);
  tb_test_set (r[0], id, "251000.5元");                          /* 元 and 万元, exact */
  tb_test_set (r[1], id, "1.5万元");
  tb_test_set (r[2], id, "999999999元");
  tb_report_clear_cell (r[3], tb_test_cell (r[3], "t3.r3_3_2.biz"));   /* unfilled */
  tb_report_set_cell_text (r[4], tb_test_cell (r[4], "t4.after.upheld"), "-", NULL);
  tb_test_set (r[5], "t4.direct.upheld", "999999999");          /* too large */
  tb_test_set (r[4], "t4.direct.upheld", "1");

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *source = g_strdup_printf ("/x/input-%u.tianbao", i % 4);

      g_assert_true (tb_merge_add (merge, r[i], source, NULL));
    }
  a = tb_merge_build (merge, "某县人民政府办公室", &notes_a, NULL);
  csv_a = tb_merge_breakdown_csv (merge, a);

  stream = tb_merge_stream_new ();
  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *source = g_strdup_printf ("/x/input-%u.tianbao", i % 4);

      tb_merge_stream_add_report (stream, r[i], source);
      g_object_unref (r[i]);
    }
  tb_merge_stream_set_breakdown (stream, TB_BREAKDOWN_BY_CELL, out);
  g_assert_true (tb_merge_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  b = tb_merge_stream_build (stream, "某县人民政府办公室", &notes_b, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  csv_b = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  assert_same_report (a, b);
  assert_same_notes (notes_a, notes_b);
  /* Six decimals of 万元 hold 0.5 元 exactly (TB_AMOUNT_SCALE_DIGITS): nothing rounded. */
  g_assert_false (tb_test_has_note (notes_b, "rounded"));
  g_assert_true (tb_test_has_note (notes_b, "counted twice"));
  g_assert_true (tb_test_has_note (notes_b, "too large"));
  g_assert_cmpmem (g_bytes_get_data (csv_a, NULL), g_bytes_get_size (csv_a),
                   g_bytes_get_data (csv_b, NULL), g_bytes_get_size (csv_b));
  /* The same inputs are not ready, with the same counts. */
  g_assert_cmpuint (tb_merge_stream_get_n_ready (stream) + tb_merge_stream_get_n_problems (stream),
                    ==, G_N_ELEMENTS (r));
  for (guint i = 0, p = 0; i < G_N_ELEMENTS (r); i++)
    {
      const TbMergeInput *in = tb_merge_get_input (merge, i);
      const TbMergeItem *item;

      if (in->ready)
        continue;
      item = tb_merge_stream_get_problem (stream, p++);
      g_assert_cmpuint (item->index, ==, i);
      g_assert_cmpuint (item->n_errors, ==, in->n_errors);
      g_assert_cmpuint (item->n_incomplete, ==, in->n_incomplete);
      g_assert_cmpuint (item->n_unfilled, ==, in->n_unfilled);
      g_assert_cmpstr (item->agency, ==, in->name);
    }
  g_assert_cmpuint (tb_merge_stream_get_problem (stream, 0)->index, ==, 3);
  g_assert_cmpint (tb_merge_stream_get_problem (stream, 0)->status, ==, TB_MERGE_ITEM_NOT_READY);
  g_assert_cmpuint (tb_merge_stream_get_problem (stream, 0)->n_unfilled, ==, 1);
  g_assert_nonnull (tb_merge_stream_get_problem (stream, 0)->issue_keys[0]);
  g_assert_null (tb_merge_stream_get_problem (stream, 0)->issues);
}

/* ------------------------------------------------------------------ streaming: limits */

static void
test_stream_limits (void)
{
  g_auto(TbTestTmpDir) tmp = { NULL };
  g_autofree char *csv = NULL;
  g_autofree char *nowhere = NULL;

  tb_test_tmp_dir_init (&tmp);
  csv = tb_test_tmp_file (&tmp, "breakdown.csv");

  /* Nothing to combine; nothing that can be read. */
  {
    g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
    g_autoptr(GError) error = NULL;

    g_assert_false (tb_merge_stream_run (merge, NULL, &error));
    g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY);
    g_clear_error (&error);
    g_assert_null (tb_merge_stream_build (merge, NULL, NULL, &error));
    g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY);
  }

  /* By cell, a column per report: past what a sheet holds it is refused before anything is
   * read; just below, it runs (here every input is missing: nothing is combined). */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
      g_autoptr(GError) error = NULL;
      TbTestSeen seen = { g_string_new (NULL), 0, 0, 0 };
      guint n = TB_BREAKDOWN_MAX_COLUMNS - 5 + (k == 0);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("missing-%u.tianbao", i);
          g_autofree char *path = tb_test_tmp_file (&tmp, name);

          tb_merge_stream_add_file (merge, path);
        }
      tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_CELL, csv);
      tb_merge_stream_set_item_func (merge, tb_test_on_item, &seen);
      g_assert_false (tb_merge_stream_run (merge, NULL, &error));
      if (k == 0)
        {
          g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_TOO_MANY);
          g_assert_nonnull (strstr (error->message, "16384"));
          g_assert_cmpuint (seen.n_items, ==, 0);
        }
      else
        {
          g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY);
          g_assert_cmpuint (seen.n_items, ==, n);
          g_assert_cmpuint (tb_merge_stream_get_n_not_counted (merge), ==, n);
        }
      g_assert_cmpuint (tb_test_count_entries (tmp.path), ==, 0);
      g_string_free (seen.log, TRUE);
    }

  /* A breakdown that cannot be written: said before any input is read. */
  {
    g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
    g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, "甲局", 1);
    g_autoptr(GError) error = NULL;
    TbTestSeen seen = { g_string_new (NULL), 0, 0, 0 };

    nowhere = g_build_filename (tmp.path, "no", "such", "folder.csv", NULL);
    tb_merge_stream_add_report (merge, report, NULL);
    tb_merge_stream_add_report (merge, report, NULL);
    tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_REPORT, nowhere);
    tb_merge_stream_set_item_func (merge, tb_test_on_item, &seen);
    g_assert_false (tb_merge_stream_run (merge, NULL, &error));
    g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "folder.csv"));
    g_assert_cmpuint (seen.n_items, ==, 0);
    g_string_free (seen.log, TRUE);
  }

  /* A file too large to be a draft is not read. */
  {
    g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
    g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, "甲局", 1);
    g_autofree char *big = tb_test_tmp_file (&tmp, "big.tianbao");
    g_autofree char *good = tb_test_tmp_file (&tmp, "good.tianbao");
    const TbMergeItem *item;
    int fd;

    fd = g_open (big, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, TB_DRAFT_MAX_SIZE + 1), ==, 0);
    close (fd);
    g_assert_true (tb_draft_save (report, good, NULL));
    tb_merge_stream_add_file (merge, big);
    tb_merge_stream_add_file (merge, good);
    g_assert_true (tb_merge_stream_run (merge, NULL, NULL));
    g_assert_cmpuint (tb_merge_stream_get_n_counted (merge), ==, 1);
    item = tb_merge_stream_get_problem (merge, 0);
    g_assert_cmpint (item->status, ==, TB_MERGE_ITEM_FAILED);
    g_assert_error ((GError *) item->error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (item->error->message, "big.tianbao"));
    g_remove (big);
    g_remove (good);
  }

  /* The same report given twice is counted once. */
  {
    g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
    g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, "甲局", 1);
    g_autoptr(TbReport) summary = NULL;
    g_autoptr(GPtrArray) notes = NULL;
    const TbMergeItem *item;

    tb_merge_stream_add_report (merge, report, "a");
    tb_merge_stream_add_report (merge, report, "b");
    g_assert_true (tb_merge_stream_run (merge, NULL, NULL));
    g_assert_cmpuint (tb_merge_stream_get_n_counted (merge), ==, 1);
    item = tb_merge_stream_get_problem (merge, 0);
    g_assert_cmpuint (item->index, ==, 1);
    g_assert_cmpuint (item->duplicate_of, ==, 0);
    g_assert_error ((GError *) item->error, TB_MERGE_ERROR, TB_MERGE_ERROR_DUPLICATE);
    summary = tb_merge_stream_build (merge, NULL, &notes, NULL);
    g_assert_cmpint (tb_test_get (summary, "t3.r1_new.np"), ==,
                     tb_test_get (report, "t3.r1_new.np"));
    g_assert_cmpuint (notes->len, ==, 0);
  }
}

/* ------------------------------------------------------------------ streaming: the breakdown */

/* The breakdown by report as LibreOffice Calc reads it (converted to xlsx): a row per
 * report under the header rows, names with commas and quotes in one cell each, numbers as
 * numbers, no formula. Python reads the xlsx (a zip of XML) and prints for every row its
 * number of cells and columns A (agency) and J (the first cell's value). */
static const char xlsx_reader[] =
  "import sys, zipfile, xml.etree.ElementTree as ET\n"
  "m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'\n"
  "z = zipfile.ZipFile(sys.argv[1])\n"
  "ss = []\n"
  "if 'xl/sharedStrings.xml' in z.namelist():\n"
  "    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(m + 'si'):\n"
  "        ss.append(''.join(t.text or '' for t in si.iter(m + 't')))\n"
  "rows = ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(m + 'row')\n"
  "for r in rows:\n"
  "    out = {}\n"
  "    for c in r.iter(m + 'c'):\n"
  "        col = ''.join(ch for ch in c.get('r') if ch.isalpha())\n"
  "        v = c.find(m + 'v')\n"
  "        kind = 'f' if c.find(m + 'f') is not None else c.get('t', 'n')\n"
  "        val = '' if v is None else ss[int(v.text)] if kind == 's' else v.text\n"
  "        out[col] = kind + ':' + val\n"
  "    print(out.get('A', ''), out.get('K', ''), sep='\\t')\n";

static void
test_stream_breakdown_calc (void)
{
  g_auto(TbTestTmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *csv = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_uri = NULL;
  g_autofree char *out = NULL;
  g_autofree char *first_id = NULL;
  g_auto(GStrv) lines = NULL;
  const char *names[] = { "某县审计局", "甲局,乙科", "\"丙\"局", "=HYPERLINK(\"x\")", "-丁局" };
  guint n = 300;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  tb_test_tmp_dir_init (&tmp);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *agency = g_strdup_printf ("%s%u", names[i % G_N_ELEMENTS (names)], i);
      TbReport *report = tb_test_make_report ("2021", 2024, agency, i);

      g_ptr_array_add (reports, report);
      tb_merge_stream_add_report (merge, report, NULL);
    }
  csv = tb_test_tmp_file (&tmp, "汇总 breakdown.csv");
  tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_REPORT, csv);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  g_assert_no_error (error);

  profile = tb_test_tmp_file (&tmp, "lo-profile");
  profile_uri = g_filename_to_uri (profile, NULL, NULL);
  {
    g_autofree char *env = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
    const char *argv[] = { soffice, env, "--headless", "--convert-to", "xlsx",
                           "--infilter=CSV:44,34,76,1", "--outdir", tmp.path, csv, NULL };
    g_autofree char *log = tb_test_run_tool (argv);

    g_test_message ("%s", log);
  }
  xlsx = tb_test_tmp_file (&tmp, "汇总 breakdown.xlsx");
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  {
    const char *argv[] = { "python3", "-c", xlsx_reader, xlsx, NULL };

    out = tb_test_run_tool (argv);
  }
  lines = g_strsplit (out, "\n", -1);
  /* 4 header rows, a row per report, the sums (and the empty string after the last line) */
  g_assert_cmpuint (g_strv_length (lines), ==, 4 + n + 1 + 1);
  first_id = g_strdup_printf ("s:Agency\ts:%s", tb_format_get_cell (tb_format_get ("2021"), 0)->id);
  g_assert_cmpstr (lines[3], ==, first_id);
  for (guint i = 0; i < n; i++)
    {
      TbReport *report = g_ptr_array_index (reports, i);
      const char *agency = tb_report_get_agency (report);
      g_autofree char *expected = g_strdup_printf ("s:%s%s\tn:%" G_GINT64_FORMAT,
                                                   strchr ("=-", agency[0]) ? "'" : "", agency,
                                                   tb_report_get_cell (report, 0)->value);

      g_assert_cmpstr (lines[4 + i], ==, expected);
    }
  g_assert_true (g_str_has_prefix (lines[4 + n], "s:Sum\tn:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/stream/random-2021", test_stream_random_2021);
  g_test_add_func ("/merge/stream/random-2019", test_stream_random_2019);
  g_test_add_func ("/merge/stream/same-as-merge", test_stream_same_as_merge);
  g_test_add_func ("/merge/stream/limits", test_stream_limits);
  g_test_add_func ("/merge/stream/breakdown-calc", test_stream_breakdown_calc);

  return g_test_run ();
}
