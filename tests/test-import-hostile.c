/* test-import-hostile.c: hostile pages and texts are refused or read within limits
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is made here (nothing this large is committed). The outcome is asserted, never
 * the time: bench-import.c times the same inputs.
 */
#include "config.h"

#include <string.h>

#include "tb-draft.h"
#include "tb-html-reader.h"
#include "tb-import.h"
#include "tb-text-reader.h"

static gboolean
notes_mention (GPtrArray  *notes,
               const char *needle)
{
  for (guint i = 0; i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* A 100 MB page is refused unread, with its size in the message. */
static void
test_huge_page (void)
{
  gsize size = 100 * 1024 * 1024;
  char *page = g_malloc (size);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  TbReport *report;

  memcpy (page, "<html><body><p>", 15);
  memset (page + 15, 'x', size - 15);
  data = g_bytes_new_take (page, size);
  report = tb_import_read (data, "huge.html", NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.html"));
  g_assert_nonnull (strstr (error->message, "MB"));
}

/* Tables nested 10,000 deep: libxml2 stops at its depth limit (256, never lifted); what
 * came before is read, and the notes say where reading stopped. */
static void
test_nested_tables (void)
{
  GString *page = g_string_new ("<html><body><p>一、总体情况</p>");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbImportLog) log = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (page, "<table><tr><td>");
  g_string_append (page, "深处的字");
  for (guint i = 0; i < 10000; i++)
    g_string_append (page, "</td></tr></table>");
  g_string_append (page, "<p>六、其他需要报告的事项</p><p>无。</p></body></html>");
  data = g_string_free_to_bytes (page);

  source = tb_html_reader_read (data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_true (notes_mention (source->notes, "256"));
  report = tb_import_source (source, "nested.html", NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (notes_mention (log->notes, "256"));
}

static void
test_deep_divs (void)
{
  GString *page = g_string_new ("<html><body>");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  TbReport *report;

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div><span>");
  data = g_string_free_to_bytes (page);
  report = tb_import_read (data, "deep.html", NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_NOT_A_REPORT);
}

/* Spans beyond any grid are bounded: a table is at most 2000 rows by 200 columns. */
static void
test_huge_spans (void)
{
  const char *page =
    "<html><body><table>"
    "<tr><td colspan=\"1000000\" rowspan=\"1000000\">x</td><td colspan=\"-3\">y</td></tr>"
    "<tr><td rowspan=\"0\">z</td><td colspan=\"abc\">w</td></tr>"
    "<tr><td>a</td><td>b</td></tr>"
    "</table></body></html>";
  g_autoptr(GBytes) data = g_bytes_new_static (page, strlen (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = tb_html_reader_read (data, &error);
  TbSourceBlock *table = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < source->blocks->len; i++)
    if (((TbSourceBlock *) g_ptr_array_index (source->blocks, i))->kind == TB_BLOCK_TABLE)
      table = g_ptr_array_index (source->blocks, i);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_columns, <=, 200);
  g_assert_cmpuint (table->n_rows, <=, 3);
  g_assert_cmpstr (tb_source_table_get_cell (table, 2, 0)->text, ==, "x");
}

/* Thousands of tables and rows: the readers stop at their limits and say so. */
static void
test_many_tables (void)
{
  GString *page = g_string_new ("<html><body>");
  GString *text = g_string_new ("一、总体情况\n");
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) from_html = NULL;
  g_autoptr(TbSource) from_text = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (page, "<table><tr><td>规章</td><td>1</td></tr>"
                           "<tr><td>行政规范性文件</td><td>2</td></tr></table>");
  html = g_string_free_to_bytes (page);
  from_html = tb_html_reader_read (html, &error);
  g_assert_no_error (error);
  g_assert_true (notes_mention (from_html->notes, "200"));

  while (text->len < 8 * 1024 * 1024)
    g_string_append (text, "规章\t0\t0\t2\n");
  lines = g_string_free_to_bytes (text);
  from_text = tb_text_reader_read (lines, &error);
  g_assert_no_error (error);
  g_assert_true (notes_mention (from_text->notes, "5000"));
}

/* Bytes that are no text in any encoding are replaced and the note says so; the import
 * still reads what it can. */
static void
test_invalid_utf8 (void)
{
  const char page[] = "<html><head><meta charset=\"utf-8\"></head><body>"
                      "<p>一、总体情况</p><p>正文\xff\xfe\x80\xc3</p>"
                      "<p>六、其他需要报告的事项</p><p>无\xc0\xaf。</p></body></html>";
  const char text[] = "一、总体情况\n正文\xff\xfe\x80\n六、其他需要报告的事项\n无。\n";
  const char *inputs[] = { page, text };
  const gsize lengths[] = { sizeof page - 1, sizeof text - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (inputs[i], lengths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbImportLog) log = NULL;
      g_autoptr(TbReport) report = tb_import_read (data, "bad.html", NULL, &log, &error);

      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (tb_report_get_text (report, "s1"), -1, NULL));
      g_assert_true (g_str_has_prefix (tb_report_get_text (report, "s1"), "正文"));
      g_assert_true (notes_mention (log->notes, "UTF-8"));
    }
}

/* Control bytes and NULs: not text, said so. */
static void
test_binary (void)
{
  static const guint8 elf[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(GBytes) data = g_bytes_new_static (elf, sizeof elf);
  g_autoptr(GError) error = NULL;
  TbReport *report = tb_import_read (data, "program", NULL, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_BINARY);
}

/* Control characters (DEL, C1) and invisible direction controls (an isolate around a name)
 * are no text a draft may hold: the import leaves them out, so the imported report saves and
 * loads back, and what is visible is kept. (fuzz-import found both.) */
static void
test_controls (void)
{
  const char page[] = "<html><body><p>某某局\u2066\u2069\x7f" "2020年政府信息公开工作年度报告</p>"
                      "<p>一、总体情况</p><p>正文\x7f\xc2\x85\u2069\u202e有字</p>"
                      "<p>六、其他需要报告的事项</p><p>无\x01。</p></body></html>";
  const char text[] = "一、总体情况\n正文\x7f\xe2\x81\xa9有字\n六、其他需要报告的事项\n无\x02。\n";
  const char *inputs[] = { page, text };
  const gsize lengths[] = { sizeof page - 1, sizeof text - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (inputs[i], lengths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbReport) report = tb_import_read (data, i == 0 ? "c.html" : "c.txt", NULL,
                                                   NULL, &error);
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(TbReport) again = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (tb_report_get_text (report, "s1"), ==, "正文有字");
      g_assert_cmpstr (tb_report_get_text (report, "s6"), ==, "无。");
      saved = tb_draft_serialize (report);
      again = tb_draft_parse (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                              &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tb_report_get_text (again, "s1"), ==, "正文有字");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-hostile/huge-page", test_huge_page);
  g_test_add_func ("/import-hostile/nested-tables", test_nested_tables);
  g_test_add_func ("/import-hostile/deep-divs", test_deep_divs);
  g_test_add_func ("/import-hostile/huge-spans", test_huge_spans);
  g_test_add_func ("/import-hostile/many-tables", test_many_tables);
  g_test_add_func ("/import-hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/import-hostile/binary", test_binary);
  g_test_add_func ("/import-hostile/controls", test_controls);
  return g_test_run ();
}
