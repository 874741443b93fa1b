/* tb-text-page-private.h: what the GUI tests use of tb-text-page
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-text-page.h"

G_BEGIN_DECLS

GtkTextView *tb_text_page_get_text_view (TbTextPage *self);
/* Inserts (or replaces) the standard sentence built from the fields; FALSE when a field
 * is not filled yet. */
gboolean    tb_text_page_insert_sentence (TbTextPage *self);

G_END_DECLS
