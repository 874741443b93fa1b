/* tb-draft-read.c: reading a *.tianbao draft (XML) as hostile input
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading treats the file as hostile: a size limit before anything is read, no network, no
 * DTD, no entities, a strict structure, and a clear message for a clerk on every way it can
 * go wrong.
 */
#define G_LOG_DOMAIN "tb-draft"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tb-ascii.h"
#include "tb-draft-private.h"
#include "tb-field.h"
#include "tb-value.h"
#include "tb-xml-private.h"

G_DEFINE_QUARK (tb-draft-error-quark, tb_draft_error)

/* ------------------------------------------------------------------ helpers */

gboolean
_tb_draft_fail (GError     **error,
                TbDraftError code,
                const char  *format,
                ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, TB_DRAFT_ERROR, code, message);
  return FALSE;
}

static gboolean
is_elem (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
         strcmp ((const char *) node->name, name) == 0;
}

static long
line_of (xmlNode *node)
{
  return xmlGetLineNo (node);
}

/* An attribute without namespace, or NULL. */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  g_autoptr(xmlChar) value = NULL;

  /* An attribute given once as plain text (what a draft has): its text node, not a copy
   * of a copy. */
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      {
        if (a->children != NULL && a->children->next == NULL &&
            a->children->type == XML_TEXT_NODE && a->children->content != NULL)
          return g_strdup ((const char *) a->children->content);
        break;
      }
  value = xmlGetNoNsProp (node, BAD_CAST name);
  return value ? g_strdup ((const char *) value) : NULL;
}

static gboolean
fail_unexpected (GError **error,
                 xmlNode *node)
{
  if (node->type == XML_ELEMENT_NODE)
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: unexpected element <%s> on line %ld."),
                           (const char *) node->name, line_of (node));
  return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                         _("The file is damaged: unexpected text on line %ld."), line_of (node));
}

static gboolean
fail_duplicate (GError **error,
                xmlNode *node)
{
  return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                         _("The file is damaged: element <%s> appears more than once (line %ld)."),
                         (const char *) node->name, line_of (node));
}

static gboolean
fail_missing_attr (GError    **error,
                   xmlNode    *node,
                   const char *attr)
{
  return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                         _("The file is damaged: element <%s> on line %ld has no “%s” attribute."),
                         (const char *) node->name, line_of (node), attr);
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p != NULL && *p != '\0'; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Steps over what may sit between elements: blank text, comments and processing
 * instructions. Returns FALSE, with @error set, on anything else that is not an element. */
static gboolean
check_between (xmlNode  *node,
               GError  **error)
{
  switch (node->type)
    {
    case XML_ELEMENT_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
      return TRUE;
    case XML_TEXT_NODE:
      if (is_blank (node->content))
        return TRUE;
      return fail_unexpected (error, node);
    default:
      return fail_unexpected (error, node);
    }
}

gboolean
_tb_draft_check_between (xmlNode  *node,
                         GError  **error)
{
  return check_between (node, error);
}

gboolean
_tb_draft_fail_unexpected (GError **error,
                           xmlNode *node)
{
  return fail_unexpected (error, node);
}

gboolean
_tb_draft_fail_missing_attr (GError    **error,
                             xmlNode    *node,
                             const char *attr)
{
  return fail_missing_attr (error, node, attr);
}

/* The text of an element that may only hold text (and comments). */
static char *
leaf_text (xmlNode  *node,
           GError  **error)
{
  GString *text;

  /* One text or nothing: what a draft has, without a GString. */
  if (node->children == NULL)
    return g_strdup ("");
  if (node->children->next == NULL && node->children->type == XML_TEXT_NODE)
    return g_strdup (node->children->content ? (const char *) node->children->content : "");

  text = g_string_new (NULL);
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (c->content != NULL)
            g_string_append (text, (const char *) c->content);
        }
      else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE)
        {
          _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                          _("The file is damaged: element <%s> on line %ld may only contain text."),
                          (const char *) node->name, line_of (node));
          g_string_free (text, TRUE);
          return NULL;
        }
    }
  return g_string_free (text, FALSE);
}

