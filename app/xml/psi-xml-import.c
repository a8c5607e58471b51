/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <stdarg.h>
#include <string.h>

#include "psi-xml-import.h"
#include "psi-xml-private.h"
#include "psi-xml-schema.h"

/* The format is described in data/README.md. Every record is a child of the root. The push
 * parser builds the tree of one record at a time (the SAX2 defaults, wrapped): when a record
 * element ends it is read, saved and freed, so memory stays bounded by the largest record, not
 * the file. The schema validator is plugged into the same SAX stream. */

#define MAX_INPUT_MIB      256
#define MAX_INPUT_SIZE     ((gsize) MAX_INPUT_MIB * 1024 * 1024)
#define MAX_DEPTH          64
#define READ_CHUNK_SIZE    (64 * 1024)
/* References found in the store are remembered; past this many the memo starts afresh. */
#define MAX_KNOWN          65536

#define XSTR(s) ((const char *) (s))

typedef struct
{
  PsiRecordKind kind;
  gint64        id;
  gboolean      defined_here;   /* a record of this file, not only a reference */
} KnownRecord;

typedef struct
{
  int line;
  int column;   /* 0 when unknown */
} Position;

typedef struct
{
  PsiStore             *store;
  const char           *display_name;
  PsiXmlImportFlags     flags;
  PsiXmlImportSummary   summary;

  xmlParserCtxtPtr      parser;
  startElementNsSAX2Func sax2_start;
  endElementNsSAX2Func  sax2_end;
  charactersSAXFunc     sax2_characters;
  cdataBlockSAXFunc     sax2_cdata;
  commentSAXFunc        sax2_comment;
  processingInstructionSAXFunc sax2_pi;
  xmlSchemaValidCtxtPtr schema_ctxt;
  xmlSchemaSAXPlugPtr   schema_plug;

  int                   depth;       /* of the element being parsed; the root is 1 */
  gboolean              seen_root;
  GError               *error;       /* the first error; parsing stops there */
  GError               *schema_error;  /* a schema error inside the current record */
  Position              schema_error_pos;
  GHashTable           *known;       /* uuid → KnownRecord */
  GByteArray           *written[PSI_N_RECORD_KINDS];  /* bit per id: saved by this file */
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

G_DEFINE_QUARK (psi-xml-error-quark, psi_xml_error)

/* Positions
 *
 * libxml2 2.9 keeps only a line (capped at 65535) in a node. The start-element wrapper stores
 * the line and column of each element's "<" in the node's psvi pointer, which nothing else uses
 * when neither XML_PARSE_BIG_LINES nor tree validation is on. */

#if GLIB_SIZEOF_VOID_P >= 8
#define COLUMN_BITS 24
#else
#define COLUMN_BITS 0
#endif

static gpointer
pack_position (Position pos)
{
  guintptr packed = (guintptr) pos.line << COLUMN_BITS;

#if COLUMN_BITS > 0
  packed |= (guintptr) MIN (pos.column, (1 << COLUMN_BITS) - 1);
#endif
  return (gpointer) packed;
}

static Position
node_pos (ImportContext *ctx,
          xmlNode       *node)
{
  Position pos = { 0, 0 };

  if (node != NULL && node->type == XML_ELEMENT_NODE && node->psvi != NULL)
    {
      guintptr packed = (guintptr) node->psvi;

      pos.line = (int) (packed >> COLUMN_BITS);
#if COLUMN_BITS > 0
      pos.column = (int) (packed & ((1 << COLUMN_BITS) - 1));
#endif
      return pos;
    }

  if (node != NULL)
    pos.line = (int) xmlGetLineNo (node);
  if (pos.line <= 0 && node != NULL && node->parent != NULL)
    return node_pos (ctx, node->parent);
  if (pos.line <= 0 && ctx->parser != NULL && ctx->parser->input != NULL)
    pos.line = ctx->parser->input->line;

  return pos;
}

/* The position of the "<" of the tag the parser is at: a SAX callback for a start tag runs with
 * the input just before its ">", one for an end tag just after it, and "<" cannot occur inside
 * a tag. */
static Position
current_tag_pos (ImportContext *ctx)
{
  xmlParserInputPtr input = ctx->parser->input;
  Position pos = { 0, 0 };
  const xmlChar *p, *line_start;
  int newlines = 0;

  if (input == NULL || input->cur == NULL || input->base == NULL)
    return pos;

  pos.line = input->line;
  p = input->cur;
  while (p > input->base && *p != '<')
    {
      p--;
      if (*p == '\n')
        newlines++;
    }
  if (*p != '<')
    return pos;

  pos.line -= newlines;

  line_start = p;
  while (line_start > input->base && line_start[-1] != '\n')
    line_start--;

  if (line_start > input->base || input->line == 1 || newlines > 0)
    pos.column = (int) g_utf8_strlen ((const char *) line_start, p - line_start) + 1;
  else
    pos.column = MAX (1, input->col - (int) g_utf8_strlen ((const char *) p, input->cur - p));

  return pos;
}

/* Errors */

static void set_error (ImportContext  *ctx,
                       GError        **error,
                       PsiXmlError     code,
                       Position        pos,
                       const char     *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (ImportContext  *ctx,
           GError        **error,
           PsiXmlError     code,
           Position        pos,
           const char     *format,
           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (pos.column > 0)
    g_set_error (error, PSI_XML_ERROR, code,
                 /* Translators: a file name, a line and a column number in it, then what is
                  * wrong there, e.g. "records.xml, line 41, column 5: <award> has no
                  * “competition” attribute" */
                 _("%s, line %d, column %d: %s"), ctx->display_name, pos.line, pos.column, what);
  else
    g_set_error (error, PSI_XML_ERROR, code,
                 /* Translators: a file name, a line number in it, then what is wrong there,
                  * e.g. "records.xml, line 12: <award> has no “competition” attribute" */
                 _("%s, line %d: %s"), ctx->display_name, pos.line, what);
}

/* A store failure that has nothing to do with the file's contents (another writer, a full disk,
 * a read-only records file) keeps its PSI_STORE_ERROR code, so that callers can say what to
 * do; the message is prefixed with the file name. Takes local_error. */
static gboolean
propagate_store_fault (const char  *display_name,
                       GError     **error,
                       GError      *local_error)
{
  if (local_error->domain != PSI_STORE_ERROR ||
      (local_error->code != PSI_STORE_ERROR_BUSY &&
       local_error->code != PSI_STORE_ERROR_NO_SPACE &&
       local_error->code != PSI_STORE_ERROR_READ_ONLY))
    return FALSE;
  /* Translators: a file name, then the reason */
  g_propagate_prefixed_error (error, local_error, _("%s: "), display_name);
  return TRUE;
}

/* Records the first error and turns the SAX callbacks off. The parser is stopped only once
 * xmlParseChunk () has returned: libxml2 2.9 may crash when xmlStopParser () is called from an
 * error handler in the middle of a start tag. */
static void
fail (ImportContext *ctx,
      GError        *error)
{
  if (ctx->error == NULL)
    ctx->error = error;
  else
    g_error_free (error);

  ctx->parser->disableSAX = 1;
}

/* Text */

static gboolean
is_control (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
}

/* The Kyrgyz letter of a look-alike in a Kyrgyz text, or 0: the fita (found in old texts),
 * Latin barred o, Kazakh straight u with stroke, en with hook, with tail, the ligature en-ghe,
 * barred o with diaeresis. */
static gunichar
kyrgyz_letter_for (gunichar c)
{
  switch (c)
    {
    case 0x0472: case 0x019F: case 0x04EA: return 0x04E8;  /* Ө */
    case 0x0473: case 0x0275: case 0x04EB: return 0x04E9;  /* ө */
    case 0x04B0: return 0x04AE;                            /* Ү */
    case 0x04B1: return 0x04AF;                            /* ү */
    case 0x04C7: case 0x04C9: case 0x04A4: return 0x04A2;  /* Ң */
    case 0x04C8: case 0x04CA: case 0x04A5: return 0x04A3;  /* ң */
    default: return 0;
    }
}

/* The Cyrillic letter a Latin letter stands for inside a Cyrillic word, or 0. */
static gunichar
cyrillic_for_latin (gunichar c)
{
  static const char latin[] = "AaBCcEeHKkMOoPpTXxyY";
  static const gunichar cyrillic[] = {
    0x0410, 0x0430, 0x0412, 0x0421, 0x0441, 0x0415, 0x0435, 0x041D, 0x041A, 0x043A, 0x041C,
    0x041E, 0x043E, 0x0420, 0x0440, 0x0422, 0x0425, 0x0445, 0x0443, 0x04AE,
  };
  const char *hit;

  if (c == 0 || c > 0x7f || (hit = strchr (latin, (int) c)) == NULL)
    return 0;
  return cyrillic[hit - latin];
}

/* Puts Cyrillic letters for Latin look-alikes in every word of out (from start) that has
 * Cyrillic letters and whose Latin letters all have a Cyrillic look-alike ("Кepeгe" with Latin
 * e, p; "АO"). Words wholly in Latin letters (SDC) are left alone. */
static void
fix_mixed_words (GString *out,
                 gsize    start)
{
  g_autoptr(GString) fixed = g_string_sized_new (out->len - start);
  const char *p = out->str + start;
  gboolean changed = FALSE;

  while (*p != '\0')
    {
      const char *word = p;
      gboolean cyrillic = FALSE, fixable = TRUE, latin = FALSE;

      if (!g_unichar_isalpha (g_utf8_get_char (p)))
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (fixed, p, next - p);
          p = next;
          continue;
        }

      for (; *p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)); p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          GUnicodeScript script = g_unichar_get_script (c);

          if (script == G_UNICODE_SCRIPT_CYRILLIC)
            cyrillic = TRUE;
          else if (script == G_UNICODE_SCRIPT_LATIN)
            {
              latin = TRUE;
              fixable &= cyrillic_for_latin (c) != 0;
            }
        }

      if (!(cyrillic && latin && fixable))
        {
          g_string_append_len (fixed, word, p - word);
          continue;
        }

      for (const char *q = word; q < p; q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);
          gunichar cyr = cyrillic_for_latin (c);

          g_string_append_unichar (fixed, cyr != 0 ? cyr : c);
        }
      changed = TRUE;
    }

  if (changed)
    {
      g_string_truncate (out, start);
      g_string_append_len (out, fixed->str, fixed->len);
    }
}

