/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-xml: generates records files of N awards (default 1 000, 100 000 and 1 000 000),
 * then times importing each into an empty records file and exporting it again, each next to
 * `xmllint --stream --noout` on the same file in the same run (the libxml2 floor), and reports
 * the peak memory (ru_maxrss) of every step. Each step runs in a process of its own, so that
 * peak memory is that of the step. Timing is never pass/fail; the run fails only when an
 * import or export fails or loses records. */

#define G_LOG_DOMAIN "bench-xml"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psi-store.h"
#include "psi-xml-export.h"
#include "psi-xml-import.h"

#define N_MUNICIPALITIES 1000

static char *sizes_arg = NULL;
static char *phase = NULL;
static char *file_arg = NULL;
static char *db_arg = NULL;
static char *xmllint_arg = NULL;
static gboolean keep = FALSE;

static const GOptionEntry entries[] = {
  { "awards", 0, 0, G_OPTION_ARG_STRING, &sizes_arg,
    "Numbers of awards, comma-separated (default 1000,100000,1000000)", "N[,N…]" },
  { "xmllint", 0, 0, G_OPTION_ARG_FILENAME, &xmllint_arg, "The xmllint to compare with", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated files", NULL },
  { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
  { "file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &file_arg, NULL, NULL },
  { "db", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &db_arg, NULL, NULL },
  { NULL }
};

static char *
uuid_for (char     kind,
          guint64  n)
{
  return g_strdup_printf ("%08x-0000-4000-8%03x-%012" G_GINT64_MODIFIER "x",
                          (guint) kind, (guint) (n >> 48) & 0xfff, n & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* A file in the records format: a region, 1 000 municipalities, a conference, a competition
 * and n awards, each for a municipality. */
static void
generate (const char *path,
          guint64     n)
{
  FILE *f = fopen (path, "w");
  g_autofree char *region = uuid_for ('r', 1);
  g_autofree char *event = uuid_for ('e', 1);
  g_autofree char *competition = uuid_for ('c', 1);

  g_assert_nonnull (f);
  fprintf (f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<psi-records xmlns=\"urn:psi-records:conference:1\" version=\"1\">\n"
              "  <region id=\"%s\">\n"
              "    <name xml:lang=\"en\">Issyk-Kul region</name>\n"
              "    <name xml:lang=\"ru\">Иссык-Кульская область</name>\n"
              "    <name xml:lang=\"ky\">Ысык-Көл облусу</name>\n"
              "  </region>\n", region);
  for (guint i = 0; i < N_MUNICIPALITIES; i++)
    {
      g_autofree char *m = uuid_for ('m', i);

      fprintf (f, "  <municipality id=\"%s\" kind=\"rural\" region=\"%s\" pilot=\"true\">\n"
                  "    <name xml:lang=\"en\">Municipality %u</name>\n"
                  "    <name xml:lang=\"ky\">Муниципалитет %u</name>\n"
                  "  </municipality>\n", m, region, i, i);
    }
  fprintf (f, "  <event id=\"%s\" kind=\"conference\" date=\"2020-12-16\">\n"
              "    <name xml:lang=\"en\">Year-end conference</name>\n"
              "    <participant position=\"head-of-ao\" count=\"26\"/>\n"
              "  </event>\n"
              "  <competition id=\"%s\" event=\"%s\" entrants=\"municipality\">\n"
              "    <name xml:lang=\"en\">Information campaign</name>\n"
              "  </competition>\n", event, competition, event);
  for (guint64 i = 0; i < n; i++)
    {
      g_autofree char *a = uuid_for ('a', i);
      g_autofree char *m = uuid_for ('m', i % N_MUNICIPALITIES);

      fprintf (f, "  <award id=\"%s\" competition=\"%s\" kind=\"winner\" place=\"%u\" "
                  "municipality=\"%s\" certificate=\"true\"/>\n",
               a, competition, (guint) (i % 3) + 1, m);
    }
  fprintf (f, "</psi-records>\n");
  g_assert_cmpint (fclose (f), ==, 0);
}

static double
now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

/* Child steps: print the seconds the step itself took. */
static int
run_phase (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) store = psi_store_open (db_arg, &error);
  g_autoptr(GFile) file = g_file_new_for_path (file_arg);
  double start;

  g_assert_no_error (error);
  start = now ();
  if (g_str_equal (phase, "import"))
    psi_xml_import_file (store, file, &error);
  else if (g_str_equal (phase, "export"))
    psi_xml_export_file (store, file, NULL, NULL, &error);
  else
    g_error ("unknown phase %s", phase);
  if (error != NULL)
    {
      g_printerr ("%s: %s\n", phase, error->message);
      return 1;
    }
  g_print ("%.6f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", now () - start,
           psi_store_count (store, PSI_RECORD_KIND_AWARD, NULL),
           (gint64) sqlite3_memory_highwater (0));
  return 0;
}

typedef struct
{
  double  wall;      /* seconds, measured here */
  double  inner;     /* seconds the step reported, or wall */
  long    max_kb;    /* peak resident memory of the step */
  gint64  awards;
  gint64  sqlite_bytes;   /* SQLite's own peak (its page cache is up to 64 MiB) */
} Step;

static Step
run_step (const char * const *argv)
{
  Step step = { 0, };
  int fds[2];
  struct rusage usage;
  int status;
  double start = now ();
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      execv (argv[0], (char **) argv);
      _exit (127);
    }
  close (fds[1]);

  {
    char buffer[256] = { 0, };
    ssize_t n = read (fds[0], buffer, sizeof buffer - 1);

    close (fds[0]);
    g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
    step.wall = now () - start;
    if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
      g_error ("%s failed", argv[0]);
    step.inner = step.wall;
    if (n > 0 && buffer[0] != '\0')
      sscanf (buffer, "%lf %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &step.inner, &step.awards,
              &step.sqlite_bytes);
  }
  step.max_kb = usage.ru_maxrss;
  return step;
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (double) st.st_size / (1024.0 * 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— XML import and export speed");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sizes = NULL;
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  const char *xmllint;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (phase != NULL)
    return run_phase ();

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  xmllint = xmllint_arg != NULL ? xmllint_arg : g_getenv ("XMLLINT");
  if (xmllint == NULL || *xmllint == '\0')
    g_error ("give --xmllint PATH (libxml2-utils)");

  dir = g_dir_make_tmp ("psi-bench-xml-XXXXXX", &error);
  g_assert_no_error (error);
  sizes = g_strsplit (sizes_arg != NULL ? sizes_arg : "1000,100000,1000000", ",", -1);

  g_print ("%9s %8s | %9s %9s %7s %9s | %9s %9s %7s %9s | %10s %9s %10s %9s %10s\n",
           "awards", "file MB", "import s", "xmllint s", "ratio", "awards/s",
           "export s", "xmllint s", "ratio", "awards/s", "import MB", "(SQLite)", "export MB",
           "(SQLite)", "xmllint MB");

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint64 n = g_ascii_strtoull (sizes[i], NULL, 10);
      g_autofree char *name = g_strdup_printf ("awards-%" G_GUINT64_FORMAT, n);
      g_autofree char *xml = g_build_filename (dir, "in.xml", NULL);
      g_autofree char *out = g_build_filename (dir, "out.xml", NULL);
      g_autofree char *db = g_build_filename (dir, "records.db", NULL);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      Step import, lint_in, export, lint_out;

      generate (xml, n);

      {
        const char *a[] = { self, "--phase", "import", "--file", xml, "--db", db, NULL };
        import = run_step (a);
      }
      if ((guint64) import.awards != n)
        g_error ("imported %" G_GINT64_FORMAT " awards of %" G_GUINT64_FORMAT, import.awards, n);
      {
        const char *a[] = { xmllint, "--stream", "--noout", xml, NULL };
        lint_in = run_step (a);
      }
      {
        const char *a[] = { self, "--phase", "export", "--file", out, "--db", db, NULL };
        export = run_step (a);
      }
      {
        const char *a[] = { xmllint, "--stream", "--noout", out, NULL };
        lint_out = run_step (a);
      }

      g_print ("%9" G_GUINT64_FORMAT " %8.1f | %9.3f %9.3f %7.1f %9.0f | %9.3f %9.3f %7.1f %9.0f "
               "| %10.1f %9.1f %10.1f %9.1f %10.1f\n",
               n, file_mb (xml),
               import.inner, lint_in.wall, import.inner / lint_in.wall, (double) n / import.inner,
               export.inner, lint_out.wall, export.inner / lint_out.wall,
               (double) n / export.inner,
               import.max_kb / 1024.0, import.sqlite_bytes / 1048576.0,
               export.max_kb / 1024.0, export.sqlite_bytes / 1048576.0,
               MAX (lint_in.max_kb, lint_out.max_kb) / 1024.0);

      if (!keep)
        {
          g_unlink (xml);
          g_unlink (out);
          g_unlink (db);
          g_unlink (wal);
          g_unlink (shm);
        }
    }

  if (!keep)
    g_rmdir (dir);
  else
    g_print ("files kept in %s\n", dir);

  return 0;
}
