/* tb-format-load.c: reading a report format from its XML data
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-format"

#include "config.h"

#include <gio/gio.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "tb-ascii.h"
#include "tb-format-private.h"

/* ------------------------------------------------------------------ helpers */

const char *
_tb_format_intern (TbFormat   *self,
                   const char *s)
{
  return s ? g_string_chunk_insert_const (self->strings, s) : NULL;
}

char *
_tb_format_prop (xmlNode    *node,
                 const char *name)
{
  xmlChar *v = xmlGetProp (node, (const xmlChar *) name);
  char *ret;

  if (v == NULL)
    return NULL;
  ret = g_strdup ((const char *) v);
  xmlFree (v);
  return ret;
}

char *
_tb_format_content (xmlNode *node)
{
  xmlChar *v = xmlNodeGetContent (node);
  char *ret = g_strdup (v ? (const char *) v : "");

  xmlFree (v);
  return g_strstrip (ret);
}

/* Text content with every run of whitespace collapsed to one space, as xgettext extracts
 * it (po/its/tianbao-format.its): the msgid of a translatable string wrapped over several
 * lines in the XML must match what the catalogue holds. */
char *
_tb_format_content_collapsed (xmlNode *node)
{
  g_autofree char *text = _tb_format_content (node);
  GString *s = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

gboolean
_tb_format_is_elem (xmlNode    *node,
                    const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

guint
_tb_format_uprop (xmlNode    *node,
                  const char *name,
                  guint       def)
{
  g_autofree char *v = _tb_format_prop (node, name);
  guint64 n;

  if (v == NULL || !tb_ascii_to_unsigned (v, 1, 1000, &n))
    return def;
  return (guint) n;
}

gboolean
_tb_format_fail (GError    **error,
                 const char *fmt,
                 ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, msg);
  return FALSE;
}

TbCellKind
_tb_format_parse_kind (const char *s,
                       gboolean   *ok)
{
  *ok = TRUE;
  if (s == NULL || g_str_equal (s, "count"))
    return TB_CELL_COUNT;
  if (g_str_equal (s, "signed"))
    return TB_CELL_SIGNED;
  if (g_str_equal (s, "amount"))
    return TB_CELL_AMOUNT;
  if (g_str_equal (s, "amount-unit"))
    return TB_CELL_AMOUNT_UNIT;
  *ok = FALSE;
  return TB_CELL_COUNT;
}

void
_tb_format_section_free (gpointer p)
{
  TbFormatSection *s = p;

  g_ptr_array_unref (s->topics);
  g_array_unref (s->fields);
  g_free (s->table_id);
  g_free (s);
}

TbFormatTable *
_tb_format_find_table (TbFormat   *self,
                       const char *id)
{
  for (guint i = 0; i < self->tables->len; i++)
    {
      TbFormatTable *t = g_ptr_array_index (self->tables, i);

      if (g_strcmp0 (t->spec.id, id) == 0)
        return t;
    }
  return NULL;
}

void
_tb_format_add_cell_index (TbFormat *self,
                           guint     index)
{
  TbCellSpec *c = &g_array_index (self->cells, TbCellSpec, index);

  c->index = index;
  g_hash_table_insert (self->cell_index, (gpointer) c->id, GUINT_TO_POINTER (index + 1));
}

/* A space-separated list as a NULL-terminated vector that lives as long as the format. */
const char *const *
_tb_format_intern_strv (TbFormat   *self,
                        const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list, " ", -1);
  GPtrArray *v = g_ptr_array_new ();

  for (guint k = 0; parts[k]; k++)
    if (*parts[k])
      g_ptr_array_add (v, (gpointer) _tb_format_intern (self, parts[k]));
  g_ptr_array_add (v, NULL);
  g_ptr_array_add (self->vectors, v);
  return (const char *const *) v->pdata;
}

/* ------------------------------------------------------------------ sections */

