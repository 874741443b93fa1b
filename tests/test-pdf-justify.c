/* test-pdf-justify.c: how the running text is set: 28 characters to the line, lines pulled
 * in rather than pushed out, numbers kept whole when a line is justified
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from the layout the pages are drawn from (and, for the text a reader copies, from the
 * PDF through pdftotext), with the fonts of the machine: Noto Serif CJK SC for the body.
 */

#define G_LOG_DOMAIN "test-pdf-justify"

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tb-layout-private.h"
#include "tb-pdf.h"

#include "tb-test-pdf.h"
#include "tb-test-util.h"

/* One placed line of the running text. */
typedef struct
{
  char   *text;
  double  right;   /* where its last character ends, in points from the page's left */
  PangoLayout     *layout;
  PangoLayoutLine *line;
} Line;

static void
line_clear (gpointer data)
{
  Line *l = data;

  g_free (l->text);
}

/* Every line of running text the layout places, in order (pages one after the other). */
static GArray *
placed_lines (TbLayout *layout)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_set_clear_func (lines, line_clear);
  for (guint p = 0; p < layout->pages->len; p++)
    {
      GArray *ops = g_ptr_array_index (layout->pages, p);

      for (guint i = 0; i < ops->len; i++)
        {
          const TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);
          PangoRectangle logical;
          Line l;

          if (op->kind != TB_LAYOUT_OP_LINE)
            continue;
          l.layout = op->layout;
          l.line = pango_layout_get_line_readonly (op->layout, op->line);
          l.text = g_strndup (pango_layout_get_text (op->layout) + l.line->start_index,
                              l.line->length);
          pango_layout_line_get_extents (l.line, NULL, &logical);
          l.right = op->x + op->dx + pango_units_to_double (logical.x + logical.width);
          g_array_append_val (lines, l);
        }
    }
  return lines;
}

/* The index of the first line that starts with @start; fails the test if there is none. */
static guint
find_line (GArray     *lines,
           const char *start)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_array_index (lines, Line, i).text, start))
      return i;
  g_assert_not_reached ();
}

/* Line @i of @lines, which must exist. */
static const Line *
line_at (GArray *lines,
         guint   i)
{
  g_assert_cmpuint (i, <, lines->len);
  return &g_array_index (lines, Line, i);
}

static TbLayout *
layout_with (const char *para)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();

  tb_report_set_text (report, "s1", para);
  return tb_layout_new (report, NULL);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* GB/T 9704: 28 characters to the line, and a full line of Chinese fills the text block
 * with every character at its own width (nothing added between them). */
static void
test_grid (void)
{
  g_autofree char *body = repeat ("政府信息公开工作年度报告", 12);
  g_autoptr(TbLayout) layout = layout_with (body);
  g_autoptr(GArray) lines = placed_lines (layout);
  guint first = find_line (lines, "政府信息公开工作年度报告政府");

  /* 12 × 12 characters: 26 + 4 × 28 + 6. */
  for (guint n = 0; n < 5; n++)
    {
      const Line *l = line_at (lines, first + n);
      PangoGlyphItem *run = l->line->runs->data;
      PangoGlyphString *glyphs = run->glyphs;

      /* The first line is indented by two characters. */
      g_assert_cmpint (g_utf8_strlen (l->text, -1), ==, n == 0 ? 26 : 28);
      g_assert_cmpfloat_with_epsilon (l->right, TEXT_LEFT + TEXT_WIDTH, 0.05);
      g_assert_cmpuint (g_slist_length (l->line->runs), ==, 1);
      for (int i = 0; i < glyphs->num_glyphs; i++)
        g_assert_cmpint (glyphs->glyphs[i].geometry.width, ==, glyphs->glyphs[0].geometry.width);
    }
  g_assert_cmpint (g_utf8_strlen (line_at (lines, first + 5)->text, -1), ==, 6);
}

/* The extra width each cluster of @l got over its natural width (the same layout set
 * again without justification), by byte index in the layout's text. */
