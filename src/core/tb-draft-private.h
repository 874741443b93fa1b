/* tb-draft-private.h: shared by the reader, the writer and the file side of drafts
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-draft.h"

G_BEGIN_DECLS

#define TB_DRAFT_ROOT_ELEMENT "tianbao-report"

/* Sets a TB_DRAFT_ERROR with @code (unless @error is set already); returns FALSE. */
gboolean   _tb_draft_fail (GError      **error,
                           TbDraftError  code,
                           const char   *format,
                           ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
