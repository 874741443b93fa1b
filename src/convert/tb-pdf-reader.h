/* tb-pdf-reader.h: the text layer of a PDF read into a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PDF holds no paragraphs or tables, only characters placed on pages. poppler-glib (the
 * library Evince uses) gives each character with its box; from these the reader rebuilds
 * the lines, the paragraphs (a first-line indent or a short last line ends one; a paragraph
 * that a page break cuts is marked `continues`) and the tables: from their ruling lines
 * where they are drawn with them (cells and merged cells exactly), else from the gaps in
 * the text (tb-pdf-tables.c). A table cut by a page break is joined again, its repeated
 * header rows dropped. Page numbers and running headers and footers are left out.
 *
 * A PDF without text (a scan) is refused with a message, never guessed at; so are an
 * encrypted PDF and a damaged one. Limits: 64 MiB, 200 pages, a million characters.
 */
#pragma once

#include <gio/gio.h>

#include "tb-source.h"

G_BEGIN_DECLS

#define TB_PDF_ERROR (tb_pdf_error_quark ())

typedef enum
{
  TB_PDF_ERROR_INVALID,      /* not a PDF, or a damaged one */
  TB_PDF_ERROR_ENCRYPTED,    /* needs a password */
  TB_PDF_ERROR_NO_TEXT,      /* no text layer (a scanned image), or text that cannot be read */
  TB_PDF_ERROR_LIMIT,        /* too large */
  TB_PDF_ERROR_UNAVAILABLE,  /* poppler-glib, which reads PDF, could not be opened */
} TbPdfError;

GQuark     tb_pdf_error_quark (void);

/* Whether @data starts like a PDF ("%PDF-" within its first 1024 bytes). */
gboolean   tb_pdf_sniff       (const guint8  *data,
                               gsize          len);

/* Reads the text layer of the PDF in @data. Returns (transfer full) a TB_SOURCE_PDF
 * source, or NULL with a %TB_PDF_ERROR whose message says what is wrong and what to do. */
TbSource  *tb_pdf_read        (GBytes        *data,
                               GError       **error);

G_END_DECLS
