/* tb-publish.c: a report's content as it is published, in order, for the writers
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reproduces what src/render/tb-layout.c prints, block by block: a paragraph per line of a
 * text section (trimmed, empty lines dropped), a level-2 marker （一） written with full-width
 * parentheses and its heading part set apart, the standard sentence of a section with
 * fields (section 六: fees) when one of them is filled, unfilled fields as a blank.
 */
#include "config.h"

#include <string.h>

#include "tb-font-roles.h"
#include "tb-publish.h"
#include "tb-readiness.h"
#include "tb-sentence.h"
#include "tb-text.h"
#include "tb-value.h"

/* The GB/T 9704 text block is 156 mm wide. */
#define TEXT_WIDTH_PT (156.0 * 72.0 / 25.4)

/* ---- Text ----------------------------------------------------------------------------- */

static gboolean
is_xml_char (gunichar c)
{
  if (c == '\t' || c == '\n')
    return TRUE;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))     /* C0 and C1 controls, DEL */
    return FALSE;
  if (c >= 0xfdd0 && c <= 0xfdef)                /* noncharacters */
    return FALSE;
  if ((c & 0xfffe) == 0xfffe)                    /* U+xFFFE, U+xFFFF */
    return FALSE;
  return c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff);
}

char *
tb_publish_clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_xml_char (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append_unichar (out, 0xfffd);
    }
  return g_string_free (out, FALSE);
}

void
tb_publish_append_escaped (GString    *out,
                           const char *text)
{
  g_autofree char *clean = tb_publish_clean_text (text);

  for (const char *p = clean; *p != '\0'; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      default:
        g_string_append_c (out, *p);
        break;
      }
}

/* ---- Level-2 headings ----------------------------------------------------------------- */

static guint
n_numerals (const TbFormat *format)
{
  guint n = 0;

  while (tb_format_get_numeral (format, n + 1) != NULL)
    n++;
  return n;
}

/* If @para starts with a level-2 marker （一）…（十） (the format's numerals, also written
 * with ASCII parentheses), returns the numeral (1 for 一) and sets @rest to the text after
 * the marker and the spaces that follow it; else 0. */
static guint
match_level2 (const TbFormat  *format,
              const char      *para,
              const char     **rest)
{
  const char *p = para;

  if (g_str_has_prefix (p, "（"))
    p += strlen ("（");
  else if (*p == '(')
    p++;
  else
    return 0;

  /* Longest first: 十一 before 十 before 一. */
  for (guint n = n_numerals (format); n > 0; n--)
    {
      const char *numeral = tb_format_get_numeral (format, n);
      const char *close;

      if (!g_str_has_prefix (p, numeral))
        continue;
      close = p + strlen (numeral);
      if (g_str_has_prefix (close, "）"))
        close += strlen ("）");
      else if (*close == ')')
        close++;
      else
        return 0;
      while (*close == ' ' || g_str_has_prefix (close, "\u3000"))
        close += *close == ' ' ? 1 : strlen ("\u3000");
      *rest = close;
      return n;
    }
  return 0;
}

/* The heading part of a level-2 paragraph (the marker written out, then @rest): up to the
 * first full stop when it comes within 30 characters, the whole paragraph when it is that
 * short, else the marker alone. Returns a byte length of @text. */
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

/* ---- Blocks --------------------------------------------------------------------------- */

static void
block_free (gpointer data)
{
  TbPublishBlock *b = data;

  g_free (b->lead);
  g_free (b->text);
  g_free (b);
}

static TbPublishBlock *
add_block (GPtrArray           *blocks,
           TbPublishKind        kind,
           const TbSectionSpec *section,
           char                *lead,
           char                *text)
{
  TbPublishBlock *b = g_new0 (TbPublishBlock, 1);

  b->kind = kind;
  b->section = section;
  b->lead = lead;
  b->text = text;
  g_ptr_array_add (blocks, b);
  return b;
}

