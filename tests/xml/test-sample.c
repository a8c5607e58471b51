/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-test-sample"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "psi-test-files.h"
#include "psi-record-list.h"
#include "psi-sample.h"
#include "psi-store.h"
#include "psi-xml-import.h"

/* The sample conference (GLOSSARY.md): every fact of the press release, read back through the
 * store API from a real records file; and the XML reader refusing bad input without changing
 * the records. */

#define NEW_UUID      "0b5c7a02-3c53-4c1e-9d2a-8f1e2b3c4d5e"
#define NEW_UUID_2    "5d0c2f4e-8a57-4f0e-b6c2-1d7e9a3b6c80"
#define UNKNOWN_UUID  "9f1d8c77-0000-4abc-8def-123456789abc"

#define HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
/* line 3: a valid new record, so that a later error has something to roll back */
#define NEW_REGION \
  "  <region id=\"" NEW_UUID "\"><name xml:lang=\"en\">Chui region</name></region>\n"
#define TAIL "</psi-records>\n"

typedef struct
{
  char     *dir;
  char     *path;
  PsiStore *store;
} Fixture;

/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("psi-test-sample-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: psi_sample_open_store creates it. */
  fixture->path = g_build_filename (fixture->dir, "data", "psi-records", "records.db", NULL);

  fixture->store = psi_sample_open_store (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  psi_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Every record of a kind, loaded in full (children included). */
static GPtrArray *
load_all (PsiStore      *store,
          PsiRecordKind  kind)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiRecord) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GError) error = NULL;
      PsiRecord *record;

      g_assert_nonnull (item);
      record = psi_store_load (store, kind, psi_record_get_id (item), &error);
      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_assert_cmpint (psi_record_get_kind (record), ==, kind);
      g_ptr_array_add (records, record);
    }

  g_assert_cmpint (records->len, ==, psi_store_count (store, kind, NULL));

  return records;
}

static const char *
en (PsiText *text)
{
  const char *s = text != NULL ? psi_text_get_exact (text, PSI_LANGUAGE_EN) : NULL;

  return s != NULL ? s : "";
}

static const char *
ru (PsiText *text)
{
  const char *s = text != NULL ? psi_text_get_exact (text, PSI_LANGUAGE_RU) : NULL;

  return s != NULL ? s : "";
}

static const char *
ky (PsiText *text)
{
  const char *s = text != NULL ? psi_text_get_exact (text, PSI_LANGUAGE_KY) : NULL;

  return s != NULL ? s : "";
}

static gpointer
find_by_name (GPtrArray  *records,
              const char *english)
{
  gpointer found = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      PsiRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (en (psi_record_get_name (record)), english) == 0)
        {
          g_assert_null (found);
          found = record;
        }
    }

  if (found == NULL)
    g_error ("no record named “%s”", english);

  return found;
}

static const char *
name_of_id (GPtrArray *records,
            gint64     id)
{
  for (guint i = 0; i < records->len; i++)
    {
      PsiRecord *record = g_ptr_array_index (records, i);

      if (psi_record_get_id (record) == id)
        return en (psi_record_get_name (record));
    }

  return NULL;
}

static void dump_object (GString *out,
                         GObject *object,
                         int      indent);

static void
dump_value (GString      *out,
            const GValue *value,
            int           indent)
{
  if (G_VALUE_HOLDS (value, PSI_TYPE_TEXT))
    {
      PsiText *text = g_value_get_boxed (value);

      g_string_append_printf (out, "[%s|%s|%s]", en (text), ru (text), ky (text));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_ARRAY))
    {
      GArray *array = g_value_get_boxed (value);

      g_string_append_c (out, '{');
      for (guint i = 0; array != NULL && i < array->len; i++)
        g_string_append_printf (out, " %" G_GINT64_FORMAT, g_array_index (array, gint64, i));
      g_string_append_c (out, '}');
    }
  else if (G_VALUE_HOLDS_OBJECT (value))
    {
      GObject *object = g_value_get_object (value);

      if (object != NULL && G_IS_LIST_MODEL (object))
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (object));

          g_string_append_printf (out, "%u items\n", n);
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (object), i);

              dump_object (out, item, indent + 2);
            }
        }
      else
        {
          g_string_append (out, object != NULL ? G_OBJECT_TYPE_NAME (object) : "NULL");
        }
    }
  else
    {
      g_autofree char *contents = g_strdup_value_contents (value);

      g_string_append (out, contents);
    }
}

static void
dump_object (GString *out,
             GObject *object,
             int      indent)
{
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_specs);
  g_string_append_printf (out, "%*s%s\n", indent, "", G_OBJECT_TYPE_NAME (object));

  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(specs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (object, specs[i]->name, &value);
      g_string_append_printf (out, "%*s  %s = ", indent, "", specs[i]->name);
      dump_value (out, &value, indent + 2);
      g_string_append_c (out, '\n');
    }
}

/* Everything in the store, records in full, as text: equal dumps mean equal databases. */
static char *
dump_store (PsiStore *store)
{
  GString *out = g_string_new (NULL);

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autoptr(GPtrArray) records = load_all (store, (PsiRecordKind) kind);

      g_string_append_printf (out, "kind %d: %u records\n", kind, records->len);
      for (guint i = 0; i < records->len; i++)
        dump_object (out, g_ptr_array_index (records, i), 2);
    }

  return g_string_free (out, FALSE);
}

static void
assert_counts (PsiStore *store,
               gint64    organisations,
               gint64    regions,
               gint64    districts,
               gint64    municipalities,
               gint64    officials,
               gint64    clusters,
               gint64    events,
               gint64    competitions,
               gint64    awards,
               gint64    agreements)
{
  gint64 expected[PSI_N_RECORD_KINDS] = {
    organisations, regions, districts, municipalities, officials, clusters, events,
    competitions, awards, agreements,
  };

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      gint64 count = psi_store_count (store, (PsiRecordKind) kind, &error);

      g_assert_no_error (error);
      if (count != expected[kind])
        g_error ("kind %d: %" G_GINT64_FORMAT " records, expected %" G_GINT64_FORMAT,
                 kind, count, expected[kind]);
    }
}

static void
assert_integrity (PsiStore *store)
{
  g_autoptr(GError) error = NULL;

  psi_store_check_integrity (store, &error);
  g_assert_no_error (error);
}

static void
assert_sample_counts (PsiStore *store)
{
  /* 4 organisations, 2 regions, no districts, 16 municipalities, the Project Manager,
   * 5 clusters, 1 event, 2 competitions, 7 + 1 + 5 + 1 awards, 1 agreement */
  assert_counts (store, 4, 2, 0, 16, 1, 5, 1, 2, 14, 1);
}

static gboolean
import_string (PsiStore    *store,
               const char  *xml,
               GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  return psi_xml_import_bytes (store, bytes, "test.xml", error);
}

/* Tests: the facts of the press release */

typedef struct
{
  const char *en;
  const char *ru;
  const char *ky;
  const char *region;
  gboolean    town;
} MunicipalityFact;

