/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <libxml/tree.h>

#include "psi-store-certificates.h"

G_BEGIN_DECLS

/* Printable certificates: cairo + pango to PDF, one A4 landscape page per certificate, no
 * widgets (it lives in app/ui only because pango and cairo come with GTK's stack).
 *
 * A page is drawn from the signed certificate XML (psi-certificate-xml.h), so what is printed
 * is what was signed: recipient (with a cluster's members), achievement, competition and event,
 * the grant in figures and in words, prize items, the date of issue, signatory lines, the
 * funder's and implementer's captions of the press release, the number and a QR code holding
 * "NUMBER\nsha256:FINGERPRINT" (the SHA-256 of the signature value).
 *
 * The face of a certificate is written in the chosen language, whatever the interface language:
 * its wording (labels, month names, numbers in words) comes from tables in the three languages,
 * like the texts of the records themselves. Only messages to the user go through gettext. */

typedef enum
{
  PSI_CERTIFICATE_PDF_EN = PSI_LANGUAGE_EN,
  PSI_CERTIFICATE_PDF_RU = PSI_LANGUAGE_RU,
  PSI_CERTIFICATE_PDF_KY = PSI_LANGUAGE_KY,
  PSI_CERTIFICATE_PDF_TRILINGUAL,       /* Kyrgyz, Russian and English side by side */
} PsiCertificatePdfLanguage;

#define PSI_CERTIFICATE_PDF_ERROR (psi_certificate_pdf_error_quark ())

typedef enum
{
  PSI_CERTIFICATE_PDF_ERROR_MISSING_TEXT,  /* a text needed for the chosen language is missing */
  PSI_CERTIFICATE_PDF_ERROR_REVOKED,
  PSI_CERTIFICATE_PDF_ERROR_INVALID,       /* not a signed certificate document */
  PSI_CERTIFICATE_PDF_ERROR_WRITE,
} PsiCertificatePdfError;

GQuark     psi_certificate_pdf_error_quark   (void);

/* The amount in words, e.g. 5000000: "five million", «пять миллионов», "беш миллион". */
char      *psi_certificate_amount_in_words   (guint64                     amount,
                                              PsiLanguage                 language);

/* What the QR code of a signed certificate holds: "PSI-2020-0007\nsha256:<64 hex digits>", the
 * SHA-256 of the decoded SignatureValue; NULL for an unsigned document. */
char      *psi_certificate_pdf_dup_qr_payload (xmlDocPtr                  doc);

/* The size of a page, A4 landscape, in points. */
#define PSI_CERTIFICATE_PAGE_WIDTH  842.0
#define PSI_CERTIFICATE_PAGE_HEIGHT 595.0

/* Called after each page is drawn (in the thread that renders). */
typedef void (*PsiCertificatePageFunc) (guint    n_done,
                                        guint    n_pages,
                                        gpointer user_data);

/* Checks that every document can be printed in language: signed, not revoked, every text
 * there. The message names the certificate and what is missing. */
gboolean   psi_certificate_pdf_check_docs    (GPtrArray                  *docs,
                                              PsiCertificatePdfLanguage   language,
                                              GError                    **error);

/* Draws the page of doc onto cr, scaled to fit width × height (in cr's units) and centred;
 * the same drawing as the PDF's, for the print dialog and the preview. Does not check the
 * texts (see psi_certificate_pdf_check_docs ()). */
void       psi_certificate_draw_page         (cairo_t                    *cr,
                                              xmlDocPtr                   doc,
                                              PsiCertificatePdfLanguage   language,
                                              double                      width,
                                              double                      height);

/* Renders the signed certificate documents (xmlDocPtr, each a <certificate> root), a page
 * each, to file. Checks every page first: nothing is written when one cannot be printed. */
gboolean   psi_certificate_pdf_render_docs   (GPtrArray                  *docs,
                                              PsiCertificatePdfLanguage   language,
                                              GFile                      *file,
                                              GError                    **error);

/* The same, cancellable (G_IO_ERROR_CANCELLED; the old file stays) and with page_done
 * (may be NULL) called after each page. */
gboolean   psi_certificate_pdf_render_docs_full (GPtrArray               *docs,
                                                 PsiCertificatePdfLanguage language,
                                                 GFile                   *file,
                                                 GCancellable            *cancellable,
                                                 PsiCertificatePageFunc   page_done,
                                                 gpointer                 user_data,
                                                 GError                 **error);

/* Every current (not revoked) certificate of the competition's awards (issuing missing ones),
 * signed with the key at key_path (NULL: the project's key), into one PDF. */
gboolean   psi_certificate_pdf_export_competition (PsiStore               *store,
                                                   gint64                  competition_id,
                                                   PsiCertificatePdfLanguage language,
                                                   const char             *key_path,
                                                   GFile                  *file,
                                                   GError                **error);

G_END_DECLS
