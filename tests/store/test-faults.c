/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "psi-test-files.h"
#include "psi-store.h"
#include "psi-store-certificates.h"
#include "psi-store-private.h"
#include "psi-xml-import.h"

/* Nothing is ever lost: what opening a file checks before writing to it (damage, a newer or an
 * older version), files and folders that cannot be written (opened read-only, every change
 * refused early), two processes on one file (the second waits, or fails with a message that
 * never says "database is locked", and nothing is half-written; readers read while a writer
 * writes), and a full disk (RLIMIT_FSIZE in a child process: the edit or import fails with
 * PSI_STORE_ERROR_NO_SPACE and the file holds exactly what it held before). */

#define XML_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
#define XML_TAIL "</psi-records>\n"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  psi_language_set_current (PSI_LANGUAGE_EN);
  f->dir = g_dir_make_tmp ("psi-faults-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "records.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  psi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Helpers */

static gboolean
is_root (void)
{
  return geteuid () == 0;
}

/* Times of the two-process tests stretch under valgrind (meson test --setup valgrind). */
static guint
slow (guint ms)
{
  return g_getenv ("VALGRIND") != NULL ? 5 * ms : ms;
}

static PsiRecord *
new_region (const char *name)
{
  PsiRecord *region = PSI_RECORD (psi_region_new ());
  g_autoptr(PsiText) text = psi_text_new (name, NULL, NULL);

  psi_record_set_name (region, text);
  return region;
}

static gint64
save_region (PsiStore   *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) region = new_region (name);

  g_assert_true (psi_store_save (store, region, &error));
  g_assert_no_error (error);
  return psi_record_get_id (region);
}

/* A records file with n regions, closed. */
static void
make_store (const char *path,
            guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = psi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (psi_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Region %u of a test file", i);

      save_region (store, name);
    }
  g_assert_true (psi_store_commit (store, &error));
  g_assert_no_error (error);
}

static gint64
count_regions (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = psi_store_open_full (path, PSI_STORE_OPEN_READ_ONLY, &error);
  gint64 n;

  g_assert_no_error (error);
  n = psi_store_count (store, PSI_RECORD_KIND_REGION, &error);
  g_assert_no_error (error);
  return n;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
assert_same_bytes (GBytes     *before,
                   const char *path)
{
  g_autoptr(GBytes) after = read_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table (FTS5 shadow tables included) and the schema version, as text, in a
 * fixed order; read through a raw read-only connection. */
static char *
dump_file (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Not SQLITE_OPEN_READONLY, which would leave -wal and -shm files behind. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_printf (out, "user_version %d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      /* A test composes SQL from the file's own table names. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (table);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const unsigned char *blob = sqlite3_column_blob (stmt, c);
              int len = sqlite3_column_bytes (stmt, c);

              g_string_append_c (row, '|');
              if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                g_string_append (row, "NULL");
              for (int i = 0; i < len; i++)
                g_string_append_printf (row, "%02x", blob[i]);
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_rows);
      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (rows, r));
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_intact (const char *path,
               const char *dump_before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_after = NULL;
  g_autoptr(PsiStore) store = psi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (psi_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  dump_after = dump_file (path);
  g_assert_cmpstr (dump_after, ==, dump_before);
}

static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  g_autofree char *lower = g_utf8_strdown (haystack, -1);

  return strstr (lower, needle) != NULL;
}

/* Opening */

/* A damaged b-tree is refused by the quick check: the message names the file and what SQLite
 * found, and the file keeps every byte. */
static void
test_open_damaged (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  int root = 0;
  int page_size = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  make_store (f->path, 400);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM"
                                       " pragma_page_size) FROM sqlite_schema"
                                       " WHERE name = 'region'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (root, >, 1);

  /* Garbage over the table's root page (an interior page: 400 rows do not fit one). */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, (gsize) root * page_size);
  memset (contents + (gsize) (root - 1) * page_size + 8, 0xa5, page_size - 8);
  contents[(gsize) (root - 1) * page_size] = 0x05;
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  damaged = read_bytes (f->path);

  store = psi_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "damaged"));
  assert_same_bytes (damaged, f->path);
}

