/* test-gui-export.c: the Export menu and Copy Table in the window (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actions are activated as the menu and the shortcuts do; the file the clerk would
 * choose is given through the window's test hook (tb_window_set_export_test_path()). Each
 * export writes what its writer makes of the report shown, remembers its folder, and a
 * report that is not ready is exported only after the clerk answered the draft question;
 * the toast's Open hands the file to the desktop's program for it.
 * Copy Table puts the table shown on the clipboard; it is read back in both formats, as
 * another program would ask for them: through a second connection to the display (reading
 * the clipboard of the own connection stays inside GTK), so the bytes go through the X
 * server's selection as they go to a browser or a spreadsheet. The HTML has the official
 * merges and an inline style on every cell (a web editor drops <style> blocks), the
 * tab-separated text the numbers in their grid positions.
 */
#define G_LOG_DOMAIN "test-gui-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <string.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-html-writer.h"
#include "tb-readiness.h"
#include "tb-window-private.h"
#include "tb-zip.h"

#include "tb-test-export.h"
#include "tb-test-util.h"

#define SCHEMA "io.github.tianbao.Tianbao"

static char *test_home;

/* ---- Helpers ------------------------------------------------------------------------- */

static TbWindow *
new_window (TbReport *report)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbDocument) document = tb_document_new_for_report (report, NULL);

  tb_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  return window;
}

static void
destroy_window (TbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tb_test_spin ();
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* The message dialog shown over @window now, or NULL. */
static AdwMessageDialog *
find_dialog (TbWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* What clicking the button of @response does. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  tb_test_spin ();
}

/* Every entry of the .docx at @path, one after the other. */
static char *
docx_text (const char *path)
{
  g_autoptr(GBytes) bytes = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbZip) zip = tb_zip_read (bytes, NULL, &error);
  GString *text = g_string_new (NULL);
  GPtrArray *names;

  g_assert_no_error (error);
  names = tb_zip_list (zip);
  for (guint i = 0; i < names->len; i++)
    {
      GBytes *part = tb_zip_get (zip, g_ptr_array_index (names, i));
      gsize len;
      const char *data = g_bytes_get_data (part, &len);

      g_string_append_len (text, data, len);
    }
  return g_string_free (text, FALSE);
}

/* ---- The Export menu ------------------------------------------------------------------ */

/* Each of win.export-pdf, -html and -docx writes its file: the very bytes of its writer for
 * the report shown (the web page, the Word document), pages for the PDF; the folder is
 * remembered for the next export. */
static void
test_export_actions (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA);
  g_autofree char *dir = g_build_filename (test_home, "exports", NULL);
  g_autofree char *html = g_build_filename (dir, "report.html", NULL);
  g_autofree char *docx = g_build_filename (dir, "report.docx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *folder = NULL;
  TbWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_settings_set_string (settings, "last-export-folder", "");
  window = new_window (report);
  g_assert_cmpuint (tb_readiness_count_blocking_issues (tb_window_get_report (window)), ==, 0);

  tb_window_set_export_test_path (window, html);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-html", NULL));
  tb_test_wait_io ();
  {
    g_autoptr(GBytes) written = read_file (html);
    g_autoptr(GBytes) expected = tb_html_write (tb_window_get_report (window), TB_HTML_DEFAULT);

    g_assert_true (g_bytes_equal (written, expected));
  }
  folder = g_settings_get_string (settings, "last-export-folder");
  g_assert_cmpstr (folder, ==, dir);

  tb_window_set_export_test_path (window, docx);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-docx", NULL));
  tb_test_wait_io ();
  {
    g_autoptr(GBytes) written = read_file (docx);
    g_autoptr(GBytes) expected = tb_docx_write (tb_window_get_report (window),
                                                TB_DOCX_DEFAULT, NULL);

    g_assert_nonnull (expected);
    g_assert_true (g_bytes_equal (written, expected));
  }

  tb_window_set_export_test_path (window, pdf);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-pdf", NULL));
  tb_test_wait_io ();
  if (g_find_program_in_path ("pdfinfo") != NULL)
    g_assert_cmpuint (tb_test_pdf_pages (pdf), >, 1);
  else
    {
      g_autoptr(GBytes) written = read_file (pdf);

      g_assert_true (g_str_has_prefix (g_bytes_get_data (written, NULL), "%PDF-"));
    }

  g_unlink (html);
  g_unlink (docx);
  g_unlink (pdf);
  g_rmdir (dir);
  destroy_window (window);
}

/* A report with a problem asks first; Cancel writes nothing, Export Draft writes the export
 * marked as a draft, for the web page and the Word document as for the PDF. */
