/* test-import-readers.c: the text and HTML readers (src/convert/tb-text-reader.c,
 * tb-html-reader.c, tb-charset.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tb-charset.h"
#include "tb-html-reader.h"
#include "tb-text-reader.h"

static TbSourceBlock *
nth_block (TbSource   *source,
           TbBlockKind kind,
           guint       n)
{
  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *block = g_ptr_array_index (source->blocks, i);

      if (block->kind == kind && n-- == 0)
        return block;
    }
  g_assert_not_reached ();
  return NULL;
}

static const char *
cell_text (TbSourceBlock *table,
           guint          row,
           guint          col)
{
  TbSourceCell *cell = tb_source_table_get_cell (table, row, col);

  g_assert_nonnull (cell);
  return cell->text;
}

static gboolean
has_paragraph (TbSource   *source,
               const char *needle)
{
  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *block = g_ptr_array_index (source->blocks, i);

      if (block->kind == TB_BLOCK_PARAGRAPH && strstr (block->text, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ text */

static void
test_text_rows (void)
{
  g_autoptr(TbSource) source = tb_text_reader_read_string (
    "二、主动公开政府信息情况\n"
    "\n"
    "第二十条第（一）项\t\t\t\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t\t2\n"
    "\n"
    "- 3 -\n"
    "\n"
    "行政规范性文件 12 3 85\n"
    "我局  坚持公开为常态、不公开为例外的原则，做好各项工作。\n");
  TbSourceBlock *table = nth_block (source, TB_BLOCK_TABLE, 0);

  g_assert_true (table->ragged);
  /* The page number and the blank lines around it are a page break inside the table. */
  g_assert_cmpuint (table->n_rows, ==, 4);
  g_assert_cmpstr (cell_text (table, 0, 0), ==, "第二十条第（一）项");
  g_assert_cmpstr (cell_text (table, 0, 3), ==, "");
  g_assert_cmpstr (cell_text (table, 2, 1), ==, "0");
  g_assert_cmpstr (cell_text (table, 2, 2), ==, "");
  g_assert_cmpstr (cell_text (table, 3, 0), ==, "行政规范性文件");
  g_assert_cmpstr (cell_text (table, 3, 3), ==, "85");
  /* Prose with two spaces in it stays prose. */
  g_assert_true (has_paragraph (source, "我局 坚持公开为常态"));
  g_assert_true (has_paragraph (source, "二、主动公开政府信息情况"));
}

static void
test_text_markdown (void)
{
  g_autoptr(TbSource) source = tb_text_reader_read_string (
    "## 三、收到和处理政府信息公开申请情况\n"
    "| 信息内容 | 本年制发件数 |\n"
    "|:---|---:|\n"
    "| 规章 | 1\\|2 |\n");
  TbSourceBlock *table = nth_block (source, TB_BLOCK_TABLE, 0);

  g_assert_cmpuint (table->n_rows, ==, 2);
  g_assert_true (tb_source_table_get_cell (table, 0, 0)->header);
  g_assert_false (tb_source_table_get_cell (table, 1, 0)->header);
  g_assert_cmpstr (cell_text (table, 1, 1), ==, "1|2");
  /* The heading mark is not part of the heading. */
  g_assert_cmpstr (nth_block (source, TB_BLOCK_PARAGRAPH, 0)->text, ==,
                   "三、收到和处理政府信息公开申请情况");
}

static void
test_text_wrapped (void)
{
  /* Lines a PDF viewer wrapped: each paragraph starts indented. */
  g_autoptr(TbSource) source = tb_text_reader_read_string (
    "\u3000\u3000第一段的第一行，这一行被阅读器在这里折断了，\n"
    "第一段的第二行。\n"
    "\u3000\u3000第二段只有一行，不与前面相连，内容足够长。\n"
    "\u3000\u3000第三段也是单独的一段，内容足够长一些了。\n");

  g_assert_true (nth_block (source, TB_BLOCK_PARAGRAPH, 0)->continues);
  g_assert_false (nth_block (source, TB_BLOCK_PARAGRAPH, 1)->continues);
  g_assert_false (nth_block (source, TB_BLOCK_PARAGRAPH, 2)->continues);
}

