/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-award"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "psi-award.h"

#include "psi-enum-types.h"
#include "psi-model-error.h"
#include "psi-model-private.h"
#include "psi-prize-item.h"

struct _PsiAward
{
  PsiRecord     parent_instance;

  PsiText      *competition_name;
  PsiText      *recipient_name;
  PsiText      *condition;
  char         *condition_deadline;
  GListStore   *items;
  gint64        competition_id;
  gint64        municipality_id;
  gint64        cluster_id;
  guint         recipient_count;
  guint         place;
  PsiAwardKind  award_kind;
  gint64        grant_kgs;
  guint         certificate : 1;
};

G_DEFINE_FINAL_TYPE (PsiAward, psi_award, PSI_TYPE_RECORD)

enum {
  PROP_0,
  PROP_COMPETITION_ID,
  PROP_COMPETITION_NAME,
  PROP_MUNICIPALITY_ID,
  PROP_CLUSTER_ID,
  PROP_RECIPIENT_NAME,
  PROP_RECIPIENT_COUNT,
  PROP_PLACE,
  PROP_AWARD_KIND,
  PROP_CONDITION,
  PROP_CONDITION_DEADLINE,
  PROP_CERTIFICATE,
  PROP_GRANT_KGS,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
psi_award_dup_title (PsiRecord   *record,
                     PsiLanguage  language)
{
  PsiAward *self = PSI_AWARD (record);
  const char *name;

  name = psi_text_get (self->recipient_name, language, NULL);
  if (name[0] != '\0')
    return g_strdup (name);

  if (self->cluster_id != 0)
    /* Translators: an award to clusters whose names are not known */
    return g_strdup_printf (ngettext ("%u cluster", "%u clusters", self->recipient_count),
                            self->recipient_count);

  if (self->municipality_id != 0)
    /* Translators: an award to municipalities whose names are not known */
    return g_strdup_printf (ngettext ("%u municipality", "%u municipalities",
                                      self->recipient_count),
                            self->recipient_count);

  /* Unnamed recipients, e.g. "20 other municipalities received incentive prizes" */
  name = psi_text_get (psi_record_get_name (record), language, NULL);
  if (name[0] != '\0')
    return g_strdup (name);

  /* Translators: an award shared by recipients the source does not name, e.g. "20 recipients" */
  return g_strdup_printf (ngettext ("%u recipient", "%u recipients", self->recipient_count),
                          self->recipient_count);
}

static gboolean
is_iso_date (const char *str)
{
  guint year, month, day;
  char end;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;

  if (sscanf (str, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}

static void
psi_award_dispose (GObject *object)
{
  PsiAward *self = PSI_AWARD (object);

  g_clear_object (&self->items);

  G_OBJECT_CLASS (psi_award_parent_class)->dispose (object);
}

static void
psi_award_finalize (GObject *object)
{
  PsiAward *self = PSI_AWARD (object);

  g_clear_pointer (&self->competition_name, psi_text_unref);
  g_clear_pointer (&self->recipient_name, psi_text_unref);
  g_clear_pointer (&self->condition, psi_text_unref);
  g_clear_pointer (&self->condition_deadline, g_free);

  G_OBJECT_CLASS (psi_award_parent_class)->finalize (object);
}

static void
psi_award_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsiAward *self = PSI_AWARD (object);

  switch (prop_id)
    {
    case PROP_COMPETITION_ID:
      g_value_set_int64 (value, psi_award_get_competition_id (self));
      break;

    case PROP_COMPETITION_NAME:
      g_value_set_boxed (value, psi_award_get_competition_name (self));
      break;

    case PROP_MUNICIPALITY_ID:
      g_value_set_int64 (value, psi_award_get_municipality_id (self));
      break;

    case PROP_CLUSTER_ID:
      g_value_set_int64 (value, psi_award_get_cluster_id (self));
      break;

    case PROP_RECIPIENT_NAME:
      g_value_set_boxed (value, psi_award_get_recipient_name (self));
      break;

    case PROP_RECIPIENT_COUNT:
      g_value_set_uint (value, psi_award_get_recipient_count (self));
      break;

    case PROP_PLACE:
      g_value_set_uint (value, psi_award_get_place (self));
      break;

    case PROP_AWARD_KIND:
      g_value_set_enum (value, psi_award_get_award_kind (self));
      break;

    case PROP_CONDITION:
      g_value_set_boxed (value, psi_award_get_condition (self));
      break;

    case PROP_CONDITION_DEADLINE:
      g_value_set_string (value, psi_award_get_condition_deadline (self));
      break;

    case PROP_CERTIFICATE:
      g_value_set_boolean (value, psi_award_get_certificate (self));
      break;

    case PROP_GRANT_KGS:
      g_value_set_int64 (value, psi_award_get_grant_kgs (self));
      break;

    case PROP_ITEMS:
      g_value_set_object (value, psi_award_get_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_award_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PsiAward *self = PSI_AWARD (object);

  switch (prop_id)
    {
    case PROP_COMPETITION_ID:
      psi_award_set_competition_id (self, g_value_get_int64 (value));
      break;

    case PROP_COMPETITION_NAME:
      psi_award_set_competition_name (self, g_value_get_boxed (value));
      break;

    case PROP_MUNICIPALITY_ID:
      psi_award_set_municipality_id (self, g_value_get_int64 (value));
      break;

    case PROP_CLUSTER_ID:
      psi_award_set_cluster_id (self, g_value_get_int64 (value));
      break;

    case PROP_RECIPIENT_NAME:
      psi_award_set_recipient_name (self, g_value_get_boxed (value));
      break;

    case PROP_RECIPIENT_COUNT:
      psi_award_set_recipient_count (self, g_value_get_uint (value));
      break;

    case PROP_PLACE:
      psi_award_set_place (self, g_value_get_uint (value));
      break;

    case PROP_AWARD_KIND:
      psi_award_set_award_kind (self, g_value_get_enum (value));
      break;

    case PROP_CONDITION:
      psi_award_set_condition (self, g_value_get_boxed (value));
      break;

    case PROP_CONDITION_DEADLINE:
      psi_award_set_condition_deadline (self, g_value_get_string (value));
      break;

    case PROP_CERTIFICATE:
      psi_award_set_certificate (self, g_value_get_boolean (value));
      break;

    case PROP_GRANT_KGS:
      psi_award_set_grant_kgs (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_award_class_init (PsiAwardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsiRecordClass *record_class = PSI_RECORD_CLASS (klass);

  object_class->dispose = psi_award_dispose;
  object_class->finalize = psi_award_finalize;
  object_class->get_property = psi_award_get_property;
  object_class->set_property = psi_award_set_property;

  record_class->kind = PSI_RECORD_KIND_AWARD;
  record_class->dup_title = psi_award_dup_title;

  properties[PROP_COMPETITION_ID] =
    g_param_spec_int64 ("competition-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COMPETITION_NAME] =
    g_param_spec_boxed ("competition-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MUNICIPALITY_ID] =
    g_param_spec_int64 ("municipality-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLUSTER_ID] =
    g_param_spec_int64 ("cluster-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RECIPIENT_NAME] =
    g_param_spec_boxed ("recipient-name", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RECIPIENT_COUNT] =
    g_param_spec_uint ("recipient-count", NULL, NULL,
                       1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLACE] =
    g_param_spec_uint ("place", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AWARD_KIND] =
    g_param_spec_enum ("award-kind", NULL, NULL,
                       PSI_TYPE_AWARD_KIND, PSI_AWARD_KIND_WINNER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONDITION] =
    g_param_spec_boxed ("condition", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONDITION_DEADLINE] =
    g_param_spec_string ("condition-deadline", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CERTIFICATE] =
    g_param_spec_boolean ("certificate", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_GRANT_KGS] =
    g_param_spec_int64 ("grant-kgs", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_award_init (PsiAward *self)
{
  self->competition_name = psi_text_new_empty ();
  self->recipient_name = psi_text_new_empty ();
  self->recipient_count = 1;
  self->condition = psi_text_new_empty ();
  self->items = g_list_store_new (PSI_TYPE_PRIZE_ITEM);
}

PsiAward *
psi_award_new (void)
{
  return g_object_new (PSI_TYPE_AWARD, NULL);
}

gint64
psi_award_get_competition_id (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->competition_id;
}

void
psi_award_set_competition_id (PsiAward *self,
                              gint64    competition_id)
{
  g_return_if_fail (PSI_IS_AWARD (self));
  g_return_if_fail (competition_id >= 0);

  if (self->competition_id == competition_id)
    return;

  self->competition_id = competition_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPETITION_ID]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_award_get_competition_name (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), NULL);

  return self->competition_name;
}

void
psi_award_set_competition_name (PsiAward *self,
                                PsiText  *competition_name)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (!_psi_text_set (&self->competition_name, competition_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPETITION_NAME]);
}

gint64
psi_award_get_municipality_id (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->municipality_id;
}

void
psi_award_set_municipality_id (PsiAward *self,
                               gint64    municipality_id)
{
  g_return_if_fail (PSI_IS_AWARD (self));
  g_return_if_fail (municipality_id >= 0);

  if (self->municipality_id == municipality_id)
    return;

  self->municipality_id = municipality_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUNICIPALITY_ID]);
  psi_record_notify_title (PSI_RECORD (self));
}

gint64
psi_award_get_cluster_id (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->cluster_id;
}

void
psi_award_set_cluster_id (PsiAward *self,
                          gint64    cluster_id)
{
  g_return_if_fail (PSI_IS_AWARD (self));
  g_return_if_fail (cluster_id >= 0);

  if (self->cluster_id == cluster_id)
    return;

  self->cluster_id = cluster_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER_ID]);
  psi_record_notify_title (PSI_RECORD (self));
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_award_get_recipient_name (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), NULL);

  return self->recipient_name;
}

void
psi_award_set_recipient_name (PsiAward *self,
                              PsiText  *recipient_name)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (!_psi_text_set (&self->recipient_name, recipient_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT_NAME]);
  psi_record_notify_title (PSI_RECORD (self));
}

guint
psi_award_get_recipient_count (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->recipient_count;
}

void
psi_award_set_recipient_count (PsiAward *self,
                               guint     recipient_count)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (self->recipient_count == recipient_count)
    return;

  self->recipient_count = recipient_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT_COUNT]);
  psi_record_notify_title (PSI_RECORD (self));
}

guint
psi_award_get_place (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->place;
}

void
psi_award_set_place (PsiAward *self,
                     guint     place)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (self->place == place)
    return;

