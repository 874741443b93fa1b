/* test-font-pdf.c: tests for the font roles and the PDF export set in subset fonts
 * (tb-pdf-fonts.h)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The font of each role as a clerk chooses it (only the four roles of GB/T 9704, resolved
 * to installed families, falling back when the chosen family lacks a character), and the
 * PDF export: pdffonts (every font embedded and subset), the fonts' ToUnicode maps (few
 * glyphs), pdftotext (the same text as without subsetting) and the bytes (the same for
 * every export, with the subset cache cold or warm, in this process or in tianbao-cli).
 * The subsets themselves are in test-font-subset.c.
 */

#define G_LOG_DOMAIN "test-font-pdf"

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

/* ---- Reading the PDF -------------------------------------------------------------------- */

static GBytes *
inflate (const guchar *data,
         gsize         len)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guchar buf[16384];
  gsize pos = 0;

  while (TRUE)
    {
      gsize read = 0, written = 0;
      g_autoptr(GError) error = NULL;
      GConverterResult r = g_converter_convert (G_CONVERTER (z), data + pos, len - pos, buf,
                                                sizeof buf, G_CONVERTER_INPUT_AT_END, &read,
                                                &written, &error);

      g_assert_no_error (error);
      pos += read;
      g_byte_array_append (out, buf, written);
      if (r == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  gsize font_bytes;   /* embedded font programs, as stored (compressed) */
  guint n_fonts;
  guint max_glyphs;   /* the most glyphs a ToUnicode map of one font maps */
  guint all_glyphs;
} PdfFonts;

/* Reads the font programs and ToUnicode maps of a PDF written by cairo (every stream is
 * "<< … >>\nstream\n…\nendstream", fonts and maps Flate-compressed). */
static PdfFonts
read_pdf_fonts (GBytes *pdf)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *end = data + len;
  const char *p = data;
  PdfFonts fonts = { 0 };

  while ((p = memmem (p, end - p, "stream\n", 7)) != NULL)
    {
      const char *start = p + 7;
      const char *stop = memmem (start, end - start, "endstream", 9);
      g_autofree char *dict = NULL;
      const char *open;

      g_assert_nonnull (stop);
      /* The dictionary before the stream (the data before it is binary). */
      for (open = p - 2; open > data && memcmp (open, "<<", 2) != 0; open--)
        ;
      g_assert_true (memcmp (open, "<<", 2) == 0);
      dict = g_strndup (open, p - open);
      if (strstr (dict, "/CIDFontType0C") != NULL || strstr (dict, "/Length1") != NULL ||
          strstr (dict, "/FontFile") != NULL)
        {
          fonts.font_bytes += stop - start;
          fonts.n_fonts++;
        }
      else if (strstr (dict, "/FlateDecode") != NULL)
        {
          g_autoptr(GBytes) raw = inflate ((const guchar *) start, stop - start);
          g_autofree char *text = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));

          if (strstr (text, "begincmap") != NULL)
            {
              g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
              guint glyphs = 0, n;
              gboolean ranges = FALSE;

              for (guint i = 0; lines[i] != NULL; i++)
                {
                  unsigned a, b;

                  if (sscanf (lines[i], "%u beginbfchar", &n) == 1)
                    ranges = FALSE;
                  else if (sscanf (lines[i], "%u beginbfrange", &n) == 1)
                    ranges = TRUE;
                  else if (ranges && sscanf (lines[i], "<%x> <%x>", &a, &b) == 2)
                    glyphs += b - a + 1;
                  else if (!ranges && sscanf (lines[i], "<%x> <", &a) == 1)
                    glyphs++;
                }
              fonts.max_glyphs = MAX (fonts.max_glyphs, glyphs);
              fonts.all_glyphs += glyphs;
            }
        }
      p = stop + strlen ("endstream");
    }
  return fonts;
}

/* Asserts pdffonts lists only embedded subsets "ABCDEF+Name"; returns the lines. */

/* ---- Tests: the font roles as chosen ------------------------------------------------------ */

/* "ROLE=FAMILY" choices: only the four roles of GB/T 9704, never an empty family; the
 * table follows the body; the Word writer's first family is the choice. */
