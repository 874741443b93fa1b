/* test-history.c: tests for undo and redo (TbHistory)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <glib.h>

#include "tb-history-private.h"
#include "tb-report.h"
#include "tb-rules.h"
#include "tb-value.h"

#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

static TbReport *
new_report (void)
{
  const TbFormat *format = tb_format_get ("2021");
  TbReport *report;

  g_assert_nonnull (format);
  report = tb_report_new (format);
  tb_report_set_agency (report, "某市某局");
  tb_report_set_year (report, 2025);
  tb_report_set_modified (report, FALSE);
  return report;
}

/* Types into a cell like the form does: set the text, then recompute the totals. */
static void
type_cell (TbReport   *report,
           const char *id,
           const char *text)
{
  tb_test_type (report, id, text);
  if (!tb_report_get_manual_totals (report))
    tb_rules_compute_totals (report);
}

#define assert_cell(report, id, expected)                                              \
  G_STMT_START {                                                                       \
    g_autofree char *_t = tb_test_dup_text (report, id);                               \
    g_assert_cmpstr (_t, ==, expected);                                                \
  } G_STMT_END

static void
assert_cell_exact (TbReport    *report,
                   const char  *id,
                   TbCellState  state,
                   const char  *text)
{
  const TbCellValue *v = tb_report_get_cell (report, tb_test_cell (report, id));

  g_assert_cmpint (v->state, ==, state);
  g_assert_cmpstr (v->text, ==, text);
}

/* ---- Tests --------------------------------------------------------------------------- */

static void
test_cell_undo_redo (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  g_assert_false (tb_history_get_can_undo (history));
  g_assert_false (tb_history_get_can_redo (history));
  g_assert_false (tb_history_undo (history));
  g_assert_false (tb_history_redo (history));

  type_cell (report, "t2.reg.made", "3");
  tb_history_close_step (history);   /* the clerk left the cell and came back */
  type_cell (report, "t2.reg.made", "5");
  type_cell (report, "t2.norm.made", "7");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);
  g_assert_true (tb_history_get_can_undo (history));

  g_assert_true (tb_history_undo (history));
  assert_cell (report, "t2.norm.made", NULL);
  assert_cell (report, "t2.reg.made", "5");
  g_assert_true (tb_history_get_can_redo (history));

  g_assert_true (tb_history_undo (history));
  assert_cell (report, "t2.reg.made", "3");
  g_assert_true (tb_history_undo (history));
  assert_cell (report, "t2.reg.made", NULL);
  g_assert_false (tb_history_get_can_undo (history));
  g_assert_false (tb_history_undo (history));
  /* Back at the state the report was opened in: not modified any more. */
  g_assert_false (tb_report_get_modified (report));

  g_assert_true (tb_history_redo (history));
  assert_cell (report, "t2.reg.made", "3");
  g_assert_true (tb_report_get_modified (report));
  g_assert_true (tb_history_redo (history));
  g_assert_true (tb_history_redo (history));
  assert_cell (report, "t2.reg.made", "5");
  assert_cell (report, "t2.norm.made", "7");
  g_assert_false (tb_history_redo (history));
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);

  /* A new change after an undo drops what could have been redone. */
  tb_history_undo (history);
  type_cell (report, "t2.reg.valid", "9");
  g_assert_false (tb_history_get_can_redo (history));
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);
  tb_history_undo (history);
  assert_cell (report, "t2.reg.valid", NULL);
  assert_cell (report, "t2.norm.made", NULL);
}

