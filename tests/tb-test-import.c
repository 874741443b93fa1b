/* tb-test-import.c: checking what a reader made of the import fixtures
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tb-draft.h"
#include "tb-test-import.h"

GBytes *
tb_test_fixture_bytes (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", file, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

TbReport *
tb_test_fixture_report (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TbReport *report;

  if (g_str_equal (name, "yanchi-2020"))
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                  "yanchi-audit-2020.tianbao", NULL);
  else
    {
      g_autofree char *file = g_strconcat (name, ".tianbao", NULL);

      path = g_test_build_filename (G_TEST_DIST, "data", "import", file, NULL);
    }
  report = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

GPtrArray *
tb_test_source_tables (const TbSource *source)
{
  GPtrArray *tables = g_ptr_array_new ();

  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *b = g_ptr_array_index (source->blocks, i);

      if (b->kind == TB_BLOCK_TABLE)
        g_ptr_array_add (tables, b);
    }
  return tables;
}

/* What a grid item should read: a label's text, a value as the report holds it. */
static char *
item_text (const TbGridItem *item,
           TbReport         *report)
{
  char *text;

  if (item->kind == TB_GRID_LABEL)
    return g_strdup (item->text);
  text = tb_report_dup_cell_text (report, (guint) item->cell);
  return text != NULL ? text : g_strdup ("");
}

/* The grid lines of @spec that some item starts or ends on: a file cannot keep the others
 * (LibreOffice drops a column no cell edge uses, and a PDF has no line for it). @map gets,
 * for each used line, its number among the used ones. Returns how many are used. */
static guint
used_lines (const TbTableSpec *spec,
            gboolean           columns,
            guint             *map)
{
  guint n = columns ? spec->n_columns : spec->n_rows;
  g_autofree gboolean *used = g_new0 (gboolean, n + 1);
  guint count = 0;

  used[0] = used[n] = TRUE;
  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *item = &spec->items[i];
      guint start = columns ? item->col : item->row;
      guint span = columns ? item->colspan : item->rowspan;

      used[start] = used[start + span] = TRUE;
    }
  for (guint b = 0; b <= n; b++)
    {
      map[b] = count;
      count += used[b];
    }
  return count;
}

void
tb_test_assert_grid (TbSourceBlock     *table,
                     const TbTableSpec *spec,
                     TbReport          *report)
{
  g_autofree guint *col_map = g_new (guint, spec->n_columns + 1);
  g_autofree guint *row_map = g_new (guint, spec->n_rows + 1);

  g_assert_cmpuint (table->n_columns, ==, used_lines (spec, TRUE, col_map) - 1);
  g_assert_cmpuint (table->n_rows, ==, used_lines (spec, FALSE, row_map) - 1);
  g_assert_cmpuint (table->cells->len, ==, spec->n_items);
  for (guint i = 0; i < spec->n_items; i++)
    {
      const TbGridItem *item = &spec->items[i];
      guint row = row_map[item->row], col = col_map[item->col];
      TbSourceCell *cell = tb_source_table_get_cell (table, row, col);
      g_autofree char *expected = item_text (item, report);

      g_assert_nonnull (cell);
      g_assert_cmpuint (cell->row, ==, row);
      g_assert_cmpuint (cell->col, ==, col);
      g_assert_cmpuint (cell->rowspan, ==, row_map[item->row + item->rowspan] - row);
      g_assert_cmpuint (cell->colspan, ==, col_map[item->col + item->colspan] - col);
      g_assert_cmpstr (cell->text, ==, expected);
    }
}

/* Whether row @sr of @table has the cell @label (if any), then exactly @values. */
static gboolean
row_has (TbSourceBlock    *table,
         guint             sr,
         const TbGridItem *label,
         GPtrArray        *values)
{
  g_autoptr(GPtrArray) got = g_ptr_array_new ();
  gboolean labelled = label == NULL;

  for (guint k = 0; k < table->cells->len; k++)
    {
      TbSourceCell *cell = g_ptr_array_index (table->cells, k);

      if (cell->row != sr)
        continue;
      if (!labelled)
        labelled = g_str_equal (cell->text, label->text);
      else
        g_ptr_array_add (got, cell->text);
    }
  if (!labelled || got->len != values->len)
    return FALSE;
  for (guint k = 0; k < values->len; k++)
    if (!g_str_equal (g_ptr_array_index (got, k), g_ptr_array_index (values, k)))
      return FALSE;
  return TRUE;
}

