/* tb-table-grid.c: an official table (二、三、四) as a grid of labels and value cells
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from TbTableSpec.items: every label and value keeps the row, column and spans of
 * the official table. The header rows sit in a grid of their own above the scrolled body
 * so they stay visible; both grids get the same fixed column widths (an invisible spacer
 * per column), and labels ask for no width of their own (they wrap), so the columns line
 * up whatever the labels say.
 */
#define G_LOG_DOMAIN "tb-table-grid"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cell-entry.h"
#include "tb-pinned-grid.h"
#include "tb-table-grid-private.h"

/* Width of the widest tables (三 and 四, 10 and 15 columns): fits a 1024 px window with
 * the page's margins, so that no table scrolls sideways on an office PC. Narrower windows
 * scroll the number columns under the pinned row labels (tb-pinned-grid.h). */
#define WIDE_TABLE_WIDTH   980
#define NARROW_TABLE_WIDTH 880
/* A number column is never narrower than this: room for 6 digits. */
#define MIN_VALUE_WIDTH    64

/* ------------------------------------------------------------------ struct */

typedef struct
{
  TbCellEntry *entry;
  guint        row, col, colspan;
} ValueItem;

struct _TbTableGrid
{
  GtkWidget          parent_instance;

  TbReport          *report;
  const TbTableSpec *table;
  GtkWidget         *outer;      /* GtkScrolledWindow, sideways only */
  GtkWidget         *header;     /* GtkGrid, or NULL without header rows */
  GtkWidget         *scroller;
  GtkWidget         *body;       /* GtkGrid */
  int               *widths;     /* per grid column, pixels */
  guint              n_label_columns;
  GArray            *values;     /* ValueItem, in grid order */
  GPtrArray         *cells;      /* TbCellEntry, same order */
};

G_DEFINE_FINAL_TYPE (TbTableGrid, tb_table_grid, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------ helpers */

static ValueItem *
find_item (TbTableGrid *self,
           GtkWidget   *entry)
{
  for (guint i = 0; i < self->values->len; i++)
    {
      ValueItem *item = &g_array_index (self->values, ValueItem, i);

      if (GTK_WIDGET (item->entry) == entry)
        return item;
    }
  return NULL;
}

static gboolean
skippable (ValueItem *item,
           gboolean   skip_computed)
{
  return skip_computed && tb_cell_entry_get_computed (item->entry);
}

/* The next value to the right (@forward) or left in the same grid row; with @wrap, the
 * nearest one of another row when there is none. */
static ValueItem *
step_horizontal (TbTableGrid *self,
                 ValueItem   *from,
                 gboolean     forward,
                 gboolean     wrap,
                 gboolean     skip_computed)
{
  int n = self->values->len;
  int start = from - (ValueItem *) self->values->data;
  int step = forward ? 1 : -1;

  /* Items are in row-major order of their top-left corner. */
  for (int i = start + step; i >= 0 && i < n; i += step)
    {
      ValueItem *item = &g_array_index (self->values, ValueItem, i);

      if (item->row != from->row && !wrap)
        return NULL;
      if (!skippable (item, skip_computed))
        return item;
    }
  return NULL;
}

/* The value below (@down) or above in the same column: the first row that has a value
 * covering the column @from starts in. */
static ValueItem *
step_vertical (TbTableGrid *self,
               ValueItem   *from,
               gboolean     down,
               gboolean     skip_computed)
{
  int n = self->values->len;
  int start = from - (ValueItem *) self->values->data;
  int step = down ? 1 : -1;

  for (int i = start + step; i >= 0 && i < n; i += step)
    {
      ValueItem *item = &g_array_index (self->values, ValueItem, i);

      if (item->row == from->row)
        continue;
      if (item->col <= from->col && from->col < item->col + item->colspan &&
          !skippable (item, skip_computed))
        return item;
    }
  return NULL;
}

static gboolean
looks_numeric (const char *field)
{
  for (const char *p = field; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return TRUE;
    }
  return FALSE;
}

static guint
count_to_row_end (TbTableGrid *self,
                  ValueItem   *from)
{
  guint n = 0;

  for (ValueItem *item = from; item != NULL;
       item = step_horizontal (self, item, TRUE, FALSE, FALSE))
    n++;
  return n;
}

static GtkWidget *
make_label (const TbGridItem *gi)
{
  GtkWidget *label = gtk_label_new (gi->text);
  const char *role = gi->role ? gi->role : "row";
  g_autofree char *klass = g_strconcat ("tb-", role, NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Ask for no width: the column widths decide, the label wraps into them. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "tb-cell");
  gtk_widget_add_css_class (label, "tb-label");
  gtk_widget_add_css_class (label, klass);
  gtk_widget_set_hexpand (label, FALSE);

  if (g_str_equal (role, "row") || g_str_equal (role, "block"))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_LEFT);
    }
  else
    {
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
    }
  return label;
}

