/* tb-cli.c: the tianbao-cli commands (new, set, check, cells, show, text, meta, ack, …)
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

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tb-cli.h"
#include "tb-cli-private.h"
#include "tb-draft.h"
#include "tb-pdf.h"
#include "tb-rules.h"
#include "tb-value.h"

/* ------------------------------------------------------------------ commands */

typedef struct _Command Command;

struct _Command
{
  const char *name;
  const char *parameters;   /* untranslated; GOption translates it */
  const char *summary;      /* untranslated, one line for the command list */
  const char *description;  /* untranslated, shown after the options, or NULL */
  int       (*run) (const Command *command,
                    char         **args);
};

static int cmd_new     (const Command *command, char **args);
static int cmd_set     (const Command *command, char **args);
static int cmd_text    (const Command *command, char **args);
static int cmd_meta    (const Command *command, char **args);
static int cmd_check   (const Command *command, char **args);
static int cmd_show    (const Command *command, char **args);
static int cmd_cells   (const Command *command, char **args);
static int cmd_ack     (const Command *command, char **args);
static int cmd_formats (const Command *command, char **args);
static int cmd_export_pdf (const Command *command, char **args);
static int cmd_merge   (const Command *command, char **args);

static const Command commands[] = {
  { "new", N_("-o FILE --year YEAR --agency AGENCY"),
    N_("Create a new report draft"),
    N_("The format follows from the year: reports on 2020 and earlier use the 2019 format, "
       "later ones the 2021 format, unless --format says otherwise.\n"
       "Example: tianbao-cli new --year 2024 --agency 盐池县审计局 -o report.tianbao"),
    cmd_new },
  { "set", N_("FILE ID=VALUE…"),
    N_("Fill in cells"),
    N_("IDs are listed by “tianbao-cli cells FILE”. Full-width digits are accepted; an empty "
       "VALUE clears the cell. If any value is refused, nothing is saved.\n"
       "Totals are computed from their parts unless the report has manual totals "
       "(--manual-totals).\n"
       "Example: tianbao-cli set report.tianbao t3.r1_new.np=3 t3.r2_carry_in.np=1"),
    cmd_set },
  { "text", N_("FILE SECTION [TEXT-FILE|-]"),
    N_("Set or print the text of a section"),
    N_("Reads the text of SECTION (s1, s5 or s6) from TEXT-FILE, or from standard input "
       "when it is “-” or missing. UTF-8 and GB18030 files are accepted. With --get, "
       "prints the text instead."),
    cmd_text },
  { "meta", N_("FILE"),
    N_("Set or print the agency, year, preparer, contact and date"),
    N_("Without options, prints the details. An empty value clears a detail.\n"
       "Example: tianbao-cli meta report.tianbao --preparer 张三 --date 2025-01-20"),
    cmd_meta },
  { "check", N_("FILE"),
    N_("Check the report against the rules of its format"),
    N_("Prints the errors, the warnings and what is not filled in yet.\n"
       "Exit status: 0 ready, 1 not ready, 2 the file could not be read."),
    cmd_check },
  { "show", N_("FILE"),
    N_("Print the report as text"),
    NULL,
    cmd_show },
  { "cells", N_("[FILE]"),
    N_("List the cells of a format with their ids and official labels"),
    N_("Uses the format of FILE, or --format (default: the newest format)."),
    cmd_cells },
  { "ack", N_("FILE KEY"),
    N_("Acknowledge a warning"),
    N_("KEY is the warning's key as printed by “tianbao-cli check”, e.g. T3-7. "
       "Errors cannot be acknowledged; they must be fixed."),
    cmd_ack },
  { "formats", "",
    N_("List the report formats and the years they are for"),
    NULL,
    cmd_formats },
  { "export-pdf", N_("FILE [-o OUT.pdf]"),
    N_("Export the report as PDF in the official layout"),
    N_("A report with errors or unfilled cells is exported only with --draft; every page "
       "then says “草稿：尚有 N 处校验错误”, N counting the errors and unfilled parts.\n"
       "Exit status: 0 exported, 1 not ready (nothing written), 2 failure.\n"
       "Example: tianbao-cli export-pdf report.tianbao -o report.pdf --sign-off"),
    cmd_export_pdf },
  { "merge", N_("-o SUMMARY.tianbao REPORT.tianbao…"),
    N_("Combine the reports of several agencies into one summary report"),
    N_("Adds up every table cell of reports on the same year in the same format (others are "
       "refused). Each report is checked first; one that is not ready is listed with its "
       "first problems, and where its cells are not filled the sums are left empty. The "
       "summary's totals are computed from its parts, its texts are left to write, and it "
       "is checked. Amounts given in different units (元, 万元) are added up in 万元.\n"
       "A breakdown by agency is written beside the summary as CSV (UTF-8, opens in Excel "
       "and WPS): one row per cell with its official labels, one column per report, and the "
       "sum. --breakdown chooses another file.\n"
       "Exit status: 0 every report ready and the summary's tables consistent, 1 otherwise, "
       "2 nothing combined (a report could not be read, or years or formats differ).\n"
       "Example: tianbao-cli merge -o 县汇总.tianbao --agency 某县人民政府办公室 "
       "审计局.tianbao 财政局.tianbao 教育局.tianbao"),
    cmd_merge },
};

