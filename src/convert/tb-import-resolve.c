/* tb-import-resolve.c: the values of the document's rows placed on official cells, or not
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule is "certain or empty". A row whose values match its columns one to one is
 * placed as published. For any other row every reading is tried: a value lost at each
 * place, each value taken as one too many, an empty cell at its edge taken as blank, a
 * number taken as two run together. A reading fits when the table's equations
 * (tb-equations.h) can still hold with counts >= 0, given the cells already placed and the
 * rows not yet placed as unknowns; a lost value is worked out where an equation leaves one
 * unknown. The row is placed when all fitting readings give the same cells; otherwise its
 * cells stay empty and are listed. Placing a row may settle another, so this repeats until
 * nothing changes.
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-equations.h"
#include "tb-import-private.h"
#include "tb-value.h"

/* Readings of one row are at most a few dozen; rows with more are not guessed at. */
#define MAX_READINGS 256

typedef enum
{
  A_VALUE,
  A_BLANK,
  A_TEXT,    /* unreadable */
  A_LOST,    /* not in the document: worked out, or not */
} AKind;

typedef struct
{
  AKind        kind;
  gint64       value;
  gboolean     known;   /* A_LOST: the equations gave its value */
  const Token *token;
} Assign;

typedef enum
{
  S_UNKNOWN,
  S_KNOWN,
  S_FREE,     /* blank or unreadable: no equation through it says anything */
} CellState;

typedef struct
{
  TbImportContext *ctx;
  const TbFormat  *format;
  GPtrArray       *equations;
  guint            n_cells;
  guint8          *state;      /* CellState per cell of the format */
  gint64          *value;
  guint8          *lstate;     /* the same, while a reading is tried */
  gint64          *lvalue;
  GPtrArray       *strings;    /* texts made for readings (numbers split in two) */
} Resolver;

/* ------------------------------------------------------------------ readings */

static gboolean
non_negative (const TbCellSpec *spec)
{
  return spec->kind != TB_CELL_SIGNED;
}

static AKind
parse_token (const TbCellSpec *spec,
             const char       *text,
             gint64           *value)
{
  g_autoptr(GError) error = NULL;

  if (tb_value_parse_cell (spec, text, value, NULL, &error))
    return A_VALUE;
  if (g_error_matches (error, TB_PARSE_ERROR, TB_PARSE_ERROR_EMPTY))
    return A_BLANK;
  return A_TEXT;
}

/* Tries a reading: @a holds the row's cells; lost ones get their value where the
 * equations give it. FALSE when the reading breaks an equation. */
