/* tb-html-writer.c: the report as a web page for the government portal
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every style is one declaration list per kind of element (styles[] below), built once per
 * page from the font roles (tb-font-roles.h). The full page names them as classes in one
 * <style> block, together with the print rules (A4 with the GB/T 9704 margins, page numbers
 * "— n —" outside, rows kept whole, header rows repeated); the fragment writes the same
 * declarations into style attributes. Sizes are those of the paper (三号 16 pt body and so
 * on), so the page reads like the printed report; on a narrow screen a wide table scrolls
 * sideways inside its own box.
 *
 * Accessibility: each table has a caption (its section heading, hidden on screen since the
 * heading is printed just above), column headers are <th scope="col">, row headers
 * <th scope="row">, the 第二十条第（…）项 blocks of table 二 head a <tbody> of their own
 * (<th scope="rowgroup">), and every number lists its block, row and column headers in
 * headers="…" (the ids of those <th>), computed from the format's grid.
 */
#include "config.h"

#include <string.h>

#include "tb-font-roles.h"
#include "tb-html-writer.h"
#include "tb-publish.h"

/* Tables with more columns than this get a smaller type (as in the PDF) and a minimum
 * width, so that on a phone they scroll instead of squeezing every label to a column of
 * single characters. */
#define WIDE_COLUMNS   12
#define SCROLL_COLUMNS 6

typedef enum
{
  S_PAGE,
  S_REPORT,
  S_TITLE,
  S_HEADING,
  S_SUBHEADING,
  S_PARAGRAPH,
  S_LEAD,
  S_SIGN_OFF,
  S_DRAFT,
  S_SCROLL,
  S_TABLE,
  S_TABLE_SCROLL,
  S_TABLE_WIDE,
  S_CAPTION,
  S_HEAD,
  S_BLOCK,
  S_ROW,
  S_ROW_CENTRE,
  S_NOTE,
  S_VALUE,
  N_STYLES
} Style;

static const char *const style_names[N_STYLES] = {
  "tb-page", "tb-report", "tb-title", "tb-heading", "tb-subheading", "tb-paragraph",
  "tb-lead", "tb-sign-off", "tb-draft", "tb-scroll", "tb-table", "tb-table-scroll", "tb-table-wide",
  "tb-caption", "tb-head", "tb-block", "tb-row", "tb-row-centre", "tb-note", "tb-value",
};

typedef struct
{
  GString     *out;
  TbReport    *report;
  gboolean     inline_styles;
  gboolean     ids;            /* id/headers attributes (not in a table alone) */
  gboolean     caption;
  char        *decl[N_STYLES];
} Writer;

/* ---- Styles --------------------------------------------------------------------------- */

static char *
font_decl (TbFontRole role,
           double     size)
{
  const TbFontRoleSpec *spec = tb_font_role_get (role);
  g_autofree char *family = tb_font_role_css_family (role);
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (num, sizeof num, "%g", size > 0 ? size : spec->size);
  return g_strdup_printf ("font-family:%s;font-size:%spt;font-weight:%s;", family, num,
                          spec->fallback_bold ? "bold" : "normal");
}

