/* tb-document.c: one open report with its file, its undo history and its recovery copy
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, its title and its autosave timer; opening, saving and the recovery copies
 * themselves are in tb-document-io.c.
 */
#define G_LOG_DOMAIN "tb-document"

#include "config.h"

#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-document-private.h"

G_DEFINE_FINAL_TYPE (TbDocument, tb_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-document-error-quark, tb_document_error)

enum {
  AUTOSAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[TB_DOCUMENT_N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ autosave */

void
tb_document_cancel_autosave (TbDocument *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
}

static gboolean
autosave_cb (gpointer data)
{
  TbDocument *self = data;

  self->autosave_id = 0;
  tb_document_queue_recovery (self, TB_RECOVERY_WRITE);
  return G_SOURCE_REMOVE;
}

static void
arm_autosave (TbDocument *self)
{
  /* Armed by the first unsaved change and not pushed back by later ones: a copy is
   * written at most autosave-interval seconds after any change, even while typing on. */
  if (self->autosave_id != 0 || self->autosave_interval == 0)
    return;
  if (!tb_report_get_modified (self->report))
    return;
  self->autosave_id = g_timeout_add (self->autosave_interval * 1000, autosave_cb, self);
  g_source_set_name_by_id (self->autosave_id, "[tianbao] autosave");
}

static void
remove_recovery (TbDocument *self)
{
  tb_document_cancel_autosave (self);
  if (self->recovery_written || self->recovery_running != TB_RECOVERY_NONE)
    tb_document_queue_recovery (self, TB_RECOVERY_DISCARD);
}

/* ------------------------------------------------------------------ report signals */

static void
report_changed_cb (TbReport       *report,
                   TbReportChange  change,
                   const char     *id,
                   TbDocument     *self)
{
  g_clear_pointer (&self->last_change, g_date_time_unref);
  self->last_change = g_date_time_new_now_local ();
  if (self->saving)
    self->changed_while_saving = TRUE;
  arm_autosave (self);
}

static void
report_modified_cb (TbReport   *report,
                    GParamSpec *pspec,
                    TbDocument *self)
{
  if (!tb_report_get_modified (report))
    /* Saved, or undone back to what is saved: the copy is of no use any more. */
    remove_recovery (self);
  else
    arm_autosave (self);
  tb_document_notify (self, TB_DOCUMENT_PROP_MODIFIED);
  tb_document_notify (self, TB_DOCUMENT_PROP_HEADING);
  tb_document_notify (self, TB_DOCUMENT_PROP_TITLE);
}

static void
report_title_cb (TbReport   *report,
                 GParamSpec *pspec,
                 TbDocument *self)
{
  tb_document_notify (self, TB_DOCUMENT_PROP_HEADING);
  tb_document_notify (self, TB_DOCUMENT_PROP_TITLE);
}

static void
history_applied_cb (TbHistory      *history,
                    TbReportChange  change,
                    const char     *id,
                    TbDocument     *self)
{
  tb_document_check_saved_bytes (self);
}

static void
attach_report (TbDocument *self,
               TbReport   *report)
{
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->report, report);
  g_clear_object (&self->history);
  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
  self->history = tb_history_new (report);
  g_signal_connect (self->history, "applied", G_CALLBACK (history_applied_cb), self);

  g_signal_connect (report, "changed", G_CALLBACK (report_changed_cb), self);
  g_signal_connect (report, "notify::modified", G_CALLBACK (report_modified_cb), self);
  g_signal_connect (report, "notify::title", G_CALLBACK (report_title_cb), self);
}

/* ------------------------------------------------------------------ GObject */

static void
tb_document_dispose (GObject *object)
{
  TbDocument *self = TB_DOCUMENT (object);

  /* Closing does not remove the recovery copy: only saving or discarding does. */
  tb_document_cancel_autosave (self);
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->report);
  g_clear_pointer (&self->saved_bytes, g_bytes_unref);

  G_OBJECT_CLASS (tb_document_parent_class)->dispose (object);
}

static void
tb_document_finalize (GObject *object)
{
  TbDocument *self = TB_DOCUMENT (object);

  g_free (self->path);
  g_free (self->recovery_id);
  g_clear_pointer (&self->file_state, tb_file_state_free);
  g_clear_pointer (&self->last_change, g_date_time_unref);

  G_OBJECT_CLASS (tb_document_parent_class)->finalize (object);
}