/* ------------------------------------------------------------------ output */

void
tb_cli_out_str (const char *text)
{
  fputs (text, stdout);
}

void
tb_cli_out (const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

void
tb_cli_err (const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Keep the order of what a user sees when both streams go to one terminal. */
  fflush (stdout);
  fputs (text, stderr);
}

/* The characters JSON escapes with a backslash, and the letter that follows it. */
static const char json_escaped[] = "\"\\\n\r\t\b\f";
static const char json_escapes[] = "\"\\nrtbf";

void
tb_cli_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      const char *escape = strchr (json_escaped, *p);

      if (escape != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, json_escapes[escape - json_escaped]);
        }
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* ------------------------------------------------------------------ text layout */

guint
tb_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Characters that must not start a line, and ones that must not end it. */
static const char no_line_start[] = "，。、；：！？）》」』”’】〕〉…·,.;:!?)]}%";
static const char no_line_end[] = "（《「『“‘【〔〈([{";

static gboolean
char_in (const char *set,
         gunichar    c)
{
  return c != 0 && g_utf8_strchr (set, -1, c) != NULL;
}

/* May a line break go between @prev and @c? */
static gboolean
can_break_between (gunichar prev,
                   gunichar c)
{
  if (prev == 0 || char_in (no_line_start, c) || char_in (no_line_end, prev))
    return FALSE;
  if (g_unichar_isspace (prev))
    return !g_unichar_isspace (c);
  return g_unichar_iswide (c) || g_unichar_iswide (prev);
}

GPtrArray *
tb_cli_wrap (const char *text,
             guint       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *line = g_string_new (NULL);
  guint line_width = 0;
  gsize break_at = 0;       /* byte offset in line of the last break opportunity, 0 if none */
  gunichar prev = 0;

  if (width < 2)
    width = 2;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      if (line->len > 0 && can_break_between (prev, c))
        break_at = line->len;

      if (line_width + w > width && line->len > 0)
        {
          g_autofree char *rest = NULL;
          gsize cut = break_at > 0 ? break_at : line->len;

          /* The text after the last break opportunity has none of its own. */
          rest = g_strdup (line->str + cut);
          g_string_truncate (line, cut);
          while (line->len > 0 && line->str[line->len - 1] == ' ')
            g_string_truncate (line, line->len - 1);
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, rest);
          line_width = tb_cli_text_width (line->str);
          break_at = 0;
        }

      /* No spaces at the start of a continuation line. */
      if (line->len == 0 && lines->len > 0 && c == ' ')
        {
          prev = c;
          continue;
        }
      g_string_append_unichar (line, c);
      line_width += w;
      prev = c;
    }
  if (line->len > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_free (line, TRUE);
  return lines;
}

guint
tb_cli_output_width (guint fallback)
{
  struct winsize ws;
  const char *columns;
  guint64 n;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  columns = g_getenv ("COLUMNS");
  if (columns && g_ascii_string_to_unsigned (columns, 10, 40, 1000, &n, NULL))
    return (guint) n;
  return fallback;
}

/* ------------------------------------------------------------------ helpers */

static void
usage_error (const Command *command,
             const char    *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
usage_error (const Command *command,
             const char    *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command)
    {
      tb_cli_err ("tianbao-cli %s: %s\n", command->name, message);
      tb_cli_err (_("Usage: tianbao-cli %s [OPTION…] %s\n"), command->name,
                  g_dgettext (GETTEXT_PACKAGE, command->parameters));
      tb_cli_err (_("Run “tianbao-cli %s --help” for more information.\n"), command->name);
    }
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", commands[i].name);
      tb_cli_err ("tianbao-cli: %s\n", message);
      tb_cli_err (_("Usage: tianbao-cli COMMAND [OPTION…] [ARGUMENT…]\n"));
      tb_cli_err (_("Commands: %s\n"), names->str);
      tb_cli_err (_("Run “tianbao-cli --help” for more information.\n"));
    }
}

static GOptionContext *
command_context (const Command      *command,
                 const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("tianbao-cli %s", command->name);
  GOptionContext *context = g_option_context_new (command->parameters);

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  if (command->description)
    g_option_context_set_description (context, command->description);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static gboolean
command_parse (const Command  *command,
               GOptionContext *context,
               char         ***args)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse_strv (context, args, &error))
    return TRUE;
  usage_error (command, "%s", error->message);
  return FALSE;
}

/* command_parse () for a command that takes one report file and nothing else. */
static gboolean
command_parse_file (const Command  *command,
                    GOptionContext *context,
                    char         ***args)
{
  if (!command_parse (command, context, args))
    return FALSE;
  if (g_strv_length (*args) == 2)
    return TRUE;
  if (g_strv_length (*args) < 2)
    usage_error (command, _("the report file is missing"));
  else
    usage_error (command, _("unexpected argument “%s”"), (*args)[2]);
  return FALSE;
}

