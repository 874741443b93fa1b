/* test-form-state.c: what the form shows for the issues, derived without a display
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-form-state"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "tb-date.h"
#include "tb-form-state.h"
#include "tb-paste.h"
#include "tb-report-convert.h"
#include "tb-rules.h"
#include "tb-sentence.h"
#include "tb-text.h"

#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

/* A 2021 report with every cell 0 and every text filled: no issue at all. */
static TbReport *
new_complete_report (void)
{
  const TbFormat *format = tb_format_get ("2021");
  TbReport *report = tb_report_new (format);

  tb_report_set_agency (report, "测试局");
  tb_report_set_year (report, 2025);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    tb_report_set_cell_value (report, i, 0, NULL);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    if (tb_format_get_section (format, i)->type == TB_SECTION_TEXT)
      tb_report_set_text (report, tb_format_get_section (format, i)->id, "无。");
  return report;
}

static TbFormState *
state_of (TbReport   *report,
          GPtrArray **issues_out)
{
  g_autoptr(GPtrArray) issues = tb_rules_check (report);
  TbFormState *state = tb_form_state_new (tb_report_get_format (report), issues);

  if (issues_out != NULL)
    *issues_out = g_steal_pointer (&issues);
  return state;
}

static int
section_index (TbReport   *report,
               const char *id)
{
  const TbSectionSpec *spec = tb_format_find_section (tb_report_get_format (report), id);

  g_assert_nonnull (spec);
  return spec->index;
}

/* ---- Tests ----------------------------------------------------------------------------- */

static void
test_clean (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(TbFormState) state = state_of (report, NULL);

  g_assert_cmpuint (state->total.n_errors, ==, 0);
  g_assert_cmpuint (state->total.n_warnings, ==, 0);
  g_assert_cmpuint (state->total.n_incomplete, ==, 0);
  for (guint i = 0; i < state->n_cells; i++)
    {
      g_assert_cmpint (state->marks[i], ==, TB_CELL_MARK_NONE);
      g_assert_null (state->tooltips[i]);
    }
}

static void
test_column_error (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(TbFormState) state = NULL;
  int s3 = section_index (report, "s3");
  const char *np_cells[] = { "t3.r1_new.np", "t3.r2_carry_in.np", "t3.r3_7_total.np",
                             "t3.r4_carry_out.np" };

  /* 5 new applications but no result: the 自然人 column breaks T3-1. The computed 总计
   * column breaks only as a consequence, so it is not marked a second time. */
  tb_test_type (report, "t3.r1_new.np", "5");
  tb_rules_compute_totals (report);
  state = state_of (report, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (np_cells); i++)
    {
      guint c = tb_test_cell (report, np_cells[i]);

      g_assert_cmpint (state->marks[c], ==, TB_CELL_MARK_ERROR);
      g_assert_nonnull (state->tooltips[c]);
      g_assert_nonnull (strstr (state->tooltips[c], "自然人"));
    }
  g_assert_cmpint (state->marks[tb_test_cell (report, "t3.r4_carry_out.tot")], ==,
                   TB_CELL_MARK_NONE);
  /* Other columns and rows are untouched. */
  g_assert_cmpint (state->marks[tb_test_cell (report, "t3.r1_new.biz")], ==, TB_CELL_MARK_NONE);
  g_assert_cmpint (state->marks[tb_test_cell (report, "t3.r3_1_open.np")], ==, TB_CELL_MARK_NONE);
  g_assert_null (state->tooltips[tb_test_cell (report, "t3.r1_new.biz")]);

  g_assert_cmpuint (state->sections[s3].n_errors, ==, 1);
  g_assert_cmpuint (state->sections[section_index (report, "s2")].n_errors, ==, 0);
  g_assert_cmpuint (state->total.n_errors, ==, 1);

  /* Fixing it clears everything. */
  tb_test_type (report, "t3.r3_1_open.np", "5");
  tb_rules_compute_totals (report);
  {
    g_autoptr(TbFormState) fixed = state_of (report, NULL);

    g_assert_cmpuint (fixed->total.n_errors, ==, 0);
    g_assert_cmpint (fixed->marks[tb_test_cell (report, "t3.r1_new.np")], ==, TB_CELL_MARK_NONE);
    g_assert_false (tb_form_state_cell_equal (state, fixed, tb_test_cell (report, "t3.r1_new.np")));
    g_assert_true (tb_form_state_cell_equal (state, fixed, tb_test_cell (report, "t3.r1_new.biz")));
  }
}

