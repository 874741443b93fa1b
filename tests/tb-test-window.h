/* tb-test-window.h: the report window of the GUI tests, and what they do with its cells
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-gui-window.c (typing into the cells) and test-gui-window-actions.c
 * (files, settings, printing and shortcuts): the set-up of a test program, a window
 * showing a report, and typing into a cell as a keyboard would. The window and cell
 * helpers serve the tests of test-gui-form*.c (tb-test-form.h) too.
 */
#pragma once

#include <adwaita.h>

#include "tb-window.h"

G_BEGIN_DECLS

/* Sets up GTK's test accessibility backend, memory settings, a private data, config and
 * cache folder for the whole run (under @name), GTK and libadwaita; FALSE, after printing
 * a TAP plan that skips everything, when there is no display. */
gboolean    tb_test_window_init    (int         *argc,
                                    char      ***argv,
                                    const char  *name);
/* Runs the tests added since, then removes the private folder. */
int         tb_test_window_run     (void);
/* The private folder of the run. */
const char *tb_test_window_home    (void);

/* Shows @report, not saved anywhere, in @window. */
void        tb_test_show_report    (TbWindow   *window,
                                    TbReport   *report);
/* A new window, shown, with an empty report of @year for 测试县审计局. */
TbWindow   *tb_test_report_window  (int         year);
void        tb_test_destroy_window (TbWindow   *window);
/* Runs the main loop until the pending rules check ran. Returns the milliseconds it took. */
double      tb_test_wait_validated (TbWindow   *window);
/* The entry of the cell @id (it must be there). */
GtkWidget  *tb_test_cell_widget    (TbWindow   *window,
                                    const char *id);
/* Types @text into the cell @id the way typing does, then waits for the rules check. */
double      tb_test_type_and_wait  (TbWindow   *window,
                                    const char *id,
                                    const char *text);
/* The cell @id shows an error (the style, the accessible invalid state and a tooltip), or
 * none of these. */
void        tb_test_assert_error   (TbWindow   *window,
                                    const char *id,
                                    gboolean    error);
const char *tb_test_text_of        (TbWindow   *window,
                                    const char *id);
/* Fills every cell with 0 and every text, so that only what a test breaks is wrong. */
void        tb_test_fill_complete  (TbWindow   *window);

G_END_DECLS
