/* test-draft-hostile.c: tests for hostile *.tianbao files: refused with a clear reason, in time
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-draft-hostile"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tb-draft.h"
#include "tb-field.h"
#include "tb-value.h"

#include "tb-test-draft.h"
#include "tb-test-util.h"

/* ---- Hostile files ------------------------------------------------------------------- */

typedef struct
{
  const char *file;
  int         code;
  const char *mentions;   /* part of the message, or NULL */
} Hostile;

static const Hostile hostile_files[] = {
  { "truncated.tianbao",             TB_DRAFT_ERROR_MALFORMED, "line 10" },
  { "billion-laughs.tianbao",        TB_DRAFT_ERROR_MALFORMED, NULL },
  { "quadratic-blowup.tianbao",      TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "xxe-local-file.tianbao",        TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "xxe-parameter-entity.tianbao",  TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "external-dtd.tianbao",          TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "doctype-only.tianbao",          TB_DRAFT_ERROR_MALFORMED, "DOCTYPE" },
  { "undeclared-entity.tianbao",     TB_DRAFT_ERROR_MALFORMED, "secret" },
  { "xinclude.tianbao",              TB_DRAFT_ERROR_MALFORMED, "<text>" },
  { "wrong-root.tianbao",            TB_DRAFT_ERROR_MALFORMED, "<format>" },
  { "namespaced-root.tianbao",       TB_DRAFT_ERROR_MALFORMED, "urn:evil" },
  { "future-version.tianbao",        TB_DRAFT_ERROR_VERSION,   "file version 2" },
  { "version-zero.tianbao",          TB_DRAFT_ERROR_VERSION,   "(0)" },
  { "version-not-number.tianbao",    TB_DRAFT_ERROR_MALFORMED, "“one”" },
  { "version-missing.tianbao",       TB_DRAFT_ERROR_MALFORMED, "file version" },
  { "unknown-format.tianbao",        TB_DRAFT_ERROR_FORMAT,    "“2035”" },
  { "format-missing.tianbao",        TB_DRAFT_ERROR_MALFORMED, "report format" },
  { "unknown-cell.tianbao",          TB_DRAFT_ERROR_CELL,      "“t3.r99_bogus.biz”" },
  { "unknown-section.tianbao",       TB_DRAFT_ERROR_CELL,      "“s9”" },
  { "duplicate-cell.tianbao",        TB_DRAFT_ERROR_MALFORMED, "“t3.r1_new.np”" },
  { "cell-without-id.tianbao",       TB_DRAFT_ERROR_MALFORMED, "“id”" },
  { "cell-with-child.tianbao",       TB_DRAFT_ERROR_MALFORMED, "<cell>" },
  { "unknown-element.tianbao",       TB_DRAFT_ERROR_MALFORMED, "<script>" },
  { "duplicate-meta.tianbao",        TB_DRAFT_ERROR_MALFORMED, "<year>" },
  { "year-out-of-range.tianbao",     TB_DRAFT_ERROR_MALFORMED, "“1850”" },
  { "year-not-number.tianbao",       TB_DRAFT_ERROR_MALFORMED, "year" },
  { "bad-boolean.tianbao",           TB_DRAFT_ERROR_MALFORMED, "“maybe”" },
  { "stray-text.tianbao",            TB_DRAFT_ERROR_MALFORMED, "line 10" },
  { "deep-nesting.tianbao",          TB_DRAFT_ERROR_LIMIT,     "depth" },
  { "invalid-utf8.tianbao",          TB_DRAFT_ERROR_MALFORMED, "UTF-8" },
  { "nul-byte.tianbao",              TB_DRAFT_ERROR_MALFORMED, NULL },
  { "utf16.tianbao",                 TB_DRAFT_ERROR_MALFORMED, NULL },
  { "empty.tianbao",                 TB_DRAFT_ERROR_MALFORMED, "empty" },
  { "whitespace-only.tianbao",       TB_DRAFT_ERROR_MALFORMED, NULL },
  { "binary-garbage.tianbao",        TB_DRAFT_ERROR_MALFORMED, NULL },
  { "pdf-file.tianbao",              TB_DRAFT_ERROR_MALFORMED, NULL },
  /* Limits checked before libxml2 runs, and the field rules of tb-field.h. */
  { "many-attributes.tianbao",       TB_DRAFT_ERROR_LIMIT,     "more than 16 attributes" },
  { "long-attribute-value.tianbao",  TB_DRAFT_ERROR_LIMIT,     "attribute value" },
  { "long-element-name.tianbao",     TB_DRAFT_ERROR_LIMIT,     "element name" },
  { "agency-too-long.tianbao",       TB_DRAFT_ERROR_LIMIT,     "The agency is too long: 102" },
  { "agency-control-char.tianbao",   TB_DRAFT_ERROR_MALFORMED, "U+0085" },
  { "agency-direction-override.tianbao", TB_DRAFT_ERROR_MALFORMED, "U+202E" },
  { "preparer-line-break.tianbao",   TB_DRAFT_ERROR_MALFORMED, "line break" },
  { "cell-control-char.tianbao",     TB_DRAFT_ERROR_MALFORMED, "U+007F" },
  { "text-isolate.tianbao",          TB_DRAFT_ERROR_MALFORMED, "U+2067" },
  { "year-too-long.tianbao",         TB_DRAFT_ERROR_LIMIT,     "<year>" },
};

