/* tb-recovery-dialog.h: the offer, on start, of reports that were not saved before a crash
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tb-recovery.h"

G_BEGIN_DECLS

#define TB_TYPE_RECOVERY_DIALOG (tb_recovery_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TbRecoveryDialog, tb_recovery_dialog, TB, RECOVERY_DIALOG,
                      AdwMessageDialog)

/* @entries: TbRecoveryEntry* that can be recovered; @damaged: those that cannot (offered
 * for discarding only). The dialog keeps references to both arrays. */
TbRecoveryDialog *tb_recovery_dialog_new          (GtkWindow        *parent,
                                                   GPtrArray        *entries,
                                                   GPtrArray        *damaged);

G_END_DECLS
