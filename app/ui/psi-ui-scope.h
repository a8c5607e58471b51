/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-model.h"

G_BEGIN_DECLS

/* The GtkBuilderScope of the column files (ui/columns/psi-KIND-columns.ui): the closure
 * functions their expressions call, e.g. psi_ui_text_current (PsiText) -> string in the current
 * language, psi_ui_enum_label ("PsiAwardKind", value) -> translated label,
 * psi_ui_fallback_code (PsiText) -> "" or "RU" (the language a name is shown in when it has none
 * in the current one), psi_ui_fallback_tooltip ("RU") -> what that mark means,
 * psi_ui_not_empty (string) -> gboolean, for "visible". */
GtkBuilderScope *psi_ui_scope_new          (void);
/* Registers the model types and the UI resources; call before loading any .ui file. */
void             psi_ui_ensure_types       (void);
/* Loads ui/style.css once per display. */
void             psi_ui_ensure_style       (GdkDisplay    *display);
/* Resource path of the column file of a kind, e.g. ".../columns/psi-award-columns.ui" */
char            *psi_ui_dup_columns_path   (PsiRecordKind  kind);

G_END_DECLS
