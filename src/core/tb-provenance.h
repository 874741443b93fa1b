/* tb-provenance.h: where an imported report came from
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report read from a published report (a portal's web page, copied text, a Word document,
 * a PDF) keeps the name of that file, its SHA-256, its kind and when it was imported, so
 * that whoever reads the draft later can find the very file its cells were read from. The
 * draft stores it as <imported-from> in <meta>; `tianbao-cli show` and the Details page
 * show it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *file;    /* the file's name, without its folder */
  char *sha256;  /* 64 lowercase hexadecimal digits */
  char *kind;    /* "html", "text", "docx" or "pdf" (tb_provenance_kind_is_valid()) */
  char *date;    /* when it was imported, UTC: "2026-12-05T08:10:00Z" */
} TbProvenance;

TbProvenance *tb_provenance_new            (const char          *file,
                                            const char          *sha256,
                                            const char          *kind,
                                            const char          *date);
/* The provenance of @data read from @path as @kind, imported now. */
TbProvenance *tb_provenance_new_for_data   (const char          *path,
                                            GBytes              *data,
                                            const char          *kind);
TbProvenance *tb_provenance_copy           (const TbProvenance  *self);
void          tb_provenance_free           (TbProvenance        *self);
gboolean      tb_provenance_equal          (const TbProvenance  *a,
                                            const TbProvenance  *b);

gboolean      tb_provenance_kind_is_valid  (const char          *kind);
/* 64 hexadecimal digits, lowercase. */
gboolean      tb_provenance_sha256_is_valid (const char         *sha256);
/* "Web page", "Text", "Word document", "PDF" (translated); @kind itself when unknown. */
const char   *tb_provenance_kind_to_string (const char          *kind);
/* One line for people: "年报.html (web page, imported 2026-12-05 08:10 UTC)". (transfer full) */
char         *tb_provenance_describe       (const TbProvenance  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbProvenance, tb_provenance_free)

G_END_DECLS
