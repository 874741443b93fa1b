/* tb-html-reader.h: a web page saved from a government portal, read as a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2's HTML parser reads the page (no network, no external entities, never the HUGE
 * option, so nesting stays within libxml2's limit). The reader finds the page's main content
 * (the smallest element holding its data tables and numbered headings), skips navigation,
 * share buttons, scripts, styles and footers, and turns the rest into paragraphs and tables.
 * Tables follow HTML's table model: rowspan and colspan are placed on the grid; a cell's text
 * keeps one line per paragraph (<p>, <br>, <div>). Encodings: the one declared in <meta>
 * (GB2312 and GBK read as GB18030), else UTF-8 when the bytes are valid UTF-8, else GB18030.
 */
#pragma once

#include <glib.h>

#include "tb-source.h"

G_BEGIN_DECLS

/* Whether @data starts like an HTML document (markup sniffing, not the file name). */
gboolean  tb_html_reader_sniff (const char  *data,
                                gsize        len);

/* Reads @data (at most TB_SOURCE_MAX_SIZE bytes). Errors: TB_SOURCE_ERROR. */
TbSource *tb_html_reader_read  (GBytes      *data,
                                GError     **error);

G_END_DECLS
