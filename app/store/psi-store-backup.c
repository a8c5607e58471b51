/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "psi-store-backup.h"

#include "psi-store-backup-private.h"
#include "psi-store-private.h"

/* Copies run in steps of this many pages; a busy source or destination is waited for up to
 * BUSY_WAIT_MS in all. */
#define STEP_PAGES 1024
#define BUSY_WAIT_MS 10000
#define BACKUP_SUFFIX ".sqlite3"
/* Temporary copies start with this (hidden, never taken for a backup by the listing). */
#define TEMP_PREFIX ".psi-backup-"

struct _PsiBackupInfo
{
  GObject          parent_instance;

  char            *path;
  GDateTime       *created;
  guint64          size;
  PsiBackupReason  reason;
  int              schema_version;
  gboolean         valid;
  char            *problem;
  gint64           counts[PSI_N_RECORD_KINDS];
};

G_DEFINE_FINAL_TYPE (PsiBackupInfo, psi_backup_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CREATED,
  PROP_SIZE,
  PROP_REASON,
  PROP_SCHEMA_VERSION,
  PROP_VALID,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const reason_nicks[] = {
  [PSI_BACKUP_REASON_MANUAL] = "manual",
  [PSI_BACKUP_REASON_DAILY] = "daily",
  [PSI_BACKUP_REASON_MIGRATION] = "migration",
  [PSI_BACKUP_REASON_IMPORT] = "import",
  [PSI_BACKUP_REASON_RESTORE] = "restore",
};

/* An automatic backup, known from its name alone. */
typedef struct
{
  char            *path;
  char             stamp[16];   /* "YYYYMMDD-HHMMSS", local time */
  int              serial;      /* 1, or 2, 3... for more in the same second */
  PsiBackupReason  reason;
} BackupName;

static void
backup_name_clear (gpointer data)
{
  g_free (((BackupName *) data)->path);
}

/* Newest first */
static int
backup_name_compare (gconstpointer a,
                     gconstpointer b)
{
  const BackupName *x = a;
  const BackupName *y = b;
  int cmp = strcmp (y->stamp, x->stamp);

  if (cmp != 0)
    return cmp;
  if (x->serial != y->serial)
    return y->serial - x->serial;
  return strcmp (y->path, x->path);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Splits "<stem>-<YYYYMMDD>-<HHMMSS>[-<serial>]-<reason>.sqlite3". */
static gboolean
parse_backup_name (const char       *basename,
                   char            **stem,
                   char              stamp[16],
                   int              *serial,
                   PsiBackupReason  *reason)
{
  g_autofree char *name = NULL;
  char *dash;
  char *end;
  gsize len;
  guint r;

  if (!g_str_has_suffix (basename, BACKUP_SUFFIX) || basename[0] == '.')
    return FALSE;
  name = g_strndup (basename, strlen (basename) - strlen (BACKUP_SUFFIX));

  dash = strrchr (name, '-');
  if (dash == NULL)
    return FALSE;
  for (r = 0; r < G_N_ELEMENTS (reason_nicks); r++)
    if (g_str_equal (dash + 1, reason_nicks[r]))
      break;
  if (r == G_N_ELEMENTS (reason_nicks))
    return FALSE;
  *dash = '\0';
  end = dash;

  *serial = 1;
  dash = strrchr (name, '-');
  if (dash == NULL)
    return FALSE;
  len = end - (dash + 1);
  if (len >= 1 && len <= 4 && all_digits (dash + 1, len) && dash[1] != '0')
    {
      /* "-<serial>": "HHMMSS" has six digits, which a serial never has */
      *serial = atoi (dash + 1);
      *dash = '\0';
      end = dash;
    }

  /* "<stem>-YYYYMMDD-HHMMSS" */
  len = end - name;
  if (len < 17 || name[len - 16] != '-' || name[len - 7] != '-' ||
      !all_digits (name + len - 15, 8) || !all_digits (name + len - 6, 6))
    return FALSE;

  memcpy (stamp, name + len - 15, 15);
  stamp[15] = '\0';
  if (stem != NULL)
    *stem = g_strndup (name, len - 16);
  *reason = r;
  return TRUE;
}

static GDateTime *
date_time_from_stamp (const char *stamp)
{
  int y, mo, d, h, mi, s;

  if (sscanf (stamp, "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, s);
}

/* The absolute path that names a records file in its backups: symbolic links resolved when the
 * file exists, as SQLite does. */
static char *
dup_key_path (const char *path)
{
  char *real = realpath (path, NULL);

  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }
  return g_canonicalize_filename (path, NULL);
}

char *
_psi_backup_dup_stem (const char *database_path)
{
  g_autofree char *key = dup_key_path (database_path);
  g_autofree char *base = g_path_get_basename (key);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  /* A hidden records file must not give hidden backups: those are the temporary ones */
  if (base[0] == '.')
    base[0] = '_';
  return g_strdup_printf ("%s-%.8s", base, hash);
}

/* The automatic backups of database_path in dir, newest first (BackupName). */
static GArray *
list_backup_names (const char *dir,
                   const char *database_path)
{
  g_autofree char *stem = _psi_backup_dup_stem (database_path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GArray *names = g_array_new (FALSE, FALSE, sizeof (BackupName));
  const char *entry;

  g_array_set_clear_func (names, backup_name_clear);
  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *entry_stem = NULL;
      BackupName name;

      if (!g_str_has_prefix (entry, stem) ||
          !parse_backup_name (entry, &entry_stem, name.stamp, &name.serial, &name.reason) ||
          !g_str_equal (entry_stem, stem))
        continue;
      name.path = g_build_filename (dir, entry, NULL);
      g_array_append_val (names, name);
    }
  g_array_sort (names, backup_name_compare);
  return names;
}

static PsiStoreError
error_code_from_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      return PSI_STORE_ERROR_NO_SPACE;
    default:
      return PSI_STORE_ERROR_OPEN;
    }
}

static void
sync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Removes a database file and what SQLite may have made next to it. */
static void
remove_database_file (const char *path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Runs a prepared-once statement without values; TRUE when it succeeded. */
static gboolean
exec_simple (sqlite3    *db,
             const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Copies the "main" database of src over the "main" database of dest with the backup API. The
 * source is read in one read transaction (one consistent state, however many steps), the
 * destination is written in one write transaction (all or nothing). */
static gboolean
copy_database (sqlite3     *dest,
               sqlite3     *src,
               const char  *what,
               GError     **error)
{
  sqlite3_backup *backup;
  gboolean own_read = FALSE;
  gint64 deadline = g_get_monotonic_time () + (gint64) BUSY_WAIT_MS * 1000;
  int rc;

  /* Hold one snapshot of the source across the steps: without it every commit of another
   * connection between two steps would start the copy again. */
  if (sqlite3_get_autocommit (src))
    {
      own_read = exec_simple (src, "BEGIN") &&
                 exec_simple (src, "SELECT count(*) FROM sqlite_schema");
      if (!own_read && !sqlite3_get_autocommit (src))
        exec_simple (src, "ROLLBACK");
    }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      _psi_store_set_error (error, dest, sqlite3_errcode (dest), what);
      if (own_read)
        exec_simple (src, "ROLLBACK");
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, STEP_PAGES);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (g_get_monotonic_time () > deadline)
            break;
          sqlite3_sleep (20);
          rc = SQLITE_OK;
        }
    }
  while (rc == SQLITE_OK);

  sqlite3_backup_finish (backup);
  if (own_read)
    exec_simple (src, "ROLLBACK");

  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, NULL, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Writes a copy of src to a new temporary file in dir, in rollback-journal mode (one file, no
 * -wal or -shm next to it). Returns the temporary file's path; on failure nothing is left. */
static char *
write_temp_copy (sqlite3     *src,
                 const char  *dir,
                 const char  *what,
                 GError     **error)
{
  g_autofree char *temp = g_build_filename (dir, TEMP_PREFIX "XXXXXX", NULL);
  sqlite3 *dest = NULL;
  int fd;
  int rc;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   "%s: %s", what, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _psi_store_set_error (error, dest, rc, what);
      sqlite3_close (dest);
      remove_database_file (temp);
      return NULL;
    }
  sqlite3_extended_result_codes (dest, 1);

  /* A temporary file needs no journal and no syncs while it is written: if anything fails it
   * is deleted. It is synced once, whole, before it gets its name. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL,
                     NULL);
  if (rc != SQLITE_OK)
    _psi_store_set_error (error, dest, rc, what);
  if (rc != SQLITE_OK || !copy_database (dest, src, what, error))
    {
      sqlite3_close (dest);
      remove_database_file (temp);
      return NULL;
    }

  /* The copy says WAL in its header, as the source does: make it a single file. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _psi_store_set_error (error, dest, rc, what);
      sqlite3_close (dest);
      remove_database_file (temp);
      return NULL;
    }

  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      _psi_store_set_error (error, NULL, rc, what);
      remove_database_file (temp);
      return NULL;
    }

  fd = open (temp, O_RDWR | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      remove_database_file (temp);
      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   "%s: %s", what, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&temp);
}

gboolean
_psi_backup_db_to_file (sqlite3     *db,
                        const char  *dest,
                        GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  g_autofree char *temp = NULL;
  const char *source;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = g_canonicalize_filename (dest, NULL);
  dir = g_path_get_dirname (target);
  display = g_filename_display_name (target);
  /* Translators: %s is a file name; an explanation follows after a colon */
  what = g_strdup_printf (_("Cannot write the backup “%s”"), display);

  source = sqlite3_db_filename (db, "main");
  if (source != NULL && *source != '\0' && same_file (source, target))
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN,
                   /* Translators: %s is a file name */
                   _("“%s” is the records file itself: choose another file for the backup."),
                   display);
      return FALSE;
    }

  temp = write_temp_copy (db, dir, what, error);
  if (temp == NULL)
    return FALSE;

  if (g_rename (temp, target) != 0)
    {
      int saved_errno = errno;

      remove_database_file (temp);
      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   "%s: %s", what, g_strerror (saved_errno));
      return FALSE;
    }
  sync_directory (dir);
  return TRUE;
}

