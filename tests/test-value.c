/* test-value.c: tests for parsing cell values: counts, signed numbers, what every kind refuses
 *
 * Amounts are in test-value-amount.c, formatting in test-value-format.c.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-value"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "tb-value.h"

#include "tb-test-value.h"

/* ---- Tests --------------------------------------------------------------------------- */

static void
test_quark (void)
{
  g_assert_cmpuint (TB_PARSE_ERROR, !=, 0);
  g_assert_cmpuint (tb_parse_error_quark (), ==, TB_PARSE_ERROR);
  g_assert_cmpstr (g_quark_to_string (TB_PARSE_ERROR), ==, "tb-parse-error-quark");
}

static void
test_count_ascii (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestAccepted cases[] = {
    { "0", 0 },
    { "1", 1 },
    { "12", 12 },
    { "007", 7 },
    { "+3", 3 },
    { "-0", 0 },
    { "14069", 14069 },
    { "999999999", 999999999 },
  };

  tb_test_assert_accepted_all (&spec, cases, G_N_ELEMENTS (cases));
}

static void
test_count_full_width (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestAccepted cases[] = {
    { "１２３", 123 },
    { "０", 0 },
    { "９８７６５４３２１", 987654321 },
    { "＋５", 5 },
    { "1２3", 123 },          /* mixed widths */
    { "１，２３４", 1234 },
    { "１,２３４", 1234 },
    { "1，234，567", 1234567 },
  };

  tb_test_assert_accepted_all (&spec, cases, G_N_ELEMENTS (cases));
}

static void
test_count_separators (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestAccepted good[] = {
    { "1,234", 1234 },
    { "12,345", 12345 },
    { "123,456", 123456 },
    { "1,234,567", 1234567 },
    { "999,999,999", 999999999 },
    { "1，234", 1234 },
    { "1,234，567", 1234567 },
  };
  static const TbTestRejected bad[] = {
    { "1,23", TB_PARSE_ERROR_INVALID },
    { "1,2345", TB_PARSE_ERROR_INVALID },
    { "1234,567", TB_PARSE_ERROR_INVALID },
    { ",123", TB_PARSE_ERROR_INVALID },
    { "1,,234", TB_PARSE_ERROR_INVALID },
    { "1,234,", TB_PARSE_ERROR_INVALID },
    { "1,234,56", TB_PARSE_ERROR_INVALID },
    { "12,34,567", TB_PARSE_ERROR_INVALID },
    { "1 234", TB_PARSE_ERROR_INVALID },
    { "1、234", TB_PARSE_ERROR_INVALID },
  };
  g_autofree char *message = NULL;

  tb_test_assert_accepted_all (&spec, good, G_N_ELEMENTS (good));
  tb_test_assert_rejected_all (&spec, bad, G_N_ELEMENTS (bad));

  message = tb_test_dup_message (&spec, "1,23", TB_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "1,23"));
  g_assert_nonnull (strstr (message, "three"));
}

static void
test_count_spaces (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestAccepted cases[] = {
    { " 12 ", 12 },
    { "\t12\n", 12 },
    { "\u3000１２\u3000", 12 },
    { "\u00a012\u00a0", 12 },
    { "\u200b12\ufeff", 12 },
    { "  \u3000 +3 \t", 3 },
    { "\r\n 0 \r\n", 0 },
  };

  tb_test_assert_accepted_all (&spec, cases, G_N_ELEMENTS (cases));
  /* Spaces inside the number are not separators. */
  tb_test_assert_rejected (&spec, "1 2", TB_PARSE_ERROR_INVALID);
  tb_test_assert_rejected (&spec, "+ 3", TB_PARSE_ERROR_INVALID);
  tb_test_assert_rejected (&spec, "1\n2", TB_PARSE_ERROR_INVALID);
}

