/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-model.h"

G_BEGIN_DECLS

/* Shared by the importer and the exporter. */

/* The element name of a kind of record ("award"). */
const char  *_psi_xml_kind_element    (PsiRecordKind  kind);

/* Everything of record the format carries, as one string, references written as ids: two
 * records with equal keys are written to XML alike. NULL when a text cannot be written. */
char        *_psi_xml_dup_record_key  (PsiRecord     *record);

/* TRUE when str is UTF-8 without control characters (other than tab and line breaks), so that
 * an XML parser can read it back. */
gboolean     _psi_xml_text_is_writable (const char   *str);

G_END_DECLS
