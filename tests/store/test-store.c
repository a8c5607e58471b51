/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "psi-test-files.h"
#include "psi-record-list.h"
#include "psi-store.h"
#include "psi-store-private.h"

/* Fixture: a fresh records file in a temporary directory. */

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
  f->dir = g_dir_make_tmp ("psi-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "records.sqlite", NULL);
  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  psi_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* Record helpers */

static gint64
save (PsiStore  *store,
      gpointer   record)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = psi_store_save (store, PSI_RECORD (record), &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (psi_record_get_id (PSI_RECORD (record)), >, 0);
  return psi_record_get_id (PSI_RECORD (record));
}

static void
set_name (gpointer    record,
          const char *en,
          const char *ru,
          const char *ky)
{
  g_autoptr(PsiText) name = psi_text_new (en, ru, ky);

  psi_record_set_name (PSI_RECORD (record), name);
}

static gint64
add_region (PsiStore   *store,
            const char *en)
{
  g_autoptr(PsiRegion) region = psi_region_new ();

  set_name (region, en, NULL, NULL);
  return save (store, region);
}

static gint64
add_municipality (PsiStore   *store,
                  gint64      region_id,
                  const char *en,
                  const char *ru,
                  const char *ky)
{
  g_autoptr(PsiMunicipality) mun = psi_municipality_new ();

  set_name (mun, en, ru, ky);
  psi_municipality_set_region_id (mun, region_id);
  return save (store, mun);
}

static gint64
add_event (PsiStore   *store,
           const char *en,
           const char *date)
{
  g_autoptr(PsiEvent) event = psi_event_new ();

  set_name (event, en, NULL, NULL);
  psi_event_set_date (event, date);
  return save (store, event);
}

static gint64
add_competition (PsiStore   *store,
                 gint64      event_id,
                 const char *en)
{
  g_autoptr(PsiCompetition) competition = psi_competition_new ();

  set_name (competition, en, NULL, NULL);
  psi_competition_set_event_id (competition, event_id);
  return save (store, competition);
}

static PsiAward *
new_award (gint64 competition_id,
           gint64 municipality_id,
           guint  place)
{
  PsiAward *award = psi_award_new ();

  psi_award_set_competition_id (award, competition_id);
  psi_award_set_municipality_id (award, municipality_id);
  psi_award_set_place (award, place);
  return award;
}

static gint64
add_award (PsiStore *store,
           gint64    competition_id,
           gint64    municipality_id,
           guint     place)
{
  g_autoptr(PsiAward) award = new_award (competition_id, municipality_id, place);

  return save (store, award);
}

static void
assert_text (PsiText    *text,
             const char *en,
             const char *ru,
             const char *ky)
{
  g_assert_nonnull (text);
  g_assert_cmpstr (psi_text_get_exact (text, PSI_LANGUAGE_EN), ==, en);
  g_assert_cmpstr (psi_text_get_exact (text, PSI_LANGUAGE_RU), ==, ru);
  g_assert_cmpstr (psi_text_get_exact (text, PSI_LANGUAGE_KY), ==, ky);
}

static PsiRecord *
load (PsiStore      *store,
      PsiRecordKind  kind,
      gint64         id)
{
  g_autoptr(GError) error = NULL;
  PsiRecord *record = psi_store_load (store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (psi_record_get_kind (record), ==, kind);
  return record;
}

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, &error));
  g_assert_no_error (error);
  return contents;
}

