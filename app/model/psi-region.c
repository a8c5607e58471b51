/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-region"

#include "config.h"

#include "psi-region.h"

struct _PsiRegion
{
  PsiRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (PsiRegion, psi_region, PSI_TYPE_RECORD)

static void
psi_region_class_init (PsiRegionClass *klass)
{
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  record_class->kind = PSI_RECORD_KIND_REGION;
}

static void
psi_region_init (PsiRegion *self)
{
}

PsiRegion *
psi_region_new (void)
{
  return g_object_new (PSI_TYPE_REGION, NULL);
}