/* Normalises a text on the way in: the Cyrillic fita (Ѳ ѳ) becomes Ө ө everywhere; in texts
 * (lang >= 0) Latin look-alikes inside Cyrillic words become Cyrillic letters, and in Kyrgyz
 * texts other look-alikes of Ө Ү Ң become those letters. Returns NULL when str is not UTF-8 or
 * holds a control character: such text could not be written back to XML. */
static char *
normalise_text (const char *str,
                int         lang)
{
  g_autoptr(GString) out = NULL;
  gboolean maybe_mixed = FALSE;

  if (!g_utf8_validate (str, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (str));

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar k;

      if (is_control (c))
        return NULL;

      if (c == 0x0472)
        c = 0x04E8;
      else if (c == 0x0473)
        c = 0x04E9;
      else if (lang == PSI_LANGUAGE_KY && (k = kyrgyz_letter_for (c)) != 0)
        c = k;

      if (c >= 0x0400)
        maybe_mixed = TRUE;

      g_string_append_unichar (out, c);
    }

  if (lang >= 0 && maybe_mixed)
    fix_mixed_words (out, 0);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Known records */

static void
remember (ImportContext *ctx,
          char          *uuid,
          PsiRecordKind  kind,
          gint64         id,
          gboolean       defined_here)
{
  KnownRecord *known;

  /* Nothing refers to awards and agreements; their ids used twice are caught by the bits of
   * ctx->written. Memory then does not grow with the number of awards. */
  if (kind == PSI_RECORD_KIND_AWARD || kind == PSI_RECORD_KIND_AGREEMENT)
    {
      g_free (uuid);
      return;
    }

  if (g_hash_table_size (ctx->known) >= MAX_KNOWN)
    g_hash_table_remove_all (ctx->known);

  known = g_new (KnownRecord, 1);
  known->kind = kind;
  known->id = id;
  known->defined_here = defined_here;
  g_hash_table_insert (ctx->known, uuid, known);
}

/* Ids saved by this import, one bit each, so that an id used twice in the file is caught
 * however long the file is. */
static gboolean
was_written (ImportContext *ctx,
             PsiRecordKind  kind,
             gint64         id)
{
  GByteArray *bits = ctx->written[kind];

  return id >= 0 && bits != NULL && (guint64) id / 8 < bits->len &&
         (bits->data[id / 8] & (1u << (id % 8))) != 0;
}

static void
mark_written (ImportContext *ctx,
              PsiRecordKind  kind,
              gint64         id)
{
  GByteArray *bits;
  guint64 byte;

  if (id < 0 || id >= ((gint64) 1 << 34))
    return;

  if (ctx->written[kind] == NULL)
    ctx->written[kind] = g_byte_array_new ();
  bits = ctx->written[kind];

  byte = (guint64) id / 8;
  if (byte >= bits->len)
    {
      guint old_len = bits->len;

      g_byte_array_set_size (bits, (guint) MAX (byte + 1, (guint64) old_len * 2));
      memset (bits->data + old_len, 0, bits->len - old_len);
    }
  bits->data[byte] |= (guint8) (1u << (id % 8));
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

      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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

      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
                 /* Translators: an element name, then an attribute name; keep <> */
                 _("<%s> has no “%s” attribute"), XSTR (node->name), name);
      return FALSE;
    }

  *value = normalise_text (XSTR (raw), -1);
  xmlFree (raw);

  if (*value == NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
  set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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

  known = g_hash_table_lookup (ctx->known, uuid);

  if (known != NULL)
    {
      if (known->kind != kind)
        {
          set_error (ctx, error, PSI_XML_ERROR_REFERENCE, node_pos (ctx, node),
                     /* Translators: an attribute name, an element name, a uuid, then the
                      * element name of the kind of record expected; keep <> */
                     _("the attribute “%s” of <%s> refers to %s, which is not a <%s>"),
                     name, XSTR (node->name), uuid, _psi_xml_kind_element (kind));
          return FALSE;
        }

      *id = known->id;
      return TRUE;
    }

  record = psi_store_load_by_uuid (ctx->store, kind, uuid, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND))
        set_error (ctx, error, PSI_XML_ERROR_REFERENCE, node_pos (ctx, node),
                   /* Translators: an attribute name, an element name, a uuid, then the
                    * element name of the kind of record expected; keep <> */
                   _("the attribute “%s” of <%s> refers to %s, a <%s> that is neither in this "
                     "file nor in the records"),
                   name, XSTR (node->name), uuid, _psi_xml_kind_element (kind));
      else
        set_error (ctx, error, PSI_XML_ERROR_STORE, node_pos (ctx, node), "%s",
                   local_error->message);
      return FALSE;
    }

  *id = psi_record_get_id (record);
  remember (ctx, g_steal_pointer (&uuid), kind, *id, FALSE);
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
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
                 /* Translators: an element name; keep <> and xml:lang */
                 _("<%s> has no xml:lang attribute"), XSTR (node->name));
      return FALSE;
    }

  lang_ok = psi_language_from_code (XSTR (lang_code), &lang);
  if (!lang_ok)
    {
      g_autofree char *shown = g_utf8_make_valid (XSTR (lang_code), -1);

      xmlFree (lang_code);
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
                 /* Translators: a language code, then an element name; keep <> */
                 _("unknown language “%s” in <%s>; use en, ru or ky"),
                 shown, XSTR (node->name));
      return FALSE;
    }
  xmlFree (lang_code);

  if (builder->values[lang] != NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, child),
                     /* Translators: an element name; keep <> */
                     _("<%s> may hold only text"), XSTR (node->name));
          return FALSE;
        }
    }

  value = normalise_text (content->str, (int) lang);
  if (value == NULL)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, child),
                     /* Translators: an element name; keep <> */
                     _("unexpected text in <%s>"), XSTR (node->name));
          ok = FALSE;
          continue;

        case XML_ELEMENT_NODE:
          break;

        default:
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, child),
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
          set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, child),
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

  set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node), "%s",
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
duplicate_id (ImportContext  *ctx,
              xmlNode        *node,
              const char     *uuid,
              GError        **error)
{
  set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
             /* Translators: a uuid */
             _("the id %s is used twice in the file"), uuid);
  return FALSE;
}