  self->place = place;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

PsiAwardKind
psi_award_get_award_kind (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->award_kind;
}

void
psi_award_set_award_kind (PsiAward     *self,
                          PsiAwardKind  award_kind)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (self->award_kind == award_kind)
    return;

  self->award_kind = award_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AWARD_KIND]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_award_get_condition (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), NULL);

  return self->condition;
}

void
psi_award_set_condition (PsiAward *self,
                         PsiText  *condition)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (!_psi_text_set (&self->condition, condition))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONDITION]);
}

const char *
psi_award_get_condition_deadline (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), NULL);

  return self->condition_deadline;
}

void
psi_award_set_condition_deadline (PsiAward   *self,
                                  const char *condition_deadline)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (!_psi_str_set (&self->condition_deadline, condition_deadline))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONDITION_DEADLINE]);
}

gboolean
psi_award_get_certificate (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), FALSE);

  return self->certificate;
}

void
psi_award_set_certificate (PsiAward *self,
                           gboolean  certificate)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  certificate = !!certificate;

  if (self->certificate == certificate)
    return;

  self->certificate = certificate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
}

gint64
psi_award_get_grant_kgs (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), 0);

  return self->grant_kgs;
}

void
psi_award_set_grant_kgs (PsiAward *self,
                         gint64    grant_kgs)
{
  g_return_if_fail (PSI_IS_AWARD (self));

  if (self->grant_kgs == grant_kgs)
    return;

  self->grant_kgs = grant_kgs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRANT_KGS]);
}

