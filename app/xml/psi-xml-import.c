/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <string.h>

#include "psi-xml-import.h"

/* The format is described in data/README.md. Every record is a child of the root; the reader
 * streams through the file and expands one record at a time, so memory stays bounded by the
 * largest record, not the file. */

#define PSI_XML_NAMESPACE  "urn:psi-records:conference:1"
#define PSI_XML_VERSION    "1"
#define MAX_INPUT_MIB      256
#define MAX_INPUT_SIZE     ((gsize) MAX_INPUT_MIB * 1024 * 1024)
#define MAX_DEPTH          64
#define READ_CHUNK_SIZE    (64 * 1024)

#define XSTR(s) ((const char *) (s))

typedef struct
{
  PsiRecordKind kind;
  gint64        id;
} KnownRecord;

typedef struct
{
  PsiStore         *store;
  const char       *display_name;
  const char       *data;        /* the input, for the line of a DOCTYPE */
  gsize             size;
  xmlTextReaderPtr  reader;
  GHashTable       *defined;     /* uuid → KnownRecord: records of this file, saved already */
  GHashTable       *resolved;    /* uuid → KnownRecord: references found in the store */
  char             *xml_error;   /* the first error libxml2 reported */
  int               xml_error_line;
} ImportContext;

typedef gboolean (*ChildFunc) (ImportContext  *ctx,
                               xmlNode        *child,
                               gpointer        user_data,
                               GError        **error);

typedef struct
{
  char *values[PSI_N_LANGUAGES];
} TextBuilder;

#define MAX_TEXT_FIELDS 4

/* Element names of the record kinds, in PsiRecordKind order. */
static const char * const kind_elements[PSI_N_RECORD_KINDS] = {
  "organisation",
  "region",
  "district",
  "municipality",
  "official",
  "cluster",
  "event",
  "competition",
  "award",
  "agreement",
};

G_DEFINE_QUARK (psi-xml-error-quark, psi_xml_error)

/* Errors */

static int
node_line (ImportContext *ctx,
           xmlNode       *node)
{
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  /* Without XML_PARSE_BIG_LINES libxml2 saturates node line numbers at 65535. */
  if (line <= 0 || line >= 65535)
    line = xmlTextReaderGetParserLineNumber (ctx->reader);

  return (int) line;
}

static void set_error (ImportContext  *ctx,
                       GError        **error,
                       PsiXmlError     code,
                       int             line,
                       const char     *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (ImportContext  *ctx,
           GError        **error,
           PsiXmlError     code,
           int             line,
           const char     *format,
           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PSI_XML_ERROR, code,
               /* Translators: a file name, a line number in it, then what is wrong there,
                * e.g. "records.xml, line 12: <award> has no “competition” attribute" */
               _("%s, line %d: %s"), ctx->display_name, line, what);
}

static void
reader_error_cb (void                   *arg,
                 const char             *msg,
                 xmlParserSeverities     severity,
                 xmlTextReaderLocatorPtr locator)
{
  ImportContext *ctx = arg;

  if (severity == XML_PARSER_SEVERITY_WARNING ||
      severity == XML_PARSER_SEVERITY_VALIDITY_WARNING)
    return;

  if (ctx->xml_error != NULL)
    return;

  ctx->xml_error = g_strstrip (g_utf8_make_valid (msg != NULL ? msg : "", -1));
  ctx->xml_error_line = locator != NULL ? xmlTextReaderLocatorLineNumber (locator) : -1;
  if (ctx->xml_error_line <= 0)
    ctx->xml_error_line = xmlTextReaderGetParserLineNumber (ctx->reader);
}

/* libxml2 keeps no line number for the DOCTYPE node: find it in the input. */
static int
doctype_line (ImportContext *ctx)
{
  static const char needle[] = "<!DOCTYPE";
  gsize len = sizeof needle - 1;
  int line = 1;

  for (gsize i = 0; i + len <= ctx->size; i++)
    {
      if (ctx->data[i] == '\n')
        line++;
      else if (ctx->data[i] == '<' && memcmp (ctx->data + i, needle, len) == 0)
        return line;
    }

  return xmlTextReaderGetParserLineNumber (ctx->reader);
}

static gboolean
fail_with_xml_error (ImportContext  *ctx,
                     GError        **error)
{
  if (ctx->xml_error != NULL)
    set_error (ctx, error, PSI_XML_ERROR_MALFORMED, ctx->xml_error_line,
               /* Translators: %s is libxml2's own (English) description of the problem */
               _("the file is not well-formed XML: %s"), ctx->xml_error);
  else
    set_error (ctx, error, PSI_XML_ERROR_MALFORMED,
               xmlTextReaderGetParserLineNumber (ctx->reader),
               _("the file is not well-formed XML"));

  return FALSE;
}

/* Text */

/* Cyrillic fita (Ѳ ѳ) appears in old Kyrgyz texts where Ө ө is meant. Control characters are
 * refused: they cannot be written back to XML. Returns NULL when str holds one. */
static char *
normalise_text (const char *str)
{
  g_autoptr(GString) out = NULL;

  if (!g_utf8_validate (str, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (str));

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f))
        return NULL;

      if (c == 0x0472)
        c = 0x04e8;
      else if (c == 0x0473)
        c = 0x04e9;

      g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_our_element (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         g_strcmp0 (XSTR (node->ns->href), PSI_XML_NAMESPACE) == 0;
}

/* Attributes */

