/* bench-pdf.c: how long a PDF export takes, against LibreOffice converting the same report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (the PDF issue): a full report exported in under 200 ms, at least 10× faster than
 * LibreOffice. Measured here, in one run:
 *   - in process: tb_layout_new() alone and tb_pdf_render() (layout + cairo PDF), medians of
 *     warm runs, and the first (cold) export, which loads fontconfig and the fonts;
 *   - as a user runs it: `tianbao-cli export-pdf` as a new process each time (median wall
 *     time and peak RSS from wait4);
 *   - the baseline: `soffice --headless --convert-to pdf` on an HTML file with the same
 *     title, texts and tables (merged cells included), first run and warm median, and the
 *     ratio. Without LibreOffice it says "soffice not installed".
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

#include "tb-draft.h"
#include "tb-layout.h"
#include "tb-pdf.h"

#include "tb-test-util.h"

#define WARM_RUNS    15
#define PROCESS_RUNS 7
#define SOFFICE_RUNS 4

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Runs @argv as a child; returns the wall time in ms and sets @max_rss_kb, or -1. */
static double
run_process (const char *const *argv,
             long               *max_rss_kb)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;
  double start = now_ms ();

  if (!g_spawn_async (NULL, (char **) argv, NULL,
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
  *max_rss_kb = usage.ru_maxrss;
  return now_ms () - start;
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

/* ---- Main ------------------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) sample = NULL;
  g_autoptr(GArray) layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cli_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) soffice_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *out_pdf = NULL;
  g_autofree char *html = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  const char *cli = g_getenv ("TIANBAO_CLI");
  struct rusage usage;
  double start, cold, cli_med = -1;
  long rss = 0, cli_rss = 0, soffice_rss = 0;
  guint pages;

  setlocale (LC_ALL, "C.UTF-8");

  /* A full report: every cell filled (non-zero), with the long texts of a published report. */
  report = tb_test_make_full_2021 ();
  sample = tb_test_make_sample_2020 ();
  tb_report_set_text (report, "s1", tb_report_get_text (sample, "s1"));
  tb_report_set_text (report, "s5", tb_report_get_text (sample, "s5"));

  start = now_ms ();
  pdf = tb_pdf_render (report, NULL, &error);
  cold = now_ms () - start;
  g_assert_no_error (error);

  for (guint i = 0; i < WARM_RUNS; i++)
    {
      g_autoptr(TbLayout) layout = NULL;
      g_autoptr(GBytes) again = NULL;
      double t;

      start = now_ms ();
      layout = tb_layout_new (report, NULL);
      t = now_ms () - start;
      g_array_append_val (layout_ms, t);
      pages = tb_layout_get_n_pages (layout);

      start = now_ms ();
      again = tb_pdf_render (report, NULL, NULL);
      t = now_ms () - start;
      g_array_append_val (render_ms, t);
      g_assert_true (g_bytes_equal (again, pdf));
    }
  getrusage (RUSAGE_SELF, &usage);
  rss = usage.ru_maxrss;

  printf ("report: %u pages, %zu KB of PDF\n", pages, g_bytes_get_size (pdf) / 1024);
  printf ("in process: first export %.1f ms (loads fontconfig and the fonts); warm, median "
          "(min) of %u: layout %.1f (%.1f) ms, layout + PDF %.1f (%.1f) ms; peak RSS %ld MB\n",
          cold, WARM_RUNS, tb_test_median (layout_ms), tb_test_minimum (layout_ms),
          tb_test_median (render_ms), tb_test_minimum (render_ms), rss / 1024);

  dir = g_dir_make_tmp ("bench-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  draft = g_build_filename (dir, "report.tianbao", NULL);
  out_pdf = g_build_filename (dir, "report.pdf", NULL);
  g_assert_true (tb_draft_save (report, draft, &error));

  if (cli != NULL)
    {
      const char *cmd[] = { cli, "export-pdf", draft, "-o", out_pdf, NULL };

      for (guint i = 0; i < PROCESS_RUNS; i++)
        {
          long r = 0;
          double t = run_process (cmd, &r);

          if (t < 0)
            break;
          g_array_append_val (cli_ms, t);
          cli_rss = MAX (cli_rss, r);
        }
      if (cli_ms->len > 0)
        {
          cli_med = tb_test_median (cli_ms);
          printf ("tianbao-cli export-pdf (a new process each time): median (min) of %u "
                  "%.1f (%.1f) ms, peak RSS %ld MB\n", cli_ms->len, cli_med,
                  tb_test_minimum (cli_ms), cli_rss / 1024);
        }
    }
  else
    printf ("TIANBAO_CLI not set: process timing skipped\n");

  if (soffice == NULL)
    printf ("soffice not installed: no LibreOffice baseline\n");
  else
    {
      g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
      g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
      g_autofree char *env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
      const char *cmd[] = { soffice, env_arg, "--headless", "--convert-to", "pdf", "--outdir",
                            dir, NULL, NULL };
      double first = -1;

      html = report_html (report);
      html_path = g_build_filename (dir, "report-lo.html", NULL);
      g_assert_true (g_file_set_contents (html_path, html, -1, NULL));
      cmd[7] = html_path;

      for (guint i = 0; i < SOFFICE_RUNS; i++)
        {
          long r = 0;
          double t = run_process (cmd, &r);

          if (t < 0)
            break;
          soffice_rss = MAX (soffice_rss, r);
          if (i == 0)
            first = t;   /* creates the user profile: reported, not counted */
          else
            g_array_append_val (soffice_ms, t);
        }
      if (soffice_ms->len > 0)
        {
          double lo = tb_test_median (soffice_ms);

          printf ("soffice --headless --convert-to pdf (the same report as HTML): first run "
                  "%.0f ms, then median (min) of %u %.0f (%.0f) ms, peak RSS %ld MB\n", first,
                  soffice_ms->len, lo, tb_test_minimum (soffice_ms), soffice_rss / 1024);
          printf ("ratio soffice / tianbao: %.1f× (process against process), "
                  "%.1f× (against the in-process export)\n",
                  cli_med > 0 ? lo / cli_med : 0.0, lo / tb_test_median (render_ms));
        }
      else
        printf ("soffice failed: no LibreOffice baseline\n");
    }

  /* Clean up the temporary folder (LibreOffice's profile is a tree); TB_BENCH_KEEP=1 keeps
   * it to look at both PDFs. */
  if (g_getenv ("TB_BENCH_KEEP") != NULL)
    printf ("kept %s\n", dir);
  else
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    long r;

    run_process (rm, &r);
  }
  return 0;
}