static GtkWidget *
make_grid (void)
{
  GtkWidget *grid = tb_pinned_grid_new ();

  gtk_widget_add_css_class (grid, "tb-grid");
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (grid, FALSE);
  /* A one-row body in a scrolled window taller than it: no empty band below the row. */
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  return grid;
}

static void
add_spacers (TbTableGrid *self,
             GtkGrid     *grid,
             guint        row)
{
  for (guint c = 0; c < self->table->n_columns; c++)
    {
      GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_add_css_class (spacer, "tb-spacer");
      gtk_widget_set_size_request (spacer, self->widths[c], 0);
      gtk_widget_set_can_target (spacer, FALSE);
      gtk_grid_attach (grid, spacer, c, row, 1, 1);
    }
}

static void
compute_widths (TbTableGrid *self)
{
  const TbTableSpec *t = self->table;
  int total = t->n_columns >= 8 ? WIDE_TABLE_WIDTH : NARROW_TABLE_WIDTH;
  int used = 0;

  self->widths = g_new0 (int, t->n_columns);
  for (guint c = 0; c < t->n_columns; c++)
    {
      double w = t->widths != NULL ? t->widths[c] : 1.0 / t->n_columns;

      self->widths[c] = (int) (w * total);
      if (c >= self->n_label_columns)
        self->widths[c] = MAX (self->widths[c], MIN_VALUE_WIDTH);
      used += self->widths[c];
    }
  /* A short row label ("（三）不予公开") is not broken inside a word: its column gets its
   * width, taken from the widest label column. */
  for (guint i = 0; i < t->n_items; i++)
    {
      const TbGridItem *gi = &t->items[i];
      PangoLayout *layout;
      int need;

      if (gi->kind == TB_GRID_VALUE || gi->colspan != 1 || gi->col >= self->n_label_columns ||
          gi->text == NULL || g_utf8_strlen (gi->text, -1) > 8)
        continue;
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), gi->text);
      pango_layout_get_pixel_size (layout, &need, NULL);
      g_object_unref (layout);
      /* The label's padding, and bold block labels. */
      need = need * 11 / 10 + 18;
      if (need > self->widths[gi->col])
        {
          used += need - self->widths[gi->col];
          self->widths[gi->col] = need;
        }
    }
  if (used > total && self->n_label_columns > 0)
    {
      guint widest = 0;

      for (guint c = 1; c < self->n_label_columns; c++)
        if (self->widths[c] > self->widths[widest])
          widest = c;
      self->widths[widest] -= used - total;
      used = total;
    }
  /* Rounding leftovers (or what the number columns took over) go to the first column. */
  self->widths[0] = MAX (self->widths[0] + total - used, MIN_VALUE_WIDTH);
}

/* The leading columns that hold no value: the row labels, pinned when scrolling. */
static guint
count_label_columns (const TbTableSpec *t)
{
  guint n = t->n_columns;

  for (guint i = 0; i < t->n_items; i++)
    if (t->items[i].kind == TB_GRID_VALUE)
      n = MIN (n, t->items[i].col);
  return n;
}

/* ------------------------------------------------------------------ callbacks */

