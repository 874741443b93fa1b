/* tb-draft-private.h: shared by the reader, the writer and the file side of drafts
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "tb-draft.h"

G_BEGIN_DECLS

#define TB_DRAFT_ROOT_ELEMENT "tianbao-report"

/* Sets a TB_DRAFT_ERROR with @code (unless @error is set already); returns FALSE. */
gboolean   _tb_draft_fail (GError      **error,
                           TbDraftError  code,
                           const char   *format,
                           ...) G_GNUC_PRINTF (3, 4);

/* The message for a file with a document type declaration (DOCTYPE). */
const char *_tb_draft_doctype_message (void);

/* FALSE with @error set if the parsed tree holds an entity or a DTD node (tb-draft-limits.c). */
gboolean   _tb_draft_check_no_entities (xmlDoc     *doc,
                                        GError    **error);

/* Refuses, before any XML parser runs, a draft with more elements, attributes on one
 * element, depth, or longer names and attribute values than TB_DRAFT_MAX_* allow
 * (tb-draft-limits.c). */
gboolean   _tb_draft_check_limits (const char  *data,
                                   gsize        len,
                                   GError     **error);

/* Shared by the reader's parts (tb-draft-read.c): FALSE with @error set on anything between
 * elements other than blanks, comments and processing instructions; the errors for an
 * unexpected element or text, and a missing attribute. */
gboolean   _tb_draft_check_between     (xmlNode     *node,
                                        GError     **error);
gboolean   _tb_draft_fail_unexpected   (GError     **error,
                                        xmlNode     *node);
gboolean   _tb_draft_fail_missing_attr (GError     **error,
                                        xmlNode     *node,
                                        const char  *attr);
/* An attribute, with what XML cannot hold replaced (tb-draft-write.c). */
void       _tb_draft_set_attr          (xmlNode     *node,
                                        const char  *name,
                                        const char  *value);

/* A summary's <combined> element (tb-draft-combined.c). */
gboolean   _tb_draft_load_combined     (TbReport    *report,
                                        xmlNode     *node,
                                        GError     **error);
void       _tb_draft_write_combined    (xmlNode     *root,
                                        TbReport    *report);

G_END_DECLS
