/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store-edit.h"

G_BEGIN_DECLS

/* PsiEditorToast: the notice at the bottom of the window after a deletion, "Deleted “Kenesh”"
 * with an Undo button, for PSI_EDITOR_TOAST_SECONDS (GTK 4.8 has no AdwToast: a GtkRevealer
 * in the window's GtkOverlay).
 *
 * Actions: toast.undo (emits undo with the deletion, then hides), toast.dismiss.
 * Signals: undo (PsiDeletion). */

#define PSI_TYPE_EDITOR_TOAST (psi_editor_toast_get_type ())

#define PSI_EDITOR_TOAST_SECONDS 10

G_DECLARE_FINAL_TYPE (PsiEditorToast, psi_editor_toast, PSI, EDITOR_TOAST, GtkWidget)

/* Shows the notice for a deletion that was applied. */
void          psi_editor_toast_show_deletion  (PsiEditorToast *self,
                                               PsiDeletion    *deletion);
/* Shows a message without Undo (e.g. why an undo failed). */
void          psi_editor_toast_show_message   (PsiEditorToast *self,
                                               const char     *message);
void          psi_editor_toast_dismiss        (PsiEditorToast *self);
gboolean      psi_editor_toast_get_shown      (PsiEditorToast *self);
const char   *psi_editor_toast_get_text       (PsiEditorToast *self);
/* The deletion that Undo would undo, or NULL. */
PsiDeletion  *psi_editor_toast_get_deletion   (PsiEditorToast *self);

G_END_DECLS
