/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-section-page"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-section-page.h"

#include "psi-column-sorter.h"
#include "psi-detail-pane.h"
#include "psi-ui-scope.h"

struct _PsiSectionPage
{
  GtkWidget           parent_instance;

  PsiRecordKind       kind;
  PsiStore           *store;
  PsiRecordList      *list;
  GtkSingleSelection *selection;
  gint64              selected_id;
  guint               in_items_changed;

  GtkPaned           *paned;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *empty_title;
  PsiDetailPane      *detail_pane;
  GtkDropDown        *filter_dropdown;
  GtkDropDown        *award_kind_dropdown;

  /* The records filter_dropdown offers (NULL when the kind has no such filter), and the id
   * at each of its positions (0 at position 0: "All …") */
  PsiRecordList      *filter_source;
  GArray             *filter_ids;
  guint               filling_filter;
};

/* The filter by a record of another kind, per kind of list */
static const struct {
  PsiRecordKind  kind;
  const char    *filter;     /* psi_record_list_set_filter () name */
  PsiRecordKind  source;     /* kind of the records offered */
} record_filters[] = {
  { PSI_RECORD_KIND_AWARD,        "competition", PSI_RECORD_KIND_COMPETITION },
  { PSI_RECORD_KIND_MUNICIPALITY, "region",      PSI_RECORD_KIND_REGION },
  { PSI_RECORD_KIND_COMPETITION,  "event",       PSI_RECORD_KIND_EVENT },
};

