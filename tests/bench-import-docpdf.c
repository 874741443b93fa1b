/* bench-import-docpdf.c: how long reading and importing a Word or PDF report takes
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (the import issue): a report imported in at most 20 ms from Word, 100 ms from
 * PDF; hostile input refused or read in under a second. Measured here, in one run, medians
 * of warm runs on the fixtures of tests/data/import/:
 *   - the reader alone (tb_docx_read, tb_pdf_read) and the whole import (tb_import_read);
 *   - the baseline, what any reader must do at least: for Word, unzipping the package and
 *     parsing word/document.xml with libxml2; for PDF, opening it with poppler and taking
 *     every page's text and character boxes (no lines, tables or paragraphs rebuilt). The
 *     ratio says what rebuilding the document costs on top;
 *   - hostile input, once each: a zip bomb, tables nested 10,000 deep, a PDF of 230 pages.
 * Wall and processor times are both given: on a busy machine the wall time is inflated.
 * A benchmark, not a test: nothing here fails on time.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <libxml/parser.h>
#include <locale.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tb-docx-reader.h"
#include "tb-import.h"
#include "tb-pdf-reader.h"
#include "tb-zip.h"

#define RUNS 15

typedef void (*Job) (GBytes *data);

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Processor time of this process: what the machine's other load does not inflate. */
static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double wall, cpu;   /* medians, ms */
} Timing;

/* The medians of @runs warm runs of @job (after one cold run). */
static Timing
measure (Job     job,
         GBytes *data,
         guint   runs)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  Timing t;

  job (data);
  for (guint i = 0; i < runs; i++)
    {
      double w0 = now_ms (), c0 = cpu_ms (), w, c;

      job (data);
      w = now_ms () - w0;
      c = cpu_ms () - c0;
      g_array_append_val (wall, w);
      g_array_append_val (cpu, c);
    }
  g_array_sort (wall, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  t.wall = g_array_index (wall, double, wall->len / 2);
  t.cpu = g_array_index (cpu, double, cpu->len / 2);
  return t;
}

static void
print_line (const char *kind,
            const char *base_name,
            Timing      base,
            Timing      read,
            Timing      import,
            double      target)
{
  printf ("  %-5s %-13s %6.2f ms | read %6.2f ms (%.2f×) | import %6.2f ms (%.2f×) | "
          "processor time: %.2f / %.2f / %.2f ms  %s\n",
          kind, base_name, base.wall, read.wall, read.wall / base.wall, import.wall,
          import.wall / base.wall, base.cpu, read.cpu, import.cpu,
          import.cpu <= target ? "within target" : "OVER TARGET");
}

static GBytes *
fixture (const char *file)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir != NULL ? srcdir : "tests", "data", "import",
                                            file, NULL);
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    g_error ("cannot read %s", path);
  return g_bytes_new_take (data, len);
}

/* ---- Jobs ----------------------------------------------------------------------------- */

static void
job_docx (GBytes *data)
{
  g_autoptr(TbSource) source = tb_docx_read (data, NULL);

  g_assert_nonnull (source);
}

static void
job_pdf (GBytes *data)
{
  g_autoptr(TbSource) source = tb_pdf_read (data, NULL);

  g_assert_nonnull (source);
}

static void
job_import (GBytes *data)
{
  g_autoptr(TbReport) report = tb_import_read (data, NULL, NULL, NULL, NULL);

  g_assert_nonnull (report);
}

static void
job_unzip_parse (GBytes *data)
{
  g_autoptr(TbZip) zip = tb_zip_read (data, NULL, NULL);
  GBytes *part = tb_zip_get (zip, "word/document.xml");
  gsize len;
  const char *xml = g_bytes_get_data (part, &len);
  xmlDoc *doc = xmlReadMemory (xml, (int) len, "document.xml", NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  xmlFreeDoc (doc);
}

static void
job_poppler_text (GBytes *data)
{
  PopplerDocument *doc = poppler_document_new_from_bytes (data, NULL, NULL);
  int n = poppler_document_get_n_pages (doc);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;

      poppler_page_get_text_layout (page, &rects, &n_rects);
      g_object_unref (page);
    }
  g_object_unref (doc);
}

