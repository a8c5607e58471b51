/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Searching: the sample conference found in every script, a file of schema version 1 brought to
 * version 2 (search text folded again, indexes and award counts filled), the forms of the
 * award filter giving the same rows, the award counts kept through changes, search texts
 * that look like FTS5 syntax, and the filters by a column (competition, kind of award, region,
 * event) alone and with searches, sorts and changes. */

#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "psi-record-list.h"
#include "psi-sample.h"
#include "psi-store.h"
#include "psi-store-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  PsiStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  psi_language_set_current (PSI_LANGUAGE_EN);
  f->dir = g_dir_make_tmp ("psi-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "records.sqlite", NULL);
}

/* The fixture with the sample conference loaded */
static void
fixture_set_up_sample (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (f, data);
  f->store = psi_sample_open_store (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  g_assert_false (psi_store_is_empty (f->store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Helpers */

static gint64
raw_int (PsiStore   *store,
         const char *sql,
         const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_psi_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
raw_text (PsiStore   *store,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (_psi_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The records of kind that a search must find: a scan of the folded names (and, for awards,
 * of their recipient's and competition's), the slow way. */
static gint64
scan_count (PsiStore      *store,
            PsiRecordKind  kind,
            const char    *search)
{
  g_autofree char *fold = psi_fold_query (search);
  g_autofree char *sql = NULL;

  if (*fold == '\0')
    {
      sql = g_strdup_printf ("SELECT count(*) FROM %s", _psi_store_kind_table (kind));
      return raw_int (store, sql, NULL);
    }
  if (kind == PSI_RECORD_KIND_AWARD)
    return raw_int (store,
                    "SELECT count(*) FROM award AS t WHERE instr (t.search, ?1) > 0"
                    " OR (SELECT instr (search, ?1) > 0 FROM municipality"
                    "     WHERE id = t.municipality_id)"
                    " OR (SELECT instr (search, ?1) > 0 FROM cluster WHERE id = t.cluster_id)"
                    " OR (SELECT instr (search, ?1) > 0 FROM competition"
                    "     WHERE id = t.competition_id)",
                    fold);
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE instr (search, ?1) > 0",
                         _psi_store_kind_table (kind));
  return raw_int (store, sql, fold);
}

static GArray *
list_ids (PsiRecordList *list)
{
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (model, i);
      gint64 id;

      g_assert_nonnull (record);
      id = psi_record_get_id (record);
      g_array_append_val (ids, id);
    }
  g_assert_null (g_list_model_get_item (model, n));
  return ids;
}

/* Every record of kind whose names (title) in any language the search finds */
static guint
search_count (PsiStore      *store,
              PsiRecordKind  kind,
              const char    *search)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);

  psi_record_list_set_search (list, search);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The records of kind the search finds include one with that English name */
static gboolean
search_finds (PsiStore      *store,
              PsiRecordKind  kind,
              const char    *search,
              const char    *name_en)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);
  GListModel *model = G_LIST_MODEL (list);

  psi_record_list_set_search (list, search);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (model, i);
      PsiText *name = kind == PSI_RECORD_KIND_AWARD
        ? psi_award_get_recipient_name (PSI_AWARD (record))
        : psi_record_get_name (record);

      if (g_strcmp0 (psi_text_get_exact (name, PSI_LANGUAGE_EN), name_en) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The sample: every name in every script */

typedef struct
{
  PsiRecordKind  kind;
  const char    *en;          /* the English name of the record */
  const char    *typed[3];    /* what is typed, in English, Russian and Kyrgyz spelling */
} SampleName;

static const SampleName sample_names[] = {
  { PSI_RECORD_KIND_REGION, "Jalal-Abad region", { "jalal", "Джалал", "Жалал-Абад" } },
  { PSI_RECORD_KIND_REGION, "Issyk-Kul region", { "Issyk", "Иссык", "Ысык" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Beshik-Jon", { "Beshik-Jon", "бешик", "Бешик-Жо" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Teplokluchenka", { "tepl", "Теплоключенка", "теплок" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Dostuk", { "Dostuk", "Достук", "дост" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "B. Mambetov", { "Mambetov", "Б. Мамбетов", "мамб" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Masy", { "Masy", "Масы", "МАСЫ" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Toktogul (town)", { "Toktogul", "Токтогул", "токто" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Orgochor", { "Orgochor", "Оргочор", "оргоч" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Kerege-Tash", { "Kerege-Tash", "Кереге-Таш", "кереге" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Oktyabr", { "Okty", "Октябрь", "октя" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Kyzyl-Suu", { "Kyzyl-Suu", "Кызыл-Суу", "кызыл" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Svetlaya Polyana", { "Svetlaya", "Светлая Поляна", "поля" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Saruu", { "Saruu", "Саруу", "сару" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Darhan", { "Darkhan", "Дархан", "дарх" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Chelpek", { "Chelpek", "Челпек", "челп" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Burgondu", { "Burgondu", "Бургонду", "Бургөндү" } },
  { PSI_RECORD_KIND_MUNICIPALITY, "Kenesh", { "kenesh", "кенеш", "Кеңеш" } },
  { PSI_RECORD_KIND_CLUSTER, "Kenesh cluster", { "Kenesh", "Кенеш", "Кеңеш" } },
  { PSI_RECORD_KIND_CLUSTER, "Teplokluchenka cluster", { "tepl", "Теплоключ", "теплок" } },
  { PSI_RECORD_KIND_CLUSTER, "Kyzyl-Suu cluster", { "kyzyl", "Кызыл-Суу", "Кызыл" } },
  { PSI_RECORD_KIND_ORGANISATION, "Helvetas Kyrgyzstan",
    { "Helvetas", "Хельветас", "ХЕЛЬВЕТАС" } },
  { PSI_RECORD_KIND_ORGANISATION, "Helvetas Kyrgyzstan", { "Kyrgyzstan", "Кыргызстан", "кырг" } },
  /* Awards are found by their recipients */
  { PSI_RECORD_KIND_AWARD, "Beshik-Jon", { "beshik", "Бешик", "бешик-жон" } },
  { PSI_RECORD_KIND_AWARD, "Teplokluchenka", { "Teplokl", "Теплоключенка", "тепло" } },
  { PSI_RECORD_KIND_AWARD, "Kenesh cluster", { "kenesh", "кенеш", "кеңеш" } },
};

static void
test_search_sample (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (sample_names); i++)
    for (guint l = 0; l < 3; l++)
      {
        const SampleName *name = &sample_names[i];

        if (!search_finds (f->store, name->kind, name->typed[l], name->en))
          g_error ("Searching %s for “%s” does not find “%s”",
                   _psi_store_kind_table (name->kind), name->typed[l], name->en);
      }

  /* The examples */
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_MUNICIPALITY, "tepl", "Teplokluchenka"));
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_MUNICIPALITY, "бешик", "Beshik-Jon"));
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_MUNICIPALITY, "кенеш", "Kenesh"));

  /* Exact numbers: what matches and nothing else */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "кенеш"), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "tepl"), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_CLUSTER, "tepl"), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "qwerty"), ==, 0);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, ""), ==, 16);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "  "), ==, 16);
  /* Awards: Beshik-Jon's own award and the Kenesh cluster's (Beshik-Jon is a member, but awards
   * are found by their recipient's name, not their members') */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "Beshik"), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "Кеңеш"), ==, 1);
  /* A competition name finds its awards: 8 in the first competition */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "коммунал"), ==, 8);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "коммунал"), ==,
                    scan_count (f->store, PSI_RECORD_KIND_AWARD, "коммунал"));
  /* One or two letters: no index, a scan */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "ke"), ==,
                    scan_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "ke"));
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "ke"), ==, 2);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "b"), ==,
                    scan_count (f->store, PSI_RECORD_KIND_AWARD, "b"));
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "b"), >, 0);
  /* "k" may be the start of "kh": folded to nothing yet, it shows everything */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "k"), ==, 14);

  g_assert_true (psi_store_check_integrity (f->store, NULL));
}

