/* tb-recovery-dialog.c: the offer, on start, of reports that were not saved before a crash
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per recovery copy: the report's title, its file (or that it was never saved) and
 * when it was last changed, with Recover and Discard. Copies that cannot be read are listed
 * too, with the reason, so that nothing disappears without the clerk knowing. "Decide
 * Later" leaves everything for the next start.
 */
#define G_LOG_DOMAIN "tb-recovery-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-recovery-dialog-private.h"

struct _TbRecoveryDialog
{
  AdwMessageDialog  parent_instance;

  GPtrArray        *entries;
  GPtrArray        *damaged;
  GtkListBox       *list;
  GHashTable       *rows;      /* id -> AdwActionRow */
};

G_DEFINE_FINAL_TYPE (TbRecoveryDialog, tb_recovery_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  RECOVER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ helpers */

static const TbRecoveryEntry *
find_entry (TbRecoveryDialog *self,
            const char       *id,
            gboolean         *damaged)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const TbRecoveryEntry *e = g_ptr_array_index (self->entries, i);

      if (g_str_equal (e->id, id))
        {
          *damaged = FALSE;
          return e;
        }
    }
  for (guint i = 0; self->damaged != NULL && i < self->damaged->len; i++)
    {
      const TbRecoveryEntry *e = g_ptr_array_index (self->damaged, i);

      if (g_str_equal (e->id, id))
        {
          *damaged = TRUE;
          return e;
        }
    }
  return NULL;
}

static char *
describe (const TbRecoveryEntry *entry,
          gboolean               damaged)
{
  g_autofree char *when = g_date_time_format (entry->changed, "%Y-%m-%d %H:%M");
  g_autofree char *file = NULL;

  if (damaged)
    /* TRANSLATORS: %s says why a recovery copy cannot be read */
    return g_strdup_printf (_("Cannot be recovered: %s"), entry->error->message);

  if (entry->file != NULL)
    file = g_filename_display_basename (entry->file);
  else
    file = g_strdup (_("Never saved"));
  /* TRANSLATORS: a file name (or "Never saved"), then a date and time */
  return g_strdup_printf (_("%s · last changed %s"), file, when);
}

static void
on_button_clicked_cb (GtkButton        *button,
                      TbRecoveryDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "recovery-id");
  gboolean recover = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "recover"));

  tb_recovery_dialog_choose (self, id, recover);
}

static GtkWidget *
make_button (TbRecoveryDialog      *self,
             const TbRecoveryEntry *entry,
             gboolean               recover)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (recover ? _("_Recover") : _("_Discard"));
  g_autofree char *tooltip = NULL;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (recover)
    gtk_widget_add_css_class (button, "suggested-action");
  tooltip = g_strdup_printf (recover ? _("Open “%s” with its unsaved changes")
                                     : _("Delete the unsaved changes of “%s”"),
                             *entry->title ? entry->title : _("Untitled report"));
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Named by its label (an accessible label of its own would be said as well, "Recover
   * Recover"; tb-application.c drops the one GTK 4.8 sets). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "recovery-id", g_strdup (entry->id), g_free);
  g_object_set_data (G_OBJECT (button), "recover", GINT_TO_POINTER (recover));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_button_clicked_cb), self, 0);
  return button;
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* No wider than the dialog gives: the first guess of the list's height is then right. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A row per copy: title and details above, the buttons below (the dialog is narrow). */
static void
add_row (TbRecoveryDialog      *self,
         const TbRecoveryEntry *entry,
         gboolean               damaged)
{
  g_autofree char *details = describe (entry, damaged);
  const char *title = *entry->title ? entry->title : _("Untitled report");
  GtkWidget *row, *box, *buttons;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), make_label (title, "heading"));
  gtk_box_append (GTK_BOX (box), make_label (details, "dim-label"));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 4);
  gtk_box_append (GTK_BOX (buttons), make_button (self, entry, FALSE));
  if (!damaged)
    gtk_box_append (GTK_BOX (buttons), make_button (self, entry, TRUE));
  gtk_box_append (GTK_BOX (box), buttons);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details, -1);
  gtk_list_box_append (self->list, row);
  g_hash_table_insert (self->rows, g_strdup (entry->id), row);
}

/* ------------------------------------------------------------------ sizing */

/* GTK 4.8's GtkScrolledWindow asks its child for its natural height at no particular width,
 * that is at the width where the labels need not wrap; allocated narrower, the rows wrap,
 * grow taller than that and their buttons are cut off. The list therefore sits in a box
 * whose layout answers such a question with the height at the width it has, and which asks
 * again once it knows that width. */

