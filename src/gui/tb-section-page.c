/* tb-section-page.c: base class of the pages of the form (one per part of the report)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-section-page"

#include "config.h"

#include "tb-cell-entry.h"
#include "tb-section-page.h"

/* ------------------------------------------------------------------ struct */

typedef struct
{
  TbReport  *report;
  int        section;
  GPtrArray *cells;
} TbSectionPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TbSectionPage, tb_section_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ overrides */

static void
tb_section_page_real_sync (TbSectionPage  *self,
                           TbReportChange  change,
                           const char     *id)
{
}

static void
tb_section_page_real_focus_main (TbSectionPage *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
tb_section_page_dispose (GObject *object)
{
  TbSectionPage *self = TB_SECTION_PAGE (object);
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&priv->cells, g_ptr_array_unref);
  g_clear_object (&priv->report);

  G_OBJECT_CLASS (tb_section_page_parent_class)->dispose (object);
}

static void
tb_section_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TbSectionPage *self = TB_SECTION_PAGE (object);
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, priv->report);
      break;
    case PROP_SECTION:
      g_value_set_int (value, priv->section);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_section_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TbSectionPage *self = TB_SECTION_PAGE (object);
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_REPORT:
      tb_section_page_set_report (self, g_value_get_object (value));
      break;
    case PROP_SECTION:
      priv->section = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_section_page_class_init (TbSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_section_page_dispose;
  object_class->get_property = tb_section_page_get_property;
  object_class->set_property = tb_section_page_set_property;

  klass->sync = tb_section_page_real_sync;
  klass->focus_main = tb_section_page_real_focus_main;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, TB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION] =
    g_param_spec_int ("section", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_section_page_init (TbSectionPage *self)
{
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  priv->section = -1;
  priv->cells = g_ptr_array_new ();
}

/* ------------------------------------------------------------------ public */

TbReport *
tb_section_page_get_report (TbSectionPage *self)
{
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  g_return_val_if_fail (TB_IS_SECTION_PAGE (self), NULL);
  return priv->report;
}

void
tb_section_page_set_report (TbSectionPage *self,
                            TbReport      *report)
{
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  g_return_if_fail (TB_IS_SECTION_PAGE (self));
  g_return_if_fail (report == NULL || TB_IS_REPORT (report));

  if (!g_set_object (&priv->report, report))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  if (report == NULL)
    return;
  /* Pages are only reused for a report of the same format: the cells stay valid. */
  for (guint i = 0; i < priv->cells->len; i++)
    tb_cell_entry_set_report (g_ptr_array_index (priv->cells, i), report);
  tb_section_page_sync (self, TB_REPORT_CHANGE_BULK, NULL);
}

void
tb_section_page_sync (TbSectionPage  *self,
                      TbReportChange  change,
                      const char     *id)
{
  g_return_if_fail (TB_IS_SECTION_PAGE (self));
  TB_SECTION_PAGE_GET_CLASS (self)->sync (self, change, id);
}

void
tb_section_page_focus_main (TbSectionPage *self)
{
  g_return_if_fail (TB_IS_SECTION_PAGE (self));
  TB_SECTION_PAGE_GET_CLASS (self)->focus_main (self);
}

GPtrArray *
tb_section_page_get_cells (TbSectionPage *self)
{
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  g_return_val_if_fail (TB_IS_SECTION_PAGE (self), NULL);
  return priv->cells;
}

void
tb_section_page_add_cell (TbSectionPage *self,
                          GtkWidget     *cell)
{
  TbSectionPagePrivate *priv = tb_section_page_get_instance_private (self);

  g_return_if_fail (TB_IS_SECTION_PAGE (self));
  g_ptr_array_add (priv->cells, cell);
}
