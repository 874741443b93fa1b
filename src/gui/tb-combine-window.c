/* tb-combine-window.c: the breakdown by agency of a combined (summary) report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the table are the cells of the format, in format order (a GtkStringList of
 * cell ids, filtered by part and text); the columns are made when the window is: the part,
 * the official row and column labels, the sum and one column per input. The sum is read
 * from the summary report itself, so what the clerk changes in the summary's window shows
 * here too (and in the exported CSV, as tb_merge_breakdown_csv() writes it).
 */
#define G_LOG_DOMAIN "tb-combine-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-combine-window.h"
#include "tb-draft.h"
#include "tb-rules.h"
#include "tb-session.h"
#include "tb-value.h"

/* Problems listed per input that is not ready; the report itself shows them all. */
#define MESSAGES_PER_INPUT 8

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
  GtkListBox        *inputs_list;
  GtkLabel          *notes_label;
  GtkDropDown       *section_dropdown;
  GtkSearchEntry    *search_entry;
  GtkLabel          *shown_label;
  GtkColumnView     *column_view;

  TbMerge           *merge;
  char             **paths;            /* the inputs' files, or NULL */
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
  GHashTable        *sum_labels;       /* GtkLabel shown in the sum column now */
  guint              n_not_ready;
};

G_DEFINE_FINAL_TYPE (TbCombineWindow, tb_combine_window, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ values */

static const TbCellSpec *
item_spec (TbCombineWindow *self,
           gpointer         item)
{
  return tb_format_find_cell (self->format, gtk_string_object_get_string (item));
}

static const char *
part_heading (TbCombineWindow  *self,
              const TbCellSpec *spec)
{
  return spec->section >= 0 ? tb_format_get_section (self->format, spec->section)->heading
                            : "";
}

static const char *
row_text (const TbCellSpec *spec)
{
  return *spec->row_path ? spec->row_path : spec->label;
}

/* What the table shows for @spec in @report; @state: (out) the cell's state. */
static char *
value_text (TbReport         *report,
            const TbCellSpec *spec,
            TbCellState      *state)
{
  const TbCellValue *v = tb_report_get_cell (report, spec->index);

  *state = v->state;
  switch (v->state)
    {
    case TB_CELL_VALID:
      return tb_value_format_display (spec, v->value, v->unit);
    case TB_CELL_INVALID:
      return g_strdup (v->text ? v->text : "");
    case TB_CELL_EMPTY:
    default:
      return g_strdup ("—");
    }
}

static TbReport *
column_report (TbCombineWindow *self,
               int              column)
{
  if (column == COLUMN_SUM)
    return self->summary;
  if (column >= 0 && (guint) column < tb_merge_get_n_inputs (self->merge))
    return tb_merge_get_input (self->merge, column)->report;
  return NULL;
}

static void
show_value (TbCombineWindow  *self,
            GtkLabel         *label,
            const TbCellSpec *spec,
            int               column)
{
  TbReport *report = column_report (self, column);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  TbCellState state;

  text = value_text (report, spec, &state);
  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (state == TB_CELL_EMPTY)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      tooltip = column == COLUMN_SUM
                ? _("Not summed: a report leaves this cell empty or unreadable")
                : _("Not filled in");
    }
  else if (state == TB_CELL_INVALID)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      tooltip = _("Cannot be read as a number");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

/* ------------------------------------------------------------------ columns */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TbCombineWindow          *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tb-column"));
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
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TbCombineWindow          *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tb-column"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const TbCellSpec *spec = item_spec (self, gtk_list_item_get_item (item));
  const char *text = NULL;

  if (spec == NULL)
    return;
  switch (column)
    {
    case COLUMN_PART:
      text = part_heading (self, spec);
      break;
    case COLUMN_ROW:
      text = row_text (spec);
      break;
    case COLUMN_COLUMN:
      text = spec->column_path;
      break;
    default:
      show_value (self, label, spec, column);
      if (column == COLUMN_SUM)
        {
          g_object_set_data (G_OBJECT (label), "tb-cell", GUINT_TO_POINTER (spec->index + 1));
          g_hash_table_add (self->sum_labels, label);
        }
      return;
    }
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TbCombineWindow          *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  if (label != NULL)
    g_hash_table_remove (self->sum_labels, label);
}

