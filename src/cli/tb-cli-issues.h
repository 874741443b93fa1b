/* tb-cli-issues.h: what "tianbao-cli check" prints about a report, as text or JSON
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tb-report.h"

G_BEGIN_DECLS

/* Checks @report (with last year's report if one is attached) and prints the errors, the
 * warnings and what is not filled in yet, naming the draft @path in the hints. Returns
 * TB_CLI_EXIT_OK if the report is ready, else TB_CLI_EXIT_NOT_READY. */
int         tb_cli_issues_print    (TbReport    *report,
                                    const char  *path,
                                    gboolean     json,
                                    gboolean     verbose);

G_END_DECLS