/* Invalid text, the exact typed text and units come back exactly. */
static void
test_cell_exact (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  tb_history_set_coalesce_timeout (history, 0);
  type_cell (report, "t2.reg.made", "1,234");
  type_cell (report, "t2.reg.made", "12x");
  type_cell (report, "t2.reg.made", "");
  type_cell (report, "t2.fee.amount", "１.５");

  assert_cell_exact (report, "t2.reg.made", TB_CELL_EMPTY, NULL);
  tb_history_undo (history);
  assert_cell (report, "t2.fee.amount", NULL);
  tb_history_undo (history);
  assert_cell_exact (report, "t2.reg.made", TB_CELL_INVALID, "12x");
  tb_history_undo (history);
  assert_cell_exact (report, "t2.reg.made", TB_CELL_VALID, "1,234");
  g_assert_cmpint (tb_report_get_cell (report, tb_test_cell (report, "t2.reg.made"))->value, ==,
                   1234);

  tb_history_redo (history);
  tb_history_redo (history);
  tb_history_redo (history);
  assert_cell_exact (report, "t2.fee.amount", TB_CELL_VALID, "１.５");
  g_assert_cmpint (tb_report_get_cell (report, tb_test_cell (report, "t2.fee.amount"))->value, ==,
                   15 * TB_AMOUNT_SCALE / 10);
}

/* Computed totals are derived: never a step of their own, recomputed after undo. */
static void
test_totals_derived (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  type_cell (report, "t4.review.upheld", "1");
  type_cell (report, "t4.review.corrected", "2");
  type_cell (report, "t4.review.other", "3");
  type_cell (report, "t4.review.pending", "4");
  assert_cell (report, "t4.review.total", "10");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 4);

  tb_history_undo (history);
  assert_cell (report, "t4.review.pending", NULL);
  assert_cell (report, "t4.review.total", NULL);   /* a part is empty: no total */
  tb_history_redo (history);
  assert_cell (report, "t4.review.total", "10");

  tb_history_undo (history);
  tb_history_undo (history);
  tb_history_undo (history);
  tb_history_undo (history);
  g_assert_false (tb_history_get_can_undo (history));
  assert_cell (report, "t4.review.total", NULL);
}

/* With manual totals, a typed total is an ordinary edit; switching manual totals off and
 * undoing that brings the typed totals back. */
static void
test_manual_totals (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  tb_report_set_manual_totals (report, TRUE);
  type_cell (report, "t4.review.upheld", "1");
  type_cell (report, "t4.review.corrected", "1");
  type_cell (report, "t4.review.other", "1");
  type_cell (report, "t4.review.pending", "1");
  type_cell (report, "t4.review.total", "5");   /* wrong on purpose */
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 6);

  tb_history_undo (history);
  assert_cell (report, "t4.review.total", NULL);
  tb_history_redo (history);
  assert_cell (report, "t4.review.total", "5");

  /* The form switches the setting off and recomputes. */
  tb_report_set_manual_totals (report, FALSE);
  tb_rules_compute_totals (report);
  assert_cell (report, "t4.review.total", "4");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 7);

  tb_history_undo (history);
  g_assert_true (tb_report_get_manual_totals (report));
  assert_cell (report, "t4.review.total", "5");
  tb_history_redo (history);
  g_assert_false (tb_report_get_manual_totals (report));
  assert_cell (report, "t4.review.total", "4");
}

static void
test_group (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);
  static const char *const ids[] = { "t3.r1_new.np", "t3.r1_new.biz", "t3.r1_new.res",
                                     "t3.r2_carry_in.np", "t3.r2_carry_in.biz" };

  type_cell (report, "t2.reg.made", "1");

  /* A pasted block: one step, also with nested groups and totals computed in between. */
  tb_history_begin_group (history);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", 10 + i);

      if (i == 2)
        tb_history_begin_group (history);
      type_cell (report, ids[i], text);
      if (i == 3)
        tb_history_end_group (history);
    }
  tb_history_end_group (history);
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 2);

  tb_history_undo (history);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    assert_cell (report, ids[i], NULL);
  assert_cell (report, "t2.reg.made", "1");
  assert_cell (report, "t3.r1_new.tot", NULL);

  tb_history_redo (history);
  assert_cell (report, "t3.r1_new.np", "10");
  assert_cell (report, "t3.r2_carry_in.biz", "14");

  /* An empty group is no step. */
  tb_history_begin_group (history);
  tb_history_end_group (history);
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 2);

  /* A freeze/thaw bulk change is one step too. */
  tb_report_freeze (report);
  tb_test_type (report, "t4.after.upheld", "1");
  tb_test_type (report, "t4.after.other", "2");
  tb_report_set_text (report, "s5", "问题");
  tb_report_thaw (report);
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);
  tb_history_undo (history);
  assert_cell (report, "t4.after.upheld", NULL);
  assert_cell (report, "t4.after.other", NULL);
  g_assert_cmpstr (tb_report_get_text (report, "s5"), ==, "");
}

