/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-test-xml-io"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "psi-test-files.h"
#include "psi-sample.h"
#include "psi-store.h"
#include "psi-xml-export.h"
#include "psi-xml-import.h"
#include "psi-xml-schema.h"

/* The records format both ways: the schema, export (atomic, deterministic, valid), the round
 * trip, dry runs and their summary, normalisation of look-alike letters, hostile input. */

#define HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
#define TAIL "</psi-records>\n"

#define REGION_UUID "0b5c7a02-3c53-4c1e-9d2a-8f1e2b3c4d5e"
#define REGION_2    "5d0c2f4e-8a57-4f0e-b6c2-1d7e9a3b6c80"

/* Every kind of record and every attribute of the format, with texts that need escaping. */
static const char rich_xml[] =
  HEAD
  "  <organisation id=\"11111111-1111-4111-8111-111111111111\" role=\"partner\" "
  "website=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">\n"
  "    <name xml:lang=\"en\">Partner &lt;&amp;&gt; \"quoted\" 'single'</name>\n"
  "    <name xml:lang=\"ky\">Өнөктөш</name>\n"
  "    <abbreviation xml:lang=\"ru\">ПТН</abbreviation>\n"
  "  </organisation>\n"
  "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">Chui region</name>"
  "<name xml:lang=\"ru\">Чуйская область</name><name xml:lang=\"ky\">Чүй облусу</name></region>\n"
  "  <district id=\"22222222-2222-4222-8222-222222222222\" region=\"" REGION_UUID "\">"
  "<name xml:lang=\"en\">Alamudun district</name></district>\n"
  "  <municipality id=\"33333333-3333-4333-8333-333333333333\" kind=\"town\" "
  "region=\"" REGION_UUID "\" district=\"22222222-2222-4222-8222-222222222222\" pilot=\"true\">"
  "<name xml:lang=\"en\">Lebedinovka</name></municipality>\n"
  "  <municipality id=\"44444444-4444-4444-8444-444444444444\" kind=\"rural\" "
  "region=\"" REGION_UUID "\"><name xml:lang=\"ru\">Ленинское</name></municipality>\n"
  "  <official id=\"55555555-5555-4555-8555-555555555555\" position=\"mayor\" "
  "municipality=\"33333333-3333-4333-8333-333333333333\" "
  "organisation=\"11111111-1111-4111-8111-111111111111\">"
  "<name xml:lang=\"en\">A. Example</name></official>\n"
  "  <official id=\"66666666-6666-4666-8666-666666666666\" position=\"other\"/>\n"
  "  <cluster id=\"77777777-7777-4777-8777-777777777777\"><name xml:lang=\"en\">Chui cluster</name>"
  "<member municipality=\"44444444-4444-4444-8444-444444444444\"/>"
  "<member municipality=\"33333333-3333-4333-8333-333333333333\"/></cluster>\n"
  "  <event id=\"88888888-8888-4888-8888-888888888888\" kind=\"training\" date=\"2021-02-28\">\n"
  "    <name xml:lang=\"en\">Training</name>\n"
  "    <place xml:lang=\"en\">Bishkek</place>\n"
  "    <purpose xml:lang=\"en\">Two\nlines\tand a tab</purpose>\n"
  "    <summary xml:lang=\"ru\">Итоги</summary>\n"
  "    <participant position=\"mayor\" official=\"55555555-5555-4555-8555-555555555555\"/>\n"
  "    <participant position=\"representative\" count=\"3\" "
  "organisation=\"11111111-1111-4111-8111-111111111111\"/>\n"
  "  </event>\n"
  "  <competition id=\"99999999-9999-4999-8999-999999999999\" "
  "event=\"88888888-8888-4888-8888-888888888888\" entrants=\"cluster\" entrant-count=\"4\">"
  "<name xml:lang=\"en\">Cluster contest</name><description xml:lang=\"en\">D</description>"
  "</competition>\n"
  "  <award id=\"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa\" "
  "competition=\"99999999-9999-4999-8999-999999999999\" kind=\"conditional-winner\" "
  "cluster=\"77777777-7777-4777-8777-777777777777\" certificate=\"true\" grant-kgs=\"9000000000\" "
  "condition-deadline=\"2021-06-30\">"
  "<condition xml:lang=\"en\">Revise the plan</condition>"
  "<item kind=\"other\" count=\"2\"><label xml:lang=\"en\">Projector</label></item>"
  "<item kind=\"laptop\"/></award>\n"
  "  <award id=\"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb\" "
  "competition=\"99999999-9999-4999-8999-999999999999\" kind=\"incentive-prize\" "
  "recipients=\"5\"/>\n"
  "  <agreement id=\"cccccccc-cccc-4ccc-8ccc-cccccccccccc\" kind=\"other\" "
  "event=\"88888888-8888-4888-8888-888888888888\" date=\"2021-03-01\">"
  "<name xml:lang=\"en\">Memorandum</name><note xml:lang=\"ky\">Эскертүү</note>"
  "<signatory position=\"mayor\" official=\"55555555-5555-4555-8555-555555555555\"/>"
  "<signatory position=\"head-of-ao\" count=\"2\"/></agreement>\n"
  TAIL;