void
tb_test_assert_rows (GPtrArray         *tables,
                     const TbTableSpec *spec,
                     TbReport          *report,
                     gboolean           seen_only)
{
  for (guint r = 0; r < spec->n_rows; r++)
    {
      const TbGridItem *label = NULL;
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      gboolean has_values = FALSE;
      gboolean found = FALSE;

      for (guint i = 0; i < spec->n_items; i++)
        {
          const TbGridItem *item = &spec->items[i];

          if (item->row != r)
            continue;
          if (item->kind == TB_GRID_VALUE)
            {
              char *text = item_text (item, report);

              has_values = TRUE;
              if (seen_only && *text == '\0')
                g_free (text);
              else
                g_ptr_array_add (values, text);
            }
          else if (!has_values)
            label = item;
        }
      if (!has_values)
        continue;

      for (guint t = 0; t < tables->len && !found; t++)
        {
          TbSourceBlock *table = g_ptr_array_index (tables, t);

          for (guint sr = 0; sr < table->n_rows && !found; sr++)
            found = row_has (table, sr, label, values);
        }
      if (!found)
        g_error ("table %s, row %u (%s): no row of the document has its values", spec->id, r,
                 label != NULL ? label->text : "no label");
    }
}

static char *
squeeze (const char *text,
         gboolean    loose)
{
  GString *out = g_string_new (NULL);
  g_autofree char *normal = tb_source_normalize_text (text, FALSE);

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    if (!loose || !g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The sentence of a section's fields, as the layout fills it (section 六: fees). */
static char *
sentence (TbReport            *report,
          const TbSectionSpec *section)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = NULL;
  g_autofree char *year = g_strdup_printf ("%d", tb_report_get_year (report));
  gboolean any = FALSE;

  if (section->sentence == NULL || section->n_fields == 0)
    return NULL;
  s = g_string_new (section->sentence);
  g_string_replace (s, "{year}", year, 0);
  for (guint i = 0; i < section->n_fields; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, section->fields[i]);
      g_autofree char *key = g_strdup_printf ("{%s}", spec->id);
      g_autofree char *value = tb_report_dup_cell_text (report, section->fields[i]);

      any |= value != NULL;
      g_string_replace (s, key, value != NULL ? value : "____", 0);
    }
  return any ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

guint
tb_test_assert_texts (const TbSource *source,
                      TbReport       *report,
                      gboolean        loose)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GPtrArray) paras = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) pending = g_string_new (NULL);
  guint n_continued = 0;

  /* Paragraphs, joined over page breaks; a table is an empty entry. */
  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *b = g_ptr_array_index (source->blocks, i);

      if (b->kind == TB_BLOCK_TABLE)
        {
          g_assert_cmpuint (pending->len, ==, 0);
          g_ptr_array_add (paras, g_strdup (""));
          continue;
        }
      g_string_append (pending, b->text);
      if (b->continues)
        {
          n_continued++;
          continue;
        }
      g_ptr_array_add (paras, squeeze (pending->str, loose));
      g_string_truncate (pending, 0);
    }
  g_assert_cmpuint (pending->len, ==, 0);

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);
      g_autofree char *heading = squeeze (section->heading, loose);
      g_autofree char *fields = NULL;
      g_auto(GStrv) lines = NULL;
      guint at = 0;

      if (section->type != TB_SECTION_TEXT)
        continue;
      while (at < paras->len && !g_str_equal (g_ptr_array_index (paras, at), heading))
        at++;
      if (at == paras->len)
        g_error ("no paragraph is the heading %s", section->heading);
      at++;
      fields = sentence (report, section);
      if (fields != NULL)
        {
          g_autofree char *expected = squeeze (fields, loose);

          g_assert_cmpuint (at, <, paras->len);
          g_assert_cmpstr (g_ptr_array_index (paras, at), ==, expected);
          at++;
        }
      lines = g_strsplit (tb_report_get_text (report, section->id), "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *expected = squeeze (lines[l], loose);

          if (*expected == '\0')
            continue;
          g_assert_cmpuint (at, <, paras->len);
          g_assert_cmpstr (g_ptr_array_index (paras, at), ==, expected);
          at++;
        }
    }
  return n_continued;
}
