/* tb-application.c: the application (one window per report)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `tianbao` opens a new report for last year; `tianbao FILE…` opens each file in a window.
 * With TIANBAO_BENCH_FIRST_FRAME=1 the first window prints the time from
 * TIANBAO_BENCH_START_US (microseconds of the wall clock, set by the caller just before
 * starting the program; else the start of the process) to its first painted frame, then
 * the program quits: build-aux/bench-gui uses it.
 */
#define G_LOG_DOMAIN "tb-application"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>

#include "tb-application.h"
#include "tb-font-settings.h"
#include "tb-ui-font.h"
#include "tb-preferences-window.h"
#include "tb-session.h"
#include "tb-tooltip.h"

struct _TbApplication
{
  AdwApplication parent_instance;

  TbSession     *session;
  GSettings     *settings;          /* followed for the document fonts */
  gint64         start_us;
  gboolean       bench_first_frame;
  gboolean       bench_done;
  gboolean       bench_watching;    /* the first window's first frame is being waited for */
};

G_DEFINE_FINAL_TYPE (TbApplication, tb_application, ADW_TYPE_APPLICATION)

/* ------------------------------------------------------------------ first-frame benchmark */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   TbApplication *self)
{
  if (self->bench_done)
    return;
  self->bench_done = TRUE;
  g_print ("first-frame-ms %.1f\n", (g_get_real_time () - self->start_us) / 1000.0);
  fflush (stdout);
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_realize_cb (GtkWidget     *window,
                      TbApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint_cb), self, 0);
}

/* The first window, whenever it comes (a file given on the command line is read first). */
static void
on_window_added_cb (TbApplication *self,
                    GtkWindow     *window)
{
  if (!self->bench_first_frame || self->bench_watching)
    return;
  self->bench_watching = TRUE;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), self);
  else
    g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realize_cb), self, 0);
}

/* ------------------------------------------------------------------ actions */

static void
tb_application_action_quit (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       data)
{
  /* One window after the other, each asking about unsaved changes; Cancel stops. */
  tb_session_quit (TB_APPLICATION (data)->session);
}