static void
test_unreadable_cell (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(TbFormState) state = NULL;
  guint c = tb_test_cell (report, "t2.reg.made");

  tb_test_type (report, "t2.reg.made", "12x");
  state = state_of (report, NULL);
  g_assert_cmpint (state->marks[c], ==, TB_CELL_MARK_ERROR);
  /* The tooltip names the cell and gives the parser's reason. */
  g_assert_nonnull (state->tooltips[c]);
  g_assert_nonnull (strstr (state->tooltips[c], tb_format_get_cell (tb_report_get_format (report), c)->label));
  g_assert_cmpuint (state->sections[section_index (report, "s2")].n_errors, ==, 1);

  /* Full-width digits are numbers. */
  tb_test_type (report, "t2.reg.made", "１２");
  {
    g_autoptr(TbFormState) fixed = state_of (report, NULL);

    g_assert_cmpint (fixed->marks[c], ==, TB_CELL_MARK_NONE);
  }
}

static void
test_incomplete_not_marked (void)
{
  const TbFormat *format = tb_format_get ("2021");
  g_autoptr(TbReport) report = tb_report_new (format);
  g_autoptr(TbFormState) state = NULL;

  tb_report_set_year (report, 2025);
  state = state_of (report, NULL);
  g_assert_cmpuint (state->total.n_errors, ==, 0);
  g_assert_cmpuint (state->total.n_incomplete, >, 0);
  g_assert_cmpuint (state->sections[section_index (report, "s3")].n_incomplete, >, 0);
  for (guint i = 0; i < state->n_cells; i++)
    g_assert_cmpint (state->marks[i], ==, TB_CELL_MARK_NONE);
}

static void
test_warning_acknowledged (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(TbFormState) state = NULL;
  const TbIssue *warning = NULL;
  guint fee = tb_test_cell (report, "s6.fee_notices");

  /* 2 applications dropped for an unpaid fee, but no fee notice reported (T3-7). */
  tb_test_type (report, "t3.r3_6_2.np", "2");
  tb_test_type (report, "t3.r1_new.np", "2");
  tb_rules_compute_totals (report);
  state = state_of (report, &issues);
  g_assert_cmpuint (state->total.n_errors, ==, 0);
  g_assert_cmpuint (state->total.n_warnings, ==, 1);
  g_assert_cmpint (state->marks[fee], ==, TB_CELL_MARK_WARNING);
  for (guint i = 0; i < issues->len; i++)
    if (((TbIssue *) g_ptr_array_index (issues, i))->severity == TB_SEVERITY_WARNING)
      warning = g_ptr_array_index (issues, i);
  g_assert_nonnull (warning);
  g_assert_cmpint (tb_form_issue_focus_cell (tb_report_get_format (report), warning), >=, 0);

  tb_report_set_acknowledged (report, warning->key, TRUE);
  {
    g_autoptr(TbFormState) acked = state_of (report, NULL);

    g_assert_cmpuint (acked->total.n_warnings, ==, 0);
    g_assert_cmpint (acked->marks[fee], ==, TB_CELL_MARK_NONE);
  }
}

static void
test_computed (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  guint total = tb_test_cell (report, "t3.r3_7_total.np");
  guint part = tb_test_cell (report, "t3.r3_1_open.np");

  g_assert_true (tb_form_cell_is_computed (report, total));
  g_assert_true (tb_form_cell_is_computed (report, tb_test_cell (report, "t4.review.total")));
  g_assert_false (tb_form_cell_is_computed (report, part));
  tb_report_set_manual_totals (report, TRUE);
  g_assert_false (tb_form_cell_is_computed (report, total));
}