G_DEFINE_FINAL_TYPE (PsiSectionPage, psi_section_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_STORE,
  PROP_SEARCH,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
empty_title_for_kind (PsiRecordKind kind)
{
  switch (kind)
    {
    case PSI_RECORD_KIND_EVENT:
      /* Translators: this and the titles below are shown in place of an empty list */
      return _("No conferences yet");
    case PSI_RECORD_KIND_COMPETITION:  return _("No competitions yet");
    case PSI_RECORD_KIND_AWARD:        return _("No awards yet");
    case PSI_RECORD_KIND_MUNICIPALITY: return _("No municipalities yet");
    case PSI_RECORD_KIND_CLUSTER:      return _("No clusters yet");
    case PSI_RECORD_KIND_ORGANISATION: return _("No organisations yet");
    case PSI_RECORD_KIND_OFFICIAL:     return _("No people yet");
    case PSI_RECORD_KIND_AGREEMENT:    return _("No agreements yet");
    case PSI_RECORD_KIND_REGION:       return _("No regions yet");
    case PSI_RECORD_KIND_DISTRICT:     return _("No districts yet");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
search_placeholder_for_kind (PsiRecordKind kind)
{
  switch (kind)
    {
    case PSI_RECORD_KIND_EVENT:
      /* Translators: this and the strings below are placeholders of the search entry above
       * a list */
      return _("Search conferences");
    case PSI_RECORD_KIND_COMPETITION:  return _("Search competitions");
    case PSI_RECORD_KIND_AWARD:        return _("Search awards");
    case PSI_RECORD_KIND_MUNICIPALITY: return _("Search municipalities");
    case PSI_RECORD_KIND_CLUSTER:      return _("Search clusters");
    case PSI_RECORD_KIND_ORGANISATION: return _("Search organisations");
    case PSI_RECORD_KIND_OFFICIAL:     return _("Search people");
    case PSI_RECORD_KIND_AGREEMENT:    return _("Search agreements");
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    default:
      return _("Search");
    }
}

static const char *
record_filter_name (PsiRecordKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_filters); i++)
    if (record_filters[i].kind == kind)
      return record_filters[i].filter;
  return NULL;
}

/* The first item of the filter drop-down, and what it says to screen readers */
static const char *
all_label_for_kind (PsiRecordKind kind)
{
  switch (kind)
    {
    /* Translators: first item of the drop-down above the list of awards: no filter by
     * competition */
    case PSI_RECORD_KIND_AWARD:        return _("All competitions");
    /* Translators: first item of the drop-down above the list of municipalities: no filter by
     * region (oblast) */
    case PSI_RECORD_KIND_MUNICIPALITY: return _("All regions");
    /* Translators: first item of the drop-down above the list of competitions: no filter by
     * event (conference) */
    case PSI_RECORD_KIND_COMPETITION:  return _("All events");
    default:                           return "";
    }
}

static const char *
filter_tooltip_for_kind (PsiRecordKind kind)
{
  switch (kind)
    {
    /* Translators: tooltip of the drop-down above the list of awards */
    case PSI_RECORD_KIND_AWARD:        return _("Show only the awards of a competition");
    /* Translators: tooltip of the drop-down above the list of municipalities */
    case PSI_RECORD_KIND_MUNICIPALITY: return _("Show only the municipalities of a region");
    /* Translators: tooltip of the drop-down above the list of competitions */
    case PSI_RECORD_KIND_COMPETITION:  return _("Show only the competitions of an event");
    default:                           return "";
    }
}

static gint64
selected_item_id (PsiSectionPage *self)
{
  PsiRecord *record;

  if (self->selection == NULL)
    return 0;

  record = gtk_single_selection_get_selected_item (self->selection);
  return record != NULL ? psi_record_get_id (record) : 0;
}

static void
set_selected_id (PsiSectionPage *self,
                 gint64          id)
{
  if (self->selected_id == id)
    return;

  self->selected_id = id;
  psi_detail_pane_show_record (self->detail_pane, self->kind, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
scroll_to (PsiSectionPage *self,
           guint           position)
{
  /* gtk_column_view_scroll_to () is GTK 4.10; the inner list view has the action in 4.8. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          break;
        }
    }
}

/* Selects id again after the list changed under the selection (search, sort, an edit). */
static void
restore_selection (PsiSectionPage *self,
                   gint64          id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (id > 0)
    position = psi_record_list_find (self->list, id);
  if (position == G_MAXUINT)
    position = GTK_INVALID_LIST_POSITION;

  self->in_items_changed++;
  gtk_single_selection_set_selected (self->selection, position);
  self->in_items_changed--;

  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (self, position);

  set_selected_id (self, position != GTK_INVALID_LIST_POSITION ? id : 0);
}

static void
update_state (PsiSectionPage *self)
{
  const char *state = "list";

  if (self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    {
      const char *search = self->list ? psi_record_list_get_search (self->list) : NULL;
      gboolean filtered = self->list != NULL &&
        (gtk_drop_down_get_selected (self->filter_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->award_kind_dropdown) > 0);

      state = (search != NULL && *search != '\0') || filtered ? "no-results" : "empty";
    }

  gtk_stack_set_visible_child_name (self->list_stack, state);
}

static void
items_changed_before_cb (PsiSectionPage *self,
                         guint           position,
                         guint           removed,
                         guint           added,
                         GListModel     *list)
{
  g_assert (PSI_IS_SECTION_PAGE (self));

  self->in_items_changed++;
}

static void
items_changed_after_cb (PsiSectionPage *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *list)
{
  gint64 id = self->selected_id;

  g_assert (PSI_IS_SECTION_PAGE (self));

  self->in_items_changed--;

  if (self->in_items_changed == 0 && id > 0)
    {
      guint selected;

      /* The selection model drops the selection when the selected row is replaced. */
      if (selected_item_id (self) != id)
        restore_selection (self, id);

      /* The selected record may have been edited: show its new values. */
      selected = gtk_single_selection_get_selected (self->selection);
      if (self->selected_id == id && selected != GTK_INVALID_LIST_POSITION &&
          selected >= position && selected < position + added)
        psi_detail_pane_show_record (self->detail_pane, self->kind, id);
    }

  update_state (self);
}

static void
selection_changed_cb (PsiSectionPage *self,
                      GParamSpec     *pspec,
                      GtkSelectionModel *selection)
{
  g_assert (PSI_IS_SECTION_PAGE (self));

  if (self->in_items_changed > 0)
    return;

  set_selected_id (self, selected_item_id (self));
}

static void
apply_search (PsiSectionPage *self,
              const char     *search)
{
  gint64 id;

  if (self->list == NULL ||
      g_strcmp0 (psi_record_list_get_search (self->list), search) == 0)
    return;

  id = self->selected_id;
  psi_record_list_set_search (self->list, search);
  restore_selection (self, id);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* Filters */

static void
apply_filter (PsiSectionPage *self,
              const char     *filter,
              gboolean        set,
              gint64          value)
{
  gint64 id = self->selected_id;

  if (self->list == NULL)
    return;
  if (set)
    psi_record_list_set_filter (self->list, filter, value);
  else
    psi_record_list_clear_filter (self->list, filter);
  restore_selection (self, id);
  update_state (self);
}

static void
filter_selected_cb (PsiSectionPage *self,
                    GParamSpec     *pspec,
                    GtkDropDown    *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  gint64 id = 0;

  g_assert (PSI_IS_SECTION_PAGE (self));

  if (self->filling_filter > 0 || self->filter_ids == NULL)
    return;
  if (position != GTK_INVALID_LIST_POSITION && position < self->filter_ids->len)
    id = g_array_index (self->filter_ids, gint64, position);
  apply_filter (self, record_filter_name (self->kind), id > 0, id);
}

static void
award_kind_selected_cb (PsiSectionPage *self,
                        GParamSpec     *pspec,
                        GtkDropDown    *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  g_assert (PSI_IS_SECTION_PAGE (self));

  if (self->kind != PSI_RECORD_KIND_AWARD)
    return;
  apply_filter (self, "award-kind", position > 0 && position != GTK_INVALID_LIST_POSITION,
                (gint64) position - 1);
}

/* (Re)fills the filter drop-down from the records offered, keeping the chosen one; when it is
 * gone, the filter goes too. */
static void
fill_filter (PsiSectionPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GListModel *source = G_LIST_MODEL (self->filter_source);
  guint old = gtk_drop_down_get_selected (self->filter_dropdown);
  gint64 chosen = 0;
  guint position = 0;
  gint64 zero = 0;

  if (self->filter_ids != NULL && old != GTK_INVALID_LIST_POSITION && old < self->filter_ids->len)
    chosen = g_array_index (self->filter_ids, gint64, old);

  g_clear_pointer (&self->filter_ids, g_array_unref);
  self->filter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (strings, all_label_for_kind (self->kind));
  g_array_append_val (self->filter_ids, zero);
  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (source, i);
      g_autofree char *title = NULL;
      gint64 id;

      if (record == NULL)
        continue;
      id = psi_record_get_id (record);
      title = psi_record_dup_title (record, psi_language_get_current ());
      gtk_string_list_append (strings, title);
      g_array_append_val (self->filter_ids, id);
      if (id == chosen)
        position = self->filter_ids->len - 1;
    }

  self->filling_filter++;
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->filter_dropdown, position);
  self->filling_filter--;

  if (chosen > 0 && position == 0)
    apply_filter (self, record_filter_name (self->kind), FALSE, 0);
}

static void
filter_source_changed_cb (PsiSectionPage *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GListModel     *source)
{
  g_assert (PSI_IS_SECTION_PAGE (self));

  fill_filter (self);
}

/* The filters of the new list, from the drop-downs */
static void
setup_filters (PsiSectionPage *self)
{
  if (self->filter_source != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_source, self);
  g_clear_object (&self->filter_source);

  if (self->store != NULL && record_filter_name (self->kind) != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (record_filters); i++)
        if (record_filters[i].kind == self->kind)
          self->filter_source = psi_record_list_new (self->store, record_filters[i].source);
      g_signal_connect_object (self->filter_source, "items-changed",
                               G_CALLBACK (filter_source_changed_cb), self, G_CONNECT_SWAPPED);
      fill_filter (self);
      filter_selected_cb (self, NULL, self->filter_dropdown);
    }
  if (self->store != NULL && self->kind == PSI_RECORD_KIND_AWARD)
    award_kind_selected_cb (self, NULL, self->award_kind_dropdown);
}

static void
search_changed_cb (PsiSectionPage *self,
                   GtkSearchEntry *entry)
{
  g_assert (PSI_IS_SECTION_PAGE (self));

  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (PsiSectionPage *self,
                GtkSearchEntry *entry)
{
  g_assert (PSI_IS_SECTION_PAGE (self));

  psi_section_page_set_search (self, "");
}

/* Enter or a double click on a row edits the record. */
static void
row_activated_cb (PsiSectionPage *self,
                  guint           position,
                  GtkColumnView  *column_view)
{
  g_assert (PSI_IS_SECTION_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-record", NULL);
}

static void
sorter_changed_cb (PsiSectionPage   *self,
                   GtkSorterChange   change,
                   GtkSorter        *sorter)
{
  const char *key = NULL;
  gboolean descending = FALSE;
  gint64 id;

  g_assert (PSI_IS_SECTION_PAGE (self));

  if (self->list == NULL)
    return;

  if (!psi_column_sorter_probe (sorter, &key, &descending))
    key = NULL;

  id = self->selected_id;
  psi_record_list_set_sort (self->list, key, descending);
  restore_selection (self, id);
}

static void
load_columns (PsiSectionPage *self)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GtkBuilderScope) scope = psi_ui_scope_new ();
  g_autofree char *path = psi_ui_dup_columns_path (self->kind);
  g_autoptr(GError) error = NULL;
  GtkColumnView *source;
  GListModel *columns;

  gtk_builder_set_scope (builder, scope);
  /* No gtk_builder_set_translation_domain (): the column files name their domain, and GTK 4.8
   * reads a freed string when both do (AddressSanitizer: heap-use-after-free in
   * gtk_builder_set_translation_domain () at the end of the parse). */

  if (!gtk_builder_add_from_resource (builder, path, &error))
    {
      g_critical ("Cannot load the columns of %s: %s", path, error->message);
      return;
    }

  source = GTK_COLUMN_VIEW (gtk_builder_get_object (builder, "columns"));
  g_return_if_fail (source != NULL);

  columns = gtk_column_view_get_columns (source);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (source, column);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
psi_section_page_constructed (GObject *object)
{
  PsiSectionPage *self = PSI_SECTION_PAGE (object);

  G_OBJECT_CLASS (psi_section_page_parent_class)->constructed (object);

  load_columns (self);
  gtk_label_set_text (self->empty_title, empty_title_for_kind (self->kind));
  /* gtk_search_entry_set_placeholder_text () is GTK 4.10; the property is older. */
  g_object_set (self->search_entry,
                "placeholder-text", search_placeholder_for_kind (self->kind),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  search_placeholder_for_kind (self->kind),
                                  -1);
  if (record_filter_name (self->kind) != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->filter_dropdown), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_dropdown),
                                   filter_tooltip_for_kind (self->kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      filter_tooltip_for_kind (self->kind),
                                      -1);
    }
  if (self->kind == PSI_RECORD_KIND_AWARD)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->award_kind_dropdown), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->award_kind_dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (
                                        GTK_WIDGET (self->award_kind_dropdown)),
                                      -1);
    }
  setup_filters (self);
  update_state (self);
}

