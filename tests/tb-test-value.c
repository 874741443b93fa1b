/* tb-test-value.c: what the tests of parsing and formatting cell values share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-value.h.
 */

#define G_LOG_DOMAIN "test-value"

#include "config.h"

#include "tb-test-value.h"

const char *const tb_test_yuan_units[] = { "元", "万元", NULL };

TbCellSpec
tb_test_make_spec (TbCellKind         kind,
                   guint              decimals,
                   const char        *unit,
                   const char *const *units)
{
  TbCellSpec spec = { 0, };

  spec.id = "test.cell";
  spec.label = "test cell";
  spec.kind = kind;
  spec.decimals = decimals;
  spec.unit = unit;
  spec.units = units;
  spec.total_rule = -1;

  return spec;
}

void
tb_test_assert_accepted (const TbCellSpec *spec,
                         const char       *text,
                         gint64            expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unit = NULL;
  gint64 value = G_MININT64;
  gboolean ok;

  ok = tb_value_parse_cell (spec, text, &value, &unit, &error);
  if (!ok)
    g_error ("“%s” (kind %d) was rejected: %s", text, spec->kind, error->message);
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, expected);
  if (spec->kind != TB_CELL_AMOUNT_UNIT)
    g_assert_null (unit);
}

void
tb_test_assert_rejected (const TbCellSpec *spec,
                         const char       *text,
                         int               code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unit = NULL;
  gint64 value = 4242;
  gboolean ok;

  ok = tb_value_parse_cell (spec, text, &value, &unit, &error);
  if (ok)
    g_error ("“%s” (kind %d) was accepted as %" G_GINT64_FORMAT ", expected error %d",
             text, spec->kind, value, code);
  g_assert_error (error, TB_PARSE_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  /* A failed parse leaves the outputs alone. */
  g_assert_cmpint (value, ==, 4242);
  g_assert_null (unit);
}

void
tb_test_assert_accepted_all (const TbCellSpec     *spec,
                             const TbTestAccepted *cases,
                             gsize                 n)
{
  gsize i;

  for (i = 0; i < n; i++)
    tb_test_assert_accepted (spec, cases[i].text, cases[i].value);
}

void
tb_test_assert_rejected_all (const TbCellSpec     *spec,
                             const TbTestRejected *cases,
                             gsize                 n)
{
  gsize i;

  for (i = 0; i < n; i++)
    tb_test_assert_rejected (spec, cases[i].text, cases[i].code);
}

char *
tb_test_dup_message (const TbCellSpec *spec,
                     const char       *text,
                     int               code)
{
  g_autoptr (GError) error = NULL;
  gint64 value;

  g_assert_false (tb_value_parse_cell (spec, text, &value, NULL, &error));
  g_assert_error (error, TB_PARSE_ERROR, code);

  return g_strdup (error->message);
}
