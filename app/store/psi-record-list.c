/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-record-list"

#include "config.h"

#include "psi-record-list.h"
#include "psi-store-private.h"

/* Rows are read PAGE_SIZE at a time and at most MAX_PAGES pages are kept (least recently used
 * go first). A page is read by keyset from a cached neighbour ("the 100 rows after these sort
 * keys"); otherwise the sort keys of its first row are found with an index-only OFFSET scan
 * from the nearer end, and the page is read from there.
 *
 * Every sort order ends with t.id, so that it is total; all its columns go the same direction
 * and are never NULL, so that a row value (k1, …, id) > (?, …, ?) selects exactly the rows after
 * a given row.
 *
 * Change tracking: record-will-change gives the old position of a row (its sort keys are read
 * before it changes), record-did-change its new position, each in the state of the database
 * at that change; the operations are queued and emitted as items-changed when record-changed
 * replays them after the commit. A transaction with more than MAX_OPS changes of the kind, or
 * any change of a kind whose names the rows show (a renamed region for municipalities; awards
 * for the award count of competitions), ends in one items-changed over the whole list after
 * the commit. */

/* Searching. The search text is folded (psi_fold_query ()) and matched as a substring of the
 * search column, which holds the folded names (psi_text_dup_fold ()). "The records of table X
 * that match" is a subquery: the table's FTS5 trigram index (X_fts, see
 * psi-store-migrations.c) for three characters or more, quoted as one FTS5 string; a scan of the
 * table for fewer. Awards match by their own names, their recipient's and their competition's:
 *
 *   t.id IN (awards) OR t.municipality_id IN (municipalities) OR t.cluster_id IN (clusters)
 *     OR t.competition_id IN (competitions)
 *
 * which the award indexes answer without reading other awards. The same filter has three forms
 * (Form), picked after counting the matches:
 *   sparse (up to sparse_limit matches): as above; SQLite collects the matches through the
 *     indexes and sorts them, so the cost follows the number of matches;
 *   dense (more): the filter cannot use an index ("+" and instr ()), so SQLite walks the index
 *     of the sort order and tests each row, which finds a page of matches after reading about
 *     PAGE_SIZE × rows / matches rows, instead of sorting them all;
 *   competitions (more, awards in their default order, and only competitions match):
 *     "t.competition_id IN (competitions)" alone, which SQLite reads from the index of that
 *     order, competition by competition: the dense walk would first read every award of the
 *     competitions before the first match. The parts left out matched nothing when the list
 *     counted; since any change of an award, municipality, cluster or competition may make them
 *     match, such a change resets the list after its commit instead of a precise items-changed.
 * The number of awards found is the sum of the award_count of each matching municipality,
 * cluster and competition and the number of awards whose own names match, when only one of
 * these three parts (own names, recipients, competitions) matches: no award is then counted
 * twice (an award has one recipient). Else SQLite counts them, merging the parts. */

#define PAGE_SIZE 100
#define MAX_PAGES 50
#define MAX_OPS   64
#define NO_POS    G_MAXUINT
#define SPARSE_LIMIT 5000

/* Filters by a column (psi_record_list_set_filter ()): only these constant columns are ever
 * composed into SQL, as "column = :fN"; the value is bound. A filter makes the list count
 * with SQLite (never from award_count) and never use the competitions form. */
typedef struct
{
  PsiRecordKind  kind;
  const char    *name;
  const char    *column;
  gboolean       award_kind;   /* the value is a PsiAwardKind, stored as its nick */
} FilterDef;

static const FilterDef filter_defs[] = {
  { PSI_RECORD_KIND_AWARD,        "competition", "t.competition_id", FALSE },
  { PSI_RECORD_KIND_AWARD,        "award-kind",  "t.award_kind",     TRUE },
  { PSI_RECORD_KIND_MUNICIPALITY, "region",      "t.region_id",      FALSE },
  { PSI_RECORD_KIND_DISTRICT,     "region",      "t.region_id",      FALSE },
  { PSI_RECORD_KIND_COMPETITION,  "event",       "t.event_id",       FALSE },
  { PSI_RECORD_KIND_AGREEMENT,    "event",       "t.event_id",       FALSE },
};

#define N_FILTER_DEFS G_N_ELEMENTS (filter_defs)

typedef struct
{
  GPtrArray      *items;        /* PsiRecord */
  sqlite3_value **first_keys;   /* n_keys values of the first row */
  sqlite3_value **last_keys;    /* … of the last row */
  guint           n_keys;
  guint64         used;
} Page;

/* The queries of the current search and order */
typedef enum
{
  Q_COUNT,
  Q_FIRST,
  Q_SEEK,           /* keys of the row at an offset */
  Q_SEEK_BACK,      /* … counting from the end */
  Q_FROM,           /* a page from given keys on (inclusive) */
  Q_AFTER,          /* a page after given keys */
  Q_BEFORE,         /* a page before given keys (read backwards) */
  Q_ROW_KEYS,       /* keys of one row, when it matches the filter */
  Q_COUNT_BEFORE,   /* rows before given keys */
  /* Awards with a search: what matches, per part of the filter */
  Q_OWN_COUNT,              /* awards whose own names match */
  Q_AWARDS_MUNICIPALITY,    /* awards of the matching municipalities (their award_count) */
  Q_AWARDS_CLUSTER,
  Q_AWARDS_COMPETITION,
  N_QUERIES
} Query;

typedef struct
{
  gint64 id;
  guint  old_pos;    /* NO_POS: was not in the list */
  guint  new_pos;    /* NO_POS: is not in the list now */
} Op;

typedef enum
{
  FORM_SPARSE,
  FORM_DENSE,
  FORM_COMPETITIONS,
} Form;

struct _PsiRecordList
{
  GObject        parent_instance;

  PsiStore      *store;
  PsiRecordKind  kind;
  char          *search;
  char          *search_fold;   /* NULL: no filter */
  char          *search_fts;    /* search_fold as an FTS5 string; NULL when too short */
  Form           form;          /* of the filter, see above */
  gboolean       competitions_only;   /* only competitions matched when last counted */
  guint          sparse_limit;
  char          *sort_key;      /* NULL: the default order */
  gboolean       descending;
  gboolean       filter_set[N_FILTER_DEFS];
  gint64         filter_value[N_FILTER_DEFS];

