/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-store.h"

G_BEGIN_DECLS

/* PsiDeletion: deleting a record together with what it implies, and undoing it.
 *
 * psi_deletion_new () plans: it loads the record in full and the records that refer to it, and
 * decides for each what the deletion does to it:
 *   municipality  its awards are deleted; it is removed from the members of its clusters; its
 *                 officials no longer belong to a municipality
 *   cluster       its awards are deleted (its member list goes with it)
 *   competition   its awards are deleted
 *   event         its competitions and their awards are deleted; its agreements no longer
 *                 belong to an event
 *   official      removed from the participants of events and the signatories of agreements
 *   organisation  its officials no longer belong to it; removed from participants and
 *                 signatories
 *   award, agreement  nothing else
 *   region, district  refused while anything refers to them
 * An award that has a certificate cannot be deleted (see psi_deletion_get_n_blockers ()).
 * psi_deletion_apply () runs all of it in one transaction; psi_deletion_undo () puts everything
 * back in one transaction: deleted records are inserted again with their old values and uuids
 * (they get new ids; references among them are remapped), changed records get their old
 * values back. Only the public API of PsiStore is used. */

#define PSI_TYPE_DELETION (psi_deletion_get_type ())

G_DECLARE_FINAL_TYPE (PsiDeletion, psi_deletion, PSI, DELETION, GObject)

typedef enum
{
  PSI_DELETION_DELETE,   /* the dependent record is deleted too */
  PSI_DELETION_UPDATE,   /* the dependent record loses its reference to the deleted one */
} PsiDeletionAction;

/* Plans the deletion; NULL with an error when the record cannot be loaded or cannot be deleted
 * (a region or district still in use). */
PsiDeletion  *psi_deletion_new                (PsiStore           *store,
                                               PsiRecordKind       kind,
                                               gint64              id,
                                               GError            **error);
PsiStore     *psi_deletion_get_store          (PsiDeletion        *self);
/* The record to delete, loaded in full before the deletion. */
PsiRecord    *psi_deletion_get_record         (PsiDeletion        *self);
/* The record's title in the current language; new string. */
char         *psi_deletion_dup_title          (PsiDeletion        *self);
/* The records the deletion changes or deletes as well, in the order they are applied. */
guint         psi_deletion_get_n_dependents   (PsiDeletion        *self);
PsiRecord    *psi_deletion_get_dependent      (PsiDeletion        *self,
                                               guint               index,
                                               PsiDeletionAction  *action);
/* The certificates that keep the deletion from happening: one for each certificate of an
 * award it would delete (the award itself, or the awards of a competition, municipality...).
 * Certificates are never deleted, only revoked, so while there is one the deletion is refused;
 * award (may be NULL) receives the award it was issued for. */
guint         psi_deletion_get_n_blockers     (PsiDeletion        *self);
const char   *psi_deletion_get_blocker        (PsiDeletion        *self,
                                               guint               index,
                                               PsiRecord         **award);
gboolean      psi_deletion_get_applied        (PsiDeletion        *self);
/* Deletes in one transaction. FALSE with an error (nothing changed) on failure. */
gboolean      psi_deletion_apply              (PsiDeletion        *self,
                                               GError            **error);
/* Restores in one transaction. FALSE with an error (nothing changed) on failure; it may then
 * be tried again. */
gboolean      psi_deletion_undo               (PsiDeletion        *self,
                                               GError            **error);
/* The id of the record after psi_deletion_undo () (its id before the deletion until then). */
gint64        psi_deletion_get_restored_id    (PsiDeletion        *self);

G_END_DECLS
