/* test-value-amount.c: tests for parsing amounts, with a fixed unit or a unit of their own
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-value-amount"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "tb-value.h"

#include "tb-test-value.h"

/* ---- Tests --------------------------------------------------------------------------- */

static void
test_amount (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  static const TbTestAccepted cases[] = {
    { "0", 0 },
    { "1", OLD (10000) },
    { "12", OLD (120000) },
    { "1.5", OLD (15000) },
    { "0.0001", OLD (1) },
    { ".5", OLD (5000) },
    { "1.5000", OLD (15000) },
    { "1.500000", OLD (15000) },  /* trailing zeros are not decimals that matter */
    { "１．５", OLD (15000) },
    { "1。5", OLD (15000) },
    { "1,234.5678", OLD (12345678) },
    { "１，２３４．５", OLD (12345000) },
    { " 1.5 ", OLD (15000) },
    { "+1.5", OLD (15000) },
    { "-0", 0 },
    { "-0.0", 0 },
    { "1.5万元", OLD (15000) },
    { "1.5 万元", OLD (15000) },
    { "\u30001.5万元\u3000", OLD (15000) },
    { "999999999999", TB_AMOUNT_MAX * TB_AMOUNT_SCALE },
    { "999,999,999,999", TB_AMOUNT_MAX * TB_AMOUNT_SCALE },
  };

  tb_test_assert_accepted_all (&spec, cases, G_N_ELEMENTS (cases));
}

static void
test_amount_decimals (void)
{
  TbCellSpec four = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  TbCellSpec two = tb_test_make_spec (TB_CELL_AMOUNT, 2, "元", NULL);
  TbCellSpec none = tb_test_make_spec (TB_CELL_AMOUNT, 0, "元", NULL);
  TbCellSpec too_many = tb_test_make_spec (TB_CELL_AMOUNT, 9, NULL, NULL);
  TbCellSpec six = tb_test_make_spec (TB_CELL_AMOUNT, 6, "万元", NULL);
  TbCellSpec six_yuan = tb_test_make_spec (TB_CELL_AMOUNT, 6, "元", NULL);
  g_autofree char *message = NULL;
  g_autofree char *message_none = NULL;

  tb_test_assert_rejected (&four, "1.00001", TB_PARSE_ERROR_DECIMALS);
  tb_test_assert_rejected (&four, "0.00001", TB_PARSE_ERROR_DECIMALS);
  tb_test_assert_accepted (&four, "1.00010", OLD (10001));

  tb_test_assert_accepted (&two, "12.34", OLD (123400));
  tb_test_assert_accepted (&two, "12.3", OLD (123000));
  tb_test_assert_accepted (&two, "12.340", OLD (123400));
  tb_test_assert_rejected (&two, "12.345", TB_PARSE_ERROR_DECIMALS);

  tb_test_assert_accepted (&none, "12", OLD (120000));
  tb_test_assert_accepted (&none, "12.0", OLD (120000));
  tb_test_assert_rejected (&none, "12.5", TB_PARSE_ERROR_DECIMALS);

  /* More decimals than the scale can hold are never accepted. */
  tb_test_assert_accepted (&too_many, "0.000001", 1);
  tb_test_assert_rejected (&too_many, "0.0000001", TB_PARSE_ERROR_DECIMALS);

  /* Real amounts: six decimals of 万元 are the fen (FORMAT.md A.5), and an amount in 元 has
   * two however many the format allows. Before, 31742.506213 was refused. */
  tb_test_assert_accepted (&six, "31742.506213", G_GINT64_CONSTANT (31742506213));
  tb_test_assert_accepted (&six, "31,742.506213万元", G_GINT64_CONSTANT (31742506213));
  tb_test_assert_rejected (&six, "31742.5062131", TB_PARSE_ERROR_DECIMALS);
  tb_test_assert_accepted (&six_yuan, "317,425,062.13", G_GINT64_CONSTANT (317425062130000));
  tb_test_assert_rejected (&six_yuan, "317425062.131", TB_PARSE_ERROR_DECIMALS);

  message = tb_test_dup_message (&four, "1.00001", TB_PARSE_ERROR_DECIMALS);
  g_assert_nonnull (strstr (message, "1.00001"));
  g_assert_nonnull (strstr (message, "4"));
  message_none = tb_test_dup_message (&none, "12.5", TB_PARSE_ERROR_DECIMALS);
  g_assert_nonnull (strstr (message_none, "12.5"));
}

