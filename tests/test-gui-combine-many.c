/* test-gui-combine-many.c: Combine Reports in the app with thousands of reports (suite gui)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 5,000 reports: read in a worker while a progress bar moves and the main loop runs, and
 * Cancel stops it; combined, the breakdown lists every one in a list that recycles its
 * rows, opens any of them, and exports the breakdown by report.
 */
#define G_LOG_DOMAIN "test-gui-combine-many"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tb-combine-input.h"
#include "tb-combine-window-private.h"
#include "tb-draft.h"
#include "tb-test-carry.h"
#include "tb-test-util.h"
#include "tb-tooltip.h"
#include "tb-window-private.h"

static gboolean
tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Input @i of write_numbered() is the unfilled report: one in 400. */
#define IS_UNFILLED(i) ((i) % 400 == 7)

/* Writes @n reports 00000.tianbao, 00001.tianbao… into @folder of the home's reports, each
 * @report (or @unfilled, if not NULL, where IS_UNFILLED) with its agency "@@AGENCY@@"
 * made "某市第I局", I its number. Returns their paths, in order. */
static GStrv
write_numbered (TbReport   *report,
                TbReport   *unfilled,
                const char *folder,
                guint       n)
{
  g_autoptr(GBytes) bytes = tb_draft_serialize (report);
  g_autoptr(GBytes) bytes_unfilled = unfilled ? tb_draft_serialize (unfilled) : NULL;
  g_autofree char *first = tb_test_save_report (report, folder, "00000.tianbao");
  g_autofree char *dir = g_path_get_dirname (first);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_unlink (first);
  for (guint i = 0; i < n; i++)
    {
      const char *text = g_bytes_get_data (unfilled && IS_UNFILLED (i) ? bytes_unfilled : bytes,
                                           NULL);
      const char *mark = strstr (text, "@@AGENCY@@");
      g_autofree char *name = g_strdup_printf ("%05u.tianbao", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *draft = g_strdup_printf ("%.*s某市第%u局%s", (int) (mark - text), text, i,
                                                mark + strlen ("@@AGENCY@@"));

      g_assert_nonnull (mark);
      g_assert_true (g_file_set_contents (path, draft, -1, NULL));
      g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

/* 5,000 reports: they are read and checked in a worker while a progress bar moves and the
 * main loop keeps running; Cancel stops it, and nothing is combined or written. */
static void
test_combine_progress_cancel (void)
{
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, "@@AGENCY@@", 3);
  guint n = 5000, ticks = 0, tick_id, n_files = 0;
  g_auto(GStrv) paths = write_numbered (report, NULL, "five-thousand", n);
  g_autofree char *dir = g_path_get_dirname (paths[0]);
  TbWindow *window = tb_test_new_window ();
  AdwMessageDialog *dialog;
  GtkProgressBar *bar;
  double fraction;
  gint64 start, waited;
  GDir *folder;

  tick_id = g_timeout_add (10, tick_cb, &ticks);
  start = g_get_monotonic_time ();
  tb_window_combine_paths (window, (const char *const *) paths);
  while ((dialog = tb_test_find_dialog (GTK_WINDOW (window))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Combining Reports");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "5000 reports"));
  bar = GTK_PROGRESS_BAR (adw_message_dialog_get_extra_child (dialog));
  /* The bar moves while the main loop runs. */
  while (gtk_progress_bar_get_fraction (bar) < 0.1)
    g_main_context_iteration (NULL, TRUE);
  fraction = gtk_progress_bar_get_fraction (bar);
  waited = g_get_monotonic_time () - start;
  g_test_message ("%.0f%% after %.2f s; the main loop ticked %u times (every 10 ms)",
                  fraction * 100, waited / 1e6, ticks);
  g_assert_cmpfloat (fraction, <, 1.0);
  /* A tick every 10 ms if the loop never waited; on a busy machine (the workers take both
   * cores) at least one every 80 ms on average. */
  g_assert_cmpuint (ticks, >=, waited / 80000);
  g_assert_true (tb_test_find_dialog (GTK_WINDOW (window)) == dialog);

  /* To look at it: TB_TEST_HOLD_MS=1500 keeps it up that long (take a screenshot). */
  if (g_getenv ("TB_TEST_HOLD_MS") != NULL)
    {
      gint64 until = g_get_monotonic_time () + 1000 * g_ascii_strtoll (g_getenv ("TB_TEST_HOLD_MS"),
                                                                        NULL, 10);

      while (g_get_monotonic_time () < until && tb_test_find_dialog (GTK_WINDOW (window)) == dialog)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (tb_test_find_dialog (GTK_WINDOW (window)) == dialog);
    }

  /* Cancel: nothing combined, nothing asked, nothing written. */
  adw_message_dialog_response (dialog, "cancel");
  tb_test_spin ();
  g_usleep (300 * 1000);
  tb_test_spin ();
  g_assert_null (tb_test_find_dialog (GTK_WINDOW (window)));
  g_assert_null (tb_test_find_combine_window ());
  g_assert_null (tb_window_get_dialog (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (tb_test_app)), ==, 1);
  folder = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (folder) != NULL)
    n_files++;
  g_dir_close (folder);
  g_assert_cmpuint (n_files, ==, n);

  g_source_remove (tick_id);
  for (guint i = 0; i < n; i++)
    g_unlink (paths[i]);
  tb_test_close_all ();
}

static GtkColumnView *
cells_view (TbCombineWindow *breakdown)
{
  return GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (breakdown),
                                                         TB_TYPE_COMBINE_WINDOW,
                                                         "column_view"));
}

/* The first label under @widget showing @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_descendants (GtkWidget *widget,
                   GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_descendants (child, type);
  return n;
}

/* 5,000 reports, a few not ready: read on the streaming merge while the main loop runs;
 * the breakdown lists every one in a list model with its status (no column per agency at
 * that count), opens any of them from its row, and exports the breakdown by report. */
static void
test_combine_many (void)
{
  g_autoptr(TbReport) report = tb_test_make_report ("2021", 2024, "@@AGENCY@@", 5);
  g_autoptr(TbReport) unfilled = tb_test_make_report ("2021", 2024, "@@AGENCY@@", 6);
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) lines = NULL;
  TbWindow *window = tb_test_new_window ();
  TbCombineWindow *breakdown;
  TbWindow *opened;
  GListModel *model;
  /* Issue 15: smooth with 5,000 inputs. TB_TEST_COMBINE_MANY=20000 tries more. */
  guint n = g_getenv ("TB_TEST_COMBINE_MANY") != NULL
            ? (guint) g_ascii_strtoull (g_getenv ("TB_TEST_COMBINE_MANY"), NULL, 10) : 5000;
  guint ticks = 0, tick_id, n_not_ready = 0, n_rows = 0, n_labels;
  gint64 start, waited;
  GtkAdjustment *scroll;

  tb_test_clear (unfilled, "t3.r3_1_open.law");
  g_assert_cmpuint (n, >, 1234);
  paths = write_numbered (report, unfilled, "many", n);
  dir = g_path_get_dirname (paths[0]);

  tick_id = g_timeout_add (10, tick_cb, &ticks);
  start = g_get_monotonic_time ();
  breakdown = tb_test_combine (window, (const char *const *) paths, "某市人民政府办公室");
  waited = g_get_monotonic_time () - start;
  g_source_remove (tick_id);
  g_test_message ("%u reports combined in %.2f s; the main loop ticked %u times (every 10 ms)",
                  n, waited / 1e6, ticks);
  /* The window never froze: on a busy machine, a tick every 80 ms on average at least. */
  g_assert_cmpuint (ticks, >=, waited / 80000);

  /* One item per input, in order, with its status. */
  model = G_LIST_MODEL (gtk_column_view_get_model (tb_test_inputs_view (breakdown)));
  g_assert_true (tb_combine_window_get_inputs (breakdown) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TbCombineInput) input = g_list_model_get_item (model, i);
      g_autofree char *agency = g_strdup_printf ("某市第%u局", i);
      g_autofree char *name = g_strdup_printf ("%05u.tianbao", i);

      g_assert_cmpuint (tb_combine_input_get_index (input), ==, i);
      g_assert_cmpstr (tb_combine_input_get_agency (input), ==, agency);
      g_assert_cmpstr (tb_combine_input_get_file (input), ==, name);
      g_assert_cmpstr (tb_combine_input_get_path (input), ==, paths[i]);
      g_assert_cmpint (tb_combine_input_is_ready (input), ==, !IS_UNFILLED (i));
      if (IS_UNFILLED (i))
        {
          g_assert_nonnull (strstr (tb_combine_input_get_summary (input),
                                    "1 cell not filled or unreadable"));
          n_not_ready++;
        }
      else
        g_assert_cmpstr (tb_combine_input_get_summary (input), ==, "Ready");
    }
  g_assert_cmpuint (n_not_ready, ==, (n + 392) / 400);
  g_assert_cmpuint (tb_combine_window_get_n_not_ready (breakdown), ==, n_not_ready);
  heading = g_strdup (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (
    GTK_WIDGET (breakdown), TB_TYPE_COMBINE_WINDOW, "inputs_heading"))));
  {
    g_autofree char *want = g_strdup_printf ("%u reports on 2024", n);
    g_autofree char *want_not = g_strdup_printf ("%u are not ready", n_not_ready);

    g_assert_true (g_str_has_prefix (heading, want));
    g_assert_nonnull (strstr (heading, want_not));
  }

  /* Smooth however many: shown and scrolled to the end, the list has widgets for the rows
   * on screen only (a model-based view recycles them), not a widget tree per input. */
  gtk_window_present (GTK_WINDOW (breakdown));
  scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (tb_test_inputs_view (breakdown)));
  for (int pass = 0; pass < 2; pass++)
    {
      gint64 until = g_get_monotonic_time () + 200 * 1000;

      gtk_adjustment_set_value (scroll, pass == 0 ? 0 : gtk_adjustment_get_upper (scroll));
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  n_labels = count_descendants (GTK_WIDGET (tb_test_inputs_view (breakdown)), GTK_TYPE_LABEL);

  /* A column label's tooltip keeps the term whole (not 本年废/止件数). */
  {
    GtkWidget *label = find_label (GTK_WIDGET (cells_view (breakdown)), "本年废止件数");
    g_autofree char *shown = NULL;

    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, "本年废止件数");
    shown = tb_tooltip_dup_shown (label);
    g_assert_cmpstr (shown, ==, "本\u2060年\u2060废\u2060止\u2060件\u2060数");
  }
  g_test_message ("%u labels in the list of %u inputs, scrolled to %.0f of %.0f px", n_labels,
                  n, gtk_adjustment_get_value (scroll), gtk_adjustment_get_upper (scroll));
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, 0);
  g_assert_cmpuint (n_labels, >, 3);
  g_assert_cmpuint (n_labels, <, 1500);   /* 618 at 1920×1080, for 5,000 or 20,000 */
  /* The reports are not kept: the table has the sum, no column per agency. */
  g_assert_null (tb_combine_window_get_merge (breakdown));
  columns = tb_combine_window_list_columns (breakdown);
  g_assert_cmpuint (columns->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (columns, 3), ==, "Sum");

  /* To look at it: TB_TEST_HOLD_MS=1500 keeps it up that long (take a screenshot). */
  if (g_getenv ("TB_TEST_HOLD_MS") != NULL)
    {
      gint64 until = g_get_monotonic_time () + 1000 * g_ascii_strtoll (g_getenv ("TB_TEST_HOLD_MS"),
                                                                        NULL, 10);

      gtk_window_present (GTK_WINDOW (breakdown));
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }

  /* Any input opens from its row. */
  opened = tb_test_open_input (breakdown, 1234, paths[1234]);
  g_assert_nonnull (opened);
  g_assert_cmpstr (tb_report_get_agency (tb_window_get_report (opened)), ==, "某市第1234局");

  /* The breakdown by report, read again from the files: a row per input. */
  csv_path = g_build_filename (dir, "breakdown.csv", NULL);
  g_assert_true (tb_test_export_csv (breakdown, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n_rows += strstr (lines[i], ".tianbao") != NULL;
  g_assert_cmpuint (n_rows, ==, n);
  g_assert_nonnull (strstr (csv, "00007.tianbao"));
  g_unlink (csv_path);

  for (guint i = 0; i < n; i++)
    g_unlink (paths[i]);
  tb_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  if (!tb_test_carry_init (&argc, &argv, "io.github.tianbao.Tianbao.TestCombineMany"))
    return 0;

  g_test_add_func ("/gui/combine/progress-cancel", test_combine_progress_cancel);
  g_test_add_func ("/gui/combine/many", test_combine_many);

  return tb_test_carry_run ();
}
