/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "psi-store-certificates.h"
#include "psi-store-private.h"

static const char *const status_nicks[] = { "issued", "reissued", "revoked" };

#define CERTIFICATE_COLUMNS \
  "SELECT id, number, award_id, year, serial, revision, issue_date, status FROM certificate"

static void
certificate_event_clear (gpointer data)
{
  PsiCertificateEvent *event = data;

  g_free (event->date);
  g_free (event->previous_issue_date);
  g_free (event->reason);
}

PsiCertificate *
psi_certificate_ref (PsiCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
psi_certificate_unref (PsiCertificate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->number);
  g_free (self->issue_date);
  g_clear_pointer (&self->history, g_array_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (PsiCertificate, psi_certificate, psi_certificate_ref, psi_certificate_unref)

const char *
psi_certificate_status_to_nick (PsiCertificateStatus status)
{
  g_return_val_if_fail (status <= PSI_CERTIFICATE_STATUS_REVOKED, NULL);

  return status_nicks[status];
}

static PsiCertificateStatus
status_from_nick (const char *nick)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_nicks); i++)
    if (g_strcmp0 (nick, status_nicks[i]) == 0)
      return i;
  return PSI_CERTIFICATE_STATUS_ISSUED;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
dup_date_or_today (const char  *date,
                   GError     **error)
{
  g_autoptr(GDateTime) now = NULL;

  if (date != NULL)
    {
      int y, m, d;

      if (strlen (date) != 10 || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
          !g_date_valid_dmy (d, m, y))
        {
          g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                       /* Translators: %s is what was given as a date */
                       _("“%s” is not a date of the form YYYY-MM-DD."), date);
          return NULL;
        }
      return g_strdup (date);
    }
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
step_done (PsiStore      *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_history (PsiStore        *self,
              PsiCertificate  *certificate,
              GError         **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  int rc;

  stmt = _psi_store_get_stmt (self,
                              "SELECT action, date, revision, previous_issue_date, reason"
                              " FROM certificate_history WHERE certificate_id = ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, certificate->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsiCertificateEvent event;

      event.action = status_from_nick ((const char *) sqlite3_column_text (stmt, 0));
      event.date = dup_column (stmt, 1);
      event.revision = sqlite3_column_int (stmt, 2);
      event.previous_issue_date = dup_column (stmt, 3);
      event.reason = dup_column (stmt, 4);
      g_array_append_val (certificate->history, event);
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc,
                            _("Cannot read the certificates"));
      return FALSE;
    }
  return TRUE;
}

/* Reads the rows of a CERTIFICATE_COLUMNS statement, with their history. */
static GPtrArray *
read_certificates (PsiStore      *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) psi_certificate_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsiCertificate *certificate = g_new0 (PsiCertificate, 1);

      g_atomic_ref_count_init (&certificate->ref_count);
      certificate->history = g_array_new (FALSE, TRUE, sizeof (PsiCertificateEvent));
      g_array_set_clear_func (certificate->history, certificate_event_clear);
      certificate->id = sqlite3_column_int64 (stmt, 0);
      certificate->number = dup_column (stmt, 1);
      certificate->award_id = sqlite3_column_int64 (stmt, 2);
      certificate->year = sqlite3_column_int (stmt, 3);
      certificate->serial = sqlite3_column_int (stmt, 4);
      certificate->revision = sqlite3_column_int (stmt, 5);
      certificate->issue_date = dup_column (stmt, 6);
      certificate->status = status_from_nick ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (list, certificate);
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc,
                            _("Cannot read the certificates"));
      return NULL;
    }
  /* The history statement is another cached statement: read it once this one is done. */
  sqlite3_reset (stmt);
  for (guint i = 0; i < list->len; i++)
    if (!read_history (self, g_ptr_array_index (list, i), error))
      return NULL;

  return g_steal_pointer (&list);
}

static PsiCertificate *
get_certificate (PsiStore    *self,
                 const char  *number,
                 GError     **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;

  stmt = _psi_store_get_stmt (self, CERTIFICATE_COLUMNS " WHERE number = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  list = read_certificates (self, stmt, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a certificate number such as PSI-2020-0007 */
                   _("There is no certificate %s in this records file."), number);
      return NULL;
    }
  return psi_certificate_ref (g_ptr_array_index (list, 0));
}

