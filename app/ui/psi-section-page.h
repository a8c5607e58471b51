/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-detail-pane.h"
#include "psi-record-list.h"

G_BEGIN_DECLS

/* PsiSectionPage: the records of one kind: a search entry, a GtkColumnView over a
 * PsiRecordList (paged from SQLite; columns from ui/columns/psi-KIND-columns.ui), the detail
 * pane of the selected record, and an empty state ("empty": nothing stored yet;
 * "no-results": the search finds nothing).
 *
 * Properties: kind (construct-only), store, search, selected-id (0 = none). */

#define PSI_TYPE_SECTION_PAGE (psi_section_page_get_type ())

G_DECLARE_FINAL_TYPE (PsiSectionPage, psi_section_page, PSI, SECTION_PAGE, GtkWidget)

GtkWidget      *psi_section_page_new              (PsiRecordKind   kind,
                                                   PsiStore       *store);
PsiRecordKind   psi_section_page_get_kind         (PsiSectionPage *self);
PsiStore       *psi_section_page_get_store        (PsiSectionPage *self);
void            psi_section_page_set_store        (PsiSectionPage *self,
                                                   PsiStore       *store);
/* NULL until a store is set. */
PsiRecordList  *psi_section_page_get_list         (PsiSectionPage *self);
GtkColumnView  *psi_section_page_get_column_view  (PsiSectionPage *self);
PsiDetailPane  *psi_section_page_get_detail_pane  (PsiSectionPage *self);
const char     *psi_section_page_get_search       (PsiSectionPage *self);
/* Sets the entry and filters the list at once (no debounce). */
void            psi_section_page_set_search       (PsiSectionPage *self,
                                                   const char     *search);
gint64          psi_section_page_get_selected_id  (PsiSectionPage *self);
/* Selects the record and scrolls to it; clears the search when the search hides it.
 * id 0 unselects. FALSE when the record is not in the list. */
gboolean        psi_section_page_select_id        (PsiSectionPage *self,
                                                   gint64          id);
/* "list", "empty" or "no-results" */
const char     *psi_section_page_get_state        (PsiSectionPage *self);
void            psi_section_page_focus_search     (PsiSectionPage *self);

gboolean        psi_section_page_get_sort         (PsiSectionPage *self,
                                                   const char    **key,
                                                   gboolean       *descending);
void            psi_section_page_sort_by          (PsiSectionPage *self,
                                                   const char     *key,
                                                   gboolean        descending);

/* Filters next to the search entry (drop-downs whose first item is "All …"): "competition"
 * and "award-kind" (a PsiAwardKind) for awards, "region" for municipalities, "event" for
 * competitions; see psi_record_list_set_filter (). set_filter chooses the item of the
 * drop-down, as a click would; FALSE when the page has no such filter or value. */
GtkDropDown    *psi_section_page_get_filter_dropdown (PsiSectionPage *self,
                                                      const char     *filter);
gboolean        psi_section_page_get_filter       (PsiSectionPage *self,
                                                   const char     *filter,
                                                   gint64         *value);
gboolean        psi_section_page_set_filter       (PsiSectionPage *self,
                                                   const char     *filter,
                                                   gint64          value);
void            psi_section_page_clear_filter     (PsiSectionPage *self,
                                                   const char     *filter);

G_END_DECLS
