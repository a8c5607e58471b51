/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "psi-certificate-resources.h"
#include "psi-certificate-sign.h"
#include "psi-certificate-xml.h"

G_DEFINE_QUARK (psi-certificate-xml-error-quark, psi_certificate_xml_error)

static const char *const language_codes[PSI_N_LANGUAGES] = { "en", "ru", "ky" };

/* The document's own vocabulary, in the three languages at once (a certificate carries all of
 * them whatever the interface language); terms follow the project glossary. */
typedef struct
{
  const char *en;
  const char *ru;
  const char *ky;
} Text3;

static const Text3 position_titles[] = {
  [PSI_POSITION_HEAD_OF_AO] = { "Head of ayil okmotu", "Глава айыл окмоту",
                                "Айыл өкмөтүнүн башчысы" },
  [PSI_POSITION_COUNCIL_CHAIR] = { "Chairperson of the rural council",
                                   "Председатель айылного кенеша",
                                   "Айылдык кеңештин төрагасы" },
  [PSI_POSITION_MAYOR] = { "Mayor", "Мэр", "Мэр" },
  [PSI_POSITION_PROJECT_MANAGER] = { "Project Manager", "Руководитель Проекта",
                                     "Долбоордун жетекчиси" },
  [PSI_POSITION_REPRESENTATIVE] = { "Representative", "Представитель", "Өкүл" },
  [PSI_POSITION_OTHER] = { "Signatory", "Подписант", "Кол коюучу" },
};

static const Text3 award_kinds[] = {
  [PSI_AWARD_KIND_WINNER] = { "Winner", "Победитель", "Жеңүүчү" },
  [PSI_AWARD_KIND_CONDITIONAL_WINNER] = { "Conditional winner", "Условный победитель",
                                          "Шарттуу жеңүүчү" },
  [PSI_AWARD_KIND_INCENTIVE_PRIZE] = { "Incentive prize", "Поощрительный приз",
                                       "Шыктандыруучу сыйлык" },
};

/* The footer of the press release, with Ө where it wrote the fita Ѳ. */
static const Text3 funder_caption = {
  "Programme designed and financed by the Government of Switzerland",
  "Программа разработана и финансируется Правительством Швейцарии",
  "Программа Швейцария Өкмөтү тарабынан түзүлгөн жана каржыланган",
};
static const Text3 implementer_caption = {
  "Programme implemented by HELVETAS and Development Policy Institute",
  "Программа реализуется ХЕЛЬВЕТАС и Институтом Политики Развития",
  "Программа ХЕЛЬВЕТАС жана Өнүктүрүү Саясат Институту тарабынан аткарылат",
};

PsiText *
psi_certificate_funder_caption (void)
{
  return psi_text_new (funder_caption.en, funder_caption.ru, funder_caption.ky);
}

PsiText *
psi_certificate_implementer_caption (void)
{
  return psi_text_new (implementer_caption.en, implementer_caption.ru, implementer_caption.ky);
}

GBytes *
psi_certificate_xml_dup_schema_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resource_lookup_data (psi_certificate_get_resource (),
                                  PSI_CERTIFICATE_SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_critical ("The certificate schema is missing: %s", error->message);
  return bytes;
}

static void
schema_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  g_critical ("The certificate schema does not compile: line %d: %s",
              error->line, error->message != NULL ? error->message : "");
}

static gpointer
parse_schema (gpointer data)
{
  g_autoptr(GBytes) bytes = psi_certificate_xml_dup_schema_bytes ();
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  gsize size;
  const char *text;

  if (bytes == NULL)
    return NULL;
  xmlInitParser ();
  text = g_bytes_get_data (bytes, &size);
  parser = xmlSchemaNewMemParserCtxt (text, (int) size);
  xmlSchemaSetParserStructuredErrors (parser, schema_error_cb, NULL);
  schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  return schema;
}