static void
psi_section_page_dispose (GObject *object)
{
  PsiSectionPage *self = PSI_SECTION_PAGE (object);

  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                            sorter_changed_cb, self);
      gtk_column_view_set_model (self->column_view, NULL);
    }

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  if (self->filter_source != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_source, self);
  g_clear_object (&self->filter_source);
  g_clear_pointer (&self->filter_ids, g_array_unref);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_SECTION_PAGE);

  G_OBJECT_CLASS (psi_section_page_parent_class)->dispose (object);
}

static void
psi_section_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsiSectionPage *self = PSI_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, psi_section_page_get_kind (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, psi_section_page_get_store (self));
      break;
    case PROP_SEARCH:
      g_value_set_string (value, psi_section_page_get_search (self));
      break;
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, psi_section_page_get_selected_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_section_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsiSectionPage *self = PSI_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_STORE:
      psi_section_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_SEARCH:
      psi_section_page_set_search (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_ID:
      psi_section_page_select_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_section_page_class_init (PsiSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = psi_section_page_constructed;
  object_class->dispose = psi_section_page_dispose;
  object_class->get_property = psi_section_page_get_property;
  object_class->set_property = psi_section_page_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PSI_TYPE_RECORD_KIND,
                       PSI_RECORD_KIND_MUNICIPALITY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PSI_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PSI_TYPE_DETAIL_PANE);
  psi_ui_ensure_types ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-section-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, paned);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, empty_title);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsiSectionPage, award_kind_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, award_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "psi-section-page");
}

