/* tb-cli-show.c: tianbao-cli show: the report as text for a terminal, or as JSON
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-cli-table.h"

static int run_show (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_show = {
  "show", N_("FILE"),
  N_("Print the report as text"),
  NULL,
  1, 1, { N_("the report file is missing"), },
  run_show,
};

/* ------------------------------------------------------------------ JSON */

static void
show_json (TbReport *report)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = g_string_new ("{\"format\": ");
  g_autoptr(GPtrArray) acks = tb_report_list_acknowledged (report);
  g_autofree char *title = tb_report_dup_title (report);
  const TbProvenance *provenance;
  gboolean first = TRUE;

  tb_cli_json_string (s, tb_format_get_id (format));
  g_string_append (s, ", \"year\": ");
  if (tb_report_get_year (report) > 0)
    g_string_append_printf (s, "%d", tb_report_get_year (report));
  else
    g_string_append (s, "null");
  g_string_append (s, ", \"agency\": ");
  tb_cli_json_string (s, tb_report_get_agency (report));
  g_string_append (s, ",\n \"title\": ");
  tb_cli_json_string (s, title);
  g_string_append (s, ",\n \"meta\": {\"preparer\": ");
  tb_cli_json_string (s, tb_report_get_preparer (report));
  g_string_append (s, ", \"contact\": ");
  tb_cli_json_string (s, tb_report_get_contact (report));
  g_string_append (s, ", \"date\": ");
  tb_cli_json_string (s, tb_report_get_report_date (report));
  g_string_append (s, ", \"created\": ");
  tb_cli_json_string (s, tb_report_get_created (report));
  g_string_append (s, ", \"modified\": ");
  tb_cli_json_string (s, tb_report_get_modified_time (report));
  g_string_append (s, ", \"previous\": ");
  tb_cli_json_string (s, tb_report_get_previous (report));
  g_string_append (s, ", \"imported_from\": ");
  provenance = tb_report_get_imported_from (report);
  if (provenance == NULL)
    g_string_append (s, "null");
  else
    {
      g_string_append (s, "{\"file\": ");
      tb_cli_json_string (s, provenance->file);
      g_string_append (s, ", \"kind\": ");
      tb_cli_json_string (s, provenance->kind);
      g_string_append (s, ", \"sha256\": ");
      tb_cli_json_string (s, provenance->sha256);
      g_string_append (s, ", \"date\": ");
      tb_cli_json_string (s, provenance->date);
      g_string_append (s, "}");
    }
  g_string_append_printf (s, ", \"manual_totals\": %s},\n \"cells\": {",
                          tb_report_get_manual_totals (report) ? "true" : "false");
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *text = tb_report_dup_cell_text (report, i);

      if (text == NULL)
        continue;
      g_string_append (s, first ? "\n  " : ",\n  ");
      tb_cli_json_string (s, tb_format_get_cell (format, i)->id);
      g_string_append (s, ": ");
      tb_cli_json_string (s, text);
      first = FALSE;
    }
  g_string_append (s, first ? "},\n \"invalid\": [" : "\n },\n \"invalid\": [");
  first = TRUE;
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    if (tb_report_get_cell (report, i)->state == TB_CELL_INVALID)
      {
        if (!first)
          g_string_append (s, ", ");
        tb_cli_json_string (s, tb_format_get_cell (format, i)->id);
        first = FALSE;
      }
  g_string_append (s, "],\n \"texts\": {");
  first = TRUE;
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);
      const char *text;

      if (section->type != TB_SECTION_TEXT)
        continue;
      text = tb_report_get_text (report, section->id);
      if (*text == '\0')
        continue;
      g_string_append (s, first ? "\n  " : ",\n  ");
      tb_cli_json_string (s, section->id);
      g_string_append (s, ": ");
      tb_cli_json_string (s, text);
      first = FALSE;
    }
  g_string_append (s, first ? "},\n \"acknowledged\": [" : "\n },\n \"acknowledged\": [");
  for (guint i = 0; i < acks->len; i++)
    {
      if (i)
        g_string_append (s, ", ");
      tb_cli_json_string (s, g_ptr_array_index (acks, i));
    }
  g_string_append (s, "]\n}\n");
  tb_cli_out_str (s->str);
}

/* ------------------------------------------------------------------ text */

static void
append_field (GString    *s,
              const char *label,
              guint       label_width,
              const char *value)
{
  g_string_append (s, TB_CLI_MARGIN);
  tb_cli_append_padded (s, label, label_width, FALSE);
  g_string_append_printf (s, "  %s\n", value && *value ? value : "—");
}