xmlSchemaPtr
psi_certificate_xml_get_schema (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, parse_schema, NULL);
  return once.retval;
}

typedef struct
{
  GString *message;
} ValidationErrors;

static void
validation_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  ValidationErrors *errors = user_data;

  if (errors->message->len == 0)
    g_string_append_printf (errors->message, "%d: %s", error->line,
                            error->message != NULL ? g_strstrip (error->message) : "");
}

gboolean
psi_certificate_xml_validate (xmlDocPtr   doc,
                              GError    **error)
{
  xmlSchemaPtr schema = psi_certificate_xml_get_schema ();
  xmlSchemaValidCtxtPtr ctxt;
  ValidationErrors errors = { g_string_new (NULL) };
  int rc;

  g_return_val_if_fail (doc != NULL, FALSE);

  if (schema == NULL)
    rc = -1;
  else
    {
      ctxt = xmlSchemaNewValidCtxt (schema);
      xmlSchemaSetValidStructuredErrors (ctxt, validation_error_cb, &errors);
      rc = xmlSchemaValidateDoc (ctxt, doc);
      xmlSchemaFreeValidCtxt (ctxt);
    }
  if (rc != 0)
    {
      g_set_error (error, PSI_CERTIFICATE_XML_ERROR, PSI_CERTIFICATE_XML_ERROR_INVALID,
                   /* Translators: %s is the line and the validator's message */
                   _("The certificate does not match its schema: line %s"),
                   errors.message->str);
      g_string_free (errors.message, TRUE);
      return FALSE;
    }
  g_string_free (errors.message, TRUE);
  return TRUE;
}

/* Building */

static void
add_texts (xmlNodePtr     parent,
           const char    *element,
           const PsiText *text)
{
  for (guint l = 0; l < PSI_N_LANGUAGES; l++)
    {
      const char *value = text != NULL ? psi_text_get_exact (text, l) : NULL;
      xmlNodePtr node;

      if (value == NULL)
        continue;
      node = xmlNewTextChild (parent, parent->ns, BAD_CAST element, BAD_CAST value);
      xmlNodeSetLang (node, BAD_CAST language_codes[l]);
    }
}

static void
add_text3 (xmlNodePtr   parent,
           const char  *element,
           const Text3 *text)
{
  g_autoptr(PsiText) t = psi_text_new (text->en, text->ru, text->ky);

  add_texts (parent, element, t);
}

static void
set_uint (xmlNodePtr   node,
          const char  *name,
          guint64      value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GUINT64_FORMAT, value);
  xmlNewProp (node, BAD_CAST name, BAD_CAST buffer);
}

static PsiRecord *
load (PsiStore       *store,
      PsiRecordKind   kind,
      gint64          id,
      GError        **error)
{
  return psi_store_load (store, kind, id, error);
}

static xmlNodePtr
add_named (xmlNodePtr  parent,
           const char *element,
           PsiRecord  *record)
{
  xmlNodePtr node = xmlNewChild (parent, parent->ns, BAD_CAST element, NULL);

  xmlNewProp (node, BAD_CAST "id", BAD_CAST psi_record_get_uuid (record));
  add_texts (node, "name", psi_record_get_name (record));
  return node;
}

static char *
dup_achievement (PsiLanguage  language,
                 PsiAward    *award)
{
  guint place = psi_award_get_place (award);
  const Text3 *kind = &award_kinds[psi_award_get_award_kind (award)];

  if (place == 0)
    return g_strdup (language == PSI_LANGUAGE_EN ? kind->en
                     : language == PSI_LANGUAGE_RU ? kind->ru : kind->ky);
  switch (language)
    {
    case PSI_LANGUAGE_RU:
      return g_strdup_printf ("%u-е место", place);
    case PSI_LANGUAGE_KY:
      return g_strdup_printf ("%u-орун", place);
    case PSI_LANGUAGE_EN:
    default:
      {
        const char *suffix = "th";

        if (place % 100 < 11 || place % 100 > 13)
          suffix = place % 10 == 1 ? "st" : place % 10 == 2 ? "nd" : place % 10 == 3 ? "rd" : "th";
        return g_strdup_printf ("%u%s place", place, suffix);
      }
    }
}

