/* tb-issues-panel.h: the list of every issue of the report, grouped by section
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_TYPE_ISSUES_PANEL (tb_issues_panel_get_type ())
G_DECLARE_FINAL_TYPE (TbIssuesPanel, tb_issues_panel, TB, ISSUES_PANEL, GtkWidget)

void        tb_issues_panel_set_report   (TbIssuesPanel *self,
                                          TbReport      *report);
/* @issues: (element-type TbIssue) (transfer none): from tb_rules_check(); copied */
void        tb_issues_panel_set_issues   (TbIssuesPanel *self,
                                          GPtrArray     *issues);

G_END_DECLS
