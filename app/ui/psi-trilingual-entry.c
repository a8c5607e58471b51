/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-trilingual-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-trilingual-entry.h"

#include "psi-ui-scope.h"

struct _PsiTrilingualEntry
{
  GtkWidget  parent_instance;

  GtkEntry  *ky_entry;
  GtkEntry  *ru_entry;
  GtkEntry  *en_entry;
  guint      setting;
};

G_DEFINE_FINAL_TYPE (PsiTrilingualEntry, psi_trilingual_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_changed_cb (PsiTrilingualEntry *self,
                  GtkEditable        *entry)
{
  g_assert (PSI_IS_TRILINGUAL_ENTRY (self));

  if (self->setting > 0)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
psi_trilingual_entry_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSI_TYPE_TRILINGUAL_ENTRY);
  /* The box that holds the entries is not a bound child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (psi_trilingual_entry_parent_class)->dispose (object);
}

static void
psi_trilingual_entry_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PsiTrilingualEntry *self = PSI_TRILINGUAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_boxed (value, psi_trilingual_entry_dup_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_trilingual_entry_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PsiTrilingualEntry *self = PSI_TRILINGUAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      psi_trilingual_entry_set_text (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_trilingual_entry_class_init (PsiTrilingualEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_trilingual_entry_dispose;
  object_class->get_property = psi_trilingual_entry_get_property;
  object_class->set_property = psi_trilingual_entry_set_property;

  properties[PROP_TEXT] =
    g_param_spec_boxed ("text", NULL, NULL,
                        PSI_TYPE_TEXT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  psi_ui_ensure_types ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/editors/psi-trilingual-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiTrilingualEntry, ky_entry);
  gtk_widget_class_bind_template_child (widget_class, PsiTrilingualEntry, ru_entry);
  gtk_widget_class_bind_template_child (widget_class, PsiTrilingualEntry, en_entry);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "psi-trilingual-entry");
}

static void
psi_trilingual_entry_init (PsiTrilingualEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ky_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kyrgyz"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ru_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Russian"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->en_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("English"), -1);
}

GtkWidget *
psi_trilingual_entry_new (void)
{
  return g_object_new (PSI_TYPE_TRILINGUAL_ENTRY, NULL);
}

PsiText *
psi_trilingual_entry_dup_text (PsiTrilingualEntry *self)
{
  g_autofree char *en = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *ky = NULL;

  g_return_val_if_fail (PSI_IS_TRILINGUAL_ENTRY (self), NULL);

  en = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->en_entry))));
  ru = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ru_entry))));
  ky = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ky_entry))));
  return psi_text_new (*en ? en : NULL, *ru ? ru : NULL, *ky ? ky : NULL);
}

void
psi_trilingual_entry_set_text (PsiTrilingualEntry *self,
                               PsiText            *text)
{
  g_return_if_fail (PSI_IS_TRILINGUAL_ENTRY (self));

  self->setting++;
  gtk_editable_set_text (GTK_EDITABLE (self->en_entry),
                         text ? psi_text_get_exact (text, PSI_LANGUAGE_EN) ?: "" : "");
  gtk_editable_set_text (GTK_EDITABLE (self->ru_entry),
                         text ? psi_text_get_exact (text, PSI_LANGUAGE_RU) ?: "" : "");
  gtk_editable_set_text (GTK_EDITABLE (self->ky_entry),
                         text ? psi_text_get_exact (text, PSI_LANGUAGE_KY) ?: "" : "");
  self->setting--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkEditable *
psi_trilingual_entry_get_entry (PsiTrilingualEntry *self,
                                PsiLanguage         language)
{
  g_return_val_if_fail (PSI_IS_TRILINGUAL_ENTRY (self), NULL);

  switch (language)
    {
    case PSI_LANGUAGE_KY: return GTK_EDITABLE (self->ky_entry);
    case PSI_LANGUAGE_RU: return GTK_EDITABLE (self->ru_entry);
    case PSI_LANGUAGE_EN:
    default:
      return GTK_EDITABLE (self->en_entry);
    }
}
