/* tb-format-private.h: inside a report format: compiled rules and the loaded data
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "tb-format.h"

G_BEGIN_DECLS

/* Prefix of a reference to last year's report in a rule expression: prev.t3.r4_carry_out.np */
#define TB_PREV_PREFIX "prev."

typedef enum
{
  TB_RULE_EQUATION,  /* lhs REL rhs over cells, optionally only when a condition holds */
  TB_RULE_CELLS,     /* every cell of a table is filled and valid for its kind */
  TB_RULE_TEXT,      /* a text section is filled */
  TB_RULE_TEXT_UNCHANGED, /* a text section differs from the previous report's */
} TbRuleType;

typedef enum
{
  TB_REL_EQ,
  TB_REL_LE,
  TB_REL_GE,
  TB_REL_LT,
  TB_REL_GT,
} TbRelation;

typedef struct
{
  guint       cell;    /* a cell of the report (when prev_id is NULL) */
  int         sign;    /* +1 or -1 */
  const char *prev_id; /* "prev.ID" in the rule: the cell with that id in the previous
                          (last year's) report, resolved in that report's format */
} TbTerm;

typedef struct
{
  TbTerm *terms;
  guint   n_terms;
  gint64  constant;
} TbExpr;

/* One rule instance: a <rule> with a <foreach> expands into one instance per item. */
typedef struct
{
  const char  *id;           /* "T3-1" */
  char        *key;          /* issue key: "T3-1:np", or "T3-1" without foreach */
  const char  *item_label;   /* label of the foreach item ("自然人"), or NULL */
  TbSeverity   severity;
  TbRuleType   type;
  TbExpr       lhs, rhs;
  TbRelation   rel;
  gboolean     has_when;
  TbExpr       when_lhs, when_rhs;
  TbRelation   when_rel;
  const char  *message;      /* English template with {var}, {lhs}, {rhs}; translate first */
  const char  *var;          /* foreach variable name ("c"), or NULL */
  gboolean     total;        /* lhs is one cell, rhs a plain sum: lhs can be computed */
  guint        target;       /* TB_RULE_CELLS: table index; TB_RULE_TEXT: section index */
  guint       *cells;        /* every cell named (lhs, rhs, when), in order, no duplicates */
  guint        n_cells;
  int          section;      /* section index to show */
  gboolean     previous;     /* needs last year's report (prev.* terms, text-unchanged);
                                skipped when none is attached */
  const char *const *previous_formats; /* format ids last year's report must have, or NULL
                                          for any (NULL-terminated) */
  gboolean     carry;        /* lhs is one cell, rhs only prev.* terms and constants: a
                                report made from last year's is filled with the rhs */
} TbRule;

/* ---- The loaded data, shared by the files of the format loader (tb-format*.c) -------- */

/* A column of a <columns> set. */
typedef struct
{
  char *key;
  char *label;
  char *group;
} TbFormatColDef;

/* A <columns> set: a <td columns="id"/> expands into one cell per column. */
typedef struct
{
  char      *id;
  GPtrArray *cols;              /* TbFormatColDef* */
} TbFormatColSet;

/* A table and what its loading needs besides the spec. */
typedef struct
{
  TbTableSpec spec;
  GArray     *items;            /* TbGridItem */
  double     *widths;
  GPtrArray  *colsets;          /* TbFormatColSet* */
  GPtrArray  *row_keys;         /* char*, keyed body rows in order */
  GPtrArray  *row_labels;       /* char*, most specific label of each keyed row */
} TbFormatTable;

typedef struct
{
  TbSectionSpec spec;
  GPtrArray    *topics;         /* char*, NULL-terminated */
  GArray       *fields;         /* guint */
  char         *table_id;
} TbFormatSection;

struct _TbFormat
{
  char         *id;
  char         *name;
  char         *document;
  const char   *wording[TB_N_WORDINGS];  /* interned; NULL where the data has none */
  const char   *preface_separator;
  const char   *preface_conjunction;
  const char *const *numerals;          /* NULL-terminated, or NULL */
  int           first_year;
  int           last_year;
  GStringChunk *strings;
  GPtrArray    *sections;       /* TbFormatSection* */
  GPtrArray    *tables;         /* TbFormatTable* */
  GArray       *cells;          /* TbCellSpec */
  GHashTable   *cell_index;     /* id -> index + 1 */
  GArray       *rules;          /* TbRule */
  GPtrArray    *vectors;        /* GPtrArray* of interned strings, NULL-terminated */
};

/* tb-format-load.c: reading XML and interning strings for the lifetime of the format */
const char         *_tb_format_intern          (TbFormat       *self,
                                                const char     *s);
/* A space-separated list as a NULL-terminated vector that lives as long as the format. */
const char *const  *_tb_format_intern_strv     (TbFormat       *self,
                                                const char     *list);
char               *_tb_format_prop            (xmlNode        *node,
                                                const char     *name);
char               *_tb_format_content         (xmlNode        *node);
char               *_tb_format_content_collapsed (xmlNode      *node);
gboolean            _tb_format_is_elem         (xmlNode        *node,
                                                const char     *name);
guint               _tb_format_uprop           (xmlNode        *node,
                                                const char     *name,
                                                guint           def);
/* Sets a G_IO_ERROR_INVALID_DATA (unless @error is set already); returns FALSE. */
gboolean            _tb_format_fail            (GError        **error,
                                                const char     *fmt,
                                                ...) G_GNUC_PRINTF (2, 3);
TbCellKind          _tb_format_parse_kind      (const char     *s,
                                                gboolean       *ok);
TbFormatTable      *_tb_format_find_table      (TbFormat       *self,
                                                const char     *id);
void                _tb_format_add_cell_index  (TbFormat       *self,
                                                guint           index);
gboolean            _tb_format_load_section    (TbFormat       *self,
                                                xmlNode        *node,
                                                GError        **error);
void                _tb_format_section_free    (gpointer        p);

/* tb-format-wording.c: the official wording (<title-pattern> and <wording>) */
gboolean            _tb_format_load_wording    (TbFormat       *self,
                                                xmlNode        *node,
                                                GError        **error);

/* tb-format-table.c: a <table> grid, its value cells and their labels */
gboolean            _tb_format_load_table      (TbFormat       *self,
                                                xmlNode        *node,
                                                GError        **error);
TbFormatColSet     *_tb_format_find_colset     (TbFormatTable  *t,
                                                const char     *id);
void                _tb_format_table_free      (gpointer        p);

/* tb-format-rules.c: a rule of <rules>, compiled into one TbRule per foreach item */
gboolean            _tb_format_load_rule       (TbFormat       *self,
                                                xmlNode        *node,
                                                GError        **error);
void                _tb_format_rule_clear      (gpointer        p);

guint          tb_format_get_n_rules (const TbFormat *format);
const TbRule  *tb_format_get_rule    (const TbFormat *format,
                                      guint           index);

G_END_DECLS
