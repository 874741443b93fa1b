/* test-font-subset.c: tests for the per-document subset fonts (tb-font-subset.h)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked the way a reader sees the result: the subset files themselves (HarfBuzz: every
 * character given to a face is in its subset, few glyphs), Pango's layout with them (no
 * unknown glyph, fallback to another face for a character the role font lacks), pdftoppm
 * rasters (ink for every probe character, 如 of Noto Sans CJK SC Regular included), and
 * byte-identical subset files for the same input. The font roles and the PDF export with
 * the subsets are in test-font-pdf.c.
 */

#define G_LOG_DOMAIN "test-font-subset"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>

#include "tb-draft.h"
#include "tb-font-subset.h"
#include "tb-fonts.h"
#include "tb-layout-private.h"
#include "tb-pdf.h"
#include "tb-pdf-fonts.h"

#include "tb-test-fonts.h"
#include "tb-test-util.h"


/* Characters of the report tables and texts, 如 first (cairo 1.16 drops it from Noto Sans
 * CJK SC Regular when it embeds the whole font: TOOLCHAIN.md §5). */
static const char probe[] =
  "如政府信息公开工作年度报告总体情况主动依申请行政复议诉讼结果维持纠正其他尚未审结本年新收上年结转"
  "予以部分不予无法提供处理国家秘密第三方“”（）、，。：；《》—0123456789";

/* Characters Noto Serif CJK SC does not have and other free fonts do (a Yijing hexagram,
 * a fraction, the rouble sign, …); the test uses the first one an installed font has. */
static const gunichar fallback_candidates[] = { 0x4DC0, 0x2153, 0x20BD, 0x2616, 0x2B58 };

/* ---- Tools ------------------------------------------------------------------------------ */

static guint
count_chars (const char *text)
{
  return (guint) g_utf8_strlen (text, -1);
}

/* The role fonts of the layout (tb_layout_get_font ()), NULL-terminated. */
static const char **
role_fonts (void)
{
  const char **fonts = g_new0 (const char *, TB_LAYOUT_N_FONTS + 1);

  for (guint i = 0; i < TB_LAYOUT_N_FONTS; i++)
    fonts[i] = tb_layout_get_font (i);
  return fonts;
}

/* ---- Tests: the subsets ----------------------------------------------------------------- */

/* Every role's text goes to faces that have it; the subsets hold those characters and few
 * glyphs besides. */
static void
test_role_subsets (void)
{
  g_autofree char *dir = tb_test_font_tmp_dir ();
  g_autofree const char **fonts = role_fonts ();
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autofree char *text = g_strconcat (probe, tb_report_get_text (report, "s1"),
                                       tb_report_get_text (report, "s5"), NULL);
  g_autoptr(TbFontSubset) subset = tb_test_build_subset (fonts, text, dir);
  gboolean serif = FALSE, sans_bold = FALSE;

  g_assert_cmpstr (tb_font_subset_get_missing (subset), ==, "");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) > ' ')
      g_assert_true (tb_font_subset_has_char (subset, g_utf8_get_char (p)));

  for (guint i = 0; i < tb_font_subset_get_n_faces (subset); i++)
    {
      const char *file = tb_font_subset_get_face_file (subset, i);
      const char *source = tb_font_subset_get_face_source (subset, i);
      g_autofree char *chars = tb_font_subset_dup_face_chars (subset, i);
      guint n_glyphs = tb_font_subset_get_face_n_glyphs (subset, i);
      hb_blob_t *blob = hb_blob_create_from_file (file);
      hb_face_t *face = hb_face_create (blob, 0);
      hb_font_t *font = hb_font_create (face);
      GStatBuf sub_st, src_st;

      g_test_message ("%s → %s: %u characters, %u glyphs", source, file, count_chars (chars),
                      n_glyphs);
      g_assert_true (g_str_has_prefix (file, dir));
      serif |= strstr (source, "NotoSerifCJK-Regular") != NULL;
      sans_bold |= strstr (source, "NotoSansCJK-Bold") != NULL;
      /* Every character given to the face is in its subset. */
      for (const char *p = chars; *p; p = g_utf8_next_char (p))
        {
          hb_codepoint_t glyph = 0;

          g_assert_true (hb_font_get_nominal_glyph (font, g_utf8_get_char (p), &glyph));
          g_assert_cmpuint (glyph, !=, 0);
        }
      /* Few glyphs: the characters, the forms the layout features reach, .notdef. */
      g_assert_cmpuint (n_glyphs, ==, hb_face_get_glyph_count (face));
      g_assert_cmpuint (n_glyphs, >, count_chars (chars));
      g_assert_cmpuint (n_glyphs, <=, 3 * count_chars (chars) + 64);
      g_assert_cmpint (g_stat (file, &sub_st), ==, 0);
      g_assert_cmpint (g_stat (source, &src_st), ==, 0);
      g_assert_cmpint (sub_st.st_size * 20, <, src_st.st_size);
      hb_font_destroy (font);
      hb_face_destroy (face);
      hb_blob_destroy (blob);
    }
  /* The body serif and the heading sans of the roles. */
  g_assert_true (serif);
  g_assert_true (sans_bold);
  tb_test_remove_tree (dir);
}

