/* tb-field.h: the limits and the one character rule of every text a report holds
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text of a report — the agency, the preparer, the contact, each text section and what
 * is typed into a cell — has a maximum length, far above what a real report needs and far
 * below what would slow a window or a PDF down, and follows one rule for characters: no
 * control characters (C0, DEL, C1; a text section may hold line breaks and tabs), and no
 * invisible direction controls (U+202A–U+202E, U+2066–U+2069), which can make a name read
 * differently on screen and on paper than it is stored. The draft reader refuses a file that
 * breaks them, naming the field; the CLI refuses such input; the app limits its entries with
 * tb_field_get_max_chars() and checks with tb_field_check() before it sets a value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TB_FIELD_AGENCY,
  TB_FIELD_PREPARER,
  TB_FIELD_CONTACT,
  TB_FIELD_TEXT,      /* the text of a text section: paragraphs */
  TB_FIELD_CELL,      /* what is typed into a cell (kept as typed when it is not a number) */
  TB_FIELD_N
} TbField;

/* Characters (not bytes). A long 2021 report's longest section has some 5,000; the biggest
 * draft these allow (every text at its maximum, every character escaped) stays below
 * TB_DRAFT_MAX_SIZE. */
#define TB_FIELD_AGENCY_MAX_CHARS    100
#define TB_FIELD_PREPARER_MAX_CHARS  50
#define TB_FIELD_CONTACT_MAX_CHARS   100
#define TB_FIELD_TEXT_MAX_CHARS      30000
#define TB_FIELD_CELL_MAX_CHARS      100

#define TB_FIELD_ERROR (tb_field_error_quark ())

typedef enum
{
  TB_FIELD_ERROR_TOO_LONG,
  TB_FIELD_ERROR_INVALID_UTF8,
  TB_FIELD_ERROR_CONTROL,      /* a control character, or a line break where none may be */
  TB_FIELD_ERROR_DIRECTION,    /* an invisible direction control (U+202A–U+202E, U+2066–9) */
} TbFieldError;

GQuark       tb_field_error_quark     (void);

/* The most characters @field may hold. */
guint        tb_field_get_max_chars   (TbField      field);
/* Whether @field may hold line breaks (\n, \r) and tabs (only TB_FIELD_TEXT). */
gboolean     tb_field_allows_newlines (TbField      field);
/* The field's name in a message ("the agency"), translated. */
const char  *tb_field_get_name        (TbField      field);

/* Whether @c may never be part of any text: C0 controls, DEL and C1 controls. */
gboolean     tb_field_is_control      (gunichar     c);
/* Whether @c is an invisible direction control (embedding, override, isolate). */
gboolean     tb_field_is_direction    (gunichar     c);

/* Checks @text (@len bytes, or up to its NUL if @len < 0) against the rules of @field: valid
 * UTF-8, at most tb_field_get_max_chars() characters, no control character (line breaks and
 * tabs only where tb_field_allows_newlines()), no direction control. NULL is the empty text.
 * On a breach, sets @error with a sentence for a clerk that starts with the field's name
 * ("The agency contains a control character (U+0001) at character 2; remove it.") and
 * returns FALSE. Stops at the first breach: linear in @len, at most one pass. */
gboolean     tb_field_check           (TbField      field,
                                       const char  *text,
                                       gssize       len,
                                       GError     **error);

G_END_DECLS
