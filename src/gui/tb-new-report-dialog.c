/* tb-new-report-dialog.c: New Report: agency, year and, if wanted, last year's report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-new-report-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-carry.h"
#include "tb-field-limit.h"
#include "tb-file-guard.h"
#include "tb-file-io.h"
#include "tb-import.h"
#include "tb-new-report-dialog.h"
#include "tb-report-chooser.h"

struct _TbNewReportDialog
{
  AdwMessageDialog      parent_instance;

  /* template */
  GtkEntry             *agency;
  GtkSpinButton        *year;
  GtkLabel             *format_label;
  GtkButton            *previous_button;
  GtkLabel             *previous_label;
  GtkButton            *clear_button;
  GtkCheckButton       *texts_check;
  GtkLabel             *status_label;

  TbReport             *previous;      /* last year's report, or NULL */
  char                 *previous_path; /* its file, canonical */
  gboolean              previous_imported; /* a published report, imported: no draft to
                                              name as last year's */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;   /* reading last year's report */
};

G_DEFINE_FINAL_TYPE (TbNewReportDialog, tb_new_report_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* ------------------------------------------------------------------ helpers */

static void
set_status (TbNewReportDialog *self,
            const char        *text,
            gboolean           error)
{
  gtk_label_set_label (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_format (TbNewReportDialog *self)
{
  const TbFormat *format = tb_format_for_year (gtk_spin_button_get_value_as_int (self->year));
  g_autofree char *text = NULL;

  if (format != NULL)
    /* TRANSLATORS: %s is the official document number of the report format */
    text = g_strdup_printf (_("Format: %s"), tb_format_get_document (format));
  gtk_label_set_label (self->format_label, text ? text : "");
}

/* What starting from last year's report will do for the year chosen now. */
static void
update_previous (TbNewReportDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year);
  int last_year;
  g_autoptr(TbReport) trial = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) status = NULL;
  g_autofree char *name = NULL;
  guint n_filled;

  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), self->previous != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->texts_check), self->previous != NULL);
  if (self->previous == NULL)
    {
      gtk_label_set_label (self->previous_label, _("Start from Last Year's Report…"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->previous_button),
                                   _("Carry last year's figures and the agency over into the new "
                                     "report, and check this year's against it"));
      set_status (self, NULL, FALSE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", TRUE);
      return;
    }

  name = g_filename_display_basename (self->previous_path);
  gtk_label_set_label (self->previous_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->previous_button), self->previous_path);

  last_year = tb_report_get_year (self->previous);
  trial = tb_carry_new_from_previous (self->previous, year, TB_CARRY_NONE, &error);
  if (trial == NULL)
    {
      if (g_error_matches (error, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR))
        {
          g_autofree char *text = g_strdup_printf (_("Last year's report is on %d: the new "
                                                     "report must be on %d."),
                                                   last_year, last_year + 1);

          set_status (self, text, TRUE);
        }
      else
        set_status (self, error->message, TRUE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", FALSE);
      return;
    }

  status = g_string_new (NULL);
  n_filled = tb_report_count_filled (trial);
  if (n_filled > 0)
    {
      g_autofree char *carried = tb_carry_describe (tb_report_get_format (trial));

      g_string_append_printf (status,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u figure is carried over (%s); the new report "
                                           "is checked against last year's.",
                                           "%u figures are carried over (%s); the new "
                                           "report is checked against last year's.",
                                           n_filled),
                              n_filled, carried);
    }
  else
    {
      g_autofree char *sources = tb_carry_join_sources (tb_report_get_format (trial));

      g_string_append_printf (status, _("Its %s is not filled in: nothing is carried over, "
                                        "but the new report is checked against it."),
                              sources);
    }
  if (tb_report_get_format (trial) != tb_report_get_format (self->previous))
    {
      g_string_append_c (status, '\n');
      g_string_append_printf (status,
                              _("It is in the format %s: only what both formats share "
                                "carries over."),
                              tb_format_get_document (tb_report_get_format (self->previous)));
    }
  set_status (self, status->str, FALSE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", TRUE);
}

/* ------------------------------------------------------------------ callbacks */

static void
on_year_changed_cb (TbNewReportDialog *self)
{
  update_format (self);
  update_previous (self);
}

