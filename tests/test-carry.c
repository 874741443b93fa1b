/* test-carry.c: last year's report becomes this year's; the cross-year rules
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tb-carry.h"
#include "tb-draft.h"
#include "tb-format-private.h"

#include "tb-test-util.h"

static const char *const all_columns[] = { "np", "biz", "res", "soc", "law", "oth", "tot" };

/* Copies the table 三 row @from_row of @from into the row @to_row of @to, in the @n_columns
 * @columns (e.g. "t3.r4_carry_out" of last year into "t3.r2_carry_in" of this year). */
static void
copy_row (TbReport          *to,
          const char        *to_row,
          TbReport          *from,
          const char        *from_row,
          const char *const *columns,
          guint              n_columns)
{
  for (guint k = 0; k < n_columns; k++)
    {
      g_autofree char *to_id = g_strdup_printf ("%s.%s", to_row, columns[k]);
      g_autofree char *from_id = g_strdup_printf ("%s.%s", from_row, columns[k]);

      tb_test_set_value (to, to_id, tb_test_get (from, from_id));
    }
}

/* Every carried cell equals last year's 四 and every other table cell is empty. */
static void
assert_carried_t3 (TbReport *report,
                   TbReport *previous)
{
  const TbFormat *f = tb_report_get_format (report);

  for (guint k = 0; k < G_N_ELEMENTS (all_columns); k++)
    {
      g_autofree char *in = g_strdup_printf ("t3.r2_carry_in.%s", all_columns[k]);
      g_autofree char *out = g_strdup_printf ("t3.r4_carry_out.%s", all_columns[k]);

      g_assert_cmpint (tb_test_get (report, in), ==, tb_test_get (previous, out));
    }
  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);

      if (g_str_equal (c->table_id, "t3") && !g_str_equal (c->row_key, "r2_carry_in"))
        g_assert_cmpint (tb_report_get_cell (report, i)->state, ==, TB_CELL_EMPTY);
    }
}

/* ------------------------------------------------------------------ carry-over */

