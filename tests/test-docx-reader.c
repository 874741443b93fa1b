/* test-docx-reader.c: Word documents read into a TbSource (src/convert/tb-docx-reader.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures saved by LibreOffice (tests/data/import/, build-aux/make-import-fixtures)
 * give the official grids of data/formats/ and the draft's values and texts; small
 * documents written here the way Word writes them test the markup one construct at a time;
 * hostile archives and parts are refused with a message.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "tb-docx-reader.h"
#include "tb-format.h"
#include "tb-test-import.h"
#include "tb-zip.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"

static const char CONTENT_TYPES[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

static const char RELS[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
  "relationships/officeDocument\" Target=\"word/main.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
  "relationships/metadata/core-properties\" Target=\"/docProps/core.xml\"/>"
  "</Relationships>";

/* A Word package around @body (the content of w:body) in the namespace @ns; the main part
 * is named by the package relationships (word/main.xml, not the usual name). */
static GBytes *
make_docx (const char *ns,
           const char *body,
           const char *title)
{
  g_autoptr(TbZipWriter) writer = tb_zip_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *document = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                               "<w:document xmlns:w=\"%s\"><w:body>%s"
                                               "<w:sectPr/></w:body></w:document>", ns, body);
  GBytes *docx;

  tb_zip_writer_add_string (writer, "[Content_Types].xml", CONTENT_TYPES);
  tb_zip_writer_add_string (writer, "_rels/.rels", RELS);
  tb_zip_writer_add_string (writer, "word/main.xml", document);
  if (title != NULL)
    {
      g_autofree char *core = g_strdup_printf (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
        "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        "<dc:creator>x</dc:creator><dc:title>%s</dc:title></cp:coreProperties>", title);

      tb_zip_writer_add_string (writer, "docProps/core.xml", core);
    }
  docx = tb_zip_writer_finish (writer, &error);
  g_assert_no_error (error);
  return docx;
}

static TbSource *
read_ok (GBytes *docx)
{
  g_autoptr(GError) error = NULL;
  TbSource *source = tb_docx_read (docx, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpint (source->kind, ==, TB_SOURCE_DOCX);
  return source;
}

static void
assert_refused (GBytes     *data,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = tb_docx_read (data, &error);

  g_assert_null (source);
  g_assert_error (error, TB_DOCX_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

/* The paragraphs of @source, "|"-separated. */
static char *
paragraphs (TbSource *source)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *b = g_ptr_array_index (source->blocks, i);

      if (b->kind == TB_BLOCK_PARAGRAPH)
        g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", b->text);
    }
  return g_string_free (out, FALSE);
}

/* ---- The fixtures --------------------------------------------------------------------- */

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".docx", NULL);
  g_autoptr(GBytes) docx = tb_test_fixture_bytes (file);
  g_autoptr(TbReport) report = tb_test_fixture_report (name);
  g_autoptr(TbSource) source = read_ok (docx);
  g_autoptr(GPtrArray) tables = tb_test_source_tables (source);
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *title = tb_report_dup_title (report);

  g_assert_cmpstr (source->title, ==, title);
  g_assert_cmpuint (source->notes->len, ==, 0);
  /* Tables 二, 三 and 四 with the official grid, merges and labels, and the draft's values
   * in their cells. */
  g_assert_cmpuint (tables->len, ==, tb_format_get_n_tables (format));
  for (guint i = 0; i < tables->len; i++)
    tb_test_assert_grid (g_ptr_array_index (tables, i), tb_format_get_table (format, i), report);
  /* Every paragraph of 一, 五 and 六 as typed. */
  g_assert_cmpuint (tb_test_assert_texts (source, report, FALSE), ==, 0);
}

/* ---- Word's markup -------------------------------------------------------------------- */

#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(props, text) "<w:tc><w:tcPr>" props "</w:tcPr>" P (text) "</w:tc>"