static void
show_text (TbReport *report,
           guint     width)
{
  const TbFormat *format = tb_report_get_format (report);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *title = tb_report_dup_title (report);
  g_autofree char *format_text = NULL;
  g_autofree char *year = NULL;
  g_autofree char *filled = NULL;
  const char *labels[] = { _("Format"), _("Agency"), _("Year"), _("Preparer"), _("Contact"),
                           _("Date"), _("Totals"), _("Filled in"), _("Imported from"),
                           "SHA-256" };
  const TbProvenance *provenance = tb_report_get_imported_from (report);
  guint label_width = 0, n_cells = tb_format_get_n_cells (format);
  guint title_width = tb_cli_text_width (title);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    label_width = MAX (label_width, tb_cli_text_width (labels[i]));

  g_string_append_printf (s, "%s\n", title);
  for (guint i = 0; i < title_width; i++)
    g_string_append_c (s, '=');
  g_string_append (s, "\n\n");

  format_text = g_strdup_printf ("%s — %s（%s）", tb_format_get_id (format),
                                 tb_format_get_name (format), tb_format_get_document (format));
  year = tb_report_get_year (report) > 0 ? g_strdup_printf ("%d", tb_report_get_year (report))
                                         : NULL;
  filled = g_strdup_printf (_("%u of %u cells"), tb_report_count_filled (report), n_cells);
  append_field (s, labels[0], label_width, format_text);
  append_field (s, labels[1], label_width, tb_report_get_agency (report));
  append_field (s, labels[2], label_width, year);
  append_field (s, labels[3], label_width, tb_report_get_preparer (report));
  append_field (s, labels[4], label_width, tb_report_get_contact (report));
  append_field (s, labels[5], label_width, tb_report_get_report_date (report));
  append_field (s, labels[6], label_width,
                tb_report_get_manual_totals (report) ? _("typed by hand")
                                                     : _("computed from their parts"));
  append_field (s, labels[7], label_width, filled);
  if (provenance != NULL)
    {
      g_autofree char *described = tb_provenance_describe (provenance);

      append_field (s, labels[8], label_width, described);
      append_field (s, labels[9], label_width, provenance->sha256);
    }

  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);
      guint heading_width = tb_cli_text_width (section->heading);

      g_string_append_printf (s, "\n%s\n", section->heading);
      for (guint w = 0; w < heading_width; w++)
        g_string_append_c (s, '-');
      g_string_append (s, "\n\n");

      if (section->type == TB_SECTION_TABLE && section->table)
        tb_cli_table_render (s, report, section->table, width);
      else
        {
          const char *text = tb_report_get_text (report, section->id);

          if (*text)
            tb_cli_append_wrapped (s, text, TB_CLI_MARGIN, width, TRUE);
          else
            g_string_append_printf (s, "%s%s\n", TB_CLI_MARGIN, _("(no text yet)"));
        }

      if (section->n_fields > 0)
        {
          guint field_width = 0;

          g_string_append_c (s, '\n');
          for (guint f = 0; f < section->n_fields; f++)
            field_width = MAX (field_width,
                               tb_cli_text_width (tb_format_get_cell (format,
                                                                      section->fields[f])->label));
          for (guint f = 0; f < section->n_fields; f++)
            {
              const TbCellSpec *spec = tb_format_get_cell (format, section->fields[f]);
              g_autofree char *v = tb_cli_cell_display (report, spec->index);

              append_field (s, spec->label, field_width, v);
            }
        }
    }

  if (tb_report_count_filled (report) < n_cells)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("%s = not filled in"), TB_CLI_UNFILLED);
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; i < n_cells; i++)
    if (tb_report_get_cell (report, i)->state == TB_CELL_INVALID)
      {
        g_string_append (s, _("! = not a number the report can take (see “tianbao-cli check”)"));
        g_string_append_c (s, '\n');
        break;
      }
  tb_cli_out_str (s->str);
}

/* ------------------------------------------------------------------ show */

static int
run_show (const TbCliCommand  *command,
          char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  gboolean json = FALSE;
  int width = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width,
      N_("Lay the text out in this many columns (default: the terminal's, or 100)"),
      N_("COLUMNS") },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (width != 0 && (width < 40 || width > 1000))
    return tb_cli_usage_error (command, "%s", _("--width must be between 40 and 1000"));
  if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_DEFAULT))
    return TB_CLI_EXIT_FAILED;
  if (json)
    show_json (ctx.report);
  else
    show_text (ctx.report, width > 0 ? (guint) width : tb_cli_output_width (100));
  return TB_CLI_EXIT_OK;
}