static gint64
raw_count (PsiStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_psi_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Opening */

static void
test_open_create (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (psi_store_get_schema_version (f->store), ==, PSI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (PSI_STORE_SCHEMA_VERSION, ==, 3);
  g_assert_cmpstr (psi_store_get_path (f->store), ==, f->path);
  g_assert_true (psi_store_is_empty (f->store));
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    g_assert_cmpint (psi_store_count (f->store, k, NULL), ==, 0);
  g_assert_cmpint (raw_count (f->store, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                        " AND name IN ('cluster_member', 'event_participant',"
                                        " 'award_item', 'agreement_signatory')"), ==, 4);
  g_assert_cmpint (raw_count (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (raw_count (f->store, "PRAGMA synchronous"), ==, 1);  /* NORMAL */
  g_assert_true (psi_store_check_integrity (f->store, NULL));
}

static void
test_open_reopen (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) record = NULL;
  gint64 id = add_region (f->store, "Jalal-Abad region");

  g_assert_false (psi_store_is_empty (f->store));
  g_assert_finalize_object (g_steal_pointer (&f->store));

  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  record = load (f->store, PSI_RECORD_KIND_REGION, id);
  assert_text (psi_record_get_name (record), "Jalal-Abad region", NULL, NULL);
  g_assert_cmpint (psi_store_get_schema_version (f->store), ==, PSI_STORE_SCHEMA_VERSION);
}

static void
test_open_newer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "newer.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;
  PsiStore *store;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_file (path, &before_len);

  store = psi_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "99"));
  {
    g_autofree char *version = g_strdup_printf ("%d", PSI_STORE_SCHEMA_VERSION);

    g_assert_nonnull (strstr (error->message, version));
  }

  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_open_corrupt (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *after = NULL;
  const char *text = "These are not records, just a text file that is long enough to have a "
                     "header of one hundred bytes, which SQLite reads first of all.\n";
  gsize after_len;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_null (psi_store_open (path, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);

  after = read_file (path, &after_len);
  g_assert_cmpmem (text, strlen (text), after, after_len);
}

static void
test_open_missing_dir (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no", "such", "dir.sqlite", NULL);

  g_assert_null (psi_store_open (path, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_OPEN);
}

static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiAward) award = new_award (4242, 0, 1);
  g_autoptr(PsiMunicipality) mun = psi_municipality_new ();
  char *message = NULL;
  int rc;

  /* Through the API: a clear constraint error. */
  g_assert_false (psi_store_save (f->store, PSI_RECORD (award), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_assert_cmpint (psi_record_get_id (PSI_RECORD (award)), ==, 0);
  g_clear_error (&error);

  set_name (mun, "Nowhere", NULL, NULL);
  psi_municipality_set_region_id (mun, 77);
  g_assert_false (psi_store_save (f->store, PSI_RECORD (mun), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* And SQLite itself enforces the reference. */
  rc = sqlite3_exec (_psi_store_get_db (f->store),
                     "INSERT INTO award (uuid, competition_id, award_kind)"
                     " VALUES ('x', 4242, 'winner')", NULL, NULL, &message);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "FOREIGN KEY"));
  sqlite3_free (message);
  g_assert_true (psi_store_is_empty (f->store));
}

/* Round trips */

static PsiParticipant *
new_participant (PsiPosition position,
                 guint       count,
                 gint64      official_id,
                 gint64      organisation_id)
{
  PsiParticipant *p = psi_participant_new (position, count);

  psi_participant_set_official_id (p, official_id);
  psi_participant_set_organisation_id (p, organisation_id);
  return p;
}

static void
assert_participant (GListModel  *list,
                    guint        i,
                    PsiPosition  position,
                    guint        count,
                    gint64       official_id,
                    gint64       organisation_id,
                    const char  *label_en)
{
  g_autoptr(PsiParticipant) p = g_list_model_get_item (list, i);

  g_assert_nonnull (p);
  g_assert_cmpint (psi_participant_get_position (p), ==, position);
  g_assert_cmpuint (psi_participant_get_count (p), ==, count);
  g_assert_cmpint (psi_participant_get_official_id (p), ==, official_id);
  g_assert_cmpint (psi_participant_get_organisation_id (p), ==, organisation_id);
  if (label_en != NULL)
    g_assert_cmpstr (psi_text_get_exact (psi_participant_get_label (p), PSI_LANGUAGE_EN), ==,
                     label_en);
}

static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsiOrganisation) org = psi_organisation_new ();
  g_autoptr(PsiRegion) region = psi_region_new ();
  g_autoptr(PsiDistrict) district = psi_district_new ();
  g_autoptr(PsiMunicipality) mun = psi_municipality_new ();
  g_autoptr(PsiOfficial) official = psi_official_new ();
  g_autoptr(PsiCluster) cluster = psi_cluster_new ();
  g_autoptr(PsiEvent) event = psi_event_new ();
  g_autoptr(PsiCompetition) competition = psi_competition_new ();
  g_autoptr(PsiAward) award = psi_award_new ();
  g_autoptr(PsiAgreement) agreement = psi_agreement_new ();
  g_autoptr(PsiText) text = NULL;
  g_autoptr(PsiParticipant) p1 = NULL;
  g_autoptr(PsiParticipant) p2 = NULL;
  g_autoptr(PsiParticipant) p3 = NULL;
  g_autoptr(PsiPrizeItem) item1 = NULL;
  g_autoptr(PsiPrizeItem) item2 = NULL;
  g_autoptr(PsiRecord) r = NULL;
  gint64 mun2_id;

  /* organisation: all three languages, abbreviation with one missing */
  set_name (org, "Swiss Agency for Development and Cooperation",
            "Швейцарское управление по развитию и сотрудничеству",
            "Швейцариянын өнүктүрүү жана кызматташтык боюнча агенттиги");
  psi_organisation_set_role (org, PSI_ORGANISATION_ROLE_DONOR);
  text = psi_text_new ("SDC", "ШУРС", NULL);
  psi_organisation_set_abbreviation (org, text);
  g_clear_pointer (&text, psi_text_unref);
  psi_organisation_set_website (org, "https://www.eda.admin.ch/sdc");
  save (f->store, org);

  set_name (region, "Jalal-Abad region", "Джалал-Абадская область", "Жалал-Абад облусу");
  save (f->store, region);

  set_name (district, "Suzak district", NULL, "Сузак району");
  psi_district_set_region_id (district, psi_record_get_id (PSI_RECORD (region)));
  save (f->store, district);

  set_name (mun, "Kenesh", "Кенеш", "Кеңеш");
  psi_municipality_set_municipality_kind (mun, PSI_MUNICIPALITY_KIND_TOWN);
  psi_municipality_set_region_id (mun, psi_record_get_id (PSI_RECORD (region)));
  psi_municipality_set_district_id (mun, psi_record_get_id (PSI_RECORD (district)));
  psi_municipality_set_pilot (mun, TRUE);
  save (f->store, mun);
  mun2_id = add_municipality (f->store, psi_record_get_id (PSI_RECORD (region)),
                              "Masy", "Масы", NULL);

  psi_official_set_position (official, PSI_POSITION_PROJECT_MANAGER);
  psi_official_set_organisation_id (official, psi_record_get_id (PSI_RECORD (org)));
  psi_official_set_municipality_id (official, psi_record_get_id (PSI_RECORD (mun)));
  set_name (official, "A. Manager", NULL, NULL);
  save (f->store, official);

  set_name (cluster, "Kenesh cluster", "Кластер Кенеш", "Кеңеш кластери");
  psi_cluster_add_member (cluster, mun2_id);
  psi_cluster_add_member (cluster, psi_record_get_id (PSI_RECORD (mun)));
  save (f->store, cluster);

  set_name (event, "Year-end conference", "Итоговая конференция", "Жыйынтыктоочу конференция");
  psi_event_set_event_kind (event, PSI_EVENT_KIND_CONFERENCE);
  psi_event_set_date (event, "2020-12-16");
  text = psi_text_new ("Bishkek", "Бишкек", "Бишкек");
  psi_event_set_place (event, text);
  g_clear_pointer (&text, psi_text_unref);
  text = psi_text_new ("Sum up 2020", NULL, NULL);
  psi_event_set_purpose (event, text);
  g_clear_pointer (&text, psi_text_unref);
  text = psi_text_new (NULL, "Итоги", "Жыйынтык");
  psi_event_set_summary (event, text);
  g_clear_pointer (&text, psi_text_unref);
  p1 = new_participant (PSI_POSITION_HEAD_OF_AO, 26, 0, 0);
  p2 = new_participant (PSI_POSITION_PROJECT_MANAGER, 1,
                        psi_record_get_id (PSI_RECORD (official)), 0);
  p3 = new_participant (PSI_POSITION_REPRESENTATIVE, 2, 0,
                        psi_record_get_id (PSI_RECORD (org)));
  g_list_store_append (psi_event_get_participants (event), p1);
  g_list_store_append (psi_event_get_participants (event), p2);
  g_list_store_append (psi_event_get_participants (event), p3);
  save (f->store, event);

  set_name (competition, "Information campaign", "Информационная кампания",
            "Маалыматтык кампания");
  psi_competition_set_event_id (competition, psi_record_get_id (PSI_RECORD (event)));
  psi_competition_set_entrant_kind (competition, PSI_ENTRANT_KIND_CLUSTER);
  psi_competition_set_entrant_count (competition, 9);
  text = psi_text_new ("On utility payments", NULL, "Коммуналдык төлөмдөр");
  psi_competition_set_description (competition, text);
  g_clear_pointer (&text, psi_text_unref);
  save (f->store, competition);

  psi_award_set_competition_id (award, psi_record_get_id (PSI_RECORD (competition)));
  psi_award_set_cluster_id (award, psi_record_get_id (PSI_RECORD (cluster)));
  psi_award_set_place (award, 0);   /* only winners have a place */
  psi_award_set_award_kind (award, PSI_AWARD_KIND_CONDITIONAL_WINNER);
  text = psi_text_new ("Modify the SIAP", "Изменить план", NULL);
  psi_award_set_condition (award, text);
  g_clear_pointer (&text, psi_text_unref);
  psi_award_set_condition_deadline (award, "2021-03-01");
  psi_award_set_certificate (award, TRUE);
  psi_award_set_grant_kgs (award, 5000000);
  item1 = psi_prize_item_new (PSI_ITEM_KIND_LAPTOP, 2);
  item2 = psi_prize_item_new (PSI_ITEM_KIND_OTHER, 0);
  text = psi_text_new ("Projector", NULL, NULL);
  psi_prize_item_set_label (item2, text);
  g_clear_pointer (&text, psi_text_unref);
  g_list_store_append (psi_award_get_items (award), item1);
  g_list_store_append (psi_award_get_items (award), item2);
  save (f->store, award);

  psi_agreement_set_agreement_kind (agreement, PSI_AGREEMENT_KIND_FRAMEWORK);
  psi_agreement_set_event_id (agreement, psi_record_get_id (PSI_RECORD (event)));
  psi_agreement_set_date (agreement, "2020-12-16");
  set_name (agreement, "Framework agreements", "Рамочные соглашения", NULL);
  text = psi_text_new ("Multilateral", NULL, NULL);
  psi_agreement_set_note (agreement, text);
  g_clear_pointer (&text, psi_text_unref);
  g_list_store_append (psi_agreement_get_signatories (agreement), p2);
  g_list_store_append (psi_agreement_get_signatories (agreement), p1);
  save (f->store, agreement);

  /* Read everything back. */
  r = load (f->store, PSI_RECORD_KIND_ORGANISATION, psi_record_get_id (PSI_RECORD (org)));
  g_assert_cmpstr (psi_record_get_uuid (r), ==, psi_record_get_uuid (PSI_RECORD (org)));
  g_assert_true (psi_text_equal (psi_record_get_name (r), psi_record_get_name (PSI_RECORD (org))));
  g_assert_cmpint (psi_organisation_get_role (PSI_ORGANISATION (r)), ==,
                   PSI_ORGANISATION_ROLE_DONOR);
  assert_text (psi_organisation_get_abbreviation (PSI_ORGANISATION (r)), "SDC", "ШУРС", NULL);
  g_assert_cmpstr (psi_organisation_get_website (PSI_ORGANISATION (r)), ==,
                   "https://www.eda.admin.ch/sdc");
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_REGION, psi_record_get_id (PSI_RECORD (region)));
  assert_text (psi_record_get_name (r), "Jalal-Abad region", "Джалал-Абадская область",
               "Жалал-Абад облусу");
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_DISTRICT, psi_record_get_id (PSI_RECORD (district)));
  assert_text (psi_record_get_name (r), "Suzak district", NULL, "Сузак району");
  g_assert_cmpint (psi_district_get_region_id (PSI_DISTRICT (r)), ==,
                   psi_record_get_id (PSI_RECORD (region)));
  assert_text (psi_district_get_region_name (PSI_DISTRICT (r)), "Jalal-Abad region",
               "Джалал-Абадская область", "Жалал-Абад облусу");
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_MUNICIPALITY, psi_record_get_id (PSI_RECORD (mun)));
  assert_text (psi_record_get_name (r), "Kenesh", "Кенеш", "Кеңеш");
  g_assert_cmpint (psi_municipality_get_municipality_kind (PSI_MUNICIPALITY (r)), ==,
                   PSI_MUNICIPALITY_KIND_TOWN);
  g_assert_true (psi_municipality_get_pilot (PSI_MUNICIPALITY (r)));
  g_assert_cmpint (psi_municipality_get_district_id (PSI_MUNICIPALITY (r)), ==,
                   psi_record_get_id (PSI_RECORD (district)));
  assert_text (psi_municipality_get_district_name (PSI_MUNICIPALITY (r)), "Suzak district", NULL,
               "Сузак району");
  assert_text (psi_municipality_get_region_name (PSI_MUNICIPALITY (r)), "Jalal-Abad region",
               "Джалал-Абадская область", "Жалал-Абад облусу");
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_MUNICIPALITY, mun2_id);
  g_assert_false (psi_municipality_get_pilot (PSI_MUNICIPALITY (r)));
  g_assert_cmpint (psi_municipality_get_district_id (PSI_MUNICIPALITY (r)), ==, 0);
  g_assert_true (psi_municipality_get_district_name (PSI_MUNICIPALITY (r)) == NULL ||
                 psi_text_is_empty (psi_municipality_get_district_name (PSI_MUNICIPALITY (r))));
  assert_text (psi_record_get_name (r), "Masy", "Масы", NULL);
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_OFFICIAL, psi_record_get_id (PSI_RECORD (official)));
  g_assert_cmpint (psi_official_get_position (PSI_OFFICIAL (r)), ==,
                   PSI_POSITION_PROJECT_MANAGER);
  g_assert_cmpint (psi_official_get_organisation_id (PSI_OFFICIAL (r)), ==,
                   psi_record_get_id (PSI_RECORD (org)));
  g_assert_cmpstr (psi_text_get_exact (psi_official_get_organisation_name (PSI_OFFICIAL (r)),
                                       PSI_LANGUAGE_EN), ==,
                   "Swiss Agency for Development and Cooperation");
  assert_text (psi_official_get_municipality_name (PSI_OFFICIAL (r)), "Kenesh", "Кенеш", "Кеңеш");
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_CLUSTER, psi_record_get_id (PSI_RECORD (cluster)));
  assert_text (psi_record_get_name (r), "Kenesh cluster", "Кластер Кенеш", "Кеңеш кластери");
  g_assert_cmpuint (psi_cluster_get_member_count (PSI_CLUSTER (r)), ==, 2);
  g_assert_cmpuint (psi_cluster_get_member_ids (PSI_CLUSTER (r))->len, ==, 2);
  /* in the order given */
  g_assert_cmpint (g_array_index (psi_cluster_get_member_ids (PSI_CLUSTER (r)), gint64, 0), ==,
                   mun2_id);
  g_assert_cmpint (g_array_index (psi_cluster_get_member_ids (PSI_CLUSTER (r)), gint64, 1), ==,
                   psi_record_get_id (PSI_RECORD (mun)));
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_EVENT, psi_record_get_id (PSI_RECORD (event)));
  g_assert_cmpint (psi_event_get_event_kind (PSI_EVENT (r)), ==, PSI_EVENT_KIND_CONFERENCE);
  g_assert_cmpstr (psi_event_get_date (PSI_EVENT (r)), ==, "2020-12-16");
  assert_text (psi_event_get_place (PSI_EVENT (r)), "Bishkek", "Бишкек", "Бишкек");
  assert_text (psi_event_get_purpose (PSI_EVENT (r)), "Sum up 2020", NULL, NULL);
  assert_text (psi_event_get_summary (PSI_EVENT (r)), NULL, "Итоги", "Жыйынтык");
  {
    GListModel *ps = G_LIST_MODEL (psi_event_get_participants (PSI_EVENT (r)));

    g_assert_cmpuint (g_list_model_get_n_items (ps), ==, 3);
    assert_participant (ps, 0, PSI_POSITION_HEAD_OF_AO, 26, 0, 0, NULL);
    assert_participant (ps, 1, PSI_POSITION_PROJECT_MANAGER, 1,
                        psi_record_get_id (PSI_RECORD (official)), 0, "A. Manager");
    assert_participant (ps, 2, PSI_POSITION_REPRESENTATIVE, 2, 0,
                        psi_record_get_id (PSI_RECORD (org)),
                        "Swiss Agency for Development and Cooperation");
  }
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_COMPETITION, psi_record_get_id (PSI_RECORD (competition)));
  assert_text (psi_record_get_name (r), "Information campaign", "Информационная кампания",
               "Маалыматтык кампания");
  g_assert_cmpint (psi_competition_get_event_id (PSI_COMPETITION (r)), ==,
                   psi_record_get_id (PSI_RECORD (event)));
  assert_text (psi_competition_get_event_name (PSI_COMPETITION (r)), "Year-end conference",
               "Итоговая конференция", "Жыйынтыктоочу конференция");
  g_assert_cmpint (psi_competition_get_entrant_kind (PSI_COMPETITION (r)), ==,
                   PSI_ENTRANT_KIND_CLUSTER);
  g_assert_cmpuint (psi_competition_get_entrant_count (PSI_COMPETITION (r)), ==, 9);
  assert_text (psi_competition_get_description (PSI_COMPETITION (r)), "On utility payments", NULL,
               "Коммуналдык төлөмдөр");
  g_assert_cmpuint (psi_competition_get_award_count (PSI_COMPETITION (r)), ==, 1);
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_AWARD, psi_record_get_id (PSI_RECORD (award)));
  g_assert_cmpint (psi_award_get_competition_id (PSI_AWARD (r)), ==,
                   psi_record_get_id (PSI_RECORD (competition)));
  assert_text (psi_award_get_competition_name (PSI_AWARD (r)), "Information campaign",
               "Информационная кампания", "Маалыматтык кампания");
  g_assert_cmpint (psi_award_get_cluster_id (PSI_AWARD (r)), ==,
                   psi_record_get_id (PSI_RECORD (cluster)));
  g_assert_cmpint (psi_award_get_municipality_id (PSI_AWARD (r)), ==, 0);
  assert_text (psi_award_get_recipient_name (PSI_AWARD (r)), "Kenesh cluster", "Кластер Кенеш",
               "Кеңеш кластери");
  g_assert_cmpuint (psi_award_get_recipient_count (PSI_AWARD (r)), ==, 1);
  g_assert_cmpuint (psi_award_get_place (PSI_AWARD (r)), ==, 0);
  g_assert_cmpint (psi_award_get_award_kind (PSI_AWARD (r)), ==,
                   PSI_AWARD_KIND_CONDITIONAL_WINNER);
  assert_text (psi_award_get_condition (PSI_AWARD (r)), "Modify the SIAP", "Изменить план", NULL);
  g_assert_cmpstr (psi_award_get_condition_deadline (PSI_AWARD (r)), ==, "2021-03-01");
  g_assert_true (psi_award_get_certificate (PSI_AWARD (r)));
  g_assert_cmpint (psi_award_get_grant_kgs (PSI_AWARD (r)), ==, 5000000);
  {
    GListModel *items = G_LIST_MODEL (psi_award_get_items (PSI_AWARD (r)));
    g_autoptr(PsiPrizeItem) i0 = g_list_model_get_item (items, 0);
    g_autoptr(PsiPrizeItem) i1 = g_list_model_get_item (items, 1);

    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
    g_assert_cmpint (psi_prize_item_get_item_kind (i0), ==, PSI_ITEM_KIND_LAPTOP);
    g_assert_cmpuint (psi_prize_item_get_count (i0), ==, 2);
    g_assert_cmpint (psi_prize_item_get_item_kind (i1), ==, PSI_ITEM_KIND_OTHER);
    g_assert_cmpuint (psi_prize_item_get_count (i1), ==, 0);
    assert_text (psi_prize_item_get_label (i1), "Projector", NULL, NULL);
  }
  g_clear_object (&r);

  r = load (f->store, PSI_RECORD_KIND_AGREEMENT, psi_record_get_id (PSI_RECORD (agreement)));
  g_assert_cmpint (psi_agreement_get_agreement_kind (PSI_AGREEMENT (r)), ==,
                   PSI_AGREEMENT_KIND_FRAMEWORK);
  g_assert_cmpstr (psi_agreement_get_date (PSI_AGREEMENT (r)), ==, "2020-12-16");
  assert_text (psi_record_get_name (r), "Framework agreements", "Рамочные соглашения", NULL);
  assert_text (psi_agreement_get_note (PSI_AGREEMENT (r)), "Multilateral", NULL, NULL);
  assert_text (psi_agreement_get_event_name (PSI_AGREEMENT (r)), "Year-end conference",
               "Итоговая конференция", "Жыйынтыктоочу конференция");
  {
    GListModel *ss = G_LIST_MODEL (psi_agreement_get_signatories (PSI_AGREEMENT (r)));

    g_assert_cmpuint (g_list_model_get_n_items (ss), ==, 2);
    assert_participant (ss, 0, PSI_POSITION_PROJECT_MANAGER, 1,
                        psi_record_get_id (PSI_RECORD (official)), 0, "A. Manager");
    assert_participant (ss, 1, PSI_POSITION_HEAD_OF_AO, 26, 0, 0, NULL);
  }
  g_clear_object (&r);

  /* By uuid, and missing ones */
  {
    g_autoptr(GError) error = NULL;

    r = psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_AWARD,
                                psi_record_get_uuid (PSI_RECORD (award)), &error);
    g_assert_no_error (error);
    g_assert_cmpint (psi_record_get_id (r), ==, psi_record_get_id (PSI_RECORD (award)));
    g_clear_object (&r);

    g_assert_null (psi_store_load (f->store, PSI_RECORD_KIND_AWARD, 999, &error));
    g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_null (psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_REGION,
                                           psi_record_get_uuid (PSI_RECORD (award)), &error));
    g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  }

  /* Update replaces the child rows: drop a participant, reorder items. */
  g_list_store_remove (psi_event_get_participants (event), 0);
  save (f->store, event);
  g_list_store_remove (psi_award_get_items (award), 0);
  save (f->store, award);
  g_assert_cmpint (raw_count (f->store, "SELECT count(*) FROM event_participant"), ==, 2);
  g_assert_cmpint (raw_count (f->store, "SELECT count(*) FROM award_item"), ==, 1);
  r = load (f->store, PSI_RECORD_KIND_EVENT, psi_record_get_id (PSI_RECORD (event)));
  assert_participant (G_LIST_MODEL (psi_event_get_participants (PSI_EVENT (r))), 0,
                      PSI_POSITION_PROJECT_MANAGER, 1,
                      psi_record_get_id (PSI_RECORD (official)), 0, "A. Manager");
  g_clear_object (&r);

  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    g_assert_cmpint (psi_store_count (f->store, k, NULL), >=, 1);
  g_assert_true (psi_store_check_integrity (f->store, NULL));
}

