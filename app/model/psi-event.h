/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-record.h"

G_BEGIN_DECLS

/* An event, e.g. the year-end conference. The name is the title.
 * Properties:
 *   event-kind    PsiEventKind
 *   date          string, ISO 8601 "YYYY-MM-DD" (NULL = unknown)
 *   place         PsiText
 *   purpose       PsiText
 *   summary       PsiText
 *   participants  GListStore of PsiParticipant (read-only pointer, mutable list) */

#define PSI_TYPE_EVENT (psi_event_get_type ())

G_DECLARE_FINAL_TYPE (PsiEvent, psi_event, PSI, EVENT, PsiRecord)

PsiEvent *psi_event_new (void);
PsiEventKind  psi_event_get_event_kind    (PsiEvent     *self);
void          psi_event_set_event_kind    (PsiEvent     *self,
                                           PsiEventKind  kind);
const char   *psi_event_get_date          (PsiEvent     *self);
void          psi_event_set_date          (PsiEvent     *self,
                                           const char   *date);
PsiText      *psi_event_get_place         (PsiEvent     *self);
void          psi_event_set_place         (PsiEvent     *self,
                                           PsiText      *place);
PsiText      *psi_event_get_purpose       (PsiEvent     *self);
void          psi_event_set_purpose       (PsiEvent     *self,
                                           PsiText      *purpose);
PsiText      *psi_event_get_summary       (PsiEvent     *self);
void          psi_event_set_summary       (PsiEvent     *self,
                                           PsiText      *summary);
GListStore   *psi_event_get_participants  (PsiEvent     *self);

G_END_DECLS
