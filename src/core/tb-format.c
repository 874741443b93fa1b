/* tb-format.c: load the official report formats from their XML data
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-format"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "tb-format-private.h"

/* ------------------------------------------------------------------ structs */

typedef struct
{
  char *key;
  char *label;
  char *group;
} ColDef;

typedef struct
{
  char      *id;
  GPtrArray *cols;              /* ColDef* */
} ColSet;

typedef struct
{
  TbTableSpec spec;
  GArray     *items;            /* TbGridItem */
  double     *widths;
  GPtrArray  *colsets;          /* ColSet* */
  GPtrArray  *row_keys;         /* char*, keyed body rows in order */
  GPtrArray  *row_labels;       /* char*, most specific label of each keyed row */
} Table;

typedef struct
{
  TbSectionSpec spec;
  GPtrArray    *topics;         /* char*, NULL-terminated */
  GArray       *fields;         /* guint */
  char         *table_id;
} Section;

struct _TbFormat
{
  char         *id;
  char         *name;
  char         *document;
  char         *title_pattern;
  int           first_year;
  int           last_year;
  GStringChunk *strings;
  GPtrArray    *sections;       /* Section* */
  GPtrArray    *tables;         /* Table* */
  GArray       *cells;          /* TbCellSpec */
  GHashTable   *cell_index;     /* id -> index + 1 */
  GArray       *rules;          /* TbRule */
  GPtrArray    *vectors;        /* GPtrArray* of interned strings, NULL-terminated */
};

/* ------------------------------------------------------------------ helpers */

static const char *
intern (TbFormat   *self,
        const char *s)
{
  return s ? g_string_chunk_insert_const (self->strings, s) : NULL;
}

static const char *const *intern_strv (TbFormat   *self,
                                       const char *list);

