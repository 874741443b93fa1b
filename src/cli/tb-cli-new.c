/* tb-cli-new.c: tianbao-cli new: a new report draft, empty or from last year's report (--from)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * new --from does the work with tb-carry and prints what was carried over for a clerk.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "tb-carry.h"
#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-file-guard.h"

static int run_new (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_new = {
  "new", N_("-o FILE --year YEAR --agency AGENCY"),
  N_("Create a new report draft"),
  N_("The format follows from the year: reports on 2020 and earlier use the 2019 format, "
     "later ones the 2021 format, unless --format says otherwise.\n"
     "Example: tianbao-cli new --year 2024 --agency 盐池县审计局 -o report.tianbao"),
  0, G_MAXUINT, { NULL, },
  run_new,
};

/* ------------------------------------------------------------------ helpers */

static void
print_created (TbReport   *report,
               const char *name)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *title = tb_report_dup_title (report);

  tb_cli_out (_("Created %s: %s (format %s, %s)\n"), name, title, tb_format_get_id (format),
              tb_format_get_document (format));
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

static int
new_from (const char *from,
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
  g_autofree char *name = g_filename_display_name (output);
  g_autofree char *from_name = g_filename_display_name (from);
  g_autofree char *reference = NULL;
  g_autofree char *rows = NULL;
  const TbFormat *format;
  const TbFormat *old_format;
  guint n_filled;

  if (g_str_equal (output, from) || tb_file_is_same (output, from))
    {
      tb_cli_err (_("%s is last year's report; choose another file for the new one.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }
  if (!tb_cli_check_output (output, NULL, TB_CLI_OUTPUT_DRAFT | TB_CLI_OUTPUT_NEED_FORCE, force,
                            FALSE, NULL))
    return TB_CLI_EXIT_FAILED;
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
  if (!tb_cli_save_report (report, output))
    return TB_CLI_EXIT_FAILED;

  format = tb_report_get_format (report);
  old_format = tb_report_get_format (previous);
  print_created (report, name);
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
    {
      g_autofree char *sources = tb_carry_join_sources (format);

      tb_cli_out (_("Nothing to carry over: last year's %s is not filled in.\n"), sources);
    }

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

/* ------------------------------------------------------------------ new */

static int
run_new (const TbCliCommand  *command,
         char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *format_id = NULL;
  g_autofree char *preparer = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autoptr(TbReport) report = NULL;
  int year = 0;
  gboolean manual_totals = FALSE, force = FALSE, no_texts = FALSE;
  const TbFormat *format;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The draft file to create (*.tianbao)"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("Start from last year's report: the figures it carries into this year, its "
         "agency and contact, its texts as a starting point"), N_("LAST.tianbao") },
    { "no-texts", 0, 0, G_OPTION_ARG_NONE, &no_texts,
      N_("With --from: do not copy last year's texts"), NULL },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year the report is on"), N_("YEAR") },
    { "agency", 0, 0, G_OPTION_ARG_FILENAME, &agency,
      N_("The agency's full name, as in the title"), N_("AGENCY") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_id,
      N_("The report format (see “tianbao-cli formats”); default: the one for the year"),
      N_("FORMAT") },
    { "preparer", 0, 0, G_OPTION_ARG_FILENAME, &preparer, N_("Who fills in the report"),
      N_("NAME") },
    { "contact", 0, 0, G_OPTION_ARG_FILENAME, &contact, N_("Telephone or e-mail"),
      N_("CONTACT") },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date, N_("Date of the report"),
      N_("YYYY-MM-DD") },
    { "manual-totals", 0, 0, G_OPTION_ARG_NONE, &manual_totals,
      N_("Type the totals by hand instead of computing them from their parts"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite FILE if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;

  /* The file to create may also be given as the one argument. */
  if (output == NULL && ctx.n_args == 1)
    output = g_strdup (ctx.args[1]);
  else if (ctx.n_args > 0)
    return tb_cli_usage_error (command, _("unexpected argument “%s”"), ctx.args[1]);
  if (output == NULL)
    return tb_cli_usage_error (command, "%s", _("the file to create is missing (-o FILE)"));
  if (year == 0)
    return tb_cli_usage_error (command, "%s", _("the year is missing (--year YEAR)"));
  if (!tb_cli_check_year (command, year))
    return TB_CLI_EXIT_FAILED;
  if (agency)
    g_strstrip (agency);
  if (from != NULL)
    {
      if (!tb_cli_check_utf8 (command, "--agency", agency) ||
          !tb_cli_check_field (command, TB_FIELD_AGENCY, agency))
        return TB_CLI_EXIT_FAILED;
      return new_from (from, output, year, agency, !no_texts, force);
    }
  if (agency == NULL || *agency == '\0')
    return tb_cli_usage_error (command, "%s", _("the agency is missing (--agency AGENCY)"));
  if (!tb_cli_check_utf8 (command, "--agency", agency) ||
      !tb_cli_check_utf8 (command, "--preparer", preparer) ||
      !tb_cli_check_utf8 (command, "--contact", contact) ||
      !tb_cli_check_field (command, TB_FIELD_AGENCY, agency) ||
      !tb_cli_check_field (command, TB_FIELD_PREPARER, preparer) ||
      !tb_cli_check_field (command, TB_FIELD_CONTACT, contact) ||
      !tb_cli_check_date (command, date))
    return TB_CLI_EXIT_FAILED;

  if (format_id)
    {
      g_autofree char *years = NULL;

      format = tb_cli_lookup_format (command, format_id);
      if (format == NULL)
        return TB_CLI_EXIT_FAILED;
      years = tb_cli_format_years (format);
      if (year < tb_format_get_first_year (format) || year > tb_format_get_last_year (format))
        tb_cli_err (_("Warning: format %s is for reports on %s, not on %d.\n"),
                    tb_format_get_id (format), years, year);
    }
  else
    {
      format = tb_format_for_year (year);
      if (format == NULL)
        {
          tb_cli_err (_("No report format is known for %d.\n"), year);
          return TB_CLI_EXIT_FAILED;
        }
    }

  name = g_filename_display_name (output);
  if (!tb_cli_check_output (output, NULL, TB_CLI_OUTPUT_DRAFT | TB_CLI_OUTPUT_NEED_FORCE, force,
                            FALSE, NULL))
    return TB_CLI_EXIT_FAILED;
  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      tb_cli_err (_("%s is a folder.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }

  report = tb_report_new (format);
  tb_report_set_agency (report, agency);
  tb_report_set_year (report, year);
  if (preparer && *preparer)
    tb_report_set_preparer (report, preparer);
  if (contact && *contact)
    tb_report_set_contact (report, contact);
  if (date && *date)
    tb_report_set_report_date (report, date);
  tb_report_set_manual_totals (report, manual_totals);
  if (!tb_cli_save_report (report, output))
    return TB_CLI_EXIT_FAILED;

  print_created (report, name);
  return TB_CLI_EXIT_OK;
}
