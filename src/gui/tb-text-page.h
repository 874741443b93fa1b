/* tb-text-page.h: the page of a text section (一、五、六)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-section-page.h"

G_BEGIN_DECLS

#define TB_TYPE_TEXT_PAGE (tb_text_page_get_type ())
G_DECLARE_FINAL_TYPE (TbTextPage, tb_text_page, TB, TEXT_PAGE, TbSectionPage)

GtkWidget  *tb_text_page_new            (TbReport   *report,
                                         guint       section);

G_END_DECLS
