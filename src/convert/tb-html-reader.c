/* tb-html-reader.c: a web page saved from a government portal, read as a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-html-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "tb-charset.h"
#include "tb-html-private.h"
#include "tb-html-reader.h"

/* Limits for hostile pages; the depth of the walks is TB_HTML_MAX_DEPTH. */
#define MAX_TABLES       200
#define MAX_CELLS        100000
#define MAX_GRID_ROWS    2000
#define MAX_GRID_COLUMNS 200
/* A table with a cell this long holds prose: a page laid out with a table. */
#define LAYOUT_CELL_CHARS 300

typedef struct
{
  TbSource *source;
  GString  *para;        /* the paragraph being collected */
  guint     para_line;   /* its first line in the page */
  guint     n_tables;
  guint     n_cells;
  guint     n_furniture; /* skipped print/share/font links */
  gboolean  deep;        /* content below TB_HTML_MAX_DEPTH was skipped */
  gboolean  too_many;    /* tables or cells beyond the limits were skipped */
} Reader;

/* ------------------------------------------------------------------ elements */

gboolean
_tb_html_is_elem (xmlNode    *node,
                  const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

gboolean
_tb_html_is_one_of (xmlNode           *node,
                    const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (_tb_html_is_elem (node, names[i]))
      return TRUE;
  return FALSE;
}

static const char *const skipped_tags[] = {
  "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
  "select", "option", "button", "input", "textarea", "nav", "aside", "head", "title", "map",
  "audio", "video", "footer", NULL
};

static const char *const block_tags[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
  "blockquote", "center", "pre", "dl", "dt", "dd", "address", "figure", "figcaption", "main",
  "header", "hr", "tr", "td", "th", "caption", "body", "html", "form", "fieldset", NULL
};

/* Words of class and id values that portals give their navigation, share buttons and
 * footers (compared whole, after splitting at "-", "_" and spaces). */
static const char *const furniture_words[] = {
  "nav", "navbar", "menu", "footer", "foot", "bottom", "copyright", "share", "bdshare",
  "breadcrumb", "crumb", "crumbs", "sidebar", "toolbar", "search", "login", "weixin",
  "wechat", "qrcode", "erweima", "related", "pagenav", "pager", "fenxiang", "daohang",
  "dh", "wzdh", "sitemap", "topbar", "skip", NULL
};

static gboolean
has_furniture_word (xmlNode    *node,
                    const char *attr)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) attr);
  g_auto(GStrv) words = NULL;
  gboolean found = FALSE;

  if (value == NULL)
    return FALSE;
  words = g_strsplit_set ((const char *) value, "-_ \t\n", -1);
  xmlFree (value);
  for (guint i = 0; words[i] != NULL && !found; i++)
    {
      g_autofree char *w = g_ascii_strdown (words[i], -1);

      found = g_strv_contains (furniture_words, w);
    }
  return found;
}

static gboolean
is_hidden (xmlNode *node)
{
  xmlChar *style;
  gboolean hidden = FALSE;

  if (xmlHasProp (node, (const xmlChar *) "hidden"))
    return TRUE;
  style = xmlGetProp (node, (const xmlChar *) "style");
  if (style != NULL)
    {
      GString *c = g_string_new (NULL);

      for (const char *p = (const char *) style; *p; p++)
        if (*p != ' ')
          g_string_append_c (c, g_ascii_tolower (*p));
      hidden = strstr (c->str, "display:none") != NULL ||
               strstr (c->str, "visibility:hidden") != NULL;
      g_string_free (c, TRUE);
      xmlFree (style);
    }
  return hidden;
}

gboolean
_tb_html_is_skipped (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         (_tb_html_is_one_of (node, skipped_tags) || is_hidden (node) ||
          has_furniture_word (node, "class") || has_furniture_word (node, "id"));
}

static gboolean
is_block (xmlNode *node)
{
  return _tb_html_is_one_of (node, block_tags);
}

/* ------------------------------------------------------------------ text */

/* The text of @node's inline content, paragraphs (<p>, <br>, <div> …) separated by "\n";
 * it stops once @out holds more than @limit bytes. */
static void
collect_text (xmlNode *node,
              GString *out,
              guint    depth,
              gsize    limit)
{
  if (depth > TB_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = node->children; c != NULL && out->len <= limit; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (c->content != NULL)
            {
              /* Line ends in the source are spaces; only elements make lines. */
              for (const char *p = (const char *) c->content; *p; p++)
                g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
            }
          continue;
        }
      if (c->type != XML_ELEMENT_NODE || _tb_html_is_skipped (c))
        continue;
      if (_tb_html_is_elem (c, "br"))
        {
          g_string_append_c (out, '\n');
          continue;
        }
      if (is_block (c))
        g_string_append_c (out, '\n');
      collect_text (c, out, depth + 1, limit);
      if (is_block (c))
        g_string_append_c (out, '\n');
    }
}

