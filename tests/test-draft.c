/* test-draft.c: tests for the *.tianbao draft file: round trip, hostile files, atomic saving
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-draft"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#endif

#include "tb-draft.h"
#include "tb-field.h"
#include "tb-value.h"

#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

/* G_TEST_OPTION_ISOLATE_DIRS points the XDG folders into a fresh temporary folder for every
 * test case and removes it afterwards; the files of a test go into its cache folder. */
static char *
work_dir (void)
{
  return tb_test_make_dir (g_get_user_cache_dir (), "draft-test", NULL);
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = work_dir ();

  return g_build_filename (dir, name, NULL);
}

/* A distinct, valid value for every cell: counts 1, 2, 3 …, signed cells negative, amounts
 * with as many decimals as the cell allows, amount-unit cells cycling through their units. */
static char *
distinct_text (const TbCellSpec *spec,
               gint64           *value,
               const char      **unit)
{
  gint64 whole = spec->index + 1;
  gint64 frac = 0;
  g_autofree char *canonical = NULL;

  *unit = NULL;
  switch (spec->kind)
    {
    case TB_CELL_COUNT:
      *value = whole;
      break;
    case TB_CELL_SIGNED:
      *value = -whole;
      break;
    case TB_CELL_AMOUNT:
    case TB_CELL_AMOUNT_UNIT:
      {
        guint decimals = spec->decimals;

        if (spec->kind == TB_CELL_AMOUNT_UNIT)
          {
            guint n_units = g_strv_length ((char **) spec->units);

            g_assert_cmpuint (n_units, >, 0);
            *unit = spec->units[spec->index % n_units];
          }
        /* No more decimals than reach the fen in the amount's unit. */
        decimals = MIN (decimals, tb_value_unit_decimals (*unit ? *unit : spec->unit));
        if (decimals > 0)
          {
            frac = (spec->index % 9) + 1;
            for (guint d = decimals; d < TB_AMOUNT_SCALE_DIGITS; d++)
              frac *= 10;
          }
        *value = whole * TB_AMOUNT_SCALE + frac;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  canonical = tb_value_format (spec->kind, *value);
  return g_strconcat (canonical, *unit ? *unit : "", NULL);
}

static TbReport *
make_full_report (const char *format_id,
                  guint      *invalid_cell,
                  guint      *tricky_cell)
{
  const TbFormat *format = tb_format_get (format_id);
  TbReport *report;
  guint n;

  g_assert_nonnull (format);
  report = tb_report_new (format);
  n = tb_format_get_n_cells (format);
  g_assert_cmpuint (n, >, 10);

  for (guint i = 0; i < n; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      const char *unit;
      gint64 value;

      text = distinct_text (spec, &value, &unit);
      g_assert_true (tb_report_set_cell_text (report, i, text, &error));
      g_assert_no_error (error);
      g_assert_cmpint (tb_report_get_cell (report, i)->value, ==, value);
    }

  /* Two cells hold text a clerk typed that could not be read; it must survive. */
  *invalid_cell = 3;
  *tricky_cell = n - 1;
  g_assert_false (tb_report_set_cell_text (report, *invalid_cell, "12x", NULL));
  g_assert_false (tb_report_set_cell_text (report, *tricky_cell, " <&>\"quoted\" 'x' 万 ", NULL));

  tb_report_set_agency (report, "盐池县审计局 <&>\"quoted\"");
  tb_report_set_year (report, 2020);
  tb_report_set_preparer (report, "张三 'Zhang' & 李四");
  tb_report_set_contact (report, "0953-1234567 <audit@yanchi.gov.cn>");
  tb_report_set_report_date (report, "2021-01-20");
  tb_report_set_previous (report, "/home/clerk/报告/2019 年度.tianbao");
  tb_report_set_manual_totals (report, TRUE);

  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);
      g_autofree char *text = NULL;

      if (section->type != TB_SECTION_TEXT)
        continue;
      text = g_strdup_printf ("%s：第一段，含特殊字符 <&>\"quoted\" 'apos'。\n"
                              "第二段\r\n\t缩进的第三段，末尾有空格  \n\n",
                              section->heading);
      tb_report_set_text (report, section->id, text);
    }

  tb_report_set_acknowledged (report, "T2'-2:reg", TRUE);
  tb_report_set_acknowledged (report, "T3-1:np", TRUE);
  tb_report_set_acknowledged (report, "odd <&>\"key\"", TRUE);

  return report;
}

static void
assert_reports_equal (TbReport *a,
                      TbReport *b)
{
  const TbFormat *format = tb_report_get_format (a);

  tb_test_assert_same_meta (a, b);
  g_assert_cmpstr (tb_report_get_created (a), ==, tb_report_get_created (b));
  g_assert_cmpstr (tb_report_get_modified_time (a), ==, tb_report_get_modified_time (b));
  g_assert_cmpstr (tb_report_get_previous (a), ==, tb_report_get_previous (b));

  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellValue *va = tb_report_get_cell (a, i);
      const TbCellValue *vb = tb_report_get_cell (b, i);

      g_assert_cmpint (va->state, ==, vb->state);
      g_assert_cmpint (va->value, ==, vb->value);
      g_assert_cmpstr (va->unit, ==, vb->unit);
      if (va->state == TB_CELL_INVALID)
        g_assert_cmpstr (va->text, ==, vb->text);
    }
  tb_test_assert_same_texts (a, b);
}