/* Loads @path, expects @code within a second; returns the time taken in seconds. */
static double
expect_rejected (const char *path,
                 int         code,
                 const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gint64 start, end;
  double seconds;

  start = g_get_monotonic_time ();
  report = tb_draft_load (path, &error);
  end = g_get_monotonic_time ();
  seconds = (end - start) / (double) G_USEC_PER_SEC;

  g_test_message ("%s: %.3f ms: %s", path, seconds * 1000, error ? error->message : "(loaded)");
  g_assert_null (report);
  g_assert_error (error, TB_DRAFT_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, display));
  if (mentions != NULL && strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  /* Nothing from /etc/passwd ever reaches the clerk. */
  g_assert_null (strstr (error->message, "root:"));
  g_assert_cmpfloat (seconds, <, 1.0);
  return seconds;
}

static void
test_hostile_files (void)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "drafts",
                                                  "minimal-2021.tianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *hostile_dir = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  const char *name;
  double worst = 0;
  guint n_files = 0;

  /* The hostile files are small edits of this one, so each fails for its own reason. */
  report = tb_draft_load (valid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_report_count_filled (report), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      const Hostile *h = &hostile_files[i];
      g_autofree char *path = g_build_filename (hostile_dir, h->file, NULL);
      g_autoptr(GBytes) bytes = tb_test_read_bytes (path);
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(TbReport) parsed = NULL;
      double seconds = expect_rejected (path, h->code, h->mentions);

      worst = MAX (worst, seconds);

      /* The same from memory. */
      parsed = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               &parse_error);
      g_assert_null (parsed);
      g_assert_error (parse_error, TB_DRAFT_ERROR, h->code);
    }

  /* Every file in the folder is in the table above. */
  dir = g_dir_open (hostile_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
        listed |= strcmp (hostile_files[i].file, name) == 0;
      if (!listed)
        g_error ("%s is not listed in hostile_files[]", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (hostile_files));

  g_test_message ("%u hostile files rejected, slowest in %.3f ms", n_files, worst * 1000);
}