static void
test_new_from_last_year (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2021", 2024, "某县审计局", 1);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) unedited = NULL;
  g_autoptr(GError) error = NULL;

  tb_report_set_acknowledged (last, "T3-7", TRUE);
  report = tb_carry_new_from_previous (last, 2025, TB_CARRY_TEXTS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_true (tb_report_get_format (report) == tb_format_get ("2021"));
  g_assert_cmpint (tb_report_get_year (report), ==, 2025);
  g_assert_cmpstr (tb_report_get_agency (report), ==, "某县审计局");
  g_assert_cmpstr (tb_report_get_preparer (report), ==, "张三");
  g_assert_cmpstr (tb_report_get_contact (report), ==, "0000-1234567");
  g_assert_null (tb_report_get_report_date (report));
  g_assert_true (tb_report_get_previous_report (report) == last);
  assert_carried_t3 (report, last);
  /* This year's figures are this year's: table 二 and 四 start empty. */
  g_assert_cmpint (tb_test_state (report, "t2.reg.valid"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_state (report, "t4.review.total"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_state (report, "s6.fee_notices"), ==, TB_CELL_EMPTY);
  /* Acknowledgements are last year's decisions, not this year's. */
  g_assert_false (tb_report_is_acknowledged (report, "T3-7"));

  /* Texts are offered, and flagged until edited. */
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, tb_report_get_text (last, "s1"));
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-5"));
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-6"));
  g_assert_cmpint (tb_test_find_issue (issues, "TXT-PREV-1")->severity, ==, TB_SEVERITY_WARNING);
  g_assert_cmpint (tb_test_find_issue (issues, "TXT-PREV-1")->section, ==, 0);
  /* 上年结转 is right from the start. */
  g_assert_cmpuint (tb_test_count_rule (issues, "T3-5"), ==, 0);

  unedited = tb_carry_list_unedited_texts (report, last);
  g_assert_cmpuint (unedited->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (unedited, 0), ==, "s1");

  tb_report_set_text (report, "s1", "2025年，本机关新建了政务公开专区。");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-5"));
  g_clear_pointer (&unedited, g_ptr_array_unref);
  unedited = tb_carry_list_unedited_texts (report, last);
  g_assert_cmpuint (unedited->len, ==, 2);

  /* Without the texts option nothing is copied. */
  g_clear_object (&report);
  report = tb_carry_new_from_previous (last, 2025, TB_CARRY_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "");
  assert_carried_t3 (report, last);
}

/* A 2020 report in the 2019 format becomes a 2021-format report: only 四 → 二 carries. */
static void
test_2020_to_2021 (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2019", 2020, "某县审计局", 2);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) full = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  report = tb_carry_new_from_previous (last, 2021, TB_CARRY_TEXTS, &error);
  g_assert_no_error (error);
  g_assert_true (tb_report_get_format (report) == tb_format_get ("2021"));
  g_assert_cmpint (tb_report_get_year (report), ==, 2021);
  assert_carried_t3 (report, last);
  for (guint i = 0; i < tb_format_get_n_cells (tb_format_get ("2021")); i++)
    if (g_str_has_prefix (tb_format_get_cell (tb_format_get ("2021"), i)->id, "t2."))
      g_assert_cmpint (tb_report_get_cell (report, i)->state, ==, TB_CELL_EMPTY);

  /* A complete 2021 report checked against the 2019-format one: T3-5 applies across the
   * change, T2-2 does not (table 二 is not comparable), even where the figures would
   * disagree. */
  full = tb_test_make_report ("2021", 2021, "某县审计局", 3);
  copy_row (full, "t3.r2_carry_in", last, "t3.r4_carry_out", all_columns,
            G_N_ELEMENTS (all_columns));
  tb_test_balance_t3 (full, FALSE);
  tb_test_set_value (full, "t2.reg.valid", 999);
  issues = tb_rules_check_with_previous (full, last);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (tb_test_count_rule (issues, "T3-5"), ==, 0);
  g_assert_cmpuint (tb_test_count_rule (issues, "T2-2"), ==, 0);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);

  tb_test_set_value (full, "t3.r2_carry_in.law", tb_test_get (last, "t3.r4_carry_out.law") + 1);
  tb_test_balance_t3 (full, FALSE);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check_with_previous (full, last);
  g_assert_nonnull (tb_test_find_issue (issues, "T3-5:law"));
  /* The computed 总计 column differs only because 法律服务机构 does: one issue. */
  g_assert_null (tb_test_find_issue (issues, "T3-5:tot"));
  g_assert_cmpuint (tb_test_count_rule (issues, "T3-5"), ==, 1);
}

/* Within the 2019 format, T2'-3 carries 上一年项目数量 = last year's 上一年项目数量 + 本年增/减. */
static void
test_2019_to_2020 (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2019", 2019, "某县审计局", 4);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const rows[] = { "licence", "service", "penalty", "coercion", "fee" };

  tb_test_set_value (last, "t2.licence.previous", 10);
  tb_test_set_value (last, "t2.licence.change", -3);
  tb_test_set_value (last, "t2.fee.previous", 2);
  tb_test_set_value (last, "t2.fee.change", -5);   /* would be -3: not carried */
  for (guint i = 1; i < 4; i++)
    {
      g_autofree char *prev = g_strdup_printf ("t2.%s.previous", rows[i]);
      g_autofree char *change = g_strdup_printf ("t2.%s.change", rows[i]);

      tb_test_set_value (last, prev, 5 + i);
      tb_test_set_value (last, change, (gint64) i - 2);
    }
  report = tb_carry_new_from_previous (last, 2020, TB_CARRY_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (tb_report_get_format (report) == tb_format_get ("2019"));
  assert_carried_t3 (report, last);
  g_assert_cmpint (tb_test_get (report, "t2.licence.previous"), ==, 7);
  g_assert_cmpint (tb_test_state (report, "t2.fee.previous"), ==, TB_CELL_EMPTY);
  for (guint i = 1; i < 4; i++)
    {
      g_autofree char *prev = g_strdup_printf ("t2.%s.previous", rows[i]);
      g_autofree char *change = g_strdup_printf ("t2.%s.change", rows[i]);

      g_assert_cmpint (tb_test_get (report, prev), ==,
                       tb_test_get (last, prev) + tb_test_get (last, change));
    }

  /* T2'-3 warns where this year's 上一年项目数量 disagrees. */
  tb_test_set_value (report, "t2.licence.previous", 8);
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_nonnull (tb_test_find_issue (issues, "T2'-3:licence"));
  g_assert_cmpint (tb_test_find_issue (issues, "T2'-3:licence")->severity, ==, TB_SEVERITY_WARNING);
  g_assert_cmpint (tb_test_find_issue (issues, "T2'-3:licence")->lhs, ==, 8);
  g_assert_cmpint (tb_test_find_issue (issues, "T2'-3:licence")->rhs, ==, 7);
  g_assert_null (tb_test_find_issue (issues, "T2'-3:penalty"));
  /* Last year's sum is negative, so the carry left this year's cell empty; a warning waits
   * for the cell to be filled, then says it cannot hold. */
  g_assert_null (tb_test_find_issue (issues, "T2'-3:fee"));
  tb_test_set_value (report, "t2.fee.previous", 0);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_nonnull (tb_test_find_issue (issues, "T2'-3:fee"));
}

static void
test_year_and_format_errors (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2021", 2023, "某县审计局", 1);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) undated = NULL;
  g_autoptr(GError) error = NULL;

  report = tb_carry_new_from_previous (last, 2025, TB_CARRY_TEXTS, &error);
  g_assert_error (error, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);

  report = tb_carry_new_from_previous (last, 2022, TB_CARRY_TEXTS, &error);
  g_assert_error (error, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR);
  g_clear_error (&error);

  /* Without a year on last year's report, any year with a format will do. */
  undated = tb_test_make_report ("2021", 0, "某县审计局", 1);
  report = tb_carry_new_from_previous (undated, 2030, TB_CARRY_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_report_get_year (report), ==, 2030);
  g_clear_object (&report);
  report = tb_carry_new_from_previous (undated, 1990, TB_CARRY_NONE, &error);
  g_assert_error (error, TB_CARRY_ERROR, TB_CARRY_ERROR_FORMAT);
  g_assert_null (report);
}

/* ------------------------------------------------------------------ cross-year rules */

static void
test_t3_5 (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2021", 2024, "某县审计局", 5);
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2025, "某县审计局", 6);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  /* Without last year's report, no cross-year rule runs. */
  issues = tb_rules_check (report);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 0);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Set this year's 上年结转 = last year's 结转 except in 自然人. */
  copy_row (report, "t3.r2_carry_in", last, "t3.r4_carry_out", tb_test_applicant_columns,
            G_N_ELEMENTS (tb_test_applicant_columns));
  tb_test_set_value (report, "t3.r4_carry_out.np",
                     tb_test_get (report, "t3.r4_carry_out.np") + 5);
  tb_test_set_value (report, "t3.r2_carry_in.np", tb_test_get (last, "t3.r4_carry_out.np") + 2);
  tb_test_balance_t3 (report, FALSE);

  issues = tb_rules_check_with_previous (report, last);
  tb_test_dump_issues (issues);
  issue = tb_test_find_issue (issues, "T3-5:np");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_ERROR);
  g_assert_true (issue->has_values);
  g_assert_cmpint (issue->lhs, ==, tb_test_get (last, "t3.r4_carry_out.np") + 2);
  g_assert_cmpint (issue->rhs, ==, tb_test_get (last, "t3.r4_carry_out.np"));
  g_assert_cmpuint (issue->n_cells, ==, 1);
  g_assert_cmpuint (issue->cells[0], ==, tb_test_cell (report, "t3.r2_carry_in.np"));
  g_assert_nonnull (strstr (issue->message, "自然人"));
  /* np; the computed tot follows it */
  g_assert_cmpuint (tb_test_count_rule (issues, "T3-5"), ==, 1);
  g_assert_false (tb_rules_is_ready (issues));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* The attached report is used by tb_rules_check(). */
  tb_report_set_previous_report (report, last);
  issues = tb_rules_check (report);
  g_assert_nonnull (tb_test_find_issue (issues, "T3-5:np"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Last year's cell empty: that comparison does not apply (nothing to fix here). */
  tb_report_clear_cell (last, tb_test_cell (last, "t3.r4_carry_out.np"));
  issues = tb_rules_check (report);
  g_assert_null (tb_test_find_issue (issues, "T3-5:np"));
  g_assert_nonnull (tb_test_find_issue (issues, "T3-5:tot"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* This year's cell empty: incomplete, as for any error rule. */
  tb_report_clear_cell (report, tb_test_cell (report, "t3.r2_carry_in.tot"));
  issues = tb_rules_check (report);
  g_assert_cmpint (tb_test_find_issue (issues, "T3-5:tot")->severity, ==, TB_SEVERITY_INCOMPLETE);
}

static void
test_t2_2 (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2021", 2024, "某县审计局", 7);
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2025, "某县审计局", 8);
  g_autoptr(GPtrArray) issues = NULL;
  const TbIssue *issue;

  tb_test_set_value (last, "t2.reg.valid", 10);
  tb_test_set_value (last, "t2.norm.valid", 40);
  tb_test_set_value (report, "t2.reg.made", 1);
  tb_test_set_value (report, "t2.reg.repealed", 2);
  tb_test_set_value (report, "t2.reg.valid", 9);         /* 10 + 1 - 2 */
  tb_test_set_value (report, "t2.norm.made", 5);
  tb_test_set_value (report, "t2.norm.repealed", 0);
  tb_test_set_value (report, "t2.norm.valid", 44);       /* should be 45 */
  copy_row (last, "t3.r4_carry_out", report, "t3.r2_carry_in", all_columns,
            G_N_ELEMENTS (all_columns));
  tb_report_set_text (report, "s1", "2025年情况。");
  tb_report_set_text (report, "s5", "2025年问题。");
  tb_report_set_text (report, "s6", "2025年其他事项。");

  issues = tb_rules_check_with_previous (report, last);
  tb_test_dump_issues (issues);
  g_assert_null (tb_test_find_issue (issues, "T2-2:reg"));
  issue = tb_test_find_issue (issues, "T2-2:norm");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, TB_SEVERITY_WARNING);
  g_assert_cmpint (issue->lhs, ==, 44);
  g_assert_cmpint (issue->rhs, ==, 45);
  g_assert_nonnull (strstr (issue->message, "行政规范性文件"));
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_true (tb_rules_is_ready (issues));

  /* Acknowledged, it stays listed but acknowledged. */
  tb_report_set_acknowledged (report, "T2-2:norm", TRUE);
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check_with_previous (report, last);
  g_assert_true (tb_test_find_issue (issues, "T2-2:norm")->acknowledged);

  /* Table 二 not filled in yet (as right after a carry-over): no false alarm. */
  tb_test_clear (report, "t2.norm.valid");
  tb_test_clear (report, "t2.reg.made");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check_with_previous (report, last);
  tb_test_dump_issues (issues);
  g_assert_null (tb_test_find_issue (issues, "T2-2:norm"));
  g_assert_null (tb_test_find_issue (issues, "T2-2:reg"));
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_WARNING), ==, 0);
}

