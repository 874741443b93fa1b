/* tb-font-subset.c: per-document subset fonts, and a Pango font map that uses only them
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-fonts"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "tb-font-subset-private.h"
#include "tb-fonts.h"

typedef struct
{
  char                 *font;
  PangoFontDescription *desc;
  hb_set_t             *chars;
} Request;

struct _TbFontSubset
{
  GObject       parent_instance;

  char         *cache_dir;
  GPtrArray    *requests;   /* of Request */
  GPtrArray    *faces;      /* of TbSubsetFace, in the order they were first needed */
  hb_set_t     *covered;
  GString      *missing;
  PangoFontMap *font_map;
};

G_DEFINE_FINAL_TYPE (TbFontSubset, tb_font_subset, G_TYPE_OBJECT)

/* The font maps built last, most recent first, reused when a build asks for the same
 * subsets: Pango then keeps its fonts and glyph extents from one export to the next. */
#define N_RECENT 4

typedef struct
{
  char         *key;
  PangoFontMap *font_map;
} Recent;

G_LOCK_DEFINE_STATIC (recent);
static Recent recent[N_RECENT];

/* The font map of @key if one was made recently, else NULL. (transfer full) */
static PangoFontMap *
recent_lookup (const char *key)
{
  PangoFontMap *found = NULL;

  G_LOCK (recent);
  for (guint i = 0; i < N_RECENT && found == NULL; i++)
    if (recent[i].key != NULL && g_str_equal (recent[i].key, key))
      {
        Recent hit = recent[i];

        memmove (&recent[1], &recent[0], i * sizeof (Recent));
        recent[0] = hit;
        found = g_object_ref (hit.font_map);
      }
  G_UNLOCK (recent);
  return found;
}

static void
recent_add (const char   *key,
            PangoFontMap *font_map)
{
  G_LOCK (recent);
  g_free (recent[N_RECENT - 1].key);
  g_clear_object (&recent[N_RECENT - 1].font_map);
  memmove (&recent[1], &recent[0], (N_RECENT - 1) * sizeof (Recent));
  recent[0].key = g_strdup (key);
  recent[0].font_map = g_object_ref (font_map);
  G_UNLOCK (recent);
}

static void
request_free (gpointer data)
{
  Request *r = data;

  g_free (r->font);
  pango_font_description_free (r->desc);
  hb_set_destroy (r->chars);
  g_free (r);
}

static void
face_free (gpointer data)
{
  TbSubsetFace *f = data;

  hb_set_destroy (f->chars);
  g_free (f->key);
  g_free (f->file);
  g_free (f);
}

static TbSubsetFace *
ensure_face (TbFontSubset     *self,
             const TbFontFace *source)
{
  TbSubsetFace *f;

  for (guint i = 0; i < self->faces->len; i++)
    {
      f = g_ptr_array_index (self->faces, i);
      if (f->source == source)
        return f;
    }
  f = g_new0 (TbSubsetFace, 1);
  f->source = source;
  f->chars = hb_set_create ();
  /* Every face can set a space: Pango measures with it. */
  hb_set_add (f->chars, ' ');
  g_ptr_array_add (self->faces, f);
  return f;
}

static int
fc_slant (PangoStyle style)
{
  switch (style)
    {
    case PANGO_STYLE_ITALIC:
      return FC_SLANT_ITALIC;
    case PANGO_STYLE_OBLIQUE:
      return FC_SLANT_OBLIQUE;
    case PANGO_STYLE_NORMAL:
    default:
      return FC_SLANT_ROMAN;
    }
}

