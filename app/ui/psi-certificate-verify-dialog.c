/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-certificate-verify-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-certificate-verify-dialog.h"

#include "psi-certificate-task.h"
#include "psi-ui-scope.h"

struct _PsiCertificateVerifyDialog
{
  GtkWindow             parent_instance;

  GFile                *file;
  GFile                *public_key;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  int                   verdict;

  GtkStack             *icon_stack;
  GtkSpinner           *spinner;
  GtkImage             *verdict_image;
  GtkLabel             *heading_label;
  GtkLabel             *reason_label;
  GtkGrid              *details_grid;
  GtkLabel             *number_label;
  GtkLabel             *recipient_label;
  GtkLabel             *file_label;
  GtkLabel             *key_label;
};

G_DEFINE_FINAL_TYPE (PsiCertificateVerifyDialog, psi_certificate_verify_dialog, GTK_TYPE_WINDOW)

static void start_check (PsiCertificateVerifyDialog *self);

static void
set_busy (PsiCertificateVerifyDialog *self,
          gboolean                    busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->icon_stack, busy ? "busy" : "icon");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verify.choose-key", !busy);
}

static char *
dup_key_text (PsiCertificateVerifyDialog *self,
              const char                 *fingerprint)
{
  g_autofree char *short_fingerprint = g_strndup (fingerprint != NULL ? fingerprint : "", 16);

  if (self->public_key == NULL)
    /* Translators: Verify Certificate window, the key checked against; %s is the start of
     * its SHA-256 fingerprint in hex */
    return g_strdup_printf (_("This installation’s key (SHA-256 %s…)"), short_fingerprint);
  else
    {
      g_autofree char *name = g_file_get_parse_name (self->public_key);

      /* Translators: Verify Certificate window, the key checked against: a file name, then the
       * start of its SHA-256 fingerprint in hex */
      return g_strdup_printf (_("%s (SHA-256 %s…)"), name, short_fingerprint);
    }
}

static void
show_check (PsiCertificateVerifyDialog *self,
            PsiCertificateCheck        *check)
{
  const char *heading, *reason, *icon;
  g_autofree char *number = NULL;
  g_autofree char *key = dup_key_text (self, check->key_fingerprint);
  const char *recipient = check->recipient != NULL ? psi_text_get_current (check->recipient)
                                                   : NULL;

  switch (check->verdict)
    {
    case PSI_CERTIFICATE_VALID:
      icon = "emblem-ok-symbolic";
      /* Translators: heading of the Verify Certificate window */
      heading = _("The certificate is valid");
      reason = self->public_key == NULL
        /* Translators: Verify Certificate window, why a file is valid */
        ? _("The signature is intact and was made with the key of this installation: nothing "
            "was changed after the certificate was signed.")
        /* Translators: Verify Certificate window, why a file is valid */
        : _("The signature is intact and was made with the key you chose: nothing was changed "
            "after the certificate was signed.");
      break;
    case PSI_CERTIFICATE_MODIFIED:
      icon = "dialog-error-symbolic";
      /* Translators: heading of the Verify Certificate window */
      heading = _("The certificate was modified");
      /* Translators: Verify Certificate window, why a file is not valid */
      reason = _("The file was changed after it was signed, so what it says cannot be trusted. "
                 "Ask the issuer for the original file.");
      break;
    case PSI_CERTIFICATE_UNKNOWN_KEY:
      icon = "dialog-warning-symbolic";
      /* Translators: heading of the Verify Certificate window */
      heading = _("Signed by an unknown key");
      /* Translators: Verify Certificate window, why a file is not valid */
      reason = _("The certificate was signed with another key than the one it was checked "
                 "against. If a partner issued it, check it with the partner’s public key.");
      break;
    case PSI_CERTIFICATE_UNSIGNED:
    default:
      icon = "dialog-error-symbolic";
      /* Translators: heading of the Verify Certificate window */
      heading = _("The certificate is not signed");
      /* Translators: Verify Certificate window, why a file is not valid */
      reason = _("The file holds no signature: nothing shows who issued it or that it is "
                 "unchanged.");
      break;
    }

  if (check->number == NULL)
    number = g_strdup ("—");
  else if (check->n_certificates > 1)
    /* Translators: Verify Certificate window, a batch file: the first certificate's number and
     * how many more the file holds */
    number = g_strdup_printf (ngettext ("%s and %u more certificate",
                                        "%s and %u more certificates",
                                        check->n_certificates - 1),
                              check->number, check->n_certificates - 1);
  else
    number = g_strdup (check->number);

  self->verdict = check->verdict;
  gtk_image_set_from_icon_name (self->verdict_image, icon);
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->reason_label, reason);
  gtk_label_set_text (self->number_label, number);
  gtk_label_set_text (self->recipient_label,
                      recipient != NULL && *recipient != '\0' ? recipient : "—");
  gtk_label_set_text (self->key_label, key);
  gtk_widget_set_visible (GTK_WIDGET (self->details_grid), TRUE);
}

