/* test-rules.c: every rule of both formats, with a passing and a failing case
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tb-draft.h"
#include "tb-report.h"
#include "tb-rules.h"
#include "tb-value.h"

#include "tb-test-util.h"

/* ------------------------------------------------------------------ fixtures */

/* A complete report whose every rule holds: detail cells get varied values, totals are
 * computed, and 本年新收 is chosen so that T3-1 holds in every column. */
static TbReport *
make_consistent (const char *format_id)
{
  const TbFormat *f = tb_format_get (format_id);
  TbReport *report = tb_report_new (f);

  tb_report_set_agency (report, "测试县审计局");
  tb_report_set_year (report, g_str_equal (format_id, "2019") ? 2020 : 2024);

  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);
      g_autofree char *text = NULL;

      if (c->total_rule >= 0 || g_str_equal (c->row_key, "r1_new"))
        continue;
      switch (c->kind)
        {
        case TB_CELL_SIGNED:
          text = g_strdup_printf ("-%u", i % 3);
          break;
        case TB_CELL_AMOUNT:
          text = g_strdup_printf ("%u.25", i);
          break;
        case TB_CELL_AMOUNT_UNIT:
          text = g_strdup_printf ("%u元", 1000 + i);
          break;
        default:
          text = g_strdup_printf ("%u", (i * 7) % 11);
        }
      tb_test_set (report, c->id, text);
    }
  /* 2019's 本年新公开数量 must not exceed 对外公开总数量 (warning T2'-2). */
  if (g_str_equal (format_id, "2019"))
    {
      tb_test_set (report, "t2.reg.published", "1");
      tb_test_set (report, "t2.reg.total", "9");
      tb_test_set (report, "t2.norm.published", "2");
      tb_test_set (report, "t2.norm.total", "9");
    }
  tb_test_balance_t3 (report, TRUE);
  if (g_str_equal (format_id, "2021"))
    tb_test_set_int (report, "s6.fee_notices", tb_test_get (report, "t3.r3_6_2.tot") + 1);

  tb_report_set_text (report, "s1", "总体情况正文。");
  tb_report_set_text (report, "s5", "存在的主要问题。");
  tb_report_set_text (report, "s6", "无。");
  return report;
}

/* ------------------------------------------------------------------ tests */

static void
test_consistent (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = tb_rules_check (report);

  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_true (tb_rules_is_ready (issues));
  /* Values really are non-trivial. */
  g_assert_cmpint (tb_test_get (report, "t3.r1_new.tot"), >, 0);
  g_assert_cmpint (tb_test_get (report, "t4.after.total"), >, 0);
}

static void
test_t3_1 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;
  gint64 before = tb_test_get (report, "t3.r1_new.np");
  g_autofree char *expected = NULL;

  tb_test_set_int (report, "t3.r1_new.np", before + 1);
  tb_rules_compute_totals (report);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);

  /* Exactly the 自然人 column breaks. The computed 总计 column breaks only because of it,
   * so it is not reported a second time. */
  g_assert_cmpuint (issues->len, ==, 1);
  issue = tb_test_find_issue (issues, "T3-1:np");
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->rule, ==, "T3-1");
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
  g_assert_true (issue->has_values);
  g_assert_cmpint (issue->lhs, ==, issue->rhs + 1);
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r1_new.np"));
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r2_carry_in.np"));
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r3_7_total.np"));
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r4_carry_out.np"));
  g_assert_false (tb_test_issue_has_cell (report, issue, "t3.r1_new.biz"));
  g_assert_cmpint (issue->section, ==, 2);
  expected = g_strdup_printf ("自然人 column: new applications + carried over from last year = %"
                              G_GINT64_FORMAT ", but total of results + carried over to next "
                              "year = %" G_GINT64_FORMAT, issue->lhs, issue->rhs);
  g_assert_cmpstr (issue->message, ==, expected);
  g_assert_null (tb_test_find_issue (issues, "T3-1:tot"));
  g_assert_false (tb_rules_is_ready (issues));

  /* Typed totals are the clerk's own figures: then the 总计 column is checked on its own. */
  tb_report_set_manual_totals (report, TRUE);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_nonnull (tb_test_find_issue (issues, "T3-1:np"));
  g_assert_nonnull (tb_test_find_issue (issues, "T3-1:tot"));
}

