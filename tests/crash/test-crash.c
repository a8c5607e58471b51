/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Nothing is ever lost: a child process imports an XML file or makes a burst of edits through
 * the app's own API on a real records file, and is killed with SIGKILL at a random moment. After
 * each kill the file must pass PRAGMA integrity_check, foreign_key_check and the FTS5 indexes'
 * integrity-check, open in the app (psi_store_open ()), and hold exactly one of the states the
 * work may leave:
 *
 *   /crash/import  the whole old state or the whole new one (one transaction), compared as a
 *                  hash of a sorted dump of every table;
 *   /crash/edits   first single edits, each its own transaction, then groups of edits in
 *                  psi_store_begin ()/psi_store_commit (): the state after exactly k edits, for a
 *                  k that the child had reached (or was committing) when it died. Every edit
 *                  changes two things, an award and its prize items (an update, an insert with
 *                  items, or a delete that takes the items along), and leaves a value of its own
 *                  (the grant), so a half edit matches no state.
 *
 * The kills are spread over the measured duration of an unkilled run, so most land in the
 * middle of the work (for the import, one in three is aimed at its commit, which is short); the
 * test prints how many landed before, during and after a commit.
 * The random delays come from a seed that is printed (set PSI_CRASH_SEED to repeat a run).
 *
 * Sizes, from the environment:
 *   PSI_CRASH_AWARDS       awards in the imported file (default 10000)
 *   PSI_CRASH_KILLS        kills per test (default 30, so 60 in all)
 *   PSI_CRASH_EDIT_AWARDS  awards in the file the edits are made on (default 2000)
 *   PSI_CRASH_EDITS        single edits, then as many again in groups of 10 (default 600)
 *   PSI_CRASH_SEED         seed of the kill delays (default: from g_test_rand_int ())
 *
 * Full size, by hand (keeps its files in a temp dir that it removes; each kill costs about half
 * an unkilled import, which at 1 000 000 awards is minutes: plan for hours on a 2-core machine;
 * 100 000 awards with 6 kills took 2 minutes here):
 *
 *   PSI_CRASH_AWARDS=1000000 PSI_CRASH_KILLS=100 PSI_CRASH_EDIT_AWARDS=100000 \
 *     meson test -C build --suite crash --timeout-multiplier 0 -v
 *
 * Not run under valgrind (it forks and kills; the work it does is covered by the other suites). */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psi-test-files.h"
#include "psi-store.h"
#include "psi-xml-export.h"
#include "psi-xml-import.h"

#define EDIT_GROUP 10

/* Where the child was, written by it into memory shared with the parent. */
typedef enum
{
  PHASE_STARTING,     /* forked, opening the store */
  PHASE_WORKING,      /* in a transaction, before its commit */
  PHASE_COMMITTING,   /* SQLite's commit hook ran: the commit is under way */
  PHASE_BETWEEN,      /* a commit returned, the next transaction not begun (edits) */
  PHASE_DONE,         /* all the work returned */
  N_PHASES
} Phase;

static const char * const phase_names[N_PHASES] = {
  "while opening", "before a commit", "during a commit", "between transactions", "after the end",
};

typedef struct
{
  gint phase;
  gint done;       /* edits committed and returned */
  gint pending;    /* edits in the transaction under way */
  gint64 commit_at;   /* g_get_monotonic_time () when the last commit began */
  gint64 done_at;     /* … when that commit returned */
} Shared;

typedef struct
{
  char   *dir;
  guint   n_awards;
  guint   n_kills;
  guint   n_edit_awards;
  guint   n_edits;
  guint32 seed;
  Shared *shared;
} Fixture;

/* Sizes */

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || *value == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    g_error ("%s must be a positive number, not “%s”", name, value);
  return (guint) n;
}

