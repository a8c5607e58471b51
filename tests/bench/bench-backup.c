/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-data.h"
#include "psi-store.h"
#include "psi-store-backup.h"
#include "psi-store-private.h"

/* bench-backup [--awards N] [--repeat R]
 *
 * Creates a records file with N awards (default 100 000) through the store API, then measures,
 * each the best of R runs, as a ratio to (a) a plain copy of the same file (read/write in 1 MiB
 * blocks, then fsync) made in the same run:
 *   (b) psi_store_backup_to_file: the online backup API into a temporary file, renamed
 *   (c) psi_store_backup_auto: the same into the backups folder, with the listing and pruning
 *   (d) psi_backup_info_new_for_file: opening a backup read-only, quick_check, counts
 *   (e) psi_store_restore_from_file: check of the backup, backup of the current records, copy
 *       into the open store
 * Exits non-zero when a backup or restore does not hold every award. */

static gint64 n_awards = 100000;
static int repeat = 3;

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
    g_printerr ("bench-backup: FAILED: %s\n", what);
  return ok;
}

/* The baseline: what copying the bytes costs, durably. */
static double
plain_copy (const char *from,
            const char *to)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *buffer = g_malloc (1 << 20);
  int in = open (from, O_RDONLY | O_CLOEXEC);
  int out = open (to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ssize_t n;

  g_assert (in >= 0 && out >= 0);
  while ((n = read (in, buffer, 1 << 20)) > 0)
    {
      ssize_t done = 0;

      while (done < n)
        {
          ssize_t w = write (out, buffer + done, n - done);

          g_assert (w > 0);
          done += w;
        }
    }
  g_assert (n == 0);
  fsync (out);
  close (in);
  close (out);
  return ms_since (start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *data_home = NULL;
  const GOptionEntry entries[] = {
    { "awards", 0, 0, G_OPTION_ARG_INT64, &n_awards, "Number of awards (default 100000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs of each step; the best counts (3)", "R" },
    { NULL }
  };
  double t_copy = G_MAXDOUBLE, t_backup = G_MAXDOUBLE, t_auto = G_MAXDOUBLE;
  double t_info = G_MAXDOUBLE, t_restore = G_MAXDOUBLE;
  gboolean ok = TRUE;
  GStatBuf st;
  gint64 start;

  context = g_option_context_new ("- time backups and restores of a large records file");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-backup: %s\n", error->message);
      return 2;
    }
  n_awards = MAX (n_awards, 100);
  repeat = MAX (repeat, 1);

  tmp_dir = g_dir_make_tmp ("bench-backup-XXXXXX", &error);
  g_assert_no_error (error);
  /* The automatic backups go into the temporary folder, not the home folder */
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  db_path = g_build_filename (tmp_dir, "records.sqlite", NULL);
  copy_path = g_build_filename (tmp_dir, "copy.sqlite", NULL);
  backup_path = g_build_filename (tmp_dir, "backup.sqlite3", NULL);

  if (!bench_create_records (db_path, n_awards, &error))
    {
      g_printerr ("bench-backup: %s\n", error->message);
      return 1;
    }
  store = psi_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-backup: %s\n", error->message);
      return 1;
    }
  /* Everything in the main file, so that the plain copy copies all of it */
  sqlite3_exec (_psi_store_get_db (store), "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
  g_stat (db_path, &st);

  for (int r = 0; r < repeat; r++)
    {
      g_autofree char *made = NULL;
      g_autofree char *previous = NULL;
      g_autoptr(PsiBackupInfo) info = NULL;
      double t;

      t_copy = MIN (t_copy, plain_copy (db_path, copy_path));

      start = g_get_monotonic_time ();
      ok &= check (psi_store_backup_to_file (store, backup_path, &error), "backup to a file");
      t_backup = MIN (t_backup, ms_since (start));

      start = g_get_monotonic_time ();
      made = psi_store_backup_auto (store, PSI_BACKUP_REASON_MANUAL, &error);
      t_auto = MIN (t_auto, ms_since (start));
      ok &= check (made != NULL, "automatic backup");

      start = g_get_monotonic_time ();
      info = psi_backup_info_new_for_file (backup_path, &error);
      t = ms_since (start);
      t_info = MIN (t_info, t);
      ok &= check (info != NULL && psi_backup_info_get_valid (info) &&
                   psi_backup_info_get_count (info, PSI_RECORD_KIND_AWARD) == n_awards,
                   "the backup is valid and holds every award");

      start = g_get_monotonic_time ();
      ok &= check (psi_store_restore_from_file (store, backup_path, &previous, &error),
                   "restore");
      t_restore = MIN (t_restore, ms_since (start));
      ok &= check (psi_store_count (store, PSI_RECORD_KIND_AWARD, NULL) == n_awards,
                   "the restored file holds every award");
      if (error != NULL)
        {
          g_printerr ("bench-backup: %s\n", error->message);
          return 1;
        }
    }

  printf ("\nBacking up %s (%" G_GINT64_FORMAT " awards, %.1f MB), best of %d\n", db_path,
          n_awards, st.st_size / 1e6, repeat);
  printf ("  %-58s %10s %8s %8s\n", "step", "ms", "x (a)", "MB/s");
  printf ("  %-58s %10.1f %8.2f %8.0f\n", "(a) plain copy: read/write 1 MiB blocks + fsync",
          t_copy, 1.0, st.st_size / 1e3 / t_copy);
  printf ("  %-58s %10.1f %8.2f %8.0f\n", "(b) psi_store_backup_to_file (backup API, rename)",
          t_backup, t_backup / t_copy, st.st_size / 1e3 / t_backup);
  printf ("  %-58s %10.1f %8.2f %8.0f\n", "(c) psi_store_backup_auto (+ list, prune)",
          t_auto, t_auto / t_copy, st.st_size / 1e3 / t_auto);
  printf ("  %-58s %10.1f %8.2f %8.0f\n", "(d) psi_backup_info_new_for_file (quick_check, counts)",
          t_info, t_info / t_copy, st.st_size / 1e3 / t_info);
  printf ("  %-58s %10.1f %8.2f %8.0f\n", "(e) psi_store_restore_from_file (check, backup, copy)",
          t_restore, t_restore / t_copy, st.st_size / 1e3 / t_restore);
  fflush (stdout);

  g_clear_object (&store);
  {
    g_autofree char *backups = psi_backup_dup_directory ();
    g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);

        g_unlink (path);
      }
    g_rmdir (backups);
    {
      g_autofree char *parent = g_path_get_dirname (backups);

      g_rmdir (parent);
    }
    g_rmdir (data_home);
  }
  bench_remove_file (db_path);
  g_unlink (copy_path);
  g_unlink (backup_path);
  g_rmdir (tmp_dir);

  return ok ? 0 : 1;
}
