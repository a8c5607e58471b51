/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-backups-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-backups-dialog.h"

#include "psi-format.h"
#include "psi-store-backup.h"

struct _PsiBackupsDialog
{
  GtkWindow           parent_instance;

  PsiStore           *store;
  GListStore         *backups;
  GCancellable       *cancellable;
  const char         *state;
  char               *status;

  GtkLabel           *intro_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkLabel           *confirm_heading;
  GtkLabel           *confirm_body;
  GtkLabel           *status_label;
};

G_DEFINE_FINAL_TYPE (PsiBackupsDialog, psi_backups_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (PsiBackupsDialog *self);

/* Formatting */

static char *
format_created (GDateTime *created)
{
  g_autofree char *iso = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (created == NULL)
    return g_strdup ("");

  iso = g_date_time_format (created, "%Y-%m-%d");
  date = psi_format_date (iso);
  time = g_date_time_format (created, "%H:%M");
  /* Translators: when a backup was made: %1$s is the date ("27 November 2026"), %2$s the
   * time ("14:05") */
  return g_strdup_printf (_("%1$s, %2$s"), date, time);
}

static char *
format_records (PsiBackupInfo *info)
{
  gint64 total = psi_backup_info_get_total (info);
  g_autofree char *number = psi_format_number (total);

  /* Translators: how many records a backup holds; %s is the number, "1 234" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records",
                                       (gulong) CLAMP (total, 0, G_MAXLONG)),
                          number);
}

static char *
format_counts_tooltip (PsiBackupInfo *info)
{
  GString *text = g_string_new (NULL);

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      gint64 count = psi_backup_info_get_count (info, kind);
      g_autofree char *number = NULL;

      if (count <= 0)
        continue;
      number = psi_format_number (count);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a line of the tooltip of a backup's record count: "Awards: 14" */
      g_string_append_printf (text, _("%1$s: %2$s"), psi_format_kind_plural (kind), number);
    }

  return g_string_free (text, FALSE);
}

/* Column factories (declared in psi-backups-dialog.ui) */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_created_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  PsiBackupInfo *info = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = format_created (psi_backup_info_get_created (info));
  g_autofree char *name = g_path_get_basename (psi_backup_info_get_path (info));

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), name);
}

static void
bind_reason_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  PsiBackupInfo *info = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      psi_backup_reason_get_label (psi_backup_info_get_reason (info)));
}

static void
bind_records_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  PsiBackupInfo *info = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (psi_backup_info_get_valid (info))
    {
      text = format_records (info);
      tooltip = format_counts_tooltip (info);
    }
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip != NULL && *tooltip != '\0' ? tooltip : NULL);
}

static void
bind_size_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  PsiBackupInfo *info = gtk_list_item_get_item (item);
  g_autofree char *text = g_format_size (psi_backup_info_get_size (info));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_valid_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  PsiBackupInfo *info = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gboolean valid = psi_backup_info_get_valid (info);

  /* Translators: the check column of a backup: it passed the integrity check / it did not */
  gtk_label_set_text (GTK_LABEL (label), valid ? _("Good") : _("Damaged"));
  gtk_widget_set_tooltip_text (label, valid ? NULL : psi_backup_info_get_problem (info));
  if (valid)
    gtk_widget_remove_css_class (label, "error");
  else
    gtk_widget_add_css_class (label, "error");
}

/* State */

