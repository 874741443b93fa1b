/* tb-fonts.h: finds the installed faces of the document fonts through fontconfig
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TbFontFace is one face of an installed font file (a .ttc holds several), opened once
 * per process with HarfBuzz (the file is mapped, not read) so that the characters it has
 * can be asked and it can be subset (tb-font-subset.h). Faces are found by family through
 * the system fontconfig configuration, or for one character in fontconfig's fallback
 * order. Only scalable TrueType and CFF faces count: those are what HarfBuzz subsets and
 * cairo embeds. Everything here is cached for the life of the process and thread-safe.
 */
#pragma once

#include <glib.h>
#include <hb.h>

#include "tb-font-roles.h"

G_BEGIN_DECLS

typedef struct _TbFontFace TbFontFace;

/* The installed face of @family (any of its names, e.g. "LXGW WenKai" or "霞鹜文楷") that
 * fontconfig matches for @weight and @slant (fontconfig's FC_WEIGHT and FC_SLANT values),
 * or NULL when no face of @family is installed. (transfer none): lives for the process. */
const TbFontFace  *tb_fonts_find                  (const char       *family,
                                                   int               weight,
                                                   int               slant);

/* The first installed face in fontconfig's fallback order for Chinese text at @weight and
 * @slant that has @ch, or NULL when no installed font has it. (transfer none) */
const TbFontFace  *tb_fonts_find_for_char         (gunichar          ch,
                                                   int               weight,
                                                   int               slant);

/* The free document fonts to fall back on, in order, after the fonts a role asks for:
 * Noto Serif CJK SC, Noto Sans CJK SC, LXGW WenKai, AR PL UKai CN, … (NULL-terminated) */
const char *const *tb_fonts_get_fallback_families (void);

/* The one place a font role becomes an installed family: the first family of
 * tb_font_role_dup_families() that is installed, else the first installed free fallback
 * (tb_fonts_get_fallback_families()), else the role's first free family as named. @bold
 * (nullable) is set when the role must be set in the bold face: the role asks for it, or
 * it asks for it in a free stand-in (the title in Noto Serif CJK SC Bold for 小标宋).
 * (transfer full) */
char              *tb_fonts_resolve_role          (TbFontRole        role,
                                                   gboolean         *bold);
/* The same without the clerk's choice: what "automatic" means here. (transfer full) */
char              *tb_fonts_resolve_role_default  (TbFontRole        role);
/* TRUE when a regular face of @family is installed. */
gboolean           tb_fonts_is_installed          (const char       *family);
/* A Pango font description string for @role at @size points: its resolved family, then
 * the free fallbacks, so that a character the family lacks is set per glyph in the first
 * fallback that has it. (transfer full) */
char              *tb_fonts_dup_role_font         (TbFontRole        role,
                                                   double            size,
                                                   gboolean          bold);

const char        *tb_font_face_get_file          (const TbFontFace *face);
guint              tb_font_face_get_index         (const TbFontFace *face);
/* fontconfig's first family name of the face, e.g. "Noto Serif CJK SC". */
const char        *tb_font_face_get_family        (const TbFontFace *face);
int                tb_font_face_get_weight        (const TbFontFace *face);
/* TRUE for CFF outlines (an .otf), FALSE for TrueType outlines. */
gboolean           tb_font_face_is_cff            (const TbFontFace *face);
/* "size:mtime" of the file: changes when the font package is updated. */
const char        *tb_font_face_get_version       (const TbFontFace *face);
gboolean           tb_font_face_has_char          (const TbFontFace *face,
                                                   gunichar          ch);
/* The HarfBuzz face of the whole font. (transfer none) */
hb_face_t         *tb_font_face_get_hb_face       (const TbFontFace *face);

G_END_DECLS