/* Deletes all but the newest PSI_BACKUP_KEEP backups of database_path; never keep or made. */
static void
prune_backups (const char *dir,
               const char *database_path,
               const char *keep,
               const char *made)
{
  g_autoptr(GArray) names = list_backup_names (dir, database_path);
  guint kept = 0;

  for (guint i = 0; i < names->len; i++)
    {
      BackupName *name = &g_array_index (names, BackupName, i);
      gboolean protected = g_strcmp0 (name->path, made) == 0 ||
                           (keep != NULL && same_file (name->path, keep));

      if (kept < PSI_BACKUP_KEEP || protected)
        {
          kept++;
          continue;
        }
      if (g_unlink (name->path) != 0)
        g_warning ("Cannot remove the old backup “%s”: %s", name->path, g_strerror (errno));
      else
        g_debug ("Removed the old backup %s", name->path);
    }
}

static gboolean
ensure_backup_directory (const char  *dir,
                         GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   /* Translators: %s is a folder; an explanation follows */
                   _("Cannot create the folder for backups “%s”: %s"), display,
                   g_strerror (saved_errno != 0 ? saved_errno : ENOTDIR));
      return FALSE;
    }
  return TRUE;
}

char *
_psi_backup_db_auto (sqlite3          *db,
                     PsiBackupReason   reason,
                     const char       *keep,
                     GError          **error)
{
  g_autofree char *dir = psi_backup_dup_directory ();
  g_autofree char *stem = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *made = NULL;
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) names = NULL;
  const char *database_path;
  int serial = 1;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_nicks), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database_path = sqlite3_db_filename (db, "main");
  if (database_path == NULL || *database_path == '\0')
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_FAILED,
                           _("This records file exists only in memory: it has no backups."));
      return NULL;
    }
  if (!sqlite3_get_autocommit (db))
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY,
                           _("No backup can be made while a change of the records file is "
                             "being saved."));
      return NULL;
    }

  if (!ensure_backup_directory (dir, error))
    return NULL;

  display = g_filename_display_name (dir);
  /* Translators: %s is a folder; an explanation follows after a colon */
  what = g_strdup_printf (_("Cannot write a backup to “%s”"), display);
  temp = write_temp_copy (db, dir, what, error);
  if (temp == NULL)
    return NULL;

  stem = _psi_backup_dup_stem (database_path);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  names = list_backup_names (dir, database_path);
  for (guint i = 0; i < names->len; i++)
    {
      BackupName *name = &g_array_index (names, BackupName, i);

      if (g_str_equal (name->stamp, stamp))
        serial = MAX (serial, name->serial + 1);
    }

  for (;; serial++)
    {
      g_autofree char *basename = serial == 1
        ? g_strdup_printf ("%s-%s-%s" BACKUP_SUFFIX, stem, stamp, reason_nicks[reason])
        : g_strdup_printf ("%s-%s-%d-%s" BACKUP_SUFFIX, stem, stamp, serial,
                           reason_nicks[reason]);
      g_autofree char *path = g_build_filename (dir, basename, NULL);
      int saved_errno;

      /* link () never replaces an existing backup (rename () would). */
      if (link (temp, path) == 0)
        {
          g_unlink (temp);
          made = g_steal_pointer (&path);
          break;
        }
      saved_errno = errno;
      if (saved_errno == EEXIST)
        continue;
      /* A file system without hard links */
      if (saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EOPNOTSUPP ||
          saved_errno == EMLINK)
        {
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            continue;
          if (g_rename (temp, path) == 0)
            {
              made = g_steal_pointer (&path);
              break;
            }
          saved_errno = errno;
        }
      remove_database_file (temp);
      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   "%s: %s", what, g_strerror (saved_errno));
      return NULL;
    }

  sync_directory (dir);
  g_debug ("Backed up %s to %s", database_path, made);
  prune_backups (dir, database_path, keep, made);
  return g_steal_pointer (&made);
}

