/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-district"

#include "config.h"

#include "psi-district.h"

#include "psi-model-private.h"

struct _PsiDistrict
{
  PsiRecord  parent_instance;

  PsiText   *region_name;
  gint64     region_id;
};

G_DEFINE_FINAL_TYPE (PsiDistrict, psi_district, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_REGION_ID,
  PROP_REGION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_district_finalize (GObject *object)
{
  PsiDistrict *self = PSI_DISTRICT (object);

  g_clear_pointer (&self->region_name, psi_text_unref);

  G_OBJECT_CLASS (psi_district_parent_class)->finalize (object);
}

static void
psi_district_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsiDistrict *self = PSI_DISTRICT (object);

  switch (prop_id)
    {
    case PROP_REGION_ID:
      g_value_set_int64 (value, psi_district_get_region_id (self));
      break;

    case PROP_REGION_NAME:
      g_value_set_boxed (value, psi_district_get_region_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_district_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PsiDistrict *self = PSI_DISTRICT (object);

  switch (prop_id)
    {
    case PROP_REGION_ID:
      psi_district_set_region_id (self, g_value_get_int64 (value));
      break;

    case PROP_REGION_NAME:
      psi_district_set_region_name (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_district_class_init (PsiDistrictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->finalize = psi_district_finalize;
  object_class->get_property = psi_district_get_property;
  object_class->set_property = psi_district_set_property;

  record_class->kind = PSI_RECORD_KIND_DISTRICT;

  properties[PROP_REGION_ID] =
    g_param_spec_int64 ("region-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REGION_NAME] =
    g_param_spec_boxed ("region-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_district_init (PsiDistrict *self)
{
  self->region_name = psi_text_new_empty ();
}

PsiDistrict *
psi_district_new (void)
{
  return g_object_new (PSI_TYPE_DISTRICT, NULL);
}

gint64
psi_district_get_region_id (PsiDistrict *self)
{
  g_return_val_if_fail (PSI_IS_DISTRICT (self), 0);

  return self->region_id;
}

void
psi_district_set_region_id (PsiDistrict *self,
                            gint64       region_id)
{
  g_return_if_fail (PSI_IS_DISTRICT (self));
  g_return_if_fail (region_id >= 0);

  if (self->region_id == region_id)
    return;

  self->region_id = region_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_district_get_region_name (PsiDistrict *self)
{
  g_return_val_if_fail (PSI_IS_DISTRICT (self), NULL);

  return self->region_name;
}

void
psi_district_set_region_name (PsiDistrict *self,
                              PsiText     *region_name)
{
  g_return_if_fail (PSI_IS_DISTRICT (self));

  if (!_psi_text_set (&self->region_name, region_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION_NAME]);
}
