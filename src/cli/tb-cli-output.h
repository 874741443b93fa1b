/* tb-cli-output.h: how tianbao-cli writes: UTF-8 output, JSON strings, terminal widths, wrapping
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Output goes out as UTF-8 bytes whatever the locale's charset: g_print() would convert
 * labels and JSON to "?" under LANG=C. */
void        tb_cli_out             (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);
void        tb_cli_out_str         (const char  *text);
void        tb_cli_err             (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/* JSON, written by hand: a string literal with its quotes, UTF-8 kept as is; NULL is null. */
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

/* Building text in a GString, with widths in columns. */
void        tb_cli_append_spaces   (GString     *s,
                                    guint        n);
/* @text padded with spaces to @width columns, on the left when @right (right-aligned). */
void        tb_cli_append_padded   (GString     *s,
                                    const char  *text,
                                    guint        width,
                                    gboolean     right);
/* @line without its trailing spaces, and a line end. */
void        tb_cli_append_line     (GString     *s,
                                    GString     *line);
/* The paragraphs of @text (one per line, blank ones skipped) wrapped to @width after
 * @indent; with @separate, a blank line between paragraphs. */
void        tb_cli_append_wrapped  (GString     *s,
                                    const char  *text,
                                    const char  *indent,
                                    guint        width,
                                    gboolean     separate);

G_END_DECLS
