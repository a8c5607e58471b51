/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-detail-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psi-detail-pane.h"

#include "psi-format.h"

struct _PsiDetailPane
{
  GtkWidget   parent_instance;

  PsiStore   *store;
  PsiRecord  *record;
  GListModel *related[PSI_N_RECORD_KINDS];
  int         n_field_rows;

  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkLabel   *title_fallback;
  GtkLabel   *kind_label;
  GtkGrid    *fields_grid;
  GtkBox     *groups_box;
  GtkLabel   *error_label;
};

G_DEFINE_FINAL_TYPE (PsiDetailPane, psi_detail_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Groups of linked records asked from psi_store_list_related (), in the order shown. */
static const struct {
  PsiRecordKind kind;
  PsiRecordKind related;
  const char   *title;
} related_groups[] = {
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_CLUSTER,      N_("Clusters") },
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_AWARD,        N_("Awards") },
  { PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_OFFICIAL,     N_("Officials") },
  /* Translators: the municipalities that belong to a cluster */
  { PSI_RECORD_KIND_CLUSTER,      PSI_RECORD_KIND_MUNICIPALITY, N_("Members") },
  { PSI_RECORD_KIND_CLUSTER,      PSI_RECORD_KIND_AWARD,        N_("Awards") },
  { PSI_RECORD_KIND_EVENT,        PSI_RECORD_KIND_COMPETITION,  N_("Competitions") },
  { PSI_RECORD_KIND_EVENT,        PSI_RECORD_KIND_AGREEMENT,    N_("Agreements") },
  { PSI_RECORD_KIND_COMPETITION,  PSI_RECORD_KIND_AWARD,        N_("Awards") },
  { PSI_RECORD_KIND_ORGANISATION, PSI_RECORD_KIND_OFFICIAL,     N_("Officials") },
  { PSI_RECORD_KIND_REGION,       PSI_RECORD_KIND_MUNICIPALITY, N_("Municipalities") },
};

static gboolean
kind_has_section (PsiRecordKind kind)
{
  return kind != PSI_RECORD_KIND_REGION && kind != PSI_RECORD_KIND_DISTRICT;
}

static void
open_record (PsiDetailPane *self,
             PsiRecordKind  kind,
             gint64         id)
{
  g_assert (PSI_IS_DETAIL_PANE (self));

  if (id > 0 && kind_has_section (kind))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ix)", (int) kind, id);
}

static gboolean
link_activated_cb (PsiDetailPane *self,
                   const char    *uri,
                   GtkLabel      *label)
{
  g_auto(GStrv) parts = NULL;
  int kind;
  gint64 id;

  g_assert (PSI_IS_DETAIL_PANE (self));

  if (!g_str_has_prefix (uri, "psi-record:"))
    return FALSE;   /* a web site: let GTK open it */

  parts = g_strsplit (uri + strlen ("psi-record:"), "/", 2);
  if (g_strv_length (parts) != 2 ||
      !psi_enum_from_nick (PSI_TYPE_RECORD_KIND, parts[0], &kind))
    return TRUE;

  id = g_ascii_strtoll (parts[1], NULL, 10);
  open_record (self, kind, id);
  return TRUE;
}

static void
row_activated_cb (PsiDetailPane *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  PsiRecordKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "psi-kind"));
  gint64 *id = g_object_get_data (G_OBJECT (row), "psi-id");

  g_assert (PSI_IS_DETAIL_PANE (self));

  if (id != NULL)
    open_record (self, kind, *id);
}

static void
clear_content (PsiDetailPane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  for (guint i = 0; i < PSI_N_RECORD_KINDS; i++)
    g_clear_object (&self->related[i]);

  self->n_field_rows = 0;
}

static GtkWidget *
field_name_label (const char *name)
{
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "field-name");
  return label;
}

static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static void
add_row (PsiDetailPane *self,
         const char    *name,
         GtkWidget     *value)
{
  if (name != NULL)
    gtk_grid_attach (self->fields_grid, field_name_label (name), 0, self->n_field_rows, 1, 1);
  gtk_grid_attach (self->fields_grid, value, 1, self->n_field_rows, 1, 1);
  self->n_field_rows++;
}