/* A file of a newer version is refused by the reader before the writer ever opens it: not a
 * byte changes, and no -wal file appears. */
static void
test_open_newer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *db = NULL;

  make_store (f->path, 3);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 42", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = read_bytes (f->path);

  g_assert_null (psi_store_open (f->path, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "42"));
  assert_same_bytes (before, f->path);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Read-only */

static const char one_region_xml[] =
  XML_HEAD
  "  <region id=\"0b5c7a02-3c53-4c1e-9d2a-8f1e2b3c4d5e\">"
  "<name xml:lang=\"en\">Chui region</name></region>\n"
  XML_TAIL;

/* Every write path refuses early with the reason; reading works; not a byte changes. */
static void
assert_read_only_store (PsiStore   *store,
                        const char *path,
                        const char *reason_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) region = new_region ("Never saved");
  g_autoptr(PsiRecord) loaded = NULL;
  g_autoptr(PsiCertificate) certificate = NULL;
  g_autoptr(GBytes) xml = NULL;
  const char *reason;

  g_assert_true (psi_store_is_read_only (store));
  reason = psi_store_get_read_only_reason (store);
  g_assert_nonnull (reason);
  g_test_message ("read-only: %s", reason);
  g_assert_nonnull (strstr (reason, reason_part));

  /* Reading works */
  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, &error), ==, 3);
  g_assert_no_error (error);
  loaded = psi_store_load (store, PSI_RECORD_KIND_REGION, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (psi_store_check_integrity (store, &error));
  g_assert_no_error (error);

  g_assert_false (psi_store_begin (store, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, reason);
  g_clear_error (&error);

  g_assert_false (psi_store_save (store, region, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (psi_record_get_id (region), ==, 0);

  g_assert_false (psi_store_save (store, loaded, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (psi_store_delete (store, PSI_RECORD_KIND_REGION, 1, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  certificate = psi_store_certificate_issue (store, 1, "2026-01-01", &error);
  g_assert_null (certificate);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  xml = g_bytes_new_static (one_region_xml, sizeof one_region_xml - 1);
  g_assert_false (psi_xml_import_bytes (store, xml, "in.xml", &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, "in.xml: "));
  g_clear_error (&error);

  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, &error), ==, 3);
}

static void
test_read_only_forced (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(PsiStore) store = NULL;

  make_store (f->path, 3);
  before = read_bytes (f->path);

  store = psi_store_open_full (f->path, PSI_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_read_only_store (store, f->path, "read-only");
  g_clear_object (&store);
  assert_same_bytes (before, f->path);

  /* A writable file opened normally is not read-only. */
  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (psi_store_is_read_only (store));
  g_assert_null (psi_store_get_read_only_reason (store));
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  if (is_root ())
    {
      g_test_skip ("root may write a file without write permission");
      return;
    }

  make_store (f->path, 3);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  before = read_bytes (f->path);

  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_read_only_store (store, f->path, "You do not have permission to change “");
  g_assert_nonnull (strstr (psi_store_get_read_only_reason (store), "records.sqlite3"));
  g_clear_object (&store);
  assert_same_bytes (before, f->path);

  /* No read-only -shm file is left behind: once the file may be written again, it can be. */
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (psi_store_is_read_only (store));
  save_region (store, "Written once the file may be written");
}

/* A WAL file in a folder that cannot be written, without its -shm file: SQLite cannot set up
 * the shared memory; the store reads it as immutable. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  if (is_root ())
    {
      g_test_skip ("root may write in a folder without write permission");
      return;
    }

  make_store (f->path, 3);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  before = read_bytes (f->path);

  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_read_only_store (store, f->path, "the folder of “");
  g_clear_object (&store);
  assert_same_bytes (before, f->path);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
}

/* The same with changes still in the -wal file but no -shm file (copied, or left by a crash):
 * mode=ro cannot set up the shared memory in that folder, the store falls back to
 * immutable=1 and reads the file as it is without the -wal file. */
static void
test_read_only_folder_wal (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) wal_before = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  sqlite3 *db = NULL;

  if (is_root ())
    {
      g_test_skip ("root may write in a folder without write permission");
      return;
    }

  make_store (f->path, 3);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                                 "UPDATE region SET name_ru = 'в журнале'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (g_unlink (shm), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  before = read_bytes (f->path);
  wal_before = read_bytes (wal);

  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_read_only_store (store, f->path, "the folder of “");
  g_clear_object (&store);
  assert_same_bytes (before, f->path);
  assert_same_bytes (wal_before, wal);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
}

/* An older file that cannot be written cannot be migrated: refused, saying so, untouched. */
static void
test_read_only_older (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *version = g_strdup_printf ("%d", PSI_STORE_SCHEMA_VERSION);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (_psi_store_migrate_to (db, 1, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  before = read_bytes (f->path);

  g_assert_null (psi_store_open_full (f->path, PSI_STORE_OPEN_READ_ONLY, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "older version"));
  g_assert_nonnull (strstr (error->message, "file version 1"));
  g_assert_nonnull (strstr (error->message, version));
  assert_same_bytes (before, f->path);
  g_clear_error (&error);

  if (!is_root ())
    {
      g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
      g_assert_null (psi_store_open (f->path, &error));
      g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY);
      assert_same_bytes (before, f->path);
    }
}

/* Two processes */

/* A child process that opens the file, takes the write lock (BEGIN IMMEDIATE), saves n_regions
 * regions, tells the parent through the pipe, holds the lock for hold_ms and commits. */
static GPid
start_holder (const char *path,
              guint       n_regions,
              guint       hold_ms)
{
  int fds[2];
  pid_t pid;
  char byte = 0;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsiStore) store = NULL;
      int status = 0;

      close (fds[0]);
      /* Not the parent's random numbers: new uuids of their own. */
      g_random_set_seed ((guint32) getpid ());
      store = psi_store_open (path, &error);
      if (store == NULL || !psi_store_begin (store, &error))
        _exit (2);
      for (guint i = 0; i < n_regions; i++)
        {
          g_autoptr(PsiRecord) region = new_region ("Written by the other process");

          if (!psi_store_save (store, region, &error))
            _exit (3);
        }
      if (write (fds[1], "x", 1) != 1)
        _exit (4);
      g_usleep ((gulong) hold_ms * 1000);
      if (!psi_store_commit (store, &error))
        status = 5;
      g_clear_object (&store);
      _exit (status);
    }

  close (fds[1]);
  g_assert_cmpint (read (fds[0], &byte, 1), ==, 1);
  close (fds[0]);
  return pid;
}

static void
wait_holder (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
count_wait_cb (PsiStore *store,
               gpointer  user_data)
{
  guint *n_waits = user_data;

  (*n_waits)++;
}

/* The other process commits within the timeout: the save waits (and says so after a second)
 * and succeeds. */
static void
test_busy_waits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(PsiRecord) region = new_region ("Written after waiting");
  guint n_waits = 0;
  GPid holder;
  gint64 start;

  make_store (f->path, 3);
  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  psi_store_set_busy_wait (store, slow (PSI_STORE_BUSY_TIMEOUT_MS), count_wait_cb, &n_waits,
                           NULL);

  holder = start_holder (f->path, 1, 1500);
  start = g_get_monotonic_time ();
  g_assert_true (psi_store_save (store, region, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1000 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (n_waits, ==, 1);
  wait_holder (holder);

  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, NULL), ==, 5);
}

/* The other process holds the lock longer than the timeout: the change fails with
 * PSI_STORE_ERROR_BUSY and a message without SQLite's "database is locked"; nothing of it is
 * written, reading goes on meanwhile, and a retry once the other has finished succeeds. */
static void
test_busy_timeout (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(PsiRecord) region = new_region ("Written on the second try");
  g_autoptr(PsiRecord) group_region = new_region ("In a group");
  g_autofree char *before = NULL;
  GPid holder;

  make_store (f->path, 3);
  before = dump_file (f->path);
  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  psi_store_set_busy_wait (store, 300, NULL, NULL, NULL);

  holder = start_holder (f->path, 2, slow (2500));

  g_assert_false (psi_store_save (store, region, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY);
  g_test_message ("%s", error->message);
  g_assert_false (contains_ci (error->message, "locked"));
  g_assert_false (contains_ci (error->message, "database is"));
  g_assert_nonnull (strstr (error->message, "records.sqlite3"));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_cmpint (psi_record_get_id (region), ==, 0);
  g_clear_error (&error);

  /* A group fails at its start. */
  g_assert_false (psi_store_begin (store, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Reading does not wait for the writer and sees the file as it was. */
  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, &error), ==, 3);
  g_assert_no_error (error);
  {
    g_autofree char *during = dump_file (f->path);

    g_assert_cmpstr (during, ==, before);
  }

  wait_holder (holder);
  g_assert_true (psi_store_begin (store, &error));
  g_assert_true (psi_store_save (store, group_region, &error));
  g_assert_true (psi_store_save (store, region, &error));
  g_assert_true (psi_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, NULL), ==, 3 + 2 + 2);
  g_assert_true (psi_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* Readers read while a writer writes, without waiting, and see the change once committed. */
static void
test_busy_readers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(PsiStore) reader = NULL;
  GPid holder;
  gint64 start;

  make_store (f->path, 3);
  store = psi_store_open (f->path, &error);
  g_assert_no_error (error);

  holder = start_holder (f->path, 100, slow (1500));
  start = g_get_monotonic_time ();
  /* A store opened while the other process writes: the quick check reads too. */
  reader = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_count (reader, PSI_RECORD_KIND_REGION, &error), ==, 3);
  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, slow (1000) * G_TIME_SPAN_MILLISECOND);
  wait_holder (holder);

  g_assert_cmpint (psi_store_count (store, PSI_RECORD_KIND_REGION, NULL), ==, 103);
  g_assert_cmpint (psi_store_count (reader, PSI_RECORD_KIND_REGION, NULL), ==, 103);
}

/* Full disk */

/* The child of run_limited (): returns its exit status. */
static int
limited_child (const char *path,
               gint64      size,
               guint       n,
               GBytes     *xml)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;
  struct rlimit limit;
  gboolean ok;

  signal (SIGXFSZ, SIG_IGN);
  limit.rlim_cur = limit.rlim_max = (rlim_t) size + 16 * 1024;
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    return 20;

  store = psi_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("open: %s\n", error->message);
      return 21;
    }

  if (xml != NULL)
    ok = psi_xml_import_bytes (store, xml, "big.xml", &error);
  else
    {
      ok = psi_store_begin (store, &error);
      for (guint i = 0; ok && i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("A region with a long name to fill the "
                                                   "disk, number %u of %u, written in one "
                                                   "group of changes that must fail", i, n);
          g_autoptr(PsiRecord) region = new_region (name);

          ok = psi_store_save (store, region, &error);
        }
      if (ok)
        ok = psi_store_commit (store, &error);
      else
        psi_store_rollback (store);
    }
  if (ok)
    return 22;
  g_printerr ("%s\n", error->message);
  if (!g_error_matches (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NO_SPACE))
    return 23;
  if (strstr (error->message, "There is not enough space on the disk") == NULL ||
      strstr (error->message, "records.sqlite3") == NULL ||
      contains_ci (error->message, "sqlite_") || contains_ci (error->message, "i/o"))
    return 24;
  if (xml != NULL && !g_str_has_prefix (error->message, "big.xml: "))
    return 25;
  /* The store stays usable for reading. */
  if (psi_store_count (store, PSI_RECORD_KIND_REGION, NULL) != 3)
    return 26;
  return 0;
}

/* In a child process with a file size limit of a little more than the file: saves n regions
 * with long names in one group (or imports xml), expecting PSI_STORE_ERROR_NO_SPACE. Exits 0
 * when that happened with a fitting message, else non-zero. */
static void
run_limited (const char *path,
             guint       n,
             GBytes     *xml)
{
  struct stat st;
  pid_t pid;
  int status = 0;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (limited_child (path, st.st_size, n, xml));

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_full_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;

  make_store (f->path, 3);
  before = dump_file (f->path);
  run_limited (f->path, 4000, NULL);
  assert_intact (f->path, before);
}

static GBytes *
big_xml (guint n)
{
  GString *xml = g_string_new (XML_HEAD);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_string_append_printf (xml, "  <region id=\"%s\"><name xml:lang=\"en\">Imported region "
                              "%u with a name long enough to fill the disk soon</name>"
                              "<name xml:lang=\"ru\">Импортированная область %u</name>"
                              "</region>\n", uuid, i, i);
    }
  g_string_append (xml, XML_TAIL);
  return g_string_free_to_bytes (xml);
}

