/* tb-cli-check.c: tianbao-cli check (the rules of the report's format) and ack (warnings)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cli-commands.h"
#include "tb-cli-issues.h"
#include "tb-cli-output.h"
#include "tb-cli-verdicts.h"
#include "tb-file-guard.h"
#include "tb-import.h"
#include "tb-rules.h"

static int run_check (const TbCliCommand *command, char **args);
static int run_ack   (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_check = {
  "check", N_("FILE…|FOLDER"),
  N_("Check reports against the rules of their format"),
  N_("Prints the errors, the warnings and what is not filled in yet. FILE is a draft or a "
     "published report (web page, text, Word, PDF), which is imported on the fly: nothing "
     "is written.\n"
     "Several files, a folder (the files in it) or --csv give one line per file, and with "
     "--json or --csv a table: file, kind, agency, year, format, ready, errors, warnings, "
     "incomplete, the rules broken, the cells the import could not read.\n"
     "Exit status: 0 ready (all of them), 1 not ready, 2 a file could not be read.\n"
     "Example: tianbao-cli check reports/ --csv verdicts.csv"),
  1, G_MAXUINT, { N_("the report file is missing"), },
  run_check,
};

const TbCliCommand tb_cli_command_ack = {
  "ack", N_("FILE KEY"),
  N_("Acknowledge a warning"),
  N_("KEY is the warning's key as printed by “tianbao-cli check”, e.g. T3-7. "
     "Errors cannot be acknowledged; they must be fixed."),
  2, 2, { N_("the report file is missing"), N_("the warning's key is missing") },
  run_ack,
};

/* ------------------------------------------------------------------ check */

static int
run_check (const TbCliCommand  *command,
           char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *draft = NULL;
  gboolean json = FALSE, verbose = FALSE, force = FALSE;
  int status;
  const char *path;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("List every rule not checked yet and every empty cell"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
      N_("Write a table of the verdicts to OUT (CSV, UTF-8)"), N_("OUT.csv") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite the table if it exists"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  path = ctx.args[1];
  if (ctx.n_args > 1 || csv != NULL || g_file_test (path, G_FILE_TEST_IS_DIR))
    return tb_cli_verdicts_run (ctx.args + 1, json, csv, force);

  /* One draft: as it always was, with last year's report for the cross-year rules. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS) || tb_file_is_draft (path))
    {
      if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_PREVIOUS))
        return TB_CLI_EXIT_FAILED;
      return tb_cli_issues_print (ctx.report, ctx.path, json, verbose);
    }
  /* One published report: imported in memory, what it could not read said first. */
  report = tb_import_load_file (path, NULL, &log, &error);
  if (report == NULL)
    {
      tb_cli_err ("%s\n", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  if (!json)
    {
      text = tb_import_log_format (log);
      tb_cli_out ("%s\n", text);
    }
  /* The hints (ack, convert …) work on a draft: the one `tianbao-cli import` would write. */
  draft = tb_cli_draft_name_for (path, NULL);
  status = tb_cli_issues_print (report, draft, json, verbose);
  if (!json && status != TB_CLI_EXIT_OK)
    {
      g_autofree char *quoted = g_shell_quote (path);

      tb_cli_out (_("To correct it, import it first: tianbao-cli import %s\n"), quoted);
    }
  return status;
}

/* ------------------------------------------------------------------ ack */

/* The warning raised under @key, or NULL. */
static const TbIssue *
find_warning (GPtrArray  *issues,
              const char *key)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->key, key) == 0 && issue->severity == TB_SEVERITY_WARNING)
        return issue;
    }
  return NULL;
}

/* Says why @key cannot be acknowledged, and which keys can. */
static void
print_not_a_warning (const char *name,
                     const char *key,
                     gboolean    is_rule,
                     GPtrArray  *issues)
{
  g_autoptr(GString) warnings = g_string_new (NULL);

  if (is_rule)
    tb_cli_err (_("%s is not a warning: only warnings can be acknowledged, errors must be "
                  "fixed.\n"), key);
  else
    tb_cli_err (_("No warning has the key “%s”.\n"), key);
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == TB_SEVERITY_WARNING)
        g_string_append_printf (warnings, "  %s  %s\n", issue->key, issue->message);
    }
  if (warnings->len > 0)
    tb_cli_err (_("The warnings of %s are:\n%s"), name, warnings->str);
  else
    tb_cli_err (_("%s has no warnings now.\n"), name);
}

static int
run_ack (const TbCliCommand  *command,
         char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(GPtrArray) issues = NULL;
  gboolean undo = FALSE, is_rule;
  TbSeverity severity = TB_SEVERITY_ERROR;
  const TbIssue *raised;
  const char *key;
  const GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Take the acknowledgement back"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries) ||
      !tb_cli_context_load (&ctx, TB_CLI_LOAD_PREVIOUS | TB_CLI_LOAD_WRITE))
    return TB_CLI_EXIT_FAILED;
  key = ctx.args[2];
  is_rule = tb_rules_lookup_key (tb_report_get_format (ctx.report), key, &severity);
  issues = tb_rules_check (ctx.report);
  raised = find_warning (issues, key);

  /* Taking back an acknowledgement of a key no longer known is allowed: it cleans up. */
  /* A raised warning may also come from the engine itself (PREV-YEAR), not a format rule. */
  if (!(undo && tb_report_is_acknowledged (ctx.report, key)) && raised == NULL &&
      (!is_rule || severity != TB_SEVERITY_WARNING))
    {
      print_not_a_warning (ctx.name, key, is_rule, issues);
      return TB_CLI_EXIT_FAILED;
    }

  tb_report_set_acknowledged (ctx.report, key, !undo);
  if (!tb_cli_context_save (&ctx))
    return TB_CLI_EXIT_FAILED;
  if (undo)
    tb_cli_out (_("%s: warning %s is no longer acknowledged.\n"), ctx.name, key);
  else if (raised)
    tb_cli_out (_("%s: warning %s acknowledged: %s\n"), ctx.name, key, raised->message);
  else
    tb_cli_out (_("%s: warning %s acknowledged (it is not raised at the moment).\n"), ctx.name,
                key);
  return TB_CLI_EXIT_OK;
}