static char *
node_text (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  collect_text (node, out, 0, G_MAXSIZE);
  return g_string_free (out, FALSE);
}

/* The start of @node's text: enough to tell a heading or a title (@limit bytes or a few
 * more), without walking a large subtree. */
char *
_tb_html_node_text_head (xmlNode *node,
                         gsize    limit)
{
  GString *out = g_string_new (NULL);

  collect_text (node, out, 0, limit);
  return g_string_free (out, FALSE);
}

/* Page furniture that sits inside the content: print, close, font size, share links. */
static gboolean
is_furniture_text (const char *text)
{
  static const char *const words[] = {
    "打印本页", "关闭窗口", "【打印】", "【关闭】", "[打印]", "[关闭]", "分享到", "扫一扫",
    "在手机打开", "【大】", "【中】", "【小】", "字号：", "字体：", "上一篇", "下一篇",
    "返回顶部", "加入收藏", "浏览次数", "访问次数", "视力保护色", "【字体",
  };
  g_autofree char *n = tb_source_normalize_text (text, FALSE);

  if (g_utf8_strlen (n, -1) > 40)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (n, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
flush (Reader *r)
{
  if (r->para->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (r->para->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          TbSourcePos pos = { .line = r->para_line };

          if (is_furniture_text (lines[i]))
            {
              r->n_furniture++;
              continue;
            }
          tb_source_add_paragraph (r->source, lines[i], &pos);
        }
    }
  g_string_truncate (r->para, 0);
  r->para_line = 0;
}

/* ------------------------------------------------------------------ tables */

/* The rows of @table in rendering order: <thead>, then <tbody>s and bare <tr>s, then
 * <tfoot>; never the rows of a table inside it. */
GPtrArray *
_tb_html_table_rows (xmlNode *table)
{
  GPtrArray *rows = g_ptr_array_new ();
  GPtrArray *foot = g_ptr_array_new ();

  for (xmlNode *c = table->children; c != NULL; c = c->next)
    {
      if (_tb_html_is_elem (c, "tr"))
        g_ptr_array_add (rows, c);
      else if (_tb_html_is_elem (c, "thead") || _tb_html_is_elem (c, "tbody") ||
               _tb_html_is_elem (c, "tfoot"))
        for (xmlNode *tr = c->children; tr != NULL; tr = tr->next)
          if (_tb_html_is_elem (tr, "tr"))
            g_ptr_array_add (_tb_html_is_elem (c, "tfoot") ? foot : rows, tr);
    }
  g_ptr_array_extend_and_steal (rows, foot);
  return rows;
}

gboolean
_tb_html_contains_table (xmlNode *node,
                         guint    depth)
{
  if (depth > TB_HTML_MAX_DEPTH)
    return TRUE;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE &&
        (_tb_html_is_elem (c, "table") || _tb_html_contains_table (c, depth + 1)))
      return TRUE;
  return FALSE;
}

/* A table used to lay the page out, not to hold data: it holds another table, has at most
 * two cells, or a cell of prose. */
gboolean
_tb_html_is_layout_table (xmlNode *table)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_cells = 0;

  if (_tb_html_contains_table (table, 0))
    return TRUE;
  rows = _tb_html_table_rows (table);
  for (guint i = 0; i < rows->len; i++)
    for (xmlNode *c = ((xmlNode *) g_ptr_array_index (rows, i))->children; c; c = c->next)
      if (_tb_html_is_elem (c, "td") || _tb_html_is_elem (c, "th"))
        {
          g_autofree char *text = _tb_html_node_text_head (c, LAYOUT_CELL_CHARS * 4);
          g_autofree char *n = tb_source_normalize_text (text, FALSE);

          n_cells++;
          if (g_utf8_strlen (n, -1) > LAYOUT_CELL_CHARS)
            return TRUE;
        }
  return n_cells <= 2;
}

static guint
span_attr (xmlNode    *cell,
           const char *name,
           guint       fallback)
{
  xmlChar *value = xmlGetProp (cell, (const xmlChar *) name);
  gint64 n;

  if (value == NULL)
    return fallback;
  n = g_ascii_strtoll (g_strstrip ((char *) value), NULL, 10);
  xmlFree (value);
  if (n < 0)
    return 1;
  return (guint) MIN (n, 65534);
}