static void
writer_init_styles (Writer *w)
{
  g_autofree char *title = font_decl (TB_FONT_ROLE_TITLE, 0);
  g_autofree char *heading = font_decl (TB_FONT_ROLE_HEADING1, 0);
  g_autofree char *draft = font_decl (TB_FONT_ROLE_HEADING1, 12.0);
  g_autofree char *heading2 = font_decl (TB_FONT_ROLE_HEADING2, 0);
  g_autofree char *body = font_decl (TB_FONT_ROLE_BODY, 0);
  g_autofree char *table = font_decl (TB_FONT_ROLE_TABLE, 0);
  g_autofree char *wide = font_decl (TB_FONT_ROLE_TABLE, 9.0);
  /* One body line is 1/22 of the 225 mm text block (GB/T 9704 5.2.3). */
  const char *line = "line-height:28.95pt;";
  const char *cell = "border:1px solid #000;padding:3pt;vertical-align:middle;";
  const char *table_base = "border-collapse:collapse;width:100%;margin:0;color:#000;"
                           "background:#fff;line-height:1.35;";

  w->decl[S_PAGE] = g_strdup ("margin:0;background:#fff;color:#000;");
  w->decl[S_REPORT] = g_strconcat ("max-width:156mm;margin:0 auto;padding:24px 16px;"
                                   "color:#000;background:#fff;", body, line, NULL);
  w->decl[S_TITLE] = g_strconcat (title, "line-height:36.2pt;text-align:center;"
                                  "margin:0 0 28.95pt 0;", NULL);
  w->decl[S_HEADING] = g_strconcat (heading, line, "text-indent:2em;margin:0;", NULL);
  w->decl[S_SUBHEADING] = g_strconcat (heading2, line, "text-indent:2em;margin:0;", NULL);
  w->decl[S_PARAGRAPH] = g_strconcat (body, line, "text-indent:2em;text-align:justify;"
                                      "margin:0;", NULL);
  w->decl[S_LEAD] = g_strconcat (heading2, NULL);
  /* 落款: the agency centred over the date, whose right edge stays four characters in
   * (GB/T 9704 7.3.5.1), two lines below the text. */
  w->decl[S_SIGN_OFF] = g_strconcat (body, line, "display:table;text-align:center;"
                                     "text-indent:0;margin:57.9pt 4em 0 auto;", NULL);
  w->decl[S_DRAFT] = g_strconcat (draft, "color:#c00000;text-align:center;"
                                  "margin:0 0 14.5pt 0;", NULL);
  w->decl[S_SCROLL] = g_strdup ("overflow-x:auto;max-width:100%;margin:0 0 14.5pt 0;");
  w->decl[S_TABLE] = g_strconcat (table_base, table, NULL);
  w->decl[S_TABLE_SCROLL] = g_strconcat (table_base, table, "min-width:156mm;", NULL);
  w->decl[S_TABLE_WIDE] = g_strconcat (table_base, wide, "min-width:156mm;", NULL);
  w->decl[S_CAPTION] = g_strdup ("position:absolute;width:1px;height:1px;margin:-1px;"
                                 "padding:0;border:0;overflow:hidden;clip:rect(0,0,0,0);"
                                 "white-space:nowrap;");
  w->decl[S_HEAD] = g_strconcat (cell, "font-weight:bold;text-align:center;", NULL);
  w->decl[S_BLOCK] = g_strconcat (cell, "font-weight:bold;text-align:center;", NULL);
  w->decl[S_ROW] = g_strconcat (cell, "font-weight:normal;text-align:left;", NULL);
  w->decl[S_ROW_CENTRE] = g_strconcat (cell, "font-weight:normal;text-align:center;", NULL);
  w->decl[S_NOTE] = g_strconcat (cell, "font-weight:normal;text-align:center;", NULL);
  w->decl[S_VALUE] = g_strconcat (cell, "text-align:right;white-space:nowrap;"
                                  "font-variant-numeric:tabular-nums;", NULL);
}

static void
writer_clear (Writer *w)
{
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&w->decl[i], g_free);
}

/* The declarations of @decl with a space after each semicolon, for the <style> block. */
static void
append_rule (GString    *out,
             const char *selector,
             const char *decl)
{
  g_auto(GStrv) parts = g_strsplit (decl, ";", -1);

  g_string_append_printf (out, "%s {", selector);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_string_append_printf (out, " %s;", parts[i]);
  g_string_append (out, " }\n");
}

