/* tb-cli-issues.c: what "tianbao-cli check" prints about a report, as text or JSON
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also printed by "tianbao-cli merge" for the summary it makes.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cli-context.h"
#include "tb-cli-issues.h"
#include "tb-cli-output.h"
#include "tb-rules.h"

/* ------------------------------------------------------------------ helpers */

static void
append_cell_ids (GString        *s,
                 const TbFormat *format,
                 const TbIssue  *issue,
                 gboolean        skip_totals)
{
  for (guint i = 0; i < issue->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, issue->cells[i]);

      if (skip_totals && spec->total_rule >= 0)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, spec->id);
    }
}

static void
check_json (TbReport  *report,
            GPtrArray *issues,
            guint      empty_cells)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = g_string_new ("{");
  guint acknowledged = 0;

  for (guint i = 0; i < issues->len; i++)
    acknowledged += ((TbIssue *) g_ptr_array_index (issues, i))->acknowledged;

  g_string_append_printf (s, "\"ready\": %s, \"format\": ",
                          tb_rules_is_ready (issues) ? "true" : "false");
  tb_cli_json_string (s, tb_format_get_id (format));
  g_string_append (s, ", \"year\": ");
  if (tb_report_get_year (report) > 0)
    g_string_append_printf (s, "%d", tb_report_get_year (report));
  else
    g_string_append (s, "null");
  g_string_append (s, ", \"agency\": ");
  tb_cli_json_string (s, tb_report_get_agency (report));
  g_string_append_printf (s, ",\n \"counts\": {\"error\": %u, \"warning\": %u, "
                          "\"incomplete\": %u, \"acknowledged\": %u, \"empty_cells\": %u},\n"
                          " \"issues\": [",
                          tb_rules_count (issues, TB_SEVERITY_ERROR),
                          tb_rules_count (issues, TB_SEVERITY_WARNING),
                          tb_rules_count (issues, TB_SEVERITY_INCOMPLETE),
                          acknowledged, empty_cells);
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);
      const TbSectionSpec *section = issue->section >= 0
        ? tb_format_get_section (format, (guint) issue->section) : NULL;

      g_string_append (s, i ? ",\n  {\"rule\": " : "\n  {\"rule\": ");
      tb_cli_json_string (s, issue->rule);
      g_string_append (s, ", \"key\": ");
      tb_cli_json_string (s, issue->key);
      g_string_append (s, ", \"severity\": ");
      tb_cli_json_string (s, tb_severity_to_string (issue->severity));
      g_string_append (s, ", \"section\": ");
      tb_cli_json_string (s, section ? section->id : NULL);
      g_string_append (s, ", \"cells\": [");
      for (guint c = 0; c < issue->n_cells; c++)
        {
          if (c)
            g_string_append (s, ", ");
          tb_cli_json_string (s, tb_format_get_cell (format, issue->cells[c])->id);
        }
      g_string_append (s, "], \"message\": ");
      tb_cli_json_string (s, issue->message);
      if (issue->has_values)
        {
          g_string_append (s, ", \"lhs\": ");
          tb_cli_json_string (s, issue->lhs_text);
          g_string_append (s, ", \"rhs\": ");
          tb_cli_json_string (s, issue->rhs_text);
        }
      g_string_append_printf (s, ", \"acknowledged\": %s}",
                              issue->acknowledged ? "true" : "false");
    }
  g_string_append (s, issues->len ? "\n ]\n}\n" : "]\n}\n");
  tb_cli_out_str (s->str);
}

static void
append_issue (GString        *s,
              const TbFormat *format,
              const TbIssue  *issue,
              const char     *path,
              guint           width)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  const char *indent = "      ";

  g_string_append_printf (s, "  %s  %s\n", issue->key, issue->message);
  if (issue->severity == TB_SEVERITY_WARNING)
    {
      if (issue->acknowledged)
        g_string_append_printf (s, "%s%s\n", indent, _("(acknowledged)"));
      else
        {
          g_autofree char *quoted = g_shell_quote (path);

          g_string_append_printf (s, "%s", indent);
          g_string_append_printf (s, _("If this is right, acknowledge it: tianbao-cli ack %s %s"),
                                  quoted, issue->key);
          g_string_append_c (s, '\n');
        }
    }
  if (issue->kind == TB_ISSUE_YEAR)
    {
      g_autofree char *quoted = g_shell_quote (path);

      g_string_append_printf (s, "%s", indent);
      g_string_append_printf (s, _("Convert it: tianbao-cli convert %s; or change the year: "
                                   "tianbao-cli meta %s --year YEAR"),
                              quoted, quoted);
      g_string_append_c (s, '\n');
    }
  if (issue->n_cells > 0)
    {
      append_cell_ids (ids, format, issue, FALSE);
      g_string_append_printf (line, _("cells: %s"), ids->str);
      tb_cli_append_wrapped (s, line->str, indent, width, FALSE);
    }
}

