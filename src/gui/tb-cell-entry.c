/* tb-cell-entry.c: one value cell of the report (a number or an amount)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits flow one way: the entry parses nothing itself, it hands what was typed to
 * tb_report_set_cell_text(), which keeps unreadable text as typed; the window then runs
 * the rules and calls tb_cell_entry_set_mark(). Model changes made elsewhere (computed
 * totals, pasting) come back through tb_cell_entry_sync().
 */
#define G_LOG_DOMAIN "tb-cell-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-cell-entry-private.h"
#include "tb-field-limit.h"
#include "tb-paste.h"
#include "tb-tooltip.h"
#include "tb-value.h"

/* ------------------------------------------------------------------ struct */

struct _TbCellEntry
{
  GtkEntry    parent_instance;

  TbReport   *report;
  guint       cell;
  TbCellMark  mark;
  char       *mark_tooltip;
  guint       select_idle;
  gboolean    syncing;
  gboolean    computed;
  gboolean    preedit;
  gboolean    click_focus;   /* the focus came with the pointer press being handled */
  gboolean    auto_selected; /* all selected by the focus, not touched since */
};

G_DEFINE_FINAL_TYPE (TbCellEntry, tb_cell_entry, GTK_TYPE_ENTRY)

enum {
  NAVIGATE,
  PASTE_BLOCK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ helpers */

static void
update_tooltip (TbCellEntry *self)
{
  const char *text = self->mark_tooltip;

  if (text == NULL && self->computed)
    text = _("Computed from the cells it adds up. Switch on “Type totals by hand” to type it.");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  if (self->mark_tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->mark_tooltip,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* What the tooltip of @self shows (for the tests). */
char *
tb_cell_entry_dup_tooltip_shown (TbCellEntry *self)
{
  g_return_val_if_fail (TB_IS_CELL_ENTRY (self), NULL);
  return tb_tooltip_dup_shown (GTK_WIDGET (self));
}

static void
insert_replacing_selection (TbCellEntry *self,
                            const char  *text)
{
  int start, end, pos;

  if (!gtk_editable_get_editable (GTK_EDITABLE (self)))
    return;
  if (gtk_editable_get_selection_bounds (GTK_EDITABLE (self), &start, &end))
    gtk_editable_delete_text (GTK_EDITABLE (self), start, end);
  pos = gtk_editable_get_position (GTK_EDITABLE (self));
  gtk_editable_insert_text (GTK_EDITABLE (self), text, -1, &pos);
  gtk_editable_set_position (GTK_EDITABLE (self), pos);
}

/* ------------------------------------------------------------------ callbacks */

static void
on_changed_cb (TbCellEntry *self)
{
  if (self->syncing || self->report == NULL)
    return;
  self->auto_selected = FALSE;
  /* An unreadable value is kept by the model and reported by the rules. */
  tb_report_set_cell_text (self->report, self->cell,
                           gtk_editable_get_text (GTK_EDITABLE (self)), NULL);
}

static gboolean
select_all_idle_cb (gpointer data)
{
  TbCellEntry *self = data;

  self->select_idle = 0;
  if (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self)))) &&
      gtk_editable_get_editable (GTK_EDITABLE (self)))
    gtk_editable_select_region (GTK_EDITABLE (self), 0, -1);
  return G_SOURCE_REMOVE;
}

static gboolean
select_all_after_focus_cb (gpointer data)
{
  TbCellEntry *self = data;

  select_all_idle_cb (data);
  self->auto_selected = gtk_editable_get_editable (GTK_EDITABLE (self));
  return G_SOURCE_REMOVE;
}

static void
on_focus_enter_cb (TbCellEntry *self)
{
  /* After the click that gave the focus has placed the cursor: select everything, so
   * typing replaces the value as in a spreadsheet. A second click edits inside. */
  if (self->select_idle == 0 && !self->click_focus)
    self->select_idle = g_idle_add_full (G_PRIORITY_DEFAULT, select_all_after_focus_cb, self,
                                         NULL);
}

/* The value as the file holds it ("１２" → "12", "05" → "5"), or NULL when the cell holds
 * no value that reads. */
static char *
dup_normalised (TbCellEntry *self)
{
  const TbCellValue *v = tb_report_get_cell (self->report, self->cell);

  if (v->state != TB_CELL_VALID)
    return NULL;
  return tb_value_format_display (tb_cell_entry_get_spec (self), v->value, v->unit);
}

static void
on_focus_leave_cb (TbCellEntry *self)
{
  g_autofree char *shown = NULL;

  g_clear_handle_id (&self->select_idle, g_source_remove);
  if (self->report == NULL || self->preedit)
    return;
  /* What is shown is what is saved: the value written the one way it is stored. */
  shown = dup_normalised (self);
  if (shown != NULL && g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self), shown);
      self->syncing = FALSE;
    }
}

