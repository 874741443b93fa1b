/* tb-zip.h: zip containers (Word's .docx) read within limits and written reproducibly
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin layer over libarchive, the maintained library GNOME's own archive tools use. Office
 * documents are small: an archive is read whole into memory, entry by entry, and refused as
 * soon as it breaks a limit (too many entries, an entry or the whole too large once inflated,
 * an inflation ratio only a zip bomb has, an entry name that climbs out of the archive).
 * Sizes written in the archive are never trusted: the inflated bytes are counted while they
 * are read. The writer gives the same bytes for the same entries (fixed times and owners).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TB_ZIP_ERROR (tb_zip_error_quark ())

typedef enum
{
  TB_ZIP_ERROR_INVALID,     /* not a zip archive, or a damaged one */
  TB_ZIP_ERROR_ENCRYPTED,   /* an entry is encrypted */
  TB_ZIP_ERROR_LIMIT,       /* a limit was broken (count, size, ratio) */
  TB_ZIP_ERROR_NAME,        /* an entry name that is absolute or climbs out (..) */
  TB_ZIP_ERROR_UNAVAILABLE, /* libarchive could not be opened */
} TbZipError;

typedef struct
{
  guint   max_entries;      /* entries in the archive */
  gsize   max_entry_size;   /* bytes of one entry, inflated */
  gsize   max_total_size;   /* bytes of all entries, inflated */
  guint   max_ratio;        /* inflated / compressed bytes of one entry, once it is over
                               1 MiB inflated */
} TbZipLimits;

/* Limits fit for office documents: 2,000 entries, 32 MiB an entry, 64 MiB in all,
 * ratio 200. */
extern const TbZipLimits tb_zip_default_limits;

typedef struct _TbZip TbZip;

GQuark        tb_zip_error_quark    (void);

/* Whether @data starts like a zip archive ("PK\3\4"). */
gboolean      tb_zip_sniff          (const guint8      *data,
                                     gsize              len);

/* Reads every entry of the archive in @data. @limits: (nullable) for the defaults. */
TbZip        *tb_zip_read           (GBytes            *data,
                                     const TbZipLimits *limits,
                                     GError           **error);
void          tb_zip_free           (TbZip             *self);
/* The entry named @name ("word/document.xml"), or NULL. (transfer none) */
GBytes       *tb_zip_get            (TbZip             *self,
                                     const char        *name);
/* The entry names, in archive order. (transfer none) */
GPtrArray    *tb_zip_list           (TbZip             *self);

/* Writing: entries are added in order, then the archive is made in memory. */
typedef struct _TbZipWriter TbZipWriter;

TbZipWriter  *tb_zip_writer_new     (void);
void          tb_zip_writer_free    (TbZipWriter       *self);
void          tb_zip_writer_add     (TbZipWriter       *self,
                                     const char        *name,
                                     GBytes            *data);
void          tb_zip_writer_add_string (TbZipWriter    *self,
                                        const char     *name,
                                        const char     *text);
/* (transfer full): the archive; deflate compression, every time and owner fixed, so the same
 * entries give the same bytes. */
GBytes       *tb_zip_writer_finish  (TbZipWriter       *self,
                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbZip, tb_zip_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbZipWriter, tb_zip_writer_free)

G_END_DECLS
