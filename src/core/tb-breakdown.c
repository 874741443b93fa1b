/* tb-breakdown.c: the roll-up's breakdown as CSV a spreadsheet opens, written as it goes
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * UTF-8 with a byte order mark and CRLF line ends, so that Excel and WPS read it as UTF-8.
 * By report (the default), rows are written as the inputs come and only a buffer is held; by
 * cell, every counted input's fields are kept until the end, when the table is written
 * (one column per input). A file is written to a temporary file beside it, renamed over it
 * only once complete: a failed or cancelled run leaves no partial file.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-merge-private.h"

/* Bytes gathered before they are written out. */
#define FLUSH_SIZE (256 * 1024)
/* Columns before the cells' in the breakdown by report; the header rows before the data. */
#define N_LEAD_COLUMNS  10
/* Where the agencies an input covers are (a summary covers many). */
#define AGENCIES_COLUMN 4
#define N_HEADER_ROWS   4
/* The breakdown by cell: id, section, row and column labels, then the inputs, then the sum. */
#define N_CELL_COLUMNS  5

struct _TbBreakdown
{
  TbBreakdownShape  shape;
  const TbFormat   *format;
  guint             n_cells;
  TbCsv             csv;          /* csv.s: what is not written out yet */

  GOutputStream    *stream;       /* the caller's, or NULL */
  char             *path;         /* or the file to replace (display: for messages) */
  char             *display;
  char             *target;       /* @path, its symbolic links followed */
  char             *tmp;          /* the temporary file beside it, until committed */
  int               fd;
  gboolean          exists;

  /* By cell: per counted input, its name and fields */
  GPtrArray        *names;        /* char* */
  GPtrArray        *rows;         /* GString* */
  GPtrArray        *offsets;      /* guint32* */
};

/* ------------------------------------------------------------------ CSV */

static void
append_quoted (GString    *s,
               const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

void
tb_csv_field (TbCsv      *csv,
              const char *text,
              gboolean    is_number)
{
  if (text == NULL)
    text = "";
  if (csv->row_started)
    g_string_append_c (csv->s, ',');
  csv->row_started = TRUE;
  /* Text from the reports could start a spreadsheet formula (=, +, -, @): such text gets a
   * leading apostrophe, as spreadsheet programs expect. */
  if (!is_number && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    {
      g_autofree char *safe = g_strconcat ("'", text, NULL);

      append_quoted (csv->s, safe);
    }
  else
    append_quoted (csv->s, text);
}

void
tb_csv_end_row (TbCsv *csv)
{
  g_string_append (csv->s, "\r\n");
  csv->row_started = FALSE;
}

static void
csv_number (TbCsv *csv,
            guint  n)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", n);
  tb_csv_field (csv, text, TRUE);
}

/* ------------------------------------------------------------------ the file */

/* The messages of tb_file_write_atomic(). */
static gboolean
set_io_error (GError    **error,
              const char *display,
              int         errsv,
              gboolean    kept)
{
  g_autofree char *reason = NULL;

  if (errsv == ENOSPC || errsv == EDQUOT)
    /* TRANSLATORS: %s is the system's reason, e.g. "No space left on device" */
    reason = g_strdup_printf (_("the disk is full (%s)"), g_strerror (errsv));
  else
    reason = g_strdup (g_strerror (errsv));

  if (kept)
    g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                 _("Could not save “%s”: %s. The previous version of the file is unchanged."),
                 display, reason);
  else
    g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                 _("Could not save “%s”: %s."), display, reason);
  return FALSE;
}

/* A symbolic link is followed, so that the file it points to is replaced, not the link. */
static char *
resolve_target (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      char *real = realpath (path, NULL);

      if (real != NULL)
        {
          char *copy = g_strdup (real);

          free (real);
          return copy;
        }
    }
  return g_strdup (path);
}

