/* tb-cli-verdicts.c: "tianbao-cli check" of many files: one verdict per file, as a table
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the office that collects or evaluates reports: dozens or thousands of them, drafts
 * and published pages, Word files and PDFs mixed in a folder. Each is checked as
 * "tianbao-cli check" checks one (a published report is imported on the fly, in memory),
 * and the verdicts make a table: file, kind, agency, year, format, ready, errors, warnings,
 * incomplete, the rules broken, the cells the import could not read.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-cli-context.h"
#include "tb-cli-output.h"
#include "tb-cli-verdicts.h"
#include "tb-draft.h"
#include "tb-file-guard.h"
#include "tb-import.h"
#include "tb-rules.h"

#define CSV_BOM "\xEF\xBB\xBF"

typedef struct
{
  char     *path;
  char     *name;        /* for people */
  char     *kind;        /* "draft", or the import's kind ("html" …) */
  char     *problem;     /* why it could not be read, or NULL */
  char     *agency;
  int       year;
  char     *format_id;
  gboolean  ready;
  guint     errors, warnings, incomplete;
  char     *rules;       /* the rules broken (errors, warnings not acknowledged): "T2-1 T3-7" */
  int       unread;      /* cells the import could not read; -1 for a draft */
} Verdict;

static void
verdict_free (gpointer p)
{
  Verdict *v = p;

  g_free (v->path);
  g_free (v->name);
  g_free (v->kind);
  g_free (v->problem);
  g_free (v->agency);
  g_free (v->format_id);
  g_free (v->rules);
  g_free (v);
}

/* ------------------------------------------------------------------ the files */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* @path, or the regular files of the folder @path in the order of their names, hidden ones
 * left out. A table written into the folder is one of them: the output guard refuses to
 * replace it, as it refuses to replace any file it reads. */
static void
add_files (GPtrArray  *files,
           const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = NULL;

      if (name[0] == '.')
        continue;
      full = g_build_filename (path, name, NULL);
      if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
        continue;
      g_ptr_array_add (names, g_steal_pointer (&full));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_strdup (g_ptr_array_index (names, i)));
}

/* ------------------------------------------------------------------ checking */

static Verdict *
check_file (const char *path)
{
  Verdict *v = g_new0 (Verdict, 1);
  g_autoptr(TbReport) report = NULL;
  g_autoptr(TbImportLog) log = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *agency;

  v->path = g_strdup (path);
  v->name = g_filename_display_name (path);
  v->unread = -1;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      v->problem = g_strdup_printf (_("%s: could not be read: %s"), v->name,
                                    _("the folder could not be opened"));
      return v;
    }
  if (tb_file_is_draft (path))
    {
      v->kind = g_strdup ("draft");
      report = tb_draft_load (path, &error);
      /* The cross-year rules too, as for one draft; without last year's, they are skipped. */
      if (report != NULL)
        tb_carry_load_previous (report, path, NULL);
    }
  else
    {
      report = tb_import_load_file (path, NULL, &log, &error);
      if (log != NULL)
        {
          v->kind = g_strdup (tb_import_kind_id (log->kind));
          v->unread = (int) (tb_import_log_count (log, TB_IMPORT_CELL_UNREADABLE) +
                             tb_import_log_count (log, TB_IMPORT_CELL_UNCERTAIN) +
                             tb_import_log_count (log, TB_IMPORT_CELL_MISSING));
        }
    }
  if (report == NULL)
    {
      v->problem = g_strdup (error ? error->message : _("could not be read"));
      return v;
    }

  agency = tb_report_get_agency (report);
  v->agency = g_strdup (agency && *agency ? agency : NULL);
  v->year = tb_report_get_year (report);
  v->format_id = g_strdup (tb_format_get_id (tb_report_get_format (report)));
  issues = tb_rules_check (report);
  v->ready = tb_rules_is_ready (issues);
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      switch (issue->severity)
        {
        case TB_SEVERITY_ERROR:
          v->errors++;
          break;
        case TB_SEVERITY_WARNING:
          if (issue->acknowledged)
            continue;
          v->warnings++;
          break;
        case TB_SEVERITY_INCOMPLETE:
        default:
          v->incomplete++;
          continue;
        }
      if (issue->rule != NULL && !g_hash_table_contains (seen, issue->rule))
        {
          g_hash_table_add (seen, (gpointer) issue->rule);
          if (rules->len > 0)
            g_string_append_c (rules, ' ');
          g_string_append (rules, issue->rule);
        }
    }
  v->rules = g_strdup (rules->str);
  return v;
}

/* ------------------------------------------------------------------ printing */

static void
print_line (const Verdict *v)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *year = NULL;

  if (v->problem != NULL)
    {
      tb_cli_out (_("%s: could not be checked: %s\n"), v->name, v->problem);
      return;
    }
  year = v->year > 0 ? g_strdup_printf ("%d", v->year) : g_strdup ("?");
  /* TRANSLATORS: file: ready/not ready — agency, year, format id; counts */
  g_string_append_printf (s, _("%s: %s — %s, %s, format %s; errors %u, warnings %u, "
                               "incomplete %u"),
                          v->name, v->ready ? _("ready") : _("not ready"),
                          v->agency ? v->agency : _("agency unknown"), year, v->format_id,
                          v->errors, v->warnings, v->incomplete);
  if (*v->rules != '\0')
    g_string_append_printf (s, _("; rules broken: %s"), v->rules);
  if (v->unread >= 0)
    g_string_append_printf (s, _("; cells not read: %d"), v->unread);
  g_string_append_c (s, '\n');
  tb_cli_out_str (s->str);
}

