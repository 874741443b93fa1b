/* test-docx-writer.c: the report as a Word document (src/convert/tb-docx-writer.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The .docx is unpacked with the zip reader and its parts parsed with libxml2: every part
 * is well-formed and declared, each table's merges (w:gridSpan, w:vMerge) and texts equal the
 * format's grid, the page is A4 with the GB/T 9704 margins, the fonts go by role, and the
 * same report gives the same bytes. LibreOffice opens the same files in
 * test-export-tools.py.
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-readiness.h"
#include "tb-zip.h"

#include "tb-test-export.h"
#include "tb-test-util.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

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

/* ---- Reading ---------------------------------------------------------------------------- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static TbZip *
write_docx (TbReport    *report,
            TbDocxFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = tb_docx_write (report, flags, &error);
  TbZip *zip;

  g_assert_no_error (error);
  g_assert_nonnull (docx);
  zip = tb_zip_read (docx, NULL, &error);
  g_assert_no_error (error);
  return zip;
}

/* Part @name of @zip, parsed; the test fails unless it is well-formed XML. */
static xmlDocPtr
parse_part (TbZip      *zip,
            const char *name)
{
  GBytes *bytes = tb_zip_get (zip, name);
  gsize len;
  const char *data;
  xmlDocPtr doc;

  if (bytes == NULL)
    g_error ("no part %s", name);
  data = g_bytes_get_data (bytes, &len);
  doc = xmlReadMemory (data, (int) len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                       XML_PARSE_NOWARNING);
  if (doc == NULL)
    g_error ("part %s is not well-formed XML", name);
  return doc;
}

static GPtrArray *
find_all (xmlDocPtr   doc,
          xmlNodePtr  context,
          const char *xpath)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  GPtrArray *nodes = g_ptr_array_new ();

  xmlXPathRegisterNs (ctx, (const xmlChar *) "w", (const xmlChar *) NS_W);
  xmlXPathRegisterNs (ctx, (const xmlChar *) "r", (const xmlChar *)
                      "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "ct", (const xmlChar *)
                      "http://schemas.openxmlformats.org/package/2006/content-types");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "rel", (const xmlChar *)
                      "http://schemas.openxmlformats.org/package/2006/relationships");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "dc", (const xmlChar *)
                      "http://purl.org/dc/elements/1.1/");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "dcterms", (const xmlChar *)
                      "http://purl.org/dc/terms/");
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
           xmlNodePtr  context,
           const char *xpath)
{
  g_autoptr(GPtrArray) nodes = find_all (doc, context, xpath);

  return nodes->len;
}

/* The string value of @xpath (an attribute or an element), or NULL when nothing matches. */
static char *
value_of (xmlDocPtr   doc,
          xmlNodePtr  context,
          const char *xpath)
{
  g_autoptr(GPtrArray) nodes = find_all (doc, context, xpath);
  xmlChar *content;
  char *text;

  if (nodes->len == 0)
    return NULL;
  content = xmlNodeGetContent (g_ptr_array_index (nodes, 0));
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

/* The text of the runs under @node (w:t, a w:tab as a tab). */
static char *
runs_text (xmlDocPtr  doc,
           xmlNodePtr node)
{
  g_autoptr(GPtrArray) parts = find_all (doc, node, ".//w:t | .//w:tab");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      xmlNodePtr part = g_ptr_array_index (parts, i);
      xmlChar *content;

      if (g_str_equal ((const char *) part->name, "tab"))
        {
          g_string_append_c (text, '\t');
          continue;
        }
      content = xmlNodeGetContent (part);
      g_string_append (text, (const char *) content);
      xmlFree (content);
    }
  return g_string_free (text, FALSE);
}

static guint
uvalue (xmlDocPtr   doc,
        xmlNodePtr  context,
        const char *xpath,
        guint       fallback)
{
  g_autofree char *v = value_of (doc, context, xpath);

  return v != NULL ? (guint) g_ascii_strtoull (v, NULL, 10) : fallback;
}

