/* test-merge-combined.c: summaries of summaries (county → city → province), and reports
 * that would be counted twice
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-merge-stream.h"
#include "tb-merge.h"

#include "tb-test-util.h"

typedef struct
{
  char      *dir;
  GPtrArray *reports;   /* TbReport*: the agencies' reports, r0 … */
  GPtrArray *paths;     /* char*: their files */
} Fixture;

static char *
write_report (Fixture    *fx,
              TbReport   *report,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("tb-merge-combined-XXXXXX", &error);
  g_assert_no_error (error);
  fx->reports = g_ptr_array_new_with_free_func (g_object_unref);
  fx->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某县第%u局", i);
      g_autofree char *name = g_strdup_printf ("r%u.tianbao", i);
      TbReport *report = tb_test_make_report ("2021", 2024, agency, i * 13 + 1);

      g_ptr_array_add (fx->reports, report);
      g_ptr_array_add (fx->paths, write_report (fx, report, name));
    }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_ptr_array_unref (fx->reports);
  g_ptr_array_unref (fx->paths);
}

/* Merges @paths; the summary, or NULL if the run failed. */
static TbReport *
merge_files (const char *const *paths,
             guint              n,
             const char        *csv,
             TbMergeStream    **out)
{
  g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
  g_autoptr(GError) error = NULL;
  TbReport *summary;

  for (guint i = 0; i < n; i++)
    tb_merge_stream_add_file (merge, paths[i]);
  if (csv != NULL)
    tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_REPORT, csv);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  g_assert_no_error (error);
  summary = tb_merge_stream_build (merge, "汇总", NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&merge);
  return summary;
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
assert_same_cells (TbReport *a,
                   TbReport *b)
{
  const TbFormat *format = tb_report_get_format (a);

  for (guint c = 0; c < tb_format_get_n_cells (format); c++)
    {
      const TbCellValue *x = tb_report_get_cell (a, c);
      const TbCellValue *y = tb_report_get_cell (b, c);

      g_assert_cmpint (x->state, ==, y->state);
      g_assert_cmpint (x->value, ==, y->value);
      g_assert_cmpstr (x->unit, ==, y->unit);
    }
}

/* A county of 3 and one of 2, then the city of both counties and one more agency: the city
 * covers 6 agencies from 3 files, and its sums are those of the 6 reports merged at once. */