static void
add_field (PsiDetailPane *self,
           const char    *name,
           const char    *value)
{
  if (value == NULL || *value == '\0')
    return;

  add_row (self, name, value_label (value));
}

static void
add_field_take (PsiDetailPane *self,
                const char    *name,
                char          *value)
{
  add_field (self, name, value);
  g_free (value);
}

/* One row per language present, each with a language tag. */
static void
add_text_field (PsiDetailPane *self,
                const char    *name,
                PsiText       *text)
{
  /* The language of the interface first, then its fallbacks. */
  const PsiLanguage *order = psi_language_get_fallbacks (psi_language_get_current ());
  gboolean first = TRUE;

  if (text == NULL)
    return;

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      const char *value = psi_text_get_exact (text, order[i]);
      const char *code = psi_language_to_code (order[i]);
      g_autofree char *tag_text = NULL;
      g_autoptr(PangoAttrList) attrs = NULL;
      GtkWidget *box, *tag, *label;

      if (value == NULL || *value == '\0')
        continue;

      tag_text = g_ascii_strup (code, -1);
      tag = gtk_label_new (tag_text);
      gtk_widget_set_valign (tag, GTK_ALIGN_START);
      gtk_widget_add_css_class (tag, "language-tag");

      label = value_label (value);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (code)));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), tag);
      gtk_box_append (GTK_BOX (box), label);

      add_row (self, first ? name : NULL, box);
      first = FALSE;
    }
}

static void
add_link_field (PsiDetailPane *self,
                const char    *name,
                PsiRecordKind  kind,
                gint64         id,
                PsiText       *target_name)
{
  const char *text = psi_text_get_current (target_name);
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (id <= 0)
    return;

  if (*text == '\0')
    /* Translators: stands for a linked record whose name is not known */
    text = _("(unnamed)");

  if (!kind_has_section (kind))
    {
      add_field (self, name, text);
      return;
    }

  markup = g_markup_printf_escaped ("<a href=\"psi-record:%s/%" G_GINT64_FORMAT "\">%s</a>",
                                    psi_enum_to_nick (PSI_TYPE_RECORD_KIND, kind), id, text);
  label = value_label (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  g_signal_connect_object (label, "activate-link",
                           G_CALLBACK (link_activated_cb), self, G_CONNECT_SWAPPED);
  add_row (self, name, label);
}

static GtkWidget *
add_group (PsiDetailPane *self,
           const char    *title)
{
  GtkWidget *heading, *list_box;

  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (self->groups_box, heading);

  list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list_box, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list_box),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);
  g_signal_connect_object (list_box, "row-activated",
                           G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->groups_box, list_box);

  return list_box;
}

static void
add_group_row (GtkWidget     *list_box,
               const char    *text,
               PsiRecordKind  kind,
               gint64         id)
{
  GtkWidget *row, *box, *label;

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (id > 0 && kind_has_section (kind))
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_box_append (GTK_BOX (box), arrow);
      g_object_set_data (G_OBJECT (row), "psi-kind", GINT_TO_POINTER (kind));
      g_object_set_data_full (G_OBJECT (row), "psi-id", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_list_box_append (GTK_LIST_BOX (list_box), row);
}

static void
add_participants_group (PsiDetailPane *self,
                        const char    *title,
                        GListModel    *participants)
{
  GtkWidget *list_box;
  guint n;

  if (participants == NULL || (n = g_list_model_get_n_items (participants)) == 0)
    return;

  list_box = add_group (self, title);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiParticipant) participant = g_list_model_get_item (participants, i);
      g_autofree char *description = psi_participant_dup_description (participant);
      gint64 official_id = psi_participant_get_official_id (participant);
      gint64 organisation_id = psi_participant_get_organisation_id (participant);

      if (official_id > 0)
        add_group_row (list_box, description, PSI_RECORD_KIND_OFFICIAL, official_id);
      else
        add_group_row (list_box, description, PSI_RECORD_KIND_ORGANISATION, organisation_id);
    }
}