/* Fills node, a <certificate> element */
static gboolean
add_certificate (PsiStore        *store,
                 xmlNodePtr       node,
                 xmlNsPtr         ns,
                 PsiCertificate  *certificate,
                 GError         **error)
{
  g_autoptr(PsiRecord) award = NULL;
  g_autoptr(PsiRecord) competition = NULL;
  g_autoptr(PsiRecord) event = NULL;
  g_autoptr(PsiRecord) recipient = NULL;
  g_autoptr(GArray) organisations = NULL;
  g_autoptr(PsiText) achievement = NULL;
  g_autofree char *ach_en = NULL, *ach_ru = NULL, *ach_ky = NULL;
  xmlNodePtr child, prizes;
  gboolean is_cluster;
  gboolean funder_captioned = FALSE, issuer_captioned = FALSE;
  GListModel *items;

  award = load (store, PSI_RECORD_KIND_AWARD, certificate->award_id, error);
  if (award == NULL)
    return FALSE;
  competition = load (store, PSI_RECORD_KIND_COMPETITION,
                      psi_award_get_competition_id (PSI_AWARD (award)), error);
  if (competition == NULL)
    return FALSE;
  event = load (store, PSI_RECORD_KIND_EVENT,
                psi_competition_get_event_id (PSI_COMPETITION (competition)), error);
  if (event == NULL)
    return FALSE;
  is_cluster = psi_award_get_cluster_id (PSI_AWARD (award)) != 0;
  recipient = is_cluster
    ? load (store, PSI_RECORD_KIND_CLUSTER, psi_award_get_cluster_id (PSI_AWARD (award)), error)
    : load (store, PSI_RECORD_KIND_MUNICIPALITY,
            psi_award_get_municipality_id (PSI_AWARD (award)), error);
  if (recipient == NULL)
    return FALSE;

  xmlNewProp (node, BAD_CAST "number", BAD_CAST certificate->number);
  set_uint (node, "revision", certificate->revision);
  xmlNewProp (node, BAD_CAST "status",
              BAD_CAST psi_certificate_status_to_nick (certificate->status));
  xmlNewProp (node, BAD_CAST "issue-date", BAD_CAST certificate->issue_date);

  /* Recipient, with a cluster's members */
  child = add_named (node, "recipient", recipient);
  xmlSetProp (child, BAD_CAST "kind", BAD_CAST (is_cluster ? "cluster" : "municipality"));
  if (is_cluster)
    {
      GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (recipient));

      for (guint i = 0; members != NULL && i < members->len; i++)
        {
          g_autoptr(PsiRecord) member = load (store, PSI_RECORD_KIND_MUNICIPALITY,
                                              g_array_index (members, gint64, i), error);

          if (member == NULL)
            return FALSE;
          add_named (child, "member", member);
        }
    }

  add_named (node, "competition", competition);
  child = add_named (node, "event", event);
  if (psi_event_get_date (PSI_EVENT (event)) != NULL)
    xmlNewProp (child, BAD_CAST "date", BAD_CAST psi_event_get_date (PSI_EVENT (event)));

  /* The award and what it won */
  child = xmlNewChild (node, ns, BAD_CAST "award", NULL);
  xmlNewProp (child, BAD_CAST "id", BAD_CAST psi_record_get_uuid (award));
  xmlNewProp (child, BAD_CAST "kind",
              BAD_CAST psi_enum_to_nick (PSI_TYPE_AWARD_KIND,
                                         psi_award_get_award_kind (PSI_AWARD (award))));
  if (psi_award_get_place (PSI_AWARD (award)) > 0)
    set_uint (child, "place", psi_award_get_place (PSI_AWARD (award)));
  ach_en = dup_achievement (PSI_LANGUAGE_EN, PSI_AWARD (award));
  ach_ru = dup_achievement (PSI_LANGUAGE_RU, PSI_AWARD (award));
  ach_ky = dup_achievement (PSI_LANGUAGE_KY, PSI_AWARD (award));
  achievement = psi_text_new (ach_en, ach_ru, ach_ky);
  add_texts (child, "achievement", achievement);

  prizes = xmlNewChild (node, ns, BAD_CAST "prizes", NULL);
  if (psi_award_get_grant_kgs (PSI_AWARD (award)) > 0)
    set_uint (prizes, "grant-kgs", psi_award_get_grant_kgs (PSI_AWARD (award)));
  items = G_LIST_MODEL (psi_award_get_items (PSI_AWARD (award)));
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PsiPrizeItem) item = g_list_model_get_item (items, i);

      child = xmlNewChild (prizes, ns, BAD_CAST "item", NULL);
      xmlNewProp (child, BAD_CAST "kind",
                  BAD_CAST psi_enum_to_nick (PSI_TYPE_ITEM_KIND,
                                             psi_prize_item_get_item_kind (item)));
      if (psi_prize_item_get_count (item) > 0)
        set_uint (child, "count", psi_prize_item_get_count (item));
      add_texts (child, "label", psi_prize_item_get_label (item));
    }

  /* Issuers (implementers) first, then funders, as the schema orders them */
  organisations = psi_store_certificate_list_organisations (store, error);
  if (organisations == NULL)
    return FALSE;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < organisations->len; i++)
      {
        g_autoptr(PsiRecord) org = load (store, PSI_RECORD_KIND_ORGANISATION,
                                         g_array_index (organisations, gint64, i), error);
        PsiOrganisationRole role;
        gboolean issuer;
        const char *website;

        if (org == NULL)
          return FALSE;
        role = psi_organisation_get_role (PSI_ORGANISATION (org));
        issuer = role == PSI_ORGANISATION_ROLE_IMPLEMENTER;
        if (issuer != (pass == 0))
          continue;
        child = add_named (node, issuer ? "issuer" : "funder", org);
        xmlNewProp (child, BAD_CAST "role", BAD_CAST psi_enum_to_nick (PSI_TYPE_ORGANISATION_ROLE,
                                                                       role));
        website = psi_organisation_get_website (PSI_ORGANISATION (org));
        if (website != NULL)
          xmlNewProp (child, BAD_CAST "website", BAD_CAST website);
        if (issuer && !issuer_captioned)
          {
            add_text3 (child, "caption", &implementer_caption);
            issuer_captioned = TRUE;
          }
        else if (role == PSI_ORGANISATION_ROLE_GOVERNMENT && !funder_captioned)
          {
            add_text3 (child, "caption", &funder_caption);
            funder_captioned = TRUE;
          }
      }

  /* Signatories: the officials of the implementing organisations */
  for (guint i = 0; i < organisations->len; i++)
    {
      g_autoptr(PsiRecord) org = load (store, PSI_RECORD_KIND_ORGANISATION,
                                       g_array_index (organisations, gint64, i), error);
      g_autoptr(GListModel) officials = NULL;

      if (org == NULL)
        return FALSE;
      if (psi_organisation_get_role (PSI_ORGANISATION (org)) != PSI_ORGANISATION_ROLE_IMPLEMENTER)
        continue;
      officials = psi_store_list_related (store, org, PSI_RECORD_KIND_OFFICIAL, error);
      if (officials == NULL)
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (officials); j++)
        {
          g_autoptr(PsiRecord) official = g_list_model_get_item (officials, j);
          PsiPosition position = psi_official_get_position (PSI_OFFICIAL (official));

          child = xmlNewChild (node, ns, BAD_CAST "signatory", NULL);
          xmlNewProp (child, BAD_CAST "position",
                      BAD_CAST psi_enum_to_nick (PSI_TYPE_POSITION, position));
          xmlNewProp (child, BAD_CAST "organisation", BAD_CAST psi_record_get_uuid (org));
          add_text3 (child, "title", &position_titles[position]);
          add_texts (child, "name", psi_record_get_name (official));
        }
    }

  return TRUE;
}

