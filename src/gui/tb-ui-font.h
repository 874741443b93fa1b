/* tb-ui-font.h: the desktop's interface font for the program's own text
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When the desktop does not tell GTK its interface font (X11 with no settings daemon:
 * GTK then asks fontconfig for "Sans", often DejaVu Sans), sets GtkSettings:gtk-font-name
 * for @display to GNOME's interface font (org.gnome.desktop.interface font-name) if that
 * family is installed, else to Cantarell if installed. A font the desktop gives (XSETTINGS,
 * the settings portal) is left alone. Returns the font name set, or NULL. (transfer full) */
char *tb_ui_font_follow_desktop (GdkDisplay *display);

G_END_DECLS
