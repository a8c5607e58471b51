/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-certificate-pdf.h"

G_BEGIN_DECLS

/* PsiCertificatePreview: the certificates of an award or of a whole competition, shown page by
 * page as they will be printed (the same cairo drawing as the PDF), in a chosen language
 * (Kyrgyz, Russian, English, or the three side by side; the interface language at first).
 * Certificates not issued yet are issued and every one is signed when the window opens, off
 * the main thread. From here: Print… (the GTK print dialog, A4 landscape) and Export as PDF…
 * (one PDF, written off the main thread with a progress bar and Stop). When a text is
 * missing in the chosen language the window says which, and neither prints nor writes.
 *
 * Actions: preview.print, preview.export-pdf, preview.cancel-export, preview.previous,
 * preview.next, preview.close (Escape). */

#define PSI_TYPE_CERTIFICATE_PREVIEW (psi_certificate_preview_get_type ())

G_DECLARE_FINAL_TYPE (PsiCertificatePreview, psi_certificate_preview, PSI, CERTIFICATE_PREVIEW,
                      GtkWindow)

/* award_ids (gint64, copied) when not NULL, else the awards of competition_id; store_path is
 * the records file (a worker opens its own connection). */
PsiCertificatePreview *psi_certificate_preview_new (GtkWindow                *parent,
                                                    const char               *store_path,
                                                    GArray                   *award_ids,
                                                    gint64                    competition_id);

/* TRUE while certificates are prepared or a PDF is written. */
gboolean    psi_certificate_preview_get_busy        (PsiCertificatePreview     *self);
guint       psi_certificate_preview_get_n_pages     (PsiCertificatePreview     *self);
PsiCertificatePdfLanguage
            psi_certificate_preview_get_language    (PsiCertificatePreview     *self);
void        psi_certificate_preview_set_language    (PsiCertificatePreview     *self,
                                                     PsiCertificatePdfLanguage  language);
/* Why nothing can be printed (a missing text, no certificate), or NULL. */
const char *psi_certificate_preview_get_problem     (PsiCertificatePreview     *self);
/* The line under the page after an export ("Saved …" or why it failed), or NULL. */
const char *psi_certificate_preview_get_status      (PsiCertificatePreview     *self);
/* Print… (the print dialog) for NULL; with export_filename, the same pages through GTK's
 * print operation straight into that PDF file, without a dialog. */
gboolean    psi_certificate_preview_print           (PsiCertificatePreview     *self,
                                                     const char                *export_filename,
                                                     GError                   **error);
/* What Export as PDF… does once a file is chosen. */
void        psi_certificate_preview_export_pdf      (PsiCertificatePreview     *self,
                                                     GFile                     *file);
/* The page shown, for a screenshot. */
GtkWidget  *psi_certificate_preview_get_page_widget (PsiCertificatePreview     *self);

G_END_DECLS
