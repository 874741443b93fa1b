/* tb-docx-writer.h: the report as a Word document (Office Open XML, .docx)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same content as the PDF (tb-publish.h), editable: real paragraphs with styles (the
 * headings are outline levels), real tables with the official merges (w:gridSpan and
 * w:vMerge from the format's grid), header rows that repeat on every page, rows that never
 * split, numbers as plain text in their cells. A4 with the GB/T 9704 margins, page numbers
 * "— n —" in the footer (odd pages right, even pages left), fonts by role with the Word
 * East-Asian font attributes (tb-font-roles.h). The zip is written by libarchive
 * (tb-zip.h); the same report gives the same bytes.
 */
#pragma once

#include <gio/gio.h>

#include "tb-report.h"

G_BEGIN_DECLS

typedef enum
{
  TB_DOCX_DEFAULT  = 0,
  /* End with the agency and the report date (落款), as the signed paper copy does. */
  TB_DOCX_SIGN_OFF = 1 << 0,
  /* A report that is not ready is marked as a draft on every page, as the PDF marks it;
   * nothing changes for a report that is ready. */
  TB_DOCX_DRAFT    = 1 << 1,
} TbDocxFlags;

/* The report as a .docx file in memory, or NULL with @error (a TB_ZIP_ERROR) when the
 * archive cannot be made. Returns: (transfer full) */
GBytes     *tb_docx_write      (TbReport     *report,
                                TbDocxFlags   flags,
                                GError      **error);

G_END_DECLS
