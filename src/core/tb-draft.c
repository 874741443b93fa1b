/* tb-draft.c: the *.tianbao draft file (XML), read as hostile input, written atomically
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file format is described in README.md ("The draft file"). Writing goes through
 * libxml2's tree API, which escapes everything. Reading treats the file as hostile: a size
 * limit before anything is read, no network, no DTD, no entities, a strict structure, and a
 * clear message for a clerk on every way it can go wrong.
 */
#define G_LOG_DOMAIN "tb-draft"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-value.h"
#include "tb-xml-private.h"

#define ROOT_ELEMENT  "tianbao-report"
#define READ_CHUNK    (64 * 1024)

G_DEFINE_QUARK (tb-draft-error-quark, tb_draft_error)

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
  xmlNode *root, *meta, *settings, *cells, *texts, *acknowledged;
  xmlChar *mem = NULL;
  int size = 0;
  char *copy;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  format = tb_report_get_format (report);

  doc = xmlNewDoc (BAD_CAST "1.0");
  root = xmlNewDocNode (doc, NULL, BAD_CAST ROOT_ELEMENT, NULL);
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

/* ------------------------------------------------------------------ atomic writing */

static gboolean
set_io_error (GError    **error,
              const char *display,
              int         errsv,
              gboolean    kept)
{
  g_autofree char *reason = NULL;

  if (errsv == ENOSPC || errsv == EDQUOT)
    /* TRANSLATORS: %s is the system's reason, e.g. "No space left on device" */
    reason = g_strdup_printf (_("the disk is full (%s)"), g_strerror (errsv));
  else
    reason = g_strdup (g_strerror (errsv));

  if (kept)
    /* TRANSLATORS: first %s is a file name, second the reason */
    g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                 _("Could not save “%s”: %s. The previous version of the file is unchanged."),
                 display, reason);
  else
    g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                 _("Could not save “%s”: %s."), display, reason);
  return FALSE;
}

/* A symbolic link is followed, so that saving replaces the file it points to and not
 * the link itself. */
static char *
resolve_target (const char *path)
{
  GStatBuf st;
  char *real;

  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      real = realpath (path, NULL);
      if (real != NULL)
        {
          char *copy = g_strdup (real);

          free (real);
          return copy;
        }
    }
  return g_strdup (path);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Best effort: some file systems cannot sync a directory, and the rename is done. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * tb_file_write_atomic:
 * @path: the file to write
 * @data: the new contents
 * @len: length of @data
 * @error: a %TB_DRAFT_ERROR_IO naming the file and the reason
 *
 * Writes a temporary file in the folder of @path, flushes it to the disk and renames it
 * over @path. An existing file keeps its permission bits (and, where allowed, its owner).
 * On failure the previous file is untouched and the temporary file is removed.
 */
