/* tb-report.c: one annual report being filled in (the document model)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-field.h"
#include "tb-report.h"
#include "tb-value.h"

/* ------------------------------------------------------------------ struct */

struct _TbReport
{
  GObject         parent_instance;

  const TbFormat *format;
  TbCellValue    *cells;        /* one per format cell */
  GHashTable     *texts;        /* section id -> text */
  GHashTable     *acks;         /* issue key set */

  char           *agency;
  int             year;
  char           *preparer;
  char           *contact;
  char           *report_date;
  char           *created;
  char           *modified_time;
  char           *previous;
  TbReport       *previous_report;
  TbProvenance   *imported_from;
  TbCombined     *combined;

  guint           freeze;
  guint           frozen_changes;
  gboolean        manual_totals;
  gboolean        modified;
};

G_DEFINE_FINAL_TYPE (TbReport, tb_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AGENCY,
  PROP_YEAR,
  PROP_PREPARER,
  PROP_CONTACT,
  PROP_REPORT_DATE,
  PROP_MODIFIED,
  PROP_MANUAL_TOTALS,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ helpers */

G_DEFINE_ENUM_TYPE (TbReportChange, tb_report_change,
  G_DEFINE_ENUM_VALUE (TB_REPORT_CHANGE_CELL, "cell"),
  G_DEFINE_ENUM_VALUE (TB_REPORT_CHANGE_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (TB_REPORT_CHANGE_META, "meta"),
  G_DEFINE_ENUM_VALUE (TB_REPORT_CHANGE_ACK, "ack"),
  G_DEFINE_ENUM_VALUE (TB_REPORT_CHANGE_SETTINGS, "settings"),
  G_DEFINE_ENUM_VALUE (TB_REPORT_CHANGE_BULK, "bulk"))

const char *
tb_report_change_to_string (TbReportChange change)
{
  /* The nicks above, without a class lookup on every keystroke. */
  static const char *const nicks[] = { "cell", "text", "meta", "ack", "settings", "bulk" };

  g_return_val_if_fail ((guint) change < G_N_ELEMENTS (nicks), NULL);
  return nicks[change];
}

static void
emit_changed (TbReport       *self,
              TbReportChange  change,
              const char     *id)
{
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (self->freeze > 0)
    {
      self->frozen_changes++;
      return;
    }
  g_signal_emit (self, signals[CHANGED],
                 g_quark_from_static_string (tb_report_change_to_string (change)), change, id);
}

void
tb_cell_value_clear (TbCellValue *v)
{
  g_clear_pointer (&v->unit, g_free);
  g_clear_pointer (&v->text, g_free);
  v->state = TB_CELL_EMPTY;
  v->value = 0;
}

void
tb_cell_value_copy (TbCellValue       *dest,
                    const TbCellValue *src)
{
  dest->state = src->state;
  dest->value = src->value;
  dest->unit = g_strdup (src->unit);
  dest->text = g_strdup (src->text);
}

gboolean
tb_cell_value_equal (const TbCellValue *a,
                     const TbCellValue *b)
{
  if (a->state != b->state)
    return FALSE;
  if (a->state == TB_CELL_EMPTY)
    return TRUE;
  return a->value == b->value &&
         g_strcmp0 (a->unit, b->unit) == 0 &&
         g_strcmp0 (a->text, b->text) == 0;
}

static gboolean
set_string (char      **field,
            const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* ------------------------------------------------------------------ GObject */

static void
tb_report_finalize (GObject *object)
{
  TbReport *self = TB_REPORT (object);
  guint n = tb_format_get_n_cells (self->format);

  for (guint i = 0; i < n; i++)
    tb_cell_value_clear (&self->cells[i]);
  g_free (self->cells);
  g_hash_table_unref (self->texts);
  g_hash_table_unref (self->acks);
  g_free (self->agency);
  g_free (self->preparer);
  g_free (self->contact);
  g_free (self->report_date);
  g_free (self->created);
  g_free (self->modified_time);
  g_free (self->previous);
  g_clear_object (&self->previous_report);
  g_clear_pointer (&self->imported_from, tb_provenance_free);
  tb_combined_free (self->combined);

  G_OBJECT_CLASS (tb_report_parent_class)->finalize (object);
}

static void
tb_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TbReport *self = TB_REPORT (object);

  switch (prop_id)
    {
    case PROP_AGENCY:
      g_value_set_string (value, self->agency);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_PREPARER:
      g_value_set_string (value, self->preparer);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;
    case PROP_REPORT_DATE:
      g_value_set_string (value, self->report_date);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_MANUAL_TOTALS:
      g_value_set_boolean (value, self->manual_totals);
      break;
    case PROP_TITLE:
      g_value_take_string (value, tb_report_dup_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TbReport *self = TB_REPORT (object);

  switch (prop_id)
    {
    case PROP_AGENCY:
      tb_report_set_agency (self, g_value_get_string (value));
      break;
    case PROP_YEAR:
      tb_report_set_year (self, g_value_get_int (value));
      break;
    case PROP_PREPARER:
      tb_report_set_preparer (self, g_value_get_string (value));
      break;
    case PROP_CONTACT:
      tb_report_set_contact (self, g_value_get_string (value));
      break;
    case PROP_REPORT_DATE:
      tb_report_set_report_date (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      tb_report_set_modified (self, g_value_get_boolean (value));
      break;
    case PROP_MANUAL_TOTALS:
      tb_report_set_manual_totals (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_report_class_init (TbReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tb_report_finalize;
  object_class->get_property = tb_report_get_property;
  object_class->set_property = tb_report_set_property;

  properties[PROP_AGENCY] =
    g_param_spec_string ("agency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREPARER] =
    g_param_spec_string ("preparer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT_DATE] =
    g_param_spec_string ("report-date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANUAL_TOTALS] =
    g_param_spec_boolean ("manual-totals", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TbReport::changed:
   * @change: what kind of thing changed (also the detail: "changed::cell")
   * @id: (nullable): the cell id, section id, metadata key, issue key or setting that
   *   changed; NULL for %TB_REPORT_CHANGE_BULK
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TB_TYPE_REPORT_CHANGE, G_TYPE_STRING);
}

static void
tb_report_init (TbReport *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------------ public */

/**
 * tb_report_new:
 * @format: the report format; it must outlive the report (bundled formats always do)
 *
 * Returns: (transfer full): an empty report
 */
TbReport *
tb_report_new (const TbFormat *format)
{
  TbReport *self;

  g_return_val_if_fail (format != NULL, NULL);

  self = g_object_new (TB_TYPE_REPORT, NULL);
  self->format = format;
  self->cells = g_new0 (TbCellValue, tb_format_get_n_cells (format));
  return self;
}

const TbFormat *
tb_report_get_format (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return self->format;
}

#define DEFINE_STRING_META(name, PROP)                                         \
  const char *                                                                 \
  tb_report_get_##name (TbReport *self)                                        \
  {                                                                            \
    g_return_val_if_fail (TB_IS_REPORT (self), NULL);                          \
    return self->name;                                                         \
  }                                                                            \
  void                                                                         \
  tb_report_set_##name (TbReport   *self,                                      \
                        const char *value)                                     \
  {                                                                            \
    g_return_if_fail (TB_IS_REPORT (self));                                    \
    if (!set_string (&self->name, value))                                      \
      return;                                                                  \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);             \
    emit_changed (self, TB_REPORT_CHANGE_META, #name);                        \
  }

DEFINE_STRING_META (preparer, PROP_PREPARER)
DEFINE_STRING_META (contact, PROP_CONTACT)
DEFINE_STRING_META (report_date, PROP_REPORT_DATE)

const char *
tb_report_get_agency (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return self->agency;
}

void
tb_report_set_agency (TbReport   *self,
                      const char *agency)
{
  g_return_if_fail (TB_IS_REPORT (self));
  if (!set_string (&self->agency, agency))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENCY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self, TB_REPORT_CHANGE_META, "agency");
}

int
tb_report_get_year (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), 0);
  return self->year;
}

void
tb_report_set_year (TbReport *self,
                    int       year)
{
  g_return_if_fail (TB_IS_REPORT (self));
  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self, TB_REPORT_CHANGE_META, "year");
}

/* Timestamps are bookkeeping written by the draft code: no ::changed, no modified flag. */
const char *
tb_report_get_created (TbReport *self)
{
  return self->created;
}

void
tb_report_set_created (TbReport   *self,
                       const char *timestamp)
{
  set_string (&self->created, timestamp);
}

const char *
tb_report_get_modified_time (TbReport *self)
{
  return self->modified_time;
}

void
tb_report_set_modified_time (TbReport   *self,
                             const char *timestamp)
{
  set_string (&self->modified_time, timestamp);
}

const char *
tb_report_get_previous (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return self->previous;
}

void
tb_report_set_previous (TbReport   *self,
                        const char *previous)
{
  g_return_if_fail (TB_IS_REPORT (self));
  if (set_string (&self->previous, previous))
    emit_changed (self, TB_REPORT_CHANGE_META, "previous");
}

const TbProvenance *
tb_report_get_imported_from (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return self->imported_from;
}

void
tb_report_set_imported_from (TbReport           *self,
                             const TbProvenance *provenance)
{
  g_return_if_fail (TB_IS_REPORT (self));
  if (provenance == self->imported_from)
    return;
  g_clear_pointer (&self->imported_from, tb_provenance_free);
  self->imported_from = tb_provenance_copy (provenance);
}

const TbCombined *
tb_report_get_combined (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return self->combined;
}

void
tb_report_set_combined (TbReport         *self,
                        const TbCombined *combined)
{
  g_return_if_fail (TB_IS_REPORT (self));
  tb_combined_free (self->combined);
  self->combined = combined ? tb_combined_copy (combined) : NULL;
}

TbReport *
tb_report_get_previous_report (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return self->previous_report;
}

void
tb_report_set_previous_report (TbReport *self,
                               TbReport *previous)
{
  g_return_if_fail (TB_IS_REPORT (self));
  g_return_if_fail (previous == NULL || TB_IS_REPORT (previous));
  g_return_if_fail (previous != self);

  g_set_object (&self->previous_report, previous);
}

char *
tb_report_dup_title (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  return tb_format_make_title (self->format, self->agency, self->year);
}

const TbCellValue *
tb_report_get_cell (TbReport *self,
                    guint     cell)
{
  g_return_val_if_fail (TB_IS_REPORT (self), NULL);
  g_return_val_if_fail (cell < tb_format_get_n_cells (self->format), NULL);
  return &self->cells[cell];
}

gboolean
tb_report_set_cell_text (TbReport   *self,
                         guint       cell,
                         const char *text,
                         GError    **error)
{
  const TbCellSpec *spec;
  TbCellValue *v;
  g_autoptr(GError) local = NULL;
  g_autofree char *unit = NULL;
  gint64 value = 0;

  g_return_val_if_fail (TB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (cell < tb_format_get_n_cells (self->format), FALSE);

  spec = tb_format_get_cell (self->format, cell);
  v = &self->cells[cell];

  /* Whatever reaches the report must save and open again. */
  if (!tb_field_check (TB_FIELD_CELL, text, -1, error))
    return FALSE;
  if (tb_value_parse_cell (spec, text, &value, &unit, &local))
    {
      if (v->state == TB_CELL_VALID && v->value == value && g_strcmp0 (v->unit, unit) == 0 &&
          g_strcmp0 (v->text, text) == 0)
        return TRUE;
      tb_cell_value_clear (v);
      v->state = TB_CELL_VALID;
      v->value = value;
      v->unit = g_steal_pointer (&unit);
      v->text = g_strdup (text);
      emit_changed (self, TB_REPORT_CHANGE_CELL, spec->id);
      return TRUE;
    }

  if (g_error_matches (local, TB_PARSE_ERROR, TB_PARSE_ERROR_EMPTY))
    {
      if (v->state != TB_CELL_EMPTY)
        {
          tb_cell_value_clear (v);
          emit_changed (self, TB_REPORT_CHANGE_CELL, spec->id);
        }
      return TRUE;
    }

  /* Keep what was typed: nothing the clerk entered is lost, and the rules report it. */
  if (v->state != TB_CELL_INVALID || g_strcmp0 (v->text, text) != 0)
    {
      tb_cell_value_clear (v);
      v->state = TB_CELL_INVALID;
      v->text = g_strdup (text);
      emit_changed (self, TB_REPORT_CHANGE_CELL, spec->id);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

void
tb_report_set_cell_value (TbReport   *self,
                          guint       cell,
                          gint64      value,
                          const char *unit)
{
  TbCellValue *v;

  g_return_if_fail (TB_IS_REPORT (self));
  g_return_if_fail (cell < tb_format_get_n_cells (self->format));

  v = &self->cells[cell];
  if (v->state == TB_CELL_VALID && v->value == value && g_strcmp0 (v->unit, unit) == 0)
    return;
  tb_cell_value_clear (v);
  v->state = TB_CELL_VALID;
  v->value = value;
  v->unit = g_strdup (unit);
  v->text = tb_value_format_display (tb_format_get_cell (self->format, cell), value, unit);
  emit_changed (self, TB_REPORT_CHANGE_CELL, tb_format_get_cell (self->format, cell)->id);
}

void
tb_report_clear_cell (TbReport *self,
                      guint     cell)
{
  g_return_if_fail (TB_IS_REPORT (self));
  g_return_if_fail (cell < tb_format_get_n_cells (self->format));

  if (self->cells[cell].state == TB_CELL_EMPTY)
    return;
  tb_cell_value_clear (&self->cells[cell]);
  emit_changed (self, TB_REPORT_CHANGE_CELL, tb_format_get_cell (self->format, cell)->id);
}

char *
tb_report_dup_cell_text (TbReport *self,
                         guint     cell)
{
  const TbCellValue *v = tb_report_get_cell (self, cell);

  if (v == NULL || v->state == TB_CELL_EMPTY)
    return NULL;
  if (v->state == TB_CELL_INVALID)
    return g_strdup (v->text);
  return tb_value_format_display (tb_format_get_cell (self->format, cell), v->value, v->unit);
}

guint
tb_report_count_filled (TbReport *self)
{
  guint n = 0;
  guint total = tb_format_get_n_cells (self->format);

  for (guint i = 0; i < total; i++)
    n += self->cells[i].state != TB_CELL_EMPTY;
  return n;
}

const char *
tb_report_get_text (TbReport   *self,
                    const char *section_id)
{
  const char *t;

  g_return_val_if_fail (TB_IS_REPORT (self), "");
  t = section_id ? g_hash_table_lookup (self->texts, section_id) : NULL;
  return t ? t : "";
}

void
tb_report_set_text (TbReport   *self,
                    const char *section_id,
                    const char *text)
{
  g_return_if_fail (TB_IS_REPORT (self));
  g_return_if_fail (section_id != NULL);

  if (g_strcmp0 (tb_report_get_text (self, section_id), text ? text : "") == 0)
    return;
  if (text == NULL || *text == '\0')
    g_hash_table_remove (self->texts, section_id);
  else
    g_hash_table_insert (self->texts, g_strdup (section_id), g_strdup (text));
  emit_changed (self, TB_REPORT_CHANGE_TEXT, section_id);
}

gboolean
tb_report_is_acknowledged (TbReport   *self,
                           const char *issue_key)
{
  g_return_val_if_fail (TB_IS_REPORT (self), FALSE);
  return issue_key && g_hash_table_contains (self->acks, issue_key);
}

void
tb_report_set_acknowledged (TbReport   *self,
                            const char *issue_key,
                            gboolean    acknowledged)
{
  g_return_if_fail (TB_IS_REPORT (self));
  g_return_if_fail (issue_key != NULL);

  if (acknowledged == tb_report_is_acknowledged (self, issue_key))
    return;
  if (acknowledged)
    g_hash_table_add (self->acks, g_strdup (issue_key));
  else
    g_hash_table_remove (self->acks, issue_key);
  emit_changed (self, TB_REPORT_CHANGE_ACK, issue_key);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
tb_report_list_acknowledged (TbReport *self)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->acks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

gboolean
tb_report_get_manual_totals (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), FALSE);
  return self->manual_totals;
}

void
tb_report_set_manual_totals (TbReport *self,
                             gboolean  manual)
{
  g_return_if_fail (TB_IS_REPORT (self));
  manual = !!manual;
  if (self->manual_totals == manual)
    return;
  self->manual_totals = manual;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANUAL_TOTALS]);
  emit_changed (self, TB_REPORT_CHANGE_SETTINGS, "manual-totals");
}

gboolean
tb_report_get_modified (TbReport *self)
{
  g_return_val_if_fail (TB_IS_REPORT (self), FALSE);
  return self->modified;
}

void
tb_report_set_modified (TbReport *self,
                        gboolean  modified)
{
  g_return_if_fail (TB_IS_REPORT (self));
  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
tb_report_freeze (TbReport *self)
{
  g_return_if_fail (TB_IS_REPORT (self));
  self->freeze++;
}

void
tb_report_thaw (TbReport *self)
{
  g_return_if_fail (TB_IS_REPORT (self));
  g_return_if_fail (self->freeze > 0);

  if (--self->freeze == 0 && self->frozen_changes > 0)
    {
      self->frozen_changes = 0;
      g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("bulk"),
                     TB_REPORT_CHANGE_BULK, NULL);
    }
}
