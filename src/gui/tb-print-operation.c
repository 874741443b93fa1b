/* tb-print-operation.c: printing a report through GTK with the core page renderer
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing path, two targets: the pages come from TbLayout, as in the PDF export, in
 * the same subset fonts of the same font roles (tb-pdf-fonts.h): cairo 1.16 drops glyphs
 * of some installed fonts it embeds whole (如 of Noto Sans CJK SC Regular). The
 * pagination is done in ::begin-print (which also sets n-pages), so GTK's paginate step is
 * not needed; ::draw-page draws one page in points on the print context.
 */
#define G_LOG_DOMAIN "tb-print-operation"

#include "config.h"

#include <cairo-pdf.h>

#include "tb-pdf.h"
#include "tb-pdf-fonts.h"
#include "tb-print-operation-private.h"
#include "tb-readiness.h"

struct _TbPrintOperation
{
  GtkPrintOperation  parent_instance;

  TbReport          *report;
  TbLayout          *layout;
};

G_DEFINE_FINAL_TYPE (TbPrintOperation, tb_print_operation, GTK_TYPE_PRINT_OPERATION)

/* ------------------------------------------------------------------ overrides */

static void
tb_print_operation_begin_print (GtkPrintOperation *op,
                                GtkPrintContext   *context)
{
  TbPrintOperation *self = TB_PRINT_OPERATION (op);
  cairo_surface_t *target = cairo_get_target (gtk_print_context_get_cairo_context (context));
  TbLayoutOptions options = { FALSE, tb_readiness_count_blocking_issues (self->report) };

  g_clear_object (&self->layout);
  self->layout = tb_pdf_layout_new (self->report, &options);
  gtk_print_operation_set_n_pages (op, (int) tb_layout_get_n_pages (self->layout));
  /* Printing to a PDF file: the same fixed metadata as the export. */
  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_PDF)
    tb_pdf_set_metadata (target, self->report);
}

static void
tb_print_operation_draw_page (GtkPrintOperation *op,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  TbPrintOperation *self = TB_PRINT_OPERATION (op);

  g_return_if_fail (self->layout != NULL);
  tb_layout_draw_page (self->layout, gtk_print_context_get_cairo_context (context),
                       (guint) page_nr);
}

static void
tb_print_operation_finalize (GObject *object)
{
  TbPrintOperation *self = TB_PRINT_OPERATION (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (tb_print_operation_parent_class)->finalize (object);
}

static void
tb_print_operation_class_init (TbPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *op_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = tb_print_operation_finalize;
  op_class->begin_print = tb_print_operation_begin_print;
  op_class->draw_page = tb_print_operation_draw_page;
}

static void
tb_print_operation_init (TbPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), FALSE);
}

/* ------------------------------------------------------------------ public */

TbPrintOperation *
tb_print_operation_new (TbReport *report)
{
  TbPrintOperation *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  self = g_object_new (TB_TYPE_PRINT_OPERATION, NULL);
  self->report = g_object_ref (report);
  title = tb_report_dup_title (report);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  return self;
}

guint
tb_print_operation_get_n_pages (TbPrintOperation *self)
{
  g_return_val_if_fail (TB_IS_PRINT_OPERATION (self), 0);
  return self->layout ? tb_layout_get_n_pages (self->layout) : 0;
}
