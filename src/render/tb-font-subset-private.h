/* tb-font-subset-private.h: the pieces of the subset fonts (tb-font-subset.c,
 * tb-font-subset-cache.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tb-font-subset.c gives the characters of a document to faces, makes the HarfBuzz subset
 * of each face and builds the private fontconfig configuration and font map over them;
 * tb-font-subset-cache.c keeps the subset files on disk: names them by what they are made
 * from, writes the missing ones and prunes the folder.
 */
#pragma once

#include <gio/gio.h>
#include <hb.h>

#include "tb-font-subset.h"
#include "tb-fonts.h"

G_BEGIN_DECLS

/* Bump when the way subsets are made changes (_tb_font_subset_make_face()): the cache
 * names change with it. */
#define TB_FONT_SUBSET_RECIPE "tb-font-subset 2"

/* One face of a document and the characters it sets. */
typedef struct
{
  const TbFontFace *source;
  hb_set_t         *chars;
  char             *key;       /* the hash naming its subset file, set by the cache */
  char             *file;      /* its subset file in the cache folder */
  guint             n_glyphs;  /* of the subset, once made or counted; else 0 */
} TbSubsetFace;

/* The subset of @face's font with its characters, as font file bytes; sets its n_glyphs.
 * Safe to call from any thread. (tb-font-subset.c) */
hb_blob_t *_tb_font_subset_make_face          (TbSubsetFace  *face,
                                               GError       **error);

/* Names the subset file of every TbSubsetFace of @faces in the cache folder @dir (NULL:
 * tianbao/fonts in the user runtime folder), and writes the missing ones, in parallel.
 * (tb-font-subset-cache.c) */
gboolean   _tb_font_subset_cache_write        (const char    *dir,
                                               GPtrArray     *faces,
                                               GError       **error);
/* The number of glyphs of the font file @file (0 if it cannot be read). */
guint      _tb_font_subset_cache_count_glyphs (const char    *file);

G_END_DECLS
