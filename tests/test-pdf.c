/* test-pdf.c: tests for the page layout and the PDF export (checked with poppler tools)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDFs are checked the way a reader sees them: pdftotext (every heading, label and
 * number, in order), pdffonts (only embedded fonts), pdfinfo (pages, title, author) and
 * pdftoppm rasters (every glyph has ink; cairo 1.16 drops 如 of Noto Sans CJK SC Regular).
 */

#define G_LOG_DOMAIN "test-pdf"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/wait.h>

#include "tb-draft.h"
#include "tb-field.h"
#include "tb-layout-private.h"
#include "tb-pdf.h"
#include "tb-readiness.h"
#include "tb-rules.h"
#include "tb-value.h"

#include "tb-test-util.h"

/* Page counts checked by eye on the rendered pages (see the report of the PDF work). */
#define FULL_2021_PAGES   5
#define SAMPLE_2020_PAGES 6

/* ---- Tools ------------------------------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *path;
} TmpPdf;

static void
tmp_pdf_free (TmpPdf *tmp)
{
  g_autoptr(GDir) dir = g_dir_open (tmp->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (tmp->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (tmp->dir);
  g_free (tmp->dir);
  g_free (tmp->path);
  g_free (tmp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmpPdf, tmp_pdf_free)

static TmpPdf *
export_tmp (TbReport              *report,
            const TbLayoutOptions *options)
{
  TmpPdf *tmp = g_new0 (TmpPdf, 1);
  g_autoptr(GError) error = NULL;

  tmp->dir = g_dir_make_tmp ("test-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  tmp->path = g_build_filename (tmp->dir, "report.pdf", NULL);
  g_assert_true (tb_pdf_export (report, options, tmp->path, &error));
  g_assert_no_error (error);

  /* For looking at the output: TB_TEST_PDF_KEEP=DIR keeps a copy of every export. */
  if (g_getenv ("TB_TEST_PDF_KEEP") != NULL)
    {
      static guint serial = 0;
      g_autofree char *name = g_strdup_printf ("%s-%02u.pdf", g_test_get_path () + 1, serial++);
      g_autofree char *keep = NULL;
      g_autofree char *data = NULL;
      gsize len;

      g_strdelimit (name, "/", '_');
      keep = g_build_filename (g_getenv ("TB_TEST_PDF_KEEP"), name, NULL);
      g_assert_true (g_file_get_contents (tmp->path, &data, &len, NULL));
      g_assert_true (g_file_set_contents (keep, data, len, NULL));
    }
  return tmp;
}

/* The text as pdftotext gives it, page furniture included. */
static char *
pdf_raw_text (const char *path,
              int         page)
{
  g_autofree char *page_s = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char *one[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", page_s, "-l", page_s,
                        path, "-", NULL };

  return tb_test_run_tool (page > 0 ? one : all);
}

static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *raw = pdf_raw_text (path, page);
  g_auto(GStrv) lines = g_strsplit (raw, "\n", -1);
  GString *text = g_string_new (NULL);

  /* Drop the page furniture (page numbers, draft line) that interrupts a paragraph
   * continued on the next page; keep form feeds between pages. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean ff = line[0] == '\f';

      if (ff)
        g_string_append_c (text, '\f');
      line += ff;
      if (g_regex_match_simple ("^— [0-9]+ —$", line, 0, 0) || g_str_has_prefix (line, "草稿："))
        continue;
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_digitish (char c)
{
  return g_ascii_isdigit (c) || c == '.';
}

/* Finds @needle in @hay from @pos on. Labels may be wrapped, so white space in @hay is
 * skipped between the characters of @needle (and @needle's own spaces are ignored);
 * numbers must stand alone. Returns the offset after the match, or -1. */
static gssize
find_from (const char *hay,
           gsize       pos,
           const char *needle)
{
  gboolean number = needle[0] != '\0' && strspn (needle, "0123456789.-元") == strlen (needle);
  gsize hay_len = strlen (hay);

  for (gsize start = pos; start < hay_len; start++)
    {
      const char *h = hay + start;
      const char *n = needle;

      if (number && start > 0 && is_digitish (hay[start - 1]))
        continue;
      while (*n != '\0' && *h != '\0')
        {
          if (*n == ' ')
            {
              n++;
              continue;
            }
          if (!number && h != hay + start && g_ascii_isspace (*h))
            {
              h++;
              continue;
            }
          if (*h != *n)
            break;
          h++;
          n++;
        }
      while (*n == ' ')
        n++;
      if (*n == '\0' && !(number && is_digitish (*h)))
        return h - hay;
    }
  return -1;
}

