/* bench-pdf.c: how long a PDF export takes and how big it is, against LibreOffice
 * converting the same report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (issue 13, "Paper at the limit"): the sample report's PDF at most 120 KB and
 * never larger than LibreOffice's PDF of the same report; `tianbao-cli export-pdf` as a
 * fresh process at least 20× faster than LibreOffice, the in-process export at most
 * 20 ms warm; the CLI's peak memory at most a third of LibreOffice's. Measured here, in one
 * run, with the subset fonts (tb-pdf-fonts.h) and, for comparison, without them
 * (tb_pdf_set_subset_fonts (FALSE), TIANBAO_FONT_SUBSET=0: the installed fonts whole):
 *   - sizes: the bundled sample report (data/samples, 盐池县审计局 2020; KB of 1000 bytes, as
 *     the issue counts), the benchmark report, LibreOffice's PDF;
 *   - in process: tb_layout_new() alone and tb_pdf_render() (layout + cairo PDF), medians of
 *     warm runs, and the first (cold) export, which loads fontconfig and the fonts and
 *     makes the subsets;
 *   - as a user runs it: `tianbao-cli export-pdf` as a new process each time (median wall
 *     time and peak RSS from wait4), with the subset cache cold (a new runtime folder each
 *     time), warm, and with subsetting off;
 *   - the baseline: `soffice --headless --convert-to pdf` on the same report as our Word
 *     document (tb_docx_write()), and for comparison on an HTML file with the same title,
 *     texts and tables; first run and warm median, and the ratios against the Word
 *     document's. Without LibreOffice it says "soffice not installed".
 *   - TB_BENCH_PDF_PROFILE=N: only N warm exports and N layouts in process, to run under
 *     `perf record`.
 * A benchmark, not a test: nothing here fails on time or size.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-layout.h"
#include "tb-pdf.h"
#include "tb-pdf-fonts.h"

#include "tb-test-util.h"

#define WARM_RUNS    15
#define PROCESS_RUNS 7
#define SOFFICE_RUNS 4

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of this process (all threads), ms. */
static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Runs @argv as a child (with @env, NULL: ours); returns the wall time in ms and sets
 * @cpu_ms (user + system, the child's children included) and @max_rss_kb, or -1.
 *
 * The peak RSS comes from GNU time when installed: Linux keeps a process's peak RSS across
 * exec, so a child forked from this (large) process would report our memory too; time
 * forks the command from a small process and reports the command's own peak. */
static double
run_process_env (const char *const *argv,
                 char              **env,
                 double             *cpu_ms,
                 long               *max_rss_kb)
{
  static const char time_path[] = "/usr/bin/time";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cmd = g_ptr_array_new ();
  g_autofree char *rss_file = NULL;
  gboolean timed = g_file_test (time_path, G_FILE_TEST_IS_EXECUTABLE);
  struct rusage usage;
  GPid pid;
  int status;
  double start, wall;

  if (timed)
    {
      int fd = g_file_open_tmp ("bench-rss-XXXXXX", &rss_file, NULL);

      if (fd < 0)
        timed = FALSE;
      else
        {
          close (fd);
          g_ptr_array_add (cmd, (gpointer) time_path);
          g_ptr_array_add (cmd, (gpointer) "-f");
          g_ptr_array_add (cmd, (gpointer) "%M");
          g_ptr_array_add (cmd, (gpointer) "-o");
          g_ptr_array_add (cmd, rss_file);
        }
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (cmd, (gpointer) argv[i]);
  g_ptr_array_add (cmd, NULL);

  start = now_ms ();
  if (!g_spawn_async (NULL, (char **) cmd->pdata, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return -1;
    }
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "%s failed\n", argv[0]);
      return -1;
    }
  wall = now_ms () - start;
  *cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
            (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  *max_rss_kb = usage.ru_maxrss;
  if (timed)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (rss_file, &text, NULL, NULL))
        *max_rss_kb = strtol (text, NULL, 10);
      g_unlink (rss_file);
    }
  return wall;
}

static double
run_process (const char *const *argv,
             double             *cpu_ms,
             long               *max_rss_kb)
{
  return run_process_env (argv, NULL, cpu_ms, max_rss_kb);
}

