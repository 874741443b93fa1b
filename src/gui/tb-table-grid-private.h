/* tb-table-grid-private.h: what the GUI tests use of tb-table-grid
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-table-grid.h"

G_BEGIN_DECLS

/* The pasting logic, callable without a clipboard: fills @rows (from tb_paste_split())
 * starting at @cell. Returns the message shown to the clerk. */
char       *tb_table_grid_paste      (TbTableGrid       *self,
                                      GtkWidget         *cell,
                                      GPtrArray         *rows);

G_END_DECLS
