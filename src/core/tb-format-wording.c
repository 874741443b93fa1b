/* tb-format-wording.c: the official wording of the printed report, from the format data
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Legal text is data (<title-pattern> and <wording> in data/formats/), never C: this file
 * only knows the names of the placeholders it fills in.
 */
#define G_LOG_DOMAIN "tb-format"

#include "config.h"

#include "tb-date.h"
#include "tb-format-private.h"
#include "tb-template.h"

/* The elements of <wording> that hold one template each. */
static const struct
{
  const char *element;
  TbWording   wording;
} wording_elements[] = {
  { "preface", TB_WORDING_PREFACE },
  { "subject", TB_WORDING_SUBJECT },
  { "date", TB_WORDING_DATE },
  { "date-blank", TB_WORDING_DATE_BLANK },
  { "draft-mark", TB_WORDING_DRAFT_MARK },
  { "blank", TB_WORDING_BLANK },
};

/* ------------------------------------------------------------------ loading */

static void
set_wording (TbFormat  *self,
             TbWording  wording,
             xmlNode   *node)
{
  g_autofree char *text = _tb_format_content (node);

  self->wording[wording] = _tb_format_intern (self, text);
}

gboolean
_tb_format_load_wording (TbFormat *self,
                         xmlNode  *node,
                         GError  **error)
{
  if (_tb_format_is_elem (node, "title-pattern"))
    {
      set_wording (self, TB_WORDING_TITLE, node);
      return TRUE;
    }

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (_tb_format_is_elem (c, "numerals"))
        {
          g_autofree char *list = _tb_format_content_collapsed (c);

          self->numerals = _tb_format_intern_strv (self, list);
          continue;
        }
      if (_tb_format_is_elem (c, "preface"))
        {
          g_autofree char *separator = _tb_format_prop (c, "separator");
          g_autofree char *conjunction = _tb_format_prop (c, "conjunction");

          self->preface_separator = _tb_format_intern (self, separator);
          self->preface_conjunction = _tb_format_intern (self, conjunction);
        }
      for (guint i = 0; i < G_N_ELEMENTS (wording_elements); i++)
        if (_tb_format_is_elem (c, wording_elements[i].element))
          set_wording (self, wording_elements[i].wording, c);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ public */

const char *
tb_format_get_wording (const TbFormat *self,
                       TbWording       wording)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) wording < TB_N_WORDINGS, NULL);

  return self->wording[wording];
}

const char *
tb_format_get_numeral (const TbFormat *self,
                       guint           n)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->numerals == NULL || n == 0)
    return NULL;
  for (guint i = 0; i < n - 1; i++)
    if (self->numerals[i] == NULL)
      return NULL;
  return self->numerals[n - 1];
}

/* A year as printed: the blank wording when it is not known. */
static char *
year_text (const TbFormat *self,
           int             year)
{
  const char *blank = self->wording[TB_WORDING_BLANK];

  return year > 0 ? g_strdup_printf ("%d", year) : g_strdup (blank ? blank : "");
}

char *
tb_format_make_title (const TbFormat *self,
                      const char     *agency,
                      int             year)
{
  g_autofree char *year_s = NULL;
  const char *pattern;

  g_return_val_if_fail (self != NULL, NULL);

  year_s = year_text (self, year);
  pattern = self->wording[TB_WORDING_TITLE];
  if (pattern == NULL)
    return g_strconcat (agency ? agency : "", year_s, NULL);
  return tb_template_fill (pattern, "agency", agency ? agency : "", "year", year_s, NULL);
}

char *
tb_format_make_preface (const TbFormat *self,
                        int             year)
{
  const char *separator;
  const char *conjunction;
  const char *numeral;
  g_autoptr(GString) parts = NULL;
  g_autofree char *n_parts = NULL;
  g_autofree char *year_s = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->wording[TB_WORDING_PREFACE] == NULL)
    return NULL;

  separator = self->preface_separator ? self->preface_separator : "";
  conjunction = self->preface_conjunction ? self->preface_conjunction : "";
  parts = g_string_new (NULL);
  for (guint i = 0; i < self->sections->len; i++)
    {
      const TbFormatSection *section = g_ptr_array_index (self->sections, i);
      g_autoptr(GString) title = g_string_new (section->spec.title);

      /* "行政复议、行政诉讼" would read as two items of the list. */
      if (*separator != '\0')
        g_string_replace (title, separator, conjunction, 0);
      if (i > 0)
        g_string_append (parts, separator);
      g_string_append (parts, title->str);
    }
  numeral = tb_format_get_numeral (self, self->sections->len);
  n_parts = numeral ? g_strdup (numeral) : g_strdup_printf ("%u", self->sections->len);
  year_s = year_text (self, year);

  return tb_template_fill (self->wording[TB_WORDING_PREFACE],
                           "format", self->name,
                           "document", tb_format_get_document (self),
                           "parts", parts->str,
                           "n-parts", n_parts,
                           "year", year_s,
                           NULL);
}

char *
tb_format_make_date (const TbFormat *self,
                     const char     *iso_date)
{
  guint y, m, d;
  char y_s[16], m_s[16], d_s[16];

  g_return_val_if_fail (self != NULL, NULL);

  if (self->wording[TB_WORDING_DATE] == NULL || !tb_date_split (iso_date, &y, &m, &d))
    return NULL;
  g_snprintf (y_s, sizeof y_s, "%u", y);
  g_snprintf (m_s, sizeof m_s, "%u", m);
  g_snprintf (d_s, sizeof d_s, "%u", d);
  return tb_template_fill (self->wording[TB_WORDING_DATE],
                           "year", y_s, "month", m_s, "day", d_s, NULL);
}

char *
tb_format_make_draft_mark (const TbFormat *self,
                           guint           n_issues)
{
  char count[16];

  g_return_val_if_fail (self != NULL, NULL);

  if (self->wording[TB_WORDING_DRAFT_MARK] == NULL)
    return NULL;
  g_snprintf (count, sizeof count, "%u", n_issues);
  return tb_template_fill (self->wording[TB_WORDING_DRAFT_MARK], "count", count, NULL);
}
