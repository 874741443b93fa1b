/* test-import-docpdf.c: Word and PDF reports imported into drafts, end to end
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures of tests/data/import/ (build-aux/make-import-fixtures) are reports laid
 * out from a draft and saved by LibreOffice as Word and PDF. Imported with tb_import_read(),
 * each must give back its draft: format, year, agency, every cell (blank where the draft's
 * is blank) and the texts of 一, 五 and 六. The PDF without ruling lines may leave cells
 * unread, but only listed ones, and never a wrong value.
 * The sample draft (data/samples) exported as tianbao-cli export-html, export-html --fragment
 * and export-docx write it, then imported with nothing told (format, year and agency found
 * in the document), gives back its cells and texts.
 */
#include "config.h"

#include <string.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-format.h"
#include "tb-html-writer.h"
#include "tb-import.h"
#include "tb-pdf.h"
#include "tb-test-import.h"
#include "tb-test-util.h"

static TbReport *
import (const char   *file,
        TbImportLog **log)
{
  g_autoptr(GBytes) data = tb_test_fixture_bytes (file);
  g_autoptr(GError) error = NULL;
  TbReport *report = tb_import_read (data, file, NULL, log, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* @text without white space; with @compat, also with the compatibility forms of
 * characters folded (NFKC: "（一）" and "(一)" are the same). */
static char *
without_spaces (const char *text,
                gboolean    compat)
{
  GString *out = g_string_new (NULL);
  g_autofree char *folded = g_utf8_normalize (text, -1, compat ? G_NORMALIZE_ALL_COMPOSE
                                                               : G_NORMALIZE_DEFAULT_COMPOSE);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

typedef enum
{
  TEXT_EXACT,        /* Word: the text as typed */
  TEXT_NO_SPACES,    /* PDF: a typed space cannot be told from a word processor's gap */
  TEXT_FOLDED,       /* Tianbao's own exports print half-width brackets full-width */
} TextMatch;

/* The text of section @section as published: the sentence of its fields (section 六's
 * fees, as the layout prints it and the importer keeps it), then the draft's text. */
static char *
published_text (TbReport            *report,
                const TbSectionSpec *section)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = NULL;
  g_autofree char *year = g_strdup_printf ("%d", tb_report_get_year (report));

  if (section->sentence == NULL || section->n_fields == 0)
    return g_strdup (tb_report_get_text (report, section->id));
  s = g_string_new (section->sentence);
  g_string_replace (s, "{year}", year, 0);
  for (guint i = 0; i < section->n_fields; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, section->fields[i]);
      g_autofree char *key = g_strdup_printf ("{%s}", spec->id);
      g_autofree char *value = tb_report_dup_cell_text (report, section->fields[i]);

      g_assert_nonnull (value);
      g_string_replace (s, key, value, 0);
    }
  g_string_append_printf (s, "\n%s", tb_report_get_text (report, section->id));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* @got, imported from @file with @log, is @want; its texts compared as @match says. */
static void
assert_imported (const char  *file,
                 TbReport    *got,
                 TbImportLog *log,
                 TbReport    *want,
                 TextMatch    match)
{
  const TbFormat *format = tb_report_get_format (want);
  guint n_blank = 0;

  g_assert_true (tb_report_get_format (got) == format);
  g_assert_cmpint (tb_report_get_year (got), ==, tb_report_get_year (want));
  g_assert_cmpstr (tb_report_get_agency (got), ==, tb_report_get_agency (want));

  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *a = tb_report_dup_cell_text (got, i);
      g_autofree char *b = tb_report_dup_cell_text (want, i);

      if (g_strcmp0 (a, b) != 0)
        g_error ("%s: %s is %s, not %s", file, tb_format_get_cell (format, i)->id,
                 a ? a : "blank", b ? b : "blank");
      n_blank += b == NULL;
    }
  /* Every cell read as it is; the blank ones blank, and named. */
  g_assert_cmpuint (tb_import_log_count (log, TB_IMPORT_CELL_BLANK), ==, n_blank);
  g_assert_cmpuint (tb_import_log_count (log, TB_IMPORT_CELL_READ), ==,
                    tb_format_get_n_cells (format) - n_blank);

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);
      g_autofree char *expected = NULL;

      if (section->type != TB_SECTION_TEXT)
        continue;
      expected = published_text (want, section);
      if (match != TEXT_EXACT)
        {
          g_autofree char *a = without_spaces (tb_report_get_text (got, section->id),
                                               match == TEXT_FOLDED);
          g_autofree char *b = without_spaces (expected, match == TEXT_FOLDED);

          g_assert_cmpstr (a, ==, b);
        }
      else
        g_assert_cmpstr (tb_report_get_text (got, section->id), ==, expected);
    }
}

static void
test_import (gconstpointer data)
{
  const char *file = data;
  g_autofree char *name = g_strndup (file, strrchr (file, '.') - file);
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import (file, &log);
  g_autoptr(TbReport) want = tb_test_fixture_report (name);

  gboolean pdf = g_str_has_suffix (file, ".pdf");

  g_assert_cmpint (log->kind, ==, pdf ? TB_SOURCE_PDF : TB_SOURCE_DOCX);
  assert_imported (file, got, log, want, pdf ? TEXT_NO_SPACES : TEXT_EXACT);
}

