/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Backups from the window, under Xvfb, with XDG_DATA_HOME in a temporary folder:
 * - the Backups window (win.backups) lists the backups with their record counts, makes one on
 *   demand, and restores one after asking: the records go back to the backup's, a backup of
 *   what was there comes first, and the window's lists show the restored records;
 * - a damaged records file gets the open-error message with an offer of the newest good backup,
 *   which puts the backup in place and keeps the damaged file beside it;
 * - a read-only records file shows the banner with its reason, and nothing that writes is
 *   enabled.
 * Screenshots: build/tests/ui/backups-list.png, backups-confirm.png, backups-damaged.png,
 * backups-read-only.png. */

#define G_LOG_DOMAIN "test-backups"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "psi-application.h"
#include "psi-backups-dialog.h"
#include "psi-interface-language.h"
#include "psi-open-error-dialog.h"
#include "psi-sample.h"
#include "psi-section-page.h"
#include "psi-store-backup.h"
#include "psi-test-ui.h"
#include "psi-test-window.h"
#include "psi-window.h"

typedef PsiTestWindow Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *backups = psi_backup_dup_directory ();

  /* Each test starts without backups. */
  psi_test_remove_tree (backups);
  psi_test_window_setup (f, "psi-backups-ui", FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  psi_test_window_teardown (f);
}

static PsiBackupsDialog *
find_backups_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PSI_IS_BACKUPS_DIALOG (window))
        return PSI_BACKUPS_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shows_list (gpointer data)
{
  return g_str_equal (psi_backups_dialog_get_state (data), "list");
}

static gboolean
dialog_has_loaded (gpointer data)
{
  return !g_str_equal (psi_backups_dialog_get_state (data), "loading");
}

static gboolean
dialog_is_searching_done (gpointer data)
{
  return !g_str_equal (psi_open_error_dialog_get_state (data), "searching");
}

static guint
n_shown (PsiWindow     *window,
         PsiRecordKind  kind)
{
  PsiSectionPage *page = psi_window_get_page (window, kind);

  return g_list_model_get_n_items (G_LIST_MODEL (psi_section_page_get_list (page)));
}

