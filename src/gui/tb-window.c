/* tb-window.c: the main window, showing one report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page per part of the report in an AdwViewStack, switched from the header bar. The
 * window owns the report's one ::changed handler: it syncs the cell that changed, lets the
 * pages sync the rest, and schedules the rules check. The check runs once per main-loop
 * turn, after the pending input and before the next frame (so a pasted block or a burst
 * of keys is checked once, and highlights never lag a frame behind); it computes the
 * totals, runs tb_rules_check(), derives a TbFormState and applies only what changed.
 */
#define G_LOG_DOMAIN "tb-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cell-entry.h"
#include "tb-form-state.h"
#include "tb-draft.h"
#include "tb-meta-page.h"
#include "tb-report-convert.h"
#include "tb-rules.h"
#include "tb-table-page.h"
#include "tb-text-page.h"
#include "tb-window-carry.h"
#include "tb-window-files.h"
#include "tb-window-private.h"

/* Before GTK paints (GDK_PRIORITY_REDRAW) but after input events. */
#define VALIDATE_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)

G_DEFINE_FINAL_TYPE (TbWindow, tb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  VALIDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_validation (TbWindow *self);

/* ------------------------------------------------------------------ helpers */

static void
update_title (TbWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->report == NULL)
    return;
  if (tb_report_get_agency (self->report) != NULL && *tb_report_get_agency (self->report))
    title = tb_report_dup_title (self->report);
  else
    title = g_strdup_printf (_("New Report for %d"), tb_report_get_year (self->report));
  if (self->path != NULL)
    subtitle = g_filename_display_basename (self->path);
  else
    subtitle = g_strdup (_("Not saved yet"));
  /* Unsaved changes: "• " before the title (tb-window-files.c keeps it up to date). */
  if (tb_report_get_modified (self->report))
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  {
    /* TRANSLATORS: window title: the report's title, then its file name */
    g_autofree char *full = g_strdup_printf (_("%s — %s"), title, subtitle);

    gtk_window_set_title (GTK_WINDOW (self), full);
  }
}

void
tb_window_update_title (TbWindow *self)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  update_title (self);
}

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
  gtk_image_set_from_icon_name (self->issues_icon, icon);
  gtk_label_set_label (self->issues_label, label ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->issues_label), label != NULL);

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
  g_autoptr(GPtrArray) issues = NULL;

  g_clear_handle_id (&self->validate_id, g_source_remove);
  if (self->report == NULL)
    return;

  if (!tb_report_get_manual_totals (self->report))
    {
      self->computing = TRUE;
      tb_rules_compute_totals (self->report);
      self->computing = FALSE;
    }
  issues = tb_rules_check (self->report);
  apply_form_state (self, tb_form_state_new (tb_report_get_format (self->report), issues));
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

static gboolean
convert_cb (gpointer data)
{
  TbWindow *self = data;
  const TbFormat *format;
  g_autoptr(TbReport) converted = NULL;
  g_autoptr(TbReport) old = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  guint dropped = 0;

  self->convert_id = 0;
  if (self->report == NULL)
    return G_SOURCE_REMOVE;
  format = tb_format_for_year (tb_report_get_year (self->report));
  if (format == NULL || format == tb_report_get_format (self->report))
    return G_SOURCE_REMOVE;

  old = g_object_ref (self->report);
  converted = tb_report_convert (old, format, &dropped);
  tb_window_set_report (self, converted, self->path);
  g_set_object (&self->before_convert, old);
  tb_window_update_actions (self);

  if (dropped > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Now in the format %s: %u value has no place in it",
                                            "Now in the format %s: %u values have no place in it",
                                            dropped),
                               tb_format_get_document (format), dropped);
  else
    message = g_strdup_printf (_("Now in the format %s"), tb_format_get_document (format));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-convert");
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------ callbacks */

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

  if (change == TB_REPORT_CHANGE_META || change == TB_REPORT_CHANGE_BULK)
    {
      update_title (self);
      if (self->convert_id == 0 &&
          tb_format_for_year (tb_report_get_year (report)) != NULL &&
          tb_format_for_year (tb_report_get_year (report)) != tb_report_get_format (report))
        self->convert_id = g_idle_add (convert_cb, self);
    }

  /* Totals written by the check itself need no second check. */
  if (!self->computing)
    schedule_validation (self);
}

