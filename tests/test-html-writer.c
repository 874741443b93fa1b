/* test-html-writer.c: the report as a web page and as a fragment (src/convert/tb-html-writer.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The output is parsed back with libxml2's HTML parser and compared with the format data:
 * each table's grid (every cell's position, row and column span and text), the headings,
 * the paragraphs, the headers every number names. Real browsers and HTML Tidy look at the
 * same files in test-export-tools.py.
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <locale.h>
#include <string.h>

#include "tb-draft.h"
#include "tb-html-writer.h"
#include "tb-readiness.h"

#include "tb-test-export.h"
#include "tb-test-util.h"

/* ---- Reports ---------------------------------------------------------------------------- */

static TbReport *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "yanchi-audit-2020.tianbao", NULL);
  g_autoptr(GError) error = NULL;
  TbReport *report = tb_draft_load (path, &error);

  g_assert_no_error (error);
  return report;
}

typedef TbReport *(*MakeReport) (void);

static const struct
{
  const char *name;
  MakeReport  make;
} reports[] = {
  { "sample", load_sample },
  { "full2021", tb_test_make_full_2021 },
};

/* ---- Parsing ---------------------------------------------------------------------------- */

static htmlDocPtr
parse (GBytes *html)
{
  gsize len;
  const char *data = g_bytes_get_data (html, &len);
  htmlDocPtr doc = htmlReadMemory (data, (int) len, NULL, "UTF-8",
                                   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* The elements matching @xpath, in document order. (transfer container) */
static GPtrArray *
find_all (xmlDocPtr   doc,
          xmlNodePtr  context,
          const char *xpath)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  GPtrArray *nodes = g_ptr_array_new ();

  if (context != NULL)
    ctx->node = context;
  result = xmlXPathEvalExpression ((const xmlChar *) xpath, ctx);
  g_assert_nonnull (result);
  if (result->nodesetval != NULL)
    for (int i = 0; i < result->nodesetval->nodeNr; i++)
      g_ptr_array_add (nodes, result->nodesetval->nodeTab[i]);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  return nodes;
}

static guint
count_all (xmlDocPtr   doc,
           const char *xpath)
{
  g_autoptr(GPtrArray) nodes = find_all (doc, NULL, xpath);

  return nodes->len;
}

static char *
text_of (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static char *
attr_of (xmlNodePtr  node,
         const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return text;
}

/* The table sections of @report's format, in order. */
static GPtrArray *
table_sections (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  GPtrArray *out = g_ptr_array_new ();

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    if (tb_format_get_section (format, s)->type == TB_SECTION_TABLE)
      g_ptr_array_add (out, (gpointer) tb_format_get_section (format, s));
  return out;
}

/* Every table has the official grid, merges and texts, and its section heading as its
 * caption. */
static void
assert_tables (TbReport  *report,
               xmlDocPtr  doc)
{
  g_autoptr(GPtrArray) sections = table_sections (report);
  g_autoptr(GPtrArray) tables = find_all (doc, NULL, "//table");

  g_assert_cmpuint (tables->len, ==, sections->len);
  for (guint i = 0; i < tables->len; i++)
    {
      const TbSectionSpec *section = g_ptr_array_index (sections, i);
      g_autoptr(GPtrArray) captions = find_all (doc, g_ptr_array_index (tables, i),
                                                "./caption");
      g_autoptr(GPtrArray) cells = tb_test_read_html_grid (doc, g_ptr_array_index (tables, i));
      g_autofree char *caption = NULL;

      g_assert_cmpuint (captions->len, ==, 1);
      caption = text_of (g_ptr_array_index (captions, 0));
      g_assert_cmpstr (caption, ==, section->heading);
      tb_test_assert_grid (report, section->table, cells, TRUE);
    }
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void
test_grid (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(TbReport) report = reports[which].make ();

  for (guint flags = 0; flags <= TB_HTML_FRAGMENT; flags++)
    {
      g_autoptr(GBytes) html = tb_html_write (report, flags);
      g_autoptr(xmlDoc) doc = parse (html);

      assert_tables (report, doc);
    }
}

/* Every number lists, in headers="…", the <th> of its row and column labels: the same labels
 * as the format's row and column paths, after the block (第二十条第（…）项) of its <tbody>. */
static void
test_headers (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(TbReport) report = reports[which].make ();
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GBytes) html = tb_html_write (report, TB_HTML_DEFAULT);
  g_autoptr(xmlDoc) doc = parse (html);
  g_autoptr(GPtrArray) sections = table_sections (report);
  g_autoptr(GPtrArray) tables = find_all (doc, NULL, "//table");
  guint checked = 0, cells = 0;

  for (guint t = 0; t < tables->len; t++)
    {
      const TbTableSpec *spec = ((const TbSectionSpec *) g_ptr_array_index (sections, t))->table;
      xmlNodePtr table = g_ptr_array_index (tables, t);
      g_autoptr(GPtrArray) rows = find_all (doc, table, "./thead/tr | ./tbody/tr");
      g_autoptr(GPtrArray) values = find_all (doc, table, ".//td[@headers]");
      guint n = 0;

      /* The value cells in document order are the table's cells in grid order. */
      for (guint i = 0; i < spec->n_items; i++)
        {
          const TbGridItem *it = &spec->items[i];
          const TbCellSpec *cell;
          xmlNodePtr td, block = NULL;
          g_autofree char *headers = NULL;
          g_auto(GStrv) ids = NULL;
          g_autoptr(GString) got = g_string_new (NULL);
          g_autoptr(GString) want = g_string_new (NULL);
          g_autoptr(GPtrArray) first = NULL;
          guint k = 0;

          if (it->kind != TB_GRID_VALUE)
            continue;
          cell = tb_format_get_cell (format, it->cell);
          g_assert_cmpuint (n, <, values->len);
          td = g_ptr_array_index (values, n++);
          headers = attr_of (td, "headers");
          ids = g_strsplit (headers, " ", -1);

          /* A leading block header is the first row of the cell's own <tbody>. */
          first = find_all (doc, td->parent->parent, "./tr[1]/th[@scope='rowgroup']");
          if (first->len > 0)
            block = g_ptr_array_index (first, 0);

          for (; ids[k] != NULL; k++)
            {
              g_autofree char *xpath = g_strdup_printf ("//th[@id='%s']", ids[k]);
              g_autoptr(GPtrArray) found = find_all (doc, NULL, xpath);
              xmlNodePtr th;
              g_autofree char *text = NULL;

              g_assert_cmpuint (found->len, ==, 1);
              th = g_ptr_array_index (found, 0);
              if (k == 0 && block != NULL)
                {
                  g_assert_true (th == block);
                  continue;
                }
              text = text_of (th);
              g_string_append_printf (got, "%s%s", got->len ? " / " : "", text);
            }
          g_assert_true (block == NULL || ids[0] != NULL);
          if (*cell->row_path != '\0')
            g_string_append (want, cell->row_path);
          if (*cell->column_path != '\0')
            g_string_append_printf (want, "%s%s", want->len ? " / " : "", cell->column_path);
          if (!g_str_equal (got->str, want->str))
            g_error ("%s: headers read “%s”, the format says “%s”", cell->id, got->str,
                     want->str);
          checked++;
        }
      g_assert_cmpuint (n, ==, values->len);
      g_assert_cmpuint (rows->len, ==, spec->n_rows);
      cells += spec->n_cells;
    }
  g_assert_cmpuint (checked, ==, cells);
}

/* The title, the section headings in order, and every paragraph of the texts. */
static void
test_text (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(TbReport) report = reports[which].make ();
  const TbFormat *format = tb_report_get_format (report);

  for (guint flags = 0; flags <= TB_HTML_FRAGMENT; flags++)
    {
      g_autoptr(GBytes) html = tb_html_write (report, flags);
      g_autoptr(xmlDoc) doc = parse (html);
      g_autoptr(GPtrArray) h1 = find_all (doc, NULL, "//h1");
      g_autoptr(GPtrArray) h2 = find_all (doc, NULL, "//h2");
      g_autoptr(GPtrArray) blocks = find_all (doc, NULL, "//h2 | //h3 | //p");
      g_autofree char *title = tb_report_dup_title (report);
      g_autofree char *h1_text = NULL;
      guint pos = 0;

      g_assert_cmpuint (h1->len, ==, 1);
      h1_text = text_of (g_ptr_array_index (h1, 0));
      g_assert_cmpstr (h1_text, ==, title);

      g_assert_cmpuint (h2->len, ==, tb_format_get_n_sections (format));
      for (guint s = 0; s < h2->len; s++)
        {
          g_autofree char *text = text_of (g_ptr_array_index (h2, s));

          g_assert_cmpstr (text, ==, tb_format_get_section (format, s)->heading);
        }

      /* Each non-empty line of a text section is one paragraph (or level-2 heading) after
       * its heading, in order. */
      for (guint s = 0; s < tb_format_get_n_sections (format); s++)
        {
          const TbSectionSpec *section = tb_format_get_section (format, s);
          g_auto(GStrv) lines = g_strsplit (tb_report_get_text (report, section->id), "\n", -1);

          while (pos < blocks->len)
            {
              g_autofree char *text = text_of (g_ptr_array_index (blocks, pos++));

              if (g_str_equal (text, section->heading))
                break;
            }
          if (section->type != TB_SECTION_TEXT)
            continue;
          if (section->sentence != NULL && section->n_fields > 0 &&
              tb_report_get_cell (report, section->fields[0])->state != TB_CELL_EMPTY)
            pos++;   /* the standard sentence, checked in test_sentence() */
          for (guint l = 0; lines[l] != NULL; l++)
            {
              g_autofree char *want = tb_test_squeeze (lines[l]);
              g_autofree char *raw = NULL;
              g_autofree char *got = NULL;

              if (*want == '\0')
                continue;
              g_assert_cmpuint (pos, <, blocks->len);
              raw = text_of (g_ptr_array_index (blocks, pos++));
              got = tb_test_squeeze (raw);
              g_assert_cmpstr (got, ==, want);
            }
        }
    }
}

/* Section 六's standard sentence, from the format's template and the fee fields. */
static void
test_sentence (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) html = tb_html_write (report, TB_HTML_DEFAULT);
  g_autoptr(xmlDoc) doc = parse (html);
  g_autoptr(GPtrArray) after = find_all (doc, NULL, "//h2[@id='tb-s6']/following-sibling::p[1]");
  g_autofree char *text = NULL;

  g_assert_cmpuint (after->len, ==, 1);
  text = text_of (g_ptr_array_index (after, 0));
  g_assert_nonnull (strstr (text, "2021"));
  g_assert_nonnull (strstr (text, "15"));
  g_assert_nonnull (strstr (text, "1200"));
  g_assert_nonnull (strstr (text, "800.5"));
}

/* "(一) 主动公开。…" starts its paragraph with the heading set apart and the marker in
 * full-width parentheses; a line that is only a heading is an <h3>. */
static void
test_level2 (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) html = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GPtrArray) h3 = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *head = NULL;

  tb_report_set_text (report, "s1", "(一) 主动公开。全年主动公开信息12条。\n（二）依申请公开\n正文。");
  html = tb_html_write (report, TB_HTML_DEFAULT);
  doc = parse (html);
  leads = find_all (doc, NULL, "//p/span[@class='tb-lead']");
  h3 = find_all (doc, NULL, "//h3");
  g_assert_cmpuint (leads->len, ==, 1);
  lead = text_of (g_ptr_array_index (leads, 0));
  g_assert_cmpstr (lead, ==, "（一）主动公开。");
  g_assert_cmpuint (h3->len, ==, 1);
  head = text_of (g_ptr_array_index (h3, 0));
  g_assert_cmpstr (head, ==, "（二）依申请公开");
}

