/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Award certificates: records and numbering in the store (on real SQLite files with the
 * sample), signed XML export, the schema, verification by us and by the xmlsec1 tool, and
 * tampered files. */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "psi-test-files.h"
#include "psi-certificate-sign.h"
#include "psi-certificate-xml.h"
#include "psi-sample.h"
#include "psi-store-certificates.h"
#include "psi-store-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  char     *key_path;
  PsiStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("psi-test-certificates-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "records.db", NULL);
  f->key_path = g_build_filename (f->dir, "keys", "signing-key.pem", NULL);
  f->store = psi_sample_open_store (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  psi_test_remove_tree (f->dir);
  g_free (f->key_path);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
award_by_uuid (PsiStore   *store,
               const char *uuid)
{
  g_autoptr(PsiRecord) award = psi_store_load_by_uuid (store, PSI_RECORD_KIND_AWARD, uuid, NULL);

  g_assert_nonnull (award);
  return psi_record_get_id (award);
}

/* The sample's awards: Beshik-Jon (1st place), the incentive prizes, the Kenesh cluster */
#define BESHIK_AWARD "b7418a62-1d34-479f-83d6-f27bc811551f"
#define INCENTIVE_AWARD "d46c35ee-3c3e-4bcb-81e0-3dad1a8aca01"
#define KENESH_CLUSTER_AWARD "42fbe0f1-4676-42e2-a105-20d8d5df9f0f"

/* Store */

static void
test_store_numbering (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) awards = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PsiCertificate) again = NULL;
  g_autoptr(PsiCertificate) incentive = NULL;

  g_assert_cmpint (psi_store_get_schema_version (f->store), ==, 3);

  awards = psi_store_certificate_list_awards (f->store, 0, &error);
  g_assert_no_error (error);
  /* 7 winners of the campaign, 5 winning clusters; the incentive prizes and the conditional
   * winners come without a certificate */
  g_assert_cmpuint (awards->len, ==, 12);

  for (guint i = 0; i < awards->len; i++)
    {
      g_autoptr(PsiCertificate) c = NULL;
      g_autofree char *expected = g_strdup_printf ("PSI-2020-%04u", i + 1);

      c = psi_store_certificate_issue (f->store, g_array_index (awards, gint64, i),
                                       "2020-12-16", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (c->number, ==, expected);
      g_assert_cmpuint (c->year, ==, 2020);
      g_assert_cmpuint (c->revision, ==, 1);
      g_assert_cmpstr (c->issue_date, ==, "2020-12-16");
      g_assert_cmpint (c->status, ==, PSI_CERTIFICATE_STATUS_ISSUED);
      g_assert_cmpuint (c->history->len, ==, 1);
      g_assert_true (g_hash_table_add (numbers, g_strdup (c->number)));
    }
  g_assert_cmpuint (g_hash_table_size (numbers), ==, 12);

  /* A second certificate for the same award is refused, nothing written */
  again = psi_store_certificate_issue (f->store, award_by_uuid (f->store, BESHIK_AWARD),
                                       "2021-01-01", &error);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_assert_null (again);
  g_clear_error (&error);

  incentive = psi_store_certificate_issue (f->store, award_by_uuid (f->store, INCENTIVE_AWARD),
                                           NULL, &error);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_assert_null (incentive);
  g_clear_error (&error);

  g_assert_null (psi_store_certificate_issue (f->store, 999999, NULL, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (psi_store_certificate_issue (f->store, award_by_uuid (f->store, INCENTIVE_AWARD),
                                              "2020-02-30", &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The database itself refuses a duplicate number */
  g_assert_cmpint (sqlite3_exec (_psi_store_get_db (f->store),
                                 "INSERT INTO certificate (number, award_id, year, serial,"
                                 " issue_date, status) VALUES ('PSI-2020-0001', 1, 2020, 99,"
                                 " '2020-12-16', 'issued')", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_UNIQUE);
}

static void
test_store_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiCertificate) issued = NULL;
  g_autoptr(PsiCertificate) reissued = NULL;
  g_autoptr(PsiCertificate) revoked = NULL;
  g_autoptr(PsiCertificate) renewed = NULL;
  g_autoptr(PsiCertificate) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  PsiCertificateEvent *event;
  gint64 award = award_by_uuid (f->store, KENESH_CLUSTER_AWARD);

  issued = psi_store_certificate_issue (f->store, award, "2020-12-16", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issued->number, ==, "PSI-2020-0001");

  reissued = psi_store_certificate_reissue (f->store, issued->number, "2021-02-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reissued->number, ==, issued->number);
  g_assert_cmpint (reissued->status, ==, PSI_CERTIFICATE_STATUS_REISSUED);
  g_assert_cmpuint (reissued->revision, ==, 2);
  g_assert_cmpstr (reissued->issue_date, ==, "2021-02-01");
  g_assert_cmpuint (reissued->history->len, ==, 2);
  event = &g_array_index (reissued->history, PsiCertificateEvent, 1);
  g_assert_cmpint (event->action, ==, PSI_CERTIFICATE_STATUS_REISSUED);
  g_assert_cmpstr (event->previous_issue_date, ==, "2020-12-16");

  /* Revoking needs a reason */
  g_assert_null (psi_store_certificate_revoke (f->store, issued->number, "  ", NULL, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  revoked = psi_store_certificate_revoke (f->store, issued->number, "Issued to the wrong cluster",
                                          "2021-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (revoked->status, ==, PSI_CERTIFICATE_STATUS_REVOKED);
  g_assert_cmpstr (revoked->issue_date, ==, "2021-02-01");
  g_assert_cmpuint (revoked->history->len, ==, 3);
  event = &g_array_index (revoked->history, PsiCertificateEvent, 2);
  g_assert_cmpstr (event->reason, ==, "Issued to the wrong cluster");
  g_assert_cmpstr (event->date, ==, "2021-03-01");

  /* A revoked certificate stays revoked */
  g_assert_null (psi_store_certificate_reissue (f->store, issued->number, NULL, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (psi_store_certificate_revoke (f->store, issued->number, "again", NULL, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The award can be issued a new certificate, under a new number */
  renewed = psi_store_certificate_issue (f->store, award, "2021-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed->number, ==, "PSI-2020-0002");

  /* Everything is still there after reopening the file */
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  list = psi_store_certificate_list_for_award (f->store, award, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((PsiCertificate *) g_ptr_array_index (list, 0))->number, ==, "PSI-2020-0001");
  g_assert_cmpint (((PsiCertificate *) g_ptr_array_index (list, 0))->status, ==,
                   PSI_CERTIFICATE_STATUS_REVOKED);
  g_assert_cmpuint (((PsiCertificate *) g_ptr_array_index (list, 0))->history->len, ==, 3);
  g_assert_cmpint (((PsiCertificate *) g_ptr_array_index (list, 1))->status, ==,
                   PSI_CERTIFICATE_STATUS_ISSUED);

  loaded = psi_store_certificate_get (f->store, "PSI-2020-0002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->award_id, ==, award);
  g_assert_null (psi_store_certificate_get (f->store, "PSI-1999-0001", &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An award with certificates cannot silently disappear */
  g_assert_false (psi_store_delete (f->store, PSI_RECORD_KIND_AWARD, award, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

/* A file of schema version 2 is migrated to 3 with its records. */
static void
test_store_migrate_from_v2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("psi-test-certificates-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v2.db", NULL);
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(PsiCertificate) c = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_psi_store_migrate_to (db, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_psi_store_read_user_version (db, NULL), ==, 2);
  sqlite3_close (db);

  store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_get_schema_version (store), ==, 3);
  c = psi_store_certificate_issue (store, award_by_uuid (store, BESHIK_AWARD), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->number, ==, "PSI-2020-0001");
  g_clear_object (&store);
  psi_test_remove_tree (dir);
}

/* XML */

static PsiCertificateVerdict
verify (const char *path,
        const char *public_key_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) pem = NULL;
  char *contents = NULL;
  gsize size;
  PsiCertificateVerdict verdict = PSI_CERTIFICATE_VALID;

  g_file_get_contents (public_key_path, &contents, &size, &error);
  g_assert_no_error (error);
  pem = g_bytes_new_take (contents, size);
  g_assert_true (psi_certificate_verify_file (file, pem, &verdict, &error));
  g_assert_no_error (error);
  return verdict;
}

/* Runs argv; returns the exit status */
static int
run (const char * const *argv,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL,
                &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WIFEXITED (status)
    ? WEXITSTATUS (status) : -1;
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  GString *result;

  g_assert_nonnull (at);
  result = g_string_new_len (text, at - text);
  g_string_append (result, to);
  g_string_append (result, at + strlen (from));
  return g_string_free (result, FALSE);
}

static void
test_xml_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *public_key = g_build_filename (out, PSI_CERTIFICATE_PUBLIC_KEY_NAME, NULL);
  g_autoptr(GFile) out_dir = g_file_new_for_path (out);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *xmlsec1 = g_find_program_in_path ("xmlsec1");
  const char *xmllint = g_getenv ("XMLLINT");
  const char *schema = g_getenv ("PSI_CERTIFICATE_SCHEMA");
  const char *name;
  GStatBuf st;
  guint n = 0, files = 0;

  g_assert_true (psi_certificate_xml_export_dir (f->store, out_dir, 0, f->key_path, &n,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 12);

  /* The key: made on first use, readable by the user only */
  g_assert_cmpint (g_stat (f->key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_test (public_key, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *pem = psi_test_read_text (public_key);

    g_assert_true (g_str_has_prefix (pem, "-----BEGIN PUBLIC KEY-----"));
    g_assert_null (strstr (pem, "PRIVATE"));
  }

  dir = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_autofree char *text = NULL;
      xmlDocPtr doc;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      files++;
      text = psi_test_read_text (path);
      doc = xmlReadMemory (text, strlen (text), NULL, NULL, XML_PARSE_NONET);
      g_assert_nonnull (doc);
      psi_certificate_xml_validate (doc, &error);
      g_assert_no_error (error);
      xmlFreeDoc (doc);

      /* Every text in all three languages */
      g_assert_nonnull (strstr (text, "xml:lang=\"ky\""));
      g_assert_nonnull (strstr (text, "Программа Швейцария Өкмөтү"));
      g_assert_null (strstr (text, "Ѳ"));

      g_assert_cmpint (verify (path, public_key), ==, PSI_CERTIFICATE_VALID);

      if (xmllint != NULL && *xmllint != '\0' && schema != NULL)
        {
          const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", schema, path, NULL };

          g_assert_cmpint (run (argv, NULL), ==, 0);
        }
      if (xmlsec1 != NULL)
        {
          const char *argv[] = { xmlsec1, "--verify", "--pubkey-pem", public_key, path, NULL };

          g_assert_cmpint (run (argv, NULL), ==, 0);
        }
    }
  g_assert_cmpuint (files, ==, 13);  /* 12 certificates and the batch */
  if (xmlsec1 == NULL)
    g_test_message ("xmlsec1 is not installed: the standard tool's check was skipped");

  /* Exporting again issues nothing new and keeps the numbers */
  g_assert_true (psi_certificate_xml_export_dir (f->store, out_dir, 0, f->key_path, &n,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 12);
  g_assert_null (psi_store_certificate_get (f->store, "PSI-2020-0013", NULL));

  /* A cluster's certificate names its members, the grant and the achievement */
  {
    g_autoptr(PsiCertificate) c = NULL;
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) list = psi_store_certificate_list_for_award (
      f->store, award_by_uuid (f->store, KENESH_CLUSTER_AWARD), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    c = psi_certificate_ref (g_ptr_array_index (list, 0));
    path = g_strdup_printf ("%s/%s.xml", out, c->number);
    text = psi_test_read_text (path);
    g_assert_nonnull (strstr (text, "kind=\"cluster\""));
    g_assert_nonnull (strstr (text, "<name xml:lang=\"ky\">Кеңеш кластери</name>"));
    g_assert_nonnull (strstr (text, "<name xml:lang=\"en\">Beshik-Jon</name>"));
    g_assert_nonnull (strstr (text, "grant-kgs=\"5000000\""));
    g_assert_nonnull (strstr (text, "<achievement xml:lang=\"ru\">Победитель</achievement>"));
  }
}

static void
test_xml_tampered (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *public_key = g_build_filename (out, PSI_CERTIFICATE_PUBLIC_KEY_NAME, NULL);
  g_autofree char *foreign_key = g_build_filename (f->dir, "foreign", "key.pem", NULL);
  g_autofree char *original = NULL;
  g_autofree char *cluster_file = NULL;
  g_autofree char *municipality_file = NULL;
  g_autofree char *xmlsec1 = g_find_program_in_path ("xmlsec1");
  g_autoptr(GFile) out_dir = g_file_new_for_path (out);
  g_autoptr(GPtrArray) list = NULL;
  PsiCertificate *c;
  char *changed;
  char *tampered_path;

  g_assert_true (psi_certificate_xml_export_dir (f->store, out_dir, 0, f->key_path, NULL,
                                                 &error));
  g_assert_no_error (error);
  list = psi_store_certificate_list_for_award (f->store,
                                               award_by_uuid (f->store, KENESH_CLUSTER_AWARD),
                                               &error);
  g_assert_no_error (error);
  c = g_ptr_array_index (list, 0);
  cluster_file = g_strdup_printf ("%s/%s.xml", out, c->number);
  original = psi_test_read_text (cluster_file);
  tampered_path = g_build_filename (f->dir, "tampered.xml", NULL);

  /* A changed amount */
  changed = replace_once (original, "grant-kgs=\"5000000\"", "grant-kgs=\"50000000\"");
  psi_test_write_text (tampered_path, changed);
  g_free (changed);
  g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_MODIFIED);
  if (xmlsec1 != NULL)
    {
      const char *argv[] = { xmlsec1, "--verify", "--pubkey-pem", public_key, tampered_path,
                             NULL };

      g_assert_cmpint (run (argv, NULL), !=, 0);
    }

  /* A changed name */
  changed = replace_once (original, ">Beshik-Jon<", ">Beshik-Jol<");
  psi_test_write_text (tampered_path, changed);
  g_free (changed);
  g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_MODIFIED);

  /* A changed number, in the attribute */
  changed = replace_once (original, c->number, "PSI-2020-0099");
  psi_test_write_text (tampered_path, changed);
  g_free (changed);
  g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_MODIFIED);

  /* The signature removed */
  {
    const char *start = strstr (original, "<Signature");
    const char *end = strstr (original, "</Signature>");

    g_assert_nonnull (start);
    g_assert_nonnull (end);
    {
      GString *without = g_string_new_len (original, start - original);

      g_string_append (without, end + strlen ("</Signature>"));
      changed = g_string_free (without, FALSE);
    }
    psi_test_write_text (tampered_path, changed);
    g_free (changed);
    g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_UNSIGNED);
  }

  /* The untouched file is still valid (the tests above did not test a broken verify) */
  psi_test_write_text (tampered_path, original);
  g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_VALID);

  /* Signed by a foreign key: the same content, another signer */
  {
    g_autoptr(PsiCertificate) again = psi_store_certificate_get (f->store, c->number, &error);
    g_autofree char *foreign_text = NULL;
    g_autofree char *claimed = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (tampered_path);
    xmlDocPtr doc;

    g_assert_no_error (error);
    doc = psi_certificate_xml_build (f->store, again, &error);
    g_assert_no_error (error);
    g_assert_true (psi_certificate_xml_sign_and_write (doc, foreign_key, file, &error));
    g_assert_no_error (error);
    xmlFreeDoc (doc);
    g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_UNKNOWN_KEY);

    /* … also when it claims to be made with ours */
    {
      g_autoptr(GBytes) ours = NULL;
      g_autoptr(GBytes) theirs = NULL;
      g_autofree char *our_fp = NULL;
      g_autofree char *their_fp = NULL;

      ours = psi_certificate_sign_dup_public_pem (f->key_path, &error);
      g_assert_no_error (error);
      theirs = psi_certificate_sign_dup_public_pem (foreign_key, &error);
      g_assert_no_error (error);
      our_fp = psi_certificate_sign_dup_fingerprint (ours, &error);
      their_fp = psi_certificate_sign_dup_fingerprint (theirs, &error);
      g_assert_cmpstr (our_fp, !=, their_fp);
      foreign_text = psi_test_read_text (tampered_path);
      claimed = replace_once (foreign_text, their_fp, our_fp);
      psi_test_write_text (tampered_path, claimed);
      g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_MODIFIED);
    }
  }

  /* A municipality's certificate, and the batch, verify too */
  municipality_file = g_strdup_printf ("%s/PSI-2020-0001.xml", out);
  g_assert_cmpint (verify (municipality_file, public_key), ==, PSI_CERTIFICATE_VALID);
  {
    g_autofree char *batch = g_build_filename (out, PSI_CERTIFICATE_BATCH_NAME, NULL);
    g_autofree char *text = psi_test_read_text (batch);

    g_assert_cmpint (verify (batch, public_key), ==, PSI_CERTIFICATE_VALID);
    changed = replace_once (text, ">Masy<", ">Massy<");
    psi_test_write_text (tampered_path, changed);
    g_free (changed);
    g_assert_cmpint (verify (tampered_path, public_key), ==, PSI_CERTIFICATE_MODIFIED);
  }
  g_free (tampered_path);
}

/* The command line: --export-certificates and --verify-certificate with their exit codes */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *build_root = g_getenv ("PSI_BUILD_ROOT");
  g_autofree char *app = NULL;
  g_autofree char *xdg = g_build_filename (f->dir, "xdg", NULL);
  g_autofree char *out = g_build_filename (f->dir, "cli-out", NULL);
  g_autofree char *public_key = g_build_filename (out, PSI_CERTIFICATE_PUBLIC_KEY_NAME, NULL);
  g_autofree char *cert = g_build_filename (out, "PSI-2020-0008.xml", NULL);
  g_autofree char *tampered = g_build_filename (f->dir, "cli-tampered.xml", NULL);
  g_autofree char *own_key = g_build_filename (xdg, "psi-records", "keys", "signing-key.pem",
                                               NULL);
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) env = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GStatBuf st;

  if (build_root == NULL)
    {
      g_test_skip ("PSI_BUILD_ROOT is not set");
      return;
    }
  app = g_build_filename (build_root, "app", "psi-records", NULL);
  g_clear_object (&f->store);

  env = g_get_environ ();
  env = g_environ_setenv (env, "XDG_DATA_HOME", xdg, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);

  {
    const char *argv[] = { app, "--database", f->path, "--export-certificates", out, NULL };

    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (output, "12 certificates"));
    g_clear_pointer (&output, g_free);
  }
  g_assert_cmpint (g_stat (own_key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Valid: exit 0, with the installation's own key and with the exported public key */
  {
    const char *argv[] = { app, "--verify-certificate", cert, NULL };

    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (output, "valid"));
    g_clear_pointer (&output, g_free);
  }
  {
    const char *argv[] = { app, "--verify-certificate", cert, "--public-key", public_key, NULL };

    g_assert_cmpint (run (argv, NULL), ==, 0);
  }

  /* Modified: not 0 */
  text = psi_test_read_text (cert);
  changed = replace_once (text, ">Teplokluchenka cluster<", ">Teplokluchenka klaster<");
  psi_test_write_text (tampered, changed);
  {
    const char *argv[] = { app, "--verify-certificate", tampered, "--public-key", public_key,
                           NULL };

    g_assert_cmpint (run (argv, &output), ==, 1);
    g_assert_nonnull (strstr (output, "modified"));
    g_clear_pointer (&output, g_free);
  }

  /* Another key: not 0 */
  {
    g_autoptr(GBytes) foreign = NULL;
    g_autofree char *foreign_key = g_build_filename (f->dir, "foreign.pem", NULL);
    g_autofree char *foreign_public = g_build_filename (f->dir, "foreign-public.pem", NULL);
    const char *argv[] = { app, "--verify-certificate", cert, "--public-key", foreign_public,
                           NULL };

    g_assert_true (psi_certificate_sign_ensure_key (foreign_key, &error));
    g_assert_no_error (error);
    foreign = psi_certificate_sign_dup_public_pem (foreign_key, &error);
    g_assert_no_error (error);
    g_file_set_contents (foreign_public, g_bytes_get_data (foreign, NULL),
                         g_bytes_get_size (foreign), &error);
    g_assert_no_error (error);
    g_assert_cmpint (run (argv, &output), ==, 1);
    g_assert_nonnull (strstr (output, "unknown key"));
    g_clear_pointer (&output, g_free);
  }

  /* Wrong use of the options: 2 */
  {
    const char *argv[] = { app, "--public-key", public_key, NULL };

    g_assert_cmpint (run (argv, NULL), ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/certificates/store/numbering", Fixture, NULL,
              fixture_set_up, test_store_numbering, fixture_tear_down);
  g_test_add ("/certificates/store/history", Fixture, NULL,
              fixture_set_up, test_store_history, fixture_tear_down);
  g_test_add_func ("/certificates/store/migrate-from-v2", test_store_migrate_from_v2);
  g_test_add ("/certificates/xml/export", Fixture, NULL,
              fixture_set_up, test_xml_export, fixture_tear_down);
  g_test_add ("/certificates/xml/tampered", Fixture, NULL,
              fixture_set_up, test_xml_tampered, fixture_tear_down);
  g_test_add ("/certificates/cli", Fixture, NULL,
              fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
