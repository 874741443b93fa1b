/* tb-report-convert.c: a report moved into another format
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-report-convert"

#include "config.h"

#include "tb-report-convert.h"

TbReport *
tb_report_convert (TbReport       *report,
                        const TbFormat *format,
                        guint          *n_dropped)
{
  const TbFormat *old_format;
  TbReport *copy;
  g_autoptr(GPtrArray) acks = NULL;
  guint dropped = 0;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (format != NULL, NULL);

  old_format = tb_report_get_format (report);
  copy = tb_report_new (format);
  tb_report_freeze (copy);
  tb_report_set_agency (copy, tb_report_get_agency (report));
  tb_report_set_year (copy, tb_report_get_year (report));
  tb_report_set_preparer (copy, tb_report_get_preparer (report));
  tb_report_set_contact (copy, tb_report_get_contact (report));
  tb_report_set_report_date (copy, tb_report_get_report_date (report));
  tb_report_set_created (copy, tb_report_get_created (report));
  tb_report_set_previous (copy, tb_report_get_previous (report));
  tb_report_set_previous_report (copy, tb_report_get_previous_report (report));
  tb_report_set_imported_from (copy, tb_report_get_imported_from (report));
  tb_report_set_manual_totals (copy, tb_report_get_manual_totals (report));

  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);

      if (section->type == TB_SECTION_TEXT &&
          tb_format_find_section (old_format, section->id) != NULL)
        tb_report_set_text (copy, section->id, tb_report_get_text (report, section->id));
    }

  for (guint i = 0; i < tb_format_get_n_cells (old_format); i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (old_format, i);
      const TbCellSpec *target = tb_format_find_cell (format, spec->id);
      const TbCellValue *v = tb_report_get_cell (report, i);

      if (v->state == TB_CELL_EMPTY)
        continue;
      if (target == NULL || target->kind != spec->kind)
        {
          dropped++;
          continue;
        }
      if (v->state == TB_CELL_VALID)
        tb_report_set_cell_value (copy, target->index, v->value, v->unit);
      else
        tb_report_set_cell_text (copy, target->index, v->text, NULL);
    }

  acks = tb_report_list_acknowledged (report);
  for (guint i = 0; i < acks->len; i++)
    tb_report_set_acknowledged (copy, g_ptr_array_index (acks, i), TRUE);
  tb_report_thaw (copy);
  tb_report_set_modified (copy, TRUE);

  if (n_dropped != NULL)
    *n_dropped = dropped;
  return copy;
}
