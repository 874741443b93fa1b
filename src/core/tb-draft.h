/* tb-draft.h: the *.tianbao draft file (XML), read as hostile input, written atomically
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

#define TB_DRAFT_VERSION   1
/* What a draft may hold, checked before the XML parser sees it (a parser slows down
 * quadratically on some shapes, e.g. 100,000 attributes on one element). A full real
 * report is some 10 KB; the biggest draft the field limits allow (tb-field.h) is far below
 * these. */
#define TB_DRAFT_MAX_SIZE        (1024 * 1024)  /* bytes; larger files are refused unread */
#define TB_DRAFT_MAX_ELEMENTS    4096
#define TB_DRAFT_MAX_ATTRIBUTES  16             /* on one element */
#define TB_DRAFT_MAX_DEPTH       16             /* elements inside each other */
#define TB_DRAFT_MAX_NAME        128            /* bytes of an element or attribute name */
#define TB_DRAFT_MAX_ATTR_VALUE  1024           /* bytes of an attribute value */
#define TB_DRAFT_MAX_SHORT       128            /* bytes of a date, time stamp or warning key */
#define TB_DRAFT_MAX_REFERENCE   4096           /* bytes of the reference to last year's draft */
/* The report years a draft may hold; a file with another year is refused as damaged, so
 * nothing with another year may be saved either. */
#define TB_DRAFT_YEAR_MIN  1990
#define TB_DRAFT_YEAR_MAX  2100

#define TB_DRAFT_ERROR (tb_draft_error_quark ())

typedef enum
{
  TB_DRAFT_ERROR_IO,          /* could not read or write; message names the file */
  TB_DRAFT_ERROR_TOO_LARGE,
  TB_DRAFT_ERROR_MALFORMED,   /* not well-formed XML, a DOCTYPE, wrong root, bad structure */
  TB_DRAFT_ERROR_VERSION,     /* a file version this program does not know */
  TB_DRAFT_ERROR_FORMAT,      /* unknown report format id */
  TB_DRAFT_ERROR_CELL,        /* unknown cell id or section id */
  TB_DRAFT_ERROR_READ_ONLY,   /* saving over a read-only file (tb_file_is_read_only()) */
  TB_DRAFT_ERROR_LIMIT,       /* more than a draft may hold: attributes, elements, depth, or
                                 a text longer than its field allows (tb-field.h) */
} TbDraftError;

GQuark     tb_draft_error_quark (void);

GBytes    *tb_draft_serialize   (TbReport     *report);
TbReport  *tb_draft_parse       (const char   *data,
                                 gsize         len,
                                 GError      **error);

/* Atomic: writes a temporary file in the same folder, fsyncs it, renames it over @path.
 * On failure the previous file is untouched and @error says what happened. */
gboolean   tb_draft_save        (TbReport     *report,
                                 const char   *path,
                                 GError      **error);
TbReport  *tb_draft_load        (const char   *path,
                                 GError      **error);
/* The same, also giving the bytes read (optional @contents), for a TbFileState. */
TbReport  *tb_draft_load_full   (const char   *path,
                                 GBytes      **contents,
                                 GError      **error);

/* Same, for any bytes (used by the recovery copies and exports). */
gboolean   tb_file_write_atomic (const char   *path,
                                 const char   *data,
                                 gsize         len,
                                 GError      **error);

G_END_DECLS
