/* tb-cli-formats.c: tianbao-cli formats (the report formats) and cells (the cells of one)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cli-commands.h"
#include "tb-cli-output.h"

static int run_formats (const TbCliCommand *command, char **args);
static int run_cells   (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_formats = {
  "formats", "",
  N_("List the report formats and the years they are for"),
  NULL,
  0, 0, { NULL, },
  run_formats,
};

const TbCliCommand tb_cli_command_cells = {
  "cells", N_("[FILE]"),
  N_("List the cells of a format with their ids and official labels"),
  N_("Uses the format of FILE, or --format (default: the newest format)."),
  0, 1, { NULL, },
  run_cells,
};

/* ------------------------------------------------------------------ formats */

static int
run_formats (const TbCliCommand  *command,
             char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(GPtrArray) list = tb_format_list ();
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean json = FALSE;
  guint years_width = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;

  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *years = tb_cli_format_years (g_ptr_array_index (list, i));
      g_autofree char *for_years = g_strdup_printf (_("reports on %s"), years);

      years_width = MAX (years_width, tb_cli_text_width (for_years));
    }
  if (json)
    g_string_append (s, "[");
  for (guint i = 0; i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);
      g_autofree char *years = tb_cli_format_years (f);

      if (json)
        {
          g_string_append (s, i ? ",\n {\"id\": " : "\n {\"id\": ");
          tb_cli_json_string (s, tb_format_get_id (f));
          g_string_append (s, ", \"name\": ");
          tb_cli_json_string (s, tb_format_get_name (f));
          g_string_append (s, ", \"document\": ");
          tb_cli_json_string (s, tb_format_get_document (f));
          g_string_append_printf (s, ", \"first_year\": %d, \"last_year\": ",
                                  tb_format_get_first_year (f));
          if (tb_format_get_last_year (f) == G_MAXINT)
            g_string_append (s, "null}");
          else
            g_string_append_printf (s, "%d}", tb_format_get_last_year (f));
        }
      else
        {
          g_autofree char *for_years = g_strdup_printf (_("reports on %s"), years);

          g_string_append_printf (s, "%-6s  %s", tb_format_get_id (f), for_years);
          for (guint w = tb_cli_text_width (for_years); w < years_width; w++)
            g_string_append_c (s, ' ');
          g_string_append_printf (s, "  %s（%s）\n", tb_format_get_name (f),
                                  tb_format_get_document (f));
        }
    }
  if (json)
    g_string_append (s, "\n]\n");
  tb_cli_out_str (s->str);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ cells */

static void
cells_json (const TbFormat *format)
{
  g_autoptr(GString) s = g_string_new ("[");
  guint n = tb_format_get_n_cells (format);

  for (guint i = 0; i < n; i++)
    {
      const TbCellSpec *c = tb_format_get_cell (format, i);
      const TbSectionSpec *section = c->section >= 0
        ? tb_format_get_section (format, (guint) c->section) : NULL;

      g_string_append (s, i ? ",\n " : "\n ");
      g_string_append (s, "{\"id\": ");
      tb_cli_json_string (s, c->id);
      g_string_append (s, ", \"table\": ");
      tb_cli_json_string (s, c->table_id);
      g_string_append (s, ", \"section_id\": ");
      tb_cli_json_string (s, section ? section->id : NULL);
      g_string_append (s, ", \"section\": ");
      tb_cli_json_string (s, section ? section->heading : NULL);
      g_string_append (s, ", \"row\": ");
      tb_cli_json_string (s, c->row_label);
      g_string_append (s, ", \"row_path\": ");
      tb_cli_json_string (s, c->row_path);
      g_string_append (s, ", \"column\": ");
      tb_cli_json_string (s, c->column_label);
      g_string_append (s, ", \"column_path\": ");
      tb_cli_json_string (s, c->column_path);
      g_string_append (s, ", \"label\": ");
      tb_cli_json_string (s, c->label);
      g_string_append (s, ", \"kind\": ");
      tb_cli_json_string (s, tb_cell_kind_to_string (c->kind));
      if (c->kind == TB_CELL_AMOUNT || c->kind == TB_CELL_AMOUNT_UNIT)
        g_string_append_printf (s, ", \"decimals\": %u", c->decimals);
      if (c->unit)
        {
          g_string_append (s, ", \"unit\": ");
          tb_cli_json_string (s, c->unit);
        }
      if (c->units)
        {
          g_string_append (s, ", \"units\": [");
          for (guint u = 0; c->units[u]; u++)
            {
              if (u)
                g_string_append (s, ", ");
              tb_cli_json_string (s, c->units[u]);
            }
          g_string_append (s, "]");
        }
      g_string_append_printf (s, ", \"computed\": %s}", c->total_rule >= 0 ? "true" : "false");
    }
  g_string_append (s, "\n]\n");
  tb_cli_out_str (s->str);
}