static const MunicipalityFact municipality_facts[] = {
  { "Beshik-Jon", "Бешик-Жон", "Бешик-Жон", "Jalal-Abad region", FALSE },
  { "Teplokluchenka", "Теплоключенка", "Теплоключенка", "Issyk-Kul region", FALSE },
  { "Dostuk", "Достук", "Достук", "Jalal-Abad region", FALSE },
  { "B. Mambetov", "Б. Мамбетов", "Б. Мамбетов", "Jalal-Abad region", FALSE },
  { "Masy", "Масы", "Масы", "Jalal-Abad region", FALSE },
  { "Toktogul (town)", "Токтогул (город)", "Токтогул (шаар)", "Jalal-Abad region", TRUE },
  { "Orgochor", "Оргочор", "Оргочор", "Issyk-Kul region", FALSE },
  { "Kerege-Tash", "Кереге-Таш", "Кереге-Таш", "Issyk-Kul region", FALSE },
  { "Oktyabr", "Октябрь", "Октябрь", "Issyk-Kul region", FALSE },
  { "Kyzyl-Suu", "Кызыл-Суу", "Кызыл-Суу", "Issyk-Kul region", FALSE },
  { "Svetlaya Polyana", "Светлая Поляна", "Светлая Поляна", "Issyk-Kul region", FALSE },
  { "Saruu", "Саруу", "Саруу", "Issyk-Kul region", FALSE },
  { "Darhan", "Дархан", "Дархан", "Issyk-Kul region", FALSE },
  { "Chelpek", "Челпек", "Челпек", "Issyk-Kul region", FALSE },
  { "Burgondu", "Бургонду", "Бургөндү", "Jalal-Abad region", FALSE },
  { "Kenesh", "Кенеш", "Кеңеш", "Jalal-Abad region", FALSE },
};

typedef struct
{
  const char *name;
  const char *members[6];
} ClusterFact;

static const ClusterFact cluster_facts[] = {
  { "Teplokluchenka cluster", { "Teplokluchenka", "Kerege-Tash", "Oktyabr", NULL } },
  { "Kyzyl-Suu cluster", { "Kyzyl-Suu", "Orgochor", "Svetlaya Polyana", "Saruu", "Darhan", NULL } },
  { "Oktyabr cluster", { "Teplokluchenka", "Kerege-Tash", "Chelpek", NULL } },
  { "Dostuk cluster", { "Dostuk", "Burgondu", NULL } },
  { "Kenesh cluster", { "Kenesh", "Beshik-Jon", "Masy", NULL } },
};

typedef struct
{
  const char *municipality;
  guint       place;
} PlaceFact;

static const PlaceFact place_facts[] = {
  { "Beshik-Jon", 1 },
  { "Teplokluchenka", 1 },
  { "Dostuk", 2 },
  { "B. Mambetov", 2 },
  { "Masy", 3 },
  { "Toktogul (town)", 3 },
  { "Orgochor", 3 },
};

