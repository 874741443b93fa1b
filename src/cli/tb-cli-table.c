/* tb-cli-table.c: a table of a report laid out as text, for "tianbao-cli show"
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables are laid out from their grid (TbTableSpec.items), so a new format prints without
 * code changes: header labels over the value columns they span, row labels indented by
 * their level, values right-aligned. Widths count CJK characters as two columns. A table
 * without row labels (表四) is printed one value per line, which fits a terminal better
 * than 15 columns.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include "tb-cli-output.h"
#include "tb-cli-table.h"

#define COLUMN_GAP      2
#define MIN_LABEL_WIDTH 30
#define MAX_LABEL_WIDTH 44

/* ------------------------------------------------------------------ cells */

/* Text of a value cell for a table: the canonical value, the typed text of a cell that
 * could not be read (marked with "!"), or the unfilled mark. */
char *
tb_cli_cell_display (TbReport *report,
                     guint     cell)
{
  const TbCellValue *v = tb_report_get_cell (report, cell);

  if (v->state == TB_CELL_EMPTY)
    return g_strdup (TB_CLI_UNFILLED);
  if (v->state == TB_CELL_INVALID)
    return g_strdup_printf ("%s!", v->text ? v->text : "");
  return tb_report_dup_cell_text (report, cell);
}

/* ------------------------------------------------------------------ tables */

typedef struct
{
  const char *title;   /* block label (第二十条第（一）项), or NULL */
  GPtrArray  *head;    /* const TbGridItem *: labels over the values */
  GArray     *rows;    /* guint: grid rows holding values */
} Segment;

static Segment *
segment_new (const char *title)
{
  Segment *seg = g_new0 (Segment, 1);

  seg->title = title;
  seg->head = g_ptr_array_new ();
  seg->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  return seg;
}

static void
segment_free (Segment *seg)
{
  g_ptr_array_unref (seg->head);
  g_array_unref (seg->rows);
  g_free (seg);
}

static gboolean
is_row_label (const TbGridItem *item)
{
  return item->kind == TB_GRID_LABEL &&
         (item->role == NULL || g_str_equal (item->role, "row"));
}

static gboolean
has_role (const TbGridItem *item,
          const char       *role)
{
  return item->kind == TB_GRID_LABEL && g_strcmp0 (item->role, role) == 0;
}

/* Splits the table into runs of rows under one header: 表三 is one, 表二 one per block. */
static GPtrArray *
split_segments (const TbTableSpec *table,
                GPtrArray        **by_row)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  Segment *cur = segment_new (NULL);

  for (guint r = 0; r < table->n_rows; r++)
    {
      GPtrArray *items = by_row[r];
      gboolean block = FALSE, head = FALSE, values = FALSE;

      for (guint i = 0; i < items->len; i++)
        {
          const TbGridItem *item = g_ptr_array_index (items, i);

          block |= has_role (item, "block");
          head |= has_role (item, "head") || has_role (item, "note");
          values |= item->kind == TB_GRID_VALUE;
        }
      if (r < table->n_header_rows)
        head = TRUE;

      if (block)
        {
          if (cur->head->len > 0 || cur->rows->len > 0 || cur->title)
            g_ptr_array_add (segments, cur);
          else
            segment_free (cur);
          cur = segment_new (NULL);
          for (guint i = 0; i < items->len; i++)
            if (has_role (g_ptr_array_index (items, i), "block"))
              cur->title = ((const TbGridItem *) g_ptr_array_index (items, i))->text;
          continue;
        }
      if (head)
        {
          if (cur->rows->len > 0)
            {
              g_ptr_array_add (segments, cur);
              cur = segment_new (NULL);
            }
          for (guint i = 0; i < items->len; i++)
            if (((const TbGridItem *) g_ptr_array_index (items, i))->kind == TB_GRID_LABEL)
              g_ptr_array_add (cur->head, g_ptr_array_index (items, i));
        }
      if (values)
        g_array_append_val (cur->rows, r);
    }
  if (cur->head->len > 0 || cur->rows->len > 0 || cur->title)
    g_ptr_array_add (segments, cur);
  else
    segment_free (cur);
  return segments;
}