static void
test_bad_values (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 region_id = add_region (f->store, "R");
  gint64 mun_id = add_municipality (f->store, region_id, "M", NULL, NULL);
  gint64 event_id = add_event (f->store, "E", "2020-12-16");
  gint64 competition_id = add_competition (f->store, event_id, "C");
  g_autoptr(PsiEvent) event = psi_event_new ();
  g_autoptr(PsiAward) award = new_award (competition_id, mun_id, 1);
  g_autoptr(PsiCluster) cluster = psi_cluster_new ();
  g_autoptr(GArray) twice = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A date that is not ISO is refused by the schema. */
  set_name (event, "Bad date", NULL, NULL);
  psi_event_set_date (event, "16.12.2020");
  g_assert_false (psi_store_save (f->store, PSI_RECORD (event), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Named recipient counted twice: psi_award_validate () refuses it. */
  psi_award_set_recipient_count (award, 3);
  g_assert_false (psi_store_save (f->store, PSI_RECORD (award), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_array_append_val (twice, mun_id);
  g_array_append_val (twice, mun_id);
  psi_cluster_set_member_ids (cluster, twice);
  g_assert_false (psi_store_save (f->store, PSI_RECORD (cluster), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Unknown id on update */
  psi_record_set_id (PSI_RECORD (cluster), 12345);
  psi_cluster_set_member_ids (cluster, NULL);
  g_assert_false (psi_store_save (f->store, PSI_RECORD (cluster), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_EVENT, NULL), ==, 1);
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL), ==, 0);
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_CLUSTER, NULL), ==, 0);
}

static GArray *
related_ids (PsiStore      *store,
             PsiRecord     *record,
             PsiRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = psi_store_list_related (store, record, kind, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_true (g_list_model_get_item_type (list) == psi_record_kind_get_type_for (kind));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PsiRecord) r = g_list_model_get_item (list, i);
      gint64 id = psi_record_get_id (r);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
test_many_to_many (Fixture       *f,
                   gconstpointer  data)
{
  gint64 region_id = add_region (f->store, "Issyk-Kul region");
  gint64 teplo = add_municipality (f->store, region_id, "Teplokluchenka", NULL, NULL);
  gint64 kerege = add_municipality (f->store, region_id, "Kerege-Tash", NULL, NULL);
  gint64 oktyabr = add_municipality (f->store, region_id, "Oktyabr", NULL, NULL);
  gint64 chelpek = add_municipality (f->store, region_id, "Chelpek", NULL, NULL);
  g_autoptr(PsiCluster) c1 = psi_cluster_new ();
  g_autoptr(PsiCluster) c2 = psi_cluster_new ();
  g_autoptr(PsiRecord) mun = NULL;
  g_autoptr(PsiRecord) cluster = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GListModel) none = NULL;

  set_name (c1, "Teplokluchenka cluster", NULL, NULL);
  psi_cluster_add_member (c1, teplo);
  psi_cluster_add_member (c1, kerege);
  psi_cluster_add_member (c1, oktyabr);
  save (f->store, c1);
  set_name (c2, "Oktyabr cluster", NULL, NULL);
  psi_cluster_add_member (c2, teplo);
  psi_cluster_add_member (c2, kerege);
  psi_cluster_add_member (c2, chelpek);
  save (f->store, c2);

  /* municipality -> clusters, sorted by title */
  mun = load (f->store, PSI_RECORD_KIND_MUNICIPALITY, teplo);
  ids = related_ids (f->store, mun, PSI_RECORD_KIND_CLUSTER);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, psi_record_get_id (PSI_RECORD (c2)));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, psi_record_get_id (PSI_RECORD (c1)));
  g_clear_pointer (&ids, g_array_unref);
  g_clear_object (&mun);

  mun = load (f->store, PSI_RECORD_KIND_MUNICIPALITY, chelpek);
  ids = related_ids (f->store, mun, PSI_RECORD_KIND_CLUSTER);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, psi_record_get_id (PSI_RECORD (c2)));
  g_clear_pointer (&ids, g_array_unref);

  /* cluster -> members, sorted by title: Chelpek, Kerege-Tash, Teplokluchenka */
  cluster = load (f->store, PSI_RECORD_KIND_CLUSTER, psi_record_get_id (PSI_RECORD (c2)));
  g_assert_cmpuint (psi_cluster_get_member_count (PSI_CLUSTER (cluster)), ==, 3);
  ids = related_ids (f->store, cluster, PSI_RECORD_KIND_MUNICIPALITY);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, chelpek);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, kerege);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, teplo);
  g_clear_pointer (&ids, g_array_unref);

  /* region -> municipalities; a link that does not exist gives an empty list */
  {
    g_autoptr(PsiRecord) region = load (f->store, PSI_RECORD_KIND_REGION, region_id);

    ids = related_ids (f->store, region, PSI_RECORD_KIND_MUNICIPALITY);
    g_assert_cmpuint (ids->len, ==, 4);
    g_clear_pointer (&ids, g_array_unref);
    ids = related_ids (f->store, region, PSI_RECORD_KIND_AWARD);
    g_assert_cmpuint (ids->len, ==, 0);
  }

  /* The cluster's award appears from both sides. */
  {
    gint64 event_id = add_event (f->store, "Conference", "2020-12-16");
    gint64 competition_id = add_competition (f->store, event_id, "SIAP");
    g_autoptr(PsiAward) award = new_award (competition_id, 0, 1);
    g_autoptr(PsiRecord) competition = load (f->store, PSI_RECORD_KIND_COMPETITION,
                                             competition_id);

    psi_award_set_cluster_id (award, psi_record_get_id (PSI_RECORD (c2)));
    save (f->store, award);
    g_clear_pointer (&ids, g_array_unref);
    ids = related_ids (f->store, cluster, PSI_RECORD_KIND_AWARD);
    g_assert_cmpuint (ids->len, ==, 1);
    g_clear_pointer (&ids, g_array_unref);
    ids = related_ids (f->store, competition, PSI_RECORD_KIND_AWARD);
    g_assert_cmpuint (ids->len, ==, 1);
    g_clear_pointer (&ids, g_array_unref);
    ids = related_ids (f->store, PSI_RECORD (award), PSI_RECORD_KIND_CLUSTER);
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

static void
test_shared_place (Fixture       *f,
                   gconstpointer  data)
{
  gint64 region_id = add_region (f->store, "Jalal-Abad region");
  gint64 beshik = add_municipality (f->store, region_id, "Beshik-Jon", NULL, NULL);
  gint64 teplo = add_municipality (f->store, region_id, "Teplokluchenka", NULL, NULL);
  gint64 event_id = add_event (f->store, "Conference", "2020-12-16");
  gint64 competition_id = add_competition (f->store, event_id, "Information campaign");
  g_autoptr(PsiAward) others = new_award (competition_id, 0, 0);
  gint64 a1, a2;
  g_autoptr(PsiRecord) r = NULL;

  a1 = add_award (f->store, competition_id, beshik, 1);
  a2 = add_award (f->store, competition_id, teplo, 1);
  g_assert_cmpint (a1, !=, a2);

  psi_award_set_recipient_count (others, 20);
  psi_award_set_award_kind (others, PSI_AWARD_KIND_INCENTIVE_PRIZE);
  save (f->store, others);

  g_assert_cmpint (raw_count (f->store, "SELECT count(*) FROM award WHERE place = 1"), ==, 2);
  r = load (f->store, PSI_RECORD_KIND_AWARD, psi_record_get_id (PSI_RECORD (others)));
  g_assert_cmpuint (psi_award_get_recipient_count (PSI_AWARD (r)), ==, 20);
  g_assert_cmpint (psi_award_get_municipality_id (PSI_AWARD (r)), ==, 0);
  g_assert_cmpint (psi_award_get_cluster_id (PSI_AWARD (r)), ==, 0);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 region_id = add_region (f->store, "Jalal-Abad region");
  gint64 mun = add_municipality (f->store, region_id, "Dostuk", NULL, NULL);
  gint64 mun2 = add_municipality (f->store, region_id, "Burgondu", NULL, NULL);
  gint64 event_id = add_event (f->store, "Conference", "2020-12-16");
  gint64 competition_id = add_competition (f->store, event_id, "C");
  g_autoptr(PsiAward) award = new_award (competition_id, mun, 2);
  g_autoptr(PsiPrizeItem) item = psi_prize_item_new (PSI_ITEM_KIND_PRINTER, 1);
  g_autoptr(PsiCluster) cluster = psi_cluster_new ();

  g_list_store_append (psi_award_get_items (award), item);
  save (f->store, award);
  set_name (cluster, "Dostuk cluster", NULL, NULL);
  psi_cluster_add_member (cluster, mun);
  psi_cluster_add_member (cluster, mun2);
  save (f->store, cluster);

  /* Referenced: refused, with the record's name in the message, and nothing changed. */
  g_assert_false (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, mun, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  if (strstr (error->message, "Dostuk") == NULL)
    g_error ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (psi_store_delete (f->store, PSI_RECORD_KIND_REGION, region_id, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, mun2, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_MUNICIPALITY, NULL), ==, 2);

  /* Owned children go with their owner. */
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_AWARD,
                                   psi_record_get_id (PSI_RECORD (award)), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->store, "SELECT count(*) FROM award_item"), ==, 0);
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_CLUSTER,
                                   psi_record_get_id (PSI_RECORD (cluster)), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->store, "SELECT count(*) FROM cluster_member"), ==, 0);
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, mun, &error));
  g_assert_no_error (error);

  g_assert_false (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, mun, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  psi_store_check_integrity (f->store, &error);
  g_assert_no_error (error);
}