typedef struct
{
  char     *dir;
  PsiStore *store;   /* with the sample conference */
} Fixture;

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static PsiStore *
open_empty_store (Fixture    *fixture,
                  const char *name)
{
  g_autofree char *path = path_in (fixture, name);
  g_autoptr(GError) error = NULL;
  PsiStore *store = psi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (psi_store_is_empty (store));
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("psi-test-xml-io-XXXXXX", &error);
  g_assert_no_error (error);
  path = path_in (fixture, "records.db");
  fixture->store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  psi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
import_string (PsiStore             *store,
               const char           *xml,
               PsiXmlImportFlags     flags,
               PsiXmlImportSummary  *summary,
               GError              **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (xml, strlen (xml), NULL);
  gboolean ok = psi_xml_import_stream (store, stream, "test.xml", flags, summary, NULL, error);

  if (!ok && error != NULL && *error != NULL)
    g_test_message ("import: %s", (*error)->message);
  return ok;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
export_to (PsiStore   *store,
           const char *path,
           GArray     *event_ids)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  psi_xml_export_file (store, file, event_ids, NULL, &error);
  g_assert_no_error (error);
  return read_file (path);
}

static void
import_path (PsiStore   *store,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  psi_xml_import_file (store, file, &error);
  g_assert_no_error (error);
}

/* The whole database image as SQLite serialises it: equal images, equal databases. */
static GBytes *
serialize_store (PsiStore *store)
{
  sqlite3_int64 size = 0;
  unsigned char *data = sqlite3_serialize (_psi_store_get_db (store), "main", &size, 0);

  g_assert_nonnull (data);
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

static void
assert_valid_with_libxml2 (const char *path)
{
  xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt (psi_xml_schema_get ());
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  int rc;

  g_assert_nonnull (doc);
  rc = xmlSchemaValidateDoc (ctxt, doc);
  if (rc != 0)
    g_error ("%s does not validate against the schema (%d)", path, rc);
  xmlFreeDoc (doc);
  xmlSchemaFreeValidCtxt (ctxt);
}

static void
assert_valid_with_xmllint (const char *path)
{
  const char *xmllint = g_getenv ("XMLLINT");
  const char *schema = g_getenv ("PSI_RECORDS_SCHEMA");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (xmllint == NULL || *xmllint == '\0' || schema == NULL)
    {
      g_test_message ("xmllint not found: checked with libxml2 only");
      return;
    }

  {
    const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", schema, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xmllint refuses %s: %s", path, err);
  g_assert_nonnull (strstr (err, "validates"));
}

/* Tests */

static void
test_schema_sample (void)
{
  g_autoptr(GBytes) bytes = psi_xml_schema_dup_bytes ();

  g_assert_nonnull (bytes);
  g_assert_nonnull (psi_xml_schema_get ());
  assert_valid_with_libxml2 (SAMPLE_XML_PATH);
  assert_valid_with_xmllint (SAMPLE_XML_PATH);
}

/* The shipped schema refuses what the format forbids. */
static void
test_schema_refuses (void)
{
  const char *bad[] = {
    HEAD "  <region id=\"" REGION_UUID "\"/>\n" TAIL,                               /* no name */
    HEAD "  <region id=\"nope\"><name xml:lang=\"en\">X</name></region>\n" TAIL,
    HEAD "  <award id=\"" REGION_UUID "\" kind=\"winner\"/>\n" TAIL,               /* no competition */
    HEAD "  <event id=\"" REGION_UUID "\" kind=\"party\"><name xml:lang=\"en\">X</name></event>\n" TAIL,
    HEAD "  <event id=\"" REGION_UUID "\" kind=\"meeting\" date=\"2020-02-30\">"
    "<name xml:lang=\"en\">X</name></event>\n" TAIL,
    HEAD "  <region id=\"" REGION_UUID "\" size=\"5\"><name xml:lang=\"en\">X</name></region>\n" TAIL,
    HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\"><b/></name></region>\n" TAIL,
    "<psi-records xmlns=\"urn:psi-records:conference:2\" version=\"1\"/>",
    "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"2\"/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt (psi_xml_schema_get ());
      xmlDocPtr doc = xmlReadMemory (bad[i], (int) strlen (bad[i]), "bad.xml", NULL,
                                     XML_PARSE_NONET);

      g_assert_nonnull (doc);
      xmlSchemaSetValidStructuredErrors (ctxt, NULL, NULL);
      if (xmlSchemaValidateDoc (ctxt, doc) == 0)
        g_error ("the schema accepts input %u", i);
      xmlFreeDoc (doc);
      xmlSchemaFreeValidCtxt (ctxt);
    }
}

/* export → import into an empty file → export gives the same bytes; the output validates. */
static void
assert_round_trip (Fixture  *fixture,
                   PsiStore *store,
                   GArray   *event_ids)
{
  g_autofree char *first_path = path_in (fixture, "first.xml");
  g_autofree char *second_path = path_in (fixture, "second.xml");
  g_autofree char *first = export_to (store, first_path, event_ids);
  g_autofree char *second = NULL;
  g_autoptr(PsiStore) copy = NULL;

  assert_valid_with_libxml2 (first_path);
  assert_valid_with_xmllint (first_path);

  copy = open_empty_store (fixture, "copy.db");
  import_path (copy, first_path);
  second = export_to (copy, second_path, NULL);
  g_assert_cmpstr (first, ==, second);

  /* and again on the same file: the export is stable */
  {
    g_autofree char *third = export_to (store, second_path, event_ids);

    g_assert_cmpstr (first, ==, third);
  }

  g_clear_object (&copy);
  psi_test_remove_tree (fixture->dir);
  g_mkdir_with_parents (fixture->dir, 0700);
}

static void
test_export_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "sample-export.xml");
  g_autofree char *xml = export_to (fixture->store, path, NULL);

  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                        "<psi-records xmlns=\"urn:psi-records:conference:1\" "
                                        "version=\"1\">\n"));
  /* a fact of the sample, a text with the Kyrgyz Ө, the incentive prize of 20 */
  g_assert_nonnull (strstr (xml, "grant-kgs=\"5000000\""));
  g_assert_nonnull (strstr (xml, "Өнүктүрүү саясат институту"));
  g_assert_nonnull (strstr (xml, "kind=\"incentive-prize\" recipients=\"20\""));
  g_assert_null (strstr (xml, "Ѳ"));

  assert_round_trip (fixture, fixture->store, NULL);
}

