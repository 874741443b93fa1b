/* tb-format.h: the official report formats, loaded from data/formats/ (XML)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TbFormat is immutable once loaded. Everything a form, a rule, a draft file or the PDF
 * needs to know about the official report (sections, table grids with their merges, the
 * exact labels, the kind of every value cell and the rules) comes from here, so adding a
 * format is a data change. The structs below are read-only views into the format.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TB_CELL_COUNT,       /* integer >= 0 */
  TB_CELL_SIGNED,      /* integer, may be negative (本年增/减) */
  TB_CELL_AMOUNT,      /* decimal >= 0 in a fixed unit (万元 with 4 decimals, 元 with 2) */
  TB_CELL_AMOUNT_UNIT, /* decimal >= 0 with its own unit chosen from a list (采购总金额) */
} TbCellKind;

typedef enum
{
  TB_SEVERITY_ERROR,
  TB_SEVERITY_WARNING,
  TB_SEVERITY_INCOMPLETE,
} TbSeverity;

typedef struct
{
  guint        index;            /* position in tb_format_get_cell() order */
  const char  *id;               /* stable id, e.g. "t3.r1_new.np" */
  const char  *table_id;         /* "t2", "t3", "t4", or the section id of a field ("s6") */
  int          section;          /* index of the section that shows this cell */
  const char  *row_key;          /* "r1_new", or "" */
  const char  *col_key;          /* "np" */
  const char  *row_label;        /* most specific official row label, or "" */
  const char  *row_path;         /* every row label from outer to inner, joined by " / " */
  const char  *column_label;     /* official column label, e.g. "自然人" */
  const char  *column_path;      /* column groups and label, joined by " / " */
  const char  *label;            /* row and column label for people and screen readers,
                                    e.g. "（七）总计 自然人" */
  TbCellKind   kind;
  guint        decimals;         /* allowed decimals for amounts, 0 otherwise */
  const char  *unit;             /* fixed unit for TB_CELL_AMOUNT ("万元", "元"), or NULL */
  const char *const *units;      /* choices for TB_CELL_AMOUNT_UNIT, NULL-terminated */
  int          total_rule;       /* index of the rule whose left side is this single cell and
                                    whose right side is a plain sum (a "total" cell), or -1 */
} TbCellSpec;

typedef enum
{
  TB_GRID_LABEL,
  TB_GRID_VALUE,
} TbGridKind;

typedef struct
{
  TbGridKind   kind;
  guint        row, col;         /* top-left position in the table grid (header rows first) */
  guint        rowspan, colspan;
  const char  *text;             /* label text; NULL for values */
  const char  *role;             /* labels: "head" (column header), "note", "block", "row" */
  int          cell;             /* cell index for values, -1 for labels */
} TbGridItem;

typedef struct
{
  const char       *id;          /* "t3" */
  int               section;     /* index of the section showing this table */
  guint             n_columns;   /* grid columns */
  guint             n_rows;      /* grid rows, header rows included */
  guint             n_header_rows; /* rows to repeat when the table breaks across pages */
  const double     *widths;      /* n_columns relative widths, summing to 1.0 */
  const TbGridItem *items;       /* in row-major order of their top-left corner */
  guint             n_items;
  guint             first_cell;  /* the table's cells are first_cell .. first_cell+n_cells-1 */
  guint             n_cells;
} TbTableSpec;

typedef enum
{
  TB_SECTION_TEXT,
  TB_SECTION_TABLE,
} TbSectionType;

typedef struct
{
  guint              index;
  const char        *id;         /* "s1" .. "s6" */
  const char        *numeral;    /* "一" */
  const char        *title;      /* "总体情况" */
  const char        *heading;    /* "一、总体情况" */
  const char        *short_title; /* English source string for a page switcher, or NULL;
                                     translate with tb_format_gettext() */
  TbSectionType      type;
  const TbTableSpec *table;      /* for TB_SECTION_TABLE */
  const char        *guidance;   /* English source string; translate with tb_format_gettext() */
  const char *const *topics;     /* official sub-headings offered as help, NULL-terminated */
  const guint       *fields;     /* cell indices of structured fields shown with the text */
  guint              n_fields;
  const char        *sentence;   /* template filled from the fields, or NULL */
} TbSectionSpec;