/* Every kind, every search text: the list finds what a scan finds. */
static void
test_search_matches_scan (Fixture       *f,
                          gconstpointer  data)
{
  static const char *const searches[] = {
    "a", "ke", "kenesh", "Кеңеш", "tepl", "Тепло", "information", "campaign", "кампания",
    "region", "облус", "Jalal", "Жалал", "cluster", "кластер", "SDC", "ХЕЛЬВЕТАС", "2020", "x",
    "Б. М", "(town)", "qwerty",
  };

  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        guint found = search_count (f->store, k, searches[i]);
        gint64 expected = scan_count (f->store, k, searches[i]);

        if (found != expected)
          g_error ("Searching %s for “%s” finds %u, a scan %" G_GINT64_FORMAT,
                   _psi_store_kind_table (k), searches[i], found, expected);
      }
}

/* Search texts that are FTS5 syntax are searched for as text. */
static void
test_search_hostile (Fixture       *f,
                     gconstpointer  data)
{
  gint64 n_awards = psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL);
  static const char *const searches[] = {
    "\"", "\"\"", "\"kenesh\"", "kenesh\" OR \"a", "\" OR 1 --", "NEAR(kenesh tepl)",
    "kenesh AND tepl", "kenesh OR", "*", "kene*", "^kenesh", "-kenesh", "search:kenesh",
    "'; DROP TABLE award; --", "\\", "(((", "\xff\xfe", "ке\xd0", "\t\n",
  };

  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      g_assert_cmpuint (search_count (f->store, k, searches[i]), ==,
                        scan_count (f->store, k, searches[i]));

  /* Quotes and operators are not part of the search */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "\"kenesh\""), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, "kene*"), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "'; DROP TABLE award; --"),
                    ==, 0);
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL), ==, n_awards);
  g_assert_cmpint (n_awards, ==, 14);
}

/* The award filter in each of its forms gives the same rows, in every order. */

static gint64
add_award (PsiStore   *store,
           gint64      competition_id,
           gint64      municipality_id,
           gint64      cluster_id,
           guint       place,
           const char *name_en)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiAward) award = psi_award_new ();

  psi_award_set_competition_id (award, competition_id);
  psi_award_set_municipality_id (award, municipality_id);
  psi_award_set_cluster_id (award, cluster_id);
  psi_award_set_place (award, place);
  if (name_en != NULL)
    {
      g_autoptr(PsiText) name = psi_text_new (name_en, NULL, NULL);

      psi_record_set_name (PSI_RECORD (award), name);
    }
  g_assert_true (psi_store_save (store, PSI_RECORD (award), &error));
  g_assert_no_error (error);
  return psi_record_get_id (PSI_RECORD (award));
}

