/* tb-date.c: reading a date as clerks write it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-date"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tb-date.h"

char *
tb_date_parse (const char *text)
{
  guint parts[3] = { 0, 0, 0 };
  guint n = 0;
  gboolean in_number = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* Every run of digits is a part; anything else separates. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        {
          if (!in_number)
            {
              if (n == 3)
                return NULL;
              n++;
              in_number = TRUE;
            }
          if (parts[n - 1] > 9999)
            return NULL;
          parts[n - 1] = parts[n - 1] * 10 + digit;
        }
      else
        {
          in_number = FALSE;
          if (!g_unichar_isspace (c) && (c > 0x7F || !strchr ("-/.", (int) c)) &&
              c != 0x5E74 /* 年 */ && c != 0x6708 /* 月 */ && c != 0x65E5 /* 日 */ &&
              c != 0xFF0D && c != 0xFF0F && c != 0xFF0E && c != 0x3000)
            return NULL;
        }
    }
  if (n != 3 || parts[0] < 1000 || !g_date_valid_dmy (parts[2], parts[1], parts[0]))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", parts[0], parts[1], parts[2]);
}

gboolean
tb_date_split (const char *iso,
               guint      *year,
               guint      *month,
               guint      *day)
{
  unsigned y, m, d;
  char tail;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}
