/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-editor-delete-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-editor-delete-dialog.h"

#include "psi-format.h"
#include "psi-ui-scope.h"

struct _PsiEditorDeleteDialog
{
  GtkWindow     parent_instance;

  PsiDeletion  *deletion;

  GtkLabel     *heading_label;
  GtkBox       *dependents_box;
  GtkBox       *blockers_box;
  GtkWidget    *dependents_label;
  GtkWidget    *undo_label;
  GtkButton    *cancel_button;
  GtkWidget    *delete_button;
};

G_DEFINE_FINAL_TYPE (PsiEditorDeleteDialog, psi_editor_delete_dialog, GTK_TYPE_WINDOW)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
action_label (PsiRecordKind      kind,
              PsiDeletionAction  action)
{
  if (action == PSI_DELETION_DELETE)
    /* Translators: what a deletion does to a record that depends on the deleted one */
    return _("deleted as well");

  switch (kind)
    {
    case PSI_RECORD_KIND_CLUSTER:
      /* Translators: what deleting a municipality does to a cluster it belongs to */
      return _("loses this member");
    case PSI_RECORD_KIND_EVENT:
      /* Translators: what deleting a person or organisation does to an event */
      return _("loses this participant");
    case PSI_RECORD_KIND_AGREEMENT:
      /* Translators: what deleting a person, organisation or event does to an agreement */
      return _("no longer refers to it");
    case PSI_RECORD_KIND_OFFICIAL:
    default:
      /* Translators: what deleting a municipality or organisation does to a person */
      return _("no longer belongs to it");
    }
}

/* The dependents grouped by kind, in the order of the kinds. */
static void
fill_dependents (PsiEditorDeleteDialog *self)
{
  guint n = psi_deletion_get_n_dependents (self->deletion);

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      GtkWidget *list = NULL;

      for (guint i = 0; i < n; i++)
        {
          PsiDeletionAction action;
          PsiRecord *record = psi_deletion_get_dependent (self->deletion, i, &action);
          g_autofree char *title = NULL;
          GtkWidget *row, *name, *what;

          if ((int) psi_record_get_kind (record) != kind)
            continue;

          if (list == NULL)
            {
              GtkWidget *heading = gtk_label_new (psi_format_kind_plural (kind));

              gtk_label_set_xalign (GTK_LABEL (heading), 0);
              gtk_widget_add_css_class (heading, "heading");
              gtk_box_append (self->dependents_box, heading);
              list = gtk_list_box_new ();
              gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
              gtk_widget_add_css_class (list, "boxed-list");
              gtk_box_append (self->dependents_box, list);
            }

          /* Awards by recipient, competition and place. */
          title = psi_format_record_summary (record);
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          name = gtk_label_new (title);
          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_label_set_wrap (GTK_LABEL (name), TRUE);
          gtk_widget_set_hexpand (name, TRUE);
          what = gtk_label_new (action_label (kind, action));
          gtk_widget_add_css_class (what, "dim-label");
          gtk_box_append (GTK_BOX (row), name);
          gtk_box_append (GTK_BOX (row), what);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
    }
}

/* The certificates that keep the record from being deleted: no Delete button then. */
static void
fill_blockers (PsiEditorDeleteDialog *self)
{
  guint n = psi_deletion_get_n_blockers (self->deletion);
  GtkWidget *list;

  if (n == 0)
    return;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < n; i++)
    {
      PsiRecord *award = NULL;
      const char *number = psi_deletion_get_blocker (self->deletion, i, &award);
      g_autofree char *summary = psi_format_record_summary (award);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *number_label = gtk_label_new (number);
      GtkWidget *award_label = gtk_label_new (summary);

      gtk_widget_add_css_class (number_label, "heading");
      gtk_label_set_xalign (GTK_LABEL (award_label), 0);
      gtk_label_set_wrap (GTK_LABEL (award_label), TRUE);
      gtk_widget_set_hexpand (award_label, TRUE);
      gtk_box_append (GTK_BOX (row), number_label);
      gtk_box_append (GTK_BOX (row), award_label);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->blockers_box, list);
  gtk_widget_set_visible (GTK_WIDGET (self->blockers_box), TRUE);

  /* Nothing to confirm: only a way out */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delete.confirm", FALSE);
  gtk_widget_set_visible (self->delete_button, FALSE);
  /* Translators: the button that closes the window saying a record cannot be deleted */
  gtk_button_set_label (self->cancel_button, _("_Close"));
  /* What a deletion would change does not matter when there is none */
  gtk_widget_set_visible (self->dependents_label, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->dependents_box), FALSE);
  gtk_widget_set_visible (self->undo_label, FALSE);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsiEditorDeleteDialog *self = PSI_EDITOR_DELETE_DIALOG (widget);
  g_autoptr(PsiDeletion) deletion = g_object_ref (self->deletion);

  if (psi_deletion_get_n_blockers (deletion) > 0)
    return;
  gtk_widget_set_visible (widget, FALSE);
  g_signal_emit (self, signals[CONFIRMED], 0, deletion);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
psi_editor_delete_dialog_dispose (GObject *object)
{
  PsiEditorDeleteDialog *self = PSI_EDITOR_DELETE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_EDITOR_DELETE_DIALOG);
  g_clear_object (&self->deletion);

  G_OBJECT_CLASS (psi_editor_delete_dialog_parent_class)->dispose (object);
}

static void
psi_editor_delete_dialog_class_init (PsiEditorDeleteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_editor_delete_dialog_dispose;

  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, PSI_TYPE_DELETION);

  psi_ui_ensure_types ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/editors/psi-editor-delete-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, dependents_box);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, blockers_box);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, dependents_label);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, undo_label);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorDeleteDialog, delete_button);

  gtk_widget_class_install_action (widget_class, "delete.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "delete.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "delete.cancel", NULL);
}

static void
psi_editor_delete_dialog_init (PsiEditorDeleteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PsiEditorDeleteDialog *
psi_editor_delete_dialog_new (GtkWindow   *parent,
                              PsiDeletion *deletion)
{
  PsiEditorDeleteDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PSI_IS_DELETION (deletion), NULL);

  self = g_object_new (PSI_TYPE_EDITOR_DELETE_DIALOG, "transient-for", parent, NULL);
  self->deletion = g_object_ref (deletion);

  title = psi_deletion_dup_title (deletion);
  if (psi_deletion_get_n_blockers (deletion) > 0)
    /* Translators: heading of the window shown instead of a deletion that is not allowed;
     * %s is the record's name */
    heading = g_strdup_printf (_("“%s” cannot be deleted"), title);
  else
    /* Translators: heading of the window that asks before a deletion; %s is the record's
     * name */
    heading = g_strdup_printf (_("Delete “%s”?"), title);
  gtk_label_set_text (self->heading_label, heading);
  fill_dependents (self);
  fill_blockers (self);
  gtk_widget_grab_focus (gtk_window_get_titlebar (GTK_WINDOW (self)));

  return self;
}

PsiDeletion *
psi_editor_delete_dialog_get_deletion (PsiEditorDeleteDialog *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_DELETE_DIALOG (self), NULL);

  return self->deletion;
}
