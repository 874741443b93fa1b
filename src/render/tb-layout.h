/* tb-layout.h: paginates a report in the official layout and draws its pages on cairo
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page renderer for every output: the PDF export (tb-pdf.h), the CLI and printing
 * through GtkPrintOperation. The layout is computed once, in points, from a snapshot of
 * the report (later changes to the report do not affect it). Pages are A4 portrait with
 * the GB/T 9704-2012 margins; tb_layout_draw_page() draws one page onto any cairo_t whose
 * user units are points with the origin at the top-left corner of the paper (a cairo PDF
 * surface of tb_layout_get_page_size(), or a GtkPrintContext with GTK_UNIT_POINTS and
 * use-full-page set).
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

#include "tb-report.h"

G_BEGIN_DECLS

typedef struct
{
  /* Print the 落款 block (agency, then the report date as "2025年1月20日") at the end. */
  gboolean sign_off;
  /* 0 for a finished report. Otherwise the report is printed as a draft and every page
   * carries the format's draft mark (TB_WORDING_DRAFT_MARK) with N = draft_issues; callers
   * pass tb_readiness_count_blocking_issues(). */
  guint    draft_issues;
  /* The fonts to lay out with; NULL for PangoCairo's default font map. Not kept by the
   * options: the layout holds its own reference. (tb-pdf-fonts.h gives one with subset
   * fonts.) */
  PangoFontMap *font_map;
} TbLayoutOptions;

/* Called for every level-1 heading (一、…): page index, text, top of the heading in pt. */
typedef void (*TbLayoutHeadingFunc) (guint       page,
                                     const char *text,
                                     double      y,
                                     gpointer    user_data);

#define TB_TYPE_LAYOUT (tb_layout_get_type ())
G_DECLARE_FINAL_TYPE (TbLayout, tb_layout, TB, LAYOUT, GObject)

/**
 * tb_layout_new:
 * @report: the report to lay out
 * @options: (nullable): options; NULL for a finished report without sign-off
 *
 * Lays out the whole report. Uses @options->font_map, else PangoCairo's default font map
 * of the calling thread, at a resolution of 72 dpi with hinted metrics off, so pagination
 * does not depend on the target; no cairo_t is needed.
 *
 * Returns: (transfer full): the layout
 */
TbLayout     *tb_layout_new            (TbReport              *report,
                                        const TbLayoutOptions *options);
guint         tb_layout_get_n_pages    (TbLayout              *self);
/* Paper size in points (A4 portrait: 595.28 × 841.89). */
void          tb_layout_get_page_size  (TbLayout              *self,
                                        double                *width,
                                        double                *height);
/* Draws page @page (0-based) in points; saves and restores @cr's state. */
void          tb_layout_draw_page      (TbLayout              *self,
                                        cairo_t               *cr,
                                        guint                  page);

void          tb_layout_foreach_heading (TbLayout             *self,
                                         TbLayoutHeadingFunc   func,
                                         gpointer              user_data);

G_END_DECLS