static void
test_too_large (void)
{
  g_autofree char *path = tb_test_temp_path ("huge.tianbao");
  g_autofree char *just_over = tb_test_temp_path ("just-over.tianbao");
  g_autofree char *big_text = tb_test_temp_path ("big-text.tianbao");
  const char *head = "<?xml version=\"1.0\"?>\n<tianbao-report version=\"1\" format=\"2021\">"
                     "<texts><text section=\"s1\">";
  const char *tail = "</text></texts></tianbao-report>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  GString *xml;
  char block[4096];
  int fd;

  /* 50 MB of a real-looking report: refused before it is read. */
  memset (block, 'x', sizeof block);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  for (guint i = 0; i < 50 * 1024 * 1024 / sizeof block; i++)
    g_assert_cmpint (write (fd, block, sizeof block), ==, sizeof block);
  g_assert_cmpint (write (fd, tail, strlen (tail)), ==, (gssize) strlen (tail));
  g_assert_cmpint (close (fd), ==, 0);
  expect_rejected (path, TB_DRAFT_ERROR_TOO_LARGE, "limit");

  /* One byte over the limit, by file and from memory: a real text padded with the blanks
   * that may sit between elements. */
  xml = g_string_new (head);
  for (guint i = 0; i < 1000; i++)
    g_string_append (xml, "总体情况。");
  g_string_append (xml, "</text>");
  while (xml->len < TB_DRAFT_MAX_SIZE - strlen ("</texts></tianbao-report>\n"))
    g_string_append_c (xml, ' ');
  g_string_append (xml, "</texts></tianbao-report>\n");
  g_assert_cmpuint (xml->len, ==, TB_DRAFT_MAX_SIZE);

  /* Exactly at the limit: fine. */
  tb_test_write_file (big_text, xml->str, xml->len);
  report = tb_draft_load (big_text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (tb_report_get_text (report, "s1"), -1), ==, 5000);

  g_string_insert_c (xml, strlen (head), 'z');
  tb_test_write_file (just_over, xml->str, xml->len);
  expect_rejected (just_over, TB_DRAFT_ERROR_TOO_LARGE, NULL);
  g_clear_object (&report);
  report = tb_draft_parse (xml->str, xml->len, &error);
  g_assert_null (report);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_TOO_LARGE);
  g_string_free (xml, TRUE);
  (void) tail;
}

/* The biggest draft a clerk can make — every field at its maximum, every character one that
 * the file escapes (& becomes &amp;) — fits the size limit, and reads back the same. */
static void
test_biggest_draft (gconstpointer data)
{
  const TbFormat *format = tb_format_get (data);
  g_autoptr(TbReport) report = tb_report_new (format);
  g_autoptr(TbReport) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency = g_strnfill (TB_FIELD_AGENCY_MAX_CHARS, '&');
  g_autofree char *preparer = g_strnfill (TB_FIELD_PREPARER_MAX_CHARS, '&');
  g_autofree char *contact = g_strnfill (TB_FIELD_CONTACT_MAX_CHARS, '&');
  g_autofree char *previous = g_strnfill (TB_DRAFT_MAX_REFERENCE, '&');
  g_autofree char *text = g_strnfill (TB_FIELD_TEXT_MAX_CHARS, '&');

  tb_report_set_agency (report, agency);
  tb_report_set_preparer (report, preparer);
  tb_report_set_contact (report, contact);
  tb_report_set_year (report, tb_format_get_first_year (format));
  tb_report_set_previous (report, previous);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, i);

      if (section->type == TB_SECTION_TEXT)
        tb_report_set_text (report, section->id, text);
    }
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      g_autofree char *typed = g_strnfill (TB_FIELD_CELL_MAX_CHARS, '&');

      g_assert_false (tb_report_set_cell_text (report, i, typed, NULL));
    }
  bytes = tb_draft_serialize (report);
  g_test_message ("format %s: the biggest draft has %" G_GSIZE_FORMAT " bytes (limit %d)",
                  (const char *) data, g_bytes_get_size (bytes), TB_DRAFT_MAX_SIZE);
  g_assert_cmpuint (g_bytes_get_size (bytes), <=, TB_DRAFT_MAX_SIZE);
  loaded = tb_draft_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  tb_test_assert_reports_equal (report, loaded);
}

/* One character over a field's maximum is refused with a message naming the field. */
static void
test_field_limits (void)
{
  static const struct { const char *element; TbField field; } meta[] = {
    { "agency", TB_FIELD_AGENCY },
    { "preparer", TB_FIELD_PREPARER },
    { "contact", TB_FIELD_CONTACT },
  };

  for (guint i = 0; i <= G_N_ELEMENTS (meta); i++)
    for (guint over = 0; over <= 1; over++)
      {
        TbField field = i < G_N_ELEMENTS (meta) ? meta[i].field : TB_FIELD_TEXT;
        g_autofree char *value = g_strnfill (tb_field_get_max_chars (field) + over, 'x');
        g_autofree char *xml = NULL;
        g_autoptr(TbReport) report = NULL;
        g_autoptr(GError) error = NULL;

        if (i < G_N_ELEMENTS (meta))
          xml = g_strdup_printf ("<tianbao-report version=\"1\" format=\"2021\"><meta><%s>%s</%s>"
                                 "</meta></tianbao-report>",
                                 meta[i].element, value, meta[i].element);
        else
          xml = g_strdup_printf ("<tianbao-report version=\"1\" format=\"2021\"><texts>"
                                 "<text section=\"s1\">%s</text></texts></tianbao-report>",
                                 value);
        report = tb_draft_parse (xml, strlen (xml), &error);
        if (!over)
          {
            g_assert_no_error (error);
            continue;
          }
        g_assert_null (report);
        g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_LIMIT);
        g_assert_nonnull (strstr (error->message, tb_field_get_name (field)));
      }
}