static GArray *
ids_of_kind (PsiStore      *store,
             PsiRecordKind  kind)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);

  return list_ids (list);
}

/* More awards, some with names of their own, so that forms and merges have work to do */
static void
add_awards (PsiStore *store,
            guint     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) competitions = ids_of_kind (store, PSI_RECORD_KIND_COMPETITION);
  g_autoptr(GArray) municipalities = ids_of_kind (store, PSI_RECORD_KIND_MUNICIPALITY);
  g_autoptr(GArray) clusters = ids_of_kind (store, PSI_RECORD_KIND_CLUSTER);

  g_assert_true (psi_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      gint64 competition = g_array_index (competitions, gint64, i % competitions->len);
      gint64 municipality = i % 3 == 0 ? 0 : g_array_index (municipalities, gint64,
                                                            (i * 7) % municipalities->len);
      gint64 cluster = i % 3 == 0 && i % 2 == 0 ? g_array_index (clusters, gint64,
                                                                 i % clusters->len) : 0;

      add_award (store, competition, municipality, cluster, i % 4,
                 i % 17 == 0 ? "Kenesh special prize" : NULL);
    }
  g_assert_true (psi_store_commit (store, &error));
}

static void
test_search_forms (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const searches[] = {
    "kenesh", "Кеңеш", "tepl", "information", "коммунал", "plan", "special", "ke", "b", "qwerty",
  };
  static const char *const sorts[] = { NULL, "title", "place", "competition", "kind" };
  gboolean seen_dense = FALSE, seen_competitions = FALSE;

  add_awards (f->store, 300);

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (guint o = 0; o < G_N_ELEMENTS (sorts) * 2; o++)
      {
        g_autoptr(PsiRecordList) sparse = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
        g_autoptr(PsiRecordList) other = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
        g_autoptr(GArray) a = NULL;
        g_autoptr(GArray) b = NULL;
        gboolean descending = o % 2;

        _psi_record_list_set_sparse_limit (sparse, G_MAXUINT);
        _psi_record_list_set_sparse_limit (other, 0);
        psi_record_list_set_search (sparse, searches[s]);
        psi_record_list_set_search (other, searches[s]);
        psi_record_list_set_sort (sparse, sorts[o / 2], descending);
        psi_record_list_set_sort (other, sorts[o / 2], descending);

        g_assert_cmpstr (_psi_record_list_get_form (sparse), ==, "sparse");
        if (g_list_model_get_n_items (G_LIST_MODEL (other)) > 0)
          {
            const char *form = _psi_record_list_get_form (other);

            if (g_str_equal (form, "sparse"))
              g_error ("“%s” sorted by %s: sparse", searches[s], sorts[o / 2]);
            seen_dense |= g_str_equal (form, "dense");
            seen_competitions |= g_str_equal (form, "competitions");
          }

        a = list_ids (sparse);
        b = list_ids (other);
        g_assert_cmpuint (a->len, ==, scan_count (f->store, PSI_RECORD_KIND_AWARD,
                                                  searches[s]));
        g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));

        /* Random access from the end (OFFSET seek backwards) and finding a row */
        if (a->len > 2)
          {
            gint64 last = g_array_index (a, gint64, a->len - 1);
            g_autoptr(PsiRecordList) fresh = psi_record_list_new (f->store,
                                                                  PSI_RECORD_KIND_AWARD);
            g_autoptr(PsiRecord) record = NULL;

            _psi_record_list_set_sparse_limit (fresh, 0);
            psi_record_list_set_search (fresh, searches[s]);
            psi_record_list_set_sort (fresh, sorts[o / 2], descending);
            record = g_list_model_get_item (G_LIST_MODEL (fresh), a->len - 1);
            g_assert_cmpint (psi_record_get_id (record), ==, last);
            if (psi_record_list_find (fresh, last) != a->len - 1)
              g_error ("“%s” sorted by %s%s (%s): the last row is found at %u, not %u",
                       searches[s], sorts[o / 2], descending ? " descending" : "",
                       _psi_record_list_get_form (fresh), psi_record_list_find (fresh, last),
                       a->len - 1);
          }
      }

  g_assert_true (seen_dense);
  g_assert_true (seen_competitions);
}

/* A list follows changes in each form: what items-changed says adds up to a fresh list. */

typedef struct
{
  guint n;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->n);
  mirror->n = mirror->n - removed + added;
  g_assert_cmpuint (mirror->n, ==, g_list_model_get_n_items (model));
}

static void
assert_like_fresh (PsiRecordList *list,
                   Mirror        *mirror)
{
  g_autoptr(PsiRecordList) fresh = psi_record_list_new (psi_record_list_get_store (list),
                                                        PSI_RECORD_KIND_AWARD);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  psi_record_list_set_search (fresh, psi_record_list_get_search (list));
  a = list_ids (list);
  b = list_ids (fresh);
  g_assert_cmpuint (mirror->n, ==, a->len);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
}