/* Reads a whole record element and saves it: a new record is added, one already in the store
 * (same uuid) is updated when the file holds something else, and left alone otherwise. */
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
  PsiRecordKind kind;
  int found = -1;

  if (is_our_element (node))
    {
      for (int i = 0; i < PSI_N_RECORD_KINDS; i++)
        if (g_str_equal (XSTR (node->name), _psi_xml_kind_element ((PsiRecordKind) i)))
          found = i;
    }

  if (found < 0)
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
                 /* Translators: an element name; keep <> */
                 _("unknown record <%s>"), XSTR (node->name));
      return FALSE;
    }
  kind = (PsiRecordKind) found;

  if (!get_attr (ctx, node, "id", TRUE, &id_str, error) ||
      !parse_uuid (ctx, node, "id", id_str, &uuid, error))
    return FALSE;

  known = g_hash_table_lookup (ctx->known, uuid);
  if (known != NULL && known->defined_here)
    return duplicate_id (ctx, node, uuid, error);

  record = g_object_new (psi_record_kind_get_type_for (kind), NULL);
  psi_record_set_uuid (record, uuid);

  if (!record_readers[kind] (ctx, node, record, error))
    return FALSE;

  existing = psi_store_load_by_uuid (ctx->store, kind, uuid, &local_error);
  if (existing != NULL)
    {
      g_autofree char *old_key = NULL;
      g_autofree char *new_key = NULL;
      gint64 id = psi_record_get_id (existing);

      if (was_written (ctx, kind, id))
        return duplicate_id (ctx, node, uuid, error);

      psi_record_set_id (record, id);
      old_key = _psi_xml_dup_record_key (existing);
      new_key = _psi_xml_dup_record_key (record);

      if (old_key != NULL && new_key != NULL && g_str_equal (old_key, new_key))
        {
          ctx->summary.n_unchanged[kind]++;
          mark_written (ctx, kind, id);
          remember (ctx, g_steal_pointer (&uuid), kind, id, TRUE);
          return TRUE;
        }

      ctx->summary.n_changed[kind]++;
    }
  else if (g_error_matches (local_error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND))
    {
      ctx->summary.n_new[kind]++;
    }
  else
    {
      set_error (ctx, error, PSI_XML_ERROR_STORE, node_pos (ctx, node), "%s",
                 local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (!psi_store_save (ctx->store, record, &local_error))
    {
      if (propagate_store_fault (ctx->display_name, error, local_error))
        {
          local_error = NULL;
          return FALSE;
        }
      set_error (ctx, error, PSI_XML_ERROR_STORE, node_pos (ctx, node),
                 /* Translators: an element name (keep <>), then the reason */
                 _("the <%s> could not be saved: %s"),
                 XSTR (node->name), local_error->message);
      return FALSE;
    }

  mark_written (ctx, kind, psi_record_get_id (record));
  remember (ctx, g_steal_pointer (&uuid), kind, psi_record_get_id (record), TRUE);
  return TRUE;
}

static gboolean
check_root (ImportContext  *ctx,
            xmlNode        *node,
            GError        **error)
{
  static const char * const attrs[] = { "version", NULL };
  g_autofree char *version = NULL;

  if (node->type == XML_ELEMENT_NODE && g_str_equal (XSTR (node->name), "psi-records") &&
      !is_our_element (node))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
                 /* Translators: “%s” is a namespace URI; keep <psi-records> */
                 _("not a PSI Records file: <psi-records> is not in the namespace “%s”"),
                 PSI_XML_NAMESPACE);
      return FALSE;
    }

  if (!is_our_element (node) || !g_str_equal (XSTR (node->name), "psi-records"))
    {
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
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
      set_error (ctx, error, PSI_XML_ERROR_INVALID, node_pos (ctx, node),
                 /* Translators: a version number */
                 _("format version “%s” is not supported; this version reads version 1"),
                 version);
      return FALSE;
    }

  return TRUE;
}