  /* Queries of the current search and order */
  guint          n_keys;
  int            n_columns;
  char          *sql[N_QUERIES];    /* prepared on first use */
  sqlite3_stmt  *stmts[N_QUERIES];

  guint          n_items;
  GHashTable    *pages;         /* page number -> Page */
  guint64        clock;

  /* Change tracking */
  gboolean       have_stash;
  gint64         stash_id;
  guint          stash_pos;
  GQueue         ops;
  gboolean       overflow;
  gboolean       deps_dirty;
  guint          override_pos;  /* while an insertion is announced: its row */
  gint64         override_id;
};

static void psi_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsiRecordList, psi_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      psi_record_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_SEARCH,
  PROP_SORT_KEY,
  PROP_DESCENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sort keys. Only these constant fragments are ever composed into SQL. */

static char *
title_of (const char  *alias,
          PsiLanguage  language)
{
  const PsiLanguage *order = psi_language_get_fallbacks (language);

  return g_strdup_printf ("coalesce (%s.name_%s, %s.name_%s, %s.name_%s, '')",
                          alias, psi_language_to_code (order[0]),
                          alias, psi_language_to_code (order[1]),
                          alias, psi_language_to_code (order[2]));
}

/* The title of the record a column of t refers to, '' when none. */
static char *
ref_title (const char  *table,
           const char  *column,
           PsiLanguage  language)
{
  g_autofree char *title = title_of ("x", language);

  return g_strdup_printf ("coalesce ((SELECT %s FROM %s AS x WHERE x.id = t.%s), '')",
                          title, table, column);
}

static void
add_key (GPtrArray  *keys,
         char       *expr,
         gboolean    nocase)
{
  if (nocase)
    {
      g_ptr_array_add (keys, g_strconcat (expr, " COLLATE NOCASE", NULL));
      g_free (expr);
    }
  else
    g_ptr_array_add (keys, expr);
}

static void
add_title_key (GPtrArray     *keys,
               PsiRecordKind  kind,
               PsiLanguage    language)
{
  if (kind == PSI_RECORD_KIND_AWARD)
    {
      g_autofree char *municipality = title_of ("m", language);
      g_autofree char *cluster = title_of ("c", language);
      g_autofree char *own = title_of ("t", language);

      /* An award is titled by its recipient, else by its own name. */
      add_key (keys,
               g_strdup_printf ("coalesce ((SELECT %s FROM municipality AS m"
                                " WHERE m.id = t.municipality_id),"
                                " (SELECT %s FROM cluster AS c WHERE c.id = t.cluster_id), %s)",
                                municipality, cluster, own),
               TRUE);
    }
  else
    add_key (keys, title_of ("t", language), TRUE);
}

static GPtrArray *
build_keys (PsiRecordKind  kind,
            const char    *sort_key,
            PsiLanguage    language)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *key = sort_key;

  if (key == NULL)
    {
      if (kind == PSI_RECORD_KIND_EVENT || kind == PSI_RECORD_KIND_AGREEMENT)
        key = "date";
      else if (kind == PSI_RECORD_KIND_AWARD)
        {
          g_ptr_array_add (keys, g_strdup ("t.competition_id"));
          g_ptr_array_add (keys, g_strdup ("t.place"));
          g_ptr_array_add (keys, g_strdup ("t.id"));
          return keys;
        }
      else
        key = "title";
    }

#define IS(k, name) ((k) == kind && g_str_equal (key, name))

  if (IS (PSI_RECORD_KIND_MUNICIPALITY, "region") || IS (PSI_RECORD_KIND_DISTRICT, "region"))
    add_key (keys, ref_title ("region", "region_id", language), TRUE);
  else if (IS (PSI_RECORD_KIND_MUNICIPALITY, "kind"))
    add_key (keys, g_strdup ("t.municipality_kind"), FALSE);
  else if (IS (PSI_RECORD_KIND_MUNICIPALITY, "pilot"))
    add_key (keys, g_strdup ("t.pilot"), FALSE);
  else if (IS (PSI_RECORD_KIND_OFFICIAL, "position"))
    add_key (keys, g_strdup ("t.position"), FALSE);
  else if (IS (PSI_RECORD_KIND_OFFICIAL, "belongs-to"))
    {
      g_autofree char *municipality = title_of ("m", language);
      g_autofree char *organisation = title_of ("o", language);

      add_key (keys,
               g_strdup_printf ("coalesce ((SELECT %s FROM municipality AS m"
                                " WHERE m.id = t.municipality_id),"
                                " (SELECT %s FROM organisation AS o"
                                " WHERE o.id = t.organisation_id), '')",
                                municipality, organisation),
               TRUE);
    }
  else if (IS (PSI_RECORD_KIND_CLUSTER, "members"))
    add_key (keys, g_strdup ("(SELECT count(*) FROM cluster_member AS cm"
                             " WHERE cm.cluster_id = t.id)"), FALSE);
  else if (IS (PSI_RECORD_KIND_EVENT, "date") || IS (PSI_RECORD_KIND_AGREEMENT, "date"))
    add_key (keys, g_strdup ("coalesce (t.date, '')"), FALSE);
  else if (IS (PSI_RECORD_KIND_EVENT, "kind"))
    {
      add_key (keys, g_strdup ("t.event_kind"), FALSE);
      add_key (keys, g_strdup ("coalesce (t.date, '')"), FALSE);
    }
  else if (IS (PSI_RECORD_KIND_COMPETITION, "event") || IS (PSI_RECORD_KIND_AGREEMENT, "event"))
    add_key (keys, ref_title ("event", "event_id", language), TRUE);
  else if (IS (PSI_RECORD_KIND_COMPETITION, "entrants"))
    add_key (keys, g_strdup ("t.entrant_count"), FALSE);
  else if (IS (PSI_RECORD_KIND_COMPETITION, "awards"))
    add_key (keys, g_strdup ("(SELECT count(*) FROM award AS a WHERE a.competition_id = t.id)"),
             FALSE);
  else if (IS (PSI_RECORD_KIND_AWARD, "competition"))
    {
      add_key (keys, ref_title ("competition", "competition_id", language), TRUE);
      add_key (keys, g_strdup ("t.place"), FALSE);
    }
  else if (IS (PSI_RECORD_KIND_AWARD, "place"))
    {
      add_key (keys, g_strdup ("t.place"), FALSE);
      add_key (keys, g_strdup ("t.competition_id"), FALSE);
    }
  else if (IS (PSI_RECORD_KIND_AWARD, "kind"))
    {
      add_key (keys, g_strdup ("t.award_kind"), FALSE);
      add_key (keys, g_strdup ("t.competition_id"), FALSE);
      add_key (keys, g_strdup ("t.place"), FALSE);
    }
  else if (IS (PSI_RECORD_KIND_AWARD, "grant"))
    {
      add_key (keys, g_strdup ("t.grant_kgs"), FALSE);
      add_key (keys, g_strdup ("t.competition_id"), FALSE);
      add_key (keys, g_strdup ("t.place"), FALSE);
    }
  else if (IS (PSI_RECORD_KIND_AGREEMENT, "kind"))
    {
      add_key (keys, g_strdup ("t.agreement_kind"), FALSE);
      add_key (keys, g_strdup ("coalesce (t.date, '')"), FALSE);
    }
  else if (IS (PSI_RECORD_KIND_ORGANISATION, "role"))
    add_key (keys, g_strdup ("t.role"), FALSE);