/* Last year's report must be on the year before: otherwise one warning, no comparison. */
static void
test_previous_year_mismatch (void)
{
  g_autoptr(TbReport) old = tb_test_make_report ("2021", 2023, "某县审计局", 9);
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2025, "某县审计局", 10);
  g_autoptr(GPtrArray) issues = NULL;

  tb_test_set_value (old, "t3.r4_carry_out.np", 777);
  issues = tb_rules_check_with_previous (report, old);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((TbIssue *) g_ptr_array_index (issues, 0))->rule, ==,
                   TB_RULES_PREVIOUS_YEAR);
  g_assert_cmpint (((TbIssue *) g_ptr_array_index (issues, 0))->severity, ==,
                   TB_SEVERITY_WARNING);
  g_assert_nonnull (strstr (((TbIssue *) g_ptr_array_index (issues, 0))->message, "2023"));
}

static void
test_text_unchanged (void)
{
  g_autoptr(TbReport) last = tb_test_make_report ("2021", 2024, "某县审计局", 11);
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2025, "某县审计局", 12);
  g_autoptr(GPtrArray) issues = NULL;

  copy_row (last, "t3.r4_carry_out", report, "t3.r2_carry_in", all_columns,
            G_N_ELEMENTS (all_columns));
  tb_report_set_text (last, "s1", "2024年，本机关共收到申请12件。\n全部按时办结。");
  tb_report_set_text (last, "s5", "问题：公开不够及时。");
  tb_report_set_text (last, "s6", "无。");
  /* Reflowed and with the year bumped: still last year's text. */
  tb_report_set_text (report, "s1", "  2025年，本机关共收到申请12件。 全部按时办结。\n");
  /* Changed: a new text. */
  tb_report_set_text (report, "s5", "问题：公开不够及时，已整改。");
  /* 无 stays 无: too short to be a copied report. */
  tb_report_set_text (report, "s6", "无。");

  issues = tb_rules_check_with_previous (report, last);
  tb_test_dump_issues (issues);
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_assert_nonnull (strstr (tb_test_find_issue (issues, "TXT-PREV-1")->message, "一、总体情况"));
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-5"));
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-6"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Copied as it was, last year's year and all. */
  tb_report_set_text (report, "s1", "2024年，本机关共收到申请12件。\n全部按时办结。");
  issues = tb_rules_check_with_previous (report, last);
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  /* A figure changed: a new text. */
  tb_report_set_text (report, "s1", "2025年，本机关共收到申请15件。\n全部按时办结。");
  issues = tb_rules_check_with_previous (report, last);
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* A long 六 unchanged is flagged. */
  tb_report_set_text (last, "s6", "本年度无其他需要报告的事项，未收取信息处理费。");
  tb_report_set_text (report, "s6", "本年度无其他需要报告的事项，未收取信息处理费。");
  issues = tb_rules_check_with_previous (report, last);
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-6"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* An empty text is the text rule's business, not a copy. */
  tb_report_set_text (report, "s1", "");
  tb_report_set_text (last, "s6", "");
  issues = tb_rules_check_with_previous (report, last);
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-1"));
  g_assert_null (tb_test_find_issue (issues, "TXT-PREV-6"));
}

