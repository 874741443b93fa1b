/* test-gui-import.c: published reports imported in the app (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the window as the clerk does (the file choosers are replaced by what choosing or
 * dropping a file does: TbWindow::open-file): a published report opens as a new, unsaved
 * report, read in a worker while the window goes on; a banner lists every cell the import
 * did not read as it is, and each entry jumps to its cell; the Details page says where the
 * report came from; a report read whole gives no banner; a busy window is left alone; a
 * draft by another name opens as a draft; a file that cannot be read says why and changes
 * nothing; the New dialog starts this year's report from last year's published one, with
 * 上年结转 filled in.
 */
#define G_LOG_DOMAIN "test-gui-import"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tb-import.h"
#include "tb-meta-page.h"
#include "tb-new-report-dialog.h"
#include "tb-session.h"
#include "tb-test-util.h"
#include "tb-window-private.h"

static GtkApplication *app;
static TbSession *session;

/* ---- Helpers ------------------------------------------------------------------------- */

/* The fixture @name copied into the test's home as @as (or its own name). */
static char *
fixture (const char *name,
         const char *as)
{
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "published", NULL);
  g_autoptr(GBytes) data = tb_test_read_bytes (from);
  char *path = g_build_filename (dir, as ? as : name, NULL);

  tb_test_write_file (path, g_bytes_get_data (data, NULL), (gssize) g_bytes_get_size (data));
  return path;
}

static TbWindow *
new_window (void)
{
  TbWindow *window = tb_window_new (app);

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  return window;
}

static void
close_all (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  tb_test_spin ();
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The window whose report came from a file named @file, once the worker is done. */
static TbWindow *
wait_for_import (const char *file)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
        {
          const TbProvenance *source;

          if (!TB_IS_WINDOW (l->data) || tb_window_get_document (l->data) == NULL)
            continue;
          source = tb_report_get_imported_from (tb_window_get_report (l->data));
          if (source != NULL && g_str_equal (source->file, file))
            {
              tb_test_spin ();
              return l->data;
            }
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_error ("%s was not imported within 20 s", file);
}

static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == parent)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    n += GTK_IS_LIST_BOX_ROW (w);
  return n;
}

static GtkListBoxRow *
row_for_cell (GtkListBox *list,
              guint       cell)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_BOX_ROW (w) &&
        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "tb-cell")) == cell + 1)
      return GTK_LIST_BOX_ROW (w);
  return NULL;
}

static guint
cell_index (TbReport   *report,
            const char *id)
{
  const TbCellSpec *spec = tb_format_find_cell (tb_report_get_format (report), id);

  g_assert_nonnull (spec);
  return spec->index;
}

static gint64
cell_value (TbReport   *report,
            const char *id)
{
  const TbCellValue *v = tb_report_get_cell (report, cell_index (report, id));

  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  return v->value;
}

/* ---- Tests --------------------------------------------------------------------------- */

/* A published report with cells the import could not read: a new unsaved report, the
 * banner, each entry jumping to its cell, the provenance on the Details page. */
