/* tb-combine-input.c: one input of Combine Reports, as its list shows it
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tb-combine-input"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-combine-input.h"
#include "tb-rules.h"

struct _TbCombineInput
{
  GObject            parent_instance;

  guint              index;
  TbMergeItemStatus  status;
  char              *agency;
  char              *file;
  char              *path;
  char              *summary;
  char              *details;
};

G_DEFINE_FINAL_TYPE (TbCombineInput, tb_combine_input, G_TYPE_OBJECT)

static void
tb_combine_input_finalize (GObject *object)
{
  TbCombineInput *self = TB_COMBINE_INPUT (object);

  g_free (self->agency);
  g_free (self->file);
  g_free (self->path);
  g_free (self->summary);
  g_free (self->details);
  G_OBJECT_CLASS (tb_combine_input_parent_class)->finalize (object);
}

static void
tb_combine_input_class_init (TbCombineInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tb_combine_input_finalize;
}

static void
tb_combine_input_init (TbCombineInput *self)
{
}

/* Why @item is not ready, naming only what it has: "Not ready: 2 errors, 1 other part
 * incomplete". */
static char *
not_ready_reason (const TbMergeItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  if (item->n_errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                          "%u errors", item->n_errors),
                                             item->n_errors));
  if (item->n_unfilled > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u cell not filled or unreadable",
                                                          "%u cells not filled or unreadable",
                                                          item->n_unfilled),
                                             item->n_unfilled));
  if (item->n_incomplete > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u other part incomplete",
                                                          "%u other parts incomplete",
                                                          item->n_incomplete),
                                             item->n_incomplete));
  if (parts->len == 0)
    return g_strdup (_("Not ready"));
  g_ptr_array_add (parts, NULL);
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  /* TRANSLATORS: why a combined report is not ready; %s lists what it has, e.g. "2 errors,
   * 3 cells not filled or unreadable" */
  return g_strdup_printf (_("Not ready: %s"), list);
}

/* The first problems of @item, one a line. */
static char *
details_text (const TbMergeItem *item)
{
  GString *text = g_string_new (NULL);
  guint n_problems = item->n_errors + item->n_incomplete;
  guint shown = 0;

  for (guint i = 0; item->issues != NULL && i < item->issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (item->issues, i);

      if (issue->severity == TB_SEVERITY_WARNING)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: "Error: <what the rule says>" */
      g_string_append_printf (text, _("%s: %s"),
                              issue->severity == TB_SEVERITY_ERROR ? _("Error")
                                                                   : _("Not filled in yet"),
                              issue->message);
      shown++;
    }
  if (shown > 0 && n_problems > shown)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("… open the report to see all of its %u problems"),
                              n_problems);
    }
  return g_string_free (text, FALSE);
}

TbCombineInput *
tb_combine_input_new (const TbMergeItem *item,
                      const char        *path)
{
  TbCombineInput *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (TB_TYPE_COMBINE_INPUT, NULL);
  self->index = item->index;
  self->status = item->status;
  self->path = g_strdup (path);
  /* The name the merge knows it by (tb_combine_stream_new()), as the breakdown CSV too. */
  self->file = g_strdup (item->source);
  self->agency = g_strdup (item->agency != NULL && *item->agency != '\0' ? item->agency
                                                                           : self->file);
  switch (item->status)
    {
    case TB_MERGE_ITEM_READY:
      self->summary = g_strdup (_("Ready"));
      self->details = g_strdup ("");
      break;
    case TB_MERGE_ITEM_NOT_READY:
      self->summary = not_ready_reason (item);
      self->details = details_text (item);
      break;
    case TB_MERGE_ITEM_FAILED:
    case TB_MERGE_ITEM_REFUSED:
    default:
      /* TRANSLATORS: an input that is not added up; %s says why */
      self->summary = g_strdup_printf (_("Not counted: %s"),
                                       item->error ? item->error->message : "");
      self->details = g_strdup (item->error ? item->error->message : "");
      break;
    }
  return self;
}

guint
tb_combine_input_get_index (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), 0);
  return self->index;
}

const char *
tb_combine_input_get_agency (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), NULL);
  return self->agency;
}

const char *
tb_combine_input_get_file (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), NULL);
  return self->file;
}

const char *
tb_combine_input_get_path (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), NULL);
  return self->path;
}

TbMergeItemStatus
tb_combine_input_get_status (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), TB_MERGE_ITEM_FAILED);
  return self->status;
}

gboolean
tb_combine_input_is_ready (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), FALSE);
  return self->status == TB_MERGE_ITEM_READY;
}

const char *
tb_combine_input_get_summary (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), NULL);
  return self->summary;
}

const char *
tb_combine_input_get_details (TbCombineInput *self)
{
  g_return_val_if_fail (TB_IS_COMBINE_INPUT (self), NULL);
  return self->details;
}
