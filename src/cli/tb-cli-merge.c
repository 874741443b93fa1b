/* tb-cli-merge.c: tianbao-cli merge: the reports of several agencies added up into a summary
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does the work with tb-merge and prints what happened for a clerk: each report, whether it
 * was ready, the summary and its breakdown by agency, and the check of the summary.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-cli-commands.h"
#include "tb-cli-issues.h"
#include "tb-cli-output.h"
#include "tb-draft.h"
#include "tb-file-guard.h"
#include "tb-merge.h"
#include "tb-rules.h"

/* How many problems to show per input that is not ready. */
#define MERGE_MESSAGES_PER_INPUT 3

static int run_merge (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_merge = {
  "merge", N_("-o SUMMARY.tianbao REPORT.tianbao…"),
  N_("Combine the reports of several agencies into one summary report"),
  N_("Adds up every table cell of reports on the same year in the same format (others are "
     "refused). Each report is checked first; one that is not ready is listed with its "
     "first problems, and where its cells are not filled the sums are left empty. The "
     "summary's totals are computed from its parts, its texts are left to write, and it "
     "is checked. Amounts given in different units (元, 万元) are added up in 万元.\n"
     "A breakdown by agency is written beside the summary as CSV (UTF-8, opens in Excel "
     "and WPS): one row per cell with its official labels, one column per report, and the "
     "sum. --breakdown chooses another file.\n"
     "Exit status: 0 every report ready and the summary's tables consistent, 1 otherwise, "
     "2 nothing combined (a report could not be read, or years or formats differ).\n"
     "Example: tianbao-cli merge -o 县汇总.tianbao --agency 某县人民政府办公室 "
     "审计局.tianbao 财政局.tianbao 教育局.tianbao"),
  0, G_MAXUINT, { NULL, },
  run_merge,
};

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);

  return g_file_equal (fa, fb);
}

static void
print_input (const TbMergeInput *in)
{
  g_autofree char *source = g_filename_display_name (in->source);
  guint shown = 0;

  if (in->ready)
    {
      tb_cli_out (_("  ready      %s  %s\n"), source, in->name);
      return;
    }
  tb_cli_out (_("  NOT READY  %s  %s: "), source, in->name);
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", in->n_errors),
              in->n_errors);
  tb_cli_out (", ");
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u cell not filled or unreadable",
                           "%u cells not filled or unreadable", in->n_unfilled),
              in->n_unfilled);
  tb_cli_out (", ");
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u other part incomplete",
                           "%u other parts incomplete", in->n_incomplete),
              in->n_incomplete);
  tb_cli_out ("\n");
  for (guint i = 0; i < in->issues->len && shown < MERGE_MESSAGES_PER_INPUT; i++)
    {
      const TbIssue *issue = g_ptr_array_index (in->issues, i);

      if (issue->severity == TB_SEVERITY_WARNING)
        continue;
      tb_cli_out ("      %s %s: %s\n",
                  issue->severity == TB_SEVERITY_ERROR ? _("error") : _("incomplete"),
                  issue->key, issue->message);
      shown++;
    }
  if (in->n_errors + in->n_incomplete > shown)
    tb_cli_out (_("      … run “tianbao-cli check %s” for the whole list\n"), source);
}

static char *
default_breakdown_path (const char *output)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s%s%s.csv", g_str_equal (dir, ".") ? "" : dir,
                          g_str_equal (dir, ".") ? "" : G_DIR_SEPARATOR_S, base);
}

