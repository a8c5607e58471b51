/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finding records in a real PsiWindow on the sample, under Xvfb: typing in a list's search
 * entry across scripts, the global search (Ctrl+K) over every kind and opening what it finds,
 * and the filters of the lists (awards by competition and kind, municipalities by region),
 * whose counts must be the store's. Screenshots global-search.png and awards-filtered.png go
 * to the build directory. */

#define G_LOG_DOMAIN "test-finding"

#include "config.h"

#include <gtk/gtk.h>

#include "psi-format.h"
#include "psi-global-search.h"
#include "psi-sample.h"
#include "psi-section-page.h"
#include "psi-test-ui.h"
#include "psi-test-window.h"
#include "psi-window.h"

typedef PsiTestWindow Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  psi_test_window_setup (f, "psi-finding", TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  psi_test_window_teardown (f);
}

/* Helpers */

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  PsiSectionPage *page;
  const char     *search;
} SearchWait;

static gboolean
list_searched (gpointer data)
{
  SearchWait *wait = data;

  const char *search = psi_record_list_get_search (psi_section_page_get_list (wait->page));

  /* The list keeps no search as NULL */
  return g_strcmp0 (search != NULL ? search : "", wait->search) == 0;
}

/* Types into the page's search entry (its text, as the user's typing sets it) and waits
 * for the entry's delayed search to reach the list. */
static void
type_search (PsiSectionPage *page,
             const char     *text)
{
  GtkWidget *entry = find_widget_of_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  SearchWait wait = { page, text };

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (psi_test_wait_for (list_searched, &wait));
  psi_test_settle ();
}

/* The titles the list shows, in the current language */
static gboolean
list_has_title (PsiSectionPage *page,
                const char     *title)
{
  GListModel *model = G_LIST_MODEL (psi_section_page_get_list (page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (model, i);
      g_autofree char *t = psi_record_dup_title (record, psi_language_get_current ());

      if (g_str_equal (t, title))
        return TRUE;
    }
  return FALSE;
}

/* Searching a list across scripts, in the interface language */

static void
test_list_search (Fixture       *f,
                  gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY);
  GtkWidget *view = GTK_WIDGET (psi_section_page_get_column_view (page));

  psi_window_set_section (f->window, "municipalities");

  /* Latin letters find the Russian name */
  psi_language_set_current (PSI_LANGUAGE_RU);
  psi_record_list_reload (psi_section_page_get_list (page));
  type_search (page, "tepl");
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "list");
  g_assert_true (list_has_title (page, "Теплоключенка"));
  g_assert_true (psi_test_find_label (view, "Теплоключенка"));
  g_assert_false (psi_test_find_label (view, "Бешик-Джон"));

  /* Cyrillic finds the English name */
  psi_language_set_current (PSI_LANGUAGE_EN);
  psi_record_list_reload (psi_section_page_get_list (page));
  type_search (page, "бешик");
  g_assert_true (list_has_title (page, "Beshik-Jon"));
  g_assert_true (psi_test_find_label (view, "Beshik-Jon"));
  g_assert_false (psi_test_find_label (view, "Teplokluchenka"));

  /* Russian spelling finds the name with Kyrgyz letters, in English and in Kyrgyz */
  type_search (page, "кенеш");
  g_assert_true (list_has_title (page, "Kenesh"));
  g_assert_true (psi_test_find_label (view, "Kenesh"));
  psi_language_set_current (PSI_LANGUAGE_KY);
  psi_record_list_reload (psi_section_page_get_list (page));
  psi_test_settle ();
  g_assert_true (list_has_title (page, "Кеңеш"));
  g_assert_true (psi_test_find_label (view, "Кеңеш"));

  /* Nothing found */
  psi_language_set_current (PSI_LANGUAGE_EN);
  psi_record_list_reload (psi_section_page_get_list (page));
  type_search (page, "zzzqqq");
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "no-results");
  type_search (page, "");
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "list");
}

/* The global search */

static PsiGlobalSearch *
find_global_search (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PSI_IS_GLOBAL_SEARCH (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PSI_GLOBAL_SEARCH (window);
    }
  return NULL;
}

static gboolean
global_search_open (gpointer data)
{
  PsiGlobalSearch *search = find_global_search ();

  return search != NULL && gtk_widget_get_mapped (GTK_WIDGET (search));
}

static gboolean
global_search_closed (gpointer data)
{
  return find_global_search () == NULL;
}

static PsiGlobalSearch *
open_global_search (Fixture *f)
{
  g_assert_null (find_global_search ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search",
                                             NULL));
  g_assert_true (psi_test_wait_for (global_search_open, NULL));
  return find_global_search ();
}

typedef struct
{
  PsiGlobalSearch *search;
  const char      *text;
} GlobalWait;