static void
read_table (Reader  *r,
            xmlNode *table)
{
  g_autoptr(GPtrArray) rows = _tb_html_table_rows (table);
  TbSourcePos pos = { .line = xmlGetLineNo (table), .table = r->n_tables + 1 };
  TbSourceBlock *block;
  guint n_rows = MIN (rows->len, MAX_GRID_ROWS);
  g_autofree guint8 *taken = NULL;

  if (r->n_tables >= MAX_TABLES || r->n_cells >= MAX_CELLS)
    {
      r->too_many = TRUE;
      return;
    }
  if (n_rows == 0)
    return;
  r->n_tables++;
  block = tb_source_add_table (r->source, &pos);
  taken = g_new0 (guint8, (gsize) n_rows * MAX_GRID_COLUMNS);

  for (guint row = 0; row < n_rows; row++)
    {
      xmlNode *tr = g_ptr_array_index (rows, row);
      gboolean in_head = tr->parent != NULL && _tb_html_is_elem (tr->parent, "thead");
      guint col = 0;

      for (xmlNode *c = tr->children; c != NULL; c = c->next)
        {
          g_autofree char *text = NULL;
          TbSourcePos cpos;
          guint rowspan, colspan;

          if (!_tb_html_is_elem (c, "td") && !_tb_html_is_elem (c, "th"))
            continue;
          while (col < MAX_GRID_COLUMNS && taken[(gsize) row * MAX_GRID_COLUMNS + col])
            col++;
          if (col >= MAX_GRID_COLUMNS || r->n_cells >= MAX_CELLS)
            {
              r->too_many = TRUE;
              break;
            }
          colspan = CLAMP (span_attr (c, "colspan", 1), 1, MAX_GRID_COLUMNS - col);
          rowspan = span_attr (c, "rowspan", 1);
          /* rowspan="0" reaches to the end of the table. */
          if (rowspan == 0 || rowspan > n_rows - row)
            rowspan = n_rows - row;
          for (guint y = row; y < row + rowspan; y++)
            memset (taken + (gsize) y * MAX_GRID_COLUMNS + col, 1, colspan);

          text = node_text (c);
          cpos = (TbSourcePos) { .line = xmlGetLineNo (c), .table = r->n_tables,
                                 .row = row + 1, .column = col + 1 };
          if (tb_source_table_add_cell (block, row, col, rowspan, colspan, text,
                                        _tb_html_is_elem (c, "th") || in_head, &cpos) != NULL)
            r->n_cells++;
          col += colspan;
        }
    }
  if (rows->len > MAX_GRID_ROWS)
    r->too_many = TRUE;
}

/* ------------------------------------------------------------------ flow */

static void walk (Reader *r, xmlNode *node, guint depth);

static void
walk_layout_table (Reader  *r,
                   xmlNode *table,
                   guint    depth)
{
  g_autoptr(GPtrArray) rows = _tb_html_table_rows (table);

  for (guint i = 0; i < rows->len; i++)
    for (xmlNode *c = ((xmlNode *) g_ptr_array_index (rows, i))->children; c; c = c->next)
      if ((_tb_html_is_elem (c, "td") || _tb_html_is_elem (c, "th")) &&
          !_tb_html_is_skipped (c))
        {
          flush (r);
          walk (r, c, depth + 1);
          flush (r);
        }
}

static void
walk (Reader  *r,
      xmlNode *node,
      guint    depth)
{
  if (depth > TB_HTML_MAX_DEPTH)
    {
      r->deep = TRUE;
      return;
    }
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (c->content == NULL)
            continue;
          if (r->para_line == 0)
            r->para_line = xmlGetLineNo (c);
          for (const char *p = (const char *) c->content; *p; p++)
            g_string_append_c (r->para, *p == '\n' || *p == '\r' ? ' ' : *p);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE || _tb_html_is_skipped (c))
        continue;
      if (_tb_html_is_elem (c, "br"))
        {
          g_string_append_c (r->para, '\n');
          continue;
        }
      if (_tb_html_is_elem (c, "table"))
        {
          flush (r);
          if (_tb_html_is_layout_table (c))
            walk_layout_table (r, c, depth);
          else
            read_table (r, c);
          continue;
        }
      if (is_block (c))
        flush (r);
      walk (r, c, depth + 1);
      if (is_block (c))
        flush (r);
    }
}

/* ------------------------------------------------------------------ public */

