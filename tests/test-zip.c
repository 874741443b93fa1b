/* test-zip.c: zip archives read within limits, written reproducibly (src/convert/tb-zip.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tb-zip.h"

/* An archive written by libarchive itself, bypassing the writer's own checks: how a hostile
 * file may look. @size bytes of @fill per entry. */
static GBytes *
raw_zip (const char *const *names,
         gsize               size,
         char                fill)
{
  struct archive *a = archive_write_new ();
  gsize cap = 4 * 1024 * 1024;
  guint8 *buffer = g_malloc (cap);
  size_t used = 0;
  g_autofree char *content = g_malloc (size);

  memset (content, fill, size);
  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  g_assert_cmpint (archive_write_open_memory (a, buffer, cap, &used), ==, ARCHIVE_OK);
  for (guint i = 0; names[i] != NULL; i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) size);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, content, size), ==, (la_ssize_t) size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_bytes_new_take (buffer, used);
}

static GBytes *
write_sample (void)
{
  g_autoptr(TbZipWriter) writer = tb_zip_writer_new ();
  g_autoptr(GError) error = NULL;
  GBytes *zip;

  tb_zip_writer_add_string (writer, "[Content_Types].xml", "<Types/>");
  tb_zip_writer_add_string (writer, "word/document.xml", "<w:document>报告</w:document>");
  tb_zip_writer_add_string (writer, "empty", "");
  zip = tb_zip_writer_finish (writer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (zip);
  return zip;
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) zip = write_sample ();
  g_autoptr(GBytes) again = write_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TbZip) read = NULL;
  GBytes *doc;
  GPtrArray *names;

  g_assert_true (tb_zip_sniff (g_bytes_get_data (zip, NULL), g_bytes_get_size (zip)));
  /* The same entries give the same bytes. */
  g_assert_true (g_bytes_equal (zip, again));

  read = tb_zip_read (zip, NULL, &error);
  g_assert_no_error (error);
  names = tb_zip_list (read);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "[Content_Types].xml");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "word/document.xml");
  doc = tb_zip_get (read, "word/document.xml");
  g_assert_nonnull (doc);
  g_assert_cmpmem (g_bytes_get_data (doc, NULL), g_bytes_get_size (doc),
                   "<w:document>报告</w:document>", strlen ("<w:document>报告</w:document>"));
  g_assert_cmpuint (g_bytes_get_size (tb_zip_get (read, "empty")), ==, 0);
  g_assert_null (tb_zip_get (read, "missing.xml"));
}

/* Another zip reader (Python's zipfile) opens what the writer makes: the archive is
 * standard, not only readable by libarchive. */
static void
test_other_reader (void)
{
  g_autoptr(GBytes) zip = write_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  int fd, status = 0;
  const char *python = "/usr/bin/python3";

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/python3");
      return;
    }
  fd = g_file_open_tmp ("tb-zip-XXXXXX.zip", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (zip, NULL),
                                      g_bytes_get_size (zip), &error));
  {
    const char *argv[] = {
      python, "-c",
      "import sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "assert z.testzip() is None\n"
      "sys.stdout.write(z.read('word/document.xml').decode('utf-8'))\n",
      path, NULL
    };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "<w:document>报告</w:document>");
  g_unlink (path);
}

static void
test_not_zip (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("<html></html>", 13);
  g_autoptr(GBytes) zip = write_sample ();
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbZip) read = NULL;

  read = tb_zip_read (text, NULL, &error);
  g_assert_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_INVALID);
  g_assert_null (read);
  g_clear_error (&error);

  /* Cut in the middle: the central directory is gone. */
  truncated = g_bytes_new_from_bytes (zip, 0, g_bytes_get_size (zip) / 2);
  read = tb_zip_read (truncated, NULL, &error);
  g_assert_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_INVALID);
  g_assert_null (read);
}

static void
test_bomb (void)
{
  const char *names[] = { "word/document.xml", NULL };
  /* 48 MiB of one byte deflate to a few dozen KiB. */
  g_autoptr(GBytes) bomb = raw_zip (names, 48 * 1024 * 1024, 'A');
  g_autoptr(GError) error = NULL;
  g_autoptr(TbZip) read = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  read = tb_zip_read (bomb, NULL, &error);
  g_assert_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT);
  g_assert_null (read);
  g_test_message ("refused after %" G_GINT64_FORMAT " µs: %s",
                  g_get_monotonic_time () - start, error->message);
}

static void
test_limits (void)
{
  const char *names[] = { "a", "b", "c", "d", NULL };
  const char *big[] = { "big.xml", NULL };
  g_autoptr(GBytes) many = raw_zip (names, 10, 'x');
  g_autoptr(GBytes) large = raw_zip (big, 4096, 'x');
  TbZipLimits limits = tb_zip_default_limits;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbZip) read = NULL;

  limits.max_entries = 3;
  read = tb_zip_read (many, &limits, &error);
  g_assert_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT);
  g_assert_null (read);
  g_clear_error (&error);

  limits.max_entries = 4;
  read = tb_zip_read (many, &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_zip_list (read)->len, ==, 4);
  g_clear_pointer (&read, tb_zip_free);

  limits.max_entry_size = 4095;
  read = tb_zip_read (large, &limits, &error);
  g_assert_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_LIMIT);
  g_assert_null (read);
}

static void
test_unsafe_names (void)
{
  const char *const cases[] = { "../../etc/passwd", "/etc/passwd", "word/../../x.xml",
                                "C:/x.xml", "word\\..\\x.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *names[] = { "word/document.xml", cases[i], NULL };
      g_autoptr(GBytes) zip = raw_zip (names, 10, 'x');
      g_autoptr(GError) error = NULL;
      g_autoptr(TbZip) read = tb_zip_read (zip, NULL, &error);

      g_assert_error (error, TB_ZIP_ERROR, TB_ZIP_ERROR_NAME);
      g_assert_null (read);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/zip/round-trip", test_round_trip);
  g_test_add_func ("/zip/other-reader", test_other_reader);
  g_test_add_func ("/zip/not-zip", test_not_zip);
  g_test_add_func ("/zip/bomb", test_bomb);
  g_test_add_func ("/zip/limits", test_limits);
  g_test_add_func ("/zip/unsafe-names", test_unsafe_names);
  return g_test_run ();
}
