/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-editor-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psi-editor-dialog.h"

#include "psi-record-list.h"
#include "psi-trilingual-entry.h"
#include "psi-ui-scope.h"

/* Choices of the recipient field of the award editor */
enum {
  RECIPIENT_MUNICIPALITY,
  RECIPIENT_CLUSTER,
  RECIPIENT_UNNAMED,
};

struct _PsiEditorDialog
{
  GtkWindow      parent_instance;

  PsiStore      *store;
  PsiRecordKind  kind;
  PsiRecord     *record;
  GtkBuilder    *builder;
  gboolean       valid;
  gboolean       loading;

  GtkBox        *content_box;
  GtkLabel      *error_label;
  GtkButton     *save_button;
};

G_DEFINE_FINAL_TYPE (PsiEditorDialog, psi_editor_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void revalidate (PsiEditorDialog *self);

static const char *
title_for_kind (PsiRecordKind kind,
                gboolean      create)
{
  switch (kind)
    {
    case PSI_RECORD_KIND_EVENT:
      return create ? /* Translators: title of the editor of a new event (conference...) */
                      _("New Event")
                    : /* Translators: title of the editor of an event */
                      _("Edit Event");
    case PSI_RECORD_KIND_COMPETITION:
      return create ? /* Translators: title of the editor of a new competition */
                      _("New Competition")
                    : /* Translators: title of the editor of a competition */
                      _("Edit Competition");
    case PSI_RECORD_KIND_AWARD:
      return create ? /* Translators: title of the editor of a new award */
                      _("New Award")
                    : /* Translators: title of the editor of an award */
                      _("Edit Award");
    case PSI_RECORD_KIND_MUNICIPALITY:
      return create ? /* Translators: title of the editor of a new municipality */
                      _("New Municipality")
                    : /* Translators: title of the editor of a municipality */
                      _("Edit Municipality");
    case PSI_RECORD_KIND_CLUSTER:
      return create ? /* Translators: title of the editor of a new cluster of municipalities */
                      _("New Cluster")
                    : /* Translators: title of the editor of a cluster of municipalities */
                      _("Edit Cluster");
    case PSI_RECORD_KIND_OFFICIAL:
      return create ? /* Translators: title of the editor of a new official (head of ayil
                       * okmotu, council chair, project staff) */
                      _("New Person")
                    : /* Translators: title of the editor of an official */
                      _("Edit Person");
    case PSI_RECORD_KIND_ORGANISATION:
      return create ? /* Translators: title of the editor of a new organisation */
                      _("New Organisation")
                    : /* Translators: title of the editor of an organisation */
                      _("Edit Organisation");
    case PSI_RECORD_KIND_AGREEMENT:
      return create ? /* Translators: title of the editor of a new agreement */
                      _("New Agreement")
                    : /* Translators: title of the editor of an agreement */
                      _("Edit Agreement");
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    default:
      return "";
    }
}

/* Fields */

static GtkWidget *
field (PsiEditorDialog *self,
       const char      *id)
{
  GObject *object = gtk_builder_get_object (self->builder, id);

  return GTK_IS_WIDGET (object) ? GTK_WIDGET (object) : NULL;
}

static void
set_error (PsiEditorDialog *self,
           const char      *id,
           const char      *message)
{
  g_autofree char *error_id = g_strconcat (id, "_error", NULL);
  GtkWidget *label = field (self, error_id);
  GtkWidget *widget = field (self, id);

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget))
    {
      if (message != NULL)
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
    }
}

static void
set_row_visible (PsiEditorDialog *self,
                 const char      *id,
                 gboolean         visible)
{
  g_autofree char *label_id = g_strconcat (id, "_label", NULL);
  g_autofree char *error_id = g_strconcat (id, "_error", NULL);
  GtkWidget *error_label = field (self, error_id);
  GtkWidget *widget = field (self, id);

  gtk_widget_set_visible (field (self, label_id), visible);
  /* Lists sit in a box; the box is the row. */
  if (GTK_IS_LIST_BOX (widget) || g_str_equal (id, "items"))
    widget = gtk_widget_get_parent (widget);
  gtk_widget_set_visible (widget, visible);
  if (!visible)
    gtk_widget_set_visible (error_label, FALSE);
}

static void
changed_cb (PsiEditorDialog *self)
{
  g_assert (PSI_IS_EDITOR_DIALOG (self));

  if (!self->loading)
    revalidate (self);
}

