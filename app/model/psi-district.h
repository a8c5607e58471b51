/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* A district (rayon) within a region.
 * Properties: region-id (gint64), region-name (PsiText, filled by the store). */

#define PSI_TYPE_DISTRICT (psi_district_get_type ())

G_DECLARE_FINAL_TYPE (PsiDistrict, psi_district, PSI, DISTRICT, PsiRecord)

PsiDistrict *psi_district_new (void);
gint64    psi_district_get_region_id    (PsiDistrict *self);
void      psi_district_set_region_id    (PsiDistrict *self,
                                         gint64       region_id);
PsiText  *psi_district_get_region_name  (PsiDistrict *self);
void      psi_district_set_region_name  (PsiDistrict *self,
                                         PsiText     *region_name);

G_END_DECLS
