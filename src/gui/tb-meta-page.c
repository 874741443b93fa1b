/* tb-meta-page.c: the first page, 基本信息 (agency, year and format, preparer, date)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The year decides the format (tb_format_for_year()); changing it only sets the year on
 * the report, the window notices when the format has to change.
 */
#define G_LOG_DOMAIN "tb-meta-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tb-date.h"
#include "tb-field-limit.h"
#include "tb-meta-page.h"

/* ------------------------------------------------------------------ struct */

struct _TbMetaPage
{
  TbSectionPage   parent_instance;

  /* template */
  AdwEntryRow    *agency_row;
  AdwActionRow   *year_row;
  GtkSpinButton  *year_spin;
  AdwActionRow   *title_row;
  AdwEntryRow    *preparer_row;
  AdwEntryRow    *contact_row;
  AdwEntryRow    *date_row;
  GtkMenuButton  *calendar_button;
  GtkCalendar    *calendar;
  AdwPreferencesGroup *source_group;
  AdwActionRow   *source_row;

  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (TbMetaPage, tb_meta_page, TB_TYPE_SECTION_PAGE)

/* ------------------------------------------------------------------ helpers */

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

static void
update_format_rows (TbMetaPage *self,
                    TbReport   *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = tb_report_dup_title (report);

  /* Translators: the official name of the format and its document number */
  subtitle = g_strdup_printf (_("Format: %s (%s)"), tb_format_get_name (format),
                              tb_format_get_document (format));
  adw_action_row_set_subtitle (self->year_row, subtitle);
  adw_action_row_set_subtitle (self->title_row, title);
}

static void
update_date_state (TbMetaPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  g_autofree char *iso = tb_date_parse (text);

  if (*text != '\0' && iso == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row),
                                   _("Not a date: write it as 2025-01-20 or 2025年1月20日"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->date_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), NULL);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->date_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

/* ------------------------------------------------------------------ callbacks */

static void
on_agency_changed_cb (TbMetaPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));

  if (!self->syncing && report != NULL)
    tb_report_set_agency (report, gtk_editable_get_text (GTK_EDITABLE (self->agency_row)));
}

static void
on_preparer_changed_cb (TbMetaPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));

  if (!self->syncing && report != NULL)
    tb_report_set_preparer (report, gtk_editable_get_text (GTK_EDITABLE (self->preparer_row)));
}

static void
on_contact_changed_cb (TbMetaPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));

  if (!self->syncing && report != NULL)
    tb_report_set_contact (report, gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
}

static void
on_date_changed_cb (TbMetaPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  g_autofree char *iso = tb_date_parse (text);

  update_date_state (self);
  if (self->syncing || report == NULL)
    return;
  /* The model holds ISO dates only; what cannot be read stays in the row, marked. */
  if (*text == '\0')
    tb_report_set_report_date (report, NULL);
  else if (iso != NULL)
    tb_report_set_report_date (report, iso);
}

static void
on_year_changed_cb (TbMetaPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));

  if (!self->syncing && report != NULL)
    tb_report_set_year (report, gtk_spin_button_get_value_as_int (self->year_spin));
}

static void
on_calendar_day_selected_cb (TbMetaPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), iso);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
on_calendar_shown_cb (TbMetaPage *self)
{
  g_autofree char *iso = tb_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  g_autoptr(GDateTime) date = NULL;

  if (iso != NULL)
    {
      g_autofree char *stamp = g_strconcat (iso, "T12:00:00Z", NULL);

      date = g_date_time_new_from_iso8601 (stamp, NULL);
    }
  if (date == NULL)
    date = g_date_time_new_now_local ();
  g_signal_handlers_block_by_func (self->calendar, on_calendar_day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, date);
  g_signal_handlers_unblock_by_func (self->calendar, on_calendar_day_selected_cb, self);
}

/* The calendar is made the first time it is opened: its forty-odd day labels are not needed
 * to show the page. */
static void
create_calendar_cb (GtkMenuButton *button,
                    gpointer       data)
{
  TbMetaPage *self = data;
  GtkWidget *popover;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = gtk_popover_new ();
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected",
                            G_CALLBACK (on_calendar_day_selected_cb), self);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_calendar_shown_cb), self);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  gtk_menu_button_set_popover (button, popover);
}

/* Where an imported report came from: the file, its kind and the time of the import, and
 * its SHA-256 to find that very file again. */