static void
add_column (TbCombineWindow *self,
            const char      *title,
            int              column,
            int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_object_set_data (G_OBJECT (factory), "tb-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
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
  for (guint i = 0; i < tb_merge_get_n_inputs (self->merge); i++)
    add_column (self, tb_merge_get_input (self->merge, i)->name, (int) i, 110);
}

/* ------------------------------------------------------------------ the sum, kept live */

static gboolean
refresh_cb (gpointer data)
{
  TbCombineWindow *self = data;
  GHashTableIter iter;
  gpointer label;

  self->refresh_id = 0;
  g_hash_table_iter_init (&iter, self->sum_labels);
  while (g_hash_table_iter_next (&iter, &label, NULL))
    {
      guint cell = GPOINTER_TO_UINT (g_object_get_data (label, "tb-cell"));

      if (cell > 0)
        show_value (self, label, tb_format_get_cell (self->format, cell - 1), COLUMN_SUM);
    }
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
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  TbCombineWindow *self = data;
  const TbCellSpec *spec = item_spec (self, item);

  if (spec == NULL)
    return FALSE;
  if (self->filter_section >= 0 && spec->section != self->filter_section)
    return FALSE;
  if (self->filter_text == NULL)
    return TRUE;
  return contains (spec->id, self->filter_text) || contains (spec->label, self->filter_text) ||
         contains (spec->row_path, self->filter_text) ||
         contains (spec->column_path, self->filter_text) ||
         contains (part_heading (self, spec), self->filter_text);
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
on_open_input_cb (GtkButton       *button,
                  TbCombineWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "tb-path");
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && path != NULL)
    tb_session_open_path (app, path, NULL);
}

static GtkWidget *
open_button (TbCombineWindow    *self,
             const TbMergeInput *in,
             const char         *path)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Open “%s”"), in->name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "tb-path", g_strdup (path), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_open_input_cb), self, 0);
  return button;
}

/* Why input @in is not ready, naming only what it has: "Not ready: 2 errors, 1 other part
 * incomplete". */
static char *
not_ready_reason (const TbMergeInput *in)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  if (in->n_errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                          "%u errors", in->n_errors),
                                             in->n_errors));
  if (in->n_unfilled > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u cell not filled or unreadable",
                                                          "%u cells not filled or unreadable",
                                                          in->n_unfilled),
                                             in->n_unfilled));
  if (in->n_incomplete > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u other part incomplete",
                                                          "%u other parts incomplete",
                                                          in->n_incomplete),
                                             in->n_incomplete));
  if (parts->len == 0)
    return g_strdup (_("Not ready"));
  g_ptr_array_add (parts, NULL);
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  /* TRANSLATORS: why a combined report is not ready; %s lists what it has, e.g. "2 errors,
   * 3 cells not filled or unreadable" */
  return g_strdup_printf (_("Not ready: %s"), list);
}

static void
add_input_row (TbCombineWindow    *self,
               guint               index,
               const TbMergeInput *in)
{
  const char *path = self->paths != NULL && index < g_strv_length (self->paths)
                     ? self->paths[index] : NULL;
  g_autofree char *file = path ? g_filename_display_basename (path) : g_strdup (in->source);
  GtkWidget *row;

  if (in->ready)
    {
      GtkWidget *status = gtk_label_new (_("Ready"));

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), in->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), file);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      gtk_widget_add_css_class (status, "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      if (path != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button (self, in, path));
    }
  else
    {
      g_autofree char *reason = not_ready_reason (in);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", file, reason);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      guint shown = 0;

      self->n_not_ready++;
      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), in->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, "warning");
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      if (path != NULL)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open_button (self, in, path));

      for (guint i = 0; i < in->issues->len; i++)
        {
          const TbIssue *issue = g_ptr_array_index (in->issues, i);
          GtkWidget *line;

          if (issue->severity == TB_SEVERITY_WARNING)
            continue;
          if (shown == MESSAGES_PER_INPUT)
            {
              g_autofree char *more = g_strdup_printf (_("… open the report to see all of its "
                                                         "%u problems"),
                                                       in->n_errors + in->n_incomplete);

              line = adw_action_row_new ();
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (line), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), more);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
              break;
            }
          line = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (line), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), issue->message);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (line), 0);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (line),
                                       issue->severity == TB_SEVERITY_ERROR
                                       ? _("Error") : _("Not filled in yet"));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
          shown++;
        }
    }
  gtk_list_box_append (self->inputs_list, row);
}