/* @text as a CSS string (double quotes). */
static void
append_css_string (GString    *out,
                   const char *text)
{
  g_autofree char *clean = tb_publish_clean_text (text);

  g_string_append_c (out, '"');
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\' || *p == '<' || *p == '>' || *p == '&')
        g_string_append_printf (out, "\\%x ", (guchar) *p);
      else if (*p == '\n' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* @draft: the draft mark, repeated at the top of every printed page, or NULL. */
static void
append_stylesheet (Writer     *w,
                   const char *draft)
{
  GString *out = w->out;
  g_autofree char *page_number = font_decl (TB_FONT_ROLE_PAGE_NUMBER, 0);

  g_string_append (out, "<style>\n");
  for (guint i = 0; i < N_STYLES; i++)
    {
      g_autofree char *selector = g_strconcat (".", style_names[i], NULL);

      append_rule (out, selector, w->decl[i]);
    }
  g_string_append (out, "h1, h2, h3, p { overflow-wrap: break-word; }\n");
  /* Paper: A4, GB/T 9704 margins (top 37 mm, left 28 mm, text block 156 × 225 mm); the
   * page number "— n —" 7 mm below the text block, one character in from the outer edge. */
  g_string_append (out,
                   "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }\n"
                   "@page :right { @bottom-right { content: \"\\2014  \" counter(page) "
                   "\" \\2014\"; vertical-align: top; padding: 7mm 14pt 0 0; ");
  g_string_append (out, page_number);
  g_string_append (out, " } }\n"
                   "@page :left { @bottom-left { content: \"\\2014  \" counter(page) "
                   "\" \\2014\"; vertical-align: top; padding: 7mm 0 0 14pt; ");
  g_string_append (out, page_number);
  g_string_append (out, " } }\n");
  if (draft != NULL)
    {
      /* The draft mark 16 mm from the top of every page, as in the PDF. */
      g_autofree char *font = font_decl (TB_FONT_ROLE_HEADING1, 12);

      g_string_append (out, "@page { @top-center { content: ");
      append_css_string (out, draft);
      g_string_append_printf (out, "; vertical-align: top; padding-top: 16mm; color: #c00000; "
                              "%s } }\n", font);
    }
  g_string_append (out, "@media print {\n"
                   "  .tb-draft { display: none; }\n"
                   "  .tb-report { max-width: none; padding: 0; margin: 0; }\n"
                   "  .tb-scroll { overflow: visible; }\n"
                   "  .tb-table-scroll, .tb-table-wide { min-width: 0; }\n"
                   "  tr { break-inside: avoid; }\n"
                   "  tr.tb-span { break-inside: auto; }\n"
                   "  tr.tb-keep { break-before: avoid; }\n"
                   "  thead { display: table-header-group; }\n"
                   "  h1, h2, h3 { break-after: avoid; }\n"
                   "  p { orphans: 2; widows: 2; }\n"
                   "}\n"
                   "</style>\n");
}

/* Opens <@tag with the class or the inline style of @style (if not N_STYLES); the caller
 * adds attributes and the closing '>'. */
static void
open_tag (Writer     *w,
          const char *tag,
          Style       style)
{
  g_string_append_printf (w->out, "<%s", tag);
  if (style == N_STYLES)
    return;
  if (w->inline_styles)
    g_string_append_printf (w->out, " style=\"%s\"", w->decl[style]);
  else
    g_string_append_printf (w->out, " class=\"%s\"", style_names[style]);
}

static void
element (Writer     *w,
         const char *tag,
         Style       style,
         const char *text)
{
  open_tag (w, tag, style);
  g_string_append_c (w->out, '>');
  tb_publish_append_escaped (w->out, text);
  g_string_append_printf (w->out, "</%s>\n", tag);
}

/* ---- Tables --------------------------------------------------------------------------- */

static gboolean
covers_row (const TbGridItem *it,
            guint             row)
{
  return it->row <= row && row < it->row + it->rowspan;
}

static gboolean
covers_col (const TbGridItem *it,
            guint             col)
{
  return it->col <= col && col < it->col + it->colspan;
}

static gboolean
has_role (const TbGridItem *it,
          const char       *role)
{
  return it->kind == TB_GRID_LABEL && g_strcmp0 (it->role, role) == 0;
}

/* The header items of the value item @v, outer first: the nearest block above, the row
 * labels to its left, then the column headers in the band of header rows just above it
 * (the thead, or in table 二 the 信息内容 row of its block). Indices into t->items. */
static GArray *
value_headers (const TbTableSpec *t,
               const TbGridItem  *v)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint));
  int block = -1;
  int bottom = -1;

  for (guint i = 0; i < t->n_items; i++)
    {
      const TbGridItem *it = &t->items[i];

      if (has_role (it, "block") && it->row + it->rowspan <= v->row && covers_col (it, v->col))
        block = i;
      if (has_role (it, "head") && it->row + it->rowspan <= v->row && covers_col (it, v->col))
        bottom = MAX (bottom, (int) (it->row + it->rowspan - 1));
    }
  if (block >= 0)
    g_array_append_val (out, block);

  for (guint i = 0; i < t->n_items; i++)
    {
      const TbGridItem *it = &t->items[i];

      if (has_role (it, "row") && covers_row (it, v->row) && it->col + it->colspan <= v->col)
        g_array_append_val (out, i);
    }

  /* Walk up the header band: each row of it has one header over the column. */
  while (bottom >= 0)
    {
      int found = -1;

      for (guint i = 0; i < t->n_items && found < 0; i++)
        if (has_role (&t->items[i], "head") && covers_row (&t->items[i], bottom) &&
            covers_col (&t->items[i], v->col))
          found = i;
      if (found < 0)
        break;
      g_array_prepend_val (cols, found);
      bottom = (int) t->items[found].row - 1;
    }
  g_array_append_vals (out, cols->data, cols->len);
  return out;
}

