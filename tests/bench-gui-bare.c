/* bench-gui-bare.c: the reference windows of build-aux/bench-gui (the GUI benchmark; not a test)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-gui-bare --window        a bare GtkWindow with a label: prints "first-frame-ms N"
 *                                  (from TIANBAO_BENCH_START_US) at its first painted frame
 *   bench-gui-bare --adw-window    the same with libadwaita: an AdwWindow, a header bar and
 *                                  a label (what libadwaita alone costs)
 *   bench-gui-bare --adw-window-cjk  the same with a bold title and a label in Chinese
 *                                    (+ the CJK font's regular and bold faces)
 *
 * Built twice from this file: bench-gui-bare links only GTK and libadwaita, so that it
 * costs what a bare window costs; bench-gui-bare-linked also loads every library the app
 * links (libxml2 with ICU, hb-subset …), to show what loading those costs.
 */
#define G_LOG_DOMAIN "bench-gui-bare"

#include <adwaita.h>
#include <stdio.h>

static gint64 start_us;
static gboolean done;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (done)
    return;
  done = TRUE;
  printf ("first-frame-ms %.1f\n", (g_get_real_time () - start_us) / 1000.0);
  fflush (stdout);
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
}

static int
bare_window (gboolean    adwaita,
             const char *title,
             const char *text)
{
  GtkWidget *window;

  gtk_init ();
  if (adwaita)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *header;

      adw_init ();
      window = adw_window_new ();
      header = adw_header_bar_new ();
      /* A title set as libadwaita sets titles: bold. */
      if (title != NULL)
        adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
      gtk_box_append (GTK_BOX (box), header);
      gtk_box_append (GTK_BOX (box), gtk_label_new (text));
      adw_window_set_content (ADW_WINDOW (window), box);
    }
  else
    {
      window = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new (text));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *start = g_getenv ("TIANBAO_BENCH_START_US");

  start_us = start ? g_ascii_strtoll (start, NULL, 10) : g_get_real_time ();

  if (argc == 2 && g_str_equal (argv[1], "--window"))
    return bare_window (FALSE, NULL, "Tianbao");
  if (argc == 2 && g_str_equal (argv[1], "--adw-window"))
    return bare_window (TRUE, NULL, "Tianbao");
  /* The same with Chinese as every window of the app shows it, a bold title and a line of
   * regular text: what the CJK font's two faces cost on their own. */
  if (argc == 2 && g_str_equal (argv[1], "--adw-window-cjk"))
    return bare_window (TRUE, "盐池县审计局", "盐池县审计局2021年政府信息公开工作年度报告");
  g_printerr ("usage: bench-gui-bare --window | --adw-window | --adw-window-cjk\n");
  return 2;
}
