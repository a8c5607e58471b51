/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-model.h"

G_BEGIN_DECLS

/* How the interface writes values: every function returns a new, translated string in the
 * current gettext language (record names in psi_language_get_current ()). Nothing here reads
 * LC_TIME or LC_NUMERIC: month names, word order and units come from the translations, digits
 * are grouped the same way in every language ("5 000 000", with U+202F NARROW NO-BREAK SPACE),
 * so the output is the same on a system that has no ky_KG or ru_RU locale. */

/* "5 000 000", "-1 000": digits in groups of three, separated by U+202F */
char  *psi_format_number         (gint64          number);
/* A count shown in a list: psi_format_number (), "" for 0 (unknown or none) */
char  *psi_format_count          (guint64         count);
/* "5 000 000 KGS" (Russian and Kyrgyz: "5 000 000 сом"); "" for 0 or less (no grant) */
char  *psi_format_grant          (gint64          grant_kgs);
/* "16 December 2020" from "2020-12-16", "December 2020" from "2020-12", "2020" from "2020";
 * "" for NULL and for anything else (not a real date, other separators, trailing text) */
char  *psi_format_date           (const char     *iso_date);
/* "9 clusters", "26 municipalities"; "" for an unknown (0) count */
char  *psi_format_entrants       (PsiEntrantKind  kind,
                                  guint           count);
/* "1st place"-style label: "Place 1"; "" for 0 */
char  *psi_format_place          (guint           place);
/* "Certificate, 3 × Laptop" from the award's certificate flag and items */
char  *psi_format_prizes         (PsiAward       *award);
/* The line that stands for a record in a list of linked records */
char  *psi_format_record_summary (PsiRecord      *record);
/* Translated name of a record kind, plural: "Municipalities" */
const char *psi_format_kind_plural (PsiRecordKind kind);

/* Names missing in the current language (psi_language_get_current ()).
 * TRUE when text is not empty but has nothing in the current language, so that
 * psi_text_get_current () gives another one; *shown (may be NULL) receives that language. */
gboolean    psi_format_get_fallback     (const PsiText *text,
                                         PsiLanguage   *shown);
/* The mark after such a text: the upper-case code of the language shown, "RU"; "" when the
 * text is shown in the current language or is empty. */
char       *psi_format_fallback_code    (const PsiText *text);
/* What the mark means, "No Kyrgyz name; shown in Russian", for the current language and the
 * language shown; "" when they are the same. */
const char *psi_format_fallback_tooltip (PsiLanguage    shown);

G_END_DECLS
