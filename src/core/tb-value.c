/* tb-value.c: reading what a clerk typed into a cell, shared by the CLI and the form
 *
 * Writing values back as text, their ranges and money units: tb-value-format.c.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-value"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-text.h"
#include "tb-value.h"

/* ---- Private types ------------------------------------------------------------------- */

/* A number as typed, before any range check: the digits are kept as text, so arbitrarily
 * long input never overflows. */
typedef struct
{
  gboolean  negative;
  gboolean  has_point;
  GString  *int_digits;   /* ASCII digits, leading zeros removed ("" for zero) */
  GString  *frac_digits;  /* ASCII digits after the point, trailing zeros removed */
  char     *rest;         /* what follows the number, without surrounding blanks */
} TypedNumber;

typedef enum
{
  SCAN_OK,
  SCAN_NOT_A_NUMBER,
  SCAN_BAD_GROUPING,
} ScanResult;

/* ---- Statics ------------------------------------------------------------------------- */

#define AMOUNT_SCALE_DIGITS TB_AMOUNT_SCALE_DIGITS
#define COUNT_MAX_DIGITS    9   /* TB_COUNT_MAX has 9 digits */
#define AMOUNT_MAX_DIGITS   12  /* TB_AMOUNT_MAX has 12 digits */
#define QUOTE_MAX_CHARS     24  /* longer input is shortened in messages */

/* Other words that are clearly a unit: typed in an amount cell they get the unit message,
 * not the "not a number" one. */
static const char *const other_unit_words[] = {
  "万", "千", "亿", "角", "分", "块", "块钱", "人民币", "rmb", "cny", "yuan",
  "件", "个", "次", "项", "条", "人", "%",
};

/* Tolerated after a count: "12件". */
static const char *const count_unit_words[] = {
  "件", "个", "次", "项", "条",
};

/* Words seen in real reports for "nothing here". Compared after full-width forms are
 * folded to ASCII, ignoring ASCII case. */
static const char *const placeholder_words[] = {
  "无", "暂无", "没有", "无数据", "不适用", "空", "空白", "n/a", "na", "none", "null", "nil",
};

G_DEFINE_QUARK (tb-parse-error-quark, tb_parse_error)

/* ---- Helpers ------------------------------------------------------------------------- */

