/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The interface switches language live. The real application runs under Xvfb on a sample
 * records file; its app.language action switches ky → ru → en → ky. After each switch, in
 * every section, the test walks the widget tree and finds no visible label, button, tooltip,
 * placeholder, column title, menu item or shortcut title left in another language; the
 * section, list, sort and selection of every list survive; record names follow the language.
 * Screenshots of every section in every language go to build/tests/ui/language-*.png. */

#define G_LOG_DOMAIN "test-language"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "psi-application.h"
#include "psi-interface-language.h"
#include "psi-section-page.h"
#include "psi-test-ui.h"
#include "psi-window.h"

/* Every string of the catalogs, by language: "en" holds the msgids. */
static GHashTable *catalog_strings[3];
enum { EN, RU, KY };

/* Names of records in every language: shown as they are, whatever the interface language. */
static GHashTable *record_names;

static char *tmpdir;

/* --- po files ----------------------------------------------------------------------------- */

/* The text of a po string literal line ("..."), unescaped, appended to @out. */
static void
append_po_literal (GString    *out,
                   const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *inner = NULL;
  g_autofree char *unescaped = NULL;

  if (start == NULL || end == NULL || end <= start)
    return;
  inner = g_strndup (start + 1, end - start - 1);
  unescaped = g_strcompress (inner);
  g_string_append (out, unescaped);
}

/* Removes mnemonic underscores: "_Quit" → "Quit". */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '_' && p[1] != '\0')
        continue;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_letters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
add_catalog_string (GHashTable *set,
                    const char *text)
{
  /* Formats are never shown as they are; strings without letters are the same everywhere. */
  if (*text == '\0' || strchr (text, '%') != NULL || !has_letters (text) ||
      g_str_equal (text, "translator-credits"))
    return;
  g_hash_table_add (set, strip_mnemonic (text));
}

static void
load_po (const char *lang,
         GHashTable *msgids,
         GHashTable *msgstrs)
{
  g_autofree char *path = g_build_filename (g_getenv ("PSI_SOURCE_ROOT"), "po", NULL);
  g_autofree char *file = g_strdup_printf ("%s/%s.po", path, lang);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) current = g_string_new (NULL);
  enum { NONE, MSGID, MSGSTR } field = NONE;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      gboolean starts_field = line == NULL || g_str_has_prefix (line, "msgid") ||
                              g_str_has_prefix (line, "msgstr") ||
                              g_str_has_prefix (line, "msgctxt") || *line == '\0' ||
                              *line == '#';

      if (starts_field && field != NONE)
        {
          add_catalog_string (field == MSGID ? msgids : msgstrs, current->str);
          field = NONE;
        }
      if (line == NULL)
        break;

      if (g_str_has_prefix (line, "msgid"))
        field = MSGID;
      else if (g_str_has_prefix (line, "msgstr"))
        field = MSGSTR;
      else if (*line != '"')
        continue;

      if (starts_field)
        g_string_truncate (current, 0);
      append_po_literal (current, line);
    }
}

static void
load_catalogs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalog_strings); i++)
    catalog_strings[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  load_po ("ru", catalog_strings[EN], catalog_strings[RU]);
  load_po ("ky", catalog_strings[EN], catalog_strings[KY]);

  g_assert_cmpuint (g_hash_table_size (catalog_strings[EN]), >, 100);
  g_assert_cmpuint (g_hash_table_size (catalog_strings[RU]), >, 100);
  g_assert_cmpuint (g_hash_table_size (catalog_strings[KY]), >, 100);
}

/* TRUE when @text is one of our strings in a language other than @lang, and not also one of
 * @lang's own. */
static gboolean
is_foreign (const char *text,
            guint       lang)
{
  g_autofree char *stripped = strip_mnemonic (text);

  /* The language menu names each language in that language. */
  static const char *const autonyms[] = { "Кыргызча", "Русский", "English", NULL };

  if (g_hash_table_contains (catalog_strings[lang], stripped) ||
      g_hash_table_contains (record_names, stripped) ||
      g_strv_contains (autonyms, stripped))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (catalog_strings); i++)
    if (i != lang && g_hash_table_contains (catalog_strings[i], stripped))
      return TRUE;
  return FALSE;
}

/* --- the walk ---------------------------------------------------------------------------- */

typedef struct
{
  guint      lang;
  guint      n_checked;
  guint      n_own;          /* strings found in the catalog of the language itself */
  GPtrArray *problems;
  const char *where;
} Walk;

