/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-import-dialog.h"

#include "psi-format.h"
#include "psi-xml-task.h"

struct _PsiImportDialog
{
  GtkWindow            parent_instance;

  PsiStore            *store;
  GFile               *file;
  GCancellable        *cancellable;
  const char          *state;
  char                *error_text;
  PsiXmlImportSummary  summary;
  gboolean             have_summary;

  GtkLabel            *heading_label;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  GtkGrid             *summary_grid;
  GtkProgressBar      *progress_bar;
  GtkLabel            *error_label;
  GtkButton           *cancel_button;
};

G_DEFINE_FINAL_TYPE (PsiImportDialog, psi_import_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows of the preview, in the order of the command line's report. */
static const PsiRecordKind preview_kinds[] = {
  PSI_RECORD_KIND_EVENT,
  PSI_RECORD_KIND_COMPETITION,
  PSI_RECORD_KIND_AWARD,
  PSI_RECORD_KIND_REGION,
  PSI_RECORD_KIND_DISTRICT,
  PSI_RECORD_KIND_MUNICIPALITY,
  PSI_RECORD_KIND_CLUSTER,
  PSI_RECORD_KIND_ORGANISATION,
  PSI_RECORD_KIND_OFFICIAL,
  PSI_RECORD_KIND_AGREEMENT,
};

static void
set_state (PsiImportDialog *self,
           const char      *state)
{
  gboolean working;

  g_assert (state != NULL);

  self->state = g_intern_string (state);
  working = g_str_equal (state, "reading") || g_str_equal (state, "importing");

  if (!g_str_equal (state, "done"))
    gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "reading"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply",
                                 g_str_equal (state, "preview"));
  if (working || g_str_equal (state, "preview"))
    /* Translators: button of the import window: stop the work, or close without importing */
    gtk_button_set_label (self->cancel_button, _("_Cancel"));
  else
    /* Translators: button of the import window once it failed or was cancelled */
    gtk_button_set_label (self->cancel_button, _("_Close"));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_error (PsiImportDialog *self,
            const GError    *error)
{
  g_free (self->error_text);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: in the import window after Cancel */
    self->error_text = g_strdup (_("The import was cancelled."));
  else
    self->error_text = g_strdup (error->message);
  gtk_label_set_text (self->error_label, self->error_text);
  set_state (self, "error");
}

static GtkWidget *
count_label (guint count)
{
  g_autofree char *text = psi_format_number (count);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_preview (PsiImportDialog *self)
{
  const PsiXmlImportSummary *s = &self->summary;
  int row = 1;

  for (guint i = 0; i < G_N_ELEMENTS (preview_kinds); i++)
    {
      PsiRecordKind kind = preview_kinds[i];
      GtkWidget *label;

      if (s->n_new[kind] + s->n_changed[kind] + s->n_unchanged[kind] == 0)
        continue;

      label = gtk_label_new (psi_format_kind_plural (kind));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_grid_attach (self->summary_grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->summary_grid, count_label (s->n_new[kind]), 1, row, 1, 1);
      gtk_grid_attach (self->summary_grid, count_label (s->n_changed[kind]), 2, row, 1, 1);
      gtk_grid_attach (self->summary_grid, count_label (s->n_unchanged[kind]), 3, row, 1, 1);
      row++;
    }

  if (row == 1)
    {
      /* Translators: in the import preview, when the file holds no records at all */
      GtkWidget *label = gtk_label_new (_("The file holds no records."));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_grid_attach (self->summary_grid, label, 0, row, 4, 1);
    }
}

static void
progress_cb (gpointer source_object,
             double   fraction,
             gpointer user_data)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (source_object);

  if (self->state == g_intern_static_string ("importing") &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);

  if (!psi_xml_import_file_finish (result, &self->summary, &error))
    {
      /* Closed while reading: nothing more to show. */
      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        return;
      show_error (self, error);
      return;
    }

  self->have_summary = TRUE;
  fill_preview (self);
  set_state (self, "preview");
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  PsiXmlImportSummary summary;

  g_clear_object (&self->cancellable);

  if (!psi_xml_import_file_finish (result, &summary, &error))
    {
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        show_error (self, error);
      return;
    }

  /* Even when the window was closed meanwhile: the records did change. */
  self->summary = summary;
  psi_store_notify_external_change (self->store);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      self->state = g_intern_static_string ("done");
      g_signal_emit (self, signals[IMPORTED], 0, self->file, &self->summary);
      return;
    }
  set_state (self, "done");
  g_signal_emit (self, signals[IMPORTED], 0, self->file, &self->summary);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (widget);

  if (self->state != g_intern_static_string ("preview"))
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_state (self, "importing");
  self->cancellable = g_cancellable_new ();
  psi_xml_import_file_async (self, psi_store_get_path (self->store), self->file,
                             PSI_XML_IMPORT_DEFAULT, self->cancellable, progress_cb, NULL,
                             import_done_cb, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (widget);

  /* Importing: stop, roll back, and say so (import_done_cb). */
  if (self->state == g_intern_static_string ("importing") && self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
psi_import_dialog_close_request (GtkWindow *window)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (psi_import_dialog_parent_class)->close_request (window);
}

static void
psi_import_dialog_dispose (GObject *object)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (psi_import_dialog_parent_class)->dispose (object);
}

static void
psi_import_dialog_finalize (GObject *object)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->store);
  g_free (self->error_text);

  G_OBJECT_CLASS (psi_import_dialog_parent_class)->finalize (object);
}

