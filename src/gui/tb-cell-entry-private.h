/* tb-cell-entry-private.h: what the GUI tests use of tb-cell-entry
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-cell-entry.h"

G_BEGIN_DECLS

TbCellMark  tb_cell_entry_get_mark     (TbCellEntry     *self);
/* (transfer full): the text the cell's tooltip shows, or NULL. */
char       *tb_cell_entry_dup_tooltip_shown (TbCellEntry *self);

G_END_DECLS
