/* bench-export.c: how long the web page and Word exports take, against a baseline and
 * LibreOffice in the same run
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (the publish issue): export-html and export-docx ≤ 10 ms each in process, and a
 * fresh tianbao-cli process ≤ 1/20 of LibreOffice converting the same report. Measured here,
 * for the sample report and a full 2021 report with long texts:
 *   - in process, medians (min) of warm runs: tb_html_write() (page and fragment) and
 *     tb_docx_write(); the first call is reported apart;
 *   - the baseline, same run: tb_draft_serialize() of the same report (the XML the app saves
 *     all the time), and the ratio of each export to it;
 *   - as a user runs it: `tianbao-cli export-html` and `tianbao-cli export-docx` of the
 *     report saved as a draft, a new process each time (median and min of PROCESS_RUNS,
 *     after one run not counted that fills the page cache);
 *   - LibreOffice doing the same conversions on the same report, median of SOFFICE_RUNS after
 *     a first run that makes its profile: `soffice --convert-to html` of our .docx (a web
 *     page from the document) and `--convert-to docx` of our .html (a Word document from the
 *     page); the ratios LibreOffice / tianbao-cli (target ≥ 20: a fresh tianbao-cli process
 *     takes at most 1/20 of LibreOffice's time) and LibreOffice / in process.
 * A benchmark, not a test: nothing here fails on time.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-html-writer.h"

#include "tb-test-util.h"

#define WARM_RUNS 60
#define PROCESS_RUNS 15
#define SOFFICE_RUNS 3

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Runs @argv; the wall time in ms, or -1. */
static double
run_process (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  double start = now_ms ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      fprintf (stderr, "%s failed%s%s\n", argv[0], error ? ": " : "",
               error ? error->message : "");
      return -1;
    }
  return now_ms () - start;
}

typedef GBytes *(*Export) (TbReport *report);

static GBytes *
export_page (TbReport *report)
{
  return tb_html_write (report, TB_HTML_DEFAULT);
}

static GBytes *
export_fragment (TbReport *report)
{
  return tb_html_write (report, TB_HTML_FRAGMENT);
}

static GBytes *
export_docx (TbReport *report)
{
  return tb_docx_write (report, TB_DOCX_DEFAULT, NULL);
}

static GBytes *
serialize (TbReport *report)
{
  return tb_draft_serialize (report);
}

/* Median of @runs warm calls; @size gets the output size, @first the first call. */
static double
time_export (Export    fn,
             TbReport *report,
             gsize    *size,
             double   *first,
             double   *min)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  double start = now_ms ();
  g_autoptr(GBytes) out = fn (report);

  *first = now_ms () - start;
  g_assert_nonnull (out);
  *size = g_bytes_get_size (out);
  for (guint i = 0; i < WARM_RUNS; i++)
    {
      g_autoptr(GBytes) again = NULL;
      double t;

      start = now_ms ();
      again = fn (report);
      t = now_ms () - start;
      g_array_append_val (ms, t);
      g_assert_true (g_bytes_equal (again, out));
    }
  *min = tb_test_minimum (ms);
  return tb_test_median (ms);
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* The median wall time in ms of @runs runs of @argv (-1 if one failed); @min gets the
 * fastest. */
static double
time_process (const char *const *argv,
              guint              runs,
              double            *min)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      double t = run_process (argv);

      if (t < 0)
        return -1;
      g_array_append_val (ms, t);
    }
  *min = tb_test_minimum (ms);
  return tb_test_median (ms);
}

/* LibreOffice converting @input to @format, @runs times (after a first run made the
 * profile); the median wall time in ms, or -1. */
static double
soffice_convert (const char *soffice,
                 const char *dir,
                 const char *input,
                 const char *format,
                 guint       runs)
{
  g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *outdir = g_build_filename (dir, format, NULL);
  const char *cmd[] = { soffice, env_arg, "--headless", "--convert-to", format, "--outdir",
                        outdir, input, NULL };
  double min;

  return time_process (cmd, runs, &min);
}

/* `tianbao-cli COMMAND DRAFT -o OUT` (--force: it replaces its output; --draft: the same
 * work for a report that is not ready), a new process each time: the median wall time in
 * ms of PROCESS_RUNS after one not counted, or -1. */
static double
cli_export (const char *cli,
            const char *command,
            const char *draft,
            const char *out,
            double     *min)
{
  const char *cmd[] = { cli, command, draft, "-o", out, "--force", "--draft", NULL };

  if (run_process (cmd) < 0)
    return -1;
  return time_process (cmd, PROCESS_RUNS, min);
}

