/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-search"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-data.h"
#include "psi-record-list.h"
#include "psi-store.h"
#include "psi-store-private.h"

/* bench-search [--awards N] [--db PATH] [--repeat R] [--inserts K]
 *
 * Creates a records file with N awards (bench-data.c; in a child process), then measures, each
 * as a ratio to a plain SELECT count(*) FROM award on the same file in the same run:
 *
 *   (a) the baseline, best of R
 *   (b) searches of the award list: psi_record_list_set_search () + get_n_items () + the first
 *       50 rows, for a rare and a common term and a few more, in English and Cyrillic spelling:
 *         cold: the first search after opening the file (nothing counted yet)
 *         warm: the same search again after another one, best of R (what typing gives)
 *       Every count is checked against a plain SQL scan (not timed): the benchmark fails when
 *       a search finds other awards than the scan.
 *   (c) the insert rate of K awards through the store API into a new file, without names (as
 *       imports give them: the index is not touched), with names (each is folded and indexed),
 *       and with names but the award index replaced by a plain table (what the names cost
 *       without it), best of R each
 *   (d) how fast psi_fold_string () folds names
 *
 * Timing is never pass/fail. */

static gint64 n_awards = 1000000;
static char *db_path = NULL;
static int repeat = 3;
static gint64 n_inserts = 100000;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
check (gboolean    ok,
       const char *what)
{
  if (!ok)
    g_printerr ("bench-search: FAILED: %s\n", what);
  return ok;
}

static int
create_database (void)
{
  g_autoptr(GError) error = NULL;

  if (!bench_create_records (db_path, n_awards, &error))
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* (a): a new connection, SELECT count(*) FROM award */
static double
baseline_count (gint64 *count)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  *count = -1;
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM award", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  ms = ms_since (start);
  sqlite3_close (db);
  return ms;
}

/* The awards a search must find, by a full scan of the folded names (slow, not timed). */
static gint64
scan_count (PsiStore   *store,
            const char *term)
{
  g_autofree char *fold = psi_fold_query (term);
  sqlite3 *db = _psi_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*) FROM award AS t WHERE instr (t.search, ?1) > 0"
                          " OR t.municipality_id IN"
                          " (SELECT id FROM municipality WHERE instr (search, ?1) > 0)"
                          " OR t.cluster_id IN"
                          " (SELECT id FROM cluster WHERE instr (search, ?1) > 0)"
                          " OR t.competition_id IN"
                          " (SELECT id FROM competition WHERE instr (search, ?1) > 0)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, fold, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return n;
}

/* set_search + n_items + the first 50 rows; FALSE when a row is missing */
static double
time_search (PsiRecordList *list,
             const char    *term,
             guint         *n_found,
             gboolean      *ok)
{
  gint64 start = g_get_monotonic_time ();
  double ms;
  guint n;

  psi_record_list_set_search (list, term);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < 50 && i < n; i++)
    {
      g_autoptr(PsiAward) award = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (award == NULL)
        *ok = FALSE;
    }
  ms = ms_since (start);
  *n_found = n;
  return ms;
}

typedef struct
{
  const char *label;
  const char *term;
} Term;

static gboolean
bench_searches (double t_base)
{
  const Term terms[] = {
    { "rare: one municipality", "Municipality 00007" },
    { "rare, Cyrillic", "Муниципалитет 00007" },
    { "common: half the municipalities (Kyrgyz name)", "kenesh" },
    { "common, Cyrillic and Kyrgyz letters", "Кеңеш" },
    { "a word of every municipality", "Muni" },
    { "11 of the competitions (clustered)", "Competition 5" },
    { "every competition", "competition" },
    { "2 letters (no trigram: scan)", "ke" },
    { "nothing", "qwerty" },
  };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  printf ("\nSearching the award list (%" G_GINT64_FORMAT " awards): set_search + n_items + "
          "first 50 rows\n", n_awards);
  printf ("  %-46s %9s %7s %9s %7s %9s  %s\n", "term", "cold ms", "x (a)", "warm ms", "x (a)",
          "found", "form");

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autoptr(PsiStore) store = psi_store_open (db_path, &error);
      g_autoptr(PsiRecordList) list = NULL;
      double cold, warm = G_MAXDOUBLE;
      guint n_cold = 0, n_warm = 0;
      gint64 expected;
      gboolean rows_ok = TRUE;

      if (store == NULL)
        {
          g_printerr ("bench-search: %s\n", error->message);
          return FALSE;
        }
      list = psi_record_list_new (store, PSI_RECORD_KIND_AWARD);
      cold = time_search (list, terms[i].term, &n_cold, &rows_ok);
      for (int r = 0; r < repeat; r++)
        {
          /* Typing: another text in between, so that the list runs its queries again */
          double ms;

          psi_record_list_set_search (list, "x");
          ms = time_search (list, terms[i].term, &n_warm, &rows_ok);
          warm = MIN (warm, ms);
        }

      printf ("  %-46s %9.2f %7.1f %9.2f %7.1f %9u  %s\n", terms[i].label, cold, cold / t_base,
              warm, warm / t_base, n_warm,
              _psi_record_list_get_form (list));
      expected = scan_count (store, terms[i].term);
      ok &= check (n_cold == n_warm && (gint64) n_warm == expected,
                   "a search finds the awards a scan finds");
      ok &= check (rows_ok, "the first rows of a search can be read");
    }
  printf ("  (warm: what each key typed costs, best of %d; cold: the first search after opening "
          "the file, nothing prepared or cached yet)\n", repeat);
  return ok;
}

