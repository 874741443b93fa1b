/* tb-meta-page.h: the first page, 基本信息 (agency, year and format, preparer, date)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-section-page.h"

G_BEGIN_DECLS

#define TB_TYPE_META_PAGE (tb_meta_page_get_type ())
G_DECLARE_FINAL_TYPE (TbMetaPage, tb_meta_page, TB, META_PAGE, TbSectionPage)

GtkWidget  *tb_meta_page_new (TbReport *report);

G_END_DECLS
