/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Backups and restore (psi-store-backup.c) on real files in temporary folders: consistent
 * copies while another connection writes, retention, the backups before a migration and an
 * import, restoring (online, older versions, damaged files) and every refusal leaving the
 * records as they were. XDG_DATA_HOME is a temporary folder of this run, emptied after every
 * test. (Not G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the folder names it sets, which fails
 * the sanitizer tree.) */

#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "psi-test-files.h"
#include "psi-model.h"
#include "psi-sample.h"
#include "psi-store.h"
#include "psi-store-backup.h"
#include "psi-store-backup-private.h"
#include "psi-store-private.h"
#include "psi-xml-export.h"
#include "psi-xml-task.h"

typedef struct
{
  char     *tmpdir;
  char     *path;
  PsiStore *store;
  guint     n_external_changes;
} Fixture;

static void
external_change_cb (PsiStore *store,
                    Fixture  *fixture)
{
  fixture->n_external_changes++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("psi-backup-XXXXXX", &error);
  g_assert_no_error (error);
  /* No backups from an earlier test */
  {
    g_autofree char *backups = psi_backup_dup_directory ();

    g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  }
  fixture->path = g_build_filename (fixture->tmpdir, "records.sqlite3", NULL);
  fixture->store = psi_sample_open_store (fixture->path, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "external-change", G_CALLBACK (external_change_cb),
                    fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *app_data = g_build_filename (g_get_user_data_dir (), "psi-records", NULL);

  g_clear_object (&fixture->store);
  psi_test_remove_tree (fixture->tmpdir);
  psi_test_remove_tree (app_data);
  g_unlink (app_data);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every table's rows, sorted, and the user_version: equal dumps mean equal records. */
static char *
dump_db (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  sqlite3_stmt *version = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &version, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (version), ==, SQLITE_ROW);
  g_string_append_printf (out, "version %d\n", sqlite3_column_int (version, 0));
  sqlite3_finalize (version);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\"", name);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, i);

              g_string_append_printf (row, "%s|", text != NULL ? text : "NULL");
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_rows);
      g_string_append_printf (out, "== %s (%u)\n", name, rows->len);
      for (guint i = 0; i < rows->len; i++)
        g_string_append_printf (out, "%s\n", (char *) rows->pdata[i]);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

