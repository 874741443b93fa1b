/* tb-docx-writer-parts.c: the parts of a .docx besides the document body
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Styles carry the fonts by role (tb-font-roles.h): the official font for every script
 * (w:ascii, w:hAnsi, w:eastAsia, w:cs), and the font table tells Word, WPS and LibreOffice
 * which free font stands in for it where it is missing (w:altName) and what kind of font
 * it is (w:family, w:charset 86 = GB2312), which they use to pick a substitute.
 * Elements are written in the order the schema (ECMA-376 Part 1) requires: Word refuses
 * files whose property elements come in another order.
 */
#include "config.h"

#include <string.h>

#include "tb-docx-writer-private.h"
#include "tb-font-roles.h"
#include "tb-publish.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* ---- Package ------------------------------------------------------------------------- */

static const char content_types[] =
  XML_DECL
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" "
  "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
  "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
  "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
  "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
  "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
  "<Override PartName=\"/docProps/core.xml\" "
  "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
  "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.extended-properties+xml\"/>";

static const char content_types_headers[] =
  "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
  "<Override PartName=\"/word/header2.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>";

static const char package_rels[] =
  XML_DECL
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
  "relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
  "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
  "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
  "</Relationships>\n";

static const char document_rels[] =
  XML_DECL
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
  "2006/relationships/styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
  "2006/relationships/settings\" Target=\"settings.xml\"/>"
  "<Relationship Id=\"rIdFontTable\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
  "2006/relationships/fontTable\" Target=\"fontTable.xml\"/>"
  "<Relationship Id=\"" TB_DOCX_RID_FOOTER_ODD "\" Type=\"http://schemas.openxmlformats.org/"
  "officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
  "<Relationship Id=\"" TB_DOCX_RID_FOOTER_EVEN "\" Type=\"http://schemas.openxmlformats.org/"
  "officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>";

static const char document_rels_headers[] =
  "<Relationship Id=\"" TB_DOCX_RID_HEADER_ODD "\" Type=\"http://schemas.openxmlformats.org/"
  "officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
  "<Relationship Id=\"" TB_DOCX_RID_HEADER_EVEN "\" Type=\"http://schemas.openxmlformats.org/"
  "officeDocument/2006/relationships/header\" Target=\"header2.xml\"/>";

/* Even and odd pages get their own footer (page number outside); the typography of
 * Chinese text: punctuation compressed at line starts and ends, as Word does for zh-CN. */
static const char settings[] =
  XML_DECL
  "<w:settings xmlns:w=\"" TB_DOCX_NS_W "\">"
  "<w:zoom w:percent=\"100\"/>"
  "<w:defaultTabStop w:val=\"420\"/>"
  "<w:evenAndOddHeaders/>"
  "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
  "<w:compat>"
  "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/"
  "word\" w:val=\"15\"/>"
  "</w:compat>"
  "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
  "<w:decimalSymbol w:val=\".\"/>"
  "<w:listSeparator w:val=\",\"/>"
  "</w:settings>\n";

/* ---- Fonts ----------------------------------------------------------------------------- */

void
_tb_docx_append_fonts (GString *out,
                       int      role)
{
  const char *font = tb_font_role_get_official (role);

  g_string_append (out, "<w:rFonts w:ascii=\"");
  tb_publish_append_escaped (out, font);
  g_string_append (out, "\" w:hAnsi=\"");
  tb_publish_append_escaped (out, font);
  g_string_append (out, "\" w:eastAsia=\"");
  tb_publish_append_escaped (out, font);
  g_string_append (out, "\" w:cs=\"");
  tb_publish_append_escaped (out, font);
  g_string_append (out, "\" w:hint=\"eastAsia\"/>");
}

