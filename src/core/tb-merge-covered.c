/* tb-merge-covered.c: what a roll-up's summary covers, and inputs it would count twice
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A summary lists the files it was made from by SHA-256 (tb-combined.h). To find a report
 * counted twice — a summary and one of its own inputs, or two summaries made from the same
 * file — the SHA-256 of every counted file is needed, which costs about 50 µs a report. So
 * it is computed only when it may be needed: for a roll-up small enough to list its inputs
 * (TB_COMBINED_MAX_LISTED), and otherwise from the first summary that lists its inputs on;
 * then the files counted before it are read again once.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-merge-private.h"

struct _TbMergeCovered
{
  GArray       *inputs;       /* TbMergeStreamInput, the stream's */
  GStringChunk *strings;
  guint         n_agencies;
  gint          want_sha256;  /* atomic: jobs compute every file's SHA-256 */
  gboolean      own_complete; /* @own has every counted file */
  guint8       *counted;      /* per input: counted */
  GHashTable   *own;          /* SHA-256 of a counted file (in strings) → input + 1 */
  GHashTable   *listed;       /* SHA-256 a counted summary was made from → input + 1 */
  TbCombined   *record;       /* the counted files, while they can all be listed */
};

TbMergeCovered *
tb_merge_covered_new (GArray *inputs)
{
  TbMergeCovered *self = g_new0 (TbMergeCovered, 1);

  self->inputs = g_array_ref (inputs);
  self->strings = g_string_chunk_new (16 * 1024);
  self->counted = g_new0 (guint8, inputs->len);
  self->own = g_hash_table_new (g_str_hash, g_str_equal);
  self->listed = g_hash_table_new (g_str_hash, g_str_equal);
  if (inputs->len <= TB_COMBINED_MAX_LISTED)
    {
      self->want_sha256 = 1;
      self->own_complete = TRUE;
      self->record = tb_combined_new (0, 0);
    }
  return self;
}

void
tb_merge_covered_free (TbMergeCovered *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->inputs);
  g_string_chunk_free (self->strings);
  g_free (self->counted);
  g_hash_table_unref (self->own);
  g_hash_table_unref (self->listed);
  tb_combined_free (self->record);
  g_free (self);
}

gboolean
tb_merge_covered_want_sha256 (TbMergeCovered *self)
{
  return g_atomic_int_get (&self->want_sha256);
}

guint
tb_merge_covered_get_n_agencies (TbMergeCovered *self)
{
  return self->n_agencies;
}

static const char *
source_of (TbMergeCovered *self,
           gpointer       input_plus_1)
{
  return g_array_index (self->inputs, TbMergeStreamInput, GPOINTER_TO_UINT (input_plus_1) - 1).source;
}

/* The SHA-256 of an input's file, read again (NULL if it cannot be). */
static char *
file_sha256 (TbMergeCovered *self,
             guint          index)
{
  const TbMergeStreamInput *in = &g_array_index (self->inputs, TbMergeStreamInput, index);
  g_autoptr(GBytes) bytes = NULL;
  guint64 dev, ino;

  if (in->path == NULL)
    return NULL;
  bytes = tb_merge_read_file (in->path, &dev, &ino, NULL);
  return bytes ? tb_sha256_hex (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : NULL;
}

static void
add_own (TbMergeCovered *self,
         const char    *sha256,
         guint          index)
{
  if (sha256 != NULL && !g_hash_table_contains (self->own, sha256))
    g_hash_table_insert (self->own, g_string_chunk_insert (self->strings, sha256),
                         GUINT_TO_POINTER (index + 1));
}

/* From the first summary on, every file's SHA-256 is needed: those counted before it are
 * read again (once), the jobs compute the others. */
static void
complete_own (TbMergeCovered *self,
              guint          before)
{
  if (self->own_complete)
    return;
  g_atomic_int_set (&self->want_sha256, 1);
  for (guint i = 0; i < before; i++)
    if (self->counted[i])
      {
        g_autofree char *sha256 = file_sha256 (self, i);

        add_own (self, sha256, i);
      }
  self->own_complete = TRUE;
}

/* The summary (or the report in one) that @job would count a second time, with the error
 * that says so; else FALSE. */
gboolean
tb_merge_covered_refuses (TbMergeCovered *self,
                          TbMergeJob     *job,
                          GError        **error)
{
  const TbMergeStreamInput *in = &g_array_index (self->inputs, TbMergeStreamInput, job->index);
  const TbCombined *combined = job->combined;
  guint n_listed = combined ? tb_combined_get_n_listed (combined) : 0;
  gpointer other;

  if (n_listed == 0 && g_hash_table_size (self->listed) == 0)
    return FALSE;
  if (job->sha256 == NULL && job->has_file_id)
    job->sha256 = file_sha256 (self, job->index);
  if (job->sha256 != NULL && (other = g_hash_table_lookup (self->listed, job->sha256)) != NULL)
    {
      g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_COUNTED_TWICE,
                   _("%s is one of the reports the summary %s was made from: it would be "
                     "counted twice"),
                   in->source, source_of (self, other));
      return TRUE;
    }
  if (n_listed == 0)
    return FALSE;
  complete_own (self, job->index);
  for (guint i = 0; i < n_listed; i++)
    {
      const TbCombinedInput *listed = tb_combined_get_listed (combined, i);

      if ((other = g_hash_table_lookup (self->own, listed->sha256)) != NULL)
        {
          g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_COUNTED_TWICE,
                       _("The summary %s was made from %s, which is given too: it would be "
                         "counted twice"),
                       in->source, source_of (self, other));
          return TRUE;
        }
      if ((other = g_hash_table_lookup (self->listed, listed->sha256)) != NULL)
        {
          g_set_error (error, TB_MERGE_ERROR, TB_MERGE_ERROR_COUNTED_TWICE,
                       _("The summaries %s and %s were both made from %s: it would be "
                         "counted twice"),
                       source_of (self, other), in->source, listed->name);
          return TRUE;
        }
    }
  return FALSE;
}

/* What a counted input adds to what the summary covers. */
void
tb_merge_covered_add (TbMergeCovered *self,
                      TbMergeJob     *job)
{
  const TbMergeStreamInput *in = &g_array_index (self->inputs, TbMergeStreamInput, job->index);
  const TbCombined *combined = job->combined;

  self->counted[job->index] = TRUE;
  self->n_agencies += combined ? tb_combined_get_n_agencies (combined) : 1;
  if (self->own_complete)
    add_own (self, job->sha256, job->index);
  for (guint i = 0; combined != NULL && i < tb_combined_get_n_listed (combined); i++)
    g_hash_table_insert (self->listed,
                         g_string_chunk_insert (self->strings,
                                                tb_combined_get_listed (combined, i)->sha256),
                         GUINT_TO_POINTER (job->index + 1));
  if (self->record != NULL && job->sha256 != NULL)
    {
      g_autofree char *base = g_path_get_basename (in->source);

      tb_combined_add_listed (self->record, base, job->sha256);
    }
  else
    g_clear_pointer (&self->record, tb_combined_free);
}

TbCombined *
tb_merge_covered_make (TbMergeCovered *self,
                       guint           n_counted)
{
  TbCombined *combined = tb_combined_new (self->n_agencies, n_counted);

  for (guint i = 0; self->record != NULL && i < tb_combined_get_n_listed (self->record); i++)
    {
      const TbCombinedInput *in = tb_combined_get_listed (self->record, i);

      tb_combined_add_listed (combined, in->name, in->sha256);
    }
  return combined;
}
