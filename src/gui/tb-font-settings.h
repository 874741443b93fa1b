/* tb-font-settings.h: the font roles chosen in Preferences, remembered in GSettings
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys font-title, font-body, font-heading1 and font-heading2 hold the family the
 * clerk chose for each role of GB/T 9704 ("" for automatic: the official font where
 * installed, else its free stand-in). The application follows them, so the PDF export,
 * printing and the Word export all set the report in the same fonts.
 */
#pragma once

#include <adwaita.h>

#include "tb-font-roles.h"

G_BEGIN_DECLS

/* Sets the core's font roles from @settings now and whenever a key changes, for as long as
 * @settings lives. */
void        tb_font_settings_follow   (GSettings  *settings);

/* A row offering "automatic" and the installed families @role can be set in; the choice is
 * written to @settings' key of @role. (transfer floating) */
GtkWidget  *tb_font_settings_new_row  (GSettings  *settings,
                                       TbFontRole  role);

/* The key of @role: "font-body" … */
char       *tb_font_settings_dup_key  (TbFontRole  role);

G_END_DECLS
