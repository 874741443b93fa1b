/* tb-test-files.c: the application, session and saved reports of the GUI tests of files
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-files.h.
 */
#define G_LOG_DOMAIN "tb-test-files"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-draft.h"
#include "tb-session-private.h"

#include "tb-test-files.h"
#include "tb-test-util.h"

GtkApplication *tb_test_app;
TbSession      *tb_test_session;

static char *recent_dir;

char *
tb_test_saved_report (const char *name,
                      const char *value)
{
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "reports", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GError) error = NULL;

  tb_report_set_year (report, 2024);
  tb_report_set_agency (report, "测试县审计局");
  if (value != NULL)
    tb_test_type (report, "t2.reg.made", value);
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

void
tb_test_destroy_windows (void)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (tb_test_app));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  tb_test_spin ();
}

gboolean
tb_test_files_init (int         *argc,
                    char      ***argv,
                    const char  *app_id)
{
  g_autoptr(GError) error = NULL;

  recent_dir = g_dir_make_tmp ("tianbao-test-recent-XXXXXX", NULL);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The recent files list is opened once, at its first use; give it a folder that outlives
   * the per-test folders (G_TEST_OPTION_ISOLATE_DIRS removes them after each test). */
  g_setenv ("XDG_DATA_HOME", recent_dir, TRUE);
  gtk_recent_manager_get_default ();
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The read-only file system of save-read-only is mounted in a namespace of the
   * subprocess: entered before any thread starts, so the workers that save see it too. */
  if (g_test_subprocess ())
    tb_test_private_mounts ();
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();

  tb_test_app = GTK_APPLICATION (adw_application_new (app_id, G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (tb_test_app), NULL, &error);
  g_assert_no_error (error);
  /* Windows come and go in the tests; the application stays. */
  g_application_hold (G_APPLICATION (tb_test_app));
  tb_test_session = tb_session_new (tb_test_app);
  return TRUE;
}

int
tb_test_files_run (void)
{
  int status = g_test_run ();

  g_clear_object (&tb_test_session);
  g_application_release (G_APPLICATION (tb_test_app));
  g_clear_object (&tb_test_app);
  {
    g_autofree char *xbel = g_build_filename (recent_dir, "recently-used.xbel", NULL);

    g_unlink (xbel);
    g_rmdir (recent_dir);
  }
  g_clear_pointer (&recent_dir, g_free);
  return status;
}
