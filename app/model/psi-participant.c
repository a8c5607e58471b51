/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-participant"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-participant.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"

struct _PsiParticipant
{
  GObject      parent_instance;

  PsiText     *label;
  PsiPosition  position;
  guint        count;
  gint64       official_id;
  gint64       organisation_id;
};

G_DEFINE_FINAL_TYPE (PsiParticipant, psi_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_COUNT,
  PROP_OFFICIAL_ID,
  PROP_ORGANISATION_ID,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_participant_finalize (GObject *object)
{
  PsiParticipant *self = PSI_PARTICIPANT (object);

  g_clear_pointer (&self->label, psi_text_unref);

  G_OBJECT_CLASS (psi_participant_parent_class)->finalize (object);
}

static void
psi_participant_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsiParticipant *self = PSI_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_enum (value, psi_participant_get_position (self));
      break;

    case PROP_COUNT:
      g_value_set_uint (value, psi_participant_get_count (self));
      break;

    case PROP_OFFICIAL_ID:
      g_value_set_int64 (value, psi_participant_get_official_id (self));
      break;

    case PROP_ORGANISATION_ID:
      g_value_set_int64 (value, psi_participant_get_organisation_id (self));
      break;

    case PROP_LABEL:
      g_value_set_boxed (value, psi_participant_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_participant_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsiParticipant *self = PSI_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      psi_participant_set_position (self, g_value_get_enum (value));
      break;

    case PROP_COUNT:
      psi_participant_set_count (self, g_value_get_uint (value));
      break;

    case PROP_OFFICIAL_ID:
      psi_participant_set_official_id (self, g_value_get_int64 (value));
      break;

    case PROP_ORGANISATION_ID:
      psi_participant_set_organisation_id (self, g_value_get_int64 (value));
      break;

    case PROP_LABEL:
      psi_participant_set_label (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_participant_class_init (PsiParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psi_participant_finalize;
  object_class->get_property = psi_participant_get_property;
  object_class->set_property = psi_participant_set_property;

  properties[PROP_POSITION] =
    g_param_spec_enum ("position", NULL, NULL,
                       PSI_TYPE_POSITION, PSI_POSITION_HEAD_OF_AO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFICIAL_ID] =
    g_param_spec_int64 ("official-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORGANISATION_ID] =
    g_param_spec_int64 ("organisation-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LABEL] =
    g_param_spec_boxed ("label", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_participant_init (PsiParticipant *self)
{
  self->count = 1;
  self->label = psi_text_new_empty ();
}

PsiParticipant *
psi_participant_new (PsiPosition position,
                     guint       count)
{
  g_return_val_if_fail (count >= 1, NULL);

  return g_object_new (PSI_TYPE_PARTICIPANT,
                       "position", position,
                       "count", count,
                       NULL);
}

PsiPosition
psi_participant_get_position (PsiParticipant *self)
{
  g_return_val_if_fail (PSI_IS_PARTICIPANT (self), 0);

  return self->position;
}

void
psi_participant_set_position (PsiParticipant *self,
                              PsiPosition     position)
{
  g_return_if_fail (PSI_IS_PARTICIPANT (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

guint
psi_participant_get_count (PsiParticipant *self)
{
  g_return_val_if_fail (PSI_IS_PARTICIPANT (self), 0);

  return self->count;
}

void
psi_participant_set_count (PsiParticipant *self,
                           guint           count)
{
  g_return_if_fail (PSI_IS_PARTICIPANT (self));
  g_return_if_fail (count >= 1);

  if (self->count == count)
    return;

  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

gint64
psi_participant_get_official_id (PsiParticipant *self)
{
  g_return_val_if_fail (PSI_IS_PARTICIPANT (self), 0);

  return self->official_id;
}

void
psi_participant_set_official_id (PsiParticipant *self,
                                 gint64          official_id)
{
  g_return_if_fail (PSI_IS_PARTICIPANT (self));
  g_return_if_fail (official_id >= 0);

  if (self->official_id == official_id)
    return;

  self->official_id = official_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICIAL_ID]);
}

gint64
psi_participant_get_organisation_id (PsiParticipant *self)
{
  g_return_val_if_fail (PSI_IS_PARTICIPANT (self), 0);

  return self->organisation_id;
}

void
psi_participant_set_organisation_id (PsiParticipant *self,
                                     gint64          organisation_id)
{
  g_return_if_fail (PSI_IS_PARTICIPANT (self));
  g_return_if_fail (organisation_id >= 0);

  if (self->organisation_id == organisation_id)
    return;

  self->organisation_id = organisation_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_participant_get_label (PsiParticipant *self)
{
  g_return_val_if_fail (PSI_IS_PARTICIPANT (self), NULL);

  return self->label;
}

void
psi_participant_set_label (PsiParticipant *self,
                           PsiText        *label)
{
  g_return_if_fail (PSI_IS_PARTICIPANT (self));

  if (!_psi_text_set (&self->label, label))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

char *
psi_participant_dup_description (PsiParticipant *self)
{
  const char *position;
  const char *label;

  g_return_val_if_fail (PSI_IS_PARTICIPANT (self), NULL);

  position = psi_enum_to_label (PSI_TYPE_POSITION, self->position);
  label = psi_text_get_current (self->label);

  if (label[0] != '\0')
    /* Translators: a participant: position, then the person's or organisation's name,
     * e.g. "Project Manager: Name" */
    return g_strdup_printf (C_("participant", "%s: %s"), position, label);

  if (self->count > 1)
    /* Translators: a group of participants: how many, then their position,
     * e.g. "26 × Head of ayil okmotu" */
    return g_strdup_printf (ngettext ("%u × %s", "%u × %s", self->count),
                            self->count, position);

  return g_strdup (position);
}
