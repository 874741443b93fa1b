/* tb-cli-export.c: tianbao-cli export-pdf, export-html and export-docx: the report as PDF in
 * the official layout, as a web page for the portal, as a Word document
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three commands do the same thing, each with its writer (ExportKind): read the report
 * (and last year's, for the cross-year rules), refuse one that is not ready unless --draft,
 * write the export whole beside it or to -o OUT (tb_file_write_atomic(): a failure leaves
 * the old file as it was). A web page or a Word document may have been edited since it was
 * exported (in the portal's editor, in Word): an existing one is replaced only with
 * --force. A PDF is not edited, and is replaced without asking.
 */
#define G_LOG_DOMAIN "tb-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-carry.h"
#include "tb-cli-commands.h"
#include "tb-cli-output.h"
#include "tb-docx-writer.h"
#include "tb-draft.h"
#include "tb-html-writer.h"
#include "tb-pdf.h"
#include "tb-font-roles.h"
#include "tb-pdf-fonts.h"
#include "tb-readiness.h"

/* What the options of an export say. */
typedef struct
{
  char     *output;
  gboolean  sign_off;
  gboolean  draft;
  gboolean  force;
  gboolean  replace_draft;
  gboolean  fragment;
  char    **fonts;      /* --font ROLE=FAMILY, or NULL */
  guint     issues;     /* errors and unfilled parts: > 0 marks the export as a draft */
} ExportOptions;

