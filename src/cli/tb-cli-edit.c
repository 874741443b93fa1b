/* tb-cli-edit.c: tianbao-cli set (cells) and meta (agency, year, preparer, contact, date)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-rules.h"

static int run_set  (const TbCliCommand *command, char **args);
static int run_meta (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_set = {
  "set", N_("FILE ID=VALUE…"),
  N_("Fill in cells"),
  N_("IDs are listed by “tianbao-cli cells FILE”. Full-width digits are accepted; an empty "
     "VALUE clears the cell. If any value is refused, nothing is saved.\n"
     "Totals are computed from their parts unless the report has manual totals "
     "(--manual-totals).\n"
     "Example: tianbao-cli set report.tianbao t3.r1_new.np=3 t3.r2_carry_in.np=1"),
  1, G_MAXUINT, { N_("the report file is missing"), },
  run_set,
};

const TbCliCommand tb_cli_command_meta = {
  "meta", N_("FILE"),
  N_("Set or print the agency, year, preparer, contact and date"),
  N_("Without options, prints the details. An empty value clears a detail.\n"
     "Example: tianbao-cli meta report.tianbao --preparer 张三 --date 2025-01-20"),
  1, 1, { N_("the report file is missing"), },
  run_meta,
};

/* ------------------------------------------------------------------ cell ids */

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = MIN (strlen (a), 64), lb = MIN (strlen (b), 64);
  guint row[65];

  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

/* The ids a user probably meant: ids starting or ending with what was typed, else the
 * nearest ones by edit distance. (transfer full) */
static char *
suggest_cells (const TbFormat *format,
               const char     *typed)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n = tb_format_get_n_cells (format);
  guint best = G_MAXUINT;
  g_autofree char *dotted = g_strconcat (".", typed, NULL);

  for (guint i = 0; i < n && found->len < 8; i++)
    {
      const char *id = tb_format_get_cell (format, i)->id;

      if (*typed && (g_str_has_prefix (id, typed) || g_str_has_suffix (id, dotted)))
        g_ptr_array_add (found, (gpointer) id);
    }
  if (found->len == 0)
    {
      for (guint i = 0; i < n; i++)
        best = MIN (best, edit_distance (typed, tb_format_get_cell (format, i)->id));
      if (best <= MAX (2, strlen (typed) / 4))
        for (guint i = 0; i < n && found->len < 5; i++)
          if (edit_distance (typed, tb_format_get_cell (format, i)->id) == best)
            g_ptr_array_add (found, (gpointer) tb_format_get_cell (format, i)->id);
    }
  if (found->len == 0)
    return NULL;
  g_ptr_array_add (found, NULL);
  return g_strjoinv (", ", (char **) found->pdata);
}

/* ------------------------------------------------------------------ set */

/* Sets the cell of one ID=VALUE argument (number @i), or says in @problems why not; sets
 * *@usage_problem when the argument itself is wrong rather than its value. */
static gboolean
set_one (TbReport   *report,
         const char *arg,
         guint       i,
         GString    *problems,
         gboolean   *usage_problem)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *eq = strchr (arg, '=');
  const TbCellSpec *spec;

  if (!g_utf8_validate (arg, -1, NULL))
    {
      g_string_append_printf (problems, _("Argument %u is not valid UTF-8 text.\n"), i);
      *usage_problem = TRUE;
      return FALSE;
    }
  if (eq == NULL)
    {
      g_string_append_printf (problems, _("“%s” is not ID=VALUE.\n"), arg);
      *usage_problem = TRUE;
      return FALSE;
    }
  id = g_strstrip (g_strndup (arg, (gsize) (eq - arg)));
  spec = tb_format_find_cell (format, id);
  if (spec == NULL)
    {
      g_autofree char *hint = suggest_cells (format, id);

      if (hint)
        g_string_append_printf (problems, _("Unknown cell id “%s”. Did you mean: %s?\n"),
                                id, hint);
      else
        g_string_append_printf (problems, _("Unknown cell id “%s”.\n"), id);
      *usage_problem = TRUE;
      return FALSE;
    }
  if (spec->total_rule >= 0 && !tb_report_get_manual_totals (report))
    {
      g_string_append_printf (problems,
                              _("%s（%s）: this is a total, computed from its parts in "
                                "this report. To type totals yourself, create the report "
                                "with “tianbao-cli new --manual-totals”, or switch this "
                                "one with “tianbao-cli set --manual-totals FILE …”.\n"),
                              spec->id, spec->label);
      return FALSE;
    }
  if (!tb_report_set_cell_text (report, spec->index, eq + 1, &error))
    {
      /* TRANSLATORS: cell id, its official label, why the value was refused */
      g_string_append_printf (problems, _("%s（%s）: %s\n"), spec->id, spec->label,
                              error ? error->message : "?");
      return FALSE;
    }
  return TRUE;
}