static gboolean
on_cell_navigate_cb (TbCellEntry *entry,
                     int          direction,
                     TbTableGrid *self)
{
  ValueItem *from = find_item (self, GTK_WIDGET (entry));
  ValueItem *to = NULL;

  if (from == NULL)
    return FALSE;

  switch ((TbNavigate) direction)
    {
    case TB_NAVIGATE_NEXT:
      to = step_horizontal (self, from, TRUE, TRUE, TRUE);
      break;
    case TB_NAVIGATE_PREV:
      to = step_horizontal (self, from, FALSE, TRUE, TRUE);
      break;
    case TB_NAVIGATE_DOWN:
      to = step_vertical (self, from, TRUE, TRUE);
      break;
    case TB_NAVIGATE_UP:
      to = step_vertical (self, from, FALSE, TRUE);
      break;
    default:
      break;
    }

  if (to == NULL)
    {
      /* Tab at the end leaves the table as usual. Enter on the last row stays put, with
       * the value selected again so that the next figure typed replaces it. */
      if (direction != TB_NAVIGATE_DOWN && direction != TB_NAVIGATE_UP)
        return FALSE;
      tb_cell_entry_focus (entry);
      return TRUE;
    }
  tb_cell_entry_focus (to->entry);
  return TRUE;
}

static gboolean
on_cell_paste_block_cb (TbCellEntry *entry,
                        GPtrArray   *rows,
                        TbTableGrid *self)
{
  g_autofree char *message = tb_table_grid_paste (self, GTK_WIDGET (entry), rows);

  if (message != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  return TRUE;
}

/* ------------------------------------------------------------------ building */

static void
build (TbTableGrid *self)
{
  const TbTableSpec *t = self->table;
  const TbFormat *format = tb_report_get_format (self->report);
  guint n_head = t->n_header_rows;
  GtkWidget *box;

  self->n_label_columns = count_label_columns (t);
  compute_widths (self);

  /* Narrow windows scroll the whole table sideways (header and body together); only the
   * body scrolls vertically, under its header. */
  self->outer = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->outer),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_set_vexpand (self->outer, TRUE);
  gtk_widget_set_parent (self->outer, GTK_WIDGET (self));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->outer), box);

  if (n_head > 0)
    {
      self->header = make_grid ();
      gtk_widget_add_css_class (self->header, "tb-header");
      gtk_box_append (GTK_BOX (box), self->header);
    }

  self->body = make_grid ();
  gtk_widget_add_css_class (self->body, "tb-body");
  if (n_head == 0)
    gtk_widget_add_css_class (self->body, "tb-top");
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_valign (self->scroller, GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->body);
  gtk_box_append (GTK_BOX (box), self->scroller);

  for (guint i = 0; i < t->n_items; i++)
    {
      const TbGridItem *gi = &t->items[i];
      gboolean in_head = gi->row < n_head;
      GtkGrid *grid = GTK_GRID (in_head ? self->header : self->body);
      guint row = in_head ? gi->row : gi->row - n_head;
      GtkWidget *child;

      if (gi->kind == TB_GRID_VALUE)
        {
          ValueItem item = { NULL, gi->row, gi->col, gi->colspan };

          child = tb_cell_entry_new (self->report, gi->cell);
          gtk_widget_add_css_class (child, "tb-cell");
          if (tb_format_get_cell (format, gi->cell)->total_rule >= 0)
            gtk_widget_add_css_class (child, "tb-total");
          item.entry = TB_CELL_ENTRY (child);
          g_array_append_val (self->values, item);
          g_ptr_array_add (self->cells, child);
          g_signal_connect_object (child, "navigate", G_CALLBACK (on_cell_navigate_cb), self, 0);
          g_signal_connect_object (child, "paste-block", G_CALLBACK (on_cell_paste_block_cb),
                                   self, 0);
        }
      else
        child = make_label (gi);

      gtk_grid_attach (grid, child, gi->col, row, gi->colspan, gi->rowspan);
    }

  if (self->header != NULL)
    add_spacers (self, GTK_GRID (self->header), n_head);
  add_spacers (self, GTK_GRID (self->body), t->n_rows - n_head);

  /* Row labels stay in view while the number columns scroll sideways. */
  {
    GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->outer));

    if (self->header != NULL)
      tb_pinned_grid_set_pinned (TB_PINNED_GRID (self->header), self->n_label_columns, hadj);
    tb_pinned_grid_set_pinned (TB_PINNED_GRID (self->body), self->n_label_columns, hadj);
  }
}

/* ------------------------------------------------------------------ overrides */

