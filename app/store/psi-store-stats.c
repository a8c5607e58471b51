/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-store-stats.h"

#include "psi-store-private.h"

/* The awards of the event's competitions. */
#define EVENT_AWARDS \
  "award AS a JOIN competition AS c ON c.id = a.competition_id WHERE c.event_id = ?1"

static const char sql_event_exists[] =
  "SELECT 1 FROM event WHERE id = ?1";

/* A municipality is represented by its head (head of ayil okmotu, or mayor of a town) and by
 * the chairperson of its council: the larger count is the number of municipalities. */
static const char sql_municipalities[] =
  "SELECT max (coalesce (sum (CASE WHEN position = 'head-of-ao' OR position = 'mayor'"
  "                           THEN count END), 0),"
  "            coalesce (sum (CASE WHEN position = 'council-chair' THEN count END), 0))"
  " FROM event_participant WHERE event_id = ?1";

static const char sql_competitions[] =
  "SELECT count(*) FROM competition WHERE event_id = ?1";

static const char sql_totals[] =
  "SELECT count(*), coalesce (sum (a.recipient_count), 0),"
  " coalesce (sum (CASE WHEN a.award_kind = 'winner' THEN a.recipient_count END), 0),"
  " coalesce (sum (CASE WHEN a.award_kind = 'conditional-winner' THEN a.recipient_count END), 0),"
  " coalesce (sum (CASE WHEN a.award_kind = 'incentive-prize' THEN a.recipient_count END), 0),"
  " coalesce (sum (CASE WHEN a.certificate = 1 THEN a.recipient_count END), 0),"
  " coalesce (sum (a.grant_kgs * a.recipient_count), 0)"
  " FROM " EVENT_AWARDS;

static const char sql_items[] =
  "SELECT i.item_kind, coalesce (sum (max (i.count, 1) * a.recipient_count), 0)"
  " FROM award_item AS i JOIN award AS a ON a.id = i.award_id"
  " JOIN competition AS c ON c.id = a.competition_id"
  " WHERE c.event_id = ?1 GROUP BY i.item_kind";

static const char sql_by_place[] =
  "SELECT a.place, sum (a.recipient_count) FROM " EVENT_AWARDS
  " AND a.place > 0 GROUP BY a.place ORDER BY a.place";

static const char sql_by_competition[] =
  "SELECT c.id, coalesce (sum (a.recipient_count), 0)"
  " FROM competition AS c LEFT JOIN award AS a ON a.competition_id = c.id"
  " WHERE c.event_id = ?1 GROUP BY c.id ORDER BY c.id";

static const char sql_by_region[] =
  "WITH ea AS (SELECT a.id, a.municipality_id, a.cluster_id, a.recipient_count"
  "            FROM " EVENT_AWARDS "),"
  " r (region_id, n) AS ("
  "  SELECT m.region_id, ea.recipient_count"
  "   FROM ea JOIN municipality AS m ON m.id = ea.municipality_id"
  "  UNION ALL"
  "  SELECT region_id, n FROM (SELECT DISTINCT ea.id, m.region_id, ea.recipient_count AS n"
  "   FROM ea JOIN cluster_member AS cm ON cm.cluster_id = ea.cluster_id"
  "   JOIN municipality AS m ON m.id = cm.municipality_id)"
  "  UNION ALL"
  "  SELECT 0, ea.recipient_count FROM ea"
  "   WHERE ea.municipality_id IS NULL AND NOT EXISTS"
  "    (SELECT 1 FROM cluster_member AS cm WHERE cm.cluster_id = ea.cluster_id))"
  " SELECT region_id, sum (n) FROM r GROUP BY region_id ORDER BY region_id = 0, region_id";

static const char sql_more_than_entrants[] =
  "SELECT c.id, sum (a.recipient_count) AS n, c.entrant_count"
  " FROM competition AS c JOIN award AS a ON a.competition_id = c.id"
  " WHERE c.event_id = ?1 AND c.entrant_count > 0"
  " GROUP BY c.id HAVING n > c.entrant_count ORDER BY c.id";

static const char sql_more_than_participants[] =
  "SELECT c.id, sum (a.recipient_count) AS n"
  " FROM competition AS c JOIN award AS a ON a.competition_id = c.id"
  " WHERE c.event_id = ?1 AND c.entrant_kind = 'municipality'"
  " GROUP BY c.id HAVING n > ?2 ORDER BY c.id";

