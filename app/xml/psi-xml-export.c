/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <unistd.h>

#include "psi-xml-export.h"
#include "psi-store-export.h"
#include "psi-xml-import.h"
#include "psi-xml-private.h"
#include "psi-xml-schema.h"

#define CHECK_EVERY 1024

typedef struct
{
  PsiStore         *store;
  xmlTextWriterPtr  writer;
  gboolean          key_mode;      /* references as ids, for comparing records */
  GHashTable       *uuids[PSI_N_RECORD_KINDS];   /* id → uuid of records referred to */
  int               fd;
  int               write_errno;
  char              scratch[32];
} Writer;

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

const char *
_psi_xml_kind_element (PsiRecordKind kind)
{
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);

  return kind_elements[kind];
}

gboolean
_psi_xml_text_is_writable (const char *str)
{
  if (!g_utf8_validate (str, -1, NULL))
    return FALSE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f) ||
          c == 0xFFFE || c == 0xFFFF)
        return FALSE;
    }

  return TRUE;
}

/* Writing; every function returns FALSE when the writer failed or a text cannot be written. */

static gboolean
start (Writer     *w,
       const char *element)
{
  return xmlTextWriterStartElement (w->writer, (const xmlChar *) element) >= 0;
}

static gboolean
end (Writer *w)
{
  return xmlTextWriterEndElement (w->writer) >= 0;
}

static gboolean
attr (Writer     *w,
      const char *name,
      const char *value)
{
  if (value == NULL)
    return TRUE;
  if (!_psi_xml_text_is_writable (value))
    return FALSE;
  return xmlTextWriterWriteAttribute (w->writer, (const xmlChar *) name,
                                      (const xmlChar *) value) >= 0;
}

static gboolean
attr_uint (Writer     *w,
           const char *name,
           guint64     value)
{
  g_snprintf (w->scratch, sizeof w->scratch, "%" G_GUINT64_FORMAT, value);
  return attr (w, name, w->scratch);
}

static gboolean
attr_enum (Writer     *w,
           const char *name,
           GType       type,
           int         value)
{
  const char *nick = psi_enum_to_nick (type, value);

  return nick != NULL && attr (w, name, nick);
}

static const char *
uuid_of (Writer        *w,
         PsiRecordKind  kind,
         gint64         id)
{
  g_autoptr(PsiRecord) record = NULL;
  const char *uuid;

  if (w->key_mode)
    {
      g_snprintf (w->scratch, sizeof w->scratch, "%" G_GINT64_FORMAT, id);
      return w->scratch;
    }

  if (w->uuids[kind] == NULL)
    w->uuids[kind] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  uuid = g_hash_table_lookup (w->uuids[kind], &id);
  if (uuid != NULL)
    return uuid;

  record = psi_store_load (w->store, kind, id, NULL);
  if (record == NULL || psi_record_get_uuid (record) == NULL)
    return NULL;

  g_hash_table_insert (w->uuids[kind], g_memdup2 (&id, sizeof id),
                       g_strdup (psi_record_get_uuid (record)));
  return psi_record_get_uuid (record) != NULL
         ? g_hash_table_lookup (w->uuids[kind], &id) : NULL;
}

/* A reference attribute; nothing when id is 0. */
static gboolean
attr_ref (Writer        *w,
          const char    *name,
          PsiRecordKind  kind,
          gint64         id)
{
  const char *uuid;

  if (id == 0)
    return TRUE;

  uuid = uuid_of (w, kind, id);
  return uuid != NULL && attr (w, name, uuid);
}

