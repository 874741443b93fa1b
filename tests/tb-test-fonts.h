/* tb-test-fonts.h: what the tests of the subset fonts and the PDF export share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-font-subset.c (the subsets, laid out and rasterised) and test-font-pdf.c
 * (the font roles and the PDF export): temporary folders, subsets built, Pango at points,
 * pdftoppm rasters, and what pdffonts and pdftotext read.
 */
#pragma once

#include <glib.h>
#include <pango/pangocairo.h>

#include "tb-font-subset.h"

G_BEGIN_DECLS

/* Removes @dir and everything in it. */
void          tb_test_remove_tree          (const char        *dir);
/* A new temporary folder. */
char         *tb_test_font_tmp_dir         (void);
/* A font map over the subsets of @text in each of @fonts, built in @dir. */
TbFontSubset *tb_test_build_subset         (const char *const *fonts,
                                            const char        *text,
                                            const char        *dir);
/* A context of @font_map at 72 dpi (sizes in points), unhinted, for zh-cn. */
PangoContext *tb_test_points_context       (PangoFontMap      *font_map);

/* Page 1 of a PDF rasterised in grey by pdftoppm. */
typedef struct
{
  int     width, height;
  guchar *pixels;
} TbTestGray;

void          tb_test_gray_free            (TbTestGray        *g);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTestGray, tb_test_gray_free)

TbTestGray   *tb_test_rasterise            (const char        *pdf,
                                            int                dpi);
/* The darkest grey of the box (points) on page 1 of @pdf rasterised at @dpi. */
guchar        tb_test_darkest              (TbTestGray        *g,
                                            double             x,
                                            double             y,
                                            double             w,
                                            double             h,
                                            int                dpi);
/* Pango's unknown glyphs (the hex boxes of tofu) in @layout. */
guint         tb_test_count_unknown_glyphs (PangoLayout       *layout);
/* The family of the font Pango chose for byte @index of @layout's text. */
char         *tb_test_family_at            (PangoLayout       *layout,
                                            int                index);
/* Asserts pdffonts lists only embedded subsets "ABCDEF+Name"; returns the names. */
GPtrArray    *tb_test_assert_subset_fonts  (const char        *path);
/* The text of the PDF at @path, as pdftotext reads it. */
char         *tb_test_pdf_text             (const char        *path);

G_END_DECLS
