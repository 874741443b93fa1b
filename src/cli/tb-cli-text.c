/* tb-cli-text.c: tianbao-cli text: set a section's text from a file or standard input, or print it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-draft.h"
#include "tb-field.h"

static int run_text (const TbCliCommand *command, char **args);

const TbCliCommand tb_cli_command_text = {
  "text", N_("FILE SECTION [TEXT-FILE|-]"),
  N_("Set or print the text of a section"),
  N_("Reads the text of SECTION (s1, s5 or s6) from TEXT-FILE, or from standard input "
     "when it is “-” or missing. UTF-8 and GB18030 files are accepted. With --get, "
     "prints the text instead."),
  2, 3, { N_("the report file is missing"), N_("the section is missing (s1, s5 or s6)") },
  run_text,
};

/* ------------------------------------------------------------------ helpers */

static const TbSectionSpec *
find_text_section (const TbCliCommand *command,
                   const TbFormat     *format,
                   const char         *id)
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
    tb_cli_usage_error (command, _("%s (%s) is a table; the text sections are: %s"), id,
                        section->heading, known->str);
  else
    tb_cli_usage_error (command, _("unknown section “%s”; the text sections are: %s"), id,
                        known->str);
  return NULL;
}

/* The most bytes read from a text file or standard input: every character of the longest
 * text in its longest encoding, with a CR before every line feed; whatever is longer is
 * refused without reading the rest (/dev/zero never ends). */
#define TEXT_MAX_BYTES ((gsize) TB_FIELD_TEXT_MAX_CHARS * 4 * 2 + 4096)

/* Reads @fd up to TEXT_MAX_BYTES + 1 bytes into @into. FALSE with errno on a read error. */
static gboolean
read_bounded (int      fd,
              GString *into)
{
  char buffer[8192];

  while (into->len <= TEXT_MAX_BYTES)
    {
      gssize n = read (fd, buffer, MIN (sizeof buffer, TEXT_MAX_BYTES + 1 - into->len));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      g_string_append_len (into, buffer, n);
    }
  return TRUE;
}

/* The text as the report keeps it: UTF-8, "\n" line ends, no BOM, no trailing blank
 * lines, no control characters. NULL with a message on stderr if it cannot be used. */
static char *
clean_text (const char *source_name,
            const char *data,
            gsize       len)
{
  g_autofree char *converted = NULL;
  g_autoptr(GError) error = NULL;
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
      else
        g_string_append_c (s, (char) c);
    }
  while (s->len > 0 && g_ascii_isspace (s->str[s->len - 1]))
    g_string_truncate (s, s->len - 1);
  /* The same rules as every text of a report: length, C1 controls, direction controls. */
  if (!tb_field_check (TB_FIELD_TEXT, s->str, (gssize) s->len, &error))
    {
      tb_cli_err ("%s: %s\n", source_name, error->message);
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* The text of @source ("-": standard input) as the report keeps it, or NULL with a message
 * on stderr. With @prompt, a terminal on standard input is told what to type. */
static char *
read_text (const char          *source,
           const TbSectionSpec *section,
           gboolean             prompt)
{
  g_autofree char *source_name = NULL;

  g_autoptr(GString) data = g_string_new (NULL);
  int fd = STDIN_FILENO;

  if (g_str_equal (source, "-"))
    {
      source_name = g_strdup (_("standard input"));
      if (prompt && isatty (STDIN_FILENO))
        tb_cli_err (_("Type the text of %s, then press Ctrl+D.\n"), section->heading);
    }
  else
    {
      struct stat st;

      source_name = g_filename_display_name (source);
      /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
      fd = g_open (source, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
      if (fd < 0)
        {
          int errsv = errno;

          tb_cli_err (_("%s: could not be read: %s.\n"), source_name, g_strerror (errsv));
          return NULL;
        }
      if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode))
        {
          close (fd);
          tb_cli_err (_("%s: this is not a regular file; give a text file, or “-” to read "
                        "standard input.\n"),
                      source_name);
          return NULL;
        }
    }

  if (!read_bounded (fd, data))
    {
      int errsv = errno;

      if (fd != STDIN_FILENO)
        close (fd);
      tb_cli_err (_("%s: could not be read: %s.\n"), source_name, g_strerror (errsv));
      return NULL;
    }
  if (fd != STDIN_FILENO)
    close (fd);
  if (data->len > TEXT_MAX_BYTES)
    {
      tb_cli_err (_("%s: the text is too long: a section holds at most %u characters.\n"),
                  source_name, TB_FIELD_TEXT_MAX_CHARS);
      return NULL;
    }
  return clean_text (source_name, data->str, data->len);
}

static int
run_text (const TbCliCommand  *command,
          char               **args)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autofree char *text = NULL;
  gboolean get = FALSE;
  const TbSectionSpec *section;
  const GOptionEntry entries[] = {
    { "get", 'g', 0, G_OPTION_ARG_NONE, &get, N_("Print the text instead of setting it"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  if (get && ctx.n_args > 2)
    return tb_cli_usage_error (command, _("unexpected argument “%s”"), ctx.args[3]);
  if (get)
    {
      const char *current;

      if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_DEFAULT))
        return TB_CLI_EXIT_FAILED;
      section = find_text_section (command, tb_report_get_format (ctx.report), ctx.args[2]);
      if (section == NULL)
        return TB_CLI_EXIT_FAILED;
      current = tb_report_get_text (ctx.report, section->id);
      tb_cli_out_str (current);
      if (*current)
        tb_cli_out_str ("\n");
      return TB_CLI_EXIT_OK;
    }

  /* The text is read before the report is locked: a clerk typing it in a terminal must not
   * keep other writers waiting, nor find at the end that the report changed meanwhile. A
   * first look at the report checks the section and names it in the prompt. */
  {
    g_autoptr(TbReport) peek = tb_cli_load_report (ctx.args[1]);

    if (peek == NULL)
      return TB_CLI_EXIT_FAILED;
    section = find_text_section (command, tb_report_get_format (peek), ctx.args[2]);
    if (section == NULL)
      return TB_CLI_EXIT_FAILED;
    text = read_text (ctx.n_args == 3 ? ctx.args[3] : "-", section, ctx.n_args < 3);
    if (text == NULL)
      return TB_CLI_EXIT_FAILED;
  }
  if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_WRITE))
    return TB_CLI_EXIT_FAILED;
  /* Another format since the first look (another program converted it): look again. */
  section = find_text_section (command, tb_report_get_format (ctx.report), ctx.args[2]);
  if (section == NULL)
    return TB_CLI_EXIT_FAILED;
  tb_report_set_text (ctx.report, section->id, text);
  if (!tb_cli_context_save (&ctx))
    return TB_CLI_EXIT_FAILED;
  if (*text)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: %s set (%ld character).\n",
                             "%s: %s set (%ld characters).\n",
                             (gulong) g_utf8_strlen (text, -1)),
                ctx.name, section->heading, (long) g_utf8_strlen (text, -1));
  else
    tb_cli_out (_("%s: the text of %s is cleared.\n"), ctx.name, section->heading);
  return TB_CLI_EXIT_OK;
}
