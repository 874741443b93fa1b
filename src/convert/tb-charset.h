/* tb-charset.h: bytes of text in an unknown encoding, read as UTF-8
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports reach Tianbao as UTF-8 (with or without a byte order mark), as GB18030 or its
 * subsets GBK and GB2312 (older portals and Windows editors), or as UTF-16 with a byte order
 * mark (Notepad's "Unicode"). The text and HTML readers decode through here: a declared
 * encoding is tried first, then UTF-8, then GB18030 (which every byte sequence of GBK and
 * GB2312 is); iconv (g_convert) does the work.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @data looks like binary data rather than text in any of the encodings above
 * (NUL bytes outside UTF-16, or many control characters). */
gboolean  tb_charset_looks_binary (const char  *data,
                                   gsize        len);

/* Whether @name (from <meta charset>, case-insensitive) names GB2312, GBK or GB18030. */
gboolean  tb_charset_is_gb        (const char  *name);

/* @text with the full-width forms of ASCII (（）１．，Ａ) as ASCII and the ideographic space
 * as a space: what NFKC does to the labels and numbers of a report, at a fraction of its
 * cost. (transfer full) */
char     *tb_charset_fold_width   (const char  *text);

/**
 * tb_charset_decode:
 * @data: the bytes
 * @len: their length
 * @declared: (nullable): the encoding the document declares, or NULL
 * @used: (out) (optional): the encoding read ("UTF-8", "UTF-16LE", "GB18030" …), static
 * @note: (out) (optional) (transfer full): a translated note when the bytes were not what
 *   they declared, or had to be repaired (unreadable bytes replaced by U+FFFD); else NULL
 * @error: TB_SOURCE_ERROR_BINARY or TB_SOURCE_ERROR_ENCODING
 *
 * Returns: (transfer full): the text as valid UTF-8 without a byte order mark, or NULL.
 */
char     *tb_charset_decode       (const char  *data,
                                   gsize        len,
                                   const char  *declared,
                                   const char **used,
                                   char       **note,
                                   GError     **error);

G_END_DECLS
