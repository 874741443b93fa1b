/* tb-test-document.h: what the tests of an open report share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-document.c (saving, conflicts and autosave) and test-document-async.c
 * (opening, saving and the recovery copy in a worker): typing into a document, files in
 * ~/docs of the isolated home, a saved document, counting notifications.
 */
#pragma once

#include <glib-object.h>

#include "tb-document.h"

G_BEGIN_DECLS

/* Types @text into the cell @id of @doc's report. */
void        tb_test_doc_type       (TbDocument *doc,
                                    const char *id,
                                    const char *text);
/* The path of @name in ~/docs (created if missing). */
char       *tb_test_doc_path       (const char *name);
/* A saved document at @name with one value. */
TbDocument *tb_test_saved_document (const char *name);
/* A "notify" handler that adds one to *@count. */
void        tb_test_count_notify   (GObject    *object,
                                    GParamSpec *pspec,
                                    guint      *count);

G_END_DECLS