static void
watch (PsiEditorDialog *self,
       GtkWidget       *widget)
{
  if (GTK_IS_ENTRY (widget))
    gtk_entry_set_activates_default (GTK_ENTRY (widget), TRUE);
  if (PSI_IS_TRILINGUAL_ENTRY (widget))
    for (int l = 0; l < PSI_N_LANGUAGES; l++)
      gtk_entry_set_activates_default (
        GTK_ENTRY (psi_trilingual_entry_get_entry (PSI_TRILINGUAL_ENTRY (widget), l)), TRUE);

  if (PSI_IS_TRILINGUAL_ENTRY (widget) || GTK_IS_ENTRY (widget))
    g_signal_connect_object (widget, "changed", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_object (widget, "value-changed", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_DROP_DOWN (widget))
    g_signal_connect_object (widget, "notify::selected", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_CHECK_BUTTON (widget))
    g_signal_connect_object (widget, "toggled", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Texts */

static void
set_text (PsiEditorDialog *self,
          const char      *id,
          PsiText         *text)
{
  psi_trilingual_entry_set_text (PSI_TRILINGUAL_ENTRY (field (self, id)), text);
}

static PsiText *
dup_text (PsiEditorDialog *self,
          const char      *id)
{
  return psi_trilingual_entry_dup_text (PSI_TRILINGUAL_ENTRY (field (self, id)));
}

static void
set_string (PsiEditorDialog *self,
            const char      *id,
            const char      *value)
{
  gtk_editable_set_text (GTK_EDITABLE (field (self, id)), value != NULL ? value : "");
}

/* The entry's text without surrounding spaces, NULL when empty. */
static char *
dup_string (PsiEditorDialog *self,
            const char      *id)
{
  char *s = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field (self, id)))));

  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* Choices: enums and references to other records */

static void
fill_enum (GtkDropDown *dropdown,
           GType        enum_type,
           int          value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (list, psi_enum_to_label (enum_type, klass->values[i].value));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, (guint) value < klass->n_values ? (guint) value : 0);
}

static int
get_enum (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == GTK_INVALID_LIST_POSITION ? 0 : (int) selected;
}

static void
select_id (GtkDropDown *dropdown,
           gint64       id)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "psi-ids");
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      position = i;
  gtk_drop_down_set_selected (dropdown, position);
}

/* Every record of a kind by its title, in the list's default order; optional fields start with
 * a "None" choice. */
static void
fill_ref (PsiEditorDialog *self,
          GtkDropDown     *dropdown,
          PsiRecordKind    kind,
          gboolean         optional,
          gint64           selected)
{
  g_autoptr(PsiRecordList) records = psi_record_list_new (self->store, kind);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PsiLanguage language = psi_language_get_current ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (records));

  if (optional)
    {
      gint64 none = 0;

      /* Translators: the choice of no record in a field that may refer to one */
      gtk_string_list_append (list, C_("reference", "None"));
      g_array_append_val (ids, none);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (G_LIST_MODEL (records), i);
      g_autofree char *title = psi_record_dup_title (record, language);
      gint64 id = psi_record_get_id (record);

      gtk_string_list_append (list, title);
      g_array_append_val (ids, id);
    }

  g_object_set_data_full (G_OBJECT (dropdown), "psi-ids", ids, (GDestroyNotify) g_array_unref);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  if (selected != 0 || optional)
    select_id (dropdown, selected);
  else
    gtk_drop_down_set_selected (dropdown, ids->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
}

static gint64
get_ref (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "psi-ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

static GtkDropDown *
dropdown_field (PsiEditorDialog *self,
                const char      *id)
{
  return GTK_DROP_DOWN (field (self, id));
}

/* Checks of single values */

static gboolean
is_real_date (const char *s)
{
  guint year, month, day;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  year = (guint) g_ascii_strtoull (s, NULL, 10);
  month = (guint) g_ascii_strtoull (s + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (s + 8, NULL, 10);
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* A date field: NULL (empty) or a real date; says what is wrong. */
static gboolean
check_date (PsiEditorDialog *self,
            const char      *id)
{
  g_autofree char *date = dup_string (self, id);

  if (date != NULL && !is_real_date (date))
    {
      set_error (self, id,
                 /* Translators: under a date field; YYYY-MM-DD is how the date is typed (the
                  * field's placeholder): keep it as it is */
                 _("Enter a real date as YYYY-MM-DD, for example 2020-12-16."));
      return FALSE;
    }
  set_error (self, id, NULL);
  return TRUE;
}

/* A grant in som: empty for none, else a positive whole number; digits may be grouped with
 * spaces ("5 000 000"). */
static gboolean
parse_grant (const char *text,
             gint64     *grant)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 value = 0;

  *grant = 0;
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        continue;
      if (c > 127 || !g_ascii_isdigit ((char) c))
        return FALSE;
      g_string_append_c (digits, (char) c);
    }
  if (digits->len == 0)
    return TRUE;
  if (!g_ascii_string_to_unsigned (digits->str, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *grant = (gint64) value;
  return TRUE;
}

static gboolean
check_name (PsiEditorDialog *self)
{
  g_autoptr(PsiText) name = dup_text (self, "name");

  if (psi_text_is_empty (name))
    {
      set_error (self, "name",
                 /* Translators: under the name in Kyrgyz, Russian and English, all empty */
                 _("Enter the name in at least one language."));
      return FALSE;
    }
  set_error (self, "name", NULL);
  return TRUE;
}

static gboolean
check_required_ref (PsiEditorDialog *self,
                    const char      *id,
                    const char      *message)
{
  if (get_ref (dropdown_field (self, id)) == 0)
    {
      set_error (self, id, message);
      return FALSE;
    }
  set_error (self, id, NULL);
  return TRUE;
}

/* List rows: participants and signatories, prizes in kind */

static void
remove_row_cb (GtkButton *button,
               gpointer   user_data)
{
  PsiEditorDialog *self = PSI_EDITOR_DIALOG (user_data);
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "psi-row");

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (row)), row);
  revalidate (self);
}

