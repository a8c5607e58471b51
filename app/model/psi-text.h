/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-enums.h"
#include "psi-types.h"

G_BEGIN_DECLS

/* PsiText: an immutable, reference-counted text in English, Russian and Kyrgyz.
 * Missing translations are NULL (empty strings are stored as NULL). */

#define PSI_TYPE_TEXT (psi_text_get_type ())

GType        psi_text_get_type       (void) G_GNUC_CONST;
PsiText     *psi_text_new            (const char  *en,
                                      const char  *ru,
                                      const char  *ky);
PsiText     *psi_text_new_empty      (void);
PsiText     *psi_text_ref            (PsiText     *text);
void         psi_text_unref          (PsiText     *text);
/* The text in exactly that language, or NULL. */
const char  *psi_text_get_exact      (const PsiText *text,
                                      PsiLanguage    language);
/* The text in language, else the first present in its fallback order, else "".
 * *used (may be NULL) receives the language actually used. Never NULL. */
const char  *psi_text_get            (const PsiText *text,
                                      PsiLanguage    language,
                                      PsiLanguage   *used);
/* psi_text_get () in psi_language_get_current (). text may be NULL (gives ""). */
const char  *psi_text_get_current    (const PsiText *text);
/* A new text with one language replaced. */
PsiText     *psi_text_with           (const PsiText *text,
                                      PsiLanguage    language,
                                      const char    *value);
gboolean     psi_text_is_empty       (const PsiText *text);
gboolean     psi_text_is_complete    (const PsiText *text);
gboolean     psi_text_equal          (const PsiText *a,
                                      const PsiText *b);
/* Search keys: text folded to a script-neutral skeleton in Latin letters (see psi-text.c), so
 * that Кеңеш, КЕНЕШ and Kenesh, or Теплоключенка and Teplokluchenka, give the same key and a
 * substring of one is found in the other. Always valid UTF-8, also from invalid input. */
/* The folded names of all three languages, in PsiLanguage order, separated by '\n'. */
char        *psi_text_dup_fold       (const PsiText *text);
/* The folding of one complete text. */
char        *psi_fold_string         (const char    *str);
/* The folding of a search text, which may stop in the middle of a word: a last letter whose
 * reading depends on the next one ("Okty" of Oktyabr) is left out, so that the result is
 * found in psi_fold_string () of every text that begins with str. */
char        *psi_fold_query          (const char    *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsiText, psi_text_unref)

G_END_DECLS
