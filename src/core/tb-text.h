/* tb-text.h: blanks in typed and pasted text, and counting the characters of a text
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds of blank, because they answer different questions:
 *  - tb_text_is_blank(): is this character no part of what the clerk meant? White space of
 *    every kind (line breaks, U+3000, no-break spaces) and the invisible characters that
 *    text copied from the web or Word brings along (zero-width space, word joiner, byte
 *    order mark). Stripped around a typed value and around a printed paragraph.
 *  - tb_text_is_column_space(): does this character separate two cells of a pasted row?
 *    Only visible horizontal spaces (space, tab, U+3000, no-break spaces): an invisible
 *    character between two digits must not split them into two cells.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*TbTextSpaceFunc) (gunichar c);

gboolean    tb_text_is_blank          (gunichar         c);
gboolean    tb_text_is_column_space   (gunichar         c);

/* (transfer full): @text (@len bytes, or up to its NUL if @len < 0) without the leading
 * and trailing characters for which @is_space returns TRUE. @text is valid UTF-8. */
char       *tb_text_strip             (const char      *text,
                                       gssize           len,
                                       TbTextSpaceFunc  is_space);

/* The characters of @text that are not white space (the count shown under a text section;
 * g_unichar_isspace() decides). */
guint       tb_text_count_characters  (const char      *text);

G_END_DECLS
