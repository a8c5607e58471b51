/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* PsiRecordList: a GListModel of every record of one kind in a store, filtered by a search text
 * and sorted by one column, paged from SQLite on demand (a page of rows at a time, keyset paging
 * from the previous page where possible, LRU-bounded cache), so that a million awards open as
 * fast as a count. Items are PsiRecord subclasses of the kind, loaded with their list columns.
 *
 * It listens to the store and emits precise items-changed (one position, one removal and/or
 * one addition) when a row of its kind is inserted, updated or deleted, and also when a row it
 * shows depends on a renamed record (e.g. a municipality's region) it emits a change over its
 * cached rows.
 *
 * Sort keys (the "sort-key" property, a nick) per kind:
 *   every kind: "title" (name in the current language)
 *   municipality: "region", "kind", "pilot"    official: "position", "belongs-to"
 *   cluster: "members"   event: "date", "kind"   competition: "event", "entrants", "awards"
 *   award: "competition", "place", "kind", "grant"   agreement: "date", "kind", "event"
 *   organisation: "role"   district: "region"
 * Unknown keys fall back to "title". The default sort is the kind's natural order (events and
 * agreements by date; awards by competition, then place; others by title). */

#define PSI_TYPE_RECORD_LIST (psi_record_list_get_type ())

G_DECLARE_FINAL_TYPE (PsiRecordList, psi_record_list, PSI, RECORD_LIST, GObject)

PsiRecordList *psi_record_list_new             (PsiStore       *store,
                                                PsiRecordKind   kind);
PsiStore      *psi_record_list_get_store       (PsiRecordList  *self);
PsiRecordKind  psi_record_list_get_kind        (PsiRecordList  *self);
/* The records whose names in any of the three languages contain search, folded to the same
 * script-neutral skeleton (psi_fold_query (); Кеңеш, Kenesh and КЕНЕШ meet); awards also by
 * their recipient's and competition's names. NULL, "", or a text that folds to nothing shows
 * everything. Answered by the FTS5 trigram indexes for 3 characters or more (see
 * psi-record-list.c), by a scan of the names for fewer. */
void           psi_record_list_set_search      (PsiRecordList  *self,
                                                const char     *search);
const char    *psi_record_list_get_search      (PsiRecordList  *self);
/* NULL = the default order. */
void           psi_record_list_set_sort        (PsiRecordList  *self,
                                                const char     *sort_key,
                                                gboolean        descending);
/* Position of the record with that id, or G_MAXUINT when not in the list. */
guint          psi_record_list_find            (PsiRecordList  *self,
                                                gint64          id);
/* Filters by a column, combined with the search and the order (AND). Per kind:
 *   award: "competition" (competition id), "award-kind" (a PsiAwardKind)
 *   municipality, district: "region" (region id)   competition, agreement: "event" (event id)
 * FALSE (and nothing changes) for a filter the kind does not have. Setting a filter to another
 * value replaces it; clear_filter removes it. */
gboolean       psi_record_list_set_filter      (PsiRecordList  *self,
                                                const char     *filter,
                                                gint64          value);
void           psi_record_list_clear_filter    (PsiRecordList  *self,
                                                const char     *filter);
/* TRUE and its value when that filter is set. */
gboolean       psi_record_list_get_filter      (PsiRecordList  *self,
                                                const char     *filter,
                                                gint64         *value);
/* Drops the cache and re-reads (after a language change, the title order may differ). */
void           psi_record_list_reload          (PsiRecordList  *self);

G_END_DECLS