gboolean
_tb_format_load_section (TbFormat *self,
                         xmlNode  *node,
                         GError  **error)
{
  TbFormatSection *s = g_new0 (TbFormatSection, 1);
  g_autofree char *id = _tb_format_prop (node, "id");
  g_autofree char *numeral = _tb_format_prop (node, "numeral");
  g_autofree char *title = _tb_format_prop (node, "title");
  g_autofree char *type = _tb_format_prop (node, "type");
  g_autofree char *heading = NULL;

  s->topics = g_ptr_array_new ();
  s->fields = g_array_new (FALSE, FALSE, sizeof (guint));
  s->spec.index = self->sections->len;
  g_ptr_array_add (self->sections, s);

  if (id == NULL || numeral == NULL || title == NULL || type == NULL)
    return _tb_format_fail (error, "a section needs id, numeral, title and type");
  heading = g_strconcat (numeral, "、", title, NULL);
  s->spec.id = _tb_format_intern (self, id);
  s->spec.numeral = _tb_format_intern (self, numeral);
  s->spec.title = _tb_format_intern (self, title);
  s->spec.heading = _tb_format_intern (self, heading);
  if (g_str_equal (type, "text"))
    s->spec.type = TB_SECTION_TEXT;
  else if (g_str_equal (type, "table"))
    {
      s->spec.type = TB_SECTION_TABLE;
      s->table_id = _tb_format_prop (node, "table");
      if (s->table_id == NULL)
        return _tb_format_fail (error, "section %s: a table section needs a table", id);
    }
  else
    return _tb_format_fail (error, "section %s: unknown type %s", id, type);

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (_tb_format_is_elem (c, "short-title"))
        {
          g_autofree char *text = _tb_format_content (c);

          s->spec.short_title = _tb_format_intern (self, text);
        }
      else if (_tb_format_is_elem (c, "guidance"))
        {
          g_autofree char *text = _tb_format_content_collapsed (c);

          s->spec.guidance = _tb_format_intern (self, text);
        }
      else if (_tb_format_is_elem (c, "topic"))
        {
          g_autofree char *text = _tb_format_content (c);

          g_ptr_array_add (s->topics, (gpointer) _tb_format_intern (self, text));
        }
      else if (_tb_format_is_elem (c, "sentence"))
        {
          g_autofree char *text = _tb_format_content (c);

          s->spec.sentence = _tb_format_intern (self, text);
        }
      else if (_tb_format_is_elem (c, "field"))
        {
          TbCellSpec cell = { 0, };
          g_autofree char *fid = _tb_format_prop (c, "id");
          g_autofree char *kind_s = _tb_format_prop (c, "kind");
          g_autofree char *label = _tb_format_prop (c, "label");
          g_autofree char *unit = _tb_format_prop (c, "unit");
          gboolean ok;
          const char *dot;

          cell.kind = _tb_format_parse_kind (kind_s, &ok);
          if (!ok || fid == NULL || label == NULL)
            return _tb_format_fail (error,
                                    "section %s: a field needs id, label and a known kind", id);
          if (g_hash_table_contains (self->cell_index, fid))
            return _tb_format_fail (error, "duplicate cell id %s", fid);
          dot = strchr (fid, '.');
          cell.id = _tb_format_intern (self, fid);
          cell.table_id = s->spec.id;
          cell.section = s->spec.index;
          cell.row_key = _tb_format_intern (self, "");
          cell.col_key = _tb_format_intern (self, dot ? dot + 1 : fid);
          cell.row_label = _tb_format_intern (self, "");
          cell.row_path = _tb_format_intern (self, "");
          cell.column_label = _tb_format_intern (self, label);
          cell.column_path = cell.column_label;
          cell.label = cell.column_label;
          cell.decimals = _tb_format_uprop (c, "decimals", cell.kind == TB_CELL_AMOUNT ? 4 : 0);
          cell.unit = _tb_format_intern (self, unit);
          cell.total_rule = -1;
          g_array_append_val (self->cells, cell);
          _tb_format_add_cell_index (self, self->cells->len - 1);
          g_array_append_val (s->fields, (guint) { self->cells->len - 1 });
        }
    }
  g_ptr_array_add (s->topics, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ loading */

TbFormat *
tb_format_new_from_data (const char *data,
                         gsize       len,
                         GError    **error)
{
  g_autoptr(TbFormat) self = NULL;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (len > G_MAXINT)
    {
      _tb_format_fail (error, "format data too large");
      return NULL;
    }
  doc = xmlReadMemory (data, (int) len, "format.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      _tb_format_fail (error, "format data is not well-formed XML");
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !_tb_format_is_elem (root, "format") || doc->intSubset || doc->extSubset)
    {
      xmlFreeDoc (doc);
      _tb_format_fail (error, "format data: the root element must be <format>");
      return NULL;
    }

  self = g_new0 (TbFormat, 1);
  self->strings = g_string_chunk_new (4096);
  self->sections = g_ptr_array_new_with_free_func (_tb_format_section_free);
  self->tables = g_ptr_array_new_with_free_func (_tb_format_table_free);
  self->cells = g_array_new (FALSE, TRUE, sizeof (TbCellSpec));
  self->cell_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules = g_array_new (FALSE, TRUE, sizeof (TbRule));
  g_array_set_clear_func (self->rules, _tb_format_rule_clear);
  self->vectors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  self->id = _tb_format_prop (root, "id");
  self->name = _tb_format_prop (root, "name");
  self->document = _tb_format_prop (root, "document");
  first = _tb_format_prop (root, "first-year");
  last = _tb_format_prop (root, "last-year");
  self->first_year = first ? atoi (first) : 0;
  self->last_year = last ? atoi (last) : G_MAXINT;
  if (self->id == NULL || self->name == NULL || self->first_year <= 0)
    ok = _tb_format_fail (error, "format data: <format> needs id, name and first-year");

  /* Tables first, so that their cells come first and sections can point at them. */
  for (xmlNode *n = root->children; ok && n; n = n->next)
    {
      if (_tb_format_is_elem (n, "table"))
        ok = _tb_format_load_table (self, n, error);
      else if (_tb_format_is_elem (n, "title-pattern") || _tb_format_is_elem (n, "wording"))
        ok = _tb_format_load_wording (self, n, error);
    }
  for (xmlNode *n = root->children; ok && n; n = n->next)
    if (_tb_format_is_elem (n, "section"))
      ok = _tb_format_load_section (self, n, error);

  /* Link sections and tables. */
  for (guint i = 0; ok && i < self->sections->len; i++)
    {
      TbFormatSection *s = g_ptr_array_index (self->sections, i);

      if (s->spec.type == TB_SECTION_TABLE)
        {
          TbFormatTable *t = _tb_format_find_table (self, s->table_id);

          if (t == NULL)
            {
              ok = _tb_format_fail (error, "section %s: unknown table %s", s->spec.id, s->table_id);
              break;
            }
          s->spec.table = &t->spec;
          t->spec.section = i;
          for (guint c = 0; c < t->spec.n_cells; c++)
            g_array_index (self->cells, TbCellSpec, t->spec.first_cell + c).section = i;
        }
      s->spec.topics = (const char *const *) s->topics->pdata;
      s->spec.fields = (const guint *) s->fields->data;
      s->spec.n_fields = s->fields->len;
    }
  for (guint i = 0; ok && i < self->tables->len; i++)
    {
      TbFormatTable *t = g_ptr_array_index (self->tables, i);

      t->spec.items = (const TbGridItem *) t->items->data;
      t->spec.n_items = t->items->len;
      t->spec.widths = t->widths;
    }

  for (xmlNode *n = root->children; ok && n; n = n->next)
    if (_tb_format_is_elem (n, "rules"))
      for (xmlNode *r = n->children; ok && r; r = r->next)
        if (_tb_format_is_elem (r, "rule") || _tb_format_is_elem (r, "cells") ||
            _tb_format_is_elem (r, "text") || _tb_format_is_elem (r, "text-unchanged"))
          ok = _tb_format_load_rule (self, r, error);

  /* A total cell is computed by the first rule that defines it. */
  for (guint i = 0; ok && i < self->rules->len; i++)
    {
      const TbRule *r = &g_array_index (self->rules, TbRule, i);

      if (r->total)
        {
          TbCellSpec *c = &g_array_index (self->cells, TbCellSpec, r->lhs.terms[0].cell);

          if (c->total_rule < 0)
            c->total_rule = i;
        }
    }

  if (ok && self->sections->len == 0)
    ok = _tb_format_fail (error, "format %s has no sections", self->id);

  xmlFreeDoc (doc);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

void
tb_format_free (TbFormat *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->document);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->cell_index, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->vectors, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}
