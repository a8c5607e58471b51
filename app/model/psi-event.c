/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-event"

#include "config.h"

#include "psi-event.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"
#include "psi-participant.h"

struct _PsiEvent
{
  PsiRecord     parent_instance;

  char         *date;
  PsiText      *place;
  PsiText      *purpose;
  PsiText      *summary;
  GListStore   *participants;
  PsiEventKind  event_kind;
};

G_DEFINE_FINAL_TYPE (PsiEvent, psi_event, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_EVENT_KIND,
  PROP_DATE,
  PROP_PLACE,
  PROP_PURPOSE,
  PROP_SUMMARY,
  PROP_PARTICIPANTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_event_dispose (GObject *object)
{
  PsiEvent *self = PSI_EVENT (object);

  g_clear_object (&self->participants);

  G_OBJECT_CLASS (psi_event_parent_class)->dispose (object);
}

static void
psi_event_finalize (GObject *object)
{
  PsiEvent *self = PSI_EVENT (object);

  g_clear_pointer (&self->place, psi_text_unref);
  g_clear_pointer (&self->purpose, psi_text_unref);
  g_clear_pointer (&self->summary, psi_text_unref);
  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (psi_event_parent_class)->finalize (object);
}

static void
psi_event_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsiEvent *self = PSI_EVENT (object);

  switch (prop_id)
    {
    case PROP_EVENT_KIND:
      g_value_set_enum (value, psi_event_get_event_kind (self));
      break;

    case PROP_DATE:
      g_value_set_string (value, psi_event_get_date (self));
      break;

    case PROP_PLACE:
      g_value_set_boxed (value, psi_event_get_place (self));
      break;

    case PROP_PURPOSE:
      g_value_set_boxed (value, psi_event_get_purpose (self));
      break;

    case PROP_SUMMARY:
      g_value_set_boxed (value, psi_event_get_summary (self));
      break;

    case PROP_PARTICIPANTS:
      g_value_set_object (value, psi_event_get_participants (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_event_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PsiEvent *self = PSI_EVENT (object);

  switch (prop_id)
    {
    case PROP_EVENT_KIND:
      psi_event_set_event_kind (self, g_value_get_enum (value));
      break;

    case PROP_DATE:
      psi_event_set_date (self, g_value_get_string (value));
      break;

    case PROP_PLACE:
      psi_event_set_place (self, g_value_get_boxed (value));
      break;

    case PROP_PURPOSE:
      psi_event_set_purpose (self, g_value_get_boxed (value));
      break;

    case PROP_SUMMARY:
      psi_event_set_summary (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_event_class_init (PsiEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->dispose = psi_event_dispose;
  object_class->finalize = psi_event_finalize;
  object_class->get_property = psi_event_get_property;
  object_class->set_property = psi_event_set_property;

  record_class->kind = PSI_RECORD_KIND_EVENT;

  properties[PROP_EVENT_KIND] =
    g_param_spec_enum ("event-kind", NULL, NULL,
                       PSI_TYPE_EVENT_KIND, PSI_EVENT_KIND_CONFERENCE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLACE] =
    g_param_spec_boxed ("place", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PURPOSE] =
    g_param_spec_boxed ("purpose", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SUMMARY] =
    g_param_spec_boxed ("summary", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PARTICIPANTS] =
    g_param_spec_object ("participants", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_event_init (PsiEvent *self)
{
  self->place = psi_text_new_empty ();
  self->purpose = psi_text_new_empty ();
  self->summary = psi_text_new_empty ();
  self->participants = g_list_store_new (PSI_TYPE_PARTICIPANT);
}

PsiEvent *
psi_event_new (void)
{
  return g_object_new (PSI_TYPE_EVENT, NULL);
}

PsiEventKind
psi_event_get_event_kind (PsiEvent *self)
{
  g_return_val_if_fail (PSI_IS_EVENT (self), 0);

  return self->event_kind;
}

void
psi_event_set_event_kind (PsiEvent     *self,
                          PsiEventKind  event_kind)
{
  g_return_if_fail (PSI_IS_EVENT (self));

  if (self->event_kind == event_kind)
    return;

  self->event_kind = event_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_KIND]);
}

const char *
psi_event_get_date (PsiEvent *self)
{
  g_return_val_if_fail (PSI_IS_EVENT (self), NULL);

  return self->date;
}

void
psi_event_set_date (PsiEvent   *self,
                    const char *date)
{
  g_return_if_fail (PSI_IS_EVENT (self));

  if (!_psi_str_set (&self->date, date))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_event_get_place (PsiEvent *self)
{
  g_return_val_if_fail (PSI_IS_EVENT (self), NULL);

  return self->place;
}

void
psi_event_set_place (PsiEvent *self,
                     PsiText  *place)
{
  g_return_if_fail (PSI_IS_EVENT (self));

  if (!_psi_text_set (&self->place, place))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_event_get_purpose (PsiEvent *self)
{
  g_return_val_if_fail (PSI_IS_EVENT (self), NULL);

  return self->purpose;
}

void
psi_event_set_purpose (PsiEvent *self,
                       PsiText  *purpose)
{
  g_return_if_fail (PSI_IS_EVENT (self));

  if (!_psi_text_set (&self->purpose, purpose))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURPOSE]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_event_get_summary (PsiEvent *self)
{
  g_return_val_if_fail (PSI_IS_EVENT (self), NULL);

  return self->summary;
}

void
psi_event_set_summary (PsiEvent *self,
                       PsiText  *summary)
{
  g_return_if_fail (PSI_IS_EVENT (self));

  if (!_psi_text_set (&self->summary, summary))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

GListStore *
psi_event_get_participants (PsiEvent *self)
{
  g_return_val_if_fail (PSI_IS_EVENT (self), NULL);

  return self->participants;
}