/* Parses a whole number with optional surrounding blanks. */
static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return tb_ascii_to_signed (copy, min, max, out);
}

/* A text of @field, as tb_field_check() wants it; the message names the line. */
static gboolean
check_field (TbField   field,
             const char *text,
             xmlNode   *node,
             GError   **error)
{
  g_autoptr(GError) local = NULL;

  if (tb_field_check (field, text, -1, &local))
    return TRUE;
  /* TRANSLATORS: a line number, then a sentence saying what is wrong */
  return _tb_draft_fail (error,
                         local->code == TB_FIELD_ERROR_TOO_LONG ? TB_DRAFT_ERROR_LIMIT
                                                                : TB_DRAFT_ERROR_MALFORMED,
                         _("Line %ld: %s"), line_of (node), local->message);
}

/* A short technical text (a date, a time stamp, a file reference, a key): at most
 * @max_bytes, one line, no control or direction character. */
static gboolean
check_short (const char *text,
             guint       max_bytes,
             xmlNode    *node,
             GError    **error)
{
  if (strlen (text) > max_bytes)
    return _tb_draft_fail (error, TB_DRAFT_ERROR_LIMIT,
                           _("The file is damaged: element <%s> on line %ld is longer than "
                             "%u bytes."),
                           (const char *) node->name, line_of (node), max_bytes);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (tb_field_is_control (c) || tb_field_is_direction (c))
        return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                               _("The file is damaged: element <%s> on line %ld contains the "
                                 "control character U+%04X."),
                               (const char *) node->name, line_of (node), c);
    }
  return TRUE;
}

/* <imported-from kind="html" sha256="…" date="…">年报.html</imported-from> */
static gboolean
load_imported_from (TbReport   *report,
                    xmlNode    *node,
                    const char *file,
                    GError    **error)
{
  g_autofree char *kind = get_attr (node, "kind");
  g_autofree char *sha256 = get_attr (node, "sha256");
  g_autofree char *date = get_attr (node, "date");
  g_autoptr(TbProvenance) provenance = NULL;

  if (kind == NULL)
    return fail_missing_attr (error, node, "kind");
  if (sha256 == NULL)
    return fail_missing_attr (error, node, "sha256");
  if (date == NULL)
    return fail_missing_attr (error, node, "date");
  if (!tb_provenance_kind_is_valid (kind))
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: the kind “%s” of <imported-from> on line %ld "
                             "is none of html, text, docx and pdf."),
                           kind, line_of (node));
  if (!tb_provenance_sha256_is_valid (sha256))
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: the SHA-256 of <imported-from> on line %ld is "
                             "not 64 hexadecimal digits."),
                           line_of (node));
  if (*file == '\0')
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: <imported-from> on line %ld names no file."),
                           line_of (node));
  if (!check_short (file, TB_DRAFT_MAX_REFERENCE, node, error) ||
      !check_short (date, TB_DRAFT_MAX_SHORT, node, error))
    return FALSE;
  provenance = tb_provenance_new (file, sha256, kind, date);
  tb_report_set_imported_from (report, provenance);
  return TRUE;
}

