/* tb-merge-job.c: one input of a roll-up, read and checked on a worker thread
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here runs on the worker threads of tb-merge-stream.c and touches nothing shared
 * but read-only data (the formats, interned strings, translations): the file is read with
 * one read(), parsed (tb_draft_parse()), checked (tb_rules_check()), and what the roll-up
 * needs is kept — the cell values, the counts, the first issues, the breakdown fields —
 * before the report is freed.
 */
#define G_LOG_DOMAIN "tb-merge"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-merge-private.h"
#include "tb-value.h"

/* ------------------------------------------------------------------ reading */

static gboolean
open_error (GError    **error,
            const char *path,
            int         errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO, _("Could not open “%s”: %s."),
               display, g_strerror (errsv));
  return FALSE;
}

/* Reads the file into @buffer (replacing what it held), with a NUL after it. One open(),
 * fstat(), read() and close() for a draft: a read() that gives less than asked for is the
 * end of a regular file. */
static gboolean
read_into (const char *path,
           GByteArray *buffer,
           guint64    *dev,
           guint64    *ino,
           GError    **error)
{
  gsize len = 0, want;
  struct stat st;
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return open_error (error, path, errno);
  if (fstat (fd, &st) < 0)
    {
      int errsv = errno;

      close (fd);
      return open_error (error, path, errsv);
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      close (fd);
      g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                   _("Could not open “%s”: it is not a regular file."), display);
      return FALSE;
    }
  *dev = (guint64) st.st_dev;
  *ino = (guint64) st.st_ino;

  /* What fstat() says and one byte more, to see the end; never more than the limit. */
  want = MIN ((guint64) st.st_size, (guint64) TB_DRAFT_MAX_SIZE) + 1;
  while ((guint64) st.st_size <= TB_DRAFT_MAX_SIZE && len <= TB_DRAFT_MAX_SIZE)
    {
      gssize n;

      if (len == want)
        want = MIN (want * 2, (gsize) TB_DRAFT_MAX_SIZE + 1);
      g_byte_array_set_size (buffer, want + 1);
      n = read (fd, buffer->data + len, want - len);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          return open_error (error, path, errsv);
        }
      len += (gsize) n;
      if ((gsize) n == 0 || len < want)
        break;
    }
  close (fd);

  if ((guint64) st.st_size > TB_DRAFT_MAX_SIZE || len > TB_DRAFT_MAX_SIZE)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *shown = g_format_size (MAX ((guint64) st.st_size, len));
      g_autofree char *limit = g_format_size (TB_DRAFT_MAX_SIZE);

      g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_TOO_LARGE,
                   _("Could not open “%s”: the file is too large to be a Tianbao report (%s; "
                     "the limit is %s)."),
                   display, shown, limit);
      return FALSE;
    }
  g_byte_array_set_size (buffer, len + 1);
  buffer->data[len] = '\0';
  g_byte_array_set_size (buffer, len);
  return TRUE;
}

