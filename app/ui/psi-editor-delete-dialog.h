/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store-edit.h"

G_BEGIN_DECLS

/* PsiEditorDeleteDialog: asks before a deletion that changes other records, and lists them by
 * kind and name with what happens to each (deleted, or no longer referring to it).
 *
 * Actions: delete.confirm (emits confirmed, then closes), delete.cancel (Escape).
 * Signals: confirmed (PsiDeletion). */

#define PSI_TYPE_EDITOR_DELETE_DIALOG (psi_editor_delete_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsiEditorDeleteDialog, psi_editor_delete_dialog, PSI,
                      EDITOR_DELETE_DIALOG, GtkWindow)

/* GTK owns the window: it lives until it is closed. */
PsiEditorDeleteDialog *psi_editor_delete_dialog_new           (GtkWindow             *parent,
                                                               PsiDeletion           *deletion);
PsiDeletion           *psi_editor_delete_dialog_get_deletion  (PsiEditorDeleteDialog *self);

G_END_DECLS
