/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-store-backup-private.h"
#include "psi-store-private.h"

/* The schema, as a list of migration steps. Step N brings a file from user_version N-1 to N;
 * each runs in its own transaction together with the user_version bump. Never edit a step that
 * was released: append a new one.
 *
 * Conventions: every record table has id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
 * name_en, name_ru, name_ky (NULL when missing) and search (the folded names, '' for none; up
 * to version 1 awards also held their recipient's and competition's: see version 2 below), with
 * an FTS5 index <table>_fts over it from version 2 on. Multilingual texts are three columns
 * (place_en, place_ru, place_ky). Enums are stored as their stable nicks, dates as ISO
 * "YYYY-MM-DD". References are ON DELETE RESTRICT; owned children (participants, prize items, cluster
 * members, signatories) ON DELETE CASCADE. Children keep their order in "ordinal" (cluster
 * members in "position"). */

#define DATE_CHECK(col) \
  "CHECK (" col " IS NULL OR " col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"

#define RECORD_COLUMNS \
  "  id INTEGER PRIMARY KEY,\n" \
  "  uuid TEXT NOT NULL UNIQUE,\n" \
  "  name_en TEXT,\n" \
  "  name_ru TEXT,\n" \
  "  name_ky TEXT,\n" \
  "  search TEXT NOT NULL DEFAULT ''"

#define TEXT3(col) \
  "  " col "_en TEXT,\n" \
  "  " col "_ru TEXT,\n" \
  "  " col "_ky TEXT"

/* Title sorting follows the language fallback order (ky ru en, ru ky en, en ru ky). */
#define TITLE_INDEXES(table) \
  "CREATE INDEX " table "_title_ky ON " table \
  " (coalesce (name_ky, name_ru, name_en, '') COLLATE NOCASE, id);\n" \
  "CREATE INDEX " table "_title_ru ON " table \
  " (coalesce (name_ru, name_ky, name_en, '') COLLATE NOCASE, id);\n" \
  "CREATE INDEX " table "_title_en ON " table \
  " (coalesce (name_en, name_ru, name_ky, '') COLLATE NOCASE, id);\n"

/* Enum columns are checked with "=" chains: an IN list of three or more values makes SQLite
 * 3.40 build an ephemeral b-tree on every execution of an INSERT, which halves bulk speed. */
#define POSITION_CHECK \
  "CHECK (position = 'head-of-ao' OR position = 'council-chair' OR position = 'mayor'\n" \
  "    OR position = 'project-manager' OR position = 'representative' OR position = 'other')"

/* The secondary indexes of award: the default order of the award list (and the competition
 * reference), and the recipient references. Partial where most rows are NULL: "x = ?" (the
 * reference checks of a delete, the related lists) implies x IS NOT NULL, so they serve it.
 * psi-store.c drops and rebuilds them around very large inserts (_psi_store_award_indexes):
 * a later step that changes these indexes must update those two strings as well. */
#define AWARD_INDEXES \
  "CREATE INDEX award_competition ON award (competition_id, place, id);\n" \
  "CREATE INDEX award_municipality ON award (municipality_id)" \
  " WHERE municipality_id IS NOT NULL;\n" \
  "CREATE INDEX award_cluster ON award (cluster_id) WHERE cluster_id IS NOT NULL;\n"

const char _psi_store_award_indexes[] = AWARD_INDEXES;
const char _psi_store_drop_award_indexes[] =
  "DROP INDEX award_competition; DROP INDEX award_municipality; DROP INDEX award_cluster;";

