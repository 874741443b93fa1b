/* tb-xml-private.h: automatic cleanups for the libxml2 types the core uses
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* xmlFree may be a macro or a variable holding a function pointer: wrap it. */
static inline void
tb_xml_free (xmlChar *str)
{
  xmlFree (str);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlChar, tb_xml_free)

G_END_DECLS
