/* tb-window.c: the main window, showing one report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page per part of the report in an AdwViewStack, switched from the header bar. The
 * window holds its TbDocument and binds to it: a GBindingGroup puts the document's titles
 * on the window and the header, and retargets two GSignalGroups at the document's report
 * and history whenever those change (a year that changes the format gives a new report).
 * The report's one ::changed handler is here: it syncs the cell that changed, lets the
 * pages sync the rest, and schedules the rules check. The check runs once per main-loop
 * turn, after the pending input and before the next frame (so a pasted block or a burst of
 * keys is checked once, and highlights never lag a frame behind); it computes the totals,
 * runs tb_rules_check(), derives a TbFormState and applies only what changed.
 */
#define G_LOG_DOMAIN "tb-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cell-entry.h"
#include "tb-form-state.h"
#include "tb-rules.h"
#include "tb-toast.h"
#include "tb-window-private.h"

/* Before GTK paints (GDK_PRIORITY_REDRAW) but after input events. */
#define VALIDATE_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)

G_DEFINE_FINAL_TYPE (TbWindow, tb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  VALIDATED,
  OPEN_FILE,
  CLOSE_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ the rules check */

static void
update_issues_button (TbWindow *self)
{
  const TbFormState *state = self->form_state;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  const char *icon = "emblem-ok-symbolic";

  if (state == NULL)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->issues_button), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->issues_button), "warning");
  if (state->total.n_errors > 0)
    {
      icon = "dialog-error-symbolic";
      label = g_strdup_printf ("%u", state->total.n_errors);
      gtk_widget_add_css_class (GTK_WIDGET (self->issues_button), "error");
    }
  else if (state->total.n_warnings > 0)
    {
      icon = "dialog-warning-symbolic";
      label = g_strdup_printf ("%u", state->total.n_warnings);
      gtk_widget_add_css_class (GTK_WIDGET (self->issues_button), "warning");
    }
  else if (state->total.n_incomplete > 0)
    {
      icon = "document-edit-symbolic";
      label = g_strdup_printf ("%u", state->total.n_incomplete);
    }
  else
    /* Said in words, not only by a tick. */
    label = g_strdup (_("No problems"));
  gtk_image_set_from_icon_name (self->issues_icon, icon);
  gtk_label_set_label (self->issues_label, label);

  tooltip = g_strdup_printf (_("Problems: %u errors, %u warnings, %u not filled yet"),
                             state->total.n_errors, state->total.n_warnings,
                             state->total.n_incomplete);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->issues_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->issues_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
apply_form_state (TbWindow    *self,
                  TbFormState *state)
{
  for (guint i = 0; i < self->n_cells && i < state->n_cells; i++)
    {
      if (self->cells[i] == NULL || tb_form_state_cell_equal (self->form_state, state, i))
        continue;
      tb_cell_entry_set_mark (TB_CELL_ENTRY (self->cells[i]), state->marks[i],
                              state->tooltips[i]);
    }

  tb_window_pages_update_badges (self, state);

  g_clear_pointer (&self->form_state, tb_form_state_free);
  self->form_state = state;
  update_issues_button (self);
}

static void
run_validation (TbWindow *self)
{
  TbReport *report = tb_window_get_report (self);
  g_autoptr(GPtrArray) issues = NULL;

  g_clear_handle_id (&self->validate_id, g_source_remove);
  if (report == NULL)
    return;

  if (!tb_report_get_manual_totals (report))
    {
      self->computing = TRUE;
      tb_rules_compute_totals (report);
      self->computing = FALSE;
    }
  issues = tb_rules_check (report);
  apply_form_state (self, tb_form_state_new (tb_report_get_format (report), issues));
  tb_issues_panel_set_issues (self->issues_panel, issues);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->issues = g_steal_pointer (&issues);
  tb_window_update_actions (self);
  g_signal_emit (self, signals[VALIDATED], 0);
}

