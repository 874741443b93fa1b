/* tb-layout-justify.c: justifying the lines of a paragraph the way Chinese text is set
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two things Pango 1.50 does not do the way Chinese is typeset (W3C, Requirements for
 * Chinese Text Layout, 3.7 and 3.2.x), done here on the lines Pango broke:
 *
 * - A line left short because the punctuation after its last character may not begin a line,
 *   or an opening bracket may not end one, went short by pushing a character down (推出).
 *   The preferred way is to pull in (挤进): set the punctuation mark that moves up and one
 *   more in the line half-width (the OpenType feature `halt`, as Word and WPS do), and the
 *   line is full. A font without `halt` makes nothing fit, and Pango's break stays.
 * - A line without spaces is justified by sharing what it lacks evenly between every two
 *   clusters, the gaps inside a number or a Western word included: “〔2019〕60” became
 *   “〔2 0 1 9〕6 0”. Here numbers and Western words stay whole and the other gaps share it
 *   evenly. (Not first at the Chinese–Western boundaries, as clreq would like: gaps that
 *   differ by more than a few hundredths of an em make PDF readers such as poppler copy
 *   them as spaces, “〔 2019 〕 60”, and search no longer finds the text.) A line with
 *   spaces is justified at its spaces, as Pango does.
 *
 * The widths are changed on the lines Pango laid out (pango_layout_get_line() is the
 * documented way to do so), so the line breaks, the print, the PDF and
 * tb_layout_foreach_glyph() all see the same positions. A layout must not be changed after
 * this: any setter, or a change of the font map's configuration, lays it out again and
 * drops the justification (a TbLayout is made for one export or one print and dropped).
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include "tb-layout-private.h"

typedef struct
{
  PangoGlyphInfo *glyph;  /* the last glyph before the gap: it gets the extra width */
  gboolean        space;  /* after a space */
} Gap;

/* A word space, which Pango widens too; not U+3000, the ideographic space, which is set
 * like any Chinese character. */
static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == 0x00A0;
}

static gboolean
is_western (gunichar c)
{
  return !g_unichar_iswide_cjk (c) && !is_space (c);
}

/* Whether the gap between two clusters starting with @left and @right may widen. */
static gboolean
may_widen (gunichar left,
           gunichar right)
{
  if (is_space (right))
    return FALSE;          /* the space's own gap follows */
  return !(is_western (left) && is_western (right));
}

/* Collects the gaps of @line that may widen, in visual order. FALSE for a line with
 * right-to-left text, which is left alone. */
static gboolean
collect_gaps (PangoLayoutLine *line,
              const char      *text,
              GArray          *gaps)
{
  PangoGlyphInfo *prev_glyph = NULL;
  gunichar prev_char = 0;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoGlyphString *glyphs = run->glyphs;

      if (run->item->analysis.level % 2 != 0)
        return FALSE;
      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          gboolean starts = i == 0 || glyphs->log_clusters[i] != glyphs->log_clusters[i - 1];
          gboolean ends = i == glyphs->num_glyphs - 1 ||
                          glyphs->log_clusters[i + 1] != glyphs->log_clusters[i];

          if (starts)
            {
              gunichar c = g_utf8_get_char (text + run->item->offset + glyphs->log_clusters[i]);

              if (prev_glyph != NULL && may_widen (prev_char, c))
                {
                  Gap gap = { prev_glyph, is_space (prev_char) };

                  g_array_append_val (gaps, gap);
                }
              prev_char = c;
            }
          if (ends)
            prev_glyph = &glyphs->glyphs[i];
        }
    }
  return TRUE;
}

static void
fill_line (PangoLayoutLine *line,
           const char      *text,
           int              slack)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
  gboolean spaces = FALSE;
  guint n = 0, k = 0;

  if (!collect_gaps (line, text, gaps))
    return;
  for (guint i = 0; i < gaps->len; i++)
    spaces |= g_array_index (gaps, Gap, i).space;
  for (guint i = 0; i < gaps->len; i++)
    n += g_array_index (gaps, Gap, i).space == spaces;
  /* As evenly as whole pango units allow. */
  for (guint i = 0; i < gaps->len; i++)
    {
      Gap *gap = &g_array_index (gaps, Gap, i);

      if (gap->space != spaces)
        continue;
      gap->glyph->geometry.width += (int) (((gint64) slack * (k + 1)) / n -
                                           ((gint64) slack * k) / n);
      k++;
    }
}

/* Full-width punctuation that may not begin a line (kinsoku, clreq 3.1.7); its glyph is
 * blank in its right half. */
static gboolean
is_closing (gunichar c)
{
  return c != 0 && g_utf8_strchr ("，。、；：）》」』〕】〉”’", -1, c) != NULL;
}

