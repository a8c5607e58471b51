/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store.h"
#include "psi-store-stats.h"

G_BEGIN_DECLS

/* PsiOverviewPage: the figures of one event (chosen in a drop-down): municipalities taking
 * part, award recipients by kind, grants, equipment, bar charts of recipients by place, region
 * and competition, and a consistency panel listing what looks wrong in the records. Everything
 * is computed by psi-store-stats.c; the page only renders it, in the interface language, and
 * renders it again when the store changes.
 *
 * Properties: store, event-id (0 = none; the first event is chosen when the store is set). */

#define PSI_TYPE_OVERVIEW_PAGE (psi_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (PsiOverviewPage, psi_overview_page, PSI, OVERVIEW_PAGE, GtkWidget)

PsiStore            *psi_overview_page_get_store     (PsiOverviewPage *self);
void                 psi_overview_page_set_store     (PsiOverviewPage *self,
                                                      PsiStore        *store);
gint64               psi_overview_page_get_event_id  (PsiOverviewPage *self);
/* FALSE when there is no such event in the drop-down */
gboolean             psi_overview_page_set_event_id  (PsiOverviewPage *self,
                                                      gint64           event_id);
/* What the page shows, for tests: NULL when no event is shown. */
const PsiEventStats *psi_overview_page_get_stats     (PsiOverviewPage *self);
/* The findings shown (PsiFinding), or NULL. */
GArray              *psi_overview_page_get_findings  (PsiOverviewPage *self);

G_END_DECLS
