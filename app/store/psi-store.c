/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "psi-store.h"
#include "psi-store-private.h"

/* Where records are written to and read from SQLite.
 *
 * One connection, prepared statements cached by SQL text (finalized with the store), bound
 * values only. Transactions nest by a depth counter: only the outermost begin/commit reaches
 * SQLite; a rollback at any depth rolls back everything. Change notifications are queued while
 * a transaction is open and emitted after the outermost commit. */

typedef struct
{
  PsiRecordKind  kind;
  PsiStoreChange change;
  gint64         id;
} PendingChange;

struct _PsiStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;

  char       *read_only_reason;   /* translated; NULL when the file may be written */

  /* Waiting for another writer (busy_cb) */
  guint            busy_timeout_ms;
  gint64           busy_started;  /* monotonic µs when the current wait began */
  gboolean         busy_notified;
  PsiStoreWaitFunc wait_func;
  gpointer         wait_data;
  GDestroyNotify   wait_destroy;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  GHashTable *static_statements;  /* SQL that lives as long as the process -> sqlite3_stmt */

  guint       bulk_awards;  /* awards inserted in the current transaction */
  gboolean    bulk_indexes_dropped;

  guint       depth;
  GArray     *pending;      /* PendingChange, emitted after the outermost commit */

  /* Changes of award_count (municipality, cluster, competition) by the awards written in the
   * current transaction, not yet written: gint64 id -> CountDelta */
  GHashTable *count_deltas[PSI_N_RECORD_KINDS];
};

typedef struct
{
  gint64 id;      /* the key points here */
  gint64 delta;
} CountDelta;

G_DEFINE_FINAL_TYPE (PsiStore, psi_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORD_CHANGED,
  RECORD_WILL_CHANGE,
  RECORD_DID_CHANGE,
  CHANGES_DISCARDED,
  CHANGES_COMMITTED,
  EXTERNAL_CHANGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (psi-store-error-quark, psi_store_error)

/* Per-kind SQL. Everything here is composed once from the constant fragments below. */
typedef struct
{
  const char         *table;
  const char         *columns;       /* list-level record columns, see record_from_row () */
  const char         *from;
  int                 n_columns;
  const char *const  *write_columns; /* in bind order, ?1 … ?n */
  const char         *missing;       /* translatable; %s is the id */
  char               *insert_sql;
  char               *update_sql;
  char               *delete_sql;
  char               *exists_sql;
  char               *search_sql;      /* the search column of a row */
  char               *index_add_sql;   /* … and its FTS5 index, see sync_search_index () */
  char               *index_remove_sql;
  char               *load_sql;
  char               *load_uuid_sql;
  char               *count_sql;
} KindSql;

#define NAME_COLUMNS "t.id, t.uuid, t.name_en, t.name_ru, t.name_ky"

static const char *const organisation_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "role",
  "abbreviation_en", "abbreviation_ru", "abbreviation_ky", "website", NULL
};
static const char *const region_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", NULL
};
static const char *const district_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "region_id", NULL
};
static const char *const municipality_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "municipality_kind", "region_id",
  "district_id", "pilot", NULL
};
static const char *const official_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "position", "municipality_id",
  "organisation_id", NULL
};
static const char *const cluster_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", NULL
};
static const char *const event_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "event_kind", "date",
  "place_en", "place_ru", "place_ky", "purpose_en", "purpose_ru", "purpose_ky",
  "summary_en", "summary_ru", "summary_ky", NULL
};
static const char *const competition_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "event_id", "entrant_kind",
  "entrant_count", "description_en", "description_ru", "description_ky", NULL
};
static const char *const award_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "competition_id", "municipality_id",
  "cluster_id", "recipient_count", "place", "award_kind", "condition_en", "condition_ru",
  "condition_ky", "condition_deadline", "certificate", "grant_kgs", NULL
};
static const char *const agreement_write[] = {
  "uuid", "name_en", "name_ru", "name_ky", "search", "agreement_kind", "event_id", "date",
  "note_en", "note_ru", "note_ky", NULL
};

static KindSql kind_sql[PSI_N_RECORD_KINDS] = {
  [PSI_RECORD_KIND_ORGANISATION] = {
    "organisation",
    NAME_COLUMNS ", t.role, t.abbreviation_en, t.abbreviation_ru, t.abbreviation_ky, t.website",
    "organisation AS t",
    10, organisation_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no organisation with id %s in the records file."),
  },
  [PSI_RECORD_KIND_REGION] = {
    "region",
    NAME_COLUMNS,
    "region AS t",
    5, region_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no region with id %s in the records file."),
  },
  [PSI_RECORD_KIND_DISTRICT] = {
    "district",
    NAME_COLUMNS ", t.region_id, r.name_en, r.name_ru, r.name_ky",
    "district AS t LEFT JOIN region AS r ON r.id = t.region_id",
    9, district_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no district with id %s in the records file."),
  },
  [PSI_RECORD_KIND_MUNICIPALITY] = {
    "municipality",
    NAME_COLUMNS ", t.municipality_kind, t.region_id, r.name_en, r.name_ru, r.name_ky,"
    " t.district_id, d.name_en, d.name_ru, d.name_ky, t.pilot",
    "municipality AS t LEFT JOIN region AS r ON r.id = t.region_id"
    " LEFT JOIN district AS d ON d.id = t.district_id",
    15, municipality_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no municipality with id %s in the records file."),
  },
  [PSI_RECORD_KIND_OFFICIAL] = {
    "official",
    NAME_COLUMNS ", t.position, t.municipality_id, m.name_en, m.name_ru, m.name_ky,"
    " t.organisation_id, o.name_en, o.name_ru, o.name_ky",
    "official AS t LEFT JOIN municipality AS m ON m.id = t.municipality_id"
    " LEFT JOIN organisation AS o ON o.id = t.organisation_id",
    14, official_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no official with id %s in the records file."),
  },
  [PSI_RECORD_KIND_CLUSTER] = {
    "cluster",
    NAME_COLUMNS ", (SELECT count(*) FROM cluster_member AS cm WHERE cm.cluster_id = t.id)",
    "cluster AS t",
    6, cluster_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no cluster with id %s in the records file."),
  },
  [PSI_RECORD_KIND_EVENT] = {
    "event",
    NAME_COLUMNS ", t.event_kind, t.date, t.place_en, t.place_ru, t.place_ky,"
    " t.purpose_en, t.purpose_ru, t.purpose_ky, t.summary_en, t.summary_ru, t.summary_ky",
    "event AS t",
    16, event_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no event with id %s in the records file."),
  },
  [PSI_RECORD_KIND_COMPETITION] = {
    "competition",
    NAME_COLUMNS ", t.event_id, e.name_en, e.name_ru, e.name_ky, t.entrant_kind,"
    " t.entrant_count, t.description_en, t.description_ru, t.description_ky,"
    " (SELECT count(*) FROM award AS a WHERE a.competition_id = t.id)",
    "competition AS t LEFT JOIN event AS e ON e.id = t.event_id",
    15, competition_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no competition with id %s in the records file."),
  },
  [PSI_RECORD_KIND_AWARD] = {
    "award",
    /* At most one of m and k is joined (CHECK in the schema). */
    NAME_COLUMNS ", t.competition_id, c.name_en, c.name_ru, c.name_ky, t.municipality_id,"
    " t.cluster_id, coalesce (m.name_en, k.name_en), coalesce (m.name_ru, k.name_ru),"
    " coalesce (m.name_ky, k.name_ky), t.recipient_count, t.place, t.award_kind,"
    " t.condition_en, t.condition_ru, t.condition_ky, t.condition_deadline, t.certificate,"
    " t.grant_kgs",
    "award AS t LEFT JOIN competition AS c ON c.id = t.competition_id"
    " LEFT JOIN municipality AS m ON m.id = t.municipality_id"
    " LEFT JOIN cluster AS k ON k.id = t.cluster_id",
    23, award_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no award with id %s in the records file."),
  },
  [PSI_RECORD_KIND_AGREEMENT] = {
    "agreement",
    NAME_COLUMNS ", t.agreement_kind, t.event_id, e.name_en, e.name_ru, e.name_ky, t.date,"
    " t.note_en, t.note_ru, t.note_ky",
    "agreement AS t LEFT JOIN event AS e ON e.id = t.event_id",
    14, agreement_write,
    /* Translators: %s is the number that identifies the record */
    N_("There is no agreement with id %s in the records file."),
  },
};

static void
kind_sql_init (void)
{
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    {
      KindSql *ks = &kind_sql[k];
      g_autoptr(GString) insert = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      g_autoptr(GString) update = g_string_new (NULL);
      guint n;

      g_assert (ks->table != NULL);

      g_string_append_printf (insert, "INSERT INTO %s (", ks->table);
      g_string_append_printf (update, "UPDATE %s SET ", ks->table);
      for (n = 0; ks->write_columns[n] != NULL; n++)
        {
          const char *sep = n > 0 ? ", " : "";

          g_string_append_printf (insert, "%s%s", sep, ks->write_columns[n]);
          g_string_append_printf (values, "%s?%u", sep, n + 1);
          g_string_append_printf (update, "%s%s = ?%u", sep, ks->write_columns[n], n + 1);
        }
      g_string_append_printf (insert, ") VALUES (%s)", values->str);
      g_string_append_printf (update, " WHERE id = ?%u", n + 1);

      ks->insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);
      ks->update_sql = g_string_free (g_steal_pointer (&update), FALSE);
      ks->delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", ks->table);
      ks->exists_sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", ks->table);
      ks->search_sql = g_strdup_printf ("SELECT search FROM %s WHERE id = ?1", ks->table);
      ks->index_add_sql = g_strdup_printf ("INSERT INTO %s_fts (rowid, search) VALUES (?1, ?2)",
                                           ks->table);
      ks->index_remove_sql = g_strdup_printf ("INSERT INTO %s_fts (%s_fts, rowid, search)"
                                              " VALUES ('delete', ?1, ?2)",
                                              ks->table, ks->table);
      ks->load_sql = g_strdup_printf ("SELECT %s FROM %s WHERE t.id = ?1", ks->columns, ks->from);
      ks->load_uuid_sql = g_strdup_printf ("SELECT %s FROM %s WHERE t.uuid = ?1",
                                           ks->columns, ks->from);
      ks->count_sql = g_strdup_printf ("SELECT count(*) FROM %s", ks->table);
    }
}

/* Error helpers */

/* The file of a connection, for messages. */
static char *
dup_display_name (sqlite3 *db)
{
  const char *file = db != NULL ? sqlite3_db_filename (db, "main") : NULL;

  /* Translators: stands for the records file when its name is unknown */
  return file != NULL && *file != '\0' ? g_filename_display_name (file) : g_strdup (_("records"));
}

