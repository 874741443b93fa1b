/* tb-history-changes.c: what changed in a report since the history last looked, and undoing it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history keeps a copy of the report (TbHistoryShadow). On every ::changed signal the
 * copy is compared with the report: each difference the clerk made is a TbHistoryItem with
 * the value before and after, which can later be applied back in either direction.
 */
#define G_LOG_DOMAIN "tb-history"

#include "config.h"

#include <string.h>

#include "tb-history-private.h"

/* ------------------------------------------------------------------ items */

void
_tb_history_item_free (gpointer data)
{
  TbHistoryItem *item = data;

  if (item == NULL)
    return;
  tb_cell_value_clear (&item->old_cell);
  tb_cell_value_clear (&item->new_cell);
  g_free (item->key);
  g_free (item->old_str);
  g_free (item->new_str);
  g_clear_pointer (&item->totals, g_array_unref);
  g_free (item);
}

static void
cell_snap_clear (gpointer data)
{
  tb_cell_value_clear (&((TbHistoryCellSnap *) data)->value);
}

gboolean
_tb_history_item_is_noop (const TbHistoryItem *item)
{
  switch (item->kind)
    {
    case TB_HISTORY_CELL:
      return tb_cell_value_equal (&item->old_cell, &item->new_cell);
    case TB_HISTORY_TEXT:
    case TB_HISTORY_META:
      return g_strcmp0 (item->old_str, item->new_str) == 0;
    case TB_HISTORY_YEAR:
    case TB_HISTORY_ACK:
    case TB_HISTORY_MANUAL_TOTALS:
    default:
      return item->old_int == item->new_int;
    }
}

gboolean
_tb_history_item_same_target (const TbHistoryItem *a,
                              const TbHistoryItem *b)
{
  return a->kind == b->kind && a->cell == b->cell && g_strcmp0 (a->key, b->key) == 0;
}

/* Folds @item (a later change of the same thing) into @into. */
void
_tb_history_item_merge (TbHistoryItem *into,
                        TbHistoryItem *item)
{
  tb_cell_value_clear (&into->new_cell);
  into->new_cell = item->new_cell;
  memset (&item->new_cell, 0, sizeof item->new_cell);
  g_free (into->new_str);
  into->new_str = g_steal_pointer (&item->new_str);
  into->new_int = item->new_int;
  /* Typed totals saved by switching manual totals off stay with the first switch. */
  if (into->totals == NULL)
    into->totals = g_steal_pointer (&item->totals);
}

/* ------------------------------------------------------------------ shadow */

void
_tb_history_shadow_clear (TbHistoryShadow *s)
{
  for (guint i = 0; i < s->n_cells; i++)
    tb_cell_value_clear (&s->cells[i]);
  g_clear_pointer (&s->cells, g_free);
  if (s->texts != NULL)
    for (guint i = 0; i < s->n_sections; i++)
      g_free (s->texts[i]);
  g_clear_pointer (&s->texts, g_free);
  g_clear_pointer (&s->agency, g_free);
  g_clear_pointer (&s->preparer, g_free);
  g_clear_pointer (&s->contact, g_free);
  g_clear_pointer (&s->report_date, g_free);
  g_clear_pointer (&s->previous, g_free);
  g_clear_pointer (&s->acks, g_hash_table_unref);
  s->n_cells = 0;
  s->n_sections = 0;
}

void
_tb_history_shadow_init (TbHistoryShadow *s,
                         TbReport        *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GPtrArray) acks = NULL;

  s->n_cells = tb_format_get_n_cells (format);
  s->cells = g_new0 (TbCellValue, s->n_cells);
  for (guint i = 0; i < s->n_cells; i++)
    tb_cell_value_copy (&s->cells[i], tb_report_get_cell (report, i));

  s->n_sections = tb_format_get_n_sections (format);
  s->texts = g_new0 (char *, s->n_sections);
  for (guint i = 0; i < s->n_sections; i++)
    s->texts[i] = g_strdup (tb_report_get_text (report, tb_format_get_section (format, i)->id));

  s->agency = g_strdup (tb_report_get_agency (report));
  s->preparer = g_strdup (tb_report_get_preparer (report));
  s->contact = g_strdup (tb_report_get_contact (report));
  s->report_date = g_strdup (tb_report_get_report_date (report));
  s->previous = g_strdup (tb_report_get_previous (report));
  s->year = tb_report_get_year (report);
  s->manual_totals = tb_report_get_manual_totals (report);

  s->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  acks = tb_report_list_acknowledged (report);
  for (guint i = 0; i < acks->len; i++)
    g_hash_table_add (s->acks, g_strdup (g_ptr_array_index (acks, i)));
}