static void
psi_import_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PsiImportDialog *self = PSI_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, psi_import_dialog_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_import_dialog_class_init (PsiImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = psi_import_dialog_dispose;
  object_class->finalize = psi_import_dialog_finalize;
  object_class->get_property = psi_import_dialog_get_property;
  window_class->close_request = psi_import_dialog_close_request;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL,
                         "reading",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PsiImportDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
psi_import_dialog_init (PsiImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_state (self, "reading");
}

PsiImportDialog *
psi_import_dialog_new (GtkWindow *parent,
                       PsiStore  *store)
{
  PsiImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PSI_IS_STORE (store), NULL);

  self = g_object_new (PSI_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

void
psi_import_dialog_set_file (PsiImportDialog *self,
                            GFile           *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (PSI_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->file == NULL);

  self->file = g_object_ref (file);
  basename = g_file_get_basename (file);
  display_name = g_filename_display_name (basename != NULL ? basename : "");
  /* Translators: heading of the import window; %s is the name of an XML file */
  heading = g_strdup_printf (_("Import “%s”"), display_name);
  gtk_label_set_text (self->heading_label, heading);

  set_state (self, "reading");
  self->cancellable = g_cancellable_new ();
  psi_xml_import_file_async (self, psi_store_get_path (self->store), file,
                             PSI_XML_IMPORT_DRY_RUN, self->cancellable, NULL, NULL,
                             preview_done_cb, NULL);
}

GFile *
psi_import_dialog_get_file (PsiImportDialog *self)
{
  g_return_val_if_fail (PSI_IS_IMPORT_DIALOG (self), NULL);

  return self->file;
}

const char *
psi_import_dialog_get_state (PsiImportDialog *self)
{
  g_return_val_if_fail (PSI_IS_IMPORT_DIALOG (self), NULL);

  return self->state;
}

const PsiXmlImportSummary *
psi_import_dialog_get_summary (PsiImportDialog *self)
{
  g_return_val_if_fail (PSI_IS_IMPORT_DIALOG (self), NULL);

  if (!self->have_summary || g_str_equal (self->state, "error"))
    return NULL;
  return &self->summary;
}

const char *
psi_import_dialog_get_error (PsiImportDialog *self)
{
  g_return_val_if_fail (PSI_IS_IMPORT_DIALOG (self), NULL);

  return g_str_equal (self->state, "error") ? self->error_text : NULL;
}

char *
psi_import_dialog_dup_preview_text (PsiImportDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PSI_IS_IMPORT_DIALOG (self), NULL);

  for (int row = 1; gtk_grid_get_child_at (self->summary_grid, 0, row) != NULL; row++)
    {
      for (int column = 0; column < 4; column++)
        {
          GtkWidget *child = gtk_grid_get_child_at (self->summary_grid, column, row);

          if (column > 0)
            g_string_append_c (text, '\t');
          if (GTK_IS_LABEL (child))
            g_string_append (text, gtk_label_get_text (GTK_LABEL (child)));
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
