/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-window"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-window-certificates.h"

#include "psi-certificate-task.h"
#include "psi-certificate-xml.h"

/* What the window keeps for its certificate actions (object data of the window). */
typedef struct
{
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
} State;

#define STATE_KEY "psi-window-certificates"

static void
state_free (gpointer data)
{
  State *state = data;

  if (state->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (state->chooser));
  g_clear_object (&state->chooser);
  g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_free (state);
}

static State *
get_state (PsiWindow *self)
{
  return g_object_get_data (G_OBJECT (self), STATE_KEY);
}

static void
clear_chooser (PsiWindow *self)
{
  State *state = get_state (self);

  if (state->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (state->chooser));
  g_clear_object (&state->chooser);
}

/* The awards chosen: the award selected in the list of awards (award_ids), or the competition
 * selected in the list of competitions (competition_id). FALSE when the list shown is neither
 * or has no selection. */
static gboolean
get_choice (PsiWindow  *self,
            GArray    **award_ids,
            gint64     *competition_id)
{
  PsiSectionPage *page = psi_window_get_current_page (self);
  gint64 id;

  if (award_ids != NULL)
    *award_ids = NULL;
  if (competition_id != NULL)
    *competition_id = 0;
  if (page == NULL)
    return FALSE;
  id = psi_section_page_get_selected_id (page);
  if (id <= 0)
    return FALSE;
  switch (psi_section_page_get_kind (page))
    {
    case PSI_RECORD_KIND_AWARD:
      if (award_ids != NULL)
        {
          *award_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (*award_ids, id);
        }
      return TRUE;
    case PSI_RECORD_KIND_COMPETITION:
      if (competition_id != NULL)
        *competition_id = id;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
update_actions (PsiWindow *self)
{
  gboolean chosen = get_choice (self, NULL, NULL);
  const char *names[] = { "print-certificates", "export-certificates" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), chosen);
    }
}

static void
changed_cb (PsiWindow  *self,
            GParamSpec *pspec,
            gpointer    object)
{
  update_actions (self);
}

/* win.print-certificates */

static void
print_certificates_activated_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  psi_window_show_certificates (PSI_WINDOW (user_data));
}

/* win.export-certificates */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PsiWindow *self = PSI_WINDOW (object);   /* kept alive by the task */
  g_autoptr(GFile) dir = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (!psi_certificate_export_xml_finish (result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !gtk_widget_in_destruction (GTK_WIDGET (self)))
        psi_editor_toast_show_message (psi_window_get_toast (self), error->message);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  name = g_file_get_parse_name (dir);
  /* Translators: notice at the bottom of the window after certificates were exported as XML;
   * %u is a count, %s a folder */
  text = g_strdup_printf (ngettext ("Exported %u signed certificate and the public key to “%s”",
                                    "Exported %u signed certificates and the public key to “%s”",
                                    n), n, name);
  psi_editor_toast_show_message (psi_window_get_toast (self), text);
}

void
psi_window_export_certificates (PsiWindow *self,
                                GFile     *dir)
{
  g_autoptr(GArray) award_ids = NULL;
  gint64 competition_id = 0;

  g_return_if_fail (PSI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (dir));

  if (!get_choice (self, &award_ids, &competition_id))
    return;
  /* Translators: notice at the bottom of the window while certificates are exported */
  psi_editor_toast_show_message (psi_window_get_toast (self), _("Exporting certificates…"));
  psi_certificate_export_xml_async (self, psi_store_get_path (psi_window_get_store (self)),
                                    award_ids, competition_id, dir, get_state (self)->cancellable,
                                    export_done_cb, g_object_ref (dir));
}

static void
export_chooser_response_cb (PsiWindow            *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) dir = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    dir = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);
  if (dir != NULL)
    psi_window_export_certificates (self, dir);
}

static void
export_certificates_activated_cb (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  State *state = get_state (self);

  if (!get_choice (self, NULL, NULL))
    return;
  clear_chooser (self);
  state->chooser = gtk_file_chooser_native_new (
    /* Translators: title of the folder chooser for exporting certificates as XML */
    _("Export Certificates to a Folder"), GTK_WINDOW (self),
    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
    /* Translators: the accept button of the folder chooser for certificates */
    _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (state->chooser), TRUE);
  g_signal_connect_object (state->chooser, "response", G_CALLBACK (export_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (state->chooser));
}

/* win.export-public-key */

static void
export_key_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PsiWindow *self = PSI_WINDOW (object);   /* kept alive by the task */
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!psi_certificate_export_key_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !gtk_widget_in_destruction (GTK_WIDGET (self)))
        psi_editor_toast_show_message (psi_window_get_toast (self), error->message);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  name = g_file_get_parse_name (file);
  /* Translators: notice at the bottom of the window; %s is a file */
  text = g_strdup_printf (_("Saved the public key to “%s”"), name);
  psi_editor_toast_show_message (psi_window_get_toast (self), text);
}