static void
psi_section_page_init (PsiSectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
psi_section_page_new (PsiRecordKind  kind,
                      PsiStore      *store)
{
  g_return_val_if_fail (store == NULL || PSI_IS_STORE (store), NULL);

  return g_object_new (PSI_TYPE_SECTION_PAGE, "kind", kind, "store", store, NULL);
}

PsiRecordKind
psi_section_page_get_kind (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), 0);

  return self->kind;
}

PsiStore *
psi_section_page_get_store (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);

  return self->store;
}

void
psi_section_page_set_store (PsiSectionPage *self,
                            PsiStore       *store)
{
  const char *key = NULL;
  gboolean descending = FALSE;
  const char *search;

  g_return_if_fail (PSI_IS_SECTION_PAGE (self));
  g_return_if_fail (store == NULL || PSI_IS_STORE (store));

  if (self->store == store)
    return;

  set_selected_id (self, 0);
  gtk_column_view_set_model (self->column_view, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  g_set_object (&self->store, store);
  psi_detail_pane_set_store (self->detail_pane, store);

  if (store != NULL)
    {
      self->list = psi_record_list_new (store, self->kind);

      search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      if (*search != '\0')
        psi_record_list_set_search (self->list, search);
      if (psi_column_sorter_probe (gtk_column_view_get_sorter (self->column_view),
                                   &key, &descending))
        psi_record_list_set_sort (self->list, key, descending);

      /* Connected around the selection's own handler: see items_changed_after_cb (). */
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (items_changed_before_cb), self, G_CONNECT_SWAPPED);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (items_changed_after_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "notify::selected",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }

  setup_filters (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PsiRecordList *
psi_section_page_get_list (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);

  return self->list;
}

GtkColumnView *
psi_section_page_get_column_view (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);

  return self->column_view;
}

PsiDetailPane *
psi_section_page_get_detail_pane (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);

  return self->detail_pane;
}