/* ------------------------------------------------------------------ format data */

/* Every prev.* reference names a cell of some bundled format that the rule may compare
 * with: a typo would otherwise silently switch the rule off. */
static void
test_prev_references_resolve (void)
{
  g_autoptr(GPtrArray) formats = tb_format_list ();
  guint n_prev_rules = 0, n_carry = 0;

  for (guint i = 0; i < formats->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (formats, i);

      for (guint r = 0; r < tb_format_get_n_rules (f); r++)
        {
          const TbRule *rule = tb_format_get_rule (f, r);
          const TbExpr *exprs[] = { &rule->lhs, &rule->rhs, &rule->when_lhs, &rule->when_rhs };

          n_prev_rules += rule->previous;
          n_carry += rule->carry;
          for (guint e = 0; e < G_N_ELEMENTS (exprs); e++)
            for (guint t = 0; t < exprs[e]->n_terms; t++)
              {
                const char *id = exprs[e]->terms[t].prev_id;
                gboolean found = FALSE;

                if (id == NULL)
                  continue;
                g_assert_true (rule->previous);
                for (guint j = 0; j < formats->len && !found; j++)
                  {
                    const TbFormat *g = g_ptr_array_index (formats, j);

                    if (rule->previous_formats != NULL &&
                        !g_strv_contains (rule->previous_formats, tb_format_get_id (g)))
                      continue;
                    found = tb_format_find_cell (g, id) != NULL;
                  }
                if (!found)
                  g_error ("format %s, rule %s: prev.%s is in no format it may compare with",
                           tb_format_get_id (f), rule->key, id);
              }
        }
    }
  /* 2021: 7 × T3-5, 2 × T2-2, 3 text; 2019: 7 × T3-5, 5 × T2'-3, 3 text. */
  g_assert_cmpuint (n_prev_rules, ==, 12 + 15);
  g_assert_cmpuint (n_carry, ==, 7 + 7 + 5);
}

