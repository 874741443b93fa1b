/* test-pdf.c: the PDF export of whole reports, checked with poppler tools
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDFs are checked the way a reader sees them: pdftotext (every heading, label and
 * number, in order), pdffonts (only embedded fonts) and pdfinfo (pages, title, author); the
 * draft line, the sign-off, a table broken across pages, write errors and tianbao-cli
 * export-pdf. Every glyph's ink is test-pdf-ink.c, the longest paragraphs
 * test-pdf-long-paragraph.c.
 */

#define G_LOG_DOMAIN "test-pdf"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "tb-draft.h"
#include "tb-pdf.h"
#include "tb-readiness.h"
#include "tb-rules.h"
#include "tb-value.h"

#include "tb-test-pdf.h"
#include "tb-test-util.h"

/* Page counts checked by eye on the rendered pages (see the report of the PDF work). */
#define FULL_2021_PAGES   5
#define SAMPLE_2020_PAGES 6

/* ---- Tools ------------------------------------------------------------------------------ */

static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *raw = tb_test_pdf_raw_text (path, page);
  g_auto(GStrv) lines = g_strsplit (raw, "\n", -1);
  GString *text = g_string_new (NULL);

  /* Drop the page furniture (page numbers, draft line) that interrupts a paragraph
   * continued on the next page; keep form feeds between pages. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean ff = line[0] == '\f';

      if (ff)
        g_string_append_c (text, '\f');
      line += ff;
      if (g_regex_match_simple ("^— [0-9]+ —$", line, 0, 0) || g_str_has_prefix (line, "草稿："))
        continue;
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_digitish (char c)
{
  return g_ascii_isdigit (c) || c == '.';
}

/* Finds @needle in @hay from @pos on. Labels may be wrapped, so white space in @hay is
 * skipped between the characters of @needle (and @needle's own spaces are ignored);
 * numbers must stand alone. Returns the offset after the match, or -1. */
static gssize
find_from (const char *hay,
           gsize       pos,
           const char *needle)
{
  gboolean number = needle[0] != '\0' && strspn (needle, "0123456789.-元") == strlen (needle);
  gsize hay_len = strlen (hay);

  for (gsize start = pos; start < hay_len; start++)
    {
      const char *h = hay + start;
      const char *n = needle;

      if (number && start > 0 && is_digitish (hay[start - 1]))
        continue;
      while (*n != '\0' && *h != '\0')
        {
          if (*n == ' ')
            {
              n++;
              continue;
            }
          if (!number && h != hay + start && g_ascii_isspace (*h))
            {
              h++;
              continue;
            }
          if (*h != *n)
            break;
          h++;
          n++;
        }
      while (*n == ' ')
        n++;
      if (*n == '\0' && !(number && is_digitish (*h)))
        return h - hay;
    }
  return -1;
}

/* Asserts that every string of @expected occurs in @text in this order. */
static void
assert_in_order (const char *text,
                 GPtrArray  *expected)
{
  gsize pos = 0;

  for (guint i = 0; i < expected->len; i++)
    {
      const char *needle = g_ptr_array_index (expected, i);
      gssize end = find_from (text, pos, needle);

      if (end < 0)
        {
          g_autofree char *context = g_strndup (text + pos, MIN (strlen (text + pos), 300));

          g_error ("\"%s\" (item %u) not found in order; text from there: %s", needle, i,
                   context);
        }
      pos = end;
    }
}

/* What a reader must find, in reading order: title, preface, headings, paragraphs, every
 * table label and value in grid order. */