/* Asserts that every string of @expected occurs in @text in this order. */
static void
assert_in_order (const char *text,
                 GPtrArray  *expected)
{
  gsize pos = 0;

  for (guint i = 0; i < expected->len; i++)
    {
      const char *needle = g_ptr_array_index (expected, i);
      gssize end = find_from (text, pos, needle);

      if (end < 0)
        {
          g_autofree char *context = g_strndup (text + pos, MIN (strlen (text + pos), 300));

          g_error ("\"%s\" (item %u) not found in order; text from there: %s", needle, i,
                   context);
        }
      pos = end;
    }
}

/* What a reader must find, in reading order: title, preface, headings, paragraphs, every
 * table label and value in grid order. */
static GPtrArray *
expected_strings (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *period = g_strdup_printf ("本报告中所列数据的统计期限为%d年1月1日至12月31日。",
                                             tb_report_get_year (report));

  g_ptr_array_add (out, tb_report_dup_title (report));
  g_ptr_array_add (out, g_strdup ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条的规定"));
  g_ptr_array_add (out, g_steal_pointer (&period));

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      g_ptr_array_add (out, g_strdup (section->heading));
      if (section->type == TB_SECTION_TABLE)
        {
          const TbTableSpec *t = section->table;

          for (guint i = 0; i < t->n_items; i++)
            {
              const TbGridItem *it = &t->items[i];

              if (it->kind == TB_GRID_LABEL)
                g_ptr_array_add (out, g_strdup (it->text));
              else
                {
                  char *text = tb_report_dup_cell_text (report, it->cell);

                  g_assert_nonnull (text);
                  g_ptr_array_add (out, text);
                }
            }
        }
      else
        {
          g_auto(GStrv) paras = g_strsplit (tb_report_get_text (report, section->id), "\n", -1);

          for (guint i = 0; paras[i] != NULL; i++)
            {
              GString *p = g_string_new (g_strstrip (paras[i]));

              /* The exporter prints the marker (一) as （一）. */
              if (p->str[0] == '(')
                {
                  const char *close = strchr (p->str, ')');

                  g_assert_nonnull (close);
                  g_string_erase (p, close - p->str, 1 + strspn (close + 1, " "));
                  g_string_insert (p, close - p->str, "）");
                  g_string_erase (p, 0, 1);
                  g_string_prepend (p, "（");
                }
              if (p->len > 0)
                g_ptr_array_add (out, g_string_free (p, FALSE));
              else
                g_string_free (p, TRUE);
            }
        }
    }
  return out;
}

static void
assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = tb_test_run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  /* name type encoding emb sub uni object ID: after the two header lines. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *cols[16];
      guint n = 0;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      /* drop the empty fields that the column padding produces */
      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (cols); j++)
        if (*fields[j] != '\0')
          cols[n++] = fields[j];
      g_assert_cmpuint (n, >=, 7);
      g_test_message ("font: %s", lines[i]);
      g_assert_cmpstr (cols[n - 5], ==, "yes");   /* emb */
      g_assert_cmpstr (cols[n - 4], ==, "yes");   /* sub */
      /* Only the faces we chose: Noto CJK, and for the （一） Kai headings LXGW WenKai or
       * AR PL UKai (the first of the fallbacks that build-aux/install-deps installs). */
      g_assert_true (strstr (cols[0], "CJK") != NULL || strstr (cols[0], "WenKai") != NULL ||
                     strstr (cols[0], "UKai") != NULL);
      fonts++;
    }
  g_assert_cmpuint (fonts, >=, 2);
}

/* ---- Rasters ---------------------------------------------------------------------------- */

typedef struct
{
  int     width, height;
  guchar *pixels;
} Gray;

static void
gray_free (Gray *g)
{
  g_free (g->pixels);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gray, gray_free)

