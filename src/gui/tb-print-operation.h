/* tb-print-operation.h: printing a report through GTK with the core page renderer
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-layout.h"
#include "tb-report.h"

G_BEGIN_DECLS

#define TB_TYPE_PRINT_OPERATION (tb_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (TbPrintOperation, tb_print_operation, TB, PRINT_OPERATION,
                      GtkPrintOperation)

/* A4 portrait in points, full page (TbLayout draws its own margins). The report is laid
 * out when printing begins; a report with errors prints as a draft (tb_pdf.h). */
TbPrintOperation *tb_print_operation_new         (TbReport         *report);

G_END_DECLS
