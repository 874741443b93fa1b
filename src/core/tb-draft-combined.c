/* tb-draft-combined.c: a summary's <combined> element in a draft (see tb-combined.h)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-draft"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-ascii.h"
#include "tb-draft-private.h"
#include "tb-xml-private.h"

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  g_autoptr(xmlChar) value = xmlGetNoNsProp (node, BAD_CAST name);

  return value ? g_strdup ((const char *) value) : NULL;
}

static gboolean
get_count (xmlNode    *node,
           const char *name,
           guint       min,
           guint       max,
           guint      *out,
           GError    **error)
{
  g_autofree char *text = get_attr (node, name);
  guint64 value;

  if (text == NULL)
    return _tb_draft_fail_missing_attr (error, node, name);
  if (!tb_ascii_to_unsigned (text, min, max, &value))
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: “%s” on line %ld should be a whole number "
                             "from %u to %u."),
                           name, (long) xmlGetLineNo (node), min, max);
  *out = (guint) value;
  return TRUE;
}

gboolean
_tb_draft_load_combined (TbReport *report,
                         xmlNode  *node,
                         GError  **error)
{
  g_autoptr(TbCombined) combined = NULL;
  guint n_agencies, n_inputs;

  if (!get_count (node, "inputs", 1, TB_COMBINED_MAX_AGENCIES, &n_inputs, error) ||
      !get_count (node, "agencies", 1, TB_COMBINED_MAX_AGENCIES, &n_agencies, error))
    return FALSE;
  combined = tb_combined_new (n_agencies, n_inputs);
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *sha256 = NULL;

      if (!_tb_draft_check_between (n, error))
        return FALSE;
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!xmlStrEqual (n->name, BAD_CAST "input") || n->ns != NULL || n->children != NULL)
        return _tb_draft_fail_unexpected (error, n);
      name = get_attr (n, "name");
      sha256 = get_attr (n, "sha256");
      if (name == NULL)
        return _tb_draft_fail_missing_attr (error, n, "name");
      if (sha256 == NULL)
        return _tb_draft_fail_missing_attr (error, n, "sha256");
      if (!tb_sha256_is_valid (sha256))
        return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                               _("The file is damaged: the SHA-256 of %s on line %ld is not "
                                 "64 hexadecimal digits."),
                               name, (long) xmlGetLineNo (n));
      if (tb_combined_find (combined, sha256) != NULL)
        return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                               _("The file is damaged: the summary lists the same input twice "
                                 "(line %ld)."),
                               (long) xmlGetLineNo (n));
      tb_combined_add_listed (combined, name, sha256);
    }
  if (tb_combined_get_n_listed (combined) != 0 &&
      tb_combined_get_n_listed (combined) != n_inputs)
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: the summary says it was made from %u files "
                             "but lists %u (line %ld)."),
                           n_inputs, tb_combined_get_n_listed (combined),
                           (long) xmlGetLineNo (node));
  if (n_agencies < n_inputs)
    return _tb_draft_fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file is damaged: the summary covers fewer agencies (%u) than "
                             "it has inputs (%u)."),
                           n_agencies, n_inputs);
  tb_report_set_combined (report, combined);
  return TRUE;
}

void
_tb_draft_write_combined (xmlNode  *root,
                          TbReport *report)
{
  const TbCombined *combined = tb_report_get_combined (report);
  char text[16];
  xmlNode *node;

  if (combined == NULL)
    return;
  node = xmlNewChild (root, NULL, BAD_CAST "combined", NULL);
  g_snprintf (text, sizeof text, "%u", tb_combined_get_n_agencies (combined));
  xmlNewProp (node, BAD_CAST "agencies", BAD_CAST text);
  g_snprintf (text, sizeof text, "%u", tb_combined_get_n_inputs (combined));
  xmlNewProp (node, BAD_CAST "inputs", BAD_CAST text);
  for (guint i = 0; i < tb_combined_get_n_listed (combined); i++)
    {
      const TbCombinedInput *in = tb_combined_get_listed (combined, i);
      xmlNode *child = xmlNewChild (node, NULL, BAD_CAST "input", NULL);

      _tb_draft_set_attr (child, "name", in->name);
      xmlNewProp (child, BAD_CAST "sha256", BAD_CAST in->sha256);
    }
}
