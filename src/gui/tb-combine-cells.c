/* tb-combine-cells.c: how the breakdown window shows and finds a cell
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-combine-cells"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-combine-cells.h"
#include "tb-value.h"

const char *
tb_combine_cell_part (const TbFormat   *format,
                      const TbCellSpec *spec)
{
  return spec->section >= 0 ? tb_format_get_section (format, spec->section)->heading : "";
}

const char *
tb_combine_cell_row (const TbCellSpec *spec)
{
  return *spec->row_path ? spec->row_path : spec->label;
}

char *
tb_combine_cell_dup_text (TbReport         *report,
                          const TbCellSpec *spec,
                          TbCellState      *state)
{
  const TbCellValue *v = tb_report_get_cell (report, spec->index);

  *state = v->state;
  switch (v->state)
    {
    case TB_CELL_VALID:
      return tb_value_format_display (spec, v->value, v->unit);
    case TB_CELL_INVALID:
      return g_strdup (v->text ? v->text : "");
    case TB_CELL_EMPTY:
    default:
      return g_strdup ("—");
    }
}

void
tb_combine_cell_show (GtkLabel         *label,
                      TbReport         *report,
                      const TbCellSpec *spec,
                      gboolean          sum)
{
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  TbCellState state;

  text = tb_combine_cell_dup_text (report, spec, &state);
  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (state == TB_CELL_EMPTY)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      tooltip = sum ? _("Not summed: a report leaves this cell empty or unreadable")
                    : _("Not filled in");
    }
  else if (state == TB_CELL_INVALID)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      tooltip = _("Cannot be read as a number");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

gboolean
tb_combine_cell_matches (const TbFormat   *format,
                         const TbCellSpec *spec,
                         int               section,
                         const char       *folded)
{
  if (section >= 0 && spec->section != section)
    return FALSE;
  if (folded == NULL)
    return TRUE;
  return contains (spec->id, folded) || contains (spec->label, folded) ||
         contains (spec->row_path, folded) || contains (spec->column_path, folded) ||
         contains (tb_combine_cell_part (format, spec), folded);
}
