/* tb-text-reader.c: plain text, as copied from a web page or a PDF viewer, read as a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-text-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-charset.h"
#include "tb-text-reader.h"

/* A cell of a table row is short; a longer piece of text is prose. */
#define MAX_CELL_CHARS   80
/* A line between two rows of a table that is at most this long is part of the table. */
#define MAX_BRIDGE_CHARS 40
/* Tables beyond this many are not read (hostile input). */
#define MAX_TABLES       500
/* A report has a few hundred lines; lines beyond this many are not read (hostile input). */
#define MAX_LINES        5000

typedef enum
{
  LINE_BLANK,
  LINE_RULE,   /* a Markdown table rule: |---|:--:| */
  LINE_ROW,    /* cells of a table row */
  LINE_TEXT,   /* a line of prose */
} LineKind;

typedef struct
{
  LineKind   kind;
  char      *text;      /* the line, without its end */
  GPtrArray *fields;    /* LINE_ROW: char*, the cells in order ("" for an empty one) */
  gboolean   markdown;  /* LINE_ROW from "| a | b |" */
  gboolean   indented;  /* starts with two spaces, an ideographic space or a tab */
  GPtrArray *alt_fields; /* LINE_TEXT: its cells, should it be a row after all */
} Line;

static void
line_clear (gpointer p)
{
  Line *line = p;

  g_free (line->text);
  g_clear_pointer (&line->fields, g_ptr_array_unref);
  g_clear_pointer (&line->alt_fields, g_ptr_array_unref);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
         c == 0x200B || c == 0xFEFF;
}