static gboolean
check_attributes (ImportContext       *ctx,
                  xmlNode             *node,
                  const char * const  *allowed,
                  gboolean             allow_lang,
                  GError             **error)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (attr->ns != NULL)
        {
          if (allow_lang &&
              g_strcmp0 (XSTR (attr->ns->href), XSTR (XML_XML_NAMESPACE)) == 0 &&
              g_strcmp0 (XSTR (attr->name), "lang") == 0)
            continue;
        }
      else if (allowed != NULL && g_strv_contains (allowed, XSTR (attr->name)))
        continue;

      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an attribute name, then an element name; keep <> */
                 _("unknown attribute “%s” on <%s>"),
                 XSTR (attr->name), XSTR (node->name));
      return FALSE;
    }

  return TRUE;
}

/* The attribute's value, checked for control characters and normalised; NULL (and no error)
 * when absent. */
static gboolean
get_attr (ImportContext  *ctx,
          xmlNode        *node,
          const char     *name,
          gboolean        required,
          char          **value,
          GError        **error)
{
  xmlChar *raw = xmlGetNoNsProp (node, (const xmlChar *) name);

  *value = NULL;

  if (raw == NULL)
    {
      if (!required)
        return TRUE;

      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an element name, then an attribute name; keep <> */
                 _("<%s> has no “%s” attribute"), XSTR (node->name), name);
      return FALSE;
    }

  *value = normalise_text (XSTR (raw));
  xmlFree (raw);

  if (*value == NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an attribute name, then an element name; keep <> */
                 _("the attribute “%s” of <%s> contains a control character"),
                 name, XSTR (node->name));
      return FALSE;
    }

  return TRUE;
}

static gboolean
invalid_value (ImportContext  *ctx,
               xmlNode        *node,
               const char     *name,
               const char     *value,
               GError        **error)
{
  set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
             /* Translators: a value, an attribute name, an element name; keep <> */
             _("“%s” is not a valid value for the attribute “%s” of <%s>"),
             value, name, XSTR (node->name));
  return FALSE;
}

static gboolean
get_enum_attr (ImportContext  *ctx,
               xmlNode        *node,
               const char     *name,
               GType           enum_type,
               int            *value,
               GError        **error)
{
  g_autofree char *str = NULL;

  if (!get_attr (ctx, node, name, TRUE, &str, error))
    return FALSE;

  if (!psi_enum_from_nick (enum_type, str, value))
    return invalid_value (ctx, node, name, str, error);

  return TRUE;
}

