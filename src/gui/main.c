/* main.c: start the Tianbao application
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tianbao"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "tb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TbApplication) app = NULL;
  const char *localedir = g_getenv ("TIANBAO_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Running uninstalled (meson devenv) points at the build tree's translations. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
