/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Certificates from a real PsiWindow on the sample, under Xvfb, through the window's actions
 * and what they do once a file is chosen: XML export of the selected award and of a whole
 * competition (every file validates against the schema and verifies), the public key, the
 * Verify Certificate window on a good, a modified and a foreign-signed file (and the foreign
 * one again with the partner's key), the Certificates window (preview, PDF export read back
 * with pdftotext and pdftoppm, a missing Kyrgyz name refused with nothing written), and the
 * delete window of an award with a certificate (says so, offers no Delete). The signing key
 * is made in a temporary XDG_DATA_HOME of the run's own.
 * Screenshots: build/tests/ui/certificate-preview*.png, certificate-verify-*.png,
 * certificate-delete.png. */

#define G_LOG_DOMAIN "test-certificates-ui"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libxml/parser.h>
#include <string.h>

#include "psi-test-files.h"
#include "psi-certificate-sign.h"
#include "psi-certificate-xml.h"
#include "psi-editor-delete-dialog.h"
#include "psi-editor-toast.h"
#include "psi-sample.h"
#include "psi-store-certificates.h"
#include "psi-store-edit.h"
#include "psi-test-ui.h"
#include "psi-window-certificates.h"

#define KENESH_CLUSTER_AWARD "42fbe0f1-4676-42e2-a105-20d8d5df9f0f"
#define KENESH_CLUSTER "6329bd29-65ce-40be-ad0a-be1491c30486"
#define CAMPAIGN "26591b64-1510-49f8-9115-3a00a1e1b5c1"

typedef struct
{
  char      *tmpdir;
  PsiStore  *store;
  PsiWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_settings_reset (settings, "last-section");
  psi_language_set_current (PSI_LANGUAGE_EN);

  f->tmpdir = g_dir_make_tmp ("psi-certificates-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->tmpdir, "records.db", NULL);
  f->store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);

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
  psi_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  psi_language_set_current (PSI_LANGUAGE_EN);
}

static gint64
id_of (PsiStore      *store,
       PsiRecordKind  kind,
       const char    *uuid)
{
  g_autoptr(PsiRecord) record = psi_store_load_by_uuid (store, kind, uuid, NULL);

  g_assert_nonnull (record);
  return psi_record_get_id (record);
}

static gboolean
action_enabled (Fixture    *f,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), name);
}

static gboolean
toast_says_done (gpointer data)
{
  PsiEditorToast *toast = data;
  const char *text = psi_editor_toast_get_text (toast);

  return psi_editor_toast_get_shown (toast) && text != NULL &&
         !g_str_has_suffix (text, "…");
}

static void
wait_for_toast (Fixture *f)
{
  g_assert_true (psi_test_wait_for (toast_says_done, psi_window_get_toast (f->window)));
}

static gboolean
preview_is_ready (gpointer data)
{
  return !psi_certificate_preview_get_busy (data);
}

static gboolean
verify_is_done (gpointer data)
{
  return !psi_certificate_verify_dialog_get_busy (data);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);
  GString *s;

  g_assert_nonnull (at);
  s = g_string_new_len (text, at - text);
  g_string_append (s, to);
  g_string_append (s, at + strlen (from));
  return g_string_free (s, FALSE);
}

/* A mapped button labelled label below widget, or NULL */
static GtkWidget *
find_button_widget (GtkWidget  *widget,
                    const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_widget (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
find_button (GtkWidget  *widget,
             const char *label)
{
  return find_button_widget (widget, label) != NULL;
}

/* A written certificate file matches the schema and verifies against the key written with it */
static void
assert_valid_file (const char *path,
                   const char *public_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) pem = NULL;
  g_autofree char *text = psi_test_read_text (path);
  g_autofree char *key_text = psi_test_read_text (public_key);
  PsiCertificateVerdict verdict = PSI_CERTIFICATE_UNSIGNED;
  xmlDocPtr doc;

  doc = xmlReadMemory (text, strlen (text), NULL, "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_true (psi_certificate_xml_validate (doc, &error));
  g_assert_no_error (error);
  xmlFreeDoc (doc);

  pem = g_bytes_new (key_text, strlen (key_text));
  g_assert_true (psi_certificate_verify_file (file, pem, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict, ==, PSI_CERTIFICATE_VALID);
}

static guint
count_certificate_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "PSI-") && g_str_has_suffix (name, ".xml"))
      n++;
  return n;
}

