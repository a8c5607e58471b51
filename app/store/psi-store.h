/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-model.h"

G_BEGIN_DECLS

/* PsiStore: owns one SQLite connection to a records file.
 *
 * Opening creates the file when missing, turns foreign keys on, sets WAL, synchronous=NORMAL and
 * a busy timeout, and migrates the schema forward (PRAGMA user_version). Every change runs in a
 * transaction; callers may group several changes in psi_store_begin ()/psi_store_commit () (they
 * nest: only the outermost commits). SQL uses prepared statements with bound values only.
 *
 * Signals:
 *   record-changed (PsiRecordKind kind, gint64 id, PsiStoreChange change)
 *     after the change is committed (for grouped changes: once per change, after the outermost
 *     commit, in order). PsiRecordList uses it to emit precise items-changed.
 *   record-will-change (PsiRecordKind kind, gint64 id, PsiStoreChange change)
 *     before the row is touched, inside the transaction: the row still has its old values.
 *   changes-discarded ()
 *     a transaction was rolled back: forget what record-will-change announced.
 *   external-change ()
 *     another connection changed the file (psi_store_notify_external_change ()): anything
 *     read from this store may be stale; lists read their rows again. */

#define PSI_TYPE_STORE (psi_store_get_type ())

G_DECLARE_FINAL_TYPE (PsiStore, psi_store, PSI, STORE, GObject)

#define PSI_STORE_ERROR (psi_store_error_quark ())

typedef enum
{
  PSI_STORE_ERROR_OPEN,         /* cannot open or create the file */
  PSI_STORE_ERROR_NEWER,        /* schema version newer than this app knows */
  PSI_STORE_ERROR_CORRUPT,      /* not a database, or integrity check failed */
  PSI_STORE_ERROR_CONSTRAINT,   /* a record breaks a rule (missing reference, bad value) */
  PSI_STORE_ERROR_NOT_FOUND,
  PSI_STORE_ERROR_BUSY,
  PSI_STORE_ERROR_FAILED,       /* any other SQLite error; message includes SQLite's text */
  PSI_STORE_ERROR_READ_ONLY,    /* the store was opened read-only: nothing may be written */
  PSI_STORE_ERROR_NO_SPACE,     /* the disk is full (or a file size limit was reached) */
} PsiStoreError;

typedef enum
{
  PSI_STORE_CHANGE_INSERTED,
  PSI_STORE_CHANGE_UPDATED,
  PSI_STORE_CHANGE_DELETED,
} PsiStoreChange;

#define PSI_STORE_SCHEMA_VERSION 3

typedef enum
{
  PSI_STORE_OPEN_DEFAULT   = 0,
  PSI_STORE_OPEN_READ_ONLY = 1 << 0,  /* open read-only even when the file could be written */
} PsiStoreOpenFlags;

/* How long a change waits for another connection (another window, a command-line import) that
 * is writing to the same file before it fails with PSI_STORE_ERROR_BUSY. */
#define PSI_STORE_BUSY_TIMEOUT_MS 5000

/* Called once in a wait for another writer, after the first second. */
typedef void (*PsiStoreWaitFunc) (PsiStore *store,
                                  gpointer  user_data);

GQuark       psi_store_error_quark        (void);

/* Opening an existing file first reads it read-only: a file from a newer version
 * (PSI_STORE_ERROR_NEWER) or one that fails PRAGMA quick_check (PSI_STORE_ERROR_CORRUPT, naming
 * the first problems) is refused without a byte written to it. Only then is it opened for
 * writing and migrated; a file that cannot be written is opened read-only instead (see
 * psi_store_is_read_only ()), unless it needs a migration (PSI_STORE_ERROR_READ_ONLY). */
PsiStore    *psi_store_open               (const char     *path,
                                           GError        **error);
PsiStore    *psi_store_open_full          (const char     *path,
                                           PsiStoreOpenFlags flags,
                                           GError        **error);
/* Waits up to timeout_ms (PSI_STORE_BUSY_TIMEOUT_MS by default) for another writer; wait_func,
 * when not NULL, is called once per wait that lasts longer than a second (the command line
 * prints that it is waiting). */
void         psi_store_set_busy_wait      (PsiStore       *self,
                                           guint           timeout_ms,
                                           PsiStoreWaitFunc wait_func,
                                           gpointer        user_data,
                                           GDestroyNotify  destroy);
const char  *psi_store_get_path           (PsiStore       *self);
int          psi_store_get_schema_version (PsiStore       *self);
/* TRUE when the file holds no records at all (a fresh file, before the sample is loaded). */
gboolean     psi_store_is_empty           (PsiStore       *self);

/* A file (or its folder) the user may not write is opened read-only: every change fails with
 * PSI_STORE_ERROR_READ_ONLY and the reason says why, translated (e.g. "You do not have
 * permission to change “x.sqlite3”."). NULL reason when writable. */
gboolean     psi_store_is_read_only       (PsiStore       *self);
const char  *psi_store_get_read_only_reason (PsiStore     *self);

gboolean     psi_store_begin              (PsiStore       *self,
                                           GError        **error);
gboolean     psi_store_commit             (PsiStore       *self,
                                           GError        **error);
void         psi_store_rollback           (PsiStore       *self);

/* Inserts (id == 0; sets the id) or updates a record with its child collections
 * (participants, prize items, cluster members, signatories), in one transaction. */
gboolean     psi_store_save               (PsiStore       *self,
                                           PsiRecord      *record,
                                           GError        **error);
/* Refuses with PSI_STORE_ERROR_CONSTRAINT when other records refer to it. */
gboolean     psi_store_delete             (PsiStore       *self,
                                           PsiRecordKind   kind,
                                           gint64          id,
                                           GError        **error);
/* Full record (children included), or NULL with PSI_STORE_ERROR_NOT_FOUND. */
PsiRecord   *psi_store_load               (PsiStore       *self,
                                           PsiRecordKind   kind,
                                           gint64          id,
                                           GError        **error);
PsiRecord   *psi_store_load_by_uuid       (PsiStore       *self,
                                           PsiRecordKind   kind,
                                           const char     *uuid,
                                           GError        **error);
gint64       psi_store_count              (PsiStore       *self,
                                           PsiRecordKind   kind,
                                           GError        **error);

/* Records of kind related_kind linked to record, as a new list of full-enough records for a
 * detail pane (sorted by title): a municipality's clusters, awards, officials; a cluster's
 * members and awards; an event's competitions and agreements; a competition's awards; an
 * organisation's officials; a region's municipalities... An empty list when there is no link. */
GListModel  *psi_store_list_related       (PsiStore       *self,
                                           PsiRecord      *record,
                                           PsiRecordKind   related_kind,
                                           GError        **error);

/* PRAGMA integrity_check and foreign_key_check; FALSE with PSI_STORE_ERROR_CORRUPT and a
 * message naming the first problems. */
gboolean     psi_store_check_integrity    (PsiStore       *self,
                                           GError        **error);

/* After another connection to the same file changed it (an import in a worker thread). */
void         psi_store_notify_external_change (PsiStore   *self);

/* For PsiRecordList and benchmarks; not for widget code. */
struct sqlite3 *_psi_store_get_db         (PsiStore       *self);

G_END_DECLS