/* One element per language that has a text, in the order en, ru, ky. */
static gboolean
texts (Writer     *w,
       const char *element,
       PsiText    *text)
{
  static const PsiLanguage order[] = { PSI_LANGUAGE_EN, PSI_LANGUAGE_RU, PSI_LANGUAGE_KY };
  static const char * const codes[] = { "en", "ru", "ky" };

  if (text == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *value = psi_text_get_exact (text, order[i]);

      if (value == NULL || *value == '\0')
        continue;
      if (!_psi_xml_text_is_writable (value))
        return FALSE;

      if (!start (w, element) ||
          xmlTextWriterWriteAttribute (w->writer, (const xmlChar *) "xml:lang",
                                       (const xmlChar *) codes[i]) < 0 ||
          xmlTextWriterWriteString (w->writer, (const xmlChar *) value) < 0 ||
          !end (w))
        return FALSE;
    }

  return TRUE;
}

static gboolean
participants (Writer     *w,
              const char *element,
              GListModel *list)
{
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (list, i);
      guint count = psi_participant_get_count (p);

      if (!start (w, element) ||
          !attr_enum (w, "position", PSI_TYPE_POSITION, psi_participant_get_position (p)) ||
          (count != 1 && !attr_uint (w, "count", count)) ||
          !attr_ref (w, "official", PSI_RECORD_KIND_OFFICIAL,
                     psi_participant_get_official_id (p)) ||
          !attr_ref (w, "organisation", PSI_RECORD_KIND_ORGANISATION,
                     psi_participant_get_organisation_id (p)) ||
          !end (w))
        return FALSE;
    }

  return TRUE;
}

