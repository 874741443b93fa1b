/* tb-test-export.h: what the tests of the HTML and Word writers share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table read back from an export is a list of cells with their grid position and spans;
 * it must equal the format's grid (TbTableSpec items), labels with their official text and
 * numbers as the report holds them.
 */
#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>

#include "tb-report.h"

G_BEGIN_DECLS

typedef struct
{
  guint     row, col, rowspan, colspan;
  char     *text;
  gboolean  header;   /* <th> in HTML */
} TbTestCell;

/* (transfer full): an empty list of TbTestCell */
GPtrArray *tb_test_cells_new       (void);
void       tb_test_cells_add       (GPtrArray         *cells,
                                    guint              row,
                                    guint              col,
                                    guint              rowspan,
                                    guint              colspan,
                                    const char        *text,
                                    gboolean           header);

/* The cells of the HTML @table (an element of @doc) placed on its grid as a browser does
 * (the HTML table processing model: each cell goes to the first free slot of its row).
 * (transfer full) */
GPtrArray *tb_test_read_html_grid  (xmlDocPtr          doc,
                                    xmlNodePtr         table);

/* The text a value cell must show: the value as tb-value.h writes it for display (with its
 * unit where the cell has its own), what was typed when it cannot be read, "" when empty.
 * (transfer full) */
char      *tb_test_expected_value  (TbReport          *report,
                                    guint              cell);

/* Fails the test unless @cells (in any order) are exactly the grid items of @table: the
 * same positions and spans, labels with their text, values with tb_test_expected_value().
 * With @check_header, labels but the 勾稽 note are headers and values are not. */
void       tb_test_assert_grid     (TbReport          *report,
                                    const TbTableSpec *table,
                                    GPtrArray         *cells,
                                    gboolean           check_header);

/* @text without any blank (white space, U+3000) and with ASCII parentheses made full-width:
 * what must survive of a paragraph whatever the writer does with spaces and markers. */
char      *tb_test_squeeze         (const char        *text);

G_END_DECLS
