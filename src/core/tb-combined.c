/* tb-combined.c: what a summary covers: how many agencies, from which files
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-combined"

#include "config.h"

#include "tb-combined.h"

struct _TbCombined
{
  guint       n_agencies;
  guint       n_inputs;
  GArray     *listed;      /* TbCombinedInput */
  GHashTable *by_sha256;   /* sha256 → index + 1 */
};

static void
input_clear (gpointer p)
{
  TbCombinedInput *in = p;

  g_free (in->name);
  g_free (in->sha256);
}

TbCombined *
tb_combined_new (guint n_agencies,
                 guint n_inputs)
{
  TbCombined *self = g_new0 (TbCombined, 1);

  self->n_agencies = n_agencies;
  self->n_inputs = n_inputs;
  self->listed = g_array_new (FALSE, FALSE, sizeof (TbCombinedInput));
  g_array_set_clear_func (self->listed, input_clear);
  self->by_sha256 = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

TbCombined *
tb_combined_copy (const TbCombined *self)
{
  TbCombined *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = tb_combined_new (self->n_agencies, self->n_inputs);
  for (guint i = 0; i < self->listed->len; i++)
    {
      const TbCombinedInput *in = &g_array_index (self->listed, TbCombinedInput, i);

      tb_combined_add_listed (copy, in->name, in->sha256);
    }
  return copy;
}

void
tb_combined_free (TbCombined *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_sha256);
  g_array_unref (self->listed);
  g_free (self);
}

guint
tb_combined_get_n_agencies (const TbCombined *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_agencies;
}

guint
tb_combined_get_n_inputs (const TbCombined *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_inputs;
}

guint
tb_combined_get_n_listed (const TbCombined *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->listed->len;
}

const TbCombinedInput *
tb_combined_get_listed (const TbCombined *self,
                        guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->listed->len, NULL);
  return &g_array_index (self->listed, TbCombinedInput, index);
}

void
tb_combined_add_listed (TbCombined *self,
                        const char *name,
                        const char *sha256)
{
  TbCombinedInput in;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (tb_sha256_is_valid (sha256));

  in.name = g_strdup (name);
  in.sha256 = g_strdup (sha256);
  g_array_append_val (self->listed, in);
  /* The strings stay where they are when the array grows. */
  g_hash_table_insert (self->by_sha256, in.sha256, GUINT_TO_POINTER (self->listed->len));
}

const TbCombinedInput *
tb_combined_find (const TbCombined *self,
                  const char       *sha256)
{
  gpointer found;

  g_return_val_if_fail (self != NULL, NULL);

  if (sha256 == NULL)
    return NULL;
  found = g_hash_table_lookup (self->by_sha256, sha256);
  return found ? &g_array_index (self->listed, TbCombinedInput, GPOINTER_TO_UINT (found) - 1)
               : NULL;
}

gboolean
tb_sha256_is_valid (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < TB_SHA256_HEX_LEN; i++)
    if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
      return FALSE;
  return text[TB_SHA256_HEX_LEN] == '\0';
}

char *
tb_sha256_hex (const guint8 *data,
               gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}