static gboolean
global_searched (gpointer data)
{
  GlobalWait *wait = data;
  GtkListBox *results = psi_global_search_get_results (wait->search);

  return g_strcmp0 (psi_global_search_get_text (wait->search), wait->text) == 0 &&
         gtk_widget_get_first_child (GTK_WIDGET (results)) != NULL;
}

/* Types into the entry and waits for the results */
static void
type_global (PsiGlobalSearch *search,
             const char      *text)
{
  GtkWidget *entry = find_widget_of_type (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY);
  GlobalWait wait = { search, text };

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (psi_test_wait_for (global_searched, &wait));
  psi_test_settle ();
}

/* The row of a record of a kind, or of "and N more" of the kind (id 0) */
static GtkListBoxRow *
find_row (PsiGlobalSearch *search,
          PsiRecordKind    kind,
          gint64           id,
          gboolean         more)
{
  GtkListBox *results = psi_global_search_get_results (search);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (results, i);
      PsiRecordKind row_kind;
      gint64 row_id;
      gboolean is_record;

      if (row == NULL)
        return NULL;
      is_record = psi_global_search_row_get_record (row, &row_kind, &row_id);
      if (row_kind != kind || !gtk_list_box_row_get_activatable (row))
        continue;
      if (more && !is_record)
        return row;
      if (!more && is_record && (id == 0 || row_id == id))
        return row;
    }
}