static gboolean
near_limit (const char *path,
            guint64     limit)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && (guint64) st.st_size + 1024 * 1024 >= limit;
}

/* Whether an I/O error came from a full disk or a file size limit. SQLite reports a full disk
 * (ENOSPC on write) as SQLITE_FULL itself, but EFBIG (a file size limit: ulimit -f, 4 GiB on
 * FAT) and ENOSPC on other calls as SQLITE_IOERR_*; its sqlite3_system_errno () is often lost
 * by the time the statement returns, so the limits are checked as well. */
static gboolean
looks_out_of_space (sqlite3 *db)
{
  const char *file = db != NULL ? sqlite3_db_filename (db, "main") : NULL;
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;
  g_autofree char *wal = NULL;
  g_autofree char *dir = NULL;
  struct rlimit limit;
  struct statvfs fs;

  if (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT)
    return TRUE;
  if (file == NULL || *file == '\0')
    return FALSE;

  wal = g_strconcat (file, "-wal", NULL);
  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      (near_limit (file, limit.rlim_cur) || near_limit (wal, limit.rlim_cur)))
    return TRUE;
  if (near_limit (file, G_GUINT64_CONSTANT (4) << 30) ||
      near_limit (wal, G_GUINT64_CONSTANT (4) << 30))
    return TRUE;

  dir = g_path_get_dirname (file);
  return statvfs (dir, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 1024 * 1024;
}

void
_psi_store_set_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *what)
{
  PsiStoreError code;
  g_autofree char *display = NULL;
  g_autofree char *reason = NULL;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = PSI_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = PSI_STORE_ERROR_BUSY;
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      code = PSI_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      code = PSI_STORE_ERROR_OPEN;
      break;
    case SQLITE_READONLY:
      code = PSI_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_FULL:
      code = PSI_STORE_ERROR_NO_SPACE;
      break;
    case SQLITE_IOERR:
      code = looks_out_of_space (db) ? PSI_STORE_ERROR_NO_SPACE : PSI_STORE_ERROR_FAILED;
      break;
    default:
      code = PSI_STORE_ERROR_FAILED;
      break;
    }

  /* SQLite's own words for these ("database is locked", "disk I/O error") would only confuse:
   * say what happened and what to do. */
  display = dup_display_name (db);
  switch (code)
    {
    case PSI_STORE_ERROR_BUSY:
      reason = g_strdup_printf (_("Another copy of PSI Records, or an import, is writing to "
                                  "the records file “%s”. Nothing was changed; try again when "
                                  "it has finished."), display);
      break;
    case PSI_STORE_ERROR_NO_SPACE:
      reason = g_strdup_printf (_("There is not enough space on the disk to save the records "
                                  "file “%s”. Nothing was changed; free some space and try "
                                  "again."), display);
      break;
    case PSI_STORE_ERROR_READ_ONLY:
      reason = g_strdup_printf (_("The records file “%s” cannot be changed: the file, its "
                                  "folder or the disk is read-only."), display);
      break;
    case PSI_STORE_ERROR_OPEN:
    case PSI_STORE_ERROR_NEWER:
    case PSI_STORE_ERROR_CORRUPT:
    case PSI_STORE_ERROR_CONSTRAINT:
    case PSI_STORE_ERROR_NOT_FOUND:
    case PSI_STORE_ERROR_FAILED:
    default:
      reason = g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    }

  /* Translators: "what failed: the reason" (sometimes SQLite's own English explanation) */
  g_set_error (error, PSI_STORE_ERROR, code, _("%s: %s"), what, reason);
}

static gboolean
set_missing_error (GError        **error,
                   PsiStoreError   code,
                   PsiRecordKind   kind,
                   gint64          id)
{
  char id_str[32];

  g_snprintf (id_str, sizeof id_str, "%" G_GINT64_FORMAT, id);
  /* The format strings are the constant, translatable kind_sql[].missing. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, PSI_STORE_ERROR, code, _(kind_sql[kind].missing), id_str);
#pragma GCC diagnostic pop
  return FALSE;
}

/* Statement cache */

void
_psi_cached_stmt_release (PsiCachedStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

PsiCachedStmt *
_psi_store_get_stmt (PsiStore    *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (PSI_IS_STORE (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* The same for SQL text that is never freed (literals, kind_sql): looked up by address, which
 * is faster than hashing a long text on every row of a bulk insert. */
static PsiCachedStmt *
get_static_stmt (PsiStore    *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->static_statements, sql);

  if (stmt != NULL)
    return stmt;
  stmt = _psi_store_get_stmt (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->static_statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec_sql (PsiStore    *self,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Column and binding helpers */

static const char *
column_str (sqlite3_stmt *stmt,
            int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static PsiText *
column_text3 (sqlite3_stmt *stmt,
              int           col)
{
  return psi_text_new (column_str (stmt, col), column_str (stmt, col + 1),
                       column_str (stmt, col + 2));
}

static int
column_enum (sqlite3_stmt *stmt,
             int           col,
             GType         type)
{
  int value = 0;

  if (!psi_enum_from_nick (type, column_str (stmt, col), &value))
    g_warning ("Unknown %s value “%s” in the records file", g_type_name (type),
               column_str (stmt, col));
  return value;
}

static void
bind_str (sqlite3_stmt *stmt,
          int           idx,
          const char   *str)
{
  if (str != NULL && *str != '\0')
    sqlite3_bind_text (stmt, idx, str, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, idx);
}

static void
bind_text3 (sqlite3_stmt  *stmt,
            int            idx,
            PsiText       *text)
{
  for (int i = 0; i < PSI_N_LANGUAGES; i++)
    bind_str (stmt, idx + i, text != NULL ? psi_text_get_exact (text, (PsiLanguage) i) : NULL);
}

static void
bind_ref (sqlite3_stmt *stmt,
          int           idx,
          gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, idx, id);
  else
    sqlite3_bind_null (stmt, idx);
}

static void
bind_enum (sqlite3_stmt *stmt,
           int           idx,
           GType         type,
           int           value)
{
  /* Nicks are static strings of the enum class. */
  sqlite3_bind_text (stmt, idx, psi_enum_to_nick (type, value), -1, SQLITE_STATIC);
}

/* Records from rows */

static PsiRecord *
new_record (PsiRecordKind  kind,
            sqlite3_stmt  *stmt)
{
  g_autoptr(PsiText) name = column_text3 (stmt, 2);

  return g_object_new (psi_record_kind_get_type_for (kind),
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       "uuid", column_str (stmt, 1),
                       "name", name,
                       NULL);
}

static gint64
column_id (sqlite3_stmt *stmt,
           int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, col);
}

/* A name of a referenced record, or NULL when there is no reference. */
static PsiText *
column_ref_name (sqlite3_stmt *stmt,
                 int           id_col,
                 int           name_col)
{
  if (column_id (stmt, id_col) == 0)
    return NULL;
  return column_text3 (stmt, name_col);
}

int
_psi_store_kind_n_columns (PsiRecordKind kind)
{
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, 0);
  return kind_sql[kind].n_columns;
}

const char *
_psi_store_kind_table (PsiRecordKind kind)
{
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  return kind_sql[kind].table;
}

const char *
_psi_store_kind_columns (PsiRecordKind kind)
{
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  return kind_sql[kind].columns;
}

const char *
_psi_store_kind_from (PsiRecordKind kind)
{
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  return kind_sql[kind].from;
}

PsiRecord *
_psi_store_record_from_row (PsiRecordKind  kind,
                            sqlite3_stmt  *stmt)
{
  PsiRecord *record = new_record (kind, stmt);

  switch (kind)
    {
    case PSI_RECORD_KIND_ORGANISATION:
      {
        PsiOrganisation *org = PSI_ORGANISATION (record);
        g_autoptr(PsiText) abbreviation = column_text3 (stmt, 6);

        psi_organisation_set_role (org, column_enum (stmt, 5, PSI_TYPE_ORGANISATION_ROLE));
        psi_organisation_set_abbreviation (org, abbreviation);
        psi_organisation_set_website (org, column_str (stmt, 9));
      }
      break;

    case PSI_RECORD_KIND_REGION:
      break;

    case PSI_RECORD_KIND_DISTRICT:
      {
        PsiDistrict *district = PSI_DISTRICT (record);
        g_autoptr(PsiText) region_name = column_ref_name (stmt, 5, 6);

        psi_district_set_region_id (district, column_id (stmt, 5));
        psi_district_set_region_name (district, region_name);
      }
      break;

    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *mun = PSI_MUNICIPALITY (record);
        g_autoptr(PsiText) region_name = column_ref_name (stmt, 6, 7);
        g_autoptr(PsiText) district_name = column_ref_name (stmt, 10, 11);

        psi_municipality_set_municipality_kind (mun, column_enum (stmt, 5,
                                                                  PSI_TYPE_MUNICIPALITY_KIND));
        psi_municipality_set_region_id (mun, column_id (stmt, 6));
        psi_municipality_set_region_name (mun, region_name);
        psi_municipality_set_district_id (mun, column_id (stmt, 10));
        psi_municipality_set_district_name (mun, district_name);
        psi_municipality_set_pilot (mun, sqlite3_column_int (stmt, 14) != 0);
      }
      break;

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *official = PSI_OFFICIAL (record);
        g_autoptr(PsiText) municipality_name = column_ref_name (stmt, 6, 7);
        g_autoptr(PsiText) organisation_name = column_ref_name (stmt, 10, 11);

        psi_official_set_position (official, column_enum (stmt, 5, PSI_TYPE_POSITION));
        psi_official_set_municipality_id (official, column_id (stmt, 6));
        psi_official_set_municipality_name (official, municipality_name);
        psi_official_set_organisation_id (official, column_id (stmt, 10));
        psi_official_set_organisation_name (official, organisation_name);
      }
      break;

    case PSI_RECORD_KIND_CLUSTER:
      psi_cluster_set_member_count (PSI_CLUSTER (record), sqlite3_column_int (stmt, 5));
      break;

    case PSI_RECORD_KIND_EVENT:
      {
        PsiEvent *event = PSI_EVENT (record);
        g_autoptr(PsiText) place = column_text3 (stmt, 7);
        g_autoptr(PsiText) purpose = column_text3 (stmt, 10);
        g_autoptr(PsiText) summary = column_text3 (stmt, 13);

        psi_event_set_event_kind (event, column_enum (stmt, 5, PSI_TYPE_EVENT_KIND));
        psi_event_set_date (event, column_str (stmt, 6));
        psi_event_set_place (event, place);
        psi_event_set_purpose (event, purpose);
        psi_event_set_summary (event, summary);
      }
      break;

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *competition = PSI_COMPETITION (record);
        g_autoptr(PsiText) event_name = column_ref_name (stmt, 5, 6);
        g_autoptr(PsiText) description = column_text3 (stmt, 11);

        psi_competition_set_event_id (competition, column_id (stmt, 5));
        psi_competition_set_event_name (competition, event_name);
        psi_competition_set_entrant_kind (competition,
                                          column_enum (stmt, 9, PSI_TYPE_ENTRANT_KIND));
        psi_competition_set_entrant_count (competition, sqlite3_column_int (stmt, 10));
        psi_competition_set_description (competition, description);
        psi_competition_set_award_count (competition, sqlite3_column_int (stmt, 14));
      }
      break;

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *award = PSI_AWARD (record);
        g_autoptr(PsiText) competition_name = column_ref_name (stmt, 5, 6);
        g_autoptr(PsiText) recipient_name = NULL;
        g_autoptr(PsiText) condition = column_text3 (stmt, 17);

        if (column_id (stmt, 9) != 0 || column_id (stmt, 10) != 0)
          recipient_name = column_text3 (stmt, 11);

        psi_award_set_competition_id (award, column_id (stmt, 5));
        psi_award_set_competition_name (award, competition_name);
        psi_award_set_municipality_id (award, column_id (stmt, 9));
        psi_award_set_cluster_id (award, column_id (stmt, 10));
        psi_award_set_recipient_name (award, recipient_name);
        psi_award_set_recipient_count (award, sqlite3_column_int (stmt, 14));
        psi_award_set_place (award, sqlite3_column_int (stmt, 15));
        psi_award_set_award_kind (award, column_enum (stmt, 16, PSI_TYPE_AWARD_KIND));
        psi_award_set_condition (award, condition);
        psi_award_set_condition_deadline (award, column_str (stmt, 20));
        psi_award_set_certificate (award, sqlite3_column_int (stmt, 21) != 0);
        psi_award_set_grant_kgs (award, sqlite3_column_int64 (stmt, 22));
      }
      break;

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *agreement = PSI_AGREEMENT (record);
        g_autoptr(PsiText) event_name = column_ref_name (stmt, 6, 7);
        g_autoptr(PsiText) note = column_text3 (stmt, 11);

        psi_agreement_set_agreement_kind (agreement,
                                          column_enum (stmt, 5, PSI_TYPE_AGREEMENT_KIND));
        psi_agreement_set_event_id (agreement, column_id (stmt, 6));
        psi_agreement_set_event_name (agreement, event_name);
        psi_agreement_set_date (agreement, column_str (stmt, 10));
        psi_agreement_set_note (agreement, note);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return record;
}

/* Children */

#define EVENT_PARTICIPANTS_SQL \
  "SELECT p.position, p.count, p.official_id, p.organisation_id," \
  " o.name_en, o.name_ru, o.name_ky, g.name_en, g.name_ru, g.name_ky" \
  " FROM event_participant AS p LEFT JOIN official AS o ON o.id = p.official_id" \
  " LEFT JOIN organisation AS g ON g.id = p.organisation_id" \
  " WHERE p.event_id = ?1 ORDER BY p.ordinal"
#define AGREEMENT_SIGNATORIES_SQL \
  "SELECT p.position, p.count, p.official_id, p.organisation_id," \
  " o.name_en, o.name_ru, o.name_ky, g.name_en, g.name_ru, g.name_ky" \
  " FROM agreement_signatory AS p LEFT JOIN official AS o ON o.id = p.official_id" \
  " LEFT JOIN organisation AS g ON g.id = p.organisation_id" \
  " WHERE p.agreement_id = ?1 ORDER BY p.ordinal"
#define AWARD_ITEMS_SQL \
  "SELECT item_kind, count, label_en, label_ru, label_ky FROM award_item" \
  " WHERE award_id = ?1 ORDER BY ordinal"
#define CLUSTER_MEMBERS_SQL \
  "SELECT municipality_id FROM cluster_member WHERE cluster_id = ?1 ORDER BY position"

static gboolean
load_participants (PsiStore    *self,
                   const char  *sql,
                   gint64       owner_id,
                   GListStore  *list,
                   GError     **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PsiParticipant) participant = NULL;
      g_autoptr(PsiText) official_name = column_ref_name (stmt, 2, 4);
      g_autoptr(PsiText) organisation_name = column_ref_name (stmt, 3, 7);

      participant = psi_participant_new (column_enum (stmt, 0, PSI_TYPE_POSITION),
                                         MAX (1, sqlite3_column_int (stmt, 1)));
      psi_participant_set_official_id (participant, column_id (stmt, 2));
      psi_participant_set_organisation_id (participant, column_id (stmt, 3));
      if (official_name != NULL && !psi_text_is_empty (official_name))
        psi_participant_set_label (participant, official_name);
      else if (organisation_name != NULL)
        psi_participant_set_label (participant, organisation_name);
      g_list_store_append (list, participant);
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_children (PsiStore   *self,
               PsiRecord  *record,
               GError    **error)
{
  gint64 id = psi_record_get_id (record);
  int rc;

  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_EVENT:
      return load_participants (self, EVENT_PARTICIPANTS_SQL, id,
                                psi_event_get_participants (PSI_EVENT (record)), error);

    case PSI_RECORD_KIND_AGREEMENT:
      return load_participants (self, AGREEMENT_SIGNATORIES_SQL, id,
                                psi_agreement_get_signatories (PSI_AGREEMENT (record)), error);

    case PSI_RECORD_KIND_AWARD:
      {
        g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, AWARD_ITEMS_SQL, error);
        GListStore *items = psi_award_get_items (PSI_AWARD (record));

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            g_autoptr(PsiPrizeItem) item = NULL;
            g_autoptr(PsiText) label = column_text3 (stmt, 2);

            item = psi_prize_item_new (column_enum (stmt, 0, PSI_TYPE_ITEM_KIND),
                                       sqlite3_column_int (stmt, 1));
            if (!psi_text_is_empty (label))
              psi_prize_item_set_label (item, label);
            g_list_store_append (items, item);
          }
        break;
      }

    case PSI_RECORD_KIND_CLUSTER:
      {
        g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, CLUSTER_MEMBERS_SQL, error);
        g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            gint64 member = sqlite3_column_int64 (stmt, 0);
            g_array_append_val (members, member);
          }
        if (rc == SQLITE_DONE)
          {
            psi_cluster_set_member_ids (PSI_CLUSTER (record), members);
            psi_cluster_set_member_count (PSI_CLUSTER (record), members->len);
          }
        break;
      }

    case PSI_RECORD_KIND_ORGANISATION:
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    case PSI_RECORD_KIND_MUNICIPALITY:
    case PSI_RECORD_KIND_OFFICIAL:
    case PSI_RECORD_KIND_COMPETITION:
    default:
      return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
      return FALSE;
    }
  return TRUE;
}

