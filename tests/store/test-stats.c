/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The overview figures (psi-store-stats.c) of the sample conference against its press release,
 * and every consistency finding, each made to appear and disappear on a temp copy. */

#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "psi-sample.h"
#include "psi-store-private.h"
#include "psi-store-stats.h"

/* Records of the sample, by their uuid in data/sample/psi-year-end-conference-2020.xml */
#define EVENT_UUID          "59cfea74-fdd9-4341-8766-672828138003"
#define INFO_CAMPAIGN_UUID  "26591b64-1510-49f8-9115-3a00a1e1b5c1"
#define SIAP_UUID           "60f32d27-f312-4ab6-b850-22347de2f68b"
#define CONDITIONAL_UUID    "e9ec97cf-62db-4e20-a917-b7de84aa177f"
#define INCENTIVE_UUID      "d46c35ee-3c3e-4bcb-81e0-3dad1a8aca01"
#define JALAL_ABAD_UUID     "8f9062a2-a714-4bdf-8ebe-6f2465516f2e"
#define ISSYK_KUL_UUID      "eaef6289-2ffd-45a2-b9a4-4954883c8881"
#define CHELPEK_UUID        "81465f6e-5f48-4d7a-aa69-19035195bde8"
#define OKTYABR_CLUSTER     "c8049a50-413b-4e3f-b982-33f8b57f0e43"
#define BURGONDU_UUID       "dbc5f31a-abce-4e39-bea6-f369f65a6a52"

typedef struct
{
  char     *dir;
  PsiStore *store;
  gint64    event;
} Fixture;

