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

/* ------------------------------------------------------------------ fixtures */

static void
set (TbReport   *report,
     const char *id,
     const char *text)
{
  const TbCellSpec *c = tb_format_find_cell (tb_report_get_format (report), id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (c);
  tb_report_set_cell_text (report, c->index, text, &error);
  g_assert_no_error (error);
}

static void
set_int (TbReport   *report,
         const char *id,
         gint64      value)
{
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  set (report, id, s);
}

static gint64
get (TbReport   *report,
     const char *id)
{
  const TbCellSpec *c = tb_format_find_cell (tb_report_get_format (report), id);
  const TbCellValue *v = tb_report_get_cell (report, c->index);

  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  return v->value;
}

static void
clear (TbReport   *report,
       const char *id)
{
  tb_report_clear_cell (report, tb_format_find_cell (tb_report_get_format (report), id)->index);
}

/* A complete report whose every rule holds: detail cells get varied values, totals are
 * computed, and 本年新收 is chosen so that T3-1 holds in every column. */
static TbReport *
make_consistent (const char *format_id)
{
  const TbFormat *f = tb_format_get (format_id);
  TbReport *report = tb_report_new (f);
  static const char *cols[] = { "np", "biz", "res", "soc", "law", "oth" };

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
      set (report, c->id, text);
    }
  /* 2019's 本年新公开数量 must not exceed 对外公开总数量 (warning T2'-2). */
  if (g_str_equal (format_id, "2019"))
    {
      set (report, "t2.reg.published", "1");
      set (report, "t2.reg.total", "9");
      set (report, "t2.norm.published", "2");
      set (report, "t2.norm.total", "9");
    }
  tb_rules_compute_totals (report);
  for (guint k = 0; k < G_N_ELEMENTS (cols); k++)
    {
      g_autofree char *total = g_strdup_printf ("t3.r3_7_total.%s", cols[k]);
      g_autofree char *carry_in = g_strdup_printf ("t3.r2_carry_in.%s", cols[k]);
      g_autofree char *carry_out = g_strdup_printf ("t3.r4_carry_out.%s", cols[k]);
      g_autofree char *new_id = g_strdup_printf ("t3.r1_new.%s", cols[k]);
      gint64 v = get (report, total) + get (report, carry_out) - get (report, carry_in);

      if (v < 0)
        {
          set_int (report, carry_in, get (report, carry_in) + v);
          v = 0;
        }
      set_int (report, new_id, v);
    }
  tb_rules_compute_totals (report);
  if (g_str_equal (format_id, "2021"))
    set_int (report, "s6.fee_notices", get (report, "t3.r3_6_2.tot") + 1);

  tb_report_set_text (report, "s1", "总体情况正文。");
  tb_report_set_text (report, "s5", "存在的主要问题。");
  tb_report_set_text (report, "s6", "无。");
  return report;
}

static const TbIssue *
find_issue (GPtrArray  *issues,
            const char *key)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->key, key) == 0)
        return issue;
    }
  return NULL;
}

static gboolean
issue_has_cell (TbReport      *report,
                const TbIssue *issue,
                const char    *id)
{
  for (guint i = 0; i < issue->n_cells; i++)
    if (g_str_equal (tb_format_get_cell (tb_report_get_format (report), issue->cells[i])->id, id))
      return TRUE;
  return FALSE;
}

static void
dump (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      g_test_message ("%s %s %s", tb_severity_to_string (issue->severity), issue->key,
                      issue->message);
    }
}

/* ------------------------------------------------------------------ tests */

static void
test_consistent (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = tb_rules_check (report);

  dump (issues);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_true (tb_rules_is_ready (issues));
  /* Values really are non-trivial. */
  g_assert_cmpint (get (report, "t3.r1_new.tot"), >, 0);
  g_assert_cmpint (get (report, "t4.after.total"), >, 0);
}

