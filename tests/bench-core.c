/* bench-core.c: medians of a full rules check and of a draft load + save
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (issue #2): a full check of a complete 2021 report under 50 µs, a load + save of
 * its draft under 5 ms. Each figure is printed with a baseline measured in the same run
 * (reading the same bytes into memory, and an empty loop over the cells), so the ratios
 * stay meaningful on a loaded machine. A benchmark, not a test: nothing here fails on time.
 */
#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-draft.h"
#include "tb-rules.h"
#include "tb-value.h"

#include "tb-test-util.h"

static TbReport *
make_full_report (void)
{
  const TbFormat *f = tb_format_get ("2021");
  TbReport *report = tb_report_new (f);

  tb_report_set_agency (report, "基准测试县人民政府办公室");
  tb_report_set_year (report, 2024);
  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);
      g_autofree char *text = NULL;

      if (c->total_rule >= 0 || g_str_equal (c->row_key, "r1_new"))
        continue;
      text = c->kind == TB_CELL_AMOUNT ? g_strdup_printf ("%u.5", i) : g_strdup_printf ("%u", i % 13);
      tb_report_set_cell_text (report, i, text, NULL);
    }
  tb_test_balance_t3 (report, TRUE);
  tb_report_set_text (report, "s1", "一、总体情况的正文，足够长的一段文字。");
  tb_report_set_text (report, "s5", "五、存在的主要问题及改进情况的正文。");
  tb_report_set_text (report, "s6", "无。");
  return report;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TbReport) report = make_full_report ();
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) io = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("tianbao-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.tianbao", NULL);
  g_autoptr(GPtrArray) first = tb_rules_check (report);
  guint n_cells = tb_format_get_n_cells (tb_report_get_format (report));
  volatile gint64 sink = 0;
  const int rounds = 2000;
  double c, s, l, r;

  if (!tb_rules_is_ready (first))
    {
      fprintf (stderr, "benchmark report is not consistent (%u issues)\n", first->len);
      return 1;
    }

  for (int i = 0; i < rounds; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      GPtrArray *issues;
      gint64 t1;

      for (int k = 0; k < 10; k++)
        {
          issues = tb_rules_check (report);
          g_ptr_array_unref (issues);
        }
      t1 = g_get_monotonic_time ();
      g_array_append_val (check, ((double) { (t1 - t0) / 10.0 }));

      /* Baseline: touch every cell value once. */
      t0 = g_get_monotonic_time ();
      for (int k = 0; k < 10; k++)
        for (guint j = 0; j < n_cells; j++)
          sink += tb_report_get_cell (report, j)->value;
      t1 = g_get_monotonic_time ();
      g_array_append_val (scan, ((double) { (t1 - t0) / 10.0 }));
    }

  if (!tb_draft_save (report, path, NULL))
    return 1;
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TbReport) loaded = NULL;
      g_autofree char *bytes = NULL;
      gsize len;
      gint64 t0 = g_get_monotonic_time ();
      gint64 t1;

      loaded = tb_draft_load (path, &error);
      if (loaded == NULL || !tb_draft_save (loaded, path, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      t1 = g_get_monotonic_time ();
      g_array_append_val (io, ((double) { (double) (t1 - t0) }));

      /* Baseline: read and atomically rewrite the same bytes without parsing. */
      t0 = g_get_monotonic_time ();
      g_file_get_contents (path, &bytes, &len, NULL);
      tb_file_write_atomic (path, bytes, len, NULL);
      t1 = g_get_monotonic_time ();
      g_array_append_val (raw, ((double) { (double) (t1 - t0) }));
    }

  c = tb_test_median (check);
  s = tb_test_median (scan);
  l = tb_test_median (io);
  r = tb_test_median (raw);
  printf ("full check of a complete 2021 report: median %.2f µs (target < 50 µs); "
          "baseline cell scan %.2f µs; ratio %.1f×\n", c, s, s > 0 ? c / s : 0);
  printf ("draft load + save: median %.3f ms (target < 5 ms); "
          "baseline read + atomic write of the same bytes %.3f ms; ratio %.1f×\n",
          l / 1000.0, r / 1000.0, r > 0 ? l / r : 0);
  (void) sink;
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