static void
tb_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TbDocument *self = TB_DOCUMENT (object);

  switch ((TbDocumentProp) prop_id)
    {
    case TB_DOCUMENT_PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case TB_DOCUMENT_PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case TB_DOCUMENT_PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case TB_DOCUMENT_PROP_MODIFIED:
      g_value_set_boolean (value, tb_document_get_modified (self));
      break;
    case TB_DOCUMENT_PROP_DISPLAY_NAME:
      g_value_take_string (value, tb_document_dup_display_name (self));
      break;
    case TB_DOCUMENT_PROP_HEADING:
      g_value_take_string (value, tb_document_dup_heading (self));
      break;
    case TB_DOCUMENT_PROP_TITLE:
      g_value_take_string (value, tb_document_dup_title (self));
      break;
    case TB_DOCUMENT_PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    case TB_DOCUMENT_PROP_AUTOSAVE_INTERVAL:
      g_value_set_uint (value, self->autosave_interval);
      break;
    case TB_DOCUMENT_PROP_0:
    case TB_DOCUMENT_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TbDocument *self = TB_DOCUMENT (object);

  switch (prop_id)
    {
    case TB_DOCUMENT_PROP_AUTOSAVE_INTERVAL:
      tb_document_set_autosave_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_document_class_init (TbDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_document_dispose;
  object_class->finalize = tb_document_finalize;
  object_class->get_property = tb_document_get_property;
  object_class->set_property = tb_document_set_property;

  properties[TB_DOCUMENT_PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, TB_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, TB_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_DOCUMENT_PROP_AUTOSAVE_INTERVAL] =
    g_param_spec_uint ("autosave-interval", NULL, NULL, 0, 3600,
                       TB_DOCUMENT_DEFAULT_AUTOSAVE_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TB_DOCUMENT_N_PROPS, properties);

  /**
   * TbDocument::autosave-failed:
   * @error: what went wrong
   *
   * The recovery copy could not be written (a full disk, a folder that cannot be
   * written). The report itself is untouched; the next change tries again.
   */
  signals[AUTOSAVE_FAILED] =
    g_signal_new ("autosave-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tb_document_init (TbDocument *self)
{
  self->autosave_interval = TB_DOCUMENT_DEFAULT_AUTOSAVE_INTERVAL;
}

/* ------------------------------------------------------------------ tb-document-private.h */

TbDocument *
tb_document_new_internal (TbReport    *report,
                          const char  *path,
                          const char  *recovery_id,
                          TbFileState *file_state)
{
  TbDocument *self = g_object_new (TB_TYPE_DOCUMENT, NULL);

  attach_report (self, report);
  self->path = g_strdup (path);
  self->recovery_id = recovery_id ? g_strdup (recovery_id) : tb_recovery_new_id ();
  self->file_state = file_state;
  return self;
}

void
tb_document_notify (TbDocument     *self,
                    TbDocumentProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
tb_document_emit_autosave_failed (TbDocument   *self,
                                  const GError *error)
{
  g_signal_emit (self, signals[AUTOSAVE_FAILED], 0, error);
}

/* ------------------------------------------------------------------ constructors */

TbDocument *
tb_document_new (int         year,
                 const char *agency)
{
  const TbFormat *format = tb_format_for_year (year);
  g_autoptr(TbReport) report = NULL;

  if (format == NULL)
    return NULL;
  report = tb_report_new (format);
  tb_report_set_year (report, year);
  if (agency != NULL && *agency != '\0')
    tb_report_set_agency (report, agency);
  tb_report_set_modified (report, FALSE);
  return tb_document_new_internal (report, NULL, NULL, NULL);
}

TbDocument *
tb_document_new_for_report (TbReport   *report,
                            const char *path)
{
  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  return tb_document_new_internal (report, path, NULL,
                                   path ? tb_file_state_new_for_path (path, NULL) : NULL);
}

TbDocument *
tb_document_new_recovered (const TbRecoveryEntry  *entry,
                           GError                **error)
{
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GError) local = NULL;
  TbDocument *self;

  g_return_val_if_fail (entry != NULL, NULL);

  report = tb_recovery_load (entry, error);
  if (report == NULL)
    return NULL;
  self = tb_document_new_internal (report, entry->file, entry->id,
                                   entry->file ? tb_file_state_new_for_path (entry->file, NULL)
                                               : NULL);
  self->last_change = entry->changed ? g_date_time_ref (entry->changed) : NULL;
  /* Claim the copy for this process at once, so that it is not offered elsewhere. */
  if (!tb_document_autosave_now (self, &local))
    self->recovery_written = TRUE;   /* the old copy is still there */
  return self;
}

/* ------------------------------------------------------------------ getters */

TbReport *
tb_document_get_report (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);
  return self->report;
}

void
tb_document_set_report (TbDocument *self,
                        TbReport   *report)
{
  g_return_if_fail (TB_IS_DOCUMENT (self));
  g_return_if_fail (TB_IS_REPORT (report));

  if (report == self->report)
    return;
  attach_report (self, report);
  if (self->saving)
    /* The save in flight wrote the report this one replaces. */
    self->changed_while_saving = TRUE;
  if (tb_report_get_modified (report))
    {
      g_clear_pointer (&self->last_change, g_date_time_unref);
      self->last_change = g_date_time_new_now_local ();
      arm_autosave (self);
    }
  else
    remove_recovery (self);
  tb_document_notify (self, TB_DOCUMENT_PROP_REPORT);
  tb_document_notify (self, TB_DOCUMENT_PROP_HISTORY);
  tb_document_notify (self, TB_DOCUMENT_PROP_MODIFIED);
  tb_document_notify (self, TB_DOCUMENT_PROP_HEADING);
  tb_document_notify (self, TB_DOCUMENT_PROP_TITLE);
}

TbHistory *
tb_document_get_history (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);
  return self->history;
}

const char *
tb_document_get_path (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);
  return self->path;
}

const char *
tb_document_get_recovery_id (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);
  return self->recovery_id;
}

