/* tb-zip.c: zip containers (Word's .docx) read within limits and written reproducibly
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-zip"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-library.h"
#include "tb-zip.h"

/* Entries get no time of their own, so that the same entries give the same bytes in every
 * time zone: libarchive writes a zip entry's DOS date and time in local time (an instant set
 * with archive_entry_set_mtime() is 00:00 in London but 08:00 in Beijing), plus a UT extra
 * field only for a time that was set. Without one, every entry is dated 1980-01-01 00:00,
 * the first date zip can hold, whatever the zone. */
/* Inflated bytes from which the ratio limit applies. */
#define RATIO_FLOOR (1024 * 1024)

const TbZipLimits tb_zip_default_limits = {
  .max_entries = 2000,
  .max_entry_size = 32 * 1024 * 1024,
  .max_total_size = 64 * 1024 * 1024,
  .max_ratio = 200,
};

struct _TbZip
{
  GPtrArray  *names;     /* char*, archive order */
  GHashTable *entries;   /* name -> GBytes */
};

struct _TbZipWriter
{
  GPtrArray *names;      /* char* */
  GPtrArray *data;       /* GBytes* */
};

G_DEFINE_QUARK (tb-zip-error-quark, tb_zip_error)

/* libarchive, opened the first time a zip is read or written (tb-library.c): only Word
 * files need it. Called through this table, typed from <archive.h>. */
typedef struct
{
  __typeof__ (archive_entry_filetype)                    *archive_entry_filetype;
  __typeof__ (archive_entry_free)                        *archive_entry_free;
  __typeof__ (archive_entry_is_encrypted)                *archive_entry_is_encrypted;
  __typeof__ (archive_entry_new)                         *archive_entry_new;
  __typeof__ (archive_entry_pathname)                    *archive_entry_pathname;
  __typeof__ (archive_entry_pathname_utf8)               *archive_entry_pathname_utf8;
  __typeof__ (archive_entry_set_filetype)                *archive_entry_set_filetype;
  __typeof__ (archive_entry_set_gid)                     *archive_entry_set_gid;
  __typeof__ (archive_entry_set_pathname_utf8)           *archive_entry_set_pathname_utf8;
  __typeof__ (archive_entry_set_perm)                    *archive_entry_set_perm;
  __typeof__ (archive_entry_set_size)                    *archive_entry_set_size;
  __typeof__ (archive_entry_set_uid)                     *archive_entry_set_uid;
  __typeof__ (archive_error_string)                      *archive_error_string;
  __typeof__ (archive_read_data)                         *archive_read_data;
  __typeof__ (archive_read_free)                         *archive_read_free;
  __typeof__ (archive_read_new)                          *archive_read_new;
  __typeof__ (archive_read_next_header)                  *archive_read_next_header;
  __typeof__ (archive_read_open_memory)                  *archive_read_open_memory;
  __typeof__ (archive_read_support_format_zip_seekable)  *archive_read_support_format_zip_seekable;
  __typeof__ (archive_write_close)                       *archive_write_close;
  __typeof__ (archive_write_data)                        *archive_write_data;
  __typeof__ (archive_write_free)                        *archive_write_free;
  __typeof__ (archive_write_header)                      *archive_write_header;
  __typeof__ (archive_write_new)                         *archive_write_new;
  __typeof__ (archive_write_open2)                       *archive_write_open2;
  __typeof__ (archive_write_set_bytes_in_last_block)     *archive_write_set_bytes_in_last_block;
  __typeof__ (archive_write_set_format_zip)              *archive_write_set_format_zip;
  __typeof__ (archive_write_zip_set_compression_deflate) *archive_write_zip_set_compression_deflate;
} TbArchive;

static TbArchive la;

static const TbLibrarySymbol la_symbols[] = {
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_filetype),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_free),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_is_encrypted),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_new),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_pathname),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_pathname_utf8),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_set_filetype),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_set_gid),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_set_pathname_utf8),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_set_perm),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_set_size),
  TB_LIBRARY_SYMBOL (TbArchive, archive_entry_set_uid),
  TB_LIBRARY_SYMBOL (TbArchive, archive_error_string),
  TB_LIBRARY_SYMBOL (TbArchive, archive_read_data),
  TB_LIBRARY_SYMBOL (TbArchive, archive_read_free),
  TB_LIBRARY_SYMBOL (TbArchive, archive_read_new),
  TB_LIBRARY_SYMBOL (TbArchive, archive_read_next_header),
  TB_LIBRARY_SYMBOL (TbArchive, archive_read_open_memory),
  TB_LIBRARY_SYMBOL (TbArchive, archive_read_support_format_zip_seekable),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_close),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_data),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_free),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_header),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_new),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_open2),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_set_bytes_in_last_block),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_set_format_zip),
  TB_LIBRARY_SYMBOL (TbArchive, archive_write_zip_set_compression_deflate),
};

