/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-enums.h"
#include "psi-text.h"
#include "psi-types.h"

G_BEGIN_DECLS

/* PsiRecord: base of every top-level record kept in the store.
 *
 * Properties:
 *   id     gint64   row id in the store; 0 until saved
 *   uuid   string   stable identifier (lower-case RFC 4122); made on construction when not given
 *   name   PsiText  name (title for events, competitions, agreements) in three languages
 *   title  string   read-only: what the UI shows for the record in psi_language_get_current ();
 *                   the name by default, subclasses may compose it (an award shows its recipient)
 *   kind   PsiRecordKind  read-only, from the class
 *
 * Records loaded for a list page carry the columns the list shows (and the names of what they
 * refer to, e.g. PsiMunicipality:region-name); psi_store_load () fills everything, including
 * child collections (participants, prize items, cluster members, signatories). */

#define PSI_TYPE_RECORD (psi_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (PsiRecord, psi_record, PSI, RECORD, GObject)

struct _PsiRecordClass
{
  GObjectClass parent_class;

  PsiRecordKind kind;

  /* Returns a new string; default: name in language with fallback. */
  char *(*dup_title) (PsiRecord   *self,
                      PsiLanguage  language);

  gpointer _reserved[8];
};

PsiRecordKind  psi_record_get_kind        (PsiRecord   *self);
gint64         psi_record_get_id          (PsiRecord   *self);
void           psi_record_set_id          (PsiRecord   *self,
                                           gint64       id);
const char    *psi_record_get_uuid        (PsiRecord   *self);
void           psi_record_set_uuid        (PsiRecord   *self,
                                           const char  *uuid);
PsiText       *psi_record_get_name        (PsiRecord   *self);
void           psi_record_set_name        (PsiRecord   *self,
                                           PsiText     *name);
char          *psi_record_dup_title       (PsiRecord   *self,
                                           PsiLanguage  language);
/* Subclasses call this when something their title depends on changed. */
void           psi_record_notify_title    (PsiRecord   *self);

/* GType of the record class for a kind, and back. */
GType          psi_record_kind_get_type_for (PsiRecordKind kind);

G_END_DECLS
