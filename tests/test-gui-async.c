/* test-gui-async.c: the window keeps drawing while files are read and written (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every worker of tb-file-io.h is made slow (tb_file_io_set_delay (): a disk on a busy file
 * server), then the clerk saves, opens, combines reports, exports (PDF, web page, Word
 * document) and lets a recovery copy be written. Meanwhile the window's frame clock must keep ticking and the main loop keep
 * turning: a window that froze would count no frame until the file work is done. Afterwards
 * the files hold what they must: the state that was saved, not the edits typed while it
 * was written (those leave the report modified).
 */
#define G_LOG_DOMAIN "test-gui-async"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tb-combine-window.h"
#include "tb-draft.h"
#include "tb-file-io-private.h"
#include "tb-session.h"
#include "tb-window-private.h"
#include "tb-zip.h"

#include "tb-test-util.h"

/* What a slow disk takes for each piece of file work, in milliseconds. */
#define SLOW 1200
/* Frames and main-loop turns that prove the window did not wait for it: at 60 frames per
 * second the delay gives about 70; a frozen window gives none. */
#define MIN_FRAMES 5
#define MIN_TURNS  10

static GtkApplication *app;
static TbSession *session;

/* ---- Counting frames ------------------------------------------------------------------ */

typedef struct
{
  GtkWidget *widget;
  guint      tick_id;
  guint      timer_id;
  guint      frames;   /* frame-clock ticks of the widget's window */
  guint      turns;    /* 20 ms timeouts dispatched by the main loop */
} Watch;

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  ((Watch *) data)->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_turn_cb (gpointer data)
{
  ((Watch *) data)->turns++;
  return G_SOURCE_CONTINUE;
}

static void
watch_start (Watch     *watch,
             GtkWidget *widget)
{
  watch->widget = widget;
  /* It may close meanwhile (closing waits for the save, then goes). */
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &watch->widget);
  watch->frames = watch->turns = 0;
  watch->tick_id = gtk_widget_add_tick_callback (widget, on_tick_cb, watch, NULL);
  watch->timer_id = g_timeout_add (20, on_turn_cb, watch);
}

/* Runs the main loop until the file work is done (as the clerk waits), then stops counting. */
static void
watch_until_done (Watch *watch)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (tb_file_io_get_n_pending () > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  if (watch->widget != NULL)
    {
      gtk_widget_remove_tick_callback (watch->widget, watch->tick_id);
      g_object_remove_weak_pointer (G_OBJECT (watch->widget), (gpointer *) &watch->widget);
    }
  g_clear_handle_id (&watch->timer_id, g_source_remove);
  g_test_message ("%u frames and %u main-loop turns while the file work ran",
                  watch->frames, watch->turns);
}

static void
assert_responsive (const Watch *watch)
{
  g_assert_cmpuint (watch->frames, >=, MIN_FRAMES);
  g_assert_cmpuint (watch->turns, >=, MIN_TURNS);
}

/* ---- Helpers -------------------------------------------------------------------------- */

static char *
saved_report (const char *name,
              const char *agency,
              guint       seed)
{
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "reports", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, agency, seed);
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static TbWindow *
open_window (const char *path)
{
  TbWindow *window = tb_window_new (app);

  tb_session_open_path (session, path, window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  g_assert_nonnull (tb_window_get_document (window));
  return window;
}

static char *
file_cell (const char *path,
           const char *id)
{
  g_autoptr(TbReport) report = tb_draft_load (path, NULL);

  g_assert_nonnull (report);
  return tb_test_dup_text (report, id);
}

static void
close_all (void)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  tb_file_io_set_delay (0);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  tb_test_spin ();
}

/* ---- Saving ----------------------------------------------------------------------------- */