static void
on_visible_child_cb (TbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  tb_window_pages_visible_changed (self);
  if (self->settings != NULL && name != NULL && self->report != NULL && !self->building)
    g_settings_set_string (self->settings, "last-page", name);
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

/* ------------------------------------------------------------------ overrides */

static void
tb_window_dispose (GObject *object)
{
  TbWindow *self = TB_WINDOW (object);

  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->convert_id, g_source_remove);
  if (self->report != NULL)
    g_clear_signal_handler (&self->changed_id, self->report);
  tb_window_pages_dispose (self);

  tb_window_files_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_WINDOW);

  tb_window_pages_finalize (self);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->form_state, tb_form_state_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->restore_page, g_free);
  g_clear_object (&self->report);
  g_clear_object (&self->before_convert);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tb_window_parent_class)->dispose (object);
}

static void
tb_window_class_init (TbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_window_dispose;

  /**
   * TbWindow::validated:
   *
   * The rules ran and the cells, badges and issues show the result.
   */
  signals[VALIDATED] =
    g_signal_new ("validated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
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
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_issue_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);

  tb_window_class_add_actions (widget_class);
  tb_window_files_class_init (widget_class);
  tb_window_carry_class_init (widget_class);
}

static void
tb_window_init (TbWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
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

  tb_window_init_actions (self);
  tb_window_files_init (self);
}

/* ------------------------------------------------------------------ public */

TbWindow *
tb_window_new (GtkApplication *application)
{
  return g_object_new (TB_TYPE_WINDOW, "application", application, NULL);
}

void
tb_window_set_report (TbWindow   *self,
                      TbReport   *report,
                      const char *path)
{
  gboolean first, same_format;
  g_autoptr(TbReport) keep = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (TB_IS_REPORT (report));

  keep = g_object_ref (report);
  first = self->report == NULL;
  same_format = !first && tb_report_get_format (self->report) == tb_report_get_format (report);

  if (self->report != NULL)
    g_clear_signal_handler (&self->changed_id, self->report);
  g_clear_handle_id (&self->convert_id, g_source_remove);
  g_clear_object (&self->before_convert);
  g_set_object (&self->report, report);
  if (path != self->path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }

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
  self->changed_id = g_signal_connect (report, "changed", G_CALLBACK (on_report_changed_cb), self);

  /* Every cell gets its look anew. */
  g_clear_pointer (&self->form_state, tb_form_state_free);
  for (guint i = 0; i < self->n_cells; i++)
    if (self->cells[i] != NULL)
      tb_cell_entry_sync (TB_CELL_ENTRY (self->cells[i]));
  tb_window_files_report_set (self, report, path);
  /* Last year's report the draft names, for the cross-year rules. */
  tb_window_carry_report_set (self, report, path);
  update_title (self);
  run_validation (self);
}

TbReport *
tb_window_get_report (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->report;
}

const char *
tb_window_get_path (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->path;
}

void
tb_window_new_report (TbWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) - 1;   /* the report is on last year */
  const TbFormat *format = tb_format_for_year (year);
  g_autoptr(TbReport) report = NULL;

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
  tb_window_set_report (self, report, NULL);
}

gboolean
tb_window_open_file (TbWindow   *self,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_basename (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      tb_window_new_report (self);
      {
        /* The document knows the file, so that Save writes there. */
        g_autoptr(TbDocument) document = tb_document_new_for_report (self->report, path);

        tb_window_set_document (self, document);
      }
      message = g_strdup_printf (_("New report: it will be saved as “%s”"), name);
      tb_window_add_toast (self, message);
      return TRUE;
    }

  report = tb_draft_load (path, &error);
  if (report == NULL)
    {
      /* Never bind the empty report to a file that could not be read: saving would
       * overwrite it. */
      tb_window_new_report (self);
      message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
      tb_window_add_toast (self, message);
      return FALSE;
    }
  tb_report_set_modified (report, FALSE);
  tb_window_set_report (self, report, path);
  return TRUE;
}

void
tb_window_add_toast (TbWindow   *self,
                     const char *message)
{
  AdwToast *toast;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ private */

void
tb_window_undo_convert (TbWindow *self)
{
  g_autoptr(TbReport) old = NULL;

  if (self->before_convert == NULL)
    return;
  old = g_steal_pointer (&self->before_convert);
  /* Its year was already moved out of its format's years: bring it back inside. */
  {
    const TbFormat *format = tb_report_get_format (old);
    int year = CLAMP (tb_report_get_year (old), tb_format_get_first_year (format),
                      tb_format_get_last_year (format));

    tb_report_set_year (old, year);
  }
  tb_window_set_report (self, old, self->path);
  tb_window_update_actions (self);
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

void
tb_window_validate_now (TbWindow *self)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  if (self->convert_id != 0)
    {
      g_clear_handle_id (&self->convert_id, g_source_remove);
      convert_cb (self);
    }
  if (self->validate_id != 0)
    run_validation (self);
}

gboolean
tb_window_has_pending_validation (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  return self->validate_id != 0;
}