static gboolean
open_file (TbBreakdown *self,
           GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  GStatBuf st;
  mode_t mode = 0644;

  self->display = g_filename_display_name (self->path);
  self->target = resolve_target (self->path);
  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  tmpl = g_strdup_printf (".%s.XXXXXX", base);
  self->tmp = g_build_filename (dir, tmpl, NULL);

  self->exists = g_stat (self->target, &st) == 0;
  if (self->exists)
    mode = st.st_mode & 07777;
  self->fd = g_mkstemp_full (self->tmp, O_RDWR | O_CLOEXEC, mode);
  if (self->fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (&self->tmp, g_free);
      return set_io_error (error, self->display, errsv, self->exists);
    }
  /* The open() applied the umask; an existing file's bits are kept exactly. */
  if (self->exists)
    fchmod (self->fd, mode);
  return TRUE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
flush (TbBreakdown  *self,
       GCancellable *cancellable,
       GError      **error)
{
  GString *s = self->csv.s;

  if (s->len == 0)
    return TRUE;
  if (self->stream != NULL)
    {
      if (!g_output_stream_write_all (self->stream, s->str, s->len, NULL, cancellable, error))
        return FALSE;
    }
  else if (!write_all (self->fd, s->str, s->len))
    return set_io_error (error, self->display, errno, self->exists);
  g_string_truncate (s, 0);
  return TRUE;
}

static gboolean
maybe_flush (TbBreakdown  *self,
             GCancellable *cancellable,
             GError      **error)
{
  return self->csv.s->len < FLUSH_SIZE || flush (self, cancellable, error);
}

static gboolean
commit (TbBreakdown *self,
        GError     **error)
{
  g_autofree char *dir = NULL;
  int fd = self->fd;
  int dir_fd;

  self->fd = -1;
  if (fsync (fd) < 0 || close (fd) < 0)
    {
      int errsv = errno;

      close (fd);
      return set_io_error (error, self->display, errsv, self->exists);
    }
  if (g_rename (self->tmp, self->target) < 0)
    return set_io_error (error, self->display, errno, self->exists);
  g_clear_pointer (&self->tmp, g_free);

  /* Best effort: some file systems cannot sync a directory, and the rename is done. */
  dir = g_path_get_dirname (self->target);
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ the breakdown */

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

TbBreakdown *
tb_breakdown_new (TbBreakdownShape  shape,
                  GOutputStream    *stream,
                  const char       *path,
                  GError          **error)
{
  g_autoptr(TbBreakdown) self = g_new0 (TbBreakdown, 1);

  g_return_val_if_fail ((stream != NULL) != (path != NULL), NULL);

  self->shape = shape;
  self->csv.s = g_string_sized_new (FLUSH_SIZE + 64 * 1024);
  self->fd = -1;
  if (stream != NULL)
    self->stream = g_object_ref (stream);
  else
    {
      self->path = g_strdup (path);
      if (!open_file (self, error))
        return NULL;
    }
  if (shape == TB_BREAKDOWN_BY_CELL)
    {
      self->names = g_ptr_array_new_with_free_func (g_free);
      self->rows = g_ptr_array_new_with_free_func (string_free);
      self->offsets = g_ptr_array_new_with_free_func (g_free);
    }
  g_string_append (self->csv.s, TB_CSV_BOM);
  return g_steal_pointer (&self);
}

void
tb_breakdown_free (TbBreakdown *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp != NULL)
    g_unlink (self->tmp);
  g_clear_object (&self->stream);
  g_string_free (self->csv.s, TRUE);
  g_free (self->path);
  g_free (self->display);
  g_free (self->target);
  g_free (self->tmp);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->offsets, g_ptr_array_unref);
  g_free (self);
}

/* By report: the section, row and column labels over every cell's column, and the row of
 * the columns' titles with the cell ids. */
