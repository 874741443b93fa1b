/* tb-rules-text.c: the rules over the report's text sections
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text section must be written (TB_RULE_TEXT), and must not be last year's text again
 * (TB_RULE_TEXT_UNCHANGED): a report copied from an earlier year is a known failure in the
 * evaluations of these reports. White space and the year do not make a text new.
 */
#define G_LOG_DOMAIN "tb-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-rules-private.h"

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

void
_tb_rules_check_text (TbReport     *report,
                      const TbRule *rule,
                      GPtrArray    *out)
{
  const TbSectionSpec *section = tb_format_get_section (tb_report_get_format (report),
                                                        rule->target);

  if (text_is_blank (tb_report_get_text (report, section->id)))
    g_ptr_array_add (out, _tb_issue_new (rule, rule->key, rule->severity, NULL, 0,
                                         g_strdup_printf (_("%s has no text yet"),
                                                         section->heading)));
}

/* Texts shorter than this (without white space) may well be the same every year. */
#define TEXT_UNCHANGED_MIN_CHARS 20

/* The text with every white space removed (reflowing a copied text does not make it new),
 * and, when @year is set, that year replaced by a mark (so that last year's text with the
 * year bumped compares equal to it). */
static char *
text_fingerprint (const char *text,
                  int         year)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (s, c);
    }
  if (year > 0)
    {
      char digits[16];

      g_snprintf (digits, sizeof digits, "%d", year);
      g_string_replace (s, digits, "\x01", 0);
    }
  return g_string_free (s, FALSE);
}

void
_tb_rules_check_text_unchanged (TbReport     *report,
                                TbReport     *previous,
                                const TbRule *rule,
                                GPtrArray    *out)
{
  const TbSectionSpec *section = tb_format_get_section (tb_report_get_format (report),
                                                        rule->target);
  const char *text = tb_report_get_text (report, section->id);
  const char *old = tb_report_get_text (previous, section->id);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *a_year = NULL;
  g_autofree char *b_year = NULL;

  /* An empty text is reported by the text rules, not as a copy. */
  if (text_is_blank (text) || text_is_blank (old))
    return;
  a = text_fingerprint (text, 0);
  b = text_fingerprint (old, 0);
  /* "无。" two years running is no copied report. */
  if (g_utf8_strlen (a, -1) < TEXT_UNCHANGED_MIN_CHARS)
    return;
  /* Copied as it was, or with only the year changed. */
  a_year = text_fingerprint (text, tb_report_get_year (report));
  b_year = text_fingerprint (old, tb_report_get_year (previous));
  if (g_str_equal (a, b) || g_str_equal (a_year, b_year))
    {
      TbIssue *issue = _tb_issue_new (rule, rule->key, rule->severity, NULL, 0,
                                      g_strdup_printf (_("%s is the same as in last year's "
                                                        "report; a report copied from an "
                                                        "earlier year is a known evaluation "
                                                        "failure, so write this year's"),
                                                      section->heading));

      if (rule->severity == TB_SEVERITY_WARNING)
        issue->acknowledged = tb_report_is_acknowledged (report, rule->key);
      g_ptr_array_add (out, issue);
    }
}
