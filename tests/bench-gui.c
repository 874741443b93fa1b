/* bench-gui.c: helper of build-aux/bench-gui (the GUI benchmark; not a test)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-gui --write-report PATH   writes a complete 2021 report (every cell, every text)
 *   bench-gui --keystroke PATH [N]  opens PATH in the report window and types N times into
 *                                   a cell of table 三, alternately breaking and fixing the
 *                                   勾稽 identity; prints the medians and maxima of
 *                                   keystroke → highlights updated, and keystroke → next
 *                                   painted frame
 */
#define G_LOG_DOMAIN "bench-gui"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb-cell-entry-private.h"
#include "tb-draft.h"
#include "tb-rules.h"
#include "tb-window-private.h"

#include "tb-test-util.h"

/* ------------------------------------------------------------------ helpers */

static int
write_report (const char *path)
{
  const TbFormat *f = tb_format_get ("2021");
  g_autoptr(TbReport) report = tb_report_new (f);
  g_autoptr(GError) error = NULL;

  tb_report_set_agency (report, "基准测试县人民政府办公室");
  tb_report_set_year (report, 2024);
  tb_report_set_preparer (report, "张三");
  tb_report_set_contact (report, "0000-12345678");
  tb_report_set_report_date (report, "2025-01-20");
  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);

      if (c->total_rule >= 0)
        continue;
      /* Results only in （一）予以公开, the rest 0: every identity holds. */
      if (g_str_equal (c->row_key, "r1_new") || g_str_equal (c->row_key, "r3_1_open"))
        tb_report_set_cell_value (report, i, 3, NULL);
      else
        tb_report_set_cell_value (report, i, 0, NULL);
    }
  tb_rules_compute_totals (report);
  for (guint i = 0; i < tb_format_get_n_sections (f); i++)
    {
      const TbSectionSpec *s = tb_format_get_section (f, i);

      if (s->type == TB_SECTION_TEXT)
        tb_report_set_text (report, s->id,
                            "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
                            "主动公开政府信息，依法办理政府信息公开申请。");
    }
  if (!tb_draft_save (report, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* ------------------------------------------------------------------ keystrokes */

typedef struct
{
  gint64   typed;
  gint64   validated;
  gint64   painted;
  gboolean waiting_paint;
} Stroke;

static void
on_validated_cb (TbWindow *window,
                 Stroke   *stroke)
{
  if (stroke->validated == 0)
    stroke->validated = g_get_monotonic_time ();
}

static void
on_stroke_paint_cb (GdkFrameClock *clock,
                    Stroke        *stroke)
{
  if (stroke->waiting_paint && stroke->validated != 0)
    {
      stroke->painted = g_get_monotonic_time ();
      stroke->waiting_paint = FALSE;
    }
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static int
keystrokes (const char *path,
            guint       n)
{
  TbWindow *window;
  GtkWidget *cell, *text;
  g_autoptr(GArray) to_marks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_frame = g_array_new (FALSE, FALSE, sizeof (double));
  Stroke stroke = { 0, };
  gint64 deadline;

  adw_init ();
  window = tb_window_new (NULL);
  {
    g_autoptr(GAsyncResult) result = NULL;

    /* Read in a worker. */
    tb_window_open_file_async (window, path, store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    if (!tb_window_open_file_finish (window, result, NULL))
      return 1;
  }
  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (window->view_stack, "s3");
  g_signal_connect (window, "validated", G_CALLBACK (on_validated_cb), &stroke);

  /* Let the window map and paint once. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_stroke_paint_cb), &stroke);

  cell = tb_window_get_cell_widget (window, "t3.r1_new.np");
  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (cell)));
  tb_cell_entry_focus (TB_CELL_ENTRY (cell));

  for (guint i = 0; i < n; i++)
    {
      /* "9" breaks 一 + 二 = （七） + 四 in the 自然人 column, "3" restores it. */
      const char *key = i % 2 == 0 ? "9" : "3";
      int pos = 0;
      TbCellMark want = i % 2 == 0 ? TB_CELL_MARK_ERROR : TB_CELL_MARK_NONE;

      memset (&stroke, 0, sizeof stroke);
      stroke.waiting_paint = TRUE;
      stroke.typed = g_get_monotonic_time ();
      /* What a key press ends in once the input method committed the character. */
      gtk_editable_delete_text (GTK_EDITABLE (text), 0, -1);
      gtk_editable_insert_text (GTK_EDITABLE (text), key, -1, &pos);
      deadline = stroke.typed + 2 * G_USEC_PER_SEC;
      while ((stroke.validated == 0 || stroke.waiting_paint) &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      if (stroke.validated == 0 || stroke.waiting_paint ||
          tb_cell_entry_get_mark (TB_CELL_ENTRY (cell)) != want)
        {
          g_printerr ("keystroke %u: highlights not updated\n", i);
          return 1;
        }
      g_array_append_val (to_marks, (double) { (stroke.validated - stroke.typed) / 1000.0 });
      g_array_append_val (to_frame, (double) { (stroke.painted - stroke.typed) / 1000.0 });
    }

  printf ("keystroke-to-highlights-ms median %.2f p95 %.2f max %.2f (n=%u)\n",
          tb_test_percentile (to_marks, 0.5), tb_test_percentile (to_marks, 0.95),
          tb_test_percentile (to_marks, 1.0), n);
  printf ("keystroke-to-frame-ms median %.2f p95 %.2f max %.2f (n=%u)\n",
          tb_test_percentile (to_frame, 0.5), tb_test_percentile (to_frame, 0.95),
          tb_test_percentile (to_frame, 1.0), n);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--write-report"))
    return write_report (argv[2]);
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "--keystroke"))
    {
      gtk_init ();
      return keystrokes (argv[2], argc == 4 ? (guint) atoi (argv[3]) : 200);
    }
  g_printerr ("usage: bench-gui --write-report PATH | --keystroke PATH [N]\n");
  return 2;
}