static gboolean
add_history (PsiStore              *self,
             gint64                 certificate_id,
             PsiCertificateStatus   action,
             const char            *date,
             guint                  revision,
             const char            *previous_issue_date,
             const char            *reason,
             GError               **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;

  stmt = _psi_store_get_stmt (self,
                              "INSERT INTO certificate_history"
                              " (certificate_id, action, date, revision, previous_issue_date,"
                              " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, certificate_id);
  sqlite3_bind_text (stmt, 2, status_nicks[action], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, revision);
  sqlite3_bind_text (stmt, 5, previous_issue_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, _("Cannot save the certificate"), error);
}

static gint64
issue_in_transaction (PsiStore    *self,
                      gint64       award_id,
                      const char  *date,
                      GError     **error)
{
  g_autoptr(PsiCachedStmt) award = NULL;
  g_autoptr(PsiCachedStmt) live = NULL;
  g_autoptr(PsiCachedStmt) serial = NULL;
  g_autoptr(PsiCachedStmt) insert = NULL;
  g_autofree char *event_date = NULL;
  g_autofree char *number = NULL;
  gboolean has_certificate, has_recipient;
  int year, next, rc;
  gint64 id;

  award = _psi_store_get_stmt (self,
                               "SELECT a.certificate,"
                               " a.municipality_id IS NOT NULL OR a.cluster_id IS NOT NULL, e.date"
                               " FROM award AS a JOIN competition AS c ON c.id = a.competition_id"
                               " JOIN event AS e ON e.id = c.event_id WHERE a.id = ?1",
                               error);
  if (award == NULL)
    return 0;
  sqlite3_bind_int64 (award, 1, award_id);
  rc = sqlite3_step (award);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND,
                           _("The award does not exist (any more)."));
      return 0;
    }
  if (rc != SQLITE_ROW)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc, _("Cannot read the award"));
      return 0;
    }
  has_certificate = sqlite3_column_int (award, 0) != 0;
  has_recipient = sqlite3_column_int (award, 1) != 0;
  event_date = dup_column (award, 2);
  g_clear_pointer (&award, _psi_cached_stmt_release);

  if (!has_certificate)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                           _("This award comes without a certificate."));
      return 0;
    }
  if (!has_recipient)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                           _("A certificate needs a named recipient: a municipality or a "
                             "cluster."));
      return 0;
    }

  live = _psi_store_get_stmt (self,
                              "SELECT number FROM certificate"
                              " WHERE award_id = ?1 AND status <> 'revoked'",
                              error);
  if (live == NULL)
    return 0;
  sqlite3_bind_int64 (live, 1, award_id);
  rc = sqlite3_step (live);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is a certificate number such as PSI-2020-0007 */
                   _("The award already has certificate %s; reissue or revoke it instead."),
                   (const char *) sqlite3_column_text (live, 0));
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc,
                            _("Cannot read the certificates"));
      return 0;
    }

  year = atoi (event_date != NULL ? event_date : date);
  if (year < 1000 || year > 9999)
    year = atoi (date);

  serial = _psi_store_get_stmt (self,
                                "SELECT coalesce (max (serial), 0) + 1 FROM certificate"
                                " WHERE year = ?1",
                                error);
  if (serial == NULL)
    return 0;
  sqlite3_bind_int (serial, 1, year);
  rc = sqlite3_step (serial);
  if (rc != SQLITE_ROW)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc,
                            _("Cannot read the certificates"));
      return 0;
    }
  next = sqlite3_column_int (serial, 0);
  number = g_strdup_printf ("PSI-%04d-%04d", year, next);

  insert = _psi_store_get_stmt (self,
                                "INSERT INTO certificate"
                                " (number, award_id, year, serial, revision, issue_date, status)"
                                " VALUES (?1, ?2, ?3, ?4, 1, ?5, 'issued')",
                                error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_text (insert, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, award_id);
  sqlite3_bind_int (insert, 3, year);
  sqlite3_bind_int (insert, 4, next);
  sqlite3_bind_text (insert, 5, date, -1, SQLITE_TRANSIENT);
  if (!step_done (self, insert, _("Cannot save the certificate"), error))
    return 0;
  id = sqlite3_last_insert_rowid (_psi_store_get_db (self));

  if (!add_history (self, id, PSI_CERTIFICATE_STATUS_ISSUED, date, 1, NULL, NULL, error))
    return 0;

  return id;
}

static PsiCertificate *
get_by_id (PsiStore  *self,
           gint64     id,
           GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;

  stmt = _psi_store_get_stmt (self, CERTIFICATE_COLUMNS " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  list = read_certificates (self, stmt, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND,
                           _("The certificate does not exist (any more)."));
      return NULL;
    }
  return psi_certificate_ref (g_ptr_array_index (list, 0));
}

/**
 * psi_store_certificate_issue:
 *
 * Returns: (transfer full): the new certificate, or NULL with error
 */
PsiCertificate *
psi_store_certificate_issue (PsiStore    *self,
                             gint64       award_id,
                             const char  *date,
                             GError     **error)
{
  g_autofree char *day = NULL;
  PsiCertificate *certificate;
  gint64 id;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  day = dup_date_or_today (date, error);
  if (day == NULL || !psi_store_begin (self, error))
    return NULL;
  id = issue_in_transaction (self, award_id, day, error);
  if (id == 0 || (certificate = get_by_id (self, id, error)) == NULL)
    {
      psi_store_rollback (self);
      return NULL;
    }
  if (!psi_store_commit (self, error))
    {
      psi_certificate_unref (certificate);
      return NULL;
    }
  return certificate;
}

