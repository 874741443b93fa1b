/* tb-test-draft.c: what the tests of the *.tianbao draft file share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-draft.h.
 */

#define G_LOG_DOMAIN "test-draft"

#include "config.h"

#include "tb-test-draft.h"
#include "tb-test-util.h"

char *
tb_test_work_dir (void)
{
  return tb_test_make_dir (g_get_user_cache_dir (), "draft-test", NULL);
}

char *
tb_test_temp_path (const char *name)
{
  g_autofree char *dir = tb_test_work_dir ();

  return g_build_filename (dir, name, NULL);
}

void
tb_test_assert_reports_equal (TbReport *a,
                              TbReport *b)
{
  const TbFormat *format = tb_report_get_format (a);

  tb_test_assert_same_meta (a, b);
  g_assert_cmpstr (tb_report_get_created (a), ==, tb_report_get_created (b));
  g_assert_cmpstr (tb_report_get_modified_time (a), ==, tb_report_get_modified_time (b));
  g_assert_cmpstr (tb_report_get_previous (a), ==, tb_report_get_previous (b));

  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellValue *va = tb_report_get_cell (a, i);
      const TbCellValue *vb = tb_report_get_cell (b, i);

      g_assert_cmpint (va->state, ==, vb->state);
      g_assert_cmpint (va->value, ==, vb->value);
      g_assert_cmpstr (va->unit, ==, vb->unit);
      if (va->state == TB_CELL_INVALID)
        g_assert_cmpstr (va->text, ==, vb->text);
    }
  tb_test_assert_same_texts (a, b);
}
