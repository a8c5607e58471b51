/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* Store-internal API, shared by psi-store.c, psi-store-migrations.c and psi-record-list.c.
 *
 * Private signals of PsiStore (besides the public ones in psi-store.h):
 *   record-did-change (PsiRecordKind kind, gint64 id, PsiStoreChange change)
 *     right after the row was written, still inside the transaction (the row has its new
 *     values, or is gone). With record-will-change it lets a PsiRecordList compute the old and
 *     the new position of a row in the very state each change saw, so that grouped changes
 *     give exact items-changed once record-changed replays them.
 *   changes-committed ()
 *     after the outermost commit, once every queued record-changed was emitted. */

/* A statement from the store's cache, keyed by its SQL text. Release it with
 * g_autoptr (PsiCachedStmt): that resets it and clears its bindings (it stays cached). */
typedef sqlite3_stmt PsiCachedStmt;

void            _psi_cached_stmt_release     (PsiCachedStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsiCachedStmt, _psi_cached_stmt_release)

PsiCachedStmt  *_psi_store_get_stmt          (PsiStore       *self,
                                              const char     *sql,
                                              GError        **error);

/* Sets error from the connection's last error; code chosen from rc (constraint, busy, corrupt,
 * open, other). what says what was being done ("Cannot save the award"). */
void            _psi_store_set_error         (GError        **error,
                                              sqlite3        *db,
                                              int             rc,
                                              const char     *what);

/* Brings the schema of an open connection up to PSI_STORE_SCHEMA_VERSION. Refuses newer files
 * (PSI_STORE_ERROR_NEWER) without writing to them. */
gboolean        _psi_store_migrate           (sqlite3        *db,
                                              GError        **error);
/* The same up to target only (tests make files of an older version with it). */
gboolean        _psi_store_migrate_to        (sqlite3        *db,
                                              int             target,
                                              GError        **error);
int             _psi_store_read_user_version (sqlite3        *db,
                                              GError        **error);

/* The current schema's secondary indexes of award, as CREATE and DROP statements. */
extern const char _psi_store_award_indexes[];
extern const char _psi_store_drop_award_indexes[];

/* The search column of a record: psi_text_dup_fold () of its name, and of extra (the
 * abbreviation of an organisation) on a line of its own when it has any. extra may be NULL. */
char           *_psi_store_search_text       (PsiText        *name,
                                              PsiText        *extra);

/* Writes the changes of award_count (of municipalities, clusters and competitions) that the
 * awards saved in the current transaction made; reading award_count inside a transaction needs
 * this first. Nothing to do outside a transaction: the commit writes them. */
gboolean        _psi_store_flush_award_counts (PsiStore      *self,
                                               GError       **error);

/* The table of a kind (a constant, also used to compose SQL). */
const char     *_psi_store_kind_table        (PsiRecordKind   kind);

/* The list-level SELECT of a kind: "SELECT <record columns> FROM <table> AS t LEFT JOIN …"
 * (the table is always aliased "t"), without WHERE. A record list appends key columns through
 * the columns/from split. _psi_store_record_from_row () builds the record (no children) from
 * the first _psi_store_kind_n_columns () columns of a row of that select. */
const char     *_psi_store_kind_columns      (PsiRecordKind   kind);
const char     *_psi_store_kind_from         (PsiRecordKind   kind);
int             _psi_store_kind_n_columns    (PsiRecordKind   kind);
PsiRecord      *_psi_store_record_from_row   (PsiRecordKind   kind,
                                              sqlite3_stmt   *stmt);

/* PsiRecordList: a search with more matches than limit reads the sort order's index instead
 * of sorting the matches (psi-record-list.c); every form gives the same rows. Reloads the
 * list. The form in use: "sparse", "dense" or "competitions". */
void            _psi_record_list_set_sparse_limit (PsiRecordList *self,
                                                   guint          limit);
const char     *_psi_record_list_get_form         (PsiRecordList *self);

G_END_DECLS
