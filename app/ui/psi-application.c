/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "psi-application.h"

#include "psi-certificate-sign.h"
#include "psi-certificate-xml.h"
#include "psi-format.h"
#include "psi-interface-language.h"
#include "psi-open-error-dialog.h"
#include "psi-record-list.h"
#include "psi-sample.h"
#include "psi-store-backup.h"
#include "psi-ui-scope.h"
#include "psi-window.h"
#include "psi-xml-export.h"
#include "psi-xml-import.h"

struct _PsiApplication
{
  GtkApplication  parent_instance;

  char           *database;
  PsiStore       *store;
  GSettings      *settings;
  /* --language: the language of this run, not saved */
  char           *language;
};

G_DEFINE_FINAL_TYPE (PsiApplication, psi_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the records file PATH instead of the default one"),
    /* Translators: the placeholder of the --database option in --help (a file path) */
    N_("PATH") },
  { "check", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Check the records file, print what it holds and exit"), NULL },
  { "export", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the records to the XML file FILE and exit"),
    /* Translators: the placeholder of the --export and --import options in --help */
    N_("FILE") },
  { "event", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: write only the event with this id and what is linked to it (may be "
       "given more than once)"),
    /* Translators: the placeholder of the --event option in --help (a record id) */
    N_("UUID") },
  { "import", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the records of the XML file FILE into the records file and exit"),
    N_("FILE") },
  { "dry-run", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --import: report what would change, change nothing"), NULL },
  { "language", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Show the interface in LANGUAGE for this run: ky, ru or en"),
    /* Translators: the placeholder of the --language option in --help */
    N_("LANGUAGE") },
  { "search", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Print the records whose names contain TEXT, in any of the three languages and "
       "scripts, and exit"),
    /* Translators: the placeholder of the --search option in --help (what to search for) */
    N_("TEXT") },
  { "export-certificates", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every award certificate, signed, to the folder DIR (issuing those not issued "
       "yet), with the public key to check them, and exit"),
    /* Translators: the placeholder of the --export-certificates option in --help (a folder) */
    N_("DIR") },
  { "verify-certificate", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Check the signature of the certificate file FILE and exit: 0 only when it is valid"),
    N_("FILE") },
  { "public-key", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("With --verify-certificate: check against the public key in KEY (PEM) instead of this "
       "installation's own key"),
    /* Translators: the placeholder of the --public-key option in --help (a PEM file) */
    N_("KEY") },
  { "backup", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a backup of the records file to FILE and exit"),
    N_("FILE") },
  { "restore", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace the records with those of the backup FILE (after backing up the current ones) "
       "and exit"),
    N_("FILE") },
  { "list-backups", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the automatic backups of the records file and exit"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static char *
dup_database_path (PsiApplication *self)
{
  if (self->database != NULL)
    return g_strdup (self->database);
  return psi_sample_default_path ();
}

static PsiStore *
open_store (const char  *path,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* The default file lives in a folder that may not exist yet. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  return psi_sample_open_store (path, error);
}

/* --check: prints the schema version and what the file holds; 0 when it is sound. */
static int
run_check (PsiApplication *self)
{
  static const PsiRecordKind kinds[] = {
    PSI_RECORD_KIND_EVENT,
    PSI_RECORD_KIND_COMPETITION,
    PSI_RECORD_KIND_AWARD,
    PSI_RECORD_KIND_REGION,
    PSI_RECORD_KIND_DISTRICT,
    PSI_RECORD_KIND_MUNICIPALITY,
    PSI_RECORD_KIND_CLUSTER,
    PSI_RECORD_KIND_ORGANISATION,
    PSI_RECORD_KIND_OFFICIAL,
    PSI_RECORD_KIND_AGREEMENT,
  };
  g_autofree char *path = dup_database_path (self);
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  store = open_store (path, &error);
  if (store == NULL || !psi_store_check_integrity (store, &error))
    {
      /* Translators: %s is a file name, the second %s why it cannot be used */
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }

  /* Translators: the first line of the --check report; %s is a file name */
  g_string_append_printf (report, _("Records file: %s\n"), path);
  /* Translators: in the --check report; %d is a number */
  g_string_append_printf (report, _("Schema version: %d\n"),
                          psi_store_get_schema_version (store));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gint64 count = psi_store_count (store, kinds[i], &error);

      if (count < 0 || error != NULL)
        {
          g_printerr (_("The records file “%s” is not usable: %s\n"), path,
                      error != NULL ? error->message : _("cannot count its records"));
          return EXIT_FAILURE;
        }

      /* Translators: a line of the --check report, "Municipalities: 16"; %s is the kind of
       * record, the number follows */
      g_string_append_printf (report, _("%s: "), psi_format_kind_plural (kinds[i]));
      g_string_append_printf (report, "%" G_GINT64_FORMAT "\n", count);
    }

  g_print ("%s", report->str);
  return EXIT_SUCCESS;
}