/* (c) */

typedef enum
{
  INSERT_UNNAMED,
  INSERT_NAMED,
  INSERT_NAMED_NO_INDEX,
} InsertKind;

static double
insert_rate (const char *path,
             InsertKind  what,
             gboolean   *ok)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GArray) municipalities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PsiRegion) region = psi_region_new ();
  g_autoptr(PsiEvent) event = psi_event_new ();
  g_autoptr(PsiCompetition) competition = psi_competition_new ();
  g_autoptr(PsiText) name = NULL;
  gint64 start;
  double ms;

  bench_remove_file (path);
  store = psi_store_open (path, &error);
  if (store == NULL)
    goto failed;
  if (what == INSERT_NAMED_NO_INDEX &&
      sqlite3_exec (_psi_store_get_db (store),
                    /* The store still writes to it, into a plain table that indexes nothing */
                    "DROP TABLE award_fts; CREATE TABLE award_fts (award_fts, search);",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-search: %s\n", sqlite3_errmsg (_psi_store_get_db (store)));
      *ok = FALSE;
      return 0;
    }

  name = psi_text_new ("Region", NULL, NULL);
  psi_record_set_name (PSI_RECORD (region), name);
  g_clear_pointer (&name, psi_text_unref);
  if (!psi_store_save (store, PSI_RECORD (region), &error))
    goto failed;
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(PsiMunicipality) mun = psi_municipality_new ();
      g_autofree char *en = bench_municipality_name (i);
      gint64 id;

      name = psi_text_new (en, NULL, NULL);
      psi_record_set_name (PSI_RECORD (mun), name);
      g_clear_pointer (&name, psi_text_unref);
      psi_municipality_set_region_id (mun, psi_record_get_id (PSI_RECORD (region)));
      if (!psi_store_save (store, PSI_RECORD (mun), &error))
        goto failed;
      id = psi_record_get_id (PSI_RECORD (mun));
      g_array_append_val (municipalities, id);
    }
  name = psi_text_new ("Conference", NULL, NULL);
  psi_record_set_name (PSI_RECORD (event), name);
  g_clear_pointer (&name, psi_text_unref);
  if (!psi_store_save (store, PSI_RECORD (event), &error))
    goto failed;
  name = psi_text_new ("Competition", NULL, NULL);
  psi_record_set_name (PSI_RECORD (competition), name);
  g_clear_pointer (&name, psi_text_unref);
  psi_competition_set_event_id (competition, psi_record_get_id (PSI_RECORD (event)));
  if (!psi_store_save (store, PSI_RECORD (competition), &error))
    goto failed;

  start = g_get_monotonic_time ();
  if (!psi_store_begin (store, &error))
    goto failed;
  for (gint64 i = 0; i < n_inserts; i++)
    {
      g_autoptr(PsiAward) award = psi_award_new ();

      psi_award_set_competition_id (award, psi_record_get_id (PSI_RECORD (competition)));
      psi_award_set_municipality_id (award, g_array_index (municipalities, gint64, i % 100));
      psi_award_set_place (award, (guint) (i % 4));
      if (what != INSERT_UNNAMED)
        {
          g_autofree char *en = g_strdup_printf ("Prize %" G_GINT64_FORMAT, i);
          g_autofree char *ru = g_strdup_printf ("Приз %" G_GINT64_FORMAT, i);
          g_autofree char *ky = g_strdup_printf ("Сыйлык %" G_GINT64_FORMAT, i);

          name = psi_text_new (en, ru, ky);
          psi_record_set_name (PSI_RECORD (award), name);
          g_clear_pointer (&name, psi_text_unref);
        }
      if (!psi_store_save (store, PSI_RECORD (award), &error))
        goto failed;
    }
  if (!psi_store_commit (store, &error))
    goto failed;
  ms = ms_since (start);
  if (what == INSERT_NAMED)
    *ok &= check (psi_store_check_integrity (store, NULL), "the index matches the awards");

  g_clear_object (&store);
  bench_remove_file (path);
  return n_inserts / (ms / 1000.0);

