/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-store.h"

G_BEGIN_DECLS

/* Award certificates (schema version 3, psi-store-migrations.c).
 *
 * Every award that comes with a certificate (psi_award_get_certificate ()) and has a named
 * recipient (a municipality or a cluster) can be issued one. Its number, "PSI-2020-0007", is
 * unique in the file: the year of the competition's event and a running serial within that year.
 * Re-issuing (a new issue date, the next revision, the same number) and revoking (with a
 * reason) are appended to the certificate's history; nothing is overwritten without a trace.
 * After a revocation the award may be issued a new certificate, under a new number.
 * Each call is one transaction (nesting in psi_store_begin ()/psi_store_commit ()) and uses
 * prepared statements only. Dates are ISO "YYYY-MM-DD"; NULL means today (local time). */

typedef enum
{
  PSI_CERTIFICATE_STATUS_ISSUED,
  PSI_CERTIFICATE_STATUS_REISSUED,
  PSI_CERTIFICATE_STATUS_REVOKED,
} PsiCertificateStatus;

typedef struct
{
  PsiCertificateStatus  action;
  char                 *date;
  guint                 revision;
  char                 *previous_issue_date;  /* reissued: the date it replaced; else NULL */
  char                 *reason;               /* revoked: why; else NULL */
} PsiCertificateEvent;

typedef struct
{
  gint64                id;
  char                 *number;
  gint64                award_id;
  guint                 year;
  guint                 serial;
  guint                 revision;
  char                 *issue_date;
  PsiCertificateStatus  status;
  GArray               *history;              /* PsiCertificateEvent, oldest first */

  /*< private >*/
  gatomicrefcount       ref_count;
} PsiCertificate;

#define PSI_TYPE_CERTIFICATE (psi_certificate_get_type ())

GType            psi_certificate_get_type            (void) G_GNUC_CONST;
PsiCertificate  *psi_certificate_ref                 (PsiCertificate       *self);
void             psi_certificate_unref               (PsiCertificate       *self);
/* The stable nick stored in the file and written to XML: "issued", "reissued", "revoked". */
const char      *psi_certificate_status_to_nick      (PsiCertificateStatus  status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsiCertificate, psi_certificate_unref)

/* Issues a certificate for award_id. Refuses (PSI_STORE_ERROR_CONSTRAINT) an award without a
 * certificate or without a named recipient, or one that already holds a certificate that is
 * not revoked; PSI_STORE_ERROR_NOT_FOUND for an unknown award. */
PsiCertificate  *psi_store_certificate_issue         (PsiStore             *self,
                                                      gint64                award_id,
                                                      const char           *date,
                                                      GError              **error);
/* A new issue date and revision for the same number; refuses a revoked certificate. */
PsiCertificate  *psi_store_certificate_reissue       (PsiStore             *self,
                                                      const char           *number,
                                                      const char           *date,
                                                      GError              **error);
/* reason must not be empty; refuses a certificate revoked already. */
PsiCertificate  *psi_store_certificate_revoke        (PsiStore             *self,
                                                      const char           *number,
                                                      const char           *reason,
                                                      const char           *date,
                                                      GError              **error);
/* Every certificate of the award, oldest first, as a GPtrArray of PsiCertificate (empty when
 * none); NULL only on a read error. */
GPtrArray       *psi_store_certificate_list_for_award (PsiStore            *self,
                                                       gint64               award_id,
                                                       GError             **error);
/* NULL with PSI_STORE_ERROR_NOT_FOUND for an unknown number. */
PsiCertificate  *psi_store_certificate_get           (PsiStore             *self,
                                                      const char           *number,
                                                      GError              **error);
/* The ids (gint64) of the awards that come with a certificate and have a named recipient, in
 * competition and place order; competition_id 0 for every competition. */
GArray          *psi_store_certificate_list_awards   (PsiStore             *self,
                                                      gint64                competition_id,
                                                      GError              **error);

/* The ids (gint64) of the organisations that issue and fund certificates: implementers, donors
 * and governments, in the order they were added. */
GArray          *psi_store_certificate_list_organisations (PsiStore        *self,
                                                           GError         **error);

G_END_DECLS