/* Transactions and notifications */

typedef struct
{
  GString *log;
} SignalLog;

static void
log_changed_cb (PsiStore      *store,
                PsiRecordKind  kind,
                gint64         id,
                int            change,
                SignalLog     *log)
{
  g_string_append_printf (log->log, "changed:%d:%" G_GINT64_FORMAT ":%d;", kind, id, change);
}

static void
log_will_change_cb (PsiStore      *store,
                    PsiRecordKind  kind,
                    gint64         id,
                    int            change,
                    SignalLog     *log)
{
  g_string_append_printf (log->log, "will:%d:%" G_GINT64_FORMAT ":%d;", kind, id, change);
}

static void
log_discarded_cb (PsiStore  *store,
                  SignalLog *log)
{
  g_string_append (log->log, "discarded;");
}

static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SignalLog log = { g_string_new (NULL) };
  g_autoptr(PsiRegion) region = psi_region_new ();
  g_autofree char *expected = NULL;
  gint64 id1, id2;

  g_signal_connect (f->store, "record-changed", G_CALLBACK (log_changed_cb), &log);
  g_signal_connect (f->store, "record-will-change", G_CALLBACK (log_will_change_cb), &log);
  g_signal_connect (f->store, "changes-discarded", G_CALLBACK (log_discarded_cb), &log);

  /* Nested begin, inner commit, outer rollback: no trace. */
  g_assert_true (psi_store_begin (f->store, &error));
  g_assert_true (psi_store_begin (f->store, &error));
  set_name (region, "Temporary", NULL, NULL);
  save (f->store, region);
  add_municipality (f->store, psi_record_get_id (PSI_RECORD (region)), "Temp", NULL, NULL);
  g_assert_true (psi_store_commit (f->store, &error));
  g_assert_cmpstr (log.log->str, ==, "");   /* nothing before the outermost commit */
  psi_store_rollback (f->store);
  g_assert_cmpstr (log.log->str, ==, "discarded;");
  g_assert_true (psi_store_is_empty (f->store));
  g_assert_false (psi_store_commit (f->store, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_string_truncate (log.log, 0);

  /* Rollback from the inner level rolls back everything too. */
  g_assert_true (psi_store_begin (f->store, &error));
  add_region (f->store, "Outer");
  g_assert_true (psi_store_begin (f->store, &error));
  add_region (f->store, "Inner");
  psi_store_rollback (f->store);
  g_assert_true (psi_store_is_empty (f->store));
  g_string_truncate (log.log, 0);

  /* Grouped changes are announced after the outermost commit, in order. */
  g_assert_true (psi_store_begin (f->store, &error));
  id1 = add_region (f->store, "One");
  id2 = add_region (f->store, "Two");
  {
    g_autoptr(PsiRecord) r = load (f->store, PSI_RECORD_KIND_REGION, id1);

    set_name (r, "One renamed", NULL, NULL);
    save (f->store, r);
  }
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_REGION, id2, &error));
  expected = g_strdup_printf ("will:%d:%" G_GINT64_FORMAT ":%d;will:%d:%" G_GINT64_FORMAT ":%d;",
                              PSI_RECORD_KIND_REGION, id1, PSI_STORE_CHANGE_UPDATED,
                              PSI_RECORD_KIND_REGION, id2, PSI_STORE_CHANGE_DELETED);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_assert_true (psi_store_commit (f->store, &error));
  g_free (expected);
  expected = g_strdup_printf ("changed:1:%" G_GINT64_FORMAT ":0;changed:1:%" G_GINT64_FORMAT
                              ":0;changed:1:%" G_GINT64_FORMAT ":1;changed:1:%" G_GINT64_FORMAT
                              ":2;", id1, id2, id1, id2);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_REGION, NULL), ==, 1);

  /* A failed save inside a transaction leaves the transaction usable. */
  g_assert_true (psi_store_begin (f->store, &error));
  {
    g_autoptr(PsiAward) bad = new_award (999, 0, 1);

    g_assert_false (psi_store_save (f->store, PSI_RECORD (bad), &error));
    g_clear_error (&error);
  }
  add_region (f->store, "After the error");
  g_assert_true (psi_store_commit (f->store, &error));
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_REGION, NULL), ==, 2);

  g_signal_handlers_disconnect_by_data (f->store, &log);
  g_string_free (log.log, TRUE);
}