/* The cells of a w:tbl on its grid: a w:tc takes w:gridSpan columns; a w:tc with a bare
 * w:vMerge continues the cell above it (same columns) one row down. */
static GPtrArray *
read_grid (xmlDocPtr  doc,
           xmlNodePtr table)
{
  g_autoptr(GPtrArray) rows = find_all (doc, table, "./w:tr");
  GPtrArray *cells = tb_test_cells_new ();

  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GPtrArray) tcs = find_all (doc, g_ptr_array_index (rows, r), "./w:tc");
      guint col = 0;

      for (guint i = 0; i < tcs->len; i++)
        {
          xmlNodePtr tc = g_ptr_array_index (tcs, i);
          guint span = uvalue (doc, tc, "./w:tcPr/w:gridSpan/@w:val", 1);
          g_autofree char *merge = NULL;
          g_autofree char *text = runs_text (doc, tc);
          gboolean continues = FALSE;

          if (count_all (doc, tc, "./w:tcPr/w:vMerge") > 0)
            {
              merge = value_of (doc, tc, "./w:tcPr/w:vMerge/@w:val");
              continues = merge == NULL || g_str_equal (merge, "continue");
            }
          if (continues)
            {
              TbTestCell *above = NULL;

              for (guint k = 0; k < cells->len; k++)
                {
                  TbTestCell *c = g_ptr_array_index (cells, k);

                  if (c->col == col && c->row + c->rowspan == r)
                    above = c;
                }
              if (above == NULL || above->colspan != span)
                g_error ("row %u, column %u: a w:vMerge continues no cell of the same width",
                         r, col);
              g_assert_cmpstr (text, ==, "");
              above->rowspan++;
            }
          else
            tb_test_cells_add (cells, r, col, 1, span, text, FALSE);
          col += span;
        }
    }
  return cells;
}

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

static void
assert_tables (TbReport  *report,
               xmlDocPtr  doc)
{
  g_autoptr(GPtrArray) sections = table_sections (report);
  g_autoptr(GPtrArray) tables = find_all (doc, NULL, "//w:tbl");
  /* 156 mm in twips */
  guint text_width = (guint) lround (156.0 / 25.4 * 1440);

  g_assert_cmpuint (tables->len, ==, sections->len);
  for (guint i = 0; i < tables->len; i++)
    {
      const TbTableSpec *spec = ((const TbSectionSpec *) g_ptr_array_index (sections, i))->table;
      xmlNodePtr table = g_ptr_array_index (tables, i);
      g_autoptr(GPtrArray) cells = read_grid (doc, table);
      g_autoptr(GPtrArray) cols = find_all (doc, table, "./w:tblGrid/w:gridCol/@w:w");
      g_autoptr(GPtrArray) rows = find_all (doc, table, "./w:tr");
      guint width = 0;

      tb_test_assert_grid (report, spec, cells, FALSE);

      g_assert_cmpuint (cols->len, ==, spec->n_columns);
      for (guint c = 0; c < cols->len; c++)
        {
          xmlChar *w = xmlNodeGetContent (g_ptr_array_index (cols, c));

          width += (guint) g_ascii_strtoull ((const char *) w, NULL, 10);
          xmlFree (w);
        }
      g_assert_cmpuint (width, <=, text_width + 1);
      g_assert_cmpuint (width + 1, >=, text_width);

      /* Every row stays whole; the header rows, and only they, repeat on each page. */
      g_assert_cmpuint (rows->len, ==, spec->n_rows);
      for (guint r = 0; r < rows->len; r++)
        {
          xmlNodePtr tr = g_ptr_array_index (rows, r);

          g_assert_cmpuint (count_all (doc, tr, "./w:trPr/w:cantSplit"), ==, 1);
          g_assert_cmpuint (count_all (doc, tr, "./w:trPr/w:tblHeader"), ==,
                            r < spec->n_header_rows ? 1 : 0);
        }
    }
}

/* ---- Tests ------------------------------------------------------------------------------ */

static const char *const parts[] = {
  "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
  "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
  "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
};

