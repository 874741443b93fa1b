/* tb-date.h: reading a date as clerks write it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report keeps dates as ISO 8601 strings ("2025-01-20"); how a date is printed is
 * official wording (tb_format_make_date()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads a date as clerks write it ("2025-01-20", "2025/1/20", "2025.1.20",
 * "2025年1月20日", full-width digits too). Returns (transfer full) the ISO 8601 form,
 * or NULL when it is not a date. */
char       *tb_date_parse  (const char *text);

/* The parts of an ISO 8601 date ("2025-01-20", nothing after it). FALSE, leaving the parts
 * alone, when @iso is NULL or not a valid date. */
gboolean    tb_date_split  (const char *iso,
                            guint      *year,
                            guint      *month,
                            guint      *day);

G_END_DECLS
