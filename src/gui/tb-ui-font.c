/* tb-ui-font.c: the desktop's interface font for the program's own text
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On GNOME (Wayland, or X11 with gsd-xsettings) GTK already reads the interface font from
 * the desktop. Elsewhere GTK falls back to "Sans 10", which fontconfig resolves to the
 * first sans family it knows (DejaVu Sans on Debian): wider than GNOME's Cantarell, so
 * the English page switcher and labels took more room than they do on the desktop the
 * program is made for (issue 14). Chinese text is unaffected: fontconfig still falls back
 * per character to the installed CJK face.
 */
#define G_LOG_DOMAIN "tb-ui-font"

#include "config.h"

#include "tb-fonts.h"
#include "tb-ui-font.h"

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"

/* org.gnome.desktop.interface font-name when the schema is installed. (transfer full) */
static char *
dup_gnome_font_name (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "font-name"))
    return NULL;
  settings = g_settings_new (INTERFACE_SCHEMA);
  return g_settings_get_string (settings, "font-name");
}

/* @name ("Family Size") when its family is installed. */
static gboolean
family_installed (const char *name)
{
  PangoFontDescription *desc = pango_font_description_from_string (name);
  const char *family = pango_font_description_get_family (desc);
  gboolean installed = family != NULL && tb_fonts_is_installed (family);

  pango_font_description_free (desc);
  return installed;
}

char *
tb_ui_font_follow_desktop (GdkDisplay *display)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *gnome = NULL;
  char *chosen = NULL;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  g_value_init (&value, G_TYPE_STRING);
  if (gdk_display_get_setting (display, "gtk-font-name", &value) &&
      g_value_get_string (&value) != NULL)
    return NULL;   /* the desktop's own */

  gnome = dup_gnome_font_name ();
  if (gnome != NULL && *gnome != '\0' && family_installed (gnome))
    chosen = g_strdup (gnome);
  else if (tb_fonts_is_installed ("Cantarell"))
    chosen = g_strdup ("Cantarell 11");   /* GNOME's interface font at its size */
  if (chosen != NULL)
    g_object_set (gtk_settings_get_for_display (display), "gtk-font-name", chosen, NULL);
  return chosen;
}
