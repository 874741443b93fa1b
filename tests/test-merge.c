/* test-merge.c: many agencies' reports roll up into a county summary with a breakdown
 *
 * TbMerge (every input in memory) first, then TbMergeStream (any number of inputs, on every
 * core): the same summary as TbMerge, the sums checked against sums computed here, the same
 * bytes whatever the number of threads, broken and repeated inputs, cancelling, and the
 * breakdown by report opened in LibreOffice Calc.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-merge-stream.h"
#include "tb-merge.h"
#include "tb-value.h"

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

static gboolean
has_note (GPtrArray  *notes,
          const char *needle)
{
  for (guint i = 0; notes && i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), needle) != NULL)
      return TRUE;
  return FALSE;
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
  g_assert_true (has_note (notes, "实际收取总金额"));
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
  g_assert_true (has_note (notes, "万元"));
  g_assert_false (has_note (notes, "rounded"));
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
  g_assert_false (has_note (notes, "rounded"));
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
  g_assert_true (has_note (notes, "结果维持"));
  g_assert_true (has_note (notes, "too large"));
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
  g_assert_false (has_note (notes, "left empty"));

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
  g_assert_true (has_note (notes, "/x/b.tianbao"));
  g_assert_true (has_note (notes, "counted twice"));
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

/* ------------------------------------------------------------------ streaming: helpers */

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

/* A temporary folder, removed when the test ends. */
typedef struct
{
  char *path;
} TmpDir;

static void
tmp_dir_clear (TmpDir *tmp)
{
  if (tmp->path != NULL)
    remove_tree (tmp->path);
  g_clear_pointer (&tmp->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TmpDir, tmp_dir_clear)

static void
tmp_dir_init (TmpDir *tmp)
{
  tmp->path = g_dir_make_tmp ("tb-test-merge-XXXXXX", NULL);
  g_assert_nonnull (tmp->path);
}

static char *
tmp_file (const TmpDir *tmp,
          const char   *name)
{
  return g_build_filename (tmp->path, name, NULL);
}

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

/* What a summary cell must hold, computed here: the sum of the inputs' values if every input
 * has one, else nothing; for an amount with its own unit in different units, the sum in 元
 * given in 万元 and rounded half up to the cell's decimals. */
static void
expect_sum (GPtrArray        *inputs,
            const TbCellSpec *spec,
            TbCellState      *state,
            gint64           *value,
            const char      **unit)
{
  gint64 sum = 0, yuan = 0;
  gboolean same_unit = TRUE;

  *state = TB_CELL_VALID;
  *unit = NULL;
  for (guint i = 0; i < inputs->len; i++)
    {
      const TbCellValue *v = tb_report_get_cell (g_ptr_array_index (inputs, i), spec->index);

      if (v->state != TB_CELL_VALID)
        {
          *state = TB_CELL_EMPTY;
          return;
        }
      sum += v->value;
      if (spec->kind == TB_CELL_AMOUNT_UNIT)
        {
          yuan += v->value * (g_str_equal (v->unit, "万元") ? 10000 : 1);
          if (*unit != NULL && !g_str_equal (*unit, v->unit))
            same_unit = FALSE;
          *unit = v->unit;
        }
    }
  *value = sum;
  if (spec->kind == TB_CELL_AMOUNT_UNIT && !same_unit)
    {
      gint64 quantum = 1;

      for (guint d = spec->decimals; d < 4; d++)
        quantum *= 10;
      *value = (yuan + 10000 * quantum / 2) / (10000 * quantum) * quantum;
      *unit = "万元";
    }
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

          expect_sum (inputs, spec, &state, &value, &unit);
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
      g_assert_true (n_converted == 0 || has_note (notes, "different units"));

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
  g_assert_false (has_note (notes_b, "rounded"));
  g_assert_true (has_note (notes_b, "counted twice"));
  g_assert_true (has_note (notes_b, "too large"));
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

/* ------------------------------------------------------------------ streaming: files */

/* What a run gave: its items, in order, and its outputs. */
typedef struct
{
  GString *log;
  guint    n_items;
  guint    last_index;
  guint    n_progress;
} Seen;

static void
on_item (const TbMergeItem *item,
         gpointer           user_data)
{
  Seen *seen = user_data;

  g_assert_cmpuint (item->index, ==, seen->n_items);
  seen->n_items++;
  g_string_append_printf (seen->log, "%u %d %s|%s|%s|%u %u %u|%s|%u\n", item->index,
                          item->status, item->source, item->agency,
                          item->error ? item->error->message : "", item->n_errors,
                          item->n_incomplete, item->n_unfilled,
                          item->issue_keys[0] ? item->issue_keys[0] : "", item->duplicate_of);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Seen *seen = user_data;

  g_assert_cmpuint (done, ==, seen->n_items);
  g_assert_cmpuint (done, <=, total);
  seen->n_progress++;
}

/* The inputs of the runs below: @n drafts from a few complete reports, with, among them, a
 * damaged file, a missing one, a folder, one on another year, one not ready, the same file
 * twice (by name and through a link) and the same contents twice. @counted: (optional): the
 * reports that must be counted. */
static GPtrArray *
write_inputs (const TmpDir *tmp,
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
      char *path = tmp_file (tmp, name);

      template_write (&t[i % G_N_ELEMENTS (t)], path, agency);
      g_ptr_array_add (paths, path);
    }
  for (guint k = 0; k < G_N_ELEMENTS (t); k++)
    template_clear (&t[k]);

  /* damaged in the middle */
  tb_test_write_file (g_ptr_array_index (paths, n / 2), "<tianbao-report version=\"1\"", -1);
  g_free (g_ptr_array_index (paths, n / 3));
  paths->pdata[n / 3] = tmp_file (tmp, "missing.tianbao");
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
    g_autofree char *link = tmp_file (tmp, "link.tianbao");
    g_autofree char *copy = tmp_file (tmp, "copy.tianbao");
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
           Seen             *seen)
{
  TbMergeStream *merge = tb_merge_stream_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < paths->len; i++)
    tb_merge_stream_add_file (merge, g_ptr_array_index (paths, i));
  tb_merge_stream_set_n_threads (merge, n_threads);
  tb_merge_stream_set_breakdown_file (merge, shape, csv_path);
  tb_merge_stream_set_item_func (merge, on_item, seen);
  tb_merge_stream_set_progress_func (merge, on_progress, seen);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->n_items, ==, paths->len);
  g_assert_cmpuint (seen->n_progress, ==, paths->len);
  return merge;
}