/* The command line waits for another writer (the window, another import) for up to ten
 * minutes instead of failing after a few seconds, and says once that it waits. */
#define CLI_BUSY_TIMEOUT_MS (10 * 60 * 1000)

static void
cli_wait_cb (PsiStore *store,
             gpointer  user_data)
{
  static gboolean said;
  g_autofree char *display = NULL;

  if (said)
    return;
  said = TRUE;
  display = g_filename_display_name (psi_store_get_path (store));
  g_printerr (_("Waiting for another PSI Records to finish writing “%s”…\n"), display);
}

/* The records file for --import and --export: created when missing, but never filled with the
 * sample conference, which is for the window's first start. */
static PsiStore *
open_store_for_xml (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  PsiStore *store;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  store = psi_store_open (path, error);
  if (store != NULL)
    psi_store_set_busy_wait (store, CLI_BUSY_TIMEOUT_MS, cli_wait_cb, NULL, NULL);
  return store;
}

/* --export FILE [--event UUID…] */
static int
run_export (PsiApplication      *self,
            const char          *target,
            const char * const  *events)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);
  g_autofree char *display = g_file_get_parse_name (file);
  g_autoptr(GArray) event_ids = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_database_path (self);

  store = open_store_for_xml (path, &error);
  if (store == NULL)
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }

  if (events != NULL && events[0] != NULL)
    {
      event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; events[i] != NULL; i++)
        {
          g_autofree char *uuid = g_ascii_strdown (events[i], -1);
          g_autoptr(PsiRecord) event = NULL;
          gint64 id;

          event = g_uuid_string_is_valid (uuid)
                  ? psi_store_load_by_uuid (store, PSI_RECORD_KIND_EVENT, uuid, NULL) : NULL;
          if (event == NULL)
            {
              /* Translators: %s is what was given to --event (the id of an event) */
              g_printerr (_("There is no event with the id “%s” in the records file.\n"),
                          events[i]);
              return EXIT_FAILURE;
            }
          id = psi_record_get_id (event);
          g_array_append_val (event_ids, id);
        }
    }

  if (!psi_xml_export_file (store, file, event_ids, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Translators: printed by --export; the first %s is an XML file, the second the records
   * file */
  g_print (_("Wrote “%s” from “%s”.\n"), display, path);
  return EXIT_SUCCESS;
}

/* --export-certificates DIR */
static int
run_export_certificates (PsiApplication *self,
                         const char     *target)
{
  g_autoptr(GFile) dir = g_file_new_for_commandline_arg (target);
  g_autofree char *display = g_file_get_parse_name (dir);
  g_autofree char *path = dup_database_path (self);
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  store = open_store_for_xml (path, &error);
  if (store == NULL)
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }
  if (!psi_certificate_xml_export_dir (store, dir, 0, NULL, &n, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  /* Translators: printed by --export-certificates; %u is a count, %s a folder */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u certificate to “%s”.\n",
                        "Wrote %u certificates to “%s”.\n", n), n, display);
  return EXIT_SUCCESS;
}