/* Checking a backup */

static char *
first_lines (const char *text,
             guint       n)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", n + 1);

  if (g_strv_length (lines) > n)
    g_clear_pointer (&lines[n], g_free);
  return g_strjoinv ("\n", lines);
}

/* Reads version, quick check and counts of an open backup. Returns TRUE when it can be
 * restored; else sets problem and code. */
static gboolean
check_backup_db (sqlite3       *db,
                 const char    *display,
                 int           *version,
                 gint64         counts[PSI_N_RECORD_KINDS],
                 char         **problem,
                 PsiStoreError *code)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) damage = NULL;
  gboolean psi_tables = TRUE;
  int rc;

  *version = 0;
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    counts[k] = 0;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_ROW)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        {
          *code = PSI_STORE_ERROR_CORRUPT;
          *problem = g_strdup_printf (_("“%s” is not a PSI Records file, or it is damaged."),
                                      display);
        }
      else
        {
          *code = PSI_STORE_ERROR_OPEN;
          /* Translators: %s is a file name, then SQLite's own (English) explanation */
          *problem = g_strdup_printf (_("Cannot read “%s”: %s"), display, sqlite3_errmsg (db));
        }
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      if (damage == NULL)
        damage = g_string_new (NULL);
      else
        g_string_append_c (damage, '\n');
      g_string_append (damage, line != NULL ? line : "?");
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE || damage != NULL)
    {
      g_autofree char *detail = damage != NULL ? first_lines (damage->str, 3)
                                               : g_strdup (sqlite3_errmsg (db));

      *code = PSI_STORE_ERROR_CORRUPT;
      /* Translators: %s is a file name, then what SQLite found (English) */
      *problem = g_strdup_printf (_("The backup “%s” is damaged: %s"), display, detail);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db,
                           "SELECT EXISTS (SELECT 1 FROM sqlite_schema"
                           " WHERE type = 'table' AND name = ?1)",
                           -1, &stmt, NULL);
  for (guint k = 0; rc == SQLITE_OK && k < PSI_N_RECORD_KINDS; k++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, _psi_store_kind_table (k), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      rc = SQLITE_OK;
      if (sqlite3_column_int (stmt, 0) == 0)
        {
          psi_tables = FALSE;
          counts[k] = 0;
          continue;
        }

      {
        /* Composed from the store's constant table names only */
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s",
                                                _psi_store_kind_table (k));
        sqlite3_stmt *count = NULL;
        int count_rc = sqlite3_prepare_v2 (db, sql, -1, &count, NULL);

        if (count_rc == SQLITE_OK)
          count_rc = sqlite3_step (count);
        if (count_rc == SQLITE_ROW)
          counts[k] = sqlite3_column_int64 (count, 0);
        else
          rc = count_rc;
        sqlite3_finalize (count);
      }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      *code = PSI_STORE_ERROR_CORRUPT;
      *problem = g_strdup_printf (_("The backup “%s” is damaged: %s"), display,
                                  sqlite3_errmsg (db));
      return FALSE;
    }

  if (*version > PSI_STORE_SCHEMA_VERSION)
    {
      *code = PSI_STORE_ERROR_NEWER;
      /* Translators: %s is a file name, then two schema version numbers */
      *problem = g_strdup_printf (_("The backup “%s” was made by a newer version of PSI Records "
                                    "(file version %d; this version reads up to %d)."),
                                  display, *version, PSI_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (*version < 1 || !psi_tables)
    {
      *code = PSI_STORE_ERROR_CORRUPT;
      /* Translators: %s is a file name */
      *problem = g_strdup_printf (_("“%s” is not a backup of a PSI Records file."), display);
      return FALSE;
    }

  return TRUE;
}

/* Opens a backup read-only; never writes to it. */
static sqlite3 *
open_backup_read_only (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      GStatBuf st;
      int saved_errno = g_stat (path, &st) == 0 ? EISDIR : errno;

      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN,
                   /* Translators: %s is a file name, then why it cannot be read */
                   _("Cannot read the backup “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN,
                   _("Cannot read the backup “%s”: %s"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* A backup that passed check_backup_db, open read-only, or NULL with an error. */
static sqlite3 *
open_checked_backup (const char  *path,
                     int         *version,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *problem = NULL;
  gint64 counts[PSI_N_RECORD_KINDS];
  PsiStoreError code = PSI_STORE_ERROR_FAILED;
  sqlite3 *db;

  db = open_backup_read_only (path, error);
  if (db == NULL)
    return NULL;
  if (!check_backup_db (db, display, version, counts, &problem, &code))
    {
      g_set_error_literal (error, PSI_STORE_ERROR, code, problem);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* PsiBackupInfo */

static void
psi_backup_info_finalize (GObject *object)
{
  PsiBackupInfo *self = PSI_BACKUP_INFO (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (psi_backup_info_parent_class)->finalize (object);
}

static void
psi_backup_info_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsiBackupInfo *self = PSI_BACKUP_INFO (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, psi_backup_info_get_path (self));
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, psi_backup_info_get_created (self));
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, psi_backup_info_get_size (self));
      break;
    case PROP_REASON:
      g_value_set_int (value, psi_backup_info_get_reason (self));
      break;
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, psi_backup_info_get_schema_version (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, psi_backup_info_get_valid (self));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, psi_backup_info_get_problem (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_backup_info_class_init (PsiBackupInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psi_backup_info_finalize;
  object_class->get_property = psi_backup_info_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_int ("reason", NULL, NULL,
                      PSI_BACKUP_REASON_MANUAL, PSI_BACKUP_REASON_RESTORE,
                      PSI_BACKUP_REASON_MANUAL,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_backup_info_init (PsiBackupInfo *self)
{
}

const char *
psi_backup_reason_to_nick (PsiBackupReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_nicks), NULL);
  return reason_nicks[reason];
}

const char *
psi_backup_reason_get_label (PsiBackupReason reason)
{
  switch (reason)
    {
    case PSI_BACKUP_REASON_MANUAL:
      /* Translators: why a backup was made, shown in the list of backups */
      return C_("backup reason", "Made by hand");
    case PSI_BACKUP_REASON_DAILY:
      /* Translators: why a backup was made, shown in the list of backups */
      return C_("backup reason", "Daily backup");
    case PSI_BACKUP_REASON_MIGRATION:
      /* Translators: why a backup was made, shown in the list of backups */
      return C_("backup reason", "Before a file format update");
    case PSI_BACKUP_REASON_IMPORT:
      /* Translators: why a backup was made, shown in the list of backups */
      return C_("backup reason", "Before an import");
    case PSI_BACKUP_REASON_RESTORE:
      /* Translators: why a backup was made, shown in the list of backups */
      return C_("backup reason", "Before a restore");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
psi_backup_info_get_path (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), NULL);
  return self->path;
}

GDateTime *
psi_backup_info_get_created (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), NULL);
  return self->created;
}

guint64
psi_backup_info_get_size (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), 0);
  return self->size;
}

PsiBackupReason
psi_backup_info_get_reason (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), PSI_BACKUP_REASON_MANUAL);
  return self->reason;
}