static void
assert_participants (GListModel *list,
                     gint64      pm_id)
{
  gboolean heads = FALSE, chairs = FALSE, manager = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (list, i);

      switch (psi_participant_get_position (p))
        {
        case PSI_POSITION_HEAD_OF_AO:
          g_assert_cmpuint (psi_participant_get_count (p), ==, 26);
          g_assert_cmpint (psi_participant_get_official_id (p), ==, 0);
          heads = TRUE;
          break;

        case PSI_POSITION_COUNCIL_CHAIR:
          g_assert_cmpuint (psi_participant_get_count (p), ==, 26);
          g_assert_cmpint (psi_participant_get_official_id (p), ==, 0);
          chairs = TRUE;
          break;

        case PSI_POSITION_PROJECT_MANAGER:
          g_assert_cmpuint (psi_participant_get_count (p), ==, 1);
          g_assert_cmpint (psi_participant_get_official_id (p), ==, pm_id);
          manager = TRUE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_assert_true (heads && chairs && manager);
}

static void
test_sample_facts (Fixture       *fixture,
                   gconstpointer  data)
{
  PsiStore *store = fixture->store;
  g_autoptr(GPtrArray) organisations = load_all (store, PSI_RECORD_KIND_ORGANISATION);
  g_autoptr(GPtrArray) regions = load_all (store, PSI_RECORD_KIND_REGION);
  g_autoptr(GPtrArray) municipalities = load_all (store, PSI_RECORD_KIND_MUNICIPALITY);
  g_autoptr(GPtrArray) officials = load_all (store, PSI_RECORD_KIND_OFFICIAL);
  g_autoptr(GPtrArray) clusters = load_all (store, PSI_RECORD_KIND_CLUSTER);
  g_autoptr(GPtrArray) events = load_all (store, PSI_RECORD_KIND_EVENT);
  g_autoptr(GPtrArray) competitions = load_all (store, PSI_RECORD_KIND_COMPETITION);
  g_autoptr(GPtrArray) awards = load_all (store, PSI_RECORD_KIND_AWARD);
  g_autoptr(GPtrArray) agreements = load_all (store, PSI_RECORD_KIND_AGREEMENT);
  g_autofree char *dump = NULL;
  PsiOrganisation *sdc, *government, *helvetas, *dpi;
  PsiRegion *jalal_abad, *issyk_kul;
  PsiOfficial *pm;
  PsiEvent *event;
  PsiCompetition *info, *siap;
  PsiAgreement *agreement;
  guint places[4] = { 0, };
  guint memberships[G_N_ELEMENTS (municipality_facts)] = { 0, };
  guint comp1_recipients = 0, comp2_recipients = 0, winners1 = 0, winners2 = 0;
  guint incentive = 0, conditional = 0;
  gint64 grants = 0;

  assert_integrity (store);
  assert_sample_counts (store);

  /* Organisations and their roles; names in three languages */
  sdc = find_by_name (organisations, "Swiss Agency for Development and Cooperation");
  government = find_by_name (organisations, "Government of Switzerland");
  helvetas = find_by_name (organisations, "Helvetas Kyrgyzstan");
  dpi = find_by_name (organisations, "Development Policy Institute");
  g_assert_cmpint (psi_organisation_get_role (sdc), ==, PSI_ORGANISATION_ROLE_DONOR);
  g_assert_cmpint (psi_organisation_get_role (government), ==, PSI_ORGANISATION_ROLE_GOVERNMENT);
  g_assert_cmpint (psi_organisation_get_role (helvetas), ==, PSI_ORGANISATION_ROLE_IMPLEMENTER);
  g_assert_cmpint (psi_organisation_get_role (dpi), ==, PSI_ORGANISATION_ROLE_IMPLEMENTER);
  g_assert_cmpstr (en (psi_organisation_get_abbreviation (sdc)), ==, "SDC");
  g_assert_cmpstr (en (psi_organisation_get_abbreviation (dpi)), ==, "DPI");
  g_assert_cmpstr (ru (psi_organisation_get_abbreviation (dpi)), ==, "ИПР");
  g_assert_cmpstr (en (psi_organisation_get_abbreviation (helvetas)), ==, "HELVETAS");
  g_assert_cmpstr (ru (psi_record_get_name (PSI_RECORD (government))), ==,
                   "Правительство Швейцарии");
  g_assert_cmpstr (ky (psi_record_get_name (PSI_RECORD (government))), ==, "Швейцария Өкмөтү");
  g_assert_cmpstr (ky (psi_record_get_name (PSI_RECORD (dpi))), ==,
                   "Өнүктүрүү саясат институту");
  g_assert_cmpstr (psi_organisation_get_website (helvetas), ==, "https://www.helvetas.kg");
  g_assert_cmpstr (psi_organisation_get_website (dpi), ==, "https://www.dpi.kg");
  for (guint i = 0; i < organisations->len; i++)
    {
      PsiRecord *organisation = g_ptr_array_index (organisations, i);

      g_assert_true (psi_text_is_complete (psi_record_get_name (organisation)));
    }

  /* Regions */
  jalal_abad = find_by_name (regions, "Jalal-Abad region");
  issyk_kul = find_by_name (regions, "Issyk-Kul region");
  g_assert_cmpstr (ru (psi_record_get_name (PSI_RECORD (jalal_abad))), ==,
                   "Джалал-Абадская область");
  g_assert_cmpstr (ky (psi_record_get_name (PSI_RECORD (jalal_abad))), ==, "Жалал-Абад облусу");
  g_assert_cmpstr (ru (psi_record_get_name (PSI_RECORD (issyk_kul))), ==,
                   "Иссык-Кульская область");
  g_assert_cmpstr (ky (psi_record_get_name (PSI_RECORD (issyk_kul))), ==, "Ысык-Көл облусу");

  /* The 16 named pilot municipalities, their three names and regions */
  for (guint i = 0; i < G_N_ELEMENTS (municipality_facts); i++)
    {
      const MunicipalityFact *fact = &municipality_facts[i];
      PsiMunicipality *m = find_by_name (municipalities, fact->en);
      PsiText *name = psi_record_get_name (PSI_RECORD (m));

      g_assert_cmpstr (ru (name), ==, fact->ru);
      g_assert_cmpstr (ky (name), ==, fact->ky);
      g_assert_true (psi_municipality_get_pilot (m));
      g_assert_cmpint (psi_municipality_get_municipality_kind (m), ==,
                       fact->town ? PSI_MUNICIPALITY_KIND_TOWN : PSI_MUNICIPALITY_KIND_RURAL);
      g_assert_cmpstr (name_of_id (regions, psi_municipality_get_region_id (m)), ==,
                       fact->region);
    }

  /* The Project Manager, of Helvetas, unnamed */
  pm = g_ptr_array_index (officials, 0);
  g_assert_cmpint (psi_official_get_position (pm), ==, PSI_POSITION_PROJECT_MANAGER);
  g_assert_cmpint (psi_official_get_organisation_id (pm), ==,
                   psi_record_get_id (PSI_RECORD (helvetas)));
  g_assert_cmpint (psi_official_get_municipality_id (pm), ==, 0);
  g_assert_true (psi_record_get_name (PSI_RECORD (pm)) == NULL ||
                 psi_text_is_empty (psi_record_get_name (PSI_RECORD (pm))));

  /* The five winning clusters, their exact members */
  for (guint i = 0; i < G_N_ELEMENTS (cluster_facts); i++)
    {
      PsiCluster *cluster = find_by_name (clusters, cluster_facts[i].name);
      GArray *ids = psi_cluster_get_member_ids (cluster);
      guint n_expected = g_strv_length ((char **) cluster_facts[i].members);

      g_assert_true (psi_text_is_complete (psi_record_get_name (PSI_RECORD (cluster))));
      g_assert_nonnull (ids);
      g_assert_cmpuint (ids->len, ==, n_expected);
      g_assert_cmpuint (psi_cluster_get_member_count (cluster), ==, n_expected);

      for (guint j = 0; j < n_expected; j++)
        {
          PsiRecord *member = find_by_name (municipalities, cluster_facts[i].members[j]);

          g_assert_true (psi_cluster_has_member (cluster, psi_record_get_id (member)));
        }

      for (guint j = 0; j < ids->len; j++)
        {
          const char *member = name_of_id (municipalities, g_array_index (ids, gint64, j));

          for (guint k = 0; k < G_N_ELEMENTS (municipality_facts); k++)
            if (g_strcmp0 (member, municipality_facts[k].en) == 0)
              memberships[k]++;
        }
    }

  /* Teplokluchenka and Kerege-Tash are in two clusters; the store says so too. */
  for (guint k = 0; k < G_N_ELEMENTS (municipality_facts); k++)
    {
      const char *name = municipality_facts[k].en;
      guint expected = 0;

      if (g_str_equal (name, "Teplokluchenka") || g_str_equal (name, "Kerege-Tash"))
        expected = 2;
      else if (!g_str_equal (name, "B. Mambetov") && !g_str_equal (name, "Toktogul (town)"))
        expected = 1;

      g_assert_cmpuint (memberships[k], ==, expected);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) related =
      psi_store_list_related (store, find_by_name (municipalities, "Teplokluchenka"),
                              PSI_RECORD_KIND_CLUSTER, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (related), ==, 2);
  }

  /* The conference */
  event = g_ptr_array_index (events, 0);
  g_assert_cmpint (psi_event_get_event_kind (event), ==, PSI_EVENT_KIND_CONFERENCE);
  g_assert_cmpstr (psi_event_get_date (event), ==, "2020-12-16");
  g_assert_true (psi_text_is_complete (psi_record_get_name (PSI_RECORD (event))));
  g_assert_true (psi_text_is_complete (psi_event_get_purpose (event)));
  g_assert_true (psi_text_is_complete (psi_event_get_summary (event)));
  g_assert_nonnull (strstr (en (psi_event_get_purpose (event)),
                            "sum up the work of the Project for 2020"));
  g_assert_nonnull (strstr (en (psi_event_get_summary (event)), "all 26 pilot municipalities"));
  g_assert_nonnull (strstr (en (psi_event_get_summary (event)), "Jalal-Abad and Issyk-Kul"));
  /* the footer captions, Kyrgyz with Ө, not fita */
  g_assert_nonnull (strstr (en (psi_event_get_summary (event)),
                            "Programme designed and financed by the Government of Switzerland"));
  g_assert_nonnull (strstr (ru (psi_event_get_summary (event)),
                            "Программа разработана и финансируется Правительством Швейцарии"));
  g_assert_nonnull (strstr (ky (psi_event_get_summary (event)),
                            "Программа Швейцария Өкмөтү тарабынан түзүлгөн жана каржыланган"));
  g_assert_nonnull (strstr (ky (psi_event_get_summary (event)),
                            "Программа ХЕЛЬВЕТАС жана Өнүктүрүү Саясат Институту тарабынан "
                            "аткарылат"));
  assert_participants (G_LIST_MODEL (psi_event_get_participants (event)),
                       psi_record_get_id (PSI_RECORD (pm)));

  /* The two competitions */
  info = find_by_name (competitions, "Information campaign on the importance of utility payments");
  siap = find_by_name (competitions,
                       "Service Improvement Action Plans (SIAP) "
                       "within inter-municipal cooperation");
  g_assert_cmpint (psi_competition_get_event_id (info), ==, psi_record_get_id (PSI_RECORD (event)));
  g_assert_cmpint (psi_competition_get_event_id (siap), ==, psi_record_get_id (PSI_RECORD (event)));
  g_assert_cmpint (psi_competition_get_entrant_kind (info), ==, PSI_ENTRANT_KIND_MUNICIPALITY);
  g_assert_cmpint (psi_competition_get_entrant_kind (siap), ==, PSI_ENTRANT_KIND_CLUSTER);
  g_assert_cmpuint (psi_competition_get_entrant_count (info), ==, 27);
  g_assert_cmpuint (psi_competition_get_entrant_count (siap), ==, 9);
  g_assert_true (psi_text_is_complete (psi_record_get_name (PSI_RECORD (info))));
  g_assert_true (psi_text_is_complete (psi_record_get_name (PSI_RECORD (siap))));
  g_assert_true (psi_text_is_complete (psi_competition_get_description (info)));
  g_assert_true (psi_text_is_complete (psi_competition_get_description (siap)));

  /* The awards */
  for (guint i = 0; i < awards->len; i++)
    {
      PsiAward *award = g_ptr_array_index (awards, i);
      GListModel *items = G_LIST_MODEL (psi_award_get_items (award));
      gint64 competition = psi_award_get_competition_id (award);

      if (competition == psi_record_get_id (PSI_RECORD (info)))
        {
          comp1_recipients += psi_award_get_recipient_count (award);
          g_assert_cmpint (psi_award_get_cluster_id (award), ==, 0);
          g_assert_cmpint (psi_award_get_grant_kgs (award), ==, 0);

          if (psi_award_get_award_kind (award) == PSI_AWARD_KIND_WINNER)
            {
              const char *who = name_of_id (municipalities,
                                            psi_award_get_municipality_id (award));
              gboolean printer = FALSE, laptop = FALSE;
              guint place = 0;

              g_assert_nonnull (who);
              for (guint j = 0; j < G_N_ELEMENTS (place_facts); j++)
                if (g_str_equal (who, place_facts[j].municipality))
                  place = place_facts[j].place;

              g_assert_cmpuint (place, >, 0);
              g_assert_cmpuint (psi_award_get_place (award), ==, place);
              g_assert_cmpuint (psi_award_get_recipient_count (award), ==, 1);
              g_assert_true (psi_award_get_certificate (award));
              places[place]++;
              winners1++;

              g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
              for (guint j = 0; j < 2; j++)
                {
                  g_autoptr(PsiPrizeItem) item = g_list_model_get_item (items, j);

                  /* the number of printers and laptops is not stated */
                  g_assert_cmpuint (psi_prize_item_get_count (item), ==, 0);
                  if (psi_prize_item_get_item_kind (item) == PSI_ITEM_KIND_PRINTER)
                    printer = TRUE;
                  else if (psi_prize_item_get_item_kind (item) == PSI_ITEM_KIND_LAPTOP)
                    laptop = TRUE;
                }
              g_assert_true (printer && laptop);
            }
          else
            {
              g_assert_cmpint (psi_award_get_award_kind (award), ==,
                               PSI_AWARD_KIND_INCENTIVE_PRIZE);
              g_assert_cmpuint (psi_award_get_recipient_count (award), ==, 20);
              g_assert_cmpint (psi_award_get_municipality_id (award), ==, 0);
              g_assert_cmpuint (psi_award_get_place (award), ==, 0);
              incentive++;
            }
        }
      else
        {
          g_assert_cmpint (competition, ==, psi_record_get_id (PSI_RECORD (siap)));
          comp2_recipients += psi_award_get_recipient_count (award);
          g_assert_cmpint (psi_award_get_municipality_id (award), ==, 0);

          if (psi_award_get_award_kind (award) == PSI_AWARD_KIND_WINNER)
            {
              g_assert_nonnull (name_of_id (clusters, psi_award_get_cluster_id (award)));
              g_assert_cmpint (psi_award_get_grant_kgs (award), ==, 5000000);
              g_assert_true (psi_award_get_certificate (award));
              g_assert_cmpuint (psi_award_get_recipient_count (award), ==, 1);
              grants += psi_award_get_grant_kgs (award);
              winners2++;
            }
          else
            {
              PsiText *condition = psi_award_get_condition (award);

              g_assert_cmpint (psi_award_get_award_kind (award), ==,
                               PSI_AWARD_KIND_CONDITIONAL_WINNER);
              g_assert_cmpuint (psi_award_get_recipient_count (award), ==, 4);
              g_assert_cmpint (psi_award_get_cluster_id (award), ==, 0);
              g_assert_cmpint (psi_award_get_grant_kgs (award), ==, 0);
              g_assert_true (psi_text_is_complete (condition));
              g_assert_nonnull (strstr (en (condition),
                                        "SIAP according to the prerequisites set"));
              conditional++;
            }
        }
    }

  g_assert_cmpuint (places[1], ==, 2);
  g_assert_cmpuint (places[2], ==, 2);
  g_assert_cmpuint (places[3], ==, 3);
  g_assert_cmpuint (winners1, ==, 7);
  g_assert_cmpuint (incentive, ==, 1);
  g_assert_cmpuint (comp1_recipients, ==, 27);
  g_assert_cmpuint (winners2, ==, 5);
  g_assert_cmpuint (conditional, ==, 1);
  g_assert_cmpuint (comp2_recipients, ==, 9);
  g_assert_cmpint (grants, ==, 25000000);

  /* every winning cluster got exactly one award */
  for (guint i = 0; i < clusters->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) related =
        psi_store_list_related (store, g_ptr_array_index (clusters, i), PSI_RECORD_KIND_AWARD,
                                &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (related), ==, 1);
    }

  /* The framework agreements */
  agreement = g_ptr_array_index (agreements, 0);
  g_assert_cmpint (psi_agreement_get_agreement_kind (agreement), ==, PSI_AGREEMENT_KIND_FRAMEWORK);
  g_assert_cmpint (psi_agreement_get_event_id (agreement), ==,
                   psi_record_get_id (PSI_RECORD (event)));
  g_assert_cmpstr (psi_agreement_get_date (agreement), ==, "2020-12-16");
  g_assert_true (psi_text_is_complete (psi_record_get_name (PSI_RECORD (agreement))));
  g_assert_true (psi_text_is_complete (psi_agreement_get_note (agreement)));
  assert_participants (G_LIST_MODEL (psi_agreement_get_signatories (agreement)),
                       psi_record_get_id (PSI_RECORD (pm)));

  /* No fita anywhere: every text of every record (and child) is in the dump. */
  dump = dump_store (store);
  g_assert_null (strstr (dump, "Ѳ"));
  g_assert_null (strstr (dump, "ѳ"));
  g_assert_nonnull (strstr (dump, "Өкмөтү"));
}

