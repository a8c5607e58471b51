/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psi-store-edit.h"

#include "psi-store-certificates.h"

typedef struct
{
  PsiRecord         *before;   /* full record as it was */
  PsiRecord         *after;    /* PSI_DELETION_UPDATE: the record without the reference */
  PsiDeletionAction  action;
  gint64             old_id;
} Dependent;

struct _PsiDeletion
{
  GObject     parent_instance;

  PsiStore   *store;
  PsiRecord  *record;
  gint64      old_id;
  GArray     *dependents;   /* of Dependent */
  GHashTable *planned;      /* "kind:id" of the records in the plan */
  GPtrArray  *blockers;     /* of Blocker: certificates of awards the deletion would delete */
  gboolean    applied;
};

/* A certificate issued for an award: the award cannot be deleted (the certificates table
 * refers to it ON DELETE RESTRICT; certificates are revoked, never deleted). */
typedef struct
{
  char      *number;
  PsiRecord *award;
} Blocker;

static void
blocker_free (gpointer data)
{
  Blocker *b = data;

  g_free (b->number);
  g_clear_object (&b->award);
  g_free (b);
}

G_DEFINE_FINAL_TYPE (PsiDeletion, psi_deletion, G_TYPE_OBJECT)

static char *
record_key (PsiRecordKind kind,
            gint64        id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, (int) kind, id);
}

static void
dependent_clear (gpointer data)
{
  Dependent *d = data;

  g_clear_object (&d->before);
  g_clear_object (&d->after);
}

static gboolean
add_dependent (PsiDeletion        *self,
               PsiRecord          *related,
               PsiDeletionAction   action,
               PsiRecord         **after,
               GError            **error)
{
  PsiRecordKind kind = psi_record_get_kind (related);
  gint64 id = psi_record_get_id (related);
  Dependent d = { NULL, NULL, action, id };

  *after = NULL;
  if (!g_hash_table_add (self->planned, record_key (kind, id)))
    return TRUE;

  d.before = psi_store_load (self->store, kind, id, error);
  if (d.before == NULL)
    return FALSE;
  if (action == PSI_DELETION_UPDATE)
    {
      d.after = psi_store_load (self->store, kind, id, error);
      if (d.after == NULL)
        {
          g_object_unref (d.before);
          return FALSE;
        }
      *after = d.after;
    }
  g_array_append_val (self->dependents, d);
  return TRUE;
}

/* Removes the participants (or signatories) naming the official or organisation. */
static void
remove_participants (GListStore    *participants,
                     PsiRecordKind  kind,
                     gint64         id)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (participants)); i > 0; i--)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (G_LIST_MODEL (participants), i - 1);
      gint64 ref = kind == PSI_RECORD_KIND_OFFICIAL ? psi_participant_get_official_id (p)
                                                    : psi_participant_get_organisation_id (p);

      if (ref == id)
        g_list_store_remove (participants, i - 1);
    }
}

/* What happens to a record related to the deleted one (kind, id). */
static gboolean plan_record (PsiDeletion   *self,
                             PsiRecord     *record,
                             GError       **error);