/* The official wording of the printed report besides the labels, from the format data: legal
 * text, the same in every language of the program. Templates mark what is filled in with
 * {name} (tb-template.h); tb_format_make_*() fill them. */
typedef enum
{
  TB_WORDING_TITLE,        /* the report's title: {agency}, {year} */
  TB_WORDING_PREFACE,      /* the opening paragraph: {format}, {document}, {parts},
                              {n-parts}, {year} */
  TB_WORDING_SUBJECT,      /* what the report is, without agency or year (PDF subject) */
  TB_WORDING_DATE,         /* a date as printed: {year}, {month}, {day} */
  TB_WORDING_DATE_BLANK,   /* the date of the sign-off (落款), left blank to write in */
  TB_WORDING_DRAFT_MARK,   /* on every page of a draft: {count} problems left */
  TB_WORDING_BLANK,        /* in place of a value not filled in yet */
} TbWording;

#define TB_N_WORDINGS (TB_WORDING_BLANK + 1)

typedef struct _TbFormat TbFormat;

/* Registry of the bundled formats (resources under RESOURCE_BASE/formats/). */
const TbFormat     *tb_format_get            (const char   *id);
const TbFormat     *tb_format_for_year       (int           year);
GPtrArray          *tb_format_list           (void);   /* (transfer container) of const TbFormat* */

/* Loading a format from XML; the registry uses this, tests use it for broken inputs. */
TbFormat           *tb_format_new_from_data  (const char   *data,
                                              gsize         len,
                                              GError      **error);
void                tb_format_free           (TbFormat     *format);

const char         *tb_format_get_id         (const TbFormat *format);
const char         *tb_format_get_name       (const TbFormat *format);  /* official title */
const char         *tb_format_get_document   (const TbFormat *format);  /* "国办公开办函〔2021〕30号" */
int                 tb_format_get_first_year (const TbFormat *format);
int                 tb_format_get_last_year  (const TbFormat *format);  /* G_MAXINT if open */

/* Official wording (TbWording), or NULL when the format data has none (the schema requires
 * all of it; only formats made up by tests lack some). */
const char         *tb_format_get_wording    (const TbFormat *format,
                                              TbWording       wording);
/* The numeral @n as the report writes it ("一" for 1), or NULL beyond the format's list. */
const char         *tb_format_get_numeral    (const TbFormat *format,
                                              guint           n);
/* The title of @agency's report on @year (the blank wording when @year <= 0). */
char               *tb_format_make_title     (const TbFormat *format,
                                              const char     *agency,
                                              int             year);
/* The opening paragraph of a report on @year, or NULL when the format has none. */
char               *tb_format_make_preface   (const TbFormat *format,
                                              int             year);
/* @iso_date ("2025-01-20") as printed ("2025年1月20日"), or NULL when it is no valid date. */
char               *tb_format_make_date      (const TbFormat *format,
                                              const char     *iso_date);
/* The mark on every page of a draft with @n_issues problems left, or NULL. */
char               *tb_format_make_draft_mark (const TbFormat *format,
                                               guint           n_issues);

guint               tb_format_get_n_sections (const TbFormat *format);
const TbSectionSpec *tb_format_get_section   (const TbFormat *format,
                                              guint           index);
const TbSectionSpec *tb_format_find_section  (const TbFormat *format,
                                              const char     *id);
guint               tb_format_get_n_tables   (const TbFormat *format);
const TbTableSpec  *tb_format_get_table      (const TbFormat *format,
                                              guint           index);
const TbTableSpec  *tb_format_find_table     (const TbFormat *format,
                                              const char     *id);

guint               tb_format_get_n_cells    (const TbFormat *format);
const TbCellSpec   *tb_format_get_cell       (const TbFormat *format,
                                              guint           index);
const TbCellSpec   *tb_format_find_cell      (const TbFormat *format,
                                              const char     *id);

const char         *tb_cell_kind_to_string   (TbCellKind     kind);
const char         *tb_severity_to_string    (TbSeverity     severity);

/* Translate a string that comes from format data (rule messages, guidance). */
const char         *tb_format_gettext        (const char     *msgid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbFormat, tb_format_free)

G_END_DECLS