static gboolean
is_placeholder_mark (gunichar c)
{
  switch (c)
    {
    case '-':
    case '/':
    case '\\':
    case 0x2010:  /* hyphen */
    case 0x2011:  /* non-breaking hyphen */
    case 0x2012:  /* figure dash */
    case 0x2013:  /* en dash */
    case 0x2014:  /* em dash — */
    case 0x2015:  /* horizontal bar */
    case 0x2500:  /* box drawing ─ */
    case 0x2501:  /* box drawing ━ */
    case 0x30FC:  /* katakana prolonged sound mark ー, typed as a dash by some IMEs */
    case 0xFE58:  /* small em dash */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Folds full-width ASCII forms (０-９, ＋, －, ，, ．, Ｎ／Ａ …) to ASCII and the Unicode
 * minus signs to '-'. Everything else is copied unchanged. */
static char *
fold_to_ascii (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      else if (c == 0x2212 || c == 0xFE63)  /* minus sign, small hyphen-minus */
        c = '-';
      else if (c == 0xFE62)                  /* small plus sign */
        c = '+';

      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_placeholder (const char *folded)
{
  const char *p;
  gboolean only_marks = TRUE;
  gboolean any_mark = FALSE;
  guint i;

  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_placeholder_mark (c))
        any_mark = TRUE;
      else if (!tb_text_is_blank (c))
        {
          only_marks = FALSE;
          break;
        }
    }
  if (only_marks && any_mark)
    return TRUE;

  for (i = 0; i < G_N_ELEMENTS (placeholder_words); i++)
    if (g_ascii_strcasecmp (folded, placeholder_words[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
word_in_list (const char        *word,
              const char *const *list,
              gsize              n)
{
  gsize i;

  for (i = 0; i < n; i++)
    if (g_ascii_strcasecmp (word, list[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
word_in_strv (const char        *word,
              const char *const *strv)
{
  return strv != NULL && g_strv_contains (strv, word);
}

static void
typed_number_clear (TypedNumber *number)
{
  if (number->int_digits != NULL)
    g_string_free (number->int_digits, TRUE);
  if (number->frac_digits != NULL)
    g_string_free (number->frac_digits, TRUE);
  g_clear_pointer (&number->rest, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TypedNumber, typed_number_clear)

/* Reads an optional sign, the digits with optional thousands separators, an optional
 * decimal point with digits, and keeps what follows in number->rest. @folded went
 * through fold_to_ascii() and has no surrounding blanks. */
static ScanResult
scan_number (const char  *folded,
             TypedNumber *number)
{
  const char *p = folded;
  guint n_digits = 0;        /* all digits before the point */
  guint group_len = 0;       /* digits since the last separator */
  guint n_groups = 0;        /* separators seen */
  gboolean any_digit = FALSE;

  number->int_digits = g_string_new (NULL);
  number->frac_digits = g_string_new (NULL);

  if (*p == '+')
    p++;
  else if (*p == '-')
    {
      number->negative = TRUE;
      p++;
    }

  for (;; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (number->int_digits->len > 0 || *p != '0')
            g_string_append_c (number->int_digits, *p);
          n_digits++;
          group_len++;
        }
      else if (*p == ',')
        {
          /* The first group has one to three digits, every later group three. */
          if (group_len == 0 || group_len > 3 || (n_groups > 0 && group_len != 3))
            return SCAN_BAD_GROUPING;
          n_groups++;
          group_len = 0;
        }
      else
        break;
    }
  if (n_groups > 0 && group_len != 3)
    return SCAN_BAD_GROUPING;
  any_digit = n_digits > 0;

  /* '.', the full-width '．' (folded above) and '。', which a Chinese input method types
   * for the period key. The point needs digits after it: "12。" is a sentence. */
  if (*p == '.' || g_str_has_prefix (p, "。"))
    {
      const char *after = *p == '.' ? p + 1 : p + strlen ("。");

      if (g_ascii_isdigit (*after))
        {
          number->has_point = TRUE;
          for (p = after; g_ascii_isdigit (*p); p++)
            g_string_append_c (number->frac_digits, *p);
          while (number->frac_digits->len > 0
                 && number->frac_digits->str[number->frac_digits->len - 1] == '0')
            g_string_truncate (number->frac_digits, number->frac_digits->len - 1);
          any_digit = TRUE;
        }
    }

  if (!any_digit)
    return SCAN_NOT_A_NUMBER;

  while (*p != '\0' && tb_text_is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  number->rest = g_strdup (p);

  return SCAN_OK;
}

static gboolean
typed_number_is_zero (const TypedNumber *number)
{
  return number->int_digits->len == 0 && number->frac_digits->len == 0;
}

/* The typed text for a message, shortened when long (10000 digits do not fit a tooltip). */
static char *
quote_text (const char *text)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= QUOTE_MAX_CHARS)
    return g_strdup (text);

  head = g_utf8_substring (text, 0, QUOTE_MAX_CHARS - 1);
  return g_strconcat (head, "…", NULL);
}

/* Magnitude of @number in millionths, or -1 when it has more than 6 decimals or more than
 * @max_int_digits integer digits (then the value might not fit a gint64). */
static gint64
typed_number_to_scaled (const TypedNumber *number,
                        guint              max_int_digits)
{
  guint64 magnitude = 0;
  guint i;

  g_assert (max_int_digits <= AMOUNT_MAX_DIGITS);

  if (number->int_digits->len > max_int_digits
      || number->frac_digits->len > AMOUNT_SCALE_DIGITS)
    return -1;

  for (i = 0; i < number->int_digits->len; i++)
    magnitude = magnitude * 10 + (guint64) (number->int_digits->str[i] - '0');
  for (i = 0; i < AMOUNT_SCALE_DIGITS; i++)
    {
      magnitude *= 10;
      if (i < number->frac_digits->len)
        magnitude += (guint64) (number->frac_digits->str[i] - '0');
    }

  return (gint64) magnitude;
}

static gint64
power_of_ten (guint exponent)
{
  gint64 result = 1;

  while (exponent-- > 0)
    result *= 10;

  return result;
}

/* "251000元" typed into a 万元 cell: the number to enter instead ("25.1"), or NULL when the
 * converted value would not be a valid entry either. */
static char *
suggest_conversion (const TypedNumber *number,
                    gint64             typed_yuan,
                    gint64             wanted_yuan,
                    guint              decimals)
{
  gint64 scaled;
  gint64 converted;

  if (number->negative)
    return NULL;

  scaled = typed_number_to_scaled (number, AMOUNT_MAX_DIGITS);
  if (scaled < 0)
    return NULL;

  if (typed_yuan >= wanted_yuan)
    {
      gint64 ratio = typed_yuan / wanted_yuan;

      if (scaled > TB_AMOUNT_MAX * TB_AMOUNT_SCALE / ratio)
        return NULL;
      converted = scaled * ratio;
    }
  else
    {
      gint64 ratio = wanted_yuan / typed_yuan;

      if (scaled % ratio != 0)
        return NULL;
      converted = scaled / ratio;
    }

  if (converted > TB_AMOUNT_MAX * TB_AMOUNT_SCALE
      || converted % power_of_ten (AMOUNT_SCALE_DIGITS - decimals) != 0)
    return NULL;

  return tb_value_format (TB_CELL_AMOUNT, converted);
}

static gboolean
is_amount_kind (TbCellKind kind)
{
  return kind == TB_CELL_AMOUNT || kind == TB_CELL_AMOUNT_UNIT;
}

static gboolean
has_units (const char *const *units)
{
  return units != NULL && units[0] != NULL;
}

/* ---- Errors -------------------------------------------------------------------------- */

static gboolean
fail_not_a_number (GError            **error,
                   TbCellKind          kind,
                   const char *const  *units,
                   const char         *quoted)
{
  switch (kind)
    {
    case TB_CELL_SIGNED:
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                   _("“%s” is not a whole number: enter a number such as 3 or -3"), quoted);
      break;
    case TB_CELL_AMOUNT:
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                   _("“%s” is not an amount: enter a number such as 1.5"), quoted);
      break;
    case TB_CELL_AMOUNT_UNIT:
      if (has_units (units))
        {
          g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                       _("“%s” is not an amount: enter a number followed by its unit, "
                         "such as “251000%s”"),
                       quoted, units[0]);
          break;
        }
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                   _("“%s” is not an amount: enter a number such as 1.5"), quoted);
      break;
    case TB_CELL_COUNT:
    default:
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                   _("“%s” is not a whole number: enter a count such as 12"), quoted);
      break;
    }

  return FALSE;
}

/* A unit after an amount that does not take this unit. */
static gboolean
fail_wrong_unit (GError            **error,
                 TbCellKind          kind,
                 const char         *fixed_unit,
                 const char *const  *units,
                 const TypedNumber  *number,
                 guint               decimals,
                 const char         *quoted)
{
  g_autofree char *choices = NULL;
  g_autofree char *quoted_unit = NULL;

  if (kind == TB_CELL_AMOUNT_UNIT && has_units (units))
    {
      choices = g_strjoinv (" / ", (char **) units);
      quoted_unit = quote_text (number->rest);
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_UNIT,
                   _("“%s” is not a unit for this amount: use one of %s"),
                   quoted_unit, choices);
      return FALSE;
    }

  if (fixed_unit != NULL && *fixed_unit != '\0')
    {
      gint64 typed = tb_value_unit_in_yuan (number->rest);
      gint64 wanted = tb_value_unit_in_yuan (fixed_unit);
      g_autofree char *suggestion = NULL;

      if (typed != 0 && wanted != 0)
        suggestion = suggest_conversion (number, typed, wanted, decimals);

      if (suggestion != NULL)
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_UNIT,
                     _("“%s” is in %s, but this amount is in %s: enter %s"),
                     quoted, number->rest, fixed_unit, suggestion);
      else if (typed != 0 && wanted != 0)
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_UNIT,
                     _("“%s” is in %s, but this amount is in %s: convert it to %s and "
                       "enter the number only"),
                     quoted, number->rest, fixed_unit, fixed_unit);
      else
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_UNIT,
                     _("“%s”: this amount is in %s; enter the number only, "
                       "for example 1.5 for 1.5 %s"),
                     quoted, fixed_unit, fixed_unit);
      return FALSE;
    }

  g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_UNIT,
               _("“%s”: enter the number only, without a unit"), quoted);
  return FALSE;
}