static void
assert_timestamp (const char *text)
{
  g_autoptr(GDateTime) t = NULL;

  g_assert_nonnull (text);
  g_assert_true (g_str_has_suffix (text, "Z"));
  t = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (t);
}

/* ---- Round trip ---------------------------------------------------------------------- */

static void
test_round_trip (gconstpointer data)
{
  const char *format_id = data;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autofree char *path = temp_path ("report.tianbao");
  const TbFormat *format;
  const char *xml;
  const char *last = NULL;
  guint invalid_cell, tricky_cell;

  report = make_full_report (format_id, &invalid_cell, &tricky_cell);
  format = tb_report_get_format (report);
  g_assert_true (tb_report_get_modified (report));
  g_assert_null (tb_report_get_created (report));

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  g_assert_false (tb_report_get_modified (report));
  assert_timestamp (tb_report_get_created (report));
  assert_timestamp (tb_report_get_modified_time (report));

  loaded = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_false (tb_report_get_modified (loaded));
  g_assert_cmpuint (tb_report_count_filled (loaded), ==, tb_format_get_n_cells (format));
  assert_reports_equal (report, loaded);

  g_assert_cmpint (tb_report_get_cell (loaded, invalid_cell)->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (tb_report_get_cell (loaded, invalid_cell)->text, ==, "12x");
  g_assert_cmpstr (tb_report_get_cell (loaded, tricky_cell)->text, ==,
                   " <&>\"quoted\" 'x' 万 ");

  /* What is on disk is exactly tb_draft_serialize(); serialising the loaded report gives
   * the same bytes (stable, diff-friendly output). */
  on_disk = tb_test_read_bytes (path);
  first = tb_draft_serialize (report);
  second = tb_draft_serialize (loaded);
  g_assert_true (g_bytes_equal (first, on_disk));
  g_assert_true (g_bytes_equal (first, second));

  /* Cells come in format order, one per line. */
  xml = g_bytes_get_data (first, NULL);
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                        "<tianbao-report version=\"1\" format=\""));
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *needle = g_strdup_printf ("<cell id=\"%s\"",
                                                 tb_format_get_cell (format, i)->id);
      const char *at = strstr (xml, needle);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
  g_assert_nonnull (strstr (xml, "<settings manual-totals=\"true\"/>"));
  g_assert_nonnull (strstr (xml, "invalid=\"true\">12x</cell>"));
}

static void
test_unit_and_lenient_cells (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drafts",
                                                 "hand-edited-2019.tianbao", NULL);
  const TbFormat *format = tb_format_get ("2019");
  const TbCellValue *v;

  report = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_false (tb_report_get_modified (report));
  g_assert_cmpint (tb_report_get_year (report), ==, 2019);
  g_assert_cmpstr (tb_report_get_agency (report), ==, "某某市<人民政府>办公室");
  g_assert_true (tb_report_get_manual_totals (report));
  g_assert_true (tb_report_is_acknowledged (report, "T2'-2:reg"));

  /* unit attribute combined with the number: 25.1 万元 */
  v = tb_report_get_cell (report, tb_format_find_cell (format, "t2.procurement.amount")->index);
  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  g_assert_cmpint (v->value, ==, 251 * TB_AMOUNT_SCALE / 10);
  g_assert_cmpstr (v->unit, ==, "万元");

  v = tb_report_get_cell (report, tb_format_find_cell (format, "t2.licence.change")->index);
  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  g_assert_cmpint (v->value, ==, -3);

  /* The same parser as typing: full-width digits are fine. */
  v = tb_report_get_cell (report, tb_format_find_cell (format, "t2.reg.made")->index);
  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  g_assert_cmpint (v->value, ==, 12);

  /* A value that does not parse is kept as typed, not refused: the rules report it. */
  v = tb_report_get_cell (report, tb_format_find_cell (format, "t2.norm.made")->index);
  g_assert_cmpint (v->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (v->text, ==, "12x");
  v = tb_report_get_cell (report, tb_format_find_cell (format, "t2.service.change")->index);
  g_assert_cmpint (v->state, ==, TB_CELL_INVALID);
  g_assert_cmpstr (v->text, ==, "—");

  /* An empty element leaves the cell empty. */
  v = tb_report_get_cell (report, tb_format_find_cell (format, "t2.fee.change")->index);
  g_assert_cmpint (v->state, ==, TB_CELL_EMPTY);

  /* A unit the cell does not offer: the cell becomes invalid, the text is kept. */
  {
    const char *xml =
      "<tianbao-report version='1' format='2019'><cells>"
      "<cell id='t2.procurement.amount' unit='美元'>251000</cell>"
      "</cells></tianbao-report>";
    g_autoptr(TbReport) r = tb_draft_parse (xml, strlen (xml), &error);

    g_assert_no_error (error);
    v = tb_report_get_cell (r, tb_format_find_cell (format, "t2.procurement.amount")->index);
    g_assert_cmpint (v->state, ==, TB_CELL_INVALID);
    g_assert_cmpstr (v->text, ==, "251000美元");
  }

  /* Round trip of the canonical form: the unit is written as an attribute. */
  bytes = tb_draft_serialize (report);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL),
                            "<cell id=\"t2.procurement.amount\" unit=\"万元\">25.1</cell>"));
}

