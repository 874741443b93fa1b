/* tb-cli-show.c: what "tianbao-cli check" and "tianbao-cli show" print, as text or JSON
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

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-cli-private.h"
#include "tb-rules.h"
#include "tb-value.h"

#define MARGIN        "  "
#define MARGIN_WIDTH  2
#define COLUMN_GAP    2
#define UNFILLED      "·"
#define MIN_LABEL_WIDTH 30
#define MAX_LABEL_WIDTH 44

/* ------------------------------------------------------------------ helpers */

static void
append_spaces (GString *s,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, ' ');
}

static void
append_padded (GString    *s,
               const char *text,
               guint       width,
               gboolean    right)
{
  guint w = tb_cli_text_width (text);

  if (right)
    append_spaces (s, width > w ? width - w : 0);
  g_string_append (s, text);
  if (!right)
    append_spaces (s, width > w ? width - w : 0);
}

static void
append_line (GString *s,
             GString *line)
{
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_string_append_len (s, line->str, (gssize) line->len);
  g_string_append_c (s, '\n');
}

/* Paragraphs wrapped to @width after @indent. */
static void
append_wrapped (GString    *s,
                const char *text,
                const char *indent,
                guint       width,
                gboolean    separate)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);
  guint indent_width = tb_cli_text_width (indent);

  gboolean first = TRUE;

  /* One paragraph per line in the report; a blank line between them reads better here. */
  for (guint p = 0; paragraphs[p]; p++)
    {
      g_autoptr(GPtrArray) lines = NULL;

      if (*g_strstrip (paragraphs[p]) == '\0')
        continue;
      if (!first && separate)
        g_string_append_c (s, '\n');
      first = FALSE;
      lines = tb_cli_wrap (paragraphs[p], width > indent_width + 10 ? width - indent_width : 10);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (s, "%s%s\n", indent, (char *) g_ptr_array_index (lines, i));
    }
}

/* Text of a value cell for a table: the canonical value, the typed text of a cell that
 * could not be read (marked with "!"), or the unfilled mark. */
static char *
cell_display (TbReport *report,
              guint     cell)
{
  const TbCellValue *v = tb_report_get_cell (report, cell);

  if (v->state == TB_CELL_EMPTY)
    return g_strdup (UNFILLED);
  if (v->state == TB_CELL_INVALID)
    return g_strdup_printf ("%s!", v->text ? v->text : "");
  return tb_report_dup_cell_text (report, cell);
}

/* ------------------------------------------------------------------ check */

static void
append_cell_ids (GString        *s,
                 const TbFormat *format,
                 const TbIssue  *issue,
                 gboolean        skip_totals)
{
  for (guint i = 0; i < issue->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, issue->cells[i]);

      if (skip_totals && spec->total_rule >= 0)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, spec->id);
    }
}

