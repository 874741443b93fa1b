/* tb-test-carry.h: the application and windows of the GUI tests of last year's report and
 * Combine Reports
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-gui-carry.c, test-gui-combine.c and test-gui-combine-many.c: one
 * application and session per test program, and what the tests do with its windows.
 */
#pragma once

#include <adwaita.h>

#include "tb-combine-window.h"
#include "tb-session.h"
#include "tb-window.h"

G_BEGIN_DECLS

extern GtkApplication *tb_test_app;
extern TbSession      *tb_test_session;

/* Sets up GTK, libadwaita, the application @app_id and its session for a test program;
 * FALSE, after printing a TAP plan that skips everything, when there is no display. */
gboolean          tb_test_carry_init          (int              *argc,
                                               char           ***argv,
                                               const char       *app_id);
/* Runs the tests added since, then takes down what tb_test_carry_init() set up. */
int               tb_test_carry_run           (void);

/* A GAsyncReadyCallback that stores the result in *@data (a GAsyncResult*). */
void              tb_test_store_result_cb     (GObject          *source,
                                               GAsyncResult     *result,
                                               gpointer          data);
/* Runs the main loop until @result is set. */
GAsyncResult     *tb_test_wait_for_result     (GAsyncResult    **result);
void              tb_test_close_all           (void);
/* (transfer full): @report saved as @name in @folder of the home's reports. */
char             *tb_test_save_report         (TbReport         *report,
                                               const char       *folder,
                                               const char       *name);
/* A window with a new report, shown. */
TbWindow         *tb_test_new_window          (void);
/* The visible message dialog over @parent, or NULL. */
AdwMessageDialog *tb_test_find_dialog         (GtkWindow        *parent);
TbWindow         *tb_test_find_window_showing (TbReport         *report);
TbCombineWindow  *tb_test_find_combine_window (void);
/* The issues of @window's report, checked now. */
GPtrArray        *tb_test_window_issues       (TbWindow         *window);

/* Combines @paths from @window as the clerk does, the summary's agency @agency (NULL: the
 * default), and returns the breakdown window. */
TbCombineWindow  *tb_test_combine             (TbWindow         *window,
                                               const char *const *paths,
                                               const char       *agency);
/* What Export CSV of @breakdown to @path ends in. */
gboolean          tb_test_export_csv          (TbCombineWindow  *breakdown,
                                               const char       *path,
                                               GError          **error);
/* The breakdown's list of inputs. */
GtkColumnView    *tb_test_inputs_view         (TbCombineWindow  *breakdown);
/* Activates the row of input @index, as a double click does, and waits for the window of
 * the report at @path (NULL after 30 s). */
TbWindow         *tb_test_open_input          (TbCombineWindow  *breakdown,
                                               guint             index,
                                               const char       *path);

G_END_DECLS