/* ---- The same report as HTML, for LibreOffice ------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static char *
cell_text (TbReport *report,
           guint     cell)
{
  char *text = tb_report_dup_cell_text (report, cell);

  return text ? text : g_strdup ("");
}

static char *
report_html (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  GString *out = g_string_new (NULL);
  g_autofree char *title = tb_report_dup_title (report);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                        "<title>");
  append_escaped (out, title);
  g_string_append (out, "</title><style>"
                        "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"
                        "body { font-family: 'Noto Serif CJK SC'; font-size: 16pt; }"
                        "h1 { font-size: 22pt; text-align: center; }"
                        "h2 { font-family: 'Noto Sans CJK SC'; font-size: 16pt; }"
                        "p { text-indent: 2em; text-align: justify; }"
                        "table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }"
                        "td, th { border: 0.6pt solid black; }"
                        "</style></head><body>\n<h1>");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
                        "第五十条的规定编制。</p>\n");

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      g_string_append (out, "<h2>");
      append_escaped (out, section->heading);
      g_string_append (out, "</h2>\n");
      if (section->type == TB_SECTION_TABLE)
        {
          const TbTableSpec *t = section->table;
          guint row = G_MAXUINT;

          g_string_append (out, "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n");
          for (guint i = 0; i < t->n_items; i++)
            {
              const TbGridItem *it = &t->items[i];
              g_autofree char *text = it->kind == TB_GRID_LABEL ? g_strdup (it->text)
                                                                : cell_text (report, it->cell);

              if (it->row != row)
                {
                  if (row != G_MAXUINT)
                    g_string_append (out, "</tr>\n");
                  /* Rows whose cells all come from spans above still need their <tr>. */
                  for (guint r = row == G_MAXUINT ? 0 : row + 1; r < it->row; r++)
                    g_string_append (out, "<tr></tr>\n");
                  g_string_append (out, "<tr>");
                  row = it->row;
                }
              g_string_append_printf (out, "<td rowspan=\"%u\" colspan=\"%u\"%s>", it->rowspan,
                                      it->colspan,
                                      it->kind == TB_GRID_VALUE ? " align=\"right\"" : "");
              append_escaped (out, text);
              g_string_append (out, "</td>");
            }
          g_string_append (out, "</tr>\n</table>\n");
        }
      else
        {
          g_auto(GStrv) paras = g_strsplit (tb_report_get_text (report, section->id), "\n", -1);

          for (guint i = 0; paras[i] != NULL; i++)
            {
              g_string_append (out, "<p>");
              append_escaped (out, paras[i]);
              g_string_append (out, "</p>\n");
            }
        }
    }
  g_string_append (out, "</body></html>\n");
  return g_string_free (out, FALSE);
}

/* ---- Measuring ------------------------------------------------------------------------- */

typedef struct
{
  double first;       /* ms */
  double layout;      /* warm median, ms */
  double render;      /* warm median, ms */
  double render_min;
  double render_cpu;  /* warm median of the CPU time, ms */
  gsize  size;
} InProcess;

static InProcess
measure_in_process (TbReport *report,
                    gboolean  subset)
{
  g_autoptr(GArray) layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  InProcess m = { 0 };
  double start;

  tb_pdf_set_subset_fonts (subset);
  start = now_ms ();
  pdf = tb_pdf_render (report, NULL, &error);
  m.first = now_ms () - start;
  g_assert_no_error (error);
  m.size = g_bytes_get_size (pdf);

  for (guint i = 0; i < WARM_RUNS; i++)
    {
      g_autoptr(TbLayout) layout = NULL;
      g_autoptr(GBytes) again = NULL;
      double t, cpu;

      start = now_ms ();
      layout = tb_pdf_layout_new (report, NULL);
      t = now_ms () - start;
      g_array_append_val (layout_ms, t);

      start = now_ms ();
      cpu = cpu_now_ms ();
      again = tb_pdf_render (report, NULL, NULL);
      t = now_ms () - start;
      cpu = cpu_now_ms () - cpu;
      g_array_append_val (render_ms, t);
      g_array_append_val (render_cpu, cpu);
      g_assert_true (g_bytes_equal (again, pdf));
    }
  tb_pdf_set_subset_fonts (TRUE);
  m.layout = tb_test_median (layout_ms);
  m.render = tb_test_median (render_ms);
  m.render_min = tb_test_minimum (render_ms);
  m.render_cpu = tb_test_median (render_cpu);
  return m;
}

typedef struct
{
  double median;      /* wall, ms, -1 when not measured */
  double min;
  double cpu;         /* median of user + system, ms */
  long   rss_kb;
} Process;