static const char MERGES[] =
  "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
  "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
  TC ("<w:gridSpan w:val=\"2\"/>", "申请人情况") TC ("", "总计") "</w:tr>"
  "<w:tr>" TC ("<w:vMerge w:val=\"restart\"/>", "三、本年度办理结果") TC ("", "1") TC ("", "2")
  "</w:tr>"
  /* Word writes a continuing cell as <w:vMerge/>, without a value. */
  "<w:tr>" "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" TC ("", "3") TC ("", "4") "</w:tr>"
  "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>"
  TC ("", "5") "</w:tr>"
  "<w:tr>" TC ("<w:hMerge w:val=\"restart\"/>", "（七）总计")
  "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>" TC ("", "6") "</w:tr>"
  /* A vertical merge into a cell of another width does not merge. */
  "<w:tr>" "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/><w:vMerge/></w:tcPr>" P ("7") "</w:tc>"
  "</w:tr>"
  "</w:tbl>";

static void
assert_cell (TbSourceBlock *table,
             guint          row,
             guint          col,
             guint          rowspan,
             guint          colspan,
             const char    *text)
{
  TbSourceCell *cell = tb_source_table_get_cell (table, row, col);

  g_assert_nonnull (cell);
  g_assert_cmpuint (cell->row, ==, row);
  g_assert_cmpuint (cell->col, ==, col);
  g_assert_cmpuint (cell->rowspan, ==, rowspan);
  g_assert_cmpuint (cell->colspan, ==, colspan);
  g_assert_cmpstr (cell->text, ==, text);
  g_assert_cmpuint (cell->pos.table, ==, 1);
  g_assert_cmpuint (cell->pos.row, ==, row + 1);
  g_assert_cmpuint (cell->pos.column, ==, col + 1);
}

static void
test_merges (void)
{
  g_autoptr(GBytes) docx = make_docx (W_NS, MERGES, NULL);
  g_autoptr(TbSource) source = read_ok (docx);
  TbSourceBlock *table;

  g_assert_cmpuint (source->blocks->len, ==, 1);
  table = g_ptr_array_index (source->blocks, 0);
  g_assert_cmpint (table->kind, ==, TB_BLOCK_TABLE);
  g_assert_cmpuint (table->n_rows, ==, 6);
  g_assert_cmpuint (table->n_columns, ==, 3);
  assert_cell (table, 0, 0, 1, 2, "申请人情况");
  g_assert_true (tb_source_table_get_cell (table, 0, 0)->header);
  g_assert_false (tb_source_table_get_cell (table, 1, 1)->header);
  assert_cell (table, 0, 2, 1, 1, "总计");
  assert_cell (table, 1, 0, 2, 1, "三、本年度办理结果");
  assert_cell (table, 2, 1, 1, 1, "3");
  assert_cell (table, 2, 2, 1, 1, "4");
  /* w:gridBefore: the first column stays empty. */
  g_assert_null (tb_source_table_get_cell (table, 3, 0));
  assert_cell (table, 3, 1, 1, 1, "5");
  g_assert_null (tb_source_table_get_cell (table, 3, 2));
  assert_cell (table, 4, 0, 1, 2, "（七）总计");
  assert_cell (table, 4, 2, 1, 1, "6");
  assert_cell (table, 5, 0, 1, 3, "7");
  g_assert_cmpuint (table->cells->len, ==, 11);
}

static const char TEXT[] =
  /* A title (by its style, or centred) wrapped by a line break is one paragraph. */
  "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>盐池县审计局</w:t><w:br/>"
  "<w:t>2020年报告</w:t></w:r></w:p>"
  "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>Annual</w:t><w:br/><w:t>Report</w:t>"
  "</w:r></w:p>"
  /* Tracked changes: deleted text is not the document's, inserted text is. */
  "<w:p><w:r><w:t>本年</w:t></w:r><w:del><w:r><w:delText>未</w:delText></w:r>"
  "<w:r><w:t>旧</w:t></w:r></w:del><w:ins><w:r><w:t>共</w:t></w:r></w:ins>"
  "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>收到</w:t></w:r></w:moveTo>"
  "<w:r><w:t xml:space=\"preserve\"> 3 </w:t></w:r><w:r><w:t>件</w:t></w:r></w:p>"
  /* Tabs are spaces; a manual line break starts a new paragraph. */
  "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>"
  /* Symbols: a Unicode one is kept, a Wingdings tick left out; hidden text left out. */
  "<w:p><w:r><w:sym w:font=\"SimSun\" w:char=\"2605\"/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>"
  "<w:t>重点</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
  "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>可见</w:t></w:r></w:p>"
  /* A field shows its result, not its instruction; content controls, hyperlinks and
   * smart tags hold text; a non-breaking hyphen is a hyphen. */
  "<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
  "<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
  "<w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r>"
  "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r>"
  "</w:sdtContent></w:sdt><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
  "<w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t></w:r></w:p>"
  /* Empty paragraphs are no paragraphs; a block-level content control holds paragraphs. */
  "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">　 </w:t></w:r></w:p>"
  "<w:sdt><w:sdtContent>" P ("六、其他需要报告的事项") "</w:sdtContent></w:sdt>";

