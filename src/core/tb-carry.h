/* tb-carry.h: a new report from last year's, and last year's report for the cross-year checks
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What carries over is data: every rule of the new report's format marked carry="yes"
 * ("cell = prev.a + …", e.g. T3-5: 二、上年结转 = last year's 四、结转下年度继续办理) fills its
 * cell from last year's report, looked up by cell id in last year's format, so a 2020 report
 * in the 2019 format carries into a 2021 report. Agency, preparer and contact are copied;
 * the texts may be copied as a starting point, and the text-unchanged rules flag them for as
 * long as they equal last year's. Acknowledged warnings, dates and the year's figures are
 * not copied.
 *
 * A draft names last year's report by a path relative to the draft's folder
 * (tb_report_get_previous()); tb_carry_load_previous() finds and attaches it.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_CARRY_ERROR (tb_carry_error_quark ())

typedef enum
{
  TB_CARRY_ERROR_YEAR,      /* the new year is not the one after last year's report */
  TB_CARRY_ERROR_FORMAT,    /* no report format for the new year */
} TbCarryError;

typedef enum
{
  TB_CARRY_NONE  = 0,
  TB_CARRY_TEXTS = 1 << 0,  /* copy the texts of the text sections as a starting point */
} TbCarryFlags;

/* What a carry rule fills and from what, in the official labels of its format (legal text:
 * messages insert these rather than naming the rows themselves). */
typedef struct
{
  const char        *rule_id;  /* "T3-5" */
  const char        *target;   /* the label the cells it fills share: their row label
                                  ("二、上年结转政府信息公开申请数量"), else their column label */
  const char *const *sources;  /* the same for last year's cells that each term of its sum
                                  reads ("四、结转下年度继续办理"), NULL-terminated */
} TbCarryLabels;

GQuark     tb_carry_error_quark       (void);

/* (transfer full) (element-type TbCarryLabels): one entry per carry rule of @format (a rule
 * with a foreach counts once), in the order of the rules. */
GPtrArray *tb_carry_list_labels       (const TbFormat *format);
/* (transfer full): for messages, from tb_carry_list_labels(): what each carry rule fills
 * and from what ("二、上年结转政府信息公开申请数量 ← 四、结转下年度继续办理"), the rules joined
 * by "；" */
char      *tb_carry_describe          (const TbFormat *format);
/* (transfer full): last year's rows the carry rules read, each once, joined by "、" */
char      *tb_carry_join_sources      (const TbFormat *format);

/* (transfer full): a report on @year in the format for that year, filled from @previous
 * (which must be on @year - 1 if its year is set), with @previous attached as its previous
 * report (tb_report_set_previous_report()). The reference to last year's file is the
 * caller's to set (tb_carry_make_reference()). The new report is not modified. */
TbReport  *tb_carry_new_from_previous (TbReport     *previous,
                                       int           year,
                                       TbCarryFlags  flags,
                                       GError      **error);

/* Fills the carry cells of @report from @previous (overwriting them). Returns the number of
 * cells filled. */
guint      tb_carry_fill              (TbReport     *report,
                                       TbReport     *previous);

/* (transfer full): the text sections whose text equals last year's (copied, not yet
 * edited): section ids, in format order. */
GPtrArray *tb_carry_list_unedited_texts (TbReport   *report,
                                         TbReport   *previous);

/* (transfer full): how a draft saved as @draft_path names @previous_path: relative to the
 * draft's folder where possible, else absolute. @draft_path NULL: absolute. */
char      *tb_carry_make_reference    (const char   *draft_path,
                                       const char   *previous_path);
/* (transfer full): the file named by @reference (a path relative to the folder of
 * @draft_path, an absolute path or a file:// URI), or NULL if it cannot name a local file. */
char      *tb_carry_resolve_reference (const char   *draft_path,
                                       const char   *reference);

/* Loads the report named by @report's previous reference (relative to @draft_path) and
 * attaches it. TRUE when attached or when @report names none (then nothing changes);
 * FALSE with @error (TB_DRAFT_ERROR or G_IO_ERROR_NOT_FOUND) when it cannot be read. The
 * reference comes from a file: only a *.tianbao file is opened (never /etc/passwd), and the
 * message never quotes what it contains. */
gboolean   tb_carry_load_previous     (TbReport     *report,
                                       const char   *draft_path,
                                       GError      **error);

G_END_DECLS
