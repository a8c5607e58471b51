/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-open"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-data.h"
#include "psi-record-list.h"
#include "psi-store.h"
#include "psi-store-private.h"

/* bench-open [--awards N] [--db PATH] [--create-only]
 *
 * Creates a records file with N awards through the store API in one transaction (in a child
 * process, so that its memory does not count below), then measures in this process:
 *   (a) baseline: a raw SQLite connection and SELECT count(*) FROM award
 *   (b) psi_store_open + psi_record_list_new (award) + n_items + the first 50 rows
 *   (c) random access: a row in the middle and the last row; a search
 * and the peak RSS before and after opening the list. Exits non-zero when the list does not
 * show what was written.
 *
 * Apart, the PRAGMA quick_check that psi_store_open () runs on every existing file before it
 * writes to it: it reads every page, so it grows with the file. Measured at 1 000 000 awards
 * (a 2-CPU machine under load from other builds, November 2026): 65-100x the count(*)
 * baseline, 6-8 s, nearly all of psi_store_open's time; at 200 000 awards (31 MB) on the same
 * machine 0.45 s, 11-15x. */

static gint64 n_awards = 1000000;
static char *db_path = NULL;
static gboolean create_only = FALSE;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static gboolean
check (gboolean    ok,
       const char *what)
{
  if (!ok)
    g_printerr ("bench-open: FAILED: %s\n", what);
  return ok;
}

static int
create_database (void)
{
  g_autoptr(GError) error = NULL;

  if (!bench_create_records (db_path, n_awards, &error))
    {
      g_printerr ("bench-open: %s\n", error->message);
      return 1;
    }
  return 0;
}

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

/* What psi_store_open () spends on checking the file before it writes to it. */
static double
quick_check_ms (gboolean *ok)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  *ok = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2 (db, "PRAGMA quick_check (5)", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW &&
        g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  ms = ms_since (start);
  sqlite3_close (db);
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(PsiRecordList) list = NULL;
  g_autofree char *search_name = NULL;
  const GOptionEntry entries[] = {
    { "awards", 0, 0, G_OPTION_ARG_INT64, &n_awards, "Number of awards (default 1000000)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Records file to create (default: temporary)",
      "PATH" },
    { "create-only", 0, 0, G_OPTION_ARG_NONE, &create_only,
      "Only create the file, in this process (for profiling)", NULL },
    { NULL }
  };
  gboolean ok = TRUE;
  pid_t child;
  int status = 0;
  gint64 count, start;
  guint n_items = 0, n_found = 0;
  double t_base, t_check, t_open, t_list, t_first, t_mid, t_end, t_search, t_b;
  gboolean check_ok = FALSE;
  long rss_start, rss_before, rss_after, rss_end;

  context = g_option_context_new ("- time opening a large records file");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-open: %s\n", error->message);
      return 2;
    }
  if (n_awards < 100)
    n_awards = 100;

  if (db_path == NULL)
    {
      tmp_dir = g_dir_make_tmp ("bench-open-XXXXXX", &error);
      g_assert_no_error (error);
      db_path = g_build_filename (tmp_dir, "records.sqlite", NULL);
    }
  else
    bench_remove_file (db_path);

  if (create_only)
    return create_database ();

  /* Create in a child, so that the peak RSS below is only what opening costs. */
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
      g_printerr ("bench-open: creating the database failed\n");
      return 1;
    }

  rss_start = peak_rss_kib ();

  /* (a) */
  t_base = baseline_count (&count);
  ok &= check (count == n_awards, "raw count(*) equals the number of awards written");
  t_check = quick_check_ms (&check_ok);
  ok &= check (check_ok, "PRAGMA quick_check finds nothing wrong");

  /* (b) */
  rss_before = peak_rss_kib ();
  start = g_get_monotonic_time ();
  store = psi_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-open: %s\n", error->message);
      return 1;
    }
  t_open = ms_since (start);
  list = psi_record_list_new (store, PSI_RECORD_KIND_AWARD);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  t_list = ms_since (start);
  for (guint i = 0; i < 50 && i < n_items; i++)
    {
      g_autoptr(PsiAward) award = g_list_model_get_item (G_LIST_MODEL (list), i);

      ok &= check (award != NULL && psi_award_get_recipient_name (award) != NULL,
                   "the first rows have their recipient names");
    }
  t_b = ms_since (start);
  t_first = t_b - t_list;
  rss_after = peak_rss_kib ();
  ok &= check (n_items == n_awards, "the list counts every award");

  /* (c) */
  start = g_get_monotonic_time ();
  {
    g_autoptr(PsiAward) award = g_list_model_get_item (G_LIST_MODEL (list), n_items / 2);

    ok &= check (award != NULL, "a row in the middle");
  }
  t_mid = ms_since (start);
  start = g_get_monotonic_time ();
  {
    g_autoptr(PsiAward) award = g_list_model_get_item (G_LIST_MODEL (list), n_items - 1);

    ok &= check (award != NULL, "the last row");
  }
  t_end = ms_since (start);

  /* One municipality's awards: about n_awards / n_municipalities rows. */
  search_name = bench_municipality_name (7);
  start = g_get_monotonic_time ();
  psi_record_list_set_search (list, search_name);
  n_found = g_list_model_get_n_items (G_LIST_MODEL (list));
  {
    g_autoptr(PsiAward) award = g_list_model_get_item (G_LIST_MODEL (list), 0);

    ok &= check (award != NULL && psi_award_get_municipality_id (award) != 0,
                 "the search finds awards");
  }
  t_search = ms_since (start);
  rss_end = peak_rss_kib ();
  ok &= check (n_found > 0 && n_found < n_items, "the search narrows the list");

  printf ("\nOpening %s (%u awards)\n", db_path, n_items);
  printf ("  %-58s %10s %8s\n", "step", "ms", "x (a)");
  printf ("  %-58s %10.2f %8.1f\n", "(a) raw sqlite3_open + SELECT count(*) FROM award",
          t_base, 1.0);
  printf ("  %-58s %10.2f %8.1f\n", "    psi_store_open", t_open, t_open / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "      of which PRAGMA quick_check (raw, measured apart)",
          t_check, t_check / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "    + psi_record_list_new + get_n_items", t_list,
          t_list / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "    first 50 rows (get_item 0..49)", t_first,
          t_first / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "(b) total: open + list + n_items + first 50 rows", t_b,
          t_b / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "(c) get_item (n/2)", t_mid, t_mid / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "(c) get_item (n-1)", t_end, t_end / t_base);
  printf ("  %-58s %10.2f %8.1f\n", "(c) search (set_search + n_items + first row)", t_search,
          t_search / t_base);
  printf ("      search \"%s\" found %u awards\n", search_name, n_found);
  printf ("  peak RSS: at start %ld KiB, before the list %ld KiB, after (b) %ld KiB "
          "(+%ld KiB), after (c) %ld KiB\n",
          rss_start, rss_before, rss_after, rss_after - rss_before, rss_end);
  fflush (stdout);

  g_clear_object (&list);
  g_clear_object (&store);
  if (tmp_dir != NULL)
    {
      bench_remove_file (db_path);
      g_rmdir (tmp_dir);
    }
  g_free (db_path);

  return ok ? 0 : 1;
}