static gboolean
validate_cb (gpointer data)
{
  TbWindow *self = data;

  self->validate_id = 0;
  run_validation (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_validation (TbWindow *self)
{
  if (self->validate_id == 0)
    self->validate_id = g_idle_add_full (VALIDATE_PRIORITY, validate_cb, self, NULL);
}

/* ------------------------------------------------------------------ the report shown */

/* The document is new, or its report is (another format): the pages, the issues and every
 * cell's look follow. */
static void
show_report (TbWindow *self)
{
  TbReport *report = tb_window_get_report (self);
  const TbFormat *format = tb_report_get_format (report);
  gboolean first = self->format == NULL;
  gboolean same_format = self->format == format;

  self->format = format;
  g_clear_handle_id (&self->convert_id, g_source_remove);
  tb_window_pages_set_report (self, first, same_format);

  if (first && self->restore_page != NULL &&
      adw_view_stack_get_child_by_name (self->view_stack, self->restore_page) != NULL)
    {
      self->building = TRUE;
      adw_view_stack_set_visible_child_name (self->view_stack, self->restore_page);
      self->building = FALSE;
      tb_window_pages_visible_changed (self);
    }
  g_clear_pointer (&self->restore_page, g_free);

  tb_issues_panel_set_report (self->issues_panel, report);

  /* Every cell gets its look anew. */
  g_clear_pointer (&self->form_state, tb_form_state_free);
  for (guint i = 0; i < self->n_cells; i++)
    if (self->cells[i] != NULL)
      tb_cell_entry_sync (TB_CELL_ENTRY (self->cells[i]));
  /* Last year's report the draft names, for the cross-year rules. */
  tb_window_carry_report_set (self);
  run_validation (self);
}

/* ------------------------------------------------------------------ document signals */

static void
on_report_changed_cb (TbReport       *report,
                      TbReportChange  change,
                      const char     *id,
                      TbWindow       *self)
{
  if (change == TB_REPORT_CHANGE_CELL && id != NULL)
    {
      const TbCellSpec *spec = tb_format_find_cell (tb_report_get_format (report), id);

      if (spec != NULL && spec->index < self->n_cells && self->cells[spec->index] != NULL)
        tb_cell_entry_sync (TB_CELL_ENTRY (self->cells[spec->index]));
    }
  else if (change == TB_REPORT_CHANGE_BULK || change == TB_REPORT_CHANGE_SETTINGS)
    {
      for (guint i = 0; i < self->n_cells; i++)
        if (self->cells[i] != NULL)
          tb_cell_entry_sync (TB_CELL_ENTRY (self->cells[i]));
    }

  tb_window_pages_sync (self, change, id);

  /* A year of another format: the report moves into that format once the year is typed. */
  if (change == TB_REPORT_CHANGE_META || change == TB_REPORT_CHANGE_BULK)
    tb_window_convert_soon (self);

  /* Totals written by the check itself need no second check. */
  if (!self->computing)
    schedule_validation (self);
}

static void
on_history_applied_cb (TbHistory      *history,
                       TbReportChange  change,
                       const char     *id,
                       TbWindow       *self)
{
  const TbFormat *format = self->format;

  if (format == NULL || id == NULL)
    return;
  /* Show the clerk what the undo or redo changed. */
  if (change == TB_REPORT_CHANGE_CELL)
    {
      const TbCellSpec *spec = tb_format_find_cell (format, id);

      if (spec != NULL)
        tb_window_show_section (self, spec->section, spec->index);
    }
  else if (change == TB_REPORT_CHANGE_TEXT)
    {
      const TbSectionSpec *spec = tb_format_find_section (format, id);

      if (spec != NULL)
        tb_window_show_section (self, spec->index, -1);
    }
  else if (change == TB_REPORT_CHANGE_META)
    tb_window_show_section (self, -1, -1);
}

static void
on_autosave_failed_cb (TbDocument   *document,
                       const GError *error,
                       TbWindow     *self)
{
  g_autofree char *message = NULL;

  /* Once per document: the clerk can still save; repeating it at every change would nag. */
  if (self->autosave_warned)
    return;
  self->autosave_warned = TRUE;
  message = g_strdup_printf (_("No recovery copy could be kept: %s Save your report to keep "
                               "your changes."),
                             error->message);
  tb_window_add_toast (self, message);
}

/* ------------------------------------------------------------------ template callbacks */

static void
on_visible_child_cb (TbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  tb_window_pages_visible_changed (self);
  /* Copy Table copies the table shown. */
  tb_window_update_actions (self);
  if (self->settings != NULL && name != NULL && self->document != NULL && !self->building)
    g_settings_set_string (self->settings, "last-page", name);
}

/* The main menu's popover is made the first time it is opened (or F10 pressed): its
 * twenty-odd items are not needed to show the window. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       data)
{
  TbWindow *self = data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
on_title_visible_cb (TbWindow *self)
{
  /* The bottom switcher is only needed when the header's does not fit: its buttons are
   * made then, not at start-up. */
  if (adw_view_switcher_title_get_title_visible (self->switcher_title) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

static void
on_issue_activated_cb (TbWindow *self,
                       int       section,
                       int       cell)
{
  gtk_popover_popdown (self->issues_popover);
  tb_window_show_section (self, section, cell);
}

static gboolean
on_close_request_cb (TbWindow *self)
{
  int width, height;

  /* Unsaved changes: the clerk is asked first. */
  if (tb_window_files_close_request (self))
    return TRUE;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (GTK_WINDOW (self)));
      if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------ GObject */

static void
tb_window_dispose (GObject *object)
{
  TbWindow *self = TB_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->convert_id, g_source_remove);
  if (self->document_bindings != NULL)
    g_binding_group_set_source (self->document_bindings, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  tb_window_pages_dispose (self);
  tb_window_files_dispose (self);
  tb_window_carry_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_WINDOW);

  tb_window_pages_finalize (self);
  g_clear_object (&self->document_bindings);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->report_signals);
  g_clear_object (&self->history_signals);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->form_state, tb_form_state_free);
  g_clear_pointer (&self->restore_page, g_free);
  g_clear_object (&self->document);
  g_clear_object (&self->before_convert);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tb_window_parent_class)->dispose (object);
}