/* The page stands alone: no script, nothing loaded from elsewhere, HTML5 in Chinese, the
 * print rules of the official paper. */
static void
test_self_contained (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) html = tb_html_write (report, TB_HTML_DEFAULT);
  g_autoptr(xmlDoc) doc = parse (html);
  const char *text = g_bytes_get_data (html, NULL);
  g_autoptr(GPtrArray) external = NULL;
  g_autoptr(GPtrArray) styles = find_all (doc, NULL, "//style");
  g_autofree char *css = NULL;

  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  g_assert_cmpuint (count_all (doc, "//meta[@charset='utf-8']"), ==, 1);
  g_assert_cmpuint (count_all (doc, "//meta[@name='viewport']"), ==, 1);
  external = find_all (doc, NULL, "//script | //link | //img | //iframe | //object | //embed"
                       " | //@src | //@href | //@srcset | //@action | //@data");
  g_assert_cmpuint (external->len, ==, 0);

  g_assert_cmpuint (styles->len, ==, 1);
  css = text_of (g_ptr_array_index (styles, 0));
  g_assert_null (strstr (css, "url("));
  g_assert_null (strstr (css, "@import"));
  g_assert_nonnull (strstr (css, "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"));
  g_assert_nonnull (strstr (css, "@media print"));
  g_assert_nonnull (strstr (css, "tr { break-inside: avoid; }"));
  g_assert_nonnull (strstr (css, "thead { display: table-header-group; }"));
  g_assert_nonnull (strstr (css, "overflow-x:auto"));

  /* Each table scrolls inside its own box, which is named by the section heading. */
  g_assert_cmpuint (count_all (doc, "//div[@role='region'][@tabindex='0']/table"),
                    ==, 3);
  g_assert_cmpuint (count_all (doc, "//div[@role='region']"
                              "[@aria-labelledby=preceding-sibling::h2[1]/@id]"), ==, 3);
}

