/* tb-combine-window.c: the breakdown by agency of a combined (summary) report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the table are the cells of the format, in format order (a GtkStringList of
 * cell ids, filtered by part and text); the columns are made when the window is: the part,
 * the official row and column labels, the sum and one column per input. The sum is read
 * from the summary report itself, so what the clerk changes in the summary's window shows
 * here too (and in the exported CSV, as tb_merge_breakdown_csv() writes it, in a worker
 * thread). With many inputs (no TbMerge, only the list of inputs) there is no column per
 * agency, and Export CSV writes the breakdown by report, read again from the files
 * (tb-combine-export.h). Opening an input is asked of whoever shows the reports
 * (::open-file), from its row in the list of inputs.
 */
#define G_LOG_DOMAIN "tb-combine-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine-cells.h"
#include "tb-combine-inputs.h"
#include "tb-combine-window-private.h"
#include "tb-combine-export.h"
#include "tb-toast.h"
#include "tb-tooltip.h"

/* Columns that are not an input's. */
enum
{
  COLUMN_SUM = -1,
  COLUMN_COLUMN = -2,
  COLUMN_ROW = -3,
  COLUMN_PART = -4,
};

struct _TbCombineWindow
{
  AdwWindow          parent_instance;

  /* template */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkLabel          *inputs_heading;
  GtkColumnView     *inputs_view;
  GtkLabel          *notes_label;
  GtkDropDown       *section_dropdown;
  GtkSearchEntry    *search_entry;
  GtkLabel          *shown_label;
  GtkColumnView     *column_view;

  TbMerge           *merge;            /* the inputs themselves, or NULL (many) */
  GListModel        *inputs;           /* TbCombineInput */
  TbReport          *summary;
  const TbFormat    *format;
  GtkWindow         *summary_window;   /* weak */
  gulong             changed_id;
  guint              refresh_id;

  GtkStringList     *cells;            /* every cell id, in format order */
  GtkFilterListModel *filtered;
  GtkCustomFilter   *filter;
  GArray            *part_sections;    /* int: section index per dropdown item, -1: all */
  int                filter_section;
  char              *filter_text;      /* casefolded, or NULL */
  GHashTable        *sum_labels;       /* GtkLabel shown in the sum column now -> its cell
                                           index + 1 */
  guint              n_not_ready;
  GCancellable      *cancellable;      /* the CSV being written */
};

/* What a column's item factory shows. */
typedef struct
{
  TbCombineWindow   *self;
  int                column;
} Column;

enum {
  OPEN_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TbCombineWindow, tb_combine_window, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ values */

static const TbCellSpec *
item_spec (TbCombineWindow *self,
           gpointer         item)
{
  return tb_format_find_cell (self->format, gtk_string_object_get_string (item));
}

static TbReport *
column_report (TbCombineWindow *self,
               int              column)
{
  if (column == COLUMN_SUM)
    return self->summary;
  if (column >= 0 && self->merge != NULL &&
      (guint) column < tb_merge_get_n_inputs (self->merge))
    return tb_merge_get_input (self->merge, column)->report;
  return NULL;
}

static void
show_value (TbCombineWindow  *self,
            GtkLabel         *label,
            const TbCellSpec *spec,
            int               column)
{
  tb_combine_cell_show (label, column_report (self, column), spec, column == COLUMN_SUM);
}

/* ------------------------------------------------------------------ columns */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             Column                   *data)
{
  int column = data->column;
  GtkWidget *label = gtk_label_new (NULL);

  if (column >= COLUMN_SUM)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      if (column == COLUMN_SUM)
        gtk_widget_add_css_class (label, "heading");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      /* Row and column paths end with what tells the cells apart. */
      gtk_label_set_ellipsize (GTK_LABEL (label), column == COLUMN_PART ? PANGO_ELLIPSIZE_END
                                                                        : PANGO_ELLIPSIZE_START);
    }
  tb_tooltip_keep_terms (label);
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            Column                   *data)
{
  TbCombineWindow *self = data->self;
  int column = data->column;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const TbCellSpec *spec = item_spec (self, gtk_list_item_get_item (item));
  const char *text = NULL;

  if (spec == NULL)
    return;
  switch (column)
    {
    case COLUMN_PART:
      text = tb_combine_cell_part (self->format, spec);
      break;
    case COLUMN_ROW:
      text = tb_combine_cell_row (spec);
      break;
    case COLUMN_COLUMN:
      text = spec->column_path;
      break;
    default:
      show_value (self, label, spec, column);
      if (column == COLUMN_SUM)
        g_hash_table_insert (self->sum_labels, label, GUINT_TO_POINTER (spec->index + 1));
      return;
    }
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Column                   *data)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  if (label != NULL && data->self->sum_labels != NULL)
    g_hash_table_remove (data->self->sum_labels, label);
}