static gboolean
evaluate (Resolver         *rs,
          const TbVocabRow *row,
          Assign           *a)
{
  gboolean changed = TRUE;

  memcpy (rs->lstate, rs->state, rs->n_cells);
  memcpy (rs->lvalue, rs->value, rs->n_cells * sizeof (gint64));
  for (guint k = 0; k < row->n_cells; k++)
    {
      guint c = row->cells[k];

      rs->lstate[c] = a[k].kind == A_VALUE ? S_KNOWN :
                      a[k].kind == A_LOST ? S_UNKNOWN : S_FREE;
      rs->lvalue[c] = a[k].value;
    }

  for (guint iter = 0; changed && iter < 32; iter++)
    {
      changed = FALSE;
      for (guint e = 0; e < rs->equations->len; e++)
        {
          const TbEquation *eq = g_ptr_array_index (rs->equations, e);
          gint64 rest = eq->constant;
          guint n_vars = 0, var = 0;
          int var_sign = 0, sign0 = 0;
          gboolean mixed = FALSE, free_term = FALSE, signed_var = FALSE;

          for (guint t = 0; t < eq->n_terms && !free_term; t++)
            {
              guint c = eq->cells[t];

              if (rs->lstate[c] == S_FREE)
                free_term = TRUE;
              else if (rs->lstate[c] == S_KNOWN)
                rest -= eq->signs[t] * rs->lvalue[c];
              else
                {
                  if (n_vars == 0)
                    sign0 = eq->signs[t];
                  else if (eq->signs[t] != sign0)
                    mixed = TRUE;
                  if (!non_negative (tb_format_get_cell (rs->format, c)))
                    signed_var = TRUE;
                  n_vars++;
                  var = c;
                  var_sign = eq->signs[t];
                }
            }
          if (free_term)
            continue;
          if (n_vars == 0)
            {
              if (rest != 0)
                return FALSE;
            }
          else if (n_vars == 1)
            {
              const TbCellSpec *spec = tb_format_get_cell (rs->format, var);
              gint64 v = rest * var_sign;

              if ((non_negative (spec) && v < 0) || !tb_value_fits (spec->kind, v))
                return FALSE;
              rs->lstate[var] = S_KNOWN;
              rs->lvalue[var] = v;
              changed = TRUE;
            }
          else if (!mixed && !signed_var)
            {
              if (rest * sign0 < 0)
                return FALSE;
              if (rest == 0)
                {
                  for (guint t = 0; t < eq->n_terms; t++)
                    if (rs->lstate[eq->cells[t]] == S_UNKNOWN)
                      {
                        rs->lstate[eq->cells[t]] = S_KNOWN;
                        rs->lvalue[eq->cells[t]] = 0;
                      }
                  changed = TRUE;
                }
            }
        }
    }
  for (guint k = 0; k < row->n_cells; k++)
    if (a[k].kind == A_LOST)
      {
        a[k].known = rs->lstate[row->cells[k]] == S_KNOWN;
        a[k].value = rs->lvalue[row->cells[k]];
      }
  return TRUE;
}

static gboolean
same_cell (const Assign *x,
           const Assign *y)
{
  gboolean xv = x->kind == A_VALUE || (x->kind == A_LOST && x->known);
  gboolean yv = y->kind == A_VALUE || (y->kind == A_LOST && y->known);

  if (xv || yv)
    return xv && yv && x->value == y->value;
  if (x->kind != y->kind || x->kind == A_LOST)
    return FALSE;
  return x->kind == A_BLANK || g_strcmp0 (x->token->text, y->token->text) == 0;
}

/* "310" → "3" "10", "31" "0" …: where a digit string could be two numbers run together
 * (never with a leading zero). */
static gboolean
can_split (const char *text,
           guint       at)
{
  gsize len = strlen (text);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return at > 0 && at < len && (text[0] != '0' || at == 1) && (text[at] != '0' || at == len - 1);
}

/* Every reading of @rr: slot j of the official row gets token slots[j] (>= 0), nothing
 * (-1, lost) or a blank (-2). Calls @try for each. */
typedef struct
{
  Resolver   *rs;
  RowRead    *rr;
  GPtrArray  *tokens;       /* the tokens of this reading (split numbers included) */
  Assign    **fits;         /* the first fitting reading */
  Assign     *scratch;
  guint       n_fit;
  gboolean    agree;        /* every fitting reading gives the same cells */
  gboolean    undetermined; /* a fitting reading leaves a lost value unknown */
  guint       n_tried;
} Search;

static void
try_reading (Search    *s,
             const int *slots)
{
  const TbVocabRow *row = s->rr->row;
  Assign *a = s->scratch;

  if (++s->n_tried > MAX_READINGS)
    return;
  for (guint k = 0; k < row->n_cells; k++)
    a[k] = (Assign) { A_LOST, 0, FALSE, NULL };
  for (guint j = 0; j < row->n_cells; j++)
    {
      guint k = s->rr->order[j];
      const TbCellSpec *spec = tb_format_get_cell (s->rs->format, row->cells[k]);

      if (slots[j] == -2)
        a[k].kind = A_BLANK;
      else if (slots[j] >= 0)
        {
          a[k].token = g_ptr_array_index (s->tokens, slots[j]);
          a[k].kind = parse_token (spec, a[k].token->text, &a[k].value);
        }
    }
  if (!evaluate (s->rs, row, a))
    return;
  for (guint k = 0; k < row->n_cells; k++)
    if (a[k].kind == A_LOST && !a[k].known)
      s->undetermined = TRUE;
  if (s->n_fit++ == 0)
    {
      *s->fits = g_memdup2 (a, row->n_cells * sizeof (Assign));
      return;
    }
  for (guint k = 0; k < row->n_cells; k++)
    if (!same_cell (&(*s->fits)[k], &a[k]))
      s->agree = FALSE;
    else if (a[k].kind == A_LOST)
      (*s->fits)[k] = a[k];  /* keep the lost mark: the cell is derived */
}