static gboolean
is_blank_text (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_space (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
strip (const char *s,
       gssize      len)
{
  const char *start = s;
  const char *end = len < 0 ? s + strlen (s) : s + len;

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

/* Ends a sentence (or a heading's colon): text after it starts a new paragraph. */
static gboolean
ends_sentence (const char *s)
{
  static const char *const ends[] = {
    "。", "！", "？", "；", "：", "…", "!", "?", ";", ":", "”", "」", ".",
  };
  g_autofree char *t = strip (s, -1);

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (g_str_has_suffix (t, ends[i]))
      return TRUE;
  return FALSE;
}

/* Ends like prose (。！？；), which a table label never does. */
static gboolean
ends_prose (const char *s)
{
  static const char *const ends[] = { "。", "！", "？", "；", "!", "?", ";", "。”" };
  g_autofree char *t = strip (s, -1);

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (g_str_has_suffix (t, ends[i]))
      return TRUE;
  return FALSE;
}

/* A token that is a number as a report prints it (12, 1,234, 0.5, 12件, 3.5万元, "－")
 * or a dash or slash for "none". */
static gboolean
is_value_token (const char *token)
{
  g_autofree char *t = tb_charset_fold_width (token);
  const char *p = t;
  gboolean digit = FALSE;

  if (t == NULL || *t == '\0')
    return FALSE;
  if (g_str_equal (t, "/") || g_str_equal (t, "-") || g_str_equal (t, "—") ||
      g_str_equal (t, "——") || g_str_equal (t, "--") || g_str_equal (t, "\\"))
    return TRUE;
  if (*p == '+' || *p == '-' || g_str_has_prefix (p, "−"))
    p = g_utf8_next_char (p);
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != ',' && *p != '.')
        break;
    }
  if (!digit)
    return FALSE;
  return *p == '\0' || g_str_equal (p, "件") || g_str_equal (p, "元") ||
         g_str_equal (p, "万元") || g_str_equal (p, "个") || g_str_equal (p, "条");
}

static GPtrArray *
new_fields (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static gboolean
is_markdown_rule (const char *t)
{
  gboolean dash = FALSE;

  if (strchr (t, '-') == NULL)
    return FALSE;
  for (const char *p = t; *p != '\0'; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t' && *p != '+')
        return FALSE;
    }
  return dash && strchr (t, '|') != NULL;
}

/* "| a | b |" → a, b ("\|" is a bar inside a cell). */
static GPtrArray *
split_markdown (const char *t)
{
  GPtrArray *fields = new_fields ();
  GString *cell = g_string_new (NULL);
  const char *p = t;

  if (*p == '|')
    p++;
  for (; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == '|')
        {
          g_string_append_c (cell, '|');
          p++;
        }
      else if (*p == '|')
        {
          g_ptr_array_add (fields, strip (cell->str, cell->len));
          g_string_truncate (cell, 0);
        }
      else
        g_string_append_c (cell, *p);
    }
  if (!is_blank_text (cell->str))
    g_ptr_array_add (fields, strip (cell->str, cell->len));
  g_string_free (cell, TRUE);
  return fields;
}

static GPtrArray *
split_tabs (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\t", -1);
  GPtrArray *fields = new_fields ();

  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (fields, strip (parts[i], -1));
  return fields;
}

/* Splits at runs of two or more spaces (an ideographic space counts as two). */
static GPtrArray *
split_spaces (const char *text)
{
  GPtrArray *fields = new_fields ();
  const char *start;
  const char *p = text;

  while (*p != '\0' && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  start = p;
  while (*p != '\0')
    {
      const char *run = p;
      guint width = 0;

      while (*p != '\0' && is_space (g_utf8_get_char (p)))
        {
          width += g_utf8_get_char (p) == 0x3000 || g_utf8_get_char (p) == '\t' ? 2 : 1;
          p = g_utf8_next_char (p);
        }
      if (width >= 2 && *p != '\0')
        {
          g_ptr_array_add (fields, strip (start, run - start));
          start = p;
        }
      if (p == run)
        p = g_utf8_next_char (p);
    }
  if (*start != '\0' && !is_blank_text (start))
    g_ptr_array_add (fields, strip (start, -1));
  return fields;
}

/* "规章 0 0 2": a label (maybe none) followed by at least @min_values numbers, single
 * spaces. */
static GPtrArray *
split_number_tail (const char *text,
                   guint       min_values)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  GPtrArray *fields;
  guint n_values = 0;
  GString *label;

  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0')
      g_ptr_array_add (words, tokens[i]);
  for (guint i = words->len; i > 0 && is_value_token (g_ptr_array_index (words, i - 1)); i--)
    n_values++;
  if (n_values < min_values)
    return NULL;
  label = g_string_new (NULL);
  for (guint i = 0; i + n_values < words->len; i++)
    {
      if (label->len > 0)
        g_string_append_c (label, ' ');
      g_string_append (label, g_ptr_array_index (words, i));
    }
  if (label->len > 0 && (ends_prose (label->str) ||
                         g_utf8_strlen (label->str, -1) > MAX_CELL_CHARS))
    {
      g_string_free (label, TRUE);
      return NULL;
    }
  fields = new_fields ();
  if (label->len > 0)
    g_ptr_array_add (fields, g_string_free (label, FALSE));
  else
    g_string_free (label, TRUE);
  for (guint i = words->len - n_values; i < words->len; i++)
    g_ptr_array_add (fields, g_strdup (g_ptr_array_index (words, i)));
  return fields;
}

static guint
count_filled (GPtrArray *fields,
              gboolean  *long_field,
              gboolean  *value)
{
  guint n = 0;

  *long_field = FALSE;
  *value = FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      const char *f = g_ptr_array_index (fields, i);

      if (*f == '\0')
        continue;
      n++;
      if (g_utf8_strlen (f, -1) > MAX_CELL_CHARS)
        *long_field = TRUE;
      if (is_value_token (f))
        *value = TRUE;
    }
  return n;
}

/* "- 3 -", "— 12 —", "第 3 页", "第3页 共9页": a page number a PDF viewer copied. */
static gboolean
is_page_number (const char *t)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("^(?:[-—–－]+\\s*\\d{1,4}\\s*[-—–－]+|"
                                         "第\\s*\\d{1,4}\\s*页(?:\\s*[,，/]?\\s*共\\s*\\d{1,4}\\s*页)?)$",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, t, 0, NULL);
}