static void
test_t3_2 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  /* A typed total (manual mode) that disagrees with its parts. */
  tb_report_set_manual_totals (report, TRUE);
  tb_test_set_int (report, "t3.r3_7_total.res", tb_test_get (report, "t3.r3_7_total.res") + 2);
  tb_test_set_int (report, "t3.r4_carry_out.res", tb_test_get (report, "t3.r4_carry_out.res") - 2);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  issue = tb_test_find_issue (issues, "T3-2:res");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->lhs - issue->rhs, ==, 2);
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r3_1_open.res"));
  g_assert_true (strstr (issue->message, "科研机构") != NULL);
  /* T3-1 still holds in that column, so only T3-2 and the row/column totals fire. */
  g_assert_null (tb_test_find_issue (issues, "T3-1:res"));
}

static void
test_t3_3 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  tb_test_set_int (report, "t3.r3_4_2.tot", tb_test_get (report, "t3.r3_4_2.tot") + 5);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  issue = tb_test_find_issue (issues, "T3-3:r3_4_2");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->lhs - issue->rhs, ==, 5);
  g_assert_true (strstr (issue->message, "2.没有现成信息需要另行制作") != NULL);
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r3_4_2.oth"));

  /* Recomputing the totals repairs it. */
  g_clear_pointer (&issues, g_ptr_array_unref);
  g_assert_true (tb_rules_compute_totals (report));
  issues = tb_rules_check (report);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_t4_1 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  tb_test_set_int (report, "t4.direct.total", 0);
  tb_test_set_int (report, "t4.direct.pending", 3);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  issue = tb_test_find_issue (issues, "T4-1:direct");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->lhs, ==, 0);
  g_assert_cmpint (issue->rhs, >=, 3);
  g_assert_true (strstr (issue->message, "未经复议直接起诉") != NULL);
  g_assert_null (tb_test_find_issue (issues, "T4-1:review"));
  g_assert_null (tb_test_find_issue (issues, "T4-1:after"));
}

