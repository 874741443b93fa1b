/* tb-paste.c: reading a block of cells copied from a spreadsheet or a web page
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-paste"

#include "config.h"

#include <string.h>

#include "tb-paste.h"
#include "tb-text.h"

/* ------------------------------------------------------------------ helpers */

static char **
split_on_tabs (const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, "\t", -1);
  GPtrArray *fields = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (fields, tb_text_strip (parts[i], -1, tb_text_is_column_space));
  /* A line of blanks only is an empty row. */
  if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
    g_ptr_array_set_size (fields, 0);
  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (fields, FALSE);
}

static char **
split_on_spaces (const char *line)
{
  GPtrArray *fields = g_ptr_array_new ();
  const char *p = line;

  while (*p)
    {
      const char *start;

      while (*p && tb_text_is_column_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (!*p)
        break;
      start = p;
      while (*p && !tb_text_is_column_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      g_ptr_array_add (fields, g_strndup (start, p - start));
    }
  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (fields, FALSE);
}

/* ------------------------------------------------------------------ public */

GPtrArray *
tb_paste_split (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) normal = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean tabs;
  int last;

  g_return_val_if_fail (text != NULL, rows);

  if (!g_utf8_validate (text, -1, NULL))
    return rows;

  normal = g_string_new (text);
  g_string_replace (normal, "\r\n", "\n", 0);
  g_string_replace (normal, "\r", "\n", 0);
  lines = g_strsplit (normal->str, "\n", -1);
  tabs = strchr (normal->str, '\t') != NULL;

  /* Drop trailing lines that hold nothing but blanks. */
  last = (int) g_strv_length (lines) - 1;
  while (last >= 0)
    {
      g_auto(GStrv) probe = split_on_spaces (lines[last]);

      if (probe[0] != NULL)
        break;
      last--;
    }

  for (int i = 0; i <= last; i++)
    g_ptr_array_add (rows, tabs ? split_on_tabs (lines[i]) : split_on_spaces (lines[i]));
  return rows;
}

guint
tb_paste_get_width (GPtrArray *rows)
{
  guint width = 0;

  g_return_val_if_fail (rows != NULL, 0);

  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, g_strv_length (g_ptr_array_index (rows, i)));
  return width;
}
