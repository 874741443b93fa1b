/* tb-cli-table.h: a table of a report laid out as text, for "tianbao-cli show"
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_CLI_MARGIN        "  "  /* before every line of a section */
#define TB_CLI_MARGIN_WIDTH  2
#define TB_CLI_UNFILLED      "·"   /* a cell not filled in */

/* Text of a value cell: the canonical value, the typed text of a cell that could not be
 * read (marked with "!"), or TB_CLI_UNFILLED. (transfer full) */
char       *tb_cli_cell_display    (TbReport          *report,
                                    guint              cell);

/* Appends @table of @report to @s in at most @width columns (as far as the labels allow):
 * header labels over the value columns they span, row labels indented by their level,
 * values right-aligned. */
void        tb_cli_table_render    (GString           *s,
                                    TbReport          *report,
                                    const TbTableSpec *table,
                                    guint              width);

G_END_DECLS