static void
test_kind_checks (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  const TbFormat *f = tb_report_get_format (report);
  const TbIssue *issue;
  const char *cases[][2] = {
    { "t2.reg.made", "T2-1" },
    { "t3.r2_carry_in.law", "T3-4" },
    { "t4.after.other", "T4-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = g_strconcat (cases[i][1], ":", cases[i][0], NULL);

      g_clear_error (&error);
      g_assert_false (tb_report_set_cell_text (report, tb_format_find_cell (f, cases[i][0])->index,
                                               i == 1 ? "-4" : "3件x", &error));
      g_assert_nonnull (error);
      g_clear_pointer (&issues, g_ptr_array_unref);
      issues = tb_rules_check (report);
      tb_test_dump_issues (issues);
      issue = tb_test_find_issue (issues, key);
      g_assert_nonnull (issue);
      g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
      g_assert_cmpuint (issue->n_cells, ==, 1);
      g_assert_true (tb_test_issue_has_cell (report, issue, cases[i][0]));
      g_assert_true (strstr (issue->message, tb_format_find_cell (f, cases[i][0])->label) != NULL);
      g_assert_false (tb_rules_is_ready (issues));
    }
  /* An unreadable cell is reported once, by its kind check, not again as a broken sum. */
  g_assert_null (tb_test_find_issue (issues, "T3-1:law"));
  g_assert_null (tb_test_find_issue (issues, "T3-3:r2_carry_in"));
  /* The typed text is kept. */
  g_assert_cmpstr (tb_report_get_cell (report, tb_format_find_cell (f, "t3.r2_carry_in.law")->index)->text,
                   ==, "-4");
}

static void
test_incomplete (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  tb_test_clear (report, "t3.r3_5_2.soc");
  tb_rules_compute_totals (report);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);

  /* An empty cell is not zero: nothing fails, the report is incomplete. */
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_INCOMPLETE), >, 0);
  g_assert_false (tb_rules_is_ready (issues));
  issue = tb_test_find_issue (issues, "T3-4");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_INCOMPLETE);
  g_assert_true (tb_test_issue_has_cell (report, issue, "t3.r3_5_2.soc"));
  /* The computed totals depending on it are empty too, but they are not listed: the clerk
   * cannot type into them, only into the part they wait for (issue 14). */
  g_assert_false (tb_test_issue_has_cell (report, issue, "t3.r3_5_2.tot"));
  g_assert_false (tb_test_issue_has_cell (report, issue, "t3.r3_7_total.soc"));
  /* With the totals typed by hand, a blank total is a cell to fill like any other. */
  tb_report_set_manual_totals (report, TRUE);
  {
    g_autoptr(GPtrArray) manual = tb_rules_check (report);
    const TbIssue *typed = tb_test_find_issue (manual, "T3-4");

    g_assert_nonnull (typed);
    g_assert_true (tb_test_issue_has_cell (report, typed, "t3.r3_5_2.tot"));
  }
  tb_report_set_manual_totals (report, FALSE);
  issue = tb_test_find_issue (issues, "T3-3:r3_5_2");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_INCOMPLETE);
  g_assert_false (issue->has_values);

  /* A blank report is incomplete everywhere and fails nothing. */
  {
    g_autoptr(TbReport) blank = tb_report_new (tb_report_get_format (report));
    g_autoptr(GPtrArray) all = tb_rules_check (blank);

    g_assert_cmpuint (tb_rules_count (all, TB_SEVERITY_ERROR), ==, 0);
    g_assert_cmpuint (tb_rules_count (all, TB_SEVERITY_WARNING), ==, 0);
    g_assert_nonnull (tb_test_find_issue (all, "TXT-1"));
    g_assert_nonnull (tb_test_find_issue (all, "T2-1"));
    g_assert_false (tb_rules_is_ready (all));
  }
}

static void
test_text (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  tb_report_set_text (report, "s5", " \n\u3000 ");
  issues = tb_rules_check (report);
  issue = tb_test_find_issue (issues, "TXT-5");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_INCOMPLETE);
  g_assert_true (strstr (issue->message, "五、存在的主要问题及改进情况") != NULL);
  g_assert_cmpuint (issues->len, ==, 1);
}