/* Checks and the search column */

static gboolean
record_exists (PsiStore       *self,
               PsiRecordKind   kind,
               gint64          id,
               gboolean       *exists,
               GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, kind_sql[kind].exists_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* A reference that is set must name an existing record: a constraint error otherwise. */
static gboolean
check_ref (PsiStore       *self,
           PsiRecordKind   kind,
           gint64          id,
           GError        **error)
{
  gboolean exists = FALSE;

  if (id == 0)
    return TRUE;
  if (id < 0)
    return set_missing_error (error, PSI_STORE_ERROR_CONSTRAINT, kind, id);
  if (!record_exists (self, kind, id, &exists, error))
    return FALSE;
  if (!exists)
    return set_missing_error (error, PSI_STORE_ERROR_CONSTRAINT, kind, id);
  return TRUE;
}

static gboolean
require_ref (gint64       id,
             const char  *message,
             GError     **error)
{
  if (id != 0)
    return TRUE;
  g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT, message);
  return FALSE;
}

static gboolean
check_participants (PsiStore    *self,
                    GListModel  *participants,
                    GError     **error)
{
  guint n = g_list_model_get_n_items (participants);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (participants, i);

      if (psi_participant_get_count (p) < 1)
        {
          g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                               _("A participant or signatory must count at least one person."));
          return FALSE;
        }
      if (!check_ref (self, PSI_RECORD_KIND_OFFICIAL, psi_participant_get_official_id (p), error) ||
          !check_ref (self, PSI_RECORD_KIND_ORGANISATION,
                      psi_participant_get_organisation_id (p), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_record (PsiStore   *self,
              PsiRecord  *record,
              GError    **error)
{
  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_DISTRICT:
      {
        gint64 region_id = psi_district_get_region_id (PSI_DISTRICT (record));

        return require_ref (region_id, _("A district must belong to a region."), error) &&
               check_ref (self, PSI_RECORD_KIND_REGION, region_id, error);
      }

    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *mun = PSI_MUNICIPALITY (record);
        gint64 region_id = psi_municipality_get_region_id (mun);

        return require_ref (region_id, _("A municipality must belong to a region."), error) &&
               check_ref (self, PSI_RECORD_KIND_REGION, region_id, error) &&
               check_ref (self, PSI_RECORD_KIND_DISTRICT,
                          psi_municipality_get_district_id (mun), error);
      }

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *official = PSI_OFFICIAL (record);

        return check_ref (self, PSI_RECORD_KIND_MUNICIPALITY,
                          psi_official_get_municipality_id (official), error) &&
               check_ref (self, PSI_RECORD_KIND_ORGANISATION,
                          psi_official_get_organisation_id (official), error);
      }

    case PSI_RECORD_KIND_CLUSTER:
      {
        GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (record));
        g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

        for (guint i = 0; members != NULL && i < members->len; i++)
          {
            gint64 *member = &g_array_index (members, gint64, i);

            if (!g_hash_table_add (seen, member))
              {
                g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, *member);

                g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                             /* Translators: %s is the number that identifies the municipality */
                             _("The municipality with id %s is listed twice among the members "
                               "of the cluster."), id);
                return FALSE;
              }
            if (!require_ref (*member, _("A cluster member must be a municipality."), error) ||
                !check_ref (self, PSI_RECORD_KIND_MUNICIPALITY, *member, error))
              return FALSE;
          }
        return TRUE;
      }

    case PSI_RECORD_KIND_EVENT:
      return check_participants (self,
                                 G_LIST_MODEL (psi_event_get_participants (PSI_EVENT (record))),
                                 error);

    case PSI_RECORD_KIND_COMPETITION:
      {
        gint64 event_id = psi_competition_get_event_id (PSI_COMPETITION (record));

        return require_ref (event_id, _("A competition must belong to an event."), error) &&
               check_ref (self, PSI_RECORD_KIND_EVENT, event_id, error);
      }

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *award = PSI_AWARD (record);
        gint64 competition_id = psi_award_get_competition_id (award);
        GError *model_error = NULL;

        if (!psi_award_validate (award, &model_error))
          {
            g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                                 model_error->message);
            g_error_free (model_error);
            return FALSE;
          }
        /* The references are left to SQLite's foreign keys, which check them anyway:
         * check_award_refs () says which one is missing when they fail. Saves two lookups
         * for each of a million awards an import writes. */
        return require_ref (competition_id, _("An award must belong to a competition."), error);
      }

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *agreement = PSI_AGREEMENT (record);

        return check_ref (self, PSI_RECORD_KIND_EVENT, psi_agreement_get_event_id (agreement),
                          error) &&
               check_participants (self,
                                   G_LIST_MODEL (psi_agreement_get_signatories (agreement)),
                                   error);
      }

    case PSI_RECORD_KIND_ORGANISATION:
    case PSI_RECORD_KIND_REGION:
    default:
      return TRUE;
    }
}