static gboolean
get_uint_attr (ImportContext  *ctx,
               xmlNode        *node,
               const char     *name,
               guint           min,
               guint           fallback,
               guint          *value,
               GError        **error)
{
  g_autofree char *str = NULL;
  guint64 v;

  if (!get_attr (ctx, node, name, FALSE, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (str, 10, min, G_MAXUINT, &v, NULL))
    return invalid_value (ctx, node, name, str, error);

  *value = (guint) v;
  return TRUE;
}

static gboolean
get_int64_attr (ImportContext  *ctx,
                xmlNode        *node,
                const char     *name,
                gint64         *value,
                GError        **error)
{
  g_autofree char *str = NULL;
  gint64 v;

  if (!get_attr (ctx, node, name, FALSE, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *value = 0;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (str, 10, 0, G_MAXINT64, &v, NULL))
    return invalid_value (ctx, node, name, str, error);

  *value = v;
  return TRUE;
}

static gboolean
get_bool_attr (ImportContext  *ctx,
               xmlNode        *node,
               const char     *name,
               gboolean       *value,
               GError        **error)
{
  g_autofree char *str = NULL;

  if (!get_attr (ctx, node, name, FALSE, &str, error))
    return FALSE;

  if (str == NULL || g_str_equal (str, "false"))
    *value = FALSE;
  else if (g_str_equal (str, "true"))
    *value = TRUE;
  else
    return invalid_value (ctx, node, name, str, error);

  return TRUE;
}

/* An ISO 8601 calendar date, YYYY-MM-DD; NULL when absent. */
static gboolean
get_date_attr (ImportContext  *ctx,
               xmlNode        *node,
               const char     *name,
               char          **value,
               GError        **error)
{
  g_autofree char *str = NULL;
  guint64 year, month, day;

  if (!get_attr (ctx, node, name, FALSE, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *value = NULL;
      return TRUE;
    }

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return invalid_value (ctx, node, name, str, error);

  str[4] = str[7] = '\0';
  if (!g_ascii_string_to_unsigned (str, 10, 1, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (str + 5, 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (str + 8, 10, 1, 31, &day, NULL) ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      str[4] = str[7] = '-';
      return invalid_value (ctx, node, name, str, error);
    }

  str[4] = str[7] = '-';
  *value = g_steal_pointer (&str);
  return TRUE;
}

/* A lower-case uuid, or an error. */
static gboolean
parse_uuid (ImportContext  *ctx,
            xmlNode        *node,
            const char     *name,
            const char     *str,
            char          **uuid,
            GError        **error)
{
  if (!g_uuid_string_is_valid (str))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: a value, an attribute name, an element name; keep <> */
                 _("“%s” in the attribute “%s” of <%s> is not a uuid"),
                 str, name, XSTR (node->name));
      return FALSE;
    }

  *uuid = g_ascii_strdown (str, -1);
  return TRUE;
}

/* The id of the record a uuid attribute refers to: defined earlier in this file, or already in
 * the store. 0 when the attribute is absent and not required. */
static gboolean
get_ref_attr (ImportContext  *ctx,
              xmlNode        *node,
              const char     *name,
              PsiRecordKind   kind,
              gboolean        required,
              gint64         *id,
              GError        **error)
{
  g_autofree char *str = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(PsiRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  KnownRecord *known;

  *id = 0;

  if (!get_attr (ctx, node, name, required, &str, error))
    return FALSE;
  if (str == NULL)
    return TRUE;

  if (!parse_uuid (ctx, node, name, str, &uuid, error))
    return FALSE;

  known = g_hash_table_lookup (ctx->defined, uuid);
  if (known == NULL)
    known = g_hash_table_lookup (ctx->resolved, uuid);

  if (known != NULL)
    {
      if (known->kind != kind)
        {
          set_error (ctx, error, PSI_XML_ERROR_REFERENCE, node_line (ctx, node),
                     /* Translators: an attribute name, an element name, a uuid, then the
                      * element name of the kind of record expected; keep <> */
                     _("the attribute “%s” of <%s> refers to %s, which is not a <%s>"),
                     name, XSTR (node->name), uuid, kind_elements[kind]);
          return FALSE;
        }

      *id = known->id;
      return TRUE;
    }

  record = psi_store_load_by_uuid (ctx->store, kind, uuid, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND))
        set_error (ctx, error, PSI_XML_ERROR_REFERENCE, node_line (ctx, node),
                   /* Translators: an attribute name, an element name, a uuid, then the
                    * element name of the kind of record expected; keep <> */
                   _("the attribute “%s” of <%s> refers to %s, a <%s> that is neither in this "
                     "file nor in the records"),
                   name, XSTR (node->name), uuid, kind_elements[kind]);
      else
        set_error (ctx, error, PSI_XML_ERROR_STORE, node_line (ctx, node), "%s",
                   local_error->message);
      return FALSE;
    }

  known = g_new (KnownRecord, 1);
  known->kind = kind;
  known->id = psi_record_get_id (record);
  g_hash_table_insert (ctx->resolved, g_steal_pointer (&uuid), known);

  *id = known->id;
  return TRUE;
}

/* Children */

static gboolean
read_text_element (ImportContext  *ctx,
                   xmlNode        *node,
                   TextBuilder    *builder,
                   GError        **error)
{
  g_autoptr(GString) content = g_string_new (NULL);
  g_autofree char *value = NULL;
  xmlChar *lang_code;
  PsiLanguage lang;
  gboolean lang_ok;

  if (!check_attributes (ctx, node, NULL, TRUE, error))
    return FALSE;

  lang_code = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  if (lang_code == NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an element name; keep <> and xml:lang */
                 _("<%s> has no xml:lang attribute"), XSTR (node->name));
      return FALSE;
    }

  lang_ok = psi_language_from_code (XSTR (lang_code), &lang);
  if (!lang_ok)
    {
      g_autofree char *shown = g_utf8_make_valid (XSTR (lang_code), -1);

      xmlFree (lang_code);
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: a language code, then an element name; keep <> */
                 _("unknown language “%s” in <%s>; use en, ru or ky"),
                 shown, XSTR (node->name));
      return FALSE;
    }
  xmlFree (lang_code);

  if (builder->values[lang] != NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an element name, then a language code; keep <> */
                 _("<%s> appears twice in the language “%s”"),
                 XSTR (node->name), psi_language_to_code (lang));
      return FALSE;
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      switch ((int) child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content != NULL)
            g_string_append (content, XSTR (child->content));
          break;

        case XML_COMMENT_NODE:
        case XML_PI_NODE:
          break;

        default:
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, child),
                     /* Translators: an element name; keep <> */
                     _("<%s> may hold only text"), XSTR (node->name));
          return FALSE;
        }
    }

  value = normalise_text (content->str);
  if (value == NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an element name; keep <> */
                 _("the text of <%s> contains a control character"), XSTR (node->name));
      return FALSE;
    }

  g_strstrip (value);
  if (*value != '\0')
    builder->values[lang] = g_steal_pointer (&value);

  return TRUE;
}

/* Reads the children of node: multilingual texts named in text_names go to texts[i] (NULL when
 * absent), elements named in other_names go to other_cb; anything else is an error. */
static gboolean
read_children (ImportContext       *ctx,
               xmlNode             *node,
               const char * const  *text_names,
               PsiText            **texts,
               const char * const  *other_names,
               ChildFunc            other_cb,
               gpointer             user_data,
               GError             **error)
{
  TextBuilder builders[MAX_TEXT_FIELDS] = { { { NULL, } }, };
  guint n_texts = text_names != NULL ? g_strv_length ((char **) text_names) : 0;
  gboolean ok = TRUE;

  g_assert (n_texts <= MAX_TEXT_FIELDS);

  for (xmlNode *child = node->children; ok && child != NULL; child = child->next)
    {
      const char *name = XSTR (child->name);
      gboolean handled = FALSE;

      switch ((int) child->type)
        {
        case XML_COMMENT_NODE:
        case XML_PI_NODE:
          continue;

        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (xmlIsBlankNode (child))
            continue;
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, child),
                     /* Translators: an element name; keep <> */
                     _("unexpected text in <%s>"), XSTR (node->name));
          ok = FALSE;
          continue;

        case XML_ELEMENT_NODE:
          break;

        default:
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, child),
                     /* Translators: an element name; keep <> */
                     _("unexpected content in <%s>"), XSTR (node->name));
          ok = FALSE;
          continue;
        }

      if (is_our_element (child))
        {
          for (guint i = 0; i < n_texts; i++)
            {
              if (g_str_equal (name, text_names[i]))
                {
                  ok = read_text_element (ctx, child, &builders[i], error);
                  handled = TRUE;
                  break;
                }
            }

          if (!handled && other_names != NULL && g_strv_contains (other_names, name))
            {
              ok = other_cb (ctx, child, user_data, error);
              handled = TRUE;
            }
        }

      if (!handled)
        {
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, child),
                     /* Translators: two element names; keep <> */
                     _("unexpected element <%s> in <%s>"), name, XSTR (node->name));
          ok = FALSE;
        }
    }

  for (guint i = 0; i < n_texts; i++)
    {
      TextBuilder *b = &builders[i];

      if (ok && (b->values[0] != NULL || b->values[1] != NULL || b->values[2] != NULL))
        texts[i] = psi_text_new (b->values[PSI_LANGUAGE_EN],
                                 b->values[PSI_LANGUAGE_RU],
                                 b->values[PSI_LANGUAGE_KY]);
      else
        texts[i] = NULL;

      for (guint l = 0; l < PSI_N_LANGUAGES; l++)
        g_free (b->values[l]);
    }

  return ok;
}

