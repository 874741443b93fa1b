/* tb-window-private.h: the fields of TbWindow and the functions its files share
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TbWindow is one class in seven files, each about one concern:
 *  - tb-window.c          the object, its document and what it binds to, the rules check;
 *  - tb-window-actions.c  every win.* action and their enabled state; what New Report and
 *                         Combine Reports (their own classes) give the window;
 *  - tb-window-pages.c    the pages, built when first needed;
 *  - tb-window-files.c    saving, opening, closing with unsaved changes, undo, drops;
 *  - tb-window-carry.c    last year's report, and the breakdown of a combined summary;
 *  - tb-window-print.c    printing;
 *  - tb-window-export.c   exporting: PDF, web page, Word document;
 *  - tb-window-import.c   File → Import…, and the banner of what an import could not read.
 * Its state is here, in the struct, and nowhere else. The GUI tests and the benchmark may
 * include this header for the hooks at its end.
 */
#pragma once

#include "tb-combine-window.h"
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
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkImage             *issues_icon;
  GtkLabel             *issues_label;
  GtkPopover           *issues_popover;
  TbIssuesPanel        *issues_panel;
  GMenu                *recent_menu;
  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkMenuButton        *import_button;
  GtkPopover           *import_popover;
  GtkListBox           *import_list;

  GSettings            *settings;       /* NULL when the schema is not installed */
  GCancellable         *cancellable;    /* the window's file work; cancelled in dispose */

  /* The document shown, and what follows it (tb-window.c). */
  TbDocument           *document;
  GBindingGroup        *document_bindings;  /* titles; the report and history groups' targets */
  GSignalGroup         *document_signals;
  GSignalGroup         *report_signals;     /* the document's report */
  GSignalGroup         *history_signals;    /* the document's history */
  const TbFormat       *format;         /* the format the pages show, NULL before any */
  TbReport             *before_convert; /* the report before its year changed its format */
  AdwToast             *convert_toast;  /* "convert it?" for a report opened so, until dismissed */
  guint                 convert_id;

  /* The rules check (tb-window.c). */
  GPtrArray            *issues;         /* TbIssue, from the last rules run */
  TbFormState          *form_state;     /* what the cells show now */
  guint                 validate_id;
  gboolean              computing;      /* totals being written by the window itself */

  /* The pages (tb-window-pages.c). */
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
  char                 *restore_page;   /* last page of the previous run, shown first */

  /* Files (tb-window-files.c). */
  AdwMessageDialog     *dialog;         /* weak: the question or error shown now */
  GtkFileChooserNative *chooser;        /* Save As */
  gboolean              close_after_save;   /* the clerk chose Save when closing */
  gboolean              close_when_saved;   /* closing waits for the save in flight */
  gboolean              force_close;        /* answered: close without asking again */
  gboolean              autosave_warned;

  /* Last year's report and the breakdown (tb-window-carry.c). */
  char                 *carry_notice;   /* last year's report was not found: the toast */
  AdwToast             *carry_toast;    /* weak: that toast while it shows */
  char                 *carry_tried;    /* the file and reference last looked for */
  char                 *carry_unmoved;  /* the reference before Save As moved it */
  gboolean              carry_moved;
  TbCombineWindow      *breakdown;      /* weak: of the summary made here by Combine */

  /* Exports (tb-window-export.c). */
  char                 *export_test_path;   /* tests: the file, instead of asking */
};

/* What the Export menu writes (tb-window-export.c). */
typedef enum
{
  TB_EXPORT_PDF,
  TB_EXPORT_HTML,   /* a web page */
  TB_EXPORT_DOCX,   /* a Word document */
} TbExportFormat;

/* tb-window-import.c */
void               tb_window_class_add_import  (GtkWidgetClass *widget_class);
/* A new document is shown: the banner of an earlier import goes. */
void               tb_window_import_document_set (TbWindow     *self);
void               tb_window_choose_import     (TbWindow       *self);

/* tb-window.c */
TbReport          *tb_window_get_report        (TbWindow       *self);
/* The document's file, or NULL. */
const char        *tb_window_get_path          (TbWindow       *self);
void               tb_window_emit_open_file    (TbWindow       *self,
                                                const char     *path);
void               tb_window_emit_close_cancelled (TbWindow    *self);
/* Runs the rules again soon (last year's report changed, the report did not). */
void               tb_window_recheck           (TbWindow       *self);

/* tb-window-convert.c */
void               tb_window_undo_convert      (TbWindow       *self);
/* Moves the report into the format for its year now (win.convert-format), if it is not. */
void               tb_window_convert_now       (TbWindow       *self);
/* The same on the next idle (the year was typed), if the year's format is another. */
void               tb_window_convert_soon      (TbWindow       *self);
/* A toast offering the conversion, for a report shown on a year not of its format. */
void               tb_window_offer_conversion  (TbWindow       *self);

/* tb-window-actions.c */
void               tb_window_class_add_actions (GtkWidgetClass *widget_class);
void               tb_window_update_actions    (TbWindow       *self);
/* What choosing @paths for win.combine-reports does (tb-combine.h): the summary opens in a
 * window beside its breakdown; a failure is shown. */
void               tb_window_combine_paths     (TbWindow          *self,
                                                const char *const *paths);

/* tb-window-pages.c */
void               tb_window_pages_init        (TbWindow       *self);
void               tb_window_pages_dispose     (TbWindow       *self);
void               tb_window_pages_finalize    (TbWindow       *self);
/* The report shown changed: new page holders when @format changed. */
void               tb_window_pages_set_report  (TbWindow       *self,
                                                gboolean        first,
                                                gboolean        same_format);
