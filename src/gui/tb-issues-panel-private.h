/* tb-issues-panel-private.h: what the GUI tests use of tb-issues-panel
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-issues-panel.h"

G_BEGIN_DECLS

guint       tb_issues_panel_get_n_rows   (TbIssuesPanel *self);
/* Activates row @index (as a click would). For tests. */
void        tb_issues_panel_activate_row (TbIssuesPanel *self,
                                          guint          index);
/* Acknowledges (or not) the warning on row @index. For tests. */
void        tb_issues_panel_acknowledge_row (TbIssuesPanel *self,
                                             guint          index,
                                             gboolean       acknowledged);

G_END_DECLS
