/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-record.h"

G_BEGIN_DECLS

/* An agreement, e.g. the framework agreements signed at the end of the conference.
 * Properties:
 *   agreement-kind  PsiAgreementKind
 *   event-id        gint64 (0 = none)   event-name  PsiText (filled by the store)
 *   date            string ISO date or NULL
 *   note            PsiText
 *   signatories     GListStore of PsiParticipant (officials, organisations, or groups by
 *                   position with a count, e.g. 26 heads of ayil okmotu) */

#define PSI_TYPE_AGREEMENT (psi_agreement_get_type ())

G_DECLARE_FINAL_TYPE (PsiAgreement, psi_agreement, PSI, AGREEMENT, PsiRecord)

PsiAgreement *psi_agreement_new (void);
PsiAgreementKind  psi_agreement_get_agreement_kind  (PsiAgreement     *self);
void              psi_agreement_set_agreement_kind  (PsiAgreement     *self,
                                                     PsiAgreementKind  kind);
gint64            psi_agreement_get_event_id        (PsiAgreement     *self);
void              psi_agreement_set_event_id        (PsiAgreement     *self,
                                                     gint64            event_id);
PsiText          *psi_agreement_get_event_name      (PsiAgreement     *self);
void              psi_agreement_set_event_name      (PsiAgreement     *self,
                                                     PsiText          *name);
const char       *psi_agreement_get_date            (PsiAgreement     *self);
void              psi_agreement_set_date            (PsiAgreement     *self,
                                                     const char       *date);
PsiText          *psi_agreement_get_note            (PsiAgreement     *self);
void              psi_agreement_set_note            (PsiAgreement     *self,
                                                     PsiText          *note);
GListStore       *psi_agreement_get_signatories     (PsiAgreement     *self);

G_END_DECLS
