/* test-typeset.c: the tables are set like a typesetter would (issue 13, item 4)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from the layout the PDF export and print draw (tb_pdf_layout_new()), for every table
 * cell of both formats, with ordinary values and with numbers too wide for the official
 * column widths: no label leaves one character alone on its last line; every number is
 * set on one line in the table's type size (never shrunk) and its ink keeps at least 4 pt
 * from the cell's left and right rules.
 */

#define G_LOG_DOMAIN "test-typeset"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "tb-layout-private.h"
#include "tb-pdf-fonts.h"
#include "tb-test-util.h"

typedef struct
{
  guint labels;
  guint values;
  guint orphans;
  guint shrunk;
  guint tight;
  guint wrapped;
  double min_gap;
} Check;

/* The characters of line @i of @layout that are not spaces. */
static glong
line_chars (PangoLayout *layout,
            int          i)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
  const char *text = pango_layout_get_text (layout);
  glong n = 0;

  for (const char *p = text + line->start_index; p < text + line->start_index + line->length;
       p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

static void
check_cell (TbLayoutCellKind  kind,
            PangoLayout      *layout,
            double            x,
            double            y,
            double            box_x,
            double            box_y,
            double            box_w,
            double            box_h,
            gpointer          user_data)
{
  Check *c = user_data;
  int lines = pango_layout_get_line_count (layout);
  const char *text = pango_layout_get_text (layout);

  if (kind == TB_LAYOUT_CELL_LABEL)
    {
      c->labels++;
      if (lines > 1 && line_chars (layout, lines - 1) == 1)
        {
          g_test_message ("orphan: %s (%d lines, %.1f pt wide)", text, lines,
                          pango_units_to_double (pango_layout_get_width (layout)));
          c->orphans++;
        }
    }
  else
    {
      const PangoFontDescription *desc = pango_layout_get_font_description (layout);
      double size = pango_units_to_double (pango_font_description_get_size (desc));
      PangoRectangle ink;
      double left, right;

      c->values++;
      if (fabs (size - TABLE_SIZE) > 0.01 && fabs (size - TABLE_SIZE_WIDE) > 0.01)
        {
          g_test_message ("shrunk: %s at %.2f pt", text, size);
          c->shrunk++;
        }
      if (lines != 1)
        {
          g_test_message ("wrapped: %s", text);
          c->wrapped++;
        }
      pango_layout_get_extents (layout, &ink, NULL);
      left = x + pango_units_to_double (ink.x) - box_x;
      right = box_x + box_w - (x + pango_units_to_double (ink.x + ink.width));
      c->min_gap = MIN (c->min_gap, MIN (left, right));
      if (left < 4.0 || right < 4.0)
        {
          g_test_message ("tight: %s %.2f pt from the left rule, %.2f from the right", text,
                          left, right);
          c->tight++;
        }
    }
}

static void
check_report (TbReport   *report,
              const char *what)
{
  g_autoptr(TbLayout) layout = tb_pdf_layout_new (report, NULL);
  Check c = { 0, .min_gap = G_MAXDOUBLE };

  for (guint page = 0; page < tb_layout_get_n_pages (layout); page++)
    tb_layout_foreach_cell (layout, page, check_cell, &c);
  g_test_message ("%s: %u labels, %u numbers, numbers ≥ %.2f pt from the rules", what,
                  c.labels, c.values, c.min_gap);
  g_assert_cmpuint (c.labels, >, 50);
  g_assert_cmpuint (c.values, >, 50);
  g_assert_cmpuint (c.orphans, ==, 0);
  g_assert_cmpuint (c.shrunk, ==, 0);
  g_assert_cmpuint (c.wrapped, ==, 0);
  g_assert_cmpuint (c.tight, ==, 0);
}

/* Every value cell of @report set to @value: numbers as wide as a clerk may type. */
static void
fill_values (TbReport *report,
             gint64    value)
{
  const TbFormat *format = tb_report_get_format (report);

  for (guint t = 0; t < tb_format_get_n_tables (format); t++)
    {
      const TbTableSpec *spec = tb_format_get_table (format, t);

      for (guint i = 0; i < spec->n_items; i++)
        if (spec->items[i].kind == TB_GRID_VALUE)
          {
            const TbCellSpec *cell = tb_format_get_cell (format, spec->items[i].cell);

            tb_test_set_value (report, cell->id, value);
          }
    }
}

static void
test_sample_2020 (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();

  check_report (report, "2019 format, published sample");
}

static void
test_full_2021 (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();

  check_report (report, "2021 format, full");
}

/* Numbers far wider than the official column widths allow (9 999 999 in every cell): the
 * columns widen, the numbers keep their size. */
static void
test_wide_numbers (gconstpointer data)
{
  const char *format_id = data;
  g_autoptr(TbReport) report = tb_test_make_report (format_id, 2024, "宁夏回族自治区人民政府办公厅",
                                                    7);

  fill_values (report, 9999999);
  check_report (report, format_id);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/typeset/sample-2020", test_sample_2020);
  g_test_add_func ("/typeset/full-2021", test_full_2021);
  g_test_add_data_func ("/typeset/wide-numbers/2019", "2019", test_wide_numbers);
  g_test_add_data_func ("/typeset/wide-numbers/2021", "2021", test_wide_numbers);
  return g_test_run ();
}