static int
run_set (const TbCliCommand  *command,
         char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean manual_totals = FALSE, computed_totals = FALSE;
  gboolean usage_problem = FALSE;
  guint n_set = 0;
  const GOptionEntry entries[] = {
    { "manual-totals", 0, 0, G_OPTION_ARG_NONE, &manual_totals,
      N_("From now on, type the totals by hand (saved in the report)"), NULL },
    { "computed-totals", 0, 0, G_OPTION_ARG_NONE, &computed_totals,
      N_("From now on, compute the totals from their parts (saved in the report)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (manual_totals && computed_totals)
    return tb_cli_usage_error (command, "%s",
                               _("--manual-totals and --computed-totals exclude each other"));
  if (ctx.n_args < 2 && !manual_totals && !computed_totals)
    return tb_cli_usage_error (command, "%s", _("nothing to set: give one or more ID=VALUE"));
  if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_WRITE))
    return TB_CLI_EXIT_FAILED;

  if (manual_totals)
    tb_report_set_manual_totals (ctx.report, TRUE);
  if (computed_totals)
    tb_report_set_manual_totals (ctx.report, FALSE);
  for (guint i = 2; i <= ctx.n_args; i++)
    n_set += set_one (ctx.report, ctx.args[i], i, problems, &usage_problem);

  if (problems->len > 0)
    {
      tb_cli_err ("%s", problems->str);
      if (usage_problem)
        tb_cli_err (_("Run “tianbao-cli cells %s” for the list of cell ids.\n"), ctx.name);
      tb_cli_err (_("Nothing was saved: %s is unchanged.\n"), ctx.name);
      return TB_CLI_EXIT_FAILED;
    }

  if (!tb_report_get_manual_totals (ctx.report))
    tb_rules_compute_totals (ctx.report);
  if (!tb_cli_context_save (&ctx))
    return TB_CLI_EXIT_FAILED;

  if (manual_totals)
    tb_cli_out (_("%s: totals are now typed by hand.\n"), ctx.name);
  if (computed_totals)
    tb_cli_out (_("%s: totals are now computed from their parts.\n"), ctx.name);
  if (ctx.n_args > 1)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: %u cell set and saved.\n",
                             "%s: %u cells set and saved.\n", n_set),
                ctx.name, n_set);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ meta */

static void
print_meta_line (const char *label,
                 guint       label_width,
                 const char *value)
{
  guint w = tb_cli_text_width (label);

  tb_cli_out_str (label);
  for (; w < label_width + 2; w++)
    tb_cli_out_str (" ");
  tb_cli_out ("%s\n", value && *value ? value : "—");
}

static void
print_meta (TbReport *report)
{
  const char *labels[] = { _("Title:"), _("Format:"), _("Agency:"), _("Year:"),
                           _("Preparer:"), _("Contact:"), _("Date:") };
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *year_text = NULL;
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    width = MAX (width, tb_cli_text_width (labels[i]));
  year_text = tb_report_get_year (report) > 0
    ? g_strdup_printf ("%d", tb_report_get_year (report)) : NULL;
  print_meta_line (labels[0], width, title);
  print_meta_line (labels[1], width, tb_format_get_id (tb_report_get_format (report)));
  print_meta_line (labels[2], width, tb_report_get_agency (report));
  print_meta_line (labels[3], width, year_text);
  print_meta_line (labels[4], width, tb_report_get_preparer (report));
  print_meta_line (labels[5], width, tb_report_get_contact (report));
  print_meta_line (labels[6], width, tb_report_get_report_date (report));
}

static int
run_meta (const TbCliCommand  *command,
          char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *agency = NULL;
  g_autofree char *preparer = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *date = NULL;
  int year = 0;
  const TbFormat *format;
  const GOptionEntry entries[] = {
    { "agency", 0, 0, G_OPTION_ARG_FILENAME, &agency, N_("The agency's full name"),
      N_("AGENCY") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("The year the report is on (within the years of its format)"), N_("YEAR") },
    { "preparer", 0, 0, G_OPTION_ARG_FILENAME, &preparer, N_("Who fills in the report"),
      N_("NAME") },
    { "contact", 0, 0, G_OPTION_ARG_FILENAME, &contact, N_("Telephone or e-mail"),
      N_("CONTACT") },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date, N_("Date of the report"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_check_utf8 (command, "--agency", agency) ||
      !tb_cli_check_utf8 (command, "--preparer", preparer) ||
      !tb_cli_check_utf8 (command, "--contact", contact) ||
      !tb_cli_check_field (command, TB_FIELD_AGENCY, agency) ||
      !tb_cli_check_field (command, TB_FIELD_PREPARER, preparer) ||
      !tb_cli_check_field (command, TB_FIELD_CONTACT, contact))
    return TB_CLI_EXIT_FAILED;
  if (agency)
    g_strstrip (agency);
  if (agency && *agency == '\0')
    return tb_cli_usage_error (command, "%s", _("the agency cannot be empty"));
  if (!tb_cli_check_date (command, date))
    return TB_CLI_EXIT_FAILED;
  if (year != 0 && !tb_cli_check_year (command, year))
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_context_load (&ctx, agency || year || preparer || contact || date
                                  ? TB_CLI_LOAD_WRITE : TB_CLI_LOAD_DEFAULT))
    return TB_CLI_EXIT_FAILED;
  format = tb_report_get_format (ctx.report);

  if (year != 0 &&
      (year < tb_format_get_first_year (format) || year > tb_format_get_last_year (format)))
    {
      g_autofree char *years = tb_cli_format_years (format);

      tb_cli_err (_("%s uses format %s, which is for reports on %s; a report on %d needs a "
                    "new draft (tianbao-cli new --year %d …).\n"),
                  ctx.name, tb_format_get_id (format), years, year, year);
      return TB_CLI_EXIT_FAILED;
    }

  if (!(agency || year || preparer || contact || date))
    {
      print_meta (ctx.report);
      return TB_CLI_EXIT_OK;
    }

  if (agency)
    tb_report_set_agency (ctx.report, agency);
  if (year)
    tb_report_set_year (ctx.report, year);
  if (preparer)
    tb_report_set_preparer (ctx.report, *preparer ? preparer : NULL);
  if (contact)
    tb_report_set_contact (ctx.report, *contact ? contact : NULL);
  if (date)
    tb_report_set_report_date (ctx.report, *date ? date : NULL);
  if (!tb_cli_context_save (&ctx))
    return TB_CLI_EXIT_FAILED;
  tb_cli_out (_("%s: details saved.\n"), ctx.name);
  return TB_CLI_EXIT_OK;
}