static GPtrArray *
expected_strings (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *period = g_strdup_printf ("本报告中所列数据的统计期限为%d年1月1日至12月31日。",
                                             tb_report_get_year (report));

  g_ptr_array_add (out, tb_report_dup_title (report));
  g_ptr_array_add (out, g_strdup ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条的规定"));
  g_ptr_array_add (out, g_steal_pointer (&period));

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);

      g_ptr_array_add (out, g_strdup (section->heading));
      if (section->type == TB_SECTION_TABLE)
        {
          const TbTableSpec *t = section->table;

          for (guint i = 0; i < t->n_items; i++)
            {
              const TbGridItem *it = &t->items[i];

              if (it->kind == TB_GRID_LABEL)
                g_ptr_array_add (out, g_strdup (it->text));
              else
                {
                  char *text = tb_report_dup_cell_text (report, it->cell);

                  g_assert_nonnull (text);
                  g_ptr_array_add (out, text);
                }
            }
        }
      else
        {
          g_auto(GStrv) paras = g_strsplit (tb_report_get_text (report, section->id), "\n", -1);

          for (guint i = 0; paras[i] != NULL; i++)
            {
              GString *p = g_string_new (g_strstrip (paras[i]));

              /* The exporter prints the marker (一) as （一）. */
              if (p->str[0] == '(')
                {
                  const char *close = strchr (p->str, ')');

                  g_assert_nonnull (close);
                  g_string_erase (p, close - p->str, 1 + strspn (close + 1, " "));
                  g_string_insert (p, close - p->str, "）");
                  g_string_erase (p, 0, 1);
                  g_string_prepend (p, "（");
                }
              if (p->len > 0)
                g_ptr_array_add (out, g_string_free (p, FALSE));
              else
                g_string_free (p, TRUE);
            }
        }
    }
  return out;
}

static void
assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = tb_test_run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  /* name type encoding emb sub uni object ID: after the two header lines. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *cols[16];
      guint n = 0;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      /* drop the empty fields that the column padding produces */
      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (cols); j++)
        if (*fields[j] != '\0')
          cols[n++] = fields[j];
      g_assert_cmpuint (n, >=, 7);
      g_test_message ("font: %s", lines[i]);
      g_assert_cmpstr (cols[n - 5], ==, "yes");   /* emb */
      g_assert_cmpstr (cols[n - 4], ==, "yes");   /* sub */
      /* Only the faces of the roles' free fallbacks (tb_fonts_get_fallback_families()):
       * Noto CJK, and LXGW WenKai or AR PL UKai for the （一） Kai headings. */
      g_assert_true (strstr (cols[0], "CJK") != NULL || strstr (cols[0], "UKai") != NULL ||
                     strstr (cols[0], "WenKai") != NULL);
      fonts++;
    }
  g_assert_cmpuint (fonts, >=, 2);
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void
check_report_pdf (TbReport *report,
                  guint     expected_pages)
{
  g_autoptr(TbTestPdf) tmp = tb_test_export_pdf (report, NULL);
  g_autofree char *text = pdf_text (tmp->path, 0);
  g_autoptr(GPtrArray) expected = expected_strings (report);
  g_autoptr(TbLayout) layout = tb_layout_new (report, NULL);
  guint pages = tb_test_pdf_pages (tmp->path);

  g_test_message ("%s: %u pages", tmp->path, pages);
  g_assert_cmpuint (pages, ==, tb_layout_get_n_pages (layout));
  if (expected_pages > 0)
    g_assert_cmpuint (pages, ==, expected_pages);
  assert_in_order (text, expected);
  assert_fonts_embedded (tmp->path);
  /* No draft line unless asked for; page numbers "— N —" on every page. */
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *raw = tb_test_pdf_raw_text (tmp->path, p);
      g_autofree char *number = g_strdup_printf ("\n— %u —\n", p);

      g_assert_null (strstr (raw, "草稿"));
      g_assert_nonnull (strstr (raw, number));
    }
}

static void
test_full_2021 (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();

  check_report_pdf (report, FULL_2021_PAGES);
}

static void
test_sample_2020 (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();

  check_report_pdf (report, SAMPLE_2020_PAGES);
}

/* The sample shipped in data/samples, once it exists. */
static void
test_sample_file (void)
{
  const char *root = g_getenv ("TIANBAO_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    {
      g_test_skip ("TIANBAO_SOURCE_ROOT not set");
      return;
    }
  path = g_build_filename (root, "data", "samples", "yanchi-audit-2020.tianbao", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/yanchi-audit-2020.tianbao does not exist yet");
      return;
    }
  report = tb_draft_load (path, &error);
  g_assert_no_error (error);
  check_report_pdf (report, 0);
}

