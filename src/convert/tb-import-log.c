/* tb-import-log.c: what an import read and what it could not, for people and programs
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-import-private.h"

static void
cell_clear (gpointer p)
{
  TbImportCell *cell = p;

  g_free (cell->text);
  g_free (cell->reason);
}

TbImportLog *
tb_import_log_new (const TbFormat *format,
                   const char     *name,
                   TbSourceKind    kind)
{
  TbImportLog *log = g_new0 (TbImportLog, 1);
  guint n = format != NULL ? tb_format_get_n_cells (format) : 0;

  log->name = g_strdup (name);
  log->kind = kind;
  log->format_id = format != NULL ? tb_format_get_id (format) : NULL;
  log->cells = g_array_sized_new (FALSE, TRUE, sizeof (TbImportCell), n);
  g_array_set_clear_func (log->cells, cell_clear);
  g_array_set_size (log->cells, n);
  for (guint i = 0; i < n; i++)
    {
      TbImportCell *cell = &g_array_index (log->cells, TbImportCell, i);

      cell->cell = i;
      cell->status = TB_IMPORT_CELL_MISSING;
    }
  log->texts = g_ptr_array_new ();
  log->notes = g_ptr_array_new_with_free_func (g_free);
  return log;
}

void
tb_import_log_free (TbImportLog *log)
{
  if (log == NULL)
    return;
  g_free (log->name);
  g_free (log->format_reason);
  g_free (log->agency);
  g_free (log->title);
  g_array_unref (log->cells);
  g_ptr_array_unref (log->texts);
  g_ptr_array_unref (log->notes);
  g_free (log);
}

TbImportCell *
tb_import_log_get_cell (TbImportLog *log,
                        guint        cell)
{
  g_return_val_if_fail (cell < log->cells->len, NULL);
  return &g_array_index (log->cells, TbImportCell, cell);
}

void
tb_import_log_set_cell (TbImportLog        *log,
                        guint               cell,
                        TbImportCellStatus  status,
                        const char         *text,
                        const char         *reason,
                        const TbSourcePos  *pos)
{
  TbImportCell *c = tb_import_log_get_cell (log, cell);

  g_return_if_fail (c != NULL);
  c->status = status;
  g_free (c->text);
  c->text = g_strdup (text);
  g_free (c->reason);
  c->reason = g_strdup (reason);
  if (pos != NULL)
    c->pos = *pos;
  else
    c->pos = (TbSourcePos) { 0, };
}

void
tb_import_log_add_note (TbImportLog *log,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (log->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

guint
tb_import_log_count (const TbImportLog  *log,
                     TbImportCellStatus  status)
{
  guint n = 0;

  g_return_val_if_fail (log != NULL, 0);
  for (guint i = 0; i < log->cells->len; i++)
    if (g_array_index (log->cells, TbImportCell, i).status == status)
      n++;
  return n;
}

const char *
tb_import_cell_status_to_string (TbImportCellStatus status)
{
  switch (status)
    {
    case TB_IMPORT_CELL_READ:
      return _("read");
    case TB_IMPORT_CELL_DERIVED:
      return _("derived");
    case TB_IMPORT_CELL_BLANK:
      return _("blank");
    case TB_IMPORT_CELL_UNREADABLE:
      return _("unreadable");
    case TB_IMPORT_CELL_UNCERTAIN:
      return _("uncertain");
    case TB_IMPORT_CELL_MISSING:
      return _("not found");
    default:
      return "?";
    }
}

char *
tb_import_format_pos (const TbSourcePos *pos)
{
  GString *out = g_string_new (NULL);

  if (pos->page > 0)
    g_string_append_printf (out, _("page %u"), pos->page);
  if (pos->table > 0)
    {
      if (out->len > 0)
        g_string_append (out, _(", "));
      if (pos->row > 0 && pos->column > 0)
        g_string_append_printf (out, _("table %u, row %u, column %u"), pos->table, pos->row,
                                pos->column);
      else if (pos->row > 0)
        g_string_append_printf (out, _("table %u, row %u"), pos->table, pos->row);
      else
        g_string_append_printf (out, _("table %u"), pos->table);
    }
  if (pos->line > 0)
    {
      if (out->len > 0)
        g_string_append (out, _(", "));
      g_string_append_printf (out, _("line %u"), pos->line);
    }
  return g_string_free (out, FALSE);
}

/* "三 （七）总计 自然人": the table's numeral and the cell's labels. */
static char *
cell_label (const TbFormat *format,
            guint           cell)
{
  const TbCellSpec *spec = tb_format_get_cell (format, cell);
  const TbSectionSpec *section = spec->section >= 0 ?
                                 tb_format_get_section (format, spec->section) : NULL;

  return g_strdup_printf ("%s %s", section != NULL ? section->numeral : "", spec->label);
}