static guint
store_search_count (PsiStore      *store,
                    PsiRecordKind  kind,
                    const char    *text)
{
  g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);

  psi_record_list_set_search (list, text);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_global_search (Fixture       *f,
                    gconstpointer  data)
{
  static const PsiRecordKind kinds[] = {
    PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_COMPETITION, PSI_RECORD_KIND_AWARD,
    PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_CLUSTER, PSI_RECORD_KIND_ORGANISATION,
    PSI_RECORD_KIND_OFFICIAL, PSI_RECORD_KIND_AGREEMENT,
  };
  gint64 cluster = psi_test_id_by_title (f->store, PSI_RECORD_KIND_CLUSTER, "Teplokluchenka cluster");
  PsiGlobalSearch *search;
  GtkWidget *results;
  GtkListBoxRow *row;
  guint kinds_found = 0;
  PsiSectionPage *page;

  g_assert_cmpint (cluster, >, 0);
  psi_window_set_section (f->window, "conferences");

  search = open_global_search (f);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (search)) == GTK_WINDOW (f->window));
  type_global (search, "Teplo");
  results = GTK_WIDGET (psi_global_search_get_results (search));

  /* Every kind: as many as the store's search finds, a heading when any */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n = psi_global_search_get_n_found (search, kinds[k]);

      g_assert_cmpuint (n, ==, store_search_count (f->store, kinds[k], "Teplo"));
      g_assert_true (psi_test_find_label (results, psi_format_kind_plural (kinds[k])) == (n > 0));
      if (n > 0)
        kinds_found++;
    }
  g_assert_cmpuint (kinds_found, >=, 3);
  g_assert_cmpuint (psi_global_search_get_n_found (search, PSI_RECORD_KIND_MUNICIPALITY), >=, 1);
  g_assert_cmpuint (psi_global_search_get_n_found (search, PSI_RECORD_KIND_CLUSTER), >=, 1);
  g_assert_cmpuint (psi_global_search_get_n_found (search, PSI_RECORD_KIND_AWARD), >=, 1);
  g_assert_true (psi_test_find_label (results, "Teplokluchenka"));
  g_assert_true (psi_test_find_label (results, "Teplokluchenka cluster"));
  psi_test_save_screenshot (GTK_WIDGET (search), "global-search");

  /* A click on the cluster: its section, selected; the search closes */
  row = find_row (search, PSI_RECORD_KIND_CLUSTER, cluster, FALSE);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  g_assert_true (psi_test_wait_for (global_search_closed, NULL));
  g_assert_cmpstr (psi_window_get_section (f->window), ==, "clusters");
  page = psi_window_get_current_page (f->window);
  g_assert_cmpint (psi_section_page_get_kind (page), ==, PSI_RECORD_KIND_CLUSTER);
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, cluster);

  /* Enter in the entry opens the first result: for бешик, an award of Beshik-Jon */
  search = open_global_search (f);
  type_global (search, "бешик");
  row = gtk_list_box_get_selected_row (psi_global_search_get_results (search));
  g_assert_nonnull (row);
  {
    PsiRecordKind kind;
    gint64 id;
    GtkWidget *entry = find_widget_of_type (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY);

    g_assert_true (psi_global_search_row_get_record (row, &kind, &id));
    g_assert_cmpint (kind, ==, PSI_RECORD_KIND_AWARD);
    /* What Enter in the entry does */
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (psi_test_wait_for (global_search_closed, NULL));
    g_assert_cmpstr (psi_window_get_section (f->window), ==, "competitions");
    page = psi_window_get_current_page (f->window);
    g_assert_cmpint (psi_section_page_get_kind (page), ==, PSI_RECORD_KIND_AWARD);
    g_assert_cmpint (psi_section_page_get_selected_id (page), ==, id);
  }

  /* Down and Up in the entry choose among the records, Enter opens the one chosen */
  search = open_global_search (f);
  type_global (search, "Teplo");
  {
    GtkWidget *entry = find_widget_of_type (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY);
    GtkListBox *box = psi_global_search_get_results (search);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
    g_autoptr(GPtrArray) choices = g_ptr_array_new ();
    GtkEventController *keys = NULL;
    PsiRecordKind kind;
    gint64 id;
    gboolean handled = FALSE;

    for (int i = 0; gtk_list_box_get_row_at_index (box, i) != NULL; i++)
      if (gtk_list_box_row_get_selectable (gtk_list_box_get_row_at_index (box, i)))
        g_ptr_array_add (choices, gtk_list_box_get_row_at_index (box, i));
    g_assert_cmpuint (choices->len, >=, 3);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && keys == NULL)
          keys = controller;
      }
    g_assert_nonnull (keys);
    g_assert_true (gtk_list_box_get_selected_row (box) == choices->pdata[0]);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_assert_true (handled);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Up, 0, 0, &handled);
    g_assert_true (gtk_list_box_get_selected_row (box) == choices->pdata[2]);
    g_assert_true (psi_global_search_row_get_record (choices->pdata[2], &kind, &id));
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (psi_test_wait_for (global_search_closed, NULL));
    page = psi_window_get_current_page (f->window);
    g_assert_cmpint (psi_section_page_get_kind (page), ==, kind);
    g_assert_cmpint (psi_section_page_get_selected_id (page), ==, id);
  }

  /* "and N more" opens the whole list of the kind with the search */
  search = open_global_search (f);
  type_global (search, "a");
  {
    guint n = psi_global_search_get_n_found (search, PSI_RECORD_KIND_MUNICIPALITY);
    g_autofree char *more = NULL;

    g_assert_cmpuint (n, >, PSI_GLOBAL_SEARCH_MAX_PER_KIND);
    more = g_strdup_printf ("and %u more", n - PSI_GLOBAL_SEARCH_MAX_PER_KIND);
    row = find_row (search, PSI_RECORD_KIND_MUNICIPALITY, 0, TRUE);
    g_assert_nonnull (row);
    g_assert_true (psi_test_find_label (GTK_WIDGET (row), more));
    g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
    g_assert_true (psi_test_wait_for (global_search_closed, NULL));
    page = psi_window_get_current_page (f->window);
    g_assert_cmpint (psi_section_page_get_kind (page), ==, PSI_RECORD_KIND_MUNICIPALITY);
    g_assert_cmpstr (psi_section_page_get_search (page), ==, "a");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (psi_section_page_get_list (page))),
                      ==, n);
  }

  /* Escape closes; nothing found says so */
  search = open_global_search (f);
  psi_global_search_set_text (search, "zzzqqq");
  psi_test_settle ();
  g_assert_true (psi_test_find_label (GTK_WIDGET (search), "No Results"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "window.close", NULL));
  g_assert_true (psi_test_wait_for (global_search_closed, NULL));
}

/* Filters */

/* Chooses the item of a filter drop-down with that text, as a click would */
static void
choose (GtkDropDown *dropdown,
        const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          gtk_drop_down_set_selected (dropdown, i);
          psi_test_settle ();
          return;
        }
    }
  g_error ("No item “%s” in the drop-down", text);
}

