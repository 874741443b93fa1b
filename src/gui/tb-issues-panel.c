/* tb-issues-panel.c: the list of every issue of the report, grouped by section
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown in a popover from the header bar. Activating a row emits ::issue-activated with
 * the section and the cell to focus; the window shows the page and focuses the cell.
 * Warnings can be acknowledged here: they stay listed but no longer mark cells.
 */
#define G_LOG_DOMAIN "tb-issues-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-form-state.h"
#include "tb-issues-panel-private.h"

/* ------------------------------------------------------------------ struct */

typedef struct
{
  char       *key;
  char       *message;
  TbSeverity  severity;
  int         section;
  int         cell;
  gboolean    acknowledged;
} PanelIssue;

struct _TbIssuesPanel
{
  GtkWidget   parent_instance;

  /* template */
  GtkWidget  *box;
  GtkLabel   *summary_label;
  GtkListBox *list;

  TbReport   *report;
  GPtrArray  *issues;      /* PanelIssue, in row order */
  char       *signature;   /* of the list shown, to skip identical rebuilds */
  GPtrArray  *rows;        /* GtkListBoxRow, same order */
};

G_DEFINE_FINAL_TYPE (TbIssuesPanel, tb_issues_panel, GTK_TYPE_WIDGET)

enum {
  ISSUE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ helpers */

static void
panel_issue_free (PanelIssue *issue)
{
  g_free (issue->key);
  g_free (issue->message);
  g_free (issue);
}

static const char *
section_heading (TbIssuesPanel *self,
                 int            section)
{
  const TbSectionSpec *spec = NULL;

  if (self->report != NULL && section >= 0)
    spec = tb_format_get_section (tb_report_get_format (self->report), section);
  return spec ? spec->heading : _("Other");
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       data)
{
  TbIssuesPanel *self = data;
  PanelIssue *issue = g_object_get_data (G_OBJECT (row), "tb-issue");
  PanelIssue *prev = before ? g_object_get_data (G_OBJECT (before), "tb-issue") : NULL;
  GtkWidget *header;

  if (issue == NULL || (prev != NULL && prev->section == issue->section))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (section_heading (self, issue->section));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "tb-issues-header");
  gtk_list_box_row_set_header (row, header);
}

static void
on_ack_toggled_cb (GtkCheckButton *check,
                   TbIssuesPanel  *self)
{
  PanelIssue *issue = g_object_get_data (G_OBJECT (check), "tb-issue");

  if (self->report != NULL && issue != NULL)
    tb_report_set_acknowledged (self->report, issue->key, gtk_check_button_get_active (check));
}

static GtkWidget *
make_row (TbIssuesPanel *self,
          PanelIssue    *issue)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon;
  GtkWidget *label = gtk_label_new (issue->message);
  const char *icon_name, *klass, *kind;

  switch (issue->severity)
    {
    case TB_SEVERITY_ERROR:
      icon_name = "dialog-error-symbolic";
      klass = "error";
      kind = _("Error");
      break;
    case TB_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      klass = issue->acknowledged ? "dim-label" : "warning";
      kind = _("Warning");
      break;
    case TB_SEVERITY_INCOMPLETE:
    default:
      icon_name = "document-edit-symbolic";
      klass = "dim-label";
      kind = _("Not filled yet");
      break;
    }
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, klass);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, kind);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_hexpand (label, TRUE);
  if (issue->acknowledged)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (issue->severity == TB_SEVERITY_WARNING)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_("Checked"));

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check,
                                   _("This warning was checked and the figures are right: it no longer marks the cells"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), issue->acknowledged);
      g_object_set_data (G_OBJECT (check), "tb-issue", issue);
      g_signal_connect (check, "toggled", G_CALLBACK (on_ack_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), issue->section >= 0);
  {
    /* TRANSLATORS: what a screen reader says for a problem: its type ("Error"), then its
     * message */
    g_autofree char *a11y = g_strdup_printf (C_("issue type: message", "%s: %s"), kind,
                                             issue->message);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                    -1);
  }
  g_object_set_data (G_OBJECT (row), "tb-issue", issue);
  return row;
}