/* Tests: every text in three languages */

/* Letters that look like Kyrgyz Ө ө Ү ү Ң ң but are not: the fita, Latin barred o, Kazakh
 * straight u with stroke, Cyrillic en with hook or tail, ligature en-ghe, barred o with
 * diaeresis. */
static const gunichar kyrgyz_look_alikes[] = {
  0x0472, 0x0473, 0x019F, 0x0275, 0x04B0, 0x04B1, 0x04C7, 0x04C8, 0x04C9, 0x04CA, 0x04A4, 0x04A5,
  0x04EA, 0x04EB,
};

/* What is wrong with a Kyrgyz text, or NULL: a look-alike letter, or a word that mixes Latin
 * and Cyrillic letters (a Latin "o" or "y" inside a Cyrillic word). Words wholly in Latin
 * letters (SDC) are abbreviations and fine. */
static char *
kyrgyz_script_problem (const char *text)
{
  gboolean latin = FALSE, cyrillic = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      for (guint i = 0; i < G_N_ELEMENTS (kyrgyz_look_alikes); i++)
        if (c == kyrgyz_look_alikes[i])
          return g_strdup_printf ("U+%04X instead of a Kyrgyz letter", c);

      if (g_unichar_isalpha (c))
        {
          GUnicodeScript script = g_unichar_get_script (c);

          latin |= script == G_UNICODE_SCRIPT_LATIN;
          cyrillic |= script == G_UNICODE_SCRIPT_CYRILLIC;
          if (latin && cyrillic)
            return g_strdup_printf ("a word mixes Latin and Cyrillic letters (U+%04X)", c);
        }
      else
        latin = cyrillic = FALSE;
    }

  return NULL;
}