static void
test_text_coalesce (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);
  const char *typing[] = { "本", "本年", "本年度", "本年度，", "本年度，本机关" };

  tb_history_set_coalesce_timeout (history, 60 * 1000);
  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    tb_report_set_text (report, "s1", typing[i]);
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 1);

  /* Another section is another step; coming back to s1 is a new step too. */
  tb_report_set_text (report, "s5", "无");
  tb_report_set_text (report, "s1", "本年度，本机关认真");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);

  /* An explicit boundary (focus left the text) starts a new step. */
  tb_history_close_step (history);
  tb_report_set_text (report, "s1", "本年度，本机关认真贯彻");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 4);

  tb_history_undo (history);
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "本年度，本机关认真");
  tb_history_undo (history);
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "本年度，本机关");
  tb_history_undo (history);
  g_assert_cmpstr (tb_report_get_text (report, "s5"), ==, "");
  tb_history_undo (history);
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "");
  g_assert_false (tb_history_get_can_undo (history));
  tb_history_redo (history);
  g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "本年度，本机关");

  /* After an undo or redo, typing does not merge into the redone step. */
  tb_report_set_text (report, "s1", "本年度，本机关X");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 2);

  /* Typing something and deleting it again leaves no step behind. */
  tb_history_close_step (history);
  tb_report_set_text (report, "s6", "a");
  tb_report_set_text (report, "s6", "");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 2);
}

/* The form hands every keystroke to the report: typing into a cell is one step. */
static void
test_cell_typing (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);
  const char *keys[] = { "", "1", "12", "120", "120x", "120" };

  tb_history_set_coalesce_timeout (history, 60 * 1000);
  type_cell (report, "t4.direct.upheld", "7");
  tb_history_close_step (history);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    type_cell (report, "t4.direct.upheld", keys[i]);
  type_cell (report, "t4.direct.corrected", "3");
  type_cell (report, "t4.direct.corrected", "30");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);

  tb_history_undo (history);
  assert_cell (report, "t4.direct.corrected", NULL);
  assert_cell (report, "t4.direct.upheld", "120");
  tb_history_undo (history);
  assert_cell (report, "t4.direct.upheld", "7");
  tb_history_redo (history);
  assert_cell (report, "t4.direct.upheld", "120");

  /* Typing a value and deleting it again leaves no step. */
  tb_history_close_step (history);
  type_cell (report, "t4.after.pending", "4");
  type_cell (report, "t4.after.pending", "");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 2);
}

static void
test_text_coalesce_timeout (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  tb_history_set_coalesce_timeout (history, 50);
  tb_report_set_text (report, "s1", "a");
  tb_report_set_text (report, "s1", "ab");
  g_usleep (120 * 1000);
  tb_report_set_text (report, "s1", "abc");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 2);

  tb_history_set_coalesce_timeout (history, 0);
  tb_report_set_text (report, "s1", "abcd");
  tb_report_set_text (report, "s1", "abcde");
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 4);
}

static void
test_meta_and_ack (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  tb_report_set_agency (report, "某市财政局");
  tb_history_close_step (history);
  tb_report_set_year (report, 2024);
  tb_report_set_preparer (report, "张三");
  tb_report_set_acknowledged (report, "T3-7", TRUE);
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 4);

  tb_history_undo (history);
  g_assert_false (tb_report_is_acknowledged (report, "T3-7"));
  tb_history_undo (history);
  g_assert_null (tb_report_get_preparer (report));
  tb_history_undo (history);
  g_assert_cmpint (tb_report_get_year (report), ==, 2025);
  tb_history_undo (history);
  g_assert_cmpstr (tb_report_get_agency (report), ==, "某市某局");
  g_assert_false (tb_report_get_modified (report));

  tb_history_redo (history);
  tb_history_redo (history);
  tb_history_redo (history);
  tb_history_redo (history);
  g_assert_cmpstr (tb_report_get_agency (report), ==, "某市财政局");
  g_assert_cmpint (tb_report_get_year (report), ==, 2024);
  g_assert_cmpstr (tb_report_get_preparer (report), ==, "张三");
  g_assert_true (tb_report_is_acknowledged (report, "T3-7"));
}