/* A transaction that inserts this many awards, into a table that it makes mostly, drops the
 * secondary award indexes and rebuilds them at the commit: one sort instead of a million
 * b-tree insertions. The uuid index stays, so uniqueness and loading by uuid work throughout. */
#define BULK_AWARDS 20000

static void
bulk_insert_check (PsiStore *self)
{
  gint64 total;
  guint multiple;

  self->bulk_awards++;
  if (self->bulk_indexes_dropped || self->depth < 2 || self->bulk_awards < BULK_AWARDS ||
      self->bulk_awards % BULK_AWARDS != 0)
    return;
  /* Looked at after 20 000, 40 000, 80 000… inserts */
  multiple = self->bulk_awards / BULK_AWARDS;
  if ((multiple & (multiple - 1)) != 0)
    return;

  total = psi_store_count (self, PSI_RECORD_KIND_AWARD, NULL);
  if (total < 0 || total > 3 * (gint64) self->bulk_awards)
    return;
  if (sqlite3_exec (self->db, _psi_store_drop_award_indexes, NULL, NULL, NULL) == SQLITE_OK)
    {
      g_debug ("Bulk insert: award indexes dropped until the commit");
      self->bulk_indexes_dropped = TRUE;
    }
  else
    g_warning ("Cannot drop the award indexes for a bulk insert: %s", sqlite3_errmsg (self->db));
}

static void
bulk_reset (PsiStore *self)
{
  self->bulk_awards = 0;
  self->bulk_indexes_dropped = FALSE;
}

/* After SQLite refused an award for a foreign key: which reference is missing, as a
 * constraint error. FALSE with error set, or TRUE when all exist. */
static gboolean
check_award_refs (PsiStore  *self,
                  PsiAward  *award,
                  GError   **error)
{
  return check_ref (self, PSI_RECORD_KIND_COMPETITION, psi_award_get_competition_id (award),
                    error) &&
         check_ref (self, PSI_RECORD_KIND_MUNICIPALITY, psi_award_get_municipality_id (award),
                    error) &&
         check_ref (self, PSI_RECORD_KIND_CLUSTER, psi_award_get_cluster_id (award), error);
}

/* The search column of a row (a new string), or NULL with PSI_STORE_ERROR_NOT_FOUND. */
static char *
read_search (PsiStore       *self,
             PsiRecordKind   kind,
             gint64          id,
             GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, kind_sql[kind].search_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (column_str (stmt, 0) != NULL ? column_str (stmt, 0) : "");
  if (rc == SQLITE_DONE)
    set_missing_error (error, PSI_STORE_ERROR_NOT_FOUND, kind, id);
  else
    _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
  return NULL;
}

static gboolean
run_index_stmt (PsiStore    *self,
                const char  *sql,
                gint64       id,
                const char  *search,
                GError     **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, search, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot update the search index"));
      return FALSE;
    }
  return TRUE;
}

/* Keeps the FTS5 index of a table (psi-store-migrations.c) in step with its search column:
 * old_search is what the row held (NULL: a new row, or "" for nothing), new_search what it holds
 * now (NULL: deleted). Rows with an empty search are not in the index. This is done here rather
 * than by triggers: any trigger on award makes SQLite keep a statement journal for every
 * insert, which cost a fifth of the insert rate of awards that are hardly ever indexed. */
static gboolean
sync_search_index (PsiStore       *self,
                   PsiRecordKind   kind,
                   gint64          id,
                   const char     *old_search,
                   const char     *new_search,
                   GError        **error)
{
  const KindSql *ks = &kind_sql[kind];

  if (g_strcmp0 (old_search, new_search) == 0)
    return TRUE;
  if (old_search != NULL && old_search[0] != '\0' &&
      !run_index_stmt (self, ks->index_remove_sql, id, old_search, error))
    return FALSE;
  if (new_search != NULL && new_search[0] != '\0' &&
      !run_index_stmt (self, ks->index_add_sql, id, new_search, error))
    return FALSE;
  return TRUE;
}

/* Award counts
 *
 * municipality, cluster and competition keep in award_count how many awards refer to them
 * (schema version 2), so that a search can count the awards of a thousand matching
 * municipalities in a millisecond. Awards written in a transaction only note the change here;
 * it is written once per record before the commit (an import of a million awards to five
 * thousand municipalities writes five thousand updates, not two million), or when someone
 * reads the counts inside the transaction (_psi_store_flush_award_counts ()). */

static void
count_deltas_clear (PsiStore *self)
{
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    g_clear_pointer (&self->count_deltas[k], g_hash_table_unref);
}

static void
add_count_delta (PsiStore      *self,
                 PsiRecordKind  kind,
                 gint64         id,
                 gint64         delta)
{
  CountDelta *entry;

  if (id == 0)
    return;
  if (self->count_deltas[kind] == NULL)
    self->count_deltas[kind] = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  entry = g_hash_table_lookup (self->count_deltas[kind], &id);
  if (entry == NULL)
    {
      entry = g_new0 (CountDelta, 1);
      entry->id = id;
      g_hash_table_insert (self->count_deltas[kind], &entry->id, entry);
    }
  entry->delta += delta;
}

/* The counts an award adds (sign 1) or takes away (-1) */
static void
add_award_refs (PsiStore *self,
                gint64    competition_id,
                gint64    municipality_id,
                gint64    cluster_id,
                gint64    sign)
{
  add_count_delta (self, PSI_RECORD_KIND_COMPETITION, competition_id, sign);
  add_count_delta (self, PSI_RECORD_KIND_MUNICIPALITY, municipality_id, sign);
  add_count_delta (self, PSI_RECORD_KIND_CLUSTER, cluster_id, sign);
}

/* The references of an award as stored, for the counts it takes away when it changes */
static gboolean
read_award_refs (PsiStore  *self,
                 gint64     id,
                 gint64     refs[3],
                 GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self,
                                                   "SELECT competition_id, municipality_id,"
                                                   " cluster_id FROM award WHERE id = ?1",
                                                   error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_missing_error (error, PSI_STORE_ERROR_NOT_FOUND, PSI_RECORD_KIND_AWARD, id);
      else
        _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
      return FALSE;
    }
  for (int i = 0; i < 3; i++)
    refs[i] = sqlite3_column_int64 (stmt, i);
  return TRUE;
}

