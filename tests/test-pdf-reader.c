/* test-pdf-reader.c: the text layer of PDFs read into a TbSource (src/convert/tb-pdf-*.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures saved by LibreOffice (tests/data/import/, build-aux/make-import-fixtures)
 * must give back the official grids of data/formats/ (their merges found from the ruling
 * lines, tables cut by page breaks joined again), the draft's values and its texts; the
 * same report without ruling lines must give every row with its label and values. Small
 * PDFs drawn here with cairo test one thing at a time; scans, encrypted, damaged and
 * hostile files are refused with a message.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "tb-format.h"
#include "tb-pdf-reader.h"
#include "tb-test-import.h"

#define CJK_FONT "Noto Serif CJK SC"

static TbSource *
read_ok (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  TbSource *source = tb_pdf_read (pdf, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpint (source->kind, ==, TB_SOURCE_PDF);
  return source;
}

static void
assert_refused (GBytes     *data,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = tb_pdf_read (data, &error);

  g_assert_null (source);
  g_assert_error (error, TB_PDF_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef void (*DrawPage) (cairo_t *cr, guint page);

/* A PDF of @n_pages A4 pages drawn by @draw, made with cairo. */
static GBytes *
make_pdf (guint    n_pages,
          DrawPage draw)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_to_array, out,
                                                                  595.0, 842.0);
  cairo_t *cr = cairo_create (surface);

  for (guint p = 0; p < n_pages; p++)
    {
      draw (cr, p);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
text_at (cairo_t    *cr,
         double      x,
         double      baseline,
         double      size,
         const char *text)
{
  cairo_select_font_face (cr, CJK_FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, text);
}

/* Text centred on @x. */
static void
text_centred (cairo_t    *cr,
              double      x,
              double      baseline,
              double      size,
              const char *text)
{
  cairo_text_extents_t ext;

  cairo_select_font_face (cr, CJK_FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, text, &ext);
  text_at (cr, x - ext.x_advance / 2, baseline, size, text);
}

/* ---- The fixtures --------------------------------------------------------------------- */

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autoptr(GBytes) pdf = tb_test_fixture_bytes (file);
  g_autoptr(TbReport) report = tb_test_fixture_report (name);
  g_autoptr(TbSource) source = read_ok (pdf);
  g_autoptr(GPtrArray) tables = tb_test_source_tables (source);
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *title = tb_report_dup_title (report);
  TbSourceBlock *t3;

  g_assert_cmpstr (source->title, ==, title);
  /* The title, wrapped over two lines, is one paragraph again. */
  g_assert_cmpstr (((TbSourceBlock *) g_ptr_array_index (source->blocks, 0))->text, ==, title);
  g_assert_cmpuint (source->notes->len, ==, 0);
  /* The ruling lines give the official grids and merges (table 三 cut by a page break
   * and joined again), and every cell holds the draft's value. */
  g_assert_cmpuint (tables->len, ==, tb_format_get_n_tables (format));
  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, g_ptr_array_index (tables, i));
      tb_test_assert_grid (g_ptr_array_index (tables, i), tb_format_get_table (format, i), report);
      tb_test_assert_rows (one, tb_format_get_table (format, i), report, FALSE);
    }
  /* Table 三's header rows, repeated on the next page, are known to be its header. */
  t3 = g_ptr_array_index (tables, 1);
  for (guint i = 0; i < t3->cells->len; i++)
    {
      TbSourceCell *cell = g_ptr_array_index (t3->cells, i);

      g_assert_true (cell->header == (cell->row < tb_format_get_table (format, 1)->n_header_rows));
      g_assert_cmpuint (cell->pos.page, >, 0);
    }
  /* The texts, without page numbers, paragraphs cut by page breaks marked and joined. */
  tb_test_assert_texts (source, report, TRUE);
  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *b = g_ptr_array_index (source->blocks, i);

      g_assert_cmpuint (b->pos.page, >, 0);
      if (b->kind == TB_BLOCK_PARAGRAPH)
        g_assert_false (g_str_has_prefix (b->text, "—"));
    }
}