static gint64
id_of (Fixture       *f,
       PsiRecordKind  kind,
       const char    *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) record = psi_store_load_by_uuid (f->store, kind, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return psi_record_get_id (record);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (_psi_store_get_db (f->store), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (_psi_store_get_db (f->store)), >, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  psi_language_set_current (PSI_LANGUAGE_EN);
  f->dir = g_dir_make_tmp ("psi-stats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "records.db", NULL);
  f->store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  f->event = id_of (f, PSI_RECORD_KIND_EVENT, EVENT_UUID);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static PsiEventStats *
event_stats (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PsiEventStats *stats = psi_store_stats_event (f->store, f->event, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static GArray *
findings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GArray *list = psi_store_stats_findings (f->store, f->event, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The number of findings of that kind; *first receives the first of them. */
static guint
count_findings (GArray         *list,
                PsiFindingKind  kind,
                PsiFinding     *first)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    {
      PsiFinding *finding = &g_array_index (list, PsiFinding, i);

      if (finding->kind != kind)
        continue;
      if (n++ == 0 && first != NULL)
        *first = *finding;
    }
  return n;
}

static gint64
bar_value (GArray *bars,
           gint64  id)
{
  for (guint i = 0; i < bars->len; i++)
    if (g_array_index (bars, PsiStatsBar, i).id == id)
      return g_array_index (bars, PsiStatsBar, i).value;
  return -1;
}

/* The press release: 26 pilot municipalities took part; 2 competitions; 1st place 2 winners,
 * 2nd 2, 3rd 3, 20 incentive prizes; 5 cluster winners with 5 000 000 KGS each, 4 conditional
 * winners; printers and laptops for the winners of the information campaign. */
static void
test_sample_figures (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsiEventStats) stats = event_stats (f);
  gint64 info = id_of (f, PSI_RECORD_KIND_COMPETITION, INFO_CAMPAIGN_UUID);
  gint64 siap = id_of (f, PSI_RECORD_KIND_COMPETITION, SIAP_UUID);

  g_assert_cmpint (stats->event_id, ==, f->event);
  g_assert_cmpint (stats->municipalities, ==, 26);
  g_assert_cmpint (stats->competitions, ==, 2);
  /* 8 award rows in the campaign (7 winners, 1 row for 20 incentive prizes), 6 in SIAP */
  g_assert_cmpint (stats->award_rows, ==, 14);
  /* Recipients, not rows: 7 + 20 + 5 + 4 */
  g_assert_cmpint (stats->recipients, ==, 36);
  g_assert_cmpint (stats->winners, ==, 12);
  g_assert_cmpint (stats->conditional_winners, ==, 4);
  g_assert_cmpint (stats->incentive_prizes, ==, 20);
  g_assert_cmpint (stats->certificates, ==, 12);
  g_assert_cmpint (stats->grants_kgs, ==, 25000000);
  g_assert_cmpint (stats->laptops, ==, 7);
  g_assert_cmpint (stats->printers, ==, 7);
  g_assert_cmpint (stats->other_items, ==, 0);

  g_assert_cmpuint (stats->by_place->len, ==, 3);
  g_assert_cmpint (bar_value (stats->by_place, 1), ==, 2);
  g_assert_cmpint (bar_value (stats->by_place, 2), ==, 2);
  g_assert_cmpint (bar_value (stats->by_place, 3), ==, 3);
  g_assert_cmpint (g_array_index (stats->by_place, PsiStatsBar, 0).id, ==, 1);

  g_assert_cmpuint (stats->by_competition->len, ==, 2);
  g_assert_cmpint (bar_value (stats->by_competition, info), ==, 27);
  g_assert_cmpint (bar_value (stats->by_competition, siap), ==, 9);

  /* Jalal-Abad: Beshik-Jon, Dostuk, B. Mambetov, Masy, Toktogul; the Dostuk and Kenesh
   * clusters. Issyk-Kul: Teplokluchenka, Orgochor; three clusters. Not named: 20 + 4. */
  g_assert_cmpuint (stats->by_region->len, ==, 3);
  g_assert_cmpint (bar_value (stats->by_region,
                              id_of (f, PSI_RECORD_KIND_REGION, JALAL_ABAD_UUID)), ==, 7);
  g_assert_cmpint (bar_value (stats->by_region,
                              id_of (f, PSI_RECORD_KIND_REGION, ISSYK_KUL_UUID)), ==, 5);
  g_assert_cmpint (bar_value (stats->by_region, 0), ==, 24);
  /* "Not named" comes last. */
  g_assert_cmpint (g_array_index (stats->by_region, PsiStatsBar, 2).id, ==, 0);
}

/* Recipient counts and item counts multiply; a stated item count counts. */
static void
test_recipient_count (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PsiEventStats) stats = NULL;

  exec_sql (f, "UPDATE award SET recipient_count = 21 WHERE uuid = '" INCENTIVE_UUID "'");
  exec_sql (f, "INSERT INTO award_item (award_id, ordinal, item_kind, count)"
               " SELECT id, 0, 'other', 2 FROM award WHERE uuid = '" INCENTIVE_UUID "'");
  exec_sql (f, "UPDATE award SET grant_kgs = 100 WHERE uuid = '" CONDITIONAL_UUID "'");

  stats = event_stats (f);
  g_assert_cmpint (stats->incentive_prizes, ==, 21);
  g_assert_cmpint (stats->recipients, ==, 37);
  g_assert_cmpint (stats->other_items, ==, 42);
  g_assert_cmpint (stats->grants_kgs, ==, 25000400);
  g_assert_cmpint (bar_value (stats->by_region, 0), ==, 25);
}

static void
test_event_not_found (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsiEventStats *stats = psi_store_stats_event (f->store, f->event + 1000, &error);

  g_assert_null (stats);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (psi_store_stats_findings (f->store, f->event + 1000, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
}

/* The sample really has two: 27 recipients of the campaign against 26 municipalities, and
 * 4 conditional winners without a deadline. Nothing else. */
static void
test_sample_findings (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) list = findings (f);
  PsiFinding finding;

  g_assert_cmpuint (list->len, ==, 2);

  g_assert_cmpuint (count_findings (list, PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS,
                                    &finding), ==, 1);
  g_assert_cmpint (finding.record_kind, ==, PSI_RECORD_KIND_COMPETITION);
  g_assert_cmpint (finding.record_id, ==,
                   id_of (f, PSI_RECORD_KIND_COMPETITION, INFO_CAMPAIGN_UUID));
  g_assert_cmpint (finding.count, ==, 27);
  g_assert_cmpint (finding.limit, ==, 26);

  g_assert_cmpuint (count_findings (list, PSI_FINDING_CONDITION_WITHOUT_DEADLINE, &finding),
                    ==, 1);
  g_assert_cmpint (finding.record_kind, ==, PSI_RECORD_KIND_AWARD);
  g_assert_cmpint (finding.record_id, ==, id_of (f, PSI_RECORD_KIND_AWARD, CONDITIONAL_UUID));
  g_assert_cmpint (finding.other_id, ==, id_of (f, PSI_RECORD_KIND_COMPETITION, SIAP_UUID));
  g_assert_cmpint (finding.count, ==, 4);

  /* Without an event, only the findings of the whole file: none in the sample. */
  {
    g_autoptr(GArray) file_only = psi_store_stats_findings (f->store, 0, NULL);

    g_assert_nonnull (file_only);
    g_assert_cmpuint (file_only->len, ==, 0);
  }
}

static void
test_finding_participants (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GArray) list = NULL;
  g_autoptr(PsiEventStats) stats = NULL;

  exec_sql (f, "UPDATE event_participant SET count = 27 WHERE position = 'head-of-ao'");
  stats = event_stats (f);
  g_assert_cmpint (stats->municipalities, ==, 27);
  list = findings (f);
  g_assert_cmpuint (count_findings (list, PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS, NULL),
                    ==, 0);
}

static void
test_finding_entrants (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) list = NULL;
  PsiFinding finding;

  list = findings (f);
  g_assert_cmpuint (count_findings (list, PSI_FINDING_MORE_RECIPIENTS_THAN_ENTRANTS, NULL),
                    ==, 0);
  g_clear_pointer (&list, g_array_unref);

  /* 9 clusters took part and 9 were awarded (5 + 4): say 8 took part. */
  exec_sql (f, "UPDATE competition SET entrant_count = 8 WHERE uuid = '" SIAP_UUID "'");
  list = findings (f);
  g_assert_cmpuint (count_findings (list, PSI_FINDING_MORE_RECIPIENTS_THAN_ENTRANTS, &finding),
                    ==, 1);
  g_assert_cmpint (finding.record_id, ==, id_of (f, PSI_RECORD_KIND_COMPETITION, SIAP_UUID));
  g_assert_cmpint (finding.count, ==, 9);
  g_assert_cmpint (finding.limit, ==, 8);
  /* A cluster competition is not compared with the municipalities taking part. */
  g_assert_cmpuint (count_findings (list, PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS, NULL),
                    ==, 1);
}

static void
test_finding_member_not_pilot (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GArray) list = NULL;
  PsiFinding finding;

  exec_sql (f, "UPDATE municipality SET pilot = 0 WHERE uuid = '" CHELPEK_UUID "'");
  list = findings (f);
  g_assert_cmpuint (count_findings (list, PSI_FINDING_MEMBER_NOT_PILOT, &finding), ==, 1);
  g_assert_cmpint (finding.record_kind, ==, PSI_RECORD_KIND_CLUSTER);
  g_assert_cmpint (finding.record_id, ==, id_of (f, PSI_RECORD_KIND_CLUSTER, OKTYABR_CLUSTER));
  g_assert_cmpint (finding.other_kind, ==, PSI_RECORD_KIND_MUNICIPALITY);
  g_assert_cmpint (finding.other_id, ==, id_of (f, PSI_RECORD_KIND_MUNICIPALITY, CHELPEK_UUID));
}

static void
test_finding_deadline (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) list = NULL;

  exec_sql (f, "UPDATE award SET condition_deadline = '2021-03-01'"
               " WHERE uuid = '" CONDITIONAL_UUID "'");
  list = findings (f);
  g_assert_cmpuint (count_findings (list, PSI_FINDING_CONDITION_WITHOUT_DEADLINE, NULL), ==, 0);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_finding_name_missing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GArray) list = NULL;
  gint64 burgondu = id_of (f, PSI_RECORD_KIND_MUNICIPALITY, BURGONDU_UUID);
  gint64 issyk_kul = id_of (f, PSI_RECORD_KIND_REGION, ISSYK_KUL_UUID);
  gboolean seen_burgondu = FALSE, seen_region = FALSE;

  exec_sql (f, "UPDATE municipality SET name_ky = NULL WHERE uuid = '" BURGONDU_UUID "'");
  /* An empty name is as missing as NULL. */
  exec_sql (f, "UPDATE region SET name_en = '', name_ru = NULL WHERE uuid = '" ISSYK_KUL_UUID "'");
  list = findings (f);
  g_assert_cmpuint (count_findings (list, PSI_FINDING_NAME_MISSING, NULL), ==, 2);

  for (guint i = 0; i < list->len; i++)
    {
      PsiFinding *finding = &g_array_index (list, PsiFinding, i);

      if (finding->kind != PSI_FINDING_NAME_MISSING)
        continue;
      if (finding->record_kind == PSI_RECORD_KIND_MUNICIPALITY && finding->record_id == burgondu)
        {
          g_assert_cmpuint (finding->missing, ==, 1u << PSI_LANGUAGE_KY);
          seen_burgondu = TRUE;
        }
      else if (finding->record_kind == PSI_RECORD_KIND_REGION && finding->record_id == issyk_kul)
        {
          g_assert_cmpuint (finding->missing, ==,
                            (1u << PSI_LANGUAGE_EN) | (1u << PSI_LANGUAGE_RU));
          seen_region = TRUE;
        }
    }
  g_assert_true (seen_burgondu);
  g_assert_true (seen_region);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/stats/sample/figures", test_sample_figures);
  ADD ("/stats/sample/findings", test_sample_findings);
  ADD ("/stats/event/recipient-count", test_recipient_count);
  ADD ("/stats/event/not-found", test_event_not_found);
  ADD ("/stats/findings/participants", test_finding_participants);
  ADD ("/stats/findings/entrants", test_finding_entrants);
  ADD ("/stats/findings/member-not-pilot", test_finding_member_not_pilot);
  ADD ("/stats/findings/deadline", test_finding_deadline);
  ADD ("/stats/findings/name-missing", test_finding_name_missing);

#undef ADD

  return g_test_run ();
}
