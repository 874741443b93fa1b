/* tb-cli-verdicts.h: "tianbao-cli check" of many files: one verdict per file, as a table
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks every file of @paths (NULL-terminated; a folder stands for the files in it),
 * drafts and published reports alike (those are imported on the fly; nothing is written
 * but @csv). Prints one line per file, or with @json an array; writes the table to @csv
 * (if not NULL; an existing file only with @force). Returns TB_CLI_EXIT_OK if every file
 * is ready, TB_CLI_EXIT_FAILED if one could not be read or the table not written, else
 * TB_CLI_EXIT_NOT_READY. */
int         tb_cli_verdicts_run    (char * const *paths,
                                    gboolean      json,
                                    const char   *csv,
                                    gboolean      force);

G_END_DECLS
