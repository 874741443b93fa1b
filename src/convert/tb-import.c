/* tb-import.c: a published report (web page, text, Word, PDF) read into a new report
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tb-docx-reader.h"
#include "tb-html-reader.h"
#include "tb-import-private.h"
#include "tb-pdf-reader.h"
#include "tb-text-reader.h"

/* Labels named in the note saying why a format was chosen. */
#define MAX_NAMED_LABELS 3

G_DEFINE_QUARK (tb-import-error-quark, tb_import_error)

/* ------------------------------------------------------------------ reading */

TbSourceKind
tb_import_sniff (GBytes *data)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  /* A zip (a Word document) or an OLE file (Word 97, or a Word file with a password) says
   * so in its first bytes; a PDF may have a few bytes before "%PDF-". */
  if (tb_docx_sniff (bytes, len))
    return TB_SOURCE_DOCX;
  if (tb_pdf_sniff (bytes, len))
    return TB_SOURCE_PDF;
  if (tb_html_reader_sniff ((const char *) bytes, len))
    return TB_SOURCE_HTML;
  return TB_SOURCE_TEXT;
}

TbSource *
tb_import_read_source (GBytes      *data,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;
  TbSource *source = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (g_bytes_get_size (data) == 0)
    {
      g_set_error_literal (&local, TB_SOURCE_ERROR, TB_SOURCE_ERROR_EMPTY,
                           _("The file is empty"));
      if (name != NULL)
        g_prefix_error (&local, "%s: ", name);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  switch (tb_import_sniff (data))
    {
    case TB_SOURCE_HTML:
      source = tb_html_reader_read (data, &local);
      break;
    case TB_SOURCE_DOCX:
      source = tb_docx_read (data, &local);
      break;
    case TB_SOURCE_PDF:
      source = tb_pdf_read (data, &local);
      break;
    case TB_SOURCE_TEXT:
    default:
      source = tb_text_reader_read (data, &local);
      if (g_error_matches (local, TB_SOURCE_ERROR, TB_SOURCE_ERROR_BINARY))
        {
          g_clear_error (&local);
          g_set_error_literal (&local, TB_SOURCE_ERROR, TB_SOURCE_ERROR_BINARY,
                               _("This is no file Tianbao can read a report from: it is "
                                 "neither a web page, a Word document, a PDF nor text"));
        }
      break;
    }
  if (source == NULL)
    {
      if (name != NULL)
        g_prefix_error (&local, "%s: ", name);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return source;
}

/* ------------------------------------------------------------------ understanding */

/* The format whose own labels the document's tables use most, or NULL. */
static const TbFormat *
format_by_labels (const TbSource  *source,
                  char           **reason)
{
  g_autoptr(GPtrArray) formats = tb_format_list ();
  g_autoptr(GPtrArray) vocabs = g_ptr_array_new ();
  const TbFormat *best = NULL;
  guint best_n = 0;
  gboolean tie = FALSE;

  for (guint f = 0; f < formats->len; f++)
    g_ptr_array_add (vocabs, tb_vocab_get (g_ptr_array_index (formats, f)));
  for (guint f = 0; f < formats->len; f++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) named = g_ptr_array_new_with_free_func (g_free);

      for (guint b = 0; b < source->blocks->len; b++)
        {
          const TbSourceBlock *block = g_ptr_array_index (source->blocks, b);

          if (block->kind != TB_BLOCK_TABLE)
            continue;
          for (guint c = 0; c < block->cells->len; c++)
            {
              const TbSourceCell *cell = g_ptr_array_index (block->cells, c);
              gboolean distinct = tb_import_token_kind (cell->text) == TB_TOKEN_LABEL;
              g_autofree char *key = NULL;

              for (guint g = 0; g < formats->len && distinct; g++)
                if (g != f)
                  distinct = tb_vocab_is_distinct_label (g_ptr_array_index (vocabs, f),
                                                         g_ptr_array_index (vocabs, g),
                                                         cell->text);
              if (!distinct)
                continue;
              key = tb_vocab_normalize (cell->text);
              if (g_hash_table_contains (seen, key))
                continue;
              g_hash_table_add (seen, g_steal_pointer (&key));
              if (named->len < MAX_NAMED_LABELS)
                g_ptr_array_add (named, tb_source_normalize_text (cell->text, FALSE));
            }
        }
      if (g_hash_table_size (seen) > best_n)
        {
          g_autofree char *list = NULL;

          best = g_ptr_array_index (formats, f);
          best_n = g_hash_table_size (seen);
          tie = FALSE;
          g_ptr_array_add (named, NULL);
          list = g_strjoinv (_("、"), (char **) named->pdata);
          g_free (*reason);
          *reason = g_strdup_printf (_("by its labels: %s"), list);
        }
      else if (g_hash_table_size (seen) == best_n && best_n > 0)
        tie = TRUE;
    }
  if (tie)
    {
      g_clear_pointer (reason, g_free);
      return NULL;
    }
  return best;
}

static const TbFormat *
newest_format (void)
{
  g_autoptr(GPtrArray) formats = tb_format_list ();
  const TbFormat *best = NULL;

  for (guint f = 0; f < formats->len; f++)
    {
      const TbFormat *format = g_ptr_array_index (formats, f);

      if (best == NULL || tb_format_get_first_year (format) > tb_format_get_first_year (best))
        best = format;
    }
  return best;
}

static void
context_clear (TbImportContext *ctx)
{
  ctx->vocab = NULL;
  g_clear_object (&ctx->report);
  g_clear_pointer (&ctx->log, tb_import_log_free);
  g_clear_pointer (&ctx->block_section, g_free);
}

static void
context_init (TbImportContext *ctx,
              const TbSource  *source,
              const TbFormat  *format,
              const char      *name)
{
  ctx->source = source;
  ctx->vocab = tb_vocab_get (format);
  ctx->report = tb_report_new (format);
  ctx->log = tb_import_log_new (format, name, source->kind);
  ctx->block_section = g_new0 (int, MAX (source->blocks->len, 1));
}

TbReport *
tb_import_source (const TbSource         *source,
                  const char             *name,
                  const TbImportOptions  *options,
                  TbImportLog           **log,
                  GError                **error)
{
  TbImportContext ctx = { 0, };
  const TbFormat *format = NULL;
  g_autofree char *reason = NULL;
  guint n_sections, n_rows;
  int year;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (log == NULL || *log == NULL, NULL);

  if (options != NULL && options->format_id != NULL)
    {
      format = tb_format_get (options->format_id);
      if (format == NULL)
        {
          g_set_error (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_FORMAT,
                       _("There is no report format “%s”"), options->format_id);
          return NULL;
        }
      reason = g_strdup (_("as asked"));
    }
  if (format == NULL)
    format = format_by_labels (source, &reason);
  if (format == NULL)
    {
      /* No label tells: the year decides, from the options or the title. */
      year = options != NULL ? options->year : 0;
      if (year <= 0)
        {
          context_init (&ctx, source, newest_format (), name);
          tb_import_find_sections (&ctx);
          tb_import_read_title (&ctx, options);
          year = ctx.log->year;
          context_clear (&ctx);
        }
      format = year > 0 ? tb_format_for_year (year) : newest_format ();
      reason = year > 0 ?
               g_strdup_printf (_("no label tells the formats apart; chosen by the year %d"),
                                year) :
               g_strdup (_("no label tells the formats apart and the year is unknown; the "
                           "current format was taken"));
    }

  context_init (&ctx, source, format, name);
  ctx.log->format_reason = g_steal_pointer (&reason);
  for (guint i = 0; i < source->notes->len; i++)
    g_ptr_array_add (ctx.log->notes, g_strdup (g_ptr_array_index (source->notes, i)));
  /* Published totals are imported as published, and checked, never recomputed. */
  tb_report_set_manual_totals (ctx.report, TRUE);
  tb_report_freeze (ctx.report);

  n_sections = tb_import_find_sections (&ctx);
  tb_import_read_title (&ctx, options);
  tb_import_read_texts (&ctx);
  n_rows = tb_import_read_tables (&ctx);
  tb_report_thaw (ctx.report);

  if (n_sections == 0 && n_rows == 0)
    {
      g_set_error_literal (error, TB_IMPORT_ERROR, TB_IMPORT_ERROR_NOT_A_REPORT,
                           _("No heading and no table of an annual report on government "
                             "information disclosure was found"));
      if (name != NULL)
        g_prefix_error (error, "%s: ", name);
      context_clear (&ctx);
      return NULL;
    }

  year = ctx.log->year;
  if (year > 0 && (year < tb_format_get_first_year (format) ||
                   year > tb_format_get_last_year (format)))
    tb_import_log_add_note (ctx.log, _("The report is on %d but uses the %s format"), year,
                            tb_format_get_id (format));

  if (log != NULL)
    *log = g_steal_pointer (&ctx.log);
  {
    TbReport *report = g_steal_pointer (&ctx.report);

    context_clear (&ctx);
    return report;
  }
}

TbReport *
tb_import_read (GBytes                 *data,
                const char             *name,
                const TbImportOptions  *options,
                TbImportLog           **log,
                GError                **error)
{
  g_autoptr(TbSource) source = tb_import_read_source (data, name, error);

  if (source == NULL)
    return NULL;
  return tb_import_source (source, name, options, log, error);
}

/* ------------------------------------------------------------------ files */

const char *
tb_import_kind_id (TbSourceKind kind)
{
  switch (kind)
    {
    case TB_SOURCE_HTML:
      return "html";
    case TB_SOURCE_DOCX:
      return "docx";
    case TB_SOURCE_PDF:
      return "pdf";
    case TB_SOURCE_TEXT:
    default:
      return "text";
    }
}

/* The whole file, or NULL with a message naming it. A FIFO or a device would block or never
 * end, so only regular files are read, and never more than the cap: a file that grows while
 * it is read is refused too. */
GBytes *
tb_import_read_file (const char  *path,
                     GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_filename_display_name (base);
  struct stat st;
  gsize len = 0, alloc;
  g_autofree guint8 *buf = NULL;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: could not be opened: %s"), name, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: could not be read: %s"), name, g_strerror (saved));
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   S_ISDIR (st.st_mode) ? _("%s: is a folder, not a file")
                                        : _("%s: is not a regular file"), name);
      close (fd);
      return NULL;
    }
  if (st.st_size > TB_SOURCE_MAX_SIZE)
    {
      g_set_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d MB; no published report is that large"),
                   name, TB_SOURCE_MAX_SIZE / (1024 * 1024));
      close (fd);
      return NULL;
    }
  alloc = (gsize) st.st_size + 1;
  buf = g_malloc (alloc);
  for (;;)
    {
      gssize n;

      if (len == alloc)
        {
          if (alloc > TB_SOURCE_MAX_SIZE)
            {
              g_set_error (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_TOO_LARGE,
                           _("%s: the file is larger than %d MB; no published report is that "
                             "large"), name, TB_SOURCE_MAX_SIZE / (1024 * 1024));
              close (fd);
              return NULL;
            }
          alloc = MIN (alloc * 2, (gsize) TB_SOURCE_MAX_SIZE + 1);
          buf = g_realloc (buf, alloc);
        }
      n = read (fd, buf + len, alloc - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: could not be read: %s"), name, g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&buf), len);
}

TbReport *
tb_import_load_file (const char             *path,
                     const TbImportOptions  *options,
                     TbImportLog           **log,
                     GError                **error)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(TbProvenance) provenance = NULL;
  g_autoptr(TbImportLog) local_log = NULL;
  TbReport *report;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (log == NULL || *log == NULL, NULL);

  base = g_path_get_basename (path);
  name = g_filename_display_name (base);
  data = tb_import_read_file (path, error);
  if (data == NULL)
    return NULL;
  report = tb_import_read (data, name, options, &local_log, error);
  if (report == NULL)
    return NULL;
  provenance = tb_provenance_new_for_data (path, data, tb_import_kind_id (local_log->kind));
  tb_report_set_imported_from (report, provenance);
  if (log != NULL)
    *log = g_steal_pointer (&local_log);
  return report;
}
