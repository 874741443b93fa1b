/* tb-cli-context.h: what every tianbao-cli command shares: its entry in the command table, its
 * options and arguments, and loading, checking and saving the report it works on
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tb-field.h"
#include "tb-file-state.h"
#include "tb-lock.h"
#include "tb-report.h"

G_BEGIN_DECLS

/* Exit codes of every command (see tb-cli.h). */
enum
{
  TB_CLI_EXIT_OK = 0,
  TB_CLI_EXIT_NOT_READY = 1,
  TB_CLI_EXIT_FAILED = 2,
};

typedef struct _TbCliCommand TbCliCommand;

/* Runs @command on @args (args[0] is the command's name, the options follow). Returns the
 * exit code. */
typedef int (*TbCliRunFunc) (const TbCliCommand  *command,
                             char               **args);

/* One command of the table in tb-cli.c; each command file defines its own (tb-cli-commands.h).
 * Texts are untranslated (N_()); GOption and the help translate them. */
struct _TbCliCommand
{
  const char   *name;
  const char   *parameters;   /* what follows the command, e.g. "FILE ID=VALUE…" */
  const char   *summary;      /* one line for the command list */
  const char   *description;  /* shown after the options, or NULL */
  guint         min_args;     /* arguments after the options: at least … */
  guint         max_args;     /* … and at most (G_MAXUINT: any number) */
  const char   *missing[2];   /* the mistake when only 0 (1) arguments are given and
                                 min_args is more: "the report file is missing" */
  TbCliRunFunc  run;
};

/* A command at work: its options and arguments, and the report named by its first
 * argument once loaded. Lives on the command's stack:
 *   g_auto(TbCliContext) ctx = { 0, };
 *   if (!tb_cli_context_parse (&ctx, command, args, entries) ||
 *       !tb_cli_context_load (&ctx, TB_CLI_LOAD_DEFAULT))
 *     return TB_CLI_EXIT_FAILED;
 *   … act on ctx.report …
 *   return tb_cli_context_save (&ctx) ? TB_CLI_EXIT_OK : TB_CLI_EXIT_FAILED;
 */
typedef struct
{
  const TbCliCommand  *command;
  GOptionContext      *options;
  char               **args;     /* what the options left: args[0] is the command */
  guint                n_args;   /* arguments after the command */
  const char          *path;     /* the report file (args[1]), once loaded */
  char                *name;     /* its name for messages */
  TbReport            *report;
  TbLock              *lock;     /* held from load to save (TB_CLI_LOAD_WRITE) */
  TbFileState         *state;    /* the file as loaded (TB_CLI_LOAD_WRITE) */
} TbCliContext;

typedef enum
{
  TB_CLI_LOAD_DEFAULT = 0,
  TB_CLI_LOAD_PREVIOUS = 1 << 0,  /* also attach last year's report, for the cross-year rules */
  TB_CLI_LOAD_WRITE = 1 << 1,     /* the command saves the report: hold its lock until the
                                     context is cleared, and refuse to save over a file that
                                     changed since it was read */
} TbCliLoadFlags;

/* Reads the options @entries (and --help) out of @args and checks the number of arguments
 * against @command's. On a mistake, prints it with the usage line and returns FALSE.
 * String options should be G_OPTION_ARG_FILENAME (raw bytes) checked with
 * tb_cli_check_utf8(): GOption would convert G_OPTION_ARG_STRING from the locale charset
 * and refuse 盐池县审计局 under LANG=C. */
gboolean    tb_cli_context_parse   (TbCliContext        *self,
                                    const TbCliCommand  *command,
                                    char               **args,
                                    const GOptionEntry  *entries);
/* Loads the report named by the first argument into self->report; on failure prints
 * "FILE: why" to stderr and returns FALSE. With TB_CLI_LOAD_WRITE, first waits (up to
 * TB_LOCK_DEFAULT_TIMEOUT_MS) for the report's lock (tb-lock.h). */