static GtkWidget *
new_row (PsiEditorDialog *self,
         const char      *field_id)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  const char *remove_label =
    /* Translators: tooltip of the button that removes a row (a participant, a prize) */
    _("Remove");

  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "psi-row", row);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_row_cb), self, 0);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  gtk_box_append (GTK_BOX (field (self, field_id)), row);
  return row;
}

static GtkWidget *
add_count (PsiEditorDialog *self,
           GtkWidget       *row,
           guint            lower,
           guint            value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, 100000, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: accessible name of how many people or items
                                   * a row of a list stands for */
                                  _("Number"), -1);
  gtk_box_append (GTK_BOX (row), spin);
  g_object_set_data (G_OBJECT (row), "count", spin);
  watch (self, spin);
  return spin;
}

static GtkWidget *
add_participant_row (PsiEditorDialog *self,
                     const char      *field_id,
                     PsiParticipant  *participant)
{
  GtkWidget *row = new_row (self, field_id);
  GtkWidget *position = gtk_drop_down_new (NULL, NULL);
  GtkWidget *official = gtk_drop_down_new (NULL, NULL);
  GtkWidget *organisation = gtk_drop_down_new (NULL, NULL);

  fill_enum (GTK_DROP_DOWN (position), PSI_TYPE_POSITION,
             participant ? psi_participant_get_position (participant) : 0);
  gtk_widget_set_size_request (position, 230, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (position), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Position"), -1);
  gtk_box_append (GTK_BOX (row), position);
  g_object_set_data (G_OBJECT (row), "position", position);
  add_count (self, row, 1, participant ? psi_participant_get_count (participant) : 1);

  fill_ref (self, GTK_DROP_DOWN (official), PSI_RECORD_KIND_OFFICIAL, TRUE,
            participant ? psi_participant_get_official_id (participant) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (official), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: accessible name of the choice of the official
                                   * who took part in an event or signed an agreement */
                                  _("Person"), -1);
  gtk_widget_set_hexpand (official, TRUE);
  gtk_widget_set_size_request (official, 120, -1);
  gtk_box_append (GTK_BOX (row), official);
  g_object_set_data (G_OBJECT (row), "official", official);

  fill_ref (self, GTK_DROP_DOWN (organisation), PSI_RECORD_KIND_ORGANISATION, TRUE,
            participant ? psi_participant_get_organisation_id (participant) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (organisation),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisation"), -1);
  gtk_widget_set_hexpand (organisation, TRUE);
  gtk_widget_set_size_request (organisation, 120, -1);
  gtk_box_append (GTK_BOX (row), organisation);
  g_object_set_data (G_OBJECT (row), "organisation", organisation);

  gtk_box_append (GTK_BOX (row), g_object_get_data (G_OBJECT (row), "remove"));
  watch (self, position);
  watch (self, official);
  watch (self, organisation);
  return row;
}

static GtkWidget *
add_item_row (PsiEditorDialog *self,
              PsiPrizeItem    *item)
{
  GtkWidget *row = new_row (self, "items");
  GtkWidget *kind = gtk_drop_down_new (NULL, NULL);

  fill_enum (GTK_DROP_DOWN (kind), PSI_TYPE_ITEM_KIND, item ? psi_prize_item_get_item_kind (item)
                                                            : PSI_ITEM_KIND_LAPTOP);
  gtk_widget_set_size_request (kind, 230, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: accessible name of the kind of a prize in
                                   * kind: laptop, printer, other */
                                  C_("prize", "Kind"), -1);
  gtk_box_append (GTK_BOX (row), kind);
  g_object_set_data (G_OBJECT (row), "kind", kind);
  add_count (self, row, 0, item ? psi_prize_item_get_count (item) : 1);
  /* The label of an "other" item is kept as it was. */
  if (item != NULL && psi_prize_item_get_label (item) != NULL)
    g_object_set_data_full (G_OBJECT (row), "psi-label",
                            psi_text_ref (psi_prize_item_get_label (item)),
                            (GDestroyNotify) psi_text_unref);
  gtk_box_append (GTK_BOX (row), g_object_get_data (G_OBJECT (row), "remove"));
  watch (self, kind);
  return row;
}

static void
add_clicked_cb (GtkButton *button,
                gpointer   user_data)
{
  PsiEditorDialog *self = PSI_EDITOR_DIALOG (user_data);
  const char *field_id = g_object_get_data (G_OBJECT (button), "psi-field");
  GtkWidget *row = psi_editor_dialog_add_row (self, field_id);

  gtk_widget_grab_focus (gtk_widget_get_first_child (row));
}

static void
fill_participants (PsiEditorDialog *self,
                   const char      *field_id,
                   GListModel      *participants)
{
  g_autofree char *add_id = g_strconcat (field_id, "_add", NULL);
  GtkWidget *add = field (self, add_id);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PsiParticipant) p = g_list_model_get_item (participants, i);

      add_participant_row (self, field_id, p);
    }
  g_object_set_data (G_OBJECT (add), "psi-field", (gpointer) g_intern_string (field_id));
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, 0);
}