/* --verify-certificate FILE [--public-key KEY] */
static int
run_verify_certificate (const char *source,
                        const char *public_key)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
  g_autofree char *display = g_file_get_parse_name (file);
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GError) error = NULL;
  PsiCertificateVerdict verdict;

  if (public_key != NULL)
    {
      char *contents = NULL;
      gsize size;

      if (!g_file_get_contents (public_key, &contents, &size, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      pem = g_bytes_new_take (contents, size);
    }
  else
    {
      g_autofree char *key_path = psi_certificate_sign_dup_default_key_path ();

      pem = psi_certificate_sign_dup_public_pem (key_path, &error);
      if (pem == NULL)
        {
          /* Translators: %s is the reason; keep --public-key */
          g_printerr (_("There is no signing key of this installation to check against (%s). "
                        "Give the signer's public key with --public-key.\n"), error->message);
          return EXIT_FAILURE;
        }
    }

  if (!psi_certificate_verify_file (file, pem, &verdict, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  switch (verdict)
    {
    case PSI_CERTIFICATE_VALID:
      /* Translators: printed by --verify-certificate; %s is a file name */
      g_print (_("%s: valid: the signature is intact and made with the known key.\n"), display);
      return EXIT_SUCCESS;
    case PSI_CERTIFICATE_MODIFIED:
      /* Translators: printed by --verify-certificate; %s is a file name */
      g_print (_("%s: modified: the file was changed after it was signed.\n"), display);
      break;
    case PSI_CERTIFICATE_UNKNOWN_KEY:
      /* Translators: printed by --verify-certificate; %s is a file name */
      g_print (_("%s: signed by an unknown key.\n"), display);
      break;
    case PSI_CERTIFICATE_UNSIGNED:
    default:
      /* Translators: printed by --verify-certificate; %s is a file name */
      g_print (_("%s: not signed.\n"), display);
      break;
    }
  return EXIT_FAILURE;
}

/* --backup FILE */
static int
run_backup (PsiApplication *self,
            const char     *target)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);
  g_autofree char *dest = g_file_get_path (file);
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *path = dup_database_path (self);
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file name */
      g_printerr (_("There is no records file “%s” to back up.\n"), path);
      return EXIT_FAILURE;
    }
  store = psi_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }
  if (dest == NULL || !psi_store_backup_to_file (store, dest != NULL ? dest : target, &error))
    {
      g_printerr ("%s\n", error != NULL ? error->message : display);
      return EXIT_FAILURE;
    }

  /* Translators: printed by --backup; the first %s is the records file, the second the
   * backup */
  g_print (_("Wrote a backup of “%s” to “%s”.\n"), path, display);
  return EXIT_SUCCESS;
}