/* The button whose label is label (with its mnemonic underline), anywhere under widget. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
button_sensitive (GtkWidget  *widget,
                  const char *label)
{
  GtkWidget *button = find_button (widget, label);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static void
add_organisation (PsiStore   *store,
                  const char *name)
{
  g_autoptr(PsiOrganisation) organisation = psi_organisation_new ();
  g_autoptr(GError) error = NULL;

  g_autoptr(PsiText) text = psi_text_new (name, NULL, NULL);

  psi_record_set_name (PSI_RECORD (organisation), text);
  psi_organisation_set_role (organisation, PSI_ORGANISATION_ROLE_PARTNER);
  g_assert_true (psi_store_save (store, PSI_RECORD (organisation), &error));
  g_assert_no_error (error);
}

static void
test_backups_dialog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  PsiBackupsDialog *dialog;
  GListModel *backups;
  gint64 organisations;
  guint shown_before;

  organisations = psi_store_count (f->store, PSI_RECORD_KIND_ORGANISATION, &error);
  g_assert_no_error (error);

  /* One backup of the sample, then two more organisations. */
  first = psi_store_backup_auto (f->store, PSI_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  add_organisation (f->store, "Partner after the backup 1");
  add_organisation (f->store, "Partner after the backup 2");

  psi_test_window_show (f);
  shown_before = n_shown (f->window, PSI_RECORD_KIND_ORGANISATION);
  g_assert_cmpuint (shown_before, ==, (guint) organisations + 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.backups", NULL));
  dialog = find_backups_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, dialog));
  g_assert_true (psi_test_wait_for (dialog_shows_list, dialog));

  backups = psi_backups_dialog_get_backups (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 1);
  {
    g_autoptr(PsiBackupInfo) info = g_list_model_get_item (backups, 0);

    g_assert_cmpstr (psi_backup_info_get_path (info), ==, first);
    g_assert_true (psi_backup_info_get_valid (info));
    g_assert_cmpint (psi_backup_info_get_count (info, PSI_RECORD_KIND_ORGANISATION), ==,
                     organisations);
    g_assert_cmpint (psi_backup_info_get_count (info, PSI_RECORD_KIND_AWARD), ==,
                     psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL));
  }
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Made by hand"));

  /* Back Up Now: a second backup, with the two new organisations. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.create", NULL));
  g_assert_true (psi_test_wait_for (dialog_shows_list, dialog));
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 2);
  {
    g_autoptr(PsiBackupInfo) newest = g_list_model_get_item (backups, 0);

    g_assert_cmpint (psi_backup_info_get_count (newest, PSI_RECORD_KIND_ORGANISATION), ==,
                     organisations + 2);
  }
  g_assert_nonnull (psi_backups_dialog_get_status (dialog));
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (dialog), "backups-list");

  /* Restore the first: asks, then replaces the records and backs up what was there. */
  psi_backups_dialog_select (dialog, 1);
  g_assert_true (button_sensitive (GTK_WIDGET (dialog), "_Restore…"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", NULL));
  g_assert_cmpstr (psi_backups_dialog_get_state (dialog), ==, "confirm");
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (dialog), "backups-confirm");
  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.cancel", NULL));
  g_assert_cmpstr (psi_backups_dialog_get_state (dialog), ==, "list");
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_ORGANISATION, NULL), ==,
                   organisations + 2);

  psi_backups_dialog_select (dialog, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.confirm", NULL));
  g_assert_true (psi_test_wait_for (dialog_shows_list, dialog));
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_ORGANISATION, NULL), ==,
                   organisations);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 3);
  {
    g_autoptr(PsiBackupInfo) newest = g_list_model_get_item (backups, 0);

    g_assert_cmpint (psi_backup_info_get_reason (newest), ==, PSI_BACKUP_REASON_RESTORE);
    g_assert_cmpint (psi_backup_info_get_count (newest, PSI_RECORD_KIND_ORGANISATION), ==,
                     organisations + 2);
  }
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Before a restore"));

  /* The window reads its lists again. */
  psi_test_settle ();
  g_assert_cmpuint (n_shown (f->window, PSI_RECORD_KIND_ORGANISATION), ==, (guint) organisations);

  gtk_window_destroy (GTK_WINDOW (dialog));
  psi_test_settle ();
}

/* Overwrites a page in the middle of the file: the header stays, the b-tree is broken. */
static void
damage_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8 * 4096);
  for (gsize i = 4 * 4096; i < 6 * 4096; i++)
    contents[i] = (char) 0xA5;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  g_assert_no_error (error);
}

static void
restored_cb (PsiOpenErrorDialog *dialog,
             const char         *message,
             char              **out)
{
  *out = g_strdup (message);
}

static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *message = NULL;
  g_autoptr(PsiStore) reopened = NULL;
  PsiOpenErrorDialog *dialog;
  gint64 awards;

  awards = psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL);
  backup = psi_store_backup_auto (f->store, PSI_BACKUP_REASON_DAILY, &error);
  g_assert_no_error (error);
  /* Closing checkpoints the WAL into the file. */
  g_assert_finalize_object (g_steal_pointer (&f->store));

  damage_file (f->path);
  f->store = psi_store_open (f->path, &error);
  g_assert_null (f->store);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);

  dialog = psi_open_error_dialog_new (NULL, f->path, error);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "restored", G_CALLBACK (restored_cb), &message);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, dialog));
  g_assert_true (psi_test_wait_for (dialog_is_searching_done, dialog));
  g_assert_cmpstr (psi_open_error_dialog_get_state (dialog), ==, "found");
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), error->message));
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (dialog), "backups-damaged");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "open-error.restore", NULL));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, ".damaged-"));
  g_object_unref (dialog);
  g_clear_error (&error);

  /* The backup is in place; the damaged file is kept. */
  reopened = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_store_count (reopened, PSI_RECORD_KIND_AWARD, NULL), ==, awards);
  {
    g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, &error);
    const char *name;
    gboolean kept = FALSE;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      kept |= g_str_has_prefix (name, "records.sqlite3.damaged-");
    g_assert_true (kept);
  }
}

