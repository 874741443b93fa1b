/* tb-combine-inputs.h: the list of combined reports in the breakdown window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per input of Combine Reports: its agency and file, "Ready", or why it is not
 * (its errors and unfilled cells, the first few spelled out), and a button that opens it
 * (the action combine.open-input with the file's path).
 */
#pragma once

#include <adwaita.h>

#include "tb-merge.h"

G_BEGIN_DECLS

/* Adds the rows of @merge's inputs to @list; @paths: (nullable) their files, in order.
 * Returns the number of inputs that are not ready. */
guint  tb_combine_inputs_fill        (GtkListBox        *list,
                                      TbMerge           *merge,
                                      const char *const *paths);
/* (transfer full): the heading above the list: "3 reports on 2024, format …: all ready". */
char  *tb_combine_inputs_dup_heading (TbMerge           *merge,
                                      guint              n_not_ready);

G_END_DECLS