/* The faces a request may use, in order: its own families, then the free fallbacks. */
static GPtrArray *
request_chain (Request *r)
{
  GPtrArray *chain = g_ptr_array_new ();
  const char *families = pango_font_description_get_family (r->desc);
  g_auto(GStrv) names = g_strsplit (families ? families : "", ",", -1);
  const char *const *fallbacks = tb_fonts_get_fallback_families ();
  int weight = FcWeightFromOpenType (pango_font_description_get_weight (r->desc));
  int slant = fc_slant (pango_font_description_get_style (r->desc));

  for (guint pass = 0; pass < 2; pass++)
    {
      const char *const *list = pass == 0 ? (const char *const *) names : fallbacks;

      for (guint i = 0; list[i] != NULL; i++)
        {
          g_autofree char *name = g_strstrip (g_strdup (list[i]));
          const TbFontFace *face = *name ? tb_fonts_find (name, weight, slant) : NULL;

          if (face != NULL && !g_ptr_array_find (chain, face, NULL))
            g_ptr_array_add (chain, (gpointer) face);
        }
    }
  return chain;
}

/* Gives every character of every request to a face. */
static void
assign_chars (TbFontSubset *self)
{
  hb_set_t *missing = hb_set_create ();

  for (guint i = 0; i < self->requests->len; i++)
    {
      Request *r = g_ptr_array_index (self->requests, i);
      g_autoptr(GPtrArray) chain = request_chain (r);
      int weight = FcWeightFromOpenType (pango_font_description_get_weight (r->desc));
      int slant = fc_slant (pango_font_description_get_style (r->desc));
      hb_codepoint_t ch = HB_SET_VALUE_INVALID;

      /* The font's own face is in the font map even if another face sets all its text. */
      if (chain->len > 0)
        ensure_face (self, g_ptr_array_index (chain, 0));

      while (hb_set_next (r->chars, &ch))
        {
          const TbFontFace *face = NULL;

          for (guint k = 0; k < chain->len && face == NULL; k++)
            if (tb_font_face_has_char (g_ptr_array_index (chain, k), ch))
              face = g_ptr_array_index (chain, k);
          if (face == NULL)
            face = tb_fonts_find_for_char (ch, weight, slant);
          if (face == NULL)
            {
              if (!hb_set_has (missing, ch))
                {
                  hb_set_add (missing, ch);
                  g_string_append_unichar (self->missing, ch);
                }
              continue;
            }
          hb_set_add (ensure_face (self, face)->chars, ch);
          hb_set_add (self->covered, ch);
        }
    }
  hb_set_destroy (missing);
}

/* The subset of @f's face as font file bytes. When this changes what a subset holds,
 * bump TB_FONT_SUBSET_RECIPE (tb-font-subset-private.h). */
hb_blob_t *
_tb_font_subset_make_face (TbSubsetFace  *f,
                           GError       **error)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_face_t *subset;
  hb_blob_t *blob;
  hb_set_t *names;

  if (input == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, g_strerror (ENOMEM));
      return NULL;
    }
  hb_set_union (hb_subset_input_unicode_set (input), f->chars);
  /* CFF without subroutines: cairo 1.16 copies the subroutines of a CFF font into the
   * PDF whole, and those of the Noto CJK fonts are most of their size (a 6-page report
   * embedded 725 KB of fonts; desubroutinised 156 KB). Without hinting: the stems and
   * instructions serve small sizes on screens of the 1990s, cost another 13 % of the PDF,
   * and PDF viewers render CJK well without them. The layout features stay (HarfBuzz's
   * default set, with their closure), so shaping is the same as with the whole font; and
   * `halt`, which the layout asks for to set punctuation half-width (tb-layout-justify.c). */
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_add (hb_subset_input_set (input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG),
              HB_TAG ('h', 'a', 'l', 't'));
  /* Names: the defaults (0–6) plus the typographic family and style (16, 17), in every
   * language, so that fontconfig sees the same family names as in the whole font. */
  names = hb_subset_input_set (input, HB_SUBSET_SETS_NAME_ID);
  hb_set_add (names, 16);
  hb_set_add (names, 17);
  names = hb_subset_input_set (input, HB_SUBSET_SETS_NAME_LANG_ID);
  hb_set_clear (names);
  hb_set_invert (names);

  subset = hb_subset_or_fail (tb_font_face_get_hb_face (f->source), input);
  hb_subset_input_destroy (input);
  if (subset == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make a subset of the font %s"),
                   tb_font_face_get_file (f->source));
      return NULL;
    }
  f->n_glyphs = hb_face_get_glyph_count (subset);
  blob = hb_face_reference_blob (subset);
  hb_face_destroy (subset);
  return blob;
}

