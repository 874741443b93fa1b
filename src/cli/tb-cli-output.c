/* tb-cli-output.c: how tianbao-cli writes: UTF-8 output, JSON strings, terminal widths, wrapping
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tb-ascii.h"
#include "tb-cli-output.h"

/* ------------------------------------------------------------------ output */

void
tb_cli_out_str (const char *text)
{
  fputs (text, stdout);
}

void
tb_cli_out (const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

void
tb_cli_err (const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Keep the order of what a user sees when both streams go to one terminal. */
  fflush (stdout);
  fputs (text, stderr);
}

/* The characters JSON escapes with a backslash, and the letter that follows it. */
static const char json_escaped[] = "\"\\\n\r\t\b\f";
static const char json_escapes[] = "\"\\nrtbf";

void
tb_cli_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      const char *escape = strchr (json_escaped, *p);

      if (escape != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, json_escapes[escape - json_escaped]);
        }
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* ------------------------------------------------------------------ terminal layout */

guint
tb_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Characters that must not start a line, and ones that must not end it. */
static const char no_line_start[] = "，。、；：！？）》」』”’】〕〉…·,.;:!?)]}%";
static const char no_line_end[] = "（《「『“‘【〔〈([{";

static gboolean
char_in (const char *set,
         gunichar    c)
{
  return c != 0 && g_utf8_strchr (set, -1, c) != NULL;
}

/* May a line break go between @prev and @c? */
static gboolean
can_break_between (gunichar prev,
                   gunichar c)
{
  if (prev == 0 || char_in (no_line_start, c) || char_in (no_line_end, prev))
    return FALSE;
  if (g_unichar_isspace (prev))
    return !g_unichar_isspace (c);
  return g_unichar_iswide (c) || g_unichar_iswide (prev);
}

GPtrArray *
tb_cli_wrap (const char *text,
             guint       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *line = g_string_new (NULL);
  guint line_width = 0;
  gsize break_at = 0;       /* byte offset in line of the last break opportunity, 0 if none */
  gunichar prev = 0;

  if (width < 2)
    width = 2;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      if (line->len > 0 && can_break_between (prev, c))
        break_at = line->len;

      if (line_width + w > width && line->len > 0)
        {
          g_autofree char *rest = NULL;
          gsize cut = break_at > 0 ? break_at : line->len;

          /* The text after the last break opportunity has none of its own. */
          rest = g_strdup (line->str + cut);
          g_string_truncate (line, cut);
          while (line->len > 0 && line->str[line->len - 1] == ' ')
            g_string_truncate (line, line->len - 1);
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, rest);
          line_width = tb_cli_text_width (line->str);
          break_at = 0;
        }

      /* No spaces at the start of a continuation line. */
      if (line->len == 0 && lines->len > 0 && c == ' ')
        {
          prev = c;
          continue;
        }
      g_string_append_unichar (line, c);
      line_width += w;
      prev = c;
    }
  if (line->len > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_free (line, TRUE);
  return lines;
}

guint
tb_cli_output_width (guint fallback)
{
  struct winsize ws;
  const char *columns;
  guint64 n;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  columns = g_getenv ("COLUMNS");
  if (columns && tb_ascii_to_unsigned (columns, 40, 1000, &n))
    return (guint) n;
  return fallback;
}

/* ------------------------------------------------------------------ building text */

void
tb_cli_append_spaces (GString *s,
                      guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, ' ');
}

void
tb_cli_append_padded (GString    *s,
                      const char *text,
                      guint       width,
                      gboolean    right)
{
  guint w = tb_cli_text_width (text);

  if (right)
    tb_cli_append_spaces (s, width > w ? width - w : 0);
  g_string_append (s, text);
  if (!right)
    tb_cli_append_spaces (s, width > w ? width - w : 0);
}

void
tb_cli_append_line (GString *s,
                    GString *line)
{
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_string_append_len (s, line->str, (gssize) line->len);
  g_string_append_c (s, '\n');
}

void
tb_cli_append_wrapped (GString    *s,
                       const char *text,
                       const char *indent,
                       guint       width,
                       gboolean    separate)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);
  guint indent_width = tb_cli_text_width (indent);
  gboolean first = TRUE;

  /* One paragraph per line in the report; a blank line between them reads better here. */
  for (guint p = 0; paragraphs[p]; p++)
    {
      g_autoptr(GPtrArray) lines = NULL;

      if (*g_strstrip (paragraphs[p]) == '\0')
        continue;
      if (!first && separate)
        g_string_append_c (s, '\n');
      first = FALSE;
      lines = tb_cli_wrap (paragraphs[p], width > indent_width + 10 ? width - indent_width : 10);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (s, "%s%s\n", indent, (char *) g_ptr_array_index (lines, i));
    }
}
