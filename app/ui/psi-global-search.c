/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-global-search"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-global-search.h"

#include "psi-format.h"
#include "psi-record-list.h"
#include "psi-ui-scope.h"

/* The kinds searched, in the order they are listed */
static const PsiRecordKind searched_kinds[] = {
  PSI_RECORD_KIND_EVENT,
  PSI_RECORD_KIND_COMPETITION,
  PSI_RECORD_KIND_AWARD,
  PSI_RECORD_KIND_MUNICIPALITY,
  PSI_RECORD_KIND_CLUSTER,
  PSI_RECORD_KIND_ORGANISATION,
  PSI_RECORD_KIND_OFFICIAL,
  PSI_RECORD_KIND_AGREEMENT,
};

#define N_SEARCHED G_N_ELEMENTS (searched_kinds)

struct _PsiGlobalSearch
{
  GtkWindow       parent_instance;

  PsiWindow      *window;     /* weak: the transient parent */
  PsiRecordList  *lists[N_SEARCHED];
  char           *searched;   /* the text the results are for */

  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkListBox     *results;
};

G_DEFINE_FINAL_TYPE (PsiGlobalSearch, psi_global_search, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows carry what they stand for. */
#define ROW_KIND "psi-kind"
#define ROW_ID   "psi-id"

static GtkWidget *
heading_row_new (PsiRecordKind kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (psi_format_kind_plural (kind));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (kind + 1));
  return row;
}

static GtkWidget *
record_row_new (PsiRecord *record)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *summary = psi_format_record_summary (record);
  GtkWidget *label = gtk_label_new (summary);
  gint64 *id = g_new (gint64, 1);

  *id = psi_record_get_id (record);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, summary);
  gtk_widget_set_margin_start (label, 24);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data (G_OBJECT (row), ROW_KIND,
                     GINT_TO_POINTER (psi_record_get_kind (record) + 1));
  g_object_set_data_full (G_OBJECT (row), ROW_ID, id, g_free);
  return row;
}

static GtkWidget *
more_row_new (PsiRecordKind kind,
              guint         more)
{
  GtkWidget *row = gtk_list_box_row_new ();
  /* Translators: the last line under the records of a kind found by the global search, when
   * there are more than it lists; activating it opens the list of that kind with the search */
  g_autofree char *text = g_strdup_printf (ngettext ("and %u more", "and %u more", more), more);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 24);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (kind + 1));
  return row;
}

static void
clear_results (PsiGlobalSearch *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

static void
run_search (PsiGlobalSearch *self,
            const char      *text)
{
  g_autofree char *fold = text != NULL ? psi_fold_query (text) : NULL;
  gboolean searching = fold != NULL && *fold != '\0';
  GtkListBoxRow *first = NULL;
  guint found = 0;

  g_free (self->searched);
  self->searched = g_strdup (text != NULL ? text : "");
  clear_results (self);
  for (guint k = 0; k < N_SEARCHED; k++)
    {
      GListModel *model;
      guint n, shown;

      if (self->lists[k] == NULL)
        continue;
      psi_record_list_set_search (self->lists[k], searching ? text : NULL);
      if (!searching)
        continue;
      model = G_LIST_MODEL (self->lists[k]);
      n = g_list_model_get_n_items (model);
      if (n == 0)
        continue;

      found += n;
      gtk_list_box_append (self->results, heading_row_new (searched_kinds[k]));
      shown = MIN (n, PSI_GLOBAL_SEARCH_MAX_PER_KIND);
      for (guint i = 0; i < shown; i++)
        {
          g_autoptr(PsiRecord) record = g_list_model_get_item (model, i);
          GtkWidget *row;

          if (record == NULL)
            continue;
          row = record_row_new (record);
          gtk_list_box_append (self->results, row);
          if (first == NULL)
            first = GTK_LIST_BOX_ROW (row);
        }
      if (n > shown)
        gtk_list_box_append (self->results, more_row_new (searched_kinds[k], n - shown));
    }

  if (first != NULL)
    gtk_list_box_select_row (self->results, first);
  gtk_stack_set_visible_child_name (self->stack,
                                    !searching ? "start" : found > 0 ? "results" : "no-results");
}

/* Shows what a row stands for in the window, and closes. */
static void
open_row (PsiGlobalSearch *self,
          GtkListBoxRow   *row)
{
  PsiRecordKind kind;
  gint64 id = 0;
  g_autoptr(PsiWindow) window = NULL;

  if (self->window == NULL)
    return;
  window = g_object_ref (self->window);

  if (psi_global_search_row_get_record (row, &kind, &id))
    psi_window_show_record (window, kind, id);
  else if (g_object_get_data (G_OBJECT (row), ROW_KIND) != NULL)
    {
      /* "and N more": the whole list of the kind, searched */
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      PsiSectionPage *page;

      kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), ROW_KIND)) - 1;
      page = psi_window_get_page (window, kind);
      if (page == NULL || !psi_window_show_page (window, kind))
        return;
      psi_section_page_set_search (page, text);
    }
  else
    return;

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
search_changed_cb (PsiGlobalSearch *self,
                   GtkSearchEntry  *entry)
{
  g_assert (PSI_IS_GLOBAL_SEARCH (self));

  run_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
entry_activate_cb (PsiGlobalSearch *self,
                   GtkSearchEntry  *entry)
{
  GtkListBoxRow *row;

  g_assert (PSI_IS_GLOBAL_SEARCH (self));

  /* The entry's own delay may not have run the search yet; if it has, the row chosen with
   * Up and Down stays. */
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    run_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  row = gtk_list_box_get_selected_row (self->results);
  if (row != NULL)
    open_row (self, row);
}

/* Selects the next (or previous) row that can be opened; FALSE when there is none. */
static gboolean
select_next (PsiGlobalSearch *self,
             int              step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  for (index += step; index >= 0; index += step)
    {
      GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->results, index);

      if (next == NULL)
        return FALSE;
      if (gtk_list_box_row_get_selectable (next))
        {
          gtk_list_box_select_row (self->results, next);
          gtk_widget_grab_focus (GTK_WIDGET (self->entry));
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
entry_key_pressed_cb (PsiGlobalSearch       *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  g_assert (PSI_IS_GLOBAL_SEARCH (self));

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      select_next (self, 1);
      return TRUE;
    }
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    {
      select_next (self, -1);
      return TRUE;
    }
  return FALSE;
}

static void
stop_search_cb (PsiGlobalSearch *self,
                GtkSearchEntry  *entry)
{
  g_assert (PSI_IS_GLOBAL_SEARCH (self));

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
row_activated_cb (PsiGlobalSearch *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *box)
{
  g_assert (PSI_IS_GLOBAL_SEARCH (self));

  open_row (self, row);
}

static void
psi_global_search_constructed (GObject *object)
{
  PsiGlobalSearch *self = PSI_GLOBAL_SEARCH (object);
  PsiStore *store;

  G_OBJECT_CLASS (psi_global_search_parent_class)->constructed (object);

  g_assert (PSI_IS_WINDOW (self->window));

  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));
  store = psi_window_get_store (self->window);
  for (guint k = 0; k < N_SEARCHED && store != NULL; k++)
    self->lists[k] = psi_record_list_new (store, searched_kinds[k]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_window_get_title (GTK_WINDOW (self)),
                                  -1);
  run_search (self, NULL);
}

static void
psi_global_search_dispose (GObject *object)
{
  PsiGlobalSearch *self = PSI_GLOBAL_SEARCH (object);

  for (guint k = 0; k < N_SEARCHED; k++)
    g_clear_object (&self->lists[k]);
  g_clear_weak_pointer (&self->window);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_GLOBAL_SEARCH);

  G_OBJECT_CLASS (psi_global_search_parent_class)->dispose (object);
}