static void
test_export_rich (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = open_empty_store (fixture, "rich.db");
  PsiXmlImportSummary summary;

  g_assert_true (import_string (store, rich_xml, PSI_XML_IMPORT_DEFAULT, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (psi_xml_import_summary_get_n_new (&summary), ==, 13);
  g_assert_cmpuint (summary.n_new[PSI_RECORD_KIND_AWARD], ==, 2);

  assert_round_trip (fixture, store, NULL);
}

/* Chosen events: the event, its competitions, awards and agreements, and what they refer to;
 * nothing of other events. */
static void
test_export_events (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PsiRecord) training = NULL;
  g_autoptr(PsiRecord) conference = NULL;
  g_autofree char *path = path_in (fixture, "events.xml");
  g_autofree char *xml = NULL;
  gint64 id;

  g_assert_true (import_string (fixture->store, rich_xml, 0, NULL, &error));
  g_assert_no_error (error);

  training = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_EVENT,
                                     "88888888-8888-4888-8888-888888888888", &error);
  g_assert_no_error (error);
  id = psi_record_get_id (training);
  g_array_append_val (ids, id);

  xml = export_to (fixture->store, path, ids);
  assert_valid_with_libxml2 (path);
  /* everything of the rich file that hangs on the training: all but one official */
  g_assert_null (strstr (xml, "id=\"66666666"));
  for (const char *u = "1234578abc"; *u != '\0'; u++)
    {
      g_autofree char *uuid_start = g_strdup_printf ("id=\"%c%c%c%c", *u, *u, *u, *u);

      if (strstr (xml, uuid_start) == NULL)
        g_error ("the export of the training lacks the record %s…", uuid_start);
    }
  /* … and nothing of the sample conference */
  g_assert_null (strstr (xml, "Teplokluchenka"));
  g_assert_null (strstr (xml, "59cfea74-fdd9-4341-8766-672828138003"));

  /* the sample conference alone: all of the sample but its unlinked organisations */
  conference = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_EVENT,
                                       "59cfea74-fdd9-4341-8766-672828138003", &error);
  g_assert_no_error (error);
  g_array_set_size (ids, 0);
  id = psi_record_get_id (conference);
  g_array_append_val (ids, id);
  {
    g_autoptr(PsiStore) copy = NULL;
    g_autofree char *xml2 = export_to (fixture->store, path, ids);

    g_assert_null (strstr (xml2, "Lebedinovka"));
    copy = open_empty_store (fixture, "conference.db");
    import_path (copy, path);
    g_assert_cmpint (psi_store_count (copy, PSI_RECORD_KIND_AWARD, NULL), ==, 14);
    g_assert_cmpint (psi_store_count (copy, PSI_RECORD_KIND_CLUSTER, NULL), ==, 5);
    g_assert_cmpint (psi_store_count (copy, PSI_RECORD_KIND_COMPETITION, NULL), ==, 2);
    g_assert_cmpint (psi_store_count (copy, PSI_RECORD_KIND_AGREEMENT, NULL), ==, 1);
    g_assert_cmpint (psi_store_count (copy, PSI_RECORD_KIND_EVENT, NULL), ==, 1);
    g_assert_cmpint (psi_store_count (copy, PSI_RECORD_KIND_OFFICIAL, NULL), ==, 1);
  }
  assert_round_trip (fixture, fixture->store, ids);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A failed export leaves the old file as it was and no temporary file behind. */
