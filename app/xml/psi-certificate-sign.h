/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Signing certificates: an enveloped XML Signature (XMLDSig: RSA-SHA256 over exclusive
 * canonical XML, one reference URI="" with the enveloped and exc-c14n transforms, no KeyInfo)
 * made with libxmlsec1 and its OpenSSL backend, so that a partner can check a file with
 * `xmlsec1 --verify --pubkey-pem KEY.pem FILE`.
 *
 * The project's signing key is an RSA 3072 key in PEM (PKCS#8), created on first use in
 * $XDG_DATA_HOME/psi-records/keys/signing-key.pem, readable by the user only (0600, in a 0700
 * folder). A signed document names its key by the SHA-256 of the public key (DER
 * SubjectPublicKeyInfo, lower-case hex) in <signing-key sha256="…"/>, which is signed with the
 * rest: that is how verification tells "signed by another key" from "modified". */

#define PSI_CERTIFICATE_SIGN_ERROR (psi_certificate_sign_error_quark ())

typedef enum
{
  PSI_CERTIFICATE_SIGN_ERROR_KEY,       /* the key cannot be made, read or written */
  PSI_CERTIFICATE_SIGN_ERROR_SIGN,      /* signing failed */
  PSI_CERTIFICATE_SIGN_ERROR_READ,      /* the file to verify cannot be read or parsed */
} PsiCertificateSignError;

typedef enum
{
  PSI_CERTIFICATE_VALID,
  PSI_CERTIFICATE_MODIFIED,             /* signed by the known key, changed since */
  PSI_CERTIFICATE_UNKNOWN_KEY,          /* signed by a key other than the known one */
  PSI_CERTIFICATE_UNSIGNED,             /* no signature at all */
} PsiCertificateVerdict;

GQuark                 psi_certificate_sign_error_quark        (void);

/* $XDG_DATA_HOME/psi-records/keys/signing-key.pem */
char                  *psi_certificate_sign_dup_default_key_path (void);
/* Creates the key at key_path when it is missing (NULL: the default path). */
gboolean               psi_certificate_sign_ensure_key         (const char             *key_path,
                                                                GError                **error);
/* The public key of the private key at key_path, as PEM ("-----BEGIN PUBLIC KEY-----"). */
GBytes                *psi_certificate_sign_dup_public_pem     (const char             *key_path,
                                                                GError                **error);
/* SHA-256 of the public key in public_pem (a public or a private key PEM), lower-case hex. */
char                  *psi_certificate_sign_dup_fingerprint    (GBytes                 *pem,
                                                                GError                **error);
/* Adds <signing-key sha256> and then the Signature as the last children of the root element,
 * and signs. The document must not be changed or reformatted afterwards. */
gboolean               psi_certificate_sign_doc                (xmlDocPtr               doc,
                                                                const char             *key_path,
                                                                GError                **error);
/* SHA-256 of the decoded SignatureValue of a signed document, lower-case hex; NULL if none. */
char                  *psi_certificate_sign_dup_signature_fingerprint (xmlDocPtr        doc);
/* Verifies a signed document (a single certificate or a batch) against public_pem. Errors
 * (FALSE) only when the file cannot be read or is not XML; otherwise *verdict says. */
gboolean               psi_certificate_verify_file             (GFile                  *file,
                                                                GBytes                 *public_pem,
                                                                PsiCertificateVerdict  *verdict,
                                                                GError                **error);
/* The same; on success *doc_out (may be NULL) receives the parsed document, to read what the
 * certificate says (free it with xmlFreeDoc ()). */
gboolean               psi_certificate_verify_file_full        (GFile                  *file,
                                                                GBytes                 *public_pem,
                                                                PsiCertificateVerdict  *verdict,
                                                                xmlDocPtr              *doc_out,
                                                                GError                **error);
gboolean               psi_certificate_verify_doc              (xmlDocPtr               doc,
                                                                GBytes                 *public_pem,
                                                                PsiCertificateVerdict  *verdict,
                                                                GError                **error);

G_END_DECLS
