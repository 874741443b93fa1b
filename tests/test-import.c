/* test-import.c: published reports read into reports, cell by cell (src/convert/tb-import*.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fixture of tests/data/import/ (README.md says where each comes from and what it
 * proves) is imported and compared with the draft it must give, loaded with tb_draft_load:
 * every cell (blank and 0 are different), the texts of 一, 五 and 六, the metadata.
 */
#include "config.h"

#include <string.h>

#include "tb-draft.h"
#include "tb-import.h"
#include "tb-import-private.h"
#include "tb-pdf-reader.h"
#include "tb-rules.h"

#include "tb-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static TbReport *
import_fixture (const char             *name,
                const TbImportOptions  *options,
                TbImportLog           **log)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GBytes) data = tb_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  TbReport *report = tb_import_read (data, name, options, log, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static TbReport *
load_draft (const char *path)
{
  g_autoptr(GError) error = NULL;
  TbReport *report = tb_draft_load (path, &error);

  g_assert_no_error (error);
  return report;
}

/* The same cells: the same state, for a value the same value and unit, for unreadable text
 * the same text. */
static void
assert_same_cells (TbReport *got,
                   TbReport *want)
{
  const TbFormat *format = tb_report_get_format (want);

  g_assert_true (tb_report_get_format (got) == format);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellValue *a = tb_report_get_cell (got, i);
      const TbCellValue *b = tb_report_get_cell (want, i);
      const char *id = tb_format_get_cell (format, i)->id;

      if (a->state != b->state)
        g_error ("%s: state %d, expected %d (“%s”, expected “%s”)", id, a->state, b->state,
                 a->text ? a->text : "", b->text ? b->text : "");
      if (a->state == TB_CELL_VALID && (a->value != b->value || g_strcmp0 (a->unit, b->unit)))
        g_error ("%s: %" G_GINT64_FORMAT " %s, expected %" G_GINT64_FORMAT " %s", id,
                 a->value, a->unit ? a->unit : "", b->value, b->unit ? b->unit : "");
      if (a->state == TB_CELL_INVALID)
        g_assert_cmpstr (a->text, ==, b->text);
    }
}

static void
assert_same_texts (TbReport *got,
                   TbReport *want)
{
  const TbFormat *format = tb_report_get_format (want);

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      if (section->type == TB_SECTION_TEXT)
        g_assert_cmpstr (tb_report_get_text (got, section->id), ==,
                         tb_report_get_text (want, section->id));
    }
}

static TbImportCellStatus
status_of (TbImportLog *log,
           TbReport    *report,
           const char  *id)
{
  return g_array_index (log->cells, TbImportCell, tb_test_cell (report, id)).status;
}

static const TbImportCell *
log_cell (TbImportLog *log,
          TbReport    *report,
          const char  *id)
{
  return &g_array_index (log->cells, TbImportCell, tb_test_cell (report, id));
}

/* ------------------------------------------------------------------ the seed sample */

static void
test_sample (void)
{
  g_autofree char *draft = g_build_filename (g_getenv ("TIANBAO_SOURCE_ROOT"), "data",
                                             "samples", "yanchi-audit-2020.tianbao", NULL);
  g_autoptr(TbReport) want = load_draft (draft);
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import_fixture ("yanchi-audit-2020.txt", NULL, &log);

  assert_same_cells (got, want);
  assert_same_texts (got, want);
  g_assert_cmpstr (tb_report_get_agency (got), ==, tb_report_get_agency (want));
  g_assert_cmpint (tb_report_get_year (got), ==, tb_report_get_year (want));
  g_assert_cmpstr (log->format_id, ==, "2019");
  g_assert_true (tb_report_get_manual_totals (got));
  g_assert_cmpuint (tb_import_log_count (log, TB_IMPORT_CELL_UNCERTAIN), ==, 0);
  g_assert_cmpuint (tb_import_log_count (log, TB_IMPORT_CELL_MISSING), ==, 0);
  g_assert_cmpuint (tb_import_log_count (log, TB_IMPORT_CELL_UNREADABLE), ==, 0);
  /* The rows the copy gave 6 values for 7 columns are derived, not read; a row with its 7
   * values is read as it is. */
  g_assert_cmpint (status_of (log, got, "t3.r3_3_1.np"), ==, TB_IMPORT_CELL_DERIVED);
  g_assert_cmpint (status_of (log, got, "t3.r1_new.np"), ==, TB_IMPORT_CELL_READ);
  g_assert_cmpint (status_of (log, got, "t4.after.total"), ==, TB_IMPORT_CELL_DERIVED);
  g_assert_cmpuint (log->texts->len, ==, 3);
}

