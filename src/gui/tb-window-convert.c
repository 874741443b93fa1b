/* tb-window-convert.c: a report moved into the format of its year
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typing a year of the other format moves the report into that format (tb_report_convert())
 * on the next idle, with a toast to undo it; a report opened on a year its format is not
 * for gets a toast offering the conversion instead. Both keep the same document, file and
 * recovery copy.
 */
#define G_LOG_DOMAIN "tb-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-report-convert.h"
#include "tb-toast.h"
#include "tb-window-private.h"

static void
on_convert_toast_dismissed_cb (TbWindow *self)
{
  self->convert_toast = NULL;
}

static void
dismiss_convert_toast (TbWindow *self)
{
  AdwToast *toast = g_steal_pointer (&self->convert_toast);

  if (toast != NULL)
    adw_toast_dismiss (toast);
}

static gboolean
convert_cb (gpointer data)
{
  TbWindow *self = data;
  TbReport *report = tb_window_get_report (self);
  const TbFormat *format;
  g_autoptr(TbReport) converted = NULL;
  g_autoptr(TbReport) old = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  guint dropped = 0;

  self->convert_id = 0;
  if (report == NULL)
    return G_SOURCE_REMOVE;
  format = tb_format_for_year (tb_report_get_year (report));
  if (format == NULL || format == tb_report_get_format (report))
    return G_SOURCE_REMOVE;

  /* The same document, file and recovery copy; the report in its new format. */
  dismiss_convert_toast (self);
  old = g_object_ref (report);
  converted = tb_report_convert (old, format, &dropped);
  tb_document_set_report (self->document, converted);
  g_set_object (&self->before_convert, old);
  tb_window_update_actions (self);

  if (dropped > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Now in the format %s: %u value has no place in it",
                                            "Now in the format %s: %u values have no place in it",
                                            dropped),
                               tb_format_get_document (format), dropped);
  else
    message = g_strdup_printf (_("Now in the format %s"), tb_format_get_document (format));
  toast = tb_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-convert");
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return G_SOURCE_REMOVE;
}

/* A report opened on a year its format is not for (edited by hand, made by another tool):
 * the checks say so, and a toast offers the conversion until it is done. */
void
tb_window_offer_conversion (TbWindow *self)
{
  TbReport *report = tb_window_get_report (self);
  const TbFormat *format = tb_report_get_format (report);
  const TbFormat *wanted = tb_format_for_year (tb_report_get_year (report));
  g_autofree char *message = NULL;
  AdwToast *toast;

  dismiss_convert_toast (self);
  if (wanted == NULL || wanted == format)
    return;
  /* TRANSLATORS: the year, the official document of the report's format, and that of the
   * format for the year */
  message = g_strdup_printf (_("This report is on %d, but in the format of %s: convert it "
                               "to the format of %s"),
                             tb_report_get_year (report), tb_format_get_document (format),
                             tb_format_get_document (wanted));
  toast = tb_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_Convert"));
  adw_toast_set_action_name (toast, "win.convert-format");
  adw_toast_set_timeout (toast, 0);
  /* Known until it goes (the overlay holds it while it shows or waits). */
  self->convert_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_convert_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
tb_window_convert_soon (TbWindow *self)
{
  TbReport *report = tb_window_get_report (self);
  const TbFormat *wanted;

  if (report == NULL || self->convert_id != 0)
    return;
  wanted = tb_format_for_year (tb_report_get_year (report));
  if (wanted != NULL && wanted != tb_report_get_format (report))
    self->convert_id = g_idle_add (convert_cb, self);
}

void
tb_window_convert_now (TbWindow *self)
{
  g_return_if_fail (TB_IS_WINDOW (self));

  dismiss_convert_toast (self);
  if (self->document == NULL)
    return;
  g_clear_handle_id (&self->convert_id, g_source_remove);
  convert_cb (self);
}

void
tb_window_undo_convert (TbWindow *self)
{
  g_autoptr(TbReport) old = NULL;
  const TbFormat *format;

  if (self->before_convert == NULL || self->document == NULL)
    return;
  old = g_steal_pointer (&self->before_convert);
  /* Its year was already moved out of its format's years: bring it back inside. */
  format = tb_report_get_format (old);
  tb_report_set_year (old, CLAMP (tb_report_get_year (old), tb_format_get_first_year (format),
                                  tb_format_get_last_year (format)));
  tb_document_set_report (self->document, old);
  tb_window_update_actions (self);
}
