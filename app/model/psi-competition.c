/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-competition"

#include "config.h"

#include "psi-competition.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"

struct _PsiCompetition
{
  PsiRecord       parent_instance;

  PsiText        *event_name;
  PsiText        *description;
  gint64          event_id;
  PsiEntrantKind  entrant_kind;
  guint           entrant_count;
  guint           award_count;
};

G_DEFINE_FINAL_TYPE (PsiCompetition, psi_competition, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_EVENT_NAME,
  PROP_ENTRANT_KIND,
  PROP_ENTRANT_COUNT,
  PROP_DESCRIPTION,
  PROP_AWARD_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_competition_finalize (GObject *object)
{
  PsiCompetition *self = PSI_COMPETITION (object);

  g_clear_pointer (&self->event_name, psi_text_unref);
  g_clear_pointer (&self->description, psi_text_unref);

  G_OBJECT_CLASS (psi_competition_parent_class)->finalize (object);
}

static void
psi_competition_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsiCompetition *self = PSI_COMPETITION (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      g_value_set_int64 (value, psi_competition_get_event_id (self));
      break;

    case PROP_EVENT_NAME:
      g_value_set_boxed (value, psi_competition_get_event_name (self));
      break;

    case PROP_ENTRANT_KIND:
      g_value_set_enum (value, psi_competition_get_entrant_kind (self));
      break;

    case PROP_ENTRANT_COUNT:
      g_value_set_uint (value, psi_competition_get_entrant_count (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_boxed (value, psi_competition_get_description (self));
      break;

    case PROP_AWARD_COUNT:
      g_value_set_uint (value, psi_competition_get_award_count (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_competition_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsiCompetition *self = PSI_COMPETITION (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      psi_competition_set_event_id (self, g_value_get_int64 (value));
      break;

    case PROP_EVENT_NAME:
      psi_competition_set_event_name (self, g_value_get_boxed (value));
      break;

    case PROP_ENTRANT_KIND:
      psi_competition_set_entrant_kind (self, g_value_get_enum (value));
      break;

    case PROP_ENTRANT_COUNT:
      psi_competition_set_entrant_count (self, g_value_get_uint (value));
      break;

    case PROP_DESCRIPTION:
      psi_competition_set_description (self, g_value_get_boxed (value));
      break;

    case PROP_AWARD_COUNT:
      psi_competition_set_award_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_competition_class_init (PsiCompetitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->finalize = psi_competition_finalize;
  object_class->get_property = psi_competition_get_property;
  object_class->set_property = psi_competition_set_property;

  record_class->kind = PSI_RECORD_KIND_COMPETITION;

  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EVENT_NAME] =
    g_param_spec_boxed ("event-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ENTRANT_KIND] =
    g_param_spec_enum ("entrant-kind", NULL, NULL,
                       PSI_TYPE_ENTRANT_KIND, PSI_ENTRANT_KIND_MUNICIPALITY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ENTRANT_COUNT] =
    g_param_spec_uint ("entrant-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DESCRIPTION] =
    g_param_spec_boxed ("description", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AWARD_COUNT] =
    g_param_spec_uint ("award-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_competition_init (PsiCompetition *self)
{
  self->event_name = psi_text_new_empty ();
  self->description = psi_text_new_empty ();
}

PsiCompetition *
psi_competition_new (void)
{
  return g_object_new (PSI_TYPE_COMPETITION, NULL);
}

gint64
psi_competition_get_event_id (PsiCompetition *self)
{
  g_return_val_if_fail (PSI_IS_COMPETITION (self), 0);

  return self->event_id;
}

void
psi_competition_set_event_id (PsiCompetition *self,
                              gint64          event_id)
{
  g_return_if_fail (PSI_IS_COMPETITION (self));
  g_return_if_fail (event_id >= 0);

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_competition_get_event_name (PsiCompetition *self)
{
  g_return_val_if_fail (PSI_IS_COMPETITION (self), NULL);

  return self->event_name;
}

void
psi_competition_set_event_name (PsiCompetition *self,
                                PsiText        *event_name)
{
  g_return_if_fail (PSI_IS_COMPETITION (self));

  if (!_psi_text_set (&self->event_name, event_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_NAME]);
}

PsiEntrantKind
psi_competition_get_entrant_kind (PsiCompetition *self)
{
  g_return_val_if_fail (PSI_IS_COMPETITION (self), 0);

  return self->entrant_kind;
}

void
psi_competition_set_entrant_kind (PsiCompetition *self,
                                  PsiEntrantKind  entrant_kind)
{
  g_return_if_fail (PSI_IS_COMPETITION (self));

  if (self->entrant_kind == entrant_kind)
    return;

  self->entrant_kind = entrant_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRANT_KIND]);
}

guint
psi_competition_get_entrant_count (PsiCompetition *self)
{
  g_return_val_if_fail (PSI_IS_COMPETITION (self), 0);

  return self->entrant_count;
}

void
psi_competition_set_entrant_count (PsiCompetition *self,
                                   guint           entrant_count)
{
  g_return_if_fail (PSI_IS_COMPETITION (self));

  if (self->entrant_count == entrant_count)
    return;

  self->entrant_count = entrant_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRANT_COUNT]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_competition_get_description (PsiCompetition *self)
{
  g_return_val_if_fail (PSI_IS_COMPETITION (self), NULL);

  return self->description;
}

void
psi_competition_set_description (PsiCompetition *self,
                                 PsiText        *description)
{
  g_return_if_fail (PSI_IS_COMPETITION (self));

  if (!_psi_text_set (&self->description, description))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

guint
psi_competition_get_award_count (PsiCompetition *self)
{
  g_return_val_if_fail (PSI_IS_COMPETITION (self), 0);

  return self->award_count;
}

void
psi_competition_set_award_count (PsiCompetition *self,
                                 guint           award_count)
{
  g_return_if_fail (PSI_IS_COMPETITION (self));

  if (self->award_count == award_count)
    return;

  self->award_count = award_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AWARD_COUNT]);
}
