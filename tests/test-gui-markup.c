/* test-gui-markup.c: agency and file names are shown as they are, never as markup (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts, rows of libadwaita 1.2 and some labels read their text as Pango markup. A report
 * whose agency is <span foreground="red" size="xx-large">伪造局</span>, saved under a file
 * name with "<b>&" in it, goes through every place such names appear: the window and its
 * title row, the toasts of saving and of a new report, the notice of a missing last year's
 * report, Combine Reports and the recovery offer. Every label of every window that shows
 * either name must show it literally (GTK turns markup that does not parse into a warning,
 * which fails the test too).
 */
#define G_LOG_DOMAIN "test-gui-markup"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tb-draft.h"
#include "tb-recovery.h"
#include "tb-recovery-dialog-private.h"
#include "tb-session-private.h"
#include "tb-window-private.h"

#include "tb-test-util.h"

#define AGENCY "<span foreground=\"red\" size=\"xx-large\">伪造局</span>"
#define AGENCY_MARK "伪造局"
#define FILE_PART "<b>&冚"
#define FILE_MARK "冚"

static GtkApplication *app;
static TbSession *session;

typedef struct
{
  guint agency;        /* labels showing the agency name literally */
  guint file;          /* labels showing a file name literally */
} Seen;

static void
check_labels (GtkWidget *widget,
              Seen      *seen)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (strstr (label, AGENCY_MARK) != NULL || strstr (text, AGENCY_MARK) != NULL)
        {
          g_test_message ("agency shown as “%s” (label “%s”, markup %d)", text, label,
                          gtk_label_get_use_markup (GTK_LABEL (widget)));
          g_assert_nonnull (strstr (text, AGENCY));
          seen->agency++;
        }
      if (strstr (label, FILE_MARK) != NULL || strstr (text, FILE_MARK) != NULL)
        {
          g_test_message ("file shown as “%s” (label “%s”, markup %d)", text, label,
                          gtk_label_get_use_markup (GTK_LABEL (widget)));
          g_assert_nonnull (strstr (text, FILE_PART));
          seen->file++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, seen);
}

/* Every label of every window on screen. */
static Seen
check_all (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  Seen seen = { 0, 0 };

  tb_test_spin ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data))
      check_labels (l->data, &seen);
  g_list_free (toplevels);
  return seen;
}

static char *
report_path (const char *name)
{
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "reports", NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
saved_report (const char *name,
              int         year,
              const char *agency)
{
  char *path = report_path (name);
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GError) error = NULL;

  tb_report_set_year (report, year);
  tb_report_set_agency (report, agency);
  tb_test_type (report, "t2.reg.made", "1");
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
  return window;
}

static void
close_all (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  tb_test_spin ();
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

/* ---- Tests --------------------------------------------------------------------------- */

/* The window, its title row, and the toast of Save As. */
static void
test_window_and_saved_toast (void)
{
  g_autofree char *path = saved_report ("报告" FILE_PART ".tianbao", 2024, AGENCY);
  g_autofree char *again = report_path ("另存" FILE_PART ".tianbao");
  TbWindow *window = open_window (path);
  Seen seen;

  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (window)), ==, AGENCY);
  /* The report page, where the title row names the agency. */
  tb_window_pages_ensure (window, 0);
  seen = check_all ();
  g_assert_cmpuint (seen.agency, >=, 1);

  tb_window_save_to (window, again);
  tb_test_spin ();
  g_assert_false (tb_document_get_modified (tb_window_get_document (window)));
  seen = check_all ();
  /* "Saved as “另存<b>&冚.tianbao”" */
  g_assert_cmpuint (seen.file, >=, 1);
  close_all ();
}

/* `tianbao 新<b>&冚.tianbao`: "New report: it will be saved as …". */
static void
test_will_be_saved_as (void)
{
  g_autofree char *path = report_path ("新" FILE_PART ".tianbao");
  TbWindow *window = open_window (path);
  Seen seen;

  g_assert_cmpstr (tb_window_get_path (window), ==, path);
  seen = check_all ();
  g_assert_cmpuint (seen.file, >=, 1);
  close_all ();
}