static void
test_t3_1 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;
  gint64 before = get (report, "t3.r1_new.np");
  g_autofree char *expected = NULL;

  set_int (report, "t3.r1_new.np", before + 1);
  tb_rules_compute_totals (report);
  issues = tb_rules_check (report);
  dump (issues);

  /* Exactly the 自然人 column breaks. The computed 总计 column breaks only because of it,
   * so it is not reported a second time. */
  g_assert_cmpuint (issues->len, ==, 1);
  issue = find_issue (issues, "T3-1:np");
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->rule, ==, "T3-1");
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
  g_assert_true (issue->has_values);
  g_assert_cmpint (issue->lhs, ==, issue->rhs + 1);
  g_assert_true (issue_has_cell (report, issue, "t3.r1_new.np"));
  g_assert_true (issue_has_cell (report, issue, "t3.r2_carry_in.np"));
  g_assert_true (issue_has_cell (report, issue, "t3.r3_7_total.np"));
  g_assert_true (issue_has_cell (report, issue, "t3.r4_carry_out.np"));
  g_assert_false (issue_has_cell (report, issue, "t3.r1_new.biz"));
  g_assert_cmpint (issue->section, ==, 2);
  expected = g_strdup_printf ("自然人 column: new applications + carried over from last year = %"
                              G_GINT64_FORMAT ", but total of results + carried over to next "
                              "year = %" G_GINT64_FORMAT, issue->lhs, issue->rhs);
  g_assert_cmpstr (issue->message, ==, expected);
  g_assert_null (find_issue (issues, "T3-1:tot"));
  g_assert_false (tb_rules_is_ready (issues));

  /* Typed totals are the clerk's own figures: then the 总计 column is checked on its own. */
  tb_report_set_manual_totals (report, TRUE);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_nonnull (find_issue (issues, "T3-1:np"));
  g_assert_nonnull (find_issue (issues, "T3-1:tot"));
}

static void
test_t3_2 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  /* A typed total (manual mode) that disagrees with its parts. */
  tb_report_set_manual_totals (report, TRUE);
  set_int (report, "t3.r3_7_total.res", get (report, "t3.r3_7_total.res") + 2);
  set_int (report, "t3.r4_carry_out.res", get (report, "t3.r4_carry_out.res") - 2);
  issues = tb_rules_check (report);
  dump (issues);
  issue = find_issue (issues, "T3-2:res");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->lhs - issue->rhs, ==, 2);
  g_assert_true (issue_has_cell (report, issue, "t3.r3_1_open.res"));
  g_assert_true (strstr (issue->message, "科研机构") != NULL);
  /* T3-1 still holds in that column, so only T3-2 and the row/column totals fire. */
  g_assert_null (find_issue (issues, "T3-1:res"));
}

