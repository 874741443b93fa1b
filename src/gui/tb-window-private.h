/* tb-window-private.h: the window's fields, shared by tb-window.c and tb-window-actions.c,
 * and the hooks the GUI tests and the benchmark use
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tb-form-state.h"
#include "tb-issues-panel.h"
#include "tb-section-page.h"
#include "tb-window.h"

G_BEGIN_DECLS

struct _TbWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *issues_button;
  GtkImage             *issues_icon;
  GtkLabel             *issues_label;
  GtkPopover           *issues_popover;
  TbIssuesPanel        *issues_panel;

  GSettings            *settings;       /* NULL when the schema is not installed */
  TbReport             *report;
  char                 *path;           /* file the report is saved to, or NULL */
  gulong                changed_id;
  TbReport             *before_convert; /* the report before its year changed its format */

  GPtrArray            *holders;        /* AdwBin per page, the view stack's children */
  GPtrArray            *pages;          /* TbSectionPage in each holder, NULL until built:
                                           the details page, then one per section */
  GtkWidget           **cells;          /* TbCellEntry by cell index (owned by the pages),
                                           NULL while its page is not built */
  guint                 n_cells;
  guint                 build_id;       /* builds the remaining pages, one per turn */
  gulong                first_paint_id;
  gboolean              painted;        /* the window painted its first frame */
  gboolean              building;       /* pages being replaced: not a page switch */

  GPtrArray            *issues;         /* TbIssue, from the last rules run */
  TbFormState          *form_state;     /* what the cells show now */
  guint                 validate_id;
  guint                 convert_id;
  gboolean              computing;      /* totals being written by the window itself */
  char                 *restore_page;   /* last page of the previous run, shown first */
};

/* tb-window-actions.c */
void               tb_window_class_add_actions (GtkWidgetClass *widget_class);
void               tb_window_init_actions      (TbWindow       *self);
void               tb_window_update_actions    (TbWindow       *self);
gboolean           tb_window_save              (TbWindow       *self,
                                                GError        **error);

/* tb-window-print.c */
void               tb_window_print_class_init  (GtkWidgetClass *widget_class);
/* Exports the report to @path; @draft_issues > 0 marks every page as a draft. */
gboolean           tb_window_export_pdf_to     (TbWindow       *self,
                                                const char     *path,
                                                guint           draft_issues,
                                                GError        **error);

/* tb-window-pages.c */
void               tb_window_pages_init        (TbWindow       *self);
void               tb_window_pages_dispose     (TbWindow       *self);
void               tb_window_pages_finalize    (TbWindow       *self);
/* After self->report changed: new page holders when the format changed. */
void               tb_window_pages_set_report  (TbWindow       *self,
                                                gboolean        first,
                                                gboolean        same_format);
/* Builds page @index (0: details, i: section i - 1) if needed. */
TbSectionPage     *tb_window_pages_ensure      (TbWindow       *self,
                                                guint           index);
void               tb_window_pages_ensure_all  (TbWindow       *self);
void               tb_window_pages_visible_changed (TbWindow   *self);
void               tb_window_pages_sync        (TbWindow       *self,
                                                TbReportChange  change,
                                                const char     *id);
void               tb_window_pages_update_badges (TbWindow         *self,
                                                  const TbFormState *state);
gboolean           tb_window_is_page_built     (TbWindow       *self,
                                                const char     *name);

/* tb-window.c */
void               tb_window_update_title      (TbWindow       *self);
void               tb_window_show_section      (TbWindow       *self,
                                                int             section,
                                                int             cell);
void               tb_window_switch_page       (TbWindow       *self,
                                                int             delta);
void               tb_window_undo_convert      (TbWindow       *self);

/* Test and benchmark hooks. */
GtkWidget         *tb_window_get_cell_widget   (TbWindow       *self,
                                                const char     *cell_id);
TbSectionPage     *tb_window_get_page          (TbWindow       *self,
                                                const char     *name);
AdwViewStackPage  *tb_window_get_stack_page    (TbWindow       *self,
                                                const char     *name);
const char        *tb_window_get_visible_page  (TbWindow       *self);
TbIssuesPanel     *tb_window_get_issues_panel  (TbWindow       *self);
const TbFormState *tb_window_get_form_state    (TbWindow       *self);
/* Runs the pending rules check now (the window otherwise runs it before the next frame). */
void               tb_window_validate_now      (TbWindow       *self);
gboolean           tb_window_has_pending_validation (TbWindow  *self);

G_END_DECLS