static void
test_search_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) competitions = ids_of_kind (f->store, PSI_RECORD_KIND_COMPETITION);
  g_autoptr(PsiRecordList) list = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
  gint64 competition = g_array_index (competitions, gint64, 0);
  Mirror mirror = { 0 };
  gint64 named, other;

  /* Only a competition matches: the form that reads the competition index */
  _psi_record_list_set_sparse_limit (list, 0);
  psi_record_list_set_search (list, "коммунал");
  mirror.n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  g_assert_cmpstr (_psi_record_list_get_form (list), ==, "competitions");
  g_assert_cmpuint (mirror.n, ==, 8);

  add_award (f->store, competition, 0, 0, 1, NULL);
  assert_like_fresh (list, &mirror);
  g_assert_cmpuint (mirror.n, ==, 9);

  /* An award of another competition whose own name matches: now two parts match */
  other = g_array_index (competitions, gint64, 1);
  named = add_award (f->store, other, 0, 0, 0, "Коммуналдык сыйлык");
  assert_like_fresh (list, &mirror);
  g_assert_cmpuint (mirror.n, ==, 10);
  g_assert_cmpstr (_psi_record_list_get_form (list), ==, "dense");

  /* Renamed away, then deleted */
  {
    g_autoptr(PsiRecord) award = psi_store_load (f->store, PSI_RECORD_KIND_AWARD, named, &error);
    g_autoptr(PsiText) name = psi_text_new ("Other prize", NULL, NULL);

    g_assert_no_error (error);
    psi_record_set_name (award, name);
    g_assert_true (psi_store_save (f->store, award, &error));
    g_assert_no_error (error);
  }
  assert_like_fresh (list, &mirror);
  g_assert_cmpuint (mirror.n, ==, 9);
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_AWARD, named, &error));
  g_assert_no_error (error);
  assert_like_fresh (list, &mirror);

  /* A competition renamed so that it matches too */
  {
    g_autoptr(PsiRecord) record = psi_store_load (f->store, PSI_RECORD_KIND_COMPETITION, other,
                                                  &error);
    g_autoptr(PsiText) name = psi_text_new ("Communal plans", NULL, NULL);

    g_assert_no_error (error);
    psi_record_set_name (record, name);
    g_assert_true (psi_store_save (f->store, record, &error));
  }
  psi_record_list_set_search (list, "kommunal");
  assert_like_fresh (list, &mirror);
  g_assert_cmpuint (mirror.n, ==, scan_count (f->store, PSI_RECORD_KIND_AWARD, "kommunal"));
  g_assert_cmpuint (mirror.n, >, 9);

  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

/* award_count follows inserts, moves, deletes and rollbacks; the integrity check sees when
 * the counts or the index do not match. */
static void
test_search_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) competitions = ids_of_kind (f->store, PSI_RECORD_KIND_COMPETITION);
  g_autoptr(GArray) municipalities = ids_of_kind (f->store, PSI_RECORD_KIND_MUNICIPALITY);
  gint64 competition = g_array_index (competitions, gint64, 0);
  gint64 m1 = g_array_index (municipalities, gint64, 0);
  gint64 m2 = g_array_index (municipalities, gint64, 1);
  const char *count_sql = "SELECT award_count FROM municipality WHERE id = ?1";
  g_autofree char *m1_text = g_strdup_printf ("%" G_GINT64_FORMAT, m1);
  g_autofree char *m2_text = g_strdup_printf ("%" G_GINT64_FORMAT, m2);
  gint64 before1 = raw_int (f->store, count_sql, m1_text);
  gint64 before2 = raw_int (f->store, count_sql, m2_text);
  gint64 award;

  /* Inside a transaction, a search counts what was written so far. */
  g_assert_true (psi_store_begin (f->store, &error));
  award = add_award (f->store, competition, m1, 0, 1, NULL);
  add_award (f->store, competition, m1, 0, 2, NULL);
  {
    g_autoptr(PsiRecord) record = psi_store_load (f->store, PSI_RECORD_KIND_MUNICIPALITY, m1,
                                                  &error);
    const char *en = psi_text_get_exact (psi_record_get_name (record), PSI_LANGUAGE_EN);

    g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, en), ==,
                      scan_count (f->store, PSI_RECORD_KIND_AWARD, en));
  }
  g_assert_true (psi_store_commit (f->store, &error));
  g_assert_cmpint (raw_int (f->store, count_sql, m1_text), ==, before1 + 2);

  /* Moved to another municipality */
  {
    g_autoptr(PsiRecord) record = psi_store_load (f->store, PSI_RECORD_KIND_AWARD, award, &error);

    psi_award_set_municipality_id (PSI_AWARD (record), m2);
    g_assert_true (psi_store_save (f->store, record, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_int (f->store, count_sql, m1_text), ==, before1 + 1);
  g_assert_cmpint (raw_int (f->store, count_sql, m2_text), ==, before2 + 1);

  /* Rolled back: nothing */
  g_assert_true (psi_store_begin (f->store, &error));
  add_award (f->store, competition, m2, 0, 1, NULL);
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_AWARD, award, &error));
  psi_store_rollback (f->store);
  g_assert_cmpint (raw_int (f->store, count_sql, m2_text), ==, before2 + 1);

  /* Deleted */
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_AWARD, award, &error));
  g_assert_cmpint (raw_int (f->store, count_sql, m2_text), ==, before2);

  /* A refused award changes no count */
  {
    g_autoptr(PsiAward) bad = psi_award_new ();

    psi_award_set_competition_id (bad, competition);
    psi_award_set_municipality_id (bad, 999999);
    g_assert_false (psi_store_save (f->store, PSI_RECORD (bad), &error));
    g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, "999999"));
    g_clear_error (&error);
  }
  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* Written behind the store's back: the check says so. */
  raw_exec (_psi_store_get_db (f->store),
            "UPDATE municipality SET award_count = award_count + 1 WHERE id = "
            "(SELECT min(id) FROM municipality)");
  g_assert_false (psi_store_check_integrity (f->store, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "award counts of table municipality"));
  g_clear_error (&error);
  raw_exec (_psi_store_get_db (f->store),
            "UPDATE municipality SET award_count = award_count - 1 WHERE id = "
            "(SELECT min(id) FROM municipality)");

  raw_exec (_psi_store_get_db (f->store),
            "UPDATE region SET search = 'somewhere' WHERE id = (SELECT min(id) FROM region)");
  g_assert_false (psi_store_check_integrity (f->store, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "search index of table region"));
  g_clear_error (&error);
  raw_exec (_psi_store_get_db (f->store), "INSERT INTO region_fts (region_fts) VALUES ('rebuild')");
  g_assert_true (psi_store_check_integrity (f->store, NULL));
}