static gboolean
items (Writer     *w,
       GListModel *list)
{
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiPrizeItem) item = g_list_model_get_item (list, i);
      guint count = psi_prize_item_get_count (item);

      if (!start (w, "item") ||
          !attr_enum (w, "kind", PSI_TYPE_ITEM_KIND, psi_prize_item_get_item_kind (item)) ||
          (count != 0 && !attr_uint (w, "count", count)) ||
          !texts (w, "label", psi_prize_item_get_label (item)) ||
          !end (w))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_record_body (Writer    *w,
                   PsiRecord *record)
{
  PsiRecordKind kind = psi_record_get_kind (record);

  switch (kind)
    {
    case PSI_RECORD_KIND_ORGANISATION:
      {
        PsiOrganisation *o = PSI_ORGANISATION (record);

        return attr_enum (w, "role", PSI_TYPE_ORGANISATION_ROLE, psi_organisation_get_role (o)) &&
               attr (w, "website", psi_organisation_get_website (o)) &&
               texts (w, "name", psi_record_get_name (record)) &&
               texts (w, "abbreviation", psi_organisation_get_abbreviation (o));
      }

    case PSI_RECORD_KIND_REGION:
      return texts (w, "name", psi_record_get_name (record));

    case PSI_RECORD_KIND_DISTRICT:
      return attr_ref (w, "region", PSI_RECORD_KIND_REGION,
                       psi_district_get_region_id (PSI_DISTRICT (record))) &&
             texts (w, "name", psi_record_get_name (record));

    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *m = PSI_MUNICIPALITY (record);

        return attr_enum (w, "kind", PSI_TYPE_MUNICIPALITY_KIND,
                          psi_municipality_get_municipality_kind (m)) &&
               attr_ref (w, "region", PSI_RECORD_KIND_REGION,
                         psi_municipality_get_region_id (m)) &&
               attr_ref (w, "district", PSI_RECORD_KIND_DISTRICT,
                         psi_municipality_get_district_id (m)) &&
               (!psi_municipality_get_pilot (m) || attr (w, "pilot", "true")) &&
               texts (w, "name", psi_record_get_name (record));
      }

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *o = PSI_OFFICIAL (record);

        return attr_enum (w, "position", PSI_TYPE_POSITION, psi_official_get_position (o)) &&
               attr_ref (w, "municipality", PSI_RECORD_KIND_MUNICIPALITY,
                         psi_official_get_municipality_id (o)) &&
               attr_ref (w, "organisation", PSI_RECORD_KIND_ORGANISATION,
                         psi_official_get_organisation_id (o)) &&
               texts (w, "name", psi_record_get_name (record));
      }

    case PSI_RECORD_KIND_CLUSTER:
      {
        GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (record));

        if (!texts (w, "name", psi_record_get_name (record)))
          return FALSE;
        for (guint i = 0; members != NULL && i < members->len; i++)
          if (!start (w, "member") ||
              !attr_ref (w, "municipality", PSI_RECORD_KIND_MUNICIPALITY,
                         g_array_index (members, gint64, i)) ||
              !end (w))
            return FALSE;
        return TRUE;
      }

    case PSI_RECORD_KIND_EVENT:
      {
        PsiEvent *e = PSI_EVENT (record);

        return attr_enum (w, "kind", PSI_TYPE_EVENT_KIND, psi_event_get_event_kind (e)) &&
               attr (w, "date", psi_event_get_date (e)) &&
               texts (w, "name", psi_record_get_name (record)) &&
               texts (w, "place", psi_event_get_place (e)) &&
               texts (w, "purpose", psi_event_get_purpose (e)) &&
               texts (w, "summary", psi_event_get_summary (e)) &&
               participants (w, "participant", G_LIST_MODEL (psi_event_get_participants (e)));
      }

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *c = PSI_COMPETITION (record);
        guint count = psi_competition_get_entrant_count (c);

        return attr_ref (w, "event", PSI_RECORD_KIND_EVENT, psi_competition_get_event_id (c)) &&
               attr_enum (w, "entrants", PSI_TYPE_ENTRANT_KIND,
                          psi_competition_get_entrant_kind (c)) &&
               (count == 0 || attr_uint (w, "entrant-count", count)) &&
               texts (w, "name", psi_record_get_name (record)) &&
               texts (w, "description", psi_competition_get_description (c));
      }

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *a = PSI_AWARD (record);
        guint place = psi_award_get_place (a);
        guint recipients = psi_award_get_recipient_count (a);
        gint64 grant = psi_award_get_grant_kgs (a);

        return attr_ref (w, "competition", PSI_RECORD_KIND_COMPETITION,
                         psi_award_get_competition_id (a)) &&
               attr_enum (w, "kind", PSI_TYPE_AWARD_KIND, psi_award_get_award_kind (a)) &&
               (place == 0 || attr_uint (w, "place", place)) &&
               attr_ref (w, "municipality", PSI_RECORD_KIND_MUNICIPALITY,
                         psi_award_get_municipality_id (a)) &&
               attr_ref (w, "cluster", PSI_RECORD_KIND_CLUSTER, psi_award_get_cluster_id (a)) &&
               (recipients == 1 || attr_uint (w, "recipients", recipients)) &&
               (!psi_award_get_certificate (a) || attr (w, "certificate", "true")) &&
               (grant <= 0 || attr_uint (w, "grant-kgs", (guint64) grant)) &&
               attr (w, "condition-deadline", psi_award_get_condition_deadline (a)) &&
               texts (w, "condition", psi_award_get_condition (a)) &&
               items (w, G_LIST_MODEL (psi_award_get_items (a)));
      }

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *a = PSI_AGREEMENT (record);

        return attr_enum (w, "kind", PSI_TYPE_AGREEMENT_KIND,
                          psi_agreement_get_agreement_kind (a)) &&
               attr_ref (w, "event", PSI_RECORD_KIND_EVENT, psi_agreement_get_event_id (a)) &&
               attr (w, "date", psi_agreement_get_date (a)) &&
               texts (w, "name", psi_record_get_name (record)) &&
               texts (w, "note", psi_agreement_get_note (a)) &&
               participants (w, "signatory",
                             G_LIST_MODEL (psi_agreement_get_signatories (a)));
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
write_record (Writer    *w,
              PsiRecord *record)
{
  PsiRecordKind kind = psi_record_get_kind (record);
  const char *uuid = psi_record_get_uuid (record);

  if (uuid == NULL || !start (w, kind_elements[kind]) || !attr (w, "id", uuid) ||
      !write_record_body (w, record) || !end (w))
    return FALSE;

  /* Remember the uuids of records others refer to (never awards and agreements). */
  if (!w->key_mode && kind != PSI_RECORD_KIND_AWARD && kind != PSI_RECORD_KIND_AGREEMENT)
    {
      gint64 id = psi_record_get_id (record);

      if (w->uuids[kind] == NULL)
        w->uuids[kind] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_hash_table_replace (w->uuids[kind], g_memdup2 (&id, sizeof id), g_strdup (uuid));
    }

  return TRUE;
}

