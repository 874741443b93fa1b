/* test-pdf-ink.c: every glyph of the PDF export has ink (pdftoppm rasters)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every character of a probe in every font role, and every glyph box of every page of
 * exported reports, rasterised by pdftoppm: each has ink (cairo 1.16 drops 如 of Noto Sans
 * CJK SC Regular).
 */

#define G_LOG_DOMAIN "test-pdf-ink"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "tb-layout-private.h"
#include "tb-pdf.h"

#include "tb-test-pdf.h"
#include "tb-test-util.h"

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
      g_autoptr(TbTestPdf) tmp = tb_test_export_pdf (reports[r], &options);
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

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/probe-ink", test_probe_ink);
  g_test_add_func ("/pdf/glyph-ink", test_glyph_ink);

  return g_test_run ();
}