/* ---- Public API ---------------------------------------------------------------------- */

gboolean
tb_value_parse (TbCellKind          kind,
                guint               decimals,
                const char         *fixed_unit,
                const char *const  *units,
                const char         *text,
                gint64             *value,
                char              **unit,
                GError            **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *quoted = NULL;
  g_auto (TypedNumber) number = { 0, };
  const char *matched_unit = NULL;
  ScanResult scan;
  gboolean amount;
  guint max_int_digits;
  gint64 magnitude;
  gint64 limit;

  g_return_val_if_fail (kind <= TB_CELL_AMOUNT_UNIT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  amount = is_amount_kind (kind);
  /* The scale has six decimals; more can never be stored. */
  decimals = amount ? MIN (decimals, AMOUNT_SCALE_DIGITS) : 0;
  /* An amount in a known money unit is exact to the fen at most: 元 has 2 decimals. */
  if (amount && kind == TB_CELL_AMOUNT)
    decimals = MIN (decimals, tb_value_unit_decimals (fixed_unit));

  if (text == NULL)
    text = "";

  /* What nearly every count of a draft is: plain digits, no leading zero, at most
   * COUNT_MAX_DIGITS of them. What the scan below would make of it, without its copies
   * (a draft holds about two hundred cells). */
  if (!amount && text[0] >= '0' && text[0] <= '9' && (text[0] != '0' || text[1] == '\0'))
    {
      gint64 n = 0;
      guint len = 0;

      while (len <= COUNT_MAX_DIGITS && text[len] >= '0' && text[len] <= '9')
        n = n * 10 + (text[len++] - '0');
      if (text[len] == '\0' && len <= COUNT_MAX_DIGITS && n <= TB_COUNT_MAX)
        {
          if (value != NULL)
            *value = n;
          if (unit != NULL)
            *unit = NULL;
          return TRUE;
        }
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                           _("The text contains bytes that are not valid UTF-8 and "
                             "cannot be read as a number"));
      return FALSE;
    }

  trimmed = tb_text_strip (text, -1, tb_text_is_blank);
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TB_PARSE_ERROR, TB_PARSE_ERROR_EMPTY,
                           _("Nothing is entered"));
      return FALSE;
    }

  quoted = quote_text (trimmed);
  folded = fold_to_ascii (trimmed);

  if (is_placeholder (folded))
    {
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_PLACEHOLDER,
                   _("“%s” is not a number: enter 0 if there were no cases"), quoted);
      return FALSE;
    }

  scan = scan_number (folded, &number);
  if (scan == SCAN_BAD_GROUPING)
    {
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_INVALID,
                   _("“%s”: thousands separators must mark groups of three digits, "
                     "as in 1,234,567; or leave them out"),
                   quoted);
      return FALSE;
    }
  if (scan == SCAN_NOT_A_NUMBER)
    return fail_not_a_number (error, kind, units, quoted);

  /* What follows the number. */
  if (!amount)
    {
      if (*number.rest != '\0'
          && !word_in_list (number.rest, count_unit_words,
                            G_N_ELEMENTS (count_unit_words)))
        return fail_not_a_number (error, kind, units, quoted);
    }
  else if (kind == TB_CELL_AMOUNT_UNIT && has_units (units))
    {
      guint i;

      /* Zero needs no unit: "0" in 采购总金额 is what real reports write. */
      if (*number.rest == '\0' && typed_number_is_zero (&number))
        goto number_checks;
      if (*number.rest == '\0')
        {
          g_autofree char *choices = g_strjoinv (" / ", (char **) units);

          g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_UNIT,
                       _("“%s” has no unit: write one of %s after the number, "
                         "such as “251000%s”"),
                       quoted, choices, units[0]);
          return FALSE;
        }

      for (i = 0; units[i] != NULL && matched_unit == NULL; i++)
        if (strcmp (number.rest, units[i]) == 0)
          matched_unit = units[i];

      if (matched_unit == NULL)
        {
          if (tb_value_unit_in_yuan (number.rest) != 0
              || word_in_list (number.rest, other_unit_words,
                               G_N_ELEMENTS (other_unit_words)))
            return fail_wrong_unit (error, kind, fixed_unit, units, &number, decimals, quoted);
          return fail_not_a_number (error, kind, units, quoted);
        }
    }
  else if (*number.rest != '\0'
           && (fixed_unit == NULL || strcmp (number.rest, fixed_unit) != 0))
    {
      if (tb_value_unit_in_yuan (number.rest) != 0
          || word_in_strv (number.rest, units)
          || word_in_list (number.rest, other_unit_words,
                           G_N_ELEMENTS (other_unit_words)))
        return fail_wrong_unit (error, kind, fixed_unit, units, &number, decimals, quoted);
      return fail_not_a_number (error, kind, units, quoted);
    }

