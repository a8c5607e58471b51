/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The command line of the built psi-records: --version, --help and --check run without a
 * display and exit with a status a script can test. */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "psi-test-files.h"

typedef struct
{
  char *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("psi-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  psi_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

/* Runs psi-records with args in English; returns the exit status. */
static int
run (const char * const  *args,
     char               **out,
     char               **err)
{
  const char *exe = g_getenv ("PSI_RECORDS");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (exe);
  g_assert_true (g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE));

  g_ptr_array_add (argv, (char *) exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  /* No display: these options must not need one. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, PACKAGE_VERSION));
  g_assert_nonnull (strstr (out, "PSI Records"));
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--database"));
  g_assert_nonnull (strstr (out, "--check"));
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "--export"));
  g_assert_nonnull (strstr (out, "--import"));
  g_assert_nonnull (strstr (out, "--dry-run"));
}

static void
test_check_new (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "sub", "records.db", NULL);
  const char *args[] = { "--database", path, "--check", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (args, &out, &err), ==, 0);

  /* A new file is created, gets the sample conference, and the report counts it. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (out, "Schema version: "));
  g_assert_nonnull (strstr (out, "Municipalities: 16\n"));
  g_assert_nonnull (strstr (out, "Clusters: 5\n"));
  g_assert_nonnull (strstr (out, "Events: 1\n"));
  g_assert_nonnull (strstr (out, "Competitions: 2\n"));
  g_assert_cmpstr (err, ==, "");

  /* A second check of the same file gives the same counts (nothing loaded twice). */
  {
    g_autofree char *out2 = NULL, *err2 = NULL;

    g_assert_cmpint (run (args, &out2, &err2), ==, 0);
    g_assert_cmpstr (out2, ==, out);
  }
}

static void
test_check_not_a_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  const char *args[] = { "--database", path, "--check", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "These are my notes, not a records file. They are long enough to fill "
                     "more than the first hundred bytes of the file, where SQLite looks for "
                     "its header.\n";

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (args, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, path));
  g_assert_cmpstr (out, ==, "");

  /* The file was left alone. */
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (path, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (contents, ==, text);
  }
}

static void
test_check_unwritable (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *args[] = { "--database", "/proc/psi-records/records.db", "--check", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (args, &out, &err), !=, 0);
  g_assert_cmpstr (err, !=, "");
}

static char *
contents_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* --export, then --import into a new file, --dry-run, and --export again: the same bytes. */
static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  g_autofree char *copy = g_build_filename (fixture->tmpdir, "copy", "records.db", NULL);
  g_autofree char *xml = g_build_filename (fixture->tmpdir, "records.xml", NULL);
  g_autofree char *xml2 = g_build_filename (fixture->tmpdir, "again.xml", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *first = NULL, *second = NULL;

  {
    const char *create[] = { "--database", db, "--check", NULL };
    const char *args[] = { "--database", db, "--export", xml, NULL };

    /* --check makes the file with the sample conference, as the window would */
    g_assert_cmpint (run (create, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    first = contents_of (xml);
    g_assert_true (g_str_has_prefix (first, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<psi-records xmlns=\"urn:psi-records:conference:1\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* a dry run into a new file changes nothing in it */
  {
    const char *args[] = { "--database", copy, "--import", xml, "--dry-run", NULL };
    const char *check[] = { "--database", copy, "--export", xml2, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "dry run"));
    g_assert_nonnull (strstr (out, "Municipalities: new 16, changed 0, unchanged 0\n"));
    g_assert_nonnull (strstr (out, "All records: new 46, changed 0, unchanged 0\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (check, &out, &err), ==, 0);
    second = contents_of (xml2);
    g_assert_null (strstr (second, "<municipality"));
    g_clear_pointer (&second, g_free);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *args[] = { "--database", copy, "--import", xml, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_nonnull (strstr (out, "All records: new 46, changed 0, unchanged 0\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* again: recognised by the ids, nothing added */
    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "All records: new 0, changed 0, unchanged 46\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *args[] = { "--database", copy, "--export", xml2, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    second = contents_of (xml2);
    g_assert_cmpstr (first, ==, second);
  }
}

static void
test_import_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  g_autofree char *xml = g_build_filename (fixture->tmpdir, "records.xml", NULL);
  g_autofree char *xml2 = g_build_filename (fixture->tmpdir, "after.xml", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *export_before[] = { "--database", db, "--export", xml2, NULL };
  const char *import[] = { "--database", db, "--import", xml, NULL };
  const char *create[] = { "--database", db, "--check", NULL };

  g_assert_cmpint (run (create, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (export_before, &out, &err), ==, 0);
  before = contents_of (xml2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_file_set_contents (xml,
                       "<?xml version=\"1.0\"?>\n"
                       "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
                       "  <region id=\"0b5c7a02-3c53-4c1e-9d2a-8f1e2b3c4d5e\">"
                       "<name xml:lang=\"en\">Chui</name></region>\n"
                       "  <award id=\"5d0c2f4e-8a57-4f0e-b6c2-1d7e9a3b6c80\" kind=\"winner\"/>\n"
                       "</psi-records>\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (import, &out, &err), !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "records.xml, line 4, column 3: <award> has no “competition” "
                                 "attribute\n"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a file that does not exist */
  {
    const char *missing[] = { "--database", db, "--import", "/nonexistent/records.xml", NULL };

    g_assert_cmpint (run (missing, &out, &err), !=, 0);
    g_assert_cmpstr (err, !=, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (run (export_before, &out, &err), ==, 0);
  after = contents_of (xml2);
  g_assert_nonnull (strstr (after, "Teplokluchenka"));
  g_assert_cmpstr (before, ==, after);
}

static void
test_xml_usage (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  const char *dry_alone[] = { "--database", db, "--dry-run", NULL };
  const char *both[] = { "--database", db, "--import", "a.xml", "--export", "b.xml", NULL };
  const char *unwritable[] = { "--database", db, "--export", "/proc/psi-records/out.xml", NULL };
  const char *no_event[] = { "--database", db, "--export", "x.xml", "--event",
                             "9f1d8c77-0000-4abc-8def-123456789abc", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (dry_alone, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--import"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (both, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (unwritable, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "out.xml"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (no_event, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "9f1d8c77-0000-4abc-8def-123456789abc"));
}

/* --search: every line is a kind and three names, separated by tabs */
static void
assert_search_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (lines[n - 1], ==, "");   /* ends with a line break */
  for (guint i = 0; i + 1 < n; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpstr (fields[0], !=, "");
    }
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "records.db", NULL);
  const char *check[] = { "--database", path, "--check", NULL };
  g_autofree char *out = NULL, *err = NULL;

  /* The sample conference, as the window makes it */
  g_assert_cmpint (run (check, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Latin finds Cyrillic and Kyrgyz, and back; awards by their recipient */
  {
    const char *args[] = { "--database", path, "--search", "tepl", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    assert_search_lines (out);
    g_assert_nonnull (strstr (out, "Municipality\tTeplokluchenka\tТеплоключенка\t"
                                   "Теплоключенка\n"));
    g_assert_nonnull (strstr (out, "Cluster\tTeplokluchenka cluster\tКластер Теплоключенка\t"
                                   "Теплоключенка кластери\n"));
    g_assert_nonnull (strstr (out, "Award\tTeplokluchenka\t"));
    g_assert_null (strstr (out, "Beshik"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--database", path, "--search", "бешик", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    assert_search_lines (out);
    g_assert_nonnull (strstr (out, "Municipality\tBeshik-Jon\tБешик-Жон\tБешик-Жон\n"));
    g_assert_nonnull (strstr (out, "Award\tBeshik-Jon\tБешик-Жон\tБешик-Жон\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--database", path, "--search", "кенеш", NULL };
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    assert_search_lines (out);
    /* Кеңеш, the municipality, its cluster and the cluster's award: nothing else */
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_nonnull (strstr (out, "Municipality\tKenesh\tКенеш\tКеңеш\n"));
    g_assert_nonnull (strstr (out, "Cluster\tKenesh cluster\tКластер Кенеш\tКеңеш кластери\n"));
    g_assert_nonnull (strstr (out, "Award\tKenesh cluster\t"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* A competition's name finds its awards; an award without names shows its title */
  {
    const char *args[] = { "--database", path, "--search", "Коммуналдык", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    assert_search_lines (out);
    g_assert_nonnull (strstr (out, "Competition\tInformation campaign"));
    g_assert_nonnull (strstr (out, "Award\tMasy\tМасы\tМасы\n"));
    g_assert_nonnull (strstr (out, "Award\t20 recipients\t\t\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* Nothing found: nothing printed, still a success */
  {
    const char *args[] = { "--database", path, "--search", "qwerty", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, "");
    g_assert_cmpstr (err, ==, "");
  }
}

static void
test_search_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "missing.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  /* A file that does not exist is not created */
  {
    const char *args[] = { "--database", missing, "--search", "kenesh", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, missing));
    g_assert_cmpstr (out, ==, "");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* Not a records file */
  {
    const char *args[] = { "--database", notes, "--search", "kenesh", NULL };
    const char *text = "Notes, not records: long enough to fill the hundred bytes of header "
                       "that SQLite reads first, so that it can tell.\n";

    g_file_set_contents (notes, text, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, notes));
    g_assert_cmpstr (out, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* Nothing to search for */
  {
    const char *args[] = { "--database", missing, "--search", " !? ", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "!?"));
    g_assert_cmpstr (out, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* --help tells of it */
  {
    const char *args[] = { "--help", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "--search=TEXT"));
  }
}

/* Backups: XDG_DATA_HOME is a folder of the test, so that the automatic backups land there. */
static char *
use_own_data_home (Fixture *fixture)
{
  char *data = g_build_filename (fixture->tmpdir, "data", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  return data;
}

static guint
count_lines_with (const char *text,
                  const char *word)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], word) != NULL)
      n++;
  return n;
}

/* The path printed between the last pair of quotes of a line containing word. */
static char *
quoted_path_after (const char *text,
                   const char *word)
{
  const char *line = strstr (text, word);
  const char *open, *close;

  g_assert_nonnull (line);
  open = strstr (line, "“");
  g_assert_nonnull (open);
  open += strlen ("“");
  close = strstr (open, "”");
  g_assert_nonnull (close);
  return g_strndup (open, close - open);
}

/* --backup, then --restore of a backup of an empty file and back again, --list-backups. */
static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *home = use_own_data_home (fixture);
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  g_autofree char *empty = g_build_filename (fixture->tmpdir, "empty.db", NULL);
  g_autofree char *xml = g_build_filename (fixture->tmpdir, "records.xml", NULL);
  g_autofree char *xml2 = g_build_filename (fixture->tmpdir, "again.xml", NULL);
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "sample.sqlite3", NULL);
  g_autofree char *empty_backup = g_build_filename (fixture->tmpdir, "empty.sqlite3", NULL);
  g_autofree char *previous = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *out = NULL, *err = NULL;

  {
    const char *create[] = { "--database", db, "--check", NULL };
    const char *export[] = { "--database", db, "--export", xml, NULL };
    const char *args[] = { "--database", db, "--backup", backup, NULL };

    g_assert_cmpint (run (create, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (export, &out, &err), ==, 0);
    first = contents_of (xml);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_nonnull (strstr (out, backup));
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* No daily backup from the command line, and --check made none */
  {
    const char *args[] = { "--database", db, "--list-backups", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "There are no backups"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* An empty records file (--export makes one without the sample), backed up */
  {
    const char *make[] = { "--database", empty, "--export", xml2, NULL };
    const char *args[] = { "--database", empty, "--backup", empty_backup, NULL };

    g_assert_cmpint (run (make, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Restoring the empty one empties the records file, after a backup of it */
  {
    const char *args[] = { "--database", db, "--restore", empty_backup, NULL };
    const char *export[] = { "--database", db, "--export", xml2, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_nonnull (strstr (out, "Restored"));
    previous = quoted_path_after (out, "backed up to");
    g_assert_true (g_str_has_prefix (previous, home));
    g_assert_true (g_file_test (previous, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (export, &out, &err), ==, 0);
    second = contents_of (xml2);
    g_assert_null (strstr (second, "<municipality"));
    g_clear_pointer (&second, g_free);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* --list-backups shows it, valid, with what it holds */
  {
    const char *args[] = { "--database", db, "--list-backups", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpuint (count_lines_with (out, previous), ==, 1);
    g_assert_nonnull (strstr (out, "Before a restore"));
    g_assert_nonnull (strstr (out, "\t46 records\t"));
    g_assert_nonnull (strstr (out, "\tvalid\t"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* And back: the same XML as at first */
  {
    const char *args[] = { "--database", db, "--restore", previous, NULL };
    const char *export[] = { "--database", db, "--export", xml2, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (export, &out, &err), ==, 0);
    second = contents_of (xml2);
    g_assert_cmpstr (first, ==, second);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *args[] = { "--database", db, "--list-backups", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpuint (count_lines_with (out, "Before a restore"), ==, 2);
  }
}

/* A records file that does not open is restored all the same; the damaged one is kept. */
static void
test_backup_damaged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *home = use_own_data_home (fixture);
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "backup.sqlite3", NULL);
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  {
    const char *create[] = { "--database", db, "--check", NULL };
    const char *args[] = { "--database", db, "--backup", backup, NULL };

    g_assert_cmpint (run (create, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_file_set_contents (db, "this is no longer a database", -1, &error);
  g_assert_no_error (error);

  {
    const char *args[] = { "--database", db, "--restore", backup, NULL };
    const char *check[] = { "--database", db, "--check", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Restored"));
    aside = quoted_path_after (out, "damaged records file was kept as");
    kept = contents_of (aside);
    g_assert_cmpstr (kept, ==, "this is no longer a database");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (check, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Municipalities: 16\n"));
  }
}

/* Refusals name the file, exit 1 and change nothing. */
static void
test_backup_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *home = use_own_data_home (fixture);
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->tmpdir, "missing", "b.sqlite3", NULL);
  g_autofree char *missing_db = g_build_filename (fixture->tmpdir, "none.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  {
    const char *create[] = { "--database", db, "--check", NULL };

    g_assert_cmpint (run (create, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  g_file_set_contents (notes, "Dear diary,\n", -1, &error);
  g_assert_no_error (error);
  before = contents_of (db);

  {
    const char *args[] = { "--database", db, "--restore", notes, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "notes.txt"));
    g_assert_nonnull (strstr (err, "Nothing was restored"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--database", db, "--backup", nowhere, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "b.sqlite3"));
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--database", missing_db, "--backup", notes, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "none.db"));
    g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--database", db, "--backup", db, NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "records file itself"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  after = contents_of (db);
  g_assert_cmpstr (before, ==, after);
  {
    const char *args[] = { "--database", db, "--list-backups", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "There are no backups"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Wrong combinations: 2 */
  {
    const char *both[] = { "--database", db, "--backup", notes, "--restore", notes, NULL };
    const char *with_import[] = { "--database", db, "--list-backups", "--import", notes, NULL };

    g_assert_cmpint (run (both, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (with_import, &out, &err), ==, 2);
  }
}

/* --import backs up first (reason import); --dry-run does not. */
static void
test_backup_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *home = use_own_data_home (fixture);
  g_autofree char *db = g_build_filename (fixture->tmpdir, "records.db", NULL);
  g_autofree char *xml = g_build_filename (fixture->tmpdir, "records.xml", NULL);
  g_autofree char *out = NULL, *err = NULL;

  {
    const char *create[] = { "--database", db, "--check", NULL };
    const char *export[] = { "--database", db, "--export", xml, NULL };
    const char *dry[] = { "--database", db, "--import", xml, "--dry-run", NULL };
    const char *list[] = { "--database", db, "--list-backups", NULL };

    g_assert_cmpint (run (create, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (export, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (dry, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (list, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "There are no backups"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--database", db, "--import", xml, NULL };
    const char *list[] = { "--database", db, "--list-backups", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (list, &out, &err), ==, 0);
    g_assert_cmpuint (count_lines_with (out, "Before an import"), ==, 1);
    g_assert_cmpuint (count_lines_with (out, home), ==, 1);
    g_assert_nonnull (strstr (out, "\tvalid\t"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/version", Fixture, NULL, fixture_setup, test_version, fixture_teardown);
  g_test_add ("/cli/help", Fixture, NULL, fixture_setup, test_help, fixture_teardown);
  g_test_add ("/cli/check/new-file", Fixture, NULL,
              fixture_setup, test_check_new, fixture_teardown);
  g_test_add ("/cli/check/not-a-database", Fixture, NULL,
              fixture_setup, test_check_not_a_database, fixture_teardown);
  g_test_add ("/cli/check/unwritable", Fixture, NULL,
              fixture_setup, test_check_unwritable, fixture_teardown);

  g_test_add ("/cli/xml/export-import", Fixture, NULL,
              fixture_setup, test_export_import, fixture_teardown);
  g_test_add ("/cli/xml/import-refused", Fixture, NULL,
              fixture_setup, test_import_refused, fixture_teardown);
  g_test_add ("/cli/xml/usage", Fixture, NULL,
              fixture_setup, test_xml_usage, fixture_teardown);

  g_test_add ("/cli/search/sample", Fixture, NULL,
              fixture_setup, test_search, fixture_teardown);
  g_test_add ("/cli/search/refused", Fixture, NULL,
              fixture_setup, test_search_refused, fixture_teardown);

  g_test_add ("/cli/backup/backup-restore", Fixture, NULL,
              fixture_setup, test_backup_restore, fixture_teardown);
  g_test_add ("/cli/backup/damaged", Fixture, NULL,
              fixture_setup, test_backup_damaged, fixture_teardown);
  g_test_add ("/cli/backup/refused", Fixture, NULL,
              fixture_setup, test_backup_refused, fixture_teardown);
  g_test_add ("/cli/backup/import", Fixture, NULL,
              fixture_setup, test_backup_import, fixture_teardown);

  return g_test_run ();
}