static void
append_spans (Writer           *w,
              const TbGridItem *it)
{
  if (it->colspan > 1)
    g_string_append_printf (w->out, " colspan=\"%u\"", it->colspan);
  if (it->rowspan > 1)
    g_string_append_printf (w->out, " rowspan=\"%u\"", it->rowspan);
}

static void
append_cell (Writer            *w,
             const TbTableSpec *t,
             guint              index)
{
  const TbGridItem *it = &t->items[index];

  if (it->kind == TB_GRID_VALUE)
    {
      g_autofree char *text = tb_publish_cell_text (w->report, it->cell);

      open_tag (w, "td", S_VALUE);
      append_spans (w, it);
      if (w->ids)
        {
          g_autoptr(GArray) headers = value_headers (t, it);

          if (headers->len > 0)
            {
              g_string_append (w->out, " headers=\"");
              for (guint i = 0; i < headers->len; i++)
                g_string_append_printf (w->out, "%stb-%s-%u", i > 0 ? " " : "", t->id,
                                        g_array_index (headers, guint, i));
              g_string_append_c (w->out, '"');
            }
        }
      g_string_append_c (w->out, '>');
      if (text != NULL)
        tb_publish_append_escaped (w->out, text);
      g_string_append (w->out, "</td>");
      return;
    }

  if (has_role (it, "note"))
    {
      /* The 勾稽 note of table 三 explains the columns; it heads no number. */
      open_tag (w, "td", S_NOTE);
      append_spans (w, it);
      g_string_append_c (w->out, '>');
      tb_publish_append_escaped (w->out, it->text);
      g_string_append (w->out, "</td>");
      return;
    }

  if (has_role (it, "block"))
    {
      open_tag (w, "th", S_BLOCK);
      g_string_append (w->out, " scope=\"rowgroup\"");
    }
  else if (has_role (it, "head"))
    {
      open_tag (w, "th", S_HEAD);
      g_string_append (w->out, " scope=\"col\"");
    }
  else
    {
      open_tag (w, "th", it->rowspan > 1 ? S_ROW_CENTRE : S_ROW);
      g_string_append (w->out, " scope=\"row\"");
    }
  append_spans (w, it);
  if (w->ids)
    g_string_append_printf (w->out, " id=\"tb-%s-%u\"", t->id, index);
  g_string_append_c (w->out, '>');
  tb_publish_append_escaped (w->out, it->text);
  g_string_append (w->out, "</th>");
}

/* Whether row @r holds only column headers or blocks (no number, no row label): the PDF
 * never breaks a page right after such a row, and neither does the print style. */
static gboolean
row_is_heading (const TbTableSpec *t,
                guint              r)
{
  for (guint i = 0; i < t->n_items; i++)
    if (t->items[i].row == r &&
        (t->items[i].kind == TB_GRID_VALUE || has_role (&t->items[i], "row")))
      return FALSE;
  return TRUE;
}

/* Opens row @r (whose first item is @item). For print, in the page's style sheet: a row
 * that follows a heading row, or is the first of the table, stays with what is above it
 * (tb-keep); a row where a cell spanning several rows starts may break inside that cell
 * (tb-span), or the whole span would move to the next page and leave a gap. */