static void
test_count_unit_words (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestAccepted cases[] = {
    { "12件", 12 },
    { "12 件", 12 },
    { "１２件", 12 },
    { "3个", 3 },
    { "4次", 4 },
    { "5项", 5 },
    { "32条", 32 },
    { "1,234件", 1234 },
    { "\u3000０件\u3000", 0 },
  };
  static const TbTestRejected bad[] = {
    { "12元", TB_PARSE_ERROR_INVALID },
    { "12万元", TB_PARSE_ERROR_INVALID },
    { "12件件", TB_PARSE_ERROR_INVALID },
    { "件12", TB_PARSE_ERROR_INVALID },
    { "件", TB_PARSE_ERROR_INVALID },
    { "12%", TB_PARSE_ERROR_INVALID },
  };

  tb_test_assert_accepted_all (&spec, cases, G_N_ELEMENTS (cases));
  tb_test_assert_rejected_all (&spec, bad, G_N_ELEMENTS (bad));
}

static void
test_count_garbage (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestRejected cases[] = {
    { "12x", TB_PARSE_ERROR_INVALID },
    { "abc", TB_PARSE_ERROR_INVALID },
    { "1e5", TB_PARSE_ERROR_INVALID },
    { "1E5", TB_PARSE_ERROR_INVALID },
    { "0x10", TB_PARSE_ERROR_INVALID },
    { "+", TB_PARSE_ERROR_INVALID },
    { "++3", TB_PARSE_ERROR_INVALID },
    { "+-3", TB_PARSE_ERROR_INVALID },
    { "3-", TB_PARSE_ERROR_INVALID },
    { "3+", TB_PARSE_ERROR_INVALID },
    { ".", TB_PARSE_ERROR_INVALID },
    { "1.", TB_PARSE_ERROR_INVALID },
    { "12。", TB_PARSE_ERROR_INVALID },
    { "1.2.3", TB_PARSE_ERROR_INVALID },  /* 1.2 followed by ".3" */
    { "一", TB_PARSE_ERROR_INVALID },
    { "十二", TB_PARSE_ERROR_INVALID },
    { "零", TB_PARSE_ERROR_INVALID },
    { "١٢", TB_PARSE_ERROR_INVALID },     /* Arabic-Indic digits */
    { "12 34", TB_PARSE_ERROR_INVALID },
    { "inf", TB_PARSE_ERROR_INVALID },
    { "nan", TB_PARSE_ERROR_INVALID },
    { "¥12", TB_PARSE_ERROR_INVALID },
    { "12\x01", TB_PARSE_ERROR_INVALID },
  };

  tb_test_assert_rejected_all (&spec, cases, G_N_ELEMENTS (cases));
}

static void
test_count_negative (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestRejected cases[] = {
    { "-1", TB_PARSE_ERROR_NEGATIVE },
    { "－1", TB_PARSE_ERROR_NEGATIVE },
    { "\u22121", TB_PARSE_ERROR_NEGATIVE },
    { "-1,234", TB_PARSE_ERROR_NEGATIVE },
    { "-12件", TB_PARSE_ERROR_NEGATIVE },
    { " －３ ", TB_PARSE_ERROR_NEGATIVE },
  };
  g_autofree char *message = NULL;

  tb_test_assert_rejected_all (&spec, cases, G_N_ELEMENTS (cases));
  tb_test_assert_accepted (&spec, "-0", 0);
  tb_test_assert_accepted (&spec, "－０", 0);

  message = tb_test_dup_message (&spec, "-1", TB_PARSE_ERROR_NEGATIVE);
  g_assert_nonnull (strstr (message, "-1"));
}

static void
test_count_decimals (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  TbCellSpec with_decimals = tb_test_make_spec (TB_CELL_COUNT, 4, NULL, NULL);
  static const TbTestRejected cases[] = {
    { "1.5", TB_PARSE_ERROR_DECIMALS },
    { "3.0", TB_PARSE_ERROR_DECIMALS },
    { "0.0", TB_PARSE_ERROR_DECIMALS },
    { "３．０", TB_PARSE_ERROR_DECIMALS },
    { "3。5", TB_PARSE_ERROR_DECIMALS },
    { ".5", TB_PARSE_ERROR_DECIMALS },
    { "1,234.5", TB_PARSE_ERROR_DECIMALS },
  };
  g_autofree char *message = NULL;

  tb_test_assert_rejected_all (&spec, cases, G_N_ELEMENTS (cases));
  /* The decimals of a spec only apply to amounts. */
  tb_test_assert_rejected_all (&with_decimals, cases, G_N_ELEMENTS (cases));

  message = tb_test_dup_message (&spec, "3.0", TB_PARSE_ERROR_DECIMALS);
  g_assert_nonnull (strstr (message, "3.0"));
  g_assert_nonnull (strstr (message, "whole number"));
}

