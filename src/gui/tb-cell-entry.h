/* tb-cell-entry.h: one value cell of the report (a number or an amount)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-form-state.h"
#include "tb-report.h"

G_BEGIN_DECLS

typedef enum
{
  TB_NAVIGATE_NEXT,   /* Tab: along the row */
  TB_NAVIGATE_PREV,   /* Shift+Tab */
  TB_NAVIGATE_DOWN,   /* Enter, Down: down the column */
  TB_NAVIGATE_UP,     /* Up */
} TbNavigate;

#define TB_TYPE_CELL_ENTRY (tb_cell_entry_get_type ())
G_DECLARE_FINAL_TYPE (TbCellEntry, tb_cell_entry, TB, CELL_ENTRY, GtkEntry)

GtkWidget  *tb_cell_entry_new          (TbReport        *report,
                                        guint            cell);
guint       tb_cell_entry_get_cell     (TbCellEntry     *self);
const TbCellSpec *tb_cell_entry_get_spec (TbCellEntry   *self);
void        tb_cell_entry_set_report   (TbCellEntry     *self,
                                        TbReport        *report);
/* Shows the model's value (unless it is what the entry already holds) and whether the
 * cell is a computed total. */
void        tb_cell_entry_sync         (TbCellEntry     *self);
/* Error or warning look, accessible invalid state and tooltip. */
void        tb_cell_entry_set_mark     (TbCellEntry     *self,
                                        TbCellMark       mark,
                                        const char      *tooltip);
/* TRUE when the cell shows a total the program computes (read-only). */
gboolean    tb_cell_entry_get_computed (TbCellEntry     *self);
/* Grabs the focus and selects the content, so that typing replaces it. */
void        tb_cell_entry_focus        (TbCellEntry     *self);

G_END_DECLS
