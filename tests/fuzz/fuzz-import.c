/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness of the XML importer: every input is imported as a dry run into a records
 * file holding the sample conference (so references and updates resolve), then rolled back.
 * Built only with -Dfuzzing=true and clang; see tests/fuzz/README.md. */

#define G_LOG_DOMAIN "psi-fuzz"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdint.h>

#include "fuzz-temp-dir.h"
#include "psi-sample.h"
#include "psi-store.h"
#include "psi-xml-import.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static PsiStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *dir;
  g_autofree char *path = NULL;

  /* A critical or warning is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  dir = fuzz_make_temp_dir ();
  path = g_build_filename (dir, "records.db", NULL);
  store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(GError) error = NULL;
  PsiXmlImportSummary summary;

  if (psi_xml_import_stream (store, stream, "fuzz.xml", PSI_XML_IMPORT_DRY_RUN, &summary,
                             NULL, &error))
    {
      g_assert_no_error (error);
    }
  else
    {
      /* Every refusal is ours, says where and what. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == PSI_XML_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.xml"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  return 0;
}