/* libxml2's messages, translated */

/* Drops our namespace from a libxml2 message: "{urn:psi-records:conference:1}award" is "award". */
static char *
clean_message (const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message != NULL ? message : "", -1);
  g_auto(GStrv) parts = g_strsplit (valid, "{" PSI_XML_NAMESPACE "}", -1);
  char *joined = g_strjoinv ("", parts);

  return g_strstrip (joined);
}

/* The n-th '…'-quoted word of message after start (NULL when absent). */
static char *
quoted_after (const char *message,
              const char *start)
{
  const char *p = start != NULL ? strstr (message, start) : message;
  const char *end;

  if (p == NULL)
    return NULL;
  p += start != NULL ? strlen (start) : 0;
  p = strchr (p, '\'');
  if (p == NULL)
    return NULL;
  end = strchr (p + 1, '\'');
  if (end == NULL)
    return NULL;
  return g_strndup (p + 1, end - p - 1);
}

static char *
describe_schema_error (const xmlError *err)
{
  g_autofree char *message = clean_message (err->message);
  g_autofree char *element = quoted_after (message, "Element ");
  g_autofree char *attribute = NULL;
  g_autofree char *value = NULL;

  if (g_str_has_prefix (message, "Element '") && element != NULL)
    {
      const char *after_element = message + strlen ("Element '") + strlen (element) + 1;

      if (g_str_has_prefix (after_element, ", attribute '"))
        attribute = quoted_after (after_element, ", attribute ");
    }

  if (element == NULL)
    goto fallback;

  switch (err->code)
    {
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      if (attribute != NULL)
        return g_strdup_printf (_("unknown attribute “%s” on <%s>"), attribute, element);
      break;

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      {
        g_autofree char *missing = quoted_after (message, "The attribute ");

        if (missing != NULL)
          return g_strdup_printf (_("<%s> has no “%s” attribute"), element, missing);
      }
      break;

    case XML_SCHEMAV_ELEMENT_CONTENT:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
      if (strstr (message, "Missing child element") != NULL)
        {
          const char *expected = strstr (message, "Expected is");
          g_autofree char *names = NULL;

          if (expected != NULL)
            {
              g_autoptr(GString) list = g_string_new (NULL);

              for (const char *p = strchr (expected, '('); p != NULL && *p != '\0'; p++)
                if (*p != '(' && *p != ')' && *p != '.')
                  g_string_append_c (list, *p);
              names = g_strstrip (g_string_free (g_steal_pointer (&list), FALSE));
            }
          return g_strdup_printf (
            /* Translators: an element name (keep <>), then the names of the elements it
             * needs, e.g. "<region> lacks an element it needs: name" */
            _("<%s> lacks an element it needs: %s"), element, names != NULL ? names : "");
        }
      return g_strdup_printf (
        /* Translators: an element name; keep <> */
        _("the element <%s> is not allowed here"), element);

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
    case XML_SCHEMAV_CVC_ELT_4_3:
      return g_strdup_printf (_("<%s> may hold only text"), element);

    default:
      if (attribute != NULL)
        {
          value = quoted_after (message, "The value ");
          if (value == NULL)
            value = quoted_after (message, "': ");
          if (value != NULL)
            return g_strdup_printf (_("“%s” is not a valid value for the attribute “%s” of <%s>"),
                                    value, attribute, element);
        }
      break;
    }

fallback:
  return g_strdup_printf (
    /* Translators: %s is libxml2's own (English) description of the problem */
    _("the file does not follow the records format: %s"), message);
}