static gboolean
load_meta (TbReport *report,
           xmlNode  *meta,
           GError  **error)
{
  static const char *const names[] = {
    "agency", "year", "preparer", "contact", "report-date", "created", "modified", "previous",
    "imported-from",
  };
  gboolean seen[G_N_ELEMENTS (names)] = { FALSE, };

  for (xmlNode *n = meta->children; n != NULL; n = n->next)
    {
      g_autofree char *text = NULL;
      guint which;

      if (!check_between (n, error))
        return FALSE;
      if (n->type != XML_ELEMENT_NODE)
        continue;

      for (which = 0; which < G_N_ELEMENTS (names); which++)
        if (is_elem (n, names[which]))
          break;
      if (which == G_N_ELEMENTS (names))
        return fail_unexpected (error, n);
      if (seen[which])
        return fail_duplicate (error, n);
      seen[which] = TRUE;

      text = leaf_text (n, error);
      if (text == NULL)
        return FALSE;
      if (which == 8)
        {
          if (!load_imported_from (report, n, text, error))
            return FALSE;
          continue;
        }
      if (which == 0 || which == 2 || which == 3)
        {
          if (!check_field (which == 0 ? TB_FIELD_AGENCY
                            : which == 2 ? TB_FIELD_PREPARER : TB_FIELD_CONTACT,
                            text, n, error))
            return FALSE;
        }
      else if (!check_short (text, which == 7 ? TB_DRAFT_MAX_REFERENCE : TB_DRAFT_MAX_SHORT, n,
                             error))
        return FALSE;

      switch (which)
        {
        case 0:
          tb_report_set_agency (report, text);
          break;
        case 1:
          {
            gint64 year;

            if (!parse_int (text, TB_DRAFT_YEAR_MIN, TB_DRAFT_YEAR_MAX, &year))
              return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                                     _("The file is damaged: the report year “%s” (line %ld) is not a "
                                       "year between %d and %d."),
                                     text, line_of (n), TB_DRAFT_YEAR_MIN, TB_DRAFT_YEAR_MAX);
            tb_report_set_year (report, (int) year);
          }
          break;
        case 2:
          tb_report_set_preparer (report, text);
          break;
        case 3:
          tb_report_set_contact (report, text);
          break;
        case 4:
          tb_report_set_report_date (report, text);
          break;
        case 5:
          tb_report_set_created (report, text);
          break;
        case 6:
          tb_report_set_modified_time (report, text);
          break;
        case 7:
          tb_report_set_previous (report, text);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
parse_bool_attr (xmlNode    *node,
                 const char *name,
                 gboolean   *out,
                 GError    **error)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL || strcmp (value, "false") == 0)
    *out = FALSE;
  else if (strcmp (value, "true") == 0)
    *out = TRUE;
  else
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: the attribute “%s” on line %ld is “%s” instead of "
                             "“true” or “false”."),
                           name, line_of (node), value);
  return TRUE;
}

static gboolean
load_settings (TbReport *report,
               xmlNode  *settings,
               GError  **error)
{
  gboolean manual;

  for (xmlNode *n = settings->children; n != NULL; n = n->next)
    {
      if (!check_between (n, error))
        return FALSE;
      if (n->type == XML_ELEMENT_NODE)
        return fail_unexpected (error, n);
    }
  if (!parse_bool_attr (settings, "manual-totals", &manual, error))
    return FALSE;
  tb_report_set_manual_totals (report, manual);
  return TRUE;
}

static gboolean
load_cells (TbReport *report,
            xmlNode  *cells,
            GError  **error)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autofree gboolean *seen = g_new0 (gboolean, tb_format_get_n_cells (format));

  for (xmlNode *n = cells->children; n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *unit = NULL;
      g_autofree char *text = NULL;
      const TbCellSpec *spec;
      gboolean invalid;

      if (!check_between (n, error))
        return FALSE;
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!is_elem (n, "cell"))
        return fail_unexpected (error, n);

      id = get_attr (n, "id");
      if (id == NULL)
        return fail_missing_attr (error, n, "id");
      spec = tb_format_find_cell (format, id);
      if (spec == NULL)
        return _tb_draft_fail (error, TB_DRAFT_ERROR_CELL,
                               _("The file contains the cell “%s” (line %ld), which the report format "
                                 "“%s” does not have."),
                               id, line_of (n), tb_format_get_id (format));
      if (seen[spec->index])
        return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                               _("The file is damaged: the cell “%s” appears more than once (line %ld)."),
                               id, line_of (n));
      seen[spec->index] = TRUE;

      if (!parse_bool_attr (n, "invalid", &invalid, error))
        return FALSE;
      text = leaf_text (n, error);
      if (text == NULL)
        return FALSE;
      unit = get_attr (n, "unit");
      if (unit != NULL && !invalid)
        {
          char *joined = g_strconcat (text, unit, NULL);

          g_free (text);
          text = joined;
        }
      if (!check_field (TB_FIELD_CELL, text, n, error))
        return FALSE;

      /* The same parser as typing: a value it cannot read is kept as typed (invalid),
       * and the rules report it; that is not a reason to refuse the whole file. */
      tb_report_set_cell_text (report, spec->index, text, NULL);
    }
  return TRUE;
}