static void
open_row (Writer            *w,
          const TbTableSpec *t,
          guint              r,
          guint              item)
{
  gboolean keep = r == 0 || (r > t->n_header_rows && row_is_heading (t, r - 1)) ||
                  (r == t->n_header_rows && t->n_header_rows > 0);
  gboolean span = FALSE;

  for (guint i = item; i < t->n_items && t->items[i].row == r; i++)
    span |= r >= t->n_header_rows && t->items[i].rowspan > 1;

  if (w->inline_styles || (!keep && !span))
    {
      g_string_append (w->out, "<tr>");
      return;
    }
  g_string_append_printf (w->out, "<tr class=\"%s%s%s\">", keep ? "tb-keep" : "",
                          keep && span ? " " : "", span ? "tb-span" : "");
}

static void
append_table (Writer            *w,
              const TbTableSpec *t,
              const char        *caption)
{
  GString *out = w->out;
  Style style = t->n_columns > WIDE_COLUMNS ? S_TABLE_WIDE
                : t->n_columns > SCROLL_COLUMNS ? S_TABLE_SCROLL : S_TABLE;
  guint item = 0;
  gboolean in_body = FALSE;

  open_tag (w, "table", style);
  g_string_append (out, ">\n");
  if (caption != NULL)
    element (w, "caption", S_CAPTION, caption);

  g_string_append (out, "<colgroup>");
  for (guint c = 0; c < t->n_columns; c++)
    {
      char num[G_ASCII_DTOSTR_BUF_SIZE];
      double width = t->widths != NULL ? t->widths[c] : 1.0 / t->n_columns;

      g_ascii_formatd (num, sizeof num, "%.2f", width * 100.0);
      g_string_append_printf (out, "<col style=\"width:%s%%\">", num);
    }
  g_string_append (out, "</colgroup>\n");

  if (t->n_header_rows > 0)
    g_string_append (out, "<thead>\n");
  for (guint r = 0; r < t->n_rows; r++)
    {
      if (r == t->n_header_rows && t->n_header_rows > 0)
        g_string_append (out, "</thead>\n");
      /* A new <tbody> for the body, and for each block of table 二 (第二十条第（…）项). */
      if (r >= t->n_header_rows &&
          (!in_body || (item < t->n_items && t->items[item].row == r &&
                        has_role (&t->items[item], "block"))))
        {
          if (in_body)
            g_string_append (out, "</tbody>\n");
          g_string_append (out, "<tbody>\n");
          in_body = TRUE;
        }
      open_row (w, t, r, item);
      for (; item < t->n_items && t->items[item].row == r; item++)
        append_cell (w, t, item);
      g_string_append (out, "</tr>\n");
    }
  if (in_body)
    g_string_append (out, "</tbody>\n");
  else if (t->n_header_rows > 0)
    g_string_append (out, "</thead>\n");
  g_string_append (out, "</table>\n");
}

/* ---- Blocks --------------------------------------------------------------------------- */