gboolean
tb_breakdown_begin (TbBreakdown    *self,
                    const TbFormat *format,
                    GCancellable   *cancellable,
                    GError        **error)
{
  TbCsv *csv = &self->csv;
  const char *leads[N_HEADER_ROWS - 1] = { _("Section"), _("Row"), _("Column") };
  const char *titles[N_LEAD_COLUMNS] = {
    _("Agency"), _("File"), _("Year"), _("Format"), _("Agencies"), _("Status"), _("Errors"),
    _("Cells not filled"), _("Incomplete"), _("Problems"),
  };

  self->format = format;
  self->n_cells = tb_format_get_n_cells (format);
  if (self->shape != TB_BREAKDOWN_BY_REPORT)
    return TRUE;
  for (guint r = 0; r < N_HEADER_ROWS - 1; r++)
    {
      tb_csv_field (csv, leads[r], FALSE);
      for (guint i = 1; i < N_LEAD_COLUMNS; i++)
        tb_csv_field (csv, "", FALSE);
      for (guint c = 0; c < self->n_cells; c++)
        {
          const TbCellSpec *spec = tb_format_get_cell (self->format, c);

          tb_csv_field (csv, r == 0 ? tb_merge_section_heading (self->format, spec)
                             : r == 1 ? spec->row_path : spec->column_path,
                        FALSE);
        }
      tb_csv_end_row (csv);
    }
  for (guint i = 0; i < N_LEAD_COLUMNS; i++)
    tb_csv_field (csv, titles[i], FALSE);
  for (guint c = 0; c < self->n_cells; c++)
    tb_csv_field (csv, tb_format_get_cell (self->format, c)->id, FALSE);
  tb_csv_end_row (csv);
  return maybe_flush (self, cancellable, error);
}

static const char *
status_text (TbMergeItemStatus status)
{
  switch (status)
    {
    case TB_MERGE_ITEM_READY:
      return _("ready");
    case TB_MERGE_ITEM_NOT_READY:
      return _("not ready");
    case TB_MERGE_ITEM_FAILED:
      return _("could not be read");
    case TB_MERGE_ITEM_REFUSED:
    default:
      return _("not counted");
    }
}

/* Why the input is not counted, or its first problems. */
static char *
problems_text (const TbMergeItem *item)
{
  GString *s;

  if (item->error != NULL)
    return g_strdup (item->error->message);
  s = g_string_new (NULL);
  for (guint i = 0; item->issues != NULL && i < item->issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (item->issues, i);

      if (i > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, "%s: %s", issue->key, issue->message);
    }
  return g_string_free (s, FALSE);
}

gboolean
tb_breakdown_add (TbBreakdown       *self,
                  const TbMergeItem *item,
                  TbMergeJob        *job,
                  const char        *name,
                  GCancellable      *cancellable,
                  GError           **error)
{
  TbCsv *csv = &self->csv;
  gboolean counted = item->status == TB_MERGE_ITEM_READY ||
                     item->status == TB_MERGE_ITEM_NOT_READY;
  g_autofree char *problems = NULL;

  if (self->shape == TB_BREAKDOWN_BY_CELL)
    {
      if (!counted)
        return TRUE;
      g_ptr_array_add (self->names, g_strdup (name));
      g_ptr_array_add (self->rows, g_steal_pointer (&job->row));
      g_ptr_array_add (self->offsets, g_steal_pointer (&job->offsets));
      return TRUE;
    }

  problems = problems_text (item);
  tb_csv_field (csv, item->agency, FALSE);
  tb_csv_field (csv, item->source, FALSE);
  if (item->format != NULL)
    {
      char year[16];

      g_snprintf (year, sizeof year, "%d", item->year);
      tb_csv_field (csv, year, TRUE);
      tb_csv_field (csv, tb_format_get_id (item->format), FALSE);
      csv_number (csv, item->n_agencies);
    }
  else
    {
      for (guint i = 0; i < 3; i++)
        tb_csv_field (csv, "", FALSE);
    }
  tb_csv_field (csv, status_text (item->status), FALSE);
  if (item->format != NULL)
    {
      csv_number (csv, item->n_errors);
      csv_number (csv, item->n_unfilled);
      csv_number (csv, item->n_incomplete);
    }
  else
    {
      for (guint i = 0; i < 3; i++)
        tb_csv_field (csv, "", FALSE);
    }
  tb_csv_field (csv, problems, FALSE);
  /* The values of an input that is not counted are left out: the columns add up to the
   * sums. */
  if (counted && job != NULL && job->row != NULL)
    {
      g_string_append_c (csv->s, ',');
      g_string_append_len (csv->s, job->row->str, job->row->len);
    }
  else
    for (guint c = 0; c < self->n_cells; c++)
      g_string_append_c (csv->s, ',');
  tb_csv_end_row (csv);
  return maybe_flush (self, cancellable, error);
}

