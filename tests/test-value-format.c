/* test-value-format.c: tests for formatting cell values, and reading back what was formatted
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-value-format"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "tb-value.h"

#include "tb-test-value.h"

static void
assert_round_trip (TbCellKind kind,
                   guint      decimals,
                   gint64     value)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = tb_value_format (kind, value);
  gint64 parsed = G_MININT64;

  if (!tb_value_parse (kind, decimals, NULL, NULL, text, &parsed, NULL, &error))
    g_error ("format of %" G_GINT64_FORMAT " (“%s”) does not parse: %s",
             value, text, error->message);
  g_assert_cmpint (parsed, ==, value);
}

/* ---- Tests --------------------------------------------------------------------------- */

static void
test_format (void)
{
  static const struct
  {
    TbCellKind  kind;
    gint64      value;
    const char *text;
  } cases[] = {
    { TB_CELL_COUNT, 0, "0" },
    { TB_CELL_COUNT, 12, "12" },
    { TB_CELL_COUNT, 1234567, "1234567" },
    { TB_CELL_COUNT, TB_COUNT_MAX, "999999999" },
    { TB_CELL_SIGNED, -3, "-3" },
    { TB_CELL_SIGNED, 3, "3" },
    { TB_CELL_SIGNED, -TB_COUNT_MAX, "-999999999" },
    { TB_CELL_AMOUNT, 0, "0" },
    { TB_CELL_AMOUNT, OLD (15000), "1.5" },
    { TB_CELL_AMOUNT, OLD (1), "0.0001" },
    { TB_CELL_AMOUNT, OLD (10), "0.001" },
    { TB_CELL_AMOUNT, OLD (120000), "12" },
    { TB_CELL_AMOUNT, OLD (123400), "12.34" },
    { TB_CELL_AMOUNT, OLD (10001), "1.0001" },
    { TB_CELL_AMOUNT, OLD (12345678), "1234.5678" },
    { TB_CELL_AMOUNT, TB_AMOUNT_MAX * TB_AMOUNT_SCALE, "999999999999" },
    { TB_CELL_AMOUNT, TB_AMOUNT_MAX * TB_AMOUNT_SCALE + 999999, "999999999999.999999" },
    { TB_CELL_AMOUNT, 1, "0.000001" },
    { TB_CELL_AMOUNT, G_GINT64_CONSTANT (31742506213), "31742.506213" },
    { TB_CELL_AMOUNT, OLD (-15000), "-1.5" },
    { TB_CELL_AMOUNT, OLD (-1), "-0.0001" },
    { TB_CELL_AMOUNT_UNIT, OLD (2510000000), "251000" },
    { TB_CELL_AMOUNT_UNIT, OLD (5), "0.0005" },
    /* Extremes do not overflow. */
    { TB_CELL_COUNT, G_MAXINT64, "9223372036854775807" },
    { TB_CELL_COUNT, G_MININT64, "-9223372036854775808" },
    { TB_CELL_AMOUNT, G_MAXINT64, "9223372036854.775807" },
    { TB_CELL_AMOUNT, G_MININT64, "-9223372036854.775808" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tb_value_format (cases[i].kind, cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_display (void)
{
  TbCellSpec amount_unit = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 4, NULL, tb_test_yuan_units);
  TbCellSpec amount = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  TbCellSpec count = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  TbCellSpec signed_spec = tb_test_make_spec (TB_CELL_SIGNED, 0, NULL, NULL);
  g_autofree char *a = tb_value_format_display (&amount_unit, OLD (2510000000), "元");
  g_autofree char *b = tb_value_format_display (&amount_unit, OLD (15000), "万元");
  g_autofree char *c = tb_value_format_display (&amount_unit, OLD (15000), NULL);
  g_autofree char *d = tb_value_format_display (&amount, OLD (15000), "万元");
  g_autofree char *e = tb_value_format_display (&count, 12, NULL);
  g_autofree char *f = tb_value_format_display (&signed_spec, -3, NULL);
  g_autofree char *g = tb_value_format_display (&count, 12, "件");

  g_assert_cmpstr (a, ==, "251000元");
  g_assert_cmpstr (b, ==, "1.5万元");
  g_assert_cmpstr (c, ==, "1.5");
  g_assert_cmpstr (d, ==, "1.5");
  g_assert_cmpstr (e, ==, "12");
  g_assert_cmpstr (f, ==, "-3");
  g_assert_cmpstr (g, ==, "12");
}

static void
test_display_round_trip (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 6, NULL, tb_test_yuan_units);
  /* Whole fen in both units: 0.01 元 is the least. */
  static const gint64 values[] = { 0, OLD (100), OLD (15000), OLD (2510000000),
                                   TB_AMOUNT_MAX * TB_AMOUNT_SCALE };
  guint i, u;

  for (i = 0; i < G_N_ELEMENTS (values); i++)
    for (u = 0; tb_test_yuan_units[u] != NULL; u++)
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *text = tb_value_format_display (&spec, values[i], tb_test_yuan_units[u]);
        g_autofree char *unit = NULL;
        gint64 value = -1;

        g_assert_true (tb_value_parse_cell (&spec, text, &value, &unit, &error));
        g_assert_no_error (error);
        g_assert_cmpint (value, ==, values[i]);
        g_assert_cmpstr (unit, ==, tb_test_yuan_units[u]);
      }
}

static void
test_round_trip (void)
{
  static const gint64 counts[] = {
    0, 1, 9, 10, 99, 100, 999, 1000, 1234, 14069, 65535, 65536, 1000000,
    G_MAXINT32 / 10, 999999998, TB_COUNT_MAX,
  };
  static const gint64 amounts[] = {
    0, 1, 9, 10, 99, 100, 1000, 9999, 10000, 10001, 15000, 99999, 123456789,
    TB_AMOUNT_SCALE * 1000000, TB_AMOUNT_MAX * TB_AMOUNT_SCALE - 1,
    TB_AMOUNT_MAX * TB_AMOUNT_SCALE,
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      assert_round_trip (TB_CELL_COUNT, 0, counts[i]);
      assert_round_trip (TB_CELL_SIGNED, 0, counts[i]);
      assert_round_trip (TB_CELL_SIGNED, 0, -counts[i]);
    }
  for (i = 0; i < G_N_ELEMENTS (amounts); i++)
    assert_round_trip (TB_CELL_AMOUNT, TB_AMOUNT_SCALE_DIGITS, amounts[i]);

  /* Two decimals: every value that is a whole number of hundredths. */
  for (i = 0; i < G_N_ELEMENTS (amounts); i++)
    assert_round_trip (TB_CELL_AMOUNT, 2,
                       amounts[i] - amounts[i] % (TB_AMOUNT_SCALE / 100));

  /* And a sweep of random values. */
  for (i = 0; i < 2000; i++)
    {
      gint64 count = g_test_rand_int_range (0, (gint32) TB_COUNT_MAX);
      gint64 amount = (gint64) g_test_rand_int_range (0, G_MAXINT32) * 4657
                      + g_test_rand_int_range (0, (gint32) TB_AMOUNT_SCALE);

      assert_round_trip (TB_CELL_COUNT, 0, count);
      assert_round_trip (TB_CELL_SIGNED, 0, -count);
      assert_round_trip (TB_CELL_AMOUNT, TB_AMOUNT_SCALE_DIGITS, amount);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/format/canonical", test_format);
  g_test_add_func ("/value/format/display", test_format_display);
  g_test_add_func ("/value/format/display-round-trip", test_display_round_trip);
  g_test_add_func ("/value/format/round-trip", test_round_trip);

  return g_test_run ();
}