/* Files */

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Copies a closed records file (no -wal left after a clean close). */
static void
copy_db (const char *from,
         const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (from, "-wal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  remove_db (to);
  g_file_copy (src, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
fixed_uuid (guint kind,
            guint n)
{
  return g_strdup_printf ("00000000-0000-4000-8%03x-%012x", kind, n);
}

/* A records file like the benchmarks' (tests/bench/bench-data.c), made through the store API in
 * one transaction: a region, n_awards / 200 municipalities (10 or more), an event, two
 * competitions and n_awards awards, every other one with a prize item. uuid_kind keeps the uuids
 * of two files apart. */
static void
create_records (const char *path,
                guint       n_awards,
                guint       uuid_kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = psi_store_open (path, &error);
  g_autoptr(PsiRegion) region = psi_region_new ();
  g_autoptr(PsiEvent) event = psi_event_new ();
  g_autoptr(GArray) municipalities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) competitions = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_municipalities = CLAMP (n_awards / 200, 10, 5000);
  guint n_uuid = 0;
  PsiText *name;

  g_assert_no_error (error);
  g_assert_true (psi_store_begin (store, &error));

  name = psi_text_new ("Chui region", "Чуйская область", "Чүй облусу");
  psi_record_set_name (PSI_RECORD (region), name);
  psi_text_unref (name);
  {
    g_autofree char *uuid = fixed_uuid (uuid_kind, n_uuid++);

    psi_record_set_uuid (PSI_RECORD (region), uuid);
  }
  g_assert_true (psi_store_save (store, PSI_RECORD (region), &error));

  for (guint i = 0; i < n_municipalities; i++)
    {
      g_autoptr(PsiMunicipality) mun = psi_municipality_new ();
      g_autofree char *en = g_strdup_printf ("Municipality %05u", i);
      g_autofree char *ru = g_strdup_printf ("Муниципалитет %05u", i);
      g_autofree char *uuid = fixed_uuid (uuid_kind, n_uuid++);
      gint64 id;

      name = psi_text_new (en, ru, i % 2 ? NULL : "Кеңеш");
      psi_record_set_name (PSI_RECORD (mun), name);
      psi_text_unref (name);
      psi_record_set_uuid (PSI_RECORD (mun), uuid);
      psi_municipality_set_region_id (mun, psi_record_get_id (PSI_RECORD (region)));
      g_assert_true (psi_store_save (store, PSI_RECORD (mun), &error));
      id = psi_record_get_id (PSI_RECORD (mun));
      g_array_append_val (municipalities, id);
    }

  name = psi_text_new ("Year-end conference", "Итоговая конференция", NULL);
  psi_record_set_name (PSI_RECORD (event), name);
  psi_text_unref (name);
  {
    g_autofree char *uuid = fixed_uuid (uuid_kind, n_uuid++);

    psi_record_set_uuid (PSI_RECORD (event), uuid);
  }
  psi_event_set_date (event, "2020-12-16");
  g_assert_true (psi_store_save (store, PSI_RECORD (event), &error));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PsiCompetition) competition = psi_competition_new ();
      g_autofree char *en = g_strdup_printf ("Competition %u", i);
      g_autofree char *uuid = fixed_uuid (uuid_kind, n_uuid++);
      gint64 id;

      name = psi_text_new (en, NULL, NULL);
      psi_record_set_name (PSI_RECORD (competition), name);
      psi_text_unref (name);
      psi_record_set_uuid (PSI_RECORD (competition), uuid);
      psi_competition_set_event_id (competition, psi_record_get_id (PSI_RECORD (event)));
      g_assert_true (psi_store_save (store, PSI_RECORD (competition), &error));
      id = psi_record_get_id (PSI_RECORD (competition));
      g_array_append_val (competitions, id);
    }

  for (guint i = 0; i < n_awards; i++)
    {
      g_autoptr(PsiAward) award = psi_award_new ();
      g_autofree char *uuid = fixed_uuid (uuid_kind, n_uuid++);

      psi_record_set_uuid (PSI_RECORD (award), uuid);
      psi_award_set_competition_id (award, g_array_index (competitions, gint64, i % 2));
      psi_award_set_municipality_id (award, g_array_index (municipalities, gint64,
                                                           (i * 7919) % n_municipalities));
      psi_award_set_place (award, i % 4);
      psi_award_set_award_kind (award, i % 4 == 0 ? PSI_AWARD_KIND_INCENTIVE_PRIZE
                                                  : PSI_AWARD_KIND_WINNER);
      psi_award_set_grant_kgs (award, (i % 10) * 500000);
      if (i % 2 == 0)
        {
          g_autoptr(PsiPrizeItem) item = psi_prize_item_new (PSI_ITEM_KIND_LAPTOP, 1 + i % 5);

          g_list_store_append (psi_award_get_items (award), item);
        }
      g_assert_true (psi_store_save (store, PSI_RECORD (award), &error));
    }
  g_assert_true (psi_store_commit (store, &error));
}

