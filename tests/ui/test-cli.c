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
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->tmpdir);
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

  return g_test_run ();
}
