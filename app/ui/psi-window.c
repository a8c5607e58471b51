/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-window"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-window.h"

#include "psi-backups-dialog.h"
#include "psi-editor-delete-dialog.h"
#include "psi-editor-dialog.h"
#include "psi-editor-toast.h"
#include "psi-global-search.h"
#include "psi-import-dialog.h"
#include "psi-interface-language.h"
#include "psi-overview-page.h"
#include "psi-section-page.h"
#include "psi-store-edit.h"
#include "psi-ui-scope.h"
#include "psi-window-certificates.h"
#include "psi-xml-task.h"

struct _PsiWindow
{
  GtkApplicationWindow  parent_instance;

  PsiStore             *store;
  GSettings            *settings;

  GtkStack             *sections;
  GtkStack             *competitions_stack;
  GtkStack             *people_stack;
  PsiSectionPage       *events_page;
  PsiSectionPage       *competitions_page;
  PsiSectionPage       *awards_page;
  PsiSectionPage       *municipalities_page;
  PsiSectionPage       *clusters_page;
  PsiSectionPage       *organisations_page;
  PsiSectionPage       *officials_page;
  PsiSectionPage       *agreements_page;
  PsiOverviewPage      *overview_page;
  PsiEditorToast       *toast;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;

  /* The open editor or delete confirmation, if any (weak). */
  GtkWindow            *editor;

  /* XML import and export: the file chooser shown, and what stops an export under way. */
  GtkFileChooserNative *chooser;
  GCancellable         *io_cancellable;
};

G_DEFINE_FINAL_TYPE (PsiWindow, psi_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const section_ids[] = {
  "conferences",
  "competitions",
  "municipalities",
  "clusters",
  "people",
  "agreements",
  "overview",
  NULL
};

/* Where each kind of record is shown: section, and the list inside a two-list section. */
static const struct {
  PsiRecordKind kind;
  const char   *section;
  const char   *list;
} kind_pages[] = {
  { PSI_RECORD_KIND_EVENT,        "conferences",    NULL },
  { PSI_RECORD_KIND_COMPETITION,  "competitions",   "competitions" },
  { PSI_RECORD_KIND_AWARD,        "competitions",   "awards" },
  { PSI_RECORD_KIND_MUNICIPALITY, "municipalities", NULL },
  { PSI_RECORD_KIND_CLUSTER,      "clusters",       NULL },
  { PSI_RECORD_KIND_ORGANISATION, "people",         "organisations" },
  { PSI_RECORD_KIND_OFFICIAL,     "people",         "officials" },
  { PSI_RECORD_KIND_AGREEMENT,    "agreements",     NULL },
};

static void update_edit_actions (PsiWindow *self);

static PsiSectionPage **
page_slot (PsiWindow     *self,
           PsiRecordKind  kind)
{
  switch (kind)
    {
    case PSI_RECORD_KIND_EVENT:        return &self->events_page;
    case PSI_RECORD_KIND_COMPETITION:  return &self->competitions_page;
    case PSI_RECORD_KIND_AWARD:        return &self->awards_page;
    case PSI_RECORD_KIND_MUNICIPALITY: return &self->municipalities_page;
    case PSI_RECORD_KIND_CLUSTER:      return &self->clusters_page;
    case PSI_RECORD_KIND_ORGANISATION: return &self->organisations_page;
    case PSI_RECORD_KIND_OFFICIAL:     return &self->officials_page;
    case PSI_RECORD_KIND_AGREEMENT:    return &self->agreements_page;
    case PSI_RECORD_KIND_REGION:
    case PSI_RECORD_KIND_DISTRICT:
    default:
      return NULL;
    }
}

static GtkStack *
list_stack_of_section (PsiWindow  *self,
                       const char *section)
{
  if (g_strcmp0 (section, "competitions") == 0)
    return self->competitions_stack;
  if (g_strcmp0 (section, "people") == 0)
    return self->people_stack;
  return NULL;
}

static void
section_changed_cb (PsiWindow  *self,
                    GParamSpec *pspec,
                    GtkStack   *stack)
{
  const char *section = gtk_stack_get_visible_child_name (stack);
  GAction *action;

  g_assert (PSI_IS_WINDOW (self));

  if (section == NULL)
    return;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "section");
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (section));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-section", section);

  update_edit_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