static void
update_source_row (TbMetaPage *self,
                   TbReport   *report)
{
  const TbProvenance *source = tb_report_get_imported_from (report);
  g_autofree char *subtitle = NULL;
  g_autofree char *date = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->source_group), source != NULL);
  if (source == NULL)
    return;
  date = tb_provenance_format_date (source);
  /* TRANSLATORS: the file's kind ("web page") and the import time; then its SHA-256 */
  subtitle = g_strdup_printf (_("%s, imported %s\nSHA-256 %s"),
                              tb_provenance_kind_to_string (source->kind), date,
                              source->sha256);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), source->file);
  adw_action_row_set_subtitle (self->source_row, subtitle);
}

/* ------------------------------------------------------------------ overrides */

static void
tb_meta_page_sync (TbSectionPage  *page,
                   TbReportChange  change,
                   const char     *id)
{
  TbMetaPage *self = TB_META_PAGE (page);
  TbReport *report = tb_section_page_get_report (page);

  if (report == NULL || (change != TB_REPORT_CHANGE_BULK && change != TB_REPORT_CHANGE_META))
    return;

  self->syncing = TRUE;
  set_editable_text (GTK_EDITABLE (self->agency_row), tb_report_get_agency (report));
  set_editable_text (GTK_EDITABLE (self->preparer_row), tb_report_get_preparer (report));
  set_editable_text (GTK_EDITABLE (self->contact_row), tb_report_get_contact (report));
  {
    /* Keep a date being typed ("2025年1月") until it reads as the model's date. */
    g_autofree char *shown = tb_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
    const char *date = tb_report_get_report_date (report);

    if (g_strcmp0 (shown, date) != 0 &&
        !(date == NULL && *gtk_editable_get_text (GTK_EDITABLE (self->date_row)) != '\0' &&
          shown == NULL))
      set_editable_text (GTK_EDITABLE (self->date_row), date);
  }
  if (gtk_spin_button_get_value_as_int (self->year_spin) != tb_report_get_year (report))
    gtk_spin_button_set_value (self->year_spin, tb_report_get_year (report));
  self->syncing = FALSE;

  update_format_rows (self, report);
  update_date_state (self);
  update_source_row (self, report);
}

static void
tb_meta_page_focus_main (TbSectionPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (TB_META_PAGE (page)->agency_row));
}

static void
tb_meta_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_META_PAGE);

  G_OBJECT_CLASS (tb_meta_page_parent_class)->dispose (object);
}

static void
tb_meta_page_class_init (TbMetaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TbSectionPageClass *page_class = TB_SECTION_PAGE_CLASS (klass);

  object_class->dispose = tb_meta_page_dispose;
  page_class->sync = tb_meta_page_sync;
  page_class->focus_main = tb_meta_page_focus_main;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-meta-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, agency_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, preparer_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, source_group);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, TbMetaPage, calendar_button);
  gtk_widget_class_bind_template_callback (widget_class, on_agency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preparer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
}

static void
tb_meta_page_init (TbMetaPage *self)
{
  g_autoptr(GPtrArray) formats = tb_format_list ();
  int first = G_MAXINT;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->calendar_button, create_calendar_cb, self, NULL);
  /* Ctrl+Z belongs to the report's history (tb-history.h), not to each field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->agency_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->preparer_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->contact_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->date_row), FALSE);
  /* No more than a draft may hold (the reader refuses longer ones). */
  tb_field_limit_editable (GTK_EDITABLE (self->agency_row), TB_FIELD_AGENCY);
  tb_field_limit_editable (GTK_EDITABLE (self->preparer_row), TB_FIELD_PREPARER);
  tb_field_limit_editable (GTK_EDITABLE (self->contact_row), TB_FIELD_CONTACT);

  for (guint i = 0; i < formats->len; i++)
    first = MIN (first, tb_format_get_first_year (g_ptr_array_index (formats, i)));
  if (first != G_MAXINT)
    gtk_spin_button_set_range (self->year_spin, first, 2100);
}

/* ------------------------------------------------------------------ public */

GtkWidget *
tb_meta_page_new (TbReport *report)
{
  TbMetaPage *self;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  self = g_object_new (TB_TYPE_META_PAGE, "section", -1, NULL);
  tb_section_page_set_report (TB_SECTION_PAGE (self), report);
  return GTK_WIDGET (self);
}