/* The same input gives byte-identical subset files, whatever the cache holds. */
static void
test_same_bytes (void)
{
  g_autofree char *dir_a = tb_test_font_tmp_dir ();
  g_autofree char *dir_b = tb_test_font_tmp_dir ();
  g_autofree const char **fonts = role_fonts ();
  g_autoptr(TbFontSubset) a = tb_test_build_subset (fonts, probe, dir_a);
  g_autoptr(TbFontSubset) b = tb_test_build_subset (fonts, probe, dir_b);

  g_assert_cmpuint (tb_font_subset_get_n_faces (a), ==, tb_font_subset_get_n_faces (b));
  for (guint i = 0; i < tb_font_subset_get_n_faces (a); i++)
    {
      g_autoptr(GBytes) x = tb_test_read_bytes (tb_font_subset_get_face_file (a, i));
      g_autoptr(GBytes) y = tb_test_read_bytes (tb_font_subset_get_face_file (b, i));
      g_autofree char *name_a = g_path_get_basename (tb_font_subset_get_face_file (a, i));
      g_autofree char *name_b = g_path_get_basename (tb_font_subset_get_face_file (b, i));

      g_assert_cmpstr (name_a, ==, name_b);
      g_assert_true (g_bytes_equal (x, y));
    }
  tb_test_remove_tree (dir_a);
  tb_test_remove_tree (dir_b);
}

/* A character the body font lacks is set in a fallback face that has it: in the layout no
 * unknown glyph (tofu), on paper ink, in the text the character. */
static void
test_fallback (void)
{
  const TbFontFace *serif = tb_fonts_find ("Noto Serif CJK SC", FC_WEIGHT_REGULAR,
                                           FC_SLANT_ROMAN);
  gunichar ch = 0;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf = NULL;
  const char *fonts[] = { "Noto Serif CJK SC 16", NULL };
  g_autoptr(TbFontSubset) subset = NULL;
  PangoContext *context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *family = NULL;
  g_autoptr(GPtrArray) names = NULL;
  PangoRectangle pos;
  cairo_surface_t *surface;
  cairo_t *cr;
  const int dpi = 144;

  g_assert_nonnull (serif);
  for (guint i = 0; i < G_N_ELEMENTS (fallback_candidates) && ch == 0; i++)
    if (!tb_font_face_has_char (serif, fallback_candidates[i]) &&
        tb_fonts_find_for_char (fallback_candidates[i], FC_WEIGHT_REGULAR, FC_SLANT_ROMAN))
      ch = fallback_candidates[i];
  if (ch == 0)
    {
      g_test_skip ("no installed font has a character Noto Serif CJK SC lacks");
      return;
    }
  g_test_message ("fallback character U+%04X", ch);

  dir = tb_test_font_tmp_dir ();
  {
    GString *s = g_string_new ("审计");

    g_string_append_unichar (s, ch);
    g_string_append (s, "公开");
    text = g_string_free (s, FALSE);
  }
  subset = tb_test_build_subset (fonts, text, dir);
  g_assert_true (tb_font_subset_has_char (subset, ch));
  g_assert_cmpuint (tb_font_subset_get_n_faces (subset), >=, 2);
  for (guint i = 0; i < tb_font_subset_get_n_faces (subset); i++)
    {
      g_autofree char *chars = tb_font_subset_dup_face_chars (subset, i);

      if (g_utf8_strchr (chars, -1, ch) != NULL)
        g_assert_cmpstr (tb_font_subset_get_face_source (subset, i), !=,
                         tb_font_face_get_file (serif));
    }

  context = tb_test_points_context (tb_font_subset_get_font_map (subset));
  layout = pango_layout_new (context);
  {
    PangoFontDescription *desc = pango_font_description_from_string ("Noto Serif CJK SC 40");

    pango_layout_set_font_description (layout, desc);
    pango_font_description_free (desc);
  }
  pango_layout_set_text (layout, text, -1);
  g_assert_cmpuint (tb_test_count_unknown_glyphs (layout), ==, 0);
  family = tb_test_family_at (layout, strlen ("审计"));
  g_test_message ("set in %s", family);
  g_assert_cmpstr (family, !=, "Noto Serif CJK SC");
  g_free (family);
  family = tb_test_family_at (layout, 0);
  g_assert_cmpstr (family, ==, "Noto Serif CJK SC");
  g_object_unref (context);

  pdf = g_build_filename (dir, "fallback.pdf", NULL);
  surface = cairo_pdf_surface_create (pdf, 300, 80);
  cr = cairo_create (surface);
  cairo_move_to (cr, 10, 10);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  pango_layout_index_to_pos (layout, strlen ("审计"), &pos);
  {
    g_autoptr(TbTestGray) gray = tb_test_rasterise (pdf, dpi);
    g_autofree char *back = tb_test_pdf_text (pdf);

    g_assert_cmpuint (tb_test_darkest (gray, 10 + pango_units_to_double (pos.x) + 2,
                               10 + pango_units_to_double (pos.y) + 2,
                               pango_units_to_double (pos.width) - 4,
                               pango_units_to_double (pos.height) - 4, dpi), <, 128);
    g_assert_nonnull (strstr (back, text));
  }
  names = tb_test_assert_subset_fonts (pdf);
  g_assert_cmpuint (names->len, ==, 2);
  tb_test_remove_tree (dir);
}