static void
collect_participants (PsiEditorDialog *self,
                      const char      *field_id,
                      GListStore      *participants)
{
  g_list_store_remove_all (participants);
  for (GtkWidget *row = gtk_widget_get_first_child (field (self, field_id));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *count = g_object_get_data (G_OBJECT (row), "count");
      g_autoptr(PsiParticipant) p =
        psi_participant_new (get_enum (g_object_get_data (G_OBJECT (row), "position")),
                             (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (count)));

      psi_participant_set_official_id (p, get_ref (g_object_get_data (G_OBJECT (row),
                                                                      "official")));
      psi_participant_set_organisation_id (p, get_ref (g_object_get_data (G_OBJECT (row),
                                                                          "organisation")));
      g_list_store_append (participants, p);
    }
}

/* Loading the record into the form */

static void
load_record (PsiEditorDialog *self)
{
  PsiRecord *r = self->record;

  self->loading = TRUE;

  if (field (self, "name") != NULL)
    set_text (self, "name", psi_record_get_name (r));

  switch (self->kind)
    {
    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *m = PSI_MUNICIPALITY (r);

        fill_enum (dropdown_field (self, "municipality_kind"), PSI_TYPE_MUNICIPALITY_KIND,
                   psi_municipality_get_municipality_kind (m));
        fill_ref (self, dropdown_field (self, "region"), PSI_RECORD_KIND_REGION, FALSE,
                  psi_municipality_get_region_id (m));
        fill_ref (self, dropdown_field (self, "district"), PSI_RECORD_KIND_DISTRICT, TRUE,
                  psi_municipality_get_district_id (m));
        gtk_check_button_set_active (GTK_CHECK_BUTTON (field (self, "pilot")),
                                     psi_municipality_get_pilot (m));
      }
      break;

    case PSI_RECORD_KIND_CLUSTER:
      {
        g_autoptr(PsiRecordList) municipalities =
          psi_record_list_new (self->store, PSI_RECORD_KIND_MUNICIPALITY);
        GtkListBox *members = GTK_LIST_BOX (field (self, "members"));
        PsiLanguage language = psi_language_get_current ();

        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (municipalities)); i++)
          {
            g_autoptr(PsiRecord) m = g_list_model_get_item (G_LIST_MODEL (municipalities), i);
            g_autofree char *title = psi_record_dup_title (m, language);
            GtkWidget *check = gtk_check_button_new_with_label (title);
            gint64 *id = g_new (gint64, 1);

            *id = psi_record_get_id (m);
            g_object_set_data_full (G_OBJECT (check), "psi-id", id, g_free);
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                         psi_cluster_has_member (PSI_CLUSTER (r), *id));
            gtk_list_box_append (members, check);
            watch (self, check);
          }
      }
      break;

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *o = PSI_OFFICIAL (r);

        fill_enum (dropdown_field (self, "position"), PSI_TYPE_POSITION,
                   psi_official_get_position (o));
        fill_ref (self, dropdown_field (self, "municipality"), PSI_RECORD_KIND_MUNICIPALITY,
                  TRUE, psi_official_get_municipality_id (o));
        fill_ref (self, dropdown_field (self, "organisation"), PSI_RECORD_KIND_ORGANISATION,
                  TRUE, psi_official_get_organisation_id (o));
      }
      break;

    case PSI_RECORD_KIND_ORGANISATION:
      {
        PsiOrganisation *o = PSI_ORGANISATION (r);

        fill_enum (dropdown_field (self, "role"), PSI_TYPE_ORGANISATION_ROLE,
                   psi_organisation_get_role (o));
        set_text (self, "abbreviation", psi_organisation_get_abbreviation (o));
        set_string (self, "website", psi_organisation_get_website (o));
      }
      break;

    case PSI_RECORD_KIND_EVENT:
      {
        PsiEvent *e = PSI_EVENT (r);

        fill_enum (dropdown_field (self, "event_kind"), PSI_TYPE_EVENT_KIND,
                   psi_event_get_event_kind (e));
        set_string (self, "date", psi_event_get_date (e));
        set_text (self, "place", psi_event_get_place (e));
        set_text (self, "purpose", psi_event_get_purpose (e));
        set_text (self, "summary", psi_event_get_summary (e));
        fill_participants (self, "participants", G_LIST_MODEL (psi_event_get_participants (e)));
      }
      break;

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *c = PSI_COMPETITION (r);

        fill_ref (self, dropdown_field (self, "event"), PSI_RECORD_KIND_EVENT, FALSE,
                  psi_competition_get_event_id (c));
        fill_enum (dropdown_field (self, "entrant_kind"), PSI_TYPE_ENTRANT_KIND,
                   psi_competition_get_entrant_kind (c));
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (self, "entrant_count")),
                                   psi_competition_get_entrant_count (c));
        set_text (self, "description", psi_competition_get_description (c));
      }
      break;

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *a = PSI_AWARD (r);
        g_autoptr(GtkStringList) recipients = gtk_string_list_new (NULL);
        GListModel *items = G_LIST_MODEL (psi_award_get_items (a));
        guint recipient = psi_award_get_cluster_id (a) != 0 ? RECIPIENT_CLUSTER
                          : psi_award_get_recipient_count (a) > 1 ? RECIPIENT_UNNAMED
                          : RECIPIENT_MUNICIPALITY;

        fill_ref (self, dropdown_field (self, "competition"), PSI_RECORD_KIND_COMPETITION,
                  FALSE, psi_award_get_competition_id (a));
        gtk_string_list_append (recipients, C_("record kind", "Municipality"));
        gtk_string_list_append (recipients, C_("record kind", "Cluster"));
        /* Translators: an award shared by recipients the source does not name, e.g. "20 other
         * municipalities received incentive prizes" */
        gtk_string_list_append (recipients, _("Unnamed recipients"));
        gtk_drop_down_set_model (dropdown_field (self, "recipient_kind"),
                                 G_LIST_MODEL (recipients));
        gtk_drop_down_set_selected (dropdown_field (self, "recipient_kind"), recipient);
        fill_ref (self, dropdown_field (self, "municipality"), PSI_RECORD_KIND_MUNICIPALITY,
                  FALSE, psi_award_get_municipality_id (a));
        if (psi_award_get_municipality_id (a) == 0)
          gtk_drop_down_set_selected (dropdown_field (self, "municipality"),
                                      GTK_INVALID_LIST_POSITION);
        fill_ref (self, dropdown_field (self, "cluster"), PSI_RECORD_KIND_CLUSTER, FALSE,
                  psi_award_get_cluster_id (a));
        if (psi_award_get_cluster_id (a) == 0)
          gtk_drop_down_set_selected (dropdown_field (self, "cluster"),
                                      GTK_INVALID_LIST_POSITION);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (self, "recipient_count")),
                                   MAX (psi_award_get_recipient_count (a), 2));
        fill_enum (dropdown_field (self, "award_kind"), PSI_TYPE_AWARD_KIND,
                   psi_award_get_award_kind (a));
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (self, "place")),
                                   psi_award_get_place (a));
        set_text (self, "condition", psi_award_get_condition (a));
        set_string (self, "condition_deadline", psi_award_get_condition_deadline (a));
        gtk_check_button_set_active (GTK_CHECK_BUTTON (field (self, "certificate")),
                                     psi_award_get_certificate (a));
        if (psi_award_get_grant_kgs (a) > 0)
          {
            g_autofree char *grant = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      psi_award_get_grant_kgs (a));

            set_string (self, "grant", grant);
          }
        for (guint i = 0; i < g_list_model_get_n_items (items); i++)
          {
            g_autoptr(PsiPrizeItem) item = g_list_model_get_item (items, i);

            add_item_row (self, item);
          }
        g_object_set_data (G_OBJECT (field (self, "items_add")), "psi-field",
                           (gpointer) g_intern_static_string ("items"));
        g_signal_connect_object (field (self, "items_add"), "clicked",
                                 G_CALLBACK (add_clicked_cb), self, 0);
      }
      break;

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *a = PSI_AGREEMENT (r);

        fill_enum (dropdown_field (self, "agreement_kind"), PSI_TYPE_AGREEMENT_KIND,
                   psi_agreement_get_agreement_kind (a));
        fill_ref (self, dropdown_field (self, "event"), PSI_RECORD_KIND_EVENT, TRUE,
                  psi_agreement_get_event_id (a));
        set_string (self, "date", psi_agreement_get_date (a));
        set_text (self, "note", psi_agreement_get_note (a));
        fill_participants (self, "signatories",
                           G_LIST_MODEL (psi_agreement_get_signatories (a)));
      }
      break;

    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    default:
      break;
    }

  self->loading = FALSE;
}