static void
test_amount_fixed_unit (void)
{
  TbCellSpec wan = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  TbCellSpec yuan = tb_test_make_spec (TB_CELL_AMOUNT, 2, "元", NULL);
  TbCellSpec unitless = tb_test_make_spec (TB_CELL_AMOUNT, 4, NULL, NULL);
  static const TbTestRejected wan_bad[] = {
    { "251000元", TB_PARSE_ERROR_UNIT },
    { "1.5万", TB_PARSE_ERROR_UNIT },
    { "1.5亿元", TB_PARSE_ERROR_UNIT },
    { "1.5千元", TB_PARSE_ERROR_UNIT },
    { "3件", TB_PARSE_ERROR_UNIT },
    { "1.5 RMB", TB_PARSE_ERROR_UNIT },
    { "1.5%", TB_PARSE_ERROR_UNIT },
    { "1.5x", TB_PARSE_ERROR_INVALID },
    { "1.5万元元", TB_PARSE_ERROR_INVALID },
    { "万元", TB_PARSE_ERROR_INVALID },
  };
  g_autofree char *convert = NULL;
  g_autofree char *convert_up = NULL;
  g_autofree char *no_convert = NULL;
  g_autofree char *generic = NULL;
  g_autofree char *unitless_message = NULL;

  tb_test_assert_rejected_all (&wan, wan_bad, G_N_ELEMENTS (wan_bad));
  tb_test_assert_accepted (&yuan, "251000元", OLD (2510000000));
  tb_test_assert_accepted (&yuan, "251,000.50 元", OLD (2510005000));
  tb_test_assert_rejected (&yuan, "1.5万元", TB_PARSE_ERROR_UNIT);
  tb_test_assert_accepted (&unitless, "1.5", OLD (15000));
  tb_test_assert_rejected (&unitless, "1.5万元", TB_PARSE_ERROR_UNIT);

  /* 元 typed into a 万元 cell: the message gives the converted number. */
  convert = tb_test_dup_message (&wan, "251000元", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (convert, "251000元"));
  g_assert_nonnull (strstr (convert, "万元"));
  g_assert_nonnull (strstr (convert, "25.1"));

  convert_up = tb_test_dup_message (&yuan, "1.5万元", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (convert_up, "15000"));

  /* 1.5 元 is 0.00015 万元: more than this cell's four decimals, so no number is
   * suggested. */
  no_convert = tb_test_dup_message (&wan, "1.5元", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (no_convert, "“1.5元”"));
  g_assert_nonnull (strstr (no_convert, "万元"));
  g_assert_nonnull (strstr (no_convert, "convert"));
  g_assert_null (strstr (no_convert, "0.0001"));

  generic = tb_test_dup_message (&wan, "3件", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (generic, "3件"));
  g_assert_nonnull (strstr (generic, "万元"));

  unitless_message = tb_test_dup_message (&unitless, "1.5万元", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (unitless_message, "1.5万元"));
}

static void
test_amount_negative (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  static const TbTestRejected cases[] = {
    { "-1", TB_PARSE_ERROR_NEGATIVE },
    { "-0.0001", TB_PARSE_ERROR_NEGATIVE },
    { "－１．５", TB_PARSE_ERROR_NEGATIVE },
    { "-1.5万元", TB_PARSE_ERROR_NEGATIVE },
  };

  tb_test_assert_rejected_all (&spec, cases, G_N_ELEMENTS (cases));
}

static void
test_amount_too_large (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  static const TbTestRejected cases[] = {
    { "1000000000000", TB_PARSE_ERROR_TOO_LARGE },
    { "999999999999.0001", TB_PARSE_ERROR_TOO_LARGE },
    { "1,000,000,000,000", TB_PARSE_ERROR_TOO_LARGE },
    { "99999999999999999999999999", TB_PARSE_ERROR_TOO_LARGE },
    { "99999999999999999999999999.5", TB_PARSE_ERROR_TOO_LARGE },
  };
  g_autofree char *message = NULL;

  tb_test_assert_rejected_all (&spec, cases, G_N_ELEMENTS (cases));
  tb_test_assert_accepted (&spec, "999999999999", TB_AMOUNT_MAX * TB_AMOUNT_SCALE);
  tb_test_assert_accepted (&spec, "999999999998.9999", TB_AMOUNT_MAX * TB_AMOUNT_SCALE - OLD (1));

  message = tb_test_dup_message (&spec, "1000000000000", TB_PARSE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (message, "999999999999"));
}

