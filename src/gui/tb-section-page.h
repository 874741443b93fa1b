/* tb-section-page.h: base class of the pages of the form (one per part of the report)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_TYPE_SECTION_PAGE (tb_section_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (TbSectionPage, tb_section_page, TB, SECTION_PAGE, GtkWidget)

struct _TbSectionPageClass
{
  GtkWidgetClass parent_class;

  /* The report changed; @change and @id as in TbReport::changed (BULK and NULL after a
   * new report was set). Cells are synced by the window; pages sync the rest. */
  void       (*sync)        (TbSectionPage  *self,
                             TbReportChange  change,
                             const char     *id);
  /* Moves the focus to the page's main input when no cell is named (a text view). */
  void       (*focus_main)  (TbSectionPage *self);
};

TbReport   *tb_section_page_get_report   (TbSectionPage *self);
void        tb_section_page_set_report   (TbSectionPage *self,
                                          TbReport      *report);
void        tb_section_page_sync         (TbSectionPage  *self,
                                          TbReportChange  change,
                                          const char     *id);
void        tb_section_page_focus_main   (TbSectionPage *self);

/* The value cells this page shows (TbCellEntry), registered by subclasses. */
GPtrArray  *tb_section_page_get_cells    (TbSectionPage *self);
void        tb_section_page_add_cell     (TbSectionPage *self,
                                          GtkWidget     *cell);

G_END_DECLS