/* Checks and the canonical dump */

static void
exec_rows (sqlite3    *db,
           const char *sql,
           GPtrArray  *rows)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          if (c > 0)
            g_string_append_c (row, '|');
          g_string_append (row, text != NULL ? text : "NULL");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  if (rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

/* integrity_check, foreign_key_check and each FTS5 index against its table; then a SHA-256 of
 * every row of every ordinary table (sqlite_sequence included, FTS5 tables and their shadow
 * tables left out: their consistency is what integrity-check checked), sorted, with the types
 * of the values, and the schema version. */
static char *
check_and_dump (const char *path)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  exec_rows (db, "PRAGMA integrity_check", rows);
  if (rows->len != 1 || g_strcmp0 (g_ptr_array_index (rows, 0), "ok") != 0)
    g_error ("%s: integrity_check: %s", path, (char *) g_ptr_array_index (rows, 0));
  g_ptr_array_set_size (rows, 0);
  exec_rows (db, "PRAGMA foreign_key_check", rows);
  if (rows->len != 0)
    g_error ("%s: foreign_key_check: %s", path, (char *) g_ptr_array_index (rows, 0));
  g_ptr_array_set_size (rows, 0);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM"
                                       " sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_int (stmt, 1))
        g_ptr_array_add (fts, g_strdup (name));
      else
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < fts->len; i++)
    {
      const char *name = g_ptr_array_index (fts, i);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO \"%s\" (\"%s\") VALUES"
                                              " ('integrity-check')", name, name);
      char *message = NULL;

      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s: FTS5 integrity-check of %s: %s", path, name, message);
    }

  g_checksum_update (sum, (const guchar *) "user_version", -1);
  exec_rows (db, "PRAGMA user_version", rows);
  g_checksum_update (sum, g_ptr_array_index (rows, 0), -1);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autoptr(GString) sql = g_string_new ("SELECT * FROM ");
      gboolean shadow = FALSE;
      int n_cols;

      for (guint v = 0; v < fts->len; v++)
        if (g_str_has_prefix (table, g_ptr_array_index (fts, v)) &&
            table[strlen (g_ptr_array_index (fts, v))] == '_')
          shadow = TRUE;
      if (shadow || (g_str_has_prefix (table, "sqlite_") && strcmp (table, "sqlite_sequence") != 0))
        continue;

      g_string_append_printf (sql, "\"%s\"", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
      n_cols = sqlite3_column_count (stmt);
      sqlite3_finalize (stmt);
      g_string_append (sql, " ORDER BY ");
      for (int c = 1; c <= n_cols; c++)
        g_string_append_printf (sql, "%s%d", c > 1 ? ", " : "", c);

      g_checksum_update (sum, (const guchar *) "\ntable ", -1);
      g_checksum_update (sum, (const guchar *) table, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_checksum_update (sum, (const guchar *) "\n", 1);
          for (int c = 0; c < n_cols; c++)
            {
              guchar type = (guchar) ('0' + sqlite3_column_type (stmt, c));
              const guchar *text = sqlite3_column_text (stmt, c);
              int len = sqlite3_column_bytes (stmt, c);

              g_checksum_update (sum, &type, 1);
              if (text != NULL)
                g_checksum_update (sum, text, len);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
        }
      sqlite3_finalize (stmt);
    }

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_strdup (g_checksum_get_string (sum));
}

/* The file also opens in the app as it is. */
static void
check_opens (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = psi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (psi_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* The child */

static int
commit_hook_cb (void *data)
{
  Shared *shared = data;

  if (g_atomic_int_get (&shared->phase) == PHASE_WORKING)
    {
      shared->commit_at = g_get_monotonic_time ();
      g_atomic_int_set (&shared->phase, PHASE_COMMITTING);
    }
  return 0;   /* go on with the commit */
}

static PsiStore *
child_open (const char *path,
            Shared     *shared)
{
  g_autoptr(GError) error = NULL;
  PsiStore *store = psi_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (3);
    }
  sqlite3_commit_hook (_psi_store_get_db (store), commit_hook_cb, shared);
  return store;
}

static void
child_import (const char *path,
              const char *xml,
              Shared     *shared)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  PsiStore *store = child_open (path, shared);

  g_atomic_int_set (&shared->pending, 1);
  g_atomic_int_set (&shared->phase, PHASE_WORKING);
  if (!psi_xml_import_file (store, file, &error))
    {
      g_printerr ("child: %s\n", error->message);
      _exit (4);
    }
  shared->done_at = g_get_monotonic_time ();
  g_atomic_int_set (&shared->done, 1);
  g_atomic_int_set (&shared->phase, PHASE_DONE);
  g_object_unref (store);
  _exit (0);
}