static void
test_max_depth (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  g_assert_cmpuint (tb_history_get_max_depth (history), ==, TB_HISTORY_DEFAULT_MAX_DEPTH);
  tb_history_set_coalesce_timeout (history, 0);
  tb_history_set_max_depth (history, 5);
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);

      type_cell (report, "t2.reg.made", text);
    }
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 5);
  while (tb_history_undo (history))
    ;
  assert_cell (report, "t2.reg.made", "3");
  /* The oldest steps are gone, so this is not the opened state: still modified. */
  g_assert_true (tb_report_get_modified (report));

  /* The default holds 500 steps. */
  tb_history_set_max_depth (history, TB_HISTORY_DEFAULT_MAX_DEPTH);
  tb_history_clear (history);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);

      type_cell (report, "t2.reg.made", text);
    }
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 500);
}

static void
test_saved_point (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);

  tb_history_set_coalesce_timeout (history, 60 * 1000);
  type_cell (report, "t2.reg.made", "1");
  tb_report_set_text (report, "s1", "a");
  /* Saved here. */
  tb_report_set_modified (report, FALSE);
  tb_history_mark_saved (history);
  /* Typing on in the same text is not merged into the saved step. */
  tb_report_set_text (report, "s1", "ab");
  g_assert_true (tb_report_get_modified (report));
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, 3);

  tb_history_undo (history);
  g_assert_false (tb_report_get_modified (report));
  tb_history_undo (history);
  g_assert_true (tb_report_get_modified (report));
  tb_history_redo (history);
  g_assert_false (tb_report_get_modified (report));
  tb_history_redo (history);
  g_assert_true (tb_report_get_modified (report));

  /* A report that starts modified (recovered) has no saved state to go back to. */
  {
    g_autoptr(TbReport) recovered = new_report ();
    g_autoptr(TbHistory) h2 = NULL;

    tb_report_set_text (recovered, "s1", "x");
    h2 = tb_history_new (recovered);
    type_cell (recovered, "t2.reg.made", "2");
    tb_history_undo (h2);
    g_assert_true (tb_report_get_modified (recovered));
  }
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
applied_cb (TbHistory      *history,
            TbReportChange  change,
            const char     *id,
            GString        *log)
{
  g_string_append_printf (log, "%s:%s;", tb_report_change_to_string (change), id);
}

static void
test_signals (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);
  g_autoptr(GString) log = g_string_new ("");
  guint n_undo_notify = 0, n_redo_notify = 0;
  gboolean can_undo = FALSE;

  g_signal_connect (history, "notify::can-undo", G_CALLBACK (notify_count_cb), &n_undo_notify);
  g_signal_connect (history, "notify::can-redo", G_CALLBACK (notify_count_cb), &n_redo_notify);
  g_signal_connect (history, "applied", G_CALLBACK (applied_cb), log);
  tb_history_set_coalesce_timeout (history, 0);

  type_cell (report, "t2.reg.made", "1");
  type_cell (report, "t2.reg.made", "2");
  g_assert_cmpuint (n_undo_notify, ==, 1);
  g_object_get (history, "can-undo", &can_undo, NULL);
  g_assert_true (can_undo);

  tb_report_set_text (report, "s5", "无");
  tb_history_undo (history);
  tb_history_undo (history);
  g_assert_cmpuint (n_redo_notify, ==, 1);
  tb_history_undo (history);
  g_assert_cmpuint (n_undo_notify, ==, 2);
  g_assert_cmpstr (log->str, ==, "text:s5;cell:t2.reg.made;cell:t2.reg.made;");
}