static void
classify (Line *line)
{
  g_autofree char *t = strip (line->text, -1);
  GPtrArray *fields;
  gboolean long_field, value;
  guint filled;

  line->indented = g_str_has_prefix (line->text, "  ") || line->text[0] == '\t' ||
                   g_str_has_prefix (line->text, "\u3000");
  /* A page number is a page break. */
  if (*t == '\0' || is_blank_text (t) || is_page_number (t))
    {
      line->kind = LINE_BLANK;
      return;
    }
  if (t[0] == '|' || g_str_has_prefix (t, "｜"))
    {
      if (is_markdown_rule (t))
        {
          line->kind = LINE_RULE;
          return;
        }
      if (t[0] == '|' && strchr (t + 1, '|') != NULL)
        {
          line->kind = LINE_ROW;
          line->markdown = TRUE;
          line->fields = split_markdown (t);
          return;
        }
    }

  if (strchr (line->text, '\t') != NULL)
    {
      fields = split_tabs (line->text);
      filled = count_filled (fields, &long_field, &value);
      /* A tab before a paragraph is its indent, not a cell. */
      if (filled >= 2 ||
          (filled == 1 && *(char *) g_ptr_array_index (fields, fields->len - 1) == '\0'))
        {
          line->kind = LINE_ROW;
          line->fields = fields;
          return;
        }
      g_ptr_array_unref (fields);
    }

  fields = split_spaces (t);
  filled = count_filled (fields, &long_field, &value);
  if (!long_field && (filled >= 3 || (filled == 2 && value)))
    {
      line->kind = LINE_ROW;
      line->fields = fields;
      return;
    }
  g_ptr_array_unref (fields);

  fields = split_number_tail (t, 2);
  if (fields != NULL)
    {
      line->kind = LINE_ROW;
      line->fields = fields;
      return;
    }
  line->kind = LINE_TEXT;

  /* What is a row only next to other rows: a label and one number ("行政许可 1520"), or a
   * short line of cells apart by spaces (a header: "信息内容   本年处理决定数量"). */
  fields = split_number_tail (t, 1);
  if (fields != NULL && fields->len == 2 &&
      g_utf8_strlen (g_ptr_array_index (fields, 0), -1) <= MAX_BRIDGE_CHARS)
    {
      line->alt_fields = fields;
      return;
    }
  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = split_spaces (t);
  filled = count_filled (fields, &long_field, &value);
  if (!long_field && filled == 2 && !ends_prose (t))
    line->alt_fields = fields;
  else
    g_ptr_array_unref (fields);
}

/* A short line that may be a label between two rows (a block label, a label cut in two). */
static gboolean
is_bridge (const Line *line)
{
  return line->kind == LINE_TEXT && line->alt_fields == NULL &&
         g_utf8_strlen (line->text, -1) <= MAX_BRIDGE_CHARS && !ends_prose (line->text) &&
         !g_str_has_suffix (line->text, "：");
}

/* Makes rows of the lines that are rows only next to rows: Line.alt_fields next to a row,
 * even across blank lines; a short label line right between a row and a row or such a
 * line. */
static gboolean
promote_line (GArray *lines,
              guint   i)
{
  Line *line = &g_array_index (lines, Line, i);
  Line *prev = NULL, *next = NULL;
  gboolean adjacent_prev = FALSE, adjacent_next = FALSE;

  if (line->kind != LINE_TEXT)
    return FALSE;
  for (guint j = i; j > 0 && prev == NULL; j--)
    if (g_array_index (lines, Line, j - 1).kind != LINE_BLANK)
      {
        prev = &g_array_index (lines, Line, j - 1);
        adjacent_prev = j == i;
      }
  for (guint j = i + 1; j < lines->len && next == NULL; j++)
    if (g_array_index (lines, Line, j).kind != LINE_BLANK)
      {
        next = &g_array_index (lines, Line, j);
        adjacent_next = j == i + 1;
      }
  if (line->alt_fields != NULL &&
      ((prev != NULL && prev->kind == LINE_ROW) || (next != NULL && next->kind == LINE_ROW)))
    {
      line->kind = LINE_ROW;
      line->fields = g_steal_pointer (&line->alt_fields);
      return TRUE;
    }
  if (is_bridge (line) && adjacent_prev && adjacent_next && prev->kind == LINE_ROW &&
      (next->kind == LINE_ROW || next->alt_fields != NULL))
    {
      line->kind = LINE_ROW;
      line->fields = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (line->fields, strip (line->text, -1));
      return TRUE;
    }
  return FALSE;
}

/* Makes rows of the lines that are rows only next to rows: Line.alt_fields next to a row,
 * even across blank lines; a short label line right between a row and a row or such a
 * line. Sweeps down and up until nothing changes (a few times: each sweep carries a run of
 * such lines along). */
