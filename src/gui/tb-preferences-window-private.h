/* tb-preferences-window-private.h: what the GUI tests use of tb-preferences-window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-preferences-window.h"

G_BEGIN_DECLS

/* @settings: the io.github.tianbao.Tianbao settings, or NULL for the default ones. */
GtkWidget  *tb_preferences_window_new      (GtkWindow           *parent,
                                            GSettings           *settings);
GSettings  *tb_preferences_window_get_settings (TbPreferencesWindow *self);

G_END_DECLS
