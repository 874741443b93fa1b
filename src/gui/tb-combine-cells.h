/* tb-combine-cells.h: how the breakdown window shows and finds a cell
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per cell of the format: its part, its official row and column labels, then its
 * value in the sum and in each input ("—" when not filled, the text as typed in red when it
 * cannot be read as a number).
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-report.h"

G_BEGIN_DECLS

/* The heading of @spec's part, "" for a cell of the details. */
const char *tb_combine_cell_part     (const TbFormat   *format,
                                      const TbCellSpec *spec);
/* The row's official label path (or the cell's label). */
const char *tb_combine_cell_row      (const TbCellSpec *spec);
/* (transfer full): what the table shows for @spec in @report; @state: (out) its state. */
char       *tb_combine_cell_dup_text (TbReport         *report,
                                      const TbCellSpec *spec,
                                      TbCellState      *state);
/* Shows @spec of @report in @label, dimmed or red with a tooltip saying why; @sum: the
 * label is in the sum's column. */
void        tb_combine_cell_show     (GtkLabel         *label,
                                      TbReport         *report,
                                      const TbCellSpec *spec,
                                      gboolean          sum);
/* Whether @spec lies in section @section (-1: any) and one of its labels contains @folded
 * (casefolded; NULL: any). */
gboolean    tb_combine_cell_matches  (const TbFormat   *format,
                                      const TbCellSpec *spec,
                                      int               section,
                                      const char       *folded);

G_END_DECLS
