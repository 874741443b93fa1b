/* tb-file-io-private.h: the test hook of tb-file-io.c
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-file-io.h"

G_BEGIN_DECLS

/* Every worker (tb_file_io_worker_begin()) first waits @msec milliseconds, as on a slow
 * disk; 0 turns it off. The environment variable TIANBAO_IO_DELAY_MS gives the first value,
 * for trying the program by hand. */
void       tb_file_io_set_delay            (guint                 msec);
guint      tb_file_io_get_delay            (void);

G_END_DECLS