static void
tb_table_grid_dispose (GObject *object)
{
  TbTableGrid *self = TB_TABLE_GRID (object);

  g_clear_pointer (&self->outer, gtk_widget_unparent);
  self->header = NULL;
  self->scroller = NULL;
  self->body = NULL;
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->widths, g_free);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (tb_table_grid_parent_class)->dispose (object);
}

static void
tb_table_grid_class_init (TbTableGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_table_grid_dispose;

  gtk_widget_class_set_css_name (widget_class, "tbtable");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
tb_table_grid_init (TbTableGrid *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->values = g_array_new (FALSE, FALSE, sizeof (ValueItem));
  self->cells = g_ptr_array_new ();
}

/* ------------------------------------------------------------------ public */

GtkWidget *
tb_table_grid_new (TbReport          *report,
                   const TbTableSpec *table)
{
  TbTableGrid *self;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (TB_TYPE_TABLE_GRID, NULL);
  self->report = g_object_ref (report);
  self->table = table;
  build (self);
  return GTK_WIDGET (self);
}

GPtrArray *
tb_table_grid_get_cells (TbTableGrid *self)
{
  g_return_val_if_fail (TB_IS_TABLE_GRID (self), NULL);
  return self->cells;
}

int
tb_table_grid_get_column_width (TbTableGrid *self,
                                guint        col)
{
  g_return_val_if_fail (TB_IS_TABLE_GRID (self), 0);
  g_return_val_if_fail (col < self->table->n_columns, 0);
  return self->widths[col];
}

char *
tb_table_grid_paste (TbTableGrid *self,
                     GtkWidget   *cell,
                     GPtrArray   *rows)
{
  ValueItem *row_start;
  g_autoptr(GPtrArray) unread = g_ptr_array_new ();
  guint pasted = 0, lost = 0;
  TbReport *report;
  GString *message;

  g_return_val_if_fail (TB_IS_TABLE_GRID (self), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  row_start = find_item (self, cell);
  g_return_val_if_fail (row_start != NULL, NULL);
  report = self->report;

  /* One ::changed for the whole block: one rules run, one redraw. */
  tb_report_freeze (report);
  for (guint r = 0; r < rows->len; r++)
    {
      char **fields = g_ptr_array_index (rows, r);
      guint n = g_strv_length (fields);
      guint first = 0;
      ValueItem *item;

      if (r > 0 && row_start != NULL)
        row_start = step_vertical (self, row_start, TRUE, FALSE);
      if (row_start == NULL)
        {
          lost += n;
          continue;
        }

      /* A row copied with its label ("一、本年新收…  12  3 …"): drop leading words that are
       * no numbers while the row is longer than the cells left. */
      while (n - first > count_to_row_end (self, row_start) && !looks_numeric (fields[first]))
        first++;

      item = row_start;
      for (guint f = first; f < n; f++)
        {
          guint cell_index;

          if (item == NULL)
            {
              lost++;
              continue;
            }
          cell_index = tb_cell_entry_get_cell (item->entry);
          if (!tb_cell_entry_get_computed (item->entry))
            {
              gtk_editable_set_text (GTK_EDITABLE (item->entry), fields[f]);
              pasted++;
              if (tb_report_get_cell (report, cell_index)->state == TB_CELL_INVALID)
                g_ptr_array_add (unread, (gpointer) tb_cell_entry_get_spec (item->entry)->label);
            }
          item = step_horizontal (self, item, TRUE, FALSE, FALSE);
        }
    }
  tb_report_thaw (report);

  message = g_string_new (NULL);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE, "Pasted %u value", "Pasted %u values",
                                       pasted),
                          pasted);
  if (unread->len > 0)
    {
      g_string_append (message, _("; could not read: "));
      for (guint i = 0; i < unread->len && i < 3; i++)
        {
          if (i > 0)
            g_string_append (message, _(", "));
          g_string_append (message, g_ptr_array_index (unread, i));
        }
      if (unread->len > 3)
        g_string_append_printf (message, _(" and %u more"), unread->len - 3);
    }
  if (lost > 0)
    {
      g_string_append (message, _("; "));
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u value did not fit in the table",
                                           "%u values did not fit in the table", lost),
                              lost);
    }
  return g_string_free (message, FALSE);
}
