/* tb-cli-import.c: tianbao-cli import: published reports read into new drafts
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file (a portal's web page, copied text, a Word document, a PDF: told apart by their
 * content, tb_import_load_file()) becomes a new draft, by default NAME.tianbao beside it.
 * For each the command prints what it read and what it could not, with where in the file,
 * and then the usual check of the new draft. It never writes over an existing file without
 * --force, and never over its input.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-cli-commands.h"
#include "tb-cli-issues.h"
#include "tb-cli-output.h"
#include "tb-file-guard.h"
#include "tb-import.h"

static int run_import (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_import = {
  "import", N_("FILE…"),
  N_("Read published reports (web page, text, Word, PDF) into new drafts"),
  N_("Each FILE becomes a new draft, NAME.tianbao beside it unless -o or --outdir say "
     "otherwise. The kind of file is told by its content, not its name. For each file "
     "the format, year and agency, the cells read, left blank and unreadable (with where "
     "they are in the file) and the texts found are printed, then the check of the new "
     "draft. A cell that could not be placed with certainty is left empty and listed, "
     "never guessed.\n"
     "Exit status: 0 every draft is ready, 1 some draft is not ready, 2 a file could not "
     "be imported or written.\n"
     "Example: tianbao-cli import 2023年年报.html --outdir drafts/"),
  1, G_MAXUINT, { N_("the file to import is missing"), },
  run_import,
};

typedef struct
{
  TbImportOptions  options;
  const char      *output;   /* -o, or NULL */
  const char      *outdir;   /* --outdir, or NULL */
  gboolean         force;
  gboolean         dump;
  gboolean         verbose;
} ImportArgs;

/* Imports @path; returns the exit code for it. */
static int
import_one (const ImportArgs *a,
            const char       *path)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *output = NULL;
  g_autofree char *out_name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(TbReport) report = NULL;
  const char *inputs[] = { path, NULL };

  if (a->dump)
    {
      g_autoptr(GBytes) data = NULL;
      g_autoptr(TbSource) source = NULL;

      data = tb_import_read_file (path, &error);
      if (data == NULL)
        {
          tb_cli_err ("%s\n", error->message);
          return TB_CLI_EXIT_FAILED;
        }
      source = tb_import_read_source (data, name, &error);
      if (source == NULL)
        {
          tb_cli_err ("%s\n", error->message);
          return TB_CLI_EXIT_FAILED;
        }
      text = tb_source_dump (source);
      tb_cli_out_str (text);
      return TB_CLI_EXIT_OK;
    }

  output = a->output ? g_strdup (a->output) : tb_cli_draft_name_for (path, a->outdir);
  /* Checked before the work, and the file is written only if it passes. */
  if (!tb_cli_check_output (output, inputs, TB_CLI_OUTPUT_DRAFT | TB_CLI_OUTPUT_NEED_FORCE,
                            a->force, FALSE, NULL))
    return TB_CLI_EXIT_FAILED;

  report = tb_import_load_file (path, &a->options, &log, &error);
  if (report == NULL)
    {
      tb_cli_err ("%s\n", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  text = tb_import_log_format (log);
  tb_cli_out_str (text);
  if (!tb_cli_save_report (report, output))
    return TB_CLI_EXIT_FAILED;
  out_name = g_filename_display_name (output);
  tb_cli_out (_("  written to %s\n"), out_name);
  return tb_cli_issues_print (report, output, FALSE, a->verbose);
}

static int
run_import (const TbCliCommand  *command,
            char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *output = NULL;
  g_autofree char *outdir = NULL;
  g_autofree char *format_id = NULL;
  g_autofree char *agency = NULL;
  ImportArgs a = { { 0, }, };
  int year = 0, status = TB_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the draft to OUT (one FILE only)"), N_("OUT.tianbao") },
    { "outdir", 0, 0, G_OPTION_ARG_FILENAME, &outdir,
      N_("Write the drafts into DIR"), N_("DIR") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("The year of the reports, when their titles do not say it"), N_("YEAR") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_id,
      N_("The format of the reports (default: told by their labels)"), N_("FORMAT") },
    { "agency", 0, 0, G_OPTION_ARG_FILENAME, &agency,
      N_("The agency, when the titles do not say it"), N_("AGENCY") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &a.force, N_("Overwrite drafts that exist"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &a.verbose,
      N_("List every rule not checked yet and every empty cell"), NULL },
    { "dump", 0, 0, G_OPTION_ARG_NONE, &a.dump,
      N_("Only print what the reader saw (paragraphs and tables); write nothing"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (output != NULL && outdir != NULL)
    return tb_cli_usage_error (command, "%s", _("-o and --outdir cannot be used together"));
  if (output != NULL && ctx.n_args > 1)
    return tb_cli_usage_error (command, "%s",
                               _("-o names one draft; for several files use --outdir"));
  if (output != NULL && !g_str_has_suffix (output, TB_DRAFT_SUFFIX))
    return tb_cli_usage_error (command, _("the draft's name must end in %s"), TB_DRAFT_SUFFIX);
  if (outdir != NULL && !g_file_test (outdir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = g_filename_display_name (outdir);

      return tb_cli_usage_error (command, _("%s is not a folder"), shown);
    }
  if (year != 0 && !tb_cli_check_year (command, year))
    return TB_CLI_EXIT_FAILED;
  if (format_id != NULL && tb_cli_lookup_format (command, format_id) == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_check_utf8 (command, "--agency", agency) ||
      !tb_cli_check_field (command, TB_FIELD_AGENCY, agency))
    return TB_CLI_EXIT_FAILED;

  a.options.year = year;
  a.options.format_id = format_id;
  a.options.agency = agency;
  a.output = output;
  a.outdir = outdir;
  for (guint i = 1; i <= ctx.n_args; i++)
    {
      int one;

      if (i > 1 && !a.dump)
        tb_cli_out ("\n");
      one = import_one (&a, ctx.args[i]);
      status = MAX (status, one);
    }
  return status;
}