/* Page @page of @pdf as an 8-bit grey image at @dpi (pdftoppm -gray writes a PGM). */
static Gray *
rasterise (const char *pdf,
           int         page,
           int         dpi)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  g_autofree char *pgm = g_strconcat (prefix, ".pgm", NULL);
  g_autofree char *page_s = g_strdup_printf ("%d", page);
  g_autofree char *dpi_s = g_strdup_printf ("%d", dpi);
  const char *argv[] = { "pdftoppm", "-gray", "-r", dpi_s, "-f", page_s, "-l", page_s,
                         "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = tb_test_run_tool (argv);
  g_autofree char *data = NULL;
  gsize len;
  int w, h, max, offset = 0;
  Gray *g;

  g_assert_true (g_file_get_contents (pgm, &data, &len, NULL));
  g_unlink (pgm);
  g_assert_cmpint (sscanf (data, "P5 %d %d %d%n", &w, &h, &max, &offset), ==, 3);
  g_assert_cmpint (max, ==, 255);
  offset++;   /* the single white-space byte after maxval */
  g_assert_cmpuint (len, ==, (gsize) offset + (gsize) w * h);
  g = g_new0 (Gray, 1);
  g->width = w;
  g->height = h;
  g->pixels = g_memdup2 (data + offset, (gsize) w * h);
  return g;
}

/* Darkest pixel in the box (points, converted at @dpi), shrunk by a pixel of margin. */
static guchar
darkest (Gray   *g,
         double  x,
         double  y,
         double  w,
         double  h,
         int     dpi)
{
  double s = dpi / 72.0;
  int x0 = MAX (0, (int) (x * s) - 1), y0 = MAX (0, (int) (y * s) - 1);
  int x1 = MIN (g->width, (int) ((x + w) * s) + 2), y1 = MIN (g->height, (int) ((y + h) * s) + 2);
  guchar min = 255;

  for (int yy = y0; yy < y1; yy++)
    for (int xx = x0; xx < x1; xx++)
      min = MIN (min, g->pixels[yy * g->width + xx]);
  return min;
}

/* ---- Tests ------------------------------------------------------------------------------ */

static const char probe[] =
  "如政府信息公开工作年度报告总体情况主动依申请行政复议诉讼结果维持纠正其他尚未审结本年新收上年结转"
  "予以部分不予无法提供处理国家秘密第三方“”（）、，。：；《》—0123456789";

/* Renders every character of the probe, one per cell, in every font role; rasterises
 * and requires ink in every cell. */
static void
test_probe_ink (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-pdf-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "probe.pdf", NULL);
  glong n = g_utf8_strlen (probe, -1);
  const int cols = 16, cell = 30, dpi = 144;
  int rows = (n + cols - 1) / cols;
  double page_h = rows * cell * (double) TB_LAYOUT_N_FONTS + 20;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, cols * cell + 20, page_h);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *fo = cairo_font_options_create ();
  guint failures = 0;

  g_assert_no_error (error);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, fo);
  cairo_font_options_destroy (fo);

  for (int role = 0; role < TB_LAYOUT_N_FONTS; role++)
    {
      PangoFontDescription *desc = pango_font_description_from_string (tb_layout_get_font (role));
      const char *p = probe;

      pango_font_description_set_size (desc, 20 * PANGO_SCALE);
      for (int i = 0; i < n; i++, p = g_utf8_next_char (p))
        {
          PangoLayout *layout = pango_layout_new (context);
          char ch[8] = { 0, };

          g_unichar_to_utf8 (g_utf8_get_char (p), ch);
          pango_layout_set_font_description (layout, desc);
          pango_layout_set_text (layout, ch, -1);
          cairo_move_to (cr, 10 + (i % cols) * cell + 4,
                         10 + (role * rows + i / cols) * cell + 1);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
        }
      pango_font_description_free (desc);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  {
    g_autoptr(Gray) g = rasterise (path, 1, dpi);

    for (int role = 0; role < TB_LAYOUT_N_FONTS; role++)
      {
        const char *p = probe;

        for (int i = 0; i < n; i++, p = g_utf8_next_char (p))
          {
            double x = 10 + (i % cols) * cell, y = 10 + (role * rows + i / cols) * cell;
            guchar dark = darkest (g, x + 2, y + 2, cell - 4, cell - 4, dpi);

            if (dark > 160)
              {
                g_test_message ("no ink for U+%04X in \"%s\" (darkest %u)",
                                g_utf8_get_char (p), tb_layout_get_font (role), dark);
                failures++;
              }
          }
      }
  }
  g_unlink (path);
  g_rmdir (dir);
  g_assert_cmpuint (failures, ==, 0);
}