static void
search_readings (Search *s)
{
  RowRead *rr = s->rr;
  guint n = rr->row->n_cells;
  guint m = rr->tokens->len;
  g_autofree int *slots = g_new (int, n);

  s->tokens = rr->tokens;
  if (m == n)
    {
      for (guint j = 0; j < n; j++)
        slots[j] = (int) j;
      try_reading (s, slots);
      return;
    }
  if (m + 1 == n)
    {
      for (guint k = 0; k < n; k++)
        {
          for (guint j = 0; j < n; j++)
            slots[j] = j < k ? (int) j : j == k ? -1 : (int) j - 1;
          try_reading (s, slots);
        }
      if (rr->s_lead > 0)
        {
          for (guint j = 0; j < n; j++)
            slots[j] = j == 0 ? -2 : (int) j - 1;
          try_reading (s, slots);
        }
      if (rr->s_trail > 0)
        {
          for (guint j = 0; j < n; j++)
            slots[j] = j == n - 1 ? -2 : (int) j;
          try_reading (s, slots);
        }
      /* A number that may be two run together. */
      for (guint t = 0; t < m; t++)
        {
          const Token *tok = g_ptr_array_index (rr->tokens, t);

          for (guint at = 1; at < strlen (tok->text); at++)
            {
              g_autoptr(GPtrArray) split = g_ptr_array_new ();
              Token *a, *b;

              if (!can_split (tok->text, at))
                continue;
              a = g_new (Token, 1);
              b = g_new (Token, 1);
              a->text = g_strndup (tok->text, at);
              b->text = g_strdup (tok->text + at);
              a->pos = b->pos = tok->pos;
              g_ptr_array_add (s->rs->strings, (gpointer) a->text);
              g_ptr_array_add (s->rs->strings, (gpointer) b->text);
              g_ptr_array_add (s->rs->strings, a);
              g_ptr_array_add (s->rs->strings, b);
              for (guint i = 0; i < m; i++)
                {
                  if (i == t)
                    {
                      g_ptr_array_add (split, a);
                      g_ptr_array_add (split, b);
                    }
                  else
                    g_ptr_array_add (split, g_ptr_array_index (rr->tokens, i));
                }
              s->tokens = split;
              for (guint j = 0; j < n; j++)
                slots[j] = (int) j;
              try_reading (s, slots);
              s->tokens = rr->tokens;
            }
        }
      return;
    }
  if (m == n + 1)
    {
      for (guint k = 0; k < m; k++)
        {
          for (guint j = 0; j < n; j++)
            slots[j] = j < k ? (int) j : (int) j + 1;
          try_reading (s, slots);
        }
      return;
    }
  if (m < n && m + rr->s_lead + rr->s_trail >= n)
    for (guint lead = 0; lead <= MIN (rr->s_lead, n - m); lead++)
      {
        guint trail = n - m - lead;

        if (trail > rr->s_trail)
          continue;
        for (guint j = 0; j < n; j++)
          slots[j] = j < lead ? -2 : j < lead + m ? (int) (j - lead) : -2;
        try_reading (s, slots);
      }
}

/* ------------------------------------------------------------------ placing */