/* --restore FILE: online into a file that opens; a damaged or missing one is replaced. */
static int
run_restore (PsiApplication *self,
             const char     *source)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
  g_autofree char *backup = g_file_get_path (file);
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *path = dup_database_path (self);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *previous = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (backup == NULL)
    {
      /* Translators: %s is what was given to --restore */
      g_printerr (_("“%s” is not a local file.\n"), display);
      return EXIT_FAILURE;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    store = psi_store_open (path, &error);

  if (store != NULL)
    {
      if (!psi_store_restore_from_file (store, backup, &previous, &error))
        {
          g_printerr ("%s\n", error->message);
          /* Translators: printed by --restore after the reason it failed */
          g_printerr (_("Nothing was restored; the records file is unchanged.\n"));
          return EXIT_FAILURE;
        }
      /* Translators: printed by --restore; the first %s is the records file, the second the
       * backup */
      g_print (_("Restored “%s” from “%s”.\n"), path, display);
      /* Translators: printed by --restore; %s is a file name */
      g_print (_("The records it held before were backed up to “%s”.\n"), previous);
      return EXIT_SUCCESS;
    }

  /* A file that cannot be opened because it is damaged (or no file at all) is replaced by a
   * copy of the backup; the damaged one is kept aside. Other problems (a newer file, no
   * permission) are left for the user to see. */
  if (error != NULL && !g_error_matches (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT))
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      g_printerr (_("Nothing was restored; the records file is unchanged.\n"));
      return EXIT_FAILURE;
    }
  g_clear_error (&error);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_printerr (_("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      g_printerr ("\n");
      return EXIT_FAILURE;
    }
  if (!psi_backup_restore_damaged_file (path, backup, &damaged, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Nothing was restored; the records file is unchanged.\n"));
      return EXIT_FAILURE;
    }
  g_print (_("Restored “%s” from “%s”.\n"), path, display);
  if (damaged != NULL)
    /* Translators: printed by --restore; %s is a file name */
    g_print (_("The damaged records file was kept as “%s”.\n"), damaged);

  /* Brings an older backup up to this version (after a backup of it, as for any update). */
  store = psi_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

/* --list-backups: a line each, newest first: date, reason, size, records, state, file. */
static int
run_list_backups (PsiApplication *self)
{
  g_autofree char *path = dup_database_path (self);
  g_autofree char *dir = psi_backup_dup_directory ();
  g_autoptr(GListModel) backups = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  backups = psi_backup_list_for_database (path, &error);
  if (backups == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  n = g_list_model_get_n_items (backups);
  if (n == 0)
    {
      /* Translators: printed by --list-backups; the first %s is the records file, the second
       * the folder of backups */
      g_print (_("There are no backups of “%s” in “%s”.\n"), path, dir);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiBackupInfo) info = g_list_model_get_item (backups, i);
      g_autofree char *date = g_date_time_format (psi_backup_info_get_created (info),
                                                  "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (psi_backup_info_get_size (info));
      gint64 total = psi_backup_info_get_total (info);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, total);
      g_autofree char *records = NULL;
      const char *state;

      /* Translators: in the --list-backups output: how many records a backup holds; %s is a
       * number */
      records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records",
                                              total), number);
      state = psi_backup_info_get_valid (info)
        /* Translators: in the --list-backups output: the backup can be restored */
        ? _("valid")
        : psi_backup_info_get_problem (info);
      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", date,
               psi_backup_reason_get_label (psi_backup_info_get_reason (info)), size, records,
               state, psi_backup_info_get_path (info));
    }
  return EXIT_SUCCESS;
}