static void
bench_report (const char *name,
              TbReport   *report,
              const char *soffice)
{
  static const struct { const char *what; Export fn; } exports[] = {
    { "export-html (page)", export_page },
    { "export-html --fragment", export_fragment },
    { "export-docx", export_docx },
  };
  double base, base_min, first, min, medians[G_N_ELEMENTS (exports)];
  gsize size;

  base = time_export (serialize, report, &size, &first, &base_min);
  printf ("%s: baseline tb_draft_serialize: median (min) of %u %.3f (%.3f) ms, %zu KB\n", name,
          WARM_RUNS, base, base_min, size / 1024);
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      medians[i] = time_export (exports[i].fn, report, &size, &first, &min);
      printf ("%s: %s: median (min) of %u %.3f (%.3f) ms, first %.3f ms, %zu KB; "
              "%.2f× the baseline; target ≤ 10 ms: %s\n", name, exports[i].what, WARM_RUNS,
              medians[i], min, first, size / 1024, medians[i] / base,
              medians[i] <= 10.0 ? "met" : "NOT MET");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
    g_autofree char *draft = g_build_filename (dir, "report.tianbao", NULL);
    g_autofree char *docx_path = g_build_filename (dir, "report.docx", NULL);
    g_autofree char *html_path = g_build_filename (dir, "report.html", NULL);
    const char *cli = g_getenv ("TIANBAO_CLI");
    const char *rm[] = { "rm", "-rf", dir, NULL };
    double cli_html = -1, cli_docx = -1, min_html = -1, min_docx = -1;

    g_assert_no_error (error);
    g_assert_true (tb_draft_save (report, draft, &error));
    g_assert_no_error (error);
    if (cli != NULL)
      {
        cli_html = cli_export (cli, "export-html", draft, html_path, &min_html);
        cli_docx = cli_export (cli, "export-docx", draft, docx_path, &min_docx);
        printf ("%s: tianbao-cli, a new process each time, median (min) of %u: export-html "
                "%.1f (%.1f) ms, export-docx %.1f (%.1f) ms\n", name, PROCESS_RUNS, cli_html,
                min_html, cli_docx, min_docx);
      }
    else
      printf ("%s: TIANBAO_CLI not set: no process timing\n", name);

    if (soffice == NULL)
      printf ("%s: soffice not installed: no LibreOffice baseline\n", name);
    else
      {
        g_autoptr(GBytes) docx = export_docx (report);
        g_autoptr(GBytes) html = export_page (report);
        double profile, to_html, to_docx;

        write_file (docx_path, docx);
        write_file (html_path, html);
        profile = soffice_convert (soffice, dir, docx_path, "pdf", 1);
        to_html = soffice_convert (soffice, dir, docx_path, "html", SOFFICE_RUNS);
        to_docx = soffice_convert (soffice, dir, html_path, "docx", SOFFICE_RUNS);
        printf ("%s: soffice (first run, makes its profile: %.0f ms) then, median of %u: "
                ".docx → .html %.0f ms, .html → .docx %.0f ms\n", name, profile, SOFFICE_RUNS,
                to_html, to_docx);
        if (to_html > 0 && to_docx > 0)
          printf ("%s: ratio LibreOffice / Tianbao in process: web page %.0f×, Word %.0f×\n",
                  name, to_html / medians[0], to_docx / medians[2]);
        if (to_html > 0 && to_docx > 0 && cli_html > 0 && cli_docx > 0)
          printf ("%s: ratio LibreOffice / a fresh tianbao-cli process: web page %.1f×, "
                  "Word %.1f×; target ≥ 20× (≤ 1/20 of LibreOffice): %s\n", name,
                  to_html / cli_html, to_docx / cli_docx,
                  to_html / cli_html >= 20 && to_docx / cli_docx >= 20 ? "met" : "NOT MET");
      }
    run_process (rm);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TbReport) full = NULL;
  g_autoptr(TbReport) sample = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  struct rusage usage;

  setlocale (LC_ALL, "C.UTF-8");

  /* The sample (format 2019, the published texts) and a full 2021 report with the same long
   * texts and every cell filled. */
  sample = tb_test_make_sample_2020 ();
  full = tb_test_make_full_2021 ();
  tb_report_set_text (full, "s1", tb_report_get_text (sample, "s1"));
  tb_report_set_text (full, "s5", tb_report_get_text (sample, "s5"));

  bench_report ("sample 2020", sample, soffice);
  bench_report ("full 2021", full, soffice);
  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS of this process %ld MB\n", usage.ru_maxrss / 1024);
  return 0;
}
