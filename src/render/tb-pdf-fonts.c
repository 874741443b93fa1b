/* tb-pdf-fonts.c: the layout the PDF export uses, set in per-document subset fonts
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-fonts"

#include "config.h"

#include <gio/gio.h>

#include "tb-font-subset.h"
#include "tb-layout-private.h"
#include "tb-pdf-fonts.h"

/* Rounds of "lay out, find characters drawn that were not gathered, subset again". */
#define MAX_ROUNDS 3

/* What the layout prints besides the format's wording and the report's own text: page
 * numbers ("— 1 —"), numerals and punctuation it composes with. Not needed for
 * correctness (anything missed is found after the first layout), only to save a second
 * round. The characters gathered decide the subsets and so the bytes of the PDF (cairo
 * names an embedded subset by the glyph ids it holds), so they depend on nothing but the
 * report and its format: the same report gives the same bytes in any process. */
static const char layout_chars[] = "—―年月日〇一二三四五六七八九十、，。：；（）《》〔〕_";

static int subset_fonts = -1;

gboolean
tb_pdf_get_subset_fonts (void)
{
  if (subset_fonts < 0)
    subset_fonts = g_strcmp0 (g_getenv ("TIANBAO_FONT_SUBSET"), "0") != 0;
  return subset_fonts;
}

void
tb_pdf_set_subset_fonts (gboolean enabled)
{
  subset_fonts = enabled != FALSE;
}

static void
add (GString    *text,
     const char *s)
{
  if (s != NULL)
    g_string_append (text, s);
}

/* The wording of @format as bundled: every label, heading and sentence it can print. */
static void
add_format_data (GString        *text,
                 const TbFormat *format)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/formats/%s.xml",
                                           tb_format_get_id (format));
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  gsize len;
  const char *data;

  if (bytes == NULL)
    return;
  data = g_bytes_get_data (bytes, &len);
  g_string_append_len (text, data, len);
}

/* Every character of @text once, in order. */
static GString *
unique_chars (const char *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_hash_table_add (seen, GUINT_TO_POINTER (ch)))
        g_string_append_unichar (out, ch);
    }
  return out;
}

/* Everything @report can put on paper, each character once. */
static GString *
gather_text (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = tb_report_dup_title (report);

  for (char c = 0x20; c < 0x7f; c++)
    g_string_append_c (text, c);
  g_string_append (text, layout_chars);
  add_format_data (text, format);
  add (text, title);
  add (text, tb_format_get_name (format));
  add (text, tb_format_get_document (format));
  add (text, tb_report_get_agency (report));
  add (text, tb_report_get_preparer (report));
  add (text, tb_report_get_contact (report));
  add (text, tb_report_get_report_date (report));
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);

      add (text, section->heading);
      add (text, tb_report_get_text (report, section->id));
    }
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *cell = tb_report_dup_cell_text (report, i);

      add (text, cell);
    }
  return unique_chars (text->str);
}

typedef struct
{
  TbFontSubset *subset;
  GString      *extra;
} Check;

static void
check_glyph (double    x,
             double    y,
             double    width,
             double    height,
             gunichar  ch,
             gpointer  user_data)
{
  Check *check = user_data;

  if (ch >= 0x20 && !tb_font_subset_has_char (check->subset, ch) &&
      g_utf8_strchr (tb_font_subset_get_missing (check->subset), -1, ch) == NULL)
    g_string_append_unichar (check->extra, ch);
}

TbLayout *
tb_pdf_layout_new (TbReport              *report,
                   const TbLayoutOptions *options)
{
  TbLayoutOptions opts = { 0 };
  g_autoptr(GString) text = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  if (options != NULL)
    opts = *options;
  opts.font_map = NULL;
  if (!tb_pdf_get_subset_fonts ())
    return tb_layout_new (report, &opts);

  text = gather_text (report);

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autoptr(TbFontSubset) subset = tb_font_subset_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TbLayout) layout = NULL;
      g_autoptr(GString) extra = g_string_new (NULL);
      Check check = { subset, extra };

      /* Every role gets all the text: which role sets which text is known only inside the
       * layout (issue 13, phase 2). */
      for (guint role = 0; role < TB_LAYOUT_N_FONTS; role++)
        tb_font_subset_add_text (subset, tb_layout_get_font (role), text->str, text->len);
      if (!tb_font_subset_build (subset, &error))
        {
          g_warning ("Exporting with the installed fonts as they are: %s", error->message);
          return tb_layout_new (report, &opts);
        }
      if (*tb_font_subset_get_missing (subset) != '\0')
        g_debug ("no installed font has: %s", tb_font_subset_get_missing (subset));

      opts.font_map = tb_font_subset_get_font_map (subset);
      layout = tb_layout_new (report, &opts);
      opts.font_map = NULL;

      for (guint page = 0; page < tb_layout_get_n_pages (layout); page++)
        tb_layout_foreach_glyph (layout, page, check_glyph, &check);
      if (extra->len == 0 || round + 1 == MAX_ROUNDS)
        {
          g_debug ("laid out with subset fonts in %u round(s), %.1f ms", round + 1,
                   (g_get_monotonic_time () - start) / 1000.0);
          return g_steal_pointer (&layout);
        }
      g_debug ("characters drawn but not gathered: %s", extra->str);
      g_string_append (text, extra->str);
    }
  g_assert_not_reached ();
}