/* --import FILE [--dry-run] */
static int
run_import (PsiApplication *self,
            const char     *source,
            gboolean        dry_run)
{
  static const PsiRecordKind kinds[] = {
    PSI_RECORD_KIND_EVENT,
    PSI_RECORD_KIND_COMPETITION,
    PSI_RECORD_KIND_AWARD,
    PSI_RECORD_KIND_REGION,
    PSI_RECORD_KIND_DISTRICT,
    PSI_RECORD_KIND_MUNICIPALITY,
    PSI_RECORD_KIND_CLUSTER,
    PSI_RECORD_KIND_ORGANISATION,
    PSI_RECORD_KIND_OFFICIAL,
    PSI_RECORD_KIND_AGREEMENT,
  };
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
  g_autofree char *display = g_file_get_parse_name (file);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_database_path (self);
  PsiXmlImportSummary summary;

  store = open_store_for_xml (path, &error);
  if (store == NULL)
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }

  /* A real import is preceded by a backup (an empty file has nothing to keep). */
  if (!dry_run && !psi_store_is_empty (store))
    {
      g_autofree char *backup = psi_store_backup_auto (store, PSI_BACKUP_REASON_IMPORT, &error);

      if (backup == NULL)
        {
          /* Translators: printed by --import; %s is why no backup could be made */
          g_printerr (_("Nothing was imported, because the records file could not be backed up "
                        "first: %s\n"), error->message);
          return EXIT_FAILURE;
        }
    }

  if (!psi_xml_import_file_full (store, file,
                                 dry_run ? PSI_XML_IMPORT_DRY_RUN : PSI_XML_IMPORT_DEFAULT,
                                 &summary, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      /* Translators: printed by --import after the reason it failed */
      g_printerr (_("Nothing was imported; the records file is unchanged.\n"));
      return EXIT_FAILURE;
    }

  if (dry_run)
    /* Translators: the first line of the --import --dry-run report; the first %s is an XML
     * file, the second the records file */
    g_string_append_printf (report, _("Importing “%s” into “%s” would change this (dry run, "
                                      "nothing was changed):\n"), display, path);
  else
    /* Translators: the first line of the --import report; the first %s is an XML file, the
     * second the records file */
    g_string_append_printf (report, _("Imported “%s” into “%s”:\n"), display, path);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      PsiRecordKind kind = kinds[i];

      if (summary.n_new[kind] + summary.n_changed[kind] + summary.n_unchanged[kind] == 0)
        continue;

      /* Translators: a line of the --import report, "Municipalities: new 1, changed 2,
       * unchanged 13"; %s is the kind of record; each number follows its word, so that no
       * plural forms are needed */
      g_string_append_printf (report, _("%s: new %u, changed %u, unchanged %u\n"),
                              psi_format_kind_plural (kind), summary.n_new[kind],
                              summary.n_changed[kind], summary.n_unchanged[kind]);
    }

  /* Translators: the last line of the --import report, the totals; each number follows its
   * word */
  g_string_append_printf (report, _("All records: new %u, changed %u, unchanged %u\n"),
                          psi_xml_import_summary_get_n_new (&summary),
                          psi_xml_import_summary_get_n_changed (&summary),
                          psi_xml_import_summary_get_n_unchanged (&summary));

  g_print ("%s", report->str);
  return EXIT_SUCCESS;
}

