/* tb-docx-writer.c: the report as a Word document (Office Open XML, .docx)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes word/document.xml from the published blocks (tb-publish.h): the title, headings
 * and paragraphs as styled paragraphs, each table as a w:tbl whose grid is the format's
 * (w:tblGrid from the relative widths over the 156 mm text block). A grid item spanning
 * columns is one w:tc with w:gridSpan; spanning rows, it starts with w:vMerge="restart"
 * and every row below it has a w:tc with a bare w:vMerge in the same place. The package
 * around it comes from tb-docx-writer-parts.c.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tb-docx-writer-private.h"
#include "tb-font-roles.h"
#include "tb-publish.h"

/* Tables with more columns than this get a smaller type, as in the PDF (table 四). */
#define WIDE_COLUMNS     12
#define WIDE_HALF_POINTS 18
/* Cell padding left and right: 2 pt (the PDF has 3 pt, but Word's type is wider). */
#define CELL_MARGIN      40
/* The smallest type a number is shrunk to, in half points. */
#define MIN_HALF_POINTS  10
/* Rule width in eighths of a point (0.5 pt). */
#define RULE_SIZE       4

typedef struct
{
  GString    *out;
  TbReport   *report;
  gboolean    after_table;   /* the next paragraph keeps half a line from the table */
  const char *draft_mark;    /* the draft mark for the headers, or NULL */
} Writer;

/* ---- Runs and paragraphs ------------------------------------------------------------- */

/* A run of @text (cleaned and escaped; tabs become w:tab) with the run properties @rpr
 * (NULL for none). */
static void
append_run (GString    *out,
            const char *rpr,
            const char *text)
{
  const char *p = text;

  g_string_append (out, "<w:r>");
  if (rpr != NULL)
    g_string_append_printf (out, "<w:rPr>%s</w:rPr>", rpr);
  while (*p != '\0')
    {
      const char *tab = strchr (p, '\t');
      g_autofree char *piece = g_strndup (p, tab ? (gsize) (tab - p) : strlen (p));

      if (*piece != '\0')
        {
          g_string_append (out, "<w:t xml:space=\"preserve\">");
          tb_publish_append_escaped (out, piece);
          g_string_append (out, "</w:t>");
        }
      if (tab == NULL)
        break;
      g_string_append (out, "<w:tab/>");
      p = tab + 1;
    }
  g_string_append (out, "</w:r>");
}

/* Opens a paragraph of style @style with the extra paragraph properties @ppr (those that
 * come after w:pStyle and before w:spacing in the schema, or NULL) and @before twips of
 * space above it (at least half a line after a table, as in the PDF). */
