/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-enums.h"

G_BEGIN_DECLS

/* The language in which records are shown. Defaults to the first of ky, ru, en found in
 * g_get_language_names (), else English. The UI sets it when the interface language changes. */
PsiLanguage  psi_language_get_current  (void);
void         psi_language_set_current  (PsiLanguage  language);
/* "en", "ru", "ky" (also used as xml:lang) */
const char  *psi_language_to_code      (PsiLanguage  language);
gboolean     psi_language_from_code    (const char  *code,
                                        PsiLanguage *language);
/* The defined fallback order, starting with language itself:
 *   ky: ky, ru, en    ru: ru, ky, en    en: en, ru, ky */
const PsiLanguage *psi_language_get_fallbacks (PsiLanguage language);

G_END_DECLS
