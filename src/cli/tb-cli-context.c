/* tb-cli-context.c: what every tianbao-cli command shares: options, arguments, load and save
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command parses its own options with a GOptionContext, so "--help" works per command.
 * String options are read as raw bytes (G_OPTION_ARG_FILENAME) and checked to be UTF-8 here:
 * GOption would otherwise convert them from the locale charset and refuse 盐池县审计局
 * under LANG=C. A command that changes a draft either saves everything it was asked to do
 * or nothing (tb_draft_save() is atomic), and says why.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-cli-context.h"
#include "tb-cli-output.h"
#include "tb-draft.h"

/* ------------------------------------------------------------------ usage */

int
tb_cli_usage_error (const TbCliCommand *command,
                    const char         *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  tb_cli_err ("tianbao-cli %s: %s\n", command->name, message);
  tb_cli_err (_("Usage: tianbao-cli %s [OPTION…] %s\n"), command->name,
              g_dgettext (GETTEXT_PACKAGE, command->parameters));
  tb_cli_err (_("Run “tianbao-cli %s --help” for more information.\n"), command->name);
  return TB_CLI_EXIT_FAILED;
}

/* ------------------------------------------------------------------ context */

gboolean
tb_cli_context_parse (TbCliContext        *self,
                      const TbCliCommand  *command,
                      char               **args,
                      const GOptionEntry  *entries)
{
  g_autofree char *prgname = g_strdup_printf ("tianbao-cli %s", command->name);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (self->command == NULL, FALSE);

  self->command = command;
  self->args = args;
  self->options = g_option_context_new (command->parameters);
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (self->options, GETTEXT_PACKAGE);
  g_option_context_set_summary (self->options, command->summary);
  if (command->description)
    g_option_context_set_description (self->options, command->description);
  if (entries)
    g_option_context_add_main_entries (self->options, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (self->options, &self->args, &error))
    {
      tb_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  self->n_args = g_strv_length (self->args) - 1;
  if (self->n_args < command->min_args)
    {
      g_assert (self->n_args < G_N_ELEMENTS (command->missing) && command->missing[self->n_args]);
      tb_cli_usage_error (command, "%s", _(command->missing[self->n_args]));
      return FALSE;
    }
  if (self->n_args > command->max_args)
    {
      tb_cli_usage_error (command, _("unexpected argument “%s”"),
                          self->args[command->max_args + 1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
tb_cli_context_load (TbCliContext   *self,
                     TbCliLoadFlags  flags)
{
  g_return_val_if_fail (self->n_args >= 1 && self->report == NULL, FALSE);

  self->path = self->args[1];
  self->name = g_filename_display_name (self->path);
  self->report = tb_cli_load_report (self->path);
  if (self->report == NULL)
    return FALSE;
  if (flags & TB_CLI_LOAD_PREVIOUS)
    tb_cli_attach_previous (self->report, self->path);
  return TRUE;
}

gboolean
tb_cli_context_save (TbCliContext *self)
{
  g_return_val_if_fail (self->report != NULL, FALSE);

  return tb_cli_save_report (self->report, self->path);
}

void
tb_cli_context_clear (TbCliContext *self)
{
  /* The arguments belong to the caller. */
  g_clear_pointer (&self->options, g_option_context_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->report);
}

/* ------------------------------------------------------------------ reports */

TbReport *
tb_cli_load_report (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (path);
  TbReport *report = tb_draft_load (path, &error);

  /* The loader's message already names the file. */
  if (report == NULL && error != NULL)
    tb_cli_err ("%s\n", error->message);
  else if (report == NULL)
    tb_cli_err ("%s: %s\n", name, _("could not be read"));
  return report;
}

gboolean
tb_cli_save_report (TbReport   *report,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (path);

  if (tb_draft_save (report, path, &error))
    return TRUE;
  tb_cli_err (_("%s: not saved: %s\n"), name, error ? error->message : "?");
  return FALSE;
}

void
tb_cli_attach_previous (TbReport   *report,
                        const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!tb_carry_load_previous (report, path, &error))
    tb_cli_err (_("Warning: %s; the checks against last year's report were skipped.\n"),
                error->message);
}

/* ------------------------------------------------------------------ option values */

gboolean
tb_cli_check_utf8 (const TbCliCommand *command,
                   const char         *what,
                   const char         *text)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  tb_cli_usage_error (command, _("%s is not valid UTF-8 text"), what);
  return FALSE;
}

gboolean
tb_cli_check_year (const TbCliCommand *command,
                   int                 year)
{
  if (year >= TB_DRAFT_YEAR_MIN && year <= TB_DRAFT_YEAR_MAX)
    return TRUE;
  tb_cli_usage_error (command, _("%d is not a year a report can be on: give a year from %d to %d"),
                      year, TB_DRAFT_YEAR_MIN, TB_DRAFT_YEAR_MAX);
  return FALSE;
}

static gboolean
is_iso_date (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";
  int year, month, day;

  if (strlen (text) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i]; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

gboolean
tb_cli_check_date (const TbCliCommand *command,
                   const char         *date)
{
  if (date == NULL || *date == '\0' || is_iso_date (date))
    return TRUE;
  tb_cli_usage_error (command, _("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2025-01-20"),
                      date);
  return FALSE;
}

/* ------------------------------------------------------------------ formats */

char *
tb_cli_format_years (const TbFormat *format)
{
  int last = tb_format_get_last_year (format);

  if (last == G_MAXINT)
    return g_strdup_printf ("%d–", tb_format_get_first_year (format));
  return g_strdup_printf ("%d–%d", tb_format_get_first_year (format), last);
}

static char *
format_ids_text (void)
{
  g_autoptr(GPtrArray) list = tb_format_list ();
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);
      g_autofree char *years = tb_cli_format_years (f);

      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%s (%s)", tb_format_get_id (f), years);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

const TbFormat *
tb_cli_lookup_format (const TbCliCommand *command,
                      const char         *id)
{
  const TbFormat *format = tb_format_get (id);

  if (format == NULL)
    {
      g_autofree char *known = format_ids_text ();

      tb_cli_usage_error (command, _("unknown format “%s”; the formats are: %s"), id, known);
    }
  return format;
}

const TbFormat *
tb_cli_newest_format (void)
{
  g_autoptr(GPtrArray) list = tb_format_list ();
  const TbFormat *best = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);

      if (best == NULL || tb_format_get_first_year (f) > tb_format_get_first_year (best))
        best = f;
    }
  return best;
}
