/* tb-table-page.h: the page of a table section (二、三、四)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-section-page.h"

G_BEGIN_DECLS

#define TB_TYPE_TABLE_PAGE (tb_table_page_get_type ())
G_DECLARE_FINAL_TYPE (TbTablePage, tb_table_page, TB, TABLE_PAGE, TbSectionPage)

GtkWidget  *tb_table_page_new        (TbReport    *report,
                                      guint        section);
/* Puts the table on the clipboard as HTML (merged cells, inline styles: what a portal's
 * editor, WPS or Excel paste as a table) and as tab-separated text (tb-tsv-writer.h). */
void        tb_table_page_copy       (TbTablePage *self);

G_END_DECLS
