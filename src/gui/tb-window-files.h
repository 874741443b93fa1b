/* tb-window-files.h: files, saving, autosave and undo of the main window
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's report lives in a TbDocument (tb-document.h), which knows the file, the
 * undo history and the recovery copy. This part of the window offers it to the clerk: the
 * New/Open/Save/Save As/Open Recent/Undo/Redo actions, the file choosers, dropping a file
 * on the window, the question before closing with unsaved changes, and every failure said
 * in words in a dialog. tb-window.c calls the hooks below.
 */
#pragma once

#include <adwaita.h>

#include "tb-document.h"
#include "tb-window.h"

G_BEGIN_DECLS

/* Hooks, called by tb-window.c. */
void              tb_window_files_class_init     (GtkWidgetClass *widget_class);
void              tb_window_files_init           (TbWindow       *self);
void              tb_window_files_dispose        (TbWindow       *self);
/* The window now shows @report (saved at @path, or NULL). */
void              tb_window_files_report_set     (TbWindow       *self,
                                                  TbReport       *report,
                                                  const char     *path);
/* From close-request: TRUE when the window must stay open (the clerk is being asked). */
gboolean          tb_window_files_close_request  (TbWindow       *self);

TbDocument       *tb_window_get_document         (TbWindow       *self);
/* Shows @document in the window (its report, file and history). */
void              tb_window_set_document         (TbWindow       *self,
                                                  TbDocument     *document);
/* An empty report never touched: opening or recovering a report may reuse the window. */
gboolean          tb_window_is_pristine          (TbWindow       *self);

/* Saves; asks for a file first when there is none or @save_as. */
void              tb_window_files_save           (TbWindow       *self,
                                                  gboolean        save_as);
/* What Save As does once the file chooser returned @path (also for tests). */
void              tb_window_files_save_to        (TbWindow       *self,
                                                  const char     *path);
/* Shows an error (or question) dialog over the window and remembers it. */
AdwMessageDialog *tb_window_files_show_error     (TbWindow       *self,
                                                  const char     *heading,
                                                  const char     *message);
/* The dialog the window shows now (a question or an error), or NULL. For tests. */
AdwMessageDialog *tb_window_files_get_dialog     (TbWindow       *self);

G_END_DECLS