static void
append_block (Writer               *w,
              const TbPublishBlock *b)
{
  GString *out = w->out;

  switch (b->kind)
    {
    case TB_BLOCK_DRAFT_MARK:
      open_tag (w, "p", S_DRAFT);
      g_string_append (out, " role=\"note\">");
      tb_publish_append_escaped (out, b->text);
      g_string_append (out, "</p>\n");
      break;

    case TB_BLOCK_TITLE:
      open_tag (w, "h1", S_TITLE);
      g_string_append_c (out, '>');
      if (b->lead != NULL)
        {
          /* A title too long for one line breaks after the agency, as in the PDF. */
          tb_publish_append_escaped (out, b->lead);
          g_string_append (out, "<br>");
          tb_publish_append_escaped (out, b->text + strlen (b->lead));
        }
      else
        tb_publish_append_escaped (out, b->text);
      g_string_append (out, "</h1>\n");
      break;

    case TB_BLOCK_PREFACE:
      element (w, "p", S_PARAGRAPH, b->text);
      break;

    case TB_BLOCK_HEADING:
      open_tag (w, "h2", S_HEADING);
      if (w->ids)
        g_string_append_printf (out, " id=\"tb-%s\"", b->section->id);
      g_string_append_c (out, '>');
      tb_publish_append_escaped (out, b->text);
      g_string_append (out, "</h2>\n");
      break;

    case TB_BLOCK_SUBHEADING:
      element (w, "h3", S_SUBHEADING, b->text);
      break;

    case TB_BLOCK_PARAGRAPH:
      open_tag (w, "p", S_PARAGRAPH);
      g_string_append_c (out, '>');
      if (b->lead != NULL)
        {
          open_tag (w, "span", S_LEAD);
          g_string_append_c (out, '>');
          tb_publish_append_escaped (out, b->lead);
          g_string_append (out, "</span>");
        }
      tb_publish_append_escaped (out, b->text);
      g_string_append (out, "</p>\n");
      break;

    case TB_BLOCK_TABLE:
      /* The box scrolls sideways on a narrow screen; it can take the keyboard focus so
       * that it can be scrolled without a mouse, and it is named by the heading. */
      open_tag (w, "div", S_SCROLL);
      g_string_append_printf (out, " role=\"region\" aria-labelledby=\"tb-%s\" tabindex=\"0\">\n",
                              b->section->id);
      append_table (w, b->table, b->section->heading);
      g_string_append (out, "</div>\n");
      break;

    case TB_BLOCK_SIGN_OFF:
      open_tag (w, "p", S_SIGN_OFF);
      g_string_append_c (out, '>');
      if (*b->text != '\0')
        {
          tb_publish_append_escaped (out, b->text);
          g_string_append (out, "<br>");
        }
      tb_publish_append_escaped (out, b->lead);
      g_string_append (out, "</p>\n");
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- Public --------------------------------------------------------------------------- */

GBytes *
tb_html_write (TbReport    *report,
               TbHtmlFlags  flags)
{
  Writer w = { 0, };
  g_autoptr(GPtrArray) blocks = NULL;
  gboolean fragment = (flags & TB_HTML_FRAGMENT) != 0;
  gsize len;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  blocks = tb_publish_blocks (report,
                              ((flags & TB_HTML_SIGN_OFF) ? TB_PUBLISH_SIGN_OFF : 0) |
                              ((flags & TB_HTML_DRAFT) ? TB_PUBLISH_DRAFT : 0));
  w.out = g_string_sized_new (64 * 1024);
  w.report = report;
  w.inline_styles = fragment;
  w.ids = TRUE;
  writer_init_styles (&w);

  if (!fragment)
    {
      const TbPublishBlock *first = g_ptr_array_index (blocks, 0);
      const TbPublishBlock *title = first->kind == TB_BLOCK_TITLE
                                    ? first : g_ptr_array_index (blocks, 1);

      g_string_append (w.out, "<!DOCTYPE html>\n"
                              "<html lang=\"zh-CN\">\n"
                              "<head>\n"
                              "<meta charset=\"utf-8\">\n"
                              "<meta name=\"viewport\" content=\"width=device-width, "
                              "initial-scale=1\">\n");
      element (&w, "title", N_STYLES, title->text);
      append_stylesheet (&w, first->kind == TB_BLOCK_DRAFT_MARK ? first->text : NULL);
      g_string_append (w.out, "</head>\n");
      open_tag (&w, "body", S_PAGE);
      g_string_append (w.out, ">\n");
      open_tag (&w, "main", S_REPORT);
      g_string_append (w.out, ">\n");
    }
  else
    {
      open_tag (&w, "div", S_REPORT);
      g_string_append (w.out, " lang=\"zh-CN\">\n");
    }

  for (guint i = 0; i < blocks->len; i++)
    append_block (&w, g_ptr_array_index (blocks, i));

  if (!fragment)
    g_string_append (w.out, "</main>\n</body>\n</html>\n");
  else
    g_string_append (w.out, "</div>\n");

  writer_clear (&w);
  len = w.out->len;
  return g_bytes_new_take (g_string_free (w.out, FALSE), len);
}

char *
tb_html_write_table (TbReport          *report,
                     const TbTableSpec *table)
{
  Writer w = { 0, };

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  w.out = g_string_new (NULL);
  w.report = report;
  w.inline_styles = TRUE;
  /* Pasted twice, a table would repeat its ids: the scope attributes name the headers. */
  w.ids = FALSE;
  writer_init_styles (&w);
  append_table (&w, table, NULL);
  writer_clear (&w);
  return g_string_free (w.out, FALSE);
}
