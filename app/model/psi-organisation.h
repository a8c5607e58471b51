/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* An organisation: donor (SDC), implementer (Helvetas, DPI), government body or partner.
 * Properties: role (PsiOrganisationRole), abbreviation (PsiText, e.g. SDC / ШАР), website (string). */

#define PSI_TYPE_ORGANISATION (psi_organisation_get_type ())

G_DECLARE_FINAL_TYPE (PsiOrganisation, psi_organisation, PSI, ORGANISATION, PsiRecord)

PsiOrganisation *psi_organisation_new (void);
PsiOrganisationRole  psi_organisation_get_role          (PsiOrganisation     *self);
void                 psi_organisation_set_role          (PsiOrganisation     *self,
                                                         PsiOrganisationRole  role);
PsiText             *psi_organisation_get_abbreviation  (PsiOrganisation     *self);
void                 psi_organisation_set_abbreviation  (PsiOrganisation     *self,
                                                         PsiText             *abbreviation);
const char          *psi_organisation_get_website       (PsiOrganisation     *self);
void                 psi_organisation_set_website       (PsiOrganisation     *self,
                                                         const char          *website);

G_END_DECLS