static gboolean
require_name (ImportContext  *ctx,
              xmlNode        *node,
              PsiText        *name,
              GError        **error)
{
  if (name != NULL)
    return TRUE;

  set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
             /* Translators: an element name; keep <> */
             _("<%s> has no <name>"), XSTR (node->name));
  return FALSE;
}

static void
clear_texts (PsiText **texts,
             guint     n_texts)
{
  for (guint i = 0; i < n_texts; i++)
    g_clear_pointer (&texts[i], psi_text_unref);
}

/* <participant> of an event, <signatory> of an agreement; user_data is the GListStore. */
static gboolean
read_participant_cb (ImportContext  *ctx,
                     xmlNode        *node,
                     gpointer        user_data,
                     GError        **error)
{
  static const char * const attrs[] = { "position", "count", "official", "organisation", NULL };
  GListStore *list = user_data;
  g_autoptr(PsiParticipant) participant = NULL;
  int position;
  guint count;
  gint64 official_id, organisation_id;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_enum_attr (ctx, node, "position", PSI_TYPE_POSITION, &position, error) ||
      !get_uint_attr (ctx, node, "count", 1, 1, &count, error) ||
      !get_ref_attr (ctx, node, "official", PSI_RECORD_KIND_OFFICIAL, FALSE, &official_id, error) ||
      !get_ref_attr (ctx, node, "organisation", PSI_RECORD_KIND_ORGANISATION, FALSE,
                     &organisation_id, error) ||
      !read_children (ctx, node, NULL, NULL, NULL, NULL, NULL, error))
    return FALSE;

  participant = psi_participant_new ((PsiPosition) position, count);
  psi_participant_set_official_id (participant, official_id);
  psi_participant_set_organisation_id (participant, organisation_id);
  g_list_store_append (list, participant);

  return TRUE;
}

/* <member municipality="uuid"/> of a cluster */
static gboolean
read_member_cb (ImportContext  *ctx,
                xmlNode        *node,
                gpointer        user_data,
                GError        **error)
{
  static const char * const attrs[] = { "municipality", NULL };
  PsiCluster *cluster = user_data;
  gint64 municipality_id;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_ref_attr (ctx, node, "municipality", PSI_RECORD_KIND_MUNICIPALITY, TRUE,
                     &municipality_id, error) ||
      !read_children (ctx, node, NULL, NULL, NULL, NULL, NULL, error))
    return FALSE;

  if (psi_cluster_has_member (cluster, municipality_id))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: keep <member> and <cluster> */
                 _("the same <member> appears twice in a <cluster>"));
      return FALSE;
    }

  psi_cluster_add_member (cluster, municipality_id);
  return TRUE;
}

/* <item kind count?> <label/>? </item> of an award */
static gboolean
read_item_cb (ImportContext  *ctx,
              xmlNode        *node,
              gpointer        user_data,
              GError        **error)
{
  static const char * const attrs[] = { "kind", "count", NULL };
  static const char * const texts[] = { "label", NULL };
  GListStore *list = user_data;
  g_autoptr(PsiPrizeItem) item = NULL;
  g_autoptr(PsiText) label = NULL;
  int kind;
  guint count;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_enum_attr (ctx, node, "kind", PSI_TYPE_ITEM_KIND, &kind, error) ||
      !get_uint_attr (ctx, node, "count", 0, 0, &count, error) ||
      !read_children (ctx, node, texts, &label, NULL, NULL, NULL, error))
    return FALSE;

  item = psi_prize_item_new ((PsiItemKind) kind, count);
  if (label != NULL)
    psi_prize_item_set_label (item, label);
  g_list_store_append (list, item);

  return TRUE;
}

/* Records */

static gboolean
read_organisation (ImportContext  *ctx,
                   xmlNode        *node,
                   PsiRecord      *record,
                   GError        **error)
{
  static const char * const attrs[] = { "id", "role", "website", NULL };
  static const char * const text_names[] = { "name", "abbreviation", NULL };
  PsiOrganisation *organisation = PSI_ORGANISATION (record);
  PsiText *texts[2] = { NULL, };
  g_autofree char *website = NULL;
  gboolean ok;
  int role;

  ok = check_attributes (ctx, node, attrs, FALSE, error) &&
       get_enum_attr (ctx, node, "role", PSI_TYPE_ORGANISATION_ROLE, &role, error) &&
       get_attr (ctx, node, "website", FALSE, &website, error) &&
       read_children (ctx, node, text_names, texts, NULL, NULL, NULL, error) &&
       require_name (ctx, node, texts[0], error);

  if (ok)
    {
      psi_record_set_name (record, texts[0]);
      psi_organisation_set_role (organisation, (PsiOrganisationRole) role);
      psi_organisation_set_abbreviation (organisation, texts[1]);
      psi_organisation_set_website (organisation, website);
    }

  clear_texts (texts, G_N_ELEMENTS (texts));
  return ok;
}