/* Tianbao's own Word and PDF exports (tb-docx-writer, the cairo renderer) import back; so
 * does a Word draft with its sign-off (tianbao-cli export-docx --draft --sign-off, or the
 * app's Export → Word Document of a report not ready): the draft mark and the 落款 are not
 * taken for content, the cell left blank comes back blank. */
static void
test_round_trip (gconstpointer data)
{
  const char *what = data;
  gboolean pdf = g_str_has_suffix (what, "pdf");
  gboolean draft = strstr (what, "draft") != NULL;
  g_autoptr(TbReport) want = g_str_has_prefix (what, "2019") ? tb_test_make_sample_2020 ()
                                                             : tb_test_make_full_2021 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data_out = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = NULL;

  if (draft)
    tb_report_clear_cell (want, tb_format_find_cell (tb_report_get_format (want),
                                                     "t3.r3_1_open.np")->index);
  data_out = pdf ? tb_pdf_render (want, NULL, &error)
                 : tb_docx_write (want, draft ? TB_DOCX_DRAFT | TB_DOCX_SIGN_OFF
                                              : TB_DOCX_DEFAULT, &error);
  g_assert_no_error (error);
  got = tb_import_read (data_out, what, NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_cmpint (log->kind, ==, pdf ? TB_SOURCE_PDF : TB_SOURCE_DOCX);
  assert_imported (what, got, log, want, TEXT_FOLDED);
}

/* The sample draft as the three publishing exports write it (the very writers of
 * tianbao-cli export-html [--fragment] and export-docx, and of the app's Export menu): the
 * importer, told nothing, finds the format, the year and the agency (from the title) and
 * every cell and text of the draft. */
static void
test_sample_export (gconstpointer data)
{
  const char *what = data;
  const char *root = g_getenv ("TIANBAO_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) want = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = NULL;
  g_autofree char *name = NULL;
  gboolean docx = g_str_equal (what, "docx");

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "samples", "yanchi-audit-2020.tianbao", NULL);
  want = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tb_report_get_agency (want));
  if (docx)
    out = tb_docx_write (want, TB_DOCX_DEFAULT, &error);
  else
    out = tb_html_write (want, g_str_equal (what, "fragment") ? TB_HTML_FRAGMENT
                                                              : TB_HTML_DEFAULT);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  name = g_strdup_printf ("yanchi-audit-2020.%s", docx ? "docx" : "html");
  got = tb_import_read (out, name, NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpint (log->kind, ==, docx ? TB_SOURCE_DOCX : TB_SOURCE_HTML);
  g_assert_cmpstr (log->agency, ==, tb_report_get_agency (want));
  assert_imported (name, got, log, want, TEXT_FOLDED);
}

/* Without ruling lines, what is read is right; the rest is listed, not guessed. */
static void
test_no_rulings (void)
{
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) got = import ("qingyuan-2021-noborder.pdf", &log);
  g_autoptr(TbReport) want = tb_test_fixture_report ("qingyuan-2021");
  const TbFormat *format = tb_report_get_format (want);
  guint n_read = 0, n_listed = 0;

  for (guint i = 0; i < log->cells->len; i++)
    {
      TbImportCell *cell = &g_array_index (log->cells, TbImportCell, i);
      g_autofree char *a = tb_report_dup_cell_text (got, cell->cell);
      g_autofree char *b = tb_report_dup_cell_text (want, cell->cell);

      if (a != NULL)
        {
          g_assert_cmpstr (a, ==, b);
          n_read++;
        }
      else
        {
          g_assert_cmpint (cell->status, !=, TB_IMPORT_CELL_READ);
          n_listed++;
        }
    }
  g_assert_cmpuint (n_read + n_listed, ==, tb_format_get_n_cells (format));
  /* Tables 二 and 三 are read whole. */
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);
      g_autofree char *a = tb_report_dup_cell_text (got, i);

      if (g_str_equal (spec->table_id, "t2") || g_str_equal (spec->table_id, "t3"))
        g_assert_nonnull (a);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/import-docpdf/docx/2019-format", "yanchi-2020.docx", test_import);
  g_test_add_data_func ("/import-docpdf/docx/2021-format", "qingyuan-2021.docx", test_import);
  g_test_add_data_func ("/import-docpdf/pdf/2019-format", "yanchi-2020.pdf", test_import);
  g_test_add_data_func ("/import-docpdf/pdf/2021-format", "qingyuan-2021.pdf", test_import);
  g_test_add_func ("/import-docpdf/pdf/no-rulings", test_no_rulings);
  g_test_add_data_func ("/import-docpdf/own-export/2019-docx", "2019.docx", test_round_trip);
  g_test_add_data_func ("/import-docpdf/own-export/2021-docx", "2021.docx", test_round_trip);
  g_test_add_data_func ("/import-docpdf/own-export/2021-docx-draft", "2021-draft.docx",
                        test_round_trip);
  g_test_add_data_func ("/import-docpdf/own-export/2019-pdf", "2019.pdf", test_round_trip);
  g_test_add_data_func ("/import-docpdf/own-export/2021-pdf", "2021.pdf", test_round_trip);

  g_test_add_data_func ("/import-docpdf/own-export/sample-html", "page", test_sample_export);
  g_test_add_data_func ("/import-docpdf/own-export/sample-fragment", "fragment",
                        test_sample_export);
  g_test_add_data_func ("/import-docpdf/own-export/sample-docx", "docx", test_sample_export);

  return g_test_run ();
}