static void
test_minimal (void)
{
  const char *xml = "<tianbao-report version=\"1\" format=\"2021\"/>";
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) again = NULL;
  g_autoptr(GBytes) bytes = NULL;

  report = tb_draft_parse (xml, strlen (xml), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_format_get_id (tb_report_get_format (report)), ==, "2021");
  g_assert_cmpuint (tb_report_count_filled (report), ==, 0);
  g_assert_cmpint (tb_report_get_year (report), ==, 0);
  g_assert_null (tb_report_get_agency (report));
  g_assert_false (tb_report_get_manual_totals (report));

  /* An empty report omits empty metadata and round-trips. */
  bytes = tb_draft_serialize (report);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "<agency"));
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "<year"));
  again = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  assert_reports_equal (report, again);
}

/* Text XML 1.0 cannot hold (control characters, broken UTF-8) must not make a file that
 * cannot be opened again. */
static void
test_unwritable_characters (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("control.tianbao");

  tb_report_set_agency (report, "bell\a and \x01 and broken \xff\xfe UTF-8");
  tb_report_set_text (report, "s1", "form feed \f here");
  tb_report_set_acknowledged (report, "key\x02", TRUE);

  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  loaded = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (tb_report_get_agency (loaded), ==,
                   "bell\xef\xbf\xbd and \xef\xbf\xbd and broken \xef\xbf\xbd\xef\xbf\xbd UTF-8");
  g_assert_cmpstr (tb_report_get_text (loaded, "s1"), ==, "form feed \xef\xbf\xbd here");
  g_assert_true (tb_report_is_acknowledged (loaded, "key\xef\xbf\xbd"));
}

static void
test_timestamps (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("stamps.tianbao");

  tb_report_set_created (report, "2020-12-01T08:00:00Z");
  tb_report_set_modified_time (report, "2020-12-02T08:00:00Z");
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);

  /* created is kept once set; modified is updated on every save */
  g_assert_cmpstr (tb_report_get_created (report), ==, "2020-12-01T08:00:00Z");
  g_assert_cmpstr (tb_report_get_modified_time (report), !=, "2020-12-02T08:00:00Z");
  assert_timestamp (tb_report_get_modified_time (report));

  loaded = tb_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_created (loaded), ==, "2020-12-01T08:00:00Z");
  g_assert_cmpstr (tb_report_get_modified_time (loaded), ==,
                   tb_report_get_modified_time (report));
}

/* Where an imported report came from goes out and comes back whole; a damaged
 * <imported-from> is refused with its line, like any other element. */
static void
test_imported_from (void)
{
  static const char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(TbReport) again = NULL;
  g_autoptr(TbProvenance) provenance = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("abc", 3);
  g_autoptr(GError) error = NULL;
  const TbProvenance *back;
  const struct { const char *attrs; const char *file; const char *mentions; } bad[] = {
    { "kind=\"exe\" sha256=\"SHA\" date=\"2026-01-01T00:00:00Z\"", "a", "exe" },
    { "kind=\"html\" sha256=\"12ab\" date=\"2026-01-01T00:00:00Z\"", "a", "SHA-256" },
    { "sha256=\"SHA\" date=\"2026-01-01T00:00:00Z\"", "a", "kind" },
    { "kind=\"pdf\" sha256=\"SHA\"", "a", "date" },
    { "kind=\"pdf\" sha256=\"SHA\" date=\"2026-01-01T00:00:00Z\"", "", "names no file" },
    { "kind=\"pdf\" sha256=\"SHA\" date=\"2026-01-01T00:00:00Z\"", "a\u2069b", "U+2069" },
  };

  g_assert_null (tb_report_get_imported_from (report));
  provenance = tb_provenance_new ("2019年年报.html", sha, "html", "2026-12-05T08:10:00Z");
  tb_report_set_imported_from (report, provenance);
  bytes = tb_draft_serialize (report);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "<imported-from kind=\"html\""));
  loaded = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  back = tb_report_get_imported_from (loaded);
  g_assert_nonnull (back);
  g_assert_true (tb_provenance_equal (back, provenance));
  g_assert_cmpstr (back->file, ==, "2019年年报.html");

  /* A file name with a direction mark or a control character is made safe to load back. */
  g_clear_pointer (&provenance, tb_provenance_free);
  provenance = tb_provenance_new_for_data ("/tmp/x\u2069\x7f.txt", data, "text");
  g_assert_cmpstr (provenance->file, ==, "x\uFFFD\uFFFD.txt");
  g_assert_cmpstr (provenance->sha256, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert_timestamp (provenance->date);
  tb_report_set_imported_from (loaded, provenance);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = tb_draft_serialize (loaded);
  again = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (tb_provenance_equal (tb_report_get_imported_from (again), provenance));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) attrs_s = g_string_new (bad[i].attrs);
      g_autofree char *attrs = NULL;
      g_autofree char *xml = NULL;
      g_autoptr(TbReport) refused = NULL;

      g_string_replace (attrs_s, "SHA", sha, 0);
      attrs = g_strdup (attrs_s->str);
      g_free (xml);
      xml = g_strdup_printf ("<tianbao-report version=\"1\" format=\"2021\">\n"
                             "<meta>\n<imported-from %s>%s</imported-from>\n"
                             "</meta></tianbao-report>", attrs, bad[i].file);
      refused = tb_draft_parse (xml, strlen (xml), &error);

      g_assert_null (refused);
      g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, bad[i].mentions));
      g_assert_nonnull (strstr (error->message, "line 3"));
      g_clear_error (&error);
    }
}