static guint
n_items (PsiSectionPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (psi_section_page_get_list (page)));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (f->window, PSI_RECORD_KIND_AWARD);
  GtkDropDown *competitions = psi_section_page_get_filter_dropdown (page, "competition");
  GtkDropDown *kinds = psi_section_page_get_filter_dropdown (page, "award-kind");
  g_autoptr(PsiRecordList) all_competitions = psi_record_list_new (f->store,
                                                                   PSI_RECORD_KIND_COMPETITION);
  g_autoptr(PsiRecordList) all_awards = psi_record_list_new (f->store, PSI_RECORD_KIND_AWARD);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (all_awards));
  guint n_conditional = 0;
  g_autoptr(PsiRecord) competition = NULL;
  g_autoptr(GListModel) related = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value;

  psi_window_show_page (f->window, PSI_RECORD_KIND_AWARD);
  psi_test_settle ();
  g_assert_nonnull (competitions);
  g_assert_nonnull (kinds);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (competitions)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kinds)));
  g_assert_cmpuint (gtk_drop_down_get_selected (competitions), ==, 0);
  g_assert_cmpuint (n_items (page), ==, n_all);
  /* "All competitions" and one item per competition */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (competitions)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (all_competitions)) + 1);
  g_assert_true (psi_test_find_label (GTK_WIDGET (competitions), "All competitions"));

  /* One competition: as many awards as the store relates to it */
  competition = g_list_model_get_item (G_LIST_MODEL (all_competitions), 0);
  title = psi_record_dup_title (competition, PSI_LANGUAGE_EN);
  related = psi_store_list_related (f->store, competition, PSI_RECORD_KIND_AWARD, &error);
  g_assert_no_error (error);
  choose (competitions, title);
  g_assert_true (psi_section_page_get_filter (page, "competition", &value));
  g_assert_cmpint (value, ==, psi_record_get_id (competition));
  g_assert_cmpuint (n_items (page), ==, g_list_model_get_n_items (related));
  g_assert_cmpuint (n_items (page), <, n_all);
  for (guint i = 0; i < n_items (page); i++)
    {
      g_autoptr(PsiAward) award = g_list_model_get_item (
        G_LIST_MODEL (psi_section_page_get_list (page)), i);

      g_assert_cmpint (psi_award_get_competition_id (award), ==,
                       psi_record_get_id (competition));
    }

  /* Conditional winners, of every competition */
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(PsiAward) award = g_list_model_get_item (G_LIST_MODEL (all_awards), i);

      if (psi_award_get_award_kind (award) == PSI_AWARD_KIND_CONDITIONAL_WINNER)
        n_conditional++;
    }
  g_assert_cmpuint (n_conditional, >, 0);
  choose (competitions, "All competitions");
  g_assert_false (psi_section_page_get_filter (page, "competition", NULL));
  g_assert_cmpuint (n_items (page), ==, n_all);
  choose (kinds, "Conditional winners");
  g_assert_cmpuint (n_items (page), ==, n_conditional);
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "list");
  psi_test_save_screenshot (GTK_WIDGET (f->window), "awards-filtered");

  /* With a search that finds none of them: no results, not "empty" */
  type_search (page, "zzzqqq");
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "no-results");
  type_search (page, "");
  g_assert_cmpuint (n_items (page), ==, n_conditional);

  /* Opening a record the filter hides shows it anyway */
  {
    g_autoptr(PsiAward) award = NULL;

    for (guint i = 0; i < n_all && award == NULL; i++)
      {
        g_autoptr(PsiAward) a = g_list_model_get_item (G_LIST_MODEL (all_awards), i);

        if (psi_award_get_award_kind (a) != PSI_AWARD_KIND_CONDITIONAL_WINNER)
          award = g_steal_pointer (&a);
      }
    g_assert_nonnull (award);
    g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AWARD,
                                           psi_record_get_id (PSI_RECORD (award))));
    g_assert_cmpuint (gtk_drop_down_get_selected (kinds), ==, 0);
    g_assert_cmpuint (n_items (page), ==, n_all);
  }

  /* Municipalities by region */
  {
    PsiSectionPage *municipalities = psi_window_get_page (f->window,
                                                          PSI_RECORD_KIND_MUNICIPALITY);
    GtkDropDown *regions = psi_section_page_get_filter_dropdown (municipalities, "region");
    gint64 region_id = psi_test_id_by_title (f->store, PSI_RECORD_KIND_REGION, "Issyk-Kul region");
    g_autoptr(PsiRecord) region = psi_store_load (f->store, PSI_RECORD_KIND_REGION, region_id,
                                                  &error);
    g_autoptr(GListModel) in_region = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (regions);
    g_assert_null (psi_section_page_get_filter_dropdown (municipalities, "competition"));
    in_region = psi_store_list_related (f->store, region, PSI_RECORD_KIND_MUNICIPALITY, &error);
    g_assert_no_error (error);
    psi_window_set_section (f->window, "municipalities");
    choose (regions, "Issyk-Kul region");
    g_assert_cmpuint (n_items (municipalities), ==, g_list_model_get_n_items (in_region));
    g_assert_cmpuint (n_items (municipalities), >, 0);
    g_assert_true (list_has_title (municipalities, "Teplokluchenka"));
    g_assert_false (list_has_title (municipalities, "Beshik-Jon"));
  }
}

static void
skip_no_display (void)
{
  g_test_skip ("No display; run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui/finding/no-display", skip_no_display);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/finding/list-search", test_list_search);
  ADD ("/ui/finding/global-search", test_global_search);
  ADD ("/ui/finding/filters", test_filters);
#undef ADD

  return g_test_run ();
}