/* Exports the certificates of what is selected into tmpdir/NAME; returns the folder */
static char *
export_selection (Fixture    *f,
                  const char *name)
{
  g_autofree char *dir = g_build_filename (f->tmpdir, name, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *public_key = g_build_filename (dir, PSI_CERTIFICATE_PUBLIC_KEY_NAME, NULL);
  g_autofree char *batch = g_build_filename (dir, PSI_CERTIFICATE_BATCH_NAME, NULL);
  g_autoptr(GDir) d = NULL;
  const char *entry;

  g_assert_true (action_enabled (f, "export-certificates"));
  psi_editor_toast_dismiss (psi_window_get_toast (f->window));
  psi_window_export_certificates (f->window, folder);
  wait_for_toast (f);
  g_assert_true (g_str_has_prefix (psi_editor_toast_get_text (psi_window_get_toast (f->window)),
                                   "Exported "));

  g_assert_true (g_file_test (public_key, G_FILE_TEST_IS_REGULAR));
  assert_valid_file (batch, public_key);
  d = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, "PSI-"))
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);

        assert_valid_file (path, public_key);
      }
  return g_steal_pointer (&dir);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  /* Nothing chosen in the conferences */
  psi_window_set_section (f->window, "conferences");
  psi_test_settle ();
  g_assert_false (action_enabled (f, "print-certificates"));
  g_assert_false (action_enabled (f, "export-certificates"));
  g_assert_true (action_enabled (f, "verify-certificate"));
  g_assert_true (action_enabled (f, "export-public-key"));

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AWARD,
                                         id_of (f->store, PSI_RECORD_KIND_AWARD,
                                                KENESH_CLUSTER_AWARD)));
  psi_test_settle ();
  g_assert_true (action_enabled (f, "print-certificates"));
  g_assert_true (action_enabled (f, "export-certificates"));

  psi_window_set_section (f->window, "municipalities");
  psi_test_settle ();
  g_assert_false (action_enabled (f, "print-certificates"));

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_COMPETITION,
                                         id_of (f->store, PSI_RECORD_KIND_COMPETITION,
                                                CAMPAIGN)));
  psi_test_settle ();
  g_assert_true (action_enabled (f, "print-certificates"));
  g_assert_true (action_enabled (f, "export-certificates"));
}

static void
test_export_award (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) issued = NULL;
  g_autoptr(GError) error = NULL;
  gint64 award = id_of (f->store, PSI_RECORD_KIND_AWARD, KENESH_CLUSTER_AWARD);

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AWARD, award));
  psi_test_settle ();
  dir = export_selection (f, "award");
  g_assert_cmpuint (count_certificate_files (dir), ==, 1);
  {
    g_autofree char *expected =
      g_strdup_printf ("Exported 1 signed certificate and the public key to “%s”", dir);

    g_assert_cmpstr (psi_editor_toast_get_text (psi_window_get_toast (f->window)), ==,
                     expected);
  }

  /* Issued on the way, through the worker's own connection */
  issued = psi_store_certificate_list_for_award (f->store, award, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issued->len, ==, 1);

  /* A second export reuses it */
  g_clear_pointer (&dir, g_free);
  dir = export_selection (f, "award-again");
  g_assert_cmpuint (count_certificate_files (dir), ==, 1);
  g_clear_pointer (&issued, g_ptr_array_unref);
  issued = psi_store_certificate_list_for_award (f->store, award, &error);
  g_assert_cmpuint (issued->len, ==, 1);
}