#undef IS

  /* "title", unknown keys, and the tie-break of every other key */
  add_title_key (keys, kind, language);
  g_ptr_array_add (keys, g_strdup ("t.id"));
  return keys;
}

/* Queries */

/* The statements come from the store's cache, keyed by their text: the search text is bound,
 * so typing a search prepares nothing after the first key, and lists of the same kind and order
 * share them. Each use resets the statement before and after (begin_stmt ()), so that sharing
 * them is safe. */
static void
clear_statements (PsiRecordList *self)
{
  for (guint i = 0; i < N_QUERIES; i++)
    {
      self->stmts[i] = NULL;
      g_clear_pointer (&self->sql[i], g_free);
    }
}

static sqlite3_stmt *
prepare (PsiRecordList *self,
         const char    *sql)
{
  return _psi_store_get_stmt (self->store, sql, NULL);
}

/* With a sparse search, "+" keeps SQLite from walking an index in order and looking up every
 * row to test it: collecting the matches and sorting them is faster while they are few. */
static char *
order_by (GPtrArray *keys,
          gboolean   descending,
          gboolean   searching)
{
  g_autoptr(GString) s = g_string_new (" ORDER BY ");

  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (s, "%s%s%s %s", i > 0 ? ", " : "", searching ? "+" : "",
                            (char *) g_ptr_array_index (keys, i), descending ? "DESC" : "ASC");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "(k1, …, t.id) OP (:k1, …, :kn)". Named: a numbered ?1 would be the same parameter as a
 * :search that comes before it in the statement (SQLite numbers named parameters in order). */
static char *
compare_keys (GPtrArray  *keys,
              const char *op)
{
  g_autoptr(GString) s = g_string_new ("(");

  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (keys, i));
  g_string_append_printf (s, ") %s (", op);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (s, "%s:k%u", i > 0 ? ", " : "", i + 1);
  g_string_append (s, ")");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The ids of the rows of table that match the search (see the top of the file). */
static char *
match_ids (PsiRecordList *self,
           const char    *table)
{
  if (self->search_fts != NULL)
    return g_strdup_printf ("SELECT rowid FROM %s_fts WHERE %s_fts MATCH :fts", table, table);
  return g_strdup_printf ("SELECT id FROM %s WHERE search <> '' AND instr (search, :search) > 0",
                          table);
}

static gboolean
has_column_filter (PsiRecordList *self)
{
  for (guint i = 0; i < N_FILTER_DEFS; i++)
    if (self->filter_set[i])
      return TRUE;
  return FALSE;
}

/* "c1 = :f0 AND c2 = :f1", or NULL without a filter */
static char *
column_filter (PsiRecordList *self)
{
  g_autoptr(GString) s = NULL;

  for (guint i = 0; i < N_FILTER_DEFS; i++)
    {
      if (!self->filter_set[i])
        continue;
      if (s == NULL)
        s = g_string_new (NULL);
      else
        g_string_append (s, " AND ");
      g_string_append_printf (s, "%s = :f%u", filter_defs[i].column, i);
    }
  return s != NULL ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* The search filter in a form, as a condition on t */
static char *
build_search_filter (PsiRecordList *self,
                     Form           form)
{
  const char *table = _psi_store_kind_table (self->kind);
  gboolean dense = form == FORM_DENSE;
  const char *plus = dense ? "+" : "";
  g_autofree char *own = NULL;
  g_autofree char *municipalities = NULL;
  g_autofree char *clusters = NULL;
  g_autofree char *competitions = NULL;

  if (form == FORM_COMPETITIONS)
    {
      competitions = match_ids (self, "competition");
      return g_strdup_printf ("t.competition_id IN (%s)", competitions);
    }

  if (dense)
    own = g_strdup ("instr (t.search, :search) > 0");
  else
    {
      g_autofree char *ids = match_ids (self, table);

      own = g_strdup_printf ("t.id IN (%s)", ids);
    }
  if (self->kind != PSI_RECORD_KIND_AWARD)
    return g_steal_pointer (&own);

  municipalities = match_ids (self, "municipality");
  clusters = match_ids (self, "cluster");
  competitions = match_ids (self, "competition");
  return g_strdup_printf ("(%s OR %st.municipality_id IN (%s) OR %st.cluster_id IN (%s)"
                          " OR %st.competition_id IN (%s))",
                          own, plus, municipalities, plus, clusters, plus, competitions);
}

/* The whole filter (search and columns) in a form, as a condition on t; NULL when none */
static char *
build_filter (PsiRecordList *self,
              Form           form)
{
  g_autofree char *search = self->search_fold != NULL ? build_search_filter (self, form) : NULL;
  g_autofree char *columns = column_filter (self);

  if (search != NULL && columns != NULL)
    return g_strdup_printf ("%s AND %s", search, columns);
  return search != NULL ? g_steal_pointer (&search) : g_steal_pointer (&columns);
}

static void
build_queries (PsiRecordList *self)
{
  g_autoptr(GPtrArray) keys = build_keys (self->kind, self->sort_key,
                                          psi_language_get_current ());
  const char *table = _psi_store_kind_table (self->kind);
  const char *columns = _psi_store_kind_columns (self->kind);
  const char *from = _psi_store_kind_from (self->kind);
  gboolean searching = self->search_fold != NULL;
  gboolean filtering = searching || has_column_filter (self);
  g_autofree char *filter = filtering ? build_filter (self, self->form) : NULL;
  /* No WHERE at all without a filter: SQLite counts a table fast only then. */
  g_autofree char *where_filter = filtering ? g_strconcat (" WHERE ", filter, NULL)
                                             : g_strdup ("");
  g_autofree char *filter_and = filtering ? g_strconcat (filter, " AND ", NULL) : g_strdup ("");
  g_autofree char *and_filter = filtering ? g_strconcat (" AND ", filter, NULL) : g_strdup ("");
  gboolean desc = self->descending;
  g_autofree char *key_list = NULL;
  /* A sparse search sorts its matches; anything else reads the sort order's index. */
  gboolean sort_matches = searching && self->form == FORM_SPARSE;
  g_autofree char *order = order_by (keys, desc, sort_matches);
  g_autofree char *order_back = order_by (keys, !desc, sort_matches);
  g_autofree char *from_keys = compare_keys (keys, desc ? "<=" : ">=");
  g_autofree char *after_keys = compare_keys (keys, desc ? "<" : ">");
  g_autofree char *before_keys = compare_keys (keys, desc ? ">" : "<");

  clear_statements (self);
  self->n_keys = keys->len;
  self->n_columns = _psi_store_kind_n_columns (self->kind);
  g_ptr_array_add (keys, NULL);
  key_list = g_strjoinv (", ", (char **) keys->pdata);

#define PREPARE(query, ...) self->sql[query] = g_strdup_printf (__VA_ARGS__)

  /* Counting comes before the form is picked: the whole filter, whatever the form */
  if (searching && has_column_filter (self))
    {
      g_autofree char *whole = build_filter (self, FORM_SPARSE);

      PREPARE (Q_COUNT, "SELECT count(*) FROM %s AS t WHERE %s", table, whole);
    }
  else if (!searching && filtering)
    PREPARE (Q_COUNT, "SELECT count(*) FROM %s AS t WHERE %s", table, filter);
  else if (searching && self->kind != PSI_RECORD_KIND_AWARD)
    {
      g_autofree char *ids = match_ids (self, table);

      PREPARE (Q_COUNT, "SELECT count(*) FROM (%s)", ids);
    }
  else if (searching)
    {
      g_autofree char *whole = build_filter (self, FORM_SPARSE);

      PREPARE (Q_COUNT, "SELECT count(*) FROM %s AS t WHERE %s", table, whole);
    }
  else
    PREPARE (Q_COUNT, "SELECT count(*) FROM %s AS t", table);
  PREPARE (Q_FIRST, "SELECT %s, %s FROM %s%s%s LIMIT :limit",
           columns, key_list, from, where_filter, order);
  PREPARE (Q_SEEK, "SELECT %s FROM %s AS t%s%s LIMIT 1 OFFSET :offset",
           key_list, table, where_filter, order);
  PREPARE (Q_SEEK_BACK, "SELECT %s FROM %s AS t%s%s LIMIT 1 OFFSET :offset",
           key_list, table, where_filter, order_back);
  PREPARE (Q_FROM, "SELECT %s, %s FROM %s WHERE %s%s%s LIMIT :limit",
           columns, key_list, from, filter_and, from_keys, order);
  PREPARE (Q_AFTER, "SELECT %s, %s FROM %s WHERE %s%s%s LIMIT :limit",
           columns, key_list, from, filter_and, after_keys, order);
  PREPARE (Q_BEFORE, "SELECT %s, %s FROM %s WHERE %s%s%s LIMIT :limit",
           columns, key_list, from, filter_and, before_keys, order_back);
  PREPARE (Q_ROW_KEYS, "SELECT %s FROM %s AS t WHERE t.id = :id%s",
           key_list, table, and_filter);
  PREPARE (Q_COUNT_BEFORE, "SELECT count(*) FROM %s AS t WHERE %s%s",
           table, filter_and, before_keys);

  if (searching && self->kind == PSI_RECORD_KIND_AWARD)
    {
      g_autofree char *own = match_ids (self, "award");
      g_autofree char *municipalities = match_ids (self, "municipality");
      g_autofree char *clusters = match_ids (self, "cluster");
      g_autofree char *competitions = match_ids (self, "competition");

      PREPARE (Q_OWN_COUNT, "SELECT count(*) FROM (%s)", own);
      PREPARE (Q_AWARDS_MUNICIPALITY,
               "SELECT coalesce (sum (award_count), 0) FROM municipality WHERE id IN (%s)",
               municipalities);
      PREPARE (Q_AWARDS_CLUSTER,
               "SELECT coalesce (sum (award_count), 0) FROM cluster WHERE id IN (%s)", clusters);
      PREPARE (Q_AWARDS_COMPETITION,
               "SELECT coalesce (sum (award_count), 0) FROM competition WHERE id IN (%s)",
               competitions);
    }

#undef PREPARE
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int idx = sqlite3_bind_parameter_index (stmt, name);

  if (idx > 0)
    sqlite3_bind_int64 (stmt, idx, value);
}

/* The statement of a query, prepared on first use, reset, with the search text bound (the
 * keys and the rest are bound by the caller). */
static sqlite3_stmt *
begin_stmt (PsiRecordList *self,
            Query          query)
{
  sqlite3_stmt *stmt;
  int idx;

  if (self->stmts[query] == NULL)
    self->stmts[query] = prepare (self, self->sql[query]);
  stmt = self->stmts[query];
  if (stmt == NULL)
    return NULL;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  idx = sqlite3_bind_parameter_index (stmt, ":search");
  if (idx > 0)
    sqlite3_bind_text (stmt, idx, self->search_fold, -1, SQLITE_STATIC);
  idx = sqlite3_bind_parameter_index (stmt, ":fts");
  if (idx > 0)
    sqlite3_bind_text (stmt, idx, self->search_fts, -1, SQLITE_STATIC);
  for (guint i = 0; i < N_FILTER_DEFS; i++)
    {
      char name[16];

      if (!self->filter_set[i])
        continue;
      g_snprintf (name, sizeof name, ":f%u", i);
      idx = sqlite3_bind_parameter_index (stmt, name);
      if (idx <= 0)
        continue;
      if (filter_defs[i].award_kind)
        sqlite3_bind_text (stmt, idx,
                           psi_enum_to_nick (PSI_TYPE_AWARD_KIND, (int) self->filter_value[i]),
                           -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, idx, self->filter_value[i]);
    }
  return stmt;
}

static void
bind_keys (PsiRecordList  *self,
           sqlite3_stmt   *stmt,
           sqlite3_value **keys)
{
  for (guint i = 0; i < self->n_keys; i++)
    {
      char name[16];
      int idx;

      g_snprintf (name, sizeof name, ":k%u", i + 1);
      idx = sqlite3_bind_parameter_index (stmt, name);
      g_assert (idx > 0);
      sqlite3_bind_value (stmt, idx, keys[i]);
    }
}

static void
warn_step (PsiRecordList *self,
           int            rc)
{
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_warning ("Cannot read the %s list: %s", _psi_store_kind_table (self->kind),
               sqlite3_errmsg (_psi_store_get_db (self->store)));
}

/* The single number a query gives, -1 on error */
static gint64
query_count (PsiRecordList *self,
             Query          query)
{
  sqlite3_stmt *stmt = begin_stmt (self, query);
  gint64 n = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    warn_step (self, rc);
  sqlite3_reset (stmt);
  return n;
}

/* Awards matching the search, without merging the matches when they come from one part of
 * the filter only (an award has one recipient: municipalities and clusters never overlap). */
static gint64
count_awards (PsiRecordList *self)
{
  g_autoptr(GError) error = NULL;
  gint64 own, municipalities, clusters, competitions;
  guint parts;

  /* Inside a transaction, award_count may not have the awards written so far yet. */
  if (!_psi_store_flush_award_counts (self->store, &error))
    {
      g_warning ("Cannot count the awards: %s", error->message);
      return query_count (self, Q_COUNT);
    }

  own = query_count (self, Q_OWN_COUNT);
  municipalities = query_count (self, Q_AWARDS_MUNICIPALITY);
  clusters = query_count (self, Q_AWARDS_CLUSTER);
  competitions = query_count (self, Q_AWARDS_COMPETITION);
  if (own < 0 || municipalities < 0 || clusters < 0 || competitions < 0)
    return query_count (self, Q_COUNT);

  parts = (own > 0) + (municipalities + clusters > 0) + (competitions > 0);
  self->competitions_only = parts == 1 && competitions > 0;
  if (parts > 1)
    return query_count (self, Q_COUNT);
  return own + municipalities + clusters + competitions;
}

static guint
count_rows (PsiRecordList *self)
{
  gint64 n;

  self->competitions_only = FALSE;
  if (self->search_fold != NULL && self->kind == PSI_RECORD_KIND_AWARD &&
      !has_column_filter (self))
    n = count_awards (self);
  else
    n = query_count (self, Q_COUNT);
  return (guint) CLAMP (n, 0, G_MAXUINT - 1);
}

/* The form of the filter for n matches (see the top of the file) */
static Form
choose_form (PsiRecordList *self,
             guint          n)
{
  if (self->search_fold == NULL || n <= self->sparse_limit)
    return FORM_SPARSE;
  if (self->competitions_only && self->sort_key == NULL)
    return FORM_COMPETITIONS;
  return FORM_DENSE;
}

/* Counts the rows and picks the form of the filter for that many. */
static guint
count_rows_and_choose (PsiRecordList *self)
{
  guint n = count_rows (self);
  Form form = choose_form (self, n);

  if (form != self->form)
    {
      self->form = form;
      build_queries (self);
    }
  return n;
}

static sqlite3_value **
dup_keys (PsiRecordList *self,
          sqlite3_stmt  *stmt,
          int            first_col)
{
  sqlite3_value **keys = g_new0 (sqlite3_value *, self->n_keys);

  for (guint i = 0; i < self->n_keys; i++)
    keys[i] = sqlite3_value_dup (sqlite3_column_value (stmt, first_col + (int) i));
  return keys;
}

static void
free_keys (sqlite3_value **keys,
           guint           n_keys)
{
  if (keys == NULL)
    return;
  for (guint i = 0; i < n_keys; i++)
    sqlite3_value_free (keys[i]);
  g_free (keys);
}

/* Position of a row in the current state of the database, NO_POS when it does not match. */
static guint
position_of (PsiRecordList *self,
             gint64         id)
{
  sqlite3_stmt *stmt = begin_stmt (self, Q_ROW_KEYS);
  sqlite3_stmt *count;
  sqlite3_value **keys;
  guint pos = NO_POS;
  int rc;

  if (stmt == NULL)
    return NO_POS;
  bind_named (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      warn_step (self, rc);
      sqlite3_reset (stmt);
      return NO_POS;
    }
  keys = dup_keys (self, stmt, 0);
  sqlite3_reset (stmt);

  count = begin_stmt (self, Q_COUNT_BEFORE);
  if (count == NULL)
    {
      free_keys (keys, self->n_keys);
      return NO_POS;
    }
  bind_keys (self, count, keys);
  rc = sqlite3_step (count);
  if (rc == SQLITE_ROW)
    pos = (guint) sqlite3_column_int64 (count, 0);
  else
    warn_step (self, rc);
  sqlite3_reset (count);
  free_keys (keys, self->n_keys);
  return pos;
}

/* Page cache */

static void
page_free (gpointer data)
{
  Page *page = data;

  free_keys (page->first_keys, page->n_keys);
  free_keys (page->last_keys, page->n_keys);
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
drop_pages (PsiRecordList *self)
{
  g_hash_table_remove_all (self->pages);
}

static void
evict_pages (PsiRecordList *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;

          if (page->used < oldest)
            {
              oldest = page->used;
              oldest_key = key;
            }
        }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

/* Reads up to PAGE_SIZE rows; backwards: the statement gives them in reverse order. */
static Page *
read_page (PsiRecordList *self,
           sqlite3_stmt  *stmt,
           gboolean       backwards)
{
  Page *page;
  int rc;

  bind_named (stmt, ":limit", PAGE_SIZE);
  page = g_new0 (Page, 1);
  page->n_keys = self->n_keys;
  page->items = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (page->items, _psi_store_record_from_row (self->kind, stmt));
      if (page->first_keys == NULL)
        page->first_keys = dup_keys (self, stmt, self->n_columns);
      else
        {
          free_keys (page->last_keys, self->n_keys);
          page->last_keys = dup_keys (self, stmt, self->n_columns);
        }
    }
  warn_step (self, rc);
  sqlite3_reset (stmt);

  if (page->last_keys == NULL && page->first_keys != NULL)
    {
      page->last_keys = g_new0 (sqlite3_value *, self->n_keys);
      for (guint i = 0; i < self->n_keys; i++)
        page->last_keys[i] = sqlite3_value_dup (page->first_keys[i]);
    }

  if (backwards)
    {
      sqlite3_value **swap = page->first_keys;

      page->first_keys = page->last_keys;
      page->last_keys = swap;
      for (guint i = 0, j = page->items->len; i + 1 < j; i++, j--)
        {
          gpointer tmp = page->items->pdata[i];

          page->items->pdata[i] = page->items->pdata[j - 1];
          page->items->pdata[j - 1] = tmp;
        }
    }

  return page;
}

static gboolean
seek (PsiRecordList   *self,
      guint            start,
      sqlite3_value ***keys)
{
  gboolean from_end = start > self->n_items / 2;
  sqlite3_stmt *stmt = begin_stmt (self, from_end ? Q_SEEK_BACK : Q_SEEK);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_named (stmt, ":offset", from_end ? self->n_items - 1 - start : start);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *keys = dup_keys (self, stmt, 0);
  else
    warn_step (self, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static Page *
get_page (PsiRecordList *self,
          guint          number)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  Page *neighbour;
  sqlite3_stmt *stmt;
  gboolean backwards = FALSE;

  if (page != NULL)
    {
      page->used = ++self->clock;
      return page;
    }

  if (number > 0 &&
      (neighbour = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number - 1))) != NULL &&
      neighbour->last_keys != NULL)
    {
      stmt = begin_stmt (self, Q_AFTER);
      if (stmt == NULL)
        return NULL;
      bind_keys (self, stmt, neighbour->last_keys);
    }
  else if ((neighbour = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number + 1))) != NULL &&
           neighbour->first_keys != NULL)
    {
      stmt = begin_stmt (self, Q_BEFORE);
      if (stmt == NULL)
        return NULL;
      bind_keys (self, stmt, neighbour->first_keys);
      backwards = TRUE;
    }
  else if (number == 0)
    {
      stmt = begin_stmt (self, Q_FIRST);
      if (stmt == NULL)
        return NULL;
    }
  else
    {
      sqlite3_value **keys = NULL;

      if (!seek (self, number * PAGE_SIZE, &keys))
        return NULL;
      stmt = begin_stmt (self, Q_FROM);
      if (stmt != NULL)
        bind_keys (self, stmt, keys);
      free_keys (keys, self->n_keys);
      if (stmt == NULL)
        return NULL;
    }

  page = read_page (self, stmt, backwards);
  page->used = ++self->clock;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
  evict_pages (self);
  return page;
}

