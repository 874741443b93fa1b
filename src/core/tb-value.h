/* tb-value.h: parsing and formatting cell values, shared by the CLI and the form
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values are exact integers: counts as they are, amounts in millionths of their unit
 * (TB_AMOUNT_SCALE), so 1.5 万元 is 1500000: six decimals of 万元 are the fen (31742.506213
 * 万元 = 317,425,062.13 元), which published reports print. An empty cell is "not filled",
 * never zero. Drafts store the canonical text ("31742.506213"), never the scaled integer,
 * so files read the same whatever the scale.
 */
#pragma once

#include "tb-format.h"

G_BEGIN_DECLS

#define TB_AMOUNT_SCALE        G_GINT64_CONSTANT (1000000)
#define TB_AMOUNT_SCALE_DIGITS 6   /* TB_AMOUNT_SCALE == 10^TB_AMOUNT_SCALE_DIGITS */
/* Largest count a report can plausibly hold; larger input is refused, not wrapped. */
#define TB_COUNT_MAX    G_GINT64_CONSTANT (999999999)
/* Largest amount, in whole units (万元 or 元); scaled, it stays far below G_MAXINT64. */
#define TB_AMOUNT_MAX   G_GINT64_CONSTANT (999999999999)

#define TB_PARSE_ERROR (tb_parse_error_quark ())

typedef enum
{
  TB_PARSE_ERROR_EMPTY,        /* nothing but spaces: the cell is not filled */
  TB_PARSE_ERROR_PLACEHOLDER,  /* "/", "—", "-", "无", "不适用" … : enter 0 instead */
  TB_PARSE_ERROR_INVALID,      /* not a number */
  TB_PARSE_ERROR_NEGATIVE,     /* a count or amount below zero */
  TB_PARSE_ERROR_DECIMALS,     /* decimals where the kind allows none, or too many */
  TB_PARSE_ERROR_TOO_LARGE,    /* beyond TB_COUNT_MAX / TB_AMOUNT_MAX */
  TB_PARSE_ERROR_UNIT,         /* missing or unknown unit for an amount with its own unit */
} TbParseError;

GQuark      tb_parse_error_quark (void);

/**
 * tb_value_parse:
 * @kind: the kind of cell
 * @decimals: decimals allowed for amounts (ignored for counts)
 * @fixed_unit: (nullable): the unit printed in the label (万元); typing it is allowed
 * @units: (nullable): the unit choices of %TB_CELL_AMOUNT_UNIT, NULL-terminated
 * @text: what the user typed, UTF-8
 * @value: (out): the value, scaled by %TB_AMOUNT_SCALE for amounts
 * @unit: (out) (optional) (transfer full): the unit given for %TB_CELL_AMOUNT_UNIT
 * @error: a %TB_PARSE_ERROR whose message says what was expected
 *
 * Accepts full-width digits and signs (０-９ ＋ －), thousands separators (1,234 and
 * 1，234), surrounding spaces (also full-width), a decimal point only where the kind allows.
 */
gboolean    tb_value_parse       (TbCellKind          kind,
                                  guint               decimals,
                                  const char         *fixed_unit,
                                  const char *const  *units,
                                  const char         *text,
                                  gint64             *value,
                                  char              **unit,
                                  GError            **error);

/* tb_value_parse() with the kind, decimals and units of @spec. */
gboolean    tb_value_parse_cell  (const TbCellSpec   *spec,
                                  const char         *text,
                                  gint64             *value,
                                  char              **unit,
                                  GError            **error);

/* Whether a cell of @kind can hold @value (scaled for amounts), i.e. whether its canonical
 * text reads back with tb_value_parse(): counts 0 .. TB_COUNT_MAX, signed counts
 * -TB_COUNT_MAX .. TB_COUNT_MAX, amounts 0 .. TB_AMOUNT_MAX. Computed sums (totals, a
 * roll-up, a carry-over) are checked with it before they are stored. */
gboolean    tb_value_fits        (TbCellKind          kind,
                                  gint64              value);

/* The size of a money unit ("元", "万元", "亿元" …) in 元, or 0 when @unit is none. */
gint64      tb_value_unit_in_yuan (const char        *unit);

/* The decimals an amount in @unit has when it is exact to the fen (0.01 元): 2 for 元, 6 for
 * 万元; at most TB_AMOUNT_SCALE_DIGITS. G_MAXUINT for no money unit (no such bound). An
 * amount cell accepts the fewer of this and the decimals its format gives it. */
guint       tb_value_unit_decimals (const char       *unit);

/* @value (scaled, in @from) in the money unit @to, into @out. FALSE when it is not exact
 * in @to at TB_AMOUNT_SCALE (元 → 亿元 of 0.01 元), would overflow, or a unit is unknown;
 * @out is then unchanged. 元 ↔ 万元 is always exact for amounts to the fen. */
gboolean    tb_value_convert_unit  (gint64            value,
                                    const char       *from,
                                    const char       *to,
                                    gint64           *out);

/* Canonical text of a value: "12", "-3", "1.5" (no trailing zeros), no unit. */
char       *tb_value_format      (TbCellKind          kind,
                                  gint64              value);

/* Text for display: canonical text followed by the unit for %TB_CELL_AMOUNT_UNIT
 * ("251000元"). */
char       *tb_value_format_display (const TbCellSpec *spec,
                                     gint64            value,
                                     const char       *unit);

G_END_DECLS