static void
check_json (TbReport  *report,
            GPtrArray *issues,
            guint      empty_cells)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = g_string_new ("{");
  guint acknowledged = 0;

  for (guint i = 0; i < issues->len; i++)
    acknowledged += ((TbIssue *) g_ptr_array_index (issues, i))->acknowledged;

  g_string_append_printf (s, "\"ready\": %s, \"format\": ",
                          tb_rules_is_ready (issues) ? "true" : "false");
  tb_cli_json_string (s, tb_format_get_id (format));
  g_string_append (s, ", \"year\": ");
  if (tb_report_get_year (report) > 0)
    g_string_append_printf (s, "%d", tb_report_get_year (report));
  else
    g_string_append (s, "null");
  g_string_append (s, ", \"agency\": ");
  tb_cli_json_string (s, tb_report_get_agency (report));
  g_string_append_printf (s, ",\n \"counts\": {\"error\": %u, \"warning\": %u, "
                          "\"incomplete\": %u, \"acknowledged\": %u, \"empty_cells\": %u},\n"
                          " \"issues\": [",
                          tb_rules_count (issues, TB_SEVERITY_ERROR),
                          tb_rules_count (issues, TB_SEVERITY_WARNING),
                          tb_rules_count (issues, TB_SEVERITY_INCOMPLETE),
                          acknowledged, empty_cells);
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);
      const TbSectionSpec *section = issue->section >= 0
        ? tb_format_get_section (format, (guint) issue->section) : NULL;

      g_string_append (s, i ? ",\n  {\"rule\": " : "\n  {\"rule\": ");
      tb_cli_json_string (s, issue->rule);
      g_string_append (s, ", \"key\": ");
      tb_cli_json_string (s, issue->key);
      g_string_append (s, ", \"severity\": ");
      tb_cli_json_string (s, tb_severity_to_string (issue->severity));
      g_string_append (s, ", \"section\": ");
      tb_cli_json_string (s, section ? section->id : NULL);
      g_string_append (s, ", \"cells\": [");
      for (guint c = 0; c < issue->n_cells; c++)
        {
          if (c)
            g_string_append (s, ", ");
          tb_cli_json_string (s, tb_format_get_cell (format, issue->cells[c])->id);
        }
      g_string_append (s, "], \"message\": ");
      tb_cli_json_string (s, issue->message);
      if (issue->has_values)
        {
          g_string_append (s, ", \"lhs\": ");
          tb_cli_json_string (s, issue->lhs_text);
          g_string_append (s, ", \"rhs\": ");
          tb_cli_json_string (s, issue->rhs_text);
        }
      g_string_append_printf (s, ", \"acknowledged\": %s}",
                              issue->acknowledged ? "true" : "false");
    }
  g_string_append (s, issues->len ? "\n ]\n}\n" : "]\n}\n");
  tb_cli_out_str (s->str);
}

static void
append_issue (GString        *s,
              const TbFormat *format,
              const TbIssue  *issue,
              const char     *path,
              guint           width)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  const char *indent = "      ";

  g_string_append_printf (s, "  %s  %s\n", issue->key, issue->message);
  if (issue->severity == TB_SEVERITY_WARNING)
    {
      if (issue->acknowledged)
        g_string_append_printf (s, "%s%s\n", indent, _("(acknowledged)"));
      else
        {
          g_autofree char *quoted = g_shell_quote (path);

          g_string_append_printf (s, "%s", indent);
          g_string_append_printf (s, _("If this is right, acknowledge it: tianbao-cli ack %s %s"),
                                  quoted, issue->key);
          g_string_append_c (s, '\n');
        }
    }
  if (issue->n_cells > 0)
    {
      append_cell_ids (ids, format, issue, FALSE);
      g_string_append_printf (line, _("cells: %s"), ids->str);
      append_wrapped (s, line->str, indent, width, FALSE);
    }
}