static void
add_related_groups (PsiDetailPane *self)
{
  PsiRecordKind kind = psi_record_get_kind (self->record);

  for (guint i = 0; i < G_N_ELEMENTS (related_groups); i++)
    {
      g_autoptr(GListModel) related = NULL;
      g_autoptr(GError) error = NULL;
      GtkWidget *list_box;
      guint n;

      if (related_groups[i].kind != kind)
        continue;

      related = psi_store_list_related (self->store, self->record,
                                        related_groups[i].related, &error);
      if (related == NULL)
        {
          g_warning ("Cannot list the records linked to %" G_GINT64_FORMAT ": %s",
                     psi_record_get_id (self->record), error->message);
          continue;
        }

      g_set_object (&self->related[related_groups[i].related], related);

      n = g_list_model_get_n_items (related);
      if (n == 0)
        continue;

      list_box = add_group (self, _(related_groups[i].title));
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(PsiRecord) record = g_list_model_get_item (related, j);
          g_autofree char *summary = psi_format_record_summary (record);

          add_group_row (list_box, summary, psi_record_get_kind (record),
                         psi_record_get_id (record));
        }
    }
}

/* The text the title of a record comes from (PsiRecord:title): an award's recipient, else its
 * own name, as psi_award's title and the lists' sort key do. */
static PsiText *
title_text (PsiRecord *record)
{
  if (PSI_IS_AWARD (record))
    {
      PsiText *recipient = psi_award_get_recipient_name (PSI_AWARD (record));

      if (recipient != NULL && !psi_text_is_empty (recipient))
        return recipient;
    }

  return psi_record_get_name (record);
}

/* After a title shown in another language than the interface's, that language: "RU". */
static void
update_title_fallback (PsiDetailPane *self)
{
  g_autofree char *code = NULL;
  PsiLanguage shown;

  if (self->record == NULL || !psi_format_get_fallback (title_text (self->record), &shown))
    {
      gtk_label_set_text (self->title_fallback, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_fallback), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->title_fallback), FALSE);
      return;
    }

  code = g_ascii_strup (psi_language_to_code (shown), -1);
  gtk_label_set_text (self->title_fallback, code);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_fallback),
                               psi_format_fallback_tooltip (shown));
  gtk_widget_set_visible (GTK_WIDGET (self->title_fallback), TRUE);
}