int
psi_backup_info_get_schema_version (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), 0);
  return self->schema_version;
}

gboolean
psi_backup_info_get_valid (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), FALSE);
  return self->valid;
}

const char *
psi_backup_info_get_problem (PsiBackupInfo *self)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), NULL);
  return self->problem;
}

gint64
psi_backup_info_get_count (PsiBackupInfo *self,
                           PsiRecordKind  kind)
{
  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), 0);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, 0);
  return self->counts[kind];
}

gint64
psi_backup_info_get_total (PsiBackupInfo *self)
{
  gint64 total = 0;

  g_return_val_if_fail (PSI_IS_BACKUP_INFO (self), 0);
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    total += self->counts[k];
  return total;
}

PsiBackupInfo *
psi_backup_info_new_for_file (const char  *path,
                              GError     **error)
{
  g_autoptr(PsiBackupInfo) self = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  PsiStoreError code = PSI_STORE_ERROR_FAILED;
  char stamp[16];
  int serial;
  PsiBackupReason reason;
  GStatBuf st;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PSI_TYPE_BACKUP_INFO, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  display = g_filename_display_name (self->path);

  db = open_backup_read_only (self->path, error);
  if (db == NULL)
    return NULL;

  if (g_stat (self->path, &st) == 0)
    self->size = st.st_size;
  else
    st.st_mtime = time (NULL);

  basename = g_path_get_basename (self->path);
  if (parse_backup_name (basename, NULL, stamp, &serial, &reason))
    {
      self->created = date_time_from_stamp (stamp);
      self->reason = reason;
    }
  if (self->created == NULL)
    {
      self->created = g_date_time_new_from_unix_local (st.st_mtime);
      self->reason = PSI_BACKUP_REASON_MANUAL;
    }

  self->valid = check_backup_db (db, display, &self->schema_version, self->counts,
                                 &self->problem, &code);
  sqlite3_close (db);
  return g_steal_pointer (&self);
}

