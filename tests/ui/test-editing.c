/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Editing in a real PsiWindow on a sample records file, under Xvfb, driven through the
 * window's actions (win.new-record, win.edit-record, win.delete-record) and the editors' own
 * (editor.save, delete.confirm, toast.undo): a competition with two tied winners, a Kyrgyz name
 * changed and seen in the list, a deletion undone, inline validation that keeps Save
 * insensitive, and every editor opened and saved unchanged. Screenshots of each editor go to
 * build/tests/ui/editor-KIND.png. */

#define G_LOG_DOMAIN "test-editing"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "psi-editor-delete-dialog.h"
#include "psi-editor-dialog.h"
#include "psi-editor-toast.h"
#include "psi-sample.h"
#include "psi-section-page.h"
#include "psi-test-ui.h"
#include "psi-test-window.h"
#include "psi-trilingual-entry.h"
#include "psi-window.h"

#define TEPLOKLUCHENKA_UUID  "b8aba15f-bd84-4789-9696-cb44c228843c"

typedef PsiTestWindow Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  psi_test_window_setup (f, "psi-edit-ui", TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  psi_test_window_teardown (f);
}

static gboolean
editor_is_open (gpointer data)
{
  GtkWindow *editor = psi_window_get_editor (data);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static gboolean
editor_is_closed (gpointer data)
{
  return psi_window_get_editor (data) == NULL;
}

/* Activates a window action and returns the editor it opened. */
static PsiEditorDialog *
open_editor (Fixture    *f,
             const char *action)
{
  GtkWindow *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  g_assert_true (psi_test_wait_for (editor_is_open, f->window));
  psi_test_settle ();
  editor = psi_window_get_editor (f->window);
  g_assert_true (PSI_IS_EDITOR_DIALOG (editor));
  return PSI_EDITOR_DIALOG (editor);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_action_button (child, action_name);

      if (button != NULL)
        return button;
    }
  return NULL;
}

/* Whether the Save button of the header bar can be pressed. */
static gboolean
save_sensitive (PsiEditorDialog *editor)
{
  GtkWidget *save = find_action_button (gtk_window_get_titlebar (GTK_WINDOW (editor)),
                                        "editor.save");

  g_assert_nonnull (save);
  return gtk_widget_is_sensitive (save);
}

static void
save_editor (Fixture         *f,
             PsiEditorDialog *editor)
{
  gpointer weak = editor;

  g_assert_true (psi_editor_dialog_get_valid (editor));
  g_assert_true (save_sensitive (editor));
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  if (weak != NULL && gtk_widget_get_visible (GTK_WIDGET (editor)))
    g_error ("The editor did not close: %s", psi_editor_dialog_get_error (editor, "") ?: "");
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (psi_test_wait_for (editor_is_closed, f->window));
  psi_test_settle ();
}

static void
set_entry (PsiEditorDialog *editor,
           const char      *field,
           const char      *text)
{
  GObject *entry = psi_editor_dialog_get_field (editor, field);

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
set_name (PsiEditorDialog *editor,
          const char      *field,
          PsiLanguage      language,
          const char      *text)
{
  GObject *entry = psi_editor_dialog_get_field (editor, field);

  g_assert_true (PSI_IS_TRILINGUAL_ENTRY (entry));
  gtk_editable_set_text (psi_trilingual_entry_get_entry (PSI_TRILINGUAL_ENTRY (entry), language),
                         text);
}

static void
set_choice (PsiEditorDialog *editor,
            const char      *field,
            guint            position)
{
  GObject *dropdown = psi_editor_dialog_get_field (editor, field);

  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position);
}

static void
set_spin (PsiEditorDialog *editor,
          const char      *field,
          double           value)
{
  GObject *spin = psi_editor_dialog_get_field (editor, field);

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

static void
add_winner (Fixture    *f,
            gint64      competition,
            const char *municipality,
            guint       place,
            const char *screenshot)
{
  PsiEditorDialog *editor = open_editor (f, "win.new-record");

  g_assert_cmpint (psi_editor_dialog_get_kind (editor), ==, PSI_RECORD_KIND_AWARD);
  g_assert_true (psi_editor_dialog_choose (editor, "competition", competition));
  set_choice (editor, "recipient_kind", 0);
  /* No municipality chosen yet: the recipient must exist. */
  g_assert_nonnull (psi_editor_dialog_get_error (editor, "municipality"));
  g_assert_false (save_sensitive (editor));
  g_assert_true (psi_editor_dialog_choose (editor, "municipality",
                                           psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY,
                                                        municipality)));
  set_choice (editor, "award_kind", PSI_AWARD_KIND_WINNER);
  set_spin (editor, "place", place);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (psi_editor_dialog_get_field (editor,
                                                                              "certificate")),
                               TRUE);
  set_entry (editor, "grant", "250 000");
  psi_editor_dialog_add_row (editor, "items");
  g_assert_null (psi_editor_dialog_get_error (editor, "municipality"));
  if (screenshot != NULL)
    psi_test_save_screenshot (GTK_WIDGET (editor), screenshot);
  save_editor (f, editor);
}

