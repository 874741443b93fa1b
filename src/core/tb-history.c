/* tb-history.c: undo and redo of the edits made to a report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-history"

#include "config.h"

#include <string.h>

#include "tb-history.h"
#include "tb-rules.h"

/* ------------------------------------------------------------------ types */

typedef enum
{
  ITEM_CELL,
  ITEM_TEXT,
  ITEM_META,
  ITEM_YEAR,
  ITEM_ACK,
  ITEM_MANUAL_TOTALS,
} ItemKind;

typedef struct
{
  guint       cell;
  TbCellValue value;
} CellSnap;

/* One change: what it was before and after. */
typedef struct
{
  ItemKind     kind;
  guint        cell;                   /* ITEM_CELL */
  char        *key;                    /* section id, metadata key, issue key */
  TbCellValue  old_cell, new_cell;     /* ITEM_CELL */
  char        *old_str, *new_str;      /* ITEM_TEXT, ITEM_META */
  int          old_int, new_int;       /* ITEM_YEAR, ITEM_ACK, ITEM_MANUAL_TOTALS */
  GArray      *totals;                 /* ITEM_MANUAL_TOTALS switched off: the typed totals
                                          (CellSnap) that the computed ones replaced */
} Item;

typedef struct
{
  guint64    serial;     /* identifies the state after this step */
  GPtrArray *items;      /* Item*, in the order they happened */
  gint64     time;       /* monotonic time of the last change, for coalescing */
  gboolean   closed;     /* nothing more may be merged into it */
} Step;

/* The report as the history last saw it. */
typedef struct
{
  guint        n_cells;
  TbCellValue *cells;
  guint        n_sections;
  char       **texts;       /* per section index, never NULL */
  char        *agency;
  char        *preparer;
  char        *contact;
  char        *report_date;
  char        *previous;
  int          year;
  GHashTable  *acks;
  gboolean     manual_totals;
} Shadow;

struct _TbHistory
{
  GObject     parent_instance;

  TbReport   *report;
  gulong      changed_id;
  Shadow      shadow;

  GPtrArray  *undo;           /* Step*, oldest first */
  GPtrArray  *redo;           /* Step*, the next one to redo last */
  guint64     next_serial;
  guint64     base_serial;    /* state when the undo stack is empty */
  guint64     saved_serial;   /* state that is on disk, 0 = none */

  guint       group_depth;
  Step       *group;          /* the step the open group records into, or NULL */
  gboolean    applying;

  guint       max_depth;
  guint       coalesce_timeout;

  gboolean    can_undo;
  gboolean    can_redo;
};

G_DEFINE_FINAL_TYPE (TbHistory, tb_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MAX_DEPTH,
  PROP_COALESCE_TIMEOUT,
  N_PROPS
};

enum {
  APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define NO_STATE G_MAXUINT64

/* ------------------------------------------------------------------ values */

static void
item_free (gpointer data)
{
  Item *item = data;

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
  tb_cell_value_clear (&((CellSnap *) data)->value);
}

static Step *
step_new (TbHistory *self)
{
  Step *step = g_new0 (Step, 1);

  step->serial = self->next_serial++;
  step->items = g_ptr_array_new_with_free_func (item_free);
  step->time = g_get_monotonic_time ();
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->items);
  g_free (step);
}

static gboolean
item_is_noop (const Item *item)
{
  switch (item->kind)
    {
    case ITEM_CELL:
      return tb_cell_value_equal (&item->old_cell, &item->new_cell);
    case ITEM_TEXT:
    case ITEM_META:
      return g_strcmp0 (item->old_str, item->new_str) == 0;
    case ITEM_YEAR:
    case ITEM_ACK:
    case ITEM_MANUAL_TOTALS:
    default:
      return item->old_int == item->new_int;
    }
}

/* ------------------------------------------------------------------ shadow */

static void
shadow_clear (Shadow *s)
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