/* Every part is there, well-formed, declared in [Content_Types].xml; every relationship
 * points at a part. */
static void
test_package (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  GPtrArray *names = tb_zip_list (zip);
  g_autoptr(xmlDoc) types = parse_part (zip, "[Content_Types].xml");
  const char *const rels[] = { "_rels/.rels", "word/_rels/document.xml.rels" };

  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "[Content_Types].xml");
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (parts));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(xmlDoc) doc = parse_part (zip, parts[i]);
      g_autofree char *xpath = g_strdup_printf ("//ct:Override[@PartName='/%s']", parts[i]);

      if (!g_str_has_suffix (parts[i], ".rels") && i > 0)
        g_assert_cmpuint (count_all (types, NULL, xpath), ==, 1);
    }
  g_assert_cmpuint (count_all (types, NULL, "//ct:Default[@Extension='rels']"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (rels); i++)
    {
      g_autoptr(xmlDoc) doc = parse_part (zip, rels[i]);
      g_autoptr(GPtrArray) targets = find_all (doc, NULL, "//rel:Relationship/@Target");
      const char *base = i == 0 ? "" : "word/";

      g_assert_cmpuint (targets->len, >, 0);
      for (guint k = 0; k < targets->len; k++)
        {
          xmlChar *target = xmlNodeGetContent (g_ptr_array_index (targets, k));
          g_autofree char *name = g_strconcat (base, (const char *) target, NULL);

          if (tb_zip_get (zip, name) == NULL)
            g_error ("%s points at %s, which is missing", rels[i], name);
          xmlFree (target);
        }
    }
}

static void
test_grid (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(TbReport) report = reports[which].make ();
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  g_autoptr(xmlDoc) doc = parse_part (zip, "word/document.xml");

  assert_tables (report, doc);
}

/* The title, the headings in order (outline levels through their styles), every paragraph. */
static void
test_text (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(TbReport) report = reports[which].make ();
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  g_autoptr(xmlDoc) doc = parse_part (zip, "word/document.xml");
  g_autoptr(GPtrArray) paras = find_all (doc, NULL, "/w:document/w:body/w:p");
  g_autoptr(GPtrArray) titles = find_all (doc, NULL, "//w:p[w:pPr/w:pStyle/@w:val='Title']");
  g_autoptr(GPtrArray) headings = find_all (doc, NULL,
                                            "//w:p[w:pPr/w:pStyle/@w:val='Heading1']");
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *title_text = NULL;
  guint pos = 0;

  g_assert_cmpuint (titles->len, ==, 1);
  title_text = runs_text (doc, g_ptr_array_index (titles, 0));
  g_assert_cmpstr (title_text, ==, title);
  g_assert_cmpuint (headings->len, ==, tb_format_get_n_sections (format));
  for (guint s = 0; s < headings->len; s++)
    {
      g_autofree char *text = runs_text (doc, g_ptr_array_index (headings, s));

      g_assert_cmpstr (text, ==, tb_format_get_section (format, s)->heading);
    }

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);
      g_auto(GStrv) lines = g_strsplit (tb_report_get_text (report, section->id), "\n", -1);

      while (pos < paras->len)
        {
          g_autofree char *text = runs_text (doc, g_ptr_array_index (paras, pos++));

          if (g_str_equal (text, section->heading))
            break;
        }
      if (section->type != TB_SECTION_TEXT)
        continue;
      if (section->sentence != NULL && section->n_fields > 0 &&
          tb_report_get_cell (report, section->fields[0])->state != TB_CELL_EMPTY)
        pos++;
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *want = tb_test_squeeze (lines[l]);
          g_autofree char *raw = NULL;
          g_autofree char *got = NULL;

          if (*want == '\0')
            continue;
          g_assert_cmpuint (pos, <, paras->len);
          raw = runs_text (doc, g_ptr_array_index (paras, pos++));
          got = tb_test_squeeze (raw);
          g_assert_cmpstr (got, ==, want);
        }
    }
}