static char *
describe_parser_error (ImportContext  *ctx,
                       const xmlError *err)
{
  g_autofree char *message = clean_message (err->message);

  switch (err->code)
    {
    case XML_ERR_INVALID_ENCODING:
      return g_strdup (_("the file is not valid UTF-8 text"));

    case XML_ERR_INVALID_CHAR:
      if (strstr (message, "UTF-8") != NULL)
        return g_strdup (_("the file is not valid UTF-8 text"));
      return g_strdup (_("the file contains a character that XML does not allow"));

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      if (err->str1 != NULL)
        return g_strdup_printf (
          /* Translators: an entity name; keep &%s; and the five entities */
          _("the entity “&%s;” is not defined; only &amp; &lt; &gt; &quot; and &apos; may be "
            "used"), err->str1);
      break;

    case XML_ERR_TAG_NOT_FINISHED:
      if (err->str1 != NULL)
        return g_strdup_printf (
          /* Translators: an element name; keep <> */
          _("the file ends inside <%s>: it is incomplete"), err->str1);
      break;

    case XML_ERR_DOCUMENT_END:
      /* what libxml2's push parser says about a file that stops inside the root */
      if (ctx->depth > 0 && ctx->parser->node != NULL)
        return g_strdup_printf (_("the file ends inside <%s>: it is incomplete"),
                                XSTR (ctx->parser->node->name));
      break;

    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("the file is not XML"));

    case XML_ERR_TAG_NAME_MISMATCH:
      if (err->str1 != NULL && err->str2 != NULL)
        return g_strdup_printf (
          /* Translators: two element names; keep <> and </> */
          _("the end tag </%s> does not match the start tag <%s>"), err->str2, err->str1);
      break;

    default:
      break;
    }

  return g_strdup_printf (_("the file is not well-formed XML: %s"), message);
}

/* A schema error is held back while the record it is in is still open: the importer's own
 * checks of that record say more precisely what is wrong. */
static void
on_schema_error (void        *user_data,
                 xmlErrorPtr  err)
{
  ImportContext *ctx = user_data;
  g_autofree char *what = NULL;

  if (err == NULL || err->level < XML_ERR_ERROR || ctx->error != NULL ||
      ctx->schema_error != NULL)
    return;

  what = describe_schema_error (err);
  ctx->schema_error_pos = current_tag_pos (ctx);
  set_error (ctx, &ctx->schema_error, PSI_XML_ERROR_INVALID, ctx->schema_error_pos, "%s", what);

  if (ctx->depth <= 1)
    fail (ctx, g_steal_pointer (&ctx->schema_error));
}

static void
promote_schema_error (ImportContext *ctx)
{
  if (ctx->schema_error != NULL)
    fail (ctx, g_steal_pointer (&ctx->schema_error));
}

