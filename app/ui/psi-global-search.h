/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-window.h"

G_BEGIN_DECLS

/* PsiGlobalSearch: a window over a PsiWindow (win.global-search, Ctrl+K, Ctrl+Shift+F) with one
 * search entry and the records of every kind it finds, grouped by kind: the first few of each
 * kind, then "and N more", which opens the kind's list with the search. Searching is the
 * store's (PsiRecordList set_search, one list per kind). Activating a record (Enter in the
 * entry: the first one) shows it in its section (psi_window_show_record ()) and closes. */

#define PSI_TYPE_GLOBAL_SEARCH (psi_global_search_get_type ())

G_DECLARE_FINAL_TYPE (PsiGlobalSearch, psi_global_search, PSI, GLOBAL_SEARCH, GtkWindow)

/* How many records of a kind are listed before "and N more" */
#define PSI_GLOBAL_SEARCH_MAX_PER_KIND 5

PsiGlobalSearch *psi_global_search_new           (PsiWindow       *window);
PsiWindow       *psi_global_search_get_window    (PsiGlobalSearch *self);
/* Sets the entry and searches at once (no debounce). */
void             psi_global_search_set_text      (PsiGlobalSearch *self,
                                                  const char      *text);
const char      *psi_global_search_get_text      (PsiGlobalSearch *self);
/* How many records of the kind the search finds (0 without a search). */
guint            psi_global_search_get_n_found   (PsiGlobalSearch *self,
                                                  PsiRecordKind    kind);
/* The list of results: headings of kinds, records, "and N more" rows. */
GtkListBox      *psi_global_search_get_results   (PsiGlobalSearch *self);
/* The kind and id of a record row; FALSE for headings and "and N more" (kind set, id 0). */
gboolean         psi_global_search_row_get_record (GtkListBoxRow  *row,
                                                   PsiRecordKind  *kind,
                                                   gint64         *id);

G_END_DECLS
