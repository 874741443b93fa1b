/* tb-html-writer.h: the report as a web page for the government portal
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same content as the PDF (tb-publish.h) as HTML5: one self-contained file (inline CSS,
 * no scripts, no external references, nothing that changes between runs) that looks like
 * the official report on screen and in print, or a fragment for a portal's rich-text editor
 * (UEditor, KindEditor, TinyMCE keep inline style attributes and drop <style> blocks).
 * Tables have the official merges (rowspan/colspan of the format's grid), a caption, and
 * header cells that every number names in its headers attribute, so that a screen reader
 * reads each number with its row and column labels.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

typedef enum
{
  TB_HTML_DEFAULT  = 0,
  /* Only the report's content (no html, head or body) and every style as an inline style
   * attribute. */
  TB_HTML_FRAGMENT = 1 << 0,
  /* End with the agency and the report date (落款), as the signed paper copy does. */
  TB_HTML_SIGN_OFF = 1 << 1,
  /* A report that is not ready is marked as a draft, as the PDF marks it (at the top, and
   * in print on every page); nothing changes for a report that is ready. */
  TB_HTML_DRAFT    = 1 << 2,
} TbHtmlFlags;

/* The report as HTML, UTF-8. The same report and flags give the same bytes.
 * Returns: (transfer full) */
GBytes     *tb_html_write        (TbReport          *report,
                                  TbHtmlFlags        flags);

/* One table of @report alone, with inline styles and its merges, for the clipboard (what
 * a portal editor, WPS or a spreadsheet pastes as a table). Returns: (transfer full) */
char       *tb_html_write_table  (TbReport          *report,
                                  const TbTableSpec *table);

G_END_DECLS
