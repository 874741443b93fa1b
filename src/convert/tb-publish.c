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

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000 || c == 0xfeff;
}

/* @start .. @end without the blanks at both ends, as a new string. */
static char *
strip_blanks (const char *start,
              const char *end)
{
  while (start < end && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* ---- Level-2 headings ----------------------------------------------------------------- */

static const char *const numerals[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

/* If @para starts with a level-2 marker （一）…（十） (also written with ASCII parentheses),
 * returns its numeral index and sets @rest to the text after the marker and its blanks. */
static int
match_level2 (const char  *para,
              const char **rest)
{
  const char *p = para;

  if (g_str_has_prefix (p, "（"))
    p += strlen ("（");
  else if (*p == '(')
    p++;
  else
    return -1;

  for (int i = G_N_ELEMENTS (numerals) - 1; i >= 0; i--)
    {
      const char *close;

      if (!g_str_has_prefix (p, numerals[i]))
        continue;
      close = p + strlen (numerals[i]);
      if (g_str_has_prefix (close, "）"))
        close += strlen ("）");
      else if (*close == ')')
        close++;
      else
        return -1;
      while (*close != '\0' && is_blank (g_utf8_get_char (close)))
        close = g_utf8_next_char (close);
      *rest = close;
      return i;
    }
  return -1;
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
               const TbSectionSpec *section,
               const char          *para)
{
  const char *rest = NULL;
  int level2 = match_level2 (para, &rest);
  g_autofree char *text = NULL;
  gsize marker_len, head_len;

  if (level2 < 0)
    {
      add_block (blocks, TB_BLOCK_PARAGRAPH, section, NULL, tb_publish_clean_text (para));
      return;
    }

  /* The marker in full-width parentheses, as official documents write it. */
  text = g_strdup_printf ("（%s）%s", numerals[level2], rest);
  marker_len = strlen ("（）") + strlen (numerals[level2]);
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
          const TbSectionSpec *section,
          const char          *text)
{
  const char *line = text;

  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');
      g_autofree char *para = strip_blanks (line, end ? end : line + strlen (line));

      if (*para != '\0')
        add_paragraph (blocks, section, para);
      line = end ? end + 1 : NULL;
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

/* The standard sentence of a section with fields (section 六: fees), or NULL when none of
 * its fields is filled. Unfilled fields print as a blank, as in the PDF. */
static char *
section_sentence (TbReport            *report,
                  const TbSectionSpec *section)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = NULL;
  gboolean any = FALSE;
  int year = tb_report_get_year (report);
  g_autofree char *year_s = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("____");

  if (section->sentence == NULL || section->n_fields == 0)
    return NULL;

  s = g_string_new (section->sentence);
  g_string_replace (s, "{year}", year_s, 0);
  for (guint i = 0; i < section->n_fields; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, section->fields[i]);
      g_autofree char *key = g_strdup_printf ("{%s}", spec->id);
      g_autofree char *value = tb_publish_cell_text (report, section->fields[i]);

      any |= value != NULL;
      g_string_replace (s, key, value ? value : "____", 0);
    }
  if (!any)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
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
  const char *agency;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);
  blocks = g_ptr_array_new_with_free_func (block_free);
  title = tb_report_dup_title (report);
  agency = tb_report_get_agency (report);
  add_block (blocks, TB_BLOCK_TITLE, NULL,
             agency != NULL && *agency != '\0' && g_str_has_prefix (title, agency) &&
             title[strlen (agency)] != '\0' && !title_fits (title)
             ? tb_publish_clean_text (agency) : NULL,
             tb_publish_clean_text (title));

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      add_block (blocks, TB_BLOCK_HEADING, section, NULL, g_strdup (section->heading));
      if (section->type == TB_SECTION_TABLE && section->table != NULL)
        add_block (blocks, TB_BLOCK_TABLE, section, NULL, NULL)->table = section->table;
      else
        {
          g_autofree char *sentence = section_sentence (report, section);

          if (sentence != NULL)
            add_paragraph (blocks, section, sentence);
          add_text (blocks, section, tb_report_get_text (report, section->id));
        }
    }

  /* TODO(#10): the preface and the sign-off (落款), once their wording comes from the
   * format data through core (branch l-core). */
  (void) flags;
  return blocks;
}