static void
test_count_too_large (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  static const TbTestRejected cases[] = {
    { "1000000000", TB_PARSE_ERROR_TOO_LARGE },
    { "1,000,000,000", TB_PARSE_ERROR_TOO_LARGE },
    { "99999999999999999999999999", TB_PARSE_ERROR_TOO_LARGE },
    { "9223372036854775807", TB_PARSE_ERROR_TOO_LARGE },
    { "9223372036854775808", TB_PARSE_ERROR_TOO_LARGE },
    { "18446744073709551616", TB_PARSE_ERROR_TOO_LARGE },
    { "１０００００００００", TB_PARSE_ERROR_TOO_LARGE },
  };
  g_autofree char *message = NULL;

  tb_test_assert_rejected_all (&spec, cases, G_N_ELEMENTS (cases));
  tb_test_assert_accepted (&spec, "999999999", TB_COUNT_MAX);
  tb_test_assert_accepted (&spec, "000000000999999999", TB_COUNT_MAX);

  message = tb_test_dup_message (&spec, "1000000000", TB_PARSE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (message, "1000000000"));
  g_assert_nonnull (strstr (message, "999999999"));
}

/* Plain digits take a shortcut (what a draft holds); the same digits written full-width go
 * through the general scan: both read the same, for every length and at the limits. */
static void
test_count_plain_digits (void)
{
  static const TbCellKind kinds[] = { TB_CELL_COUNT, TB_CELL_SIGNED };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);

  for (guint i = 0; i < 2000; i++)
    {
      guint digits = 1 + i % 11;
      g_autoptr(GString) ascii = g_string_new (NULL);
      g_autoptr(GString) wide = g_string_new (NULL);

      for (guint d = 0; d < digits; d++)
        {
          int c = g_rand_int_range (rand, d == 0 && i % 5 != 0 ? 1 : 0, 10);

          g_string_append_c (ascii, (char) ('0' + c));
          g_string_append_unichar (wide, 0xFF10 + c);
        }
      if (i % 97 == 0)
        {
          g_string_assign (ascii, "999999999");
          g_string_assign (wide, "９９９９９９９９９");
        }
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr(GError) e1 = NULL;
          g_autoptr(GError) e2 = NULL;
          g_autofree char *u1 = NULL;
          g_autofree char *u2 = NULL;
          gint64 v1 = -1, v2 = -2;
          gboolean ok1 = tb_value_parse (kinds[k], 0, NULL, NULL, ascii->str, &v1, &u1, &e1);
          gboolean ok2 = tb_value_parse (kinds[k], 0, NULL, NULL, wide->str, &v2, &u2, &e2);

          g_assert_cmpint (ok1, ==, ok2);
          g_assert_null (u1);
          g_assert_null (u2);
          if (ok1)
            g_assert_cmpint (v1, ==, v2);
          else
            g_assert_cmpint (e1->code, ==, e2->code);
        }
    }
}

/* tb_value_fits() says exactly which values read back from their canonical text. */
static void
test_fits (void)
{
  static const TbCellKind kinds[] = {
    TB_CELL_COUNT, TB_CELL_SIGNED, TB_CELL_AMOUNT, TB_CELL_AMOUNT_UNIT,
  };
  const gint64 values[] = {
    0, 1, -1, TB_COUNT_MAX, TB_COUNT_MAX + 1, -TB_COUNT_MAX, -TB_COUNT_MAX - 1,
    TB_AMOUNT_MAX * TB_AMOUNT_SCALE, TB_AMOUNT_MAX * TB_AMOUNT_SCALE + 1, G_MAXINT64,
    G_MININT64,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autofree char *text = tb_value_format (kinds[k], values[i]);
        gint64 again = 0;
        gboolean read = tb_value_parse (kinds[k], TB_AMOUNT_SCALE_DIGITS, NULL, NULL, text,
                                        &again, NULL, NULL);

        g_test_message ("kind %d, %s", kinds[k], text);
        g_assert_cmpint (tb_value_fits (kinds[k], values[i]), ==, read);
        if (read)
          g_assert_cmpint (again, ==, values[i]);
      }

  g_assert_cmpint (tb_value_unit_in_yuan ("元"), ==, 1);
  g_assert_cmpint (tb_value_unit_in_yuan ("万元"), ==, 10000);
  g_assert_cmpint (tb_value_unit_in_yuan ("亿元"), ==, 100000000);
  g_assert_cmpint (tb_value_unit_in_yuan ("件"), ==, 0);
  g_assert_cmpint (tb_value_unit_in_yuan (NULL), ==, 0);
}