static void
add_fields (PsiDetailPane *self)
{
  PsiRecord *record = self->record;

  /* Translators: the name of a record, given in up to three languages */
  add_text_field (self, _("Name"), psi_record_get_name (record));

  switch (psi_record_get_kind (record))
    {
    case PSI_RECORD_KIND_EVENT:
      {
        PsiEvent *event = PSI_EVENT (record);

        /* Translators: the kind of an event, municipality, agreement... */
        add_field (self, _("Type"),
                   psi_enum_to_label (PSI_TYPE_EVENT_KIND, psi_event_get_event_kind (event)));
        add_field_take (self, _("Date"), psi_format_date (psi_event_get_date (event)));
        /* Translators: where an event took place */
        add_text_field (self, _("Venue"), psi_event_get_place (event));
        add_text_field (self, _("Purpose"), psi_event_get_purpose (event));
        add_text_field (self, _("Summary"), psi_event_get_summary (event));
        add_participants_group (self, _("Participants"),
                                G_LIST_MODEL (psi_event_get_participants (event)));
      }
      break;

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *competition = PSI_COMPETITION (record);

        add_link_field (self, _("Event"), PSI_RECORD_KIND_EVENT,
                        psi_competition_get_event_id (competition),
                        psi_competition_get_event_name (competition));
        /* Translators: who took part in a competition, e.g. "9 clusters" */
        add_field_take (self, _("Entrants"),
                        psi_format_entrants (psi_competition_get_entrant_kind (competition),
                                             psi_competition_get_entrant_count (competition)));
        add_text_field (self, _("Description"), psi_competition_get_description (competition));
      }
      break;

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *award = PSI_AWARD (record);
        g_autofree char *title = psi_record_dup_title (record, psi_language_get_current ());

        add_link_field (self, _("Competition"), PSI_RECORD_KIND_COMPETITION,
                        psi_award_get_competition_id (award),
                        psi_award_get_competition_name (award));
        if (psi_award_get_municipality_id (award) > 0)
          add_link_field (self, _("Recipient"), PSI_RECORD_KIND_MUNICIPALITY,
                          psi_award_get_municipality_id (award),
                          psi_award_get_recipient_name (award));
        else if (psi_award_get_cluster_id (award) > 0)
          add_link_field (self, _("Recipient"), PSI_RECORD_KIND_CLUSTER,
                          psi_award_get_cluster_id (award),
                          psi_award_get_recipient_name (award));
        else
          add_field (self, _("Recipient"), title);
        /* Translators: the rank a winner took in a competition */
        add_field_take (self, C_("rank", "Place"), psi_format_place (psi_award_get_place (award)));
        add_field (self, _("Award"),
                   psi_enum_to_label (PSI_TYPE_AWARD_KIND, psi_award_get_award_kind (award)));
        add_field_take (self, _("Prizes"), psi_format_prizes (award));
        add_field_take (self, _("Grant"), psi_format_grant (psi_award_get_grant_kgs (award)));
        add_text_field (self, _("Condition"), psi_award_get_condition (award));
        /* Translators: by when a conditional winner must meet the condition */
        add_field_take (self, _("Deadline"),
                        psi_format_date (psi_award_get_condition_deadline (award)));
      }
      break;

    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *municipality = PSI_MUNICIPALITY (record);

        add_field (self, _("Type"),
                   psi_enum_to_label (PSI_TYPE_MUNICIPALITY_KIND,
                                      psi_municipality_get_municipality_kind (municipality)));
        add_field (self, _("Region"),
                   psi_text_get_current (psi_municipality_get_region_name (municipality)));
        add_field (self, _("District"),
                   psi_text_get_current (psi_municipality_get_district_name (municipality)));
        /* Translators: whether a municipality is one of the project's pilot municipalities */
        add_field (self, _("Pilot municipality"),
                   psi_municipality_get_pilot (municipality) ? _("Yes") : _("No"));
      }
      break;

    case PSI_RECORD_KIND_CLUSTER:
      {
        guint count = psi_cluster_get_member_count (PSI_CLUSTER (record));

        if (count > 0)
          add_field_take (self, _("Members"), g_strdup_printf ("%u", count));
      }
      break;

    case PSI_RECORD_KIND_ORGANISATION:
      {
        PsiOrganisation *organisation = PSI_ORGANISATION (record);
        const char *website = psi_organisation_get_website (organisation);

        add_text_field (self, _("Abbreviation"), psi_organisation_get_abbreviation (organisation));
        add_field (self, _("Role"),
                   psi_enum_to_label (PSI_TYPE_ORGANISATION_ROLE,
                                      psi_organisation_get_role (organisation)));
        if (website != NULL && *website != '\0')
          {
            g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>",
                                                               website, website);
            GtkWidget *label = value_label (NULL);

            gtk_label_set_markup (GTK_LABEL (label), markup);
            add_row (self, _("Website"), label);
          }
      }
      break;

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *official = PSI_OFFICIAL (record);

        add_field (self, _("Position"),
                   psi_enum_to_label (PSI_TYPE_POSITION, psi_official_get_position (official)));
        add_link_field (self, _("Municipality"), PSI_RECORD_KIND_MUNICIPALITY,
                        psi_official_get_municipality_id (official),
                        psi_official_get_municipality_name (official));
        add_link_field (self, _("Organisation"), PSI_RECORD_KIND_ORGANISATION,
                        psi_official_get_organisation_id (official),
                        psi_official_get_organisation_name (official));
      }
      break;

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *agreement = PSI_AGREEMENT (record);

        add_field (self, _("Type"),
                   psi_enum_to_label (PSI_TYPE_AGREEMENT_KIND,
                                      psi_agreement_get_agreement_kind (agreement)));
        add_field_take (self, _("Date"), psi_format_date (psi_agreement_get_date (agreement)));
        add_link_field (self, _("Event"), PSI_RECORD_KIND_EVENT,
                        psi_agreement_get_event_id (agreement),
                        psi_agreement_get_event_name (agreement));
        add_text_field (self, _("Note"), psi_agreement_get_note (agreement));
        add_participants_group (self, _("Signatories"),
                                G_LIST_MODEL (psi_agreement_get_signatories (agreement)));
      }
      break;

    case PSI_RECORD_KIND_DISTRICT:
      add_field (self, _("Region"),
                 psi_text_get_current (psi_district_get_region_name (PSI_DISTRICT (record))));
      break;

    case PSI_RECORD_KIND_REGION:
    default:
      break;
    }
}