/* What libxml2 2.9 takes quadratic time for is refused before it runs: 100,000 attributes
 * on the root element in a 1 MB file (16 s before), and 5,000 cells. */
static void
test_many_attributes (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<tianbao-report");
  g_autoptr(GString) cells = g_string_new ("<tianbao-report version=\"1\" format=\"2021\"><cells>");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  g_autofree char *path = tb_test_temp_path ("attributes.tianbao");
  g_autofree char *cells_path = tb_test_temp_path ("cells.tianbao");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (xml, " a%x=\"\"", i);
  g_string_append (xml, " version=\"1\" format=\"2021\"/>\n");
  g_assert_cmpuint (xml->len, <=, TB_DRAFT_MAX_SIZE);
  tb_test_write_file (path, xml->str, xml->len);
  expect_rejected (path, TB_DRAFT_ERROR_LIMIT, "attributes");

  for (guint i = 0; i < TB_DRAFT_MAX_ELEMENTS; i++)
    g_string_append (cells, "<cell/>");
  g_string_append (cells, "</cells></tianbao-report>");
  tb_test_write_file (cells_path, cells->str, cells->len);
  expect_rejected (cells_path, TB_DRAFT_ERROR_LIMIT, "elements");
  (void) report;
  (void) error;
}

/* The clerk (or whoever helps) is told where the problem is, also far down a big file. */
static void
test_line_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbReport) report = NULL;
  GString *xml = g_string_new ("<tianbao-report version=\"1\" format=\"2021\">\n<cells>\n");

  for (guint i = 0; i < 70000; i++)
    g_string_append (xml, "\n");
  /* line 70003 */
  g_string_append (xml, "<cell id=\"t3.nope.np\">1</cell>\n</cells></tianbao-report>\n");
  report = tb_draft_parse (xml->str, xml->len, &error);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_CELL);
  g_assert_nonnull (strstr (error->message, "(line 70003)"));
  g_clear_error (&error);

  /* A libxml2 error far down: the end tag is missing. */
  g_string_truncate (xml, xml->len - strlen ("</tianbao-report>\n"));
  report = tb_draft_parse (xml->str, xml->len, &error);
  g_assert_error (error, TB_DRAFT_ERROR, TB_DRAFT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 7000"));
  g_string_free (xml, TRUE);
}

static void
test_not_a_file (void)
{
  g_autofree char *fifo = tb_test_temp_path ("fifo.tianbao");
  g_autofree char *missing = tb_test_temp_path ("missing.tianbao");
  g_autofree char *dir = tb_test_work_dir ();

  /* A FIFO must not block, a folder or device must not be read. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  expect_rejected (fifo, TB_DRAFT_ERROR_IO, "regular");
  expect_rejected (dir, TB_DRAFT_ERROR_IO, "regular");
  expect_rejected ("/dev/zero", TB_DRAFT_ERROR_IO, "regular");
  expect_rejected (missing, TB_DRAFT_ERROR_IO, g_strerror (ENOENT));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draft/hostile/files", test_hostile_files);
  g_test_add_func ("/draft/hostile/too-large", test_too_large);
  g_test_add_data_func ("/draft/hostile/biggest-draft/2019", "2019", test_biggest_draft);
  g_test_add_data_func ("/draft/hostile/biggest-draft/2021", "2021", test_biggest_draft);
  g_test_add_func ("/draft/hostile/field-limits", test_field_limits);
  g_test_add_func ("/draft/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/draft/hostile/line-numbers", test_line_numbers);
  g_test_add_func ("/draft/hostile/not-a-file", test_not_a_file);

  return g_test_run ();
}
