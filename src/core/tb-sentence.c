/* tb-sentence.c: the standard sentence of a text section, made from its fields
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-sentence"

#include "config.h"

#include "tb-sentence.h"
#include "tb-template.h"
#include "tb-value.h"

/* What a filled-in field may look like: digits, separators, decimals, spaces. */
#define VALUE_PATTERN "[^，。；;\\n]*?"

static char *
field_value (const char *name,
             gpointer    user_data)
{
  TbReport *report = user_data;
  const TbCellSpec *spec;
  const TbCellValue *v;

  if (g_str_equal (name, "year"))
    return g_strdup_printf ("%d", tb_report_get_year (report));
  spec = tb_format_find_cell (tb_report_get_format (report), name);
  v = spec ? tb_report_get_cell (report, spec->index) : NULL;
  if (v == NULL || v->state != TB_CELL_VALID)
    return NULL;
  return tb_value_format (spec->kind, v->value);
}

char *
tb_sentence_make (TbReport            *report,
                  const TbSectionSpec *section)
{
  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  if (section->sentence == NULL || *section->sentence == '\0')
    return NULL;
  return tb_template_expand (section->sentence, field_value, report);
}

typedef struct
{
  TbReport            *report;
  const TbSectionSpec *section;
  const char          *blank;
} PrintedData;

static char *
printed_value (const char *name,
               gpointer    user_data)
{
  PrintedData *pd = user_data;
  const TbFormat *format = tb_report_get_format (pd->report);
  int year;

  if (g_str_equal (name, "year"))
    {
      year = tb_report_get_year (pd->report);
      return year > 0 ? g_strdup_printf ("%d", year) : g_strdup (pd->blank);
    }
  for (guint i = 0; i < pd->section->n_fields; i++)
    if (g_str_equal (tb_format_get_cell (format, pd->section->fields[i])->id, name))
      {
        char *value = tb_report_dup_cell_text (pd->report, pd->section->fields[i]);

        return value ? value : g_strdup (pd->blank);
      }
  /* Not a field of the section: left as it is. */
  return g_strdup_printf ("{%s}", name);
}

char *
tb_sentence_make_printed (TbReport            *report,
                          const TbSectionSpec *section)
{
  PrintedData pd = { report, section, NULL };
  gboolean any = FALSE;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  if (section->sentence == NULL || section->n_fields == 0)
    return NULL;
  for (guint i = 0; i < section->n_fields && !any; i++)
    {
      g_autofree char *value = tb_report_dup_cell_text (report, section->fields[i]);

      any = value != NULL;
    }
  if (!any)
    return NULL;
  pd.blank = tb_format_get_wording (tb_report_get_format (report), TB_WORDING_BLANK);
  if (pd.blank == NULL)
    pd.blank = "";
  return tb_template_expand (section->sentence, printed_value, &pd);
}

gboolean
tb_sentence_find (const TbSectionSpec *section,
                  const char          *text,
                  int                 *start,
                  int                 *end)
{
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  int s, e;

  g_return_val_if_fail (section != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (section->sentence == NULL || *section->sentence == '\0')
    return FALSE;
  pattern = tb_template_to_regex (section->sentence, VALUE_PATTERN);
  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
  if (regex == NULL || !g_regex_match (regex, text, 0, &match))
    return FALSE;
  if (!g_match_info_fetch_pos (match, 0, &s, &e))
    return FALSE;
  if (start != NULL)
    *start = (int) g_utf8_pointer_to_offset (text, text + s);
  if (end != NULL)
    *end = (int) g_utf8_pointer_to_offset (text, text + e);
  return TRUE;
}