char *
tb_import_log_format (const TbImportLog *log)
{
  const TbFormat *format = log->format_id != NULL ? tb_format_get (log->format_id) : NULL;
  GString *out = g_string_new (NULL);
  g_autofree char *year = log->year > 0 ? g_strdup_printf ("%d", log->year) : NULL;
  gboolean header = FALSE;

  g_return_val_if_fail (log != NULL, NULL);

  g_string_append_printf (out, _("%s: %s, format %s"), log->name ? log->name : "-",
                          tb_source_kind_to_string (log->kind),
                          log->format_id ? log->format_id : "?");
  if (log->format_reason != NULL)
    g_string_append_printf (out, _(" (%s)"), log->format_reason);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("  year: %s; agency: %s\n"), year ? year : _("unknown"),
                          log->agency ? log->agency : _("unknown"));
  g_string_append_printf (out, _("  cells: %u read, %u derived from the table's arithmetic, "
                                 "%u blank, %u unreadable, %u uncertain, %u not found\n"),
                          tb_import_log_count (log, TB_IMPORT_CELL_READ),
                          tb_import_log_count (log, TB_IMPORT_CELL_DERIVED),
                          tb_import_log_count (log, TB_IMPORT_CELL_BLANK),
                          tb_import_log_count (log, TB_IMPORT_CELL_UNREADABLE),
                          tb_import_log_count (log, TB_IMPORT_CELL_UNCERTAIN),
                          tb_import_log_count (log, TB_IMPORT_CELL_MISSING));
  if (format != NULL)
    {
      GString *texts = g_string_new (NULL);

      for (guint i = 0; i < log->texts->len; i++)
        {
          const TbSectionSpec *s = tb_format_find_section (format,
                                                           g_ptr_array_index (log->texts, i));

          if (s == NULL)
            continue;
          if (texts->len > 0)
            g_string_append (texts, _(", "));
          g_string_append (texts, s->heading);
        }
      g_string_append_printf (out, _("  texts: %s\n"), texts->len > 0 ? texts->str : _("none"));
      g_string_free (texts, TRUE);

      /* One line for the cells of a row that share what happened to them. */
      for (guint i = 0; i < log->cells->len;)
        {
          const TbImportCell *c = &g_array_index (log->cells, TbImportCell, i);
          const TbCellSpec *spec = tb_format_get_cell (format, c->cell);
          g_autofree char *where = NULL;
          GString *columns = g_string_new (NULL);
          guint j = i + 1;

          if (c->status == TB_IMPORT_CELL_READ)
            {
              i++;
              g_string_free (columns, TRUE);
              continue;
            }
          if (!header)
            {
              g_string_append (out, _("  cells not read as they are:\n"));
              header = TRUE;
            }
          while (j < log->cells->len)
            {
              const TbImportCell *d = &g_array_index (log->cells, TbImportCell, j);
              const TbCellSpec *dspec = tb_format_get_cell (format, d->cell);

              if (d->status != c->status || g_strcmp0 (d->text, c->text) != 0 ||
                  g_strcmp0 (d->reason, c->reason) != 0 ||
                  !g_str_equal (dspec->row_path, spec->row_path) ||
                  !g_str_equal (dspec->table_id, spec->table_id) ||
                  memcmp (&d->pos, &c->pos, sizeof (TbSourcePos)) != 0)
                break;
              j++;
            }
          if (j - i > 1)
            {
              for (guint k = i; k < j; k++)
                {
                  const TbCellSpec *kspec =
                    tb_format_get_cell (format, g_array_index (log->cells, TbImportCell,
                                                               k).cell);

                  if (columns->len > 0)
                    g_string_append (columns, _(", "));
                  g_string_append (columns, kspec->column_label);
                }
              g_string_append_printf (out, "    %s%s%s (%s): %s",
                                      tb_format_get_section (format, spec->section)->numeral,
                                      *spec->row_label ? " " : "", spec->row_label, columns->str,
                                      tb_import_cell_status_to_string (c->status));
            }
          else
            {
              g_autofree char *label = cell_label (format, c->cell);

              g_string_append_printf (out, "    %s: %s", label,
                                      tb_import_cell_status_to_string (c->status));
            }
          g_string_free (columns, TRUE);
          where = tb_import_format_pos (&c->pos);
          if (c->text != NULL && *c->text != '\0')
            g_string_append_printf (out, _(" “%s”"), c->text);
          if (c->reason != NULL)
            g_string_append_printf (out, _(" — %s"), c->reason);
          if (*where != '\0')
            g_string_append_printf (out, _(" (%s)"), where);
          g_string_append_c (out, '\n');
          i = j;
        }
    }
  for (guint i = 0; i < log->notes->len; i++)
    g_string_append_printf (out, _("  note: %s\n"), (const char *) g_ptr_array_index (log->notes, i));
  return g_string_free (out, FALSE);
}