/* The metadata strings, by the key the report's ::changed signal uses. */
typedef const char *(*MetaGetter) (TbReport *report);
typedef void        (*MetaSetter) (TbReport *report, const char *value);

typedef struct
{
  const char *key;
  gsize       offset;    /* of the char* in Shadow */
  MetaGetter  get;
  MetaSetter  set;
} MetaField;

static const MetaField meta_fields[] = {
  { "agency", G_STRUCT_OFFSET (TbHistoryShadow, agency), tb_report_get_agency,
    tb_report_set_agency },
  { "preparer", G_STRUCT_OFFSET (TbHistoryShadow, preparer), tb_report_get_preparer,
    tb_report_set_preparer },
  { "contact", G_STRUCT_OFFSET (TbHistoryShadow, contact), tb_report_get_contact,
    tb_report_set_contact },
  { "report_date", G_STRUCT_OFFSET (TbHistoryShadow, report_date), tb_report_get_report_date,
    tb_report_set_report_date },
  { "previous", G_STRUCT_OFFSET (TbHistoryShadow, previous), tb_report_get_previous,
    tb_report_set_previous },
};

static const MetaField *
find_meta_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_fields); i++)
    if (g_strcmp0 (meta_fields[i].key, key) == 0)
      return &meta_fields[i];
  return NULL;
}

static char **
shadow_meta (TbHistoryShadow *s,
             const MetaField *field)
{
  return G_STRUCT_MEMBER_P (s, field->offset);
}

static gboolean
is_derived (TbReport *report,
            guint     cell)
{
  const TbCellSpec *spec = tb_format_get_cell (tb_report_get_format (report), cell);

  return spec->total_rule >= 0 && !tb_report_get_manual_totals (report);
}

GPtrArray *
_tb_history_shadow_sync (TbHistoryShadow *s,
                         TbReport        *report)
{
  const TbFormat *format = tb_report_get_format (report);
  GPtrArray *items = g_ptr_array_new_with_free_func (_tb_history_item_free);
  g_autoptr(GPtrArray) acks = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean manual;

  /* The setting first: switching computed totals on overwrites typed totals, which the
   * shadow still holds at this point. */
  manual = tb_report_get_manual_totals (report);
  if (manual != s->manual_totals)
    {
      TbHistoryItem *item = g_new0 (TbHistoryItem, 1);

      item->kind = TB_HISTORY_MANUAL_TOTALS;
      item->key = g_strdup ("manual-totals");
      item->old_int = s->manual_totals;
      item->new_int = manual;
      if (!manual)
        {
          item->totals = g_array_new (FALSE, TRUE, sizeof (TbHistoryCellSnap));
          g_array_set_clear_func (item->totals, cell_snap_clear);
          for (guint i = 0; i < s->n_cells; i++)
            if (tb_format_get_cell (format, i)->total_rule >= 0)
              {
                TbHistoryCellSnap snap = { i, { 0, } };

                tb_cell_value_copy (&snap.value, &s->cells[i]);
                g_array_append_val (item->totals, snap);
              }
        }
      s->manual_totals = manual;
      g_ptr_array_add (items, item);
    }

  for (guint i = 0; i < s->n_cells; i++)
    {
      const TbCellValue *now = tb_report_get_cell (report, i);

      if (tb_cell_value_equal (now, &s->cells[i]))
        continue;
      if (!is_derived (report, i))
        {
          TbHistoryItem *item = g_new0 (TbHistoryItem, 1);

          item->kind = TB_HISTORY_CELL;
          item->cell = i;
          item->key = g_strdup (tb_format_get_cell (format, i)->id);
          tb_cell_value_copy (&item->old_cell, &s->cells[i]);
          tb_cell_value_copy (&item->new_cell, now);
          g_ptr_array_add (items, item);
        }
      tb_cell_value_clear (&s->cells[i]);
      tb_cell_value_copy (&s->cells[i], now);
    }

  for (guint i = 0; i < s->n_sections; i++)
    {
      const char *id = tb_format_get_section (format, i)->id;
      const char *now = tb_report_get_text (report, id);
      TbHistoryItem *item;

      if (g_strcmp0 (now, s->texts[i]) == 0)
        continue;
      item = g_new0 (TbHistoryItem, 1);
      item->kind = TB_HISTORY_TEXT;
      item->key = g_strdup (id);
      item->old_str = g_steal_pointer (&s->texts[i]);
      item->new_str = g_strdup (now);
      s->texts[i] = g_strdup (now);
      g_ptr_array_add (items, item);
    }

  for (guint i = 0; i < G_N_ELEMENTS (meta_fields); i++)
    {
      char **field = shadow_meta (s, &meta_fields[i]);
      const char *now = meta_fields[i].get (report);
      TbHistoryItem *item;

      if (g_strcmp0 (now, *field) == 0)
        continue;
      item = g_new0 (TbHistoryItem, 1);
      item->kind = TB_HISTORY_META;
      item->key = g_strdup (meta_fields[i].key);
      item->old_str = g_steal_pointer (field);
      item->new_str = g_strdup (now);
      *field = g_strdup (now);
      g_ptr_array_add (items, item);
    }

  if (tb_report_get_year (report) != s->year)
    {
      TbHistoryItem *item = g_new0 (TbHistoryItem, 1);

      item->kind = TB_HISTORY_YEAR;
      item->key = g_strdup ("year");
      item->old_int = s->year;
      item->new_int = tb_report_get_year (report);
      s->year = item->new_int;
      g_ptr_array_add (items, item);
    }

  acks = tb_report_list_acknowledged (report);
  for (guint i = 0; i < acks->len; i++)
    {
      const char *k = g_ptr_array_index (acks, i);

      if (!g_hash_table_contains (s->acks, k))
        {
          TbHistoryItem *item = g_new0 (TbHistoryItem, 1);

          item->kind = TB_HISTORY_ACK;
          item->key = g_strdup (k);
          item->old_int = FALSE;
          item->new_int = TRUE;
          g_ptr_array_add (items, item);
        }
    }
  g_hash_table_iter_init (&iter, s->acks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!tb_report_is_acknowledged (report, key))
      {
        TbHistoryItem *item = g_new0 (TbHistoryItem, 1);

        item->kind = TB_HISTORY_ACK;
        item->key = g_strdup (key);
        item->old_int = TRUE;
        item->new_int = FALSE;
        g_ptr_array_add (items, item);
      }
  if (acks->len != g_hash_table_size (s->acks) || items->len > 0)
    {
      g_hash_table_remove_all (s->acks);
      for (guint i = 0; i < acks->len; i++)
        g_hash_table_add (s->acks, g_strdup (g_ptr_array_index (acks, i)));
    }

  return items;
}