static void
test_t3_3 (gconstpointer data)
{
  g_autoptr(TbReport) report = make_consistent (data);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  set_int (report, "t3.r3_4_2.tot", get (report, "t3.r3_4_2.tot") + 5);
  issues = tb_rules_check (report);
  dump (issues);
  issue = find_issue (issues, "T3-3:r3_4_2");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->lhs - issue->rhs, ==, 5);
  g_assert_true (strstr (issue->message, "2.没有现成信息需要另行制作") != NULL);
  g_assert_true (issue_has_cell (report, issue, "t3.r3_4_2.oth"));

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

  set_int (report, "t4.direct.total", 0);
  set_int (report, "t4.direct.pending", 3);
  issues = tb_rules_check (report);
  dump (issues);
  issue = find_issue (issues, "T4-1:direct");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->lhs, ==, 0);
  g_assert_cmpint (issue->rhs, >=, 3);
  g_assert_true (strstr (issue->message, "未经复议直接起诉") != NULL);
  g_assert_null (find_issue (issues, "T4-1:review"));
  g_assert_null (find_issue (issues, "T4-1:after"));
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
      dump (issues);
      issue = find_issue (issues, key);
      g_assert_nonnull (issue);
      g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
      g_assert_cmpuint (issue->n_cells, ==, 1);
      g_assert_true (issue_has_cell (report, issue, cases[i][0]));
      g_assert_true (strstr (issue->message, tb_format_find_cell (f, cases[i][0])->label) != NULL);
      g_assert_false (tb_rules_is_ready (issues));
    }
  /* An unreadable cell is reported once, by its kind check, not again as a broken sum. */
  g_assert_null (find_issue (issues, "T3-1:law"));
  g_assert_null (find_issue (issues, "T3-3:r2_carry_in"));
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

  clear (report, "t3.r3_5_2.soc");
  tb_rules_compute_totals (report);
  issues = tb_rules_check (report);
  dump (issues);

  /* An empty cell is not zero: nothing fails, the report is incomplete. */
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_INCOMPLETE), >, 0);
  g_assert_false (tb_rules_is_ready (issues));
  issue = find_issue (issues, "T3-4");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_INCOMPLETE);
  g_assert_true (issue_has_cell (report, issue, "t3.r3_5_2.soc"));
  /* The computed totals depending on it are empty too, so they are listed as well. */
  g_assert_true (issue_has_cell (report, issue, "t3.r3_5_2.tot"));
  issue = find_issue (issues, "T3-3:r3_5_2");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_INCOMPLETE);
  g_assert_false (issue->has_values);

  /* A blank report is incomplete everywhere and fails nothing. */
  {
    g_autoptr(TbReport) blank = tb_report_new (tb_report_get_format (report));
    g_autoptr(GPtrArray) all = tb_rules_check (blank);

    g_assert_cmpuint (tb_rules_count (all, TB_SEVERITY_ERROR), ==, 0);
    g_assert_cmpuint (tb_rules_count (all, TB_SEVERITY_WARNING), ==, 0);
    g_assert_nonnull (find_issue (all, "TXT-1"));
    g_assert_nonnull (find_issue (all, "T2-1"));
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
  issue = find_issue (issues, "TXT-5");
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

  set (report, "t2.norm.published", "12");
  set (report, "t2.norm.total", "2");
  issues = tb_rules_check (report);
  dump (issues);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = find_issue (issues, "T2'-2:norm");
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
  g_assert_true (find_issue (issues, "T2'-2:norm")->acknowledged);

  /* Equal is fine. */
  set (report, "t2.norm.published", "2");
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

  g_assert_cmpint (get (report, "t3.r3_6_2.tot"), >, 0);
  set (report, "s6.fee_notices", "");
  issues = tb_rules_check (report);
  dump (issues);
  issue = find_issue (issues, "T3-7");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_WARNING);
  g_assert_cmpint (issue->lhs, ==, 0);
  g_assert_cmpint (issue->rhs, ==, get (report, "t3.r3_6_2.tot"));
  g_assert_true (issue_has_cell (report, issue, "s6.fee_notices"));
  g_assert_true (tb_rules_is_ready (issues));

  /* No application dropped for an unpaid fee: nothing to report. */
  for (const char *const *c = (const char *const[]) { "np", "biz", "res", "soc", "law", "oth", NULL };
       *c; c++)
    {
      g_autofree char *id = g_strdup_printf ("t3.r3_6_2.%s", *c);
      g_autofree char *carry = g_strdup_printf ("t3.r4_carry_out.%s", *c);

      set_int (report, carry, get (report, carry) + get (report, id));
      set (report, id, "0");
    }
  tb_rules_compute_totals (report);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  dump (issues);
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

      sum += get (report, id);
    }
  g_assert_cmpint (get (report, "t3.r3_3_6.tot"), ==, sum);
  g_assert_cmpint (get (report, "t4.review.total"), ==,
                   get (report, "t4.review.upheld") + get (report, "t4.review.corrected") +
                   get (report, "t4.review.other") + get (report, "t4.review.pending"));

  /* Changing a part updates its row total, the column total and the grand total. */
  {
    gint64 row = get (report, "t3.r3_1_open.tot");
    gint64 col = get (report, "t3.r3_7_total.biz");
    gint64 grand = get (report, "t3.r3_7_total.tot");

    set_int (report, "t3.r3_1_open.biz", get (report, "t3.r3_1_open.biz") + 10);
    g_assert_true (tb_rules_compute_totals (report));
    g_assert_cmpint (get (report, "t3.r3_1_open.tot"), ==, row + 10);
    g_assert_cmpint (get (report, "t3.r3_7_total.biz"), ==, col + 10);
    g_assert_cmpint (get (report, "t3.r3_7_total.tot"), ==, grand + 10);
    g_assert_false (tb_rules_compute_totals (report));
  }

  /* A part left empty empties the totals that depend on it. */
  clear (report, "t4.after.pending");
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

  set_int (report, "t4.review.upheld", TB_COUNT_MAX);
  set_int (report, "t4.review.corrected", TB_COUNT_MAX);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                              2 * TB_COUNT_MAX + get (report, "t4.review.other") +
                              get (report, "t4.review.pending"));
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
  dump (issues);
  issue = find_issue (issues, "T4-2:t4.review.total");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
  g_assert_nonnull (strstr (issue->message, "too large"));
  g_assert_false (tb_rules_is_ready (issues));

  /* Back within range: computed again. */
  set (report, "t4.review.upheld", "1");
  set (report, "t4.review.corrected", "1");
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

      set (report, c->id, c->kind == TB_CELL_AMOUNT_UNIT ? "0元" : "0");
    }
  set (report, "t2.norm.total", "2");
  set (report, "t2.service.previous", "1");
  tb_report_set_text (report, "s1", "2020 年以来，我局坚持……");
  tb_report_set_text (report, "s5", "2020 年，我局政务公开信息取得了一些成绩……");
  tb_report_set_text (report, "s6", "无。");
  issues = tb_rules_check (report);
  dump (issues);
  g_assert_cmpuint (issues->len, ==, 0);
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

  return g_test_run ();
}
