/* tb-draft-limits.c: what a draft may hold, checked before the XML parser sees it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2 2.9 checks the attributes of an element for duplicates pair by pair: a 1 MB file
 * with 100,000 attributes on one element keeps it busy for 20 seconds (2 MB: 90 s), long
 * before any check of ours could run on the tree. So one linear pass over the bytes counts
 * elements, attributes per element, nesting depth and the lengths of names and attribute
 * values first, and refuses a file over TB_DRAFT_MAX_* at once.
 *
 * This is a counter, not a parser: it reads only the shape of tags (names, quoted values,
 * comments, CDATA sections, processing instructions) and leaves everything else to libxml2.
 * Where the bytes are not well-formed XML it stops counting: libxml2 stops at the same place
 * with its own message, so nothing beyond can reach it either.
 *
 * What a draft may never hold at all is here too: a document type declaration (refused by
 * the counter) and entities (refused again on the parsed tree).
 */
#define G_LOG_DOMAIN "tb-draft"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tb-draft-private.h"

typedef struct
{
  const char *data;
  const char *p;
  const char *end;
  GError    **error;
} Scan;

static long
line_at (const Scan *s,
         const char *at)
{
  long line = 1;

  for (const char *q = s->data; q < at; q++)
    line += *q == '\n';
  return line;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Moves past the first @needle from the current position; FALSE if there is none. */
static gboolean
skip_past (Scan       *s,
           const char *needle)
{
  const char *found = memmem (s->p, (gsize) (s->end - s->p), needle, strlen (needle));

  if (found == NULL)
    return FALSE;
  s->p = found + strlen (needle);
  return TRUE;
}

static gboolean
starts (const Scan *s,
        const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (s->end - s->p) >= n && memcmp (s->p, prefix, n) == 0;
}

/* The length of the name at the current position. */
static gsize
name_length (const Scan *s)
{
  const char *q = s->p;

  while (q < s->end && !is_space (*q) && *q != '/' && *q != '>' && *q != '=' && *q != '<' &&
         *q != '"' && *q != '\'')
    q++;
  return (gsize) (q - s->p);
}

static gboolean
fail_at (Scan       *s,
         const char *at,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (Scan       *s,
         const char *at,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a sentence saying what is wrong, then a line number */
  return _tb_draft_fail (s->error, TB_DRAFT_ERROR_LIMIT, _("%s (line %ld)."), message,
                         line_at (s, at));
}

/* A start tag, from just after its '<'. Returns FALSE with the error set on a breach; sets
 * *@stop where the tag is not well-formed, and *@empty for "<x/>". */
static gboolean
scan_start_tag (Scan     *s,
                gboolean *empty,
                gboolean *stop)
{
  const char *tag = s->p - 1;
  guint n_attributes = 0;
  gsize n = name_length (s);

  *empty = *stop = FALSE;
  if (n == 0)
    {
      *stop = TRUE;
      return TRUE;
    }
  if (n > TB_DRAFT_MAX_NAME)
    return fail_at (s, tag, _("The file is damaged: an element name is longer than %u bytes"),
                    TB_DRAFT_MAX_NAME);
  s->p += n;

  for (;;)
    {
      char quote;
      const char *close;

      while (s->p < s->end && is_space (*s->p))
        s->p++;
      if (s->p >= s->end)
        {
          *stop = TRUE;
          return TRUE;
        }
      if (*s->p == '>')
        {
          s->p++;
          return TRUE;
        }
      if (starts (s, "/>"))
        {
          s->p += 2;
          *empty = TRUE;
          return TRUE;
        }

      /* An attribute: name = "value" */
      n = name_length (s);
      if (n == 0)
        {
          *stop = TRUE;
          return TRUE;
        }
      if (n > TB_DRAFT_MAX_NAME)
        return fail_at (s, tag,
                        _("The file is damaged: an attribute name is longer than %u bytes"),
                        TB_DRAFT_MAX_NAME);
      if (++n_attributes > TB_DRAFT_MAX_ATTRIBUTES)
        return fail_at (s, tag,
                        _("The file is damaged: an element has more than %u attributes; a "
                          "Tianbao report has at most 3"),
                        TB_DRAFT_MAX_ATTRIBUTES);
      s->p += n;
      while (s->p < s->end && is_space (*s->p))
        s->p++;
      if (s->p >= s->end || *s->p != '=')
        {
          *stop = TRUE;
          return TRUE;
        }
      s->p++;
      while (s->p < s->end && is_space (*s->p))
        s->p++;
      if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
        {
          *stop = TRUE;
          return TRUE;
        }
      quote = *s->p++;
      close = memchr (s->p, quote, (gsize) (s->end - s->p));
      if (close == NULL)
        {
          *stop = TRUE;
          return TRUE;
        }
      if ((gsize) (close - s->p) > TB_DRAFT_MAX_ATTR_VALUE)
        return fail_at (s, tag,
                        _("The file is damaged: an attribute value is longer than %u bytes"),
                        TB_DRAFT_MAX_ATTR_VALUE);
      s->p = close + 1;
    }
}

/**
 * _tb_draft_check_limits:
 * @data: the bytes of a draft
 * @len: their length (at most TB_DRAFT_MAX_SIZE, checked before)
 * @error: a %TB_DRAFT_ERROR_LIMIT, or %TB_DRAFT_ERROR_MALFORMED for a DOCTYPE
 *
 * Counts elements, attributes per element and depth in one pass over @data.
 */
gboolean
_tb_draft_check_limits (const char  *data,
                        gsize        len,
                        GError     **error)
{
  Scan s = { data, data, data + len, error };
  guint n_elements = 0;
  guint depth = 0;

  while (s.p < s.end)
    {
      const char *tag = memchr (s.p, '<', (gsize) (s.end - s.p));

      if (tag == NULL)
        break;
      s.p = tag + 1;
      if (starts (&s, "!--"))
        {
          if (!skip_past (&s, "-->"))
            break;
        }
      else if (starts (&s, "![CDATA["))
        {
          if (!skip_past (&s, "]]>"))
            break;
        }
      else if (starts (&s, "!DOCTYPE"))
        return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED, "%s", _tb_draft_doctype_message ());
      else if (starts (&s, "!"))
        break;
      else if (starts (&s, "?"))
        {
          if (!skip_past (&s, "?>"))
            break;
        }
      else if (starts (&s, "/"))
        {
          if (depth > 0)
            depth--;
          if (!skip_past (&s, ">"))
            break;
        }
      else
        {
          gboolean empty, stop;

          if (++n_elements > TB_DRAFT_MAX_ELEMENTS)
            return fail_at (&s, tag,
                            _("The file is damaged: it has more than %u elements; a Tianbao "
                              "report has a few hundred"),
                            TB_DRAFT_MAX_ELEMENTS);
          if (depth + 1 > TB_DRAFT_MAX_DEPTH)
            return fail_at (&s, tag,
                            _("The file is damaged: its elements are nested to a depth of more "
                              "than %u; a Tianbao report has 3"),
                            TB_DRAFT_MAX_DEPTH);
          if (!scan_start_tag (&s, &empty, &stop))
            return FALSE;
          if (stop)
            break;
          if (!empty)
            depth++;
        }
    }
  return TRUE;
}

static gboolean
fail_entity (GError **error,
             long     line)
{
  return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                         _("The file contains an entity reference (line %ld). Tianbao reports "
                           "never contain one, so the file was not opened."),
                         line);
}