static void
test_role_choices (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) families = NULL;
  const char *bad[] = { "body", "body=", "=仿宋", "colour=仿宋", "table=仿宋",
                        "page-number=宋体", " = " };

  tb_font_role_reset_chosen ();
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (tb_font_role_parse_choice (bad[i], &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, "heading2"));
      g_clear_error (&error);
    }
  for (guint i = 0; i < TB_N_FONT_ROLES; i++)
    g_assert_null (tb_font_role_get_chosen (i));

  g_assert_true (tb_font_role_parse_choice (" body = 方正仿宋_GBK ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tb_font_role_get_chosen (TB_FONT_ROLE_BODY), ==, "方正仿宋_GBK");
  g_assert_cmpstr (tb_font_role_get_chosen (TB_FONT_ROLE_TABLE), ==, "方正仿宋_GBK");
  g_assert_cmpstr (tb_font_role_get_official (TB_FONT_ROLE_BODY), ==, "方正仿宋_GBK");
  g_assert_null (tb_font_role_get_chosen (TB_FONT_ROLE_TITLE));
  families = tb_font_role_dup_families (TB_FONT_ROLE_BODY);
  g_assert_cmpstr (families[0], ==, "方正仿宋_GBK");
  g_assert_cmpstr (families[1], ==, "仿宋_GB2312");
  g_assert_true (tb_font_role_is_official (TB_FONT_ROLE_BODY, "方正仿宋_GBK"));
  g_assert_true (tb_font_role_is_official (TB_FONT_ROLE_TITLE, "方正小标宋简体"));
  g_assert_false (tb_font_role_is_official (TB_FONT_ROLE_TITLE, "Noto Serif CJK SC"));

  /* A family not installed here: the role resolves as if none was chosen. */
  {
    g_autofree char *resolved = tb_fonts_resolve_role (TB_FONT_ROLE_BODY, NULL);
    g_autofree char *automatic = tb_fonts_resolve_role_default (TB_FONT_ROLE_BODY);

    if (!tb_fonts_is_installed ("方正仿宋_GBK"))
      g_assert_cmpstr (resolved, ==, automatic);
    g_assert_true (tb_fonts_is_installed (automatic));
  }
  tb_font_role_set_chosen (TB_FONT_ROLE_BODY, "");
  g_assert_null (tb_font_role_get_chosen (TB_FONT_ROLE_BODY));
  tb_font_role_reset_chosen ();
}

/* A role's font description gives the size it was asked for in any locale: in one that
 * writes a decimal comma, "%g" made "Noto Serif CJK SC,… 15,5", which Pango reads as a
 * family "… 15" at 5 pt (the body is 15.79 pt). The comma locale is compiled for the test
 * with localedef when the machine has the locale sources. */
static void
test_role_font_size (void)
{
  g_autofree char *dir = tb_test_font_tmp_dir ();
  g_autofree char *out = g_build_filename (dir, "de_DE.UTF-8", NULL);
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", out, NULL };
  int status = -1;
  char number[32];

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *desc = tb_fonts_dup_role_font (TB_FONT_ROLE_BODY, 15.5, FALSE);
      g_autofree char *family = tb_fonts_resolve_role (TB_FONT_ROLE_BODY, NULL);
      g_autoptr(PangoFontDescription) parsed = pango_font_description_from_string (desc);

      g_test_message ("%s: %s", setlocale (LC_NUMERIC, NULL), desc);
      g_assert_cmpint (pango_font_description_get_size (parsed), ==,
                       pango_units_from_double (15.5));
      g_assert_true (g_str_has_prefix (pango_font_description_get_family (parsed), family));
      if (pass == 1)
        break;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
      g_setenv ("LOCPATH", dir, TRUE);
      if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
        break;
      g_snprintf (number, sizeof number, "%g", 15.5);
      g_assert_cmpstr (number, ==, "15,5");
    }
  setlocale (LC_NUMERIC, "C.UTF-8");
  g_unsetenv ("LOCPATH");
  tb_test_remove_tree (dir);
  if (status != 0)
    g_test_skip ("no locale with a decimal comma (localedef -i de_DE failed)");
}

/* Automatic roles: the first installed family of the role's list, in the fixed order,
 * bold only for a free stand-in of a bold-looking official face. */
static void
test_role_resolve (void)
{
  tb_font_role_reset_chosen ();
  for (guint i = 0; i < TB_FONT_ROLE_N_CHOOSABLE; i++)
    {
      TbFontRole role = tb_font_role_get_choosable (i);
      g_auto(GStrv) families = tb_font_role_dup_families (role);
      g_autofree char *resolved = NULL;
      const char *expected = NULL;
      gboolean bold;

      for (guint k = 0; families[k] != NULL && expected == NULL; k++)
        if (tb_fonts_is_installed (families[k]))
          expected = families[k];
      if (expected == NULL)
        expected = tb_fonts_get_fallback_families ()[0];
      resolved = tb_fonts_resolve_role (role, &bold);
      g_test_message ("%s: %s%s", tb_font_role_get (role)->id, resolved, bold ? " Bold" : "");
      g_assert_cmpstr (resolved, ==, expected);
      g_assert_true (bold == (tb_font_role_get (role)->fallback_bold &&
                              !tb_font_role_is_official (role, resolved)));
    }
}