static void
json_verdict (GString       *s,
              const Verdict *v)
{
  g_string_append (s, "{\"file\": ");
  tb_cli_json_string (s, v->name);
  g_string_append (s, ", \"kind\": ");
  tb_cli_json_string (s, v->kind);
  if (v->problem != NULL)
    {
      g_string_append (s, ", \"ready\": false, \"problem\": ");
      tb_cli_json_string (s, v->problem);
      g_string_append_c (s, '}');
      return;
    }
  g_string_append (s, ", \"agency\": ");
  tb_cli_json_string (s, v->agency);
  if (v->year > 0)
    g_string_append_printf (s, ", \"year\": %d", v->year);
  else
    g_string_append (s, ", \"year\": null");
  g_string_append (s, ", \"format\": ");
  tb_cli_json_string (s, v->format_id);
  g_string_append_printf (s, ", \"ready\": %s, \"errors\": %u, \"warnings\": %u, "
                          "\"incomplete\": %u, \"rules_broken\": [",
                          v->ready ? "true" : "false", v->errors, v->warnings, v->incomplete);
  if (*v->rules != '\0')
    {
      g_auto(GStrv) rules = g_strsplit (v->rules, " ", -1);

      for (guint i = 0; rules[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (s, ", ");
          tb_cli_json_string (s, rules[i]);
        }
    }
  if (v->unread >= 0)
    g_string_append_printf (s, "], \"cells_unread\": %d}", v->unread);
  else
    g_string_append (s, "], \"cells_unread\": null}");
}

/* A CSV field: quoted when it must be, and text that a spreadsheet would take for a
 * formula (=, +, -, @) behind an apostrophe. */
static void
csv_field (GString    *s,
           const char *text,
           gboolean    last)
{
  g_autofree char *safe = NULL;

  if (text == NULL)
    text = "";
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = safe = g_strconcat ("'", text, NULL);
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (s, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (s, '"');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
    }
  else
    g_string_append (s, text);
  g_string_append (s, last ? "\r\n" : ",");
}

static void
csv_number (GString *s,
            int      n,
            gboolean known)
{
  if (known)
    g_string_append_printf (s, "%d,", n);
  else
    g_string_append_c (s, ',');
}

static GString *
csv_table (GPtrArray *verdicts)
{
  GString *s = g_string_new (CSV_BOM);

  g_string_append (s, "file,kind,agency,year,format,ready,errors,warnings,incomplete,"
                      "rules_broken,cells_unread,problem\r\n");
  for (guint i = 0; i < verdicts->len; i++)
    {
      const Verdict *v = g_ptr_array_index (verdicts, i);
      gboolean read = v->problem == NULL;

      csv_field (s, v->name, FALSE);
      csv_field (s, v->kind, FALSE);
      csv_field (s, v->agency, FALSE);
      csv_number (s, v->year, read && v->year > 0);
      csv_field (s, v->format_id, FALSE);
      csv_field (s, v->ready ? "yes" : "no", FALSE);
      csv_number (s, (int) v->errors, read);
      csv_number (s, (int) v->warnings, read);
      csv_number (s, (int) v->incomplete, read);
      csv_field (s, v->rules, FALSE);
      csv_number (s, v->unread, read && v->unread >= 0);
      csv_field (s, v->problem, TRUE);
    }
  return s;
}

/* ------------------------------------------------------------------ run */

int
tb_cli_verdicts_run (char * const *paths,
                     gboolean      json,
                     const char   *csv,
                     gboolean      force)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) verdicts = g_ptr_array_new_with_free_func (verdict_free);
  g_autoptr(GString) out = NULL;
  guint n_ready = 0, n_failed = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    add_files (files, paths[i]);
  g_ptr_array_add (files, NULL);
  if (csv != NULL &&
      !tb_cli_check_output (csv, (const char *const *) files->pdata, TB_CLI_OUTPUT_NEED_FORCE,
                            force, FALSE, _("the table of verdicts (CSV)")))
    return TB_CLI_EXIT_FAILED;
  g_ptr_array_remove_index (files, files->len - 1);
  if (files->len == 0)
    {
      tb_cli_err ("%s\n", _("There is no file to check: the folder is empty."));
      return TB_CLI_EXIT_FAILED;
    }

  if (json)
    out = g_string_new ("{\"files\": [");
  for (guint i = 0; i < files->len; i++)
    {
      Verdict *v = check_file (g_ptr_array_index (files, i));

      n_ready += v->ready;
      n_failed += v->problem != NULL;
      if (json)
        {
          g_string_append (out, i > 0 ? ",\n  " : "\n  ");
          json_verdict (out, v);
        }
      else
        print_line (v);
      g_ptr_array_add (verdicts, v);
    }

  if (json)
    {
      g_string_append_printf (out, "\n ],\n \"count\": %u, \"ready\": %u, \"not_ready\": %u, "
                              "\"unreadable\": %u}\n", files->len, n_ready,
                              files->len - n_ready - n_failed, n_failed);
      tb_cli_out_str (out->str);
    }
  else
    tb_cli_out (_("%u files: %u ready, %u not ready, %u could not be read.\n"), files->len,
                n_ready, files->len - n_ready - n_failed, n_failed);

  if (csv != NULL)
    {
      g_autoptr(GString) table = csv_table (verdicts);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_filename_display_name (csv);

      if (!tb_file_write_atomic (csv, table->str, table->len, &error))
        {
          tb_cli_err (_("%s: not saved: %s\n"), name, error->message);
          return TB_CLI_EXIT_FAILED;
        }
      if (!json)
        tb_cli_out (_("The table is in %s.\n"), name);
    }
  if (n_failed > 0)
    return TB_CLI_EXIT_FAILED;
  return n_ready == files->len ? TB_CLI_EXIT_OK : TB_CLI_EXIT_NOT_READY;
}