static void
test_open_published (void)
{
  g_autofree char *path = fixture ("quirks-2019.txt", NULL);
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) direct = tb_import_load_file (path, NULL, &log, NULL);
  TbWindow *window = new_window ();
  TbReport *before = tb_window_get_report (window);
  TbReport *report;
  GtkListBoxRow *row;
  GObject *source_group;
  guint expected = 0, cell;

  g_assert_nonnull (direct);
  for (guint i = 0; i < log->cells->len; i++)
    expected += g_array_index (log->cells, TbImportCell, i).status != TB_IMPORT_CELL_READ;
  g_assert_cmpuint (expected, >, 40);

  /* No banner before an import: hidden, not only concealed (a concealed one is still
   * measured with the window). */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->import_revealer)));

  /* What a drop on the window does. */
  tb_window_emit_open_file (window, path);
  /* Read in a worker: the window is unchanged when the call returns. */
  g_assert_true (tb_window_get_report (window) == before);
  g_assert_true (wait_for_import ("quirks-2019.txt") == window);

  report = tb_window_get_report (window);
  g_assert_null (tb_window_get_path (window));
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));
  g_assert_cmpint (tb_report_get_year (report), ==, 2020);
  g_assert_cmpstr (tb_report_get_agency (report), ==, "示例县审计局");
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2019");
  g_assert_cmpstr (tb_report_get_imported_from (report)->kind, ==, "text");
  g_assert_cmpuint (tb_report_count_filled (report), ==, tb_report_count_filled (direct));

  /* The banner: how many, and one entry per cell. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->import_revealer)));
  g_assert_true (gtk_revealer_get_reveal_child (window->import_revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (window->import_label), "quirks-2019.txt"));
  g_assert_cmpuint (count_rows (window->import_list), ==, expected);

  /* An entry jumps to its cell: 规章 本年新制作数量 in section 二, published as “/”. */
  cell = cell_index (report, "t2.reg.made");
  row = row_for_cell (window->import_list, cell);
  g_assert_nonnull (row);
  g_assert_cmpint (tb_report_get_cell (report, cell)->state, ==, TB_CELL_INVALID);
  g_signal_emit_by_name (window->import_list, "row-activated", row);
  tb_test_spin ();
  g_assert_true (adw_view_stack_get_visible_child (window->view_stack) ==
                 g_ptr_array_index (window->holders,
                                    tb_format_get_cell (tb_report_get_format (report),
                                                        cell)->section + 1));
  g_assert_nonnull (window->cells[cell]);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         window->cells[cell]) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) == window->cells[cell]);
  /* A cell of table 三 too. */
  cell = cell_index (report, "t3.r1_new.np");
  row = row_for_cell (window->import_list, cell);
  g_assert_nonnull (row);
  g_signal_emit_by_name (window->import_list, "row-activated", row);
  tb_test_spin ();
  g_assert_nonnull (window->cells[cell]);
  g_assert_true (gtk_widget_get_mapped (window->cells[cell]));

  /* The Details page names the file and its SHA-256. */
  tb_window_show_section (window, -1, -1);
  tb_test_spin ();
  source_group = gtk_widget_get_template_child (g_ptr_array_index (window->pages, 0),
                                                TB_TYPE_META_PAGE, "source_group");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (source_group)));

  /* Hidden on request; gone with another document. */
  gtk_revealer_set_reveal_child (window->import_revealer, FALSE);
  tb_window_show_import (window, log);
  g_assert_true (gtk_revealer_get_reveal_child (window->import_revealer));
  {
    g_autoptr(TbDocument) other = tb_document_new (2024, "某局");

    tb_window_set_document (window, other);
  }
  g_assert_false (gtk_revealer_get_reveal_child (window->import_revealer));
  g_assert_cmpuint (count_rows (window->import_list), ==, 0);
  /* Hidden again once it has slid away. */
  for (guint i = 0; i < 100 && gtk_widget_get_visible (GTK_WIDGET (window->import_revealer)); i++)
    tb_test_run_loop_for (20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->import_revealer)));
  close_all ();
}

/* Every cell read: no banner. A window with work in it is left alone: a new one comes. */
static void
test_all_read_busy_window (void)
{
  g_autofree char *path = fixture ("portal-2021.html", "年报.html");
  TbWindow *busy = new_window ();
  TbWindow *window;

  tb_report_set_agency (tb_window_get_report (busy), "正在填写的机关");
  tb_window_emit_open_file (busy, path);
  window = wait_for_import ("年报.html");
  g_assert_true (window != busy);
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (busy)), ==, "正在填写的机关");
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (window)), ==,
                   "示例县人民政府办公室");
  g_assert_cmpstr (tb_report_get_imported_from (tb_window_get_report (window))->kind, ==,
                   "html");
  g_assert_false (gtk_revealer_get_reveal_child (window->import_revealer));
  g_assert_cmpuint (count_rows (window->import_list), ==, 0);
  close_all ();
}

/* A draft by another name opens as a draft, bound to its file; a file that cannot be read
 * says why and changes nothing. */