/* The role chosen is what the layout (PDF and print) uses; a character the chosen family
 * lacks is set per glyph in a fallback (no unknown glyph with the installed fonts or with
 * the subsets), with ink through the subsets that the PDF and print draw with. Noto Sans
 * CJK SC Regular as the body: its 如 has ink. */
static void
test_role_chosen_fallback (void)
{
  static const gunichar lacking_candidates[] = { 0x3400, 0x4DB5, 0x2616, 0x4DC0, 0x2153 };
  const char *kai = tb_fonts_is_installed ("LXGW WenKai") ? "LXGW WenKai"
                    : tb_fonts_is_installed ("AR PL UKai CN") ? "AR PL UKai CN" : NULL;
  const char *roles_set[2];
  g_autofree char *dir = NULL;
  const int dpi = 144;

  if (kai == NULL || !tb_fonts_is_installed ("Noto Sans CJK SC"))
    {
      g_test_skip ("needs a Kai font and Noto Sans CJK SC");
      return;
    }
  tb_font_role_reset_chosen ();
  tb_font_role_set_chosen (TB_FONT_ROLE_HEADING2, kai);
  tb_font_role_set_chosen (TB_FONT_ROLE_BODY, "Noto Sans CJK SC");
  roles_set[0] = tb_layout_get_font (TB_LAYOUT_FONT_HEADING2);
  roles_set[1] = tb_layout_get_font (TB_LAYOUT_FONT_BODY);
  g_assert_true (g_str_has_prefix (roles_set[0], kai));
  g_assert_true (g_str_has_prefix (roles_set[1], "Noto Sans CJK SC,"));
  g_assert_true (g_str_has_prefix (tb_layout_get_font (TB_LAYOUT_FONT_TABLE),
                                   "Noto Sans CJK SC,"));
  dir = tb_test_font_tmp_dir ();

  for (guint r = 0; r < G_N_ELEMENTS (roles_set); r++)
    {
      PangoFontDescription *desc = pango_font_description_from_string (roles_set[r]);
      g_autofree char *family = g_strdup (pango_font_description_get_family (desc));
      const TbFontFace *face;
      gunichar ch = 0;
      g_autofree char *text = NULL;
      const char *fonts[] = { roles_set[r], NULL };
      g_autoptr(TbFontSubset) subset = NULL;

      *strchr (family, ',') = '\0';
      face = tb_fonts_find (family, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN);
      g_assert_nonnull (face);
      for (guint i = 0; i < G_N_ELEMENTS (lacking_candidates) && ch == 0; i++)
        if (!tb_font_face_has_char (face, lacking_candidates[i]) &&
            tb_fonts_find_for_char (lacking_candidates[i], FC_WEIGHT_REGULAR, FC_SLANT_ROMAN))
          ch = lacking_candidates[i];
      g_assert_cmpuint (ch, !=, 0);
      {
        GString *t = g_string_new ("如审");

        g_string_append_unichar (t, ch);
        g_string_append (t, "公开");
        text = g_string_free (t, FALSE);
      }
      g_test_message ("%s lacks U+%04X", family, ch);
      subset = tb_test_build_subset (fonts, text, dir);
      pango_font_description_set_size (desc, 40 * PANGO_SCALE);

      /* 0: the installed fonts (print); 1: the subsets (PDF). */
      for (guint map = 0; map < 2; map++)
        {
          PangoContext *context =
            tb_test_points_context (map == 0 ? pango_cairo_font_map_get_default ()
                                             : tb_font_subset_get_font_map (subset));
          g_autoptr(PangoLayout) layout = pango_layout_new (context);
          g_autofree char *first = NULL;
          g_autofree char *other = NULL;
          g_autofree char *pdf = g_strdup_printf ("%s/role-%u-%u.pdf", dir, r, map);
          cairo_surface_t *surface;
          cairo_t *cr;

          pango_layout_set_font_description (layout, desc);
          pango_layout_set_text (layout, text, -1);
          g_assert_cmpuint (tb_test_count_unknown_glyphs (layout), ==, 0);
          first = tb_test_family_at (layout, 0);
          other = tb_test_family_at (layout, strlen ("如审"));
          g_assert_cmpstr (first, ==, family);
          g_assert_cmpstr (other, !=, family);

          /* Drawn from the installed fonts, cairo 1.16 writes Noto Sans CJK SC Regular's 如
           * without ink (TOOLCHAIN.md §5): the PDF and print both draw with the subsets. */
          if (map == 0)
            {
              g_object_unref (context);
              continue;
            }
          surface = cairo_pdf_surface_create (pdf, 300, 80);
          cr = cairo_create (surface);
          cairo_move_to (cr, 10, 10);
          pango_cairo_show_layout (cr, layout);
          cairo_destroy (cr);
          cairo_surface_finish (surface);
          cairo_surface_destroy (surface);
          {
            g_autoptr(TbTestGray) gray = tb_test_rasterise (pdf, dpi);
            const char *p = text;

            /* Ink in the box of every character: 如 and the fallback one included. */
            for (int i = 0; *p; i++, p = g_utf8_next_char (p))
              {
                PangoRectangle pos;

                pango_layout_index_to_pos (layout, p - text, &pos);
                g_assert_cmpuint (tb_test_darkest (gray, 10 + pango_units_to_double (pos.x) + 2,
                                           10 + pango_units_to_double (pos.y) + 2,
                                           pango_units_to_double (pos.width) - 4,
                                           pango_units_to_double (pos.height) - 4, dpi),
                                  <, 128);
              }
          }
          g_object_unref (context);
        }
      pango_font_description_free (desc);
    }

  /* The export: the chosen families are the ones embedded. */
  {
    g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) pdf = tb_pdf_render (report, NULL, &error);
    g_autofree char *path = g_build_filename (dir, "chosen.pdf", NULL);
    g_autoptr(GPtrArray) names = NULL;
    gboolean sans = FALSE;

    g_assert_no_error (error);
    tb_test_write_file (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
    names = tb_test_assert_subset_fonts (path);
    for (guint i = 0; i < names->len; i++)
      if (strstr (names->pdata[i], "NotoSansCJK") != NULL &&
          strstr (names->pdata[i], "Bold") == NULL)
        sans = TRUE;
    g_assert_true (sans);
  }
  tb_font_role_reset_chosen ();
  tb_test_remove_tree (dir);
}

