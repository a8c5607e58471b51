/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A real PsiWindow on a sample records file, under Xvfb: every section shows rows, search,
 * sorting by a column, the detail pane and its links, the empty states, GSettings, and a PNG
 * of every section in the build directory. */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "psi-column-sorter.h"
#include "psi-test-ui.h"
#include "psi-sample.h"
#include "psi-section-page.h"
#include "psi-window.h"

typedef struct
{
  char      *tmpdir;
  PsiStore  *store;
  PsiWindow *window;
} Fixture;

static guint
count_rows (GtkWidget *widget)
{
  guint n = 0;

  if (g_str_equal (gtk_widget_get_css_name (widget), "row") && gtk_widget_get_mapped (widget))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static gboolean
page_has_rows (gpointer data)
{
  return count_rows (GTK_WIDGET (psi_section_page_get_column_view (data))) > 0;
}

static GtkWidget *
find_list_box_row (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && psi_test_find_label (widget, text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_list_box_row (child, text);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static char *
dup_item_title (GListModel *model,
                guint       position)
{
  g_autoptr(PsiRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  return psi_record_dup_title (record, PSI_LANGUAGE_EN);
}

static gint64
find_id_by_title (GListModel *model,
                  const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsiRecord) record = g_list_model_get_item (model, i);
      g_autofree char *record_title = psi_record_dup_title (record, PSI_LANGUAGE_EN);

      if (g_str_equal (record_title, title))
        return psi_record_get_id (record);
    }
  return 0;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *key)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (PSI_IS_COLUMN_SORTER (sorter) &&
          g_strcmp0 (psi_column_sorter_get_key (PSI_COLUMN_SORTER (sorter)), key) == 0)
        return column;
    }
  return NULL;
}

/* Renders the window to build/tests/ui/screenshot-NAME.png. */
static void
save_screenshot_named (PsiWindow  *window,
                       const char *name)
{
  g_autofree char *file = g_strdup_printf ("screenshot-%s", name);

  psi_test_save_screenshot (GTK_WIDGET (window), file);
}

static PsiWindow *
open_window (PsiStore *store)
{
  PsiWindow *window = psi_window_new (NULL, store);

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, window));
  psi_test_settle ();
  return window;
}