/* Change tracking */

static void
forget_changes (PsiRecordList *self)
{
  self->have_stash = FALSE;
  g_queue_clear_full (&self->ops, g_free);
  self->overflow = FALSE;
  self->deps_dirty = FALSE;
}

/* Kinds whose names (or counts) the rows of self->kind show. */
static gboolean
depends_on (PsiRecordKind  kind,
            PsiRecordKind  other,
            PsiStoreChange change)
{
  gboolean renamed = change == PSI_STORE_CHANGE_UPDATED;

  switch (kind)
    {
    case PSI_RECORD_KIND_DISTRICT:
      return renamed && other == PSI_RECORD_KIND_REGION;
    case PSI_RECORD_KIND_MUNICIPALITY:
      return renamed && (other == PSI_RECORD_KIND_REGION || other == PSI_RECORD_KIND_DISTRICT);
    case PSI_RECORD_KIND_OFFICIAL:
      return renamed && (other == PSI_RECORD_KIND_MUNICIPALITY ||
                         other == PSI_RECORD_KIND_ORGANISATION);
    case PSI_RECORD_KIND_COMPETITION:
      return (renamed && other == PSI_RECORD_KIND_EVENT) || other == PSI_RECORD_KIND_AWARD;
    case PSI_RECORD_KIND_AWARD:
      return renamed && (other == PSI_RECORD_KIND_COMPETITION ||
                         other == PSI_RECORD_KIND_MUNICIPALITY ||
                         other == PSI_RECORD_KIND_CLUSTER);
    case PSI_RECORD_KIND_AGREEMENT:
      return renamed && other == PSI_RECORD_KIND_EVENT;
    case PSI_RECORD_KIND_ORGANISATION:
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_CLUSTER:
    case PSI_RECORD_KIND_EVENT:
    default:
      return FALSE;
    }
}