/* From the form into the record */

static void
collect_record (PsiEditorDialog *self)
{
  PsiRecord *r = self->record;

  if (field (self, "name") != NULL)
    {
      g_autoptr(PsiText) name = dup_text (self, "name");

      psi_record_set_name (r, name);
    }

  switch (self->kind)
    {
    case PSI_RECORD_KIND_MUNICIPALITY:
      {
        PsiMunicipality *m = PSI_MUNICIPALITY (r);

        psi_municipality_set_municipality_kind (m, get_enum (dropdown_field (self,
                                                                             "municipality_kind")));
        psi_municipality_set_region_id (m, get_ref (dropdown_field (self, "region")));
        psi_municipality_set_district_id (m, get_ref (dropdown_field (self, "district")));
        psi_municipality_set_pilot (m, gtk_check_button_get_active (GTK_CHECK_BUTTON (
                                         field (self, "pilot"))));
      }
      break;

    case PSI_RECORD_KIND_CLUSTER:
      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GHashTable) checked = g_hash_table_new (g_int64_hash, g_int64_equal);
        GArray *before = psi_cluster_get_member_ids (PSI_CLUSTER (r));
        GtkWidget *members = field (self, "members");

        for (GtkWidget *row = gtk_widget_get_first_child (members);
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          {
            GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

            if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
              g_hash_table_add (checked, g_object_get_data (G_OBJECT (check), "psi-id"));
          }
        /* Members keep their order; new ones follow in the order of the list. */
        for (guint i = 0; before != NULL && i < before->len; i++)
          if (g_hash_table_remove (checked, &g_array_index (before, gint64, i)))
            g_array_append_val (ids, g_array_index (before, gint64, i));
        for (GtkWidget *row = gtk_widget_get_first_child (members);
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          {
            GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
            gint64 *id = g_object_get_data (G_OBJECT (check), "psi-id");

            if (g_hash_table_contains (checked, id))
              g_array_append_val (ids, *id);
          }
        psi_cluster_set_member_ids (PSI_CLUSTER (r), ids);
      }
      break;

    case PSI_RECORD_KIND_OFFICIAL:
      {
        PsiOfficial *o = PSI_OFFICIAL (r);

        psi_official_set_position (o, get_enum (dropdown_field (self, "position")));
        psi_official_set_municipality_id (o, get_ref (dropdown_field (self, "municipality")));
        psi_official_set_organisation_id (o, get_ref (dropdown_field (self, "organisation")));
      }
      break;

    case PSI_RECORD_KIND_ORGANISATION:
      {
        PsiOrganisation *o = PSI_ORGANISATION (r);
        g_autoptr(PsiText) abbreviation = dup_text (self, "abbreviation");
        g_autofree char *website = dup_string (self, "website");

        psi_organisation_set_role (o, get_enum (dropdown_field (self, "role")));
        psi_organisation_set_abbreviation (o, abbreviation);
        psi_organisation_set_website (o, website);
      }
      break;

    case PSI_RECORD_KIND_EVENT:
      {
        PsiEvent *e = PSI_EVENT (r);
        g_autofree char *date = dup_string (self, "date");
        g_autoptr(PsiText) place = dup_text (self, "place");
        g_autoptr(PsiText) purpose = dup_text (self, "purpose");
        g_autoptr(PsiText) summary = dup_text (self, "summary");

        psi_event_set_event_kind (e, get_enum (dropdown_field (self, "event_kind")));
        psi_event_set_date (e, date);
        psi_event_set_place (e, place);
        psi_event_set_purpose (e, purpose);
        psi_event_set_summary (e, summary);
        collect_participants (self, "participants", psi_event_get_participants (e));
      }
      break;

    case PSI_RECORD_KIND_COMPETITION:
      {
        PsiCompetition *c = PSI_COMPETITION (r);
        g_autoptr(PsiText) description = dup_text (self, "description");

        psi_competition_set_event_id (c, get_ref (dropdown_field (self, "event")));
        psi_competition_set_entrant_kind (c, get_enum (dropdown_field (self, "entrant_kind")));
        psi_competition_set_entrant_count (c, (guint) gtk_spin_button_get_value_as_int (
                                             GTK_SPIN_BUTTON (field (self, "entrant_count"))));
        psi_competition_set_description (c, description);
      }
      break;

    case PSI_RECORD_KIND_AWARD:
      {
        PsiAward *a = PSI_AWARD (r);
        guint recipient = gtk_drop_down_get_selected (dropdown_field (self, "recipient_kind"));
        PsiAwardKind kind = get_enum (dropdown_field (self, "award_kind"));
        g_autofree char *grant_text = dup_string (self, "grant");
        g_autofree char *deadline = dup_string (self, "condition_deadline");
        g_autoptr(PsiText) condition = dup_text (self, "condition");
        GListStore *items = psi_award_get_items (a);
        gint64 grant = 0;

        psi_award_set_competition_id (a, get_ref (dropdown_field (self, "competition")));
        psi_award_set_municipality_id (a, recipient == RECIPIENT_MUNICIPALITY
                                            ? get_ref (dropdown_field (self, "municipality"))
                                            : 0);
        psi_award_set_cluster_id (a, recipient == RECIPIENT_CLUSTER
                                       ? get_ref (dropdown_field (self, "cluster")) : 0);
        psi_award_set_recipient_count (a, recipient == RECIPIENT_UNNAMED
                                            ? (guint) gtk_spin_button_get_value_as_int (
                                                GTK_SPIN_BUTTON (field (self, "recipient_count")))
                                            : 1);
        psi_award_set_award_kind (a, kind);
        psi_award_set_place (a, kind == PSI_AWARD_KIND_WINNER
                                  ? (guint) gtk_spin_button_get_value_as_int (
                                      GTK_SPIN_BUTTON (field (self, "place")))
                                  : 0);
        psi_award_set_condition (a, kind == PSI_AWARD_KIND_CONDITIONAL_WINNER ? condition : NULL);
        psi_award_set_condition_deadline (a, kind == PSI_AWARD_KIND_CONDITIONAL_WINNER
                                               ? deadline : NULL);
        psi_award_set_certificate (a, gtk_check_button_get_active (GTK_CHECK_BUTTON (
                                        field (self, "certificate"))));
        if (parse_grant (grant_text, &grant))
          psi_award_set_grant_kgs (a, grant);

        g_list_store_remove_all (items);
        for (GtkWidget *row = gtk_widget_get_first_child (field (self, "items"));
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          {
            GtkWidget *count = g_object_get_data (G_OBJECT (row), "count");
            g_autoptr(PsiPrizeItem) item =
              psi_prize_item_new (get_enum (g_object_get_data (G_OBJECT (row), "kind")),
                                  (guint) gtk_spin_button_get_value_as_int (
                                    GTK_SPIN_BUTTON (count)));

            psi_prize_item_set_label (item, g_object_get_data (G_OBJECT (row), "psi-label"));
            g_list_store_append (items, item);
          }
      }
      break;

    case PSI_RECORD_KIND_AGREEMENT:
      {
        PsiAgreement *a = PSI_AGREEMENT (r);
        g_autofree char *date = dup_string (self, "date");
        g_autoptr(PsiText) note = dup_text (self, "note");

        psi_agreement_set_agreement_kind (a, get_enum (dropdown_field (self,
                                                                       "agreement_kind")));
        psi_agreement_set_event_id (a, get_ref (dropdown_field (self, "event")));
        psi_agreement_set_date (a, date);
        psi_agreement_set_note (a, note);
        collect_participants (self, "signatories", psi_agreement_get_signatories (a));
      }
      break;

    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    default:
      break;
    }
}

/* Checks of the whole form */

static gboolean
validate_award (PsiEditorDialog *self)
{
  gboolean ok = TRUE;
  guint recipient = gtk_drop_down_get_selected (dropdown_field (self, "recipient_kind"));
  PsiAwardKind kind = get_enum (dropdown_field (self, "award_kind"));
  g_autofree char *grant_text = dup_string (self, "grant");
  g_autoptr(PsiText) condition = dup_text (self, "condition");
  gint64 grant = 0;

  set_row_visible (self, "municipality", recipient == RECIPIENT_MUNICIPALITY);
  set_row_visible (self, "cluster", recipient == RECIPIENT_CLUSTER);
  set_row_visible (self, "recipient_count", recipient == RECIPIENT_UNNAMED);
  set_row_visible (self, "place", kind == PSI_AWARD_KIND_WINNER);
  set_row_visible (self, "condition", kind == PSI_AWARD_KIND_CONDITIONAL_WINNER);
  set_row_visible (self, "condition_deadline", kind == PSI_AWARD_KIND_CONDITIONAL_WINNER);

  ok &= check_required_ref (self, "competition",
                            /* Translators: under a field of the award editor; this and the
                             * messages below say what is wrong before anything is saved */
                            _("Choose the competition of the award."));
  if (recipient == RECIPIENT_MUNICIPALITY)
    ok &= check_required_ref (self, "municipality",
                              /* Translators: under the recipient of an award */
                              _("Choose the municipality that receives the award."));
  else if (recipient == RECIPIENT_CLUSTER)
    ok &= check_required_ref (self, "cluster",
                              /* Translators: under the recipient of an award */
                              _("Choose the cluster that receives the award."));

  if (kind == PSI_AWARD_KIND_CONDITIONAL_WINNER && psi_text_is_empty (condition))
    {
      set_error (self, "condition",
                 _("A conditional winner needs the condition it must meet."));
      ok = FALSE;
    }
  else
    set_error (self, "condition", NULL);

  if (kind == PSI_AWARD_KIND_CONDITIONAL_WINNER)
    ok &= check_date (self, "condition_deadline");
  else
    set_error (self, "condition_deadline", NULL);

  if (!parse_grant (grant_text, &grant))
    {
      set_error (self, "grant",
                 /* Translators: under the grant of an award, in Kyrgyz som (KGS) */
                 _("A grant is a positive whole number of som, for example 5000000; "
                   "leave it empty when there is no grant."));
      ok = FALSE;
    }
  else
    set_error (self, "grant", NULL);

  return ok;
}

static gboolean
validate_form (PsiEditorDialog *self)
{
  gboolean ok = TRUE;

  /* Officials may go unnamed: the source often gives only the position ("the Project
   * Manager"). */
  if (field (self, "name") != NULL && self->kind != PSI_RECORD_KIND_OFFICIAL)
    ok &= check_name (self);

  switch (self->kind)
    {
    case PSI_RECORD_KIND_MUNICIPALITY:
      ok &= check_required_ref (self, "region",
                                /* Translators: under the region (oblast) of a municipality */
                                _("Choose the region of the municipality."));
      break;

    case PSI_RECORD_KIND_CLUSTER:
      {
        guint n = 0;

        for (GtkWidget *row = gtk_widget_get_first_child (field (self, "members"));
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (
                gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))))
            n++;
        if (n < 2)
          {
            set_error (self, "members",
                       /* Translators: under the list of members of a cluster */
                       _("A cluster needs two or more members."));
            ok = FALSE;
          }
        else
          set_error (self, "members", NULL);
      }
      break;

    case PSI_RECORD_KIND_EVENT:
    case PSI_RECORD_KIND_AGREEMENT:
      ok &= check_date (self, "date");
      break;

    case PSI_RECORD_KIND_COMPETITION:
      ok &= check_required_ref (self, "event",
                                /* Translators: under the event of a competition */
                                _("Choose the event at which the competition was held."));
      break;

    case PSI_RECORD_KIND_AWARD:
      ok &= validate_award (self);
      break;

    case PSI_RECORD_KIND_OFFICIAL:
    case PSI_RECORD_KIND_ORGANISATION:
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    default:
      break;
    }

  return ok;
}