static void
test_full_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autoptr(GBytes) xml = big_xml (4000);

  make_store (f->path, 3);
  before = dump_file (f->path);
  run_limited (f->path, 0, xml);
  assert_intact (f->path, before);
}

/* The command line: psi-records --import under `ulimit -f` prints the message and exits 1. */
static void
test_full_cli (Fixture       *f,
               gconstpointer  data)
{
  const char *exe = g_getenv ("PSI_RECORDS");
  g_autoptr(GBytes) xml = big_xml (4000);
  g_autofree char *xml_path = g_build_filename (f->dir, "big.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *blocks = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  struct stat st;
  int status = -1;

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("PSI_RECORDS does not name the built psi-records");
      return;
    }

  make_store (f->path, 3);
  before = dump_file (f->path);
  g_assert_true (g_file_set_contents (xml_path, g_bytes_get_data (xml, NULL),
                                      g_bytes_get_size (xml), NULL));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  /* POSIX sh counts ulimit -f in 512-byte blocks. */
  blocks = g_strdup_printf ("%" G_GINT64_FORMAT, ((gint64) st.st_size + 64 * 1024) / 512);

  {
    const char *argv[] = { "/bin/sh", "-c", "ulimit -f \"$1\" && shift && exec \"$@\"", "sh",
                           blocks, exe, "--database", f->path, "--import", xml_path, NULL };

    envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
    envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
    envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->dir, TRUE);
    envp = g_environ_unsetenv (envp, "DISPLAY");
    envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
  }
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "There is not enough space on the disk"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_assert_false (contains_ci (err, "database or disk"));
  g_assert_false (contains_ci (err, "i/o error"));
  assert_intact (f->path, before);
}

