/* tb-fonts.c: finds the installed faces of the document fonts through fontconfig
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-fonts"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>

#include "tb-fonts.h"

struct _TbFontFace
{
  char      *file;
  guint      index;
  char      *family;
  int        weight;
  gboolean   cff;
  char      *version;
  hb_face_t *hb_face;
  hb_font_t *hb_font;   /* for cmap look-ups */
};

/* The free fallbacks, in the order of issue 13: serif, sans, then the Kai faces, then the
 * other free CJK faces Debian ships. */
static const char *const fallback_families[] = {
  "Noto Serif CJK SC",
  "Noto Sans CJK SC",
  "LXGW WenKai",
  "AR PL UKai CN",
  "AR PL UMing CN",
  "WenQuanYi Zen Hei",
  "WenQuanYi Micro Hei",
  NULL
};

G_LOCK_DEFINE_STATIC (fonts);
static GHashTable *faces;       /* "file\nindex" → TbFontFace (never freed) */
static GHashTable *by_family;   /* "family\nweight\nslant" → TbFontFace or the miss marker */
static GHashTable *by_char;     /* "ch\nweight\nslant" → TbFontFace or the miss marker */
static const char  miss_marker[] = "";
#define MISS ((gpointer) miss_marker)

static void
ensure_tables (void)
{
  if (faces != NULL)
    return;
  faces = g_hash_table_new (g_str_hash, g_str_equal);
  by_family = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  by_char = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The face of a fontconfig font pattern; NULL when it is not a scalable TrueType or CFF
 * face HarfBuzz can open. Called with the lock held. */
static TbFontFace *
face_for_pattern (FcPattern *pattern)
{
  FcChar8 *file = NULL;
  FcChar8 *family = NULL;
  FcChar8 *format = NULL;
  FcBool scalable = FcFalse;
  FcBool variable = FcFalse;
  int index = 0;
  int weight = FC_WEIGHT_REGULAR;
  g_autofree char *key = NULL;
  TbFontFace *face;
  GStatBuf st;
  hb_blob_t *blob;

  if (FcPatternGetString (pattern, FC_FILE, 0, &file) != FcResultMatch ||
      FcPatternGetString (pattern, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
      FcPatternGetBool (pattern, FC_SCALABLE, 0, &scalable) != FcResultMatch || !scalable)
    return NULL;
  if (g_strcmp0 ((const char *) format, "TrueType") != 0 &&
      g_strcmp0 ((const char *) format, "CFF") != 0)
    return NULL;
  /* Variable fonts and their named instances (index ≥ 0x10000): cairo 1.16 would embed
   * the default instance. */
  if (FcPatternGetBool (pattern, FC_VARIABLE, 0, &variable) == FcResultMatch && variable)
    return NULL;
  FcPatternGetInteger (pattern, FC_INDEX, 0, &index);
  if (index < 0 || index > 0xffff)
    return NULL;

  key = g_strdup_printf ("%s\n%d", (const char *) file, index);
  face = g_hash_table_lookup (faces, key);
  if (face != NULL)
    return face;

  if (g_stat ((const char *) file, &st) != 0)
    return NULL;
  blob = hb_blob_create_from_file_or_fail ((const char *) file);
  if (blob == NULL)
    return NULL;

  face = g_new0 (TbFontFace, 1);
  face->file = g_strdup ((const char *) file);
  face->index = (guint) index;
  FcPatternGetString (pattern, FC_FAMILY, 0, &family);
  face->family = g_strdup (family ? (const char *) family : "");
  FcPatternGetInteger (pattern, FC_WEIGHT, 0, &weight);
  face->weight = weight;
  face->cff = g_strcmp0 ((const char *) format, "CFF") == 0;
  face->version = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                   (gint64) st.st_size, (gint64) st.st_mtime);
  face->hb_face = hb_face_create (blob, face->index);
  face->hb_font = hb_font_create (face->hb_face);
  hb_face_make_immutable (face->hb_face);
  hb_font_make_immutable (face->hb_font);
  hb_blob_destroy (blob);
  g_hash_table_insert (faces, g_steal_pointer (&key), face);
  g_debug ("opened %s (%u) as \"%s\", weight %d", face->file, face->index, face->family,
           face->weight);
  return face;
}

static FcPattern *
new_pattern (int weight,
             int slant)
{
  FcPattern *pattern = FcPatternCreate ();

  FcPatternAddInteger (pattern, FC_WEIGHT, weight);
  FcPatternAddInteger (pattern, FC_SLANT, slant);
  FcPatternAddBool (pattern, FC_SCALABLE, FcTrue);
  return pattern;
}

static gboolean
has_family (FcPattern  *font,
            const char *family)
{
  FcChar8 *name;

  for (int i = 0; FcPatternGetString (font, FC_FAMILY, i, &name) == FcResultMatch; i++)
    if (g_ascii_strcasecmp ((const char *) name, family) == 0 ||
        g_strcmp0 ((const char *) name, family) == 0)
      return TRUE;
  return FALSE;
}

/* ---- Public --------------------------------------------------------------------------- */

const TbFontFace *
tb_fonts_find (const char *family,
               int         weight,
               int         slant)
{
  g_autofree char *key = NULL;
  TbFontFace *face = NULL;
  gpointer cached;

  g_return_val_if_fail (family != NULL, NULL);

  key = g_strdup_printf ("%s\n%d\n%d", family, weight, slant);
  G_LOCK (fonts);
  ensure_tables ();
  cached = g_hash_table_lookup (by_family, key);
  if (cached != NULL)
    {
      G_UNLOCK (fonts);
      return cached == MISS ? NULL : cached;
    }

  {
    FcPattern *pattern = new_pattern (weight, slant);
    FcPattern *match;
    FcResult result;

    FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
    FcConfigSubstitute (NULL, pattern, FcMatchPattern);
    FcDefaultSubstitute (pattern);
    match = FcFontMatch (NULL, pattern, &result);
    /* fontconfig always answers; only a face of the family itself counts. */
    if (match != NULL && has_family (match, family))
      face = face_for_pattern (match);
    if (match != NULL)
      FcPatternDestroy (match);
    FcPatternDestroy (pattern);
  }

  g_hash_table_insert (by_family, g_steal_pointer (&key), face ? (gpointer) face : MISS);
  G_UNLOCK (fonts);
  return face;
}

const TbFontFace *
tb_fonts_find_for_char (gunichar ch,
                        int      weight,
                        int      slant)
{
  g_autofree char *key = g_strdup_printf ("%u\n%d\n%d", ch, weight, slant);
  TbFontFace *face = NULL;
  gpointer cached;

  G_LOCK (fonts);
  ensure_tables ();
  cached = g_hash_table_lookup (by_char, key);
  if (cached != NULL)
    {
      G_UNLOCK (fonts);
      return cached == MISS ? NULL : cached;
    }

  {
    FcPattern *pattern = new_pattern (weight, slant);
    FcCharSet *charset = FcCharSetCreate ();
    FcFontSet *sorted;
    FcResult result;

    FcCharSetAddChar (charset, ch);
    FcPatternAddCharSet (pattern, FC_CHARSET, charset);
    FcPatternAddString (pattern, FC_LANG, (const FcChar8 *) "zh-cn");
    FcConfigSubstitute (NULL, pattern, FcMatchPattern);
    FcDefaultSubstitute (pattern);
    sorted = FcFontSort (NULL, pattern, FcFalse, NULL, &result);
    for (int i = 0; sorted != NULL && i < sorted->nfont && face == NULL; i++)
      {
        FcCharSet *has = NULL;

        if (FcPatternGetCharSet (sorted->fonts[i], FC_CHARSET, 0, &has) == FcResultMatch &&
            FcCharSetHasChar (has, ch))
          {
            face = face_for_pattern (sorted->fonts[i]);
            /* fontconfig's charset comes from the cmap too, but check the face itself. */
            if (face != NULL && !tb_font_face_has_char (face, ch))
              face = NULL;
          }
      }
    if (sorted != NULL)
      FcFontSetDestroy (sorted);
    FcCharSetDestroy (charset);
    FcPatternDestroy (pattern);
  }

  g_hash_table_insert (by_char, g_steal_pointer (&key), face ? (gpointer) face : MISS);
  G_UNLOCK (fonts);
  return face;
}

const char *const *
tb_fonts_get_fallback_families (void)
{
  return fallback_families;
}

gboolean
tb_fonts_is_installed (const char *family)
{
  g_return_val_if_fail (family != NULL, FALSE);
  return tb_fonts_find (family, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN) != NULL;
}

/* The first installed of @families, else of the free fallbacks, else @role's first free
 * family as named. */
static char *
resolve (TbFontRole         role,
         const char *const *families)
{
  for (guint i = 0; families[i] != NULL; i++)
    if (tb_fonts_is_installed (families[i]))
      return g_strdup (families[i]);
  for (guint i = 0; fallback_families[i] != NULL; i++)
    if (tb_fonts_is_installed (fallback_families[i]))
      return g_strdup (fallback_families[i]);
  return g_strdup (tb_font_role_get_fallback (role));
}

char *
tb_fonts_resolve_role (TbFontRole  role,
                       gboolean   *bold)
{
  g_auto(GStrv) families = tb_font_role_dup_families (role);
  const TbFontRoleSpec *spec = tb_font_role_get (role);
  char *found = resolve (role, (const char *const *) families);

  if (bold != NULL)
    *bold = spec->bold || (spec->fallback_bold && !tb_font_role_is_official (role, found));
  return found;
}

char *
tb_fonts_resolve_role_default (TbFontRole role)
{
  return resolve (role, tb_font_role_get (role)->families);
}

char *
tb_fonts_dup_role_font (TbFontRole role,
                        double     size,
                        gboolean   bold)
{
  g_autofree char *family = tb_fonts_resolve_role (role, NULL);
  GString *desc = g_string_new (family);

  for (guint i = 0; fallback_families[i] != NULL; i++)
    if (g_ascii_strcasecmp (fallback_families[i], family) != 0)
      g_string_append_printf (desc, ",%s", fallback_families[i]);
  if (bold)
    g_string_append (desc, " Bold");
  {
    /* Not "%g": in a locale with a decimal comma, "15,79" would read as family "… 15" at
     * 79 pt. */
    char number[G_ASCII_DTOSTR_BUF_SIZE];

    g_string_append_c (desc, ' ');
    g_string_append (desc, g_ascii_dtostr (number, sizeof number, size));
  }
  return g_string_free (desc, FALSE);
}

const char *
tb_font_face_get_file (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, NULL);
  return face->file;
}

guint
tb_font_face_get_index (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, 0);
  return face->index;
}

const char *
tb_font_face_get_family (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, NULL);
  return face->family;
}

int
tb_font_face_get_weight (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, 0);
  return face->weight;
}

gboolean
tb_font_face_is_cff (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, FALSE);
  return face->cff;
}

const char *
tb_font_face_get_version (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, NULL);
  return face->version;
}

gboolean
tb_font_face_has_char (const TbFontFace *face,
                       gunichar          ch)
{
  hb_codepoint_t glyph = 0;

  g_return_val_if_fail (face != NULL, FALSE);
  return hb_font_get_nominal_glyph (face->hb_font, ch, &glyph) && glyph != 0;
}

hb_face_t *
tb_font_face_get_hb_face (const TbFontFace *face)
{
  g_return_val_if_fail (face != NULL, NULL);
  return face->hb_face;
}
