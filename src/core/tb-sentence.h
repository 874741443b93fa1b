/* tb-sentence.h: the standard sentence of a text section, made from its fields
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text section may have structured fields (section 六 of the 2021 format: the fee
 * notices and amounts) and a sentence template in the format data
 * (TbSectionSpec.sentence) with {year} and {cell-id} placeholders. The form inserts the
 * sentence into the text (tb_sentence_make(), tb_sentence_find()); the printed report shows
 * it above the text while the clerk has not inserted it (tb_sentence_make_printed()).
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

/* The sentence of @section with {year} and every {cell-id} filled in from @report. NULL when
 * the section has none or a field it names is not filled (or not readable): the clerk
 * fills the fields first. */
char        *tb_sentence_make       (TbReport            *report,
                                     const TbSectionSpec *section);

/* The sentence of @section as the printed report shows it: fields not filled in yet (and an
 * unknown year) print as the format's blank wording, fields that cannot be read as typed.
 * NULL when the section has no sentence or none of its fields is filled. */
char        *tb_sentence_make_printed (TbReport          *report,
                                       const TbSectionSpec *section);

/* Finds a sentence made from @section's template in @text, whatever values it holds, so
 * that inserting the sentence again replaces it. Offsets are in characters. */
gboolean     tb_sentence_find       (const TbSectionSpec *section,
                                     const char          *text,
                                     int                 *start,
                                     int                 *end);

G_END_DECLS