/* A4 portrait, GB/T 9704 margins, page numbers "— n —" outside on odd and even pages. */
static void
test_page (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  g_autoptr(xmlDoc) doc = parse_part (zip, "word/document.xml");
  g_autoptr(xmlDoc) settings = parse_part (zip, "word/settings.xml");
  const struct { const char *xpath; double mm; } lengths[] = {
    { "//w:sectPr/w:pgSz/@w:w", 210 },
    { "//w:sectPr/w:pgSz/@w:h", 297 },
    { "//w:sectPr/w:pgMar/@w:top", 37 },
    { "//w:sectPr/w:pgMar/@w:left", 28 },
    { "//w:sectPr/w:pgMar/@w:right", 210 - 28 - 156 },
    { "//w:sectPr/w:pgMar/@w:bottom", 297 - 37 - 225 },
  };
  const char *const footers[] = { "word/footer1.xml", "word/footer2.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      guint twips = uvalue (doc, NULL, lengths[i].xpath, 0);

      /* Within a twip of the length (A4 is 11906 × 16838 as Word writes it). */
      g_assert_cmpfloat (fabs (twips - lengths[i].mm / 25.4 * 1440), <, 1.0);
    }
  g_assert_cmpuint (count_all (doc, NULL, "//w:sectPr/w:footerReference[@w:type='default']"),
                    ==, 1);
  g_assert_cmpuint (count_all (doc, NULL, "//w:sectPr/w:footerReference[@w:type='even']"),
                    ==, 1);
  g_assert_cmpuint (count_all (settings, NULL, "//w:evenAndOddHeaders"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (footers); i++)
    {
      g_autoptr(xmlDoc) footer = parse_part (zip, footers[i]);
      g_autofree char *text = runs_text (footer, xmlDocGetRootElement (footer));
      g_autofree char *field = value_of (footer, NULL, "//w:instrText");
      g_autofree char *jc = value_of (footer, NULL, "//w:pPr/w:jc/@w:val");

      g_assert_cmpstr (text, ==, "— 1 —");
      g_assert_cmpstr (g_strstrip (field), ==, "PAGE");
      g_assert_cmpstr (jc, ==, i == 0 ? "right" : "left");
    }
}

/* Fonts by role, with the East-Asian attribute, and a free font to fall back to. */
static void
test_fonts (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  g_autoptr(xmlDoc) styles = parse_part (zip, "word/styles.xml");
  g_autoptr(xmlDoc) fonts = parse_part (zip, "word/fontTable.xml");
  const struct { const char *style; const char *font; } roles[] = {
    { "Title", "方正小标宋简体" },
    { "Heading1", "黑体" },
    { "Heading2", "楷体_GB2312" },
    { "Normal", "仿宋_GB2312" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *xpath = g_strdup_printf ("//w:style[@w:styleId='%s']/w:rPr/w:rFonts"
                                                "/@w:eastAsia", roles[i].style);
      g_autofree char *font = value_of (styles, NULL, xpath);
      g_autofree char *alt_xpath = g_strdup_printf ("//w:font[@w:name='%s']/w:altName/@w:val",
                                                    roles[i].font);
      g_autofree char *alt = value_of (fonts, NULL, alt_xpath);

      g_assert_cmpstr (font, ==, roles[i].font);
      g_assert_nonnull (alt);
      g_assert_true (g_str_has_prefix (alt, "Noto ") || g_str_has_prefix (alt, "LXGW ") ||
                     g_str_has_prefix (alt, "AR PL "));
    }
  /* Headings are outline levels 1 and 2 (navigation pane, table of contents). */
  g_assert_cmpuint (count_all (styles, NULL, "//w:style[@w:styleId='Heading1']/w:pPr/"
                               "w:outlineLvl[@w:val='0']"), ==, 1);
  g_assert_cmpuint (count_all (styles, NULL, "//w:style[@w:styleId='Heading2']/w:pPr/"
                               "w:outlineLvl[@w:val='1']"), ==, 1);
}

/* Title and agency in the properties; the dates are the report's own. */
static void
test_properties (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  g_autoptr(xmlDoc) core = parse_part (zip, "docProps/core.xml");
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *got_title = value_of (core, NULL, "//dc:title");
  g_autofree char *subject = value_of (core, NULL, "//dc:subject");
  g_autofree char *creator = value_of (core, NULL, "//dc:creator");
  g_autofree char *created = value_of (core, NULL, "//dcterms:created");
  g_autofree char *modified = value_of (core, NULL, "//dcterms:modified");

  g_assert_cmpstr (got_title, ==, title);
  g_assert_cmpstr (subject, ==, tb_format_get_wording (tb_report_get_format (report),
                                                       TB_WORDING_SUBJECT));
  g_assert_cmpstr (creator, ==, tb_report_get_agency (report));
  g_assert_cmpstr (created, ==, tb_report_get_created (report));
  g_assert_cmpstr (modified, ==, tb_report_get_modified_time (report));
}

static void
test_deterministic (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(GBytes) draft = tb_draft_serialize (report);
  g_autoptr(TbReport) again = tb_draft_parse (g_bytes_get_data (draft, NULL),
                                              g_bytes_get_size (draft), NULL);
  g_autoptr(GBytes) a = tb_docx_write (report, TB_DOCX_DEFAULT, NULL);
  g_autoptr(GBytes) b = tb_docx_write (report, TB_DOCX_DEFAULT, NULL);
  g_autoptr(GBytes) c = NULL;

  g_assert_nonnull (again);
  c = tb_docx_write (again, TB_DOCX_DEFAULT, NULL);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_true (g_bytes_equal (a, c));
}

/* Markup and characters XML forbids in the report's text give a well-formed document with
 * the text kept (forbidden characters replaced); unreadable and empty cells as in the PDF. */
static void
test_escaping (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbZip) zip = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlDoc) core = NULL;
  g_autoptr(GPtrArray) paras = NULL;
  g_autofree char *creator = NULL;
  gboolean found = FALSE;

  tb_report_set_agency (report, "<w:p>&\"局\"]]>");
  tb_report_set_text (report, "s5", "a<b>c</b>\x01\x0b d & e\ttab");
  tb_test_type (report, "t3.r3_1_open.np", "12<3");
  tb_test_clear (report, "t3.r3_1_open.law");
  zip = write_docx (report, TB_DOCX_DEFAULT);
  doc = parse_part (zip, "word/document.xml");
  core = parse_part (zip, "docProps/core.xml");
  creator = value_of (core, NULL, "//dc:creator");
  g_assert_cmpstr (creator, ==, "<w:p>&\"局\"]]>");

  paras = find_all (doc, NULL, "/w:document/w:body/w:p");
  for (guint i = 0; i < paras->len; i++)
    {
      g_autofree char *text = runs_text (doc, g_ptr_array_index (paras, i));

      found |= g_str_equal (text, "a<b>c</b>\xef\xbf\xbd\xef\xbf\xbd d & e\ttab");
    }
  g_assert_true (found);
  assert_tables (report, doc);
}