static void
on_parser_error (void        *user_data,
                 xmlErrorPtr  err)
{
  ImportContext *ctx = user_data;
  g_autofree char *what = NULL;
  GError *error = NULL;
  Position pos;

  if (err == NULL || err->level < XML_ERR_ERROR || ctx->error != NULL)
    return;

  if (err->domain == XML_FROM_SCHEMASV)
    {
      on_schema_error (user_data, err);
      return;
    }

  what = describe_parser_error (ctx, err);
  pos.line = err->line > 0 ? err->line : (ctx->parser->input != NULL ? ctx->parser->input->line : 0);
  pos.column = err->int2 > 0 ? err->int2 : 0;
  set_error (ctx, &error, PSI_XML_ERROR_MALFORMED, pos, "%s", what);
  fail (ctx, error);
}

/* SAX callbacks, wrapping libxml2's tree builder. Their first argument is the parser. */

static void
on_start (void           *user,
          const xmlChar  *localname,
          const xmlChar  *prefix,
          const xmlChar  *uri,
          int             nb_namespaces,
          const xmlChar **namespaces,
          int             nb_attributes,
          int             nb_defaulted,
          const xmlChar **attributes)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;
  GError *error = NULL;
  Position pos;

  if (ctx->error != NULL)
    return;

  pos = current_tag_pos (ctx);

  /* A schema error from the end of the record before is reported now; one about this very
   * start tag (the validator may see it first) waits for the importer's own checks. */
  if (ctx->depth == 1 && ctx->schema_error != NULL &&
      (ctx->schema_error_pos.line != pos.line || ctx->schema_error_pos.column != pos.column))
    {
      promote_schema_error (ctx);
      return;
    }

  /* The root has depth 0 here, as in data/README.md. */
  if (ctx->depth > MAX_DEPTH)
    {
      set_error (ctx, &error, PSI_XML_ERROR_MALFORMED, pos,
                 _("elements are nested more than %d levels deep"), MAX_DEPTH);
      fail (ctx, error);
      return;
    }

  ctx->sax2_start (user, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                   nb_defaulted, attributes);
  ctx->depth++;

  if (parser->node != NULL)
    parser->node->psvi = pack_position (pos);

  if (ctx->depth == 1)
    {
      ctx->seen_root = TRUE;
      if (parser->node == NULL || !check_root (ctx, parser->node, &error))
        {
          if (error == NULL)
            set_error (ctx, &error, PSI_XML_ERROR_MALFORMED, pos,
                       _("the file is not well-formed XML"));
          g_clear_error (&ctx->schema_error);
          fail (ctx, error);
          return;
        }
      promote_schema_error (ctx);
    }
}

static void
on_end (void          *user,
        const xmlChar *localname,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;
  xmlNode *node = parser->node;

  if (ctx->error != NULL)
    return;

  ctx->sax2_end (user, localname, prefix, uri);
  ctx->depth--;

  if (ctx->depth == 1 && node != NULL)
    {
      GError *error = NULL;

      if (!import_record (ctx, node, &error))
        {
          g_clear_error (&ctx->schema_error);
          fail (ctx, error);
        }

      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }

  if (ctx->depth <= 1)
    promote_schema_error (ctx);
}

static gboolean
is_blank (const xmlChar *ch,
          int            len)
{
  for (int i = 0; i < len; i++)
    if (!IS_BLANK_CH (ch[i]))
      return FALSE;
  return TRUE;
}

static void
text_between_records (ImportContext *ctx)
{
  GError *error = NULL;
  Position pos = { ctx->parser->input != NULL ? ctx->parser->input->line : 0, 0 };

  set_error (ctx, &error, PSI_XML_ERROR_INVALID, pos, _("unexpected text between records"));
  fail (ctx, error);
}

static void
on_characters (void          *user,
               const xmlChar *ch,
               int            len)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;

  if (ctx->error != NULL)
    return;

  /* Nothing is kept between records: the root would grow with the file. */
  if (ctx->depth <= 1)
    {
      if (!is_blank (ch, len))
        text_between_records (ctx);
      return;
    }

  ctx->sax2_characters (user, ch, len);
}

static void
on_cdata (void          *user,
          const xmlChar *ch,
          int            len)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;

  if (ctx->error != NULL)
    return;

  if (ctx->depth <= 1)
    {
      text_between_records (ctx);
      return;
    }

  ctx->sax2_cdata (user, ch, len);
}

static void
on_comment (void          *user,
            const xmlChar *value)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;

  if (ctx->error == NULL && ctx->depth > 1)
    ctx->sax2_comment (user, value);
}

static void
on_processing_instruction (void          *user,
                           const xmlChar *target,
                           const xmlChar *data)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;

  if (ctx->error == NULL && ctx->depth > 1)
    ctx->sax2_pi (user, target, data);
}

/* A DOCTYPE is refused as soon as it starts, before any of its declarations is read: no
 * entity is ever declared, no external DTD ever loaded. */
static void
on_internal_subset (void          *user,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr parser = user;
  ImportContext *ctx = parser->_private;
  GError *error = NULL;

  set_error (ctx, &error, PSI_XML_ERROR_MALFORMED, current_tag_pos (ctx),
             /* Translators: keep DOCTYPE */
             _("document type declarations (DOCTYPE) are not allowed"));
  fail (ctx, error);
}

static xmlParserInputPtr
on_resolve_entity (void          *user,
                   const xmlChar *public_id,
                   const xmlChar *system_id)
{
  return NULL;
}

/* The import */

