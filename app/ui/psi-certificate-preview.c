/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-certificate-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-certificate-preview.h"

#include "psi-certificate-task.h"
#include "psi-ui-scope.h"

struct _PsiCertificatePreview
{
  GtkWindow             parent_instance;

  GPtrArray            *docs;          /* xmlDocPtr, signed; NULL until loaded */
  guint                 page;
  char                 *problem;
  gboolean              loading;
  gboolean              exporting;
  GCancellable         *cancellable;   /* loading and the PDF export */
  GtkFileChooserNative *chooser;
  GFile                *pdf_file;      /* the PDF being written */

  GtkDropDown          *language_dropdown;
  GtkLabel             *page_label;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkDrawingArea       *page_area;
  GtkLabel             *message_label;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
};

G_DEFINE_FINAL_TYPE (PsiCertificatePreview, psi_certificate_preview, GTK_TYPE_WINDOW)

/* The order of the choices in the drop-down */
static const PsiCertificatePdfLanguage dropdown_languages[] = {
  PSI_CERTIFICATE_PDF_KY,
  PSI_CERTIFICATE_PDF_RU,
  PSI_CERTIFICATE_PDF_EN,
  PSI_CERTIFICATE_PDF_TRILINGUAL,
};

static void
update (PsiCertificatePreview *self)
{
  guint n = self->docs != NULL ? self->docs->len : 0;
  gboolean ready = n > 0 && self->problem == NULL && !self->loading;

  if (self->loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (self->problem != NULL)
    {
      gtk_label_set_text (self->message_label, self->problem);
      gtk_stack_set_visible_child_name (self->stack, "message");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "page");
  gtk_spinner_set_spinning (self->spinner, self->loading);

  if (n > 0)
    {
      /* Translators: Certificates window, which page is shown: "Certificate 2 of 7" */
      g_autofree char *text = g_strdup_printf (_("Certificate %u of %u"), self->page + 1, n);

      gtk_label_set_text (self->page_label, text);
    }
  else
    gtk_label_set_text (self->page_label, "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.print", ready && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.export-pdf",
                                 ready && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.cancel-export", self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous",
                                 !self->problem && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next",
                                 !self->problem && self->page + 1 < n);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), !self->exporting);
  gtk_widget_set_visible (self->progress_box, self->exporting);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
}

static void
check (PsiCertificatePreview *self)
{
  g_autoptr(GError) error = NULL;

  if (self->docs == NULL)
    return;
  g_clear_pointer (&self->problem, g_free);
  if (!psi_certificate_pdf_check_docs (self->docs, psi_certificate_preview_get_language (self),
                                       &error))
    self->problem = g_strdup (error->message);
  update (self);
}

static void
set_status (PsiCertificatePreview *self,
            const char            *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (user_data);
  double scale, w, h;

  if (self->docs == NULL || self->page >= self->docs->len || self->problem != NULL)
    return;

  /* The page with a margin and a shadow, as on a desk */
  scale = MIN ((width - 24) / PSI_CERTIFICATE_PAGE_WIDTH,
               (height - 24) / PSI_CERTIFICATE_PAGE_HEIGHT);
  if (scale <= 0)
    return;
  w = PSI_CERTIFICATE_PAGE_WIDTH * scale;
  h = PSI_CERTIFICATE_PAGE_HEIGHT * scale;
  cairo_translate (cr, (width - w) / 2, (height - h) / 2);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, 3, 3, w, h);
  cairo_fill (cr);
  psi_certificate_draw_page (cr, g_ptr_array_index (self->docs, self->page),
                             psi_certificate_preview_get_language (self), w, h);
}

static void
language_changed_cb (PsiCertificatePreview *self,
                     GParamSpec            *pspec,
                     GtkDropDown           *dropdown)
{
  set_status (self, NULL);
  check (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PsiCertificatePreview) self = user_data;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = psi_certificate_load_docs_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  self->loading = FALSE;
  if (docs == NULL)
    {
      self->problem = g_strdup (error->message);
      update (self);
      return;
    }
  self->docs = g_steal_pointer (&docs);
  self->page = 0;
  check (self);
}

