/* tb-combine-window-private.h: exporting the breakdown, and the hooks the GUI tests use
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-combine-window.h"

G_BEGIN_DECLS

/* What Export CSV does once the chooser returned @path: the breakdown as it is now, written
 * atomically in a worker. */
void             tb_combine_window_export_csv_async  (TbCombineWindow    *self,
                                                      const char         *path,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean         tb_combine_window_export_csv_finish (TbCombineWindow    *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

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
