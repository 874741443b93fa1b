/* tb-window-actions.c: the win.* actions of the main window and their enabled state
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-window-actions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-draft.h"
#include "tb-window-files.h"
#include "tb-window-private.h"

/* ------------------------------------------------------------------ actions */

/* win.save and win.save-as. */
static void
tb_window_action_save (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  /* Save asks for a file when there is none; failures are shown in a dialog. */
  tb_window_files_save (TB_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

static void
tb_window_action_toast (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  tb_window_add_toast (TB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* win.previous-page and win.next-page. */
static void
tb_window_action_switch_page (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  tb_window_switch_page (TB_WINDOW (widget), g_str_equal (action_name, "win.next-page") ? 1 : -1);
}

static void
tb_window_action_show_issues (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  gtk_menu_button_popup (TB_WINDOW (widget)->issues_button);
}

static void
tb_window_action_undo_convert (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  tb_window_undo_convert (TB_WINDOW (widget));
}

/* ------------------------------------------------------------------ private API */

gboolean
tb_window_save (TbWindow *self,
                GError  **error)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);

  if (self->report == NULL || tb_window_get_document (self) == NULL)
    return TRUE;
  /* Through the document: it refuses to overwrite a file changed by another program and
   * removes the recovery copy once saved. */
  if (!tb_document_save (tb_window_get_document (self), TB_DOCUMENT_SAVE_NONE, error))
    return FALSE;
  tb_window_update_title (self);
  tb_window_update_actions (self);
  return TRUE;
}

void
tb_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, tb_window_action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, tb_window_action_save);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", tb_window_action_toast);
  tb_window_print_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.previous-page", NULL,
                                   tb_window_action_switch_page);
  gtk_widget_class_install_action (widget_class, "win.next-page", NULL,
                                   tb_window_action_switch_page);
  gtk_widget_class_install_action (widget_class, "win.show-issues", NULL,
                                   tb_window_action_show_issues);
  gtk_widget_class_install_action (widget_class, "win.undo-convert", NULL,
                                   tb_window_action_undo_convert);
}

void
tb_window_init_actions (TbWindow *self)
{
  static const struct
  {
    guint       keyval;
    const char *action;
  } keys[] = {
    { GDK_KEY_Page_Up, "win.previous-page" },
    { GDK_KEY_Page_Down, "win.next-page" },
    { GDK_KEY_KP_Page_Up, "win.previous-page" },
    { GDK_KEY_KP_Page_Down, "win.next-page" },
  };
  GtkEventController *controller;

  /* In the capture phase: a text view would otherwise take Ctrl+Page Up/Down. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcutTrigger *trigger = gtk_keyval_trigger_new (keys[i].keyval, GDK_CONTROL_MASK);
      GtkShortcutAction *action = gtk_named_action_new (keys[i].action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, action));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  tb_window_update_actions (self);
}

void
tb_window_update_actions (TbWindow *self)
{
  g_return_if_fail (TB_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-convert",
                                 self->before_convert != NULL);
}