static void
add_count (GPtrArray  *parts,
           guint       n,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

/* Adds @format, printed, to @parts if @n (the count it tells) is not 0. */
static void
add_count (GPtrArray  *parts,
           guint       n,
           const char *format,
           ...)
{
  va_list args;

  if (n == 0)
    return;
  va_start (args, format);
  g_ptr_array_add (parts, g_strdup_vprintf (format, args));
  va_end (args);
}

int
tb_cli_issues_print (TbReport   *report,
                     const char *path,
                     gboolean    json,
                     gboolean    verbose)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GPtrArray) issues = tb_rules_check (report);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *summary = NULL;
  guint width = tb_cli_output_width (100);
  guint n_errors = tb_rules_count (issues, TB_SEVERITY_ERROR);
  guint n_warnings = tb_rules_count (issues, TB_SEVERITY_WARNING);
  guint n_acknowledged = 0, n_unchecked = 0, empty_cells = 0, empty_texts = 0, n_other = 0;
  gboolean ready = tb_rules_is_ready (issues);
  gboolean manual = tb_report_get_manual_totals (report);

  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      n_acknowledged += issue->acknowledged;
      if (issue->severity != TB_SEVERITY_INCOMPLETE)
        continue;
      if (issue->kind == TB_ISSUE_CELLS)
        empty_cells += issue->n_cells;
      else if (issue->kind == TB_ISSUE_TEXT)
        empty_texts++;
      else if (issue->kind == TB_ISSUE_EQUATION)
        n_unchecked++;
      else
        n_other++;
    }

  if (json)
    {
      check_json (report, issues, empty_cells);
      return ready ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
    }

  g_string_append_printf (s, "%s\n", title);
  g_string_append_printf (s, _("%s, format %s"), name, tb_format_get_id (format));
  g_string_append_c (s, '\n');

  if (n_errors > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Errors (%u):"), n_errors);
      g_string_append_c (s, '\n');
      for (guint i = 0; i < issues->len; i++)
        if (((TbIssue *) g_ptr_array_index (issues, i))->severity == TB_SEVERITY_ERROR)
          append_issue (s, format, g_ptr_array_index (issues, i), path, width);
    }
  if (n_warnings > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Warnings (%u):"), n_warnings);
      g_string_append_c (s, '\n');
      for (guint i = 0; i < issues->len; i++)
        if (((TbIssue *) g_ptr_array_index (issues, i))->severity == TB_SEVERITY_WARNING)
          append_issue (s, format, g_ptr_array_index (issues, i), path, width);
    }
  if (empty_cells + empty_texts + n_unchecked + n_other > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append (s, _("Not filled in yet:"));
      g_string_append_c (s, '\n');
      for (guint i = 0; i < issues->len; i++)
        {
          const TbIssue *issue = g_ptr_array_index (issues, i);

          if (issue->severity != TB_SEVERITY_INCOMPLETE)
            continue;
          if (issue->kind == TB_ISSUE_EQUATION)
            {
              if (!verbose)
                continue;
              g_string_append_printf (s, "  %s  %s\n", issue->key, issue->message);
            }
          else
            g_string_append_printf (s, "  %s\n", issue->message);
          if (verbose && issue->n_cells > 0)
            {
              g_autoptr(GString) ids = g_string_new (NULL);
              g_autoptr(GString) line = g_string_new (NULL);

              /* Computed totals fill in by themselves: list what the clerk has to type. */
              append_cell_ids (ids, format, issue, !manual);
              if (ids->len == 0)
                continue;
              g_string_append_printf (line, _("to fill in: %s"), ids->str);
              tb_cli_append_wrapped (s, line->str, "      ", width, FALSE);
            }
        }
      if (n_unchecked > 0 && !verbose)
        {
          g_string_append (s, "  ");
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                  "%u rule is not checked yet because cells "
                                                  "are empty (--verbose lists it)",
                                                  "%u rules are not checked yet because cells "
                                                  "are empty (--verbose lists them)",
                                                  n_unchecked),
                                  n_unchecked);
          g_string_append_c (s, '\n');
        }
    }

  add_count (parts, n_errors,
             g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  add_count (parts, empty_cells,
             g_dngettext (GETTEXT_PACKAGE, "%u cell not filled in", "%u cells not filled in",
                          empty_cells),
             empty_cells);
  add_count (parts, empty_texts,
             g_dngettext (GETTEXT_PACKAGE, "%u section without text",
                          "%u sections without text", empty_texts),
             empty_texts);
  add_count (parts, n_other,
             g_dngettext (GETTEXT_PACKAGE, "%u other thing not filled in",
                          "%u other things not filled in", n_other),
             n_other);
  add_count (parts, n_warnings,
             g_dngettext (GETTEXT_PACKAGE, "%u warning (%u acknowledged)",
                          "%u warnings (%u acknowledged)", n_warnings),
             n_warnings, n_acknowledged);
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (_(", "), (char **) parts->pdata);

  g_string_append_c (s, '\n');
  if (ready && n_warnings == 0)
    g_string_append (s, _("Ready: no errors, nothing left to fill in."));
  else if (ready)
    g_string_append_printf (s, _("Ready: no errors, nothing left to fill in; %s."), summary);
  else
    g_string_append_printf (s, _("Not ready: %s."), summary);
  g_string_append_c (s, '\n');

  tb_cli_out_str (s->str);
  return ready ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
}
