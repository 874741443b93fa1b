/* bench-import.c: import time per report, against loading the same report as a draft
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (issue 11): at most 20 ms to import a report from text or HTML. Each figure is the
 * median of many runs, printed with a baseline measured in the same run: parsing the draft
 * that the same report gives (tb_draft_parse), so the ratio stays meaningful on a loaded
 * machine. Hostile inputs (tests/test-import-hostile.c asserts their outcome) are timed here
 * too. A benchmark, not a test: nothing here fails on time.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tb-draft.h"
#include "tb-import.h"

#include "tb-test-util.h"

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "import", name,
                                            NULL);

  return tb_test_read_bytes (path);
}

/* Median time in ms of importing @data. */
static double
time_import (GBytes *data,
             guint   rounds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < rounds; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(TbImportLog) log = NULL;
      g_autoptr(TbReport) report = tb_import_read (data, "bench", NULL, &log, NULL);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (samples, ms);
    }
  return tb_test_median (samples);
}

static double
time_draft (GBytes *draft,
            guint   rounds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gsize len;
  const char *data = g_bytes_get_data (draft, &len);

  for (guint i = 0; i < rounds; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(TbReport) report = tb_draft_parse (data, len, NULL);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (samples, ms);
    }
  return tb_test_median (samples);
}

static double
time_once (GBytes *data)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) report = tb_import_read (data, "hostile", NULL, &log, &error);

  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *fixture, *draft, *kind; } cases[] = {
    { "yanchi-audit-2020.txt", "../../../data/samples/yanchi-audit-2020.tianbao",
      "text (seed sample, 2019)" },
    { "pdf-copy-2021.txt", "expected-2021.tianbao", "text (PDF viewer copy, 2021)" },
    { "converted-2021.md", "expected-2021.tianbao", "text (Markdown, 2021)" },
    { "portal-2021.html", "expected-2021.tianbao", "HTML (portal page, 2021)" },
    { "portal-2021-gbk.html", "expected-2021.tianbao", "HTML (GBK portal page, 2021)" },
  };
  const guint rounds = 200;
  g_autoptr(GBytes) warm = read_fixture ("portal-2021.html");

  /* Load the formats and their resources once, outside the timings. */
  g_autoptr(TbReport) first = tb_import_read (warm, "warm", NULL, NULL, NULL);

  printf ("%-32s %10s %12s %8s\n", "import of", "median ms", "draft ms", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = read_fixture (cases[i].fixture);
      g_autoptr(GBytes) draft = read_fixture (cases[i].draft);
      double t = time_import (data, rounds);
      double b = time_draft (draft, rounds);

      printf ("%-32s %10.3f %12.3f %8.1f   (target <= 20 ms)\n", cases[i].kind, t, b, t / b);
    }

  /* Hostile inputs, once each. */
  {
    gsize big = 100 * 1024 * 1024;
    char *page = g_malloc (big);
    g_autoptr(GBytes) huge = NULL;
    GString *nested = g_string_new ("<html><body>");
    GString *text = g_string_new (NULL);
    g_autoptr(GBytes) deep = NULL;
    g_autoptr(GBytes) lines = NULL;

    memcpy (page, "<html><body>", 12);
    memset (page + 12, 'x', big - 12);
    huge = g_bytes_new_take (page, big);
    for (guint i = 0; i < 10000; i++)
      g_string_append (nested, "<table><tr><td>");
    g_string_append (nested, "一、总体情况");
    deep = g_string_free_to_bytes (nested);
    while (text->len < 15 * 1024 * 1024)
      g_string_append (text, "规章\t0\t0\t2\n");
    lines = g_string_free_to_bytes (text);

    printf ("%-32s %10.3f\n", "hostile: 100 MB page (refused)", time_once (huge));
    printf ("%-32s %10.3f\n", "hostile: 10,000 nested tables", time_once (deep));
    printf ("%-32s %10.3f\n", "hostile: 15 MB of table rows", time_once (lines));
  }
  return 0;
}