static gboolean
read_region (ImportContext  *ctx,
             xmlNode        *node,
             PsiRecord      *record,
             GError        **error)
{
  static const char * const attrs[] = { "id", NULL };
  static const char * const text_names[] = { "name", NULL };
  g_autoptr(PsiText) name = NULL;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !read_children (ctx, node, text_names, &name, NULL, NULL, NULL, error) ||
      !require_name (ctx, node, name, error))
    return FALSE;

  psi_record_set_name (record, name);
  return TRUE;
}

static gboolean
read_district (ImportContext  *ctx,
               xmlNode        *node,
               PsiRecord      *record,
               GError        **error)
{
  static const char * const attrs[] = { "id", "region", NULL };
  static const char * const text_names[] = { "name", NULL };
  g_autoptr(PsiText) name = NULL;
  gint64 region_id;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_ref_attr (ctx, node, "region", PSI_RECORD_KIND_REGION, TRUE, &region_id, error) ||
      !read_children (ctx, node, text_names, &name, NULL, NULL, NULL, error) ||
      !require_name (ctx, node, name, error))
    return FALSE;

  psi_record_set_name (record, name);
  psi_district_set_region_id (PSI_DISTRICT (record), region_id);
  return TRUE;
}

static gboolean
read_municipality (ImportContext  *ctx,
                   xmlNode        *node,
                   PsiRecord      *record,
                   GError        **error)
{
  static const char * const attrs[] = { "id", "kind", "region", "district", "pilot", NULL };
  static const char * const text_names[] = { "name", NULL };
  PsiMunicipality *municipality = PSI_MUNICIPALITY (record);
  g_autoptr(PsiText) name = NULL;
  gint64 region_id, district_id;
  gboolean pilot;
  int kind;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_enum_attr (ctx, node, "kind", PSI_TYPE_MUNICIPALITY_KIND, &kind, error) ||
      !get_ref_attr (ctx, node, "region", PSI_RECORD_KIND_REGION, TRUE, &region_id, error) ||
      !get_ref_attr (ctx, node, "district", PSI_RECORD_KIND_DISTRICT, FALSE, &district_id,
                     error) ||
      !get_bool_attr (ctx, node, "pilot", &pilot, error) ||
      !read_children (ctx, node, text_names, &name, NULL, NULL, NULL, error) ||
      !require_name (ctx, node, name, error))
    return FALSE;

  psi_record_set_name (record, name);
  psi_municipality_set_municipality_kind (municipality, (PsiMunicipalityKind) kind);
  psi_municipality_set_region_id (municipality, region_id);
  psi_municipality_set_district_id (municipality, district_id);
  psi_municipality_set_pilot (municipality, pilot);
  return TRUE;
}

static gboolean
read_official (ImportContext  *ctx,
               xmlNode        *node,
               PsiRecord      *record,
               GError        **error)
{
  static const char * const attrs[] = { "id", "position", "municipality", "organisation", NULL };
  static const char * const text_names[] = { "name", NULL };
  PsiOfficial *official = PSI_OFFICIAL (record);
  g_autoptr(PsiText) name = NULL;
  gint64 municipality_id, organisation_id;
  int position;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_enum_attr (ctx, node, "position", PSI_TYPE_POSITION, &position, error) ||
      !get_ref_attr (ctx, node, "municipality", PSI_RECORD_KIND_MUNICIPALITY, FALSE,
                     &municipality_id, error) ||
      !get_ref_attr (ctx, node, "organisation", PSI_RECORD_KIND_ORGANISATION, FALSE,
                     &organisation_id, error) ||
      !read_children (ctx, node, text_names, &name, NULL, NULL, NULL, error))
    return FALSE;

  if (name != NULL)
    psi_record_set_name (record, name);
  psi_official_set_position (official, (PsiPosition) position);
  psi_official_set_municipality_id (official, municipality_id);
  psi_official_set_organisation_id (official, organisation_id);
  return TRUE;
}

static gboolean
read_cluster (ImportContext  *ctx,
              xmlNode        *node,
              PsiRecord      *record,
              GError        **error)
{
  static const char * const attrs[] = { "id", NULL };
  static const char * const text_names[] = { "name", NULL };
  static const char * const child_names[] = { "member", NULL };
  g_autoptr(PsiText) name = NULL;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !read_children (ctx, node, text_names, &name, child_names, read_member_cb, record, error) ||
      !require_name (ctx, node, name, error))
    return FALSE;

  psi_record_set_name (record, name);
  return TRUE;
}

static gboolean
read_event (ImportContext  *ctx,
            xmlNode        *node,
            PsiRecord      *record,
            GError        **error)
{
  static const char * const attrs[] = { "id", "kind", "date", NULL };
  static const char * const text_names[] = { "name", "place", "purpose", "summary", NULL };
  static const char * const child_names[] = { "participant", NULL };
  PsiEvent *event = PSI_EVENT (record);
  PsiText *texts[4] = { NULL, };
  g_autofree char *date = NULL;
  gboolean ok;
  int kind;

  ok = check_attributes (ctx, node, attrs, FALSE, error) &&
       get_enum_attr (ctx, node, "kind", PSI_TYPE_EVENT_KIND, &kind, error) &&
       get_date_attr (ctx, node, "date", &date, error) &&
       read_children (ctx, node, text_names, texts, child_names, read_participant_cb,
                      psi_event_get_participants (event), error) &&
       require_name (ctx, node, texts[0], error);

  if (ok)
    {
      psi_record_set_name (record, texts[0]);
      psi_event_set_event_kind (event, (PsiEventKind) kind);
      psi_event_set_date (event, date);
      psi_event_set_place (event, texts[1]);
      psi_event_set_purpose (event, texts[2]);
      psi_event_set_summary (event, texts[3]);
    }

  clear_texts (texts, G_N_ELEMENTS (texts));
  return ok;
}