static const char format_head[] =
  "<format id=\"t\" first-year=\"2021\" name=\"x\" document=\"y\">"
  "<title-pattern>{agency}{year}</title-pattern>"
  "<section id=\"s1\" numeral=\"一\" title=\"总体情况\" type=\"text\"><guidance>g</guidance></section>"
  "<section id=\"s3\" numeral=\"三\" title=\"t\" type=\"table\" table=\"t3\"/>"
  "<table id=\"t3\" columns=\"3\"><tbody>"
  "<tr key=\"a\"><th>A</th><td key=\"n\"/><td key=\"m\"/></tr>"
  "</tbody></table><rules>";

static TbFormat *
load_rules (const char *rules,
            GError    **error)
{
  g_autofree char *xml = g_strconcat (format_head, rules, "</rules></format>", NULL);

  return tb_format_new_from_data (xml, strlen (xml), error);
}

static void
test_loader (void)
{
  g_autoptr(TbFormat) f = NULL;
  g_autoptr(GError) error = NULL;
  const TbRule *rule;

  f = load_rules ("<text-unchanged id=\"U\" section=\"s1\"/>"
                  "<rule id=\"X\" severity=\"error\" previous=\"yes\" previous-format=\"2019 2021\" carry=\"yes\">"
                  "<assert>t3.a.n = prev.t3.a.m + prev.t3.a.n</assert><message>m</message></rule>",
                  &error);
  g_assert_no_error (error);
  rule = tb_format_get_rule (f, 0);
  g_assert_cmpint (rule->type, ==, TB_RULE_TEXT_UNCHANGED);
  g_assert_cmpint (rule->severity, ==, TB_SEVERITY_WARNING);
  g_assert_true (rule->previous);
  rule = tb_format_get_rule (f, 1);
  g_assert_true (rule->previous);
  g_assert_true (rule->carry);
  g_assert_cmpuint (rule->n_cells, ==, 1);   /* prev cells are not this report's */
  g_assert_cmpuint (rule->rhs.n_terms, ==, 2);
  g_assert_cmpstr (rule->rhs.terms[0].prev_id, ==, "t3.a.m");
  g_assert_null (rule->lhs.terms[0].prev_id);
  g_assert_cmpuint (g_strv_length ((char **) rule->previous_formats), ==, 2);
  g_clear_pointer (&f, tb_format_free);

  /* A prev reference without previous="yes" */
  f = load_rules ("<rule id=\"X\" severity=\"error\"><assert>t3.a.n = prev.t3.a.n</assert>"
                  "<message>m</message></rule>", &error);
  g_assert_null (f);
  g_assert_nonnull (strstr (error->message, "previous"));
  g_clear_error (&error);
  /* A carry rule whose right side names this year's cells */
  f = load_rules ("<rule id=\"X\" severity=\"error\" previous=\"yes\" carry=\"yes\">"
                  "<assert>t3.a.n = prev.t3.a.n + t3.a.m</assert><message>m</message></rule>",
                  &error);
  g_assert_null (f);
  g_assert_nonnull (strstr (error->message, "carry"));
  g_clear_error (&error);
  /* A total that reads last year's report */
  f = load_rules ("<rule id=\"X\" severity=\"error\" total=\"yes\" previous=\"yes\">"
                  "<assert>t3.a.n = prev.t3.a.m</assert><message>m</message></rule>", &error);
  g_assert_null (f);
  g_clear_error (&error);
  /* previous-format alone */
  f = load_rules ("<rule id=\"X\" severity=\"error\" previous-format=\"2021\">"
                  "<assert>t3.a.n = t3.a.m</assert><message>m</message></rule>", &error);
  g_assert_null (f);
  g_clear_error (&error);
  /* text-unchanged on a table section */
  f = load_rules ("<text-unchanged id=\"U\" section=\"s3\"/>", &error);
  g_assert_null (f);
  g_clear_error (&error);
  /* A malformed reference */
  f = load_rules ("<rule id=\"X\" severity=\"error\" previous=\"yes\">"
                  "<assert>t3.a.n = prev.</assert><message>m</message></rule>", &error);
  g_assert_null (f);
  g_clear_error (&error);
}

