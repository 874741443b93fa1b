/* tb-window.h: the main window, showing one report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows a TbDocument, which owns the report, its file, its history, its
 * recovery copy and its title; the window binds to it and keeps no copy of any of them.
 * What is above one window is asked for with signals: ::open-file (Open, Open Recent, a
 * drop) and ::close-cancelled (the clerk kept the window open, so quitting stops); the
 * session (tb-session.h) answers them.
 */
#pragma once

#include <adwaita.h>

#include "tb-document.h"
#include "tb-import.h"

G_BEGIN_DECLS

#define TB_TYPE_WINDOW (tb_window_get_type ())
G_DECLARE_FINAL_TYPE (TbWindow, tb_window, TB, WINDOW, AdwApplicationWindow)

TbWindow         *tb_window_new            (GtkApplication *application);
/* The document shown, or NULL before the first. */
TbDocument       *tb_window_get_document   (TbWindow       *self);
void              tb_window_set_document   (TbWindow       *self,
                                            TbDocument     *document);
/* Shows @document here if this window is untouched (tb_window_is_pristine()), else in a new
 * window of the same application; presents that window and returns it. */
TbWindow         *tb_window_show_document  (TbWindow       *self,
                                            TbDocument     *document);
/* Shows nothing yet, or an empty report never touched: opening or recovering a report may
 * reuse the window. */
gboolean          tb_window_is_pristine    (TbWindow       *self);
/* Shows a new report for last year, by the default agency of the settings. */
void              tb_window_new_report     (TbWindow       *self);
/* After an import shown here: a banner lists the cells @log says were not read as they
 * are, each jumping to its cell (a toast when every cell was read). */
void              tb_window_show_import    (TbWindow       *self,
                                            const TbImportLog *log);
void              tb_window_add_toast      (TbWindow       *self,
                                            const char     *message);
/* Shows an error over the window (it is the window's dialog until closed); more responses
 * may be added to it. */
AdwMessageDialog *tb_window_show_error     (TbWindow       *self,
                                            const char     *heading,
                                            const char     *message);

G_END_DECLS
