/* tb-draft-write.c: writing a report as a *.tianbao draft (XML)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file format is described in README.md ("The draft file"). Writing goes through
 * libxml2's tree API, which escapes everything.
 */
#define G_LOG_DOMAIN "tb-draft"

#include "config.h"

#include <string.h>

#include "tb-draft-private.h"
#include "tb-value.h"
#include "tb-xml-private.h"

/* ------------------------------------------------------------------ writing */

static gboolean
is_xml_char (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';
  return c != 0xFFFE && c != 0xFFFF;
}

/* The model accepts any string; XML 1.0 does not. A file that cannot be read back would
 * lose the clerk's work, so characters XML cannot hold become U+FFFD. */
static char *
xml_safe_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out;

  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_xml_char (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append_unichar (out, 0xFFFD);
    }
  return g_string_free (out, FALSE);
}

static xmlNode *
add_child (xmlNode    *parent,
           const char *name,
           const char *text)
{
  g_autofree char *safe = text ? xml_safe_text (text) : NULL;

  /* xmlNewTextChild escapes & < > (and \r) in the content. */
  return xmlNewTextChild (parent, NULL, BAD_CAST name, BAD_CAST safe);
}

static void
add_meta (xmlNode    *meta,
          const char *name,
          const char *text)
{
  if (text != NULL && *text != '\0')
    add_child (meta, name, text);
}

static void
set_attr (xmlNode    *node,
          const char *name,
          const char *value)
{
  g_autofree char *safe = xml_safe_text (value);

  /* xmlNewProp stores the value as it is (no entity parsing); it is escaped on output. */
  xmlNewProp (node, BAD_CAST name, BAD_CAST safe);
}

/**
 * tb_draft_serialize:
 * @report: a report
 *
 * Returns: (transfer full): the draft file for @report, UTF-8 XML, indented. Cells come in
 * the order of the format and only filled ones are written. The data is followed by a NUL
 * byte that the size does not count.
 */
GBytes *
tb_draft_serialize (TbReport *report)
{
  const TbFormat *format;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) acks = NULL;
  g_autofree char *version = NULL;
  g_autofree char *year = NULL;
  const TbProvenance *provenance;
  xmlNode *root, *meta, *settings, *cells, *texts, *acknowledged;
  xmlChar *mem = NULL;
  int size = 0;
  char *copy;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);

  doc = xmlNewDoc (BAD_CAST "1.0");
  root = xmlNewDocNode (doc, NULL, BAD_CAST TB_DRAFT_ROOT_ELEMENT, NULL);
  xmlDocSetRootElement (doc, root);
  version = g_strdup_printf ("%d", TB_DRAFT_VERSION);
  set_attr (root, "version", version);
  set_attr (root, "format", tb_format_get_id (format));

  meta = xmlNewChild (root, NULL, BAD_CAST "meta", NULL);
  add_meta (meta, "agency", tb_report_get_agency (report));
  if (tb_report_get_year (report) != 0)
    {
      year = g_strdup_printf ("%d", tb_report_get_year (report));
      add_meta (meta, "year", year);
    }
  add_meta (meta, "preparer", tb_report_get_preparer (report));
  add_meta (meta, "contact", tb_report_get_contact (report));
  add_meta (meta, "report-date", tb_report_get_report_date (report));
  add_meta (meta, "created", tb_report_get_created (report));
  add_meta (meta, "modified", tb_report_get_modified_time (report));
  add_meta (meta, "previous", tb_report_get_previous (report));
  provenance = tb_report_get_imported_from (report);
  if (provenance != NULL)
    {
      xmlNode *node = add_child (meta, "imported-from", provenance->file);

      set_attr (node, "kind", provenance->kind ? provenance->kind : "");
      set_attr (node, "sha256", provenance->sha256 ? provenance->sha256 : "");
      set_attr (node, "date", provenance->date ? provenance->date : "");
    }

  settings = xmlNewChild (root, NULL, BAD_CAST "settings", NULL);
  set_attr (settings, "manual-totals", tb_report_get_manual_totals (report) ? "true" : "false");

  cells = xmlNewChild (root, NULL, BAD_CAST "cells", NULL);
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);
      const TbCellValue *v = tb_report_get_cell (report, i);
      xmlNode *cell;

      if (v->state == TB_CELL_VALID)
        {
          g_autofree char *text = tb_value_format (spec->kind, v->value);

          cell = add_child (cells, "cell", text);
          set_attr (cell, "id", spec->id);
          if (v->unit != NULL && *v->unit != '\0')
            set_attr (cell, "unit", v->unit);
        }
      else if (v->state == TB_CELL_INVALID)
        {
          cell = add_child (cells, "cell", v->text ? v->text : "");
          set_attr (cell, "id", spec->id);
          set_attr (cell, "invalid", "true");
        }
    }

  texts = xmlNewChild (root, NULL, BAD_CAST "texts", NULL);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);
      const char *text = tb_report_get_text (report, section->id);

      if (*text != '\0')
        set_attr (add_child (texts, "text", text), "section", section->id);
    }

  acknowledged = xmlNewChild (root, NULL, BAD_CAST "acknowledged", NULL);
  acks = tb_report_list_acknowledged (report);
  for (guint i = 0; i < acks->len; i++)
    set_attr (xmlNewChild (acknowledged, NULL, BAD_CAST "warning", NULL), "key",
              g_ptr_array_index (acks, i));

  xmlDocDumpFormatMemoryEnc (doc, &mem, &size, "UTF-8", 1);
  if (mem == NULL || size < 0)
    g_error ("libxml2 could not serialize a draft (out of memory?)");
  /* NUL-terminated (not counted in the size), so the data can be used as a string. */
  copy = g_malloc ((gsize) size + 1);
  memcpy (copy, mem, (gsize) size);
  copy[size] = '\0';
  xmlFree (mem);
  return g_bytes_new_take (copy, (gsize) size);
}
