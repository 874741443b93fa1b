/* tb-test-files.h: the application, session and saved reports of the GUI tests of files
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-gui-files.c (opening, saving, closing, undo) and test-gui-recovery-offer.c
 * (the recovery offer): one application and session per test program, and draft files on
 * disk.
 */
#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

extern GtkApplication *tb_test_app;
extern TbSession      *tb_test_session;

/* Sets up a recent files folder for the whole run, the test (with isolated folders), GTK,
 * libadwaita, the application @app_id and its session; in a test subprocess, a private
 * mount namespace first. FALSE, after printing a TAP plan that skips everything, when
 * there is no display. */
gboolean  tb_test_files_init      (int         *argc,
                                   char      ***argv,
                                   const char  *app_id);
/* Runs the tests added since, then takes down what tb_test_files_init() set up. */
int       tb_test_files_run       (void);

/* A 2021 report of 测试县审计局 for 2024 saved as @name in ~/reports, with @value (may be
 * NULL) typed into t2.reg.made. Returns its path. */
char     *tb_test_saved_report    (const char *name,
                                   const char *value);
/* Destroys every window of the application. */
void      tb_test_destroy_windows (void);

G_END_DECLS