static void
test_open_error_without_backup (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsiOpenErrorDialog *dialog;

  g_assert_finalize_object (g_steal_pointer (&f->store));
  damage_file (f->path);
  f->store = psi_store_open (f->path, &error);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT);

  dialog = psi_open_error_dialog_new (NULL, f->path, error);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (psi_test_wait_for (dialog_is_searching_done, dialog));
  g_assert_cmpstr (psi_open_error_dialog_get_state (dialog), ==, "none");
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog),
                                      "There is no backup of this file that passes the "
                                      "integrity check."));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static gboolean
window_action_enabled (PsiWindow  *window,
                       const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

/* A file opened read-only (as one the user may not write is): the banner says why, nothing
 * that writes can be started, the Backups window still backs up but does not restore. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  PsiBackupsDialog *dialog;

  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = psi_store_open_full (f->path, PSI_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (psi_store_is_read_only (f->store));
  reason = g_strdup (psi_store_get_read_only_reason (f->store));
  g_assert_nonnull (reason);

  psi_test_window_show (f);
  g_assert_true (psi_test_find_label (GTK_WIDGET (f->window), reason));
  psi_window_show_page (f->window, PSI_RECORD_KIND_MUNICIPALITY);
  psi_section_page_select_id (psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY),
                              psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY,
                                                    "Kenesh"));
  psi_test_settle ();
  g_assert_false (window_action_enabled (f->window, "new-record"));
  g_assert_false (window_action_enabled (f->window, "edit-record"));
  g_assert_false (window_action_enabled (f->window, "delete-record"));
  g_assert_false (window_action_enabled (f->window, "import-records"));
  g_assert_true (window_action_enabled (f->window, "export-records"));
  psi_test_save_screenshot (GTK_WIDGET (f->window), "backups-read-only");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.backups", NULL));
  dialog = find_backups_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, dialog));
  g_assert_true (psi_test_wait_for (dialog_has_loaded, dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.create", NULL));
  g_test_message ("status: %s", psi_backups_dialog_get_status (dialog));
  g_assert_true (psi_test_wait_for (dialog_shows_list, dialog));
  g_assert_cmpuint (g_list_model_get_n_items (psi_backups_dialog_get_backups (dialog)), ==, 1);
  g_assert_false (button_sensitive (GTK_WIDGET (dialog), "_Restore…"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  psi_test_settle ();
}

/* The Backups window and the damaged-file message in Kyrgyz and Russian: translated titles and
 * reasons; screenshots backups-list-LANG.png, backups-damaged-LANG.png. */
/* The catalog's text for msgid (no xgettext keyword: the test has no strings of its own). */
static const char *
tr (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static void
test_languages (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *code; PsiLanguage language; } languages[] = {
    { "ky", PSI_LANGUAGE_KY },
    { "ru", PSI_LANGUAGE_RU },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = psi_store_backup_auto (f->store, PSI_BACKUP_REASON_DAILY, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GError) open_error = NULL;
      PsiBackupsDialog *dialog;
      PsiOpenErrorDialog *message;

      psi_interface_language_apply (languages[i].code);
      psi_language_set_current (languages[i].language);
      g_assert_cmpstr (tr ("Backups"), !=, "Backups");

      psi_test_window_show (f);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.backups", NULL));
      dialog = find_backups_dialog ();
      g_assert_nonnull (dialog);
      g_assert_true (psi_test_wait_for (dialog_shows_list, dialog));
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, tr ("Backups"));
      g_assert_true (psi_test_find_label (GTK_WIDGET (dialog),
                                          g_dpgettext (GETTEXT_PACKAGE, "backup reason\004Daily backup",
                                                       strlen ("backup reason") + 1)));
      g_assert_false (psi_test_find_label (GTK_WIDGET (dialog), "Daily backup"));
      psi_test_settle ();
      name = g_strdup_printf ("backups-list-%s", languages[i].code);
      psi_test_save_screenshot (GTK_WIDGET (dialog), name);
      gtk_window_destroy (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (f->window));
      psi_test_settle ();
      g_assert_finalize_object (g_steal_pointer (&f->window));

      /* The message for a damaged file, with a (real) error in this language. */
      g_set_error_literal (&open_error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT,
                           tr ("Cannot Open the Records File"));
      message = psi_open_error_dialog_new (NULL, f->path, open_error);
      g_object_ref_sink (message);
      gtk_window_present (GTK_WINDOW (message));
      g_assert_true (psi_test_wait_for (dialog_is_searching_done, message));
      g_assert_cmpstr (psi_open_error_dialog_get_state (message), ==, "found");
      g_assert_true (psi_test_find_label (GTK_WIDGET (message),
                                          tr ("Cannot Open the Records File")));
      psi_test_settle ();
      g_free (name);
      name = g_strdup_printf ("backups-damaged-%s", languages[i].code);
      psi_test_save_screenshot (GTK_WIDGET (message), name);
      gtk_window_destroy (GTK_WINDOW (message));
      g_object_unref (message);
      psi_test_settle ();
    }

  psi_interface_language_apply ("en");
  psi_language_set_current (PSI_LANGUAGE_EN);
}

