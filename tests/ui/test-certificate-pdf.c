/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Printed certificates: amounts in words, PDFs read back with pdftotext (the recipient, the
 * amount in words, the captions in each language) and pdftoppm (pages not blank), a batch of a
 * whole competition, and refusals for missing texts. No display needed. */

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "psi-test-files.h"
#include "psi-certificate-pdf.h"
#include "psi-certificate-sign.h"
#include "psi-certificate-xml.h"
#include "psi-sample.h"

#define KENESH_CLUSTER_AWARD "42fbe0f1-4676-42e2-a105-20d8d5df9f0f"
#define KENESH_CLUSTER "6329bd29-65ce-40be-ad0a-be1491c30486"
#define CAMPAIGN "26591b64-1510-49f8-9115-3a00a1e1b5c1"
#define SIAP "60f32d27-f312-4ab6-b850-22347de2f68b"

typedef struct
{
  char     *dir;
  char     *key_path;
  PsiStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("psi-test-certificate-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "records.db", NULL);
  f->key_path = g_build_filename (f->dir, "keys", "signing-key.pem", NULL);
  f->store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  psi_test_remove_tree (f->dir);
  g_free (f->key_path);
  g_free (f->dir);
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
have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  return path != NULL;
}

static void
test_amount_in_words (void)
{
  struct { guint64 amount; const char *en, *ru, *ky; } cases[] = {
    { 5000000, "five million", "пять миллионов", "беш миллион" },
    { 0, "zero", "ноль", "нөл" },
    { 1, "one", "один", "бир" },
    { 21, "twenty-one", "двадцать один", "жыйырма бир" },
    { 1000, "one thousand", "одна тысяча", "миң" },
    { 2002, "two thousand two", "две тысячи два", "эки миң эки" },
    { 1500000, "one million five hundred thousand", "один миллион пятьсот тысяч",
      "бир миллион беш жүз миң" },
    { 25000000, "twenty-five million", "двадцать пять миллионов", "жыйырма беш миллион" },
    { 3000000000, "three billion", "три миллиарда", "үч миллиард" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *en = psi_certificate_amount_in_words (cases[i].amount, PSI_LANGUAGE_EN);
      g_autofree char *ru = psi_certificate_amount_in_words (cases[i].amount, PSI_LANGUAGE_RU);
      g_autofree char *ky = psi_certificate_amount_in_words (cases[i].amount, PSI_LANGUAGE_KY);

      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (ru, ==, cases[i].ru);
      g_assert_cmpstr (ky, ==, cases[i].ky);
    }
}

static char *
pdftotext (const char *pdf)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", pdf, "-", NULL };
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

/* pdftotext may break lines inside a long text: compare with all whitespace as one space */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_unichar (s, c);
        }
    }
  return g_string_free (s, FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  g_autofree char *a = squeeze (text);
  g_autofree char *b = squeeze (needle);

  if (strstr (a, b) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", needle, text);
}

/* Renders every page with pdftoppm; returns the number of pages, each checked not blank */
static guint
check_pages_not_blank (const char *pdf,
                       const char *prefix)
{
  g_autofree char *tool = g_find_program_in_path ("pdftoppm");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (prefix);
  g_autofree char *base = g_path_get_basename (prefix);
  const char *argv[] = { NULL, "-png", "-r", "40", pdf, prefix, NULL };
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint pages = 0;
  int status;

  if (tool == NULL)
    return 0;
  argv[0] = tool;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      cairo_surface_t *png;
      unsigned char *data;
      int width, height, stride;
      guint64 dark = 0;

      if (!g_str_has_prefix (name, base) || !g_str_has_suffix (name, ".png"))
        continue;
      path = g_build_filename (dir, name, NULL);
      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (png);
      data = cairo_image_surface_get_data (png);
      width = cairo_image_surface_get_width (png);
      height = cairo_image_surface_get_height (png);
      stride = cairo_image_surface_get_stride (png);
      /* A4 landscape */
      g_assert_cmpint (width, >, height);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 pixel = *(guint32 *) (data + y * stride + x * 4);

            if ((pixel & 0xffffff) != 0xffffff)
              dark++;
          }
      cairo_surface_destroy (png);
      /* Frame, text and the QR code: well above 2 % of the page */
      g_assert_cmpuint (dark * 50, >, (guint64) width * height);
      pages++;

      /* Kept for a look by hand: build/tests/ui/certificate-*.png */
      if (g_getenv ("G_TEST_BUILDDIR") != NULL)
        {
          g_autofree char *kept_name = g_strconcat ("certificate-", name, NULL);
          g_autofree char *kept = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "ui",
                                                    kept_name, NULL);
          g_autoptr(GFile) from = g_file_new_for_path (path);
          g_autoptr(GFile) to = g_file_new_for_path (kept);

          g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
        }
    }
  return pages;
}