/* A name for one line of --search: tabs and line breaks become spaces. */
static void
append_name_field (GString    *line,
                   const char *name)
{
  g_string_append_c (line, '\t');
  for (const char *p = name != NULL ? name : ""; *p != '\0'; p++)
    g_string_append_c (line, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/* --search TEXT: the records of every kind that a search of their list finds (names in all
 * three languages and scripts, awards also by their recipient and competition), one a line:
 * the kind, then the names in English, Russian and Kyrgyz, separated by tabs, empty where
 * missing. An award shows its recipient's names, else its own, else its title. A file that
 * does not exist is not created. */
static int
run_search (PsiApplication *self,
            const char     *text)
{
  static const PsiRecordKind kinds[] = {
    PSI_RECORD_KIND_EVENT,
    PSI_RECORD_KIND_COMPETITION,
    PSI_RECORD_KIND_AWARD,
    PSI_RECORD_KIND_REGION,
    PSI_RECORD_KIND_DISTRICT,
    PSI_RECORD_KIND_MUNICIPALITY,
    PSI_RECORD_KIND_CLUSTER,
    PSI_RECORD_KIND_ORGANISATION,
    PSI_RECORD_KIND_OFFICIAL,
    PSI_RECORD_KIND_AGREEMENT,
  };
  g_autofree char *path = dup_database_path (self);
  g_autofree char *fold = psi_fold_query (text);
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (*fold == '\0')
    {
      /* Translators: --search was given no letters or digits, or a single letter that may
       * begin a longer sound ("k" of "kh"); %s is what was given */
      g_printerr (_("Nothing to search for in “%s”: give a few letters of a name.\n"), text);
      return 2;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: printed by --search; %s is a file name */
      g_printerr (_("The records file “%s” does not exist.\n"), path);
      return EXIT_FAILURE;
    }

  store = psi_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr (_("The records file “%s” is not usable: %s\n"), path, error->message);
      return EXIT_FAILURE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PsiRecordList) list = psi_record_list_new (store, kinds[k]);
      const char *label = psi_enum_to_label (PSI_TYPE_RECORD_KIND, kinds[k]);
      guint n;

      psi_record_list_set_search (list, text);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PsiRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);
          PsiText *names;

          if (record == NULL)
            continue;
          names = psi_record_get_name (record);
          if (PSI_IS_AWARD (record) &&
              !psi_text_is_empty (psi_award_get_recipient_name (PSI_AWARD (record))))
            names = psi_award_get_recipient_name (PSI_AWARD (record));

          g_string_append (out, label);
          if (psi_text_is_empty (names))
            {
              g_autofree char *title = psi_record_dup_title (record,
                                                             psi_language_get_current ());

              append_name_field (out, title);
              g_string_append (out, "\t\t");
            }
          else
            {
              append_name_field (out, psi_text_get_exact (names, PSI_LANGUAGE_EN));
              append_name_field (out, psi_text_get_exact (names, PSI_LANGUAGE_RU));
              append_name_field (out, psi_text_get_exact (names, PSI_LANGUAGE_KY));
            }
          g_string_append_c (out, '\n');
        }
    }

  g_print ("%s", out->str);
  return EXIT_SUCCESS;
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GApplication *application = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing the windows lets them save their state. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (application);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (application);
  static const char *authors[] = { "The PSI Records authors", NULL };
  const char *partners[] = {
    _("Swiss Agency for Development and Cooperation (SDC)"),
    /* Translators: the name of the implementing organisation; usually kept in Latin or
     * transliterated */
    _("Helvetas Kyrgyzstan"),
    _("Development Policy Institute (DPI)"),
    NULL
  };
  GtkWidget *dialog;

  dialog = g_object_new (GTK_TYPE_ABOUT_DIALOG,
                         "transient-for", parent,
                         "modal", TRUE,
                         "program-name", _("PSI Records"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Keep the records of the Public Service Improvement project: "
                                       "conferences, competitions and awards, municipalities, "
                                       "clusters and agreements."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
  /* Translators: heading of the about dialog's credits for the organisations of the project */
  gtk_about_dialog_add_credit_section (GTK_ABOUT_DIALOG (dialog), _("Project partners"),
                                       partners);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Builds every window again in the current language: GtkBuilder translates only when it
 * parses. The new window takes over the section, lists, searches and selections of the old. */
static void
rebuild_windows (PsiApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  PsiWindow *new_active = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    {
      PsiWindow *old = l->data;
      PsiWindow *window;

      if (!PSI_IS_WINDOW (old))
        continue;

      window = psi_window_new (GTK_APPLICATION (self), psi_window_get_store (old));
      psi_window_take_state (window, old);
      if (GTK_WINDOW (old) == active)
        new_active = window;
      else
        gtk_window_present (GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (old));
    }

  if (new_active != NULL)
    gtk_window_present (GTK_WINDOW (new_active));
}

/* app.language: "ky", "ru", "en" or "" (the system's). Switches at once and is saved. */
static void
language_change_state_cb (GSimpleAction *action,
                          GVariant      *state,
                          gpointer       user_data)
{
  PsiApplication *self = PSI_APPLICATION (user_data);
  const char *code = g_variant_get_string (state, NULL);

  if (!psi_interface_language_is_valid (code))
    {
      g_warning ("Unknown interface language “%s”", code);
      return;
    }

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "language", code);

  if (g_str_equal (code, psi_interface_language_get ()))
    {
      g_simple_action_set_state (action, state);
      return;
    }

  psi_interface_language_apply (code);
  g_simple_action_set_state (action, state);
  rebuild_windows (self);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
  { "language", NULL, "s", "''", language_change_state_cb },
};

static void
backup_restored_cb (PsiApplication     *self,
                    const char         *message,
                    PsiOpenErrorDialog *dialog)
{
  GtkWindow *window;

  /* The damaged file was replaced by a good backup: open it as on a normal start. */
  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (PSI_IS_WINDOW (window))
    psi_editor_toast_show_message (psi_window_get_toast (PSI_WINDOW (window)), message);
}

/* Says why the file cannot be opened; for a damaged file, offers the newest good backup. */
static void
show_open_error (PsiApplication *self,
                 const char     *path,
                 const GError   *error)
{
  PsiOpenErrorDialog *dialog = psi_open_error_dialog_new (GTK_APPLICATION (self), path, error);

  g_signal_connect_object (dialog, "restored", G_CALLBACK (backup_restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static int
psi_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  PsiApplication *self = PSI_APPLICATION (application);
  const char *database = NULL;
  const char *language = NULL;
  const char *search = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && *database != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      g_free (self->database);
      self->database = g_file_get_path (file);
    }

  if (g_variant_dict_lookup (options, "language", "&s", &language))
    {
      if (!psi_interface_language_is_valid (language) || *language == '\0')
        {
          /* Translators: %s is what was given to --language; keep ky, ru and en */
          g_printerr (_("Unknown language “%s”: use ky, ru or en.\n"), language);
          return 2;
        }
      g_free (self->language);
      self->language = g_strdup (language);
      /* main () applied it already; this catches an application made elsewhere. */
      if (!g_str_equal (language, psi_interface_language_get ()))
        psi_interface_language_apply (language);
    }

  {
    const char *backup_path = NULL;
    const char *restore_path = NULL;
    gboolean list_backups = g_variant_dict_lookup (options, "list-backups", "b", NULL);

    g_variant_dict_lookup (options, "backup", "^&ay", &backup_path);
    g_variant_dict_lookup (options, "restore", "^&ay", &restore_path);
    if ((backup_path != NULL) + (restore_path != NULL) + (list_backups != FALSE) > 1)
      {
        /* Translators: keep --backup, --restore and --list-backups */
        g_printerr (_("Give only one of --backup, --restore and --list-backups.\n"));
        return 2;
      }
    if ((backup_path != NULL || restore_path != NULL || list_backups) &&
        (g_variant_dict_contains (options, "export") ||
         g_variant_dict_contains (options, "import")))
      {
        /* Translators: keep the option names */
        g_printerr (_("--backup, --restore and --list-backups go without --export and "
                      "--import.\n"));
        return 2;
      }
    if (backup_path != NULL)
      return run_backup (self, backup_path);
    if (restore_path != NULL)
      return run_restore (self, restore_path);
    if (list_backups)
      return run_list_backups (self);
  }

  {
    const char *export_path = NULL;
    const char *import_path = NULL;
    g_autofree const char **events = NULL;
    gboolean dry_run = g_variant_dict_lookup (options, "dry-run", "b", NULL);

    g_variant_dict_lookup (options, "export", "^&ay", &export_path);
    g_variant_dict_lookup (options, "import", "^&ay", &import_path);
    g_variant_dict_lookup (options, "event", "^a&s", &events);

    if (export_path != NULL && import_path != NULL)
      {
        /* Translators: keep --export and --import */
        g_printerr (_("Give either --export or --import, not both.\n"));
        return 2;
      }
    if (dry_run && import_path == NULL)
      {
        /* Translators: keep --dry-run and --import */
        g_printerr (_("--dry-run goes with --import.\n"));
        return 2;
      }
    if (events != NULL && export_path == NULL)
      {
        /* Translators: keep --event and --export */
        g_printerr (_("--event goes with --export.\n"));
        return 2;
      }

    if (export_path != NULL)
      return run_export (self, export_path, events);
    if (import_path != NULL)
      return run_import (self, import_path, dry_run);
  }

  {
    const char *certificates_dir = NULL;
    const char *verify_path = NULL;
    const char *public_key = NULL;

    g_variant_dict_lookup (options, "export-certificates", "^&ay", &certificates_dir);
    g_variant_dict_lookup (options, "verify-certificate", "^&ay", &verify_path);
    g_variant_dict_lookup (options, "public-key", "^&ay", &public_key);
    if (public_key != NULL && verify_path == NULL)
      {
        /* Translators: keep --public-key and --verify-certificate */
        g_printerr (_("--public-key goes with --verify-certificate.\n"));
        return 2;
      }
    if (certificates_dir != NULL && verify_path != NULL)
      {
        /* Translators: keep --export-certificates and --verify-certificate */
        g_printerr (_("Give either --export-certificates or --verify-certificate, not both.\n"));
        return 2;
      }
    if (certificates_dir != NULL)
      return run_export_certificates (self, certificates_dir);
    if (verify_path != NULL)
      return run_verify_certificate (verify_path, public_key);
  }

  if (g_variant_dict_lookup (options, "search", "&s", &search))
    return run_search (self, search);

  if (g_variant_dict_lookup (options, "check", "b", NULL))
    return run_check (self);

  return -1;
}

static void
psi_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (psi_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);

  /* The menu shows the language in use: the one of this run, else the saved choice. */
  {
    PsiApplication *self = PSI_APPLICATION (application);
    GAction *action = g_action_map_lookup_action (G_ACTION_MAP (application), "language");

    self->settings = psi_settings_new_if_installed ();
    g_simple_action_set_state (G_SIMPLE_ACTION (action),
                               g_variant_new_string (psi_interface_language_get ()));
  }
  gtk_window_set_default_icon_name (APP_ID);
  psi_ui_ensure_style (gdk_display_get_default ());
}

static void
daily_backup_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (psi_backup_daily_for_file (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
daily_backup_done_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Logged only: the window works without it */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("No daily backup of “%s” was made: %s",
               (const char *) g_task_get_task_data (G_TASK (result)), error->message);
}

/* Once a day, a backup of the file the window works on (the command line makes none), off the
 * main thread through a connection of its own: on a large file it takes seconds. */
static void
start_daily_backup (PsiApplication *self,
                    const char     *path)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, daily_backup_done_cb, NULL);

  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

static void
psi_application_activate (GApplication *application)
{
  PsiApplication *self = PSI_APPLICATION (application);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = dup_database_path (self);
  if (self->store == NULL)
    {
      self->store = open_store (path, &error);
      if (self->store != NULL)
        start_daily_backup (self, path);
    }

  if (self->store == NULL)
    {
      g_message ("%s: %s", path, error->message);
      show_open_error (self, path, error);
      return;
    }

  window = GTK_WINDOW (psi_window_new (GTK_APPLICATION (application), self->store));
  gtk_window_present (window);
}

static void
psi_application_dispose (GObject *object)
{
  PsiApplication *self = PSI_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (psi_application_parent_class)->dispose (object);
}

static void
psi_application_finalize (GObject *object)
{
  PsiApplication *self = PSI_APPLICATION (object);

  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (psi_application_parent_class)->finalize (object);
}

static void
psi_application_class_init (PsiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = psi_application_dispose;
  object_class->finalize = psi_application_finalize;

  application_class->handle_local_options = psi_application_handle_local_options;
  application_class->startup = psi_application_startup;
  application_class->activate = psi_application_activate;
}

static void
psi_application_init (PsiApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Records of the Public Service Improvement "
                                              "project: conferences, competitions and awards, "
                                              "municipalities, clusters, people and "
                                              "agreements."));
}

PsiApplication *
psi_application_new (void)
{
  psi_ui_ensure_types ();

  return g_object_new (PSI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

const char *
psi_application_get_database (PsiApplication *self)
{
  g_return_val_if_fail (PSI_IS_APPLICATION (self), NULL);

  return self->database;
}