static void
test_save (void)
{
  g_autofree char *path = saved_report ("slow.tianbao", "甲县审计局", 1);
  g_autoptr(GBytes) before = tb_test_read_bytes (path);
  g_autoptr(GBytes) during = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *typed = NULL;
  TbWindow *window = open_window (path);
  TbDocument *document = tb_window_get_document (window);
  TbReport *report = tb_window_get_report (window);
  Watch watch;

  tb_test_type (report, "t2.reg.made", "41");
  tb_test_spin ();
  tb_file_io_set_delay (SLOW);
  watch_start (&watch, GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));

  /* Save returned at once: the file is written in a worker, Save waits for it. */
  g_assert_true (tb_document_get_saving (document));
  g_assert_cmpuint (tb_file_io_get_n_pending (), >, 0);
  during = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, during));
  {
    guint pending = tb_file_io_get_n_pending ();

    gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
    g_assert_cmpuint (tb_file_io_get_n_pending (), ==, pending);
  }

  /* The clerk types on meanwhile. */
  tb_test_type (report, "t2.norm.made", "5");
  watch_until_done (&watch);
  assert_responsive (&watch);

  /* The file has what was saved; the report keeps what was typed since, unsaved. */
  g_assert_false (tb_document_get_saving (document));
  saved = file_cell (path, "t2.reg.made");
  g_assert_cmpstr (saved, ==, "41");
  typed = file_cell (path, "t2.norm.made");
  g_assert_cmpstr (typed, !=, "5");
  g_assert_true (tb_document_get_modified (document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  /* Saved again, nothing is left unsaved. */
  tb_file_io_set_delay (0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();
  g_assert_false (tb_document_get_modified (document));
  g_clear_pointer (&typed, g_free);
  typed = file_cell (path, "t2.norm.made");
  g_assert_cmpstr (typed, ==, "5");
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  close_all ();
}

/* Closing while the file is written waits for it, then closes (nothing is left unsaved). */
static void
test_close_while_saving (void)
{
  g_autofree char *path = saved_report ("closing.tianbao", "乙县审计局", 2);
  g_autofree char *saved = NULL;
  TbWindow *window = open_window (path);
  Watch watch;

  tb_test_type (tb_window_get_report (window), "t2.reg.made", "17");
  tb_test_spin ();
  tb_file_io_set_delay (SLOW);
  watch_start (&watch, GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (tb_window_get_dialog (window));   /* no question: it is being saved */

  watch_until_done (&watch);
  assert_responsive (&watch);
  tb_test_spin ();
  g_assert_null (window);
  saved = file_cell (path, "t2.reg.made");
  g_assert_cmpstr (saved, ==, "17");
  close_all ();
}

/* ---- Opening and combining ---------------------------------------------------------------- */

static void
test_open (void)
{
  g_autofree char *path = saved_report ("far.tianbao", "丙县审计局", 3);
  g_autofree char *other = saved_report ("here.tianbao", "丁县审计局", 4);
  TbWindow *window = open_window (other);
  TbWindow *opened;
  Watch watch;

  tb_file_io_set_delay (SLOW);
  watch_start (&watch, GTK_WIDGET (window));
  tb_session_open_path (session, path, NULL);
  g_assert_null (tb_session_find_window (session, path));   /* not read yet */
  watch_until_done (&watch);
  assert_responsive (&watch);

  opened = tb_session_find_window (session, path);
  g_assert_nonnull (opened);
  g_assert_true (opened != window);
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (opened)), ==, "丙县审计局");
  g_assert_false (tb_document_get_modified (tb_window_get_document (opened)));
  close_all ();
}

/* A window closed while its file is read shows nothing, and nothing breaks. */
static void
test_open_cancelled (void)
{
  g_autofree char *path = saved_report ("gone.tianbao", "戊县审计局", 5);
  TbWindow *window = tb_window_new (app);

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_file_io_set_delay (SLOW);
  tb_window_open_file_async (window, path, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  tb_test_spin ();
  g_assert_null (tb_session_find_window (session, path));
  close_all ();
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

static void
test_combine (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  TbWindow *window = tb_window_new (app);
  AdwMessageDialog *dialog;
  TbCombineWindow *breakdown = NULL;
  gint64 sum = 0;
  Watch watch;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("agency-%u.tianbao", i);
      g_autofree char *agency = g_strdup_printf ("第%u审计局", i + 1);
      g_autofree char *path = saved_report (name, agency, 10 + i);
      g_autoptr(TbReport) report = tb_draft_load (path, NULL);

      sum += tb_test_get (report, "t3.r1_new.np");
      g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();

  tb_file_io_set_delay (SLOW);
  watch_start (&watch, GTK_WIDGET (window));
  tb_window_combine_paths (window, (const char *const *) paths);
  /* Still reading: its progress shows, with a way to stop it. */
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Combining Reports");
  watch_until_done (&watch);
  assert_responsive (&watch);

  /* Read and checked: whose summary is it? */
  tb_test_spin ();
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Combine Reports");
  adw_message_dialog_response (dialog, "combine");
  tb_test_spin ();
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TB_IS_COMBINE_WINDOW (l->data))
      breakdown = l->data;
  g_assert_nonnull (breakdown);
  g_assert_cmpuint (tb_merge_get_n_inputs (tb_combine_window_get_merge (breakdown)), ==, 6);
  g_assert_cmpint (tb_test_get (tb_combine_window_get_summary (breakdown), "t3.r1_new.np"), ==,
                   sum);
  close_all ();
}

/* ---- Exporting ------------------------------------------------------------------------------ */

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The text an export at @path holds: the PDF's first page, the web page, the Word
 * document's parts. */
static char *
export_text (TbExportFormat  format,
             const char     *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  if (format == TB_EXPORT_PDF)
    {
      const char *argv[] = { "pdftotext", "-l", "1", path, "-", NULL };

      g_assert_cmpuint (tb_test_pdf_pages (path), >, 1);
      return tb_test_run_tool (argv);
    }
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  if (format == TB_EXPORT_DOCX)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (data, len);
      g_autoptr(TbZip) zip = tb_zip_read (bytes, NULL, &error);
      GString *text = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint i = 0; i < tb_zip_list (zip)->len; i++)
        {
          GBytes *part = tb_zip_get (zip, g_ptr_array_index (tb_zip_list (zip), i));

          g_string_append_len (text, g_bytes_get_data (part, NULL), g_bytes_get_size (part));
        }
      return g_string_free (text, FALSE);
    }
  return data;
}

