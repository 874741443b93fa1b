/* test-tsv-writer.c: a table as tab-separated text for spreadsheets (src/convert/tb-tsv-writer.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is split back into lines and fields as a spreadsheet does, and compared with the
 * format's grid: one line per grid row, one field per grid column, each label and number in
 * the field of its cell's top-left corner, the rest of a merged cell empty.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tb-tsv-writer.h"

#include "tb-test-export.h"
#include "tb-test-util.h"

/* The fields of @tsv, as a spreadsheet reads them: lines, tab-separated fields, "…" quoting
 * (doubled quotes inside). (transfer full): a GPtrArray of GPtrArray of char * */
static GPtrArray *
read_tsv (const char *tsv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = tsv;

  while (*p != '\0')
    {
      if (*p == '"' && field->len == 0)
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              g_string_append_c (field, *p);
            }
          continue;
        }
      if (*p == '\t' || *p == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\n')
            {
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
            }
        }
      else
        g_string_append_c (field, *p);
      p++;
    }
  /* Every line ends with "\n": nothing is left over. */
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
check_table (TbReport          *report,
             const TbTableSpec *table)
{
  g_autofree char *tsv = tb_tsv_write_table (report, table);
  g_autoptr(GPtrArray) rows = read_tsv (tsv);
  g_autofree gboolean *filled = g_new0 (gboolean, (gsize) table->n_rows * table->n_columns);

  g_assert_true (g_utf8_validate (tsv, -1, NULL));
  g_assert_cmpuint (rows->len, ==, table->n_rows);
  for (guint r = 0; r < rows->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, r))->len, ==, table->n_columns);

  for (guint i = 0; i < table->n_items; i++)
    {
      const TbGridItem *it = &table->items[i];
      GPtrArray *row = g_ptr_array_index (rows, it->row);
      g_autofree char *want = it->kind == TB_GRID_VALUE
                              ? tb_test_expected_value (report, it->cell)
                              : g_strdup (it->text);

      g_assert_cmpstr (g_ptr_array_index (row, it->col), ==, want);
      filled[it->row * table->n_columns + it->col] = *want != '\0';
    }
  /* The rest of each merged cell, and empty cells, are empty fields. */
  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_columns; c++)
      if (!filled[r * table->n_columns + c])
        {
          GPtrArray *row = g_ptr_array_index (rows, r);

          g_assert_cmpstr (g_ptr_array_index (row, c), ==, "");
        }
}

static void
check_report (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  guint n = 0;

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      if (section->type == TB_SECTION_TABLE && section->table != NULL)
        {
          check_table (report, section->table);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 3);
}

static void
test_full_2021 (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();

  check_report (report);
}

static void
test_sample (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  const TbTableSpec *t2 = tb_format_find_table (tb_report_get_format (report), "t2");
  g_autofree char *tsv = tb_tsv_write_table (report, t2);

  check_report (report);
  /* The 2019 采购总金额 keeps its own unit, as printed. */
  g_assert_nonnull (strstr (tsv, "元"));
}

/* Empty cells are empty fields; what was typed and cannot be read is kept, quoted when it
 * holds a quote. (A tab or a line break cannot reach a cell: the report refuses them, as a
 * draft could not hold them.) */
static void
test_empty_and_typed (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbTableSpec *t3 = tb_format_find_table (tb_report_get_format (report), "t3");
  g_autofree char *tsv = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_nonnull (t3);
  tb_test_clear (report, "t3.r3_1_open.np");
  tb_test_type (report, "t3.r1_new.np", "5 \"六\"");
  g_assert_cmpint (tb_test_state (report, "t3.r1_new.np"), ==, TB_CELL_INVALID);
  check_table (report, t3);

  tsv = tb_tsv_write_table (report, t3);
  g_assert_nonnull (strstr (tsv, "\"5 \"\"六\"\"\""));
  rows = read_tsv (tsv);
  g_assert_cmpuint (rows->len, ==, t3->n_rows);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tsv/full-2021", test_full_2021);
  g_test_add_func ("/tsv/sample", test_sample);
  g_test_add_func ("/tsv/empty-and-typed", test_empty_and_typed);

  return g_test_run ();
}