gboolean
_psi_store_flush_award_counts (PsiStore  *self,
                               GError   **error)
{
  static const struct { PsiRecordKind kind; const char *sql; } updates[] = {
    { PSI_RECORD_KIND_MUNICIPALITY,
      "UPDATE municipality SET award_count = award_count + ?2 WHERE id = ?1" },
    { PSI_RECORD_KIND_CLUSTER,
      "UPDATE cluster SET award_count = award_count + ?2 WHERE id = ?1" },
    { PSI_RECORD_KIND_COMPETITION,
      "UPDATE competition SET award_count = award_count + ?2 WHERE id = ?1" },
  };

  g_return_val_if_fail (PSI_IS_STORE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      GHashTable *deltas = self->count_deltas[updates[i].kind];
      g_autoptr(PsiCachedStmt) stmt = NULL;
      GHashTableIter iter;
      CountDelta *entry;

      if (deltas == NULL || g_hash_table_size (deltas) == 0)
        continue;
      stmt = get_static_stmt (self, updates[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      /* Each goes once it is written: a failure leaves only what is still to write. */
      g_hash_table_iter_init (&iter, deltas);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        {
          if (entry->delta != 0)
            {
              int rc;

              sqlite3_reset (stmt);
              sqlite3_bind_int64 (stmt, 1, entry->id);
              sqlite3_bind_int64 (stmt, 2, entry->delta);
              rc = sqlite3_step (stmt);
              if (rc != SQLITE_DONE)
                {
                  _psi_store_set_error (error, self->db, rc, _("Cannot save the changes"));
                  return FALSE;
                }
            }
          g_hash_table_iter_remove (&iter);
        }
    }
  return TRUE;
}

char *
_psi_store_search_text (PsiText *name,
                        PsiText *extra)
{
  g_autofree char *names = psi_text_dup_fold (name);
  g_autofree char *more = NULL;

  /* Nothing at all: '', not three empty lines, so that the row stays out of the index. */
  if (psi_text_is_empty (extra))
    return psi_text_is_empty (name) ? g_strdup ("") : g_steal_pointer (&names);

  more = psi_text_dup_fold (extra);
  return g_strconcat (names, "\n", more, NULL);
}

/* The search column of a record: its names (and an organisation's abbreviations). Awards are
 * found by their recipient and competition through the references (psi-record-list.c), so
 * theirs holds only the names of their own, usually none. */
static char *
record_search (PsiRecord *record)
{
  PsiText *name = psi_record_get_name (record);

  if (psi_record_get_kind (record) == PSI_RECORD_KIND_ORGANISATION)
    return _psi_store_search_text (name,
                                   psi_organisation_get_abbreviation (PSI_ORGANISATION (record)));
  return _psi_store_search_text (name, NULL);
}

/* Writing */

static void
bind_record (sqlite3_stmt *stmt,
             PsiRecord    *record,
             const char   *search)
{
  sqlite3_bind_text (stmt, 1, psi_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  bind_text3 (stmt, 2, psi_record_get_name (record));
  sqlite3_bind_text (stmt, 5, search, -1, SQLITE_TRANSIENT);

  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_ORGANISATION:
      {
        PsiOrganisation *org = PSI_ORGANISATION (record);

        bind_enum (stmt, 6, PSI_TYPE_ORGANISATION_ROLE, psi_organisation_get_role (org));
        bind_text3 (stmt, 7, psi_organisation_get_abbreviation (org));
        bind_str (stmt, 10, psi_organisation_get_website (org));
      }
      break;

    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_CLUSTER:
      break;

    case PSI_RECORD_KIND_DISTRICT:
      bind_ref (stmt, 6, psi_district_get_region_id (PSI_DISTRICT (record)));
      break;

    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *mun = PSI_MUNICIPALITY (record);

        bind_enum (stmt, 6, PSI_TYPE_MUNICIPALITY_KIND,
                   psi_municipality_get_municipality_kind (mun));
        bind_ref (stmt, 7, psi_municipality_get_region_id (mun));
        bind_ref (stmt, 8, psi_municipality_get_district_id (mun));
        sqlite3_bind_int (stmt, 9, psi_municipality_get_pilot (mun) ? 1 : 0);
      }
      break;

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *official = PSI_OFFICIAL (record);

        bind_enum (stmt, 6, PSI_TYPE_POSITION, psi_official_get_position (official));
        bind_ref (stmt, 7, psi_official_get_municipality_id (official));
        bind_ref (stmt, 8, psi_official_get_organisation_id (official));
      }
      break;

    case PSI_RECORD_KIND_EVENT:
      {
        PsiEvent *event = PSI_EVENT (record);

        bind_enum (stmt, 6, PSI_TYPE_EVENT_KIND, psi_event_get_event_kind (event));
        bind_str (stmt, 7, psi_event_get_date (event));
        bind_text3 (stmt, 8, psi_event_get_place (event));
        bind_text3 (stmt, 11, psi_event_get_purpose (event));
        bind_text3 (stmt, 14, psi_event_get_summary (event));
      }
      break;

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *competition = PSI_COMPETITION (record);

        bind_ref (stmt, 6, psi_competition_get_event_id (competition));
        bind_enum (stmt, 7, PSI_TYPE_ENTRANT_KIND, psi_competition_get_entrant_kind (competition));
        sqlite3_bind_int64 (stmt, 8, psi_competition_get_entrant_count (competition));
        bind_text3 (stmt, 9, psi_competition_get_description (competition));
      }
      break;

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *award = PSI_AWARD (record);

        bind_ref (stmt, 6, psi_award_get_competition_id (award));
        bind_ref (stmt, 7, psi_award_get_municipality_id (award));
        bind_ref (stmt, 8, psi_award_get_cluster_id (award));
        sqlite3_bind_int64 (stmt, 9, psi_award_get_recipient_count (award));
        sqlite3_bind_int64 (stmt, 10, psi_award_get_place (award));
        bind_enum (stmt, 11, PSI_TYPE_AWARD_KIND, psi_award_get_award_kind (award));
        bind_text3 (stmt, 12, psi_award_get_condition (award));
        bind_str (stmt, 15, psi_award_get_condition_deadline (award));
        sqlite3_bind_int (stmt, 16, psi_award_get_certificate (award) ? 1 : 0);
        sqlite3_bind_int64 (stmt, 17, psi_award_get_grant_kgs (award));
      }
      break;

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *agreement = PSI_AGREEMENT (record);

        bind_enum (stmt, 6, PSI_TYPE_AGREEMENT_KIND, psi_agreement_get_agreement_kind (agreement));
        bind_ref (stmt, 7, psi_agreement_get_event_id (agreement));
        bind_str (stmt, 8, psi_agreement_get_date (agreement));
        bind_text3 (stmt, 9, psi_agreement_get_note (agreement));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