static void
test_empty (void)
{
  g_autoptr(TbReport) report = tb_report_new (tb_format_get ("2021"));
  g_autoptr(TbZip) zip = write_docx (report, TB_DOCX_DEFAULT);
  g_autoptr(xmlDoc) doc = parse_part (zip, "word/document.xml");
  g_autoptr(xmlDoc) core = parse_part (zip, "docProps/core.xml");

  assert_tables (report, doc);
  /* No dates in the report: none in the file (never the time of the export). */
  g_assert_cmpuint (count_all (core, NULL, "//dcterms:created | //dcterms:modified"), ==, 0);
}

/* The body's paragraphs, in order, as text. (transfer full) */
static GPtrArray *
body_paragraphs (TbReport    *report,
                 TbDocxFlags  flags)
{
  g_autoptr(TbZip) zip = write_docx (report, flags);
  g_autoptr(xmlDoc) doc = parse_part (zip, "word/document.xml");
  g_autoptr(GPtrArray) paras = find_all (doc, NULL, "/w:document/w:body/w:p");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < paras->len; i++)
    g_ptr_array_add (texts, runs_text (doc, g_ptr_array_index (paras, i)));
  return texts;
}

/* The title, then the format's preface. */
static void
test_preface (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autofree char *preface = tb_format_make_preface (tb_report_get_format (report), 2021);
  g_autoptr(GPtrArray) texts = body_paragraphs (report, TB_DOCX_DEFAULT);
  g_autofree char *title = tb_report_dup_title (report);

  g_assert_nonnull (preface);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, title);
  g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, preface);
}