char *
_psi_xml_dup_record_key (PsiRecord *record)
{
  Writer w = { 0, };
  xmlBufferPtr buffer;
  char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (PSI_IS_RECORD (record), NULL);

  buffer = xmlBufferCreate ();
  w.key_mode = TRUE;
  w.writer = xmlNewTextWriterMemory (buffer, 0);
  ok = w.writer != NULL && write_record (&w, record) && xmlTextWriterFlush (w.writer) >= 0;
  if (w.writer != NULL)
    xmlFreeTextWriter (w.writer);
  if (ok)
    key = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);

  return key;
}

/* The selection: every record linked to the chosen events */

static void
add_id (GHashTable *set,
        gint64      id)
{
  if (id != 0)
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static void
add_participant_refs (GHashTable **sets,
                      GListModel  *list)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (list, i);

      add_id (sets[PSI_RECORD_KIND_OFFICIAL], psi_participant_get_official_id (p));
      add_id (sets[PSI_RECORD_KIND_ORGANISATION], psi_participant_get_organisation_id (p));
    }
}

static gboolean
add_related (PsiStore       *store,
             PsiRecord      *record,
             PsiRecordKind   kind,
             GHashTable     *set,
             GError        **error)
{
  g_autoptr(GListModel) related = psi_store_list_related (store, record, kind, error);
  guint n;

  if (related == NULL)
    return FALSE;

  n = g_list_model_get_n_items (related);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiRecord) item = g_list_model_get_item (related, i);

      add_id (set, psi_record_get_id (item));
    }

  return TRUE;
}