/* Checks every PsiText property of object and of the objects in its list properties
 * (participants, signatories, prize items): a text that is given at all is given in all three
 * languages, and its Kyrgyz is written in Kyrgyz letters. Problems are appended to problems. */
static void
check_texts (GObject    *object,
             const char *where,
             GString    *problems,
             GHashTable *filled)
{
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(specs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (object, specs[i]->name, &value);

      if (G_VALUE_HOLDS (&value, PSI_TYPE_TEXT))
        {
          PsiText *text = g_value_get_boxed (&value);
          g_autofree char *problem = NULL;
          const char *missing[3];
          guint n_missing = 0;

          if (text == NULL || psi_text_is_empty (text))
            continue;

          g_hash_table_add (filled, g_strdup_printf ("%s:%s", G_OBJECT_TYPE_NAME (object),
                                                     specs[i]->name));
          if (*en (text) == '\0')
            missing[n_missing++] = "en";
          if (*ru (text) == '\0')
            missing[n_missing++] = "ru";
          if (*ky (text) == '\0')
            missing[n_missing++] = "ky";
          for (guint j = 0; j < n_missing; j++)
            g_string_append_printf (problems, "%s: %s has no %s text (en “%s”, ru “%s”)\n",
                                    where, specs[i]->name, missing[j], en (text), ru (text));

          problem = kyrgyz_script_problem (ky (text));
          if (problem != NULL)
            g_string_append_printf (problems, "%s: %s in Kyrgyz: %s: “%s”\n",
                                    where, specs[i]->name, problem, ky (text));
        }
      else if (G_VALUE_HOLDS_OBJECT (&value) && G_IS_LIST_MODEL (g_value_get_object (&value)))
        {
          GListModel *children = g_value_get_object (&value);

          for (guint j = 0; j < g_list_model_get_n_items (children); j++)
            {
              g_autoptr(GObject) child = g_list_model_get_item (children, j);
              g_autofree char *child_where = g_strdup_printf ("%s, %s %u", where,
                                                              specs[i]->name, j + 1);

              check_texts (child, child_where, problems, filled);
            }
        }
    }
}

/* Every record of the sample has its name in English, Russian and Kyrgyz, and so has every
 * other text the sample gives (abbreviations, purpose, summary, descriptions, conditions,
 * notes, and the names of the records referred to). Only two kinds go without a name of their
 * own: the press release names no official (the Project Manager is titled by position and
 * organisation) and an award is titled by its recipient; their titles exist in all three
 * languages all the same. */
static void
test_sample_texts (Fixture       *fixture,
                   gconstpointer  data)
{
  static const PsiLanguage languages[] = { PSI_LANGUAGE_EN, PSI_LANGUAGE_RU, PSI_LANGUAGE_KY };
  /* the texts the sample fills, as Type:property */
  static const char * const expected_filled[] = {
    "PsiOrganisation:name", "PsiOrganisation:abbreviation",
    "PsiRegion:name",
    "PsiMunicipality:name", "PsiMunicipality:region-name",
    "PsiOfficial:organisation-name",
    "PsiCluster:name",
    "PsiEvent:name", "PsiEvent:purpose", "PsiEvent:summary",
    "PsiCompetition:name", "PsiCompetition:event-name", "PsiCompetition:description",
    "PsiAward:competition-name", "PsiAward:recipient-name", "PsiAward:condition",
    "PsiAgreement:name", "PsiAgreement:event-name", "PsiAgreement:note",
  };
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) filled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_records = 0;

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autoptr(GPtrArray) records = load_all (fixture->store, (PsiRecordKind) kind);

      for (guint i = 0; i < records->len; i++)
        {
          PsiRecord *record = g_ptr_array_index (records, i);
          PsiText *name = psi_record_get_name (record);
          g_autofree char *where = g_strdup_printf ("%s %s “%s”", G_OBJECT_TYPE_NAME (record),
                                                    psi_record_get_uuid (record),
                                                    en (name));

          n_records++;

          if (kind == PSI_RECORD_KIND_AWARD)
            {
              PsiAward *award = PSI_AWARD (record);

              /* a named recipient's name; unnamed recipients are titled by their number */
              if ((psi_award_get_municipality_id (award) != 0 ||
                   psi_award_get_cluster_id (award) != 0) &&
                  psi_text_is_empty (psi_award_get_recipient_name (award)))
                g_string_append_printf (problems, "%s: the recipient has no name\n", where);
            }
          else if (kind != PSI_RECORD_KIND_OFFICIAL &&
                   (name == NULL || psi_text_is_empty (name)))
            g_string_append_printf (problems, "%s: no name\n", where);

          /* what the lists show for it, in each language */
          for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
            {
              g_autofree char *title = psi_record_dup_title (record, languages[l]);

              if (title == NULL || *title == '\0')
                g_string_append_printf (problems, "%s: no title in %s\n", where,
                                        psi_language_to_code (languages[l]));
            }

          check_texts (G_OBJECT (record), where, problems, filled);
        }
    }

  if (problems->len > 0)
    g_error ("texts of the sample not given in all three languages or not in Kyrgyz "
             "letters:\n%s", problems->str);

  /* 4 + 2 + 16 + 1 + 5 + 1 + 2 + 14 + 1 records, and the check saw the texts they have */
  g_assert_cmpuint (n_records, ==, 46);
  for (guint i = 0; i < G_N_ELEMENTS (expected_filled); i++)
    if (!g_hash_table_contains (filled, expected_filled[i]))
      g_error ("no %s in the sample: the check did not see it", expected_filled[i]);
  g_assert_cmpuint (g_hash_table_size (filled), ==, G_N_ELEMENTS (expected_filled));
}

