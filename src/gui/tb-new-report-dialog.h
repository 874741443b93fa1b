/* tb-new-report-dialog.h: New Report: agency, year and, if wanted, last year's report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The year decides the official format (shown under it). "Start from Last Year's Report…"
 * takes last year's report (read in a worker thread): the year after it, by its agency; the
 * new report gets 上年结转 from its 结转下年度继续办理, its preparer and contact, and maybe
 * its texts (tb-carry.h), and is checked against it. A year that cannot follow last year's
 * disables Create and says why. Its "response" signal says "create" or "cancel"; whoever
 * shows it makes the document with tb_new_report_dialog_create_document().
 */
#pragma once

#include <adwaita.h>

#include "tb-document.h"

G_BEGIN_DECLS

#define TB_TYPE_NEW_REPORT_DIALOG (tb_new_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TbNewReportDialog, tb_new_report_dialog, TB, NEW_REPORT_DIALOG,
                      AdwMessageDialog)

/* For last year (the report is on the year before the present one), by @agency (may be
 * NULL). */
TbNewReportDialog *tb_new_report_dialog_new             (GtkWindow          *parent,
                                                         const char         *agency);
/* What choosing @path for "Start from Last Year's Report…" does: reads it in a worker, then
 * takes its year and agency. The dialog says why a file cannot be taken (and what was
 * chosen before stays). */
void               tb_new_report_dialog_set_previous_async  (TbNewReportDialog  *self,
                                                             const char         *path,
                                                             GCancellable       *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
gboolean           tb_new_report_dialog_set_previous_finish (TbNewReportDialog  *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);
/* The new report, not saved yet: empty (not modified), or started from last year's
 * (modified: closing asks). @notice: (out) (optional): what to tell the clerk about it, or
 * NULL. NULL with @error if it cannot be made. */
TbDocument        *tb_new_report_dialog_create_document (TbNewReportDialog  *self,
                                                         gboolean            manual_totals,
                                                         char              **notice,
                                                         GError            **error);

G_END_DECLS