static void
column_free (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

static void
add_column (TbCombineWindow *self,
            const char      *title,
            int              column,
            int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;
  Column *data = g_new0 (Column, 1);

  /* The factory lives no longer than the window (it is the column view's). */
  data->self = self;
  data->column = column;
  g_signal_connect_data (factory, "setup", G_CALLBACK (on_setup_cb), data, column_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), data);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_fixed_width (col, width);
  /* The row labels take the width the window has to spare. */
  gtk_column_view_column_set_expand (col, column == COLUMN_ROW);
  gtk_column_view_append_column (self->column_view, col);
}

static void
build_columns (TbCombineWindow *self)
{
  /* The sum before the agencies: with dozens of them, it stays in sight. */
  add_column (self, _("Part"), COLUMN_PART, 130);
  add_column (self, _("Row"), COLUMN_ROW, 300);
  add_column (self, _("Column"), COLUMN_COLUMN, 160);
  add_column (self, _("Sum"), COLUMN_SUM, 110);
  /* A column per agency for a few of them; the list above has them all. */
  for (guint i = 0; self->merge != NULL && i < tb_merge_get_n_inputs (self->merge); i++)
    add_column (self, tb_merge_get_input (self->merge, i)->name, (int) i, 110);
}

/* ------------------------------------------------------------------ the sum, kept live */

static gboolean
refresh_cb (gpointer data)
{
  TbCombineWindow *self = data;
  GHashTableIter iter;
  gpointer label, cell;

  self->refresh_id = 0;
  g_hash_table_iter_init (&iter, self->sum_labels);
  while (g_hash_table_iter_next (&iter, &label, &cell))
    show_value (self, label, tb_format_get_cell (self->format, GPOINTER_TO_UINT (cell) - 1),
                COLUMN_SUM);
  return G_SOURCE_REMOVE;
}

static void
update_title (TbCombineWindow *self)
{
  g_autofree char *title = tb_report_dup_title (self->summary);

  adw_window_title_set_subtitle (self->window_title, title);
}

static void
on_summary_changed_cb (TbReport        *report,
                       TbReportChange   change,
                       const char      *id,
                       TbCombineWindow *self)
{
  if (change == TB_REPORT_CHANGE_META || change == TB_REPORT_CHANGE_BULK)
    update_title (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

/* ------------------------------------------------------------------ filtering */

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  TbCombineWindow *self = data;
  const TbCellSpec *spec = item_spec (self, item);

  return spec != NULL &&
         tb_combine_cell_matches (self->format, spec, self->filter_section, self->filter_text);
}

static void
update_shown (TbCombineWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->cells));
  g_autofree char *text = NULL;

  /* TRANSLATORS: how many cells of the breakdown are listed, e.g. "12 of 230 cells" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u cell", "%u of %u cells",
                                       all),
                          shown, all);
  gtk_label_set_label (self->shown_label, text);
}

static void
refilter (TbCombineWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint selected = gtk_drop_down_get_selected (self->section_dropdown);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->filter_text, g_free);
  if (*stripped != '\0')
    self->filter_text = g_utf8_casefold (stripped, -1);
  self->filter_section = selected < self->part_sections->len
                         ? g_array_index (self->part_sections, int, selected) : -1;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_shown (self);
}

static void
build_cells (TbCombineWindow *self)
{
  g_autoptr(GtkStringList) parts = gtk_string_list_new (NULL);
  GtkNoSelection *selection;
  int all = -1;

  self->cells = gtk_string_list_new (NULL);
  for (guint i = 0; i < tb_format_get_n_cells (self->format); i++)
    gtk_string_list_append (self->cells, tb_format_get_cell (self->format, i)->id);

  gtk_string_list_append (parts, _("All Parts"));
  g_array_append_val (self->part_sections, all);
  for (guint s = 0; s < tb_format_get_n_sections (self->format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (self->format, s);
      gboolean has_cells = section->type == TB_SECTION_TABLE || section->n_fields > 0;
      int index = (int) s;

      if (!has_cells)
        continue;
      gtk_string_list_append (parts, section->heading);
      g_array_append_val (self->part_sections, index);
    }
  gtk_drop_down_set_model (self->section_dropdown, G_LIST_MODEL (parts));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->cells)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_object (self->section_dropdown, "notify::selected", G_CALLBACK (refilter),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (refilter), self,
                           G_CONNECT_SWAPPED);
  refilter (self);
}

/* ------------------------------------------------------------------ inputs */

