/* tb-library.c: libraries opened the first time they are needed, not linked
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * poppler (reading PDF) and libarchive (Word's zip) serve a few commands only, but linked
 * they were loaded and relocated at every start of the app and of tianbao-cli: about 3 MiB
 * of the report window's memory (issue 14; build-aux/bench-gui prints what the libraries
 * the app links cost a bare window). So they are opened with GModule on first use, as
 * Evince opens its PDF backend, and stay open for the life of the process. Callers keep a
 * table of function pointers typed with __typeof__ from the library's own header, so the
 * compiler checks every call against the installed version as if it were linked.
 */
#define G_LOG_DOMAIN "tb-library"

#include "config.h"

#include <gmodule.h>

#include "tb-library.h"

/**
 * tb_library_open:
 * @soname: the library's file name (e.g. libarchive.so.13)
 * @symbols: (array length=n_symbols): the functions to look up
 * @table: where their addresses go, at each symbol's offset
 * @message: (out): why it failed, to be freed
 *
 * Opens @soname for good and fills @table. Call it once (e.g. from g_once()).
 *
 * Returns: whether the library and every symbol were found
 */
gboolean
tb_library_open (const char            *soname,
                 const TbLibrarySymbol *symbols,
                 gsize                  n_symbols,
                 gpointer               table,
                 char                 **message)
{
  GModule *module = g_module_open (soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      *message = g_strdup (g_module_error ());
      return FALSE;
    }
  for (gsize i = 0; i < n_symbols; i++)
    {
      gpointer *slot = G_STRUCT_MEMBER_P (table, symbols[i].offset);

      if (!g_module_symbol (module, symbols[i].name, slot) || *slot == NULL)
        {
          *message = g_strdup (g_module_error ());
          g_module_close (module);
          return FALSE;
        }
    }
  /* GTypes registered by a library must never be unloaded: keep it. */
  g_module_make_resident (module);
  return TRUE;
}
