/* tianbao-cli.c: headless command-line tool; the logic lives in tb-cli.c and its commands
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tb-cli.h"

int
main (int    argc,
      char **argv)
{
  return tb_cli_main (argc, argv);
}