failed:
  g_printerr ("bench-search: %s\n", error->message);
  *ok = FALSE;
  return 0;
}

static gboolean
bench_inserts (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "inserts.sqlite", NULL);
  double best[3] = { 0, 0, 0 };
  gboolean ok = TRUE;

  /* Interleaved, best of each: the machine's load changes while it runs. */
  for (int r = 0; r < repeat; r++)
    for (InsertKind k = INSERT_UNNAMED; k <= INSERT_NAMED_NO_INDEX; k++)
      {
        double rate = insert_rate (path, k, &ok);

        best[k] = MAX (best[k], rate);
      }

  printf ("\nInserting %" G_GINT64_FORMAT " awards in one transaction through the store "
          "(best of %d)\n", n_inserts, repeat);
  printf ("  %-58s %12.0f rows/s\n", "(c1) without names: the index is not touched", best[0]);
  printf ("  %-58s %12.0f rows/s  %5.2f x (c3)\n",
          "(c2) with names in 3 languages: folded and indexed", best[1], best[1] / best[2]);
  printf ("  %-58s %12.0f rows/s\n", "(c3) with names, award index replaced by a plain table",
          best[2]);
  return ok;
}

/* (d) */
static void
bench_fold (void)
{
  static const char *const names[] = {
    "Beshik-Jon", "Бешик-Жон", "Теплоключенка", "Teplokluchenka", "Бургөндү", "Кеңеш",
    "Жалал-Абад облусу", "Джалал-Абадская область", "Issyk-Kul region", "Ысык-Көл облусу",
    "Светлая Поляна", "Kyzyl-Suu cluster", "Хельветас Кыргызстан", "Toktogul (town)",
    "Коммуналдык төлөмдөрдүн маанилүүлүгү боюнча маалыматтык кампания",
    "Information campaign on the importance of utility payments",
  };
  const guint rounds = 20000;
  gsize bytes = 0;
  gint64 start = g_get_monotonic_time ();
  double ms;

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *fold = psi_fold_string (names[i]);

        bytes += strlen (names[i]);
      }
  ms = ms_since (start);
  printf ("\nFolding names (psi_fold_string): %.0f ns a name, %.0f MB/s (%u names)\n",
          ms * 1e6 / (rounds * G_N_ELEMENTS (names)), bytes / (ms * 1000.0),
          rounds * (guint) G_N_ELEMENTS (names));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  const GOptionEntry entries[] = {
    { "awards", 0, 0, G_OPTION_ARG_INT64, &n_awards, "Number of awards (default 1000000)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Records file to create (default: temporary)",
      "PATH" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs of each measure (default 3)", "R" },
    { "inserts", 0, 0, G_OPTION_ARG_INT64, &n_inserts,
      "Awards of the insert measure (default 100000)", "K" },
    { NULL }
  };
  gboolean ok = TRUE;
  pid_t child;
  int status = 0;
  gint64 count = 0;
  double t_base = G_MAXDOUBLE;

  context = g_option_context_new ("- time searching a large records file");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 2;
    }
  n_awards = MAX (n_awards, 100);
  n_inserts = MAX (n_inserts, 100);
  repeat = MAX (repeat, 1);

  tmp_dir = g_dir_make_tmp ("bench-search-XXXXXX", &error);
  g_assert_no_error (error);
  if (db_path == NULL)
    db_path = g_build_filename (tmp_dir, "records.sqlite", NULL);
  else
    bench_remove_file (db_path);

  /* Created in a child, as bench-open does, so that its caches are gone. */
  fflush (stdout);
  child = fork ();
  if (child < 0)
    {
      perror ("fork");
      return 1;
    }
  if (child == 0)
    _exit (create_database ());
  if (waitpid (child, &status, 0) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-search: creating the database failed\n");
      return 1;
    }

  /* (a) */
  for (int r = 0; r < repeat; r++)
    {
      double ms = baseline_count (&count);

      t_base = MIN (t_base, ms);
    }
  ok &= check (count == n_awards, "raw count(*) equals the number of awards written");
  printf ("\n  %-58s %10.2f ms (best of %d)\n", "(a) raw sqlite3_open + SELECT count(*) FROM award",
          t_base, repeat);

  ok &= bench_searches (t_base);
  ok &= bench_inserts (tmp_dir);
  bench_fold ();
  fflush (stdout);

  bench_remove_file (db_path);
  g_rmdir (tmp_dir);
  g_free (db_path);

  return ok ? 0 : 1;
}