step_done (PsiStore      *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_children (PsiStore    *self,
                 const char  *sql,
                 gint64       owner_id,
                 GError     **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  return step_done (self, stmt, _("Cannot save the record"), error);
}

static gboolean
write_participants (PsiStore    *self,
                    const char  *delete_sql,
                    const char  *insert_sql,
                    gint64       owner_id,
                    gboolean     replace,
                    GListModel  *participants,
                    GError     **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  guint n = g_list_model_get_n_items (participants);

  if (replace && !delete_children (self, delete_sql, owner_id, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  stmt = get_static_stmt (self, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (participants, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, owner_id);
      sqlite3_bind_int64 (stmt, 2, i);
      bind_enum (stmt, 3, PSI_TYPE_POSITION, psi_participant_get_position (p));
      sqlite3_bind_int64 (stmt, 4, psi_participant_get_count (p));
      bind_ref (stmt, 5, psi_participant_get_official_id (p));
      bind_ref (stmt, 6, psi_participant_get_organisation_id (p));
      if (!step_done (self, stmt, _("Cannot save the participants"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_children (PsiStore   *self,
                PsiRecord  *record,
                gint64      id,
                gboolean    replace,
                GError    **error)
{
  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_EVENT:
      return write_participants (self,
                                 "DELETE FROM event_participant WHERE event_id = ?1",
                                 "INSERT INTO event_participant (event_id, ordinal, position,"
                                 " count, official_id, organisation_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 id, replace,
                                 G_LIST_MODEL (psi_event_get_participants (PSI_EVENT (record))),
                                 error);

    case PSI_RECORD_KIND_AGREEMENT:
      return write_participants (self,
                                 "DELETE FROM agreement_signatory WHERE agreement_id = ?1",
                                 "INSERT INTO agreement_signatory (agreement_id, ordinal,"
                                 " position, count, official_id, organisation_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 id, replace,
                                 G_LIST_MODEL (psi_agreement_get_signatories (
                                   PSI_AGREEMENT (record))),
                                 error);

    case PSI_RECORD_KIND_AWARD:
      {
        GListModel *items = G_LIST_MODEL (psi_award_get_items (PSI_AWARD (record)));
        guint n = g_list_model_get_n_items (items);
        g_autoptr(PsiCachedStmt) stmt = NULL;

        if (replace && !delete_children (self, "DELETE FROM award_item WHERE award_id = ?1", id,
                                         error))
          return FALSE;
        if (n == 0)
          return TRUE;
        stmt = get_static_stmt (self,
                                "INSERT INTO award_item (award_id, ordinal, item_kind, count,"
                                " label_en, label_ru, label_ky)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                error);
        if (stmt == NULL)
          return FALSE;
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(PsiPrizeItem) item = g_list_model_get_item (items, i);

            sqlite3_reset (stmt);
            sqlite3_bind_int64 (stmt, 1, id);
            sqlite3_bind_int64 (stmt, 2, i);
            bind_enum (stmt, 3, PSI_TYPE_ITEM_KIND, psi_prize_item_get_item_kind (item));
            sqlite3_bind_int64 (stmt, 4, psi_prize_item_get_count (item));
            bind_text3 (stmt, 5, psi_prize_item_get_label (item));
            if (!step_done (self, stmt, _("Cannot save the prize items"), error))
              return FALSE;
          }
        return TRUE;
      }

    case PSI_RECORD_KIND_CLUSTER:
      {
        GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (record));
        g_autoptr(PsiCachedStmt) stmt = NULL;

        if (replace && !delete_children (self, "DELETE FROM cluster_member WHERE cluster_id = ?1",
                                         id, error))
          return FALSE;
        if (members == NULL || members->len == 0)
          return TRUE;
        stmt = get_static_stmt (self,
                                "INSERT INTO cluster_member (cluster_id, municipality_id,"
                                " position) VALUES (?1, ?2, ?3)",
                                error);
        if (stmt == NULL)
          return FALSE;
        for (guint i = 0; i < members->len; i++)
          {
            sqlite3_reset (stmt);
            sqlite3_bind_int64 (stmt, 1, id);
            sqlite3_bind_int64 (stmt, 2, g_array_index (members, gint64, i));
            sqlite3_bind_int64 (stmt, 3, i);
            if (!step_done (self, stmt, _("Cannot save the cluster members"), error))
              return FALSE;
          }
        return TRUE;
      }

    case PSI_RECORD_KIND_ORGANISATION:
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    case PSI_RECORD_KIND_MUNICIPALITY:
    case PSI_RECORD_KIND_OFFICIAL:
    case PSI_RECORD_KIND_COMPETITION:
    default:
      return TRUE;
    }
}

static void
queue_change (PsiStore       *self,
              PsiRecordKind   kind,
              gint64          id,
              PsiStoreChange  change)
{
  PendingChange pending = { kind, change, id };

  g_array_append_val (self->pending, pending);
  g_signal_emit (self, signals[RECORD_DID_CHANGE], 0, kind, id, (int) change);
}

/* Ends a save or delete that failed: everything is rolled back when something was already
 * written (or when the transaction was this operation's own); otherwise only the nesting
 * level is left and an enclosing transaction stays usable. */
static void
end_failed (PsiStore *self,
            gboolean  partial)
{
  g_assert (self->depth > 0);

  /* After some errors (a full disk, I/O) SQLite has already rolled the whole transaction
   * back: the enclosing one is gone too. */
  if (partial || self->depth == 1 || sqlite3_get_autocommit (self->db))
    psi_store_rollback (self);
  else
    self->depth--;
}

/* GObject */

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
psi_store_finalize (GObject *object)
{
  PsiStore *self = (PsiStore *) object;

  if (self->depth > 0)
    {
      g_warning ("A records file was closed inside a transaction; its changes are lost");
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

  g_clear_pointer (&self->static_statements, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        {
          g_critical ("Cannot close the records file: %s", sqlite3_errmsg (self->db));
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }
  count_deltas_clear (self);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  if (self->wait_destroy != NULL)
    self->wait_destroy (self->wait_data);

  G_OBJECT_CLASS (psi_store_parent_class)->finalize (object);
}

static void
psi_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsiStore *self = PSI_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, psi_store_get_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_store_class_init (PsiStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psi_store_finalize;
  object_class->get_property = psi_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, PSI_TYPE_RECORD_KIND, G_TYPE_INT64, G_TYPE_INT);
  signals[RECORD_WILL_CHANGE] =
    g_signal_new ("record-will-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, PSI_TYPE_RECORD_KIND, G_TYPE_INT64, G_TYPE_INT);
  signals[RECORD_DID_CHANGE] =
    g_signal_new ("record-did-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, PSI_TYPE_RECORD_KIND, G_TYPE_INT64, G_TYPE_INT);
  signals[CHANGES_DISCARDED] =
    g_signal_new ("changes-discarded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[CHANGES_COMMITTED] =
    g_signal_new ("changes-committed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[EXTERNAL_CHANGE] =
    g_signal_new ("external-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  kind_sql_init ();
}

static void
psi_store_init (PsiStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->static_statements = g_hash_table_new (NULL, NULL);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->busy_timeout_ms = PSI_STORE_BUSY_TIMEOUT_MS;
}

/* Opening */

/* Waits for another connection that holds the write lock: short sleeps (noticed within
 * 100 ms when it is released) up to busy_timeout_ms, telling wait_func after a second. */
static int
busy_cb (void *data,
         int   count)
{
  static const guint delays_ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  PsiStore *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;
  guint delay_ms;

  if (count == 0)
    {
      self->busy_started = now;
      self->busy_notified = FALSE;
    }
  waited_ms = (now - self->busy_started) / 1000;
  if (waited_ms >= self->busy_timeout_ms)
    return 0;

  if (!self->busy_notified && waited_ms >= 1000 && self->wait_func != NULL)
    {
      self->busy_notified = TRUE;
      self->wait_func (self, self->wait_data);
    }

  delay_ms = (guint) count < G_N_ELEMENTS (delays_ms) ? delays_ms[count] : 100;
  delay_ms = MIN (delay_ms, (guint) (self->busy_timeout_ms - waited_ms));
  g_usleep ((gulong) delay_ms * 1000);
  return 1;
}

static void
set_open_error (GError     **error,
                sqlite3     *db,
                int          rc,
                const char  *display)
{
  g_autofree char *what = g_strdup_printf (_("Cannot open the records file “%s”"), display);

  if (db == NULL)
    g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN, "%s: %s", what,
                 sqlite3_errstr (rc));
  else
    _psi_store_set_error (error, db, rc, what);
}

/* A connection that only reads (nothing is written through it) to an existing file. Where the
 * file and its folder may be written, it is an ordinary connection, so that SQLite removes the
 * -wal and -shm files it makes when it is closed. Else a read-only one: mode=ro, or
 * immutable=1 when that cannot work (a WAL file in a folder where the -shm file cannot be
 * created) or when nobody has the file open (no -shm file) and the -wal file holds nothing: a
 * read-only connection would leave behind a -shm file with the file's read-only permissions,
 * which later stops its owner from writing. The first read is done here: returns the schema
 * version, or -1 with an error. */
static int
open_reader (PsiStore    *self,
             const char  *path,
             const char  *display,
             gboolean     writable,
             gboolean     immutable,
             sqlite3    **out_db,
             GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *base_uri = g_filename_to_uri (absolute, NULL, error);
  static const char *const queries[] = { "mode=ro", "mode=ro&immutable=1" };

  *out_db = NULL;
  if (base_uri == NULL)
    return -1;

  for (guint i = immutable ? 1 : 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *uri = g_strconcat (base_uri, "?", queries[i], NULL);
      sqlite3 *db = NULL;
      int version;
      int rc;

      if (writable)
        rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
      else
        rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_extended_result_codes (db, 1);
          sqlite3_busy_handler (db, busy_cb, self);
          version = _psi_store_read_user_version (db, NULL);
          if (version >= 0)
            {
              g_debug ("Reading “%s” with %s", display, writable ? "a plain connection"
                                                                           : queries[i]);
              *out_db = db;
              return version;
            }
          rc = sqlite3_extended_errcode (db);
        }

      /* Only the shared-memory file was the problem: try without it. */
      if (!writable && i + 1 < G_N_ELEMENTS (queries) &&
          ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY))
        {
          g_debug ("Cannot read “%s” with %s (%s); trying without shared memory", display,
                   queries[i], db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
          sqlite3_close (db);
          continue;
        }

      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT,
                     _("“%s” is not a PSI Records file, or it is damaged."), display);
      else
        set_open_error (error, db, rc, display);
      sqlite3_close (db);
      return -1;
    }
  g_assert_not_reached ();
}

/* PRAGMA quick_check: the structure of every b-tree, without comparing indexes to tables
 * (psi_store_check_integrity () does the full check). */
static gboolean
quick_check (sqlite3     *db,
             const char  *display,
             GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (5)", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      const char *line;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      line = (const char *) sqlite3_column_text (stmt, 0);
      if (line == NULL)
        line = "?";
      /* The first problem comes after a line "*** in database main ***". */
      if (g_str_has_prefix (line, "*** ") && strchr (line, '\n') != NULL)
        line = strchr (line, '\n') + 1;
      if (strcmp (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_ptr_array_add (problems, g_strdup (sqlite3_errmsg (db)));
      else
        {
          g_autofree char *what = g_strdup_printf (_("Cannot check the records file “%s”"),
                                                   display);

          _psi_store_set_error (error, db, rc, what);
          return FALSE;
        }
    }

  if (problems->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (problems, NULL);
      list = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT,
                   /* Translators: a file name, then the first problems found by SQLite's
                    * integrity check (in English), one a line */
                   _("The records file “%s” is damaged; it was not opened and nothing was "
                     "written to it. The check found:\n%s"),
                   display, list);
      return FALSE;
    }
  return TRUE;
}

/* Why an existing file cannot be written, translated; NULL when it can. SQLite in WAL mode
 * creates the -wal and -shm files next to it, so the folder must be writable too. *writable
 * says whether the file and folder can be written (even when flags ask for read-only). */
static char *
dup_read_only_reason (const char         *path,
                      const char         *display,
                      PsiStoreOpenFlags   flags,
                      gboolean           *writable)
{
  g_autofree char *dir = g_path_get_dirname (path);

  *writable = FALSE;
  if (access (path, W_OK) != 0)
    return g_strdup_printf (_("You do not have permission to change “%s”; it is open "
                              "read-only."), display);
  if (access (dir, W_OK) != 0)
    return g_strdup_printf (_("You do not have permission to change files in the folder of "
                              "“%s”; it is open read-only."), display);
  *writable = TRUE;
  if ((flags & PSI_STORE_OPEN_READ_ONLY) != 0)
    return g_strdup_printf (_("The records file “%s” was opened read-only."), display);
  return NULL;
}

/* Closes a reader of a file that is refused. When its -wal file held changes before, SQLite
 * must not copy them into the file on closing (a checkpoint): the file is not touched. */
static void
close_refused (sqlite3  *db,
               gboolean  wal_had_frames)
{
  if (wal_had_frames)
    sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_close (db);
}

static gboolean
exec_pragmas (sqlite3     *db,
              const char  *sql,
              const char  *display,
              GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_open_error (error, db, rc, display);
      return FALSE;
    }
  return TRUE;
}

/* A connection that may write: WAL, foreign keys, the schema brought up to date. On
 * SQLITE_READONLY (a read-only file system) returns NULL with *read_only set and no error. */
static sqlite3 *
open_writer (PsiStore    *self,
             const char  *path,
             const char  *display,
             gboolean     create,
             gboolean    *read_only,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  *read_only = FALSE;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_handler (db, busy_cb, self);
      rc = sqlite3_exec (db,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         /* Keep index pages of large files in memory: up to 64 MiB. */
                         "PRAGMA cache_size = -65536;",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      if (!create && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM))
        *read_only = TRUE;
      else
        set_open_error (error, db, rc, display);
      sqlite3_close (db);
      return NULL;
    }

  if (!_psi_store_migrate (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
open_connection (PsiStore           *self,
                 const char         *path,
                 PsiStoreOpenFlags   flags,
                 GError            **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *reason = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db = NULL;
  gboolean read_only = FALSE;
  gboolean writable = FALSE;
  gboolean wal_had_frames;
  GStatBuf st;
  int version;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if ((flags & PSI_STORE_OPEN_READ_ONLY) != 0)
        {
          g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN,
                       _("The records file “%s” does not exist."), display);
          return FALSE;
        }
      self->db = open_writer (self, path, display, TRUE, &read_only, error);
      return self->db != NULL;
    }

  /* Read first: a newer or damaged file is refused before anything (not even the journal
   * mode) is written to it. */
  reason = dup_read_only_reason (path, display, flags, &writable);
  wal_had_frames = g_stat (wal, &st) == 0 && st.st_size > 0;
  version = open_reader (self, path, display, writable,
                         !wal_had_frames && !g_file_test (shm, G_FILE_TEST_EXISTS), &db, error);
  if (version < 0)
    return FALSE;
  if (version > PSI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NEWER,
                   /* Translators: the first %s is a file name, then two schema versions */
                   _("“%s” was written by a newer version of PSI Records (file version %d; "
                     "this version reads up to %d). Update the application to open it."),
                   display, version, PSI_STORE_SCHEMA_VERSION);
      close_refused (db, wal_had_frames);
      return FALSE;
    }
  if (!quick_check (db, display, error))
    {
      close_refused (db, wal_had_frames);
      return FALSE;
    }

  if (reason == NULL)
    {
      sqlite3_close (db);
      db = NULL;
      self->db = open_writer (self, path, display, FALSE, &read_only, error);
      if (self->db != NULL)
        return TRUE;
      if (!read_only)
        return FALSE;
      /* The file system said no (mounted read-only, for instance). */
      reason = g_strdup_printf (_("“%s” is on a disk that cannot be written to; it is open "
                                  "read-only."), display);
      version = open_reader (self, path, display, FALSE,
                             !wal_had_frames && !g_file_test (shm, G_FILE_TEST_EXISTS), &db,
                             error);
      if (version < 0)
        return FALSE;
    }

  if (version != PSI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY,
                   /* Translators: a file name, then two schema versions */
                   _("“%s” was written by an older version of PSI Records (file version %d) "
                     "and has to be updated to version %d before it can be used, but it is "
                     "read-only."),
                   display, version, PSI_STORE_SCHEMA_VERSION);
      close_refused (db, wal_had_frames);
      return FALSE;
    }

  /* query_only: not even a temporary table is written through this connection. */
  if (!exec_pragmas (db, "PRAGMA query_only = ON; PRAGMA cache_size = -65536;", display,
                     error))
    {
      sqlite3_close (db);
      return FALSE;
    }
  g_debug ("%s", reason);
  self->db = db;
  self->read_only_reason = g_steal_pointer (&reason);
  return TRUE;
}

/* Public API */

PsiStore *
psi_store_open_full (const char         *path,
                     PsiStoreOpenFlags   flags,
                     GError            **error)
{
  g_autoptr(PsiStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PSI_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_connection (self, path, flags, error))
    return NULL;
  return g_steal_pointer (&self);
}

PsiStore *
psi_store_open (const char  *path,
                GError     **error)
{
  return psi_store_open_full (path, PSI_STORE_OPEN_DEFAULT, error);
}

void
psi_store_set_busy_wait (PsiStore         *self,
                         guint             timeout_ms,
                         PsiStoreWaitFunc  wait_func,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  g_return_if_fail (PSI_IS_STORE (self));

  if (self->wait_destroy != NULL)
    self->wait_destroy (self->wait_data);
  self->busy_timeout_ms = timeout_ms;
  self->wait_func = wait_func;
  self->wait_data = user_data;
  self->wait_destroy = destroy;
}

gboolean
psi_store_is_read_only (PsiStore *self)
{
  g_return_val_if_fail (PSI_IS_STORE (self), TRUE);
  return self->read_only_reason != NULL;
}

const char *
psi_store_get_read_only_reason (PsiStore *self)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  return self->read_only_reason;
}

const char *
psi_store_get_path (PsiStore *self)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  return self->path;
}

int
psi_store_get_schema_version (PsiStore *self)
{
  g_return_val_if_fail (PSI_IS_STORE (self), 0);
  return _psi_store_read_user_version (self->db, NULL);
}

gboolean
psi_store_is_empty (PsiStore *self)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PSI_IS_STORE (self), TRUE);

  stmt = get_static_stmt (self,
                          "SELECT EXISTS (SELECT 1 FROM organisation)"
                          " OR EXISTS (SELECT 1 FROM region)"
                          " OR EXISTS (SELECT 1 FROM district)"
                          " OR EXISTS (SELECT 1 FROM municipality)"
                          " OR EXISTS (SELECT 1 FROM official)"
                          " OR EXISTS (SELECT 1 FROM cluster)"
                          " OR EXISTS (SELECT 1 FROM event)"
                          " OR EXISTS (SELECT 1 FROM competition)"
                          " OR EXISTS (SELECT 1 FROM award)"
                          " OR EXISTS (SELECT 1 FROM agreement)",
                          &error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_warning ("Cannot tell whether the records file is empty: %s",
                 error != NULL ? error->message : sqlite3_errmsg (self->db));
      return FALSE;
    }
  return sqlite3_column_int (stmt, 0) == 0;
}

gboolean
psi_store_begin (PsiStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (PSI_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_READ_ONLY,
                           self->read_only_reason);
      return FALSE;
    }
  if (self->depth == 0 &&
      !exec_sql (self, "BEGIN IMMEDIATE", _("Cannot start a change of the records file"), error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
psi_store_commit (PsiStore  *self,
                  GError   **error)
{
  g_autoptr(GArray) pending = NULL;

  g_return_val_if_fail (PSI_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->depth == 0)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_FAILED,
                           _("There is no change to commit: it was already rolled back."));
      return FALSE;
    }
  if (self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }

  if (self->bulk_indexes_dropped)
    {
      int rc = sqlite3_exec (self->db, _psi_store_award_indexes, NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          _psi_store_set_error (error, self->db, rc, _("Cannot save the changes"));
          psi_store_rollback (self);
          return FALSE;
        }
    }
  if (!_psi_store_flush_award_counts (self, error) ||
      !exec_sql (self, "COMMIT", _("Cannot save the changes"), error))
    {
      psi_store_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  bulk_reset (self);

  /* Handlers may start new changes: they queue into a fresh array. */
  pending = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *p = &g_array_index (pending, PendingChange, i);

      g_signal_emit (self, signals[RECORD_CHANGED], 0, p->kind, p->id, (int) p->change);
    }
  g_signal_emit (self, signals[CHANGES_COMMITTED], 0);
  return TRUE;
}

void
psi_store_rollback (PsiStore *self)
{
  g_return_if_fail (PSI_IS_STORE (self));

  if (self->depth == 0)
    return;

  if (sqlite3_get_autocommit (self->db) == 0 &&
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Cannot roll back: %s", sqlite3_errmsg (self->db));
  self->depth = 0;
  bulk_reset (self);
  g_array_set_size (self->pending, 0);
  count_deltas_clear (self);
  g_signal_emit (self, signals[CHANGES_DISCARDED], 0);
}

gboolean
psi_store_save (PsiStore   *self,
                PsiRecord  *record,
                GError    **error)
{
  PsiRecordKind kind;
  const KindSql *ks;
  gint64 id;
  gboolean insert;
  g_autofree char *search = NULL;
  g_autofree char *old_search = NULL;
  gint64 old_refs[3] = { 0, 0, 0 };
  g_autoptr(PsiCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), FALSE);
  g_return_val_if_fail (PSI_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = psi_record_get_kind (record);
  ks = &kind_sql[kind];
  id = psi_record_get_id (record);
  insert = id == 0;

  if (!psi_store_begin (self, error))
    return FALSE;

  /* The row must exist; its search text leaves the index if it changes. */
  if (!insert && (old_search = read_search (self, kind, id, error)) == NULL)
    goto failed;
  if (!insert && kind == PSI_RECORD_KIND_AWARD && !read_award_refs (self, id, old_refs, error))
    goto failed;

  if (!check_record (self, record, error))
    goto failed;
  search = record_search (record);

  if (!insert)
    g_signal_emit (self, signals[RECORD_WILL_CHANGE], 0, kind, id,
                   (int) PSI_STORE_CHANGE_UPDATED);

  stmt = get_static_stmt (self, insert ? ks->insert_sql : ks->update_sql, error);
  if (stmt == NULL)
    goto failed;
  bind_record (stmt, record, search);
  if (!insert)
    sqlite3_bind_int64 (stmt, (int) g_strv_length ((char **) ks->write_columns) + 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                     _("Another record already has the identifier %s."),
                     psi_record_get_uuid (record));
      else if (rc != SQLITE_CONSTRAINT_FOREIGNKEY || kind != PSI_RECORD_KIND_AWARD ||
               check_award_refs (self, PSI_AWARD (record), error))
        _psi_store_set_error (error, self->db, rc, _("Cannot save the record"));
      goto failed;
    }
  _psi_cached_stmt_release (g_steal_pointer (&stmt));

  if (insert)
    {
      id = sqlite3_last_insert_rowid (self->db);
      psi_record_set_id (record, id);
      if (kind == PSI_RECORD_KIND_AWARD)
        bulk_insert_check (self);
    }

  if (!sync_search_index (self, kind, id, old_search, search, error) ||
      !write_children (self, record, id, !insert, error))
    goto failed_partial;
  if (kind == PSI_RECORD_KIND_AWARD)
    {
      PsiAward *award = PSI_AWARD (record);

      add_award_refs (self, old_refs[0], old_refs[1], old_refs[2], -1);
      add_award_refs (self, psi_award_get_competition_id (award),
                      psi_award_get_municipality_id (award), psi_award_get_cluster_id (award), 1);
    }

  queue_change (self, kind, id, insert ? PSI_STORE_CHANGE_INSERTED : PSI_STORE_CHANGE_UPDATED);
  return psi_store_commit (self, error);

failed_partial:
  if (insert)
    psi_record_set_id (record, 0);
  end_failed (self, TRUE);
  return FALSE;

failed:
  end_failed (self, FALSE);
  return FALSE;
}

gboolean
psi_store_delete (PsiStore       *self,
                  PsiRecordKind   kind,
                  gint64          id,
                  GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autofree char *old_search = NULL;
  gint64 old_refs[3] = { 0, 0, 0 };
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!psi_store_begin (self, error))
    return FALSE;

  old_search = read_search (self, kind, id, error);
  if (old_search == NULL)
    goto failed;
  if (kind == PSI_RECORD_KIND_AWARD && !read_award_refs (self, id, old_refs, error))
    goto failed;

  g_signal_emit (self, signals[RECORD_WILL_CHANGE], 0, kind, id, (int) PSI_STORE_CHANGE_DELETED);

  stmt = get_static_stmt (self, kind_sql[kind].delete_sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  _psi_cached_stmt_release (g_steal_pointer (&stmt));
  /* ON DELETE RESTRICT fails as SQLITE_CONSTRAINT_TRIGGER, other references as
   * SQLITE_CONSTRAINT_FOREIGNKEY: a delete breaks no other rule. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_autoptr(PsiRecord) record = psi_store_load (self, kind, id, NULL);
      g_autofree char *title = record != NULL
        ? psi_record_dup_title (record, psi_language_get_current ())
        : g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* The statement failed as a whole: nothing was deleted. */
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                   _("“%s” cannot be deleted: other records still refer to it. "
                     "Change or delete those first."),
                   title);
      goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot delete the record"));
      goto failed;
    }
  if (!sync_search_index (self, kind, id, old_search, NULL, error))
    {
      end_failed (self, TRUE);
      return FALSE;
    }
  add_award_refs (self, old_refs[0], old_refs[1], old_refs[2], -1);

  queue_change (self, kind, id, PSI_STORE_CHANGE_DELETED);
  return psi_store_commit (self, error);

failed:
  end_failed (self, FALSE);
  return FALSE;
}