/* tianbao-cli export-pdf of @draft, PROCESS_RUNS times. @cache: "cold" (a new runtime
 * folder each run), "warm" (one folder, filled by a first run not counted) or "off"
 * (TIANBAO_FONT_SUBSET=0). */
static Process
measure_cli (const char *cli,
             const char *draft,
             const char *dir,
             const char *cache)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = g_build_filename (dir, "cli.pdf", NULL);
  const char *cmd[] = { cli, "export-pdf", draft, "-o", out, NULL };
  Process p = { -1, -1, -1, 0 };

  for (guint i = 0; i <= PROCESS_RUNS; i++)
    {
      g_autofree char *runtime = g_strcmp0 (cache, "cold") == 0
        ? g_strdup_printf ("%s/runtime-cold-%u", dir, i)
        : g_strdup_printf ("%s/runtime-%s", dir, cache);
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_RUNTIME_DIR", runtime, TRUE);
      long r = 0;
      double t, cpu = 0;

      g_mkdir_with_parents (runtime, 0700);
      env = g_strcmp0 (cache, "off") == 0
        ? g_environ_setenv (env, "TIANBAO_FONT_SUBSET", "0", TRUE)
        : g_environ_unsetenv (env, "TIANBAO_FONT_SUBSET");
      t = run_process_env (cmd, env, &cpu, &r);
      if (t < 0)
        return p;
      /* The first run fills the warm cache (and the page cache): not counted. */
      if (i == 0)
        continue;
      g_array_append_val (ms, t);
      g_array_append_val (cpu_ms, cpu);
      p.rss_kb = MAX (p.rss_kb, r);
    }
  p.median = tb_test_median (ms);
  p.min = tb_test_minimum (ms);
  p.cpu = tb_test_median (cpu_ms);
  return p;
}

typedef struct
{
  double median;      /* ms, -1 when not measured */
  double cpu;
  long   rss_kb;
  gsize  size;
} Soffice;

/* soffice --headless --convert-to pdf of @input, SOFFICE_RUNS times (the first creates the
 * profile and is not counted); @pdf_name is the PDF it writes into @dir. */
static Soffice
measure_soffice (const char *soffice,
                 const char *dir,
                 const char *input,
                 const char *pdf_name,
                 const char *what)
{
  g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *pdf = g_build_filename (dir, pdf_name, NULL);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  const char *cmd[] = { soffice, env_arg, "--headless", "--convert-to", "pdf", "--outdir",
                        dir, input, NULL };
  Soffice m = { -1, -1, 0, 0 };
  double first = -1;
  GStatBuf st;

  for (guint i = 0; i < SOFFICE_RUNS; i++)
    {
      long r = 0;
      double cpu = 0;
      double t = run_process (cmd, &cpu, &r);

      if (t < 0)
        break;
      m.rss_kb = MAX (m.rss_kb, r);
      if (i == 0)
        first = t;   /* may create the user profile: reported, not counted */
      else
        {
          g_array_append_val (ms, t);
          g_array_append_val (cpu_ms, cpu);
        }
    }
  if (g_stat (pdf, &st) == 0)
    m.size = st.st_size;
  if (ms->len == 0)
    {
      printf ("soffice failed on the %s: no LibreOffice baseline\n", what);
      return m;
    }
  m.median = tb_test_median (ms);
  m.cpu = tb_test_median (cpu_ms);
  printf ("soffice --headless --convert-to pdf (the same report as %s): first run %.0f ms, "
          "then median (min) of %u %.0f (%.0f) ms, CPU %.0f ms, peak RSS %ld MB, PDF %zu KB\n",
          what, first, ms->len, m.median, tb_test_minimum (ms), m.cpu, m.rss_kb / 1024,
          m.size / 1024);
  return m;
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT met";
}

