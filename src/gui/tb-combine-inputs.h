/* tb-combine-inputs.h: the list of combined reports in the breakdown window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per input of Combine Reports (TbCombineInput), in a GtkColumnView over a list
 * model, so that thousands of inputs scroll smoothly (only the rows in sight have widgets):
 * its agency, its file, and "Ready" or why it is not (the first problems in the tooltip).
 * Activating a row (double click, Enter) opens the input: the action combine.open-input
 * with the file's path.
 */
#pragma once

#include <adwaita.h>

#include "tb-combine-input.h"
#include "tb-format.h"

G_BEGIN_DECLS

/* Shows @inputs (a model of TbCombineInput) in @view: its columns (agency, file, status),
 * nothing selected at first; activating a row opens that input. */
void   tb_combine_inputs_setup_view  (GtkColumnView  *view,
                                      GListModel     *inputs);
/* The number of @inputs (a model of TbCombineInput) that are not ready. */
guint  tb_combine_inputs_count_not_ready (GListModel *inputs);
/* (transfer full): the heading above the list: "3 reports on 2024, format …: all ready". */
char  *tb_combine_inputs_dup_heading (guint           n_inputs,
                                      int             year,
                                      const TbFormat *format,
                                      guint           n_not_ready);

G_END_DECLS
