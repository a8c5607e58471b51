/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness of the search folding (app/model/psi-text.c) and of the search of a list
 * (app/store/psi-record-list.c: the folded query made into an FTS5 string or a scan). Each input
 * is taken as what a user types:
 *
 *  - psi_fold_string () and psi_fold_query () always give valid UTF-8 without a newline (the
 *    search column separates languages with '\n'), also from invalid input;
 *  - a text that is valid UTF-8: psi_fold_query () of each of its beginnings (cut at a character
 *    chosen by the first byte) is found in psi_fold_string () of the whole text;
 *  - the municipalities of the sample conference that a PsiRecordList finds with that search are
 *    exactly those whose folded names (their search column) contain the folded query, whether
 *    the list answers through the trigram index or a scan; every row it reports can be read.
 *
 * Built only with -Dfuzzing=true and clang; see tests/fuzz/README.md. */

#define G_LOG_DOMAIN "psi-fuzz"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-temp-dir.h"
#include "psi-record-list.h"
#include "psi-sample.h"
#include "psi-store.h"
#include "psi-text.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Longer texts add nothing the folding has not seen and slow the list search down. */
#define MAX_TEXT 4096

static PsiStore *store;
static PsiRecordList *list;
static GPtrArray *folded_names;   /* psi_text_dup_fold () of every municipality's name */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecordList) all = NULL;
  const char *dir;
  g_autofree char *path = NULL;
  guint n;

  /* A critical or warning is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  dir = fuzz_make_temp_dir ();
  path = g_build_filename (dir, "records.db", NULL);
  store = psi_sample_open_store (path, &error);
  g_assert_no_error (error);

  folded_names = g_ptr_array_new_with_free_func (g_free);
  all = psi_record_list_new (store, PSI_RECORD_KIND_MUNICIPALITY);
  n = g_list_model_get_n_items (G_LIST_MODEL (all));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (G_LIST_MODEL (all), i);

      g_assert_nonnull (record);
      g_ptr_array_add (folded_names, psi_text_dup_fold (psi_record_get_name (record)));
    }

  list = psi_record_list_new (store, PSI_RECORD_KIND_MUNICIPALITY);
  return 0;
}

static void
check_folded (const char *folded)
{
  g_assert_nonnull (folded);
  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_null (strchr (folded, '\n'));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *query = NULL;
  guint expected = 0;
  guint n;

  if (size < 1 || size > MAX_TEXT)
    return 0;

  /* The first byte picks where to cut; the rest is the text, up to an embedded NUL. */
  text = g_strndup ((const char *) data + 1, size - 1);

  whole = psi_fold_string (text);
  query = psi_fold_query (text);
  check_folded (whole);
  check_folded (query);

  if (g_utf8_validate (text, -1, NULL))
    {
      glong n_chars = g_utf8_strlen (text, -1);
      glong cut = n_chars > 0 ? data[0] % (n_chars + 1) : 0;
      g_autofree char *prefix = g_utf8_substring (text, 0, cut);
      g_autofree char *prefix_query = psi_fold_query (prefix);

      check_folded (prefix_query);
      /* What a user has typed so far is found in the name being typed. */
      if (strstr (whole, prefix_query) == NULL)
        g_error ("psi_fold_query (\"%s\") = \"%s\" is not in psi_fold_string (\"%s\") = \"%s\"",
                 prefix, prefix_query, text, whole);
      /* Same for the whole text, which a search may also stop at. */
      g_assert_nonnull (strstr (whole, query));
    }

  /* The list's search against the folded names it was built from. */
  psi_record_list_set_search (list, text);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (*query == '\0')
    expected = folded_names->len;   /* nothing to search for: everything */
  else
    for (guint i = 0; i < folded_names->len; i++)
      if (strstr (g_ptr_array_index (folded_names, i), query) != NULL)
        expected++;
  if (n != expected)
    g_error ("searching \"%s\" (folded \"%s\") found %u municipalities, not %u",
             text, query, n, expected);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *names = NULL;

      g_assert_nonnull (record);
      names = psi_text_dup_fold (psi_record_get_name (record));
      g_assert_true (*query == '\0' || strstr (names, query) != NULL);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  return 0;
}
