/* tb-docx-body.c: the body of a Word document (WordprocessingML) read into blocks
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paragraphs (w:p) and tables (w:tbl) of w:body, in order, also inside content controls
 * (w:sdt), custom XML and tracked insertions. Text is what Word shows: w:t of the runs,
 * tabs and line breaks; not deleted text (w:del), field instructions, hidden runs, drawings
 * or text boxes. A table's cells are placed on its grid: w:gridBefore skips columns,
 * w:gridSpan widens a cell, w:vMerge="continue" lengthens the cell above (and the old
 * w:hMerge the cell on the left).
 */
#define G_LOG_DOMAIN "tb-docx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-docx-private.h"

/* Paragraphs and cells read at most; the rest of a longer document is left with a note. */
#define MAX_BLOCKS  100000
/* The grid of a table: what TbSource holds. */
#define MAX_ROWS    2000
#define MAX_COLUMNS 200
/* Nested fields tracked (a field's instruction is not text). */
#define MAX_FIELDS  32

typedef struct
{
  guint    row, col, rowspan, colspan;
  GString *text;
  gboolean header;
} PendingCell;

typedef struct
{
  TbSource *source;
  guint     n_tables;
  guint     n_blocks;
  gboolean  full;              /* MAX_BLOCKS reached */
  /* Fields: for each open field (w:fldChar begin … end), whether its instruction is being
   * read (before w:fldChar separate). */
  gboolean  field_instr[MAX_FIELDS];
  guint     n_fields;
} Reader;

static void
pending_cell_free (PendingCell *cell)
{
  g_string_free (cell->text, TRUE);
  g_free (cell);
}

/* ---- XML helpers ---------------------------------------------------------------------- */

static gboolean
is_w_ns (xmlNode *node)
{
  return node->ns != NULL && node->ns->href != NULL &&
         (strcmp ((const char *) node->ns->href, NS_W) == 0 ||
          strcmp ((const char *) node->ns->href, NS_W_STRICT) == 0);
}

gboolean
tb_docx_is_w (xmlNode    *node,
      const char *name)
{
  return node->type == XML_ELEMENT_NODE && is_w_ns (node) &&
         strcmp ((const char *) node->name, name) == 0;
}

/* The w:NAME attribute of @node (in the namespace of the document), or NULL. */
static xmlChar *
w_attr (xmlNode    *node,
        const char *name)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) NS_W);

  if (value == NULL)
    value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) NS_W_STRICT);
  return value;
}

xmlNode *
tb_docx_child (xmlNode    *node,
         const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (tb_docx_is_w (c, name))
      return c;
  return NULL;
}

/* An on/off property (w:vanish, w:tblHeader): on unless its w:val says otherwise. */
static gboolean
w_on (xmlNode *node)
{
  g_autoptr(xmlChar) val = NULL;

  if (node == NULL)
    return FALSE;
  val = w_attr (node, "val");
  return val == NULL || !(g_str_equal ((char *) val, "0") || g_str_equal ((char *) val, "false") ||
                          g_str_equal ((char *) val, "off"));
}

/* A small count attribute (w:gridSpan, w:gridBefore) within 0 .. @max. */
static guint
w_count (xmlNode *node,
         guint    fallback,
         guint    max)
{
  g_autoptr(xmlChar) val = NULL;
  guint64 n;
  char *end = NULL;

  if (node == NULL)
    return fallback;
  val = w_attr (node, "val");
  if (val == NULL)
    return fallback;
  n = g_ascii_strtoull ((const char *) val, &end, 10);
  if (end == (char *) val || *end != '\0')
    return fallback;
  return (guint) MIN (n, max);
}

/* The text nodes directly below @node (never entity expansions). */
void
tb_docx_append_text (xmlNode *node,
                      GString *out)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
      g_string_append (out, (const char *) c->content);
}

/* ---- Inline text ---------------------------------------------------------------------- */

static gboolean
in_field_instruction (Reader *r)
{
  return r->n_fields > 0 && r->n_fields <= MAX_FIELDS && r->field_instr[r->n_fields - 1];
}

static void
field_char (Reader  *r,
            xmlNode *node)
{
  g_autoptr(xmlChar) type = w_attr (node, "fldCharType");

  if (type == NULL)
    return;
  if (g_str_equal ((char *) type, "begin"))
    {
      if (r->n_fields < MAX_FIELDS)
        r->field_instr[r->n_fields] = TRUE;
      r->n_fields++;
    }
  else if (g_str_equal ((char *) type, "separate"))
    {
      if (r->n_fields > 0 && r->n_fields <= MAX_FIELDS)
        r->field_instr[r->n_fields - 1] = FALSE;
    }
  else if (g_str_equal ((char *) type, "end") && r->n_fields > 0)
    r->n_fields--;
}