/* The fen bounds the decimals of every money unit, and 元 ↔ 万元 converts exactly. */
static void
test_unit_decimals (void)
{
  gint64 out = -1;

  g_assert_cmpuint (tb_value_unit_decimals ("元"), ==, 2);
  g_assert_cmpuint (tb_value_unit_decimals ("千元"), ==, 5);
  g_assert_cmpuint (tb_value_unit_decimals ("万元"), ==, 6);
  g_assert_cmpuint (tb_value_unit_decimals ("亿元"), ==, TB_AMOUNT_SCALE_DIGITS);
  g_assert_cmpuint (tb_value_unit_decimals ("件"), ==, G_MAXUINT);
  g_assert_cmpuint (tb_value_unit_decimals (NULL), ==, G_MAXUINT);

  /* 317,425,062.13 元 = 31742.506213 万元, both ways, exactly. */
  g_assert_true (tb_value_convert_unit (G_GINT64_CONSTANT (317425062130000), "元", "万元", &out));
  g_assert_cmpint (out, ==, G_GINT64_CONSTANT (31742506213));
  g_assert_true (tb_value_convert_unit (out, "万元", "元", &out));
  g_assert_cmpint (out, ==, G_GINT64_CONSTANT (317425062130000));
  /* Not exact, overflowing, or no money unit: FALSE, @out unchanged. */
  g_assert_false (tb_value_convert_unit (1, "元", "万元", &out));
  g_assert_false (tb_value_convert_unit (G_MAXINT64 / 2, "亿元", "元", &out));
  g_assert_false (tb_value_convert_unit (1, "件", "元", &out));
  g_assert_cmpint (out, ==, G_GINT64_CONSTANT (317425062130000));

  /* Sums stay exact at the scale: 0.1 + 0.2 万元 is 0.3 万元, not 0.30000000000000004. */
  {
    gint64 a, b;
    g_autofree char *sum = NULL;

    g_assert_true (tb_value_parse (TB_CELL_AMOUNT, 6, "万元", NULL, "0.1", &a, NULL, NULL));
    g_assert_true (tb_value_parse (TB_CELL_AMOUNT, 6, "万元", NULL, "0.2", &b, NULL, NULL));
    sum = tb_value_format (TB_CELL_AMOUNT, a + b);
    g_assert_cmpstr (sum, ==, "0.3");
  }
}

static void
test_long_input (void)
{
  TbCellSpec count = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  TbCellSpec amount = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  g_autoptr (GString) nines = g_string_new (NULL);
  g_autoptr (GString) zeros = g_string_new (NULL);
  g_autoptr (GString) fraction = g_string_new ("1.");
  g_autoptr (GString) grouped = g_string_new ("1");
  g_autofree char *negative = NULL;
  g_autofree char *message = NULL;
  guint i;

  for (i = 0; i < 10000; i++)
    {
      g_string_append_c (nines, '9');
      g_string_append_c (zeros, '0');
      g_string_append_c (fraction, '0');
    }
  for (i = 0; i < 3000; i++)
    g_string_append (grouped, ",000");

  tb_test_assert_rejected (&count, nines->str, TB_PARSE_ERROR_TOO_LARGE);
  tb_test_assert_rejected (&amount, nines->str, TB_PARSE_ERROR_TOO_LARGE);
  tb_test_assert_rejected (&count, grouped->str, TB_PARSE_ERROR_TOO_LARGE);
  negative = g_strconcat ("-", nines->str, NULL);
  tb_test_assert_rejected (&count, negative, TB_PARSE_ERROR_NEGATIVE);

  /* Leading zeros and zeros after the point do not change the value. */
  tb_test_assert_accepted (&count, zeros->str, 0);
  g_string_append_c (zeros, '7');
  tb_test_assert_accepted (&count, zeros->str, 7);
  tb_test_assert_accepted (&amount, fraction->str, TB_AMOUNT_SCALE);
  g_string_append_c (fraction, '1');
  tb_test_assert_rejected (&amount, fraction->str, TB_PARSE_ERROR_DECIMALS);

  /* The message quotes a shortened text, not 10000 digits. */
  message = tb_test_dup_message (&count, nines->str, TB_PARSE_ERROR_TOO_LARGE);
  g_assert_cmpuint (strlen (message), <, 300);
  g_assert_nonnull (strstr (message, "…"));
}

