/* tb-value-format.c: values written back as text, their ranges, and money units
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other half of tb-value.c: what a stored value looks like in a cell, a file or a
 * message, whether it fits its kind of cell, and the money units an amount may be given in.
 */

#define G_LOG_DOMAIN "tb-value"

#include "config.h"

#include <string.h>

#include "tb-value.h"

/* Money units a clerk may type, with their size in 元. */
typedef struct
{
  const char *name;
  gint64      yuan;
} MoneyUnit;

static const MoneyUnit money_units[] = {
  { "元", 1 },
  { "千元", 1000 },
  { "万元", 10000 },
  { "十万元", 100000 },
  { "百万元", 1000000 },
  { "千万元", 10000000 },
  { "亿元", 100000000 },
};

static const MoneyUnit *
find_money_unit (const char *name)
{
  guint i;

  if (name == NULL)
    return NULL;

  for (i = 0; i < G_N_ELEMENTS (money_units); i++)
    if (strcmp (name, money_units[i].name) == 0)
      return &money_units[i];

  return NULL;
}

gboolean
tb_value_fits (TbCellKind kind,
               gint64     value)
{
  switch (kind)
    {
    case TB_CELL_COUNT:
      return value >= 0 && value <= TB_COUNT_MAX;
    case TB_CELL_SIGNED:
      return value >= -TB_COUNT_MAX && value <= TB_COUNT_MAX;
    case TB_CELL_AMOUNT:
    case TB_CELL_AMOUNT_UNIT:
      return value >= 0 && value <= TB_AMOUNT_MAX * TB_AMOUNT_SCALE;
    default:
      return FALSE;
    }
}

gint64
tb_value_unit_in_yuan (const char *unit)
{
  const MoneyUnit *found = find_money_unit (unit);

  return found != NULL ? found->yuan : 0;
}

guint
tb_value_unit_decimals (const char *unit)
{
  const MoneyUnit *found = find_money_unit (unit);
  guint decimals = 2;

  if (found == NULL)
    return G_MAXUINT;
  for (gint64 size = found->yuan; size >= 10; size /= 10)
    decimals++;
  return MIN (decimals, TB_AMOUNT_SCALE_DIGITS);
}

gboolean
tb_value_convert_unit (gint64      value,
                       const char *from,
                       const char *to,
                       gint64     *out)
{
  gint64 from_yuan = tb_value_unit_in_yuan (from);
  gint64 to_yuan = tb_value_unit_in_yuan (to);
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (from_yuan == 0 || to_yuan == 0)
    return FALSE;
  if (from_yuan >= to_yuan)
    {
      if (__builtin_mul_overflow (value, from_yuan / to_yuan, &result))
        return FALSE;
    }
  else
    {
      gint64 ratio = to_yuan / from_yuan;

      if (value % ratio != 0)
        return FALSE;
      result = value / ratio;
    }
  *out = result;
  return TRUE;
}

char *
tb_value_format (TbCellKind kind,
                 gint64     value)
{
  guint64 magnitude;
  guint64 frac;
  char frac_text[TB_AMOUNT_SCALE_DIGITS + 1];
  int len;

  if (kind != TB_CELL_AMOUNT && kind != TB_CELL_AMOUNT_UNIT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);

  /* Negated in unsigned arithmetic, so G_MININT64 cannot overflow. */
  magnitude = value < 0 ? -(guint64) value : (guint64) value;
  frac = magnitude % (guint64) TB_AMOUNT_SCALE;
  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, value < 0 ? "-" : "",
                            magnitude / (guint64) TB_AMOUNT_SCALE);

  g_snprintf (frac_text, sizeof frac_text, "%0*" G_GUINT64_FORMAT,
              TB_AMOUNT_SCALE_DIGITS, frac);
  for (len = TB_AMOUNT_SCALE_DIGITS; frac_text[len - 1] == '0'; len--)
    frac_text[len - 1] = '\0';

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", value < 0 ? "-" : "",
                          magnitude / (guint64) TB_AMOUNT_SCALE, frac_text);
}

char *
tb_value_format_display (const TbCellSpec *spec,
                         gint64            value,
                         const char       *unit)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  canonical = tb_value_format (spec->kind, value);
  if (spec->kind == TB_CELL_AMOUNT_UNIT && unit != NULL && *unit != '\0')
    return g_strconcat (canonical, unit, NULL);

  return g_steal_pointer (&canonical);
}
