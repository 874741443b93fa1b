/* tb-docx-reader.h: a Word document (.docx) read into a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A .docx is a zip of XML parts (Office Open XML, transitional or strict). The zip is read
 * within limits by tb-zip (libarchive), the main document part with libxml2 (no network, no
 * DTD, no entities). The body's paragraphs become paragraph blocks (a manual line break
 * starts a new one) and its tables table blocks on their grid: w:gridSpan gives the column
 * span, w:vMerge restart/continue the row span, w:gridBefore leaves the first columns
 * empty. Deleted text of tracked changes is left out and inserted text kept; hidden text,
 * field instructions, drawings and text boxes are left out; headers, footers and notes are
 * not read. A table inside a table cell is read as that cell's text, with a note. The
 * title comes from the document properties (docProps/core.xml, dc:title).
 */
#pragma once

#include <gio/gio.h>

#include "tb-source.h"

G_BEGIN_DECLS

#define TB_DOCX_ERROR (tb_docx_error_quark ())

typedef enum
{
  TB_DOCX_ERROR_INVALID,     /* not a Word document, or a damaged one */
  TB_DOCX_ERROR_ENCRYPTED,   /* protected with a password, or an encrypted zip entry */
  TB_DOCX_ERROR_LIMIT,       /* a limit was broken: a zip bomb, too many entries, too large */
  TB_DOCX_ERROR_UNSUPPORTED, /* another kind of document: Word 97–2003 .doc, OpenDocument … */
} TbDocxError;

GQuark     tb_docx_error_quark (void);

/* Whether @data may be a Word document for tb_docx_read(): a zip archive, or an OLE
 * compound file (a Word 97–2003 .doc or a password-protected .docx, which tb_docx_read()
 * refuses with a clear message). */
gboolean   tb_docx_sniff       (const guint8  *data,
                                gsize          len);

/* Reads the Word document in @data. Returns (transfer full) a TB_SOURCE_DOCX source, or
 * NULL with a %TB_DOCX_ERROR whose message says what is wrong and what to do. */
TbSource  *tb_docx_read        (GBytes        *data,
                                GError       **error);

G_END_DECLS
