/* tb-window-carry.c: last year's report in the window, and Combine Reports
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Last year's report (tb-carry.h): the New dialog can start from it (二、上年结转 from its
 * 四、结转下年度继续办理, the agency, preparer and contact, and the texts as a starting
 * point), and a draft that names it gets it attached when the window shows the draft, so
 * that the cross-year rules (T3-5, T2-2, texts unchanged) run as the clerk types. A name
 * that leads nowhere is said in a toast whose button lets the clerk find the file; the
 * report opens all the same. The draft keeps the name relative to its folder; Save As to
 * another folder makes it relative to the new one.
 *
 * Combine Reports (tb-merge.h): the chosen drafts are checked, must share the year and the
 * format, and are added up into a new, unsaved summary report in its own window, beside a
 * TbCombineWindow with the breakdown by agency. Closing the breakdown only hides it while
 * the summary's window is open; win.show-breakdown (in that window's menu only) brings it
 * back.
 */
#define G_LOG_DOMAIN "tb-window-carry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-carry.h"
#include "tb-combine-window.h"
#include "tb-draft.h"
#include "tb-merge.h"
#include "tb-session.h"
#include "tb-window-carry.h"
#include "tb-window-files.h"
#include "tb-window-private.h"

#define MIME_TYPE "application/x-tianbao"

/* Per window. */
typedef struct
{
  char     *notice;    /* last year's report was not found: what the toast says */
  AdwToast *toast;     /* weak: that toast while it shows */
  char     *tried;     /* the file and reference last looked for, to say it once */
  char     *unmoved;   /* the reference before Save As made it relative to the new folder */
  gboolean  moved;
  TbCombineWindow *breakdown; /* weak: the breakdown of the summary made here by Combine */
} Carry;

static GQuark carry_quark;

/* ------------------------------------------------------------------ helpers */

static GtkFileFilter *
report_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tianbao Reports"));
  gtk_file_filter_add_pattern (filter, "*.tianbao");
  gtk_file_filter_add_mime_type (filter, MIME_TYPE);
  return filter;
}

/* A chooser of reports over @parent, starting in the folder of @near (may be NULL). */
static GtkFileChooserNative *
report_chooser (GtkWindow  *parent,
                const char *title,
                const char *accept,
                const char *near)
{
  g_autoptr(GtkFileFilter) filter = report_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, accept,
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (near != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (near);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  return chooser;
}

static char *
chooser_path (GtkNativeDialog *chooser,
              int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file ? g_file_get_path (file) : NULL;
}

static void
carry_free (gpointer data)
{
  Carry *carry = data;

  if (carry->breakdown != NULL)
    g_object_remove_weak_pointer (G_OBJECT (carry->breakdown), (gpointer *) &carry->breakdown);
  if (carry->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (carry->toast), (gpointer *) &carry->toast);
  g_free (carry->notice);
  g_free (carry->tried);
  g_free (carry->unmoved);
  g_free (carry);
}

static Carry *
get_carry (TbWindow *self)
{
  Carry *carry = g_object_get_qdata (G_OBJECT (self), carry_quark);

  if (carry == NULL)
    {
      carry = g_new0 (Carry, 1);
      g_object_set_qdata_full (G_OBJECT (self), carry_quark, carry, carry_free);
    }
  return carry;
}

/* Shows @notice in a toast, or takes the toast away (@notice NULL). */
static void
set_notice (TbWindow   *self,
            const char *notice)
{
  Carry *carry = get_carry (self);
  AdwToast *toast;

  g_free (carry->notice);
  carry->notice = g_strdup (notice);
  if (carry->toast != NULL)
    {
      toast = carry->toast;
      g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *) &carry->toast);
      carry->toast = NULL;
      adw_toast_dismiss (toast);
    }
  if (notice == NULL)
    return;

  toast = adw_toast_new (notice);
  adw_toast_set_button_label (toast, _("_Find…"));
  adw_toast_set_action_name (toast, "win.attach-previous-report");
  /* Stays until the clerk dismisses it: it matters for every check. */
  adw_toast_set_timeout (toast, 0);
  carry->toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &carry->toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Runs the rules again (last year's report changed, the report did not). */
static void
recheck (TbWindow *self)
{
  tb_window_set_report (self, self->report, self->path);
}

/* ------------------------------------------------------------------ the breakdown */

/* Whether the window shows the summary of its breakdown (not another report since). */
static gboolean
shows_breakdown_summary (TbWindow *self)
{
  Carry *carry = get_carry (self);

  return carry->breakdown != NULL && self->report != NULL &&
         tb_combine_window_get_summary (carry->breakdown) == self->report;
}

static void
update_show_breakdown (TbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-breakdown",
                                 shows_breakdown_summary (self));
}

