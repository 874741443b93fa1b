/* tb-import-text.c: headings, section texts, title, agency, year and the fee fields of 六
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-charset.h"
#include "tb-field.h"
#include "tb-import-private.h"
#include "tb-value.h"

/* A paragraph this short that starts with a numbering is a sub-heading, never joined. */
#define SUBHEADING_CHARS 30
/* A paragraph shorter than this is not taken for one a page break cut. */
#define JOIN_MIN_CHARS   15

static const TbSourceBlock *
block_at (const TbSource *source,
          guint           i)
{
  return g_ptr_array_index (source->blocks, i);
}

char *
tb_import_put_number (TbImportContext *ctx,
                      guint            cell,
                      const char      *text,
                      gint64           value)
{
  g_autofree char *formatted = NULL;

  if (tb_report_set_cell_text (ctx->report, cell, text, NULL))
    return g_strdup (text);
  formatted = tb_value_format (tb_format_get_cell (tb_report_get_format (ctx->report),
                                                   cell)->kind, value);
  tb_report_set_cell_text (ctx->report, cell, formatted, NULL);
  return g_steal_pointer (&formatted);
}

/* ------------------------------------------------------------------ sections */

guint
tb_import_find_sections (TbImportContext *ctx)
{
  const TbSource *source = ctx->source;
  const TbFormat *format = tb_vocab_get_format (ctx->vocab);
  guint n = tb_format_get_n_sections (format);
  g_autofree guint *paragraphs = g_new0 (guint, n);  /* per section, paragraphs seen */
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  int current = -1;
  guint found = 0;

  for (guint i = 0; i < source->blocks->len; i++)
    {
      const TbSourceBlock *block = block_at (source, i);
      int s = -1;

      if (block->kind == TB_BLOCK_PARAGRAPH)
        s = tb_vocab_match_heading (ctx->vocab, block->text);
      if (s >= 0)
        {
          /* A list of the six parts in the preface comes before the report itself: when a
           * heading comes again and nothing was written under the earlier ones, start
           * over. */
          if (s <= current)
            {
              gboolean empty = TRUE;

              for (int k = 0; k <= current; k++)
                if (paragraphs[k] > 0)
                  empty = FALSE;
              if (!empty)
                {
                  g_autofree char *where = tb_import_format_pos (&block->pos);

                  tb_import_log_add_note (ctx->log, _("The heading “%s” comes a second time "
                                                      "(%s); the text under it is read as "
                                                      "part of the section before"),
                                          block->text, where);
                  ctx->block_section[i] = current;
                  paragraphs[current]++;
                  continue;
                }
              for (guint k = 0; k < i; k++)
                ctx->block_section[k] = -1;
              memset (seen, 0, n * sizeof (gboolean));
            }
          current = s;
          seen[s] = TRUE;
          ctx->block_section[i] = -2;  /* the heading itself */
          continue;
        }
      ctx->block_section[i] = current;
      if (current >= 0)
        paragraphs[current]++;
    }
  for (guint s = 0; s < n; s++)
    if (seen[s])
      found++;
  return found;
}

/* ------------------------------------------------------------------ title */