/* ---- Hostile files ------------------------------------------------------------------- */

typedef struct
{
  const char *file;
  int         code;
  const char *mentions;   /* part of the message, or NULL */
} Hostile;

static const Hostile hostile_files[] = {
  { "truncated.tianbao",             TB_DRAFT_ERROR_MALFORMED, "line 10" },
  { "billion-laughs.tianbao",        TB_DRAFT_ERROR_MALFORMED, NULL },
  { "quadratic-blowup.tianbao",      TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "xxe-local-file.tianbao",        TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "xxe-parameter-entity.tianbao",  TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "external-dtd.tianbao",          TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "doctype-only.tianbao",          TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "undeclared-entity.tianbao",     TB_DRAFT_ERROR_MALFORMED, "secret" },
  { "xinclude.tianbao",              TB_DRAFT_ERROR_MALFORMED, "<text>" },
  { "wrong-root.tianbao",            TB_DRAFT_ERROR_MALFORMED, "<format>" },
  { "namespaced-root.tianbao",       TB_DRAFT_ERROR_MALFORMED, "urn:evil" },
  { "future-version.tianbao",        TB_DRAFT_ERROR_VERSION,   "file version 2" },
  { "version-zero.tianbao",          TB_DRAFT_ERROR_VERSION,   "(0)" },
  { "version-not-number.tianbao",    TB_DRAFT_ERROR_MALFORMED, "“one”" },
  { "version-missing.tianbao",       TB_DRAFT_ERROR_MALFORMED, "file version" },
  { "unknown-format.tianbao",        TB_DRAFT_ERROR_FORMAT,    "“2035”" },
  { "format-missing.tianbao",        TB_DRAFT_ERROR_MALFORMED, "report format" },
  { "unknown-cell.tianbao",          TB_DRAFT_ERROR_CELL,      "“t3.r99_bogus.biz”" },
  { "unknown-section.tianbao",       TB_DRAFT_ERROR_CELL,      "“s9”" },
  { "duplicate-cell.tianbao",        TB_DRAFT_ERROR_MALFORMED, "“t3.r1_new.np”" },
  { "cell-without-id.tianbao",       TB_DRAFT_ERROR_MALFORMED, "“id”" },
  { "cell-with-child.tianbao",       TB_DRAFT_ERROR_MALFORMED, "<cell>" },
  { "unknown-element.tianbao",       TB_DRAFT_ERROR_MALFORMED, "<script>" },
  { "duplicate-meta.tianbao",        TB_DRAFT_ERROR_MALFORMED, "<year>" },
  { "year-out-of-range.tianbao",     TB_DRAFT_ERROR_MALFORMED, "“1850”" },
  { "year-not-number.tianbao",       TB_DRAFT_ERROR_MALFORMED, "year" },
  { "bad-boolean.tianbao",           TB_DRAFT_ERROR_MALFORMED, "“maybe”" },
  { "stray-text.tianbao",            TB_DRAFT_ERROR_MALFORMED, "line 10" },
  { "deep-nesting.tianbao",          TB_DRAFT_ERROR_LIMIT,     "depth" },
  { "invalid-utf8.tianbao",          TB_DRAFT_ERROR_MALFORMED, "UTF-8" },
  { "nul-byte.tianbao",              TB_DRAFT_ERROR_MALFORMED, NULL },
  { "utf16.tianbao",                 TB_DRAFT_ERROR_MALFORMED, NULL },
  { "empty.tianbao",                 TB_DRAFT_ERROR_MALFORMED, "empty" },
  { "whitespace-only.tianbao",       TB_DRAFT_ERROR_MALFORMED, NULL },
  { "binary-garbage.tianbao",        TB_DRAFT_ERROR_MALFORMED, NULL },
  { "pdf-file.tianbao",              TB_DRAFT_ERROR_MALFORMED, NULL },
  /* Limits checked before libxml2 runs, and the field rules of tb-field.h. */
  { "many-attributes.tianbao",       TB_DRAFT_ERROR_LIMIT,     "more than 16 attributes" },
  { "long-attribute-value.tianbao",  TB_DRAFT_ERROR_LIMIT,     "attribute value" },
  { "long-element-name.tianbao",     TB_DRAFT_ERROR_LIMIT,     "element name" },
  { "agency-too-long.tianbao",       TB_DRAFT_ERROR_LIMIT,     "The agency is too long: 102" },
  { "agency-control-char.tianbao",   TB_DRAFT_ERROR_MALFORMED, "U+0085" },
  { "agency-direction-override.tianbao", TB_DRAFT_ERROR_MALFORMED, "U+202E" },
  { "preparer-line-break.tianbao",   TB_DRAFT_ERROR_MALFORMED, "line break" },
  { "cell-control-char.tianbao",     TB_DRAFT_ERROR_MALFORMED, "U+007F" },
  { "text-isolate.tianbao",          TB_DRAFT_ERROR_MALFORMED, "U+2067" },
  { "year-too-long.tianbao",         TB_DRAFT_ERROR_LIMIT,     "<year>" },
};