/* ------------------------------------------------------------------ one report, many sources */

static void
check_2021 (gconstpointer data)
{
  const char *name = data;
  g_autofree char *expected = fixture_path ("expected-2021.tianbao");
  g_autoptr(TbReport) want = load_draft (expected);
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import_fixture (name, NULL, &log);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *text = NULL;

  assert_same_cells (got, want);
  assert_same_texts (got, want);
  g_assert_cmpstr (log->format_id, ==, "2021");
  g_assert_cmpstr (tb_report_get_agency (got), ==, tb_report_get_agency (want));
  g_assert_cmpint (tb_report_get_year (got), ==, tb_report_get_year (want));
  g_assert_cmpuint (tb_import_log_count (log, TB_IMPORT_CELL_READ), ==,
                    tb_format_get_n_cells (tb_report_get_format (got)));
  /* The fixture's report adds up: the check finds nothing wrong. */
  issues = tb_rules_check (got);
  if (!tb_rules_is_ready (issues))
    tb_test_dump_issues (issues);
  g_assert_true (tb_rules_is_ready (issues));
  /* What the page has around the report stays out of it. */
  text = g_strconcat (tb_report_get_text (got, "s1"), tb_report_get_text (got, "s6"), NULL);
  g_assert_null (strstr (text, "主办"));
  g_assert_null (strstr (text, "打印"));
  g_assert_null (strstr (text, "分享"));
  g_assert_null (strstr (text, "脚本"));
}

/* ------------------------------------------------------------------ the labels decide */

static void
test_labels_decide (void)
{
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import_fixture ("labels-2021-year-2020.txt", NULL, &log);
  g_autofree char *expected = fixture_path ("expected-2021.tianbao");
  g_autoptr(TbReport) want = load_draft (expected);
  gboolean noted = FALSE;

  /* A report on 2020 in the 2021 format: the labels decide, and the log says so. */
  g_assert_cmpstr (log->format_id, ==, "2021");
  g_assert_cmpint (tb_report_get_year (got), ==, 2020);
  assert_same_cells (got, want);
  for (guint i = 0; i < log->notes->len; i++)
    noted = noted || strstr (g_ptr_array_index (log->notes, i), "2020") != NULL;
  g_assert_true (noted);
}

static void
test_options (void)
{
  TbImportOptions options = { .year = 2021, .agency = "另一个机关" };
  TbImportOptions bad = { .format_id = "1999" };
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import_fixture ("yanchi-audit-2020.txt", &options, &log);
  g_autofree char *path = fixture_path ("yanchi-audit-2020.txt");
  g_autoptr(GBytes) data = tb_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  TbReport *none;

  g_assert_cmpint (tb_report_get_year (got), ==, 2021);
  g_assert_cmpstr (tb_report_get_agency (got), ==, "另一个机关");
  /* The labels still decide the format. */
  g_assert_cmpstr (log->format_id, ==, "2019");

  none = tb_import_read (data, "x.txt", &bad, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_FORMAT);
}

/* A title on two lines, the agency on the first: every agency, whatever the bytes of its
 * last character (局 ends in 0x80, like “、”). */