static void
test_t2_2019_warning (void)
{
  g_autoptr(TbReport) report = make_consistent ("2019");
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  tb_test_set (report, "t2.norm.published", "12");
  tb_test_set (report, "t2.norm.total", "2");
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = tb_test_find_issue (issues, "T2'-2:norm");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_WARNING);
  g_assert_cmpint (issue->lhs, ==, 12);
  g_assert_cmpint (issue->rhs, ==, 2);
  g_assert_false (issue->acknowledged);
  g_assert_true (strstr (issue->message, "规范性文件") != NULL);
  /* Warnings do not block. */
  g_assert_true (tb_rules_is_ready (issues));

  tb_report_set_acknowledged (report, "T2'-2:norm", TRUE);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_true (tb_test_find_issue (issues, "T2'-2:norm")->acknowledged);

  /* A warning waits for its cells: with 对外公开总数量 not filled yet there is nothing to
   * compare, and the report is only incomplete (not warned about 12 > 0). */
  tb_test_clear (report, "t2.norm.total");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_null (tb_test_find_issue (issues, "T2'-2:norm"));
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_WARNING), ==, 0);
  g_assert_nonnull (tb_test_find_issue (issues, "T2-1"));
  tb_test_set (report, "t2.norm.total", "2");

  /* Equal is fine. */
  tb_test_set (report, "t2.norm.published", "2");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_t3_7_fee_warning (void)
{
  g_autoptr(TbReport) report = make_consistent ("2021");
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  g_assert_cmpint (tb_test_get (report, "t3.r3_6_2.tot"), >, 0);
  tb_test_set (report, "s6.fee_notices", "");
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  issue = tb_test_find_issue (issues, "T3-7");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_WARNING);
  g_assert_cmpint (issue->lhs, ==, 0);
  g_assert_cmpint (issue->rhs, ==, tb_test_get (report, "t3.r3_6_2.tot"));
  g_assert_true (tb_test_issue_has_cell (report, issue, "s6.fee_notices"));
  g_assert_true (tb_rules_is_ready (issues));

  /* No application dropped for an unpaid fee: nothing to report. */
  for (const char *const *c = (const char *const[]) { "np", "biz", "res", "soc", "law", "oth", NULL };
       *c; c++)
    {
      g_autofree char *id = g_strdup_printf ("t3.r3_6_2.%s", *c);
      g_autofree char *carry = g_strdup_printf ("t3.r4_carry_out.%s", *c);

      tb_test_set_int (report, carry, tb_test_get (report, carry) + tb_test_get (report, id));
      tb_test_set (report, id, "0");
    }
  tb_rules_compute_totals (report);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_compute_totals (void)
{
  g_autoptr(TbReport) report = make_consistent ("2021");
  const TbFormat *f = tb_report_get_format (report);
  gint64 sum = 0;

  for (const char *const *c = (const char *const[]) { "np", "biz", "res", "soc", "law", "oth", NULL };
       *c; c++)
    {
      g_autofree char *id = g_strdup_printf ("t3.r3_3_6.%s", *c);

      sum += tb_test_get (report, id);
    }
  g_assert_cmpint (tb_test_get (report, "t3.r3_3_6.tot"), ==, sum);
  g_assert_cmpint (tb_test_get (report, "t4.review.total"), ==,
                   tb_test_get (report, "t4.review.upheld") +
                   tb_test_get (report, "t4.review.corrected") +
                   tb_test_get (report, "t4.review.other") +
                   tb_test_get (report, "t4.review.pending"));

  /* Changing a part updates its row total, the column total and the grand total. */
  {
    gint64 row = tb_test_get (report, "t3.r3_1_open.tot");
    gint64 col = tb_test_get (report, "t3.r3_7_total.biz");
    gint64 grand = tb_test_get (report, "t3.r3_7_total.tot");

    tb_test_set_int (report, "t3.r3_1_open.biz", tb_test_get (report, "t3.r3_1_open.biz") + 10);
    g_assert_true (tb_rules_compute_totals (report));
    g_assert_cmpint (tb_test_get (report, "t3.r3_1_open.tot"), ==, row + 10);
    g_assert_cmpint (tb_test_get (report, "t3.r3_7_total.biz"), ==, col + 10);
    g_assert_cmpint (tb_test_get (report, "t3.r3_7_total.tot"), ==, grand + 10);
    g_assert_false (tb_rules_compute_totals (report));
  }

  /* A part left empty empties the totals that depend on it. */
  tb_test_clear (report, "t4.after.pending");
  tb_rules_compute_totals (report);
  g_assert_cmpint (tb_report_get_cell (report, tb_format_find_cell (f, "t4.after.total")->index)->state,
                   ==, TB_CELL_EMPTY);
}

/* A computed total beyond what a count can hold is not stored as a value the draft could
 * not read back: it stays unreadable text, before and after saving, and the kind check
 * reports it. */
