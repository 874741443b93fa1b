/* test-source.c: the neutral shape readers give a document (src/convert/tb-source.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tb-source.h"

static void
test_normalize (void)
{
  const struct { const char *in; gboolean lines; const char *out; } cases[] = {
    { "  a \t b  ", FALSE, "a b" },
    { "\u3000\u3000一、总体情况\u3000", FALSE, "一、总体情况" },
    { "本年\u00a0新收", FALSE, "本年 新收" },
    { "上年\n结转", FALSE, "上年 结转" },
    { "上年 \n \n结转 ", TRUE, "上年\n结转" },
    { "\n\n", TRUE, "" },
    { "a\u200bb", FALSE, "a b" },
    { NULL, FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = tb_source_normalize_text (cases[i].in, cases[i].lines);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_table (void)
{
  g_autoptr(TbSource) source = tb_source_new (TB_SOURCE_HTML);
  TbSourcePos pos = { .table = 1 };
  TbSourceBlock *table;
  TbSourceCell *note, *np;
  g_autofree char *dump = NULL;

  g_assert_null (tb_source_add_paragraph (source, " \u3000 ", NULL));
  g_assert_nonnull (tb_source_add_paragraph (source, "三、收到和处理政府信息公开申请情况", NULL));
  table = tb_source_add_table (source, &pos);
  note = tb_source_table_add_cell (table, 0, 0, 3, 3, "（本列数据的勾稽关系为：…）", TRUE, &pos);
  tb_source_table_add_cell (table, 0, 3, 1, 7, "申请人情况", TRUE, &pos);
  np = tb_source_table_add_cell (table, 1, 3, 2, 1, "自然人", TRUE, &pos);
  g_assert_cmpuint (table->n_rows, ==, 3);
  g_assert_cmpuint (table->n_columns, ==, 10);
  g_assert_true (tb_source_table_get_cell (table, 2, 2) == note);
  g_assert_true (tb_source_table_get_cell (table, 2, 3) == np);
  g_assert_null (tb_source_table_get_cell (table, 2, 4));
  g_assert_null (tb_source_table_get_cell (table, 9, 9));
  /* The index follows a cell added after a lookup. */
  tb_source_table_add_cell (table, 2, 4, 1, 1, "商业企业", TRUE, &pos);
  g_assert_cmpstr (tb_source_table_get_cell (table, 2, 4)->text, ==, "商业企业");
  /* A hostile span is bounded. */
  g_assert_nonnull (tb_source_table_add_cell (table, 3, 0, 100000, 100000, "x", FALSE, &pos));
  g_assert_cmpuint (table->n_columns, <=, 200);
  g_assert_cmpuint (table->n_rows, <=, 2000);
  g_assert_null (tb_source_table_add_cell (table, 5000, 0, 1, 1, "x", FALSE, &pos));

  dump = tb_source_dump (source);
  g_assert_nonnull (strstr (dump, "¶ 三、收到和处理政府信息公开申请情况\n"));
  g_assert_nonnull (strstr (dump, "| 自然人 (2×1) |\n| 商业企业 |\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/source/normalize", test_normalize);
  g_test_add_func ("/source/table", test_table);
  return g_test_run ();
}