/* Public functions */

char *
psi_backup_dup_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "psi-records", "backups", NULL);
}

static gboolean
check_no_transaction (PsiStore  *store,
                      GError   **error)
{
  if (!sqlite3_get_autocommit (_psi_store_get_db (store)))
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY,
                           _("No backup can be made while a change of the records file is "
                             "being saved."));
      return FALSE;
    }
  return TRUE;
}

gboolean
psi_store_backup_to_file (PsiStore    *store,
                          const char  *dest,
                          GError     **error)
{
  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_no_transaction (store, error))
    return FALSE;
  return _psi_backup_db_to_file (_psi_store_get_db (store), dest, error);
}

char *
psi_store_backup_auto (PsiStore         *store,
                       PsiBackupReason   reason,
                       GError          **error)
{
  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _psi_backup_db_auto (_psi_store_get_db (store), reason, NULL, error);
}

/* The daily backup of the "main" database of db, unless one of any reason was made today. */
static gboolean
backup_daily (sqlite3  *db,
              GError  **error)
{
  g_autofree char *dir = psi_backup_dup_directory ();
  g_autofree char *made = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) names = NULL;
  const char *database_path = sqlite3_db_filename (db, "main");

  if (database_path == NULL || *database_path == '\0')
    return TRUE;

  today = g_date_time_format (now, "%Y%m%d");
  names = list_backup_names (dir, database_path);
  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (g_array_index (names, BackupName, i).stamp, today))
      return TRUE;

  made = _psi_backup_db_auto (db, PSI_BACKUP_REASON_DAILY, NULL, error);
  return made != NULL;
}