static void
promote_rows (GArray *lines)
{
  gboolean changed = TRUE;

  for (guint sweep = 0; changed && sweep < 16; sweep++)
    {
      changed = FALSE;
      for (guint i = 0; i < lines->len; i++)
        changed |= promote_line (lines, i);
      for (guint i = lines->len; i > 0; i--)
        changed |= promote_line (lines, i - 1);
    }
}

/* Markdown and plain-text decoration around a paragraph: "# ", "**…**". */
static char *
clean_paragraph (const char *text)
{
  g_autofree char *t = strip (text, -1);
  const char *p = t;
  GString *out;

  while (*p == '#')
    p++;
  if (p != t && *p == ' ')
    p++;
  else if (p != t)
    p = t;
  out = g_string_new (p);
  if (g_str_has_prefix (out->str, "**") && g_str_has_suffix (out->str, "**") && out->len > 4)
    {
      g_string_erase (out, out->len - 2, 2);
      g_string_erase (out, 0, 2);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_row (GArray *lines,
        guint   i)
{
  return i < lines->len && g_array_index (lines, Line, i).kind == LINE_ROW;
}

/* The next line that is not blank, from @i on. */
static guint
next_filled (GArray *lines,
             guint   i)
{
  while (i < lines->len && g_array_index (lines, Line, i).kind == LINE_BLANK)
    i++;
  return i;
}

static void
add_row (TbSourceBlock *table,
         guint          table_number,
         guint          line_number,
         GPtrArray     *fields,
         gboolean       header)
{
  guint row = table->n_rows;

  for (guint j = 0; j < fields->len; j++)
    {
      TbSourcePos pos = { .line = line_number, .table = table_number, .row = row + 1,
                          .column = j + 1 };

      if (tb_source_table_add_cell (table, row, j, 1, 1, g_ptr_array_index (fields, j),
                                    header, &pos) == NULL)
        break;
    }
  /* A row of empty cells still counts, so the next row does not land on it. */
  if (table->n_rows == row && fields->len > 0)
    table->n_rows = MIN (row + 1, 2000);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The width of the lines of a wrapped paragraph: most prose lines are about this long. */
static guint
wrap_width (GArray *lines)
{
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      guint n;

      if (line->kind != LINE_TEXT)
        continue;
      n = g_utf8_strlen (line->text, -1);
      if (n >= 10)
        g_array_append_val (lengths, n);
    }
  if (lengths->len < 4)
    return G_MAXUINT;
  g_array_sort (lengths, compare_uint);
  return g_array_index (lengths, guint, lengths->len * 3 / 4);
}

/* Whether paragraphs start with an indent (as in text copied from a PDF viewer): then a line
 * without one that follows prose goes on with it. */
static gboolean
indent_mode (GArray *lines)
{
  guint prose = 0, indented = 0, flush = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      if (line->kind != LINE_TEXT)
        continue;
      if (!line->indented)
        flush++;
      if (g_utf8_strlen (line->text, -1) < 20)
        continue;
      prose++;
      if (line->indented)
        indented++;
    }
  return indented >= 3 && indented * 10 >= prose * 3 && flush > 0;
}

/* Starts like a heading or an item: 一、 （一） (1) 1. (not 一是, which goes on a sentence) */
static gboolean
starts_item (const char *text)
{
  static GRegex *re;
  g_autofree char *t = strip (text, -1);

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("^(?:[（(][一二三四五六七八九十\\d]+[）)]|"
                                         "[一二三四五六七八九十]+[、.．]|\\d+[、.．)）])",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, t, 0, NULL);
}

TbSource *
tb_text_reader_read_string (const char *text)
{
  TbSource *source = tb_source_new (TB_SOURCE_TEXT);
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
  guint n_tables = 0;
  guint width;
  gboolean indents;

  g_return_val_if_fail (text != NULL, source);

  g_array_set_clear_func (lines, line_clear);
  for (const char *p = text; *p != '\0' || p == text;)
    {
      Line line = { 0, };
      gsize len = strcspn (p, "\n\f");

      if (lines->len >= MAX_LINES)
        {
          tb_source_add_note (source, _("The text has more than %u lines; the rest was not "
                                        "read"), MAX_LINES);
          break;
        }
      line.text = g_strndup (p, len > 0 && p[len - 1] == '\r' ? len - 1 : len);
      classify (&line);
      g_array_append_val (lines, line);
      p += len;
      if (*p == '\0')
        break;
      p++;
    }
  promote_rows (lines);
  width = wrap_width (lines);
  indents = indent_mode (lines);

  for (guint i = 0; i < lines->len;)
    {
      Line *line = &g_array_index (lines, Line, i);

      if (line->kind == LINE_BLANK || line->kind == LINE_RULE)
        {
          i++;
          continue;
        }
      if (line->kind == LINE_TEXT)
        {
          g_autofree char *clean = clean_paragraph (line->text);
          TbSourcePos pos = { .line = i + 1 };
          TbSourceBlock *block = tb_source_add_paragraph (source, clean, &pos);
          guint len = g_utf8_strlen (clean, -1);

          /* A line as long as the others that stops mid-sentence and runs straight into
           * the next line was wrapped by the program it was copied from; so was a line
           * followed by one without the indent that starts every paragraph. */
          if (block != NULL && i + 1 < lines->len &&
              g_array_index (lines, Line, i + 1).kind == LINE_TEXT)
            {
              Line *next = &g_array_index (lines, Line, i + 1);

              if (width != G_MAXUINT && len * 10 >= width * 9 && !ends_sentence (clean))
                block->continues = TRUE;
              if (indents && !next->indented && !starts_item (next->text))
                block->continues = TRUE;
            }
          i++;
          continue;
        }

      /* A table: rows, rules, blank lines before more rows, short lines between rows. */
      if (n_tables >= MAX_TABLES)
        {
          if (n_tables == MAX_TABLES)
            tb_source_add_note (source, _("The text has more than %u tables; the rest were "
                                          "not read"), MAX_TABLES);
          n_tables++;
          i++;
          continue;
        }
      {
        TbSourcePos pos = { .line = i + 1, .table = ++n_tables };
        TbSourceBlock *table = tb_source_add_table (source, &pos);
        gboolean first = TRUE;

        table->ragged = TRUE;
        while (i < lines->len)
          {
            Line *l = &g_array_index (lines, Line, i);

            if (l->kind == LINE_ROW)
              {
                gboolean header = l->markdown && first &&
                                  i + 1 < lines->len &&
                                  g_array_index (lines, Line, i + 1).kind == LINE_RULE;

                add_row (table, n_tables, i + 1, l->fields, header);
                first = FALSE;
                i++;
              }
            else if (l->kind == LINE_RULE)
              i++;
            else if (l->kind == LINE_BLANK)
              {
                guint next = next_filled (lines, i);

                if (next < lines->len &&
                    (g_array_index (lines, Line, next).kind == LINE_ROW ||
                     g_array_index (lines, Line, next).kind == LINE_RULE))
                  i = next;
                else
                  break;
              }
            else if (is_row (lines, i + 1) && i > 0 && is_row (lines, i - 1) &&
                     g_utf8_strlen (l->text, -1) <= MAX_BRIDGE_CHARS &&
                     !ends_sentence (l->text))
              {
                g_autoptr(GPtrArray) one = new_fields ();

                g_ptr_array_add (one, strip (l->text, -1));
                add_row (table, n_tables, i + 1, one, FALSE);
                i++;
              }
            else
              break;
          }
      }
    }
  return source;
}

TbSource *
tb_text_reader_read (GBytes  *data,
                     GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  const char *bytes;
  const char *used = NULL;
  gsize len;
  TbSource *source;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (len > TB_SOURCE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *max = g_format_size (TB_SOURCE_MAX_SIZE);

      g_set_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_TOO_LARGE,
                   _("The file is too large to be a report (%s; at most %s are read)"),
                   size, max);
      return NULL;
    }
  text = tb_charset_decode (bytes, len, NULL, &used, &note, error);
  if (text == NULL)
    return NULL;
  if (is_blank_text (text))
    {
      g_set_error_literal (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_EMPTY,
                           _("The file holds no text"));
      return NULL;
    }
  source = tb_text_reader_read_string (text);
  if (g_str_equal (used, "GB18030"))
    tb_source_add_note (source, _("The text was read as GB18030 (GBK)"));
  else if (g_str_has_prefix (used, "UTF-16"))
    tb_source_add_note (source, _("The text was read as UTF-16"));
  if (note != NULL)
    g_ptr_array_insert (source->notes, 0, g_steal_pointer (&note));
  return source;
}