gboolean
tb_html_reader_sniff (const char *data,
                      gsize       len)
{
  static const char *const marks[] = {
    "<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p ",
    "<title", NULL
  };
  g_autofree char *head = NULL;
  const char *p;
  gsize n = MIN (len, 4096);

  if (n >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      n -= 3;
    }
  head = g_ascii_strdown (data, n);
  for (p = head; *p && g_ascii_isspace (*p); p++)
    ;
  if (*p != '<')
    return strstr (head, "<html") != NULL && strstr (head, "</") != NULL;
  for (guint i = 0; marks[i] != NULL; i++)
    if (strstr (p, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The charset a page declares in <meta charset> or <meta http-equiv content>, or NULL. */
static char *
declared_charset (const char *data,
                  gsize       len)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (len, 8192));
  const char *p = head;

  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *cs = strstr (p, "charset");

      if (cs != NULL && (end == NULL || cs < end))
        {
          GString *name = g_string_new (NULL);

          cs += strlen ("charset");
          while (*cs == ' ' || *cs == '=' || *cs == '"' || *cs == '\'')
            cs++;
          while (g_ascii_isalnum (*cs) || *cs == '-' || *cs == '_')
            g_string_append_c (name, *cs++);
          if (name->len > 0)
            return g_string_free (name, FALSE);
          g_string_free (name, TRUE);
        }
      p += 5;
    }
  return NULL;
}

TbSource *
tb_html_reader_read (GBytes  *data,
                     GError **error)
{
  g_autofree char *declared = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  const char *bytes;
  const char *used = NULL;
  gsize len;
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;
  gboolean stopped;
  xmlNode *root, *body = NULL, *main, *title = NULL;
  Reader r = { 0, };

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (len > TB_SOURCE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *max = g_format_size (TB_SOURCE_MAX_SIZE);

      g_set_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_TOO_LARGE,
                   _("The page is too large to be a report (%s; at most %s are read)"),
                   size, max);
      return NULL;
    }
  declared = declared_charset (bytes, len);
  text = tb_charset_decode (bytes, len, declared, &used, &note, error);
  if (text == NULL)
    return NULL;

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_INVALID,
                           _("The page could not be read as HTML"));
      return NULL;
    }
  /* Never HTML_PARSE_HUGE: libxml2 then keeps the tree within 256 levels. */
  doc = htmlCtxtReadMemory (ctxt, text, (int) strlen (text), "page.html", "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT);
  stopped = ctxt->disableSAX != 0;
  htmlFreeParserCtxt (ctxt);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_INVALID,
                           _("The page could not be read as HTML"));
      return NULL;
    }

  r.source = tb_source_new (TB_SOURCE_HTML);
  r.para = g_string_new (NULL);
  if (stopped)
    tb_source_add_note (r.source, _("The page is damaged or nested too deep (more than 256 "
                                    "levels); it was read only up to that point"));
  if (note != NULL)
    g_ptr_array_add (r.source->notes, g_steal_pointer (&note));
  else if (g_str_equal (used, "GB18030"))
    tb_source_add_note (r.source, _("The page was read as GB18030 (GBK)"));

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (_tb_html_is_elem (c, "body"))
        body = c;
      else if (_tb_html_is_elem (c, "head"))
        for (xmlNode *h = c->children; h != NULL; h = h->next)
          if (_tb_html_is_elem (h, "title") && r.source->title == NULL)
            {
              g_autofree char *t = node_text (h);

              r.source->title = tb_source_normalize_text (t, FALSE);
              if (*r.source->title == '\0')
                g_clear_pointer (&r.source->title, g_free);
            }
    }
  if (body == NULL)
    body = root;

  main = _tb_html_main_content (body, &title);
  if (title != NULL)
    {
      g_autofree char *t = node_text (title);
      TbSourcePos pos = { .line = xmlGetLineNo (title) };

      tb_source_add_paragraph (r.source, t, &pos);
    }
  if (_tb_html_is_elem (main, "table") || _tb_html_is_elem (main, "tr"))
    main = main->parent;
  walk (&r, main, 0);
  flush (&r);

  if (r.deep)
    tb_source_add_note (r.source, _("Parts of the page nested more than %u levels deep were "
                                    "not read"), TB_HTML_MAX_DEPTH);
  if (r.too_many)
    tb_source_add_note (r.source, _("The page has more tables or cells than a report can "
                                    "have (at most %u tables, %u cells); the rest were not "
                                    "read"), MAX_TABLES, MAX_CELLS);
  if (r.n_furniture > 0)
    tb_source_add_note (r.source, g_dngettext (GETTEXT_PACKAGE,
                                               "%u line of page furniture (print, share or "
                                               "font-size links) was skipped",
                                               "%u lines of page furniture (print, share or "
                                               "font-size links) were skipped",
                                               r.n_furniture), r.n_furniture);
  g_string_free (r.para, TRUE);
  xmlFreeDoc (doc);
  return r.source;
}
