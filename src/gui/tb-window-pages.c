/* tb-window-pages.c: the pages of the main window, built when first needed
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view stack holds one AdwBin per page from the start (so the switcher shows every
 * title and badge), but a section page with its hundreds of cells is only built when it is
 * first shown, or in the background after the window's first frame: opening a report
 * paints the visible page without waiting for the others. The window keeps the cells of
 * the built pages by cell index; cells of pages not built yet are NULL, and get their
 * value and look when their page is built.
 */
#define G_LOG_DOMAIN "tb-window-pages"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cell-entry.h"
#include "tb-meta-page.h"
#include "tb-table-page.h"
#include "tb-text-page.h"
#include "tb-window-private.h"

static void start_background (TbWindow *self);

/* ------------------------------------------------------------------ helpers */

/* Short page titles for the switcher come from the format; the pages show the headings. */
static const char *
short_title (const TbSectionSpec *spec)
{
  return spec->short_title ? tb_format_gettext (spec->short_title) : spec->title;
}

/* A different icon on each page of the switcher, as the parts of the report are read:
 * overview, what was published, applications received, appeals and lawsuits, problems
 * and their fixes, other matters. */
static const char *
section_icon (const TbSectionSpec *spec,
              guint                index)
{
  static const char *const icons[] = {
    "view-list-bullet-symbolic",
    "emblem-shared-symbolic",
    "mail-unread-symbolic",
    "system-users-symbolic",
    "applications-engineering-symbolic",
    "view-more-horizontal-symbolic",
  };

  if (index < G_N_ELEMENTS (icons))
    return icons[index];
  return spec->type == TB_SECTION_TABLE ? "x-office-spreadsheet-symbolic"
                                        : "x-office-document-symbolic";
}

/* Page index 0 is the details page, index i > 0 shows section i - 1. */
static int
index_of_holder (TbWindow  *self,
                 GtkWidget *holder)
{
  guint index;

  if (holder == NULL || !g_ptr_array_find (self->holders, holder, &index))
    return -1;
  return (int) index;
}

static void
register_cells (TbWindow      *self,
                TbSectionPage *page)
{
  GPtrArray *cells = tb_section_page_get_cells (page);

  for (guint j = 0; j < cells->len; j++)
    {
      TbCellEntry *cell = g_ptr_array_index (cells, j);
      guint index = tb_cell_entry_get_cell (cell);

      if (index >= self->n_cells)
        continue;
      self->cells[index] = GTK_WIDGET (cell);
      /* Built after the last rules check: show its result. */
      if (self->form_state != NULL && index < self->form_state->n_cells)
        tb_cell_entry_set_mark (cell, self->form_state->marks[index],
                                self->form_state->tooltips[index]);
    }
}

static void
add_holder (TbWindow   *self,
            const char *name,
            const char *title,
            const char *icon)
{
  GtkWidget *holder = adw_bin_new ();
  AdwViewStackPage *sp = adw_view_stack_add_titled (self->view_stack, holder, name, title);

  adw_view_stack_page_set_icon_name (sp, icon);
  g_ptr_array_add (self->holders, holder);
  g_ptr_array_add (self->pages, NULL);
}

/* AdwViewSwitcher (libadwaita 1.2, and still 1.8) makes all its buttons again each time a
 * page is added to or taken from its stack: adding the seven pages one at a time made 28
 * buttons to keep 7, a tenth of the time to the first frame. While the pages change the
 * switchers let go of the stack, and take it back once, when it is complete. */
static gboolean
detach_switchers (TbWindow *self)
{
  gboolean bar = adw_view_switcher_bar_get_stack (self->switcher_bar) != NULL;

  adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (bar)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  return bar;
}