static GPtrArray *
signed_docs_of_award (Fixture    *f,
                      const char *award_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiCertificate) c = NULL;
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeDoc);
  xmlDocPtr doc;

  c = psi_store_certificate_issue (f->store, id_of (f->store, PSI_RECORD_KIND_AWARD, award_uuid),
                                   "2020-12-16", &error);
  g_assert_no_error (error);
  doc = psi_certificate_xml_build (f->store, c, &error);
  g_assert_no_error (error);
  g_assert_true (psi_certificate_sign_doc (doc, f->key_path, &error));
  g_assert_no_error (error);
  g_ptr_array_add (docs, doc);
  return docs;
}

static void
test_languages (Fixture       *f,
                gconstpointer  data)
{
  struct { PsiCertificatePdfLanguage language; const char *name, *words, *caption, *date; }
  cases[] = {
    { PSI_CERTIFICATE_PDF_EN, "Kenesh cluster", "five million som",
      "Programme designed and financed by the Government of Switzerland", "16 December 2020" },
    { PSI_CERTIFICATE_PDF_RU, "Кластер Кенеш", "пять миллионов сомов",
      "Программа разработана и финансируется Правительством Швейцарии",
      "16 декабря 2020 г." },
    { PSI_CERTIFICATE_PDF_KY, "Кеңеш кластери", "беш миллион сом",
      "Программа Швейцария Өкмөтү тарабынан түзүлгөн жана каржыланган",
      "2020-жылдын 16-декабры" },
  };
  g_autoptr(GPtrArray) docs = signed_docs_of_award (f, KENESH_CLUSTER_AWARD);
  g_autofree char *tool = g_find_program_in_path ("pdftotext");

  if (tool == NULL)
    g_test_message ("pdftotext is not installed: the text of the PDFs is not checked");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("lang-%u.pdf", i);
      g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
      g_autofree char *prefix = g_strdup_printf ("%s/page-%u", f->dir, i);
      g_autoptr(GFile) file = g_file_new_for_path (pdf);
      g_autofree char *text = NULL;

      g_assert_true (psi_certificate_pdf_render_docs (docs, cases[i].language, file, &error));
      g_assert_no_error (error);
      text = pdftotext (pdf);
      if (text != NULL)
        {
          assert_contains (text, cases[i].name);
          assert_contains (text, cases[i].words);
          assert_contains (text, cases[i].caption);
          assert_contains (text, cases[i].date);
          assert_contains (text, "5 000 000");
          assert_contains (text, "PSI-2020-0001");
          /* A single-language page holds no other language's name */
          for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
            if (j != i)
              g_assert_null (strstr (text, cases[j].name));
          g_assert_null (strstr (text, "Ѳ"));
        }
      if (have ("pdftoppm"))
        g_assert_cmpuint (check_pages_not_blank (pdf, prefix), ==, 1);
    }

  /* Trilingual: every language on one page */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf = g_build_filename (f->dir, "trilingual.pdf", NULL);
    g_autofree char *prefix = g_build_filename (f->dir, "tri", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    g_autofree char *text = NULL;

    g_assert_true (psi_certificate_pdf_render_docs (docs, PSI_CERTIFICATE_PDF_TRILINGUAL, file,
                                                    &error));
    g_assert_no_error (error);
    text = pdftotext (pdf);
    for (guint i = 0; text != NULL && i < G_N_ELEMENTS (cases); i++)
      {
        assert_contains (text, cases[i].name);
        assert_contains (text, cases[i].caption);
      }
    if (text != NULL)
      {
        assert_contains (text, "Бешик-Жон");
        assert_contains (text, "Долбоордун жетекчиси");
        assert_contains (text, "Руководитель Проекта");
        assert_contains (text, "Project Manager");
      }
    if (have ("pdftoppm"))
      g_assert_cmpuint (check_pages_not_blank (pdf, prefix), ==, 1);
  }
}

