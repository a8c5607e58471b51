/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-enums.h"
#include "psi-text.h"
#include "psi-types.h"

G_BEGIN_DECLS

/* An in-kind prize of an award: laptops, printers, other equipment.
 * Properties: item-kind (PsiItemKind), count (guint, 0 = not stated), label (PsiText, for
 * "other" items). */

#define PSI_TYPE_PRIZE_ITEM (psi_prize_item_get_type ())

G_DECLARE_FINAL_TYPE (PsiPrizeItem, psi_prize_item, PSI, PRIZE_ITEM, GObject)

PsiPrizeItem *psi_prize_item_new            (PsiItemKind   kind,
                                             guint         count);
PsiItemKind   psi_prize_item_get_item_kind  (PsiPrizeItem *self);
void          psi_prize_item_set_item_kind  (PsiPrizeItem *self,
                                             PsiItemKind   kind);
guint         psi_prize_item_get_count      (PsiPrizeItem *self);
void          psi_prize_item_set_count      (PsiPrizeItem *self,
                                             guint         count);
PsiText      *psi_prize_item_get_label      (PsiPrizeItem *self);
void          psi_prize_item_set_label      (PsiPrizeItem *self,
                                             PsiText      *label);
/* "Laptops", "2 × Printer", in the current language; new string */
char         *psi_prize_item_dup_description (PsiPrizeItem *self);

G_END_DECLS