static PsiRecord *
load_with (PsiStore       *self,
           PsiRecordKind   kind,
           const char     *sql,
           gint64          id,
           const char     *uuid,
           GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = get_static_stmt (self, sql, error);
  g_autoptr(PsiRecord) record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      if (uuid != NULL)
        g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND,
                     _("No record with the identifier %s is in the records file."), uuid);
      else
        set_missing_error (error, PSI_STORE_ERROR_NOT_FOUND, kind, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));
      return NULL;
    }
  record = _psi_store_record_from_row (kind, stmt);
  _psi_cached_stmt_release (g_steal_pointer (&stmt));

  if (!load_children (self, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

PsiRecord *
psi_store_load (PsiStore       *self,
                PsiRecordKind   kind,
                gint64          id,
                GError        **error)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_with (self, kind, kind_sql[kind].load_sql, id, NULL, error);
}

PsiRecord *
psi_store_load_by_uuid (PsiStore       *self,
                        PsiRecordKind   kind,
                        const char     *uuid,
                        GError        **error)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_with (self, kind, kind_sql[kind].load_uuid_sql, 0, uuid, error);
}

gint64
psi_store_count (PsiStore       *self,
                 PsiRecordKind   kind,
                 GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), -1);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, -1);

  stmt = get_static_stmt (self, kind_sql[kind].count_sql, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot count the records"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Links for a detail pane: each SQL gives the ids of the related records, ?1 = the record. */
typedef struct
{
  PsiRecordKind  kind;
  PsiRecordKind  related;
  const char    *ids_sql;
} RelatedLink;

static const RelatedLink related_links[] = {
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_CLUSTER,
    "SELECT cluster_id FROM cluster_member WHERE municipality_id = ?1" },
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_AWARD,
    "SELECT id FROM award WHERE municipality_id = ?1" },
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_OFFICIAL,
    "SELECT id FROM official WHERE municipality_id = ?1" },
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_REGION,
    "SELECT region_id FROM municipality WHERE id = ?1" },
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_DISTRICT,
    "SELECT district_id FROM municipality WHERE id = ?1" },
  { PSI_RECORD_KIND_CLUSTER, PSI_RECORD_KIND_MUNICIPALITY,
    "SELECT municipality_id FROM cluster_member WHERE cluster_id = ?1" },
  { PSI_RECORD_KIND_CLUSTER, PSI_RECORD_KIND_AWARD,
    "SELECT id FROM award WHERE cluster_id = ?1" },
  { PSI_RECORD_KIND_REGION, PSI_RECORD_KIND_MUNICIPALITY,
    "SELECT id FROM municipality WHERE region_id = ?1" },
  { PSI_RECORD_KIND_REGION, PSI_RECORD_KIND_DISTRICT,
    "SELECT id FROM district WHERE region_id = ?1" },
  { PSI_RECORD_KIND_DISTRICT, PSI_RECORD_KIND_MUNICIPALITY,
    "SELECT id FROM municipality WHERE district_id = ?1" },
  { PSI_RECORD_KIND_DISTRICT, PSI_RECORD_KIND_REGION,
    "SELECT region_id FROM district WHERE id = ?1" },
  { PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_COMPETITION,
    "SELECT id FROM competition WHERE event_id = ?1" },
  { PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_AGREEMENT,
    "SELECT id FROM agreement WHERE event_id = ?1" },
  { PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_OFFICIAL,
    "SELECT official_id FROM event_participant WHERE event_id = ?1" },
  { PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_ORGANISATION,
    "SELECT organisation_id FROM event_participant WHERE event_id = ?1" },
  { PSI_RECORD_KIND_COMPETITION, PSI_RECORD_KIND_AWARD,
    "SELECT id FROM award WHERE competition_id = ?1" },
  { PSI_RECORD_KIND_COMPETITION, PSI_RECORD_KIND_EVENT,
    "SELECT event_id FROM competition WHERE id = ?1" },
  { PSI_RECORD_KIND_ORGANISATION, PSI_RECORD_KIND_OFFICIAL,
    "SELECT id FROM official WHERE organisation_id = ?1" },
  { PSI_RECORD_KIND_ORGANISATION, PSI_RECORD_KIND_EVENT,
    "SELECT event_id FROM event_participant WHERE organisation_id = ?1" },
  { PSI_RECORD_KIND_ORGANISATION, PSI_RECORD_KIND_AGREEMENT,
    "SELECT agreement_id FROM agreement_signatory WHERE organisation_id = ?1" },
  { PSI_RECORD_KIND_OFFICIAL, PSI_RECORD_KIND_EVENT,
    "SELECT event_id FROM event_participant WHERE official_id = ?1" },
  { PSI_RECORD_KIND_OFFICIAL, PSI_RECORD_KIND_AGREEMENT,
    "SELECT agreement_id FROM agreement_signatory WHERE official_id = ?1" },
  { PSI_RECORD_KIND_OFFICIAL, PSI_RECORD_KIND_MUNICIPALITY,
    "SELECT municipality_id FROM official WHERE id = ?1" },
  { PSI_RECORD_KIND_OFFICIAL, PSI_RECORD_KIND_ORGANISATION,
    "SELECT organisation_id FROM official WHERE id = ?1" },
  { PSI_RECORD_KIND_AGREEMENT, PSI_RECORD_KIND_OFFICIAL,
    "SELECT official_id FROM agreement_signatory WHERE agreement_id = ?1" },
  { PSI_RECORD_KIND_AGREEMENT, PSI_RECORD_KIND_ORGANISATION,
    "SELECT organisation_id FROM agreement_signatory WHERE agreement_id = ?1" },
  { PSI_RECORD_KIND_AGREEMENT, PSI_RECORD_KIND_EVENT,
    "SELECT event_id FROM agreement WHERE id = ?1" },
  { PSI_RECORD_KIND_AWARD, PSI_RECORD_KIND_COMPETITION,
    "SELECT competition_id FROM award WHERE id = ?1" },
  { PSI_RECORD_KIND_AWARD, PSI_RECORD_KIND_MUNICIPALITY,
    "SELECT municipality_id FROM award WHERE id = ?1" },
  { PSI_RECORD_KIND_AWARD, PSI_RECORD_KIND_CLUSTER,
    "SELECT cluster_id FROM award WHERE id = ?1" },
};