/* A new competition, and two municipalities sharing its 1st place. */
static void
test_tied_winners (Fixture       *f,
                   gconstpointer  data)
{
  PsiEditorDialog *editor;
  g_autoptr(PsiRecord) competition = NULL;
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(GError) error = NULL;
  PsiSectionPage *page;
  gint64 id;

  g_assert_true (psi_window_show_page (f->window, PSI_RECORD_KIND_COMPETITION));
  editor = open_editor (f, "win.new-record");
  g_assert_cmpint (psi_editor_dialog_get_kind (editor), ==, PSI_RECORD_KIND_COMPETITION);
  g_assert_nonnull (psi_editor_dialog_get_error (editor, "name"));
  g_assert_false (save_sensitive (editor));

  set_name (editor, "name", PSI_LANGUAGE_KY, "Таза көчөлөр");
  set_name (editor, "name", PSI_LANGUAGE_RU, "Чистые улицы");
  set_name (editor, "name", PSI_LANGUAGE_EN, "Clean streets");
  set_spin (editor, "entrant_count", 12);
  g_assert_null (psi_editor_dialog_get_error (editor, "name"));
  psi_test_save_screenshot (GTK_WIDGET (editor), "editor-competition");
  save_editor (f, editor);

  /* The window shows and selects the new competition. */
  page = psi_window_get_page (f->window, PSI_RECORD_KIND_COMPETITION);
  id = psi_test_id_by_title (f->store, PSI_RECORD_KIND_COMPETITION, "Clean streets");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, id);

  g_assert_true (psi_window_show_page (f->window, PSI_RECORD_KIND_AWARD));
  add_winner (f, id, "Dostuk", 1, "editor-award");
  add_winner (f, id, "Masy", 1, NULL);

  competition = psi_store_load (f->store, PSI_RECORD_KIND_COMPETITION, id, &error);
  g_assert_no_error (error);
  awards = psi_store_list_related (f->store, competition, PSI_RECORD_KIND_AWARD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (awards), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PsiAward) award = g_list_model_get_item (awards, i);
      g_autoptr(PsiRecord) full = psi_store_load (f->store, PSI_RECORD_KIND_AWARD,
                                                  psi_record_get_id (PSI_RECORD (award)),
                                                  &error);

      g_assert_no_error (error);
      g_assert_cmpuint (psi_award_get_place (PSI_AWARD (full)), ==, 1);
      g_assert_cmpint (psi_award_get_award_kind (PSI_AWARD (full)), ==, PSI_AWARD_KIND_WINNER);
      g_assert_cmpint (psi_award_get_grant_kgs (PSI_AWARD (full)), ==, 250000);
      g_assert_true (psi_award_get_certificate (PSI_AWARD (full)));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (psi_award_get_items (
                          PSI_AWARD (full)))), ==, 1);
      g_assert_cmpint (psi_award_get_municipality_id (PSI_AWARD (full)), !=, 0);
    }
}

