/* tb-session-private.h: the hook the GUI tests use
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-recovery-dialog.h"
#include "tb-session.h"

G_BEGIN_DECLS

/* The recovery offer being shown, or NULL. */
TbRecoveryDialog *tb_session_get_recovery_dialog (TbSession *self);

G_END_DECLS