static gboolean
read_competition (ImportContext  *ctx,
                  xmlNode        *node,
                  PsiRecord      *record,
                  GError        **error)
{
  static const char * const attrs[] = { "id", "event", "entrants", "entrant-count", NULL };
  static const char * const text_names[] = { "name", "description", NULL };
  PsiCompetition *competition = PSI_COMPETITION (record);
  PsiText *texts[2] = { NULL, };
  gint64 event_id;
  guint entrant_count;
  gboolean ok;
  int entrants;

  ok = check_attributes (ctx, node, attrs, FALSE, error) &&
       get_ref_attr (ctx, node, "event", PSI_RECORD_KIND_EVENT, TRUE, &event_id, error) &&
       get_enum_attr (ctx, node, "entrants", PSI_TYPE_ENTRANT_KIND, &entrants, error) &&
       get_uint_attr (ctx, node, "entrant-count", 0, 0, &entrant_count, error) &&
       read_children (ctx, node, text_names, texts, NULL, NULL, NULL, error) &&
       require_name (ctx, node, texts[0], error);

  if (ok)
    {
      psi_record_set_name (record, texts[0]);
      psi_competition_set_event_id (competition, event_id);
      psi_competition_set_entrant_kind (competition, (PsiEntrantKind) entrants);
      psi_competition_set_entrant_count (competition, entrant_count);
      psi_competition_set_description (competition, texts[1]);
    }

  clear_texts (texts, G_N_ELEMENTS (texts));
  return ok;
}

static gboolean
read_award (ImportContext  *ctx,
            xmlNode        *node,
            PsiRecord      *record,
            GError        **error)
{
  static const char * const attrs[] = {
    "id", "competition", "kind", "place", "municipality", "cluster", "recipients",
    "certificate", "grant-kgs", "condition-deadline", NULL
  };
  static const char * const text_names[] = { "condition", NULL };
  static const char * const child_names[] = { "item", NULL };
  PsiAward *award = PSI_AWARD (record);
  g_autoptr(PsiText) condition = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *deadline = NULL;
  gint64 competition_id = 0, municipality_id = 0, cluster_id = 0, grant_kgs = 0;
  guint place = 0, recipients = 1;
  gboolean certificate;
  int kind;

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_ref_attr (ctx, node, "competition", PSI_RECORD_KIND_COMPETITION, TRUE,
                     &competition_id, error) ||
      !get_enum_attr (ctx, node, "kind", PSI_TYPE_AWARD_KIND, &kind, error) ||
      !get_uint_attr (ctx, node, "place", 1, 0, &place, error) ||
      !get_ref_attr (ctx, node, "municipality", PSI_RECORD_KIND_MUNICIPALITY, FALSE,
                     &municipality_id, error) ||
      !get_ref_attr (ctx, node, "cluster", PSI_RECORD_KIND_CLUSTER, FALSE, &cluster_id, error) ||
      !get_uint_attr (ctx, node, "recipients", 1, 1, &recipients, error) ||
      !get_bool_attr (ctx, node, "certificate", &certificate, error) ||
      !get_int64_attr (ctx, node, "grant-kgs", &grant_kgs, error) ||
      !get_date_attr (ctx, node, "condition-deadline", &deadline, error) ||
      !read_children (ctx, node, text_names, &condition, child_names, read_item_cb,
                      psi_award_get_items (award), error))
    return FALSE;

  if (municipality_id != 0 && cluster_id != 0)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: keep <award> */
                 _("<award> names both a municipality and a cluster"));
      return FALSE;
    }

  psi_award_set_competition_id (award, competition_id);
  psi_award_set_award_kind (award, (PsiAwardKind) kind);
  psi_award_set_place (award, place);
  psi_award_set_municipality_id (award, municipality_id);
  psi_award_set_cluster_id (award, cluster_id);
  psi_award_set_recipient_count (award, recipients);
  psi_award_set_certificate (award, certificate);
  psi_award_set_grant_kgs (award, grant_kgs);
  psi_award_set_condition (award, condition);
  psi_award_set_condition_deadline (award, deadline);

  if (!psi_award_validate (award, &local_error))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node), "%s",
                 local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_agreement (ImportContext  *ctx,
                xmlNode        *node,
                PsiRecord      *record,
                GError        **error)
{
  static const char * const attrs[] = { "id", "kind", "event", "date", NULL };
  static const char * const text_names[] = { "name", "note", NULL };
  static const char * const child_names[] = { "signatory", NULL };
  PsiAgreement *agreement = PSI_AGREEMENT (record);
  PsiText *texts[2] = { NULL, };
  g_autofree char *date = NULL;
  gint64 event_id;
  gboolean ok;
  int kind;

  ok = check_attributes (ctx, node, attrs, FALSE, error) &&
       get_enum_attr (ctx, node, "kind", PSI_TYPE_AGREEMENT_KIND, &kind, error) &&
       get_ref_attr (ctx, node, "event", PSI_RECORD_KIND_EVENT, FALSE, &event_id, error) &&
       get_date_attr (ctx, node, "date", &date, error) &&
       read_children (ctx, node, text_names, texts, child_names, read_participant_cb,
                      psi_agreement_get_signatories (agreement), error) &&
       require_name (ctx, node, texts[0], error);

  if (ok)
    {
      psi_record_set_name (record, texts[0]);
      psi_agreement_set_agreement_kind (agreement, (PsiAgreementKind) kind);
      psi_agreement_set_event_id (agreement, event_id);
      psi_agreement_set_date (agreement, date);
      psi_agreement_set_note (agreement, texts[1]);
    }

  clear_texts (texts, G_N_ELEMENTS (texts));
  return ok;
}