list_changed_cb (PsiWindow  *self,
                 GParamSpec *pspec,
                 GtkStack   *stack)
{
  g_assert (PSI_IS_WINDOW (self));

  update_edit_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
section_change_state_cb (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);

  psi_window_set_section (self, g_variant_get_string (state, NULL));
}

static void
search_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  PsiSectionPage *page = psi_window_get_current_page (self);

  if (page != NULL)
    psi_section_page_focus_search (page);
}

/* Made on demand, so that it speaks the current language; closes itself. */
static void
global_search_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (psi_global_search_new (self)));
}

static void
open_record_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  int kind;
  gint64 id;

  g_variant_get (parameter, "(ix)", &kind, &id);
  if (kind < 0 || kind >= PSI_N_RECORD_KINDS)
    return;

  psi_window_show_record (self, kind, id);
}

/* Editing: win.new-record, win.edit-record, win.delete-record on the list shown */

static void
update_edit_actions (PsiWindow *self)
{
  PsiSectionPage *page = psi_window_get_current_page (self);
  gboolean selected = page != NULL && psi_section_page_get_selected_id (page) > 0;
  /* A read-only file: nothing that writes (the banner at the top says why). */
  gboolean writable = self->store == NULL || !psi_store_is_read_only (self->store);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "new-record");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable && page != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "edit-record");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable && selected);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "delete-record");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable && selected);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "undo-delete");
  if (action != NULL && !writable)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "import-records");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "export-events");
  if (action != NULL && self->events_page != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                 psi_section_page_get_selected_id (self->events_page) > 0);
}

static void
page_selection_changed_cb (PsiWindow      *self,
                           GParamSpec     *pspec,
                           PsiSectionPage *page)
{
  g_assert (PSI_IS_WINDOW (self));

  update_edit_actions (self);
}

static void
editor_saved_cb (PsiWindow       *self,
                 gint64           id,
                 PsiEditorDialog *editor)
{
  g_assert (PSI_IS_WINDOW (self));

  psi_window_show_record (self, psi_editor_dialog_get_kind (editor), id);
}

static void
present_editor (PsiWindow *self,
                GtkWindow *editor)
{
  if (self->editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  self->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->editor);
  gtk_window_present (editor);
}

static void
open_editor (PsiWindow *self,
             gint64     id)
{
  PsiSectionPage *page = psi_window_get_current_page (self);
  g_autoptr(GError) error = NULL;
  PsiEditorDialog *editor;

  if (page == NULL)
    return;

  editor = psi_editor_dialog_new (GTK_WINDOW (self), self->store,
                                  psi_section_page_get_kind (page), id, &error);
  if (editor == NULL)
    {
      psi_editor_toast_show_message (self->toast, error->message);
      return;
    }
  /* A new award goes to the competition selected in the list of competitions. */
  if (id == 0 && psi_section_page_get_kind (page) == PSI_RECORD_KIND_AWARD &&
      psi_section_page_get_selected_id (self->competitions_page) > 0)
    psi_editor_dialog_choose (editor, "competition",
                              psi_section_page_get_selected_id (self->competitions_page));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  present_editor (self, GTK_WINDOW (editor));
}

static void
new_record_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  open_editor (PSI_WINDOW (user_data), 0);
}

static void
edit_record_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  PsiSectionPage *page = psi_window_get_current_page (self);

  if (page != NULL && psi_section_page_get_selected_id (page) > 0)
    open_editor (self, psi_section_page_get_selected_id (page));
}

static void
apply_deletion (PsiWindow   *self,
                PsiDeletion *deletion)
{
  g_autoptr(GError) error = NULL;

  if (!psi_deletion_apply (deletion, &error))
    {
      psi_editor_toast_show_message (self->toast, error->message);
      return;
    }
  psi_editor_toast_show_deletion (self->toast, deletion);
}

static void
deletion_confirmed_cb (PsiWindow             *self,
                       PsiDeletion           *deletion,
                       PsiEditorDeleteDialog *dialog)
{
  g_assert (PSI_IS_WINDOW (self));

  apply_deletion (self, deletion);
}

