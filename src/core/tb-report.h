/* tb-report.h: one annual report being filled in (the document model)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TbReport holds the values of every cell, the texts, the metadata and the acknowledged
 * warnings. It knows nothing about widgets. Every change emits ::changed with the kind of
 * change (TbReportChange, also the signal's detail: "changed::cell") and the changed
 * thing's id.
 */
#pragma once

#include <glib-object.h>

#include "tb-combined.h"
#include "tb-format.h"
#include "tb-provenance.h"

G_BEGIN_DECLS

typedef enum
{
  TB_CELL_EMPTY,    /* not filled */
  TB_CELL_VALID,    /* value (and unit) hold a parsed value */
  TB_CELL_INVALID,  /* text holds what was typed, which could not be read */
} TbCellState;

typedef struct
{
  TbCellState state;
  gint64      value;
  char       *unit;   /* for TB_CELL_AMOUNT_UNIT, else NULL */
  char       *text;   /* the text as typed (also for valid cells), NULL when empty */
} TbCellValue;

/* Frees what @v holds and leaves it empty. */
void               tb_cell_value_clear          (TbCellValue       *v);
/* Copies @src into @dest (which holds nothing to free). */
void               tb_cell_value_copy           (TbCellValue       *dest,
                                                 const TbCellValue *src);
/* The same state, and for a filled cell the same value, unit and text. */
gboolean           tb_cell_value_equal          (const TbCellValue *a,
                                                 const TbCellValue *b);

/* What a ::changed signal is about; its nick is the signal detail ("cell", "text", …). */
typedef enum
{
  TB_REPORT_CHANGE_CELL,      /* id: the cell id */
  TB_REPORT_CHANGE_TEXT,      /* id: the section id */
  TB_REPORT_CHANGE_META,      /* id: the metadata key ("agency", "year", …) */
  TB_REPORT_CHANGE_ACK,       /* id: the issue key */
  TB_REPORT_CHANGE_SETTINGS,  /* id: the setting ("manual-totals") */
  TB_REPORT_CHANGE_BULK,      /* id: NULL; anything may have changed (tb_report_thaw()) */
} TbReportChange;

#define TB_TYPE_REPORT_CHANGE (tb_report_change_get_type ())
GType              tb_report_change_get_type    (void) G_GNUC_CONST;
/* "cell", "text", "meta", "ack", "settings", "bulk" */
const char        *tb_report_change_to_string   (TbReportChange  change);

#define TB_TYPE_REPORT (tb_report_get_type ())
G_DECLARE_FINAL_TYPE (TbReport, tb_report, TB, REPORT, GObject)

TbReport          *tb_report_new                (const TbFormat *format);
const TbFormat    *tb_report_get_format         (TbReport       *self);

/* Metadata. Dates are ISO 8601 strings ("2025-01-20"); NULL or "" means not set. */
const char        *tb_report_get_agency         (TbReport       *self);
void               tb_report_set_agency         (TbReport       *self,
                                                 const char     *agency);
int                tb_report_get_year           (TbReport       *self);
void               tb_report_set_year           (TbReport       *self,
                                                 int             year);
const char        *tb_report_get_preparer       (TbReport       *self);
void               tb_report_set_preparer       (TbReport       *self,
                                                 const char     *preparer);
const char        *tb_report_get_contact        (TbReport       *self);
void               tb_report_set_contact        (TbReport       *self,
                                                 const char     *contact);
const char        *tb_report_get_report_date    (TbReport       *self);
void               tb_report_set_report_date    (TbReport       *self,
                                                 const char     *date);
const char        *tb_report_get_created        (TbReport       *self);
void               tb_report_set_created        (TbReport       *self,
                                                 const char     *timestamp);
const char        *tb_report_get_modified_time  (TbReport       *self);
void               tb_report_set_modified_time  (TbReport       *self,
                                                 const char     *timestamp);