void
psi_window_export_public_key (PsiWindow *self,
                              GFile     *file)
{
  g_return_if_fail (PSI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  psi_certificate_export_key_async (self, file, get_state (self)->cancellable,
                                    export_key_done_cb, g_object_ref (file));
}

static void
key_chooser_response_cb (PsiWindow            *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);
  if (file != NULL)
    psi_window_export_public_key (self, file);
}

static void
export_public_key_activated_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  State *state = get_state (self);

  clear_chooser (self);
  state->chooser = gtk_file_chooser_native_new (
    /* Translators: title of the file chooser for saving the public key */
    _("Export Public Key"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
    /* Translators: the accept button of the file chooser for the public key */
    _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (state->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (state->chooser),
                                     PSI_CERTIFICATE_PUBLIC_KEY_NAME);
  g_signal_connect_object (state->chooser, "response", G_CALLBACK (key_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (state->chooser));
}

/* win.verify-certificate */

PsiCertificateVerifyDialog *
psi_window_verify_certificate (PsiWindow *self,
                               GFile     *file)
{
  PsiCertificateVerifyDialog *dialog;

  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = psi_certificate_verify_dialog_new (GTK_WINDOW (self), file);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
verify_chooser_response_cb (PsiWindow            *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);
  if (file != NULL)
    psi_window_verify_certificate (self, file);
}

static void
verify_certificate_activated_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  PsiWindow *self = PSI_WINDOW (user_data);
  State *state = get_state (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* Translators: the file type in the file chooser of Verify Certificate */
  gtk_file_filter_set_name (filter, _("Certificate files (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");

  clear_chooser (self);
  state->chooser = gtk_file_chooser_native_new (
    /* Translators: title of the file chooser of Verify Certificate */
    _("Verify a Certificate"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
    /* Translators: the accept button of the file chooser of Verify Certificate */
    _("_Verify"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (state->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (state->chooser), filter);
  g_signal_connect_object (state->chooser, "response", G_CALLBACK (verify_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (state->chooser));
}

static const GActionEntry certificate_actions[] = {
  { "print-certificates", print_certificates_activated_cb },
  { "export-certificates", export_certificates_activated_cb },
  { "export-public-key", export_public_key_activated_cb },
  { "verify-certificate", verify_certificate_activated_cb },
};

static void
destroy_cb (PsiWindow *self)
{
  /* Stops what is under way and closes the chooser with the window */
  g_object_set_data (G_OBJECT (self), STATE_KEY, NULL);
}

void
_psi_window_certificates_init (PsiWindow *self)
{
  State *state = g_new0 (State, 1);
  const PsiRecordKind kinds[] = { PSI_RECORD_KIND_AWARD, PSI_RECORD_KIND_COMPETITION };

  g_return_if_fail (PSI_IS_WINDOW (self));

  state->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), STATE_KEY, state, state_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), certificate_actions,
                                   G_N_ELEMENTS (certificate_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_signal_connect_object (psi_window_get_page (self, kinds[i]), "notify::selected-id",
                             G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::section", G_CALLBACK (changed_cb), NULL);
  g_signal_connect (self, "destroy", G_CALLBACK (destroy_cb), NULL);
  update_actions (self);
}

PsiCertificatePreview *
psi_window_show_certificates (PsiWindow *self)
{
  g_autoptr(GArray) award_ids = NULL;
  gint64 competition_id = 0;
  PsiCertificatePreview *preview;

  g_return_val_if_fail (PSI_IS_WINDOW (self), NULL);

  if (!get_choice (self, &award_ids, &competition_id))
    return NULL;
  preview = psi_certificate_preview_new (GTK_WINDOW (self),
                                         psi_store_get_path (psi_window_get_store (self)),
                                         award_ids, competition_id);
  gtk_window_present (GTK_WINDOW (preview));
  return preview;
}