typedef gboolean (*RecordFunc) (ImportContext  *ctx,
                                xmlNode        *node,
                                PsiRecord      *record,
                                GError        **error);

static const RecordFunc record_readers[PSI_N_RECORD_KINDS] = {
  read_organisation,
  read_region,
  read_district,
  read_municipality,
  read_official,
  read_cluster,
  read_event,
  read_competition,
  read_award,
  read_agreement,
};

static gboolean
check_depth (ImportContext  *ctx,
             xmlNode        *node,
             int             depth,
             GError        **error)
{
  if (depth > MAX_DEPTH)
    {
      set_error (ctx, error, PSI_XML_ERROR_MALFORMED, node_line (ctx, node),
                 _("elements are nested more than %d levels deep"), MAX_DEPTH);
      return FALSE;
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && !check_depth (ctx, child, depth + 1, error))
      return FALSE;

  return TRUE;
}

static gboolean
import_record (ImportContext  *ctx,
               xmlNode        *node,
               GError        **error)
{
  g_autoptr(PsiRecord) record = NULL;
  g_autoptr(PsiRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id_str = NULL;
  g_autofree char *uuid = NULL;
  KnownRecord *known;
  int kind = -1;

  /* The record is at depth 1, below the root. */
  if (!check_depth (ctx, node, 1, error))
    return FALSE;

  if (is_our_element (node))
    {
      for (int i = 0; i < PSI_N_RECORD_KINDS; i++)
        if (g_str_equal (XSTR (node->name), kind_elements[i]))
          kind = i;
    }

  if (kind < 0)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an element name; keep <> */
                 _("unknown record <%s>"), XSTR (node->name));
      return FALSE;
    }

  if (!get_attr (ctx, node, "id", TRUE, &id_str, error) ||
      !parse_uuid (ctx, node, "id", id_str, &uuid, error))
    return FALSE;

  if (g_hash_table_contains (ctx->defined, uuid))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: a uuid */
                 _("the id %s is used twice in the file"), uuid);
      return FALSE;
    }

  record = g_object_new (psi_record_kind_get_type_for ((PsiRecordKind) kind), NULL);
  psi_record_set_uuid (record, uuid);

  if (!record_readers[kind] (ctx, node, record, error))
    return FALSE;

  /* A record with this uuid in the store is updated, not duplicated. */
  existing = psi_store_load_by_uuid (ctx->store, (PsiRecordKind) kind, uuid, &local_error);
  if (existing != NULL)
    {
      psi_record_set_id (record, psi_record_get_id (existing));
    }
  else if (!g_error_matches (local_error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND))
    {
      set_error (ctx, error, PSI_XML_ERROR_STORE, node_line (ctx, node), "%s",
                 local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (!psi_store_save (ctx->store, record, &local_error))
    {
      set_error (ctx, error, PSI_XML_ERROR_STORE, node_line (ctx, node),
                 /* Translators: an element name (keep <>), then the reason */
                 _("the <%s> could not be saved: %s"),
                 XSTR (node->name), local_error->message);
      return FALSE;
    }

  known = g_new (KnownRecord, 1);
  known->kind = (PsiRecordKind) kind;
  known->id = psi_record_get_id (record);
  g_hash_table_insert (ctx->defined, g_steal_pointer (&uuid), known);

  return TRUE;
}

static gboolean
check_root (ImportContext  *ctx,
            GError        **error)
{
  static const char * const attrs[] = { "version", NULL };
  xmlNode *node = xmlTextReaderCurrentNode (ctx->reader);
  g_autofree char *version = NULL;

  if (node == NULL)
    return fail_with_xml_error (ctx, error);

  if (node->type == XML_ELEMENT_NODE && g_str_equal (XSTR (node->name), "psi-records") &&
      !is_our_element (node))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: “%s” is a namespace URI; keep <psi-records> */
                 _("not a PSI Records file: <psi-records> is not in the namespace “%s”"),
                 PSI_XML_NAMESPACE);
      return FALSE;
    }

  if (!is_our_element (node) || !g_str_equal (XSTR (node->name), "psi-records"))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: an element name; keep <>; “%s” is a namespace URI */
                 _("not a PSI Records file: the root element is <%s>, not <psi-records> in "
                   "the namespace “%s”"),
                 XSTR (node->name), PSI_XML_NAMESPACE);
      return FALSE;
    }

  if (!check_attributes (ctx, node, attrs, FALSE, error) ||
      !get_attr (ctx, node, "version", TRUE, &version, error))
    return FALSE;

  if (!g_str_equal (version, PSI_XML_VERSION))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_line (ctx, node),
                 /* Translators: a version number */
                 _("format version “%s” is not supported; this version reads version 1"),
                 version);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_records (ImportContext  *ctx,
                GError        **error)
{
  gboolean seen_root = FALSE;
  int ret;

  ret = xmlTextReaderRead (ctx->reader);

  while (ret == 1)
    {
      int type = xmlTextReaderNodeType (ctx->reader);
      int depth = xmlTextReaderDepth (ctx->reader);

      if (ctx->xml_error != NULL)
        return fail_with_xml_error (ctx, error);

      if (depth > MAX_DEPTH)
        {
          set_error (ctx, error, PSI_XML_ERROR_MALFORMED,
                     xmlTextReaderGetParserLineNumber (ctx->reader),
                     _("elements are nested more than %d levels deep"), MAX_DEPTH);
          return FALSE;
        }

      switch (type)
        {
        case XML_READER_TYPE_DOCUMENT_TYPE:
          set_error (ctx, error, PSI_XML_ERROR_MALFORMED, doctype_line (ctx),
                     /* Translators: keep DOCTYPE */
                     _("document type declarations (DOCTYPE) are not allowed"));
          return FALSE;

        case XML_READER_TYPE_ELEMENT:
          if (depth == 0)
            {
              if (!check_root (ctx, error))
                return FALSE;
              seen_root = TRUE;
            }
          else if (depth == 1)
            {
              xmlNode *node = xmlTextReaderExpand (ctx->reader);

              if (node == NULL || ctx->xml_error != NULL)
                return fail_with_xml_error (ctx, error);

              if (!import_record (ctx, node, error))
                return FALSE;

              ret = xmlTextReaderNext (ctx->reader);
              continue;
            }
          else
            {
              /* Deeper elements are inside records, which are skipped as a whole. */
              g_assert_not_reached ();
            }
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_ENTITY_REFERENCE:
          set_error (ctx, error, PSI_XML_ERROR_INVALID,
                     xmlTextReaderGetParserLineNumber (ctx->reader),
                     _("unexpected text between records"));
          return FALSE;

        default:
          /* white space, comments, processing instructions, end tags */
          break;
        }

      ret = xmlTextReaderRead (ctx->reader);
    }

  if (ret < 0 || ctx->xml_error != NULL || !seen_root)
    return fail_with_xml_error (ctx, error);

  return TRUE;
}