/* Last year's report this one is compared with (a path or URI), or NULL. */
const char        *tb_report_get_previous       (TbReport       *self);
void               tb_report_set_previous       (TbReport       *self,
                                                 const char     *previous);
/* What a summary made by a roll-up covers (tb-combined.h), saved with it; NULL for an
 * agency's own report. Setting it (a copy is kept) emits no ::changed. */
const TbCombined  *tb_report_get_combined       (TbReport       *self);
void               tb_report_set_combined       (TbReport       *self,
                                                 const TbCombined *combined);
/* Last year's report itself, once loaded (see tb_carry_load_previous()). It is not saved:
 * the draft keeps only the reference above. tb_rules_check() runs the cross-year rules
 * against it. Setting it emits no ::changed (the document is unchanged): check again. */
TbReport          *tb_report_get_previous_report (TbReport      *self);
void               tb_report_set_previous_report (TbReport      *self,
                                                  TbReport      *previous);
/* Where the report was imported from (tb-provenance.h), or NULL for a report made in
 * Tianbao. Bookkeeping like the time stamps: setting it emits no ::changed. */
const TbProvenance *tb_report_get_imported_from (TbReport      *self);
void               tb_report_set_imported_from  (TbReport       *self,
                                                 const TbProvenance *provenance);
char              *tb_report_dup_title          (TbReport       *self);

/* Cells, by index (see tb_format_get_cell()). */
const TbCellValue *tb_report_get_cell           (TbReport       *self,
                                                 guint           cell);
/* Parses @text with tb_value_parse_cell(). Empty text clears the cell. Text that cannot be
 * read is kept as typed (state TB_CELL_INVALID) and FALSE is returned with the reason. Text
 * no draft could hold (tb_field_check(), TB_FIELD_CELL: too long, control characters) is
 * refused: FALSE with a TB_FIELD_ERROR, and the cell is left as it was. */
gboolean           tb_report_set_cell_text      (TbReport       *self,
                                                 guint           cell,
                                                 const char     *text,
                                                 GError        **error);
void               tb_report_set_cell_value     (TbReport       *self,
                                                 guint           cell,
                                                 gint64          value,
                                                 const char     *unit);
void               tb_report_clear_cell         (TbReport       *self,
                                                 guint           cell);
/* The text of a valid cell as shown (tb_value_format_display(): "251000元" for a cell with
 * its own unit), the typed text of an invalid one, NULL when empty. */
char              *tb_report_dup_cell_text      (TbReport       *self,
                                                 guint           cell);
guint              tb_report_count_filled       (TbReport       *self);

/* Texts of the text sections, by section id ("s1"). Never NULL. */
const char        *tb_report_get_text           (TbReport       *self,
                                                 const char     *section_id);
void               tb_report_set_text           (TbReport       *self,
                                                 const char     *section_id,
                                                 const char     *text);

/* Acknowledged warnings, by issue key (TbIssue.key). */
gboolean           tb_report_is_acknowledged    (TbReport       *self,
                                                 const char     *issue_key);
void               tb_report_set_acknowledged   (TbReport       *self,
                                                 const char     *issue_key,
                                                 gboolean        acknowledged);
/* (transfer container): sorted keys */
GPtrArray         *tb_report_list_acknowledged  (TbReport       *self);

/* Whether the totals (cells that are pure sums) are typed by the clerk rather than computed. */
gboolean           tb_report_get_manual_totals  (TbReport       *self);
void               tb_report_set_manual_totals  (TbReport       *self,
                                                 gboolean        manual);

/* Changes since the last tb_report_set_modified (self, FALSE) (done after save/load). */
gboolean           tb_report_get_modified       (TbReport       *self);
void               tb_report_set_modified       (TbReport       *self,
                                                 gboolean        modified);

/* Bulk updates emit a single ::changed (TB_REPORT_CHANGE_BULK) at the end. */
void               tb_report_freeze             (TbReport       *self);
void               tb_report_thaw               (TbReport       *self);

G_END_DECLS