/* Each export (PDF, web page, Word document) is made and written in a worker, from the
 * report as it was when asked. */
static void
test_export (void)
{
  static const struct { TbExportFormat format; const char *name; } exports[] = {
    { TB_EXPORT_PDF, "export.pdf" },
    { TB_EXPORT_HTML, "export.html" },
    { TB_EXPORT_DOCX, "export.docx" },
  };
  g_autofree char *path = saved_report ("export.tianbao", "庚县审计局", 7);
  TbWindow *window = open_window (path);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *out = g_build_filename (g_get_home_dir (), exports[i].name, NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      Watch watch;

      tb_report_set_agency (tb_window_get_report (window), "庚县审计局");
      tb_file_io_set_delay (SLOW);
      watch_start (&watch, GTK_WIDGET (window));
      tb_window_export_async (window, exports[i].format, out, 0, store_result_cb, &result);
      /* Changed after it was asked: the export has what was there. */
      tb_report_set_agency (tb_window_get_report (window), "辛县审计局");
      watch_until_done (&watch);
      assert_responsive (&watch);
      g_assert_true (tb_window_export_finish (window, result, &error));
      g_assert_no_error (error);
      text = export_text (exports[i].format, out);
      g_assert_nonnull (strstr (text, "庚县审计局"));
      g_assert_null (strstr (text, "辛县审计局"));
    }
  close_all ();
}

/* ---- Recovery copies ---------------------------------------------------------------------- */

static void
test_autosave (void)
{
  g_autofree char *path = saved_report ("autosaved.tianbao", "己县审计局", 6);
  TbWindow *window = open_window (path);
  TbDocument *document = tb_window_get_document (window);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  Watch watch;

  tb_document_set_autosave_interval (document, 1);
  tb_file_io_set_delay (SLOW);
  watch_start (&watch, GTK_WIDGET (window));
  tb_test_type (tb_window_get_report (window), "t2.reg.made", "9");
  /* The timer starts the copy after a second; then it takes as long as the disk does. */
  while (tb_file_io_get_n_pending () == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  watch.frames = watch.turns = 0;
  watch_until_done (&watch);
  assert_responsive (&watch);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);

  /* Discarding removes it, in a worker too. */
  tb_file_io_set_delay (0);
  tb_document_discard_recovery (document);
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
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
  /* The recent files list is opened once, at its first use; give it a folder that outlives
   * the per-test folders. */
  g_setenv ("XDG_DATA_HOME", recent_dir, TRUE);
  gtk_recent_manager_get_default ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  app = GTK_APPLICATION (adw_application_new ("io.github.tianbao.Tianbao.TestAsync",
                                              G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  session = tb_session_new (app);

  g_test_add_func ("/gui/async/save", test_save);
  g_test_add_func ("/gui/async/close-while-saving", test_close_while_saving);
  g_test_add_func ("/gui/async/open", test_open);
  g_test_add_func ("/gui/async/open-cancelled", test_open_cancelled);
  g_test_add_func ("/gui/async/combine", test_combine);
  g_test_add_func ("/gui/async/export", test_export);
  g_test_add_func ("/gui/async/autosave", test_autosave);

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