static const char migration_1[] =
  "CREATE TABLE organisation (\n"
  RECORD_COLUMNS ",\n"
  "  role TEXT NOT NULL\n"
  "    CHECK (role = 'donor' OR role = 'implementer' OR role = 'government' OR role = 'partner'),\n"
  TEXT3 ("abbreviation") ",\n"
  "  website TEXT\n"
  ");\n"
  TITLE_INDEXES ("organisation")

  "CREATE TABLE region (\n"
  RECORD_COLUMNS "\n"
  ");\n"
  TITLE_INDEXES ("region")

  "CREATE TABLE district (\n"
  RECORD_COLUMNS ",\n"
  "  region_id INTEGER NOT NULL REFERENCES region (id) ON DELETE RESTRICT\n"
  ");\n"
  "CREATE INDEX district_region ON district (region_id);\n"
  TITLE_INDEXES ("district")

  "CREATE TABLE municipality (\n"
  RECORD_COLUMNS ",\n"
  "  municipality_kind TEXT NOT NULL CHECK (municipality_kind IN ('rural', 'town')),\n"
  "  region_id INTEGER NOT NULL REFERENCES region (id) ON DELETE RESTRICT,\n"
  "  district_id INTEGER REFERENCES district (id) ON DELETE RESTRICT,\n"
  "  pilot INTEGER NOT NULL DEFAULT 0 CHECK (pilot IN (0, 1))\n"
  ");\n"
  "CREATE INDEX municipality_region ON municipality (region_id);\n"
  "CREATE INDEX municipality_district ON municipality (district_id);\n"
  TITLE_INDEXES ("municipality")

  "CREATE TABLE official (\n"
  RECORD_COLUMNS ",\n"
  "  position TEXT NOT NULL " POSITION_CHECK ",\n"
  "  municipality_id INTEGER REFERENCES municipality (id) ON DELETE RESTRICT,\n"
  "  organisation_id INTEGER REFERENCES organisation (id) ON DELETE RESTRICT\n"
  ");\n"
  "CREATE INDEX official_municipality ON official (municipality_id);\n"
  "CREATE INDEX official_organisation ON official (organisation_id);\n"
  TITLE_INDEXES ("official")

  "CREATE TABLE cluster (\n"
  RECORD_COLUMNS "\n"
  ");\n"
  TITLE_INDEXES ("cluster")

  "CREATE TABLE cluster_member (\n"
  "  cluster_id INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,\n"
  "  municipality_id INTEGER NOT NULL REFERENCES municipality (id) ON DELETE RESTRICT,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  PRIMARY KEY (cluster_id, municipality_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX cluster_member_municipality ON cluster_member (municipality_id);\n"

  "CREATE TABLE event (\n"
  RECORD_COLUMNS ",\n"
  "  event_kind TEXT NOT NULL\n"
  "    CHECK (event_kind = 'conference' OR event_kind = 'meeting' OR event_kind = 'training'),\n"
  "  date TEXT " DATE_CHECK ("date") ",\n"
  TEXT3 ("place") ",\n"
  TEXT3 ("purpose") ",\n"
  TEXT3 ("summary") "\n"
  ");\n"
  "CREATE INDEX event_date ON event (date, id);\n"
  TITLE_INDEXES ("event")

  "CREATE TABLE event_participant (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,\n"
  "  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),\n"
  "  position TEXT NOT NULL " POSITION_CHECK ",\n"
  "  count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),\n"
  "  official_id INTEGER REFERENCES official (id) ON DELETE RESTRICT,\n"
  "  organisation_id INTEGER REFERENCES organisation (id) ON DELETE RESTRICT\n"
  ");\n"
  "CREATE INDEX event_participant_event ON event_participant (event_id, ordinal);\n"
  "CREATE INDEX event_participant_official ON event_participant (official_id);\n"
  "CREATE INDEX event_participant_organisation ON event_participant (organisation_id);\n"

  "CREATE TABLE competition (\n"
  RECORD_COLUMNS ",\n"
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE RESTRICT,\n"
  "  entrant_kind TEXT NOT NULL CHECK (entrant_kind IN ('municipality', 'cluster')),\n"
  "  entrant_count INTEGER NOT NULL DEFAULT 0 CHECK (entrant_count >= 0),\n"
  TEXT3 ("description") "\n"
  ");\n"
  "CREATE INDEX competition_event ON competition (event_id);\n"
  TITLE_INDEXES ("competition")

  "CREATE TABLE award (\n"
  RECORD_COLUMNS ",\n"
  "  competition_id INTEGER NOT NULL REFERENCES competition (id) ON DELETE RESTRICT,\n"
  "  municipality_id INTEGER REFERENCES municipality (id) ON DELETE RESTRICT,\n"
  "  cluster_id INTEGER REFERENCES cluster (id) ON DELETE RESTRICT,\n"
  "  recipient_count INTEGER NOT NULL DEFAULT 1 CHECK (recipient_count >= 1),\n"
  "  place INTEGER NOT NULL DEFAULT 0 CHECK (place >= 0),\n"
  "  award_kind TEXT NOT NULL\n"
  "    CHECK (award_kind = 'winner' OR award_kind = 'conditional-winner'\n"
  "      OR award_kind = 'incentive-prize'),\n"
  TEXT3 ("condition") ",\n"
  "  condition_deadline TEXT " DATE_CHECK ("condition_deadline") ",\n"
  "  certificate INTEGER NOT NULL DEFAULT 0 CHECK (certificate IN (0, 1)),\n"
  "  grant_kgs INTEGER NOT NULL DEFAULT 0 CHECK (grant_kgs >= 0),\n"
  "  CHECK (NOT (municipality_id IS NOT NULL AND cluster_id IS NOT NULL))\n"
  ");\n"
  AWARD_INDEXES


  "CREATE TABLE award_item (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  award_id INTEGER NOT NULL REFERENCES award (id) ON DELETE CASCADE,\n"
  "  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),\n"
  "  item_kind TEXT NOT NULL\n"
  "    CHECK (item_kind = 'laptop' OR item_kind = 'printer' OR item_kind = 'other'),\n"
  "  count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),\n"
  TEXT3 ("label") "\n"
  ");\n"
  "CREATE INDEX award_item_award ON award_item (award_id, ordinal);\n"

  "CREATE TABLE agreement (\n"
  RECORD_COLUMNS ",\n"
  "  agreement_kind TEXT NOT NULL CHECK (agreement_kind IN ('framework', 'other')),\n"
  "  event_id INTEGER REFERENCES event (id) ON DELETE RESTRICT,\n"
  "  date TEXT " DATE_CHECK ("date") ",\n"
  TEXT3 ("note") "\n"
  ");\n"
  "CREATE INDEX agreement_event ON agreement (event_id);\n"
  "CREATE INDEX agreement_date ON agreement (date, id);\n"
  TITLE_INDEXES ("agreement")

  "CREATE TABLE agreement_signatory (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,\n"
  "  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),\n"
  "  position TEXT NOT NULL " POSITION_CHECK ",\n"
  "  count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),\n"
  "  official_id INTEGER REFERENCES official (id) ON DELETE RESTRICT,\n"
  "  organisation_id INTEGER REFERENCES organisation (id) ON DELETE RESTRICT\n"
  ");\n"
  "CREATE INDEX agreement_signatory_agreement ON agreement_signatory (agreement_id, ordinal);\n"
  "CREATE INDEX agreement_signatory_official ON agreement_signatory (official_id);\n"
  "CREATE INDEX agreement_signatory_organisation ON agreement_signatory (organisation_id);\n";

