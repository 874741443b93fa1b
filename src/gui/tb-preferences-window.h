/* tb-preferences-window.h: the Preferences window (autosave delay, default agency, totals)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TB_TYPE_PREFERENCES_WINDOW (tb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TbPreferencesWindow, tb_preferences_window, TB, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Shows the one Preferences window of @parent, creating it if needed (app.preferences). */
void        tb_preferences_window_present  (GtkWindow           *parent);

G_END_DECLS
