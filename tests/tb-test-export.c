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

static char *
attr_of (xmlNodePtr  node,
         const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return text;
}

static guint
span_of (xmlNodePtr  node,
         const char *name)
{
  g_autofree char *value = attr_of (node, name);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : 1;
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

/* The <tr> of @table, directly or in its <thead>, <tbody> and <tfoot>, in order. */
static GPtrArray *
table_rows (xmlNodePtr table)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (xmlNodePtr n = table->children; n != NULL; n = n->next)
    if (is_element (n, "tr"))
      g_ptr_array_add (rows, n);
    else if (is_element (n, "thead") || is_element (n, "tbody") || is_element (n, "tfoot"))
      for (xmlNodePtr r = n->children; r != NULL; r = r->next)
        if (is_element (r, "tr"))
          g_ptr_array_add (rows, r);
  return rows;
}

GPtrArray *
tb_test_read_html_grid (xmlDocPtr  doc,
                        xmlNodePtr table)
{
  g_autoptr(GPtrArray) rows = table_rows (table);
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  GPtrArray *cells = tb_test_cells_new ();

  for (guint r = 0; r < rows->len; r++)
    {
      guint col = 0;

      for (xmlNodePtr c = ((xmlNodePtr) g_ptr_array_index (rows, r))->children; c; c = c->next)
        {
          gboolean th;
          guint rowspan, colspan;
          xmlChar *text;

          if (c->type != XML_ELEMENT_NODE)
            continue;
          th = is_element (c, "th");
          g_assert_true (th || is_element (c, "td"));
          while (g_hash_table_contains (taken, GUINT_TO_POINTER (r * 1000 + col)))
            col++;
          rowspan = span_of (c, "rowspan");
          colspan = span_of (c, "colspan");
          for (guint y = r; y < r + rowspan; y++)
            for (guint x = col; x < col + colspan; x++)
              g_hash_table_add (taken, GUINT_TO_POINTER (y * 1000 + x));
          text = xmlNodeGetContent (c);
          tb_test_cells_add (cells, r, col, rowspan, colspan, (const char *) text, th);
          xmlFree (text);
          col += colspan;
        }
    }
  return cells;
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