/* Version 2: searching names across scripts, fast.
 *
 * The search column holds psi_text_dup_fold () of the names, which since this version is a
 * skeleton in Latin letters (Кеңеш, Kenesh and КЕНЕШ give the same text): step 2 first folds
 * every row again (refold_search ()). An award's search column now holds only its own names
 * (rarely set): a search finds awards through their recipient and competition instead
 * (psi-record-list.c), which needs no copy of those names in a million award rows.
 *
 * Each record table gets an FTS5 index over search with the trigram tokenizer, which answers
 * substring queries of three characters or more. It is external-content (the text lives only in
 * the table) and kept in step by the store's write path (psi-store.c, sync_search_index ()):
 * anything else that changes search must update the index too, as this step does by filling it
 * after refold_search (); psi_store_check_integrity () compares the two. Rows with an empty
 * search are left out of it. columnsize=0: nothing is ranked, and without sizes an index that
 * leaves out empty rows passes the FTS5 integrity-check against its table.
 * award_named lets a short search (fewer than three characters, not in the index) look at the
 * few awards with names of their own without reading all awards.
 *
 * municipality, cluster and competition get award_count, the number of awards that refer to
 * them, which the store keeps (psi-store.c): a search that matches a thousand municipalities
 * counts their half a million awards by adding a thousand numbers. */

#define SEARCH_INDEX(table) \
  "CREATE VIRTUAL TABLE " table "_fts USING fts5 (search, content = '" table "',\n" \
  "  content_rowid = 'id', tokenize = 'trigram case_sensitive 1', columnsize = 0);\n" \
  "INSERT INTO " table "_fts (rowid, search) SELECT id, search FROM " table \
  " WHERE search <> '';\n"

#define AWARD_COUNT(table, column) \
  "ALTER TABLE " table " ADD COLUMN award_count INTEGER NOT NULL DEFAULT 0\n" \
  "  CHECK (award_count >= 0);\n" \
  "UPDATE " table " SET award_count =\n" \
  "  (SELECT count(*) FROM award WHERE award." column " = " table ".id);\n"

static const char migration_2[] =
  SEARCH_INDEX ("organisation")
  SEARCH_INDEX ("region")
  SEARCH_INDEX ("district")
  SEARCH_INDEX ("municipality")
  SEARCH_INDEX ("official")
  SEARCH_INDEX ("cluster")
  SEARCH_INDEX ("event")
  SEARCH_INDEX ("competition")
  SEARCH_INDEX ("award")
  SEARCH_INDEX ("agreement")
  "CREATE INDEX award_named ON award (search) WHERE search <> '';\n"
  AWARD_COUNT ("municipality", "municipality_id")
  AWARD_COUNT ("cluster", "cluster_id")
  AWARD_COUNT ("competition", "competition_id");