static void
test_deterministic (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GError) error = NULL;
  TbLayoutOptions options = { .sign_off = TRUE, .draft_issues = 3 };

  a = tb_pdf_render (report, &options, &error);
  g_assert_no_error (error);
  b = tb_pdf_render (report, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));
  /* The dates come from the report's modified time, not the clock. */
  g_assert_nonnull (memmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                           "/CreationDate (20220120083000Z)", 31));

  /* A change to the report changes the document. */
  tb_report_set_modified_time (report, "2022-01-21T08:30:00Z");
  g_clear_pointer (&b, g_bytes_unref);
  b = tb_pdf_render (report, &options, &error);
  g_assert_false (g_bytes_equal (a, b));
}

static void
test_metadata (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbTestPdf) tmp = tb_test_export_pdf (report, NULL);
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", tmp->path, NULL };
  g_autofree char *info = tb_test_run_tool (argv);

  g_assert_true (g_regex_match_simple ("^Title: +示例县审计局2021年政府信息公开工作年度报告$",
                                       info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Author: +示例县审计局$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^CreationDate: +Thu Jan 20 08:30:00 2022 UTC$", info,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +595.276 x 841.89 pts \\(A4\\)$", info,
                                       G_REGEX_MULTILINE, 0));
}

static void
test_draft (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbReport) empty = tb_report_new (tb_format_get ("2021"));
  TbLayoutOptions options = { .draft_issues = 0 };
  g_autoptr(TbTestPdf) tmp = NULL;
  guint pages;

  /* An empty report is not ready: errors + incomplete issues. */
  g_assert_cmpuint (tb_readiness_count_blocking_issues (empty), >, 0);

  /* One error: break T4-1. */
  tb_test_set_value (report, "t4.review.total", tb_test_get (report, "t4.review.total") + 1);
  options.draft_issues = tb_readiness_count_blocking_issues (report);
  g_assert_cmpuint (options.draft_issues, ==, 1);

  tmp = tb_test_export_pdf (report, &options);
  pages = tb_test_pdf_pages (tmp->path);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = tb_test_pdf_raw_text (tmp->path, p);

      g_assert_true (g_str_has_prefix (text, "草稿：尚有 1 处校验错误\n"));
    }
}

static void
test_sign_off (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  TbLayoutOptions options = { .sign_off = TRUE };
  g_autoptr(TbTestPdf) with = tb_test_export_pdf (report, &options);
  g_autoptr(TbTestPdf) without = tb_test_export_pdf (report, NULL);
  g_autofree char *text = pdf_text (with->path, 0);
  g_autofree char *plain = pdf_text (without->path, 0);
  const char *last_section = strstr (text, tb_report_get_text (report, "s6"));

  g_assert_nonnull (last_section);
  /* Agency, then the date without leading zeros, after the last section. */
  g_assert_cmpint (find_from (text, last_section - text, "示例县审计局"), >, 0);
  g_assert_nonnull (strstr (last_section, "示例县审计局\n2022年1月20日"));
  g_assert_null (strstr (plain, "2022年1月20日"));
}

/* Table 三 of the full report breaks across pages: its header is repeated and the
 * 三、本年度办理结果 cell, which spans the break, is drawn on both pages. */
static void
test_table_break (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbTestPdf) tmp = tb_test_export_pdf (report, NULL);
  guint pages = tb_test_pdf_pages (tmp->path);
  guint with_header = 0, with_block = 0;

  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = pdf_text (tmp->path, p);

      with_header += find_from (text, 0, "申请人情况") >= 0;
      with_block += find_from (text, 0, "三、本年度办理结果") >= 0;
    }
  g_assert_cmpuint (with_header, ==, 2);
  g_assert_cmpuint (with_block, ==, 2);
}

