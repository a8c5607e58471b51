/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/templates.h>

#include "psi-certificate-sign.h"

/* A signed certificate is small; a batch of a whole file's awards stays well below this. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)
#define KEY_BITS 3072

#define SIGNING_KEY_ELEMENT "signing-key"

G_DEFINE_QUARK (psi-certificate-sign-error-quark, psi_certificate_sign_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)

/* xmlsec reports every failed check (a digest that does not match) on stderr by default; the
 * caller reports the outcome itself, so these go to the debug log. */
static void
xmlsec_error_cb (const char *file,
                 int         line,
                 const char *func,
                 const char *error_object,
                 const char *error_subject,
                 int         reason,
                 const char *msg)
{
  g_debug ("xmlsec: %s: %s (%d)", func != NULL ? func : "", msg != NULL ? msg : "", reason);
}

static gpointer
init_xmlsec (gpointer data)
{
  xmlInitParser ();
  if (xmlSecInit () < 0)
    return GINT_TO_POINTER (FALSE);
  if (xmlSecCheckVersion () != 1)
    return GINT_TO_POINTER (FALSE);
  if (xmlSecCryptoAppInit (NULL) < 0 || xmlSecCryptoInit () < 0)
    return GINT_TO_POINTER (FALSE);
  /* After the crypto library's initialisation, which sets the default callback again */
  xmlSecErrorsSetCallback (xmlsec_error_cb);
  return GINT_TO_POINTER (TRUE);
}

static gboolean
ensure_xmlsec (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_xmlsec, NULL);
  if (!GPOINTER_TO_INT (once.retval))
    {
      g_set_error_literal (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_SIGN,
                           _("The signing library (xmlsec1 with OpenSSL) cannot be started."));
      return FALSE;
    }
  return TRUE;
}

char *
psi_certificate_sign_dup_default_key_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "psi-records", "keys", "signing-key.pem",
                           NULL);
}

static char *
dup_key_path (const char *key_path)
{
  return key_path != NULL ? g_strdup (key_path) : psi_certificate_sign_dup_default_key_path ();
}

static void
set_key_error (GError     **error,
               const char  *path,
               const char  *detail)
{
  g_set_error (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_KEY,
               /* Translators: %s is a file name, then the reason */
               _("Cannot use the signing key %s: %s"), path, detail);
}

/* Writes data to path readable by the user only, never over an existing file. */
static gboolean
write_new_private_file (const char  *path,
                        const char  *data,
                        gsize        size,
                        GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd, saved;
  gsize done = 0;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_key_error (error, path, g_strerror (errno));
      return FALSE;
    }
  while (done < size)
    {
      gssize n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  saved = errno;
  if (done < size || fsync (fd) != 0 || close (fd) != 0)
    {
      set_key_error (error, path, g_strerror (done < size ? saved : errno));
      g_unlink (tmp);
      return FALSE;
    }
  /* link () refuses to replace a key another process made in the meantime. */
  if (link (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      if (saved == EEXIST)
        return TRUE;
      set_key_error (error, path, g_strerror (saved));
      return FALSE;
    }
  g_unlink (tmp);
  return TRUE;
}

gboolean
psi_certificate_sign_ensure_key (const char  *key_path,
                                 GError     **error)
{
  g_autofree char *path = dup_key_path (key_path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(EVP_PKEY) pkey = NULL;
  g_autoptr(BIO) bio = NULL;
  char *pem = NULL;
  long size;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_key_error (error, path, g_strerror (errno));
      return FALSE;
    }

  pkey = EVP_RSA_gen (KEY_BITS);
  bio = BIO_new (BIO_s_mem ());
  if (pkey == NULL || bio == NULL ||
      PEM_write_bio_PrivateKey (bio, pkey, NULL, NULL, 0, NULL, NULL) != 1)
    {
      set_key_error (error, path, _("OpenSSL cannot create an RSA key."));
      return FALSE;
    }
  size = BIO_get_mem_data (bio, &pem);
  ok = write_new_private_file (path, pem, size, error);
  OPENSSL_cleanse (pem, size);
  if (ok)
    g_debug ("Created the signing key %s", path);
  return ok;
}

static GBytes *
read_key_file (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize size;

  if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      set_key_error (error, path, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, size);
}

static void
free_secret (gpointer data)
{
  GBytes *bytes = data;
  gsize size;
  gconstpointer p = g_bytes_get_data (bytes, &size);

  OPENSSL_cleanse ((gpointer) p, size);
  g_bytes_unref (bytes);
}

/* A private or public key from PEM */
static EVP_PKEY *
pkey_from_pem (GBytes *pem)
{
  gsize size;
  const char *data = g_bytes_get_data (pem, &size);
  g_autoptr(BIO) bio = BIO_new_mem_buf (data, (int) size);
  EVP_PKEY *pkey;

  if (bio == NULL)
    return NULL;
  pkey = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  if (pkey != NULL)
    return pkey;
  g_clear_pointer (&bio, BIO_free);
  bio = BIO_new_mem_buf (data, (int) size);
  pkey = bio != NULL ? PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL) : NULL;
  /* The failed attempt left errors in OpenSSL's queue, where xmlsec would find them later. */
  ERR_clear_error ();
  return pkey;
}