static void
on_clear_previous_cb (TbNewReportDialog *self)
{
  g_clear_object (&self->previous);
  g_clear_pointer (&self->previous_path, g_free);
  self->previous_imported = FALSE;
  update_previous (self);
}

static void
on_previous_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  TbNewReportDialog *self = TB_NEW_REPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (!tb_new_report_dialog_set_previous_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* What was chosen before stays; the dialog says why this one was not taken. */
      update_previous (self);
      set_status (self, error->message, TRUE);
    }
}

static void
on_chooser_response_cb (GtkNativeDialog   *chooser,
                        int                response,
                        TbNewReportDialog *self)
{
  g_autofree char *path = tb_report_chooser_dup_path (chooser, response);

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (path != NULL)
    tb_new_report_dialog_set_previous_async (self, path, NULL, on_previous_chosen_cb, NULL);
}

static void
on_choose_previous_cb (TbNewReportDialog *self)
{
  if (self->chooser == NULL)
    {
      self->chooser = tb_report_chooser_new (GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                             _("Last Year's Report"), _("_Choose"),
                                             self->previous_path);
      tb_report_chooser_add_published (self->chooser, TRUE);
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb),
                               self, 0);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
take_previous (TbNewReportDialog *self,
               TbReport          *previous,
               const char        *path,
               gboolean           imported)
{
  const char *agency;

  g_set_object (&self->previous, previous);
  g_free (self->previous_path);
  self->previous_path = g_canonicalize_filename (path, NULL);
  self->previous_imported = imported;

  /* The year after last year's, by last year's agency. */
  if (tb_report_get_year (previous) > 0)
    gtk_spin_button_set_value (self->year, tb_report_get_year (previous) + 1);
  agency = tb_report_get_agency (previous);
  if (agency != NULL && *agency != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->agency), agency);
  update_previous (self);
}

static void
on_previous_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(GTask) task = data;
  TbNewReportDialog *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) reports = NULL;
  GError *error = NULL;
  TbReport *previous;

  reports = tb_file_io_load_reports_finish (result, NULL, &error);
  if (reports == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  previous = g_ptr_array_index (reports, 0);
  take_previous (self, previous, g_task_get_task_data (task), FALSE);
  g_task_return_boolean (task, TRUE);
}

/* A published report read as last year's (tb_import_load_file_async()); a draft whatever its
 * name is read as a draft. */
static void
on_previous_imported_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  g_autoptr(GTask) task = data;
  TbNewReportDialog *self = g_task_get_source_object (task);
  g_autoptr(TbReport) previous = NULL;
  GError *error = NULL;

  previous = tb_import_load_file_finish (result, NULL, &error);
  if (g_error_matches (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_DRAFT))
    {
      const char *paths[] = { g_task_get_task_data (task), NULL };

      g_clear_error (&error);
      tb_file_io_load_reports_async (paths, g_task_get_cancellable (task),
                                     on_previous_loaded_cb, g_steal_pointer (&task));
      return;
    }
  if (previous == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  take_previous (self, previous, g_task_get_task_data (task), TRUE);
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ GObject */

static void
tb_new_report_dialog_dispose (GObject *object)
{
  TbNewReportDialog *self = TB_NEW_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_NEW_REPORT_DIALOG);
  G_OBJECT_CLASS (tb_new_report_dialog_parent_class)->dispose (object);
}

static void
tb_new_report_dialog_finalize (GObject *object)
{
  TbNewReportDialog *self = TB_NEW_REPORT_DIALOG (object);

  g_clear_object (&self->previous);
  g_free (self->previous_path);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tb_new_report_dialog_parent_class)->finalize (object);
}

static void
tb_new_report_dialog_class_init (TbNewReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_new_report_dialog_dispose;
  object_class->finalize = tb_new_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-new-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, agency);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, year);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, previous_button);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, previous_label);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, clear_button);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, texts_check);
  gtk_widget_class_bind_template_child (widget_class, TbNewReportDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_previous_cb);
}