static void
test_text (gconstpointer data)
{
  g_autoptr(GBytes) docx = make_docx (data, TEXT, "盐池县审计局2020年政府信息公开工作年度报告");
  g_autoptr(TbSource) source = read_ok (docx);
  g_autofree char *text = paragraphs (source);

  g_assert_cmpstr (text, ==, "盐池县审计局2020年报告|Annual Report|本年共收到 3 件|甲 乙|丙|"
                             "★重点可见|第7页控件链接A-B|六、其他需要报告的事项");
  g_assert_cmpstr (source->title, ==, "盐池县审计局2020年政府信息公开工作年度报告");
  g_assert_cmpuint (source->notes->len, ==, 0);
}

static void
test_nested_table (void)
{
  g_autoptr(GBytes) docx = make_docx (W_NS,
    "<w:tbl><w:tr>" TC ("", "行政复议")
    "<w:tc><w:p><w:r><w:t>前</w:t></w:r></w:p><w:tbl><w:tr>" TC ("", "维持") TC ("", "纠正")
    "</w:tr><w:tr>" TC ("", "1") TC ("", "2") "</w:tr></w:tbl></w:tc></w:tr></w:tbl>", NULL);
  g_autoptr(TbSource) source = read_ok (docx);
  TbSourceBlock *table = g_ptr_array_index (source->blocks, 0);

  g_assert_cmpuint (source->blocks->len, ==, 1);
  g_assert_cmpuint (table->n_columns, ==, 2);
  g_assert_cmpstr (tb_source_table_get_cell (table, 0, 1)->text, ==, "前\n维持 纠正\n1 2");
  g_assert_cmpuint (source->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (source->notes, 0), "1"));
  g_assert_null (source->title);
}

/* Rows beyond what TbSource holds are left with a note, not read. */
static void
test_long_table (void)
{
  g_autoptr(GString) body = g_string_new ("<w:tbl>");
  g_autoptr(TbSource) source = NULL;
  g_autoptr(GBytes) docx = NULL;
  TbSourceBlock *table;

  for (guint i = 0; i < 2100; i++)
    g_string_append (body, "<w:tr>" TC ("", "0") "</w:tr>");
  g_string_append (body, "</w:tbl>" P ("后"));
  docx = make_docx (W_NS, body->str, NULL);
  source = read_ok (docx);
  table = g_ptr_array_index (source->blocks, 0);
  g_assert_cmpuint (table->n_rows, ==, 2000);
  g_assert_cmpuint (source->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (source->notes, 0), "2000"));
  g_assert_cmpuint (source->blocks->len, ==, 2);
}

/* ---- Hostile documents ---------------------------------------------------------------- */

/* An archive written by libarchive itself (what a hostile file may hold): @names with
 * @contents, or @size bytes of spaces where the content is NULL. @options: e.g.
 * "zip:encryption=zipcrypt". Returns NULL if libarchive cannot write that. */