static void
check_report_pdf (TbReport *report,
                  guint     expected_pages)
{
  g_autoptr(TmpPdf) tmp = export_tmp (report, NULL);
  g_autofree char *text = pdf_text (tmp->path, 0);
  g_autoptr(GPtrArray) expected = expected_strings (report);
  g_autoptr(TbLayout) layout = tb_layout_new (report, NULL);
  guint pages = tb_test_pdf_pages (tmp->path);

  g_test_message ("%s: %u pages", tmp->path, pages);
  g_assert_cmpuint (pages, ==, tb_layout_get_n_pages (layout));
  if (expected_pages > 0)
    g_assert_cmpuint (pages, ==, expected_pages);
  assert_in_order (text, expected);
  assert_fonts_embedded (tmp->path);
  /* No draft line unless asked for; page numbers "— N —" on every page. */
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *raw = pdf_raw_text (tmp->path, p);
      g_autofree char *number = g_strdup_printf ("\n— %u —\n", p);

      g_assert_null (strstr (raw, "草稿"));
      g_assert_nonnull (strstr (raw, number));
    }
}

static void
test_full_2021 (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();

  check_report_pdf (report, FULL_2021_PAGES);
}

static void
test_sample_2020 (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();

  check_report_pdf (report, SAMPLE_2020_PAGES);
}

/* The sample shipped in data/samples, once it exists. */
static void
test_sample_file (void)
{
  const char *root = g_getenv ("TIANBAO_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    {
      g_test_skip ("TIANBAO_SOURCE_ROOT not set");
      return;
    }
  path = g_build_filename (root, "data", "samples", "yanchi-audit-2020.tianbao", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/yanchi-audit-2020.tianbao does not exist yet");
      return;
    }
  report = tb_draft_load (path, &error);
  g_assert_no_error (error);
  check_report_pdf (report, 0);
}

static void
test_deterministic (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GError) error = NULL;
  TbLayoutOptions options = { .sign_off = TRUE, .draft_issues = 3 };

  a = tb_pdf_render (report, &options, &error);
  g_assert_no_error (error);
  b = tb_pdf_render (report, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));
  /* The dates come from the report's modified time, not the clock. */
  g_assert_nonnull (memmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                           "/CreationDate (20220120083000Z)", 31));

  /* A change to the report changes the document. */
  tb_report_set_modified_time (report, "2022-01-21T08:30:00Z");
  g_clear_pointer (&b, g_bytes_unref);
  b = tb_pdf_render (report, &options, &error);
  g_assert_false (g_bytes_equal (a, b));
}

static void
test_metadata (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TmpPdf) tmp = export_tmp (report, NULL);
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", tmp->path, NULL };
  g_autofree char *info = tb_test_run_tool (argv);

  g_assert_true (g_regex_match_simple ("^Title: +示例县审计局2021年政府信息公开工作年度报告$",
                                       info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Author: +示例县审计局$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^CreationDate: +Thu Jan 20 08:30:00 2022 UTC$", info,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +595.276 x 841.89 pts \\(A4\\)$", info,
                                       G_REGEX_MULTILINE, 0));
}

static void
test_draft (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbReport) empty = tb_report_new (tb_format_get ("2021"));
  TbLayoutOptions options = { .draft_issues = 0 };
  g_autoptr(TmpPdf) tmp = NULL;
  guint pages;

  /* An empty report is not ready: errors + incomplete issues. */
  g_assert_cmpuint (tb_readiness_count_blocking_issues (empty), >, 0);

  /* One error: break T4-1. */
  tb_test_set_value (report, "t4.review.total", tb_test_get (report, "t4.review.total") + 1);
  options.draft_issues = tb_readiness_count_blocking_issues (report);
  g_assert_cmpuint (options.draft_issues, ==, 1);

  tmp = export_tmp (report, &options);
  pages = tb_test_pdf_pages (tmp->path);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = pdf_raw_text (tmp->path, p);

      g_assert_true (g_str_has_prefix (text, "草稿：尚有 1 处校验错误\n"));
    }
}

