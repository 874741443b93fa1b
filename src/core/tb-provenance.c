/* tb-provenance.c: where an imported report came from
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-provenance"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tb-field.h"
#include "tb-provenance.h"

static const char *const kinds[] = { "html", "text", "docx", "pdf" };

TbProvenance *
tb_provenance_new (const char *file,
                   const char *sha256,
                   const char *kind,
                   const char *date)
{
  TbProvenance *self = g_new0 (TbProvenance, 1);

  self->file = g_strdup (file);
  self->sha256 = g_strdup (sha256);
  self->kind = g_strdup (kind);
  self->date = g_strdup (date);
  return self;
}

TbProvenance *
tb_provenance_new_for_data (const char *path,
                            GBytes     *data,
                            const char *kind)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *shown = g_filename_display_name (base);
  g_autoptr(GString) file = g_string_new (NULL);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  /* A file name may hold what no draft text may (tb-field.h): those characters become
   * U+FFFD, so that the draft loads back. */
  for (const char *p = shown; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (tb_field_is_control (c) || tb_field_is_direction (c))
        g_string_append_unichar (file, 0xFFFD);
      else
        g_string_append_unichar (file, c);
    }
  return tb_provenance_new (file->str, sha256, kind, date);
}

TbProvenance *
tb_provenance_copy (const TbProvenance *self)
{
  if (self == NULL)
    return NULL;
  return tb_provenance_new (self->file, self->sha256, self->kind, self->date);
}

void
tb_provenance_free (TbProvenance *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->sha256);
  g_free (self->kind);
  g_free (self->date);
  g_free (self);
}

gboolean
tb_provenance_equal (const TbProvenance *a,
                     const TbProvenance *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->file, b->file) == 0 && g_strcmp0 (a->sha256, b->sha256) == 0 &&
         g_strcmp0 (a->kind, b->kind) == 0 && g_strcmp0 (a->date, b->date) == 0;
}

gboolean
tb_provenance_kind_is_valid (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
tb_provenance_sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (const char *p = sha256; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

const char *
tb_provenance_kind_to_string (const char *kind)
{
  if (g_strcmp0 (kind, "html") == 0)
    return _("web page");
  if (g_strcmp0 (kind, "text") == 0)
    return _("text");
  if (g_strcmp0 (kind, "docx") == 0)
    return _("Word document");
  if (g_strcmp0 (kind, "pdf") == 0)
    return _("PDF");
  return kind;
}

char *
tb_provenance_describe (const TbProvenance *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->date != NULL)
    when = g_date_time_new_from_iso8601 (self->date, NULL);
  date = when ? g_date_time_format (when, "%Y-%m-%d %H:%M UTC") : g_strdup (self->date);
  /* TRANSLATORS: the file name, its kind ("web page"), the date and time of the import */
  return g_strdup_printf (_("%s (%s, imported %s)"), self->file,
                          tb_provenance_kind_to_string (self->kind), date ? date : "?");
}
