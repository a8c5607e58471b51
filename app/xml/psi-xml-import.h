/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* Reading conference records from XML in the urn:psi-records:conference:1 format (see
 * data/README.md) into a store, in one transaction: the whole file is applied or nothing.
 * Records are matched by their uuid: one already in the store is updated, not duplicated, and
 * left alone when the file holds it unchanged.
 *
 * The input is streamed through libxml2's push parser (network off, no entity substitution,
 * no DTD at all, no XInclude, never un-gzipped, default limits, size and depth capped) and
 * validated against the shipped XML Schema (psi-xml-schema.h) in the same pass; records are
 * built one at a time, so memory does not grow with the file. Errors are PSI_XML_ERROR with a
 * translated message naming the file, line and column and what is wrong. */

#define PSI_XML_ERROR (psi_xml_error_quark ())

typedef enum
{
  PSI_XML_ERROR_MALFORMED,   /* not well-formed XML, bad encoding, too deep, too large */
  PSI_XML_ERROR_INVALID,     /* well-formed, but not our format (wrong element, bad value) */
  PSI_XML_ERROR_REFERENCE,   /* refers to a record that is neither in the file nor the store */
  PSI_XML_ERROR_STORE,       /* the store refused a record */
  PSI_XML_ERROR_WRITE,       /* an export could not be written */
} PsiXmlError;

typedef enum
{
  PSI_XML_IMPORT_DEFAULT = 0,
  /* Read and check everything, count what would change, then roll back. */
  PSI_XML_IMPORT_DRY_RUN = 1 << 0,
} PsiXmlImportFlags;

/* What an import changed (or, for a dry run, would change), per kind of record. */
typedef struct
{
  guint n_new[PSI_N_RECORD_KINDS];
  guint n_changed[PSI_N_RECORD_KINDS];
  guint n_unchanged[PSI_N_RECORD_KINDS];
} PsiXmlImportSummary;

GQuark    psi_xml_error_quark         (void);

/* display_name names the input in messages (a file name). summary may be NULL; it is filled
 * only on success. */
gboolean  psi_xml_import_stream       (PsiStore             *store,
                                       GInputStream         *stream,
                                       const char           *display_name,
                                       PsiXmlImportFlags     flags,
                                       PsiXmlImportSummary  *summary,
                                       GCancellable         *cancellable,
                                       GError              **error);
gboolean  psi_xml_import_bytes        (PsiStore             *store,
                                       GBytes               *bytes,
                                       const char           *display_name,
                                       GError              **error);
gboolean  psi_xml_import_file         (PsiStore             *store,
                                       GFile                *file,
                                       GError              **error);
gboolean  psi_xml_import_file_full    (PsiStore             *store,
                                       GFile                *file,
                                       PsiXmlImportFlags     flags,
                                       PsiXmlImportSummary  *summary,
                                       GCancellable         *cancellable,
                                       GError              **error);

/* Totals over every kind. */
guint     psi_xml_import_summary_get_n_new       (const PsiXmlImportSummary *summary);
guint     psi_xml_import_summary_get_n_changed   (const PsiXmlImportSummary *summary);
guint     psi_xml_import_summary_get_n_unchanged (const PsiXmlImportSummary *summary);

G_END_DECLS