static void
test_sign_off (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  TbLayoutOptions options = { .sign_off = TRUE };
  g_autoptr(TmpPdf) with = export_tmp (report, &options);
  g_autoptr(TmpPdf) without = export_tmp (report, NULL);
  g_autofree char *text = pdf_text (with->path, 0);
  g_autofree char *plain = pdf_text (without->path, 0);
  const char *last_section = strstr (text, tb_report_get_text (report, "s6"));

  g_assert_nonnull (last_section);
  /* Agency, then the date without leading zeros, after the last section. */
  g_assert_cmpint (find_from (text, last_section - text, "示例县审计局"), >, 0);
  g_assert_nonnull (strstr (last_section, "示例县审计局\n2022年1月20日"));
  g_assert_null (strstr (plain, "2022年1月20日"));
}

/* Table 三 of the full report breaks across pages: its header is repeated and the
 * 三、本年度办理结果 cell, which spans the break, is drawn on both pages. */
static void
test_table_break (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TmpPdf) tmp = export_tmp (report, NULL);
  guint pages = tb_test_pdf_pages (tmp->path);
  guint with_header = 0, with_block = 0;

  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = pdf_text (tmp->path, p);

      with_header += find_from (text, 0, "申请人情况") >= 0;
      with_block += find_from (text, 0, "三、本年度办理结果") >= 0;
    }
  g_assert_cmpuint (with_header, ==, 2);
  g_assert_cmpuint (with_block, ==, 2);
}

typedef struct
{
  Gray  *gray;
  int    dpi;
  guint  glyphs;
  guint  blank;
} InkCheck;

static void
check_glyph (double   x,
             double   y,
             double   w,
             double   h,
             gunichar ch,
             gpointer user_data)
{
  InkCheck *check = user_data;
  guchar dark = darkest (check->gray, x, y, w, h, check->dpi);

  check->glyphs++;
  if (dark > 200)
    {
      g_test_message ("blank glyph U+%04X at %.1f,%.1f (darkest %u)", ch, x, y, dark);
      check->blank++;
    }
}

/* Every glyph box of every page of exported reports has ink. */
static void
test_glyph_ink (void)
{
  g_autoptr(TbReport) full = tb_test_make_full_2021 ();
  g_autoptr(TbReport) sample = tb_test_make_sample_2020 ();
  TbReport *reports[] = { full, sample };
  TbLayoutOptions options = { .sign_off = TRUE, .draft_issues = 2 };

  for (guint r = 0; r < G_N_ELEMENTS (reports); r++)
    {
      g_autoptr(TmpPdf) tmp = export_tmp (reports[r], &options);
      g_autoptr(TbLayout) layout = tb_layout_new (reports[r], &options);
      InkCheck check = { .dpi = 100 };

      for (guint p = 0; p < tb_layout_get_n_pages (layout); p++)
        {
          g_autoptr(Gray) gray = rasterise (tmp->path, p + 1, check.dpi);

          check.gray = gray;
          tb_layout_foreach_glyph (layout, p, check_glyph, &check);
        }
      g_test_message ("%u glyphs checked, %u blank", check.glyphs, check.blank);
      g_assert_cmpuint (check.glyphs, >, 1500);
      g_assert_cmpuint (check.blank, ==, 0);
    }
}

/* ---- Long paragraphs ------------------------------------------------------------------- */

/* The text of every line the layout places, in order (pages one after the other). */
static GPtrArray *
placed_lines (TbLayout *layout)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < layout->pages->len; p++)
    {
      GArray *ops = g_ptr_array_index (layout->pages, p);

      for (guint i = 0; i < ops->len; i++)
        {
          const TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);
          PangoLayoutLine *line;

          if (op->kind != TB_LAYOUT_OP_LINE)
            continue;
          line = pango_layout_get_line_readonly (op->layout, op->line);
          g_ptr_array_add (lines, g_strndup (pango_layout_get_text (op->layout) + line->start_index,
                                             line->length));
        }
    }
  return lines;
}

/* The lines of @para as one layout, the way the pages set a paragraph (tb-layout-text.c). */
static GPtrArray *
whole_lines (TbLayout   *layout,
             const char *para)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) whole = _tb_layout_make (layout, TB_LAYOUT_FONT_BODY, 0, para,
                                                  TEXT_WIDTH, PANGO_ALIGN_LEFT);

  pango_layout_set_indent (whole, pango_units_from_double (2 * BODY_SIZE));
  pango_layout_set_justify (whole, TRUE);
  for (int i = 0; i < pango_layout_get_line_count (whole); i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (whole, i);

      g_ptr_array_add (lines, g_strndup (para + line->start_index, line->length));
    }
  return lines;
}

