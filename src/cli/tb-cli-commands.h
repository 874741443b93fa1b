/* tb-cli-commands.h: the commands of tianbao-cli, one file each or one per group
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-cli.c lists them in its command table; each is defined, with its options and its help,
 * in the file named after it. Commands share only tb-cli-context.h and the printing modules,
 * never each other.
 */
#pragma once

#include "tb-cli-context.h"

G_BEGIN_DECLS

extern const TbCliCommand tb_cli_command_new;         /* tb-cli-new.c (also new --from) */
extern const TbCliCommand tb_cli_command_set;         /* tb-cli-edit.c */
extern const TbCliCommand tb_cli_command_text;        /* tb-cli-text.c */
extern const TbCliCommand tb_cli_command_meta;        /* tb-cli-edit.c */
extern const TbCliCommand tb_cli_command_check;       /* tb-cli-check.c */
extern const TbCliCommand tb_cli_command_show;        /* tb-cli-show.c */
extern const TbCliCommand tb_cli_command_cells;       /* tb-cli-formats.c */
extern const TbCliCommand tb_cli_command_ack;         /* tb-cli-check.c */
extern const TbCliCommand tb_cli_command_formats;     /* tb-cli-formats.c */
extern const TbCliCommand tb_cli_command_export_pdf;  /* tb-cli-export.c */
extern const TbCliCommand tb_cli_command_export_html; /* tb-cli-export.c */
extern const TbCliCommand tb_cli_command_export_docx; /* tb-cli-export.c */
extern const TbCliCommand tb_cli_command_merge;       /* tb-cli-merge.c */
extern const TbCliCommand tb_cli_command_convert;     /* tb-cli-convert.c */
extern const TbCliCommand tb_cli_command_import;      /* tb-cli-import.c */

G_END_DECLS
