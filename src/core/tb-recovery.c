/* tb-recovery.c: recovery copies of unsaved reports, offered again after a crash
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-recovery"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tb-draft.h"
#include "tb-recovery.h"

#define GROUP            "Recovery"
#define SIDECAR_VERSION  1
#define SIDECAR_MAX_SIZE (64 * 1024)

/* ------------------------------------------------------------------ helpers */

void
tb_recovery_entry_free (TbRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->draft_path);
  g_free (entry->file);
  g_free (entry->title);
  g_clear_pointer (&entry->changed, g_date_time_unref);
  g_clear_error (&entry->error);
  g_free (entry);
}

char *
tb_recovery_dup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "tianbao", "recovery", NULL);
}

char *
tb_recovery_new_id (void)
{
  return g_uuid_string_random ();
}

static char *
entry_path (const char *id,
            const char *suffix)
{
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
read_small_file (const char *path,
                 gsize       max)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  if (len > max)
    return NULL;
  return g_steal_pointer (&data);
}

/* This boot's id, so that a process id from before a restart is not taken for a live one. */
static char *
dup_boot_id (void)
{
  char *id = read_small_file ("/proc/sys/kernel/random/boot_id", 256);

  return id ? g_strstrip (id) : NULL;
}

/* When process @pid started (clock ticks since boot), 0 if it does not run or is unknown.
 * With the boot id this tells a live writer from a later process that got the same id. */
static guint64
process_start_time (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = read_small_file (path, 4096);
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (stat == NULL)
    return 0;
  /* "pid (comm) state ppid …": comm may hold spaces and parentheses. */
  after = strrchr (stat, ')');
  if (after == NULL)
    return 0;
  fields = g_strsplit (after + 1, " ", -1);
  /* fields[0] is "" (the space after ')'), fields[1] is field 3 (state); starttime is
   * field 22. */
  if (g_strv_length (fields) < 21)
    return 0;
  return g_ascii_strtoull (fields[20], NULL, 10);
}

/* ------------------------------------------------------------------ writing */

/**
 * tb_recovery_write:
 * @id: the report's recovery id (see tb_recovery_new_id())
 * @report: the report
 * @file: (nullable): the report's own file
 * @changed: (nullable): when the report was last changed; NULL for now
 * @error: a %TB_DRAFT_ERROR_IO
 *
 * Writes the copy first and the key file second, each atomically: whatever happens, the
 * folder holds a complete earlier or a complete new copy.
 */
gboolean
tb_recovery_write (const char  *id,
                   TbReport    *report,
                   const char  *file,
                   GDateTime   *changed,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TB_IS_REPORT (report), FALSE);

  bytes = tb_draft_serialize (report);
  title = tb_report_dup_title (report);
  return tb_recovery_write_bytes (id, bytes, title, file, changed, error);
}

/**
 * tb_recovery_write_bytes:
 * @id: the report's recovery id
 * @draft: the report as tb_draft_serialize() wrote it
 * @title: (nullable): the report's title
 * @file: (nullable): the report's own file
 * @changed: (nullable): when the report was last changed; NULL for now
 * @error: a %TB_DRAFT_ERROR_IO
 *
 * tb_recovery_write() for a report serialized already; touches no report, so a worker
 * thread may call it.
 */
