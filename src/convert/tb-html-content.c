/* tb-html-content.c: where in a saved page the report is, and its title
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A portal's page holds the report among navigation, sidebars and lists of other news. The
 * report's numbered headings and its data tables mark it: the reader reads only the element
 * that holds most of them, plus the title just before it.
 */
#define G_LOG_DOMAIN "tb-html-reader"

#include "config.h"

#include <string.h>

#include "tb-html-private.h"
#include "tb-source.h"

/* ------------------------------------------------------------------ anchors */

/* Numbered headings (一、…) and data tables mark the report; the smallest element holding
 * all of them is the main content. */
static gboolean
is_heading_text (const char *text)
{
  static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", NULL };
  g_autofree char *n = tb_source_normalize_text (text, FALSE);

  if (g_utf8_strlen (n, -1) > 40)
    return FALSE;
  for (guint i = 0; numerals[i] != NULL; i++)
    {
      g_autofree char *prefix = g_strconcat (numerals[i], "、", NULL);

      if (g_str_has_prefix (n, prefix))
        return TRUE;
    }
  return FALSE;
}

static gboolean
inside_link (xmlNode *node)
{
  for (xmlNode *p = node->parent; p != NULL; p = p->parent)
    if (_tb_html_is_elem (p, "a"))
      return TRUE;
  return FALSE;
}

static void
find_anchors (xmlNode   *node,
              GPtrArray *anchors,
              guint      depth)
{
  if (depth > TB_HTML_MAX_DEPTH || anchors->len > 1000)
    return;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || _tb_html_is_skipped (c) || _tb_html_is_elem (c, "a"))
        continue;
      if (_tb_html_is_elem (c, "table") && !_tb_html_is_layout_table (c))
        {
          g_ptr_array_add (anchors, c);
          continue;
        }
      if (_tb_html_is_one_of (c, (const char *const[]) { "p", "h1", "h2", "h3", "h4", "h5", "h6",
                                                  "div", "li", "td", "strong", "b", "span",
                                                  NULL }) &&
          !inside_link (c))
        {
          g_autofree char *text = _tb_html_node_text_head (c, 200);

          if (is_heading_text (text))
            {
              g_ptr_array_add (anchors, c);
              continue;
            }
        }
      find_anchors (c, anchors, depth + 1);
    }
}

/* What an anchor weighs: a heading counts like a table of 50 cells. */
static guint
anchor_weight (xmlNode *anchor)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint cells = 0;

  if (!_tb_html_is_elem (anchor, "table"))
    return 50;
  rows = _tb_html_table_rows (anchor);
  for (guint i = 0; i < rows->len && cells < 1000; i++)
    for (xmlNode *c = ((xmlNode *) g_ptr_array_index (rows, i))->children; c; c = c->next)
      if (_tb_html_is_elem (c, "td") || _tb_html_is_elem (c, "th"))
        cells++;
  return MIN (cells, 1000);
}

/* The deepest element that holds three quarters of the anchors' weight: the report's
 * content, without a sidebar's stray table or numbered line. */
static xmlNode *
main_content (GPtrArray *anchors,
              xmlNode   *fallback)
{
  g_autoptr(GHashTable) weights = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer node, weight;
  xmlNode *best = fallback;
  guint best_depth = 0;
  guint64 total = 0;

  for (guint i = 0; i < anchors->len; i++)
    {
      xmlNode *anchor = g_ptr_array_index (anchors, i);
      guint w = anchor_weight (anchor);

      total += w;
      for (xmlNode *p = anchor; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
        g_hash_table_insert (weights, p,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (weights,
                                                                                     p)) + w));
    }
  if (total == 0)
    return fallback;
  g_hash_table_iter_init (&iter, weights);
  while (g_hash_table_iter_next (&iter, &node, &weight))
    {
      guint depth = 0;

      if ((guint64) GPOINTER_TO_UINT (weight) * 4 < total * 3)
        continue;
      for (xmlNode *p = node; p != NULL; p = p->parent)
        depth++;
      if (depth > best_depth)
        {
          best = node;
          best_depth = depth;
        }
    }
  /* An anchor alone (the only table) is not the container: its parent is. */
  for (guint i = 0; i < anchors->len; i++)
    if (g_ptr_array_index (anchors, i) == best && best->parent != NULL)
      return best->parent;
  return best;
}

/* ------------------------------------------------------------------ title */

/* Whether @text reads like the report's title: a year and 报告, not long. */
static gboolean
is_title_text (const char *text)
{
  g_autofree char *n = tb_source_normalize_text (text, FALSE);
  gboolean year = FALSE;

  if (g_utf8_strlen (n, -1) > 80 || strstr (n, "报告") == NULL)
    return FALSE;
  for (const char *p = n; p[0] && p[1] && p[2] && p[3]; p++)
    if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
        g_ascii_isdigit (p[3]))
      year = TRUE;
  return year;
}

/* The last title-like heading before @main in document order, outside @main. */
static void
find_title_before (xmlNode  *node,
                   xmlNode  *main,
                   xmlNode **title,
                   gboolean *reached,
                   guint     depth)
{
  if (depth > TB_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = node->children; c != NULL && !*reached; c = c->next)
    {
      if (c == main)
        {
          *reached = TRUE;
          return;
        }
      if (c->type != XML_ELEMENT_NODE || _tb_html_is_skipped (c) || _tb_html_is_elem (c, "a"))
        continue;
      if (_tb_html_is_one_of (c, (const char *const[]) { "h1", "h2", "h3", "p", "div", "td", NULL }))
        {
          g_autofree char *text = _tb_html_node_text_head (c, 400);

          if (is_title_text (text) && !_tb_html_contains_table (c, 0))
            {
              gboolean inside = FALSE;

              for (xmlNode *p = main; p != NULL; p = p->parent)
                if (p == c)
                  inside = TRUE;
              if (!inside)
                {
                  *title = c;
                  continue;
                }
            }
        }
      find_title_before (c, main, title, reached, depth + 1);
    }
}

/* ------------------------------------------------------------------ private API */

xmlNode *
_tb_html_main_content (xmlNode  *body,
                       xmlNode **title)
{
  g_autoptr(GPtrArray) anchors = g_ptr_array_new ();
  gboolean reached = FALSE;
  xmlNode *main;

  *title = NULL;
  find_anchors (body, anchors, 0);
  main = main_content (anchors, body);
  if (main != body)
    find_title_before (body, main, title, &reached, 0);
  return main;
}