typedef struct
{
  GArray    *cols;        /* guint grid column of each value column, ascending */
  guint     *width;       /* final width of each value column */
  guint     *value_width; /* widest value */
  GString  **leaf;        /* header label right above each value column */
  GString   *label_head;  /* header over the row labels (信息内容) */
  GString   *note;        /* the table's note (勾稽关系) */
  GPtrArray *groups;      /* const TbGridItem *: header labels over several columns */
} Layout;

static void
layout_free (Layout *lay)
{
  for (guint i = 0; i < lay->cols->len; i++)
    g_string_free (lay->leaf[i], TRUE);
  g_free (lay->leaf);
  g_free (lay->width);
  g_free (lay->value_width);
  g_array_unref (lay->cols);
  g_string_free (lay->label_head, TRUE);
  g_string_free (lay->note, TRUE);
  g_ptr_array_unref (lay->groups);
  g_free (lay);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static int
column_index (Layout *lay,
              guint   col)
{
  for (guint i = 0; i < lay->cols->len; i++)
    if (g_array_index (lay->cols, guint, i) == col)
      return (int) i;
  return -1;
}

/* Value columns covered by a header label: [*first, *last], FALSE if none. */
static gboolean
covered_columns (Layout           *lay,
                 const TbGridItem *item,
                 guint            *first,
                 guint            *last)
{
  gboolean any = FALSE;

  for (guint i = 0; i < lay->cols->len; i++)
    {
      guint c = g_array_index (lay->cols, guint, i);

      if (c >= item->col && c < item->col + item->colspan)
        {
          if (!any)
            *first = i;
          *last = i;
          any = TRUE;
        }
    }
  return any;
}

static void
append_joined (GString    *s,
               const char *text)
{
  if (s->len > 0)
    g_string_append (s, " / ");
  g_string_append (s, text);
}

static Layout *
layout_new (TbReport      *report,
            const Segment *seg,
            GPtrArray    **by_row)
{
  Layout *lay = g_new0 (Layout, 1);

  lay->cols = g_array_new (FALSE, FALSE, sizeof (guint));
  lay->label_head = g_string_new (NULL);
  lay->note = g_string_new (NULL);
  lay->groups = g_ptr_array_new ();

  for (guint r = 0; r < seg->rows->len; r++)
    {
      GPtrArray *items = by_row[g_array_index (seg->rows, guint, r)];

      for (guint i = 0; i < items->len; i++)
        {
          const TbGridItem *item = g_ptr_array_index (items, i);
          guint j;

          if (item->kind != TB_GRID_VALUE)
            continue;
          for (j = 0; j < lay->cols->len && g_array_index (lay->cols, guint, j) < item->col; j++)
            ;
          if (j == lay->cols->len || g_array_index (lay->cols, guint, j) != item->col)
            g_array_insert_val (lay->cols, j, item->col);
        }
    }

  lay->width = g_new0 (guint, lay->cols->len);
  lay->value_width = g_new0 (guint, lay->cols->len);
  lay->leaf = g_new0 (GString *, lay->cols->len);
  for (guint i = 0; i < lay->cols->len; i++)
    lay->leaf[i] = g_string_new (NULL);

  for (guint h = 0; h < seg->head->len; h++)
    {
      const TbGridItem *item = g_ptr_array_index (seg->head, h);
      guint first = 0, last = 0;

      if (has_role (item, "note"))
        append_joined (lay->note, item->text);
      else if (!covered_columns (lay, item, &first, &last))
        append_joined (lay->label_head, item->text);
      else if (first == last)
        append_joined (lay->leaf[first], item->text);
      else
        g_ptr_array_add (lay->groups, (gpointer) item);
    }

  for (guint r = 0; r < seg->rows->len; r++)
    {
      GPtrArray *items = by_row[g_array_index (seg->rows, guint, r)];

      for (guint i = 0; i < items->len; i++)
        {
          const TbGridItem *item = g_ptr_array_index (items, i);
          g_autofree char *text = NULL;
          int c;

          if (item->kind != TB_GRID_VALUE)
            continue;
          c = column_index (lay, item->col);
          text = tb_cli_cell_display (report, (guint) item->cell);
          lay->value_width[c] = MAX (lay->value_width[c], tb_cli_text_width (text));
        }
    }
  for (guint i = 0; i < lay->cols->len; i++)
    lay->width[i] = MAX (MAX (lay->value_width[i], 1), tb_cli_text_width (lay->leaf[i]->str));
  return lay;
}

static guint
layout_values_width (Layout *lay)
{
  guint w = 0;

  for (guint i = 0; i < lay->cols->len; i++)
    w += COLUMN_GAP + lay->width[i];
  return w;
}

/* Narrows the value columns by wrapping their header labels to @columns (8 = four CJK
 * characters), never below their widest value. */
static void
layout_narrow (Layout *lay,
               guint   columns)
{
  for (guint i = 0; i < lay->cols->len; i++)
    {
      guint leaf = tb_cli_text_width (lay->leaf[i]->str);
      guint min = MAX (lay->value_width[i], columns);

      lay->width[i] = MAX (MAX (lay->value_width[i], 1), MIN (leaf, min));
    }
}

/* Group labels must fit over their columns. */
static void
layout_fit_groups (Layout *lay)
{
  for (guint g = 0; g < lay->groups->len; g++)
    {
      const TbGridItem *item = g_ptr_array_index (lay->groups, g);
      guint first = 0, last = 0, span = 0, need;

      covered_columns (lay, item, &first, &last);
      for (guint i = first; i <= last; i++)
        span += lay->width[i] + (i > first ? COLUMN_GAP : 0);
      need = tb_cli_text_width (item->text) + 2;
      if (need > span)
        lay->width[last] += need - span;
    }
}

static guint
label_depth (const TbGridItem *item)
{
  return item->col;
}

static guint
segment_label_width (const Segment *seg,
                     GPtrArray    **by_row,
                     Layout        *lay)
{
  guint w = tb_cli_text_width (lay->label_head->str);

  for (guint r = 0; r < seg->rows->len; r++)
    {
      GPtrArray *items = by_row[g_array_index (seg->rows, guint, r)];

      for (guint i = 0; i < items->len; i++)
        {
          const TbGridItem *item = g_ptr_array_index (items, i);

          if (is_row_label (item))
            w = MAX (w, 2 * label_depth (item) + tb_cli_text_width (item->text));
        }
    }
  return w;
}

static void
render_header (GString *s,
               Layout  *lay,
               guint    label_width)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n_leaf_lines = 1;

  /* One line per grid row holding group labels, outermost first. */
  for (guint g = 0; g < lay->groups->len; g++)
    {
      const TbGridItem *item = g_ptr_array_index (lay->groups, g);
      guint j;

      for (j = 0; j < rows->len && g_array_index (rows, guint, j) < item->row; j++)
        ;
      if (j == rows->len || g_array_index (rows, guint, j) != item->row)
        g_array_insert_val (rows, j, item->row);
    }
  for (guint j = 0; j < rows->len; j++)
    {
      g_autoptr(GString) line = g_string_new (TB_CLI_MARGIN);
      guint at = 0;   /* next value column to draw */

      tb_cli_append_spaces (line, label_width);
      while (at < lay->cols->len)
        {
          const TbGridItem *group = NULL;
          guint first = 0, last = 0;

          for (guint g = 0; g < lay->groups->len && group == NULL; g++)
            {
              const TbGridItem *item = g_ptr_array_index (lay->groups, g);

              if (item->row == g_array_index (rows, guint, j) &&
                  covered_columns (lay, item, &first, &last) && first == at)
                group = item;
            }
          if (group == NULL)
            {
              tb_cli_append_spaces (line, COLUMN_GAP + lay->width[at]);
              at++;
              continue;
            }
          {
            guint span = 0, tw = tb_cli_text_width (group->text), left, right;

            for (guint i = first; i <= last; i++)
              span += lay->width[i] + (i > first ? COLUMN_GAP : 0);
            left = (span - tw) / 2;
            right = span - tw - left;
            tb_cli_append_spaces (line, COLUMN_GAP);
            for (guint i = 0; i < left; i++)
              g_string_append_c (line, i + 1 < left ? '-' : ' ');
            g_string_append (line, group->text);
            for (guint i = 0; i < right; i++)
              g_string_append_c (line, i > 0 ? '-' : ' ');
            at = last + 1;
          }
        }
      tb_cli_append_line (s, line);
    }
  g_array_unref (rows);

  /* The labels right above the values, wrapped to their column and aligned at the bottom. */
  for (guint i = 0; i < lay->cols->len; i++)
    {
      GPtrArray *lines = lay->leaf[i]->len > 0 ? tb_cli_wrap (lay->leaf[i]->str, lay->width[i])
                                               : g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (wrapped, lines);
      n_leaf_lines = MAX (n_leaf_lines, lines->len);
    }
  for (guint l = 0; l < n_leaf_lines; l++)
    {
      g_autoptr(GString) line = g_string_new (TB_CLI_MARGIN);

      tb_cli_append_padded (line, l + 1 == n_leaf_lines ? lay->label_head->str : "", label_width,
                     FALSE);
      for (guint i = 0; i < lay->cols->len; i++)
        {
          GPtrArray *lines = g_ptr_array_index (wrapped, i);
          guint skip = n_leaf_lines - lines->len;

          tb_cli_append_spaces (line, COLUMN_GAP);
          tb_cli_append_padded (line, l >= skip ? (char *) g_ptr_array_index (lines, l - skip) : "",
                         lay->width[i], TRUE);
        }
      tb_cli_append_line (s, line);
    }
}