number_checks:
  if (matched_unit != NULL)
    decimals = MIN (decimals, tb_value_unit_decimals (matched_unit));
  /* The number itself. "-0" is zero, not a negative number. */
  if (number.negative && kind != TB_CELL_SIGNED && !typed_number_is_zero (&number))
    {
      if (amount)
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_NEGATIVE,
                     _("“%s” is negative: an amount cannot be below 0"), quoted);
      else
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_NEGATIVE,
                     _("“%s” is negative: a count cannot be below 0"), quoted);
      return FALSE;
    }

  if (!amount && number.has_point)
    {
      g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_DECIMALS,
                   _("“%s” has decimals, but a count is a whole number"), quoted);
      return FALSE;
    }

  if (amount && number.frac_digits->len > decimals)
    {
      if (decimals == 0)
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_DECIMALS,
                     _("“%s” has decimals, but this amount is a whole number"), quoted);
      else
        g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_DECIMALS,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "“%s” has too many decimals: at most %u digit is allowed "
                                  "after the point",
                                  "“%s” has too many decimals: at most %u digits are allowed "
                                  "after the point",
                                  decimals),
                     quoted, decimals);
      return FALSE;
    }

  /* Range: the digit count is checked before any arithmetic, so nothing can overflow. */
  max_int_digits = amount ? AMOUNT_MAX_DIGITS : COUNT_MAX_DIGITS;
  limit = amount ? TB_AMOUNT_MAX * TB_AMOUNT_SCALE : TB_COUNT_MAX * TB_AMOUNT_SCALE;
  magnitude = typed_number_to_scaled (&number, max_int_digits);
  if (magnitude < 0 || magnitude > limit)
    {
      g_autofree char *max_text = NULL;

      if (amount)
        {
          max_text = tb_value_format (TB_CELL_AMOUNT, TB_AMOUNT_MAX * TB_AMOUNT_SCALE);
          g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_TOO_LARGE,
                       _("“%s” is too large: an amount can be at most %s"), quoted, max_text);
        }
      else
        {
          max_text = tb_value_format (TB_CELL_COUNT, TB_COUNT_MAX);
          g_set_error (error, TB_PARSE_ERROR, TB_PARSE_ERROR_TOO_LARGE,
                       _("“%s” is too large: a count can be at most %s"), quoted, max_text);
        }
      return FALSE;
    }

  if (!amount)
    magnitude /= TB_AMOUNT_SCALE;
  if (number.negative)
    magnitude = -magnitude;

  if (value != NULL)
    *value = magnitude;
  if (unit != NULL)
    *unit = g_strdup (matched_unit);

  return TRUE;
}

gboolean
tb_value_parse_cell (const TbCellSpec  *spec,
                     const char        *text,
                     gint64            *value,
                     char             **unit,
                     GError           **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  return tb_value_parse (spec->kind, spec->decimals, spec->unit, spec->units,
                         text, value, unit, error);
}
