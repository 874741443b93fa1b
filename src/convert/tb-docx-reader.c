/* tb-docx-reader.c: a Word document (.docx) read into a TbSource
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-docx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "tb-docx-private.h"
#include "tb-docx-reader.h"
#include "tb-zip.h"

/* Dublin Core, for the title in the core properties. */
#define NS_DC       "http://purl.org/dc/elements/1.1/"

/* The main document part of a report is well under a megabyte; one of 16 MiB is not a
 * report, and parsing it would take too long. */
#define MAX_DOCUMENT_SIZE (16 * 1024 * 1024)

G_DEFINE_QUARK (tb-docx-error-quark, tb_docx_error)

static xmlDoc *
parse_part (GBytes      *part,
            const char  *name,
            GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  xmlDoc *doc;
  gsize len;
  const char *data = g_bytes_get_data (part, &len);

  if (len > MAX_DOCUMENT_SIZE)
    {
      g_autofree char *size = g_format_size (len);

      g_set_error (error, TB_DOCX_ERROR, TB_DOCX_ERROR_LIMIT,
                   _("The text of this Word document is too large to be a report (%s): refused."),
                   size);
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("libxml2 could not create a parser (out of memory?)");
  /* NONET: nothing from the network; never NOENT, DTDLOAD or HUGE. */
  doc = xmlCtxtReadMemory (ctxt, len > 0 ? data : "", (int) len, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *message = g_strstrip (g_strdup (e != NULL && e->message != NULL ?
                                                       e->message : "?"));

      g_clear_pointer (&doc, xmlFreeDoc);
      /* TRANSLATORS: %s is the part of the Word file, %s libxml2's description, in English */
      g_set_error (error, TB_DOCX_ERROR, TB_DOCX_ERROR_INVALID,
                   _("This Word document is damaged: its part %s cannot be read (%s)."),
                   name, message);
      return NULL;
    }
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, TB_DOCX_ERROR, TB_DOCX_ERROR_INVALID,
                   _("This Word document holds a document type declaration (DOCTYPE) in %s, "
                     "which Word never writes: it was not read."), name);
      return NULL;
    }
  return doc;
}

/* ---- The package ---------------------------------------------------------------------- */

/* The targets of the package relationships (_rels/.rels) for the main document and the
 * core properties, or NULL. */
static void
read_package_rels (TbZip  *zip,
                   char  **document,
                   char  **core)
{
  GBytes *rels = tb_zip_get (zip, "_rels/.rels");
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  if (rels == NULL)
    return;
  doc = parse_part (rels, "_rels/.rels", NULL);
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    return;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      g_autoptr(xmlChar) type = NULL;
      g_autoptr(xmlChar) target = NULL;
      char **slot = NULL;

      if (c->type != XML_ELEMENT_NODE || strcmp ((const char *) c->name, "Relationship") != 0)
        continue;
      type = xmlGetProp (c, (const xmlChar *) "Type");
      target = xmlGetProp (c, (const xmlChar *) "Target");
      if (type == NULL || target == NULL)
        continue;
      if (g_str_has_suffix ((char *) type, "/officeDocument"))
        slot = document;
      else if (g_str_has_suffix ((char *) type, "/core-properties"))
        slot = core;
      if (slot != NULL && *slot == NULL)
        {
          const char *t = (const char *) target;

          while (*t == '/')
            t++;
          *slot = g_strdup (t);
        }
    }
}

static char *
read_title (TbZip      *zip,
            const char *name)
{
  GBytes *part = tb_zip_get (zip, name);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  g_autoptr(GString) text = g_string_new (NULL);
  char *title;

  if (part == NULL || (doc = parse_part (part, name, NULL)) == NULL ||
      (root = xmlDocGetRootElement (doc)) == NULL)
    return NULL;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
        strcmp ((const char *) c->ns->href, NS_DC) == 0 &&
        strcmp ((const char *) c->name, "title") == 0)
      {
        tb_docx_append_text (c, text);
        break;
      }
  title = tb_source_normalize_text (text->str, FALSE);
  if (*title == '\0')
    g_clear_pointer (&title, g_free);
  return title;
}

/* A zip that holds no Word document: name what it is, when it is known. */
static void
set_not_word (TbZip   *zip,
              GError **error)
{
  GBytes *mimetype = tb_zip_get (zip, "mimetype");

  static const char odf[] = "application/vnd.oasis.opendocument";

  if (mimetype != NULL && g_bytes_get_size (mimetype) >= sizeof odf - 1 &&
      memcmp (g_bytes_get_data (mimetype, NULL), odf, sizeof odf - 1) == 0)
    g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_UNSUPPORTED,
                         _("This is an OpenDocument file (LibreOffice, WPS), not a Word "
                           "document: save it as Word (.docx) or as a web page first."));
  else if (tb_zip_get (zip, "xl/workbook.xml") != NULL)
    g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_UNSUPPORTED,
                         _("This is an Excel workbook, not a Word document."));
  else if (tb_zip_get (zip, "ppt/presentation.xml") != NULL)
    g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_UNSUPPORTED,
                         _("This is a PowerPoint presentation, not a Word document."));
  else
    g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_INVALID,
                         _("This zip archive is not a Word document: it holds no "
                           "word/document.xml."));
}