/* Serialised with indentation and parsed again, so that the signed file is readable and is
 * written afterwards exactly as it was signed. */
static xmlDocPtr
reformat (xmlDocPtr doc)
{
  xmlChar *text = NULL;
  int size = 0;
  xmlDocPtr formatted;

  xmlDocDumpFormatMemoryEnc (doc, &text, &size, "UTF-8", 1);
  xmlFreeDoc (doc);
  formatted = xmlReadMemory ((const char *) text, size, NULL, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlFree (text);
  return formatted;
}

static xmlDocPtr
checked_reformat (xmlDocPtr   doc,
                  GError    **error)
{
  xmlDocPtr formatted = reformat (doc);

  if (formatted == NULL)
    g_set_error_literal (error, PSI_CERTIFICATE_XML_ERROR, PSI_CERTIFICATE_XML_ERROR_INVALID,
                         /* Translators: an internal error while writing a certificate */
                         _("The certificate cannot be written as XML: a text holds characters "
                           "that XML does not allow."));
  return formatted;
}

static xmlDocPtr
new_doc (const char  *root_name,
         xmlNsPtr    *ns)
{
  xmlDocPtr doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root = xmlNewDocNode (doc, NULL, BAD_CAST root_name, NULL);

  *ns = xmlNewNs (root, BAD_CAST PSI_CERTIFICATE_NAMESPACE, NULL);
  xmlSetNs (root, *ns);
  xmlDocSetRootElement (doc, root);
  return doc;
}

xmlDocPtr
psi_certificate_xml_build (PsiStore        *store,
                           PsiCertificate  *certificate,
                           GError         **error)
{
  xmlNsPtr ns;
  xmlDocPtr doc;
  xmlNodePtr root;

  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (certificate != NULL, NULL);

  doc = new_doc ("certificate", &ns);
  root = xmlDocGetRootElement (doc);
  xmlNewProp (root, BAD_CAST "version", BAD_CAST "1");
  if (!add_certificate (store, root, ns, certificate, error))
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  return checked_reformat (doc, error);
}

xmlDocPtr
psi_certificate_xml_build_batch (PsiStore   *store,
                                 GPtrArray  *certificates,
                                 GError    **error)
{
  xmlNsPtr ns;
  xmlDocPtr doc;

  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (certificates != NULL, NULL);

  doc = new_doc ("certificates", &ns);
  xmlNewProp (xmlDocGetRootElement (doc), BAD_CAST "version", BAD_CAST "1");
  for (guint i = 0; i < certificates->len; i++)
    if (!add_certificate (store,
                          xmlNewChild (xmlDocGetRootElement (doc), ns, BAD_CAST "certificate",
                                       NULL),
                          ns, g_ptr_array_index (certificates, i), error))
      {
        xmlFreeDoc (doc);
        return NULL;
      }
  return checked_reformat (doc, error);
}

gboolean
psi_certificate_xml_sign_and_write (xmlDocPtr    doc,
                                    const char  *key_path,
                                    GFile       *file,
                                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  xmlChar *text = NULL;
  int size = 0;
  gboolean ok;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!psi_certificate_xml_validate (doc, error) ||
      !psi_certificate_sign_doc (doc, key_path, error))
    return FALSE;
  /* The signed document must match the schema too: checked before anything is written. */
  if (!psi_certificate_xml_validate (doc, error))
    return FALSE;

  xmlDocDumpMemoryEnc (doc, &text, &size, "UTF-8");
  ok = g_file_replace_contents (file, (const char *) text, size, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error);
  xmlFree (text);
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, PSI_CERTIFICATE_XML_ERROR, PSI_CERTIFICATE_XML_ERROR_WRITE,
                   /* Translators: %s is a file name, then the reason */
                   _("Cannot write %s: %s"), name, local_error->message);
    }
  return ok;
}