static void
check_text (Walk       *walk,
            const char *what,
            GObject    *object,
            const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL || *text == '\0')
    return;

  walk->n_checked++;
  stripped = strip_mnemonic (text);
  if (g_hash_table_contains (catalog_strings[walk->lang], stripped))
    walk->n_own++;
  if (is_foreign (text, walk->lang))
    g_ptr_array_add (walk->problems,
                     g_strdup_printf ("%s: %s of %s is “%s”", walk->where, what,
                                      G_OBJECT_TYPE_NAME (object), text));
}

static void
walk_widget (Walk      *walk,
             GtkWidget *widget,
             gboolean   need_mapped)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (need_mapped && !gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    check_text (walk, "label", G_OBJECT (widget), gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget))
    check_text (walk, "button label", G_OBJECT (widget), gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_TEXT (widget))
    check_text (walk, "placeholder", G_OBJECT (widget),
                gtk_text_get_placeholder_text (GTK_TEXT (widget)));
  if (GTK_IS_WINDOW (widget))
    check_text (walk, "title", G_OBJECT (widget), gtk_window_get_title (GTK_WINDOW (widget)));
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) || GTK_IS_SHORTCUTS_GROUP (widget) ||
      GTK_IS_SHORTCUTS_SECTION (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      check_text (walk, "shortcut title", G_OBJECT (widget), title);
    }
  check_text (walk, "tooltip", G_OBJECT (widget), gtk_widget_get_tooltip_text (widget));

  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          check_text (walk, "column title", G_OBJECT (column),
                      gtk_column_view_column_get_title (column));
        }
    }

  if (GTK_IS_MENU_BUTTON (widget))
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      if (menu != NULL)
        {
          GPtrArray *queue = g_ptr_array_new ();

          g_ptr_array_add (queue, menu);
          while (queue->len > 0)
            {
              GMenuModel *model = g_ptr_array_steal_index (queue, queue->len - 1);

              for (int i = 0; i < g_menu_model_get_n_items (model); i++)
                {
                  g_autofree char *label = NULL;
                  g_autoptr(GMenuLinkIter) links = NULL;

                  if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                       &label))
                    check_text (walk, "menu item", G_OBJECT (model), label);
                  links = g_menu_model_iterate_item_links (model, i);
                  while (g_menu_link_iter_next (links))
                    {
                      GMenuModel *link = g_menu_link_iter_get_value (links);

                      g_ptr_array_add (queue, link);
                      g_object_unref (link);   /* the parent model keeps it */
                    }
                }
            }
          g_ptr_array_unref (queue);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child, need_mapped);
}

/* --- the test ---------------------------------------------------------------------------- */

static const struct {
  PsiRecordKind kind;
  const char   *section;
  const char   *list;     /* the child of a two-list section's inner stack */
} pages[] = {
  { PSI_RECORD_KIND_EVENT,        "conferences",    NULL },
  { PSI_RECORD_KIND_COMPETITION,  "competitions",   "competitions" },
  { PSI_RECORD_KIND_AWARD,        "competitions",   "awards" },
  { PSI_RECORD_KIND_MUNICIPALITY, "municipalities", NULL },
  { PSI_RECORD_KIND_CLUSTER,      "clusters",       NULL },
  { PSI_RECORD_KIND_ORGANISATION, "people",         "organisations" },
  { PSI_RECORD_KIND_OFFICIAL,     "people",         "officials" },
  { PSI_RECORD_KIND_AGREEMENT,    "agreements",     NULL },
};

static void
collect_record_names (PsiWindow *window)
{
  record_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (PsiRecordKind kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autoptr(PsiRecordList) list = psi_record_list_new (psi_window_get_store (window), kind);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          g_autoptr(PsiRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);
          PsiText *name = psi_record_get_name (record);

          for (PsiLanguage l = 0; l < PSI_N_LANGUAGES; l++)
            {
              const char *text = name ? psi_text_get_exact (name, l) : NULL;

              if (text != NULL && *text != '\0')
                g_hash_table_add (record_names, g_strdup (text));
              /* Officials without a name show their position and organisation. */
              {
                g_autofree char *title = psi_record_dup_title (record, l);

                g_hash_table_add (record_names, g_steal_pointer (&title));
              }
            }
        }
    }
}

/* Shows the page of @kind: its section and, in a two-list section, its list. */
static PsiSectionPage *
show_page (PsiWindow *window,
           guint      index)
{
  g_assert_true (psi_window_show_page (window, pages[index].kind));
  return psi_window_get_page (window, pages[index].kind);
}

static PsiWindow *
current_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

      window = windows != NULL ? windows->data : NULL;
    }
  g_assert_true (PSI_IS_WINDOW (window));
  return PSI_WINDOW (window);
}

static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *button = find_menu_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