/* What is wrong is said under the field and Save stays insensitive until it is right. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  PsiEditorDialog *editor;
  gint64 competition = psi_test_id_by_title (f->store, PSI_RECORD_KIND_COMPETITION,
                                    "Information campaign on the importance of utility payments");
  GtkWidget *row;

  g_assert_true (psi_window_show_page (f->window, PSI_RECORD_KIND_AWARD));
  editor = open_editor (f, "win.new-record");
  g_assert_true (psi_editor_dialog_choose (editor, "competition", competition));
  g_assert_true (psi_editor_dialog_choose (editor, "municipality",
                                           psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY,
                                                        "Saruu")));
  g_assert_true (psi_editor_dialog_get_valid (editor));
  g_assert_true (save_sensitive (editor));

  /* A conditional winner without its condition. */
  set_choice (editor, "award_kind", PSI_AWARD_KIND_CONDITIONAL_WINNER);
  g_assert_cmpstr (psi_editor_dialog_get_error (editor, "condition"), ==,
                   "A conditional winner needs the condition it must meet.");
  g_assert_false (psi_editor_dialog_get_valid (editor));
  g_assert_false (save_sensitive (editor));
  psi_test_settle ();
  psi_test_save_screenshot (GTK_WIDGET (editor), "editor-award-invalid");
  set_name (editor, "condition", PSI_LANGUAGE_RU, "Доработать план");
  g_assert_null (psi_editor_dialog_get_error (editor, "condition"));
  g_assert_true (save_sensitive (editor));

  /* Its deadline is a real date. */
  set_entry (editor, "condition_deadline", "2021-02-30");
  g_assert_nonnull (psi_editor_dialog_get_error (editor, "condition_deadline"));
  g_assert_false (save_sensitive (editor));
  set_entry (editor, "condition_deadline", "2021-02-28");
  g_assert_null (psi_editor_dialog_get_error (editor, "condition_deadline"));

  /* A grant is a positive whole number of som. */
  set_entry (editor, "grant", "-5000");
  g_assert_nonnull (psi_editor_dialog_get_error (editor, "grant"));
  g_assert_false (save_sensitive (editor));
  set_entry (editor, "grant", "12.5");
  g_assert_false (save_sensitive (editor));
  set_entry (editor, "grant", "0");
  g_assert_false (save_sensitive (editor));
  set_entry (editor, "grant", "5 000 000");
  g_assert_null (psi_editor_dialog_get_error (editor, "grant"));
  g_assert_true (save_sensitive (editor));

  /* A row of prizes in kind can be added and removed. */
  row = psi_editor_dialog_add_row (editor, "items");
  g_assert_nonnull (row);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (row), "count"), 3);
  save_editor (f, editor);

  {
    g_autoptr(GError) error = NULL;
    PsiSectionPage *page = psi_window_get_page (f->window, PSI_RECORD_KIND_AWARD);
    g_autoptr(PsiRecord) saved = psi_store_load (f->store, PSI_RECORD_KIND_AWARD,
                                                 psi_section_page_get_selected_id (page),
                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpint (psi_award_get_award_kind (PSI_AWARD (saved)), ==,
                     PSI_AWARD_KIND_CONDITIONAL_WINNER);
    g_assert_cmpstr (psi_award_get_condition_deadline (PSI_AWARD (saved)), ==, "2021-02-28");
    g_assert_cmpint (psi_award_get_grant_kgs (PSI_AWARD (saved)), ==, 5000000);
  }

  /* A cluster needs two or more members. */
  g_assert_true (psi_window_show_page (f->window, PSI_RECORD_KIND_CLUSTER));
  editor = open_editor (f, "win.new-record");
  set_name (editor, "name", PSI_LANGUAGE_EN, "Lake cluster");
  g_assert_nonnull (psi_editor_dialog_get_error (editor, "members"));
  g_assert_false (save_sensitive (editor));
  {
    GtkWidget *members = GTK_WIDGET (psi_editor_dialog_get_field (editor, "members"));
    GtkWidget *first = gtk_widget_get_first_child (members);

    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (
                                   GTK_LIST_BOX_ROW (first))), TRUE);
    g_assert_false (save_sensitive (editor));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (
                                   GTK_LIST_BOX_ROW (gtk_widget_get_next_sibling (first)))),
                                 TRUE);
  }
  g_assert_null (psi_editor_dialog_get_error (editor, "members"));
  g_assert_true (save_sensitive (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  g_assert_true (psi_test_wait_for (editor_is_closed, f->window));
  g_assert_cmpint (psi_test_id_by_title (f->store, PSI_RECORD_KIND_CLUSTER, "Lake cluster"), ==, 0);
}

static gboolean
list_shows_kenesh_ky (gpointer data)
{
  PsiSectionPage *page = data;

  return psi_test_find_label (GTK_WIDGET (psi_section_page_get_column_view (page)),
                              "Кеңеш айыл аймагы");
}

/* The Kyrgyz name of a municipality, edited, shows in the list at once. */
static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY);
  gint64 kenesh = psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY, "Kenesh");
  PsiEditorDialog *editor;
  g_autoptr(PsiRecord) saved = NULL;
  g_autoptr(GError) error = NULL;

  psi_language_set_current (PSI_LANGUAGE_KY);
  psi_record_list_reload (psi_section_page_get_list (page));
  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_MUNICIPALITY, kenesh));
  psi_test_settle ();
  g_assert_false (list_shows_kenesh_ky (page));

  editor = open_editor (f, "win.edit-record");
  g_assert_cmpint (psi_record_get_id (psi_editor_dialog_get_record (editor)), ==, kenesh);
  set_name (editor, "name", PSI_LANGUAGE_KY, "Кеңеш айыл аймагы");
  psi_test_save_screenshot (GTK_WIDGET (editor), "editor-municipality");
  save_editor (f, editor);

  g_assert_true (psi_test_wait_for (list_shows_kenesh_ky, page));
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, kenesh);
  saved = psi_store_load (f->store, PSI_RECORD_KIND_MUNICIPALITY, kenesh, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (psi_text_get_exact (psi_record_get_name (saved), PSI_LANGUAGE_KY), ==,
                   "Кеңеш айыл аймагы");
  g_assert_cmpstr (psi_text_get_exact (psi_record_get_name (saved), PSI_LANGUAGE_EN), ==,
                   "Kenesh");
}