gboolean
tb_recovery_write_bytes (const char  *id,
                         GBytes      *draft,
                         const char  *title,
                         const char  *file,
                         GDateTime   *changed,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *ini_path = NULL;
  g_autofree char *when = NULL;
  g_autofree char *boot_id = NULL;
  g_autofree char *ini = NULL;
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GDateTime) now = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (id != NULL && g_uuid_string_is_valid (id), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = tb_recovery_dup_dir ();
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                   _("Could not create the folder for recovery copies “%s”: %s."),
                   display, g_strerror (errsv));
      return FALSE;
    }

  draft_path = entry_path (id, ".tianbao");
  ini_path = entry_path (id, ".ini");

  data = g_bytes_get_data (draft, &len);
  if (!tb_file_write_atomic (draft_path, data ? data : "", len, error))
    return FALSE;

  if (changed == NULL)
    changed = now = g_date_time_new_now_local ();
  when = g_date_time_format_iso8601 (changed);
  boot_id = dup_boot_id ();

  keys = g_key_file_new ();
  g_key_file_set_integer (keys, GROUP, "Version", SIDECAR_VERSION);
  if (file != NULL)
    g_key_file_set_string (keys, GROUP, "File", file);
  g_key_file_set_string (keys, GROUP, "Title", title ? title : "");
  g_key_file_set_string (keys, GROUP, "Changed", when);
  g_key_file_set_integer (keys, GROUP, "Pid", (int) getpid ());
  if (boot_id != NULL)
    g_key_file_set_string (keys, GROUP, "BootId", boot_id);
  g_key_file_set_uint64 (keys, GROUP, "StartTime", process_start_time ((int) getpid ()));

  ini = g_key_file_to_data (keys, &len, NULL);
  return tb_file_write_atomic (ini_path, ini, len, error);
}

