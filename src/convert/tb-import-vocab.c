/* tb-import-vocab.c: the official labels of a format and their variants, for reading reports
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Published reports write the official labels with half-width parentheses, spaces inserted
 * by copying, （一） as (一), １． as 1., and sometimes other words (商业机构 for 商业企业).
 * Labels are compared in a normal form (NFKC, no white space, no punctuation), and the
 * variants come from the format data: the <import> element of data/formats/ID.xml, read
 * here from the bundled resource (the format loader in core ignores it).
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <libxml/parser.h>
#include <string.h>

#include "tb-charset.h"
#include "tb-import-private.h"

/* A partial match needs this many characters of the shorter text and half of the longer. */
#define PARTIAL_MIN_CHARS 4

struct _TbVocab
{
  const TbFormat *format;
  GPtrArray      *rows;          /* TbVocabRow* */
  GHashTable     *canon;         /* normal form of a variant -> normal form of its label */
  GHashTable     *canon_numberless;
  GHashTable    **column_keys;   /* per table: set of normal forms of its column labels */
  GHashTable     *all_keys;      /* every label of the format, normal form */
  GHashTable     *blocks;        /* normal form of a block label -> table index + 1 */
  GHashTable     *cues;          /* cell index -> GPtrArray of char* (NULL-terminated) */
  GPtrArray      *unknown_variants;
  GHashTable     *memo;          /* text -> Keys, for the official labels compared often */
  GMutex          lock;          /* of memo: a vocabulary is shared (tb_vocab_get()) */
};

/* The two normal forms of a text. */
typedef struct
{
  char *full;
  char *numberless;
} Keys;

/* ------------------------------------------------------------------ normal forms */

static gboolean
is_numeral (gunichar c)
{
  return (c >= '0' && c <= '9') ||
         (c >= 128 && g_utf8_strchr ("一二三四五六七八九十〇零百", -1, c) != NULL);
}

static gboolean
is_dropped (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);

  return g_unichar_isspace (c) || g_unichar_ispunct (c) || t == G_UNICODE_SPACE_SEPARATOR ||
         t == G_UNICODE_FORMAT || t == G_UNICODE_CONTROL || t == G_UNICODE_MATH_SYMBOL ||
         t == G_UNICODE_MODIFIER_SYMBOL || t == G_UNICODE_OTHER_SYMBOL ||
         t == G_UNICODE_CURRENCY_SYMBOL;
}