static void
delete_record_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  PsiSectionPage *page = psi_window_get_current_page (self);
  g_autoptr(PsiDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  PsiEditorDeleteDialog *dialog;

  if (page == NULL || psi_section_page_get_selected_id (page) <= 0)
    return;

  deletion = psi_deletion_new (self->store, psi_section_page_get_kind (page),
                               psi_section_page_get_selected_id (page), &error);
  if (deletion == NULL)
    {
      psi_editor_toast_show_message (self->toast, error->message);
      return;
    }

  /* Nothing else changes: delete at once; the notice offers to undo. */
  if (psi_deletion_get_n_dependents (deletion) == 0 &&
      psi_deletion_get_n_blockers (deletion) == 0)
    {
      apply_deletion (self, deletion);
      return;
    }

  dialog = psi_editor_delete_dialog_new (GTK_WINDOW (self), deletion);
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (deletion_confirmed_cb), self,
                           G_CONNECT_SWAPPED);
  present_editor (self, GTK_WINDOW (dialog));
}

static void
undo_cb (PsiWindow      *self,
         PsiDeletion    *deletion,
         PsiEditorToast *toast)
{
  g_autoptr(GError) error = NULL;
  PsiRecord *record = psi_deletion_get_record (deletion);

  g_assert (PSI_IS_WINDOW (self));

  if (!psi_deletion_undo (deletion, &error))
    {
      psi_editor_toast_show_message (self->toast, error->message);
      return;
    }
  psi_window_show_record (self, psi_record_get_kind (record),
                          psi_deletion_get_restored_id (deletion));
}

static void
undo_delete_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);

  if (psi_editor_toast_get_deletion (self->toast) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->toast), "toast.undo", NULL);
}

/* XML: win.import-records, win.export-records, win.export-events */

static void
import_done_cb (PsiWindow           *self,
                GFile               *file,
                gpointer             summary_pointer,
                PsiImportDialog     *dialog)
{
  const PsiXmlImportSummary *summary = summary_pointer;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display_name = g_filename_display_name (basename != NULL ? basename : "");
  g_autofree char *text = NULL;

  g_assert (PSI_IS_WINDOW (self));

  /* Translators: notice at the bottom of the window after an import; %s is the XML file,
   * then the counts of new and of changed records, each number after its word, so that no
   * plural forms are needed */
  text = g_strdup_printf (_("Imported “%s”: new %u, changed %u"), display_name,
                          psi_xml_import_summary_get_n_new (summary),
                          psi_xml_import_summary_get_n_changed (summary));
  psi_editor_toast_show_message (self->toast, text);
}

static void
store_external_change_cb (PsiWindow *self,
                          PsiStore  *store)
{
  g_assert (PSI_IS_WINDOW (self));

  gint64 event_id = psi_overview_page_get_event_id (self->overview_page);

  /* Another connection (an import) changed the file: read every list again, keeping what is
   * selected. */
  for (guint i = 0; i < G_N_ELEMENTS (kind_pages); i++)
    {
      PsiSectionPage *page = *page_slot (self, kind_pages[i].kind);
      PsiRecordList *list = psi_section_page_get_list (page);
      gint64 id = psi_section_page_get_selected_id (page);

      if (list == NULL)
        continue;
      psi_record_list_reload (list);
      if (id > 0)
        psi_section_page_select_id (page, id);
    }
  psi_overview_page_set_store (self->overview_page, NULL);
  psi_overview_page_set_store (self->overview_page, self->store);
  if (event_id > 0)
    psi_overview_page_set_event_id (self->overview_page, event_id);
  update_edit_actions (self);
}