/* Full-width punctuation that may not end a line; blank in its left half. */
static gboolean
is_opening (gunichar c)
{
  return c != 0 && g_utf8_strchr ("（《「『〔【〈“‘", -1, c) != NULL;
}

static void
add_halt (PangoAttrList *attrs,
          const char    *text,
          const char    *at)
{
  PangoAttribute *attr = pango_attr_font_features_new ("halt");

  attr->start_index = (guint) (at - text);
  attr->end_index = (guint) (g_utf8_next_char (at) - text);
  pango_attr_list_insert (attrs, attr);
}

static int
line_slack (PangoLayout     *layout,
            int              i,
            PangoLayoutLine *line)
{
  PangoRectangle logical;
  int indent = pango_layout_get_indent (layout);

  pango_layout_line_get_extents (line, NULL, &logical);
  return pango_layout_get_width (layout) - logical.width - (i == 0 && indent > 0 ? indent : 0);
}

/* Sets @attrs on @layout; whether the character at @last is then on line @i. */
static gboolean
fits_with (PangoLayout   *layout,
           PangoAttrList *attrs,
           const char    *last,
           int            i)
{
  int at_line;

  pango_layout_set_attributes (layout, attrs);
  pango_layout_index_to_line_x (layout, (int) (last - pango_layout_get_text (layout)), FALSE,
                                &at_line, NULL);
  return at_line == i;
}

/* If line @i went short by pushing a character down, sets the punctuation that kept them
 * together half-width, and if that is not enough the last punctuation mark of the line too;
 * keeps that if everything then fits on the line. */
static void
pull_in_line (PangoLayout *layout,
              int          i,
              int          em)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
  PangoLayoutLine *next = pango_layout_get_line_readonly (layout, i + 1);
  const char *start = text + line->start_index;   /* the lines change below */
  const char *end = start + line->length;
  const char *x = text + next->start_index;
  const char *c = g_utf8_next_char (x);
  const char *last = c;   /* the last character that has to come up */
  const char *other = NULL;
  gboolean opening;
  g_autoptr(PangoAttrList) old = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autoptr(PangoAttrList) more = NULL;

  /* Less than an em short: nothing was pushed down. */
  if (end != x || *x == '\0' || *c == '\0' || (gint64) line_slack (layout, i, line) * 10 < em * 9)
    return;
  opening = is_opening (g_utf8_get_char (x));
  if (!opening && !is_closing (g_utf8_get_char (c)))
    return;

  /* Kept to be put back: setting the new list drops the layout's reference. */
  old = pango_layout_get_attributes (layout);
  if (old != NULL)
    pango_attr_list_ref (old);
  attrs = old != NULL ? pango_attr_list_copy (old) : pango_attr_list_new ();
  if (opening)
    add_halt (attrs, text, x);
  else
    {
      /* “办|法”、”: the whole run of closing marks comes up, each half-width. */
      while (is_closing (g_utf8_get_char (g_utf8_next_char (last))))
        last = g_utf8_next_char (last);
      for (const char *s = c; s <= last; s = g_utf8_next_char (s))
        add_halt (attrs, text, s);
    }
  if (!fits_with (layout, attrs, last, i))
    {
      for (const char *s = start; s < end; s = g_utf8_next_char (s))
        if (is_closing (g_utf8_get_char (s)) || is_opening (g_utf8_get_char (s)))
          other = s;
      more = pango_attr_list_copy (attrs);
      if (other != NULL)
        add_halt (more, text, other);
      if (other == NULL || !fits_with (layout, more, last, i))
        pango_layout_set_attributes (layout, old);
    }
}

void
_tb_layout_justify (PangoLayout *layout,
                    double       em)
{
  const char *text = pango_layout_get_text (layout);
  int em_units = pango_units_from_double (em);

  g_assert (!pango_layout_get_justify (layout));
  g_assert (pango_layout_get_alignment (layout) == PANGO_ALIGN_LEFT);
  if (pango_layout_get_width (layout) <= 0)
    return;

  /* Line by line: a line pulled in changes the ones after it. */
  for (int i = 0; i < pango_layout_get_line_count (layout) - 1; i++)
    pull_in_line (layout, i, em_units);

  /* Filling a line changes no other. */
  for (int i = 0; i < pango_layout_get_line_count (layout) - 1; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line (layout, i);
      int slack = line_slack (layout, i, line);
      char end = text[line->start_index + line->length];

      /* The last line of a paragraph stays as it is; less than 1/64 em is not worth a
       * change anyone could see. */
      if (end == '\n' || end == '\r' || (gint64) slack * 64 < em_units)
        continue;
      fill_line (line, text, slack);
    }
}
