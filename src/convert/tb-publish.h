/* tb-publish.h: a report's content as it is published, in order, for the writers
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF (src/render/tb-layout*.c) prints a report as: the title, the preface, then each
 * section in order (its heading; a text section's standard sentence and paragraphs, or a
 * table section's table with its merges), then optionally the sign-off (落款). The HTML and
 * Word writers print the same content in the same order: they walk the blocks made here,
 * so the two cannot drift apart. Every word comes from the format data or the report.
 */
#pragma once

#include "tb-report.h"

G_BEGIN_DECLS

typedef enum
{
  TB_BLOCK_DRAFT_MARK,  /* text: the draft mark, on a draft only (first) */
  TB_BLOCK_TITLE,       /* text: the title; lead: the agency, when the title starts with it
                           and is too long for one line (break after it, as the PDF does) */
  TB_BLOCK_PREFACE,     /* text: the preface */
  TB_BLOCK_HEADING,     /* text: a section heading (一、总体情况); section */
  TB_BLOCK_SUBHEADING,  /* text: a paragraph that is only a level-2 heading （一）主动公开 */
  TB_BLOCK_PARAGRAPH,   /* lead: a level-2 heading that runs into the paragraph
                             (（一）主动公开。), or NULL; text: the rest */
  TB_BLOCK_TABLE,       /* section, table */
  TB_BLOCK_SIGN_OFF,    /* text: the agency (may be empty); lead: the date as printed */
} TbPublishKind;

typedef struct
{
  TbPublishKind        kind;
  char                *lead;
  char                *text;
  const TbSectionSpec *section;   /* the section the block belongs to, or NULL */
  const TbTableSpec   *table;     /* TB_BLOCK_TABLE */
} TbPublishBlock;

typedef enum
{
  TB_PUBLISH_DEFAULT  = 0,
  TB_PUBLISH_SIGN_OFF = 1 << 0,   /* end with the agency and the report date (落款) */
  /* Mark a report that is not ready as a draft (the format's draft mark with the number of
   * errors and unfilled parts, tb_readiness_count_blocking_issues()); nothing when ready. */
  TB_PUBLISH_DRAFT    = 1 << 1,
} TbPublishFlags;

/* The blocks of @report, in print order. (transfer full) of TbPublishBlock */
GPtrArray  *tb_publish_blocks        (TbReport        *report,
                                      TbPublishFlags   flags);

/* The text of a value cell as the PDF prints it: the value with its unit where the cell has
 * its own (251000元), what was typed when it cannot be read, NULL when empty. All text is
 * valid UTF-8. (transfer full) */
char       *tb_publish_cell_text     (TbReport        *report,
                                      guint            cell);

/* @text as valid UTF-8 with every character that XML 1.0 does not allow (C0 controls but
 * tab and newline, U+FFFE, U+FFFF) replaced by U+FFFD. (transfer full) */
char       *tb_publish_clean_text    (const char      *text);

/* Appends @text, cleaned, escaped for XML and HTML text and attribute values. */
void        tb_publish_append_escaped (GString        *out,
                                       const char     *text);

G_END_DECLS
