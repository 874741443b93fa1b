/* tb-combine-inputs.c: the list of combined reports in the breakdown window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-combine-inputs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine-inputs.h"
#include "tb-tooltip.h"

enum
{
  COLUMN_AGENCY,
  COLUMN_FILE,
  COLUMN_STATUS,
};

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  if (GPOINTER_TO_INT (data) == COLUMN_STATUS)
    gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), label);
  tb_tooltip_keep_terms (box);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  TbCombineInput *input = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  const char *text;

  switch (GPOINTER_TO_INT (data))
    {
    case COLUMN_AGENCY:
      text = tb_combine_input_get_agency (input);
      gtk_widget_set_tooltip_text (box, text);
      break;
    case COLUMN_FILE:
      text = tb_combine_input_get_file (input);
      /* The whole path: which folder it came from. */
      gtk_widget_set_tooltip_text (box, tb_combine_input_get_path (input)
                                        ? tb_combine_input_get_path (input) : text);
      break;
    case COLUMN_STATUS:
    default:
      {
        GtkWidget *icon = gtk_widget_get_first_child (box);
        gboolean ready = tb_combine_input_is_ready (input);
        const char *details = tb_combine_input_get_details (input);
        const char *classes[] = { ready ? "success" : "warning", NULL };

        text = tb_combine_input_get_summary (input);
        gtk_image_set_from_icon_name (GTK_IMAGE (icon), ready ? "emblem-ok-symbolic"
                                                              : "dialog-warning-symbolic");
        gtk_widget_set_css_classes (icon, classes);
        gtk_widget_set_tooltip_text (box, *details != '\0' ? details : text);
      }
      break;
    }
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            int            column,
            int            width,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_append_column (view, col);
}

static void
on_activate_cb (GtkColumnView *view,
                guint          position,
                gpointer       data)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(TbCombineInput) input = model ? g_list_model_get_item (model, position) : NULL;

  if (input != NULL && tb_combine_input_get_path (input) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (view), "combine.open-input", "s",
                                tb_combine_input_get_path (input));
}

void
tb_combine_inputs_setup_view (GtkColumnView *view,
                              GListModel    *inputs)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (G_IS_LIST_MODEL (inputs));

  selection = gtk_single_selection_new (g_object_ref (inputs));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  add_column (view, _("Agency"), COLUMN_AGENCY, 220, FALSE);
  add_column (view, _("File"), COLUMN_FILE, 200, FALSE);
  add_column (view, _("Status"), COLUMN_STATUS, 300, TRUE);
  g_signal_connect (view, "activate", G_CALLBACK (on_activate_cb), NULL);
}

guint
tb_combine_inputs_count_not_ready (GListModel *inputs)
{
  guint n = g_list_model_get_n_items (inputs), n_not_ready = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TbCombineInput) input = g_list_model_get_item (inputs, i);

      n_not_ready += !tb_combine_input_is_ready (input);
    }
  return n_not_ready;
}

char *
tb_combine_inputs_dup_heading (guint           n,
                               int             year,
                               const TbFormat *format,
                               guint           n_not_ready)
{
  g_autofree char *count = NULL;

  /* TRANSLATORS: "3 reports on 2024, format 国办公开办函〔2021〕30号" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report on %d, format %s",
                                        "%u reports on %d, format %s", n),
                           n, year, tb_format_get_document (format));
  if (n_not_ready == 0)
    /* TRANSLATORS: %s is "3 reports on 2024, format …" */
    return g_strdup_printf (_("%s: all ready"), count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: %s is "3 reports on 2024, format …" */
                                       "%s: %u is not ready; where its cells are not "
                                       "filled, the sums are left empty",
                                       "%s: %u are not ready; where their cells are not "
                                       "filled, the sums are left empty",
                                       n_not_ready),
                          count, n_not_ready);
}