static void
append_family (GString    *xml,
               const char *family)
{
  g_autofree char *escaped = g_markup_escape_text (family, -1);

  g_string_append_printf (xml, "<string>%s</string>", escaped);
}

/* The first family name fontconfig read from the subset file @file, or NULL. */
static const char *
subset_family (FcConfig   *config,
               const char *file)
{
  FcFontSet *set = FcConfigGetFonts (config, FcSetApplication);
  FcChar8 *f, *family;

  for (int i = 0; set != NULL && i < set->nfont; i++)
    if (FcPatternGetString (set->fonts[i], FC_FILE, 0, &f) == FcResultMatch &&
        g_strcmp0 ((const char *) f, file) == 0 &&
        FcPatternGetString (set->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch)
      return (const char *) family;
  return NULL;
}

static gboolean
subset_has_family (FcConfig   *config,
                   const char *file,
                   const char *name)
{
  FcFontSet *set = FcConfigGetFonts (config, FcSetApplication);
  FcChar8 *f, *family;

  for (int i = 0; set != NULL && i < set->nfont; i++)
    if (FcPatternGetString (set->fonts[i], FC_FILE, 0, &f) == FcResultMatch &&
        g_strcmp0 ((const char *) f, file) == 0)
      for (int k = 0; FcPatternGetString (set->fonts[i], FC_FAMILY, k, &family) == FcResultMatch;
           k++)
        if (g_ascii_strcasecmp ((const char *) family, name) == 0)
          return TRUE;
  return FALSE;
}

/* The private configuration: the subsets and nothing else, an alias from every family a
 * request names to its subset's family name when they differ (a font found by a name in
 * another language), the fallbacks appended to every pattern in their order, and the
 * synthetic bold of the system configuration (90-synthetic.conf). */
static FcConfig *
make_config (TbFontSubset  *self,
             GError       **error)
{
  FcConfig *config = FcConfigCreate ();
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<fontconfig>\n");
  g_autoptr(GPtrArray) fallbacks = g_ptr_array_new ();

  for (guint i = 0; i < self->faces->len; i++)
    {
      TbSubsetFace *f = g_ptr_array_index (self->faces, i);

      if (!FcConfigAppFontAddFile (config, (const FcChar8 *) f->file))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Could not load the font %s"), f->file);
          /* A damaged file in the cache: the next export makes it again. */
          g_unlink (f->file);
          FcConfigDestroy (config);
          return NULL;
        }
    }

  for (guint i = 0; i < self->requests->len; i++)
    {
      Request *r = g_ptr_array_index (self->requests, i);
      const char *families = pango_font_description_get_family (r->desc);
      g_auto(GStrv) names = g_strsplit (families ? families : "", ",", -1);
      int weight = FcWeightFromOpenType (pango_font_description_get_weight (r->desc));
      int slant = fc_slant (pango_font_description_get_style (r->desc));

      for (guint k = 0; names[k] != NULL; k++)
        {
          g_autofree char *name = g_strstrip (g_strdup (names[k]));
          const TbFontFace *face = *name ? tb_fonts_find (name, weight, slant) : NULL;

          for (guint j = 0; face != NULL && j < self->faces->len; j++)
            {
              TbSubsetFace *f = g_ptr_array_index (self->faces, j);
              const char *family = subset_family (config, f->file);

              if (f->source == face && family != NULL &&
                  !subset_has_family (config, f->file, name))
                {
                  g_autofree char *escaped = g_markup_escape_text (name, -1);

                  g_string_append_printf (xml, "<alias binding=\"same\"><family>%s</family>"
                                               "<accept><family>", escaped);
                  g_clear_pointer (&escaped, g_free);
                  escaped = g_markup_escape_text (family, -1);
                  g_string_append_printf (xml, "%s</family></accept></alias>\n", escaped);
                }
            }
        }
    }

  /* Fallback order: the free families in their order, then the faces found for single
   * characters, in the order they were needed. */
  for (const char *const *g = tb_fonts_get_fallback_families (); *g != NULL; g++)
    for (guint i = 0; i < self->faces->len; i++)
      {
        TbSubsetFace *f = g_ptr_array_index (self->faces, i);
        const char *family = subset_family (config, f->file);

        if (family != NULL && subset_has_family (config, f->file, *g) &&
            !g_ptr_array_find_with_equal_func (fallbacks, family, g_str_equal, NULL))
          g_ptr_array_add (fallbacks, (gpointer) family);
      }
  for (guint i = 0; i < self->faces->len; i++)
    {
      TbSubsetFace *f = g_ptr_array_index (self->faces, i);
      const char *family = subset_family (config, f->file);

      if (family != NULL &&
          !g_ptr_array_find_with_equal_func (fallbacks, family, g_str_equal, NULL))
        g_ptr_array_add (fallbacks, (gpointer) family);
    }
  g_string_append (xml, "<match target=\"pattern\"><edit name=\"family\" mode=\"append_last\" "
                        "binding=\"strong\">");
  for (guint i = 0; i < fallbacks->len; i++)
    append_family (xml, g_ptr_array_index (fallbacks, i));
  g_string_append (xml, "</edit></match>\n");

  g_string_append (xml,
                   "<match target=\"font\">"
                   "<test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>"
                   "<test target=\"pattern\" name=\"weight\" compare=\"more_eq\">"
                   "<const>bold</const></test>"
                   "<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
                   "<edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>"
                   "</match>\n</fontconfig>\n");

  if (!FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) xml->str, FcTrue))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "internal error: the private fontconfig rules do not parse");
      FcConfigDestroy (config);
      return NULL;
    }
  return config;
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
tb_font_subset_finalize (GObject *object)
{
  TbFontSubset *self = TB_FONT_SUBSET (object);

  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->faces, g_ptr_array_unref);
  g_clear_pointer (&self->covered, hb_set_destroy);
  if (self->missing != NULL)
    g_string_free (g_steal_pointer (&self->missing), TRUE);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (tb_font_subset_parent_class)->finalize (object);
}