static void
set_breakdown (TbWindow        *self,
               TbCombineWindow *breakdown)
{
  Carry *carry = get_carry (self);

  if (carry->breakdown != NULL)
    g_object_remove_weak_pointer (G_OBJECT (carry->breakdown), (gpointer *) &carry->breakdown);
  carry->breakdown = breakdown;
  if (breakdown != NULL)
    g_object_add_weak_pointer (G_OBJECT (breakdown), (gpointer *) &carry->breakdown);
  update_show_breakdown (self);
}

static void
tb_window_action_show_breakdown (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);

  if (shows_breakdown_summary (self))
    gtk_window_present (GTK_WINDOW (get_carry (self)->breakdown));
}

/* The window shows another report than the summary (its format was changed, say): the
 * breakdown cannot be brought back from here any more; hidden, it goes. */
static void
check_breakdown (TbWindow *self)
{
  TbCombineWindow *breakdown = get_carry (self)->breakdown;

  if (breakdown != NULL && !shows_breakdown_summary (self))
    {
      set_breakdown (self, NULL);
      gtk_window_set_hide_on_close (GTK_WINDOW (breakdown), FALSE);
      if (!gtk_widget_get_visible (GTK_WIDGET (breakdown)))
        gtk_window_destroy (GTK_WINDOW (breakdown));
    }
  update_show_breakdown (self);
}

TbCombineWindow *
tb_window_carry_get_breakdown (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return shows_breakdown_summary (self) ? get_carry (self)->breakdown : NULL;
}

/* ------------------------------------------------------------------ attaching last year's */

void
tb_window_carry_report_set (TbWindow   *self,
                            TbReport   *report,
                            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tried = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  const char *reference;
  Carry *carry;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (TB_IS_REPORT (report));

  check_breakdown (self);
  carry = get_carry (self);
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
  if (g_strcmp0 (tried, carry->tried) == 0)
    return;
  g_free (carry->tried);
  carry->tried = g_steal_pointer (&tried);

  if (tb_carry_load_previous (report, path, &error))
    {
      set_notice (self, NULL);
      return;
    }
  /* Short, for a toast: the whole story goes to the log. */
  g_info ("%s", error->message);
  name = g_filename_display_basename (reference);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = g_strdup_printf (_("Last year's report “%s” was not found: the checks against "
                                 "it are off"),
                               name);
  else
    message = g_strdup_printf (_("Last year's report “%s” could not be read: the checks "
                                 "against it are off"),
                               name);
  set_notice (self, message);
}

void
tb_window_carry_before_save_as (TbWindow   *self,
                                const char *path)
{
  const char *reference;
  g_autofree char *target = NULL;
  g_autofree char *moved = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  get_carry (self)->moved = FALSE;
  if (self->report == NULL)
    return;
  reference = tb_report_get_previous (self->report);
  target = tb_carry_resolve_reference (self->path, reference);
  if (target == NULL)
    return;
  moved = tb_carry_make_reference (path, target);
  if (g_strcmp0 (moved, reference) != 0)
    {
      Carry *carry = get_carry (self);

      g_free (carry->unmoved);
      carry->unmoved = g_strdup (reference);
      carry->moved = TRUE;
      tb_report_set_previous (self->report, moved);
    }
}

void
tb_window_carry_save_as_failed (TbWindow *self)
{
  Carry *carry;

  g_return_if_fail (TB_IS_WINDOW (self));
  carry = get_carry (self);
  if (!carry->moved)
    return;
  carry->moved = FALSE;
  if (self->report != NULL)
    tb_report_set_previous (self->report, carry->unmoved);
  g_clear_pointer (&carry->unmoved, g_free);
}

