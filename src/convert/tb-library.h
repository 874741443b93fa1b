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

/* A library opened on first use: a static one per library, filled in by the caller. */
typedef struct
{
  const char            *soname;
  const TbLibrarySymbol *symbols;
  gsize                  n_symbols;
  gpointer               table;     /* the caller's struct of function pointers */
  /* private */
  GOnce                  once;
  char                  *error;
} TbLibrary;

#define TB_LIBRARY_INIT(soname, symbols, table) \
  { (soname), (symbols), G_N_ELEMENTS (symbols), (table), G_ONCE_INIT, NULL }

gboolean tb_library_ensure (TbLibrary   *library,
                            const char **message);

G_END_DECLS
