/* test-gui-files.c: opening, saving, closing and undo in the window (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the window as the clerk does, through its actions and the buttons of its dialogs:
 * every answer of the unsaved-changes question, saves that fail (a vanished or read-only
 * folder, a file changed by another program) with the file on disk and the report in the
 * window left intact, opening a broken file, opening a file twice, quitting with several
 * windows, undo and redo. The recovery offer is in test-gui-recovery-offer.c.
 */
#define G_LOG_DOMAIN "test-gui-files"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "tb-draft.h"
#include "tb-file-io-private.h"
#include "tb-session-private.h"
#include "tb-window-private.h"

#include "tb-test-files.h"
#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

static TbWindow *
open_window (const char *path)
{
  TbWindow *window = tb_window_new (tb_test_app);

  tb_session_open_path (tb_test_session, path, window);
  gtk_window_present (GTK_WINDOW (window));
  tb_test_spin ();
  g_assert_nonnull (tb_window_get_document (window));
  return window;
}

static void
set_cell (TbWindow   *window,
          const char *id,
          const char *text)
{
  tb_test_type (tb_window_get_report (window), id, text);
  tb_test_spin ();
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autofree char *plain = NULL;
      const char *l = gtk_button_get_label (GTK_BUTTON (root));
      GString *s = g_string_new (NULL);

      for (; *l; l++)
        if (*l != '_')
          g_string_append_c (s, *l);
      plain = g_string_free (s, FALSE);
      if (g_str_equal (plain, label))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the button of @dialog labelled @label ("Save As…" etc., without mnemonics). */
static void
click (AdwMessageDialog *dialog,
       const char       *label)
{
  GtkWidget *button;

  g_assert_nonnull (dialog);
  button = find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  tb_test_spin ();
}


static guint
n_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (tb_test_app); l != NULL; l = l->next)
    n += TB_IS_WINDOW (l->data);
  return n;
}

/* ---- The unsaved-changes question ------------------------------------------------------ */

static void
test_close_unmodified (void)
{
  g_autofree char *path = tb_test_saved_report ("plain.tianbao", "1");
  TbWindow *window = open_window (path);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  g_assert_null (window);   /* nothing to ask */
}

static void
test_close_cancel (void)
{
  g_autofree char *path = tb_test_saved_report ("cancel.tianbao", "1");
  g_autoptr(GBytes) before = tb_test_read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  TbWindow *window = open_window (path);
  AdwMessageDialog *dialog;
  g_autofree char *value = NULL;

  set_cell (window, "t2.reg.made", "2");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (strstr (gtk_window_get_title (GTK_WINDOW (window)), "cancel.tianbao") != NULL);

  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  dialog = tb_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  /* Closing again while asking does not ask twice. */
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  g_assert_true (tb_window_get_dialog (window) == dialog);

  click (dialog, "Cancel");
  g_assert_null (tb_window_get_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));
  value = tb_test_dup_text (tb_window_get_report (window), "t2.reg.made");
  g_assert_cmpstr (value, ==, "2");
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  /* Escape (closing the question) is Cancel too. */
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  gtk_window_close (GTK_WINDOW (tb_window_get_dialog (window)));
  tb_test_spin ();
  g_assert_null (tb_window_get_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  tb_test_destroy_windows ();
}

static void
test_close_discard (void)
{
  g_autofree char *path = tb_test_saved_report ("discard.tianbao", "1");
  g_autoptr(GBytes) before = tb_test_read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  TbWindow *window = open_window (path);

  set_cell (window, "t2.reg.made", "2");
  g_assert_true (tb_document_autosave_now (tb_window_get_document (window), NULL));
  g_assert_cmpuint (tb_test_count_recovery (), ==, 1);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  click (tb_window_get_dialog (window), "Discard");
  g_assert_null (window);
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_close_save (void)
{
  g_autofree char *path = tb_test_saved_report ("save.tianbao", "1");
  g_autofree char *value = NULL;
  TbWindow *window = open_window (path);

  set_cell (window, "t2.reg.made", "3");
  g_assert_true (tb_document_autosave_now (tb_window_get_document (window), NULL));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  click (tb_window_get_dialog (window), "Save");
  g_assert_null (window);
  value = tb_test_file_cell (path, "t2.reg.made");
  g_assert_cmpstr (value, ==, "3");
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
}

/* A report never saved: the question offers Save As. */
static void
test_close_never_saved (void)
{
  TbWindow *window = tb_window_new (tb_test_app);
  AdwMessageDialog *dialog;

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  set_cell (window, "t2.reg.made", "3");
  gtk_window_close (GTK_WINDOW (window));
  tb_test_spin ();
  dialog = tb_window_get_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "save"), ==, "_Save As…");
  click (dialog, "Cancel");
  tb_test_destroy_windows ();
}

