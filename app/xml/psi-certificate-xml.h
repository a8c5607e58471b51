/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "psi-store-certificates.h"

G_BEGIN_DECLS

/* Award certificates as XML (urn:psi-records:certificate:1, data/psi-certificate-1.xsd):
 * number, revision, status and issue date; the recipient (a municipality, or a cluster with its
 * members); competition and event; kind and place of the award with its achievement; prizes
 * (grant in KGS, items); issuing (implementer) and funding (donor, government) organisations
 * with the captions of the press release's footer; signatories. Every text in en, ru and ky
 * with xml:lang. Each file is signed as a whole (psi-certificate-sign.h).
 *
 * Files are written to a temporary file and renamed: a failed export leaves the old file. */

#define PSI_CERTIFICATE_NAMESPACE        "urn:psi-records:certificate:1"
#define PSI_CERTIFICATE_SCHEMA_RESOURCE  "/io/github/psirecords/PsiRecords/schema/psi-certificate-1.xsd"
#define PSI_CERTIFICATE_BATCH_NAME       "psi-certificates.xml"
#define PSI_CERTIFICATE_PUBLIC_KEY_NAME  "psi-records-public-key.pem"

#define PSI_CERTIFICATE_XML_ERROR (psi_certificate_xml_error_quark ())

typedef enum
{
  PSI_CERTIFICATE_XML_ERROR_INVALID,    /* the document does not match the schema */
  PSI_CERTIFICATE_XML_ERROR_WRITE,
} PsiCertificateXmlError;

GQuark        psi_certificate_xml_error_quark     (void);

/* The compiled certificate schema, shared and never freed. */
xmlSchemaPtr  psi_certificate_xml_get_schema      (void);
GBytes       *psi_certificate_xml_dup_schema_bytes (void);

/* The captions of the programme from the press release's footer, in en, ru, ky (with Ө). */
PsiText      *psi_certificate_funder_caption      (void);
PsiText      *psi_certificate_implementer_caption (void);

/* An unsigned document with one <certificate> root. */
xmlDocPtr     psi_certificate_xml_build           (PsiStore        *store,
                                                   PsiCertificate  *certificate,
                                                   GError         **error);
/* An unsigned <certificates> document with every certificate of certificates. */
xmlDocPtr     psi_certificate_xml_build_batch     (PsiStore        *store,
                                                   GPtrArray       *certificates,
                                                   GError         **error);
/* Checks doc against the schema; the message names the first problem and its line. */
gboolean      psi_certificate_xml_validate        (xmlDocPtr        doc,
                                                   GError         **error);
/* Validates, signs with the key at key_path (NULL: the project's key, made on first use) and
 * writes doc to file. doc is signed in place. */
gboolean      psi_certificate_xml_sign_and_write  (xmlDocPtr        doc,
                                                   const char      *key_path,
                                                   GFile           *file,
                                                   GError         **error);

/* Writes every certificate of the awards that come with one (of competition_id, or all for 0),
 * issuing those that have none yet (dated today), to DIR/NUMBER.xml, all of them to
 * DIR/psi-certificates.xml, and the public key to DIR/psi-records-public-key.pem.
 * *n_written (may be NULL) receives the number of certificate files. */
gboolean      psi_certificate_xml_export_dir      (PsiStore        *store,
                                                   GFile           *dir,
                                                   gint64           competition_id,
                                                   const char      *key_path,
                                                   guint           *n_written,
                                                   GError         **error);

/* The same for the awards award_ids (gint64): every certificate of each, issuing one for an
 * award that has none. */
gboolean      psi_certificate_xml_export_awards_dir (PsiStore      *store,
                                                     GFile         *dir,
                                                     GArray        *award_ids,
                                                     const char    *key_path,
                                                     guint         *n_written,
                                                     GError       **error);

/* The current (not revoked) certificate of each award of award_ids (issuing one, dated today,
 * for an award that has none), built, validated and signed with the key at key_path (NULL:
 * the project's key): a new array of xmlDocPtr, for printing. */
GPtrArray    *psi_certificate_xml_dup_signed_docs (PsiStore        *store,
                                                   GArray          *award_ids,
                                                   const char      *key_path,
                                                   GError         **error);

/* What a certificate document (a <certificate> or a <certificates> batch: its first one)
 * says: its number, the recipient's names and how many certificates it holds. Each out
 * argument may be NULL; *number is NULL and *recipient empty when there is none. */
void          psi_certificate_xml_read_summary    (xmlDocPtr        doc,
                                                   char           **number,
                                                   PsiText        **recipient,
                                                   guint           *n_certificates);

G_END_DECLS