static void
reset_all (PsiRecordList *self)
{
  guint old_n = self->n_items;

  drop_pages (self);
  self->n_items = count_rows_and_choose (self);
  if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

/* The form that leaves out parts of the filter: a change of these kinds may make them match. */
static gboolean
filter_may_change (PsiRecordList *self,
                   PsiRecordKind  kind)
{
  return self->form == FORM_COMPETITIONS &&
         (kind == PSI_RECORD_KIND_AWARD || kind == PSI_RECORD_KIND_MUNICIPALITY ||
          kind == PSI_RECORD_KIND_CLUSTER || kind == PSI_RECORD_KIND_COMPETITION);
}

static void
record_will_change_cb (PsiRecordList  *self,
                       PsiRecordKind   kind,
                       gint64          id,
                       int             change,
                       PsiStore       *store)
{
  if (kind != self->kind || self->overflow || filter_may_change (self, kind))
    return;
  self->have_stash = TRUE;
  self->stash_id = id;
  self->stash_pos = position_of (self, id);
}

static void
record_did_change_cb (PsiRecordList  *self,
                      PsiRecordKind   kind,
                      gint64          id,
                      int             change,
                      PsiStore       *store)
{
  Op *op;

  if (filter_may_change (self, kind))
    {
      /* One reset after the commit */
      g_queue_clear_full (&self->ops, g_free);
      self->have_stash = FALSE;
      self->overflow = TRUE;
      return;
    }
  if (kind != self->kind)
    {
      if (depends_on (self->kind, kind, change))
        self->deps_dirty = TRUE;
      return;
    }
  if (self->overflow)
    return;
  if (g_queue_get_length (&self->ops) >= MAX_OPS)
    {
      /* A bulk change: one reset after the commit is cheaper than counting each row. */
      g_queue_clear_full (&self->ops, g_free);
      self->have_stash = FALSE;
      self->overflow = TRUE;
      return;
    }

  op = g_new0 (Op, 1);
  op->id = id;
  op->old_pos = self->have_stash && self->stash_id == id ? self->stash_pos : NO_POS;
  op->new_pos = change == PSI_STORE_CHANGE_DELETED ? NO_POS : position_of (self, id);
  self->have_stash = FALSE;
  g_queue_push_tail (&self->ops, op);
}

static void
record_changed_cb (PsiRecordList  *self,
                   PsiRecordKind   kind,
                   gint64          id,
                   int             change,
                   PsiStore       *store)
{
  g_autofree Op *op = NULL;

  if (kind != self->kind || self->overflow)
    return;

  op = g_queue_pop_head (&self->ops);
  if (op == NULL || op->id != id)
    {
      /* Not announced (the list was made inside the transaction): reset after the commit. */
      g_queue_clear_full (&self->ops, g_free);
      self->overflow = TRUE;
      return;
    }

  drop_pages (self);
  if (op->old_pos != NO_POS && op->old_pos == op->new_pos)
    {
      self->override_pos = op->new_pos;
      self->override_id = id;
      g_list_model_items_changed (G_LIST_MODEL (self), op->new_pos, 1, 1);
    }
  else
    {
      if (op->old_pos != NO_POS)
        {
          self->n_items--;
          g_list_model_items_changed (G_LIST_MODEL (self), op->old_pos, 1, 0);
        }
      if (op->new_pos != NO_POS)
        {
          self->n_items++;
          self->override_pos = op->new_pos;
          self->override_id = id;
          g_list_model_items_changed (G_LIST_MODEL (self), op->new_pos, 0, 1);
        }
    }
  self->override_pos = NO_POS;
}

static void
changes_committed_cb (PsiRecordList *self,
                      PsiStore      *store)
{
  gboolean reset = self->overflow || self->deps_dirty;

  forget_changes (self);
  if (reset)
    reset_all (self);
}

static void
changes_discarded_cb (PsiRecordList *self,
                      PsiStore      *store)
{
  forget_changes (self);
  /* Pages read inside the transaction may show what was rolled back. */
  drop_pages (self);
}

/* GListModel */

static GType
psi_record_list_get_item_type (GListModel *model)
{
  PsiRecordList *self = PSI_RECORD_LIST (model);

  return psi_record_kind_get_type_for (self->kind);
}

static guint
psi_record_list_get_n_items (GListModel *model)
{
  PsiRecordList *self = PSI_RECORD_LIST (model);

  return self->n_items;
}

static gpointer
psi_record_list_get_item (GListModel *model,
                          guint       position)
{
  PsiRecordList *self = PSI_RECORD_LIST (model);
  Page *page;
  guint index;

  if (position >= self->n_items)
    return NULL;

  /* While a change is replayed, the database is already in its final state: the row being
   * announced is looked up by id. */
  if (position == self->override_pos)
    return psi_store_load (self->store, self->kind, self->override_id, NULL);

  page = get_page (self, position / PAGE_SIZE);
  index = position % PAGE_SIZE;
  if (page == NULL || index >= page->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->items, index));
}