/* By cell: today's table, one column per counted input. */
static gboolean
write_by_cell (TbBreakdown  *self,
               TbReport     *summary,
               GCancellable *cancellable,
               GError      **error)
{
  TbCsv *csv = &self->csv;

  tb_csv_field (csv, _("Cell"), FALSE);
  tb_csv_field (csv, _("Section"), FALSE);
  tb_csv_field (csv, _("Row"), FALSE);
  tb_csv_field (csv, _("Column"), FALSE);
  for (guint i = 0; i < self->names->len; i++)
    tb_csv_field (csv, g_ptr_array_index (self->names, i), FALSE);
  tb_csv_field (csv, _("Sum"), FALSE);
  tb_csv_end_row (csv);

  for (guint c = 0; c < self->n_cells; c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (self->format, c);
      g_autofree char *sum = summary ? tb_report_dup_cell_text (summary, c) : NULL;

      tb_csv_field (csv, spec->id, FALSE);
      tb_csv_field (csv, tb_merge_section_heading (self->format, spec), FALSE);
      tb_csv_field (csv, spec->row_path, FALSE);
      tb_csv_field (csv, spec->column_path, FALSE);
      for (guint i = 0; i < self->rows->len; i++)
        {
          const GString *row = g_ptr_array_index (self->rows, i);
          const guint32 *offsets = g_ptr_array_index (self->offsets, i);
          guint32 start = offsets[c] + (c > 0);

          g_string_append_c (csv->s, ',');
          g_string_append_len (csv->s, row->str + start, offsets[c + 1] - start);
        }
      tb_csv_field (csv, sum, TRUE);
      tb_csv_end_row (csv);
      if (!maybe_flush (self, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
tb_breakdown_finish (TbBreakdown  *self,
                     TbReport     *summary,
                     GCancellable *cancellable,
                     GError      **error)
{
  TbCsv *csv = &self->csv;

  if (self->shape == TB_BREAKDOWN_BY_CELL)
    {
      if (!write_by_cell (self, summary, cancellable, error))
        return FALSE;
    }
  else
    {
      const TbCombined *combined = summary ? tb_report_get_combined (summary) : NULL;

      tb_csv_field (csv, _("Sum"), FALSE);
      for (guint i = 1; i < N_LEAD_COLUMNS; i++)
        if (i == AGENCIES_COLUMN && combined != NULL)
          csv_number (csv, tb_combined_get_n_agencies (combined));
        else
          tb_csv_field (csv, "", FALSE);
      for (guint c = 0; c < self->n_cells; c++)
        {
          g_autofree char *sum = summary ? tb_report_dup_cell_text (summary, c) : NULL;

          tb_csv_field (csv, sum, TRUE);
        }
      tb_csv_end_row (csv);
    }
  if (!flush (self, cancellable, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return self->stream != NULL || commit (self, error);
}

/* The rows a breakdown of @n_inputs by report has (header rows and the sum row), and the
 * columns of one by cell. */
guint64
tb_breakdown_count_rows (guint n_inputs)
{
  return (guint64) N_HEADER_ROWS + n_inputs + 1;
}

guint64
tb_breakdown_count_columns (guint n_inputs)
{
  return (guint64) N_CELL_COLUMNS + n_inputs;
}
