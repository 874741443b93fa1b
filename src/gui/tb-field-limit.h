/* tb-field-limit.h: entries that take no more than a report field may hold
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draft reader refuses a file whose agency, preparer, contact or text section is longer
 * than tb_field_get_max_chars() (tb-field.h); the entries of the app stop at the same limit.
 * What is typed or pasted beyond it is not taken, and the clerk is told how much was left
 * out ("The agency holds at most 100 characters: 23 pasted characters were not taken."),
 * in a toast of the report window, of the Preferences window, or else below the entry.
 */
#pragma once

#include <gtk/gtk.h>

#include "tb-field.h"

G_BEGIN_DECLS

/* Limits @editable (a GtkEntry, AdwEntryRow, GtkText…) to what @field may hold. */
void   tb_field_limit_editable (GtkEditable   *editable,
                                TbField        field);
/* Limits @buffer, shown by @view, to what @field may hold. */
void   tb_field_limit_buffer   (GtkTextBuffer *buffer,
                                GtkWidget     *view,
                                TbField        field);
/* The message when @n_left_out characters of what was typed or pasted into @field did not
 * fit. (transfer full) */
char  *tb_field_limit_message  (TbField        field,
                                gsize          n_left_out);

G_END_DECLS
