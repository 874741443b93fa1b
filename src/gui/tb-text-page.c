/* tb-text-page.c: the page of a text section (一、五、六)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text view for the section's text with the format's guidance above it: the official
 * sub-headings (topics) as buttons that insert them, and the section's structured fields
 * (the 信息处理费 figures of 六) with a button that writes the standard sentence.
 */
#define G_LOG_DOMAIN "tb-text-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tb-cell-entry.h"
#include "tb-field-limit.h"
#include "tb-sentence.h"
#include "tb-text-page-private.h"
#include "tb-text.h"

/* ------------------------------------------------------------------ struct */

struct _TbTextPage
{
  TbSectionPage  parent_instance;

  /* template */
  GtkLabel      *heading_label;
  GtkLabel      *guidance_label;
  GtkWidget     *topics_box;
  GtkFlowBox    *topics_flow;
  AdwPreferencesGroup *fields_group;
  GtkButton     *sentence_button;
  GtkTextView   *text_view;
  GtkTextBuffer *buffer;
  GtkLabel      *count_label;

  const TbSectionSpec *spec;
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (TbTextPage, tb_text_page, TB_TYPE_SECTION_PAGE)

/* ------------------------------------------------------------------ helpers */

static void
update_count (TbTextPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  GtkTextIter start, end;
  guint n;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  n = tb_text_count_characters (text);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", n),
                           n);
  gtk_label_set_label (self->count_label, label);
}

static void
update_sentence_button (TbTextPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  g_autofree char *sentence = NULL;

  if (report == NULL || self->spec->sentence == NULL)
    return;
  sentence = tb_sentence_make (report, self->spec);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sentence_button), sentence != NULL);
}

/* Inserts @text at the cursor on a line of its own. */
static void
insert_paragraph (TbTextPage *self,
                  const char *text)
{
  GtkTextIter iter;
  g_autoptr(GString) s = g_string_new (NULL);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  if (!gtk_text_iter_starts_line (&iter))
    g_string_append_c (s, '\n');
  g_string_append (s, text);
  if (!gtk_text_iter_ends_line (&iter) || gtk_text_iter_is_end (&iter))
    g_string_append_c (s, '\n');
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_insert (self->buffer, &iter, s->str, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (self->buffer));
}

/* ------------------------------------------------------------------ callbacks */

static void
on_buffer_changed_cb (TbTextPage *self)
{
  TbReport *report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  update_count (self);
  if (self->syncing || report == NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  tb_report_set_text (report, self->spec->id, text);
}

static void
on_topic_clicked_cb (GtkButton  *button,
                     TbTextPage *self)
{
  insert_paragraph (self, g_object_get_data (G_OBJECT (button), "tb-heading"));
}

static gboolean
on_field_navigate_cb (TbCellEntry *entry,
                     int          direction,
                     TbTextPage  *self)
{
  GPtrArray *cells = tb_section_page_get_cells (TB_SECTION_PAGE (self));
  guint index = 0;
  int to;

  if (!g_ptr_array_find (cells, entry, &index))
    return FALSE;
  to = (int) index + (direction == TB_NAVIGATE_NEXT || direction == TB_NAVIGATE_DOWN ? 1 : -1);
  if (to < 0 || (guint) to >= cells->len)
    return direction == TB_NAVIGATE_DOWN || direction == TB_NAVIGATE_UP;
  tb_cell_entry_focus (g_ptr_array_index (cells, to));
  return TRUE;
}

static void
on_sentence_clicked_cb (TbTextPage *self)
{
  if (!tb_text_page_insert_sentence (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                _("Fill in the fee figures first"));
}

/* ------------------------------------------------------------------ overrides */

static void
tb_text_page_sync (TbSectionPage  *page,
                   TbReportChange  change,
                   const char     *id)
{
  TbTextPage *self = TB_TEXT_PAGE (page);
  TbReport *report = tb_section_page_get_report (page);
  gboolean bulk = change == TB_REPORT_CHANGE_BULK;

  if (report == NULL)
    return;

  if (bulk || (change == TB_REPORT_CHANGE_TEXT && g_strcmp0 (id, self->spec->id) == 0))
    {
      g_autofree char *text = NULL;
      const char *want = tb_report_get_text (report, self->spec->id);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
      if (g_strcmp0 (text, want) != 0)
        {
          self->syncing = TRUE;
          gtk_text_buffer_set_text (self->buffer, want, -1);
          self->syncing = FALSE;
        }
    }
  if (bulk || change == TB_REPORT_CHANGE_CELL || change == TB_REPORT_CHANGE_META)
    update_sentence_button (self);
}

static void
tb_text_page_focus_main (TbSectionPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (TB_TEXT_PAGE (page)->text_view));
}

static void
tb_text_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_TEXT_PAGE);

  G_OBJECT_CLASS (tb_text_page_parent_class)->dispose (object);
}

