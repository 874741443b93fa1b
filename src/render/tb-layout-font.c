/* tb-layout-font.c: the fonts of the official layout, and text set in them
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include <math.h>

#include "tb-fonts.h"
#include "tb-layout-private.h"

/* ---- Fonts ---------------------------------------------------------------------------- */

/* The roles resolve to installed families in one place (tb_fonts_resolve_role()); the
 * string is interned so that callers may keep it while the clerk changes the choice. */
const char *
tb_layout_get_font (TbLayoutFont role)
{
  g_autofree char *desc = NULL;
  gboolean bold = FALSE;

  g_return_val_if_fail (role < TB_LAYOUT_N_FONTS, NULL);

  switch (role)
    {
    case TB_LAYOUT_FONT_TITLE:
      g_free (tb_fonts_resolve_role (TB_FONT_ROLE_TITLE, &bold));
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_TITLE, 22, bold);
      break;
    case TB_LAYOUT_FONT_BODY:
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_BODY, BODY_SIZE, FALSE);
      break;
    case TB_LAYOUT_FONT_HEADING:
      g_free (tb_fonts_resolve_role (TB_FONT_ROLE_HEADING1, &bold));
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_HEADING1, BODY_SIZE, bold);
      break;
    case TB_LAYOUT_FONT_HEADING2:
      g_free (tb_fonts_resolve_role (TB_FONT_ROLE_HEADING2, &bold));
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_HEADING2, BODY_SIZE, bold);
      break;
    case TB_LAYOUT_FONT_TABLE:
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_TABLE, TABLE_SIZE, FALSE);
      break;
    case TB_LAYOUT_FONT_PAGE_NUMBER:
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_PAGE_NUMBER, 14, FALSE);
      break;
    case TB_LAYOUT_FONT_DRAFT:
      desc = tb_fonts_dup_role_font (TB_FONT_ROLE_HEADING1, 12, TRUE);
      break;
    case TB_LAYOUT_N_FONTS:
    default:
      g_assert_not_reached ();
    }
  return g_intern_string (desc);
}

/* ---- Text in a font ------------------------------------------------------------------- */

PangoLayout *
_tb_layout_make (TbLayout       *self,
                 TbLayoutFont    role,
                 double          size,
                 const char     *text,
                 double          width,
                 PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->context);

  if (size > 0)
    {
      PangoFontDescription *desc = pango_font_description_copy (self->fonts[role]);

      pango_font_description_set_size (desc, (int) lround (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
    }
  else
    pango_layout_set_font_description (layout, self->fonts[role]);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
_tb_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

double
_tb_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}
