/* tb-text.c: blanks in typed and pasted text, and counting the characters of a text
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-text"

#include "config.h"

#include <string.h>

#include "tb-text.h"

gboolean
tb_text_is_blank (gunichar c)
{
  /* g_unichar_isspace() covers ASCII blanks, line breaks, NBSP and U+3000; pasted web text
   * also brings zero-width spaces, word joiners and byte order marks. */
  return g_unichar_isspace (c) || c == '\v' || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

gboolean
tb_text_is_column_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0 || c == 0x202F || c == '\v' ||
         c == '\f';
}

char *
tb_text_strip (const char      *text,
               gssize           len,
               TbTextSpaceFunc  is_space)
{
  const char *start = text;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (is_space != NULL, NULL);

  end = text + (len < 0 ? strlen (text) : (gsize) len);
  while (start < end && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

guint
tb_text_count_characters (const char *text)
{
  guint n = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}
