/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* XML import and export in a worker thread (psi-xml-task.h), headless: the worker opens its own
 * connection to the records file while the test keeps another open, as the window does. An
 * import reports progress and its changes are seen through the other connection; a cancel
 * half-way and a broken file leave the database image byte for byte as it was. */

#define G_LOG_DOMAIN "test-xml-task"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "psi-test-files.h"
#include "bench-data.h"
#include "psi-sample.h"
#include "psi-xml-task.h"

/* Big enough that a cancel sent at the first progress report lands before the end; smaller
 * under valgrind (`meson test --setup valgrind` sets VALGRIND), where the same work is about
 * fifty times slower. */
static guint n_awards_big = 40000;
#define N_AWARDS n_awards_big

typedef struct
{
  char     *dir;
  PsiStore *store;   /* the sample conference: the caller's connection */
  GFile    *big;     /* N_AWARDS awards and what they refer to, none in the sample */
} Fixture;

typedef struct
{
  GAsyncResult *result;
  GArray       *fractions;
  GCancellable *cancel_at_first_report;
} Waiter;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big_db = NULL;
  g_autofree char *big_xml = NULL;
  g_autoptr(PsiStore) big_store = NULL;

  fixture->dir = g_dir_make_tmp ("psi-test-xml-task-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "records.db", NULL);
  fixture->store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);

  big_db = g_build_filename (fixture->dir, "big.db", NULL);
  big_xml = g_build_filename (fixture->dir, "big.xml", NULL);
  g_assert_true (bench_create_records (big_db, N_AWARDS, &error));
  g_assert_no_error (error);
  big_store = psi_store_open (big_db, &error);
  g_assert_no_error (error);
  fixture->big = g_file_new_for_path (big_xml);
  g_assert_true (psi_xml_export_file (big_store, fixture->big, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->big);
  psi_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GBytes *
serialize_store (PsiStore *store)
{
  sqlite3_int64 size = 0;
  unsigned char *data = sqlite3_serialize (_psi_store_get_db (store), "main", &size, 0);

  g_assert_nonnull (data);
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static void
progress_cb (gpointer source_object,
             double   fraction,
             gpointer user_data)
{
  Waiter *waiter = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (waiter->fractions, fraction);
  if (waiter->cancel_at_first_report != NULL && fraction > 0.0)
    g_cancellable_cancel (waiter->cancel_at_first_report);
}

/* Runs the main loop until the task is done; progress reports still pending are dispatched
 * too, since they are queued before the result. */
static void
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
import_async (Fixture              *fixture,
              GFile                *file,
              PsiXmlImportFlags     flags,
              GCancellable         *cancellable,
              gboolean              cancel_at_first_report,
              GArray               *fractions,
              PsiXmlImportSummary  *summary,
              GError              **error)
{
  Waiter waiter = { NULL, fractions, cancel_at_first_report ? cancellable : NULL };
  gboolean ok;

  psi_xml_import_file_async (NULL, psi_store_get_path (fixture->store), file, flags,
                             cancellable, fractions != NULL ? progress_cb : NULL, &waiter,
                             done_cb, &waiter);
  wait_for (&waiter);
  ok = psi_xml_import_file_finish (waiter.result, summary, error);
  g_object_unref (waiter.result);
  return ok;
}

static gint64
count_all (PsiStore *store)
{
  gint64 n = 0;

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;

      n += psi_store_count (store, kind, &error);
      g_assert_no_error (error);
    }
  return n;
}

static void
external_change_cb (PsiStore *store,
                    gpointer  user_data)
{
  (*(guint *) user_data)++;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) before = serialize_store (fixture->store);
  g_autoptr(GBytes) after = NULL;
  PsiXmlImportSummary expected, preview, summary;
  gint64 n_awards;
  guint n_external = 0;
  gboolean some_between = FALSE;

  n_awards = psi_store_count (fixture->store, PSI_RECORD_KIND_AWARD, &error);
  g_assert_no_error (error);

  /* What a dry run on the caller's connection says. */
  g_assert_true (psi_xml_import_file_full (fixture->store, fixture->big, PSI_XML_IMPORT_DRY_RUN,
                                           &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected.n_new[PSI_RECORD_KIND_AWARD], ==, N_AWARDS);

  /* The preview in the worker: the same counts, nothing changed. */
  g_assert_true (import_async (fixture, fixture->big, PSI_XML_IMPORT_DRY_RUN, NULL, FALSE, NULL,
                               &preview, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&preview, sizeof preview, &expected, sizeof expected);
  after = serialize_store (fixture->store);
  g_assert_true (g_bytes_equal (before, after));

  /* The import, with progress from 0 to 1. */
  g_assert_true (import_async (fixture, fixture->big, PSI_XML_IMPORT_DEFAULT, NULL, FALSE,
                               fractions, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&summary, sizeof summary, &expected, sizeof expected);
  g_assert_cmpuint (fractions->len, >=, 3);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    {
      double fraction = g_array_index (fractions, double, i);

      g_assert_cmpfloat (fraction, >=, g_array_index (fractions, double, i - 1));
      some_between |= fraction > 0.0 && fraction < 1.0;
    }
  g_assert_true (some_between);

  /* The caller's own connection sees the records the worker committed. */
  g_assert_cmpint (psi_store_count (fixture->store, PSI_RECORD_KIND_AWARD, &error), ==,
                   n_awards + N_AWARDS);
  g_assert_no_error (error);

  g_signal_connect (fixture->store, "external-change", G_CALLBACK (external_change_cb),
                    &n_external);
  psi_store_notify_external_change (fixture->store);
  g_assert_cmpuint (n_external, ==, 1);

  /* Importing again changes nothing: everything is recognised by its uuid. */
  g_assert_true (import_async (fixture, fixture->big, PSI_XML_IMPORT_DRY_RUN, NULL, FALSE, NULL,
                               &preview, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (psi_xml_import_summary_get_n_new (&preview), ==, 0);
  g_assert_cmpuint (psi_xml_import_summary_get_n_changed (&preview), ==, 0);
  g_assert_cmpuint (psi_xml_import_summary_get_n_unchanged (&preview), ==,
                    psi_xml_import_summary_get_n_new (&expected));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) before = serialize_store (fixture->store);
  g_autoptr(GBytes) after = NULL;
  gint64 n_before = count_all (fixture->store);

  g_assert_false (import_async (fixture, fixture->big, PSI_XML_IMPORT_DEFAULT, cancellable, TRUE,
                                fractions, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It was cancelled half-way, not after the end. */
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);

  after = serialize_store (fixture->store);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (count_all (fixture->store), ==, n_before);
}

static void
test_broken (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "broken.xml", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (path);
  g_autoptr(GBytes) before = serialize_store (fixture->store);
  g_autoptr(GBytes) after = NULL;
  gsize length = 0;

  /* The first 60% of a good file: well-formed up to there, then cut off. */
  g_assert_true (g_file_load_contents (fixture->big, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, (gssize) (length * 6 / 10), &error));
  g_assert_no_error (error);

  g_assert_false (import_async (fixture, broken, PSI_XML_IMPORT_DEFAULT, NULL, FALSE, NULL, NULL,
                                &error));
  g_assert_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "broken.xml, line "));

  after = serialize_store (fixture->store);
  g_assert_true (g_bytes_equal (before, after));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "out.xml", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  Waiter waiter = { NULL, NULL, NULL };
  PsiXmlImportSummary summary;
  guint n_records = 0;

  psi_xml_export_file_async (NULL, psi_store_get_path (fixture->store), out, NULL, NULL,
                             export_done_cb, &waiter);
  wait_for (&waiter);
  g_assert_true (psi_xml_export_file_finish (waiter.result, &n_records, &error));
  g_assert_no_error (error);
  g_clear_object (&waiter.result);

  /* Every record written, each counted once; the file reads back as all unchanged. */
  g_assert_cmpint (n_records, ==, count_all (fixture->store));
  g_assert_true (psi_xml_import_file_full (fixture->store, out, PSI_XML_IMPORT_DRY_RUN,
                                           &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (psi_xml_import_summary_get_n_unchanged (&summary), ==, n_records);
  g_assert_cmpuint (psi_xml_import_summary_get_n_new (&summary), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("VALGRIND") != NULL)
    n_awards_big = 4000;

  g_test_add ("/xml/task/import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/xml/task/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/xml/task/broken", Fixture, NULL,
              fixture_set_up, test_broken, fixture_tear_down);
  g_test_add ("/xml/task/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);

  return g_test_run ();
}
