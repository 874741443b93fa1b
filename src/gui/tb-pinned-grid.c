/* tb-pinned-grid.c: a GtkGrid whose first columns stay in view when it scrolls sideways
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row labels of an official table on a narrow screen: the grid lays out as usual; the
 * children of the pinned columns are drawn last, moved right by the horizontal scroll
 * offset (opaque, see style.css), so the number columns slide under them. They take no
 * pointer input (labels). A focused cell that would sit under them is scrolled out from
 * under them.
 */
#define G_LOG_DOMAIN "tb-pinned-grid"

#include "config.h"

#include "tb-pinned-grid.h"

struct _TbPinnedGrid
{
  GtkGrid        parent_instance;

  guint          n_pinned;
  GtkAdjustment *hadjustment;
  guint          reveal_idle;
};

G_DEFINE_FINAL_TYPE (TbPinnedGrid, tb_pinned_grid, GTK_TYPE_GRID)

/* ------------------------------------------------------------------ helpers */

static gboolean
is_pinned (TbPinnedGrid *self,
           GtkWidget    *child)
{
  int column = 0, width = 1;

  if (self->n_pinned == 0 || gtk_widget_get_parent (child) != GTK_WIDGET (self))
    return FALSE;
  gtk_grid_query_child (GTK_GRID (self), child, &column, NULL, &width, NULL);
  return column >= 0 && (guint) (column + width) <= self->n_pinned;
}

static double
scroll_offset (TbPinnedGrid *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
}

/* Scrolls the focused child out from under the pinned columns. */
static gboolean
reveal_focus_cb (gpointer data)
{
  TbPinnedGrid *self = data;
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));
  graphene_rect_t bounds;
  double value, page, left;
  int pinned_width;

  self->reveal_idle = 0;
  if (child == NULL || self->hadjustment == NULL || is_pinned (self, child) ||
      !gtk_widget_compute_bounds (child, GTK_WIDGET (self), &bounds))
    return G_SOURCE_REMOVE;

  pinned_width = tb_pinned_grid_get_pinned_width (self);
  value = gtk_adjustment_get_value (self->hadjustment);
  page = gtk_adjustment_get_page_size (self->hadjustment);
  left = value + pinned_width;
  if (bounds.origin.x < left)
    value = bounds.origin.x - pinned_width;
  else if (bounds.origin.x + bounds.size.width > value + page)
    value = bounds.origin.x + bounds.size.width - page;
  gtk_adjustment_set_value (self->hadjustment, MAX (value, 0.0));
  return G_SOURCE_REMOVE;
}

static void
on_scrolled_cb (TbPinnedGrid *self)
{
  /* Only the grid's position changed: its drawing must be made again all the same. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ overrides */

static void
tb_pinned_grid_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TbPinnedGrid *self = TB_PINNED_GRID (widget);

  double offset = scroll_offset (self);

  /* The scrolled columns first, the pinned ones over them, moved back into view. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!is_pinned (self, child))
      gtk_widget_snapshot_child (widget, child, snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (offset, 0));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_pinned (self, child))
      gtk_widget_snapshot_child (widget, child, snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
tb_pinned_grid_set_focus_child (GtkWidget *widget,
                                GtkWidget *child)
{
  TbPinnedGrid *self = TB_PINNED_GRID (widget);

  GTK_WIDGET_CLASS (tb_pinned_grid_parent_class)->set_focus_child (widget, child);
  /* After the viewport scrolled the focus into view. */
  if (child != NULL && self->n_pinned > 0 && self->reveal_idle == 0)
    self->reveal_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, reveal_focus_cb, self, NULL);
}

static void
tb_pinned_grid_dispose (GObject *object)
{
  TbPinnedGrid *self = TB_PINNED_GRID (object);

  g_clear_handle_id (&self->reveal_idle, g_source_remove);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_clear_object (&self->hadjustment);

  G_OBJECT_CLASS (tb_pinned_grid_parent_class)->dispose (object);
}

static void
tb_pinned_grid_class_init (TbPinnedGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_pinned_grid_dispose;
  widget_class->snapshot = tb_pinned_grid_snapshot;
  widget_class->set_focus_child = tb_pinned_grid_set_focus_child;
}

static void
tb_pinned_grid_init (TbPinnedGrid *self)
{
}

/* ------------------------------------------------------------------ public */

GtkWidget *
tb_pinned_grid_new (void)
{
  return g_object_new (TB_TYPE_PINNED_GRID, NULL);
}

void
tb_pinned_grid_set_pinned (TbPinnedGrid  *self,
                           guint          n_columns,
                           GtkAdjustment *hadjustment)
{
  g_return_if_fail (TB_IS_PINNED_GRID (self));
  g_return_if_fail (hadjustment == NULL || GTK_IS_ADJUSTMENT (hadjustment));

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_set_object (&self->hadjustment, hadjustment);
  if (hadjustment != NULL)
    g_signal_connect_swapped (hadjustment, "value-changed", G_CALLBACK (on_scrolled_cb), self);
  self->n_pinned = n_columns;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
tb_pinned_grid_get_pinned_width (TbPinnedGrid *self)
{
  int right = 0;

  g_return_val_if_fail (TB_IS_PINNED_GRID (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (is_pinned (self, child) &&
          gtk_widget_compute_bounds (child, GTK_WIDGET (self), &bounds))
        right = MAX (right, (int) (bounds.origin.x + bounds.size.width));
    }
  return right;
}