static void
set_record_error (PsiEditorDialog *self,
                  const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
revalidate (PsiEditorDialog *self)
{
  gboolean ok = validate_form (self);

  set_record_error (self, NULL);
  if (ok)
    {
      g_autoptr(GError) error = NULL;

      /* The model's own rules, on the record as it would be saved. */
      collect_record (self);
      if (PSI_IS_AWARD (self->record) && !psi_award_validate (PSI_AWARD (self->record), &error))
        {
          set_record_error (self, error->message);
          ok = FALSE;
        }
    }

  self->valid = ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", ok);
}

static void
watch_form (PsiEditorDialog *self)
{
  g_autoptr(GSList) objects = gtk_builder_get_objects (self->builder);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_WIDGET (l->data))
      watch (self, l->data);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsiEditorDialog *self = PSI_EDITOR_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  revalidate (self);
  if (!self->valid)
    return;

  collect_record (self);
  if (!psi_store_save (self->store, self->record, &error))
    {
      set_record_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, psi_record_get_id (self->record));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
psi_editor_dialog_dispose (GObject *object)
{
  PsiEditorDialog *self = PSI_EDITOR_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_EDITOR_DIALOG);
  g_clear_object (&self->builder);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (psi_editor_dialog_parent_class)->dispose (object);
}

