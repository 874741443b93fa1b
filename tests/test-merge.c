/* test-merge.c: many agencies' reports roll up into a county summary with a breakdown
 *
 * TbMerge, every input in memory: the sums, units, fields, names and the breakdown CSV.
 * TbMergeStream is tested in test-merge-stream.c and test-merge-files.c.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tb-draft.h"
#include "tb-merge.h"
#include "tb-value.h"

#include "tb-test-merge.h"
#include "tb-test-util.h"

/* The input reports of a test, released when it ends. */
typedef struct
{
  TbReport *r[4];
} Inputs;

static void
inputs_clear (Inputs *inputs)
{
  for (guint i = 0; i < G_N_ELEMENTS (inputs->r); i++)
    g_clear_object (&inputs->r[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Inputs, inputs_clear)

static TbMerge *
merge_of (TbReport *const *reports,
          guint            n)
{
  TbMerge *merge = tb_merge_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *source = g_strdup_printf ("input-%u.tianbao", i + 1);
      g_autoptr(GError) error = NULL;

      g_assert_true (tb_merge_add (merge, reports[i], source, &error));
      g_assert_no_error (error);
    }
  return merge;
}

/* The CSV as rows of fields (no quoting in the fields looked at). */
static GPtrArray *
csv_rows (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  text[strlen (text) - 2] = '\0';
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

static char **
csv_find_row (GPtrArray  *rows,
              const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[0], id))
        return row;
    }
  g_error ("no row %s", id);
  return NULL;
}

/* ------------------------------------------------------------------ the summary */

static void
test_three_agencies (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  const TbFormat *f = tb_format_get ("2021");

  inputs.r[0] = tb_test_make_report ("2021", 2024, "某县审计局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "某县财政局", 2);
  inputs.r[2] = tb_test_make_report ("2021", 2024, "某县教育局", 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) own = tb_rules_check (inputs.r[i]);

      tb_test_dump_issues (own);
      g_assert_cmpuint (own->len, ==, 0);
    }

  merge = merge_of (inputs.r, 3);
  g_assert_cmpuint (tb_merge_get_n_inputs (merge), ==, 3);
  g_assert_true (tb_merge_get_format (merge) == f);
  g_assert_cmpint (tb_merge_get_year (merge), ==, 2024);
  for (guint i = 0; i < 3; i++)
    {
      const TbMergeInput *in = tb_merge_get_input (merge, i);

      g_assert_true (in->ready);
      g_assert_cmpuint (in->n_errors, ==, 0);
      g_assert_cmpuint (in->n_unfilled, ==, 0);
      g_assert_cmpuint (in->issues->len, ==, 0);
      g_assert_cmpstr (in->name, ==, tb_report_get_agency (inputs.r[i]));
    }

  summary = tb_merge_build (merge, "某县人民政府办公室", &notes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_true (tb_report_get_format (summary) == f);
  g_assert_cmpint (tb_report_get_year (summary), ==, 2024);
  g_assert_cmpstr (tb_report_get_agency (summary), ==, "某县人民政府办公室");

  /* Every cell is the sum of the three. */
  for (guint c = 0; c < tb_format_get_n_cells (f); c++)
    {
      gint64 sum = 0;

      for (guint i = 0; i < 3; i++)
        sum += tb_report_get_cell (inputs.r[i], c)->value;
      g_assert_cmpint (tb_report_get_cell (summary, c)->state, ==, TB_CELL_VALID);
      g_assert_cmpint (tb_report_get_cell (summary, c)->value, ==, sum);
    }
  /* Texts are the summary author's. */
  g_assert_cmpstr (tb_report_get_text (summary, "s1"), ==, "");

  /* Its tables add up: the only issues are the texts still to write. */
  issues = tb_rules_check (summary);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (tb_test_count_issues (issues, "TXT-"), ==, 0);
  g_assert_cmpuint (issues->len, ==, 3);
  tb_report_set_text (summary, "s1", "全县情况。");
  tb_report_set_text (summary, "s5", "全县问题。");
  tb_report_set_text (summary, "s6", "无。");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (summary);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_true (tb_rules_is_ready (issues));
}

static void
test_mixed (void)
{
  g_autoptr(TbReport) a = tb_test_make_report ("2021", 2024, "甲局", 1);
  g_autoptr(TbReport) b = tb_test_make_report ("2021", 2023, "乙局", 2);
  g_autoptr(TbReport) c = tb_test_make_report ("2019", 2024, "丙局", 3);
  g_autoptr(TbMerge) merge = tb_merge_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_merge_add (merge, a, "a.tianbao", &error));
  g_assert_false (tb_merge_add (merge, b, "b.tianbao", &error));
  g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_MIXED);
  g_assert_nonnull (strstr (error->message, "b.tianbao"));
  g_assert_nonnull (strstr (error->message, "a.tianbao"));
  g_assert_nonnull (strstr (error->message, "2023"));
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);
  g_assert_false (tb_merge_add (merge, c, "c.tianbao", &error));
  g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_MIXED);
  g_assert_nonnull (strstr (error->message, "2019"));
  g_clear_error (&error);
  g_assert_cmpuint (tb_merge_get_n_inputs (merge), ==, 1);

  g_clear_pointer (&merge, tb_merge_free);
  merge = tb_merge_new ();
  g_assert_null (tb_merge_build (merge, NULL, NULL, &error));
  g_assert_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_EMPTY);
}