static void
export_options_clear (ExportOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->fonts, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

/* One kind of export. */
typedef struct
{
  const char *suffix;           /* of the default output: FILE.tianbao → FILE.suffix */
  const char *fragment_suffix;  /* with --fragment (which only this kind has), or NULL */
  const char *output_help;      /* the help of -o */
  char     *(*describe) (const char *name);  /* "the PDF of NAME", for the output guard */
  gboolean    need_force;       /* an existing output is replaced only with --force */
  /* The export of @report, or NULL with @error; @n_pages: its pages, if it has any. */
  GBytes   *(*write) (TbReport            *report,
                      const ExportOptions *options,
                      guint               *n_pages,
                      GError             **error);
  gboolean    fonts;            /* takes --font ROLE=FAMILY */
} ExportKind;

/* ------------------------------------------------------------------ the writers */

static GBytes *
write_pdf (TbReport            *report,
           const ExportOptions *options,
           guint               *n_pages,
           GError             **error)
{
  TbLayoutOptions layout_options = { 0, };
  g_autoptr(TbLayout) layout = NULL;

  layout_options.sign_off = options->sign_off;
  layout_options.draft_issues = options->issues;
  layout = tb_pdf_layout_new (report, &layout_options);
  *n_pages = tb_layout_get_n_pages (layout);
  return tb_pdf_render_layout (layout, report, error);
}

static GBytes *
write_html (TbReport            *report,
            const ExportOptions *options,
            guint               *n_pages,
            GError             **error)
{
  TbHtmlFlags flags = TB_HTML_DEFAULT;

  if (options->fragment)
    flags |= TB_HTML_FRAGMENT;
  if (options->sign_off)
    flags |= TB_HTML_SIGN_OFF;
  if (options->issues > 0)
    flags |= TB_HTML_DRAFT;
  return tb_html_write (report, flags);
}

static GBytes *
write_docx (TbReport            *report,
            const ExportOptions *options,
            guint               *n_pages,
            GError             **error)
{
  TbDocxFlags flags = TB_DOCX_DEFAULT;

  if (options->sign_off)
    flags |= TB_DOCX_SIGN_OFF;
  if (options->issues > 0)
    flags |= TB_DOCX_DRAFT;
  return tb_docx_write (report, flags, error);
}

/* What would replace a report named OUT, in the output guard's message. */
static char *
describe_pdf (const char *name)
{
  /* TRANSLATORS: %s is the report's file name */
  return g_strdup_printf (_("the PDF of %s"), name);
}

static char *
describe_html (const char *name)
{
  /* TRANSLATORS: %s is the report's file name */
  return g_strdup_printf (_("the web page of %s"), name);
}

static char *
describe_docx (const char *name)
{
  /* TRANSLATORS: %s is the report's file name */
  return g_strdup_printf (_("the Word document of %s"), name);
}

static const ExportKind pdf_kind = {
  ".pdf", NULL, N_("Write the PDF to OUT (default: FILE with .pdf instead of .tianbao)"),
  describe_pdf, FALSE, write_pdf, TRUE,
};

static const ExportKind html_kind = {
  ".html", ".fragment.html",
  N_("Write the web page to OUT (default: FILE with .html, or .fragment.html with "
     "--fragment, instead of .tianbao)"),
  describe_html, TRUE, write_html, FALSE,
};

static const ExportKind docx_kind = {
  ".docx", NULL,
  N_("Write the Word document to OUT (default: FILE with .docx instead of .tianbao)"),
  describe_docx, TRUE, write_docx, TRUE,
};

/* ------------------------------------------------------------------ shared */

/* The export next to the draft: report.tianbao → report.pdf. */
static char *
default_output (const char *draft,
                const char *suffix)
{
  g_autofree char *stem = g_str_has_suffix (draft, ".tianbao")
                          ? g_strndup (draft, strlen (draft) - strlen (".tianbao"))
                          : g_strdup (draft);

  return g_strconcat (stem, suffix, NULL);
}

static int
run_export (const TbCliCommand  *command,
            char               **args,
            const ExportKind    *kind)
{
  g_auto(TbCliContext) ctx = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in_file = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *out_name = NULL;
  g_autofree char *in_name = NULL;
  g_autofree char *what = NULL;
  g_autofree char *previous = NULL;
  g_auto(ExportOptions) options = { 0, };
  GOptionEntry entries[8];
  guint n = 0, n_pages = 0;

  entries[n++] = (GOptionEntry) { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
                                  kind->output_help, N_("OUT") };
  if (kind->fragment_suffix != NULL)
    entries[n++] = (GOptionEntry) {
      "fragment", 0, 0, G_OPTION_ARG_NONE, &options.fragment,
      N_("Write only the report's content with inline styles, to paste or upload into the "
         "portal's editor (which drops style blocks)"), NULL };
  entries[n++] = (GOptionEntry) {
    "sign-off", 0, 0, G_OPTION_ARG_NONE, &options.sign_off,
    N_("End with the agency and the report date (落款), for the signed paper copy"), NULL };
  entries[n++] = (GOptionEntry) {
    "draft", 0, 0, G_OPTION_ARG_NONE, &options.draft,
    N_("Export even if the report has errors or unfilled cells; the export is then marked "
       "as a draft"), NULL };
  if (kind->need_force)
    entries[n++] = (GOptionEntry) { "force", 'f', 0, G_OPTION_ARG_NONE, &options.force,
                                    N_("Overwrite OUT if it exists"), NULL };
  entries[n++] = (GOptionEntry) {
    "replace-draft", 0, 0, G_OPTION_ARG_NONE, &options.replace_draft,
    N_("Allow the export to replace a Tianbao report named OUT (refused otherwise)"), NULL };
  if (kind->fonts)
    entries[n++] = (GOptionEntry) {
      "font", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.fonts,
      N_("Set ROLE (title, body, heading1, heading2) in FAMILY instead of the official font "
         "or its free stand-in; may be repeated"), N_("ROLE=FAMILY") };
  entries[n] = (GOptionEntry) G_OPTION_ENTRY_NULL;
  g_assert (n < G_N_ELEMENTS (entries));

  if (!tb_cli_context_parse (&ctx, command, args, entries))
    return TB_CLI_EXIT_FAILED;
  for (guint i = 0; options.fonts != NULL && options.fonts[i] != NULL; i++)
    {
      g_autoptr(GError) font_error = NULL;

      if (!tb_font_role_parse_choice (options.fonts[i], &font_error))
        return tb_cli_usage_error (command, "%s", font_error->message);
    }
  if (options.output == NULL)
    options.output = default_output (ctx.args[1], options.fragment ? kind->fragment_suffix
                                                                   : kind->suffix);
  in_file = g_file_new_for_commandline_arg (ctx.args[1]);
  out_file = g_file_new_for_commandline_arg (options.output);
  if (g_file_equal (in_file, out_file))
    return tb_cli_usage_error (command, "%s", _("the export would overwrite the report file"));
  out_name = g_filename_display_name (options.output);
  in_name = g_filename_display_name (ctx.args[1]);
  if (!tb_cli_context_load (&ctx, TB_CLI_LOAD_PREVIOUS))
    return TB_CLI_EXIT_FAILED;
  /* Compare files, not names: a link to the report (or to last year's, which is read too)
   * is the report; a Tianbao report is replaced only with --replace-draft. */
  what = kind->describe (in_name);
  previous = tb_carry_resolve_reference (ctx.path, tb_report_get_previous (ctx.report));
  {
    const char *inputs[] = { ctx.path, previous, NULL };

    if (!tb_cli_check_output (options.output, inputs,
                              kind->need_force ? TB_CLI_OUTPUT_NEED_FORCE
                                               : TB_CLI_OUTPUT_DEFAULT,
                              options.force, options.replace_draft, what))
      return TB_CLI_EXIT_FAILED;
  }

  /* Errors and unfilled cells both mean the report is not ready to publish. */
  options.issues = tb_readiness_count_blocking_issues (ctx.report);
  if (options.issues > 0 && !options.draft)
    {
      tb_cli_err (g_dngettext (GETTEXT_PACKAGE,
                               "%s has %u error or unfilled part; not exported.\n",
                               "%s has %u errors or unfilled parts; not exported.\n",
                               options.issues),
                  ctx.name, options.issues);
      tb_cli_err (_("Run “tianbao-cli check %s” to see them, or export a draft with "
                    "--draft.\n"), ctx.path);
      return TB_CLI_EXIT_NOT_READY;
    }

  bytes = kind->write (ctx.report, &options, &n_pages, &error);
  if (bytes == NULL ||
      !tb_file_write_atomic (options.output, g_bytes_get_data (bytes, NULL),
                             g_bytes_get_size (bytes), &error))
    {
      tb_cli_err (_("%s: not exported: %s\n"), out_name, error->message);
      return TB_CLI_EXIT_FAILED;
    }

  if (n_pages > 0 && options.issues > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE,
                             "%s: exported %u page as a draft (%u issue left)\n",
                             "%s: exported %u pages as a draft (%u issues left)\n",
                             n_pages),
                out_name, n_pages, options.issues);
  else if (n_pages > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: exported %u page\n",
                             "%s: exported %u pages\n", n_pages),
                out_name, n_pages);
  else if (options.issues > 0)
    tb_cli_out (g_dngettext (GETTEXT_PACKAGE, "%s: exported as a draft (%u issue left)\n",
                             "%s: exported as a draft (%u issues left)\n", options.issues),
                out_name, options.issues);
  else
    tb_cli_out (_("%s: exported\n"), out_name);
  return TB_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ the commands */