/* The check itself finds what it should. */
static void
test_sample_texts_check (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) filled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PsiText) complete = psi_text_new ("Kenesh", "Кенеш", "Кеңеш");
  g_autoptr(PsiText) no_ky = psi_text_new ("Kenesh", "Кенеш", NULL);
  g_autoptr(PsiText) latin_o = psi_text_new ("Burgondu", "Бургонду", "Бургoндү");
  g_autoptr(PsiText) fita = psi_text_new ("Burgondu", "Бургонду", "Бургѳндү");
  g_autoptr(PsiText) latin_ng = psi_text_new ("Kenesh", "Кенеш", "Кеӊеш");
  g_autoptr(PsiRecord) record = g_object_new (PSI_TYPE_MUNICIPALITY, NULL);

  g_assert_null (kyrgyz_script_problem ("Өнүктүрүү саясат институту, SDC, 2-фаза"));

  psi_record_set_name (record, complete);
  check_texts (G_OBJECT (record), "complete", problems, filled);
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_true (g_hash_table_contains (filled, "PsiMunicipality:name"));

  psi_record_set_name (record, no_ky);
  check_texts (G_OBJECT (record), "no-ky", problems, filled);
  g_assert_nonnull (strstr (problems->str, "no-ky: name has no ky text"));

  psi_record_set_name (record, latin_o);
  check_texts (G_OBJECT (record), "latin-o", problems, filled);
  g_assert_nonnull (strstr (problems->str, "latin-o: name in Kyrgyz: a word mixes Latin"));

  psi_record_set_name (record, fita);
  check_texts (G_OBJECT (record), "fita", problems, filled);
  g_assert_nonnull (strstr (problems->str, "fita: name in Kyrgyz: U+0473"));

  psi_record_set_name (record, latin_ng);
  check_texts (G_OBJECT (record), "en-tail", problems, filled);
  g_assert_nonnull (strstr (problems->str, "en-tail: name in Kyrgyz: U+04CA"));
}

/* The file in the source tree and the embedded resource are the same. */
static void
test_sample_resource (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) resource = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) file = NULL;
  gsize length;

  resource = g_resources_lookup_data (PSI_SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_file_get_contents (SAMPLE_XML_PATH, &contents, &length, &error);
  g_assert_no_error (error);
  file = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_true (g_bytes_equal (resource, file));
}

static void
test_sample_default_path (void)
{
  g_autofree char *path = psi_sample_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "psi-records",
                                                "records.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_sample_reimport (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (SAMPLE_XML_PATH);
  g_autofree char *before = dump_store (fixture->store);
  g_autofree char *after_file = NULL;
  g_autofree char *after_resource = NULL;

  g_assert_true (psi_xml_import_file (fixture->store, file, &error));
  g_assert_no_error (error);
  assert_sample_counts (fixture->store);
  after_file = dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after_file);

  g_assert_true (psi_sample_load_into (fixture->store, &error));
  g_assert_no_error (error);
  assert_sample_counts (fixture->store);
  after_resource = dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after_resource);
}

