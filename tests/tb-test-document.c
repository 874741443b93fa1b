/* tb-test-document.c: what the tests of an open report share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of tb-test-document.h.
 */

#define G_LOG_DOMAIN "tb-test-document"

#include "config.h"

#include <glib.h>

#include "tb-test-document.h"
#include "tb-test-util.h"

void
tb_test_doc_type (TbDocument *doc,
                  const char *id,
                  const char *text)
{
  tb_test_type (tb_document_get_report (doc), id, text);
}

char *
tb_test_doc_path (const char *name)
{
  g_autofree char *dir = tb_test_make_dir (g_get_home_dir (), "docs", NULL);

  return g_build_filename (dir, name, NULL);
}

TbDocument *
tb_test_saved_document (const char *name)
{
  g_autoptr(TbDocument) doc = tb_document_new (2025, "某市某局");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tb_test_doc_path (name);

  tb_test_doc_type (doc, "t2.reg.made", "1");
  g_assert_true (tb_document_save_as (doc, path, &error));
  g_assert_no_error (error);
  g_clear_object (&doc);

  doc = tb_document_open (path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&doc);
}

void
tb_test_count_notify (GObject    *object,
                      GParamSpec *pspec,
                      guint      *count)
{
  (*count)++;
}