/* The fragment: the report's content only, every style inline. */
static void
test_fragment (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) html = tb_html_write (report, TB_HTML_FRAGMENT);
  g_autoptr(xmlDoc) doc = parse (html);
  const char *text = g_bytes_get_data (html, NULL);
  g_autoptr(GPtrArray) unstyled = NULL;

  g_assert_true (g_str_has_prefix (text, "<div "));
  g_assert_null (strstr (text, "<!DOCTYPE"));
  g_assert_null (strstr (text, "<html"));
  g_assert_null (strstr (text, "<head"));
  g_assert_null (strstr (text, "<body"));
  g_assert_null (strstr (text, "<style"));
  g_assert_null (strstr (text, "<script"));
  g_assert_null (strstr (text, "url("));
  g_assert_cmpuint (count_all (doc, "//@class"), ==, 0);
  unstyled = find_all (doc, NULL, "//h1[not(@style)] | //h2[not(@style)] | //h3[not(@style)]"
                       " | //p[not(@style)] | //table[not(@style)] | //th[not(@style)]"
                       " | //td[not(@style)] | //caption[not(@style)] | //span[not(@style)]");
  g_assert_cmpuint (unstyled->len, ==, 0);
  g_assert_cmpuint (count_all (doc, "//div[@lang='zh-CN'][@style]"), ==, 1);
}

