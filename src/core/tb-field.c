/* tb-field.c: the limits and the one character rule of every text a report holds
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-field"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tb-field.h"

G_DEFINE_QUARK (tb-field-error-quark, tb_field_error)

static const guint max_chars[TB_FIELD_N] = {
  [TB_FIELD_AGENCY] = TB_FIELD_AGENCY_MAX_CHARS,
  [TB_FIELD_PREPARER] = TB_FIELD_PREPARER_MAX_CHARS,
  [TB_FIELD_CONTACT] = TB_FIELD_CONTACT_MAX_CHARS,
  [TB_FIELD_TEXT] = TB_FIELD_TEXT_MAX_CHARS,
  [TB_FIELD_CELL] = TB_FIELD_CELL_MAX_CHARS,
};

guint
tb_field_get_max_chars (TbField field)
{
  g_return_val_if_fail (field < TB_FIELD_N, 0);
  return max_chars[field];
}

gboolean
tb_field_allows_newlines (TbField field)
{
  return field == TB_FIELD_TEXT;
}

const char *
tb_field_get_name (TbField field)
{
  switch (field)
    {
    case TB_FIELD_AGENCY:
      return _("The agency");
    case TB_FIELD_PREPARER:
      return _("The preparer");
    case TB_FIELD_CONTACT:
      return _("The contact");
    case TB_FIELD_TEXT:
      return _("The text");
    case TB_FIELD_CELL:
      return _("The cell");
    case TB_FIELD_N:
    default:
      g_return_val_if_reached ("?");
    }
}

gboolean
tb_field_is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

gboolean
tb_field_is_direction (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

gboolean
tb_field_check (TbField      field,
                const char  *text,
                gssize       len,
                GError     **error)
{
  const char *name;
  const char *end;
  gboolean newlines;
  glong n_chars;
  gssize ascii_len = 0;
  guint i = 0;

  g_return_val_if_fail (field < TB_FIELD_N, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;
  if (len < 0)
    len = (gssize) strlen (text);
  /* Printable ASCII, short enough (every number of a draft): nothing else to look for,
   * and no name to translate. */
  while (ascii_len < len && (guchar) text[ascii_len] >= 0x20 && (guchar) text[ascii_len] < 0x7f)
    ascii_len++;
  if (ascii_len == len && len <= (gssize) max_chars[field])
    return TRUE;
  name = tb_field_get_name (field);

  if (!g_utf8_validate_len (text, (gsize) len, NULL))
    {
      g_set_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_INVALID_UTF8,
                   /* TRANSLATORS: %s is a field's name, e.g. "The agency" */
                   _("%s is not valid UTF-8 text."), name);
      return FALSE;
    }
  n_chars = g_utf8_strlen (text, len);
  if (n_chars > (glong) max_chars[field])
    {
      g_set_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_TOO_LONG,
                   /* TRANSLATORS: a field's name, its length, the most it may have */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s is too long: %ld character; at most %u are allowed.",
                                "%s is too long: %ld characters; at most %u are allowed.",
                                (gulong) n_chars),
                   name, n_chars, max_chars[field]);
      return FALSE;
    }

  newlines = tb_field_allows_newlines (field);
  end = text + len;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      i++;
      if (newlines && (c == '\n' || c == '\r' || c == '\t'))
        continue;
      if (c == '\n' || c == '\r')
        {
          g_set_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_CONTROL,
                       /* TRANSLATORS: a field's name, a position */
                       _("%s contains a line break (at character %u); it must be one line."),
                       name, i);
          return FALSE;
        }
      if (tb_field_is_control (c))
        {
          g_set_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_CONTROL,
                       /* TRANSLATORS: a field's name, a code like U+0001, a position */
                       _("%s contains a control character (U+%04X) at character %u; remove it."),
                       name, c, i);
          return FALSE;
        }
      if (tb_field_is_direction (c))
        {
          g_set_error (error, TB_FIELD_ERROR, TB_FIELD_ERROR_DIRECTION,
                       /* TRANSLATORS: a field's name, a code like U+202E, a position */
                       _("%s contains an invisible direction control (U+%04X) at character %u, "
                         "which can make it read differently than it is stored; remove it."),
                       name, c, i);
          return FALSE;
        }
    }
  return TRUE;
}
