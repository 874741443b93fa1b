/* tb-pinned-grid.h: a GtkGrid whose first columns stay in view when it scrolls sideways
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TB_TYPE_PINNED_GRID (tb_pinned_grid_get_type ())
G_DECLARE_FINAL_TYPE (TbPinnedGrid, tb_pinned_grid, TB, PINNED_GRID, GtkGrid)

GtkWidget  *tb_pinned_grid_new           (void);
/* Children starting in the first @n_columns columns are pinned: while @hadjustment (of the
 * scrolled window the grid scrolls sideways in) is scrolled, they are drawn that far to the
 * right, over the other children, so they stay at the left edge of the view. */
void        tb_pinned_grid_set_pinned    (TbPinnedGrid  *self,
                                          guint          n_columns,
                                          GtkAdjustment *hadjustment);
/* How far the pinned columns reach from the grid's left edge, in pixels (0 when none). */
int         tb_pinned_grid_get_pinned_width (TbPinnedGrid *self);

G_END_DECLS