static void
test_signed (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_SIGNED, 0, NULL, NULL);
  static const TbTestAccepted good[] = {
    { "0", 0 },
    { "3", 3 },
    { "+3", 3 },
    { "＋３", 3 },
    { "-3", -3 },
    { "－2", -2 },
    { "\u22122", -2 },
    { "\ufe632", -2 },
    { " -1,234 ", -1234 },
    { "-5件", -5 },
    { "-0", 0 },
    { "999999999", TB_COUNT_MAX },
    { "-999999999", -TB_COUNT_MAX },
  };
  static const TbTestRejected bad[] = {
    { "1000000000", TB_PARSE_ERROR_TOO_LARGE },
    { "-1000000000", TB_PARSE_ERROR_TOO_LARGE },
    { "-99999999999999999999999999", TB_PARSE_ERROR_TOO_LARGE },
    { "-1.5", TB_PARSE_ERROR_DECIMALS },
    { "--3", TB_PARSE_ERROR_INVALID },
    { "-", TB_PARSE_ERROR_PLACEHOLDER },
    { "—3", TB_PARSE_ERROR_INVALID },     /* an em dash is not a minus sign */
    { "3x", TB_PARSE_ERROR_INVALID },
  };

  tb_test_assert_accepted_all (&spec, good, G_N_ELEMENTS (good));
  tb_test_assert_rejected_all (&spec, bad, G_N_ELEMENTS (bad));
}

static void
test_placeholders (void)
{
  static const char *const placeholders[] = {
    "/", "／", "//", "\\", "—", "——", "-", "--", "---", "－", "－－", "–", "―", "−",
    "ー", "─", "— —", " / ", "\u3000——\u3000",
    "无", "暂无", "没有", "不适用", "空", "空白", "无数据",
    "N/A", "n/a", "NA", "na", "Ｎ／Ａ", "none", "NULL",
  };
  TbCellKind kinds[] = { TB_CELL_COUNT, TB_CELL_SIGNED, TB_CELL_AMOUNT, TB_CELL_AMOUNT_UNIT };
  g_autofree char *message = NULL;
  guint i, k;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      TbCellSpec spec = tb_test_make_spec (kinds[k], 4, NULL, tb_test_yuan_units);

      for (i = 0; i < G_N_ELEMENTS (placeholders); i++)
        tb_test_assert_rejected (&spec, placeholders[i], TB_PARSE_ERROR_PLACEHOLDER);
    }

  {
    TbCellSpec spec = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);

    message = tb_test_dup_message (&spec, "不适用", TB_PARSE_ERROR_PLACEHOLDER);
    g_assert_nonnull (strstr (message, "不适用"));
    g_assert_nonnull (strstr (message, "0"));

    /* Words that merely contain a placeholder are not placeholders. */
    tb_test_assert_rejected (&spec, "无12", TB_PARSE_ERROR_INVALID);
    tb_test_assert_rejected (&spec, "1/2", TB_PARSE_ERROR_INVALID);
    tb_test_assert_rejected (&spec, "-/a", TB_PARSE_ERROR_INVALID);
  }
}

static void
test_empty (void)
{
  static const char *const empties[] = {
    "", " ", "   ", "\t", "\n", "\u3000", "\u3000\u3000 \t", "\u00a0", "\u200b", "\r\n",
  };
  TbCellKind kinds[] = { TB_CELL_COUNT, TB_CELL_SIGNED, TB_CELL_AMOUNT, TB_CELL_AMOUNT_UNIT };
  guint i, k;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      TbCellSpec spec = tb_test_make_spec (kinds[k], 4, "万元", tb_test_yuan_units);

      tb_test_assert_rejected (&spec, NULL, TB_PARSE_ERROR_EMPTY);
      for (i = 0; i < G_N_ELEMENTS (empties); i++)
        tb_test_assert_rejected (&spec, empties[i], TB_PARSE_ERROR_EMPTY);
    }
}

