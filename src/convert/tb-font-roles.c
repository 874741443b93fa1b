/* tb-font-roles.c: the fonts of the official report by role (GB/T 9704), for the writers
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tb-font-roles.h"

/* Official font names first (Chinese, then the English name Windows also answers to),
 * then free fonts, then fonts that come with Windows and macOS. FIRST_FREE is the index of
 * the first free font in each list. */
static const char *const title_families[] = {
  "方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK",
  "Noto Serif CJK SC", "Source Han Serif SC",
  "宋体", "SimSun", "Songti SC", NULL
};
static const char *const heading1_families[] = {
  "黑体", "SimHei",
  "Noto Sans CJK SC", "Source Han Sans SC",
  "Microsoft YaHei", "PingFang SC", NULL
};
static const char *const heading2_families[] = {
  "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi",
  "LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC",
  "STKaiti", "Kaiti SC", NULL
};
static const char *const body_families[] = {
  "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong",
  "Noto Serif CJK SC", "Source Han Serif SC",
  "STFangsong", "宋体", "SimSun", NULL
};
static const char *const page_number_families[] = {
  "宋体", "SimSun",
  "Noto Serif CJK SC", "Source Han Serif SC", NULL
};

typedef struct
{
  TbFontRoleSpec spec;
  guint          first_free;
} Role;

static const Role roles[TB_N_FONT_ROLES] = {
  [TB_FONT_ROLE_TITLE] = { { "title", title_families, "serif", 22.0, FALSE, TRUE }, 3 },
  [TB_FONT_ROLE_HEADING1] = { { "heading1", heading1_families, "sans-serif", 16.0, FALSE,
                                TRUE }, 2 },
  [TB_FONT_ROLE_HEADING2] = { { "heading2", heading2_families, "serif", 16.0, FALSE, FALSE },
                              4 },
  [TB_FONT_ROLE_BODY] = { { "body", body_families, "serif", 16.0, FALSE, FALSE }, 4 },
  [TB_FONT_ROLE_TABLE] = { { "table", body_families, "serif", 10.5, FALSE, FALSE }, 4 },
  [TB_FONT_ROLE_PAGE_NUMBER] = { { "page-number", page_number_families, "serif", 14.0, FALSE,
                                   FALSE }, 2 },
};

const TbFontRoleSpec *
tb_font_role_get (TbFontRole role)
{
  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);
  return &roles[role].spec;
}

const char *
tb_font_role_get_official (TbFontRole role)
{
  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);
  return roles[role].spec.families[0];
}

const char *
tb_font_role_get_fallback (TbFontRole role)
{
  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);
  return roles[role].spec.families[roles[role].first_free];
}

char *
tb_font_role_css_family (TbFontRole role)
{
  const TbFontRoleSpec *spec;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);

  spec = &roles[role].spec;
  for (guint i = 0; spec->families[i] != NULL; i++)
    g_string_append_printf (s, "'%s', ", spec->families[i]);
  g_string_append (s, spec->generic);
  return g_string_free (s, FALSE);
}