static void
psi_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = psi_record_list_get_item_type;
  iface->get_n_items = psi_record_list_get_n_items;
  iface->get_item = psi_record_list_get_item;
}

/* GObject */

static void
psi_record_list_constructed (GObject *object)
{
  PsiRecordList *self = PSI_RECORD_LIST (object);

  G_OBJECT_CLASS (psi_record_list_parent_class)->constructed (object);

  g_assert (PSI_IS_STORE (self->store));

  g_signal_connect_object (self->store, "record-will-change",
                           G_CALLBACK (record_will_change_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "record-did-change",
                           G_CALLBACK (record_did_change_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "record-changed",
                           G_CALLBACK (record_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changes-committed",
                           G_CALLBACK (changes_committed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changes-discarded",
                           G_CALLBACK (changes_discarded_cb), self, G_CONNECT_SWAPPED);

  build_queries (self);
  self->n_items = count_rows_and_choose (self);
}

static void
psi_record_list_dispose (GObject *object)
{
  PsiRecordList *self = PSI_RECORD_LIST (object);

  if (self->pages != NULL)
    drop_pages (self);
  clear_statements (self);
  forget_changes (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (psi_record_list_parent_class)->dispose (object);
}

static void
psi_record_list_finalize (GObject *object)
{
  PsiRecordList *self = PSI_RECORD_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_fold, g_free);
  g_clear_pointer (&self->search_fts, g_free);
  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (psi_record_list_parent_class)->finalize (object);
}

static void
psi_record_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsiRecordList *self = PSI_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_SORT_KEY:
      g_value_set_string (value, self->sort_key);
      break;

    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_record_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsiRecordList *self = PSI_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_SEARCH:
      psi_record_list_set_search (self, g_value_get_string (value));
      break;

    case PROP_SORT_KEY:
      psi_record_list_set_sort (self, g_value_get_string (value), self->descending);
      break;

    case PROP_DESCENDING:
      psi_record_list_set_sort (self, self->sort_key, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_record_list_class_init (PsiRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = psi_record_list_constructed;
  object_class->dispose = psi_record_list_dispose;
  object_class->finalize = psi_record_list_finalize;
  object_class->get_property = psi_record_list_get_property;
  object_class->set_property = psi_record_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PSI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PSI_TYPE_RECORD_KIND, PSI_RECORD_KIND_ORGANISATION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_KEY] =
    g_param_spec_string ("sort-key", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_record_list_init (PsiRecordList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->override_pos = NO_POS;
  self->sparse_limit = SPARSE_LIMIT;
  g_queue_init (&self->ops);
}

/* Public API */

PsiRecordList *
psi_record_list_new (PsiStore      *store,
                     PsiRecordKind  kind)
{
  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);

  return g_object_new (PSI_TYPE_RECORD_LIST,
                       "store", store,
                       "kind", kind,
                       NULL);
}

PsiStore *
psi_record_list_get_store (PsiRecordList *self)
{
  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), NULL);
  return self->store;
}

PsiRecordKind
psi_record_list_get_kind (PsiRecordList *self)
{
  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), 0);
  return self->kind;
}

const char *
psi_record_list_get_search (PsiRecordList *self)
{
  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), NULL);
  return self->search;
}