/* An empty or unreadable input cell: the sum is unknown, so the summary cell is empty and
 * the input is not ready; totals over it are empty too. */
static void
test_unfilled (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "甲局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "乙局", 2);
  inputs.r[2] = tb_test_make_report ("2021", 2024, "丙局", 3);
  tb_report_clear_cell (inputs.r[1], tb_test_cell (inputs.r[1], "t3.r3_3_2.biz"));
  tb_report_set_cell_text (inputs.r[2], tb_test_cell (inputs.r[2], "t4.after.upheld"), "/", NULL);
  g_assert_cmpint (tb_test_state (inputs.r[2], "t4.after.upheld"), ==, TB_CELL_INVALID);

  merge = merge_of (inputs.r, 3);
  g_assert_true (tb_merge_get_input (merge, 0)->ready);
  g_assert_false (tb_merge_get_input (merge, 1)->ready);
  g_assert_cmpuint (tb_merge_get_input (merge, 1)->n_unfilled, ==, 1);
  g_assert_cmpuint (tb_merge_get_input (merge, 1)->n_incomplete, >, 0);
  g_assert_false (tb_merge_get_input (merge, 2)->ready);
  g_assert_cmpuint (tb_merge_get_input (merge, 2)->n_unfilled, ==, 1);
  g_assert_cmpuint (tb_merge_get_input (merge, 2)->n_errors, ==, 1);   /* T4-2: "/" */

  summary = tb_merge_build (merge, NULL, &notes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_test_state (summary, "t3.r3_3_2.biz"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_state (summary, "t3.r3_3_2.tot"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_state (summary, "t3.r3_7_total.biz"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_state (summary, "t4.after.upheld"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_state (summary, "t4.after.total"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_get (summary, "t4.review.total"), ==,
                   tb_test_get (inputs.r[0], "t4.review.total") +
                   tb_test_get (inputs.r[1], "t4.review.total") +
                   tb_test_get (inputs.r[2], "t4.review.total"));
  g_assert_cmpint (tb_test_state (summary, "t3.r3_3_2.np"), ==, TB_CELL_VALID);
  /* Table cells need no note: the inputs are listed as not ready. */
  g_assert_cmpuint (notes->len, ==, 0);
}

/* The fields of section 六 are optional: empty in one input, the sum is left empty with a
 * note, and the input is not held back for it. */
static void
test_fields (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "甲局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "乙局", 2);
  tb_report_clear_cell (inputs.r[1], tb_test_cell (inputs.r[1], "s6.fee_collected"));
  merge = merge_of (inputs.r, 2);
  g_assert_true (tb_merge_get_input (merge, 1)->ready);
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  g_assert_cmpint (tb_test_state (summary, "s6.fee_collected"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_get (summary, "s6.fee_notices"), ==,
                   tb_test_get (inputs.r[0], "s6.fee_notices") +
                   tb_test_get (inputs.r[1], "s6.fee_notices"));
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_true (tb_test_has_note (notes, "实际收取总金额"));
}

/* The 2019 采购总金额 has its own unit: the same unit is kept, different units are
 * converted to 万元 (rounded to 1 元 where needed). */
static void
test_amount_units (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  const char *id = "t2.procurement.amount";
  g_autofree char *text = NULL;

  for (guint i = 0; i < 3; i++)
    inputs.r[i] = tb_test_make_report ("2019", 2020, i == 0 ? "甲局" : i == 1 ? "乙局" : "丙局", i);

  /* All in 元: kept in 元. */
  tb_test_set (inputs.r[0], id, "251000元");
  tb_test_set (inputs.r[1], id, "1000元");
  tb_test_set (inputs.r[2], id, "0.5元");
  merge = merge_of (inputs.r, 3);
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  text = tb_test_dup_text (summary, id);
  g_assert_cmpstr (text, ==, "252000.5元");
  g_assert_cmpuint (notes->len, ==, 0);
  g_clear_pointer (&text, g_free);
  g_clear_object (&summary);
  g_clear_pointer (&notes, g_ptr_array_unref);
  g_clear_pointer (&merge, tb_merge_free);

  /* 元 and 万元: 万元. 251000元 + 1.5万元 + 2元 = 26.6002万元 */
  tb_test_set (inputs.r[1], id, "1.5万元");
  tb_test_set (inputs.r[2], id, "2元");
  merge = merge_of (inputs.r, 3);
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  text = tb_test_dup_text (summary, id);
  g_assert_cmpstr (text, ==, "26.6002万元");
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_true (tb_test_has_note (notes, "万元"));
  g_assert_false (tb_test_has_note (notes, "rounded"));
  g_clear_pointer (&text, g_free);
  g_clear_object (&summary);
  g_clear_pointer (&notes, g_ptr_array_unref);
  g_clear_pointer (&merge, tb_merge_free);

  /* Six decimals of 万元 are the fen: 251000.5元 + 1.5万元 = 26.60005万元 exactly, nothing
   * rounded (with four decimals it was 26.6001). */
  tb_test_set (inputs.r[2], id, "0.5元");
  merge = merge_of (inputs.r, 3);
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  text = tb_test_dup_text (summary, id);
  g_assert_cmpstr (text, ==, "26.60005万元");
  g_assert_false (tb_test_has_note (notes, "rounded"));
}

/* An input whose total does not add up does not pass its mistake on. */
static void
test_totals_recomputed (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "甲局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "乙局", 2);
  tb_report_set_manual_totals (inputs.r[1], TRUE);
  tb_test_set_value (inputs.r[1], "t4.review.total",
                     tb_test_get (inputs.r[1], "t4.review.total") + 100);
  merge = merge_of (inputs.r, 2);
  g_assert_cmpuint (tb_merge_get_input (merge, 1)->n_errors, ==, 1);
  g_assert_false (tb_merge_get_input (merge, 1)->ready);
  summary = tb_merge_build (merge, NULL, NULL, NULL);
  g_assert_cmpint (tb_test_get (summary, "t4.review.total"), ==,
                   tb_test_get (summary, "t4.review.upheld") +
                   tb_test_get (summary, "t4.review.corrected") +
                   tb_test_get (summary, "t4.review.other") +
                   tb_test_get (summary, "t4.review.pending"));
  issues = tb_rules_check (summary);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);
}

static void
test_too_large (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "甲局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "乙局", 2);
  tb_test_set (inputs.r[0], "t4.direct.upheld", "999999999");
  tb_test_set (inputs.r[1], "t4.direct.upheld", "1");
  merge = merge_of (inputs.r, 2);
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  g_assert_cmpint (tb_test_state (summary, "t4.direct.upheld"), ==, TB_CELL_EMPTY);
  g_assert_true (tb_test_has_note (notes, "结果维持"));
  g_assert_true (tb_test_has_note (notes, "too large"));
}

/* Parts whose sums fit, but whose total does not: the summary does not hold a value its
 * draft cannot read back, and no note says the total was left empty. */
static void
test_total_too_large (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const TbFormat *format;
  gsize len;
  const char *data;

  for (guint i = 0; i < 2; i++)
    {
      inputs.r[i] = tb_test_make_report ("2021", 2024, i ? "乙局" : "甲局", i + 1);
      tb_test_set (inputs.r[i], "t4.review.upheld", "300000000");
      tb_test_set (inputs.r[i], "t4.review.corrected", "300000000");
      tb_rules_compute_totals (inputs.r[i]);
    }
  merge = merge_of (inputs.r, 2);
  g_assert_true (tb_merge_get_input (merge, 0)->ready);
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  g_assert_cmpint (tb_test_get (summary, "t4.review.upheld"), ==, 600000000);
  g_assert_cmpint (tb_test_state (summary, "t4.review.total"), ==, TB_CELL_INVALID);
  g_assert_false (tb_test_has_note (notes, "left empty"));

  format = tb_report_get_format (summary);
  bytes = tb_draft_serialize (summary);
  data = g_bytes_get_data (bytes, &len);
  loaded = tb_draft_parse (data, len, &error);
  g_assert_no_error (error);
  /* Every computed total reads back as it was. */
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellValue *a = tb_report_get_cell (summary, i);
      const TbCellValue *b = tb_report_get_cell (loaded, i);

      if (tb_format_get_cell (format, i)->total_rule < 0)
        continue;
      g_test_message ("%s", tb_format_get_cell (format, i)->id);
      g_assert_cmpint (a->state, ==, b->state);
      g_assert_true (a->state != TB_CELL_VALID ||
                     tb_value_fits (tb_format_get_cell (format, i)->kind, a->value));
    }
}

/* ------------------------------------------------------------------ names and CSV */

static void
test_names (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "甲局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, " 甲局 ", 2);
  inputs.r[2] = tb_test_make_report ("2021", 2024, "", 3);
  inputs.r[3] = tb_test_make_report ("2021", 2024, "甲局", 4);
  merge = tb_merge_new ();
  g_assert_true (tb_merge_add (merge, inputs.r[0], "/x/a.tianbao", NULL));
  g_assert_true (tb_merge_add (merge, inputs.r[1], "/x/b.tianbao", NULL));
  g_assert_true (tb_merge_add (merge, inputs.r[2], "/x/c.tianbao", NULL));
  g_assert_true (tb_merge_add (merge, inputs.r[3], "/y/b.tianbao", NULL));
  g_assert_cmpstr (tb_merge_get_input (merge, 0)->name, ==, "甲局");
  g_assert_cmpstr (tb_merge_get_input (merge, 1)->name, ==, "甲局 (b.tianbao)");
  g_assert_cmpstr (tb_merge_get_input (merge, 2)->name, ==, "c.tianbao");
  g_assert_cmpstr (tb_merge_get_input (merge, 3)->name, ==, "甲局 (b.tianbao) #2");
  g_assert_cmpstr (tb_merge_get_input (merge, 3)->source, ==, "/y/b.tianbao");
  summary = tb_merge_build (merge, NULL, &notes, NULL);
  /* Counted twice (three times): said, once per repeat. */
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_true (tb_test_has_note (notes, "/x/b.tianbao"));
  g_assert_true (tb_test_has_note (notes, "counted twice"));
}

static void
test_breakdown_csv (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const TbFormat *f = tb_format_get ("2021");
  const guchar *data;
  gsize len;
  char **header, **row;
  g_autofree char *expected_sum = NULL;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "某县审计局", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "某县财政局", 2);
  inputs.r[2] = tb_test_make_report ("2021", 2024, "某县教育局", 3);
  merge = merge_of (inputs.r, 3);
  summary = tb_merge_build (merge, "某县人民政府办公室", NULL, NULL);
  csv = tb_merge_breakdown_csv (merge, summary);
  data = g_bytes_get_data (csv, &len);

  /* UTF-8 with a byte order mark, so that Excel and WPS open it correctly. */
  g_assert_cmpuint (len, >, 3);
  g_assert_cmpint (data[0], ==, 0xEF);
  g_assert_cmpint (data[1], ==, 0xBB);
  g_assert_cmpint (data[2], ==, 0xBF);
  g_assert_true (g_utf8_validate ((const char *) data + 3, len - 3, NULL));

  rows = csv_rows (csv);
  /* A header and one row per cell. */
  g_assert_cmpuint (rows->len, ==, 1 + tb_format_get_n_cells (f));
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 4 + 3 + 1);
  g_assert_cmpstr (header[4], ==, "某县审计局");
  g_assert_cmpstr (header[5], ==, "某县财政局");
  g_assert_cmpstr (header[6], ==, "某县教育局");

  row = csv_find_row (rows, "t3.r1_new.biz");
  g_assert_cmpuint (g_strv_length (row), ==, 8);
  g_assert_cmpstr (row[1], ==, "三、收到和处理政府信息公开申请情况");
  g_assert_cmpstr (row[2], ==, "一、本年新收政府信息公开申请数量");
  g_assert_nonnull (strstr (row[3], "商业企业"));
  g_assert_nonnull (strstr (row[3], "法人或其他组织"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            tb_test_get (inputs.r[i], "t3.r1_new.biz"));

      g_assert_cmpstr (row[4 + i], ==, v);
    }
  expected_sum = g_strdup_printf ("%" G_GINT64_FORMAT, tb_test_get (summary, "t3.r1_new.biz"));
  g_assert_cmpstr (row[7], ==, expected_sum);

  row = csv_find_row (rows, "t2.fee.amount");
  g_assert_cmpstr (row[2], ==, "行政事业性收费");
  g_assert_cmpstr (row[3], ==, "本年收费金额（单位：万元）");
  row = csv_find_row (rows, "s6.fee_notices");
  g_assert_cmpstr (row[1], ==, "六、其他需要报告的事项");
  g_assert_cmpstr (row[3], ==, "发出收费通知件数");
}

/* Names from the reports are text: quoted as CSV needs, and kept from being formulas. */
static void
test_breakdown_csv_quoting (void)
{
  g_auto(Inputs) inputs = { 0 };
  g_autoptr(TbMerge) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;
  gsize len;
  const char *data;

  inputs.r[0] = tb_test_make_report ("2021", 2024, "甲局,乙科", 1);
  inputs.r[1] = tb_test_make_report ("2021", 2024, "=HYPERLINK(\"x\")", 2);
  inputs.r[2] = tb_test_make_report ("2021", 2024, "丙局", 3);
  tb_report_set_cell_text (inputs.r[2], tb_test_cell (inputs.r[2], "t4.after.other"), "-", NULL);
  merge = merge_of (inputs.r, 3);
  summary = tb_merge_build (merge, NULL, NULL, NULL);
  csv = tb_merge_breakdown_csv (merge, summary);
  data = g_bytes_get_data (csv, &len);
  text = g_strndup (data + 3, len - 3);

  g_assert_nonnull (strstr (text, ",\"甲局,乙科\","));
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"x\"\")\","));
  /* The unreadable "-" as typed, defused; the sum empty. */
  g_assert_nonnull (strstr (text, "\r\nt4.after.other,"));
  g_assert_nonnull (strstr (text, ",'-,\r\n"));
  /* Without a summary: the sum column is empty. */
  g_clear_pointer (&csv, g_bytes_unref);
  csv = tb_merge_breakdown_csv (merge, NULL);
  g_assert_nonnull (csv);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/three-agencies", test_three_agencies);
  g_test_add_func ("/merge/mixed", test_mixed);
  g_test_add_func ("/merge/unfilled", test_unfilled);
  g_test_add_func ("/merge/fields", test_fields);
  g_test_add_func ("/merge/amount-units", test_amount_units);
  g_test_add_func ("/merge/totals-recomputed", test_totals_recomputed);
  g_test_add_func ("/merge/too-large", test_too_large);
  g_test_add_func ("/merge/total-too-large", test_total_too_large);
  g_test_add_func ("/merge/names", test_names);
  g_test_add_func ("/merge/breakdown-csv", test_breakdown_csv);
  g_test_add_func ("/merge/breakdown-csv-quoting", test_breakdown_csv_quoting);

  return g_test_run ();
}