static PsiCertificate *
change_status (PsiStore              *self,
               const char            *number,
               PsiCertificateStatus   action,
               const char            *reason,
               const char            *date,
               GError               **error)
{
  g_autoptr(PsiCertificate) before = NULL;
  g_autoptr(PsiCachedStmt) update = NULL;
  g_autofree char *day = NULL;
  PsiCertificate *after;
  guint revision;

  day = dup_date_or_today (date, error);
  if (day == NULL || !psi_store_begin (self, error))
    return NULL;

  before = get_certificate (self, number, error);
  if (before == NULL)
    goto failed;
  if (before->status == PSI_CERTIFICATE_STATUS_REVOKED)
    {
      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is a certificate number such as PSI-2020-0007 */
                   _("Certificate %s was revoked; issue a new one instead."), number);
      goto failed;
    }

  revision = before->revision;
  if (action == PSI_CERTIFICATE_STATUS_REISSUED)
    {
      revision++;
      update = _psi_store_get_stmt (self,
                                    "UPDATE certificate SET status = 'reissued', revision = ?2,"
                                    " issue_date = ?3 WHERE id = ?1",
                                    error);
      if (update == NULL)
        goto failed;
      sqlite3_bind_int (update, 2, revision);
      sqlite3_bind_text (update, 3, day, -1, SQLITE_TRANSIENT);
    }
  else
    {
      update = _psi_store_get_stmt (self,
                                    "UPDATE certificate SET status = 'revoked' WHERE id = ?1",
                                    error);
      if (update == NULL)
        goto failed;
    }
  sqlite3_bind_int64 (update, 1, before->id);
  if (!step_done (self, update, _("Cannot save the certificate"), error) ||
      !add_history (self, before->id, action, day, revision,
                    action == PSI_CERTIFICATE_STATUS_REISSUED ? before->issue_date : NULL,
                    reason, error))
    goto failed;

  after = get_by_id (self, before->id, error);
  if (after == NULL)
    goto failed;
  if (!psi_store_commit (self, error))
    {
      psi_certificate_unref (after);
      return NULL;
    }
  return after;

failed:
  psi_store_rollback (self);
  return NULL;
}

/**
 * psi_store_certificate_reissue:
 *
 * Returns: (transfer full): the certificate as it is now, or NULL with error
 */
PsiCertificate *
psi_store_certificate_reissue (PsiStore    *self,
                               const char  *number,
                               const char  *date,
                               GError     **error)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return change_status (self, number, PSI_CERTIFICATE_STATUS_REISSUED, NULL, date, error);
}

/**
 * psi_store_certificate_revoke:
 *
 * Returns: (transfer full): the certificate as it is now, or NULL with error
 */
PsiCertificate *
psi_store_certificate_revoke (PsiStore    *self,
                              const char  *number,
                              const char  *reason,
                              const char  *date,
                              GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                           _("Say why the certificate is revoked."));
      return NULL;
    }
  return change_status (self, number, PSI_CERTIFICATE_STATUS_REVOKED, stripped, date, error);
}

/**
 * psi_store_certificate_list_for_award:
 *
 * Returns: (transfer full) (element-type PsiCertificate): the award's certificates
 */
GPtrArray *
psi_store_certificate_list_for_award (PsiStore  *self,
                                      gint64     award_id,
                                      GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _psi_store_get_stmt (self, CERTIFICATE_COLUMNS " WHERE award_id = ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, award_id);
  return read_certificates (self, stmt, error);
}

/**
 * psi_store_certificate_get:
 *
 * Returns: (transfer full): the certificate, or NULL with error
 */
PsiCertificate *
psi_store_certificate_get (PsiStore    *self,
                           const char  *number,
                           GError     **error)
{
  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_certificate (self, number, error);
}

/**
 * psi_store_certificate_list_awards:
 *
 * Returns: (transfer full) (element-type gint64): award ids
 */
GArray *
psi_store_certificate_list_awards (PsiStore  *self,
                                   gint64     competition_id,
                                   GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _psi_store_get_stmt (self,
                              "SELECT id FROM award WHERE certificate = 1"
                              " AND (municipality_id IS NOT NULL OR cluster_id IS NOT NULL)"
                              " AND (?1 = 0 OR competition_id = ?1)"
                              " ORDER BY competition_id, place, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, competition_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc, _("Cannot read the awards"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * psi_store_certificate_list_organisations:
 *
 * Returns: (transfer full) (element-type gint64): organisation ids
 */
GArray *
psi_store_certificate_list_organisations (PsiStore  *self,
                                          GError   **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _psi_store_get_stmt (self,
                              "SELECT id FROM organisation WHERE role = 'implementer'"
                              " OR role = 'donor' OR role = 'government' ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc,
                            _("Cannot read the organisations"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}