gboolean
tb_recovery_discard (const char  *id,
                     GError     **error)
{
  const char *suffixes[] = { ".ini", ".tianbao" };
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *prefix = g_strconcat (".", id, ".", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_return_val_if_fail (id != NULL && g_uuid_string_is_valid (id), FALSE);

  /* Temporary files of a write that was cut short (the process was killed meanwhile). */
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = entry_path (id, suffixes[i]);

      if (g_unlink (path) < 0 && errno != ENOENT)
        {
          int errsv = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                       _("Could not remove the recovery copy “%s”: %s."),
                       display, g_strerror (errsv));
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ listing */

/* Fills @entry from its key file. A missing key file is not an error (the process may have
 * died between writing the copy and the key file): the caller falls back to the copy. */
static gboolean
read_sidecar (TbRecoveryEntry *entry,
              const char      *ini_path,
              const char      *boot_id,
              GError         **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *data = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *their_boot = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;
  int version;

  if (!g_file_get_contents (ini_path, &data, &len, &local))
    return g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  if (len > SIDECAR_MAX_SIZE ||
      !g_key_file_load_from_data (keys, data, len, G_KEY_FILE_NONE, &local))
    goto damaged;

  version = g_key_file_get_integer (keys, GROUP, "Version", &local);
  if (local != NULL || version != SIDECAR_VERSION)
    goto damaged;

  entry->file = g_key_file_get_string (keys, GROUP, "File", NULL);
  if (entry->file != NULL && (*entry->file == '\0' || !g_path_is_absolute (entry->file)))
    g_clear_pointer (&entry->file, g_free);
  entry->title = g_key_file_get_string (keys, GROUP, "Title", NULL);

  changed = g_key_file_get_string (keys, GROUP, "Changed", NULL);
  if (changed != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (changed, NULL);

      if (utc != NULL)
        entry->changed = g_date_time_to_local (utc);
    }

  entry->pid = g_key_file_get_integer (keys, GROUP, "Pid", NULL);
  their_boot = g_key_file_get_string (keys, GROUP, "BootId", NULL);
  if (entry->pid > 0 && boot_id != NULL && g_strcmp0 (their_boot, boot_id) == 0)
    {
      guint64 start = g_key_file_get_uint64 (keys, GROUP, "StartTime", NULL);

      entry->in_use = start != 0 && process_start_time (entry->pid) == start;
    }
  return TRUE;

damaged:
  g_set_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED,
               _("The description of the recovery copy “%s” is damaged."), entry->id);
  return FALSE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const TbRecoveryEntry *ea = *(TbRecoveryEntry *const *) a;
  const TbRecoveryEntry *eb = *(TbRecoveryEntry *const *) b;
  int c = g_date_time_compare (eb->changed, ea->changed);

  return c != 0 ? c : g_strcmp0 (ea->id, eb->id);
}

static TbRecoveryEntry *
read_entry (const char *dir,
            const char *id,
            const char *boot_id)
{
  g_autoptr(TbRecoveryEntry) entry = g_new0 (TbRecoveryEntry, 1);
  g_autofree char *name = g_strconcat (id, ".ini", NULL);
  g_autofree char *ini_path = g_build_filename (dir, name, NULL);
  g_autoptr(TbReport) report = NULL;
  GStatBuf st;

  entry->id = g_strdup (id);
  g_free (name);
  name = g_strconcat (id, ".tianbao", NULL);
  entry->draft_path = g_build_filename (dir, name, NULL);

  if (g_stat (entry->draft_path, &st) < 0)
    {
      int errsv = errno;

      g_set_error (&entry->error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_IO,
                   _("The recovery copy “%s” is missing: %s."), id, g_strerror (errsv));
      read_sidecar (entry, ini_path, boot_id, NULL);
    }
  else if (read_sidecar (entry, ini_path, boot_id, &entry->error))
    {
      /* A copy is offered only if it can be loaded; loading also gives the title of a copy
       * whose key file is missing. */
      report = tb_draft_load (entry->draft_path, &entry->error);
      if (report != NULL && (entry->title == NULL || *entry->title == '\0'))
        {
          g_free (entry->title);
          entry->title = tb_report_dup_title (report);
        }
    }

  if (entry->changed == NULL)
    {
      g_autoptr(GDateTime) utc = NULL;

      if (g_stat (entry->draft_path, &st) == 0 || g_stat (ini_path, &st) == 0)
        utc = g_date_time_new_from_unix_utc (st.st_mtime);
      else
        utc = g_date_time_new_now_utc ();
      entry->changed = g_date_time_to_local (utc);
    }
  if (entry->title == NULL)
    entry->title = g_strdup ("");

  return g_steal_pointer (&entry);
}

/**
 * tb_recovery_list:
 * @damaged: (out) (optional) (transfer full): entries that cannot be recovered
 *
 * Looks at every "<uuid>.tianbao" and "<uuid>.ini" in the recovery folder; anything else
 * there is ignored.
 *
 * Returns: (transfer full): the entries that can be recovered, last changed first
 */
GPtrArray *
tb_recovery_list (GPtrArray **damaged)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_recovery_entry_free);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_recovery_entry_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = tb_recovery_dup_dir ();
  g_autofree char *boot_id = dup_boot_id ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GHashTableIter iter;
  gpointer key;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *dot = strrchr (name, '.');
      g_autofree char *id = NULL;

      if (dot == NULL || (strcmp (dot, ".tianbao") != 0 && strcmp (dot, ".ini") != 0))
        continue;
      id = g_strndup (name, (gsize) (dot - name));
      if (!g_uuid_string_is_valid (id))
        continue;
      g_hash_table_add (ids, g_steal_pointer (&id));
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TbRecoveryEntry *entry = read_entry (dir, key, boot_id);

      if (entry->error != NULL)
        {
          g_debug ("Recovery copy %s cannot be used: %s", entry->id, entry->error->message);
          g_ptr_array_add (bad, entry);
        }
      else
        g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_entries);
  g_ptr_array_sort (bad, compare_entries);
  if (damaged != NULL)
    *damaged = g_steal_pointer (&bad);
  return g_steal_pointer (&entries);
}

/**
 * tb_recovery_load:
 * @entry: an entry from tb_recovery_list()
 * @error: a %TB_DRAFT_ERROR
 *
 * Returns: (transfer full) (nullable): the report as it was when the copy was written,
 *   marked modified
 */
TbReport *
tb_recovery_load (const TbRecoveryEntry  *entry,
                  GError                **error)
{
  TbReport *report;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = tb_draft_load (entry->draft_path, error);
  if (report != NULL)
    tb_report_set_modified (report, TRUE);
  return report;
}