/* Entities are never part of a draft. Without a DTD libxml2 refuses undeclared ones, but
 * check the whole tree anyway: this walk is cheap and does not recurse. */
gboolean
_tb_draft_check_no_entities (xmlDoc  *doc,
                             GError **error)
{
  xmlNode *n = (xmlNode *) doc;

  while (n != NULL)
    {
      if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE ||
          n->type == XML_ENTITY_DECL || n->type == XML_DTD_NODE ||
          n->type == XML_DOCUMENT_TYPE_NODE)
        return fail_entity (error, n->type == XML_ENTITY_REF_NODE ? xmlGetLineNo (n) : 0L);

      if (n->type == XML_ELEMENT_NODE)
        for (xmlAttr *a = n->properties; a != NULL; a = a->next)
          for (xmlNode *c = a->children; c != NULL; c = c->next)
            if (c->type != XML_TEXT_NODE)
              return fail_entity (error, xmlGetLineNo (n));

      /* Depth first, without recursion. */
      if (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE)
        {
          if (n->children != NULL)
            {
              n = n->children;
              continue;
            }
        }
      while (n != NULL && n->next == NULL)
        {
          n = n->parent;
          if (n == (xmlNode *) doc)
            n = NULL;
        }
      if (n != NULL)
        n = n->next;
    }
  return TRUE;
}

const char *
_tb_draft_doctype_message (void)
{
  return _("The file contains a document type declaration (DOCTYPE). Tianbao reports never "
           "contain one, so the file was not opened.");
}