/* ---- Saving that fails ------------------------------------------------------------------ */

static void
check_failed_save (const char *path,
                   gboolean    close_first)
{
  g_autoptr(GBytes) before = g_file_test (path, G_FILE_TEST_EXISTS) ? tb_test_read_bytes (path)
                                                                    : NULL;
  TbWindow *window = tb_session_find_window (tb_test_session, path);
  AdwMessageDialog *dialog;
  g_autofree char *value = NULL;

  g_assert_nonnull (window);
  set_cell (window, "t2.reg.made", "42");

  if (close_first)
    {
      gtk_window_close (GTK_WINDOW (window));
      tb_test_spin ();
      click (tb_window_get_dialog (window), "Save");
    }
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
      tb_test_spin ();
    }

  dialog = tb_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save");
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "Could not save") != NULL);
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));

  /* The window stays, with the clerk's value, modified; the file is as it was. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));
  value = tb_test_dup_text (tb_window_get_report (window), "t2.reg.made");
  g_assert_cmpstr (value, ==, "42");
  if (before != NULL)
    {
      g_autoptr(GBytes) after = tb_test_read_bytes (path);

      g_assert_true (g_bytes_equal (before, after));
    }
  click (dialog, "Close");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
}

/* The folder vanished (a USB stick pulled out, a network folder gone). */
static void
test_save_folder_gone (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "stick", NULL);
  g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);
  g_autofree char *elsewhere = NULL;
  TbWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  {
    g_autofree char *made = tb_test_saved_report ("x.tianbao", "1");

    g_assert_cmpint (g_rename (made, path), ==, 0);
  }
  window = open_window (path);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  check_failed_save (path, FALSE);
  check_failed_save (path, TRUE);   /* closing with Save: the window stays open */

  /* Save As elsewhere rescues it. */
  elsewhere = g_build_filename (g_get_home_dir (), "rescued.tianbao", NULL);
  tb_window_save_to (window, elsewhere);
  tb_test_spin ();
  g_assert_false (tb_document_get_modified (tb_window_get_document (window)));
  g_assert_cmpstr (tb_window_get_path (window), ==, elsewhere);
  tb_test_destroy_windows ();
}

/* A read-only folder (as root, file permissions stop nothing: a read-only file system). */
static void
test_save_read_only (void)
{
  g_autofree char *probe = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_build_filename (g_get_home_dir (), "ro", NULL);
      g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_true (tb_test_private_tmpfs (dir, "size=1m"));
      {
        g_autofree char *made = tb_test_saved_report ("y.tianbao", "1");
        g_autoptr(GBytes) bytes = tb_test_read_bytes (made);

        g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes), NULL));
      }
      open_window (path);
      g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
      check_failed_save (path, FALSE);
      check_failed_save (path, TRUE);
      tb_test_destroy_windows ();
      printf ("CHECKED\n");
      return;
    }
  probe = g_build_filename (g_get_home_dir (), "probe", NULL);
  if (!tb_test_can_mount (probe))
    {
      g_test_skip ("cannot mount a private read-only file system here (needs root)");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*CHECKED*");
}