/* The command line waits for another writer, says so once, and then imports. */
static void
test_busy_cli (Fixture       *f,
               gconstpointer  data)
{
  const char *exe = g_getenv ("PSI_RECORDS");
  g_autofree char *xml_path = g_build_filename (f->dir, "in.xml", NULL);
  g_autoptr(GBytes) xml = big_xml (5);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { exe, "--database", f->path, "--import", xml_path, NULL };
  int status = -1;
  GPid holder;

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("PSI_RECORDS does not name the built psi-records");
      return;
    }

  make_store (f->path, 3);
  g_assert_true (g_file_set_contents (xml_path, g_bytes_get_data (xml, NULL),
                                      g_bytes_get_size (xml), NULL));
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->dir, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  /* Longer than the window's timeout: the command line waits longer. */
  holder = start_holder (f->path, 1, PSI_STORE_BUSY_TIMEOUT_MS + slow (1500));
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  wait_holder (holder);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (err, "Waiting for another PSI Records to finish writing"));
  g_assert_null (strstr (strstr (err, "Waiting") + 1, "Waiting"));
  g_assert_cmpint (count_regions (f->path), ==, 3 + 1 + 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  TEST ("/store/faults/open/damaged", test_open_damaged);
  TEST ("/store/faults/open/newer", test_open_newer);
  TEST ("/store/faults/read-only/forced", test_read_only_forced);
  TEST ("/store/faults/read-only/file", test_read_only_file);
  TEST ("/store/faults/read-only/folder", test_read_only_folder);
  TEST ("/store/faults/read-only/folder-wal", test_read_only_folder_wal);
  TEST ("/store/faults/read-only/older", test_read_only_older);
  TEST ("/store/faults/busy/waits", test_busy_waits);
  TEST ("/store/faults/busy/timeout", test_busy_timeout);
  TEST ("/store/faults/busy/readers", test_busy_readers);
  TEST ("/store/faults/busy/cli", test_busy_cli);
  TEST ("/store/faults/full/edit", test_full_edit);
  TEST ("/store/faults/full/import", test_full_import);
  TEST ("/store/faults/full/cli", test_full_cli);

  return g_test_run ();
}