/* Loads @path, expects @code within a second; returns the time taken in seconds. */
static double
expect_rejected (const char *path,
                 int         code,
                 const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gint64 start, end;
  double seconds;

  start = g_get_monotonic_time ();
  report = tb_draft_load (path, &error);
  end = g_get_monotonic_time ();
  seconds = (end - start) / (double) G_USEC_PER_SEC;

  g_test_message ("%s: %.3f ms: %s", path, seconds * 1000, error ? error->message : "(loaded)");
  g_assert_null (report);
  g_assert_error (error, TB_DRAFT_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, display));
  if (mentions != NULL && strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  /* Nothing from /etc/passwd ever reaches the clerk. */
  g_assert_null (strstr (error->message, "root:"));
  g_assert_cmpfloat (seconds, <, 1.0);
  return seconds;
}

static void
test_hostile_files (void)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "drafts",
                                                  "minimal-2021.tianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *hostile_dir = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  const char *name;
  double worst = 0;
  guint n_files = 0;

  /* The hostile files are small edits of this one, so each fails for its own reason. */
  report = tb_draft_load (valid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_report_count_filled (report), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      const Hostile *h = &hostile_files[i];
      g_autofree char *path = g_build_filename (hostile_dir, h->file, NULL);
      g_autoptr(GBytes) bytes = tb_test_read_bytes (path);
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(TbReport) parsed = NULL;
      double seconds = expect_rejected (path, h->code, h->mentions);

      worst = MAX (worst, seconds);

      /* The same from memory. */
      parsed = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               &parse_error);
      g_assert_null (parsed);
      g_assert_error (parse_error, TB_DRAFT_ERROR, h->code);
    }

  /* Every file in the folder is in the table above. */
  dir = g_dir_open (hostile_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
        listed |= strcmp (hostile_files[i].file, name) == 0;
      if (!listed)
        g_error ("%s is not listed in hostile_files[]", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (hostile_files));

  g_test_message ("%u hostile files rejected, slowest in %.3f ms", n_files, worst * 1000);
}

static void
test_too_large (void)
{
  g_autofree char *path = temp_path ("huge.tianbao");
  g_autofree char *just_over = temp_path ("just-over.tianbao");
  g_autofree char *big_text = temp_path ("big-text.tianbao");
  const char *head = "<?xml version=\"1.0\"?>\n<tianbao-report version=\"1\" format=\"2021\">"
                     "<texts><text section=\"s1\">";
  const char *tail = "</text></texts></tianbao-report>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  GString *xml;
  char block[4096];
  int fd;

  /* 50 MB of a real-looking report: refused before it is read. */
  memset (block, 'x', sizeof block);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  for (guint i = 0; i < 50 * 1024 * 1024 / sizeof block; i++)
    g_assert_cmpint (write (fd, block, sizeof block), ==, sizeof block);
  g_assert_cmpint (write (fd, tail, strlen (tail)), ==, (gssize) strlen (tail));
  g_assert_cmpint (close (fd), ==, 0);
  expect_rejected (path, TB_DRAFT_ERROR_TOO_LARGE, "limit");

  /* One byte over the limit, by file and from memory: a real text padded with the blanks
   * that may sit between elements. */
  xml = g_string_new (head);
  for (guint i = 0; i < 1000; i++)
    g_string_append (xml, "总体情况。");
  g_string_append (xml, "</text>");
  while (xml->len < TB_DRAFT_MAX_SIZE - strlen ("</texts></tianbao-report>\n"))
    g_string_append_c (xml, ' ');
  g_string_append (xml, "</texts></tianbao-report>\n");
  g_assert_cmpuint (xml->len, ==, TB_DRAFT_MAX_SIZE);

  /* Exactly at the limit: fine. */
  tb_test_write_file (big_text, xml->str, xml->len);
  report = tb_draft_load (big_text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (tb_report_get_text (report, "s1"), -1), ==, 5000);

  g_string_insert_c (xml, strlen (head), 'z');
  tb_test_write_file (just_over, xml->str, xml->len);
  expect_rejected (just_over, TB_DRAFT_ERROR_TOO_LARGE, NULL);
  g_clear_object (&report);
  report = tb_draft_parse (xml->str, xml->len, &error);
  g_assert_null (report);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_TOO_LARGE);
  g_string_free (xml, TRUE);
  (void) tail;
}

