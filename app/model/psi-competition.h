/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-record.h"

G_BEGIN_DECLS

/* A competition announced at an event; entrants are municipalities or clusters.
 * Properties:
 *   event-id       gint64 (required)   event-name  PsiText (filled by the store)
 *   entrant-kind   PsiEntrantKind
 *   entrant-count  guint (0 = unknown), how many took part (9 clusters)
 *   description    PsiText
 *   award-count    guint, read-only in lists (filled by the store) */

#define PSI_TYPE_COMPETITION (psi_competition_get_type ())

G_DECLARE_FINAL_TYPE (PsiCompetition, psi_competition, PSI, COMPETITION, PsiRecord)

PsiCompetition *psi_competition_new (void);
gint64          psi_competition_get_event_id       (PsiCompetition *self);
void            psi_competition_set_event_id       (PsiCompetition *self,
                                                    gint64          event_id);
PsiText        *psi_competition_get_event_name     (PsiCompetition *self);
void            psi_competition_set_event_name     (PsiCompetition *self,
                                                    PsiText        *name);
PsiEntrantKind  psi_competition_get_entrant_kind   (PsiCompetition *self);
void            psi_competition_set_entrant_kind   (PsiCompetition *self,
                                                    PsiEntrantKind  kind);
guint           psi_competition_get_entrant_count  (PsiCompetition *self);
void            psi_competition_set_entrant_count  (PsiCompetition *self,
                                                    guint           count);
PsiText        *psi_competition_get_description    (PsiCompetition *self);
void            psi_competition_set_description    (PsiCompetition *self,
                                                    PsiText        *description);
guint           psi_competition_get_award_count    (PsiCompetition *self);
void            psi_competition_set_award_count    (PsiCompetition *self,
                                                    guint           count);

G_END_DECLS
