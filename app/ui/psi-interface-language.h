/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The language of the interface, switched while the app runs.
 *
 * A language is named by a code: "ky", "ru", "en", or "" for "follow the system". Applying one
 * sets LANGUAGE (Kyrgyz as "ky:ru", so that GTK's own strings, which have almost no Kyrgyz
 * catalog, fall back to Russian rather than English), flushes gettext's cache and sets the
 * language of record names (psi_language_set_current ()). Widgets built before the switch keep
 * their old strings: GtkBuilder translates when it parses, so windows are rebuilt afterwards
 * (PsiApplication does it). */

/* Remembers the system's LANGUAGE and gettext set-up; call once, first thing in main (). */
void         psi_interface_language_init        (const char *localedir);
gboolean     psi_interface_language_is_valid    (const char *code);
/* Returns FALSE and changes nothing for an unknown code. */
gboolean     psi_interface_language_apply       (const char *code);
/* The code last applied: "", "ky", "ru" or "en". */
const char  *psi_interface_language_get         (void);
/* The --language value in argv, if any ("--language X" or "--language=X"), else NULL. */
const char  *psi_interface_language_from_args   (int         argc,
                                                 char      **argv);
/* The saved choice of the GSettings key "language", or "" without a schema. */
char        *psi_interface_language_dup_saved   (void);
/* The app's settings, or NULL when the schema is not installed. */
GSettings   *psi_settings_new_if_installed      (void);

G_END_DECLS
