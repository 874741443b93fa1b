/* tb-window-carry.c: last year's report in the window, and the breakdown of a summary
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Last year's report (tb-carry.h): a draft that names it gets it attached when the window
 * shows the draft (read in a worker thread), so that the cross-year rules (T3-5, T2-2, texts
 * unchanged) run as the clerk types. A name that leads nowhere is said in a toast whose
 * button lets the clerk find the file; the report opens all the same. The draft keeps the
 * name relative to its folder; Save As to another folder makes it relative to the new one.
 *
 * The breakdown: Combine Reports (tb-combine.h) opens the summary in a window beside a
 * TbCombineWindow. Closing the breakdown only hides it while the summary's window shows the
 * summary; win.show-breakdown (in that window's menu only) brings it back.
 */
#define G_LOG_DOMAIN "tb-window-carry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-carry.h"
#include "tb-file-io.h"
#include "tb-report-chooser.h"
#include "tb-toast.h"
#include "tb-window-private.h"

/* ------------------------------------------------------------------ the notice */

/* Shows @notice in a toast, or takes the toast away (@notice NULL). */
static void
set_notice (TbWindow   *self,
            const char *notice)
{
  AdwToast *toast;

  g_free (self->carry_notice);
  self->carry_notice = g_strdup (notice);
  if (self->carry_toast != NULL)
    {
      toast = self->carry_toast;
      g_clear_weak_pointer (&self->carry_toast);
      adw_toast_dismiss (toast);
    }
  if (notice == NULL)
    return;

  toast = tb_toast_new_plain (notice);
  adw_toast_set_button_label (toast, _("_Find…"));
  adw_toast_set_action_name (toast, "win.attach-previous-report");
  /* Stays until the clerk dismisses it: it matters for every check. */
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&self->carry_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ the breakdown */

/* Whether the window shows the summary of its breakdown (not another report since). */
static gboolean
shows_breakdown_summary (TbWindow *self)
{
  return self->breakdown != NULL && self->document != NULL &&
         tb_combine_window_get_summary (self->breakdown) == tb_window_get_report (self);
}

/* The window shows another report than the summary (its format was changed, say): the
 * breakdown cannot be brought back from here any more; hidden, it goes. */
static void
check_breakdown (TbWindow *self)
{
  TbCombineWindow *breakdown = self->breakdown;

  if (breakdown != NULL && !shows_breakdown_summary (self))
    {
      g_clear_weak_pointer (&self->breakdown);
      gtk_window_set_hide_on_close (GTK_WINDOW (breakdown), FALSE);
      if (!gtk_widget_get_visible (GTK_WIDGET (breakdown)))
        gtk_window_destroy (GTK_WINDOW (breakdown));
    }
}

TbCombineWindow *
tb_window_get_breakdown (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return shows_breakdown_summary (self) ? self->breakdown : NULL;
}

void
tb_window_set_breakdown (TbWindow        *self,
                         TbCombineWindow *breakdown)
{
  g_return_if_fail (TB_IS_WINDOW (self));
  g_set_weak_pointer (&self->breakdown, breakdown);
  tb_window_update_actions (self);
}

/* ------------------------------------------------------------------ attaching last year's */

typedef struct
{
  TbWindow *self;
  TbReport *report;      /* the report it is for */
  char     *reference;   /* as the report names it */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_object_unref (lookup->report);
  g_free (lookup->reference);
  g_free (lookup);
}

static void
on_named_previous_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  Lookup *lookup = data;
  TbWindow *self = lookup->self;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  reports = tb_file_io_load_reports_finish (result, NULL, &error);
  /* The window is gone, or the report or its reference changed meanwhile. */
  if (g_cancellable_is_cancelled (self->cancellable) ||
      lookup->report != tb_window_get_report (self) ||
      g_strcmp0 (lookup->reference, tb_report_get_previous (lookup->report)) != 0 ||
      tb_report_get_previous_report (lookup->report) != NULL)
    {
      lookup_free (lookup);
      return;
    }
  if (reports != NULL)
    {
      set_notice (self, NULL);
      tb_report_set_previous_report (lookup->report, g_ptr_array_index (reports, 0));
      tb_window_recheck (self);
      lookup_free (lookup);
      return;
    }

  /* Short, for a toast: the whole story goes to the log. */
  g_info ("%s", error->message);
  name = g_filename_display_basename (lookup->reference);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = g_strdup_printf (_("Last year's report “%s” was not found: the checks against "
                                 "it are off"),
                               name);
  else
    message = g_strdup_printf (_("Last year's report “%s” could not be read: the checks "
                                 "against it are off"),
                               name);
  set_notice (self, message);
  lookup_free (lookup);
}

