/* tb-cli.h: the tianbao-cli commands (new, set, check, cells, show, …)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: 0 ready / success, 1 not ready (errors or unfilled cells), 2 the file could not
 * be read or the command was wrong. Sets up the locale and gettext itself. */
int tb_cli_main (int    argc,
                 char **argv);

G_END_DECLS