const char *
psi_section_page_get_search (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
psi_section_page_set_search (PsiSectionPage *self,
                             const char     *search)
{
  g_return_if_fail (PSI_IS_SECTION_PAGE (self));

  if (search == NULL)
    search = "";

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);

  /* At once, not after the entry's search-changed delay. */
  apply_search (self, search);
}

gint64
psi_section_page_get_selected_id (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), 0);

  return self->selected_id;
}

gboolean
psi_section_page_select_id (PsiSectionPage *self,
                            gint64          id)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), FALSE);

  if (self->list == NULL)
    return FALSE;

  if (id > 0 && psi_record_list_find (self->list, id) == G_MAXUINT &&
      *psi_section_page_get_search (self) != '\0')
    psi_section_page_set_search (self, "");
  /* Still hidden: by a filter */
  if (id > 0 && psi_record_list_find (self->list, id) == G_MAXUINT)
    {
      gtk_drop_down_set_selected (self->filter_dropdown, 0);
      gtk_drop_down_set_selected (self->award_kind_dropdown, 0);
    }

  restore_selection (self, id);

  return id == 0 || self->selected_id == id;
}

const char *
psi_section_page_get_state (PsiSectionPage *self)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->list_stack);
}

void
psi_section_page_focus_search (PsiSectionPage *self)
{
  g_return_if_fail (PSI_IS_SECTION_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * psi_section_page_get_sort:
 * @key: (out): the sort key of the column the list is sorted by
 * @descending: (out): whether the order is descending
 *
 * Returns: %TRUE when the user sorted the list by a column.
 */
gboolean
psi_section_page_get_sort (PsiSectionPage  *self,
                           const char     **key,
                           gboolean        *descending)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), FALSE);

  return psi_column_sorter_probe (gtk_column_view_get_sorter (self->column_view),
                                  key, descending);
}

/* Sorts by the column whose PsiColumnSorter has @key, as a click on its header would. */
void
psi_section_page_sort_by (PsiSectionPage *self,
                          const char     *key,
                          gboolean        descending)
{
  GListModel *columns;

  g_return_if_fail (PSI_IS_SECTION_PAGE (self));

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (PSI_IS_COLUMN_SORTER (sorter) &&
          g_strcmp0 (psi_column_sorter_get_key (PSI_COLUMN_SORTER (sorter)), key) == 0)
        {
          gtk_column_view_sort_by_column (self->column_view, column,
                                          descending ? GTK_SORT_DESCENDING
                                                     : GTK_SORT_ASCENDING);
          return;
        }
    }
}

/* Filters: "competition", "award-kind" (awards), "region" (municipalities), "event"
 * (competitions); see psi_record_list_set_filter (). */
GtkDropDown *
psi_section_page_get_filter_dropdown (PsiSectionPage *self,
                                      const char     *filter)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (self->kind == PSI_RECORD_KIND_AWARD && g_str_equal (filter, "award-kind"))
    return self->award_kind_dropdown;
  if (g_strcmp0 (record_filter_name (self->kind), filter) == 0)
    return self->filter_dropdown;
  return NULL;
}

gboolean
psi_section_page_get_filter (PsiSectionPage *self,
                             const char     *filter,
                             gint64         *value)
{
  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), FALSE);

  return self->list != NULL && psi_record_list_get_filter (self->list, filter, value);
}

gboolean
psi_section_page_set_filter (PsiSectionPage *self,
                             const char     *filter,
                             gint64          value)
{
  GtkDropDown *dropdown;

  g_return_val_if_fail (PSI_IS_SECTION_PAGE (self), FALSE);

  dropdown = psi_section_page_get_filter_dropdown (self, filter);
  if (dropdown == NULL)
    return FALSE;
  if (dropdown == self->award_kind_dropdown)
    {
      if (value < 0 || value >= 3)
        return FALSE;
      gtk_drop_down_set_selected (dropdown, (guint) value + 1);
      return TRUE;
    }
  for (guint i = 1; self->filter_ids != NULL && i < self->filter_ids->len; i++)
    if (g_array_index (self->filter_ids, gint64, i) == value)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
psi_section_page_clear_filter (PsiSectionPage *self,
                               const char     *filter)
{
  GtkDropDown *dropdown;

  g_return_if_fail (PSI_IS_SECTION_PAGE (self));

  dropdown = psi_section_page_get_filter_dropdown (self, filter);
  if (dropdown != NULL)
    gtk_drop_down_set_selected (dropdown, 0);
}