/* The 2019 report's first text runs over a page break in the middle of a paragraph. */
static void
test_fixture_continues (void)
{
  g_autoptr(GBytes) pdf = tb_test_fixture_bytes ("yanchi-2020.pdf");
  g_autoptr(TbReport) report = tb_test_fixture_report ("yanchi-2020");
  g_autoptr(TbSource) source = read_ok (pdf);

  g_assert_cmpuint (tb_test_assert_texts (source, report, TRUE), ==, 1);
}

/* Without ruling lines, every row still has its label and its values in order. */
static void
test_fixture_no_rulings (void)
{
  g_autoptr(GBytes) pdf = tb_test_fixture_bytes ("qingyuan-2021-noborder.pdf");
  g_autoptr(TbReport) report = tb_test_fixture_report ("qingyuan-2021");
  g_autoptr(TbSource) source = read_ok (pdf);
  g_autoptr(GPtrArray) tables = tb_test_source_tables (source);
  const TbFormat *format = tb_report_get_format (report);

  /* The tables are read from their text alone (their grid is unknown); table 三, cut by
   * a page break, is two tables then. */
  g_assert_cmpuint (tables->len, ==, tb_format_get_n_tables (format) + 1);
  for (guint i = 0; i < tables->len; i++)
    g_assert_true (((TbSourceBlock *) g_ptr_array_index (tables, i))->ragged);
  for (guint t = 0; t < tb_format_get_n_tables (format); t++)
    tb_test_assert_rows (tables, tb_format_get_table (format, t), report, TRUE);
  tb_test_assert_texts (source, report, TRUE);
}

/* ---- Drawn tables --------------------------------------------------------------------- */