static void
test_export_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = path_in (fixture, "out");
  g_autofree char *target = g_build_filename (out_dir, "records.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(PsiRecord) region = NULL;
  g_autoptr(PsiText) bad_name = psi_text_new ("Bad\001name", NULL, NULL);
  g_autofree char *contents = NULL;

  g_mkdir_with_parents (out_dir, 0700);
  g_file_set_contents (target, "old contents", -1, &error);
  g_assert_no_error (error);

  /* A text the app could hold but XML cannot: the export stops at it. */
  region = g_object_new (psi_record_kind_get_type_for (PSI_RECORD_KIND_REGION), NULL);
  psi_record_set_uuid (region, REGION_2);
  psi_record_set_name (region, bad_name);
  if (!psi_store_save (fixture->store, region, &error))
    {
      g_test_message ("the store refuses control characters itself: %s", error->message);
      g_clear_error (&error);
    }
  else
    {
      g_assert_false (psi_xml_export_file (fixture->store, file, NULL, NULL, &error));
      g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, REGION_2));
      g_clear_error (&error);
      contents = read_file (target);
      g_assert_cmpstr (contents, ==, "old contents");
      g_assert_cmpuint (count_files (out_dir), ==, 1);
    }

  /* a folder that does not exist */
  {
    g_autofree char *missing = g_build_filename (out_dir, "no", "such", "records.xml", NULL);
    g_autoptr(GFile) nowhere = g_file_new_for_path (missing);

    g_assert_false (psi_xml_export_file (fixture->store, nowhere, NULL, NULL, &error));
    g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "records.xml"));
    g_clear_error (&error);
  }

  /* cancelled before it starts: nothing written */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) other = g_file_new_for_path (target);

    if (psi_store_delete (fixture->store, PSI_RECORD_KIND_REGION,
                          psi_record_get_id (region), NULL))
      {
        g_cancellable_cancel (cancellable);
        /* under 1024 records no check happens: the sample is written whole */
        g_assert_true (psi_xml_export_file (fixture->store, other, NULL, cancellable, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (count_files (out_dir), ==, 1);
      }
  }
}