static sqlite3 *
open_raw (const char *path,
          int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
dump_file (const char *path)
{
  sqlite3 *db = open_raw (path, SQLITE_OPEN_READONLY);
  char *dump = dump_db (db);

  sqlite3_close (db);
  return dump;
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = open_raw (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static guint
n_backups (const char *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = psi_backup_list_for_database (database_path, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static PsiBackupInfo *
backup_at (const char *database_path,
           guint       position)
{
  g_autoptr(GListModel) list = psi_backup_list_for_database (database_path, NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (position, <, g_list_model_get_n_items (list));
  return g_list_model_get_item (list, position);
}

/* No temporary copy left anywhere in dir (not recursive). */
static void
assert_no_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".psi-backup-"));
      g_assert_false (g_str_has_suffix (name, "-journal"));
    }
}

static gint64
add_region (PsiStore   *store,
            const char *en)
{
  g_autoptr(PsiRegion) region = psi_region_new ();
  g_autoptr(PsiText) name = psi_text_new (en, NULL, NULL);
  g_autoptr(GError) error = NULL;

  psi_record_set_name (PSI_RECORD (region), name);
  g_assert_true (psi_store_save (store, PSI_RECORD (region), &error));
  g_assert_no_error (error);
  return psi_record_get_id (PSI_RECORD (region));
}

/* A records file of schema version 2 with one region, made by the migrations of that time. */
static void
make_old_file (const char *path,
               int         version)
{
  sqlite3 *db = open_raw (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_true (_psi_store_migrate_to (db, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO region (uuid, name_en, search)"
                                       " VALUES (?1, 'Old region', 'old region')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static int
read_user_version (const char *path)
{
  sqlite3 *db = open_raw (path, SQLITE_OPEN_READONLY);
  int version = _psi_store_read_user_version (db, NULL);

  sqlite3_close (db);
  return version;
}

/* Makes $XDG_DATA_HOME/psi-records a plain file: no backup can be written there, not even by
 * root. */
static void
block_backup_directory (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "psi-records", NULL);
  g_autofree char *backups = psi_backup_dup_directory ();
  g_autoptr(GError) error = NULL;

  g_autofree char *saved = g_strconcat (dir, ".saved", NULL);

  g_assert_true (g_str_has_prefix (backups, dir));
  g_rename (dir, saved);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_file_set_contents (dir, "not a folder", -1, &error);
  g_assert_no_error (error);
}

static void
unblock_backup_directory (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "psi-records", NULL);
  g_autofree char *saved = g_strconcat (dir, ".saved", NULL);

  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_rename (saved, dir);
}

/* A backup while another connection holds an uncommitted write: the copy has the committed
 * records only, passes integrity_check and equals the file before that write. */
static void
test_consistent_during_write (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (fixture->tmpdir, "copy.sqlite3", NULL);
  g_autofree char *before = dump_db (_psi_store_get_db (fixture->store));
  g_autofree char *copy = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *writer = open_raw (fixture->path, SQLITE_OPEN_READWRITE);

  exec_ok (writer, "BEGIN IMMEDIATE");
  exec_ok (writer, "UPDATE region SET name_en = 'changed', search = 'changed'");
  exec_ok (writer, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                   " WHERE i < 20000)"
                   " INSERT INTO region (uuid, name_en, search)"
                   " SELECT 'uuid-' || i, 'Region ' || i, 'region ' || i FROM n");

  g_assert_true (psi_store_backup_to_file (fixture->store, dest, &error));
  g_assert_no_error (error);
  assert_integrity_ok (dest);
  copy = dump_file (dest);
  g_assert_cmpstr (copy, ==, before);

  /* The copy is one file: no -wal or -shm beside it, nothing temporary left */
  {
    g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
    g_autofree char *shm = g_strconcat (dest, "-shm", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    assert_no_temp_files (fixture->tmpdir);
  }

  exec_ok (writer, "COMMIT");
  sqlite3_close (writer);
  after = dump_db (_psi_store_get_db (fixture->store));
  g_assert_cmpstr (after, !=, before);
  g_clear_pointer (&copy, g_free);
  copy = dump_file (dest);
  g_assert_cmpstr (copy, ==, before);

  /* Again over the same file: replaced, now with the committed change */
  g_assert_true (psi_store_backup_to_file (fixture->store, dest, &error));
  g_assert_no_error (error);
  g_clear_pointer (&copy, g_free);
  copy = dump_file (dest);
  g_assert_cmpstr (copy, ==, after);

  /* Not while the store's own change is open; not over the records file itself */
  g_assert_true (psi_store_begin (fixture->store, &error));
  g_assert_false (psi_store_backup_to_file (fixture->store, dest, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_null (psi_store_backup_auto (fixture->store, PSI_BACKUP_REASON_MANUAL, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY);
  g_clear_error (&error);
  psi_store_rollback (fixture->store);

  g_assert_false (psi_store_backup_to_file (fixture->store, fixture->path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "records file itself"));
  g_clear_error (&error);
  assert_integrity_ok (fixture->path);
}

/* Twelve automatic backups in the same second: the ten newest stay, in order, none replaced. */
static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) list = NULL;
  g_autofree char *dir = psi_backup_dup_directory ();

  for (guint i = 0; i < PSI_BACKUP_KEEP + 2; i++)
    {
      g_autoptr(GError) error = NULL;
      char *path = psi_store_backup_auto (fixture->store,
                                          i % 2 ? PSI_BACKUP_REASON_IMPORT
                                                : PSI_BACKUP_REASON_MANUAL,
                                          &error);

      g_assert_no_error (error);
      g_assert_nonnull (path);
      g_assert_true (g_str_has_prefix (path, dir));
      for (guint j = 0; j < made->len; j++)
        g_assert_cmpstr (path, !=, made->pdata[j]);
      g_ptr_array_add (made, path);
    }

  g_assert_false (g_file_test (made->pdata[0], G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (made->pdata[1], G_FILE_TEST_EXISTS));
  for (guint i = 2; i < made->len; i++)
    g_assert_true (g_file_test (made->pdata[i], G_FILE_TEST_EXISTS));

  list = psi_backup_list_for_database (fixture->path, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, PSI_BACKUP_KEEP);
  for (guint i = 0; i < PSI_BACKUP_KEEP; i++)
    {
      g_autoptr(PsiBackupInfo) info = g_list_model_get_item (list, i);
      const char *expected = made->pdata[made->len - 1 - i];

      g_assert_cmpstr (psi_backup_info_get_path (info), ==, expected);
      g_assert_true (psi_backup_info_get_valid (info));
      g_assert_cmpint (psi_backup_info_get_reason (info), ==,
                       (made->len - 1 - i) % 2 ? PSI_BACKUP_REASON_IMPORT
                                               : PSI_BACKUP_REASON_MANUAL);
    }
  assert_no_temp_files (dir);

  /* The backups of another file with the same name in another folder are its own */
  {
    g_autofree char *other_dir = g_build_filename (fixture->tmpdir, "other", NULL);
    g_autofree char *other = g_build_filename (other_dir, "records.sqlite3", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(PsiStore) store = NULL;
    g_autofree char *path = NULL;

    g_mkdir (other_dir, 0700);
    store = psi_store_open (other, &error);
    g_assert_no_error (error);
    path = psi_store_backup_auto (store, PSI_BACKUP_REASON_MANUAL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_backups (other), ==, 1);
    g_assert_cmpuint (n_backups (fixture->path), ==, PSI_BACKUP_KEEP);
  }
}

/* Opening a file of an older version backs it up first (reason migration, the old version);
 * a new file and a current one are not backed up; without a backup the file is not updated. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *old = g_build_filename (fixture->tmpdir, "old.sqlite3", NULL);
  g_autofree char *fresh = g_build_filename (fixture->tmpdir, "fresh.sqlite3", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_backups (fixture->path), ==, 0);

  {
    g_autoptr(PsiStore) store = psi_store_open (fresh, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n_backups (fresh), ==, 0);
  }

  /* Refused without a backup */
  make_old_file (old, 2);
  block_backup_directory ();
  {
    g_autoptr(PsiStore) store = psi_store_open (old, &error);

    g_assert_null (store);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "old.sqlite3"));
    g_assert_nonnull (strstr (error->message, "backup"));
    g_clear_error (&error);
  }
  g_assert_cmpint (read_user_version (old), ==, 2);
  assert_no_temp_files (fixture->tmpdir);
  unblock_backup_directory ();

  {
    g_autoptr(PsiStore) store = psi_store_open (old, &error);
    g_autoptr(PsiBackupInfo) info = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (psi_store_get_schema_version (store), ==, PSI_STORE_SCHEMA_VERSION);
    g_assert_cmpuint (n_backups (old), ==, 1);
    info = backup_at (old, 0);
    g_assert_cmpint (psi_backup_info_get_reason (info), ==, PSI_BACKUP_REASON_MIGRATION);
    g_assert_cmpint (psi_backup_info_get_schema_version (info), ==, 2);
    g_assert_true (psi_backup_info_get_valid (info));
    g_assert_cmpint (psi_backup_info_get_count (info, PSI_RECORD_KIND_REGION), ==, 1);
    g_assert_cmpint (psi_backup_info_get_total (info), ==, 1);
  }

  /* Once up to date, opening makes no more */
  {
    g_autoptr(PsiStore) store = psi_store_open (old, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n_backups (old), ==, 1);
  }
}

/* Restoring replaces the records online, backs up the current ones first (reason restore),
 * and tells the lists through external-change. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "backup.sqlite3", NULL);
  g_autofree char *original = dump_db (_psi_store_get_db (fixture->store));
  g_autofree char *changed = NULL;
  g_autofree char *now = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *previous_dump = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiBackupInfo) info = NULL;
  gint64 n_regions;

  g_assert_true (psi_store_backup_to_file (fixture->store, backup, &error));
  g_assert_no_error (error);
  n_regions = psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL);

  add_region (fixture->store, "A region added after the backup");
  changed = dump_db (_psi_store_get_db (fixture->store));
  g_assert_cmpstr (changed, !=, original);
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL), ==,
                   n_regions + 1);

  fixture->n_external_changes = 0;
  g_assert_true (psi_store_restore_from_file (fixture->store, backup, &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_external_changes, ==, 1);

  now = dump_db (_psi_store_get_db (fixture->store));
  g_assert_cmpstr (now, ==, original);
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL), ==,
                   n_regions);
  g_assert_true (psi_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  g_assert_nonnull (previous);
  info = psi_backup_info_new_for_file (previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_backup_info_get_reason (info), ==, PSI_BACKUP_REASON_RESTORE);
  g_assert_true (psi_backup_info_get_valid (info));
  previous_dump = dump_file (previous);
  g_assert_cmpstr (previous_dump, ==, changed);

  /* The store goes on working */
  add_region (fixture->store, "Another region");
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL), ==,
                   n_regions + 1);

  /* And back again: the backup of the previous records restores them */
  g_clear_pointer (&now, g_free);
  g_assert_true (psi_store_restore_from_file (fixture->store, previous, NULL, &error));
  g_assert_no_error (error);
  now = dump_db (_psi_store_get_db (fixture->store));
  g_assert_cmpstr (now, ==, changed);
}

/* A backup of an older version is restored and brought up to date, without a migration
 * backup of it (it is a backup already). */
static void
test_restore_older (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *old = g_build_filename (fixture->tmpdir, "old.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  make_old_file (old, 1);
  g_assert_true (psi_store_restore_from_file (fixture->store, old, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_get_schema_version (fixture->store), ==, PSI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL), ==, 1);
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_AWARD, NULL), ==, 0);
  g_assert_true (psi_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  list = psi_backup_list_for_database (fixture->path, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(PsiBackupInfo) info = g_list_model_get_item (list, 0);

    g_assert_cmpint (psi_backup_info_get_reason (info), ==, PSI_BACKUP_REASON_RESTORE);
    g_assert_cmpint (psi_backup_info_get_schema_version (info), ==, PSI_STORE_SCHEMA_VERSION);
  }
  /* The backup itself was not touched */
  g_assert_cmpint (read_user_version (old), ==, 1);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
damage_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 6 * 4096);
  memset (contents + 2 * 4096, 0x55, 3 * 4096);
  g_file_set_contents (path, contents, size, &error);
  g_assert_no_error (error);
}

static char *
contents_of (const char *path)
{
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

/* A damaged backup, one from a newer version, a database that is no records file, a text
 * file, a missing file, the records file itself: each refused, nothing changed, nothing
 * backed up, no signal. */
static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->tmpdir, "good.sqlite3", NULL);
  g_autofree char *damaged = g_build_filename (fixture->tmpdir, "damaged.sqlite3", NULL);
  g_autofree char *newer = g_build_filename (fixture->tmpdir, "newer.sqlite3", NULL);
  g_autofree char *foreign = g_build_filename (fixture->tmpdir, "foreign.sqlite3", NULL);
  g_autofree char *text = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "missing.sqlite3", NULL);
  g_autofree char *before = dump_db (_psi_store_get_db (fixture->store));
  g_autoptr(GError) error = NULL;
  struct {
    const char    *path;
    PsiStoreError  code;
    const char    *words;
  } cases[] = {
    { damaged, PSI_STORE_ERROR_CORRUPT, "damaged" },
    { newer, PSI_STORE_ERROR_NEWER, "newer version" },
    { foreign, PSI_STORE_ERROR_CORRUPT, "not a backup" },
    { text, PSI_STORE_ERROR_CORRUPT, "not a PSI Records file" },
    { missing, PSI_STORE_ERROR_OPEN, "Cannot read" },
    { fixture->path, PSI_STORE_ERROR_FAILED, "records file itself" },
  };

  g_assert_true (psi_store_backup_to_file (fixture->store, good, &error));
  g_assert_no_error (error);

  copy_file (good, damaged);
  damage_file (damaged);

  copy_file (good, newer);
  {
    sqlite3 *db = open_raw (newer, SQLITE_OPEN_READWRITE);

    exec_ok (db, "PRAGMA user_version = 99");
    sqlite3_close (db);
  }
  {
    sqlite3 *db = open_raw (foreign, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

    exec_ok (db, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1)");
    sqlite3_close (db);
  }
  g_file_set_contents (text, "Dear diary,\n", -1, &error);
  g_assert_no_error (error);

  fixture->n_external_changes = 0;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = NULL;
      g_autofree char *saved = cases[i].path != fixture->path ? contents_of (cases[i].path)
                                                              : NULL;
      g_autofree char *previous = NULL;
      g_autofree char *base = g_path_get_basename (cases[i].path);

      g_test_message ("restoring %s", cases[i].path);
      g_assert_false (psi_store_restore_from_file (fixture->store, cases[i].path, &previous,
                                                   &error));
      g_assert_error (error, PSI_STORE_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_nonnull (strstr (error->message, base));
      g_assert_null (previous);
      g_clear_error (&error);

      after = dump_db (_psi_store_get_db (fixture->store));
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (n_backups (fixture->path), ==, 0);

      /* The backup was only read */
      if (saved != NULL)
        {
          g_autofree char *again = contents_of (cases[i].path);

          g_assert_cmpstr (again, ==, saved);
        }

      /* psi_backup_info says the same */
      if (cases[i].path != fixture->path && cases[i].path != missing)
        {
          g_autoptr(PsiBackupInfo) info = psi_backup_info_new_for_file (cases[i].path, &error);

          g_assert_no_error (error);
          g_assert_false (psi_backup_info_get_valid (info));
          g_assert_nonnull (strstr (psi_backup_info_get_problem (info), cases[i].words));
        }
      /* ... and so does the restore of a damaged file */
      if (cases[i].path != fixture->path)
        {
          g_autofree char *target = g_build_filename (fixture->tmpdir, "target.sqlite3",
                                                      NULL);
          g_autofree char *aside = NULL;

          g_assert_false (psi_backup_restore_damaged_file (target, cases[i].path, &aside,
                                                           &error));
          g_assert_nonnull (error);
          g_clear_error (&error);
          g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
        }
    }
  g_assert_cmpuint (fixture->n_external_changes, ==, 0);
  assert_no_temp_files (fixture->tmpdir);

  /* Without a backup of the current records nothing is restored either */
  block_backup_directory ();
  g_assert_false (psi_store_restore_from_file (fixture->store, good, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Nothing was restored"));
  g_clear_error (&error);
  unblock_backup_directory ();
  {
    g_autofree char *after = dump_db (_psi_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }

  /* Nor while a change is open */
  g_assert_true (psi_store_begin (fixture->store, &error));
  g_assert_false (psi_store_restore_from_file (fixture->store, good, NULL, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY);
  g_clear_error (&error);
  psi_store_rollback (fixture->store);
  g_assert_cmpuint (fixture->n_external_changes, ==, 0);
}

static void
rename_to_yesterday (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *today = g_date_time_format (now, "-%Y%m%d-");
  g_autofree char *before = g_date_time_format (yesterday, "-%Y%m%d-");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_auto(GStrv) parts = g_strsplit (base, today, 2);
  g_autofree char *new_base = NULL;
  g_autofree char *new_path = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  new_base = g_strjoin (before, parts[0], parts[1], NULL);
  new_path = g_build_filename (dir, new_base, NULL);
  g_assert_cmpint (g_rename (path, new_path), ==, 0);
}

/* One daily backup a day, and none when another backup was made that day already. */
static void
test_daily (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psi_store_backup_daily (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (psi_store_backup_daily (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_backups (fixture->path), ==, 1);
  {
    g_autoptr(PsiBackupInfo) info = backup_at (fixture->path, 0);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    GDateTime *created = psi_backup_info_get_created (info);

    g_assert_cmpint (psi_backup_info_get_reason (info), ==, PSI_BACKUP_REASON_DAILY);
    g_assert_cmpint (g_date_time_difference (now, created), <, 60 * G_TIME_SPAN_SECOND);
    g_assert_cmpint (g_date_time_difference (now, created), >=, 0);

    /* Made yesterday: today needs one */
    rename_to_yesterday (psi_backup_info_get_path (info));
  }
  g_assert_true (psi_store_backup_daily (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_backups (fixture->path), ==, 2);
  {
    g_autoptr(PsiBackupInfo) newest = backup_at (fixture->path, 0);
    g_autoptr(PsiBackupInfo) oldest = backup_at (fixture->path, 1);

    g_assert_cmpint (g_date_time_compare (psi_backup_info_get_created (newest),
                                          psi_backup_info_get_created (oldest)), >, 0);
  }

  /* Another file whose backup of today was an import: no daily one */
  {
    g_autofree char *other = g_build_filename (fixture->tmpdir, "other.sqlite3", NULL);
    g_autoptr(PsiStore) store = psi_sample_open_store (other, &error);
    g_autofree char *made = NULL;

    g_assert_no_error (error);
    made = psi_store_backup_auto (store, PSI_BACKUP_REASON_IMPORT, &error);
    g_assert_no_error (error);
    g_assert_true (psi_store_backup_daily (store, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_backups (other), ==, 1);
  }

  /* Through a connection of its own (the window's worker thread), while the store is open */
  {
    g_autofree char *fourth = g_build_filename (fixture->tmpdir, "fourth.sqlite3", NULL);
    g_autoptr(PsiStore) store = psi_sample_open_store (fourth, &error);
    g_autofree char *missing = g_build_filename (fixture->tmpdir, "missing.sqlite3", NULL);

    g_assert_no_error (error);
    g_assert_true (psi_backup_daily_for_file (fourth, &error));
    g_assert_no_error (error);
    g_assert_true (psi_backup_daily_for_file (fourth, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_backups (fourth), ==, 1);
    g_assert_true (psi_store_backup_daily (store, &error));
    g_assert_cmpuint (n_backups (fourth), ==, 1);
    {
      g_autoptr(PsiBackupInfo) info = backup_at (fourth, 0);

      g_assert_cmpint (psi_backup_info_get_reason (info), ==, PSI_BACKUP_REASON_DAILY);
      g_assert_cmpint (psi_backup_info_get_total (info), ==, 46);
    }
    g_assert_false (psi_backup_daily_for_file (missing, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* A failed daily backup is an error for the caller to log */
  block_backup_directory ();
  {
    g_autofree char *third = g_build_filename (fixture->tmpdir, "third.sqlite3", NULL);
    g_autoptr(PsiStore) store = psi_sample_open_store (third, &error);

    g_assert_no_error (error);
    g_assert_false (psi_store_backup_daily (store, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  unblock_backup_directory ();
}

/* A read-only connection to a read-only file can be backed up. */
static void
test_read_only_source (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (fixture->tmpdir, "copy.sqlite3", NULL);
  g_autofree char *before = dump_db (_psi_store_get_db (fixture->store));
  g_autofree char *copy = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_clear_object (&fixture->store);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  db = open_raw (fixture->path, SQLITE_OPEN_READONLY);

  g_assert_true (_psi_backup_db_to_file (db, dest, &error));
  g_assert_no_error (error);
  copy = dump_file (dest);
  g_assert_cmpstr (copy, ==, before);

  made = _psi_backup_db_auto (db, PSI_BACKUP_REASON_MANUAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_clear_pointer (&copy, g_free);
  copy = dump_file (made);
  g_assert_cmpstr (copy, ==, before);
  sqlite3_close (db);
  g_chmod (fixture->path, 0644);
}

/* A backup that cannot be written leaves no temporary file and no partial backup. */
static void
test_no_temp_on_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->tmpdir, "folder", NULL);
  g_autofree char *inside = g_build_filename (folder, "file", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->tmpdir, "missing", "copy.sqlite3",
                                               NULL);
  g_autofree char *backups = psi_backup_dup_directory ();
  g_autoptr(GError) error = NULL;

  /* The destination is a folder: the copy is made, the rename fails */
  g_mkdir (folder, 0700);
  g_file_set_contents (inside, "x", -1, &error);
  g_assert_no_error (error);
  g_assert_false (psi_store_backup_to_file (fixture->store, folder, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);
  assert_no_temp_files (fixture->tmpdir);
  assert_no_temp_files (folder);

  /* The destination's folder does not exist */
  g_assert_false (psi_store_backup_to_file (fixture->store, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "copy.sqlite3"));
  g_clear_error (&error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* The backups folder cannot be made */
  block_backup_directory ();
  g_assert_null (psi_store_backup_auto (fixture->store, PSI_BACKUP_REASON_MANUAL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  unblock_backup_directory ();
  g_assert_cmpuint (n_backups (fixture->path), ==, 0);

  /* The records file opens as before */
  g_assert_true (psi_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
import_async (const char         *store_path,
              GFile              *file,
              PsiXmlImportFlags   flags,
              GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  psi_xml_import_file_async (NULL, store_path, file, flags, NULL, NULL, NULL, import_done_cb,
                             &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return psi_xml_import_file_finish (result, NULL, error);
}

/* An import in the worker makes an 'import' backup first; a dry run makes none; without a
 * backup nothing is imported. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->tmpdir, "records.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_true (psi_xml_export_file (fixture->store, file, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (import_async (fixture->path, file, PSI_XML_IMPORT_DRY_RUN, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_backups (fixture->path), ==, 0);

  g_assert_true (import_async (fixture->path, file, PSI_XML_IMPORT_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_backups (fixture->path), ==, 1);
  {
    g_autoptr(PsiBackupInfo) info = backup_at (fixture->path, 0);

    g_assert_cmpint (psi_backup_info_get_reason (info), ==, PSI_BACKUP_REASON_IMPORT);
    g_assert_true (psi_backup_info_get_valid (info));
    g_assert_cmpint (psi_backup_info_get_total (info), ==, 46);
  }

  /* No backup, no import */
  before = dump_db (_psi_store_get_db (fixture->store));
  block_backup_directory ();
  g_assert_false (import_async (fixture->path, file, PSI_XML_IMPORT_DEFAULT, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_clear_error (&error);
  unblock_backup_directory ();
  {
    g_autofree char *after = dump_db (_psi_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (n_backups (fixture->path), ==, 1);

  /* An empty file has nothing to keep */
  {
    g_autofree char *empty = g_build_filename (fixture->tmpdir, "empty.sqlite3", NULL);
    g_autoptr(PsiStore) store = psi_store_open (empty, &error);

    g_assert_no_error (error);
    g_assert_true (import_async (empty, file, PSI_XML_IMPORT_DEFAULT, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_backups (empty), ==, 0);
  }
}

/* A file that does not open is moved aside (with its -wal) and replaced by the backup. */
static void
test_damaged_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "backup.sqlite3", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *expected = dump_db (_psi_store_get_db (fixture->store));
  g_autofree char *aside = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;

  g_assert_true (psi_store_backup_to_file (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  g_file_set_contents (fixture->path, "garbage, not a database at all", -1, &error);
  g_assert_no_error (error);
  store = psi_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  /* A stale -wal beside it must go with it, or SQLite would read it into the new file */
  g_file_set_contents (wal, "stale", -1, &error);
  g_assert_no_error (error);

  g_assert_true (psi_backup_restore_damaged_file (fixture->path, backup, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, fixture->path));
  g_assert_nonnull (strstr (aside, ".damaged-"));
  contents = contents_of (aside);
  g_assert_cmpstr (contents, ==, "garbage, not a database at all");
  aside_wal = g_strconcat (aside, "-wal", NULL);
  g_assert_true (g_file_test (aside_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_no_temp_files (fixture->tmpdir);

  store = psi_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (psi_store_check_integrity (store, &error));
  g_assert_no_error (error);
  now = dump_db (_psi_store_get_db (store));
  g_assert_cmpstr (now, ==, expected);

  /* Twice in the same second: the first damaged copy is kept */
  g_clear_object (&store);
  g_file_set_contents (fixture->path, "damaged again", -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *second = NULL;

    g_assert_true (psi_backup_restore_damaged_file (fixture->path, backup, &second, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (second, !=, aside);
    g_clear_pointer (&contents, g_free);
    contents = contents_of (aside);
    g_assert_cmpstr (contents, ==, "garbage, not a database at all");
  }

  /* A missing file is simply made */
  {
    g_autofree char *fresh = g_build_filename (fixture->tmpdir, "new", "records.sqlite3", NULL);
    g_autofree char *none = NULL;
    g_autofree char *dir = g_path_get_dirname (fresh);

    g_mkdir (dir, 0700);
    g_assert_true (psi_backup_restore_damaged_file (fresh, backup, &none, &error));
    g_assert_no_error (error);
    g_assert_null (none);
    assert_integrity_ok (fresh);
  }
}

/* What psi_backup_info reads, and the newest valid backup. */
static void
test_info (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(PsiBackupInfo) info = NULL;
  g_autoptr(PsiBackupInfo) newest = NULL;
  GStatBuf st;
  guint64 size;
  guint64 prop_size = 0;
  gboolean valid = FALSE;
  char *problem = NULL;

  first = psi_store_backup_auto (fixture->store, PSI_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  second = psi_store_backup_auto (fixture->store, PSI_BACKUP_REASON_DAILY, &error);
  g_assert_no_error (error);

  info = psi_backup_info_new_for_file (first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  size = st.st_size;
  g_assert_cmpuint (psi_backup_info_get_size (info), ==, size);
  g_assert_cmpint (psi_backup_info_get_schema_version (info), ==, PSI_STORE_SCHEMA_VERSION);
  g_assert_true (psi_backup_info_get_valid (info));
  g_assert_null (psi_backup_info_get_problem (info));
  for (PsiRecordKind k = 0; k < PSI_N_RECORD_KINDS; k++)
    g_assert_cmpint (psi_backup_info_get_count (info, k), ==,
                     psi_store_count (fixture->store, k, NULL));
  g_assert_cmpint (psi_backup_info_get_total (info), ==, 46);
  g_assert_cmpstr (psi_backup_reason_to_nick (psi_backup_info_get_reason (info)), ==, "manual");
  g_assert_nonnull (psi_backup_reason_get_label (PSI_BACKUP_REASON_IMPORT));
  g_object_get (info, "size", &prop_size, "valid", &valid, "problem", &problem, NULL);
  g_assert_cmpuint (prop_size, ==, size);
  g_assert_true (valid);
  g_assert_null (problem);

  /* The newest is damaged: the one before it is the newest valid */
  damage_file (second);
  newest = psi_backup_find_newest_valid (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (newest);
  g_assert_cmpstr (psi_backup_info_get_path (newest), ==, first);
  g_assert_cmpuint (n_backups (fixture->path), ==, 2);
  {
    g_autoptr(PsiBackupInfo) damaged = backup_at (fixture->path, 0);

    g_assert_cmpstr (psi_backup_info_get_path (damaged), ==, second);
    g_assert_false (psi_backup_info_get_valid (damaged));
    g_assert_nonnull (psi_backup_info_get_problem (damaged));
    g_assert_cmpint (psi_backup_info_get_reason (damaged), ==, PSI_BACKUP_REASON_DAILY);
  }

  /* Names: the stem keeps the file's name and tells folders apart */
  {
    g_autofree char *stem = _psi_backup_dup_stem (fixture->path);
    g_autofree char *base = g_path_get_basename (first);

    g_assert_true (g_str_has_prefix (stem, "records-"));
    g_assert_cmpuint (strlen (stem), ==, strlen ("records-") + 8);
    g_assert_true (g_str_has_prefix (base, stem));
    g_assert_true (g_str_has_suffix (base, "-manual.sqlite3"));
  }
  {
    g_autofree char *hidden = g_build_filename (fixture->tmpdir, ".hidden.db", NULL);
    g_autofree char *stem = _psi_backup_dup_stem (hidden);

    g_assert_true (g_str_has_prefix (stem, "_hidden-"));
  }

  /* No backups at all */
  {
    g_autofree char *other = g_build_filename (fixture->tmpdir, "none.sqlite3", NULL);
    g_autoptr(PsiBackupInfo) none = psi_backup_find_newest_valid (other, &error);

    g_assert_no_error (error);
    g_assert_null (none);
    g_assert_cmpuint (n_backups (other), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("psi-backup-data-XXXXXX", NULL);
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  /* Before GLib reads it: the automatic backups of the tests go there */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_user_data_dir (), ==, data_home);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/backup/consistent-during-write", test_consistent_during_write);
  ADD ("/backup/retention", test_retention);
  ADD ("/backup/migration", test_migration);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-older", test_restore_older);
  ADD ("/backup/restore-refused", test_restore_refused);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/read-only-source", test_read_only_source);
  ADD ("/backup/no-temp-on-failure", test_no_temp_on_failure);
  ADD ("/backup/import", test_import);
  ADD ("/backup/damaged-file", test_damaged_file);
  ADD ("/backup/info", test_info);

#undef ADD

  status = g_test_run ();
  psi_test_remove_tree (data_home);
  return status;
}