static void
line (cairo_t *cr,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

/*  +--------+-----------------+
 *  |        |   申请人情况    |
 *  | 办理结果+--------+--------+
 *  |        | 自然人 | 总计   |
 *  +--------+--------+--------+
 *  | （七）总计       |  12    |
 *  +-----------------+--------+                       */
static void
draw_table (cairo_t *cr,
            guint    page)
{
  double x[] = { 100, 250, 350, 450 }, y[] = { 100, 130, 160, 190 };

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  line (cr, x[0], y[0], x[3], y[0]);
  line (cr, x[1], y[1], x[3], y[1]);
  line (cr, x[0], y[2], x[3], y[2]);
  line (cr, x[0], y[3], x[3], y[3]);
  line (cr, x[0], y[0], x[0], y[3]);
  line (cr, x[1], y[0], x[1], y[2]);
  line (cr, x[2], y[1], x[2], y[3]);
  line (cr, x[3], y[0], x[3], y[3]);
  text_at (cr, 105, 150, 10.5, "办理结果");
  text_centred (cr, 350, 120, 10.5, "申请人情况");
  text_at (cr, 255, 150, 10.5, "自然人");
  text_at (cr, 355, 150, 10.5, "总计");
  text_at (cr, 105, 180, 10.5, "（七）总计");
  text_at (cr, 390, 180, 10.5, "12");
  /* A box around a word is no table. */
  cairo_rectangle (cr, 100, 300, 120, 30);
  cairo_stroke (cr);
  text_at (cr, 110, 320, 12, "附件");
}

static void
test_ruled_table (void)
{
  g_autoptr(GBytes) pdf = make_pdf (1, draw_table);
  g_autoptr(TbSource) source = read_ok (pdf);
  TbSourceBlock *table;
  struct { guint row, col, rowspan, colspan; const char *text; } expected[] = {
    { 0, 0, 2, 1, "办理结果" },
    { 0, 1, 1, 2, "申请人情况" },
    { 1, 1, 1, 1, "自然人" },
    { 1, 2, 1, 1, "总计" },
    { 2, 0, 1, 2, "（七）总计" },
    { 2, 2, 1, 1, "12" },
  };

  g_assert_cmpuint (source->blocks->len, ==, 2);
  table = g_ptr_array_index (source->blocks, 0);
  g_assert_cmpint (table->kind, ==, TB_BLOCK_TABLE);
  g_assert_cmpuint (table->n_rows, ==, 3);
  g_assert_cmpuint (table->n_columns, ==, 3);
  g_assert_cmpuint (table->cells->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TbSourceCell *cell = tb_source_table_get_cell (table, expected[i].row, expected[i].col);

      g_assert_nonnull (cell);
      g_assert_cmpuint (cell->row, ==, expected[i].row);
      g_assert_cmpuint (cell->col, ==, expected[i].col);
      g_assert_cmpuint (cell->rowspan, ==, expected[i].rowspan);
      g_assert_cmpuint (cell->colspan, ==, expected[i].colspan);
      g_assert_cmpstr (cell->text, ==, expected[i].text);
      g_assert_cmpuint (cell->pos.page, ==, 1);
      g_assert_cmpuint (cell->pos.table, ==, 1);
    }
  g_assert_cmpstr (((TbSourceBlock *) g_ptr_array_index (source->blocks, 1))->text, ==, "附件");
}

/* ---- Pages: headers, footers, a paragraph over a page break --------------------------- */

#define EM 16.0
#define LEFT 80.0
#define CHARS 25   /* a full line */

static const char *const PARA[] = {
  /* 25 characters a line; the first line indented by two. */
  "本机关坚持以公开为常态、不公开为例外，认真贯彻",
  "落实政府信息公开条例，全面推进决策、执行、管理、服",
  "务、结果公开，切实保障人民群众的知情权、参与权、表",
  "达权和监督权，各项工作取得明显成效。",
};

static void
draw_pages (cairo_t *cr,
            guint    page)
{
  g_autofree char *number = g_strdup_printf ("— %u —", page + 1);

  cairo_set_source_rgb (cr, 0, 0, 0);
  /* A running header and a page number. */
  text_centred (cr, LEFT + CHARS * EM / 2, 50, 10.5, "清源县市场监督管理局");
  text_centred (cr, LEFT + CHARS * EM / 2, 800, 14, number);
  if (page == 0)
    {
      text_at (cr, LEFT + 2 * EM, 150, EM, "一、总体情况");
      text_at (cr, LEFT + 2 * EM, 178, EM, PARA[0]);
      /* The page ends in the middle of the paragraph. */
      text_at (cr, LEFT, 206, EM, PARA[1]);
    }
  else if (page == 1)
    {
      text_at (cr, LEFT, 150, EM, PARA[2]);
      text_at (cr, LEFT, 178, EM, PARA[3]);
      text_at (cr, LEFT + 2 * EM, 206, EM, "二、主动公开政府信息情况");
    }
  else
    text_at (cr, LEFT + 2 * EM, 150, EM, "无。");
}

static void
test_pages (void)
{
  g_autoptr(GBytes) pdf = make_pdf (3, draw_pages);
  g_autoptr(TbSource) source = read_ok (pdf);
  const char *expected[] = { "一、总体情况", NULL, NULL, "二、主动公开政府信息情况", "无。" };
  g_autofree char *first = g_strconcat (PARA[0], PARA[1], NULL);
  g_autofree char *rest = g_strconcat (PARA[2], PARA[3], NULL);

  expected[1] = first;
  expected[2] = rest;
  g_assert_cmpuint (source->blocks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TbSourceBlock *b = g_ptr_array_index (source->blocks, i);

      g_assert_cmpint (b->kind, ==, TB_BLOCK_PARAGRAPH);
      g_assert_cmpstr (b->text, ==, expected[i]);
      g_assert_true (b->continues == (i == 1));
      g_assert_cmpuint (b->pos.page, ==, i < 2 ? 1 : i < 4 ? 2 : 3);
    }
}

/* ---- Refused ---------------------------------------------------------------------------- */

/* A scan: the page is a picture of text, with no text layer. */
static void
draw_scan (cairo_t *cr,
           guint    page)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 100);
  cairo_t *icr = cairo_create (image);

  cairo_set_source_rgb (icr, 1, 1, 1);
  cairo_paint (icr);
  cairo_set_source_rgb (icr, 0, 0, 0);
  text_at (icr, 10, 50, 24, "政府信息公开工作年度报告");
  cairo_destroy (icr);
  cairo_set_source_surface (cr, image, 100, 100);
  cairo_paint (cr);
  cairo_surface_destroy (image);
}

static void
draw_nothing (cairo_t *cr,
              guint    page)
{
}

static void
draw_some_text (cairo_t *cr,
                guint    page)
{
  if (page % 2 == 0)
    text_at (cr, 100, 100, 12, "正文");
}

