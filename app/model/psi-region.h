/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* A region (oblast), e.g. Jalal-Abad region. No own properties beyond PsiRecord. */

#define PSI_TYPE_REGION (psi_region_get_type ())

G_DECLARE_FINAL_TYPE (PsiRegion, psi_region, PSI, REGION, PsiRecord)

PsiRegion *psi_region_new (void);


G_END_DECLS
