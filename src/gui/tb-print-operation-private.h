/* tb-print-operation-private.h: what the GUI tests use of tb-print-operation
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-print-operation.h"

G_BEGIN_DECLS

/* Pages of the layout printed, 0 before printing began. */
guint             tb_print_operation_get_n_pages (TbPrintOperation *self);

G_END_DECLS