static char *
kind_text (const TbCellSpec *c)
{
  switch (c->kind)
    {
    case TB_CELL_COUNT:
      return g_strdup (_("count"));
    case TB_CELL_SIGNED:
      return g_strdup (_("signed count"));
    case TB_CELL_AMOUNT:
      return g_strdup_printf (_("amount in %s"), c->unit ? c->unit : "");
    case TB_CELL_AMOUNT_UNIT:
      {
        g_autofree char *units = g_strjoinv ("/", (char **) c->units);

        return g_strdup_printf (_("amount + unit (%s)"), units);
      }
    default:
      return g_strdup ("?");
    }
}

static void
cells_text (const TbFormat *format)
{
  guint n = tb_format_get_n_cells (format);
  guint id_width = 0, kind_width = 0;
  int section = -2;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const TbCellSpec *c = tb_format_get_cell (format, i);
      char *k = kind_text (c);

      if (c->total_rule >= 0)
        {
          char *tmp = k;

          k = g_strdup_printf (_("%s, total"), tmp);
          g_free (tmp);
        }
      g_ptr_array_add (kinds, k);
      id_width = MAX (id_width, tb_cli_text_width (c->id));
      kind_width = MAX (kind_width, tb_cli_text_width (k));
    }

  tb_cli_out (_("Format %s: %s (%s), %u cells\n"), tb_format_get_id (format),
              tb_format_get_name (format), tb_format_get_document (format), n);
  for (guint i = 0; i < n; i++)
    {
      const TbCellSpec *c = tb_format_get_cell (format, i);
      const char *k = g_ptr_array_index (kinds, i);
      g_autoptr(GString) line = g_string_new ("  ");

      if (c->section != section)
        {
          section = c->section;
          tb_cli_out ("\n%s\n", section >= 0
                                  ? tb_format_get_section (format, (guint) section)->heading
                                  : c->table_id);
        }
      g_string_append (line, c->id);
      for (guint w = tb_cli_text_width (c->id); w < id_width + 2; w++)
        g_string_append_c (line, ' ');
      g_string_append (line, k);
      for (guint w = tb_cli_text_width (k); w < kind_width + 2; w++)
        g_string_append_c (line, ' ');
      /* The row path already says which table part it is; the column's own label is enough. */
      if (*c->row_path)
        g_string_append_printf (line, "%s ｜ %s", c->row_path, c->column_label);
      else
        g_string_append (line, c->column_path);
      tb_cli_out ("%s\n", line->str);
    }
}

static int
run_cells (const TbCliCommand  *command,
           char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *format_id = NULL;
  gboolean json = FALSE;
  const TbFormat *format;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_id,
      N_("The report format (see “tianbao-cli formats”)"), N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (ctx.n_args == 1)
    {
      if (format_id)
        return tb_cli_usage_error (command, "%s",
                                   _("give either a report file or --format, not both"));
      if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_DEFAULT))
        return TB_CLI_EXIT_FAILED;
      format = tb_report_get_format (ctx.report);
    }
  else if (format_id)
    {
      format = tb_cli_lookup_format (command, format_id);
      if (format == NULL)
        return TB_CLI_EXIT_FAILED;
    }
  else
    format = tb_cli_newest_format ();

  if (json)
    cells_json (format);
  else
    cells_text (format);
  return TB_CLI_EXIT_OK;
}
