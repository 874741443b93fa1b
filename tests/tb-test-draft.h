/* tb-test-draft.h: what the tests of the *.tianbao draft file share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-draft.c (the round trip), test-draft-hostile.c (hostile files) and
 * test-draft-atomic.c (atomic saving).
 */
#pragma once

#include <glib.h>

#include "tb-report.h"

G_BEGIN_DECLS

/* G_TEST_OPTION_ISOLATE_DIRS points the XDG folders into a fresh temporary folder for every
 * test case and removes it afterwards; the files of a test go into its cache folder. */
char *tb_test_work_dir             (void);
/* @name in tb_test_work_dir (). */
char *tb_test_temp_path            (const char *name);
/* The same meta data, timestamps, cells (with the text of unreadable ones) and texts. */
void  tb_test_assert_reports_equal (TbReport   *a,
                                    TbReport   *b);

G_END_DECLS