static gboolean
plan_related (PsiDeletion   *self,
              PsiRecord     *record,
              PsiRecordKind  related_kind,
              GError       **error)
{
  PsiRecordKind kind = psi_record_get_kind (record);
  gint64 id = psi_record_get_id (record);
  g_autoptr(GListModel) related = psi_store_list_related (self->store, record, related_kind,
                                                          error);

  if (related == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (related); i++)
    {
      g_autoptr(PsiRecord) r = g_list_model_get_item (related, i);
      PsiRecord *after = NULL;

      switch (related_kind)
        {
        case PSI_RECORD_KIND_AWARD:
          if (!add_dependent (self, r, PSI_DELETION_DELETE, &after, error))
            return FALSE;
          break;

        case PSI_RECORD_KIND_COMPETITION:
          /* Its awards first: they are deleted before it. */
          if (!plan_record (self, r, error) ||
              !add_dependent (self, r, PSI_DELETION_DELETE, &after, error))
            return FALSE;
          break;

        case PSI_RECORD_KIND_CLUSTER:
          if (!add_dependent (self, r, PSI_DELETION_UPDATE, &after, error))
            return FALSE;
          if (after != NULL)
            {
              GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (after));
              g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

              for (guint m = 0; members != NULL && m < members->len; m++)
                if (g_array_index (members, gint64, m) != id)
                  g_array_append_val (kept, g_array_index (members, gint64, m));
              psi_cluster_set_member_ids (PSI_CLUSTER (after), kept);
            }
          break;

        case PSI_RECORD_KIND_OFFICIAL:
          if (!add_dependent (self, r, PSI_DELETION_UPDATE, &after, error))
            return FALSE;
          if (after != NULL && kind == PSI_RECORD_KIND_MUNICIPALITY)
            psi_official_set_municipality_id (PSI_OFFICIAL (after), 0);
          else if (after != NULL)
            psi_official_set_organisation_id (PSI_OFFICIAL (after), 0);
          break;

        case PSI_RECORD_KIND_AGREEMENT:
          if (!add_dependent (self, r, PSI_DELETION_UPDATE, &after, error))
            return FALSE;
          if (after != NULL && kind == PSI_RECORD_KIND_EVENT)
            psi_agreement_set_event_id (PSI_AGREEMENT (after), 0);
          else if (after != NULL)
            remove_participants (psi_agreement_get_signatories (PSI_AGREEMENT (after)),
                                 kind, id);
          break;

        case PSI_RECORD_KIND_EVENT:
          if (!add_dependent (self, r, PSI_DELETION_UPDATE, &after, error))
            return FALSE;
          if (after != NULL)
            remove_participants (psi_event_get_participants (PSI_EVENT (after)), kind, id);
          break;

        case PSI_RECORD_KIND_MUNICIPALITY:
        case PSI_RECORD_KIND_DISTRICT:
          {
            g_autofree char *title = psi_record_dup_title (record,
                                                           psi_language_get_current ());

            g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                         _("“%s” cannot be deleted: other records still refer to it. "
                           "Change or delete those first."),
                         title);
            return FALSE;
          }

        case PSI_RECORD_KIND_ORGANISATION:
        case PSI_RECORD_KIND_REGION:
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
plan_record (PsiDeletion  *self,
             PsiRecord    *record,
             GError      **error)
{
  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_MUNICIPALITY:
      return plan_related (self, record, PSI_RECORD_KIND_AWARD, error) &&
             plan_related (self, record, PSI_RECORD_KIND_CLUSTER, error) &&
             plan_related (self, record, PSI_RECORD_KIND_OFFICIAL, error);
    case PSI_RECORD_KIND_CLUSTER:
    case PSI_RECORD_KIND_COMPETITION:
      return plan_related (self, record, PSI_RECORD_KIND_AWARD, error);
    case PSI_RECORD_KIND_EVENT:
      return plan_related (self, record, PSI_RECORD_KIND_COMPETITION, error) &&
             plan_related (self, record, PSI_RECORD_KIND_AGREEMENT, error);
    case PSI_RECORD_KIND_OFFICIAL:
      return plan_related (self, record, PSI_RECORD_KIND_EVENT, error) &&
             plan_related (self, record, PSI_RECORD_KIND_AGREEMENT, error);
    case PSI_RECORD_KIND_ORGANISATION:
      return plan_related (self, record, PSI_RECORD_KIND_OFFICIAL, error) &&
             plan_related (self, record, PSI_RECORD_KIND_EVENT, error) &&
             plan_related (self, record, PSI_RECORD_KIND_AGREEMENT, error);
    case PSI_RECORD_KIND_REGION:
      return plan_related (self, record, PSI_RECORD_KIND_MUNICIPALITY, error) &&
             plan_related (self, record, PSI_RECORD_KIND_DISTRICT, error);
    case PSI_RECORD_KIND_DISTRICT:
      return plan_related (self, record, PSI_RECORD_KIND_MUNICIPALITY, error);
    case PSI_RECORD_KIND_AWARD:
    case PSI_RECORD_KIND_AGREEMENT:
    default:
      return TRUE;
    }
}

