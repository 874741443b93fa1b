/* tb-combine-window.h: the breakdown by agency of a combined (summary) report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown beside the summary's own window after Combine Reports: which inputs are not ready
 * and why, then one row per cell (its part, official row and column labels), the sum and
 * one column per agency, filtered by part or by text. Export CSV writes the same file as
 * `tianbao-cli merge --breakdown` (tb_merge_breakdown_csv()).
 */
#pragma once

#include <adwaita.h>

#include "tb-merge.h"

G_BEGIN_DECLS

#define TB_TYPE_COMBINE_WINDOW (tb_combine_window_get_type ())
G_DECLARE_FINAL_TYPE (TbCombineWindow, tb_combine_window, TB, COMBINE_WINDOW, AdwWindow)

/* Takes @merge (transfer full); @paths: (nullable) the inputs' files, in order (the clerk
 * can open them from here); @summary is tb_merge_build()'s report, shown in
 * @summary_window (may be NULL); @notes: (nullable) the build's notes (char*). While
 * @summary_window is open, closing the breakdown only hides it. */
TbCombineWindow *tb_combine_window_new           (GtkApplication  *application,
                                                  TbMerge         *merge,
                                                  const char *const *paths,
                                                  TbReport        *summary,
                                                  GPtrArray       *notes,
                                                  GtkWindow       *summary_window);
TbReport        *tb_combine_window_get_summary   (TbCombineWindow *self);
TbMerge         *tb_combine_window_get_merge     (TbCombineWindow *self);
/* Writes the breakdown CSV to @path (atomically). */
gboolean         tb_combine_window_export_csv_to (TbCombineWindow *self,
                                                  const char      *path,
                                                  GError         **error);

/* Test hooks. */
/* The text shown for @cell_id in the column of input @input, or of the sum (-1). */
char            *tb_combine_window_dup_value     (TbCombineWindow *self,
                                                  const char      *cell_id,
                                                  int              input);
/* Shows the cells of section @section_id (NULL: every part) matching @search (NULL: all),
 * as choosing them in the window does. */
void             tb_combine_window_show_cells    (TbCombineWindow *self,
                                                  const char      *section_id,
                                                  const char      *search);
guint            tb_combine_window_get_n_shown   (TbCombineWindow *self);
guint            tb_combine_window_get_n_not_ready (TbCombineWindow *self);
/* The column titles of the table, left to right. (transfer container) */
GPtrArray       *tb_combine_window_list_columns  (TbCombineWindow *self);

G_END_DECLS