static gboolean
parse_title (const char  *text,
             char       **agency,
             int         *year)
{
  static GRegex *after, *before;
  g_autofree char *nfkc = g_utf8_validate (text, -1, NULL) ? tb_charset_fold_width (text) : NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GString *compact;
  gboolean found = FALSE;

  if (g_once_init_enter (&after))
    {
      /* {机关}{YYYY}年(度)…政府信息公开…报告 and {YYYY}年(度){机关}…政府信息公开…报告 */
      before = g_regex_new ("^(\\d{4})年度?(.*?)(?:关于)?(?:政府信息公开|政务公开|信息公开)"
                            ".*报告", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&after, g_regex_new ("^(.*?)(?:关于)?(\\d{4})年度?"
                                              "(?:政府信息公开|政务公开|信息公开).*报告",
                                              G_REGEX_OPTIMIZE, 0, NULL));
    }
  if (nfkc == NULL || g_utf8_strlen (nfkc, -1) > 100)
    return FALSE;
  compact = g_string_new (NULL);
  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (compact, g_utf8_get_char (p));

  if (g_regex_match (after, compact->str, 0, &match))
    {
      g_autofree char *a = g_match_info_fetch (match, 1);
      g_autofree char *y = g_match_info_fetch (match, 2);

      *year = atoi (y);
      *agency = *a != '\0' ? g_steal_pointer (&a) : NULL;
      found = TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);
  if (!found && g_regex_match (before, compact->str, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *a = g_match_info_fetch (match, 2);

      *year = atoi (y);
      *agency = *a != '\0' ? g_steal_pointer (&a) : NULL;
      found = TRUE;
    }
  g_string_free (compact, TRUE);
  if (found && (*year < 2008 || *year > 2100))
    {
      g_clear_pointer (agency, g_free);
      *year = 0;
      found = FALSE;
    }
  return found;
}

/* An organ's name on a line of its own above a two-line title. */
static gboolean
looks_like_agency (const char *text)
{
  if (g_utf8_strlen (text, -1) > 30 || tb_import_ends_sentence (text))
    return FALSE;
  /* Character by character: strpbrk() would compare the bytes of “、” (E3 80 81) with those
   * of 局 (E5 B1 80) and refuse 盐池县审计局. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_strchr ("0123456789，,、：:", -1, g_utf8_get_char (p)) != NULL)
      return FALSE;
  return TRUE;
}

void
tb_import_read_title (TbImportContext       *ctx,
                      const TbImportOptions *options)
{
  const TbSource *source = ctx->source;
  g_autofree char *agency = NULL;
  int year = 0;
  const char *from = NULL;

  /* The title is before the first heading: in the document, or the page's own title. */
  for (guint i = 0; i < source->blocks->len && from == NULL; i++)
    {
      const TbSourceBlock *block = block_at (source, i);

      if (ctx->block_section[i] != -1)
        break;
      if (block->kind != TB_BLOCK_PARAGRAPH || !parse_title (block->text, &agency, &year))
        continue;
      from = block->text;
      if (agency == NULL && i > 0 && block_at (source, i - 1)->kind == TB_BLOCK_PARAGRAPH &&
          looks_like_agency (block_at (source, i - 1)->text))
        agency = g_strdup (block_at (source, i - 1)->text);
    }
  if (from == NULL && source->title != NULL)
    {
      g_auto(GStrv) parts = g_regex_split_simple ("[_|｜—]+| - ", source->title, 0, 0);

      for (guint i = 0; parts[i] != NULL && from == NULL; i++)
        if (parse_title (parts[i], &agency, &year))
          from = source->title;
    }
  if (from != NULL)
    ctx->log->title = tb_source_normalize_text (from, FALSE);

  /* The year also stands in the preface: 统计期限为2020年1月1日至12月31日. */
  if (year == 0)
    for (guint i = 0; i < source->blocks->len && year == 0; i++)
      {
        const TbSourceBlock *block = block_at (source, i);
        g_autoptr(GMatchInfo) match = NULL;
        static GRegex *period;

        if (g_once_init_enter (&period))
          g_once_init_leave (&period, g_regex_new ("(\\d{4})\\s*年\\s*1\\s*月\\s*1\\s*日\\s*"
                                                   "(?:至|到|-|—)", 0, 0, NULL));
        if (block->kind == TB_BLOCK_PARAGRAPH && ctx->block_section[i] <= 0 &&
            g_regex_match (period, block->text, 0, &match))
          {
            g_autofree char *y = g_match_info_fetch (match, 1);
            g_autofree char *where = tb_import_format_pos (&block->pos);

            year = atoi (y);
            tb_import_log_add_note (ctx->log, _("The year %d was taken from the reporting "
                                                "period (%s)"), year, where);
          }
      }

  if (options != NULL && options->year > 0)
    year = options->year;
  if (options != NULL && options->agency != NULL && *options->agency != '\0')
    {
      g_free (agency);
      agency = g_strdup (options->agency);
    }
  ctx->log->year = year;
  ctx->log->agency = g_strdup (agency);
  if (year > 0)
    tb_report_set_year (ctx->report, year);
  if (agency != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* A name that no draft may hold (too long for an agency: a title read wrongly) is
       * named in the log and left for the clerk, never stored so that the draft fails. */
      if (tb_field_check (TB_FIELD_AGENCY, agency, -1, &error))
        tb_report_set_agency (ctx->report, agency);
      else
        tb_import_log_add_note (ctx->log, _("The agency was not taken: %s"), error->message);
    }
  if (from == NULL && (options == NULL || options->year <= 0 || options->agency == NULL))
    tb_import_log_add_note (ctx->log, _("No title of the form “…2020年政府信息公开工作年度报告” "
                                        "was found"));
}

/* ------------------------------------------------------------------ texts */

static gboolean
is_latin (gunichar c)
{
  return c < 0x2E80 && g_unichar_isalnum (c);
}

/* Whether @next continues the paragraph @prev that a page break (or a PDF viewer's
 * wrapping) cut. */
static gboolean
continues (const TbSourceBlock *prev,
           const TbSourceBlock *next)
{
  glong len;

  if (prev->continues)
    return TRUE;
  len = g_utf8_strlen (prev->text, -1);
  if (tb_import_ends_sentence (prev->text) || len < JOIN_MIN_CHARS)
    return FALSE;
  /* “（一）主动公开”: a sub-heading, not a sentence cut short. */
  if (tb_import_starts_numbered (prev->text) && len <= SUBHEADING_CHARS &&
      strstr (prev->text, "。") == NULL && strstr (prev->text, "；") == NULL)
    return FALSE;
  return !tb_import_starts_numbered (next->text);
}

static gboolean
is_wide_punct (gunichar c)
{
  return c >= 0x3000 && g_unichar_ispunct (c);
}

/* A paragraph's text without the spaces next to full-width punctuation (an editor's &nbsp;
 * after “，”): they have no meaning in Chinese text. Other spaces (“2020 年”) stay. */
static char *
clean_prose (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gunichar before = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        {
          const char *q = p;

          while (*q == ' ')
            q++;
          if (is_wide_punct (before) || is_wide_punct (g_utf8_get_char (q)))
            {
              p = q - 1;
              continue;
            }
        }
      g_string_append_unichar (out, c);
      before = c;
    }
  return g_string_free (out, FALSE);
}

