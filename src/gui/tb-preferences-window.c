/* tb-preferences-window.c: the Preferences window (autosave delay, default agency, totals)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to a key of the io.github.tianbao.Tianbao schema, so a change applies at
 * once and there is no Apply button. The agency and the totals setting are only defaults
 * for new reports: a saved report keeps its own.
 */
#define G_LOG_DOMAIN "tb-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-field-limit.h"
#include "tb-preferences-window-private.h"

/* ------------------------------------------------------------------ struct */

struct _TbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwEntryRow          *agency_row;
  GtkSwitch            *totals_switch;
  GtkSpinButton        *autosave_spin;
  GtkAdjustment        *autosave_adjustment;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (TbPreferencesWindow, tb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ helpers */

static void
bind_settings (TbPreferencesWindow *self)
{
  g_settings_bind (self->settings, "default-agency",
                   self->agency_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  /* The switch says "compute", the key says "by hand". */
  g_settings_bind (self->settings, "manual-totals",
                   self->totals_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (self->settings, "autosave-interval",
                   self->autosave_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* ------------------------------------------------------------------ GObject */

static void
tb_preferences_window_constructed (GObject *object)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (tb_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  bind_settings (self);
}

static void
tb_preferences_window_dispose (GObject *object)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tb_preferences_window_parent_class)->dispose (object);
}

static void
tb_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_preferences_window_class_init (TbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tb_preferences_window_constructed;
  object_class->dispose = tb_preferences_window_dispose;
  object_class->get_property = tb_preferences_window_get_property;
  object_class->set_property = tb_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, agency_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, totals_switch);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow,
                                        autosave_adjustment);
}

static void
tb_preferences_window_init (TbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tb_field_limit_editable (GTK_EDITABLE (self->agency_row), TB_FIELD_AGENCY);
}

/* ------------------------------------------------------------------ public */

/**
 * tb_preferences_window_new:
 * @parent: (nullable): the window the Preferences belong to
 * @settings: (nullable): the io.github.tianbao.Tianbao settings; NULL for the default ones
 *
 * Returns: (transfer floating): a new modal Preferences window
 */
GtkWidget *
tb_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

/**
 * tb_preferences_window_get_settings:
 *
 * Returns: (transfer none): the settings the rows are bound to
 */
GSettings *
tb_preferences_window_get_settings (TbPreferencesWindow *self)
{
  g_return_val_if_fail (TB_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}

/**
 * tb_preferences_window_present:
 * @parent: (nullable): the active window
 *
 * Presents the Preferences window of @parent; a second activation of app.preferences raises
 * the open window instead of stacking another one.
 */
void
tb_preferences_window_present (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *window = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  /* The one open over @parent, if any: it is found, not remembered. */
  for (guint i = 0; window == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (TB_IS_PREFERENCES_WINDOW (toplevel) &&
          gtk_window_get_transient_for (toplevel) == parent)
        window = GTK_WIDGET (toplevel);
    }
  if (window == NULL)
    window = tb_preferences_window_new (parent, NULL);
  gtk_window_present (GTK_WINDOW (window));
}