static char *
prop (xmlNode    *node,
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

static char *
content (xmlNode *node)
{
  xmlChar *v = xmlNodeGetContent (node);
  char *ret = g_strdup (v ? (const char *) v : "");

  xmlFree (v);
  return g_strstrip (ret);
}

/* Text content with every run of whitespace collapsed to one space, as xgettext extracts
 * it (po/its/tianbao-format.its): the msgid of a translatable string wrapped over several
 * lines in the XML must match what the catalogue holds. */
static char *
content_collapsed (xmlNode *node)
{
  g_autofree char *text = content (node);
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

static gboolean
is_elem (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static guint
uprop (xmlNode    *node,
       const char *name,
       guint       def)
{
  g_autofree char *v = prop (node, name);
  guint64 n;

  if (v == NULL || !g_ascii_string_to_unsigned (v, 10, 1, 1000, &n, NULL))
    return def;
  return (guint) n;
}

static gboolean
fail (GError    **error,
      const char *fmt,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
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

static TbCellKind
parse_kind (const char *s,
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

static void
col_def_free (gpointer p)
{
  ColDef *c = p;

  g_free (c->key);
  g_free (c->label);
  g_free (c->group);
  g_free (c);
}

static void
col_set_free (gpointer p)
{
  ColSet *s = p;

  g_free (s->id);
  g_ptr_array_unref (s->cols);
  g_free (s);
}

static void
table_free (gpointer p)
{
  Table *t = p;

  g_array_unref (t->items);
  g_free (t->widths);
  g_ptr_array_unref (t->colsets);
  g_ptr_array_unref (t->row_keys);
  g_ptr_array_unref (t->row_labels);
  g_free (t);
}

static void
section_free (gpointer p)
{
  Section *s = p;

  g_ptr_array_unref (s->topics);
  g_array_unref (s->fields);
  g_free (s->table_id);
  g_free (s);
}

static void
rule_clear (gpointer p)
{
  TbRule *r = p;

  g_free (r->key);
  g_free (r->lhs.terms);
  g_free (r->rhs.terms);
  g_free (r->when_lhs.terms);
  g_free (r->when_rhs.terms);
  g_free (r->cells);
}

static Table *
find_table (TbFormat   *self,
            const char *id)
{
  for (guint i = 0; i < self->tables->len; i++)
    {
      Table *t = g_ptr_array_index (self->tables, i);

      if (g_strcmp0 (t->spec.id, id) == 0)
        return t;
    }
  return NULL;
}

static ColSet *
find_colset (Table      *t,
             const char *id)
{
  for (guint i = 0; i < t->colsets->len; i++)
    {
      ColSet *s = g_ptr_array_index (t->colsets, i);

      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

static void
add_cell_index (TbFormat *self,
                guint     index)
{
  TbCellSpec *c = &g_array_index (self->cells, TbCellSpec, index);

  c->index = index;
  g_hash_table_insert (self->cell_index, (gpointer) c->id, GUINT_TO_POINTER (index + 1));
}

/* ------------------------------------------------------------------ tables */

/* Grid occupancy: which (row, col) slots are already covered by a span from above. */
typedef struct
{
  guint   n_cols;
  GArray *taken;                /* gboolean per slot, grows by rows */
} Occupancy;

static gboolean
occ_get (Occupancy *o,
         guint      row,
         guint      col)
{
  guint i = row * o->n_cols + col;

  return i < o->taken->len && g_array_index (o->taken, gboolean, i);
}

static void
occ_set (Occupancy *o,
         guint      row,
         guint      col)
{
  guint i = row * o->n_cols + col;

  if (i >= o->taken->len)
    g_array_set_size (o->taken, i + 1);
  g_array_index (o->taken, gboolean, i) = TRUE;
}

typedef struct
{
  guint  row;
  guint  col;
  char  *key;
  char  *column;
  char  *colset_key;            /* for expanded colsets: the col key */
  ColDef *coldef;
  TbCellKind kind;
  guint  decimals;
  char  *unit;
  char  *units;
  int    item;                  /* index in table items */
} PendingCell;

static void
pending_cell_free (gpointer p)
{
  PendingCell *c = p;

  g_free (c->key);
  g_free (c->column);
  g_free (c->colset_key);
  g_free (c->unit);
  g_free (c->units);
  g_free (c);
}

static gboolean
place_item (Table      *t,
            Occupancy  *occ,
            guint       row,
            guint      *col,
            TbGridItem *item,
            GError    **error)
{
  while (*col < t->spec.n_columns && occ_get (occ, row, *col))
    (*col)++;
  if (*col + item->colspan > t->spec.n_columns)
    return fail (error, "table %s: row %u has more than %u columns", t->spec.id, row + 1,
                 t->spec.n_columns);
  item->row = row;
  item->col = *col;
  for (guint r = row; r < row + item->rowspan; r++)
    for (guint c = *col; c < *col + item->colspan; c++)
      {
        if (occ_get (occ, r, c))
          return fail (error, "table %s: cells overlap at row %u, column %u", t->spec.id, r + 1,
                       c + 1);
        occ_set (occ, r, c);
      }
  *col += item->colspan;
  g_array_append_val (t->items, *item);
  return TRUE;
}

static gboolean
load_table (TbFormat *self,
            xmlNode  *node,
            GError  **error)
{
  Table *t = g_new0 (Table, 1);
  g_autofree char *id = prop (node, "id");
  g_autofree char *widths = prop (node, "widths");
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_cell_free);
  Occupancy occ = { 0, };
  guint row = 0;
  guint n_header_rows = 0;

  t->items = g_array_new (FALSE, TRUE, sizeof (TbGridItem));
  t->colsets = g_ptr_array_new_with_free_func (col_set_free);
  t->row_keys = g_ptr_array_new_with_free_func (g_free);
  t->row_labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tables, t);

  if (id == NULL)
    return fail (error, "a table has no id");
  t->spec.id = intern (self, id);
  t->spec.section = -1;
  t->spec.n_columns = uprop (node, "columns", 0);
  if (t->spec.n_columns == 0)
    return fail (error, "table %s: missing columns", id);
  occ.n_cols = t->spec.n_columns;
  occ.taken = g_array_new (FALSE, TRUE, sizeof (gboolean));

  /* Relative column widths, normalised to 1. */
  t->widths = g_new0 (double, t->spec.n_columns);
  {
    g_auto(GStrv) parts = widths ? g_strsplit (widths, " ", -1) : NULL;
    double sum = 0;

    for (guint i = 0; i < t->spec.n_columns; i++)
      {
        double w = 1.0;

        if (parts != NULL && i < g_strv_length (parts))
          w = g_ascii_strtod (parts[i], NULL);
        if (w <= 0)
          w = 1.0;
        t->widths[i] = w;
        sum += w;
      }
    for (guint i = 0; i < t->spec.n_columns; i++)
      t->widths[i] /= sum;
  }

  for (xmlNode *part = node->children; part; part = part->next)
    {
      gboolean in_head;

      if (is_elem (part, "columns"))
        {
          ColSet *set = g_new0 (ColSet, 1);

          set->id = prop (part, "id");
          set->cols = g_ptr_array_new_with_free_func (col_def_free);
          for (xmlNode *c = part->children; c; c = c->next)
            if (is_elem (c, "col"))
              {
                ColDef *d = g_new0 (ColDef, 1);

                d->key = prop (c, "key");
                d->label = prop (c, "label");
                d->group = prop (c, "group");
                if (d->key == NULL || d->label == NULL)
                  {
                    col_def_free (d);
                    col_set_free (set);
                    g_array_unref (occ.taken);
                    return fail (error, "table %s: a col needs key and label", id);
                  }
                g_ptr_array_add (set->cols, d);
              }
          g_ptr_array_add (t->colsets, set);
          continue;
        }
      if (!is_elem (part, "thead") && !is_elem (part, "tbody"))
        continue;
      in_head = is_elem (part, "thead");

      for (xmlNode *tr = part->children; tr; tr = tr->next)
        {
          g_autofree char *row_key = NULL;
          guint col = 0;

          if (!is_elem (tr, "tr"))
            continue;
          row_key = prop (tr, "key");

          for (xmlNode *c = tr->children; c; c = c->next)
            {
              TbGridItem item = { 0, };

              item.rowspan = uprop (c, "rowspan", 1);
              item.colspan = uprop (c, "colspan", 1);
              item.cell = -1;

              if (is_elem (c, "th"))
                {
                  g_autofree char *role = prop (c, "role");
                  g_autofree char *text = content (c);

                  item.kind = TB_GRID_LABEL;
                  item.text = intern (self, text);
                  item.role = intern (self, role ? role : (in_head ? "head" : "row"));
                  if (!place_item (t, &occ, row, &col, &item, error))
                    goto failed;
                }
              else if (is_elem (c, "td"))
                {
                  g_autofree char *colset_id = prop (c, "columns");
                  g_autofree char *kind_s = prop (c, "kind");
                  gboolean kind_ok;
                  TbCellKind kind = parse_kind (kind_s, &kind_ok);
                  ColSet *set = NULL;
                  guint n = 1;

                  if (!kind_ok)
                    {
                      fail (error, "table %s: unknown cell kind “%s”", id, kind_s);
                      goto failed;
                    }
                  if (colset_id != NULL)
                    {
                      set = find_colset (t, colset_id);
                      if (set == NULL)
                        {
                          fail (error, "table %s: unknown columns “%s”", id, colset_id);
                          goto failed;
                        }
                      n = set->cols->len;
                    }
                  for (guint i = 0; i < n; i++)
                    {
                      PendingCell *pc = g_new0 (PendingCell, 1);

                      item.kind = TB_GRID_VALUE;
                      item.role = NULL;
                      item.text = NULL;
                      if (set != NULL)
                        {
                          pc->coldef = g_ptr_array_index (set->cols, i);
                          pc->key = g_strdup (pc->coldef->key);
                          pc->column = g_strdup (pc->coldef->label);
                          item.colspan = 1;
                          item.rowspan = 1;
                        }
                      else
                        {
                          pc->key = prop (c, "key");
                          pc->column = prop (c, "column");
                        }
                      if (pc->key == NULL)
                        {
                          pending_cell_free (pc);
                          fail (error, "table %s: a value cell has no key", id);
                          goto failed;
                        }
                      if (row_key != NULL)
                        {
                          char *full = g_strconcat (row_key, ".", pc->key, NULL);

                          g_free (pc->colset_key);
                          pc->colset_key = pc->key;
                          pc->key = full;
                        }
                      else
                        pc->colset_key = g_strdup (pc->key);
                      pc->kind = kind;
                      pc->decimals = uprop (c, "decimals", kind == TB_CELL_AMOUNT ||
                                            kind == TB_CELL_AMOUNT_UNIT ? 4 : 0);
                      pc->unit = prop (c, "unit");
                      pc->units = prop (c, "units");
                      pc->row = row;
                      pc->item = t->items->len;
                      if (!place_item (t, &occ, row, &col, &item, error))
                        {
                          pending_cell_free (pc);
                          goto failed;
                        }
                      pc->col = g_array_index (t->items, TbGridItem, pc->item).col;
                      g_ptr_array_add (pending, pc);
                    }
                }
            }

          if (row_key != NULL)
            g_ptr_array_add (t->row_keys, g_strdup (row_key));
          row++;
          if (in_head)
            n_header_rows = row;
        }
    }

  t->spec.n_rows = row;
  t->spec.n_header_rows = uprop (node, "header-rows", n_header_rows);
  g_array_unref (occ.taken);
  occ.taken = NULL;

  /* Now that the grid is complete, derive each value cell's labels from the label items
   * that cover its row (to its left) and its column (in the header). */
  t->spec.first_cell = self->cells->len;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingCell *pc = g_ptr_array_index (pending, i);
      TbCellSpec cell = { 0, };
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) cols = g_ptr_array_new ();
      g_autofree char *row_path = NULL;
      g_autofree char *col_path = NULL;
      g_autofree char *cell_id = NULL;
      g_autofree char *label = NULL;
      const char *row_label = "";
      const char *column_label;
      char *dot;

      for (guint j = 0; j < t->items->len; j++)
        {
          const TbGridItem *it = &g_array_index (t->items, TbGridItem, j);

          if (it->kind != TB_GRID_LABEL)
            continue;
          if (g_str_equal (it->role, "row") && it->row <= pc->row &&
              pc->row < it->row + it->rowspan && it->col < pc->col)
            g_ptr_array_add (rows, (gpointer) it->text);
          else if (g_str_equal (it->role, "head") && it->row < t->spec.n_header_rows &&
                   it->col <= pc->col && pc->col < it->col + it->colspan)
            g_ptr_array_add (cols, (gpointer) it->text);
        }
      if (rows->len > 0)
        row_label = g_ptr_array_index (rows, rows->len - 1);
      g_ptr_array_add (rows, NULL);
      row_path = g_strjoinv (" / ", (char **) rows->pdata);

      column_label = pc->column;
      if (column_label == NULL && cols->len > 0)
        column_label = g_ptr_array_index (cols, cols->len - 1);
      if (column_label == NULL)
        column_label = "";
      if (cols->len == 0)
        g_ptr_array_add (cols, (gpointer) column_label);
      g_ptr_array_add (cols, NULL);
      col_path = g_strjoinv (" / ", (char **) cols->pdata);

      cell_id = g_strconcat (t->spec.id, ".", pc->key, NULL);
      if (g_hash_table_contains (self->cell_index, cell_id))
        {
          fail (error, "duplicate cell id %s", cell_id);
          goto failed;
        }
      label = *row_label ? g_strconcat (row_label, " ", column_label, NULL)
                         : g_strdup (column_label);

      cell.id = intern (self, cell_id);
      cell.table_id = t->spec.id;
      cell.section = -1;
      dot = strrchr (pc->key, '.');
      cell.col_key = intern (self, pc->colset_key);
      if (dot != NULL)
        {
          g_autofree char *rk = g_strndup (pc->key, dot - pc->key);

          cell.row_key = intern (self, rk);
        }
      else
        cell.row_key = intern (self, "");
      cell.row_label = intern (self, row_label);
      cell.row_path = intern (self, row_path);
      cell.column_label = intern (self, column_label);
      cell.column_path = intern (self, col_path);
      cell.label = intern (self, label);
      cell.kind = pc->kind;
      cell.decimals = pc->decimals;
      cell.unit = intern (self, pc->unit);
      /* A pointer vector must not live in the string chunk: it would be misaligned. */
      if (pc->units != NULL)
        cell.units = intern_strv (self, pc->units);
      cell.total_rule = -1;
      g_array_append_val (self->cells, cell);
      add_cell_index (self, self->cells->len - 1);
      g_array_index (t->items, TbGridItem, pc->item).cell = self->cells->len - 1;
    }
  t->spec.n_cells = self->cells->len - t->spec.first_cell;

  /* Most specific label of each keyed row, for rules iterating over rows. */
  for (guint i = 0; i < t->row_keys->len; i++)
    {
      const char *rk = g_ptr_array_index (t->row_keys, i);
      const char *lab = rk;

      for (guint j = t->spec.first_cell; j < self->cells->len; j++)
        {
          const TbCellSpec *c = &g_array_index (self->cells, TbCellSpec, j);

          if (g_str_equal (c->row_key, rk))
            {
              lab = c->row_label;
              break;
            }
        }
      g_ptr_array_add (t->row_labels, g_strdup (lab));
    }
  return TRUE;

failed:
  if (occ.taken)
    g_array_unref (occ.taken);
  return FALSE;
}

/* ------------------------------------------------------------------ sections */

static gboolean
load_section (TbFormat *self,
              xmlNode  *node,
              GError  **error)
{
  Section *s = g_new0 (Section, 1);
  g_autofree char *id = prop (node, "id");
  g_autofree char *numeral = prop (node, "numeral");
  g_autofree char *title = prop (node, "title");
  g_autofree char *type = prop (node, "type");
  g_autofree char *heading = NULL;

  s->topics = g_ptr_array_new ();
  s->fields = g_array_new (FALSE, FALSE, sizeof (guint));
  s->spec.index = self->sections->len;
  g_ptr_array_add (self->sections, s);

  if (id == NULL || numeral == NULL || title == NULL || type == NULL)
    return fail (error, "a section needs id, numeral, title and type");
  heading = g_strconcat (numeral, "、", title, NULL);
  s->spec.id = intern (self, id);
  s->spec.numeral = intern (self, numeral);
  s->spec.title = intern (self, title);
  s->spec.heading = intern (self, heading);
  if (g_str_equal (type, "text"))
    s->spec.type = TB_SECTION_TEXT;
  else if (g_str_equal (type, "table"))
    {
      s->spec.type = TB_SECTION_TABLE;
      s->table_id = prop (node, "table");
      if (s->table_id == NULL)
        return fail (error, "section %s: a table section needs a table", id);
    }
  else
    return fail (error, "section %s: unknown type %s", id, type);

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_elem (c, "short-title"))
        {
          g_autofree char *text = content (c);

          s->spec.short_title = intern (self, text);
        }
      else if (is_elem (c, "guidance"))
        {
          g_autofree char *text = content_collapsed (c);

          s->spec.guidance = intern (self, text);
        }
      else if (is_elem (c, "topic"))
        {
          g_autofree char *text = content (c);

          g_ptr_array_add (s->topics, (gpointer) intern (self, text));
        }
      else if (is_elem (c, "sentence"))
        {
          g_autofree char *text = content (c);

          s->spec.sentence = intern (self, text);
        }
      else if (is_elem (c, "field"))
        {
          TbCellSpec cell = { 0, };
          g_autofree char *fid = prop (c, "id");
          g_autofree char *kind_s = prop (c, "kind");
          g_autofree char *label = prop (c, "label");
          g_autofree char *unit = prop (c, "unit");
          gboolean ok;
          const char *dot;

          cell.kind = parse_kind (kind_s, &ok);
          if (!ok || fid == NULL || label == NULL)
            return fail (error, "section %s: a field needs id, label and a known kind", id);
          if (g_hash_table_contains (self->cell_index, fid))
            return fail (error, "duplicate cell id %s", fid);
          dot = strchr (fid, '.');
          cell.id = intern (self, fid);
          cell.table_id = s->spec.id;
          cell.section = s->spec.index;
          cell.row_key = intern (self, "");
          cell.col_key = intern (self, dot ? dot + 1 : fid);
          cell.row_label = intern (self, "");
          cell.row_path = intern (self, "");
          cell.column_label = intern (self, label);
          cell.column_path = cell.column_label;
          cell.label = cell.column_label;
          cell.decimals = uprop (c, "decimals", cell.kind == TB_CELL_AMOUNT ? 4 : 0);
          cell.unit = intern (self, unit);
          cell.total_rule = -1;
          g_array_append_val (self->cells, cell);
          add_cell_index (self, self->cells->len - 1);
          g_array_append_val (s->fields, (guint) { self->cells->len - 1 });
        }
    }
  g_ptr_array_add (s->topics, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ rules */

typedef struct
{
  char *key;
  char *label;
} Item;

static void
item_clear (gpointer p)
{
  Item *i = p;

  g_free (i->key);
  g_free (i->label);
}

static gboolean
parse_relation (const char *s,
                gsize      *len,
                TbRelation *rel)
{
  if (g_str_has_prefix (s, "<="))
    *rel = TB_REL_LE, *len = 2;
  else if (g_str_has_prefix (s, ">="))
    *rel = TB_REL_GE, *len = 2;
  else if (*s == '<')
    *rel = TB_REL_LT, *len = 1;
  else if (*s == '>')
    *rel = TB_REL_GT, *len = 1;
  else if (*s == '=')
    *rel = TB_REL_EQ, *len = 1;
  else
    return FALSE;
  return TRUE;
}

/* Parses "a + b - c" into @expr. References may contain $VAR, replaced by @key. */
static gboolean
parse_expr (TbFormat   *self,
            const char *text,
            const char *var,
            const char *key,
            TbExpr     *expr,
            GError    **error)
{
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (TbTerm));
  const char *p = text;
  int sign = 1;
  gboolean want_operand = TRUE;

  expr->constant = 0;
  while (*p)
    {
      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (!want_operand && (*p == '+' || *p == '-'))
        {
          sign = *p == '-' ? -1 : 1;
          want_operand = TRUE;
          p++;
          continue;
        }
      if (want_operand && g_ascii_isdigit (*p))
        {
          gint64 n = 0;

          while (g_ascii_isdigit (*p) && n < G_GINT64_CONSTANT (1000000000000))
            n = n * 10 + (*p++ - '0');
          expr->constant += sign * n;
          want_operand = FALSE;
          continue;
        }
      if (want_operand && (g_ascii_isalpha (*p) || *p == '$'))
        {
          const char *start = p;
          g_autofree char *ref = NULL;
          g_autoptr(GString) resolved = g_string_new (NULL);
          gpointer idx;
          TbTerm term;

          while (g_ascii_isalnum (*p) || *p == '_' || *p == '.' || *p == '$')
            p++;
          ref = g_strndup (start, p - start);
          /* Substitute $var */
          for (const char *q = ref; *q;)
            {
              if (*q == '$' && var != NULL && g_str_has_prefix (q + 1, var))
                {
                  g_string_append (resolved, key);
                  q += 1 + strlen (var);
                }
              else
                g_string_append_c (resolved, *q++);
            }
          term.sign = sign;
          term.cell = 0;
          term.prev_id = NULL;
          if (g_str_has_prefix (resolved->str, TB_PREV_PREFIX))
            {
              /* Last year's report: resolved by id in its own format when checking, since
               * that may be another format (a 2020 report in the 2019 format). */
              const char *pid = resolved->str + strlen (TB_PREV_PREFIX);

              if (!g_ascii_isalpha (*pid) || strchr (pid, '$') != NULL)
                return fail (error, "rule expression “%s”: bad reference %s", text,
                             resolved->str);
              term.prev_id = intern (self, pid);
            }
          else
            {
              idx = g_hash_table_lookup (self->cell_index, resolved->str);
              if (idx == NULL)
                return fail (error, "rule expression “%s”: unknown cell %s", text,
                             resolved->str);
              term.cell = GPOINTER_TO_UINT (idx) - 1;
            }
          g_array_append_val (terms, term);
          want_operand = FALSE;
          continue;
        }
      return fail (error, "rule expression “%s”: unexpected “%c”", text, *p);
    }
  if (want_operand)
    return fail (error, "rule expression “%s” is incomplete", text);
  expr->n_terms = terms->len;
  expr->terms = (TbTerm *) g_array_free (g_steal_pointer (&terms), FALSE);
  return TRUE;
}

static gboolean
parse_condition (TbFormat   *self,
                 const char *text,
                 const char *var,
                 const char *key,
                 TbExpr     *lhs,
                 TbRelation *rel,
                 TbExpr     *rhs,
                 GError    **error)
{
  const char *op = NULL;
  gsize len = 0;
  g_autofree char *left = NULL;

  for (const char *p = text; *p; p++)
    if (parse_relation (p, &len, rel))
      {
        op = p;
        break;
      }
  if (op == NULL)
    return fail (error, "rule “%s” has no =, <=, >=, < or >", text);
  left = g_strndup (text, op - text);
  return parse_expr (self, left, var, key, lhs, error) &&
         parse_expr (self, op + len, var, key, rhs, error);
}

static void
collect_cells (GArray       *out,
               const TbExpr *e)
{
  for (guint i = 0; i < e->n_terms; i++)
    {
      gboolean seen = e->terms[i].prev_id != NULL;   /* not a cell of this report */

      for (guint j = 0; j < out->len && !seen; j++)
        seen = g_array_index (out, guint, j) == e->terms[i].cell;
      if (!seen)
        g_array_append_val (out, e->terms[i].cell);
    }
}

static gboolean
expr_has_prev (const TbExpr *e)
{
  for (guint i = 0; i < e->n_terms; i++)
    if (e->terms[i].prev_id != NULL)
      return TRUE;
  return FALSE;
}

/* A space-separated list as a NULL-terminated vector that lives as long as the format. */
static const char *const *
intern_strv (TbFormat   *self,
             const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list, " ", -1);
  GPtrArray *v = g_ptr_array_new ();

  for (guint k = 0; parts[k]; k++)
    if (*parts[k])
      g_ptr_array_add (v, (gpointer) intern (self, parts[k]));
  g_ptr_array_add (v, NULL);
  g_ptr_array_add (self->vectors, v);
  return (const char *const *) v->pdata;
}

static int
section_of_table (TbFormat   *self,
                  const char *table_id)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (s->table_id, table_id) == 0 || g_str_equal (s->spec.id, table_id))
        return i;
    }
  return -1;
}

