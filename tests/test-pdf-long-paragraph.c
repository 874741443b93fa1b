/* test-pdf-long-paragraph.c: the longest paragraphs in the page layout and the PDF export
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A long paragraph is laid out in pieces (TB_LAYOUT_PIECE_BYTES) with exactly the lines it
 * has laid out whole, and the longest text and agency a report can hold are printed whole.
 */

#define G_LOG_DOMAIN "test-pdf-long-paragraph"

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tb-field.h"
#include "tb-layout-private.h"
#include "tb-pdf.h"

#include "tb-test-pdf.h"
#include "tb-test-util.h"

/* The text of every line the layout places, in order (pages one after the other). */
static GPtrArray *
placed_lines (TbLayout *layout)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < layout->pages->len; p++)
    {
      GArray *ops = g_ptr_array_index (layout->pages, p);

      for (guint i = 0; i < ops->len; i++)
        {
          const TbLayoutOp *op = &g_array_index (ops, TbLayoutOp, i);
          PangoLayoutLine *line;

          if (op->kind != TB_LAYOUT_OP_LINE)
            continue;
          line = pango_layout_get_line_readonly (op->layout, op->line);
          g_ptr_array_add (lines, g_strndup (pango_layout_get_text (op->layout) + line->start_index,
                                             line->length));
        }
    }
  return lines;
}

/* The lines of @para as one layout, the way the pages set a paragraph (tb-layout-text.c). */
static GPtrArray *
whole_lines (TbLayout   *layout,
             const char *para)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) whole = _tb_layout_make (layout, TB_LAYOUT_FONT_BODY, 0, para,
                                                  TEXT_WIDTH, PANGO_ALIGN_LEFT);

  pango_layout_set_indent (whole, pango_units_from_double (2 * BODY_SIZE));
  _tb_layout_justify (whole, BODY_SIZE);
  for (int i = 0; i < pango_layout_get_line_count (whole); i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (whole, i);

      g_ptr_array_add (lines, g_strndup (para + line->start_index, line->length));
    }
  return lines;
}

/* Laid out in pieces (TB_LAYOUT_PIECE_BYTES), a long paragraph still gets exactly the lines
 * the whole paragraph has: the pieces change nothing but the time. */
static void
test_long_paragraph_lines (void)
{
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autofree char *unbroken = g_strnfill (3000, 'a');
  g_autofree char *digits = g_strnfill (2500, '7');
  const char *paragraphs[3];

  /* Real wording, digits, Latin words and punctuation that line breaking treats specially. */
  while (mixed->len < 6 * TB_LAYOUT_PIECE_BYTES)
    g_string_append (mixed, "本年度共收到政府信息公开申请1,234件，较上年增长12.5%，其中通过"
                     "“中国政府网”（www.gov.cn）提交的有56件；依申请公开收费317,425,062.13元。"
                     "The Regulations on Open Government Information (OGI) apply—see 《条例》"
                     "第二十条第（八）项。");
  paragraphs[0] = mixed->str;
  paragraphs[1] = unbroken;
  paragraphs[2] = digits;

  for (guint k = 0; k < G_N_ELEMENTS (paragraphs); k++)
    {
      g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
      g_autoptr(TbLayout) layout = NULL;
      g_autoptr(GPtrArray) placed = NULL;
      g_autoptr(GPtrArray) whole = NULL;
      guint at = 0;

      g_assert_cmpuint (strlen (paragraphs[k]), >, 2 * TB_LAYOUT_PIECE_BYTES);
      tb_report_set_text (report, "s1", paragraphs[k]);
      layout = tb_layout_new (report, NULL);
      placed = placed_lines (layout);
      whole = whole_lines (layout, paragraphs[k]);
      g_assert_cmpuint (whole->len, >, 20);
      while (at < placed->len && !g_str_equal (g_ptr_array_index (placed, at),
                                               g_ptr_array_index (whole, 0)))
        at++;
      g_assert_cmpuint (at + whole->len, <=, placed->len);
      for (guint i = 0; i < whole->len; i++)
        g_assert_cmpstr (g_ptr_array_index (placed, at + i), ==, g_ptr_array_index (whole, i));
      g_test_message ("paragraph %u: %u lines, the same as laid out whole", k, whole->len);
    }
}

/* Before: a paragraph of 131,100 CJK characters printed 31 of them (exit 0). Now the longest
 * text a report can hold is printed whole, every character of it, across pages. */
static void
test_long_paragraph_printed (void)
{
  static const char *const units[] = { "字", "a" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
      g_autoptr(GString) para = g_string_new (NULL);
      g_autoptr(TbTestPdf) tmp = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GString) long_agency = g_string_new (NULL);
      g_autoptr(GString) flat = g_string_new (NULL);
      guint count = 0;

      for (guint i = 0; i < TB_FIELD_TEXT_MAX_CHARS; i++)
        g_string_append (para, units[u]);
      for (guint i = 0; i < TB_FIELD_AGENCY_MAX_CHARS; i++)
        g_string_append (long_agency, i % 2 ? "局" : "县");
      tb_report_set_text (report, "s1", para->str);
      tb_report_set_agency (report, long_agency->str);
      tmp = tb_test_export_pdf (report, NULL);
      text = tb_test_pdf_raw_text (tmp->path, 0);
      for (const char *p = text; (p = strstr (p, units[u])) != NULL; p += strlen (units[u]))
        count++;
      g_test_message ("%s × %u: pdftotext finds %u", units[u], TB_FIELD_TEXT_MAX_CHARS, count);
      g_assert_cmpuint (count, >=, TB_FIELD_TEXT_MAX_CHARS);
      /* 字 also occurs in the rest of the report; 'a' never does. */
      if (u == 1)
        g_assert_cmpuint (count, ==, TB_FIELD_TEXT_MAX_CHARS);
      /* The longest agency, in the title (broken across lines). */
      for (const char *p = text; *p; p++)
        if (*p != '\n')
          g_string_append_c (flat, *p);
      g_assert_nonnull (strstr (flat->str, long_agency->str));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/long-paragraph/lines", test_long_paragraph_lines);
  g_test_add_func ("/pdf/long-paragraph/printed", test_long_paragraph_printed);

  return g_test_run ();
}