static void
check_decoded (const char *bytes,
               gsize       len,
               const char *expected_used)
{
  g_autoptr(GBytes) data = g_bytes_new (bytes, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = tb_text_reader_read (data, &error);
  const char *used = NULL;
  g_autofree char *text = tb_charset_decode (bytes, len, NULL, &used, NULL, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, expected_used);
  g_assert_cmpstr (nth_block (source, TB_BLOCK_PARAGRAPH, 0)->text, ==, "一、总体情况");
}

static void
test_text_encodings (void)
{
  const char *utf8 = "一、总体情况\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  gsize le_len = 0, be_len = 0;
  g_autofree char *le = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &le_len, NULL);
  g_autofree char *be = g_convert (utf8, -1, "UTF-16BE", "UTF-8", NULL, &be_len, NULL);
  g_autofree char *le_bom = g_malloc (le_len + 2);
  g_autofree char *be_bom = g_malloc (be_len + 2);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", utf8, NULL);

  memcpy (le_bom, "\xFF\xFE", 2);
  memcpy (le_bom + 2, le, le_len);
  memcpy (be_bom, "\xFE\xFF", 2);
  memcpy (be_bom + 2, be, be_len);

  check_decoded (utf8, strlen (utf8), "UTF-8");
  check_decoded (bom, strlen (bom), "UTF-8");
  check_decoded (gb, strlen (gb), "GB18030");
  check_decoded (le_bom, le_len + 2, "UTF-16LE");
  check_decoded (be_bom, be_len + 2, "UTF-16BE");
}

static void
test_text_refused (void)
{
  g_autoptr(GBytes) binary = g_bytes_new ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr(GBytes) empty = g_bytes_new (" \n\t\n", 4);
  g_autoptr(GBytes) invalid = g_bytes_new ("一、总体情况\n\xff\xfe\xfd\x80 abc\n", 23);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = NULL;
  gsize big_len = TB_SOURCE_MAX_SIZE + 1;
  g_autofree char *big_data = g_malloc (big_len);
  g_autoptr(GBytes) big = NULL;

  g_assert_null (tb_text_reader_read (binary, &error));
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_BINARY);
  g_clear_error (&error);
  g_assert_null (tb_text_reader_read (empty, &error));
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_EMPTY);
  g_clear_error (&error);

  memset (big_data, 'a', big_len);
  big = g_bytes_new_static (big_data, big_len);
  g_assert_null (tb_text_reader_read (big, &error));
  g_assert_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Bytes that are neither UTF-8 nor GB18030 are replaced, and the notes say so. */
  source = tb_text_reader_read (invalid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nth_block (source, TB_BLOCK_PARAGRAPH, 0)->text, ==, "一、总体情况");
  g_assert_cmpuint (source->notes->len, >, 0);
  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *block = g_ptr_array_index (source->blocks, i);

      if (block->kind == TB_BLOCK_PARAGRAPH)
        g_assert_true (g_utf8_validate (block->text, -1, NULL));
    }
}

/* ------------------------------------------------------------------ HTML */