static void
close_window (PsiWindow **window)
{
  gtk_window_destroy (GTK_WINDOW (*window));
  psi_test_settle ();
  g_assert_finalize_object (g_steal_pointer (window));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean with_sample = GPOINTER_TO_INT (data);

  g_settings_reset (settings, "last-section");

  fixture->tmpdir = g_dir_make_tmp ("psi-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->tmpdir, "records.db", NULL);

  if (with_sample)
    fixture->store = psi_sample_open_store (path, &error);
  else
    fixture->store = psi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->window = open_window (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture->window != NULL)
    close_window (&fixture->window);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  dir = g_dir_open (fixture->tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->tmpdir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

/* Every section and every list of it shows rows of the sample. */
static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct {
    PsiRecordKind kind;
    const char   *section;
    const char   *screenshot;
  } lists[] = {
    { PSI_RECORD_KIND_EVENT,        "conferences",    "conferences" },
    { PSI_RECORD_KIND_COMPETITION,  "competitions",   "competitions" },
    { PSI_RECORD_KIND_AWARD,        "competitions",   "competitions-awards" },
    { PSI_RECORD_KIND_MUNICIPALITY, "municipalities", "municipalities" },
    { PSI_RECORD_KIND_CLUSTER,      "clusters",       "clusters" },
    { PSI_RECORD_KIND_ORGANISATION, "people",         "people" },
    { PSI_RECORD_KIND_OFFICIAL,     "people",         "people-officials" },
    { PSI_RECORD_KIND_AGREEMENT,    "agreements",     "agreements" },
  };
  PsiWindow *window = fixture->window;
  const char * const *ids = psi_window_get_section_ids ();

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 7);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      PsiSectionPage *page = psi_window_get_page (window, lists[i].kind);
      GListModel *model;
      guint n_rows;

      g_test_message ("section %s, list of kind %d", lists[i].section, lists[i].kind);

      g_assert_true (psi_window_show_page (window, lists[i].kind));
      g_assert_cmpstr (psi_window_get_section (window), ==, lists[i].section);
      g_assert_true (psi_window_get_current_page (window) == page);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

      model = G_LIST_MODEL (psi_section_page_get_list (page));
      g_assert_nonnull (model);
      g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                        psi_store_count (fixture->store, lists[i].kind, NULL));
      g_assert_cmpstr (psi_section_page_get_state (page), ==, "list");

      /* Rows were really made and shown, and show the records' titles. */
      g_assert_true (psi_test_wait_for (page_has_rows, page));
      n_rows = count_rows (GTK_WIDGET (psi_section_page_get_column_view (page)));
      g_assert_cmpuint (n_rows, <=, g_list_model_get_n_items (model));
      {
        g_autofree char *first_title = dup_item_title (model, 0);

        if (lists[i].kind != PSI_RECORD_KIND_AWARD)
          g_assert_true (psi_test_find_label (GTK_WIDGET (psi_section_page_get_column_view (page)),
                                     first_title));
      }

      /* The detail pane shows the first record of every kind. */
      {
        g_autoptr(PsiRecord) first = g_list_model_get_item (model, 0);
        PsiDetailPane *pane = psi_section_page_get_detail_pane (page);

        g_assert_true (psi_section_page_select_id (page, psi_record_get_id (first)));
        g_assert_nonnull (psi_detail_pane_get_record (pane));
        g_assert_cmpint (psi_record_get_kind (psi_detail_pane_get_record (pane)), ==,
                         lists[i].kind);
        g_autofree char *title = psi_record_dup_title (first, PSI_LANGUAGE_EN);

        psi_test_settle ();
        g_assert_true (psi_test_find_label (GTK_WIDGET (pane), title));
      }

      save_screenshot_named (window, lists[i].screenshot);
    }

  /* The section action follows and drives the stack. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "clusters"));
  g_assert_cmpstr (psi_window_get_section (window), ==, "clusters");
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                 "section");
    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "clusters");
  }

  /* win.search focuses the search entry of the page shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  psi_test_settle ();
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus,
                                           GTK_WIDGET (psi_window_get_page (window,
                                                                            PSI_RECORD_KIND_CLUSTER))));
    g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  }
}

static gboolean
list_search_is_teplo (gpointer data)
{
  return g_strcmp0 (psi_record_list_get_search (data), "Teplo") == 0;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (fixture->window, PSI_RECORD_KIND_MUNICIPALITY);
  GListModel *model = G_LIST_MODEL (psi_section_page_get_list (page));
  guint n_all = g_list_model_get_n_items (model);
  GtkWidget *view = GTK_WIDGET (psi_section_page_get_column_view (page));

  psi_window_set_section (fixture->window, "municipalities");
  g_assert_cmpuint (n_all, ==, 16);

  /* Cyrillic, lower case: folded search over all three languages. */
  psi_section_page_set_search (page, "бешик");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autofree char *title = dup_item_title (model, 0);
    g_assert_cmpstr (title, ==, "Beshik-Jon");
  }
  psi_test_settle ();
  g_assert_cmpuint (count_rows (view), ==, 1);
  g_assert_true (psi_test_find_label (view, "Beshik-Jon"));
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "list");
  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-municipalities-search");

  /* Nothing found: the "no results" state, not the "nothing yet" one. */
  psi_section_page_set_search (page, "no such place xyz");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "no-results");
  psi_test_settle ();
  g_assert_true (psi_test_find_label (GTK_WIDGET (page), "No Results"));
  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-municipalities-no-results");

  /* Typing in the entry filters too, after GtkSearchEntry's delay. */
  {
    GtkWidget *entry = gtk_widget_get_first_child (GTK_WIDGET (page));

    while (entry != NULL && !GTK_IS_SEARCH_ENTRY (entry))
      entry = gtk_widget_get_first_child (entry);
    g_assert_nonnull (entry);

    gtk_editable_set_text (GTK_EDITABLE (entry), "Teplo");
    /* Emptying the entry applies at once, the new text after GtkSearchEntry's delay. */
    g_assert_true (psi_test_wait_for (list_search_is_teplo, model));
    g_assert_cmpstr (psi_section_page_get_search (page), ==, "Teplo");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }

  psi_section_page_set_search (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "list");
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (fixture->window, PSI_RECORD_KIND_MUNICIPALITY);
  GtkColumnView *view = psi_section_page_get_column_view (page);
  GListModel *model = G_LIST_MODEL (psi_section_page_get_list (page));
  GtkColumnViewColumn *title_column = find_column (view, "title");
  guint n = g_list_model_get_n_items (model);
  g_autofree char *asc_first = NULL, *asc_last = NULL, *desc_first = NULL, *desc_last = NULL;
  const char *key = NULL;
  gboolean descending = FALSE;
  gint64 selected_id;
  guint selected_position;

  psi_window_set_section (fixture->window, "municipalities");
  g_assert_nonnull (title_column);
  g_assert_nonnull (find_column (view, "region"));
  g_assert_cmpuint (n, >, 2);

  /* Not sorted by any column at first. */
  g_assert_false (psi_column_sorter_probe (gtk_column_view_get_sorter (view), &key, &descending));

  selected_id = find_id_by_title (model, "Teplokluchenka");
  g_assert_cmpint (selected_id, >, 0);
  g_assert_true (psi_section_page_select_id (page, selected_id));

  gtk_column_view_sort_by_column (view, title_column, GTK_SORT_ASCENDING);
  g_assert_true (psi_column_sorter_probe (gtk_column_view_get_sorter (view), &key, &descending));
  g_assert_cmpstr (key, ==, "title");
  g_assert_false (descending);
  asc_first = dup_item_title (model, 0);
  asc_last = dup_item_title (model, n - 1);
  g_assert_cmpstr (asc_first, ==, "B. Mambetov");
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = dup_item_title (model, i - 1);
      g_autofree char *b = dup_item_title (model, i);
      g_autofree char *ka = g_utf8_collate_key (a, -1);
      g_autofree char *kb = g_utf8_collate_key (b, -1);

      g_assert_cmpstr (ka, <=, kb);
    }
  selected_position = gtk_single_selection_get_selected (
    GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, selected_id);

  /* What a second click on the header does. */
  gtk_column_view_sort_by_column (view, title_column, GTK_SORT_DESCENDING);
  g_assert_true (psi_column_sorter_probe (gtk_column_view_get_sorter (view), &key, &descending));
  g_assert_cmpstr (key, ==, "title");
  g_assert_true (descending);
  desc_first = dup_item_title (model, 0);
  desc_last = dup_item_title (model, n - 1);
  g_assert_cmpstr (desc_first, ==, asc_last);
  g_assert_cmpstr (desc_last, ==, asc_first);
  psi_test_settle ();
  g_assert_true (psi_test_find_label (GTK_WIDGET (view), desc_first));

  /* The selection follows the record, not the position. */
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, selected_id);
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (gtk_column_view_get_model (view))),
                    ==, n - 1 - selected_position);

  /* Another column becomes the primary one. */
  gtk_column_view_sort_by_column (view, find_column (view, "region"), GTK_SORT_ASCENDING);
  g_assert_true (psi_column_sorter_probe (gtk_column_view_get_sorter (view), &key, &descending));
  g_assert_cmpstr (key, ==, "region");
  g_assert_false (descending);
  {
    g_autoptr(PsiRecord) first = g_list_model_get_item (model, 0);
    g_autoptr(PsiRecord) last = g_list_model_get_item (model, n - 1);
    const char *first_region = psi_text_get (psi_municipality_get_region_name (PSI_MUNICIPALITY (first)),
                                             PSI_LANGUAGE_EN, NULL);
    const char *last_region = psi_text_get (psi_municipality_get_region_name (PSI_MUNICIPALITY (last)),
                                            PSI_LANGUAGE_EN, NULL);

    g_assert_cmpstr (first_region, ==, "Issyk-Kul region");
    g_assert_cmpstr (last_region, ==, "Jalal-Abad region");
  }
  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-municipalities-sorted");

  /* Unsorted again: the default order. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_false (psi_column_sorter_probe (gtk_column_view_get_sorter (view), &key, &descending));
  {
    g_autofree char *first = dup_item_title (model, 0);
    g_assert_cmpstr (first, ==, asc_first);
  }
}

static void
test_detail (Fixture       *fixture,
             gconstpointer  data)
{
  PsiWindow *window = fixture->window;
  PsiSectionPage *page = psi_window_get_page (window, PSI_RECORD_KIND_MUNICIPALITY);
  PsiDetailPane *pane = psi_section_page_get_detail_pane (page);
  GListModel *model = G_LIST_MODEL (psi_section_page_get_list (page));
  GListModel *clusters, *awards;
  gint64 id = find_id_by_title (model, "Teplokluchenka");
  gint64 cluster_id;
  GtkWidget *row;

  psi_window_set_section (window, "municipalities");
  g_assert_null (psi_detail_pane_get_record (pane));
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Nothing Selected"));

  g_assert_cmpint (id, >, 0);
  g_assert_true (psi_section_page_select_id (page, id));
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, id);
  g_assert_nonnull (psi_detail_pane_get_record (pane));
  g_assert_cmpint (psi_record_get_id (psi_detail_pane_get_record (pane)), ==, id);
  psi_test_settle ();

  /* In two clusters, one award (1st place in the information campaign). */
  clusters = psi_detail_pane_get_related (pane, PSI_RECORD_KIND_CLUSTER);
  g_assert_nonnull (clusters);
  g_assert_cmpuint (g_list_model_get_n_items (clusters), ==, 2);
  g_assert_cmpint (find_id_by_title (clusters, "Teplokluchenka cluster"), >, 0);
  g_assert_cmpint (find_id_by_title (clusters, "Oktyabr cluster"), >, 0);
  awards = psi_detail_pane_get_related (pane, PSI_RECORD_KIND_AWARD);
  g_assert_nonnull (awards);
  g_assert_cmpuint (g_list_model_get_n_items (awards), ==, 1);

  /* And shows them. */
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Teplokluchenka"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Teplokluchenka cluster"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Oktyabr cluster"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Clusters"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Awards"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (pane), "Теплоключенка"));
  psi_test_save_screenshot (GTK_WIDGET (window), "screenshot-municipalities-detail");

  /* Activating a linked cluster opens it in its section. */
  cluster_id = find_id_by_title (clusters, "Oktyabr cluster");
  row = find_list_box_row (GTK_WIDGET (pane), "Oktyabr cluster");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (psi_window_get_section (window), ==, "clusters");
  g_assert_cmpint (psi_section_page_get_selected_id (psi_window_get_page (window, PSI_RECORD_KIND_CLUSTER)),
                   ==, cluster_id);
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (window), "screenshot-clusters-detail");

  /* The municipality page kept its selection. */
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, id);

  /* Records hidden by a search can still be shown: the search is cleared. */
  psi_section_page_set_search (page, "бешик");
  g_assert_true (psi_window_show_record (window, PSI_RECORD_KIND_MUNICIPALITY, id));
  g_assert_cmpstr (psi_section_page_get_search (page), ==, "");
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, id);

  /* Unselecting shows the placeholder again. */
  g_assert_true (psi_section_page_select_id (page, 0));
  g_assert_null (psi_detail_pane_get_record (pane));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (fixture->window, PSI_RECORD_KIND_MUNICIPALITY);

  psi_window_set_section (fixture->window, "municipalities");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (psi_section_page_get_list (page))), ==, 0);
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "empty");
  psi_test_settle ();
  g_assert_true (psi_test_find_label (GTK_WIDGET (page), "No municipalities yet"));
  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-empty");

  psi_section_page_set_search (page, "x");
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "no-results");
  psi_section_page_set_search (page, NULL);
  g_assert_cmpstr (psi_section_page_get_state (page), ==, "empty");
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = NULL;

  g_assert_cmpstr (psi_window_get_section (fixture->window), ==, "conferences");

  psi_window_set_section (fixture->window, "clusters");
  last = g_settings_get_string (settings, "last-section");
  g_assert_cmpstr (last, ==, "clusters");

  /* Closing keeps the size; a new window opens where the last one was. */
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1010, 690);
  psi_test_settle ();
  gtk_window_close (GTK_WINDOW (fixture->window));
  psi_test_settle ();
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 690);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  fixture->window = psi_window_new (NULL, fixture->store);
  g_object_ref (fixture->window);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
    g_assert_cmpint (width, ==, 1010);
    g_assert_cmpint (height, ==, 690);
  }
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, fixture->window));
  g_assert_cmpstr (psi_window_get_section (fixture->window), ==, "clusters");

  /* Unknown sections are refused. */
  g_test_expect_message ("psi-window", G_LOG_LEVEL_WARNING, "*No section named*");
  psi_window_set_section (fixture->window, "nowhere");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (psi_window_get_section (fixture->window), ==, "clusters");
}