/* A cross-year rule against a previous report in a format without the cell: no issue. */
static void
test_prev_unknown_cell (void)
{
  g_autoptr(TbFormat) f = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) last = tb_test_make_report ("2021", 2024, "某县审计局", 1);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  f = load_rules ("<rule id=\"X\" severity=\"error\" previous=\"yes\">"
                  "<assert>t3.a.n = prev.t3.nothing.np</assert><message>m</message></rule>"
                  "<rule id=\"Y\" severity=\"error\" previous=\"yes\">"
                  "<assert>t3.a.n = prev.t3.r1_new.np</assert><message>{lhs} {rhs}</message></rule>",
                  &error);
  g_assert_no_error (error);
  report = tb_report_new (f);
  tb_report_set_year (report, 2025);
  tb_report_set_cell_value (report, 0, tb_test_get (last, "t3.r1_new.np") + 1, NULL);
  tb_report_set_cell_value (report, 1, 0, NULL);
  issues = tb_rules_check_with_previous (report, last);
  tb_test_dump_issues (issues);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((TbIssue *) g_ptr_array_index (issues, 0))->key, ==, "Y");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = tb_rules_check (report);
  g_assert_cmpuint (issues->len, ==, 0);
  g_clear_object (&report);   /* before the format it points to */
}

/* ------------------------------------------------------------------ files */