static void
run_with_threads (const TmpDir *tmp,
                  GPtrArray    *paths,
                  guint         n_threads,
                  RunResult    *result)
{
  g_autofree char *csv = tmp_file (tmp, "breakdown.csv");
  g_autoptr(TbMergeStream) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Seen seen = { g_string_new (NULL), 0, 0, 0 };
  Seen seen_cell = { g_string_new (NULL), 0, 0, 0 };

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
  g_auto(TmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_auto(RunResult) one = { NULL };
  guint threads[] = { 2, 4 };

  tmp_dir_init (&tmp);
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
  g_auto(TmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) counted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TbMergeStream) merge = NULL;
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *text = NULL;
  Seen seen = { g_string_new (NULL), 0, 0, 0 };
  const TbFormat *f = tb_format_get ("2021");
  guint n = 10000, n_rows = 0;

  tmp_dir_init (&tmp);
  paths = write_inputs (&tmp, n, counted);
  csv_path = tmp_file (&tmp, "breakdown.csv");
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

      expect_sum (counted, tb_format_get_cell (f, c), &state, &value, &unit);
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
  g_auto(TmpDir) tmp = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *old = NULL;
  guint n_entries;

  tmp_dir_init (&tmp);
  paths = write_inputs (&tmp, 400, NULL);
  old = tmp_file (&tmp, "old.csv");
  tb_test_write_file (old, "before", -1);
  csv = tmp_file (&tmp, "breakdown.csv");
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

/* ------------------------------------------------------------------ streaming: limits */

static void
test_stream_limits (void)
{
  g_auto(TmpDir) tmp = { NULL };
  g_autofree char *csv = NULL;
  g_autofree char *nowhere = NULL;

  tmp_dir_init (&tmp);
  csv = tmp_file (&tmp, "breakdown.csv");

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
      Seen seen = { g_string_new (NULL), 0, 0, 0 };
      guint n = TB_BREAKDOWN_MAX_COLUMNS - 5 + (k == 0);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("missing-%u.tianbao", i);
          g_autofree char *path = tmp_file (&tmp, name);

          tb_merge_stream_add_file (merge, path);
        }
      tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_CELL, csv);
      tb_merge_stream_set_item_func (merge, on_item, &seen);
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
    Seen seen = { g_string_new (NULL), 0, 0, 0 };

    nowhere = g_build_filename (tmp.path, "no", "such", "folder.csv", NULL);
    tb_merge_stream_add_report (merge, report, NULL);
    tb_merge_stream_add_report (merge, report, NULL);
    tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_REPORT, nowhere);
    tb_merge_stream_set_item_func (merge, on_item, &seen);
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
    g_autofree char *big = tmp_file (&tmp, "big.tianbao");
    g_autofree char *good = tmp_file (&tmp, "good.tianbao");
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
  g_auto(TmpDir) tmp = { NULL };
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
  tmp_dir_init (&tmp);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *agency = g_strdup_printf ("%s%u", names[i % G_N_ELEMENTS (names)], i);
      TbReport *report = tb_test_make_report ("2021", 2024, agency, i);

      g_ptr_array_add (reports, report);
      tb_merge_stream_add_report (merge, report, NULL);
    }
  csv = tmp_file (&tmp, "汇总 breakdown.csv");
  tb_merge_stream_set_breakdown_file (merge, TB_BREAKDOWN_BY_REPORT, csv);
  g_assert_true (tb_merge_stream_run (merge, NULL, &error));
  g_assert_no_error (error);

  profile = tmp_file (&tmp, "lo-profile");
  profile_uri = g_filename_to_uri (profile, NULL, NULL);
  {
    g_autofree char *env = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
    const char *argv[] = { soffice, env, "--headless", "--convert-to", "xlsx",
                           "--infilter=CSV:44,34,76,1", "--outdir", tmp.path, csv, NULL };
    g_autofree char *log = tb_test_run_tool (argv);

    g_test_message ("%s", log);
  }
  xlsx = tmp_file (&tmp, "汇总 breakdown.xlsx");
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
  g_test_add_func ("/merge/stream/random-2021", test_stream_random_2021);
  g_test_add_func ("/merge/stream/random-2019", test_stream_random_2019);
  g_test_add_func ("/merge/stream/same-as-merge", test_stream_same_as_merge);
  g_test_add_func ("/merge/stream/threads", test_stream_threads);
  g_test_add_func ("/merge/stream/failures", test_stream_failures);
  g_test_add_func ("/merge/stream/cancel", test_stream_cancel);
  g_test_add_func ("/merge/stream/limits", test_stream_limits);
  g_test_add_func ("/merge/stream/breakdown-calc", test_stream_breakdown_calc);

  return g_test_run ();
}
