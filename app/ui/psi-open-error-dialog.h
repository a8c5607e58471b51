/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* PsiOpenErrorDialog: says why the records file could not be opened. When the file is
 * damaged, it looks (in a worker thread) for the newest backup that passes the integrity check
 * and offers to restore it: the damaged file is kept beside it under a new name, the backup is
 * copied in its place, and "restored" is emitted with a message for the user; the application
 * then opens the file again.
 *
 * Signals: restored (const char *message) */

#define PSI_TYPE_OPEN_ERROR_DIALOG (psi_open_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsiOpenErrorDialog, psi_open_error_dialog, PSI, OPEN_ERROR_DIALOG,
                      GtkWindow)

PsiOpenErrorDialog *psi_open_error_dialog_new        (GtkApplication     *application,
                                                      const char         *database_path,
                                                      const GError       *error);
/* "searching", "none" or "found" ("none" also when the error is not about damage). */
const char         *psi_open_error_dialog_get_state  (PsiOpenErrorDialog *self);

G_END_DECLS
