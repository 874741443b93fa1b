/* tb-cli.c: tianbao-cli's entry point: the command table, the overall help, dispatch
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands themselves, each with its options and help, are in tb-cli-COMMAND.c
 * (see tb-cli-commands.h); what they share is in tb-cli-context.c and tb-cli-output.c.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tb-cli.h"
#include "tb-cli-commands.h"
#include "tb-cli-output.h"

/* In the order of the help. */
static const TbCliCommand *const commands[] = {
  &tb_cli_command_new,
  &tb_cli_command_import,
  &tb_cli_command_set,
  &tb_cli_command_text,
  &tb_cli_command_meta,
  &tb_cli_command_check,
  &tb_cli_command_show,
  &tb_cli_command_cells,
  &tb_cli_command_ack,
  &tb_cli_command_formats,
  &tb_cli_command_export_pdf,
  &tb_cli_command_export_html,
  &tb_cli_command_export_docx,
  &tb_cli_command_merge,
  &tb_cli_command_convert,
};

/* A mistake before any command is known; see tb_cli_usage_error() for one after. */
static void
main_usage_error (const char *format,
                  ...) G_GNUC_PRINTF (1, 2);

static void
main_usage_error (const char *format,
                  ...)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", commands[i]->name);
  tb_cli_err ("tianbao-cli: %s\n", message);
  tb_cli_err (_("Usage: tianbao-cli COMMAND [OPTION…] [ARGUMENT…]\n"));
  tb_cli_err (_("Commands: %s\n"), names->str);
  tb_cli_err (_("Run “tianbao-cli --help” for more information.\n"));
}

static void
print_help (void)
{
  guint width = 0;

  tb_cli_out (_("Usage: tianbao-cli COMMAND [OPTION…] [ARGUMENT…]\n"));
  tb_cli_out ("\n");
  tb_cli_out (_("Fill in and check the annual report on government information disclosure "
                "(政府信息公开工作年度报告) without the graphical application.\n"));
  tb_cli_out ("\n");
  tb_cli_out (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (guint) strlen (commands[i]->name));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    tb_cli_out ("  %-*s  %s\n", (int) width, commands[i]->name,
                g_dgettext (GETTEXT_PACKAGE, commands[i]->summary));
  tb_cli_out ("\n");
  tb_cli_out (_("Options:\n"));
  tb_cli_out ("  -h, --help     %s\n", _("Show this help"));
  tb_cli_out ("  --version      %s\n", _("Show the version"));
  tb_cli_out ("\n");
  tb_cli_out (_("Run “tianbao-cli COMMAND --help” for the options of a command.\n"));
  tb_cli_out (_("Exit status: 0 success (check: the report is ready), 1 the report is not "
                "ready, 2 the file could not be read or the command was wrong.\n"));
  tb_cli_out ("\n");
  tb_cli_out (_("Example:\n"));
  tb_cli_out ("  tianbao-cli new --year 2024 --agency 盐池县审计局 -o report.tianbao\n"
              "  tianbao-cli set report.tianbao t3.r1_new.np=3 t3.r2_carry_in.np=1\n"
              "  tianbao-cli check report.tianbao\n");
}

static const TbCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];
  return NULL;
}

static int
finish (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "tianbao-cli: %s\n", _("could not write the output"));
      return TB_CLI_EXIT_FAILED;
    }
  return status;
}

int
tb_cli_main (int    argc,
             char **argv)
{
  const char *localedir = g_getenv ("TIANBAO_LOCALEDIR");
  const TbCliCommand *command;
  g_auto(GStrv) args = NULL;
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tianbao-cli");

  if (argc < 2)
    {
      main_usage_error ("%s", _("a command is missing"));
      return finish (TB_CLI_EXIT_FAILED);
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "-?") ||
      (g_str_equal (name, "help") && argc == 2))
    {
      print_help ();
      return finish (TB_CLI_EXIT_OK);
    }
  if (g_str_equal (name, "--version"))
    {
      tb_cli_out ("tianbao-cli %s\n", PACKAGE_VERSION);
      return finish (TB_CLI_EXIT_OK);
    }

  /* "help COMMAND" is "COMMAND --help". */
  if (g_str_equal (name, "help"))
    {
      command = find_command (argv[2]);
      if (command == NULL)
        {
          main_usage_error (_("unknown command “%s”"), argv[2]);
          return finish (TB_CLI_EXIT_FAILED);
        }
      args = g_new0 (char *, 3);
      args[0] = g_strdup (command->name);
      args[1] = g_strdup ("--help");
      return finish (command->run (command, args));
    }

  command = find_command (name);
  if (command == NULL)
    {
      if (name[0] == '-')
        main_usage_error (_("unknown option “%s”; options go after the command"), name);
      else
        main_usage_error (_("unknown command “%s”"), name);
      return finish (TB_CLI_EXIT_FAILED);
    }

  args = g_strdupv (argv + 1);
  return finish (command->run (command, args));
}