static void
context_clear (ImportContext *ctx)
{
  if (ctx->schema_plug != NULL)
    xmlSchemaSAXUnplug (ctx->schema_plug);
  g_clear_pointer (&ctx->schema_ctxt, xmlSchemaFreeValidCtxt);
  if (ctx->parser != NULL)
    {
      g_clear_pointer (&ctx->parser->myDoc, xmlFreeDoc);
      xmlFreeParserCtxt (ctx->parser);
    }
  g_clear_pointer (&ctx->known, g_hash_table_destroy);
  for (guint i = 0; i < PSI_N_RECORD_KINDS; i++)
    g_clear_pointer (&ctx->written[i], g_byte_array_unref);
  g_clear_error (&ctx->error);
  g_clear_error (&ctx->schema_error);
}

static gboolean
context_init (ImportContext  *ctx,
              GError        **error)
{
  xmlSchemaPtr schema = psi_xml_schema_get ();
  xmlSAXHandler sax;

  if (schema == NULL)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_INVALID,
                   /* Translators: a file name */
                   _("%s: cannot check the file: the schema of the records format is missing"),
                   ctx->display_name);
      return FALSE;
    }

  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  ctx->sax2_start = sax.startElementNs;
  ctx->sax2_end = sax.endElementNs;
  ctx->sax2_characters = sax.characters;
  ctx->sax2_cdata = sax.cdataBlock;
  ctx->sax2_comment = sax.comment;
  ctx->sax2_pi = sax.processingInstruction;

  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_cdata;
  sax.comment = on_comment;
  sax.processingInstruction = on_processing_instruction;
  sax.internalSubset = on_internal_subset;
  sax.externalSubset = NULL;
  sax.resolveEntity = on_resolve_entity;
  /* Errors go to the structured handler set around parsing (on_parser_error). */
  sax.warning = NULL;
  sax.error = NULL;
  sax.fatalError = NULL;
  sax.serror = NULL;

  ctx->parser = xmlCreatePushParserCtxt (&sax, NULL, NULL, 0, NULL);
  if (ctx->parser == NULL)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                   /* Translators: a file name */
                   _("%s: cannot start reading the file"), ctx->display_name);
      return FALSE;
    }

  /* Network off, and nothing else: no entity substitution, no external DTD, no XInclude and
   * libxml2's default size limits (a DOCTYPE is refused outright, see above). */
  xmlCtxtUseOptions (ctx->parser, XML_PARSE_NONET);
  ctx->parser->_private = ctx;

  ctx->schema_ctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (ctx->schema_ctxt, on_schema_error, ctx);
  ctx->schema_plug = xmlSchemaSAXPlug (ctx->schema_ctxt, &ctx->parser->sax,
                                       &ctx->parser->userData);
  if (ctx->schema_plug == NULL)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                   _("%s: cannot start reading the file"), ctx->display_name);
      return FALSE;
    }

  ctx->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return TRUE;
}

/* Feeds the stream to the parser; FALSE with an error when anything is wrong. */
static gboolean
parse_stream (ImportContext  *ctx,
              GInputStream   *stream,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree char *chunk = g_malloc (READ_CHUNK_SIZE);
  xmlStructuredErrorFunc saved_handler = xmlStructuredError;
  void *saved_context = xmlStructuredErrorContext;
  gsize total = 0;
  gboolean ok = TRUE;

  xmlSetStructuredErrorFunc (ctx, on_parser_error);

  while (ctx->error == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      n = g_input_stream_read (stream, chunk, READ_CHUNK_SIZE, cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                         /* Translators: a file name, then the system's reason */
                         _("%s: cannot read the file: %s"),
                         ctx->display_name, local_error->message);
          ok = FALSE;
          break;
        }

      total += (gsize) n;
      if (total > MAX_INPUT_SIZE)
        {
          g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                       /* Translators: a file name, then a size in mebibytes */
                       _("%s: the file is larger than %d MiB"), ctx->display_name,
                       MAX_INPUT_MIB);
          ok = FALSE;
          break;
        }

      if (n == 0)
        {
          if (total == 0)
            {
              g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                           /* Translators: a file name */
                           _("%s: the file is empty"), ctx->display_name);
              ok = FALSE;
              break;
            }
          xmlParseChunk (ctx->parser, NULL, 0, 1);
          break;
        }

      xmlParseChunk (ctx->parser, chunk, (int) n, 0);
    }

  if (ctx->error != NULL)
    xmlStopParser (ctx->parser);

  xmlSetStructuredErrorFunc (saved_context, saved_handler);

  if (!ok)
    return FALSE;

  promote_schema_error (ctx);

  if (ctx->error == NULL && (!ctx->parser->wellFormed || !ctx->seen_root))
    {
      Position pos = { ctx->parser->input != NULL ? ctx->parser->input->line : 1, 0 };

      set_error (ctx, &ctx->error, PSI_XML_ERROR_MALFORMED, pos,
                 _("the file is not well-formed XML"));
    }

  if (ctx->error == NULL && xmlSchemaIsValid (ctx->schema_ctxt) != 1)
    {
      Position pos = { ctx->parser->input != NULL ? ctx->parser->input->line : 1, 0 };

      set_error (ctx, &ctx->error, PSI_XML_ERROR_INVALID, pos,
                 _("the file does not follow the records format: %s"), "");
    }

  if (ctx->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      return FALSE;
    }

  return TRUE;
}