static void
psi_detail_pane_dispose (GObject *object)
{
  PsiDetailPane *self = PSI_DETAIL_PANE (object);

  for (guint i = 0; i < PSI_N_RECORD_KINDS; i++)
    g_clear_object (&self->related[i]);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_DETAIL_PANE);

  G_OBJECT_CLASS (psi_detail_pane_parent_class)->dispose (object);
}

static void
psi_detail_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsiDetailPane *self = PSI_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, psi_detail_pane_get_store (self));
      break;
    case PROP_RECORD:
      g_value_set_object (value, psi_detail_pane_get_record (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_detail_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsiDetailPane *self = PSI_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      psi_detail_pane_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_detail_pane_class_init (PsiDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_detail_pane_dispose;
  object_class->get_property = psi_detail_pane_get_property;
  object_class->set_property = psi_detail_pane_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PSI_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL,
                         PSI_TYPE_RECORD,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, title_fallback);
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, groups_box);
  gtk_widget_class_bind_template_child (widget_class, PsiDetailPane, error_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "psi-detail-pane");
}

static void
psi_detail_pane_init (PsiDetailPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
psi_detail_pane_new (void)
{
  return g_object_new (PSI_TYPE_DETAIL_PANE, NULL);
}

PsiStore *
psi_detail_pane_get_store (PsiDetailPane *self)
{
  g_return_val_if_fail (PSI_IS_DETAIL_PANE (self), NULL);

  return self->store;
}

void
psi_detail_pane_set_store (PsiDetailPane *self,
                           PsiStore      *store)
{
  g_return_if_fail (PSI_IS_DETAIL_PANE (self));
  g_return_if_fail (store == NULL || PSI_IS_STORE (store));

  if (self->store == store)
    return;

  psi_detail_pane_show_record (self, PSI_RECORD_KIND_MUNICIPALITY, 0);
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
psi_detail_pane_show_record (PsiDetailPane *self,
                             PsiRecordKind  kind,
                             gint64         id)
{
  g_autoptr(PsiRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PSI_IS_DETAIL_PANE (self), FALSE);

  if (id > 0 && self->store != NULL)
    {
      record = psi_store_load (self->store, kind, id, &error);
      if (record == NULL)
        {
          clear_content (self);
          gtk_label_set_text (self->error_label, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
          if (self->record != NULL)
            {
              g_clear_object (&self->record);
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
            }
          return FALSE;
        }
    }

  if (record == NULL && self->record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "placeholder");
      return TRUE;
    }

  clear_content (self);
  g_set_object (&self->record, record);

  if (record == NULL)
    gtk_stack_set_visible_child_name (self->stack, "placeholder");
  else
    {
      title = psi_record_dup_title (record, psi_language_get_current ());
      gtk_label_set_text (self->title_label, title);
      update_title_fallback (self);
      gtk_label_set_text (self->kind_label, psi_enum_to_label (PSI_TYPE_RECORD_KIND, kind));
      add_fields (self);
      add_related_groups (self);
      gtk_stack_set_visible_child_name (self->stack, "details");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
  return TRUE;
}

PsiRecord *
psi_detail_pane_get_record (PsiDetailPane *self)
{
  g_return_val_if_fail (PSI_IS_DETAIL_PANE (self), NULL);

  return self->record;
}

GListModel *
psi_detail_pane_get_related (PsiDetailPane *self,
                             PsiRecordKind  kind)
{
  g_return_val_if_fail (PSI_IS_DETAIL_PANE (self), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);

  return self->related[kind];
}