static void
test_export_draft (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autofree char *dir = g_build_filename (test_home, "drafts", NULL);
  g_autofree char *html = g_build_filename (dir, "draft.html", NULL);
  g_autofree char *docx = g_build_filename (dir, "draft.docx", NULL);
  TbWindow *window;
  AdwMessageDialog *dialog;
  guint issues;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  tb_report_clear_cell (report, tb_test_cell (report, "t3.r3_1_open.np"));
  window = new_window (report);
  tb_window_validate_now (window);
  issues = tb_readiness_count_blocking_issues (tb_window_get_report (window));
  g_assert_cmpuint (issues, >, 0);

  /* Cancel: nothing. */
  tb_window_set_export_test_path (window, html);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-html", NULL));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "web page"));
  answer (dialog, "cancel");
  g_assert_false (g_file_test (html, G_FILE_TEST_EXISTS));

  /* Export Draft: the web page with its draft mark. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-html", NULL));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  answer (dialog, "draft");
  tb_test_wait_io ();
  {
    g_autoptr(GBytes) written = read_file (html);
    g_autoptr(GBytes) expected = tb_html_write (tb_window_get_report (window), TB_HTML_DRAFT);
    g_autofree char *mark = tb_format_make_draft_mark (tb_report_get_format (report), issues);

    g_assert_true (g_bytes_equal (written, expected));
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (written, NULL),
                                    g_bytes_get_size (written), mark));
  }

  /* The same for the Word document. */
  tb_window_set_export_test_path (window, docx);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-docx", NULL));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Word document"));
  answer (dialog, "draft");
  tb_test_wait_io ();
  {
    g_autofree char *text = docx_text (docx);
    g_autofree char *mark = tb_format_make_draft_mark (tb_report_get_format (report), issues);

    g_assert_nonnull (strstr (text, mark));
  }

  g_unlink (html);
  g_unlink (docx);
  g_rmdir (dir);
  destroy_window (window);
}

/* Whether a label under @widget says @text (a toast's title). */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* The toast's Open (win.open-export) hands the export to the desktop's program for its type
 * (here one that copies it beside); when there is none, a toast says so in plain words. */
static void
test_open_export (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autofree char *dir = g_build_filename (test_home, "open", NULL);
  g_autofree char *docx = g_build_filename (dir, "report.docx", NULL);
  g_autofree char *copy = g_build_filename (dir, "opened.docx", NULL);
  g_autofree char *odd = g_build_filename (dir, "report.tb-unknown-type", NULL);
  g_autofree char *apps = g_build_filename (test_home, "data", "applications", NULL);
  g_autofree char *desktop = g_build_filename (apps, "tb-test-open.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (test_home, "config", "mimeapps.list", NULL);
  g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                                            "Name=Test Opener\nExec=/bin/cp %%f %s\n"
                                            "MimeType=application/vnd.openxmlformats-"
                                            "officedocument.wordprocessingml.document;\n"
                                            "NoDisplay=true\n", copy);
  g_autofree char *uri = NULL;
  g_autofree char *odd_uri = NULL;
  gint64 deadline;
  TbWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "application/vnd.openxmlformats-officedocument."
                                      "wordprocessingml.document=tb-test-open.desktop\n",
                                      -1, NULL));
  /* Bytes of no known type (application/octet-stream): no program opens them. */
  g_assert_true (g_file_set_contents (odd, "\1\2\3", 3, NULL));
  window = new_window (report);
  tb_window_set_export_test_path (window, docx);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-docx", NULL));
  tb_test_wait_io ();

  uri = g_filename_to_uri (docx, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-export", "s", uri));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_file_test (copy, G_FILE_TEST_EXISTS))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  tb_test_spin ();
  {
    g_autoptr(GBytes) exported = read_file (docx);
    g_autoptr(GBytes) opened = read_file (copy);

    g_assert_true (g_bytes_equal (exported, opened));
  }
  g_assert_false (shows_text (GTK_WIDGET (window), "No program"));

  odd_uri = g_filename_to_uri (odd, NULL, NULL);
  {
    g_autoptr(GAppInfo) any = g_app_info_get_default_for_type ("application/octet-stream",
                                                               FALSE);

    if (any != NULL)
      g_test_message ("%s opens any file here: not opening one without a program",
                      g_app_info_get_name (any));
    else
      {
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-export", "s",
                                                   odd_uri));
        deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
        while (!shows_text (GTK_WIDGET (window), "No program to open “report.tb-unknown-type”"))
          {
            g_main_context_iteration (NULL, FALSE);
            g_usleep (10000);
            g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          }
      }
  }

  g_unlink (desktop);
  g_unlink (mimeapps);
  destroy_window (window);
}

