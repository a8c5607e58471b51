/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* PsiCertificateVerifyDialog: says whether a certificate file is genuine: valid, modified,
 * signed by an unknown key or not signed, with its number, its recipient and why, in the
 * interface language. It checks against this installation's public key, or against a
 * partner's public key (PEM) chosen with "Check With a Partner's Key…". The check runs off
 * the main thread (psi_certificate_verify_async ()).
 *
 * Actions: verify.choose-key, verify.close (Escape). */

#define PSI_TYPE_CERTIFICATE_VERIFY_DIALOG (psi_certificate_verify_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsiCertificateVerifyDialog, psi_certificate_verify_dialog, PSI,
                      CERTIFICATE_VERIFY_DIALOG, GtkWindow)

/* Starts checking file against this installation's key. */
PsiCertificateVerifyDialog *psi_certificate_verify_dialog_new      (GtkWindow   *parent,
                                                                    GFile       *file);
/* Checks again against the public key in key (PEM), or this installation's for NULL. */
void        psi_certificate_verify_dialog_set_public_key   (PsiCertificateVerifyDialog *self,
                                                            GFile                      *key);
gboolean    psi_certificate_verify_dialog_get_busy         (PsiCertificateVerifyDialog *self);
/* The PsiCertificateVerdict, or -1 while checking or when the file could not be read. */
int         psi_certificate_verify_dialog_get_verdict      (PsiCertificateVerifyDialog *self);
const char *psi_certificate_verify_dialog_get_heading      (PsiCertificateVerifyDialog *self);

G_END_DECLS