/* Unreadable text is escaped; characters HTML forbids are replaced; an unreadable number is
 * shown as typed, an empty cell blank, as in the PDF. */
static void
test_escaping (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) html = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  const char *text;
  g_autoptr(GPtrArray) h1 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *h1_text = NULL;
  guint np = tb_test_cell (report, "t3.r3_1_open.np");
  guint law = tb_test_cell (report, "t3.r3_1_open.law");

  tb_report_set_agency (report, "<script>alert(1)</script>&\"局\"");
  tb_report_set_text (report, "s5", "a<b>c</b>\x01\x7f d & e\ttab");
  tb_test_type (report, "t3.r3_1_open.np", "12<3");
  tb_test_clear (report, "t3.r3_1_open.law");
  html = tb_html_write (report, TB_HTML_DEFAULT);
  text = g_bytes_get_data (html, NULL);
  g_assert_null (strstr (text, "<script"));
  g_assert_null (strstr (text, "<b>"));
  g_assert_null (strchr (text, '\x01'));
  g_assert_null (strchr (text, '\x7f'));
  g_assert_nonnull (strstr (text, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;局&quot;"));
  g_assert_nonnull (strstr (text, "a&lt;b&gt;c&lt;/b&gt;\xef\xbf\xbd\xef\xbf\xbd d &amp; e\ttab"));

  doc = parse (html);
  h1 = find_all (doc, NULL, "//h1");
  title = tb_report_dup_title (report);
  h1_text = text_of (g_ptr_array_index (h1, 0));
  g_assert_cmpstr (h1_text, ==, title);
  /* The grid check compares the typed text and the blank with the report itself. */
  g_assert_cmpint (tb_report_get_cell (report, np)->state, ==, TB_CELL_INVALID);
  g_assert_cmpint (tb_report_get_cell (report, law)->state, ==, TB_CELL_EMPTY);
  assert_tables (report, doc);
}

/* A report with nothing filled prints every table with blank number cells. */
static void
test_empty (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(GBytes) html = tb_html_write (report, TB_HTML_DEFAULT);
  g_autoptr(xmlDoc) doc = parse (html);
  g_autoptr(GPtrArray) values = find_all (doc, NULL, "//td[@headers]");

  assert_tables (report, doc);
  g_assert_cmpuint (values->len, >, 0);
  for (guint i = 0; i < values->len; i++)
    g_assert_null (((xmlNodePtr) g_ptr_array_index (values, i))->children);
}

/* The same report gives the same bytes, also after a save and a load. */
static void
test_deterministic (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) draft = tb_draft_serialize (report);
  g_autoptr(TbReport) again = tb_draft_parse (g_bytes_get_data (draft, NULL),
                                              g_bytes_get_size (draft), NULL);

  g_assert_nonnull (again);
  for (guint flags = 0; flags <= TB_HTML_FRAGMENT; flags++)
    {
      g_autoptr(GBytes) a = tb_html_write (report, flags);
      g_autoptr(GBytes) b = tb_html_write (report, flags);
      g_autoptr(GBytes) c = tb_html_write (again, flags);

      g_assert_true (g_bytes_equal (a, b));
      g_assert_true (g_bytes_equal (a, c));
    }
}

