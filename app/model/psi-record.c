/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-record"

#include "config.h"

#include "psi-record.h"

#include "psi-agreement.h"
#include "psi-award.h"
#include "psi-cluster.h"
#include "psi-competition.h"
#include "psi-district.h"
#include "psi-enum-types.h"
#include "psi-event.h"
#include "psi-language.h"
#include "psi-model-private.h"
#include "psi-municipality.h"
#include "psi-official.h"
#include "psi-organisation.h"
#include "psi-region.h"

typedef struct
{
  gint64   id;
  char    *uuid;
  PsiText *name;
} PsiRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PsiRecord, psi_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_TITLE,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
psi_record_real_dup_title (PsiRecord   *self,
                           PsiLanguage  language)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  return g_strdup (psi_text_get (priv->name, language, NULL));
}

static void
psi_record_finalize (GObject *object)
{
  PsiRecord *self = PSI_RECORD (object);
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->name, psi_text_unref);

  G_OBJECT_CLASS (psi_record_parent_class)->finalize (object);
}

static void
psi_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsiRecord *self = PSI_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, psi_record_get_id (self));
      break;

    case PROP_UUID:
      g_value_set_string (value, psi_record_get_uuid (self));
      break;

    case PROP_NAME:
      g_value_set_boxed (value, psi_record_get_name (self));
      break;

    case PROP_TITLE:
      g_value_take_string (value, psi_record_dup_title (self, psi_language_get_current ()));
      break;

    case PROP_KIND:
      g_value_set_enum (value, psi_record_get_kind (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PsiRecord *self = PSI_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      psi_record_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      psi_record_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      psi_record_set_name (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_record_class_init (PsiRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psi_record_finalize;
  object_class->get_property = psi_record_get_property;
  object_class->set_property = psi_record_set_property;

  klass->dup_title = psi_record_real_dup_title;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_boxed ("name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PSI_TYPE_RECORD_KIND, PSI_RECORD_KIND_ORGANISATION,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_record_init (PsiRecord *self)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  priv->name = psi_text_new_empty ();
}

PsiRecordKind
psi_record_get_kind (PsiRecord *self)
{
  g_return_val_if_fail (PSI_IS_RECORD (self), 0);

  return PSI_RECORD_GET_CLASS (self)->kind;
}

gint64
psi_record_get_id (PsiRecord *self)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  g_return_val_if_fail (PSI_IS_RECORD (self), 0);

  return priv->id;
}

void
psi_record_set_id (PsiRecord *self,
                   gint64     id)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  g_return_if_fail (PSI_IS_RECORD (self));
  g_return_if_fail (id >= 0);

  if (priv->id == id)
    return;

  priv->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* A record that was given no uuid gets a random one the first time it is asked for: making
 * it at construction would cost more than the rest of the record when the store loads a
 * million rows, all with their own uuid. To the caller it is the same. */
const char *
psi_record_get_uuid (PsiRecord *self)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);
  char *uuid;

  g_return_val_if_fail (PSI_IS_RECORD (self), NULL);

  uuid = g_atomic_pointer_get (&priv->uuid);
  if G_LIKELY (uuid != NULL)
    return uuid;

  uuid = g_uuid_string_random ();
  if (!g_atomic_pointer_compare_and_exchange (&priv->uuid, NULL, uuid))
    g_free (uuid);

  return g_atomic_pointer_get (&priv->uuid);
}

/* Stored in lower case. NULL or "" makes a new random uuid: a record always has one. */
void
psi_record_set_uuid (PsiRecord  *self,
                     const char *uuid)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);
  g_autofree char *lower = NULL;

  g_return_if_fail (PSI_IS_RECORD (self));

  if (uuid == NULL || uuid[0] == '\0')
    {
      /* Not made yet: psi_record_get_uuid () will. */
      if (priv->uuid == NULL)
        return;
      lower = g_uuid_string_random ();
    }
  else
    lower = g_ascii_strdown (uuid, -1);

  uuid = lower;

  if (!_psi_str_set (&priv->uuid, uuid))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

/* Never NULL: an unnamed record has the empty text. */
PsiText *
psi_record_get_name (PsiRecord *self)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  g_return_val_if_fail (PSI_IS_RECORD (self), NULL);

  return priv->name;
}

void
psi_record_set_name (PsiRecord *self,
                     PsiText   *name)
{
  PsiRecordPrivate *priv = psi_record_get_instance_private (self);

  g_return_if_fail (PSI_IS_RECORD (self));

  if (!_psi_text_set (&priv->name, name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  psi_record_notify_title (self);
}

char *
psi_record_dup_title (PsiRecord   *self,
                      PsiLanguage  language)
{
  g_return_val_if_fail (PSI_IS_RECORD (self), NULL);

  return PSI_RECORD_GET_CLASS (self)->dup_title (self, language);
}

void
psi_record_notify_title (PsiRecord *self)
{
  g_return_if_fail (PSI_IS_RECORD (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

GType
psi_record_kind_get_type_for (PsiRecordKind kind)
{
  switch (kind)
    {
    case PSI_RECORD_KIND_ORGANISATION:
      return PSI_TYPE_ORGANISATION;
    case PSI_RECORD_KIND_REGION:
      return PSI_TYPE_REGION;
    case PSI_RECORD_KIND_DISTRICT:
      return PSI_TYPE_DISTRICT;
    case PSI_RECORD_KIND_MUNICIPALITY:
      return PSI_TYPE_MUNICIPALITY;
    case PSI_RECORD_KIND_OFFICIAL:
      return PSI_TYPE_OFFICIAL;
    case PSI_RECORD_KIND_CLUSTER:
      return PSI_TYPE_CLUSTER;
    case PSI_RECORD_KIND_EVENT:
      return PSI_TYPE_EVENT;
    case PSI_RECORD_KIND_COMPETITION:
      return PSI_TYPE_COMPETITION;
    case PSI_RECORD_KIND_AWARD:
      return PSI_TYPE_AWARD;
    case PSI_RECORD_KIND_AGREEMENT:
      return PSI_TYPE_AGREEMENT;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}