static void
test_total_too_large (void)
{
  g_autoptr(TbReport) report = make_consistent ("2021");
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const TbFormat *f = tb_report_get_format (report);
  guint total = tb_format_find_cell (f, "t4.review.total")->index;
  const TbCellValue *v;
  const TbIssue *issue;
  gsize len;
  const char *data;

  tb_test_set_int (report, "t4.review.upheld", TB_COUNT_MAX);
  tb_test_set_int (report, "t4.review.corrected", TB_COUNT_MAX);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                              2 * TB_COUNT_MAX + tb_test_get (report, "t4.review.other") +
                              tb_test_get (report, "t4.review.pending"));
  g_assert_true (tb_rules_compute_totals (report));
  v = tb_report_get_cell (report, total);
  g_assert_cmpint (v->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (v->text, ==, expected);
  g_assert_false (tb_rules_compute_totals (report));

  bytes = tb_draft_serialize (report);
  data = g_bytes_get_data (bytes, &len);
  loaded = tb_draft_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_report_get_cell (loaded, total)->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (tb_report_get_cell (loaded, total)->text, ==, expected);

  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  issue = tb_test_find_issue (issues, "T4-2:t4.review.total");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
  g_assert_nonnull (strstr (issue->message, "too large"));
  g_assert_false (tb_rules_is_ready (issues));

  /* Back within range: computed again. */
  tb_test_set (report, "t4.review.upheld", "1");
  tb_test_set (report, "t4.review.corrected", "1");
  g_assert_true (tb_rules_compute_totals (report));
  g_assert_cmpint (tb_report_get_cell (report, total)->state, ==, TB_CELL_VALID);
}

static void
test_sample_zeros (void)
{
  /* The shape of the real 2020 sample: all zero but two cells; it checks clean. */
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2019"));
  const TbFormat *f = tb_report_get_format (report);
  g_autoptr(GPtrArray) issues = NULL;

  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);

      tb_test_set (report, c->id, c->kind == TB_CELL_AMOUNT_UNIT ? "0元" : "0");
    }
  tb_test_set (report, "t2.norm.total", "2");
  tb_test_set (report, "t2.service.previous", "1");
  tb_report_set_text (report, "s1", "2020 年以来，我局坚持……");
  tb_report_set_text (report, "s5", "2020 年，我局政务公开信息取得了一些成绩……");
  tb_report_set_text (report, "s6", "无。");
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 0);
}

/* Every issue says which kind of rule raised it, so a front end can group them without
 * reading the rules. */
static void
test_issue_kinds (void)
{
  g_autoptr(TbReport) report = make_consistent ("2021");
  g_autoptr(TbReport) previous = make_consistent ("2021");
  g_autoptr(GPtrArray) issues = NULL;
  const char *copied = "本年度，我局认真贯彻落实政府信息公开条例，各项工作稳步推进。";
  const TbIssue *issue;

  tb_test_set_int (report, "t3.r1_new.np", tb_test_get (report, "t3.r1_new.np") + 1);
  tb_test_clear (report, "t3.r3_5_2.soc");
  g_assert_false (tb_report_set_cell_text (report,
                                           tb_format_find_cell (tb_report_get_format (report),
                                                                "t2.reg.made")->index,
                                           "3件x", NULL));
  tb_report_set_text (report, "s5", " ");
  tb_report_set_text (report, "s1", copied);
  tb_report_set_year (previous, tb_report_get_year (report) - 1);
  tb_report_set_text (previous, "s1", copied);
  issues = tb_rules_check_with_previous (report, previous);
  tb_test_dump_issues (issues);

  issue = tb_test_find_issue (issues, "T3-1:np");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_EQUATION);
  issue = tb_test_find_issue (issues, "T3-3:r3_5_2");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_INCOMPLETE);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_EQUATION);
  issue = tb_test_find_issue (issues, "T3-4");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_CELLS);
  issue = tb_test_find_issue (issues, "T2-1:t2.reg.made");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_CELLS);
  issue = tb_test_find_issue (issues, "TXT-5");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_TEXT);
  issue = tb_test_find_issue (issues, "TXT-PREV-1");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_TEXT_UNCHANGED);

  /* Last year's report on the wrong year: one issue of its own kind. */
  tb_report_set_year (previous, tb_report_get_year (report) - 2);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check_with_previous (report, previous);
  issue = tb_test_find_issue (issues, TB_RULES_PREVIOUS_YEAR);
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_PREVIOUS_YEAR);
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-1"));
}

