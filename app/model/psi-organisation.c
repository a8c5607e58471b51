/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-organisation"

#include "config.h"

#include "psi-organisation.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"

struct _PsiOrganisation
{
  PsiRecord            parent_instance;

  PsiText             *abbreviation;
  char                *website;
  PsiOrganisationRole  role;
};

G_DEFINE_FINAL_TYPE (PsiOrganisation, psi_organisation, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_ABBREVIATION,
  PROP_WEBSITE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_organisation_finalize (GObject *object)
{
  PsiOrganisation *self = PSI_ORGANISATION (object);

  g_clear_pointer (&self->abbreviation, psi_text_unref);
  g_clear_pointer (&self->website, g_free);

  G_OBJECT_CLASS (psi_organisation_parent_class)->finalize (object);
}

static void
psi_organisation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsiOrganisation *self = PSI_ORGANISATION (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_enum (value, psi_organisation_get_role (self));
      break;

    case PROP_ABBREVIATION:
      g_value_set_boxed (value, psi_organisation_get_abbreviation (self));
      break;

    case PROP_WEBSITE:
      g_value_set_string (value, psi_organisation_get_website (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_organisation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsiOrganisation *self = PSI_ORGANISATION (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      psi_organisation_set_role (self, g_value_get_enum (value));
      break;

    case PROP_ABBREVIATION:
      psi_organisation_set_abbreviation (self, g_value_get_boxed (value));
      break;

    case PROP_WEBSITE:
      psi_organisation_set_website (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_organisation_class_init (PsiOrganisationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->finalize = psi_organisation_finalize;
  object_class->get_property = psi_organisation_get_property;
  object_class->set_property = psi_organisation_set_property;

  record_class->kind = PSI_RECORD_KIND_ORGANISATION;

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       PSI_TYPE_ORGANISATION_ROLE, PSI_ORGANISATION_ROLE_DONOR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ABBREVIATION] =
    g_param_spec_boxed ("abbreviation", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_organisation_init (PsiOrganisation *self)
{
  self->abbreviation = psi_text_new_empty ();
}

PsiOrganisation *
psi_organisation_new (void)
{
  return g_object_new (PSI_TYPE_ORGANISATION, NULL);
}

PsiOrganisationRole
psi_organisation_get_role (PsiOrganisation *self)
{
  g_return_val_if_fail (PSI_IS_ORGANISATION (self), 0);

  return self->role;
}

void
psi_organisation_set_role (PsiOrganisation     *self,
                           PsiOrganisationRole  role)
{
  g_return_if_fail (PSI_IS_ORGANISATION (self));

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_organisation_get_abbreviation (PsiOrganisation *self)
{
  g_return_val_if_fail (PSI_IS_ORGANISATION (self), NULL);

  return self->abbreviation;
}

void
psi_organisation_set_abbreviation (PsiOrganisation *self,
                                   PsiText         *abbreviation)
{
  g_return_if_fail (PSI_IS_ORGANISATION (self));

  if (!_psi_text_set (&self->abbreviation, abbreviation))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABBREVIATION]);
}

const char *
psi_organisation_get_website (PsiOrganisation *self)
{
  g_return_val_if_fail (PSI_IS_ORGANISATION (self), NULL);

  return self->website;
}

void
psi_organisation_set_website (PsiOrganisation *self,
                              const char      *website)
{
  g_return_if_fail (PSI_IS_ORGANISATION (self));

  if (!_psi_str_set (&self->website, website))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBSITE]);
}
