/* tb-ascii.c: whole numbers read from text, alike in every thread
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_ascii_string_to_unsigned() and _signed() set errno to 0, call g_ascii_strtoull(), and
 * take the number as invalid if errno is set after it. The first g_ascii_strto*() call of
 * a process makes GLib's C locale under GLib's one-time lock (GLib 2.74), and when another
 * thread holds that lock the wait can leave errno at EAGAIN: the valid "4" then reads as
 * no number. The report formats are read in a worker while GTK starts (its types are
 * registered under that lock), and now and then 2021.xml failed to load with "table t2:
 * missing columns". Here GLib's C locale is made once before the first number is read;
 * errno is then left alone.
 */
#define G_LOG_DOMAIN "tb-ascii"

#include "config.h"

#include "tb-ascii.h"

static void
ensure_c_locale (void)
{
  static gsize made;

  if (g_once_init_enter (&made))
    {
      g_ascii_strtoull ("0", NULL, 10);
      g_once_init_leave (&made, 1);
    }
}

gboolean
tb_ascii_to_unsigned (const char *text,
                      guint64     min,
                      guint64     max,
                      guint64    *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  ensure_c_locale ();
  return g_ascii_string_to_unsigned (text, 10, min, max, out, NULL);
}

gboolean
tb_ascii_to_signed (const char *text,
                    gint64      min,
                    gint64      max,
                    gint64     *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  ensure_c_locale ();
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}
