/* tb-pdf-reader.c: the text layer of a PDF read into a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Page by page: the characters and their boxes (poppler_page_get_text_layout()); the
 * tables (tb-pdf-rulings.c, tb-pdf-tables.c) take theirs; the rest make lines; page numbers
 * and running headers go; lines make paragraphs. Then, over the pages: a table going on
 * over a page break is joined again, and a paragraph going on is marked.
 */
#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tb-pdf-private.h"
#include "tb-pdf-reader.h"

#define MAX_FILE_SIZE  (64 * 1024 * 1024)
#define MAX_PAGES      200
#define MAX_CHARS      1000000
/* Pages rendered to find ruling lines (a report has a few pages of tables), and the time
 * they may take in all; later pages are read from their text alone. */
#define MAX_RENDERED   20
#define RENDER_BUDGET  (G_USEC_PER_SEC / 2)

G_DEFINE_QUARK (tb-pdf-error-quark, tb_pdf_error)

/* poppler-glib 22 declares no automatic cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct
{
  guint       number;      /* from 1 */
  double      width, height;
  GPtrArray  *lines;       /* TbPdfLine*, text outside tables, top to bottom */
  GPtrArray  *tables;      /* TbPdfTable* */
  double      left, right; /* the text's margins on this page */
} Page;

typedef struct
{
  TbPdfLine  *line;        /* one of these */
  TbPdfTable *table;
  double      y;
} Item;

typedef struct
{
  GString    *text;        /* a paragraph, or NULL for a table */
  TbPdfTable *table;
  gboolean    continues;
  guint       page;
} Block;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->lines, g_ptr_array_unref);
  g_clear_pointer (&page->tables, g_ptr_array_unref);
  g_free (page);
}

static void
block_free (Block *block)
{
  if (block->text != NULL)
    g_string_free (block->text, TRUE);
  tb_pdf_table_free (block->table);
  g_free (block);
}

/* ---- Characters ----------------------------------------------------------------------- */

/* The characters of a page: no spaces (gaps decide), no controls, sane boxes. */
static GArray *
page_chars (PopplerPage *page,
            double       width,
            double       height,
            guint       *n_unreadable)
{
  g_autofree char *text = _tb_pdf_poppler ()->poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (TbPdfChar));
  const char *p = text;

  if (text == NULL || !_tb_pdf_poppler ()->poppler_page_get_text_layout (page, &rects, &n_rects))
    return chars;
  for (guint i = 0; i < n_rects && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      TbPdfChar ch;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B || c == 0x3000 || c == 0xA0)
        continue;
      ch.c = c;
      ch.x0 = MIN (rects[i].x1, rects[i].x2);
      ch.x1 = MAX (rects[i].x1, rects[i].x2);
      ch.y0 = MIN (rects[i].y1, rects[i].y2);
      ch.y1 = MAX (rects[i].y1, rects[i].y2);
      if (!(isfinite (ch.x0) && isfinite (ch.x1) && isfinite (ch.y0) && isfinite (ch.y1)) ||
          ch.x1 < -width || ch.x0 > 2 * width || ch.y1 < -height || ch.y0 > 2 * height ||
          ch.y1 - ch.y0 > height || ch.x1 - ch.x0 > width)
        continue;
      if (g_unichar_iscntrl (c) || c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF))
        {
          (*n_unreadable)++;
          continue;
        }
      ch.x1 = MAX (ch.x1, ch.x0 + 0.01);
      ch.y1 = MAX (ch.y1, ch.y0 + 0.01);
      g_array_append_val (chars, ch);
    }
  return chars;
}

/* Whether some lines have groups of characters far apart: a table may be there. */
static gboolean
may_hold_table (GPtrArray *lines)
{
  guint n = 0;

  for (guint i = 0; i < lines->len && n < 2; i++)
    {
      TbPdfLine *line = g_ptr_array_index (lines, i);
      const TbPdfChar *c = (const TbPdfChar *) line->chars->data;

      for (guint k = 1; k < line->chars->len; k++)
        if (tb_pdf_cell_gap (&c[k - 1], &c[k], line->em))
          {
            n++;
            break;
          }
    }
  return n >= 2;
}