static void
open_paragraph (Writer     *w,
                const char *style,
                const char *ppr,
                int         before)
{
  g_string_append_printf (w->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
  if (ppr != NULL)
    g_string_append (w->out, ppr);
  if (w->after_table)
    before = MAX (before, TB_DOCX_LINE / 2);
  if (before > 0)
    g_string_append_printf (w->out, "<w:spacing w:before=\"%d\"/>", before);
  g_string_append (w->out, "</w:pPr>");
  w->after_table = FALSE;
}

static void
paragraph (Writer     *w,
           const char *style,
           const char *text)
{
  open_paragraph (w, style, NULL, 0);
  append_run (w->out, NULL, text);
  g_string_append (w->out, "</w:p>");
}

/* ---- Tables -------------------------------------------------------------------------- */

typedef struct
{
  const TbTableSpec *spec;
  int               *owner;    /* n_rows × n_columns: the item covering each slot, or -1 */
  guint             *widths;   /* n_columns, twips, summing to the text width */
  gboolean          *keep;     /* n_rows: keep the row on the page of the next one */
} Grid;

static void
grid_init (Grid              *g,
           const TbTableSpec *t)
{
  guint used = 0;

  g->spec = t;
  g->owner = g_new (int, t->n_rows * t->n_columns);
  for (guint i = 0; i < t->n_rows * t->n_columns; i++)
    g->owner[i] = -1;
  for (guint i = 0; i < t->n_items; i++)
    {
      const TbGridItem *it = &t->items[i];

      for (guint r = it->row; r < it->row + it->rowspan && r < t->n_rows; r++)
        for (guint c = it->col; c < it->col + it->colspan && c < t->n_columns; c++)
          g->owner[r * t->n_columns + c] = i;
    }

  g->widths = g_new (guint, t->n_columns);
  for (guint c = 0; c < t->n_columns; c++)
    {
      double share = t->widths != NULL ? t->widths[c] : 1.0 / t->n_columns;

      g->widths[c] = c + 1 < t->n_columns ? (guint) (share * TB_DOCX_TEXT_WIDTH + 0.5)
                                          : TB_DOCX_TEXT_WIDTH - used;
      used += g->widths[c];
    }
}

static void
grid_clear (Grid *g)
{
  g_free (g->owner);
  g_free (g->widths);
  g_free (g->keep);
}

static guint
span_width (Grid  *g,
            guint  col,
            guint  colspan)
{
  guint w = 0;

  for (guint c = col; c < col + colspan && c < g->spec->n_columns; c++)
    w += g->widths[c];
  return w;
}

/* Whether row @r holds only column headers or blocks (no number, no row label). */
static gboolean
row_is_heading (const TbTableSpec *t,
                guint              r)
{
  for (guint i = 0; i < t->n_items; i++)
    if (t->items[i].row == r &&
        (t->items[i].kind == TB_GRID_VALUE || g_strcmp0 (t->items[i].role, "row") == 0))
      return FALSE;
  return TRUE;
}

/* Lines that the label @it takes in its column: one character of the table's type is one
 * em (a CJK character; others count half). */
static guint
label_lines (Grid             *g,
             const TbGridItem *it,
             guint             half_points)
{
  guint per_line = MAX (1, (span_width (g, it->col, it->colspan) - 2 * CELL_MARGIN) /
                           (half_points * 10));
  double ems = 0;

  for (const char *p = it->text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    ems += g_unichar_iswide (g_utf8_get_char (p)) ? 1.0 : 0.5;
  return (guint) ceil (ems / per_line);
}

/* Which rows stay with the next one, as in the PDF: a row of headers with the row below it,
 * and the first rows of a label spanning rows, as many as it takes lines (Word and
 * LibreOffice print a merged cell's text in its first rows; broken there, it would be cut
 * in two). */
static void
grid_init_keep (Grid  *g,
                guint  half_points)
{
  const TbTableSpec *t = g->spec;

  g->keep = g_new0 (gboolean, t->n_rows);
  for (guint r = t->n_header_rows; r + 1 < t->n_rows; r++)
    g->keep[r] = row_is_heading (t, r);
  for (guint i = 0; i < t->n_items; i++)
    {
      const TbGridItem *it = &t->items[i];
      guint rows;

      if (it->kind != TB_GRID_LABEL || it->rowspan < 2 || it->row < t->n_header_rows)
        continue;
      rows = MIN (label_lines (g, it, half_points), it->rowspan);
      for (guint r = it->row; r + 1 < it->row + rows; r++)
        g->keep[r] = TRUE;
    }
}

/* The type size in half points that @text (a number, never wrapped) takes to fit @width
 * twips at most @half_points: wide characters (units like 元) take one em, others as much
 * as the widest common digits (DejaVu Sans, where a document's font is missing: 0.64 em),
 * plus a twentieth for safety. As in the PDF, a number too wide for its column is set
 * smaller rather than broken over two lines. */
static guint
fit_half_points (const char *text,
                 guint       width,
                 guint       half_points)
{
  double ems = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    ems += g_unichar_iswide (g_utf8_get_char (p)) ? 1.0 : 0.64;
  ems *= 1.05;
  /* width twips = ems × half_points × 10 */
  while (half_points > MIN_HALF_POINTS && ems * half_points * 10 > width)
    half_points--;
  return half_points;
}

static void
append_cell_text (Writer           *w,
                  const TbGridItem *it,
                  gboolean          wide,
                  guint             width,
                  gboolean          keep)
{
  g_autofree char *value = NULL;
  const char *style = TB_DOCX_STYLE_CELL;
  const char *jc = NULL;
  const char *text;
  g_autofree char *rpr = NULL;

  if (it->kind == TB_GRID_VALUE)
    {
      value = tb_publish_cell_text (w->report, it->cell);
      text = value;
      jc = "right";
    }
  else
    {
      text = it->text;
      if (g_strcmp0 (it->role, "head") == 0 || g_strcmp0 (it->role, "block") == 0)
        style = TB_DOCX_STYLE_CELL_HEAD;
      else if (g_strcmp0 (it->role, "note") == 0 || it->rowspan > 1)
        jc = "center";
    }

  g_string_append_printf (w->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s", style,
                          keep ? "<w:keepNext/>" : "");
  if (jc != NULL)
    g_string_append_printf (w->out, "<w:jc w:val=\"%s\"/>", jc);
  g_string_append (w->out, "</w:pPr>");
  if (text != NULL && *text != '\0')
    {
      guint size = wide ? WIDE_HALF_POINTS
                        : (guint) (tb_font_role_get (TB_FONT_ROLE_TABLE)->size * 2 + 0.5);
      guint fit = it->kind == TB_GRID_VALUE
                  ? fit_half_points (text, width - 2 * CELL_MARGIN, size) : size;

      if (wide || fit != size)
        rpr = g_strdup_printf ("<w:sz w:val=\"%u\"/><w:szCs w:val=\"%u\"/>", fit, fit);
      append_run (w->out, rpr, text);
    }
  g_string_append (w->out, "</w:p>");
}

static void
append_table (Writer            *w,
              const TbTableSpec *t)
{
  GString *out = w->out;
  gboolean wide = t->n_columns > WIDE_COLUMNS;
  guint half_points = wide ? WIDE_HALF_POINTS
                           : (guint) (tb_font_role_get (TB_FONT_ROLE_TABLE)->size * 2 + 0.5);
  Grid g;

  grid_init (&g, t);
  grid_init_keep (&g, half_points);
  g_string_append_printf (out, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
                          "<w:jc w:val=\"center\"/><w:tblBorders>", TB_DOCX_TEXT_WIDTH);
  for (guint i = 0; i < 6; i++)
    {
      static const char *const sides[] = { "top", "left", "bottom", "right", "insideH",
                                           "insideV" };

      g_string_append_printf (out, "<w:%s w:val=\"single\" w:sz=\"%d\" w:space=\"0\" "
                              "w:color=\"000000\"/>", sides[i], RULE_SIZE);
    }
  g_string_append_printf (out, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                          "<w:tblCellMar><w:left w:w=\"%d\" w:type=\"dxa\"/>"
                          "<w:right w:w=\"%d\" w:type=\"dxa\"/></w:tblCellMar>"
                          "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" "
                          "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
                          "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>", CELL_MARGIN, CELL_MARGIN);
  for (guint c = 0; c < t->n_columns; c++)
    g_string_append_printf (out, "<w:gridCol w:w=\"%u\"/>", g.widths[c]);
  g_string_append (out, "</w:tblGrid>");

  for (guint r = 0; r < t->n_rows; r++)
    {
      /* Rows never split across pages; the header rows repeat on every page; a row kept
       * with the next has every paragraph kept with the next (Word's way). */
      g_string_append (out, "<w:tr><w:trPr><w:cantSplit/>");
      if (r < t->n_header_rows)
        g_string_append (out, "<w:tblHeader/>");
      g_string_append (out, "</w:trPr>");

      for (guint c = 0; c < t->n_columns;)
        {
          int owner = g.owner[r * t->n_columns + c];
          const TbGridItem *it = owner >= 0 ? &t->items[owner] : NULL;
          guint colspan = it != NULL ? it->colspan - (c - it->col) : 1;
          guint width = span_width (&g, c, colspan);

          g_string_append_printf (out, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>",
                                  width);
          if (colspan > 1)
            g_string_append_printf (out, "<w:gridSpan w:val=\"%u\"/>", colspan);
          if (it != NULL && it->rowspan > 1)
            g_string_append (out, it->row == r ? "<w:vMerge w:val=\"restart\"/>"
                                               : "<w:vMerge/>");
          g_string_append (out, "<w:vAlign w:val=\"center\"/></w:tcPr>");
          if (it != NULL && it->row == r)
            append_cell_text (w, it, wide, width, g.keep[r]);
          else if (g.keep[r])
            g_string_append (out, "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>");
          else
            g_string_append (out, "<w:p/>");   /* a cell holds at least one paragraph */
          g_string_append (out, "</w:tc>");
          c += colspan;
        }
      g_string_append (out, "</w:tr>");
    }
  g_string_append (out, "</w:tbl>");
  grid_clear (&g);
  w->after_table = TRUE;
}

/* ---- Blocks -------------------------------------------------------------------------- */

/* One character of body text (三号, 16 pt). */
#define CHAR_TWIPS 320

/* The width of @text in half characters: wide (CJK) characters two, others one. */
static guint
text_halves (const char *text)
{
  guint halves = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    halves += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return halves;
}

static void
append_block (Writer               *w,
              const TbPublishBlock *b)
{
  GString *out = w->out;

  switch (b->kind)
    {
    case TB_BLOCK_DRAFT_MARK:
      w->draft_mark = b->text;   /* printed in the headers, on every page */
      break;

    case TB_BLOCK_TITLE:
      open_paragraph (w, TB_DOCX_STYLE_TITLE, NULL, 0);
      if (b->lead != NULL)
        {
          /* A title too long for one line breaks after the agency, as in the PDF. */
          append_run (out, NULL, b->lead);
          g_string_append (out, "<w:r><w:br/></w:r>");
          append_run (out, NULL, b->text + strlen (b->lead));
        }
      else
        append_run (out, NULL, b->text);
      g_string_append (out, "</w:p>");
      break;

    case TB_BLOCK_PREFACE:
      paragraph (w, "Normal", b->text);
      break;

    case TB_BLOCK_HEADING:
      paragraph (w, TB_DOCX_STYLE_HEADING1, b->text);
      break;

    case TB_BLOCK_SUBHEADING:
      paragraph (w, TB_DOCX_STYLE_HEADING2, b->text);
      break;

    case TB_BLOCK_PARAGRAPH:
      open_paragraph (w, "Normal", NULL, 0);
      if (b->lead != NULL)
        append_run (out, "<w:rStyle w:val=\"" TB_DOCX_STYLE_LEAD "\"/>", b->lead);
      append_run (out, NULL, b->text);
      g_string_append (out, "</w:p>");
      break;

    case TB_BLOCK_TABLE:
      append_table (w, b->table);
      break;

    case TB_BLOCK_SIGN_OFF:
      {
        /* 落款 (GB/T 9704 7.3.5.1): the date's right edge four characters in, the agency
         * centred over the date; two blank lines above; the two lines stay together. */
        guint date_halves = text_halves (b->lead), agency_halves = text_halves (b->text);
        int agency_right = 4 * CHAR_TWIPS + ((int) date_halves - (int) agency_halves) * CHAR_TWIPS / 4;
        g_autofree char *ind = g_strdup_printf ("<w:keepNext/>"
                                                "<w:spacing w:before=\"%d\"/>"
                                                "<w:ind w:right=\"%d\"/>",
                                                2 * TB_DOCX_LINE, MAX (agency_right, 0));

        if (*b->text != '\0')
          {
            g_string_append_printf (out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>",
                                    TB_DOCX_STYLE_SIGN_OFF, ind);
            append_run (out, NULL, b->text);
            g_string_append (out, "</w:p>");
            w->after_table = FALSE;
            paragraph (w, TB_DOCX_STYLE_SIGN_OFF, b->lead);
          }
        else
          {
            open_paragraph (w, TB_DOCX_STYLE_SIGN_OFF, NULL, 2 * TB_DOCX_LINE);
            append_run (out, NULL, b->lead);
            g_string_append (out, "</w:p>");
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* word/document.xml of @blocks; sets @draft_mark to the draft mark (in @blocks) or NULL. */
static char *
document_xml (TbReport    *report,
              GPtrArray   *blocks,
              const char **draft_mark)
{
  Writer w = { 0, };

  w.out = g_string_sized_new (128 * 1024);
  w.report = report;
  g_string_append (w.out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                          "<w:document xmlns:w=\"" TB_DOCX_NS_W "\" "
                          "xmlns:r=\"" TB_DOCX_NS_R "\"><w:body>");
  for (guint i = 0; i < blocks->len; i++)
    append_block (&w, g_ptr_array_index (blocks, i));
  /* The body ends with a paragraph (Word adds one after a final table). */
  if (w.after_table)
    g_string_append (w.out, "<w:p/>");

  g_string_append (w.out, "<w:sectPr>");
  if (w.draft_mark != NULL)
    g_string_append (w.out, "<w:headerReference w:type=\"even\" r:id=\""
                            TB_DOCX_RID_HEADER_EVEN "\"/>"
                            "<w:headerReference w:type=\"default\" r:id=\""
                            TB_DOCX_RID_HEADER_ODD "\"/>");
  g_string_append_printf (w.out,
                          "<w:footerReference w:type=\"even\" r:id=\"%s\"/>"
                          "<w:footerReference w:type=\"default\" r:id=\"%s\"/>"
                          "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
                          "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
                          "w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>"
                          "<w:cols w:space=\"425\"/>"
                          "</w:sectPr></w:body></w:document>\n",
                          TB_DOCX_RID_FOOTER_EVEN, TB_DOCX_RID_FOOTER_ODD,
                          TB_DOCX_PAGE_WIDTH, TB_DOCX_PAGE_HEIGHT, TB_DOCX_MARGIN_TOP,
                          TB_DOCX_MARGIN_RIGHT, TB_DOCX_MARGIN_BOTTOM, TB_DOCX_MARGIN_LEFT);
  *draft_mark = w.draft_mark;
  return g_string_free (w.out, FALSE);
}

GBytes *
tb_docx_write (TbReport     *report,
               TbDocxFlags   flags,
               GError      **error)
{
  g_autoptr(TbZipWriter) zip = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  const char *draft_mark = NULL;
  char *document;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  blocks = tb_publish_blocks (report,
                              ((flags & TB_DOCX_SIGN_OFF) ? TB_PUBLISH_SIGN_OFF : 0) |
                              ((flags & TB_DOCX_DRAFT) ? TB_PUBLISH_DRAFT : 0));
  document = document_xml (report, blocks, &draft_mark);
  zip = tb_zip_writer_new ();
  _tb_docx_add_parts (zip, report, document, draft_mark);
  return tb_zip_writer_finish (zip, error);
}