GBytes *
psi_certificate_sign_dup_public_pem (const char  *key_path,
                                     GError     **error)
{
  g_autofree char *path = dup_key_path (key_path);
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(EVP_PKEY) pkey = NULL;
  g_autoptr(BIO) bio = NULL;
  char *pem = NULL;
  long size;

  secret = read_key_file (path, error);
  if (secret == NULL)
    return NULL;
  pkey = pkey_from_pem (secret);
  free_secret (g_steal_pointer (&secret));
  bio = BIO_new (BIO_s_mem ());
  if (pkey == NULL || bio == NULL || PEM_write_bio_PUBKEY (bio, pkey) != 1)
    {
      set_key_error (error, path, _("It is not a key in PEM format."));
      return NULL;
    }
  size = BIO_get_mem_data (bio, &pem);
  return g_bytes_new (pem, size);
}

char *
psi_certificate_sign_dup_fingerprint (GBytes  *pem,
                                      GError **error)
{
  g_autoptr(EVP_PKEY) pkey = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  unsigned char *der = NULL;
  int size;

  g_return_val_if_fail (pem != NULL, NULL);

  pkey = pkey_from_pem (pem);
  if (pkey == NULL || (size = i2d_PUBKEY (pkey, &der)) <= 0)
    {
      g_set_error_literal (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_KEY,
                           _("The key is not a key in PEM format."));
      return NULL;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der, size);
  OPENSSL_free (der);
  return g_strdup (g_checksum_get_string (checksum));
}

static xmlSecKeyPtr
load_xmlsec_key (GBytes *pem)
{
  gsize size;
  const guchar *data = g_bytes_get_data (pem, &size);

  return xmlSecCryptoAppKeyLoadMemory (data, (xmlSecSize) size, xmlSecKeyDataFormatPem,
                                       NULL, NULL, NULL);
}

gboolean
psi_certificate_sign_doc (xmlDocPtr    doc,
                          const char  *key_path,
                          GError     **error)
{
  g_autofree char *path = dup_key_path (key_path);
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *fingerprint = NULL;
  xmlNodePtr root, key_node, sign_node, ref_node;
  xmlSecDSigCtxPtr ctx;
  int rc;

  g_return_val_if_fail (doc != NULL, FALSE);

  root = xmlDocGetRootElement (doc);
  g_return_val_if_fail (root != NULL, FALSE);

  if (!ensure_xmlsec (error) || !psi_certificate_sign_ensure_key (path, error))
    return FALSE;
  secret = read_key_file (path, error);
  if (secret == NULL)
    return FALSE;
  fingerprint = psi_certificate_sign_dup_fingerprint (secret, error);
  if (fingerprint == NULL)
    {
      free_secret (g_steal_pointer (&secret));
      return FALSE;
    }

  key_node = xmlNewChild (root, root->ns, BAD_CAST SIGNING_KEY_ELEMENT, NULL);
  xmlNewProp (key_node, BAD_CAST "sha256", BAD_CAST fingerprint);

  sign_node = xmlSecTmplSignatureCreate (doc, xmlSecTransformExclC14NId,
                                         xmlSecTransformRsaSha256Id, NULL);
  if (sign_node == NULL)
    goto failed;
  xmlAddChild (root, sign_node);
  ref_node = xmlSecTmplSignatureAddReference (sign_node, xmlSecTransformSha256Id,
                                              NULL, BAD_CAST "", NULL);
  if (ref_node == NULL ||
      xmlSecTmplReferenceAddTransform (ref_node, xmlSecTransformEnvelopedId) == NULL ||
      xmlSecTmplReferenceAddTransform (ref_node, xmlSecTransformExclC14NId) == NULL)
    goto failed;

  ctx = xmlSecDSigCtxCreate (NULL);
  if (ctx == NULL)
    goto failed;
  ctx->signKey = load_xmlsec_key (secret);
  rc = ctx->signKey != NULL ? xmlSecDSigCtxSign (ctx, sign_node) : -1;
  xmlSecDSigCtxDestroy (ctx);
  free_secret (g_steal_pointer (&secret));
  if (rc < 0)
    {
      g_set_error (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_SIGN,
                   /* Translators: %s is the file name of the signing key */
                   _("Cannot sign with the key %s."), path);
      return FALSE;
    }
  return TRUE;

failed:
  free_secret (g_steal_pointer (&secret));
  g_set_error_literal (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_SIGN,
                       _("Cannot prepare the signature."));
  return FALSE;
}