/* Printing */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  GPtrArray *docs = g_object_get_data (G_OBJECT (operation), "psi-docs");

  gtk_print_operation_set_n_pages (operation, docs->len);
}

static void
draw_print_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    gpointer           user_data)
{
  GPtrArray *docs = g_object_get_data (G_OBJECT (operation), "psi-docs");
  PsiCertificatePdfLanguage language = GPOINTER_TO_UINT (user_data);

  if (page_nr < 0 || (guint) page_nr >= docs->len)
    return;
  psi_certificate_draw_page (gtk_print_context_get_cairo_context (context),
                             g_ptr_array_index (docs, page_nr), language,
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  GtkWindow *parent = user_data;
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  if (error != NULL && PSI_IS_CERTIFICATE_PREVIEW (parent) &&
      !gtk_widget_in_destruction (GTK_WIDGET (parent)))
    set_status (PSI_CERTIFICATE_PREVIEW (parent), error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!psi_certificate_preview_print (self, NULL, &error) && error != NULL)
    set_status (self, error->message);
}

/* PDF */

static void
progress_cb (gpointer source_object,
             guint    n_done,
             guint    n_pages,
             gpointer user_data)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (source_object);
  g_autofree char *text = NULL;

  if (!self->exporting || n_pages == 0)
    return;
  /* Translators: on the progress bar while a PDF is written: pages done, of how many */
  text = g_strdup_printf (_("Certificate %u of %u"), n_done, n_pages);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) n_done / n_pages);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
pdf_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PsiCertificatePreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  self->exporting = FALSE;
  update (self);
  if (!psi_certificate_write_pdf_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: Certificates window, after Stop while the PDF was written */
        set_status (self, _("Stopped: no PDF file was written."));
      else
        set_status (self, error->message);
      return;
    }
  name = g_file_get_parse_name (self->pdf_file);
  /* Translators: Certificates window, after Export as PDF; %u is a count, %s the file */
  text = g_strdup_printf (ngettext ("Saved %u certificate to “%s”.",
                                    "Saved %u certificates to “%s”.", self->docs->len),
                          self->docs->len, name);
  set_status (self, text);
}

static void
pdf_chooser_response_cb (PsiCertificatePreview *self,
                         int                    response,
                         GtkFileChooserNative  *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    psi_certificate_preview_export_pdf (self, file);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->docs == NULL || self->problem != NULL)
    return;

  /* Translators: the file type in the file chooser for a PDF */
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (
    /* Translators: title of the file chooser for saving certificates as PDF */
    _("Export Certificates as PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
    /* Translators: the accept button of the file chooser for a PDF */
    _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the file name proposed for certificates saved as PDF; keep .pdf */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("certificates.pdf"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (pdf_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (widget);

  if (self->exporting)
    g_cancellable_cancel (self->cancellable);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (widget);

  if (self->page > 0)
    self->page--;
  update (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (widget);

  if (self->docs != NULL && self->page + 1 < self->docs->len)
    self->page++;
  update (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
psi_certificate_preview_dispose (GObject *object)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_CERTIFICATE_PREVIEW);
  g_clear_pointer (&self->docs, g_ptr_array_unref);
  g_clear_object (&self->pdf_file);

  G_OBJECT_CLASS (psi_certificate_preview_parent_class)->dispose (object);
}

static void
psi_certificate_preview_finalize (GObject *object)
{
  PsiCertificatePreview *self = PSI_CERTIFICATE_PREVIEW (object);

  g_free (self->problem);

  G_OBJECT_CLASS (psi_certificate_preview_parent_class)->finalize (object);
}

static void
psi_certificate_preview_class_init (PsiCertificatePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_certificate_preview_dispose;
  object_class->finalize = psi_certificate_preview_finalize;

  psi_ui_ensure_types ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/psi-certificate-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, stack);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, page_area);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, message_label);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PsiCertificatePreview, status_label);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "preview.cancel-export", NULL,
                                   cancel_export_action);
  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "preview.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "preview.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next",
                                       NULL);
}