/* w:sym: a character of a symbol font. Characters of the private use area F000–F0FF are
 * glyphs of fonts like Wingdings (ticks, boxes) with no meaning as text: left out. */
static void
append_sym (xmlNode *node,
            GString *out)
{
  g_autoptr(xmlChar) code = w_attr (node, "char");
  guint64 c;
  char *end = NULL;

  if (code == NULL)
    return;
  c = g_ascii_strtoull ((const char *) code, &end, 16);
  if (end == (char *) code || *end != '\0' || c == 0 || (c >= 0xE000 && c <= 0xF8FF) ||
      !g_unichar_validate ((gunichar) c) || g_unichar_iscntrl ((gunichar) c))
    return;
  g_string_append_unichar (out, (gunichar) c);
}

static gboolean
run_hidden (xmlNode *run)
{
  xmlNode *props = tb_docx_child (run, "rPr");

  return props != NULL && (w_on (tb_docx_child (props, "vanish")) || w_on (tb_docx_child (props, "webHidden")));
}

/* The text below @node (a paragraph, or part of one): "\t" for tabs, "\n" for line breaks. */
static void
read_inline (Reader  *r,
             xmlNode *node,
             GString *out)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      const char *name;

      if (c->type != XML_ELEMENT_NODE || !is_w_ns (c))
        continue;   /* drawings, text boxes (mc:AlternateContent), math, other markup */
      name = (const char *) c->name;
      if (g_str_equal (name, "t"))
        {
          if (!in_field_instruction (r))
            tb_docx_append_text (c, out);
        }
      else if (g_str_equal (name, "tab") || g_str_equal (name, "ptab"))
        g_string_append_c (out, '\t');
      else if (g_str_equal (name, "br") || g_str_equal (name, "cr"))
        g_string_append_c (out, '\n');
      else if (g_str_equal (name, "sym"))
        append_sym (c, out);
      else if (g_str_equal (name, "noBreakHyphen"))
        g_string_append_c (out, '-');
      else if (g_str_equal (name, "fldChar"))
        field_char (r, c);
      else if (g_str_equal (name, "r"))
        {
          if (!run_hidden (c))
            read_inline (r, c, out);
        }
      else if (g_str_equal (name, "del") || g_str_equal (name, "moveFrom") ||
               g_str_equal (name, "pPr") || g_str_equal (name, "rPr") ||
               g_str_equal (name, "sdtPr") || g_str_equal (name, "sdtEndPr") ||
               g_str_equal (name, "instrText") || g_str_equal (name, "delText") ||
               g_str_equal (name, "delInstrText") || g_str_equal (name, "drawing") ||
               g_str_equal (name, "pict") || g_str_equal (name, "object") ||
               g_str_equal (name, "rt") || g_str_equal (name, "footnoteReference") ||
               g_str_equal (name, "endnoteReference") || g_str_equal (name, "commentReference"))
        continue;
      else
        /* w:ins, w:moveTo, w:hyperlink, w:smartTag, w:customXml, w:fldSimple, w:sdt,
         * w:sdtContent, w:ruby, w:rubyBase, w:dir, w:bdo: their content is text. */
        read_inline (r, c, out);
    }
}

/* ---- Blocks --------------------------------------------------------------------------- */

static gboolean
count_block (Reader *r)
{
  if (r->full)
    return FALSE;
  if (++r->n_blocks > MAX_BLOCKS)
    {
      r->full = TRUE;
      g_ptr_array_add (r->source->notes,
                       g_strdup_printf (_("The document is longer than any report: only its "
                                          "first %u paragraphs and cells were read."),
                                        MAX_BLOCKS));
      return FALSE;
    }
  return TRUE;
}

static void read_table (Reader *r, xmlNode *tbl);
static void read_cell_content (Reader *r, xmlNode *parent, GString *out,
                               gboolean *nested);

/* Whether @p is a title or a heading (by its style, or centred): a line break in it only
 * wraps it. */
static gboolean
is_title (xmlNode *p)
{
  xmlNode *props = tb_docx_child (p, "pPr");
  xmlNode *jc = tb_docx_child (props, "jc");
  xmlNode *style = tb_docx_child (props, "pStyle");
  g_autoptr(xmlChar) align = jc != NULL ? w_attr (jc, "val") : NULL;
  g_autoptr(xmlChar) name = style != NULL ? w_attr (style, "val") : NULL;

  if (align != NULL && g_str_equal ((const char *) align, "center"))
    return TRUE;
  return name != NULL && (g_ascii_strncasecmp ((const char *) name, "title", 5) == 0 ||
                          g_ascii_strncasecmp ((const char *) name, "subtitle", 8) == 0 ||
                          g_ascii_strncasecmp ((const char *) name, "heading", 7) == 0 ||
                          g_str_has_prefix ((const char *) name, "标题"));
}