static GHashTable *
extras (const Line *l)
{
  g_autoptr(PangoLayout) plain = pango_layout_copy (l->layout);
  GHashTable *extra = g_hash_table_new (NULL, NULL);
  PangoLayoutIter *a = pango_layout_get_iter (l->layout);
  PangoLayoutIter *b = pango_layout_get_iter (plain);

  /* The copy has the same attributes (so the same half-width punctuation), the same
   * width and the same line breaks, but not the widths justification added. */
  do
    {
      PangoRectangle ra, rb;

      g_assert_cmpint (pango_layout_iter_get_index (a), ==, pango_layout_iter_get_index (b));
      pango_layout_iter_get_cluster_extents (a, NULL, &ra);
      pango_layout_iter_get_cluster_extents (b, NULL, &rb);
      if (pango_layout_iter_get_line_readonly (a) == l->line)
        g_hash_table_insert (extra, GINT_TO_POINTER (pango_layout_iter_get_index (a)),
                             GINT_TO_POINTER (ra.width - rb.width));
    }
  while (pango_layout_iter_next_cluster (a) && pango_layout_iter_next_cluster (b));
  pango_layout_iter_free (a);
  pango_layout_iter_free (b);
  return extra;
}

/* A justified line with a number in it: the digits keep their own widths (“2019”, not
 * “2 0 1 9”), every other gap gets the same share, the line is full, and pdftotext gives
 * the text back with no space added. */
static void
test_numbers_whole (void)
{
  const char *para = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条"
                     "的规定，按照《中华人民共和国政府信息公开工作年度报告格式（试行）》"
                     "（国办公开办函〔2019〕60号）编制，全文包括总体情况、主动公开政府信息情况"
                     "等六个部分。";
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autoptr(TbLayout) layout = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GHashTable) extra = NULL;
  g_autoptr(TbTestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  const Line *l = NULL;
  const char *all;
  int share = -1;
  guint n_shared = 0;

  tb_report_set_text (report, "s1", para);
  layout = tb_layout_new (report, NULL);
  lines = placed_lines (layout);
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_array_index (lines, Line, i).text, "2019") != NULL)
      l = &g_array_index (lines, Line, i);
  g_assert_nonnull (l);
  /* Not the last line of the paragraph: it is justified. */
  g_assert_nonnull (strstr (para, l->text));
  g_assert_false (g_str_has_suffix (para, l->text));
  g_assert_cmpfloat_with_epsilon (l->right, TEXT_LEFT + TEXT_WIDTH, 0.05);

  extra = extras (l);
  all = pango_layout_get_text (l->layout);
  for (const char *p = l->text; *p; p = g_utf8_next_char (p))
    {
      const char *at = strstr (all, l->text) + (p - l->text);
      const char *next = g_utf8_next_char (p);
      int e = GPOINTER_TO_INT (g_hash_table_lookup (extra, GINT_TO_POINTER (at - all)));

      if (*next == '\0')
        break;
      if (g_ascii_isdigit (*p) && g_ascii_isdigit (*next))
        g_assert_cmpint (e, ==, 0);
      else if (share < 0)
        share = e;
      else
        {
          /* Shared as evenly as whole pango units allow. */
          g_assert_cmpint (ABS (e - share), <=, 1);
          n_shared++;
        }
    }
  g_assert_cmpint (share, >, 0);
  g_assert_cmpuint (n_shared, >, 10);

  pdf = tb_test_export_pdf (report, NULL);
  text = tb_test_pdf_raw_text (pdf->path, 1);
  g_assert_nonnull (strstr (text, "〔2019〕60"));
}

/* Kinsoku would push a character down with the punctuation that may not begin or end a
 * line, leaving the line an em short; instead the punctuation is pulled in, set
 * half-width with one more mark of the line, and the line is full. */