/* One table alone, for the clipboard: its grid, inline styles, no ids to repeat. */
static void
test_table_alone (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbFormat *format = tb_report_get_format (report);

  for (guint t = 0; t < tb_format_get_n_tables (format); t++)
    {
      const TbTableSpec *spec = tb_format_get_table (format, t);
      g_autofree char *text = tb_html_write_table (report, spec);
      g_autoptr(GBytes) html = g_bytes_new (text, strlen (text));
      g_autoptr(xmlDoc) doc = parse (html);
      g_autoptr(GPtrArray) tables = find_all (doc, NULL, "//table[@style]");
      g_autoptr(GPtrArray) cells = NULL;

      g_assert_true (g_str_has_prefix (text, "<table style=\""));
      g_assert_cmpuint (tables->len, ==, 1);
      g_assert_cmpuint (count_all (doc, "//@id | //@headers | //@class"), ==, 0);
      g_assert_cmpuint (count_all (doc, "//th[not(@scope)]"), ==, 0);
      cells = tb_test_read_html_grid (doc, g_ptr_array_index (tables, 0));
      tb_test_assert_grid (report, spec, cells, TRUE);
    }
}

/* The preface of the format comes right after the title; a title too long for one line
 * breaks after the agency, a short one does not. */
static void
test_preface (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *preface = tb_format_make_preface (format, 2021);
  g_autoptr(GBytes) html = tb_html_write (report, TB_HTML_DEFAULT);
  g_autoptr(xmlDoc) doc = parse (html);
  g_autoptr(GPtrArray) first = find_all (doc, NULL, "//h1/following-sibling::*[1]");
  g_autofree char *text = NULL;
  g_autoptr(GBytes) short_html = NULL;
  g_autoptr(xmlDoc) short_doc = NULL;

  g_assert_nonnull (preface);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr ((const char *) ((xmlNodePtr) g_ptr_array_index (first, 0))->name, ==, "p");
  text = text_of (g_ptr_array_index (first, 0));
  g_assert_cmpstr (text, ==, preface);
  g_assert_nonnull (strstr (text, "2021"));
  g_assert_cmpuint (count_all (doc, "//h1/br"), ==, 1);

  tb_report_set_agency (report, "某局");
  short_html = tb_html_write (report, TB_HTML_DEFAULT);
  short_doc = parse (short_html);
  g_assert_cmpuint (count_all (short_doc, "//h1/br"), ==, 0);
}

static char *
last_paragraph (TbReport    *report,
                TbHtmlFlags  flags)
{
  g_autoptr(GBytes) html = tb_html_write (report, flags);
  g_autoptr(xmlDoc) doc = parse (html);
  g_autoptr(GPtrArray) last = find_all (doc, NULL, "(//p)[last()]");

  g_assert_cmpuint (last->len, ==, 1);
  return text_of (g_ptr_array_index (last, 0));
}

