/* tb-merge-index.c: the roll-up's inputs found again by a 64-bit key
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are hashes (of a file's device and inode, of its contents): an equal key only names
 * candidates, which the caller compares. Two hash tables of integers, no allocation per
 * input beyond theirs: a few dozen bytes per input for a national roll-up's 100,000.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

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