/* A character no installed font has is reported, and the rest is still subset. */
static void
test_missing (void)
{
  g_autofree char *dir = tb_test_font_tmp_dir ();
  const char *fonts[] = { "Noto Serif CJK SC 16", NULL };
  /* U+0378 is unassigned. */
  g_autoptr(TbFontSubset) subset = tb_test_build_subset (fonts, "审计\u0378公开", dir);

  g_assert_cmpstr (tb_font_subset_get_missing (subset), ==, "\u0378");
  g_assert_false (tb_font_subset_has_char (subset, 0x378));
  g_assert_true (tb_font_subset_has_char (subset, g_utf8_get_char ("审")));
  tb_test_remove_tree (dir);
}

/* Every probe character, one per cell, in every role font and in Noto Sans CJK SC Regular,
 * through the subset fonts: ink in every cell. */
static void
test_probe_ink (void)
{
  g_autofree char *dir = tb_test_font_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "probe.pdf", NULL);
  g_autoptr(GPtrArray) fonts = g_ptr_array_new ();
  g_autoptr(TbFontSubset) subset = NULL;
  PangoContext *context = NULL;
  glong n = g_utf8_strlen (probe, -1);
  const int cols = 16, cell = 30, dpi = 144;
  int rows = (n + cols - 1) / cols;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint failures = 0;

  for (guint i = 0; i < TB_LAYOUT_N_FONTS; i++)
    g_ptr_array_add (fonts, (gpointer) tb_layout_get_font (i));
  g_ptr_array_add (fonts, (gpointer) "Noto Sans CJK SC 20");
  g_ptr_array_add (fonts, NULL);
  subset = tb_test_build_subset ((const char *const *) fonts->pdata, probe, dir);
  context = tb_test_points_context (tb_font_subset_get_font_map (subset));

  surface = cairo_pdf_surface_create (path, cols * cell + 20,
                                      rows * cell * (double) (fonts->len - 1) + 20);
  cr = cairo_create (surface);
  for (guint f = 0; f + 1 < fonts->len; f++)
    {
      PangoFontDescription *desc = pango_font_description_from_string (fonts->pdata[f]);
      const char *p = probe;

      pango_font_description_set_size (desc, 20 * PANGO_SCALE);
      for (int i = 0; i < n; i++, p = g_utf8_next_char (p))
        {
          g_autoptr(PangoLayout) layout = pango_layout_new (context);

          pango_layout_set_font_description (layout, desc);
          pango_layout_set_text (layout, p, g_utf8_next_char (p) - p);
          g_assert_cmpuint (tb_test_count_unknown_glyphs (layout), ==, 0);
          cairo_move_to (cr, 10 + (i % cols) * cell + 4, 10 + (f * rows + i / cols) * cell + 1);
          pango_cairo_show_layout (cr, layout);
        }
      pango_font_description_free (desc);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  {
    g_autoptr(TbTestGray) g = tb_test_rasterise (path, dpi);

    for (guint f = 0; f + 1 < fonts->len; f++)
      {
        const char *p = probe;

        for (int i = 0; i < n; i++, p = g_utf8_next_char (p))
          {
            double x = 10 + (i % cols) * cell, y = 10 + (f * rows + i / cols) * cell;
            guchar dark = tb_test_darkest (g, x + 2, y + 2, cell - 4, cell - 4, dpi);

            if (dark > 160)
              {
                g_test_message ("no ink for U+%04X in \"%s\" (darkest %u)",
                                g_utf8_get_char (p), (const char *) fonts->pdata[f], dark);
                failures++;
              }
          }
      }
  }
  g_ptr_array_unref (tb_test_assert_subset_fonts (path));
  tb_test_remove_tree (dir);
  g_assert_cmpuint (failures, ==, 0);
}


int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/font-subset/role-subsets", test_role_subsets);
  g_test_add_func ("/font-subset/same-bytes", test_same_bytes);
  g_test_add_func ("/font-subset/fallback", test_fallback);
  g_test_add_func ("/font-subset/missing", test_missing);
  g_test_add_func ("/font-subset/probe-ink", test_probe_ink);

  return g_test_run ();
}