static void
add_count (GPtrArray  *parts,
           guint       n,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

/* Adds @format, printed, to @parts if @n (the count it tells) is not 0. */
static void
add_count (GPtrArray  *parts,
           guint       n,
           const char *format,
           ...)
{
  va_list args;

  if (n == 0)
    return;
  va_start (args, format);
  g_ptr_array_add (parts, g_strdup_vprintf (format, args));
  va_end (args);
}

int
tb_cli_print_check (TbReport   *report,
                    const char *path,
                    gboolean    json,
                    gboolean    verbose)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GPtrArray) issues = tb_rules_check (report);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *summary = NULL;
  guint width = tb_cli_output_width (100);
  guint n_errors = tb_rules_count (issues, TB_SEVERITY_ERROR);
  guint n_warnings = tb_rules_count (issues, TB_SEVERITY_WARNING);
  guint n_acknowledged = 0, n_unchecked = 0, empty_cells = 0, empty_texts = 0, n_other = 0;
  gboolean ready = tb_rules_is_ready (issues);
  gboolean manual = tb_report_get_manual_totals (report);

  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      n_acknowledged += issue->acknowledged;
      if (issue->severity != TB_SEVERITY_INCOMPLETE)
        continue;
      if (issue->kind == TB_ISSUE_CELLS)
        empty_cells += issue->n_cells;
      else if (issue->kind == TB_ISSUE_TEXT)
        empty_texts++;
      else if (issue->kind == TB_ISSUE_EQUATION)
        n_unchecked++;
      else
        n_other++;
    }

  if (json)
    {
      check_json (report, issues, empty_cells);
      return ready ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
    }

  g_string_append_printf (s, "%s\n", title);
  g_string_append_printf (s, _("%s, format %s"), name, tb_format_get_id (format));
  g_string_append_c (s, '\n');

  if (n_errors > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Errors (%u):"), n_errors);
      g_string_append_c (s, '\n');
      for (guint i = 0; i < issues->len; i++)
        if (((TbIssue *) g_ptr_array_index (issues, i))->severity == TB_SEVERITY_ERROR)
          append_issue (s, format, g_ptr_array_index (issues, i), path, width);
    }
  if (n_warnings > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Warnings (%u):"), n_warnings);
      g_string_append_c (s, '\n');
      for (guint i = 0; i < issues->len; i++)
        if (((TbIssue *) g_ptr_array_index (issues, i))->severity == TB_SEVERITY_WARNING)
          append_issue (s, format, g_ptr_array_index (issues, i), path, width);
    }
  if (empty_cells + empty_texts + n_unchecked + n_other > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append (s, _("Not filled in yet:"));
      g_string_append_c (s, '\n');
      for (guint i = 0; i < issues->len; i++)
        {
          const TbIssue *issue = g_ptr_array_index (issues, i);

          if (issue->severity != TB_SEVERITY_INCOMPLETE)
            continue;
          if (issue->kind == TB_ISSUE_EQUATION)
            {
              if (!verbose)
                continue;
              g_string_append_printf (s, "  %s  %s\n", issue->key, issue->message);
            }
          else
            g_string_append_printf (s, "  %s\n", issue->message);
          if (verbose && issue->n_cells > 0)
            {
              g_autoptr(GString) ids = g_string_new (NULL);
              g_autoptr(GString) line = g_string_new (NULL);

              /* Computed totals fill in by themselves: list what the clerk has to type. */
              append_cell_ids (ids, format, issue, !manual);
              if (ids->len == 0)
                continue;
              g_string_append_printf (line, _("to fill in: %s"), ids->str);
              append_wrapped (s, line->str, "      ", width, FALSE);
            }
        }
      if (n_unchecked > 0 && !verbose)
        {
          g_string_append (s, "  ");
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                  "%u rule is not checked yet because cells "
                                                  "are empty (--verbose lists it)",
                                                  "%u rules are not checked yet because cells "
                                                  "are empty (--verbose lists them)",
                                                  n_unchecked),
                                  n_unchecked);
          g_string_append_c (s, '\n');
        }
    }

  add_count (parts, n_errors,
             g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  add_count (parts, empty_cells,
             g_dngettext (GETTEXT_PACKAGE, "%u cell not filled in", "%u cells not filled in",
                          empty_cells),
             empty_cells);
  add_count (parts, empty_texts,
             g_dngettext (GETTEXT_PACKAGE, "%u section without text",
                          "%u sections without text", empty_texts),
             empty_texts);
  add_count (parts, n_other,
             g_dngettext (GETTEXT_PACKAGE, "%u other thing not filled in",
                          "%u other things not filled in", n_other),
             n_other);
  add_count (parts, n_warnings,
             g_dngettext (GETTEXT_PACKAGE, "%u warning (%u acknowledged)",
                          "%u warnings (%u acknowledged)", n_warnings),
             n_warnings, n_acknowledged);
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (_(", "), (char **) parts->pdata);

  g_string_append_c (s, '\n');
  if (ready && n_warnings == 0)
    g_string_append (s, _("Ready: no errors, nothing left to fill in."));
  else if (ready)
    g_string_append_printf (s, _("Ready: no errors, nothing left to fill in; %s."), summary);
  else
    g_string_append_printf (s, _("Not ready: %s."), summary);
  g_string_append_c (s, '\n');

  tb_cli_out_str (s->str);
  return ready ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
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
          text = cell_display (report, (guint) item->cell);
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
      g_autoptr(GString) line = g_string_new (MARGIN);
      guint at = 0;   /* next value column to draw */

      append_spaces (line, label_width);
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
              append_spaces (line, COLUMN_GAP + lay->width[at]);
              at++;
              continue;
            }
          {
            guint span = 0, tw = tb_cli_text_width (group->text), left, right;

            for (guint i = first; i <= last; i++)
              span += lay->width[i] + (i > first ? COLUMN_GAP : 0);
            left = (span - tw) / 2;
            right = span - tw - left;
            append_spaces (line, COLUMN_GAP);
            for (guint i = 0; i < left; i++)
              g_string_append_c (line, i + 1 < left ? '-' : ' ');
            g_string_append (line, group->text);
            for (guint i = 0; i < right; i++)
              g_string_append_c (line, i > 0 ? '-' : ' ');
            at = last + 1;
          }
        }
      append_line (s, line);
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
      g_autoptr(GString) line = g_string_new (MARGIN);

      append_padded (line, l + 1 == n_leaf_lines ? lay->label_head->str : "", label_width,
                     FALSE);
      for (guint i = 0; i < lay->cols->len; i++)
        {
          GPtrArray *lines = g_ptr_array_index (wrapped, i);
          guint skip = n_leaf_lines - lines->len;

          append_spaces (line, COLUMN_GAP);
          append_padded (line, l >= skip ? (char *) g_ptr_array_index (lines, l - skip) : "",
                         lay->width[i], TRUE);
        }
      append_line (s, line);
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
              g_ptr_array_index (values, c) = cell_display (report, (guint) item->cell);
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
              g_autoptr(GString) line = g_string_new (MARGIN);

              append_spaces (line, indent);
              g_string_append (line, g_ptr_array_index (lines, l));
              append_line (s, line);
            }
          g_clear_pointer (&lines, g_ptr_array_unref);
        }
      if (leaf == NULL)
        lines = tb_cli_wrap ("", 4);

      for (guint l = 0; l < lines->len; l++)
        {
          g_autoptr(GString) line = g_string_new (MARGIN);
          g_autoptr(GString) label = g_string_new (NULL);

          append_spaces (label, indent);
          g_string_append (label, g_ptr_array_index (lines, l));
          append_padded (line, label->str, label_width, FALSE);
          if (l == 0)
            for (guint i = 0; i < lay->cols->len; i++)
              {
                const char *v = g_ptr_array_index (values, i);

                append_spaces (line, COLUMN_GAP);
                append_padded (line, v ? v : "", lay->width[i], TRUE);
              }
          append_line (s, line);
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
        g_autofree char *v = cell_display (report, spec->index);

        label_width = MAX (label_width, tb_cli_text_width (spec->column_path));
        value_width = MAX (value_width, tb_cli_text_width (v));
      }
  for (guint i = 0; i < table->n_items; i++)
    if (table->items[i].kind == TB_GRID_VALUE)
      {
        const TbCellSpec *spec = tb_format_get_cell (format, (guint) table->items[i].cell);
        g_autofree char *v = cell_display (report, spec->index);
        g_autoptr(GString) line = g_string_new (MARGIN);

        append_padded (line, spec->column_path, label_width, FALSE);
        append_spaces (line, COLUMN_GAP);
        append_padded (line, v, value_width, TRUE);
        append_line (s, line);
      }
}