/* ---- Page numbers, headers and footers ------------------------------------------------ */

static char *
line_text (TbPdfLine *line)
{
  return tb_pdf_chars_text ((const TbPdfChar *) line->chars->data, line->chars->len, line->em);
}

/* "— 1 —", "- 2 -", "第3页", "4/12", "第 5 页 共 9 页", "Page 6" */
static gboolean
is_page_number (const char *text)
{
  static GRegex *regex;
  g_autoptr(GString) bare = g_string_new (NULL);

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("^[-—–―－~～_·•]*(第|page)?[0-9０-９ivxlc]+(页)?"
                                    "([/／][0-9０-９]+|共[0-9０-９]+页|of[0-9]+)?[-—–―－~～_·•]*$",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (bare, g_utf8_get_char (p));
  return bare->len > 0 && bare->len < 40 && g_regex_match (regex, bare->str, 0, NULL);
}

static char *
header_key (TbPdfLine *line,
            Page      *page)
{
  g_autofree char *text = line_text (line);
  gboolean top = line->y1 < 0.1 * page->height;
  gboolean bottom = line->y0 > 0.88 * page->height;

  if (!top && !bottom)
    return NULL;
  /* The same running header with another page number is the same. */
  for (char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *p = '#';
  return g_strdup_printf ("%c%s", top ? 'T' : 'B', text);
}

/* Drops page numbers and the lines repeated at the top or bottom of several pages. */
static void
drop_headers (GPtrArray *pages)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      for (guint i = 0; i < page->lines->len; i++)
        {
          char *key = header_key (g_ptr_array_index (page->lines, i), page);

          if (key != NULL)
            g_hash_table_insert (seen, key,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) + 1));
        }
    }
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      for (guint i = page->lines->len; i-- > 0;)
        {
          TbPdfLine *line = g_ptr_array_index (page->lines, i);
          g_autofree char *key = header_key (line, page);
          g_autofree char *text = NULL;

          if (key == NULL)
            continue;
          text = line_text (line);
          if (is_page_number (text) ||
              (pages->len >= 3 && GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) >= 2))
            g_ptr_array_remove_index (page->lines, i);
        }
    }
}

/* ---- Paragraphs ----------------------------------------------------------------------- */

/* The left and right edges of the text: where most long lines start and end. */
static void
find_margins (GPtrArray *lines,
              double    *left,
              double    *right)
{
  g_autoptr(GArray) x0 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) x1 = g_array_new (FALSE, FALSE, sizeof (double));
  double widest = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      TbPdfLine *l = g_ptr_array_index (lines, i);

      widest = MAX (widest, l->x1 - l->x0);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      TbPdfLine *l = g_ptr_array_index (lines, i);

      if (l->x1 - l->x0 >= 0.6 * widest)
        {
          g_array_append_val (x0, l->x0);
          g_array_append_val (x1, l->x1);
        }
    }
  if (x0->len < 3)
    return;
  *left = tb_pdf_percentile (x0, 0.1);
  *right = tb_pdf_percentile (x1, 0.9);
}

static gboolean
is_centered (TbPdfLine *l,
             Page      *page)
{
  return l->x0 > page->left + l->em &&
         fabs ((l->x0 + l->x1) / 2 - (page->left + page->right) / 2) < l->em;
}

/* Whether line @b goes on the paragraph whose last line is @a. */
static gboolean
goes_on (TbPdfLine *a,
         Page      *page_a,
         TbPdfLine *b,
         Page      *page_b,
         double     usual_gap,
         double     body_em)
{
  gboolean same_page = page_a == page_b;

  if (fabs (a->em - b->em) > 0.15 * a->em)
    return FALSE;
  if (same_page && b->y0 - a->y1 > MAX (0.9 * b->em, usual_gap + 0.5 * b->em))
    return FALSE;
  /* A title wider than a line: centred lines in a larger size. */
  if (same_page && a->em > 1.15 * body_em && is_centered (b, page_b) &&
      fabs ((a->x0 + a->x1) / 2 - (page_a->left + page_a->right) / 2) < a->em)
    return TRUE;
  return b->x0 <= page_b->left + 0.7 * b->em && a->x1 >= page_a->right - 1.5 * a->em &&
         !is_centered (b, page_b);
}