static gboolean
load_texts (TbReport *report,
            xmlNode  *texts,
            GError  **error)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autofree gboolean *seen = g_new0 (gboolean, tb_format_get_n_sections (format));

  for (xmlNode *n = texts->children; n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      const TbSectionSpec *section;

      if (!check_between (n, error))
        return FALSE;
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!is_elem (n, "text"))
        return fail_unexpected (error, n);

      id = get_attr (n, "section");
      if (id == NULL)
        return fail_missing_attr (error, n, "section");
      section = tb_format_find_section (format, id);
      if (section == NULL)
        return _tb_draft_fail (error, TB_DRAFT_ERROR_CELL,
                               _("The file contains a text for the section “%s” (line %ld), which the "
                                 "report format “%s” does not have."),
                               id, line_of (n), tb_format_get_id (format));
      if (seen[section->index])
        return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                               _("The file is damaged: the text of section “%s” appears more than once "
                                 "(line %ld)."),
                               id, line_of (n));
      seen[section->index] = TRUE;

      text = leaf_text (n, error);
      if (text == NULL || !check_field (TB_FIELD_TEXT, text, n, error))
        return FALSE;
      tb_report_set_text (report, section->id, text);
    }
  return TRUE;
}

static gboolean
load_acknowledged (TbReport *report,
                   xmlNode  *acknowledged,
                   GError  **error)
{
  for (xmlNode *n = acknowledged->children; n != NULL; n = n->next)
    {
      g_autofree char *key = NULL;

      if (!check_between (n, error))
        return FALSE;
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!is_elem (n, "warning"))
        return fail_unexpected (error, n);
      for (xmlNode *c = n->children; c != NULL; c = c->next)
        {
          if (!check_between (c, error))
            return FALSE;
          if (c->type == XML_ELEMENT_NODE)
            return fail_unexpected (error, c);
        }

      key = get_attr (n, "key");
      if (key == NULL || *key == '\0')
        return fail_missing_attr (error, n, "key");
      if (!check_short (key, TB_DRAFT_MAX_SHORT, n, error))
        return FALSE;
      tb_report_set_acknowledged (report, key, TRUE);
    }
  return TRUE;
}

static char *
last_xml_error (xmlParserCtxt *ctxt,
                int           *line)
{
  const xmlError *err = xmlCtxtGetLastError (ctxt);
  char *message;

  *line = 0;
  if (err == NULL || err->message == NULL)
    return g_strdup (_("not well-formed XML"));
  *line = err->line;
  message = g_strstrip (g_strdelimit (g_strdup (err->message), "\r\n\t", ' '));
  if (!g_utf8_validate (message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message, -1);

      g_free (message);
      message = valid;
    }
  return message;
}

/**
 * tb_draft_parse:
 * @data: the contents of a draft file
 * @len: its length
 * @error: a %TB_DRAFT_ERROR whose message a clerk can act on
 *
 * Reads a draft. The input is treated as hostile: no DOCTYPE, no entities, nothing loaded
 * from outside, at most %TB_DRAFT_MAX_SIZE bytes, a strict structure.
 *
 * Returns: (transfer full) (nullable): the report, marked unmodified
 */
