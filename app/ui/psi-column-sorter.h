/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* PsiColumnSorter: the sorter of a sortable GtkColumnViewColumn. It does not sort anything
 * itself (PsiRecordList sorts in SQLite); it carries the list's sort key ("title", "region",
 * ... see psi-record-list.h) so that the page can tell, after the user clicked a column header,
 * which column the column view sorts by and in which direction. GTK 4.8 has no API for that
 * (gtk_column_view_sorter_get_primary_sort_column () is 4.10), so psi_column_sorter_probe ()
 * asks the column view's sorter to compare two dummy objects: every PsiColumnSorter answers
 * "smaller", the first one asked is the primary column, and an inverted result means
 * descending. */

#define PSI_TYPE_COLUMN_SORTER (psi_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (PsiColumnSorter, psi_column_sorter, PSI, COLUMN_SORTER, GtkSorter)

PsiColumnSorter *psi_column_sorter_new     (const char   *key);
const char      *psi_column_sorter_get_key (PsiColumnSorter *self);
void             psi_column_sorter_set_key (PsiColumnSorter *self,
                                            const char      *key);
/* Finds the primary PsiColumnSorter of a column view's sorter. Returns FALSE when the view is
 * not sorted by a PsiColumnSorter column; else sets *key (borrowed) and *descending. */
gboolean         psi_column_sorter_probe   (GtkSorter    *view_sorter,
                                            const char  **key,
                                            gboolean     *descending);

G_END_DECLS