static gboolean
load_rule (TbFormat *self,
           xmlNode  *node,
           GError  **error)
{
  g_autofree char *id = prop (node, "id");
  g_autofree char *sev = prop (node, "severity");
  g_autofree char *total = prop (node, "total");
  g_autofree char *previous = prop (node, "previous");
  g_autofree char *previous_format = prop (node, "previous-format");
  g_autofree char *carry = prop (node, "carry");
  const char *const *previous_formats = NULL;
  gboolean needs_previous;
  g_autofree char *assert_text = NULL;
  g_autofree char *when_text = NULL;
  const char *message = NULL;
  const char *var = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));
  TbSeverity severity = TB_SEVERITY_ERROR;

  g_array_set_clear_func (items, item_clear);
  if (id == NULL)
    return fail (error, "a rule has no id");
  if (sev == NULL || g_str_equal (sev, "error"))
    severity = TB_SEVERITY_ERROR;
  else if (g_str_equal (sev, "warning"))
    severity = TB_SEVERITY_WARNING;
  else if (g_str_equal (sev, "incomplete"))
    severity = TB_SEVERITY_INCOMPLETE;
  else
    return fail (error, "rule %s: unknown severity %s", id, sev);

  needs_previous = is_elem (node, "text-unchanged") || g_strcmp0 (previous, "yes") == 0;
  if (previous_format != NULL)
    {
      if (!needs_previous)
        return fail (error, "rule %s: previous-format needs previous=\"yes\"", id);
      previous_formats = intern_strv (self, previous_format);
    }

  if (is_elem (node, "text-unchanged"))
    {
      TbRule r = { 0, };
      g_autofree char *target = prop (node, "section");

      r.section = target ? section_of_table (self, target) : -1;
      if (r.section < 0 || tb_format_get_section (self, r.section)->type != TB_SECTION_TEXT)
        return fail (error, "rule %s: unknown text section %s", id, target ? target : "");
      r.id = intern (self, id);
      r.key = g_strdup (id);
      r.severity = sev == NULL ? TB_SEVERITY_WARNING : severity;
      r.type = TB_RULE_TEXT_UNCHANGED;
      r.target = r.section;
      r.previous = TRUE;
      r.previous_formats = previous_formats;
      g_array_append_val (self->rules, r);
      return TRUE;
    }

  if (is_elem (node, "cells") || is_elem (node, "text"))
    {
      TbRule r = { 0, };
      g_autofree char *target = prop (node, is_elem (node, "cells") ? "table" : "section");
      g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

      r.id = intern (self, id);
      r.key = g_strdup (id);
      r.severity = is_elem (node, "text") && sev == NULL ? TB_SEVERITY_INCOMPLETE : severity;
      r.section = section_of_table (self, target);
      if (is_elem (node, "cells"))
        {
          Table *t = find_table (self, target);

          if (t == NULL)
            return fail (error, "rule %s: unknown table %s", id, target);
          r.type = TB_RULE_CELLS;
          r.target = g_ptr_array_find (self->tables, t, &r.target) ? r.target : 0;
          for (guint i = 0; i < t->spec.n_cells; i++)
            g_array_append_val (cells, (guint) { t->spec.first_cell + i });
        }
      else
        {
          if (r.section < 0)
            return fail (error, "rule %s: unknown section %s", id, target);
          r.type = TB_RULE_TEXT;
          r.target = r.section;
        }
      r.n_cells = cells->len;
      r.cells = (guint *) g_array_free (g_steal_pointer (&cells), FALSE);
      g_array_append_val (self->rules, r);
      return TRUE;
    }

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_elem (c, "assert"))
        assert_text = content (c);
      else if (is_elem (c, "when"))
        when_text = content (c);
      else if (is_elem (c, "message"))
        {
          g_autofree char *m = content_collapsed (c);

          message = intern (self, m);
        }
      else if (is_elem (c, "foreach"))
        {
          g_autofree char *v = prop (c, "var");
          g_autofree char *columns = prop (c, "columns");
          g_autofree char *rows = prop (c, "rows");

          var = intern (self, v);
          if (columns != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (columns, ".", 2);
              Table *t = parts[0] ? find_table (self, parts[0]) : NULL;
              ColSet *set = t && parts[1] ? find_colset (t, parts[1]) : NULL;

              if (set == NULL)
                return fail (error, "rule %s: unknown columns %s", id, columns);
              for (guint i = 0; i < set->cols->len; i++)
                {
                  ColDef *d = g_ptr_array_index (set->cols, i);
                  Item it = { g_strdup (d->key), g_strdup (d->label) };

                  g_array_append_val (items, it);
                }
            }
          else if (rows != NULL)
            {
              Table *t = find_table (self, rows);

              if (t == NULL)
                return fail (error, "rule %s: unknown table %s", id, rows);
              for (guint i = 0; i < t->row_keys->len; i++)
                {
                  Item it = { g_strdup (g_ptr_array_index (t->row_keys, i)),
                              g_strdup (g_ptr_array_index (t->row_labels, i)) };

                  g_array_append_val (items, it);
                }
            }
          else
            for (xmlNode *i = c->children; i; i = i->next)
              if (is_elem (i, "item"))
                {
                  Item it = { prop (i, "key"), prop (i, "label") };

                  if (it.key == NULL || it.label == NULL)
                    {
                      item_clear (&it);
                      return fail (error, "rule %s: an item needs key and label", id);
                    }
                  g_array_append_val (items, it);
                }
        }
    }
  if (assert_text == NULL || message == NULL)
    return fail (error, "rule %s needs an assert and a message", id);
  if (var == NULL)
    {
      Item it = { NULL, NULL };

      g_array_append_val (items, it);
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *it = &g_array_index (items, Item, i);
      TbRule r = { 0, };
      g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

      r.id = intern (self, id);
      r.key = it->key ? g_strconcat (id, ":", it->key, NULL) : g_strdup (id);
      r.item_label = intern (self, it->label);
      r.severity = severity;
      r.type = TB_RULE_EQUATION;
      r.message = message;
      r.var = var;
      if (!parse_condition (self, assert_text, var, it->key, &r.lhs, &r.rel, &r.rhs, error) ||
          (when_text != NULL &&
           !parse_condition (self, when_text, var, it->key, &r.when_lhs, &r.when_rel,
                             &r.when_rhs, error)))
        {
          rule_clear (&r);
          return FALSE;
        }
      r.has_when = when_text != NULL;
      collect_cells (cells, &r.lhs);
      collect_cells (cells, &r.rhs);
      if (r.has_when)
        {
          collect_cells (cells, &r.when_lhs);
          collect_cells (cells, &r.when_rhs);
        }
      r.n_cells = cells->len;
      r.cells = (guint *) g_array_free (g_steal_pointer (&cells), FALSE);
      r.section = r.n_cells > 0
        ? g_array_index (self->cells, TbCellSpec, r.cells[0]).section : -1;
      r.previous = needs_previous;
      r.previous_formats = previous_formats;

      if ((expr_has_prev (&r.lhs) || expr_has_prev (&r.rhs) ||
           (r.has_when && (expr_has_prev (&r.when_lhs) || expr_has_prev (&r.when_rhs)))) &&
          !r.previous)
        {
          rule_clear (&r);
          return fail (error, "rule %s refers to last year's report (" TB_PREV_PREFIX "…) "
                       "but does not declare previous=\"yes\"", id);
        }
      if (g_strcmp0 (carry, "yes") == 0)
        {
          gboolean plain = r.previous && r.rel == TB_REL_EQ && r.lhs.n_terms == 1 &&
                           r.lhs.terms[0].sign > 0 && r.lhs.terms[0].prev_id == NULL &&
                           r.lhs.constant == 0 && r.rhs.n_terms > 0 && !r.has_when;

          for (guint k = 0; plain && k < r.rhs.n_terms; k++)
            plain = r.rhs.terms[k].prev_id != NULL;
          if (!plain)
            {
              rule_clear (&r);
              return fail (error, "rule %s: a carry rule must read “cell = " TB_PREV_PREFIX
                           "a + " TB_PREV_PREFIX "b …”", id);
            }
          r.carry = TRUE;
        }

      if (g_strcmp0 (total, "yes") == 0)
        {
          gboolean plain = r.rel == TB_REL_EQ && r.lhs.n_terms == 1 && r.lhs.terms[0].sign > 0 &&
                           r.lhs.constant == 0 && r.rhs.constant == 0 && !r.has_when &&
                           !r.previous;

          for (guint k = 0; plain && k < r.rhs.n_terms; k++)
            plain = r.rhs.terms[k].sign > 0 && r.rhs.terms[k].cell != r.lhs.terms[0].cell;
          if (!plain)
            {
              rule_clear (&r);
              return fail (error, "rule %s: a total must read “cell = a + b + …”", id);
            }
          r.total = TRUE;
        }
      g_array_append_val (self->rules, r);
    }
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
      fail (error, "format data too large");
      return NULL;
    }
  doc = xmlReadMemory (data, (int) len, "format.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      fail (error, "format data is not well-formed XML");
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_elem (root, "format") || doc->intSubset || doc->extSubset)
    {
      xmlFreeDoc (doc);
      fail (error, "format data: the root element must be <format>");
      return NULL;
    }

  self = g_new0 (TbFormat, 1);
  self->strings = g_string_chunk_new (4096);
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->tables = g_ptr_array_new_with_free_func (table_free);
  self->cells = g_array_new (FALSE, TRUE, sizeof (TbCellSpec));
  self->cell_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules = g_array_new (FALSE, TRUE, sizeof (TbRule));
  g_array_set_clear_func (self->rules, rule_clear);
  self->vectors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  self->id = prop (root, "id");
  self->name = prop (root, "name");
  self->document = prop (root, "document");
  first = prop (root, "first-year");
  last = prop (root, "last-year");
  self->first_year = first ? atoi (first) : 0;
  self->last_year = last ? atoi (last) : G_MAXINT;
  if (self->id == NULL || self->name == NULL || self->first_year <= 0)
    ok = fail (error, "format data: <format> needs id, name and first-year");

  /* Tables first, so that their cells come first and sections can point at them. */
  for (xmlNode *n = root->children; ok && n; n = n->next)
    {
      if (is_elem (n, "table"))
        ok = load_table (self, n, error);
      else if (is_elem (n, "title-pattern"))
        self->title_pattern = content (n);
    }
  for (xmlNode *n = root->children; ok && n; n = n->next)
    if (is_elem (n, "section"))
      ok = load_section (self, n, error);

  /* Link sections and tables. */
  for (guint i = 0; ok && i < self->sections->len; i++)
    {
      Section *s = g_ptr_array_index (self->sections, i);

      if (s->spec.type == TB_SECTION_TABLE)
        {
          Table *t = find_table (self, s->table_id);

          if (t == NULL)
            {
              ok = fail (error, "section %s: unknown table %s", s->spec.id, s->table_id);
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
      Table *t = g_ptr_array_index (self->tables, i);

      t->spec.items = (const TbGridItem *) t->items->data;
      t->spec.n_items = t->items->len;
      t->spec.widths = t->widths;
    }

  for (xmlNode *n = root->children; ok && n; n = n->next)
    if (is_elem (n, "rules"))
      for (xmlNode *r = n->children; ok && r; r = r->next)
        if (is_elem (r, "rule") || is_elem (r, "cells") || is_elem (r, "text") ||
            is_elem (r, "text-unchanged"))
          ok = load_rule (self, r, error);

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
    ok = fail (error, "format %s has no sections", self->id);
  if (ok && self->title_pattern == NULL)
    self->title_pattern = g_strdup ("{agency}{year}年政府信息公开工作年度报告");

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
  g_free (self->title_pattern);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->cell_index, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->vectors, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

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

char *
tb_format_make_title (const TbFormat *self,
                      const char     *agency,
                      int             year)
{
  g_autofree char *year_s = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("____");
  GString *s = g_string_new (self->title_pattern);

  g_string_replace (s, "{agency}", agency ? agency : "", 0);
  g_string_replace (s, "{year}", year_s, 0);
  return g_string_free (s, FALSE);
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
  return &((Section *) g_ptr_array_index (self->sections, index))->spec;
}

const TbSectionSpec *
tb_format_find_section (const TbFormat *self,
                        const char     *id)
{
  for (guint i = 0; id && i < self->sections->len; i++)
    {
      Section *s = g_ptr_array_index (self->sections, i);

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
  return &((Table *) g_ptr_array_index (self->tables, index))->spec;
}

const TbTableSpec *
tb_format_find_table (const TbFormat *self,
                      const char     *id)
{
  Table *t = find_table ((TbFormat *) self, id);

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