static void
build_inputs (TbCombineWindow *self,
              GPtrArray       *notes)
{
  g_autofree char *heading = NULL;

  tb_combine_inputs_setup_view (self->inputs_view, self->inputs);
  self->n_not_ready = tb_combine_inputs_count_not_ready (self->inputs);
  heading = tb_combine_inputs_dup_heading (g_list_model_get_n_items (self->inputs),
                                           tb_report_get_year (self->summary), self->format,
                                           self->n_not_ready);
  gtk_label_set_label (self->inputs_heading, heading);

  if (notes != NULL && notes->len > 0)
    {
      g_autoptr(GString) text = g_string_new (_("Notes:"));

      for (guint i = 0; i < notes->len; i++)
        g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (notes, i));
      gtk_label_set_label (self->notes_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->notes_label), TRUE);
    }
}

/* ------------------------------------------------------------------ actions */

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  TbCombineWindow *self = TB_COMBINE_WINDOW (source);
  g_autoptr(GError) error = NULL;
  const char *path = g_task_get_task_data (G_TASK (result));

  if (tb_combine_window_export_csv_finish (self, result, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("Breakdown saved as “%s”"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, tb_toast_new_plain (message));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Could Not Export the Breakdown"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TbCombineWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     tb_toast_new_plain (_("The breakdown can only be saved "
                                                           "to a local file")));
      else
        tb_combine_window_export_csv_async (self, path, on_exported_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
tb_combine_window_action_export (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TbCombineWindow *self = TB_COMBINE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = tb_report_dup_title (self->summary);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("CSV Spreadsheets"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");

  chooser = gtk_file_chooser_native_new (_("Export the Breakdown"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* TRANSLATORS: file name of the breakdown; %s is the summary's title */
  name = g_strdup_printf (_("%s by agency.csv"), title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
summary_window_closed (TbCombineWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "combine.show-summary", FALSE);
  /* Hidden, it could not be brought back any more. */
  gtk_window_set_hide_on_close (GTK_WINDOW (self), FALSE);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_summary_window_gone_cb (gpointer  data,
                           GObject  *where_the_window_was)
{
  TbCombineWindow *self = data;

  self->summary_window = NULL;
  summary_window_closed (self);
}

/* Closed, the summary's window leaves the application at once (it may be finalized later). */
static void
on_window_removed_cb (GtkApplication  *application,
                      GtkWindow       *window,
                      TbCombineWindow *self)
{
  if (window != NULL && window == self->summary_window)
    {
      g_object_weak_unref (G_OBJECT (self->summary_window), on_summary_window_gone_cb, self);
      self->summary_window = NULL;
      summary_window_closed (self);
    }
}

static void
tb_combine_window_action_show_summary (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  TbCombineWindow *self = TB_COMBINE_WINDOW (widget);

  if (self->summary_window != NULL)
    gtk_window_present (self->summary_window);
}

static void
tb_combine_window_action_open_input (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_FILE], 0, g_variant_get_string (parameter, NULL));
}

static void
tb_combine_window_action_find (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TB_COMBINE_WINDOW (widget)->search_entry));
}

/* ------------------------------------------------------------------ GObject */

static void
tb_combine_window_dispose (GObject *object)
{
  TbCombineWindow *self = TB_COMBINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->summary != NULL)
    g_clear_signal_handler (&self->changed_id, self->summary);
  if (self->summary_window != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->summary_window), on_summary_window_gone_cb, self);
      self->summary_window = NULL;
    }
  if (self->sum_labels != NULL)
    g_hash_table_remove_all (self->sum_labels);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_COMBINE_WINDOW);
  G_OBJECT_CLASS (tb_combine_window_parent_class)->dispose (object);
}

static void
tb_combine_window_finalize (GObject *object)
{
  TbCombineWindow *self = TB_COMBINE_WINDOW (object);

  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->cells);
  g_clear_object (&self->summary);
  g_clear_pointer (&self->merge, tb_merge_free);
  g_clear_object (&self->inputs);
  g_clear_pointer (&self->part_sections, g_array_unref);
  g_clear_pointer (&self->sum_labels, g_hash_table_unref);
  g_free (self->filter_text);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tb_combine_window_parent_class)->finalize (object);
}

