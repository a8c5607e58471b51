/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-editor-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-editor-toast.h"

#include "psi-ui-scope.h"

struct _PsiEditorToast
{
  GtkWidget     parent_instance;

  PsiDeletion  *deletion;
  guint         timeout_id;

  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkButton    *undo_button;
};

G_DEFINE_FINAL_TYPE (PsiEditorToast, psi_editor_toast, GTK_TYPE_WIDGET)

enum {
  UNDO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (PsiEditorToast *self)
{
  gboolean shown = gtk_revealer_get_reveal_child (self->revealer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "toast.undo",
                                 shown && self->deletion != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), self->deletion != NULL);
  /* Out of the way of the window's content while hidden. */
  gtk_widget_set_can_target (GTK_WIDGET (self), shown);
}

static gboolean
timeout_cb (gpointer data)
{
  PsiEditorToast *self = PSI_EDITOR_TOAST (data);

  self->timeout_id = 0;
  psi_editor_toast_dismiss (self);
  return G_SOURCE_REMOVE;
}

static void
show (PsiEditorToast *self,
      const char     *text)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_label_set_text (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  self->timeout_id = g_timeout_add_seconds (PSI_EDITOR_TOAST_SECONDS, timeout_cb, self);
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsiEditorToast *self = PSI_EDITOR_TOAST (widget);
  g_autoptr(PsiDeletion) deletion = g_steal_pointer (&self->deletion);

  if (deletion == NULL)
    return;
  psi_editor_toast_dismiss (self);
  g_signal_emit (self, signals[UNDO], 0, deletion);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  psi_editor_toast_dismiss (PSI_EDITOR_TOAST (widget));
}

static void
psi_editor_toast_dispose (GObject *object)
{
  PsiEditorToast *self = PSI_EDITOR_TOAST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->deletion);
  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_EDITOR_TOAST);

  G_OBJECT_CLASS (psi_editor_toast_parent_class)->dispose (object);
}

static void
psi_editor_toast_class_init (PsiEditorToastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_editor_toast_dispose;

  signals[UNDO] = g_signal_new ("undo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, PSI_TYPE_DELETION);

  psi_ui_ensure_types ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/editors/psi-editor-toast.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiEditorToast, revealer);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorToast, label);
  gtk_widget_class_bind_template_child (widget_class, PsiEditorToast, undo_button);

  gtk_widget_class_install_action (widget_class, "toast.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "toast.dismiss", NULL, dismiss_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "psi-editor-toast");
}

static void
psi_editor_toast_init (PsiEditorToast *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

void
psi_editor_toast_show_deletion (PsiEditorToast *self,
                                PsiDeletion    *deletion)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (PSI_IS_EDITOR_TOAST (self));
  g_return_if_fail (PSI_IS_DELETION (deletion));

  g_set_object (&self->deletion, deletion);
  title = psi_deletion_dup_title (deletion);
  /* Translators: shown at the bottom of the window after a deletion, with an Undo button;
   * %s is the name of the deleted record */
  text = g_strdup_printf (_("Deleted “%s”"), title);
  show (self, text);
}

void
psi_editor_toast_show_message (PsiEditorToast *self,
                               const char     *message)
{
  g_return_if_fail (PSI_IS_EDITOR_TOAST (self));

  g_clear_object (&self->deletion);
  show (self, message);
}

void
psi_editor_toast_dismiss (PsiEditorToast *self)
{
  g_return_if_fail (PSI_IS_EDITOR_TOAST (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->deletion);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  update_actions (self);
}

gboolean
psi_editor_toast_get_shown (PsiEditorToast *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_TOAST (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
psi_editor_toast_get_text (PsiEditorToast *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_TOAST (self), NULL);

  return gtk_label_get_text (self->label);
}

PsiDeletion *
psi_editor_toast_get_deletion (PsiEditorToast *self)
{
  g_return_val_if_fail (PSI_IS_EDITOR_TOAST (self), NULL);

  return self->deletion;
}
