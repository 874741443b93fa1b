/* tb-table-page-private.h: what the GUI tests use of tb-table-page
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-table-page.h"

G_BEGIN_DECLS

GtkWidget  *tb_table_page_get_grid   (TbTablePage *self);

G_END_DECLS