static void
test_save_changed_on_disk (void)
{
  g_autofree char *path = tb_test_saved_report ("shared.tianbao", "1");
  TbWindow *window = open_window (path);
  g_autoptr(TbReport) theirs = tb_draft_load (path, NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *value = NULL;

  set_cell (window, "t2.reg.made", "5");
  /* A colleague saves the same file meanwhile. */
  tb_report_set_cell_text (theirs, tb_format_find_cell (tb_report_get_format (theirs),
                                                        "t2.norm.made")->index, "77", NULL);
  g_assert_true (tb_draft_save (theirs, path, NULL));
  before = tb_test_read_bytes (path);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();
  dialog = tb_window_get_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Changed by Another Program");
  click (dialog, "Cancel");
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();
  click (tb_window_get_dialog (window), "Replace");
  g_assert_false (tb_document_get_modified (tb_window_get_document (window)));
  value = tb_test_file_cell (path, "t2.reg.made");
  g_assert_cmpstr (value, ==, "5");
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  tb_test_destroy_windows ();
}

/* A script (tianbao-cli set) is writing the same report when the clerk saves: the window
 * says who holds the report and keeps the clerk's values; once the script is done, its
 * change is not silently overwritten either. */
static void
test_save_while_script_writes (void)
{
  const char *cli = g_getenv ("TIANBAO_CLI");
  g_autofree char *path = tb_test_saved_report ("scripted.tianbao", "1");
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  AdwMessageDialog *dialog;
  TbWindow *window;

  if (cli == NULL)
    {
      g_test_skip ("TIANBAO_CLI not set");
      return;
    }
  window = open_window (path);
  set_cell (window, "t2.reg.made", "5");

  /* The script loads the report under its lock and stops before saving. */
  g_setenv ("TIANBAO_TEST_PAUSE_AFTER_LOAD", "1", TRUE);
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                             G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                             &error, cli, "set", path, "t2.norm.made=77", NULL);
  g_unsetenv ("TIANBAO_TEST_PAUSE_AFTER_LOAD");
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (writer));
  line = g_data_input_stream_read_line (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "paused");
  before = tb_test_read_bytes (path);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();
  dialog = tb_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Report Being Changed Elsewhere");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "tianbao-cli"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "scripted.tianbao"));
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));
  value = tb_test_dup_text (tb_window_get_report (window), "t2.reg.made");
  g_assert_cmpstr (value, ==, "5");
  g_clear_pointer (&value, g_free);

  /* The script finishes and saves its change. */
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (writer), "\n", 1,
                                            NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (writer, NULL, &error));
  g_assert_no_error (error);
  value = tb_test_file_cell (path, "t2.norm.made");
  g_assert_cmpstr (value, ==, "77");
  g_clear_pointer (&value, g_free);

  /* Trying again: the file is not the one the window read, so the clerk is asked. */
  click (dialog, "Try Again");
  dialog = tb_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Changed by Another Program");
  click (dialog, "Cancel");
  value = tb_test_file_cell (path, "t2.norm.made");
  g_assert_cmpstr (value, ==, "77");
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));
  tb_test_destroy_windows ();
}

/* ---- Opening ------------------------------------------------------------------------------ */

static void
test_open (void)
{
  g_autofree char *path = tb_test_saved_report ("open.tianbao", "7");
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "reports", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.tianbao", NULL);
  g_autofree char *hostile = g_build_filename (dir, "hostile.tianbao", NULL);
  g_autofree char *missing = g_build_filename (dir, "new.tianbao", NULL);
  TbWindow *first = tb_window_new (tb_test_app);
  TbWindow *window;
  TbDocument *document;
  AdwMessageDialog *dialog;
  g_autofree char *value = NULL;

  tb_window_new_report (first);
  gtk_window_present (GTK_WINDOW (first));
  g_assert_true (tb_window_is_pristine (first));

  /* An untouched window is reused. */
  tb_session_open_path (tb_test_session, path, first);
  tb_test_spin ();
  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_cmpstr (tb_window_get_path (first), ==, path);
  value = tb_test_dup_text (tb_window_get_report (first), "t2.reg.made");
  g_assert_cmpstr (value, ==, "7");

  /* The same file again: its window, no second one. Also through another name. */
  tb_session_open_path (tb_test_session, path, NULL);
  {
    g_autofree char *dotted = g_build_filename (dir, ".", "open.tianbao", NULL);

    tb_session_open_path (tb_test_session, dotted, NULL);
  }
  tb_test_spin ();
  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_true (tb_session_find_window (tb_test_session, path) == first);

  /* A broken file: the loader's message, nothing changes. */
  document = tb_window_get_document (first);
  g_assert_true (g_file_set_contents (broken, "<tianbao version=\"1\"><meta>", -1, NULL));
  tb_session_open_path (tb_test_session, broken, first);
  tb_test_spin ();
  dialog = tb_window_get_dialog (first);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Report");
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "broken.tianbao") != NULL);
  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_true (tb_window_get_document (first) == document);
  g_assert_cmpstr (tb_window_get_path (first), ==, path);
  click (dialog, "Close");

  /* A hostile one (entity expansion) is refused the same way. */
  g_assert_true (g_file_set_contents (hostile,
                                      "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY a \"aaaa\">"
                                      "<!ENTITY b \"&a;&a;&a;&a;\">]><tianbao>&b;</tianbao>",
                                      -1, NULL));
  tb_session_open_path (tb_test_session, hostile, first);
  tb_test_spin ();
  dialog = tb_window_get_dialog (first);
  g_assert_nonnull (dialog);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "hostile.tianbao") != NULL);
  click (dialog, "Close");
  g_assert_true (tb_window_get_document (first) == document);

  /* A file that does not exist yet: a new report bound to it, in a new window. */
  tb_session_open_path (tb_test_session, missing, first);
  tb_test_spin ();
  g_assert_cmpuint (n_windows (), ==, 2);
  window = tb_session_find_window (tb_test_session, missing);
  g_assert_nonnull (window);
  g_assert_true (window != first);
  g_assert_cmpstr (tb_window_get_path (window), ==, missing);
  set_cell (window, "t2.reg.made", "8");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();
  g_clear_pointer (&value, g_free);
  value = tb_test_file_cell (missing, "t2.reg.made");
  g_assert_cmpstr (value, ==, "8");
  g_assert_true (tb_session_find_window (tb_test_session, missing) == window);

  /* Opened files are remembered for Open Recent. */
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }
  tb_test_destroy_windows ();
}

