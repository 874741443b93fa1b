/* tb-test-util.h: helpers and report fixtures shared by the tests and benchmarks
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled once (tests/meson.build: the static library tb-test-util) and linked into every
 * test and benchmark. Core only (GLib, no GTK). The helpers that find a cell by its id fail
 * the test when the id is unknown.
 */
#pragma once

#include <glib.h>

#include "tb-report.h"
#include "tb-rules.h"

G_BEGIN_DECLS

/* ---- Cells by id --------------------------------------------------------------------- */

guint        tb_test_cell      (TbReport   *report,
                                const char *id);
/* Sets @text; the test fails unless it is accepted (valid or empty). */
void         tb_test_set       (TbReport   *report,
                                const char *id,
                                const char *text);
/* Sets @text as a clerk types it: whatever it is, it is kept (maybe invalid). */
void         tb_test_type      (TbReport   *report,
                                const char *id,
                                const char *text);
/* Types the decimal digits of @value; the test fails unless they are accepted. */
void         tb_test_set_int   (TbReport   *report,
                                const char *id,
                                gint64      value);
/* Sets the value directly (tb_report_set_cell_value (), no unit). */
void         tb_test_set_value (TbReport   *report,
                                const char *id,
                                gint64      value);
/* The value of a filled cell (the test fails if it is not valid). */
gint64       tb_test_get       (TbReport   *report,
                                const char *id);
TbCellState  tb_test_state     (TbReport   *report,
                                const char *id);
char        *tb_test_dup_text  (TbReport   *report,
                                const char *id);
void         tb_test_clear     (TbReport   *report,
                                const char *id);

/* ---- Reports ------------------------------------------------------------------------- */

/* The applicant columns of table 三 (without 总计). */
extern const char *const tb_test_applicant_columns[6];

/* Computes the totals, then sets 本年新收 in every column so that T3-1 holds
 * (一 + 二 = （七） + 四), and computes the totals again. Where that would be negative, lowers
 * 上年结转 if @lower_carry_in, else fails the test. */
void      tb_test_balance_t3        (TbReport   *report,
                                     gboolean    lower_carry_in);
/* A complete report on @year in @format_id whose every rule holds (without last year's
 * report), not modified. Values depend on @seed. */
TbReport *tb_test_make_report       (const char *format_id,
                                     int         year,
                                     const char *agency,
                                     guint       seed);
/* A 2021 report with non-zero values everywhere, consistent with T3-1, T3-2, T3-3, T4-1. */
TbReport *tb_test_make_full_2021    (void);
/* The published 2020 report of 盐池县审计局 (format 2019), texts and values as published. */
TbReport *tb_test_make_sample_2020  (void);
/* Fails the test if @report has an error, is incomplete, or cannot be exported as final. */
void      tb_test_assert_ready      (TbReport   *report);

/* The same format, agency, year, preparer, contact, report date and manual-totals flag. */
void      tb_test_assert_same_meta  (TbReport   *a,
                                     TbReport   *b);
/* The same section texts and the same acknowledged warnings. */
void      tb_test_assert_same_texts (TbReport   *a,
                                     TbReport   *b);

/* ---- Issues -------------------------------------------------------------------------- */

const TbIssue *tb_test_find_issue     (GPtrArray     *issues,
                                       const char    *key);
gboolean       tb_test_issue_has_cell (TbReport      *report,
                                       const TbIssue *issue,
                                       const char    *id);
/* The issues whose rule id does not start with @rule_prefix_to_skip (NULL: all). */
guint          tb_test_count_issues   (GPtrArray     *issues,
                                       const char    *rule_prefix_to_skip);
/* The issues of rule @rule. */
guint          tb_test_count_rule     (GPtrArray     *issues,
                                       const char    *rule);
/* Prints the issues, for a failing test's log. */
void           tb_test_dump_issues    (GPtrArray     *issues);

/* ---- Files and processes ------------------------------------------------------------- */

/* g_build_filename () of the arguments, created (mode 0755) if missing. */
char    *tb_test_make_dir     (const char *first_element,
                               ...) G_GNUC_NULL_TERMINATED;
GBytes  *tb_test_read_bytes   (const char *path);
/* The text of the cell @id of the draft at @path, as read back. */
char    *tb_test_file_cell    (const char *path,
                               const char *id);
/* Writes @data (@len bytes, -1: a string), creating the folder (mode 0700) if missing. */
void     tb_test_write_file   (const char *path,
                               const char *data,
                               gssize      len);
guint    tb_test_count_entries (const char *dir);
/* Moves this thread into a new mount namespace of its own, once; the threads it starts
 * afterwards share it (those started before do not: call it before any, e.g. before
 * gtk_init () in a test's subprocess that will use file work in worker threads). */
gboolean tb_test_private_mounts (void);
/* In a new mount namespace (tb_test_private_mounts ()), mounts a tmpfs with @options on
 * @dir. */
gboolean tb_test_private_tmpfs (const char *dir,
                                const char *options);
/* Whether this process may make a private mount (probed on @dir in a child, which exits). */
gboolean tb_test_can_mount    (const char *dir);
/* The recovery copies there are (tb_recovery_list ()). */
guint    tb_test_count_recovery (void);
/* Runs @argv (looked up in PATH); fails the test unless it succeeds. Returns its stdout. */
char    *tb_test_run_tool     (const char *const *argv);
/* The page count pdfinfo gives for the PDF at @path. */
guint    tb_test_pdf_pages    (const char *path);

/* ---- Main loop ----------------------------------------------------------------------- */

/* Waits for the file work in flight (tb_test_wait_io ()), then dispatches what is pending
 * without waiting for timers. */
void     tb_test_spin         (void);
/* Runs the main loop until no task of tb-file-io.h is pending (opening, saving, recovery
 * copies in a worker thread), that is until each one's callback returned. */
void     tb_test_wait_io      (void);
/* Runs the main loop for @msec milliseconds. */
void     tb_test_run_loop_for (guint msec);

/* ---- Benchmarks ---------------------------------------------------------------------- */

/* These sort @samples (doubles). */
double   tb_test_median       (GArray *samples);
double   tb_test_minimum      (GArray *samples);
double   tb_test_percentile   (GArray *samples,
                               double  p);

G_END_DECLS