/* A file of schema version 1 (the search text of version 1: Cyrillic kept, awards with their
 * recipient's and competition's names) is brought to version 2 when it is opened. */
static void
test_search_migrate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (_psi_store_migrate_to (db, 1, &error));
  g_assert_no_error (error);
  raw_exec (db,
            "BEGIN;"
            "INSERT INTO region (id, uuid, name_en, name_ru, name_ky, search) VALUES"
            " (1, 'r1', 'Jalal-Abad region', 'Джалал-Абадская область', 'Жалал-Абад облусу',"
            "  'jalal-abad region' || char(10) || 'джалал-абадская область' || char(10) ||"
            "  'жалал-абад облусу');"
            "INSERT INTO municipality (id, uuid, name_en, name_ru, name_ky, search,"
            " municipality_kind, region_id, pilot) VALUES"
            " (1, 'm1', 'Kenesh', 'Кенеш', 'Кеңеш',"
            "  'kenesh' || char(10) || 'кенеш' || char(10) || 'кенеш', 'rural', 1, 1),"
            " (2, 'm2', 'Beshik-Jon', 'Бешик-Жон', 'Бешик-Жон',"
            "  'beshik-jon' || char(10) || 'бешик-жон' || char(10) || 'бешик-жон', 'rural', 1, 1),"
            " (3, 'm3', NULL, NULL, NULL, char(10) || char(10), 'rural', 1, 0);"
            "INSERT INTO organisation (id, uuid, name_en, name_ru, name_ky, search, role,"
            " abbreviation_en, abbreviation_ru, abbreviation_ky) VALUES"
            " (1, 'o1', 'Helvetas Kyrgyzstan', 'Хельветас Кыргызстан', 'Хельветас Кыргызстан',"
            "  'helvetas kyrgyzstan' || char(10) || 'хельветас кыргызстан' || char(10) ||"
            "  'хельветас кыргызстан' || char(10) || 'helvetas' || char(10) || 'хельветас'"
            "  || char(10) || 'хельветас', 'implementer', 'HELVETAS', 'ХЕЛЬВЕТАС', 'ХЕЛЬВЕТАС');"
            "INSERT INTO cluster (id, uuid, name_en, name_ru, name_ky, search) VALUES"
            " (1, 'c1', 'Kenesh cluster', 'Кластер Кенеш', 'Кеңеш кластери',"
            "  'kenesh cluster' || char(10) || 'кластер кенеш' || char(10) || 'кенеш кластери');"
            "INSERT INTO cluster_member (cluster_id, municipality_id, position) VALUES (1, 1, 0),"
            " (1, 2, 1);"
            "INSERT INTO event (id, uuid, name_en, search, event_kind, date) VALUES"
            " (1, 'e1', 'Year-end conference', 'year-end conference' || char(10) || char(10),"
            "  'conference', '2020-12-16');"
            "INSERT INTO competition (id, uuid, name_en, name_ru, search, event_id, entrant_kind)"
            " VALUES (1, 'k1', 'Information campaign', 'Информационная кампания',"
            "  'information campaign' || char(10) || 'информационная кампания' || char(10),"
            "  1, 'municipality');"
            "INSERT INTO award (id, uuid, name_en, name_ru, name_ky, search, competition_id,"
            " municipality_id, cluster_id, recipient_count, place, award_kind) VALUES"
            " (1, 'a1', NULL, NULL, NULL, 'kenesh' || char(10) || 'кенеш' || char(10) ||"
            "  'кенеш' || char(10) || 'information campaign', 1, 1, NULL, 1, 1, 'winner'),"
            " (2, 'a2', NULL, NULL, NULL, 'beshik-jon' || char(10) || 'information campaign',"
            "  1, 2, NULL, 1, 1, 'winner'),"
            " (3, 'a3', NULL, NULL, NULL, 'kenesh cluster' || char(10) || 'information',"
            "  1, NULL, 1, 1, 2, 'winner'),"
            " (4, 'a4', 'Special prize', 'Особый приз', 'Атайын сыйлык', 'special prize',"
            "  1, NULL, NULL, 20, 0, 'incentive-prize');"
            "COMMIT;");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_get_schema_version (f->store), ==, 3);

  /* The search text is folded again; awards keep only their own names. */
  search = raw_text (f->store, "SELECT search FROM municipality WHERE id = 1");
  g_assert_cmpstr (search, ==, "kenesh\nkenesh\nkenesh");
  g_clear_pointer (&search, g_free);
  search = raw_text (f->store, "SELECT search FROM municipality WHERE id = 3");
  g_assert_cmpstr (search, ==, "");
  g_clear_pointer (&search, g_free);
  search = raw_text (f->store, "SELECT search FROM organisation WHERE id = 1");
  g_assert_cmpstr (search, ==, "helvetas kirgizstan\nhelvetas kirgizstan\nhelvetas kirgizstan\n"
                               "helvetas\nhelvetas\nhelvetas");
  g_clear_pointer (&search, g_free);
  search = raw_text (f->store, "SELECT search FROM award WHERE id = 1");
  g_assert_cmpstr (search, ==, "");
  g_clear_pointer (&search, g_free);
  search = raw_text (f->store, "SELECT search FROM award WHERE id = 4");
  g_assert_cmpstr (search, ==, "spetsial prize\nosobi priz\natain silik");

  /* The indexes are filled, the award counts counted */
  g_assert_cmpint (raw_int (f->store, "SELECT count(*) FROM municipality_fts"
                                      " WHERE municipality_fts MATCH '\"kenesh\"'", NULL), ==, 1);
  g_assert_cmpint (raw_int (f->store, "SELECT count(*) FROM cluster_fts"
                                      " WHERE cluster_fts MATCH '\"kenesh\"'", NULL), ==, 1);
  g_assert_cmpint (raw_int (f->store, "SELECT count(*) FROM award_fts"
                                      " WHERE award_fts MATCH '\"prize\"'", NULL), ==, 1);
  g_assert_cmpint (raw_int (f->store, "SELECT award_count FROM municipality WHERE id = 1", NULL),
                   ==, 1);
  g_assert_cmpint (raw_int (f->store, "SELECT award_count FROM cluster WHERE id = 1", NULL),
                   ==, 1);
  g_assert_cmpint (raw_int (f->store, "SELECT award_count FROM competition WHERE id = 1", NULL),
                   ==, 4);
  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* And searches work across scripts */
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_MUNICIPALITY, "бешик", "Beshik-Jon"));
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_MUNICIPALITY, "Кеңеш", "Kenesh"));
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_ORGANISATION, "хельв",
                              "Helvetas Kyrgyzstan"));
  g_assert_true (search_finds (f->store, PSI_RECORD_KIND_REGION, "Jalal", "Jalal-Abad region"));
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "кенеш"), ==, 2);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "beshik"), ==, 1);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "кампания"), ==, 4);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "сыйлык"), ==, 1);
  /* Own name and competition both match: merged, not counted twice */
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "i"), ==, 4);

  /* Opened again: nothing to migrate, the same file */
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_get_schema_version (f->store), ==, 3);
  g_assert_cmpuint (search_count (f->store, PSI_RECORD_KIND_AWARD, "кенеш"), ==, 2);
}