static void
render_rows (GString       *s,
             TbReport      *report,
             const Segment *seg,
             GPtrArray    **by_row,
             Layout        *lay,
             guint          label_width)
{
  for (guint r = 0; r < seg->rows->len; r++)
    {
      GPtrArray *items = by_row[g_array_index (seg->rows, guint, r)];
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) lines = NULL;
      const TbGridItem *leaf = NULL;
      guint indent = 0;

      for (guint i = 0; i < lay->cols->len; i++)
        g_ptr_array_add (values, NULL);
      for (guint i = 0; i < items->len; i++)
        {
          const TbGridItem *item = g_ptr_array_index (items, i);

          if (is_row_label (item))
            g_ptr_array_add (labels, (gpointer) item);
          else if (item->kind == TB_GRID_VALUE)
            {
              int c = column_index (lay, item->col);

              g_free (g_ptr_array_index (values, c));
              g_ptr_array_index (values, c) = tb_cli_cell_display (report, (guint) item->cell);
            }
        }

      /* Outer labels that start on this row (三、本年度办理结果) get a line of their own. */
      for (guint i = 0; i < labels->len; i++)
        {
          const TbGridItem *item = g_ptr_array_index (labels, i);
          guint avail;

          indent = 2 * label_depth (item);
          avail = label_width > indent + 4 ? label_width - indent : 4;
          lines = tb_cli_wrap (item->text, avail);
          if (i + 1 == labels->len)
            {
              leaf = item;
              break;
            }
          for (guint l = 0; l < lines->len; l++)
            {
              g_autoptr(GString) line = g_string_new (TB_CLI_MARGIN);

              tb_cli_append_spaces (line, indent);
              g_string_append (line, g_ptr_array_index (lines, l));
              tb_cli_append_line (s, line);
            }
          g_clear_pointer (&lines, g_ptr_array_unref);
        }
      if (leaf == NULL)
        lines = tb_cli_wrap ("", 4);

      for (guint l = 0; l < lines->len; l++)
        {
          g_autoptr(GString) line = g_string_new (TB_CLI_MARGIN);
          g_autoptr(GString) label = g_string_new (NULL);

          tb_cli_append_spaces (label, indent);
          g_string_append (label, g_ptr_array_index (lines, l));
          tb_cli_append_padded (line, label->str, label_width, FALSE);
          if (l == 0)
            for (guint i = 0; i < lay->cols->len; i++)
              {
                const char *v = g_ptr_array_index (values, i);

                tb_cli_append_spaces (line, COLUMN_GAP);
                tb_cli_append_padded (line, v ? v : "", lay->width[i], TRUE);
              }
          tb_cli_append_line (s, line);
        }
    }
}