typedef struct
{
  GArray *awards;         /* ids of the awards of the file, in order */
  gint64  competition_id;
  gint64  municipality_id;
} EditTargets;

static void
edit_targets_load (const char  *path,
                   EditTargets *targets)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  targets->awards = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM award ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (targets->awards, id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT min(id) FROM competition),"
                                           " (SELECT min(id) FROM municipality)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  targets->competition_id = sqlite3_column_int64 (stmt, 0);
  targets->municipality_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Edit i, each of them two changes: i % 3 == 0 updates an award of the first half of the file
 * (grant 100000 + i, its items replaced by i % 7 + 1 laptops and a printer); 1 inserts an award
 * (grant 200000 + i) with two items; 2 deletes an award of the second half, items and all. */
static gboolean
apply_edit (PsiStore          *store,
            const EditTargets *targets,
            guint              i,
            GError           **error)
{
  guint n = targets->awards->len;

  switch (i % 3)
    {
    case 0:
      {
        gint64 id = g_array_index (targets->awards, gint64, (i / 3) % (n / 2));
        g_autoptr(PsiRecord) award = psi_store_load (store, PSI_RECORD_KIND_AWARD, id, error);
        g_autoptr(PsiPrizeItem) laptops = psi_prize_item_new (PSI_ITEM_KIND_LAPTOP, i % 7 + 1);
        g_autoptr(PsiPrizeItem) printer = psi_prize_item_new (PSI_ITEM_KIND_PRINTER, 1);
        GListStore *items;

        if (award == NULL)
          return FALSE;
        psi_award_set_grant_kgs (PSI_AWARD (award), 100000 + i);
        items = psi_award_get_items (PSI_AWARD (award));
        g_list_store_remove_all (items);
        g_list_store_append (items, laptops);
        g_list_store_append (items, printer);
        return psi_store_save (store, award, error);
      }
    case 1:
      {
        g_autoptr(PsiAward) award = psi_award_new ();
        g_autofree char *uuid = fixed_uuid (0xed, i);
        g_autoptr(PsiPrizeItem) laptops = psi_prize_item_new (PSI_ITEM_KIND_LAPTOP, i % 5 + 1);
        g_autoptr(PsiPrizeItem) other = psi_prize_item_new (PSI_ITEM_KIND_OTHER, 2);
        g_autoptr(PsiText) label = psi_text_new ("Projector", "Проектор", "Проектор");

        psi_record_set_uuid (PSI_RECORD (award), uuid);
        psi_award_set_competition_id (award, targets->competition_id);
        psi_award_set_municipality_id (award, targets->municipality_id);
        psi_award_set_place (award, 1);
        psi_award_set_award_kind (award, PSI_AWARD_KIND_WINNER);
        psi_award_set_grant_kgs (award, 200000 + i);
        psi_prize_item_set_label (other, label);
        g_list_store_append (psi_award_get_items (award), laptops);
        g_list_store_append (psi_award_get_items (award), other);
        return psi_store_save (store, PSI_RECORD (award), error);
      }
    default:
      return psi_store_delete (store, PSI_RECORD_KIND_AWARD,
                               g_array_index (targets->awards, gint64, n - 1 - i / 3), error);
    }
}

static void
append_hash (GString    *hashes,
             guint       k,
             const char *path)
{
  g_autofree char *hash = check_and_dump (path);

  g_string_append_printf (hashes, "%u %s\n", k, hash);
}

/* n_edits single edits, then n_edits more in groups of EDIT_GROUP. hashes_path: the reference
 * run writes the hash of the state after each transaction there ("k hash" lines). */
