/* test-gui-recovery-offer.c: the recovery offer in the window (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recovery copies a crashed run left are offered: recovering one, discarding another,
 * offered once per run, the copy removed on saving; the offer's layout with a few and with
 * many copies and a damaged one. The whole program killed and recovered is
 * test-gui-recovery.py.
 */
#define G_LOG_DOMAIN "test-gui-recovery-offer"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tb-draft.h"
#include "tb-recovery.h"
#include "tb-recovery-dialog-private.h"
#include "tb-session-private.h"
#include "tb-window-private.h"

#include "tb-test-files.h"
#include "tb-test-util.h"

/* ---- Recovery ------------------------------------------------------------------------------- */

/* A recovery copy as a crashed run leaves it: written by a process that is gone. */
static char *
crashed_copy (const char *path,
              const char *value)
{
  g_autoptr(TbReport) report = tb_draft_load (path, NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *id = tb_recovery_new_id ();
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *name = g_strconcat (id, ".ini", NULL);
  g_autofree char *ini = g_build_filename (dir, name, NULL);

  tb_report_set_cell_text (report, tb_format_find_cell (tb_report_get_format (report),
                                                        "t2.reg.made")->index, value, NULL);
  tb_report_set_text (report, "s5", "恢复的文字");
  g_assert_true (tb_recovery_write (id, report, path, NULL, NULL));
  g_assert_true (g_key_file_load_from_file (keys, ini, G_KEY_FILE_NONE, NULL));
  g_key_file_set_uint64 (keys, "Recovery", "StartTime", 1);
  g_assert_true (g_key_file_save_to_file (keys, ini, NULL));
  return g_steal_pointer (&id);
}

static void
test_recovery_offer (void)
{
  g_autofree char *path = tb_test_saved_report ("crashed.tianbao", "1");
  g_autofree char *other = tb_test_saved_report ("other.tianbao", "1");
  g_autoptr(GBytes) before = tb_test_read_bytes (other);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *id = crashed_copy (path, "9");
  g_autofree char *id2 = crashed_copy (other, "5");
  TbWindow *window = tb_window_new (tb_test_app);
  TbRecoveryDialog *dialog;
  g_autofree char *value = NULL;

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  tb_session_offer_recovery (tb_test_session, window);
  tb_test_spin ();
  dialog = tb_session_get_recovery_dialog (tb_test_session);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (tb_recovery_dialog_get_n_rows (dialog), ==, 2);

  /* Recover: the untouched window shows the report with its unsaved changes. */
  g_assert_true (tb_recovery_dialog_choose (dialog, id, TRUE));
  tb_test_spin ();
  g_assert_cmpstr (tb_window_get_path (window), ==, path);
  value = tb_test_dup_text (tb_window_get_report (window), "t2.reg.made");
  g_assert_cmpstr (value, ==, "9");
  g_assert_cmpstr (tb_report_get_text (tb_window_get_report (window), "s5"), ==, "恢复的文字");
  g_assert_true (tb_document_get_modified (tb_window_get_document (window)));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_cmpstr (tb_document_get_recovery_id (tb_window_get_document (window)), ==, id);
  g_assert_cmpuint (tb_recovery_dialog_get_n_rows (dialog), ==, 1);

  /* Discard the other: its copy goes, its file stays as it was; the offer closes. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (tb_recovery_dialog_choose (dialog, id2, FALSE));
  tb_test_spin ();
  g_assert_null (dialog);
  g_assert_null (tb_session_get_recovery_dialog (tb_test_session));
  after = tb_test_read_bytes (other);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(GPtrArray) entries = tb_recovery_list (NULL);

    /* Left: the recovered report's own copy, now claimed by this process. */
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (((TbRecoveryEntry *) g_ptr_array_index (entries, 0))->id, ==, id);
    g_assert_true (((TbRecoveryEntry *) g_ptr_array_index (entries, 0))->in_use);
  }

  /* Offered once per run. */
  tb_session_offer_recovery (tb_test_session, window);
  g_assert_null (tb_session_get_recovery_dialog (tb_test_session));

  /* Saving the recovered report removes its copy. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  tb_test_spin ();
  g_assert_cmpuint (tb_test_count_recovery (), ==, 0);
  g_clear_pointer (&value, g_free);
  value = tb_test_file_cell (path, "t2.reg.made");
  g_assert_cmpstr (value, ==, "9");
  tb_test_destroy_windows ();
}

/* A copy that cannot be read: its description names a version that does not exist. */
static void
damaged_copy (void)
{
  g_autofree char *id = tb_recovery_new_id ();
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *name = g_strconcat (id, ".ini", NULL);
  g_autofree char *ini = g_build_filename (dir, name, NULL);

  tb_test_write_file (ini, "[Recovery]\nVersion=99\n", -1);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until @widget's window painted a frame laid out anew. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);

  gtk_widget_queue_allocate (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, buttons);
}

/* Offers @n_copies recovery copies and one damaged copy; checks that the offer fits in the
 * window and that the buttons of every row show whole (scrolling to each if the list
 * scrolls); @scrolls: whether the list had to scroll. */
static void
check_recovery_layout (guint     n_copies,
                       gboolean *scrolls)
{
  g_autofree char *path = tb_test_saved_report ("crashed.tianbao", "1");
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  TbWindow *window = tb_window_new (tb_test_app);
  TbRecoveryDialog *dialog;
  GtkWidget *scroller;
  GtkAdjustment *vadj;
  int height;

  for (guint i = 0; i < n_copies; i++)
    g_free (crashed_copy (path, "9"));
  damaged_copy ();

  tb_window_new_report (window);
  gtk_window_present (GTK_WINDOW (window));
  /* As tb_session_offer_recovery () shows it (which does it once per run). */
  {
    g_autoptr(GPtrArray) damaged = NULL;
    g_autoptr(GPtrArray) entries = tb_recovery_list (&damaged);

    dialog = tb_recovery_dialog_new (GTK_WINDOW (window), entries, damaged);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  tb_test_run_loop_for (300);
  scroller = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  /* The list's height is guessed, then measured again at the width it got: laid out once
   * a frame changes nothing more, however long a loaded machine takes for it. */
  {
    int before;

    do
      {
        before = gtk_widget_get_height (GTK_WIDGET (dialog));
        wait_for_frame (scroller);
        wait_for_frame (scroller);
      }
    while (gtk_widget_get_height (GTK_WIDGET (dialog)) != before);
  }
  g_assert_cmpuint (tb_recovery_dialog_get_n_rows (dialog), ==, n_copies + 1);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (dialog)), <=,
                   gtk_widget_get_height (GTK_WIDGET (window)));

  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  height = gtk_widget_get_height (scroller);
  g_assert_cmpint (height, >, 0);
  *scrolls = gtk_adjustment_get_upper (vadj) > gtk_adjustment_get_page_size (vadj) + 0.5;

  /* Recover and Discard for each copy; Discard alone for the damaged one. */
  collect_buttons (scroller, buttons);
  g_assert_cmpuint (buttons->len, ==, 2 * n_copies + 1);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      graphene_rect_t b;

      /* As the clerk scrolls to it. */
      g_assert_true (gtk_widget_compute_bounds (button, scroller, &b));
      if (b.origin.y + b.size.height > height)
        {
          gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) +
                                          b.origin.y + b.size.height - height);
          /* Laid out again in the next frame, however long the machine takes for it. */
          wait_for_frame (scroller);
          g_assert_true (gtk_widget_compute_bounds (button, scroller, &b));
        }
      g_test_message ("button %u: y %.0f..%.0f of %d", i, b.origin.y,
                      b.origin.y + b.size.height, height);
      g_assert_cmpfloat (b.origin.y, >=, 0);
      g_assert_cmpfloat (b.origin.y + b.size.height, <=, height);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  tb_test_destroy_windows ();
  {
    g_autoptr(GPtrArray) damaged = NULL;
    g_autoptr(GPtrArray) entries = tb_recovery_list (&damaged);

    for (guint i = 0; i < entries->len; i++)
      tb_recovery_discard (((TbRecoveryEntry *) g_ptr_array_index (entries, i))->id, NULL);
    for (guint i = 0; i < damaged->len; i++)
      tb_recovery_discard (((TbRecoveryEntry *) g_ptr_array_index (damaged, i))->id, NULL);
  }
}

/* Every row of the offer shows whole, its buttons included (GTK 4.8's scrolled window asks
 * its child for its height at no particular width, which wrapped labels make too short). */
static void
test_recovery_layout_few (void)
{
  gboolean scrolls;

  check_recovery_layout (1, &scrolls);
  g_assert_false (scrolls);
}

/* Many rows scroll, and the offer still fits in the window. */
static void
test_recovery_layout_many (void)
{
  gboolean scrolls;

  check_recovery_layout (8, &scrolls);
  g_assert_true (scrolls);
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_files_init (&argc, &argv, "io.github.tianbao.Tianbao.TestRecovery"))
    return 0;

  g_test_add_func ("/gui/files/recovery-offer", test_recovery_offer);
  g_test_add_func ("/gui/files/recovery-layout-few", test_recovery_layout_few);
  g_test_add_func ("/gui/files/recovery-layout-many", test_recovery_layout_many);

  return tb_test_files_run ();
}
