/* tb-html-private.h: the pieces of the HTML reader (tb-html-reader.c, tb-html-content.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader walks a parsed page into a TbSource; tb-html-content.c finds where in the page
 * the report is (its main content, without the portal around it) and the report's title.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Limit for hostile pages. libxml2 itself keeps the tree within 256 levels (the HUGE
 * option, which lifts that, is never passed); the walks stop a little deeper. */
#define TB_HTML_MAX_DEPTH 300

/* Whether @node is the element @name (any case). */
gboolean   _tb_html_is_elem          (xmlNode           *node,
                                      const char        *name);
/* Whether @node is one of the elements @names (NULL-terminated). */
gboolean   _tb_html_is_one_of        (xmlNode           *node,
                                      const char *const *names);
/* Whether the element @node is never read: scripts, forms, hidden parts, navigation,
 * share buttons and footers. */
gboolean   _tb_html_is_skipped       (xmlNode           *node);
/* The start of @node's text (@limit bytes or a few more). (transfer full) */
char      *_tb_html_node_text_head   (xmlNode           *node,
                                      gsize              limit);
/* The rows (<tr>) of @table in rendering order. (transfer container) */
GPtrArray *_tb_html_table_rows       (xmlNode           *table);
/* Whether a table is somewhere inside @node (or it is nested too deep to tell). */
gboolean   _tb_html_contains_table   (xmlNode           *node,
                                      guint              depth);
/* Whether @table lays the page out rather than holding data. */
gboolean   _tb_html_is_layout_table  (xmlNode           *table);

/* The element of @body holding the report's content (@body itself if nothing marks it);
 * @title is set to the last title-like heading before it, outside it, or NULL. */
xmlNode   *_tb_html_main_content     (xmlNode           *body,
                                      xmlNode          **title);

G_END_DECLS
