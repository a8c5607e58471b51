/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-column-sorter"

#include "config.h"

#include "psi-column-sorter.h"

struct _PsiColumnSorter
{
  GtkSorter parent_instance;

  char *key;
};

G_DEFINE_FINAL_TYPE (PsiColumnSorter, psi_column_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first PsiColumnSorter asked to compare during a probe (main thread only). */
static PsiColumnSorter *probed_sorter;

static GtkOrdering
psi_column_sorter_compare (GtkSorter *sorter,
                           gpointer   item1,
                           gpointer   item2)
{
  PsiColumnSorter *self = PSI_COLUMN_SORTER (sorter);

  if (probed_sorter == NULL)
    probed_sorter = self;

  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
psi_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
psi_column_sorter_finalize (GObject *object)
{
  PsiColumnSorter *self = PSI_COLUMN_SORTER (object);

  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (psi_column_sorter_parent_class)->finalize (object);
}

static void
psi_column_sorter_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PsiColumnSorter *self = PSI_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, psi_column_sorter_get_key (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_column_sorter_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PsiColumnSorter *self = PSI_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      psi_column_sorter_set_key (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_column_sorter_class_init (PsiColumnSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = psi_column_sorter_finalize;
  object_class->get_property = psi_column_sorter_get_property;
  object_class->set_property = psi_column_sorter_set_property;

  sorter_class->compare = psi_column_sorter_compare;
  sorter_class->get_order = psi_column_sorter_get_order;

  /**
   * PsiColumnSorter:key:
   *
   * The PsiRecordList sort key of the column, e.g. "title" or "region".
   */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_column_sorter_init (PsiColumnSorter *self)
{
}

PsiColumnSorter *
psi_column_sorter_new (const char *key)
{
  return g_object_new (PSI_TYPE_COLUMN_SORTER, "key", key, NULL);
}

const char *
psi_column_sorter_get_key (PsiColumnSorter *self)
{
  g_return_val_if_fail (PSI_IS_COLUMN_SORTER (self), NULL);

  return self->key;
}

void
psi_column_sorter_set_key (PsiColumnSorter *self,
                           const char      *key)
{
  g_return_if_fail (PSI_IS_COLUMN_SORTER (self));

  if (g_strcmp0 (self->key, key) == 0)
    return;

  g_free (self->key);
  self->key = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
}

gboolean
psi_column_sorter_probe (GtkSorter   *view_sorter,
                         const char **key,
                         gboolean    *descending)
{
  static GObject *dummies[2];
  PsiColumnSorter *primary;
  GtkOrdering result;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (descending != NULL, FALSE);

  if (dummies[0] == NULL)
    {
      dummies[0] = g_object_new (G_TYPE_OBJECT, NULL);
      dummies[1] = g_object_new (G_TYPE_OBJECT, NULL);
    }

  probed_sorter = NULL;
  result = gtk_sorter_compare (view_sorter, dummies[0], dummies[1]);
  primary = g_steal_pointer (&probed_sorter);

  if (primary == NULL || result == GTK_ORDERING_EQUAL)
    return FALSE;

  *key = primary->key;
  *descending = (result == GTK_ORDERING_LARGER);
  return TRUE;
}