/* The certificates of an award the plan deletes. */
static gboolean
find_blockers (PsiDeletion  *self,
               PsiRecord    *award,
               GError      **error)
{
  g_autoptr(GPtrArray) certificates = NULL;

  certificates = psi_store_certificate_list_for_award (self->store, psi_record_get_id (award),
                                                       error);
  if (certificates == NULL)
    return FALSE;
  for (guint i = 0; i < certificates->len; i++)
    {
      PsiCertificate *c = g_ptr_array_index (certificates, i);
      Blocker *b = g_new0 (Blocker, 1);

      b->number = g_strdup (c->number);
      b->award = g_object_ref (award);
      g_ptr_array_add (self->blockers, b);
    }
  return TRUE;
}

static gboolean
plan_blockers (PsiDeletion  *self,
               GError      **error)
{
  if (psi_record_get_kind (self->record) == PSI_RECORD_KIND_AWARD &&
      !find_blockers (self, self->record, error))
    return FALSE;
  for (guint i = 0; i < self->dependents->len; i++)
    {
      Dependent *d = &g_array_index (self->dependents, Dependent, i);

      if (d->action == PSI_DELETION_DELETE &&
          psi_record_get_kind (d->before) == PSI_RECORD_KIND_AWARD &&
          !find_blockers (self, d->before, error))
        return FALSE;
    }
  return TRUE;
}

/* Undo: ids of re-inserted records, old -> new. */

static gint64
remap (GHashTable    *ids,
       PsiRecordKind  kind,
       gint64         id)
{
  g_autofree char *key = NULL;
  gint64 *new_id;

  if (id == 0)
    return 0;
  key = record_key (kind, id);
  new_id = g_hash_table_lookup (ids, key);
  return new_id != NULL ? *new_id : id;
}

static void
remap_participants (GHashTable *ids,
                    GListStore *participants)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (participants)); i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (G_LIST_MODEL (participants), i);

      psi_participant_set_official_id (p, remap (ids, PSI_RECORD_KIND_OFFICIAL,
                                                 psi_participant_get_official_id (p)));
      psi_participant_set_organisation_id (p, remap (ids, PSI_RECORD_KIND_ORGANISATION,
                                                     psi_participant_get_organisation_id (p)));
    }
}

static void
remap_record (GHashTable *ids,
              PsiRecord  *record)
{
  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *o = PSI_OFFICIAL (record);

        psi_official_set_municipality_id (o, remap (ids, PSI_RECORD_KIND_MUNICIPALITY,
                                                    psi_official_get_municipality_id (o)));
        psi_official_set_organisation_id (o, remap (ids, PSI_RECORD_KIND_ORGANISATION,
                                                    psi_official_get_organisation_id (o)));
      }
      break;

    case PSI_RECORD_KIND_CLUSTER:
      {
        GArray *members = psi_cluster_get_member_ids (PSI_CLUSTER (record));
        g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (gint64));

        for (guint i = 0; members != NULL && i < members->len; i++)
          {
            gint64 id = remap (ids, PSI_RECORD_KIND_MUNICIPALITY,
                               g_array_index (members, gint64, i));

            g_array_append_val (mapped, id);
          }
        psi_cluster_set_member_ids (PSI_CLUSTER (record), mapped);
      }
      break;

    case PSI_RECORD_KIND_EVENT:
      remap_participants (ids, psi_event_get_participants (PSI_EVENT (record)));
      break;

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *c = PSI_COMPETITION (record);

        psi_competition_set_event_id (c, remap (ids, PSI_RECORD_KIND_EVENT,
                                                psi_competition_get_event_id (c)));
      }
      break;

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *a = PSI_AWARD (record);

        psi_award_set_competition_id (a, remap (ids, PSI_RECORD_KIND_COMPETITION,
                                                psi_award_get_competition_id (a)));
        psi_award_set_municipality_id (a, remap (ids, PSI_RECORD_KIND_MUNICIPALITY,
                                                 psi_award_get_municipality_id (a)));
        psi_award_set_cluster_id (a, remap (ids, PSI_RECORD_KIND_CLUSTER,
                                            psi_award_get_cluster_id (a)));
      }
      break;

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *a = PSI_AGREEMENT (record);

        psi_agreement_set_event_id (a, remap (ids, PSI_RECORD_KIND_EVENT,
                                              psi_agreement_get_event_id (a)));
        remap_participants (ids, psi_agreement_get_signatories (a));
      }
      break;

    case PSI_RECORD_KIND_MUNICIPALITY:
    case PSI_RECORD_KIND_DISTRICT:
    case PSI_RECORD_KIND_ORGANISATION:
    case PSI_RECORD_KIND_REGION:
    default:
      /* They refer to regions and districts only, which a deletion never restores along. */
      break;
    }
}

