/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* PsiDetailPane: every field of one record, loaded in full from the store, and the records
 * linked to it in groups (a municipality's clusters, awards and officials...). Activating a
 * linked record activates "win.open-record" with (kind, id). Shows a placeholder when nothing
 * is selected. */

#define PSI_TYPE_DETAIL_PANE (psi_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (PsiDetailPane, psi_detail_pane, PSI, DETAIL_PANE, GtkWidget)

GtkWidget   *psi_detail_pane_new          (void);
PsiStore    *psi_detail_pane_get_store    (PsiDetailPane  *self);
void         psi_detail_pane_set_store    (PsiDetailPane  *self,
                                           PsiStore       *store);
/* Shows the record of that kind and id (0 = nothing). Returns FALSE when it cannot be loaded;
 * the pane then shows the error. */
gboolean     psi_detail_pane_show_record  (PsiDetailPane  *self,
                                           PsiRecordKind   kind,
                                           gint64          id);
/* The record shown (full), or NULL. */
PsiRecord   *psi_detail_pane_get_record   (PsiDetailPane  *self);
/* The linked records of a kind the pane shows as a group, or NULL when it shows no such group. */
GListModel  *psi_detail_pane_get_related  (PsiDetailPane  *self,
                                           PsiRecordKind   kind);

G_END_DECLS