gboolean
psi_store_backup_daily (PsiStore  *store,
                        GError   **error)
{
  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return backup_daily (_psi_store_get_db (store), error);
}

gboolean
psi_backup_daily_for_file (const char  *database_path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      display = g_filename_display_name (database_path);
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN,
                   _("Cannot read “%s”: %s"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  ok = backup_daily (db, error);
  sqlite3_close (db);
  return ok;
}

GListModel *
psi_backup_list_for_database (const char  *database_path,
                              GError     **error)
{
  g_autofree char *dir = psi_backup_dup_directory ();
  g_autoptr(GListStore) list = g_list_store_new (PSI_TYPE_BACKUP_INFO);
  g_autoptr(GArray) names = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = list_backup_names (dir, database_path);
  for (guint i = 0; i < names->len; i++)
    {
      BackupName *name = &g_array_index (names, BackupName, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PsiBackupInfo) info = psi_backup_info_new_for_file (name->path, &local_error);

      if (info == NULL)
        {
          if (!g_file_test (name->path, G_FILE_TEST_EXISTS))
            continue;   /* removed in the meantime */
          info = g_object_new (PSI_TYPE_BACKUP_INFO, NULL);
          info->path = g_strdup (name->path);
          info->created = date_time_from_stamp (name->stamp);
          info->reason = name->reason;
          info->problem = g_strdup (local_error->message);
        }
      g_list_store_append (list, info);
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

PsiBackupInfo *
psi_backup_find_newest_valid (const char  *database_path,
                              GError     **error)
{
  g_autofree char *dir = psi_backup_dup_directory ();
  g_autoptr(GArray) names = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = list_backup_names (dir, database_path);
  for (guint i = 0; i < names->len; i++)
    {
      BackupName *name = &g_array_index (names, BackupName, i);
      g_autoptr(PsiBackupInfo) info = psi_backup_info_new_for_file (name->path, NULL);

      if (info != NULL && info->valid)
        return g_steal_pointer (&info);
    }
  return NULL;
}

gboolean
psi_store_restore_from_file (PsiStore     *store,
                             const char   *backup,
                             char        **previous_backup,
                             GError      **error)
{
  sqlite3 *db;
  sqlite3 *source;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *database_path;
  int version;
  gboolean ok;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = _psi_store_get_db (store);
  path = g_canonicalize_filename (backup, NULL);
  display = g_filename_display_name (path);
  database_path = sqlite3_db_filename (db, "main");

  if (!sqlite3_get_autocommit (db))
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_BUSY,
                           _("Nothing can be restored while a change of the records file is "
                             "being saved."));
      return FALSE;
    }
  if (sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY,
                           _("The records file is open read-only: nothing can be restored "
                             "into it."));
      return FALSE;
    }
  if (database_path != NULL && *database_path != '\0' && same_file (database_path, path))
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("“%s” is the records file itself, not a backup of it."), display);
      return FALSE;
    }

  source = open_checked_backup (path, &version, error);
  if (source == NULL)
    return FALSE;

  previous = _psi_backup_db_auto (db, PSI_BACKUP_REASON_RESTORE, path, &local_error);
  if (previous == NULL)
    {
      sqlite3_close (source);
      g_set_error (error, PSI_STORE_ERROR,
                   local_error->domain == PSI_STORE_ERROR ? local_error->code
                                                          : PSI_STORE_ERROR_FAILED,
                   /* Translators: %s is why the backup failed */
                   _("Nothing was restored, because the current records could not be backed "
                     "up first: %s"), local_error->message);
      return FALSE;
    }

  /* Translators: %s is a file name; an explanation follows after a colon */
  what = g_strdup_printf (_("Cannot restore the backup “%s”"), display);
  ok = copy_database (db, source, what, error);
  sqlite3_close (source);
  if (!ok)
    return FALSE;

  if (version < PSI_STORE_SCHEMA_VERSION &&
      !_psi_store_migrate_without_backup (db, &local_error))
    {
      g_autoptr(GError) undo_error = NULL;
      sqlite3 *undo = open_backup_read_only (previous, &undo_error);

      /* Put the previous contents back: the store must stay usable by this version. */
      if (undo == NULL || !copy_database (db, undo, what, &undo_error))
        g_warning ("Cannot put back the records from “%s”: %s", previous,
                   undo_error != NULL ? undo_error->message : "?");
      sqlite3_close (undo);
      psi_store_notify_external_change (store);
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_FAILED,
                   /* Translators: %s is a file name, then the reason */
                   _("The backup “%s” could not be updated to this version of PSI Records, so "
                     "it was not restored: %s"), display, local_error->message);
      return FALSE;
    }

  psi_store_notify_external_change (store);
  if (previous_backup != NULL)
    *previous_backup = g_steal_pointer (&previous);
  return TRUE;
}

