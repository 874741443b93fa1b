/* tb-template.c: texts with {placeholders}, filled in from values
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-template"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "tb-template.h"

/* Calls @func for each piece of @tmpl: literal text (is_field FALSE) or the name between
 * braces (is_field TRUE). Stops when @func returns FALSE. */
typedef gboolean (*PieceFunc) (const char *piece,
                               gsize       len,
                               gboolean    is_field,
                               gpointer    data);

static gboolean
split (const char *tmpl,
       PieceFunc   func,
       gpointer    data)
{
  const char *p = tmpl;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;

      if (open == NULL || close == NULL)
        return func (p, strlen (p), FALSE, data);
      if (open > p && !func (p, open - p, FALSE, data))
        return FALSE;
      if (!func (open + 1, close - open - 1, TRUE, data))
        return FALSE;
      p = close + 1;
    }
  return TRUE;
}

typedef struct
{
  GString        *out;
  TbTemplateFunc  func;
  gpointer        user_data;
} ExpandData;

static gboolean
expand_piece (const char *piece,
              gsize       len,
              gboolean    is_field,
              gpointer    data)
{
  ExpandData *ed = data;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (!is_field)
    {
      g_string_append_len (ed->out, piece, len);
      return TRUE;
    }
  name = g_strndup (piece, len);
  value = ed->func (name, ed->user_data);
  if (value == NULL)
    return FALSE;
  g_string_append (ed->out, value);
  return TRUE;
}

char *
tb_template_expand (const char     *tmpl,
                    TbTemplateFunc  func,
                    gpointer        user_data)
{
  ExpandData ed = { NULL, func, user_data };

  g_return_val_if_fail (tmpl != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  ed.out = g_string_new (NULL);
  if (!split (tmpl, expand_piece, &ed))
    {
      g_string_free (ed.out, TRUE);
      return NULL;
    }
  return g_string_free (ed.out, FALSE);
}

static char *
lookup_pair (const char *name,
             gpointer    user_data)
{
  GHashTable *values = user_data;
  const char *value = g_hash_table_lookup (values, name);

  return value ? g_strdup (value) : g_strdup_printf ("{%s}", name);
}

char *
tb_template_fill (const char *tmpl,
                  ...)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;
  va_list args;

  g_return_val_if_fail (tmpl != NULL, NULL);

  va_start (args, tmpl);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_hash_table_insert (values, (gpointer) name, (gpointer) (value ? value : ""));
    }
  va_end (args);
  return tb_template_expand (tmpl, lookup_pair, values);
}

typedef struct
{
  GString    *pattern;
  const char *value_pattern;
} RegexData;

static gboolean
regex_piece (const char *piece,
             gsize       len,
             gboolean    is_field,
             gpointer    data)
{
  RegexData *rd = data;

  if (is_field)
    g_string_append (rd->pattern, rd->value_pattern);
  else
    {
      g_autofree char *escaped = g_regex_escape_string (piece, (int) len);

      g_string_append (rd->pattern, escaped);
    }
  return TRUE;
}

char *
tb_template_to_regex (const char *tmpl,
                      const char *value_pattern)
{
  RegexData rd = { NULL, value_pattern };

  g_return_val_if_fail (tmpl != NULL, NULL);
  g_return_val_if_fail (value_pattern != NULL, NULL);

  rd.pattern = g_string_new (NULL);
  split (tmpl, regex_piece, &rd);
  return g_string_free (rd.pattern, FALSE);
}