static void
render_table (GString           *s,
              TbReport          *report,
              const TbTableSpec *table,
              guint              width)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_free);
  GPtrArray **by_row = g_new0 (GPtrArray *, table->n_rows);
  gboolean has_row_labels = FALSE;
  guint label_natural = 0, values_max = 0, label_width;
  guint avail = width > MARGIN_WIDTH + 20 ? width - MARGIN_WIDTH : 20;

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
        g_string_append_printf (s, "%s%s\n", MARGIN, seg->title);
      if (lay->note->len > 0)
        append_wrapped (s, lay->note->str, MARGIN, width, FALSE);
      render_header (s, lay, label_width);
      render_rows (s, report, seg, by_row, lay, label_width);
    }

out:
  for (guint r = 0; r < table->n_rows; r++)
    g_ptr_array_unref (by_row[r]);
  g_free (by_row);
}

/* ------------------------------------------------------------------ show */

static void
show_json (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = g_string_new ("{\"format\": ");
  g_autoptr(GPtrArray) acks = tb_report_list_acknowledged (report);
  g_autofree char *title = tb_report_dup_title (report);
  gboolean first = TRUE;

  tb_cli_json_string (s, tb_format_get_id (format));
  g_string_append (s, ", \"year\": ");
  if (tb_report_get_year (report) > 0)
    g_string_append_printf (s, "%d", tb_report_get_year (report));
  else
    g_string_append (s, "null");
  g_string_append (s, ", \"agency\": ");
  tb_cli_json_string (s, tb_report_get_agency (report));
  g_string_append (s, ",\n \"title\": ");
  tb_cli_json_string (s, title);
  g_string_append (s, ",\n \"meta\": {\"preparer\": ");
  tb_cli_json_string (s, tb_report_get_preparer (report));
  g_string_append (s, ", \"contact\": ");
  tb_cli_json_string (s, tb_report_get_contact (report));
  g_string_append (s, ", \"date\": ");
  tb_cli_json_string (s, tb_report_get_report_date (report));
  g_string_append (s, ", \"created\": ");
  tb_cli_json_string (s, tb_report_get_created (report));
  g_string_append (s, ", \"modified\": ");
  tb_cli_json_string (s, tb_report_get_modified_time (report));
  g_string_append (s, ", \"previous\": ");
  tb_cli_json_string (s, tb_report_get_previous (report));
  g_string_append_printf (s, ", \"manual_totals\": %s},\n \"cells\": {",
                          tb_report_get_manual_totals (report) ? "true" : "false");
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *text = tb_report_dup_cell_text (report, i);

      if (text == NULL)
        continue;
      g_string_append (s, first ? "\n  " : ",\n  ");
      tb_cli_json_string (s, tb_format_get_cell (format, i)->id);
      g_string_append (s, ": ");
      tb_cli_json_string (s, text);
      first = FALSE;
    }
  g_string_append (s, first ? "},\n \"invalid\": [" : "\n },\n \"invalid\": [");
  first = TRUE;
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    if (tb_report_get_cell (report, i)->state == TB_CELL_INVALID)
      {
        if (!first)
          g_string_append (s, ", ");
        tb_cli_json_string (s, tb_format_get_cell (format, i)->id);
        first = FALSE;
      }
  g_string_append (s, "],\n \"texts\": {");
  first = TRUE;
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);
      const char *text;

      if (section->type != TB_SECTION_TEXT)
        continue;
      text = tb_report_get_text (report, section->id);
      if (*text == '\0')
        continue;
      g_string_append (s, first ? "\n  " : ",\n  ");
      tb_cli_json_string (s, section->id);
      g_string_append (s, ": ");
      tb_cli_json_string (s, text);
      first = FALSE;
    }
  g_string_append (s, first ? "},\n \"acknowledged\": [" : "\n },\n \"acknowledged\": [");
  for (guint i = 0; i < acks->len; i++)
    {
      if (i)
        g_string_append (s, ", ");
      tb_cli_json_string (s, g_ptr_array_index (acks, i));
    }
  g_string_append (s, "]\n}\n");
  tb_cli_out_str (s->str);
}

