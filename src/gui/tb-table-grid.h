/* tb-table-grid.h: an official table (二、三、四) as a grid of labels and value cells
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_TYPE_TABLE_GRID (tb_table_grid_get_type ())
G_DECLARE_FINAL_TYPE (TbTableGrid, tb_table_grid, TB, TABLE_GRID, GtkWidget)

GtkWidget  *tb_table_grid_new        (TbReport          *report,
                                      const TbTableSpec *table);
/* (transfer none) (element-type TbCellEntry): in grid order */
GPtrArray  *tb_table_grid_get_cells  (TbTableGrid       *self);
/* Width in pixels of grid column @col (header and body use the same). */
/* The width the table takes: its columns and a gutter for the vertical scrollbar. */
int         tb_table_grid_get_width  (TbTableGrid       *self);
int         tb_table_grid_get_column_width (TbTableGrid *self,
                                            guint        col);

G_END_DECLS
