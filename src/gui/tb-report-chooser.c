/* tb-report-chooser.c: the file chooser for reports (*.tianbao)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-report-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-report-chooser.h"

GtkFileChooserNative *
tb_report_chooser_new (GtkWindow            *parent,
                       GtkFileChooserAction  action,
                       const char           *title,
                       const char           *accept,
                       const char           *near)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Tianbao Reports"));
  gtk_file_filter_add_pattern (filter, "*.tianbao");
  gtk_file_filter_add_mime_type (filter, TB_REPORT_MIME_TYPE);

  chooser = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (near != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (near);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  return chooser;
}

void
tb_report_chooser_add_published (GtkFileChooserNative *chooser,
                                 gboolean              with_drafts)
{
  static const char *const patterns[] = {
    "*.html", "*.htm", "*.shtml", "*.txt", "*.md", "*.docx", "*.pdf",
  };
  static const char *const types[] = {
    "text/html", "text/plain", "text/markdown", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, with_drafts ? _("Reports and Published Reports")
                                                : _("Published Reports (Web Page, Text, Word, PDF)"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  if (with_drafts)
    {
      gtk_file_filter_add_pattern (filter, "*.tianbao");
      gtk_file_filter_add_mime_type (filter, TB_REPORT_MIME_TYPE);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* The kind is told by the content: a page saved without its extension is read too. */
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
}

char *
tb_report_chooser_dup_path (GtkNativeDialog *chooser,
                            int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file ? g_file_get_path (file) : NULL;
}

GStrv
tb_report_chooser_dup_paths (GtkNativeDialog *chooser,
                             int              response)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}
