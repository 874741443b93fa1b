/* tb-library.h: libraries opened the first time they are needed, not linked
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize       offset;   /* of the function pointer in the caller's table */
  const char *name;     /* the symbol */
} TbLibrarySymbol;

#define TB_LIBRARY_SYMBOL(Table, name) { G_STRUCT_OFFSET (Table, name), #name }

gboolean tb_library_open (const char            *soname,
                          const TbLibrarySymbol *symbols,
                          gsize                  n_symbols,
                          gpointer               table,
                          char                 **message);

G_END_DECLS