gboolean
tb_window_carry_attach_previous (TbWindow   *self,
                                 const char *path)
{
  g_autoptr(TbReport) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  int year, last_year;

  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->report == NULL)
    return FALSE;
  name = g_filename_display_basename (path);
  if (self->path != NULL)
    {
      g_autoptr(GFile) a = g_file_new_for_path (path);
      g_autoptr(GFile) b = g_file_new_for_path (self->path);

      if (g_file_equal (a, b))
        {
          message = g_strdup_printf (_("“%s” is this report itself. Choose the report of the "
                                       "year before."),
                                     name);
          tb_window_files_show_error (self, _("Not Last Year's Report"), message);
          return FALSE;
        }
    }
  previous = tb_draft_load (path, &error);
  if (previous == NULL)
    {
      tb_window_files_show_error (self, _("Could Not Open Last Year's Report"), error->message);
      return FALSE;
    }
  year = tb_report_get_year (self->report);
  last_year = tb_report_get_year (previous);
  if (year > 0 && last_year > 0 && last_year != year - 1)
    {
      message = g_strdup_printf (_("“%s” is the report on %d. This report is on %d: compare "
                                   "it with the report on %d."),
                                 name, last_year, year, year - 1);
      tb_window_files_show_error (self, _("Not Last Year's Report"), message);
      return FALSE;
    }

  set_notice (self, NULL);
  tb_report_set_previous_report (self->report, previous);
  reference = tb_carry_make_reference (self->path, path);
  if (g_strcmp0 (reference, tb_report_get_previous (self->report)) != 0)
    /* A change of the draft: the window checks again. */
    tb_report_set_previous (self->report, reference);
  else
    recheck (self);

  message = g_strdup_printf (_("Compared with last year's report “%s”"), name);
  tb_window_add_toast (self, message);
  return TRUE;
}

static void
on_attach_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TbWindow        *self)
{
  g_autofree char *path = chooser_path (chooser, response);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    tb_window_carry_attach_previous (self, path);
  g_object_unref (self);
}

static void
tb_window_action_attach_previous (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autofree char *near = NULL;
  GtkFileChooserNative *chooser;

  if (self->report == NULL)
    return;
  near = tb_carry_resolve_reference (self->path, tb_report_get_previous (self->report));
  chooser = report_chooser (GTK_WINDOW (self), _("Last Year's Report"), _("C_ompare"),
                            near ? near : self->path);
  g_signal_connect (chooser, "response", G_CALLBACK (on_attach_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ the New dialog */

typedef struct
{
  AdwMessageDialog     *dialog;     /* owns this */
  GtkSpinButton        *year;
  GtkEditable          *agency;
  GtkWidget            *button;     /* chooses the file, shows its name */
  GtkWidget            *button_label;
  GtkWidget            *clear;
  GtkWidget            *texts;      /* copy the texts */
  GtkWidget            *status;
  TbReport             *previous;
  char                 *path;
  GtkFileChooserNative *chooser;
} NewCarry;

static void
new_carry_free (gpointer data)
{
  NewCarry *nc = data;

  if (nc->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (nc->chooser, nc);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (nc->chooser));
      g_clear_object (&nc->chooser);
    }
  g_clear_object (&nc->previous);
  g_free (nc->path);
  g_free (nc);
}

static NewCarry *
get_new_carry (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "tb-carry");
}

static void
set_status (NewCarry   *nc,
            const char *text,
            gboolean    error)
{
  gtk_label_set_label (GTK_LABEL (nc->status), text ? text : "");
  gtk_widget_set_visible (nc->status, text != NULL);
  if (error)
    gtk_widget_add_css_class (nc->status, "error");
  else
    gtk_widget_remove_css_class (nc->status, "error");
}

static void
update_new_dialog (NewCarry *nc)
{
  int year = gtk_spin_button_get_value_as_int (nc->year);
  int last_year;
  g_autoptr(TbReport) trial = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) status = NULL;
  g_autofree char *name = NULL;
  guint n_filled;

  gtk_widget_set_visible (nc->clear, nc->previous != NULL);
  gtk_widget_set_visible (nc->texts, nc->previous != NULL);
  if (nc->previous == NULL)
    {
      gtk_label_set_label (GTK_LABEL (nc->button_label), _("Start from Last Year's Report…"));
      gtk_widget_set_tooltip_text (nc->button, _("Fill in 上年结转 and the agency from last "
                                                 "year's report, and check this year's "
                                                 "against it"));
      set_status (nc, NULL, FALSE);
      adw_message_dialog_set_response_enabled (nc->dialog, "create", TRUE);
      return;
    }

  name = g_filename_display_basename (nc->path);
  gtk_label_set_label (GTK_LABEL (nc->button_label), name);
  gtk_widget_set_tooltip_text (nc->button, nc->path);

  last_year = tb_report_get_year (nc->previous);
  trial = tb_carry_new_from_previous (nc->previous, year, TB_CARRY_NONE, &error);
  if (trial == NULL)
    {
      if (g_error_matches (error, TB_CARRY_ERROR, TB_CARRY_ERROR_YEAR))
        {
          g_autofree char *text = g_strdup_printf (_("Last year's report is on %d: the new "
                                                     "report must be on %d."),
                                                   last_year, last_year + 1);

          set_status (nc, text, TRUE);
        }
      else
        set_status (nc, error->message, TRUE);
      adw_message_dialog_set_response_enabled (nc->dialog, "create", FALSE);
      return;
    }

  status = g_string_new (NULL);
  n_filled = tb_report_count_filled (trial);
  if (n_filled > 0)
    g_string_append_printf (status,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u figure of 上年结转 is carried over from its "
                                         "结转下年度继续办理; the new report is checked "
                                         "against it.",
                                         "%u figures of 上年结转 are carried over from its "
                                         "结转下年度继续办理; the new report is checked "
                                         "against it.",
                                         n_filled),
                            n_filled);
  else
    g_string_append (status, _("Its 结转下年度继续办理 is not filled in: nothing is "
                               "carried over, but the new report is checked against it."));
  if (tb_report_get_format (trial) != tb_report_get_format (nc->previous))
    {
      g_string_append_c (status, '\n');
      g_string_append_printf (status,
                              _("It is in the format %s: only what both formats share "
                                "carries over."),
                              tb_format_get_document (tb_report_get_format (nc->previous)));
    }
  set_status (nc, status->str, FALSE);
  adw_message_dialog_set_response_enabled (nc->dialog, "create", TRUE);
}