static void
test_county_city (Fixture       *fx,
                  gconstpointer  data)
{
  const char *const *r = (const char *const *) fx->paths->pdata;
  g_autoptr(TbReport) county_a = merge_files (r, 3, NULL, NULL);
  g_autoptr(TbReport) county_b = merge_files (r + 3, 2, NULL, NULL);
  g_autoptr(TbReport) flat = merge_files (r, 6, NULL, NULL);
  g_autoptr(TbReport) city = NULL;
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(TbMergeStream) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a_path = write_report (fx, county_a, "甲县汇总.tianbao");
  g_autofree char *b_path = write_report (fx, county_b, "乙县汇总.tianbao");
  g_autofree char *csv_path = g_build_filename (fx->dir, "市汇总.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) rows = NULL;
  const char *city_inputs[] = { a_path, b_path, r[5] };
  const TbCombined *combined;

  /* What the county summary records, kept by its draft. */
  combined = tb_report_get_combined (county_a);
  g_assert_nonnull (combined);
  g_assert_cmpuint (tb_combined_get_n_agencies (combined), ==, 3);
  g_assert_cmpuint (tb_combined_get_n_inputs (combined), ==, 3);
  g_assert_cmpuint (tb_combined_get_n_listed (combined), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sha = file_sha256 (r[i]);
      g_autofree char *base = g_path_get_basename (r[i]);

      g_assert_cmpstr (tb_combined_get_listed (combined, i)->sha256, ==, sha);
      g_assert_cmpstr (tb_combined_get_listed (combined, i)->name, ==, base);
    }
  loaded = tb_draft_load (a_path, &error);
  g_assert_no_error (error);
  combined = tb_report_get_combined (loaded);
  g_assert_nonnull (combined);
  g_assert_cmpuint (tb_combined_get_n_agencies (combined), ==, 3);
  g_assert_cmpuint (tb_combined_get_n_listed (combined), ==, 3);
  g_assert_cmpstr (tb_combined_get_listed (combined, 2)->name, ==, "r2.tianbao");
  g_assert_null (tb_report_get_combined (g_ptr_array_index (fx->reports, 0)));

  city = merge_files (city_inputs, 3, csv_path, &merge);
  g_assert_cmpuint (tb_merge_stream_get_n_agencies (merge), ==, 6);
  g_assert_cmpuint (tb_merge_stream_get_n_counted (merge), ==, 3);
  combined = tb_report_get_combined (city);
  g_assert_cmpuint (tb_combined_get_n_agencies (combined), ==, 6);
  g_assert_cmpuint (tb_combined_get_n_inputs (combined), ==, 3);
  g_assert_cmpstr (tb_combined_get_listed (combined, 0)->name, ==, "甲县汇总.tianbao");
  assert_same_cells (city, flat);

  /* The city's breakdown: a row per input summary, with the agencies each covers. */
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 4 + 3 + 1 + 1);
  g_assert_true (g_str_has_prefix (rows[4], "汇总,"));
  g_assert_nonnull (strstr (rows[4], "甲县汇总.tianbao,2024,2021,3,"));
  g_assert_nonnull (strstr (rows[5], "乙县汇总.tianbao,2024,2021,2,"));
  g_assert_nonnull (strstr (rows[6], "r5.tianbao,2024,2021,1,ready,"));
  g_assert_true (g_str_has_prefix (rows[7], "Sum,,,,6,"));
}

/* Refused: which input is not counted, and why. */
static void
assert_refused (const char *const *paths,
                guint              n,
                guint              refused,
                const char        *first_name,
                const char        *second_name)
{
  g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
  g_autoptr(GError) error = NULL;
  const TbMergeItem *item = NULL;

  for (guint i = 0; i < n; i++)
    tb_merge_stream_add_file (merge, paths[i]);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  g_assert_cmpuint (tb_merge_stream_get_n_not_counted (merge), ==, 1);
  /* The other problems: summaries are not ready (their texts are to write). */
  for (guint i = 0; i < tb_merge_stream_get_n_problems (merge); i++)
    if (tb_merge_stream_get_problem (merge, i)->status == TB_MERGE_ITEM_REFUSED)
      item = tb_merge_stream_get_problem (merge, i);
  g_assert_nonnull (item);
  g_test_message ("%s", item->error->message);
  g_assert_cmpuint (item->index, ==, refused);
  g_assert_cmpint (item->status, ==, TB_MERGE_ITEM_REFUSED);
  g_assert_error ((GError *) item->error, TB_MERGE_ERROR, TB_MERGE_ERROR_COUNTED_TWICE);
  g_assert_nonnull (strstr (item->error->message, first_name));
  g_assert_nonnull (strstr (item->error->message, second_name));
}

static void
test_counted_twice (Fixture       *fx,
                    gconstpointer  data)
{
  const char *const *r = (const char *const *) fx->paths->pdata;
  const char *ac[] = { r[2], r[3] };
  g_autoptr(TbReport) county_a = merge_files (r, 3, NULL, NULL);
  g_autoptr(TbReport) county_c = merge_files (ac, 2, NULL, NULL);
  g_autofree char *a = write_report (fx, county_a, "a.tianbao");
  g_autofree char *c = write_report (fx, county_c, "c.tianbao");
  const char *summary_then_input[] = { r[4], a, r[1] };
  const char *input_then_summary[] = { r[1], r[4], a };
  const char *sharing[] = { a, r[5], c };

  /* A summary and one of its own inputs, in either order. */
  assert_refused (summary_then_input, 3, 2, "r1.tianbao", "a.tianbao");
  assert_refused (input_then_summary, 3, 2, "r1.tianbao", "a.tianbao");
  /* Two summaries made from the same report. */
  assert_refused (sharing, 3, 2, "a.tianbao", "c.tianbao");
}