static void
test_pull_in (void)
{
  static const struct
  {
    guint       n;
    const char *pair;
  } cases[] = {
    /* 10 + ， + 14 + 甲， in 26 em: 甲 and ， come up (10 + ½ + 14 + 1 + ½). */
    { 14, "甲，" },
    /* 10 + ， + 14 + 《字: the opening bracket and what it opens come up. */
    { 14, "《字" },
    /* 10 + ， + 13 + 法”、: the run of closing marks comes up whole. */
    { 13, "法”、" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *ten = repeat ("政", 10);
      g_autofree char *middle = repeat ("府", cases[k].n);
      g_autofree char *rest = repeat ("信", 60);
      g_autofree char *para = g_strconcat (ten, "，", middle, cases[k].pair, rest, "。", NULL);
      g_autoptr(TbLayout) layout = layout_with (para);
      g_autoptr(GArray) lines = placed_lines (layout);
      guint i = find_line (lines, ten);
      const Line *l = line_at (lines, i);

      g_test_message ("%s → %s", para, l->text);
      g_assert_true (g_str_has_suffix (l->text, cases[k].pair));
      g_assert_cmpfloat_with_epsilon (l->right, TEXT_LEFT + TEXT_WIDTH, 0.05);
      g_assert_true (g_str_has_prefix (line_at (lines, i + 1)->text, "信"));
    }
}

/* With no punctuation in the line to set half-width, the character goes down as Pango
 * breaks it and the line is filled by spacing: never a closing mark at a line's start. */
static void
test_push_out (void)
{
  g_autofree char *first = repeat ("政", 25);
  g_autofree char *rest = repeat ("信", 60);
  g_autofree char *para = g_strconcat (first, "甲，", rest, "。", NULL);
  g_autoptr(TbLayout) layout = layout_with (para);
  g_autoptr(GArray) lines = placed_lines (layout);
  guint i = find_line (lines, first);
  const Line *l = line_at (lines, i);

  g_assert_cmpstr (l->text, ==, first);
  g_assert_cmpfloat_with_epsilon (l->right, TEXT_LEFT + TEXT_WIDTH, 0.05);
  g_assert_true (g_str_has_prefix (line_at (lines, i + 1)->text, "甲，"));
}

/* The ideographic space is a character like any other: a line with one, left short by
 * kinsoku, is filled evenly, not all at that space (as Pango did not either). */
static void
test_ideographic_space (void)
{
  g_autofree char *first = repeat ("政", 12);
  g_autofree char *second = repeat ("府", 12);
  g_autofree char *rest = repeat ("信", 60);
  g_autofree char *para = g_strconcat (first, "　", second, "甲，", rest, "。", NULL);
  g_autoptr(TbLayout) layout = layout_with (para);
  g_autoptr(GArray) lines = placed_lines (layout);
  const Line *l = line_at (lines, find_line (lines, first));
  g_autoptr(GHashTable) extra = extras (l);
  GHashTableIter iter;
  gpointer value;
  int most = 0, least = G_MAXINT;

  /* 12 + 　 + 12 in 26 em, 甲 pushed down with ，: an em to fill, with nothing to pull in. */
  g_assert_true (g_str_has_suffix (l->text, "府"));
  g_assert_cmpfloat_with_epsilon (l->right, TEXT_LEFT + TEXT_WIDTH, 0.05);
  g_hash_table_iter_init (&iter, extra);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      most = MAX (most, GPOINTER_TO_INT (value));
      least = MIN (least, GPOINTER_TO_INT (value));
    }
  /* Every gap the same share (the last character has none after it). */
  g_assert_cmpint (least, ==, 0);
  g_assert_cmpint (most, >, 0);
  g_assert_cmpint (most, <, pango_units_from_double (BODY_SIZE) / 10);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/justify/grid", test_grid);
  g_test_add_func ("/pdf/justify/numbers-whole", test_numbers_whole);
  g_test_add_func ("/pdf/justify/pull-in", test_pull_in);
  g_test_add_func ("/pdf/justify/push-out", test_push_out);
  g_test_add_func ("/pdf/justify/ideographic-space", test_ideographic_space);

  return g_test_run ();
}