/* ---- Hostile input -------------------------------------------------------------------- */

static GBytes *
docx_with (const char *document,
           gsize       len)
{
  g_autoptr(TbZipWriter) writer = tb_zip_writer_new ();
  g_autoptr(GBytes) part = g_bytes_new (document, len);

  tb_zip_writer_add (writer, "word/document.xml", part);
  return tb_zip_writer_finish (writer, NULL);
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
long_pdf (guint pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_to_array, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint p = 0; p < pages; p++)
    {
      for (guint l = 0; l < 40; l++)
        {
          cairo_move_to (cr, 60, 60 + 18 * l);
          cairo_show_text (cr, "1   2   3   4   5   6   7   8   9   10   11   12   13");
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
hostile (const char *what,
         GBytes     *data,
         gboolean    pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = NULL;
  double start = now_ms (), cpu_start = cpu_ms ();

  source = pdf ? tb_pdf_read (data, &error) : tb_docx_read (data, &error);
  printf ("  %-40s %8.1f ms (processor %7.1f ms)  %s\n", what, now_ms () - start,
          cpu_ms () - cpu_start, source != NULL ? "read" : error->message);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const names[] = { "yanchi-2020", "qingyuan-2021" };
  g_autofree char *bomb_xml = NULL;
  g_autoptr(GString) deep = g_string_new ("<w:document xmlns:w=\"http://schemas.openxmlformats.org"
                                          "/wordprocessingml/2006/main\"><w:body>");
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GBytes) deep_docx = NULL;
  g_autoptr(GBytes) pages = NULL;

  setlocale (LC_ALL, "");

  printf ("Word and PDF import, medians of %u warm runs: the baseline, the reader, the whole\n"
          "import (× the baseline); then the same as processor time, which the machine's other\n"
          "load does not inflate (target for the import: Word ≤ 20 ms, PDF ≤ 100 ms)\n", RUNS);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *docx_name = g_strconcat (names[i], ".docx", NULL);
      g_autofree char *pdf_name = g_strconcat (names[i], ".pdf", NULL);
      g_autoptr(GBytes) docx = fixture (docx_name);
      g_autoptr(GBytes) pdf = fixture (pdf_name);
      Timing d_base = measure (job_unzip_parse, docx, RUNS);
      Timing d_read = measure (job_docx, docx, RUNS);
      Timing d_import = measure (job_import, docx, RUNS);
      Timing p_base = measure (job_poppler_text, pdf, RUNS);
      Timing p_read = measure (job_pdf, pdf, RUNS);
      Timing p_import = measure (job_import, pdf, RUNS);

      printf ("%s\n", names[i]);
      print_line ("Word:", "unzip + parse", d_base, d_read, d_import, 20);
      print_line ("PDF:", "poppler text", p_base, p_read, p_import, 100);
    }

  printf ("Hostile input (once each; target: under a second)\n");
  bomb_xml = g_malloc (64 * 1024 * 1024);
  memset (bomb_xml, ' ', 64 * 1024 * 1024);
  bomb = docx_with (bomb_xml, 64 * 1024 * 1024);
  g_clear_pointer (&bomb_xml, g_free);
  hostile ("zip bomb (64 MiB of spaces)", bomb, FALSE);
  for (guint i = 0; i < 10000; i++)
    g_string_append (deep, "<w:tbl><w:tr><w:tc>");
  deep_docx = docx_with (deep->str, deep->len);
  hostile ("tables nested 10,000 deep", deep_docx, FALSE);
  pages = long_pdf (230);
  hostile ("PDF of 230 pages of numbers in columns", pages, TRUE);
  return 0;
}