/**
 * psi_xml_import_bytes:
 * @store: the store to write to
 * @bytes: a whole file in the urn:psi-records:conference:1 format
 * @display_name: (nullable): names the input in error messages
 * @error: return location for a #PSI_XML_ERROR
 *
 * Imports every record of @bytes into @store in one transaction.
 *
 * Returns: %TRUE when the whole file was imported; %FALSE with @store unchanged otherwise.
 */
gboolean
psi_xml_import_bytes (PsiStore    *store,
                      GBytes      *bytes,
                      const char  *display_name,
                      GError     **error)
{
  ImportContext ctx = { 0, };
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;
  gboolean ok;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ctx.store = store;
  /* Translators: names an XML input that has no file name, in error messages */
  ctx.display_name = display_name != NULL ? display_name : _("(unnamed input)");

  data = g_bytes_get_data (bytes, &size);
  ctx.data = data;
  ctx.size = size;

  if (size > MAX_INPUT_SIZE)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                   /* Translators: a file name, then a size in mebibytes */
                   _("%s: the file is larger than %d MiB"), ctx.display_name, MAX_INPUT_MIB);
      return FALSE;
    }

  if (size == 0)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                   /* Translators: a file name */
                   _("%s: the file is empty"), ctx.display_name);
      return FALSE;
    }

  xmlInitParser ();

  /* Network off; no entity substitution, no DTD loading, default size limits. */
  ctx.reader = xmlReaderForMemory (data, (int) size, NULL, NULL, XML_PARSE_NONET);
  if (ctx.reader == NULL)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                   /* Translators: a file name */
                   _("%s: cannot start reading the file"), ctx.display_name);
      return FALSE;
    }

  xmlTextReaderSetErrorHandler (ctx.reader, reader_error_cb, &ctx);
  ctx.defined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ok = psi_store_begin (store, &local_error);
  if (!ok)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_STORE,
                   /* Translators: a file name, then the reason */
                   _("%s: cannot write to the records: %s"),
                   ctx.display_name, local_error->message);
    }
  else if (!import_records (&ctx, error))
    {
      psi_store_rollback (store);
      ok = FALSE;
    }
  else if (!psi_store_commit (store, &local_error))
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_STORE,
                   /* Translators: a file name, then the reason */
                   _("%s: cannot write to the records: %s"),
                   ctx.display_name, local_error->message);
      ok = FALSE;
    }

  xmlFreeTextReader (ctx.reader);
  g_hash_table_destroy (ctx.defined);
  g_hash_table_destroy (ctx.resolved);
  g_free (ctx.xml_error);

  return ok;
}

/**
 * psi_xml_import_file:
 * @store: the store to write to
 * @file: a file in the urn:psi-records:conference:1 format
 * @error: return location for a #PSI_XML_ERROR or a #G_IO_ERROR
 *
 * Reads @file (at most 256 MiB, never un-compressed on the fly) and imports it as
 * psi_xml_import_bytes() does.
 *
 * Returns: %TRUE when the whole file was imported
 */
gboolean
psi_xml_import_file (PsiStore    *store,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  g_autofree guint8 *chunk = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  basename = g_file_get_basename (file);
  display_name = g_filename_display_name (basename != NULL ? basename : "");

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_byte_array_new ();
  chunk = g_malloc (READ_CHUNK_SIZE);

  for (;;)
    {
      gssize n;

      n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, READ_CHUNK_SIZE, NULL, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;

      if (buffer->len + (gsize) n > MAX_INPUT_SIZE)
        {
          g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                       /* Translators: a file name, then a size in mebibytes */
                       _("%s: the file is larger than %d MiB"), display_name, MAX_INPUT_MIB);
          return FALSE;
        }

      g_byte_array_append (buffer, chunk, (guint) n);
    }

  if (!g_input_stream_close (G_INPUT_STREAM (stream), NULL, error))
    return FALSE;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

  return psi_xml_import_bytes (store, bytes, display_name, error);
}