static gboolean
on_pointer_event_cb (GtkEventControllerLegacy *controller,
                     GdkEvent                 *event,
                     TbCellEntry              *self)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self)));

  /* Seen before the text's own gestures (capture phase), which place the cursor on
   * release: select everything after that release, once, when the click gave focus. */
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
      /* The first click on a cell, or on one the keyboard just selected, selects it all
       * (typing replaces the value); the next click places the cursor. */
      self->click_focus = !gtk_widget_has_focus (text) || self->auto_selected;
      self->auto_selected = FALSE;
      break;
    case GDK_BUTTON_RELEASE:
      if (self->click_focus)
        {
          self->click_focus = FALSE;
          g_clear_handle_id (&self->select_idle, g_source_remove);
          self->select_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, select_all_idle_cb,
                                               self, NULL);
        }
      break;
    default:
      break;
    }
  return FALSE;
}

static gboolean
on_key_pressed_cb (TbCellEntry    *self,
                   guint           keyval,
                   guint           keycode,
                   GdkModifierType state)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  TbNavigate direction;
  gboolean handled = FALSE;

  /* Keys belong to the input method while it composes. */
  if (self->preedit)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods == 0)
        direction = TB_NAVIGATE_NEXT;
      else if (mods == GDK_SHIFT_MASK)
        direction = TB_NAVIGATE_PREV;
      else
        return FALSE;
      break;
    case GDK_KEY_ISO_Left_Tab:
      if (mods != GDK_SHIFT_MASK && mods != 0)
        return FALSE;
      direction = TB_NAVIGATE_PREV;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods == 0)
        direction = TB_NAVIGATE_DOWN;
      else if (mods == GDK_SHIFT_MASK)
        direction = TB_NAVIGATE_UP;
      else
        return FALSE;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (mods != 0)
        return FALSE;
      direction = TB_NAVIGATE_DOWN;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (mods != 0)
        return FALSE;
      direction = TB_NAVIGATE_UP;
      break;
    default:
      return FALSE;
    }

  g_signal_emit (self, signals[NAVIGATE], 0, direction, &handled);
  return handled;
}

static void
on_preedit_changed_cb (TbCellEntry *self,
                       const char  *preedit)
{
  self->preedit = preedit != NULL && *preedit != '\0';
}

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(TbCellEntry) self = data;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean handled = FALSE;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (text == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  rows = tb_paste_split (text);
  if (rows->len == 0)
    return;
  if (rows->len == 1 && tb_paste_get_width (rows) == 1)
    {
      insert_replacing_selection (self, ((char **) g_ptr_array_index (rows, 0))[0]);
      return;
    }
  g_signal_emit (self, signals[PASTE_BLOCK], 0, rows, &handled);
  if (!handled)
    {
      char **first = g_ptr_array_index (rows, 0);

      if (first[0] != NULL)
        insert_replacing_selection (self, first[0]);
    }
}

static void
on_paste_clipboard_cb (GtkText     *text,
                       TbCellEntry *self)
{
  /* Read the text ourselves: a row or a block copied from a spreadsheet fills the grid. */
  g_signal_stop_emission_by_name (text, "paste-clipboard");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 on_clipboard_text_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ overrides */

static void
tb_cell_entry_dispose (GObject *object)
{
  TbCellEntry *self = TB_CELL_ENTRY (object);

  g_clear_handle_id (&self->select_idle, g_source_remove);
  g_clear_object (&self->report);
  g_clear_pointer (&self->mark_tooltip, g_free);

  G_OBJECT_CLASS (tb_cell_entry_parent_class)->dispose (object);
}

static void
tb_cell_entry_class_init (TbCellEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_cell_entry_dispose;

  /**
   * TbCellEntry::navigate:
   * @direction: a #TbNavigate
   *
   * A spreadsheet movement key was pressed. Returns: %TRUE if the focus was moved.
   */
  signals[NAVIGATE] =
    g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_INT);
  /**
   * TbCellEntry::paste-block:
   * @rows: (element-type GStrv): from tb_paste_split(), more than one field
   *
   * Returns: %TRUE if the block was pasted into the grid.
   */
  signals[PASTE_BLOCK] =
    g_signal_new ("paste-block", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_PTR_ARRAY);
}

static void
tb_cell_entry_init (TbCellEntry *self)
{
  GtkEventController *controller;
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self)));

  gtk_widget_add_css_class (GTK_WIDGET (self), "tb-value");
  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  gtk_editable_set_alignment (GTK_EDITABLE (self), 1.0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self), 3);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (self), GTK_INPUT_PURPOSE_NUMBER);
  /* Ctrl+Z belongs to the report's history (tb-history.h), not to each field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self), FALSE);
  tb_field_limit_editable (GTK_EDITABLE (self), TB_FIELD_CELL);

  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);
  tb_tooltip_keep_terms (GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_pointer_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_swapped (text, "preedit-changed", G_CALLBACK (on_preedit_changed_cb), self);
  g_signal_connect (text, "paste-clipboard", G_CALLBACK (on_paste_clipboard_cb), self);
}

/* ------------------------------------------------------------------ public */