static void
append_field (GString    *s,
              const char *label,
              guint       label_width,
              const char *value)
{
  g_string_append (s, MARGIN);
  append_padded (s, label, label_width, FALSE);
  g_string_append_printf (s, "  %s\n", value && *value ? value : "—");
}

static void
show_text (TbReport *report,
           guint     width)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *format_text = NULL;
  g_autofree char *year = NULL;
  g_autofree char *filled = NULL;
  const char *labels[] = { _("Format"), _("Agency"), _("Year"), _("Preparer"), _("Contact"),
                           _("Date"), _("Totals"), _("Filled in") };
  guint label_width = 0, n_cells = tb_format_get_n_cells (format);
  guint title_width = tb_cli_text_width (title);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    label_width = MAX (label_width, tb_cli_text_width (labels[i]));

  g_string_append_printf (s, "%s\n", title);
  for (guint i = 0; i < title_width; i++)
    g_string_append_c (s, '=');
  g_string_append (s, "\n\n");

  format_text = g_strdup_printf ("%s — %s（%s）", tb_format_get_id (format),
                                 tb_format_get_name (format), tb_format_get_document (format));
  year = tb_report_get_year (report) > 0 ? g_strdup_printf ("%d", tb_report_get_year (report))
                                         : NULL;
  filled = g_strdup_printf (_("%u of %u cells"), tb_report_count_filled (report), n_cells);
  append_field (s, labels[0], label_width, format_text);
  append_field (s, labels[1], label_width, tb_report_get_agency (report));
  append_field (s, labels[2], label_width, year);
  append_field (s, labels[3], label_width, tb_report_get_preparer (report));
  append_field (s, labels[4], label_width, tb_report_get_contact (report));
  append_field (s, labels[5], label_width, tb_report_get_report_date (report));
  append_field (s, labels[6], label_width,
                tb_report_get_manual_totals (report) ? _("typed by hand")
                                                     : _("computed from their parts"));
  append_field (s, labels[7], label_width, filled);

  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);
      guint heading_width = tb_cli_text_width (section->heading);

      g_string_append_printf (s, "\n%s\n", section->heading);
      for (guint w = 0; w < heading_width; w++)
        g_string_append_c (s, '-');
      g_string_append (s, "\n\n");

      if (section->type == TB_SECTION_TABLE && section->table)
        render_table (s, report, section->table, width);
      else
        {
          const char *text = tb_report_get_text (report, section->id);

          if (*text)
            append_wrapped (s, text, MARGIN, width, TRUE);
          else
            g_string_append_printf (s, "%s%s\n", MARGIN, _("(no text yet)"));
        }

      if (section->n_fields > 0)
        {
          guint field_width = 0;

          g_string_append_c (s, '\n');
          for (guint f = 0; f < section->n_fields; f++)
            field_width = MAX (field_width,
                               tb_cli_text_width (tb_format_get_cell (format,
                                                                      section->fields[f])->label));
          for (guint f = 0; f < section->n_fields; f++)
            {
              const TbCellSpec *spec = tb_format_get_cell (format, section->fields[f]);
              g_autofree char *v = cell_display (report, spec->index);

              append_field (s, spec->label, field_width, v);
            }
        }
    }

  if (tb_report_count_filled (report) < n_cells)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("%s = not filled in"), UNFILLED);
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; i < n_cells; i++)
    if (tb_report_get_cell (report, i)->state == TB_CELL_INVALID)
      {
        g_string_append (s, _("! = not a number the report can take (see “tianbao-cli check”)"));
        g_string_append_c (s, '\n');
        break;
      }
  tb_cli_out_str (s->str);
}

int
tb_cli_print_show (TbReport *report,
                   gboolean  json,
                   guint     width)
{
  if (json)
    show_json (report);
  else
    show_text (report, width);
  return TB_CLI_EXIT_OK;
}