static gboolean
reinsert (PsiDeletion  *self,
          GHashTable   *ids,
          PsiRecord    *record,
          gint64        old_id,
          GError      **error)
{
  gint64 *new_id;

  remap_record (ids, record);
  psi_record_set_id (record, 0);
  if (!psi_store_save (self->store, record, error))
    return FALSE;
  new_id = g_new (gint64, 1);
  *new_id = psi_record_get_id (record);
  g_hash_table_insert (ids, record_key (psi_record_get_kind (record), old_id), new_id);
  return TRUE;
}

static void
psi_deletion_dispose (GObject *object)
{
  PsiDeletion *self = PSI_DELETION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->record);
  if (self->dependents != NULL)
    g_array_set_size (self->dependents, 0);

  G_OBJECT_CLASS (psi_deletion_parent_class)->dispose (object);
}

static void
psi_deletion_finalize (GObject *object)
{
  PsiDeletion *self = PSI_DELETION (object);

  g_clear_pointer (&self->dependents, g_array_unref);
  g_clear_pointer (&self->planned, g_hash_table_unref);
  g_clear_pointer (&self->blockers, g_ptr_array_unref);

  G_OBJECT_CLASS (psi_deletion_parent_class)->finalize (object);
}

static void
psi_deletion_class_init (PsiDeletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = psi_deletion_dispose;
  object_class->finalize = psi_deletion_finalize;
}

static void
psi_deletion_init (PsiDeletion *self)
{
  self->dependents = g_array_new (FALSE, TRUE, sizeof (Dependent));
  g_array_set_clear_func (self->dependents, dependent_clear);
  self->planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->blockers = g_ptr_array_new_with_free_func (blocker_free);
}

PsiDeletion *
psi_deletion_new (PsiStore       *store,
                  PsiRecordKind   kind,
                  gint64          id,
                  GError        **error)
{
  g_autoptr(PsiDeletion) self = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PSI_TYPE_DELETION, NULL);
  self->store = g_object_ref (store);
  self->record = psi_store_load (store, kind, id, error);
  if (self->record == NULL)
    return NULL;
  self->old_id = id;
  g_hash_table_add (self->planned, record_key (kind, id));

  if (!plan_record (self, self->record, error) || !plan_blockers (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

PsiStore *
psi_deletion_get_store (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), NULL);

  return self->store;
}

PsiRecord *
psi_deletion_get_record (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), NULL);

  return self->record;
}

char *
psi_deletion_dup_title (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), NULL);

  return psi_record_dup_title (self->record, psi_language_get_current ());
}

guint
psi_deletion_get_n_dependents (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), 0);

  return self->dependents->len;
}

PsiRecord *
psi_deletion_get_dependent (PsiDeletion       *self,
                            guint              index,
                            PsiDeletionAction *action)
{
  Dependent *d;

  g_return_val_if_fail (PSI_IS_DELETION (self), NULL);
  g_return_val_if_fail (index < self->dependents->len, NULL);

  d = &g_array_index (self->dependents, Dependent, index);
  if (action != NULL)
    *action = d->action;
  return d->before;
}

guint
psi_deletion_get_n_blockers (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), 0);

  return self->blockers->len;
}

const char *
psi_deletion_get_blocker (PsiDeletion  *self,
                          guint         index,
                          PsiRecord   **award)
{
  Blocker *b;

  g_return_val_if_fail (PSI_IS_DELETION (self), NULL);
  g_return_val_if_fail (index < self->blockers->len, NULL);

  b = g_ptr_array_index (self->blockers, index);
  if (award != NULL)
    *award = b->award;
  return b->number;
}