static void
tb_text_page_class_init (TbTextPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TbSectionPageClass *page_class = TB_SECTION_PAGE_CLASS (klass);

  object_class->dispose = tb_text_page_dispose;
  page_class->sync = tb_text_page_sync;
  page_class->focus_main = tb_text_page_focus_main;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-text-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, topics_box);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, topics_flow);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, sentence_button);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, TbTextPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sentence_clicked_cb);
}

static void
tb_text_page_init (TbTextPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  /* Ctrl+Z belongs to the report's history (tb-history.h), not to the text view. */
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  tb_field_limit_buffer (self->buffer, GTK_WIDGET (self->text_view), TB_FIELD_TEXT);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ public */

GtkWidget *
tb_text_page_new (TbReport *report,
                  guint     section)
{
  TbTextPage *self;
  const TbFormat *format;
  const TbSectionSpec *spec;
  guint n_topics;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);
  spec = tb_format_get_section (format, section);
  g_return_val_if_fail (spec != NULL && spec->type == TB_SECTION_TEXT, NULL);

  self = g_object_new (TB_TYPE_TEXT_PAGE, "section", (int) section, NULL);
  self->spec = spec;
  gtk_label_set_label (self->heading_label, spec->heading);
  gtk_label_set_label (self->guidance_label, tb_format_gettext (spec->guidance));
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_label),
                          spec->guidance != NULL && *spec->guidance != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spec->heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tb_format_gettext (spec->guidance),
                                  -1);

  n_topics = spec->topics ? g_strv_length ((char **) spec->topics) : 0;
  for (guint i = 0; i < n_topics; i++)
    {
      const char *numeral = tb_format_get_numeral (format, i + 1);
      g_autofree char *heading = g_strdup_printf ("（%s）%s", numeral ? numeral : "",
                                                  spec->topics[i]);
      GtkWidget *button = gtk_button_new_with_label (heading);
      g_autofree char *tooltip = g_strdup_printf (_("Insert the heading “%s”"), heading);

      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "tb-heading", g_steal_pointer (&heading),
                              g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_topic_clicked_cb), self);
      gtk_flow_box_append (self->topics_flow, button);
    }
  gtk_widget_set_visible (self->topics_box, n_topics > 0);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const TbCellSpec *cell = tb_format_get_cell (format, spec->fields[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *entry = tb_cell_entry_new (report, cell->index);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cell->label);
      gtk_widget_set_hexpand (entry, FALSE);
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
      /* The row labels the entry too: GTK 4.8 would say both, "发出收费通知件数
       * 发出收费通知件数". The entry's own label (the cell's) is enough. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      adw_preferences_group_add (self->fields_group, row);
      tb_section_page_add_cell (TB_SECTION_PAGE (self), entry);
      g_signal_connect_object (entry, "navigate", G_CALLBACK (on_field_navigate_cb), self, 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), spec->n_fields > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sentence_button), spec->sentence != NULL);

  tb_section_page_set_report (TB_SECTION_PAGE (self), report);
  update_count (self);
  return GTK_WIDGET (self);
}

GtkTextView *
tb_text_page_get_text_view (TbTextPage *self)
{
  g_return_val_if_fail (TB_IS_TEXT_PAGE (self), NULL);
  return self->text_view;
}

gboolean
tb_text_page_insert_sentence (TbTextPage *self)
{
  TbReport *report;
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  int s, e;

  g_return_val_if_fail (TB_IS_TEXT_PAGE (self), FALSE);

  report = tb_section_page_get_report (TB_SECTION_PAGE (self));
  sentence = tb_sentence_make (report, self->spec);
  if (sentence == NULL)
    return FALSE;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  if (tb_sentence_find (self->spec, text, &s, &e))
    {
      /* Written before with other figures: bring it up to date in place. */
      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, s);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, e);
      gtk_text_buffer_begin_user_action (self->buffer);
      gtk_text_buffer_delete (self->buffer, &start, &end);
      gtk_text_buffer_insert (self->buffer, &start, sentence, -1);
      gtk_text_buffer_end_user_action (self->buffer);
      return TRUE;
    }
  insert_paragraph (self, sentence);
  return TRUE;
}