gboolean
tb_window_carry_new_dialog_set_previous (AdwMessageDialog *dialog,
                                         const char       *path,
                                         GError          **error)
{
  NewCarry *nc;
  g_autoptr(TbReport) previous = NULL;
  const char *agency;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  nc = get_new_carry (dialog);
  g_return_val_if_fail (nc != NULL, FALSE);

  previous = tb_draft_load (path, error);
  if (previous == NULL)
    return FALSE;
  g_set_object (&nc->previous, previous);
  g_free (nc->path);
  nc->path = g_canonicalize_filename (path, NULL);

  /* The year after last year's, by last year's agency. */
  if (tb_report_get_year (previous) > 0)
    gtk_spin_button_set_value (nc->year, tb_report_get_year (previous) + 1);
  agency = tb_report_get_agency (previous);
  if (agency != NULL && *agency != '\0')
    gtk_editable_set_text (nc->agency, agency);
  update_new_dialog (nc);
  return TRUE;
}

static void
on_new_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            NewCarry        *nc)
{
  g_autofree char *path = chooser_path (chooser, response);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (chooser, nc);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&nc->chooser);
  if (path == NULL)
    return;
  if (!tb_window_carry_new_dialog_set_previous (nc->dialog, path, &error))
    {
      /* What was chosen before stays; the dialog says why this one was not taken. */
      update_new_dialog (nc);
      set_status (nc, error->message, TRUE);
    }
}

static void
on_new_choose_cb (GtkButton *button,
                  NewCarry  *nc)
{
  if (nc->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (nc->chooser));
      return;
    }
  nc->chooser = report_chooser (GTK_WINDOW (nc->dialog), _("Last Year's Report"), _("_Choose"),
                                nc->path);
  g_signal_connect (nc->chooser, "response", G_CALLBACK (on_new_chooser_response_cb), nc);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (nc->chooser));
}

static void
on_new_clear_cb (GtkButton *button,
                 NewCarry  *nc)
{
  g_clear_object (&nc->previous);
  g_clear_pointer (&nc->path, g_free);
  update_new_dialog (nc);
}