static TbLibrary libarchive = TB_LIBRARY_INIT (TB_LIBARCHIVE_SONAME, la_symbols, &la);

static gboolean
open_libarchive (GError **error)
{
  const char *message;

  if (tb_library_ensure (&libarchive, &message))
    return TRUE;
  g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_UNAVAILABLE,
               /* TRANSLATORS: %s is the library's file name, then the system's message */
               _("Word files need the library %s, which could not be opened (%s). "
                 "Install libarchive."),
               TB_LIBARCHIVE_SONAME, message);
  return FALSE;
}

/* ------------------------------------------------------------------ reading */

gboolean
tb_zip_sniff (const guint8 *data,
              gsize         len)
{
  return len >= 4 && memcmp (data, "PK\003\004", 4) == 0;
}

/* An entry name that stays inside the archive: relative, no "..", no backslash, no drive. */
static gboolean
is_safe_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || name[0] == '/' || strchr (name, '\\') != NULL)
    return FALSE;
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return FALSE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

void
tb_zip_free (TbZip *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_free (self);
}

static gboolean
fail_archive (struct archive *a,
              GError        **error)
{
  const char *message = la.archive_error_string (a);

  g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_INVALID,
               _("Not a readable zip archive: %s"),
               message != NULL ? message : _("unknown error"));
  return FALSE;
}

/* Reads the data of the current entry into @out, counting against the limits. */
static gboolean
read_entry_data (struct archive    *a,
                 const char        *name,
                 const TbZipLimits *limits,
                 gsize              archive_size,
                 gsize             *total,
                 GByteArray        *out,
                 GError           **error)
{
  guint8 buffer[16384];

  for (;;)
    {
      la_ssize_t n = la.archive_read_data (a, buffer, sizeof buffer);

      if (n == 0)
        return TRUE;
      if (n < 0)
        return fail_archive (a, error);
      if (out->len + (gsize) n > limits->max_entry_size)
        {
          g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT,
                       _("The entry “%s” is larger than %zu MiB once unpacked: refused"),
                       name, limits->max_entry_size / (1024 * 1024));
          return FALSE;
        }
      *total += (gsize) n;
      if (*total > limits->max_total_size)
        {
          g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT,
                       _("The archive is larger than %zu MiB once unpacked: refused"),
                       limits->max_total_size / (1024 * 1024));
          return FALSE;
        }
      if (*total > RATIO_FLOOR && *total / MAX (archive_size, 1) > limits->max_ratio)
        {
          g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT,
                       _("The archive unpacks to more than %u times its size, as only a "
                         "zip bomb does: refused"), limits->max_ratio);
          return FALSE;
        }
      g_byte_array_append (out, buffer, (guint) n);
    }
}

/**
 * tb_zip_read:
 * @data: the archive
 * @limits: (nullable): the limits, or %NULL for tb_zip_default_limits
 * @error: a %TB_ZIP_ERROR
 *
 * Returns: (transfer full): the entries, or %NULL with @error
 */