static void
test_title_two_lines (void)
{
  static const char *const agencies[] = { "盐池县审计局", "示例县人民政府办公室", "某市公安局" };
  g_autofree char *path = fixture_path ("yanchi-audit-2020.txt");
  g_autofree char *seed = NULL;

  g_assert_true (g_file_get_contents (path, &seed, NULL, NULL));
  g_assert_nonnull (strstr (seed, "盐池县审计局 2020 年政府信息 公开工作报告"));
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_autofree char *title = g_strdup_printf ("%s\n2020年政府信息公开工作年度报告",
                                                agencies[i]);
      g_autoptr(GString) text = g_string_new (seed);
      g_autoptr(GBytes) data = NULL;
      g_autoptr(TbImportLog) log = NULL;
      g_autoptr(TbReport) got = NULL;
      g_autoptr(GError) error = NULL;

      g_string_replace (text, "盐池县审计局 2020 年政府信息 公开工作报告", title, 1);
      data = g_bytes_new (text->str, text->len);
      got = tb_import_read (data, "two-lines.txt", NULL, &log, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tb_report_get_agency (got), ==, agencies[i]);
      g_assert_cmpint (tb_report_get_year (got), ==, 2020);
    }
}

/* ------------------------------------------------------------------ never a silent wrong value */

/* The line of @fixture holding @needle, counted from 1. */
static guint
line_of (const char *fixture,
         const char *needle)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return i + 1;
  g_assert_not_reached ();
  return 0;
}

/* Found by fuzz-import: a number too long for a cell (TB_FIELD_CELL) was kept as the cell's
 * unreadable text, and the draft made from the import did not open again. Now such a text
 * stays out of the cell, and the log says why; a number long only by its leading zeros is
 * read, and written as we write numbers. */