/* Moves path (and any -wal, -shm, -journal beside it) to aside (the same suffixes). */
static gboolean
move_database_file (const char  *path,
                    const char  *aside,
                    GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (from);

          /* Put back what was moved */
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *moved = g_strconcat (aside, suffixes[j], NULL);
              g_autofree char *back = g_strconcat (path, suffixes[j], NULL);

              g_rename (moved, back);
            }
          g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                       /* Translators: %s is a file name, then why */
                       _("Cannot move the damaged file “%s” aside: %s"), display,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
psi_backup_restore_damaged_file (const char  *database_path,
                                 const char  *backup,
                                 char       **damaged_copy,
                                 GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int version;
  sqlite3 *source;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = g_canonicalize_filename (database_path, NULL);
  path = g_canonicalize_filename (backup, NULL);
  dir = g_path_get_dirname (target);
  display = g_filename_display_name (target);

  if (same_file (target, path))
    {
      g_autofree char *backup_display = g_filename_display_name (path);

      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_FAILED,
                   _("“%s” is the records file itself, not a backup of it."), backup_display);
      return FALSE;
    }

  source = open_checked_backup (path, &version, error);
  if (source == NULL)
    return FALSE;

  /* Translators: %s is a file name; an explanation follows after a colon */
  what = g_strdup_printf (_("Cannot restore “%s”"), display);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      sqlite3_close (source);
      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   "%s: %s", what, g_strerror (saved_errno));
      return FALSE;
    }
  /* The copy is made first: until it is complete nothing is touched. */
  temp = write_temp_copy (source, dir, what, error);
  sqlite3_close (source);
  if (temp == NULL)
    return FALSE;

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      aside = g_strdup_printf ("%s.damaged-%s", target, stamp);
      for (int n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
        {
          g_free (aside);
          aside = g_strdup_printf ("%s.damaged-%s-%d", target, stamp, n);
        }
      if (!move_database_file (target, aside, error))
        {
          remove_database_file (temp);
          return FALSE;
        }
    }

  if (g_rename (temp, target) != 0)
    {
      int saved_errno = errno;

      remove_database_file (temp);
      if (aside != NULL)
        move_database_file (aside, target, NULL);
      g_set_error (error, PSI_STORE_ERROR, error_code_from_errno (saved_errno),
                   "%s: %s", what, g_strerror (saved_errno));
      return FALSE;
    }
  sync_directory (dir);

  if (damaged_copy != NULL)
    *damaged_copy = g_steal_pointer (&aside);
  return TRUE;
}
