/* tb-test-fonts.c: what the tests of the subset fonts and the PDF export share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-fonts.h.
 */

#define G_LOG_DOMAIN "tb-test-fonts"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-test-fonts.h"
#include "tb-test-util.h"

void
tb_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        tb_test_remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

char *
tb_test_font_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-font-subset-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

TbFontSubset *
tb_test_build_subset (const char *const *fonts,
                      const char        *text,
                      const char        *dir)
{
  g_autoptr(GError) error = NULL;
  TbFontSubset *subset = tb_font_subset_new ();

  tb_font_subset_set_cache_dir (subset, dir);
  for (guint i = 0; fonts[i] != NULL; i++)
    tb_font_subset_add_text (subset, fonts[i], text, -1);
  g_assert_true (tb_font_subset_build (subset, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tb_font_subset_get_font_map (subset));
  return subset;
}

PangoContext *
tb_test_points_context (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *fo = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, fo);
  cairo_font_options_destroy (fo);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}


void
tb_test_gray_free (TbTestGray *g)
{
  g_free (g->pixels);
  g_free (g);
}

TbTestGray *
tb_test_rasterise (const char *pdf,
                   int         dpi)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  g_autofree char *pgm = g_strconcat (prefix, ".pgm", NULL);
  g_autofree char *dpi_s = g_strdup_printf ("%d", dpi);
  const char *argv[] = { "pdftoppm", "-gray", "-r", dpi_s, "-f", "1", "-l", "1",
                         "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = tb_test_run_tool (argv);
  g_autofree char *data = NULL;
  gsize len;
  int w, h, max, offset = 0;
  TbTestGray *g;

  g_assert_true (g_file_get_contents (pgm, &data, &len, NULL));
  g_unlink (pgm);
  g_assert_cmpint (sscanf (data, "P5 %d %d %d%n", &w, &h, &max, &offset), ==, 3);
  offset++;
  g_assert_cmpuint (len, ==, (gsize) offset + (gsize) w * h);
  g = g_new0 (TbTestGray, 1);
  g->width = w;
  g->height = h;
  g->pixels = g_memdup2 (data + offset, (gsize) w * h);
  return g;
}

guchar
tb_test_darkest (TbTestGray   *g,
                 double  x,
                 double  y,
                 double  w,
                 double  h,
                 int     dpi)
{
  double s = dpi / 72.0;
  int x0 = MAX (0, (int) (x * s)), y0 = MAX (0, (int) (y * s));
  int x1 = MIN (g->width, (int) ((x + w) * s) + 1), y1 = MIN (g->height, (int) ((y + h) * s) + 1);
  guchar min = 255;

  for (int yy = y0; yy < y1; yy++)
    for (int xx = x0; xx < x1; xx++)
      min = MIN (min, g->pixels[yy * g->width + xx]);
  return min;
}

guint
tb_test_count_unknown_glyphs (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint unknown = 0;

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      for (int i = 0; run != NULL && i < run->glyphs->num_glyphs; i++)
        unknown += (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0;
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  return unknown;
}

char *
tb_test_family_at (PangoLayout *layout,
                   int          index)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  char *family = NULL;

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL && index >= run->item->offset &&
          index < run->item->offset + run->item->length)
        {
          g_autoptr(PangoFontDescription) desc = pango_font_describe (run->item->analysis.font);

          family = g_strdup (pango_font_description_get_family (desc));
        }
    }
  while (family == NULL && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  return family;
}

GPtrArray *
tb_test_assert_subset_fonts (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = tb_test_run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *cols[16];
      guint n = 0;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (cols); j++)
        if (*fields[j] != '\0')
          cols[n++] = fields[j];
      g_test_message ("font: %s", lines[i]);
      g_assert_cmpuint (n, >=, 7);
      g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+.", cols[0], 0, 0));
      g_assert_cmpstr (cols[n - 5], ==, "yes");   /* emb */
      g_assert_cmpstr (cols[n - 4], ==, "yes");   /* sub */
      g_assert_cmpstr (cols[n - 3], ==, "yes");   /* uni: ToUnicode */
      g_ptr_array_add (names, g_strdup (cols[0] + 7));
    }
  g_assert_cmpuint (names->len, >=, 1);
  return names;
}

char *
tb_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };

  return tb_test_run_tool (argv);
}