typedef struct
{
  char      *key;
  PsiRecord *record;
} TitledRecord;

static int
compare_titled (gconstpointer a,
                gconstpointer b)
{
  const TitledRecord *ta = a;
  const TitledRecord *tb = b;
  int cmp = strcmp (ta->key, tb->key);

  if (cmp != 0)
    return cmp;
  return psi_record_get_id (ta->record) < psi_record_get_id (tb->record) ? -1 : 1;
}

GListModel *
psi_store_list_related (PsiStore       *self,
                        PsiRecord      *record,
                        PsiRecordKind   related_kind,
                        GError        **error)
{
  const RelatedLink *link = NULL;
  g_autoptr(GListStore) result = NULL;
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GArray) titled = NULL;
  g_autofree char *sql = NULL;
  PsiRecordKind kind;
  PsiLanguage language = psi_language_get_current ();
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (PSI_IS_RECORD (record), NULL);
  g_return_val_if_fail (related_kind < PSI_N_RECORD_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kind = psi_record_get_kind (record);
  result = g_list_store_new (psi_record_kind_get_type_for (related_kind));

  for (guint i = 0; i < G_N_ELEMENTS (related_links); i++)
    if (related_links[i].kind == kind && related_links[i].related == related_kind)
      link = &related_links[i];
  if (link == NULL || psi_record_get_id (record) == 0)
    return G_LIST_MODEL (g_steal_pointer (&result));

  /* Composed from constant fragments only. */
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE t.id IN (%s)",
                         kind_sql[related_kind].columns, kind_sql[related_kind].from,
                         link->ids_sql);
  stmt = _psi_store_get_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, psi_record_get_id (record));

  titled = g_array_new (FALSE, FALSE, sizeof (TitledRecord));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TitledRecord t;
      g_autofree char *title = NULL;

      t.record = _psi_store_record_from_row (related_kind, stmt);
      title = psi_record_dup_title (t.record, language);
      t.key = g_utf8_collate_key (title != NULL ? title : "", -1);
      g_array_append_val (titled, t);
    }
  if (rc == SQLITE_DONE)
    g_array_sort (titled, compare_titled);
  else
    _psi_store_set_error (error, self->db, rc, _("Cannot read the records file"));

  for (guint i = 0; i < titled->len; i++)
    {
      TitledRecord *t = &g_array_index (titled, TitledRecord, i);

      if (rc == SQLITE_DONE)
        g_list_store_append (result, t->record);
      g_object_unref (t->record);
      g_free (t->key);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&result));
}

static gboolean
collect_problems (PsiStore    *self,
                  const char  *sql,
                  gboolean     integrity,
                  GPtrArray   *problems,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not cached: run rarely. */
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (problems->len >= 5)
        continue;
      if (integrity)
        {
          const char *message = column_str (stmt, 0);

          if (g_strcmp0 (message, "ok") != 0)
            g_ptr_array_add (problems, g_strdup (message));
        }
      else
        {
          g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  (gint64) sqlite3_column_int64 (stmt, 1));

          g_ptr_array_add (problems,
                           /* Translators: a broken reference found by the integrity check:
                            * a row number, then two table names */
                           g_strdup_printf (_("row %s of table %s refers to a missing row of "
                                              "table %s"),
                                            row, column_str (stmt, 0), column_str (stmt, 2)));
        }
    }
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, self->db, rc, _("Cannot check the records file"));
      return FALSE;
    }
  return TRUE;
}

/* award_count of municipalities, clusters and competitions is the number of their awards. */
static gboolean
check_award_counts (PsiStore   *self,
                    GPtrArray  *problems,
                    GError    **error)
{
  static const char *const checks[][2] = {
    { "municipality", "SELECT EXISTS (SELECT 1 FROM municipality AS m WHERE award_count <>"
                      " (SELECT count(*) FROM award WHERE municipality_id = m.id))" },
    { "cluster", "SELECT EXISTS (SELECT 1 FROM cluster AS c WHERE award_count <>"
                 " (SELECT count(*) FROM award WHERE cluster_id = c.id))" },
    { "competition", "SELECT EXISTS (SELECT 1 FROM competition AS c WHERE award_count <>"
                     " (SELECT count(*) FROM award WHERE competition_id = c.id))" },
  };

  if (!_psi_store_flush_award_counts (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, checks[i][1], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0 && problems->len < 5)
        g_ptr_array_add (problems,
                         /* Translators: found by the integrity check; %s is a table name */
                         g_strdup_printf (_("the award counts of table %s do not match the "
                                            "awards"), checks[i][0]));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        {
          _psi_store_set_error (error, self->db, rc, _("Cannot check the records file"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The FTS5 index of every table holds exactly the search text of its rows (SQLite 3.40's
 * integrity_check does not look into FTS5 tables). */
static gboolean
check_search_indexes (PsiStore    *self,
                      GPtrArray   *problems,
                      GError     **error)
{
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    {
      const char *table = kind_sql[k].table;
      /* Composed from constants only */
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s_fts (%s_fts, rank)"
                                              " VALUES ('integrity-check', 1)", table, table);
      int rc;

      /* The check is written as an INSERT, which a read-only connection refuses. */
      if (self->read_only_reason != NULL)
        break;
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      if ((rc & 0xff) == SQLITE_CORRUPT)
        {
          if (problems->len < 5)
            g_ptr_array_add (problems,
                             /* Translators: found by the integrity check; %s is a table name */
                             g_strdup_printf (_("the search index of table %s does not match "
                                                "its rows"), table));
        }
      else if (rc != SQLITE_OK)
        {
          _psi_store_set_error (error, self->db, rc, _("Cannot check the records file"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
psi_store_check_integrity (PsiStore  *self,
                           GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (PSI_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!collect_problems (self, "PRAGMA integrity_check", TRUE, problems, error) ||
      !collect_problems (self, "PRAGMA foreign_key_check", FALSE, problems, error) ||
      !check_search_indexes (self, problems, error) ||
      !check_award_counts (self, problems, error))
    return FALSE;

  if (problems->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (problems, NULL);
      list = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT,
                   _("The records file is damaged:\n%s"), list);
      return FALSE;
    }
  return TRUE;
}

/**
 * psi_store_notify_external_change:
 * @self: a #PsiStore
 *
 * Says that another connection (another PsiStore on the same file, e.g. an import in a worker
 * thread) changed the records: emits external-change, after which every list over this store
 * reads its rows again. Call it on the thread that owns @self, outside a transaction.
 */
void
psi_store_notify_external_change (PsiStore *self)
{
  g_return_if_fail (PSI_IS_STORE (self));

  g_signal_emit (self, signals[EXTERNAL_CHANGE], 0);
}

struct sqlite3 *
_psi_store_get_db (PsiStore *self)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  return self->db;
}
