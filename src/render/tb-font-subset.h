/* tb-font-subset.h: per-document subset fonts, and a Pango font map that uses only them
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document tells which text it sets in which font (a Pango font description, family
 * lists allowed: "LXGW WenKai,Noto Serif CJK SC 16"). tb_font_subset_build() then finds
 * the faces through fontconfig (tb-fonts.h), gives every character to the first face of
 * its font's families that has it, else to the free fallbacks in order, else to whatever
 * installed face fontconfig offers for it, and makes one HarfBuzz subset per face with
 * just those characters (CFF desubroutinised; the layout tables, vertical metrics and
 * names kept). The font map it returns is a PangoCairo font map over a private fontconfig
 * configuration that holds only these subsets, so Pango shapes and measures with exactly
 * the glyphs cairo embeds, and a character missing in a face falls back to the subset that
 * has it: no tofu.
 *
 * Pango reads a font for HarfBuzz only from a file, and cairo keeps faces process-wide by
 * file name, so the subsets are files: named by a hash of everything they are made from
 * (the recipe, HarfBuzz version, font file, its size and time, face, characters) and kept
 * in a cache folder (tianbao/fonts in the user's runtime folder). A name therefore always
 * means the same bytes, which keeps those caches right and makes repeated exports fast.
 * The folder is pruned to the most recently used files. The font maps built last are
 * reused when a build asks for the same subsets.
 *
 * The font map is not thread-safe (no Pango font map is): use it from one thread.
 */
#pragma once

#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define TB_TYPE_FONT_SUBSET (tb_font_subset_get_type ())
G_DECLARE_FINAL_TYPE (TbFontSubset, tb_font_subset, TB, FONT_SUBSET, GObject)

TbFontSubset *tb_font_subset_new                (void);
/* Where the subset files go; NULL (the default): tianbao/fonts in the user runtime folder
 * (g_get_user_runtime_dir()). */
void          tb_font_subset_set_cache_dir      (TbFontSubset  *self,
                                                 const char    *dir);
/* Adds @text (UTF-8, -1 for NUL-terminated) set in @font (a Pango font description
 * string; the size does not matter). Before tb_font_subset_build() only. */
void          tb_font_subset_add_text           (TbFontSubset  *self,
                                                 const char    *font,
                                                 const char    *text,
                                                 gssize         len);
gboolean      tb_font_subset_build              (TbFontSubset  *self,
                                                 GError       **error);

/* After a successful build: */
PangoFontMap *tb_font_subset_get_font_map       (TbFontSubset  *self);
/* TRUE when @ch was added and some subset has it. */
gboolean      tb_font_subset_has_char           (TbFontSubset  *self,
                                                 gunichar       ch);
/* The characters added that no installed font has (UTF-8, empty when none). */
const char   *tb_font_subset_get_missing        (TbFontSubset  *self);
guint         tb_font_subset_get_n_faces        (TbFontSubset  *self);
/* The subset file of face @i, the font file it was made from, its glyph count. */
const char   *tb_font_subset_get_face_file      (TbFontSubset  *self,
                                                 guint          i);
const char   *tb_font_subset_get_face_source    (TbFontSubset  *self,
                                                 guint          i);
guint         tb_font_subset_get_face_n_glyphs  (TbFontSubset  *self,
                                                 guint          i);
/* The characters given to face @i (UTF-8). */
char         *tb_font_subset_dup_face_chars     (TbFontSubset  *self,
                                                 guint          i);

G_END_DECLS