/* A body paragraph: one paragraph block per line (a manual line break in a report's text
 * separates paragraphs as often as it wraps one), but one for a title or a heading, whose
 * lines (a title over two lines) are joined again: Chinese with nothing between. */
static void
read_body_paragraph (Reader  *r,
                     xmlNode *p)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  read_inline (r, p, text);
  if (is_title (p))
    {
      for (char *nl = strchr (text->str, '\n'); nl != NULL; nl = strchr (text->str, '\n'))
        {
          gsize at = nl - text->str;
          gboolean latin = at > 0 && at + 1 < text->len && g_ascii_isalpha (text->str[at - 1]) &&
                           g_ascii_isalpha (text->str[at + 1]);

          if (latin)
            text->str[at] = ' ';
          else
            g_string_erase (text, at, 1);
        }
    }
  lines = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (count_block (r))
      tb_source_add_paragraph (r->source, lines[i], NULL);
}

static gboolean
is_container (xmlNode *node)
{
  /* Block-level wrappers whose content is part of the document. */
  return tb_docx_is_w (node, "sdt") || tb_docx_is_w (node, "sdtContent") || tb_docx_is_w (node, "customXml") ||
         tb_docx_is_w (node, "ins") || tb_docx_is_w (node, "moveTo") || tb_docx_is_w (node, "smartTag");
}

static void
read_body (Reader  *r,
           xmlNode *parent)
{
  for (xmlNode *c = parent->children; c != NULL && !r->full; c = c->next)
    {
      if (tb_docx_is_w (c, "p"))
        read_body_paragraph (r, c);
      else if (tb_docx_is_w (c, "tbl"))
        read_table (r, c);
      else if (is_container (c))
        read_body (r, c);
    }
}

/* The text of a table met inside a cell: cells separated by a space, rows by a line. */
static void
read_nested_table (Reader  *r,
                   xmlNode *tbl,
                   GString *out)
{
  for (xmlNode *tr = tbl->children; tr != NULL; tr = tr->next)
    {
      gboolean first = TRUE;

      if (is_container (tr))
        {
          read_nested_table (r, tr, out);
          continue;
        }
      if (!tb_docx_is_w (tr, "tr"))
        continue;
      g_string_append_c (out, '\n');
      for (xmlNode *tc = tr->children; tc != NULL; tc = tc->next)
        {
          g_autoptr(GString) cell = g_string_new (NULL);
          gboolean nested = FALSE;

          if (!tb_docx_is_w (tc, "tc"))
            continue;
          read_cell_content (r, tc, cell, &nested);
          g_strdelimit (cell->str, "\n", ' ');
          if (!first)
            g_string_append_c (out, ' ');
          g_string_append (out, cell->str);
          first = FALSE;
        }
    }
  g_string_append_c (out, '\n');
}

/* The paragraphs of a table cell, one line each. */
static void
read_cell_content (Reader   *r,
                   xmlNode  *parent,
                   GString  *out,
                   gboolean *nested)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      if (tb_docx_is_w (c, "p"))
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          read_inline (r, c, out);
        }
      else if (tb_docx_is_w (c, "tbl"))
        {
          *nested = TRUE;
          read_nested_table (r, c, out);
        }
      else if (is_container (c))
        read_cell_content (r, c, out, nested);
    }
}

typedef struct
{
  Reader      *r;
  GPtrArray   *cells;                 /* PendingCell* */
  PendingCell *above[MAX_COLUMNS];    /* the cell covering each column in the previous row */
  PendingCell *here[MAX_COLUMNS];     /* the same for the row being read */
  guint        row;
  guint        col;
  gboolean     header;
  gboolean     nested_noted;
  gboolean     wide_noted;
} TableReader;