/* The mapped label with that text and CSS class under widget, or NULL. */
static GtkWidget *
find_label_with_class (GtkWidget  *widget,
                       const char *text,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_has_css_class (widget, css_class) &&
      (text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_class (child, text, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every mapped label with that CSS class under widget. */
static void
collect_labels_with_class (GtkWidget  *widget,
                           const char *css_class,
                           GPtrArray  *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels_with_class (child, css_class, labels);
}

/* A municipality whose Kyrgyz name was removed: with Kyrgyz names, the list and the title of
 * the detail pane show its Russian name, marked "RU"; the others are not marked. */
static void
test_fallback_mark (Fixture       *fixture,
                    gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (fixture->window, PSI_RECORD_KIND_MUNICIPALITY);
  gint64 id = find_id_by_title (G_LIST_MODEL (psi_section_page_get_list (page)), "Kenesh");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) kenesh = NULL;
  g_autoptr(PsiText) name = NULL;
  GListModel *model;
  GtkWidget *view, *mark;

  g_assert_cmpint (id, >, 0);
  kenesh = psi_store_load (fixture->store, PSI_RECORD_KIND_MUNICIPALITY, id, &error);
  g_assert_no_error (error);
  name = psi_text_with (psi_record_get_name (kenesh), PSI_LANGUAGE_KY, NULL);
  psi_record_set_name (kenesh, name);
  g_assert_true (psi_store_save (fixture->store, kenesh, &error));
  g_assert_no_error (error);

  /* Names are read in the current language when rows are bound: a new window in Kyrgyz. */
  close_window (&fixture->window);
  psi_language_set_current (PSI_LANGUAGE_KY);
  fixture->window = open_window (fixture->store);
  psi_window_set_section (fixture->window, "municipalities");
  page = psi_window_get_page (fixture->window, PSI_RECORD_KIND_MUNICIPALITY);
  model = G_LIST_MODEL (psi_section_page_get_list (page));
  view = GTK_WIDGET (psi_section_page_get_column_view (page));

  /* Found by its English name as before; shown in Russian, marked. */
  psi_section_page_set_search (page, "Kenesh");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  psi_test_settle ();
  g_assert_cmpuint (count_rows (view), ==, 1);
  g_assert_true (psi_test_find_label (view, "Кенеш"));
  mark = find_label_with_class (view, NULL, "fallback-language");
  g_assert_nonnull (mark);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mark)), ==, "RU");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==, "No Kyrgyz name; shown in Russian");
  /* right after the name, in the same cell */
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_prev_sibling (mark)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (mark))), ==,
                   "Кенеш");
  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-municipalities-fallback");

  /* The detail pane's title too; its three names stay side by side. */
  g_assert_true (psi_section_page_select_id (page, id));
  psi_test_settle ();
  {
    GtkWidget *pane = GTK_WIDGET (psi_section_page_get_detail_pane (page));

    mark = find_label_with_class (pane, "RU", "fallback-language");
    g_assert_nonnull (mark);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==, "No Kyrgyz name; shown in Russian");
    g_assert_true (psi_test_find_label (pane, "Kenesh"));
    g_assert_null (find_label_with_class (pane, "KY", "language-tag"));
    g_assert_nonnull (find_label_with_class (pane, "RU", "language-tag"));
  }
  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-municipalities-fallback-detail");

  /* A name given in Kyrgyz is not marked, in the list or in the pane. */
  psi_section_page_set_search (page, "Beshik");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (psi_section_page_select_id (page,
                                             find_id_by_title (model, "Бешик-Жон")));
  psi_test_settle ();
  g_assert_true (psi_test_find_label (view, "Бешик-Жон"));
  g_assert_null (find_label_with_class (view, NULL, "fallback-language"));
  g_assert_null (find_label_with_class (GTK_WIDGET (psi_section_page_get_detail_pane (page)),
                                        NULL, "fallback-language"));

  /* Every other municipality has its Kyrgyz name: the only mark in the list is Kenesh's. */
  psi_section_page_set_search (page, "");
  psi_test_settle ();
  g_assert_cmpuint (count_rows (view), >, 1);
  {
    g_autoptr(GPtrArray) marks = g_ptr_array_new ();

    collect_labels_with_class (view, "fallback-language", marks);
    g_assert_cmpuint (marks->len, ==, psi_test_find_label (view, "Кенеш") ? 1 : 0);
    for (guint i = 0; i < marks->len; i++)
      {
        GtkWidget *name_label = gtk_widget_get_prev_sibling (g_ptr_array_index (marks, i));

        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name_label)), ==, "Кенеш");
      }
  }

  psi_language_set_current (PSI_LANGUAGE_EN);
}

static void
skip_no_display (void)
{
  g_test_skip ("No display; run under xvfb-run");
}

/* The shortcuts window GtkApplication loads from the resources parses and lists the
 * window's shortcuts. */
static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  /* No session bus under xvfb-run: without this GTK warns that it cannot reach AT-SPI. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui/window/no-display", skip_no_display);
      return g_test_run ();
    }

  psi_language_set_current (PSI_LANGUAGE_EN);

#define ADD(path, func, sample) \
  g_test_add (path, Fixture, GINT_TO_POINTER (sample), fixture_setup, func, fixture_teardown)
  ADD ("/ui/window/sections", test_sections, TRUE);
  ADD ("/ui/window/search", test_search, TRUE);
  ADD ("/ui/window/sort", test_sort, TRUE);
  ADD ("/ui/window/detail", test_detail, TRUE);
  ADD ("/ui/window/empty", test_empty, FALSE);
  ADD ("/ui/window/settings", test_settings, TRUE);
  ADD ("/ui/window/fallback-mark", test_fallback_mark, TRUE);
#undef ADD
  g_test_add_func ("/ui/help-overlay", test_help_overlay);

  return g_test_run ();
}