static void
test_sort (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(TbFormState) state = NULL;
  int last = -1;

  tb_test_type (report, "t4.review.upheld", "x");
  tb_test_type (report, "t2.reg.made", "y");
  tb_report_set_text (report, "s1", "");
  state = state_of (report, &issues);
  sorted = tb_form_sort_issues (issues);
  g_assert_cmpuint (sorted->len, ==, issues->len);
  g_assert_cmpuint (sorted->len, >=, 3);
  for (guint i = 0; i < sorted->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (sorted, i);
      int rank = issue->section >= 0 ? issue->section : G_MAXINT;

      g_assert_cmpint (rank, >=, last);
      last = rank;
    }
  /* The empty text names no cell: the page is shown, the text view focused. */
  for (guint i = 0; i < sorted->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (sorted, i);

      if (issue->section == section_index (report, "s1"))
        g_assert_cmpint (tb_form_issue_focus_cell (tb_report_get_format (report), issue), ==, -1);
    }
}

static void
test_tooltip_limit (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(TbFormState) state = NULL;
  guint c = tb_test_cell (report, "t3.r3_7_total.tot");
  guint lines = 0;

  /* Typed totals that add up to nothing: the 总计/（七）总计 corner is in many rules. */
  tb_report_set_manual_totals (report, TRUE);
  tb_test_type (report, "t3.r3_7_total.tot", "9");
  tb_test_type (report, "t3.r3_7_total.np", "9");
  tb_test_type (report, "t3.r1_new.tot", "1");
  state = state_of (report, NULL);
  g_assert_cmpint (state->marks[c], ==, TB_CELL_MARK_ERROR);
  for (const char *p = state->tooltips[c]; *p; p++)
    lines += *p == '\n';
  g_assert_cmpuint (lines, <=, 3);
}

static void
test_sentence (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  const TbSectionSpec *s6 = tb_format_find_section (tb_report_get_format (report), "s6");
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  int start = -1, end = -1;

  tb_report_clear_cell (report, tb_test_cell (report, "s6.fee_collected"));
  g_assert_null (tb_sentence_make (report, s6));

  tb_test_type (report, "s6.fee_notices", "3");
  tb_test_type (report, "s6.fee_notified", "１,２００.5");
  tb_test_type (report, "s6.fee_collected", "800");
  sentence = tb_sentence_make (report, s6);
  g_assert_cmpstr (sentence, ==,
                   "2025年，本机关共发出收费通知3件，通知收费总金额1200.5元，实际收取信息处理费800元。");

  text = g_strconcat ("无其他事项。", sentence, "以上。", NULL);
  g_assert_true (tb_sentence_find (s6, text, &start, &end));
  g_assert_cmpint (start, ==, 6);
  g_assert_cmpint (end, ==, 6 + (int) g_utf8_strlen (sentence, -1));
  g_assert_false (tb_sentence_find (s6, "无。", NULL, NULL));
  g_assert_null (tb_sentence_make (report,
                                        tb_format_find_section (tb_report_get_format (report), "s1")));
}

static void
test_count_characters (void)
{
  g_assert_cmpuint (tb_text_count_characters (""), ==, 0);
  g_assert_cmpuint (tb_text_count_characters ("无。"), ==, 2);
  g_assert_cmpuint (tb_text_count_characters (" a b\n\t　c "), ==, 3);
}

static void
test_parse_date (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "2025-01-20", "2025-01-20" },
    { "2025/1/20", "2025-01-20" },
    { "2025.1.2", "2025-01-02" },
    { "2025年1月20日", "2025-01-20" },
    { "２０２５年１月２０日", "2025-01-20" },
    { " 2024-02-29 ", "2024-02-29" },
    { "2025-02-29", NULL },
    { "2025-13-01", NULL },
    { "2025年1月", NULL },
    { "1/20/2025", NULL },
    { "tomorrow", NULL },
    { "", NULL },
    { "2025-01-20-01", NULL },
    /* Characters whose low byte is a separator are no separator: U+012D, U+022F. */
    { "2025ĭ01ĭ20", NULL },
    { "2025ȯ1ȯ20", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = tb_date_parse (cases[i].in);

      g_assert_cmpstr (iso, ==, cases[i].out);
    }
}

