/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-store.h"

G_BEGIN_DECLS

/* The sample conference (the PSI year-end conference of 16 December 2020), shipped as
 * data/sample/psi-year-end-conference-2020.xml and embedded as a GResource. */

#define PSI_SAMPLE_RESOURCE "/io/github/psirecords/PsiRecords/sample/psi-year-end-conference-2020.xml"

gboolean   psi_sample_load_into     (PsiStore    *store,
                                     GError     **error);
/* Opens (creating when missing) the records file at path exactly as the app does: migrations,
 * then the sample on first use (when the file holds no records). */
PsiStore  *psi_sample_open_store    (const char  *path,
                                     GError     **error);
/* $XDG_DATA_HOME/psi-records/records.db (new string) */
char      *psi_sample_default_path  (void);

G_END_DECLS