/* Builds page @index (0: details, i: section i - 1) if needed. */
TbSectionPage     *tb_window_pages_ensure      (TbWindow       *self,
                                                guint           index);
void               tb_window_pages_visible_changed (TbWindow   *self);
void               tb_window_pages_sync        (TbWindow       *self,
                                                TbReportChange  change,
                                                const char     *id);
void               tb_window_pages_update_badges (TbWindow         *self,
                                                  const TbFormState *state);
void               tb_window_show_section      (TbWindow       *self,
                                                int             section,
                                                int             cell);
void               tb_window_switch_page       (TbWindow       *self,
                                                int             delta);

/* tb-window-files.c */
void               tb_window_files_init        (TbWindow       *self);
void               tb_window_files_dispose     (TbWindow       *self);
/* The window shows another document. */
void               tb_window_files_document_set (TbWindow      *self);
/* From close-request: TRUE when the window must stay open (the clerk is being asked, or a
 * save runs). */
gboolean           tb_window_files_close_request (TbWindow     *self);
/* Saves; asks for a file first when there is none or @save_as. */
void               tb_window_save              (TbWindow       *self,
                                                gboolean        save_as);
/* What Save As does once the file chooser returned @path. */
void               tb_window_save_to           (TbWindow       *self,
                                                const char     *path);
/* Asks for reports to open (each opens through ::open-file). */
void               tb_window_choose_files      (TbWindow       *self);
/* The dialog the window shows now (a question or an error), or NULL. */
AdwMessageDialog  *tb_window_get_dialog        (TbWindow       *self);
/* Loads @path into this window in a worker: a file that does not exist yet gives a new
 * report that will be saved there; one that cannot be read an empty report not bound to
 * it (the error in a toast). FALSE with @error in the latter case. */
void               tb_window_open_file_async   (TbWindow       *self,
                                                const char     *path,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean           tb_window_open_file_finish  (TbWindow       *self,
                                                GAsyncResult   *result,
                                                GError        **error);

/* tb-window-carry.c */
void               tb_window_carry_dispose     (TbWindow       *self);
/* The window shows another report: attaches the last year's report it names (read in a
 * worker), once; when that cannot be read, says so in a toast. */
void               tb_window_carry_report_set  (TbWindow       *self);
/* Save As is about to write @path: the reference to last year's report, relative to the
 * draft's folder, is made relative to the new folder... */
void               tb_window_carry_before_save_as (TbWindow    *self,
                                                   const char  *path);
/* ... and did not: the reference is as it was. */
void               tb_window_carry_save_as_failed (TbWindow    *self);
/* Asks for last year's report to compare with. */
void               tb_window_choose_previous   (TbWindow       *self);
/* What choosing @path for win.attach-previous-report does: reads it in a worker and
 * attaches it; failures are shown (FALSE from the finish). */
void               tb_window_attach_previous_async  (TbWindow            *self,
                                                     const char          *path,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           tb_window_attach_previous_finish (TbWindow            *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The message of the toast saying last year's report was not found, or NULL. */
const char        *tb_window_carry_get_notice  (TbWindow       *self);
/* The breakdown of the summary this window shows, made by Combine Reports in this session
 * (win.show-breakdown presents it; closed, it is only hidden), or NULL. */
TbCombineWindow   *tb_window_get_breakdown     (TbWindow       *self);
void               tb_window_set_breakdown     (TbWindow       *self,
                                                TbCombineWindow *breakdown);

/* tb-window-print.c */
void               tb_window_print             (TbWindow       *self);

/* tb-window-export.c */
/* Asks for a file to export to (and, if the report is not ready, whether to export a
 * draft), then exports. */
void               tb_window_export            (TbWindow       *self,
                                                TbExportFormat  format);
/* Exports the report as it is now to @path, made and written in a worker; @draft_issues > 0
 * marks the export as a draft. */
void               tb_window_export_async      (TbWindow       *self,
                                                TbExportFormat  format,
                                                const char     *path,
                                                guint           draft_issues,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean           tb_window_export_finish     (TbWindow       *self,
                                                GAsyncResult   *result,
                                                GError        **error);
/* Opens @uri (an export) in the desktop's application for it; a failure is shown. */
void               tb_window_open_export       (TbWindow       *self,
                                                const char     *uri);
/* Test hook: tb_window_export() writes to @path (NULL: asks again) instead of asking. */
void               tb_window_set_export_test_path (TbWindow    *self,
                                                   const char  *path);

/* Test and benchmark hooks (tb-window.c and tb-window-pages.c). */
GtkWidget         *tb_window_get_cell_widget   (TbWindow       *self,
                                                const char     *cell_id);
TbSectionPage     *tb_window_get_page          (TbWindow       *self,
                                                const char     *name);
AdwViewStackPage  *tb_window_get_stack_page    (TbWindow       *self,
                                                const char     *name);
gboolean           tb_window_is_page_built     (TbWindow       *self,
                                                const char     *name);
const char        *tb_window_get_visible_page  (TbWindow       *self);
const TbFormState *tb_window_get_form_state    (TbWindow       *self);
TbIssuesPanel     *tb_window_get_issues_panel  (TbWindow       *self);
/* The issues of the last rules check. */
GPtrArray         *tb_window_get_issues        (TbWindow       *self);
/* Runs the pending rules check now (the window otherwise runs it before the next frame). */
void               tb_window_validate_now      (TbWindow       *self);
gboolean           tb_window_has_pending_validation (TbWindow  *self);

G_END_DECLS