static void
test_integrity (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _psi_store_get_db (f->store);
  gint64 region_id = add_region (f->store, "R");

  add_municipality (f->store, region_id, "M", NULL, NULL);
  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* Break a reference behind the store's back. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF;"
                                     " UPDATE municipality SET region_id = 999;"
                                     " PRAGMA foreign_keys = ON;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_false (psi_store_check_integrity (f->store, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "municipality"));
}

/* PsiRecordList */

typedef struct
{
  GArray *changes;   /* guint triples */
} ChangeLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ChangeLog  *log)
{
  guint triple[3] = { position, removed, added };

  g_array_append_vals (log->changes, triple, 3);
}

static ChangeLog *
change_log_new (PsiRecordList *list)
{
  ChangeLog *log = g_new0 (ChangeLog, 1);

  log->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), log);
  return log;
}

static void
change_log_free (PsiRecordList *list,
                 ChangeLog     *log)
{
  g_signal_handlers_disconnect_by_data (list, log);
  g_array_unref (log->changes);
  g_free (log);
}

/* Asserts exactly these (position, removed, added) triples, then forgets them. */
static void
assert_changes (ChangeLog *log,
                guint      n,
                ...)
{
  va_list args;

  g_assert_cmpuint (log->changes->len, ==, n * 3);
  va_start (args, n);
  for (guint i = 0; i < n * 3; i++)
    g_assert_cmpuint (g_array_index (log->changes, guint, i), ==, va_arg (args, guint));
  va_end (args);
  g_array_set_size (log->changes, 0);
}

static gint64
item_id (GListModel *list,
         guint       i)
{
  g_autoptr(PsiRecord) r = g_list_model_get_item (list, i);

  g_assert_nonnull (r);
  return psi_record_get_id (r);
}

