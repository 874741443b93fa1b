/* growth-probe.c: one piece of work on an input of a given size, for tests/test-growth.py
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: growth-probe WHAT N
 *   draft N      reads a draft of about N bytes: a text of N/16 bytes and blanks
 *                between its elements (the shape of a padded, hand-edited file)
 *   attributes N reads a draft whose root element has N attributes (refused)
 *   layout N     lays out the pages of a report whose first text is one paragraph of N
 *                characters without a break opportunity (the shape pango was quadratic in)
 *   cjk N        the same with N CJK characters
 *   field N      checks a text of N characters against the field rules
 * The work is done once; test-growth.py counts its instructions under callgrind.
 */

#define G_LOG_DOMAIN "growth-probe"

#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "tb-draft.h"
#include "tb-field.h"
#include "tb-layout.h"

#include "tb-test-util.h"

static void
probe_draft (guint n)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n"
                                         "<tianbao-report version=\"1\" format=\"2021\">"
                                         "<texts><text section=\"s1\">");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;

  for (guint i = 0; i < n / 16; i++)
    g_string_append_c (xml, "总体情况"[i % 12]);
  /* Whole characters only. */
  while (!g_utf8_validate (xml->str, xml->len, NULL))
    g_string_truncate (xml, xml->len - 1);
  g_string_append (xml, "</text>");
  while (xml->len < n)
    g_string_append (xml, "\n  ");
  g_string_append (xml, "</texts></tianbao-report>\n");
  report = tb_draft_parse (xml->str, xml->len, &error);
  if (report == NULL)
    g_error ("the draft was refused: %s", error->message);
}

static void
probe_attributes (guint n)
{
  g_autoptr(GString) xml = g_string_new ("<tianbao-report");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, " a%x=\"\"", i);
  g_string_append (xml, " version=\"1\" format=\"2021\"/>");
  report = tb_draft_parse (xml->str, xml->len, &error);
  if (report != NULL)
    g_error ("%u attributes were accepted", n);
}

static void
probe_layout (guint        n,
              const char  *unit)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autoptr(GString) para = g_string_new (NULL);
  g_autoptr(TbLayout) layout = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append (para, unit);
  tb_report_set_text (report, "s1", para->str);
  layout = tb_layout_new (report, NULL);
  if (tb_layout_get_n_pages (layout) < 2)
    g_error ("the paragraph was not laid out");
}

static void
probe_field (guint n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, i % 40 == 39 ? "\n" : "字");
  /* Over the maximum: the length is counted all the same, and a control character at the
   * end is found after a pass over everything before it. */
  g_string_append_c (text, '\x01');
  if (tb_field_check (TB_FIELD_TEXT, text->str, (gssize) text->len, NULL))
    g_error ("the text was accepted");
}

int
main (int   argc,
      char *argv[])
{
  guint n;

  if (argc != 3)
    {
      g_printerr ("usage: %s draft|attributes|layout|cjk|field N\n", argv[0]);
      return 2;
    }
  n = (guint) strtoul (argv[2], NULL, 10);
  if (g_str_equal (argv[1], "draft"))
    probe_draft (n);
  else if (g_str_equal (argv[1], "attributes"))
    probe_attributes (n);
  else if (g_str_equal (argv[1], "layout"))
    probe_layout (n, "a");
  else if (g_str_equal (argv[1], "cjk"))
    probe_layout (n, "字");
  else if (g_str_equal (argv[1], "field"))
    probe_field (n);
  else
    {
      g_printerr ("unknown probe %s\n", argv[1]);
      return 2;
    }
  return 0;
}
