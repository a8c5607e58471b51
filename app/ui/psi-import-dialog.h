/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store.h"
#include "psi-xml-import.h"

G_BEGIN_DECLS

/* PsiImportDialog: imports an XML file into a store in two steps, both off the main thread
 * (psi-xml-task.h): a dry run whose counts (new / changed / unchanged per kind) are shown as a
 * preview, then, on Import, the import itself with a progress bar; Cancel rolls it back.
 * Errors (file, line, column, what is wrong) are shown in the window. After a successful import
 * it calls psi_store_notify_external_change () on the store, emits imported and closes.
 *
 * The "state" property: "reading" (the dry run), "preview", "importing", "error", "done".
 * Actions: import.apply, import.cancel (stops the work under way, else closes).
 * Signals: imported (GFile *file, gpointer summary: a const PsiXmlImportSummary *). */

#define PSI_TYPE_IMPORT_DIALOG (psi_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsiImportDialog, psi_import_dialog, PSI, IMPORT_DIALOG, GtkWindow)

PsiImportDialog            *psi_import_dialog_new          (GtkWindow        *parent,
                                                            PsiStore         *store);
/* Starts the preview of file (once). */
void                        psi_import_dialog_set_file     (PsiImportDialog  *self,
                                                            GFile            *file);
GFile                      *psi_import_dialog_get_file     (PsiImportDialog  *self);
const char                 *psi_import_dialog_get_state    (PsiImportDialog  *self);
/* The preview's counts ("preview", "importing"), or the import's ("done"); else NULL. */
const PsiXmlImportSummary  *psi_import_dialog_get_summary  (PsiImportDialog  *self);
/* The message shown in the "error" state, or NULL. */
const char                 *psi_import_dialog_get_error    (PsiImportDialog  *self);
/* The text of the preview table, a line per kind: "Municipalities\t1\t2\t13". */
char                       *psi_import_dialog_dup_preview_text (PsiImportDialog *self);

G_END_DECLS
