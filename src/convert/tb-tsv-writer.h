/* tb-tsv-writer.h: a table of the report as tab-separated text, for spreadsheets
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Excel, WPS and LibreOffice paste as a table when the clipboard has plain text only:
 * one line per row of the format's grid (header rows first), one field per grid column,
 * fields separated by tabs. Tab-separated text has no merged cells, so a merged cell is
 * written as a spreadsheet copies its own merged cells as text: its text in its top-left
 * field, the other fields it covers empty. Every row then has as many fields as the grid
 * has columns, and each number stays under its column's label. Labels are the format's;
 * numbers are as the PDF prints them (tb_publish_cell_text(), digits without separators, an
 * amount with its own unit as 251000元); an empty cell is an empty field. A field holding a
 * tab, a line break or a double quote is quoted as spreadsheets do ("…", quotes doubled).
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

/* @table of @report as UTF-8 tab-separated text, each line ended by "\n".
 * Returns: (transfer full) */
char       *tb_tsv_write_table   (TbReport          *report,
                                  const TbTableSpec *table);

G_END_DECLS