/* Dropping files on a window opens them like Open does. */
static void
test_drop (void)
{
  g_autofree char *a = tb_test_saved_report ("drop-a.tianbao", "1");
  g_autofree char *b = tb_test_saved_report ("drop-b.tianbao", "2");
  TbWindow *window = open_window (a);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *target = NULL;
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  GFile *files[] = { fa, fb };
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  g_autofree char *v = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (gdk_content_formats_get_gtypes (gtk_drop_target_get_formats (target),
                                                              NULL)[0], GDK_TYPE_FILE_LIST));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  tb_test_spin ();

  g_assert_true (accepted);
  g_assert_cmpuint (n_windows (), ==, 2);   /* a was open already: no second window */
  g_assert_true (tb_session_find_window (tb_test_session, a) == window);
  g_assert_nonnull (tb_session_find_window (tb_test_session, b));
  v = tb_test_dup_text (tb_window_get_report (tb_session_find_window (tb_test_session, b)),
                        "t2.reg.made");
  g_assert_cmpstr (v, ==, "2");
  tb_test_destroy_windows ();
}

/* ---- Undo and redo ------------------------------------------------------------------------ */

static void
test_undo_redo (void)
{
  g_autofree char *path = tb_test_saved_report ("undo.tianbao", NULL);
  TbWindow *window = open_window (path);
  TbHistory *history = tb_document_get_history (tb_window_get_document (window));
  GtkWidget *entry = tb_window_get_cell_widget (window, "t4.review.upheld");
  g_autofree char *value = NULL;
  TbReport *report = tb_window_get_report (window);

  /* The fields' own undo is off: Ctrl+Z belongs to the report. */
  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (entry)));

  /* Nothing to undo yet: nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (tb_document_get_modified (tb_window_get_document (window)));
  set_cell (window, "t4.review.upheld", "1");
  tb_history_close_step (history);
  set_cell (window, "t4.review.corrected", "2");
  tb_history_close_step (history);
  set_cell (window, "t4.review.other", "3");
  tb_history_close_step (history);
  set_cell (window, "t4.review.pending", "4");
  while (tb_window_has_pending_validation (window))
    g_main_context_iteration (NULL, TRUE);
  value = tb_test_dup_text (report, "t4.review.total");
  g_assert_cmpstr (value, ==, "10");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  tb_test_spin ();
  g_clear_pointer (&value, g_free);
  value = tb_test_dup_text (report, "t4.review.pending");
  g_assert_null (value);
  value = tb_test_dup_text (report, "t4.review.total");
  g_assert_null (value);
  /* The entry shows it, and the undone cell has the focus. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tb_window_get_cell_widget (window,
                                                        "t4.review.pending"))), ==, "");
  g_assert_cmpstr (tb_window_get_visible_page (window), ==, "s4");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  tb_test_spin ();
  value = tb_test_dup_text (report, "t4.review.total");
  g_assert_cmpstr (value, ==, "10");

  /* Undo back to the saved state: not modified, no mark. */
  while (tb_history_get_can_undo (history))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  tb_test_spin ();
  g_assert_false (tb_document_get_modified (tb_window_get_document (window)));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_false (tb_history_get_can_undo (history));

  /* Typing into a text section is one step until the focus moves. */
  {
    TbReport *r = tb_window_get_report (window);

    tb_report_set_text (r, "s1", "本");
    tb_report_set_text (r, "s1", "本年");
    tb_report_set_text (r, "s1", "本年度");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    tb_test_spin ();
    g_assert_cmpstr (tb_report_get_text (r, "s1"), ==, "");
  }
  tb_test_destroy_windows ();
}