gboolean
tb_file_write_atomic (const char  *path,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;
  mode_t mode = 0644;
  int fd;
  int errsv;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  target = resolve_target (path);
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmpl = g_strdup_printf (".%s.XXXXXX", base);
  tmp = g_build_filename (dir, tmpl, NULL);

  exists = g_stat (target, &st) == 0;
  if (exists)
    mode = st.st_mode & 07777;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    return set_io_error (error, display, errno, exists);

  /* The open() above applied the umask; an existing file's bits are kept exactly. */
  if (exists)
    {
      if (fchmod (fd, mode) < 0)
        {
          errsv = errno;
          goto fail;
        }
      if (st.st_uid != geteuid () || st.st_gid != getegid ())
        {
          int ignored G_GNUC_UNUSED = fchown (fd, st.st_uid, st.st_gid);
        }
    }

  if (!write_all (fd, data, len) || fsync (fd) < 0)
    {
      errsv = errno;
      goto fail;
    }
  if (close (fd) < 0)
    {
      fd = -1;
      errsv = errno;
      goto fail;
    }
  fd = -1;

  if (g_rename (tmp, target) < 0)
    {
      errsv = errno;
      goto fail;
    }
  sync_directory (dir);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_io_error (error, display, errsv, exists);
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * tb_draft_save:
 * @report: the report
 * @path: where to save it
 * @error: a %TB_DRAFT_ERROR_IO naming the file and the reason
 *
 * Stamps the report (created, if it has no creation time yet, and modified), writes it
 * with tb_file_write_atomic() and marks it unmodified. On failure the report is left as
 * it was, timestamps included.
 */
gboolean
tb_draft_save (TbReport   *report,
               const char *path,
               GError    **error)
{
  g_autofree char *old_created = NULL;
  g_autofree char *old_modified = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *created;
  gsize len;
  const char *data;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_created = g_strdup (tb_report_get_created (report));
  old_modified = g_strdup (tb_report_get_modified_time (report));
  now = now_timestamp ();

  created = tb_report_get_created (report);
  if (created == NULL || *created == '\0')
    tb_report_set_created (report, now);
  tb_report_set_modified_time (report, now);

  bytes = tb_draft_serialize (report);
  data = g_bytes_get_data (bytes, &len);
  if (!tb_file_write_atomic (path, data, len, error))
    {
      tb_report_set_created (report, old_created);
      tb_report_set_modified_time (report, old_modified);
      return FALSE;
    }

  tb_report_set_modified (report, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ reading */

static gboolean
fail (GError     **error,
      TbDraftError code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
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
  g_autoptr(xmlChar) value = xmlGetNoNsProp (node, BAD_CAST name);

  return value ? g_strdup ((const char *) value) : NULL;
}

static gboolean
fail_unexpected (GError **error,
                 xmlNode *node)
{
  if (node->type == XML_ELEMENT_NODE)
    return fail (error, TB_DRAFT_ERROR_MALFORMED,
                 _("The file is damaged: unexpected element <%s> on line %ld."),
                 (const char *) node->name, line_of (node));
  return fail (error, TB_DRAFT_ERROR_MALFORMED,
               _("The file is damaged: unexpected text on line %ld."), line_of (node));
}

static gboolean
fail_duplicate (GError **error,
                xmlNode *node)
{
  return fail (error, TB_DRAFT_ERROR_MALFORMED,
               _("The file is damaged: element <%s> appears more than once (line %ld)."),
               (const char *) node->name, line_of (node));
}

static gboolean
fail_missing_attr (GError    **error,
                   xmlNode    *node,
                   const char *attr)
{
  return fail (error, TB_DRAFT_ERROR_MALFORMED,
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

/* The text of an element that may only hold text (and comments). */
static char *
leaf_text (xmlNode  *node,
           GError  **error)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (c->content != NULL)
            g_string_append (text, (const char *) c->content);
        }
      else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE)
        {
          fail (error, TB_DRAFT_ERROR_MALFORMED,
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

  return g_ascii_string_to_signed (copy, 10, min, max, out, NULL);
}

static gboolean
load_meta (TbReport *report,
           xmlNode  *meta,
           GError  **error)
{
  static const char *const names[] = {
    "agency", "year", "preparer", "contact", "report-date", "created", "modified", "previous",
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

      switch (which)
        {
        case 0:
          tb_report_set_agency (report, text);
          break;
        case 1:
          {
            gint64 year;

            if (!parse_int (text, TB_DRAFT_YEAR_MIN, TB_DRAFT_YEAR_MAX, &year))
              return fail (error, TB_DRAFT_ERROR_MALFORMED,
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
    return fail (error, TB_DRAFT_ERROR_MALFORMED,
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
        return fail (error, TB_DRAFT_ERROR_CELL,
                     _("The file contains the cell “%s” (line %ld), which the report format "
                       "“%s” does not have."),
                     id, line_of (n), tb_format_get_id (format));
      if (seen[spec->index])
        return fail (error, TB_DRAFT_ERROR_MALFORMED,
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
        return fail (error, TB_DRAFT_ERROR_CELL,
                     _("The file contains a text for the section “%s” (line %ld), which the "
                       "report format “%s” does not have."),
                     id, line_of (n), tb_format_get_id (format));
      if (seen[section->index])
        return fail (error, TB_DRAFT_ERROR_MALFORMED,
                     _("The file is damaged: the text of section “%s” appears more than once "
                       "(line %ld)."),
                     id, line_of (n));
      seen[section->index] = TRUE;

      text = leaf_text (n, error);
      if (text == NULL)
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
      tb_report_set_acknowledged (report, key, TRUE);
    }
  return TRUE;
}

/* Entities are never part of a draft. Without a DTD libxml2 refuses undeclared ones, but
 * check the whole tree anyway: this walk is cheap and does not recurse. */
static gboolean
check_no_entities (xmlDoc  *doc,
                   GError **error)
{
  xmlNode *n = (xmlNode *) doc;

  while (n != NULL)
    {
      if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE ||
          n->type == XML_ENTITY_DECL || n->type == XML_DTD_NODE ||
          n->type == XML_DOCUMENT_TYPE_NODE)
        return fail (error, TB_DRAFT_ERROR_MALFORMED,
                     _("The file contains an entity reference (line %ld). Tianbao reports "
                       "never contain one, so the file was not opened."),
                     n->type == XML_ENTITY_REF_NODE ? line_of (n) : 0L);

      if (n->type == XML_ELEMENT_NODE)
        for (xmlAttr *a = n->properties; a != NULL; a = a->next)
          for (xmlNode *c = a->children; c != NULL; c = c->next)
            if (c->type != XML_TEXT_NODE)
              return fail (error, TB_DRAFT_ERROR_MALFORMED,
                           _("The file contains an entity reference (line %ld). Tianbao "
                             "reports never contain one, so the file was not opened."),
                           line_of (n));

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

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > TB_DRAFT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (TB_DRAFT_MAX_SIZE);

      fail (error, TB_DRAFT_ERROR_TOO_LARGE,
            _("The file is too large to be a Tianbao report (%s; the limit is %s)."),
            size, limit);
      return NULL;
    }
  if (len == 0)
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED, _("The file is empty."));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("libxml2 could not create a parser (out of memory?)");

  /* NONET: nothing from the network. Never NOENT (expands entities), DTDLOAD (loads
   * external DTDs) or HUGE (lifts the limits that stop entity bombs and deep nesting).
   * BIG_LINES: correct line numbers in messages beyond line 65535. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, "draft.tianbao", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES);
  if (doc == NULL || !ctxt->wellFormed)
    {
      int line;
      g_autofree char *message = last_xml_error (ctxt, &line);

      if (line > 0)
        /* TRANSLATORS: %s is libxml2's description of the problem, in English */
        fail (error, TB_DRAFT_ERROR_MALFORMED,
              _("The file is damaged and cannot be read (line %d: %s)."), line, message);
      else
        fail (error, TB_DRAFT_ERROR_MALFORMED,
              _("The file is damaged and cannot be read (%s)."), message);
      return NULL;
    }

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED,
            _("The file contains a document type declaration (DOCTYPE). Tianbao reports never "
              "contain one, so the file was not opened."));
      return NULL;
    }
  if (!check_no_entities (doc, error))
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED, _("The file is not a Tianbao report."));
      return NULL;
    }
  if (root->ns != NULL && root->ns->href != NULL)
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED,
            _("The file is not a Tianbao report (its main XML element belongs to the "
              "namespace “%s”)."),
            (const char *) root->ns->href);
      return NULL;
    }
  if (!is_elem (root, ROOT_ELEMENT))
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED,
            _("The file is not a Tianbao report (its main XML element is <%s>)."),
            (const char *) root->name);
      return NULL;
    }
  version_text = get_attr (root, "version");
  if (version_text == NULL)
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED,
            _("The file is damaged: it does not say which file version it has."));
      return NULL;
    }
  g_strstrip (version_text);
  if (!parse_int (version_text, G_MININT64, G_MAXINT64, &version))
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED,
            _("The file is damaged: its file version “%s” is not a number."), version_text);
      return NULL;
    }
  if (version > TB_DRAFT_VERSION)
    {
      fail (error, TB_DRAFT_ERROR_VERSION,
            _("The file was made by a newer version of Tianbao (file version %s); this "
              "version reads version %d. Please update Tianbao to open it."),
            version_text, TB_DRAFT_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      fail (error, TB_DRAFT_ERROR_VERSION,
            _("The file has an unknown file version (%s); this version of Tianbao reads "
              "version %d."),
            version_text, TB_DRAFT_VERSION);
      return NULL;
    }

  format_id = get_attr (root, "format");
  if (format_id == NULL)
    {
      fail (error, TB_DRAFT_ERROR_MALFORMED,
            _("The file is damaged: it does not say which report format it uses."));
      return NULL;
    }
  format = tb_format_get (format_id);
  if (format == NULL)
    {
      fail (error, TB_DRAFT_ERROR_FORMAT,
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
  if ((meta != NULL && !load_meta (report, meta, error)) ||
      (settings != NULL && !load_settings (report, settings, error)) ||
      (cells != NULL && !load_cells (report, cells, error)) ||
      (texts != NULL && !load_texts (report, texts, error)) ||
      (acknowledged != NULL && !load_acknowledged (report, acknowledged, error)))
    return NULL;

  tb_report_set_modified (report, FALSE);
  return g_steal_pointer (&report);
}

/**
 * tb_draft_load:
 * @path: a draft file
 * @error: a %TB_DRAFT_ERROR whose message names the file
 *
 * Refuses files larger than %TB_DRAFT_MAX_SIZE without reading them, and anything that is
 * not a regular file (a FIFO or a device would block or never end).
 *
 * Returns: (transfer full) (nullable): the report, marked unmodified
 */
TbReport *
tb_draft_load (const char  *path,
               GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  GError *local = NULL;
  TbReport *report;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int errsv = errno;

      fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."), display,
            g_strerror (errsv));
      return NULL;
    }
  if (fstat (fd, &st) < 0)
    {
      int errsv = errno;

      close (fd);
      fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."), display,
            g_strerror (errsv));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: it is not a regular file."),
            display);
      return NULL;
    }

  buffer = g_byte_array_sized_new (MIN ((gsize) st.st_size, (gsize) TB_DRAFT_MAX_SIZE) + 1);
  while ((gsize) st.st_size <= TB_DRAFT_MAX_SIZE)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          fail (error, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."), display,
                g_strerror (errsv));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
      /* The file may have grown since fstat(): never hold more than the limit. */
      if (buffer->len > TB_DRAFT_MAX_SIZE)
        break;
    }
  close (fd);

  if ((gsize) st.st_size > TB_DRAFT_MAX_SIZE || buffer->len > TB_DRAFT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (MAX ((guint64) st.st_size, buffer->len));
      g_autofree char *limit = g_format_size (TB_DRAFT_MAX_SIZE);

      fail (error, TB_DRAFT_ERROR_TOO_LARGE,
            _("Could not open “%s”: the file is too large to be a Tianbao report (%s; the "
              "limit is %s)."),
            display, size, limit);
      return NULL;
    }

  report = tb_draft_parse ((const char *) buffer->data, buffer->len, &local);
  if (report == NULL)
    {
      /* TRANSLATORS: %s is a file name; the reason follows as a sentence */
      g_prefix_error (&local, _("Could not open “%s”. "), display);
      g_propagate_error (error, local);
    }
  return report;
}