static TbSource *
read_html (const char *html,
           gssize      len)
{
  g_autoptr(GBytes) data = g_bytes_new (html, len < 0 ? strlen (html) : (gsize) len);
  g_autoptr(GError) error = NULL;
  TbSource *source = tb_html_reader_read (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

static void
test_html_grid (void)
{
  g_autoptr(TbSource) source = read_html (
    "<html><body><table>"
    "<thead><tr><th colspan=\"3\" rowspan=\"2\">注</th><th colspan=\"2\">申请人情况</th></tr>"
    "<tr><th>自然人</th><th>总计</th></tr></thead>"
    "<tbody><tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=\"2\">"
    "<span>（一）</span><span>予以</span><span>公开</span></td><td>&nbsp;5&nbsp;</td>"
    "<td>\u3000</td></tr>"
    "<tr><td colspan=\"2\"><p>（二）部分公开</p><p>（区分处理的）</p></td><td>1</td>"
    "<td>1</td></tr></tbody>"
    "<tfoot><tr><td colspan=\"5\">脚注</td></tr></tfoot></table></body></html>", -1);
  TbSourceBlock *table = nth_block (source, TB_BLOCK_TABLE, 0);
  TbSourceCell *spanned;

  g_assert_false (table->ragged);
  g_assert_cmpuint (table->n_rows, ==, 5);
  g_assert_cmpuint (table->n_columns, ==, 5);
  g_assert_cmpstr (cell_text (table, 1, 2), ==, "注");
  g_assert_cmpstr (cell_text (table, 1, 3), ==, "自然人");
  g_assert_true (tb_source_table_get_cell (table, 1, 3)->header);
  g_assert_cmpstr (cell_text (table, 2, 1), ==, "（一）予以公开");
  g_assert_cmpstr (cell_text (table, 2, 3), ==, "5");
  g_assert_cmpstr (cell_text (table, 2, 4), ==, "");
  /* The rowspan from the row above covers column 0 of the next row. */
  spanned = tb_source_table_get_cell (table, 3, 0);
  g_assert_cmpstr (spanned->text, ==, "三、本年度办理结果");
  g_assert_cmpuint (spanned->row, ==, 2);
  g_assert_cmpstr (cell_text (table, 3, 1), ==, "（二）部分公开\n（区分处理的）");
  g_assert_cmpstr (cell_text (table, 3, 3), ==, "1");
  g_assert_cmpstr (cell_text (table, 4, 0), ==, "脚注");
  g_assert_cmpuint (tb_source_table_get_cell (table, 3, 3)->pos.row, ==, 4);
  g_assert_cmpuint (tb_source_table_get_cell (table, 3, 3)->pos.column, ==, 4);
}

static void
test_html_main_content (void)
{
  g_autoptr(TbSource) source = read_html (
    "<!DOCTYPE html><html><head><title>某局2024年政府信息公开工作年度报告_某县人民政府</title>"
    "<style>p{}</style><script>document.write('一、脚本');</script></head><body>"
    "<div class=\"nav-bar\"><a href=\"/\">首页</a> 政务公开</div>"
    "<div class=\"left\"><ul><li><a href=\"#\">某局2023年政府信息公开工作年度报告</a></li></ul>"
    "<p>一、这是侧栏里的一行</p><table><tr><td>侧栏</td><td>表格</td></tr>"
    "<tr><td>2</td><td>3</td></tr></table></div>"
    "<h1>某局2024年政府信息公开工作年度报告</h1>"
    "<div class=\"content\"><p>一、总体情况</p><p>正文<br>第二行</p>"
    "<p>二、主动公开政府信息情况</p>"
    "<table><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>1</td></tr></table>"
    "<p>五、存在的主要问题及改进情况</p><p>无。</p>"
    "<p>六、其他需要报告的事项</p><p>无。</p>"
    "<p style=\"display: none\">隐藏的字</p>"
    "<div class=\"bdshare\">分享到：微信</div><p><a>【打印本页】</a><a>【关闭窗口】</a></p></div>"
    "<div class=\"footer\"><p>主办单位：某县人民政府</p></div></body></html>", -1);

  g_assert_cmpstr (source->title, ==, "某局2024年政府信息公开工作年度报告_某县人民政府");
  /* The title outside the content is kept, before it. */
  g_assert_cmpstr (nth_block (source, TB_BLOCK_PARAGRAPH, 0)->text, ==,
                   "某局2024年政府信息公开工作年度报告");
  g_assert_true (has_paragraph (source, "正文"));
  g_assert_true (has_paragraph (source, "第二行"));
  g_assert_true (has_paragraph (source, "无。"));
  g_assert_false (has_paragraph (source, "脚本"));
  g_assert_false (has_paragraph (source, "首页"));
  g_assert_false (has_paragraph (source, "侧栏"));
  g_assert_false (has_paragraph (source, "隐藏"));
  g_assert_false (has_paragraph (source, "分享"));
  g_assert_false (has_paragraph (source, "打印"));
  g_assert_false (has_paragraph (source, "主办"));
  /* Only the report's table: the sidebar's is outside the content. */
  g_assert_cmpstr (cell_text (nth_block (source, TB_BLOCK_TABLE, 0), 0, 0), ==, "规章");
}

static void
test_html_encodings (void)
{
  const char *metas[] = {
    "<meta charset=\"gbk\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">",
    "",
    "<meta charset=\"utf-8\">",  /* declared UTF-8, but GBK bytes: detected */
  };

  for (guint i = 0; i < G_N_ELEMENTS (metas); i++)
    {
      g_autofree char *utf8 = g_strconcat ("<html><head>", metas[i],
                                           "</head><body><p>一、总体情况</p></body></html>",
                                           NULL);
      g_autofree char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
      g_autoptr(TbSource) from_gbk = read_html (gbk, -1);
      g_autoptr(TbSource) from_utf8 = read_html (utf8, -1);

      g_assert_cmpstr (nth_block (from_gbk, TB_BLOCK_PARAGRAPH, 0)->text, ==, "一、总体情况");
      g_assert_cmpstr (nth_block (from_utf8, TB_BLOCK_PARAGRAPH, 0)->text, ==, "一、总体情况");
    }
}

static void
test_html_sniff (void)
{
  static const char *const html[] = {
    "<!DOCTYPE html>\n<html>", "  <HTML><BODY>", "\xEF\xBB\xBF<html>", "<table><tr><td>1",
    "<meta charset=gbk><p>一</p>",
  };
  static const char *const not_html[] = {
    "一、总体情况\n<p>", "| a | b |", "%PDF-1.4", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (html); i++)
    g_assert_true (tb_html_reader_sniff (html[i], strlen (html[i])));
  for (guint i = 0; i < G_N_ELEMENTS (not_html); i++)
    g_assert_false (tb_html_reader_sniff (not_html[i], strlen (not_html[i])));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/readers/text/rows", test_text_rows);
  g_test_add_func ("/readers/text/markdown", test_text_markdown);
  g_test_add_func ("/readers/text/wrapped", test_text_wrapped);
  g_test_add_func ("/readers/text/encodings", test_text_encodings);
  g_test_add_func ("/readers/text/refused", test_text_refused);
  g_test_add_func ("/readers/html/grid", test_html_grid);
  g_test_add_func ("/readers/html/main-content", test_html_main_content);
  g_test_add_func ("/readers/html/encodings", test_html_encodings);
  g_test_add_func ("/readers/html/sniff", test_html_sniff);
  return g_test_run ();
}
