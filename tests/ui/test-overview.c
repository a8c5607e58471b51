/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview section of a real PsiWindow on the sample, under Xvfb: the figures shown are the
 * store's (psi-store-stats.c), the bar charts name the regions and competitions, the
 * consistency panel lists what the sample really has and follows changes to the store, a
 * finding opens its record; a PNG goes to build/tests/ui/screenshot-overview.png. */

#define G_LOG_DOMAIN "test-overview"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "psi-format.h"
#include "psi-overview-page.h"
#include "psi-sample.h"
#include "psi-section-page.h"
#include "psi-store-stats.h"
#include "psi-test-ui.h"
#include "psi-window.h"

#define EVENT_UUID        "59cfea74-fdd9-4341-8766-672828138003"
#define CONDITIONAL_UUID  "e9ec97cf-62db-4e20-a917-b7de84aa177f"
#define CHELPEK_UUID      "81465f6e-5f48-4d7a-aa69-19035195bde8"

typedef struct
{
  char      *tmpdir;
  PsiStore  *store;
  PsiWindow *window;
} Fixture;

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

/* The label whose text is text (mapped or not). */
static GtkWidget *
find_label_widget (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_widget (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The figure shown next to a caption: the label that follows it in the grid. */
static const char *
figure_after (GtkWidget  *page,
              const char *caption)
{
  GtkWidget *label = find_label_widget (page, caption);
  GtkWidget *value;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  value = gtk_widget_get_next_sibling (label);
  g_assert_true (GTK_IS_LABEL (value));
  return gtk_label_get_text (GTK_LABEL (value));
}

static void
assert_figure (GtkWidget  *page,
               const char *caption,
               gint64      value)
{
  g_autofree char *expected = psi_format_number (value);

  g_assert_cmpstr (figure_after (page, caption), ==, expected);
}

/* A bar of a chart: its name, then the bar, then its number. */
static void
assert_bar (GtkWidget  *page,
            const char *name,
            gint64      value)
{
  g_autofree char *expected = psi_format_number (value);
  GtkWidget *label = find_label_widget (page, name);
  GtkWidget *bar, *number;

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_GRID (gtk_widget_get_parent (label)));
  bar = gtk_widget_get_next_sibling (label);
  g_assert_true (GTK_IS_DRAWING_AREA (bar));
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_cmpint (gtk_widget_get_width (bar), >, 0);
  number = gtk_widget_get_next_sibling (bar);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (number)), ==, expected);
}

static gint64
id_of (PsiStore      *store,
       PsiRecordKind  kind,
       const char    *uuid)
{
  g_autoptr(PsiRecord) record = psi_store_load_by_uuid (store, kind, uuid, NULL);

  g_assert_nonnull (record);
  return psi_record_get_id (record);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_settings_reset (settings, "last-section");

  fixture->tmpdir = g_dir_make_tmp ("psi-overview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->tmpdir, "records.db", NULL);
  if (GPOINTER_TO_INT (data))
    fixture->store = psi_sample_open_store (path, &error);
  else
    fixture->store = psi_store_open (path, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref (psi_window_new (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, fixture->window));
  psi_test_settle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  psi_test_settle ();
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  psi_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static GtkWidget *
show_overview (PsiWindow *window)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s",
                                             "overview"));
  g_assert_cmpstr (psi_window_get_section (window), ==, "overview");
  page = find_widget_of_type (GTK_WIDGET (window), PSI_TYPE_OVERVIEW_PAGE);
  g_assert_nonnull (page);
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, page));
  psi_test_settle ();
  return page;
}

