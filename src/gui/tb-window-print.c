/* tb-window-print.c: what the window's Print does
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It draws the pages of TbLayout (src/render/tb-layout.h) through TbPrintOperation, the
 * same pages as the PDF export (tb-window-export.c).
 */
#define G_LOG_DOMAIN "tb-window-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-print-operation.h"
#include "tb-window-private.h"

/* Print settings (printer, copies…) are kept for the next Print of this session. */
static GtkPrintSettings *last_print_settings;

/* ------------------------------------------------------------------ print */

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  TbWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_print_settings, gtk_print_operation_get_print_settings (op));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (op, &error);
      message = g_strdup_printf (_("Could not print: %s"), error ? error->message : "?");
      tb_window_add_toast (self, message);
    }
  g_object_unref (op);
  g_object_unref (self);
}

void
tb_window_print (TbWindow *self)
{
  TbPrintOperation *op;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->document == NULL)
    return;
  tb_window_validate_now (self);
  op = tb_print_operation_new (tb_window_get_report (self));
  if (last_print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (op), last_print_settings);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  /* "done" comes for every outcome once the operation started: it drops both refs. */
  g_signal_connect (op, "done", G_CALLBACK (on_print_done_cb), g_object_ref (self));
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      tb_window_add_toast (self, message);
    }
}
