/* tb-docx-private.h: the pieces of the Word reader (tb-docx-reader.c, tb-docx-body.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tb-source.h"

G_BEGIN_DECLS

/* xmlFree may be a macro or a variable holding a function pointer: wrap it. */
static inline void
tb_docx_xml_free (xmlChar *str)
{
  xmlFree (str);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlChar, tb_docx_xml_free)

/* WordprocessingML, as Word and LibreOffice write it (transitional) and as ISO strict. */
#define NS_W        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"

/* Whether @node is the element w:@name (either namespace). */
gboolean  tb_docx_is_w        (xmlNode    *node,
                               const char *name);
/* The first child element w:@name of @node (which may be NULL), or NULL. */
xmlNode  *tb_docx_child       (xmlNode    *node,
                               const char *name);
/* Appends the text nodes directly below @node (never an entity's expansion). */
void      tb_docx_append_text (xmlNode    *node,
                               GString    *out);
/* Reads the paragraphs and tables of w:body into @source. */
void      tb_docx_read_body   (TbSource   *source,
                               xmlNode    *body);

G_END_DECLS
