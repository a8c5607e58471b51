/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-open-error-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-open-error-dialog.h"

#include "psi-format.h"
#include "psi-store-backup.h"

struct _PsiOpenErrorDialog
{
  GtkWindow      parent_instance;

  char          *database_path;
  PsiBackupInfo *backup;
  GCancellable  *cancellable;
  const char    *state;

  GtkLabel      *message_label;
  GtkStack      *backup_stack;
  GtkSpinner    *spinner;
  GtkLabel      *none_label;
  GtkLabel      *found_label;
  GtkButton     *restore_button;
};

G_DEFINE_FINAL_TYPE (PsiOpenErrorDialog, psi_open_error_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
format_when (PsiBackupInfo *info)
{
  GDateTime *created = psi_backup_info_get_created (info);
  g_autofree char *iso = g_date_time_format (created, "%Y-%m-%d");
  g_autofree char *date = psi_format_date (iso);
  g_autofree char *time = g_date_time_format (created, "%H:%M");

  /* Translators: when a backup was made: %1$s is the date ("27 November 2026"), %2$s the
   * time ("14:05") */
  return g_strdup_printf (_("%1$s, %2$s"), date, time);
}

static void
set_state (PsiOpenErrorDialog *self,
           const char         *state)
{
  self->state = g_intern_string (state);
  gtk_stack_set_visible_child_name (self->backup_stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "searching"));
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), g_str_equal (state, "found"));
  if (g_str_equal (state, "found"))
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->restore_button));
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->restore_button));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  PsiBackupInfo *info = psi_backup_find_newest_valid (task_data, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, info, info != NULL ? g_object_unref : NULL);
}

static void
find_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PsiOpenErrorDialog *self = PSI_OPEN_ERROR_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiBackupInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (info == NULL)
    {
      gtk_label_set_text (self->none_label,
                          error != NULL ? error->message
                                        : _("There is no backup of this file that passes the "
                                            "integrity check."));
      set_state (self, "none");
      return;
    }

  self->backup = g_steal_pointer (&info);
  when = format_when (self->backup);
  number = psi_format_number (psi_backup_info_get_total (self->backup));
  text = g_strdup_printf (/* Translators: %1$s is when the backup was made, %2$s a number of
                           * records */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The newest good backup was made on %1$s and holds "
                                       "%2$s record. Restoring it puts it in place of the "
                                       "damaged file, which is kept beside it under a new "
                                       "name. Changes made after the backup are not in it.",
                                       "The newest good backup was made on %1$s and holds "
                                       "%2$s records. Restoring it puts it in place of the "
                                       "damaged file, which is kept beside it under a new "
                                       "name. Changes made after the backup are not in it.",
                                       (gulong) CLAMP (psi_backup_info_get_total (self->backup),
                                                       0, G_MAXLONG)),
                          when, number);
  gtk_label_set_text (self->found_label, text);
  set_state (self, "found");
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsiOpenErrorDialog *self = PSI_OPEN_ERROR_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *damaged_name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  if (self->backup == NULL)
    return;

  if (!psi_backup_restore_damaged_file (self->database_path,
                                        psi_backup_info_get_path (self->backup),
                                        &damaged, &error))
    {
      gtk_label_set_text (self->found_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->found_label), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
      return;
    }

  when = format_when (self->backup);
  damaged_name = damaged != NULL ? g_filename_display_basename (damaged) : g_strdup ("");
  /* Translators: %1$s is when the backup was made, %2$s the new name of the damaged file */
  message = g_strdup_printf (_("Restored the backup of %1$s. The damaged file was kept as "
                               "“%2$s”."), when, damaged_name);
  /* Gone before "restored": the application opens its window in its place, and this must not
   * be the window it finds active. */
  {
    GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

    g_object_ref (self);
    if (application != NULL)
      g_application_hold (application);
    gtk_window_destroy (GTK_WINDOW (self));
    g_signal_emit (self, signals[RESTORED], 0, message);
    if (application != NULL)
      g_application_release (application);
    g_object_unref (self);
  }
}

static void
psi_open_error_dialog_dispose (GObject *object)
{
  PsiOpenErrorDialog *self = PSI_OPEN_ERROR_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_OPEN_ERROR_DIALOG);

  G_OBJECT_CLASS (psi_open_error_dialog_parent_class)->dispose (object);
}

static void
psi_open_error_dialog_finalize (GObject *object)
{
  PsiOpenErrorDialog *self = PSI_OPEN_ERROR_DIALOG (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->backup);

  G_OBJECT_CLASS (psi_open_error_dialog_parent_class)->finalize (object);
}

static void
psi_open_error_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PsiOpenErrorDialog *self = PSI_OPEN_ERROR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_open_error_dialog_class_init (PsiOpenErrorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_open_error_dialog_dispose;
  object_class->finalize = psi_open_error_dialog_finalize;
  object_class->get_property = psi_open_error_dialog_get_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL,
                         "none",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-open-error-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiOpenErrorDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PsiOpenErrorDialog, backup_stack);
  gtk_widget_class_bind_template_child (widget_class, PsiOpenErrorDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsiOpenErrorDialog, none_label);
  gtk_widget_class_bind_template_child (widget_class, PsiOpenErrorDialog, found_label);
  gtk_widget_class_bind_template_child (widget_class, PsiOpenErrorDialog, restore_button);

  gtk_widget_class_install_action (widget_class, "open-error.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psi_open_error_dialog_init (PsiOpenErrorDialog *self)
{
  self->state = g_intern_static_string ("none");

  gtk_widget_init_template (GTK_WIDGET (self));
}

PsiOpenErrorDialog *
psi_open_error_dialog_new (GtkApplication *application,
                           const char     *database_path,
                           const GError   *error)
{
  PsiOpenErrorDialog *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (PSI_TYPE_OPEN_ERROR_DIALOG, "application", application, NULL);
  self->database_path = g_strdup (database_path);
  gtk_label_set_text (self->message_label, error->message);

  /* Only a damaged file is worth replacing: a newer, locked or unreadable one is not. */
  if (g_error_matches (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CORRUPT))
    {
      g_autoptr(GTask) task = NULL;

      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, find_done_cb, NULL);
      g_task_set_source_tag (task, psi_open_error_dialog_new);
      g_task_set_return_on_cancel (task, TRUE);
      g_task_set_task_data (task, g_strdup (database_path), g_free);
      set_state (self, "searching");
      g_task_run_in_thread (task, find_thread);
    }
  else
    {
      gtk_label_set_text (self->none_label, "");
      set_state (self, "none");
      gtk_widget_set_visible (GTK_WIDGET (self->backup_stack), FALSE);
      gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
      gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
    }

  return self;
}

const char *
psi_open_error_dialog_get_state (PsiOpenErrorDialog *self)
{
  g_return_val_if_fail (PSI_IS_OPEN_ERROR_DIALOG (self), NULL);

  return self->state;
}