/* The list holds the same rows as a freshly made one with the same search and order. */
static void
assert_same_as_fresh (PsiRecordList *list)
{
  g_autoptr(PsiRecordList) fresh = psi_record_list_new (psi_record_list_get_store (list),
                                                        psi_record_list_get_kind (list));
  g_autofree char *sort_key = NULL;
  gboolean descending = FALSE;
  guint n;

  g_object_get (list, "sort-key", &sort_key, "descending", &descending, NULL);
  psi_record_list_set_search (fresh, psi_record_list_get_search (list));
  psi_record_list_set_sort (fresh, sort_key, descending);

  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (item_id (G_LIST_MODEL (list), i), ==, item_id (G_LIST_MODEL (fresh), i));
}

static void
test_list_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecordList) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *model;
  gint64 region_id = add_region (f->store, "Region");

  g_assert_true (psi_store_begin (f->store, &error));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Municipality %04u", i);
      gint64 id = add_municipality (f->store, region_id, name, NULL, NULL);

      g_array_append_val (ids, id);
    }
  g_assert_true (psi_store_commit (f->store, &error));

  list = psi_record_list_new (f->store, PSI_RECORD_KIND_MUNICIPALITY);
  model = G_LIST_MODEL (list);
  g_assert_true (g_list_model_get_item_type (model) == PSI_TYPE_MUNICIPALITY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);

  /* Random access first (OFFSET seek from the end), then the start, then every boundary. */
  g_assert_cmpint (item_id (model, 900), ==, g_array_index (ids, gint64, 900));
  g_assert_cmpint (item_id (model, 0), ==, g_array_index (ids, gint64, 0));
  g_assert_cmpint (item_id (model, 999), ==, g_array_index (ids, gint64, 999));
  g_assert_cmpint (item_id (model, 450), ==, g_array_index (ids, gint64, 450));
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpint (item_id (model, i), ==, g_array_index (ids, gint64, i));
  /* Backwards, across page boundaries (keyset before a cached page) */
  psi_record_list_reload (list);
  g_assert_cmpint (item_id (model, 550), ==, g_array_index (ids, gint64, 550));
  for (guint i = 549; i > 300; i--)
    g_assert_cmpint (item_id (model, i), ==, g_array_index (ids, gint64, i));
  g_assert_null (g_list_model_get_item (model, 1000));

  /* List items carry the list columns (the region name from the join). */
  {
    g_autoptr(PsiMunicipality) m = g_list_model_get_item (model, 5);

    g_assert_cmpstr (psi_text_get_exact (psi_municipality_get_region_name (m), PSI_LANGUAGE_EN),
                     ==, "Region");
  }

  /* Descending */
  psi_record_list_set_sort (list, "title", TRUE);
  g_assert_cmpint (item_id (model, 0), ==, g_array_index (ids, gint64, 999));
  for (guint i = 0; i < 1000; i += 7)
    g_assert_cmpint (item_id (model, i), ==, g_array_index (ids, gint64, 999 - i));

  g_assert_cmpuint (psi_record_list_find (list, g_array_index (ids, gint64, 10)), ==, 989);
  g_assert_cmpuint (psi_record_list_find (list, 100000), ==, G_MAXUINT);
}

static void
test_list_search (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsiRecordList) list = NULL;
  g_autoptr(PsiRecordList) awards = NULL;
  gint64 region_id = add_region (f->store, "Jalal-Abad region");
  gint64 kenesh = add_municipality (f->store, region_id, "Kenesh", "Кенеш", "Кеңеш");
  gint64 event_id, competition_id;
  ChangeLog *log;

  add_municipality (f->store, region_id, "Burgondu", "Бургонду", "Бургөндү");
  add_municipality (f->store, region_id, "Masy", "Масы", NULL);

  list = psi_record_list_new (f->store, PSI_RECORD_KIND_MUNICIPALITY);
  log = change_log_new (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  psi_record_list_set_search (list, "кенеш");
  assert_changes (log, 1, 0, 3, 1);
  g_assert_cmpstr (psi_record_list_get_search (list), ==, "кенеш");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (item_id (G_LIST_MODEL (list), 0), ==, kenesh);

  psi_record_list_set_search (list, "КЕҢЕШ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  psi_record_list_set_search (list, "бургөндү");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  psi_record_list_set_search (list, "MASY");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  psi_record_list_set_search (list, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  psi_record_list_set_search (list, "");
  g_assert_null (psi_record_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  change_log_free (list, log);

  /* Awards are found by their recipient's and competition's names, also after a rename. */
  event_id = add_event (f->store, "Conference", "2020-12-16");
  competition_id = add_competition (f->store, event_id, "Information campaign");
  add_award (f->store, competition_id, kenesh, 1);
  add_award (f->store, competition_id, 0, 0);
  awards = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
  psi_record_list_set_search (awards, "кеңеш");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (awards)), ==, 1);
  psi_record_list_set_search (awards, "information");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (awards)), ==, 2);

  {
    g_autoptr(PsiRecord) m = load (f->store, PSI_RECORD_KIND_MUNICIPALITY, kenesh);

    set_name (m, "Chelpek", NULL, NULL);
    save (f->store, m);
  }
  psi_record_list_set_search (awards, "челпек");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (awards)), ==, 1);
  psi_record_list_set_search (awards, "кеңеш");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (awards)), ==, 0);
}

/* Sorting: the primary key of each row, compared the way SQLite does (NOCASE is ASCII only). */

typedef struct
{
  gboolean  is_int;
  gint64    i;
  char     *s;
} SortValue;

static const char *
text_current (PsiText *text)
{
  return text != NULL ? psi_text_get_current (text) : "";
}

static SortValue
sort_value (PsiRecord  *r,
            const char *key)
{
  SortValue v = { FALSE, 0, NULL };

#define INT(x) G_STMT_START { v.is_int = TRUE; v.i = (x); return v; } G_STMT_END
#define STR(x) G_STMT_START { v.s = g_strdup (x); return v; } G_STMT_END
#define NICK(type, x) STR (psi_enum_to_nick (type, (x)))

  if (PSI_IS_MUNICIPALITY (r))
    {
      PsiMunicipality *m = PSI_MUNICIPALITY (r);

      if (g_str_equal (key, "region"))
        STR (text_current (psi_municipality_get_region_name (m)));
      if (g_str_equal (key, "kind"))
        NICK (PSI_TYPE_MUNICIPALITY_KIND, psi_municipality_get_municipality_kind (m));
      if (g_str_equal (key, "pilot"))
        INT (psi_municipality_get_pilot (m));
    }
  else if (PSI_IS_DISTRICT (r) && g_str_equal (key, "region"))
    STR (text_current (psi_district_get_region_name (PSI_DISTRICT (r))));
  else if (PSI_IS_OFFICIAL (r))
    {
      PsiOfficial *o = PSI_OFFICIAL (r);

      if (g_str_equal (key, "position"))
        NICK (PSI_TYPE_POSITION, psi_official_get_position (o));
      if (g_str_equal (key, "belongs-to"))
        STR (psi_official_get_municipality_id (o) != 0
             ? text_current (psi_official_get_municipality_name (o))
             : text_current (psi_official_get_organisation_name (o)));
    }
  else if (PSI_IS_CLUSTER (r) && g_str_equal (key, "members"))
    INT (psi_cluster_get_member_count (PSI_CLUSTER (r)));
  else if (PSI_IS_EVENT (r))
    {
      if (g_str_equal (key, "date"))
        STR (psi_event_get_date (PSI_EVENT (r)) ? psi_event_get_date (PSI_EVENT (r)) : "");
      if (g_str_equal (key, "kind"))
        NICK (PSI_TYPE_EVENT_KIND, psi_event_get_event_kind (PSI_EVENT (r)));
    }
  else if (PSI_IS_COMPETITION (r))
    {
      PsiCompetition *c = PSI_COMPETITION (r);

      if (g_str_equal (key, "event"))
        STR (text_current (psi_competition_get_event_name (c)));
      if (g_str_equal (key, "entrants"))
        INT (psi_competition_get_entrant_count (c));
      if (g_str_equal (key, "awards"))
        INT (psi_competition_get_award_count (c));
    }
  else if (PSI_IS_AWARD (r))
    {
      PsiAward *a = PSI_AWARD (r);

      if (g_str_equal (key, "competition"))
        STR (text_current (psi_award_get_competition_name (a)));
      if (g_str_equal (key, "place"))
        INT (psi_award_get_place (a));
      if (g_str_equal (key, "kind"))
        NICK (PSI_TYPE_AWARD_KIND, psi_award_get_award_kind (a));
      if (g_str_equal (key, "grant"))
        INT (psi_award_get_grant_kgs (a));
    }
  else if (PSI_IS_AGREEMENT (r))
    {
      PsiAgreement *a = PSI_AGREEMENT (r);

      if (g_str_equal (key, "date"))
        STR (psi_agreement_get_date (a) ? psi_agreement_get_date (a) : "");
      if (g_str_equal (key, "kind"))
        NICK (PSI_TYPE_AGREEMENT_KIND, psi_agreement_get_agreement_kind (a));
      if (g_str_equal (key, "event"))
        STR (text_current (psi_agreement_get_event_name (a)));
    }
  else if (PSI_IS_ORGANISATION (r) && g_str_equal (key, "role"))
    NICK (PSI_TYPE_ORGANISATION_ROLE, psi_organisation_get_role (PSI_ORGANISATION (r)));

  g_assert_cmpstr (key, ==, "title");
  v.s = psi_record_dup_title (r, psi_language_get_current ());
  return v;

#undef INT
#undef STR
#undef NICK
}

