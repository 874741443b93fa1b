/* tb-ascii.h: whole numbers read from text, alike in every thread
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_ascii_string_to_unsigned() / _signed() in base 10 (no blanks, no sign for unsigned,
 * within [@min, @max]), safe to call first from any thread: see tb-ascii.c. */
gboolean    tb_ascii_to_unsigned (const char *text,
                                  guint64     min,
                                  guint64     max,
                                  guint64    *out);
gboolean    tb_ascii_to_signed   (const char *text,
                                  gint64      min,
                                  gint64      max,
                                  gint64     *out);

G_END_DECLS
