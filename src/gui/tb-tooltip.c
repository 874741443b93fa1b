/* tb-tooltip.c: tooltips that keep Chinese terms whole
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-tooltip"

#include "config.h"

#include "tb-tooltip.h"

/* Longer runs are sentences, not terms: they may break anywhere. */
#define TERM_MAX_CHARS 8

char *
tb_tooltip_glue_terms (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      const char *end = p;
      guint n = 0;

      while (*end != '\0' && g_unichar_get_script (g_utf8_get_char (end)) == G_UNICODE_SCRIPT_HAN)
        {
          end = g_utf8_next_char (end);
          n++;
        }
      if (n == 0)
        {
          end = g_utf8_next_char (p);
          g_string_append_len (out, p, end - p);
        }
      else
        for (const char *q = p; q < end; q = g_utf8_next_char (q))
          {
            if (q != p && n <= TERM_MAX_CHARS)
              g_string_append (out, "\u2060");
            g_string_append_len (out, q, g_utf8_next_char (q) - q);
          }
      p = end;
    }
  return g_string_free (out, FALSE);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  g_autofree char *plain = NULL;
  g_autofree char *glued = NULL;
  GtkWidget *label;

  if (text == NULL)
    return FALSE;
  /* A tooltip in markup (set since) is GTK's to show. */
  plain = g_markup_escape_text (text, -1);
  if (g_strcmp0 (gtk_widget_get_tooltip_markup (widget), plain) != 0)
    return FALSE;
  glued = tb_tooltip_glue_terms (text);
  label = gtk_label_new (glued);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

void
tb_tooltip_keep_terms (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_tooltip_cb,
                             NULL) != 0)
    return;
  /* Before GTK's own handler (the signal runs last), which would show the plain text: this
   * one answers first and stops the emission. */
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

char *
tb_tooltip_dup_shown (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  text = gtk_widget_get_tooltip_text (widget);
  if (text == NULL)
    return NULL;
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_tooltip_cb,
                             NULL) != 0)
    return tb_tooltip_glue_terms (text);
  return g_strdup (text);
}
