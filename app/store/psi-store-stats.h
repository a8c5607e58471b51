/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-store.h"

G_BEGIN_DECLS

/* Aggregate figures of an event and consistency findings, computed in SQL (prepared, bound
 * statements) for the overview page. Plain structs: the UI only renders them; names are given
 * as (kind, id) so that the UI shows them in the interface language.
 *
 * Awards are counted by recipients: an award row stands for recipient_count recipients (the
 * sample's "20 other municipalities" incentive prizes are one row with recipient_count 20). */

typedef struct
{
  PsiRecordKind  kind;      /* PSI_RECORD_KIND_REGION or _COMPETITION; place bars: _AWARD */
  gint64         id;        /* the record; the place for place bars; 0: not named */
  gint64         value;     /* recipients */
} PsiStatsBar;

typedef struct
{
  gint64   event_id;
  /* Municipalities taking part: the larger of the counts of heads (heads of ayil okmotu and
   * mayors) and of council chairpersons among the event's participants. */
  gint64   municipalities;
  gint64   competitions;
  gint64   award_rows;
  gint64   recipients;
  gint64   winners;                /* recipients, by kind of award */
  gint64   conditional_winners;
  gint64   incentive_prizes;
  gint64   certificates;           /* recipients whose award includes a certificate */
  gint64   grants_kgs;             /* sum of grant_kgs × recipient_count */
  /* Items handed out: count × recipient_count, an item without a stated count as one */
  gint64   laptops;
  gint64   printers;
  gint64   other_items;
  GArray  *by_place;        /* PsiStatsBar, kind AWARD, id = place (1, 2, ...), by place */
  GArray  *by_region;       /* PsiStatsBar, kind REGION, id 0 for awards without a named
                             * recipient; a cluster counts once in each region of its members */
  GArray  *by_competition;  /* PsiStatsBar, kind COMPETITION, in the order of the competitions */
} PsiEventStats;

typedef enum
{
  /* A competition's recipients (count) outnumber its stated entrants (limit). */
  PSI_FINDING_MORE_RECIPIENTS_THAN_ENTRANTS,
  /* A municipality competition's recipients (count) outnumber the municipalities taking part
   * in its event (limit). */
  PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS,
  /* A cluster (record) has a member (other) that is not a pilot municipality. */
  PSI_FINDING_MEMBER_NOT_PILOT,
  /* A conditional-winner award (record, of competition other; count recipients) has no
   * deadline for its condition. */
  PSI_FINDING_CONDITION_WITHOUT_DEADLINE,
  /* A record has a name, but not in every language: missing is a mask of 1 << PsiLanguage. */
  PSI_FINDING_NAME_MISSING,
} PsiFindingKind;

typedef struct
{
  PsiFindingKind  kind;
  PsiRecordKind   record_kind;
  gint64          record_id;
  PsiRecordKind   other_kind;
  gint64          other_id;     /* 0 when none */
  gint64          count;
  gint64          limit;
  guint           missing;
} PsiFinding;

void           psi_event_stats_free          (PsiEventStats  *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsiEventStats, psi_event_stats_free)

/* The figures of one event; NULL with PSI_STORE_ERROR_NOT_FOUND when there is no such event. */
PsiEventStats *psi_store_stats_event         (PsiStore       *store,
                                              gint64          event_id,
                                              GError        **error);
/* What looks wrong, without refusing it: the findings of the event (recipients against entrants
 * and participants, conditions without a deadline) and of the whole file (cluster members that
 * are not pilot municipalities, names missing in a language), in that order. An array of
 * PsiFinding, empty when nothing looks wrong; NULL on error. */
GArray        *psi_store_stats_findings      (PsiStore       *store,
                                              gint64          event_id,
                                              GError        **error);

G_END_DECLS
