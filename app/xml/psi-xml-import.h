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
 * Records are matched by their uuid: one already in the store is updated, not duplicated.
 * Parsed with libxml2's xmlTextReader (streaming), network off, no entity substitution,
 * no DTD loading, input size capped. Errors are PSI_XML_ERROR with a translated message that
 * names the file, line and what is wrong. */

#define PSI_XML_ERROR (psi_xml_error_quark ())

typedef enum
{
  PSI_XML_ERROR_MALFORMED,   /* not well-formed XML, bad encoding, too deep, too large */
  PSI_XML_ERROR_INVALID,     /* well-formed, but not our format (wrong element, bad value) */
  PSI_XML_ERROR_REFERENCE,   /* refers to a record that is neither in the file nor the store */
  PSI_XML_ERROR_STORE,       /* the store refused a record */
} PsiXmlError;

GQuark    psi_xml_error_quark         (void);

/* display_name names the input in messages (a file name). */
gboolean  psi_xml_import_bytes        (PsiStore    *store,
                                       GBytes      *bytes,
                                       const char  *display_name,
                                       GError     **error);
gboolean  psi_xml_import_file         (PsiStore    *store,
                                       GFile       *file,
                                       GError     **error);

G_END_DECLS
