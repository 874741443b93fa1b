/* tb-report-chooser.h: the file chooser for reports (*.tianbao)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open, Save As, last year's report and Combine Reports all ask for a report file the same
 * way: a native chooser over the window, filtered to reports, starting in a folder that
 * makes sense.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TB_REPORT_MIME_TYPE "application/x-tianbao"

/* A modal chooser over @parent showing reports; it starts in the folder of @near (a file,
 * may be NULL). */
GtkFileChooserNative *tb_report_chooser_new      (GtkWindow            *parent,
                                                  GtkFileChooserAction  action,
                                                  const char           *title,
                                                  const char           *accept,
                                                  const char           *near);
/* Adds a filter for published reports (web pages, text, Word, PDF) and makes it the one
 * shown; with @with_drafts it also shows Tianbao reports. */
void                  tb_report_chooser_add_published (GtkFileChooserNative *chooser,
                                                       gboolean              with_drafts);
/* (transfer full): the local path chosen when @response is GTK_RESPONSE_ACCEPT, else NULL. */
char                 *tb_report_chooser_dup_path (GtkNativeDialog      *chooser,
                                                  int                   response);
/* (transfer full): the local paths chosen, NULL-terminated (empty if none). */
GStrv                 tb_report_chooser_dup_paths (GtkNativeDialog     *chooser,
                                                   int                  response);

G_END_DECLS