static const char sql_condition_without_deadline[] =
  "SELECT a.id, a.competition_id, a.recipient_count FROM " EVENT_AWARDS
  " AND a.award_kind = 'conditional-winner'"
  " AND coalesce (a.condition_deadline, '') = ''"
  " ORDER BY c.id, a.id";

static const char sql_member_not_pilot[] =
  "SELECT cm.cluster_id, cm.municipality_id"
  " FROM cluster_member AS cm JOIN municipality AS m ON m.id = cm.municipality_id"
  " WHERE m.pilot = 0 ORDER BY cm.cluster_id, cm.position";

/* Composed with a table name from _psi_store_kind_table (a constant). */
#define SQL_NAME_MISSING \
  "SELECT id, coalesce (name_en, '') = '', coalesce (name_ru, '') = '', coalesce (name_ky, '') = ''" \
  " FROM %s WHERE (coalesce (name_en, '') = '' OR coalesce (name_ru, '') = ''" \
  "                OR coalesce (name_ky, '') = '')" \
  " AND (coalesce (name_en, '') <> '' OR coalesce (name_ru, '') <> ''" \
  "      OR coalesce (name_ky, '') <> '') ORDER BY id"

static gboolean
step_done (PsiStore      *store,
           int            rc,
           GError       **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _psi_store_set_error (error, _psi_store_get_db (store), rc,
                        _("Cannot compute the overview of the records"));
  return FALSE;
}

/* Runs a statement of one row of integers bound to event_id; out[i] = column i. */
static gboolean
query_row (PsiStore     *store,
           const char   *sql,
           gint64        event_id,
           gint64       *out,
           int           n_out,
           GError      **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_done (store, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);

  for (int i = 0; i < n_out; i++)
    out[i] = sqlite3_column_int64 (stmt, i);
  return TRUE;
}

/* Runs a statement of (id, value) rows bound to event_id into bars of kind. */
static GArray *
query_bars (PsiStore       *store,
            const char     *sql,
            gint64          event_id,
            PsiRecordKind   kind,
            GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql, error);
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (PsiStatsBar));
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsiStatsBar bar = { kind, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (bars, bar);
    }
  if (!step_done (store, rc, error))
    return NULL;

  return g_steal_pointer (&bars);
}

static gboolean
event_exists (PsiStore  *store,
              gint64     event_id,
              GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql_event_exists, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND,
                   _("There is no such event in the records file"));
      return FALSE;
    }
  return step_done (store, rc, error);
}

static gboolean
query_items (PsiStore       *store,
             PsiEventStats  *stats,
             GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql_items, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stats->event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (kind, "laptop") == 0)
        stats->laptops += n;
      else if (g_strcmp0 (kind, "printer") == 0)
        stats->printers += n;
      else
        stats->other_items += n;
    }
  return step_done (store, rc, error);
}

void
psi_event_stats_free (PsiEventStats *stats)
{
  if (stats == NULL)
    return;

  g_clear_pointer (&stats->by_place, g_array_unref);
  g_clear_pointer (&stats->by_region, g_array_unref);
  g_clear_pointer (&stats->by_competition, g_array_unref);
  g_free (stats);
}

PsiEventStats *
psi_store_stats_event (PsiStore  *store,
                       gint64     event_id,
                       GError   **error)
{
  g_autoptr(PsiEventStats) stats = NULL;
  gint64 totals[7];

  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!event_exists (store, event_id, error))
    return NULL;

  stats = g_new0 (PsiEventStats, 1);
  stats->event_id = event_id;

  if (!query_row (store, sql_municipalities, event_id, &stats->municipalities, 1, error) ||
      !query_row (store, sql_competitions, event_id, &stats->competitions, 1, error) ||
      !query_row (store, sql_totals, event_id, totals, G_N_ELEMENTS (totals), error) ||
      !query_items (store, stats, error))
    return NULL;

  stats->award_rows = totals[0];
  stats->recipients = totals[1];
  stats->winners = totals[2];
  stats->conditional_winners = totals[3];
  stats->incentive_prizes = totals[4];
  stats->certificates = totals[5];
  stats->grants_kgs = totals[6];

  stats->by_place = query_bars (store, sql_by_place, event_id, PSI_RECORD_KIND_AWARD, error);
  if (stats->by_place == NULL)
    return NULL;
  stats->by_region = query_bars (store, sql_by_region, event_id, PSI_RECORD_KIND_REGION, error);
  if (stats->by_region == NULL)
    return NULL;
  stats->by_competition = query_bars (store, sql_by_competition, event_id,
                                      PSI_RECORD_KIND_COMPETITION, error);
  if (stats->by_competition == NULL)
    return NULL;

  return g_steal_pointer (&stats);
}