static void
psi_global_search_finalize (GObject *object)
{
  PsiGlobalSearch *self = PSI_GLOBAL_SEARCH (object);

  g_clear_pointer (&self->searched, g_free);

  G_OBJECT_CLASS (psi_global_search_parent_class)->finalize (object);
}

static void
psi_global_search_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PsiGlobalSearch *self = PSI_GLOBAL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_global_search_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PsiGlobalSearch *self = PSI_GLOBAL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_weak_pointer (&self->window, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_global_search_class_init (PsiGlobalSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = psi_global_search_constructed;
  object_class->dispose = psi_global_search_dispose;
  object_class->finalize = psi_global_search_finalize;
  object_class->get_property = psi_global_search_get_property;
  object_class->set_property = psi_global_search_set_property;

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL,
                         PSI_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  psi_ui_ensure_types ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-global-search.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiGlobalSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, PsiGlobalSearch, stack);
  gtk_widget_class_bind_template_child (widget_class, PsiGlobalSearch, results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psi_global_search_init (PsiGlobalSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self->results));
}

PsiGlobalSearch *
psi_global_search_new (PsiWindow *window)
{
  g_return_val_if_fail (PSI_IS_WINDOW (window), NULL);

  return g_object_new (PSI_TYPE_GLOBAL_SEARCH, "window", window, NULL);
}

PsiWindow *
psi_global_search_get_window (PsiGlobalSearch *self)
{
  g_return_val_if_fail (PSI_IS_GLOBAL_SEARCH (self), NULL);

  return self->window;
}

void
psi_global_search_set_text (PsiGlobalSearch *self,
                            const char      *text)
{
  g_return_if_fail (PSI_IS_GLOBAL_SEARCH (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  run_search (self, text);
}

const char *
psi_global_search_get_text (PsiGlobalSearch *self)
{
  g_return_val_if_fail (PSI_IS_GLOBAL_SEARCH (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

guint
psi_global_search_get_n_found (PsiGlobalSearch *self,
                               PsiRecordKind    kind)
{
  g_return_val_if_fail (PSI_IS_GLOBAL_SEARCH (self), 0);

  for (guint k = 0; k < N_SEARCHED; k++)
    if (searched_kinds[k] == kind && self->lists[k] != NULL &&
        psi_record_list_get_search (self->lists[k]) != NULL)
      return g_list_model_get_n_items (G_LIST_MODEL (self->lists[k]));
  return 0;
}

GtkListBox *
psi_global_search_get_results (PsiGlobalSearch *self)
{
  g_return_val_if_fail (PSI_IS_GLOBAL_SEARCH (self), NULL);

  return self->results;
}

gboolean
psi_global_search_row_get_record (GtkListBoxRow *row,
                                  PsiRecordKind *kind,
                                  gint64        *id)
{
  gpointer k;
  gint64 *row_id;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), FALSE);

  k = g_object_get_data (G_OBJECT (row), ROW_KIND);
  row_id = g_object_get_data (G_OBJECT (row), ROW_ID);
  if (kind != NULL)
    *kind = k != NULL ? (PsiRecordKind) (GPOINTER_TO_INT (k) - 1) : 0;
  if (id != NULL)
    *id = row_id != NULL ? *row_id : 0;
  return k != NULL && row_id != NULL;
}
