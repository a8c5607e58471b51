/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _PsiText         PsiText;

typedef struct _PsiAgreement    PsiAgreement;
typedef struct _PsiAward        PsiAward;
typedef struct _PsiCluster      PsiCluster;
typedef struct _PsiCompetition  PsiCompetition;
typedef struct _PsiDistrict     PsiDistrict;
typedef struct _PsiEvent        PsiEvent;
typedef struct _PsiMunicipality PsiMunicipality;
typedef struct _PsiOfficial     PsiOfficial;
typedef struct _PsiOrganisation PsiOrganisation;
typedef struct _PsiParticipant  PsiParticipant;
typedef struct _PsiPrizeItem    PsiPrizeItem;
typedef struct _PsiRecord       PsiRecord;
typedef struct _PsiRegion       PsiRegion;

typedef struct _PsiRecordList   PsiRecordList;
typedef struct _PsiStore        PsiStore;

G_END_DECLS
