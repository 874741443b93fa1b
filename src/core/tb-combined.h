/* tb-combined.h: what a summary covers: how many agencies, from which files
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A summary made by a roll-up (tb-merge-stream.h) records how many agencies it covers (an
 * agency's own report counts 1, a summary the agencies it covers), how many files it was
 * made from, and those files: each one's base name and the SHA-256 of its bytes. A draft
 * keeps this as
 *
 *   <combined agencies="152" inputs="12">
 *     <input name="某县汇总.tianbao" sha256="…64 hex digits…"/>
 *     …
 *   </combined>
 *
 * Summaries can so be combined again (county → city → province → country) with the right
 * count of agencies, and a roll-up refuses to count a report twice: a summary together
 * with one of its own inputs, or two summaries made from the same file. Only the files a
 * summary was made from directly are known (not their own inputs). A roll-up of more than
 * TB_COMBINED_MAX_LISTED files records the counts only (a draft must stay small).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TB_COMBINED_MAX_LISTED   1000
#define TB_COMBINED_MAX_AGENCIES 100000000u
#define TB_SHA256_HEX_LEN        64

typedef struct
{
  char *name;    /* the file's base name, as it was */
  char *sha256;  /* lower-case hex */
} TbCombinedInput;

typedef struct _TbCombined TbCombined;

TbCombined            *tb_combined_new            (guint              n_agencies,
                                                   guint              n_inputs);
TbCombined            *tb_combined_copy           (const TbCombined  *self);
void                   tb_combined_free           (TbCombined        *self);

guint                  tb_combined_get_n_agencies (const TbCombined  *self);
guint                  tb_combined_get_n_inputs   (const TbCombined  *self);
/* The files listed: all @n_inputs of them, or none (more than TB_COMBINED_MAX_LISTED). */
guint                  tb_combined_get_n_listed   (const TbCombined  *self);
const TbCombinedInput *tb_combined_get_listed     (const TbCombined  *self,
                                                   guint              index);
void                   tb_combined_add_listed     (TbCombined        *self,
                                                   const char        *name,
                                                   const char        *sha256);
/* The listed input with @sha256, or NULL. */
const TbCombinedInput *tb_combined_find           (const TbCombined  *self,
                                                   const char        *sha256);

/* Whether @text is a SHA-256 in lower-case hex. */
gboolean               tb_sha256_is_valid         (const char        *text);
/* (transfer full): the SHA-256 of @data, lower-case hex. */
char                  *tb_sha256_hex              (const guint8      *data,
                                                   gsize              len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbCombined, tb_combined_free)

G_END_DECLS
