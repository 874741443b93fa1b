/* tb-pdf.h: exports a report as PDF in the official layout (no GTK needed)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages come from TbLayout (tb-layout.h), the same renderer that printing uses. The
 * output is deterministic: the same report gives the same bytes (with the same cairo,
 * pango, harfbuzz and fonts), because the PDF dates are taken from the report.
 */
#pragma once

#include <cairo.h>

#include "tb-layout.h"

G_BEGIN_DECLS

/* Sets title (the report title), author (the agency), creator and fixed creation and
 * modification dates on a cairo PDF surface. The dates come from the report's modified
 * time, else its created time, else 1 January of the year after the report year. Also
 * for the print operation's target surface when it is a PDF surface. */
void       tb_pdf_set_metadata          (cairo_surface_t       *surface,
                                         TbReport              *report);

/* The whole PDF in memory. (transfer full) */
GBytes    *tb_pdf_render                (TbReport              *report,
                                         const TbLayoutOptions *options,
                                         GError               **error);

/* The PDF of a layout already made from @report (which gives the metadata). (transfer full) */
GBytes    *tb_pdf_render_layout         (TbLayout              *layout,
                                         TbReport              *report,
                                         GError               **error);

/* Renders and writes @path atomically (tb_file_write_atomic()); on failure an existing
 * file at @path is left untouched. */
gboolean   tb_pdf_export                (TbReport              *report,
                                         const TbLayoutOptions *options,
                                         const char            *path,
                                         GError               **error);

G_END_DECLS