static GtkSizeRequestMode
fit_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fit_measure (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child == NULL)
    return;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0)
    {
      /* The width it was last given (-1, the width where nothing wraps, before that). */
      if (gtk_widget_get_width (widget) > 0)
        for_size = gtk_widget_get_width (widget);
      g_object_set_data (G_OBJECT (widget), "tb-guessed-width", GINT_TO_POINTER (for_size));
    }
  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static gboolean
fit_resize_cb (gpointer data)
{
  GtkWidget *widget = data;

  g_object_set_data (G_OBJECT (widget), "tb-resize-pending", NULL);
  gtk_widget_queue_resize (widget);
  return G_SOURCE_REMOVE;
}

static void
fit_allocate (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  gpointer guessed = g_object_get_data (G_OBJECT (widget), "tb-guessed-width");

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* The height was guessed for another width: ask again, after this layout pass. */
  if (guessed != NULL && GPOINTER_TO_INT (guessed) != width &&
      g_object_get_data (G_OBJECT (widget), "tb-resize-pending") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "tb-resize-pending", GINT_TO_POINTER (TRUE));
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_resize_cb, g_object_ref (widget),
                       g_object_unref);
    }
}

/* ------------------------------------------------------------------ GObject */

static void
tb_recovery_dialog_dispose (GObject *object)
{
  TbRecoveryDialog *self = TB_RECOVERY_DIALOG (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->damaged, g_ptr_array_unref);

  G_OBJECT_CLASS (tb_recovery_dialog_parent_class)->dispose (object);
}

static void
tb_recovery_dialog_class_init (TbRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_recovery_dialog_dispose;

  /**
   * TbRecoveryDialog::recover:
   * @entry: (type gpointer): the TbRecoveryEntry to open
   *
   * Returns: TRUE if the report was opened; FALSE keeps its row (the handler showed why)
   */
  signals[RECOVER] =
    g_signal_new ("recover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_first_wins, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_POINTER);
}

static void
tb_recovery_dialog_init (TbRecoveryDialog *self)
{
  GtkWidget *scroller, *fit;

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  fit = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_layout_manager (fit, gtk_custom_layout_new (fit_get_request_mode,
                                                             fit_measure, fit_allocate));
  gtk_box_append (GTK_BOX (fit), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), fit);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Recover Unsaved Reports?"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Tianbao was closed before these reports were saved. "
                                 "Recover a report to continue where you left off, then "
                                 "save it; or discard its unsaved changes."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "later", _("Decide _Later"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "later");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "later");
}

/* ------------------------------------------------------------------ public */

TbRecoveryDialog *
tb_recovery_dialog_new (GtkWindow *parent,
                        GPtrArray *entries,
                        GPtrArray *damaged)
{
  TbRecoveryDialog *self;

  g_return_val_if_fail (entries != NULL, NULL);

  self = g_object_new (TB_TYPE_RECOVERY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "hide-on-close", FALSE,
                       NULL);
  self->entries = g_ptr_array_ref (entries);
  self->damaged = damaged ? g_ptr_array_ref (damaged) : NULL;
  for (guint i = 0; i < entries->len; i++)
    add_row (self, g_ptr_array_index (entries, i), FALSE);
  for (guint i = 0; damaged != NULL && i < damaged->len; i++)
    add_row (self, g_ptr_array_index (damaged, i), TRUE);
  return self;
}

guint
tb_recovery_dialog_get_n_rows (TbRecoveryDialog *self)
{
  g_return_val_if_fail (TB_IS_RECOVERY_DIALOG (self), 0);
  return g_hash_table_size (self->rows);
}

gboolean
tb_recovery_dialog_choose (TbRecoveryDialog *self,
                           const char       *id,
                           gboolean          recover)
{
  const TbRecoveryEntry *entry;
  GtkWidget *row;
  gboolean damaged = FALSE;
  gboolean done = FALSE;

  g_return_val_if_fail (TB_IS_RECOVERY_DIALOG (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  entry = find_entry (self, id, &damaged);
  row = g_hash_table_lookup (self->rows, id);
  if (entry == NULL || row == NULL)
    return FALSE;

  g_object_ref (self);
  if (recover && !damaged)
    g_signal_emit (self, signals[RECOVER], 0, entry, &done);
  else
    {
      g_autoptr(GError) error = NULL;

      done = tb_recovery_discard (entry->id, &error);
      if (!done)
        adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), error->message);
    }

  if (done && self->rows != NULL)
    {
      gtk_list_box_remove (self->list, row);
      g_hash_table_remove (self->rows, id);
      if (g_hash_table_size (self->rows) == 0)
        gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (self);
  return done;
}
