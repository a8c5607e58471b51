/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Importing XML from the window, under Xvfb, without the file chooser: psi_window_import_file ()
 * is what win.import-records calls once a file is chosen. The preview shows the counts of a dry
 * run; Import adds the records and the window's lists show them; a broken file shows its line
 * and changes nothing; a cancelled import changes nothing; an export says how many records it
 * wrote. Screenshots: build/tests/ui/import-preview.png, import-error.png. */

#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-data.h"
#include "psi-format.h"
#include "psi-import-dialog.h"
#include "psi-sample.h"
#include "psi-section-page.h"
#include "psi-test-ui.h"
#include "psi-window.h"
#include "psi-xml-export.h"

#define N_AWARDS 300

typedef struct
{
  char      *tmpdir;
  PsiStore  *store;
  PsiWindow *window;
  GFile     *good;     /* N_AWARDS new awards and what they refer to */
  GFile     *broken;   /* the same, cut off */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiStore) other = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *broken_path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_settings_reset (settings, "last-section");
  psi_language_set_current (PSI_LANGUAGE_EN);

  f->tmpdir = g_dir_make_tmp ("psi-import-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->tmpdir, "records.db", NULL);
  f->store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);

  /* Records that are not in the sample, as a file. */
  other_path = g_build_filename (f->tmpdir, "other.db", NULL);
  g_assert_true (bench_create_records (other_path, N_AWARDS, &error));
  other = psi_store_open (other_path, &error);
  g_assert_no_error (error);
  good_path = g_build_filename (f->tmpdir, "records-2021.xml", NULL);
  f->good = g_file_new_for_path (good_path);
  g_assert_true (psi_xml_export_file (other, f->good, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (good_path, &contents, &length, &error));
  broken_path = g_build_filename (f->tmpdir, "broken.xml", NULL);
  g_assert_true (g_file_set_contents (broken_path, contents, (gssize) (length / 2), &error));
  g_assert_no_error (error);
  f->broken = g_file_new_for_path (broken_path);

  f->window = g_object_ref (psi_window_new (NULL, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, f->window));
  psi_test_settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  psi_test_settle ();
  g_assert_finalize_object (g_steal_pointer (&f->window));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_clear_object (&f->good);
  g_clear_object (&f->broken);
  psi_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static GBytes *
serialize_store (PsiStore *store)
{
  sqlite3_int64 size = 0;
  unsigned char *data = sqlite3_serialize (_psi_store_get_db (store), "main", &size, 0);

  g_assert_nonnull (data);
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

static guint
n_shown (Fixture       *f,
         PsiRecordKind  kind)
{
  PsiSectionPage *page = psi_window_get_page (f->window, kind);

  return g_list_model_get_n_items (G_LIST_MODEL (psi_section_page_get_list (page)));
}

static gboolean
is_working (gpointer data)
{
  const char *state = psi_import_dialog_get_state (PSI_IMPORT_DIALOG (data));

  return !g_str_equal (state, "reading") && !g_str_equal (state, "importing");
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The preview table as psi_import_dialog_dup_preview_text () writes it, from a summary. */
static char *
expected_preview (const PsiXmlImportSummary *s)
{
  static const PsiRecordKind kinds[] = {
    PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_COMPETITION, PSI_RECORD_KIND_AWARD,
    PSI_RECORD_KIND_REGION, PSI_RECORD_KIND_DISTRICT, PSI_RECORD_KIND_MUNICIPALITY,
    PSI_RECORD_KIND_CLUSTER, PSI_RECORD_KIND_ORGANISATION, PSI_RECORD_KIND_OFFICIAL,
    PSI_RECORD_KIND_AGREEMENT,
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      PsiRecordKind k = kinds[i];
      g_autofree char *n_new = psi_format_number (s->n_new[k]);
      g_autofree char *n_changed = psi_format_number (s->n_changed[k]);
      g_autofree char *n_unchanged = psi_format_number (s->n_unchanged[k]);

      if (s->n_new[k] + s->n_changed[k] + s->n_unchanged[k] == 0)
        continue;
      g_string_append_printf (text, "%s\t%s\t%s\t%s\n", psi_format_kind_plural (k),
                              n_new, n_changed, n_unchanged);
    }
  return g_string_free (text, FALSE);
}

static void
test_preview_and_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PsiRecord) municipality = NULL;
  PsiXmlImportSummary summary;
  PsiImportDialog *dialog;
  guint n_awards = n_shown (f, PSI_RECORD_KIND_AWARD);
  guint n_municipalities = n_shown (f, PSI_RECORD_KIND_MUNICIPALITY);
  guint n_events = n_shown (f, PSI_RECORD_KIND_EVENT);

  g_assert_true (psi_xml_import_file_full (f->store, f->good, PSI_XML_IMPORT_DRY_RUN, &summary,
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_new[PSI_RECORD_KIND_AWARD], ==, N_AWARDS);

  /* A selected record stays selected when the lists are read again. */
  municipality = g_list_model_get_item (G_LIST_MODEL (psi_section_page_get_list (
                                          psi_window_get_page (f->window,
                                                               PSI_RECORD_KIND_MUNICIPALITY))),
                                        3);
  g_assert_nonnull (municipality);
  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_MUNICIPALITY,
                                         psi_record_get_id (municipality)));

  dialog = psi_window_import_file (f->window, f->good);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (psi_test_wait_for (is_working, dialog));
  g_assert_cmpstr (psi_import_dialog_get_state (dialog), ==, "preview");
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Import “records-2021.xml”"));

  /* The table shows the dry run's counts; nothing changed yet. */
  g_assert_cmpmem (psi_import_dialog_get_summary (dialog), sizeof summary,
                   &summary, sizeof summary);
  shown = psi_import_dialog_dup_preview_text (dialog);
  expected = expected_preview (&summary);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_nonnull (strstr (shown, "Awards\t300\t0\t0\n"));
  g_assert_cmpuint (n_shown (f, PSI_RECORD_KIND_AWARD), ==, n_awards);
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (dialog), "import-preview");

  /* Import: the window closes, the lists show the new records, a notice says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (psi_test_wait_for (is_null, &dialog));
  psi_test_settle ();
  g_assert_cmpuint (n_shown (f, PSI_RECORD_KIND_AWARD), ==, n_awards + N_AWARDS);
  g_assert_cmpuint (n_shown (f, PSI_RECORD_KIND_MUNICIPALITY), ==,
                    n_municipalities + summary.n_new[PSI_RECORD_KIND_MUNICIPALITY]);
  g_assert_cmpuint (n_shown (f, PSI_RECORD_KIND_EVENT), ==, n_events + 1);
  g_assert_cmpint (psi_section_page_get_selected_id (
                     psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY)), ==,
                   psi_record_get_id (municipality));
  g_assert_true (psi_editor_toast_get_shown (psi_window_get_toast (f->window)));
  g_assert_true (g_str_has_prefix (psi_editor_toast_get_text (psi_window_get_toast (f->window)),
                                   "Imported “records-2021.xml”: new "));
}

static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) before = serialize_store (f->store);
  g_autoptr(GBytes) after = NULL;
  PsiImportDialog *dialog;
  guint n_awards = n_shown (f, PSI_RECORD_KIND_AWARD);
  const char *message;

  dialog = psi_window_import_file (f->window, f->broken);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (psi_test_wait_for (is_working, dialog));
  g_assert_cmpstr (psi_import_dialog_get_state (dialog), ==, "error");
  /* Nothing to apply. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL);
  g_assert_cmpstr (psi_import_dialog_get_state (dialog), ==, "error");

  /* File, line and column, in words, shown in the window. */
  message = psi_import_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "broken.xml, line "));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), message));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog),
                                      "Nothing was imported; the records are unchanged."));
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (dialog), "import-error");

  after = serialize_store (f->store);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (n_shown (f, PSI_RECORD_KIND_AWARD), ==, n_awards);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (psi_test_wait_for (is_null, &dialog));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) before = serialize_store (f->store);
  g_autoptr(GBytes) after = NULL;
  PsiImportDialog *dialog;
  guint n_awards = n_shown (f, PSI_RECORD_KIND_AWARD);

  dialog = psi_window_import_file (f->window, f->good);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (psi_test_wait_for (is_working, dialog));
  g_assert_cmpstr (psi_import_dialog_get_state (dialog), ==, "preview");

  /* Cancel at once, before the worker reads a byte. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_cmpstr (psi_import_dialog_get_state (dialog), ==, "importing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (psi_test_wait_for (is_working, dialog));
  g_assert_cmpstr (psi_import_dialog_get_state (dialog), ==, "error");
  g_assert_cmpstr (psi_import_dialog_get_error (dialog), ==, "The import was cancelled.");

  after = serialize_store (f->store);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (n_shown (f, PSI_RECORD_KIND_AWARD), ==, n_awards);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

static gboolean
toast_shown (gpointer data)
{
  return psi_editor_toast_get_shown (PSI_EDITOR_TOAST (data));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "out.xml", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  PsiEditorToast *toast = psi_window_get_toast (f->window);
  g_autofree char *expected = NULL;
  g_autoptr(PsiRecord) event = NULL;
  gint64 n = 0;

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    n += psi_store_count (f->store, kind, NULL);

  psi_window_export_file (f->window, out, NULL);
  g_assert_true (psi_test_wait_for (toast_shown, toast));
  expected = g_strdup_printf ("Exported %" G_GINT64_FORMAT " records to “out.xml”", n);
  g_assert_cmpstr (psi_editor_toast_get_text (toast), ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* With an event selected, its export is offered. */
  event = g_list_model_get_item (G_LIST_MODEL (psi_section_page_get_list (
                                   psi_window_get_page (f->window, PSI_RECORD_KIND_EVENT))), 0);
  g_assert_nonnull (event);
  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_EVENT,
                                         psi_record_get_id (event)));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                    "export-events"));

  /* The chosen event and what is linked to it: fewer records, not none. */
  {
    g_autofree char *event_path = g_build_filename (f->tmpdir, "event.xml", NULL);
    g_autoptr(GFile) event_out = g_file_new_for_path (event_path);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 id = psi_record_get_id (event);
    guint n_event = 0;
    const char *text;

    g_array_append_val (ids, id);
    psi_editor_toast_dismiss (toast);
    psi_window_export_file (f->window, event_out, ids);
    g_assert_true (psi_test_wait_for (toast_shown, toast));
    text = psi_editor_toast_get_text (toast);
    g_assert_true (g_str_has_prefix (text, "Exported "));
    g_assert_true (g_str_has_suffix (text, " records to “event.xml”"));
    n_event = (guint) g_ascii_strtoull (text + strlen ("Exported "), NULL, 10);
    g_assert_cmpuint (n_event, >, 1);
    g_assert_cmpint (n_event, <=, n);
  }
}

static void
skip_no_display (void)
{
  g_test_skip ("No display; run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui/import/no-display", skip_no_display);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/import/preview-and-import", test_preview_and_import);
  ADD ("/ui/import/broken", test_broken);
  ADD ("/ui/import/cancel", test_cancel);
  ADD ("/ui/import/export", test_export);
#undef ADD

  return g_test_run ();
}