static void
child_edits (const char *path,
             guint       n_edits,
             Shared     *shared,
             const char *hashes_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) hashes = g_string_new (NULL);
  EditTargets targets;
  PsiStore *store;
  guint k = 0;

  edit_targets_load (path, &targets);
  store = child_open (path, shared);
  if (hashes_path != NULL)
    append_hash (hashes, 0, path);

  for (guint i = 0; i < n_edits; i++)
    {
      g_atomic_int_set (&shared->pending, 1);
      g_atomic_int_set (&shared->phase, PHASE_WORKING);
      if (!apply_edit (store, &targets, k, &error))
        goto failed;
      g_atomic_int_set (&shared->done, ++k);
      g_atomic_int_set (&shared->phase, PHASE_BETWEEN);
      if (hashes_path != NULL)
        append_hash (hashes, k, path);
    }
  for (guint g = 0; g < n_edits / EDIT_GROUP; g++)
    {
      g_atomic_int_set (&shared->pending, EDIT_GROUP);
      g_atomic_int_set (&shared->phase, PHASE_WORKING);
      if (!psi_store_begin (store, &error))
        goto failed;
      for (guint i = 0; i < EDIT_GROUP; i++)
        if (!apply_edit (store, &targets, k + i, &error))
          goto failed;
      if (!psi_store_commit (store, &error))
        goto failed;
      k += EDIT_GROUP;
      g_atomic_int_set (&shared->done, k);
      g_atomic_int_set (&shared->phase, PHASE_BETWEEN);
      if (hashes_path != NULL)
        append_hash (hashes, k, path);
    }
  g_atomic_int_set (&shared->phase, PHASE_DONE);
  g_object_unref (store);
  if (hashes_path != NULL && !g_file_set_contents (hashes_path, hashes->str, -1, &error))
    goto failed;
  _exit (0);

failed:
  g_printerr ("child: edit %u: %s\n", k, error != NULL ? error->message : "?");
  _exit (4);
}

/* The parent */

typedef enum
{
  WORK_IMPORT,
  WORK_EDITS,
} Work;

typedef struct
{
  Work        work;
  const char *path;
  const char *xml;
  guint       n_edits;
  const char *hashes_path;
} Job;

static pid_t
start_child (Fixture    *f,
             const Job  *job)
{
  pid_t pid;

  g_atomic_int_set (&f->shared->phase, PHASE_STARTING);
  g_atomic_int_set (&f->shared->done, 0);
  g_atomic_int_set (&f->shared->pending, 0);
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (job->work == WORK_IMPORT)
        child_import (job->path, job->xml, f->shared);
      else
        child_edits (job->path, job->n_edits, f->shared, job->hashes_path);
    }
  return pid;
}

static int
wait_child (pid_t pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  return status;
}

/* An unkilled run; its duration in µs. */
static gint64
run_to_end (Fixture   *f,
            const Job *job)
{
  gint64 start = g_get_monotonic_time ();
  int status = wait_child (start_child (f, job));

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the unkilled child failed (status %d)", status);
  return g_get_monotonic_time () - start;
}

/* Starts job, kills it after delay µs (after_commit: delay µs after a commit began, or at
 * the end); returns the phase it was in. */