static int
run_export_pdf (const TbCliCommand  *command,
                char               **args)
{
  return run_export (command, args, &pdf_kind);
}

static int
run_export_html (const TbCliCommand  *command,
                 char               **args)
{
  return run_export (command, args, &html_kind);
}

static int
run_export_docx (const TbCliCommand  *command,
                 char               **args)
{
  return run_export (command, args, &docx_kind);
}

const TbCliCommand tb_cli_command_export_pdf = {
  "export-pdf", N_("FILE [-o OUT.pdf]"),
  N_("Export the report as PDF in the official layout"),
  N_("A report with errors or unfilled cells is exported only with --draft; every page "
     "then says “草稿：尚有 N 处校验错误”, N counting the errors and unfilled parts.\n"
     "Exit status: 0 exported, 1 not ready (nothing written), 2 failure.\n"
     "Example: tianbao-cli export-pdf report.tianbao -o report.pdf --sign-off"),
  1, 1, { N_("the report file is missing"), },
  run_export_pdf,
};

const TbCliCommand tb_cli_command_export_html = {
  "export-html", N_("FILE [-o OUT.html]"),
  N_("Export the report as a web page for the government portal"),
  N_("One self-contained HTML file (no scripts, nothing fetched from elsewhere) with the "
     "official title, preface, sections and tables with their merged cells; it prints on "
     "A4. With --fragment, only the content with inline styles, which portal editors "
     "(UEditor, KindEditor, TinyMCE) keep when it is pasted or uploaded.\n"
     "A report with errors or unfilled cells is exported only with --draft; the page then "
     "says “草稿：尚有 N 处校验错误” at the top.\n"
     "Exit status: 0 exported, 1 not ready (nothing written), 2 failure.\n"
     "Example: tianbao-cli export-html report.tianbao --fragment -o 门户.html"),
  1, 1, { N_("the report file is missing"), },
  run_export_html,
};

const TbCliCommand tb_cli_command_export_docx = {
  "export-docx", N_("FILE [-o OUT.docx]"),
  N_("Export the report as a Word document"),
  N_("A .docx that Word, WPS and LibreOffice open: A4, the official title, preface, sections "
     "and real tables with their merged cells, page numbers “— n —”; every number can be "
     "edited.\n"
     "A report with errors or unfilled cells is exported only with --draft; every page "
     "then says “草稿：尚有 N 处校验错误”.\n"
     "Exit status: 0 exported, 1 not ready (nothing written), 2 failure.\n"
     "Example: tianbao-cli export-docx report.tianbao -o report.docx --sign-off"),
  1, 1, { N_("the report file is missing"), },
  run_export_docx,
};