static gboolean
toast_hidden (gpointer data)
{
  return !psi_editor_toast_get_shown (data);
}

/* A municipality with awards and cluster memberships: the confirmation lists them; the
 * deletion is undone from the notice. */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  PsiSectionPage *page = psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY);
  PsiRecordList *list = psi_section_page_get_list (page);
  PsiEditorToast *toast = psi_window_get_toast (f->window);
  gint64 id = psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY, "Teplokluchenka");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) back = NULL;
  gint64 awards = psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL);
  gint64 kerege = psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY, "Kerege-Tash");
  GtkWindow *dialog;

  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_MUNICIPALITY, id));
  psi_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-record",
                                             NULL));
  g_assert_true (psi_test_wait_for (editor_is_open, f->window));
  psi_test_settle ();
  dialog = psi_window_get_editor (f->window);
  g_assert_true (PSI_IS_EDITOR_DELETE_DIALOG (dialog));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Delete “Teplokluchenka”?"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Clusters"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Teplokluchenka cluster"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Oktyabr cluster"));
  g_assert_true (psi_test_find_label (GTK_WIDGET (dialog), "Awards"));
  psi_test_save_screenshot (GTK_WIDGET (dialog), "editor-delete");

  /* Nothing is deleted before the answer. */
  g_assert_cmpuint (psi_record_list_find (list, id), !=, G_MAXUINT);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "delete.confirm", NULL);
  g_assert_true (psi_test_wait_for (editor_is_closed, f->window));
  psi_test_settle ();

  g_assert_cmpuint (psi_record_list_find (list, id), ==, G_MAXUINT);
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL), <, awards);
  g_assert_true (psi_editor_toast_get_shown (toast));
  g_assert_cmpstr (psi_editor_toast_get_text (toast), ==, "Deleted “Teplokluchenka”");
  psi_test_save_screenshot (GTK_WIDGET (f->window), "editor-toast");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toast), "toast.undo", NULL));
  g_assert_true (psi_test_wait_for (toast_hidden, toast));
  psi_test_settle ();

  back = psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_MUNICIPALITY, TEPLOKLUCHENKA_UUID,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psi_record_list_find (list, psi_record_get_id (back)), !=, G_MAXUINT);
  g_assert_cmpint (psi_section_page_get_selected_id (page), ==, psi_record_get_id (back));
  g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_AWARD, NULL), ==, awards);
  {
    g_autoptr(PsiRecord) cluster = NULL;
    gint64 cluster_id = psi_test_id_by_title (f->store, PSI_RECORD_KIND_CLUSTER,
                                     "Teplokluchenka cluster");

    cluster = psi_store_load (f->store, PSI_RECORD_KIND_CLUSTER, cluster_id, &error);
    g_assert_no_error (error);
    g_assert_true (psi_cluster_has_member (PSI_CLUSTER (cluster), psi_record_get_id (back)));
    g_assert_true (psi_cluster_has_member (PSI_CLUSTER (cluster), kerege));
  }

  /* A record nothing refers to goes at once, with the notice, and comes back. */
  {
    PsiSectionPage *agreements = psi_window_get_page (f->window, PSI_RECORD_KIND_AGREEMENT);
    g_autoptr(PsiRecord) agreement = g_list_model_get_item (
      G_LIST_MODEL (psi_section_page_get_list (agreements)), 0);
    g_autofree char *uuid = g_strdup (psi_record_get_uuid (agreement));
    g_autoptr(PsiRecord) restored = NULL;

    g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_AGREEMENT,
                                           psi_record_get_id (agreement)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-record",
                                               NULL));
    psi_test_settle ();
    g_assert_null (psi_window_get_editor (f->window));
    g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_AGREEMENT, NULL), ==, 0);
    g_assert_true (psi_editor_toast_get_shown (toast));
    /* This time through the window's action, as Ctrl+Z does. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete",
                                               NULL));
    g_assert_false (psi_editor_toast_get_shown (toast));
    restored = psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_AGREEMENT, uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpint (psi_store_count (f->store, PSI_RECORD_KIND_AGREEMENT, NULL), ==, 1);
  }
}

/* Two records have the same values: every property, child lists by their items' properties. */
static void
assert_same_object (GObject    *a,
                    GObject    *b,
                    const char *where)
{
  guint n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      const char *name = pspecs[i]->name;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, name, &va);
      g_object_get_property (b, name, &vb);

      if (pspecs[i]->value_type == PSI_TYPE_TEXT)
        {
          if (!psi_text_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)))
            g_error ("%s: %s differs", where, name);
        }
      else if (g_str_equal (name, "member-ids"))
        {
          GArray *ma = g_value_get_boxed (&va);
          GArray *mb = g_value_get_boxed (&vb);

          g_assert_cmpuint (ma->len, ==, mb->len);
          for (guint m = 0; m < ma->len; m++)
            g_assert_cmpint (g_array_index (ma, gint64, m), ==, g_array_index (mb, gint64, m));
        }
      else if (G_VALUE_HOLDS (&va, G_TYPE_LIST_MODEL))
        {
          GListModel *la = g_value_get_object (&va);
          GListModel *lb = g_value_get_object (&vb);

          g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
          for (guint m = 0; m < g_list_model_get_n_items (la); m++)
            {
              g_autoptr(GObject) ia = g_list_model_get_item (la, m);
              g_autoptr(GObject) ib = g_list_model_get_item (lb, m);

              assert_same_object (ia, ib, where);
            }
        }
      else
        {
          g_autofree char *ca = g_strdup_value_contents (&va);
          g_autofree char *cb = g_strdup_value_contents (&vb);

          if (g_strcmp0 (ca, cb) != 0)
            g_error ("%s: %s differs: %s, then %s", where, name, ca, cb);
        }
    }
}