/* A pasted block is one step. */
static void
test_undo_paste (void)
{
  g_autofree char *path = tb_test_saved_report ("paste.tianbao", NULL);
  TbWindow *window = open_window (path);
  TbReport *report = tb_window_get_report (window);
  g_autofree char *value = NULL;

  tb_report_freeze (report);
  set_cell (window, "t3.r1_new.np", "1");
  set_cell (window, "t3.r1_new.biz", "2");
  set_cell (window, "t3.r1_new.res", "3");
  tb_report_thaw (report);
  tb_test_spin ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  tb_test_spin ();
  value = tb_test_dup_text (report, "t3.r1_new.np");
  g_assert_null (value);
  value = tb_test_dup_text (report, "t3.r1_new.res");
  g_assert_null (value);
  tb_test_destroy_windows ();
}

/* ---- Quitting ------------------------------------------------------------------------------- */

static void
test_quit (void)
{
  g_autofree char *a = tb_test_saved_report ("a.tianbao", "1");
  g_autofree char *b = tb_test_saved_report ("b.tianbao", "1");
  g_autofree char *c = tb_test_saved_report ("c.tianbao", "1");
  TbWindow *wa = open_window (a);
  TbWindow *wb = open_window (b);
  TbWindow *wc = open_window (c);
  AdwMessageDialog *dialog;
  g_autofree char *value = NULL;

  set_cell (wb, "t2.reg.made", "2");
  set_cell (wc, "t2.reg.made", "3");
  g_assert_cmpuint (n_windows (), ==, 3);

  /* Cancel at the first question stops quitting: nothing else closes. */
  tb_session_quit (tb_test_session);
  tb_test_spin ();
  g_assert_true (tb_window_get_dialog (wb) != NULL || tb_window_get_dialog (wc) != NULL);
  dialog = tb_window_get_dialog (wb) ? tb_window_get_dialog (wb)
                                           : tb_window_get_dialog (wc);
  /* One question at a time. */
  g_assert_false (tb_window_get_dialog (wb) != NULL &&
                  tb_window_get_dialog (wc) != NULL);
  click (dialog, "Cancel");
  tb_test_spin ();
  g_assert_cmpuint (n_windows (), >=, 2);
  g_assert_null (tb_window_get_dialog (wb));
  g_assert_null (tb_window_get_dialog (wc));

  /* Again: Save one, Discard the other; everything closes. */
  tb_session_quit (tb_test_session);
  tb_test_spin ();
  for (guint round = 0; round < 2; round++)
    {
      if (n_windows () > 0 && tb_session_find_window (tb_test_session, b) != NULL &&
          tb_window_get_dialog (tb_session_find_window (tb_test_session, b)) != NULL)
        click (tb_window_get_dialog (tb_session_find_window (tb_test_session, b)), "Save");
      else if (n_windows () > 0 && tb_session_find_window (tb_test_session, c) != NULL &&
               tb_window_get_dialog (tb_session_find_window (tb_test_session, c)) != NULL)
        click (tb_window_get_dialog (tb_session_find_window (tb_test_session, c)), "Discard");
      tb_test_spin ();
    }
  g_assert_cmpuint (n_windows (), ==, 0);
  value = tb_test_file_cell (b, "t2.reg.made");
  g_assert_cmpstr (value, ==, "2");
  g_clear_pointer (&value, g_free);
  value = tb_test_file_cell (c, "t2.reg.made");
  g_assert_cmpstr (value, ==, "1");
  (void) wa;
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_files_init (&argc, &argv, "io.github.tianbao.Tianbao.TestFiles"))
    return 0;

  g_test_add_func ("/gui/files/close-unmodified", test_close_unmodified);
  g_test_add_func ("/gui/files/close-cancel", test_close_cancel);
  g_test_add_func ("/gui/files/close-discard", test_close_discard);
  g_test_add_func ("/gui/files/close-save", test_close_save);
  g_test_add_func ("/gui/files/close-never-saved", test_close_never_saved);
  g_test_add_func ("/gui/files/save-folder-gone", test_save_folder_gone);
  g_test_add_func ("/gui/files/save-read-only", test_save_read_only);
  g_test_add_func ("/gui/files/save-changed-on-disk", test_save_changed_on_disk);
  g_test_add_func ("/gui/files/save-while-script-writes", test_save_while_script_writes);
  g_test_add_func ("/gui/files/open", test_open);
  g_test_add_func ("/gui/files/drop", test_drop);
  g_test_add_func ("/gui/files/undo-redo", test_undo_redo);
  g_test_add_func ("/gui/files/undo-paste", test_undo_paste);
  g_test_add_func ("/gui/files/quit", test_quit);

  return tb_test_files_run ();
}