static void
test_cell_too_long (void)
{
  g_autofree char *path = fixture_path ("labels-2021-year-2020.txt");
  g_autofree char *text = NULL;
  g_autofree char *digits = g_strnfill (105, '3');
  g_autofree char *zeros = g_strnfill (100, '0');
  g_autofree char *fees = NULL;
  g_autofree char *row = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) again = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  const TbImportCell *c;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  fees = g_strdup_printf ("共发出收费通知%s件", digits);
  parts = g_strsplit (text, "共发出收费通知215件", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (text);
  text = g_strjoinv (fees, parts);
  g_clear_pointer (&parts, g_strfreev);
  row = g_strdup_printf ("不再处理其政府信息公开申请\t%s202\t", zeros);
  parts = g_strsplit (text, "不再处理其政府信息公开申请\t202\t", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (text);
  text = g_strjoinv (row, parts);

  data = g_bytes_new (text, strlen (text));
  report = tb_import_read (data, "too-long.txt", NULL, &log, &error);
  g_assert_no_error (error);

  c = log_cell (log, report, "s6.fee_notices");
  g_assert_cmpint (c->status, ==, TB_IMPORT_CELL_UNREADABLE);
  g_assert_nonnull (strstr (c->reason, "too long"));
  g_assert_cmpint (tb_report_get_cell (report, c->cell)->state, ==, TB_CELL_EMPTY);
  c = log_cell (log, report, "t3.r3_6_2.np");
  g_assert_cmpint (c->status, ==, TB_IMPORT_CELL_READ);
  g_assert_cmpstr (c->text, ==, "202");

  saved = tb_draft_serialize (report);
  again = tb_draft_parse (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_quirks (void)
{
  static const char *const cols[] = { "np", "biz", "res", "soc", "law", "oth", "tot" };
  static const char *const t4[] = {
    "review.upheld", "review.corrected", "review.other", "review.pending", "review.total",
    "direct.upheld", "direct.total", "after.upheld", "after.total",
  };
  g_autofree char *expected = fixture_path ("expected-quirks-2019.tianbao");
  g_autoptr(TbReport) want = load_draft (expected);
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import_fixture ("quirks-2019.txt", NULL, &log);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  const TbImportCell *c;

  assert_same_cells (got, want);
  assert_same_texts (got, want);
  g_assert_cmpstr (log->format_id, ==, "2019");
  g_assert_cmpint (tb_report_get_year (got), ==, 2020);
  g_assert_cmpstr (tb_report_get_agency (got), ==, "示例县审计局");

  /* A placeholder is kept as unreadable text, and named with its place. */
  c = log_cell (log, got, "t2.reg.made");
  g_assert_cmpint (c->status, ==, TB_IMPORT_CELL_UNREADABLE);
  g_assert_cmpstr (c->text, ==, "/");
  g_assert_cmpuint (c->pos.line, ==, line_of ("quirks-2019.txt", "规章\t/"));
  g_assert_cmpint (status_of (log, got, "t2.penalty.decisions"), ==, TB_IMPORT_CELL_UNREADABLE);
  /* A blank cell stays blank, not 0. */
  g_assert_cmpint (status_of (log, got, "t2.norm.published"), ==, TB_IMPORT_CELL_BLANK);
  g_assert_cmpint (tb_report_get_cell (got, tb_test_cell (got, "t2.norm.published"))->state, ==,
                   TB_CELL_EMPTY);
  /* Numbers run together are not split. */
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      g_autofree char *id = g_strdup_printf ("t3.r1_new.%s", cols[i]);

      c = log_cell (log, got, id);
      g_assert_cmpint (c->status, ==, TB_IMPORT_CELL_UNCERTAIN);
      g_assert_nonnull (strstr (c->reason, "3100204"));
      g_assert_cmpuint (c->pos.line, ==, line_of ("quirks-2019.txt", "3100204"));
    }
  /* A row with a value missing that the arithmetic cannot settle: empty, listed. */
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      g_autofree char *open = g_strdup_printf ("t3.r3_1_open.%s", cols[i]);
      g_autofree char *total = g_strdup_printf ("t3.r3_7_total.%s", cols[i]);

      g_assert_cmpint (status_of (log, got, open), ==, TB_IMPORT_CELL_UNCERTAIN);
      g_assert_cmpint (status_of (log, got, total), ==, TB_IMPORT_CELL_UNCERTAIN);
    }
  for (guint i = 0; i < G_N_ELEMENTS (t4); i++)
    {
      g_autofree char *id = g_strconcat ("t4.", t4[i], NULL);

      g_assert_cmpint (status_of (log, got, id), ==, TB_IMPORT_CELL_UNCERTAIN);
    }
  /* A row of 6 zeros for 7 columns, and one of 8: every reading gives 0. */
  g_assert_cmpint (status_of (log, got, "t3.r3_3_1.tot"), ==, TB_IMPORT_CELL_DERIVED);
  g_assert_cmpint (status_of (log, got, "t3.r3_3_2.tot"), ==, TB_IMPORT_CELL_READ);

  /* The log names the cells for people, with the official labels. */
  text = tb_import_log_format (log);
  g_assert_nonnull (strstr (text, "规章 本年新制作数量"));
  g_assert_nonnull (strstr (text, "3100204"));
  g_assert_nonnull (strstr (text, "（一）予以公开"));
  /* And the check sees what is missing. */
  issues = tb_rules_check (got);
  g_assert_false (tb_rules_is_ready (issues));
}

/* A wrong published total is imported as published, and the check finds it. */
static void
test_published_total_kept (void)
{
  g_autofree char *path = fixture_path ("web-copy-2021-utf16.txt");
  g_autoptr(GBytes) data = tb_test_read_bytes (path);
  g_autoptr(TbSource) source = tb_import_read_source (data, "x", NULL);
  g_autoptr(TbReport) got = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  TbSourceCell *cell = NULL;

  g_assert_nonnull (source);
  /* 14069 becomes 14070 in the 总计 of 一、本年新收. */
  for (guint b = 0; b < source->blocks->len && cell == NULL; b++)
    {
      TbSourceBlock *block = g_ptr_array_index (source->blocks, b);

      for (guint i = 0; block->kind == TB_BLOCK_TABLE && i < block->cells->len; i++)
        if (g_str_equal (((TbSourceCell *) g_ptr_array_index (block->cells, i))->text, "14069"))
          cell = g_ptr_array_index (block->cells, i);
    }
  g_assert_nonnull (cell);
  g_free (cell->text);
  cell->text = g_strdup ("14070");
  got = tb_import_source (source, "x", NULL, NULL, NULL);
  g_assert_cmpint (tb_test_get (got, "t3.r1_new.tot"), ==, 14070);
  issues = tb_rules_check (got);
  g_assert_nonnull (tb_test_find_issue (issues, "T3-3:r1_new"));
}

/* A table whose data rows do not line up with its header (a CMS's colspans): read by the
 * header's order, a blank cell kept blank. */
static void
test_misaligned_html (void)
{
  const char *page =
    "<html><body><p>某县审计局2020年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p>"
    "<table border=\"1\"><tr><td colspan=\"5\">第二十条第（一）项</td></tr>"
    "<tr><td>信息内容</td><td>本年新<br/>制作数量</td><td colspan=\"2\">本年新<br/>公开数量</td>"
    "<td>对外公开总数量</td></tr>"
    "<tr><td>规章</td><td>1</td><td colspan=\"2\">2</td><td>30</td></tr>"
    "<tr><td colspan=\"5\">第二十条第（五）项</td></tr>"
    "<tr><td>信息内容</td><td>上一年项目数量</td><td colspan=\"2\">本年增/减</td>"
    "<td>处理决定数量</td></tr>"
    "<tr><td>行政许可</td><td colspan=\"2\">7</td><td>-1</td><td>9</td></tr>"
    "<tr><td>其他对外管理服务事项</td><td colspan=\"2\">&nbsp;</td><td>0</td><td>0</td></tr>"
    "</table></body></html>";
  g_autoptr(GBytes) data = g_bytes_new_static (page, strlen (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = tb_import_read (data, "misaligned.html", NULL, &log, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (log->format_id, ==, "2019");
  g_assert_cmpint (tb_test_get (got, "t2.reg.made"), ==, 1);
  g_assert_cmpint (tb_test_get (got, "t2.reg.published"), ==, 2);
  g_assert_cmpint (tb_test_get (got, "t2.reg.total"), ==, 30);
  g_assert_cmpint (tb_test_get (got, "t2.licence.previous"), ==, 7);
  g_assert_cmpint (tb_test_get (got, "t2.licence.change"), ==, -1);
  g_assert_cmpint (tb_test_get (got, "t2.licence.decisions"), ==, 9);
  g_assert_cmpint (status_of (log, got, "t2.service.previous"), ==, TB_IMPORT_CELL_BLANK);
  g_assert_cmpint (tb_test_state (got, "t2.service.previous"), ==, TB_CELL_EMPTY);
  g_assert_cmpint (tb_test_get (got, "t2.service.decisions"), ==, 0);
  /* Tables not in the page are named as such. */
  g_assert_cmpint (status_of (log, got, "t3.r1_new.np"), ==, TB_IMPORT_CELL_MISSING);
  g_assert_true (strstr (log->format_reason, "\n") == NULL);
}

/* ------------------------------------------------------------------ kinds and refusals */

static GBytes *
bytes_of (const char *text,
          gssize      len)
{
  return g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
}

static void
test_sniff (void)
{
  g_autoptr(GBytes) html = bytes_of ("\xEF\xBB\xBF  <!DOCTYPE html><html><body></body></html>", -1);
  g_autoptr(GBytes) pdf = bytes_of ("%PDF-1.7\n%\xE2\xE3\n", -1);
  g_autoptr(GBytes) zip = bytes_of ("PK\003\004\024\000", 6);
  g_autoptr(GBytes) text = bytes_of ("一、总体情况\n", -1);
  g_autoptr(GBytes) binary = bytes_of ("\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00", 12);
  g_autoptr(GBytes) empty = bytes_of ("", 0);
  g_autoptr(GBytes) prose = bytes_of ("从前有座山，山里有座庙。\n庙里有个老和尚。\n", -1);
  g_autoptr(GError) error = NULL;
  TbSource *source;
  TbReport *report;

  g_assert_cmpint (tb_import_sniff (html), ==, TB_SOURCE_HTML);
  g_assert_cmpint (tb_import_sniff (pdf), ==, TB_SOURCE_PDF);
  g_assert_cmpint (tb_import_sniff (zip), ==, TB_SOURCE_DOCX);
  g_assert_cmpint (tb_import_sniff (text), ==, TB_SOURCE_TEXT);

  /* By content, not name: a page named .txt is read as a page. */
  source = tb_import_read_source (html, "report.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpint (source->kind, ==, TB_SOURCE_HTML);
  tb_source_free (source);

  source = tb_import_read_source (binary, "a.out", &error);
  g_assert_null (source);
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "a.out"));
  g_clear_error (&error);

  source = tb_import_read_source (empty, "empty.html", &error);
  g_assert_null (source);
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_EMPTY);
  g_clear_error (&error);

  /* The PDF reader reads PDFs: this one is only a header. */
  source = tb_import_read_source (pdf, "r.pdf", &error);
  g_assert_null (source);
  g_assert_error (error, TB_PDF_ERROR, TB_PDF_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "r.pdf: "));
  g_clear_error (&error);

  report = tb_import_read (prose, "story.txt", NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_NOT_A_REPORT);
}

/* ------------------------------------------------------------------ vocabulary */

static void
test_vocab (void)
{
  static const char *const same[][2] = {
    { "（一）予以公开", "(一) 予以公开" },
    { "１．属于国家秘密", "1.属于国家秘密" },
    { "三、本年度办理结果", "三 、本年度办理结果" },
    { "3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"" },
    { "本年增/减", "本年增／减" },
  };
  g_autoptr(GPtrArray) formats = tb_format_list ();

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = tb_vocab_normalize (same[i][0]);
      g_autofree char *b = tb_vocab_normalize (same[i][1]);

      g_assert_cmpstr (a, ==, b);
    }
  for (guint f = 0; f < formats->len; f++)
    {
      TbVocab *vocab = tb_vocab_new (g_ptr_array_index (formats, f));
      TbMatch match;
      gboolean ambiguous;
      const TbVocabRow *row;

      /* Every variant in the format data names a label of its format. */
      g_assert_cmpuint (tb_vocab_get_unknown_variants (vocab)->len, ==, 0);
      /* The variants of FORMAT.md B.4. */
      row = tb_vocab_match_row (vocab, "2.其他法律法规规章禁止公开", -1, &match, &ambiguous);
      g_assert_nonnull (row);
      g_assert_cmpstr (row->label, ==, "2.其他法律行政法规禁止公开");
      g_assert_cmpint (match, ==, TB_MATCH_EXACT);
      g_assert_cmpint (tb_vocab_match_column_label (vocab, 1, "商业机构"), ==, TB_MATCH_EXACT);
      g_assert_cmpint (tb_vocab_match_column_label (vocab, 1, "法律服务"), ==, TB_MATCH_EXACT);
      /* A heading variant, and a mis-numbered heading still named by its title. */
      g_assert_cmpint (tb_vocab_match_heading (vocab, "四、政府信息公开行政复议及行政诉讼情况"), ==, 3);
      g_assert_cmpint (tb_vocab_match_heading (vocab, "七、其他需要报告的事项"), ==, 5);
      g_assert_cmpint (tb_vocab_match_heading (vocab, "（一）主动公开"), ==, -1);
      tb_vocab_free (vocab);
    }
}

int
main (int    argc,
      char **argv)
{
  static const char *const sources_2021[] = {
    "portal-2021.html", "portal-2021-gbk.html", "portal-2021-gbk-undeclared.html",
    "converted-2021.md", "pdf-copy-2021.txt", "web-copy-2021-utf16.txt",
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/import/sample", test_sample);
  for (guint i = 0; i < G_N_ELEMENTS (sources_2021); i++)
    {
      g_autofree char *path = g_strconcat ("/import/2021/", sources_2021[i], NULL);

      g_test_add_data_func (path, sources_2021[i], check_2021);
    }
  g_test_add_func ("/import/labels-decide", test_labels_decide);
  g_test_add_func ("/import/options", test_options);
  g_test_add_func ("/import/title-two-lines", test_title_two_lines);
  g_test_add_func ("/import/quirks", test_quirks);
  g_test_add_func ("/import/cell-too-long", test_cell_too_long);
  g_test_add_func ("/import/published-total-kept", test_published_total_kept);
  g_test_add_func ("/import/misaligned-html", test_misaligned_html);
  g_test_add_func ("/import/sniff", test_sniff);
  g_test_add_func ("/import/vocab", test_vocab);
  return g_test_run ();
}