/* ------------------------------------------------------------------ applying */

static void
apply_cell (TbReport          *report,
            guint              cell,
            const TbCellValue *v)
{
  const TbCellValue *now;

  switch (v->state)
    {
    case TB_CELL_EMPTY:
      tb_report_clear_cell (report, cell);
      return;
    case TB_CELL_INVALID:
      tb_report_set_cell_text (report, cell, v->text, NULL);
      break;
    case TB_CELL_VALID:
    default:
      if (v->text != NULL)
        tb_report_set_cell_text (report, cell, v->text, NULL);
      break;
    }

  /* The text normally reads back as the same value; if it does not (a value that was set
   * rather than typed), set the value itself. */
  now = tb_report_get_cell (report, cell);
  if (!tb_cell_value_equal (now, v) && v->state == TB_CELL_VALID)
    tb_report_set_cell_value (report, cell, v->value, v->unit);
}

void
_tb_history_item_apply (const TbHistoryItem *item,
                        TbReport            *report,
                        gboolean             forward)
{
  switch (item->kind)
    {
    case TB_HISTORY_CELL:
      apply_cell (report, item->cell, forward ? &item->new_cell : &item->old_cell);
      break;
    case TB_HISTORY_TEXT:
      tb_report_set_text (report, item->key, forward ? item->new_str : item->old_str);
      break;
    case TB_HISTORY_META:
      {
        const MetaField *field = find_meta_field (item->key);

        if (field != NULL)
          field->set (report, forward ? item->new_str : item->old_str);
      }
      break;
    case TB_HISTORY_YEAR:
      tb_report_set_year (report, forward ? item->new_int : item->old_int);
      break;
    case TB_HISTORY_ACK:
      tb_report_set_acknowledged (report, item->key, forward ? item->new_int : item->old_int);
      break;
    case TB_HISTORY_MANUAL_TOTALS:
      tb_report_set_manual_totals (report, forward ? item->new_int : item->old_int);
      if (!forward && item->totals != NULL)
        for (guint i = 0; i < item->totals->len; i++)
          {
            const TbHistoryCellSnap *snap = &g_array_index (item->totals, TbHistoryCellSnap, i);

            apply_cell (report, snap->cell, &snap->value);
          }
      break;
    default:
      g_assert_not_reached ();
    }
}