static void
add_paragraph (GPtrArray           *blocks,
               const TbFormat      *format,
               const TbSectionSpec *section,
               const char          *para)
{
  const char *rest = NULL;
  guint level2 = match_level2 (format, para, &rest);
  const char *numeral;
  g_autofree char *text = NULL;
  gsize marker_len, head_len;

  if (level2 == 0)
    {
      add_block (blocks, TB_BLOCK_PARAGRAPH, section, NULL, tb_publish_clean_text (para));
      return;
    }

  /* The marker in full-width parentheses, as official documents write it. */
  numeral = tb_format_get_numeral (format, level2);
  text = g_strdup_printf ("（%s）%s", numeral, rest);
  marker_len = strlen ("（）") + strlen (numeral);
  head_len = level2_heading_length (text, marker_len);
  if (text[head_len] == '\0')
    add_block (blocks, TB_BLOCK_SUBHEADING, section, NULL, tb_publish_clean_text (text));
  else
    {
      g_autofree char *lead = g_strndup (text, head_len);

      add_block (blocks, TB_BLOCK_PARAGRAPH, section, tb_publish_clean_text (lead),
                 tb_publish_clean_text (text + head_len));
    }
}

/* Paragraphs of a text section: one per line, trimmed, empty lines dropped. */
static void
add_text (GPtrArray           *blocks,
          const TbFormat      *format,
          const TbSectionSpec *section,
          const char          *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_auto(GStrv) lines = g_strsplit (valid, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *para = tb_text_strip (lines[i], -1, tb_text_is_blank);

      if (*para != '\0')
        add_paragraph (blocks, format, section, para);
    }
}

char *
tb_publish_cell_text (TbReport *report,
                      guint     cell)
{
  const TbCellValue *value = tb_report_get_cell (report, cell);
  const TbCellSpec *spec = tb_format_get_cell (tb_report_get_format (report), cell);
  g_autofree char *text = NULL;

  switch (value->state)
    {
    case TB_CELL_VALID:
      text = tb_value_format_display (spec, value->value, value->unit);
      break;
    case TB_CELL_INVALID:
      text = g_strdup (value->text);
      break;
    case TB_CELL_EMPTY:
    default:
      return NULL;
    }
  return tb_publish_clean_text (text);
}

/* Whether @title fits on one line in the title's size: a wide (CJK, full-width) character
 * is one em, any other half an em. */
static gboolean
title_fits (const char *title)
{
  double ems = 0;

  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    ems += g_unichar_iswide (g_utf8_get_char (p)) ? 1.0 : 0.5;
  return ems * tb_font_role_get (TB_FONT_ROLE_TITLE)->size <= TEXT_WIDTH_PT;
}

GPtrArray *
tb_publish_blocks (TbReport       *report,
                   TbPublishFlags  flags)
{
  const TbFormat *format;
  GPtrArray *blocks;
  g_autofree char *title = NULL;
  g_autofree char *preface = NULL;
  const char *agency;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);
  blocks = g_ptr_array_new_with_free_func (block_free);
  title = tb_report_dup_title (report);
  agency = tb_report_get_agency (report);
  if (flags & TB_PUBLISH_DRAFT)
    {
      guint issues = tb_readiness_count_blocking_issues (report);
      char *mark = issues > 0 ? tb_format_make_draft_mark (format, issues) : NULL;

      if (mark != NULL)
        add_block (blocks, TB_BLOCK_DRAFT_MARK, NULL, NULL, mark);
    }
  add_block (blocks, TB_BLOCK_TITLE, NULL,
             agency != NULL && *agency != '\0' && g_str_has_prefix (title, agency) &&
             title[strlen (agency)] != '\0' && !title_fits (title)
             ? tb_publish_clean_text (agency) : NULL,
             tb_publish_clean_text (title));
  preface = tb_format_make_preface (format, tb_report_get_year (report));
  if (preface != NULL)
    add_block (blocks, TB_BLOCK_PREFACE, NULL, NULL, g_steal_pointer (&preface));

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      add_block (blocks, TB_BLOCK_HEADING, section, NULL, g_strdup (section->heading));
      if (section->type == TB_SECTION_TABLE && section->table != NULL)
        add_block (blocks, TB_BLOCK_TABLE, section, NULL, NULL)->table = section->table;
      else
        {
          g_autofree char *sentence = tb_sentence_make_printed (report, section);

          if (sentence != NULL)
            add_paragraph (blocks, format, section, sentence);
          add_text (blocks, format, section, tb_report_get_text (report, section->id));
        }
    }

  if (flags & TB_PUBLISH_SIGN_OFF)
    {
      char *date = tb_format_make_date (format, tb_report_get_report_date (report));
      const char *blank = tb_format_get_wording (format, TB_WORDING_DATE_BLANK);

      /* Without a report date, the blank to write one in by hand, as in the PDF. */
      add_block (blocks, TB_BLOCK_SIGN_OFF, NULL,
                 date != NULL ? date : g_strdup (blank ? blank : ""),
                 tb_publish_clean_text (agency));
    }
  return blocks;
}
