/* export-fixture.c: writes the web page, fragment and Word exports of two reports, with
 * what they must contain, for the tests that open them in real readers (test-export-tools.py)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: export-fixture OUTDIR
 *        export-fixture --expect [--draft] DRAFT OUT.json
 * The second form writes only the expectation of the report in the file DRAFT (with its
 * draft mark and sign-off with --draft), for the tests of tianbao-cli's exports.
 * The first writes, for the sample report (data/samples/yanchi-audit-2020.tianbao, format 2019), a
 * filled 2021 report with varied numbers, and that report with a cell left empty exported
 * as a draft with its sign-off (draft2021):
 *   NAME.html, NAME.fragment.html, NAME.docx    the exports
 *   NAME.json                                  the expectation, from the format and the
 *                                              report alone (not from the writers): title,
 *                                              preface, headings, every table's grid items
 *                                              with their spans and texts.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-html-writer.h"
#include "tb-readiness.h"
#include "tb-value.h"

#include "tb-test-util.h"

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The text a value cell must show: the value as tb-value.h writes it for display (with its
 * unit where the cell has its own), what was typed when it cannot be read, "" when empty. */
static char *
expected_value (TbReport *report,
                guint     cell)
{
  const TbCellValue *v = tb_report_get_cell (report, cell);
  const TbCellSpec *spec = tb_format_get_cell (tb_report_get_format (report), cell);

  if (v->state == TB_CELL_VALID)
    return tb_value_format_display (spec, v->value, v->unit);
  if (v->state == TB_CELL_INVALID)
    return g_strdup (v->text);
  return g_strdup ("");
}

static char *
expectation (TbReport *report,
             gboolean  draft)
{
  const TbFormat *format = tb_report_get_format (report);
  GString *out = g_string_new ("{\n  \"title\": ");
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *preface = tb_format_make_preface (format, tb_report_get_year (report));

  json_string (out, title);
  g_string_append (out, ",\n  \"agency\": ");
  json_string (out, tb_report_get_agency (report));
  g_string_append (out, ",\n  \"preface\": ");
  json_string (out, preface);
  if (draft)
    {
      g_autofree char *mark = tb_format_make_draft_mark (
        format, tb_readiness_count_blocking_issues (report));
      g_autofree char *date = tb_format_make_date (format, tb_report_get_report_date (report));

      g_string_append (out, ",\n  \"draft_mark\": ");
      json_string (out, mark);
      g_string_append (out, ",\n  \"sign_off\": [");
      json_string (out, tb_report_get_agency (report));
      g_string_append (out, ", ");
      json_string (out, date);
      g_string_append (out, "]");
    }
  g_string_append (out, ",\n  \"headings\": [");
  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      g_string_append (out, s > 0 ? ", " : "");
      json_string (out, tb_format_get_section (format, s)->heading);
    }
  g_string_append (out, "],\n  \"tables\": [");
  for (guint s = 0, n = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);
      const TbTableSpec *t = section->table;

      if (section->type != TB_SECTION_TABLE || t == NULL)
        continue;
      g_string_append_printf (out, "%s\n    {\"id\": \"%s\", \"caption\": ", n++ > 0 ? "," : "",
                              t->id);
      json_string (out, section->heading);
      g_string_append_printf (out, ", \"rows\": %u, \"columns\": %u, \"header_rows\": %u, "
                              "\"items\": [", t->n_rows, t->n_columns, t->n_header_rows);
      for (guint i = 0; i < t->n_items; i++)
        {
          const TbGridItem *it = &t->items[i];
          g_autofree char *text = it->kind == TB_GRID_VALUE ? expected_value (report, it->cell)
                                                            : g_strdup (it->text);

          g_string_append_printf (out, "%s\n      {\"row\": %u, \"col\": %u, \"rowspan\": %u, "
                                  "\"colspan\": %u, \"kind\": \"%s\", \"role\": ",
                                  i > 0 ? "," : "", it->row, it->col, it->rowspan, it->colspan,
                                  it->kind == TB_GRID_VALUE ? "value" : "label");
          json_string (out, it->role);
          g_string_append (out, ", \"text\": ");
          json_string (out, text);
          g_string_append (out, "}");
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n  ]\n}\n");
  return g_string_free (out, FALSE);
}

static void
write_bytes (const char *dir,
             const char *name,
             GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!g_file_set_contents (path, data, len, &error))
    g_error ("%s", error->message);
}

static void
write_report (const char *dir,
              const char *name,
              TbReport   *report,
              gboolean    draft)
{
  TbHtmlFlags html_flags = draft ? TB_HTML_DRAFT | TB_HTML_SIGN_OFF : TB_HTML_DEFAULT;
  g_autoptr(GBytes) page = tb_html_write (report, html_flags);
  g_autoptr(GBytes) fragment = tb_html_write (report, html_flags | TB_HTML_FRAGMENT);
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  char *text;

  file = g_strconcat (name, ".html", NULL);
  write_bytes (dir, file, page);
  g_free (file);
  file = g_strconcat (name, ".fragment.html", NULL);
  write_bytes (dir, file, fragment);
  g_free (file);

  docx = tb_docx_write (report, draft ? TB_DOCX_DRAFT | TB_DOCX_SIGN_OFF : TB_DOCX_DEFAULT,
                        &error);
  if (docx == NULL)
    g_error ("%s", error->message);
  file = g_strconcat (name, ".docx", NULL);
  write_bytes (dir, file, docx);
  g_free (file);

  text = expectation (report, draft);
  json = g_bytes_new_take (text, strlen (text));
  file = g_strconcat (name, ".json", NULL);
  write_bytes (dir, file, json);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TbReport) sample = NULL;
  g_autoptr(TbReport) full = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample_path = NULL;
  const char *root = g_getenv ("TIANBAO_SOURCE_ROOT");

  setlocale (LC_ALL, "C.UTF-8");
  if (argc >= 4 && g_str_equal (argv[1], "--expect"))
    {
      gboolean draft = g_str_equal (argv[2], "--draft");
      g_autoptr(TbReport) report = NULL;
      g_autoptr(GBytes) json = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *name = NULL;
      char *text;

      if (argc != (draft ? 5 : 4))
        {
          fprintf (stderr, "usage: export-fixture --expect [--draft] DRAFT OUT.json\n");
          return 2;
        }
      report = tb_draft_load (argv[draft ? 3 : 2], &error);
      if (report == NULL)
        g_error ("%s", error->message);
      text = expectation (report, draft);
      json = g_bytes_new_take (text, strlen (text));
      dir = g_path_get_dirname (argv[draft ? 4 : 3]);
      name = g_path_get_basename (argv[draft ? 4 : 3]);
      write_bytes (dir, name, json);
      return 0;
    }
  if (argc != 2 || root == NULL)
    {
      fprintf (stderr, "usage: TIANBAO_SOURCE_ROOT=SRC export-fixture OUTDIR\n");
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);

  sample_path = g_build_filename (root, "data", "samples", "yanchi-audit-2020.tianbao", NULL);
  sample = tb_draft_load (sample_path, &error);
  if (sample == NULL)
    g_error ("%s", error->message);
  write_report (argv[1], "sample", sample, FALSE);

  full = tb_test_make_full_2021 ();
  write_report (argv[1], "full2021", full, FALSE);

  tb_report_clear_cell (full, tb_format_find_cell (tb_report_get_format (full),
                                                   "t3.r3_1_open.np")->index);
  write_report (argv[1], "draft2021", full, TRUE);
  return 0;
}
