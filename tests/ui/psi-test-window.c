/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "psi-test-window.h"

#include "psi-record-list.h"
#include "psi-sample.h"
#include "psi-test-ui.h"

void
psi_test_window_setup (PsiTestWindow *f,
                       const char    *prefix,
                       gboolean       show)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);

  g_settings_reset (settings, "last-section");
  psi_language_set_current (PSI_LANGUAGE_EN);

  f->tmpdir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->tmpdir, "records.sqlite3", NULL);
  f->store = psi_sample_open_store (f->path, &error);
  g_assert_no_error (error);
  f->window = NULL;

  if (show)
    psi_test_window_show (f);
}

void
psi_test_window_show (PsiTestWindow *f)
{
  g_assert_null (f->window);

  f->window = g_object_ref (psi_window_new (NULL, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, f->window));
  psi_test_settle ();
}

void
psi_test_window_teardown (PsiTestWindow *f)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      psi_test_settle ();
      g_assert_finalize_object (g_steal_pointer (&f->window));
    }
  if (f->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->store));
  psi_test_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
  g_clear_pointer (&f->path, g_free);
  psi_language_set_current (PSI_LANGUAGE_EN);
}

gint64
psi_test_id_by_title (PsiStore      *store,
                      PsiRecordKind  kind,
                      const char    *title)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *t = psi_record_dup_title (record, PSI_LANGUAGE_EN);

      if (g_str_equal (t, title))
        return psi_record_get_id (record);
    }
  return 0;
}
