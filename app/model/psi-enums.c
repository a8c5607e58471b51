/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-enums"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-enums.h"

#include "psi-enum-types.h"

/* Labels are kept untranslated and translated when asked for, so that they follow the
 * interface language when it changes while the application runs. */
typedef struct
{
  const char *context;  /* msgctxt, or NULL */
  const char *msgid;
} Label;

static const Label language_labels[] = {
  [PSI_LANGUAGE_EN] = { NULL, N_ ("English") },
  [PSI_LANGUAGE_RU] = { NULL, N_ ("Russian") },
  [PSI_LANGUAGE_KY] = { NULL, N_ ("Kyrgyz") },
};

static const Label record_kind_labels[] = {
  /* Translators: a kind of record, singular */
  [PSI_RECORD_KIND_ORGANISATION] = { "record kind", NC_ ("record kind", "Organisation") },
  /* Translators: a kind of record (an oblast), singular */
  [PSI_RECORD_KIND_REGION]       = { "record kind", NC_ ("record kind", "Region") },
  /* Translators: a kind of record (a rayon), singular */
  [PSI_RECORD_KIND_DISTRICT]     = { "record kind", NC_ ("record kind", "District") },
  /* Translators: a kind of record, singular */
  [PSI_RECORD_KIND_MUNICIPALITY] = { "record kind", NC_ ("record kind", "Municipality") },
  /* Translators: a kind of record (a person holding a position), singular */
  [PSI_RECORD_KIND_OFFICIAL]     = { "record kind", NC_ ("record kind", "Official") },
  /* Translators: a kind of record (a cluster of municipalities), singular */
  [PSI_RECORD_KIND_CLUSTER]      = { "record kind", NC_ ("record kind", "Cluster") },
  /* Translators: a kind of record (a conference, meeting…), singular */
  [PSI_RECORD_KIND_EVENT]        = { "record kind", NC_ ("record kind", "Event") },
  /* Translators: a kind of record, singular */
  [PSI_RECORD_KIND_COMPETITION]  = { "record kind", NC_ ("record kind", "Competition") },
  /* Translators: a kind of record (a prize given in a competition), singular */
  [PSI_RECORD_KIND_AWARD]        = { "record kind", NC_ ("record kind", "Award") },
  /* Translators: a kind of record (a signed agreement), singular */
  [PSI_RECORD_KIND_AGREEMENT]    = { "record kind", NC_ ("record kind", "Agreement") },
};

static const Label organisation_role_labels[] = {
  /* Translators: role of an organisation: it funds the project */
  [PSI_ORGANISATION_ROLE_DONOR]       = { NULL, N_ ("Donor") },
  /* Translators: role of an organisation: it carries out the project */
  [PSI_ORGANISATION_ROLE_IMPLEMENTER] = { NULL, N_ ("Implementing organisation") },
  /* Translators: role of an organisation */
  [PSI_ORGANISATION_ROLE_GOVERNMENT]  = { NULL, N_ ("Government body") },
  /* Translators: role of an organisation */
  [PSI_ORGANISATION_ROLE_PARTNER]     = { "role", NC_ ("role", "Partner") },
};

static const Label municipality_kind_labels[] = {
  [PSI_MUNICIPALITY_KIND_RURAL] = { NULL, N_ ("Rural municipality (ayil aimak)") },
  /* Translators: a kind of municipality (a town, as opposed to a rural municipality) */
  [PSI_MUNICIPALITY_KIND_TOWN]  = { "municipality kind", NC_ ("municipality kind", "Town") },
};

static const Label position_labels[] = {
  /* Translators: head of the rural executive (ayil okmotu, АО / АӨ) */
  [PSI_POSITION_HEAD_OF_AO]        = { NULL, N_ ("Head of ayil okmotu") },
  /* Translators: chairperson of the rural council (ayil kenesh) */
  [PSI_POSITION_COUNCIL_CHAIR]     = { NULL, N_ ("Chairperson of the rural council") },
  /* Translators: a position: the mayor of a town */
  [PSI_POSITION_MAYOR]             = { "position", NC_ ("position", "Mayor") },
  /* Translators: a position: the manager of the PSI project */
  [PSI_POSITION_PROJECT_MANAGER]   = { NULL, N_ ("Project Manager") },
  /* Translators: a position: someone representing an organisation */
  [PSI_POSITION_REPRESENTATIVE]    = { "position", NC_ ("position", "Representative") },
  /* Translators: a position not in the list */
  [PSI_POSITION_OTHER]             = { "position", NC_ ("position", "Other") },
};

static const Label event_kind_labels[] = {
  /* Translators: a kind of event */
  [PSI_EVENT_KIND_CONFERENCE] = { "event kind", NC_ ("event kind", "Conference") },
  /* Translators: a kind of event */
  [PSI_EVENT_KIND_MEETING]    = { "event kind", NC_ ("event kind", "Meeting") },
  /* Translators: a kind of event (a course, noun) */
  [PSI_EVENT_KIND_TRAINING]   = { "event kind", NC_ ("event kind", "Training") },
};

