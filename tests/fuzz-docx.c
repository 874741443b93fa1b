/* fuzz-docx.c: libFuzzer target for the Word reader (build-aux/run-fuzz docx builds and runs it)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An input starting with "PK" is read as a whole .docx (zip limits, the package); any other
 * input is the main document part, put into a package first, so that the fuzzer works on
 * the WordprocessingML walker (runs, fields, tables, merges) rather than on deflate. Besides
 * "never crash, never leak", it checks that a refused input comes with a TB_DOCX_ERROR and
 * a message, and that what is read is a sane TbSource: every cell inside its table's grid,
 * with spans of at least one, and valid UTF-8 everywhere.
 */

#define G_LOG_DOMAIN "fuzz-docx"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tb-docx-reader.h"
#include "tb-zip.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or warning (a failed g_return_if_fail) is a bug: make it a crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static GBytes *
package (const uint8_t *data,
         size_t         size)
{
  g_autoptr(TbZipWriter) writer = tb_zip_writer_new ();
  g_autoptr(GBytes) part = g_bytes_new (data, size);
  GBytes *docx;

  tb_zip_writer_add_string (writer, "[Content_Types].xml", "<Types/>");
  tb_zip_writer_add (writer, "word/document.xml", part);
  tb_zip_writer_add_string (writer, "docProps/core.xml",
                            "<cp:coreProperties xmlns:cp=\"urn:x\" "
                            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                            "<dc:title>报告</dc:title></cp:coreProperties>");
  docx = tb_zip_writer_finish (writer, NULL);
  if (docx == NULL)
    abort ();
  return docx;
}

static void
check_source (const TbSource *source)
{
  if (source->kind != TB_SOURCE_DOCX ||
      (source->title != NULL && !g_utf8_validate (source->title, -1, NULL)))
    abort ();
  for (guint i = 0; i < source->blocks->len; i++)
    {
      TbSourceBlock *b = g_ptr_array_index (source->blocks, i);

      if (b->kind == TB_BLOCK_PARAGRAPH)
        {
          if (b->text == NULL || *b->text == '\0' || !g_utf8_validate (b->text, -1, NULL) ||
              strchr (b->text, '\n') != NULL)
            abort ();
          continue;
        }
      for (guint k = 0; k < b->cells->len; k++)
        {
          TbSourceCell *c = g_ptr_array_index (b->cells, k);

          if (c->rowspan < 1 || c->colspan < 1 || c->row + c->rowspan > b->n_rows ||
              c->col + c->colspan > b->n_columns || !g_utf8_validate (c->text, -1, NULL) ||
              tb_source_table_get_cell ((TbSourceBlock *) b, c->row, c->col) == NULL)
            abort ();
        }
    }
  for (guint i = 0; i < source->notes->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (source->notes, i), -1, NULL))
      abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(TbSource) source = NULL;

  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    docx = g_bytes_new (data, size);
  else
    docx = package (data, size);

  source = tb_docx_read (docx, &error);
  if (source == NULL)
    {
      if (error == NULL || error->domain != TB_DOCX_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();
  check_source (source);
  return 0;
}