static void
test_export_competition (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dir = NULL;

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_COMPETITION,
                                         id_of (f->store, PSI_RECORD_KIND_COMPETITION,
                                                CAMPAIGN)));
  psi_test_settle ();
  dir = export_selection (f, "campaign");
  /* The seven winners of the information campaign */
  g_assert_cmpuint (count_certificate_files (dir), ==, 7);
}

static void
test_public_key (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "partner-key.pem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *key_path = psi_certificate_sign_dup_default_key_path ();
  g_autoptr(GBytes) pem = NULL;

  /* The key lives in this test's own XDG folder */
  g_assert_true (g_str_has_prefix (key_path, g_get_user_data_dir ()));
  psi_window_export_public_key (f->window, file);
  wait_for_toast (f);
  text = psi_test_read_text (path);
  g_assert_true (g_str_has_prefix (text, "-----BEGIN PUBLIC KEY-----"));
  g_assert_null (strstr (text, "PRIVATE"));
  pem = psi_certificate_sign_dup_public_pem (key_path, NULL);
  g_assert_nonnull (pem);
  ours = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  g_assert_cmpstr (text, ==, ours);
}

static PsiCertificateVerifyDialog *
verify (Fixture    *f,
        const char *path,
        int         verdict,
        const char *heading,
        const char *screenshot)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PsiCertificateVerifyDialog *dialog = psi_window_verify_certificate (f->window, file);

  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, dialog));
  g_assert_true (psi_test_wait_for (verify_is_done, dialog));
  g_assert_cmpint (psi_certificate_verify_dialog_get_verdict (dialog), ==, verdict);
  g_assert_cmpstr (psi_certificate_verify_dialog_get_heading (dialog), ==, heading);
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "PSI-2020-0001"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Kenesh cluster"));
  if (screenshot != NULL)
    psi_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
  return dialog;
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *good = NULL;
  g_autofree char *original = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *tampered = g_build_filename (f->tmpdir, "tampered.xml", NULL);
  g_autofree char *foreign = g_build_filename (f->tmpdir, "foreign.xml", NULL);
  g_autofree char *foreign_key = g_build_filename (f->tmpdir, "foreign", "key.pem", NULL);
  g_autofree char *foreign_public = g_build_filename (f->tmpdir, "foreign-public.pem", NULL);
  PsiCertificateVerifyDialog *dialog;

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AWARD,
                                         id_of (f->store, PSI_RECORD_KIND_AWARD,
                                                KENESH_CLUSTER_AWARD)));
  psi_test_settle ();
  dir = export_selection (f, "out");
  good = g_build_filename (dir, "PSI-2020-0001.xml", NULL);

  dialog = verify (f, good, PSI_CERTIFICATE_VALID, "The certificate is valid",
                   "certificate-verify-valid");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A changed amount */
  original = psi_test_read_text (good);
  changed = replace_once (original, "grant-kgs=\"5000000\"", "grant-kgs=\"50000000\"");
  psi_test_write_text (tampered, changed);
  dialog = verify (f, tampered, PSI_CERTIFICATE_MODIFIED, "The certificate was modified",
                   "certificate-verify-modified");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Signed by a partner's key */
  {
    g_autoptr(PsiCertificate) c = psi_store_certificate_get (f->store, "PSI-2020-0001", &error);
    g_autoptr(GFile) file = g_file_new_for_path (foreign);
    g_autoptr(GFile) key_file = g_file_new_for_path (foreign_public);
    g_autoptr(GBytes) pem = NULL;
    xmlDocPtr doc;

    g_assert_no_error (error);
    doc = psi_certificate_xml_build (f->store, c, &error);
    g_assert_no_error (error);
    g_assert_true (psi_certificate_xml_sign_and_write (doc, foreign_key, file, &error));
    g_assert_no_error (error);
    xmlFreeDoc (doc);
    pem = psi_certificate_sign_dup_public_pem (foreign_key, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_replace_contents (key_file, g_bytes_get_data (pem, NULL),
                                            g_bytes_get_size (pem), NULL, FALSE,
                                            G_FILE_CREATE_NONE, NULL, NULL, &error));

    dialog = verify (f, foreign, PSI_CERTIFICATE_UNKNOWN_KEY, "Signed by an unknown key",
                     "certificate-verify-unknown-key");
    /* … and valid with the partner's key */
    psi_certificate_verify_dialog_set_public_key (dialog, key_file);
    g_assert_true (psi_test_wait_for (verify_is_done, dialog));
    g_assert_cmpint (psi_certificate_verify_dialog_get_verdict (dialog), ==,
                     PSI_CERTIFICATE_VALID);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Not XML at all */
  psi_test_write_text (tampered, "not a certificate");
  {
    g_autoptr(GFile) file = g_file_new_for_path (tampered);

    dialog = psi_window_verify_certificate (f->window, file);
    g_assert_true (psi_test_wait_for (verify_is_done, dialog));
    g_assert_cmpint (psi_certificate_verify_dialog_get_verdict (dialog), ==, -1);
    g_assert_cmpstr (psi_certificate_verify_dialog_get_heading (dialog), ==,
                     "The file cannot be checked");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  psi_test_settle ();
}

/* PDF read back */

static char *
pdftotext (const char *pdf)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  const char *argv[] = { NULL, "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (tool == NULL)
    return NULL;
  argv[0] = tool;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The first page rendered by pdftoppm has ink on more than 2 % of it */
static void
assert_first_page_not_blank (const char *pdf,
                             const char *prefix)
{
  g_autofree char *tool = g_find_program_in_path ("pdftoppm");
  const char *argv[] = { NULL, "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf,
                         prefix, NULL };
  g_autofree char *png_path = g_strconcat (prefix, ".png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png;
  unsigned char *pixels;
  int width, height, stride, status;
  guint64 dark = 0;

  if (tool == NULL)
    return;
  argv[0] = tool;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (png);
  pixels = cairo_image_surface_get_data (png);
  width = cairo_image_surface_get_width (png);
  height = cairo_image_surface_get_height (png);
  stride = cairo_image_surface_get_stride (png);
  g_assert_cmpint (width, >, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((*(guint32 *) (pixels + y * stride + x * 4) & 0xffffff) != 0xffffff)
        dark++;
  cairo_surface_destroy (png);
  g_assert_cmpuint (dark * 50, >, (guint64) width * height);
}

static gboolean
preview_has_status (gpointer data)
{
  return !psi_certificate_preview_get_busy (data) &&
         psi_certificate_preview_get_status (data) != NULL;
}

static void
test_preview_pdf (Fixture       *f,
                  gconstpointer  data)
{
  const char *winners[] = { "Beshik-Jon", "Teplokluchenka", "Dostuk", "Masy", "Orgochor" };
  g_autofree char *pdf = g_build_filename (f->tmpdir, "campaign.pdf", NULL);
  g_autofree char *prefix = g_build_filename (f->tmpdir, "campaign-page", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  PsiCertificatePreview *preview;

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_COMPETITION,
                                         id_of (f->store, PSI_RECORD_KIND_COMPETITION,
                                                CAMPAIGN)));
  psi_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-certificates",
                                             NULL));
  psi_test_settle ();
  /* The action opened one; this is the same as what the action does */
  preview = psi_window_show_certificates (f->window);
  g_assert_nonnull (preview);
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, preview));
  g_assert_true (psi_test_wait_for (preview_is_ready, preview));
  g_assert_null (psi_certificate_preview_get_problem (preview));
  g_assert_cmpuint (psi_certificate_preview_get_n_pages (preview), ==, 7);
  /* The interface language at first */
  g_assert_cmpint (psi_certificate_preview_get_language (preview), ==, PSI_CERTIFICATE_PDF_EN);
  g_assert_true (psi_test_find_label (GTK_WIDGET (preview), "Certificate 1 of 7"));
  psi_test_save_screenshot (GTK_WIDGET (preview), "certificate-preview");
  psi_test_save_screenshot (psi_certificate_preview_get_page_widget (preview),
                            "certificate-preview-page");

  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL);
  psi_certificate_preview_set_language (preview, PSI_CERTIFICATE_PDF_TRILINGUAL);
  psi_test_settle ();
  g_assert_true (psi_test_find_label (GTK_WIDGET (preview), "Certificate 2 of 7"));
  psi_test_save_screenshot (GTK_WIDGET (preview), "certificate-preview-trilingual");

  /* Export as PDF, the whole competition */
  psi_certificate_preview_set_language (preview, PSI_CERTIFICATE_PDF_EN);
  psi_certificate_preview_export_pdf (preview, file);
  g_assert_true (psi_certificate_preview_get_busy (preview));
  g_assert_true (psi_test_wait_for (preview_has_status, preview));
  g_assert_true (g_str_has_prefix (psi_certificate_preview_get_status (preview),
                                   "Saved 7 certificates to"));
  text = pdftotext (pdf);
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (winners); i++)
    g_assert_nonnull (strstr (text, winners[i]));
  assert_first_page_not_blank (pdf, prefix);

  /* The print operation draws the same pages (exported to PDF: no print dialog here) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *printed = g_build_filename (f->tmpdir, "printed.pdf", NULL);
    g_autofree char *printed_text = NULL;

    g_assert_true (psi_certificate_preview_print (preview, printed, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
    printed_text = pdftotext (printed);
    for (guint i = 0; printed_text != NULL && i < G_N_ELEMENTS (winners); i++)
      g_assert_nonnull (strstr (printed_text, winners[i]));
    g_free (prefix);
    prefix = g_build_filename (f->tmpdir, "printed-page", NULL);
    assert_first_page_not_blank (printed, prefix);
  }

  /* Stopped at once: no file */
  {
    g_autofree char *stopped = g_build_filename (f->tmpdir, "stopped.pdf", NULL);
    g_autoptr(GFile) stopped_file = g_file_new_for_path (stopped);

    psi_certificate_preview_export_pdf (preview, stopped_file);
    gtk_widget_activate_action (GTK_WIDGET (preview), "preview.cancel-export", NULL);
    g_assert_true (psi_test_wait_for (preview_has_status, preview));
    g_test_message ("after Stop: %s", psi_certificate_preview_get_status (preview));
    if (g_str_has_prefix (psi_certificate_preview_get_status (preview), "Stopped"))
      g_assert_false (g_file_test (stopped, G_FILE_TEST_EXISTS));
    else
      g_assert_true (g_file_test (stopped, G_FILE_TEST_EXISTS));
  }

  gtk_window_destroy (GTK_WINDOW (preview));
  psi_test_settle ();
}

