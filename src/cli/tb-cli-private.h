/* tb-cli-private.h: helpers shared by the tianbao-cli command files
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tb-report.h"

G_BEGIN_DECLS

/* Exit codes of every command (see tb-cli.h). */
enum
{
  TB_CLI_EXIT_OK = 0,
  TB_CLI_EXIT_NOT_READY = 1,
  TB_CLI_EXIT_FAILED = 2,
};

/* Output goes out as UTF-8 bytes whatever the locale's charset: g_print() would convert
 * labels and JSON to "?" under LANG=C. */
void        tb_cli_out             (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);
void        tb_cli_out_str         (const char  *text);
void        tb_cli_err             (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/* JSON, written by hand: a string literal with its quotes, UTF-8 kept as is. */
void        tb_cli_json_string     (GString     *out,
                                    const char  *text);

/* Terminal layout: columns a string takes (CJK characters take two). */
guint       tb_cli_text_width      (const char  *text);
/* Lines of at most @width columns; breaks between CJK characters or at spaces and keeps
 * closing punctuation off the start of a line. (transfer full) */
GPtrArray  *tb_cli_wrap            (const char  *text,
                                    guint        width);
/* Width to lay text out in: the terminal's, else $COLUMNS, else @fallback. */
guint       tb_cli_output_width    (guint        fallback);

/* Loads a draft; on failure prints "FILE: message" to stderr and returns NULL. */
TbReport   *tb_cli_load_report     (const char  *path);

/* The commands that print a report (tb-cli-show.c). */
int         tb_cli_print_check     (TbReport    *report,
                                    const char  *path,
                                    gboolean     json,
                                    gboolean     verbose);
int         tb_cli_print_show      (TbReport    *report,
                                    gboolean     json,
                                    guint        width);

/* Last year's report and the county roll-up (tb-cli-carry.c). */
/* Attaches the report named by @report's previous reference (relative to @path), or prints
 * a warning line saying why it could not be (the cross-year checks are then skipped). */
void        tb_cli_attach_previous (TbReport    *report,
                                    const char  *path);
int         tb_cli_new_from        (const char  *from,
                                    const char  *output,
                                    int          year,
                                    const char  *agency,
                                    gboolean     copy_texts,
                                    gboolean     force);
int         tb_cli_merge           (const char  *output,
                                    const char  *agency,
                                    const char  *breakdown,
                                    char       **inputs,
                                    gboolean     force);

G_END_DECLS
