/* tb-window-actions.c: every win.* action of the main window and their enabled state
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Installed here and nowhere else; their keyboard shortcuts are the application's
 * (tb-application.c), listed in the shortcuts window (ui/help-overlay.ui). Most hand the
 * work to the file of the window it belongs to; New Report and Combine Reports are classes
 * of their own (tb-new-report-dialog.c, tb-combine.c), and what they make is shown here.
 */
#define G_LOG_DOMAIN "tb-window-actions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine.h"
#include "tb-new-report-dialog.h"
#include "tb-table-page.h"
#include "tb-window-private.h"

/* ------------------------------------------------------------------ New Report */

static void
on_new_response_cb (TbNewReportDialog *dialog,
                    const char        *response,
                    TbWindow          *self)
{
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  gboolean manual_totals;
  TbWindow *window;

  if (!g_str_equal (response, "create"))
    return;
  manual_totals = self->settings != NULL &&
                  g_settings_get_boolean (self->settings, "manual-totals");
  document = tb_new_report_dialog_create_document (dialog, manual_totals, &notice, &error);
  if (document == NULL)
    {
      tb_window_show_error (self, _("Could Not Start from Last Year's Report"),
                            error->message);
      return;
    }
  window = tb_window_show_document (self, document);
  if (notice != NULL)
    tb_window_add_toast (window, notice);
}

static void
tb_window_action_new (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autofree char *agency = NULL;
  TbNewReportDialog *dialog;

  if (self->settings != NULL)
    agency = g_settings_get_string (self->settings, "default-agency");
  dialog = tb_new_report_dialog_new (GTK_WINDOW (self), agency);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ Combine Reports */

static void
on_combined_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(TbWindow) self = data;
  g_autoptr(TbCombination) combination = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TbCombineWindow *breakdown;
  TbWindow *window;
  guint n_inputs;

  combination = tb_combine_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (combination == NULL)
    {
      tb_window_show_error (self, _("Could Not Combine the Reports"), error->message);
      return;
    }

  window = tb_window_show_document (self, combination->summary);
  breakdown = tb_combine_window_new (gtk_window_get_application (GTK_WINDOW (self)),
                                     g_steal_pointer (&combination->merge),
                                     combination->inputs,
                                     tb_document_get_report (combination->summary),
                                     combination->notes, GTK_WINDOW (window));
  tb_window_set_breakdown (window, breakdown);
  gtk_window_present (GTK_WINDOW (breakdown));

  n_inputs = g_list_model_get_n_items (tb_combine_window_get_inputs (breakdown));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The summary of %u report: its texts are yours to "
                                          "write. The breakdown by agency is in its own window.",
                                          "The summary of %u reports: its texts are yours to "
                                          "write. The breakdown by agency is in its own window.",
                                          n_inputs),
                             n_inputs);
  tb_window_add_toast (window, message);
}

void
tb_window_combine_paths (TbWindow          *self,
                         const char *const *paths)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  tb_combine_reports_async (GTK_WINDOW (self), paths, self->cancellable, on_combined_cb,
                            g_object_ref (self));
}

static void
tb_window_action_combine (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);

  tb_combine_choose_async (GTK_WINDOW (self), tb_window_get_path (self), self->cancellable,
                           on_combined_cb, g_object_ref (self));
}

static void
tb_window_action_show_breakdown (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TbCombineWindow *breakdown = tb_window_get_breakdown (TB_WINDOW (widget));

  if (breakdown != NULL)
    gtk_window_present (GTK_WINDOW (breakdown));
}

/* ------------------------------------------------------------------ files */

static void
tb_window_action_open (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  tb_window_choose_files (TB_WINDOW (widget));
}

static void
tb_window_action_import (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  tb_window_choose_import (TB_WINDOW (widget));
}

static void
tb_window_action_open_recent (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autofree char *path = g_filename_from_uri (g_variant_get_string (parameter, NULL), NULL,
                                               NULL);

  if (path != NULL)
    tb_window_emit_open_file (TB_WINDOW (widget), path);
}