static void
shadow_init (Shadow   *s,
             TbReport *report)
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
  { "agency", G_STRUCT_OFFSET (Shadow, agency), tb_report_get_agency, tb_report_set_agency },
  { "preparer", G_STRUCT_OFFSET (Shadow, preparer), tb_report_get_preparer, tb_report_set_preparer },
  { "contact", G_STRUCT_OFFSET (Shadow, contact), tb_report_get_contact, tb_report_set_contact },
  { "report_date", G_STRUCT_OFFSET (Shadow, report_date), tb_report_get_report_date,
    tb_report_set_report_date },
  { "previous", G_STRUCT_OFFSET (Shadow, previous), tb_report_get_previous, tb_report_set_previous },
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
shadow_meta (Shadow          *s,
             const MetaField *field)
{
  return G_STRUCT_MEMBER_P (s, field->offset);
}

static gboolean
is_derived (TbHistory *self,
            guint      cell)
{
  const TbCellSpec *spec = tb_format_get_cell (tb_report_get_format (self->report), cell);

  return spec->total_rule >= 0 && !tb_report_get_manual_totals (self->report);
}

/* Compares the report with the shadow, brings the shadow up to date and returns the
 * changes the clerk made (derived totals left out), or an empty array. */
static GPtrArray *
shadow_sync (TbHistory *self)
{
  Shadow *s = &self->shadow;
  TbReport *report = self->report;
  const TbFormat *format = tb_report_get_format (report);
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);
  g_autoptr(GPtrArray) acks = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean manual;

  /* The setting first: switching computed totals on overwrites typed totals, which the
   * shadow still holds at this point. */
  manual = tb_report_get_manual_totals (report);
  if (manual != s->manual_totals)
    {
      Item *item = g_new0 (Item, 1);

      item->kind = ITEM_MANUAL_TOTALS;
      item->key = g_strdup ("manual-totals");
      item->old_int = s->manual_totals;
      item->new_int = manual;
      if (!manual)
        {
          item->totals = g_array_new (FALSE, TRUE, sizeof (CellSnap));
          g_array_set_clear_func (item->totals, cell_snap_clear);
          for (guint i = 0; i < s->n_cells; i++)
            if (tb_format_get_cell (format, i)->total_rule >= 0)
              {
                CellSnap snap = { i, { 0, } };

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
      if (!is_derived (self, i))
        {
          Item *item = g_new0 (Item, 1);

          item->kind = ITEM_CELL;
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
      Item *item;

      if (g_strcmp0 (now, s->texts[i]) == 0)
        continue;
      item = g_new0 (Item, 1);
      item->kind = ITEM_TEXT;
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
      Item *item;

      if (g_strcmp0 (now, *field) == 0)
        continue;
      item = g_new0 (Item, 1);
      item->kind = ITEM_META;
      item->key = g_strdup (meta_fields[i].key);
      item->old_str = g_steal_pointer (field);
      item->new_str = g_strdup (now);
      *field = g_strdup (now);
      g_ptr_array_add (items, item);
    }

  if (tb_report_get_year (report) != s->year)
    {
      Item *item = g_new0 (Item, 1);

      item->kind = ITEM_YEAR;
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
          Item *item = g_new0 (Item, 1);

          item->kind = ITEM_ACK;
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
        Item *item = g_new0 (Item, 1);

        item->kind = ITEM_ACK;
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

/* ------------------------------------------------------------------ stacks */

static guint64
current_serial (TbHistory *self)
{
  if (self->undo->len == 0)
    return self->base_serial;
  return ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial;
}

static void
update_can (TbHistory *self)
{
  gboolean can_undo = self->undo->len > 0;
  gboolean can_redo = self->redo->len > 0;

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

static void
trim (TbHistory *self)
{
  while (self->undo->len > self->max_depth)
    {
      Step *oldest = g_ptr_array_index (self->undo, 0);

      if (oldest == self->group)
        break;
      self->base_serial = oldest->serial;
      g_ptr_array_remove_index (self->undo, 0);
    }
}

static Step *
top_step (TbHistory *self)
{
  if (self->undo->len == 0)
    return NULL;
  return g_ptr_array_index (self->undo, self->undo->len - 1);
}

static gboolean
same_target (const Item *a,
             const Item *b)
{
  return a->kind == b->kind && a->cell == b->cell && g_strcmp0 (a->key, b->key) == 0;
}

/* Folds @item (a later change of the same thing) into @into. */
static void
merge_item (Item *into,
            Item *item)
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

static gboolean
can_coalesce (TbHistory  *self,
              Step       *top,
              const Item *item,
              gint64      now)
{
  const Item *last;

  if (top == NULL || top->closed || top->items->len != 1 || self->coalesce_timeout == 0)
    return FALSE;
  if (item->kind != ITEM_CELL && item->kind != ITEM_TEXT && item->kind != ITEM_META)
    return FALSE;
  if (top->serial == self->saved_serial)
    return FALSE;
  if (now - top->time > (gint64) self->coalesce_timeout * 1000)
    return FALSE;
  last = g_ptr_array_index (top->items, 0);
  return same_target (last, item);
}

static void
record (TbHistory *self,
        GPtrArray *items)
{
  gint64 now = g_get_monotonic_time ();
  Step *top = top_step (self);
  Step *step;

  if (items->len == 0)
    return;

  g_ptr_array_set_size (self->redo, 0);

  if (self->group_depth > 0)
    {
      if (self->group == NULL)
        {
          if (top != NULL)
            top->closed = TRUE;
          self->group = step_new (self);
          g_ptr_array_add (self->undo, self->group);
        }
      step = self->group;
    }
  else if (items->len == 1 && can_coalesce (self, top, g_ptr_array_index (items, 0), now))
    {
      merge_item (g_ptr_array_index (top->items, 0), g_ptr_array_index (items, 0));
      top->time = now;
      if (item_is_noop (g_ptr_array_index (top->items, 0)))
        g_ptr_array_remove_index (self->undo, self->undo->len - 1);
      update_can (self);
      return;
    }
  else
    {
      if (top != NULL)
        top->closed = TRUE;
      step = step_new (self);
      step->closed = items->len > 1;
      g_ptr_array_add (self->undo, step);
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);
      Item *last = step->items->len > 0
                 ? g_ptr_array_index (step->items, step->items->len - 1) : NULL;

      /* Within a step, a change of the thing changed just before folds into it. */
      if (last != NULL && same_target (last, item) && item->kind != ITEM_MANUAL_TOTALS)
        merge_item (last, item);
      else
        g_ptr_array_add (step->items, g_steal_pointer (&items->pdata[i]));
    }
  step->time = now;

  trim (self);
  update_can (self);
}

static void
report_changed_cb (TbReport       *report,
                   TbReportChange  change,
                   const           char     *id,
                   TbHistory      *self)
{
  g_autoptr(GPtrArray) items = shadow_sync (self);

  if (self->applying)
    return;
  record (self, items);
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

static void
apply_item (TbHistory  *self,
            const Item *item,
            gboolean    forward)
{
  TbReport *report = self->report;

  switch (item->kind)
    {
    case ITEM_CELL:
      apply_cell (report, item->cell, forward ? &item->new_cell : &item->old_cell);
      break;
    case ITEM_TEXT:
      tb_report_set_text (report, item->key, forward ? item->new_str : item->old_str);
      break;
    case ITEM_META:
      {
        const MetaField *field = find_meta_field (item->key);

        if (field != NULL)
          field->set (report, forward ? item->new_str : item->old_str);
      }
      break;
    case ITEM_YEAR:
      tb_report_set_year (report, forward ? item->new_int : item->old_int);
      break;
    case ITEM_ACK:
      tb_report_set_acknowledged (report, item->key, forward ? item->new_int : item->old_int);
      break;
    case ITEM_MANUAL_TOTALS:
      tb_report_set_manual_totals (report, forward ? item->new_int : item->old_int);
      if (!forward && item->totals != NULL)
        for (guint i = 0; i < item->totals->len; i++)
          {
            const CellSnap *snap = &g_array_index (item->totals, CellSnap, i);

            apply_cell (report, snap->cell, &snap->value);
          }
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
apply_step (TbHistory *self,
            GPtrArray *from,
            GPtrArray *to,
            gboolean   forward)
{
  Step *step;
  const Item *first;
  g_autoptr(GPtrArray) leftover = NULL;

  tb_history_close_step (self);
  while (self->group_depth > 0)
    tb_history_end_group (self);

  if (from->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  first = g_ptr_array_index (step->items, 0);

  self->applying = TRUE;
  if (step->items->len > 1)
    tb_report_freeze (self->report);

  if (forward)
    for (guint i = 0; i < step->items->len; i++)
      apply_item (self, g_ptr_array_index (step->items, i), TRUE);
  else
    for (guint i = step->items->len; i > 0; i--)
      apply_item (self, g_ptr_array_index (step->items, i - 1), FALSE);

  if (!tb_report_get_manual_totals (self->report))
    tb_rules_compute_totals (self->report);

  if (step->items->len > 1)
    tb_report_thaw (self->report);
  /* Bring the shadow up to date even if no signal reached us. */
  leftover = shadow_sync (self);
  self->applying = FALSE;

  g_ptr_array_add (to, step);
  step->closed = TRUE;

  tb_report_set_modified (self->report, current_serial (self) != self->saved_serial);

  update_can (self);
  g_signal_emit (self, signals[APPLIED], 0,
                 first->kind == ITEM_CELL ? TB_REPORT_CHANGE_CELL :
                 first->kind == ITEM_TEXT ? TB_REPORT_CHANGE_TEXT :
                 first->kind == ITEM_ACK ? TB_REPORT_CHANGE_ACK :
                 first->kind == ITEM_MANUAL_TOTALS ? TB_REPORT_CHANGE_SETTINGS :
                 TB_REPORT_CHANGE_META,
                 first->key);
  return TRUE;
}

/* ------------------------------------------------------------------ GObject */

static void
tb_history_dispose (GObject *object)
{
  TbHistory *self = TB_HISTORY (object);

  if (self->report != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->report);
      g_clear_object (&self->report);
    }

  G_OBJECT_CLASS (tb_history_parent_class)->dispose (object);
}

static void
tb_history_finalize (GObject *object)
{
  TbHistory *self = TB_HISTORY (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  shadow_clear (&self->shadow);

  G_OBJECT_CLASS (tb_history_parent_class)->finalize (object);
}

static void
tb_history_constructed (GObject *object)
{
  TbHistory *self = TB_HISTORY (object);

  G_OBJECT_CLASS (tb_history_parent_class)->constructed (object);

  g_assert (self->report != NULL);
  shadow_init (&self->shadow, self->report);
  self->saved_serial = tb_report_get_modified (self->report) ? NO_STATE : self->base_serial;
  self->changed_id = g_signal_connect (self->report, "changed",
                                       G_CALLBACK (report_changed_cb), self);
}

static void
tb_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TbHistory *self = TB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case PROP_COALESCE_TIMEOUT:
      g_value_set_uint (value, self->coalesce_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TbHistory *self = TB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_MAX_DEPTH:
      tb_history_set_max_depth (self, g_value_get_uint (value));
      break;
    case PROP_COALESCE_TIMEOUT:
      tb_history_set_coalesce_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_history_class_init (TbHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_history_dispose;
  object_class->finalize = tb_history_finalize;
  object_class->constructed = tb_history_constructed;
  object_class->get_property = tb_history_get_property;
  object_class->set_property = tb_history_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, TB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth", NULL, NULL, 1, G_MAXUINT, TB_HISTORY_DEFAULT_MAX_DEPTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COALESCE_TIMEOUT] =
    g_param_spec_uint ("coalesce-timeout", NULL, NULL, 0, G_MAXUINT,
                       TB_HISTORY_DEFAULT_COALESCE_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TbHistory::applied:
   * @change: the kind of the first thing the step changed (never %TB_REPORT_CHANGE_BULK)
   * @id: the cell id, section id, metadata key or issue key, to show it to the clerk
   *
   * Emitted after an undo or a redo.
   */
  signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, TB_TYPE_REPORT_CHANGE, G_TYPE_STRING);
}

static void
tb_history_init (TbHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
  self->next_serial = 1;
  self->base_serial = 0;
  self->max_depth = TB_HISTORY_DEFAULT_MAX_DEPTH;
  self->coalesce_timeout = TB_HISTORY_DEFAULT_COALESCE_TIMEOUT;
}

/* ------------------------------------------------------------------ public */

TbHistory *
tb_history_new (TbReport *report)
{
  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  return g_object_new (TB_TYPE_HISTORY, "report", report, NULL);
}

TbReport *
tb_history_get_report (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), NULL);
  return self->report;
}

gboolean
tb_history_get_can_undo (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
tb_history_get_can_redo (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

guint
tb_history_get_n_undo (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), 0);
  return self->undo->len;
}

guint
tb_history_get_n_redo (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), 0);
  return self->redo->len;
}

gboolean
tb_history_undo (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), FALSE);
  return apply_step (self, self->undo, self->redo, FALSE);
}

gboolean
tb_history_redo (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), FALSE);
  return apply_step (self, self->redo, self->undo, TRUE);
}

void
tb_history_begin_group (TbHistory *self)
{
  g_return_if_fail (TB_IS_HISTORY (self));
  self->group_depth++;
}

void
tb_history_end_group (TbHistory *self)
{
  g_return_if_fail (TB_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  if (self->group != NULL)
    {
      self->group->closed = TRUE;
      self->group = NULL;
      trim (self);
      update_can (self);
    }
}

void
tb_history_close_step (TbHistory *self)
{
  Step *top;

  g_return_if_fail (TB_IS_HISTORY (self));
  top = top_step (self);
  if (top != NULL && top != self->group)
    top->closed = TRUE;
}

void
tb_history_mark_saved (TbHistory *self)
{
  g_return_if_fail (TB_IS_HISTORY (self));
  tb_history_close_step (self);
  self->saved_serial = current_serial (self);
}

void
tb_history_clear (TbHistory *self)
{
  gboolean saved;

  g_return_if_fail (TB_IS_HISTORY (self));

  saved = current_serial (self) == self->saved_serial;
  self->base_serial = self->next_serial++;
  self->saved_serial = saved ? self->base_serial : NO_STATE;
  self->group = NULL;
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_can (self);
}

guint
tb_history_get_max_depth (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), 0);
  return self->max_depth;
}

void
tb_history_set_max_depth (TbHistory *self,
                          guint      max_depth)
{
  g_return_if_fail (TB_IS_HISTORY (self));
  max_depth = MAX (max_depth, 1);
  if (self->max_depth == max_depth)
    return;
  self->max_depth = max_depth;
  trim (self);
  update_can (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DEPTH]);
}

guint
tb_history_get_coalesce_timeout (TbHistory *self)
{
  g_return_val_if_fail (TB_IS_HISTORY (self), 0);
  return self->coalesce_timeout;
}

void
tb_history_set_coalesce_timeout (TbHistory *self,
                                 guint      msec)
{
  g_return_if_fail (TB_IS_HISTORY (self));
  if (self->coalesce_timeout == msec)
    return;
  self->coalesce_timeout = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COALESCE_TIMEOUT]);
}