GListStore *
psi_award_get_items (PsiAward *self)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), NULL);

  return self->items;
}

gboolean
psi_award_validate (PsiAward  *self,
                    GError   **error)
{
  g_return_val_if_fail (PSI_IS_AWARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->competition_id <= 0)
    {
      g_set_error_literal (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                           _("The award does not belong to any competition."));
      return FALSE;
    }

  if (self->municipality_id != 0 && self->cluster_id != 0)
    {
      g_set_error_literal (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                           _("An award goes to a municipality or to a cluster, not to both."));
      return FALSE;
    }

  if (self->recipient_count < 1)
    {
      g_set_error_literal (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                           _("An award must have at least one recipient."));
      return FALSE;
    }

  if ((self->municipality_id != 0 || self->cluster_id != 0) && self->recipient_count != 1)
    {
      g_set_error (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                   /* Translators: %u is the number of recipients (more than one) */
                   ngettext ("An award to a named municipality or cluster has one recipient, "
                             "not %u.",
                             "An award to a named municipality or cluster has one recipient, "
                             "not %u.",
                             self->recipient_count),
                   self->recipient_count);
      return FALSE;
    }

  if (self->place != 0 && self->award_kind != PSI_AWARD_KIND_WINNER)
    {
      g_set_error (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                   /* Translators: %s is a kind of award, e.g. "Incentive prize" */
                   _("Only winners have a place; an award of the kind “%s” cannot have one."),
                   psi_enum_to_label (PSI_TYPE_AWARD_KIND, self->award_kind));
      return FALSE;
    }

  if (self->award_kind == PSI_AWARD_KIND_CONDITIONAL_WINNER &&
      psi_text_is_empty (self->condition))
    {
      g_set_error_literal (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                           _("A conditional winner needs the condition it must meet."));
      return FALSE;
    }

  if (self->condition_deadline != NULL && !is_iso_date (self->condition_deadline))
    {
      g_set_error (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                   /* Translators: %s is the date as stored; YYYY-MM-DD must stay as it is */
                   _("The condition deadline “%s” is not a date of the form YYYY-MM-DD."),
                   self->condition_deadline);
      return FALSE;
    }

  if (self->grant_kgs < 0)
    {
      g_set_error_literal (error, PSI_MODEL_ERROR, PSI_MODEL_ERROR_INVALID,
                           _("The grant cannot be a negative amount."));
      return FALSE;
    }

  return TRUE;
}
