/* tb-pdf-fonts.h: the layout the PDF export uses, set in per-document subset fonts
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb_pdf_layout_new() gathers the characters a report can print (its format's wording,
 * its values and texts, the layout's own page furniture), builds subsets of the role fonts
 * with just those (tb-font-subset.h), and lays the report out with them, so that cairo
 * embeds small fonts quickly. Characters the layout then draws that were not gathered
 * are added and the layout is made again. When subsetting is off, or fails (no writable
 * cache folder, no document font installed), it is tb_layout_new() with the installed
 * fonts as they are.
 */
#pragma once

#include "tb-layout.h"

G_BEGIN_DECLS

/* The switch: TRUE (the default, unless TIANBAO_FONT_SUBSET=0 is in the environment) lays
 * out PDF exports with subset fonts. */
gboolean   tb_pdf_get_subset_fonts (void);
void       tb_pdf_set_subset_fonts (gboolean               enabled);

/* The layout of @report for a PDF export. @options->font_map is ignored. (transfer full) */
TbLayout  *tb_pdf_layout_new       (TbReport              *report,
                                    const TbLayoutOptions *options);

G_END_DECLS
