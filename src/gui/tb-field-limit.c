/* tb-field-limit.c: entries that take no more than a report field may hold
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkText's own max-length cuts a paste without a word, so the limit is kept here, in the
 * insert-text handlers: what fits is inserted (blocked against ourselves), the rest is
 * dropped, and the clerk is told how much. Counting is cheap: an entry holds at most a few
 * hundred characters, and a text buffer keeps its count.
 */
#define G_LOG_DOMAIN "tb-field-limit"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tb-field-limit.h"

#define FIELD_KEY "tb-field-limit"
#define POPOVER_KEY "tb-field-limit-popover"

char *
tb_field_limit_message (TbField field,
                        gsize   n_left_out)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: %s is a field's name, e.g. "The
                                        * agency"; then its limit, then what was left out */
                                       "%s holds at most %u characters: %lu character of "
                                       "what was typed or pasted was not taken.",
                                       "%s holds at most %u characters: %lu characters of "
                                       "what was typed or pasted were not taken.",
                                       n_left_out),
                          tb_field_get_name (field), tb_field_get_max_chars (field),
                          (gulong) n_left_out);
}

static void
unparent_popover (GtkWidget *popover)
{
  gtk_widget_unparent (popover);
}

/* In the report window's toast, the Preferences window's, or else a popover at @widget. */
static void
tell (GtkWidget  *widget,
      const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *popover;

  gtk_widget_error_bell (widget);
  if (gtk_widget_activate_action (widget, "win.toast", "s", message))
    return;
  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                        adw_toast_new (escaped));
      return;
    }
  popover = g_object_get_data (G_OBJECT (widget), POPOVER_KEY);
  if (popover == NULL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (popover), label);
      gtk_popover_set_autohide (GTK_POPOVER (popover), TRUE);
      gtk_widget_set_parent (popover, widget);
      g_object_set_data (G_OBJECT (widget), POPOVER_KEY, popover);
      g_signal_connect_swapped (widget, "destroy", G_CALLBACK (unparent_popover), popover);
    }
  gtk_label_set_text (GTK_LABEL (gtk_popover_get_child (GTK_POPOVER (popover))), message);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* ------------------------------------------------------------------ entries */

static void
on_editable_insert_text_cb (GtkEditable *editable,
                            const char  *text,
                            int          length,
                            int         *position,
                            gpointer     data)
{
  TbField field = GPOINTER_TO_INT (data);
  glong max = tb_field_get_max_chars (field);
  glong have = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  glong adding, room;
  g_autofree char *message = NULL;

  if (length < 0)
    length = strlen (text);
  adding = g_utf8_strlen (text, length);
  if (have + adding <= max)
    return;

  room = MAX (0, max - have);
  g_signal_stop_emission_by_name (editable, "insert-text");
  if (room > 0)
    {
      const char *cut = g_utf8_offset_to_pointer (text, room);

      g_signal_handlers_block_by_func (editable, on_editable_insert_text_cb, data);
      gtk_editable_insert_text (editable, text, (int) (cut - text), position);
      g_signal_handlers_unblock_by_func (editable, on_editable_insert_text_cb, data);
    }
  message = tb_field_limit_message (field, (gsize) (adding - room));
  tell (GTK_WIDGET (editable), message);
}

void
tb_field_limit_editable (GtkEditable *editable,
                         TbField      field)
{
  GtkEditable *inner = editable;
  GtkEditable *delegate;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (field < TB_FIELD_N);

  /* The GtkText that really holds the text (inside an entry or an entry row). */
  while ((delegate = gtk_editable_get_delegate (inner)) != NULL)
    inner = delegate;
  g_object_set_data (G_OBJECT (inner), FIELD_KEY, GINT_TO_POINTER (field + 1));
  g_signal_connect (inner, "insert-text", G_CALLBACK (on_editable_insert_text_cb),
                    GINT_TO_POINTER (field));
}

/* ------------------------------------------------------------------ text buffers */

static void
on_buffer_insert_text_cb (GtkTextBuffer *buffer,
                          GtkTextIter   *location,
                          const char    *text,
                          int            length,
                          GtkWidget     *view)
{
  TbField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), FIELD_KEY)) - 1;
  glong max = tb_field_get_max_chars (field);
  glong have = gtk_text_buffer_get_char_count (buffer);
  glong adding, room;
  g_autofree char *message = NULL;

  if (length < 0)
    length = strlen (text);
  adding = g_utf8_strlen (text, length);
  if (have + adding <= max)
    return;

  room = MAX (0, max - have);
  g_signal_stop_emission_by_name (buffer, "insert-text");
  if (room > 0)
    {
      const char *cut = g_utf8_offset_to_pointer (text, room);

      g_signal_handlers_block_by_func (buffer, on_buffer_insert_text_cb, view);
      gtk_text_buffer_insert (buffer, location, text, (int) (cut - text));
      g_signal_handlers_unblock_by_func (buffer, on_buffer_insert_text_cb, view);
    }
  message = tb_field_limit_message (field, (gsize) (adding - room));
  tell (view, message);
}

void
tb_field_limit_buffer (GtkTextBuffer *buffer,
                       GtkWidget     *view,
                       TbField        field)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (field < TB_FIELD_N);

  g_object_set_data (G_OBJECT (buffer), FIELD_KEY, GINT_TO_POINTER (field + 1));
  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_buffer_insert_text_cb), view,
                           0);
}
