/* test-report.c: the report model keeps what the clerk typed and says what changed
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tb-field.h"
#include "tb-report.h"
#include "tb-value.h"

#include "tb-test-util.h"

typedef struct
{
  GPtrArray *events;
} Recorder;

static void
on_changed (TbReport       *report,
            TbReportChange  change,
            const char     *id,
            Recorder       *rec)
{
  g_ptr_array_add (rec->events, g_strdup_printf ("%s:%s", tb_report_change_to_string (change), id ? id : ""));
}

static void
test_cells (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GError) error = NULL;
  Recorder rec = { g_ptr_array_new_with_free_func (g_free) };
  guint c = tb_test_cell (report, "t3.r1_new.np");
  const TbCellValue *v;
  g_autofree char *text = NULL;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &rec);
  g_assert_false (tb_report_get_modified (report));
  g_assert_cmpint (tb_report_get_cell (report, c)->state, ==, TB_CELL_EMPTY);
  g_assert_null (tb_report_dup_cell_text (report, c));

  /* Full-width digits with a thousands separator, as typed with a Chinese IME. */
  g_assert_true (tb_report_set_cell_text (report, c, "１，２３４", &error));
  g_assert_no_error (error);
  v = tb_report_get_cell (report, c);
  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  g_assert_cmpint (v->value, ==, 1234);
  text = tb_report_dup_cell_text (report, c);
  g_assert_cmpstr (text, ==, "1234");
  g_assert_true (tb_report_get_modified (report));
  g_assert_cmpuint (rec.events->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rec.events, 0), ==, "cell:t3.r1_new.np");

  /* Same value again: no signal. */
  g_assert_true (tb_report_set_cell_text (report, c, "１，２３４", NULL));
  g_assert_cmpuint (rec.events->len, ==, 1);

  /* Garbage is refused with a reason, but kept as typed so nothing is lost. */
  g_assert_false (tb_report_set_cell_text (report, c, "12x", &error));
  g_assert_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID);
  g_clear_error (&error);
  v = tb_report_get_cell (report, c);
  g_assert_cmpint (v->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (v->text, ==, "12x");
  g_clear_pointer (&text, g_free);
  text = tb_report_dup_cell_text (report, c);
  g_assert_cmpstr (text, ==, "12x");
  g_assert_cmpuint (rec.events->len, ==, 2);

  /* Empty text clears the cell. */
  g_assert_true (tb_report_set_cell_text (report, c, "  ", &error));
  g_assert_cmpint (tb_report_get_cell (report, c)->state, ==, TB_CELL_EMPTY);
  g_assert_cmpuint (tb_report_count_filled (report), ==, 0);

  /* Amounts are exact: 1.5 万元 is 1500000 millionths. */
  c = tb_test_cell (report, "t2.fee.amount");
  g_assert_true (tb_report_set_cell_text (report, c, "1.5", &error));
  g_assert_cmpint (tb_report_get_cell (report, c)->value, ==, 15 * TB_AMOUNT_SCALE / 10);
  tb_test_set_value (report, "t4.review.total", 7);
  g_assert_cmpint (tb_report_get_cell (report, tb_test_cell (report, "t4.review.total"))->value,
                   ==, 7);
  g_assert_cmpuint (tb_report_count_filled (report), ==, 2);

  g_ptr_array_unref (rec.events);
}

static void
test_amount_unit (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2019"));
  guint c = tb_test_cell (report, "t2.procurement.amount");
  g_autofree char *text = NULL;

  g_assert_true (tb_report_set_cell_text (report, c, "251000元", NULL));
  g_assert_cmpstr (tb_report_get_cell (report, c)->unit, ==, "元");
  text = tb_report_dup_cell_text (report, c);
  g_assert_cmpstr (text, ==, "251000元");
  g_assert_false (tb_report_set_cell_text (report, c, "251000", NULL));
}

static void
test_meta_text_acks (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (2020));
  Recorder rec = { g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) acks = NULL;
  g_autofree char *title = NULL;

  g_signal_connect (report, "changed::text", G_CALLBACK (on_changed), &rec);
  tb_report_set_agency (report, "盐池县审计局");
  tb_report_set_year (report, 2020);
  title = tb_report_dup_title (report);
  g_assert_cmpstr (title, ==, "盐池县审计局2020年政府信息公开工作年度报告");

  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "");
  tb_report_set_text (report, "s1", "第一段\n第二段");
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "第一段\n第二段");
  tb_report_set_text (report, "s1", "第一段\n第二段");
  g_assert_cmpuint (rec.events->len, ==, 1);   /* detail filter: only text changes */

  tb_report_set_acknowledged (report, "T2'-2:reg", TRUE);
  tb_report_set_acknowledged (report, "T2'-2:norm", TRUE);
  g_assert_true (tb_report_is_acknowledged (report, "T2'-2:reg"));
  acks = tb_report_list_acknowledged (report);
  g_assert_cmpuint (acks->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (acks, 0), ==, "T2'-2:norm");
  tb_report_set_acknowledged (report, "T2'-2:reg", FALSE);
  g_assert_false (tb_report_is_acknowledged (report, "T2'-2:reg"));

  tb_report_set_modified (report, FALSE);
  g_assert_false (tb_report_get_modified (report));
  tb_report_set_manual_totals (report, TRUE);
  g_assert_true (tb_report_get_modified (report));
  g_ptr_array_unref (rec.events);
}

static void
test_freeze (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  Recorder rec = { g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &rec);
  tb_report_freeze (report);
  for (guint i = 0; i < 10; i++)
    tb_report_set_cell_value (report, i, i, NULL);
  g_assert_cmpuint (rec.events->len, ==, 0);
  tb_report_thaw (report);
  g_assert_cmpuint (rec.events->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rec.events, 0), ==, "bulk:");
  g_ptr_array_unref (rec.events);
}

/* What no draft could hold is refused and the cell left as it was: a report never holds
 * what it could not save and open again (an import kept 107 digits as a cell's text, and
 * its draft did not open). */
static void
test_cell_refused (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (TB_FIELD_CELL_MAX_CHARS + 1, '3');
  g_autofree char *longest = g_strnfill (TB_FIELD_CELL_MAX_CHARS, 'x');
  guint c = tb_test_cell (report, "t3.r1_new.np");
  g_autofree char *text = NULL;

  g_assert_true (tb_report_set_cell_text (report, c, "7", NULL));
  g_assert_false (tb_report_set_cell_text (report, c, too_long, &error));
  g_assert_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_false (tb_report_set_cell_text (report, c, "1\0012", &error));
  g_assert_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_CONTROL);
  g_clear_error (&error);
  g_assert_cmpint (tb_report_get_cell (report, c)->value, ==, 7);

  /* As long as a cell may be: kept as typed (unreadable). */
  g_assert_false (tb_report_set_cell_text (report, c, longest, &error));
  g_assert_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID);
  text = tb_report_dup_cell_text (report, c);
  g_assert_cmpstr (text, ==, longest);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/cells", test_cells);
  g_test_add_func ("/report/cell-refused", test_cell_refused);
  g_test_add_func ("/report/amount-unit", test_amount_unit);
  g_test_add_func ("/report/meta-text-acks", test_meta_text_acks);
  g_test_add_func ("/report/freeze", test_freeze);

  return g_test_run ();
}