static void
test_write_errors (void)
{
  g_autoptr(TbReport) report = tb_test_make_sample_2020 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTestPdf) tmp = tb_test_export_pdf (report, NULL);
  g_autofree char *bad = g_build_filename (tmp->dir, "missing", "out.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  TbLayoutOptions options = { .draft_issues = 5 };

  g_assert_false (tb_pdf_export (report, NULL, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Overwriting an export replaces it whole. */
  g_assert_true (g_file_get_contents (tmp->path, &before, &before_len, NULL));
  g_assert_true (tb_pdf_export (report, &options, tmp->path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tmp->path, &after, &after_len, NULL));
  g_assert_true (g_str_has_prefix (after, "%PDF-1.5"));
  g_assert_false (before_len == after_len && memcmp (before, after, after_len) == 0);
}

/* tianbao-cli export-pdf: refuses an unfinished report unless --draft, writes FILE.pdf by
 * default, adds the sign-off on request. */
static int
run_cli (const char *const *args,
         char              **err_out)
{
  const char *cli = g_getenv ("TIANBAO_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* Untranslated messages, whatever the environment says. */
  env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, env, 0, NULL, NULL, &out, err_out, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbReport) unfinished = tb_test_make_full_2021 ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ready = NULL, *ready_pdf = NULL, *draft = NULL, *draft_pdf = NULL;
  g_autofree char *err = NULL;
  guint issues;

  if (g_getenv ("TIANBAO_CLI") == NULL)
    {
      g_test_skip ("TIANBAO_CLI not set");
      return;
    }
  dir = g_dir_make_tmp ("test-pdf-cli-XXXXXX", &error);
  g_assert_no_error (error);
  ready = g_build_filename (dir, "ready.tianbao", NULL);
  ready_pdf = g_build_filename (dir, "ready.pdf", NULL);
  draft = g_build_filename (dir, "draft.tianbao", NULL);
  draft_pdf = g_build_filename (dir, "out.pdf", NULL);
  g_assert_true (tb_draft_save (report, ready, &error));
  tb_report_clear_cell (unfinished, tb_test_cell (unfinished, "t4.after.other"));
  issues = tb_readiness_count_blocking_issues (unfinished);
  g_assert_cmpuint (issues, >=, 1);
  g_assert_true (tb_draft_save (unfinished, draft, &error));
  g_assert_no_error (error);

  {
    const char *args[] = { "export-pdf", ready, "--sign-off", NULL };
    g_autofree char *text = NULL;

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    g_assert_cmpuint (tb_test_pdf_pages (ready_pdf), ==, FULL_2021_PAGES);
    text = pdf_text (ready_pdf, 0);
    g_assert_nonnull (strstr (text, "示例县审计局\n2022年1月20日"));
  }
  {
    const char *args[] = { "export-pdf", draft, "-o", draft_pdf, NULL };
    g_autofree char *count = g_strdup_printf (" %u ", issues);

    g_assert_cmpint (run_cli (args, &err), ==, 1);
    g_assert_nonnull (strstr (err, count));
    g_assert_false (g_file_test (draft_pdf, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "export-pdf", draft, "-o", draft_pdf, "--draft", NULL };
    g_autofree char *raw = NULL;
    g_autofree char *line = g_strdup_printf ("草稿：尚有 %u 处校验错误\n", issues);

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    raw = tb_test_pdf_raw_text (draft_pdf, 1);
    g_assert_true (g_str_has_prefix (raw, line));
  }
  {
    const char *args[] = { "export-pdf", ready, "-o", ready, NULL };
    g_autofree char *usage = NULL;

    g_assert_cmpint (run_cli (args, &usage), ==, 2);
    g_assert_nonnull (strstr (usage, "overwrite"));
  }

  g_unlink (ready);
  g_unlink (ready_pdf);
  g_unlink (draft);
  g_unlink (draft_pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/full-2021", test_full_2021);
  g_test_add_func ("/pdf/sample-2020", test_sample_2020);
  g_test_add_func ("/pdf/sample-file", test_sample_file);
  g_test_add_func ("/pdf/deterministic", test_deterministic);
  g_test_add_func ("/pdf/metadata", test_metadata);
  g_test_add_func ("/pdf/draft", test_draft);
  g_test_add_func ("/pdf/sign-off", test_sign_off);
  g_test_add_func ("/pdf/table-break", test_table_break);
  g_test_add_func ("/pdf/write-errors", test_write_errors);
  g_test_add_func ("/pdf/cli", test_cli);

  return g_test_run ();
}
