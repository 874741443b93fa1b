/* tb-report-convert.h: a report moved into another format
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the clerk changes the year of a report to one of another format (2020 → 2021), the
 * report is copied into the new format: whatever has the same id in both formats moves,
 * the rest is dropped and counted.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

/* A copy of @report in @format: metadata, texts, acknowledgements and every cell whose id
 * exists in @format with the same kind. @n_dropped counts the filled cells that have no
 * place in @format. Returns (transfer full) the new report, modified. */
TbReport    *tb_report_convert   (TbReport          *report,
                                  const TbFormat    *format,
                                  guint             *n_dropped);

G_END_DECLS