/* A format with an amount and a count, compared within the report and with last year's. */
static const char sides_format[] =
  "<format id=\"sides\" first-year=\"2021\" name=\"x\" document=\"y\">"
  "<title-pattern>{agency}{year}</title-pattern>"
  "<section id=\"s1\" numeral=\"一\" title=\"t\" type=\"table\" table=\"t\"/>"
  "<table id=\"t\" columns=\"3\"><tbody>"
  "<tr key=\"a\"><th>A</th><td key=\"x\" kind=\"amount\" unit=\"万元\" decimals=\"4\"/>"
  "<td key=\"n\"/></tr>"
  "</tbody></table><rules>"
  "<rule id=\"A1\" severity=\"warning\"><assert>t.a.x &lt;= t.a.n</assert>"
  "<message>{lhs} exceeds {rhs}</message></rule>"
  "<rule id=\"A2\" severity=\"warning\" previous=\"yes\"><assert>t.a.n = prev.t.a.x</assert>"
  "<message>{lhs} is not {rhs}</message></rule>"
  "</rules></format>";

/* Both sides of a failed rule come written like their cells, as in the message: an amount
 * with its decimals, last year's cell in last year's kind. */
static void
test_issue_sides (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbFormat) f = tb_format_new_from_data (sides_format, strlen (sides_format), &error);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) previous = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  g_assert_no_error (error);
  report = tb_report_new (f);
  previous = tb_report_new (f);
  tb_report_set_year (report, 2022);
  tb_report_set_year (previous, 2021);
  tb_test_set (report, "t.a.x", "1.5");
  tb_test_set (report, "t.a.n", "1");
  tb_test_set (previous, "t.a.x", "2.25");
  issues = tb_rules_check_with_previous (report, previous);
  tb_test_dump_issues (issues);

  issue = tb_test_find_issue (issues, "A1");
  g_assert_nonnull (issue);
  g_assert_true (issue->has_values);
  g_assert_cmpint (issue->lhs, ==, 15 * TB_AMOUNT_SCALE / 10);
  g_assert_cmpstr (issue->lhs_text, ==, "1.5");
  g_assert_cmpstr (issue->rhs_text, ==, "1");
  g_assert_cmpstr (issue->message, ==, "1.5 exceeds 1");

  issue = tb_test_find_issue (issues, "A2");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->kind, ==, TB_ISSUE_EQUATION);
  g_assert_cmpstr (issue->lhs_text, ==, "1");
  g_assert_cmpstr (issue->rhs_text, ==, "2.25");
  g_assert_cmpstr (issue->message, ==, "1 is not 2.25");

  /* Issues without values have no sides. */
  tb_test_clear (report, "t.a.n");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check_with_previous (report, previous);
  tb_test_dump_issues (issues);
  for (guint i = 0; i < issues->len; i++)
    {
      issue = g_ptr_array_index (issues, i);
      g_assert_false (issue->has_values);
      g_assert_null (issue->lhs_text);
      g_assert_null (issue->rhs_text);
    }
}

static void
test_lookup_key (void)
{
  const TbFormat *f = tb_format_get ("2021");
  TbSeverity severity = TB_SEVERITY_INCOMPLETE;

  g_assert_true (tb_rules_lookup_key (f, "T3-7", &severity));
  g_assert_cmpint (severity, ==, TB_SEVERITY_WARNING);
  g_assert_true (tb_rules_lookup_key (f, "T3-1:np", &severity));
  g_assert_cmpint (severity, ==, TB_SEVERITY_ERROR);
  g_assert_true (tb_rules_lookup_key (f, "TXT-PREV-1", NULL));
  /* A rule with items has a key per item only; single cells and the engine's own warning
   * are no rule keys. */
  g_assert_false (tb_rules_lookup_key (f, "T3-1", NULL));
  g_assert_false (tb_rules_lookup_key (f, "T3-4:t3.r1_new.np", NULL));
  g_assert_false (tb_rules_lookup_key (f, TB_RULES_PREVIOUS_YEAR, NULL));
  g_assert_false (tb_rules_lookup_key (f, "", NULL));
  /* The 2019 format has no T3-7. */
  g_assert_false (tb_rules_lookup_key (tb_format_get ("2019"), "T3-7", NULL));
}