static void
read_tc (TableReader *t,
         xmlNode     *tc)
{
  xmlNode *props = tb_docx_child (tc, "tcPr");
  xmlNode *vmerge = tb_docx_child (props, "vMerge");
  xmlNode *hmerge = tb_docx_child (props, "hMerge");
  guint span = MAX (w_count (tb_docx_child (props, "gridSpan"), 1, MAX_COLUMNS), 1);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean nested = FALSE;
  PendingCell *cell = NULL;
  gboolean merge_down = FALSE;

  if (!count_block (t->r))
    return;
  read_cell_content (t->r, tc, text, &nested);
  if (nested && !t->nested_noted)
    {
      t->nested_noted = TRUE;
      g_ptr_array_add (t->r->source->notes,
                       g_strdup_printf (_("Table %u, row %u, column %u holds a table of its own; "
                                          "its text was read as the text of that cell."),
                                        t->r->n_tables, t->row + 1, t->col + 1));
    }
  if (t->col >= MAX_COLUMNS)
    {
      if (!t->wide_noted)
        g_ptr_array_add (t->r->source->notes,
                         g_strdup_printf (_("Table %u has more than %u columns: the columns "
                                            "after that were not read."),
                                          t->r->n_tables, MAX_COLUMNS));
      t->wide_noted = TRUE;
      return;
    }
  span = MIN (span, MAX_COLUMNS - t->col);

  if (vmerge != NULL)
    {
      g_autoptr(xmlChar) val = w_attr (vmerge, "val");

      merge_down = val == NULL || !g_str_equal ((char *) val, "restart");
    }
  if (hmerge != NULL && t->col > 0 && t->here[t->col - 1] != NULL)
    {
      g_autoptr(xmlChar) val = w_attr (hmerge, "val");

      /* The old horizontal merge: a continuing cell widens the one on its left. */
      if (val == NULL || !g_str_equal ((char *) val, "restart"))
        cell = t->here[t->col - 1];
      if (cell != NULL && cell->row == t->row && cell->col + cell->colspan == t->col)
        cell->colspan += span;
      else
        cell = NULL;
    }
  if (cell == NULL && merge_down)
    {
      PendingCell *up = t->above[t->col];

      /* A continuing cell lengthens the cell above it, if that one starts in the same
       * column, is as wide and reaches this row. */
      if (up != NULL && up->col == t->col && up->colspan == span &&
          up->row + up->rowspan == t->row)
        {
          cell = up;
          cell->rowspan++;
        }
    }
  if (cell == NULL)
    {
      cell = g_new0 (PendingCell, 1);
      cell->row = t->row;
      cell->col = t->col;
      cell->rowspan = 1;
      cell->colspan = span;
      cell->text = g_string_new (NULL);
      cell->header = t->header;
      g_ptr_array_add (t->cells, cell);
    }
  if (text->len > 0)
    {
      if (cell->text->len > 0)
        g_string_append_c (cell->text, '\n');
      g_string_append_len (cell->text, text->str, text->len);
    }
  for (guint c = t->col; c < t->col + span; c++)
    t->here[c] = cell;
  t->col += span;
}

static void
read_tr_cells (TableReader *t,
               xmlNode     *parent)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      if (tb_docx_is_w (c, "tc"))
        read_tc (t, c);
      else if (is_container (c))
        read_tr_cells (t, c);
    }
}

static void
read_tr (TableReader *t,
         xmlNode     *tr)
{
  xmlNode *props = tb_docx_child (tr, "trPr");

  if (t->row >= MAX_ROWS)
    return;
  memset (t->here, 0, sizeof t->here);
  t->header = w_on (tb_docx_child (props, "tblHeader"));
  /* Word writes w:gridBefore in w:trPr; older files as a property of the row too. */
  t->col = w_count (tb_docx_child (props, "gridBefore"), 0, MAX_COLUMNS);
  read_tr_cells (t, tr);
  memcpy (t->above, t->here, sizeof t->above);
  t->row++;
  if (t->row == MAX_ROWS)
    g_ptr_array_add (t->r->source->notes,
                     g_strdup_printf (_("Table %u has more than %u rows: the rows after that "
                                        "were not read."), t->r->n_tables, MAX_ROWS));
}

static void
read_rows (TableReader *t,
           xmlNode     *parent)
{
  for (xmlNode *c = parent->children; c != NULL && !t->r->full; c = c->next)
    {
      if (tb_docx_is_w (c, "tr"))
        read_tr (t, c);
      else if (is_container (c))
        read_rows (t, c);
    }
}

static void
read_table (Reader  *r,
            xmlNode *tbl)
{
  g_autofree TableReader *t = g_new0 (TableReader, 1);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_cell_free);
  TbSourcePos pos = { 0, };
  TbSourceBlock *block;

  t->r = r;
  t->cells = cells;
  r->n_tables++;
  read_rows (t, tbl);
  if (cells->len == 0)
    return;

  pos.table = r->n_tables;
  block = tb_source_add_table (r->source, &pos);
  for (guint i = 0; i < cells->len; i++)
    {
      PendingCell *cell = g_ptr_array_index (cells, i);
      TbSourcePos cell_pos = { .table = pos.table, .row = cell->row + 1, .column = cell->col + 1 };

      tb_source_table_add_cell (block, cell->row, cell->col, cell->rowspan, cell->colspan,
                                cell->text->str, cell->header, &cell_pos);
    }
}

void
tb_docx_read_body (TbSource *source,
                   xmlNode  *body)
{
  Reader r = { 0, };

  r.source = source;
  read_body (&r, body);
}