TbReport *
tb_draft_parse (const char  *data,
                gsize        len,
                GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *version_text = NULL;
  g_autofree char *format_id = NULL;
  const TbFormat *format;
  xmlNode *root;
  gint64 version;
  xmlNode *meta = NULL, *settings = NULL, *cells = NULL, *texts = NULL, *acknowledged = NULL;
  xmlNode *combined = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > TB_DRAFT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (TB_DRAFT_MAX_SIZE);

      _tb_draft_fail (error, TB_DRAFT_ERROR_TOO_LARGE,
                      _("The file is too large to be a Tianbao report (%s; the limit is %s)."),
                      size, limit);
      return NULL;
    }
  if (len == 0)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED, _("The file is empty."));
      return NULL;
    }
  if (!_tb_draft_check_limits (data, len, error))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("libxml2 could not create a parser (out of memory?)");

  /* NONET: nothing from the network. Never NOENT (expands entities), DTDLOAD (loads
   * external DTDs) or HUGE (lifts the limits that stop entity bombs and deep nesting).
   * BIG_LINES: correct line numbers in messages beyond line 65535. COMPACT: short texts
   * (a cell's number) inside their node, not allocated each. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, "draft.tianbao", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
  if (doc == NULL || !ctxt->wellFormed)
    {
      int line;
      g_autofree char *message = last_xml_error (ctxt, &line);

      if (line > 0)
        /* TRANSLATORS: %s is libxml2's description of the problem, in English */
        _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                        _("The file is damaged and cannot be read (line %d: %s)."), line, message);
      else
        _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                        _("The file is damaged and cannot be read (%s)."), message);
      return NULL;
    }

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED, "%s", _tb_draft_doctype_message ());
      return NULL;
    }
  if (!_tb_draft_check_no_entities (doc, error))
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED, _("The file is not a Tianbao report."));
      return NULL;
    }
  if (root->ns != NULL && root->ns->href != NULL)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                      _("The file is not a Tianbao report (its main XML element belongs to the "
                        "namespace “%s”)."),
                      (const char *) root->ns->href);
      return NULL;
    }
  if (!is_elem (root, TB_DRAFT_ROOT_ELEMENT))
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                      _("The file is not a Tianbao report (its main XML element is <%s>)."),
                      (const char *) root->name);
      return NULL;
    }
  version_text = get_attr (root, "version");
  if (version_text == NULL)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                      _("The file is damaged: it does not say which file version it has."));
      return NULL;
    }
  g_strstrip (version_text);
  if (!parse_int (version_text, G_MININT64, G_MAXINT64, &version))
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                      _("The file is damaged: its file version “%s” is not a number."), version_text);
      return NULL;
    }
  if (version > TB_DRAFT_VERSION)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_VERSION,
                      _("The file was made by a newer version of Tianbao (file version %s); this "
                        "version reads version %d. Please update Tianbao to open it."),
                      version_text, TB_DRAFT_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_VERSION,
                      _("The file has an unknown file version (%s); this version of Tianbao reads "
                        "version %d."),
                      version_text, TB_DRAFT_VERSION);
      return NULL;
    }

  format_id = get_attr (root, "format");
  if (format_id == NULL)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                      _("The file is damaged: it does not say which report format it uses."));
      return NULL;
    }
  format = tb_format_get (format_id);
  if (format == NULL)
    {
      _tb_draft_fail (error, TB_DRAFT_ERROR_FORMAT,
                      _("The file uses the report format “%s”, which this version of Tianbao does not "
                        "know. Please update Tianbao to open it."),
                      format_id);
      return NULL;
    }

  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      xmlNode **slot = NULL;

      if (!check_between (n, error))
        return NULL;
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is_elem (n, "meta"))
        slot = &meta;
      else if (is_elem (n, "settings"))
        slot = &settings;
      else if (is_elem (n, "cells"))
        slot = &cells;
      else if (is_elem (n, "texts"))
        slot = &texts;
      else if (is_elem (n, "acknowledged"))
        slot = &acknowledged;
      else if (is_elem (n, "combined"))
        slot = &combined;
      else
        {
          fail_unexpected (error, n);
          return NULL;
        }
      if (*slot != NULL)
        {
          fail_duplicate (error, n);
          return NULL;
        }
      *slot = n;
    }

  report = tb_report_new (format);
  /* Nobody listens to a report not returned yet: one ::changed at the end, not one per
   * cell (each took GLib's signal and quark locks, which the merge's threads share). */
  tb_report_freeze (report);
  if ((meta != NULL && !load_meta (report, meta, error)) ||
      (settings != NULL && !load_settings (report, settings, error)) ||
      (cells != NULL && !load_cells (report, cells, error)) ||
      (texts != NULL && !load_texts (report, texts, error)) ||
      (acknowledged != NULL && !load_acknowledged (report, acknowledged, error)) ||
      (combined != NULL && !_tb_draft_load_combined (report, combined, error)))
    return NULL;

  tb_report_thaw (report);
  tb_report_set_modified (report, FALSE);
  return g_steal_pointer (&report);
}