/* win.save and win.save-as. */
static void
tb_window_action_save (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  /* Save asks for a file when there is none; failures are shown in a dialog. */
  tb_window_save (TB_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

/* win.undo and win.redo. */
static void
tb_window_action_history (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  TbHistory *history;

  if (self->document == NULL)
    return;
  history = tb_document_get_history (self->document);
  if (g_str_equal (action_name, "win.undo"))
    tb_history_undo (history);
  else
    tb_history_redo (history);
}

static void
tb_window_action_attach_previous (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  tb_window_choose_previous (TB_WINDOW (widget));
}

static void
tb_window_action_undo_convert (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  tb_window_undo_convert (TB_WINDOW (widget));
}

static void
tb_window_action_convert_format (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  tb_window_convert_now (TB_WINDOW (widget));
}

/* win.export-pdf, win.export-html and win.export-docx. */
static void
tb_window_action_export (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TbExportFormat format = g_str_equal (action_name, "win.export-html") ? TB_EXPORT_HTML
                          : g_str_equal (action_name, "win.export-docx") ? TB_EXPORT_DOCX
                          : TB_EXPORT_PDF;

  tb_window_export (TB_WINDOW (widget), format);
}

/* The toast of a finished export: its file's URI. */
static void
tb_window_action_open_export (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  tb_window_open_export (TB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The page shown if it is a table's. */
static TbTablePage *
visible_table_page (TbWindow *self)
{
  const char *name = tb_window_get_visible_page (self);

  if (self->document == NULL || name == NULL || !tb_window_is_page_built (self, name))
    return NULL;
  return TB_IS_TABLE_PAGE (tb_window_get_page (self, name))
         ? TB_TABLE_PAGE (tb_window_get_page (self, name)) : NULL;
}

static void
tb_window_action_copy_table (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  TbTablePage *page = visible_table_page (self);

  if (page == NULL)
    return;
  tb_table_page_copy (page);
  tb_window_add_toast (self, _("Table copied: it pastes as a table into a web editor, WPS, "
                               "Excel or LibreOffice"));
}

static void
tb_window_action_print (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  tb_window_print (TB_WINDOW (widget));
}

/* ------------------------------------------------------------------ the window */

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

/* The shortcuts window is made the first time it is asked for. At gtk/help-overlay.ui
 * GtkApplication would build it with every window, before the window is shown: a twentieth
 * of the time to the first frame, for a window few open. */
static void
tb_window_action_show_help_overlay (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE
                                                                     "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* ------------------------------------------------------------------ tb-window-private.h */

void
tb_window_class_add_actions (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char                  *name;
    const char                  *parameter_type;
    GtkWidgetActionActivateFunc  activate;
  } actions[] = {
    { "win.new", NULL, tb_window_action_new },
    { "win.open", NULL, tb_window_action_open },
    { "win.import", NULL, tb_window_action_import },
    { "win.open-recent", "s", tb_window_action_open_recent },
    { "win.combine-reports", NULL, tb_window_action_combine },
    { "win.show-breakdown", NULL, tb_window_action_show_breakdown },
    { "win.attach-previous-report", NULL, tb_window_action_attach_previous },
    { "win.save", NULL, tb_window_action_save },
    { "win.save-as", NULL, tb_window_action_save },
    { "win.export-pdf", NULL, tb_window_action_export },
    { "win.export-html", NULL, tb_window_action_export },
    { "win.export-docx", NULL, tb_window_action_export },
    { "win.open-export", "s", tb_window_action_open_export },
    { "win.copy-table", NULL, tb_window_action_copy_table },
    { "win.print", NULL, tb_window_action_print },
    { "win.undo", NULL, tb_window_action_history },
    { "win.redo", NULL, tb_window_action_history },
    { "win.undo-convert", NULL, tb_window_action_undo_convert },
    { "win.convert-format", NULL, tb_window_action_convert_format },
    { "win.show-issues", NULL, tb_window_action_show_issues },
    { "win.previous-page", NULL, tb_window_action_switch_page },
    { "win.next-page", NULL, tb_window_action_switch_page },
    { "win.toast", "s", tb_window_action_toast },
    { "win.show-help-overlay", NULL, tb_window_action_show_help_overlay },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter_type,
                                     actions[i].activate);
}

void
tb_window_update_actions (TbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  TbDocument *document = self->document;
  TbHistory *history = document ? tb_document_get_history (document) : NULL;
  gboolean saving = document != NULL && tb_document_get_saving (document);

  g_return_if_fail (TB_IS_WINDOW (self));

  gtk_widget_action_set_enabled (widget, "win.save", document != NULL && !saving);
  gtk_widget_action_set_enabled (widget, "win.save-as", document != NULL && !saving);
  gtk_widget_action_set_enabled (widget, "win.export-pdf", document != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-html", document != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-docx", document != NULL);
  gtk_widget_action_set_enabled (widget, "win.copy-table", visible_table_page (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.print", document != NULL);
  gtk_widget_action_set_enabled (widget, "win.attach-previous-report", document != NULL);
  gtk_widget_action_set_enabled (widget, "win.undo",
                                 history != NULL && tb_history_get_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 history != NULL && tb_history_get_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.undo-convert", self->before_convert != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-breakdown",
                                 tb_window_get_breakdown (self) != NULL);
}