/* Version 3: award certificates (psi-store-certificates.c).
 *
 * A certificate belongs to one award and has a number unique in the file, "PSI-YYYY-NNNN": the
 * year of the competition's event (the issue year when the event has no date) and a running
 * serial within that year. status is the current state; certificate_history keeps every step
 * (issued, reissued with the previous issue date, revoked with its reason) and is only ever
 * appended to. A revoked certificate stays; issuing again gives a new number. Awards with
 * certificates cannot be deleted (ON DELETE RESTRICT): revoke them instead. */
static const char migration_3[] =
  "CREATE TABLE certificate (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  number TEXT NOT NULL UNIQUE,\n"
  "  award_id INTEGER NOT NULL REFERENCES award (id) ON DELETE RESTRICT,\n"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),\n"
  "  serial INTEGER NOT NULL CHECK (serial >= 1),\n"
  "  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),\n"
  "  issue_date TEXT NOT NULL " DATE_CHECK ("issue_date") ",\n"
  "  status TEXT NOT NULL\n"
  "    CHECK (status = 'issued' OR status = 'reissued' OR status = 'revoked'),\n"
  "  UNIQUE (year, serial)\n"
  ");\n"
  "CREATE INDEX certificate_award ON certificate (award_id, id);\n"
  "CREATE TABLE certificate_history (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE RESTRICT,\n"
  "  action TEXT NOT NULL\n"
  "    CHECK (action = 'issued' OR action = 'reissued' OR action = 'revoked'),\n"
  "  date TEXT NOT NULL " DATE_CHECK ("date") ",\n"
  "  revision INTEGER NOT NULL CHECK (revision >= 1),\n"
  "  previous_issue_date TEXT " DATE_CHECK ("previous_issue_date") ",\n"
  "  reason TEXT\n"
  ");\n"
  "CREATE INDEX certificate_history_certificate ON certificate_history (certificate_id, id);\n";

typedef struct
{
  int         version;
  /* Runs first, in the transaction of the step; may be NULL */
  gboolean  (*prepare) (sqlite3  *db,
                        GError  **error);
  const char *sql;
} Migration;

static gboolean exec (sqlite3     *db,
                      const char  *sql,
                      const char  *what,
                      GError     **error);

typedef struct
{
  gint64  id;
  char   *search;
} Refolded;

static void
refolded_clear (gpointer data)
{
  g_free (((Refolded *) data)->search);
}

/* Sets the search column of every record to what psi-store.c writes today
 * (_psi_store_search_text ()): for a later change of the folding, a new step calls it again. */
static gboolean
refold_search (sqlite3  *db,
               GError  **error)
{
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    {
      const char *table = _psi_store_kind_table (k);
      gboolean abbreviations = k == PSI_RECORD_KIND_ORGANISATION;
      const char *no_abbreviation = abbreviations
        ? " AND abbreviation_en IS NULL AND abbreviation_ru IS NULL AND abbreviation_ky IS NULL"
        : "";
      /* Composed from constants only */
      g_autofree char *clear_sql = g_strdup_printf (
        "UPDATE %s SET search = '' WHERE search <> ''"
        " AND name_en IS NULL AND name_ru IS NULL AND name_ky IS NULL%s",
        table, no_abbreviation);
      g_autofree char *select_sql = g_strdup_printf (
        "SELECT id, name_en, name_ru, name_ky%s FROM %s"
        " WHERE NOT (name_en IS NULL AND name_ru IS NULL AND name_ky IS NULL%s)",
        abbreviations ? ", abbreviation_en, abbreviation_ru, abbreviation_ky" : "",
        table, no_abbreviation);
      g_autofree char *update_sql = g_strdup_printf (
        "UPDATE %s SET search = ?2 WHERE id = ?1 AND search IS NOT ?2", table);
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Refolded));
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_array_set_clear_func (rows, refolded_clear);

      if (!exec (db, clear_sql, _("Cannot update the records file"), error))
        return FALSE;

      /* Read everything first: the rows are not changed while a statement reads them. */
      rc = sqlite3_prepare_v2 (db, select_sql, -1, &stmt, NULL);
      while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(PsiText) name = NULL;
          g_autoptr(PsiText) abbreviation = NULL;
          Refolded row;

          name = psi_text_new ((const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3));
          if (abbreviations)
            abbreviation = psi_text_new ((const char *) sqlite3_column_text (stmt, 4),
                                         (const char *) sqlite3_column_text (stmt, 5),
                                         (const char *) sqlite3_column_text (stmt, 6));
          row.id = sqlite3_column_int64 (stmt, 0);
          row.search = _psi_store_search_text (name, abbreviation);
          g_array_append_val (rows, row);
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (rc != SQLITE_DONE)
        {
          _psi_store_set_error (error, db, rc, _("Cannot update the records file"));
          return FALSE;
        }

      rc = sqlite3_prepare_v2 (db, update_sql, -1, &stmt, NULL);
      for (guint i = 0; rc == SQLITE_OK && i < rows->len; i++)
        {
          Refolded *row = &g_array_index (rows, Refolded, i);

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_text (stmt, 2, row->search, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          _psi_store_set_error (error, db, rc, _("Cannot update the records file"));
          return FALSE;
        }
    }

  return TRUE;
}

