/* tb-tsv-writer.c: a table of the report as tab-separated text, for spreadsheets
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tb-publish.h"
#include "tb-tsv-writer.h"

static void
append_field (GString    *out,
              const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL || *text == '\0')
    return;
  clean = tb_publish_clean_text (text);
  if (strpbrk (clean, "\t\n\r\"") == NULL)
    {
      g_string_append (out, clean);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
tb_tsv_write_table (TbReport          *report,
                    const TbTableSpec *table)
{
  GString *out;
  /* The item whose top-left corner is at each grid position, or -1. */
  g_autofree int *corner = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  corner = g_new (int, (gsize) table->n_rows * table->n_columns);
  for (gsize i = 0; i < (gsize) table->n_rows * table->n_columns; i++)
    corner[i] = -1;
  for (guint i = 0; i < table->n_items; i++)
    {
      const TbGridItem *it = &table->items[i];

      if (it->row < table->n_rows && it->col < table->n_columns)
        corner[it->row * table->n_columns + it->col] = (int) i;
    }

  out = g_string_new (NULL);
  for (guint r = 0; r < table->n_rows; r++)
    {
      for (guint c = 0; c < table->n_columns; c++)
        {
          int i = corner[r * table->n_columns + c];

          if (c > 0)
            g_string_append_c (out, '\t');
          if (i < 0)
            continue;
          if (table->items[i].kind == TB_GRID_VALUE)
            {
              g_autofree char *text = tb_publish_cell_text (report, table->items[i].cell);

              append_field (out, text);
            }
          else
            append_field (out, table->items[i].text);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