static void
test_invalid_utf8 (void)
{
  static const char *const broken[] = {
    "\xff",
    "12\xff",
    "\xc3",                 /* truncated sequence */
    "1\xe4\xb8",            /* truncated 件 */
    "\xed\xa0\x80",         /* UTF-16 surrogate */
    "\xc0\xb1",             /* overlong '1' */
    "\xef\xbc",             /* truncated full-width digit */
    "\20012",              /* stray continuation byte, then 12 */
  };
  TbCellKind kinds[] = { TB_CELL_COUNT, TB_CELL_SIGNED, TB_CELL_AMOUNT, TB_CELL_AMOUNT_UNIT };
  guint i, k;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      TbCellSpec spec = tb_test_make_spec (kinds[k], 4, "万元", tb_test_yuan_units);

      for (i = 0; i < G_N_ELEMENTS (broken); i++)
        tb_test_assert_rejected (&spec, broken[i], TB_PARSE_ERROR_INVALID);
    }
}

static void
test_messages (void)
{
  TbCellSpec count = tb_test_make_spec (TB_CELL_COUNT, 0, NULL, NULL);
  TbCellSpec signed_spec = tb_test_make_spec (TB_CELL_SIGNED, 0, NULL, NULL);
  TbCellSpec amount = tb_test_make_spec (TB_CELL_AMOUNT, 4, "万元", NULL);
  TbCellSpec amount_unit = tb_test_make_spec (TB_CELL_AMOUNT_UNIT, 4, NULL, tb_test_yuan_units);
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *m5 = NULL;
  g_autofree char *m6 = NULL;

  /* Messages quote what was typed and say what is expected for the kind. */
  m1 = tb_test_dup_message (&count, "12x", TB_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (m1, "“12x”"));
  g_assert_nonnull (strstr (m1, "12"));
  m2 = tb_test_dup_message (&signed_spec, "abc", TB_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (m2, "“abc”"));
  g_assert_nonnull (strstr (m2, "-3"));
  m3 = tb_test_dup_message (&amount, "abc", TB_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (m3, "1.5"));
  m4 = tb_test_dup_message (&amount_unit, "abc", TB_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (m4, "元"));
  /* Surrounding spaces are not quoted. */
  m5 = tb_test_dup_message (&count, "\u3000 abc \u3000", TB_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (m5, "“abc”"));
  m6 = tb_test_dup_message (&amount, "-2", TB_PARSE_ERROR_NEGATIVE);
  g_assert_nonnull (strstr (m6, "“-2”"));
}