static void
psi_editor_dialog_class_init (PsiEditorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_editor_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (PSI_TYPE_TRILINGUAL_ENTRY);
  psi_ui_ensure_types ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/editors/psi-editor-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDialog, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
psi_editor_dialog_init (PsiEditorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "psi-editor");
}

PsiEditorDialog *
psi_editor_dialog_new (GtkWindow      *parent,
                       PsiStore       *store,
                       PsiRecordKind   kind,
                       gint64          id,
                       GError        **error)
{
  PsiEditorDialog *self;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kind_nick = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PSI_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  /* Regions and districts come with the data; they have no editor. */
  g_return_val_if_fail (kind != PSI_RECORD_KIND_REGION && kind != PSI_RECORD_KIND_DISTRICT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* GTK owns its toplevel windows: the dialog lives until it is destroyed. */
  self = g_object_new (PSI_TYPE_EDITOR_DIALOG,
                       "transient-for", parent,
                       "title", title_for_kind (kind, id == 0),
                       NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->record = id == 0 ? g_object_new (psi_record_kind_get_type_for (kind), NULL)
                         : psi_store_load (store, kind, id, error);
  if (self->record == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  kind_nick = g_strdup (psi_enum_to_nick (PSI_TYPE_RECORD_KIND, kind));
  path = g_strdup_printf (RESOURCE_BASE_PATH "/editors/psi-%s-editor.ui", kind_nick);
  self->builder = gtk_builder_new ();
  if (!gtk_builder_add_from_resource (self->builder, path, &local_error))
    g_error ("Cannot load %s: %s", path, local_error->message);
  gtk_box_append (self->content_box, field (self, "form"));
  gtk_widget_add_css_class (GTK_WIDGET (self), kind_nick);

  load_record (self);
  watch_form (self);
  revalidate (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  return self;
}

PsiRecordKind
psi_editor_dialog_get_kind (PsiEditorDialog *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), 0);

  return self->kind;
}

PsiRecord *
psi_editor_dialog_get_record (PsiEditorDialog *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), NULL);

  return self->record;
}