static void
attach_switchers (TbWindow *self,
                  gboolean  bar)
{
  adw_view_switcher_title_set_stack (self->switcher_title, self->view_stack);
  if (bar)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

static void
remove_section_pages (TbWindow *self)
{
  while (self->holders->len > 1)
    {
      guint last = self->holders->len - 1;

      adw_view_stack_remove (self->view_stack, g_ptr_array_index (self->holders, last));
      g_ptr_array_remove_index (self->holders, last);
      g_ptr_array_remove_index (self->pages, last);
    }
}

static void
reset_cells (TbWindow *self)
{
  g_clear_pointer (&self->cells, g_free);
  self->n_cells = self->format ? tb_format_get_n_cells (self->format) : 0;
  self->cells = g_new0 (GtkWidget *, MAX (self->n_cells, 1));
  for (guint i = 0; i < self->pages->len; i++)
    if (g_ptr_array_index (self->pages, i) != NULL)
      register_cells (self, g_ptr_array_index (self->pages, i));
}

static gboolean
all_built (TbWindow *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    if (g_ptr_array_index (self->pages, i) == NULL)
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ background building */

static gboolean
build_next_cb (gpointer data)
{
  TbWindow *self = data;

  for (guint i = 0; i < self->pages->len; i++)
    if (g_ptr_array_index (self->pages, i) == NULL)
      {
        /* One page per turn: input and frames go between them. */
        tb_window_pages_ensure (self, i);
        return G_SOURCE_CONTINUE;
      }
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_background (TbWindow *self)
{
  if (self->build_id == 0 && !all_built (self))
    self->build_id = g_idle_add_full (G_PRIORITY_LOW, build_next_cb, self, NULL);
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   TbWindow      *self)
{
  g_clear_signal_handler (&self->first_paint_id, clock);
  self->painted = TRUE;
  start_background (self);
}

static void
on_realize_cb (TbWindow *self)
{
  if (self->first_paint_id == 0 && !self->painted)
    self->first_paint_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                             "after-paint", G_CALLBACK (on_first_paint_cb),
                                             self);
}

/* ------------------------------------------------------------------ private API */

void
tb_window_pages_init (TbWindow *self)
{
  self->holders = g_ptr_array_new ();
  self->pages = g_ptr_array_new ();
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
}

void
tb_window_pages_dispose (TbWindow *self)
{
  g_clear_handle_id (&self->build_id, g_source_remove);
  if (self->first_paint_id != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_clear_signal_handler (&self->first_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->first_paint_id = 0;
  g_clear_pointer (&self->cells, g_free);
  self->n_cells = 0;
}

void
tb_window_pages_finalize (TbWindow *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->holders, g_ptr_array_unref);
}

void
tb_window_pages_set_report (TbWindow *self,
                            gboolean  first,
                            gboolean  same_format)
{
  TbReport *report = tb_window_get_report (self);
  const TbFormat *format = tb_report_get_format (report);
  g_autofree char *visible = NULL;
  gboolean bar;

  if (!first)
    tb_section_page_set_report (g_ptr_array_index (self->pages, 0), report);

  if (same_format)
    {
      for (guint i = 1; i < self->pages->len; i++)
        if (g_ptr_array_index (self->pages, i) != NULL)
          tb_section_page_set_report (g_ptr_array_index (self->pages, i), report);
      reset_cells (self);
      return;
    }

  /* The sections follow the format: new holders, pages built when needed. */
  self->building = TRUE;
  bar = detach_switchers (self);
  if (first)
    add_holder (self, "meta", _("Details"), "document-properties-symbolic");
  visible = g_strdup (adw_view_stack_get_visible_child_name (self->view_stack));
  remove_section_pages (self);
  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const TbSectionSpec *spec = tb_format_get_section (format, i);
      g_autofree char *title = g_strdup_printf ("%s、%s", spec->numeral, short_title (spec));

      add_holder (self, spec->id, title, section_icon (spec, i));
    }
  if (first)
    tb_window_pages_ensure (self, 0);
  reset_cells (self);
  if (visible != NULL && adw_view_stack_get_child_by_name (self->view_stack, visible) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, visible);
  attach_switchers (self, bar);
  self->building = FALSE;
  tb_window_pages_visible_changed (self);
  if (self->painted)
    start_background (self);
}

TbSectionPage *
tb_window_pages_ensure (TbWindow *self,
                        guint     index)
{
  TbReport *report = tb_window_get_report (self);
  TbSectionPage *page;
  GtkWidget *widget;

  g_return_val_if_fail (index < self->pages->len, NULL);

  page = g_ptr_array_index (self->pages, index);
  if (page != NULL || report == NULL)
    return page;

  if (index == 0)
    widget = tb_meta_page_new (report);
  else
    {
      const TbSectionSpec *spec = tb_format_get_section (tb_report_get_format (report),
                                                         index - 1);

      if (spec->type == TB_SECTION_TABLE)
        widget = tb_table_page_new (report, index - 1);
      else
        widget = tb_text_page_new (report, index - 1);
    }
  page = TB_SECTION_PAGE (widget);
  adw_bin_set_child (ADW_BIN (g_ptr_array_index (self->holders, index)), widget);
  g_ptr_array_index (self->pages, index) = page;
  register_cells (self, page);
  return page;
}

void
tb_window_pages_visible_changed (TbWindow *self)
{
  int index = index_of_holder (self, adw_view_stack_get_visible_child (self->view_stack));

  if (index >= 0 && !self->building)
    tb_window_pages_ensure (self, index);
}

void
tb_window_pages_sync (TbWindow       *self,
                      TbReportChange  change,
                      const char     *id)
{
  for (guint i = 0; i < self->pages->len; i++)
    if (g_ptr_array_index (self->pages, i) != NULL)
      tb_section_page_sync (g_ptr_array_index (self->pages, i), change, id);
}

void
tb_window_pages_update_badges (TbWindow          *self,
                               const TbFormState *state)
{
  for (guint i = 1; i < self->holders->len; i++)
    {
      AdwViewStackPage *sp = adw_view_stack_get_page (self->view_stack,
                                                      g_ptr_array_index (self->holders, i));
      guint section = i - 1;
      const TbSectionCounts *counts;

      if (section >= state->n_sections)
        continue;
      counts = &state->sections[section];
      adw_view_stack_page_set_badge_number (sp, counts->n_errors);
      adw_view_stack_page_set_needs_attention (sp, counts->n_errors > 0 || counts->n_warnings > 0);
    }
}

/* ------------------------------------------------------------------ showing a page */

void
tb_window_show_section (TbWindow *self,
                        int       section,
                        int       cell)
{
  TbSectionPage *page;
  GtkWidget *target = NULL;

  g_return_if_fail (TB_IS_WINDOW (self));

  if (section < -1 || (guint) (section + 1) >= self->holders->len)
    return;
  page = tb_window_pages_ensure (self, section + 1);
  adw_view_stack_set_visible_child (self->view_stack, g_ptr_array_index (self->holders, section + 1));

  if (cell >= 0 && (guint) cell < self->n_cells)
    {
      int other = tb_format_get_cell (self->format, cell)->section;

      /* The cell may live on another page (a rule across sections). */
      if (other != section && other >= -1 && (guint) (other + 1) < self->holders->len)
        {
          tb_window_pages_ensure (self, other + 1);
          adw_view_stack_set_visible_child (self->view_stack,
                                            g_ptr_array_index (self->holders, other + 1));
        }
      target = self->cells[cell];
    }
  if (target != NULL)
    tb_cell_entry_focus (TB_CELL_ENTRY (target));
  else if (page != NULL)
    tb_section_page_focus_main (page);
}

void
tb_window_switch_page (TbWindow *self,
                       int       delta)
{
  int n = self->holders->len;
  int index = index_of_holder (self, adw_view_stack_get_visible_child (self->view_stack));
  TbSectionPage *page;

  if (n == 0 || index < 0)
    return;
  index = (index + delta + n) % n;
  page = tb_window_pages_ensure (self, index);
  adw_view_stack_set_visible_child (self->view_stack, g_ptr_array_index (self->holders, index));
  if (page != NULL)
    tb_section_page_focus_main (page);
}

GtkWidget *
tb_window_get_cell_widget (TbWindow   *self,
                           const char *cell_id)
{
  const TbCellSpec *spec;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  if (self->format == NULL)
    return NULL;
  spec = tb_format_find_cell (self->format, cell_id);
  if (spec == NULL || spec->index >= self->n_cells)
    return NULL;
  if (self->cells[spec->index] == NULL)
    tb_window_pages_ensure (self, spec->section + 1);
  return self->cells[spec->index];
}

TbSectionPage *
tb_window_get_page (TbWindow   *self,
                    const char *name)
{
  GtkWidget *holder;
  int index;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  holder = adw_view_stack_get_child_by_name (self->view_stack, name);
  index = index_of_holder (self, holder);
  return index >= 0 ? tb_window_pages_ensure (self, index) : NULL;
}

gboolean
tb_window_is_page_built (TbWindow   *self,
                         const char *name)
{
  int index;

  g_return_val_if_fail (TB_IS_WINDOW (self), FALSE);
  index = index_of_holder (self, adw_view_stack_get_child_by_name (self->view_stack, name));
  return index >= 0 && g_ptr_array_index (self->pages, index) != NULL;
}

AdwViewStackPage *
tb_window_get_stack_page (TbWindow   *self,
                          const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);
  child = adw_view_stack_get_child_by_name (self->view_stack, name);
  return child ? adw_view_stack_get_page (self->view_stack, child) : NULL;
}