static int
compare_values (SortValue *a,
                SortValue *b)
{
  if (a->is_int)
    return a->i < b->i ? -1 : a->i > b->i;
  return g_ascii_strcasecmp (a->s, b->s);
}

static void
assert_sorted (PsiStore      *store,
               PsiRecordKind  kind,
               const char    *key)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  guint distinct;

  g_assert_cmpint (n, ==, psi_store_count (store, kind, NULL));
  g_assert_cmpuint (n, >=, 3);

  for (int desc = 0; desc <= 1; desc++)
    {
      SortValue prev = { FALSE, 0, NULL };

      distinct = 0;
      psi_record_list_set_sort (list, key, desc);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PsiRecord) r = g_list_model_get_item (model, i);
          SortValue v = sort_value (r, key);

          if (i > 0)
            {
              int cmp = compare_values (&prev, &v);

              if (desc ? cmp < 0 : cmp > 0)
                g_error ("%s list sorted by %s%s: row %u is out of order",
                         _psi_store_kind_table (kind), key, desc ? " (descending)" : "", i);
              if (cmp != 0)
                distinct++;
            }
          g_free (prev.s);
          prev = v;
        }
      g_free (prev.s);
      /* The data set gives every key at least two different values. */
      g_assert_cmpuint (distinct, >=, 1);
    }
}

static void
fill_sort_data (PsiStore *store)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "alpha", "Bravo", "charlie", "Delta", "echo", "Фокстрот", "гольф",
                          "Hotel", "india", "Juliett", "Кило", "lima" };
  gint64 regions[3], districts[2], muns[12], orgs[4], events[4], competitions[6], clusters[4];
  guint n = G_N_ELEMENTS (names);

  g_assert_true (psi_store_begin (store, &error));
  regions[0] = add_region (store, "Zeta region");
  regions[1] = add_region (store, "alpha region");
  regions[2] = add_region (store, "Mid region");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PsiDistrict) d = psi_district_new ();

      set_name (d, names[(i * 5) % n], NULL, NULL);
      psi_district_set_region_id (d, regions[i + 1]);
      districts[i] = save (store, d);
    }
  {
    g_autoptr(PsiDistrict) d = psi_district_new ();

    set_name (d, "Third district", NULL, NULL);
    psi_district_set_region_id (d, regions[0]);
    save (store, d);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiMunicipality) m = psi_municipality_new ();

      set_name (m, names[(i * 7) % n], NULL, NULL);
      psi_municipality_set_region_id (m, regions[i % 3]);
      psi_municipality_set_district_id (m, i % 4 == 0 ? districts[i % 2] : 0);
      psi_municipality_set_municipality_kind (m, i % 3 == 0 ? PSI_MUNICIPALITY_KIND_TOWN
                                                            : PSI_MUNICIPALITY_KIND_RURAL);
      psi_municipality_set_pilot (m, i % 2);
      muns[i] = save (store, m);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PsiOrganisation) o = psi_organisation_new ();

      set_name (o, names[(i * 5 + 2) % n], NULL, NULL);
      psi_organisation_set_role (o, (PsiOrganisationRole) (3 - i));
      orgs[i] = save (store, o);
    }
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(PsiOfficial) o = psi_official_new ();

      set_name (o, names[(i * 5 + 1) % n], NULL, NULL);
      psi_official_set_position (o, (PsiPosition) (i % 6));
      if (i % 2)
        psi_official_set_municipality_id (o, muns[i]);
      else
        psi_official_set_organisation_id (o, orgs[i % 4]);
      save (store, o);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PsiCluster) c = psi_cluster_new ();

      set_name (c, names[(i * 3 + 1) % n], NULL, NULL);
      for (guint j = 0; j <= (i * 2) % 5; j++)
        psi_cluster_add_member (c, muns[(i + j) % n]);
      clusters[i] = save (store, c);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PsiEvent) e = psi_event_new ();
      const char *dates[] = { "2020-12-16", NULL, "2019-01-31", "2021-06-01" };

      set_name (e, names[(i * 5 + 3) % n], NULL, NULL);
      psi_event_set_date (e, dates[i]);
      psi_event_set_event_kind (e, (PsiEventKind) (i % 3));
      events[i] = save (store, e);
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(PsiCompetition) c = psi_competition_new ();

      set_name (c, names[(i * 7 + 4) % n], NULL, NULL);
      psi_competition_set_event_id (c, events[i % 4]);
      psi_competition_set_entrant_count (c, (i * 5) % 7);
      competitions[i] = save (store, c);
    }
  for (guint i = 0; i < 30; i++)
    {
      PsiAwardKind kind = (PsiAwardKind) (i % 3);
      g_autoptr(PsiAward) a = new_award (competitions[(i * i) % 6], 0,
                                         kind == PSI_AWARD_KIND_WINNER ? (i * 3) % 4 : 0);
      g_autoptr(PsiText) condition = psi_text_new ("Modify the plan", NULL, NULL);

      if (i % 4 == 3)
        psi_award_set_cluster_id (a, clusters[i % 4]);
      else
        psi_award_set_municipality_id (a, muns[(i * 7) % n]);
      psi_award_set_award_kind (a, kind);
      if (kind == PSI_AWARD_KIND_CONDITIONAL_WINNER)
        psi_award_set_condition (a, condition);
      psi_award_set_grant_kgs (a, (i * 7919) % 13 * 100000);
      save (store, a);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PsiAgreement) a = psi_agreement_new ();
      const char *dates[] = { "2020-12-16", "2018-02-02", NULL, "2022-10-10" };

      set_name (a, names[(i * 5 + 6) % n], NULL, NULL);
      psi_agreement_set_date (a, dates[i]);
      psi_agreement_set_agreement_kind (a, (PsiAgreementKind) (i % 2));
      psi_agreement_set_event_id (a, i == 2 ? 0 : events[i]);
      save (store, a);
    }
  g_assert_true (psi_store_commit (store, &error));
}

