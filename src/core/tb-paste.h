/* tb-paste.h: reading a block of cells copied from a spreadsheet or a web page
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * tb_paste_split:
 * @text: the clipboard text, UTF-8
 *
 * Splits @text into rows (lines; "\r\n", "\r" and "\n" all end a line) of fields. When
 * any line holds a tab, fields are separated by tabs (Excel, WPS, LibreOffice, most HTML
 * tables); otherwise by runs of spaces, including the ideographic space U+3000 and the
 * no-break space (a row copied from a PDF or typed by hand). Fields are trimmed of such
 * spaces. Trailing empty lines are dropped; an empty line inside the block is a row with
 * no fields.
 *
 * Returns: (transfer full) (element-type GStrv): the rows; free with g_ptr_array_unref()
 */
GPtrArray  *tb_paste_split        (const char *text);

/* Number of fields of the widest row of a tb_paste_split() result. */
guint       tb_paste_get_width    (GPtrArray  *rows);

G_END_DECLS