/* Every kind's editor opens on a record of the sample, is valid as loaded, and saves it
 * unchanged. */
static void
test_every_editor (Fixture       *f,
                   gconstpointer  data)
{
  static const PsiRecordKind kinds[] = {
    PSI_RECORD_KIND_EVENT, PSI_RECORD_KIND_COMPETITION, PSI_RECORD_KIND_AWARD,
    PSI_RECORD_KIND_MUNICIPALITY, PSI_RECORD_KIND_CLUSTER, PSI_RECORD_KIND_ORGANISATION,
    PSI_RECORD_KIND_OFFICIAL, PSI_RECORD_KIND_AGREEMENT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      PsiSectionPage *page = psi_window_get_page (f->window, kinds[i]);
      PsiRecordList *list = psi_section_page_get_list (page);
      /* The last: for clusters, one whose members are not in alphabetical order. */
      g_autoptr(PsiRecord) first =
        g_list_model_get_item (G_LIST_MODEL (list),
                               g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
      g_autoptr(PsiRecord) before = NULL;
      g_autoptr(PsiRecord) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *screenshot = NULL;
      PsiEditorDialog *editor;
      gint64 id = psi_record_get_id (first);

      g_assert_true (psi_window_show_record (f->window, kinds[i], id));
      before = psi_store_load (f->store, kinds[i], id, &error);
      g_assert_no_error (error);
      editor = open_editor (f, "win.edit-record");
      g_assert_cmpint (psi_editor_dialog_get_kind (editor), ==, kinds[i]);
      if (!psi_editor_dialog_get_valid (editor))
        g_error ("The %s editor refuses a record of the sample: %s",
                 psi_enum_to_nick (PSI_TYPE_RECORD_KIND, kinds[i]),
                 psi_editor_dialog_get_error (editor, "") ?: "(a field)");
      screenshot = g_strdup_printf ("editor-%s", psi_enum_to_nick (PSI_TYPE_RECORD_KIND,
                                                                   kinds[i]));
      g_test_message ("%s: %s", screenshot, psi_record_get_uuid (first));
      if (kinds[i] != PSI_RECORD_KIND_AWARD && kinds[i] != PSI_RECORD_KIND_COMPETITION &&
          kinds[i] != PSI_RECORD_KIND_MUNICIPALITY)
        psi_test_save_screenshot (GTK_WIDGET (editor), screenshot);
      save_editor (f, editor);

      after = psi_store_load (f->store, kinds[i], id, &error);
      g_assert_no_error (error);
      assert_same_object (G_OBJECT (before), G_OBJECT (after), screenshot);
    }
}

/* The action a shortcut of the window triggers, by its trigger ("<Control>n"), or NULL. */
static char *
dup_shortcut_action (GtkWidget  *widget,
                     const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (t, trigger) && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

/* Every editing action has a key, and the shortcuts window lists it. */
static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char *trigger;
    const char *action;
  } keys[] = {
    { "<Control>n", "win.new-record" },
    { "<Control>e", "win.edit-record" },
    { "F2",         "win.edit-record" },
    { "Delete",     "win.delete-record" },
    { "<Control>z", "win.undo-delete" },
  };
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/gtk/help-overlay.ui");
  g_autoptr(GString) listed = g_string_new (" ");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  PsiEditorDialog *editor;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        g_string_append_printf (listed, "%s ", accelerator);
      }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *action = dup_shortcut_action (GTK_WIDGET (f->window), keys[i].trigger);
      g_autofree char *word = g_strdup_printf (" %s ", keys[i].trigger);

      g_assert_cmpstr (action, ==, keys[i].action);
      g_assert_nonnull (strstr (listed->str, word));
    }

  /* Enter on a row of a list edits it. */
  g_assert_true (psi_window_show_page (f->window, PSI_RECORD_KIND_MUNICIPALITY));
  g_assert_true (psi_window_show_record (f->window, PSI_RECORD_KIND_MUNICIPALITY,
                                         psi_test_id_by_title (f->store, PSI_RECORD_KIND_MUNICIPALITY,
                                                      "Masy")));
  g_signal_emit_by_name (psi_section_page_get_column_view (
                           psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY)),
                         "activate", 0);
  g_assert_true (psi_test_wait_for (editor_is_open, f->window));
  editor = PSI_EDITOR_DIALOG (psi_window_get_editor (f->window));
  g_assert_cmpint (psi_editor_dialog_get_kind (editor), ==, PSI_RECORD_KIND_MUNICIPALITY);

  /* The editor's own keys: Escape closes, Ctrl+S saves. */
  {
    g_autofree char *escape = dup_shortcut_action (GTK_WIDGET (editor), "Escape");
    g_autofree char *save = dup_shortcut_action (GTK_WIDGET (editor), "<Control>s");

    g_assert_cmpstr (escape, ==, "editor.cancel");
    g_assert_cmpstr (save, ==, "editor.save");
    g_assert_nonnull (strstr (listed->str, " Escape "));
  }
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  g_assert_true (psi_test_wait_for (editor_is_closed, f->window));

  /* Nothing to edit or delete without a selection; new works in every list. */
  g_assert_true (psi_section_page_select_id (
                   psi_window_get_page (f->window, PSI_RECORD_KIND_MUNICIPALITY), 0));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                     "edit-record"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                     "delete-record"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "new-record"));
  psi_window_set_section (f->window, "overview");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "new-record"));
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
      g_test_add_func ("/ui/editing/no-display", skip_no_display);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/editing/tied-winners", test_tied_winners);
  ADD ("/ui/editing/validation", test_validation);
  ADD ("/ui/editing/rename", test_rename);
  ADD ("/ui/editing/delete-undo", test_delete_undo);
  ADD ("/ui/editing/every-editor", test_every_editor);
  ADD ("/ui/editing/shortcuts", test_shortcuts);
#undef ADD

  return g_test_run ();
}