static void
set_state (PsiBackupsDialog *self,
           const char       *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  self->state = g_intern_string (state);
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_status (PsiBackupsDialog *self,
            const char       *status,
            gboolean          is_error)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static PsiBackupInfo *
get_selected (PsiBackupsDialog *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (PsiBackupsDialog *self)
{
  PsiBackupInfo *info = get_selected (self);
  gboolean listing = g_str_equal (self->state, "list") || g_str_equal (self->state, "empty");
  gboolean writable = !psi_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.create", listing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore",
                                 listing && writable && info != NULL &&
                                 psi_backup_info_get_valid (info));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.confirm",
                                 g_str_equal (self->state, "confirm"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.cancel",
                                 g_str_equal (self->state, "confirm"));
}

static void
selection_changed_cb (PsiBackupsDialog *self)
{
  update_actions (self);
}

/* Loading: each backup is opened and checked in a worker thread. */

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *database = task_data;
  g_autoptr(GError) error = NULL;
  GListModel *backups = psi_backup_list_for_database (database, &error);

  if (backups == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, backups, g_object_unref);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (source);
  g_autoptr(GListModel) backups = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  backups = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_list_store_remove_all (self->backups);
  if (backups == NULL)
    {
      set_status (self, error->message, TRUE);
      set_state (self, "empty");
      update_actions (self);
      return;
    }

  n = g_list_model_get_n_items (backups);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) info = g_list_model_get_item (backups, i);
      g_list_store_append (self->backups, info);
    }
  if (n > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  set_state (self, n > 0 ? "list" : "empty");
  update_actions (self);
}

static void
reload (PsiBackupsDialog *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_state (self, "loading");
  update_actions (self);

  task = g_task_new (self, self->cancellable, list_done_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_strdup (psi_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, list_thread);
}

/* Actions */

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = psi_store_backup_auto (self->store, PSI_BACKUP_REASON_MANUAL, &error);

  if (path == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (path);
    /* Translators: %s is the file name of the new backup */
    g_autofree char *text = g_strdup_printf (_("Backed up to “%s”."), name);

    set_status (self, text, FALSE);
  }
  reload (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (widget);
  PsiBackupInfo *info = get_selected (self);
  g_autofree char *when = NULL;
  g_autofree char *records = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *file_name = NULL;

  if (info == NULL || !psi_backup_info_get_valid (info))
    return;

  when = format_created (psi_backup_info_get_created (info));
  records = format_records (info);
  file_name = g_filename_display_basename (psi_store_get_path (self->store));
  /* Translators: %s is when the backup was made, "27 November 2026, 14:05" */
  heading = g_strdup_printf (_("Restore the backup of %s?"), when);
  body = g_strdup_printf (/* Translators: %1$s is a file name, %2$s a number of records,
                           * "52 records" */
                          _("The records in “%1$s” will be replaced by this backup (%2$s). "
                            "The current records are backed up first, so you can go back to "
                            "them by restoring that backup."),
                          file_name, records);
  gtk_label_set_text (self->confirm_heading, heading);
  gtk_label_set_text (self->confirm_body, body);
  set_status (self, NULL, FALSE);
  set_state (self, "confirm");
  update_actions (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (widget);

  set_state (self, g_list_model_get_n_items (G_LIST_MODEL (self->backups)) > 0 ? "list" : "empty");
  update_actions (self);
}

typedef struct
{
  PsiBackupsDialog *self;
  char             *path;
  char             *when;
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_object_unref (restore->self);
  g_free (restore->path);
  g_free (restore->when);
  g_free (restore);
}

/* The restore itself runs on the main thread, on the store's own connection: first the
 * "Restoring…" state is drawn (redraws come before idles), then the work. */
static gboolean
restore_idle_cb (gpointer data)
{
  Restore *restore = data;
  PsiBackupsDialog *self = restore->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *text = NULL;

  if (!psi_store_restore_from_file (self->store, restore->path, &previous, &error))
    {
      set_state (self, "list");
      set_status (self, error->message, TRUE);
      update_actions (self);
      return G_SOURCE_REMOVE;
    }

  /* Translators: %s is when the restored backup was made */
  text = g_strdup_printf (_("Restored the backup of %s. The records as they were before are "
                            "in the newest backup."), restore->when);
  set_status (self, text, FALSE);
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (widget);
  PsiBackupInfo *info = get_selected (self);
  Restore *restore;

  if (info == NULL)
    return;

  restore = g_new0 (Restore, 1);
  restore->self = g_object_ref (self);
  restore->path = g_strdup (psi_backup_info_get_path (info));
  restore->when = format_created (psi_backup_info_get_created (info));

  /* Translators: shown in the Backups window while a backup is being restored */
  set_status (self, _("Restoring the backup…"), FALSE);
  set_state (self, "loading");
  update_actions (self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_idle_cb, restore, restore_free);
}

static void
row_activated_cb (PsiBackupsDialog *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "backups.restore", NULL);
}

/* GObject */

static gboolean
psi_backups_dialog_close_request (GtkWindow *window)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (psi_backups_dialog_parent_class)->close_request (window);
}

