/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/xmlschemas.h>

G_BEGIN_DECLS

/* The XML Schema of the records format (data/psi-records-1.xsd), compiled into the app as a
 * GResource and parsed once. */

#define PSI_XML_NAMESPACE        "urn:psi-records:conference:1"
#define PSI_XML_VERSION          "1"
#define PSI_XML_SCHEMA_RESOURCE  "/io/github/psirecords/PsiRecords/schema/psi-records-1.xsd"

/* The parsed schema, shared and never freed; NULL (with a critical) when the resource is
 * missing or does not compile, which is a build error. */
xmlSchemaPtr  psi_xml_schema_get         (void);
/* The schema's text. */
GBytes       *psi_xml_schema_dup_bytes   (void);

G_END_DECLS
