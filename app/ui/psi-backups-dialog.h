/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* PsiBackupsDialog: the Backups window (win.backups). Lists the backups of the open records
 * file, newest first (read in a worker thread: each backup is opened read-only, counted and
 * checked), makes one on demand (backups.create) and restores the selected one after asking
 * (backups.restore, then backups.confirm or backups.cancel). A restore first backs up the
 * current records; the store announces the new contents with external-change, so every list
 * reads them again. Restoring is disabled for a read-only store and for a damaged backup. */

#define PSI_TYPE_BACKUPS_DIALOG (psi_backups_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsiBackupsDialog, psi_backups_dialog, PSI, BACKUPS_DIALOG, GtkWindow)

PsiBackupsDialog *psi_backups_dialog_new          (GtkWindow        *parent,
                                                   PsiStore         *store);
/* The backups shown (PsiBackupInfo), newest first; empty while loading. */
GListModel       *psi_backups_dialog_get_backups  (PsiBackupsDialog *self);
/* "loading", "empty", "list" or "confirm" */
const char       *psi_backups_dialog_get_state    (PsiBackupsDialog *self);
void              psi_backups_dialog_select       (PsiBackupsDialog *self,
                                                   guint             position);
/* The last message shown under the list (after a backup, a restore or an error), or NULL. */
const char       *psi_backups_dialog_get_status   (PsiBackupsDialog *self);

G_END_DECLS
