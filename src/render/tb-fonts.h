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
