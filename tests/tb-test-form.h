/* tb-test-form.h: what the tests of the form on a clerk's screen share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-gui-form.c (typing into the form), test-gui-form-layout.c (the form in
 * narrow and wide windows) and test-gui-form-dialogs.c (dialogs whole in both languages):
 * the set-up of a test program with the application's style and interface font, typing
 * into a cell, and the widgets of a table page. The window and its cells are those of
 * tb-test-window.h.
 */
#pragma once

#include <adwaita.h>

#include "tb-window.h"

G_BEGIN_DECLS

/* Sets up a UTF-8 locale (LANGUAGE=zh_CN gives the run in Chinese) with the built
 * translations, GTK's test accessibility backend, memory settings, GTK and libadwaita, the
 * application's style and its interface font; FALSE, after printing a TAP plan that skips
 * everything, when there is no display. */
gboolean   tb_test_form_init  (int          *argc,
                               char       ***argv);
/* Types @text into the cell @id the way typing does (the selection deleted, the text
 * inserted), then waits for the rules check if one is pending. */
void       tb_test_form_type  (TbWindow     *window,
                               const char   *id,
                               const char   *text);
/* The template child @name of the table page @page (it must be there). */
GtkWidget *tb_test_page_child (TbWindow     *window,
                               const char   *page,
                               const char   *name);

G_END_DECLS