/* Adds to sets what the records of kind in sets[kind] refer to (all of an earlier kind). */
static gboolean
add_references (PsiStore       *store,
                GHashTable    **sets,
                PsiRecordKind   kind,
                GError        **error)
{
  g_autoptr(GList) ids = g_hash_table_get_keys (sets[kind]);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_autoptr(PsiRecord) record = psi_store_load (store, kind, *(gint64 *) l->data, error);

      if (record == NULL)
        return FALSE;

      switch (kind)
        {
        case PSI_RECORD_KIND_AGREEMENT:
          add_participant_refs (sets,
                                G_LIST_MODEL (psi_agreement_get_signatories (PSI_AGREEMENT (record))));
          break;
        case PSI_RECORD_KIND_AWARD:
          add_id (sets[PSI_RECORD_KIND_MUNICIPALITY],
                  psi_award_get_municipality_id (PSI_AWARD (record)));
          add_id (sets[PSI_RECORD_KIND_CLUSTER], psi_award_get_cluster_id (PSI_AWARD (record)));
          break;
        case PSI_RECORD_KIND_COMPETITION:
          if (!add_related (store, record, PSI_RECORD_KIND_AWARD,
                            sets[PSI_RECORD_KIND_AWARD], error))
            return FALSE;
          break;
        case PSI_RECORD_KIND_EVENT:
          add_participant_refs (sets,
                                G_LIST_MODEL (psi_event_get_participants (PSI_EVENT (record))));
          break;
        case PSI_RECORD_KIND_CLUSTER:
          {
            GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (record));

            for (guint i = 0; members != NULL && i < members->len; i++)
              add_id (sets[PSI_RECORD_KIND_MUNICIPALITY], g_array_index (members, gint64, i));
          }
          break;
        case PSI_RECORD_KIND_OFFICIAL:
          add_id (sets[PSI_RECORD_KIND_MUNICIPALITY],
                  psi_official_get_municipality_id (PSI_OFFICIAL (record)));
          add_id (sets[PSI_RECORD_KIND_ORGANISATION],
                  psi_official_get_organisation_id (PSI_OFFICIAL (record)));
          break;
        case PSI_RECORD_KIND_MUNICIPALITY:
          add_id (sets[PSI_RECORD_KIND_REGION],
                  psi_municipality_get_region_id (PSI_MUNICIPALITY (record)));
          add_id (sets[PSI_RECORD_KIND_DISTRICT],
                  psi_municipality_get_district_id (PSI_MUNICIPALITY (record)));
          break;
        case PSI_RECORD_KIND_DISTRICT:
          add_id (sets[PSI_RECORD_KIND_REGION], psi_district_get_region_id (PSI_DISTRICT (record)));
          break;
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
select_linked (PsiStore      *store,
               GArray        *event_ids,
               GHashTable   **sets,
               GError       **error)
{
  for (guint i = 0; i < event_ids->len; i++)
    {
      gint64 id = g_array_index (event_ids, gint64, i);
      g_autoptr(PsiRecord) event = psi_store_load (store, PSI_RECORD_KIND_EVENT, id, error);

      if (event == NULL)
        return FALSE;

      add_id (sets[PSI_RECORD_KIND_EVENT], id);
      if (!add_related (store, event, PSI_RECORD_KIND_COMPETITION,
                        sets[PSI_RECORD_KIND_COMPETITION], error) ||
          !add_related (store, event, PSI_RECORD_KIND_AGREEMENT,
                        sets[PSI_RECORD_KIND_AGREEMENT], error))
        return FALSE;
    }

  /* Agreements and awards first: each kind refers only to kinds before it. Competitions add
   * their awards, which come after them, so they go before awards. */
  if (!add_references (store, sets, PSI_RECORD_KIND_COMPETITION, error) ||
      !add_references (store, sets, PSI_RECORD_KIND_AGREEMENT, error) ||
      !add_references (store, sets, PSI_RECORD_KIND_AWARD, error))
    return FALSE;

  for (int kind = PSI_RECORD_KIND_EVENT; kind >= 0; kind--)
    if (!add_references (store, sets, (PsiRecordKind) kind, error))
      return FALSE;

  return TRUE;
}

/* The file */

static int
write_cb (void       *context,
          const char *buffer,
          int         len)
{
  Writer *w = context;
  int done = 0;

  while (done < len)
    {
      ssize_t n = write (w->fd, buffer + done, (size_t) (len - done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          w->write_errno = n < 0 ? errno : EIO;
          return -1;
        }
      done += (int) n;
    }

  return len;
}

static gboolean
write_all (Writer        *w,
           GArray        *event_ids,
           GCancellable  *cancellable,
           GError       **error)
{
  GHashTable *sets[PSI_N_RECORD_KINDS] = { NULL, };
  gboolean ok = FALSE;
  guint written = 0;

  if (event_ids != NULL)
    {
      for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
        sets[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      if (!select_linked (w->store, event_ids, sets, error))
        goto out;
    }

  if (xmlTextWriterSetIndent (w->writer, 1) < 0 ||
      xmlTextWriterSetIndentString (w->writer, (const xmlChar *) "  ") < 0 ||
      xmlTextWriterStartDocument (w->writer, "1.0", "UTF-8", NULL) < 0 ||
      !start (w, "psi-records") ||
      !attr (w, "xmlns", PSI_XML_NAMESPACE) ||
      !attr (w, "version", PSI_XML_VERSION))
    goto write_failed;

  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    {
      g_autoptr(GArray) ids = psi_store_list_ids (w->store, (PsiRecordKind) k, error);

      if (ids == NULL)
        goto out;

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr(PsiRecord) record = NULL;

          if (sets[k] != NULL && !g_hash_table_contains (sets[k], &id))
            continue;

          if (++written % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable,
                                                                                 error))
            goto out;

          record = psi_store_load (w->store, (PsiRecordKind) k, id, error);
          if (record == NULL)
            goto out;

          if (!write_record (w, record))
            {
              if (w->write_errno != 0)
                goto write_failed;
              g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE,
                           /* Translators: an element name (keep <>), then a uuid */
                           _("The <%s> %s holds text that cannot be written to XML (a control "
                             "character or invalid UTF-8)"),
                           kind_elements[k],
                           psi_record_get_uuid (record) != NULL
                           ? psi_record_get_uuid (record) : "");
              goto out;
            }
        }
    }

  if (xmlTextWriterEndDocument (w->writer) < 0 || xmlTextWriterFlush (w->writer) < 0)
    goto write_failed;

  ok = TRUE;
  goto out;

write_failed:
  g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE, "%s",
               g_strerror (w->write_errno != 0 ? w->write_errno : EIO));