gboolean    tb_cli_context_load    (TbCliContext        *self,
                                    TbCliLoadFlags       flags);
/* Saves self->report back to its file, all or nothing; on failure prints
 * "FILE: not saved: why" to stderr and returns FALSE. A report loaded with
 * TB_CLI_LOAD_WRITE is not saved if its file changed since (another program that does not
 * lock, an editor): that change is kept, and the command is to be run again. */
gboolean    tb_cli_context_save    (TbCliContext        *self);
void        tb_cli_context_clear   (TbCliContext        *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TbCliContext, tb_cli_context_clear)

/* Prints "tianbao-cli COMMAND: message", the usage line and where to find help to stderr.
 * Returns TB_CLI_EXIT_FAILED. */
int         tb_cli_usage_error     (const TbCliCommand  *command,
                                    const char          *format,
                                    ...) G_GNUC_PRINTF (2, 3);

/* The same load and save, for reports that are not the command's first argument. */
TbReport   *tb_cli_load_report     (const char          *path);
gboolean    tb_cli_save_report     (TbReport            *report,
                                    const char          *path);
/* Attaches the report named by @report's previous reference (relative to @path), or prints
 * a warning line saying why it could not be (the cross-year checks are then skipped). */
void        tb_cli_attach_previous (TbReport            *report,
                                    const char          *path);

/* NAME.tianbao in @dir (or beside @input when @dir is NULL): the draft `tianbao-cli import`
 * makes of @input, its extension replaced. (transfer full) */
char       *tb_cli_draft_name_for  (const char          *input,
                                    const char          *dir);

/* What a command writes, for tb_cli_check_output(). */
typedef enum
{
  TB_CLI_OUTPUT_DEFAULT = 0,
  TB_CLI_OUTPUT_DRAFT = 1 << 0,      /* a draft (*.tianbao); else a PDF, a CSV … */
  TB_CLI_OUTPUT_NEED_FORCE = 1 << 1, /* an existing file is replaced only with --force */
} TbCliOutputFlags;

/* The one guard before a command writes @output: never over one of @inputs (NULL-terminated;
 * the same file, also through a link: tb_file_is_same()), never a draft replaced by
 * anything but a draft unless @replace_draft (--replace-draft, deliberately not --force),
 * never an existing file with TB_CLI_OUTPUT_NEED_FORCE unless @force. @what says what would
 * be written, for the message ("the PDF of a.tianbao"). Prints why not, naming both files,
 * and returns FALSE. */
gboolean    tb_cli_check_output    (const char          *output,
                                    const char *const   *inputs,
                                    TbCliOutputFlags     flags,
                                    gboolean             force,
                                    gboolean             replace_draft,
                                    const char          *what);

/* Checks of option values; each prints a usage error and returns FALSE (NULL) on a mistake. */
gboolean    tb_cli_check_utf8      (const TbCliCommand  *command,
                                    const char          *what,
                                    const char          *text);
/* UTF-8 and the rules of @field (tb_field_check(): length, no control or direction
 * characters); NULL passes. */
gboolean    tb_cli_check_field     (const TbCliCommand  *command,
                                    TbField              field,
                                    const char          *text);
/* A year a draft can be read back with (the loader refuses others as damaged). */
gboolean    tb_cli_check_year      (const TbCliCommand  *command,
                                    int                  year);
/* An empty @date (clearing it) or a real day written YYYY-MM-DD. */
gboolean    tb_cli_check_date      (const TbCliCommand  *command,
                                    const char          *date);
const TbFormat *tb_cli_lookup_format (const TbCliCommand *command,
                                      const char         *id);

/* "2021–" or "2019–2020": the years of reports a format is for. (transfer full) */
char       *tb_cli_format_years    (const TbFormat      *format);
/* The format with the latest first year. */
const TbFormat *tb_cli_newest_format (void);

G_END_DECLS