void
tb_window_carry_report_set (TbWindow *self)
{
  TbReport *report = tb_window_get_report (self);
  const char *path = tb_window_get_path (self);
  g_autofree char *tried = NULL;
  g_autofree char *file = NULL;
  const char *reference;
  Lookup *lookup;

  check_breakdown (self);
  tb_window_update_actions (self);
  reference = tb_report_get_previous (report);
  if (reference == NULL || *reference == '\0')
    {
      set_notice (self, NULL);
      return;
    }
  if (tb_report_get_previous_report (report) != NULL)
    return;
  /* Once per file: the same report shown again (its format changed) says it only once. */
  tried = g_strconcat (path ? path : "", "\n", reference, NULL);
  if (g_strcmp0 (tried, self->carry_tried) == 0)
    return;
  g_free (self->carry_tried);
  self->carry_tried = g_steal_pointer (&tried);

  file = tb_carry_resolve_reference (path, reference);
  if (file == NULL)
    {
      g_autofree char *name = g_filename_display_basename (reference);
      g_autofree char *message = g_strdup_printf (_("Last year's report “%s” could not be "
                                                    "read: the checks against it are off"),
                                                  name);

      set_notice (self, message);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->report = g_object_ref (report);
  lookup->reference = g_strdup (reference);
  {
    const char *paths[] = { file, NULL };

    tb_file_io_load_reports_async (paths, self->cancellable, on_named_previous_cb, lookup);
  }
}

void
tb_window_carry_before_save_as (TbWindow   *self,
                                const char *path)
{
  TbReport *report = tb_window_get_report (self);
  const char *reference;
  g_autofree char *target = NULL;
  g_autofree char *moved = NULL;

  self->carry_moved = FALSE;
  if (report == NULL)
    return;
  reference = tb_report_get_previous (report);
  target = tb_carry_resolve_reference (tb_window_get_path (self), reference);
  if (target == NULL)
    return;
  moved = tb_carry_make_reference (path, target);
  if (g_strcmp0 (moved, reference) != 0)
    {
      g_free (self->carry_unmoved);
      self->carry_unmoved = g_strdup (reference);
      self->carry_moved = TRUE;
      tb_report_set_previous (report, moved);
    }
}

void
tb_window_carry_save_as_failed (TbWindow *self)
{
  if (!self->carry_moved)
    return;
  self->carry_moved = FALSE;
  if (tb_window_get_report (self) != NULL)
    tb_report_set_previous (tb_window_get_report (self), self->carry_unmoved);
  g_clear_pointer (&self->carry_unmoved, g_free);
}

/* ------------------------------------------------------------------ comparing by hand */

static void
on_chosen_previous_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(GTask) task = data;
  TbWindow *self = g_task_get_source_object (task);
  const char *path = g_task_get_task_data (task);
  TbReport *report = tb_window_get_report (self);
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;
  GError *error = NULL;
  TbReport *previous;
  int year, last_year;

  reports = tb_file_io_load_reports_finish (result, NULL, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      return;
    }
  if (reports == NULL)
    {
      tb_window_show_error (self, _("Could Not Open Last Year's Report"), error->message);
      g_task_return_error (task, error);
      return;
    }
  previous = g_ptr_array_index (reports, 0);
  year = tb_report_get_year (report);
  last_year = tb_report_get_year (previous);
  if (year > 0 && last_year > 0 && last_year != year - 1)
    {
      message = g_strdup_printf (_("“%s” is the report on %d. This report is on %d: compare "
                                   "it with the report on %d."),
                                 name, last_year, year, year - 1);
      tb_window_show_error (self, _("Not Last Year's Report"), message);
      g_task_return_new_error (task, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR, "%s", message);
      return;
    }

  set_notice (self, NULL);
  tb_report_set_previous_report (report, previous);
  reference = tb_carry_make_reference (tb_window_get_path (self), path);
  if (g_strcmp0 (reference, tb_report_get_previous (report)) != 0)
    /* A change of the draft: the window checks again. */
    tb_report_set_previous (report, reference);
  else
    tb_window_recheck (self);

  message = g_strdup_printf (_("Compared with last year's report “%s”"), name);
  tb_window_add_toast (self, message);
  g_task_return_boolean (task, TRUE);
}

void
tb_window_attach_previous_async (TbWindow            *self,
                                 const char          *path,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  const char *paths[] = { path, NULL };
  GTask *task;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->document != NULL);

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_window_attach_previous_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  if (tb_window_get_path (self) != NULL)
    {
      g_autoptr(GFile) a = g_file_new_for_path (path);
      g_autoptr(GFile) b = g_file_new_for_path (tb_window_get_path (self));

      if (g_file_equal (a, b))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *message = g_strdup_printf (_("“%s” is this report itself. Choose "
                                                        "the report of the year before."),
                                                      name);

          tb_window_show_error (self, _("Not Last Year's Report"), message);
          g_task_return_new_error (task, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR, "%s", message);
          g_object_unref (task);
          return;
        }
    }
  tb_file_io_load_reports_async (paths, self->cancellable, on_chosen_previous_cb, task);
}

gboolean
tb_window_attach_previous_finish (TbWindow      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_attach_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TbWindow        *self)
{
  g_autofree char *path = tb_report_chooser_dup_path (chooser, response);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    tb_window_attach_previous_async (self, path, NULL, NULL);
}

void
tb_window_choose_previous (TbWindow *self)
{
  TbReport *report = tb_window_get_report (self);
  g_autofree char *near = NULL;
  GtkFileChooserNative *chooser;

  if (report == NULL)
    return;
  near = tb_carry_resolve_reference (tb_window_get_path (self), tb_report_get_previous (report));
  chooser = tb_report_chooser_new (GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                   _("Last Year's Report"), _("C_ompare"),
                                   near ? near : tb_window_get_path (self));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_attach_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ tb-window-private.h */

void
tb_window_carry_dispose (TbWindow *self)
{
  g_clear_weak_pointer (&self->breakdown);
  g_clear_weak_pointer (&self->carry_toast);
  g_clear_pointer (&self->carry_notice, g_free);
  g_clear_pointer (&self->carry_tried, g_free);
  g_clear_pointer (&self->carry_unmoved, g_free);
}

const char *
tb_window_carry_get_notice (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return self->carry_notice;
}
