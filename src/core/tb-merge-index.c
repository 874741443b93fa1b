/* tb-merge-index.c: the roll-up's inputs found again by a 64-bit key
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are hashes (of a file's device and inode, of its contents): an equal key only names
 * candidates, which the caller compares. Two hash tables of integers, no allocation per
 * input beyond theirs: a few dozen bytes per input for a national roll-up's 100,000.
 *
 * The comparison is here too: an input repeats an earlier one when it is the same report
 * given twice, the same file (device and inode) or the same contents, byte for byte.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-merge-private.h"

#define KEY(k) GSIZE_TO_POINTER ((gsize) (k))

struct _TbMergeIndex
{
  GHashTable *heads;      /* key → the last input with it, + 1 */
  GHashTable *next;       /* input → the input before it with the same key, + 1 */
};

TbMergeIndex *
tb_merge_index_new (void)
{
  TbMergeIndex *self = g_new0 (TbMergeIndex, 1);

  self->heads = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->next = g_hash_table_new (g_direct_hash, g_direct_equal);
  return self;
}

void
tb_merge_index_free (TbMergeIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->heads);
  g_hash_table_unref (self->next);
  g_free (self);
}

guint
tb_merge_index_first (TbMergeIndex *self,
                      guint64       key)
{
  gpointer v;

  if (!g_hash_table_lookup_extended (self->heads, KEY (key), NULL, &v))
    return G_MAXUINT;
  return GPOINTER_TO_UINT (v) - 1;
}

guint
tb_merge_index_next (TbMergeIndex *self,
                     guint         input)
{
  gpointer v = g_hash_table_lookup (self->next, GUINT_TO_POINTER (input));

  return v != NULL ? GPOINTER_TO_UINT (v) - 1 : G_MAXUINT;
}

void
tb_merge_index_add (TbMergeIndex *self,
                    guint64       key,
                    guint         input)
{
  guint head = tb_merge_index_first (self, key);

  if (head != G_MAXUINT)
    g_hash_table_insert (self->next, GUINT_TO_POINTER (input), GUINT_TO_POINTER (head + 1));
  g_hash_table_insert (self->heads, KEY (key), GUINT_TO_POINTER (input + 1));
}

/* ------------------------------------------------------------------ duplicates */

guint64
tb_merge_file_key (guint64 dev,
                   guint64 ino)
{
  guint64 id[2] = { dev, ino };

  return tb_merge_content_hash ((const guint8 *) id, sizeof id);
}

static gboolean
same_file (GArray           *inputs,
           guint             earlier,
           const TbMergeJob *job)
{
  const TbMergeStreamInput *in = &g_array_index (inputs, TbMergeStreamInput, earlier);
  GStatBuf st;

  return in->path != NULL && g_stat (in->path, &st) == 0 &&
         (guint64) st.st_dev == job->dev && (guint64) st.st_ino == job->ino;
}

static gboolean
same_contents (GArray           *inputs,
               guint             earlier,
               const TbMergeJob *job)
{
  const TbMergeStreamInput *in = &g_array_index (inputs, TbMergeStreamInput, earlier);
  const TbMergeStreamInput *this = &g_array_index (inputs, TbMergeStreamInput, job->index);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  guint64 dev, ino;

  if (in->path == NULL)
    return FALSE;
  a = tb_merge_read_file (in->path, &dev, &ino, NULL);
  b = tb_merge_read_file (this->path, &dev, &ino, NULL);
  return a != NULL && b != NULL && g_bytes_equal (a, b);
}

guint
tb_merge_find_duplicate (GArray           *inputs,
                         TbMergeIndex     *files,
                         TbMergeIndex     *contents,
                         const TbMergeJob *job,
                         GError          **error)
{
  const TbMergeStreamInput *in = &g_array_index (inputs, TbMergeStreamInput, job->index);
  const char *earlier_source;
  guint earlier;

  if (in->same_as != G_MAXUINT)
    {
      earlier_source = g_array_index (inputs, TbMergeStreamInput, in->same_as).source;
      g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_DUPLICATE,
                   _("%s is the same report as %s, given twice"),
                   in->source, earlier_source);
      return in->same_as;
    }
  if (!job->has_file_id)
    return G_MAXUINT;

  for (earlier = tb_merge_index_first (files, tb_merge_file_key (job->dev, job->ino));
       earlier != G_MAXUINT; earlier = tb_merge_index_next (files, earlier))
    if (same_file (inputs, earlier, job))
      {
        earlier_source = g_array_index (inputs, TbMergeStreamInput, earlier).source;
        g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_DUPLICATE,
                     _("%s is the same file as %s, given twice"),
                     in->source, earlier_source);
        return earlier;
      }
  for (earlier = tb_merge_index_first (contents, job->content_hash);
       earlier != G_MAXUINT; earlier = tb_merge_index_next (contents, earlier))
    if (same_contents (inputs, earlier, job))
      {
        earlier_source = g_array_index (inputs, TbMergeStreamInput, earlier).source;
        g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_DUPLICATE,
                     _("%s has the same contents as %s: the same report given twice"),
                     in->source, earlier_source);
        return earlier;
      }
  return G_MAXUINT;
}
