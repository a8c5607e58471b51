/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-record.h"

G_BEGIN_DECLS

/* An award in a competition. The recipient is a municipality or a cluster; or, for awards the
 * source gives only as a number ("20 other municipalities received incentive prizes"), neither,
 * with recipient-count > 1 saying how many unnamed recipients share the award record.
 * Properties:
 *   competition-id     gint64 (required)   competition-name  PsiText (filled by the store)
 *   municipality-id    gint64 (0 = none)   cluster-id        gint64 (0 = none); not both
 *   recipient-name     PsiText (filled by the store: the municipality's or cluster's name)
 *   recipient-count    guint >= 1
 *   place              guint, 1..n, 0 = no place
 *   award-kind         PsiAwardKind
 *   condition          PsiText, what a conditional winner must do
 *   condition-deadline string ISO date or NULL
 *   certificate        gboolean, a certificate was handed over
 *   grant-kgs          gint64 >= 0, grant in Kyrgyz som
 *   items              GListStore of PsiPrizeItem (in-kind prizes)
 * The title is the recipient name, or e.g. "20 municipalities" for unnamed recipients. */

#define PSI_TYPE_AWARD (psi_award_get_type ())

G_DECLARE_FINAL_TYPE (PsiAward, psi_award, PSI, AWARD, PsiRecord)

PsiAward *psi_award_new (void);
gint64        psi_award_get_competition_id        (PsiAward     *self);
void          psi_award_set_competition_id        (PsiAward     *self,
                                                   gint64        competition_id);
PsiText      *psi_award_get_competition_name      (PsiAward     *self);
void          psi_award_set_competition_name      (PsiAward     *self,
                                                   PsiText      *name);
gint64        psi_award_get_municipality_id       (PsiAward     *self);
void          psi_award_set_municipality_id       (PsiAward     *self,
                                                   gint64        municipality_id);
gint64        psi_award_get_cluster_id            (PsiAward     *self);
void          psi_award_set_cluster_id            (PsiAward     *self,
                                                   gint64        cluster_id);
PsiText      *psi_award_get_recipient_name        (PsiAward     *self);
void          psi_award_set_recipient_name        (PsiAward     *self,
                                                   PsiText      *name);
guint         psi_award_get_recipient_count       (PsiAward     *self);
void          psi_award_set_recipient_count       (PsiAward     *self,
                                                   guint         count);
guint         psi_award_get_place                 (PsiAward     *self);
void          psi_award_set_place                 (PsiAward     *self,
                                                   guint         place);
PsiAwardKind  psi_award_get_award_kind            (PsiAward     *self);
void          psi_award_set_award_kind            (PsiAward     *self,
                                                   PsiAwardKind  kind);
PsiText      *psi_award_get_condition             (PsiAward     *self);
void          psi_award_set_condition             (PsiAward     *self,
                                                   PsiText      *condition);
const char   *psi_award_get_condition_deadline    (PsiAward     *self);
void          psi_award_set_condition_deadline    (PsiAward     *self,
                                                   const char   *date);
gboolean      psi_award_get_certificate           (PsiAward     *self);
void          psi_award_set_certificate           (PsiAward     *self,
                                                   gboolean      certificate);
gint64        psi_award_get_grant_kgs             (PsiAward     *self);
void          psi_award_set_grant_kgs             (PsiAward     *self,
                                                   gint64        grant_kgs);
GListStore   *psi_award_get_items                 (PsiAward     *self);
/* Validates the invariants above; on failure sets a translated PSI_MODEL_ERROR. */
gboolean      psi_award_validate                  (PsiAward     *self,
                                                   GError      **error);

G_END_DECLS
