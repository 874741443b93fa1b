/* tb-history.c: undo and redo of the edits made to a report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-history"

#include "config.h"

#include <string.h>

#include "tb-history-private.h"
#include "tb-rules.h"

/* ------------------------------------------------------------------ types */

/* One undo step: the changes it made. */
typedef struct
{
  guint64    serial;     /* identifies the state after this step */
  GPtrArray *items;      /* TbHistoryItem*, in the order they happened */
  gint64     time;       /* monotonic time of the last change, for coalescing */
  gboolean   closed;     /* nothing more may be merged into it */
} Step;

struct _TbHistory
{
  GObject     parent_instance;

  TbReport   *report;
  gulong      changed_id;
  TbHistoryShadow      shadow;

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

static Step *
step_new (TbHistory *self)
{
  Step *step = g_new0 (Step, 1);

  step->serial = self->next_serial++;
  step->items = g_ptr_array_new_with_free_func (_tb_history_item_free);
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
can_coalesce (TbHistory  *self,
              Step       *top,
              const TbHistoryItem *item,
              gint64      now)
{
  const TbHistoryItem *last;

  if (top == NULL || top->closed || top->items->len != 1 || self->coalesce_timeout == 0)
    return FALSE;
  if (item->kind != TB_HISTORY_CELL && item->kind != TB_HISTORY_TEXT &&
      item->kind != TB_HISTORY_META)
    return FALSE;
  if (top->serial == self->saved_serial)
    return FALSE;
  if (now - top->time > (gint64) self->coalesce_timeout * 1000)
    return FALSE;
  last = g_ptr_array_index (top->items, 0);
  return _tb_history_item_same_target (last, item);
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
      _tb_history_item_merge (g_ptr_array_index (top->items, 0), g_ptr_array_index (items, 0));
      top->time = now;
      if (_tb_history_item_is_noop (g_ptr_array_index (top->items, 0)))
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
      TbHistoryItem *item = g_ptr_array_index (items, i);
      TbHistoryItem *last = step->items->len > 0
                 ? g_ptr_array_index (step->items, step->items->len - 1) : NULL;

      /* Within a step, a change of the thing changed just before folds into it. */
      if (last != NULL && _tb_history_item_same_target (last, item) &&
          item->kind != TB_HISTORY_MANUAL_TOTALS)
        _tb_history_item_merge (last, item);
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
  g_autoptr(GPtrArray) items = _tb_history_shadow_sync (&self->shadow, report);

  if (self->applying)
    return;
  record (self, items);
}

static gboolean
apply_step (TbHistory *self,
            GPtrArray *from,
            GPtrArray *to,
            gboolean   forward)
{
  Step *step;
  const TbHistoryItem *first;
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
      _tb_history_item_apply (g_ptr_array_index (step->items, i), self->report, TRUE);
  else
    for (guint i = step->items->len; i > 0; i--)
      _tb_history_item_apply (g_ptr_array_index (step->items, i - 1), self->report, FALSE);

  if (!tb_report_get_manual_totals (self->report))
    tb_rules_compute_totals (self->report);

  if (step->items->len > 1)
    tb_report_thaw (self->report);
  /* Bring the shadow up to date even if no signal reached us. */
  leftover = _tb_history_shadow_sync (&self->shadow, self->report);
  self->applying = FALSE;

  g_ptr_array_add (to, step);
  step->closed = TRUE;

  tb_report_set_modified (self->report, current_serial (self) != self->saved_serial);

  update_can (self);
  g_signal_emit (self, signals[APPLIED], 0,
                 first->kind == TB_HISTORY_CELL ? TB_REPORT_CHANGE_CELL :
                 first->kind == TB_HISTORY_TEXT ? TB_REPORT_CHANGE_TEXT :
                 first->kind == TB_HISTORY_ACK ? TB_REPORT_CHANGE_ACK :
                 first->kind == TB_HISTORY_MANUAL_TOTALS ? TB_REPORT_CHANGE_SETTINGS :
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
  _tb_history_shadow_clear (&self->shadow);

  G_OBJECT_CLASS (tb_history_parent_class)->finalize (object);
}

static void
tb_history_constructed (GObject *object)
{
  TbHistory *self = TB_HISTORY (object);

  G_OBJECT_CLASS (tb_history_parent_class)->constructed (object);

  g_assert (self->report != NULL);
  _tb_history_shadow_init (&self->shadow, self->report);
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