static char *
font_table (void)
{
  GString *out = g_string_new (XML_DECL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  g_string_append (out, "<w:fonts xmlns:w=\"" TB_DOCX_NS_W "\">");
  for (int role = 0; role < TB_N_FONT_ROLES; role++)
    {
      const char *font = tb_font_role_get_official (role);

      if (g_ptr_array_find_with_equal_func (seen, font, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) font);
      g_string_append (out, "<w:font w:name=\"");
      tb_publish_append_escaped (out, font);
      g_string_append (out, "\"><w:altName w:val=\"");
      tb_publish_append_escaped (out, tb_font_role_get_fallback (role));
      g_string_append_printf (out, "\"/><w:charset w:val=\"86\"/>"
                              "<w:family w:val=\"%s\"/><w:pitch w:val=\"variable\"/>"
                              "</w:font>",
                              g_str_equal (tb_font_role_get (role)->generic, "serif")
                              ? "roman" : "swiss");
    }
  g_string_append (out, "</w:fonts>\n");
  return g_string_free (out, FALSE);
}

/* ---- Styles ---------------------------------------------------------------------------- */

/* <w:rPr> of @role: fonts, bold or not, size in half points. */
static void
append_role_rpr (GString *out,
                 int      role)
{
  const TbFontRoleSpec *spec = tb_font_role_get (role);
  guint half_points = (guint) (spec->size * 2 + 0.5);

  g_string_append (out, "<w:rPr>");
  _tb_docx_append_fonts (out, role);
  g_string_append_printf (out, "<w:b w:val=\"%d\"/><w:bCs w:val=\"%d\"/><w:i w:val=\"0\"/>"
                          "<w:color w:val=\"000000\"/><w:sz w:val=\"%u\"/>"
                          "<w:szCs w:val=\"%u\"/></w:rPr>",
                          spec->bold, spec->bold, half_points, half_points);
}

static void
append_paragraph_style (GString    *out,
                        const char *id,
                        const char *name,
                        const char *based_on,
                        const char *ppr,
                        int         role,
                        gboolean    primary)
{
  g_string_append_printf (out, "<w:style w:type=\"paragraph\"%s w:styleId=\"%s\">"
                          "<w:name w:val=\"%s\"/>",
                          g_str_equal (id, "Normal") ? " w:default=\"1\"" : "", id, name);
  if (based_on != NULL)
    g_string_append_printf (out, "<w:basedOn w:val=\"%s\"/>", based_on);
  if (based_on != NULL)
    g_string_append (out, "<w:next w:val=\"Normal\"/>");
  if (primary)
    g_string_append (out, "<w:qFormat/>");
  g_string_append_printf (out, "<w:pPr>%s</w:pPr>", ppr);
  append_role_rpr (out, role);
  g_string_append (out, "</w:style>");
}

static char *
styles (void)
{
  GString *out = g_string_new (XML_DECL);
  g_autofree char *body_ppr = NULL;
  g_autofree char *title_ppr = NULL;
  g_autofree char *cell_ppr = NULL;
  g_autofree char *sign_off_ppr = NULL;

  /* Body: 三号 (16 pt) with a two-character first-line indent, justified, 22 lines a
   * page; the title one and a quarter lines high with a blank line after it. */
  body_ppr = g_strdup_printf ("<w:widowControl/><w:spacing w:before=\"0\" w:after=\"0\" "
                              "w:line=\"%d\" w:lineRule=\"exact\"/>"
                              "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
                              "<w:jc w:val=\"both\"/>", TB_DOCX_LINE);
  title_ppr = g_strdup_printf ("<w:spacing w:before=\"0\" w:after=\"%d\" w:line=\"%d\" "
                               "w:lineRule=\"exact\"/>"
                               "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
                               "<w:jc w:val=\"center\"/>",
                               TB_DOCX_LINE, TB_DOCX_LINE * 5 / 4);
  cell_ppr = g_strdup ("<w:keepNext w:val=\"0\"/><w:snapToGrid w:val=\"0\"/>"
                       "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" "
                       "w:lineRule=\"auto\"/>"
                       "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
                       "<w:jc w:val=\"left\"/>");
  sign_off_ppr = g_strdup ("<w:ind w:right=\"1280\" w:firstLineChars=\"0\" "
                           "w:firstLine=\"0\"/><w:jc w:val=\"right\"/>");

  g_string_append (out, "<w:styles xmlns:w=\"" TB_DOCX_NS_W "\">");

  /* Defaults: the body font, 三号, Chinese text. */
  g_string_append (out, "<w:docDefaults><w:rPrDefault><w:rPr>");
  _tb_docx_append_fonts (out, TB_FONT_ROLE_BODY);
  g_string_append (out, "<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
                        "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
                        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
                        "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
                        "</w:pPr></w:pPrDefault></w:docDefaults>");

  /* Normal: the body text. */
  append_paragraph_style (out, "Normal", "Normal", NULL, body_ppr, TB_FONT_ROLE_BODY, TRUE);
  append_paragraph_style (out, TB_DOCX_STYLE_TITLE, "Title", "Normal", title_ppr,
                          TB_FONT_ROLE_TITLE, TRUE);
  {
    /* Headings stay with what follows and are outline levels (navigation, contents). */
    const char *h1 = "<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"0\"/>";
    const char *h2 = "<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"1\"/>";

    append_paragraph_style (out, TB_DOCX_STYLE_HEADING1, "heading 1", "Normal", h1,
                            TB_FONT_ROLE_HEADING1, TRUE);
    append_paragraph_style (out, TB_DOCX_STYLE_HEADING2, "heading 2", "Normal", h2,
                            TB_FONT_ROLE_HEADING2, TRUE);
  }
  append_paragraph_style (out, TB_DOCX_STYLE_SIGN_OFF, "Tianbao Sign-off", "Normal",
                          sign_off_ppr, TB_FONT_ROLE_BODY, FALSE);
  append_paragraph_style (out, TB_DOCX_STYLE_CELL, "Tianbao Table Text", "Normal", cell_ppr,
                          TB_FONT_ROLE_TABLE, FALSE);
  g_string_append_printf (out, "<w:style w:type=\"paragraph\" w:styleId=\"%s\">"
                          "<w:name w:val=\"Tianbao Table Heading\"/>"
                          "<w:basedOn w:val=\"%s\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                          "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>",
                          TB_DOCX_STYLE_CELL_HEAD, TB_DOCX_STYLE_CELL);
  {
    g_autofree char *footer_ppr = g_strdup ("<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
                                            "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>");

    append_paragraph_style (out, "Footer", "footer", "Normal", footer_ppr,
                            TB_FONT_ROLE_PAGE_NUMBER, FALSE);
  }

  /* The level-2 heading that runs into its paragraph: 楷体. */
  g_string_append_printf (out, "<w:style w:type=\"character\" w:styleId=\"%s\">"
                          "<w:name w:val=\"Tianbao Run-in Heading\"/><w:rPr>",
                          TB_DOCX_STYLE_LEAD);
  _tb_docx_append_fonts (out, TB_FONT_ROLE_HEADING2);
  g_string_append (out, "</w:rPr></w:style>");

  g_string_append (out, "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
                        "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>"
                        "<w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
                        "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
                        "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
                        "<w:bottom w:w=\"0\" w:type=\"dxa\"/>"
                        "<w:right w:w=\"108\" w:type=\"dxa\"/>"
                        "</w:tblCellMar></w:tblPr></w:style>");
  g_string_append (out, "</w:styles>\n");
  return g_string_free (out, FALSE);
}

/* ---- Footers --------------------------------------------------------------------------- */

/* "— n —" in 四号 (14 pt), one character in from the outer edge: right on odd pages, left
 * on even pages (GB/T 9704 7.5). */
static char *
footer (gboolean odd)
{
  GString *out = g_string_new (XML_DECL);

  g_string_append (out, "<w:ftr xmlns:w=\"" TB_DOCX_NS_W "\" xmlns:r=\"" TB_DOCX_NS_R "\">"
                        "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>");
  g_string_append (out, odd ? "<w:ind w:rightChars=\"100\" w:right=\"280\" "
                              "w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>"
                            : "<w:ind w:leftChars=\"100\" w:left=\"280\" "
                              "w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/>");
  g_string_append (out, "</w:pPr>"
                        "<w:r><w:t xml:space=\"preserve\">\u2014 </w:t></w:r>"
                        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                        "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                        "<w:r><w:t>1</w:t></w:r>"
                        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                        "<w:r><w:t xml:space=\"preserve\"> \u2014</w:t></w:r>"
                        "</w:p></w:ftr>\n");
  return g_string_free (out, FALSE);
}

/* The draft mark at the top of every page, centred, in red, as in the PDF. */
static char *
draft_header (const char *mark)
{
  GString *out = g_string_new (XML_DECL);

  g_string_append (out, "<w:hdr xmlns:w=\"" TB_DOCX_NS_W "\" xmlns:r=\"" TB_DOCX_NS_R "\">"
                        "<w:p><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
                        "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
                        "<w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr>");
  _tb_docx_append_fonts (out, TB_FONT_ROLE_HEADING1);
  g_string_append (out, "<w:b/><w:bCs/><w:color w:val=\"C00000\"/><w:sz w:val=\"24\"/>"
                        "<w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">");
  tb_publish_append_escaped (out, mark);
  g_string_append (out, "</w:t></w:r></w:p></w:hdr>\n");
  return g_string_free (out, FALSE);
}

/* ---- Document properties --------------------------------------------------------------- */

/* An ISO 8601 timestamp of the report as W3CDTF in UTC, or NULL. */
static char *
w3c_time (const char *timestamp)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (timestamp == NULL || *timestamp == '\0')
    return NULL;
  time = g_date_time_new_from_iso8601 (timestamp, utc);
  if (time == NULL)
    return NULL;
  in_utc = g_date_time_to_utc (time);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
append_element (GString    *out,
                const char *name,
                const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append_printf (out, "<%s>", name);
  tb_publish_append_escaped (out, text);
  g_string_append_printf (out, "</%s>", name);
}

/* Title and agency; the dates are the report's own (never the time of the export), so
 * the same report gives the same file. */
static char *
core_properties (TbReport *report)
{
  GString *out = g_string_new (XML_DECL);
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *created = w3c_time (tb_report_get_created (report));
  g_autofree char *modified = w3c_time (tb_report_get_modified_time (report));

  g_string_append (out, "<cp:coreProperties "
                        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                        "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                        "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
                        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
  append_element (out, "dc:title", title);
  append_element (out, "dc:subject", tb_format_get_wording (tb_report_get_format (report),
                                                            TB_WORDING_SUBJECT));
  append_element (out, "dc:creator", tb_report_get_agency (report));
  append_element (out, "cp:lastModifiedBy", tb_report_get_agency (report));
  g_string_append (out, "<dc:language>zh-CN</dc:language>");
  if (created != NULL)
    g_string_append_printf (out, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s"
                            "</dcterms:created>", created);
  if (modified != NULL)
    g_string_append_printf (out, "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s"
                            "</dcterms:modified>", modified);
  g_string_append (out, "</cp:coreProperties>\n");
  return g_string_free (out, FALSE);
}

static char *
app_properties (TbReport *report)
{
  GString *out = g_string_new (XML_DECL);

  g_string_append (out, "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/"
                        "2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/"
                        "officeDocument/2006/docPropsVTypes\">"
                        "<Application>Tianbao</Application>");
  append_element (out, "Company", tb_report_get_agency (report));
  g_string_append (out, "</Properties>\n");
  return g_string_free (out, FALSE);
}

/* ---- All ------------------------------------------------------------------------------- */

static void
add_take (TbZipWriter *zip,
          const char  *name,
          char        *text)
{
  tb_zip_writer_add_string (zip, name, text);
  g_free (text);
}

void
_tb_docx_add_parts (TbZipWriter *zip,
                    TbReport    *report,
                    char        *document,
                    const char  *draft_mark)
{
  add_take (zip, "[Content_Types].xml",
            g_strconcat (content_types, draft_mark ? content_types_headers : "", "</Types>\n",
                         NULL));
  tb_zip_writer_add_string (zip, "_rels/.rels", package_rels);
  add_take (zip, "docProps/core.xml", core_properties (report));
  add_take (zip, "docProps/app.xml", app_properties (report));
  add_take (zip, "word/document.xml", document);
  add_take (zip, "word/_rels/document.xml.rels",
            g_strconcat (document_rels, draft_mark ? document_rels_headers : "",
                         "</Relationships>\n", NULL));
  add_take (zip, "word/styles.xml", styles ());
  tb_zip_writer_add_string (zip, "word/settings.xml", settings);
  add_take (zip, "word/fontTable.xml", font_table ());
  add_take (zip, "word/footer1.xml", footer (TRUE));
  add_take (zip, "word/footer2.xml", footer (FALSE));
  if (draft_mark != NULL)
    {
      add_take (zip, "word/header1.xml", draft_header (draft_mark));
      add_take (zip, "word/header2.xml", draft_header (draft_mark));
    }
}
