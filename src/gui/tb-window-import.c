/* tb-window-import.c: File → Import…, and the banner of what an import could not read
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A published report (a portal's page, copied text, a Word document, a PDF) chosen here or
 * dropped on the window goes to the session like any file to open (TbWindow::open-file);
 * the session imports it in a worker (tb_import_load_file_async()) and shows it as a new,
 * unsaved report. This window then says what the import could not read as it is: a banner
 * over the pages, whose list jumps to each such cell, so that the clerk checks them against
 * the published report before saving.
 */
#define G_LOG_DOMAIN "tb-window-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-report-chooser.h"
#include "tb-window-private.h"

/* ------------------------------------------------------------------ File → Import… */

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TbWindow        *self)
{
  g_auto(GStrv) paths = tb_report_chooser_dup_paths (chooser, response);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  for (guint i = 0; paths[i] != NULL; i++)
    tb_window_emit_open_file (self, paths[i]);
}

void
tb_window_choose_import (TbWindow *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (TB_IS_WINDOW (self));

  chooser = tb_report_chooser_new (GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                   _("Import Published Report"), _("_Import"),
                                   tb_window_get_path (self));
  tb_report_chooser_add_published (chooser, FALSE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ the banner */

static void
on_import_row_activated_cb (TbWindow      *self,
                            GtkListBoxRow *row)
{
  guint cell = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "tb-cell"));
  const TbFormat *format;

  if (self->document == NULL || cell == 0)
    return;
  format = tb_report_get_format (tb_window_get_report (self));
  if (cell - 1 >= tb_format_get_n_cells (format))
    return;
  gtk_popover_popdown (self->import_popover);
  tb_window_show_section (self, tb_format_get_cell (format, cell - 1)->section, (int) cell - 1);
}

static void
on_import_hide_cb (TbWindow *self)
{
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
}

/* The banner is hidden, not only concealed, when no import is shown: a concealed revealer
 * still measures its child, and styles it, in every window. */
static void
on_import_revealed_cb (TbWindow *self)
{
  if (!gtk_revealer_get_child_revealed (self->import_revealer) &&
      !gtk_revealer_get_reveal_child (self->import_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->import_revealer), FALSE);
}

/* One line for a cell not read as it is: its labels, what happened, where it was. */
static GtkWidget *
new_row (const TbFormat     *format,
         const TbImportCell *c)
{
  const TbCellSpec *spec = tb_format_get_cell (format, c->cell);
  const TbSectionSpec *section = spec->section >= 0
    ? tb_format_get_section (format, (guint) spec->section) : NULL;
  g_autoptr(GString) detail = g_string_new (tb_import_cell_status_to_string (c->status));
  g_autofree char *where = tb_import_format_pos (&c->pos);
  g_autofree char *title = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  title = g_strdup_printf ("%s  %s", section ? section->heading : "", spec->label);
  if (c->text != NULL && *c->text != '\0')
    g_string_append_printf (detail, _(" “%s”"), c->text);
  if (c->reason != NULL)
    g_string_append_printf (detail, " — %s", c->reason);
  if (where != NULL && *where != '\0')
    g_string_append_printf (detail, _(" (%s)"), where);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (detail->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "tb-cell", GUINT_TO_POINTER (c->cell + 1));
  return row;
}

void
tb_window_show_import (TbWindow          *self,
                       const TbImportLog *log)
{
  const TbFormat *format;
  g_autofree char *message = NULL;
  GtkWidget *child;
  guint n = 0, n_cells;

  g_return_if_fail (TB_IS_WINDOW (self));
  g_return_if_fail (log != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->import_list))) != NULL)
    gtk_list_box_remove (self->import_list, child);
  format = self->document ? tb_report_get_format (tb_window_get_report (self)) : NULL;
  if (format == NULL || log->format_id == NULL ||
      g_strcmp0 (log->format_id, tb_format_get_id (format)) != 0)
    return;

  n_cells = log->cells->len;
  for (guint i = 0; i < log->cells->len; i++)
    {
      const TbImportCell *c = &g_array_index (log->cells, TbImportCell, i);

      if (c->status == TB_IMPORT_CELL_READ)
        continue;
      gtk_list_box_append (self->import_list, new_row (format, c));
      n++;
    }
  if (n == 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Imported “%s”: its %u cell was read",
                                              "Imported “%s”: all %u cells were read", n_cells),
                                 log->name ? log->name : "", n_cells);
      gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
      tb_window_add_toast (self, message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported “%s”: %u of %u cells was not read as it "
                                          "is. Check it against the published report.",
                                          "Imported “%s”: %u of %u cells were not read as they "
                                          "are. Check them against the published report.", n),
                             log->name ? log->name : "", n, n_cells);
  gtk_label_set_label (self->import_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->import_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
}

/* ------------------------------------------------------------------ tb-window-private.h */

void
tb_window_import_document_set (TbWindow *self)
{
  GtkWidget *child;

  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->import_list))) != NULL)
    gtk_list_box_remove (self->import_list, child);
}

void
tb_window_class_add_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TbWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, import_popover);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, import_list);
  gtk_widget_class_bind_template_callback (widget_class, on_import_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_hide_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_revealed_cb);
}