static void
test_references (void)
{
  struct
  {
    const char *draft, *previous, *reference;
  } cases[] = {
    { "/data/县/2025/审计局.tianbao", "/data/县/2025/去年.tianbao", "去年.tianbao" },
    { "/data/县/2025/审计局.tianbao", "/data/县/2024/审计局.tianbao", "../2024/审计局.tianbao" },
    { "/data/县/2025/a.tianbao", "/data/县/2024/old/b.tianbao", "../2024/old/b.tianbao" },
    { "/data/县/a.tianbao", "/data/县/x/y/b.tianbao", "x/y/b.tianbao" },
    { "/data/a.tianbao", "/other/b.tianbao", "/other/b.tianbao" },
    { "/a.tianbao", "/b.tianbao", "/b.tianbao" },
    { "/data/./x/../a.tianbao", "/data/b.tianbao", "b.tianbao" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ref = tb_carry_make_reference (cases[i].draft, cases[i].previous);
      g_autofree char *back = tb_carry_resolve_reference (cases[i].draft, ref);
      g_autofree char *expected = g_canonicalize_filename (cases[i].previous, NULL);

      g_assert_cmpstr (ref, ==, cases[i].reference);
      g_assert_cmpstr (back, ==, expected);
    }
  {
    g_autofree char *abs = tb_carry_make_reference (NULL, "/x/y.tianbao");
    g_autofree char *uri = tb_carry_resolve_reference ("/a/b.tianbao", "file:///x/%E5%8E%BB.tianbao");
    g_autofree char *remote = tb_carry_resolve_reference ("/a/b.tianbao", "https://x/y.tianbao");

    g_assert_cmpstr (abs, ==, "/x/y.tianbao");
    g_assert_cmpstr (uri, ==, "/x/去.tianbao");
    g_assert_null (remote);
    g_assert_null (tb_carry_resolve_reference ("/a/b.tianbao", ""));
  }
}

static void
test_load_previous (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tb-carry-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "2025", NULL);
  g_autofree char *last_path = g_build_filename (dir, "2024.tianbao", NULL);
  g_autofree char *new_path = g_build_filename (sub, "2025.tianbao", NULL);
  g_autofree char *ref = NULL;
  g_autoptr(TbReport) last = tb_test_make_report ("2019", 2020, "某县审计局", 13);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(TbReport) unattached = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (tb_draft_save (last, last_path, &error));
  g_assert_no_error (error);

  report = tb_carry_new_from_previous (last, 2021, TB_CARRY_TEXTS, &error);
  g_assert_no_error (error);
  ref = tb_carry_make_reference (new_path, last_path);
  g_assert_cmpstr (ref, ==, "../2024.tianbao");
  tb_report_set_previous (report, ref);
  g_assert_true (tb_draft_save (report, new_path, &error));
  g_assert_no_error (error);

  loaded = tb_draft_load (new_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_previous (loaded), ==, "../2024.tianbao");
  g_assert_null (tb_report_get_previous_report (loaded));
  g_assert_true (tb_carry_load_previous (loaded, new_path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tb_report_get_previous_report (loaded));
  g_assert_cmpint (tb_report_get_year (tb_report_get_previous_report (loaded)), ==, 2020);
  /* The copied texts are still flagged after a save and a load. */
  issues = tb_rules_check (loaded);
  g_assert_nonnull (tb_test_find_issue (issues, "TXT-PREV-1"));
  g_assert_cmpuint (tb_test_count_rule (issues, "T3-5"), ==, 0);

  /* A report without a reference: nothing to do. */
  unattached = tb_test_make_report ("2021", 2021, "某县审计局", 1);
  g_assert_true (tb_carry_load_previous (unattached, new_path, &error));
  g_assert_null (tb_report_get_previous_report (unattached));

  /* Moved away: a clear error, the report is unchanged. */
  g_assert_cmpint (g_remove (last_path), ==, 0);
  g_clear_object (&loaded);
  loaded = tb_draft_load (new_path, &error);
  g_assert_false (tb_carry_load_previous (loaded, new_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "../2024.tianbao"));
  g_assert_null (tb_report_get_previous_report (loaded));

  g_remove (new_path);
  g_rmdir (sub);
  g_rmdir (dir);
}

/* Before: <previous>/etc/passwd</previous> made check and export-pdf open any local file, and
 * the reader's message could quote its bytes. Only a *.tianbao draft is opened now, and what
 * a damaged one holds never reaches a message. */
static void
test_previous_hostile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tb-carry-XXXXXX", NULL);
  g_autofree char *draft = g_build_filename (dir, "2021.tianbao", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake.tianbao", NULL);
  g_autofree char *link = g_build_filename (dir, "link.tianbao", NULL);
  const char *secret_text = "root:x:0:0:SECRET-hunter2\n<SECRET-element/>\n";
  const char *fake_text = "<?xml version=\"1.0\"?><tianbao-report version=\"1\" format=\"2021\">"
                          "<SECRET-element/></tianbao-report>";
  const char *const references[] = { "/etc/passwd", "secret.txt", "/dev/zero", "fake.tianbao",
                                     "link.tianbao", "/etc/shadow" };

  tb_test_write_file (secret, secret_text, strlen (secret_text));
  tb_test_write_file (fake, fake_text, strlen (fake_text));
  g_assert_cmpint (symlink ("secret.txt", link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr(TbReport) report = tb_test_make_report ("2021", 2021, "某县审计局", 1);
      g_autoptr(GError) error = NULL;

      tb_report_set_previous (report, references[i]);
      g_assert_false (tb_carry_load_previous (report, draft, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", references[i], error->message);
      g_assert_null (tb_report_get_previous_report (report));
      g_assert_null (strstr (error->message, "SECRET"));
      g_assert_null (strstr (error->message, "root:"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* Never opened: no answer says whether /etc/shadow exists. */
      if (!g_str_has_suffix (references[i], ".tianbao"))
        g_assert_nonnull (strstr (error->message, "not a Tianbao report"));
    }

  g_remove (link);
  g_remove (fake);
  g_remove (secret);
  g_rmdir (dir);
}

static void
test_labels (void)
{
  g_autoptr(GPtrArray) l2021 = tb_carry_list_labels (tb_format_get ("2021"));
  g_autoptr(GPtrArray) l2019 = tb_carry_list_labels (tb_format_get ("2019"));
  const TbCarryLabels *labels;

  /* 2021: only 二、上年结转 carries over, from 四、结转下年度继续办理. */
  g_assert_cmpuint (l2021->len, ==, 1);
  labels = g_ptr_array_index (l2021, 0);
  g_assert_cmpstr (labels->rule_id, ==, "T3-5");
  g_assert_cmpstr (labels->target, ==, "二、上年结转政府信息公开申请数量");
  g_assert_cmpuint (g_strv_length ((char **) labels->sources), ==, 1);
  g_assert_cmpstr (labels->sources[0], ==, "四、结转下年度继续办理");

  /* 2019 also carries table 二's 上一年项目数量: last year's plus its 本年增/减. */
  g_assert_cmpuint (l2019->len, ==, 2);
  labels = g_ptr_array_index (l2019, 0);
  g_assert_cmpstr (labels->rule_id, ==, "T3-5");
  g_assert_cmpstr (labels->target, ==, "二、上年结转政府信息公开申请数量");
  g_assert_cmpstr (labels->sources[0], ==, "四、结转下年度继续办理");
  labels = g_ptr_array_index (l2019, 1);
  g_assert_cmpstr (labels->rule_id, ==, "T2'-3");
  g_assert_cmpstr (labels->target, ==, "上一年项目数量");
  g_assert_cmpuint (g_strv_length ((char **) labels->sources), ==, 2);
  g_assert_cmpstr (labels->sources[0], ==, "上一年项目数量");
  g_assert_cmpstr (labels->sources[1], ==, "本年增/减");

  /* The same, written for messages. */
  {
    g_autofree char *d2021 = tb_carry_describe (tb_format_get ("2021"));
    g_autofree char *d2019 = tb_carry_describe (tb_format_get ("2019"));
    g_autofree char *s2019 = tb_carry_join_sources (tb_format_get ("2019"));

    g_assert_cmpstr (d2021, ==, "二、上年结转政府信息公开申请数量 ← 四、结转下年度继续办理");
    g_assert_cmpstr (d2019, ==, "二、上年结转政府信息公开申请数量 ← 四、结转下年度继续办理；"
                                "上一年项目数量 ← 上一年项目数量、本年增/减");
    /* Each of last year's rows once. */
    g_assert_cmpstr (s2019, ==, "四、结转下年度继续办理、上一年项目数量、本年增/减");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/carry/new-from-last-year", test_new_from_last_year);
  g_test_add_func ("/carry/2020-to-2021", test_2020_to_2021);
  g_test_add_func ("/carry/2019-to-2020", test_2019_to_2020);
  g_test_add_func ("/carry/year-and-format-errors", test_year_and_format_errors);
  g_test_add_func ("/carry/rules/T3-5", test_t3_5);
  g_test_add_func ("/carry/rules/T2-2", test_t2_2);
  g_test_add_func ("/carry/rules/previous-year-mismatch", test_previous_year_mismatch);
  g_test_add_func ("/carry/rules/text-unchanged", test_text_unchanged);
  g_test_add_func ("/carry/format/prev-references-resolve", test_prev_references_resolve);
  g_test_add_func ("/carry/format/loader", test_loader);
  g_test_add_func ("/carry/format/labels", test_labels);
  g_test_add_func ("/carry/format/prev-unknown-cell", test_prev_unknown_cell);
  g_test_add_func ("/carry/files/references", test_references);
  g_test_add_func ("/carry/files/load-previous", test_load_previous);
  g_test_add_func ("/carry/files/previous-hostile", test_previous_hostile);

  return g_test_run ();
}