static void
tb_window_finalize (GObject *object)
{
  TbWindow *self = TB_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->export_test_path, g_free);
  G_OBJECT_CLASS (tb_window_parent_class)->finalize (object);
}

static void
tb_window_class_init (TbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_window_dispose;
  object_class->finalize = tb_window_finalize;

  /**
   * TbWindow::validated:
   *
   * The rules ran and the cells, badges and issues show the result.
   */
  signals[VALIDATED] =
    g_signal_new ("validated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TbWindow::open-file:
   * @path: the file
   *
   * The clerk asked this window to open @path (Open, Open Recent, a file dropped on it).
   */
  signals[OPEN_FILE] =
    g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TbWindow::close-cancelled:
   *
   * Asked to close, the window stays open: the clerk cancelled, or saving failed.
   */
  signals[CLOSE_CANCELLED] =
    g_signal_new ("close-cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TB_TYPE_ISSUES_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, issues_button);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, issues_icon);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, issues_label);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, issues_popover);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, issues_panel);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_issue_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);

  tb_window_class_add_actions (widget_class);
  tb_window_class_add_import (widget_class);
}

static void
bind_document (TbWindow *self)
{
  self->document_bindings = g_binding_group_new ();
  self->document_signals = g_signal_group_new (TB_TYPE_DOCUMENT);
  self->report_signals = g_signal_group_new (TB_TYPE_REPORT);
  self->history_signals = g_signal_group_new (TB_TYPE_HISTORY);

  /* The document's title is the window's; its heading and file name are the header's. */
  g_binding_group_bind (self->document_bindings, "title", self, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->document_bindings, "heading", self->switcher_title, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->document_bindings, "display-name", self->switcher_title,
                        "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->document_bindings, "report", self->report_signals, "target",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->document_bindings, "history", self->history_signals, "target",
                        G_BINDING_SYNC_CREATE);

  g_signal_group_connect_object (self->document_signals, "notify::report",
                                 G_CALLBACK (show_report), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::saving",
                                 G_CALLBACK (tb_window_update_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "autosave-failed",
                                 G_CALLBACK (on_autosave_failed_cb), self, 0);
  g_signal_group_connect_object (self->report_signals, "changed",
                                 G_CALLBACK (on_report_changed_cb), self, 0);
  g_signal_group_connect_object (self->history_signals, "notify::can-undo",
                                 G_CALLBACK (tb_window_update_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::can-redo",
                                 G_CALLBACK (tb_window_update_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "applied",
                                 G_CALLBACK (on_history_applied_cb), self, 0);
}

/* libadwaita makes the wide switcher's buttons all as wide as the widest (7 × "三、Applications"
 * is 1200 px), so it gave way to the narrow icon-over-label one in a 1280 px window where
 * the buttons at their own widths fit. Its buttons sit in a GtkBoxLayout: let each take
 * its own width. (Left as it is should a later libadwaita lay them out differently.) */
static void
let_wide_switcher_fit (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_VIEW_SWITCHER (c))
        {
          GtkLayoutManager *layout = gtk_widget_get_layout_manager (c);

          if (adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (c)) == ADW_VIEW_SWITCHER_POLICY_WIDE &&
              GTK_IS_BOX_LAYOUT (layout))
            gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
        }
      else
        let_wide_switcher_fit (c);
    }
}

static void
tb_window_init (TbWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu_cb, self, NULL);
  let_wide_switcher_fit (GTK_WIDGET (self->switcher_title));
  self->cancellable = g_cancellable_new ();
  bind_document (self);
  tb_window_pages_init (self);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      /* Read now: adding the pages changes the visible page, which is saved. */
      self->restore_page = g_settings_get_string (self->settings, "last-page");
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    {
      g_info ("Settings schema %s not installed: window size and page are not kept", APP_ID);
      gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
    }

  tb_window_files_init (self);
  tb_window_update_actions (self);
}

/* ------------------------------------------------------------------ public */

TbWindow *
tb_window_new (GtkApplication *application)
{
  return g_object_new (TB_TYPE_WINDOW, "application", application, NULL);
}

TbDocument *
tb_window_get_document (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->document;
}

void
tb_window_set_document (TbWindow   *self,
                        TbDocument *document)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (TB_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  g_set_object (&self->document, document);
  g_clear_object (&self->before_convert);
  self->autosave_warned = FALSE;
  g_binding_group_set_source (self->document_bindings, document);
  g_signal_group_set_target (self->document_signals, document);
  tb_window_files_document_set (self);
  tb_window_import_document_set (self);
  show_report (self);
  tb_window_offer_conversion (self);
}

TbWindow *
tb_window_show_document (TbWindow   *self,
                         TbDocument *document)
{
  TbWindow *window = self;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (TB_IS_DOCUMENT (document), NULL);

  if (!tb_window_is_pristine (self))
    window = tb_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  tb_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

gboolean
tb_window_is_pristine (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);

  if (self->document == NULL)
    return self->dialog == NULL;
  return tb_document_get_path (self->document) == NULL &&
         !tb_document_get_modified (self->document) &&
         !tb_history_get_can_undo (tb_document_get_history (self->document)) &&
         self->dialog == NULL;
}

void
tb_window_new_report (TbWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) - 1;   /* the report is on last year */
  const TbFormat *format = tb_format_for_year (year);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbDocument) document = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));

  if (format == NULL)
    format = tb_format_get ("2021");
  report = tb_report_new (format);
  tb_report_freeze (report);
  tb_report_set_year (report, year);
  if (self->settings != NULL)
    {
      g_autofree char *agency = g_settings_get_string (self->settings, "default-agency");

      if (*agency != '\0')
        tb_report_set_agency (report, agency);
      tb_report_set_manual_totals (report,
                                   g_settings_get_boolean (self->settings, "manual-totals"));
    }
  tb_report_thaw (report);
  tb_report_set_modified (report, FALSE);
  document = tb_document_new_for_report (report, NULL);
  tb_window_set_document (self, document);
}

