/* tb-cli-export.c: tianbao-cli export-pdf: the report as PDF in the official layout
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-draft.h"
#include "tb-pdf.h"
#include "tb-pdf-fonts.h"
#include "tb-readiness.h"

static int run_export_pdf (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_export_pdf = {
  "export-pdf", N_("FILE [-o OUT.pdf]"),
  N_("Export the report as PDF in the official layout"),
  N_("A report with errors or unfilled cells is exported only with --draft; every page "
     "then says “草稿：尚有 N 处校验错误”, N counting the errors and unfilled parts.\n"
     "Exit status: 0 exported, 1 not ready (nothing written), 2 failure.\n"
     "Example: tianbao-cli export-pdf report.tianbao -o report.pdf --sign-off"),
  1, 1, { N_("the report file is missing"), },
  run_export_pdf,
};

/* The PDF path next to the draft: report.tianbao → report.pdf. */
static char *
default_pdf_path (const char *draft)
{
  g_autofree char *stem = g_str_has_suffix (draft, ".tianbao")
                          ? g_strndup (draft, strlen (draft) - strlen (".tianbao"))
                          : g_strdup (draft);

  return g_strconcat (stem, ".pdf", NULL);
}

static int
run_export_pdf (const TbCliCommand  *command,
                char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TbLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *output = NULL;
  g_autofree char *out_name = NULL;
  g_autofree char *what = NULL;
  g_autofree char *in_name = NULL;
  g_autofree char *previous = NULL;
  gboolean sign_off = FALSE, draft = FALSE, replace_draft = FALSE;
  TbLayoutOptions options = { 0, };
  guint issues;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the PDF to OUT (default: FILE with .pdf instead of .tianbao)"), N_("OUT") },
    { "sign-off", 0, 0, G_OPTION_ARG_NONE, &sign_off,
      N_("End with the agency and the report date (落款), for the signed paper copy"), NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft,
      N_("Export even if the report has errors or unfilled cells; every page is marked "
         "as a draft"), NULL },
    { "replace-draft", 0, 0, G_OPTION_ARG_NONE, &replace_draft,
      N_("Allow the PDF to replace a Tianbao report named OUT (refused otherwise)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (output == NULL)
    output = default_pdf_path (ctx.args[1]);
  out_name = g_filename_display_name (output);
  in_name = g_filename_display_name (ctx.args[1]);
  /* The same name is the same file even before the report exists. */
  if (g_str_equal (output, ctx.args[1]))
    return tb_cli_usage_error (command, "%s", _("the PDF would overwrite the report file"));
  if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_PREVIOUS))
    return TB_CLI_EXIT_FAILED;
  /* TRANSLATORS: %s is the report's file name */
  what = g_strdup_printf (_("the PDF of %s"), in_name);
  /* Last year's report is read too. */
  previous = tb_carry_resolve_reference (ctx.path, tb_report_get_previous (ctx.report));
  {
    const char *inputs[] = { ctx.path, previous, NULL };

    if (!tb_cli_check_output (output, inputs, TB_CLI_OUTPUT_DEFAULT, FALSE, replace_draft,
                              what))
      return TB_CLI_EXIT_FAILED;
  }

  /* Errors and unfilled cells both mean the report is not ready to publish. */
  issues = tb_readiness_count_blocking_issues (ctx.report);
  if (issues > 0 && !draft)
    {
      tb_cli_err (g_dngettext (GETTEXT_PACKAGE,
                               "%s has %u error or unfilled part; not exported.\n",
                               "%s has %u errors or unfilled parts; not exported.\n",
                               issues),
                  ctx.name, issues);
      tb_cli_err (_("Run “tianbao-cli check %s” to see them, or export a draft with "
                    "--draft.\n"), ctx.path);
      return TB_CLI_EXIT_NOT_READY;
    }
  options.sign_off = sign_off;
  options.draft_issues = issues;

  layout = tb_pdf_layout_new (ctx.report, &options);
  pdf = tb_pdf_render_layout (layout, ctx.report, &error);
  if (pdf == NULL ||
      !tb_file_write_atomic (output, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                             &error))
    {
      tb_cli_err (_("%s: not exported: %s\n"), out_name, error->message);
      return TB_CLI_EXIT_FAILED;
    }
  if (issues > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%s: exported %u page as a draft (%u issue left)\n",
                             "%s: exported %u pages as a draft (%u issues left)\n",
                             tb_layout_get_n_pages (layout)),
                out_name, tb_layout_get_n_pages (layout), issues);
  else
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: exported %u page\n",
                             "%s: exported %u pages\n", tb_layout_get_n_pages (layout)),
                out_name, tb_layout_get_n_pages (layout));
  return TB_CLI_EXIT_OK;
}