static gboolean
has_daily_backup (gpointer data)
{
  g_autoptr(GListModel) backups = psi_backup_list_for_database (data, NULL);

  for (guint i = 0; backups != NULL && i < g_list_model_get_n_items (backups); i++)
    {
      g_autoptr(PsiBackupInfo) info = g_list_model_get_item (backups, i);

      if (psi_backup_info_get_reason (info) == PSI_BACKUP_REASON_DAILY &&
          psi_backup_info_get_valid (info))
        return TRUE;
    }
  return FALSE;
}

/* The application makes the daily backup of its records file when it opens the window, once a
 * day: a second start the same day makes none. */
static void
test_daily_on_start (void)
{
  g_autofree char *backups_dir = psi_backup_dup_directory ();
  g_autofree char *path = NULL;

  psi_test_remove_tree (backups_dir);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(PsiApplication) app = psi_application_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) backups = NULL;
      GtkWindow *window;

      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
      g_assert_true (PSI_IS_WINDOW (window));
      g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, window));
      g_free (path);
      path = g_strdup (psi_store_get_path (psi_window_get_store (PSI_WINDOW (window))));
      g_assert_true (psi_test_wait_for (has_daily_backup, path));
      psi_test_settle ();

      backups = psi_backup_list_for_database (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 1);

      gtk_window_destroy (window);
      psi_test_settle ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_autofree char *data_home = NULL;
  int status;

  /* The backups go to a temporary XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS would hide the
   * icon themes from GTK too). */
  data_home = g_dir_make_tmp ("psi-backups-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  {
    g_autofree char *localedir = g_build_filename (g_getenv ("PSI_BUILD_ROOT"), "po", NULL);

    psi_interface_language_init (localedir);
    psi_interface_language_apply ("en");
  }
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }

  g_test_add ("/backups/dialog", Fixture, NULL,
              fixture_setup, test_backups_dialog, fixture_teardown);
  g_test_add ("/backups/damaged-file", Fixture, NULL,
              fixture_setup, test_damaged_file, fixture_teardown);
  g_test_add ("/backups/damaged-file-no-backup", Fixture, NULL,
              fixture_setup, test_open_error_without_backup, fixture_teardown);
  g_test_add ("/backups/read-only", Fixture, NULL,
              fixture_setup, test_read_only, fixture_teardown);
  g_test_add_func ("/backups/daily-on-start", test_daily_on_start);
  g_test_add ("/backups/languages", Fixture, NULL,
              fixture_setup, test_languages, fixture_teardown);

  status = g_test_run ();
  psi_test_remove_tree (data_home);
  return status;
}
