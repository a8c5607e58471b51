/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* A cluster of municipalities in inter-municipal cooperation. A municipality may belong to
 * several clusters.
 * Properties:
 *   member-ids    GArray of gint64 municipality ids, in the order given (boxed G_TYPE_ARRAY)
 *   member-count  guint, read-only in lists (filled by the store; equals member-ids length
 *                 once loaded in full) */

#define PSI_TYPE_CLUSTER (psi_cluster_get_type ())

G_DECLARE_FINAL_TYPE (PsiCluster, psi_cluster, PSI, CLUSTER, PsiRecord)

PsiCluster *psi_cluster_new (void);
GArray      *psi_cluster_get_member_ids    (PsiCluster  *self);
void         psi_cluster_set_member_ids    (PsiCluster  *self,
                                            GArray      *member_ids);
void         psi_cluster_add_member        (PsiCluster  *self,
                                            gint64       municipality_id);
gboolean     psi_cluster_has_member        (PsiCluster  *self,
                                            gint64       municipality_id);
guint        psi_cluster_get_member_count  (PsiCluster  *self);
void         psi_cluster_set_member_count  (PsiCluster  *self,
                                            guint        count);

G_END_DECLS