/* The primary menu offers the four choices through app.language. */
static void
check_language_menu (GtkMenuButton *button)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GString) targets = g_string_new (NULL);

  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                      &action));
      g_assert_cmpstr (action, ==, "app.language");
      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                                      &target));
      g_string_append_printf (targets, "[%s]", target);
    }
  g_assert_cmpstr (targets->str, ==, "[][ky][ru][en]");
}

static void
check_window (PsiWindow  *window,
              guint       lang,
              const char *code)
{
  static const char *const municipalities[] = { "Municipalities", "Муниципалитеты",
                                                "Муниципалитеттер" };
  static const char *const kenesh[] = { "Kenesh", "Кенеш", "Кеңеш" };
  GtkMenuButton *menu_button;
  Walk walk = { lang, 0, 0, g_ptr_array_new_with_free_func (g_free), NULL };
  GtkWindow *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      PsiSectionPage *page = show_page (window, i);
      g_autofree char *where = g_strdup_printf ("%s, %s", code,
                                                pages[i].list ? pages[i].list
                                                              : pages[i].section);
      g_autofree char *shot = g_strdup_printf ("language-%s-%s", code,
                                               pages[i].list ? pages[i].list
                                                             : pages[i].section);

      psi_test_settle ();
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
      walk.where = where;
      walk_widget (&walk, GTK_WIDGET (window), TRUE);
      psi_test_save_screenshot (GTK_WIDGET (window), shot);

      if (pages[i].kind == PSI_RECORD_KIND_MUNICIPALITY)
        {
          /* The sidebar speaks the language, and so do the names of records. */
          g_assert_true (psi_test_find_label (GTK_WIDGET (window), municipalities[lang]));
          g_assert_true (psi_test_find_label (GTK_WIDGET (window), kenesh[lang]));
        }
    }

  /* The sections that are not lists of one kind of record (the Overview). */
  for (const char * const *id = psi_window_get_section_ids (); *id != NULL; id++)
    {
      gboolean is_list = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        is_list |= g_str_equal (pages[i].section, *id);
      if (is_list)
        continue;

      {
        g_autofree char *where = g_strdup_printf ("%s, %s", code, *id);
        g_autofree char *shot = g_strdup_printf ("language-%s-%s", code, *id);

        psi_window_set_section (window, *id);
        psi_test_settle ();
        g_assert_cmpstr (psi_window_get_section (window), ==, *id);
        walk.where = where;
        walk_widget (&walk, GTK_WIDGET (window), TRUE);
        psi_test_save_screenshot (GTK_WIDGET (window), shot);
      }
    }

  /* The primary menu, open, and its model. */
  menu_button = find_menu_button (gtk_window_get_titlebar (GTK_WINDOW (window)));
  g_assert_nonnull (menu_button);
  check_language_menu (menu_button);
  gtk_menu_button_popup (menu_button);
  psi_test_settle ();
  {
    g_autofree char *shot = g_strdup_printf ("language-%s-menu", code);

    /* The popover is a surface of its own. */
    psi_test_save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)), shot);
  }
  walk.where = "primary menu";
  walk_widget (&walk, GTK_WIDGET (gtk_menu_button_get_popover (menu_button)), TRUE);
  gtk_menu_button_popdown (menu_button);

  /* The shortcuts window, built with the window. */
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  walk.where = "keyboard shortcuts";
  walk_widget (&walk, GTK_WIDGET (overlay), FALSE);

  for (guint i = 0; i < walk.problems->len; i++)
    g_printerr ("not in the interface language: %s\n", (char *) walk.problems->pdata[i]);
  g_test_message ("%s: %u strings checked, %u from its catalog", code, walk.n_checked, walk.n_own);
  g_assert_cmpuint (walk.problems->len, ==, 0);
  g_assert_cmpuint (walk.n_checked, >, 100);
  /* English strings are msgids: they are in the "catalog" of English as well. */
  g_assert_cmpuint (walk.n_own, >, 50);
  g_ptr_array_unref (walk.problems);
}

typedef struct
{
  gint64   selected[G_N_ELEMENTS (pages)];
  char    *section;
  gboolean sorted;
  char    *sort_key;
  gboolean descending;
} State;

static void
remember_state (PsiWindow *window,
                State     *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    state->selected[i] = psi_section_page_get_selected_id (psi_window_get_page (window,
                                                                                pages[i].kind));
  g_free (state->section);
  state->section = g_strdup (psi_window_get_section (window));
  {
    const char *key = NULL;

    state->sorted = psi_section_page_get_sort (psi_window_get_page (window,
                                                                    PSI_RECORD_KIND_MUNICIPALITY),
                                               &key, &state->descending);
    g_free (state->sort_key);
    state->sort_key = g_strdup (key);
  }
}