gboolean
psi_editor_dialog_get_valid (PsiEditorDialog *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), FALSE);

  return self->valid;
}

GObject *
psi_editor_dialog_get_field (PsiEditorDialog *self,
                             const char      *field_id)
{
  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), NULL);

  return self->builder != NULL ? gtk_builder_get_object (self->builder, field_id) : NULL;
}

const char *
psi_editor_dialog_get_error (PsiEditorDialog *self,
                             const char      *field_id)
{
  g_autofree char *error_id = NULL;
  GtkWidget *label;

  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), NULL);

  if (field_id == NULL || *field_id == '\0')
    label = GTK_WIDGET (self->error_label);
  else
    {
      error_id = g_strconcat (field_id, "_error", NULL);
      label = field (self, error_id);
    }
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

gboolean
psi_editor_dialog_choose (PsiEditorDialog *self,
                          const char      *field_id,
                          gint64           id)
{
  GtkWidget *dropdown;

  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), FALSE);

  dropdown = field (self, field_id);
  if (!GTK_IS_DROP_DOWN (dropdown))
    return FALSE;
  select_id (GTK_DROP_DOWN (dropdown), id);
  return get_ref (GTK_DROP_DOWN (dropdown)) == id;
}

GtkWidget *
psi_editor_dialog_add_row (PsiEditorDialog *self,
                           const char      *field_id)
{
  GtkWidget *row;

  g_return_val_if_fail (PSI_IS_EDITOR_DIALOG (self), NULL);

  if (g_strcmp0 (field_id, "items") == 0 && self->kind == PSI_RECORD_KIND_AWARD)
    row = add_item_row (self, NULL);
  else if ((g_strcmp0 (field_id, "participants") == 0 && self->kind == PSI_RECORD_KIND_EVENT) ||
           (g_strcmp0 (field_id, "signatories") == 0 &&
            self->kind == PSI_RECORD_KIND_AGREEMENT))
    row = add_participant_row (self, field_id, NULL);
  else
    g_return_val_if_reached (NULL);

  revalidate (self);
  return row;
}