static gboolean
shows_chelpek_finding (gpointer data)
{
  return find_label_widget (data, "“Chelpek” is a member of “Oktyabr cluster” but not a pilot "
                                  "municipality") != NULL;
}

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *page = show_overview (fixture->window);
  PsiOverviewPage *overview = PSI_OVERVIEW_PAGE (page);
  gint64 event_id = id_of (fixture->store, PSI_RECORD_KIND_EVENT, EVENT_UUID);
  g_autoptr(PsiEventStats) stats = psi_store_stats_event (fixture->store, event_id, NULL);
  g_autofree char *grants = NULL;

  g_assert_nonnull (stats);
  /* The only event is chosen, and the page shows the store's figures for it. */
  g_assert_cmpint (psi_overview_page_get_event_id (overview), ==, event_id);
  g_assert_nonnull (psi_overview_page_get_stats (overview));
  g_assert_cmpint (psi_overview_page_get_stats (overview)->recipients, ==, stats->recipients);
  g_assert_true (psi_test_find_label (page, "Year-end conference of the Public Service "
                                            "Improvement Project"));

  assert_figure (page, "Municipalities taking part", stats->municipalities);
  assert_figure (page, "Competitions", stats->competitions);
  assert_figure (page, "Award recipients", stats->recipients);
  assert_figure (page, "Winners", stats->winners);
  assert_figure (page, "Conditional winners", stats->conditional_winners);
  assert_figure (page, "Incentive prizes", stats->incentive_prizes);
  assert_figure (page, "Laptops", stats->laptops);
  assert_figure (page, "Printers", stats->printers);
  assert_figure (page, "Other equipment", stats->other_items);
  grants = psi_format_grant (stats->grants_kgs);
  g_assert_cmpstr (figure_after (page, "Grants"), ==, grants);
  /* And they are the press release's. */
  g_assert_cmpstr (figure_after (page, "Municipalities taking part"), ==, "26");
  g_assert_cmpstr (figure_after (page, "Award recipients"), ==, "36");
  g_assert_cmpstr (figure_after (page, "Incentive prizes"), ==, "20");
  g_assert_cmpstr (grants, ==, "25\u202f000\u202f000 KGS");

  assert_bar (page, "Place 1", 2);
  assert_bar (page, "Place 2", 2);
  assert_bar (page, "Place 3", 3);
  assert_bar (page, "Jalal-Abad region", 7);
  assert_bar (page, "Issyk-Kul region", 5);
  assert_bar (page, "Not named", 24);
  assert_bar (page, "Information campaign on the importance of utility payments", 27);
  assert_bar (page, "Service Improvement Action Plans (SIAP) within inter-municipal cooperation",
              9);

  /* The consistency panel: what the sample really has. */
  g_assert_cmpuint (psi_overview_page_get_findings (overview)->len, ==, 2);
  g_assert_true (psi_test_find_label (page,
                                      "“Information campaign on the importance of utility "
                                      "payments”: 27 award recipients, more than the 26 "
                                      "municipalities taking part in the event"));
  g_assert_true (psi_test_find_label (page,
                                      "“Service Improvement Action Plans (SIAP) within "
                                      "inter-municipal cooperation”: 4 conditional winners "
                                      "whose condition has no deadline"));
  g_assert_false (gtk_widget_get_visible (find_label_widget (page, "Nothing looks wrong.")));

  psi_test_save_screenshot (GTK_WIDGET (fixture->window), "screenshot-overview");
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *page = show_overview (fixture->window);
  g_autoptr(PsiRecord) chelpek = psi_store_load_by_uuid (fixture->store,
                                                         PSI_RECORD_KIND_MUNICIPALITY,
                                                         CHELPEK_UUID, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (shows_chelpek_finding (page));
  psi_municipality_set_pilot (PSI_MUNICIPALITY (chelpek), FALSE);
  g_assert_true (psi_store_save (fixture->store, chelpek, &error));
  g_assert_no_error (error);
  g_assert_true (psi_test_wait_for (shows_chelpek_finding, page));
  g_assert_cmpuint (psi_overview_page_get_findings (PSI_OVERVIEW_PAGE (page))->len, ==, 3);
}

/* A finding opens the record to look at: the conditional winners in the list of awards. */
static void
test_open_finding (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = show_overview (fixture->window);
  GtkWidget *label = find_label_widget (page, "“Service Improvement Action Plans (SIAP) within "
                                              "inter-municipal cooperation”: 4 conditional "
                                              "winners whose condition has no deadline");
  GtkWidget *row;
  PsiSectionPage *awards;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  psi_test_settle ();

  g_assert_cmpstr (psi_window_get_section (fixture->window), ==, "competitions");
  awards = psi_window_get_page (fixture->window, PSI_RECORD_KIND_AWARD);
  g_assert_true (psi_window_get_current_page (fixture->window) == awards);
  g_assert_cmpint (psi_section_page_get_selected_id (awards), ==,
                   id_of (fixture->store, PSI_RECORD_KIND_AWARD, CONDITIONAL_UUID));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page = show_overview (fixture->window);

  g_assert_cmpint (psi_overview_page_get_event_id (PSI_OVERVIEW_PAGE (page)), ==, 0);
  g_assert_null (psi_overview_page_get_stats (PSI_OVERVIEW_PAGE (page)));
  g_assert_true (psi_test_find_label (page, "There are no events in the records file yet."));
  g_assert_true (psi_test_find_label (page, "Nothing looks wrong."));
  g_assert_false (gtk_widget_get_mapped (find_label_widget (page, "Award recipients")));
}

static void
skip_no_display (void)
{
  g_test_skip ("No display (run under xvfb-run)");
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
      g_test_add_func ("/ui/overview/no-display", skip_no_display);
      return g_test_run ();
    }

  psi_language_set_current (PSI_LANGUAGE_EN);

#define ADD(path, func, sample) \
  g_test_add (path, Fixture, GINT_TO_POINTER (sample), fixture_setup, func, fixture_teardown)
  ADD ("/ui/overview/figures", test_figures, TRUE);
  ADD ("/ui/overview/follows-store", test_follows_store, TRUE);
  ADD ("/ui/overview/open-finding", test_open_finding, TRUE);
  ADD ("/ui/overview/empty", test_empty, FALSE);
#undef ADD

  return g_test_run ();
}