static void
test_sample_reopen (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) awards = load_all (fixture->store, PSI_RECORD_KIND_AWARD);
  g_autoptr(GPtrArray) regions = load_all (fixture->store, PSI_RECORD_KIND_REGION);
  g_autoptr(PsiText) renamed = psi_text_new ("Jalal-Abad oblast", "Джалал-Абадская область",
                                             "Жалал-Абад облусу");
  g_autoptr(PsiRecord) region = NULL;
  PsiRecord *incentive = NULL;
  PsiRecord *jalal_abad;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Change the sample: rename a region, delete an award. */
  jalal_abad = find_by_name (regions, "Jalal-Abad region");
  psi_record_set_name (jalal_abad, renamed);
  g_assert_true (psi_store_save (fixture->store, jalal_abad, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < awards->len; i++)
    if (psi_award_get_award_kind (g_ptr_array_index (awards, i)) ==
        PSI_AWARD_KIND_INCENTIVE_PRIZE)
      incentive = g_ptr_array_index (awards, i);
  g_assert_nonnull (incentive);
  g_assert_true (psi_store_delete (fixture->store, PSI_RECORD_KIND_AWARD,
                                   psi_record_get_id (incentive), &error));
  g_assert_no_error (error);
  assert_counts (fixture->store, 4, 2, 0, 16, 1, 5, 1, 2, 13, 1);
  before = dump_store (fixture->store);

  /* Opening the file again must not load the sample again (which would undo both). */
  g_clear_object (&fixture->store);
  fixture->store = psi_sample_open_store (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  assert_counts (fixture->store, 4, 2, 0, 16, 1, 5, 1, 2, 13, 1);
  region = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_REGION,
                                   psi_record_get_uuid (jalal_abad), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (en (psi_record_get_name (region)), ==, "Jalal-Abad oblast");
  after = dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Tests: the reader */

typedef struct
{
  const char *what;
  const char *xml;
  PsiXmlError code;
  int         line;      /* 0: any line */
  const char *mentions;  /* NULL, or a word the message must hold */
} BadInput;

static char *
make_deep_input (void)
{
  GString *xml = g_string_new (HEAD NEW_REGION "  <region id=\"" NEW_UUID_2 "\">");

  for (int i = 0; i < 70; i++)
    g_string_append (xml, "<name>");
  for (int i = 0; i < 70; i++)
    g_string_append (xml, "</name>");
  g_string_append (xml, "</region>\n" TAIL);

  return g_string_free (xml, FALSE);
}

static void
test_import_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  const BadInput inputs[] = {
    { "truncated",
      HEAD NEW_REGION
      "  <municipality id=\"" NEW_UUID_2 "\" kind=\"rural\" region=\"" NEW_UUID "\">\n"
      "    <name xml:lang=\"en\">Trun",
      PSI_XML_ERROR_MALFORMED, 0, NULL },
    { "mismatched tag",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID_2 "\"><name xml:lang=\"en\">X</name></regio>\n" TAIL,
      PSI_XML_ERROR_MALFORMED, 4, NULL },
    { "doctype with an external entity",
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE psi-records [\n"
      "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
      "]>\n"
      "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
      "  <region id=\"" NEW_UUID "\"><name xml:lang=\"en\">&xxe;</name></region>\n"
      TAIL,
      PSI_XML_ERROR_MALFORMED, 2, "DOCTYPE" },
    { "billion laughs",
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE psi-records [\n"
      "  <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
      "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
      "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
      "  <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
      "  <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
      "]>\n"
      "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
      "  <region id=\"" NEW_UUID "\"><name xml:lang=\"en\">&e;</name></region>\n"
      TAIL,
      PSI_XML_ERROR_MALFORMED, 0, NULL },
    { "undeclared entity",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID_2 "\"><name xml:lang=\"en\">&xxe;</name></region>\n" TAIL,
      PSI_XML_ERROR_MALFORMED, 4, NULL },
    { "unknown uuid",
      HEAD NEW_REGION
      "  <municipality id=\"" NEW_UUID_2 "\" kind=\"rural\" region=\"" UNKNOWN_UUID "\">"
      "<name xml:lang=\"en\">X</name></municipality>\n" TAIL,
      PSI_XML_ERROR_REFERENCE, 4, UNKNOWN_UUID },
    { "reference to a record of another kind",
      HEAD NEW_REGION
      "  <district id=\"" NEW_UUID_2 "\" region=\"" NEW_UUID "\">"
      "<name xml:lang=\"en\">X</name></district>\n"
      "  <municipality id=\"" UNKNOWN_UUID "\" kind=\"rural\" region=\"" NEW_UUID_2 "\">"
      "<name xml:lang=\"en\">X</name></municipality>\n" TAIL,
      PSI_XML_ERROR_REFERENCE, 5, "region" },
    { "forward reference",
      HEAD
      "  <municipality id=\"" NEW_UUID_2 "\" kind=\"rural\" region=\"" NEW_UUID "\">"
      "<name xml:lang=\"en\">X</name></municipality>\n"
      NEW_REGION TAIL,
      PSI_XML_ERROR_REFERENCE, 3, NULL },
    { "bad enum value",
      HEAD NEW_REGION
      "  <organisation id=\"" NEW_UUID_2 "\" role=\"sponsor\">"
      "<name xml:lang=\"en\">X</name></organisation>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "sponsor" },
    { "award without competition",
      HEAD NEW_REGION
      "  <award id=\"" NEW_UUID_2 "\" kind=\"winner\"/>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "competition" },
    { "award with both recipients",
      HEAD NEW_REGION
      "  <award id=\"" NEW_UUID_2 "\" kind=\"winner\" competition=\"%COMPETITION%\" "
      "municipality=\"%MUNICIPALITY%\" cluster=\"%CLUSTER%\"/>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, NULL },
    { "control character",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID_2 "\"><name xml:lang=\"en\">Bad\xc2\x85name</name></region>\n"
      TAIL,
      PSI_XML_ERROR_INVALID, 4, NULL },
    { "unknown language",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID_2 "\"><name xml:lang=\"de\">Tschui</name></region>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "de" },
    { "unknown element",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID_2 "\"><name xml:lang=\"en\">X</name>\n"
      "    <population>5</population></region>\n" TAIL,
      PSI_XML_ERROR_INVALID, 5, "population" },
    { "unknown record",
      HEAD NEW_REGION
      "  <village id=\"" NEW_UUID_2 "\"/>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "village" },
    { "missing name",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID_2 "\"/>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "name" },
    { "bad uuid",
      HEAD NEW_REGION
      "  <region id=\"not-a-uuid\"><name xml:lang=\"en\">X</name></region>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "not-a-uuid" },
    { "id used twice",
      HEAD NEW_REGION
      "  <region id=\"" NEW_UUID "\"><name xml:lang=\"en\">X</name></region>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, NEW_UUID },
    { "bad date",
      HEAD NEW_REGION
      "  <event id=\"" NEW_UUID_2 "\" kind=\"conference\" date=\"2020-02-30\">"
      "<name xml:lang=\"en\">X</name></event>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "2020-02-30" },
    { "bad number",
      HEAD NEW_REGION
      "  <competition id=\"" NEW_UUID_2 "\" event=\"%EVENT%\" entrants=\"cluster\" "
      "entrant-count=\"-9\"><name xml:lang=\"en\">X</name></competition>\n" TAIL,
      PSI_XML_ERROR_INVALID, 4, "-9" },
    { "text between records",
      HEAD NEW_REGION "  stray text\n" TAIL,
      PSI_XML_ERROR_INVALID, 0, NULL },
    { "wrong root",
      "<?xml version=\"1.0\"?>\n<records version=\"1\"/>\n",
      PSI_XML_ERROR_INVALID, 2, "records" },
    { "wrong namespace",
      "<?xml version=\"1.0\"?>\n<psi-records xmlns=\"urn:other\" version=\"1\"/>\n",
      PSI_XML_ERROR_INVALID, 2, NULL },
    { "wrong version",
      "<?xml version=\"1.0\"?>\n"
      "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"2\"/>\n",
      PSI_XML_ERROR_INVALID, 2, "2" },
    { "empty",
      "",
      PSI_XML_ERROR_MALFORMED, -1, NULL },
    { "not XML",
      "just some text\n",
      PSI_XML_ERROR_MALFORMED, 1, NULL },
  };
  g_autoptr(GPtrArray) competitions = load_all (fixture->store, PSI_RECORD_KIND_COMPETITION);
  g_autoptr(GPtrArray) municipalities = load_all (fixture->store, PSI_RECORD_KIND_MUNICIPALITY);
  g_autoptr(GPtrArray) clusters = load_all (fixture->store, PSI_RECORD_KIND_CLUSTER);
  g_autoptr(GPtrArray) events = load_all (fixture->store, PSI_RECORD_KIND_EVENT);
  g_autofree char *before = dump_store (fixture->store);
  g_autofree char *deep = make_deep_input ();
  g_autofree char *truncated_sample = NULL;
  gsize sample_length;
  g_autoptr(GError) error = NULL;
  const BadInput extra[] = {
    { "nested too deep", deep, PSI_XML_ERROR_MALFORMED, 0, "64" },
    { "truncated sample", NULL, PSI_XML_ERROR_MALFORMED, 0, NULL },
  };

  g_file_get_contents (SAMPLE_XML_PATH, &truncated_sample, &sample_length, &error);
  g_assert_no_error (error);
  truncated_sample[sample_length * 2 / 3] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (inputs) + G_N_ELEMENTS (extra); i++)
    {
      const BadInput *input = i < G_N_ELEMENTS (inputs)
                              ? &inputs[i] : &extra[i - G_N_ELEMENTS (inputs)];
      g_autofree char *xml = g_strdup (input->xml != NULL ? input->xml : truncated_sample);
      g_autofree char *after = NULL;
      gboolean ok;

      /* Fill in uuids of sample records. */
      if (strstr (xml, "%") != NULL)
        {
          const struct { const char *key; PsiRecord *record; } keys[] = {
            { "%COMPETITION%", g_ptr_array_index (competitions, 0) },
            { "%MUNICIPALITY%", g_ptr_array_index (municipalities, 0) },
            { "%CLUSTER%", g_ptr_array_index (clusters, 0) },
            { "%EVENT%", g_ptr_array_index (events, 0) },
          };

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              g_auto(GStrv) parts = g_strsplit (xml, keys[k].key, -1);

              g_free (xml);
              xml = g_strjoinv (psi_record_get_uuid (keys[k].record), parts);
            }
        }

      g_test_message ("refusing: %s", input->what);
      ok = import_string (fixture->store, xml, &error);
      if (ok)
        g_error ("%s: accepted", input->what);
      g_assert_error (error, PSI_XML_ERROR, (int) input->code);
      g_test_message ("  %s", error->message);

      g_assert_true (g_str_has_prefix (error->message, "test.xml"));
      if (input->line > 0)
        {
          g_autofree char *line = g_strdup_printf ("^test\\.xml, line %d(, column [0-9]+)?: .",
                                                   input->line);

          if (!g_regex_match_simple (line, error->message, 0, 0))
            g_error ("%s: “%s” does not name line %d", input->what, error->message,
                     input->line);
        }
      else if (input->line == 0)
        {
          g_assert_true (g_regex_match_simple ("^test\\.xml, line [0-9]+(, column [0-9]+)?: .",
                                               error->message, 0, 0));
        }
      if (input->mentions != NULL && strstr (error->message, input->mentions) == NULL)
        g_error ("%s: “%s” does not mention “%s”", input->what, error->message,
                 input->mentions);
      g_clear_error (&error);

      /* Nothing changed: the new region before the error was rolled back. */
      after = dump_store (fixture->store);
      g_assert_cmpstr (before, ==, after);
    }

  assert_integrity (fixture->store);
}

/* libxml2's own messages end up in the GError, not on stderr. */
static void
test_import_quiet (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (import_string (fixture->store,
                                     HEAD NEW_REGION "  <region id=\"x\"></regio>\n" TAIL,
                                     &error));
      g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED);
      g_clear_error (&error);
      g_assert_false (import_string (fixture->store, HEAD "<b></psi-records>", &error));
      g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

static void
test_import_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gsize size = (gsize) 256 * 1024 * 1024 + 1;
  /* never touched: the size is checked before anything is read */
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc (size), size);

  g_assert_false (psi_xml_import_bytes (fixture->store, bytes, "huge.xml", &error));
  g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "huge.xml"));
  g_assert_nonnull (strstr (error->message, "256"));
  assert_sample_counts (fixture->store);
}

static void
test_import_fita (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) region = NULL;

  g_assert_true (import_string (fixture->store,
                                HEAD
                                "  <region id=\"" NEW_UUID "\">\n"
                                "    <name xml:lang=\"en\">  Test region  </name>\n"
                                "    <name xml:lang=\"ky\">Ѳзгѳн облусу</name>\n"
                                "    <name xml:lang=\"ru\"><![CDATA[Ѳ & <ѳ>]]></name>\n"
                                "  </region>\n"
                                TAIL,
                                &error));
  g_assert_no_error (error);

  region = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_REGION, NEW_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (en (psi_record_get_name (region)), ==, "Test region");
  g_assert_cmpstr (ky (psi_record_get_name (region)), ==, "Өзгөн облусу");
  g_assert_cmpstr (ru (psi_record_get_name (region)), ==, "Ө & <ө>");
  assert_counts (fixture->store, 4, 3, 0, 16, 1, 5, 1, 2, 14, 1);
}

/* A record already in the store is updated, not duplicated; references may point into the
 * store; upper-case uuids are the same uuids. */
static void
test_import_update (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) regions = load_all (fixture->store, PSI_RECORD_KIND_REGION);
  PsiRecord *issyk_kul = find_by_name (regions, "Issyk-Kul region");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(PsiRecord) before = NULL;
  g_autoptr(PsiRecord) after = NULL;
  g_autofree char *upper = g_ascii_strup (NEW_UUID_2, -1);

  first = g_strdup_printf (HEAD
                           "  <municipality id=\"%s\" kind=\"rural\" region=\"%s\">"
                           "<name xml:lang=\"en\">Ak-Suu</name></municipality>\n"
                           TAIL,
                           NEW_UUID_2, psi_record_get_uuid (issyk_kul));
  g_assert_true (import_string (fixture->store, first, &error));
  g_assert_no_error (error);
  before = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_MUNICIPALITY, NEW_UUID_2,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_municipality_get_region_id (PSI_MUNICIPALITY (before)), ==,
                   psi_record_get_id (issyk_kul));
  g_assert_false (psi_municipality_get_pilot (PSI_MUNICIPALITY (before)));
  assert_counts (fixture->store, 4, 2, 0, 17, 1, 5, 1, 2, 14, 1);

  second = g_strdup_printf (HEAD
                            "  <municipality id=\"%s\" kind=\"town\" region=\"%s\" pilot=\"true\">"
                            "<name xml:lang=\"en\">Ak-Suu town</name></municipality>\n"
                            TAIL,
                            upper, psi_record_get_uuid (issyk_kul));
  g_assert_true (import_string (fixture->store, second, &error));
  g_assert_no_error (error);
  after = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_MUNICIPALITY, NEW_UUID_2,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_record_get_id (after), ==, psi_record_get_id (before));
  g_assert_cmpstr (en (psi_record_get_name (after)), ==, "Ak-Suu town");
  g_assert_cmpint (psi_municipality_get_municipality_kind (PSI_MUNICIPALITY (after)), ==,
                   PSI_MUNICIPALITY_KIND_TOWN);
  g_assert_true (psi_municipality_get_pilot (PSI_MUNICIPALITY (after)));
  assert_counts (fixture->store, 4, 2, 0, 17, 1, 5, 1, 2, 14, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/xml/sample/facts", Fixture, NULL,
              fixture_set_up, test_sample_facts, fixture_tear_down);
  g_test_add ("/xml/sample/texts", Fixture, NULL,
              fixture_set_up, test_sample_texts, fixture_tear_down);
  g_test_add_func ("/xml/sample/texts-check", test_sample_texts_check);
  g_test_add_func ("/xml/sample/resource", test_sample_resource);
  g_test_add_func ("/xml/sample/default-path", test_sample_default_path);
  g_test_add ("/xml/sample/reimport", Fixture, NULL,
              fixture_set_up, test_sample_reimport, fixture_tear_down);
  g_test_add ("/xml/sample/reopen", Fixture, NULL,
              fixture_set_up, test_sample_reopen, fixture_tear_down);
  g_test_add ("/xml/import/refused", Fixture, NULL,
              fixture_set_up, test_import_refused, fixture_tear_down);
  g_test_add ("/xml/import/quiet", Fixture, NULL,
              fixture_set_up, test_import_quiet, fixture_tear_down);
  g_test_add ("/xml/import/too-large", Fixture, NULL,
              fixture_set_up, test_import_too_large, fixture_tear_down);
  g_test_add ("/xml/import/fita", Fixture, NULL,
              fixture_set_up, test_import_fita, fixture_tear_down);
  g_test_add ("/xml/import/update", Fixture, NULL,
              fixture_set_up, test_import_update, fixture_tear_down);

  return g_test_run ();
}
