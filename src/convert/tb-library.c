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

static gpointer
open_library (gpointer data)
{
  TbLibrary *library = data;
  GModule *module = g_module_open (library->soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      library->error = g_strdup (g_module_error ());
      return NULL;
    }
  for (gsize i = 0; i < library->n_symbols; i++)
    {
      gpointer *slot = G_STRUCT_MEMBER_P (library->table, library->symbols[i].offset);

      if (!g_module_symbol (module, library->symbols[i].name, slot) || *slot == NULL)
        {
          library->error = g_strdup (g_module_error ());
          g_module_close (module);
          return NULL;
        }
    }
  /* GTypes registered by a library must never be unloaded: keep it. */
  g_module_make_resident (module);
  return library->table;
}

/**
 * tb_library_ensure:
 * @library: the library, with its soname, symbols and table
 * @message: (out) (optional): why it could not be opened (owned by @library)
 *
 * Opens @library the first time it is called (once per process, from any thread) and fills
 * its table with the addresses of its symbols.
 *
 * Returns: whether the library and every symbol were found
 */
gboolean
tb_library_ensure (TbLibrary   *library,
                   const char **message)
{
  if (g_once (&library->once, open_library, library) != NULL)
    return TRUE;
  if (message != NULL)
    *message = library->error != NULL ? library->error : "?";
  return FALSE;
}