void
tb_window_carry_extend_new_dialog (TbWindow         *self,
                                   AdwMessageDialog *dialog,
                                   GtkGrid          *grid,
                                   int               row,
                                   GtkSpinButton    *year,
                                   GtkEditable      *agency)
{
  NewCarry *nc = g_new0 (NewCarry, 1);
  GtkWidget *label, *box, *content, *icon;

  g_return_if_fail (TB_IS_WINDOW (self));

  nc->dialog = dialog;
  nc->year = year;
  nc->agency = agency;
  g_object_set_data_full (G_OBJECT (dialog), "tb-carry", nc, new_carry_free);

  label = gtk_label_new_with_mnemonic (_("_Last year"));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_grid_attach (grid, label, 0, row, 1, 1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  nc->button = gtk_button_new ();
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = gtk_image_new_from_icon_name ("document-open-symbolic");
  nc->button_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (nc->button_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (nc->button_label), 32);
  gtk_box_append (GTK_BOX (content), icon);
  gtk_box_append (GTK_BOX (content), nc->button_label);
  gtk_button_set_child (GTK_BUTTON (nc->button), content);
  gtk_widget_set_hexpand (nc->button, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), nc->button);
  g_signal_connect (nc->button, "clicked", G_CALLBACK (on_new_choose_cb), nc);
  gtk_box_append (GTK_BOX (box), nc->button);

  nc->clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_tooltip_text (nc->clear, _("Start from an empty report"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (nc->clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Start from an empty report"), -1);
  g_signal_connect (nc->clear, "clicked", G_CALLBACK (on_new_clear_cb), nc);
  gtk_box_append (GTK_BOX (box), nc->clear);
  gtk_grid_attach (grid, box, 1, row, 1, 1);

  nc->texts = gtk_check_button_new_with_mnemonic (_("Copy last year's _texts as a starting "
                                                    "point"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nc->texts), TRUE);
  gtk_widget_set_tooltip_text (nc->texts, _("Copied texts are flagged until you rewrite them "
                                            "for this year"));
  gtk_grid_attach (grid, nc->texts, 1, row + 1, 1, 1);

  nc->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (nc->status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (nc->status), 40);
  gtk_label_set_xalign (GTK_LABEL (nc->status), 0.0);
  gtk_widget_add_css_class (nc->status, "caption");
  gtk_grid_attach (grid, nc->status, 1, row + 2, 1, 1);

  g_signal_connect_swapped (year, "value-changed", G_CALLBACK (update_new_dialog), nc);
  update_new_dialog (nc);
}

gboolean
tb_window_carry_create_new (TbWindow         *self,
                            AdwMessageDialog *dialog,
                            int               year,
                            const char       *agency)
{
  NewCarry *nc = get_new_carry (dialog);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unedited = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  TbCarryFlags flags = TB_CARRY_NONE;
  TbWindow *window;
  guint n_filled;

  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  if (nc == NULL || nc->previous == NULL)
    return FALSE;

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (nc->texts)))
    flags |= TB_CARRY_TEXTS;
  report = tb_carry_new_from_previous (nc->previous, year, flags, &error);
  if (report == NULL)
    {
      tb_window_files_show_error (self, _("Could Not Start from Last Year's Report"),
                                  error->message);
      return TRUE;
    }
  n_filled = tb_report_count_filled (report);
  unedited = tb_carry_list_unedited_texts (report, nc->previous);

  /* Not saved yet: last year's file by its full name, made relative to the folder the
   * report is saved in (tb_window_carry_before_save_as()). Unsaved changes: closing asks. */
  tb_report_freeze (report);
  if (agency != NULL && *agency != '\0')
    tb_report_set_agency (report, agency);
  reference = tb_carry_make_reference (NULL, nc->path);
  tb_report_set_previous (report, reference);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "manual-totals"))
    tb_report_set_manual_totals (report, TRUE);
  tb_report_thaw (report);

  document = tb_document_new_for_report (report, NULL);
  window = tb_session_show_document (gtk_window_get_application (GTK_WINDOW (self)), document,
                                     self);

  name = g_filename_display_basename (nc->path);
  if (unedited->len > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Started from “%s”: %u figure carried over. The "
                                            "copied texts are flagged until you rewrite them.",
                                            "Started from “%s”: %u figures carried over. The "
                                            "copied texts are flagged until you rewrite them.",
                                            n_filled),
                               name, n_filled);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Started from “%s”: %u figure carried over",
                                            "Started from “%s”: %u figures carried over",
                                            n_filled),
                               name, n_filled);
  tb_window_add_toast (window, message);
  return TRUE;
}

/* ------------------------------------------------------------------ Combine Reports */

