/* tb-text-reader.h: plain text, as copied from a web page or a PDF viewer, read as a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines whose cells are separated by tabs, by runs of spaces or by "|" (Markdown tables from
 * converters, their "|---|" rules skipped), or that end in a run of numbers, become rows of
 * ragged tables (the grid cannot be seen in text: a cell's column is its order in the row).
 * A table goes on across blank lines (a page break) and across a short line between two of
 * its rows (a label split over two lines). Every other line is a paragraph; a line that a
 * PDF viewer wrapped is marked as going on in the next one. Encodings: tb-charset.h.
 */
#pragma once

#include <glib.h>

#include "tb-source.h"

G_BEGIN_DECLS

/* Reads @data (at most TB_SOURCE_MAX_SIZE bytes). Errors: TB_SOURCE_ERROR. */
TbSource *tb_text_reader_read        (GBytes      *data,
                                      GError     **error);

/* Reads @text, already UTF-8. */
TbSource *tb_text_reader_read_string (const char  *text);

G_END_DECLS