static void
tb_font_subset_class_init (TbFontSubsetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tb_font_subset_finalize;
}

static void
tb_font_subset_init (TbFontSubset *self)
{
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->faces = g_ptr_array_new_with_free_func (face_free);
  self->covered = hb_set_create ();
  self->missing = g_string_new (NULL);
}

/* ---- Public --------------------------------------------------------------------------- */

TbFontSubset *
tb_font_subset_new (void)
{
  return g_object_new (TB_TYPE_FONT_SUBSET, NULL);
}

void
tb_font_subset_set_cache_dir (TbFontSubset *self,
                              const char   *dir)
{
  g_return_if_fail (TB_IS_FONT_SUBSET (self));

  g_free (self->cache_dir);
  self->cache_dir = g_strdup (dir);
}

void
tb_font_subset_add_text (TbFontSubset *self,
                         const char   *font,
                         const char   *text,
                         gssize        len)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  g_autofree char *name = NULL;
  Request *r = NULL;
  const char *end;

  g_return_if_fail (TB_IS_FONT_SUBSET (self));
  g_return_if_fail (font != NULL);
  g_return_if_fail (self->font_map == NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);
  end = text + len;

  /* Sizes do not matter: "Noto Serif CJK SC 16" and "… 10.5" are one request. */
  desc = pango_font_description_from_string (font);
  pango_font_description_unset_fields (desc, PANGO_FONT_MASK_SIZE);
  name = pango_font_description_to_string (desc);
  for (guint i = 0; i < self->requests->len && r == NULL; i++)
    if (g_strcmp0 (((Request *) g_ptr_array_index (self->requests, i))->font, name) == 0)
      r = g_ptr_array_index (self->requests, i);
  if (r == NULL)
    {
      r = g_new0 (Request, 1);
      r->font = g_steal_pointer (&name);
      r->desc = g_steal_pointer (&desc);
      r->chars = hb_set_create ();
      g_ptr_array_add (self->requests, r);
    }

  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char_validated (p, end - p);

      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        break;
      /* Controls are never drawn. */
      if (ch >= 0x20 && !(ch >= 0x7f && ch < 0xa0))
        hb_set_add (r->chars, ch);
    }
}

