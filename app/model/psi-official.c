/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-official"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-official.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"

struct _PsiOfficial
{
  PsiRecord    parent_instance;

  PsiText     *municipality_name;
  PsiText     *organisation_name;
  PsiPosition  position;
  gint64       municipality_id;
  gint64       organisation_id;
};

G_DEFINE_FINAL_TYPE (PsiOfficial, psi_official, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_MUNICIPALITY_ID,
  PROP_MUNICIPALITY_NAME,
  PROP_ORGANISATION_ID,
  PROP_ORGANISATION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
psi_official_dup_title (PsiRecord   *record,
                        PsiLanguage  language)
{
  PsiOfficial *self = PSI_OFFICIAL (record);
  const char *name;
  const char *position;
  const char *whose;

  name = psi_text_get (psi_record_get_name (record), language, NULL);
  if (name[0] != '\0')
    return g_strdup (name);

  position = psi_enum_to_label (PSI_TYPE_POSITION, self->position);

  whose = psi_text_get (self->municipality_name, language, NULL);
  if (whose[0] == '\0')
    whose = psi_text_get (self->organisation_name, language, NULL);
  if (whose[0] == '\0')
    return g_strdup (position);

  /* Translators: what is shown for an official whose name is not known: the position, then
   * the municipality or organisation it belongs to, e.g. "Project Manager (Helvetas)" */
  return g_strdup_printf (C_("official title", "%s (%s)"), position, whose);
}

static void
psi_official_finalize (GObject *object)
{
  PsiOfficial *self = PSI_OFFICIAL (object);

  g_clear_pointer (&self->municipality_name, psi_text_unref);
  g_clear_pointer (&self->organisation_name, psi_text_unref);

  G_OBJECT_CLASS (psi_official_parent_class)->finalize (object);
}

static void
psi_official_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsiOfficial *self = PSI_OFFICIAL (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_enum (value, psi_official_get_position (self));
      break;

    case PROP_MUNICIPALITY_ID:
      g_value_set_int64 (value, psi_official_get_municipality_id (self));
      break;

    case PROP_MUNICIPALITY_NAME:
      g_value_set_boxed (value, psi_official_get_municipality_name (self));
      break;

    case PROP_ORGANISATION_ID:
      g_value_set_int64 (value, psi_official_get_organisation_id (self));
      break;

    case PROP_ORGANISATION_NAME:
      g_value_set_boxed (value, psi_official_get_organisation_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_official_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PsiOfficial *self = PSI_OFFICIAL (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      psi_official_set_position (self, g_value_get_enum (value));
      break;

    case PROP_MUNICIPALITY_ID:
      psi_official_set_municipality_id (self, g_value_get_int64 (value));
      break;

    case PROP_MUNICIPALITY_NAME:
      psi_official_set_municipality_name (self, g_value_get_boxed (value));
      break;

    case PROP_ORGANISATION_ID:
      psi_official_set_organisation_id (self, g_value_get_int64 (value));
      break;

    case PROP_ORGANISATION_NAME:
      psi_official_set_organisation_name (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_official_class_init (PsiOfficialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->finalize = psi_official_finalize;
  object_class->get_property = psi_official_get_property;
  object_class->set_property = psi_official_set_property;

  record_class->kind = PSI_RECORD_KIND_OFFICIAL;
  record_class->dup_title = psi_official_dup_title;

  properties[PROP_POSITION] =
    g_param_spec_enum ("position", NULL, NULL,
                       PSI_TYPE_POSITION, PSI_POSITION_HEAD_OF_AO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MUNICIPALITY_ID] =
    g_param_spec_int64 ("municipality-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MUNICIPALITY_NAME] =
    g_param_spec_boxed ("municipality-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORGANISATION_ID] =
    g_param_spec_int64 ("organisation-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORGANISATION_NAME] =
    g_param_spec_boxed ("organisation-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_official_init (PsiOfficial *self)
{
  self->municipality_name = psi_text_new_empty ();
  self->organisation_name = psi_text_new_empty ();
}

PsiOfficial *
psi_official_new (void)
{
  return g_object_new (PSI_TYPE_OFFICIAL, NULL);
}

PsiPosition
psi_official_get_position (PsiOfficial *self)
{
  g_return_val_if_fail (PSI_IS_OFFICIAL (self), 0);

  return self->position;
}

void
psi_official_set_position (PsiOfficial *self,
                           PsiPosition  position)
{
  g_return_if_fail (PSI_IS_OFFICIAL (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  psi_record_notify_title (PSI_RECORD (self));
}

gint64
psi_official_get_municipality_id (PsiOfficial *self)
{
  g_return_val_if_fail (PSI_IS_OFFICIAL (self), 0);

  return self->municipality_id;
}

void
psi_official_set_municipality_id (PsiOfficial *self,
                                  gint64       municipality_id)
{
  g_return_if_fail (PSI_IS_OFFICIAL (self));
  g_return_if_fail (municipality_id >= 0);

  if (self->municipality_id == municipality_id)
    return;

  self->municipality_id = municipality_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUNICIPALITY_ID]);
  psi_record_notify_title (PSI_RECORD (self));
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_official_get_municipality_name (PsiOfficial *self)
{
  g_return_val_if_fail (PSI_IS_OFFICIAL (self), NULL);

  return self->municipality_name;
}

void
psi_official_set_municipality_name (PsiOfficial *self,
                                    PsiText     *municipality_name)
{
  g_return_if_fail (PSI_IS_OFFICIAL (self));

  if (!_psi_text_set (&self->municipality_name, municipality_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUNICIPALITY_NAME]);
  psi_record_notify_title (PSI_RECORD (self));
}

gint64
psi_official_get_organisation_id (PsiOfficial *self)
{
  g_return_val_if_fail (PSI_IS_OFFICIAL (self), 0);

  return self->organisation_id;
}

void
psi_official_set_organisation_id (PsiOfficial *self,
                                  gint64       organisation_id)
{
  g_return_if_fail (PSI_IS_OFFICIAL (self));
  g_return_if_fail (organisation_id >= 0);

  if (self->organisation_id == organisation_id)
    return;

  self->organisation_id = organisation_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION_ID]);
  psi_record_notify_title (PSI_RECORD (self));
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_official_get_organisation_name (PsiOfficial *self)
{
  g_return_val_if_fail (PSI_IS_OFFICIAL (self), NULL);

  return self->organisation_name;
}

void
psi_official_set_organisation_name (PsiOfficial *self,
                                    PsiText     *organisation_name)
{
  g_return_if_fail (PSI_IS_OFFICIAL (self));

  if (!_psi_text_set (&self->organisation_name, organisation_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION_NAME]);
  psi_record_notify_title (PSI_RECORD (self));
}