static void
test_list_sort (Fixture       *f,
                gconstpointer  data)
{
  static const struct { PsiRecordKind kind; const char *key; } keys[] = {
    { PSI_RECORD_KIND_ORGANISATION, "title" }, { PSI_RECORD_KIND_ORGANISATION, "role" },
    { PSI_RECORD_KIND_REGION, "title" },
    { PSI_RECORD_KIND_DISTRICT, "title" }, { PSI_RECORD_KIND_DISTRICT, "region" },
    { PSI_RECORD_KIND_MUNICIPALITY, "title" }, { PSI_RECORD_KIND_MUNICIPALITY, "region" },
    { PSI_RECORD_KIND_MUNICIPALITY, "kind" }, { PSI_RECORD_KIND_MUNICIPALITY, "pilot" },
    { PSI_RECORD_KIND_OFFICIAL, "title" }, { PSI_RECORD_KIND_OFFICIAL, "position" },
    { PSI_RECORD_KIND_OFFICIAL, "belongs-to" },
    { PSI_RECORD_KIND_CLUSTER, "title" }, { PSI_RECORD_KIND_CLUSTER, "members" },
    { PSI_RECORD_KIND_EVENT, "title" }, { PSI_RECORD_KIND_EVENT, "date" },
    { PSI_RECORD_KIND_EVENT, "kind" },
    { PSI_RECORD_KIND_COMPETITION, "title" }, { PSI_RECORD_KIND_COMPETITION, "event" },
    { PSI_RECORD_KIND_COMPETITION, "entrants" }, { PSI_RECORD_KIND_COMPETITION, "awards" },
    { PSI_RECORD_KIND_AWARD, "title" }, { PSI_RECORD_KIND_AWARD, "competition" },
    { PSI_RECORD_KIND_AWARD, "place" }, { PSI_RECORD_KIND_AWARD, "kind" },
    { PSI_RECORD_KIND_AWARD, "grant" },
    { PSI_RECORD_KIND_AGREEMENT, "title" }, { PSI_RECORD_KIND_AGREEMENT, "date" },
    { PSI_RECORD_KIND_AGREEMENT, "kind" }, { PSI_RECORD_KIND_AGREEMENT, "event" },
  };

  fill_sort_data (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    assert_sorted (f->store, keys[i].kind, keys[i].key);

  /* The title order follows the language: in Russian, the Russian names first. */
  {
    g_autoptr(PsiRecordList) list = psi_record_list_new (f->store, PSI_RECORD_KIND_REGION);
    g_autoptr(PsiRecord) r = load (f->store, PSI_RECORD_KIND_REGION, 2);
    g_autoptr(PsiRecord) first = NULL;
    g_autoptr(PsiRecord) last = NULL;
    ChangeLog *log = change_log_new (list);

    /* alpha region (2), Mid region (3), Zeta region (1) */
    set_name (r, "alpha region", "Ялта", NULL);
    save (f->store, r);
    assert_changes (log, 1, 0, 1, 1);   /* "alpha region" stays first in English */
    psi_language_set_current (PSI_LANGUAGE_RU);
    psi_record_list_reload (list);
    assert_changes (log, 1, 0, 3, 3);
    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    last = g_list_model_get_item (G_LIST_MODEL (list), 2);
    g_assert_cmpint (psi_record_get_id (first), ==, 3);
    g_assert_cmpint (psi_record_get_id (last), ==, 2);
    psi_language_set_current (PSI_LANGUAGE_EN);
    change_log_free (list, log);
  }

  /* The default orders: awards by competition then place; events by date. */
  {
    g_autoptr(PsiRecordList) list = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
    GListModel *model = G_LIST_MODEL (list);
    gint64 prev_c = 0, prev_p = -1;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(PsiAward) a = g_list_model_get_item (model, i);
        gint64 c = psi_award_get_competition_id (a), p = psi_award_get_place (a);

        g_assert_true (c > prev_c || (c == prev_c && p >= prev_p));
        prev_c = c;
        prev_p = p;
      }
  }
}

static gint64
rename_municipality (PsiStore   *store,
                     gint64      id,
                     const char *name)
{
  g_autoptr(PsiRecord) r = load (store, PSI_RECORD_KIND_MUNICIPALITY, id);

  set_name (r, name, NULL, NULL);
  return save (store, r);
}

static void
test_list_changes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecordList) list = NULL;
  g_autoptr(PsiRecordList) awards = NULL;
  gint64 region_id = add_region (f->store, "Region");
  gint64 b, d, f_id, x, event_id, competition_id;
  ChangeLog *log, *award_log;

  b = add_municipality (f->store, region_id, "b", NULL, NULL);
  d = add_municipality (f->store, region_id, "d", NULL, NULL);
  f_id = add_municipality (f->store, region_id, "f", NULL, NULL);
  list = psi_record_list_new (f->store, PSI_RECORD_KIND_MUNICIPALITY);
  log = change_log_new (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  /* Fill the cache so that stale pages would show. */
  g_assert_cmpint (item_id (G_LIST_MODEL (list), 2), ==, f_id);

  /* insert between b and d -> (1, 0, 1) */
  x = add_municipality (f->store, region_id, "c", NULL, NULL);
  assert_changes (log, 1, 1, 0, 1);
  assert_same_as_fresh (list);
  g_assert_cmpint (item_id (G_LIST_MODEL (list), 1), ==, x);

  /* rename in place -> (1, 1, 1) */
  rename_municipality (f->store, x, "cc");
  assert_changes (log, 1, 1, 1, 1);
  assert_same_as_fresh (list);

  /* rename that moves the row to the end: b cc d f -> b d f z */
  rename_municipality (f->store, x, "z");
  assert_changes (log, 2, 1, 1, 0, 3, 0, 1);
  assert_same_as_fresh (list);

  /* and to the front */
  rename_municipality (f->store, x, "a");
  assert_changes (log, 2, 3, 1, 0, 0, 0, 1);
  assert_same_as_fresh (list);

  /* delete -> (2, 1, 0): a b d f */
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, d, &error));
  g_assert_no_error (error);
  assert_changes (log, 1, 2, 1, 0);
  assert_same_as_fresh (list);

  /* Grouped changes replayed in order: a b f -> insert e, delete a, rename b to g */
  g_assert_true (psi_store_begin (f->store, &error));
  add_municipality (f->store, region_id, "e", NULL, NULL);  /* a b e f: (2,0,1) */
  g_assert_true (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, x, &error));
  /* b e f: (0,1,0) */
  rename_municipality (f->store, b, "g");                   /* e f g: (0,1,0) (2,0,1) */
  g_assert_cmpuint (log->changes->len, ==, 0);
  g_assert_true (psi_store_commit (f->store, &error));
  assert_changes (log, 4, 2, 0, 1, 0, 1, 0, 0, 1, 0, 2, 0, 1);
  assert_same_as_fresh (list);

  /* Rolled back: nothing */
  g_assert_true (psi_store_begin (f->store, &error));
  add_municipality (f->store, region_id, "h", NULL, NULL);
  rename_municipality (f->store, f_id, "0");
  psi_store_rollback (f->store);
  g_assert_cmpuint (log->changes->len, ==, 0);
  assert_same_as_fresh (list);

  /* With a search: a row leaving and entering the filter */
  psi_record_list_set_search (list, "g");
  assert_changes (log, 1, 0, 3, 1);
  rename_municipality (f->store, b, "k");
  assert_changes (log, 1, 0, 1, 0);
  rename_municipality (f->store, f_id, "fg");
  assert_changes (log, 1, 0, 0, 1);
  assert_same_as_fresh (list);
  psi_record_list_set_search (list, NULL);
  assert_changes (log, 1, 0, 1, 3);

  /* Another kind does not disturb the list; a renamed region is shown again. */
  add_region (f->store, "Another region");
  g_assert_cmpuint (log->changes->len, ==, 0);
  {
    g_autoptr(PsiRecord) r = load (f->store, PSI_RECORD_KIND_REGION, region_id);

    set_name (r, "Region renamed", NULL, NULL);
    save (f->store, r);
    assert_changes (log, 1, 0, 3, 3);
  }

  /* The award list shows municipality names: a rename refreshes it. */
  event_id = add_event (f->store, "Conference", "2020-12-16");
  competition_id = add_competition (f->store, event_id, "Competition");
  add_award (f->store, competition_id, f_id, 1);
  awards = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
  award_log = change_log_new (awards);
  add_award (f->store, competition_id, b, 2);
  assert_changes (award_log, 1, 1, 0, 1);
  rename_municipality (f->store, f_id, "f again");
  assert_changes (award_log, 1, 0, 2, 2);
  {
    g_autoptr(PsiAward) a = g_list_model_get_item (G_LIST_MODEL (awards), 0);

    g_assert_cmpstr (psi_text_get_exact (psi_award_get_recipient_name (a), PSI_LANGUAGE_EN), ==,
                     "f again");
  }
  assert_changes (log, 1, 1, 1, 1);

  /* Bulk: many changes in one transaction end in a single reset. */
  g_assert_true (psi_store_begin (f->store, &error));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("bulk %03u", i);

      add_municipality (f->store, region_id, name, NULL, NULL);
    }
  g_assert_true (psi_store_commit (f->store, &error));
  assert_changes (log, 1, 0, 3, 203);
  assert_same_as_fresh (list);

  change_log_free (awards, award_log);
  change_log_free (list, log);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST ("/store/open/create", test_open_create);
  TEST ("/store/open/reopen", test_open_reopen);
  TEST ("/store/open/newer", test_open_newer);
  TEST ("/store/open/corrupt", test_open_corrupt);
  TEST ("/store/open/missing-dir", test_open_missing_dir);
  TEST ("/store/foreign-keys", test_foreign_keys);
  TEST ("/store/save/roundtrip", test_roundtrip);
  TEST ("/store/save/bad-values", test_bad_values);
  TEST ("/store/related/many-to-many", test_many_to_many);
  TEST ("/store/award/shared-place", test_shared_place);
  TEST ("/store/delete", test_delete);
  TEST ("/store/transaction", test_transaction);
  TEST ("/store/integrity", test_integrity);
  TEST ("/store/list/paging", test_list_paging);
  TEST ("/store/list/search", test_list_search);
  TEST ("/store/list/sort", test_list_sort);
  TEST ("/store/list/changes", test_list_changes);

  return g_test_run ();
}
