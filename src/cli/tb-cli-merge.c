/* tb-cli-merge.c: tianbao-cli merge: the reports of several agencies added up into a summary
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does the work with TbMergeStream (any number of reports, constant memory) and prints what happened for a clerk: each report, whether it
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
#include "tb-merge-stream.h"
#include "tb-merge.h"
#include "tb-rules.h"

/* How many problems to show per input that is not ready. */
#define MERGE_MESSAGES_PER_INPUT 3

static int run_merge (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_merge = {
  "merge", N_("-o SUMMARY.tianbao REPORT.tianbao…"),
  N_("Combine the reports of several agencies into one summary report"),
  N_("Adds up every table cell of reports on the same year in the same format. Each report "
     "is read, checked and added in turn, on every processor, so that any number of reports "
     "can be combined (a county, a city, a province). Summaries can be combined again: "
     "the summary records how many agencies it covers and the files it was made from "
     "(name and SHA-256), and a summary given with one of its own inputs, or two "
     "summaries made from the same file, are refused as counting a report twice. One that is not ready is listed with "
     "its first problems, and where its cells are not filled the sums are left empty. The "
     "summary's totals are computed from its parts, its texts are left to write, and it "
     "is checked. Amounts given in different units (元, 万元) are added up in 万元.\n"
     "A report that cannot be read, is on another year or in another format, or is given "
     "twice (the same file, also through a link, or a copy with the same contents) stops "
     "the merge: nothing is written. --leave-out combines the others without it instead, "
     "and says so.\n"
     "A breakdown by agency is written beside the summary as CSV (UTF-8, opens in Excel, "
     "WPS and LibreOffice): by default one row per report (agency, file, year, format, "
     "status, counts of problems, then one column per cell under header rows with its "
     "official labels) and a last row with the sums; --breakdown-by cell makes one row "
     "per cell and one column per report instead (at most 16,379 reports). --breakdown "
     "chooses another file.\n"
     "Exit status: 0 every report ready and the summary's tables consistent, 1 otherwise "
     "(also when reports were left out), 2 nothing combined.\n"
     "Example: tianbao-cli merge -o 县汇总.tianbao --agency 某县人民政府办公室 "
     "审计局.tianbao 财政局.tianbao 教育局.tianbao"),
  0, G_MAXUINT, { NULL, },
  run_merge,
};

typedef struct
{
  char         **inputs;
  gboolean       leave_out;
  gboolean       header_printed;
  guint          n_inputs;
  GCancellable  *stop;       /* cancelled at the first input not counted, without --leave-out */
  GPtrArray     *left_out;   /* char*: why each input left out is not counted */
  char          *refusal;    /* what stopped the merge */
} MergeRun;

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);

  return g_file_equal (fa, fb);
}

static void
print_header (MergeRun          *run,
              const TbMergeItem *item)
{
  if (run->header_printed || item->format == NULL)
    return;
  run->header_printed = TRUE;
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                           "%u report on %d, format %s:\n",
                           "%u reports on %d, format %s:\n", run->n_inputs),
              run->n_inputs, item->year, tb_format_get_id (item->format));
}

static void
print_not_ready (const TbMergeItem *item)
{
  guint shown = 0;

  tb_cli_out (_("  NOT READY  %s  %s: "), item->source, item->agency);
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", item->n_errors),
              item->n_errors);
  tb_cli_out (", ");
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u cell not filled or unreadable",
                           "%u cells not filled or unreadable", item->n_unfilled),
              item->n_unfilled);
  tb_cli_out (", ");
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u other part incomplete",
                           "%u other parts incomplete", item->n_incomplete),
              item->n_incomplete);
  tb_cli_out ("\n");
  for (guint i = 0; item->issues != NULL && i < item->issues->len &&
                    shown < MERGE_MESSAGES_PER_INPUT; i++)
    {
      const TbIssue *issue = g_ptr_array_index (item->issues, i);

      if (issue->severity == TB_SEVERITY_WARNING)
        continue;
      tb_cli_out ("      %s %s: %s\n",
                  issue->severity == TB_SEVERITY_ERROR ? _("error") : _("incomplete"),
                  issue->key, issue->message);
      shown++;
    }
  if (item->n_errors + item->n_incomplete > shown)
    tb_cli_out (_("      … run “tianbao-cli check %s” for the whole list\n"), item->source);
}

