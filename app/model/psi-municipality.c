/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-municipality"

#include "config.h"

#include "psi-municipality.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"

struct _PsiMunicipality
{
  PsiRecord            parent_instance;

  PsiText             *region_name;
  PsiText             *district_name;
  PsiMunicipalityKind  municipality_kind;
  gint64               region_id;
  gint64               district_id;
  guint                pilot : 1;
};

G_DEFINE_FINAL_TYPE (PsiMunicipality, psi_municipality, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MUNICIPALITY_KIND,
  PROP_REGION_ID,
  PROP_REGION_NAME,
  PROP_DISTRICT_ID,
  PROP_DISTRICT_NAME,
  PROP_PILOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_municipality_finalize (GObject *object)
{
  PsiMunicipality *self = PSI_MUNICIPALITY (object);

  g_clear_pointer (&self->region_name, psi_text_unref);
  g_clear_pointer (&self->district_name, psi_text_unref);

  G_OBJECT_CLASS (psi_municipality_parent_class)->finalize (object);
}

static void
psi_municipality_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsiMunicipality *self = PSI_MUNICIPALITY (object);

  switch (prop_id)
    {
    case PROP_MUNICIPALITY_KIND:
      g_value_set_enum (value, psi_municipality_get_municipality_kind (self));
      break;

    case PROP_REGION_ID:
      g_value_set_int64 (value, psi_municipality_get_region_id (self));
      break;

    case PROP_REGION_NAME:
      g_value_set_boxed (value, psi_municipality_get_region_name (self));
      break;

    case PROP_DISTRICT_ID:
      g_value_set_int64 (value, psi_municipality_get_district_id (self));
      break;

    case PROP_DISTRICT_NAME:
      g_value_set_boxed (value, psi_municipality_get_district_name (self));
      break;

    case PROP_PILOT:
      g_value_set_boolean (value, psi_municipality_get_pilot (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_municipality_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsiMunicipality *self = PSI_MUNICIPALITY (object);

  switch (prop_id)
    {
    case PROP_MUNICIPALITY_KIND:
      psi_municipality_set_municipality_kind (self, g_value_get_enum (value));
      break;

    case PROP_REGION_ID:
      psi_municipality_set_region_id (self, g_value_get_int64 (value));
      break;

    case PROP_REGION_NAME:
      psi_municipality_set_region_name (self, g_value_get_boxed (value));
      break;

    case PROP_DISTRICT_ID:
      psi_municipality_set_district_id (self, g_value_get_int64 (value));
      break;

    case PROP_DISTRICT_NAME:
      psi_municipality_set_district_name (self, g_value_get_boxed (value));
      break;

    case PROP_PILOT:
      psi_municipality_set_pilot (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_municipality_class_init (PsiMunicipalityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->finalize = psi_municipality_finalize;
  object_class->get_property = psi_municipality_get_property;
  object_class->set_property = psi_municipality_set_property;

  record_class->kind = PSI_RECORD_KIND_MUNICIPALITY;

  properties[PROP_MUNICIPALITY_KIND] =
    g_param_spec_enum ("municipality-kind", NULL, NULL,
                       PSI_TYPE_MUNICIPALITY_KIND, PSI_MUNICIPALITY_KIND_RURAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REGION_ID] =
    g_param_spec_int64 ("region-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REGION_NAME] =
    g_param_spec_boxed ("region-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DISTRICT_ID] =
    g_param_spec_int64 ("district-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DISTRICT_NAME] =
    g_param_spec_boxed ("district-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PILOT] =
    g_param_spec_boolean ("pilot", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_municipality_init (PsiMunicipality *self)
{
  self->region_name = psi_text_new_empty ();
  self->district_name = psi_text_new_empty ();
}

PsiMunicipality *
psi_municipality_new (void)
{
  return g_object_new (PSI_TYPE_MUNICIPALITY, NULL);
}

PsiMunicipalityKind
psi_municipality_get_municipality_kind (PsiMunicipality *self)
{
  g_return_val_if_fail (PSI_IS_MUNICIPALITY (self), 0);

  return self->municipality_kind;
}

void
psi_municipality_set_municipality_kind (PsiMunicipality     *self,
                                        PsiMunicipalityKind  municipality_kind)
{
  g_return_if_fail (PSI_IS_MUNICIPALITY (self));

  if (self->municipality_kind == municipality_kind)
    return;

  self->municipality_kind = municipality_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUNICIPALITY_KIND]);
}

gint64
psi_municipality_get_region_id (PsiMunicipality *self)
{
  g_return_val_if_fail (PSI_IS_MUNICIPALITY (self), 0);

  return self->region_id;
}

void
psi_municipality_set_region_id (PsiMunicipality *self,
                                gint64           region_id)
{
  g_return_if_fail (PSI_IS_MUNICIPALITY (self));
  g_return_if_fail (region_id >= 0);

  if (self->region_id == region_id)
    return;

  self->region_id = region_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_municipality_get_region_name (PsiMunicipality *self)
{
  g_return_val_if_fail (PSI_IS_MUNICIPALITY (self), NULL);

  return self->region_name;
}

void
psi_municipality_set_region_name (PsiMunicipality *self,
                                  PsiText         *region_name)
{
  g_return_if_fail (PSI_IS_MUNICIPALITY (self));

  if (!_psi_text_set (&self->region_name, region_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION_NAME]);
}

gint64
psi_municipality_get_district_id (PsiMunicipality *self)
{
  g_return_val_if_fail (PSI_IS_MUNICIPALITY (self), 0);

  return self->district_id;
}

void
psi_municipality_set_district_id (PsiMunicipality *self,
                                  gint64           district_id)
{
  g_return_if_fail (PSI_IS_MUNICIPALITY (self));
  g_return_if_fail (district_id >= 0);

  if (self->district_id == district_id)
    return;

  self->district_id = district_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_municipality_get_district_name (PsiMunicipality *self)
{
  g_return_val_if_fail (PSI_IS_MUNICIPALITY (self), NULL);

  return self->district_name;
}

void
psi_municipality_set_district_name (PsiMunicipality *self,
                                    PsiText         *district_name)
{
  g_return_if_fail (PSI_IS_MUNICIPALITY (self));

  if (!_psi_text_set (&self->district_name, district_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT_NAME]);
}

gboolean
psi_municipality_get_pilot (PsiMunicipality *self)
{
  g_return_val_if_fail (PSI_IS_MUNICIPALITY (self), FALSE);

  return self->pilot;
}

void
psi_municipality_set_pilot (PsiMunicipality *self,
                            gboolean         pilot)
{
  g_return_if_fail (PSI_IS_MUNICIPALITY (self));

  pilot = !!pilot;

  if (self->pilot == pilot)
    return;

  self->pilot = pilot;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PILOT]);
}
