/* tb-session.h: the application's windows as a whole: opening, quitting, recovery
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per report. Opening a file that is already open brings its window to the
 * front; an untouched empty window is reused. Quitting closes the windows one after the
 * other, each asking about unsaved changes, and stops at the first Cancel. On start, the
 * recovery copies left by a crash are offered once (TbRecoveryDialog).
 */
#pragma once

#include <adwaita.h>

#include "tb-document.h"
#include "tb-recovery-dialog.h"
#include "tb-window.h"

G_BEGIN_DECLS

/* The window showing @path, or NULL. */
TbWindow          *tb_session_find_window          (GtkApplication *app,
                                                    const char     *path);
/* Opens @path: its window if it is open already, else @hint if it is untouched, else a new
 * window. A failure is shown over the window the clerk is in and changes nothing (@hint is
 * destroyed if it is a new window that shows nothing yet). Returns the window shown. */
TbWindow          *tb_session_open_path            (GtkApplication *app,
                                                    const char     *path,
                                                    TbWindow       *hint);
/* A new window showing @document (or @hint when it is untouched). */
TbWindow          *tb_session_show_document        (GtkApplication *app,
                                                    TbDocument     *document,
                                                    TbWindow       *hint);

/* app.quit: closes every window in turn. */
void               tb_session_quit                 (GtkApplication *app);
/* A window's close was cancelled (by the clerk, or a save failed): stop quitting. */
void               tb_session_close_cancelled      (GtkApplication *app);

/* Offers the recovery copies left by an earlier run, once per run. */
void               tb_session_offer_recovery       (GtkApplication *app,
                                                    TbWindow       *parent);
/* The recovery offer being shown, or NULL. For tests. */
TbRecoveryDialog  *tb_session_get_recovery_dialog  (GtkApplication *app);

G_END_DECLS
