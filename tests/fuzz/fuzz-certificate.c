/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness of certificate verification (app/xml/psi-certificate-sign.c): each input is
 * written as a certificate file and checked with psi_certificate_verify_file () against a fixed
 * public key, the one that signed the seed corpus (corpus/certificate/, exported by the app with
 * `psi-records --export-certificates`; the key is fuzz-certificate-key.pem beside this file).
 * A file is either refused with PSI_CERTIFICATE_SIGN_ERROR_READ naming it, or given a verdict;
 * criticals and warnings abort.
 *
 * Built only with -Dfuzzing=true and clang; see tests/fuzz/README.md. */

#define G_LOG_DOMAIN "psi-fuzz"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdint.h>

#include "fuzz-temp-dir.h"
#include "psi-certificate-sign.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GBytes *public_pem;
static char *path;
static GFile *file;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *fingerprint = NULL;
  gsize pem_size;
  const char *dir;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  dir = fuzz_make_temp_dir ();

  g_file_get_contents (FUZZ_CERTIFICATE_KEY, &pem, &pem_size, &error);
  g_assert_no_error (error);
  public_pem = g_bytes_new_take (g_steal_pointer (&pem), pem_size);
  fingerprint = psi_certificate_sign_dup_fingerprint (public_pem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fingerprint);

  path = g_build_filename (dir, "certificate.xml", NULL);
  file = g_file_new_for_path (path);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  PsiCertificateVerdict verdict = (PsiCertificateVerdict) -1;

  g_file_set_contents (path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);

  if (psi_certificate_verify_file (file, public_pem, &verdict, &error))
    {
      g_assert_no_error (error);
      g_assert_true (verdict == PSI_CERTIFICATE_VALID || verdict == PSI_CERTIFICATE_MODIFIED ||
                     verdict == PSI_CERTIFICATE_UNKNOWN_KEY ||
                     verdict == PSI_CERTIFICATE_UNSIGNED);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == PSI_CERTIFICATE_SIGN_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  return 0;
}