static void
test_scan (void)
{
  g_autoptr(GBytes) scan = make_pdf (2, draw_scan);
  g_autoptr(GBytes) blank = make_pdf (1, draw_nothing);
  g_autoptr(GBytes) partly = make_pdf (3, draw_some_text);
  g_autoptr(TbSource) source = NULL;

  assert_refused (scan, TB_PDF_ERROR_NO_TEXT, "scan");
  assert_refused (blank, TB_PDF_ERROR_NO_TEXT, NULL);
  /* A page without text among pages with text is named in a note. */
  source = read_ok (partly);
  g_assert_cmpuint (source->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (source->notes, 0), "2"));
}

static void
test_long (void)
{
  g_autoptr(GBytes) pdf = make_pdf (230, draw_some_text);
  g_autoptr(TbSource) source = read_ok (pdf);
  guint n_paragraphs = 0;

  for (guint i = 0; i < source->blocks->len; i++)
    n_paragraphs += ((TbSourceBlock *) g_ptr_array_index (source->blocks, i))->kind ==
                    TB_BLOCK_PARAGRAPH;
  /* Only the first 200 pages are read: 100 of them with text. */
  g_assert_cmpuint (n_paragraphs, ==, 100);
  g_assert_cmpuint (source->notes->len, ==, 2);
}

static void
test_refused (void)
{
  g_autoptr(GBytes) encrypted = tb_test_fixture_bytes ("yanchi-2020-encrypted.pdf");
  g_autoptr(GBytes) fixture = tb_test_fixture_bytes ("qingyuan-2021.pdf");
  g_autoptr(GBytes) text = g_bytes_new_static ("二、主动公开政府信息情况\n", 37);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("%PDF-1.7\n\x01\x02 obj << /Type /Catalog", 33);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) head = g_bytes_new_from_bytes (fixture, 0, 2000);
  g_autoptr(GBytes) zip = g_bytes_new_static ("PK\003\004%PDF-", 9);

  assert_refused (encrypted, TB_PDF_ERROR_ENCRYPTED, "password");
  assert_refused (text, TB_PDF_ERROR_INVALID, NULL);
  assert_refused (garbage, TB_PDF_ERROR_INVALID, NULL);
  assert_refused (empty, TB_PDF_ERROR_INVALID, NULL);
  assert_refused (head, TB_PDF_ERROR_INVALID, NULL);
  g_assert_true (tb_pdf_sniff (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture)));
  g_assert_false (tb_pdf_sniff (g_bytes_get_data (text, NULL), g_bytes_get_size (text)));
  /* "%PDF-" must come first (within the first kilobyte, as readers allow). */
  g_assert_true (tb_pdf_sniff (g_bytes_get_data (zip, NULL), g_bytes_get_size (zip)));
}

/* A PDF cut short (a broken download): what can be read is read, or it is refused; never
 * a crash. */
static void
test_truncated (void)
{
  g_autoptr(GBytes) fixture = tb_test_fixture_bytes ("yanchi-2020.pdf");
  gsize size = g_bytes_get_size (fixture);

  for (guint part = 1; part < 10; part++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (fixture, 0, size * part / 10);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbSource) source = tb_pdf_read (cut, &error);

      g_assert_true ((source == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (error->domain == TB_PDF_ERROR && error->message[0] != '\0');
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/pdf/fixture/2019-format", "yanchi-2020", test_fixture);
  g_test_add_data_func ("/pdf/fixture/2021-format", "qingyuan-2021", test_fixture);
  g_test_add_func ("/pdf/fixture/continues", test_fixture_continues);
  g_test_add_func ("/pdf/fixture/no-rulings", test_fixture_no_rulings);
  g_test_add_func ("/pdf/drawn/ruled-table", test_ruled_table);
  g_test_add_func ("/pdf/drawn/pages", test_pages);
  g_test_add_func ("/pdf/refused/scan", test_scan);
  g_test_add_func ("/pdf/refused/long", test_long);
  g_test_add_func ("/pdf/refused/other", test_refused);
  g_test_add_func ("/pdf/refused/truncated", test_truncated);

  return g_test_run ();
}