GBytes *
tb_merge_read_file (const char *path,
                    guint64    *dev,
                    guint64    *ino,
                    GError    **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  if (!read_into (path, buffer, dev, ino, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* MurmurHash64A's mixing (public domain, Austin Appleby), eight bytes at a time: about ten
 * times faster here than GLib's SHA-256, which would cost more than half of what parsing a
 * draft costs. Equal hashes are compared byte for byte, so a collision costs a read, never
 * a wrong answer. */
guint64
tb_merge_content_hash (const guint8 *data,
                       gsize         len)
{
  const guint64 m = G_GUINT64_CONSTANT (0xc6a4a7935bd1e995);
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ ((guint64) len * m);
  guint64 k;
  gsize i;

  for (i = 0; i + 8 <= len; i += 8)
    {
      memcpy (&k, data + i, 8);
      k *= m;
      k ^= k >> 47;
      k *= m;
      h ^= k;
      h *= m;
    }
  k = 0;
  memcpy (&k, data + i, len - i);
  h ^= k;
  h *= m;
  h ^= h >> 47;
  h *= m;
  h ^= h >> 47;
  return h;
}

/* ------------------------------------------------------------------ the job */

/* The first errors and incomplete parts, taken from @issues. */
static GPtrArray *
first_issues (GPtrArray *issues)
{
  GPtrArray *first = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_issue_free);

  for (guint i = 0; i < issues->len && first->len < TB_MERGE_ITEM_MAX_ISSUES; i++)
    {
      TbIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == TB_SEVERITY_WARNING)
        continue;
      g_ptr_array_add (first, issue);
      issues->pdata[i] = NULL;
    }
  return first;
}

/* tb_csv_field (csv, tb_value_format (kind, value), TRUE) for a count, without the
 * allocations: most fields are counts. */
static void
field_count (TbCsv  *csv,
             gint64  value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  if (csv->row_started)
    g_string_append_c (csv->s, ',');
  csv->row_started = TRUE;
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (csv->s, p, digits + sizeof digits - p);
}

/* The values, and the breakdown fields as tb_merge_breakdown_csv() writes them. */
static void
keep_cells (TbMergeJob *job,
            TbReport   *report)
{
  const TbFormat *format = job->format;
  guint n_cells = tb_format_get_n_cells (format);
  TbCsv csv = { NULL, FALSE };

  job->cells = g_new (TbMergeCell, n_cells);
  job->row = csv.s = g_string_sized_new (n_cells * 8);
  if (job->by_cell)
    job->offsets = g_new (guint32, n_cells + 1);
  for (guint c = 0; c < n_cells; c++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, c);
      const TbCellValue *v = tb_report_get_cell (report, c);
      TbMergeCell *cell = &job->cells[c];

      cell->state = v->state;
      cell->value = v->value;
      cell->unit = v->state == TB_CELL_VALID && v->unit != NULL ? g_intern_string (v->unit)
                                                               : NULL;
      if (job->offsets != NULL)
        job->offsets[c] = (guint32) csv.s->len;
      if (v->state == TB_CELL_VALID &&
          (spec->kind == TB_CELL_COUNT || spec->kind == TB_CELL_SIGNED))
        field_count (&csv, v->value);
      else if (v->state == TB_CELL_VALID)
        {
          g_autofree char *text = tb_value_format_display (spec, v->value, v->unit);

          tb_csv_field (&csv, text, TRUE);
        }
      else
        tb_csv_field (&csv, v->state == TB_CELL_INVALID ? v->text : "", FALSE);
    }
  if (job->offsets != NULL)
    job->offsets[n_cells] = (guint32) csv.s->len;
}

void
tb_merge_job_run (TbMergeJob *job)
{
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  if (job->path != NULL)
    {
      /* Each worker thread reads into its own buffer, kept from file to file. */
      static GPrivate buffer_key = G_PRIVATE_INIT ((GDestroyNotify) g_byte_array_unref);
      GByteArray *buffer = g_private_get (&buffer_key);
      GError *local = NULL;

      if (buffer == NULL)
        {
          buffer = g_byte_array_sized_new (64 * 1024);
          g_private_set (&buffer_key, buffer);
        }
      if (!read_into (job->path, buffer, &job->dev, &job->ino, &job->error))
        return;
      job->has_file_id = TRUE;
      job->content_hash = tb_merge_content_hash (buffer->data, buffer->len);
      report = tb_draft_parse ((const char *) buffer->data, buffer->len, &local);
      if (report == NULL)
        {
          g_autofree char *display = g_filename_display_name (job->path);

          /* TRANSLATORS: %s is a file name; the reason follows as a sentence */
          g_prefix_error (&local, _("Could not open “%s”. "), display);
          job->error = local;
          return;
        }
      /* About 50 µs a report: only where it may be needed (see tb-combined.h). */
      if (job->want_sha256 || tb_report_get_combined (report) != NULL)
        job->sha256 = tb_sha256_hex (buffer->data, buffer->len);
    }
  else
    report = g_object_ref (job->report);

  if (tb_report_get_combined (report) != NULL)
    job->combined = tb_combined_copy (tb_report_get_combined (report));
  job->format = tb_report_get_format (report);
  job->year = tb_report_get_year (report);
  job->agency = g_strstrip (g_strdup (tb_report_get_agency (report) ? tb_report_get_agency (report)
                                                                    : ""));
  issues = tb_rules_check (report);
  job->n_errors = tb_rules_count (issues, TB_SEVERITY_ERROR);
  job->n_incomplete = tb_rules_count (issues, TB_SEVERITY_INCOMPLETE);
  job->n_unfilled = tb_merge_count_unfilled (report);
  job->issues = first_issues (issues);
  keep_cells (job, report);
}

void
tb_merge_job_free (TbMergeJob *job)
{
  if (job == NULL)
    return;
  g_clear_object (&job->report);
  g_clear_error (&job->error);
  g_free (job->agency);
  g_free (job->sha256);
  tb_combined_free (job->combined);
  g_clear_pointer (&job->issues, g_ptr_array_unref);
  g_free (job->cells);
  if (job->row != NULL)
    g_string_free (job->row, TRUE);
  g_free (job->offsets);
  g_free (job);
}