RowRead *
tb_import_row_read_new (const TbVocabRow *row)
{
  RowRead *rr = g_new0 (RowRead, 1);

  rr->row = row;
  rr->tokens = g_ptr_array_new_with_free_func (g_free);
  rr->order = g_new0 (guint, row->n_cells);
  for (guint j = 0; j < row->n_cells; j++)
    rr->order[j] = j;
  return rr;
}

void
tb_import_row_read_free (gpointer p)
{
  RowRead *rr = p;

  if (rr == NULL)
    return;
  g_ptr_array_unref (rr->tokens);
  g_free (rr->order);
  g_free (rr->problem);
  g_free (rr);
}

static void
place_cell (Resolver     *rs,
            RowRead      *rr,
            guint         k,
            const Assign *a,
            const char   *derived_reason)
{
  TbImportContext *ctx = rs->ctx;
  guint cell = rr->row->cells[k];
  const TbCellSpec *spec = tb_format_get_cell (rs->format, cell);
  const TbSourcePos *pos = a->token != NULL ? &a->token->pos : &rr->pos;

  switch (a->kind)
    {
    case A_VALUE:
      {
        g_autofree char *put = tb_import_put_number (ctx, cell, a->token->text, a->value);

        tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_READ, put, NULL, pos);
        rs->state[cell] = S_KNOWN;
        rs->value[cell] = a->value;
      }
      break;
    case A_LOST:
      {
        g_autofree char *text = tb_value_format (spec->kind, a->value);

        tb_report_set_cell_text (ctx->report, cell, text, NULL);
        tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_DERIVED, text, derived_reason,
                                &rr->pos);
        rs->state[cell] = S_KNOWN;
        rs->value[cell] = a->value;
      }
      break;
    case A_BLANK:
      tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_BLANK, NULL, NULL, pos);
      rs->state[cell] = S_FREE;
      break;
    case A_TEXT:
    default:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *reason = NULL;

        tb_report_set_cell_text (ctx->report, cell, a->token->text, &error);
        if (g_error_matches (error, TB_PARSE_ERROR, TB_PARSE_ERROR_PLACEHOLDER))
          reason = g_strdup (_("a placeholder, not a number: kept as unreadable text"));
        else
          reason = g_strdup (error != NULL ? error->message : "");
        tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_UNREADABLE, a->token->text,
                                reason, pos);
        rs->state[cell] = S_FREE;
      }
      break;
    }
}

/* A digit string long enough to hold what the row lacks. */
static const char *
run_together (RowRead *rr)
{
  guint missing = rr->row->n_cells - MIN (rr->tokens->len, rr->row->n_cells);

  for (guint t = 0; t < rr->tokens->len; t++)
    {
      const Token *tok = g_ptr_array_index (rr->tokens, t);
      gsize len = strlen (tok->text);
      gboolean digits = len > missing;

      for (gsize i = 0; i < len && digits; i++)
        digits = g_ascii_isdigit (tok->text[i]);
      if (digits)
        return tok->text;
    }
  return NULL;
}

static char *
why_uncertain (RowRead  *rr,
               Search   *s)
{
  guint m = rr->tokens->len, n = rr->row->n_cells;
  const char *joined = run_together (rr);
  g_autofree char *values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value",
                                                          "%u values", m), m);

  if (rr->problem != NULL)
    return g_strdup (rr->problem);
  if (m + 1 < n && joined != NULL)
    return g_strdup_printf (_("the row has %s for %u columns; “%s” may be several numbers "
                              "run together, which are not split by guessing"),
                            values, n, joined);
  if (m + 1 < n || m > n + 1)
    return g_strdup_printf (_("the row has %s for %u columns"), values, n);
  if (s->n_fit == 0)
    return g_strdup_printf (_("the row has %s for %u columns, and no way of reading it "
                              "agrees with the table's arithmetic"), values, n);
  if (s->undetermined)
    return g_strdup_printf (_("the row has %s for %u columns, and the table's arithmetic "
                              "does not tell which one is missing"), values, n);
  return g_strdup_printf (_("the row has %s for %u columns, and it can be read in more "
                            "than one way that agrees with the table's arithmetic"), values, n);
}