static void
test_missing_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) cluster = NULL;
  g_autoptr(PsiText) name = NULL;
  g_autofree char *pdf = g_build_filename (f->tmpdir, "missing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  PsiCertificatePreview *preview;
  const char *problem;

  cluster = psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_CLUSTER, KENESH_CLUSTER, &error);
  g_assert_no_error (error);
  name = psi_text_with (psi_record_get_name (cluster), PSI_LANGUAGE_KY, NULL);
  psi_record_set_name (cluster, name);
  g_assert_true (psi_store_save (f->store, cluster, &error));
  g_assert_no_error (error);

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AWARD,
                                         id_of (f->store, PSI_RECORD_KIND_AWARD,
                                                KENESH_CLUSTER_AWARD)));
  psi_test_settle ();
  preview = psi_window_show_certificates (f->window);
  g_assert_true (psi_test_wait_for (preview_is_ready, preview));
  g_assert_null (psi_certificate_preview_get_problem (preview));

  psi_certificate_preview_set_language (preview, PSI_CERTIFICATE_PDF_KY);
  psi_test_settle ();
  problem = psi_certificate_preview_get_problem (preview);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "PSI-2020-0001"));
  g_assert_nonnull (strstr (problem, "the recipient's name"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (preview), problem));
  /* Neither Print nor Export as PDF */
  g_assert_false (gtk_widget_is_sensitive (find_button_widget (GTK_WIDGET (preview),
                                                               "_Print…")));
  g_assert_false (gtk_widget_is_sensitive (find_button_widget (GTK_WIDGET (preview),
                                                               "Export as P_DF…")));
  psi_test_save_screenshot (GTK_WIDGET (preview), "certificate-preview-missing");
  psi_certificate_preview_export_pdf (preview, file);
  psi_test_settle ();
  g_assert_false (psi_certificate_preview_get_busy (preview));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Russian is complete */
  psi_certificate_preview_set_language (preview, PSI_CERTIFICATE_PDF_RU);
  psi_test_settle ();
  g_assert_null (psi_certificate_preview_get_problem (preview));
  gtk_window_destroy (GTK_WINDOW (preview));
  psi_test_settle ();
}


