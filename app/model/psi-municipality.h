/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* A municipality: a rural municipality (ayil aimak, run by an ayil okmotu) or a town.
 * Properties:
 *   municipality-kind  PsiMunicipalityKind
 *   region-id          gint64 (required)      region-name    PsiText (filled by the store)
 *   district-id        gint64 (0 = unknown)   district-name  PsiText (filled by the store)
 *   pilot              gboolean, a pilot municipality of the project */

#define PSI_TYPE_MUNICIPALITY (psi_municipality_get_type ())

G_DECLARE_FINAL_TYPE (PsiMunicipality, psi_municipality, PSI, MUNICIPALITY, PsiRecord)

PsiMunicipality *psi_municipality_new (void);
PsiMunicipalityKind  psi_municipality_get_municipality_kind (PsiMunicipality     *self);
void                 psi_municipality_set_municipality_kind (PsiMunicipality     *self,
                                                             PsiMunicipalityKind  kind);
gint64               psi_municipality_get_region_id         (PsiMunicipality     *self);
void                 psi_municipality_set_region_id         (PsiMunicipality     *self,
                                                             gint64               region_id);
PsiText             *psi_municipality_get_region_name       (PsiMunicipality     *self);
void                 psi_municipality_set_region_name       (PsiMunicipality     *self,
                                                             PsiText             *name);
gint64               psi_municipality_get_district_id       (PsiMunicipality     *self);
void                 psi_municipality_set_district_id       (PsiMunicipality     *self,
                                                             gint64               district_id);
PsiText             *psi_municipality_get_district_name     (PsiMunicipality     *self);
void                 psi_municipality_set_district_name     (PsiMunicipality     *self,
                                                             PsiText             *name);
gboolean             psi_municipality_get_pilot             (PsiMunicipality     *self);
void                 psi_municipality_set_pilot             (PsiMunicipality     *self,
                                                             gboolean             pilot);

G_END_DECLS