/* Tries to place @rr. TRUE when it was placed. */
static gboolean
resolve_row (Resolver *rs,
             RowRead  *rr,
             gboolean  last_pass)
{
  guint n = rr->row->n_cells;
  g_autofree Assign *fit = NULL;
  g_autofree Assign *scratch = g_new0 (Assign, n);
  Search s = { rs, rr, NULL, &fit, scratch, 0, TRUE, FALSE, 0 };

  /* A row with one value per column is read as published, right or wrong: the check says
   * whether it adds up. */
  if (rr->problem == NULL && rr->tokens->len == n)
    {
      for (guint j = 0; j < n; j++)
        {
          guint k = rr->order[j];
          const TbCellSpec *spec = tb_format_get_cell (rs->format, rr->row->cells[k]);

          scratch[k].token = g_ptr_array_index (rr->tokens, j);
          scratch[k].kind = parse_token (spec, scratch[k].token->text, &scratch[k].value);
        }
      for (guint k = 0; k < n; k++)
        place_cell (rs, rr, k, &scratch[k], NULL);
      rr->done = TRUE;
      return TRUE;
    }
  if (rr->problem == NULL)
    search_readings (&s);
  if (rr->problem == NULL && s.n_fit > 0 && s.agree && !s.undetermined &&
      s.n_tried <= MAX_READINGS)
    {
      g_autofree char *values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value",
                                                              "%u values", rr->tokens->len),
                                                 rr->tokens->len);
      g_autofree char *derived = g_strdup_printf (_("the row has %s for %u columns; every "
                                                    "reading of it that fits the table's "
                                                    "arithmetic gives this value"),
                                                  values, n);

      for (guint k = 0; k < n; k++)
        place_cell (rs, rr, k, &fit[k], derived);
      rr->done = TRUE;
      return TRUE;
    }
  if (last_pass)
    {
      g_autofree char *reason = why_uncertain (rr, &s);

      for (guint k = 0; k < n; k++)
        {
          guint cell = rr->row->cells[k];

          tb_import_log_set_cell (rs->ctx->log, cell, TB_IMPORT_CELL_UNCERTAIN, NULL, reason,
                                  &rr->pos);
          rs->state[cell] = S_FREE;
        }
      rr->done = TRUE;
    }
  return FALSE;
}

void
tb_import_resolve (TbImportContext *ctx,
                   GPtrArray       *reads)
{
  Resolver rs = { ctx, tb_vocab_get_format (ctx->vocab), NULL, 0, };
  gboolean changed = TRUE;

  rs.equations = tb_equations_new (rs.format);
  rs.n_cells = tb_format_get_n_cells (rs.format);
  rs.state = g_new0 (guint8, rs.n_cells);
  rs.value = g_new0 (gint64, rs.n_cells);
  rs.lstate = g_new0 (guint8, rs.n_cells);
  rs.lvalue = g_new0 (gint64, rs.n_cells);
  rs.strings = g_ptr_array_new_with_free_func (g_free);

  /* Rows as published first, then the others as long as one more can be placed. */
  for (guint i = 0; i < reads->len; i++)
    {
      RowRead *rr = g_ptr_array_index (reads, i);

      if (rr->problem == NULL && rr->tokens->len == rr->row->n_cells)
        resolve_row (&rs, rr, TRUE);
    }
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < reads->len; i++)
        {
          RowRead *rr = g_ptr_array_index (reads, i);

          if (!rr->done && resolve_row (&rs, rr, FALSE))
            changed = TRUE;
        }
    }
  for (guint i = 0; i < reads->len; i++)
    {
      RowRead *rr = g_ptr_array_index (reads, i);

      if (!rr->done)
        resolve_row (&rs, rr, TRUE);
    }

  g_ptr_array_unref (rs.equations);
  g_ptr_array_unref (rs.strings);
  g_free (rs.state);
  g_free (rs.value);
  g_free (rs.lstate);
  g_free (rs.lvalue);
}