static int
compare_items (gconstpointer pa,
               gconstpointer pb)
{
  const Item *a = pa, *b = pb;

  return a->y < b->y ? -1 : a->y > b->y;
}

/* The usual gap between the lines of a paragraph, and the usual size of the text. */
static double
usual_line_gap (GPtrArray *pages,
                double    *body_em)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ems = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      for (guint i = 0; i < page->lines->len; i++)
        g_array_append_val (ems, ((TbPdfLine *) g_ptr_array_index (page->lines, i))->em);
      for (guint i = 1; i < page->lines->len; i++)
        {
          TbPdfLine *a = g_ptr_array_index (page->lines, i - 1);
          TbPdfLine *b = g_ptr_array_index (page->lines, i);
          double gap = b->y0 - a->y1;

          if (fabs (a->em - b->em) < 0.15 * a->em && gap > -0.2 * a->em)
            g_array_append_val (gaps, gap);
        }
    }
  *body_em = ems->len > 0 ? tb_pdf_percentile (ems, 0.5) : 12;
  return gaps->len > 0 ? tb_pdf_percentile (gaps, 0.5) : 0;
}

/* The blocks of all pages in reading order, paragraphs made, tables joined over breaks. */
static GPtrArray *
make_blocks (GPtrArray *pages)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  double body_em = 12;
  double usual_gap = usual_line_gap (pages, &body_em);
  TbPdfLine *last_line = NULL;
  Page *last_page = NULL;

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));

      for (guint i = 0; i < page->lines->len; i++)
        {
          TbPdfLine *l = g_ptr_array_index (page->lines, i);
          Item item = { .line = l, .y = l->y0 };

          g_array_append_val (items, item);
        }
      for (guint i = 0; i < page->tables->len; i++)
        {
          TbPdfTable *t = g_ptr_array_index (page->tables, i);
          Item item = { .table = t, .y = t->y0 };

          g_array_append_val (items, item);
        }
      g_array_sort (items, compare_items);

      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);
          Block *prev = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;
          g_autofree char *text = NULL;
          Block *block;

          if (item->table != NULL)
            {
              guint k;

              /* Take the table out of the page: the block owns it now. */
              g_ptr_array_find (page->tables, item->table, &k);
              g_ptr_array_steal_index (page->tables, k);
              last_line = NULL;
              if (i == 0 && prev != NULL && prev->table != NULL && prev->page + 1 == page->number &&
                  tb_pdf_table_append (prev->table, item->table))
                {
                  tb_pdf_table_free (item->table);
                  continue;
                }
              block = g_new0 (Block, 1);
              block->table = item->table;
              block->page = page->number;
              g_ptr_array_add (blocks, block);
              continue;
            }
          text = line_text (item->line);
          if (last_line != NULL && prev != NULL && prev->text != NULL &&
              goes_on (last_line, last_page, item->line, page, usual_gap, body_em))
            {
              if (last_page == page)
                {
                  tb_pdf_join_line (prev->text, text);
                  last_line = item->line;
                  continue;
                }
              prev->continues = TRUE;
            }
          block = g_new0 (Block, 1);
          block->text = g_string_new (text);
          block->page = page->number;
          g_ptr_array_add (blocks, block);
          last_line = item->line;
          last_page = page;
        }
    }
  return blocks;
}

/* ---- The document --------------------------------------------------------------------- */

gboolean
tb_pdf_sniff (const guint8 *data,
              gsize         len)
{
  return memmem (data, MIN (len, 1024), "%PDF-", 5) != NULL;
}