TbZip *
tb_zip_read (GBytes            *data,
             const TbZipLimits *limits,
             GError           **error)
{
  g_autoptr(TbZip) self = NULL;
  struct archive *a;
  struct archive_entry *entry;
  gsize size = 0;
  gconstpointer bytes = g_bytes_get_data (data, &size);
  gsize total = 0;
  gboolean ok = TRUE;
  int r;

  g_return_val_if_fail (data != NULL, NULL);
  if (limits == NULL)
    limits = &tb_zip_default_limits;

  if (!tb_zip_sniff (bytes, size))
    {
      g_set_error_literal (error, TB_ZIP_ERROR, TB_ZIP_ERROR_INVALID,
                           _("Not a zip archive"));
      return NULL;
    }

  if (!open_libarchive (error))
    return NULL;
  self = g_new0 (TbZip, 1);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_bytes_unref);

  a = la.archive_read_new ();
  /* The seekable reader trusts the central directory, as Word and LibreOffice do. */
  la.archive_read_support_format_zip_seekable (a);
  if (la.archive_read_open_memory (a, bytes, size) != ARCHIVE_OK)
    {
      fail_archive (a, error);
      la.archive_read_free (a);
      return NULL;
    }

  while (ok && (r = la.archive_read_next_header (a, &entry)) != ARCHIVE_EOF)
    {
      const char *name;
      g_autoptr(GByteArray) content = NULL;

      if (r < ARCHIVE_WARN)
        {
          ok = fail_archive (a, error);
          break;
        }
      name = la.archive_entry_pathname_utf8 (entry);
      if (name == NULL)
        name = la.archive_entry_pathname (entry);
      if (self->names->len >= limits->max_entries)
        {
          g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT,
                       _("The archive has more than %u entries: refused"),
                       limits->max_entries);
          ok = FALSE;
          break;
        }
      if (!is_safe_name (name) || !g_utf8_validate (name, -1, NULL))
        {
          g_autofree char *shown = g_utf8_make_valid (name != NULL ? name : "", -1);

          g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_NAME,
                       _("The archive has an entry named “%s”, which points outside it: "
                         "refused"), shown);
          ok = FALSE;
          break;
        }
      if (la.archive_entry_is_encrypted (entry))
        {
          g_set_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_ENCRYPTED,
                       _("The entry “%s” is encrypted: save the document without a "
                         "password first"), name);
          ok = FALSE;
          break;
        }
      if (la.archive_entry_filetype (entry) == AE_IFDIR)
        continue;

      content = g_byte_array_new ();
      if (!read_entry_data (a, name, limits, size, &total, content, error))
        {
          ok = FALSE;
          break;
        }
      if (!g_hash_table_contains (self->entries, name))
        {
          g_ptr_array_add (self->names, g_strdup (name));
          g_hash_table_insert (self->entries, g_strdup (name),
                               g_byte_array_free_to_bytes (g_steal_pointer (&content)));
        }
    }
  la.archive_read_free (a);

  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

GBytes *
tb_zip_get (TbZip      *self,
            const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->entries, name);
}

GPtrArray *
tb_zip_list (TbZip *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->names;
}

/* ------------------------------------------------------------------ writing */

TbZipWriter *
tb_zip_writer_new (void)
{
  TbZipWriter *self = g_new0 (TbZipWriter, 1);

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return self;
}

void
tb_zip_writer_free (TbZipWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->data, g_ptr_array_unref);
  g_free (self);
}

void
tb_zip_writer_add (TbZipWriter *self,
                   const char  *name,
                   GBytes      *data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (is_safe_name (name));
  g_return_if_fail (data != NULL);

  g_ptr_array_add (self->names, g_strdup (name));
  g_ptr_array_add (self->data, g_bytes_ref (data));
}

void
tb_zip_writer_add_string (TbZipWriter *self,
                          const char  *name,
                          const char  *text)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (text != NULL);
  bytes = g_bytes_new (text, strlen (text));
  tb_zip_writer_add (self, name, bytes);
}

static la_ssize_t
write_cb (struct archive *a,
          void           *data,
          const void     *buffer,
          size_t          length)
{
  g_byte_array_append (data, buffer, (guint) length);
  return (la_ssize_t) length;
}

/**
 * tb_zip_writer_finish:
 *
 * Returns: (transfer full): the archive, or %NULL with @error
 */
GBytes *
tb_zip_writer_finish (TbZipWriter *self,
                      GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  struct archive *a;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, NULL);

  if (!open_libarchive (error))
    return NULL;
  a = la.archive_write_new ();
  la.archive_write_set_format_zip (a);
  la.archive_write_zip_set_compression_deflate (a);
  /* No padding after the archive. */
  la.archive_write_set_bytes_in_last_block (a, 1);
  if (la.archive_write_open2 (a, out, NULL, write_cb, NULL, NULL) != ARCHIVE_OK)
    ok = fail_archive (a, error);

  for (guint i = 0; ok && i < self->names->len; i++)
    {
      struct archive_entry *entry = la.archive_entry_new ();
      gsize len = 0;
      gconstpointer bytes = g_bytes_get_data (g_ptr_array_index (self->data, i), &len);

      la.archive_entry_set_pathname_utf8 (entry, g_ptr_array_index (self->names, i));
      la.archive_entry_set_filetype (entry, AE_IFREG);
      la.archive_entry_set_perm (entry, 0644);
      la.archive_entry_set_size (entry, (la_int64_t) len);
      la.archive_entry_set_uid (entry, 0);
      la.archive_entry_set_gid (entry, 0);
      if (la.archive_write_header (a, entry) != ARCHIVE_OK ||
          (len > 0 && la.archive_write_data (a, bytes, len) != (la_ssize_t) len))
        ok = fail_archive (a, error);
      la.archive_entry_free (entry);
    }

  if (la.archive_write_close (a) != ARCHIVE_OK && ok)
    ok = fail_archive (a, error);
  la.archive_write_free (a);

  if (!ok)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