/* ---- Main ------------------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *html = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  const char *cli = g_getenv ("TIANBAO_CLI");
  struct rusage usage;
  InProcess on, off;
  Soffice lo_docx = { -1, -1, 0, 0 };
  Process cold = { -1 }, warm = { -1 }, whole = { -1 };
  gsize sample_on, sample_off, lo_size = 0;
  double lo = -1, lo_cpu = -1;
  long soffice_rss = 0;
  guint pages;

  setlocale (LC_ALL, "C.UTF-8");

  /* The subset cache of this process starts empty: the first export makes the subsets. */
  dir = g_dir_make_tmp ("bench-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  runtime = g_build_filename (dir, "runtime", NULL);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_unsetenv ("TIANBAO_FONT_SUBSET");

  /* A full report: every cell filled (non-zero), with the long texts of a published report. */
  report = tb_test_make_full_2021 ();
  sample = tb_test_make_sample_2020 ();
  tb_report_set_text (report, "s1", tb_report_get_text (sample, "s1"));
  tb_report_set_text (report, "s5", tb_report_get_text (sample, "s5"));

  /* TB_BENCH_PDF_PROFILE=N: N warm exports in process and nothing else, to run under
   * `perf record` (see the figures in issue 13's report). */
  if (g_getenv ("TB_BENCH_PDF_PROFILE") != NULL)
    {
      guint n = (guint) g_ascii_strtoull (g_getenv ("TB_BENCH_PDF_PROFILE"), NULL, 10);
      g_autoptr(GBytes) first = tb_pdf_render (report, NULL, NULL);
      double start = now_ms (), cpu = cpu_now_ms ();

      for (guint i = 0; i < n; i++)
        g_bytes_unref (tb_pdf_render (report, NULL, NULL));
      printf ("%u warm exports: %.2f ms wall, %.2f ms CPU each\n", n,
              (now_ms () - start) / MAX (n, 1), (cpu_now_ms () - cpu) / MAX (n, 1));
      start = now_ms ();
      cpu = cpu_now_ms ();
      for (guint i = 0; i < n; i++)
        g_object_unref (tb_pdf_layout_new (report, NULL));
      printf ("%u warm layouts alone: %.2f ms wall, %.2f ms CPU each\n", n,
              (now_ms () - start) / MAX (n, 1), (cpu_now_ms () - cpu) / MAX (n, 1));
      return 0;
    }

  on = measure_in_process (report, TRUE);
  off = measure_in_process (report, FALSE);
  getrusage (RUSAGE_SELF, &usage);
  {
    g_autoptr(TbLayout) layout = tb_pdf_layout_new (report, NULL);

    pages = tb_layout_get_n_pages (layout);
  }
  {
    const char *root = g_getenv ("TIANBAO_SOURCE_ROOT");
    g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "samples",
                                              "yanchi-audit-2020.tianbao", NULL);
    g_autoptr(TbReport) bundled = tb_draft_load (path, &error);
    g_autoptr(GBytes) a = NULL;
    g_autoptr(GBytes) b = NULL;

    g_assert_no_error (error);
    a = tb_pdf_render (bundled, NULL, NULL);
    tb_pdf_set_subset_fonts (FALSE);
    b = tb_pdf_render (bundled, NULL, NULL);
    tb_pdf_set_subset_fonts (TRUE);
    sample_on = g_bytes_get_size (a);
    sample_off = g_bytes_get_size (b);
  }

  printf ("sample report (data/samples, 盐池县审计局 2020, 6 pages): PDF %zu bytes with subset "
          "fonts, %zu bytes with the whole fonts\n", sample_on, sample_off);
  printf ("benchmark report (2021, %u pages): PDF %zu KB with subset fonts, %zu KB with the "
          "whole fonts\n", pages, on.size / 1024, off.size / 1024);
  printf ("in process, subset fonts: first export %.1f ms (fontconfig, subsets made); warm, "
          "median of %u: layout %.1f ms, layout + PDF %.1f (min %.1f, CPU %.1f) ms\n", on.first,
          WARM_RUNS, on.layout, on.render, on.render_min, on.render_cpu);
  printf ("in process, whole fonts:  first export %.1f ms (fonts loaded); warm, median of %u: "
          "layout %.1f ms, layout + PDF %.1f (min %.1f, CPU %.1f) ms\n", off.first, WARM_RUNS,
          off.layout, off.render, off.render_min, off.render_cpu);
  printf ("  peak RSS of this process %ld MB\n", usage.ru_maxrss / 1024);

  draft = g_build_filename (dir, "report.tianbao", NULL);
  g_assert_true (tb_draft_save (report, draft, &error));

  if (cli != NULL)
    {
      cold = measure_cli (cli, draft, dir, "cold");
      warm = measure_cli (cli, draft, dir, "warm");
      whole = measure_cli (cli, draft, dir, "off");
      printf ("tianbao-cli export-pdf, a new process each time, median (min) of %u:\n",
              PROCESS_RUNS);
      printf ("  subset fonts, cache cold: %.1f (%.1f) ms, CPU %.1f ms, peak RSS %ld MB\n",
              cold.median, cold.min, cold.cpu, cold.rss_kb / 1024);
      printf ("  subset fonts, cache warm: %.1f (%.1f) ms, CPU %.1f ms, peak RSS %ld MB\n",
              warm.median, warm.min, warm.cpu, warm.rss_kb / 1024);
      printf ("  whole fonts:              %.1f (%.1f) ms, CPU %.1f ms, peak RSS %ld MB\n",
              whole.median, whole.min, whole.cpu, whole.rss_kb / 1024);
    }
  else
    printf ("TIANBAO_CLI not set: process timing skipped\n");

  if (soffice == NULL)
    printf ("soffice not installed: no LibreOffice baseline\n");
  else
    {
      /* The baseline: the same report as our Word document (what a clerk would otherwise
       * convert), and as a web page for comparison. */
      g_autoptr(GBytes) docx = tb_docx_write (report, 0, &error);
      g_autofree char *docx_path = g_build_filename (dir, "report-lo.docx", NULL);
      Soffice from_html;

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (docx_path, g_bytes_get_data (docx, NULL),
                                          g_bytes_get_size (docx), NULL));
      html = report_html (report);
      html_path = g_build_filename (dir, "report-lo.html", NULL);
      g_assert_true (g_file_set_contents (html_path, html, -1, NULL));
      lo_docx = measure_soffice (soffice, dir, docx_path, "report-lo.pdf", "Word document");
      from_html = measure_soffice (soffice, dir, html_path, "report-lo.pdf", "HTML");
      if (lo_docx.median > 0)
        {
          lo = lo_docx.median;
          lo_cpu = lo_docx.cpu;
          soffice_rss = lo_docx.rss_kb;
          lo_size = lo_docx.size;
        }
      else if (from_html.median > 0)
        {
          lo = from_html.median;
          lo_cpu = from_html.cpu;
          soffice_rss = from_html.rss_kb;
          lo_size = from_html.size;
        }
    }

  {
    g_autofree char *load = NULL;

    /* Wall times mean little on a busy machine: say how busy it was. */
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      {
        g_auto(GStrv) fields = g_strsplit (load, " ", 4);

        if (g_strv_length (fields) >= 3)
          printf ("load average at the end (1, 5, 15 min): %s %s %s on %d CPUs\n", fields[0],
                  fields[1], fields[2], g_get_num_processors ());
      }
  }
  printf ("targets (issue 13):\n");
  printf ("  sample PDF <= 120 KB (120,000 bytes): %zu bytes (whole fonts %zu, %.2f of it): %s\n",
          sample_on, sample_off, (double) sample_on / sample_off,
          verdict (sample_on <= 120 * 1000));
  if (lo > 0)
    {
      printf ("  PDF <= LibreOffice's (same report):   %zu KB / %zu KB = %.2f (whole fonts %.2f): %s\n",
              on.size / 1024, lo_size / 1024, (double) on.size / lo_size,
              (double) off.size / lo_size, verdict (on.size <= lo_size));
      if (warm.median > 0)
        {
          printf ("  process >= 20x faster than LO:        wall %.1fx cache warm, %.1fx cache "
                  "cold (whole fonts %.1fx): %s\n", lo / warm.median, lo / cold.median,
                  lo / whole.median, verdict (lo / cold.median >= 20));
          printf ("    (CPU time, steadier on a busy machine: %.1fx warm, %.1fx cold, whole "
                  "fonts %.1fx)\n", lo_cpu / warm.cpu, lo_cpu / cold.cpu, lo_cpu / whole.cpu);
          printf ("  peak RSS <= 1/3 of LibreOffice's:     %.2f cache warm, %.2f cache cold "
                  "(whole fonts %.2f): %s\n", (double) warm.rss_kb / soffice_rss,
                  (double) cold.rss_kb / soffice_rss, (double) whole.rss_kb / soffice_rss,
                  verdict (cold.rss_kb * 3 <= soffice_rss));
        }
    }
  printf ("  in-process export <= 20 ms warm:      %.1f ms, CPU %.1f ms (whole fonts %.1f ms): "
          "%s\n", on.render, on.render_cpu, off.render, verdict (on.render <= 20));

  /* Clean up the temporary folder (LibreOffice's profile is a tree); TB_BENCH_KEEP=1 keeps
   * it to look at both PDFs. */
  if (g_getenv ("TB_BENCH_KEEP") != NULL)
    printf ("kept %s\n", dir);
  else
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    double cpu;
    long r;

    run_process (rm, &cpu, &r);
  }
  return 0;
}
