/* fuzz-draft.c: libFuzzer target for the draft loader (build-aux/run-fuzz builds and runs it)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to tb_draft_parse(). Besides "never crash, never leak", it checks
 * two properties: a rejected input always comes with a TB_DRAFT_ERROR, and an accepted one
 * survives the rules engine and a save/load round trip unchanged.
 */

#define G_LOG_DOMAIN "fuzz-draft"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "tb-draft.h"
#include "tb-rules.h"

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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbReport) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  report = tb_draft_parse ((const char *) data, size, &error);
  if (report == NULL)
    {
      if (error == NULL || error->domain != TB_DRAFT_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();

  issues = tb_rules_check (report);

  /* What was accepted must save and load back to the same file. */
  first = tb_draft_serialize (report);
  again = tb_draft_parse (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                          &again_error);
  if (again == NULL)
    {
      g_printerr ("accepted input does not load back: %s\n", again_error->message);
      abort ();
    }
  second = tb_draft_serialize (again);
  if (!g_bytes_equal (first, second))
    {
      g_printerr ("serialisation is not stable\n");
      abort ();
    }
  return 0;
}