static void
build_inputs (TbCombineWindow *self,
              GPtrArray       *notes)
{
  guint n = tb_merge_get_n_inputs (self->merge);
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < n; i++)
    add_input_row (self, i, tb_merge_get_input (self->merge, i));

  /* TRANSLATORS: "3 reports on 2024, format 国办公开办函〔2021〕30号" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report on %d, format %s",
                                        "%u reports on %d, format %s", n),
                           n, tb_merge_get_year (self->merge),
                           tb_format_get_document (self->format));
  if (self->n_not_ready == 0)
    /* TRANSLATORS: %s is "3 reports on 2024, format …" */
    heading = g_strdup_printf (_("%s: all ready"), count);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* TRANSLATORS: %s is "3 reports on 2024, format …" */
                                            "%s: %u is not ready; where its cells are not "
                                            "filled, the sums are left empty",
                                            "%s: %u are not ready; where their cells are not "
                                            "filled, the sums are left empty",
                                            self->n_not_ready),
                               count, self->n_not_ready);
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
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TbCombineWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("The breakdown can only be saved to a "
                                                      "local file")));
      else if (!tb_combine_window_export_csv_to (self, path, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("Could Not Export the Breakdown"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *message = g_strdup_printf (_("Breakdown saved as “%s”"), name);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
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
  g_clear_pointer (&self->part_sections, g_array_unref);
  g_clear_pointer (&self->sum_labels, g_hash_table_unref);
  g_free (self->filter_text);
  g_strfreev (self->paths);
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
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, inputs_list);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, shown_label);
  gtk_widget_class_bind_template_child (widget_class, TbCombineWindow, column_view);

  gtk_widget_class_install_action (widget_class, "combine.export-csv", NULL,
                                   tb_combine_window_action_export);
  gtk_widget_class_install_action (widget_class, "combine.show-summary", NULL,
                                   tb_combine_window_action_show_summary);
  gtk_widget_class_install_action (widget_class, "combine.find", NULL,
                                   tb_combine_window_action_find);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "combine.find", NULL);
}

static void
tb_combine_window_init (TbCombineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->part_sections = g_array_new (FALSE, FALSE, sizeof (int));
  self->sum_labels = g_hash_table_new (NULL, NULL);
  self->filter_section = -1;
}

/* ------------------------------------------------------------------ public */

TbCombineWindow *
tb_combine_window_new (GtkApplication    *application,
                       TbMerge           *merge,
                       const char *const *paths,
                       TbReport          *summary,
                       GPtrArray      *notes,
                       GtkWindow      *summary_window)
{
  TbCombineWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (merge != NULL, NULL);
  g_return_val_if_fail (TB_IS_REPORT (summary), NULL);
  g_return_val_if_fail (tb_report_get_format (summary) == tb_merge_get_format (merge), NULL);

  self = g_object_new (TB_TYPE_COMBINE_WINDOW, "application", application, NULL);
  self->merge = merge;
  self->paths = g_strdupv ((char **) paths);
  self->summary = g_object_ref (summary);
  self->format = tb_merge_get_format (merge);
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

gboolean
tb_combine_window_export_csv_to (TbCombineWindow *self,
                                 const char      *path,
                                 GError         **error)
{
  g_autoptr(GBytes) csv = NULL;

  g_return_val_if_fail (TB_IS_COMBINE_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = tb_merge_breakdown_csv (self->merge, self->summary);
  return tb_file_write_atomic (path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                               error);
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
  return value_text (report, spec, &state);
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