/* The 落款 at the end: the agency, then the date as the format writes it (or its blank). */
static void
test_sign_off (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *date = tb_format_make_date (format, "2022-01-20");
  g_autoptr(GPtrArray) with = body_paragraphs (report, TB_DOCX_SIGN_OFF);
  g_autoptr(GPtrArray) without = body_paragraphs (report, TB_DOCX_DEFAULT);
  g_autoptr(GPtrArray) blank = NULL;

  g_assert_cmpuint (with->len, ==, without->len + 2);
  g_assert_cmpstr (g_ptr_array_index (with, with->len - 2), ==, tb_report_get_agency (report));
  g_assert_cmpstr (g_ptr_array_index (with, with->len - 1), ==, date);
  tb_report_set_report_date (report, NULL);
  blank = body_paragraphs (report, TB_DOCX_SIGN_OFF);
  g_assert_cmpstr (g_ptr_array_index (blank, blank->len - 1), ==,
                   tb_format_get_wording (format, TB_WORDING_DATE_BLANK));
}

/* A draft carries the format's draft mark in the headers of every page; a ready report
 * exported with the same flag has no headers at all. */
static void
test_draft (void)
{
  g_autoptr(TbReport) report = tb_test_make_full_2021 ();
  g_autoptr(TbZip) ready = write_docx (report, TB_DOCX_DRAFT);
  g_autoptr(TbZip) zip = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlDoc) types = NULL;
  g_autofree char *mark = NULL;
  guint issues;

  g_assert_null (tb_zip_get (ready, "word/header1.xml"));
  tb_test_clear (report, "t3.r3_1_open.np");
  issues = tb_readiness_count_blocking_issues (report);
  g_assert_cmpuint (issues, >=, 1);
  mark = tb_format_make_draft_mark (tb_report_get_format (report), issues);

  zip = write_docx (report, TB_DOCX_DRAFT);
  doc = parse_part (zip, "word/document.xml");
  types = parse_part (zip, "[Content_Types].xml");
  g_assert_cmpuint (count_all (doc, NULL, "//w:sectPr/w:headerReference"), ==, 2);
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("word/header%u.xml", i);
      g_autofree char *xpath = g_strdup_printf ("//ct:Override[@PartName='/%s']", name);
      g_autoptr(xmlDoc) header = parse_part (zip, name);
      g_autofree char *text = runs_text (header, xmlDocGetRootElement (header));

      g_assert_cmpstr (text, ==, mark);
      g_assert_cmpuint (count_all (types, NULL, xpath), ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/docx/package", test_package);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *grid = g_strdup_printf ("/docx/grid/%s", reports[i].name);
      g_autofree char *text = g_strdup_printf ("/docx/text/%s", reports[i].name);

      g_test_add_data_func (grid, GUINT_TO_POINTER (i), test_grid);
      g_test_add_data_func (text, GUINT_TO_POINTER (i), test_text);
    }
  g_test_add_func ("/docx/page", test_page);
  g_test_add_func ("/docx/fonts", test_fonts);
  g_test_add_func ("/docx/properties", test_properties);
  g_test_add_func ("/docx/deterministic", test_deterministic);
  g_test_add_func ("/docx/escaping", test_escaping);
  g_test_add_func ("/docx/empty", test_empty);
  g_test_add_func ("/docx/preface", test_preface);
  g_test_add_func ("/docx/sign-off", test_sign_off);
  g_test_add_func ("/docx/draft", test_draft);
  return g_test_run ();
}