static void
tb_combine_window_class_init (TbCombineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_combine_window_dispose;
  object_class->finalize = tb_combine_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tianbao/Tianbao/ui/"
                                               "tb-combine-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, inputs_heading);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, inputs_view);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, shown_label);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, column_view);

  gtk_widget_class_install_action (widget_class, "combine.export-csv", NULL,
                                   tb_combine_window_action_export);
  gtk_widget_class_install_action (widget_class, "combine.show-summary", NULL,
                                   tb_combine_window_action_show_summary);
  /* Its shortcut (Ctrl+F) is the application's, with all the others. */
  gtk_widget_class_install_action (widget_class, "combine.find", NULL,
                                   tb_combine_window_action_find);
  gtk_widget_class_install_action (widget_class, "combine.open-input", "s",
                                   tb_combine_window_action_open_input);

  /**
   * TbCombineWindow::open-file:
   * @path: the file of an input
   *
   * The clerk asked to open an input report.
   */
  signals[OPEN_FILE] =
    g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tb_combine_window_init (TbCombineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->part_sections = g_array_new (FALSE, FALSE, sizeof (int));
  self->sum_labels = g_hash_table_new (NULL, NULL);
  self->filter_section = -1;
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------------ public */

TbCombineWindow *
tb_combine_window_new (GtkApplication    *application,
                       TbMerge           *merge,
                       GListModel        *inputs,
                       TbReport          *summary,
                       GPtrArray      *notes,
                       GtkWindow      *summary_window)
{
  TbCombineWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (inputs), NULL);
  g_return_val_if_fail (TB_IS_REPORT (summary), NULL);
  g_return_val_if_fail (merge == NULL ||
                        tb_report_get_format (summary) == tb_merge_get_format (merge), NULL);

  self = g_object_new (TB_TYPE_COMBINE_WINDOW, "application", application, NULL);
  self->merge = merge;
  self->inputs = g_object_ref (inputs);
  self->summary = g_object_ref (summary);
  self->format = tb_report_get_format (summary);
  if (summary_window != NULL)
    {
      self->summary_window = summary_window;
      g_object_weak_ref (G_OBJECT (summary_window), on_summary_window_gone_cb, self);
      /* The summary's window shows it again (win.show-breakdown). */
      gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);
      if (application != NULL)
        g_signal_connect_object (application, "window-removed",
                                 G_CALLBACK (on_window_removed_cb), self, 0);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "combine.show-summary",
                                 summary_window != NULL);
  self->changed_id = g_signal_connect (summary, "changed", G_CALLBACK (on_summary_changed_cb),
                                       self);

  build_inputs (self, notes);
  build_columns (self);
  build_cells (self);
  update_title (self);
  return self;
}

TbReport *
tb_combine_window_get_summary (TbCombineWindow *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), NULL);
  return self->summary;
}

TbMerge *
tb_combine_window_get_merge (TbCombineWindow *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), NULL);
  return self->merge;
}

GListModel *
tb_combine_window_get_inputs (TbCombineWindow *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), NULL);
  return self->inputs;
}

static void
on_csv_exported_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (tb_combine_export_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tb_combine_window_export_csv_async (TbCombineWindow     *self,
                                    const char          *path,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TB_IS_COMBINE_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_combine_window_export_csv_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  tb_combine_export_async (self->merge, self->summary, self->inputs, path, self->cancellable,
                           on_csv_exported_cb, task);
}

gboolean
tb_combine_window_export_csv_finish (TbCombineWindow  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
tb_combine_window_dup_value (TbCombineWindow *self,
                             const char      *cell_id,
                             int              input)
{
  const TbCellSpec *spec;
  TbReport *report;
  TbCellState state;

  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), NULL);
  spec = tb_format_find_cell (self->format, cell_id);
  report = column_report (self, input);
  g_return_val_if_fail (spec != NULL && report != NULL, NULL);
  return tb_combine_cell_dup_text (report, spec, &state);
}

void
tb_combine_window_show_cells (TbCombineWindow *self,
                              const char      *section_id,
                              const char      *search)
{
  guint selected = 0;

  g_return_if_fail (TB_IS_COMBINE_WINDOW (self));
  if (section_id != NULL)
    {
      const TbSectionSpec *section = tb_format_find_section (self->format, section_id);

      for (guint i = 0; section != NULL && i < self->part_sections->len; i++)
        if (g_array_index (self->part_sections, int, i) == (int) section->index)
          selected = i;
    }
  gtk_drop_down_set_selected (self->section_dropdown, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
  /* The entry says "search-changed" after a delay; the test wants it now. */
  refilter (self);
}

guint
tb_combine_window_get_n_shown (TbCombineWindow *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

guint
tb_combine_window_get_n_not_ready (TbCombineWindow *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), 0);
  return self->n_not_ready;
}

GPtrArray *
tb_combine_window_list_columns (TbCombineWindow *self)
{
  GListModel *columns;
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), out);
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_ptr_array_add (out, (gpointer) gtk_column_view_column_get_title (column));
    }
  return out;
}