static const guint8 OLE_MAGIC[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

gboolean
tb_docx_sniff (const guint8 *data,
               gsize         len)
{
  return tb_zip_sniff (data, len) ||
         (len >= sizeof OLE_MAGIC && memcmp (data, OLE_MAGIC, sizeof OLE_MAGIC) == 0);
}

/* An OLE compound file: a Word 97–2003 document, or a .docx encrypted with a password
 * (its package is the stream named "EncryptedPackage"). */
static void
set_ole_error (const guint8 *data,
               gsize         len,
               GError      **error)
{
  static const char name[] = "EncryptedPackage";
  guint8 utf16[2 * (sizeof name - 1)];

  for (gsize i = 0; i < sizeof name - 1; i++)
    {
      utf16[2 * i] = (guint8) name[i];
      utf16[2 * i + 1] = 0;
    }
  if (memmem (data, len, utf16, sizeof utf16) != NULL)
    g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_ENCRYPTED,
                         _("This Word document is protected with a password: open it in Word "
                           "or LibreOffice, remove the password and save it again."));
  else
    g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_UNSUPPORTED,
                         _("This is a Word 97–2003 document (.doc), which Tianbao cannot read: "
                           "open it in Word or LibreOffice and save it as .docx."));
}

static void
set_zip_error (const GError  *zip_error,
               GError       **error)
{
  TbDocxError code = TB_DOCX_ERROR_INVALID;

  switch ((TbZipError) zip_error->code)
    {
    case TB_ZIP_ERROR_ENCRYPTED:
      code = TB_DOCX_ERROR_ENCRYPTED;
      break;
    case TB_ZIP_ERROR_LIMIT:
      code = TB_DOCX_ERROR_LIMIT;
      break;
    case TB_ZIP_ERROR_NAME:
    case TB_ZIP_ERROR_INVALID:
    default:
      code = TB_DOCX_ERROR_INVALID;
      break;
    }
  /* TRANSLATORS: %s is why the zip archive was refused, a sentence */
  g_set_error (error, TB_DOCX_ERROR, code, _("This Word document cannot be read. %s"),
               zip_error->message);
}

TbSource *
tb_docx_read (GBytes  *data,
              GError **error)
{
  g_autoptr(GError) zip_error = NULL;
  g_autoptr(TbZip) zip = NULL;
  g_autoptr(TbSource) source = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *document_name = NULL;
  g_autofree char *core_name = NULL;
  GBytes *document;
  xmlNode *root;
  xmlNode *body;
  gsize len;
  const guint8 *bytes;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (len >= sizeof OLE_MAGIC && memcmp (bytes, OLE_MAGIC, sizeof OLE_MAGIC) == 0)
    {
      set_ole_error (bytes, len, error);
      return NULL;
    }
  if (!tb_zip_sniff (bytes, len))
    {
      g_set_error_literal (error, TB_DOCX_ERROR, TB_DOCX_ERROR_INVALID,
                           _("This is not a Word document (.docx): it is not a zip archive."));
      return NULL;
    }
  zip = tb_zip_read (data, NULL, &zip_error);
  if (zip == NULL)
    {
      set_zip_error (zip_error, error);
      return NULL;
    }

  read_package_rels (zip, &document_name, &core_name);
  document = document_name != NULL ? tb_zip_get (zip, document_name) : NULL;
  if (document == NULL)
    {
      g_free (document_name);
      document_name = g_strdup ("word/document.xml");
      document = tb_zip_get (zip, document_name);
    }
  if (document == NULL)
    {
      set_not_word (zip, error);
      return NULL;
    }
  doc = parse_part (document, document_name, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  body = root != NULL && tb_docx_is_w (root, "document") ? tb_docx_child (root, "body") : NULL;
  if (body == NULL)
    {
      g_set_error (error, TB_DOCX_ERROR, TB_DOCX_ERROR_INVALID,
                   _("This Word document is damaged: %s holds no document body."),
                   document_name);
      return NULL;
    }

  source = tb_source_new (TB_SOURCE_DOCX);
  tb_docx_read_body (source, body);
  source->title = read_title (zip, core_name != NULL ? core_name : "docProps/core.xml");
  return g_steal_pointer (&source);
}
