/* tb-toast.h: toasts that show their text as it is
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwToast's title is Pango markup (libadwaita 1.2 has no switch for it), and our toasts
 * carry agency and file names: "<b>&" in a file name would break the toast, an agency named
 * <span size="xx-large">…</span> would style it. Every toast of the app is made here.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text literally (escaped for its markup title). (transfer floating) */
AdwToast *tb_toast_new_plain (const char *text);

G_END_DECLS
