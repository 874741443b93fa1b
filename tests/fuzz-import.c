/* fuzz-import.c: libFuzzer target for the text and HTML readers and the importer
 * (build-aux/run-fuzz BUILD_DIR SECONDS import builds and runs it)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to the HTML reader (first byte odd) or the text reader (even), then
 * to the importer. Besides "never crash, never leak, never hang", it checks that a refusal
 * comes with a message in a known domain, that everything read is valid UTF-8, that the log
 * has one entry per cell, that a blank cell is never filled, and that an imported report
 * survives the rules engine and a save/load round trip.
 */

#define G_LOG_DOMAIN "fuzz-import"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "tb-draft.h"
#include "tb-html-reader.h"
#include "tb-import.h"
#include "tb-rules.h"
#include "tb-text-reader.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_source (const TbSource *source)
{
  for (guint i = 0; i < source->blocks->len; i++)
    {
      const TbSourceBlock *block = g_ptr_array_index (source->blocks, i);

      if (block->kind == TB_BLOCK_PARAGRAPH && !g_utf8_validate (block->text, -1, NULL))
        abort ();
      for (guint c = 0; block->kind == TB_BLOCK_TABLE && c < block->cells->len; c++)
        {
          const TbSourceCell *cell = g_ptr_array_index (block->cells, c);

          if (!g_utf8_validate (cell->text, -1, NULL) || cell->rowspan == 0 ||
              cell->colspan == 0 || cell->row + cell->rowspan > block->n_rows ||
              cell->col + cell->colspan > block->n_columns)
            abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbSource) source = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(TbReport) again = NULL;

  if (size < 1)
    return 0;
  bytes = g_bytes_new (data + 1, size - 1);
  source = (data[0] & 1) ? tb_html_reader_read (bytes, &error) :
                           tb_text_reader_read (bytes, &error);
  if (source == NULL)
    {
      if (error == NULL || error->domain != TB_SOURCE_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  check_source (source);

  report = tb_import_source (source, "fuzz", NULL, &log, &error);
  if (report == NULL)
    {
      if (error == NULL || error->domain != TB_IMPORT_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (log->cells->len != tb_format_get_n_cells (tb_report_get_format (report)))
    abort ();
  for (guint i = 0; i < log->cells->len; i++)
    {
      const TbImportCell *c = &g_array_index (log->cells, TbImportCell, i);
      const TbCellValue *v = tb_report_get_cell (report, c->cell);

      /* Blank, uncertain and missing cells stay empty; read ones are filled. */
      if ((c->status == TB_IMPORT_CELL_BLANK || c->status == TB_IMPORT_CELL_UNCERTAIN ||
           c->status == TB_IMPORT_CELL_MISSING) && v->state != TB_CELL_EMPTY)
        abort ();
      if ((c->status == TB_IMPORT_CELL_READ || c->status == TB_IMPORT_CELL_DERIVED) &&
          v->state == TB_CELL_EMPTY)
        abort ();
    }
  g_free (tb_import_log_format (log));
  issues = tb_rules_check (report);

  /* What was imported must save and load back. */
  if (tb_report_get_year (report) < TB_DRAFT_YEAR_MIN ||
      tb_report_get_year (report) > TB_DRAFT_YEAR_MAX)
    return 0;
  saved = tb_draft_serialize (report);
  again = tb_draft_parse (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  if (again == NULL)
    {
      g_printerr ("an imported report does not load back: %s\n", error->message);
      abort ();
    }
  return 0;
}