/* The 落款: the agency over the date as the format writes it, or the blank for a date to
 * be written in by hand; none without the flag. */
static void
test_sign_off (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbFormat *format = tb_report_get_format (report);
  const char *agency = tb_report_get_agency (report);
  g_autofree char *date = tb_format_make_date (format, "2022-01-20");
  g_autofree char *dated = g_strconcat (agency, date, NULL);
  g_autofree char *blank = g_strconcat (agency, tb_format_get_wording (format,
                                                                       TB_WORDING_DATE_BLANK),
                                        NULL);
  g_autofree char *signed_text = last_paragraph (report, TB_HTML_SIGN_OFF);
  g_autofree char *plain_text = last_paragraph (report, TB_HTML_DEFAULT);
  g_autofree char *blank_text = NULL;

  g_assert_cmpstr (tb_report_get_report_date (report), ==, "2022-01-20");
  g_assert_cmpstr (signed_text, ==, dated);
  g_assert_null (strstr (plain_text, agency));
  tb_report_set_report_date (report, NULL);
  blank_text = last_paragraph (report, TB_HTML_SIGN_OFF);
  g_assert_cmpstr (blank_text, ==, blank);
}

/* A report that is not ready, exported as a draft, carries the format's draft mark with
 * the number of errors and unfilled parts: first, and on every printed page. A ready
 * report is not marked. */
static void
test_draft (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GBytes) ready = tb_html_write (report, TB_HTML_DRAFT);
  g_autoptr(xmlDoc) ready_doc = parse (ready);
  g_autoptr(GBytes) html = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) styles = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *text = NULL;
  g_autofree char *css = NULL;
  guint issues;

  g_assert_cmpuint (count_all (ready_doc, "//p[@role='note']"), ==, 0);
  g_assert_null (strstr (g_bytes_get_data (ready, NULL), "@top-center"));

  tb_test_clear (report, "t3.r3_1_open.np");
  tb_test_type (report, "t2.reg.made", "x");
  issues = tb_readiness_count_blocking_issues (report);
  g_assert_cmpuint (issues, >=, 2);
  mark = tb_format_make_draft_mark (format, issues);
  html = tb_html_write (report, TB_HTML_DRAFT);
  doc = parse (html);
  first = find_all (doc, NULL, "//main/*[1]");
  g_assert_cmpstr ((const char *) ((xmlNodePtr) g_ptr_array_index (first, 0))->name, ==, "p");
  text = text_of (g_ptr_array_index (first, 0));
  g_assert_cmpstr (text, ==, mark);
  styles = find_all (doc, NULL, "//style");
  css = text_of (g_ptr_array_index (styles, 0));
  g_assert_nonnull (strstr (css, "@top-center { content: \""));
  g_assert_nonnull (strstr (css, mark));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *grid = g_strdup_printf ("/html/grid/%s", reports[i].name);
      g_autofree char *headers = g_strdup_printf ("/html/headers/%s", reports[i].name);
      g_autofree char *text = g_strdup_printf ("/html/text/%s", reports[i].name);

      g_test_add_data_func (grid, GUINT_TO_POINTER (i), test_grid);
      g_test_add_data_func (headers, GUINT_TO_POINTER (i), test_headers);
      g_test_add_data_func (text, GUINT_TO_POINTER (i), test_text);
    }
  g_test_add_func ("/html/sentence", test_sentence);
  g_test_add_func ("/html/level2", test_level2);
  g_test_add_func ("/html/self-contained", test_self_contained);
  g_test_add_func ("/html/fragment", test_fragment);
  g_test_add_func ("/html/escaping", test_escaping);
  g_test_add_func ("/html/empty", test_empty);
  g_test_add_func ("/html/deterministic", test_deterministic);
  g_test_add_func ("/html/table-alone", test_table_alone);
  g_test_add_func ("/html/preface", test_preface);
  g_test_add_func ("/html/sign-off", test_sign_off);
  g_test_add_func ("/html/draft", test_draft);
  return g_test_run ();
}