static void
on_combine_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TbWindow         *self)
{
  TbMerge *merge = g_object_get_data (G_OBJECT (dialog), "tb-merge");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *message = NULL;
  TbCombineWindow *combine;
  TbWindow *window;
  guint n_inputs;

  if (!g_str_equal (response, "combine") || merge == NULL || app == NULL)
    return;

  agency = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  summary = tb_merge_build (merge, *agency ? agency : NULL, &notes, &error);
  if (summary == NULL)
    {
      tb_window_files_show_error (self, _("Could Not Combine the Reports"), error->message);
      return;
    }

  /* A new report, not saved yet: closing its window asks. */
  document = tb_document_new_for_report (summary, NULL);
  window = tb_session_show_document (app, document, self);
  combine = tb_combine_window_new (app, g_object_steal_data (G_OBJECT (dialog), "tb-merge"),
                                   g_object_get_data (G_OBJECT (dialog), "tb-paths"),
                                   summary, notes, GTK_WINDOW (window));
  set_breakdown (window, combine);
  gtk_window_present (GTK_WINDOW (combine));

  n_inputs = tb_merge_get_n_inputs (tb_combine_window_get_merge (combine));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The summary of %u report: its texts are yours to "
                                          "write. The breakdown by agency is in its own window.",
                                          "The summary of %u reports: its texts are yours to "
                                          "write. The breakdown by agency is in its own window.",
                                          n_inputs),
                             n_inputs);
  tb_window_add_toast (window, message);
}

AdwMessageDialog *
tb_window_combine_paths (TbWindow          *self,
                         const char *const *paths)
{
  g_autoptr(TbMerge) merge = tb_merge_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *reports = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  guint n, n_ready = 0;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  /* Every report, or nothing: a county's total without one agency would be wrong. */
  for (n = 0; paths[n] != NULL; n++)
    {
      g_autoptr(TbReport) report = tb_draft_load (paths[n], &error);
      g_autofree char *name = g_filename_display_basename (paths[n]);

      if (report == NULL || !tb_merge_add (merge, report, name, &error))
        {
          g_autofree char *message = g_strdup_printf (_("%s\n\nNothing was combined."),
                                                      error->message);

          tb_window_files_show_error (self, _("Could Not Combine the Reports"), message);
          return NULL;
        }
    }
  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    n_ready += tb_merge_get_input (merge, i)->ready;

  /* TRANSLATORS: "3 reports on 2024 (国办公开办函〔2021〕30号)" */
  reports = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report on %d (%s)",
                                          "%u reports on %d (%s)", n),
                             n, tb_merge_get_year (merge),
                             tb_format_get_document (tb_merge_get_format (merge)));
  if (n_ready == n)
    body = g_strdup_printf (_("%s will be added up into a new summary report. Whose summary "
                              "is it? The name can be changed later on the report's details "
                              "page."),
                            reports);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s will be added up into a new summary report; %u of "
                                         "them is not ready, and where its cells are not "
                                         "filled the sums are left empty. Whose summary is it?",
                                         "%s will be added up into a new summary report; %u of "
                                         "them are not ready, and where their cells are not "
                                         "filled the sums are left empty. Whose summary is it?",
                                         n - n_ready),
                            reports, n - n_ready);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Combine Reports"), body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  entry = gtk_entry_new ();
  /* TRANSLATORS: the summary's agency until the clerk names it (it is printed on the
   * report); in Chinese 汇总 */
  gtk_editable_set_text (GTK_EDITABLE (entry), C_("agency of a summary report", "Summary"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agency of the summary"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "combine", _("C_ombine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "combine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "combine");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tb-merge", g_steal_pointer (&merge),
                          (GDestroyNotify) tb_merge_free);
  g_object_set_data_full (G_OBJECT (dialog), "tb-paths", g_strdupv ((char **) paths),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_combine_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

static void
on_combine_chooser_response_cb (GtkNativeDialog *chooser,
                                int              response,
                                TbWindow        *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  if (paths->len > 1)
    tb_window_combine_paths (self, (const char *const *) paths->pdata);
  g_object_unref (self);
}

static void
tb_window_action_combine (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = report_chooser (GTK_WINDOW (self), _("Combine Reports"), _("C_ombine"),
                            self->path);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_combine_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ hooks */

void
tb_window_carry_class_init (GtkWidgetClass *widget_class)
{
  carry_quark = g_quark_from_static_string ("tb-window-carry");

  gtk_widget_class_install_action (widget_class, "win.attach-previous-report", NULL,
                                   tb_window_action_attach_previous);
  gtk_widget_class_install_action (widget_class, "win.combine-reports", NULL,
                                   tb_window_action_combine);
  gtk_widget_class_install_action (widget_class, "win.show-breakdown", NULL,
                                   tb_window_action_show_breakdown);
}

const char *
tb_window_carry_get_notice (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  return get_carry (self)->notice;
}
