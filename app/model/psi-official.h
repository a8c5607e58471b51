/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* An official: a person with a position, belonging to a municipality or an organisation.
 * The name may be empty (the press release names no one); the title then is the position and
 * whom it belongs to, e.g. "Project Manager (Helvetas)".
 * Properties:
 *   position           PsiPosition
 *   municipality-id    gint64 (0 = none)   municipality-name  PsiText (filled by the store)
 *   organisation-id    gint64 (0 = none)   organisation-name  PsiText (filled by the store) */

#define PSI_TYPE_OFFICIAL (psi_official_get_type ())

G_DECLARE_FINAL_TYPE (PsiOfficial, psi_official, PSI, OFFICIAL, PsiRecord)

PsiOfficial *psi_official_new (void);
PsiPosition  psi_official_get_position           (PsiOfficial *self);
void         psi_official_set_position           (PsiOfficial *self,
                                                  PsiPosition  position);
gint64       psi_official_get_municipality_id    (PsiOfficial *self);
void         psi_official_set_municipality_id    (PsiOfficial *self,
                                                  gint64       municipality_id);
PsiText     *psi_official_get_municipality_name  (PsiOfficial *self);
void         psi_official_set_municipality_name  (PsiOfficial *self,
                                                  PsiText     *name);
gint64       psi_official_get_organisation_id    (PsiOfficial *self);
void         psi_official_set_organisation_id    (PsiOfficial *self,
                                                  gint64       organisation_id);
PsiText     *psi_official_get_organisation_name  (PsiOfficial *self);
void         psi_official_set_organisation_name  (PsiOfficial *self,
                                                  PsiText     *name);

G_END_DECLS