static const Label entrant_kind_labels[] = {
  /* Translators: who takes part in a competition, plural */
  [PSI_ENTRANT_KIND_MUNICIPALITY] = { "entrant kind", NC_ ("entrant kind", "Municipalities") },
  /* Translators: who takes part in a competition (clusters of municipalities), plural */
  [PSI_ENTRANT_KIND_CLUSTER]      = { "entrant kind", NC_ ("entrant kind", "Clusters") },
};

static const Label award_kind_labels[] = {
  /* Translators: a kind of award: the winner of a competition */
  [PSI_AWARD_KIND_WINNER]             = { "award kind", NC_ ("award kind", "Winner") },
  /* Translators: a kind of award: won on condition of changing the plan */
  [PSI_AWARD_KIND_CONDITIONAL_WINNER] = { "award kind", NC_ ("award kind", "Conditional winner") },
  /* Translators: a kind of award */
  [PSI_AWARD_KIND_INCENTIVE_PRIZE]    = { "award kind", NC_ ("award kind", "Incentive prize") },
};

static const Label item_kind_labels[] = {
  /* Translators: an in-kind prize (laptop computers), plural */
  [PSI_ITEM_KIND_LAPTOP]  = { "prize item kind", NC_ ("prize item kind", "Laptops") },
  /* Translators: an in-kind prize, plural */
  [PSI_ITEM_KIND_PRINTER] = { "prize item kind", NC_ ("prize item kind", "Printers") },
  /* Translators: an in-kind prize not in the list */
  [PSI_ITEM_KIND_OTHER]   = { "prize item kind", NC_ ("prize item kind", "Other equipment") },
};

static const Label agreement_kind_labels[] = {
  /* Translators: a kind of agreement */
  [PSI_AGREEMENT_KIND_FRAMEWORK] = { "agreement", NC_ ("agreement", "Framework agreement") },
  /* Translators: a kind of agreement not in the list */
  [PSI_AGREEMENT_KIND_OTHER]     = { "agreement", NC_ ("agreement", "Other agreement") },
};

typedef struct
{
  GType        (*get_type) (void);
  const Label   *labels;
  guint          n_labels;
} LabelTable;

#define TABLE(get_type, labels) { get_type, labels, G_N_ELEMENTS (labels) }

static const LabelTable label_tables[] = {
  TABLE (psi_language_get_type, language_labels),
  TABLE (psi_record_kind_get_type, record_kind_labels),
  TABLE (psi_organisation_role_get_type, organisation_role_labels),
  TABLE (psi_municipality_kind_get_type, municipality_kind_labels),
  TABLE (psi_position_get_type, position_labels),
  TABLE (psi_event_kind_get_type, event_kind_labels),
  TABLE (psi_entrant_kind_get_type, entrant_kind_labels),
  TABLE (psi_award_kind_get_type, award_kind_labels),
  TABLE (psi_item_kind_get_type, item_kind_labels),
  TABLE (psi_agreement_kind_get_type, agreement_kind_labels),
};

#undef TABLE

static GEnumClass *
get_enum_class (GType enum_type)
{
  GEnumClass *enum_class;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  /* Classes of static types are never finalised: keep the first reference for good. */
  enum_class = g_type_class_peek (enum_type);
  if (enum_class == NULL)
    enum_class = g_type_class_ref (enum_type);

  return enum_class;
}

const char *
psi_enum_to_nick (GType enum_type,
                  int   value)
{
  GEnumClass *enum_class = get_enum_class (enum_type);
  GEnumValue *enum_value;

  if (enum_class == NULL)
    return NULL;

  enum_value = g_enum_get_value (enum_class, value);
  g_return_val_if_fail (enum_value != NULL, NULL);

  return enum_value->value_nick;
}

gboolean
psi_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  GEnumClass *enum_class = get_enum_class (enum_type);
  GEnumValue *enum_value;

  g_return_val_if_fail (value != NULL, FALSE);

  if (enum_class == NULL || nick == NULL)
    return FALSE;

  enum_value = g_enum_get_value_by_nick (enum_class, nick);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;

  return TRUE;
}

const char *
psi_enum_to_label (GType enum_type,
                   int   value)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_tables); i++)
    {
      const LabelTable *table = &label_tables[i];
      const Label *label;

      if (table->get_type () != enum_type)
        continue;

      g_return_val_if_fail (value >= 0 && (guint) value < table->n_labels, "");

      label = &table->labels[value];
      if (label->context != NULL)
        return g_dpgettext2 (NULL, label->context, label->msgid);

      return gettext (label->msgid);
    }

  g_return_val_if_reached ("");
}