/* The biggest draft a clerk can make — every field at its maximum, every character one that
 * the file escapes (& becomes &amp;) — fits the size limit, and reads back the same. */
static void
test_biggest_draft (gconstpointer data)
{
  const TbFormat *format = tb_format_get (data);
  g_autoptr(TbReport) report = tb_report_new (format);
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency = g_strnfill (TB_FIELD_AGENCY_MAX_CHARS, '&');
  g_autofree char *preparer = g_strnfill (TB_FIELD_PREPARER_MAX_CHARS, '&');
  g_autofree char *contact = g_strnfill (TB_FIELD_CONTACT_MAX_CHARS, '&');
  g_autofree char *previous = g_strnfill (TB_DRAFT_MAX_REFERENCE, '&');
  g_autofree char *text = g_strnfill (TB_FIELD_TEXT_MAX_CHARS, '&');

  tb_report_set_agency (report, agency);
  tb_report_set_preparer (report, preparer);
  tb_report_set_contact (report, contact);
  tb_report_set_year (report, tb_format_get_first_year (format));
  tb_report_set_previous (report, previous);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);

      if (section->type == TB_SECTION_TEXT)
        tb_report_set_text (report, section->id, text);
    }
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *typed = g_strnfill (TB_FIELD_CELL_MAX_CHARS, '&');

      g_assert_false (tb_report_set_cell_text (report, i, typed, NULL));
    }
  bytes = tb_draft_serialize (report);
  g_test_message ("format %s: the biggest draft has %" G_GSIZE_FORMAT " bytes (limit %d)",
                  (const char *) data, g_bytes_get_size (bytes), TB_DRAFT_MAX_SIZE);
  g_assert_cmpuint (g_bytes_get_size (bytes), <=, TB_DRAFT_MAX_SIZE);
  loaded = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  assert_reports_equal (report, loaded);
}

/* One character over a field's maximum is refused with a message naming the field. */
static void
test_field_limits (void)
{
  static const struct { const char *element; TbField field; } meta[] = {
    { "agency", TB_FIELD_AGENCY },
    { "preparer", TB_FIELD_PREPARER },
    { "contact", TB_FIELD_CONTACT },
  };

  for (guint i = 0; i <= G_N_ELEMENTS (meta); i++)
    for (guint over = 0; over <= 1; over++)
      {
        TbField field = i < G_N_ELEMENTS (meta) ? meta[i].field : TB_FIELD_TEXT;
        g_autofree char *value = g_strnfill (tb_field_get_max_chars (field) + over, 'x');
        g_autofree char *xml = NULL;
        g_autoptr(TbReport) report = NULL;
        g_autoptr(GError) error = NULL;

        if (i < G_N_ELEMENTS (meta))
          xml = g_strdup_printf ("<tianbao-report version=\"1\" format=\"2021\"><meta><%s>%s</%s>"
                                 "</meta></tianbao-report>",
                                 meta[i].element, value, meta[i].element);
        else
          xml = g_strdup_printf ("<tianbao-report version=\"1\" format=\"2021\"><texts>"
                                 "<text section=\"s1\">%s</text></texts></tianbao-report>",
                                 value);
        report = tb_draft_parse (xml, strlen (xml), &error);
        if (!over)
          {
            g_assert_no_error (error);
            continue;
          }
        g_assert_null (report);
        g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_LIMIT);
        g_assert_nonnull (strstr (error->message, tb_field_get_name (field)));
      }
}

/* What libxml2 2.9 takes quadratic time for is refused before it runs: 100,000 attributes
 * on the root element in a 1 MB file (16 s before), and 5,000 cells. */
static void
test_many_attributes (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<tianbao-report");
  g_autoptr(GString) cells = g_string_new ("<tianbao-report version=\"1\" format=\"2021\"><cells>");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *path = temp_path ("attributes.tianbao");
  g_autofree char *cells_path = temp_path ("cells.tianbao");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (xml, " a%x=\"\"", i);
  g_string_append (xml, " version=\"1\" format=\"2021\"/>\n");
  g_assert_cmpuint (xml->len, <=, TB_DRAFT_MAX_SIZE);
  tb_test_write_file (path, xml->str, xml->len);
  expect_rejected (path, TB_DRAFT_ERROR_LIMIT, "attributes");

  for (guint i = 0; i < TB_DRAFT_MAX_ELEMENTS; i++)
    g_string_append (cells, "<cell/>");
  g_string_append (cells, "</cells></tianbao-report>");
  tb_test_write_file (cells_path, cells->str, cells->len);
  expect_rejected (cells_path, TB_DRAFT_ERROR_LIMIT, "elements");
  (void) report;
  (void) error;
}

