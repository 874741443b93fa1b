/* tb-test-merge.c: what the tests of combining reports share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-merge.h.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "tb-test-merge.h"

gboolean
tb_test_has_note (GPtrArray  *notes,
                  const char *needle)
{
  for (guint i = 0; notes && i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

void
tb_test_tmp_dir_clear (TbTestTmpDir *tmp)
{
  if (tmp->path != NULL)
    remove_tree (tmp->path);
  g_clear_pointer (&tmp->path, g_free);
}

void
tb_test_tmp_dir_init (TbTestTmpDir *tmp)
{
  tmp->path = g_dir_make_tmp ("tb-test-merge-XXXXXX", NULL);
  g_assert_nonnull (tmp->path);
}

char *
tb_test_tmp_file (const TbTestTmpDir *tmp,
                  const char         *name)
{
  return g_build_filename (tmp->path, name, NULL);
}

void
tb_test_expect_sum (GPtrArray        *inputs,
                    const TbCellSpec *spec,
                    TbCellState      *state,
                    gint64           *value,
                    const char      **unit)
{
  gint64 sum = 0, yuan = 0;
  gboolean same_unit = TRUE;

  *state = TB_CELL_VALID;
  *unit = NULL;
  for (guint i = 0; i < inputs->len; i++)
    {
      const TbCellValue *v = tb_report_get_cell (g_ptr_array_index (inputs, i), spec->index);

      if (v->state != TB_CELL_VALID)
        {
          *state = TB_CELL_EMPTY;
          return;
        }
      sum += v->value;
      if (spec->kind == TB_CELL_AMOUNT_UNIT)
        {
          yuan += v->value * (g_str_equal (v->unit, "万元") ? 10000 : 1);
          if (*unit != NULL && !g_str_equal (*unit, v->unit))
            same_unit = FALSE;
          *unit = v->unit;
        }
    }
  *value = sum;
  if (spec->kind == TB_CELL_AMOUNT_UNIT && !same_unit)
    {
      gint64 quantum = 1;

      for (guint d = spec->decimals; d < 4; d++)
        quantum *= 10;
      *value = (yuan + 10000 * quantum / 2) / (10000 * quantum) * quantum;
      *unit = "万元";
    }
}

void
tb_test_on_item (const TbMergeItem *item,
                 gpointer           user_data)
{
  TbTestSeen *seen = user_data;

  g_assert_cmpuint (item->index, ==, seen->n_items);
  seen->n_items++;
  g_string_append_printf (seen->log, "%u %d %s|%s|%s|%u %u %u|%s|%u\n", item->index,
                          item->status, item->source, item->agency,
                          item->error ? item->error->message : "", item->n_errors,
                          item->n_incomplete, item->n_unfilled,
                          item->issue_keys[0] ? item->issue_keys[0] : "", item->duplicate_of);
}

void
tb_test_on_progress (guint    done,
                     guint    total,
                     gpointer user_data)
{
  TbTestSeen *seen = user_data;

  g_assert_cmpuint (done, ==, seen->n_items);
  g_assert_cmpuint (done, <=, total);
  seen->n_progress++;
}
