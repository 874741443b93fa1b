/* tb-source.c: a document read from another format, before it is understood
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-field.h"
#include "tb-source.h"

/* The grid of one table stays small (an official table has at most 30 rows and 16
 * columns); a hostile input cannot make it large. */
#define MAX_ROWS    2000
#define MAX_COLUMNS 200
#define MAX_SPAN    1000

/* Private: the grid index of a table, built when a cell is looked up. */
typedef struct
{
  TbSourceCell **grid;     /* n_rows × n_columns, NULL where no cell covers */
  guint          rows, columns;
  gboolean       dirty;
} Grid;

G_DEFINE_QUARK (tb-source-error-quark, tb_source_error)

static void
cell_free (TbSourceCell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

static void
grid_free (Grid *grid)
{
  g_free (grid->grid);
  g_free (grid);
}

static void
block_free (TbSourceBlock *block)
{
  g_free (block->text);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_clear_pointer (&block->grid, grid_free);
  g_free (block);
}

TbSource *
tb_source_new (TbSourceKind kind)
{
  TbSource *self = g_new0 (TbSource, 1);

  self->kind = kind;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
tb_source_free (TbSource *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
         c == 0x200B /* zero width space */ || c == 0xFEFF;
}

char *
tb_source_normalize_text (const char *text,
                          gboolean    keep_lines)
{
  GString *out;
  gboolean pending_space = FALSE;
  gboolean pending_line = FALSE;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Invalid UTF-8: a readers' bug; never pass it on. */
          c = 0xFFFD;
        }
      /* Control characters and invisible direction controls are no part of what a report
       * says, and no text of a draft may hold them (tb-field.h): a page that carries them
       * (a stray DEL, an isolate around a name) is read without them. */
      if ((tb_field_is_control (c) && c != '\n' && c != '\t' && c != '\r') ||
          tb_field_is_direction (c))
        continue;
      if (keep_lines && (c == '\n' || c == 0x2028 || c == 0x2029))
        {
          pending_line = out->len > 0;
          pending_space = FALSE;
          continue;
        }
      if (is_space (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_line)
        g_string_append_c (out, '\n');
      else if (pending_space)
        g_string_append_c (out, ' ');
      pending_line = pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

TbSourceBlock *
tb_source_add_paragraph (TbSource          *self,
                         const char        *text,
                         const TbSourcePos *pos)
{
  TbSourceBlock *block;
  char *normal;

  g_return_val_if_fail (self != NULL, NULL);

  normal = tb_source_normalize_text (text, FALSE);
  if (*normal == '\0')
    {
      g_free (normal);
      return NULL;
    }
  block = g_new0 (TbSourceBlock, 1);
  block->kind = TB_BLOCK_PARAGRAPH;
  block->text = normal;
  if (pos != NULL)
    block->pos = *pos;
  g_ptr_array_add (self->blocks, block);
  return block;
}

TbSourceBlock *
tb_source_add_table (TbSource          *self,
                     const TbSourcePos *pos)
{
  TbSourceBlock *block;

  g_return_val_if_fail (self != NULL, NULL);

  block = g_new0 (TbSourceBlock, 1);
  block->kind = TB_BLOCK_TABLE;
  block->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  if (pos != NULL)
    block->pos = *pos;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static Grid *
get_grid (TbSourceBlock *table)
{
  Grid *grid = table->grid;

  if (grid == NULL)
    {
      grid = g_new0 (Grid, 1);
      grid->dirty = TRUE;
      table->grid = grid;
    }
  return grid;
}

TbSourceCell *
tb_source_table_add_cell (TbSourceBlock     *table,
                          guint              row,
                          guint              col,
                          guint              rowspan,
                          guint              colspan,
                          const char        *text,
                          gboolean           header,
                          const TbSourcePos *pos)
{
  TbSourceCell *cell;

  g_return_val_if_fail (table != NULL && table->kind == TB_BLOCK_TABLE, NULL);

  rowspan = CLAMP (rowspan, 1, MAX_SPAN);
  colspan = CLAMP (colspan, 1, MAX_SPAN);
  if (row >= MAX_ROWS || col >= MAX_COLUMNS)
    return NULL;
  rowspan = MIN (rowspan, MAX_ROWS - row);
  colspan = MIN (colspan, MAX_COLUMNS - col);

  cell = g_new0 (TbSourceCell, 1);
  cell->row = row;
  cell->col = col;
  cell->rowspan = rowspan;
  cell->colspan = colspan;
  cell->text = tb_source_normalize_text (text, TRUE);
  cell->header = header;
  if (pos != NULL)
    cell->pos = *pos;
  g_ptr_array_add (table->cells, cell);
  table->n_rows = MAX (table->n_rows, row + rowspan);
  table->n_columns = MAX (table->n_columns, col + colspan);
  get_grid (table)->dirty = TRUE;
  return cell;
}

TbSourceCell *
tb_source_table_get_cell (TbSourceBlock *table,
                          guint          row,
                          guint          col)
{
  Grid *grid;

  g_return_val_if_fail (table != NULL && table->kind == TB_BLOCK_TABLE, NULL);

  if (row >= table->n_rows || col >= table->n_columns)
    return NULL;
  grid = get_grid (table);
  if (grid->dirty)
    {
      g_free (grid->grid);
      grid->rows = table->n_rows;
      grid->columns = table->n_columns;
      grid->grid = g_new0 (TbSourceCell *, (gsize) grid->rows * grid->columns);
      /* The first cell to claim a place keeps it (overlapping spans in broken HTML). */
      for (guint i = 0; i < table->cells->len; i++)
        {
          TbSourceCell *cell = g_ptr_array_index (table->cells, i);

          for (guint r = cell->row; r < cell->row + cell->rowspan; r++)
            for (guint c = cell->col; c < cell->col + cell->colspan; c++)
              if (grid->grid[(gsize) r * grid->columns + c] == NULL)
                grid->grid[(gsize) r * grid->columns + c] = cell;
        }
      grid->dirty = FALSE;
    }
  return grid->grid[(gsize) row * grid->columns + col];
}

void
tb_source_add_note (TbSource   *self,
                    const char *format,
                    ...)
{
  va_list args;

  g_return_if_fail (self != NULL && format != NULL);

  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

char *
tb_source_dump (const TbSource *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (self->title != NULL)
    g_string_append_printf (out, "title: %s\n", self->title);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      TbSourceBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == TB_BLOCK_PARAGRAPH)
        {
          g_string_append_printf (out, "¶ %s%s\n", block->text, block->continues ? " …" : "");
          continue;
        }
      g_string_append_printf (out, "table %u×%u%s\n", block->n_rows, block->n_columns,
                              block->ragged ? " ragged" : "");
      for (guint r = 0; r < block->n_rows; r++)
        {
          gboolean first = TRUE;

          for (guint j = 0; j < block->cells->len; j++)
            {
              TbSourceCell *cell = g_ptr_array_index (block->cells, j);
              g_autofree char *text = NULL;

              if (cell->row != r)
                continue;
              text = g_strdelimit (g_strdup (cell->text), "\n", '/');
              g_string_append_printf (out, "%s%s", first ? "| " : " | ", text);
              if (cell->rowspan > 1 || cell->colspan > 1)
                g_string_append_printf (out, " (%u×%u)", cell->rowspan, cell->colspan);
              first = FALSE;
            }
          g_string_append (out, first ? "|\n" : " |\n");
        }
    }
  return g_string_free (out, FALSE);
}

const char *
tb_source_kind_to_string (TbSourceKind kind)
{
  switch (kind)
    {
    case TB_SOURCE_HTML:
      return _("web page (HTML)");
    case TB_SOURCE_TEXT:
      return _("text");
    case TB_SOURCE_DOCX:
      return _("Word document");
    case TB_SOURCE_PDF:
      return _("PDF");
    default:
      return "?";
    }
}
