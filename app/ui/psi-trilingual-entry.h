/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-model.h"

G_BEGIN_DECLS

/* PsiTrilingualEntry: a name or text in Kyrgyz, Russian and English, edited side by side in
 * three entries, each marked with its language (KY, RU, EN).
 *
 * Properties: text (PsiText; never NULL when read: empty entries give NULL languages).
 * Signals: changed () when any of the three entries changes. */

#define PSI_TYPE_TRILINGUAL_ENTRY (psi_trilingual_entry_get_type ())

G_DECLARE_FINAL_TYPE (PsiTrilingualEntry, psi_trilingual_entry, PSI, TRILINGUAL_ENTRY, GtkWidget)

GtkWidget  *psi_trilingual_entry_new        (void);
/* A new reference; never NULL. */
PsiText    *psi_trilingual_entry_dup_text   (PsiTrilingualEntry *self);
void        psi_trilingual_entry_set_text   (PsiTrilingualEntry *self,
                                             PsiText            *text);
/* The entry of one language, for tests and focus. */
GtkEditable *psi_trilingual_entry_get_entry (PsiTrilingualEntry *self,
                                             PsiLanguage         language);

G_END_DECLS
