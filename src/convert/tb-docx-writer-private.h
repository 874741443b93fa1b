/* tb-docx-writer-private.h: the parts of a .docx besides the document body
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-docx-writer.c writes word/document.xml; tb-docx-writer-parts.c writes the package
 * around it (content types, relationships, styles, settings, font table, footers, document
 * properties). Lengths are in twentieths of a point (twips) unless said otherwise.
 */
#pragma once

#include "tb-docx-writer.h"
#include "tb-zip.h"

G_BEGIN_DECLS

/* A4 portrait and the GB/T 9704-2012 margins: top 37 mm, left 28 mm, text block
 * 156 × 225 mm (so right 26 mm, bottom 35 mm). */
#define TB_DOCX_PAGE_WIDTH    11906
#define TB_DOCX_PAGE_HEIGHT   16838
#define TB_DOCX_MARGIN_TOP    2098
#define TB_DOCX_MARGIN_LEFT   1587
#define TB_DOCX_MARGIN_RIGHT  1474
#define TB_DOCX_MARGIN_BOTTOM 1984
#define TB_DOCX_TEXT_WIDTH    (TB_DOCX_PAGE_WIDTH - TB_DOCX_MARGIN_LEFT - TB_DOCX_MARGIN_RIGHT)
/* 22 lines in the 225 mm text block (GB/T 9704 5.2.3): 28.95 pt a line. */
#define TB_DOCX_LINE          579

#define TB_DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define TB_DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Relationship ids of word/document.xml that the body refers to. */
#define TB_DOCX_RID_FOOTER_ODD  "rIdFooterOdd"
#define TB_DOCX_RID_FOOTER_EVEN "rIdFooterEven"

/* Style ids of styles.xml. */
#define TB_DOCX_STYLE_TITLE      "Title"
#define TB_DOCX_STYLE_HEADING1   "Heading1"
#define TB_DOCX_STYLE_HEADING2   "Heading2"
#define TB_DOCX_STYLE_LEAD       "TbLead"
#define TB_DOCX_STYLE_SIGN_OFF   "TbSignOff"
#define TB_DOCX_STYLE_CELL       "TbCell"
#define TB_DOCX_STYLE_CELL_HEAD  "TbCellHead"

/* Relationship ids of the headers of a draft (the draft mark on every page). */
#define TB_DOCX_RID_HEADER_ODD  "rIdHeaderOdd"
#define TB_DOCX_RID_HEADER_EVEN "rIdHeaderEven"

/* Adds every part of the package to @zip in a fixed order, [Content_Types].xml first as
 * Word writes it, with @document (taken) as word/document.xml; with @draft_mark (or NULL),
 * headers that carry it on every page. */
void   _tb_docx_add_parts          (TbZipWriter *zip,
                                    TbReport    *report,
                                    char        *document,
                                    const char  *draft_mark);

/* <w:rFonts …/> with the official font of @role for every script. */
void   _tb_docx_append_fonts       (GString     *out,
                                    int          role);

G_END_DECLS