static void
emit (TbSource  *source,
      GPtrArray *blocks)
{
  guint n_tables = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      TbSourcePos pos = { .page = b->page };
      TbSourceBlock *table;

      if (b->text != NULL)
        {
          TbSourceBlock *para = tb_source_add_paragraph (source, b->text->str, &pos);

          if (para != NULL)
            para->continues = b->continues;
          continue;
        }
      pos.table = ++n_tables;
      table = tb_source_add_table (source, &pos);
      table->ragged = b->table->ragged;
      for (guint k = 0; k < b->table->cells->len; k++)
        {
          TbPdfCell *c = g_ptr_array_index (b->table->cells, k);
          TbSourcePos cell_pos = { .page = c->page, .table = pos.table,
                                   .row = c->row + 1, .column = c->col + 1 };

          tb_source_table_add_cell (table, c->row, c->col, c->rowspan, c->colspan, c->text,
                                    c->header, &cell_pos);
        }
    }
}

static Page *
read_page (TbPdfRaster **raster,
           PopplerPage *ppage,
           guint        number,
           gboolean     find_rulings,
           guint       *n_chars,
           guint       *n_unreadable,
           gboolean    *rendered)
{
  Page *page = g_new0 (Page, 1);
  g_autoptr(GArray) chars = NULL;
  g_autofree gboolean *taken = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autoptr(GPtrArray) probe = NULL;

  page->number = number;
  page->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_pdf_table_free);
  _tb_pdf_poppler ()->poppler_page_get_size (ppage, &page->width, &page->height);
  chars = page_chars (ppage, page->width, page->height, n_unreadable);
  *n_chars += chars->len;
  *rendered = FALSE;

  taken = g_new0 (gboolean, chars->len + 1);
  probe = tb_pdf_build_lines ((TbPdfChar *) chars->data, chars->len);
  if (find_rulings && may_hold_table (probe))
    {
      *rendered = TRUE;
      tb_pdf_find_ruled_tables (raster, ppage, number, (TbPdfChar *) chars->data, chars->len,
                                page->tables);
      for (guint i = 0; i < page->tables->len; i++)
        tb_pdf_table_fill (g_ptr_array_index (page->tables, i), (TbPdfChar *) chars->data,
                           chars->len, taken);
    }
  rest = g_array_new (FALSE, FALSE, sizeof (TbPdfChar));
  for (guint i = 0; i < chars->len; i++)
    if (!taken[i])
      g_array_append_val (rest, g_array_index (chars, TbPdfChar, i));
  page->lines = tb_pdf_build_lines ((TbPdfChar *) rest->data, rest->len);
  return page;
}