/* Undo of a change the report made while the history was not told (shadow in sync). */
static void
test_random_sequences (void)
{
  g_autoptr(TbReport) report = new_report ();
  g_autoptr(TbHistory) history = tb_history_new (report);
  const char *ids[] = { "t2.reg.made", "t3.r1_new.np", "t3.r1_new.tot", "s6.fee_notified" };
  const char *values[] = { "", "0", "7", "12x", "3.5", "1,000" };
  GRand *rand = g_rand_new_with_seed (4242);
  GPtrArray *states = g_ptr_array_new_with_free_func (g_free);

  tb_history_set_coalesce_timeout (history, 0);
  tb_history_set_max_depth (history, 1000);

  /* States are recorded as the text of every test cell and s1. */
#define SNAPSHOT()                                                                      \
  G_STMT_START {                                                                        \
    GString *s = g_string_new (tb_report_get_text (report, "s1"));                      \
    for (guint k = 0; k < G_N_ELEMENTS (ids); k++)                                      \
      {                                                                                 \
        g_autofree char *t = tb_test_dup_text (report, ids[k]);                                \
        g_string_append_printf (s, "|%s", t ? t : "-");                                 \
      }                                                                                 \
    g_ptr_array_add (states, g_string_free (s, FALSE));                                 \
  } G_STMT_END

  SNAPSHOT ();
  for (guint i = 0; i < 200; i++)
    {
      guint before = tb_history_get_n_undo (history);

      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          g_autofree char *t = g_strdup_printf ("text %u", i);
          tb_report_set_text (report, "s1", t);
        }
      else
        type_cell (report, ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (ids))],
                   values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      if (tb_history_get_n_undo (history) != before)
        SNAPSHOT ();
    }
  g_assert_cmpuint (tb_history_get_n_undo (history), ==, states->len - 1);

  for (guint i = states->len - 1; i > 0; i--)
    {
      g_assert_true (tb_history_undo (history));
      {
        GString *s = g_string_new (tb_report_get_text (report, "s1"));
        g_autofree char *str = NULL;
        for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
          {
            g_autofree char *t = tb_test_dup_text (report, ids[k]);
            g_string_append_printf (s, "|%s", t ? t : "-");
          }
        str = g_string_free (s, FALSE);
        g_assert_cmpstr (str, ==, g_ptr_array_index (states, i - 1));
      }
    }
  g_assert_false (tb_history_get_can_undo (history));
  g_assert_false (tb_report_get_modified (report));

  for (guint i = 1; i < states->len; i++)
    {
      GString *s;
      g_autofree char *str = NULL;

      g_assert_true (tb_history_redo (history));
      s = g_string_new (tb_report_get_text (report, "s1"));
      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          g_autofree char *t = tb_test_dup_text (report, ids[k]);
          g_string_append_printf (s, "|%s", t ? t : "-");
        }
      str = g_string_free (s, FALSE);
      g_assert_cmpstr (str, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (tb_history_redo (history));
#undef SNAPSHOT

  g_ptr_array_unref (states);
  g_rand_free (rand);
}

static void
test_report_outlives (void)
{
  g_autoptr(TbReport) report = new_report ();
  TbHistory *history = tb_history_new (report);

  type_cell (report, "t2.reg.made", "1");
  g_object_unref (history);
  /* No handler left behind. */
  type_cell (report, "t2.reg.made", "2");
  assert_cell (report, "t2.reg.made", "2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/cell-undo-redo", test_cell_undo_redo);
  g_test_add_func ("/history/cell-exact", test_cell_exact);
  g_test_add_func ("/history/totals-derived", test_totals_derived);
  g_test_add_func ("/history/manual-totals", test_manual_totals);
  g_test_add_func ("/history/group", test_group);
  g_test_add_func ("/history/text-coalesce", test_text_coalesce);
  g_test_add_func ("/history/cell-typing", test_cell_typing);
  g_test_add_func ("/history/text-coalesce-timeout", test_text_coalesce_timeout);
  g_test_add_func ("/history/meta-and-ack", test_meta_and_ack);
  g_test_add_func ("/history/max-depth", test_max_depth);
  g_test_add_func ("/history/saved-point", test_saved_point);
  g_test_add_func ("/history/signals", test_signals);
  g_test_add_func ("/history/random-sequences", test_random_sequences);
  g_test_add_func ("/history/report-outlives", test_report_outlives);

  return g_test_run ();
}