static char *
normalize (const char *text,
           gboolean    numberless)
{
  g_autofree char *nfkc = NULL;
  GString *out;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  nfkc = tb_charset_fold_width (text);
  p = nfkc;
  while (*p && is_dropped (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (numberless)
    {
      const char *q = p;
      gboolean paren = *q == '(';

      if (paren)
        q++;
      if (is_numeral (g_utf8_get_char (q)))
        {
          while (*q && is_numeral (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          if (paren && *q == ')')
            p = q + 1;
          else if (!paren && (*q == '.' || g_str_has_prefix (q, "、") || *q == ')' ||
                              *q == ','))
            p = g_utf8_next_char (q);
        }
    }
  out = g_string_new (NULL);
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_dropped (c))
        g_string_append_unichar (out, c < 128 ? (gunichar) g_ascii_tolower ((char) c) : c);
    }
  return g_string_free (out, FALSE);
}

char *
tb_vocab_normalize (const char *text)
{
  return normalize (text, FALSE);
}

char *
tb_vocab_normalize_numberless (const char *text)
{
  return normalize (text, TRUE);
}

/* The normal form of @text, or of the official label it is a variant of. */
static const char *
canon (TbVocab    *vocab,
       const char *key,
       gboolean    numberless)
{
  const char *to = g_hash_table_lookup (numberless ? vocab->canon_numberless : vocab->canon,
                                        key);

  return to != NULL ? to : key;
}

static gboolean
partial (const char *a,
         const char *b)
{
  glong na = g_utf8_strlen (a, -1), nb = g_utf8_strlen (b, -1);
  const char *shorter = na <= nb ? a : b;
  const char *longer = na <= nb ? b : a;
  glong ns = MIN (na, nb), nl = MAX (na, nb);

  return ns >= PARTIAL_MIN_CHARS && ns * 2 >= nl && g_str_has_prefix (longer, shorter);
}

static void
keys_free (gpointer p)
{
  Keys *keys = p;

  g_free (keys->full);
  g_free (keys->numberless);
  g_free (keys);
}

static Keys *
keys_new (const char *text)
{
  Keys *keys = g_new (Keys, 1);

  keys->full = normalize (text, FALSE);
  keys->numberless = normalize (text, TRUE);
  return keys;
}

/* The normal forms of an official label, computed once. */
static const Keys *
official_keys (TbVocab    *vocab,
               const char *official)
{
  Keys *keys;

  g_mutex_lock (&vocab->lock);
  keys = g_hash_table_lookup (vocab->memo, official);
  if (keys == NULL)
    {
      keys = keys_new (official);
      g_hash_table_insert (vocab->memo, g_strdup (official), keys);
    }
  g_mutex_unlock (&vocab->lock);
  return keys;
}

static TbMatch
match_keys (TbVocab    *vocab,
            const Keys *o,
            const Keys *t)
{
  if (*t->full == '\0')
    return TB_MATCH_NONE;
  if (g_str_equal (canon (vocab, t->full, FALSE), o->full))
    return TB_MATCH_EXACT;
  if (*t->numberless != '\0' && g_str_equal (canon (vocab, t->numberless, TRUE), o->numberless))
    return TB_MATCH_NUMBERLESS;
  if (partial (canon (vocab, t->numberless, TRUE), o->numberless))
    return TB_MATCH_PARTIAL;
  return TB_MATCH_NONE;
}

TbMatch
tb_vocab_match_label (TbVocab    *vocab,
                      const char *official,
                      const char *text)
{
  Keys *t = keys_new (text);
  TbMatch m = match_keys (vocab, official_keys (vocab, official), t);

  keys_free (t);
  return m;
}

/* ------------------------------------------------------------------ loading */

static void
vocab_row_free (gpointer p)
{
  TbVocabRow *row = p;

  g_free (row->cells);
  g_free (row);
}

static void
add_key (TbVocab    *vocab,
         const char *label)
{
  if (label != NULL && *label != '\0')
    g_hash_table_add (vocab->all_keys, normalize (label, FALSE));
}

/* Every official label of the format, for telling a variant's "of" from a typo. */
static gboolean
is_official (TbVocab    *vocab,
             const char *label)
{
  g_autofree char *key = normalize (label, FALSE);

  return g_hash_table_contains (vocab->all_keys, key);
}

static void
load_import_data (TbVocab *vocab)
{
  g_autofree char *path = g_strconcat (RESOURCE_BASE "/formats/",
                                       tb_format_get_id (vocab->format), ".xml", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  xmlDoc *doc;
  xmlNode *root;

  if (bytes == NULL)
    return;
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                       "format.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return;
  root = xmlDocGetRootElement (doc);
  for (xmlNode *n = root ? root->children : NULL; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || !xmlStrEqual (n->name, (const xmlChar *) "import"))
        continue;
      for (xmlNode *v = n->children; v != NULL; v = v->next)
        {
          xmlChar *of, *text;

          if (v->type != XML_ELEMENT_NODE)
            continue;
          text = xmlNodeGetContent (v);
          if (xmlStrEqual (v->name, (const xmlChar *) "variant") &&
              (of = xmlGetProp (v, (const xmlChar *) "of")) != NULL)
            {
              if (is_official (vocab, (const char *) of))
                {
                  g_hash_table_insert (vocab->canon, normalize ((const char *) text, FALSE),
                                       normalize ((const char *) of, FALSE));
                  g_hash_table_insert (vocab->canon_numberless,
                                       normalize ((const char *) text, TRUE),
                                       normalize ((const char *) of, TRUE));
                }
              else
                g_ptr_array_add (vocab->unknown_variants, g_strdup ((const char *) of));
              xmlFree (of);
            }
          else if (xmlStrEqual (v->name, (const xmlChar *) "cue") &&
                   (of = xmlGetProp (v, (const xmlChar *) "field")) != NULL)
            {
              const TbCellSpec *spec = tb_format_find_cell (vocab->format, (const char *) of);

              if (spec != NULL)
                {
                  GPtrArray *list = g_hash_table_lookup (vocab->cues,
                                                         GUINT_TO_POINTER (spec->index));

                  if (list == NULL)
                    {
                      list = g_ptr_array_new_with_free_func (g_free);
                      g_ptr_array_add (list, NULL);
                      g_hash_table_insert (vocab->cues, GUINT_TO_POINTER (spec->index), list);
                    }
                  g_ptr_array_insert (list, list->len - 1, g_strdup ((const char *) text));
                }
              else
                g_ptr_array_add (vocab->unknown_variants, g_strdup ((const char *) of));
              xmlFree (of);
            }
          xmlFree (text);
        }
    }
  xmlFreeDoc (doc);
}

TbVocab *
tb_vocab_new (const TbFormat *format)
{
  TbVocab *vocab = g_new0 (TbVocab, 1);
  guint n_tables = tb_format_get_n_tables (format);

  vocab->format = format;
  vocab->rows = g_ptr_array_new_with_free_func (vocab_row_free);
  vocab->canon = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  vocab->canon_numberless = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  vocab->all_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vocab->blocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vocab->cues = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  vocab->unknown_variants = g_ptr_array_new_with_free_func (g_free);
  vocab->column_keys = g_new0 (GHashTable *, n_tables);
  vocab->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, keys_free);
  g_mutex_init (&vocab->lock);

  for (guint t = 0; t < n_tables; t++)
    {
      const TbTableSpec *table = tb_format_get_table (format, t);
      GHashTable *rows = g_hash_table_new (NULL, NULL);

      vocab->column_keys[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < table->n_items; i++)
        {
          const TbGridItem *item = &table->items[i];

          if (item->kind == TB_GRID_LABEL)
            {
              add_key (vocab, item->text);
              if (g_str_equal (item->role, "block"))
                g_hash_table_insert (vocab->blocks, normalize (item->text, FALSE),
                                     GUINT_TO_POINTER (t + 1));
              else if (!g_str_equal (item->role, "row"))
                g_hash_table_add (vocab->column_keys[t], normalize (item->text, FALSE));
              continue;
            }
          {
            TbVocabRow *row = g_hash_table_lookup (rows, GUINT_TO_POINTER (item->row + 1));
            const TbCellSpec *spec = tb_format_get_cell (format, item->cell);
            g_auto(GStrv) parts = g_strsplit (spec->column_path, " / ", -1);

            if (row == NULL)
              {
                row = g_new0 (TbVocabRow, 1);
                row->table = t;
                row->label = spec->row_label;
                row->cells = g_new0 (guint, table->n_columns);
                g_hash_table_insert (rows, GUINT_TO_POINTER (item->row + 1), row);
                g_ptr_array_add (vocab->rows, row);
              }
            if (row->n_cells < table->n_columns)
              row->cells[row->n_cells++] = item->cell;
            for (guint k = 0; parts[k] != NULL; k++)
              {
                g_hash_table_add (vocab->column_keys[t], normalize (parts[k], FALSE));
                add_key (vocab, parts[k]);
              }
          }
        }
      g_hash_table_unref (rows);
    }
  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    add_key (vocab, tb_format_get_section (format, s)->title);
  load_import_data (vocab);
  return vocab;
}

TbVocab *
tb_vocab_get (const TbFormat *format)
{
  static GMutex lock;
  static GHashTable *cache;
  TbVocab *vocab;

  g_return_val_if_fail (format != NULL, NULL);
  /* Only the registered formats live as long as the cache. */
  g_return_val_if_fail (tb_format_get (tb_format_get_id (format)) == format, NULL);

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  vocab = g_hash_table_lookup (cache, format);
  if (vocab == NULL)
    {
      vocab = tb_vocab_new (format);
      g_hash_table_insert (cache, (gpointer) format, vocab);
    }
  g_mutex_unlock (&lock);
  return vocab;
}

void
tb_vocab_free (TbVocab *vocab)
{
  if (vocab == NULL)
    return;
  for (guint t = 0; t < tb_format_get_n_tables (vocab->format); t++)
    g_hash_table_unref (vocab->column_keys[t]);
  g_free (vocab->column_keys);
  g_ptr_array_unref (vocab->rows);
  g_hash_table_unref (vocab->canon);
  g_hash_table_unref (vocab->canon_numberless);
  g_hash_table_unref (vocab->all_keys);
  g_hash_table_unref (vocab->blocks);
  g_hash_table_unref (vocab->cues);
  g_ptr_array_unref (vocab->unknown_variants);
  g_hash_table_unref (vocab->memo);
  g_mutex_clear (&vocab->lock);
  g_free (vocab);
}

const TbFormat *
tb_vocab_get_format (TbVocab *vocab)
{
  return vocab->format;
}

GPtrArray *
tb_vocab_get_unknown_variants (TbVocab *vocab)
{
  return vocab->unknown_variants;
}

GPtrArray *
tb_vocab_get_rows (TbVocab *vocab)
{
  return vocab->rows;
}

const char *const *
tb_vocab_get_cues (TbVocab *vocab,
                   guint    cell)
{
  GPtrArray *list = g_hash_table_lookup (vocab->cues, GUINT_TO_POINTER (cell));

  return list != NULL ? (const char *const *) list->pdata : NULL;
}

/* ------------------------------------------------------------------ matching */

static const TbVocabRow *
best_row (TbVocab    *vocab,
          const char *label,
          int         table_hint,
          TbMatch    *match,
          gboolean   *ambiguous)
{
  g_autoptr(GPtrArray) best = g_ptr_array_new ();
  const TbVocabRow *hinted = NULL;
  guint n_hinted = 0;
  TbMatch best_match = TB_MATCH_NONE;
  Keys *t = keys_new (label);

  for (guint i = 0; i < vocab->rows->len; i++)
    {
      const TbVocabRow *row = g_ptr_array_index (vocab->rows, i);
      TbMatch m;

      if (*row->label == '\0')
        continue;
      m = match_keys (vocab, official_keys (vocab, row->label), t);
      if (m == TB_MATCH_NONE || m < best_match)
        continue;
      if (m > best_match)
        {
          g_ptr_array_set_size (best, 0);
          best_match = m;
        }
      g_ptr_array_add (best, (gpointer) row);
    }
  keys_free (t);
  *match = best_match;
  *ambiguous = FALSE;
  if (best->len == 1)
    return g_ptr_array_index (best, 0);
  for (guint i = 0; i < best->len; i++)
    {
      const TbVocabRow *row = g_ptr_array_index (best, i);

      if ((int) row->table == table_hint)
        {
          hinted = row;
          n_hinted++;
        }
    }
  if (n_hinted == 1)
    return hinted;
  *ambiguous = best->len > 1;
  return NULL;
}

const TbVocabRow *
tb_vocab_match_row (TbVocab    *vocab,
                    const char *label,
                    int         table_hint,
                    TbMatch    *match,
                    gboolean   *ambiguous)
{
  const TbVocabRow *row;
  g_auto(GStrv) words = NULL;

  row = best_row (vocab, label, table_hint, match, ambiguous);
  if (row != NULL && *match >= TB_MATCH_NUMBERLESS)
    return row;
  /* "三、本年度办理结果 (一) 予以公开": the last words may be the row's own label. */
  words = g_strsplit_set (label, " \t\n", -1);
  for (guint i = 1; words[i] != NULL; i++)
    {
      g_autofree char *tail = g_strjoinv (" ", words + i);
      TbMatch m;
      gboolean amb;
      const TbVocabRow *r = best_row (vocab, tail, table_hint, &m, &amb);

      if (r != NULL && m >= TB_MATCH_NUMBERLESS)
        {
          *match = m;
          *ambiguous = FALSE;
          return r;
        }
    }
  return row;
}

TbMatch
tb_vocab_match_column_label (TbVocab    *vocab,
                             guint       table,
                             const char *text)
{
  g_autofree char *t = normalize (text, FALSE);
  GHashTableIter iter;
  gpointer key;
  TbMatch best = TB_MATCH_NONE;

  if (*t == '\0' || table >= tb_format_get_n_tables (vocab->format))
    return TB_MATCH_NONE;
  if (g_hash_table_contains (vocab->column_keys[table], canon (vocab, t, FALSE)))
    return TB_MATCH_EXACT;
  g_hash_table_iter_init (&iter, vocab->column_keys[table]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (partial (canon (vocab, t, FALSE), key))
      best = TB_MATCH_PARTIAL;
  return best;
}

int
tb_vocab_match_block (TbVocab    *vocab,
                      const char *text)
{
  g_autofree char *t = normalize (text, FALSE);

  return GPOINTER_TO_INT (g_hash_table_lookup (vocab->blocks, t)) - 1;
}

int
tb_vocab_match_heading (TbVocab    *vocab,
                        const char *text)
{
  g_autofree char *nfkc = g_utf8_validate (text, -1, NULL) ? tb_charset_fold_width (text) : NULL;
  g_autofree char *numberless = normalize (text, TRUE);
  const char *key = canon (vocab, numberless, TRUE);
  const char *p;

  if (nfkc == NULL || g_utf8_strlen (nfkc, -1) > 60 || *key == '\0')
    return -1;
  for (p = nfkc; *p && g_unichar_isspace (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    ;
  for (guint s = 0; s < tb_format_get_n_sections (vocab->format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (vocab->format, s);
      g_autofree char *title = normalize (section->title, TRUE);
      g_autofree char *numeral = g_strconcat (section->numeral, "、", NULL);

      if (g_str_equal (key, title))
        return (int) s;
      /* "五、政府信息公开工作存在的主要问题及改进情况": the right numeral, and the official
       * title within a few more words. */
      if (g_str_has_prefix (p, numeral) && strstr (key, title) != NULL &&
          g_utf8_strlen (key, -1) <= g_utf8_strlen (title, -1) + 8)
        return (int) s;
    }
  return -1;
}

gboolean
tb_vocab_is_distinct_label (TbVocab    *vocab,
                            TbVocab    *other,
                            const char *text)
{
  g_autofree char *t = normalize (text, FALSE);

  return *t != '\0' && g_hash_table_contains (vocab->all_keys, canon (vocab, t, FALSE)) &&
         !g_hash_table_contains (other->all_keys, canon (other, t, FALSE));
}

/* ------------------------------------------------------------------ text helpers */

gboolean
tb_import_ends_sentence (const char *text)
{
  static const char *const ends[] = {
    "。", "！", "？", "；", "：", "…", "!", "?", ";", ":", "”", "」", "』", ".",
  };
  gsize len = strlen (text);

  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      gsize n = strlen (ends[i]);

      if (len >= n && memcmp (text + len - n, ends[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
tb_import_starts_numbered (const char *text)
{
  g_autofree char *nfkc = g_utf8_validate (text, -1, NULL) ? tb_charset_fold_width (text) : NULL;
  const char *p = nfkc;
  gboolean paren;

  if (p == NULL)
    return FALSE;
  while (*p && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (g_str_has_prefix (p, "第") && is_numeral (g_utf8_get_char (g_utf8_next_char (p))))
    return TRUE;
  paren = *p == '(';
  if (paren)
    p++;
  if (!is_numeral (g_utf8_get_char (p)))
    return FALSE;
  while (*p && is_numeral (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (paren)
    return *p == ')';
  return *p == '.' || *p == ')' || g_str_has_prefix (p, "、") || g_str_has_prefix (p, "是");
}

TbTokenKind
tb_import_token_kind (const char *text)
{
  static const char *const placeholders[] = {
    "无", "暂无", "没有", "不适用", "空", "n/a", "na", "/", "-", "--", "—", "——", "\\",
    "－", "一", "—", "\u2015", "\u2500",
  };
  static const char *const units[] = { "", "件", "个", "项", "条", "次", "元", "万元", "%" };
  g_autofree char *nfkc = g_utf8_validate (text, -1, NULL) ? tb_charset_fold_width (text) : NULL;
  g_autofree char *t = NULL;
  const char *p;
  gboolean digit = FALSE;

  if (nfkc == NULL)
    return TB_TOKEN_LABEL;
  t = g_strstrip (g_strdup (nfkc));
  {
    /* Blank also with the spaces NFKC keeps (zero width, byte order mark). */
    gboolean blank = TRUE;

    for (p = t; *p && blank; p = g_utf8_next_char (p))
      blank = is_dropped (g_utf8_get_char (p)) && !g_unichar_ispunct (g_utf8_get_char (p));
    if (blank)
      return TB_TOKEN_EMPTY;
  }
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (g_ascii_strcasecmp (t, placeholders[i]) == 0)
      return TB_TOKEN_VALUE;
  p = t;
  if (*p == '+' || *p == '-' || g_str_has_prefix (p, "−"))
    p = g_utf8_next_char (p);
  while (*p == ' ')
    p++;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != ',' && *p != '.' && !(digit && *p == ' '))
        break;
    }
  if (!digit)
    return TB_TOKEN_LABEL;
  while (*p == ' ')
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (p, units[i]))
      return TB_TOKEN_VALUE;
  return TB_TOKEN_LABEL;
}
