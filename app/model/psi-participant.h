/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-enums.h"
#include "psi-text.h"
#include "psi-types.h"

G_BEGIN_DECLS

/* A participant of an event, or a signatory of an agreement: one official, one organisation,
 * or a group given by position and count ("heads of rural municipalities of all 26 pilot
 * municipalities": position head-of-ao, count 26, no official).
 * Properties:
 *   position         PsiPosition
 *   count            guint >= 1
 *   official-id      gint64 (0 = none)
 *   organisation-id  gint64 (0 = none)
 *   label            PsiText, filled by the store: the official's or organisation's name */

#define PSI_TYPE_PARTICIPANT (psi_participant_get_type ())

G_DECLARE_FINAL_TYPE (PsiParticipant, psi_participant, PSI, PARTICIPANT, GObject)

PsiParticipant *psi_participant_new                  (PsiPosition     position,
                                                      guint           count);
PsiPosition     psi_participant_get_position         (PsiParticipant *self);
void            psi_participant_set_position         (PsiParticipant *self,
                                                      PsiPosition     position);
guint           psi_participant_get_count            (PsiParticipant *self);
void            psi_participant_set_count            (PsiParticipant *self,
                                                      guint           count);
gint64          psi_participant_get_official_id      (PsiParticipant *self);
void            psi_participant_set_official_id      (PsiParticipant *self,
                                                      gint64          official_id);
gint64          psi_participant_get_organisation_id  (PsiParticipant *self);
void            psi_participant_set_organisation_id  (PsiParticipant *self,
                                                      gint64          organisation_id);
PsiText        *psi_participant_get_label            (PsiParticipant *self);
void            psi_participant_set_label            (PsiParticipant *self,
                                                      PsiText        *label);
/* "26 × Head of ayil okmotu", "Project Manager: Name" in the current language; new string */
char           *psi_participant_dup_description      (PsiParticipant *self);

G_END_DECLS
