/* tb-cli-convert.c: tianbao-cli convert: a report moved into the format for its year
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report whose year does not fit its format (a 2019-format report on 2024, hand-edited or
 * from another tool) is an error of the rules (TB_RULES_YEAR); this is its easy way out.
 * Whatever has the same id in both formats moves (tb_report_convert()). A conversion that
 * would drop filled cells is written to a new file only, so that nothing is lost.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-report-convert.h"

static int run_convert (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_convert = {
  "convert", N_("FILE [-o NEW.tianbao]"),
  N_("Move a report into the format for its year"),
  N_("Without --format, the format is the one for the report's year (see “tianbao-cli "
     "formats”). Cells, texts and details with the same id in both formats move over. "
     "A conversion that would leave filled cells behind is only written to a new file "
     "(-o), so that the original keeps them.\n"
     "Example: tianbao-cli convert report.tianbao -o report-2021.tianbao"),
  1, 1, { N_("the report file is missing"), },
  run_convert,
};

static int
run_convert (const TbCliCommand  *command,
             char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(TbReport) converted = NULL;
  g_autofree char *format_id = NULL;
  g_autofree char *output = NULL;
  g_autofree char *out_name = NULL;
  gboolean force = FALSE;
  const TbFormat *from, *to;
  guint dropped = 0;
  int year;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_id,
      N_("The format to convert to (default: the one for the report's year)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the converted report to NEW instead of replacing FILE"), N_("NEW") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite NEW if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  to = format_id ? tb_cli_lookup_format (command, format_id) : NULL;
  if (format_id && to == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_context_load (&ctx, output ? TB_CLI_LOAD_DEFAULT : TB_CLI_LOAD_WRITE))
    return TB_CLI_EXIT_FAILED;

  from = tb_report_get_format (ctx.report);
  year = tb_report_get_year (ctx.report);
  if (to == NULL)
    {
      to = tb_format_for_year (year);
      /* It falls back to the nearest format; only one for the year will do. */
      if (to == NULL || year < tb_format_get_first_year (to) ||
          year > tb_format_get_last_year (to))
        {
          tb_cli_err (_("No report format is known for %d; change the year first "
                        "(tianbao-cli meta %s --year YEAR).\n"), year, ctx.path);
          return TB_CLI_EXIT_FAILED;
        }
    }
  if (to == from && output == NULL)
    {
      tb_cli_out (_("%s is already in format %s; nothing to do.\n"), ctx.name,
                  tb_format_get_id (to));
      return TB_CLI_EXIT_OK;
    }

  converted = tb_report_convert (ctx.report, to, &dropped);
  if (output == NULL)
    {
      if (dropped > 0)
        {
          tb_cli_err (g_dngettext (GETTEXT_PACKAGE,
                                   "%s: %u filled cell has no place in format %s; write the "
                                   "converted report to a new file (-o NEW.tianbao) to keep "
                                   "this one as it is.\n",
                                   "%s: %u filled cells have no place in format %s; write the "
                                   "converted report to a new file (-o NEW.tianbao) to keep "
                                   "this one as it is.\n", dropped),
                      ctx.name, dropped, tb_format_get_id (to));
          return TB_CLI_EXIT_FAILED;
        }
      g_set_object (&ctx.report, converted);
      if (!tb_cli_context_save (&ctx))
        return TB_CLI_EXIT_FAILED;
      out_name = g_strdup (ctx.name);
    }
  else
    {
      const char *inputs[] = { ctx.path, NULL };

      if (!tb_cli_check_output (output, inputs, TB_CLI_OUTPUT_DRAFT | TB_CLI_OUTPUT_NEED_FORCE,
                                force, FALSE, NULL) ||
          !tb_cli_save_report (converted, output))
        return TB_CLI_EXIT_FAILED;
      out_name = g_filename_display_name (output);
    }

  tb_cli_out (_("%s: converted from format %s to %s (%s).\n"), out_name,
              tb_format_get_id (from), tb_format_get_id (to), tb_format_get_document (to));
  if (dropped > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%u filled cell of %s has no place in format %s and was left "
                             "out; %s keeps it.\n",
                             "%u filled cells of %s have no place in format %s and were left "
                             "out; %s keeps them.\n", dropped),
                dropped, ctx.name, tb_format_get_id (to), ctx.name);
  tb_cli_out (_("Check it: tianbao-cli check %s\n"), output ? output : ctx.path);
  return TB_CLI_EXIT_OK;
}
