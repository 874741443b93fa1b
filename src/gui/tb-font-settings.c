/* tb-font-settings.c: the font roles chosen in Preferences, remembered in GSettings
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-font-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-font-settings.h"
#include "tb-fonts.h"

char *
tb_font_settings_dup_key (TbFontRole role)
{
  return g_strconcat ("font-", tb_font_role_get (role)->id, NULL);
}

/* ------------------------------------------------------------------ following the keys */

static void
apply (GSettings *settings)
{
  for (guint i = 0; i < TB_FONT_ROLE_N_CHOOSABLE; i++)
    {
      TbFontRole role = tb_font_role_get_choosable (i);
      g_autofree char *key = tb_font_settings_dup_key (role);
      g_autofree char *family = g_settings_get_string (settings, key);

      tb_font_role_set_chosen (role, family);
    }
}

static void
on_settings_changed_cb (GSettings  *settings,
                        const char *key,
                        gpointer    user_data)
{
  if (g_str_has_prefix (key, "font-"))
    apply (settings);
}

void
tb_font_settings_follow (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  apply (settings);
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed_cb), NULL);
}

/* ------------------------------------------------------------------ the rows */

typedef struct
{
  GSettings     *settings;
  char          *key;
  GtkStringList *families;   /* the families after "automatic", as named */
  gboolean       updating;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->settings);
  g_clear_object (&row->families);
  g_free (row->key);
  g_free (row);
}

static gboolean
list_has (GtkStringList *list,
          const char    *family)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), family) == 0)
      return TRUE;
  return FALSE;
}

/* The installed families @role can be set in: its own names, then the free fallbacks. */
static GtkStringList *
installed_families (TbFontRole role)
{
  const char *const *own = tb_font_role_get (role)->families;
  const char *const *fallbacks = tb_fonts_get_fallback_families ();
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (const char *const *f = pass == 0 ? own : fallbacks; *f != NULL; f++)
      if (!list_has (list, *f) && tb_fonts_is_installed (*f))
        gtk_string_list_append (list, *f);
  return list;
}

/* Selects the item of the key's value, adding it when it is not installed here (a value
 * from another machine is shown, not lost). */
static void
select_from_settings (AdwComboRow *combo,
                      Row         *row)
{
  g_autofree char *family = g_settings_get_string (row->settings, row->key);
  GListModel *model = adw_combo_row_get_model (combo);
  guint selected = 0;

  if (*family != '\0')
    {
      if (!list_has (row->families, family))
        {
          gtk_string_list_append (row->families, family);
          gtk_string_list_append (GTK_STRING_LIST (model), family);
        }
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (row->families)); i++)
        if (g_strcmp0 (gtk_string_list_get_string (row->families, i), family) == 0)
          selected = i + 1;
    }
  row->updating = TRUE;
  adw_combo_row_set_selected (combo, selected);
  row->updating = FALSE;
}

static void
on_selected_cb (AdwComboRow *combo,
                GParamSpec  *pspec,
                Row         *row)
{
  guint selected = adw_combo_row_get_selected (combo);
  const char *family = "";

  if (row->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0)
    family = gtk_string_list_get_string (row->families, selected - 1);
  g_settings_set_string (row->settings, row->key, family);
}

static void
on_key_changed_cb (GSettings   *settings,
                   const char  *key,
                   AdwComboRow *combo)
{
  select_from_settings (combo, g_object_get_data (G_OBJECT (combo), "tb-font-row"));
}

GtkWidget *
tb_font_settings_new_row (GSettings  *settings,
                          TbFontRole  role)
{
  /* TRANSLATORS: the role names, with the font GB/T 9704 sets them in */
  static const char *const titles[] = {
    [TB_FONT_ROLE_TITLE] = N_("Title (Xiaobiaosong)"),
    [TB_FONT_ROLE_BODY] = N_("Body Text (Fangsong)"),
    [TB_FONT_ROLE_HEADING1] = N_("Level-1 Headings (Heiti)"),
    [TB_FONT_ROLE_HEADING2] = N_("Level-2 Headings (Kaiti)"),
  };
  g_autofree char *automatic = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *signal = NULL;
  GtkStringList *model;
  AdwComboRow *combo;
  Row *row;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (role < G_N_ELEMENTS (titles) && titles[role] != NULL, NULL);

  row = g_new0 (Row, 1);
  row->settings = g_object_ref (settings);
  row->key = tb_font_settings_dup_key (role);
  row->families = installed_families (role);

  resolved = tb_fonts_resolve_role_default (role);
  /* TRANSLATORS: %s is the font used when the clerk chooses none, e.g. 仿宋_GB2312 */
  automatic = g_strdup_printf (_("Automatic (%s)"), resolved);
  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, automatic);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (row->families)); i++)
    gtk_string_list_append (model, gtk_string_list_get_string (row->families, i));

  combo = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _(titles[role]));
  adw_combo_row_set_model (combo, G_LIST_MODEL (model));
  g_object_unref (model);
  gtk_widget_set_name (GTK_WIDGET (combo), row->key);
  g_object_set_data_full (G_OBJECT (combo), "tb-font-row", row, row_free);
  select_from_settings (combo, row);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (on_selected_cb), row);
  signal = g_strconcat ("changed::", row->key, NULL);
  g_signal_connect_object (settings, signal, G_CALLBACK (on_key_changed_cb), combo, 0);
  return GTK_WIDGET (combo);
}
