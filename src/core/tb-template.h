/* tb-template.h: texts with {placeholders}, filled in from values
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report formats write their sentences and their official wording as templates:
 * "{year}年，本机关共发出收费通知{s6.fee_notices}件…", "草稿：尚有 {count} 处校验错误". A
 * placeholder is a name between braces; a "{" without a closing "}" is plain text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (transfer full): the value of the placeholder @name, or NULL when there is none. */
typedef char *(*TbTemplateFunc) (const char *name,
                                 gpointer    user_data);

/* (transfer full): @tmpl with its text copied and each {name} replaced by what @func gives
 * for name; NULL as soon as @func gives NULL (a value is missing). */
char   *tb_template_expand    (const char     *tmpl,
                               TbTemplateFunc  func,
                               gpointer        user_data);

/* (transfer full): @tmpl with each {name} named in the NULL-terminated list of name, value
 * pairs replaced by its value; other placeholders are kept as they are. */
char   *tb_template_fill      (const char     *tmpl,
                               ...) G_GNUC_NULL_TERMINATED;

/* (transfer full): a GRegex pattern matching what @tmpl gives when filled in: its text
 * exactly, each placeholder as @value_pattern. */
char   *tb_template_to_regex  (const char     *tmpl,
                               const char     *value_pattern);

G_END_DECLS
