/* bench-merge.c: time and peak memory of merging 10, 100 and 1,000 agencies' reports
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (the year-to-year and roll-up issue): merging 1,000 reports takes under 1 s, and
 * time and memory grow linearly. Two measurements per N:
 *  - "files": load N draft files from a folder, check each, sum them, check the summary and
 *    write the breakdown CSV in memory (what `tianbao-cli merge` does);
 *  - "memory": the same from N reports already in memory (what the app's view does).
 * Each measurement runs in a fresh process (this program, re-executed), so that its peak
 * RSS (getrusage) is its own; the growth over the process's RSS before the work is shown
 * too. Times are the best of 3 runs. A benchmark, not a test: nothing here fails on time.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "tb-draft.h"
#include "tb-merge.h"

#include "tb-test-util.h"

#define REPEATS 3

static const guint sizes[] = { 10, 100, 1000 };

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;   /* KiB on Linux */
}

static char *
input_path (const char *dir,
            guint       i)
{
  g_autofree char *name = g_strdup_printf ("agency-%04u.tianbao", i);

  return g_build_filename (dir, name, NULL);
}

static TbReport *
make_input (guint i)
{
  g_autofree char *agency = g_strdup_printf ("某县第%u局", i + 1);

  return tb_test_make_report ("2021", 2024, agency, i);
}

/* Child: write N drafts into DIR. */
static int
run_generate (const char *dir,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TbReport) report = make_input (i);
      g_autofree char *path = input_path (dir, i);
      g_autoptr(GError) error = NULL;

      if (!tb_draft_save (report, path, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

/* The merge itself, as the CLI does it: check every input (done by tb_merge_add), sum,
 * check the summary, write the breakdown. Returns the number of ready inputs. */
static guint
merge_all (GPtrArray *reports,
           GPtrArray *sources)
{
  g_autoptr(TbMerge) merge = tb_merge_new ();
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GBytes) csv = NULL;
  guint ready = 0;

  for (guint i = 0; i < reports->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!tb_merge_add (merge, g_ptr_array_index (reports, i),
                         g_ptr_array_index (sources, i), &error))
        g_error ("%s", error->message);
      ready += tb_merge_get_input (merge, i)->ready;
    }
  summary = tb_merge_build (merge, "某县人民政府办公室", NULL, NULL);
  issues = tb_rules_check (summary);
  csv = tb_merge_breakdown_csv (merge, summary);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (csv), >, 0);
  return ready;
}

/* Child: one measurement. Prints "seconds peak-KiB growth-KiB ready". */
static int
run_measure (const char *mode,
             const char *dir,
             guint       n)
{
  double best = G_MAXDOUBLE;
  long base;
  guint ready = 0;
  g_autoptr(GPtrArray) memory_reports = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);

  /* Formats and the type system are set up before the baseline. */
  g_object_unref (tb_report_new (tb_format_get ("2021")));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sources, input_path (dir, i));
  base = peak_rss_kib ();

  if (g_str_equal (mode, "memory"))
    {
      memory_reports = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (memory_reports, make_input (i));
    }

  for (guint r = 0; r < REPEATS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      if (memory_reports != NULL)
        ready = merge_all (memory_reports, sources);
      else
        {
          g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(GError) error = NULL;
              TbReport *report = tb_draft_load (g_ptr_array_index (sources, i), &error);

              if (report == NULL)
                g_error ("%s", error->message);
              g_ptr_array_add (reports, report);
            }
          ready = merge_all (reports, sources);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      best = MIN (best, seconds);
    }
  printf ("%.6f %ld %ld %u\n", best, peak_rss_kib (), peak_rss_kib () - base, ready);
  return 0;
}

typedef struct
{
  double seconds;
  long   peak_kib;
  long   growth_kib;
  guint  ready;
} Result;

static gboolean
spawn_self (const char  *self,
            const char  *mode,
            const char  *dir,
            guint        n,
            Result      *result)
{
  g_autofree char *n_s = g_strdup_printf ("%u", n);
  const char *argv[] = { self, mode, dir, n_s, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-merge %s %u: %s\n", mode, n, error->message);
      return FALSE;
    }
  if (result != NULL &&
      sscanf (out, "%lf %ld %ld %u", &result->seconds, &result->peak_kib,
              &result->growth_kib, &result->ready) != 4)
    {
      g_printerr ("bench-merge %s %u: unexpected output “%s”\n", mode, n, out);
      return FALSE;
    }
  return TRUE;
}

static void
print_ratios (const char   *what,
              const Result *r)
{
  printf ("  %-7s time ×%.1f (10→100) ×%.1f (100→1000);  memory growth ×%.1f ×%.1f"
          "  (linear: ×10)\n",
          what, r[1].seconds / r[0].seconds, r[2].seconds / r[1].seconds,
          (double) r[1].growth_kib / MAX (r[0].growth_kib, 1),
          (double) r[2].growth_kib / MAX (r[1].growth_kib, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  Result files[G_N_ELEMENTS (sizes)], memory[G_N_ELEMENTS (sizes)];
  gboolean ok = TRUE;

  if (argc == 4)
    {
      guint n = (guint) g_ascii_strtoull (argv[3], NULL, 10);

      if (g_str_equal (argv[1], "generate"))
        return run_generate (argv[2], n);
      return run_measure (argv[1], argv[2], n);
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  dir = g_dir_make_tmp ("tb-bench-merge-XXXXXX", NULL);
  g_assert_nonnull (dir);

  printf ("Merging N complete 2021 reports (check each, sum, check the summary, breakdown CSV)\n");
  printf ("best of %d runs; peak RSS of a fresh process; growth = peak − RSS before the work\n\n",
          REPEATS);
  printf ("%6s  %-7s %10s %10s %12s %12s %8s\n", "N", "from", "time ms", "per report",
          "peak RSS KiB", "growth KiB", "ready");
  for (guint k = 0; ok && k < G_N_ELEMENTS (sizes); k++)
    {
      guint n = sizes[k];

      ok = spawn_self (self, "generate", dir, n, NULL) &&
           spawn_self (self, "files", dir, n, &files[k]) &&
           spawn_self (self, "memory", dir, n, &memory[k]);
      if (!ok)
        break;
      printf ("%6u  %-7s %10.1f %8.0f µs %12ld %12ld %8u\n", n, "files",
              files[k].seconds * 1e3, files[k].seconds * 1e6 / n, files[k].peak_kib,
              files[k].growth_kib, files[k].ready);
      printf ("%6u  %-7s %10.1f %8.0f µs %12ld %12ld %8u\n", n, "memory",
              memory[k].seconds * 1e3, memory[k].seconds * 1e6 / n, memory[k].peak_kib,
              memory[k].growth_kib, memory[k].ready);
    }

  if (ok)
    {
      printf ("\nRatios:\n");
      print_ratios ("files", files);
      print_ratios ("memory", memory);
      printf ("\nTarget: 1,000 reports loaded and merged in under 1 s: %.3f s — %s\n",
              files[2].seconds, files[2].seconds < 1.0 ? "met" : "NOT met");
    }

  /* Clean up the drafts. */
  for (guint i = 0; i < sizes[G_N_ELEMENTS (sizes) - 1]; i++)
    {
      g_autofree char *path = input_path (dir, i);

      g_remove (path);
    }
  g_rmdir (dir);
  return ok ? 0 : 1;
}
