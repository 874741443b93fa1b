/* tb-combine-inputs.c: the list of combined reports in the breakdown window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-combine-inputs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine-inputs.h"
#include "tb-rules.h"

/* Problems listed per input that is not ready; the report itself shows them all. */
#define MESSAGES_PER_INPUT 8

static GtkWidget *
open_button (const TbMergeInput *in,
             const char         *path)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Open “%s”"), in->name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "combine.open-input");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);
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

static GtkWidget *
ready_row (const TbMergeInput *in,
           const char         *file,
           const char         *path)
{
  GtkWidget *status = gtk_label_new (_("Ready"));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), in->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), file);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  gtk_widget_add_css_class (status, "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  if (path != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button (in, path));
  return row;
}

static GtkWidget *
message_row (const char *title,
             const char *subtitle)
{
  GtkWidget *line = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (line), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_title_lines (ADW_ACTION_ROW (line), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (line), subtitle);
    }
  return line;
}

static GtkWidget *
not_ready_row (const TbMergeInput *in,
               const char         *file,
               const char         *path)
{
  g_autofree char *reason = not_ready_reason (in);
  g_autofree char *subtitle = g_strdup_printf ("%s — %s", file, reason);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *row = adw_expander_row_new ();
  guint shown = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), in->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "warning");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  if (path != NULL)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open_button (in, path));

  for (guint i = 0; i < in->issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (in->issues, i);

      if (issue->severity == TB_SEVERITY_WARNING)
        continue;
      if (shown == MESSAGES_PER_INPUT)
        {
          g_autofree char *more = g_strdup_printf (_("… open the report to see all of its "
                                                     "%u problems"),
                                                   in->n_errors + in->n_incomplete);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), message_row (more, NULL));
          break;
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                message_row (issue->message,
                                             issue->severity == TB_SEVERITY_ERROR
                                             ? _("Error") : _("Not filled in yet")));
      shown++;
    }
  return row;
}

guint
tb_combine_inputs_fill (GtkListBox        *list,
                        TbMerge           *merge,
                        const char *const *paths)
{
  guint n_paths = paths ? g_strv_length ((char **) paths) : 0;
  guint n_not_ready = 0;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), 0);
  g_return_val_if_fail (merge != NULL, 0);

  for (guint i = 0; i < tb_merge_get_n_inputs (merge); i++)
    {
      const TbMergeInput *in = tb_merge_get_input (merge, i);
      const char *path = i < n_paths ? paths[i] : NULL;
      g_autofree char *file = path ? g_filename_display_basename (path) : g_strdup (in->source);

      if (in->ready)
        gtk_list_box_append (list, ready_row (in, file, path));
      else
        {
          gtk_list_box_append (list, not_ready_row (in, file, path));
          n_not_ready++;
        }
    }
  return n_not_ready;
}

char *
tb_combine_inputs_dup_heading (TbMerge *merge,
                               guint    n_not_ready)
{
  guint n = tb_merge_get_n_inputs (merge);
  g_autofree char *count = NULL;

  /* TRANSLATORS: "3 reports on 2024, format 国办公开办函〔2021〕30号" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report on %d, format %s",
                                        "%u reports on %d, format %s", n),
                           n, tb_merge_get_year (merge),
                           tb_format_get_document (tb_merge_get_format (merge)));
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
