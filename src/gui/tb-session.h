/* tb-session.h: the application's windows as a whole: opening, quitting, recovery
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per report. Opening a file that is already open brings its window to the
 * front; an untouched empty window is reused; the file is read in a worker thread and its
 * window shows once it is. Quitting closes the windows one after the other, each asking
 * about unsaved changes, and stops at the first Cancel. On start, the recovery copies left
 * by a crash are offered once (TbRecoveryDialog). TbApplication owns the session; it
 * follows every window of the application (its ::open-file and ::close-cancelled).
 */
#pragma once

#include <adwaita.h>

#include "tb-window.h"

G_BEGIN_DECLS

#define TB_TYPE_SESSION (tb_session_get_type ())
G_DECLARE_FINAL_TYPE (TbSession, tb_session, TB, SESSION, GObject)

/* The session of the windows of @application (which it does not keep alive). */
TbSession *tb_session_new             (GtkApplication *application);

/* The window showing @path, or NULL. */
TbWindow  *tb_session_find_window     (TbSession      *self,
                                       const char     *path);
/* Opens @path: its window if it is open already, else, once read, @hint if it is untouched,
 * else a new window. A path with no file yet gives a new report that will be saved there.
 * A failure is shown over the window the clerk is in and changes nothing (@hint is
 * destroyed if it shows nothing). */
void       tb_session_open_path       (TbSession      *self,
                                       const char     *path,
                                       TbWindow       *hint);
/* `tianbao FILE…`: opens each (a file that is not local is said in a new report's window). */
void       tb_session_open_files      (TbSession      *self,
                                       GFile         **files,
                                       int             n_files);
/* `tianbao`: a window with a new report for last year. */
TbWindow  *tb_session_new_window      (TbSession      *self);

/* app.quit: closes every window in turn. */
void       tb_session_quit            (TbSession      *self);

/* Offers the recovery copies left by an earlier run, once per run (listed in a worker). */
void       tb_session_offer_recovery  (TbSession      *self,
                                       TbWindow       *parent);

G_END_DECLS