static void
test_amount_unit (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 4, NULL, tb_test_yuan_units);
  g_autoptr (GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *unit2 = NULL;
  gint64 value = 0;

  g_assert_true (tb_value_parse_cell (&spec, "251000元", &value, &unit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, OLD (2510000000));
  g_assert_cmpstr (unit, ==, "元");

  g_assert_true (tb_value_parse_cell (&spec, " １，５００．５ 万元\u3000", &value, &unit2,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, OLD (15005000));
  g_assert_cmpstr (unit2, ==, "万元");

  /* The unit is optional output. */
  g_assert_true (tb_value_parse_cell (&spec, "3万元", &value, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, OLD (30000));

  tb_test_assert_rejected (&spec, "-3万元", TB_PARSE_ERROR_NEGATIVE);
  tb_test_assert_rejected (&spec, "1.00001元", TB_PARSE_ERROR_DECIMALS);
  tb_test_assert_rejected (&spec, "1000000000000元", TB_PARSE_ERROR_TOO_LARGE);
  tb_test_assert_rejected (&spec, "/", TB_PARSE_ERROR_PLACEHOLDER);
  tb_test_assert_rejected (&spec, "", TB_PARSE_ERROR_EMPTY);
  tb_test_assert_rejected (&spec, "abc", TB_PARSE_ERROR_INVALID);
  tb_test_assert_rejected (&spec, "12x", TB_PARSE_ERROR_INVALID);
}

static void
test_amount_unit_missing (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 4, NULL, tb_test_yuan_units);
  g_autofree char *missing = NULL;
  g_autofree char *unknown = NULL;

  tb_test_assert_rejected (&spec, "251000", TB_PARSE_ERROR_UNIT);
  tb_test_assert_rejected (&spec, "1.5", TB_PARSE_ERROR_UNIT);
  tb_test_assert_rejected (&spec, "1.5亿元", TB_PARSE_ERROR_UNIT);
  tb_test_assert_rejected (&spec, "1.5千元", TB_PARSE_ERROR_UNIT);
  tb_test_assert_rejected (&spec, "1.5万", TB_PARSE_ERROR_UNIT);
  tb_test_assert_rejected (&spec, "12件", TB_PARSE_ERROR_UNIT);

  missing = tb_test_dup_message (&spec, "251000", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (missing, "251000"));
  g_assert_nonnull (strstr (missing, "元"));
  g_assert_nonnull (strstr (missing, "万元"));

  /* Zero needs no unit (the real 2020 sample writes a bare 0 under 采购总金额). */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *unit = NULL;
    gint64 value = -1;

    g_assert_true (tb_value_parse_cell (&spec, "0", &value, &unit, &error));
    g_assert_no_error (error);
    g_assert_cmpint (value, ==, 0);
    g_assert_null (unit);
    g_assert_true (tb_value_parse_cell (&spec, "０", &value, NULL, NULL));
  }

  unknown = tb_test_dup_message (&spec, "1.5亿元", TB_PARSE_ERROR_UNIT);
  g_assert_nonnull (strstr (unknown, "亿元"));
  g_assert_nonnull (strstr (unknown, "万元"));
}

static void
test_amount_unit_without_choices (void)
{
  static const char *const no_units[] = { NULL };
  TbCellSpec null_units = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 4, NULL, NULL);
  TbCellSpec empty_units = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 4, NULL, no_units);
  g_autofree char *unit = NULL;
  g_autoptr (GError) error = NULL;
  gint64 value = 0;

  /* Without choices the kind behaves as a plain amount and returns no unit. */
  g_assert_true (tb_value_parse_cell (&null_units, "1.5", &value, &unit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, OLD (15000));
  g_assert_null (unit);

  tb_test_assert_accepted (&empty_units, "2", OLD (20000));
  tb_test_assert_rejected (&empty_units, "2元", TB_PARSE_ERROR_UNIT);
  tb_test_assert_rejected (&null_units, "2元", TB_PARSE_ERROR_UNIT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/amount/accepted", test_amount);
  g_test_add_func ("/value/amount/decimals", test_amount_decimals);
  g_test_add_func ("/value/amount/fixed-unit", test_amount_fixed_unit);
  g_test_add_func ("/value/amount/negative", test_amount_negative);
  g_test_add_func ("/value/amount/too-large", test_amount_too_large);
  g_test_add_func ("/value/amount-unit/accepted", test_amount_unit);
  g_test_add_func ("/value/amount-unit/missing-or-unknown", test_amount_unit_missing);
  g_test_add_func ("/value/amount-unit/no-choices", test_amount_unit_without_choices);

  return g_test_run ();
}