/* Each input, in order, as it is taken. */
static void
on_item (const TbMergeItem *item,
         gpointer           user_data)
{
  MergeRun *run = user_data;

  if (g_cancellable_is_cancelled (run->stop))
    return;
  switch (item->status)
    {
    case TB_MERGE_ITEM_READY:
      print_header (run, item);
      tb_cli_out (_("  ready      %s  %s\n"), item->source, item->agency);
      break;
    case TB_MERGE_ITEM_NOT_READY:
      print_header (run, item);
      print_not_ready (item);
      break;
    case TB_MERGE_ITEM_FAILED:
    case TB_MERGE_ITEM_REFUSED:
    default:
      if (!run->leave_out)
        {
          run->refusal = g_strdup (item->error->message);
          g_cancellable_cancel (run->stop);
          return;
        }
      tb_cli_out (_("  LEFT OUT   %s: %s\n"), item->source, item->error->message);
      g_ptr_array_add (run->left_out, g_strdup (item->error->message));
      return;
    }
  if (item->n_agencies > 1)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "             a summary of %u agency\n",
                             "             a summary of %u agencies\n", item->n_agencies),
                item->n_agencies);
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
merge_reports (const char       *output,
               const char       *agency,
               const char       *breakdown,
               TbBreakdownShape  shape,
               char            **inputs,
               gboolean          force,
               gboolean          replace_draft,
               gboolean          leave_out)
{
  g_autoptr(TbMergeStream) merge = tb_merge_stream_new ();
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GPtrArray) left_out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *name = g_filename_display_name (output);
  g_autofree char *csv_name = NULL;
  g_autofree char *title = NULL;
  MergeRun run = { inputs, leave_out, FALSE, g_strv_length (inputs), stop, left_out, NULL };
  guint n_counted, n_ready, n_empty = 0, n_table_issues = 0;
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

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      /* The same name: the file to create does not exist yet, or is this input. */
      if (same_file (inputs[i], output) || same_file (inputs[i], csv_path))
        {
          g_autofree char *input_name = g_filename_display_name (inputs[i]);

          tb_cli_err (_("%s is one of the reports to combine; choose another output file.\n"),
                      input_name);
          return TB_CLI_EXIT_FAILED;
        }
      tb_merge_stream_add_file (merge, inputs[i]);
    }

  /* Every input counted, or nothing (unless --leave-out): a county total without one
   * agency, or with one twice, would be wrong. The breakdown file is written only if the
   * run succeeds. */
  tb_merge_stream_set_breakdown_file (merge, shape, csv_path);
  tb_merge_stream_set_item_func (merge, on_item, &run);
  if (!tb_merge_stream_run (merge, stop, &error))
    {
      if (run.refusal != NULL)
        {
          tb_cli_err ("%s\n", run.refusal);
          tb_cli_err (_("Nothing was combined. Correct or remove that report, or give "
                        "--leave-out to combine the others without it.\n"));
          g_free (run.refusal);
        }
      else
        {
          tb_cli_err ("%s\n", error->message);
          tb_cli_err (_("Nothing was combined.\n"));
        }
      return TB_CLI_EXIT_FAILED;
    }

  format = tb_merge_stream_get_format (merge);
  n_counted = tb_merge_stream_get_n_counted (merge);
  n_ready = tb_merge_stream_get_n_ready (merge);
  summary = tb_merge_stream_build (merge, agency, &notes, &error);
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

  title = tb_report_dup_title (summary);
  tb_cli_out ("\n");
  tb_cli_out (_("Summary saved as %s: %s\n"), name, title);
  tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                           "It covers %u agency, from %u files; it can be combined again "
                           "with other summaries.\n",
                           "It covers %u agencies, from %u files; it can be combined again "
                           "with other summaries.\n", tb_merge_stream_get_n_agencies (merge)),
              tb_merge_stream_get_n_agencies (merge), n_counted);
  if (left_out->len > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%u of %u reports was left out: the summary covers the other %u.\n",
                             "%u of %u reports were left out: the summary covers the other %u.\n",
                             left_out->len),
                left_out->len, run.n_inputs, n_counted);
  if (n_ready < n_counted)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%u of %u reports is not ready: where its cells are not filled, "
                             "the sums are left empty (%u cells of the summary).\n",
                             "%u of %u reports are not ready: where their cells are not filled, "
                             "the sums are left empty (%u cells of the summary).\n",
                             n_counted - n_ready),
                n_counted - n_ready, n_counted, n_empty);
  tb_cli_out (_("The texts are left for the summary's author; the totals were computed from "
                "the sums of their parts.\n"));
  if (shape == TB_BREAKDOWN_BY_CELL)
    tb_cli_out (_("Breakdown by agency saved as %s (one row per cell, one column per report, "
                  "and the sum).\n"),
                csv_name);
  else
    tb_cli_out (_("Breakdown by agency saved as %s (one row per report, one column per cell, "
                  "and the sums).\n"),
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

  return n_ready == run.n_inputs && n_table_issues == 0 ? TB_CLI_EXIT_OK
                                                         : TB_CLI_EXIT_NOT_READY;
}

static int
run_merge (const TbCliCommand  *command,
           char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *breakdown = NULL;
  g_autofree char *breakdown_by = NULL;
  gboolean force = FALSE, replace_draft = FALSE, leave_out = FALSE;
  TbBreakdownShape shape = TB_BREAKDOWN_BY_REPORT;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The summary draft to create (*.tianbao)"), N_("FILE") },
    { "agency", 0, 0, G_OPTION_ARG_FILENAME, &agency,
      N_("The agency the summary is for, e.g. 某县人民政府办公室"), N_("AGENCY") },
    { "breakdown", 0, 0, G_OPTION_ARG_FILENAME, &breakdown,
      N_("Where to write the breakdown by agency (default: beside the summary, .csv)"),
      N_("FILE.csv") },
    { "breakdown-by", 0, 0, G_OPTION_ARG_STRING, &breakdown_by,
      N_("One row per report (the default) or one row per cell"), N_("report|cell") },
    { "leave-out", 0, 0, G_OPTION_ARG_NONE, &leave_out,
      N_("Combine the others when a report cannot be read, does not match or is given "
         "twice (refused otherwise)"), NULL },
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
  if (breakdown_by != NULL && g_str_equal (breakdown_by, "cell"))
    shape = TB_BREAKDOWN_BY_CELL;
  else if (breakdown_by != NULL && !g_str_equal (breakdown_by, "report"))
    return tb_cli_usage_error (command, _("--breakdown-by is “report” or “cell”, not “%s”"),
                               breakdown_by);
  if (agency)
    g_strstrip (agency);
  if (!tb_cli_check_utf8 (command, "--agency", agency) ||
      !tb_cli_check_field (command, TB_FIELD_AGENCY, agency))
    return TB_CLI_EXIT_FAILED;
  return merge_reports (output, agency, breakdown, shape, ctx.args + 1, force, replace_draft,
                        leave_out);
}