out:
  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    g_clear_pointer (&sets[k], g_hash_table_destroy);
  return ok;
}

static void
sync_folder (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * psi_xml_export_file:
 * @store: the store to read
 * @file: the file to write; replaced when it exists
 * @event_ids: (nullable) (element-type gint64): the events to write with everything linked
 *   to them, or %NULL for every record
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #PSI_XML_ERROR, a #PSI_STORE_ERROR or a #G_IO_ERROR
 *
 * Writes records to @file in the urn:psi-records:conference:1 format: first to a temporary
 * file in the same folder, which is synced to disk and then renamed to @file. On any error the
 * temporary file is removed and @file left as it was.
 *
 * Returns: %TRUE when @file was written
 */
gboolean
psi_xml_export_file (PsiStore      *store,
                     GFile         *file,
                     GArray        *event_ids,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlOutputBufferPtr output;
  Writer w = { 0, };
  gboolean ok = FALSE;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  base = g_file_get_basename (file);
  display = g_filename_display_name (base != NULL ? base : "");
  if (path == NULL)
    {
      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE,
                   /* Translators: a file name */
                   _("Cannot write “%s”: only local files can be written"), display);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  {
    g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);

    tmp_path = g_build_filename (dir, template, NULL);
  }

  w.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (w.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE,
                   /* Translators: a file name, then the system's reason */
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  xmlInitParser ();
  w.store = store;
  output = xmlOutputBufferCreateIO (write_cb, NULL, &w, NULL);
  w.writer = output != NULL ? xmlNewTextWriter (output) : NULL;

  if (w.writer == NULL)
    g_set_error (&local_error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE, "%s", g_strerror (ENOMEM));
  else
    ok = write_all (&w, event_ids, cancellable, &local_error);

  if (w.writer != NULL)
    xmlFreeTextWriter (w.writer);   /* also frees output */
  else if (output != NULL)
    xmlOutputBufferClose (output);

  if (ok && w.write_errno != 0)
    {
      g_set_error (&local_error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE, "%s",
                   g_strerror (w.write_errno));
      ok = FALSE;
    }

  if (ok && fsync (w.fd) != 0)
    {
      g_set_error (&local_error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE, "%s", g_strerror (errno));
      ok = FALSE;
    }

  if (close (w.fd) != 0 && ok)
    {
      g_set_error (&local_error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE, "%s", g_strerror (errno));
      ok = FALSE;
    }

  if (ok && g_rename (tmp_path, path) != 0)
    {
      g_set_error (&local_error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE, "%s", g_strerror (errno));
      ok = FALSE;
    }

  for (guint k = 0; k < PSI_N_RECORD_KINDS; k++)
    g_clear_pointer (&w.uuids[k], g_hash_table_destroy);

  if (!ok)
    {
      g_unlink (tmp_path);
      if (g_error_matches (local_error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE))
        g_set_error (error, PSI_XML_ERROR, PSI_XML_ERROR_WRITE,
                     _("Cannot write “%s”: %s"), display, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  sync_folder (dir);
  return TRUE;
}
