/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* PsiEditorDialog: a modal window that creates or edits one record of any kind. The fields of
 * each kind come from ui/editors/psi-KIND-editor.ui; names and texts are PsiTrilingualEntries.
 * Every change is checked at once: what is wrong is said under the field (a grant is a positive
 * whole number of som, a date is a real date, a conditional winner needs its condition, a
 * cluster needs two or more members, a recipient must be chosen...) and the model's own
 * validation runs before the Save button becomes sensitive. Saving is one psi_store_save ()
 * (one transaction).
 *
 * Actions: editor.save (<Ctrl>s, <Ctrl>Return; disabled while something is wrong),
 * editor.cancel (Escape).
 * Signals: saved (gint64 id) after the record was saved, just before the window closes. */

#define PSI_TYPE_EDITOR_DIALOG (psi_editor_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsiEditorDialog, psi_editor_dialog, PSI, EDITOR_DIALOG, GtkWindow)

/* id 0 creates a new record. NULL with an error when the record cannot be loaded. */
PsiEditorDialog *psi_editor_dialog_new         (GtkWindow        *parent,
                                                PsiStore         *store,
                                                PsiRecordKind     kind,
                                                gint64            id,
                                                GError          **error);
PsiRecordKind    psi_editor_dialog_get_kind    (PsiEditorDialog  *self);
/* The record being edited (its id is 0 until a new record is saved). */
PsiRecord       *psi_editor_dialog_get_record  (PsiEditorDialog  *self);
/* Whether every field is right (Save is sensitive). */
gboolean         psi_editor_dialog_get_valid   (PsiEditorDialog  *self);
/* A field of the form by its id in the .ui file ("name", "grant", "place"...), or NULL. */
GObject         *psi_editor_dialog_get_field   (PsiEditorDialog  *self,
                                                const char       *field);
/* What is wrong with a field, as shown under it, or NULL. "" names the message of the whole
 * record (the model's validation or the store's refusal). */
const char      *psi_editor_dialog_get_error   (PsiEditorDialog  *self,
                                                const char       *field);
/* Chooses the record with that id in a field that refers to other records. */
gboolean         psi_editor_dialog_choose      (PsiEditorDialog  *self,
                                                const char       *field,
                                                gint64            id);
/* Adds a row to a list field ("items", "participants", "signatories"); returns the row, whose
 * widgets are named by g_object_get_data (row, "kind" | "count" | "official" |
 * "organisation"). */
GtkWidget       *psi_editor_dialog_add_row     (PsiEditorDialog  *self,
                                                const char       *field);

G_END_DECLS