static void
test_out_params (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unit = NULL;
  gint64 value = 99;

  /* Success on a kind without its own unit sets *unit to NULL. */
  g_assert_true (tb_value_parse (TB_CELL_COUNT, 0, NULL, NULL, "5", &value, &unit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 5);
  g_assert_null (unit);

  /* The value may be left out when only checking text; the error may be too. */
  g_assert_true (tb_value_parse (TB_CELL_COUNT, 0, NULL, NULL, "5", NULL, NULL, NULL));
  g_assert_false (tb_value_parse (TB_CELL_COUNT, 0, NULL, NULL, "x", &value, NULL, NULL));
  g_assert_cmpint (value, ==, 5);
}

static void
test_parse_cell (void)
{
  TbCellSpec spec = tb_test_make_spec (TB_CELL_AMOUNT, 2, "元", NULL);
  g_autoptr (GError) error = NULL;
  gint64 direct = 0;
  gint64 via_spec = 0;

  /* Same as tb_value_parse() with the spec's kind, decimals and unit. */
  g_assert_true (tb_value_parse (TB_CELL_AMOUNT, 2, "元", NULL, "12.5元", &direct, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (tb_value_parse_cell (&spec, "12.5元", &via_spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (direct, ==, via_spec);
  g_assert_cmpint (via_spec, ==, OLD (125000));

  tb_test_assert_rejected (&spec, "12.555", TB_PARSE_ERROR_DECIMALS);
}

static void
test_preconditions (void)
{
  gint64 value = 0;

  if (g_test_undefined ())
    {
      g_test_expect_message ("tb-value", G_LOG_LEVEL_CRITICAL, "*spec != NULL*");
      g_assert_false (tb_value_parse_cell (NULL, "1", &value, NULL, NULL));
      g_test_assert_expected_messages ();

      g_test_expect_message ("tb-value", G_LOG_LEVEL_CRITICAL, "*spec != NULL*");
      g_assert_null (tb_value_format_display (NULL, 1, NULL));
      g_test_assert_expected_messages ();
    }
}

/* Random text built from the characters the parser cares about: whatever comes out, it
 * must not crash, and an accepted value must survive a format round trip. */
static void
test_random_input (void)
{
  static const char *const pieces[] = {
    "0", "1", "5", "9", "０", "９", ",", "，", ".", "．", "。", "+", "-", "－", "−", " ",
    "\u3000", "件", "元", "万元", "万", "/", "—", "无", "e", "x", "\xff", "\xe4\xb8",
  };
  TbCellKind kinds[] = { TB_CELL_COUNT, TB_CELL_SIGNED, TB_CELL_AMOUNT, TB_CELL_AMOUNT_UNIT };
  guint round;

  for (round = 0; round < 20000; round++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *unit = NULL;
      TbCellKind kind = kinds[g_test_rand_int_range (0, G_N_ELEMENTS (kinds))];
      guint decimals = g_test_rand_int_range (0, 6);
      guint length = g_test_rand_int_range (0, 12);
      gint64 value = 0;
      guint i;

      for (i = 0; i < length; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      if (tb_value_parse (kind, decimals, "万元", tb_test_yuan_units, text->str, &value, &unit,
                          &error))
        {
          TbCellKind plain = kind == TB_CELL_AMOUNT_UNIT ? TB_CELL_AMOUNT : kind;
          g_autofree char *canonical = tb_value_format (kind, value);
          g_autoptr (GError) again_error = NULL;
          gint64 again = -1;

          g_assert_no_error (error);
          if (kind == TB_CELL_COUNT || kind == TB_CELL_SIGNED)
            g_assert_cmpint (ABS (value), <=, TB_COUNT_MAX);
          if (kind != TB_CELL_SIGNED)
            g_assert_cmpint (value, >=, 0);
          if (kind == TB_CELL_AMOUNT_UNIT && value != 0)
            g_assert_true (g_strv_contains (tb_test_yuan_units, unit));
          else if (kind == TB_CELL_AMOUNT_UNIT)
            g_assert_true (unit == NULL || g_strv_contains (tb_test_yuan_units, unit));
          else
            g_assert_null (unit);

          g_assert_true (tb_value_parse (plain, decimals, NULL, NULL, canonical, &again, NULL,
                                         &again_error));
          g_assert_no_error (again_error);
          g_assert_cmpint (again, ==, value);
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == TB_PARSE_ERROR);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/quark", test_quark);
  g_test_add_func ("/value/count/ascii", test_count_ascii);
  g_test_add_func ("/value/count/full-width", test_count_full_width);
  g_test_add_func ("/value/count/separators", test_count_separators);
  g_test_add_func ("/value/count/spaces", test_count_spaces);
  g_test_add_func ("/value/count/unit-words", test_count_unit_words);
  g_test_add_func ("/value/count/garbage", test_count_garbage);
  g_test_add_func ("/value/count/negative", test_count_negative);
  g_test_add_func ("/value/count/decimals", test_count_decimals);
  g_test_add_func ("/value/count/too-large", test_count_too_large);
  g_test_add_func ("/value/count/plain-digits", test_count_plain_digits);
  g_test_add_func ("/value/unit-decimals", test_unit_decimals);
  g_test_add_func ("/value/fits", test_fits);
  g_test_add_func ("/value/long-input", test_long_input);
  g_test_add_func ("/value/signed", test_signed);
  g_test_add_func ("/value/placeholders", test_placeholders);
  g_test_add_func ("/value/empty", test_empty);
  g_test_add_func ("/value/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/value/messages", test_messages);
  g_test_add_func ("/value/out-params", test_out_params);
  g_test_add_func ("/value/parse-cell", test_parse_cell);
  g_test_add_func ("/value/preconditions", test_preconditions);
  g_test_add_func ("/value/random-input", test_random_input);

  return g_test_run ();
}
