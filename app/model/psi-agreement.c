/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-agreement"

#include "config.h"

#include "psi-agreement.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"
#include "psi-participant.h"

struct _PsiAgreement
{
  PsiRecord         parent_instance;

  PsiText          *event_name;
  char             *date;
  PsiText          *note;
  GListStore       *signatories;
  PsiAgreementKind  agreement_kind;
  gint64            event_id;
};

G_DEFINE_FINAL_TYPE (PsiAgreement, psi_agreement, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_AGREEMENT_KIND,
  PROP_EVENT_ID,
  PROP_EVENT_NAME,
  PROP_DATE,
  PROP_NOTE,
  PROP_SIGNATORIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_agreement_dispose (GObject *object)
{
  PsiAgreement *self = PSI_AGREEMENT (object);

  g_clear_object (&self->signatories);

  G_OBJECT_CLASS (psi_agreement_parent_class)->dispose (object);
}

static void
psi_agreement_finalize (GObject *object)
{
  PsiAgreement *self = PSI_AGREEMENT (object);

  g_clear_pointer (&self->event_name, psi_text_unref);
  g_clear_pointer (&self->note, psi_text_unref);
  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (psi_agreement_parent_class)->finalize (object);
}

static void
psi_agreement_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PsiAgreement *self = PSI_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_AGREEMENT_KIND:
      g_value_set_enum (value, psi_agreement_get_agreement_kind (self));
      break;

    case PROP_EVENT_ID:
      g_value_set_int64 (value, psi_agreement_get_event_id (self));
      break;

    case PROP_EVENT_NAME:
      g_value_set_boxed (value, psi_agreement_get_event_name (self));
      break;

    case PROP_DATE:
      g_value_set_string (value, psi_agreement_get_date (self));
      break;

    case PROP_NOTE:
      g_value_set_boxed (value, psi_agreement_get_note (self));
      break;

    case PROP_SIGNATORIES:
      g_value_set_object (value, psi_agreement_get_signatories (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_agreement_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PsiAgreement *self = PSI_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_AGREEMENT_KIND:
      psi_agreement_set_agreement_kind (self, g_value_get_enum (value));
      break;

    case PROP_EVENT_ID:
      psi_agreement_set_event_id (self, g_value_get_int64 (value));
      break;

    case PROP_EVENT_NAME:
      psi_agreement_set_event_name (self, g_value_get_boxed (value));
      break;

    case PROP_DATE:
      psi_agreement_set_date (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      psi_agreement_set_note (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_agreement_class_init (PsiAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->dispose = psi_agreement_dispose;
  object_class->finalize = psi_agreement_finalize;
  object_class->get_property = psi_agreement_get_property;
  object_class->set_property = psi_agreement_set_property;

  record_class->kind = PSI_RECORD_KIND_AGREEMENT;

  properties[PROP_AGREEMENT_KIND] =
    g_param_spec_enum ("agreement-kind", NULL, NULL,
                       PSI_TYPE_AGREEMENT_KIND, PSI_AGREEMENT_KIND_FRAMEWORK,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EVENT_NAME] =
    g_param_spec_boxed ("event-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NOTE] =
    g_param_spec_boxed ("note", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SIGNATORIES] =
    g_param_spec_object ("signatories", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_agreement_init (PsiAgreement *self)
{
  self->event_name = psi_text_new_empty ();
  self->note = psi_text_new_empty ();
  self->signatories = g_list_store_new (PSI_TYPE_PARTICIPANT);
}

PsiAgreement *
psi_agreement_new (void)
{
  return g_object_new (PSI_TYPE_AGREEMENT, NULL);
}

PsiAgreementKind
psi_agreement_get_agreement_kind (PsiAgreement *self)
{
  g_return_val_if_fail (PSI_IS_AGREEMENT (self), 0);

  return self->agreement_kind;
}

void
psi_agreement_set_agreement_kind (PsiAgreement     *self,
                                  PsiAgreementKind  agreement_kind)
{
  g_return_if_fail (PSI_IS_AGREEMENT (self));

  if (self->agreement_kind == agreement_kind)
    return;

  self->agreement_kind = agreement_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGREEMENT_KIND]);
}

gint64
psi_agreement_get_event_id (PsiAgreement *self)
{
  g_return_val_if_fail (PSI_IS_AGREEMENT (self), 0);

  return self->event_id;
}

void
psi_agreement_set_event_id (PsiAgreement *self,
                            gint64        event_id)
{
  g_return_if_fail (PSI_IS_AGREEMENT (self));
  g_return_if_fail (event_id >= 0);

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_agreement_get_event_name (PsiAgreement *self)
{
  g_return_val_if_fail (PSI_IS_AGREEMENT (self), NULL);

  return self->event_name;
}

void
psi_agreement_set_event_name (PsiAgreement *self,
                              PsiText      *event_name)
{
  g_return_if_fail (PSI_IS_AGREEMENT (self));

  if (!_psi_text_set (&self->event_name, event_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_NAME]);
}

const char *
psi_agreement_get_date (PsiAgreement *self)
{
  g_return_val_if_fail (PSI_IS_AGREEMENT (self), NULL);

  return self->date;
}

void
psi_agreement_set_date (PsiAgreement *self,
                        const char   *date)
{
  g_return_if_fail (PSI_IS_AGREEMENT (self));

  if (!_psi_str_set (&self->date, date))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_agreement_get_note (PsiAgreement *self)
{
  g_return_val_if_fail (PSI_IS_AGREEMENT (self), NULL);

  return self->note;
}

void
psi_agreement_set_note (PsiAgreement *self,
                        PsiText      *note)
{
  g_return_if_fail (PSI_IS_AGREEMENT (self));

  if (!_psi_text_set (&self->note, note))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

GListStore *
psi_agreement_get_signatories (PsiAgreement *self)
{
  g_return_val_if_fail (PSI_IS_AGREEMENT (self), NULL);

  return self->signatories;
}
