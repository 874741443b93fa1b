/* tb-history.h: undo and redo of the edits made to a report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TbHistory watches one TbReport and records every change the clerk makes to it: cell
 * values (exactly as typed, also invalid text), texts, metadata, acknowledged warnings and
 * the manual-totals setting. It needs no cooperation from the editing code: it keeps a copy
 * of the report and compares it with the report on every ::changed signal.
 *
 * Totals that are computed (see TbCellSpec.total_rule, when the report's manual-totals flag
 * is off) are derived values and never a step of their own; after an undo or redo the
 * history recomputes them with tb_rules_compute_totals().
 *
 * Steps: every change is one step, except
 *  - changes announced in one "bulk" signal (tb_report_freeze()/thaw(): a pasted block)
 *    form one step;
 *  - consecutive changes of the same cell, text section or metadata field within the
 *    coalesce timeout (1 s by default) form one step: the form hands every keystroke to
 *    the report, and typing "120" into a cell is one edit. The step ends at a boundary:
 *    tb_history_close_step() (the focus left the field), a change elsewhere, an undo or
 *    redo, or a save.
 */
#pragma once

#include <glib-object.h>

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_HISTORY_DEFAULT_MAX_DEPTH        500
#define TB_HISTORY_DEFAULT_COALESCE_TIMEOUT 1000   /* milliseconds */

#define TB_TYPE_HISTORY (tb_history_get_type ())
G_DECLARE_FINAL_TYPE (TbHistory, tb_history, TB, HISTORY, GObject)

/* The report's present state is the starting point; if the report is not modified, it is
 * also the saved state (undoing back to it clears the report's modified flag). */
TbHistory  *tb_history_new                  (TbReport   *report);

gboolean    tb_history_get_can_undo         (TbHistory  *self);
gboolean    tb_history_get_can_redo         (TbHistory  *self);

/* Each returns FALSE when there was nothing to undo or redo. Emits ::applied. */
gboolean    tb_history_undo                 (TbHistory  *self);
gboolean    tb_history_redo                 (TbHistory  *self);

/* A boundary for coalescing: the next change starts a new step (call it when the focus
 * leaves a text). */
void        tb_history_close_step           (TbHistory  *self);

/* The report was saved (or recovered into a file): its present state is the saved one. */
void        tb_history_mark_saved           (TbHistory  *self);

/* Forgets every step (the present state becomes the starting point). */
void        tb_history_clear                (TbHistory  *self);

G_END_DECLS