/* A new file has every index and count from the start. */
static void
test_search_schema (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PSI_STORE_SCHEMA_VERSION, ==, 3);
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s_fts", _psi_store_kind_table (k));

      g_assert_cmpint (raw_int (f->store, "SELECT count(*) FROM sqlite_schema"
                                          " WHERE name = ?1 AND sql LIKE '%fts5%trigram%'",
                                name), ==, 1);
    }
  g_assert_cmpint (raw_int (f->store, "SELECT count(*) FROM pragma_table_info ('competition')"
                                      " WHERE name = 'award_count'", NULL), ==, 1);
  g_assert_true (psi_store_check_integrity (f->store, NULL));
}

/* Filters by a column: the rows SQLite gives for the same condition, combined with the search
 * and every order, followed through changes; unknown filters refused. */

static gint64
filtered_count (PsiStore   *store,
                const char *sql,
                gint64      value)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_psi_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, value);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Every row of the list passes check; the list has as many rows as expected */
static void
assert_awards (PsiRecordList *list,
               gint64         competition,
               int            award_kind,
               gint64         expected)
{
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GArray) ids = list_ids (list);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert_cmpint (g_list_model_get_n_items (model), ==, expected);
  g_assert_cmpuint (ids->len, ==, expected);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PsiAward) award = g_list_model_get_item (model, i);

      if (competition > 0)
        g_assert_cmpint (psi_award_get_competition_id (award), ==, competition);
      if (award_kind >= 0)
        g_assert_cmpint (psi_award_get_award_kind (award), ==, award_kind);
      g_assert_true (g_hash_table_add (seen, g_memdup2 (&g_array_index (ids, gint64, i),
                                                        sizeof (gint64))));
    }
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const sorts[] = { NULL, "title", "place", "kind", "grant", "competition" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) competitions = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autoptr(PsiRecordList) awards = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
  g_autoptr(PsiRecordList) municipalities = NULL;
  gint64 all = psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL);
  gint64 conditional, value = 0;
  guint checked = 0;
  Mirror mirror = { 0 };

  add_awards (f->store, 300);
  all = psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL);
  competitions = ids_of_kind (f->store, PSI_RECORD_KIND_COMPETITION);
  g_assert_cmpuint (competitions->len, >, 1);

  /* Filters the kind does not have */
  g_assert_false (psi_record_list_set_filter (awards, "region", 1));
  g_assert_false (psi_record_list_set_filter (awards, "nonsense", 1));
  g_assert_false (psi_record_list_get_filter (awards, "competition", NULL));
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (awards)), ==, all);

  /* By competition, in every order, alone and with searches */
  for (guint c = 0; c < competitions->len; c++)
    {
      gint64 competition = g_array_index (competitions, gint64, c);
      gint64 expected = filtered_count (f->store,
                                        "SELECT count(*) FROM award WHERE competition_id = ?1",
                                        competition);

      g_assert_true (psi_record_list_set_filter (awards, "competition", competition));
      g_assert_true (psi_record_list_get_filter (awards, "competition", &value));
      g_assert_cmpint (value, ==, competition);
      for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
        {
          psi_record_list_set_sort (awards, sorts[s], s % 2 == 1);
          assert_awards (awards, competition, -1, expected);
          checked++;
        }
      psi_record_list_set_sort (awards, NULL, FALSE);

      /* With a search: the rows of the search that are of the competition */
      psi_record_list_set_search (awards, "kenesh");
      {
        g_autofree char *fold = psi_fold_query ("kenesh");
        sqlite3_stmt *stmt = NULL;
        gint64 n;

        g_assert_cmpint (sqlite3_prepare_v2 (_psi_store_get_db (f->store),
                           "SELECT count(*) FROM award AS t WHERE t.competition_id = ?2 AND"
                           " (instr (t.search, ?1) > 0"
                           " OR (SELECT instr (search, ?1) > 0 FROM municipality"
                           "     WHERE id = t.municipality_id)"
                           " OR (SELECT instr (search, ?1) > 0 FROM cluster"
                           "     WHERE id = t.cluster_id)"
                           " OR (SELECT instr (search, ?1) > 0 FROM competition"
                           "     WHERE id = t.competition_id))",
                           -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, fold, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (stmt, 2, competition);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        n = sqlite3_column_int64 (stmt, 0);
        sqlite3_finalize (stmt);
        g_assert_cmpint (n, <, expected);
        assert_awards (awards, competition, -1, n);

        /* The dense form gives the same rows */
        _psi_record_list_set_sparse_limit (awards, 0);
        g_assert_cmpstr (_psi_record_list_get_form (awards), !=, "competitions");
        assert_awards (awards, competition, -1, n);
        _psi_record_list_set_sparse_limit (awards, 5000);
      }
      psi_record_list_set_search (awards, NULL);
    }
  g_assert_cmpuint (checked, ==, competitions->len * G_N_ELEMENTS (sorts));

  /* By kind of award, then both */
  {
    g_autoptr(GArray) ids = ids_of_kind (f->store, PSI_RECORD_KIND_AWARD);
    g_autoptr(PsiRecord) award = psi_store_load (f->store, PSI_RECORD_KIND_AWARD,
                                                 g_array_index (ids, gint64, 5), &error);
    g_autoptr(PsiText) condition = psi_text_new ("Build the road", NULL, NULL);

    g_assert_no_error (error);
    psi_award_set_award_kind (PSI_AWARD (award), PSI_AWARD_KIND_CONDITIONAL_WINNER);
    psi_award_set_place (PSI_AWARD (award), 0);
    psi_award_set_condition (PSI_AWARD (award), condition);
    g_assert_true (psi_store_save (f->store, award, &error));
    g_assert_no_error (error);
  }
  psi_record_list_clear_filter (awards, "competition");
  g_assert_false (psi_record_list_get_filter (awards, "competition", NULL));
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (awards)), ==, all);
  g_assert_true (psi_record_list_set_filter (awards, "award-kind",
                                             PSI_AWARD_KIND_CONDITIONAL_WINNER));
  conditional = raw_int (f->store, "SELECT count(*) FROM award"
                                   " WHERE award_kind = 'conditional-winner'", NULL);
  g_assert_cmpint (conditional, >, 0);
  g_assert_cmpint (conditional, <, all);
  assert_awards (awards, 0, PSI_AWARD_KIND_CONDITIONAL_WINNER, conditional);

  {
    gint64 competition = g_array_index (competitions, gint64, 0);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM award WHERE award_kind ="
                                            " 'conditional-winner' AND competition_id = %"
                                            G_GINT64_FORMAT, competition);

    g_assert_true (psi_record_list_set_filter (awards, "competition", competition));
    assert_awards (awards, competition, PSI_AWARD_KIND_CONDITIONAL_WINNER,
                   raw_int (f->store, sql, NULL));
    psi_record_list_clear_filter (awards, "competition");
  }

  /* Changes: an award made conditional joins the list, precisely */
  mirror.n = g_list_model_get_n_items (G_LIST_MODEL (awards));
  g_signal_connect (awards, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  {
    gint64 id = add_award (f->store, g_array_index (competitions, gint64, 1), 0, 0, 2, "New");
    g_autoptr(PsiRecord) award = psi_store_load (f->store, PSI_RECORD_KIND_AWARD, id, &error);
    g_autoptr(PsiText) condition = psi_text_new ("Repair the school", NULL, NULL);

    g_assert_no_error (error);
    g_assert_cmpuint (mirror.n, ==, conditional);
    psi_award_set_award_kind (PSI_AWARD (award), PSI_AWARD_KIND_CONDITIONAL_WINNER);
    psi_award_set_place (PSI_AWARD (award), 0);
    psi_award_set_condition (PSI_AWARD (award), condition);
    g_assert_true (psi_store_save (f->store, award, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (mirror.n, ==, conditional + 1);
    g_assert_cmpuint (psi_record_list_find (awards, id), !=, G_MAXUINT);
    g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_AWARD, id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (mirror.n, ==, conditional);
  }
  assert_awards (awards, 0, PSI_AWARD_KIND_CONDITIONAL_WINNER, conditional);
  g_signal_handlers_disconnect_by_data (awards, &mirror);

  /* Municipalities by region, with a search */
  municipalities = psi_record_list_new (f->store, PSI_RECORD_KIND_MUNICIPALITY);
  regions = ids_of_kind (f->store, PSI_RECORD_KIND_REGION);
  g_assert_cmpuint (regions->len, >, 1);
  for (guint r = 0; r < regions->len; r++)
    {
      gint64 region = g_array_index (regions, gint64, r);
      gint64 expected = filtered_count (f->store,
                                        "SELECT count(*) FROM municipality WHERE region_id = ?1",
                                        region);
      GListModel *model = G_LIST_MODEL (municipalities);

      g_assert_true (psi_record_list_set_filter (municipalities, "region", region));
      g_assert_cmpint (g_list_model_get_n_items (model), ==, expected);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(PsiMunicipality) m = g_list_model_get_item (model, i);

          g_assert_cmpint (psi_municipality_get_region_id (m), ==, region);
        }
    }
  {
    /* Teplokluchenka is in Issyk-Kul, Beshik-Jon in Jalal-Abad */
    g_autoptr(PsiRecordList) tepl = psi_record_list_new (f->store,
                                                         PSI_RECORD_KIND_MUNICIPALITY);
    g_autoptr(PsiMunicipality) found = NULL;
    gint64 region;

    psi_record_list_set_search (tepl, "Теплоключенка");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tepl)), ==, 1);
    found = g_list_model_get_item (G_LIST_MODEL (tepl), 0);
    region = psi_municipality_get_region_id (found);
    psi_record_list_set_search (municipalities, "tepl");
    g_assert_true (psi_record_list_set_filter (municipalities, "region", region));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (municipalities)), ==, 1);
    for (guint r = 0; r < regions->len; r++)
      if (g_array_index (regions, gint64, r) != region)
        {
          g_assert_true (psi_record_list_set_filter (municipalities, "region",
                                                     g_array_index (regions, gint64, r)));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (municipalities)), ==, 0);
        }
    psi_record_list_clear_filter (municipalities, "region");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (municipalities)), ==, 1);
  }

  /* Competitions by event */
  {
    g_autoptr(PsiRecordList) list = psi_record_list_new (f->store, PSI_RECORD_KIND_COMPETITION);
    g_autoptr(GArray) events = ids_of_kind (f->store, PSI_RECORD_KIND_EVENT);
    gint64 sum = 0;

    for (guint e = 0; e < events->len; e++)
      {
        gint64 event = g_array_index (events, gint64, e);

        g_assert_true (psi_record_list_set_filter (list, "event", event));
        g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                         filtered_count (f->store, "SELECT count(*) FROM competition"
                                                   " WHERE event_id = ?1", event));
        sum += g_list_model_get_n_items (G_LIST_MODEL (list));
      }
    g_assert_cmpint (sum, ==, psi_store_count (f->store, PSI_RECORD_KIND_COMPETITION, NULL));
  }

  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)

  TEST ("/store/search/schema", fixture_set_up, test_search_schema);
  TEST ("/store/search/migrate-from-v1", fixture_set_up, test_search_migrate);
  TEST ("/store/search/sample", fixture_set_up_sample, test_search_sample);
  TEST ("/store/search/matches-scan", fixture_set_up_sample, test_search_matches_scan);
  TEST ("/store/search/hostile", fixture_set_up_sample, test_search_hostile);
  TEST ("/store/search/forms", fixture_set_up_sample, test_search_forms);
  TEST ("/store/search/changes", fixture_set_up_sample, test_search_changes);
  TEST ("/store/search/counts", fixture_set_up_sample, test_search_counts);
  TEST ("/store/search/filters", fixture_set_up_sample, test_search_filters);

#undef TEST

  return g_test_run ();
}
