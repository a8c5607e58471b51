/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* PsiApplication: command line (--database PATH, --check, --version), application actions
 * (app.quit, app.about) and the main window. --check and --version run without a display. */

#define PSI_TYPE_APPLICATION (psi_application_get_type ())

G_DECLARE_FINAL_TYPE (PsiApplication, psi_application, PSI, APPLICATION, GtkApplication)

PsiApplication *psi_application_new           (void);
/* The records file the application opens: --database, else psi_sample_default_path (). */
const char     *psi_application_get_database  (PsiApplication *self);

G_END_DECLS