static gboolean
find_recipients (PsiStore        *store,
                 const char      *sql,
                 PsiFindingKind   kind,
                 gint64           event_id,
                 gint64           limit,
                 GArray          *findings,
                 GError         **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  if (kind == PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS)
    sqlite3_bind_int64 (stmt, 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsiFinding finding = { 0, };

      finding.kind = kind;
      finding.record_kind = PSI_RECORD_KIND_COMPETITION;
      finding.record_id = sqlite3_column_int64 (stmt, 0);
      finding.count = sqlite3_column_int64 (stmt, 1);
      if (kind == PSI_FINDING_MORE_RECIPIENTS_THAN_ENTRANTS)
        finding.limit = sqlite3_column_int64 (stmt, 2);
      else
        {
          finding.limit = limit;
          finding.other_kind = PSI_RECORD_KIND_EVENT;
          finding.other_id = event_id;
        }
      g_array_append_val (findings, finding);
    }
  return step_done (store, rc, error);
}

static gboolean
find_conditions (PsiStore  *store,
                 gint64     event_id,
                 GArray    *findings,
                 GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql_condition_without_deadline,
                                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsiFinding finding = { 0, };

      finding.kind = PSI_FINDING_CONDITION_WITHOUT_DEADLINE;
      finding.record_kind = PSI_RECORD_KIND_AWARD;
      finding.record_id = sqlite3_column_int64 (stmt, 0);
      finding.other_kind = PSI_RECORD_KIND_COMPETITION;
      finding.other_id = sqlite3_column_int64 (stmt, 1);
      finding.count = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (findings, finding);
    }
  return step_done (store, rc, error);
}

static gboolean
find_members (PsiStore  *store,
              GArray    *findings,
              GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql_member_not_pilot, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsiFinding finding = { 0, };

      finding.kind = PSI_FINDING_MEMBER_NOT_PILOT;
      finding.record_kind = PSI_RECORD_KIND_CLUSTER;
      finding.record_id = sqlite3_column_int64 (stmt, 0);
      finding.other_kind = PSI_RECORD_KIND_MUNICIPALITY;
      finding.other_id = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (findings, finding);
    }
  return step_done (store, rc, error);
}

static gboolean
find_names (PsiStore  *store,
            GArray    *findings,
            GError   **error)
{
  for (PsiRecordKind kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autofree char *sql = g_strdup_printf (SQL_NAME_MISSING, _psi_store_kind_table (kind));
      g_autoptr(PsiCachedStmt) stmt = _psi_store_get_stmt (store, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          PsiFinding finding = { 0, };

          finding.kind = PSI_FINDING_NAME_MISSING;
          finding.record_kind = kind;
          finding.record_id = sqlite3_column_int64 (stmt, 0);
          if (sqlite3_column_int (stmt, 1))
            finding.missing |= 1u << PSI_LANGUAGE_EN;
          if (sqlite3_column_int (stmt, 2))
            finding.missing |= 1u << PSI_LANGUAGE_RU;
          if (sqlite3_column_int (stmt, 3))
            finding.missing |= 1u << PSI_LANGUAGE_KY;
          g_array_append_val (findings, finding);
        }
      if (!step_done (store, rc, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
psi_store_stats_findings (PsiStore  *store,
                          gint64     event_id,
                          GError   **error)
{
  g_autoptr(GArray) findings = g_array_new (FALSE, TRUE, sizeof (PsiFinding));
  gint64 municipalities = 0;

  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (event_id > 0)
    {
      if (!event_exists (store, event_id, error) ||
          !query_row (store, sql_municipalities, event_id, &municipalities, 1, error) ||
          !find_recipients (store, sql_more_than_entrants,
                            PSI_FINDING_MORE_RECIPIENTS_THAN_ENTRANTS, event_id, 0,
                            findings, error))
        return NULL;
      /* Without participants stated there is nothing to compare with. */
      if (municipalities > 0 &&
          !find_recipients (store, sql_more_than_participants,
                            PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS, event_id,
                            municipalities, findings, error))
        return NULL;
      if (!find_conditions (store, event_id, findings, error))
        return NULL;
    }

  if (!find_members (store, findings, error) ||
      !find_names (store, findings, error))
    return NULL;

  return g_steal_pointer (&findings);
}