static gboolean
editor_is_open (gpointer data)
{
  GtkWindow *editor = psi_window_get_editor (data);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static void
test_delete_blocked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiCertificate) certificate = NULL;
  g_autoptr(PsiDeletion) competition = NULL;
  g_autoptr(PsiRecord) still = NULL;
  gint64 award = id_of (f->store, PSI_RECORD_KIND_AWARD, KENESH_CLUSTER_AWARD);
  GtkWindow *dialog;

  certificate = psi_store_certificate_issue (f->store, award, "2020-12-16", &error);
  g_assert_no_error (error);

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AWARD, award));
  psi_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-record",
                                             NULL));
  g_assert_true (psi_test_wait_for (editor_is_open, f->window));
  psi_test_settle ();
  dialog = psi_window_get_editor (f->window);
  g_assert_true (PSI_IS_EDITOR_DELETE_DIALOG (dialog));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), certificate->number));
  g_assert_false (find_button (GTK_WIDGET (dialog), "_Delete"));
  g_assert_true (find_button (GTK_WIDGET (dialog), "_Close"));
  psi_test_save_screenshot (GTK_WIDGET (dialog), "certificate-delete");

  /* Even asked for, nothing is deleted */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "delete.confirm", NULL);
  psi_test_settle ();
  still = psi_store_load (f->store, PSI_RECORD_KIND_AWARD, award, &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "delete.cancel", NULL);
  psi_test_settle ();

  /* The competition of the award is held back too, with a message naming the certificate */
  competition = psi_deletion_new (f->store, PSI_RECORD_KIND_COMPETITION,
                                  psi_award_get_competition_id (PSI_AWARD (still)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psi_deletion_get_n_blockers (competition), ==, 1);
  g_assert_cmpstr (psi_deletion_get_blocker (competition, 0, NULL), ==, certificate->number);
  g_assert_false (psi_deletion_apply (competition, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, certificate->number));
}

static void
skip_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  /* The signing key is made in a data folder of this run's own, removed at the end.
   * (G_TEST_OPTION_ISOLATE_DIRS would also hide the MIME database, and GTK's icons with it.) */
  data_home = g_dir_make_tmp ("psi-certificates-ui-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui/certificates/no-display", skip_no_display);
      status = g_test_run ();
      psi_test_remove_tree (data_home);
      return status;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/certificates/actions", test_actions);
  ADD ("/ui/certificates/export-award", test_export_award);
  ADD ("/ui/certificates/export-competition", test_export_competition);
  ADD ("/ui/certificates/public-key", test_public_key);
  ADD ("/ui/certificates/verify", test_verify);
  ADD ("/ui/certificates/preview-pdf", test_preview_pdf);
  ADD ("/ui/certificates/missing-text", test_missing_text);
  ADD ("/ui/certificates/delete-blocked", test_delete_blocked);
#undef ADD

  status = g_test_run ();
  psi_test_remove_tree (data_home);
  return status;
}