static void
test_draft_and_unreadable (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "yanchi-audit-2020.tianbao", NULL);
  g_autoptr(GBytes) bytes = tb_test_read_bytes (sample);
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "drafts", NULL);
  g_autofree char *draft = g_build_filename (dir, "去年的.xml", NULL);
  g_autofree char *pdf = fixture ("yanchi-2020-encrypted.pdf", NULL);
  TbWindow *window = new_window ();
  TbReport *before;
  AdwMessageDialog *dialog;
  gint64 deadline;

  tb_test_write_file (draft, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  tb_window_emit_open_file (window, draft);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (tb_window_get_path (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (tb_window_get_path (window), ==, draft);
  g_assert_null (tb_report_get_imported_from (tb_window_get_report (window)));
  g_assert_false (gtk_revealer_get_reveal_child (window->import_revealer));

  before = tb_window_get_report (window);
  tb_window_emit_open_file (window, pdf);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((dialog = find_dialog (GTK_WINDOW (window))) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "password"));
  g_assert_true (tb_window_get_report (window) == before);
  g_assert_cmpstr (tb_window_get_path (window), ==, draft);
  close_all ();
}

/* New Report: last year's report as published (a portal page); 上年结转 is its 结转下年度. */
static void
test_new_from_published (void)
{
  g_autofree char *path = fixture ("yanchi-audit-2020.txt", "盐池县审计局2020年报.txt");
  g_autoptr(TbReport) published = tb_import_load_file (path, NULL, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TbWindow *window = new_window ();
  AdwMessageDialog *dialog;
  GtkSpinButton *year;
  GtkEditable *agency;
  TbReport *report;
  const char *columns[] = { "np", "biz", "res", "soc", "law", "oth", "tot" };
  gint64 deadline;


  g_assert_nonnull (published);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  tb_test_spin ();
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_true (TB_IS_NEW_REPORT_DIALOG (dialog));
  year = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                         TB_TYPE_NEW_REPORT_DIALOG, "year"));
  agency = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                        TB_TYPE_NEW_REPORT_DIALOG, "agency"));
  gtk_editable_set_text (agency, "");

  tb_new_report_dialog_set_previous_async (TB_NEW_REPORT_DIALOG (dialog), path, NULL,
                                           store_result_cb, &result);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  g_assert_true (tb_new_report_dialog_set_previous_finish (TB_NEW_REPORT_DIALOG (dialog),
                                                           result, &error));
  g_assert_no_error (error);
  /* The result holds the dialog: let it go before the dialog does. */
  g_clear_object (&result);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year), ==, 2021);
  g_assert_cmpstr (gtk_editable_get_text (agency), ==, "盐池县审计局");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));

  adw_message_dialog_response (dialog, "create");
  tb_test_spin ();
  report = tb_window_get_report (window);
  g_assert_cmpint (tb_report_get_year (report), ==, 2021);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2021");
  g_assert_cmpstr (tb_report_get_agency (report), ==, "盐池县审计局");
  /* 上年结转 of 2021 is 结转下年度继续办理 of the published 2020 report, column by column. */
  for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
    {
      g_autofree char *in = g_strdup_printf ("t3.r2_carry_in.%s", columns[k]);
      g_autofree char *out = g_strdup_printf ("t3.r4_carry_out.%s", columns[k]);

      g_assert_cmpint (cell_value (report, in), ==, cell_value (published, out));
    }
  /* Compared with while open; no draft is named as last year's. */
  g_assert_nonnull (tb_report_get_previous_report (report));
  g_assert_null (tb_report_get_previous (report));
  g_assert_null (tb_report_get_imported_from (report));
  close_all ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recent_dir = g_dir_make_tmp ("tianbao-test-recent-XXXXXX", NULL);
  int status;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* The recent files list is opened once, at its first use (opening a draft adds to it);
   * give it a folder that outlives the per-test folders. */
  g_setenv ("XDG_DATA_HOME", recent_dir, TRUE);
  gtk_recent_manager_get_default ();
  /* G_TEST_OPTION_ISOLATE_DIRS hides the system's data folders, and with them the MIME
   * database gdk-pixbuf needs to load libadwaita's SVG icons. */
  {
    const char *const *data_dirs = g_get_system_data_dirs ();
    g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; data_dirs[i] != NULL; i++)
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
    g_ptr_array_add (mime_dirs, NULL);
    g_content_type_set_mime_dirs ((const char *const *) mime_dirs->pdata);
  }
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  app = GTK_APPLICATION (adw_application_new ("io.github.tianbao.Tianbao.TestImport",
                                              G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  session = tb_session_new (app);

  g_test_add_func ("/gui/import/open-published", test_open_published);
  g_test_add_func ("/gui/import/all-read-busy-window", test_all_read_busy_window);
  g_test_add_func ("/gui/import/draft-and-unreadable", test_draft_and_unreadable);
  g_test_add_func ("/gui/import/new-from-published", test_new_from_published);

  status = g_test_run ();
  g_clear_object (&session);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  {
    g_autofree char *xbel = g_build_filename (recent_dir, "recently-used.xbel", NULL);

    g_unlink (xbel);
    g_rmdir (recent_dir);
  }
  return status;
}
