/* tb-readiness.c: whether a report is ready to hand in
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-readiness"

#include "config.h"

#include "tb-readiness.h"
#include "tb-rules.h"

guint
tb_readiness_count_blocking_issues (TbReport *report)
{
  g_autoptr(GPtrArray) issues = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), 0);

  issues = tb_rules_check (report);
  return tb_rules_count (issues, TB_SEVERITY_ERROR) +
         tb_rules_count (issues, TB_SEVERITY_INCOMPLETE);
}
