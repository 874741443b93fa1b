/* tb-layout-text.c: the running text of a report: title, preface, headings, paragraphs, 落款
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include <string.h>

#include "tb-layout-private.h"
#include "tb-sentence.h"
#include "tb-text.h"

/* ---- Paragraphs and headings ----------------------------------------------------------- */

static PangoLayout *
make_paragraph (TbLayout   *self,
                const char *text)
{
  PangoLayout *layout = _tb_layout_make (self, TB_LAYOUT_FONT_BODY, 0, text, TEXT_WIDTH,
                                         PANGO_ALIGN_LEFT);

  pango_layout_set_indent (layout, pango_units_from_double (2 * BODY_SIZE));
  return layout;
}

void
_tb_layout_flow_heading (TbLayoutFlow *f,
                         const char   *text,
                         double        keep_after)
{
  TbLayout *self = f->self;
  g_autoptr(PangoLayout) layout = _tb_layout_make (self, TB_LAYOUT_FONT_HEADING, 0, text,
                                                   TEXT_WIDTH, PANGO_ALIGN_LEFT);
  TbLayoutHeading h = { 0, };

  pango_layout_set_indent (layout, pango_units_from_double (2 * BODY_SIZE));
  _tb_layout_flow_ensure (f, pango_layout_get_line_count (layout) * LINE_PITCH + keep_after);
  h.text = g_strdup (text);
  h.page = self->pages->len - 1;
  h.y = f->y;
  g_array_append_val (self->headings, h);
  _tb_layout_flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, G_MAXUINT, keep_after);
}

static int
n_numerals (const TbFormat *format)
{
  int n = 0;

  while (tb_format_get_numeral (format, n + 1) != NULL)
    n++;
  return n;
}

/* If @para starts with a level-2 marker （一）…（十） (also written with ASCII
 * parentheses), returns its numeral index and sets @rest to the text after the marker
 * and the spaces that follow it. */
static int
match_level2 (const TbFormat  *format,
              const char      *para,
              const char     **rest)
{
  const char *p = para;
  const char *close;

  if (g_str_has_prefix (p, "（"))
    p += strlen ("（");
  else if (*p == '(')
    p++;
  else
    return -1;

  for (int i = n_numerals (format) - 1; i >= 0; i--)
    {
      const char *numeral = tb_format_get_numeral (format, i + 1);

      if (!g_str_has_prefix (p, numeral))
        continue;
      close = p + strlen (numeral);
      if (g_str_has_prefix (close, "）"))
        close += strlen ("）");
      else if (*close == ')')
        close++;
      else
        return -1;
      while (*close == ' ' || g_str_has_prefix (close, "\u3000"))
        close += *close == ' ' ? 1 : strlen ("\u3000");
      *rest = close;
      return i;
    }
  return -1;
}

/* Heading part of a level-2 paragraph: up to the first full stop if it comes early,
 * the whole paragraph if it is short, else only the marker. Returns a byte length. */
static gsize
level2_heading_length (const char *text,
                       gsize       marker_len)
{
  const char *body = text + marker_len;
  const char *stop = strstr (body, "。");

  if (stop != NULL && g_utf8_strlen (body, stop - body) <= 30)
    return stop + strlen ("。") - text;
  if (g_utf8_strlen (body, -1) <= 30)
    return strlen (text);
  return marker_len;
}

/* Lays out @len bytes of a paragraph; @first: its start, which is indented and carries
 * @attrs. */
static PangoLayout *
make_piece (TbLayout      *self,
            const char    *text,
            gsize          len,
            gboolean       first,
            PangoAttrList *attrs)
{
  g_autofree char *piece = g_strndup (text, len);
  PangoLayout *layout = make_paragraph (self, piece);

  if (!first)
    pango_layout_set_indent (layout, 0);
  else if (attrs != NULL)
    pango_layout_set_attributes (layout, attrs);
  _tb_layout_justify (layout, BODY_SIZE);
  return layout;
}

/* Places a paragraph, in pieces when it is long. Pango 1.50 lays a run of text without a
 * break opportunity out in time quadratic in its length (100,000 characters: 24 s), and
 * shapes a run of more than some 65,000 characters into a few lines only, dropping the rest
 * silently. So a paragraph is laid out TB_LAYOUT_PIECE_BYTES at a time: of each piece, all
 * lines but the last two are placed, and the next piece starts where the first dropped line
 * started. Line breaking is greedy, so every placed line is the line the whole paragraph
 * would have had (tests/test-pdf-long-paragraph.c compares them), ends at least a line before
 * the cut, and is justified as a middle line; a paragraph of one piece is laid out exactly as
 * before. */
static void
flow_pieces (TbLayoutFlow  *f,
             const char    *text,
             PangoAttrList *attrs)
{
  const char *start = text;
  const char *end = text + strlen (text);
  gboolean first = TRUE;

  while (start < end)
    {
      g_autoptr(PangoLayout) layout = NULL;
      const char *cut;
      int n;

      if ((gsize) (end - start) <= TB_LAYOUT_PIECE_BYTES)
        {
          layout = make_piece (f->self, start, end - start, first, attrs);
          _tb_layout_flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, first ? 2 : 1, 0);
          return;
        }
      cut = start + TB_LAYOUT_PIECE_BYTES;
      while (cut > start && ((guchar) *cut & 0xc0) == 0x80)
        cut--;
      layout = make_piece (f->self, start, cut - start, first, attrs);
      n = pango_layout_get_line_count (layout);
      if (n >= 3)
        {
          PangoLayoutLine *next = pango_layout_get_line_readonly (layout, n - 2);

          _tb_layout_flow_first_lines (f, layout, (guint) n - 2, TEXT_LEFT, LINE_PITCH,
                                       first ? 2 : 1, 0);
          start += next->start_index;
        }
      else
        {
          /* Not even three lines in a piece (one cluster of a thousand combining marks):
           * nothing to keep apart, place it whole. */
          _tb_layout_flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, first ? 2 : 1, 0);
          start = cut;
        }
      first = FALSE;
    }
}

