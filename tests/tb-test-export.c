/* tb-test-export.c: what the tests of the HTML and Word writers share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tb-value.h"

#include "tb-test-export.h"

static void
cell_free (gpointer data)
{
  TbTestCell *c = data;

  g_free (c->text);
  g_free (c);
}

GPtrArray *
tb_test_cells_new (void)
{
  return g_ptr_array_new_with_free_func (cell_free);
}

void
tb_test_cells_add (GPtrArray  *cells,
                   guint       row,
                   guint       col,
                   guint       rowspan,
                   guint       colspan,
                   const char *text,
                   gboolean    header)
{
  TbTestCell *c = g_new0 (TbTestCell, 1);

  c->row = row;
  c->col = col;
  c->rowspan = rowspan;
  c->colspan = colspan;
  c->text = g_strdup (text ? text : "");
  c->header = header;
  g_ptr_array_add (cells, c);
}

char *
tb_test_expected_value (TbReport *report,
                        guint     cell)
{
  const TbCellValue *v = tb_report_get_cell (report, cell);
  const TbCellSpec *spec = tb_format_get_cell (tb_report_get_format (report), cell);

  if (v->state == TB_CELL_VALID)
    return tb_value_format_display (spec, v->value, v->unit);
  if (v->state == TB_CELL_INVALID)
    return g_strdup (v->text);
  return g_strdup ("");
}

static TbTestCell *
find_cell (GPtrArray *cells,
           guint      row,
           guint      col)
{
  for (guint i = 0; i < cells->len; i++)
    {
      TbTestCell *c = g_ptr_array_index (cells, i);

      if (c->row == row && c->col == col)
        return c;
    }
  return NULL;
}

void
tb_test_assert_grid (TbReport          *report,
                     const TbTableSpec *table,
                     GPtrArray         *cells,
                     gboolean           check_header)
{
  guint values = 0;

  if (cells->len != table->n_items)
    g_error ("table %s: %u cells read back, the format has %u grid items", table->id,
             cells->len, table->n_items);

  for (guint i = 0; i < table->n_items; i++)
    {
      const TbGridItem *it = &table->items[i];
      TbTestCell *c = find_cell (cells, it->row, it->col);
      g_autofree char *expected = NULL;

      if (c == NULL)
        g_error ("table %s: no cell starts at row %u, column %u", table->id, it->row, it->col);
      if (c->rowspan != it->rowspan || c->colspan != it->colspan)
        g_error ("table %s, row %u, column %u: spans %u×%u, the format has %u×%u", table->id,
                 it->row, it->col, c->rowspan, c->colspan, it->rowspan, it->colspan);

      if (it->kind == TB_GRID_VALUE)
        {
          expected = tb_test_expected_value (report, it->cell);
          values++;
        }
      else
        expected = g_strdup (it->text);
      if (g_strcmp0 (c->text, expected) != 0)
        g_error ("table %s, row %u, column %u: “%s”, expected “%s”", table->id, it->row,
                 it->col, c->text, expected);

      if (check_header)
        {
          gboolean header = it->kind == TB_GRID_LABEL && g_strcmp0 (it->role, "note") != 0;

          if (c->header != header)
            g_error ("table %s, row %u, column %u: %s a header cell", table->id, it->row,
                     it->col, c->header ? "is" : "is not");
        }
    }
  g_assert_cmpuint (values, ==, table->n_cells);
}

char *
tb_test_squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000 || c == 0xfeff)
        continue;
      if (c == '(')
        c = 0xff08;
      else if (c == ')')
        c = 0xff09;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