static GtkFileFilter *
xml_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: the file type in the import and export file choosers */
  gtk_file_filter_set_name (filter, _("PSI Records XML files"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  return filter;
}

static void
clear_chooser (PsiWindow *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
import_chooser_response_cb (PsiWindow            *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (PSI_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);
  if (file != NULL)
    psi_window_import_file (self, file);
}

/* Backups */

static void
backups_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  PsiBackupsDialog *dialog = psi_backups_dialog_new (GTK_WINDOW (self), self->store);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_read_only_banner (PsiWindow *self)
{
  gboolean read_only = psi_store_is_read_only (self->store);

  gtk_label_set_text (self->read_only_label,
                      read_only ? psi_store_get_read_only_reason (self->store) : "");
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
}

static void
import_records_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  g_autoptr(GtkFileFilter) filter = xml_filter_new ();

  clear_chooser (self);
  self->chooser = gtk_file_chooser_native_new (
    /* Translators: title of the file chooser for an import */
    _("Import Records"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
    /* Translators: the accept button of the file chooser for an import */
    _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (import_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PsiWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_object_ref (G_FILE (object));
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *text = NULL;
  guint n_records = 0;

  if (!psi_xml_export_file_finish (result, &n_records, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !gtk_widget_in_destruction (GTK_WIDGET (self)))
        psi_editor_toast_show_message (self->toast, error->message);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  basename = g_file_get_basename (file);
  display_name = g_filename_display_name (basename != NULL ? basename : "");
  /* Translators: notice at the bottom of the window after an export; %u is a number of
   * records, %s the name of the XML file */
  text = g_strdup_printf (ngettext ("Exported %u record to “%s”",
                                    "Exported %u records to “%s”", n_records),
                          n_records, display_name);
  psi_editor_toast_show_message (self->toast, text);
}

static void
export_chooser_response_cb (PsiWindow            *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) event_ids = g_object_steal_data (G_OBJECT (chooser), "psi-event-ids");

  g_assert (PSI_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);
  if (file != NULL)
    psi_window_export_file (self, file, event_ids);
}

static void
show_export_chooser (PsiWindow *self,
                     GArray    *event_ids)
{
  g_autoptr(GtkFileFilter) filter = xml_filter_new ();

  clear_chooser (self);
  self->chooser = gtk_file_chooser_native_new (
    event_ids != NULL
    /* Translators: title of the file chooser for an export of the selected events */
    ? _("Export Selected Events")
    /* Translators: title of the file chooser for an export of every record */
    : _("Export Records"),
    GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
    /* Translators: the accept button of the file chooser for an export */
    _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the file name an export proposes; keep .xml */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("records.xml"));
  if (event_ids != NULL)
    g_object_set_data_full (G_OBJECT (self->chooser), "psi-event-ids",
                            g_array_ref (event_ids), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (export_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_records_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  show_export_chooser (PSI_WINDOW (user_data), NULL);
}

static void
export_events_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  g_autoptr(GArray) event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = psi_section_page_get_selected_id (self->events_page);

  if (id <= 0)
    return;
  g_array_append_val (event_ids, id);
  show_export_chooser (self, event_ids);
}

static const GActionEntry window_actions[] = {
  { "section", NULL, "s", "'conferences'", section_change_state_cb },
  { "search", search_activated_cb },
  { "global-search", global_search_activated_cb },
  { "open-record", open_record_activated_cb, "(ix)" },
  { "new-record", new_record_activated_cb },
  { "edit-record", edit_record_activated_cb },
  { "delete-record", delete_record_activated_cb },
  { "undo-delete", undo_delete_activated_cb },
  { "import-records", import_records_activated_cb },
  { "backups", backups_activated_cb },
  { "export-records", export_records_activated_cb },
  { "export-events", export_events_activated_cb },
};

static void
save_window_state (PsiWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
psi_window_close_request (GtkWindow *window)
{
  GtkWindowClass *parent_class = GTK_WINDOW_CLASS (psi_window_parent_class);

  save_window_state (PSI_WINDOW (window));

  if (parent_class->close_request != NULL)
    return parent_class->close_request (window);
  return FALSE;
}

static void
psi_window_constructed (GObject *object)
{
  PsiWindow *self = PSI_WINDOW (object);

  G_OBJECT_CLASS (psi_window_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (kind_pages); i++)
    {
      PsiSectionPage *page = *page_slot (self, kind_pages[i].kind);

      psi_section_page_set_store (page, self->store);
      g_signal_connect_object (page, "notify::selected-id",
                               G_CALLBACK (page_selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->toast, "undo", G_CALLBACK (undo_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "external-change",
                           G_CALLBACK (store_external_change_cb), self, G_CONNECT_SWAPPED);
  update_edit_actions (self);
  update_read_only_banner (self);
  psi_overview_page_set_store (self->overview_page, self->store);

  if (self->settings != NULL)
    {
      g_autofree char *section = g_settings_get_string (self->settings, "last-section");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      psi_window_set_section (self, section);
    }
}

static void
psi_window_dispose (GObject *object)
{
  PsiWindow *self = PSI_WINDOW (object);

  if (self->editor != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      gtk_window_destroy (self->editor);
      self->editor = NULL;
    }

  clear_chooser (self);
  g_cancellable_cancel (self->io_cancellable);
  g_clear_object (&self->io_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (psi_window_parent_class)->dispose (object);
}

static void
psi_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsiWindow *self = PSI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, psi_window_get_store (self));
      break;
    case PROP_SECTION:
      g_value_set_string (value, psi_window_get_section (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PsiWindow *self = PSI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SECTION:
      psi_window_set_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_window_class_init (PsiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = psi_window_constructed;
  object_class->dispose = psi_window_dispose;
  object_class->get_property = psi_window_get_property;
  object_class->set_property = psi_window_set_property;

  window_class->close_request = psi_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PSI_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL,
                         "conferences",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PSI_TYPE_EDITOR_TOAST);
  g_type_ensure (PSI_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PSI_TYPE_SECTION_PAGE);
  psi_ui_ensure_types ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/psi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, sections);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, competitions_stack);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, people_stack);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, events_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, competitions_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, awards_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, municipalities_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, clusters_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, organisations_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, officials_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, agreements_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PsiWindow, toast);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_changed_cb);

  for (guint i = 0; section_ids[i] != NULL; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.section", "s", section_ids[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.global-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.global-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "win.delete-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "win.delete-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo-delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-records", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-records", NULL);
}

static void
psi_window_init (PsiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  psi_ui_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   window_actions, G_N_ELEMENTS (window_actions),
                                   self);
  _psi_window_certificates_init (self);
  self->settings = psi_settings_new_if_installed ();
  if (self->settings == NULL)
    g_warning ("The GSettings schema %s is not installed; window state will not be kept",
               APP_ID);
}

PsiWindow *
psi_window_new (GtkApplication *application,
                PsiStore       *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PSI_IS_STORE (store), NULL);

  return g_object_new (PSI_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

PsiStore *
psi_window_get_store (PsiWindow *self)
{
  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  return self->store;
}

const char * const *
psi_window_get_section_ids (void)
{
  return section_ids;
}

const char *
psi_window_get_section (PsiWindow *self)
{
  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->sections);
}

void
psi_window_set_section (PsiWindow  *self,
                        const char *section)
{
  g_return_if_fail (PSI_IS_WINDOW (self));

  if (section == NULL || !g_strv_contains (section_ids, section))
    {
      g_warning ("No section named “%s”", section ? section : "(null)");
      return;
    }

  /* The stack notifies: see section_changed_cb (). */
  gtk_stack_set_visible_child_name (self->sections, section);
}

PsiSectionPage *
psi_window_get_page (PsiWindow     *self,
                     PsiRecordKind  kind)
{
  PsiSectionPage **slot;

  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  slot = page_slot (self, kind);
  return slot != NULL ? *slot : NULL;
}

PsiSectionPage *
psi_window_get_current_page (PsiWindow *self)
{
  const char *section;
  GtkStack *list_stack;
  GtkWidget *child;

  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  section = psi_window_get_section (self);
  list_stack = list_stack_of_section (self, section);
  child = list_stack != NULL ? gtk_stack_get_visible_child (list_stack)
                             : gtk_stack_get_visible_child (self->sections);

  return PSI_IS_SECTION_PAGE (child) ? PSI_SECTION_PAGE (child) : NULL;
}

gboolean
psi_window_show_page (PsiWindow     *self,
                      PsiRecordKind  kind)
{
  g_return_val_if_fail (PSI_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_pages); i++)
    {
      GtkStack *list_stack;

      if (kind_pages[i].kind != kind)
        continue;

      list_stack = list_stack_of_section (self, kind_pages[i].section);
      if (list_stack != NULL)
        gtk_stack_set_visible_child_name (list_stack, kind_pages[i].list);
      psi_window_set_section (self, kind_pages[i].section);
      return TRUE;
    }

  return FALSE;
}

gboolean
psi_window_show_record (PsiWindow     *self,
                        PsiRecordKind  kind,
                        gint64         id)
{
  PsiSectionPage *page;

  g_return_val_if_fail (PSI_IS_WINDOW (self), FALSE);

  page = psi_window_get_page (self, kind);
  if (page == NULL || !psi_window_show_page (self, kind))
    return FALSE;

  return psi_section_page_select_id (page, id);
}

/**
 * psi_window_take_state:
 * @self: a new window
 * @other: the window it replaces
 *
 * Gives @self what the user sees in @other: size, maximized state, section, the list shown in
 * a two-list section, and the search text and selected record of every list. Used when the
 * interface language changes: GtkBuilder translates only when it parses, so the window is
 * built again in the new language and takes over from the old one.
 */
void
psi_window_take_state (PsiWindow *self,
                       PsiWindow *other)
{
  static const char * const filters[] = { "competition", "award-kind", "region", "event" };
  const char *section;
  int width, height;

  g_return_if_fail (PSI_IS_WINDOW (self));
  g_return_if_fail (PSI_IS_WINDOW (other));

  width = gtk_widget_get_width (GTK_WIDGET (other));
  height = gtk_widget_get_height (GTK_WIDGET (other));
  if (width <= 0 || height <= 0)
    gtk_window_get_default_size (GTK_WINDOW (other), &width, &height);
  if (gtk_window_is_maximized (GTK_WINDOW (other)))
    gtk_window_maximize (GTK_WINDOW (self));
  else
    {
      gtk_window_unmaximize (GTK_WINDOW (self));
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_pages); i++)
    {
      PsiSectionPage *from = *page_slot (other, kind_pages[i].kind);
      PsiSectionPage *to = *page_slot (self, kind_pages[i].kind);
      gint64 id = psi_section_page_get_selected_id (from);
      const char *key = NULL;
      gboolean descending = FALSE;

      if (psi_section_page_get_sort (from, &key, &descending))
        {
          g_autofree char *sort_key = g_strdup (key);

          psi_section_page_sort_by (to, sort_key, descending);
        }
      psi_section_page_set_search (to, psi_section_page_get_search (from));
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          gint64 value;

          if (psi_section_page_get_filter (from, filters[f], &value))
            psi_section_page_set_filter (to, filters[f], value);
        }
      if (id > 0)
        psi_section_page_select_id (to, id);
    }

  psi_overview_page_set_event_id (self->overview_page,
                                  psi_overview_page_get_event_id (other->overview_page));

  gtk_stack_set_visible_child_name (self->competitions_stack,
                                    gtk_stack_get_visible_child_name (other->competitions_stack));
  gtk_stack_set_visible_child_name (self->people_stack,
                                    gtk_stack_get_visible_child_name (other->people_stack));

  section = psi_window_get_section (other);
  if (section != NULL)
    psi_window_set_section (self, section);
}

/* The open editor or delete confirmation, or NULL. */
GtkWindow *
psi_window_get_editor (PsiWindow *self)
{
  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  return self->editor;
}

PsiEditorToast *
psi_window_get_toast (PsiWindow *self)
{
  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  return self->toast;
}

/**
 * psi_window_import_file:
 * @self: a #PsiWindow
 * @file: an XML file
 *
 * What win.import-records does once a file is chosen: opens the import window on @file, which
 * previews the changes and imports on request; afterwards a notice says what changed.
 *
 * Returns: (transfer none): the import window
 */
PsiImportDialog *
psi_window_import_file (PsiWindow *self,
                        GFile     *file)
{
  PsiImportDialog *dialog;

  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = psi_import_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_done_cb), self,
                           G_CONNECT_SWAPPED);
  present_editor (self, GTK_WINDOW (dialog));
  psi_import_dialog_set_file (dialog, file);
  return dialog;
}

/**
 * psi_window_export_file:
 * @self: a #PsiWindow
 * @file: the XML file to write
 * @event_ids: (nullable) (element-type gint64): the events to export, or %NULL for all
 *
 * What win.export-records and win.export-events do once a file is chosen: exports in a worker
 * thread, then says in a notice how many records were written (or why not).
 */
void
psi_window_export_file (PsiWindow *self,
                        GFile     *file,
                        GArray    *event_ids)
{
  g_return_if_fail (PSI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->io_cancellable == NULL)
    self->io_cancellable = g_cancellable_new ();
  psi_xml_export_file_async (file, psi_store_get_path (self->store), file, event_ids,
                             self->io_cancellable, export_done_cb, g_object_ref (self));
}