/* A draft naming last year's report that is gone: the notice names the file. */
static void
test_carry_notice (void)
{
  g_autofree char *path = report_path ("今年.tianbao");
  g_autofree char *gone = report_path ("上年" FILE_PART ".tianbao");
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GError) error = NULL;
  Seen seen;

  tb_report_set_year (report, 2024);
  tb_report_set_agency (report, AGENCY);
  tb_report_set_previous (report, gone);
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);

  open_window (path);
  seen = check_all ();
  g_test_message ("agency %u, file %u", seen.agency, seen.file);
  g_assert_cmpuint (seen.file, >=, 1);
  close_all ();
}

/* Combine Reports: the summary's agency, the inputs' agencies and file names. */
static void
test_combine (void)
{
  g_autofree char *a = saved_report ("甲" FILE_PART ".tianbao", 2024, AGENCY);
  g_autofree char *b = saved_report ("乙" FILE_PART ".tianbao", 2024, "乙" AGENCY);
  const char *paths[] = { a, b, NULL };
  TbWindow *window = tb_window_new (app);
  AdwMessageDialog *dialog;
  Seen seen;

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_window_combine_paths (window, paths);
  tb_test_spin ();
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  seen = check_all ();
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "汇总" AGENCY);
  adw_message_dialog_response (dialog, "combine");
  tb_test_spin ();
  seen = check_all ();
  g_test_message ("agency %u, file %u", seen.agency, seen.file);
  /* Both inputs by agency and by file, in the breakdown's list. */
  g_assert_cmpuint (seen.agency, >=, 2);
  g_assert_cmpuint (seen.file, >=, 2);
  close_all ();
}

/* The recovery offer names the report by its agency and file. */
static void
test_recovery (void)
{
  g_autofree char *path = saved_report ("崩溃" FILE_PART ".tianbao", 2024, AGENCY);
  g_autoptr(TbReport) report = tb_draft_load (path, NULL);
  g_autofree char *id = tb_recovery_new_id ();
  g_autoptr(GPtrArray) damaged = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  TbWindow *window = tb_window_new (app);
  TbRecoveryDialog *dialog;
  Seen seen;

  g_assert_true (tb_recovery_write (id, report, path, NULL, NULL));
  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  entries = tb_recovery_list (&damaged);
  g_assert_cmpuint (entries->len, >=, 1);
  dialog = tb_recovery_dialog_new (GTK_WINDOW (window), entries, damaged);
  gtk_window_present (GTK_WINDOW (dialog));
  seen = check_all ();
  g_test_message ("agency %u, file %u", seen.agency, seen.file);
  g_assert_cmpuint (seen.agency + seen.file, >=, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tb_recovery_discard (id, NULL);
  close_all ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;
  g_autofree char *recent_dir = g_dir_make_tmp ("tianbao-test-recent-XXXXXX", NULL);

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* The recent files list is opened once, at its first use: in a folder that outlives the
   * per-test folders (G_TEST_OPTION_ISOLATE_DIRS removes them after each test). */
  g_setenv ("XDG_DATA_HOME", recent_dir, TRUE);
  gtk_recent_manager_get_default ();
  /* G_TEST_OPTION_ISOLATE_DIRS hides the system's data folders, and with them the MIME
   * database gdk-pixbuf needs to load libadwaita's SVG icons (the expander's arrow). */
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

  app = GTK_APPLICATION (adw_application_new ("io.github.tianbao.Tianbao.TestMarkup",
                                              G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  session = tb_session_new (app);

  g_test_add_func ("/gui/markup/window-and-saved-toast", test_window_and_saved_toast);
  g_test_add_func ("/gui/markup/will-be-saved-as", test_will_be_saved_as);
  g_test_add_func ("/gui/markup/carry-notice", test_carry_notice);
  g_test_add_func ("/gui/markup/combine", test_combine);
  g_test_add_func ("/gui/markup/recovery", test_recovery);

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
