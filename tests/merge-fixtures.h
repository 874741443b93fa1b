/* merge-fixtures.h: complete, consistent reports for the carry-over and merge tests
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by test-carry.c, test-merge.c and bench-merge.c (one executable each).
 */
#pragma once

#include <string.h>

#include "tb-report.h"
#include "tb-rules.h"
#include "tb-value.h"

static const char *const fixture_columns[] = { "np", "biz", "res", "soc", "law", "oth" };

G_GNUC_UNUSED static guint
fixture_cell (TbReport   *report,
              const char *id)
{
  const TbCellSpec *c = tb_format_find_cell (tb_report_get_format (report), id);

  g_assert_nonnull (c);
  return c->index;
}

G_GNUC_UNUSED static void
fixture_set (TbReport   *report,
             const char *id,
             const char *text)
{
  g_autoptr(GError) error = NULL;

  tb_report_set_cell_text (report, fixture_cell (report, id), text, &error);
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
fixture_set_int (TbReport   *report,
                 const char *id,
                 gint64      value)
{
  tb_report_set_cell_value (report, fixture_cell (report, id), value, NULL);
}

/* The value of a filled cell (the test fails if it is not filled). */
G_GNUC_UNUSED static gint64
fixture_get (TbReport   *report,
             const char *id)
{
  const TbCellValue *v = tb_report_get_cell (report, fixture_cell (report, id));

  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  return v->value;
}

G_GNUC_UNUSED static TbCellState
fixture_state (TbReport   *report,
               const char *id)
{
  return tb_report_get_cell (report, fixture_cell (report, id))->state;
}

/* A small deterministic spread of values: 0 .. 9, different per seed and cell. */
static guint
fixture_value (guint seed,
               guint cell)
{
  guint32 h = (seed + 1) * 2654435761u ^ (cell + 7) * 40503u;

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return h % 10;
}

/* 本年新收 so that T3-1 holds in every column: 一 + 二 = （七） + 四. */
G_GNUC_UNUSED static void
fixture_balance_t3 (TbReport *report)
{
  tb_rules_compute_totals (report);
  for (guint k = 0; k < G_N_ELEMENTS (fixture_columns); k++)
    {
      g_autofree char *total = g_strdup_printf ("t3.r3_7_total.%s", fixture_columns[k]);
      g_autofree char *out = g_strdup_printf ("t3.r4_carry_out.%s", fixture_columns[k]);
      g_autofree char *in = g_strdup_printf ("t3.r2_carry_in.%s", fixture_columns[k]);
      g_autofree char *fresh = g_strdup_printf ("t3.r1_new.%s", fixture_columns[k]);
      gint64 n = fixture_get (report, total) + fixture_get (report, out) -
                 fixture_get (report, in);

      g_assert_cmpint (n, >=, 0);
      fixture_set_int (report, fresh, n);
    }
  tb_rules_compute_totals (report);
}

/* A complete report on @year in @format_id whose every rule holds (without last year's
 * report). Values depend on @seed. 上年结转 stays below the results so 本年新收 is >= 0. */
G_GNUC_UNUSED static TbReport *
fixture_make_report (const char *format_id,
                     int         year,
                     const char *agency,
                     guint       seed)
{
  const TbFormat *f = tb_format_get (format_id);
  TbReport *report = tb_report_new (f);

  g_assert_nonnull (f);
  tb_report_freeze (report);
  tb_report_set_agency (report, agency);
  tb_report_set_year (report, year);
  tb_report_set_preparer (report, "张三");
  tb_report_set_contact (report, "0000-1234567");
  tb_report_set_report_date (report, "2025-01-20");

  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);
      gint64 v = fixture_value (seed, i);

      if (c->total_rule >= 0 || g_str_equal (c->row_key, "r1_new"))
        continue;
      switch (c->kind)
        {
        case TB_CELL_SIGNED:
          tb_report_set_cell_value (report, i, v - 4, NULL);
          break;
        case TB_CELL_AMOUNT:
          tb_report_set_cell_value (report, i, v * 12345, NULL);
          break;
        case TB_CELL_AMOUNT_UNIT:
          tb_report_set_cell_value (report, i, (v + 1) * TB_AMOUNT_SCALE, "万元");
          break;
        case TB_CELL_COUNT:
        default:
          /* 上年结转 small, the results at least 1 per column (so 本年新收 >= 0). */
          if (g_str_equal (c->row_key, "r2_carry_in"))
            v = v % 2;
          else if (g_str_equal (c->row_key, "r3_1_open"))
            v += 1;
          tb_report_set_cell_value (report, i, v, NULL);
          break;
        }
    }
  /* Warning rules that would otherwise fire by chance. */
  if (g_str_equal (format_id, "2019"))
    {
      fixture_set_int (report, "t2.reg.total", fixture_get (report, "t2.reg.published") + 3);
      fixture_set_int (report, "t2.norm.total", fixture_get (report, "t2.norm.published") + 3);
    }
  else
    fixture_set_int (report, "s6.fee_notices", 100 + seed % 5);
  fixture_balance_t3 (report);

  tb_report_set_text (report, "s1", "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。");
  tb_report_set_text (report, "s5", "存在的主要问题是公开内容不够全面，明年将加以改进。");
  tb_report_set_text (report, "s6", "本年度无其他需要报告的事项，未收取信息处理费。");
  tb_report_thaw (report);
  tb_report_set_modified (report, FALSE);
  return report;
}

/* The issues whose rule id does not start with @rule_prefix_to_skip ("TXT-": every issue
 * but the text ones). */
G_GNUC_UNUSED static guint
fixture_count_issues (GPtrArray  *issues,
                      const char *rule_prefix_to_skip)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (rule_prefix_to_skip == NULL || !g_str_has_prefix (issue->rule, rule_prefix_to_skip))
        n++;
    }
  return n;
}

/* Prints the issues, for a failing test's log. */
G_GNUC_UNUSED static void
fixture_dump_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      g_test_message ("%s %s: %s", tb_severity_to_string (issue->severity), issue->key,
                      issue->message);
    }
}
