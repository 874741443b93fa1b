/* tb-rules-private.h: the pieces of the rules (tb-rules.c, tb-rules-text.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-rules.c runs every rule of a format over a report and checks the cells (equations,
 * tables to fill, computed totals); tb-rules-text.c checks the text sections.
 */
#pragma once

#include "tb-format-private.h"
#include "tb-rules.h"

G_BEGIN_DECLS

/* A new issue raised by @rule over @n_cells @cells (copied); takes @message. */
TbIssue *_tb_issue_new                  (const TbRule *rule,
                                         const char   *key,
                                         TbSeverity    severity,
                                         const guint  *cells,
                                         guint         n_cells,
                                         char         *message);

/* TB_RULE_TEXT: adds an issue to @out if the rule's text section has no text yet. */
void     _tb_rules_check_text           (TbReport     *report,
                                         const TbRule *rule,
                                         GPtrArray    *out);
/* TB_RULE_TEXT_UNCHANGED: adds an issue to @out if the rule's text section is the same as
 * in @previous, last year's report (not NULL), or differs from it only by the year. */
void     _tb_rules_check_text_unchanged (TbReport     *report,
                                         TbReport     *previous,
                                         const TbRule *rule,
                                         GPtrArray    *out);

G_END_DECLS