gboolean
psi_deletion_get_applied (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), FALSE);

  return self->applied;
}

gboolean
psi_deletion_apply (PsiDeletion  *self,
                    GError      **error)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), FALSE);
  g_return_val_if_fail (!self->applied, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->blockers->len > 0)
    {
      Blocker *b = g_ptr_array_index (self->blockers, 0);
      g_autofree char *title = psi_record_dup_title (self->record, psi_language_get_current ());

      g_set_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT,
                   /* Translators: the first %s is a record's name, the second a certificate
                    * number such as PSI-2020-0007 */
                   _("“%s” cannot be deleted: certificate %s was issued for its award. "
                     "Certificates are kept: revoke the certificate instead."),
                   title, b->number);
      return FALSE;
    }

  if (!psi_store_begin (self->store, error))
    return FALSE;

  /* References first, then the records that refer to the deleted one, then it. */
  for (guint i = 0; i < self->dependents->len; i++)
    {
      Dependent *d = &g_array_index (self->dependents, Dependent, i);

      if (d->action == PSI_DELETION_UPDATE && !psi_store_save (self->store, d->after, error))
        goto failed;
    }
  for (guint i = 0; i < self->dependents->len; i++)
    {
      Dependent *d = &g_array_index (self->dependents, Dependent, i);

      if (d->action == PSI_DELETION_DELETE &&
          !psi_store_delete (self->store, psi_record_get_kind (d->before), d->old_id, error))
        goto failed;
    }
  if (!psi_store_delete (self->store, psi_record_get_kind (self->record), self->old_id, error) ||
      !psi_store_commit (self->store, error))
    goto failed;

  self->applied = TRUE;
  return TRUE;

failed:
  psi_store_rollback (self->store);
  return FALSE;
}

gboolean
psi_deletion_undo (PsiDeletion  *self,
                   GError      **error)
{
  g_autoptr(GHashTable) ids = NULL;

  g_return_val_if_fail (PSI_IS_DELETION (self), FALSE);
  g_return_val_if_fail (self->applied, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!psi_store_begin (self->store, error))
    return FALSE;

  if (!reinsert (self, ids, self->record, self->old_id, error))
    goto failed;
  /* Deleted dependents were planned children first: insert them parents first. */
  for (guint i = self->dependents->len; i > 0; i--)
    {
      Dependent *d = &g_array_index (self->dependents, Dependent, i - 1);

      if (d->action == PSI_DELETION_DELETE && !reinsert (self, ids, d->before, d->old_id, error))
        goto failed;
    }
  for (guint i = 0; i < self->dependents->len; i++)
    {
      Dependent *d = &g_array_index (self->dependents, Dependent, i);

      if (d->action != PSI_DELETION_UPDATE)
        continue;
      remap_record (ids, d->before);
      if (!psi_store_save (self->store, d->before, error))
        goto failed;
    }
  if (!psi_store_commit (self->store, error))
    goto failed;

  self->applied = FALSE;
  return TRUE;

failed:
  psi_store_rollback (self->store);
  /* Nothing was restored: the snapshots take back their old ids and references, so that undo
   * can be tried again. */
  {
    g_autoptr(GHashTable) back = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, ids);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        int kind = g_ascii_strtoll (key, NULL, 10);
        const char *colon = strchr (key, ':');
        gint64 *old_id = g_new (gint64, 1);

        *old_id = g_ascii_strtoll (colon + 1, NULL, 10);
        g_hash_table_insert (back, record_key (kind, *(gint64 *) value), old_id);
      }
    psi_record_set_id (self->record, self->old_id);
    remap_record (back, self->record);
    for (guint i = 0; i < self->dependents->len; i++)
      {
        Dependent *d = &g_array_index (self->dependents, Dependent, i);

        psi_record_set_id (d->before, d->old_id);
        remap_record (back, d->before);
      }
  }
  return FALSE;
}

gint64
psi_deletion_get_restored_id (PsiDeletion *self)
{
  g_return_val_if_fail (PSI_IS_DELETION (self), 0);

  return psi_record_get_id (self->record);
}