/* Laid out in pieces (TB_LAYOUT_PIECE_BYTES), a long paragraph still gets exactly the lines
 * the whole paragraph has: the pieces change nothing but the time. */
static void
test_long_paragraph_lines (void)
{
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autofree char *unbroken = g_strnfill (3000, 'a');
  g_autofree char *digits = g_strnfill (2500, '7');
  const char *paragraphs[3];

  /* Real wording, digits, Latin words and punctuation that line breaking treats specially. */
  while (mixed->len < 6 * TB_LAYOUT_PIECE_BYTES)
    g_string_append (mixed, "本年度共收到政府信息公开申请1,234件，较上年增长12.5%，其中通过"
                     "“中国政府网”（www.gov.cn）提交的有56件；依申请公开收费317,425,062.13元。"
                     "The Regulations on Open Government Information (OGI) apply—see 《条例》"
                     "第二十条第（八）项。");
  paragraphs[0] = mixed->str;
  paragraphs[1] = unbroken;
  paragraphs[2] = digits;

  for (guint k = 0; k < G_N_ELEMENTS (paragraphs); k++)
    {
      g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
      g_autoptr(TbLayout) layout = NULL;
      g_autoptr(GPtrArray) placed = NULL;
      g_autoptr(GPtrArray) whole = NULL;
      guint at = 0;

      g_assert_cmpuint (strlen (paragraphs[k]), >, 2 * TB_LAYOUT_PIECE_BYTES);
      tb_report_set_text (report, "s1", paragraphs[k]);
      layout = tb_layout_new (report, NULL);
      placed = placed_lines (layout);
      whole = whole_lines (layout, paragraphs[k]);
      g_assert_cmpuint (whole->len, >, 20);
      while (at < placed->len && !g_str_equal (g_ptr_array_index (placed, at),
                                               g_ptr_array_index (whole, 0)))
        at++;
      g_assert_cmpuint (at + whole->len, <=, placed->len);
      for (guint i = 0; i < whole->len; i++)
        g_assert_cmpstr (g_ptr_array_index (placed, at + i), ==, g_ptr_array_index (whole, i));
      g_test_message ("paragraph %u: %u lines, the same as laid out whole", k, whole->len);
    }
}

/* Before: a paragraph of 131,100 CJK characters printed 31 of them (exit 0). Now the longest
 * text a report can hold is printed whole, every character of it, across pages. */
static void
test_long_paragraph_printed (void)
{
  static const char *const units[] = { "字", "a" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
      g_autoptr(GString) para = g_string_new (NULL);
      g_autoptr(TmpPdf) tmp = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GString) long_agency = g_string_new (NULL);
      g_autoptr(GString) flat = g_string_new (NULL);
      guint count = 0;

      for (guint i = 0; i < TB_FIELD_TEXT_MAX_CHARS; i++)
        g_string_append (para, units[u]);
      for (guint i = 0; i < TB_FIELD_AGENCY_MAX_CHARS; i++)
        g_string_append (long_agency, i % 2 ? "局" : "县");
      tb_report_set_text (report, "s1", para->str);
      tb_report_set_agency (report, long_agency->str);
      tmp = export_tmp (report, NULL);
      text = pdf_raw_text (tmp->path, 0);
      for (const char *p = text; (p = strstr (p, units[u])) != NULL; p += strlen (units[u]))
        count++;
      g_test_message ("%s × %u: pdftotext finds %u", units[u], TB_FIELD_TEXT_MAX_CHARS, count);
      g_assert_cmpuint (count, >=, TB_FIELD_TEXT_MAX_CHARS);
      /* 字 also occurs in the rest of the report; 'a' never does. */
      if (u == 1)
        g_assert_cmpuint (count, ==, TB_FIELD_TEXT_MAX_CHARS);
      /* The longest agency, in the title (broken across lines). */
      for (const char *p = text; *p; p++)
        if (*p != '\n')
          g_string_append_c (flat, *p);
      g_assert_nonnull (strstr (flat->str, long_agency->str));
    }
}