static void
tb_new_report_dialog_init (TbNewReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tb_field_limit_editable (GTK_EDITABLE (self->agency), TB_FIELD_AGENCY);
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------------ public */

TbNewReportDialog *
tb_new_report_dialog_new (GtkWindow  *parent,
                          const char *agency)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  TbNewReportDialog *self;

  self = g_object_new (TB_TYPE_NEW_REPORT_DIALOG, "transient-for", parent, NULL);
  if (agency != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->agency), agency);
  /* The report is on last year. */
  gtk_spin_button_set_value (self->year, g_date_time_get_year (now) - 1);
  update_format (self);
  update_previous (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->agency));
  return self;
}

void
tb_new_report_dialog_set_previous_async (TbNewReportDialog   *self,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *paths[] = { path, NULL };
  GTask *task;

  g_return_if_fail (TB_IS_NEW_REPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_new_report_dialog_set_previous_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* Anything but a draft's name may be a published report (web page, Word, PDF …). */
  if (g_str_has_suffix (path, TB_DRAFT_SUFFIX))
    tb_file_io_load_reports_async (paths, g_task_get_cancellable (task), on_previous_loaded_cb,
                                   task);
  else
    tb_import_load_file_async (path, NULL, g_task_get_cancellable (task),
                               on_previous_imported_cb, task);
}

gboolean
tb_new_report_dialog_set_previous_finish (TbNewReportDialog  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (TB_IS_NEW_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

TbDocument *
tb_new_report_dialog_create_document (TbNewReportDialog  *self,
                                      gboolean            manual_totals,
                                      char              **notice,
                                      GError            **error)
{
  int year;
  g_autofree char *agency = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GPtrArray) unedited = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *name = NULL;
  TbDocument *document;
  TbCarryFlags flags = TB_CARRY_NONE;
  guint n_filled;

  g_return_val_if_fail (TB_IS_NEW_REPORT_DIALOG (self), NULL);

  year = gtk_spin_button_get_value_as_int (self->year);
  agency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agency))));
  if (notice != NULL)
    *notice = NULL;

  if (self->previous == NULL)
    {
      document = tb_document_new (year, agency);
      if (document == NULL)
        {
          g_set_error (error, TB_CARRY_ERROR, TB_CARRY_ERROR_FORMAT,
                       _("There is no report format for %d."), year);
          return NULL;
        }
      if (manual_totals)
        {
          tb_report_set_manual_totals (tb_document_get_report (document), TRUE);
          tb_report_set_modified (tb_document_get_report (document), FALSE);
          tb_history_clear (tb_document_get_history (document));
        }
      return document;
    }

  if (gtk_check_button_get_active (self->texts_check))
    flags |= TB_CARRY_TEXTS;
  report = tb_carry_new_from_previous (self->previous, year, flags, error);
  if (report == NULL)
    return NULL;
  n_filled = tb_report_count_filled (report);
  unedited = tb_carry_list_unedited_texts (report, self->previous);

  /* Not saved yet: last year's file by its full name, made relative to the folder the
   * report is saved in (tb_window_carry_before_save_as()). Unsaved changes: closing asks. */
  tb_report_freeze (report);
  if (*agency != '\0')
    tb_report_set_agency (report, agency);
  /* A published report is no draft to name as last year's: it is compared with while the
   * report is open, and the Details of last year's imported report say where it came from. */
  if (self->previous_imported)
    tb_report_set_previous_report (report, self->previous);
  else
    {
      reference = tb_carry_make_reference (NULL, self->previous_path);
      tb_report_set_previous (report, reference);
    }
  if (manual_totals)
    tb_report_set_manual_totals (report, TRUE);
  tb_report_thaw (report);
  document = tb_document_new_for_report (report, NULL);

  if (notice == NULL)
    return document;
  name = g_filename_display_basename (self->previous_path);
  if (unedited->len > 0)
    *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Started from “%s”: %u figure carried over. The "
                                            "copied texts are flagged until you rewrite them.",
                                            "Started from “%s”: %u figures carried over. The "
                                            "copied texts are flagged until you rewrite them.",
                                            n_filled),
                               name, n_filled);
  else
    *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Started from “%s”: %u figure carried over",
                                            "Started from “%s”: %u figures carried over",
                                            n_filled),
                               name, n_filled);
  return document;
}
