/* tb-font-subset-cache.c: the subset font files on disk
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pango and cairo take a font only from a file, so every subset is one: named by a hash of
 * everything it is made from, so that a name always means the same bytes, and kept in a
 * cache folder between exports. A file found there is marked as just used; the missing
 * ones are made in parallel; the folder is then pruned to the most recently used files.
 */

#define G_LOG_DOMAIN "tb-fonts"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <utime.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-font-subset-private.h"

/* The cache folder is pruned to the most recently used files. */
#define CACHE_MAX_FILES 64
#define CACHE_KEEP      48

/* The name of @f's subset file, without the extension: a hash of the recipe, HarfBuzz
 * version, font file, face, font version and characters. */
static char *
face_key (TbSubsetFace *f)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) s = g_string_new (TB_FONT_SUBSET_RECIPE);
  hb_codepoint_t ch = HB_SET_VALUE_INVALID;

  g_string_append_printf (s, "\n%s\n%s\n%u\n%s\n", hb_version_string (),
                          tb_font_face_get_file (f->source), tb_font_face_get_index (f->source),
                          tb_font_face_get_version (f->source));
  while (hb_set_next (f->chars, &ch))
    g_string_append_printf (s, "%X,", ch);
  g_checksum_update (sum, (const guchar *) s->str, s->len);
  /* 128 bits are plenty for a name. */
  return g_strndup (g_checksum_get_string (sum), 32);
}

guint
_tb_font_subset_cache_count_glyphs (const char *file)
{
  hb_blob_t *blob = hb_blob_create_from_file (file);
  hb_face_t *face = hb_face_create (blob, 0);
  guint n = hb_face_get_glyph_count (face);

  hb_face_destroy (face);
  hb_blob_destroy (blob);
  return n;
}

typedef struct
{
  char   *path;
  gint64  mtime;
} CacheEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CacheEntry *x = a;
  const CacheEntry *y = b;

  return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 : g_strcmp0 (x->path, y->path);
}

/* Keeps the CACHE_KEEP most recently used subset files once there are too many. */
static void
prune_cache (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (CacheEntry));
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      CacheEntry e;
      GStatBuf st;

      if (strlen (name) != 36 || (!g_str_has_suffix (name, ".otf") &&
                                  !g_str_has_suffix (name, ".ttf")))
        continue;
      e.path = g_build_filename (dir, name, NULL);
      e.mtime = g_stat (e.path, &st) == 0 ? (gint64) st.st_mtime : 0;
      g_array_append_val (entries, e);
    }
  if (entries->len > CACHE_MAX_FILES)
    {
      g_array_sort (entries, compare_entries);
      for (guint i = CACHE_KEEP; i < entries->len; i++)
        g_unlink (g_array_index (entries, CacheEntry, i).path);
    }
  for (guint i = 0; i < entries->len; i++)
    g_free (g_array_index (entries, CacheEntry, i).path);
}

/* Makes and writes the subset file of @data, a TbSubsetFace; returns NULL or a GError. Runs in a
 * thread of its own: HarfBuzz faces are safe to share between threads. */
static gpointer
write_subset (gpointer data)
{
  TbSubsetFace *f = data;
  GError *error = NULL;
  hb_blob_t *blob = _tb_font_subset_make_face (f, &error);
  unsigned int len = 0;
  const char *bytes;

  if (blob == NULL)
    return error;
  bytes = hb_blob_get_data (blob, &len);
  g_file_set_contents_full (f->file, bytes, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  hb_blob_destroy (blob);
  if (error == NULL)
    g_debug ("subset %s (%u) with %u characters: %u glyphs, %u bytes",
             tb_font_face_get_file (f->source), tb_font_face_get_index (f->source),
             hb_set_get_population (f->chars), f->n_glyphs, len);
  return error;
}

/* Finds or writes the subset file of every face; the missing ones are made in parallel. */
gboolean
_tb_font_subset_cache_write (const char  *cache_dir,
                             GPtrArray   *faces,
                             GError     **error)
{
  g_autofree char *dir = cache_dir
    ? g_strdup (cache_dir)
    : g_build_filename (g_get_user_runtime_dir (), "tianbao", "fonts", NULL);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GError *first_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < faces->len; i++)
    {
      TbSubsetFace *f = g_ptr_array_index (faces, i);
      g_autofree char *name = NULL;
      GStatBuf st;

      f->key = face_key (f);
      name = g_strconcat (f->key, tb_font_face_is_cff (f->source) ? ".otf" : ".ttf", NULL);
      f->file = g_build_filename (dir, name, NULL);
      if (g_stat (f->file, &st) == 0 && st.st_size > 0)
        /* Most recently used: pruning keeps it. */
        utime (f->file, NULL);
      else
        g_ptr_array_add (threads, g_thread_new ("tb-font-subset", write_subset, f));
    }

  for (guint i = 0; i < threads->len; i++)
    {
      GError *thread_error = g_thread_join (g_ptr_array_index (threads, i));

      if (thread_error != NULL && first_error == NULL)
        first_error = thread_error;
      else if (thread_error != NULL)
        g_error_free (thread_error);
    }
  if (threads->len > 0)
    prune_cache (dir);
  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}