/* A dry run counts new, changed and unchanged records per kind and changes nothing. */
static void
test_import_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = serialize_store (fixture->store);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *sample = read_file (SAMPLE_XML_PATH);
  g_autofree char *changed = NULL;
  PsiXmlImportSummary summary;

  /* the sample again: all unchanged */
  g_assert_true (import_string (fixture->store, sample, PSI_XML_IMPORT_DRY_RUN, &summary,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (psi_xml_import_summary_get_n_new (&summary), ==, 0);
  g_assert_cmpuint (psi_xml_import_summary_get_n_changed (&summary), ==, 0);
  g_assert_cmpuint (psi_xml_import_summary_get_n_unchanged (&summary), ==, 46);
  g_assert_cmpuint (summary.n_unchanged[PSI_RECORD_KIND_AWARD], ==, 14);
  g_assert_cmpuint (summary.n_unchanged[PSI_RECORD_KIND_MUNICIPALITY], ==, 16);

  /* one name changed (Masy → Masy village), one record more */
  {
    g_auto(GStrv) parts = g_strsplit (sample, ">Masy<", 2);
    g_autofree char *joined = g_strjoinv (">Masy village<", parts);
    g_auto(GStrv) tail = g_strsplit (joined, TAIL, 2);

    g_assert_nonnull (tail[1]);
    changed = g_strconcat (tail[0],
                           "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">Chui</name>"
                           "</region>\n" TAIL, NULL);
  }
  g_assert_true (import_string (fixture->store, changed, PSI_XML_IMPORT_DRY_RUN, &summary,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_new[PSI_RECORD_KIND_REGION], ==, 1);
  g_assert_cmpuint (summary.n_unchanged[PSI_RECORD_KIND_REGION], ==, 2);
  g_assert_cmpuint (summary.n_changed[PSI_RECORD_KIND_MUNICIPALITY], ==, 1);
  g_assert_cmpuint (summary.n_unchanged[PSI_RECORD_KIND_MUNICIPALITY], ==, 15);
  g_assert_cmpuint (psi_xml_import_summary_get_n_new (&summary), ==, 1);
  g_assert_cmpuint (psi_xml_import_summary_get_n_changed (&summary), ==, 1);

  after = serialize_store (fixture->store);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* the real import reports the same and changes the records */
  {
    PsiXmlImportSummary applied;

    g_assert_true (import_string (fixture->store, changed, 0, &applied, &error));
    g_assert_no_error (error);
    g_assert_cmpmem (&applied, sizeof applied, &summary, sizeof summary);
    g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL), ==, 3);
    g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_MUNICIPALITY, NULL), ==, 16);
  }

  /* and a second time, nothing is left to change */
  g_assert_true (import_string (fixture->store, changed, PSI_XML_IMPORT_DRY_RUN, &summary,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (psi_xml_import_summary_get_n_new (&summary), ==, 0);
  g_assert_cmpuint (psi_xml_import_summary_get_n_changed (&summary), ==, 0);
  g_assert_cmpuint (psi_xml_import_summary_get_n_unchanged (&summary), ==, 47);
}

/* Look-alike letters become the proper ones on the way in. */
static void
test_import_normalise (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) region = NULL;
  PsiText *name;

  g_assert_true (import_string (fixture->store,
                                HEAD
                                "  <region id=\"" REGION_UUID "\">\n"
                                /* Latin e, p, T inside Cyrillic words; SDC stays Latin */
                                "    <name xml:lang=\"ru\">Кepeгe-Tаш SDC</name>\n"
                                /* Latin barred o, Kazakh ұ, en with descender as Kyrgyz */
                                "    <name xml:lang=\"ky\">\xc9\xb5зг\xc9\xb5н \xd2\xb1й Ѳ\xd3\x88</name>\n"
                                /* an English word stays as written, even with Cyrillic АО */
                                "    <name xml:lang=\"en\">Chelpek АО</name>\n"
                                "  </region>\n"
                                TAIL, 0, NULL, &error));
  g_assert_no_error (error);

  region = psi_store_load_by_uuid (fixture->store, PSI_RECORD_KIND_REGION, REGION_UUID, &error);
  g_assert_no_error (error);
  name = psi_record_get_name (region);
  g_assert_cmpstr (psi_text_get_exact (name, PSI_LANGUAGE_RU), ==, "Кереге-Таш SDC");
  g_assert_cmpstr (psi_text_get_exact (name, PSI_LANGUAGE_KY), ==, "өзгөн үй Өң");
  g_assert_cmpstr (psi_text_get_exact (name, PSI_LANGUAGE_EN), ==, "Chelpek АО");
}