static void
flow_paragraph (TbLayoutFlow *f,
                const char   *para)
{
  TbLayout *self = f->self;
  const char *rest = NULL;
  int level2 = match_level2 (self->format, para, &rest);

  if (level2 >= 0)
    {
      /* Print the marker in full-width parentheses, as official documents do. */
      const char *numeral = tb_format_get_numeral (self->format, level2 + 1);
      g_autofree char *text = g_strdup_printf ("（%s）%s", numeral, rest);
      gsize marker_len = strlen ("（）") + strlen (numeral);
      gsize head_len = level2_heading_length (text, marker_len);
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *attr = pango_attr_font_desc_new (self->fonts[TB_LAYOUT_FONT_HEADING2]);

      attr->start_index = 0;
      attr->end_index = head_len;
      pango_attr_list_insert (attrs, attr);
      flow_pieces (f, text, attrs);
      pango_attr_list_unref (attrs);
      return;
    }

  flow_pieces (f, para, NULL);
}

/* Paragraphs of a text section: one per line, trimmed, empty lines dropped. */
static void
flow_text (TbLayoutFlow *f,
           const char   *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *para = tb_text_strip (lines[i], -1, tb_text_is_blank);

      if (*para != '\0')
        flow_paragraph (f, para);
    }
}

void
_tb_layout_flow_text_section (TbLayoutFlow        *f,
                              TbReport            *report,
                              const TbSectionSpec *section)
{
  g_autofree char *sentence = tb_sentence_make_printed (report, section);

  _tb_layout_flow_heading (f, section->heading, 2 * LINE_PITCH);
  if (sentence != NULL)
    flow_paragraph (f, sentence);
  flow_text (f, tb_report_get_text (report, section->id));
}

/* ---- Title, preface, sign-off ---------------------------------------------------------- */

void
_tb_layout_flow_title (TbLayoutFlow *f,
                       TbReport     *report,
                       const char   *title)
{
  TbLayout *self = f->self;
  const char *agency = tb_report_get_agency (report);
  g_autoptr(PangoLayout) layout = _tb_layout_make (self, TB_LAYOUT_FONT_TITLE, 0, title,
                                                   TEXT_WIDTH, PANGO_ALIGN_CENTER);

  /* A title too long for one line breaks after the agency, as published reports do. */
  if (pango_layout_get_line_count (layout) > 1 && agency != NULL && *agency != '\0' &&
      g_str_has_prefix (title, agency) && title[strlen (agency)] != '\0')
    {
      g_autofree char *split = g_strdup_printf ("%s\n%s", agency, title + strlen (agency));

      pango_layout_set_text (layout, split, -1);
    }
  _tb_layout_flow_lines (f, layout, TEXT_LEFT, TITLE_PITCH, G_MAXUINT, 0);
  f->y += LINE_PITCH;
}

void
_tb_layout_flow_preface (TbLayoutFlow *f,
                         TbReport     *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *preface = tb_format_make_preface (format, tb_report_get_year (report));
  g_autoptr(PangoLayout) layout = NULL;

  if (preface == NULL)
    return;
  layout = make_paragraph (f->self, preface);
  _tb_layout_justify (layout, BODY_SIZE);
  _tb_layout_flow_lines (f, layout, TEXT_LEFT, LINE_PITCH, 2, 0);
}

void
_tb_layout_flow_sign_off (TbLayoutFlow *f,
                          TbReport     *report)
{
  TbLayout *self = f->self;
  const char *agency = tb_report_get_agency (report);
  const char *blank = tb_format_get_wording (self->format, TB_WORDING_DATE_BLANK);
  g_autofree char *date = tb_format_make_date (self->format,
                                               tb_report_get_report_date (report));
  g_autoptr(PangoLayout) agency_layout = NULL;
  g_autoptr(PangoLayout) date_layout = NULL;
  double right, date_w, agency_w, centre, agency_x;

  /* The date's right edge stays four characters in; the agency is centred on the date
   * (GB/T 9704 7.3.5.1). Without a report date, leave room to write one in. */
  date_layout = _tb_layout_make (self, TB_LAYOUT_FONT_BODY, 0,
                                 date ? date : blank ? blank : "",
                                 -1, PANGO_ALIGN_LEFT);
  agency_layout = _tb_layout_make (self, TB_LAYOUT_FONT_BODY, 0, agency ? agency : "", -1,
                                   PANGO_ALIGN_LEFT);
  right = TEXT_LEFT + TEXT_WIDTH - 4 * BODY_SIZE;
  date_w = _tb_layout_width (date_layout);
  agency_w = _tb_layout_width (agency_layout);
  centre = right - date_w / 2;
  agency_x = MIN (centre - agency_w / 2, TEXT_LEFT + TEXT_WIDTH - agency_w);
  agency_x = MAX (agency_x, TEXT_LEFT);

  _tb_layout_flow_ensure (f, 4 * LINE_PITCH);
  if (!_tb_layout_flow_at_top (f))
    f->y += 2 * LINE_PITCH;
  if (agency != NULL && *agency != '\0')
    _tb_layout_flow_lines (f, agency_layout, agency_x, LINE_PITCH, 2, 0);
  _tb_layout_flow_lines (f, date_layout, right - date_w, LINE_PITCH, 1, 0);
}
