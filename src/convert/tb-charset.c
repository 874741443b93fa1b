/* tb-charset.c: bytes of text in an unknown encoding, read as UTF-8
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-charset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-charset.h"
#include "tb-source.h"

/* Bytes looked at to tell text from binary data. */
#define SNIFF_LEN 8192

gboolean
tb_charset_looks_binary (const char *data,
                         gsize       len)
{
  gsize n = MIN (len, SNIFF_LEN);
  gsize controls = 0;

  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                   ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];

      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
          c != 0x1B)
        controls++;
    }
  return n > 0 && controls * 20 > n;
}

gboolean
tb_charset_is_gb (const char *name)
{
  static const char *const names[] = {
    "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
    "csgb2312", "gb_2312-80", "x-euc-cn",
  };

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
tb_charset_fold_width (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      else if (c == 0x3000)
        c = ' ';
      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_utf8_name (const char *name)
{
  return g_ascii_strcasecmp (name, "utf-8") == 0 || g_ascii_strcasecmp (name, "utf8") == 0;
}

/* @data converted from @charset, or NULL when it is not valid in that encoding. */
static char *
convert_from (const char *data,
              gsize       len,
              const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *out = g_convert (data, len, "UTF-8", charset, NULL, &written, &error);

  if (out == NULL)
    return NULL;
  /* iconv copies NUL bytes; the readers work on C strings. */
  if (strlen (out) != written)
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static char *
strip_bom (char *text)
{
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    memmove (text, text + 3, strlen (text + 3) + 1);
  return text;
}

char *
tb_charset_decode (const char  *data,
                   gsize        len,
                   const char  *declared,
                   const char **used,
                   char       **note,
                   GError     **error)
{
  const char *dummy_used;
  char *out;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (used == NULL)
    used = &dummy_used;
  if (note != NULL)
    *note = NULL;

  /* A byte order mark decides. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
      declared = "UTF-8";
    }
  else if (len >= 2 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    {
      out = convert_from (data + 2, len - 2, "UTF-16LE");
      *used = "UTF-16LE";
      if (out != NULL)
        return strip_bom (out);
      g_set_error_literal (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_ENCODING,
                           _("The file starts like UTF-16 text but is not valid UTF-16"));
      return NULL;
    }
  else if (len >= 2 && (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
    {
      out = convert_from (data + 2, len - 2, "UTF-16BE");
      *used = "UTF-16BE";
      if (out != NULL)
        return strip_bom (out);
      g_set_error_literal (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_ENCODING,
                           _("The file starts like UTF-16 text but is not valid UTF-16"));
      return NULL;
    }

  if (tb_charset_looks_binary (data, len))
    {
      g_set_error_literal (error, TB_SOURCE_ERROR, TB_SOURCE_ERROR_BINARY,
                           _("This is not text: it holds binary data"));
      return NULL;
    }

  /* The declared encoding first, when it is one that can be told apart. */
  if (declared != NULL && !is_utf8_name (declared))
    {
      const char *charset = tb_charset_is_gb (declared) ? "GB18030" : declared;

      out = convert_from (data, len, charset);
      if (out != NULL)
        {
          *used = tb_charset_is_gb (declared) ? "GB18030" : g_intern_string (declared);
          return strip_bom (out);
        }
    }

  if (g_utf8_validate (data, len, NULL) && memchr (data, '\0', len) == NULL)
    {
      *used = "UTF-8";
      if (declared != NULL && !is_utf8_name (declared) && note != NULL)
        *note = g_strdup_printf (_("The page declares the encoding %s but is UTF-8; it was "
                                   "read as UTF-8"), declared);
      return g_strndup (data, len);
    }

  out = convert_from (data, len, "GB18030");
  if (out != NULL)
    {
      *used = "GB18030";
      if (declared != NULL && !tb_charset_is_gb (declared) && note != NULL)
        *note = g_strdup_printf (_("The page declares the encoding %s but is GB18030 (GBK); "
                                   "it was read as GB18030"), declared);
      return strip_bom (out);
    }

  /* Neither: keep what can be read, and say so. */
  *used = "UTF-8";
  if (note != NULL)
    *note = g_strdup (_("Some bytes are neither UTF-8 nor GB18030 (GBK) text; they were "
                        "replaced by “\xEF\xBF\xBD”"));
  {
    char *copy = g_strndup (data, len);
    char *valid = g_utf8_make_valid (copy, -1);

    g_free (copy);
    return valid;
  }
}
