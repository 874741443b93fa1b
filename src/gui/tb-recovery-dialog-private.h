/* tb-recovery-dialog-private.h: what the GUI tests use of tb-recovery-dialog
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget does when the clerk uses it, callable directly; not for other modules.
 */
#pragma once

#include "tb-recovery-dialog.h"

G_BEGIN_DECLS

guint             tb_recovery_dialog_get_n_rows   (TbRecoveryDialog *self);
/* What the Recover and Discard buttons of the row of @id do (also for tests). Recover emits
 * ::recover; the row goes away either way, and the dialog closes after the last one. */
gboolean          tb_recovery_dialog_choose       (TbRecoveryDialog *self,
                                                   const char       *id,
                                                   gboolean          recover);

G_END_DECLS
