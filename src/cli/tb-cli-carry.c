/* tb-cli-carry.c: tianbao-cli new --from (last year's report) and merge (county roll-up)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The option parsing is in tb-cli.c with the other commands; this file does the work with
 * tb-carry and tb-merge and prints what happened for a clerk.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-cli-private.h"
#include "tb-draft.h"
#include "tb-merge.h"
#include "tb-rules.h"

/* How many problems to show per input that is not ready. */
#define MERGE_MESSAGES_PER_INPUT 3

static char *
display_name (const char *path)
{
  return g_filename_display_name (path);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);

  return g_file_equal (fa, fb);
}

/* ------------------------------------------------------------------ check */

void
tb_cli_attach_previous (TbReport   *report,
                        const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!tb_carry_load_previous (report, path, &error))
    tb_cli_err (_("Warning: %s; the checks against last year's report were skipped.\n"),
                error->message);
}

/* ------------------------------------------------------------------ new --from */

/* The official row labels of the cells filled in @report, in format order, each once. */
static char *
filled_rows (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);
      const char *label = *spec->row_label ? spec->row_label : spec->label;

      if (tb_report_get_cell (report, i)->state == TB_CELL_EMPTY)
        continue;
      if (!g_ptr_array_find_with_equal_func (rows, label, g_str_equal, NULL))
        g_ptr_array_add (rows, (gpointer) label);
    }
  g_ptr_array_add (rows, NULL);
  return g_strjoinv ("、", (char **) rows->pdata);
}

int
tb_cli_new_from (const char *from,
                 const char *output,
                 int         year,
                 const char *agency,
                 gboolean    copy_texts,
                 gboolean    force)
{
  g_autoptr(TbReport) previous = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unedited = NULL;
  g_autofree char *name = display_name (output);
  g_autofree char *from_name = display_name (from);
  g_autofree char *reference = NULL;
  g_autofree char *title = NULL;
  g_autofree char *rows = NULL;
  const TbFormat *format;
  const TbFormat *old_format;
  guint n_filled;

  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      tb_cli_err (_("%s already exists; use --force to overwrite it.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }
  if (g_file_test (output, G_FILE_TEST_EXISTS) && same_file (output, from))
    {
      tb_cli_err (_("%s is last year's report; choose another file for the new one.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }
  previous = tb_cli_load_report (from);
  if (previous == NULL)
    return TB_CLI_EXIT_FAILED;

  report = tb_carry_new_from_previous (previous, year,
                                       copy_texts ? TB_CARRY_TEXTS : TB_CARRY_NONE, &error);
  if (report == NULL)
    {
      tb_cli_err ("%s: %s\n", from_name, error->message);
      return TB_CLI_EXIT_FAILED;
    }
  if (agency != NULL && *agency != '\0')
    tb_report_set_agency (report, agency);
  reference = tb_carry_make_reference (output, from);
  tb_report_set_previous (report, reference);

  /* Before saving: the count covers only what came from last year. */
  n_filled = tb_report_count_filled (report);
  rows = filled_rows (report);
  if (!tb_draft_save (report, output, &error))
    {
      tb_cli_err (_("%s: not saved: %s\n"), name, error->message);
      return TB_CLI_EXIT_FAILED;
    }

  format = tb_report_get_format (report);
  old_format = tb_report_get_format (previous);
  title = tb_report_dup_title (report);
  tb_cli_out (_("Created %s: %s (format %s, %s)\n"), name, title, tb_format_get_id (format),
              tb_format_get_document (format));
  if (old_format != format)
    tb_cli_out (_("Last year's report is in the %s format: only what both formats share "
                  "carries over; table 二 starts empty.\n"),
                tb_format_get_id (old_format));
  if (n_filled > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "Carried over from last year's report: %u cell (%s).\n",
                             "Carried over from last year's report: %u cells (%s).\n",
                             n_filled),
                n_filled, rows);
  else
    tb_cli_out (_("Nothing to carry over: last year's 四、结转下年度继续办理 is not filled "
                  "in.\n"));

  unedited = tb_carry_list_unedited_texts (report, previous);
  if (unedited->len > 0)
    {
      g_autoptr(GString) headings = g_string_new (NULL);

      for (guint i = 0; i < unedited->len; i++)
        g_string_append_printf (headings, "%s%s", i ? "、" : "",
                                tb_format_find_section (format,
                                                        g_ptr_array_index (unedited, i))->heading);
      tb_cli_out (_("Texts copied from last year as a starting point: %s. They are flagged "
                    "until they are rewritten for this year.\n"),
                  headings->str);
    }
  tb_cli_out (_("Last year's report is referenced as %s; “tianbao-cli check” compares this "
                "report with it.\n"),
              reference);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ merge */

static void
print_input (const TbMergeInput *in)
{
  g_autofree char *source = display_name (in->source);
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

int
tb_cli_merge (const char *output,
              const char *agency,
              const char *breakdown,
              char      **inputs,
              gboolean    force)
{
  g_autoptr(TbMerge) merge = tb_merge_new ();
  g_autoptr(TbReport) summary = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *name = display_name (output);
  g_autofree char *csv_name = NULL;
  g_autofree char *title = NULL;
  guint n_inputs = g_strv_length (inputs);
  guint n_ready = 0, n_empty = 0, n_table_issues = 0;
  const TbFormat *format;

  csv_path = breakdown ? g_strdup (breakdown) : default_breakdown_path (output);
  csv_name = display_name (csv_path);
  if (!force)
    {
      const char *existing = g_file_test (output, G_FILE_TEST_EXISTS) ? name
                             : g_file_test (csv_path, G_FILE_TEST_EXISTS) ? csv_name : NULL;

      if (existing != NULL)
        {
          tb_cli_err (_("%s already exists; use --force to overwrite it.\n"), existing);
          return TB_CLI_EXIT_FAILED;
        }
    }
  if (same_file (output, csv_path))
    {
      tb_cli_err (_("The summary and the breakdown cannot both be %s.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }

  /* Every input, or nothing: a county total without one agency would be wrong. */
  for (guint i = 0; i < n_inputs; i++)
    {
      g_autoptr(TbReport) report = NULL;
      g_autofree char *input_name = display_name (inputs[i]);

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

  if (!tb_draft_save (summary, output, &error))
    {
      tb_cli_err (_("%s: not saved: %s\n"), name, error->message);
      return TB_CLI_EXIT_FAILED;
    }
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
  tb_cli_print_check (summary, output, FALSE, FALSE);

  return n_ready == n_inputs && n_table_issues == 0 ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
}