void
tb_window_add_toast (TbWindow   *self,
                     const char *message)
{
  AdwToast *toast;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = tb_toast_new_plain (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ tb-window-private.h */

TbReport *
tb_window_get_report (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->document ? tb_document_get_report (self->document) : NULL;
}

const char *
tb_window_get_path (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->document ? tb_document_get_path (self->document) : NULL;
}

void
tb_window_emit_open_file (TbWindow   *self,
                          const char *path)
{
  g_signal_emit (self, signals[OPEN_FILE], 0, path);
}

void
tb_window_emit_close_cancelled (TbWindow *self)
{
  g_signal_emit (self, signals[CLOSE_CANCELLED], 0);
}

void
tb_window_recheck (TbWindow *self)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  schedule_validation (self);
}

const char *
tb_window_get_visible_page (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

TbIssuesPanel *
tb_window_get_issues_panel (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->issues_panel;
}

const TbFormState *
tb_window_get_form_state (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->form_state;
}

GPtrArray *
tb_window_get_issues (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->issues;
}

void
tb_window_validate_now (TbWindow *self)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  if (self->convert_id != 0)
    tb_window_convert_now (self);
  if (self->validate_id != 0)
    run_validation (self);
}

gboolean
tb_window_has_pending_validation (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  return self->validate_id != 0;
}
