/* tb-pdf-lines.c: the characters of a PDF page put into lines, and lines into text
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Characters whose vertical centres are close are a line, read left to right. Spaces are
 * not taken from the PDF (poppler makes them up from gaps anyway) but from the gaps: a gap
 * as wide as a space between Latin letters is one; between Chinese and anything else only
 * a wide gap is, since word processors set Chinese and Latin apart on their own.
 */
#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tb-pdf-private.h"

void
tb_pdf_line_free (TbPdfLine *line)
{
  if (line == NULL)
    return;
  g_array_unref (line->chars);
  g_free (line);
}

gboolean
tb_pdf_is_cjk (gunichar c)
{
  return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x2FFFF);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
tb_pdf_percentile (GArray *values,
                   double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) MIN (values->len - 1, p * values->len));
}

static int
compare_chars_y (gconstpointer pa,
                 gconstpointer pb)
{
  const TbPdfChar *a = pa, *b = pb;
  double ya = a->y0 + a->y1, yb = b->y0 + b->y1;

  if (ya != yb)
    return ya < yb ? -1 : 1;
  return a->x0 < b->x0 ? -1 : a->x0 > b->x0;
}

static int
compare_chars_x (gconstpointer pa,
                 gconstpointer pb)
{
  const TbPdfChar *a = pa, *b = pb;

  return a->x0 < b->x0 ? -1 : a->x0 > b->x0;
}

static void
finish_line (TbPdfLine *line)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *chars = line->chars;

  g_array_sort (chars, compare_chars_x);
  /* A glyph drawn twice over itself (a bold face made by overprinting) is one character. */
  for (guint i = 1; i < chars->len; i++)
    {
      TbPdfChar *a = &g_array_index (chars, TbPdfChar, i - 1);
      TbPdfChar *b = &g_array_index (chars, TbPdfChar, i);

      if (a->c == b->c && fabs (a->x0 - b->x0) < 0.3 * (a->x1 - a->x0 + 0.1))
        g_array_remove_index (chars, i--);
    }
  line->x0 = line->y0 = G_MAXDOUBLE;
  line->x1 = line->y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < chars->len; i++)
    {
      TbPdfChar *c = &g_array_index (chars, TbPdfChar, i);
      double w = c->x1 - c->x0, h = c->y1 - c->y0;

      line->x0 = MIN (line->x0, c->x0);
      line->x1 = MAX (line->x1, c->x1);
      line->y0 = MIN (line->y0, c->y0);
      line->y1 = MAX (line->y1, c->y1);
      if (tb_pdf_is_cjk (c->c))
        g_array_append_val (widths, w);
      g_array_append_val (heights, h);
    }
  line->em = widths->len > 0 ? tb_pdf_percentile (widths, 0.5)
                             : tb_pdf_percentile (heights, 0.5) / 1.2;
  line->em = MAX (line->em, 1.0);
}

GPtrArray *
tb_pdf_build_lines (const TbPdfChar *chars,
                    guint            n)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_pdf_line_free);
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (TbPdfChar), n);
  TbPdfLine *line = NULL;
  double sum = 0, ref_h = 0;

  g_array_append_vals (sorted, chars, n);
  g_array_sort (sorted, compare_chars_y);
  for (guint i = 0; i < sorted->len; i++)
    {
      TbPdfChar *c = &g_array_index (sorted, TbPdfChar, i);
      double cy = (c->y0 + c->y1) / 2, h = c->y1 - c->y0;

      if (line == NULL || fabs (cy - sum / line->chars->len) > 0.3 * MIN (h, ref_h))
        {
          if (line != NULL)
            finish_line (line);
          line = g_new0 (TbPdfLine, 1);
          line->chars = g_array_new (FALSE, FALSE, sizeof (TbPdfChar));
          g_ptr_array_add (lines, line);
          sum = 0;
          ref_h = h;
        }
      g_array_append_val (line->chars, *c);
      sum += cy;
    }
  if (line != NULL)
    finish_line (line);
  return lines;
}

char *
tb_pdf_chars_text (const TbPdfChar *chars,
                   guint            n,
                   double           em)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      double gap = i > 0 ? chars[i].x0 - chars[i - 1].x1 : 0;
      gboolean chinese = i > 0 && (tb_pdf_is_cjk (chars[i].c) || tb_pdf_is_cjk (chars[i - 1].c));

      /* Word processors put a little space between Chinese and Latin letters or digits on
       * their own; it cannot be told from a typed space and is left out. A typed space
       * between Latin words stays. */
      if (i > 0 && (chinese ? gap > 0.6 * em : gap > 0.15 * em))
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, chars[i].c);
    }
  return g_string_free (out, FALSE);
}

gboolean
tb_pdf_cell_gap (const TbPdfChar *a,
                 const TbPdfChar *b,
                 double           em)
{
  return b->x0 - a->x1 > 0.4 * em;
}

void
tb_pdf_join_line (GString    *out,
                  const char *line)
{
  gunichar last, first;

  if (*line == '\0')
    return;
  if (out->len == 0)
    {
      g_string_append (out, line);
      return;
    }
  /* Chinese (and a number in Chinese text) wraps anywhere; Latin words wrap at a space. */
  last = g_utf8_get_char (g_utf8_prev_char (out->str + out->len));
  first = g_utf8_get_char (line);
  if (last < 0x80 && first < 0x80 && g_ascii_isalpha ((char) last) && g_ascii_isalpha ((char) first))
    g_string_append_c (out, ' ');
  g_string_append (out, line);
}