static void
psi_backups_dialog_constructed (GObject *object)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (object);
  g_autofree char *file_name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *intro = NULL;

  G_OBJECT_CLASS (psi_backups_dialog_parent_class)->constructed (object);

  g_assert (PSI_IS_STORE (self->store));

  file_name = g_filename_display_basename (psi_store_get_path (self->store));
  folder = psi_backup_dup_directory ();
  folder_name = g_filename_display_name (folder);
  intro = g_strdup_printf (/* Translators: %1$s is the records file's name, %2$d how many
                            * backups are kept, %3$s the folder */
                           _("Copies of “%1$s” made before every import and file format "
                             "update, once a day and by hand. The newest %2$d are kept, in "
                             "%3$s."),
                           file_name, PSI_BACKUP_KEEP, folder_name);
  gtk_label_set_text (self->intro_label, intro);

  if (psi_store_is_read_only (self->store))
    set_status (self, psi_store_get_read_only_reason (self->store), FALSE);

  reload (self);
}

static void
psi_backups_dialog_dispose (GObject *object)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_BACKUPS_DIALOG);

  G_OBJECT_CLASS (psi_backups_dialog_parent_class)->dispose (object);
}

static void
psi_backups_dialog_finalize (GObject *object)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->backups);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (psi_backups_dialog_parent_class)->finalize (object);
}

static void
psi_backups_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_backups_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PsiBackupsDialog *self = PSI_BACKUPS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_backups_dialog_class_init (PsiBackupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = psi_backups_dialog_constructed;
  object_class->dispose = psi_backups_dialog_dispose;
  object_class->finalize = psi_backups_dialog_finalize;
  object_class->get_property = psi_backups_dialog_get_property;
  object_class->set_property = psi_backups_dialog_set_property;
  window_class->close_request = psi_backups_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PSI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL,
                         "loading",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-backups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, selection);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, confirm_heading);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, confirm_body);
  gtk_widget_class_bind_template_child (widget_class, PsiBackupsDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_reason_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_records_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_size_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_valid_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "backups.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "backups.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "backups.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psi_backups_dialog_init (PsiBackupsDialog *self)
{
  self->state = g_intern_static_string ("loading");
  self->backups = g_list_store_new (PSI_TYPE_BACKUP_INFO);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->backups));
}

PsiBackupsDialog *
psi_backups_dialog_new (GtkWindow *parent,
                        PsiStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PSI_IS_STORE (store), NULL);

  return g_object_new (PSI_TYPE_BACKUPS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

GListModel *
psi_backups_dialog_get_backups (PsiBackupsDialog *self)
{
  g_return_val_if_fail (PSI_IS_BACKUPS_DIALOG (self), NULL);

  return G_LIST_MODEL (self->backups);
}

const char *
psi_backups_dialog_get_state (PsiBackupsDialog *self)
{
  g_return_val_if_fail (PSI_IS_BACKUPS_DIALOG (self), NULL);

  return self->state;
}

void
psi_backups_dialog_select (PsiBackupsDialog *self,
                           guint             position)
{
  g_return_if_fail (PSI_IS_BACKUPS_DIALOG (self));

  gtk_single_selection_set_selected (self->selection, position);
}

const char *
psi_backups_dialog_get_status (PsiBackupsDialog *self)
{
  g_return_val_if_fail (PSI_IS_BACKUPS_DIALOG (self), NULL);

  return self->status;
}