GtkWidget *
tb_cell_entry_new (TbReport *report,
                   guint     cell)
{
  TbCellEntry *self;
  const TbCellSpec *spec;

  g_return_val_if_fail (TB_IS_REPORT (report), NULL);

  spec = tb_format_get_cell (tb_report_get_format (report), cell);
  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (TB_TYPE_CELL_ENTRY, NULL);
  self->report = g_object_ref (report);
  self->cell = cell;
  gtk_widget_set_name (GTK_WIDGET (self), spec->id);
  /* What a screen reader says and what an AT-SPI script looks for: "（七）总计 自然人". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spec->label,
                                  -1);
  if (spec->kind == TB_CELL_AMOUNT || spec->kind == TB_CELL_AMOUNT_UNIT)
    gtk_entry_set_input_purpose (GTK_ENTRY (self), GTK_INPUT_PURPOSE_NUMBER);
  tb_cell_entry_sync (self);
  return GTK_WIDGET (self);
}

guint
tb_cell_entry_get_cell (TbCellEntry *self)
{
  g_return_val_if_fail (TB_IS_CELL_ENTRY (self), 0);
  return self->cell;
}

const TbCellSpec *
tb_cell_entry_get_spec (TbCellEntry *self)
{
  g_return_val_if_fail (TB_IS_CELL_ENTRY (self), NULL);
  return tb_format_get_cell (tb_report_get_format (self->report), self->cell);
}

void
tb_cell_entry_set_report (TbCellEntry *self,
                          TbReport    *report)
{
  g_return_if_fail (TB_IS_CELL_ENTRY (self));
  g_return_if_fail (TB_IS_REPORT (report));
  g_return_if_fail (tb_report_get_format (report) == tb_report_get_format (self->report));

  if (g_set_object (&self->report, report))
    tb_cell_entry_sync (self);
}

void
tb_cell_entry_sync (TbCellEntry *self)
{
  const TbCellValue *v;
  const char *want;
  gboolean computed;

  g_return_if_fail (TB_IS_CELL_ENTRY (self));

  v = tb_report_get_cell (self->report, self->cell);
  want = v->state == TB_CELL_EMPTY || v->text == NULL ? "" : v->text;
  /* The model keeps the text as typed, so a cell being typed into is left alone; one
   * showing the value as saved ("12" for a typed "１２") too. Other cells show the value
   * as saved. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), want) != 0)
    {
      g_autofree char *shown = dup_normalised (self);
      gboolean focused = gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))));

      if (shown == NULL || g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
        {
          self->syncing = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self), shown != NULL && !focused ? shown : want);
          self->syncing = FALSE;
        }
    }

  computed = tb_form_cell_is_computed (self->report, self->cell);
  if (computed != self->computed)
    {
      self->computed = computed;
      gtk_editable_set_editable (GTK_EDITABLE (self), !computed);
      if (computed)
        gtk_widget_add_css_class (GTK_WIDGET (self), "tb-computed");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "tb-computed");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_READ_ONLY, computed,
                                      -1);
      update_tooltip (self);
    }
}

void
tb_cell_entry_set_mark (TbCellEntry *self,
                        TbCellMark   mark,
                        const char  *tooltip)
{
  g_return_if_fail (TB_IS_CELL_ENTRY (self));

  if (mark != self->mark)
    {
      self->mark = mark;
      if (mark == TB_CELL_MARK_ERROR)
        gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      if (mark == TB_CELL_MARK_WARNING)
        gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   mark == TB_CELL_MARK_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                              : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
  if (g_strcmp0 (tooltip, self->mark_tooltip) != 0)
    {
      g_free (self->mark_tooltip);
      self->mark_tooltip = g_strdup (tooltip);
      update_tooltip (self);
    }
}

TbCellMark
tb_cell_entry_get_mark (TbCellEntry *self)
{
  g_return_val_if_fail (TB_IS_CELL_ENTRY (self), TB_CELL_MARK_NONE);
  return self->mark;
}

gboolean
tb_cell_entry_get_computed (TbCellEntry *self)
{
  g_return_val_if_fail (TB_IS_CELL_ENTRY (self), FALSE);
  return self->computed;
}

void
tb_cell_entry_focus (TbCellEntry *self)
{
  g_return_if_fail (TB_IS_CELL_ENTRY (self));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (gtk_editable_get_editable (GTK_EDITABLE (self)))
    {
      gtk_editable_select_region (GTK_EDITABLE (self), 0, -1);
      self->auto_selected = TRUE;
    }
}
