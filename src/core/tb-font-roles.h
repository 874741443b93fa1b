/* tb-font-roles.h: the fonts of the official report by role (GB/T 9704), and the clerk's choice
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GB/T 9704-2012 sets the type of an official document by role: the title in 小标宋, body
 * text in 仿宋, level-1 headings (一、) in 黑体, level-2 headings (（一）) in 楷体. Government
 * PCs have those fonts; other machines do not, so each role also names free fonts to fall
 * back to, in order. This table is the one place where the PDF, print, HTML and Word
 * writers read them.
 *
 * The clerk may choose the family of the four roles of GB/T 9704 (title, body, heading1,
 * heading2: Preferences, or `--font ROLE=FAMILY` of the CLI). The choice is process-wide
 * and comes first in the role's list; table cells follow the body. Which of the families
 * is installed is decided by render (tb_fonts_resolve_role()), not here: core knows names
 * only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TB_FONT_ROLE_TITLE,        /* the report title */
  TB_FONT_ROLE_HEADING1,     /* 一、总体情况 */
  TB_FONT_ROLE_HEADING2,     /* （一）主动公开 */
  TB_FONT_ROLE_BODY,         /* paragraphs, the preface, the sign-off */
  TB_FONT_ROLE_TABLE,        /* table cells */
  TB_FONT_ROLE_PAGE_NUMBER,  /* — 1 — */
  TB_N_FONT_ROLES
} TbFontRole;

typedef struct
{
  const char        *id;           /* "title", also a CSS class and a Word style suffix */
  /* Font families, best first: the official font (as Windows names it in Chinese), other
   * names of it, then free fonts (Debian, Flatpak), then common system fonts. */
  const char *const *families;
  const char        *generic;      /* CSS generic family: "serif" or "sans-serif" */
  double             size;         /* points (二号 22, 三号 16, 四号 14, 五号 10.5) */
  /* The official faces are heavy enough as they are (小标宋, 黑体); the free fonts that
   * stand in for them need their bold face to look alike. Word documents go to desks
   * that have the official fonts: they use @bold. Web pages are read anywhere: they use
   * @fallback_bold. */
  gboolean           bold;
  gboolean           fallback_bold;
} TbFontRoleSpec;

const TbFontRoleSpec *tb_font_role_get           (TbFontRole  role);

/* The first family of the role: the clerk's choice, else the official font. */
const char           *tb_font_role_get_official  (TbFontRole  role);
/* The first free font the role falls back to (Noto Serif CJK SC …). */
const char           *tb_font_role_get_fallback  (TbFontRole  role);

/* The roles the clerk can choose a family for: title, body, heading1, heading2. */
#define TB_FONT_ROLE_N_CHOOSABLE 4
TbFontRole            tb_font_role_get_choosable (guint       i);

/* The role named @id ("title", "body", "heading1", "heading2", "table", "page-number"), or
 * TB_N_FONT_ROLES when there is none. */
TbFontRole            tb_font_role_from_id       (const char *id);

/* The clerk's family for @role (a choosable role; the table follows the body), or NULL or
 * "" for the role's own list. Process-wide; the strings are interned, so what
 * tb_font_role_get_chosen() returned stays valid. */
void                  tb_font_role_set_chosen    (TbFontRole  role,
                                                  const char *family);
/* The clerk's family for @role, or NULL. (transfer none) */
const char           *tb_font_role_get_chosen    (TbFontRole  role);
/* Forgets every choice. */
void                  tb_font_role_reset_chosen  (void);

/* Sets a choice written "ROLE=FAMILY" (the CLI's --font). FALSE with a message naming the
 * roles when ROLE is not one of the four or FAMILY is empty. */
gboolean              tb_font_role_parse_choice  (const char *choice,
                                                  GError    **error);

/* The families of @role, best first: the clerk's choice, then the role's list.
 * (transfer full) */
GStrv                 tb_font_role_dup_families  (TbFontRole  role);

/* TRUE when @family set in @role is what GB/T 9704 asks for: the clerk's choice or one of
 * the role's official names, not a free stand-in (which may need the bold face). */
gboolean              tb_font_role_is_official   (TbFontRole  role,
                                                  const char *family);

/* A CSS font-family value: every family quoted, then the generic family. The quotes are
 * single (') so that the value fits in a double-quoted style attribute. (transfer full) */
char                 *tb_font_role_css_family    (TbFontRole  role);

G_END_DECLS