void
psi_record_list_set_search (PsiRecordList *self,
                            const char    *search)
{
  g_autofree char *fold = NULL;

  g_return_if_fail (PSI_IS_RECORD_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  if (search != NULL)
    fold = psi_fold_query (search);
  g_clear_pointer (&self->search_fold, g_free);
  g_clear_pointer (&self->search_fts, g_free);
  if (fold != NULL && *fold != '\0')
    {
      /* The trigram index answers three characters or more. */
      if (g_utf8_strlen (fold, -1) >= 3)
        {
          g_auto(GStrv) parts = g_strsplit (fold, "\"", -1);
          g_autofree char *quoted = g_strjoinv ("\"\"", parts);

          /* One FTS5 string: the whole text, quotes doubled */
          self->search_fts = g_strconcat ("\"", quoted, "\"", NULL);
        }
      self->search_fold = g_steal_pointer (&fold);
    }

  if (self->store != NULL)
    {
      forget_changes (self);
      build_queries (self);
      reset_all (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
psi_record_list_set_sort (PsiRecordList *self,
                          const char    *sort_key,
                          gboolean       descending)
{
  gboolean key_changed;
  gboolean desc_changed;

  g_return_if_fail (PSI_IS_RECORD_LIST (self));

  descending = !!descending;
  key_changed = g_strcmp0 (self->sort_key, sort_key) != 0;
  desc_changed = self->descending != descending;
  if (!key_changed && !desc_changed)
    return;

  g_free (self->sort_key);
  self->sort_key = g_strdup (sort_key);
  self->descending = descending;

  if (self->store != NULL)
    {
      guint n = self->n_items;

      forget_changes (self);
      self->form = choose_form (self, n);
      build_queries (self);
      drop_pages (self);
      if (n > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
    }
  if (key_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_KEY]);
  if (desc_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
}

guint
psi_record_list_find (PsiRecordList *self,
                      gint64         id)
{
  guint pos;

  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), G_MAXUINT);

  pos = position_of (self, id);
  return pos < self->n_items ? pos : G_MAXUINT;
}

void
psi_record_list_reload (PsiRecordList *self)
{
  g_return_if_fail (PSI_IS_RECORD_LIST (self));

  forget_changes (self);
  build_queries (self);
  reset_all (self);
}

static int
find_filter_def (PsiRecordKind  kind,
                 const char    *name)
{
  for (guint i = 0; i < N_FILTER_DEFS; i++)
    if (filter_defs[i].kind == kind && g_strcmp0 (filter_defs[i].name, name) == 0)
      return (int) i;
  return -1;
}

gboolean
psi_record_list_set_filter (PsiRecordList *self,
                            const char    *filter,
                            gint64         value)
{
  int i;

  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  i = find_filter_def (self->kind, filter);
  if (i < 0)
    return FALSE;
  if (filter_defs[i].award_kind)
    g_return_val_if_fail (psi_enum_to_nick (PSI_TYPE_AWARD_KIND, (int) value) != NULL, FALSE);
  if (self->filter_set[i] && self->filter_value[i] == value)
    return TRUE;

  self->filter_set[i] = TRUE;
  self->filter_value[i] = value;
  psi_record_list_reload (self);
  return TRUE;
}

void
psi_record_list_clear_filter (PsiRecordList *self,
                              const char    *filter)
{
  int i;

  g_return_if_fail (PSI_IS_RECORD_LIST (self));
  g_return_if_fail (filter != NULL);

  i = find_filter_def (self->kind, filter);
  if (i < 0 || !self->filter_set[i])
    return;
  self->filter_set[i] = FALSE;
  self->filter_value[i] = 0;
  psi_record_list_reload (self);
}

gboolean
psi_record_list_get_filter (PsiRecordList *self,
                            const char    *filter,
                            gint64        *value)
{
  int i;

  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  i = find_filter_def (self->kind, filter);
  if (i < 0 || !self->filter_set[i])
    return FALSE;
  if (value != NULL)
    *value = self->filter_value[i];
  return TRUE;
}

/* Private */

void
_psi_record_list_set_sparse_limit (PsiRecordList *self,
                                   guint          limit)
{
  g_return_if_fail (PSI_IS_RECORD_LIST (self));

  self->sparse_limit = limit;
  psi_record_list_reload (self);
}

const char *
_psi_record_list_get_form (PsiRecordList *self)
{
  static const char *const names[] = {
    [FORM_SPARSE] = "sparse",
    [FORM_DENSE] = "dense",
    [FORM_COMPETITIONS] = "competitions",
  };

  g_return_val_if_fail (PSI_IS_RECORD_LIST (self), NULL);
  return names[self->form];
}
