/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* Backups of a records file, made with SQLite's online backup API (a consistent copy while the
 * file stays open and in use), written to a temporary name and renamed into place.
 *
 * Automatic backups go to $XDG_DATA_HOME/psi-records/backups/ (g_get_user_data_dir ()), named
 * "<stem>-<YYYYMMDD>-<HHMMSS>[-<N>]-<reason>.sqlite3" where <stem> is the records file's base
 * name without extension followed by "-" and 8 hex digits of a SHA-256 of its absolute path
 * (symbolic links resolved; so two files called records.sqlite3 in different folders do not
 * share backups), the time is local, <N> (2, 3...) numbers further backups made within the
 * same second (none is ever replaced), and <reason> one of the PsiBackupReason nicks. The
 * newest ten of each records file are kept; older ones are deleted after a new one is written.
 * Backups are single files (rollback-journal mode, mode 0600); temporary copies start with
 * ".psi-backup-" and are never listed. */

typedef enum
{
  PSI_BACKUP_REASON_MANUAL,          /* "manual": --backup or the Backups view */
  PSI_BACKUP_REASON_DAILY,           /* "daily": the first start of a day */
  PSI_BACKUP_REASON_MIGRATION,       /* "migration": before the schema is updated */
  PSI_BACKUP_REASON_IMPORT,          /* "import": before an XML import */
  PSI_BACKUP_REASON_RESTORE,         /* "restore": the current file, before a restore */
} PsiBackupReason;

#define PSI_BACKUP_KEEP 10

/* "manual", "daily", ... as in the file names (not translated). */
const char  *psi_backup_reason_to_nick          (PsiBackupReason reason);
/* The reason for people, translated ("Before an import"). */
const char  *psi_backup_reason_get_label        (PsiBackupReason reason);

#define PSI_TYPE_BACKUP_INFO (psi_backup_info_get_type ())

G_DECLARE_FINAL_TYPE (PsiBackupInfo, psi_backup_info, PSI, BACKUP_INFO, GObject)

/* Properties (read-only): "path" (string), "created" (GDateTime, local: from the name of an
 * automatic backup, else the file's modification time), "size" (guint64, bytes), "reason"
 * (PsiBackupReason as int; MANUAL for a file not named like an automatic backup),
 * "schema-version" (int), "valid" (gboolean: can be restored: passes PRAGMA quick_check, is a
 * PSI Records file and is not from a newer version), "problem" (string: why not valid,
 * translated; NULL when valid). */
const char  *psi_backup_info_get_path           (PsiBackupInfo *self);
GDateTime   *psi_backup_info_get_created        (PsiBackupInfo *self);
guint64      psi_backup_info_get_size           (PsiBackupInfo *self);
PsiBackupReason psi_backup_info_get_reason      (PsiBackupInfo *self);
int          psi_backup_info_get_schema_version (PsiBackupInfo *self);
gboolean     psi_backup_info_get_valid          (PsiBackupInfo *self);
const char  *psi_backup_info_get_problem        (PsiBackupInfo *self);
/* Number of records of a kind in the backup (0 when the kind has no table in its version). */
gint64       psi_backup_info_get_count          (PsiBackupInfo *self,
                                                 PsiRecordKind  kind);
/* Sum over all kinds. */
gint64       psi_backup_info_get_total          (PsiBackupInfo *self);

/* Reads a backup file (opened read-only; never written): counts, version, quick check.
 * NULL with an error only when the file cannot be read at all; a damaged file gives an info
 * with valid == FALSE. Reads the whole file (quick_check): about as long as copying it, so call
 * it (and the list functions below) off the main thread for large files. */
PsiBackupInfo *psi_backup_info_new_for_file     (const char    *path,
                                                 GError       **error);

/* $XDG_DATA_HOME/psi-records/backups */
char        *psi_backup_dup_directory            (void);

/* Writes a consistent copy of the open store to dest (temp name, then rename; an existing
 * dest is replaced, the records file itself is refused). Refused while a transaction of the
 * store is open. Errors are PSI_STORE_ERROR. */
gboolean     psi_store_backup_to_file           (PsiStore      *store,
                                                 const char    *dest,
                                                 GError       **error);

/* An automatic backup of the store into the backups directory; prunes to PSI_BACKUP_KEEP.
 * Returns the new backup's path. */
char        *psi_store_backup_auto              (PsiStore      *store,
                                                 PsiBackupReason reason,
                                                 GError       **error);

/* The daily backup: makes one (reason daily) unless a backup of this file of any reason was
 * already made today. Returns TRUE when none was needed or one was made. */
gboolean     psi_store_backup_daily             (PsiStore      *store,
                                                 GError       **error);
/* The same for the records file at database_path through a read-only connection of its own:
 * for a worker thread (on a file of a million awards a backup takes seconds). */
gboolean     psi_backup_daily_for_file          (const char    *database_path,
                                                 GError       **error);

/* Backups of the records file at database_path, newest first, as a GListModel of
 * PsiBackupInfo. Damaged backups are listed too (valid FALSE). */
GListModel  *psi_backup_list_for_database       (const char    *database_path,
                                                 GError       **error);

/* The newest backup of database_path that passes the check, or NULL (no error) when none. */
PsiBackupInfo *psi_backup_find_newest_valid     (const char    *database_path,
                                                 GError       **error);

/* Replaces the store's contents with the backup's, online (the store stays open; lists read
 * again through "external-change"). First checks the backup (damaged or newer: refused, nothing
 * changed), then backs up the current contents (reason restore; if that fails, nothing is
 * restored). Older backups are migrated forward after being copied in. On success returns the
 * path of the backup of the previous contents in *previous_backup (may be NULL). */
gboolean     psi_store_restore_from_file        (PsiStore      *store,
                                                 const char    *backup,
                                                 char         **previous_backup,
                                                 GError       **error);

/* Restores a file that cannot be opened (damaged): moves the damaged file aside to
 * "<path>.damaged-<YYYYMMDD-HHMMSS>" (never deleted) and copies the backup to path. */
gboolean     psi_backup_restore_damaged_file    (const char    *database_path,
                                                 const char    *backup,
                                                 char         **damaged_copy,
                                                 GError       **error);

G_END_DECLS
