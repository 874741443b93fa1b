/* tb-window.h: the main window, showing one report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_TYPE_WINDOW (tb_window_get_type ())
G_DECLARE_FINAL_TYPE (TbWindow, tb_window, TB, WINDOW, AdwApplicationWindow)

TbWindow   *tb_window_new          (GtkApplication *application);
/* Shows @report; @path is the file it is saved to, or NULL. */
void        tb_window_set_report   (TbWindow       *self,
                                    TbReport       *report,
                                    const char     *path);
TbReport   *tb_window_get_report   (TbWindow       *self);
const char *tb_window_get_path     (TbWindow       *self);
/* A new report for last year, by the default agency of the settings. */
void        tb_window_new_report   (TbWindow       *self);
/* Loads @path; on failure the error is shown and an empty report is opened. A path that
 * does not exist yet gives a new report that will be saved there. */
gboolean    tb_window_open_file    (TbWindow       *self,
                                    const char     *path);
void        tb_window_add_toast    (TbWindow       *self,
                                    const char     *message);

G_END_DECLS
