/* test-libraries.c: poppler and libarchive are opened on first use, not at start-up
 * (src/convert/tb-library.c)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked, poppler (with libstdc++) and libarchive cost every start of the app and of
 * tianbao-cli about 3 MiB (issue 14). This program links the convert library as the app
 * does and reads its own memory map: neither library is there before a zip is written or a
 * PDF is read, and each is there after.
 */
#include "config.h"

#include <string.h>

#include "tb-pdf-reader.h"
#include "tb-source.h"
#include "tb-test-import.h"
#include "tb-zip.h"

static char *maps_at_start;

static char *
read_maps (void)
{
  char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return maps;
}

static gboolean
mapped (const char *maps,
        const char *soname)
{
  g_autofree char *needle = g_strconcat ("/", soname, NULL);

  return strstr (maps, needle) != NULL;
}

static void
test_libarchive (void)
{
  g_autoptr(TbZipWriter) writer = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(TbZip) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *maps = NULL;

  g_assert_false (mapped (maps_at_start, TB_LIBARCHIVE_SONAME));

  writer = tb_zip_writer_new ();
  tb_zip_writer_add_string (writer, "word/document.xml", "<w:document/>");
  zip = tb_zip_writer_finish (writer, &error);
  g_assert_no_error (error);
  back = tb_zip_read (zip, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  maps = read_maps ();
  g_assert_true (mapped (maps, TB_LIBARCHIVE_SONAME));
}

static void
test_poppler (void)
{
  g_autoptr(GBytes) pdf = tb_test_fixture_bytes ("yanchi-2020.pdf");
  g_autoptr(TbSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *maps = NULL;

  g_assert_false (mapped (maps_at_start, TB_POPPLER_GLIB_SONAME));

  source = tb_pdf_read (pdf, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);

  maps = read_maps ();
  g_assert_true (mapped (maps, TB_POPPLER_GLIB_SONAME));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!g_file_test ("/proc/self/maps", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/self/maps to read");
      return g_test_run ();
    }
  maps_at_start = read_maps ();
  g_test_add_func ("/libraries/libarchive", test_libarchive);
  g_test_add_func ("/libraries/poppler", test_poppler);
  return g_test_run ();
}