/* ---- Tests: the PDF export -------------------------------------------------------------- */

/* The sample report: every font an embedded subset with few glyphs, the PDF a fraction
 * of the one with the whole fonts, the same text, the same bytes every time. */
static void
test_sample_pdf (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autofree char *dir = tb_test_font_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "subset.pdf", NULL);
  g_autofree char *whole_path = g_build_filename (dir, "whole.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole_text = NULL;
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);
  PdfFonts fonts, whole_fonts;

  g_assert_true (tb_pdf_get_subset_fonts ());
  pdf = tb_pdf_render (report, NULL, &error);
  g_assert_no_error (error);
  again = tb_pdf_render (report, NULL, &error);
  g_assert_true (g_bytes_equal (pdf, again));

  tb_pdf_set_subset_fonts (FALSE);
  whole = tb_pdf_render (report, NULL, &error);
  tb_pdf_set_subset_fonts (TRUE);
  g_assert_no_error (error);

  tb_test_write_file (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  tb_test_write_file (whole_path, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));
  names = tb_test_assert_subset_fonts (path);
  text = tb_test_pdf_text (path);
  whole_text = tb_test_pdf_text (whole_path);
  g_assert_cmpstr (text, ==, whole_text);
  g_assert_cmpuint (tb_test_pdf_pages (path), ==, tb_test_pdf_pages (whole_path));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_hash_table_add (distinct, GUINT_TO_POINTER (g_utf8_get_char (p)));

  fonts = read_pdf_fonts (pdf);
  whole_fonts = read_pdf_fonts (whole);
  g_test_message ("subset fonts: %zu bytes in %u fonts, %u glyphs (at most %u in one); "
                  "%u distinct characters; PDF %zu bytes", fonts.font_bytes, fonts.n_fonts,
                  fonts.all_glyphs, fonts.max_glyphs, g_hash_table_size (distinct),
                  g_bytes_get_size (pdf));
  g_test_message ("whole fonts: %zu bytes in %u fonts; PDF %zu bytes", whole_fonts.font_bytes,
                  whole_fonts.n_fonts, g_bytes_get_size (whole));
  g_assert_cmpuint (fonts.n_fonts, ==, names->len);
  /* No font holds more glyphs than the document has characters, but for .notdef (which
   * cairo always embeds) and a few forms one character takes by position (punctuation
   * set by the 'locl' and 'halt' features). */
  g_assert_cmpuint (fonts.max_glyphs, >, 0);
  g_assert_cmpuint (fonts.max_glyphs, <=, g_hash_table_size (distinct) + 4);
  /* A fraction of the whole fonts' subsets that cairo 1.16 embeds (725 KB → 137 KB when
   * this was written). The 120 KB that issue 13 asks for is held on the bundled sample
   * report (/font-subset/bundled-sample-size); this test report has other values. */
  g_assert_cmpuint (fonts.font_bytes * 4, <, whole_fonts.font_bytes);
  g_assert_cmpuint (g_bytes_get_size (pdf) * 4, <, g_bytes_get_size (whole));
  g_assert_cmpuint (g_bytes_get_size (pdf), <=, 120 * 1024);
  tb_test_remove_tree (dir);
}