/* A date line or the agency's name at the end: the sign-off, not part of the text. */
static gboolean
is_sign_off (const char *text,
             const char *agency)
{
  static GRegex *date;

  if (g_once_init_enter (&date))
    g_once_init_leave (&date, g_regex_new ("^[（(]?\\s*\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*"
                                           "\\d{1,2}\\s*日\\s*[）)]?$", 0, 0, NULL));
  return g_regex_match (date, text, 0, NULL) ||
         (agency != NULL && g_str_equal (text, agency));
}

/* The fields of a text section (the fees of 六 in the 2021 format), read from @text after
 * their cue words: “发出收费通知0件”. */
static void
read_fields (TbImportContext     *ctx,
             const TbSectionSpec *section,
             const char          *text,
             const TbSourcePos   *pos)
{
  const TbFormat *format = tb_vocab_get_format (ctx->vocab);

  for (guint f = 0; f < section->n_fields; f++)
    {
      guint cell = section->fields[f];
      const TbCellSpec *spec = tb_format_get_cell (format, cell);
      const char *const *cues = tb_vocab_get_cues (ctx->vocab, cell);
      gboolean done = FALSE;

      for (guint k = 0; cues != NULL && cues[k] != NULL && !done; k++)
        for (const char *at = strstr (text, cues[k]); at != NULL && !done;
             at = strstr (at + 1, cues[k]))
          {
            const char *p = at + strlen (cues[k]);
            GString *number = g_string_new (NULL);
            guint skipped = 0;
            g_autoptr(GError) error = NULL;
            gint64 value;

            /* A few words may stand between the cue and the number: 共, 为, 合计 … */
            while (*p && skipped < 4 && !g_unichar_isdigit (g_utf8_get_char (p)) &&
                   !g_unichar_ispunct (g_utf8_get_char (p)))
              {
                p = g_utf8_next_char (p);
                skipped++;
              }
            while (*p && (g_unichar_isdigit (g_utf8_get_char (p)) || *p == '.' || *p == ','))
              {
                g_string_append_unichar (number, g_utf8_get_char (p));
                p = g_utf8_next_char (p);
              }
            while (*p == ' ')
              p++;
            if (number->len > 0)
              {
                const char *unit = spec->kind == TB_CELL_COUNT ? "件" : "元";

                if (g_str_has_prefix (p, "万元") && spec->kind != TB_CELL_COUNT)
                  unit = "万元";
                if (g_str_has_prefix (p, unit))
                  {
                    g_string_append (number, unit);
                    if (tb_value_parse_cell (spec, number->str, &value, NULL, NULL))
                      {
                        g_autofree char *put = tb_import_put_number (ctx, cell, number->str,
                                                                     value);

                        tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_READ, put,
                                                NULL, pos);
                      }
                    else
                      {
                        /* Kept as text, or refused as too long: the reason says which. */
                        tb_report_set_cell_text (ctx->report, cell, number->str, &error);
                        tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_UNREADABLE,
                                                number->str, error->message, pos);
                      }
                    done = TRUE;
                  }
              }
            g_string_free (number, TRUE);
          }
      if (!done && tb_import_log_get_cell (ctx->log, cell)->status == TB_IMPORT_CELL_MISSING)
        tb_import_log_set_cell (ctx->log, cell, TB_IMPORT_CELL_MISSING, NULL,
                                _("the text of the section does not give this number"), pos);
    }
}