/* Options are read as bytes; everything that becomes report text must be UTF-8. */
static gboolean
check_utf8 (const Command *command,
            const char    *what,
            const char    *text)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  usage_error (command, _("%s is not valid UTF-8 text"), what);
  return FALSE;
}

static char *
display_name (const char *path)
{
  return g_filename_display_name (path);
}

TbReport *
tb_cli_load_report (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (path);
  TbReport *report = tb_draft_load (path, &error);

  /* The loader's message already names the file. */
  if (report == NULL && error != NULL)
    tb_cli_err ("%s\n", error->message);
  else if (report == NULL)
    tb_cli_err ("%s: %s\n", name, _("could not be read"));
  return report;
}

static gboolean
save_report (TbReport   *report,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (path);

  if (tb_draft_save (report, path, &error))
    return TRUE;
  tb_cli_err (_("%s: not saved: %s\n"), name, error ? error->message : "?");
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

/* Only years a draft can be read back with (the loader refuses others as damaged). */
static gboolean
check_year (const Command *command,
            int            year)
{
  if (year >= TB_DRAFT_YEAR_MIN && year <= TB_DRAFT_YEAR_MAX)
    return TRUE;
  usage_error (command, _("%d is not a year a report can be on: give a year from %d to %d"),
               year, TB_DRAFT_YEAR_MIN, TB_DRAFT_YEAR_MAX);
  return FALSE;
}

static char *
years_text (const TbFormat *format)
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
      g_autofree char *years = years_text (f);

      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%s (%s)", tb_format_get_id (f), years);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const TbFormat *
lookup_format (const Command *command,
               const char    *id)
{
  const TbFormat *format = tb_format_get (id);

  if (format == NULL)
    {
      g_autofree char *known = format_ids_text ();

      usage_error (command, _("unknown format “%s”; the formats are: %s"), id, known);
    }
  return format;
}

static const TbFormat *
newest_format (void)
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

/* ------------------------------------------------------------------ new */

static int
cmd_new (const Command *command,
         char         **args)
{
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *format_id = NULL;
  g_autofree char *preparer = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *from = NULL;
  int year = 0;
  gboolean manual_totals = FALSE, force = FALSE, no_texts = FALSE;
  const TbFormat *format;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The draft file to create (*.tianbao)"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("Start from last year's report: 上年结转 from its 结转下年度, its agency and "
         "contact, its texts as a starting point"), N_("LAST.tianbao") },
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

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;

  if (output == NULL && g_strv_length (args) == 2)
    output = g_strdup (args[1]);
  else if (g_strv_length (args) > 1)
    {
      usage_error (command, _("unexpected argument “%s”"), args[1]);
      return TB_CLI_EXIT_FAILED;
    }
  if (output == NULL)
    {
      usage_error (command, _("the file to create is missing (-o FILE)"));
      return TB_CLI_EXIT_FAILED;
    }
  if (year == 0)
    {
      usage_error (command, _("the year is missing (--year YEAR)"));
      return TB_CLI_EXIT_FAILED;
    }
  if (!check_year (command, year))
    return TB_CLI_EXIT_FAILED;
  if (agency)
    g_strstrip (agency);
  if (from != NULL)
    {
      if (!check_utf8 (command, "--agency", agency))
        return TB_CLI_EXIT_FAILED;
      return tb_cli_new_from (from, output, year, agency, !no_texts, force);
    }
  if (agency == NULL || *agency == '\0')
    {
      usage_error (command, _("the agency is missing (--agency AGENCY)"));
      return TB_CLI_EXIT_FAILED;
    }
  if (!check_utf8 (command, "--agency", agency) ||
      !check_utf8 (command, "--preparer", preparer) ||
      !check_utf8 (command, "--contact", contact))
    return TB_CLI_EXIT_FAILED;
  if (date && *date && !is_iso_date (date))
    {
      usage_error (command, _("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2025-01-20"),
                   date);
      return TB_CLI_EXIT_FAILED;
    }

  if (format_id)
    {
      g_autofree char *years = NULL;

      format = lookup_format (command, format_id);
      if (format == NULL)
        return TB_CLI_EXIT_FAILED;
      years = years_text (format);
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

  name = display_name (output);
  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      tb_cli_err (_("%s already exists; use --force to overwrite it.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }
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
  if (!save_report (report, output))
    return TB_CLI_EXIT_FAILED;

  title = tb_report_dup_title (report);
  tb_cli_out (_("Created %s: %s (format %s, %s)\n"), name, title, tb_format_get_id (format),
              tb_format_get_document (format));
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ set */

static int
cmd_set (const Command *command,
         char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *name = NULL;
  gboolean manual_totals = FALSE, computed_totals = FALSE;
  gboolean usage_problem = FALSE;
  const TbFormat *format;
  const char *path;
  guint n_args, n_set = 0;
  const GOptionEntry entries[] = {
    { "manual-totals", 0, 0, G_OPTION_ARG_NONE, &manual_totals,
      N_("From now on, type the totals by hand (saved in the report)"), NULL },
    { "computed-totals", 0, 0, G_OPTION_ARG_NONE, &computed_totals,
      N_("From now on, compute the totals from their parts (saved in the report)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;

  n_args = g_strv_length (args);
  if (n_args < 2)
    {
      usage_error (command, _("the report file is missing"));
      return TB_CLI_EXIT_FAILED;
    }
  if (manual_totals && computed_totals)
    {
      usage_error (command, _("--manual-totals and --computed-totals exclude each other"));
      return TB_CLI_EXIT_FAILED;
    }
  if (n_args < 3 && !manual_totals && !computed_totals)
    {
      usage_error (command, _("nothing to set: give one or more ID=VALUE"));
      return TB_CLI_EXIT_FAILED;
    }

  path = args[1];
  name = display_name (path);
  report = tb_cli_load_report (path);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;
  format = tb_report_get_format (report);

  if (manual_totals)
    tb_report_set_manual_totals (report, TRUE);
  if (computed_totals)
    tb_report_set_manual_totals (report, FALSE);

  for (guint i = 2; i < n_args; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      const char *eq = strchr (args[i], '=');
      const char *value;
      const TbCellSpec *spec;

      if (!g_utf8_validate (args[i], -1, NULL))
        {
          g_string_append_printf (problems, _("Argument %u is not valid UTF-8 text.\n"), i);
          usage_problem = TRUE;
          continue;
        }
      if (eq == NULL)
        {
          g_string_append_printf (problems, _("“%s” is not ID=VALUE.\n"), args[i]);
          usage_problem = TRUE;
          continue;
        }
      id = g_strstrip (g_strndup (args[i], (gsize) (eq - args[i])));
      value = eq + 1;
      spec = tb_format_find_cell (format, id);
      if (spec == NULL)
        {
          g_autofree char *hint = suggest_cells (format, id);

          if (hint)
            g_string_append_printf (problems, _("Unknown cell id “%s”. Did you mean: %s?\n"),
                                    id, hint);
          else
            g_string_append_printf (problems, _("Unknown cell id “%s”.\n"), id);
          usage_problem = TRUE;
          continue;
        }
      if (spec->total_rule >= 0 && !tb_report_get_manual_totals (report))
        {
          g_string_append_printf (problems,
                                  _("%s（%s）: this is a total, computed from its parts in "
                                    "this report. To type totals yourself, create the report "
                                    "with “tianbao-cli new --manual-totals”, or switch this "
                                    "one with “tianbao-cli set --manual-totals FILE …”.\n"),
                                  spec->id, spec->label);
          continue;
        }
      if (!tb_report_set_cell_text (report, spec->index, value, &error))
        {
          /* TRANSLATORS: cell id, its official label, why the value was refused */
          g_string_append_printf (problems, _("%s（%s）: %s\n"), spec->id, spec->label,
                                  error ? error->message : "?");
          continue;
        }
      n_set++;
    }

  if (problems->len > 0)
    {
      tb_cli_err ("%s", problems->str);
      if (usage_problem)
        tb_cli_err (_("Run “tianbao-cli cells %s” for the list of cell ids.\n"), name);
      tb_cli_err (_("Nothing was saved: %s is unchanged.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }

  if (!tb_report_get_manual_totals (report))
    tb_rules_compute_totals (report);
  if (!save_report (report, path))
    return TB_CLI_EXIT_FAILED;

  if (manual_totals)
    tb_cli_out (_("%s: totals are now typed by hand.\n"), name);
  if (computed_totals)
    tb_cli_out (_("%s: totals are now computed from their parts.\n"), name);
  if (n_args > 2)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: %u cell set and saved.\n",
                             "%s: %u cells set and saved.\n", n_set),
                name, n_set);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ text */

static const TbSectionSpec *
find_text_section (const Command  *command,
                   const TbFormat *format,
                   const char     *id)
{
  const TbSectionSpec *section = tb_format_find_section (format, id);
  g_autoptr(GString) known = NULL;

  if (section && section->type == TB_SECTION_TEXT)
    return section;

  known = g_string_new (NULL);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *s = tb_format_get_section (format, i);

      if (s->type != TB_SECTION_TEXT)
        continue;
      if (known->len > 0)
        g_string_append (known, ", ");
      g_string_append_printf (known, "%s %s", s->id, s->heading);
    }
  if (section)
    usage_error (command, _("%s (%s) is a table; the text sections are: %s"), id,
                 section->heading, known->str);
  else
    usage_error (command, _("unknown section “%s”; the text sections are: %s"), id, known->str);
  return NULL;
}

static gboolean
read_stream (FILE     *stream,
             GString  *into)
{
  char buffer[8192];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stream)) > 0)
    {
      g_string_append_len (into, buffer, (gssize) n);
      if (into->len > TB_DRAFT_MAX_SIZE)
        return FALSE;
    }
  return !ferror (stream);
}

/* The text as the report keeps it: UTF-8, "\n" line ends, no BOM, no trailing blank
 * lines, no control characters. NULL with a message on stderr if it cannot be used. */
static char *
clean_text (const char *source_name,
            const char *data,
            gsize       len)
{
  g_autofree char *converted = NULL;
  GString *s;

  if (memchr (data, '\0', len) != NULL)
    {
      tb_cli_err (_("%s: this is not a text file.\n"), source_name);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      gsize written = 0;

      /* Chinese Windows editors often save GB18030 (GBK). */
      converted = g_convert (data, (gssize) len, "UTF-8", "GB18030", NULL, &written, NULL);
      if (converted == NULL)
        {
          tb_cli_err (_("%s: the text is neither UTF-8 nor GB18030; save it as UTF-8.\n"),
                      source_name);
          return NULL;
        }
      tb_cli_err (_("%s: read as GB18030 text.\n"), source_name);
      data = converted;
      len = written;
    }
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  s = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) data[i];

      if (c == '\r')
        {
          g_string_append_c (s, '\n');
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
        }
      else if (c == '\f' || c == '\v')
        g_string_append_c (s, '\n');
      else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        {
          tb_cli_err (_("%s: the text contains a control character (code %u); remove it.\n"),
                      source_name, c);
          g_string_free (s, TRUE);
          return NULL;
        }
      else
        g_string_append_c (s, (char) c);
    }
  while (s->len > 0 && g_ascii_isspace (s->str[s->len - 1]))
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static int
cmd_text (const Command *command,
          char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *text = NULL;
  gboolean get = FALSE;
  const TbSectionSpec *section;
  const char *source;
  guint n_args;
  const GOptionEntry entries[] = {
    { "get", 'g', 0, G_OPTION_ARG_NONE, &get, N_("Print the text instead of setting it"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;

  n_args = g_strv_length (args);
  if (n_args < 3)
    {
      usage_error (command, n_args < 2 ? _("the report file is missing")
                                       : _("the section is missing (s1, s5 or s6)"));
      return TB_CLI_EXIT_FAILED;
    }
  if (n_args > 4 || (get && n_args > 3))
    {
      usage_error (command, _("unexpected argument “%s”"), args[get ? 3 : 4]);
      return TB_CLI_EXIT_FAILED;
    }

  name = display_name (args[1]);
  report = tb_cli_load_report (args[1]);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;
  section = find_text_section (command, tb_report_get_format (report), args[2]);
  if (section == NULL)
    return TB_CLI_EXIT_FAILED;

  if (get)
    {
      const char *current = tb_report_get_text (report, section->id);

      tb_cli_out_str (current);
      if (*current)
        tb_cli_out_str ("\n");
      return TB_CLI_EXIT_OK;
    }

  source = n_args == 4 ? args[3] : "-";
  if (g_str_equal (source, "-"))
    {
      g_autoptr(GString) data = g_string_new (NULL);

      source_name = g_strdup (_("standard input"));
      if (n_args < 4 && isatty (STDIN_FILENO))
        tb_cli_err (_("Type the text of %s, then press Ctrl+D.\n"), section->heading);
      if (!read_stream (stdin, data))
        {
          tb_cli_err (_("%s: could not be read, or is too long.\n"), source_name);
          return TB_CLI_EXIT_FAILED;
        }
      text = clean_text (source_name, data->str, data->len);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      source_name = display_name (source);
      if (!g_file_get_contents (source, &data, &len, &error))
        {
          tb_cli_err ("%s\n", error->message);
          return TB_CLI_EXIT_FAILED;
        }
      if (len > TB_DRAFT_MAX_SIZE)
        {
          tb_cli_err (_("%s: the text is too long.\n"), source_name);
          return TB_CLI_EXIT_FAILED;
        }
      text = clean_text (source_name, data, len);
    }
  if (text == NULL)
    return TB_CLI_EXIT_FAILED;

  tb_report_set_text (report, section->id, text);
  if (!save_report (report, args[1]))
    return TB_CLI_EXIT_FAILED;
  if (*text)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: %s set (%ld character).\n",
                             "%s: %s set (%ld characters).\n",
                             (gulong) g_utf8_strlen (text, -1)),
                name, section->heading, (long) g_utf8_strlen (text, -1));
  else
    tb_cli_out (_("%s: the text of %s is cleared.\n"), name, section->heading);
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

static int
cmd_meta (const Command *command,
          char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *preparer = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *title = NULL;
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

  context = command_context (command, entries);
  if (!command_parse_file (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (!check_utf8 (command, "--agency", agency) ||
      !check_utf8 (command, "--preparer", preparer) ||
      !check_utf8 (command, "--contact", contact))
    return TB_CLI_EXIT_FAILED;
  if (agency)
    g_strstrip (agency);
  if (agency && *agency == '\0')
    {
      usage_error (command, _("the agency cannot be empty"));
      return TB_CLI_EXIT_FAILED;
    }
  if (date && *date && !is_iso_date (date))
    {
      usage_error (command, _("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2025-01-20"),
                   date);
      return TB_CLI_EXIT_FAILED;
    }
  if (year != 0 && !check_year (command, year))
    return TB_CLI_EXIT_FAILED;

  name = display_name (args[1]);
  report = tb_cli_load_report (args[1]);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;
  format = tb_report_get_format (report);

  if (year != 0 &&
      (year < tb_format_get_first_year (format) || year > tb_format_get_last_year (format)))
    {
      g_autofree char *years = years_text (format);

      tb_cli_err (_("%s uses format %s, which is for reports on %s; a report on %d needs a "
                    "new draft (tianbao-cli new --year %d …).\n"),
                  name, tb_format_get_id (format), years, year, year);
      return TB_CLI_EXIT_FAILED;
    }

  if (agency || year || preparer || contact || date)
    {
      if (agency)
        tb_report_set_agency (report, agency);
      if (year)
        tb_report_set_year (report, year);
      if (preparer)
        tb_report_set_preparer (report, *preparer ? preparer : NULL);
      if (contact)
        tb_report_set_contact (report, *contact ? contact : NULL);
      if (date)
        tb_report_set_report_date (report, *date ? date : NULL);
      if (!save_report (report, args[1]))
        return TB_CLI_EXIT_FAILED;
      tb_cli_out (_("%s: details saved.\n"), name);
      return TB_CLI_EXIT_OK;
    }

  {
    const char *labels[] = { _("Title:"), _("Format:"), _("Agency:"), _("Year:"),
                             _("Preparer:"), _("Contact:"), _("Date:") };
    guint width = 0;

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      width = MAX (width, tb_cli_text_width (labels[i]));
    title = tb_report_dup_title (report);
    year_text = tb_report_get_year (report) > 0
      ? g_strdup_printf ("%d", tb_report_get_year (report)) : NULL;
    print_meta_line (labels[0], width, title);
    print_meta_line (labels[1], width, tb_format_get_id (format));
    print_meta_line (labels[2], width, tb_report_get_agency (report));
    print_meta_line (labels[3], width, year_text);
    print_meta_line (labels[4], width, tb_report_get_preparer (report));
    print_meta_line (labels[5], width, tb_report_get_contact (report));
    print_meta_line (labels[6], width, tb_report_get_report_date (report));
  }
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ check, show */

static int
cmd_check (const Command *command,
           char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  gboolean json = FALSE, verbose = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("List every rule not checked yet and every empty cell"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse_file (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  report = tb_cli_load_report (args[1]);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;
  tb_cli_attach_previous (report, args[1]);
  return tb_cli_print_check (report, args[1], json, verbose);
}

static int
cmd_show (const Command *command,
          char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  gboolean json = FALSE;
  int width = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width,
      N_("Lay the text out in this many columns (default: the terminal's, or 100)"),
      N_("COLUMNS") },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse_file (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (width != 0 && (width < 40 || width > 1000))
    {
      usage_error (command, _("--width must be between 40 and 1000"));
      return TB_CLI_EXIT_FAILED;
    }
  report = tb_cli_load_report (args[1]);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;
  return tb_cli_print_show (report, json, width > 0 ? (guint) width : tb_cli_output_width (100));
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
cmd_cells (const Command *command,
           char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *format_id = NULL;
  gboolean json = FALSE;
  const TbFormat *format;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_id,
      N_("The report format (see “tianbao-cli formats”)"), N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (g_strv_length (args) > 2)
    {
      usage_error (command, _("unexpected argument “%s”"), args[2]);
      return TB_CLI_EXIT_FAILED;
    }
  if (g_strv_length (args) == 2)
    {
      if (format_id)
        {
          usage_error (command, _("give either a report file or --format, not both"));
          return TB_CLI_EXIT_FAILED;
        }
      report = tb_cli_load_report (args[1]);
      if (report == NULL)
        return TB_CLI_EXIT_FAILED;
      format = tb_report_get_format (report);
    }
  else if (format_id)
    {
      format = lookup_format (command, format_id);
      if (format == NULL)
        return TB_CLI_EXIT_FAILED;
    }
  else
    format = newest_format ();

  if (json)
    cells_json (format);
  else
    cells_text (format);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ ack */

static int
cmd_ack (const Command *command,
         char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *name = NULL;
  gboolean undo = FALSE;
  TbSeverity severity = TB_SEVERITY_ERROR;
  gboolean is_rule;
  const TbIssue *raised = NULL;
  const char *key;
  const GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Take the acknowledgement back"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (g_strv_length (args) != 3)
    {
      if (g_strv_length (args) < 3)
        usage_error (command, g_strv_length (args) < 2 ? _("the report file is missing")
                                                       : _("the warning's key is missing"));
      else
        usage_error (command, _("unexpected argument “%s”"), args[3]);
      return TB_CLI_EXIT_FAILED;
    }
  key = args[2];
  name = display_name (args[1]);
  report = tb_cli_load_report (args[1]);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;
  is_rule = tb_rules_lookup_key (tb_report_get_format (report), key, &severity);

  tb_cli_attach_previous (report, args[1]);
  issues = tb_rules_check (report);
  for (guint i = 0; i < issues->len && raised == NULL; i++)
    if (g_strcmp0 (((TbIssue *) g_ptr_array_index (issues, i))->key, key) == 0 &&
        ((TbIssue *) g_ptr_array_index (issues, i))->severity == TB_SEVERITY_WARNING)
      raised = g_ptr_array_index (issues, i);

  /* Taking back an acknowledgement of a key no longer known is allowed: it cleans up. */
  /* A raised warning may also come from the engine itself (PREV-YEAR), not a format rule. */
  if (!(undo && tb_report_is_acknowledged (report, key)) && raised == NULL &&
      (!is_rule || severity != TB_SEVERITY_WARNING))
    {
      g_autoptr(GString) warnings = g_string_new (NULL);

      if (is_rule)
        tb_cli_err (_("%s is not a warning: only warnings can be acknowledged, errors must be "
                      "fixed.\n"), key);
      else
        tb_cli_err (_("No warning has the key “%s”.\n"), key);
      for (guint i = 0; i < issues->len; i++)
        {
          const TbIssue *issue = g_ptr_array_index (issues, i);

          if (issue->severity == TB_SEVERITY_WARNING)
            g_string_append_printf (warnings, "  %s  %s\n", issue->key, issue->message);
        }
      if (warnings->len > 0)
        tb_cli_err (_("The warnings of %s are:\n%s"), name, warnings->str);
      else
        tb_cli_err (_("%s has no warnings now.\n"), name);
      return TB_CLI_EXIT_FAILED;
    }

  tb_report_set_acknowledged (report, key, !undo);
  if (!save_report (report, args[1]))
    return TB_CLI_EXIT_FAILED;
  if (undo)
    tb_cli_out (_("%s: warning %s is no longer acknowledged.\n"), name, key);
  else if (raised)
    tb_cli_out (_("%s: warning %s acknowledged: %s\n"), name, key, raised->message);
  else
    tb_cli_out (_("%s: warning %s acknowledged (it is not raised at the moment).\n"), name,
                key);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ formats */

static int
cmd_formats (const Command *command,
             char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) list = tb_format_list ();
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean json = FALSE;
  guint years_width = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the list as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (g_strv_length (args) > 1)
    {
      usage_error (command, _("unexpected argument “%s”"), args[1]);
      return TB_CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *years = years_text (g_ptr_array_index (list, i));
      g_autofree char *for_years = g_strdup_printf (_("reports on %s"), years);

      years_width = MAX (years_width, tb_cli_text_width (for_years));
    }
  if (json)
    g_string_append (s, "[");
  for (guint i = 0; i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);
      g_autofree char *years = years_text (f);

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

/* ------------------------------------------------------------------ export-pdf */

/* The PDF path next to the draft: report.tianbao → report.pdf. */
static char *
default_pdf_path (const char *draft)
{
  g_autofree char *stem = g_str_has_suffix (draft, ".tianbao")
                          ? g_strndup (draft, strlen (draft) - strlen (".tianbao"))
                          : g_strdup (draft);

  return g_strconcat (stem, ".pdf", NULL);
}

static int
cmd_export_pdf (const Command *command,
                char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in_file = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(TbLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *output = NULL;
  g_autofree char *name = NULL;
  g_autofree char *out_name = NULL;
  gboolean sign_off = FALSE, draft = FALSE;
  TbLayoutOptions options = { 0, };
  guint issues;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the PDF to OUT (default: FILE with .pdf instead of .tianbao)"), N_("OUT") },
    { "sign-off", 0, 0, G_OPTION_ARG_NONE, &sign_off,
      N_("End with the agency and the report date (落款), for the signed paper copy"), NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft,
      N_("Export even if the report has errors or unfilled cells; every page is marked "
         "as a draft"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse_file (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (output == NULL)
    output = default_pdf_path (args[1]);
  in_file = g_file_new_for_commandline_arg (args[1]);
  out_file = g_file_new_for_commandline_arg (output);
  if (g_file_equal (in_file, out_file))
    {
      usage_error (command, _("the PDF would overwrite the report file"));
      return TB_CLI_EXIT_FAILED;
    }

  name = display_name (args[1]);
  out_name = display_name (output);
  report = tb_cli_load_report (args[1]);
  if (report == NULL)
    return TB_CLI_EXIT_FAILED;

  /* Errors and unfilled cells both mean the report is not ready to publish. */
  tb_cli_attach_previous (report, args[1]);
  issues = tb_pdf_count_blocking_issues (report);
  if (issues > 0 && !draft)
    {
      tb_cli_err (g_dngettext (GETTEXT_PACKAGE,
                               "%s has %u error or unfilled part; not exported.\n",
                               "%s has %u errors or unfilled parts; not exported.\n",
                               issues),
                  name, issues);
      tb_cli_err (_("Run “tianbao-cli check %s” to see them, or export a draft with "
                    "--draft.\n"), args[1]);
      return TB_CLI_EXIT_NOT_READY;
    }
  options.sign_off = sign_off;
  options.draft_issues = issues;

  layout = tb_layout_new (report, &options);
  pdf = tb_pdf_render_layout (layout, report, &error);
  if (pdf == NULL ||
      !tb_file_write_atomic (output, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                             &error))
    {
      tb_cli_err (_("%s: not exported: %s\n"), out_name, error->message);
      return TB_CLI_EXIT_FAILED;
    }
  if (issues > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%s: exported %u page as a draft (%u issue left)\n",
                             "%s: exported %u pages as a draft (%u issues left)\n",
                             tb_layout_get_n_pages (layout)),
                out_name, tb_layout_get_n_pages (layout), issues);
  else
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: exported %u page\n",
                             "%s: exported %u pages\n", tb_layout_get_n_pages (layout)),
                out_name, tb_layout_get_n_pages (layout));
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ merge */

/* The work is in tb-cli-carry.c (with new --from). */
static int
cmd_merge (const Command *command,
           char         **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *breakdown = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The summary draft to create (*.tianbao)"), N_("FILE") },
    { "agency", 0, 0, G_OPTION_ARG_FILENAME, &agency,
      N_("The agency the summary is for, e.g. 某县人民政府办公室"), N_("AGENCY") },
    { "breakdown", 0, 0, G_OPTION_ARG_FILENAME, &breakdown,
      N_("Where to write the breakdown by agency (default: beside the summary, .csv)"),
      N_("FILE.csv") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite the files if they exist"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (command, entries);
  if (!command_parse (command, context, &args))
    return TB_CLI_EXIT_FAILED;
  if (output == NULL)
    {
      usage_error (command, _("the file to create is missing (-o FILE)"));
      return TB_CLI_EXIT_FAILED;
    }
  if (g_strv_length (args) < 2)
    {
      usage_error (command, _("the reports to combine are missing"));
      return TB_CLI_EXIT_FAILED;
    }
  if (agency)
    g_strstrip (agency);
  if (!check_utf8 (command, "--agency", agency))
    return TB_CLI_EXIT_FAILED;
  return tb_cli_merge (output, agency, breakdown, args + 1, force);
}

/* ------------------------------------------------------------------ main */

static void
print_help (void)
{
  guint width = 0;

  tb_cli_out (_("Usage: tianbao-cli COMMAND [OPTION…] [ARGUMENT…]\n"));
  tb_cli_out ("\n");
  tb_cli_out (_("Fill in and check the annual report on government information disclosure "
                "(政府信息公开工作年度报告) without the graphical application.\n"));
  tb_cli_out ("\n");
  tb_cli_out (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (guint) strlen (commands[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    tb_cli_out ("  %-*s  %s\n", (int) width, commands[i].name,
                g_dgettext (GETTEXT_PACKAGE, commands[i].summary));
  tb_cli_out ("\n");
  tb_cli_out (_("Options:\n"));
  tb_cli_out ("  -h, --help     %s\n", _("Show this help"));
  tb_cli_out ("  --version      %s\n", _("Show the version"));
  tb_cli_out ("\n");
  tb_cli_out (_("Run “tianbao-cli COMMAND --help” for the options of a command.\n"));
  tb_cli_out (_("Exit status: 0 success (check: the report is ready), 1 the report is not "
                "ready, 2 the file could not be read or the command was wrong.\n"));
  tb_cli_out ("\n");
  tb_cli_out (_("Example:\n"));
  tb_cli_out ("  tianbao-cli new --year 2024 --agency 盐池县审计局 -o report.tianbao\n"
              "  tianbao-cli set report.tianbao t3.r1_new.np=3 t3.r2_carry_in.np=1\n"
              "  tianbao-cli check report.tianbao\n");
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static int
finish (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "tianbao-cli: %s\n", _("could not write the output"));
      return TB_CLI_EXIT_FAILED;
    }
  return status;
}

int
tb_cli_main (int    argc,
             char **argv)
{
  const char *localedir = g_getenv ("TIANBAO_LOCALEDIR");
  const Command *command;
  g_auto(GStrv) args = NULL;
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tianbao-cli");

  if (argc < 2)
    {
      usage_error (NULL, _("a command is missing"));
      return finish (TB_CLI_EXIT_FAILED);
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "-?") ||
      (g_str_equal (name, "help") && argc == 2))
    {
      print_help ();
      return finish (TB_CLI_EXIT_OK);
    }
  if (g_str_equal (name, "--version"))
    {
      tb_cli_out ("tianbao-cli %s\n", PACKAGE_VERSION);
      return finish (TB_CLI_EXIT_OK);
    }

  /* "help COMMAND" is "COMMAND --help". */
  if (g_str_equal (name, "help"))
    {
      command = find_command (argv[2]);
      if (command == NULL)
        {
          usage_error (NULL, _("unknown command “%s”"), argv[2]);
          return finish (TB_CLI_EXIT_FAILED);
        }
      args = g_new0 (char *, 3);
      args[0] = g_strdup (command->name);
      args[1] = g_strdup ("--help");
      return finish (command->run (command, args));
    }

  command = find_command (name);
  if (command == NULL)
    {
      if (name[0] == '-')
        usage_error (NULL, _("unknown option “%s”; options go after the command"), name);
      else
        usage_error (NULL, _("unknown command “%s”"), name);
      return finish (TB_CLI_EXIT_FAILED);
    }

  args = g_strdupv (argv + 1);
  return finish (command->run (command, args));
}
