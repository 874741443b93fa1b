/* test-preferences.c: the Preferences window reads and writes the GSettings keys
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "tb-font-settings.h"
#include "tb-fonts.h"
#include "tb-preferences-window-private.h"

static GSettings *
new_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (APP_ID, backend);
}

static gpointer
child (GtkWidget  *window,
       const char *name)
{
  gpointer object = gtk_widget_get_template_child (window, TB_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static void
test_preferences_autosave (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *window = tb_preferences_window_new (NULL, settings);
  GtkSpinButton *spin = child (window, "autosave_spin");

  g_assert_true (tb_preferences_window_get_settings (TB_PREFERENCES_WINDOW (window)) == settings);
  /* The schema default is shown. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 5);

  g_settings_set_uint (settings, "autosave-interval", 42);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 42);

  gtk_spin_button_set_value (spin, 120);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-interval"), ==, 120);

  /* The spin button keeps to the schema's range 1 … 300. */
  gtk_spin_button_set_value (spin, 1000);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-interval"), ==, 300);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-interval"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_agency (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *agency = NULL;
  GtkWidget *window;
  GtkEditable *row;

  g_settings_set_string (settings, "default-agency", "盐池县审计局");
  window = tb_preferences_window_new (NULL, settings);
  row = child (window, "agency_row");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "盐池县审计局");

  gtk_editable_set_text (row, "宁夏回族自治区人民政府办公厅");
  agency = g_settings_get_string (settings, "default-agency");
  g_assert_cmpstr (agency, ==, "宁夏回族自治区人民政府办公厅");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_totals (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *window = tb_preferences_window_new (NULL, settings);
  GtkSwitch *sw = child (window, "totals_switch");

  /* Default: totals are computed, so "Compute Totals" is on. */
  g_assert_false (g_settings_get_boolean (settings, "manual-totals"));
  g_assert_true (gtk_switch_get_active (sw));

  gtk_switch_set_active (sw, FALSE);
  g_assert_true (g_settings_get_boolean (settings, "manual-totals"));

  g_settings_set_boolean (settings, "manual-totals", FALSE);
  g_assert_true (gtk_switch_get_active (sw));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The combo row named @name under @root. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *name)
{
  GtkWidget *stack[256];
  guint n = 0;

  stack[n++] = root;
  while (n > 0)
    {
      GtkWidget *w = stack[--n];

      if (ADW_IS_COMBO_ROW (w) && g_strcmp0 (gtk_widget_get_name (w), name) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < 256;
           c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }
  return NULL;
}

/* The four font roles of GB/T 9704: a row each, remembered in its key, followed by the
 * export and print (the core's roles). */
static void
test_preferences_fonts (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *window = tb_preferences_window_new (NULL, settings);
  GtkWidget *group = child (window, "fonts_group");
  const char *keys[] = { "font-title", "font-body", "font-heading1", "font-heading2" };
  AdwComboRow *body = NULL;
  GListModel *model;
  g_autofree char *chosen = NULL;
  g_autofree char *automatic = tb_fonts_resolve_role_default (TB_FONT_ROLE_BODY);
  g_autofree char *resolved = NULL;

  tb_font_role_reset_chosen ();
  tb_font_settings_follow (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *row = NULL;

      row = find_row (group, keys[i]);
      g_assert_nonnull (row);
      /* Automatic by default. */
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
      if (i == 1)
        body = ADW_COMBO_ROW (row);
    }

  model = adw_combo_row_get_model (body);
  g_assert_true (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), automatic));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  adw_combo_row_set_selected (body, 1);
  chosen = g_settings_get_string (settings, "font-body");
  g_assert_cmpstr (chosen, ==, gtk_string_list_get_string (GTK_STRING_LIST (model), 1));
  g_assert_cmpstr (tb_font_role_get_chosen (TB_FONT_ROLE_BODY), ==, chosen);
  resolved = tb_fonts_resolve_role (TB_FONT_ROLE_BODY, NULL);
  g_assert_cmpstr (resolved, ==, chosen);

  /* A family set elsewhere (another machine's) is shown and kept. */
  g_settings_set_string (settings, "font-body", "方正仿宋_GBK");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model),
                                               adw_combo_row_get_selected (body)),
                   ==, "方正仿宋_GBK");
  g_assert_cmpstr (tb_font_role_get_official (TB_FONT_ROLE_BODY), ==, "方正仿宋_GBK");

  /* Back to automatic. */
  adw_combo_row_set_selected (body, 0);
  g_free (chosen);
  chosen = g_settings_get_string (settings, "font-body");
  g_assert_cmpstr (chosen, ==, "");
  g_assert_null (tb_font_role_get_chosen (TB_FONT_ROLE_BODY));

  /* Remembered: a new window shows the key. */
  g_settings_set_string (settings, "font-heading2", "LXGW WenKai");
  gtk_window_destroy (GTK_WINDOW (window));
  window = tb_preferences_window_new (NULL, settings);
  {
    AdwComboRow *kai = ADW_COMBO_ROW (find_row (child (window, "fonts_group"), "font-heading2"));

    g_assert_nonnull (kai);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (kai)),
                                                 adw_combo_row_get_selected (kai)),
                     ==, "LXGW WenKai");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  tb_font_role_reset_chosen ();
}

/* The number of open Preferences windows; @last is set to one of them. */
static guint
count_preferences_windows (GtkWindow **last)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (TB_IS_PREFERENCES_WINDOW (w))
        {
          n++;
          if (last != NULL)
            *last = GTK_WINDOW (w);
        }
    }
  return n;
}

static void
test_preferences_present_once (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWindow *window = NULL;

  g_assert_cmpuint (count_preferences_windows (NULL), ==, 0);
  tb_preferences_window_present (GTK_WINDOW (parent));
  tb_preferences_window_present (GTK_WINDOW (parent));
  g_assert_cmpuint (count_preferences_windows (&window), ==, 1);
  g_assert_true (gtk_window_get_transient_for (window) == GTK_WINDOW (parent));
  g_assert_true (gtk_window_get_modal (window));

  /* After it was closed, the action opens a new one. */
  gtk_window_destroy (window);
  g_assert_cmpuint (count_preferences_windows (NULL), ==, 0);
  tb_preferences_window_present (GTK_WINDOW (parent));
  g_assert_cmpuint (count_preferences_windows (NULL), ==, 1);

  /* It closes with its parent. */
  gtk_window_destroy (GTK_WINDOW (parent));
  g_assert_cmpuint (count_preferences_windows (NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);   /* no session bus needed */
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/preferences/autosave", test_preferences_autosave);
  g_test_add_func ("/preferences/agency", test_preferences_agency);
  g_test_add_func ("/preferences/totals", test_preferences_totals);
  g_test_add_func ("/preferences/fonts", test_preferences_fonts);
  g_test_add_func ("/preferences/present-once", test_preferences_present_once);

  return g_test_run ();
}