TbSource *
tb_pdf_read (GBytes  *data,
             GError **error)
{
  g_autoptr(GError) poppler_error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(TbSource) source = NULL;
  g_autoptr(GString) empty_pages = g_string_new (NULL);
  g_autoptr(GPtrArray) all_lines = NULL;
  g_autoptr(TbPdfRaster) raster = NULL;
  double doc_left = 0, doc_right = 0;
  gsize len;
  const guint8 *bytes;
  int n_pages;
  guint n_chars = 0, n_unreadable = 0, n_rendered = 0;
  gint64 render_start = 0, render_time = 0;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (!tb_pdf_sniff (bytes, len))
    {
      g_set_error_literal (error, TB_PDF_ERROR, TB_PDF_ERROR_INVALID, _("This is not a PDF file."));
      return NULL;
    }
  if (len > MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (len);

      g_set_error (error, TB_PDF_ERROR, TB_PDF_ERROR_LIMIT,
                   _("This PDF is too large to be a report (%s): refused."), size);
      return NULL;
    }
  if (_tb_pdf_poppler_load (error) == NULL)
    return NULL;
  doc = _tb_pdf_poppler ()->poppler_document_new_from_bytes (data, NULL, &poppler_error);
  if (doc == NULL)
    {
      if (g_error_matches (poppler_error, _tb_pdf_poppler ()->poppler_error_quark (),
                           POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, TB_PDF_ERROR, TB_PDF_ERROR_ENCRYPTED,
                             _("This PDF is protected with a password. Open it with the password "
                               "and save a copy without one, or import the Word file or the web "
                               "page of the report instead."));
      else
        /* TRANSLATORS: %s is poppler's description of the problem, in English */
        g_set_error (error, TB_PDF_ERROR, TB_PDF_ERROR_INVALID,
                     _("This PDF is damaged and cannot be read (%s)."),
                     poppler_error != NULL ? poppler_error->message : "?");
      return NULL;
    }
  n_pages = _tb_pdf_poppler ()->poppler_document_get_n_pages (doc);
  if (n_pages <= 0)
    {
      g_set_error_literal (error, TB_PDF_ERROR, TB_PDF_ERROR_INVALID,
                           _("This PDF is damaged and cannot be read (it has no pages)."));
      return NULL;
    }

  source = tb_source_new (TB_SOURCE_PDF);
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) ppage = NULL;
      gboolean find_rulings = n_rendered < MAX_RENDERED && render_time < RENDER_BUDGET;
      gboolean rendered = FALSE;
      guint before = n_chars;
      Page *page;

      if (i >= MAX_PAGES || n_chars >= MAX_CHARS)
        {
          g_ptr_array_add (source->notes,
                           g_strdup_printf (_("This PDF is longer than any report: only its first "
                                              "%d pages were read."), i));
          break;
        }
      ppage = _tb_pdf_poppler ()->poppler_document_get_page (doc, i);
      if (ppage == NULL)
        continue;
      render_start = g_get_monotonic_time ();
      page = read_page (&raster, ppage, (guint) i + 1, find_rulings, &n_chars, &n_unreadable, &rendered);
      if (rendered)
        {
          n_rendered++;
          render_time += g_get_monotonic_time () - render_start;
        }
      if (n_chars == before)
        g_string_append_printf (empty_pages, "%s%d", empty_pages->len > 0 ? ", " : "", i + 1);
      g_ptr_array_add (pages, page);
    }

  if (n_chars == 0 && n_unreadable == 0)
    {
      g_set_error_literal (error, TB_PDF_ERROR, TB_PDF_ERROR_NO_TEXT,
                           _("This PDF has no text: it is a scanned image of the report. Tianbao "
                             "reads only PDFs with text (as Word or WPS save them) and does not "
                             "guess from images. Import the Word file or the web page of the "
                             "report instead."));
      return NULL;
    }
  if (n_unreadable > (n_chars + n_unreadable) / 3)
    {
      g_set_error_literal (error, TB_PDF_ERROR, TB_PDF_ERROR_NO_TEXT,
                           _("The text of this PDF cannot be read: its fonts do not say which "
                             "characters they draw. Import the Word file or the web page of the "
                             "report instead."));
      return NULL;
    }
  if (empty_pages->len > 0)
    /* TRANSLATORS: %s is a list of page numbers */
    g_ptr_array_add (source->notes,
                     g_strdup_printf (_("Pages without text (scanned images?) were not read: %s."),
                                      empty_pages->str));

  drop_headers (pages);
  all_lines = g_ptr_array_new ();
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      tb_pdf_find_text_tables (page->lines, page->number, page->tables);
      g_ptr_array_extend (all_lines, page->lines, NULL, NULL);
      doc_right = MAX (doc_right, page->width);
    }
  /* The margins of the whole text, and of each page where it has enough lines. */
  find_margins (all_lines, &doc_left, &doc_right);
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      page->left = doc_left;
      page->right = doc_right;
      find_margins (page->lines, &page->left, &page->right);
    }
  blocks = make_blocks (pages);
  emit (source, blocks);
  source->title = _tb_pdf_poppler ()->poppler_document_get_title (doc);
  if (source->title != NULL)
    {
      char *title = tb_source_normalize_text (source->title, FALSE);

      g_free (source->title);
      source->title = *title != '\0' ? title : (g_free (title), NULL);
    }
  return g_steal_pointer (&source);
}