/* The clerk names the export like the report: the report is kept, a toast says why. */
static void
test_not_over_report (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autofree char *path = g_build_filename (test_home, "same.tianbao", NULL);
  g_autoptr(TbDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window = tb_window_new (NULL);

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  before = read_file (path);
  document = tb_document_new_for_report (report, path);
  tb_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();

  tb_window_set_export_test_path (window, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-docx", NULL));
  tb_test_spin ();
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (shows_text (GTK_WIDGET (window), "would replace the report itself"));
  destroy_window (window);
  g_unlink (path);
}

/* ---- Copy Table ----------------------------------------------------------------------- */

typedef struct
{
  GBytes *bytes;
  char   *mime_type;
  gboolean done;
} ReadResult;

static void
on_spliced_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  ReadResult *read = data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  read->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  read->done = TRUE;
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  ReadResult *read = data;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result,
                                                              &mime_type, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  read->mime_type = g_strdup (mime_type);
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_spliced_cb, read);
}

/* What the clipboard gives for @mime_type, NUL-terminated. */
static char *
read_clipboard (GdkClipboard *clipboard,
                const char   *mime_type)
{
  const char *mime_types[] = { mime_type, NULL };
  ReadResult read = { 0, };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  char *text;

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, on_read_cb,
                            &read);
  while (!read.done)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_cmpstr (read.mime_type, ==, mime_type);
  g_free (read.mime_type);
  text = g_strndup (g_bytes_get_data (read.bytes, NULL), g_bytes_get_size (read.bytes));
  g_bytes_unref (read.bytes);
  return text;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static int
xpath_count (xmlXPathContextPtr  ctx,
             const char         *expression)
{
  xmlXPathObjectPtr found = xmlXPathEvalExpression ((const xmlChar *) expression, ctx);
  int n;

  g_assert_nonnull (found);
  n = found->nodesetval != NULL ? found->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (found);
  return n;
}

/* Waits until @clipboard, another client's view of the display's clipboard, offers
 * @mime_type (with @offered) or no longer offers it. */
static void
wait_for_remote_format (GdkClipboard *clipboard,
                        const char   *mime_type,
                        gboolean      offered)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                mime_type) != offered)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* The clipboard's HTML is one table with the grid of @table: every cell with its official
 * merges and text, labels as headers. */
static void
assert_html_table (TbReport          *report,
                   const TbTableSpec *table,
                   const char        *html)
{
  g_autoptr(xmlDoc) doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8",
                                          HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                          HTML_PARSE_NONET);
  xmlXPathContextPtr ctx;
  xmlXPathObjectPtr tables;
  g_autoptr(GPtrArray) cells = NULL;

  g_assert_nonnull (doc);
  ctx = xmlXPathNewContext (doc);
  tables = xmlXPathEvalExpression ((const xmlChar *) "//table", ctx);
  g_assert_nonnull (tables->nodesetval);
  g_assert_cmpint (tables->nodesetval->nodeNr, ==, 1);
  cells = tb_test_read_html_grid (doc, tables->nodesetval->nodeTab[0]);
  tb_test_assert_grid (report, table, cells, TRUE);
  xmlXPathFreeObject (tables);

  /* Styles inline only: on the table and on every cell, with its ruling; no <style>, no
   * class. The official merges are there as rowspan and colspan. */
  {
    guint n_merged_rows = 0, n_merged_cols = 0;

    for (guint i = 0; i < table->n_items; i++)
      {
        n_merged_rows += table->items[i].rowspan > 1;
        n_merged_cols += table->items[i].colspan > 1;
      }
    g_assert_cmpuint (n_merged_cols, >, 0);
    g_assert_cmpint (xpath_count (ctx, "//style|//*[@class]|//link|//script"), ==, 0);
    g_assert_cmpint (xpath_count (ctx, "//table[contains(@style,'border-collapse')]"), ==, 1);
    g_assert_cmpint (xpath_count (ctx, "//th|//td"), ==, (int) table->n_items);
    g_assert_cmpint (xpath_count (ctx, "(//th|//td)[contains(@style,'border:1px solid')]"),
                     ==, (int) table->n_items);
    g_assert_cmpint (xpath_count (ctx, "(//th|//td)[@rowspan > 1]"), ==, (int) n_merged_rows);
    g_assert_cmpint (xpath_count (ctx, "(//th|//td)[@colspan > 1]"), ==, (int) n_merged_cols);
  }
  xmlXPathFreeContext (ctx);
}