/* Before: a 2019-format report on 2024 (hand-edited, or from another tool) was ready and
 * exported citing 〔2019〕60号; a 2021-format report on 2019 too. Now it is an error of its
 * own, first, naming the format that fits; within the years, nothing is said. */
static void
test_year_outside_format (void)
{
  static const struct { const char *format; int year; const char *fitting; } cases[] = {
    { "2019", 2024, "2021" },
    { "2019", 2018, NULL },
    { "2021", 2019, "2019" },
    { "2021", 2020, "2019" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
      g_autoptr(TbReport) other = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autofree char *years = NULL;
      const TbIssue *issue;

      if (!g_str_equal (cases[i].format, "2019"))
        {
          other = tb_test_make_full_2021 ();
          g_set_object (&report, other);
        }
      tb_report_set_year (report, cases[i].year);
      issues = tb_rules_check (report);
      g_assert_cmpuint (issues->len, >=, 1);
      issue = g_ptr_array_index (issues, 0);
      g_test_message ("%s on %d: %s", cases[i].format, cases[i].year, issue->message);
      g_assert_cmpstr (issue->rule, ==, TB_RULES_YEAR);
      g_assert_cmpint (issue->kind, ==, TB_ISSUE_YEAR);
      g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
      g_assert_false (tb_rules_is_ready (issues));
      g_assert_cmpuint (tb_test_count_rule (issues, TB_RULES_YEAR), ==, 1);
      g_assert_nonnull (strstr (issue->message, tb_format_get_document (tb_report_get_format (report))));
      if (cases[i].fitting != NULL)
        g_assert_nonnull (strstr (issue->message,
                                  tb_format_get_document (tb_format_get (cases[i].fitting))));
    }

  /* Every year each format is for: no such issue. */
  for (int year = 2019; year <= 2030; year++)
    {
      g_autoptr(TbReport) report = year <= 2020 ? tb_test_make_sample_2020 ()
                                                : tb_test_make_full_2021 ();
      g_autoptr(GPtrArray) issues = NULL;

      tb_report_set_year (report, year);
      issues = tb_rules_check (report);
      g_assert_cmpuint (tb_test_count_rule (issues, TB_RULES_YEAR), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  for (const char *const *id = (const char *const[]) { "2019", "2021", NULL }; *id; id++)
    {
#define ADD(name, fn)                                                     \
  {                                                                       \
    g_autofree char *path = g_strdup_printf ("/rules/%s/" name, *id);     \
    g_test_add_data_func (path, *id, fn);                                 \
  }
      ADD ("consistent", test_consistent);
      ADD ("T3-1", test_t3_1);
      ADD ("T3-2", test_t3_2);
      ADD ("T3-3", test_t3_3);
      ADD ("T4-1", test_t4_1);
      ADD ("kind-checks", test_kind_checks);
      ADD ("incomplete", test_incomplete);
      ADD ("text", test_text);
#undef ADD
    }
  g_test_add_func ("/rules/2019/T2'-2", test_t2_2019_warning);
  g_test_add_func ("/rules/2021/T3-7", test_t3_7_fee_warning);
  g_test_add_func ("/rules/compute-totals", test_compute_totals);
  g_test_add_func ("/rules/total-too-large", test_total_too_large);
  g_test_add_func ("/rules/sample-zeros", test_sample_zeros);
  g_test_add_func ("/rules/issue-kinds", test_issue_kinds);
  g_test_add_func ("/rules/issue-sides", test_issue_sides);
  g_test_add_func ("/rules/lookup-key", test_lookup_key);
  g_test_add_func ("/rules/year-outside-format", test_year_outside_format);

  return g_test_run ();
}
