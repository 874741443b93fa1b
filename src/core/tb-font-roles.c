/* tb-font-roles.c: the fonts of the official report by role (GB/T 9704), and the clerk's choice
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

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

static const TbFontRole choosable[TB_FONT_ROLE_N_CHOOSABLE] = {
  TB_FONT_ROLE_TITLE, TB_FONT_ROLE_BODY, TB_FONT_ROLE_HEADING1, TB_FONT_ROLE_HEADING2,
};

/* Interned family names (never freed), or NULL. */
static const char *chosen[TB_N_FONT_ROLES];
G_LOCK_DEFINE_STATIC (chosen);

/* The role whose choice @role follows. */
static TbFontRole
choice_role (TbFontRole role)
{
  return role == TB_FONT_ROLE_TABLE ? TB_FONT_ROLE_BODY : role;
}

TbFontRole
tb_font_role_get_choosable (guint i)
{
  g_return_val_if_fail (i < TB_FONT_ROLE_N_CHOOSABLE, TB_FONT_ROLE_BODY);
  return choosable[i];
}

TbFontRole
tb_font_role_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < TB_N_FONT_ROLES; i++)
    if (g_str_equal (roles[i].spec.id, id))
      return i;
  return TB_N_FONT_ROLES;
}

void
tb_font_role_set_chosen (TbFontRole  role,
                         const char *family)
{
  g_autofree char *stripped = g_strstrip (g_strdup (family ? family : ""));

  g_return_if_fail (role < TB_N_FONT_ROLES);

  G_LOCK (chosen);
  chosen[role] = *stripped ? g_intern_string (stripped) : NULL;
  G_UNLOCK (chosen);
}

const char *
tb_font_role_get_chosen (TbFontRole role)
{
  const char *family;

  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);

  G_LOCK (chosen);
  family = chosen[choice_role (role)];
  G_UNLOCK (chosen);
  return family;
}

void
tb_font_role_reset_chosen (void)
{
  G_LOCK (chosen);
  for (guint i = 0; i < TB_N_FONT_ROLES; i++)
    chosen[i] = NULL;
  G_UNLOCK (chosen);
}

gboolean
tb_font_role_parse_choice (const char  *choice,
                           GError     **error)
{
  const char *eq;
  g_autofree char *id = NULL;
  g_autofree char *family = NULL;
  TbFontRole role;

  g_return_val_if_fail (choice != NULL, FALSE);

  eq = strchr (choice, '=');
  if (eq != NULL)
    {
      id = g_strstrip (g_strndup (choice, eq - choice));
      family = g_strstrip (g_strdup (eq + 1));
    }
  role = tb_font_role_from_id (id);
  for (guint i = 0; i < TB_FONT_ROLE_N_CHOOSABLE && role != TB_N_FONT_ROLES; i++)
    if (choosable[i] == role)
      break;
    else if (i + 1 == TB_FONT_ROLE_N_CHOOSABLE)
      role = TB_N_FONT_ROLES;
  if (role == TB_N_FONT_ROLES || family == NULL || *family == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* TRANSLATORS: keep ROLE=FAMILY and the role names as they are */
                   _("“%s” is not ROLE=FAMILY with ROLE one of title, body, heading1, "
                     "heading2 (e.g. body=仿宋_GB2312)"), choice);
      return FALSE;
    }
  tb_font_role_set_chosen (role, family);
  return TRUE;
}

GStrv
tb_font_role_dup_families (TbFontRole role)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *mine;

  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);

  mine = tb_font_role_get_chosen (role);
  if (mine != NULL)
    g_strv_builder_add (builder, mine);
  for (const char *const *f = roles[role].spec.families; *f != NULL; f++)
    if (g_strcmp0 (*f, mine) != 0)
      g_strv_builder_add (builder, *f);
  return g_strv_builder_end (builder);
}

gboolean
tb_font_role_is_official (TbFontRole  role,
                          const char *family)
{
  const char *mine;

  g_return_val_if_fail (role < TB_N_FONT_ROLES, FALSE);
  g_return_val_if_fail (family != NULL, FALSE);

  mine = tb_font_role_get_chosen (role);
  /* A free font chosen by the clerk is still a stand-in. */
  for (guint i = roles[role].first_free; roles[role].spec.families[i] != NULL; i++)
    if (g_ascii_strcasecmp (roles[role].spec.families[i], family) == 0)
      return FALSE;
  if (mine != NULL && g_strcmp0 (mine, family) == 0)
    return TRUE;
  for (guint i = 0; i < roles[role].first_free; i++)
    if (g_strcmp0 (roles[role].spec.families[i], family) == 0)
      return TRUE;
  return FALSE;
}

const TbFontRoleSpec *
tb_font_role_get (TbFontRole role)
{
  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);
  return &roles[role].spec;
}

const char *
tb_font_role_get_official (TbFontRole role)
{
  const char *mine;

  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);
  mine = tb_font_role_get_chosen (role);
  return mine != NULL ? mine : roles[role].spec.families[0];
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
  g_auto(GStrv) families = NULL;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (role < TB_N_FONT_ROLES, NULL);

  families = tb_font_role_dup_families (role);
  for (guint i = 0; families[i] != NULL; i++)
    g_string_append_printf (s, "'%s', ", families[i]);
  g_string_append (s, roles[role].spec.generic);
  return g_string_free (s, FALSE);
}
