/* tb-layout-font.c: the fonts of the official layout, and text set in them
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-layout"

#include "config.h"

#include <math.h>

#include "tb-layout-private.h"

/* ---- Fonts ---------------------------------------------------------------------------- */

static const char *const kai_families[] = {
  "AR PL UKai CN", "AR PL KaitiM GB", "KaiTi", "KaiTi_GB2312", "楷体", "楷体_GB2312",
  "STKaiti", "Kaiti SC", "LXGW WenKai", "FZKai-Z03",
};

static char *
find_kai_family (void)
{
  PangoFontFamily **families = NULL;
  int n = 0;
  char *found = NULL;

  pango_font_map_list_families (pango_cairo_font_map_get_default (), &families, &n);
  for (guint k = 0; k < G_N_ELEMENTS (kai_families) && found == NULL; k++)
    for (int i = 0; i < n; i++)
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), kai_families[k]) == 0)
        {
          found = g_strdup (kai_families[k]);
          break;
        }
  g_free (families);
  return found;
}

const char *
tb_layout_get_font (TbLayoutFont role)
{
  static char *heading2 = NULL;

  g_return_val_if_fail (role < TB_LAYOUT_N_FONTS, NULL);

  switch (role)
    {
    case TB_LAYOUT_FONT_TITLE:
      return "Noto Serif CJK SC Bold 22";
    case TB_LAYOUT_FONT_BODY:
      return "Noto Serif CJK SC 16";
    case TB_LAYOUT_FONT_HEADING:
      return "Noto Sans CJK SC Bold 16";
    case TB_LAYOUT_FONT_HEADING2:
      if (g_once_init_enter (&heading2))
        {
          g_autofree char *kai = find_kai_family ();
          char *desc = kai ? g_strdup_printf ("%s,Noto Serif CJK SC 16", kai)
                           : g_strdup ("Noto Serif CJK SC Bold 16");
          g_once_init_leave (&heading2, desc);
        }
      return heading2;
    case TB_LAYOUT_FONT_TABLE:
      return "Noto Serif CJK SC 10.5";
    case TB_LAYOUT_FONT_TABLE_BOLD:
      return "Noto Serif CJK SC Bold 10.5";
    case TB_LAYOUT_FONT_PAGE_NUMBER:
      return "Noto Serif CJK SC 14";
    case TB_LAYOUT_FONT_DRAFT:
      return "Noto Sans CJK SC Bold 12";
    case TB_LAYOUT_N_FONTS:
    default:
      g_assert_not_reached ();
    }
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