static xmlNodePtr
find_signature (xmlDocPtr doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  /* Only a Signature that is a child of the root signs this document as a whole. */
  return xmlSecFindChild (root, xmlSecNodeSignature, xmlSecDSigNs);
}

char *
psi_certificate_sign_dup_signature_fingerprint (xmlDocPtr doc)
{
  xmlNodePtr sign_node = find_signature (doc);
  xmlNodePtr value_node;
  g_autofree xmlChar *text = NULL;
  g_autofree guchar *raw = NULL;
  gsize size;

  if (sign_node == NULL)
    return NULL;
  value_node = xmlSecFindNode (sign_node, xmlSecNodeSignatureValue, xmlSecDSigNs);
  if (value_node == NULL)
    return NULL;
  text = xmlNodeGetContent (value_node);
  raw = g_base64_decode ((const char *) text, &size);
  if (size == 0)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, raw, size);
}

gboolean
psi_certificate_verify_doc (xmlDocPtr               doc,
                            GBytes                 *public_pem,
                            PsiCertificateVerdict  *verdict,
                            GError                **error)
{
  g_autofree char *known = NULL;
  g_autofree xmlChar *claimed = NULL;
  xmlNodePtr root, sign_node, key_node;
  xmlSecDSigCtxPtr ctx;
  gboolean valid = FALSE;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (public_pem != NULL, FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);

  if (!ensure_xmlsec (error))
    return FALSE;
  known = psi_certificate_sign_dup_fingerprint (public_pem, error);
  if (known == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  sign_node = find_signature (doc);
  if (sign_node == NULL)
    {
      *verdict = PSI_CERTIFICATE_UNSIGNED;
      return TRUE;
    }
  key_node = root->ns != NULL
    ? xmlSecFindChild (root, BAD_CAST SIGNING_KEY_ELEMENT, root->ns->href)
    : NULL;
  if (key_node != NULL)
    claimed = xmlGetProp (key_node, BAD_CAST "sha256");
  if (claimed != NULL && g_ascii_strcasecmp ((const char *) claimed, known) != 0)
    {
      *verdict = PSI_CERTIFICATE_UNKNOWN_KEY;
      return TRUE;
    }

  ctx = xmlSecDSigCtxCreate (NULL);
  if (ctx == NULL)
    {
      g_set_error_literal (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_SIGN,
                           _("The signing library (xmlsec1 with OpenSSL) cannot be started."));
      return FALSE;
    }
  /* The whole document, nothing fetched from elsewhere, only the transforms we use. */
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
  xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformEnvelopedId);
  xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformExclC14NId);
  xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha256Id);
  xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformExclC14NId);
  xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformRsaSha256Id);
  ctx->signKey = load_xmlsec_key (public_pem);
  if (ctx->signKey != NULL &&
      xmlSecDSigCtxVerify (ctx, sign_node) >= 0 &&
      ctx->status == xmlSecDSigStatusSucceeded &&
      xmlSecPtrListGetSize (&ctx->signedInfoReferences) == 1)
    valid = TRUE;
  xmlSecDSigCtxDestroy (ctx);

  /* A document that names no key but verifies with the known one is authentic all the same. */
  *verdict = valid ? PSI_CERTIFICATE_VALID : PSI_CERTIFICATE_MODIFIED;
  return TRUE;
}

gboolean
psi_certificate_verify_file (GFile                  *file,
                             GBytes                 *public_pem,
                             PsiCertificateVerdict  *verdict,
                             GError                **error)
{
  return psi_certificate_verify_file_full (file, public_pem, verdict, NULL, error);
}

gboolean
psi_certificate_verify_file_full (GFile                  *file,
                                  GBytes                 *public_pem,
                                  PsiCertificateVerdict  *verdict,
                                  xmlDocPtr              *doc_out,
                                  GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize size;
  xmlDocPtr doc;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &size, NULL, &local_error))
    {
      g_set_error (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_READ,
                   /* Translators: %s is a file name, then the reason */
                   _("Cannot read %s: %s"), name, local_error->message);
      return FALSE;
    }
  if (size > MAX_FILE_SIZE)
    {
      g_set_error (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_READ,
                   /* Translators: %s is a file name */
                   _("%s is too large for a certificate."), name);
      return FALSE;
    }
  /* No network, no entity substitution, no DTD loading, no XInclude. */
  doc = xmlReadMemory (contents, (int) size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                       XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL || doc->intSubset != NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, PSI_CERTIFICATE_SIGN_ERROR, PSI_CERTIFICATE_SIGN_ERROR_READ,
                   /* Translators: %s is a file name */
                   _("%s is not a certificate file (not well-formed XML)."), name);
      return FALSE;
    }
  ok = psi_certificate_verify_doc (doc, public_pem, verdict, error);
  if (ok && doc_out != NULL)
    *doc_out = doc;
  else
    xmlFreeDoc (doc);
  return ok;
}