/* The clerk (or whoever helps) is told where the problem is, also far down a big file. */
static void
test_line_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  GString *xml = g_string_new ("<tianbao-report version=\"1\" format=\"2021\">\n<cells>\n");

  for (guint i = 0; i < 70000; i++)
    g_string_append (xml, "\n");
  /* line 70003 */
  g_string_append (xml, "<cell id=\"t3.nope.np\">1</cell>\n</cells></tianbao-report>\n");
  report = tb_draft_parse (xml->str, xml->len, &error);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_CELL);
  g_assert_nonnull (strstr (error->message, "(line 70003)"));
  g_clear_error (&error);

  /* A libxml2 error far down: the end tag is missing. */
  g_string_truncate (xml, xml->len - strlen ("</tianbao-report>\n"));
  report = tb_draft_parse (xml->str, xml->len, &error);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 7000"));
  g_string_free (xml, TRUE);
}

static void
test_not_a_file (void)
{
  g_autofree char *fifo = temp_path ("fifo.tianbao");
  g_autofree char *missing = temp_path ("missing.tianbao");
  g_autofree char *dir = work_dir ();

  /* A FIFO must not block, a folder or device must not be read. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  expect_rejected (fifo, TB_DRAFT_ERROR_IO, "regular");
  expect_rejected (dir, TB_DRAFT_ERROR_IO, "regular");
  expect_rejected ("/dev/zero", TB_DRAFT_ERROR_IO, "regular");
  expect_rejected (missing, TB_DRAFT_ERROR_IO, g_strerror (ENOENT));
}

/* ---- Atomic saving ------------------------------------------------------------------- */

static TbReport *
make_small_report (const char *agency)
{
  TbReport *report = tb_report_new (tb_format_get ("2021"));

  tb_report_set_agency (report, agency);
  tb_report_set_year (report, 2020);
  g_assert_true (tb_report_set_cell_text (report, 0, "7", NULL));
  return report;
}

static void
test_keeps_mode (void)
{
  g_autofree char *path = temp_path ("private.tianbao");
  g_autofree char *fresh = temp_path ("fresh.tianbao");
  g_autofree char *dir = work_dir ();
  g_autoptr(TbReport) report = make_small_report ("第一版");
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t mask;

  tb_test_write_file (path, "old", -1);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (tb_draft_save (report, path, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* A new file: 0644 less the umask. */
  mask = umask (022);
  umask (mask);
  g_assert_true (tb_draft_save (report, fresh, &error));
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644 & ~mask);

  /* No temporary files are left behind. */
  g_assert_cmpuint (tb_test_count_entries (dir), ==, 2);
}

static void
test_symlink (void)
{
  g_autofree char *real = temp_path ("real.tianbao");
  g_autofree char *link = temp_path ("link.tianbao");
  g_autoptr(TbReport) report = make_small_report ("经由链接");
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  tb_test_write_file (real, "old", -1);
  g_assert_cmpint (symlink ("real.tianbao", link), ==, 0);
  g_assert_true (tb_draft_save (report, link, &error));
  g_assert_no_error (error);

  /* The link is still a link, and the file it points to has the report. */
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  loaded = tb_draft_load (real, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_report_get_agency (loaded), ==, "经由链接");
}

static void
test_write_atomic_generic (void)
{
  g_autofree char *path = temp_path ("recovery.bin");
  g_autofree char *in_missing_dir = temp_path ("no-such-folder/x.tianbao");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char data[] = "binary\0data\n";

  g_assert_true (tb_file_write_atomic (path, data, sizeof data, &error));
  g_assert_no_error (error);
  bytes = tb_test_read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, sizeof data);

  g_assert_true (tb_file_write_atomic (path, "", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = tb_test_read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);

  g_assert_false (tb_file_write_atomic (in_missing_dir, "x", 1, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, in_missing_dir));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
}

/* The failure cases need a folder even root cannot write to, and a full disk. As root, a
 * private mount namespace with small tmpfs mounts gives both; the mounts vanish with the
 * test process even if it fails half-way. Without the right to mount (a container), root
 * drops the capabilities that let it ignore permission bits and gets a read-only folder
 * from chmod like any other user; the full disk is then skipped. */
#ifdef __linux__
static gboolean
set_override_capabilities (gboolean on)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  guint32 mask = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER);

  if (syscall (SYS_capget, &header, data) != 0)
    return FALSE;
  if (on)
    data[0].effective |= mask & data[0].permitted;
  else
    data[0].effective &= ~mask;
  return syscall (SYS_capset, &header, data) == 0;
}

static gboolean
enter_private_mount_namespace (void)
{
  static int state = 0;   /* 0 not tried, 1 ok, -1 not possible */

  if (state == 0)
    {
      if (unshare (CLONE_NEWNS) == 0 &&
          mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0)
        state = 1;
      else
        state = -1;
    }
  return state == 1;
}

