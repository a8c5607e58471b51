/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-certificate-preview.h"
#include "psi-certificate-verify-dialog.h"
#include "psi-window.h"

G_BEGIN_DECLS

/* The certificate actions of the main window (part of PsiWindow, kept apart):
 *   win.print-certificates     the Certificates window (preview, Print…, Export as PDF…) for
 *                              the award selected in the list of awards, or every award of
 *                              the competition selected in the list of competitions
 *   win.export-certificates    the same choice as signed XML into a folder: a file per
 *                              certificate, the batch file and the public key (as
 *                              --export-certificates does); a notice says where
 *   win.export-public-key      this installation's public key as PEM, to share with partners
 *   win.verify-certificate     choose a certificate file: the Verify Certificate window
 * The first two are enabled while the list shown is that of awards or of competitions and has
 * a selection. Certificates not issued yet are issued on the way, as on the command line. */

/* Called once by PsiWindow's init: adds the actions and keeps them enabled as they should be. */
void                        _psi_window_certificates_init     (PsiWindow  *self);

/* What the actions do once a file or folder is chosen (tests call them directly). */
void                        psi_window_export_certificates    (PsiWindow  *self,
                                                               GFile      *dir);
void                        psi_window_export_public_key      (PsiWindow  *self,
                                                               GFile      *file);
PsiCertificateVerifyDialog *psi_window_verify_certificate     (PsiWindow  *self,
                                                               GFile      *file);
/* Opens the Certificates window for the current choice; NULL when there is none. */
PsiCertificatePreview      *psi_window_show_certificates      (PsiWindow  *self);

G_END_DECLS