static GBytes *
raw_zip (const char *const *names,
         const char *const *contents,
         gsize               size,
         const char         *options)
{
  struct archive *a = archive_write_new ();
  gsize cap = 8 * 1024 * 1024;
  guint8 *buffer = g_malloc (cap);
  size_t used = 0;
  g_autofree char *spaces = g_malloc (MAX (size, 1));

  memset (spaces, ' ', size);
  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  if (options != NULL && archive_write_set_options (a, options) != ARCHIVE_OK)
    {
      archive_write_free (a);
      g_free (buffer);
      return NULL;
    }
  if (options != NULL)
    archive_write_set_passphrase (a, "secret");
  g_assert_cmpint (archive_write_open_memory (a, buffer, cap, &used), ==, ARCHIVE_OK);
  for (guint i = 0; names[i] != NULL; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      const char *content = contents[i] != NULL ? contents[i] : spaces;
      gsize len = contents[i] != NULL ? strlen (contents[i]) : size;

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) len);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, content, len), ==, (la_ssize_t) len);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_bytes_new_take (buffer, used);
}

static const char MINIMAL[] =
  "<w:document xmlns:w=\"" W_NS "\"><w:body>" P ("正文") "</w:body></w:document>";

static void
test_zip_bomb (void)
{
  const char *names[] = { "word/document.xml", NULL };
  const char *contents[] = { NULL, NULL };
  /* 6 MiB of spaces deflate to a few kilobytes. */
  g_autoptr(GBytes) bomb = raw_zip (names, contents, 6 * 1024 * 1024, NULL);

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 64 * 1024);
  assert_refused (bomb, TB_DOCX_ERROR_LIMIT, "zip bomb");
}

static void
test_traversal (void)
{
  const char *names[] = { "word/document.xml", "../../../home/user/.bashrc", NULL };
  const char *contents[] = { MINIMAL, "rm -rf ~", NULL };
  const char *abs_names[] = { "/etc/cron.d/job", "word/document.xml", NULL };
  g_autoptr(GBytes) climbing = raw_zip (names, contents, 0, NULL);
  g_autoptr(GBytes) absolute = raw_zip (abs_names, contents, 0, NULL);

  assert_refused (climbing, TB_DOCX_ERROR_INVALID, "../../../home/user/.bashrc");
  assert_refused (absolute, TB_DOCX_ERROR_INVALID, "/etc/cron.d/job");
}

static void
test_encrypted (void)
{
  const char *names[] = { "word/document.xml", NULL };
  const char *contents[] = { MINIMAL, NULL };
  g_autoptr(GBytes) plain = raw_zip (names, contents, 0, NULL);
  g_autoptr(GBytes) locked = raw_zip (names, contents, 0, "zip:encryption=zipcrypt");
  g_autoptr(TbSource) source = read_ok (plain);
  g_autofree char *text = paragraphs (source);
  /* A password-protected Word file is an OLE compound file holding "EncryptedPackage". */
  static const guint8 ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0,
                                'E', 0, 'n', 0, 'c', 0, 'r', 0, 'y', 0, 'p', 0, 't', 0, 'e', 0,
                                'd', 0, 'P', 0, 'a', 0, 'c', 0, 'k', 0, 'a', 0, 'g', 0, 'e', 0 };
  g_autoptr(GBytes) protected = g_bytes_new_static (ole, sizeof ole);
  g_autoptr(GBytes) doc97 = g_bytes_new_static (ole, 16);

  g_assert_cmpstr (text, ==, "正文");
  g_assert_true (tb_docx_sniff (ole, sizeof ole));
  assert_refused (protected, TB_DOCX_ERROR_ENCRYPTED, NULL);
  assert_refused (doc97, TB_DOCX_ERROR_UNSUPPORTED, ".doc");
  if (locked == NULL)
    {
      g_test_skip ("libarchive cannot write encrypted zip entries here");
      return;
    }
  assert_refused (locked, TB_DOCX_ERROR_ENCRYPTED, NULL);
}