static gboolean
mount_tmpfs (const char *dir,
             const char *options)
{
  return enter_private_mount_namespace () &&
         mount ("tianbao-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}
#endif

static void
assert_failed_save_keeps (const char *dir,
                          const char *path,
                          GBytes     *before,
                          int         errsv)
{
  g_autoptr(TbReport) report = make_small_report ("新版本，不应写入");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  const char *created;

  created = tb_report_get_created (report);
  g_assert_null (created);

  g_assert_false (tb_draft_save (report, path, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_test_message ("failed save: %s", error->message);
  g_assert_nonnull (strstr (error->message, display));
  g_assert_nonnull (strstr (error->message, g_strerror (errsv)));
  g_assert_nonnull (strstr (error->message, "previous version"));
  if (errsv == ENOSPC)
    g_assert_nonnull (strstr (error->message, "disk is full"));

  /* Byte-identical, and no temporary file is left behind. */
  after = tb_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (tb_test_count_entries (dir), >=, 1);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }

  /* The report is as it was: still modified, no timestamps invented. */
  g_assert_true (tb_report_get_modified (report));
  g_assert_null (tb_report_get_created (report));
  g_assert_null (tb_report_get_modified_time (report));
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = temp_path ("read-only");
  g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);
  g_autoptr(TbReport) old = make_small_report ("旧版本");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  gboolean mounted = FALSE;
  gboolean dropped = FALSE;
  int errsv;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
#ifdef __linux__
  mounted = geteuid () == 0 && mount_tmpfs (dir, "size=1m,mode=0755");
#endif
  g_assert_true (tb_draft_save (old, path, &error));
  g_assert_no_error (error);
  before = tb_test_read_bytes (path);

  if (mounted)
    {
#ifdef __linux__
      g_assert_cmpint (mount ("tianbao-test", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
#endif
      errsv = EROFS;
    }
  else
    {
#ifdef __linux__
      dropped = geteuid () == 0 && set_override_capabilities (FALSE);
#endif
      if (geteuid () == 0 && !dropped)
        {
          g_test_skip ("running as root, cannot mount nor drop CAP_DAC_OVERRIDE: "
                       "no folder is read-only to root");
          return;
        }
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      errsv = EACCES;
    }

  assert_failed_save_keeps (dir, path, before, errsv);

#ifdef __linux__
  if (mounted)
    g_assert_cmpint (umount (dir), ==, 0);
  if (dropped)
    g_assert_true (set_override_capabilities (TRUE));
#endif
  if (!mounted)
    g_chmod (dir, 0755);
}

static void
test_disk_full (void)
{
#ifdef __linux__
  g_autofree char *dir = temp_path ("small-disk");
  g_autofree char *path = g_build_filename (dir, "report.tianbao", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(TbReport) old = make_small_report ("旧版本");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  char block[4096];
  int fd;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  if (geteuid () != 0 || !mount_tmpfs (dir, "size=64k,mode=0755"))
    {
      g_test_skip ("cannot mount a small tmpfs (needs root and CAP_SYS_ADMIN)");
      return;
    }

  g_assert_true (tb_draft_save (old, path, &error));
  g_assert_no_error (error);
  before = tb_test_read_bytes (path);

  /* Fill the disk to the last block. */
  memset (block, 'f', sizeof block);
  fd = g_open (filler, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);

  assert_failed_save_keeps (dir, path, before, ENOSPC);

  /* The generic writer reports it the same way. */
  g_assert_false (tb_file_write_atomic (path, "0123456789", 10, &error));
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "disk is full"));

  g_assert_cmpint (umount (dir), ==, 0);
#else
  g_test_skip ("needs Linux tmpfs");
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/draft/round-trip/2021", "2021", test_round_trip);
  g_test_add_data_func ("/draft/round-trip/2019", "2019", test_round_trip);
  g_test_add_func ("/draft/load/units-and-lenient-cells", test_unit_and_lenient_cells);
  g_test_add_func ("/draft/load/minimal", test_minimal);
  g_test_add_func ("/draft/save/unwritable-characters", test_unwritable_characters);
  g_test_add_func ("/draft/save/timestamps", test_timestamps);
  g_test_add_func ("/draft/meta/imported-from", test_imported_from);
  g_test_add_func ("/draft/hostile/files", test_hostile_files);
  g_test_add_func ("/draft/hostile/too-large", test_too_large);
  g_test_add_data_func ("/draft/hostile/biggest-draft/2019", "2019", test_biggest_draft);
  g_test_add_data_func ("/draft/hostile/biggest-draft/2021", "2021", test_biggest_draft);
  g_test_add_func ("/draft/hostile/field-limits", test_field_limits);
  g_test_add_func ("/draft/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/draft/hostile/line-numbers", test_line_numbers);
  g_test_add_func ("/draft/hostile/not-a-file", test_not_a_file);
  g_test_add_func ("/draft/atomic/keeps-mode", test_keeps_mode);
  g_test_add_func ("/draft/atomic/symlink", test_symlink);
  g_test_add_func ("/draft/atomic/generic", test_write_atomic_generic);
  g_test_add_func ("/draft/atomic/read-only-folder", test_read_only_folder);
  g_test_add_func ("/draft/atomic/disk-full", test_disk_full);

  return g_test_run ();
}
