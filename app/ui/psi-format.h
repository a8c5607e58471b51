/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-model.h"

G_BEGIN_DECLS

/* How the interface writes values: every function returns a new, translated string in the
 * current gettext language (record names in psi_language_get_current ()). */

/* "5 000 000 KGS", digits grouped with narrow no-break spaces; "" for 0 */
char  *psi_format_grant          (gint64          grant_kgs);
/* "16 December 2020" from "2020-12-16" (also "2020-12", "2020"); "" for NULL or garbage */
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

G_END_DECLS