gboolean
tb_font_subset_build (TbFontSubset  *self,
                      GError       **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  FcConfig *config;

  g_return_val_if_fail (TB_IS_FONT_SUBSET (self), FALSE);
  g_return_val_if_fail (self->font_map == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  assign_chars (self);
  if (self->faces->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("None of the document fonts is installed"));
      return FALSE;
    }
  if (!_tb_font_subset_cache_write (self->cache_dir, self->faces, error))
    return FALSE;

  for (guint i = 0; i < self->faces->len; i++)
    g_string_append_printf (key, "%s\n",
                            ((TbSubsetFace *) g_ptr_array_index (self->faces, i))->file);
  for (guint i = 0; i < self->requests->len; i++)
    g_string_append_printf (key, "%s\n", ((Request *) g_ptr_array_index (self->requests, i))->font);

  self->font_map = recent_lookup (key->str);
  if (self->font_map == NULL)
    {
      config = make_config (self, error);
      if (config == NULL)
        return FALSE;
      self->font_map = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
      pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (self->font_map), config);
      FcConfigDestroy (config);
      recent_add (key->str, self->font_map);
    }

  g_debug ("%u subset faces ready in %.1f ms", self->faces->len,
           (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}

PangoFontMap *
tb_font_subset_get_font_map (TbFontSubset *self)
{
  g_return_val_if_fail (TB_IS_FONT_SUBSET (self), NULL);
  return self->font_map;
}

gboolean
tb_font_subset_has_char (TbFontSubset *self,
                         gunichar      ch)
{
  g_return_val_if_fail (TB_IS_FONT_SUBSET (self), FALSE);
  return hb_set_has (self->covered, ch);
}

const char *
tb_font_subset_get_missing (TbFontSubset *self)
{
  g_return_val_if_fail (TB_IS_FONT_SUBSET (self), NULL);
  return self->missing->str;
}

guint
tb_font_subset_get_n_faces (TbFontSubset *self)
{
  g_return_val_if_fail (TB_IS_FONT_SUBSET (self), 0);
  return self->faces->len;
}

static TbSubsetFace *
get_face (TbFontSubset *self,
          guint         i)
{
  g_return_val_if_fail (TB_IS_FONT_SUBSET (self), NULL);
  g_return_val_if_fail (i < self->faces->len, NULL);
  return g_ptr_array_index (self->faces, i);
}

const char *
tb_font_subset_get_face_file (TbFontSubset *self,
                              guint         i)
{
  TbSubsetFace *f = get_face (self, i);

  return f ? f->file : NULL;
}

const char *
tb_font_subset_get_face_source (TbFontSubset *self,
                                guint         i)
{
  TbSubsetFace *f = get_face (self, i);

  return f ? tb_font_face_get_file (f->source) : NULL;
}

guint
tb_font_subset_get_face_n_glyphs (TbFontSubset *self,
                                  guint         i)
{
  TbSubsetFace *f = get_face (self, i);

  if (f != NULL && f->n_glyphs == 0)
    f->n_glyphs = _tb_font_subset_cache_count_glyphs (f->file);
  return f ? f->n_glyphs : 0;
}

char *
tb_font_subset_dup_face_chars (TbFontSubset *self,
                               guint         i)
{
  TbSubsetFace *f = get_face (self, i);
  GString *s = g_string_new (NULL);
  hb_codepoint_t ch = HB_SET_VALUE_INVALID;

  while (f != NULL && hb_set_next (f->chars, &ch))
    g_string_append_unichar (s, ch);
  return g_string_free (s, FALSE);
}
