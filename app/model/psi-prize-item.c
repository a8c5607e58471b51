/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-prize-item"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-prize-item.h"

#include "psi-enum-types.h"
#include "psi-model-private.h"

struct _PsiPrizeItem
{
  GObject      parent_instance;

  PsiText     *label;
  PsiItemKind  item_kind;
  guint        count;
};

G_DEFINE_FINAL_TYPE (PsiPrizeItem, psi_prize_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM_KIND,
  PROP_COUNT,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psi_prize_item_finalize (GObject *object)
{
  PsiPrizeItem *self = PSI_PRIZE_ITEM (object);

  g_clear_pointer (&self->label, psi_text_unref);

  G_OBJECT_CLASS (psi_prize_item_parent_class)->finalize (object);
}

static void
psi_prize_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PsiPrizeItem *self = PSI_PRIZE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ITEM_KIND:
      g_value_set_enum (value, psi_prize_item_get_item_kind (self));
      break;

    case PROP_COUNT:
      g_value_set_uint (value, psi_prize_item_get_count (self));
      break;

    case PROP_LABEL:
      g_value_set_boxed (value, psi_prize_item_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_prize_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PsiPrizeItem *self = PSI_PRIZE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ITEM_KIND:
      psi_prize_item_set_item_kind (self, g_value_get_enum (value));
      break;

    case PROP_COUNT:
      psi_prize_item_set_count (self, g_value_get_uint (value));
      break;

    case PROP_LABEL:
      psi_prize_item_set_label (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_prize_item_class_init (PsiPrizeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psi_prize_item_finalize;
  object_class->get_property = psi_prize_item_get_property;
  object_class->set_property = psi_prize_item_set_property;

  properties[PROP_ITEM_KIND] =
    g_param_spec_enum ("item-kind", NULL, NULL,
                       PSI_TYPE_ITEM_KIND, PSI_ITEM_KIND_LAPTOP,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LABEL] =
    g_param_spec_boxed ("label", NULL, NULL,
                        PSI_TYPE_TEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psi_prize_item_init (PsiPrizeItem *self)
{
  self->label = psi_text_new_empty ();
}

PsiPrizeItem *
psi_prize_item_new (PsiItemKind kind,
                    guint       count)
{
  return g_object_new (PSI_TYPE_PRIZE_ITEM,
                       "item-kind", kind,
                       "count", count,
                       NULL);
}

PsiItemKind
psi_prize_item_get_item_kind (PsiPrizeItem *self)
{
  g_return_val_if_fail (PSI_IS_PRIZE_ITEM (self), 0);

  return self->item_kind;
}

void
psi_prize_item_set_item_kind (PsiPrizeItem *self,
                              PsiItemKind   item_kind)
{
  g_return_if_fail (PSI_IS_PRIZE_ITEM (self));

  if (self->item_kind == item_kind)
    return;

  self->item_kind = item_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_KIND]);
}

guint
psi_prize_item_get_count (PsiPrizeItem *self)
{
  g_return_val_if_fail (PSI_IS_PRIZE_ITEM (self), 0);

  return self->count;
}

void
psi_prize_item_set_count (PsiPrizeItem *self,
                          guint         count)
{
  g_return_if_fail (PSI_IS_PRIZE_ITEM (self));

  if (self->count == count)
    return;

  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/* Never NULL: the empty text when not set. */
PsiText *
psi_prize_item_get_label (PsiPrizeItem *self)
{
  g_return_val_if_fail (PSI_IS_PRIZE_ITEM (self), NULL);

  return self->label;
}

void
psi_prize_item_set_label (PsiPrizeItem *self,
                          PsiText      *label)
{
  g_return_if_fail (PSI_IS_PRIZE_ITEM (self));

  if (!_psi_text_set (&self->label, label))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

char *
psi_prize_item_dup_description (PsiPrizeItem *self)
{
  const char *label;

  g_return_val_if_fail (PSI_IS_PRIZE_ITEM (self), NULL);

  label = psi_text_get_current (self->label);

  if (self->count == 0)
    {
      if (self->item_kind == PSI_ITEM_KIND_OTHER && label[0] != '\0')
        return g_strdup (label);

      return g_strdup (psi_enum_to_label (PSI_TYPE_ITEM_KIND, self->item_kind));
    }

  switch (self->item_kind)
    {
    case PSI_ITEM_KIND_LAPTOP:
      /* Translators: an in-kind prize */
      return g_strdup_printf (ngettext ("%u laptop", "%u laptops", self->count), self->count);

    case PSI_ITEM_KIND_PRINTER:
      /* Translators: an in-kind prize */
      return g_strdup_printf (ngettext ("%u printer", "%u printers", self->count), self->count);

    case PSI_ITEM_KIND_OTHER:
    default:
      if (label[0] != '\0')
        /* Translators: an in-kind prize: how many, then what, e.g. "3 × Projector" */
        return g_strdup_printf (ngettext ("%u × %s", "%u × %s", self->count),
                                self->count, label);

      /* Translators: an in-kind prize of equipment the source does not describe */
      return g_strdup_printf (ngettext ("%u item of other equipment",
                                        "%u items of other equipment", self->count),
                              self->count);
    }
}