/* The clipboard's text: a line per grid row, a tab-separated field per grid column, every
 * number in the field of its cell. */
static void
assert_tsv_table (TbReport          *report,
                  const TbTableSpec *table,
                  const char        *tsv)
{
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, table->n_rows + 1);
  g_assert_cmpstr (lines[table->n_rows], ==, "");
  for (guint i = 0; i < table->n_items; i++)
    {
      const TbGridItem *it = &table->items[i];
      g_auto(GStrv) fields = g_strsplit (lines[it->row], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, table->n_columns);
      if (it->kind == TB_GRID_VALUE)
        {
          g_autofree char *want = tb_test_expected_value (report, it->cell);

          g_assert_cmpstr (fields[it->col], ==, want);
        }
    }
}

/* The Copy Table button of @widget's page, or NULL. */
static GtkWidget *
find_copy_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.copy-table") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_copy_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* On the page of each table, its Copy Table button (as the menu and Ctrl+Shift+C:
 * win.copy-table) puts that table on the clipboard as HTML and as text; on the other pages
 * the action does nothing. */
static void
test_copy_table (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbFormat *format = tb_report_get_format (report);
  TbWindow *window = new_window (report);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  /* Another client of the same display, as a browser or a spreadsheet is. */
  GdkDisplay *other = gdk_display_open (gdk_display_get_name (gdk_display_get_default ()));
  GdkClipboard *remote;
  guint tables = 0;

  g_assert_nonnull (other);
  g_assert_true (other != gdk_display_get_default ());
  remote = gdk_display_get_clipboard (other);

  for (int s = -1; s < (int) tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = s >= 0 ? tb_format_get_section (format, s) : NULL;
      TbSectionPage *page;
      GtkWidget *button;
      g_autofree char *html = NULL;
      g_autofree char *tsv = NULL;

      tb_window_show_section (window, s, -1);
      tb_test_spin ();
      page = tb_window_get_page (window, tb_window_get_visible_page (window));
      button = find_copy_button (GTK_WIDGET (page));
      if (section == NULL || section->type != TB_SECTION_TABLE)
        {
          g_autofree char *text = NULL;

          g_assert_null (button);
          gdk_clipboard_set_text (clipboard, "before");
          gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-table", NULL);
          tb_test_spin ();
          text = read_clipboard (clipboard, "text/plain;charset=utf-8");
          g_assert_cmpstr (text, ==, "before");
          continue;
        }
      tables++;
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_sensitive (button));
      g_signal_emit_by_name (button, "clicked");
      tb_test_spin ();

      {
        GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

        g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/html"));
        g_assert_true (gdk_content_formats_contain_mime_type (formats,
                                                              "text/plain;charset=utf-8"));
      }
      /* Read as another program does: from the X server's selection, not GTK's own copy
       * of the content. */
      wait_for_remote_format (remote, "text/html", TRUE);
      g_assert_false (gdk_clipboard_is_local (remote));
      html = read_clipboard (remote, "text/html");
      g_assert_true (g_str_has_prefix (html, "<meta charset=\"utf-8\">"));
      assert_html_table (tb_window_get_report (window), section->table, html);
      tsv = read_clipboard (remote, "text/plain;charset=utf-8");
      assert_tsv_table (tb_window_get_report (window), section->table, tsv);
      /* Before the next table, the other client sees the clipboard hold plain text: what it
       * reads then is the next table's. */
      gdk_clipboard_set_text (clipboard, "between");
      tb_test_spin ();
      wait_for_remote_format (remote, "text/html", FALSE);
    }
  g_assert_cmpuint (tables, ==, 3);
  destroy_window (window);
  gdk_display_close (other);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  {
    g_autofree char *home = g_dir_make_tmp ("test-gui-export-XXXXXX", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *config = g_build_filename (home, "config", NULL);

    g_mkdir_with_parents (data, 0700);
    g_mkdir_with_parents (config, 0700);
    /* The programs that open exports are the test's own (test_open_export ()). */
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    test_home = g_steal_pointer (&home);
  }
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/gui/export/actions", test_export_actions);
  g_test_add_func ("/gui/export/draft", test_export_draft);
  g_test_add_func ("/gui/export/open", test_open_export);
  g_test_add_func ("/gui/export/not-over-report", test_not_over_report);
  g_test_add_func ("/gui/export/copy-table", test_copy_table);

  status = g_test_run ();
  {
    const char *argv_rm[] = { "rm", "-rf", test_home, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  return status;
}