/* More inputs than a summary lists: it records the counts only, and a summary among them is
 * still checked against the files counted before it. */
static void
test_many_inputs (Fixture       *fx,
                  gconstpointer  data)
{
  const char *const *r = (const char *const *) fx->paths->pdata;
  g_autoptr(TbReport) county_a = merge_files (r, 3, NULL, NULL);
  g_autofree char *a = write_report (fx, county_a, "a.tianbao");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = tb_draft_serialize (g_ptr_array_index (fx->reports, 4));
  const char *text = g_bytes_get_data (bytes, NULL);
  const char *mark = strstr (text, "某县第4局");
  guint n = TB_COMBINED_MAX_LISTED + 1;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(TbMergeStream) merge = NULL;

  g_assert_nonnull (mark);
  g_ptr_array_add (paths, g_strdup (r[1]));
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("x%04u.tianbao", i);
      g_autofree char *draft = g_strdup_printf ("%.*s某市第%u局%s", (int) (mark - text), text, i,
                                                mark + strlen ("某县第4局"));
      char *path = g_build_filename (fx->dir, name, NULL);

      g_assert_true (g_file_set_contents (path, draft, -1, NULL));
      g_ptr_array_add (paths, path);
    }
  summary = merge_files ((const char *const *) paths->pdata, n, NULL, &merge);
  g_assert_cmpuint (tb_combined_get_n_agencies (tb_report_get_combined (summary)), ==, n);
  g_assert_cmpuint (tb_combined_get_n_inputs (tb_report_get_combined (summary)), ==, n);
  g_assert_cmpuint (tb_combined_get_n_listed (tb_report_get_combined (summary)), ==, 0);

  g_ptr_array_add (paths, g_strdup (a));
  assert_refused ((const char *const *) paths->pdata, n + 1, n, "r1.tianbao", "a.tianbao");
}

static void
test_draft_checks (void)
{
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, "某县", 1);
  g_autoptr(GBytes) bytes = tb_draft_serialize (report);
  const char *text = g_bytes_get_data (bytes, NULL);
  const char *end = strstr (text, "</tianbao-report>");
  const char *bad[] = {
    "<combined agencies=\"2\" inputs=\"1\"><input name=\"a\" sha256=\"xyz\"/></combined>",
    "<combined agencies=\"2\" inputs=\"2\"><input name=\"a\" sha256=\"@\"/></combined>",
    "<combined agencies=\"1\" inputs=\"2\"></combined>",
    "<combined agencies=\"0\" inputs=\"0\"></combined>",
    "<combined inputs=\"1\"></combined>",
    "<combined agencies=\"1\" inputs=\"1\"><other/></combined>",
  };
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "a", -1);

  g_assert_nonnull (end);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) element = g_string_new (bad[i]);
      g_autofree char *draft = NULL;
      g_autoptr(TbReport) loaded = NULL;

      g_string_replace (element, "@", sha, 0);
      draft = g_strdup_printf ("%.*s%s%s", (int) (end - text), text, element->str, end);
      loaded = tb_draft_parse (draft, strlen (draft), &error);
      g_test_message ("%s: %s", element->str, error ? error->message : "read");
      g_assert_null (loaded);
      g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/merge-combined/county-city", Fixture, NULL, fixture_set_up, test_county_city,
              fixture_tear_down);
  g_test_add ("/merge-combined/counted-twice", Fixture, NULL, fixture_set_up,
              test_counted_twice, fixture_tear_down);
  g_test_add ("/merge-combined/many-inputs", Fixture, NULL, fixture_set_up, test_many_inputs,
              fixture_tear_down);
  g_test_add_func ("/merge-combined/draft-checks", test_draft_checks);

  return g_test_run ();
}
