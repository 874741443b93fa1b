/* tb-test-value.h: what the tests of parsing and formatting cell values share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-value.c (counts, signed numbers, what every kind refuses),
 * test-value-amount.c (amounts) and test-value-format.c (formatting).
 */
#pragma once

#include <glib.h>

#include "tb-value.h"

G_BEGIN_DECLS

/* Values written in the ten-thousandths these tests were first written in (1.5 is 15000),
 * as millionths of the scale (TB_AMOUNT_SCALE). */
#define OLD(x) ((gint64) (x) * (TB_AMOUNT_SCALE / 10000))

typedef struct
{
  const char *text;
  gint64      value;
} TbTestAccepted;

typedef struct
{
  const char *text;
  int         code;
} TbTestRejected;

/* 元 and 万元, the units of an amount with a unit of its own. */
extern const char *const tb_test_yuan_units[];

/* A cell spec as the format loader would hand it out; only the parsing fields matter. */
TbCellSpec tb_test_make_spec           (TbCellKind            kind,
                                        guint                 decimals,
                                        const char           *unit,
                                        const char *const    *units);
/* @text parses to @expected (and no unit, but for an amount with a unit of its own). */
void       tb_test_assert_accepted     (const TbCellSpec     *spec,
                                        const char           *text,
                                        gint64                expected);
/* @text is refused with @code and a message, the outputs left alone. */
void       tb_test_assert_rejected     (const TbCellSpec     *spec,
                                        const char           *text,
                                        int                   code);
void       tb_test_assert_accepted_all (const TbCellSpec     *spec,
                                        const TbTestAccepted *cases,
                                        gsize                 n);
void       tb_test_assert_rejected_all (const TbCellSpec     *spec,
                                        const TbTestRejected *cases,
                                        gsize                 n);
/* The error message for @text, which must be rejected with @code. */
char      *tb_test_dup_message         (const TbCellSpec     *spec,
                                        const char           *text,
                                        int                   code);

G_END_DECLS
