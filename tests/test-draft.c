/* test-draft.c: tests for the *.tianbao draft file: the round trip of all a report holds
 *
 * Hostile files are in test-draft-hostile.c, atomic saving in test-draft-atomic.c.
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-draft"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tb-draft.h"
#include "tb-field.h"
#include "tb-value.h"

#include "tb-test-draft.h"
#include "tb-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------- */

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
  g_autofree char *path = tb_test_temp_path ("report.tianbao");
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
  tb_test_assert_reports_equal (report, loaded);

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
  tb_test_assert_reports_equal (report, again);
}

/* Text XML 1.0 cannot hold (control characters, broken UTF-8) must not make a file that
 * cannot be opened again. */
static void
test_unwritable_characters (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tb_test_temp_path ("control.tianbao");

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
  g_autofree char *path = tb_test_temp_path ("stamps.tianbao");

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

  return g_test_run ();
}