/* Issue 13: the bundled sample report (data/samples), as the README opens it, makes a PDF of
 * at most 120 KB, in bytes of 1000 as the issue counts them (its "722 KB" for the PDF before
 * subsetting was 724,003 bytes). With the fonts of Debian 12 it is 119,954 bytes: 97 KB the
 * four fonts (80 KB the body font's 441 glyphs), 7 KB the pages' content. A change that
 * adds bytes to every PDF shows here first. */
static void
test_bundled_sample_size (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "yanchi-audit-2020.tianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = tb_draft_load (path, &error);
  g_autoptr(GBytes) pdf = NULL;

  g_assert_no_error (error);
  pdf = tb_pdf_render (report, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("the bundled sample: PDF %zu bytes", g_bytes_get_size (pdf));
  g_assert_cmpuint (g_bytes_get_size (pdf), <=, 120000);
}

/* tianbao-cli export-pdf: the same bytes with the subset cache cold, warm, or in another
 * folder; the cache holds a few small files. */
static void
test_cli_cache (void)
{
  const char *cli = g_getenv ("TIANBAO_CLI");
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autofree char *dir = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    {
      g_test_skip ("TIANBAO_CLI not set");
      return;
    }
  dir = tb_test_font_tmp_dir ();
  draft = g_build_filename (dir, "sample.tianbao", NULL);
  g_assert_true (tb_draft_save (report, draft, &error));
  g_assert_no_error (error);

  for (guint run = 0; run < 3; run++)
    {
      g_autofree char *runtime = g_build_filename (dir, run < 2 ? "runtime-a" : "runtime-b",
                                                   NULL);
      g_autofree char *out = g_strdup_printf ("%s/out-%u.pdf", dir, run);
      g_autofree char *cache = g_build_filename (runtime, "tianbao", "fonts", NULL);
      const char *argv[] = { cli, "export-pdf", draft, "-o", out, NULL };
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_RUNTIME_DIR", runtime, TRUE);
      g_autoptr(GBytes) bytes = NULL;
      int status = 0;

      g_mkdir_with_parents (runtime, 0700);
      env = g_environ_unsetenv (env, "TIANBAO_FONT_SUBSET");
      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      bytes = tb_test_read_bytes (out);
      if (first == NULL)
        first = g_bytes_ref (bytes);
      else
        g_assert_true (g_bytes_equal (first, bytes));
      /* Four role faces, made in one or two rounds. */
      g_assert_cmpuint (tb_test_count_entries (cache), >=, 3);
      g_assert_cmpuint (tb_test_count_entries (cache), <=, 12);
    }
  {
    g_autofree char *out = g_build_filename (dir, "out-0.pdf", NULL);
    g_autoptr(GPtrArray) names = tb_test_assert_subset_fonts (out);
  }
  tb_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/font-subset/sample-pdf", test_sample_pdf);
  g_test_add_func ("/font-subset/bundled-sample-size", test_bundled_sample_size);
  g_test_add_func ("/font-subset/role-choices", test_role_choices);
  g_test_add_func ("/font-subset/role-resolve", test_role_resolve);
  g_test_add_func ("/font-subset/role-font-size", test_role_font_size);
  g_test_add_func ("/font-subset/role-chosen-fallback", test_role_chosen_fallback);
  g_test_add_func ("/font-subset/cli-cache", test_cli_cache);

  return g_test_run ();
}