/* 表四: one line per value, labelled with its column path. */
static void
render_transposed (GString           *s,
                   TbReport          *report,
                   const TbTableSpec *table)
{
  const TbFormat *format = tb_report_get_format (report);
  guint label_width = 0, value_width = 1;

  for (guint i = 0; i < table->n_items; i++)
    if (table->items[i].kind == TB_GRID_VALUE)
      {
        const TbCellSpec *spec = tb_format_get_cell (format, (guint) table->items[i].cell);
        g_autofree char *v = tb_cli_cell_display (report, spec->index);

        label_width = MAX (label_width, tb_cli_text_width (spec->column_path));
        value_width = MAX (value_width, tb_cli_text_width (v));
      }
  for (guint i = 0; i < table->n_items; i++)
    if (table->items[i].kind == TB_GRID_VALUE)
      {
        const TbCellSpec *spec = tb_format_get_cell (format, (guint) table->items[i].cell);
        g_autofree char *v = tb_cli_cell_display (report, spec->index);
        g_autoptr(GString) line = g_string_new (TB_CLI_MARGIN);

        tb_cli_append_padded (line, spec->column_path, label_width, FALSE);
        tb_cli_append_spaces (line, COLUMN_GAP);
        tb_cli_append_padded (line, v, value_width, TRUE);
        tb_cli_append_line (s, line);
      }
}

