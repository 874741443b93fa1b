/* tb-test-form.c: what the tests of the form on a clerk's screen share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-form.h.
 */
#define G_LOG_DOMAIN "tb-test-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "tb-table-page-private.h"
#include "tb-ui-font.h"
#include "tb-window-private.h"

#include "tb-test-form.h"
#include "tb-test-window.h"

gboolean
tb_test_form_init (int    *argc,
                   char ***argv)
{
  /* LANGUAGE (zh_CN for the run in Chinese) applies in a UTF-8 locale. */
  setlocale (LC_ALL, "C.UTF-8");
  if (g_getenv ("TIANBAO_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIANBAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* As main() does: GtkBuilder translates the .ui files in the default domain. */
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();
  /* The application's style, as AdwApplication loads it. */
  {
    GtkCssProvider *css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* The interface font, as TbApplication sets it at start-up. */
  g_free (tb_ui_font_follow_desktop (gdk_display_get_default ()));
  return TRUE;
}

/* Replaces the text the way typing does: the selection is deleted, the text inserted. */
void
tb_test_form_type (TbWindow   *window,
                   const char *id,
                   const char *text)
{
  GtkWidget *cell = tb_test_cell_widget (window, id);
  int pos = 0;

  gtk_editable_delete_text (GTK_EDITABLE (cell), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (cell), text, -1, &pos);
  tb_test_wait_validated (window);
}

GtkWidget *
tb_test_page_child (TbWindow   *window,
                    const char *page,
                    const char *name)
{
  GtkWidget *widget = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (tb_window_get_page (window, page)),
                                                     TB_TYPE_TABLE_PAGE, name);

  g_assert_nonnull (widget);
  return widget;
}