gboolean
tb_document_get_modified (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);
  return tb_report_get_modified (self->report);
}

GDateTime *
tb_document_get_last_change (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);
  return self->last_change;
}

gboolean
tb_document_get_saving (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);
  return self->saving;
}

/* ------------------------------------------------------------------ the title */

char *
tb_document_dup_display_name (TbDocument *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);

  if (self->path == NULL)
    return g_strdup (_("Unsaved report"));
  base = g_path_get_basename (self->path);
  return g_filename_display_name (base);
}

char *
tb_document_dup_heading (TbDocument *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);

  title = tb_report_dup_title (self->report);
  /* "• ": unsaved changes. */
  return g_strconcat (tb_report_get_modified (self->report) ? "• " : "", title, NULL);
}

char *
tb_document_dup_title (TbDocument *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TB_IS_DOCUMENT (self), NULL);

  heading = tb_document_dup_heading (self);
  name = tb_document_dup_display_name (self);
  /* TRANSLATORS: window title: the report's title (agency and year, after a mark for
   * unsaved changes), then its file name */
  return g_strdup_printf (_("%s — %s"), heading, name);
}

/* ------------------------------------------------------------------ the file */

gboolean
tb_document_has_file (TbDocument *self,
                      const char *path)
{
  GStatBuf a, b;
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  g_return_val_if_fail (TB_IS_DOCUMENT (self), FALSE);

  if (self->path == NULL || path == NULL)
    return FALSE;
  if (g_stat (self->path, &a) == 0 && g_stat (path, &b) == 0)
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
  ca = g_canonicalize_filename (self->path, NULL);
  cb = g_canonicalize_filename (path, NULL);
  return g_strcmp0 (ca, cb) == 0;
}

TbFileStateCheck
tb_document_check_file (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), TB_FILE_STATE_UNCHANGED);

  if (self->path == NULL)
    return TB_FILE_STATE_DELETED;
  if (self->file_state == NULL)
    /* The file could not be read when it was opened (or it did not exist): whatever is
     * there now was put there by someone else. */
    return g_file_test (self->path, G_FILE_TEST_EXISTS) ? TB_FILE_STATE_CHANGED
                                                         : TB_FILE_STATE_DELETED;
  return tb_file_state_check (self->file_state, self->path);
}

/* ------------------------------------------------------------------ autosave interval */

guint
tb_document_get_autosave_interval (TbDocument *self)
{
  g_return_val_if_fail (TB_IS_DOCUMENT (self), 0);
  return self->autosave_interval;
}

void
tb_document_set_autosave_interval (TbDocument *self,
                                   guint       seconds)
{
  g_return_if_fail (TB_IS_DOCUMENT (self));

  if (self->autosave_interval == seconds)
    return;
  self->autosave_interval = seconds;
  /* Re-arm with the new delay. */
  if (self->autosave_id != 0)
    {
      tb_document_cancel_autosave (self);
      arm_autosave (self);
    }
  tb_document_notify (self, TB_DOCUMENT_PROP_AUTOSAVE_INTERVAL);
}

void
tb_document_discard_recovery (TbDocument *self)
{
  g_return_if_fail (TB_IS_DOCUMENT (self));
  tb_document_cancel_autosave (self);
  tb_document_queue_recovery (self, TB_RECOVERY_DISCARD);
}