void
tb_cli_table_render (GString           *s,
                     TbReport          *report,
                     const TbTableSpec *table,
                     guint              width)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_free);
  GPtrArray **by_row = g_new0 (GPtrArray *, table->n_rows);
  gboolean has_row_labels = FALSE;
  guint label_natural = 0, values_max = 0, label_width;
  guint avail = width > TB_CLI_MARGIN_WIDTH + 20 ? width - TB_CLI_MARGIN_WIDTH : 20;

  for (guint r = 0; r < table->n_rows; r++)
    by_row[r] = g_ptr_array_new ();
  for (guint i = 0; i < table->n_items; i++)
    {
      const TbGridItem *item = &table->items[i];

      if (item->row < table->n_rows)
        g_ptr_array_add (by_row[item->row], (gpointer) item);
      has_row_labels |= item->row >= table->n_header_rows && is_row_label (item);
    }

  if (!has_row_labels)
    {
      render_transposed (s, report, table);
      goto out;
    }

  segments = split_segments (table, by_row);
  for (guint g = 0; g < segments->len; g++)
    {
      Segment *seg = g_ptr_array_index (segments, g);
      Layout *lay = layout_new (report, seg, by_row);

      g_ptr_array_add (layouts, lay);
      label_natural = MAX (label_natural, segment_label_width (seg, by_row, lay));
    }
  /* Too wide: wrap the column headers first (at four CJK characters, then at two if the row
   * labels would be left fewer than MIN_LABEL_WIDTH columns), then the row labels. */
  for (guint g = 0; g < layouts->len; g++)
    {
      Layout *lay = g_ptr_array_index (layouts, g);

      if (label_natural + layout_values_width (lay) > avail)
        layout_narrow (lay, 8);
      if (label_natural + layout_values_width (lay) > avail &&
          layout_values_width (lay) + MIN_LABEL_WIDTH > avail)
        layout_narrow (lay, 4);
      layout_fit_groups (lay);
      values_max = MAX (values_max, layout_values_width (lay));
    }
  label_width = label_natural;
  if (label_width + values_max > avail)
    label_width = MAX (avail > values_max ? avail - values_max : 0, 16);
  /* A few very long labels (（六）1.申请人无正当理由…) wrap rather than push every value
   * far to the right. */
  label_width = MIN (label_width, MAX_LABEL_WIDTH);

  for (guint g = 0; g < segments->len; g++)
    {
      Segment *seg = g_ptr_array_index (segments, g);
      Layout *lay = g_ptr_array_index (layouts, g);

      if (g > 0)
        g_string_append_c (s, '\n');
      if (seg->title)
        g_string_append_printf (s, "%s%s\n", TB_CLI_MARGIN, seg->title);
      if (lay->note->len > 0)
        tb_cli_append_wrapped (s, lay->note->str, TB_CLI_MARGIN, width, FALSE);
      render_header (s, lay, label_width);
      render_rows (s, report, seg, by_row, lay, label_width);
    }

out:
  for (guint r = 0; r < table->n_rows; r++)
    g_ptr_array_unref (by_row[r]);
  g_free (by_row);
}
