/* tb-tooltip.h: tooltips that keep Chinese terms whole
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 wraps a tooltip's label at its minimum width, and Chinese text may break after any
 * character: "本年废止件数" showed as 本年废/止件数. A widget whose tooltip text is a label of
 * the report gets tb_tooltip_keep_terms() once; its tooltip text is then shown with each
 * short run of Chinese characters (a term, up to 8) held together, breaking between terms.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @widget's tooltip text (gtk_widget_set_tooltip_text(), as it is when shown) with
 * its terms kept whole. Once per widget: a second call does nothing. The application
 * gives it to every widget with a tooltip text as the widget is shown (a tooltip in markup
 * is left to GTK)
 * (tb-application.c). */
void   tb_tooltip_keep_terms (GtkWidget  *widget);

/* What @widget's tooltip shows: its tooltip text, glued if it keeps terms; NULL if it has
 * none. (For the tests.) */
char  *tb_tooltip_dup_shown  (GtkWidget  *widget);

/* @text with the characters of each run of up to 8 Chinese characters joined by U+2060
 * WORD JOINER: what the tooltip shows. */
char  *tb_tooltip_glue_terms (const char *text);

G_END_DECLS