static void
psi_certificate_preview_init (PsiCertificatePreview *self)
{
  PsiLanguage language = psi_language_get_current ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->page_area, draw_page_cb, self, NULL);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (dropdown_languages); i++)
    if ((guint) dropdown_languages[i] == (guint) language)
      gtk_drop_down_set_selected (self->language_dropdown, i);
}

PsiCertificatePreview *
psi_certificate_preview_new (GtkWindow  *parent,
                             const char *store_path,
                             GArray     *award_ids,
                             gint64      competition_id)
{
  PsiCertificatePreview *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (PSI_TYPE_CERTIFICATE_PREVIEW, "transient-for", parent, NULL);
  self->loading = TRUE;
  update (self);
  psi_certificate_load_docs_async (self, store_path, award_ids, competition_id,
                                   self->cancellable, load_done_cb, g_object_ref (self));
  return self;
}

gboolean
psi_certificate_preview_get_busy (PsiCertificatePreview *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), FALSE);

  return self->loading || self->exporting;
}

guint
psi_certificate_preview_get_n_pages (PsiCertificatePreview *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), 0);

  return self->docs != NULL ? self->docs->len : 0;
}

PsiCertificatePdfLanguage
psi_certificate_preview_get_language (PsiCertificatePreview *self)
{
  guint selected;

  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), PSI_CERTIFICATE_PDF_TRILINGUAL);

  selected = gtk_drop_down_get_selected (self->language_dropdown);
  if (selected >= G_N_ELEMENTS (dropdown_languages))
    return PSI_CERTIFICATE_PDF_TRILINGUAL;
  return dropdown_languages[selected];
}

void
psi_certificate_preview_set_language (PsiCertificatePreview     *self,
                                      PsiCertificatePdfLanguage  language)
{
  g_return_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (dropdown_languages); i++)
    if (dropdown_languages[i] == language)
      gtk_drop_down_set_selected (self->language_dropdown, i);
}

const char *
psi_certificate_preview_get_problem (PsiCertificatePreview *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), NULL);

  return self->problem;
}

const char *
psi_certificate_preview_get_status (PsiCertificatePreview *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}

void
psi_certificate_preview_export_pdf (PsiCertificatePreview *self,
                                    GFile                 *file)
{
  g_return_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->docs == NULL || self->problem != NULL || self->exporting)
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->exporting = TRUE;
  g_set_object (&self->pdf_file, file);
  set_status (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  update (self);
  psi_certificate_write_pdf_async (self, self->docs, psi_certificate_preview_get_language (self),
                                   file, self->cancellable, progress_cb, NULL, pdf_done_cb,
                                   g_object_ref (self));
}

GtkWidget *
psi_certificate_preview_get_page_widget (PsiCertificatePreview *self)
{
  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), NULL);

  return GTK_WIDGET (self->page_area);
}

gboolean
psi_certificate_preview_print (PsiCertificatePreview  *self,
                               const char             *export_filename,
                               GError                **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PsiCertificatePdfLanguage language;
  GtkPrintOperationResult result;

  g_return_val_if_fail (PSI_IS_CERTIFICATE_PREVIEW (self), FALSE);

  if (self->docs == NULL || self->problem != NULL)
    return FALSE;

  language = psi_certificate_preview_get_language (self);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_n_pages (operation, self->docs->len);
  /* The pages are drawn from the documents even if this window is closed meanwhile */
  g_object_set_data_full (G_OBJECT (operation), "psi-docs", g_ptr_array_ref (self->docs),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_print_page_cb),
                    GUINT_TO_POINTER (language));
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_filename);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        GTK_WINDOW (self), error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        GTK_WINDOW (self), error);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