static void
test_not_word (void)
{
  const char *odt_names[] = { "mimetype", "content.xml", NULL };
  const char *odt[] = { "application/vnd.oasis.opendocument.text", "<x/>", NULL };
  const char *xlsx_names[] = { "xl/workbook.xml", NULL };
  const char *other_names[] = { "readme.txt", NULL };
  const char *some[] = { "<x/>", NULL };
  g_autoptr(GBytes) odt_zip = raw_zip (odt_names, odt, 0, NULL);
  g_autoptr(GBytes) xlsx = raw_zip (xlsx_names, some, 0, NULL);
  g_autoptr(GBytes) other = raw_zip (other_names, some, 0, NULL);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) fixture = tb_test_fixture_bytes ("qingyuan-2021.docx");
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (fixture, 0,
                                                        g_bytes_get_size (fixture) * 3 / 5);

  assert_refused (odt_zip, TB_DOCX_ERROR_UNSUPPORTED, "OpenDocument");
  assert_refused (xlsx, TB_DOCX_ERROR_UNSUPPORTED, "Excel");
  assert_refused (other, TB_DOCX_ERROR_INVALID, "word/document.xml");
  assert_refused (pdf, TB_DOCX_ERROR_INVALID, NULL);
  assert_refused (empty, TB_DOCX_ERROR_INVALID, NULL);
  g_assert_false (tb_docx_sniff (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf)));
  assert_refused (truncated, TB_DOCX_ERROR_INVALID, NULL);
}

static void
test_hostile_xml (void)
{
  const char *names[] = { "word/document.xml", NULL };
  const char *doctype[] = { "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
                            "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document xmlns:w=\"" W_NS
                            "\"><w:body><w:p><w:r><w:t>&b;&b;&b;</w:t></w:r></w:p></w:body>"
                            "</w:document>", NULL };
  const char *broken[] = { "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p>", NULL };
  const char *not_utf8[] = { "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>\xff\xfe"
                             "</w:t></w:r></w:p></w:body></w:document>", NULL };
  const char *no_body[] = { "<w:document xmlns:w=\"" W_NS "\"/>", NULL };
  const char *wrong_ns[] = { "<w:document xmlns:w=\"urn:other\"><w:body/></w:document>", NULL };
  g_autoptr(GString) deep = g_string_new ("<w:document xmlns:w=\"" W_NS "\"><w:body>");
  const char *deep_content[] = { NULL, NULL };
  g_autoptr(GBytes) deep_zip = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (deep, "<w:tbl><w:tr><w:tc>");
  deep_content[0] = deep->str;
  deep_zip = raw_zip (names, deep_content, 0, NULL);

  {
    g_autoptr(GBytes) z = raw_zip (names, doctype, 0, NULL);
    assert_refused (z, TB_DOCX_ERROR_INVALID, "DOCTYPE");
  }
  {
    g_autoptr(GBytes) z = raw_zip (names, broken, 0, NULL);
    assert_refused (z, TB_DOCX_ERROR_INVALID, "word/document.xml");
  }
  {
    g_autoptr(GBytes) z = raw_zip (names, not_utf8, 0, NULL);
    assert_refused (z, TB_DOCX_ERROR_INVALID, NULL);
  }
  {
    g_autoptr(GBytes) z = raw_zip (names, no_body, 0, NULL);
    assert_refused (z, TB_DOCX_ERROR_INVALID, "body");
  }
  {
    g_autoptr(GBytes) z = raw_zip (names, wrong_ns, 0, NULL);
    assert_refused (z, TB_DOCX_ERROR_INVALID, "body");
  }
  /* Tables nested 10,000 deep: libxml2 stops at its depth limit. */
  assert_refused (deep_zip, TB_DOCX_ERROR_INVALID, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/docx/fixture/2019-format", "yanchi-2020", test_fixture);
  g_test_add_data_func ("/docx/fixture/2021-format", "qingyuan-2021", test_fixture);
  g_test_add_func ("/docx/word/merges", test_merges);
  g_test_add_data_func ("/docx/word/text", W_NS, test_text);
  g_test_add_data_func ("/docx/word/strict", W_STRICT, test_text);
  g_test_add_func ("/docx/word/nested-table", test_nested_table);
  g_test_add_func ("/docx/word/long-table", test_long_table);
  g_test_add_func ("/docx/hostile/zip-bomb", test_zip_bomb);
  g_test_add_func ("/docx/hostile/traversal", test_traversal);
  g_test_add_func ("/docx/hostile/encrypted", test_encrypted);
  g_test_add_func ("/docx/hostile/not-word", test_not_word);
  g_test_add_func ("/docx/hostile/xml", test_hostile_xml);

  return g_test_run ();
}
