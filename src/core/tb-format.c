/* tb-format.c: the registry of the bundled report formats, and what a format tells
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-format"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "tb-format-private.h"

/* ------------------------------------------------------------------ registry */

extern GResource *tb_formats_get_resource (void);

static GPtrArray *
registry (void)
{
  static GPtrArray *formats;

  if (g_once_init_enter (&formats))
    {
      GPtrArray *list = g_ptr_array_new ();
      const char *dir = RESOURCE_BASE "/formats/";
      g_auto(GStrv) names = NULL;
      g_autoptr(GError) error = NULL;

      g_resources_register (tb_formats_get_resource ());
      names = g_resources_enumerate_children (dir, 0, &error);
      if (names == NULL)
        g_critical ("no report formats bundled: %s", error->message);
      for (guint i = 0; names && names[i]; i++)
        {
          g_autofree char *path = g_strconcat (dir, names[i], NULL);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) lerror = NULL;
          TbFormat *f;
          gsize len;
          const char *data;

          if (!g_str_has_suffix (names[i], ".xml"))
            continue;
          bytes = g_resources_lookup_data (path, 0, &lerror);
          if (bytes == NULL)
            {
              g_critical ("%s: %s", path, lerror->message);
              continue;
            }
          data = g_bytes_get_data (bytes, &len);
          f = tb_format_new_from_data (data, len, &lerror);
          if (f == NULL)
            g_critical ("%s: %s", path, lerror->message);
          else
            g_ptr_array_add (list, f);
        }
      g_once_init_leave (&formats, list);
    }
  return formats;
}

const TbFormat *
tb_format_get (const char *id)
{
  GPtrArray *list = registry ();

  for (guint i = 0; id && i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);

      if (g_str_equal (f->id, id))
        return f;
    }
  return NULL;
}

const TbFormat *
tb_format_for_year (int year)
{
  GPtrArray *list = registry ();
  const TbFormat *best = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);

      if (f->first_year <= year && year <= f->last_year)
        return f;
      /* Years before the first format fall back to the oldest one. */
      if (year < f->first_year && (best == NULL || f->first_year < best->first_year))
        best = f;
    }
  return best;
}

GPtrArray *
tb_format_list (void)
{
  GPtrArray *list = registry ();
  GPtrArray *ret = g_ptr_array_new ();

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (ret, g_ptr_array_index (list, i));
  return ret;
}

/* ------------------------------------------------------------------ accessors */

const char *
tb_format_get_id (const TbFormat *self)
{
  return self->id;
}

const char *
tb_format_get_name (const TbFormat *self)
{
  return self->name;
}

const char *
tb_format_get_document (const TbFormat *self)
{
  return self->document ? self->document : "";
}

int
tb_format_get_first_year (const TbFormat *self)
{
  return self->first_year;
}

int
tb_format_get_last_year (const TbFormat *self)
{
  return self->last_year;
}

guint
tb_format_get_n_sections (const TbFormat *self)
{
  return self->sections->len;
}

const TbSectionSpec *
tb_format_get_section (const TbFormat *self,
                       guint           index)
{
  g_return_val_if_fail (index < self->sections->len, NULL);
  return &((TbFormatSection *) g_ptr_array_index (self->sections, index))->spec;
}

const TbSectionSpec *
tb_format_find_section (const TbFormat *self,
                        const char     *id)
{
  for (guint i = 0; id && i < self->sections->len; i++)
    {
      TbFormatSection *s = g_ptr_array_index (self->sections, i);

      if (g_str_equal (s->spec.id, id))
        return &s->spec;
    }
  return NULL;
}

guint
tb_format_get_n_tables (const TbFormat *self)
{
  return self->tables->len;
}

const TbTableSpec *
tb_format_get_table (const TbFormat *self,
                     guint           index)
{
  g_return_val_if_fail (index < self->tables->len, NULL);
  return &((TbFormatTable *) g_ptr_array_index (self->tables, index))->spec;
}

const TbTableSpec *
tb_format_find_table (const TbFormat *self,
                      const char     *id)
{
  TbFormatTable *t = _tb_format_find_table ((TbFormat *) self, id);

  return t ? &t->spec : NULL;
}

guint
tb_format_get_n_cells (const TbFormat *self)
{
  return self->cells->len;
}

const TbCellSpec *
tb_format_get_cell (const TbFormat *self,
                    guint           index)
{
  g_return_val_if_fail (index < self->cells->len, NULL);
  return &g_array_index (self->cells, TbCellSpec, index);
}

const TbCellSpec *
tb_format_find_cell (const TbFormat *self,
                     const char     *id)
{
  gpointer idx = id ? g_hash_table_lookup (self->cell_index, id) : NULL;

  return idx ? &g_array_index (self->cells, TbCellSpec, GPOINTER_TO_UINT (idx) - 1) : NULL;
}

guint
tb_format_get_n_rules (const TbFormat *self)
{
  return self->rules->len;
}

const TbRule *
tb_format_get_rule (const TbFormat *self,
                    guint           index)
{
  g_return_val_if_fail (index < self->rules->len, NULL);
  return &g_array_index (self->rules, TbRule, index);
}

const char *
tb_cell_kind_to_string (TbCellKind kind)
{
  switch (kind)
    {
    case TB_CELL_COUNT:
      return "count";
    case TB_CELL_SIGNED:
      return "signed";
    case TB_CELL_AMOUNT:
      return "amount";
    case TB_CELL_AMOUNT_UNIT:
      return "amount-unit";
    default:
      return "unknown";
    }
}

const char *
tb_severity_to_string (TbSeverity severity)
{
  switch (severity)
    {
    case TB_SEVERITY_ERROR:
      return "error";
    case TB_SEVERITY_WARNING:
      return "warning";
    case TB_SEVERITY_INCOMPLETE:
      return "incomplete";
    default:
      return "unknown";
    }
}

const char *
tb_format_gettext (const char *msgid)
{
  return msgid && *msgid ? g_dgettext (GETTEXT_PACKAGE, msgid) : "";
}