static int
merge_reports (const char *output,
               const char *agency,
               const char *breakdown,
               char      **inputs,
               gboolean    force,
               gboolean    replace_draft)
{
  g_autoptr(TbMerge) merge = tb_merge_new ();
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *name = g_filename_display_name (output);
  g_autofree char *csv_name = NULL;
  g_autofree char *title = NULL;
  guint n_inputs = g_strv_length (inputs);
  guint n_ready = 0, n_empty = 0, n_table_issues = 0;
  const TbFormat *format;

  csv_path = breakdown ? g_strdup (breakdown) : default_breakdown_path (output);
  csv_name = g_filename_display_name (csv_path);
  if (same_file (output, csv_path) || tb_file_is_same (output, csv_path))
    {
      tb_cli_err (_("The summary and the breakdown cannot both be %s.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }
  /* Never over a report to combine, even through a link; the breakdown never over a
   * report at all unless --replace-draft says so. */
  if (!tb_cli_check_output (output, (const char *const *) inputs,
                            TB_CLI_OUTPUT_DRAFT | TB_CLI_OUTPUT_NEED_FORCE, force, FALSE,
                            NULL) ||
      !tb_cli_check_output (csv_path, (const char *const *) inputs, TB_CLI_OUTPUT_NEED_FORCE,
                            force, replace_draft, _("the breakdown by agency (CSV)")))
    return TB_CLI_EXIT_FAILED;

  /* Every input, or nothing: a county total without one agency would be wrong. */
  for (guint i = 0; i < n_inputs; i++)
    {
      g_autoptr(TbReport) report = NULL;
      g_autofree char *input_name = g_filename_display_name (inputs[i]);

      /* The same name: the file to create does not exist yet, or is this input. */
      if (same_file (inputs[i], output) || same_file (inputs[i], csv_path))
        {
          tb_cli_err (_("%s is one of the reports to combine; choose another output file.\n"),
                      input_name);
          return TB_CLI_EXIT_FAILED;
        }
      report = tb_cli_load_report (inputs[i]);
      if (report == NULL)
        {
          tb_cli_err (_("Nothing was combined.\n"));
          return TB_CLI_EXIT_FAILED;
        }
      if (!tb_merge_add (merge, report, input_name, &error))
        {
          tb_cli_err ("%s\n", error->message);
          tb_cli_err (_("Nothing was combined.\n"));
          return TB_CLI_EXIT_FAILED;
        }
    }

  format = tb_merge_get_format (merge);
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                           "%u report on %d, format %s:\n",
                           "%u reports on %d, format %s:\n", n_inputs),
              n_inputs, tb_merge_get_year (merge), tb_format_get_id (format));
  for (guint i = 0; i < n_inputs; i++)
    {
      const TbMergeInput *in = tb_merge_get_input (merge, i);

      print_input (in);
      n_ready += in->ready;
    }

  summary = tb_merge_build (merge, agency, &notes, &error);
  if (summary == NULL)
    {
      tb_cli_err ("%s\n", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    n_empty += tb_report_get_cell (summary, i)->state == TB_CELL_EMPTY &&
               tb_format_find_table (format, tb_format_get_cell (format, i)->table_id);

  if (notes->len > 0)
    {
      tb_cli_out (_("Notes:\n"));
      for (guint i = 0; i < notes->len; i++)
        tb_cli_out ("  %s\n", (const char *) g_ptr_array_index (notes, i));
    }

  if (!tb_cli_save_report (summary, output))
    return TB_CLI_EXIT_FAILED;
  csv = tb_merge_breakdown_csv (merge, summary);
  if (!tb_file_write_atomic (csv_path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                             &error))
    {
      tb_cli_err (_("%s: not saved: %s\n"), csv_name, error->message);
      return TB_CLI_EXIT_FAILED;
    }

  title = tb_report_dup_title (summary);
  tb_cli_out ("\n");
  tb_cli_out (_("Summary saved as %s: %s\n"), name, title);
  if (n_ready < n_inputs)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%u of %u reports is not ready: where its cells are not filled, "
                             "the sums are left empty (%u cells of the summary).\n",
                             "%u of %u reports are not ready: where their cells are not filled, "
                             "the sums are left empty (%u cells of the summary).\n",
                             n_inputs - n_ready),
                n_inputs - n_ready, n_inputs, n_empty);
  tb_cli_out (_("The texts are left for the summary's author; the totals were computed from "
                "the sums of their parts.\n"));
  tb_cli_out (_("Breakdown by agency saved as %s (one row per cell, one column per report, "
                "and the sum).\n"),
              csv_name);

  /* The rules on the summary, as “check” prints them. */
  tb_cli_out ("\n");
  issues = tb_rules_check (summary);
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      /* The texts are the author's to write: not a failure of the merge. */
      if (issue->severity != TB_SEVERITY_WARNING && issue->kind != TB_ISSUE_TEXT)
        n_table_issues++;
    }
  tb_cli_issues_print (summary, output, FALSE, FALSE);

  return n_ready == n_inputs && n_table_issues == 0 ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
}

static int
run_merge (const TbCliCommand  *command,
           char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *breakdown = NULL;
  gboolean force = FALSE, replace_draft = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The summary draft to create (*.tianbao)"), N_("FILE") },
    { "agency", 0, 0, G_OPTION_ARG_FILENAME, &agency,
      N_("The agency the summary is for, e.g. 某县人民政府办公室"), N_("AGENCY") },
    { "breakdown", 0, 0, G_OPTION_ARG_FILENAME, &breakdown,
      N_("Where to write the breakdown by agency (default: beside the summary, .csv)"),
      N_("FILE.csv") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite the files if they exist"),
      NULL },
    { "replace-draft", 0, 0, G_OPTION_ARG_NONE, &replace_draft,
      N_("Allow the breakdown to replace a Tianbao report (refused otherwise)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (output == NULL)
    return tb_cli_usage_error (command, "%s", _("the file to create is missing (-o FILE)"));
  if (ctx.n_args < 1)
    return tb_cli_usage_error (command, "%s", _("the reports to combine are missing"));
  if (agency)
    g_strstrip (agency);
  if (!tb_cli_check_utf8 (command, "--agency", agency) ||
      !tb_cli_check_field (command, TB_FIELD_AGENCY, agency))
    return TB_CLI_EXIT_FAILED;
  return merge_reports (output, agency, breakdown, ctx.args + 1, force, replace_draft);
}
