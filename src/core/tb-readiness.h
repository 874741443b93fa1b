/* tb-readiness.h: whether a report is ready to hand in
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors and parts not filled in yet (TB_SEVERITY_INCOMPLETE) keep a report from being
 * final: the PDF export and printing refuse it unless it goes out as a draft, whose every
 * page then carries the number of them (TB_WORDING_DRAFT_MARK). Warnings do not block: the
 * clerk may acknowledge them.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

/* The errors plus the incomplete issues of tb_rules_check() (warnings do not count);
 * 0 means the report is ready. */
guint      tb_readiness_count_blocking_issues (TbReport *report);

G_END_DECLS