static void
test_write_errors (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmpPdf) tmp = export_tmp (report, NULL);
  g_autofree char *bad = g_build_filename (tmp->dir, "missing", "out.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  TbLayoutOptions options = { .draft_issues = 5 };

  g_assert_false (tb_pdf_export (report, NULL, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Overwriting an export replaces it whole. */
  g_assert_true (g_file_get_contents (tmp->path, &before, &before_len, NULL));
  g_assert_true (tb_pdf_export (report, &options, tmp->path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tmp->path, &after, &after_len, NULL));
  g_assert_true (g_str_has_prefix (after, "%PDF-1.5"));
  g_assert_false (before_len == after_len && memcmp (before, after, after_len) == 0);
}

/* tianbao-cli export-pdf: refuses an unfinished report unless --draft, writes FILE.pdf by
 * default, adds the sign-off on request. */
static int
run_cli (const char *const *args,
         char              **err_out)
{
  const char *cli = g_getenv ("TIANBAO_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* Untranslated messages, whatever the environment says. */
  env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, env, 0, NULL, NULL, &out, err_out, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbReport) unfinished = tb_test_make_full_2021 ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ready = NULL, *ready_pdf = NULL, *draft = NULL, *draft_pdf = NULL;
  g_autofree char *err = NULL;
  guint issues;

  if (g_getenv ("TIANBAO_CLI") == NULL)
    {
      g_test_skip ("TIANBAO_CLI not set");
      return;
    }
  dir = g_dir_make_tmp ("test-pdf-cli-XXXXXX", &error);
  g_assert_no_error (error);
  ready = g_build_filename (dir, "ready.tianbao", NULL);
  ready_pdf = g_build_filename (dir, "ready.pdf", NULL);
  draft = g_build_filename (dir, "draft.tianbao", NULL);
  draft_pdf = g_build_filename (dir, "out.pdf", NULL);
  g_assert_true (tb_draft_save (report, ready, &error));
  tb_report_clear_cell (unfinished, tb_test_cell (unfinished, "t4.after.other"));
  issues = tb_readiness_count_blocking_issues (unfinished);
  g_assert_cmpuint (issues, >=, 1);
  g_assert_true (tb_draft_save (unfinished, draft, &error));
  g_assert_no_error (error);

  {
    const char *args[] = { "export-pdf", ready, "--sign-off", NULL };
    g_autofree char *text = NULL;

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    g_assert_cmpuint (tb_test_pdf_pages (ready_pdf), ==, FULL_2021_PAGES);
    text = pdf_text (ready_pdf, 0);
    g_assert_nonnull (strstr (text, "示例县审计局\n2022年1月20日"));
  }
  {
    const char *args[] = { "export-pdf", draft, "-o", draft_pdf, NULL };
    g_autofree char *count = g_strdup_printf (" %u ", issues);

    g_assert_cmpint (run_cli (args, &err), ==, 1);
    g_assert_nonnull (strstr (err, count));
    g_assert_false (g_file_test (draft_pdf, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "export-pdf", draft, "-o", draft_pdf, "--draft", NULL };
    g_autofree char *raw = NULL;
    g_autofree char *line = g_strdup_printf ("草稿：尚有 %u 处校验错误\n", issues);

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    raw = pdf_raw_text (draft_pdf, 1);
    g_assert_true (g_str_has_prefix (raw, line));
  }
  {
    const char *args[] = { "export-pdf", ready, "-o", ready, NULL };
    g_autofree char *usage = NULL;

    g_assert_cmpint (run_cli (args, &usage), ==, 2);
    g_assert_nonnull (strstr (usage, "overwrite"));
  }

  g_unlink (ready);
  g_unlink (ready_pdf);
  g_unlink (draft);
  g_unlink (draft_pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/probe-ink", test_probe_ink);
  g_test_add_func ("/pdf/full-2021", test_full_2021);
  g_test_add_func ("/pdf/sample-2020", test_sample_2020);
  g_test_add_func ("/pdf/sample-file", test_sample_file);
  g_test_add_func ("/pdf/deterministic", test_deterministic);
  g_test_add_func ("/pdf/metadata", test_metadata);
  g_test_add_func ("/pdf/draft", test_draft);
  g_test_add_func ("/pdf/sign-off", test_sign_off);
  g_test_add_func ("/pdf/table-break", test_table_break);
  g_test_add_func ("/pdf/glyph-ink", test_glyph_ink);
  g_test_add_func ("/pdf/long-paragraph/lines", test_long_paragraph_lines);
  g_test_add_func ("/pdf/long-paragraph/printed", test_long_paragraph_printed);
  g_test_add_func ("/pdf/write-errors", test_write_errors);
  g_test_add_func ("/pdf/cli", test_cli);

  return g_test_run ();
}