static void
verify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PsiCertificateVerifyDialog) self = user_data;
  g_autoptr(PsiCertificateCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = psi_certificate_verify_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  set_busy (self, FALSE);
  if (check == NULL)
    {
      self->verdict = -1;
      gtk_image_set_from_icon_name (self->verdict_image, "dialog-error-symbolic");
      /* Translators: heading of the Verify Certificate window when the file cannot be read */
      gtk_label_set_text (self->heading_label, _("The file cannot be checked"));
      gtk_label_set_text (self->reason_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->details_grid), FALSE);
      return;
    }
  show_check (self, check);
}

static void
start_check (PsiCertificateVerifyDialog *self)
{
  g_autofree char *name = g_file_get_parse_name (self->file);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->verdict = -1;

  set_busy (self, TRUE);
  /* Translators: heading of the Verify Certificate window while it checks */
  gtk_label_set_text (self->heading_label, _("Checking the signature…"));
  gtk_label_set_text (self->reason_label, "");
  gtk_label_set_text (self->file_label, name);
  gtk_label_set_text (self->number_label, "—");
  gtk_label_set_text (self->recipient_label, "—");
  gtk_label_set_text (self->key_label, "—");
  gtk_widget_set_visible (GTK_WIDGET (self->details_grid), TRUE);
  psi_certificate_verify_async (self, self->file, self->public_key, self->cancellable,
                                verify_done_cb, g_object_ref (self));
}

static void
clear_chooser (PsiCertificateVerifyDialog *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
key_chooser_response_cb (PsiCertificateVerifyDialog *self,
                         int                         response,
                         GtkFileChooserNative       *chooser)
{
  g_autoptr(GFile) key = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    key = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);
  if (key != NULL)
    psi_certificate_verify_dialog_set_public_key (self, key);
}

static void
choose_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsiCertificateVerifyDialog *self = PSI_CERTIFICATE_VERIFY_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* Translators: the file type in the file chooser for a partner's public key */
  gtk_file_filter_set_name (filter, _("Public keys (PEM)"));
  gtk_file_filter_add_suffix (filter, "pem");
  gtk_file_filter_add_mime_type (filter, "application/x-pem-file");

  clear_chooser (self);
  self->chooser = gtk_file_chooser_native_new (
    /* Translators: title of the file chooser for a partner's public key */
    _("Choose a Public Key"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
    /* Translators: the accept button of the file chooser for a public key */
    _("_Check"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (key_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
psi_certificate_verify_dialog_dispose (GObject *object)
{
  PsiCertificateVerifyDialog *self = PSI_CERTIFICATE_VERIFY_DIALOG (object);

  clear_chooser (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_CERTIFICATE_VERIFY_DIALOG);
  g_clear_object (&self->file);
  g_clear_object (&self->public_key);

  G_OBJECT_CLASS (psi_certificate_verify_dialog_parent_class)->dispose (object);
}

static void
psi_certificate_verify_dialog_class_init (PsiCertificateVerifyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_certificate_verify_dialog_dispose;

  psi_ui_ensure_types ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/psi-certificate-verify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, verdict_image);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, details_grid);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, number_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog,
                                        recipient_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificateVerifyDialog, key_label);

  gtk_widget_class_install_action (widget_class, "verify.choose-key", NULL, choose_key_action);
  gtk_widget_class_install_action (widget_class, "verify.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "verify.close", NULL);
}

static void
psi_certificate_verify_dialog_init (PsiCertificateVerifyDialog *self)
{
  self->verdict = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

PsiCertificateVerifyDialog *
psi_certificate_verify_dialog_new (GtkWindow *parent,
                                   GFile     *file)
{
  PsiCertificateVerifyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (PSI_TYPE_CERTIFICATE_VERIFY_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  start_check (self);
  return self;
}

void
psi_certificate_verify_dialog_set_public_key (PsiCertificateVerifyDialog *self,
                                              GFile                      *key)
{
  g_return_if_fail (PSI_IS_CERTIFICATE_VERIFY_DIALOG (self));
  g_return_if_fail (key == NULL || G_IS_FILE (key));

  g_set_object (&self->public_key, key);
  start_check (self);
}

gboolean
psi_certificate_verify_dialog_get_busy (PsiCertificateVerifyDialog *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_VERIFY_DIALOG (self), FALSE);

  return gtk_spinner_get_spinning (self->spinner);
}

int
psi_certificate_verify_dialog_get_verdict (PsiCertificateVerifyDialog *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_VERIFY_DIALOG (self), -1);

  return self->verdict;
}

const char *
psi_certificate_verify_dialog_get_heading (PsiCertificateVerifyDialog *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_VERIFY_DIALOG (self), NULL);

  return gtk_label_get_text (self->heading_label);
}