/* The QR code holds the number and the SHA-256 of the signature value */
static void
test_qr_payload (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) docs = signed_docs_of_award (f, KENESH_CLUSTER_AWARD);
  xmlDocPtr doc = g_ptr_array_index (docs, 0);
  g_autofree char *payload = psi_certificate_pdf_dup_qr_payload (doc);
  g_autofree char *expected = NULL;
  g_autofree char *digest = NULL;
  g_autofree guchar *raw = NULL;
  xmlChar *value = NULL;
  gsize size;

  for (xmlNodePtr n = xmlDocGetRootElement (doc)->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST "Signature"))
      for (xmlNodePtr m = n->children; m != NULL; m = m->next)
        if (m->type == XML_ELEMENT_NODE && xmlStrEqual (m->name, BAD_CAST "SignatureValue"))
          value = xmlNodeGetContent (m);
  g_assert_nonnull (value);
  raw = g_base64_decode ((const char *) value, &size);
  xmlFree (value);
  g_assert_cmpuint (size, ==, 384);  /* RSA 3072 */
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, raw, size);
  expected = g_strdup_printf ("PSI-2020-0001\nsha256:%s", digest);
  g_assert_cmpstr (payload, ==, expected);

  /* The printed code reads back: the page rendered by pdftoppm, decoded by zbarimg. */
  if (have ("pdftoppm") && have ("zbarimg"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *pdf = g_build_filename (f->dir, "qr.pdf", NULL);
      g_autofree char *prefix = g_build_filename (f->dir, "qr", NULL);
      g_autofree char *png = g_strconcat (prefix, ".png", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (pdf);
      g_autofree char *decoded = NULL;
      const char *render[] = { "pdftoppm", "-png", "-r", "150", "-singlefile", pdf, prefix, NULL };
      const char *decode[] = { "zbarimg", "--quiet", "--raw", png, NULL };
      int status;

      g_assert_true (psi_certificate_pdf_render_docs (docs, PSI_CERTIFICATE_PDF_EN, file, &error));
      g_assert_no_error (error);
      g_spawn_sync (NULL, (char **) render, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_spawn_sync (NULL, (char **) decode, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &decoded, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_strchomp (decoded);
      g_assert_cmpstr (decoded, ==, expected);
    }
  else
    g_test_message ("pdftoppm or zbarimg missing: the printed QR code was not decoded");
}

static void
test_missing_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) cluster = NULL;
  g_autoptr(PsiText) name = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);

  cluster = psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_CLUSTER, KENESH_CLUSTER, &error);
  g_assert_no_error (error);
  name = psi_text_with (psi_record_get_name (cluster), PSI_LANGUAGE_KY, NULL);
  psi_record_set_name (cluster, name);
  g_assert_true (psi_store_save (f->store, cluster, &error));
  g_assert_no_error (error);

  docs = signed_docs_of_award (f, KENESH_CLUSTER_AWARD);
  g_assert_false (psi_certificate_pdf_render_docs (docs, PSI_CERTIFICATE_PDF_KY, file, &error));
  g_assert_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_MISSING_TEXT);
  g_assert_nonnull (strstr (error->message, "PSI-2020-0001"));
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (psi_certificate_pdf_render_docs (docs, PSI_CERTIFICATE_PDF_TRILINGUAL, file,
                                                   &error));
  g_assert_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_MISSING_TEXT);
  g_clear_error (&error);

  /* Russian and English are still complete */
  g_assert_true (psi_certificate_pdf_render_docs (docs, PSI_CERTIFICATE_PDF_RU, file, &error));
  g_assert_no_error (error);

  /* Unsigned documents are refused */
  {
    g_autoptr(PsiCertificate) c = psi_store_certificate_get (f->store, "PSI-2020-0001", &error);
    g_autoptr(GPtrArray) unsigned_docs =
      g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeDoc);

    g_assert_no_error (error);
    g_ptr_array_add (unsigned_docs, psi_certificate_xml_build (f->store, c, &error));
    g_assert_no_error (error);
    g_assert_false (psi_certificate_pdf_render_docs (unsigned_docs, PSI_CERTIFICATE_PDF_EN, file,
                                                     &error));
    g_assert_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_INVALID);
  }
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "campaign.pdf", NULL);
  g_autofree char *prefix = g_build_filename (f->dir, "campaign", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  g_autoptr(PsiCertificate) last = NULL;
  const char *winners[] = { "Beshik-Jon", "Teplokluchenka", "Dostuk", "B. Mambetov", "Masy",
                            "Toktogul (town)", "Orgochor" };

  g_assert_true (psi_certificate_pdf_export_competition (
    f->store, id_of (f->store, PSI_RECORD_KIND_COMPETITION, CAMPAIGN), PSI_CERTIFICATE_PDF_EN,
    f->key_path, file, &error));
  g_assert_no_error (error);
  text = pdftotext (pdf);
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (winners); i++)
    assert_contains (text, winners[i]);
  if (text != NULL)
    {
      assert_contains (text, "1st place");
      assert_contains (text, "3rd place");
      assert_contains (text, "printer");
      assert_contains (text, "Project Manager");
    }
  if (have ("pdftoppm"))
    g_assert_cmpuint (check_pages_not_blank (pdf, prefix), ==, 7);

  /* The certificates were issued once: a second batch reuses them */
  g_assert_true (psi_certificate_pdf_export_competition (
    f->store, id_of (f->store, PSI_RECORD_KIND_COMPETITION, SIAP), PSI_CERTIFICATE_PDF_KY,
    f->key_path, file, &error));
  g_assert_no_error (error);
  last = psi_store_certificate_get (f->store, "PSI-2020-0012", NULL);
  g_assert_nonnull (last);
  g_assert_null (psi_store_certificate_get (f->store, "PSI-2020-0013", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate-pdf/amount-in-words", test_amount_in_words);
  g_test_add ("/certificate-pdf/languages", Fixture, NULL,
              fixture_set_up, test_languages, fixture_tear_down);
  g_test_add ("/certificate-pdf/qr-payload", Fixture, NULL,
              fixture_set_up, test_qr_payload, fixture_tear_down);
  g_test_add ("/certificate-pdf/missing-text", Fixture, NULL,
              fixture_set_up, test_missing_text, fixture_tear_down);
  g_test_add ("/certificate-pdf/batch", Fixture, NULL,
              fixture_set_up, test_batch, fixture_tear_down);

  return g_test_run ();
}