static void
switch_language (GApplication *app,
                 const char   *code)
{
  PsiWindow *before = current_window (app);
  PsiWindow *after;
  State state = { { 0 }, NULL, FALSE, NULL, FALSE };
  g_autoptr(GVariant) action_state = NULL;

  remember_state (before, &state);
  g_object_add_weak_pointer (G_OBJECT (before), (gpointer *) &before);

  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string (code));
  psi_test_settle ();

  /* The old window is gone; a new one, built in the new language, took its place. */
  g_assert_null (before);
  after = current_window (app);
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, after));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_cmpstr (psi_interface_language_get (), ==, code);
  action_state = g_action_group_get_action_state (G_ACTION_GROUP (app), "language");
  g_assert_cmpstr (g_variant_get_string (action_state, NULL), ==, code);

  /* Nothing the user chose was lost. */
  g_assert_cmpstr (psi_window_get_section (after), ==, state.section);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_cmpint (psi_section_page_get_selected_id (psi_window_get_page (after, pages[i].kind)),
                     ==, state.selected[i]);
  {
    const char *key = NULL;
    gboolean descending = FALSE;

    g_assert_true (state.sorted);
    g_assert_true (psi_section_page_get_sort (psi_window_get_page (after,
                                                                   PSI_RECORD_KIND_MUNICIPALITY),
                                              &key, &descending));
    g_assert_cmpstr (key, ==, state.sort_key);
    g_assert_cmpint (descending, ==, state.descending);
  }
  g_free (state.section);
  g_free (state.sort_key);
}

/* Selects the second row of every list, sorts the municipalities by a column, and goes to
 * @section, so that the switch has something to keep. */
static void
make_choices (PsiWindow  *window,
              guint       round)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      PsiSectionPage *page = psi_window_get_page (window, pages[i].kind);
      GListModel *list = G_LIST_MODEL (psi_section_page_get_list (page));
      guint n = g_list_model_get_n_items (list);
      g_autoptr(PsiRecord) record = NULL;

      g_assert_cmpuint (n, >, 0);
      record = g_list_model_get_item (list, (round + 1) % n);
      g_assert_true (psi_section_page_select_id (page, psi_record_get_id (record)));
    }
  psi_section_page_sort_by (psi_window_get_page (window, PSI_RECORD_KIND_MUNICIPALITY),
                            round % 2 ? "title" : "region", round % 2 == 0);
  show_page (window, round % G_N_ELEMENTS (pages));
  psi_test_settle ();
}

static void
test_switch_live (void)
{
  static const char *const sequence[] = { "ky", "ru", "en", "ky" };
  g_autoptr(PsiApplication) app = psi_application_new ();
  g_autoptr(GError) error = NULL;
  PsiWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = current_window (G_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  g_assert_true (psi_test_wait_for (psi_test_widget_is_mapped, window));
  psi_test_settle ();
  collect_record_names (window);

  /* English to begin with, as the test's LANGUAGE says. */
  check_window (window, EN, "en");

  for (guint round = 0; round < G_N_ELEMENTS (sequence); round++)
    {
      const char *code = sequence[round];
      guint lang = g_str_equal (code, "ky") ? KY : g_str_equal (code, "ru") ? RU : EN;
      g_autofree char *shot = NULL;

      make_choices (current_window (G_APPLICATION (app)), round);
      switch_language (G_APPLICATION (app), code);
      window = current_window (G_APPLICATION (app));

      /* The window size survived too. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1100);

      check_window (window, lang, code);
    }

  /* The choice is saved; "" follows the system again. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *saved = g_settings_get_string (settings, "language");

    g_assert_cmpstr (saved, ==, "ky");
  }
  switch_language (G_APPLICATION (app), "");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; )
    {
      GtkWindow *w = l->data;

      l = l->next;
      gtk_window_destroy (w);
    }
  psi_test_settle ();
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
  g_autofree char *localedir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* The system language of this run is English; the records file is the default one, in a
   * fresh XDG_DATA_HOME, so the application creates it with the sample as on first start. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  tmpdir = g_dir_make_tmp ("psi-language-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmpdir, TRUE);

  localedir = g_build_filename (g_getenv ("PSI_BUILD_ROOT"), "po", NULL);
  psi_interface_language_init (localedir);
  psi_interface_language_apply ("");

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui/language/no-display", skip_no_display);
      return g_test_run ();
    }

  load_catalogs ();
  g_test_add_func ("/ui/language/switch-live", test_switch_live);
  status = g_test_run ();

  psi_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
