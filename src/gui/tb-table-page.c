/* tb-table-page.c: the page of a table section (二、三、四)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-table-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-cell-entry.h"
#include "tb-html-writer.h"
#include "tb-table-grid.h"
#include "tb-tsv-writer.h"
#include "tb-table-page-private.h"

/* ------------------------------------------------------------------ struct */

struct _TbTablePage
{
  TbSectionPage  parent_instance;

  /* template */
  AdwClamp      *clamp;
  GtkLabel      *heading_label;
  GtkWidget     *totals_box;
  GtkSwitch     *manual_switch;
  GtkLabel      *hint_label;
  AdwBin        *table_bin;

  GtkWidget     *grid;
  const TbTableSpec *table;
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (TbTablePage, tb_table_page, TB_TYPE_SECTION_PAGE)

/* ------------------------------------------------------------------ callbacks */

static void
on_manual_switch_active_cb (TbTablePage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));

  if (self->syncing || report == NULL)
    return;
  tb_report_set_manual_totals (report, gtk_switch_get_active (self->manual_switch));
}

/* ------------------------------------------------------------------ overrides */

static void
tb_table_page_sync (TbSectionPage  *page,
                    TbReportChange  change,
                    const char     *id)
{
  TbTablePage *self = TB_TABLE_PAGE (page);
  TbReport *report = tb_section_page_get_report (page);

  if (report == NULL)
    return;
  if (change == TB_REPORT_CHANGE_BULK || change == TB_REPORT_CHANGE_SETTINGS)
    {
      self->syncing = TRUE;
      gtk_switch_set_active (self->manual_switch, tb_report_get_manual_totals (report));
      self->syncing = FALSE;
    }
}

static void
tb_table_page_focus_main (TbSectionPage *page)
{
  GPtrArray *cells = tb_section_page_get_cells (page);

  for (guint i = 0; i < cells->len; i++)
    if (!tb_cell_entry_get_computed (g_ptr_array_index (cells, i)))
      {
        tb_cell_entry_focus (g_ptr_array_index (cells, i));
        return;
      }
}

static void
tb_table_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_TABLE_PAGE);

  G_OBJECT_CLASS (tb_table_page_parent_class)->dispose (object);
}

static void
tb_table_page_class_init (TbTablePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TbSectionPageClass *page_class = TB_SECTION_PAGE_CLASS (klass);

  object_class->dispose = tb_table_page_dispose;
  page_class->sync = tb_table_page_sync;
  page_class->focus_main = tb_table_page_focus_main;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-table-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, clamp);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, totals_box);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, manual_switch);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, table_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_switch_active_cb);
}

static void
tb_table_page_init (TbTablePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ public */

GtkWidget *
tb_table_page_new (TbReport *report,
                   guint     section)
{
  TbTablePage *self;
  const TbFormat *format;
  const TbSectionSpec *spec;
  GPtrArray *cells;
  gboolean has_totals = FALSE;
  int width = 0;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);
  spec = tb_format_get_section (format, section);
  g_return_val_if_fail (spec != NULL && spec->type == TB_SECTION_TABLE, NULL);

  self = g_object_new (TB_TYPE_TABLE_PAGE, "section", (int) section, NULL);
  gtk_label_set_label (self->heading_label, spec->heading);

  self->table = spec->table;
  self->grid = tb_table_grid_new (report, spec->table);
  adw_bin_set_child (self->table_bin, self->grid);
  cells = tb_table_grid_get_cells (TB_TABLE_GRID (self->grid));
  for (guint i = 0; i < cells->len; i++)
    {
      TbCellEntry *cell = g_ptr_array_index (cells, i);

      tb_section_page_add_cell (TB_SECTION_PAGE (self), GTK_WIDGET (cell));
      has_totals |= tb_cell_entry_get_spec (cell)->total_rule >= 0;
    }
  for (guint c = 0; c < spec->table->n_columns; c++)
    width += tb_table_grid_get_column_width (TB_TABLE_GRID (self->grid), c);
  /* The heading and the switch line up with the table's edges (+ the grid's border). */
  adw_clamp_set_maximum_size (self->clamp, width + 2);
  adw_clamp_set_tightening_threshold (self->clamp, width + 2);

  gtk_widget_set_visible (self->totals_box, has_totals);
  gtk_label_set_label (self->hint_label,
                       has_totals
                       ? _("Shaded totals add themselves up. Tab moves along a row, Enter down a column; a row or block copied from a spreadsheet can be pasted.")
                       : _("Tab moves along a row, Enter down a column; a row or block copied from a spreadsheet can be pasted."));

  tb_section_page_set_report (TB_SECTION_PAGE (self), report);
  return GTK_WIDGET (self);
}

GtkWidget *
tb_table_page_get_grid (TbTablePage *self)
{
  g_return_val_if_fail (TB_IS_TABLE_PAGE (self), NULL);
  return self->grid;
}

void
tb_table_page_copy (TbTablePage *self)
{
  TbReport *report;
  g_autofree char *table = NULL;
  char *tsv;
  g_autoptr(GBytes) html_bytes = NULL;
  g_autoptr(GBytes) tsv_bytes = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  GdkContentProvider *providers[2];
  char *html;

  g_return_if_fail (TB_IS_TABLE_PAGE (self));

  report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  if (report == NULL)
    return;
  /* The charset first, as browsers put it: LibreOffice reads HTML without one as Latin-1. */
  table = tb_html_write_table (report, self->table);
  html = g_strconcat ("<meta charset=\"utf-8\">", table, NULL);
  html_bytes = g_bytes_new_take (html, strlen (html));
  tsv = tb_tsv_write_table (report, self->table);
  tsv_bytes = g_bytes_new_take (tsv, strlen (tsv));
  providers[0] = gdk_content_provider_new_for_bytes ("text/html", html_bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", tsv_bytes);
  content = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
}
