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
#include "tb-value.h"

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
  GtkWidget     *reason_bar;
  GtkLabel      *reason_label;
  GtkWidget     *zero_button;

  GtkWidget     *grid;
  TbCellEntry   *last_edited;  /* of this table, the cell typed into last */
  TbCellEntry   *reason_cell;  /* the cell the reason bar is about, or NULL */
  const TbTableSpec *table;
  gboolean       has_totals;
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (TbTablePage, tb_table_page, TB_TYPE_SECTION_PAGE)

/* With 手动填写合计 on, the totals are typed like every cell: the hint says so. */
static void
update_hint (TbTablePage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  const char *hint;

  if (!self->has_totals)
    hint = _("Tab moves along a row, Enter down a column; a row or block copied from a spreadsheet can be pasted.");
  else if (report != NULL && tb_report_get_manual_totals (report))
    hint = _("Totals are typed by hand and checked against their parts. Tab moves along a row, Enter down a column; a row or block copied from a spreadsheet can be pasted.");
  else
    hint = _("Shaded totals add themselves up. Tab moves along a row, Enter down a column; a row or block copied from a spreadsheet can be pasted.");
  gtk_label_set_label (self->hint_label, hint);
}

/* ------------------------------------------------------------------ the reason bar */

static gboolean
cell_is_invalid (TbReport    *report,
                 TbCellEntry *cell)
{
  return tb_report_get_cell (report, tb_cell_entry_get_cell (cell))->state == TB_CELL_INVALID;
}

/* Text in a number cell ("/", "无") is kept as typed and marked; the bar under the table
 * says at once why it cannot be read, with a one-click 0. It is about the cell typed into
 * last when that one cannot be read, else the first one of the table that cannot. */
static void
update_reason (TbTablePage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  GPtrArray *cells = tb_section_page_get_cells (TB_SECTION_PAGE (self));
  TbCellEntry *cell = NULL;
  guint n_invalid = 0;
  const TbCellSpec *spec;
  const TbCellValue *v;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  gint64 value;

  if (report == NULL)
    return;
  for (guint i = 0; i < cells->len; i++)
    if (cell_is_invalid (report, g_ptr_array_index (cells, i)))
      {
        n_invalid++;
        if (cell == NULL)
          cell = g_ptr_array_index (cells, i);
      }
  if (self->last_edited != NULL && cell_is_invalid (report, self->last_edited))
    cell = self->last_edited;

  self->reason_cell = cell;
  gtk_widget_set_visible (self->reason_bar, cell != NULL);
  if (cell == NULL)
    return;

  spec = tb_cell_entry_get_spec (cell);
  v = tb_report_get_cell (report, spec->index);
  tb_value_parse_cell (spec, v->text ? v->text : "", &value, NULL, &error);
  text = g_string_new (NULL);
  /* TRANSLATORS: a cell's official label, then why its content is not a number the report
   * can take */
  g_string_append_printf (text, C_("cell label: parse error", "%s: %s"), spec->label,
                          error ? error->message : "?");
  if (n_invalid > 1)
    {
      g_string_append (text, " ");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "(%u more cell of this table cannot be read)",
                                           "(%u more cells of this table cannot be read)",
                                           n_invalid - 1),
                              n_invalid - 1);
    }
  gtk_label_set_label (self->reason_label, text->str);
  /* A total the program adds up is not typed into; an amount that wants a unit gets 0
   * only where "0" reads. */
  gtk_widget_set_visible (self->zero_button,
                          !tb_cell_entry_get_computed (cell) &&
                          tb_value_parse_cell (spec, "0", &value, NULL, NULL));
}

static void
on_zero_clicked_cb (TbTablePage *self)
{
  TbCellEntry *cell = self->reason_cell;

  if (cell == NULL)
    return;
  /* As if typed: through the entry, so the history and the rules see it. */
  gtk_editable_set_text (GTK_EDITABLE (cell), "0");
  tb_cell_entry_focus (cell);
}

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
      update_hint (self);
    }
  if (change == TB_REPORT_CHANGE_CELL && id != NULL)
    {
      const TbCellSpec *spec = tb_format_find_cell (tb_report_get_format (report), id);
      GPtrArray *cells = tb_section_page_get_cells (page);

      if (spec == NULL || spec->section != self->table->section)
        return;
      for (guint i = 0; i < cells->len; i++)
        if (tb_cell_entry_get_cell (g_ptr_array_index (cells, i)) == spec->index)
          {
            self->last_edited = g_ptr_array_index (cells, i);
            break;
          }
    }
  if (change == TB_REPORT_CHANGE_CELL || change == TB_REPORT_CHANGE_BULK ||
      change == TB_REPORT_CHANGE_SETTINGS)
    update_reason (self);
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
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, reason_bar);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, TbTablePage, zero_button);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_zero_clicked_cb);
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
  self->has_totals = has_totals;

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