static void
update_summary (TbIssuesPanel *self)
{
  guint n[3] = { 0, 0, 0 };
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < self->issues->len; i++)
    {
      PanelIssue *issue = g_ptr_array_index (self->issues, i);

      if (issue->severity == TB_SEVERITY_WARNING && issue->acknowledged)
        continue;
      n[issue->severity]++;
    }
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                          n[TB_SEVERITY_ERROR]),
                          n[TB_SEVERITY_ERROR]);
  g_string_append (s, " · ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                          n[TB_SEVERITY_WARNING]),
                          n[TB_SEVERITY_WARNING]);
  g_string_append (s, " · ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u not filled yet",
                                          "%u not filled yet", n[TB_SEVERITY_INCOMPLETE]),
                          n[TB_SEVERITY_INCOMPLETE]);
  gtk_label_set_label (self->summary_label, s->str);
}

/* ------------------------------------------------------------------ callbacks */

static void
on_row_activated_cb (TbIssuesPanel *self,
                     GtkListBoxRow *row)
{
  PanelIssue *issue = g_object_get_data (G_OBJECT (row), "tb-issue");

  if (issue != NULL && issue->section >= 0)
    g_signal_emit (self, signals[ISSUE_ACTIVATED], 0, issue->section, issue->cell);
}

/* ------------------------------------------------------------------ overrides */

static void
tb_issues_panel_dispose (GObject *object)
{
  TbIssuesPanel *self = TB_ISSUES_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_ISSUES_PANEL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->signature, g_free);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (tb_issues_panel_parent_class)->dispose (object);
}

static void
tb_issues_panel_class_init (TbIssuesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_issues_panel_dispose;

  /**
   * TbIssuesPanel::issue-activated:
   * @section: index of the section to show
   * @cell: index of the cell to focus, or -1
   */
  signals[ISSUE_ACTIVATED] =
    g_signal_new ("issue-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-issues-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TbIssuesPanel, box);
  gtk_widget_class_bind_template_child (widget_class, TbIssuesPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TbIssuesPanel, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tbissues");
}

static void
tb_issues_panel_init (TbIssuesPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_issue_free);
  self->rows = g_ptr_array_new ();
  gtk_list_box_set_header_func (self->list, update_header_cb, self, NULL);
  update_summary (self);
}

/* ------------------------------------------------------------------ public */

void
tb_issues_panel_set_report (TbIssuesPanel *self,
                            TbReport      *report)
{
  g_return_if_fail (TB_IS_ISSUES_PANEL (self));
  g_set_object (&self->report, report);
}

void
tb_issues_panel_set_issues (TbIssuesPanel *self,
                            GPtrArray     *issues)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  const TbFormat *format;
  GtkWidget *child;

  g_return_if_fail (TB_IS_ISSUES_PANEL (self));
  g_return_if_fail (issues != NULL);

  sorted = tb_form_sort_issues (issues);
  for (guint i = 0; i < sorted->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (sorted, i);

      g_string_append_printf (signature, "%s|%d|%d|%s\n", issue->key, issue->severity,
                              issue->acknowledged, issue->message);
    }
  if (g_strcmp0 (signature->str, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_string_free (g_steal_pointer (&signature), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->issues, 0);

  format = self->report ? tb_report_get_format (self->report) : NULL;
  for (guint i = 0; i < sorted->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (sorted, i);
      PanelIssue *pi = g_new0 (PanelIssue, 1);
      GtkWidget *row;

      pi->key = g_strdup (issue->key);
      pi->message = g_strdup (issue->message);
      pi->severity = issue->severity;
      pi->section = issue->section;
      pi->cell = format ? tb_form_issue_focus_cell (format, issue) : -1;
      pi->acknowledged = issue->acknowledged;
      g_ptr_array_add (self->issues, pi);
      row = make_row (self, pi);
      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->list, row);
    }
  update_summary (self);
}

guint
tb_issues_panel_get_n_rows (TbIssuesPanel *self)
{
  g_return_val_if_fail (TB_IS_ISSUES_PANEL (self), 0);
  return self->rows->len;
}

void
tb_issues_panel_activate_row (TbIssuesPanel *self,
                              guint          index)
{
  g_return_if_fail (TB_IS_ISSUES_PANEL (self));
  g_return_if_fail (index < self->rows->len);

  g_signal_emit_by_name (self->list, "row-activated", g_ptr_array_index (self->rows, index));
}

void
tb_issues_panel_acknowledge_row (TbIssuesPanel *self,
                                 guint          index,
                                 gboolean       acknowledged)
{
  PanelIssue *issue;

  g_return_if_fail (TB_IS_ISSUES_PANEL (self));
  g_return_if_fail (index < self->issues->len);

  issue = g_ptr_array_index (self->issues, index);
  if (self->report != NULL && issue->severity == TB_SEVERITY_WARNING)
    tb_report_set_acknowledged (self->report, issue->key, acknowledged);
}
