/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-cluster"

#include "config.h"

#include <string.h>

#include "psi-cluster.h"

struct _PsiCluster
{
  PsiRecord  parent_instance;

  GArray    *member_ids;
  guint      member_count;
};

G_DEFINE_FINAL_TYPE (PsiCluster, psi_cluster, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MEMBER_COUNT,
  PROP_MEMBER_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_cluster_finalize (GObject *object)
{
  PsiCluster *self = PSI_CLUSTER (object);

  g_clear_pointer (&self->member_ids, g_array_unref);

  G_OBJECT_CLASS (psi_cluster_parent_class)->finalize (object);
}

static void
psi_cluster_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PsiCluster *self = PSI_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_MEMBER_COUNT:
      g_value_set_uint (value, psi_cluster_get_member_count (self));
      break;

    case PROP_MEMBER_IDS:
      g_value_set_boxed (value, psi_cluster_get_member_ids (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_cluster_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PsiCluster *self = PSI_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_MEMBER_COUNT:
      psi_cluster_set_member_count (self, g_value_get_uint (value));
      break;

    case PROP_MEMBER_IDS:
      psi_cluster_set_member_ids (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_cluster_class_init (PsiClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->finalize = psi_cluster_finalize;
  object_class->get_property = psi_cluster_get_property;
  object_class->set_property = psi_cluster_set_property;

  record_class->kind = PSI_RECORD_KIND_CLUSTER;

  properties[PROP_MEMBER_COUNT] =
    g_param_spec_uint ("member-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* GArray of gint64 municipality ids */
  properties[PROP_MEMBER_IDS] =
    g_param_spec_boxed ("member-ids", NULL, NULL,
                        G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_cluster_init (PsiCluster *self)
{
  self->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

PsiCluster *
psi_cluster_new (void)
{
  return g_object_new (PSI_TYPE_CLUSTER, NULL);
}

guint
psi_cluster_get_member_count (PsiCluster *self)
{
  g_return_val_if_fail (PSI_IS_CLUSTER (self), 0);

  return self->member_count;
}

void
psi_cluster_set_member_count (PsiCluster *self,
                              guint       member_count)
{
  g_return_if_fail (PSI_IS_CLUSTER (self));

  if (self->member_count == member_count)
    return;

  self->member_count = member_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_COUNT]);
}

/* The ids in the order given; borrowed, do not modify (use the setter or add_member). */
GArray *
psi_cluster_get_member_ids (PsiCluster *self)
{
  g_return_val_if_fail (PSI_IS_CLUSTER (self), NULL);

  return self->member_ids;
}

/* Copies member_ids (NULL empties the list) and sets member-count to its length. */
void
psi_cluster_set_member_ids (PsiCluster *self,
                            GArray     *member_ids)
{
  GArray *copy;

  g_return_if_fail (PSI_IS_CLUSTER (self));
  g_return_if_fail (member_ids == NULL ||
                    g_array_get_element_size (member_ids) == sizeof (gint64));

  if (member_ids == NULL || member_ids->len == 0)
    {
      if (self->member_ids->len == 0)
        {
          psi_cluster_set_member_count (self, 0);
          return;
        }
      copy = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  else
    {
      if (member_ids == self->member_ids ||
          (member_ids->len == self->member_ids->len &&
           memcmp (member_ids->data, self->member_ids->data,
                   member_ids->len * sizeof (gint64)) == 0))
        {
          psi_cluster_set_member_count (self, member_ids->len);
          return;
        }
      copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), member_ids->len);
      g_array_append_vals (copy, member_ids->data, member_ids->len);
    }

  g_array_unref (self->member_ids);
  self->member_ids = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_IDS]);
  psi_cluster_set_member_count (self, self->member_ids->len);
}

/* Appends a member; a municipality already in the cluster is not added twice. */
void
psi_cluster_add_member (PsiCluster *self,
                        gint64      municipality_id)
{
  g_return_if_fail (PSI_IS_CLUSTER (self));
  g_return_if_fail (municipality_id > 0);

  if (psi_cluster_has_member (self, municipality_id))
    return;

  g_array_append_val (self->member_ids, municipality_id);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_IDS]);
  psi_cluster_set_member_count (self, self->member_ids->len);
}

gboolean
psi_cluster_has_member (PsiCluster *self,
                        gint64      municipality_id)
{
  g_return_val_if_fail (PSI_IS_CLUSTER (self), FALSE);

  for (guint i = 0; i < self->member_ids->len; i++)
    {
      if (g_array_index (self->member_ids, gint64, i) == municipality_id)
        return TRUE;
    }

  return FALSE;
}