static const Migration migrations[] = {
  { 1, NULL, migration_1 },
  { 2, refold_search, migration_2 },
  { 3, NULL, migration_3 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PSI_STORE_SCHEMA_VERSION);

int
_psi_store_read_user_version (sqlite3  *db,
                              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    _psi_store_set_error (error, db, rc, _("Cannot read the version of the records file"));
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _psi_store_set_error (error, db, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_not_newer (int      version,
                 GError **error)
{
  if (version > PSI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NEWER,
                   /* Translators: both are schema version numbers of the records file */
                   _("The records file was written by a newer version of PSI Records "
                     "(file version %d; this version reads up to %d). Update the application "
                     "to open it."),
                   version, PSI_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Before the schema of a file with records of an older version is changed: a backup of it
 * (reason migration). Without one the file is not touched. */
static gboolean
backup_before_migration (sqlite3  *db,
                         GError  **error)
{
  const char *path = sqlite3_db_filename (db, "main");
  g_autoptr(GError) backup_error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *display = NULL;

  /* An in-memory or temporary database has nothing to keep. */
  if (path == NULL || *path == '\0')
    return TRUE;

  backup = _psi_backup_db_auto (db, PSI_BACKUP_REASON_MIGRATION, NULL, &backup_error);
  if (backup != NULL)
    {
      g_debug ("Backed up %s to %s before updating its schema", path, backup);
      return TRUE;
    }

  display = g_filename_display_name (path);
  g_set_error (error, PSI_STORE_ERROR,
               backup_error->domain == PSI_STORE_ERROR ? backup_error->code
                                                       : PSI_STORE_ERROR_FAILED,
               /* Translators: %s is a file name, then why the backup failed */
               _("“%s” needs an update for this version of PSI Records, but it was left "
                 "unchanged because no backup of it could be made first: %s"),
               display, backup_error->message);
  return FALSE;
}

static gboolean
migrate (sqlite3  *db,
         int       target,
         gboolean  backup_first,
         GError  **error)
{
  int version;

  g_assert (db != NULL);
  g_assert (target >= 0 && target <= PSI_STORE_SCHEMA_VERSION);

  version = _psi_store_read_user_version (db, error);
  if (version < 0)
    return FALSE;
  if (!check_not_newer (version, error))
    return FALSE;
  /* A new, empty file (version 0) has nothing to lose. */
  if (backup_first && version > 0 && version < target && !backup_before_migration (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *step = &migrations[i];
      g_autofree char *bump = NULL;

      if (step->version <= version || step->version > target)
        continue;

      if (!exec (db, "BEGIN IMMEDIATE", _("Cannot update the records file"), error))
        return FALSE;

      /* Another process may have migrated the file in the meantime. */
      version = _psi_store_read_user_version (db, error);
      if (version < 0 || !check_not_newer (version, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (step->version <= version)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          continue;
        }

      /* A pragma takes no bound values; the version is a constant of this file. */
      bump = g_strdup_printf ("PRAGMA user_version = %d", step->version);
      if ((step->prepare != NULL && !step->prepare (db, error)) ||
          !exec (db, step->sql, _("Cannot update the records file"), error) ||
          !exec (db, bump, _("Cannot update the records file"), error) ||
          !exec (db, "COMMIT", _("Cannot update the records file"), error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated the records file to schema version %d", step->version);
      version = step->version;
    }

  return TRUE;
}

gboolean
_psi_store_migrate_to (sqlite3  *db,
                       int       target,
                       GError  **error)
{
  return migrate (db, target, TRUE, error);
}

gboolean
_psi_store_migrate (sqlite3  *db,
                    GError  **error)
{
  return migrate (db, PSI_STORE_SCHEMA_VERSION, TRUE, error);
}

gboolean
_psi_store_migrate_without_backup (sqlite3  *db,
                                   GError  **error)
{
  return migrate (db, PSI_STORE_SCHEMA_VERSION, FALSE, error);
}
