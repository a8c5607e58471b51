/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "psi-store-backup.h"

G_BEGIN_DECLS

/* Store-internal API of psi-store-backup.c, for psi-store-migrations.c and tests. */

/* An automatic backup of the "main" database of db (which must be outside a transaction) into
 * the backups directory, named after sqlite3_db_filename (db, "main"); prunes to
 * PSI_BACKUP_KEEP but never deletes keep (may be NULL). Returns the new backup's path. */
char           *_psi_backup_db_auto          (sqlite3         *db,
                                              PsiBackupReason  reason,
                                              const char      *keep,
                                              GError         **error);

/* A consistent copy of the "main" database of db (any connection, read-only ones too) to dest,
 * through a temporary file in dest's folder. */
gboolean        _psi_backup_db_to_file       (sqlite3         *db,
                                              const char      *dest,
                                              GError         **error);

/* "<stem>-<hash>": the common beginning of the names of the backups of database_path. */
char           *_psi_backup_dup_stem         (const char      *database_path);

/* _psi_store_migrate () without the backup before it (psi-store-migrations.c): for contents
 * that were just restored from a backup. */
gboolean        _psi_store_migrate_without_backup (sqlite3    *db,
                                                   GError    **error);

G_END_DECLS
