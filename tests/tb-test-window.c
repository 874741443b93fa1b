/* tb-test-window.c: the report window of the GUI tests, and what they do with its cells
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-window.h.
 */
#define G_LOG_DOMAIN "tb-test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-cell-entry-private.h"
#include "tb-window-private.h"

#include "tb-test-util.h"
#include "tb-test-window.h"

static char *test_home;

/* Shows @report, not saved anywhere, in @window. */
void
tb_test_show_report (TbWindow *window,
                     TbReport *report)
{
  g_autoptr(TbDocument) document = tb_document_new_for_report (report, NULL);

  tb_window_set_document (window, document);
}

TbWindow *
tb_test_report_window (int year)
{
  TbWindow *window = tb_window_new (NULL);
  g_autoptr(TbReport) report = tb_report_new (tb_format_for_year (year));

  tb_report_set_year (report, year);
  tb_report_set_agency (report, "测试县审计局");
  tb_report_set_modified (report, FALSE);
  tb_test_show_report (window, report);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
tb_test_destroy_window (TbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tb_test_spin ();
}

/* Runs the main loop until the pending rules check ran. Returns the milliseconds it took. */
double
tb_test_wait_validated (TbWindow *window)
{
  gint64 start = g_get_monotonic_time ();

  while (tb_window_has_pending_validation (window))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

GtkWidget *
tb_test_cell_widget (TbWindow   *window,
                     const char *id)
{
  GtkWidget *widget = tb_window_get_cell_widget (window, id);

  g_assert_nonnull (widget);
  g_assert_true (TB_IS_CELL_ENTRY (widget));
  return widget;
}

/* Replaces the text the way typing does: the selection is deleted, the text inserted. */
static void
type_into (GtkWidget  *cell,
           const char *text)
{
  int pos = 0;

  gtk_editable_delete_text (GTK_EDITABLE (cell), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (cell), text, -1, &pos);
}

double
tb_test_type_and_wait (TbWindow   *window,
                       const char *id,
                       const char *text)
{
  type_into (tb_test_cell_widget (window, id), text);
  g_assert_true (tb_window_has_pending_validation (window));
  return tb_test_wait_validated (window);
}

static gboolean
is_invalid (GtkWidget *widget)
{
  return gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID) &&
         gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                          GTK_ACCESSIBLE_INVALID_TRUE) == NULL;
}

void
tb_test_assert_error (TbWindow   *window,
                      const char *id,
                      gboolean    error)
{
  GtkWidget *widget = tb_test_cell_widget (window, id);

  if (error)
    {
      g_assert_true (gtk_widget_has_css_class (widget, "error"));
      g_assert_true (is_invalid (widget));
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
    }
  else
    {
      g_assert_false (gtk_widget_has_css_class (widget, "error"));
      g_assert_false (is_invalid (widget));
    }
}

const char *
tb_test_text_of (TbWindow   *window,
                 const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (tb_test_cell_widget (window, id)));
}

/* Fills every cell with 0 and every text, so that only what a test breaks is wrong. */
void
tb_test_fill_complete (TbWindow *window)
{
  TbReport *report = tb_window_get_report (window);
  const TbFormat *format = tb_report_get_format (report);

  tb_report_freeze (report);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    if (tb_format_get_cell (format, i)->total_rule < 0)
      tb_report_set_cell_value (report, i, 0, NULL);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    if (tb_format_get_section (format, i)->type == TB_SECTION_TEXT)
      tb_report_set_text (report, tb_format_get_section (format, i)->id, "无。");
  tb_report_thaw (report);
  tb_test_wait_validated (window);
}

const char *
tb_test_window_home (void)
{
  return test_home;
}

gboolean
tb_test_window_init (int         *argc,
                     char      ***argv,
                     const char  *name)
{
  /* GTK's in-process "test" accessibility backend: no session bus needed (as with "none"),
   * but the accessible properties and states are kept, so the test can read them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* One private data/config tree for the whole run (not per test): GTK's recent files
   * and the recovery copies are written from idle callbacks that outlive a test. */
  {
    g_autofree char *template = g_strconcat (name, "-XXXXXX", NULL);
    g_autofree char *home = g_dir_make_tmp (template, NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *config = g_build_filename (home, "config", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);

    g_mkdir_with_parents (data, 0700);
    g_mkdir_with_parents (config, 0700);
    g_mkdir_with_parents (cache, 0700);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    test_home = g_steal_pointer (&home);
  }
  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

int
tb_test_window_run (void)
{
  int status = g_test_run ();

  {
    const char *argv_rm[] = { "rm", "-rf", test_home, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_clear_pointer (&test_home, g_free);
  return status;
}
