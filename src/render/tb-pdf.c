/* tb-pdf.c: exports a report as PDF in the official layout (no GTK needed)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <cairo-pdf.h>

#include "tb-draft.h"
#include "tb-pdf.h"
#include "tb-pdf-fonts.h"

/* ---- Helpers -------------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* @stamp as "YYYY-MM-DDThh:mm:ssZ" in UTC, or NULL when it cannot be read. */
static char *
normalise_timestamp (const char *stamp)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc_dt = NULL;

  if (stamp == NULL || *stamp == '\0')
    return NULL;
  dt = g_date_time_new_from_iso8601 (stamp, utc);
  if (dt == NULL)
    {
      /* A plain date ("2025-01-20"). */
      g_autofree char *midnight = g_strconcat (stamp, "T00:00:00Z", NULL);

      dt = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (dt == NULL)
    return NULL;
  utc_dt = g_date_time_to_utc (dt);
  return g_date_time_format (utc_dt, "%Y-%m-%dT%H:%M:%SZ");
}

typedef struct
{
  cairo_surface_t *surface;
  int              parent;
} OutlineData;

static void
add_outline_item (guint       page,
                  const char *text,
                  double      y,
                  gpointer    user_data)
{
  OutlineData *data = user_data;
  g_autofree char *dest = NULL;
  char y_s[G_ASCII_DTOSTR_BUF_SIZE];

  /* C-locale number: the destination is parsed by cairo. */
  g_ascii_formatd (y_s, sizeof y_s, "%.2f", y);
  dest = g_strdup_printf ("page=%u pos=[0 %s]", page + 1, y_s);
  cairo_pdf_surface_add_outline (data->surface, data->parent, text, dest, 0);
}

/* ---- Public --------------------------------------------------------------------------- */

void
tb_pdf_set_metadata (cairo_surface_t *surface,
                     TbReport        *report)
{
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  const char *agency;
  const char *subject;

  g_return_if_fail (surface != NULL);
  g_return_if_fail (TB_IS_REPORT (report));

  title = tb_report_dup_title (report);
  agency = tb_report_get_agency (report);
  date = normalise_timestamp (tb_report_get_modified_time (report));
  if (date == NULL)
    date = normalise_timestamp (tb_report_get_created (report));
  if (date == NULL)
    {
      int year = tb_report_get_year (report);

      date = g_strdup_printf ("%04d-01-01T00:00:00Z", year > 0 && year < 9999 ? year + 1 : 2000);
    }

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (agency != NULL && *agency != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, agency);
  subject = tb_format_get_wording (tb_report_get_format (report), TB_WORDING_SUBJECT);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Tianbao " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

GBytes *
tb_pdf_render_layout (TbLayout  *layout,
                      TbReport  *report,
                      GError   **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  OutlineData outline;

  g_return_val_if_fail (TB_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tb_layout_get_page_size (layout, &width, &height);
  buffer = g_byte_array_new ();

  surface = cairo_pdf_surface_create_for_stream (append_bytes, buffer, width, height);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  tb_pdf_set_metadata (surface, report);

  cr = cairo_create (surface);
  for (guint i = 0; i < tb_layout_get_n_pages (layout); i++)
    {
      tb_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  /* Bookmarks for the six sections. */
  outline.surface = surface;
  outline.parent = CAIRO_PDF_OUTLINE_ROOT;
  tb_layout_foreach_heading (layout, add_outline_item, &outline);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not create the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
tb_pdf_render (TbReport              *report,
               const TbLayoutOptions *options,
               GError               **error)
{
  g_autoptr(TbLayout) layout = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layout = tb_pdf_layout_new (report, options);
  return tb_pdf_render_layout (layout, report, error);
}

gboolean
tb_pdf_export (TbReport              *report,
               const TbLayoutOptions *options,
               const char            *path,
               GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = tb_pdf_render (report, options, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return tb_file_write_atomic (path, data, len, error);
}
