/* tb-test-import.h: checking what a reader made of the import fixtures (tests/data/import/)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are reports laid out by build-aux/make-import-fixtures from a draft and
 * saved by LibreOffice as Word and PDF. What a reader gives back is compared with the
 * draft and with the official format: the grids of tables 二–四 as data/formats/ defines
 * them (tb_format_get_table()), the values as the draft holds them, the texts of
 * sections 一, 五 and 六 paragraph by paragraph. Nothing here is hard-coded per fixture.
 */
#pragma once

#include "tb-report.h"
#include "tb-source.h"

G_BEGIN_DECLS

/* The bytes of tests/data/import/@file. */
GBytes    *tb_test_fixture_bytes      (const char    *file);
/* The draft a fixture was made from: "yanchi-2020" (the bundled sample) or
 * "qingyuan-2021" (tests/data/import/). */
TbReport  *tb_test_fixture_report     (const char    *name);

/* The table blocks of @source, in order. (transfer container) */
GPtrArray *tb_test_source_tables      (const TbSource *source);

/* @table has exactly the grid of @spec: every label and value of the format at its place
 * with its spans, the labels' text, the values as @report holds them (blank where it has
 * none), and nothing else. Grid lines that no cell edge uses are not counted: no file can
 * keep them (table 二 of the 2019 format has two). */
void       tb_test_assert_grid        (TbSourceBlock     *table,
                                       const TbTableSpec *spec,
                                       TbReport          *report);
/* Every row of @spec that holds values is a row of one of @tables: the row's own label (the
 * innermost one starting in it) in a cell, then exactly the row's values, in order. With
 * @seen_only, blank values are not expected (a table without rulings does not show them). */
void       tb_test_assert_rows        (GPtrArray         *tables,
                                       const TbTableSpec *spec,
                                       TbReport          *report,
                                       gboolean           seen_only);
/* The texts of the text sections of @report follow their headings as paragraphs of
 * @source (paragraphs marked `continues` joined with the next). With @loose, white space
 * is not compared (a PDF cannot tell a typed space from typography). Returns how many
 * paragraphs were marked `continues`. */
guint      tb_test_assert_texts       (const TbSource *source,
                                       TbReport       *report,
                                       gboolean        loose);

G_END_DECLS