static void
test_convert (void)
{
  g_autoptr(TbReport) report = new_complete_report ();
  g_autoptr(TbReport) old = NULL;
  g_autoptr(TbReport) back = NULL;
  const TbFormat *f2019 = tb_format_get ("2019");
  guint dropped = 0;
  const TbCellSpec *spec;

  tb_test_type (report, "t3.r1_new.np", "7");
  tb_test_type (report, "t4.review.upheld", "oops");
  tb_report_set_text (report, "s5", "问题");
  tb_report_set_manual_totals (report, TRUE);
  tb_report_set_year (report, 2020);

  old = tb_report_convert (report, f2019, &dropped);
  g_assert_true (tb_report_get_format (old) == f2019);
  g_assert_cmpint (tb_report_get_year (old), ==, 2020);
  g_assert_cmpstr (tb_report_get_agency (old), ==, "测试局");
  g_assert_cmpstr (tb_report_get_text (old, "s5"), ==, "问题");
  g_assert_true (tb_report_get_manual_totals (old));
  g_assert_true (tb_report_get_modified (old));
  /* Table 三 and 四 are the same; table 二 and the fee fields of 六 are not. */
  spec = tb_format_find_cell (f2019, "t3.r1_new.np");
  g_assert_nonnull (spec);
  g_assert_cmpint (tb_report_get_cell (old, spec->index)->value, ==, 7);
  spec = tb_format_find_cell (f2019, "t4.review.upheld");
  g_assert_cmpint (tb_report_get_cell (old, spec->index)->state, ==, TB_CELL_INVALID);
  g_assert_cmpuint (dropped, >, 0);

  back = tb_report_convert (old, tb_format_get ("2021"), NULL);
  g_assert_cmpint (tb_report_get_cell (back, tb_test_cell (back, "t3.r1_new.np"))->value, ==, 7);
}

static char *
join_rows (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *line = g_strjoinv ("|", g_ptr_array_index (rows, i));

      g_string_append_printf (s, "[%s]", line);
    }
  return g_string_free (s, FALSE);
}

static void
test_paste (void)
{
  const struct { const char *in; const char *rows; guint width; } cases[] = {
    /* Excel / WPS: tabs, CRLF, a final newline */
    { "1\t2\t3\r\n4\t5\t6\r\n", "[1|2|3][4|5|6]", 3 },
    /* empty cells stay in place */
    { "1\t\t3\n", "[1||3]", 3 },
    /* a web page or a PDF: spaces, also ideographic and no-break */
    { "12  3　4\u00a05", "[12|3|4|5]", 4 },
    { " 7 ", "[7]", 1 },
    /* the separators of thousands stay inside a number */
    { "1,234 5，678", "[1,234|5，678]", 2 },
    /* a blank line inside is an empty row; trailing blank lines are dropped */
    { "1 2\n\n3 4\n  \n\n", "[1|2][][3|4]", 2 },
    { "a\rb", "[a][b]", 1 },
    { "", "", 0 },
    { "\n\n", "", 0 },
    /* label and values copied together */
    { "一、本年新收政府信息公开申请数量\t3\t0", "[一、本年新收政府信息公开申请数量|3|0]", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) rows = tb_paste_split (cases[i].in);
      g_autofree char *joined = join_rows (rows);

      g_assert_cmpstr (joined, ==, cases[i].rows);
      g_assert_cmpuint (tb_paste_get_width (rows), ==, cases[i].width);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/form-state/clean", test_clean);
  g_test_add_func ("/form-state/column-error", test_column_error);
  g_test_add_func ("/form-state/unreadable-cell", test_unreadable_cell);
  g_test_add_func ("/form-state/incomplete-not-marked", test_incomplete_not_marked);
  g_test_add_func ("/form-state/warning-acknowledged", test_warning_acknowledged);
  g_test_add_func ("/form-state/computed", test_computed);
  g_test_add_func ("/form-state/sort", test_sort);
  g_test_add_func ("/form-state/tooltip-limit", test_tooltip_limit);
  g_test_add_func ("/form-state/sentence", test_sentence);
  g_test_add_func ("/form-state/count-characters", test_count_characters);
  g_test_add_func ("/form-state/parse-date", test_parse_date);
  g_test_add_func ("/form-state/convert", test_convert);
  g_test_add_func ("/paste/split", test_paste);

  return g_test_run ();
}
