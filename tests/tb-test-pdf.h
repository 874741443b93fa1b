/* tb-test-pdf.h: what the tests of the PDF export share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-pdf.c (the exported report as a reader sees it), test-pdf-ink.c (every
 * glyph has ink) and test-pdf-long-paragraph.c (the longest texts printed whole): a report
 * exported into a temporary folder, and its text as pdftotext gives it.
 */
#pragma once

#include <glib.h>

#include "tb-layout.h"
#include "tb-report.h"

G_BEGIN_DECLS

/* A PDF at @path in the temporary folder @dir, removed with the folder when freed. */
typedef struct
{
  char *dir;
  char *path;
} TbTestPdf;

void       tb_test_pdf_free     (TbTestPdf             *tmp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTestPdf, tb_test_pdf_free)

/* @report exported with @options (NULL: the defaults) into a new temporary folder; with
 * TB_TEST_PDF_KEEP=DIR, a copy of every export is kept in DIR to look at. */
TbTestPdf *tb_test_export_pdf   (TbReport              *report,
                                 const TbLayoutOptions *options);
/* The text of page @page (0: all pages) as pdftotext gives it, page furniture included. */
char      *tb_test_pdf_raw_text (const char            *path,
                                 int                    page);

G_END_DECLS
