/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-data"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-data.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

guint
bench_n_municipalities (gint64 n_awards)
{
  return CLAMP (n_awards / 200, 10, 5000);
}

guint
bench_n_competitions (gint64 n_awards)
{
  return CLAMP (n_awards / 10000, 2, 200);
}

char *
bench_municipality_name (guint i)
{
  return g_strdup_printf ("Municipality %05u", i);
}

gboolean
bench_create_records (const char  *path,
                      gint64       n_awards,
                      GError     **error)
{
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(PsiRegion) region = psi_region_new ();
  g_autoptr(PsiEvent) event = psi_event_new ();
  g_autoptr(PsiText) name = NULL;
  g_autoptr(GArray) municipalities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) competitions = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_municipalities = bench_n_municipalities (n_awards);
  guint n_competitions = bench_n_competitions (n_awards);
  gint64 start, awards_start;
  double total_ms, awards_ms;

  store = psi_store_open (path, error);
  if (store == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  if (!psi_store_begin (store, error))
    return FALSE;

  name = psi_text_new ("Jalal-Abad region", "Джалал-Абадская область", "Жалал-Абад облусу");
  psi_record_set_name (PSI_RECORD (region), name);
  g_clear_pointer (&name, psi_text_unref);
  if (!psi_store_save (store, PSI_RECORD (region), error))
    goto failed;

  for (guint i = 0; i < n_municipalities; i++)
    {
      g_autoptr(PsiMunicipality) mun = psi_municipality_new ();
      g_autofree char *en = bench_municipality_name (i);
      g_autofree char *ru = g_strdup_printf ("Муниципалитет %05u", i);
      gint64 id;

      name = psi_text_new (en, ru, i % 2 ? NULL : "Кеңеш");
      psi_record_set_name (PSI_RECORD (mun), name);
      g_clear_pointer (&name, psi_text_unref);
      psi_municipality_set_region_id (mun, psi_record_get_id (PSI_RECORD (region)));
      if (!psi_store_save (store, PSI_RECORD (mun), error))
        goto failed;
      id = psi_record_get_id (PSI_RECORD (mun));
      g_array_append_val (municipalities, id);
    }

  name = psi_text_new ("Year-end conference", "Итоговая конференция", NULL);
  psi_record_set_name (PSI_RECORD (event), name);
  g_clear_pointer (&name, psi_text_unref);
  psi_event_set_date (event, "2020-12-16");
  if (!psi_store_save (store, PSI_RECORD (event), error))
    goto failed;

  for (guint i = 0; i < n_competitions; i++)
    {
      g_autoptr(PsiCompetition) competition = psi_competition_new ();
      g_autofree char *en = g_strdup_printf ("Competition %u", i);
      gint64 id;

      name = psi_text_new (en, NULL, NULL);
      psi_record_set_name (PSI_RECORD (competition), name);
      g_clear_pointer (&name, psi_text_unref);
      psi_competition_set_event_id (competition, psi_record_get_id (PSI_RECORD (event)));
      if (!psi_store_save (store, PSI_RECORD (competition), error))
        goto failed;
      id = psi_record_get_id (PSI_RECORD (competition));
      g_array_append_val (competitions, id);
    }

  awards_start = g_get_monotonic_time ();
  for (gint64 i = 0; i < n_awards; i++)
    {
      g_autoptr(PsiAward) award = psi_award_new ();

      /* Awards arrive competition by competition, as an import gives them. */
      psi_award_set_competition_id (award, g_array_index (competitions, gint64,
                                                          i * n_competitions / n_awards));
      psi_award_set_municipality_id (award, g_array_index (municipalities, gint64,
                                                           (i * 7919) % n_municipalities));
      /* Only winners have a place. */
      psi_award_set_place (award, (guint) (i % 4));
      psi_award_set_award_kind (award, i % 4 == 0 ? PSI_AWARD_KIND_INCENTIVE_PRIZE
                                                  : PSI_AWARD_KIND_WINNER);
      psi_award_set_certificate (award, i % 2);
      psi_award_set_grant_kgs (award, (i % 10) * 500000);
      if (!psi_store_save (store, PSI_RECORD (award), error))
        goto failed;
    }
  if (!psi_store_commit (store, error))
    goto failed;
  awards_ms = ms_since (awards_start);
  total_ms = ms_since (start);

  printf ("Created %s with %" G_GINT64_FORMAT " awards, %u municipalities, %u competitions\n",
          path, n_awards, n_municipalities, n_competitions);
  printf ("  awards inserted in one transaction: %10.1f ms  %12.0f rows/s\n",
          awards_ms, n_awards / (awards_ms / 1000.0));
  printf ("  whole creation (incl. commit):      %10.1f ms\n", total_ms);
  fflush (stdout);
  return TRUE;

failed:
  psi_store_rollback (store);
  return FALSE;
}

void
bench_remove_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}