static Phase
run_and_kill (Fixture   *f,
              const Job *job,
              gboolean   after_commit,
              gint64     delay,
              gint      *done,
              gint      *pending)
{
  pid_t pid = start_child (f, job);
  int status = 0;
  Phase phase;

  /* Until the commit begins or the child ends (WNOWAIT: not reaped yet). */
  if (after_commit)
    while (g_atomic_int_get (&f->shared->phase) < PHASE_COMMITTING)
      {
        siginfo_t info = { 0 };

        if (waitid (P_PID, (id_t) pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
            info.si_pid == pid)
          break;
        g_usleep (20);
      }
  g_usleep (delay);
  kill (pid, SIGKILL);
  status = wait_child (pid);
  phase = g_atomic_int_get (&f->shared->phase);
  *done = g_atomic_int_get (&f->shared->done);
  *pending = g_atomic_int_get (&f->shared->pending);
  if (WIFSIGNALED (status))
    g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  else if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the child failed before it was killed (status %d)", status);
  else
    g_assert_cmpint (phase, ==, PHASE_DONE);
  return phase;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *seed = g_getenv ("PSI_CRASH_SEED");

  f->dir = g_dir_make_tmp ("psi-crash-XXXXXX", &error);
  g_assert_no_error (error);
  f->n_awards = env_uint ("PSI_CRASH_AWARDS", 10000);
  f->n_kills = env_uint ("PSI_CRASH_KILLS", 30);
  f->n_edit_awards = MAX (env_uint ("PSI_CRASH_EDIT_AWARDS", 2000), 20);
  f->n_edits = env_uint ("PSI_CRASH_EDITS", 600);
  f->n_edits = MAX (f->n_edits / EDIT_GROUP, 1) * EDIT_GROUP;
  /* Updates and deletes each need their own third of the awards. */
  f->n_edits = MIN (f->n_edits, f->n_edit_awards / 2 / EDIT_GROUP * EDIT_GROUP);
  f->seed = seed != NULL ? (guint32) g_ascii_strtoull (seed, NULL, 10) : (guint32) g_test_rand_int ();
  f->shared = mmap (NULL, sizeof (Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                    -1, 0);
  g_assert_true (f->shared != MAP_FAILED);
  g_test_message ("seed %" G_GUINT32_FORMAT " (PSI_CRASH_SEED=%" G_GUINT32_FORMAT " repeats"
                  " these delays), %u kills", f->seed, f->seed, f->n_kills);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  psi_test_remove_tree (f->dir);
  g_free (f->dir);
  munmap (f->shared, sizeof (Shared));
}

static void
report_phases (const guint *phases)
{
  g_autoptr(GString) line = g_string_new ("kills landed:");

  for (guint p = 0; p < N_PHASES; p++)
    g_string_append_printf (line, "%s %u %s", p > 0 ? "," : "", phases[p], phase_names[p]);
  g_test_message ("%s", line->str);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (f->seed);
  g_autofree char *base = g_build_filename (f->dir, "base.db", NULL);
  g_autofree char *source = g_build_filename (f->dir, "source.db", NULL);
  g_autofree char *xml = g_build_filename (f->dir, "import.xml", NULL);
  g_autofree char *work = g_build_filename (f->dir, "work.db", NULL);
  g_autofree char *old_hash = NULL;
  g_autofree char *new_hash = NULL;
  Job job = { WORK_IMPORT, work, xml, 0, NULL };
  guint phases[N_PHASES] = { 0 };
  guint n_old = 0, n_new = 0;
  gint64 duration, start;
  double commit_ms;

  /* The old state: a small file of its own; the file to import: n_awards awards and what they
   * refer to, exported by the app from a file made through the store. */
  start = g_get_monotonic_time ();
  create_records (base, 0, 1);
  create_records (source, f->n_awards, 2);
  {
    g_autoptr(PsiStore) store = psi_store_open (source, &error);
    g_autoptr(GFile) file = g_file_new_for_path (xml);

    g_assert_no_error (error);
    g_assert_true (psi_xml_export_file (store, file, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  remove_db (source);
  old_hash = check_and_dump (base);

  copy_db (base, work);
  duration = run_to_end (f, &job);
  commit_ms = (f->shared->done_at - f->shared->commit_at) / 1000.0;
  new_hash = check_and_dump (work);
  g_assert_cmpstr (old_hash, !=, new_hash);
  g_test_message ("import of %u awards: %.0f ms unkilled, of which its commit %.1f ms"
                  " (set-up %.1f s)", f->n_awards, duration / 1000.0, commit_ms,
                  (g_get_monotonic_time () - start - duration) / 1e6);

  for (guint i = 0; i < f->n_kills; i++)
    {
      /* Two in three over the whole run and a little after it; one in three once its commit
       * has begun, which is short: within its measured duration. */
      gboolean at_commit = i % 3 == 2;
      gint64 delay = at_commit
        ? (gint64) g_rand_double_range (rand, 0, commit_ms * 1000 * 1.2)
        : (gint64) g_rand_double_range (rand, 0, duration * 1.05);
      g_autofree char *hash = NULL;
      gint done, pending;
      Phase phase;

      copy_db (base, work);
      phase = run_and_kill (f, &job, at_commit, delay, &done, &pending);
      phases[phase]++;
      hash = check_and_dump (work);
      if (g_strcmp0 (hash, old_hash) == 0)
        {
          /* Nothing of the import: it had not committed */
          g_assert_cmpint (phase, <=, PHASE_COMMITTING);
          n_old++;
        }
      else if (g_strcmp0 (hash, new_hash) == 0)
        {
          /* All of it: the commit had begun */
          g_assert_cmpint (phase, >=, PHASE_COMMITTING);
          n_new++;
        }
      else
        g_error ("kill %u after %.1f ms (%s): the file holds neither the old state nor the new"
                 " one", i, delay / 1000.0, phase_names[phase]);
      check_opens (work);
    }
  report_phases (phases);
  g_test_message ("after the kills: %u files held the old state, %u the new one", n_old, n_new);
  g_assert_cmpuint (n_old + n_new, ==, f->n_kills);
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (f->seed ^ 0x5eed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *base = g_build_filename (f->dir, "edits-base.db", NULL);
  g_autofree char *work = g_build_filename (f->dir, "edits.db", NULL);
  g_autofree char *hashes_path = g_build_filename (f->dir, "hashes.txt", NULL);
  g_autofree char *hashes = NULL;
  g_auto(GStrv) lines = NULL;
  Job job = { WORK_EDITS, work, NULL, f->n_edits, hashes_path };
  guint phases[N_PHASES] = { 0 };
  guint n_single = 0, n_grouped = 0;
  guint n_total = f->n_edits * 2;
  gint64 duration;

  create_records (base, f->n_edit_awards, 3);

  /* The reference run: the hash of the state after each transaction. */
  copy_db (base, work);
  run_to_end (f, &job);
  g_assert_true (g_file_get_contents (hashes_path, &hashes, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (hashes, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      guint64 k = g_ascii_strtoull (parts[0], NULL, 10);

      /* Every state differs from every other */
      g_assert_false (g_hash_table_contains (states, parts[1]));
      g_hash_table_insert (states, g_strdup (parts[1]), GUINT_TO_POINTER ((guint) k));
    }
  g_assert_cmpuint (g_hash_table_size (states), ==, f->n_edits + f->n_edits / EDIT_GROUP + 1);

  /* The timing run, without hashing */
  job.hashes_path = NULL;
  copy_db (base, work);
  duration = run_to_end (f, &job);
  g_test_message ("%u single edits, then %u in groups of %u: %.0f ms unkilled",
                  f->n_edits, f->n_edits, EDIT_GROUP, duration / 1000.0);

  for (guint i = 0; i < f->n_kills; i++)
    {
      gint64 delay = (gint64) g_rand_double_range (rand, 0, duration * 1.05);
      g_autofree char *hash = NULL;
      gpointer value;
      gint done, pending;
      guint k;
      Phase phase;

      copy_db (base, work);
      phase = run_and_kill (f, &job, FALSE, delay, &done, &pending);
      phases[phase]++;
      hash = check_and_dump (work);
      if (!g_hash_table_lookup_extended (states, hash, NULL, &value))
        g_error ("kill %u after %.1f ms (%s, %d edits done): the file holds no state the edits"
                 " pass through", i, delay / 1000.0, phase_names[phase], done);
      k = GPOINTER_TO_UINT (value);
      /* Exactly what had committed; a commit under way may have made it or not. */
      if (!(k == (guint) done ||
            (phase == PHASE_COMMITTING && k == (guint) (done + pending))))
        g_error ("kill %u after %.1f ms (%s): the file holds the state after %u edits, the"
                 " child had done %d (%d more under way)", i, delay / 1000.0,
                 phase_names[phase], k, done, pending);
      if (k > 0 && k < n_total)
        {
          if (k <= f->n_edits)
            n_single++;
          else
            n_grouped++;
        }
      check_opens (work);
    }
  report_phases (phases);
  g_test_message ("after the kills: %u files held a state inside the single edits, %u inside the"
                  " grouped ones, %u the first or the last state", n_single, n_grouped,
                  f->n_kills - n_single - n_grouped);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("psi-crash-home-XXXXXX", NULL);
  int status;

  /* Automatic backups and anything else the store keeps in the user's folders go to a temp
   * folder. Not G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the folders it replaces, which the
   * sanitizer tree reports. */
  g_assert_nonnull (home);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_setenv (vars[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/crash/edits", Fixture, NULL, fixture_set_up, test_edits, fixture_tear_down);

  status = g_test_run ();
  psi_test_remove_tree (home);
  return status;
}