gboolean
psi_certificate_xml_export_dir (PsiStore     *store,
                                GFile        *dir,
                                gint64        competition_id,
                                const char   *key_path,
                                guint        *n_written,
                                GError      **error)
{
  g_autoptr(GArray) awards = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  if (n_written != NULL)
    *n_written = 0;
  awards = psi_store_certificate_list_awards (store, competition_id, error);
  if (awards == NULL)
    return FALSE;
  return psi_certificate_xml_export_awards_dir (store, dir, awards, key_path, n_written, error);
}

gboolean
psi_certificate_xml_export_awards_dir (PsiStore     *store,
                                       GFile        *dir,
                                       GArray       *awards,
                                       const char   *key_path,
                                       guint        *n_written,
                                       GError      **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) psi_certificate_unref);
  g_autoptr(GBytes) public_pem = NULL;
  g_autoptr(GFile) key_file = NULL;
  g_autoptr(GFile) batch_file = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlDocPtr doc;
  gboolean ok;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (awards != NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;

  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *name = g_file_get_parse_name (dir);

      g_set_error (error, PSI_CERTIFICATE_XML_ERROR, PSI_CERTIFICATE_XML_ERROR_WRITE,
                   _("Cannot write %s: %s"), name, local_error->message);
      return FALSE;
    }

  if (!psi_certificate_sign_ensure_key (key_path, error))
    return FALSE;

  for (guint i = 0; i < awards->len; i++)
    {
      gint64 award_id = g_array_index (awards, gint64, i);
      g_autoptr(GPtrArray) certificates = NULL;

      certificates = psi_store_certificate_list_for_award (store, award_id, error);
      if (certificates == NULL)
        return FALSE;
      if (certificates->len == 0)
        {
          PsiCertificate *issued = psi_store_certificate_issue (store, award_id, NULL, error);

          if (issued == NULL)
            return FALSE;
          g_ptr_array_add (certificates, issued);
        }
      for (guint j = 0; j < certificates->len; j++)
        g_ptr_array_add (all, psi_certificate_ref (g_ptr_array_index (certificates, j)));
    }

  for (guint i = 0; i < all->len; i++)
    {
      PsiCertificate *certificate = g_ptr_array_index (all, i);
      g_autofree char *name = g_strconcat (certificate->number, ".xml", NULL);
      g_autoptr(GFile) file = g_file_get_child (dir, name);

      doc = psi_certificate_xml_build (store, certificate, error);
      if (doc == NULL)
        return FALSE;
      ok = psi_certificate_xml_sign_and_write (doc, key_path, file, error);
      xmlFreeDoc (doc);
      if (!ok)
        return FALSE;
      if (n_written != NULL)
        (*n_written)++;
    }

  doc = psi_certificate_xml_build_batch (store, all, error);
  if (doc == NULL)
    return FALSE;
  batch_file = g_file_get_child (dir, PSI_CERTIFICATE_BATCH_NAME);
  ok = psi_certificate_xml_sign_and_write (doc, key_path, batch_file, error);
  xmlFreeDoc (doc);
  if (!ok)
    return FALSE;

  public_pem = psi_certificate_sign_dup_public_pem (key_path, error);
  if (public_pem == NULL)
    return FALSE;
  key_file = g_file_get_child (dir, PSI_CERTIFICATE_PUBLIC_KEY_NAME);
  if (!g_file_replace_contents (key_file, g_bytes_get_data (public_pem, NULL),
                                g_bytes_get_size (public_pem), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (key_file);

      g_set_error (error, PSI_CERTIFICATE_XML_ERROR, PSI_CERTIFICATE_XML_ERROR_WRITE,
                   _("Cannot write %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
psi_certificate_xml_dup_signed_docs (PsiStore     *store,
                                     GArray       *awards,
                                     const char   *key_path,
                                     GError      **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeDoc);

  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (awards != NULL, NULL);

  for (guint i = 0; i < awards->len; i++)
    {
      gint64 award_id = g_array_index (awards, gint64, i);
      g_autoptr(GPtrArray) certificates = NULL;
      g_autoptr(PsiCertificate) current = NULL;
      xmlDocPtr doc;

      certificates = psi_store_certificate_list_for_award (store, award_id, error);
      if (certificates == NULL)
        return NULL;
      for (guint j = 0; j < certificates->len; j++)
        {
          PsiCertificate *c = g_ptr_array_index (certificates, j);

          if (c->status != PSI_CERTIFICATE_STATUS_REVOKED)
            {
              g_clear_pointer (&current, psi_certificate_unref);
              current = psi_certificate_ref (c);
            }
        }
      if (current == NULL)
        {
          current = psi_store_certificate_issue (store, award_id, NULL, error);
          if (current == NULL)
            return NULL;
        }
      doc = psi_certificate_xml_build (store, current, error);
      if (doc == NULL)
        return NULL;
      g_ptr_array_add (docs, doc);
      if (!psi_certificate_xml_validate (doc, error) ||
          !psi_certificate_sign_doc (doc, key_path, error))
        return NULL;
    }
  return g_steal_pointer (&docs);
}

static xmlNodePtr
first_child (xmlNodePtr  parent,
             const char *name)
{
  for (xmlNodePtr n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name))
      return n;
  return NULL;
}

void
psi_certificate_xml_read_summary (xmlDocPtr   doc,
                                  char      **number,
                                  PsiText   **recipient,
                                  guint      *n_certificates)
{
  xmlNodePtr root;
  xmlNodePtr cert = NULL;
  guint n = 0;

  g_return_if_fail (doc != NULL);

  root = xmlDocGetRootElement (doc);
  if (root != NULL && xmlStrEqual (root->name, BAD_CAST "certificate"))
    {
      cert = root;
      n = 1;
    }
  else if (root != NULL && xmlStrEqual (root->name, BAD_CAST "certificates"))
    for (xmlNodePtr c = root->children; c != NULL; c = c->next)
      if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, BAD_CAST "certificate"))
        {
          if (cert == NULL)
            cert = c;
          n++;
        }

  if (n_certificates != NULL)
    *n_certificates = n;
  if (number != NULL)
    {
      xmlChar *value = cert != NULL ? xmlGetProp (cert, BAD_CAST "number") : NULL;

      *number = g_strdup ((const char *) value);
      xmlFree (value);
    }
  if (recipient != NULL)
    {
      char *names[PSI_N_LANGUAGES] = { NULL, };
      xmlNodePtr node = first_child (cert, "recipient");

      for (xmlNodePtr e = first_child (node, "name"); e != NULL; e = e->next)
        {
          g_autofree xmlChar *lang = NULL;
          PsiLanguage language;

          if (e->type != XML_ELEMENT_NODE || !xmlStrEqual (e->name, BAD_CAST "name"))
            continue;
          lang = xmlNodeGetLang (e);
          if (lang != NULL && psi_language_from_code ((const char *) lang, &language) &&
              names[language] == NULL)
            {
              xmlChar *content = xmlNodeGetContent (e);

              names[language] = g_strdup ((const char *) content);
              xmlFree (content);
            }
        }
      *recipient = psi_text_new (names[PSI_LANGUAGE_EN], names[PSI_LANGUAGE_RU],
                                 names[PSI_LANGUAGE_KY]);
      for (guint l = 0; l < PSI_N_LANGUAGES; l++)
        g_free (names[l]);
    }
}