void
tb_import_read_texts (TbImportContext *ctx)
{
  const TbSource *source = ctx->source;
  const TbFormat *format = tb_vocab_get_format (ctx->vocab);
  int last_text_section = -1;

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    if (tb_format_get_section (format, s)->type == TB_SECTION_TEXT)
      last_text_section = (int) s;

  for (guint s = 0; s < tb_format_get_n_sections (format); s++)
    {
      const TbSectionSpec *section = tb_format_get_section (format, s);
      g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
      g_autoptr(GPtrArray) joined = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      TbSourcePos pos = { 0, };
      guint n_joins = 0;

      if (section->type != TB_SECTION_TEXT)
        continue;
      for (guint i = 0; i < source->blocks->len; i++)
        {
          const TbSourceBlock *block = block_at (source, i);

          if (ctx->block_section[i] == (int) s && block->kind == TB_BLOCK_PARAGRAPH)
            {
              if (paragraphs->len == 0)
                pos = block->pos;
              g_ptr_array_add (paragraphs, (gpointer) block);
            }
        }
      /* The sign-off after the last section. */
      while ((int) s == last_text_section && paragraphs->len > 1 &&
             is_sign_off (((TbSourceBlock *) g_ptr_array_index (paragraphs,
                                                                paragraphs->len - 1))->text,
                          tb_report_get_agency (ctx->report)))
        {
          const TbSourceBlock *b = g_ptr_array_index (paragraphs, paragraphs->len - 1);

          tb_import_log_add_note (ctx->log, _("“%s” after section %s is taken for the "
                                              "sign-off, not for its text"), b->text,
                                  section->numeral);
          g_ptr_array_set_size (paragraphs, paragraphs->len - 1);
        }

      for (guint i = 0; i < paragraphs->len; i++)
        {
          const TbSourceBlock *block = g_ptr_array_index (paragraphs, i);

          if (i > 0 && continues (g_ptr_array_index (paragraphs, i - 1), block))
            {
              char *prev = g_ptr_array_index (joined, joined->len - 1);
              gunichar a = g_utf8_get_char (g_utf8_prev_char (prev + strlen (prev)));
              gunichar b = g_utf8_get_char (block->text);

              g_ptr_array_index (joined, joined->len - 1) =
                g_strconcat (prev, is_latin (a) && is_latin (b) ? " " : "", block->text, NULL);
              g_free (prev);
              n_joins++;
              continue;
            }
          g_ptr_array_add (joined, g_strdup (block->text));
        }
      for (guint i = 0; i < joined->len; i++)
        {
          char *raw = g_ptr_array_index (joined, i);

          g_ptr_array_index (joined, i) = clean_prose (raw);
          g_free (raw);
        }
      if (n_joins > 0)
        tb_import_log_add_note (ctx->log, g_dngettext (GETTEXT_PACKAGE,
                                                       "Section %s: %u paragraph cut by a "
                                                       "page break or a line end was joined "
                                                       "again",
                                                       "Section %s: %u paragraphs cut by a "
                                                       "page break or a line end were joined "
                                                       "again",
                                                       n_joins), section->numeral, n_joins);
      g_ptr_array_add (joined, NULL);
      text = g_strjoinv ("\n", (char **) joined->pdata);
      if (*text != '\0' && !tb_field_check (TB_FIELD_TEXT, text, -1, &error))
        {
          tb_import_log_add_note (ctx->log, _("Section %s was not taken: %s"),
                                  section->numeral, error->message);
          g_clear_error (&error);
        }
      else if (*text != '\0')
        {
          tb_report_set_text (ctx->report, section->id, text);
          g_ptr_array_add (ctx->log->texts, (gpointer) section->id);
        }
      if (section->n_fields > 0)
        read_fields (ctx, section, text, &pos);
    }
}