/* Errors name the file, line and column. */
static void
test_import_positions (Fixture       *fixture,
                       gconstpointer  data)
{
  const struct { const char *xml; const char *message; } cases[] = {
    { HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">X</name></region>\n"
      "  <award id=\"" REGION_2 "\"\n"
      "         kind=\"winner\"/>\n" TAIL,
      "test.xml, line 4, column 3: <award> has no “competition” attribute" },
    { HEAD "\t<region id=\"" REGION_UUID "\"><name xml:lang=\"en\">X</name><bad/></region>\n" TAIL,
      "test.xml, line 3, column 80: unexpected element <bad> in <region>" },
    { HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"xx\">Ысык</name></region>\n" TAIL,
      "test.xml, line 3, column 53: unknown language “xx” in <name>; use en, ru or ky" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (import_string (fixture->store, cases[i].xml, 0, NULL, &error));
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Hostile input: refused with a clear message, nothing crashes, the database is unchanged. */

typedef struct
{
  const char *what;
  char       *xml;
  gsize       length;
  const char *mentions;   /* a word the message must hold */
} Hostile;

static char *
nested (guint levels)
{
  GString *xml = g_string_new (HEAD "  <region id=\"" REGION_UUID "\">");

  for (guint i = 0; i < levels; i++)
    g_string_append (xml, "<name>");
  for (guint i = 0; i < levels; i++)
    g_string_append (xml, "</name>");
  g_string_append (xml, "</region>\n" TAIL);
  return g_string_free (xml, FALSE);
}

static void
test_import_hostile (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *secret_path = path_in (fixture, "secret.txt");
  g_autofree char *sample = read_file (SAMPLE_XML_PATH);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  Hostile inputs[] = {
    { "billion laughs",
      g_strdup ("<?xml version=\"1.0\"?>\n"
                "<!DOCTYPE psi-records [\n"
                "  <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
                "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                "  <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
                "  <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
                "  <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
                "  <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
                "  <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
                "  <!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
                "]>\n"
                "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
                "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">&i;</name></region>\n"
                TAIL), 0, "DOCTYPE" },
    { "external entity to a local file",
      g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                       "<!DOCTYPE psi-records [ <!ENTITY xxe SYSTEM \"file://%s\"> ]>\n"
                       "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
                       "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">&xxe;</name>"
                       "</region>\n" TAIL, secret_path), 0, "DOCTYPE" },
    { "external entity without a DOCTYPE",
      g_strdup (HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">&xxe;</name>"
                "</region>\n" TAIL), 0, "xxe" },
    { "external DTD over the network",
      g_strdup ("<?xml version=\"1.0\"?>\n"
                "<!DOCTYPE psi-records SYSTEM \"http://127.0.0.1:9/psi-records.dtd\">\n"
                "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\"/>\n"),
      0, "DOCTYPE" },
    { "XInclude",
      g_strdup (HEAD "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"secret.txt\" "
                "parse=\"text\"/>\n" TAIL), 0, "include" },
    { "invalid UTF-8",
      g_strdup (HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"ru\">\xd0\xd0\xff</name>"
                "</region>\n" TAIL), 0, "UTF-8" },
    { "a control character as a character reference",
      g_strdup (HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">a&#1;b</name>"
                "</region>\n" TAIL), 0, NULL },
    { "a C1 control character",
      g_strdup (HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">a&#x85;b</name>"
                "</region>\n" TAIL), 0, "control" },
    { "truncated sample", g_strndup (sample, strlen (sample) / 2), 0, "incomplete" },
    { "wrong namespace",
      g_strdup ("<?xml version=\"1.0\"?>\n"
                "<psi-records xmlns=\"urn:psi-records:conference:2\" version=\"1\">\n"
                "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">X</name></region>\n"
                "</psi-records>\n"), 0, "urn:psi-records:conference:1" },
    { "schema-valid, with a dangling reference",
      g_strdup (HEAD "  <region id=\"" REGION_UUID "\"><name xml:lang=\"en\">X</name></region>\n"
                "  <municipality id=\"" REGION_2 "\" kind=\"rural\" "
                "region=\"deadbeef-0000-4000-8000-000000000000\">"
                "<name xml:lang=\"en\">Y</name></municipality>\n" TAIL),
      0, "deadbeef-0000-4000-8000-000000000000" },
    { "an undeclared namespace prefix (crashed libxml2 when the parser was stopped from the "
      "error handler; found by the fuzzer)",
      g_strdup (HEAD "  <region id=\"" REGION_UUID "\"><name xll:lang=\"ru\">X</name></region>\n"
                TAIL), 0, "xll" },
    { "100 000 levels of nesting", nested (100000), 0, "64" },
    { "gzip", NULL, 0, NULL },
  };

  g_file_set_contents (secret_path, "SECRET-CONTENTS", -1, &error);
  g_assert_no_error (error);

  /* A gzip-compressed sample: never un-compressed on the fly. */
  {
    g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) gz = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
    Hostile *last = &inputs[G_N_ELEMENTS (inputs) - 1];

    g_output_stream_write_all (gz, sample, strlen (sample), NULL, NULL, &error);
    g_assert_no_error (error);
    g_output_stream_close (gz, NULL, &error);
    g_assert_no_error (error);
    last->what = "gzip-compressed sample";
    last->length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
    last->xml = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
  }

  before = serialize_store (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      gsize length = inputs[i].length != 0 ? inputs[i].length : strlen (inputs[i].xml);
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (inputs[i].xml,
                                                                            (gssize) length, NULL);
      g_autoptr(GBytes) after = NULL;

      g_test_message ("refusing: %s", inputs[i].what);
      g_assert_false (psi_xml_import_stream (fixture->store, stream, "test.xml",
                                             PSI_XML_IMPORT_DEFAULT, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("  %s", error->message);
      g_assert_true (error->domain == PSI_XML_ERROR);
      if (!g_regex_match_simple ("^test\\.xml(, line [0-9]+(, column [0-9]+)?)?: .",
                                 error->message, 0, 0))
        g_error ("%s: “%s” names no file and line", inputs[i].what, error->message);
      if (inputs[i].mentions != NULL && strstr (error->message, inputs[i].mentions) == NULL)
        g_error ("%s: “%s” does not mention “%s”", inputs[i].what, error->message,
                 inputs[i].mentions);
      g_assert_null (strstr (error->message, "SECRET"));
      g_clear_error (&error);

      after = serialize_store (fixture->store);
      if (!g_bytes_equal (before, after))
        g_error ("%s: the records changed", inputs[i].what);
      g_free (inputs[i].xml);
    }

  /* Nothing was loaded either way (a dry run of the same would have counted the regions). */
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_REGION, NULL), ==, 2);
}

/* A file over the size cap, made here as a sparse file: refused before it is read. */
static void
test_import_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "huge.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = serialize_store (fixture->store);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, HEAD, strlen (HEAD)), ==, (gssize) strlen (HEAD));
  g_assert_cmpint (ftruncate (fd, (off_t) 256 * 1024 * 1024 + 1), ==, 0);
  close (fd);

  g_assert_false (psi_xml_import_file (fixture->store, file, &error));
  g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "huge.xml: the file is larger than 256 MiB");
  g_clear_error (&error);

  /* The same through a stream that does not know its size: counted as it is read. */
  {
    g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, &error);
    g_autoptr(GInputStream) buffered = NULL;

    g_assert_no_error (error);
    /* a filter stream hides the size */
    buffered = g_buffered_input_stream_new (G_INPUT_STREAM (raw));
    g_assert_false (psi_xml_import_stream (fixture->store, buffered, "huge.xml", 0, NULL, NULL,
                                           &error));
    g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED);
    g_test_message ("%s", error->message);
  }

  after = serialize_store (fixture->store);
  g_assert_true (g_bytes_equal (before, after));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/schema/sample", test_schema_sample);
  g_test_add_func ("/xml/schema/refuses", test_schema_refuses);
  g_test_add ("/xml/export/sample", Fixture, NULL,
              fixture_set_up, test_export_sample, fixture_tear_down);
  g_test_add ("/xml/export/rich", Fixture, NULL,
              fixture_set_up, test_export_rich, fixture_tear_down);
  g_test_add ("/xml/export/events", Fixture, NULL,
              fixture_set_up, test_export_events, fixture_tear_down);
  g_test_add ("/xml/export/atomic", Fixture, NULL,
              fixture_set_up, test_export_atomic, fixture_tear_down);
  g_test_add ("/xml/import/dry-run", Fixture, NULL,
              fixture_set_up, test_import_dry_run, fixture_tear_down);
  g_test_add ("/xml/import/normalise", Fixture, NULL,
              fixture_set_up, test_import_normalise, fixture_tear_down);
  g_test_add ("/xml/import/positions", Fixture, NULL,
              fixture_set_up, test_import_positions, fixture_tear_down);
  g_test_add ("/xml/import/hostile", Fixture, NULL,
              fixture_set_up, test_import_hostile, fixture_tear_down);
  g_test_add ("/xml/import/too-large-file", Fixture, NULL,
              fixture_set_up, test_import_too_large, fixture_tear_down);

  return g_test_run ();
}
