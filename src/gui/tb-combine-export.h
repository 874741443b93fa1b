/* tb-combine-export.h: the breakdown of combined reports as a CSV file
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With the reports kept (@merge), the breakdown is made at once from them and from
 * @summary as it is now, and written atomically in a worker. When Combine Reports did not
 * keep the reports (too many for a column each), Export CSV runs the streaming merge over
 * their files again, in a worker, and writes the breakdown with one row per report
 * (TB_BREAKDOWN_BY_REPORT), as `tianbao-cli merge` does: in constant memory, the file
 * replaced only when it is complete. Its sums are the files', not edits made in the
 * summary since.
 */
#pragma once

#include <gio/gio.h>

#include "tb-merge.h"

G_BEGIN_DECLS

/* @inputs: the model of TbCombineInput whose files are read again when @merge is NULL.
 * Never writes over a draft. */
void      tb_combine_export_async  (TbMerge             *merge,
                                    TbReport            *summary,
                                    GListModel          *inputs,
                                    const char          *csv_path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  tb_combine_export_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