/**
 * psi_xml_import_stream:
 * @store: the store to write to
 * @stream: a file in the urn:psi-records:conference:1 format
 * @display_name: (nullable): names the input in error messages
 * @flags: %PSI_XML_IMPORT_DRY_RUN to change nothing
 * @summary: (out caller-allocates) (optional): what changed, or would change
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #PSI_XML_ERROR, %G_IO_ERROR_CANCELLED, or a #PSI_STORE_ERROR
 *   (%PSI_STORE_ERROR_BUSY, %PSI_STORE_ERROR_NO_SPACE, %PSI_STORE_ERROR_READ_ONLY) when the
 *   store could not be written for reasons that are not in the file
 *
 * Imports every record of @stream into @store in one transaction, validating it against the
 * schema of the format in the same pass. At most 256 MiB are read.
 *
 * Returns: %TRUE when the whole file was imported (or, for a dry run, would be); %FALSE with
 *   @store unchanged otherwise.
 */
gboolean
psi_xml_import_stream (PsiStore             *store,
                       GInputStream         *stream,
                       const char           *display_name,
                       PsiXmlImportFlags     flags,
                       PsiXmlImportSummary  *summary,
                       GCancellable         *cancellable,
                       GError              **error)
{
  ImportContext ctx = { 0, };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ctx.store = store;
  ctx.flags = flags;
  /* Translators: names an XML input that has no file name, in error messages */
  ctx.display_name = display_name != NULL ? display_name : _("(unnamed input)");

  xmlInitParser ();

  if (!context_init (&ctx, error))
    {
      context_clear (&ctx);
      return FALSE;
    }

  if (!psi_store_begin (store, &local_error))
    {
      if (propagate_store_fault (ctx.display_name, error, local_error))
        {
          local_error = NULL;
          context_clear (&ctx);
          return FALSE;
        }
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_STORE,
                   /* Translators: a file name, then the reason */
                   _("%s: cannot write to the records: %s"),
                   ctx.display_name, local_error->message);
      context_clear (&ctx);
      return FALSE;
    }

  ok = parse_stream (&ctx, stream, cancellable, error);

  if (!ok || (flags & PSI_XML_IMPORT_DRY_RUN) != 0)
    {
      psi_store_rollback (store);
    }
  else if (!psi_store_commit (store, &local_error))
    {
      if (propagate_store_fault (ctx.display_name, error, local_error))
        local_error = NULL;
      else
        g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_STORE,
                     _("%s: cannot write to the records: %s"),
                     ctx.display_name, local_error->message);
      ok = FALSE;
    }

  if (ok && summary != NULL)
    *summary = ctx.summary;

  context_clear (&ctx);
  return ok;
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
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refused before a byte is read. */
  if (g_bytes_get_size (bytes) > MAX_INPUT_SIZE)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                   _("%s: the file is larger than %d MiB"),
                   display_name != NULL ? display_name : _("(unnamed input)"), MAX_INPUT_MIB);
      return FALSE;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return psi_xml_import_stream (store, stream, display_name, PSI_XML_IMPORT_DEFAULT, NULL,
                                NULL, error);
}

/**
 * psi_xml_import_file_full:
 * @store: the store to write to
 * @file: a file in the urn:psi-records:conference:1 format
 * @flags: %PSI_XML_IMPORT_DRY_RUN to change nothing
 * @summary: (out caller-allocates) (optional): what changed, or would change
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #PSI_XML_ERROR or a #G_IO_ERROR
 *
 * Streams @file (at most 256 MiB, never un-compressed on the fly) into
 * psi_xml_import_stream(); messages name it by its base name.
 *
 * Returns: %TRUE when the whole file was imported
 */
gboolean
psi_xml_import_file_full (PsiStore             *store,
                          GFile                *file,
                          PsiXmlImportFlags     flags,
                          PsiXmlImportSummary  *summary,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  basename = g_file_get_basename (file);
  display_name = g_filename_display_name (basename != NULL ? basename : "");

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  /* A regular file too large is refused before a byte is read; for anything else the stream
   * counts what it reads. */
  {
    g_autoptr(GFileInfo) info = g_file_input_stream_query_info (stream,
                                                                G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                                cancellable, NULL);

    if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
        (guint64) g_file_info_get_size (info) > MAX_INPUT_SIZE)
      {
        g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_MALFORMED,
                     _("%s: the file is larger than %d MiB"), display_name, MAX_INPUT_MIB);
        return FALSE;
      }
  }

  return psi_xml_import_stream (store, G_INPUT_STREAM (stream), display_name, flags, summary,
                                cancellable, error);
}

/**
 * psi_xml_import_file:
 * @store: the store to write to
 * @file: a file in the urn:psi-records:conference:1 format
 * @error: return location for a #PSI_XML_ERROR or a #G_IO_ERROR
 *
 * Returns: %TRUE when the whole file was imported
 */
gboolean
psi_xml_import_file (PsiStore    *store,
                     GFile       *file,
                     GError     **error)
{
  return psi_xml_import_file_full (store, file, PSI_XML_IMPORT_DEFAULT, NULL, NULL, error);
}

static guint
sum (const guint *counts)
{
  guint total = 0;

  for (guint i = 0; i < PSI_N_RECORD_KINDS; i++)
    total += counts[i];
  return total;
}

guint
psi_xml_import_summary_get_n_new (const PsiXmlImportSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return sum (summary->n_new);
}

guint
psi_xml_import_summary_get_n_changed (const PsiXmlImportSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return sum (summary->n_changed);
}

guint
psi_xml_import_summary_get_n_unchanged (const PsiXmlImportSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return sum (summary->n_unchanged);
}
