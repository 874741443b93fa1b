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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-cli-context.h"
#include "tb-cli-output.h"
#include "tb-draft.h"
#include "tb-file-guard.h"

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

/* Test hook (tests/test-cli-hostile.py): with TIANBAO_TEST_PAUSE_AFTER_LOAD set, a writer
 * says "paused" on standard error once it holds the lock and has read the report, and
 * waits for a line on standard input; the test meanwhile acts as a program that does not
 * lock, or kills it. */
static void
pause_for_test (void)
{
  char line[16];

  if (g_getenv ("TIANBAO_TEST_PAUSE_AFTER_LOAD") == NULL)
    return;
  tb_cli_err ("paused\n");
  fflush (stderr);
  if (fgets (line, sizeof line, stdin) == NULL)
    return;
}

gboolean
tb_cli_context_load (TbCliContext   *self,
                     TbCliLoadFlags  flags)
{
  g_return_val_if_fail (self->n_args >= 1 && self->report == NULL, FALSE);

  self->path = self->args[1];
  self->name = g_filename_display_name (self->path);
  if (flags & TB_CLI_LOAD_WRITE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) contents = NULL;

      self->lock = tb_lock_acquire (self->path, TB_LOCK_DEFAULT_TIMEOUT_MS, &error);
      if (self->lock == NULL)
        {
          tb_cli_err ("%s\n", error->message);
          tb_cli_err (_("Nothing was saved: %s is unchanged.\n"), self->name);
          return FALSE;
        }
      self->report = tb_draft_load_full (self->path, &contents, &error);
      if (self->report == NULL)
        {
          tb_cli_err ("%s\n", error->message);
          return FALSE;
        }
      self->state = tb_file_state_new_for_data (self->path, g_bytes_get_data (contents, NULL),
                                                g_bytes_get_size (contents));
      pause_for_test ();
    }
  else
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

  if (self->state != NULL)
    switch (tb_file_state_check (self->state, self->path))
      {
      case TB_FILE_STATE_UNCHANGED:
        break;
      case TB_FILE_STATE_DELETED:
        tb_cli_err (_("%s: not saved: the file was removed or renamed by another program "
                      "since this command read it.\n"), self->name);
        return FALSE;
      case TB_FILE_STATE_CHANGED:
      default:
        tb_cli_err (_("%s: not saved: another program changed the file since this command "
                      "read it. Its change is kept; run the command again.\n"), self->name);
        return FALSE;
      }
  if (!tb_cli_save_report (self->report, self->path))
    return FALSE;
  /* A second save of the same context compares with what this one wrote (read back under
   * the lock, so nobody else's). */
  if (self->state != NULL)
    {
      tb_file_state_free (self->state);
      self->state = tb_file_state_new_for_path (self->path, NULL);
    }
  return TRUE;
}

void
tb_cli_context_clear (TbCliContext *self)
{
  /* The arguments belong to the caller. */
  g_clear_pointer (&self->options, g_option_context_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->report);
  g_clear_pointer (&self->state, tb_file_state_free);
  g_clear_pointer (&self->lock, tb_lock_release);
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
    {
      g_autofree char *reason = g_strdup (error->message);
      gsize len = strlen (reason);

      /* "…: it is not a regular file." goes on with "; the checks…". */
      if (len > 0 && reason[len - 1] == '.')
        reason[len - 1] = '\0';
      tb_cli_err (_("Warning: %s; the checks against last year's report were skipped.\n"),
                  reason);
    }
}

/* ------------------------------------------------------------------ drafts of imports */

/* NAME.tianbao in @dir (or beside @input): the input's name without its extension. */
char *
tb_cli_draft_name_for (const char *input,
                       const char *dir)
{
  g_autofree char *base = g_path_get_basename (input);
  g_autofree char *folder = dir ? g_strdup (dir)
                                : strchr (input, G_DIR_SEPARATOR) ? g_path_get_dirname (input)
                                : NULL;
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, TB_DRAFT_SUFFIX, NULL);
  return folder ? g_build_filename (folder, name, NULL) : g_steal_pointer (&name);
}

/* ------------------------------------------------------------------ output guard */

gboolean
tb_cli_check_output (const char        *output,
                     const char *const *inputs,
                     TbCliOutputFlags   flags,
                     gboolean           force,
                     gboolean           replace_draft,
                     const char        *what)
{
  g_autofree char *name = g_filename_display_name (output);

  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    if (tb_file_is_same (output, inputs[i]))
      {
        g_autofree char *input_name = g_filename_display_name (inputs[i]);

        /* TRANSLATORS: the output file, the input file */
        tb_cli_err (_("%s is the same file as %s, which this command reads: it would be "
                      "replaced. Choose another output file.\n"),
                    name, input_name);
        return FALSE;
      }
  if (!(flags & TB_CLI_OUTPUT_DRAFT) && !replace_draft && tb_file_is_draft (output))
    {
      /* TRANSLATORS: the existing report, then what would replace it ("the PDF of a.tianbao") */
      tb_cli_err (_("%s is a Tianbao report; %s would replace it. Choose another output file, "
                    "or add --replace-draft if that report may be replaced.\n"),
                  name, what);
      return FALSE;
    }
  if ((flags & TB_CLI_OUTPUT_NEED_FORCE) && !force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      tb_cli_err (_("%s already exists; use --force to overwrite it.\n"), name);
      return FALSE;
    }
  return TRUE;
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
tb_cli_check_field (const TbCliCommand *command,
                    TbField             field,
                    const char         *text)
{
  g_autoptr(GError) error = NULL;

  if (tb_field_check (field, text, -1, &error))
    return TRUE;
  tb_cli_usage_error (command, "%s", error->message);
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
