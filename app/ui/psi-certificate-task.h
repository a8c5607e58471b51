/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-certificate-pdf.h"
#include "psi-certificate-sign.h"

G_BEGIN_DECLS

/* Award certificates off the main thread, as GTask _async/_finish pairs, for the window (no
 * widgets here). Like psi-xml-task.h, a worker that needs the records opens its own store on
 * store_path and closes it before the task returns. Certificates are signed with the project's
 * key (created on first use, which takes a moment: one more reason for a thread).
 *
 * The awards: award_ids (gint64, copied) when not NULL, else every award of competition_id
 * that comes with a certificate. An empty choice fails with G_IO_ERROR_NOT_FOUND. */

/* What a verified file says. */
typedef struct
{
  PsiCertificateVerdict  verdict;
  char                  *number;          /* the (first) certificate's number, or NULL */
  PsiText               *recipient;       /* its recipient's names */
  guint                  n_certificates;  /* 1, or the size of a batch */
  char                  *key_fingerprint; /* SHA-256 of the public key checked against */
} PsiCertificateCheck;

void                  psi_certificate_check_free          (PsiCertificateCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsiCertificateCheck, psi_certificate_check_free)

/* Progress on the caller's main context: pages done of n_pages. */
typedef void (*PsiCertificateProgressFunc) (gpointer source_object,
                                            guint    n_done,
                                            guint    n_pages,
                                            gpointer user_data);

/* One signed XML file per certificate, the batch file and the public key into dir, issuing
 * the certificates not issued yet (psi_certificate_xml_export_awards_dir ()). */
void                  psi_certificate_export_xml_async    (gpointer              source_object,
                                                           const char           *store_path,
                                                           GArray               *award_ids,
                                                           gint64                competition_id,
                                                           GFile                *dir,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              psi_certificate_export_xml_finish   (GAsyncResult         *result,
                                                           guint                *n_written,
                                                           GError              **error);

/* The signed documents of the current certificates, to preview, print or render
 * (psi_certificate_xml_dup_signed_docs ()). */
void                  psi_certificate_load_docs_async     (gpointer              source_object,
                                                           const char           *store_path,
                                                           GArray               *award_ids,
                                                           gint64                competition_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
/* A new array of xmlDocPtr. */
GPtrArray            *psi_certificate_load_docs_finish    (GAsyncResult         *result,
                                                           GError              **error);

/* Renders docs (kept alive by the task, only read) to a PDF; cancellable; progress per page. */
void                  psi_certificate_write_pdf_async     (gpointer              source_object,
                                                           GPtrArray            *docs,
                                                           PsiCertificatePdfLanguage language,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           PsiCertificateProgressFunc progress,
                                                           gpointer              progress_data,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              psi_certificate_write_pdf_finish    (GAsyncResult         *result,
                                                           GError              **error);

/* The project's public key (made first if needed) as PEM into file. */
void                  psi_certificate_export_key_async    (gpointer              source_object,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              psi_certificate_export_key_finish   (GAsyncResult         *result,
                                                           GError              **error);

/* Verifies file against the public key in public_key (a partner's PEM), or NULL for this
 * installation's key. */
void                  psi_certificate_verify_async        (gpointer              source_object,
                                                           GFile                *file,
                                                           GFile                *public_key,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
PsiCertificateCheck  *psi_certificate_verify_finish       (GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