static void
tb_application_action_about (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       data)
{
  GtkApplication *app = data;
  const char *developers[] = { _("The Tianbao authors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Tianbao"),
                         "application-icon", APP_ID,
                         "comments", _("Fill in the annual report on government information disclosure"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "copyright", "© 2026 The Tianbao authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
tb_application_action_preferences (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       data)
{
  tb_preferences_window_present (gtk_application_get_active_window (GTK_APPLICATION (data)));
}

static const GActionEntry app_actions[] = {
  { "preferences", tb_application_action_preferences, NULL, NULL, NULL, { 0 } },
  { "quit", tb_application_action_quit, NULL, NULL, NULL, { 0 } },
  { "about", tb_application_action_about, NULL, NULL, NULL, { 0 } },
};

/* ------------------------------------------------------------------ accessible names */

/* GTK 4.8 names a button with a mnemonic label twice for screen readers: by its accessible
 * label property, which it sets to the label as written ("_Save", "稍后决定(_L)"), and by
 * the label widget it is labelled by ("Save"), joined into "_Save Save". That widget alone
 * names it right; the property is dropped from every such button as it is shown, and from
 * those of a window as the window is (AdwMessageDialog keeps a second, hidden set of
 * response buttons that screen readers list too). */
static void
drop_mnemonic_labels (GtkWidget *widget,
                      gboolean   descend)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  if (descend)
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      drop_mnemonic_labels (child, TRUE);
}

/* GTK 4.8 wraps a tooltip at its narrowest, and Chinese may break after any character:
 * the main menu's tooltip stood as 主/菜/单, one character to a line. Every widget with a
 * tooltip text shows it with its terms whole (tb-tooltip.h; markup stays GTK's), as it is
 * shown or, for a tooltip set later (the date row's "not a date"), when GTK asks for it.
 * Widgets with tooltips of their own making (an entry's icons, a label's links) are left
 * to GTK. */
static void
keep_tooltip_terms (GtkWidget *widget)
{
  static GtkWidgetClass *base;

  if (base == NULL)
    base = g_type_class_peek (GTK_TYPE_WIDGET);
  if (gtk_widget_get_tooltip_text (widget) != NULL &&
      GTK_WIDGET_GET_CLASS (widget)->query_tooltip == base->query_tooltip)
    tb_tooltip_keep_terms (widget);
}

static gboolean
on_widget_map_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  drop_mnemonic_labels (widget, GTK_IS_WINDOW (widget));
  keep_tooltip_terms (widget);
  return TRUE;
}

/* A tooltip given after the widget was shown is caught when GTK first asks for it. */
static gboolean
on_query_tooltip_hook (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               data)
{
  keep_tooltip_terms (g_value_get_object (&values[0]));
  return TRUE;
}

/* ------------------------------------------------------------------ overrides */

static void
tb_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  /* Every keyboard shortcut of the program, once. Application accelerators are handled in
   * the capture phase, before a focused text field sees the key: Ctrl+Z undoes in the
   * report, not in the field, and Ctrl+Page Down leaves a text view. The shortcuts window
   * (ui/help-overlay.ui) lists them by action. */
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.export-pdf", { "<Control><Shift>e", NULL } },
    { "win.copy-table", { "<Control><Shift>c", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.show-issues", { "F8", NULL } },
    { "win.previous-page", { "<Control>Page_Up", "<Control>KP_Page_Up", NULL } },
    { "win.next-page", { "<Control>Page_Down", "<Control>KP_Page_Down", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "combine.find", { "<Control>f", NULL } },
  };

  G_APPLICATION_CLASS (tb_application_parent_class)->startup (app);

  /* The desktop's interface font for the program's own text, where GTK is not told it. */
  g_free (tb_ui_font_follow_desktop (gdk_display_get_default ()));

  /* The fonts chosen in Preferences, for every PDF, print and Word export. */
  TB_APPLICATION (app)->settings = g_settings_new (APP_ID);
  tb_font_settings_follow (TB_APPLICATION (app)->settings);

  {
    /* The signal exists once the class does. */
    gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET);

    g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                on_widget_map_hook, NULL, NULL);
    g_signal_add_emission_hook (g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0,
                                on_query_tooltip_hook, NULL, NULL);
    g_type_class_unref (klass);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);
}

static void
tb_application_activate (GApplication *app)
{
  TbApplication *self = TB_APPLICATION (app);
  TbWindow *window = tb_session_new_window (self->session);

  gtk_window_present (GTK_WINDOW (window));
  /* Reports left unsaved by a crash are offered once. */
  if (!self->bench_first_frame)
    tb_session_offer_recovery (self->session, window);
}

static void
tb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  TbApplication *self = TB_APPLICATION (app);

  /* Each file is read in a worker; its window shows once it is (the reading holds the
   * application meanwhile). */
  tb_session_open_files (self->session, files, n_files);
  if (!self->bench_first_frame)
    tb_session_offer_recovery (self->session, NULL);
}

/* --version is answered here, before the display is opened (it works without one). */
static int
tb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "tianbao", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
tb_application_dispose (GObject *object)
{
  TbApplication *self = TB_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (tb_application_parent_class)->dispose (object);
}

static void
tb_application_class_init (TbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tb_application_dispose;
  app_class->handle_local_options = tb_application_handle_local_options;
  app_class->startup = tb_application_startup;
  app_class->activate = tb_application_activate;
  app_class->open = tb_application_open;
}

static void
tb_application_init (TbApplication *self)
{
  const char *start = g_getenv ("TIANBAO_BENCH_START_US");

  self->start_us = start ? g_ascii_strtoll (start, NULL, 10) : g_get_real_time ();
  self->bench_first_frame = g_strcmp0 (g_getenv ("TIANBAO_BENCH_FIRST_FRAME"), "1") == 0;
  self->session = tb_session_new (GTK_APPLICATION (self));
  g_signal_connect (self, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Show the version"), NULL);
}

/* ------------------------------------------------------------------ public */

TbApplication *
tb_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  /* A benchmark run must not hand its files to a running instance. */
  if (g_strcmp0 (g_getenv ("TIANBAO_BENCH_FIRST_FRAME"), "1") == 0)
    flags |= G_APPLICATION_NON_UNIQUE;
  return g_object_new (TB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
