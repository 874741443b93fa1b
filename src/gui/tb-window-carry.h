/* tb-window-carry.h: last year's report in the window, and Combine Reports
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of TbWindow (like tb-window-files.c): the hooks below are called by tb-window.c and
 * tb-window-files.c; the rest is for the GUI tests.
 */
#pragma once

#include <adwaita.h>

#include "tb-combine-window.h"
#include "tb-window.h"

G_BEGIN_DECLS

/* Hooks. */
/* Installs win.attach-previous-report, win.combine-reports and win.show-breakdown. */
void              tb_window_carry_class_init          (GtkWidgetClass   *widget_class);
/* The window now shows @report, saved at @path (or NULL): attaches the last year's report
 * it names, once; when that cannot be read, says so in a toast (the report opens all the
 * same). */
void              tb_window_carry_report_set          (TbWindow         *self,
                                                       TbReport         *report,
                                                       const char       *path);
/* Save As is about to write @path: the reference to last year's report, relative to the
 * draft's folder, is made relative to the new folder. */
void              tb_window_carry_before_save_as      (TbWindow         *self,
                                                       const char       *path);
/* ... and did not: the reference is as it was. */
void              tb_window_carry_save_as_failed      (TbWindow         *self);
/* Adds "Start from Last Year's Report…" to the New dialog: @grid is its extra child, whose
 * rows from @row on are free; @year and @agency are its fields. */
void              tb_window_carry_extend_new_dialog   (TbWindow         *self,
                                                       AdwMessageDialog *dialog,
                                                       GtkGrid          *grid,
                                                       int               row,
                                                       GtkSpinButton    *year,
                                                       GtkEditable      *agency);
/* The New dialog's Create: TRUE when the new report was made from last year's (or that
 * failed and was said); FALSE when no last year's report was chosen. */
gboolean          tb_window_carry_create_new          (TbWindow         *self,
                                                       AdwMessageDialog *dialog,
                                                       int               year,
                                                       const char       *agency);

/* What choosing @path in the New dialog's file chooser does. */
gboolean          tb_window_carry_new_dialog_set_previous (AdwMessageDialog *dialog,
                                                           const char       *path,
                                                           GError          **error);
/* What choosing @path for win.attach-previous-report does; failures are shown. */
gboolean          tb_window_carry_attach_previous     (TbWindow         *self,
                                                       const char       *path);
/* The message of the toast saying last year's report was not found, or NULL. */
const char       *tb_window_carry_get_notice          (TbWindow         *self);

/* What choosing @paths (NULL-terminated) for win.combine-reports does: loads and checks
 * them, and returns the dialog asking for the summary's agency (its extra child is the
 * GtkEntry; its "combine" response opens the summary and the breakdown). NULL when they
 * cannot be combined: the reason is shown (tb_window_files_get_dialog()). */
AdwMessageDialog *tb_window_combine_paths             (TbWindow         *self,
                                                       const char *const *paths);
/* The breakdown of the summary this window shows, made by Combine Reports in this session
 * (win.show-breakdown presents it; closed, it is only hidden), or NULL. */
TbCombineWindow  *tb_window_carry_get_breakdown       (TbWindow         *self);

G_END_DECLS
