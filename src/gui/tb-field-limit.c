/* tb-field-limit.c: entries that take no more than a report field may hold
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkText's own max-length cuts a paste without a word, so the limit is kept here, in the
 * insert-text handlers: what fits is inserted (blocked against ourselves), the rest is
 * dropped, and the clerk is told how much. Control characters and invisible direction
 * controls, which the draft reader refuses too (tb_field_check()), are left out the same
 * way. Counting is cheap: an entry holds at most a few
 * hundred characters, and a text buffer keeps its count.
 */
#define G_LOG_DOMAIN "tb-field-limit"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tb-field-limit.h"

#define FIELD_KEY "tb-field-limit"
#define POPOVER_KEY "tb-field-limit-popover"
#define TOAST_KEY "tb-field-limit-toast"

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

char *
tb_field_limit_filtered_message (TbField field,
                                 gsize   n_left_out)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: %s is a field's name, e.g. "The
                                        * agency" */
                                       "%s may not hold control characters or invisible "
                                       "direction controls: %lu such character was left out.",
                                       "%s may not hold control characters or invisible "
                                       "direction controls: %lu such characters were left out.",
                                       n_left_out),
                          tb_field_get_name (field), (gulong) n_left_out);
}

static gboolean
is_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\t';
}

/* @text (@length bytes) without the characters @field may not hold (tb-field.h), or NULL
 * when it has none; @n_removed: how many went, not counting line breaks and tabs of a
 * one-line field: those become a space between words (a copied line ends in one, a copied
 * table row has tabs), and go at the ends of what is inserted. */
static char *
filter_text (TbField     field,
             const char *text,
             int         length,
             gsize      *n_removed)
{
  gboolean newlines = tb_field_allows_newlines (field);
  const char *end = text + length;
  const char *start = text;
  GString *kept = NULL;

  *n_removed = 0;
  if (!newlines)
    {
      while (start < end && is_break (*start))
        start++;
      while (end > start && is_break (end[-1]))
        end--;
    }
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = !newlines && is_break (c);
      gboolean drop = !space && (tb_field_is_direction (c) ||
                                 (tb_field_is_control (c) && !(newlines && is_break (c))));

      if ((drop || space) && kept == NULL)
        kept = g_string_new_len (start, p - start);
      if (drop)
        (*n_removed)++;
      else if (space)
        {
          /* "\r\n" and runs of breaks: one space. */
          if (kept->len > 0 && kept->str[kept->len - 1] != ' ')
            g_string_append_c (kept, ' ');
        }
      else if (kept != NULL)
        g_string_append_len (kept, p, g_utf8_next_char (p) - p);
    }
  if (kept == NULL && (start != text || end != text + length))
    kept = g_string_new_len (start, end - start);
  return kept != NULL ? g_string_free (kept, FALSE) : NULL;
}

/* What of @text (@length bytes) goes in, when @have characters are there already: the
 * characters @field may hold, up to its maximum. Sets @message when that is not all. */
static const char *
what_fits (TbField      field,
           glong        have,
           const char  *text,
           int         *length,
           char       **filtered,
           char       **message)
{
  glong max = tb_field_get_max_chars (field);
  gsize n_removed = 0;
  glong adding, room;

  *filtered = filter_text (field, text, *length, &n_removed);
  if (*filtered != NULL)
    {
      text = *filtered;
      *length = strlen (text);
    }
  adding = g_utf8_strlen (text, *length);
  room = MAX (0, max - have);
  if (adding > room)
    {
      *length = g_utf8_offset_to_pointer (text, room) - text;
      *message = tb_field_limit_message (field, (gsize) (adding - room));
    }
  else if (n_removed > 0)
    *message = tb_field_limit_filtered_message (field, n_removed);
  return text;
}

static void
unparent_popover (GtkWidget *popover)
{
  gtk_widget_unparent (popover);
}

static void
on_toast_dismissed_cb (GObject *overlay)
{
  g_object_set_data (overlay, TOAST_KEY, NULL);
}

/* In a toast of the window (the report window, Preferences…), at once; while it shows,
 * the next message replaces its text (typing on at the limit adds no queue of toasts), or in a popover at
 * @widget where there is no toast overlay (a dialog). */
static void
tell (GtkWidget  *widget,
      const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *popover;

  gtk_widget_error_bell (widget);
  if (overlay != NULL)
    {
      AdwToast *shown = g_object_get_data (G_OBJECT (overlay), TOAST_KEY);
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast;

      /* (Dismissing it for a new one can crash libadwaita 1.2 mid-animation.) */
      if (shown != NULL)
        {
          adw_toast_set_title (shown, escaped);
          return;
        }
      toast = adw_toast_new (escaped);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 6);
      g_object_set_data_full (G_OBJECT (overlay), TOAST_KEY, g_object_ref (toast),
                              g_object_unref);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), overlay,
                               G_CONNECT_SWAPPED);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
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
  g_autofree char *filtered = NULL;
  g_autofree char *message = NULL;
  const char *fits;
  int fit_length;

  if (length < 0)
    length = strlen (text);
  fit_length = length;
  fits = what_fits (field, g_utf8_strlen (gtk_editable_get_text (editable), -1), text,
                    &fit_length, &filtered, &message);
  if (fits == text && fit_length == length)
    return;

  g_signal_stop_emission_by_name (editable, "insert-text");
  if (fit_length > 0)
    {
      g_signal_handlers_block_by_func (editable, on_editable_insert_text_cb, data);
      gtk_editable_insert_text (editable, fits, fit_length, position);
      g_signal_handlers_unblock_by_func (editable, on_editable_insert_text_cb, data);
    }
  if (message != NULL)
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
  g_autofree char *filtered = NULL;
  g_autofree char *message = NULL;
  const char *fits;
  int fit_length;

  if (length < 0)
    length = strlen (text);
  fit_length = length;
  fits = what_fits (field, gtk_text_buffer_get_char_count (buffer), text, &fit_length,
                    &filtered, &message);
  if (fits == text && fit_length == length)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  if (fit_length > 0)
    {
      g_signal_handlers_block_by_func (buffer, on_buffer_insert_text_cb, view);
      gtk_text_buffer_insert (buffer, location, fits, fit_length);
      g_signal_handlers_unblock_by_func (buffer, on_buffer_insert_text_cb, view);
    }
  if (message != NULL)
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
